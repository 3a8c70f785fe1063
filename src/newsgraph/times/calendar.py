"""Calendar arithmetic: shifting dates by units, the year of a bare month or day, holidays.

Pure functions of ``datetime.date``; every relative value in the package goes through them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta


def add_months(d: date, n: int) -> date:
    """Same day ``n`` months later (clamped to the month's last day)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, _days_in_month(year, month))
    return date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (negative = into the past)."""
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    return d


def weekday_near(ref: date, weekday: int, direction: int) -> date:
    """The given ISO weekday on or before ``ref`` (direction -1), on or after it (+1), or the nearest one (0)."""
    back = (ref.isoweekday() - weekday) % 7
    fwd = (weekday - ref.isoweekday()) % 7
    if direction < 0:
        return ref - timedelta(days=back)
    if direction > 0:
        return ref + timedelta(days=fwd)
    return ref - timedelta(days=back) if back <= fwd else ref + timedelta(days=fwd)


def month_year(ref: date, month: int, direction: int) -> int:
    """The year of a bare month name: the latest such month not after ``ref`` (past; next month still counts as
    this year's), the next one (future), else ``ref``'s year unless that month is over half a year ahead (news
    looks back more often than forward)."""
    diff = month - ref.month
    if direction < 0:
        return ref.year - 1 if diff > 1 else ref.year
    if direction > 0:
        return ref.year + 1 if diff < -1 else ref.year
    return ref.year - 1 if diff > 6 else ref.year


def month_day_year(ref: date, month: int, day: int, direction: int) -> int:
    """The year of 'Oct. 23' without a year: the same year as ``ref`` unless the tense points the other way and the
    date is two months or more on the wrong side of it; with no tense, news looks back (over ~3 months ahead means
    last year)."""
    year = ref.year
    if not valid_day(year, month, day):
        return year
    cand = date(year, month, day)
    delta = (cand - ref).days
    if direction < 0:
        return year - 1 if delta > 60 else year
    if direction > 0:
        return year + 1 if delta < -60 else year
    if delta > 90:
        return year - 1
    return year + 1 if delta < -300 else year


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _days_in_month(year, month))
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new year's": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "veterans day": (11, 11), "armistice day": (11, 11), "boxing day": (12, 26),
    "may day": (5, 1), "bastille day": (7, 14),
}


def holiday(name: str, year: int) -> date | None:
    """The date of a named holiday in ``year`` (US convention for the movable ones)."""
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    if key in FIXED_HOLIDAYS:
        mo, d = FIXED_HOLIDAYS[key]
        return date(year, mo, d)
    if key.startswith("thanksgiving"):
        return nth_weekday(year, 11, 4, 4)
    if key == "election day":
        return nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    if key == "easter monday":
        return easter(year) + timedelta(days=1)
    if key.startswith("easter"):
        return easter(year)
    if key == "good friday":
        return easter(year) - timedelta(days=2)
    if key == "memorial day":
        return nth_weekday(year, 5, 1, -1)
    if key == "labor day":
        return nth_weekday(year, 9, 1, 1)
    return None
