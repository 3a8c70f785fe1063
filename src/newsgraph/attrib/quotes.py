"""Quotation spans in news text, tolerant of unbalanced and multi-paragraph quotes.

Why: a parse sees one sentence at a time, but a quotation often runs over several sentences (and, by the news
convention, over several paragraphs, each reopening the quote without closing the previous one). The extractor
widens a content span to the whole quotation it touches. Messy text (a stray quote mark, a missing closing mark)
must shorten a quotation, never raise or swallow the rest of the article.
"""

from __future__ import annotations

import re

from newsgraph.types import Offsets

OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
NEUTRAL = frozenset('"')
# Any quote mark: the paragraph scan jumps from one to the next in C instead of reading every character in Python.
QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(OPENERS | CLOSERS | NEUTRAL))) + "]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MAX_QUOTE_CHARS = 4000


def _paragraphs(text: str) -> list[Offsets]:
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _is_opening(text: str, i: int) -> bool:
    """A neutral '"' opens a quote when it is not glued to the end of a word."""
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch in CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:":
        return True
    return not (after.isspace() or after in ".,;:!?)")


def paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Offsets], bool]:
    """Quotations inside one paragraph, and whether the paragraph ends inside an open quotation."""
    out: list[Offsets] = []
    open_at: int | None = None
    for mark in QUOTE_MARK.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        if open_at is None:
            if _is_opening(text, i):
                open_at = i
        elif ch in CLOSERS or (ch in NEUTRAL and not _is_opening(text, i)):
            out.append((open_at, i + 1))
            open_at = None
        elif ch in NEUTRAL:
            # two openers in a row: the first was stray; restart from here
            open_at = i
    if open_at is not None:
        out.append((open_at, end))
        return out, True
    return out, False


def quote_spans(text: str) -> list[Offsets]:
    """All quotations, with a quote left open at a paragraph end joined to the next paragraph's opening quote."""
    spans: list[Offsets] = []
    carry: Offsets | None = None
    for p_start, p_end in _paragraphs(text):
        quotes, left_open = paragraph_quotes(text, p_start, p_end)
        if carry is not None:
            if quotes and quotes[0][0] == p_start and text[p_start] in OPENERS | NEUTRAL:
                quotes[0] = (carry[0], quotes[0][1])
            else:
                spans.append(carry)
            carry = None
        if left_open and quotes:
            carry = quotes.pop()
        spans.extend(quotes)
    if carry is not None:
        spans.append(carry)
    return [(s, e) for s, e in spans if e - s <= MAX_QUOTE_CHARS]
