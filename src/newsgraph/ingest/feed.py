"""RSS/Atom feeds through feedparser: one document per entry, with the entry's own metadata.

Entries carry a summary or full content as HTML; each becomes plain text. Fetching each entry's page is left to
``--follow`` (not default: offline corpora and politeness).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc, text_hash

TAG = re.compile(r"<[^>]+>")


def looks_like_feed(head: str) -> bool:
    head = head.lstrip()[:1000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def html_to_text(fragment: str) -> str:
    """A feed entry's HTML to text: paragraphs become blank-line separated, tags and entities go."""
    import html

    fragment = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n\n", fragment)
    text = html.unescape(TAG.sub("", fragment))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def parse_feed(data: bytes | str, source: str) -> Iterator[RawDoc | InputError]:
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield InputError(source, Errors.E009.fmt(detail=str(parsed.get("bozo_exception", "unknown"))))
        return
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, start=1):
        content = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
        text = html_to_text(content or "")
        where = f"{source}#entry{i}"
        if not text:
            yield InputError(where, Errors.E001.fmt())
            continue
        date = entry.get("published_parsed") or entry.get("updated_parsed")
        yield RawDoc(
            id=entry.get("id") or entry.get("link") or text_hash(text)[:16],
            text=text,
            source=where,
            published="{:04d}-{:02d}-{:02d}".format(*date[:3]) if date else None,
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            byline=entry.get("author"),
            meta={"date_source": "feed"} if date else {},
        )
