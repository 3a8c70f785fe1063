"""Loading the spaCy model: the model is a setting, and a missing model degrades loudly, never silently."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import Warnings

log = logging.getLogger("newsgraph")
# Inputs are capped in bytes by Settings.max_bytes before they reach the parser; this only lifts spaCy's own
# 1M-character guard so that a long (but allowed) document is parsed rather than rejected mid-batch.
MAX_CHARS = 6_000_000


PARAGRAPHS = "newsgraph_paragraphs"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: the small parser otherwise runs a headline into the dateline or
    one paragraph into the next, and every stage reads sentences."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


def add_paragraph_breaks(nlp: Language) -> None:
    """Put the paragraph rule before the parser (or the sentencizer of a blank fallback) exactly once."""
    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_breaks)
    if PARAGRAPHS in nlp.pipe_names:
        return
    before = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names), None)
    nlp.add_pipe(PARAGRAPHS, before=before) if before else nlp.add_pipe(PARAGRAPHS, first=True)


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load ``name`` once per process (workers cache it too); fall back to a blank pipeline with a warning."""
    try:
        nlp = spacy.load(name)
    except OSError:
        log.warning(Warnings.W001.fmt(model=name))
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    add_paragraph_breaks(nlp)
    return nlp
