"""Entities: spaCy NER over body and headline, with one canonical name per entity within a document.

Canonicalisation links short mentions to the longest earlier (or later) full name they are part of
('Putin' -> 'Vladimir Putin', 'the Times' -> 'The New York Times' style), strips possessives and leading
articles, so every later stage can point at one ``entity_id`` per real-world entity in the document.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Entity
from newsgraph.spans import RangeIndex, extractable_ranges

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
STRIP_HEAD = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
STRIP_TAIL = re.compile(r"(['’]s|['’])$")


def clean_name(text: str) -> str:
    """'the Kremlin's' -> 'Kremlin': the form used to compare mentions."""
    text = STRIP_TAIL.sub("", text.strip())
    return STRIP_HEAD.sub("", text).strip()


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s.\-]+", name.lower()) if t]


def canonical_names(mentions: list[tuple[str, str]]) -> list[str]:
    """For each (name, label), the longest same-label name in the document that contains it as whole words."""
    by_label: dict[str, list[str]] = {}
    for name, label in mentions:
        by_label.setdefault(label, [])
        if name not in by_label[label]:
            by_label[label].append(name)
    out = []
    for name, label in mentions:
        toks = _tokens(name)
        best = name
        for other in by_label[label]:
            if len(other) <= len(best):
                continue
            otoks = _tokens(other)
            if label == "PERSON":
                ok = (bool(toks) and toks == otoks[-len(toks):]) or toks == otoks[: len(toks)]
            else:
                ok = _contains_run(otoks, toks)
            if ok:
                best = other
        out.append(best)
    return out


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    if parsed is None:
        return
    allowed = RangeIndex(extractable_ranges(doc))
    spans = []
    for ent in parsed.ents:
        if ent.label_ not in KEEP_LABELS or not allowed.covers(ent.start_char, ent.end_char):
            continue
        start, end = ent.start_char, ent.end_char
        text = doc.text[start:end]
        m = STRIP_TAIL.search(text)
        if m:
            end -= len(m.group(0))
            text = doc.text[start:end]
        if not text.strip():
            continue
        spans.append((start, end, text, ent.label_))
    names = [clean_name(t) or t for _, _, t, _ in spans]
    labels = [lab for *_, lab in spans]
    canon = canonical_names(list(zip(names, labels, strict=True)))
    ids: dict[tuple[str, str], str] = {}
    doc.entities = []
    for (start, end, text, label), can in zip(spans, canon, strict=True):
        key = (can.lower(), label)
        ids.setdefault(key, f"e{len(ids) + 1}")
        doc.entities.append(Entity(start=start, end=end, text=text, label=label, canonical=can, entity_id=ids[key]))
