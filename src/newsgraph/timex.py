"""Pure TIMEX3 helpers: lexicon, number words, calendar arithmetic, value formats and the value validator.

Kept apart from the stage so that the normalisation rules can be tested (and property-tested) without spaCy:
everything here is a function of strings, integers and ``datetime.date``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI",
}
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
    "millennium": "ML",
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "final": 4, "last": 4,
}
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1, "an": 1,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {"single": 1, "couple": 2, "dozen": 12, "hundred": 100, "thousand": 1000}
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}
# A TIMEX3 value: calendar dates at any granularity (with X for unknown digits), weeks, quarters, halves, seasons,
# parts of day, clock times, ISO durations, and the three fuzzy references.
_DATE_PART = (
    r"(?:[0-9X]{1,4}"
    r"(?:-(?:[0-9X]{2}(?:-[0-9X]{2})?|W[0-9X]{1,2}(?:-(?:[1-7X]|WE))?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?)"
)
_TIME_PART = r"(?:T(?:MO|AF|EV|NI|DT|[0-9X]{2}(?::[0-9X]{2}(?::[0-9X]{2})?)?))"
_DUR_DATE = r"(?:[0-9X]+(?:\.[0-9]+)?(?:Y|M|W|D|Q|DE|CE|ML|WE|L|E|C))"
_DUR_TIME = r"(?:T(?:[0-9X]+(?:\.[0-9]+)?[HMS])+)"
TIMEX_VALUE = re.compile(
    rf"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    rf"|{_DATE_PART}{_TIME_PART}?"
    rf"|XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI))?"
    rf"|P(?:{_DUR_DATE}+{_DUR_TIME}?|{_DUR_TIME}))$"
)


def is_timex_value(value: str) -> bool:
    """True if ``value`` is a syntactically valid TIMEX3 value (used by tests and as a last guard)."""
    return bool(TIMEX_VALUE.match(value))


def words_to_number(text: str) -> float | None:
    """'twenty four' -> 24, 'a hundred' -> 100, '2 1/2' -> 2.5, 'several' -> None (vague), junk -> None."""
    s = text.lower().replace("-", " ").strip()
    if not s:
        return None
    if re.fullmatch(r"half\s+an?", s):
        return 0.5
    half = 0.0
    for tail in (" and a half", " 1/2", " ½"):
        if s.endswith(tail):
            s, half = s[: -len(tail)].strip(), 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", s.replace(",", "")):
        return float(s.replace(",", "")) + half
    total, current = 0, 0
    seen = False
    for word in s.split():
        if word in ("and", "of"):
            continue
        if word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return float(total + current) + half if seen else None


def fmt_number(n: float) -> str:
    """2.0 -> '2', 2.5 -> '2.5' (TIMEX3 durations allow decimal fractions)."""
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """An ISO 8601 duration for ``n`` units ('hour' -> PT..H); None means an unknown amount (X)."""
    code = UNITS[unit]
    if unit == "weekend":
        return "P2D" if n == 1 else ("PXWE" if n is None else f"P{fmt_number(n)}WE")
    if n is None and code in ("DE", "CE", "ML"):
        return {"DE": "PXE", "CE": "PXC", "ML": "PXL"}[code]
    amount = "X" if n is None else None
    if amount is None and n is not None:
        if code == "DE":
            n, code = n * 10, "Y"
        elif code == "CE":
            n, code = n * 100, "Y"
        elif code == "ML":
            n, code = n * 1000, "Y"
        elif code == "Q":
            n, code = n * 3, "M"
        if n != int(n):
            whole = int(n)
            frac_map = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M"), "M": (60, "S") if unit == "minute" else (0, "")}
            mult, sub = frac_map.get(code, (0, ""))
            if unit == "month":
                mult, sub = 0, ""
            if mult:
                small = round((n - whole) * mult)
                big = f"{whole}{code}" if whole else ""
                if unit in ("second", "minute", "hour"):
                    return f"PT{big}{small}{sub}"
                if sub == "H":
                    return f"P{big}T{small}H"
                return f"P{big}{small}{sub}"
        amount = fmt_number(n)
    if unit in ("second", "minute", "hour"):
        return f"PT{amount}{code}"
    return f"P{amount}{code}"


# ---------------------------------------------------------------------------------------------- calendar arithmetic

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


def fmt_at(d: date, unit: str) -> str:
    """``d`` written at the granularity of ``unit``: year -> '2022', week -> '2022-W38', quarter -> '2022-Q3'."""
    if unit in ("day", "night", "hour", "minute", "second"):
        return d.isoformat()
    if unit in ("week", "fortnight"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


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


def parse_dct(published: str | None) -> tuple[date | None, str | None]:
    """'2022-09-24' or an ISO datetime -> (date, 'HH:MM' or None); anything unparsable -> (None, None)."""
    if not published:
        return None, None
    s = published.strip()
    try:
        if len(s) == 10:
            return date.fromisoformat(s), None
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
        return dt.date(), f"{dt.hour:02d}:{dt.minute:02d}"
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m and valid_day(int(m[1]), int(m[2]), int(m[3])):
            return date(int(m[1]), int(m[2]), int(m[3])), None
        return None, None


# ---------------------------------------------------------------------------------------------------- holidays

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
    if key.startswith("easter"):
        return easter(year)
    if key == "good friday":
        return easter(year) - timedelta(days=2)
    if key == "memorial day":
        return nth_weekday(year, 5, 1, -1)
    if key == "labor day":
        return nth_weekday(year, 9, 1, 1)
    return None
