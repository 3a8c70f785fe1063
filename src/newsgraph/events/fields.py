"""Links from an event to the other layers (entities, places, times, attributions) and its quantity.

Evidence for every field comes from the trigger's own clause (places, times) or sentence (times, as a fallback),
so an event never borrows a place or a date from a neighbouring clause about something else.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from newsgraph.document import Attribution, Document, EntitySpan, Quantity, Span
from newsgraph.events.syntax import Token, direct_object, first_child, np_span, semantic_head
from newsgraph.events.triggers import Candidate
from newsgraph.spans import index_of

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12,
    "hundred": 100, "thousand": 1000,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def parse_number(words: list[str]) -> float | None:
    """['300,000'] -> 300000, ['1.2', 'million'] -> 1200000, ['two'] -> 2; None if not a number."""
    value: float | None = None
    for w in words:
        w = w.lower().replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", w):
            value = float(w) if value is None else value * float(w)
        elif w in SCALES and value is not None:
            value *= SCALES[w]
        elif w in NUMBER_WORDS and value is None:
            value = float(NUMBER_WORDS[w])
        elif w in SCALES:
            value = float(SCALES[w])
    return value


def quantity_of(noun: Token | None, people: frozenset[str]) -> Quantity | None:
    """'300,000 civilians' -> Quantity(300000, 'people', '300,000 civilians') from a noun's number modifier."""
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    nums = [c for c in noun.children if c.dep_ == "nummod" and c.i < noun.i]
    if not nums:
        return None
    num = nums[0]
    parts = sorted([num, *[c for c in num.children if c.dep_ in ("compound", "nummod", "quantmod") and c.like_num]],
                   key=lambda t: t.i)
    value = parse_number([t.text for t in parts])
    if value is None or value <= 0:
        return None
    unit = "people" if noun.lemma_.lower() in people else noun.lemma_.lower()
    val: float | int = int(value) if float(value).is_integer() else value
    return Quantity(value=val, unit=unit, text=noun.doc[parts[0].i : noun.i + 1].text)


def event_quantity(trigger: Token, recipient: Token | None, people: frozenset[str]) -> Quantity | None:
    """A count of people or things the event involves: its object, or the 'of' phrase of a nominal event."""
    for noun in (recipient, direct_object(trigger) if trigger.pos_ == "VERB" else None):
        q = quantity_of(noun, people)
        if q is not None:
            return q
    of = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        return quantity_of(first_child(of, ("pobj",)), people)
    return None


def token_index_at(parsed, char: int) -> int | None:
    span = parsed.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def token_starts(parsed, spans: list[tuple[int, int]]) -> list[int | None]:
    """First token index of each span (computed once per document, not once per event)."""
    return [token_index_at(parsed, start) for start, _end in spans]


def pick_in_clause(starts: list[int | None], clause: set[int], trigger_i: int) -> int | None:
    """Index of the span whose first token is in the clause, nearest the trigger."""
    best, best_d = None, None
    for n, ti in _places_in(starts, clause):
        d = abs(ti - trigger_i)
        if best_d is None or d < best_d:
            best, best_d = n, d
    return best


def in_apposition(tok: Token, trigger: Token) -> bool:
    """Does ``tok`` belong to a noun phrase set off beside the clause (an apposition, or a noun after a comma)
    that does not hold the trigger? 'mediated the exchange, the sixth such mediation this year': that phrase's
    time counts a series of like events, it does not date this one. The walk stops at the first verb: a time
    hung on a verb dates it."""
    cur = tok
    for _ in range(40):
        if cur.i == trigger.i or cur.pos_ in ("VERB", "AUX"):
            return False
        if cur.i != tok.i and set_off_noun(cur) and describes_other(cur, trigger):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


SERIES_WORDS = frozenset({"such", "similar", "latest"})


def set_off_noun(tok: Token) -> bool:
    """A noun phrase naming a series, set off from its clause ('X, its third such effort this year', 'X, the
    latest such visit this month'; the parser gives it as appos, npadvmod or a second object). Neither alone is
    enough: 'the capital Ankara early Saturday' is an apposition that dates nothing else, and 'According to Y,
    police on Sunday fired ...' opens its subject with a comma."""
    if tok.pos_ != "NOUN" or tok.dep_ in ("nsubj", "nsubjpass"):
        return False
    start = tok.left_edge.i
    set_off = tok.dep_ == "appos" or (start > tok.sent.start and tok.doc[start - 1].text == ",")
    return set_off and any(c.lower_ in SERIES_WORDS or c.ent_type_ == "ORDINAL" for c in tok.children)


