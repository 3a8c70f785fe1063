"""Former home of the pure TIMEX3 helpers, now in ``newsgraph.times`` (``lexicon``, ``calendar``, ``values``).

Kept as a re-export so code written against the old module path keeps importing.
"""

from newsgraph.times.calendar import holiday, month_day_year, month_year, shift, valid_day, weekday_near
from newsgraph.times.lexicon import (
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    words_to_number,
)
from newsgraph.times.values import duration_value, fmt_at, is_timex_value, parse_dct

__all__ = [
    "DECADE_WORDS", "MONTHS", "ORDINALS", "PARTS_OF_DAY", "SEASONS", "UNITS", "WEEKDAYS", "duration_value", "fmt_at",
    "holiday", "is_timex_value", "month_day_year", "month_year", "parse_dct", "shift", "valid_day", "weekday_near",
    "words_to_number",
]
