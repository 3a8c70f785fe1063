"""The tagger: scan, resolve left to right, and split 'April 24 and 25' into two dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsgraph.times.anchoring import TenseFn
from newsgraph.times.calendar import valid_day
from newsgraph.times.patterns import YEAR
from newsgraph.times.resolver import Found, Resolver
from newsgraph.times.scan import candidates
from newsgraph.times.values import parse_dct


def tag(text: str, published: str | None, ranges: list[tuple[int, int]] | None = None,
        tense: TenseFn | None = None, perfect: Callable[[int], bool] | None = None) -> list[Found]:
    """TIMEX3 expressions in ``text`` (only inside ``ranges``), resolved against ``published``."""
    dct, _clock = parse_dct(published)
    resolver = Resolver(text=text, dct=dct)
    if tense is not None:
        resolver.tense = tense
    if perfect is not None:
        resolver.perfect = perfect
    out = []
    spans = ranges if ranges is not None else [(0, len(text))]
    taken_to = 0
    for cand in candidates(text, spans, resolver.valid):
        if cand.start < taken_to:
            continue  # the year of 'May 3 or 4, 2021' went with the second day
        res = resolver.resolve(cand)
        if res is not None:
            out.append(res)
            second = second_day(text, res)
            if second is not None and any(s <= second.start and second.end <= e for s, e in spans):
                out.append(second)
                taken_to = second.end
    return out


# 'April 24 and 25,': the second day of a pair shares the first one's month and year.
SECOND_DAY = re.compile(rf"\s+(?:and|or|&)\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,?\s+(?P<year>{YEAR}))?"
                        r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:in|at|of|for|when|while|with)\b)")


FULL_DAY_END = re.compile(r"[A-Za-z.]\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?$")


def second_day(text: str, first: Found) -> Found | None:
    """The bare day number after 'Month D and', as its own DATE (None if there is none)."""
    if first.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", first.value):
        return None
    if not FULL_DAY_END.search(text, first.start, first.end):
        return None
    m = SECOND_DAY.match(text, first.end)
    if m is None:
        return None
    year, month, day = int(first.value[:4]), int(first.value[5:7]), int(m["day"])
    if m["year"]:  # 'May 3 or 4, 2021': the year written after the pair belongs to both days
        year = int(m["year"])
        if not valid_day(year, month, int(first.value[8:])):
            return None
        first.value, first.anchor = f"{year:04d}{first.value[4:]}", None
    if day <= int(first.value[8:]) or not valid_day(year, month, day):
        return None
    return Found(m.start("day"), m.end(), "DATE", f"{year:04d}-{month:02d}-{day:02d}", first.mod, first.anchor)
