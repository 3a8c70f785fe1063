"""URLs through httpx, bounded: a page goes to the HTML ingester, a feed to the feed ingester, text as text.

Why bounded: one hostile URL (a body that never ends, a gzip bomb, a server dripping a byte at a time) used to be
read whole into memory, or waited on forever, and took the batch's good documents down with it. Here the body is
streamed and its size checked while reading, both as sent (compressed) and as decoded; every read has a timeout
and the whole fetch a deadline; redirects are followed by hand, at most ``max_redirects``, and only to http(s).
Every failure is an InputError naming the URL and the limit it hit.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc, text_hash
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.feed import looks_like_feed, parse_feed
from newsgraph.ingest.html import parse_html

TIMEOUT_S = 20.0
SCHEMES = ("http", "https")
USER_AGENT = "newsgraph (+https://github.com/newsgraph)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """What one fetch may cost: bytes (sent and decoded), seconds per connect/read and in all, redirect hops."""

    max_bytes: int = 5_000_000
    connect_timeout: float = 10.0
    read_timeout: float = TIMEOUT_S
    deadline: float = field(default_factory=lambda: float(os.environ.get("NEWSGRAPH_FETCH_DEADLINE", 60)))
    max_redirects: int = 5


@dataclass(slots=True)
class Fetched:
    """A fetched body (``None`` for a 304 Not Modified) with what the caller needs from the response."""

    url: str
    status: int
    body: bytes | None
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def check_scheme(url: str, source: str) -> None:
    if urlsplit(url).scheme.lower() not in SCHEMES:
        raise InputError(source, Errors.E007.fmt(detail=f"only http(s) URLs are fetched, not {url!r}"))


def fetch(url: str, limits: FetchLimits | None = None, headers: dict[str, str] | None = None) -> Fetched:
    """GET ``url`` within ``limits``; raises InputError (named for ``url``) on any failure or limit."""
    import httpx

    limits = limits or FetchLimits()
    check_scheme(url, url)
    started = time.monotonic()
    current = url
    send = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **(headers or {})}
    try:
        with httpx.Client(follow_redirects=False, trust_env=False) as client:
            for _hop in range(limits.max_redirects + 1):
                remaining = limits.deadline - (time.monotonic() - started)
                if remaining <= 0:
                    raise _limit(url, f"took longer than the {limits.deadline:g} s deadline")
                timeout = httpx.Timeout(min(limits.read_timeout, remaining), connect=min(limits.connect_timeout,
                                                                                         remaining))
                with client.stream("GET", current, headers=send, timeout=timeout) as resp:
                    if resp.has_redirect_location:
                        target = urljoin(current, resp.headers.get("location", ""))
                        check_scheme(target, url)
                        current = target
                        continue
                    if resp.status_code == 304:
                        return Fetched(current, 304, None, headers=dict(resp.headers))
                    if resp.status_code >= 400:
                        raise InputError(url, Errors.E007.fmt(detail=f"HTTP {resp.status_code} {resp.reason_phrase}"))
                    body = read_capped(resp, url, limits, started)
                    return Fetched(current, resp.status_code, body, resp.headers.get("content-type", "").lower(),
                                   dict(resp.headers))
            raise _limit(url, f"more than {limits.max_redirects} redirects")
    except httpx.TimeoutException as exc:
        raise _limit(url, f"timed out ({type(exc).__name__}; connect {limits.connect_timeout:g} s, read "
                          f"{limits.read_timeout:g} s, deadline {limits.deadline:g} s)") from None
    except httpx.HTTPError as exc:
        raise InputError(url, Errors.E007.fmt(detail=f"{type(exc).__name__}: {exc}")) from None


def _limit(url: str, what: str) -> InputError:
    return InputError(url, Errors.E040.fmt(what=what))


def decoder(encoding: str, url: str) -> zlib._Decompress | None:
    """A streaming decoder for the response's Content-Encoding (only those we ask for)."""
    enc = encoding.strip().lower()
    if enc in ("", "identity"):
        return None
    if enc in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if enc == "deflate":
        return zlib.decompressobj()
    raise InputError(url, Errors.E007.fmt(detail=f"unsupported Content-Encoding {encoding!r}"))


def read_capped(resp, url: str, limits: FetchLimits, started: float) -> bytes:
    """The body, read in chunks: raw bytes, decoded bytes and elapsed time are checked after every chunk, and a
    decoder never inflates more than what is left of the cap (a gzip bomb stops at the cap, not in memory)."""
    cap = limits.max_bytes
    declared = resp.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise _limit(url, f"body of {int(declared)} bytes is over the {cap} byte limit (Content-Length)")
    dec = decoder(resp.headers.get("content-encoding", ""), url)
    raw_n, out = 0, bytearray()
    for chunk in resp.iter_raw():  # as the network delivers it: a fixed size would wait on a drip
        raw_n += len(chunk)
        if raw_n > cap:
            raise _limit(url, f"body is over the {cap} byte limit (as sent)")
        if time.monotonic() - started > limits.deadline:
            raise _limit(url, f"took longer than the {limits.deadline:g} s deadline")
        if dec is None:
            out += chunk
        else:
            out += dec.decompress(chunk, cap + 1 - len(out))
            if dec.unconsumed_tail:
                raise _limit(url, f"body is over the {cap} byte limit (decompressed)")
        if len(out) > cap:
            raise _limit(url, f"body is over the {cap} byte limit" + (" (decompressed)" if dec else ""))
    if dec is not None:
        out += dec.flush()
        if len(out) > cap:
            raise _limit(url, f"body is over the {cap} byte limit (decompressed)")
    return bytes(out)


def documents_from(url: str, fetched: Fetched, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """A fetched body as documents: a feed's entries, a page's article, or plain text."""
    try:
        body = decode_bytes(fetched.body or b"", url, max_bytes)
    except InputError as exc:
        yield exc
        return
    ctype = fetched.content_type
    if ("xml" in ctype and looks_like_feed(body)) or looks_like_feed(body):
        yield from parse_feed(body, url)
    elif "html" in ctype or body.lstrip()[:1].startswith("<"):
        try:
            yield parse_html(body, url, doc_id=url, url=url)
        except InputError as exc:
            yield exc
    else:
        yield RawDoc(id=url or text_hash(body)[:16], text=body, source=url, url=url)


def fetch_url(url: str, max_bytes: int, limits: FetchLimits | None = None) -> Iterator[RawDoc | InputError]:
    """Documents from one URL, or one InputError naming it."""
    limits = limits or FetchLimits(max_bytes=max_bytes)
    try:
        fetched = fetch(url, limits)
    except InputError as exc:
        yield exc
        return
    yield from documents_from(url, fetched, max_bytes)
