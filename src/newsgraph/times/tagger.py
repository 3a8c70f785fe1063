"""The tagger: scan, resolve left to right, split 'April 24 and 25' into two dates, then two joins between
neighbours: a weekday after a weekday SET recurs too, a clock time takes the day named right after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

from newsgraph.times.anchoring import TenseFn
from newsgraph.times.calendar import valid_day
from newsgraph.times.patterns import MONTH_NAMES, WEEKDAY_NAMES, YEAR
from newsgraph.times.resolver import Found, Resolver
from newsgraph.times.scan import candidates
from newsgraph.times.values import parse_dct


def tag(text: str, published: str | None, ranges: list[tuple[int, int]] | None = None,
        tense: TenseFn | None = None, perfect: Callable[[int], bool] | None = None) -> list[Found]:
    """TIMEX3 expressions in ``text`` (only inside ``ranges``), resolved against ``published``."""
    dct, _clock = parse_dct(published)
    resolver = Resolver(text=text, dct=dct)
    if tense is not None:
        resolver.tense = tense
    if perfect is not None:
        resolver.perfect = perfect
    out = []
    spans = ranges if ranges is not None else [(0, len(text))]
    taken_to = 0
    for cand in candidates(text, spans, resolver.valid):
        if cand.start < taken_to:
            continue  # the year of 'May 3 or 4, 2021' went with the second day
        res = resolver.resolve(cand)
        if res is not None:
            out.append(res)
            second = second_day(text, res)
            if second is not None and any(s <= second.start and second.end <= e for s, e in spans):
                out.append(second)
                taken_to = second.end
    out = day_ranges(text, out, spans)
    out = days_around_dates(text, out)
    out = weekdays_of_weeks(text, out)
    out = years_ago_on(text, out)
    out = parts_of_dated_days(text, out)
    weekday_sets(text, out)
    clock_days_after(text, out)
    return out


# 'from 1 to 7 March', 'the night of 4 to 5 June', '12-14 May', 'on 3/4 March': the first day of a range shares the month and year
RANGE_START = re.compile(r"(?<![\d.,/:-])(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|/|to|and|or|&)\s*$")
DAY_FIRST = re.compile(r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z]")


def day_ranges(text: str, found: list[Found], spans: list[tuple[int, int]]) -> list[Found]:
    """Add the bare first day before a day-first date ('1 to 7 March' -> 1 March too)."""
    out: list[Found] = []
    for f in found:
        m = None
        if f.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", f.value) and DAY_FIRST.match(text, f.start):
            m = RANGE_START.search(text, max(0, f.start - 12), f.start)
        if m is not None and (not out or out[-1].end <= m.start()) and any(s <= m.start() < e for s, e in spans):
            day = int(m["day"])
            year, month = int(f.value[:4]), int(f.value[5:7])
            if day < int(f.value[8:]) and valid_day(year, month, day):
                out.append(Found(m.start("day"), m.start("day") + len(m.group(0).split()[0].rstrip("-–/")),
                                 "DATE", f"{year:04d}-{month:02d}-{day:02d}", None, f.anchor))
        out.append(f)
    return out


# 'the day before last Tuesday's hearing', 'the day after March 3': one day counted from the date named right after.
DAY_AROUND = re.compile(r"(?i:the\s+)?(?i:day)\s+(?P<dir>(?i:before|after))\s+$")


def days_around_dates(text: str, found: list[Found]) -> list[Found]:
    """Merge 'the day before' with the day-valued date that follows it into one DATE a day off that date (the
    rule for 'the day before' alone counts from the story's date, which is not what this names)."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        m = DAY_AROUND.fullmatch(text, prev.start, f.start) if prev is not None else None
        if prev is not None and m is not None and f.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", f.value):
            step = timedelta(days=1 if m["dir"].lower() == "after" else -1)
            out[-1] = Found(prev.start, f.end, "DATE", (date.fromisoformat(f.value) + step).isoformat(), None, f.anchor)
            continue
        out.append(f)
    return out


# 'on Monday next week', 'Tuesday last week': the weekday of the week named right after it.
WEEK_AFTER = re.compile(r"\s+(?:(?i:of)\s+)?(?i:next|last|this|the\s+following|the\s+previous)\s+(?i:week)")


def weekdays_of_weeks(text: str, found: list[Found]) -> list[Found]:
    """Merge a bare weekday with the ISO week named right after it into that week's day."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        week = re.fullmatch(r"(\d{4})-W(\d\d)", f.value) if f.type == "DATE" else None
        if (prev is not None and week is not None and prev.type == "DATE" and WEEKDAY_WORD.fullmatch(text, prev.start, prev.end)
                and WEEK_AFTER.fullmatch(text, prev.end, f.end) and re.fullmatch(r"\d{4}-\d\d-\d\d", prev.value)):
            wd = date.fromisoformat(prev.value).isoweekday()
            day = date.fromisocalendar(int(week[1]), int(week[2]), wd)
            out[-1] = Found(prev.start, f.end, "DATE", day.isoformat(), prev.mod, f.anchor)
            continue
        out.append(f)
    return out


# 'a year ago this month', 'four years ago last month', 'five years ago today': that month or day, years back.
YEARS_AGO = re.compile(r"(?i:.*\byears?\s+ago)")
AGO_ON = re.compile(r"\s+(?i:this\s+month|last\s+month|today|yesterday|this\s+week|last\s+week)")


def years_ago_on(text: str, found: list[Found]) -> list[Found]:
    """Merge 'N years ago' with the month or day named right after it: the same month or day, N years back."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "DATE" and re.fullmatch(r"\d{4}", prev.value) and f.type == "DATE"
                and YEARS_AGO.fullmatch(text, prev.start, prev.end) and AGO_ON.fullmatch(text, prev.end, f.end)
                and re.fullmatch(r"\d{4}-(?:\d\d(?:-\d\d)?|W\d\d)", f.value)):
            value = prev.value + f.value[4:]
            if "W" in f.value or (re.fullmatch(r"\d{4}-\d\d-\d\d", value) and not valid_day(
                    int(value[:4]), int(value[5:7]), int(value[8:]))):
                value = prev.value  # a week or a 29 February has no twin that many years back: keep the year
            out[-1] = Found(prev.start, f.end, "DATE", value, prev.mod, f.anchor)
            continue
        out.append(f)
    return out


