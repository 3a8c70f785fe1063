"""Loading the spaCy model: the model is a setting, and a missing model degrades loudly, never silently."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from newsgraph.errors import Warnings

log = logging.getLogger("newsgraph")


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load ``name`` once per process (workers cache it too); fall back to a blank pipeline with a warning."""
    try:
        nlp = spacy.load(name)
    except OSError:
        log.warning(Warnings.W001.fmt(model=name))
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    if len(nlp.max_length.__str__()) and nlp.max_length < 25_000_000:
        nlp.max_length = 25_000_000
    return nlp
