"""Rules for expressions counted from the DCT or the story's date: today/yesterday, parts of day, 'last week',
'the next day', weekdays, 'the 23rd', 'two weeks ago', and the fuzzy PRESENT_REF/PAST_REF/FUTURE_REF words.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsgraph.times.anchoring import Anchoring
from newsgraph.times.calendar import shift, valid_day, weekday_near
from newsgraph.times.lexicon import PARTS_OF_DAY, SEASONS, WEEKDAYS
from newsgraph.times.normalise import MODS, amount_of, norm, season_of, unit_of, unknown_value
from newsgraph.times.patterns import COUNT_BEFORE, DAY_NOUNS, GENERIC_OF, GENERIC_POSSESSIVE
from newsgraph.times.scan import Candidate
from newsgraph.times.values import duration_value, fmt_at

FIGURE_BEFORE = re.compile(r"\b(?:compared\s+with|from|versus|against)\s+(?:a\s+(?:loss|profit|gain)\s+of\s+|earnings\s+of\s+)?"
                           r"(?:C|US)?\$[\d.,]+\s*(?:million|billion)?(?:,\s+or\s+[^,]{1,25},?)?\s*$", re.IGNORECASE)
FORTNIGHT_RELS = frozenset({"past", "last", "next", "coming", "the past", "the last", "the next", "the coming",
                            "the previous", "previous", "the following", "this past", "this coming", "the full"})


class RelativeRules(Anchoring):
    """Expressions counted from the DCT or the story's date."""

    def _h_deictic(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = norm(m["w"])
        part = norm(m["part"])
        mod = MODS.get(norm(m["edge"]))
        offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                   "the day after tomorrow": 2, "overnight": 0}
        if self.dct is None:
            ref = {"today": "PRESENT_REF", "tonight": "PRESENT_REF", "overnight": "PRESENT_REF"}.get(w)
            return "DATE", ref or ("PAST_REF" if offsets[w] < 0 else "FUTURE_REF"), mod
        if w in ("today", "tomorrow") and not part and self._generic_day(c):
            return None
        d = self.dct + timedelta(days=offsets[w])
        if w == "overnight":
            self.night = self.dct - timedelta(days=1)
            return "TIME", f"{self.night.isoformat()}TNI", None
        if w == "tonight":
            self.night = d
            return "TIME", f"{d.isoformat()}TNI", mod
        if part:
            if part in ("evening", "night"):
                self.night = d
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[part]}", mod
        return "DATE", d.isoformat(), mod

    def _generic_day(self, c: Candidate) -> bool:
        """'today's youth', 'the chips of today', 'the people of tomorrow': the era, not a day (TimeBank leaves these
        untagged); 'today's vote' and 'in today's editions' keep their day."""
        m = GENERIC_POSSESSIVE.match(self.text, c.end)
        if m is not None:
            return not ({m["first"], m["second"]} & DAY_NOUNS)
        return bool(GENERIC_OF.search(self.text, max(0, c.start - 20), c.start))

    def _h_part_this(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        rel, part = norm(m["rel"]), norm(m["part"])
        base = self.dct if rel not in ("that", "the", "the next", "the following", "the same") else self._anchor()
        if base is None:
            return "TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[part]}", None
        if rel in ("last", "yesterday"):
            base = base - timedelta(days=1)
        elif rel in ("tomorrow", "the next", "the following"):
            base = base + timedelta(days=1)
        if rel == "the" and part == "night":
            return None
        if part in ("evening", "night"):
            self.night = base
        return "TIME", f"{base.isoformat()}T{PARTS_OF_DAY[part]}", MODS.get(norm(m["edge"]))

    def _h_relunit(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        out = self._relunit(m, c)
        edge = norm(m["edge"])
        if out is not None and out[0] == "DATE" and edge.endswith("half of") and re.fullmatch(r"\d{4}", out[1]):
            # 'the first half of the year', 'the second half of next year': a half, not the whole year
            return "DATE", f"{out[1]}-H{1 if 'first' in edge else 2}", None
        return out

    def _relunit(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        rel, what = norm(m["rel"]), norm(m["what"])
        mod = MODS.get(norm(m["edge"]))
        if what == "fiscal year":
            what = "year"
        if what in WEEKDAYS:
            return self._relative_weekday(rel, WEEKDAYS[what], norm(m["part"]), mod, c)
        if what == "fortnight":  # 'the past fortnight', 'the next fortnight': British news counts two weeks
            return ("DURATION", "P2W", mod) if rel in FORTNIGHT_RELS else None
        if rel in ("same", "that same"):
            rel = "that"
        if rel in ("this year's", "last year's") or (rel in ("the", "all") and what == "season"):
            return None
        if what == "day":
            return self._relative_day(rel, mod, c)
        if what in SEASONS:
            return self._season(rel, SEASONS[what], mod)
        if what in ("decade", "century") and rel in ("past", "the past", "this past"):
            # 'over the past decade': the ten years up to now, a stretch (as 'the past ten years'), not the 1990s
            return "DURATION", duration_value(1, what), mod
        if what == "season":  # 'this season' in news is mostly a sports or fashion season: about a year
            n = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1, "the past": -1,
                 "the last": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1}.get(rel)
            if n is None:
                return None
            if self.dct is None:
                return "DATE", "PRESENT_REF" if n == 0 else ("PAST_REF" if n < 0 else "FUTURE_REF"), mod
            return "DATE", f"{self.dct.year + n:04d}", mod
        step = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1,
                "the past": -1, "the last": -1, "this past": -1, "next": 1, "coming": 1,
                "the coming": 1, "this coming": 1}
        narrative = {"the next": 1, "the following": 1, "the same": 0, "the preceding": -1, "the previous": -1,
                     "that": 0, "later that": 0, "earlier that": 0}
        unit = what
        if rel in ("the", "all", "the full"):
            if rel == "all" or (rel == "the" and unit != "weekend" and (
                    self._preceded_by(c.start, ("over", "throughout"))
                    or re.match(r"\s+(?:ended|ending)\b", self.text[c.end:c.end + 8]))):
                # 'over the year', 'the year ended Sept. 30': a stretch of time; 'for the year' is the year itself
                return "DURATION", duration_value(1, unit), mod
            if self.dct is None:
                return "DATE", unknown_value(unit), mod
            if unit == "weekend":
                return "DATE", fmt_at(self._weekend_date(c, self.dct), "weekend"), mod
            if unit == "week":  # 'For the week, the index fell' after 'on Friday': the week of the story's day
                return "DATE", fmt_at(self._anchor() or self.dct, unit), mod
            return "DATE", fmt_at(self.dct, unit), mod
        if rel in narrative:
            if unit == "year" and self.ref_year is not None:
                return "DATE", f"{self.ref_year + narrative[rel]:04d}", mod
            base = self.ref_month if unit == "month" else self._anchor()
            if unit == "month" and base is not None and base != self.dct:
                self._narrative = base
            if base is None:
                return "DATE", unknown_value(unit), mod
            return "DATE", fmt_at(shift(base, narrative[rel], unit), unit), mod
        if rel not in step:
            return None
        if self.dct is None:
            n = step[rel]
            return "DATE", ("PRESENT_REF" if n == 0 else "PAST_REF" if n < 0 else "FUTURE_REF"), mod
        if unit == "weekend" and (step[rel] == 0 or "coming" in rel):
            # 'this weekend'; 'the coming weekend' is the next one to come, this week's on a weekday
            base = self.dct + timedelta(days=1) if "coming" in rel and self.dct.isoweekday() == 7 else self.dct
            return "DATE", fmt_at(self._weekend_date(c, base) if step[rel] == 0 else self._coming_weekend(base),
                                  "weekend"), mod
        if rel == "last" and unit == "year" and self.quarter is not None and self._figure_compared(c):
            # 'earnings of $24 million, compared with a loss of $3 million last year': the year-ago quarter
            return "DATE", f"{self.quarter[0] - 1:04d}-Q{self.quarter[1]}", mod
        return "DATE", fmt_at(shift(self.dct, step[rel], unit), unit), mod

    def _figure_compared(self, c: Candidate) -> bool:
        """Does 'last year' close a comparison of reported figures ('from $3 million last year', 'last year's
        $1.55 billion') in a story about a quarter?"""
        before = self.text[max(0, c.start - 60):c.start]
        figure = FIGURE_BEFORE.search(before) or re.match(r"['’]s\s+(?:C|US)?\$", self.text[c.end:c.end + 6])
        return bool(figure) and self._quarter_context(c.start)

    def _relative_day(self, rel: str, mod: str | None, c: Candidate) -> tuple[str, str, str | None] | None:
        """'that day', 'the next day', 'later in the day': a day of the story, counted from the last one named."""
        steps = {"that": 0, "the same": 0, "later that": 0, "earlier that": 0, "the next": 1, "the following": 1,
                 "the previous": -1, "the preceding": -1}
        if rel in ("the past", "this past"):  # 'over the past day' (bulletin style): the last 24 hours
            return "DURATION", "P1D", mod
        if rel not in steps:
            return None
        if self.month_last and not steps[rel] and self.ref_month is not None:
            # 'most recently last October ... crossed out that same day': a day of that month, which one unsaid
            self._narrative = self.ref_month
            return "DATE", f"{self.ref_month.year:04d}-{self.ref_month.month:02d}-XX", mod
        base = self._anchor()
        if base is None:
            return "DATE", "XXXX-XX-XX", mod
        d = base + timedelta(days=steps[rel])
        if steps[rel]:
            self._set_ref(d)
        return "DATE", d.isoformat(), mod

    @staticmethod
    def _coming_weekend(base: date) -> date:
        """The Saturday of the next weekend to come (the current one if ``base`` is a Saturday)."""
        return base + timedelta(days=(6 - base.isoweekday()) % 7)

    def _weekend_date(self, c: Candidate, base: date) -> date:
        """'the weekend': the one just past in past-tense text, the coming one otherwise."""
        if base.isoweekday() >= 6:
            return base
        if self.direction(c) > 0:
            return base + timedelta(days=6 - base.isoweekday())
        return base - timedelta(days=base.isoweekday())

    def _relative_weekday(self, rel: str, wd: int, part: str, mod: str | None, c: Candidate
                          ) -> tuple[str, str, str | None] | None:
        if rel in ("the", "all", "same", "that same", "this year's", "last year's", "the current", "current"):
            return None
        suffix = f"T{PARTS_OF_DAY[part]}" if part else ""
        typ = "TIME" if part else "DATE"
        if self.dct is None:
            return typ, f"XXXX-WXX-{wd}{suffix}", mod
        if rel in ("last", "past", "this past", "the past", "the last"):
            d = weekday_near(self.dct - timedelta(days=1), wd, -1)
        elif rel in ("the previous", "the preceding", "previous"):
            d = weekday_near((self._anchor() or self.dct) - timedelta(days=1), wd, -1)
        elif rel in ("next", "coming", "this coming", "the coming"):
            d = weekday_near(self.dct + timedelta(days=1), wd, 1)
        elif rel in ("the next", "the following"):
            d = weekday_near((self._anchor() or self.dct) + timedelta(days=1), wd, 1)
        else:  # this Friday
            d = weekday_near(self.dct, wd, self.tense(c.start) or 1)
        self._set_ref(d)
        return typ, d.isoformat() + suffix, mod

    def _season(self, rel: str, code: str, mod: str | None) -> tuple[str, str, str | None] | None:
        if self.dct is None:
            return "DATE", f"XXXX-{code}", mod
        y = self.dct.year
        current = season_of(self.dct)
        order = ["WI", "SP", "SU", "FA"]
        if rel in ("last", "past", "this past", "the past", "the last", "previous", "the previous"):
            y = y if order.index(code) < order.index(current) else y - 1
        elif rel in ("next", "coming", "this coming", "the coming", "the next"):
            y = y if order.index(code) > order.index(current) else y + 1
        elif rel not in ("this", "the", "current", "that", "the same", "the following"):
            return None
        return "DATE", f"{y:04d}-{code}", mod

    def _h_the_unit_rel(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        what, direction = norm(m["what"]), norm(m["dir"])
        base = self._anchor()
        if base is None:
            return "DATE", unknown_value("day" if what == "night" else what), None
        d = shift(base, 1 if direction == "after" else -1, what)
        if what in ("day", "night"):
            self._set_ref(d)
        return "DATE", fmt_at(d, what), None

    def _h_year_end(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        what = norm(m["what"])
        if self.dct is None:
            return "DATE", unknown_value(what), "END"
        return "DATE", fmt_at(self.dct, what), "END"

    def _h_weekday(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        wd = WEEKDAYS[m["wd"].lower()]
        part = norm(m["part"])
        suffix = f"T{PARTS_OF_DAY[part]}" if part else ""
        if m["plural"] or m["pplural"]:
            return "SET", f"XXXX-WXX-{wd}{suffix}", None
        mod = MODS.get(norm(m["edge"]))
        typ = "TIME" if part else "DATE"  # 'Friday night': a part of a known day is a TIME in TimeML 1.2.1
        if self.dct is None:
            return typ, f"XXXX-WXX-{wd}{suffix}", mod
        direction = self.direction(c)
        d = weekday_near(self.dct, wd, direction if direction else -1)
        self._set_ref(d)
        if part in ("evening", "night"):
            self.night = d
        return typ, d.isoformat() + suffix, mod

    def _h_ordinal_day(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        day = int(m["day"])
        base = self._anchor()
        if base is None:
            return "DATE", f"XXXX-XX-{day:02d}", None
        direction = self.tense(c.start)
        # 'on the 28th' in a story of the 3rd is last month's, unless the verb looks ahead
        step = -1 if direction <= 0 else 1
        first = date(base.year, base.month, 1)
        if day > base.day + 1 and direction <= 0:
            first = shift(first, -1, "month")
        for _ in range(3):  # the 31st of a short month: the nearest month that has one, in the same direction
            if valid_day(first.year, first.month, day):
                break
            first = shift(first, step, "month")
        else:
            return None
        d = date(first.year, first.month, day)
        self._set_ref(d)
        return "DATE", d.isoformat(), None

    def _h_ago(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = unit_of(m["unit"])
        if unit is None:
            return None
        direction = norm(m["dir"])
        if direction in ("later", "after", "before"):
            # 'three days later': TimeML tags the stretch ('three days', a DURATION) and leaves 'later' as the
            # signal linking it to the event before; the shorter duration candidate takes over
            return None
        if direction in ("prior",) and not self._ends_clause(c.end):
            return None
        n = amount_of(m["num"], m["half"])
        sign = -1 if direction in ("ago", "earlier", "before", "back", "prior", "previously") else 1
        mod = MODS.get(norm(m["mod"]))
        base = self.dct if direction in ("ago", "back", "hence", "from now", "from today") else self._anchor()
        if n is None or base is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
        if unit in ("second", "minute", "hour"):
            return None  # no clock to count from: the plain duration ('two hours') is tagged instead
        if unit == "year" and n == 1 and self.quarter is not None and self._quarter_context(c.start):
            return "DATE", f"{self.quarter[0] - 1:04d}-Q{self.quarter[1]}", mod
        if n != int(n):
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
        relative_to_story = direction not in ("ago", "back", "hence", "from now", "from today")
        if unit in ("year", "decade", "century") and relative_to_story and self.ref_year is not None:
            base = date(self.ref_year, 7, 1)  # 'four years later' counts from the year the story is in
        d = shift(base, sign * int(n), unit)
        if unit in ("day", "night") and direction not in ("ago",):
            self._set_ref(d)
        return "DATE", fmt_at(d, unit), mod

    def _h_vague_ago(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        if norm(m["dir"]) == "later" and (m.start("unit") > m.start() or COUNT_BEFORE.search(self.text, 0, c.start)):
            return None  # 'a few days later', 'three days later': the duration is the timex, 'later' its signal
        return "DATE", "FUTURE_REF" if norm(m["dir"]) == "later" else "PAST_REF", None

    def _h_fuzzy(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = norm(m["w"])
        if w in ("now", "right now", "currently", "current", "nowadays", "these days", "at present", "presently",
                 "the time being", "the present", "this time", "these times"):
            if w == "current" and not self._adjective_before_noun(c.end):
                return None
            return "DATE", "PRESENT_REF", None
        if w in ("recently", "lately") or "past" in w:
            return "DATE", "PAST_REF", None
        return "DATE", "FUTURE_REF", None
