"""TIMEX3 value strings: durations, dates at a granularity, the DCT, and the validator every value passes.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from newsgraph.times.calendar import valid_day
from newsgraph.times.lexicon import UNITS

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
        elif unit == "fortnight":
            n *= 2
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
