"""The resolver: one object made of the rule modules, dispatching each candidate to the rule of its kind.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from newsgraph.times.clock import ClockRules
from newsgraph.times.dates import DateRules
from newsgraph.times.durations import DurationRules
from newsgraph.times.quarters import QuarterRules
from newsgraph.times.relative import RelativeRules
from newsgraph.times.scan import Candidate
from newsgraph.times.sets import SetRules
from newsgraph.times.values import is_timex_value


@dataclass(slots=True)
class Found:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None


class Resolver(DateRules, RelativeRules, QuarterRules, ClockRules, DurationRules, SetRules):
    """Normalises candidates left to right; remembers the narrative reference date and the last quarter."""

    def resolve(self, c: Candidate) -> Found | None:
        handler = getattr(self, f"_h_{c.kind}")
        self._narrative = None
        if self._in_title(c):
            return None
        try:
            out = handler(c.match, c)
        except (ValueError, OverflowError):  # '9000 years ago' leaves the calendar datetime can represent
            return None
        if out is None:
            return None
        typ, value, mod = out
        if not value or not is_timex_value(value):
            return None
        return Found(c.start, c.end, typ, value, mod, self._anchor_of(c, typ, value))

    def valid(self, c: Candidate) -> bool:
        """Would this candidate resolve to a value? Tried on a copy so the narrative state is untouched."""
        return copy(self).resolve(c) is not None
