"""Segments: body / headline / byline / dateline / caption / boilerplate, by paragraph and by prefix.

News text arrives with web furniture in it ('Please read on...', photo credits, '[Compiled by ...]' bylines,
'KYIV (Reuters) -' datelines, '—Nile Wire' credits, 'Share: VK | Telegram'). Marking them, rather than deleting
them, keeps offsets into the original text and lets later stages extract from body and headline only. The
dateline grammar is ``newsgraph.segments.dateline``, the furniture shapes ``newsgraph.segments.furniture``;
docs/segments.md describes both.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Segment
from newsgraph.segments.dateline import DATELINE_PREFIX, agencies_in, dateline_line, dateline_prefix, inner_credits
from newsgraph.segments.furniture import (
    BYLINE_PREFIX,
    SHORT_PAREN,
    is_boilerplate,
    is_byline,
    is_caption,
    is_credit,
)

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
HEADLINE_MAX = 200


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of blank-line separated paragraphs, trimmed of surrounding whitespace."""
    spans = []
    for m in PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def classify_paragraph(par: str, index: int, n_pars: int, title: str | None,
                       agencies: frozenset[str] = frozenset()) -> str:
    """The kind of a whole paragraph, from its shape: widgets, credits, bylines, else body."""
    words = len(par.split())
    if is_boilerplate(par):
        return "boilerplate"
    if index > 0 and is_credit(par, index == n_pars - 1, set(agencies)):
        return "byline"
    if is_caption(par):
        return "caption"
    if is_byline(par):
        return "byline"
    if words <= 12 and dateline_line(par):
        return "dateline"
    if words <= 6 and SHORT_PAREN.match(par):  # '(AA)', '(EFE/Archive)': a credit on its own line
        return "caption"
    if index == 0 and n_pars > 1 and not DATELINE_PREFIX.match(par) and _looks_like_headline(par, title):
        return "headline"
    return "body"


def _looks_like_headline(par: str, title: str | None) -> bool:
    if title and par.strip().lower() == title.strip().lower():
        return True
    if len(par) > HEADLINE_MAX or "\n" in par:
        return False
    return not par.rstrip().endswith((".", '"', "”", "'")) or (par.count(". ") == 0 and len(par) < 160)


def split_prefix(text: str, start: int, end: int) -> tuple[list[Segment], int]:
    """A byline or dateline glued to the front of a paragraph: its segment and where the body resumes."""
    segs: list[Segment] = []
    par = text[start:end]
    m = BYLINE_PREFIX.match(par)
    if m:
        cut = start + len(m.group(0).rstrip())
        segs.append(Segment(start=start, end=cut, kind="byline"))
        start = start + m.end()
        par = text[start:end]
    cut_len = dateline_prefix(par)
    if cut_len is not None:
        lead = len(par) - len(par.lstrip())
        segs.append(Segment(start=start + lead, end=start + cut_len, kind="dateline"))
        start += cut_len
        while start < end and text[start].isspace():
            start += 1
    return segs, start


def split_credits(text: str, start: int, end: int) -> list[Segment]:
    """A body paragraph cut around the '(Agency) —' credits reprinted inside it."""
    out: list[Segment] = []
    pos = start
    for c_start, c_end in inner_credits(text[start:end]):
        c_start, c_end = start + c_start, start + c_end
        body_end = c_start
        while body_end > pos and text[body_end - 1].isspace():
            body_end -= 1
        if body_end > pos:
            out.append(Segment(start=pos, end=body_end, kind="body"))
        out.append(Segment(start=c_start, end=c_end, kind="dateline"))
        pos = c_end
        while pos < end and text[pos].isspace():
            pos += 1
    if end > pos:
        out.append(Segment(start=pos, end=end, kind="body"))
    return out


def segment(text: str, title: str | None = None) -> list[Segment]:
    """All segments of ``text``: one per paragraph, plus byline/dateline prefixes split off a paragraph's front and
    reprinted agency credits cut out of its middle."""
    pars = paragraphs(text)
    out: list[Segment] = []
    agencies: frozenset[str] = frozenset()  # credited in this story's datelines: its bare end credit repeats one
    seen = 0
    for i, (start, end) in enumerate(pars):
        kind = classify_paragraph(text[start:end], i, len(pars), title, agencies)
        if kind == "body":
            prefix, start = split_prefix(text, start, end)
            out.extend(prefix)
            if end > start:
                out.extend(split_credits(text, start, end))
        elif end > start:
            out.append(Segment(start=start, end=end, kind=kind))
        new = [(s.start, s.end) for s in out[seen:] if s.kind == "dateline"]
        if new:
            agencies = agencies | agencies_in(text, new)
        seen = len(out)
    return out


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    doc.segments = segment(doc.text, doc.title)
    if not doc.byline:  # an author's line, not an agency's end credit ('This article was provided by ...')
        doc.byline = next((doc.text[s.start:s.end].strip("[]【】 ") for s in doc.segments if s.kind == "byline"
                           and not is_credit(doc.text[s.start:s.end], False, set())), None)
