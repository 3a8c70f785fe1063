"""Pure text helpers shared by the fusion modules: name keys, content tokens, shingles, date intervals."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

from newsgraph.geo.gazetteer import fold

TITLES = frozenset({
    "president", "prime", "minister", "mr", "mrs", "ms", "dr", "gen", "general", "col", "colonel", "sen",
    "senator", "rep", "gov", "governor", "mayor", "king", "queen", "prince", "sheikh", "pope", "judge",
    "spokesman", "spokeswoman", "chancellor", "secretary", "foreign", "defence", "defense", "chief", "leader",
    "captain", "lt", "sgt", "commander", "ambassador", "envoy", "state", "russian", "ukrainian", "us", "u.s.",
})
STOP = frozenset(["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "into", "onto", "than", "that", "this", "these", "those", "there", "their", "its", "his", "her", "he", "she", "they", "them", "we", "our", "you", "your", "it", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "could", "should", "may", "might", "can", "must", "shall", "not", "no", "nor", "also", "just", "only", "very", "more", "most", "some", "any", "each", "every", "all", "both", "either", "neither", "such", "said", "says", "say", "told", "tell", "according", "who", "whom", "whose", "which", "what", "when", "where", "while", "after", "before", "since", "until", "about", "over", "under", "again", "further", "then", "once", "here", "why", "how", "other", "same", "so", "too", "up", "down", "out", "off", "own", "if", "because", "against", "between", "through", "during", "above", "below", "per", "via", "new", "one", "two"])
NEGATIONS = frozenset({"not", "no", "never", "n't", "none", "nobody", "nothing", "without"})
SPELLING = {"defence": "defense", "centre": "center", "programme": "program", "organisation": "organization",
            "labour": "labor", "offence": "offense"}
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
                 "dozen": "12", "hundred": "100", "thousand": "1000"}


def short_id(prefix: str, key: str) -> str:
    """A stable id for a cluster or entity: readable prefix + hash of its defining key (fits String(64))."""
    return f"{prefix}{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def name_key(name: str) -> str:
    """A person's or organisation's lookup key: folded, possessive and leading titles dropped ('President Putin' ->
    'putin'), so 'Vladimir Putin' and 'President Vladimir Putin' share one key."""
    words = fold(re.sub(r"['’]s\b", "", name)).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


def stem(word: str) -> str:
    """A crude English stem, enough to equate 'killed'/'killing'/'kills' and 'forces'/'force' in content."""
    w = word.lower().strip("’'-")
    w = _NUMBER_WORDS.get(w, SPELLING.get(w, w))
    ordinal = re.fullmatch(r"(\d+)(st|nd|rd|th)", w)
    if ordinal:
        return ordinal[1]
    if w.isdigit() or len(w) <= 3:
        return w
    w = w.rstrip("e") if len(w) > 3 else w  # 'fire'/'fired' -> 'fir', 'force'/'forces' -> 'forc'
    for suffix in ("ings", "ing", "edly", "ed", "ies", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix == "ies":
                w += "y"
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiousl":  # 'stopp' -> 'stop'
        w = w[:-1]
    return w


def content_tokens(text: str) -> frozenset[str]:
    """The content words of a claim (stemmed, stop words dropped, numbers kept): what 'says the same' compares."""
    out = set()
    for raw in _WORD.findall(text.replace(",", "")):
        w = raw.lower()
        if w in STOP or w in NEGATIONS:
            continue
        s = stem(w)
        if s and (len(s) >= 3 or s.isdigit()):
            out.add(s)
    return frozenset(out)


def negated(text: str) -> bool:
    """Does the content carry its own negation ('Afghan forces did not fire first')?"""
    words = {w.lower() for w in _WORD.findall(text)}
    return bool(words & NEGATIONS) or "n't" in text.lower()


def shingles(text: str, k: int = 4) -> set[str]:
    """Word k-shingles of a text (case and punctuation folded): what near-duplicate detection compares."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def parse_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def interval(value: str | None, precision: str | None, published: str | None,
             reported_lag_days: int) -> tuple[date, date] | None:
    """The days an event date can mean: a day is itself; a week, month or year its span; a 'reported' date (the
    publication date standing in) the few days before publication. None when the event has no usable date."""
    if not value:
        return None
    if precision == "reported":
        day = parse_day(value) or parse_day(published)
        return (day - timedelta(days=reported_lag_days), day) if day else None
    day = parse_day(value)
    if day:
        return day, day
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        start = date(int(m[1]), int(m[2]), 1)
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start, nxt - timedelta(days=1)
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    return None


def week_bucket(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


INSTITUTION_FILLER = frozenset({"the", "a", "an", "of", "statement", "spokesman", "spokeswoman", "spokesperson",
                                "press", "service", "official", "officials", "s", "and", "for", "on", "in"})


def institution_key(name: str) -> str:
    """An institution's words without articles, nationality and possessors, spelling folded, in sorted order:
    'The Sudanese Ministry of Health', "Sudan's health ministry" and 'the health ministry' -> 'health ministry';
    'The Russian Defence Ministry' -> 'defense ministry' (and 'Ministry of Defense of Russia' ->
    'defense ministry russia', which contains it)."""
    text = re.sub(r"\b\w+['’]s\b", " ", name)
    words = []
    for w in fold(text).split():
        w = SPELLING.get(w, w)
        if w in INSTITUTION_FILLER or w.isdigit():
            continue
        if len(w) > 4 and (w.endswith(("ian", "ese", "ish")) or (w.endswith("i") and not w.endswith("ii"))):
            continue  # nationality adjectives: Russian, Sudanese, Turkish, Pakistani
        words.append(w)
    return " ".join(sorted(set(words)))
