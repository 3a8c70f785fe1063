"""HTML pages through trafilatura: main text plus title, date, author and site name as metadata.

trafilatura's cost grows faster than the page (2k lines 1.2 s, 16k lines 23 s), so a large page (over
LARGE_PAGE_LINES lines or LARGE_PAGE_TAGS tags) takes a linear path instead: one lxml parse, the main content
container (<article>, <main>, else the element whose own <p> children hold most text), a walk of its block
elements, and trafilatura's metadata extractor run on the top of the page only. The document says so in a warning.
"""

from __future__ import annotations

from newsgraph.errors import Errors, InputError, Warnings
from newsgraph.ingest.base import RawDoc

MIN_SENTENCE_WORDS = 8
LARGE_PAGE_LINES = 5_000  # trafilatura takes ~3 s at this size; the examples are under 100 lines
LARGE_PAGE_TAGS = 20_000  # the same bound for pages written on few lines
META_HEAD_CHARS = 100_000  # title, byline, date and site name live in <head> and the top of the page
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "figcaption"})
BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "header", "form", "template")


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


def is_large(html: str) -> bool:
    """Pages past this size go the linear way (counting is one pass over the string)."""
    return html.count("\n") > LARGE_PAGE_LINES or html.count("<") > LARGE_PAGE_TAGS


def main_container(body):
    """<article>, else <main>, else the element whose <p> children and grandchildren weigh most (one pass)."""
    for tag in ("article", "main"):
        found = next(body.iter(tag), None)
        if found is not None:
            return found
    weight: dict = {}
    for p in body.iter("p"):  # readability's rule: a paragraph counts fully for its parent, half for the grandparent
        n = len(p.text_content())
        parent = p.getparent()
        if parent is not None:
            weight[parent] = weight.get(parent, 0) + n
            grand = parent.getparent()
            if grand is not None:
                weight[grand] = weight.get(grand, 0) + n / 2
    return max(weight, key=weight.get) if weight else body


def block_texts(container) -> list[str]:
    """Text of each outermost block element in document order (inline text outside blocks is page furniture:
    timestamps, share links); a container with no blocks at all gives its whole text."""
    out: list[str] = []
    for el in container.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
            continue
        if any(isinstance(a.tag, str) and a.tag in BLOCK_TAGS for a in el.iterancestors()):
            continue  # a <p> inside an <li> or <blockquote> is already in its outer block's text
        text = " ".join(el.text_content().split())
        if text:
            out.append(text)
    return out or [" ".join(container.text_content().split())]


def page_metadata(html: str, url: str | None):
    """trafilatura's own metadata extractor on the top of the page: the same fields, bounded cost."""
    import lxml.html
    from trafilatura.metadata import extract_metadata

    return extract_metadata(lxml.html.fromstring(html[:META_HEAD_CHARS]), default_url=url)


def parse_large_html(html: str, source: str, doc_id: str, url: str | None = None) -> RawDoc:
    """The linear path for a large page: main container, block walk, metadata from the page top."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
        meta_doc = page_metadata(html, url)
    except Exception as exc:  # lxml raises a variety of errors on broken markup
        raise InputError(source, f"{Errors.E008.fmt()} ({type(exc).__name__}: {exc})") from None
    lxml.etree.strip_elements(root, *BOILERPLATE_TAGS, with_tail=False)
    body = next(root.iter("body"), root)
    text = "\n".join(block_texts(main_container(body)))
    if not text or not is_prose(text):
        raise InputError(source, Errors.E008.fmt())
    date = getattr(meta_doc, "date", None)
    title = getattr(meta_doc, "title", None)
    lines = html.count("\n") + 1
    return RawDoc(
        id=doc_id,
        text=with_headline(paragraphed(text), title),
        source=source,
        published=date,
        title=title,
        url=url or getattr(meta_doc, "url", None),
        outlet=getattr(meta_doc, "sitename", None),
        byline=getattr(meta_doc, "author", None),
        meta={"date_source": "html-metadata"} if date else {},
        warnings=[Warnings.W005.fmt(lines=lines, limit=LARGE_PAGE_LINES, tags=LARGE_PAGE_TAGS)],
    )


def parse_html(html: str, source: str, doc_id: str, url: str | None = None) -> RawDoc:
    """Extract the article from a page; boilerplate (menus, footers) never reaches the text."""
    if is_large(html):
        return parse_large_html(html, source, doc_id, url)
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
