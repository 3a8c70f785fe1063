"""Small normalisers shared by the rule modules: hedges and edges to TimeML ``mod``, unit and amount words.
"""

from __future__ import annotations

import re
from datetime import date

from newsgraph.times.lexicon import UNITS, words_to_number

MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
    "close to": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "barely": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "well over": "MORE_THAN", "upwards of": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "early": "START", "earlier": "START", "the beginning of": "START",
    "the start of": "START", "late": "END", "later": "END", "the end of": "END", "the close of": "END",
    "mid": "MID", "the middle of": "MID", "end": "END", "start": "START",
}


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s.strip().lower()) if s else ""


def year_number(text: str) -> int | None:
    """'1994' -> 1994, 'nineteen ninety-four' -> 1994, 'two thousand and one' -> 2001; None if not a year."""
    t = norm(text).replace("-", " ")
    if t.isdigit():
        return int(t)
    m = re.fullmatch(r"nineteen(?: hundred)?(?: and)? (.+)", t)
    if m:
        n = words_to_number(m[1])
        return 1900 + int(n) if n is not None and 0 < n < 100 else None
    m = re.fullmatch(r"two thousand(?: and)?(?: (.+))?", t)
    if m:
        n = words_to_number(m[1]) if m[1] else 0
        return 2000 + int(n) if n is not None and n < 100 else None
    return None


def unit_of(word: str) -> str | None:
    """'trading days' -> 'day', 'centuries' -> 'century'."""
    w = norm(word).split()[-1]
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w == "millennia":
        w = "millennium"
    elif w.endswith("s"):
        w = w[:-1]
    return w if w in UNITS else None


def amount_of(num: str, half: str | None) -> float | None:
    raw = norm(num)
    if raw in ("several", "few", "a few", "many", "some", "a number of", "numerous", "dozens of", "hundreds of", "thousands of",
               "a matter of"):
        return None
    # 'for another week', 'a further month', 'an extra day': one more unit
    n = 1.0 if raw in ("another", "a further", "an extra") else words_to_number(raw)
    if n is not None and half:
        n += 0.5
    return n


def unknown_value(unit: str) -> str:
    return {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE",
            "day": "XXXX-XX-XX"}.get(unit, "XXXX")


def season_of(d: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")
