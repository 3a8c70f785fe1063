"""Rules for clock times (TIME): '10:30 a.m. Friday', '1400 GMT', 'noon', with the day they fall on.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsgraph.times.anchoring import Anchoring
from newsgraph.times.calendar import month_day_year, valid_day, weekday_near
from newsgraph.times.lexicon import WEEKDAYS
from newsgraph.times.normalise import norm
from newsgraph.times.patterns import UNTIL_CUE
from newsgraph.times.scan import Candidate


class ClockRules(Anchoring):
    """Clock times and the day they fall on."""

    def _clock_value(self, h: int, mi: int | None, ap: str) -> int:
        ap = ap.lower().replace(".", "")
        if ap.startswith(("in the morning",)):
            ap = "am"
        elif ap.startswith(("in the", "at night")):
            ap = "pm"
        if ap.startswith("p") and h < 12:
            h += 12
        if ap.startswith("a") and h == 12:
            h = 0
        return h

    def _day_for(self, m: re.Match[str], c: Candidate) -> date | None:
        gd = m.groupdict()
        if gd.get("wd") and self.dct is not None:
            # a clock time 'until 9 a.m. Tuesday' is a deadline, ahead even in a past-tense clause
            deadline = UNTIL_CUE.search(self.text, max(0, c.start - 12), c.start)
            d = weekday_near(self.dct, WEEKDAYS[m["wd"].lower()], 1 if deadline else (self.direction(c) or -1))
            self._set_ref(d)
            return d
        if gd.get("deic") and self.dct is not None:
            return self.dct + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[norm(m["deic"])])
        if gd.get("mon") and (self.dct is not None or gd.get("cy")):
            mo, day = self._month_num(m["mon"]), int(m["day"])
            y = int(gd["cy"]) if gd.get("cy") else month_day_year(self.dct, mo, day, self.tense(c.start))  # type: ignore[arg-type]
            if valid_day(y, mo, day):
                self._set_ref(date(y, mo, day))
                return date(y, mo, day)
        return self._anchor()

    def _h_clock(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        h, mi = int(m["h"]), int(m["mi"]) if m["mi"] else None
        ap = m["ap"].lower()
        if "clock" in ap:
            if h > 12:
                return None
        elif h > 12 or h == 0:
            return None
        hh = self._clock_value(h, mi, ap) if "clock" not in ap else h
        own_day = m["wd"] or m["deic"] or m["mon"]
        d = (None if own_day else self._night_day(hh)) or self._day_for(m, c)
        mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "at about": "APPROX"}.get(
            norm(m["mod"]))
        day = d.isoformat() if d else "XXXX-XX-XX"
        return "TIME", f"{day}T{hh:02d}:{mi or 0:02d}", mod

    def _h_clock24(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        d = self._night_day(int(m["h"])) or self._anchor()
        day = d.isoformat() if d else "XXXX-XX-XX"
        return "TIME", f"{day}T{m['h']}:{m['mi']}", "APPROX" if m["mod"] else None

    def _h_clock_gmt(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        d = self._anchor()
        day = d.isoformat() if d else "XXXX-XX-XX"
        return "TIME", f"{day}T{m['h']}:{m['mi']}", None

    def _h_noon(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = norm(m["w"]).replace("-", "").replace(" ", "")
        d = self._day_for(m, c)
        day = d.isoformat() if d else "XXXX-XX-XX"
        if w in ("noon", "midday"):
            return "TIME", f"{day}T12:00", None
        if w == "midnight":
            return "TIME", f"{day}T24:00", None
        return "TIME", f"{day}T{'AF' if 'afternoon' in w else 'MO'}", "MID"
