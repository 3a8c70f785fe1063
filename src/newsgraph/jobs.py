"""Library twins of the CLI verbs (extract, ingest, export): the CLI only parses options and calls these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from newsgraph.config import Settings
from newsgraph.document import Document
from newsgraph.errors import InputError
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import Pipeline, Result


@dataclass
class Outcome:
    """What a batch job did: counts, and every failed input with its message."""

    ok: int = 0
    inserted: int = 0
    updated: int = 0
    failed: list[InputError] = field(default_factory=list)


def extract_stream(inputs: Iterable[str], settings: Settings | None = None) -> Iterator[Result]:
    """Documents (or InputErrors) for every input, in order."""
    settings = settings or Settings()
    items = iter_inputs(inputs, settings.max_bytes)
    if settings.processes > 1:
        from newsgraph.parallel import run_processes

        yield from run_processes(items, settings, settings.processes)
    else:
        yield from Pipeline(settings).run(items)


def ingest(inputs: Iterable[str], db_url: str, settings: Settings | None = None,
           on_result: Callable[[Result], None] | None = None, fuse: bool = True) -> Outcome:
    """Extract, store and fuse every input (each document with its clusters in one transaction); good documents
    are stored even when others fail. ``fuse=False`` only stores (``newsgraph fuse`` catches up later)."""
    from newsgraph.fuse import store_and_fuse
    from newsgraph.store.db import Store

    settings = settings or Settings()
    store = Store(db_url)
    outcome = Outcome()
    for result in extract_stream(inputs, settings):
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
