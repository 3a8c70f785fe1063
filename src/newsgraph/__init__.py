"""newsgraph: what happened, where, when, who did it, and who says so, from news text.

Public API: ``extract()`` for one text, ``Pipeline`` for streams, ``Document`` for the result; ``query()`` and
``query_count()`` for what the store holds across documents (``newsgraph.store.query``).
"""

from __future__ import annotations

from newsgraph.config import Settings
from newsgraph.document import Document
from newsgraph.pipeline import Pipeline

__all__ = ["Document", "Pipeline", "Settings", "extract", "query", "query_count"]
__version__ = "0.1.0"

_default: Pipeline | None = None


def extract(text: str, published: str | None = None, *, id: str = "doc", title: str | None = None,
            outlet: str | None = None, url: str | None = None, pipeline: Pipeline | None = None) -> Document:
    """Run every stage on one article text and return its Document (the model is loaded once per process)."""
    from newsgraph.ingest.base import RawDoc

    global _default
    if pipeline is None:
        _default = _default or Pipeline()
        pipeline = _default
    raw = RawDoc(id=id, text=text, source=id, published=published, title=title, outlet=outlet, url=url,
                 meta={"date_source": "given"} if published else {})
    return pipeline.process(raw)


def query(kind: str, db: object = None, *, limit: int | None = None, offset: int = 0, **filters: object) -> list[dict]:
    """Rows of one kind (documents, events, claims, stories, entities, places) from the store; see store.query."""
    from newsgraph.store.query import query as run

    return run(kind, db, limit=limit, offset=offset, **filters)


def query_count(kind: str, db: object = None, **filters: object) -> int:
    """How many rows ``query`` would return for these filters."""
    from newsgraph.store.query import query_count as count

    return count(kind, db, **filters)