# 'the afternoon of 3 June', 'the morning of Tuesday': the part of day is a part of that date, not of the DCT.
PART_OF = re.compile(r"\s+(?i:of)\s+")


def parts_of_dated_days(text: str, found: list[Found]) -> list[Found]:
    """Give '<the part>' the day of the full date after its 'of'; the date stays a DATE of its own, as TimeBank
    annotates 'the night of Oct. 23' (only the date is tagged there)."""
    for cur, nxt in pairwise(found):
        if cur.type != "TIME" or not re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T(?:MO|AF|EV|NI)", cur.value):
            continue
        if nxt.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", nxt.value) and PART_OF.fullmatch(text, cur.end, nxt.start):
            cur.value, cur.anchor = f"{nxt.value}{cur.value[10:]}", nxt.anchor
    return found


# 'every Monday and Thursday': a weekday joined to a weekday SET recurs too.
SET_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:on\s+)?$")
WEEKDAY_SET = re.compile(r"XXXX-WXX-[1-7]")


def weekday_sets(text: str, found: list[Found]) -> None:
    """Turn a bare weekday right after a weekday SET ('every Monday and Thursday') into a SET of its own."""
    for prev, cur in pairwise(found):
        if not (prev.type == "SET" and WEEKDAY_SET.fullmatch(prev.value)):
            continue
        if cur.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", cur.value) or cur.start - prev.end > 12:
            continue
        if not SET_JOIN.fullmatch(text, prev.end, cur.start) or not WEEKDAY_WORD.fullmatch(text, cur.start, cur.end):
            continue
        wd = date.fromisoformat(cur.value).isoweekday()
        cur.type, cur.value, cur.mod, cur.anchor = "SET", f"XXXX-WXX-{wd}", None, None


# A clock time that names no day of its own ('at 15:00 GMT', '8:30 p.m. local time (1730 GMT)') followed at once
# by 'on Sunday' / ', March 3' takes that day, not the story's last one.
OWN_DAY = re.compile(rf"{WEEKDAY_NAMES}|{MONTH_NAMES}|\d{{4}}-\d\d|(?i:today|tonight|yesterday|tomorrow)")
WEEKDAY_WORD = re.compile(WEEKDAY_NAMES)
CLOCK_TO_DAY = re.compile(r"[\s(),]*(?:(?i:on)\s+)?")


# 'from 9 a.m. to 5 p.m. Thursday': the first clock time of a range shares the day the second one names.
CLOCK_RANGE = re.compile(r"\s*(?:(?i:to|until|till|and)|-|–)\s*")


def clock_days_after(text: str, found: list[Found]) -> None:
    """Right to left, so 'X (Y) on Sunday' passes Sunday through Y to X."""
    for i in range(len(found) - 2, -1, -1):
        cur, nxt = found[i], found[i + 1]
        if cur.type != "TIME" or not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", cur.value):
            continue
        if OWN_DAY.search(text, cur.start, cur.end) or nxt.start - cur.end > 10:
            continue
        day = re.match(r"\d{4}-\d\d-\d\d", nxt.value) if nxt.type in ("DATE", "TIME") else None
        ranged = (nxt.type == "TIME" and OWN_DAY.search(text, nxt.start, nxt.end) is not None
                  and CLOCK_RANGE.fullmatch(text, cur.end, nxt.start) is not None)
        if day is None or not (ranged or CLOCK_TO_DAY.fullmatch(text, cur.end, nxt.start)):
            continue
        cur.value = day.group(0) + cur.value[10:]
        cur.anchor = nxt.anchor


# 'April 24 and 25,': the second day of a pair shares the first one's month and year.
SECOND_DAY = re.compile(rf"\s+(?:and|or|&)\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,?\s+(?P<year>{YEAR}))?"
                        r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:in|at|of|for|when|while|with)\b)")


FULL_DAY_END = re.compile(r"[A-Za-z.]\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?$")


def second_day(text: str, first: Found) -> Found | None:
    """The bare day number after 'Month D and', as its own DATE (None if there is none)."""
    if first.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", first.value):
        return None
    if not FULL_DAY_END.search(text, first.start, first.end):
        return None
    m = SECOND_DAY.match(text, first.end)
    if m is None:
        return None
    year, month, day = int(first.value[:4]), int(first.value[5:7]), int(m["day"])
    if m["year"]:  # 'May 3 or 4, 2021': the year written after the pair belongs to both days
        year = int(m["year"])
        if not valid_day(year, month, int(first.value[8:])):
            return None
        first.value, first.anchor = f"{year:04d}{first.value[4:]}", None
    if day <= int(first.value[8:]) or not valid_day(year, month, day):
        return None
    return Found(m.start("day"), m.end(), "DATE", f"{year:04d}-{month:02d}-{day:02d}", first.mod, first.anchor)
