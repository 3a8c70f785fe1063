"""Rules for DURATION: counted and vague stretches ('three weeks', 'the past few months', 'decades-long').
"""

from __future__ import annotations

import re

from newsgraph.times.anchoring import Anchoring
from newsgraph.times.lexicon import words_to_number
from newsgraph.times.normalise import MODS, amount_of, norm, unit_of
from newsgraph.times.patterns import RATE_BEFORE, SOMEDAY_AFTER, SOMEDAY_BEFORE
from newsgraph.times.scan import Candidate
from newsgraph.times.values import duration_value

PLURAL_OF_BLOCKERS = frozenset({
    "the", "these", "those", "its", "their", "his", "her", "our", "early", "final", "first", "last", "later",
    "many", "few", "several", "of", "some", "formative", "golden", "dozen", "dozens", "hundreds", "thousands"})


class DurationRules(Anchoring):
    """Stretches of time."""

    def _h_duration(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = unit_of(m["unit"])
        if unit is None:
            return None
        raw_num = norm(m["num"])
        plural = (m["unit"].lower().rstrip().endswith("s") and unit not in ("century",)) or m["unit"].lower().endswith("ies")
        if raw_num in ("a", "an", "one", "a single") and plural:
            return None
        if raw_num in ("some", "many") and not plural:
            return None
        if raw_num == "one" and unit == "day" and not (m["det"] or m["mod"] or m["rel"]) and self._someday(c):
            return "DATE", "FUTURE_REF", None  # 'Islam will one day be the second religion': some day, not P1D
        rel = norm(m["rel"]) or norm(m["rel2"])
        n = amount_of(m["num"], m["half"])
        if n is not None and n >= 1000 and not plural:
            return None
        if m["num2"]:
            n = None
        if rel == "few" or norm(m["rel2"]) in ("few", "several"):
            n = None
        mod = MODS.get(norm(m["mod"]))
        if m["orso"]:
            mod = "APPROX"
        hyphen = "-" in self.text[m.start("num"):m.end("unit")] and not m["det"] and not m["mod"]
        rate = raw_num in ("a", "an") and not (m["det"] or m["mod"] or rel or hyphen)
        if rate and self._after_quantity(c.start):
            return "SET", duration_value(1, unit), None
        if unit == "weekend":
            return None
        if unit == "quarter" and raw_num in ("a", "an", "one") and not (m["det"] or rel):
            return None  # 'fell by a quarter', 'a quarter of the vote': a fraction, not three months
        if raw_num == "second" or (raw_num in ("a", "an") and unit == "second"):
            return None
        if unit == "hour" and n == 24 and (m["det"] or rel):
            return "DURATION", "P1D", mod  # 'the last twenty-four hours' is the past day (TimeML's own example)
        return "DURATION", duration_value(n, unit), mod

    def _someday(self, c: Candidate) -> bool:
        """Is 'one day' here the adverb 'some day' (after a modal or a subject, before a verb)?"""
        return bool(SOMEDAY_BEFORE.search(self.text, max(0, c.start - 8), c.start)
                    and SOMEDAY_AFTER.match(self.text, c.end))

    def _after_quantity(self, start: int) -> bool:
        """'$5 a year', '10 percent a month': the 'a year' is a rate (SET), not a stretch of time."""
        before = self.text[max(0, start - 40):start].lower()
        return bool(RATE_BEFORE.search(before))

    def _h_ahead(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = unit_of(m["unit"])
        return ("DURATION", duration_value(None, unit), None) if unit else None

    def _h_long_adj(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        word = norm(m["num"])
        unit = unit_of(word)
        if unit is None:
            return None
        return "DURATION", duration_value(None if word.endswith("s") else 1, unit), None

    def _h_vague_plural(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = unit_of(m["unit"])
        if unit is None:
            return None
        return "DURATION", duration_value(None, unit), None

    def _h_plural_of(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        """'after months of talks': the bare plural is a vague DURATION; not after a determiner, count or
        position word ('the early years of', 'hundreds of years of' is counted elsewhere)."""
        before = self.text[max(0, c.start - 20):c.start].split()
        prev = before[-1].lower() if before else ""
        if prev in PLURAL_OF_BLOCKERS or prev[:1].isdigit() or words_to_number(prev) is not None:
            return None
        return self._h_bare_plural(m, c)

    def _h_bare_plural(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = unit_of(m["unit"])
        if unit is None:
            return None
        return "DURATION", duration_value(None, unit), None
