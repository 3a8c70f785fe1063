"""Place slots: constructions that say a capitalised name is a place, and what kind ('the village of X',
'X district', 'near X'), so a gazetteer name becomes a candidate even where NER missed it or called it a person.

Small NER models tag villages as ORG or PERSON ('Kishishe', 'Hroza in Kharkiv Oblast') or not at all, and a
village's name alone is too weak a signal to accept (many are also surnames or words). The construction around it
is the real evidence, and it is general: a type noun before ('the village of') or after ('X district', 'X hill'),
or a locative preposition ('near X', 'outskirts of X'). A typed slot also restricts which gazetteer entries fit
(a 'district' is an admin2 or its seat, a 'hill' a landform, a 'province' never its capital town).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SETTLEMENT = frozenset({"city"})
DISTRICT = frozenset({"admin2", "city"})  # a district named after its seat: the seat is the fallback location
REGION = frozenset({"admin1", "admin2", "region"})
LANDFORM = frozenset({"landform", "region"})

TYPE_NOUNS: dict[str, frozenset[str]] = {
    "village": SETTLEMENT, "villages": SETTLEMENT, "town": SETTLEMENT, "hamlet": SETTLEMENT, "city": SETTLEMENT,
    "settlement": SETTLEMENT, "kishlak": SETTLEMENT, "kebele": DISTRICT, "suburb": SETTLEMENT,
    "suburbs": SETTLEMENT, "neighbourhood": SETTLEMENT, "neighborhood": SETTLEMENT,
    "district": DISTRICT, "raion": DISTRICT, "rayon": DISTRICT, "territory": DISTRICT, "township": DISTRICT,
    "county": DISTRICT, "municipality": DISTRICT, "circle": DISTRICT, "cercle": DISTRICT, "woreda": DISTRICT,
    "tehsil": DISTRICT, "upazila": DISTRICT, "commune": DISTRICT, "lga": DISTRICT, "subdistrict": DISTRICT,
    "local government area": DISTRICT, "department": REGION,
    "region": REGION, "province": REGION, "governorate": REGION, "oblast": REGION, "state": REGION,
    "prefecture": REGION,
    "hill": LANDFORM, "hills": LANDFORM, "mountain": LANDFORM, "mountains": LANDFORM, "heights": LANDFORM,
    "ridge": LANDFORM, "valley": LANDFORM, "plateau": LANDFORM, "pass": LANDFORM, "peak": LANDFORM,
    "forest": LANDFORM, "camp": frozenset({"other", "city"}),
}
NAME = r"(?:[A-Z][\w'’\-]*|(?:al|el|as|ash|ad|an|ar)-[A-Z][\w'’\-]*)"
NAME_RUN = rf"{NAME}(?:\s+(?:(?:al|el|de|del|da|do|dos|la|le)\s+)?{NAME}){{0,3}}"
_TYPES = "|".join(sorted((re.escape(t) for t in TYPE_NOUNS), key=len, reverse=True))
TYPE_BEFORE = re.compile(rf"\b(?P<type>(?i:{_TYPES}))\s+of\s+(?P<name>{NAME_RUN})")
TYPE_AFTER = re.compile(rf"(?P<name>{NAME_RUN})\s+(?P<type>(?i:{_TYPES}))\b")
LOCATIVE = re.compile(rf"\b(?i:in|near|at|around|toward|towards|outside|into|from|to|across|outskirts\s+of|"
                      rf"west\s+of|east\s+of|north\s+of|south\s+of|settlement|village|town)\s+(?:the\s+)?"
                      rf"(?P<name>{NAME_RUN})")
COORDINATED = re.compile(rf"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?P<name>{NAME_RUN})")
INSTITUTION = re.compile(rf"(?P<name>{NAME_RUN})\s+(?:Police|Sheriff|Fire|Public\s+Schools|City\s+Council|"
                         rf"Town\s+Council|School\s+District|Municipal|RCMP|Mayor)\b")  # 'Owensboro Public Schools'
CONTAINED = re.compile(rf"(?P<name>{NAME_RUN})\s+in\s+(?:the\s+)?[A-Z]")  # 'Ngoshe in Gwoza', 'X in the Y region'


NOT_NAMES = frozenset({  # capitalised words that follow 'in', 'at', 'to' as times, not places
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "spring", "summer",
    "autumn", "winter", "christmas", "easter", "ramadan", "god", "english", "i",
})


@dataclass(frozen=True, slots=True)
class Slot:
    """A name standing in a place slot: its span, and the features a typed slot allows (None: any, untyped)."""

    start: int
    end: int
    features: frozenset[str] | None
    type_noun: str | None


def _case_ok(m: re.Match, group: str) -> bool:
    """The name group must start with a capital (and not be a type noun itself: 'Region of X')."""
    text = m.group(group)
    low = text.lower()
    return bool(text) and text[0].isupper() and low not in TYPE_NOUNS and low.split()[0] not in NOT_NAMES


def find_slots(text: str, start: int = 0, end: int | None = None) -> list[Slot]:
    """Every name in a place slot within text[start:end], typed slots first; one pass per pattern (linear)."""
    end = len(text) if end is None else end
    out: list[Slot] = []
    for m in TYPE_BEFORE.finditer(text, start, end):
        t = m.group("type").lower()
        if _case_ok(m, "name") and TYPE_NOUNS[t] is SETTLEMENT:  # 'the district of X', 'the hills of X': X contains
            out.append(Slot(m.start("name"), m.end("name"), TYPE_NOUNS[t], t))
    for m in TYPE_AFTER.finditer(text, start, end):
        if not _case_ok(m, "name"):
            continue
        t = m.group("type").lower()
        s, e = _trim_name(text, m.start("name"), m.end("name"))
        if e > s:
            out.append(Slot(s, e, TYPE_NOUNS[t], t))
    for m in LOCATIVE.finditer(text, start, end):
        if _case_ok(m, "name") and text[m.start("name") - 1:m.start("name")] != "-":
            out.append(Slot(m.start("name"), m.end("name"), None, None))
            pos = m.end("name")
            while (c := COORDINATED.match(text, pos, end)) and _case_ok(c, "name"):  # 'near X and Y', 'in X, Y'
                out.append(Slot(c.start("name"), c.end("name"), None, None))
                pos = c.end("name")
    for m in INSTITUTION.finditer(text, start, end):
        s, e = _trim_name(text, m.start("name"), m.end("name"))
        if e > s and _case_ok(m, "name"):
            out.append(Slot(s, e, None, None))
    for m in CONTAINED.finditer(text, start, end):
        s, e = _trim_name(text, m.start("name"), m.end("name"))
        if e > s and _case_ok(m, "name"):
            out.append(Slot(s, e, None, None))
    return out


_LEADING_STOP = re.compile(r"^(?:The|A|An|In|Near|At|Outside|Around|From|To|Into|Its|Their|His|Her)\s+")


def _trim_name(text: str, s: int, e: int) -> tuple[int, int]:
    """'In Sangin district': drop a capitalised function word that opened the sentence."""
    m = _LEADING_STOP.match(text, s, e)
    return (m.end(), e) if m else (s, e)
