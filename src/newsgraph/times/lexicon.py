"""Words of time: month, weekday, season, unit and number words, and spelled numbers read as numbers.

Pure data and one pure function, so normalisation can be tested without spaCy.
"""

from __future__ import annotations

import re

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


def words_to_number(text: str) -> float | None:
    """'twenty four' -> 24, 'a hundred' -> 100, '2 1/2' -> 2.5, 'several' -> None (vague), junk -> None."""
    s = text.lower().replace("-", " ").strip()
    if not s:
        return None
    if re.fullmatch(r"half\s+an?", s):
        return 0.5
    if re.fullmatch(r"a\s+quarter(?:\s+of\s+an?)?", s):  # 'a quarter of a century'
        return 0.25
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
