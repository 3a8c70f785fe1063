"""Turning bytes into text with clear, coded errors for empty, binary, oversized and wrongly encoded input."""

from __future__ import annotations

from newsgraph.errors import Errors, InputError

BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def decode_bytes(data: bytes, source: str, max_bytes: int) -> str:
    """Decode article bytes: BOM-aware UTF-8/16, rejecting what is not text rather than producing mojibake."""
    if len(data) > max_bytes:
        raise InputError(source, Errors.E004.fmt(size=len(data), limit=max_bytes))
    if not data.strip():
        raise InputError(source, Errors.E001.fmt())
    for enc, bom in BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), source)
            except UnicodeDecodeError:
                raise InputError(source, Errors.E003.fmt()) from None
    if b"\x00" in data[:8192]:
        raise InputError(source, Errors.E002.fmt())
    try:
        return _check_text(data.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"{Errors.E003.fmt()} (first bad byte at offset {exc.start})") from None


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(source, Errors.E001.fmt())
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(sample) * 0.05:
        raise InputError(source, Errors.E002.fmt())
    return text.replace("\r\n", "\n").replace("\r", "\n")
