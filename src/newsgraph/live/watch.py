"""Polling feeds and pages: conditional requests, new items only, ingest through ``jobs.ingest``, backoff on errors.

Why this shape: a watcher runs for days, so every poll is bounded (the same capped fetch as any URL), every
decision is written to the store before the next feed is polled (a Ctrl-C or a crash loses nothing but the poll
in flight), and a failing feed is polled less often (doubling up to a day) instead of being hammered or dropped.
A feed's entries are followed to their pages, which are fetched and ingested like any URL given to ``ingest`` (the
entry's own summary stands in when the page cannot be fetched); a watched page (not a feed) is re-ingested when it
changes (same id, so it is updated, never duplicated).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc
from newsgraph.ingest.feed import looks_like_feed, parse_feed
from newsgraph.ingest.url import FetchLimits, fetch
from newsgraph.live import state as feedstate

MAX_BACKOFF = timedelta(days=1)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> timedelta:
    """'15m', '30s', '2h', '1d' or plain seconds; raises ValueError on anything else or on zero."""
    m = _DURATION.match(text.lower())
    if not m or float(m[1]) <= 0:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h)")
    return timedelta(seconds=float(m[1]) * _UNITS[m[2]])


def read_feed_list(path: Path) -> list[str]:
    """One URL per line; blank lines and '#' comments ignored; raises InputError (NG-E042) if unreadable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), Errors.E042.fmt(path=str(path), detail=str(exc))) from None
    urls = [ln.split("#", 1)[0].strip() for ln in lines]
    return list(dict.fromkeys(u for u in urls if u))


@dataclass(slots=True)
class PollResult:
    """What one poll of one feed did (for the status table)."""

    url: str
    status: str  # new | unchanged | not-modified | error | waiting
    http: int | None = None
    new: int = 0
    failed: int = 0
    message: str = ""
    next_poll: datetime | None = None
    errors: list[InputError] = field(default_factory=list)


def backoff(every: timedelta, errors: int) -> timedelta:
    return min(every * (2 ** max(0, errors)), max(MAX_BACKOFF, every))


def _entries(body: str, url: str) -> list[RawDoc]:
    return [d for d in parse_feed(body, url) if isinstance(d, RawDoc)]


def poll(url: str, db_url: str, every: timedelta, settings: Settings, now: datetime | None = None) -> PollResult:
    """Poll one feed or page once, if it is due; ingest what is new; record state and items in the store."""
    from newsgraph.store.db import Store

    now = now or datetime.now(UTC)
    engine = Store(db_url).engine
    st = feedstate.load(engine, url)
    due = st.next_poll
    if due is not None and due.tzinfo is None:
        due = due.replace(tzinfo=UTC)
    if due is not None and due > now:
        return PollResult(url, "waiting", st.last_status, next_poll=due)
    headers = {}
    if st.etag:
        headers["If-None-Match"] = st.etag
    if st.last_modified:
        headers["If-Modified-Since"] = st.last_modified
    st.last_polled = now
    try:
        got = fetch(url, FetchLimits(max_bytes=settings.max_bytes), headers=headers)
    except InputError as exc:
        st.error_count += 1
        st.last_status = _status_of(exc.message)
        st.next_poll = now + backoff(every, st.error_count)
        feedstate.save(engine, st)
        return PollResult(url, "error", st.last_status, message=exc.message, next_poll=st.next_poll, errors=[exc])
    st.error_count, st.last_status = 0, got.status
    st.next_poll = now + every
    if got.status == 304 or got.body is None:
        feedstate.save(engine, st)
        return PollResult(url, "not-modified", 304, next_poll=st.next_poll)
    st.etag = got.headers.get("etag") or st.etag
    st.last_modified = got.headers.get("last-modified") or st.last_modified
    body = got.body.decode("utf-8", errors="replace")
    if looks_like_feed(body):
        result = _ingest_entries(url, _entries(body, url), db_url, settings, engine, now)
    else:
        result = _ingest_page(url, got.body, db_url, settings, engine, now)
    result.http, result.next_poll = got.status, st.next_poll
    feedstate.save(engine, st)  # after the items: a crash mid-poll re-polls rather than skipping them
    return result


def _ingest_entries(url: str, entries: list[RawDoc], db_url: str, settings: Settings, engine, now: datetime
                    ) -> PollResult:
    from newsgraph import jobs

    by_key = {(e.url or e.id): e for e in entries}
    fresh = feedstate.unseen(engine, url, by_key)
    if not fresh:
        return PollResult(url, "unchanged")
    stored: dict[str, str | None] = {}
    errors: list[InputError] = []
    links = [k for k in fresh if k.startswith(("http://", "https://"))]

    def on_result(result: object) -> None:
        if isinstance(result, InputError):
            errors.append(result)
        else:
            stored[result.id] = result.id  # type: ignore[attr-defined]

    jobs.ingest(links, db_url, settings, on_result=on_result)
    failed_pages = {e.source for e in errors}
    fallback = [by_key[k] for k in fresh if k not in stored and (k in failed_pages or k not in links)]
    if fallback:  # the page could not be fetched or read: the entry's own text is the article we have
        jobs.ingest(fallback, db_url, settings, on_result=on_result)
    seen = {k: (k if k in stored else by_key[k].id if by_key[k].id in stored else None) for k in fresh}
    feedstate.mark_seen(engine, url, seen, now)
    new = sum(v is not None for v in seen.values())
    return PollResult(url, "new", new=new, failed=len(fresh) - new, errors=errors)


def _ingest_page(url: str, data: bytes, db_url: str, settings: Settings, engine, now: datetime) -> PollResult:
    from newsgraph import jobs
    from newsgraph.ingest.base import text_hash
    from newsgraph.ingest.url import Fetched, documents_from

    docs = list(documents_from(url, Fetched(url, 200, data), settings.max_bytes))
    good = [d for d in docs if isinstance(d, RawDoc)]
    errors = [d for d in docs if isinstance(d, InputError)]
    keys = {f"{url}#{text_hash(d.text)[:16]}": d for d in good}
    fresh = feedstate.unseen(engine, url, keys)
    if not fresh:
        return PollResult(url, "unchanged", errors=errors)
    outcome = jobs.ingest([keys[k] for k in fresh], db_url, settings)
    feedstate.mark_seen(engine, url, {k: keys[k].id for k in fresh}, now)
    return PollResult(url, "new", new=outcome.ok, failed=len(outcome.failed) + len(errors), errors=errors)


def _status_of(message: str) -> int:
    m = re.search(r"HTTP (\d{3})", message)
    return int(m[1]) if m else 0


def watch(urls: list[str], db_url: str, every: timedelta, settings: Settings | None = None, *,
          cycles: int | None = None, on_cycle: Callable[[list[PollResult]], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> Iterator[list[PollResult]]:
    """Poll every due feed, then sleep until the next one is due; ``cycles`` bounds the loop (None = forever).
    Ctrl-C (KeyboardInterrupt) propagates between feeds with all state saved."""
    settings = settings or Settings()
    done = 0
    while cycles is None or done < cycles:
        results = [poll(u, db_url, every, settings) for u in urls]
        done += 1
        if on_cycle:
            on_cycle(results)
        yield results
        if cycles is not None and done >= cycles:
            return
        now = datetime.now(UTC)
        upcoming = [r.next_poll for r in results if r.next_poll is not None]
        wait = min(((t - now).total_seconds() for t in upcoming), default=every.total_seconds())
        sleep(max(1.0, wait))
