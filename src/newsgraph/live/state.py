"""The watcher's reads and writes of ``feed_state`` and ``feed_items`` (one small transaction each)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from newsgraph.store import schema


@dataclass(slots=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_status: int | None = None
    error_count: int = 0
    next_poll: datetime | None = None


def load(engine: Engine, url: str) -> FeedState:
    t = schema.feed_state
    with engine.connect() as conn:
        row = conn.execute(select(t).where(t.c.url == url)).mappings().first()
    return FeedState(**dict(row)) if row else FeedState(url=url)


def save(engine: Engine, state: FeedState) -> None:
    t = schema.feed_state
    values = {k: getattr(state, k) for k in ("etag", "last_modified", "last_polled", "last_status", "error_count",
                                              "next_poll")}
    with engine.begin() as conn:
        if conn.execute(select(t.c.url).where(t.c.url == state.url)).first():
            conn.execute(update(t).where(t.c.url == state.url).values(**values))
        else:
            conn.execute(insert(t).values(url=state.url, **values))


def unseen(engine: Engine, feed_url: str, keys: Iterable[str]) -> list[str]:
    """The keys (in the given order) this feed has not delivered before."""
    keys = list(dict.fromkeys(keys))
    t = schema.feed_items
    seen: set[str] = set()
    with engine.connect() as conn:
        for i in range(0, len(keys), 500):
            seen.update(conn.execute(select(t.c.item_key).where(
                t.c.feed_url == feed_url, t.c.item_key.in_(keys[i:i + 500]))).scalars())
    return [k for k in keys if k not in seen]


def mark_seen(engine: Engine, feed_url: str, items: dict[str, str | None], when: datetime) -> None:
    """Remember items (key -> stored document id, None when it could not be fetched) as seen."""
    if not items:
        return
    t = schema.feed_items
    with engine.begin() as conn:
        conn.execute(insert(t), [{"feed_url": feed_url, "item_key": k, "document_id": v, "seen_at": when}
                                 for k, v in items.items()])
