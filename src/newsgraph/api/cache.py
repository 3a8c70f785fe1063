"""A response cache for the read API, exact rather than timed: an entry is only served while the store is
unchanged since it was made.

Dashboards re-ask the same questions (the map, the first page of stories, a timeline) many times a minute; the
answer only changes when something writes to the store — this server's ingest, or a ``newsgraph ingest`` /
fusion run in another process. So each entry carries the store's *version* and a request is served from the
cache only if the version is still the same:
- SQLite: the (mtime, size) of the database file and its ``-wal`` file — every commit changes one of them;
- PostgreSQL: ``pg_current_wal_lsn()``, which moves on every committed write in the cluster (a write elsewhere
  only costs a miss, never a stale answer).
Only successful GETs under ``/api`` are kept (not exports, not ingest), up to a size bound, least recently used
out first.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, text
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Version = Callable[[], Any]
SKIP_PREFIXES = ("/api/export", "/api/ingest")


def store_version(engine: Engine) -> Version:
    """A cheap function whose value changes whenever the store behind ``engine`` commits a change."""
    if engine.dialect.name == "sqlite":
        path = engine.url.database or ""
        path = path.removeprefix("file:").split("?", 1)[0]
        files = (path, path + "-wal")

        def sqlite_version() -> Any:
            out = []
            for f in files:
                try:
                    st = os.stat(f)
                    out.append((st.st_mtime_ns, st.st_size))
                except OSError:
                    out.append(None)
            return tuple(out)

        sqlite_version.blocking = False  # type: ignore[attr-defined]  # two stat() calls: fine on the event loop
        return sqlite_version

    def pg_version() -> Any:
        with engine.connect() as conn:
            return conn.execute(text("SELECT pg_current_wal_lsn()::text")).scalar()

    return pg_version


class ResponseCache:
    """ASGI middleware: GET /api/... answers, keyed by path and query, valid while the store version holds."""

    def __init__(self, app: ASGIApp, version: Version, max_entries: int = 1024, max_body: int = 2_000_000) -> None:
        self.app, self.version = app, version
        self.max_entries, self.max_body = max_entries, max_body
        self.entries: OrderedDict[tuple[str, bytes], tuple[Any, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self.hits = self.misses = 0

    def _cacheable(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        return (scope["type"] == "http" and scope.get("method") == "GET" and path.startswith("/api/")
                and not path.startswith(SKIP_PREFIXES))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        if getattr(self.version, "blocking", True):
            import anyio

            version = await anyio.to_thread.run_sync(self.version)
        else:
            version = self.version()
        key = (scope["path"], scope.get("query_string", b""))
        hit = self.entries.get(key)
        if hit is not None and hit[0] == version:
            self.entries.move_to_end(key)
            self.hits += 1
            await send({"type": "http.response.start", "status": 200, "headers": hit[1] + [(b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": hit[2]})
            return
        self.misses += 1
        status: list[int] = []
        headers: list[tuple[bytes, bytes]] = []
        body = bytearray()

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
                headers.extend(message.get("headers", []))
            elif message["type"] == "http.response.body" and len(body) <= self.max_body:
                body.extend(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if status == [200] and len(body) <= self.max_body:
            self.entries[key] = (version, list(headers), bytes(body))
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
