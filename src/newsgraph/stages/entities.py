"""Entities: spaCy NER over body and headline, with one canonical name per entity within a document.

Canonicalisation links short mentions to the longest earlier (or later) full name they are part of
('Putin' -> 'Vladimir Putin', 'the Times' -> 'The New York Times' style), strips possessives and leading
articles, so every later stage can point at one ``entity_id`` per real-world entity in the document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Entity
from newsgraph.spans import RangeIndex, extractable_ranges

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
BIG_CITY = 200_000
HONORIFIC = re.compile(r"(Mr|Mrs|Ms|Dr|Gen|Col|Sen|Rep|Gov|President|Minister|Prime Minister|Judge|Sheikh|"
                       r"General|Colonel|Captain|Lt|Sgt|Mayor|King|Queen|Prince|Pope)\.?\s+$")
STRIP_HEAD = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
STRIP_TAIL = re.compile(r"(['’]s|['’])$")


@lru_cache(maxsize=1)
def load_aliases() -> dict[tuple[str, str], str]:
    """(alias, label or '*') -> canonical, from lexicons/entity_aliases.tsv (read once per process)."""
    table: dict[tuple[str, str], str] = {}
    text = resources.files("newsgraph.lexicons").joinpath("entity_aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, canonical, label = [*line.split("\t"), "*"][:3]
        table[(alias, label or "*")] = canonical
    return table


def alias_canonical(name: str, label: str, aliases: dict[tuple[str, str], str]) -> str | None:
    """The lexicon's canonical name for ``name`` (label-specific entry first, then any-label)."""
    return aliases.get((name, label)) or aliases.get((name, "*"))


def _gazetteer(ctx: Context) -> Any:
    """The shared gazetteer (the places stage opens the same resource); None when it cannot be opened."""
    def factory() -> Any:
        try:
            from newsgraph.geo.gazetteer import open_gazetteer

            return open_gazetteer(ctx.settings.gazetteer_path)
        except Exception:  # the places stage reports a broken gazetteer; entities just skip the check
            return None

    return ctx.resource("gazetteer", factory)


def is_place_name(name: str, gaz: Any) -> bool:
    """A name the gazetteer knows as a country, first-level region, big city or curated alias ('Kiev')."""
    return any(c.feature in ("country", "admin1") or c.alias_kind == "curated"
               or (c.feature == "city" and c.population >= BIG_CITY) for c in gaz.lookup(name))


def relabel_places(spans: list[tuple[int, int, str, str]], text: str, gaz: Any) -> list[tuple[int, int, str, str]]:
    """One-word PERSON spans that are well-known place names become GPE ('Kiev' tagged as a person by the small
    model would otherwise become the speaker that 'he' resolves to). A title before the name keeps it a person,
    and so does a multi-word person elsewhere in the document that ends with it ('Michael Jordan')."""
    full_names = {t.split()[-1] for _, _, t, lab in spans if lab == "PERSON" and len(t.split()) > 1}
    out = []
    for start, end, name, label in spans:
        if (label == "PERSON" and " " not in name and name not in full_names
                and not HONORIFIC.search(text[max(0, start - 20):start]) and is_place_name(name, gaz)):
            label = "GPE"
        out.append((start, end, name, label))
    return out


def is_common_noun_person(ent: Any) -> bool:
    """A one-word PERSON the tagger reads as a common noun ('Turnout was 52 percent') is an NER slip: kept, it
    would become the speaker that role nouns and pronouns resolve to."""
    return ent.label_ == "PERSON" and len(ent) == 1 and ent[0].tag_ in ("NN", "NNS")


def clean_name(text: str) -> str:
    """'the Kremlin's' -> 'Kremlin': the form used to compare mentions."""
    text = STRIP_TAIL.sub("", text.strip())
    return STRIP_HEAD.sub("", text).strip()


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s.\-]+", name.lower()) if t]


def canonical_names(mentions: list[tuple[str, str]]) -> list[str]:
    """For each (name, label), the longest same-label name in the document that contains it as whole words.
    Worked out once per distinct (name, label), with each name's words split once: a long document repeats its
    names thousands of times, and comparing every mention with every name made it quadratic in mentions."""
    by_label: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for name, label in mentions:
        by_label.setdefault(label, [])
        if (name, label) not in seen:
            seen.add((name, label))
            by_label[label].append(name)
    words: dict[str, list[str]] = {}
    best_of: dict[tuple[str, str], str] = {}
    out = []
    for name, label in mentions:
        found = best_of.get((name, label))
        if found is None:
            found = best_of[(name, label)] = _longest_containing(name, label, by_label[label], words)
        out.append(found)
    return out


def _longest_containing(name: str, label: str, names: list[str], words: dict[str, list[str]]) -> str:
    toks = words[name] if name in words else words.setdefault(name, _tokens(name))
    best = name
    for other in names:
        if len(other) <= len(best):
            continue
        otoks = words[other] if other in words else words.setdefault(other, _tokens(other))
        if label == "PERSON":
            ok = (bool(toks) and toks == otoks[-len(toks):]) or toks == otoks[: len(toks)]
        else:
            ok = _contains_run(otoks, toks)
        if ok:
            best = other
    return best


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
        if is_common_noun_person(ent):
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
    gaz = _gazetteer(ctx)
    if gaz is not None:
        spans = relabel_places(spans, doc.text, gaz)
    aliases = load_aliases()
    names = [clean_name(t) or t for _, _, t, _ in spans]
    labels = [lab for *_, lab in spans]
    names = [alias_canonical(n, lab, aliases) or n for n, lab in zip(names, labels, strict=True)]
    canon = canonical_names(list(zip(names, labels, strict=True)))
    ids: dict[tuple[str, str], str] = {}
    doc.entities = []
    for (start, end, text, label), can in zip(spans, canon, strict=True):
        key = (can.lower(), label)
        ids.setdefault(key, f"e{len(ids) + 1}")
        doc.entities.append(Entity(start=start, end=end, text=text, label=label, canonical=can, entity_id=ids[key]))
