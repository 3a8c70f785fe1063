"""Rules for SET: recurring times ('weekly', 'every Tuesday', 'twice a week').
"""

from __future__ import annotations

import re

from newsgraph.times.anchoring import Anchoring
from newsgraph.times.lexicon import PARTS_OF_DAY, SEASONS, WEEKDAYS, words_to_number
from newsgraph.times.normalise import norm, unit_of
from newsgraph.times.scan import Candidate
from newsgraph.times.values import duration_value


class SetRules(Anchoring):
    """Recurring times."""

    def _h_set(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = norm(m["w"]).replace("-", "")
        value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                 "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
                 "semiannually": "P6M", "biannually": "P6M", "fortnightly": "P2W"}[w]
        return "SET", value, None

    def _h_set_adverb(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        """'sold annually', 'pays a dividend quarterly': TimeML SETs, tagged only where the word is an adverb."""
        return self._h_set(m, c)

    def _h_set_every(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        if m["wd"]:
            return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}", None
        if m["mon"]:
            return "SET", f"XXXX-{self._month_num(m['mon']):02d}", None
        if m["season"]:  # 'every summer the river floods'
            return "SET", f"XXXX-{SEASONS[m['season'].lower()]}", None
        word = norm(m["unit"])
        if word == "weekend":
            return "SET", "XXXX-WXX-WE", None
        if word in PARTS_OF_DAY:
            return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}", None
        unit = unit_of(word)
        if unit is None:
            return None
        num = norm(m["num"])
        if num in ("few", "a few", "several"):  # 'every few months': a recurrence of unstated period
            return ("SET", duration_value(None, unit), None) if word.endswith("s") else None
        n: float | None = 2 if num == "other" else (words_to_number(num) if num else 1)
        if n is None:
            return None
        if word.endswith("s") and not num:
            return None
        return "SET", duration_value(n, unit), None

    def _h_weekends(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        return "SET", "XXXX-WXX-WE", None

    def _h_set_share(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        return self._h_set_times(m, c)

    def _h_set_times(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = unit_of(norm(m["unit"]))
        return ("SET", duration_value(1, unit), None) if unit else None
