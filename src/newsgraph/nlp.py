"""Loading the spaCy model: the model is a setting, and a missing model degrades loudly, never silently."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from newsgraph.errors import Warnings

log = logging.getLogger("newsgraph")
# Inputs are capped in bytes by Settings.max_bytes before they reach the parser; this only lifts spaCy's own
# 1M-character guard so that a long (but allowed) document is parsed rather than rejected mid-batch.
MAX_CHARS = 6_000_000


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
    return nlp
