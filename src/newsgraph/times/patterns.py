"""The recognition grammar: regex vocabulary, the compiled candidate patterns (built once at import) and the
context cues the rules read around a match.

Month and weekday names must be capitalised, which keeps the modal 'may' and the verb 'march' out; every pattern
names its kind and the rule module of that kind turns the match into (type, value, mod).
"""

from __future__ import annotations

import re


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
    rf"(?:\d+|{_NUMW})\s+and\s+a\s+half|a\s+quarter(?:\s+of\s+an?)?(?=[\s-]+century)|"
    rf"\d+(?:\.\d+)?(?:\s+1/2|½)?|(?:a|one|two|three|four|five)?\s*(?:hundred|thousand)(?:\s+(?:and\s+)?{_NUMW})?|"
    rf"{_NUMW}(?:\s+hundred(?:\s+(?:and\s+)?{_NUMW})?)?|half\s+an?|another|a\s+further|an\s+extra|an?|a\s+couple(?:\s+of)?|couple\s+of|a\s+matter\s+of|a\s+few|few|several|many|"
    r"some|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of|a\s+number\s+of|numerous|a\s+single"
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
    r"(?:early|late|mid|earlier|later|end(?=-)|start(?=-)|the\s+(?:beginning|start|end|middle|close|rest|remainder|first\s+half|"
    r"second\s+half|last\s+half|latter\s+half|turn)\s+of)"
)
PART = _i(r"(?:morning|afternoon|evening|night)")


