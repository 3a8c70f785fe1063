"""Ingest: turn paths, directories, URLs and feeds into a stream of RawDoc (or InputError), in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.feed import looks_like_feed, parse_feed
from newsgraph.ingest.html import parse_html
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.url import fetch_url

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
FEED_EXT = {".xml", ".rss", ".atom"}
JSONL_EXT = {".jsonl", ".ndjson"}
ALL_EXT = TEXT_EXT | HTML_EXT | FEED_EXT | JSONL_EXT

__all__ = ["RawDoc", "iter_inputs", "read_path"]


def iter_inputs(inputs: Iterable[str | RawDoc], max_bytes: int = 5_000_000) -> Iterator[RawDoc | InputError]:
    """Every document from every input, in order; problems become InputError items, never exceptions. A RawDoc
    given as an input (the watcher's feed entries) passes through as it is."""
    for item in inputs:
        if isinstance(item, RawDoc):
            yield item
            continue
        if item.startswith(("http://", "https://")):
            yield from fetch_url(item, max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if _is_article_file(p)):
                yield from read_path(child, max_bytes, doc_id=_dir_id(path, child))
        elif path.exists():
            yield from read_path(path, max_bytes)
        else:
            yield InputError(item, Errors.E010.fmt())


def _is_article_file(path: Path) -> bool:
    """Files a directory walk reads: known extensions, not hidden, not a README describing the folder."""
    name = path.name.lower()
    return (path.is_file() and path.suffix.lower() in ALL_EXT and not name.startswith((".", "readme"))
            and not name.startswith("license"))


def _dir_id(root: Path, child: Path) -> str:
    return str(child.relative_to(root).with_suffix(""))


def read_capped_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refused by size before reading (a 3 GB file must not be read to learn it is too big)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), Errors.E004.fmt(size=size, limit=max_bytes))
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)  # a file growing while read is still cut at the cap
    return data


def read_path(path: Path, max_bytes: int, doc_id: str | None = None) -> Iterator[RawDoc | InputError]:
    ext = path.suffix.lower()
    if ext in JSONL_EXT:
        yield from read_jsonl(path, max_bytes)
        return
    try:
        text = decode_bytes(read_capped_file(path, max_bytes), str(path), max_bytes)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror}")
        return
    did = doc_id or path.stem
    if ext in FEED_EXT or (ext not in HTML_EXT and looks_like_feed(text)):
        yield from parse_feed(text, str(path))
    elif ext in HTML_EXT:
        try:
            yield parse_html(text, str(path), doc_id=did)
        except InputError as exc:
            yield exc
    elif ext in TEXT_EXT or not ext:
        yield RawDoc(id=did, text=text, source=str(path))
    else:
        yield InputError(str(path), Errors.E011.fmt(kind=ext))
