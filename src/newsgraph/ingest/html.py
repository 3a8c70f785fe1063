"""HTML pages through trafilatura: main text plus title, date, author and site name as metadata."""

from __future__ import annotations

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc

MIN_SENTENCE_WORDS = 8


def is_prose(text: str) -> bool:
    """At least one line reads like a sentence (menus and notices are short lines)."""
    return max((len(line.split()) for line in text.splitlines()), default=0) >= MIN_SENTENCE_WORDS


def paragraphed(text: str) -> str:
    """trafilatura separates paragraphs by one newline; the segmenter (and readers) expect a blank line."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def with_headline(text: str, title: str | None) -> str:
    """Put the page title in front as the headline paragraph, so headline events keep offsets into the text."""
    if title and not text.startswith(title.strip()):
        return f"{title.strip()}\n\n{text}"
    return text


def parse_html(html: str, source: str, doc_id: str, url: str | None = None) -> RawDoc:
    """Extract the article from a page; boilerplate (menus, footers) never reaches the text."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
        )
    except Exception as exc:  # trafilatura raises a variety of lxml errors on broken markup
        raise InputError(source, f"{Errors.E008.fmt()} ({type(exc).__name__}: {exc})") from None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not is_prose(text):  # a menu, a lone link or a JavaScript notice is not an article
        raise InputError(source, Errors.E008.fmt())
    meta = {"date_source": "html-metadata"} if getattr(result, "date", None) else {}
    title = getattr(result, "title", None)
    text = with_headline(paragraphed(text), title)
    return RawDoc(
        id=doc_id,
        text=text,
        source=source,
        published=getattr(result, "date", None),
        title=title,
        url=url or getattr(result, "url", None),
        outlet=getattr(result, "sitename", None),
        byline=getattr(result, "author", None),
        meta=meta,
    )
