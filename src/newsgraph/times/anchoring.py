"""The resolver's state and anchoring: the DCT, the story's current date/month/year/quarter, and which way a
bare weekday or month points.

Why a state: a story's 'the next day' counts from the last date it named, 'that year' from the last year, 'a year
earlier' from the last quarter, so candidates are resolved left to right through one object.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsgraph.times.lexicon import MONTHS
from newsgraph.times.patterns import (
    COMPARISON_AFTER,
    EXPLICIT_YEAR,
    FORWARD_CUE,
    LAST_BEFORE,
    PERIOD_WORD,
    PLUPERFECT_BEFORE,
    PROPER_NAMED,
    TITLE_CLOSE,
    TITLE_MID,
    TITLE_NEXT,
    TITLE_QUOTED,
    UNTIL_CUE,
)
from newsgraph.times.scan import Candidate

# Tense hint: character offset -> -1 (past), +1 (future), 0 (present or unknown).
TenseFn = Callable[[int], int]


@dataclass
class Anchoring:
    """The narrative state every rule reads: DCT, the story's reference date, month, year and quarter."""

    text: str
    dct: date | None
    tense: TenseFn = field(default=lambda _pos: 0)
    perfect: Callable[[int], bool] = field(default=lambda _pos: False)
    ref: date | None = None
    ref_year: int | None = None
    ref_month: date | None = None
    quarter: tuple[int, int] | None = None
    month_last: bool = False  # was the last time named a month (no day)?
    _narrative: date | None = None
    # the evening date of the night the story last named ('overnight', 'last night', 'Friday night'): an evening or
    # small-hours clock time with no day of its own belongs to that night, not to the DCT
    night: date | None = None

    def __post_init__(self) -> None:
        self.ref = self.dct
        self.ref_year = self.dct.year if self.dct else None
        self.ref_month = self.dct

    def _anchor_of(self, c: Candidate, typ: str, value: str) -> str | None:
        """What a relative value was counted from, so a reader can check it: 'DCT' or the earlier date of the story
        ('the next day' after 'March 3, 2020' -> '2020-03-03'); None for values written out in full."""
        if typ not in ("DATE", "TIME") or not value[:1].isdigit() or EXPLICIT_YEAR.search(self.text, c.start, c.end):
            return None
        if self._narrative is not None:
            return self._narrative.isoformat()
        return "DCT" if self.dct is not None else None

    def direction(self, c: Candidate) -> int:
        """Which way a bare weekday or month points: a cue before it ('as early as', 'effective'), else the tense;
        'until' looks forward unless the clause is in the past ('Until Thursday, they had not ...'); a possessive
        ('Wednesday's ruling') names something that already happened."""
        if FORWARD_CUE.search(self.text, max(0, c.start - 20), c.start):
            # 'had been due to expire Friday': a deadline seen from after it, so already past
            return -1 if PLUPERFECT_BEFORE.search(self.text, max(0, c.start - 40), c.start) else 1
        if self.text.startswith(("'s", "’s"), c.end):
            return -1
        tense = self.tense(c.start)
        if UNTIL_CUE.search(self.text, max(0, c.start - 12), c.start) and (tense >= 0 or self.perfect(c.start)):
            return 1  # 'has extended the loans through January': a present perfect reaches on to its limit
        return tense

    def _set_ref(self, d: date) -> None:
        self.month_last = False
        if self.night is not None and d not in (self.night, self.night + timedelta(days=1)):
            self.night = None  # another day named: the story has left that night (its two dates keep it)
        self.ref = d
        self.ref_year = d.year
        self.ref_month = d

    def _set_ref_month(self, year: int, month: int) -> None:
        """A month named in the story ('In March, ...') anchors 'the following month' and 'that year', and makes
        a later 'that day' a day of that month, not of an older date."""
        self.ref_month = date(year, month, 1)
        self.ref_year = year
        self.month_last = True

    def _night_day(self, hour: int) -> date | None:
        """The day a clock time with no day falls on when the story is telling a night: the evening's date for
        18:00-23:59, the next morning's for 00:00-05:59; None (use the anchor) otherwise."""
        if self.night is None:
            return None
        if hour >= 18:
            return self.night
        if hour < 6:
            return self.night + timedelta(days=1)
        return None

    def _anchor(self) -> date | None:
        """The story's current date (the last one named), else the DCT."""
        if self.ref is not None and self.ref != self.dct:
            self._narrative = self.ref
        return self.ref or self.dct

    def _month_num(self, name: str) -> int:
        return MONTHS[name.lower().rstrip(".")]

    def _month_word_ok(self, start: int, end: int) -> bool:
        """'May' / 'March' alone: a month only after a preposition-like word or before a comma or a year-ish
        context; otherwise it is the modal or the verb/noun."""
        before = self.text[max(0, start - 12):start].lower().split()
        prev = before[-1] if before else ""
        if prev in ("the", "its", "their", "his", "her") and re.match(r"\s+[a-z]{3,}", self.text[end:end + 20]):
            return True  # 'the March accession', 'its May meeting': the month names when the noun happened
        return prev in {"in", "on", "since", "until", "till", "by", "early", "late", "mid", "of", "from", "through",
                        "during", "before", "after", "last", "next", "this", "and", "or", "to", "between"}

    def _preceded_by(self, start: int, words: Iterable[str]) -> bool:
        before = self.text[max(0, start - 15):start].lower().split()
        return bool(before) and before[-1] in set(words)

    def _quarter_context(self, start: int) -> bool:
        """Is 'a year earlier' here comparing quarterly figures? Yes if the nearest period named before it (within
        ~300 characters, else ~900) is a quarter, not 'the nine months' or 'the year'."""
        last = None
        for reach in (300, 900):  # nothing named close by: the comparison shares the period named further back
            for m in PERIOD_WORD.finditer(self.text, max(0, start - reach), start):
                if not self._comparison_year(m.start(), m.end()):
                    last = m  # 'a year ago', 'year-earlier', 'last year' compare with a period; they name none
            if last is not None:
                break
        return last is not None and re.match(r"quarter|period|[1-4]q|q[1-4]", last.group(0).lower()) is not None

    def _in_title(self, c: Candidate) -> bool:
        """Is this expression part of a title or name ("This Week With David Brinkley", "High Noon")? Its words
        are all capitalised though it stands mid-sentence, after an opening quote or a capitalised word, and a
        closing quote or another capitalised word follows. Weekdays, months and holidays are capitalised anyway."""
        words = [w for w in re.findall(r"[A-Za-z]+", self.text[c.start:c.end]) if w not in ("the", "of")]
        if not words or not all(w[0].isupper() for w in words) or PROPER_NAMED.search(self.text, c.start, c.end):
            return False
        lo = max(0, c.start - 30)
        if TITLE_MID.search(self.text, lo, c.start):
            return bool(TITLE_CLOSE.match(self.text, c.end) or TITLE_NEXT.match(self.text, c.end))
        # a quote opening a sentence: '"Now," he said' is speech; '"This Week With David Brinkley"' a title
        return bool(TITLE_QUOTED.search(self.text, lo, c.start) and TITLE_NEXT.match(self.text, c.end))

    def _comparison_year(self, start: int, end: int) -> bool:
        """Is the word 'year' at [start, end) part of 'a year ago', 'year-earlier' or 'last year'?"""
        return self.text[start:end].lower() == "year" and bool(
            COMPARISON_AFTER.match(self.text, end) or LAST_BEFORE.search(self.text, max(0, start - 6), start))

    def _ends_clause(self, end: int) -> bool:
        return bool(re.match(r"\s*(?:[,.;:)!?\"”]|$|and\b|but\b|when\b|the\s+company\b)", self.text[end:end + 12]))

    def _adjective_before_noun(self, end: int) -> bool:
        nxt = self.text[end:end + 20].split()
        return bool(nxt) and nxt[0][:1].islower() and nxt[0].isalpha()