# After an adverb of frequency: the clause goes on with punctuation, the end, a function word or a capital, not
# with the noun an adjective would modify ('sold annually.', 'paid quarterly to', but 'a quarterly dividend').
ADVERB_END = (r"(?=\s*(?:[,.;:)!?\"”']|$|\s(?:for|in|at|on|to|and|or|but|through|since|until|from|by|with|over|as|"
              r"after|before|when|while|if|under)\b|\s[A-Z\d$]))")


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
    ("decade", _c(rf"(?:(?i:the)\s+)?(?:(?P<edge>{EDGE})[\s-]*(?:(?i:the)\s+)?)?"
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
                   rf"(?P<what>(?i:week|weekend|fortnight|month|year|fiscal\s+year|decade|century|season|spring|summer|fall|autumn|winter|day)|{WEEKDAY_NAMES})(?![\w-])"
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
    # business shorthand: 'Q3 revenue', 'in Q1 2024', 'H1 profit', '3Q89'
    ("quarter_abbr", _c(rf"(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<q2>[1-4])Q(?P<yy>\d\d)?)(?![\w-])(?:\s+(?P<year>{YEAR})(?![\d]))?")),
    ("year_ago_adj", _c(_i(r"(?<![\w-])year-(?:earlier|ago)(?![\w-])"))),
    ("year_end", _c(_i(r"(?<![\w-])(?P<what>year|month|quarter)(?:[- ]|.s\s+)end(?![\w-])"))),
    ("vague_ago", _c(_i(r"(?:(?:some|many|several|a\s+few|few)\s+)?(?P<unit>days|weeks|months|years|decades)\s+(?P<dir>ago|earlier|later)(?![\w-])"))),
    ("weekday", _c(rf"(?:(?P<edge>(?i:early|late|mid))\s+)?(?P<wd>{WEEKDAY_NAMES})(?P<plural>s)?(?!\w)"
                   rf"(?:[\s-](?P<part>{PART})(?P<pplural>s)?(?!\w))?")),
    ("ordinal_day", _c(rf"(?<=\s)(?P<prep>(?i:on|since|by|until|till|from|before|after|through|of|to|and))\s+"
                       rf"(?P<ext>(?i:the)\s+)(?P<day>{DAY}){ORD_SUFFIX}(?![\w-])(?!\s+[A-Z][a-z])(?!\s+(?i:century|anniversary|floor|time|place|of\s+(?!this\s+month|last\s+month|the\s+month|{MONTH_NAMES})))")),
    ("clock", _c(rf"(?:(?P<mod>(?i:about|around|approximately|shortly\s+before|shortly\s+after|just\s+before|just\s+after))\s+)?"
                 rf"(?<![\d.:$])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm|o.clock|in\s+the\s+(?:morning|afternoon|evening)|at\s+night))(?![a-z])"
                 rf"(?:\s+(?P<tz>[A-Z]{{2,4}}T|GMT|UTC|(?i:local\s+time)))?"
                 rf"(?:(?:,\s*|\s+)(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY_NAMES})|(?P<deic>(?i:today|tonight|yesterday|tomorrow))|"
                 rf"(?P<mon>{MONTH_NAMES})\s+(?P<day>{DAY})(?!\d)(?:,?\s+(?P<cy>{YEAR})(?!\d))?))?")),
    # 'as of 18:00', 'from 22:00 to 05:00', 'at 14.30 local time' (a dotted time only with its zone or 'hours')
    ("clock24", _c(r"\b(?i:at|by|until|till|to|from|before|after|since|as\s+of)\s+(?P<ext>(?:(?P<mod>(?i:about|around|approximately|roughly|"
                   r"approx\.))\s+)?(?P<h>[01]\d|2[0-3])(?:[:h]|\.(?=[0-5]\d\s*(?:(?i:local\s+time|hours|hrs)|GMT|UTC|[A-Z]{2,4}T)\b))"
                   r"(?P<mi>[0-5]\d))(?![\d:]|\.\d)"
                   r"(?:\s+(?P<tz>[A-Z]{2,4}T|GMT|UTC|(?i:local\s+time|hours)))?")),
    ("clock_gmt", _c(r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>GMT|UTC|Zulu)\b")),
    ("noon", _c(rf"(?P<w>(?i:noon|midnight|midday|mid[- ]?afternoon|mid[- ]?morning))(?:(?:,\s*|\s+)(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY_NAMES})|"
                rf"(?P<deic>(?i:today|tonight|yesterday|tomorrow))))?(?!\w)")),
    ("ago", _c(rf"(?:(?P<mod>{APPROX})\s+)?(?P<num>{NUMBER})[\s-]+(?:(?i:more|additional|straight|consecutive|full|long|odd)\s+)?"
               rf"(?P<unit>{UNIT_RX})(?P<half>(?i:\s+and\s+a\s+half))?(?:\s+(?i:or\s+so))?\s+"
               rf"(?P<dir>(?i:ago|earlier|later|before|after|back|hence|from\s+now|from\s+today|prior|previously))(?![\w-])")),
    ("duration", _c(rf"(?:(?P<mod>{APPROX})\s+)?(?:(?P<det>(?i:the|these|those|its|their|his|her|our|each\s+of\s+the|all\s+of\s+the|all))\s+(?![^\s-]+-(?i:second|minute|hour|day|week|month|year|decade)s?\b))?"
                    rf"(?:(?<!\bto\s)(?<!\bwill\s)(?<!\bcould\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bcan\s)"
                    rf"(?<!\bshould\s)(?<!\bmust\s)(?<!\bnot\s)(?P<rel>(?i:past|last|next|first|previous|coming|latest|final|following|preceding|remaining|initial|recent|prior|few|same|other|additional|ensuing|intervening))\s+)?"
                    rf"(?:(?P<rel2>(?i:few|several))\s+)?"
                    rf"(?P<num>{NUMBER})(?:\s+(?i:to|or)\s+(?P<num2>{NUMBER}))?[\s-]+(?:(?i:more|additional|straight|consecutive|full|long|odd|plus)[\s-]+)?"
                    rf"(?P<unit>{UNIT_RX})(?P<half>(?i:\s+and\s+a\s+half))?(?P<orso>\s+(?i:or\s+so))?(?![\w])(?![\s-]+(?i:old|of\s+age))"
                    rf"(?:(?<!(?i:quarter))(?<!(?i:quarters))|(?!\s+of\b)|(?<=(?i:several)\squarters)|(?<=(?i:few)\squarters)|(?<=(?i:many)\squarters))")),
    # 'three-quarters of the vote' is a fraction; 'several quarters of losses' is a stretch
    ("vague_plural", _c(r"(?:(?P<det>(?i:the|these|those))\s+)?(?P<rel>(?i:past|last|next|coming|recent|previous|following|ensuing|upcoming|first|final))\s+"
                        r"(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries))(?![\w-])")),
    ("ahead", _c(r"(?i:(?:the\s+)?(?P<unit>days|weeks|months|years|decades)\s+ahead)(?![\w-])")),
    ("long_adj", _c(r"(?i:(?P<num>decades|years|months|weeks|days|hours|day|week|month|year|hour)-long)(?![\w-])")),
    ("holiday", _c(rf"(?:(?P<rel>(?i:last|this|next|this\s+past|the\s+day\s+after|the\s+day\s+before))\s+)?"
                   rf"(?P<name>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year.s(?:\s+(?:Day|Eve))?|"
                   rf"Election\s+Day|Independence\s+Day|Halloween|Valentine.s\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|"
                   rf"Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Boxing\s+Day|Christmas\s+Day|May\s+Day|"
                   rf"Bastille\s+Day|Armistice\s+Day)(?![\w-])(?:,?\s+(?P<year>{YEAR})(?!\d))?")),
    # 'after months of talks', 'ended years of war': a bare plural unit measuring the stretch of what follows
    ("plural_of", _c(r"(?P<unit>(?i:days|weeks|months|years|decades))(?=\s+of\s+[a-z]{3,})"
                     r"(?!\s+of\s+(?:the|its|their|his|her|our|this|that|these|those)\b)")),
    ("bare_plural", _c(r"\b(?i:for|in|over|within|after)\s+(?P<ext>(?P<unit>(?i:minutes|hours|days|weeks|months|years|decades|centuries)))(?!\s+(?:of|to|ago|later|earlier|old)\b)(?![\w-])")),
    ("set", _c(_i(r"(?<![\w-])(?P<w>daily|weekly|monthly|yearly|hourly|nightly|bi-?weekly|bi-?monthly|semi-?annually|biannually|fortnightly)(?![\w-])"))),
    # 'sold annually', 'paid quarterly': the adverbs recur (SET); 'a quarterly dividend', 'its initial quarterly of'
    # use the word as an adjective or noun, not as a time expression
    ("set_adverb", _c(_i(r"(?<![\w-])(?P<w>annually|quarterly)(?![\w-])") + ADVERB_END)),
    # 'closed at weekends', 'open on Sundays' (the weekday plural is the weekday pattern's): a recurring weekend
    ("weekends", _c(r"\b(?i:at|on|over|during)\s+(?P<ext>(?i:weekends))(?![\w-])")),
    ("set_every", _c(rf"(?P<q>(?i:every|each|per))\s+(?:(?P<num>(?i:other|two|three|four|five|six|ten|\d+|a\s+few|few|several))\s+)?"
                     rf"(?:(?P<unit>(?i:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|morning|evening|afternoon|seconds|minutes|hours|days|weeks|months|years))|(?P<wd>{WEEKDAY_NAMES})|(?P<mon>{MONTH_NAMES})|(?P<season>(?i:spring|summer|autumn|fall|winter)))(?![\w-])")),
    # 'open seven days a week', 'guarded 24 hours a day': a share of every larger unit, so the larger unit recurs
    ("set_share", _c(_i(rf"(?P<num>{_NUMW}|\d+)[\s-]+(?P<small>hours|days|nights|weeks|months)\s+(?:a|an|per|each)\s+"
                        r"(?P<unit>day|week|month|year)(?![\w-])(?!\s+(?:ago|earlier|later|before|after|back|old)\b)"))),
    ("set_times", _c(_i(r"(?P<n>once|twice|(?:three|four|five|six|ten|several|many|a\s+few|a\s+couple\s+of|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>day|week|month|year|hour|minute|decade|quarter)(?![\w-])"))),
    ("fuzzy", _c(_i(r"(?<![\w-])(?P<w>now|currently|current|recently|lately|nowadays|these\s+days|at\s+present|presently|"
                    r"the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|the\s+(?:recent\s+|distant\s+)?past(?!\s+(?:\d|few|several|many|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|dozen)\b)|"
                    r"some\s?day|"
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
        "year_ago_adj": "year-", "quarter_abbr": r"\b(?:Q[1-4]|H[12]|[1-4]Q)", "year_end": "end", "vague_ago": r"\b(?:ago|earlier|later)\b",
        "ordinal_day": r"\d(?:st|nd|rd|th)\b", "clock": r"\d\s*(?:[ap]\.?m|o.clock|in\s+the\s|at\s+night)", "clock24": r"\d[:h]\d\d|\d\.\d\d\s*(?:local|hours|hrs|GMT|UTC|[A-Z]{2,4}T)",
        "noon": "noon|midnight|midday|mid", "clock_gmt": r"\d\d\s*(?:GMT|UTC|Zulu)", "ahead": "ahead", "long_adj": "-long", "set_times": r"once|twice|times", "set_share": r"s\s+(?:a|an|per|each)\s+(?:day|week|month|year)\b",
        "set_every": r"\b(?:every|each|per)\b", "weekends": "weekends", "set": r"ly\b", "set_adverb": r"ally\b|quarterly", "bare_plural": r"s\b", "plural_of": r"s\s+of\s",
        "ago": r"\b(?:ago|earlier|later|before|after|back|hence|from\s+now|from\s+today|prior|previously)\b",
        "holiday": r"thanksgiving|christmas|new\s+year|election\s+day|independence|halloween|valentine|easter|"
                   r"good\s+friday|memorial|labor|veterans|boxing|may\s+day|bastille|armistice",
    }.items()
}
# Lower number wins a tie between equal-length candidates.
PRIORITY = {name: i for i, (name, _) in enumerate(PATTERNS)}
EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:1[0-9]|20)\d\d(?!\d)|'\d\d\b|年")
# the 'year' of a comparison ('from $3 million a year ago', 'the year-earlier loss', 'compared with last year')
COMPARISON_AFTER = re.compile(r"[\s-]+(?:ago|earlier|before)\b", re.IGNORECASE)
LAST_BEFORE = re.compile(r"\blast\s+$", re.IGNORECASE)
PERIOD_WORD = re.compile(r"\b(?:quarter|period|[1-4]Q(?:\d\d)?|Q[1-4]|(?:nine|six|three|twelve|\d+)\s+months|year|fiscal)\b", re.IGNORECASE)
# 'in his fifties', 'a woman in her early 30s': a person's age, not a decade of the calendar.
AGE_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our|one's)\s+(?:(?:early|mid|late)[\s-]+)?$", re.IGNORECASE)
# 'today's youth', 'the leaders of tomorrow': the present or future era in general, not the DCT's day. Only a
# possessive on a noun that happens on a day ('today's vote', 'yesterday's announcement') names that day.
GENERIC_POSSESSIVE = re.compile(r"['’]s\s+(?P<first>[a-z]+)(?:[\s-]+(?P<second>[a-z]+))?")
GENERIC_OF = re.compile(r"\b[a-z]{3,}\s+of\s+$")
DAY_NOUNS = frozenset({
    "vote", "votes", "voting", "meeting", "meetings", "talks", "session", "sessions", "trading", "announcement",
    "decision", "hearing", "match", "game", "games", "race", "attack", "attacks", "election", "elections", "edition",
    "editions", "issue", "paper", "papers", "newspaper", "newspapers", "ruling", "rally", "rallies", "summit", "visit",
    "ceremony", "strike", "strikes", "protest", "protests", "report", "editorial", "statement", "speech", "news",
    "deadline", "agenda", "schedule", "program", "programme", "broadcast", "show", "debate", "close", "opening",
    "session's", "events", "event", "results", "figures", "data", "auction", "offering", "launch", "funeral", "march",
    "parade", "service", "trial", "verdict", "sentencing", "talk", "interview", "briefing", "conference", "bombing",
    "explosion", "raid", "shooting", "crash", "incident", "arrival", "departure", "flight", "meeting's", "release",
    "referendum", "poll", "polls", "primary", "runoff", "final", "semifinal", "kickoff", "performance", "concert"})
RATE_BEFORE = re.compile(r"(?:\d|percent|%|dollars?|cents?|million|billion|trillion|times)\s*$|"
                         r"(?:\d[\d,.]*|dozens|hundreds|thousands|millions|thousand|hundred|million)\s+"
                         r"(?:of\s+)?(?:[a-z]+\s+){1,2}$")
# 'will one day be', 'hopes to one day fly', 'he one day follow': 'one day' before a verb is 'some day'
SOMEDAY_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|to|he|she|they|we|I|you)\s+$")
SOMEDAY_AFTER = re.compile(r"\s+(?!(?:of|after|before|later|earlier|and|or|ago|in|at|when|that|the|a|an|to)\b)[a-z]+\b")
# A title or name that happens to be made of time words: ABC's "This Week With David Brinkley", the film
# "High Noon", the "Spring of Life" marches. Capitalised mid-sentence and joined to a quote or another capital.
PROPER_NAMED = re.compile(rf"{WEEKDAY_NAMES}|{MONTH_ALONE}|\d|Christmas|Easter|Thanksgiving|Halloween|New\s+Year|Day\b|Eve\b")
TITLE_CLOSE = re.compile(r"[,.!?]?(?:''|\"|”|’)")
TITLE_NEXT = re.compile(r"\s+(?:(?:of|the|and|With|with)\s+)?[A-Z][a-z]")
# mid-sentence (after a lowercase word, so not inside a Title Case headline), maybe quoted
TITLE_MID = re.compile(r"(?:\b[a-z]+|[,;'’])\s+(?:``|\"|“|‘)?(?:[A-Z][a-z]+\s+)?$")
TITLE_QUOTED = re.compile(r"(?:``|\"|“|‘)(?:[A-Z][a-z]+\s+)?$")  # a quote opening a sentence
PLUPERFECT_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?(?:[a-z]+\s+){0,3}$", re.IGNORECASE)
COUNT_BEFORE = re.compile(rf"(?:\d|\b{_NUMW}|\bdozen)\s+$", re.IGNORECASE)
UNTIL_CUE = re.compile(r"\b(?:until|till|through)\s+(?:on\s+)?$", re.IGNORECASE)
FORWARD_CUE = re.compile(r"\b(?:as\s+(?:early|soon)\s+as|no\s+later\s+than|next|payable|ahead\s+of|"
                         r"effective|due|starting|beginning|expires?|expiring|deadline\s+(?:of|is)|"
                         r"(?:set|scheduled|slated|planned|pencilled|penciled|fixed)\s+for)\s+(?:on\s+)?$",
                         re.IGNORECASE)
MEASURE_AFTER = re.compile(
    r"\s+(?:people|persons|troops|soldiers|men|women|children|workers|employees|jobs|tons|tonnes|feet|foot|meters|"
    r"metres|miles|kilometers|km|yards|acres|pounds|kilograms|kg|barrels|shares|points|votes|seats|units|cars|"
    r"homes|houses|cases|deaths|refugees|students|members|copies|rooms|beds|dollars|euros|yen|marks|francs)\b",
    re.IGNORECASE,
)
