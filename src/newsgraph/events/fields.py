"""Links from an event to the other layers (places, times, attributions) and its quantity, clause-bounded.

Evidence for every field comes from the trigger's own clause (places, times) or sentence (times, as a fallback),
so an event never borrows a place or a date from a neighbouring clause about something else.
"""

from __future__ import annotations

import re

from newsgraph.document import Attribution, Document, Quantity
from newsgraph.events.syntax import Token, first_child

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12,
    "hundred": 100, "thousand": 1000,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
PEOPLE_CLASSES = ("person", "civilian", "military", "crowd")


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
    q = quantity_of(recipient, people)
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
    for n, ti in enumerate(starts):
        if ti is None or ti not in clause:
            continue
        d = abs(ti - trigger_i)
        if best_d is None or d < best_d:
            best, best_d = n, d
    return best


def pick_in_range(spans: list[tuple[int, int]], lo: int, hi: int, pos: int) -> int | None:
    cands = [(abs(s - pos), n) for n, (s, e) in enumerate(spans) if lo <= s and e <= hi]
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
    inside = [a for a in attributions if a.content.start <= pos < a.content.end]
    if not inside:
        return None
    return min(inside, key=lambda a: a.content.end - a.content.start).id
