"""Rules for calendar expressions that name their date: ISO, numeric and CJK dates, month-day(-year), months,
years, decades, centuries, seasons, 'the week of', holidays.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsgraph.times.anchoring import Anchoring
from newsgraph.times.calendar import holiday, month_day_year, month_year, valid_day
from newsgraph.times.lexicon import DECADE_WORDS, ORDINALS, SEASONS, WEEKDAYS, words_to_number
from newsgraph.times.normalise import MODS, norm, year_number
from newsgraph.times.patterns import AGE_BEFORE, MEASURE_AFTER
from newsgraph.times.scan import Candidate
from newsgraph.times.values import fmt_at


class DateRules(Anchoring):
    """Expressions that name their own calendar date."""

    def _h_iso(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not valid_day(y, mo, d):
            return None
        self._set_ref(date(y, mo, d))
        if m["H"]:
            return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['H']}:{m['M']}" + (f":{m['S']}" if m["S"] else ""), None
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", None

    def _h_cjk(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        mo = int(m["m"])
        day = int(m["d"]) if m["d"] else None
        year = int(m["y"]) if m["y"] else None
        if year is None and day is None:
            return None
        if year is None:
            if self.dct is None:
                return "DATE", f"XXXX-{mo:02d}-{day:02d}", None
            year = month_day_year(self.dct, mo, day or 1, self.tense(c.start))
        if day is None:
            return "DATE", f"{year:04d}-{mo:02d}", None
        if not valid_day(year, mo, day):
            return None
        self._set_ref(date(year, mo, day))
        return "DATE", f"{year:04d}-{mo:02d}-{day:02d}", None

    def _h_numeric(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        a, b, ytxt = int(m["a"]), int(m["b"]), m["y"]
        year = int(ytxt) if len(ytxt) == 4 else (1900 + int(ytxt) if int(ytxt) > 40 else 2000 + int(ytxt))
        if m["sep"] == "." or a > 12:
            day, mo = a, b  # dotted dates (23.03.2021) are day-first everywhere they are used
        else:
            mo, day = a, b
        if not valid_day(year, mo, day):
            return None
        self._set_ref(date(year, mo, day))
        return "DATE", f"{year:04d}-{mo:02d}-{day:02d}", None

    def _h_mdy(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        return self._month_day(m, c)

    def _h_dmy(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        return self._month_day(m, c)

    def _month_day(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        mo, day = self._month_num(m["mon"]), int(m["day"])
        mod = MODS.get(norm(m.groupdict().get("edge")))
        if m["year"]:
            year = int(m["year"])
        elif m["wd"] and self.dct is not None:
            year = self._year_for_weekday(mo, day, WEEKDAYS[m["wd"].lower()])
        elif norm(m.groupdict().get("rel")) in ("last", "this past", "next") and self.dct is not None:
            year = self.dct.year
            later = valid_day(year, mo, day) and date(year, mo, day) > self.dct
            if norm(m["rel"]) == "next":
                year += 0 if later else 1
            else:
                year -= 1 if later else 0
        elif self.dct is None:
            return "DATE", f"XXXX-{mo:02d}-{day:02d}", mod
        else:
            year = month_day_year(self.dct, mo, day, self.direction(c))
        if not valid_day(year, mo, day):
            return None
        self._set_ref(date(year, mo, day))
        return "DATE", f"{year:04d}-{mo:02d}-{day:02d}", mod

    def _year_for_weekday(self, mo: int, day: int, wd: int) -> int:
        """'Friday, Oct. 23': the year near the DCT in which that date falls on that weekday."""
        assert self.dct is not None
        for y in (self.dct.year, self.dct.year - 1, self.dct.year + 1):
            if valid_day(y, mo, day) and date(y, mo, day).isoweekday() == wd:
                return y
        return month_day_year(self.dct, mo, day, 0)

    def _h_month(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        name = m["mon"]
        bare = not (m["year"] or m["rel"] or m["yrel"] or m["edge"])
        if name in ("May", "March", "MARCH") and bare and not self._month_word_ok(c.start, c.end):
            return None
        mo = self._month_num(name)
        mod = MODS.get(norm(m["edge"]))
        rel = norm(m["rel"])
        if m["year"]:
            year = year_number(m["year"])
            if year is None:
                return None
            self._set_ref_month(year, mo)
            return "DATE", f"{year:04d}-{mo:02d}", mod
        if self.dct is None:
            return "DATE", f"XXXX-{mo:02d}", mod
        if m["yrel"]:
            year = self.dct.year + {"this": 0, "last": -1, "next": 1}[norm(m["yrel"])]
        elif rel in ("last", "past", "this past"):
            # 'last February' written in March means a year ago; 'in February' would name the recent one
            year = self.dct.year if mo < self.dct.month - 1 else self.dct.year - 1
        elif rel in ("next", "coming", "this coming"):
            year = self.dct.year if mo > self.dct.month + 1 else self.dct.year + 1
        elif rel == "this":
            year = self.dct.year
        else:
            year = month_year(self.dct, mo, self.direction(c))
        self._set_ref_month(year, mo)
        return "DATE", f"{year:04d}-{mo:02d}", mod

    def _h_year(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        year = int(m["year"])
        fiscal = norm(m["fiscal"])
        before = self.text[max(0, m.start("year") - 12):m.start("year")].lower()
        if not fiscal and not m["edge"]:
            if year < 1500 and not re.search(r"\b(in|since|year|of|by|until|from)\s+$", before):
                return None
            if MEASURE_AFTER.match(self.text, c.end):
                return None
        edge = norm(m["edge"])
        self.ref_year = year
        if edge.endswith("half of"):
            return "DATE", f"{year:04d}-H{1 if 'first' in edge else 2}", None
        return "DATE", f"{year:04d}", MODS.get(edge)

    def _h_decade(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        dec = m["dec"].lower().replace("'", "")
        mod = MODS.get(norm(m["edge"]))
        if AGE_BEFORE.search(self.text, max(0, c.start - 20), m.start("dec")):
            return None
        if dec[:-1].isdigit():
            num = dec[:-1]
            if len(num) == 2:  # '80s -> the century of the DCT, or the 1900s before it
                century = self.dct.year // 100 if self.dct else 19
                if self.dct and int(num) > self.dct.year % 100:
                    century -= 1
                return "DATE", f"{century:02d}{num[0]}", mod
            if num.endswith("00") and int(num) < 1900:
                return "DATE", num[:2], mod  # 'the 1800s' is the nineteenth century, not its first ten years
            return "DATE", num[:3], mod
        century = self.dct.year // 100 if self.dct else 19
        if self.dct and DECADE_WORDS[dec] * 10 > self.dct.year % 100:
            century -= 1
        return "DATE", f"{century:02d}{DECADE_WORDS[dec]}", mod

    def _h_century(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        o = m["ord"].lower()
        n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else ORDINALS.get(o)
        if not n or n > 21:
            return None
        return "DATE", f"{n - 1:02d}", MODS.get(norm(m["edge"]))

    def _h_spelled_year(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        if m["rest"]:
            n = words_to_number(m["rest"])
            return ("DATE", f"19{int(n):02d}", None) if n is not None and n < 100 else None
        rest = m["rest2"] or m["rest3"]
        n = words_to_number(rest) if rest else 0
        return ("DATE", f"{2000 + int(n):04d}", None) if n is not None and n < 100 else None

    def _h_week_of(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        """'the week of March 6' names the calendar week that contains that day."""
        mo, day = self._month_num(m["mon"] or m["mon2"]), int(m["day"] or m["day2"])
        if m["year"]:
            year = int(m["year"])
        elif self.dct is None:
            return "DATE", "XXXX-WXX", None
        else:
            year = month_day_year(self.dct, mo, day, self.direction(c))
        if not valid_day(year, mo, day):
            return None
        return "DATE", fmt_at(date(year, mo, day), "week"), None

    def _h_season(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        code = SEASONS[norm(m["what"])]
        mod = MODS.get(norm(m["edge"]))
        if m["year"]:
            year = year_number(m["year"])
            return ("DATE", f"{year:04d}-{code}", mod) if year is not None else None
        if self.dct is None:
            return "DATE", f"XXXX-{code}", mod
        return "DATE", f"{self.dct.year:04d}-{code}", mod

    def _h_holiday(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        name, rel = m["name"], norm(m["rel"])
        if name == "May Day" and not self._month_word_ok(c.start, c.end):
            return None
        if m["year"]:
            year = int(m["year"])
        elif self.dct is None:
            fixed = holiday(name, 2001)  # fixed-date holidays keep month and day; movable ones stay unknown
            if fixed is None or fixed != holiday(name, 2002).replace(year=2001):  # type: ignore[union-attr]
                return "DATE", "XXXX-XX-XX", None
            return "DATE", f"XXXX-{fixed.month:02d}-{fixed.day:02d}", None
        else:
            this = holiday(name, self.dct.year)
            if this is None:
                return None
            direction = {"last": -1, "this past": -1, "next": 1}.get(rel, self.tense(c.start))
            year = self.dct.year
            if direction < 0 and this > self.dct:
                year -= 1
            elif direction > 0 and this < self.dct:
                year += 1
            elif direction == 0 and (this - self.dct).days > 180:
                year -= 1
            elif direction == 0 and (self.dct - this).days > 180:
                year += 1
        d = holiday(name, year)
        if d is None:
            return None
        if rel == "the day after":
            d += timedelta(days=1)
        elif rel == "the day before":
            d -= timedelta(days=1)
        self._set_ref(d)
        return "DATE", d.isoformat(), None
