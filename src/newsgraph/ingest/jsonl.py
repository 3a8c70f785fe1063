"""JSONL input: one document per line as in schema/document.md (only ``id`` and ``text`` required)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import Errors, InputError, Warnings
from newsgraph.ingest.base import RawDoc, text_hash

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
META_KEYS = ("title", "url", "outlet", "byline")


def read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """Each line becomes a RawDoc or an InputError naming file and line; one bad line never stops the rest."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(capped_lines(fh, max_bytes), start=1):
            if raw is None:
                yield InputError(f"{path}:{lineno}", Errors.E004.fmt(size=f"at least {max_bytes + 1}", limit=max_bytes))
                continue
            if not raw.strip():
                continue
            yield parse_line(raw, f"{path}:{lineno}", lineno, max_bytes)


def capped_lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of at most ``max_bytes``; a longer one is skipped in bounded reads and yields None (a 3 GB line
    without a newline must not be read into memory whole)."""
    while line := fh.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):  # complete (parse_line reports a long one)
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = fh.readline(1 << 20)
        yield None


def parse_line(raw: bytes, source: str, lineno: int, max_bytes: int) -> RawDoc | InputError:
    if len(raw) > max_bytes:
        return InputError(source, Errors.E004.fmt(size=len(raw), limit=max_bytes))
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return InputError(source, Errors.E005.fmt(line=lineno, detail=str(exc)))
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        return InputError(source, Errors.E006.fmt(line=lineno))
    text = obj["text"]
    warnings = []
    published = obj.get("published")
    if published is not None and not (isinstance(published, str) and ISO_DATE.match(published.strip())):
        warnings.append(Warnings.W004.fmt(line=lineno, value=published))
        published = None
    doc_id = obj.get("id")
    return RawDoc(
        id=str(doc_id) if doc_id not in (None, "") else text_hash(text)[:16],
        text=text,
        source=source,
        published=published.strip() if published else None,
        warnings=warnings,
        meta={"date_source": "given"} if published else {},
        **{k: obj.get(k) if isinstance(obj.get(k), str) else None for k in META_KEYS},
    )