def time_tokens(clause: set[int], time_starts: list[int | None], parsed: Any, trigger: Token) -> set[int]:
    """The clause's tokens that may date the event: times in phrases set off to describe another noun left out.
    Only the first tokens of times are walked (``pick_in_clause`` reads nothing else), not every clause token."""
    return clause - {ti for ti in time_starts if ti is not None and ti in clause and in_apposition(parsed[ti], trigger)}


def describes_other(noun: Token, trigger: Token) -> bool:
    """A set-off phrase about another noun: it does not hold the trigger and is no date itself ('on Sunday,
    11 June' is one date told twice)."""
    return not (noun.left_edge.i <= trigger.i <= noun.right_edge.i) and noun.ent_type_ not in ("DATE", "TIME")


def pick_in_range(spans: list[tuple[int, int]], lo: int, hi: int, pos: int) -> int | None:
    index = index_of("pick_in_range", spans, lambda span: span)
    cands = [(abs(spans[n][0] - pos), n) for n in index.within(lo, hi)]
    return min(cands)[1] if cands else None


def date_precision(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def event_date(doc: Document, time_index: int | None) -> tuple[str | None, str | None]:
    """The event's date: its own time expression's value when that is a calendar date, else the publication date."""
    if time_index is not None:
        t = doc.times[time_index]
        prec = date_precision(t.value) if t.type in ("DATE", "TIME") else None
        if prec is not None:
            return t.value[:10] if prec == "day" else t.value, prec
    if doc.published:
        return doc.published[:10], "reported"
    return None, None


def attribution_of(attributions: list[Attribution], pos: int) -> str | None:
    """The innermost attribution whose content contains the trigger (the closest 'who says so')."""
    index = index_of("attributions", attributions, lambda a: (a.content.start, a.content.end))
    inside = [attributions[k] for k in index.containing(pos)]
    if not inside:
        return None
    return min(inside, key=lambda a: a.content.end - a.content.start).id


LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into", "on", "throughout",
                            "within", "along", "over", "off", "towards", "toward", "to", "from", "through", "onto",
                            "between", "north", "south", "east", "west"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "AID", "SANCTION"})


def _is_locative(tok: Token) -> bool:
    """Does a place name stand where a location goes ('in Kharkiv', 'near the border of X')?"""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE_PREPS:
            return True
        if (cur.dep_ in ("compound", "conj", "appos", "pobj", "npadvmod") or (cur.dep_ == "prep" and cur.lower_ == "of")) \
                and cur.head.i != cur.i:
            cur = cur.head
            continue
        return cur.dep_ == "npadvmod"
    return False


_BY_TOKEN: dict[int, tuple[list, dict[int, list[int]]]] = {}


def _places_in(place_starts: list[int | None], clause: set[int]) -> list[tuple[int, int]]:
    """(span number, token) for the spans (places, times) starting in ``clause``, in span order, through a token ->
    spans map kept for the document's lists (one scan per event would read every span of a long document)."""
    kept = _BY_TOKEN.get(id(place_starts))
    if kept is None or kept[0] is not place_starts:
        if len(_BY_TOKEN) >= 4:
            _BY_TOKEN.clear()
        by_token: dict[int, list[int]] = {}
        for n, ti in enumerate(place_starts):
            if ti is not None:
                by_token.setdefault(ti, []).append(n)
        kept = _BY_TOKEN[id(place_starts)] = (place_starts, by_token)
    by_token = kept[1]
    if len(clause) > len(place_starts):
        return [(n, ti) for n, ti in enumerate(place_starts) if ti is not None and ti in clause]
    return sorted((n, ti) for ti in clause for n in by_token.get(ti, ()))


