"""times: TIMEX3 temporal expressions (TimeML 1.2.1), tagged by rules and resolved against the DCT.

Why rules: TempEval-3 showed rule systems (HeidelTime, SUTime) beat learned ones on normalisation, and the value
is what users need ('on the 23rd' -> 2022-09-23 on a timeline). HeidelTime itself is GPL, so this is our own
grammar. Extents follow the TimeML conventions: leading prepositions out, determiners and modifiers in.

How: a fixed list of compiled patterns (built once at import) is matched over each body/headline range; the
longest non-overlapping candidates win; then the survivors are normalised left to right, so a date mentioned earlier
becomes the reference for 'the next day' and a quarter for 'a year earlier'. Bare weekdays and month names use the
tense of their governing verb (from the one spaCy parse) to pick past or future.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Time
from newsgraph.spans import PARSED_KINDS, extractable_ranges
from newsgraph.timex import (
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    duration_value,
    fmt_at,
    holiday,
    is_timex_value,
    month_day_year,
    month_year,
    parse_dct,
    shift,
    valid_day,
    weekday_near,
    words_to_number,
)

# ------------------------------------------------------------------------------------------------ regex vocabulary


def _i(rx: str) -> str:
    """Case-insensitive piece inside otherwise case-sensitive patterns (month and weekday names must be
    capitalised, which keeps the modal 'may' and the verb 'march' out)."""
    return f"(?i:{rx})"


_NUMW1 = "one|two|three|four|five|six|seven|eight|nine"
_NUMW = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_NUMW1}))?|"
    rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_NUMW1})"
)
NUMBER = _i(
    rf"\d+(?:\.\d+)?(?:\s+1/2|½)?|(?:a|one|two|three|four|five)?\s*(?:hundred|thousand)(?:\s+(?:and\s+)?{_NUMW})?|"
    rf"{_NUMW}(?:\s+hundred(?:\s+(?:and\s+)?{_NUMW})?)?|half\s+an?|an?|a\s+couple\s+of|couple\s+of|a\s+few|few|several|many|"
    r"some|a\s+dozen|dozens\s+of|hundreds\s+of|a\s+number\s+of|numerous|a\s+single"
)
UNIT_RX = _i(
    r"(?:trading\s+|business\s+|working\s+|calendar\s+)?"
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|"
    r"centur(?:y|ies)|millenni(?:um|a))"
)
MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
# A month named on its own must be spelled out or dotted ('Jan.'): 'Jan Kavan' is a person.
MONTH_ALONE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
WEEKDAY_NAMES = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
# A year read out in a broadcast transcript: 'nineteen ninety-four', 'two thousand and one'.
SPELLED_YEAR = _i(rf"(?:nineteen(?:\s+hundred)?(?:\s+and)?[\s-]+{_NUMW}|two\s+thousand(?:\s+and)?(?:[\s-]+{_NUMW})?)(?![\w-])")
DAY = r"(?:[12]\d|3[01]|0?[1-9])"
ORD_SUFFIX = _i(r"(?:st|nd|rd|th)")
APPROX = _i(
    r"(?:about|around|roughly|approximately|nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"at\s+most|up\s+to|some|no\s+more\s+than|no\s+less\s+than|barely|a\s+full|fully|"
    r"the\s+better\s+part\s+of|well\s+over|upwards\s+of|close\s+to|as\s+many\s+as|as\s+much\s+as|as\s+long\s+as|"
    r"as\s+little\s+as|another|an\s+additional|a\s+further)"
)
EDGE = _i(
    r"(?:early|late|mid|earlier|later|the\s+(?:beginning|start|end|middle|close|rest|remainder|first\s+half|"
    r"second\s+half|last\s+half|latter\s+half|turn)\s+of)"
)
PART = _i(r"(?:morning|afternoon|evening|night)")

MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
    "close to": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "barely": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "well over": "MORE_THAN", "upwards of": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "early": "START", "earlier": "START", "the beginning of": "START",
    "the start of": "START", "late": "END", "later": "END", "the end of": "END", "the close of": "END",
    "mid": "MID", "the middle of": "MID",
}


def _c(rx: str, word_start: bool = True) -> re.Pattern[str]:
    """Compile once. The leading guard makes the engine give up at once inside words (most positions), which
    keeps the scan of a 600-word article to a few milliseconds for all patterns together."""
    return re.compile((r"(?<![\w'])(?=[\w'])" if word_start else "") + rx)


# Every pattern names its kind; the handler of that kind turns the match into (type, value, mod).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", _c(r"(?<![\d-])(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
               r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?(?![\d])")),
    ("cjk", _c(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d>[12]\d|3[01]|0?[1-9])\s*[日号])?",
               word_start=False)),
    ("numeric", _c(r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:1[5-9]|20)\d\d|\d\d)"
                   r"(?![\d/]|\.\d)")),
    ("mdy", _c(rf"(?:(?P<wd>{WEEKDAY_NAMES}),?\s+)?(?:(?P<rel>(?i:last|this|next|this\s+past))\s+)?(?:(?P<edge>{EDGE})[\s-]+)?"
               rf"(?P<mon>{MONTH_NAMES})\s+(?P<day>{DAY})(?:{ORD_SUFFIX})?(?![\d:,]\d|\s*(?i:(?:%|percent|billion|million)))"
               rf"(?:(?:,\s*|\s+)(?P<year>{YEAR})(?![\d]))?")),
    ("dmy", _c(rf"(?:(?P<wd>{WEEKDAY_NAMES}),?\s+)?(?:(?i:the)\s+)?(?P<day>{DAY})(?:{ORD_SUFFIX})?"
               rf"(?:\s+(?i:of))?\s+(?P<mon>{MONTH_NAMES})(?:,?\s+(?P<year>{YEAR})(?!\d))?")),
    ("month", _c(rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<rel>(?i:this|last|next|past|coming|this\s+past|this\s+coming))\s+)?"
                 rf"(?P<mon>{MONTH_ALONE})(?![\w-])(?:(?:\s+(?i:of))?,?\s+(?P<year>{YEAR}(?![\d])|{SPELLED_YEAR})|"
                 rf"\s+(?P<yrel>(?i:this|last|next))\s+(?i:year))?")),
    ("year", _c(rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<fiscal>(?i:(?:the\s+)?(?:fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|model\s+year)|FY))\s*)?"
                rf"(?<![\d$£€¥#.,/])(?<!\d-)(?P<year>{YEAR})(?![\d%]|,\d|\.\d|-\d|s\b|'s\b|-(?:year|month|day|old))")),
    ("decade", _c(rf"(?:(?i:the)\s+)?(?:(?P<edge>{EDGE})[\s-]*)?"
                  rf"(?P<dec>(?:1[0-9]|20)\d0'?s|'\d0s|(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?!\w)")),
    ("century", _c(rf"(?:(?i:the)\s+)?(?:(?P<edge>{EDGE})[\s-]+)?(?P<ord>\d{{1,2}}{ORD_SUFFIX}|"
                   rf"(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))"
                   rf"[\s-]+(?i:century)")),
    ("spelled_year", _c(_i(rf"(?:the\s+year\s+)?(?:nineteen(?:\s+hundred)?(?:\s+and)?[\s-]+(?P<rest>{_NUMW})|"
                           rf"(?<=the\s{{1}}year\s{{1}})two\s+thousand(?:\s+and)?(?:[\s-]+(?P<rest2>{_NUMW}))?|"
                           r"the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<rest3>" + _NUMW + r"))?)(?![\w-])"))),
    ("deictic", _c(rf"(?:(?P<edge>(?i:early|late|earlier|later|mid))\s+)?"
                   rf"(?P<w>(?i:today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|overnight))"
                   rf"(?:[\s-](?P<part>{PART})(?!\w))?(?!\w)")),
    ("part_this", _c(rf"(?:(?P<edge>(?i:early|late|earlier|later))\s+)?(?P<rel>(?i:this|last|tomorrow|yesterday|that|the\s+next|the\s+following|the\s+same|the))\s+(?P<part>{PART})(?!\w)")),
    ("relunit", _c(rf"(?:(?P<edge>{EDGE})[\s-]+)?"
                   rf"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|past|previous|coming|current|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+current|the\s+next|the\s+following|the\s+same|the\s+preceding|that|the|same|later\s+that|earlier\s+that|that\s+same|all|the\s+full|this\s+year.s|last\s+year.s))\s+"
                   rf"(?P<what>(?i:week|weekend|month|year|fiscal\s+year|decade|century|season|spring|summer|fall|autumn|winter|day)|{WEEKDAY_NAMES})(?![\w-])"
                   rf"(?:\s+(?P<part>{PART})(?!\w))?")),
    ("week_of", _c(rf"(?i:the\s+week\s+of)\s+(?:(?P<mon>{MONTH_NAMES})\s+(?P<day>{DAY})|(?P<day2>{DAY})\s+(?P<mon2>{MONTH_NAMES}))"
                    rf"(?!\d)(?:,?\s+(?P<year>{YEAR})(?!\d))?")),
    ("the_unit_rel", _c(_i(r"the\s+(?P<what>day|week|month|year|night)\s+(?P<dir>before|after|earlier)(?!\s+(?:the|a|an|his|her|their|its|[a-z]+ing)\b)"))),
    ("season", _c(rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?i:the)\s+)?(?P<what>(?i:spring|summer|autumn|winter)|[Ff]all(?=\s+(?:of\s+)?{YEAR}))"
                  rf"(?:(?:\s+(?i:of))?\s+(?P<year>{YEAR}|{SPELLED_YEAR}))?(?![\w-])")),
    ("quarter", _c(rf"(?:(?:(?P<det>(?i:the|this|that|this\s+year.s|last\s+year.s|next\s+year.s))|(?P<dety0>{YEAR}).s)\s+"
                   rf"(?!(?i:first|second|third|fourth|1st|2nd|3rd|4th)-quarter))?(?:(?P<dety>{YEAR})\s+)?"
                   rf"(?P<rel>(?:(?i:latest|current|previous|prior|last|next|past|year-ago|year-earlier|same|comparable|corresponding|recent|most\s+recent|prior-year|year-before|fiscal|calendar|just-ended|just\s+ended|final))[\s-]+)*"
                   rf"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))?[\s-]*(?:(?i:fiscal)[\s-]+)?"
                   rf"(?P<unit>(?i:quarter|half|period))(?!\w)"
                   rf"(?:(?:\s+(?i:of))?(?:\s+(?i:fiscal))?\s+(?P<year>{YEAR})(?![\d]))?")),
    ("year_ago_adj", _c(_i(r"(?<![\w-])year-(?:earlier|ago)(?![\w-])"))),
    ("year_end", _c(_i(r"(?<![\w-])(?P<what>year|month|quarter)(?:[- ]|.s\s+)end(?![\w-])"))),
    ("vague_ago", _c(_i(r"(?:(?:some|many|several|a\s+few|few)\s+)?(?P<unit>days|weeks|months|years|decades)\s+(?P<dir>ago|earlier|later)(?![\w-])"))),
    ("weekday", _c(rf"(?:(?P<edge>(?i:early|late|mid))\s+)?(?P<wd>{WEEKDAY_NAMES})(?P<plural>s)?(?!\w)"
                   rf"(?:[\s-](?P<part>{PART})(?P<pplural>s)?(?!\w))?")),
    ("ordinal_day", _c(rf"(?<=\s)(?P<prep>(?i:on|since|by|until|till|from|before|after|through|of|to|and))\s+"
                       rf"(?P<ext>(?i:the)\s+)(?P<day>{DAY}){ORD_SUFFIX}(?![\w-])(?!\s+(?i:century|anniversary|floor|time|place|of\s+(?!this\s+month|last\s+month|the\s+month|{MONTH_NAMES})))")),
    ("clock", _c(rf"(?:(?P<mod>(?i:about|around|approximately|shortly\s+before|shortly\s+after|just\s+before|just\s+after))\s+)?"
                 rf"(?<![\d.:$])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm|o.clock|in\s+the\s+(?:morning|afternoon|evening)|at\s+night))(?![a-z])"
                 rf"(?:\s+(?P<tz>[A-Z]{{2,4}}T|GMT|UTC|(?i:local\s+time)))?"
                 rf"(?:(?:,\s*|\s+)(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY_NAMES})|(?P<deic>(?i:today|tonight|yesterday|tomorrow))|"
                 rf"(?P<mon>{MONTH_NAMES})\s+(?P<day>{DAY})(?!\d)(?:,?\s+(?P<cy>{YEAR})(?!\d))?))?")),
    ("clock24", _c(r"\b(?i:at|by|until|from|before|after)\s+(?P<ext>(?P<h>[01]\d|2[0-3])[:h](?P<mi>[0-5]\d))(?![\d:.])"
                   r"(?:\s+(?P<tz>[A-Z]{2,4}T|GMT|UTC|(?i:local\s+time|hours)))?")),
    ("clock_gmt", _c(r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>GMT|UTC|Zulu)\b")),
    ("noon", _c(rf"(?P<w>(?i:noon|midnight|midday|mid[- ]?afternoon|mid[- ]?morning))(?:(?:,\s*|\s+)(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY_NAMES})|"
                rf"(?P<deic>(?i:today|tonight|yesterday|tomorrow))))?(?!\w)")),
    ("ago", _c(rf"(?:(?P<mod>{APPROX})\s+)?(?P<num>{NUMBER})[\s-]+(?:(?i:more|additional|straight|consecutive|full|long|odd)\s+)?"
               rf"(?P<unit>{UNIT_RX})(?P<half>(?i:\s+and\s+a\s+half))?(?:\s+(?i:or\s+so))?\s+"
               rf"(?P<dir>(?i:ago|earlier|later|before|after|back|hence|from\s+now|from\s+today|prior|previously))(?![\w-])")),
    ("duration", _c(rf"(?:(?P<mod>{APPROX})\s+)?(?:(?P<det>(?i:the|these|those|its|their|his|her|our|each\s+of\s+the|all\s+of\s+the|all))\s+(?![^\s-]+-(?i:second|minute|hour|day|week|month|year|decade)s?\b))?"
                    rf"(?:(?P<rel>(?i:past|last|next|first|previous|coming|latest|final|following|preceding|remaining|initial|recent|prior|few|same|other|additional|ensuing|intervening))\s+)?"
                    rf"(?:(?P<rel2>(?i:few|several))\s+)?"
                    rf"(?P<num>{NUMBER})(?:\s+(?i:to|or)\s+(?P<num2>{NUMBER}))?[\s-]+(?:(?i:more|additional|straight|consecutive|full|long|odd|plus)[\s-]+)?"
                    rf"(?P<unit>{UNIT_RX})(?P<half>(?i:\s+and\s+a\s+half))?(?P<orso>\s+(?i:or\s+so))?(?![\w])(?![\s-]+(?i:old|of\s+age))"
                    rf"(?:(?<!(?i:quarter))(?<!(?i:quarters))|(?!\s+of\b))")),  # 'three-quarters of' is a fraction
    ("vague_plural", _c(r"(?:(?P<det>(?i:the|these|those))\s+)?(?P<rel>(?i:past|last|next|coming|recent|previous|following|ensuing|upcoming))\s+"
                        r"(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries))(?![\w-])")),
    ("ahead", _c(r"(?i:(?:the\s+)?(?P<unit>days|weeks|months|years|decades)\s+ahead)(?![\w-])")),
    ("long_adj", _c(r"(?i:(?P<num>decades|years|months|weeks|days|hours|day|week|month|year|hour)-long)(?![\w-])")),
    ("holiday", _c(rf"(?:(?P<rel>(?i:last|this|next|this\s+past|the\s+day\s+after|the\s+day\s+before))\s+)?"
                   rf"(?P<name>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year.s(?:\s+(?:Day|Eve))?|"
                   rf"Election\s+Day|Independence\s+Day|Halloween|Valentine.s\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday|"
                   rf"Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Boxing\s+Day|Christmas\s+Day|May\s+Day|"
                   rf"Bastille\s+Day|Armistice\s+Day)(?![\w-])(?:,?\s+(?P<year>{YEAR})(?!\d))?")),
    ("bare_plural", _c(r"\b(?i:for|in|over|within|after)\s+(?P<ext>(?P<unit>(?i:minutes|hours|days|weeks|months|years|decades|centuries)))(?!\s+(?:of|to|ago|later|earlier|old)\b)(?![\w-])")),
    ("set", _c(_i(r"(?<![\w-])(?P<w>daily|weekly|monthly|yearly|hourly|nightly|bi-?weekly|bi-?monthly|semi-?annually|biannually|fortnightly)(?![\w-])"))),
    ("set_every", _c(rf"(?P<q>(?i:every|each|per))\s+(?:(?P<num>(?i:other|two|three|four|five|six|ten|\d+))\s+)?"
                     rf"(?:(?P<unit>(?i:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|morning|evening|afternoon|seconds|minutes|hours|days|weeks|months|years))|(?P<wd>{WEEKDAY_NAMES})|(?P<mon>{MONTH_NAMES}))(?![\w-])")),
    ("set_times", _c(_i(r"(?P<n>once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>day|week|month|year|hour|minute|decade|quarter)(?![\w-])"))),
    ("fuzzy", _c(_i(r"(?<![\w-])(?P<w>now|currently|current|recently|lately|nowadays|these\s+days|at\s+present|presently|"
                    r"the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|the\s+(?:recent\s+|distant\s+)?past|"
                    r"as\s+soon\s+as\s+possible|a\s+later\s+date|the\s+time\s+being|the\s+present|"
                    r"the\s+(?:near|short|long|longer)\s+term)(?![\w-])"))),
]
# Rare patterns are only run on a range that contains their key word at all (a fast literal scan), which halves
# the tagger's time on ordinary news text.
NEEDLES: dict[str, re.Pattern[str]] = {
    kind: re.compile(rx, re.IGNORECASE) for kind, rx in {
        "iso": r"\d-\d\d-\d", "cjk": "月", "numeric": r"\d[./]\d", "decade": r"0'?s\b|ties\b",
        "century": "centur", "spelled_year": "nineteen|thousand", "part_this": "morning|afternoon|evening|night",
        "the_unit_rel": r"\b(?:before|after|earlier)\b", "week_of": r"week\s+of", "season": "spring|summer|autumn|winter|fall",
        "year_ago_adj": "year-", "year_end": "end", "vague_ago": r"\b(?:ago|earlier|later)\b",
        "ordinal_day": r"\d(?:st|nd|rd|th)\b", "clock": r"\d\s*(?:[ap]\.?m|o.clock|in\s+the\s|at\s+night)", "clock24": r"\d[:h]\d\d",
        "noon": "noon|midnight|midday|mid", "clock_gmt": r"\d\d\s*(?:GMT|UTC|Zulu)", "ahead": "ahead", "long_adj": "-long", "set_times": r"once|twice|times",
        "set_every": r"\b(?:every|each|per)\b", "set": r"ly\b", "bare_plural": r"s\b",
        "ago": r"\b(?:ago|earlier|later|before|after|back|hence|from\s+now|from\s+today|prior|previously)\b",
        "holiday": r"thanksgiving|christmas|new\s+year|election\s+day|independence|halloween|valentine|easter|"
                   r"good\s+friday|memorial|labor|veterans|boxing|may\s+day|bastille|armistice",
    }.items()
}
# Lower number wins a tie between equal-length candidates.
PRIORITY = {name: i for i, (name, _) in enumerate(PATTERNS)}
EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:1[0-9]|20)\d\d(?!\d)|'\d\d\b|年")
PERIOD_WORD = re.compile(r"\b(?:quarter|period|(?:nine|six|three|twelve|\d+)\s+months|year|fiscal)\b", re.IGNORECASE)
RATE_BEFORE = re.compile(r"(?:\d|percent|%|dollars?|cents?|million|billion|trillion|times)\s*$|"
                         r"(?:\d[\d,.]*|dozens|hundreds|thousands|millions|thousand|hundred|million)\s+"
                         r"(?:of\s+)?(?:[a-z]+\s+){1,2}$")
PLUPERFECT_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?(?:[a-z]+\s+){0,3}$", re.IGNORECASE)
COUNT_BEFORE = re.compile(rf"(?:\d|\b{_NUMW}|\bdozen)\s+$", re.IGNORECASE)
UNTIL_CUE = re.compile(r"\b(?:until|till|through)\s+(?:on\s+)?$", re.IGNORECASE)
FORWARD_CUE = re.compile(r"\b(?:as\s+(?:early|soon)\s+as|no\s+later\s+than|next|payable|ahead\s+of|"
                         r"effective|due|starting|beginning|expires?|expiring|deadline\s+(?:of|is))\s+(?:on\s+)?$",
                         re.IGNORECASE)
MEASURE_AFTER = re.compile(
    r"\s+(?:people|persons|troops|soldiers|men|women|children|workers|employees|jobs|tons|tonnes|feet|foot|meters|"
    r"metres|miles|kilometers|km|yards|acres|pounds|kilograms|kg|barrels|shares|points|votes|seats|units|cars|"
    r"homes|houses|cases|deaths|refugees|students|members|copies|rooms|beds|dollars|euros|yen|marks|francs)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str]


@dataclass(slots=True)
class Found:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None


# Tense hint: character offset -> -1 (past), +1 (future), 0 (present or unknown).
TenseFn = Callable[[int], int]


@dataclass
class Resolver:
    """Normalises candidates left to right; remembers the narrative reference date and the last quarter."""

    text: str
    dct: date | None
    tense: TenseFn = field(default=lambda _pos: 0)
    perfect: Callable[[int], bool] = field(default=lambda _pos: False)
    ref: date | None = None
    ref_year: int | None = None
    ref_month: date | None = None
    quarter: tuple[int, int] | None = None
    month_last: bool = False  # was the last time named a month (no day)?
    _narrative: date | None = None

    def __post_init__(self) -> None:
        self.ref = self.dct
        self.ref_year = self.dct.year if self.dct else None
        self.ref_month = self.dct

    # ----------------------------------------------------------------------------------------------- dispatch
    def resolve(self, c: Candidate) -> Found | None:
        handler = getattr(self, f"_h_{c.kind}")
        self._narrative = None
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

    def _anchor_of(self, c: Candidate, typ: str, value: str) -> str | None:
        """What a relative value was counted from, so a reader can check it: 'DCT' or the earlier date of the story
        ('the next day' after 'March 3, 2020' -> '2020-03-03'); None for values written out in full."""
        if typ not in ("DATE", "TIME") or not value[:1].isdigit() or EXPLICIT_YEAR.search(self.text, c.start, c.end):
            return None
        if self._narrative is not None:
            return self._narrative.isoformat()
        return "DCT" if self.dct is not None else None

    def valid(self, c: Candidate) -> bool:
        """Would this candidate resolve to a value? Tried on a copy so the narrative state is untouched."""
        return copy(self).resolve(c) is not None

    def direction(self, c: Candidate) -> int:
        """Which way a bare weekday or month points: a cue before it ('as early as', 'effective'), else the tense;
        'until' looks forward unless the clause is in the past ('Until Thursday, they had not ...'); a possessive
        ('Wednesday's ruling') names something that already happened."""
        if FORWARD_CUE.search(self.text, max(0, c.start - 20), c.start):
            # 'had been due to expire Friday': a deadline seen from after it, so already past
            return -1 if PLUPERFECT_BEFORE.search(self.text, max(0, c.start - 40), c.start) else 1
        if self.text.startswith(("'s", "’s"), c.end):
            return -1
        tense = self.tense(c.start)
        if UNTIL_CUE.search(self.text, max(0, c.start - 12), c.start) and (tense >= 0 or self.perfect(c.start)):
            return 1  # 'has extended the loans through January': a present perfect reaches on to its limit
        return tense

    def _set_ref(self, d: date) -> None:
        self.month_last = False
        self.ref = d
        self.ref_year = d.year
        self.ref_month = d

    def _set_ref_month(self, year: int, month: int) -> None:
        """A month named in the story ('In March, ...') anchors 'the following month' and 'that year', and makes
        a later 'that day' a day of that month, not of an older date."""
        self.ref_month = date(year, month, 1)
        self.ref_year = year
        self.month_last = True

    def _anchor(self) -> date | None:
        """The story's current date (the last one named), else the DCT."""
        if self.ref is not None and self.ref != self.dct:
            self._narrative = self.ref
        return self.ref or self.dct

    # ----------------------------------------------------------------------------------------------- absolute
    def _h_iso(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not valid_day(y, mo, d):
            return None
        self._set_ref(date(y, mo, d))
        if m["H"]:
            return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['H']}:{m['M']}" + (f":{m['S']}" if m["S"] else ""), None
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", None

    def _h_cjk(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        mo = int(m["m"])
        day = int(m["d"]) if m["d"] else None
        year = int(m["y"]) if m["y"] else None
        if year is None and day is None:
            return None
        if year is None:
            if self.dct is None:
                return "DATE", f"XXXX-{mo:02d}-{day:02d}", None
            year = month_day_year(self.dct, mo, day or 1, self.tense(c.start))
        if day is None:
            return "DATE", f"{year:04d}-{mo:02d}", None
        if not valid_day(year, mo, day):
            return None
        self._set_ref(date(year, mo, day))
        return "DATE", f"{year:04d}-{mo:02d}-{day:02d}", None

    def _h_numeric(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        a, b, ytxt = int(m["a"]), int(m["b"]), m["y"]
        year = int(ytxt) if len(ytxt) == 4 else (1900 + int(ytxt) if int(ytxt) > 40 else 2000 + int(ytxt))
        if m["sep"] == "." or a > 12:
            day, mo = a, b  # dotted dates (23.03.2021) are day-first everywhere they are used
        else:
            mo, day = a, b
        if not valid_day(year, mo, day):
            return None
        self._set_ref(date(year, mo, day))
        return "DATE", f"{year:04d}-{mo:02d}-{day:02d}", None

    def _month_num(self, name: str) -> int:
        return MONTHS[name.lower().rstrip(".")]

    def _h_mdy(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        return self._month_day(m, c)

    def _h_dmy(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        return self._month_day(m, c)

    def _month_day(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        mo, day = self._month_num(m["mon"]), int(m["day"])
        mod = MODS.get(_norm(m.groupdict().get("edge")))
        if m["year"]:
            year = int(m["year"])
        elif m["wd"] and self.dct is not None:
            year = self._year_for_weekday(mo, day, WEEKDAYS[m["wd"].lower()])
        elif _norm(m.groupdict().get("rel")) in ("last", "this past", "next") and self.dct is not None:
            year = self.dct.year
            later = valid_day(year, mo, day) and date(year, mo, day) > self.dct
            if _norm(m["rel"]) == "next":
                year += 0 if later else 1
            else:
                year -= 1 if later else 0
        elif self.dct is None:
            return "DATE", f"XXXX-{mo:02d}-{day:02d}", mod
        else:
            year = month_day_year(self.dct, mo, day, self.direction(c))
        if not valid_day(year, mo, day):
            return None
        self._set_ref(date(year, mo, day))
        return "DATE", f"{year:04d}-{mo:02d}-{day:02d}", mod

    def _year_for_weekday(self, mo: int, day: int, wd: int) -> int:
        """'Friday, Oct. 23': the year near the DCT in which that date falls on that weekday."""
        assert self.dct is not None
        for y in (self.dct.year, self.dct.year - 1, self.dct.year + 1):
            if valid_day(y, mo, day) and date(y, mo, day).isoweekday() == wd:
                return y
        return month_day_year(self.dct, mo, day, 0)

    def _h_month(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        name = m["mon"]
        bare = not (m["year"] or m["rel"] or m["yrel"] or m["edge"])
        if name in ("May", "March", "MARCH") and bare and not self._month_word_ok(c.start, c.end):
            return None
        mo = self._month_num(name)
        mod = MODS.get(_norm(m["edge"]))
        rel = _norm(m["rel"])
        if m["year"]:
            year = year_number(m["year"])
            if year is None:
                return None
            self._set_ref_month(year, mo)
            return "DATE", f"{year:04d}-{mo:02d}", mod
        if self.dct is None:
            return "DATE", f"XXXX-{mo:02d}", mod
        if m["yrel"]:
            year = self.dct.year + {"this": 0, "last": -1, "next": 1}[_norm(m["yrel"])]
        elif rel in ("last", "past", "this past"):
            # 'last February' written in March means a year ago; 'in February' would name the recent one
            year = self.dct.year if mo < self.dct.month - 1 else self.dct.year - 1
        elif rel in ("next", "coming", "this coming"):
            year = self.dct.year if mo > self.dct.month + 1 else self.dct.year + 1
        elif rel == "this":
            year = self.dct.year
        else:
            year = month_year(self.dct, mo, self.direction(c))
        self._set_ref_month(year, mo)
        return "DATE", f"{year:04d}-{mo:02d}", mod

    def _month_word_ok(self, start: int, end: int) -> bool:
        """'May' / 'March' alone: a month only after a preposition-like word or before a comma or a year-ish
        context; otherwise it is the modal or the verb/noun."""
        before = self.text[max(0, start - 12):start].lower().split()
        prev = before[-1] if before else ""
        if prev in ("the", "its", "their", "his", "her") and re.match(r"\s+[a-z]{3,}", self.text[end:end + 20]):
            return True  # 'the March accession', 'its May meeting': the month names when the noun happened
        return prev in {"in", "on", "since", "until", "till", "by", "early", "late", "mid", "of", "from", "through",
                        "during", "before", "after", "last", "next", "this", "and", "or", "to", "between"}

    def _h_year(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        year = int(m["year"])
        fiscal = _norm(m["fiscal"])
        before = self.text[max(0, m.start("year") - 12):m.start("year")].lower()
        if not fiscal and not m["edge"]:
            if year < 1500 and not re.search(r"\b(in|since|year|of|by|until|from)\s+$", before):
                return None
            if MEASURE_AFTER.match(self.text, c.end):
                return None
        edge = _norm(m["edge"])
        self.ref_year = year
        if edge.endswith("half of"):
            return "DATE", f"{year:04d}-H{1 if 'first' in edge else 2}", None
        return "DATE", f"{year:04d}", MODS.get(edge)

    def _h_decade(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        dec = m["dec"].lower().replace("'", "")
        mod = MODS.get(_norm(m["edge"]))
        if dec[:-1].isdigit():
            num = dec[:-1]
            if len(num) == 2:  # '80s -> the century of the DCT, or the 1900s before it
                century = self.dct.year // 100 if self.dct else 19
                if self.dct and int(num) > self.dct.year % 100:
                    century -= 1
                return "DATE", f"{century:02d}{num[0]}", mod
            return "DATE", num[:3], mod
        century = self.dct.year // 100 if self.dct else 19
        if self.dct and DECADE_WORDS[dec] * 10 > self.dct.year % 100:
            century -= 1
        return "DATE", f"{century:02d}{DECADE_WORDS[dec]}", mod

    def _h_century(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        o = m["ord"].lower()
        n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else ORDINALS.get(o)
        if not n or n > 21:
            return None
        return "DATE", f"{n - 1:02d}", MODS.get(_norm(m["edge"]))

    def _h_spelled_year(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        if m["rest"]:
            n = words_to_number(m["rest"])
            return ("DATE", f"19{int(n):02d}", None) if n is not None and n < 100 else None
        rest = m["rest2"] or m["rest3"]
        n = words_to_number(rest) if rest else 0
        return ("DATE", f"{2000 + int(n):04d}", None) if n is not None and n < 100 else None

    # ----------------------------------------------------------------------------------------------- relative
    def _h_deictic(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = _norm(m["w"])
        part = _norm(m["part"])
        mod = MODS.get(_norm(m["edge"]))
        offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                   "the day after tomorrow": 2, "overnight": 0}
        if self.dct is None:
            ref = {"today": "PRESENT_REF", "tonight": "PRESENT_REF", "overnight": "PRESENT_REF"}.get(w)
            return "DATE", ref or ("PAST_REF" if offsets[w] < 0 else "FUTURE_REF"), mod
        d = self.dct + timedelta(days=offsets[w])
        if w == "overnight":
            return "TIME", f"{(self.dct - timedelta(days=1)).isoformat()}TNI", None
        if w == "tonight":
            return "TIME", f"{d.isoformat()}TNI", mod
        if part:
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[part]}", mod
        return "DATE", d.isoformat(), mod

    def _h_part_this(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        rel, part = _norm(m["rel"]), _norm(m["part"])
        base = self.dct if rel not in ("that", "the", "the next", "the following", "the same") else self._anchor()
        if base is None:
            return "TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[part]}", None
        if rel in ("last", "yesterday"):
            base = base - timedelta(days=1)
        elif rel in ("tomorrow", "the next", "the following"):
            base = base + timedelta(days=1)
        if rel == "the" and part == "night":
            return None
        return "TIME", f"{base.isoformat()}T{PARTS_OF_DAY[part]}", MODS.get(_norm(m["edge"]))

    def _h_relunit(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        rel, what = _norm(m["rel"]), _norm(m["what"])
        mod = MODS.get(_norm(m["edge"]))
        if what == "fiscal year":
            what = "year"
        if what in WEEKDAYS:
            return self._relative_weekday(rel, WEEKDAYS[what], _norm(m["part"]), mod, c)
        if rel in ("same", "that same"):
            rel = "that"
        if rel in ("this year's", "last year's") or (rel in ("the", "all") and what == "season"):
            return None
        if what == "day":
            return self._relative_day(rel, mod, c)
        if what in SEASONS:
            return self._season(rel, SEASONS[what], mod)
        if what == "season":  # 'this season' in news is mostly a sports or fashion season: about a year
            n = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1, "the past": -1,
                 "the last": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1}.get(rel)
            if n is None:
                return None
            if self.dct is None:
                return "DATE", "PRESENT_REF" if n == 0 else ("PAST_REF" if n < 0 else "FUTURE_REF"), mod
            return "DATE", f"{self.dct.year + n:04d}", mod
        step = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1,
                "the past": -1, "the last": -1, "this past": -1, "next": 1, "coming": 1,
                "the coming": 1, "this coming": 1}
        narrative = {"the next": 1, "the following": 1, "the same": 0, "the preceding": -1, "the previous": -1,
                     "that": 0, "later that": 0, "earlier that": 0}
        unit = what
        if rel in ("the", "all", "the full"):
            if rel == "all" or (rel == "the" and unit != "weekend" and (
                    self._preceded_by(c.start, ("over", "throughout"))
                    or re.match(r"\s+(?:ended|ending)\b", self.text[c.end:c.end + 8]))):
                # 'over the year', 'the year ended Sept. 30': a stretch of time; 'for the year' is the year itself
                return "DURATION", duration_value(1, unit), mod
            if self.dct is None:
                return "DATE", _unknown(unit), mod
            if unit == "weekend":
                return "DATE", fmt_at(self._weekend_date(c, self.dct), "weekend"), mod
            return "DATE", fmt_at(self.dct, unit), mod
        if rel in narrative:
            if unit == "year" and self.ref_year is not None:
                return "DATE", f"{self.ref_year + narrative[rel]:04d}", mod
            base = self.ref_month if unit == "month" else self._anchor()
            if unit == "month" and base is not None and base != self.dct:
                self._narrative = base
            if base is None:
                return "DATE", _unknown(unit), mod
            return "DATE", fmt_at(shift(base, narrative[rel], unit), unit), mod
        if rel not in step:
            return None
        if self.dct is None:
            n = step[rel]
            return "DATE", ("PRESENT_REF" if n == 0 else "PAST_REF" if n < 0 else "FUTURE_REF"), mod
        if unit == "weekend" and step[rel] == 0:
            return "DATE", fmt_at(self._weekend_date(c, self.dct), "weekend"), mod
        return "DATE", fmt_at(shift(self.dct, step[rel], unit), unit), mod

    def _relative_day(self, rel: str, mod: str | None, c: Candidate) -> tuple[str, str, str | None] | None:
        """'that day', 'the next day', 'later in the day': a day of the story, counted from the last one named."""
        steps = {"that": 0, "the same": 0, "later that": 0, "earlier that": 0, "the next": 1, "the following": 1,
                 "the previous": -1, "the preceding": -1}
        if rel not in steps:
            return None
        if self.month_last and not steps[rel] and self.ref_month is not None:
            # 'most recently last October ... crossed out that same day': a day of that month, which one unsaid
            self._narrative = self.ref_month
            return "DATE", f"{self.ref_month.year:04d}-{self.ref_month.month:02d}-XX", mod
        base = self._anchor()
        if base is None:
            return "DATE", "XXXX-XX-XX", mod
        d = base + timedelta(days=steps[rel])
        if steps[rel]:
            self._set_ref(d)
        return "DATE", d.isoformat(), mod

    def _weekend_date(self, c: Candidate, base: date) -> date:
        """'the weekend': the one just past in past-tense text, the coming one otherwise."""
        if base.isoweekday() >= 6:
            return base
        if self.direction(c) > 0:
            return base + timedelta(days=6 - base.isoweekday())
        return base - timedelta(days=base.isoweekday())

    def _preceded_by(self, start: int, words: Iterable[str]) -> bool:
        before = self.text[max(0, start - 15):start].lower().split()
        return bool(before) and before[-1] in set(words)

    def _relative_weekday(self, rel: str, wd: int, part: str, mod: str | None, c: Candidate
                          ) -> tuple[str, str, str | None] | None:
        if rel in ("the", "all", "same", "that same", "this year's", "last year's", "the current", "current"):
            return None
        suffix = f"T{PARTS_OF_DAY[part]}" if part else ""
        if self.dct is None:
            return "DATE", f"XXXX-WXX-{wd}{suffix}", mod
        if rel in ("last", "past", "this past", "the past", "the last"):
            d = weekday_near(self.dct - timedelta(days=1), wd, -1)
        elif rel in ("the previous", "the preceding", "previous"):
            d = weekday_near((self._anchor() or self.dct) - timedelta(days=1), wd, -1)
        elif rel in ("next", "coming", "this coming", "the coming"):
            d = weekday_near(self.dct + timedelta(days=1), wd, 1)
        elif rel in ("the next", "the following"):
            d = weekday_near((self._anchor() or self.dct) + timedelta(days=1), wd, 1)
        else:  # this Friday
            d = weekday_near(self.dct, wd, self.tense(c.start) or 1)
        self._set_ref(d)
        return "DATE", d.isoformat() + suffix, mod

    def _season(self, rel: str, code: str, mod: str | None) -> tuple[str, str, str | None] | None:
        if self.dct is None:
            return "DATE", f"XXXX-{code}", mod
        y = self.dct.year
        current = _season_of(self.dct)
        order = ["WI", "SP", "SU", "FA"]
        if rel in ("last", "past", "this past", "the past", "the last", "previous", "the previous"):
            y = y if order.index(code) < order.index(current) else y - 1
        elif rel in ("next", "coming", "this coming", "the coming", "the next"):
            y = y if order.index(code) > order.index(current) else y + 1
        elif rel not in ("this", "the", "current", "that", "the same", "the following"):
            return None
        return "DATE", f"{y:04d}-{code}", mod

    def _h_week_of(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        """'the week of March 6' names the calendar week that contains that day."""
        mo, day = self._month_num(m["mon"] or m["mon2"]), int(m["day"] or m["day2"])
        if m["year"]:
            year = int(m["year"])
        elif self.dct is None:
            return "DATE", "XXXX-WXX", None
        else:
            year = month_day_year(self.dct, mo, day, self.direction(c))
        if not valid_day(year, mo, day):
            return None
        return "DATE", fmt_at(date(year, mo, day), "week"), None

    def _h_the_unit_rel(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        what, direction = _norm(m["what"]), _norm(m["dir"])
        base = self._anchor()
        if base is None:
            return "DATE", _unknown("day" if what == "night" else what), None
        d = shift(base, 1 if direction == "after" else -1, what)
        if what in ("day", "night"):
            self._set_ref(d)
        return "DATE", fmt_at(d, what), None

    def _h_season(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        code = SEASONS[_norm(m["what"])]
        mod = MODS.get(_norm(m["edge"]))
        if m["year"]:
            year = year_number(m["year"])
            return ("DATE", f"{year:04d}-{code}", mod) if year is not None else None
        if self.dct is None:
            return "DATE", f"XXXX-{code}", mod
        return "DATE", f"{self.dct.year:04d}-{code}", mod

    def _h_quarter(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        rels = [r for r in re.split(r"[\s-]+", (m["rel"] or "").lower()) if r]
        relset = set(rels)
        if {"year", "ago"} <= relset or {"year", "earlier"} <= relset or {"year", "before"} <= relset:
            relset |= {"year-ago"}
        det = _norm(m["det"])
        ordw = _norm(m["ord"])
        unit = _norm(m["unit"])
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
            if relset & {"latest", "recent", "just-ended", "just", "ended"} and not back and self.dct is not None:
                q0 = (self.dct.month - 1) // 3
                return "DATE", (f"{self.dct.year:04d}-Q{q0}" if q0 else f"{self.dct.year - 1:04d}-Q4"), None
            if year is not None:
                base = self.quarter or self._current_quarter()
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
        if not back and self._reported(year, q):
            self.quarter = (year, q)
        return "DATE", f"{year:04d}-Q{q}", None

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
        if self.quarter is not None:
            return "DATE", f"{self.quarter[0] - 1:04d}-Q{self.quarter[1]}", None
        if self.dct is None:
            return "DATE", "PAST_REF", None
        return "DATE", f"{self.dct.year - 1:04d}", None

    def _h_year_end(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        what = _norm(m["what"])
        if self.dct is None:
            return "DATE", _unknown(what), "END"
        return "DATE", fmt_at(self.dct, what), "END"

    def _h_weekday(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        wd = WEEKDAYS[m["wd"].lower()]
        part = _norm(m["part"])
        suffix = f"T{PARTS_OF_DAY[part]}" if part else ""
        if m["plural"] or m["pplural"]:
            return "SET", f"XXXX-WXX-{wd}{suffix}", None
        mod = MODS.get(_norm(m["edge"]))
        if self.dct is None:
            return "DATE", f"XXXX-WXX-{wd}{suffix}", mod
        direction = self.direction(c)
        d = weekday_near(self.dct, wd, direction if direction else -1)
        self._set_ref(d)
        # 'Friday night' is annotated as the day in news TimeBanks (the part of day goes unsaid), so keep the date
        return "DATE", d.isoformat(), mod

    def _h_ordinal_day(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        day = int(m["day"])
        base = self._anchor()
        if base is None:
            return "DATE", f"XXXX-XX-{day:02d}", None
        direction = self.tense(c.start)
        # 'on the 28th' in a story of the 3rd is last month's, unless the verb looks ahead
        step = -1 if direction <= 0 else 1
        first = date(base.year, base.month, 1)
        if day > base.day + 1 and direction <= 0:
            first = shift(first, -1, "month")
        for _ in range(3):  # the 31st of a short month: the nearest month that has one, in the same direction
            if valid_day(first.year, first.month, day):
                break
            first = shift(first, step, "month")
        else:
            return None
        d = date(first.year, first.month, day)
        self._set_ref(d)
        return "DATE", d.isoformat(), None

    def _clock_value(self, h: int, mi: int | None, ap: str) -> int:
        ap = ap.lower().replace(".", "")
        if ap.startswith(("in the morning",)):
            ap = "am"
        elif ap.startswith(("in the", "at night")):
            ap = "pm"
        if ap.startswith("p") and h < 12:
            h += 12
        if ap.startswith("a") and h == 12:
            h = 0
        return h

    def _day_for(self, m: re.Match[str], c: Candidate) -> date | None:
        gd = m.groupdict()
        if gd.get("wd") and self.dct is not None:
            # a clock time 'until 9 a.m. Tuesday' is a deadline, ahead even in a past-tense clause
            deadline = UNTIL_CUE.search(self.text, max(0, c.start - 12), c.start)
            d = weekday_near(self.dct, WEEKDAYS[m["wd"].lower()], 1 if deadline else (self.direction(c) or -1))
            self._set_ref(d)
            return d
        if gd.get("deic") and self.dct is not None:
            return self.dct + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[_norm(m["deic"])])
        if gd.get("mon") and (self.dct is not None or gd.get("cy")):
            mo, day = self._month_num(m["mon"]), int(m["day"])
            y = int(gd["cy"]) if gd.get("cy") else month_day_year(self.dct, mo, day, self.tense(c.start))  # type: ignore[arg-type]
            if valid_day(y, mo, day):
                self._set_ref(date(y, mo, day))
                return date(y, mo, day)
        return self._anchor()

    def _h_clock(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        h, mi = int(m["h"]), int(m["mi"]) if m["mi"] else None
        ap = m["ap"].lower()
        if "clock" in ap:
            if h > 12:
                return None
        elif h > 12 or h == 0:
            return None
        hh = self._clock_value(h, mi, ap) if "clock" not in ap else h
        d = self._day_for(m, c)
        mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "at about": "APPROX"}.get(
            _norm(m["mod"]))
        day = d.isoformat() if d else "XXXX-XX-XX"
        return "TIME", f"{day}T{hh:02d}:{mi or 0:02d}", mod

    def _h_clock24(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        d = self._anchor()
        day = d.isoformat() if d else "XXXX-XX-XX"
        return "TIME", f"{day}T{m['h']}:{m['mi']}", None

    def _h_clock_gmt(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        d = self._anchor()
        day = d.isoformat() if d else "XXXX-XX-XX"
        return "TIME", f"{day}T{m['h']}:{m['mi']}", None

    def _h_noon(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = _norm(m["w"]).replace("-", "").replace(" ", "")
        d = self._day_for(m, c)
        day = d.isoformat() if d else "XXXX-XX-XX"
        if w in ("noon", "midday"):
            return "TIME", f"{day}T12:00", None
        if w == "midnight":
            return "TIME", f"{day}T24:00", None
        return "TIME", f"{day}T{'AF' if 'afternoon' in w else 'MO'}", "MID"

    def _h_ago(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = _unit(m["unit"])
        if unit is None:
            return None
        direction = _norm(m["dir"])
        if direction in ("later", "after", "before"):
            # 'three days later': TimeML tags the stretch ('three days', a DURATION) and leaves 'later' as the
            # signal linking it to the event before; the shorter duration candidate takes over
            return None
        if direction in ("prior",) and not self._ends_clause(c.end):
            return None
        n = _amount(m["num"], m["half"])
        sign = -1 if direction in ("ago", "earlier", "before", "back", "prior", "previously") else 1
        mod = MODS.get(_norm(m["mod"]))
        base = self.dct if direction in ("ago", "back", "hence", "from now", "from today") else self._anchor()
        if n is None or base is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
        if unit in ("second", "minute", "hour"):
            return None  # no clock to count from: the plain duration ('two hours') is tagged instead
        if unit == "year" and n == 1 and self.quarter is not None and self._quarter_context(c.start):
            return "DATE", f"{self.quarter[0] - 1:04d}-Q{self.quarter[1]}", mod
        if n != int(n):
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
        relative_to_story = direction not in ("ago", "back", "hence", "from now", "from today")
        if unit in ("year", "decade", "century") and relative_to_story and self.ref_year is not None:
            base = date(self.ref_year, 7, 1)  # 'four years later' counts from the year the story is in
        d = shift(base, sign * int(n), unit)
        if unit in ("day", "night") and direction not in ("ago",):
            self._set_ref(d)
        return "DATE", fmt_at(d, unit), mod

    def _quarter_context(self, start: int) -> bool:
        """Is 'a year earlier' here comparing quarterly figures? Yes if the nearest period named before it (within
        ~300 characters) is a quarter, not 'the nine months' or 'the year'."""
        last = None
        for m in PERIOD_WORD.finditer(self.text, max(0, start - 300), start):
            last = m
        return last is not None and last.group(0).lower().startswith(("quarter", "period", "3q", "q"))

    def _ends_clause(self, end: int) -> bool:
        return bool(re.match(r"\s*(?:[,.;:)!?\"”]|$|and\b|but\b|when\b|the\s+company\b)", self.text[end:end + 12]))

    def _h_duration(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = _unit(m["unit"])
        if unit is None:
            return None
        raw_num = _norm(m["num"])
        plural = (m["unit"].lower().rstrip().endswith("s") and unit not in ("century",)) or m["unit"].lower().endswith("ies")
        if raw_num in ("a", "an", "one", "a single") and plural:
            return None
        if raw_num in ("some", "many") and not plural:
            return None
        rel = _norm(m["rel"]) or _norm(m["rel2"])
        n = _amount(m["num"], m["half"])
        if n is not None and n >= 1000 and not plural:
            return None
        if m["num2"]:
            n = None
        if rel == "few" or _norm(m["rel2"]) in ("few", "several"):
            n = None
        mod = MODS.get(_norm(m["mod"]))
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

    def _after_quantity(self, start: int) -> bool:
        """'$5 a year', '10 percent a month': the 'a year' is a rate (SET), not a stretch of time."""
        before = self.text[max(0, start - 40):start].lower()
        return bool(RATE_BEFORE.search(before))

    def _h_ahead(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = _unit(m["unit"])
        return ("DURATION", duration_value(None, unit), None) if unit else None

    def _h_long_adj(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        word = _norm(m["num"])
        unit = _unit(word)
        if unit is None:
            return None
        return "DURATION", duration_value(None if word.endswith("s") else 1, unit), None

    def _h_holiday(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        name, rel = m["name"], _norm(m["rel"])
        if name == "May Day" and not self._month_word_ok(c.start, c.end):
            return None
        if m["year"]:
            year = int(m["year"])
        elif self.dct is None:
            fixed = holiday(name, 2001)  # fixed-date holidays keep month and day; movable ones stay unknown
            if fixed is None or fixed != holiday(name, 2002).replace(year=2001):  # type: ignore[union-attr]
                return "DATE", "XXXX-XX-XX", None
            return "DATE", f"XXXX-{fixed.month:02d}-{fixed.day:02d}", None
        else:
            this = holiday(name, self.dct.year)
            if this is None:
                return None
            direction = {"last": -1, "this past": -1, "next": 1}.get(rel, self.tense(c.start))
            year = self.dct.year
            if direction < 0 and this > self.dct:
                year -= 1
            elif direction > 0 and this < self.dct:
                year += 1
            elif direction == 0 and (this - self.dct).days > 180:
                year -= 1
            elif direction == 0 and (self.dct - this).days > 180:
                year += 1
        d = holiday(name, year)
        if d is None:
            return None
        if rel == "the day after":
            d += timedelta(days=1)
        elif rel == "the day before":
            d -= timedelta(days=1)
        self._set_ref(d)
        return "DATE", d.isoformat(), None

    def _h_vague_ago(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        if _norm(m["dir"]) == "later" and (m.start("unit") > m.start() or COUNT_BEFORE.search(self.text, 0, c.start)):
            return None  # 'a few days later', 'three days later': the duration is the timex, 'later' its signal
        return "DATE", "FUTURE_REF" if _norm(m["dir"]) == "later" else "PAST_REF", None

    def _h_vague_plural(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = _unit(m["unit"])
        if unit is None:
            return None
        return "DURATION", duration_value(None, unit), None

    def _h_bare_plural(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = _unit(m["unit"])
        if unit is None:
            return None
        return "DURATION", duration_value(None, unit), None

    def _h_set(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = _norm(m["w"]).replace("-", "")
        value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                 "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
                 "semiannually": "P6M", "biannually": "P6M", "fortnightly": "P2W"}[w]
        return "SET", value, None

    def _h_set_every(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        if m["wd"]:
            return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}", None
        if m["mon"]:
            return "SET", f"XXXX-{self._month_num(m['mon']):02d}", None
        word = _norm(m["unit"])
        if word in PARTS_OF_DAY:
            return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}", None
        unit = _unit(word)
        if unit is None:
            return None
        num = _norm(m["num"])
        n: float | None = 2 if num == "other" else (words_to_number(num) if num else 1)
        if n is None:
            return None
        if word.endswith("s") and not num:
            return None
        return "SET", duration_value(n, unit), None

    def _h_set_times(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        unit = _unit(_norm(m["unit"]))
        return ("SET", duration_value(1, unit), None) if unit else None

    def _h_fuzzy(self, m: re.Match[str], c: Candidate) -> tuple[str, str, str | None] | None:
        w = _norm(m["w"])
        if w in ("now", "right now", "currently", "current", "nowadays", "these days", "at present", "presently",
                 "the time being", "the present", "this time", "these times"):
            if w == "current" and not self._adjective_before_noun(c.end):
                return None
            return "DATE", "PRESENT_REF", None
        if w in ("recently", "lately") or "past" in w:
            return "DATE", "PAST_REF", None
        return "DATE", "FUTURE_REF", None

    def _adjective_before_noun(self, end: int) -> bool:
        nxt = self.text[end:end + 20].split()
        return bool(nxt) and nxt[0][:1].islower() and nxt[0].isalpha()


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s.strip().lower()) if s else ""


def year_number(text: str) -> int | None:
    """'1994' -> 1994, 'nineteen ninety-four' -> 1994, 'two thousand and one' -> 2001; None if not a year."""
    t = _norm(text).replace("-", " ")
    if t.isdigit():
        return int(t)
    m = re.fullmatch(r"nineteen(?: hundred)?(?: and)? (.+)", t)
    if m:
        n = words_to_number(m[1])
        return 1900 + int(n) if n is not None and 0 < n < 100 else None
    m = re.fullmatch(r"two thousand(?: and)?(?: (.+))?", t)
    if m:
        n = words_to_number(m[1]) if m[1] else 0
        return 2000 + int(n) if n is not None and n < 100 else None
    return None


def _unit(word: str) -> str | None:
    """'trading days' -> 'day', 'centuries' -> 'century'."""
    w = _norm(word).split()[-1]
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w == "millennia":
        w = "millennium"
    elif w.endswith("s"):
        w = w[:-1]
    return w if w in UNITS else None


def _amount(num: str, half: str | None) -> float | None:
    raw = _norm(num)
    if raw in ("several", "few", "a few", "many", "some", "a number of", "numerous", "dozens of", "hundreds of"):
        return None
    n = words_to_number(raw)
    if n is not None and half:
        n += 0.5
    return n


def _unknown(unit: str) -> str:
    return {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE",
            "day": "XXXX-XX-XX"}.get(unit, "XXXX")


def _season_of(d: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


# ------------------------------------------------------------------------------------------------ scanning


def candidates(text: str, ranges: list[tuple[int, int]], valid: Callable[[Candidate], bool] | None = None
               ) -> list[Candidate]:
    """All pattern matches inside the given ranges, overlaps resolved: longest first, then by pattern priority.
    A candidate that its handler rejects ('a month after ...' read as 'N units after') does not block the
    shorter ones it overlaps ('a month')."""
    found: list[Candidate] = []
    for start, end in ranges:
        chunk_end = end
        for kind, rx in PATTERNS:
            needle = NEEDLES.get(kind)
            if needle is not None and not needle.search(text, start, chunk_end):
                continue
            for m in rx.finditer(text, start, chunk_end):
                s = m.start("ext") if "ext" in m.re.groupindex else m.start()
                s, e = _trim(text, s, m.end())
                if e > s:
                    found.append(Candidate(s, e, kind, m))
    found.sort(key=lambda c: (-(c.end - c.start), PRIORITY[c.kind], c.start))
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in found:
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        if valid is not None and not valid(cand):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    chosen.sort(key=lambda c: c.start)
    return chosen


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",."):
        if text[e - 1] == "." and re.search(r"(?:a\.m|p\.m|[A-Z][a-z]{2,3})\.$", text[s:e]):
            break
        e -= 1
    return s, e


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
    return out


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


# ------------------------------------------------------------------------------------------------ spaCy hints

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "going", "gonna"})
# Verbs whose time expression names the future event they arrange ('scheduled a news conference Thursday').
SCHEDULING_VERBS = frozenset({"schedule", "reschedule", "plan", "postpone", "delay", "slate", "adjourn", "defer"})
FORWARD_VERBS = frozenset({"plan", "expect", "schedule", "hope", "intend", "want", "aim", "prepare", "promise", "vow",
                           "threaten", "seek", "try", "set", "due", "likely", "able", "need", "agree", "decide"})


class ParseHints:
    """Tense facts read from the one spaCy parse, looked up by character offset."""

    def __init__(self, parsed: Any) -> None:
        self.doc = parsed
        self.starts = [t.idx for t in parsed] if parsed is not None else []

    def token_at(self, pos: int) -> Any:
        i = bisect_right(self.starts, pos) - 1
        return self.doc[i] if i >= 0 else None

    def governing_verb(self, pos: int) -> Any:
        """The verb an expression at ``pos`` hangs from (up to six heads up), or None."""
        verb = self.token_at(pos)
        for _ in range(6):
            if verb is None or verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        return verb if verb is not None and verb.pos_ in ("VERB", "AUX") else None

    def present_perfect(self, pos: int) -> bool:
        """Is the governing verb a present perfect ('has extended', 'have been banned')?"""
        verb = self.governing_verb(pos)
        return verb is not None and verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)

    def tense(self, pos: int, headline: bool = False) -> int:
        """-1 past, +1 future, 0 present or unknown: from the verb that governs the expression.

        Headlines tell past news in the simple present ('Rebels seize bridge on Tuesday') and the future with a
        bare 'to' ('Minister to resign Friday'), so in a headline a simple present points back."""
        verb = self.governing_verb(pos)
        if verb is None:
            return 0
        tense = verb_tense(verb)
        if headline and tense > 0 and verb.tag_ in ("VBZ", "VBP") and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children):
            return -1
        return tense



def verb_tense(verb: Any, depth: int = 0) -> int:
    """-1 past (past tense, perfect), +1 future ('will', 'is to', scheduled present: 'they meet Monday'), 0 unknown.
    A 'to' infinitive takes the time of the verb it depends on, unless that verb looks forward ('plan to')."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX:
        return 1
    if verb.lemma_ in SCHEDULING_VERBS:
        return -1 if "had" in lowers else 1  # 'had been scheduled to expire Friday': a plan already past
    if "to" in lowers and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_ in SCHEDULING_VERBS and head.pos_ in ("VERB", "AUX"):
            return verb_tense(head, depth + 1)
        if head is verb or depth > 2 or head.lemma_ in FORWARD_VERBS or head.pos_ not in ("VERB", "AUX"):
            return 1
        return verb_tense(head, depth + 1) or 1
    if verb.tag_ in ("VBZ", "VBP") and not auxes and verb.lemma_ not in ("be", "have", "say"):
        return 1
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'re", "'s"}:
        return 1
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return -1
    if verb.tag_ == "VBN" and lowers & {"has", "have", "had", "'ve", "'s"}:
        return -1
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return -1
    if "would" in lowers:
        return 1
    return 0


# After a date at the head of a story: an optional '(Agency)', then the dateline's separator ('-', '--', ':', '.').
DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—:|]|\.(?!\d)|$)")
# Before it: only a place in capitalised words ('NEW YORK, ', 'Ankara, '), not a sentence ('The talks, held on ').
DATELINE_HEAD = re.compile(r"^\W*(?!(?:On|In|By|At|From|Since|Until|Before|After|The)\b)(?:[A-Z][\w.'’-]*[\s,/()]*){0,5}$")
FULL_DATE = re.compile(r"^(?:1[89]|20)\d\d-[01]\d-[0-3]\d(?:T|$)")
DATELINE_REACH = 60  # a dateline date sits within the first few words of the story


def dateline_date(text: str, segments: Iterable[Any]) -> str | None:
    """The publication date a story states at its head ('MOSCOW, 05.03.2023.', 'Ankara, 23.12.2023 -',
    'BEIJING, March 5, 2023 (Xinhua) --', '...2023年3月5日电'), as an ISO date, or None.

    Why so strict: a full date in an opening sentence is as often the date of an old event ('On March 5, 2003, the
    war began'), so outside a dateline segment the date must come first and be followed by a dateline separator
    (CJK datelines run straight into the text, so for them position alone counts)."""
    segs = list(segments)
    regions = [(sg.start, sg.end, True) for sg in segs if sg.kind == "dateline"]
    first_body = next((sg for sg in segs if sg.kind == "body"), None)
    if first_body is not None:
        regions.append((first_body.start, min(first_body.end, first_body.start + DATELINE_REACH + 30), False))
    for start, end, is_dateline in regions:
        for f in tag(text, None, [(start, end)]):
            if not FULL_DATE.match(f.value) or not EXPLICIT_YEAR.search(text, f.start, f.end):
                continue
            if not is_dateline:
                if f.start - start > DATELINE_REACH:
                    break
                cjk = "年" in text[f.start:f.end]
                head = text[start:f.start]
                if not cjk and (not DATELINE_HEAD.match(head) or not DATELINE_TAIL.match(text, f.end)):
                    break  # only the first full date counts; later ones belong to the story
            return f.value[:10]
    return None


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    """Add ``doc.times``: TIMEX3 DATE/TIME/DURATION/SET with values resolved against ``doc.published``.

    A story with no known publication date but a dated dateline gets that date first (``meta.date_source`` =
    'dateline'), so that 'yesterday' and 'on Friday' resolve against it."""
    if not doc.published:
        stated = dateline_date(doc.text, doc.segments)
        if stated is not None:
            doc.published = stated
            doc.meta["date_source"] = "dateline"
    hints = ParseHints(parsed) if parsed is not None else None
    headlines = [(sg.start, sg.end) for sg in doc.segments if sg.kind == "headline"]

    def tense(pos: int) -> int:
        assert hints is not None
        return hints.tense(pos, headline=any(s <= pos < e for s, e in headlines))

    # Dateline dates ('WASHINGTON, August 11 (Xinhua) --') are time expressions too: tagged with the body's.
    found = tag(doc.text, doc.published, extractable_ranges(doc, PARSED_KINDS), tense=tense if hints else None,
                perfect=hints.present_perfect if hints else None)
    doc.times = [Time(start=f.start, end=f.end, text=doc.text[f.start:f.end], type=f.type, value=f.value,  # type: ignore[arg-type]
                      mod=f.mod, anchor=f.anchor) for f in found]
