"""Library twins of the CLI verbs (extract, ingest, export): the CLI only parses options and calls these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from newsgraph.config import Settings
from newsgraph.document import Document
from newsgraph.errors import EngineError, Errors, InputError
from newsgraph.ingest import ALL_EXT, RawDoc, iter_inputs
from newsgraph.ingest.base import text_hash
from newsgraph.pipeline import Item, Pipeline, Result

SKIP_BATCH = 64  # items checked against the store per query when skipping stored documents


@dataclass
class Outcome:
    """What a batch job did: counts, and every failed input with its message."""

    ok: int = 0
    inserted: int = 0
    updated: int = 0
    failed: list[InputError] = field(default_factory=list)
    skipped: int = 0  # already stored (same text hash), not re-extracted


def extract_stream(inputs: Iterable[str | RawDoc], settings: Settings | None = None,
                   keep: Callable[[Iterator[Item]], Iterator[Item]] | None = None,
                   engine: str = "local", scheduler: str | None = None) -> Iterator[Result]:
    """Documents (or InputErrors) for every input, in order; ``keep`` may drop items before they are parsed."""
    settings = settings or Settings()
    items = iter_inputs(inputs, settings.max_bytes)
    if keep is not None:
        items = keep(items)
    if engine == "dask":
        try:
            from newsgraph.scale.engine import run_dask
        except ImportError as exc:
            raise EngineError(Errors.E043.fmt(detail=str(exc))) from None

        yield from run_dask(items, settings, scheduler)
    elif settings.processes > 1:
        from newsgraph.parallel import run_processes

        yield from run_processes(items, settings, settings.processes)
    else:
        yield from Pipeline(settings).run(items)


def ingest(inputs: Iterable[str | RawDoc], db_url: str, settings: Settings | None = None,
           on_result: Callable[[Result], None] | None = None, *, skip_stored: bool = True,
           on_skip: Callable[[RawDoc], None] | None = None,
           engine: str = "local", scheduler: str | None = None, fuse: bool = True) -> Outcome:
    """Extract, store and fuse every input; good documents are stored even when others fail. Each document is
    stored with its clusters (in its own transaction) as soon as it is extracted, so an interrupted run loses at
    most the documents in flight, and a re-run skips what is stored (by text hash) unless ``skip_stored`` is off.
    ``fuse=False`` only stores (``newsgraph fuse`` catches up later)."""
    from newsgraph.fuse import store_and_fuse
    from newsgraph.store.db import Store

    settings = settings or Settings()
    store = Store(db_url)
    outcome = Outcome()

    def unstored(items: Iterator[Item]) -> Iterator[Item]:
        for batch in iter(lambda: list(islice(items, SKIP_BATCH)), []):
            known = store.known_hashes(text_hash(i.text) for i in batch if isinstance(i, RawDoc))
            for item in batch:
                if isinstance(item, RawDoc) and text_hash(item.text) in known:
                    outcome.skipped += 1
                    if on_skip:
                        on_skip(item)
                    continue
                yield item

    keep = unstored if skip_stored else None
    for result in extract_stream(inputs, settings, keep=keep, engine=engine, scheduler=scheduler):
        if isinstance(result, Document):
            how = store_and_fuse(store, result) if fuse else store.save(result)
            outcome.ok += 1
            outcome.inserted += how == "inserted"
            outcome.updated += how == "updated"
        else:
            outcome.failed.append(result)
        if on_result:
            on_result(result)
    return outcome


def export(db_url: str, kind: str, fmt: str, fh: IO[str] | str, filters: dict[str, Any] | None = None) -> int:
    """Write one kind (events, claims, places, stories, entities) of the store to ``fh`` (a path for parquet);
    returns the number of rows (or features) written."""
    from newsgraph.store import export as exporter
    from newsgraph.store.db import Store

    store = Store(db_url)
    if kind in ("stories", "entities"):
        from newsgraph.store.query import query

        f = {k: v for k, v in (filters or {}).items() if v is not None}
        if "event_type" in f:
            f["type"] = f.pop("event_type")
        rows: Iterable[dict[str, Any]] = query(kind, store, **f)
    else:
        rows = store.rows(kind, filters)
    if fmt == "parquet":
        return exporter.write_parquet(rows, str(fh))
    assert not isinstance(fh, str)
    return exporter.write(kind, fmt, rows, fh)


def estimate_total(inputs: Iterable[str]) -> int | None:
    """How many documents the inputs hold, cheaply (files counted, JSONL lines counted in blocks), for a progress
    bar's ETA; None when a URL or feed makes it unknowable without fetching."""
    total = 0
    for item in inputs:
        if item.startswith(("http://", "https://")):
            return None
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            ext = f.suffix.lower()
            if ext in (".xml", ".rss", ".atom"):
                return None
            if ext in (".jsonl", ".ndjson"):
                total += _count_lines(f)
            elif ext in ALL_EXT or (f == path and f.exists()):
                total += 1
    return total


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 0
    return n + (last != b"\n")