def pick_place(parsed: Any, place_starts: list[int | None], clause: set[int], c: Candidate,
               recip: Token | None) -> int | None:
    """The toponym governed in the event's clause that names where it happened: one in a locative phrase,
    or the target of a material event ('shelled Kharkiv') or of a visit ('visited Kyiv': PLOVER's recipient of a
    visit hosts it, so a visited place is where the visit happened); never the party of a verbal one ('accused
    Moscow')."""
    target = set(range(recip.left_edge.i, recip.right_edge.i + 1)) if recip is not None else set()
    best, best_d = None, None
    for n, ti in _places_in(place_starts, clause):
        tok = parsed[ti]
        if not (_is_locative(tok) or ((c.type in MATERIAL_TYPES or c.mode == "visit") and ti in target)):
            continue
        d = abs(ti - c.token.i)
        if best_d is None or d < best_d:
            best, best_d = n, d
    return best


def _drop_possessive(doc: Document, head: Token, start: int, end: int) -> int:
    """'Israel's attack' -> actor 'Israel': the possessive ending belongs to the phrase, not to the party."""
    case = next((c for c in head.children if c.dep_ == "case" and c.lower_ in ("'s", "’s", "'", "’")), None)
    if case is not None and case.idx + len(case.text) == end and case.idx > start:
        end = case.idx  # = len(doc.text[:case.idx].rstrip()), without copying the text before it
        while end > 0 and doc.text[end - 1].isspace():
            end -= 1
        return end
    return end


def instrument_span(doc: Document, tok: Token | None) -> Span | None:
    """The weapon or vehicle phrase ('a roadside bomb planted by ...' -> 'a roadside bomb')."""
    if tok is None:
        return None
    lo = min([tok.i, *[c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "compound", "nummod",
                                                                                 "poss", "nmod", "punct")]])
    lo = min([lo, *[g.i for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod")
                    for g in c.subtree]])
    first = tok.doc[lo]
    return doc.span(first.idx, tok.idx + len(tok.text))


def entity_span(doc: Document, tok: Token | None) -> EntitySpan | None:
    if tok is None:
        return None
    head = semantic_head(tok)
    start, end = np_span(head)
    end = _drop_possessive(doc, head, start, end)
    if start >= end:
        return None
    ent_id = None
    hpos = head.idx
    index = index_of("entities", doc.entities, lambda e: (e.start, e.end))
    for k in index.containing(hpos)[:1]:
        ent_id = doc.entities[k].entity_id
    if ent_id is None:
        inside = [doc.entities[k] for k in index.within(start, end)]
        if len(inside) == 1:
            ent_id = inside[0].entity_id
    if ent_id is None and head.pos_ == "PRON":
        ent_id = antecedent_id(doc, head)
    return EntitySpan(start=start, end=end, text=doc.text[start:end], entity_id=ent_id)


PRONOUN_LABELS = {
    "he": ("PERSON",), "him": ("PERSON",), "his": ("PERSON",), "she": ("PERSON",), "her": ("PERSON",),
    "it": ("ORG", "GPE"), "its": ("ORG", "GPE"),
}


def antecedent_id(doc: Document, pron: Token) -> str | None:
    """Entity id for 'he'/'she'/'it': the nearest earlier entity of a fitting kind within the last two sentences.
    The span stays the pronoun (evidence in the clause); only the identity is linked."""
    labels = PRONOUN_LABELS.get(pron.lower_)
    if labels is None:
        return None
    sent = pron.sent
    prev = pron.doc[sent.start - 1].sent if sent.start > 0 else sent
    lo = prev.start_char
    ents, starts = _entity_starts(doc)
    found = [k for _, k in starts[bisect_left(starts, (lo, -1)):bisect_left(starts, (pron.idx, -1))]
             if ents[k].label in labels]
    return ents[max(found)].entity_id if found else None  # the last such entity in the document's order


_ENTITY_STARTS: list[Any] = [None, None, 0, []]


def _entity_starts(doc: Document) -> tuple[list[Any], list[tuple[int, int]]]:
    """(start, index) of the document's entities, sorted, built once per entity list (not per pronoun)."""
    if _ENTITY_STARTS[0] is not doc or _ENTITY_STARTS[1] is not doc.entities or _ENTITY_STARTS[2] != len(doc.entities):
        _ENTITY_STARTS[:] = [doc, doc.entities, len(doc.entities), sorted((e.start, k) for k, e in enumerate(doc.entities))]
    return doc.entities, _ENTITY_STARTS[3]
