"""URLs through httpx: a page goes to the HTML ingester, a feed to the feed ingester, text as text."""

from __future__ import annotations

from collections.abc import Iterator

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc, text_hash
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.feed import looks_like_feed, parse_feed
from newsgraph.ingest.html import parse_html

TIMEOUT_S = 20.0


def fetch_url(url: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    import httpx

    try:
        resp = httpx.get(url, follow_redirects=True, timeout=TIMEOUT_S, headers={"User-Agent": "newsgraph"})
        resp.raise_for_status()
    except httpx.HTTPError as exc:
        yield InputError(url, Errors.E007.fmt(detail=f"{type(exc).__name__}: {exc}"))
        return
    ctype = resp.headers.get("content-type", "").lower()
    try:
        body = decode_bytes(resp.content, url, max_bytes)
    except InputError as exc:
        yield exc
        return
    if ("xml" in ctype and looks_like_feed(body)) or looks_like_feed(body):
        yield from parse_feed(body, url)
    elif "html" in ctype or body.lstrip()[:1].startswith("<"):
        try:
            yield parse_html(body, url, doc_id=url, url=url)
        except InputError as exc:
            yield exc
    else:
        yield RawDoc(id=url or text_hash(body)[:16], text=body, source=url, url=url)
