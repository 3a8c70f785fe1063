"""Rules for business periods: quarters and halves, 'a year earlier' against the quarter being reported.
"""

from __future__ import annotations

import re

from newsgraph.times.anchoring import Anchoring
from newsgraph.times.calendar import shift
from newsgraph.times.normalise import norm
from newsgraph.times.scan import Candidate
from newsgraph.times.values import fmt_at


class QuarterRules(Anchoring):
    """Quarters, halves and year-ago comparisons."""

    def _h_quarter(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        rels = [r for r in re.split(r"[\s-]+", (m["rel"] or "").lower()) if r]
        relset = set(rels)
        if {"year", "ago"} <= relset or {"year", "earlier"} <= relset or {"year", "before"} <= relset:
            relset |= {"year-ago"}
        det = norm(m["det"])
        ordw = norm(m["ord"])
        unit = norm(m["unit"])
        if not ordw and not det and not relset and not m["year"]:
            return None
        if unit == "period" and not m["dety"] and not (relset & {"latest", "year-ago", "year-earlier", "same", "comparable",
                                               "corresponding", "year", "ago", "earlier"}):
            return None
        if unit == "half":
            if not ordw and not relset & {"first", "second", "latter", "last"}:
                return None
            h = 1 if ordw in ("first", "1st") else 2
            y = int(m["year"]) if m["year"] else (self.dct.year if self.dct else None)
            return "DATE", (f"{y:04d}-H{h}" if y else f"XXXX-H{h}"), None
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(ordw)
        if q is None and "final" in relset:
            q = 4
        ytxt = m["year"] or m["dety"] or m["dety0"]
        year: int | None = int(ytxt) if ytxt else None
        back = 1 if (relset & {"year-ago", "year-earlier", "prior-year", "year-before"} or det == "last year's") else 0
        if det == "next year's":
            back = -1
        if q is None:
            if relset & {"previous", "prior", "last", "past"} and not back:
                base = self._current_quarter()
                if base is None:
                    return "DATE", "XXXX-QX", None
                y0, q0 = base
                q0 -= 1
                if q0 == 0:
                    y0, q0 = y0 - 1, 4
                return "DATE", f"{y0:04d}-Q{q0}", None
            if relset & {"current"} and self.dct is not None:
                return "DATE", fmt_at(self.dct, "quarter"), None
            if relset & {"latest", "recent", "just-ended", "just", "ended"} and not back and self.quarter is not None:
                return "DATE", f"{self.quarter[0]:04d}-Q{self.quarter[1]}", None  # the quarter the story reports
            if relset & {"latest", "recent", "just-ended", "just", "ended"} and not back and self.dct is not None:
                q0 = (self.dct.month - 1) // 3
                return "DATE", (f"{self.dct.year:04d}-Q{q0}" if q0 else f"{self.dct.year - 1:04d}-Q4"), None
            if year is not None:
                base = self.quarter or self._current_quarter()
                if unit == "period" and not self._quarter_context(c.start):
                    base = None  # 'the nine months ... the 1988 period': the year's stretch, not a quarter of it
                return "DATE", (f"{year:04d}-Q{base[1]}" if base else f"{year:04d}"), None
            if relset & {"next"}:
                if self.dct is None:
                    return "DATE", "XXXX-QX", None
                d = shift(self.dct, 1, "quarter")
                return "DATE", fmt_at(d, "quarter"), None
            base = self.quarter or self._current_quarter()
            if base is None:
                return "DATE", "XXXX-QX", None
            y0, q0 = base
            return "DATE", f"{y0 - back:04d}-Q{q0}", None
        if year is None:
            if self.quarter is not None and back:
                year = self.quarter[0]
            elif self.dct is None:
                return "DATE", f"XXXX-Q{q}", None
            else:
                year = self.dct.year
                dct_q = (self.dct.month - 1) // 3 + 1
                if q > dct_q and self.tense(c.start) < 0 and "next" not in relset:
                    year -= 1
                if det in ("this year's",):
                    year = self.dct.year
                elif det == "last year's":
                    year, back = self.dct.year - 1, 0
            year -= back
        if not back and (self._reported(year, q) or self.tense(c.start) < 0) and not self._indefinite(c):
            self.quarter = (year, q)  # 'reported fourth-quarter net'; not 'after a flat second quarter
        return "DATE", f"{year:04d}-Q{q}", None

    def _h_quarter_abbr(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        """'Q3 revenue', 'in Q1 2024', 'H1 profit', '3Q89': the quarter or half of the year written, else of the DCT's
        year (a quarter still to come in past-tense text is last year's, as for 'the fourth quarter')."""
        brand = re.search(r"(?<![.!?]\s)(?<![\n\"“(])\b([A-Z][A-Za-z]+)\s+$", self.text[max(0, c.start - 30):c.start])
        if brand is not None and c.start - len(brand.group(0)) > 0:
            return None  # 'the Audi Q3', 'a Samsung H1': a model name, not a period
        year: int | None = int(m["year"]) if m["year"] else None
        if m["yy"]:
            yy = int(m["yy"])
            year = (1900 if yy > 40 else 2000) + yy
        if m["h"]:
            y = year or (self.dct.year if self.dct else None)
            return "DATE", (f"{y:04d}-{m['h']}" if y else f"XXXX-{m['h']}"), None
        q = int((m["q"] or "")[1:] or m["q2"])
        if year is None:
            if self.dct is None:
                return "DATE", f"XXXX-Q{q}", None
            year = self.dct.year
            if q > (self.dct.month - 1) // 3 + 1 and self.tense(c.start) < 0:
                year -= 1
        if self._reported(year, q) or self.tense(c.start) < 0:
            self.quarter = (year, q)
        return "DATE", f"{year:04d}-Q{q}", None

    def _indefinite(self, c: Candidate) -> bool:
        """'a flat second quarter', 'a strong first quarter': a quarter described in passing, not the one the
        story's figures (and its later 'the year-earlier period') are about. ('a third-quarter loss': the article
        belongs to the loss, and the quarter is the story's.)"""
        if "-" in c.match.group(0):
            return False
        return bool(re.search(r"\ban?\s+(?:[a-z]+\s+)?$", self.text[max(0, c.start - 20):c.start], re.IGNORECASE))

    def _reported(self, year: int, q: int) -> bool:
        """Can results for this quarter be out yet (it ended before the DCT)? Only such a quarter is the one a
        later 'a year earlier' compares with; 'losses through the third quarter of next year' is a forecast."""
        if self.dct is None:
            return True
        return (year, q) < (self.dct.year, (self.dct.month - 1) // 3 + 1)

    def _current_quarter(self) -> tuple[int, int] | None:
        """The quarter a business story most likely reports on: the last one mentioned, else the last one that
        ended before the DCT."""
        if self.quarter is not None:
            return self.quarter
        if self.dct is None:
            return None
        q = (self.dct.month - 1) // 3
        return (self.dct.year, q) if q else (self.dct.year - 1, 4)

    def _h_year_ago_adj(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        """'year-earlier net' compares with the period named last: the quarter's twin a year back, or (after 'the
        nine months', 'last year') the year before."""
        if self.quarter is not None and self._quarter_context(c.start):
            return "DATE", f"{self.quarter[0] - 1:04d}-Q{self.quarter[1]}", None
        if self.dct is None:
            return "DATE", "PAST_REF", None
        return "DATE", f"{self.dct.year - 1:04d}", None
