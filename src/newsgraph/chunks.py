"""Parsing long texts in paragraph-aligned chunks through one ``nlp.pipe`` stream, merged back into one Doc each.

Why: spaCy's memory for one Doc grows steeply with its length (a 4.9 MB text reached 15 GB), while a chunk of a
few pages parses in bounded memory. Cuts fall on paragraph breaks (else a line break, else a sentence end, else a
space), where the pipeline forces a sentence start anyway, so stages read the same sentences; the chunks' Docs are
merged with ``Doc.from_docs`` without added whitespace, so the merged Doc's text and token offsets are exactly the
original's and every stage still sees one Doc. Texts shorter than one chunk are parsed exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

CUTS = ("\n\n", "\n", ". ", " ")
CHARS_IN_FLIGHT = 40_000  # characters of a long text parsed at once


def chunk_bounds(text: str, size: int) -> list[int]:
    """Cut offsets (ends of chunks, the last being ``len(text)``) so that no chunk is longer than ``size``; each cut
    is just after the best separator in the second half of the window, or a hard cut when there is none."""
    bounds: list[int] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        cut = -1
        for sep in CUTS:
            at = text.rfind(sep, start + size // 2, limit)
            if at >= 0:
                cut = at + len(sep)
                break
        cut = cut if cut > start else limit
        bounds.append(cut)
        start = cut
    bounds.append(n)
    return bounds


def chunks(text: str, size: int) -> list[str]:
    """The pieces of ``text`` between its cuts (they concatenate back to ``text``)."""
    out, start = [], 0
    for end in chunk_bounds(text, size):
        out.append(text[start:end])
        start = end
    return out


def pipe_chunked(nlp: Language, texts: Iterable[str], batch_size: int, chunk_chars: int) -> Iterator[Doc]:
    """One Doc per text, in order, like ``nlp.pipe``. Runs of short texts stream through ``nlp.pipe`` in batches
    of ``batch_size``; a long text's chunks go through in batches of at most ``CHARS_IN_FLIGHT`` characters (the
    parser's transient memory grows with the characters of a batch: 16 chunks at once peaked at 1.1 GB for an
    800k-character text) and come out merged. Merged Docs drop the tok2vec tensor (no stage reads it)."""
    for is_long, run in groupby(texts, key=lambda t: len(t) > chunk_chars):
        if not is_long:
            yield from nlp.pipe(run, batch_size=batch_size)
            continue
        for text in run:
            parts = chunks(text, chunk_chars)
            yield merge(list(nlp.pipe(parts, batch_size=max(1, CHARS_IN_FLIGHT // chunk_chars))))


def merge(docs: list[Doc]) -> Doc:
    """The chunks' Docs as one (text and offsets exactly the concatenation)."""
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
