"""HTML pages through trafilatura: main text plus title, date, author and site name as metadata."""

from __future__ import annotations

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.base import RawDoc

MIN_WORDS = 5


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
    if not text or len(text.split()) < MIN_WORDS:  # a menu or a lone link is not an article
        raise InputError(source, Errors.E008.fmt())
    meta = {"date_source": "html-metadata"} if getattr(result, "date", None) else {}
    title = getattr(result, "title", None)
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
