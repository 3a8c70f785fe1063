"""Wire datelines and agency credits: 'CITY[, REGION][, Month D[, YYYY]] [(AGENCY)] -' and '(AGENCY) —'.

Why a grammar and not a list of agencies: wire copy arrives from agencies no list has seen ('KHARTOUM, May 3
(Nile Wire) -'). Left in the body, the dateline is parsed as the subject of the lead sentence and becomes the actor
of the lead event and the outer source of its attribution. The agency slot therefore accepts any short name in
parentheses (capitalised words, with 'of', 'al-' and the like between them) or between slashes ('/Sever-Inform/.',
the Russian agency shape); a dateline still needs one strong signal (an agency, a date, a place in capitals, or
'City - City -') so that 'The army said: ...' stays body text.
"""

from __future__ import annotations

import re

KNOWN_AGENCIES = (r"AP|AFP|Reuters|UPI|Xinhua|CNA|dpa|EFE|TASS|RIA|Yonhap|Kyodo|Bloomberg|ANSA|Anadolu|AA|WAFA|MENA|"
                  r"SANA|IRNA|KCNA|PTI|IANS|Bernama|Antara|Sputnik|Interfax|Ukrinform|Europa Press")
# One word of an agency name: 'Nile', 'Al-Quds', 'EFE/Archive', 'al-Sahil', 'Sever-Inform'.
_WORD = r"(?:[A-Z][\w.&'’/-]*|[a-z]{1,3}[-’'][A-Za-z][\w-]*)"
_JOIN = r"(?:of|de|du|des|da|la|le|el|al|the|and|for|y|e|&)"
AGENCY_NAME = rf"(?:{KNOWN_AGENCIES}|{_WORD}(?:\s+(?:{_JOIN}\s+)?{_WORD}){{0,5}})"
AGENCY_MAX = 48  # characters: a name, not a sentence in brackets

# A place: 'KHARTOUM', 'NEW YORK', 'Khan Younis', 'Deir al-Balah' (an Arabic article joined by a hyphen).
_PLACE = (r"(?:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}|"
          r"[A-Z][\w'’.-]+(?:\s(?:[A-Z]|[a-z]{1,3}-[A-Z])[\w'’.-]+){0,2})")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (rf"(?:\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|(?i:{_MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?|"
         rf"\d{{1,2}}\s+(?i:{_MONTH})(?:\s+\d{{4}})?)")
_AGENCY_SLOT = (rf"(?:\.?\s*/(?P<slashed>{AGENCY_NAME})/"  # 'MOSCOW, October 8. /Sever-Inform/.'
                rf"|\s*(?:[-–—]\s*)?\((?P<agency>{AGENCY_NAME})\))")  # '(Nile Wire)', 'Muscat - (Bahr News)'
_SEP = r"(?P<sep>\.-|\.–|[-–—]{1,2}|\.|:)"
_DATELINE = (
    rf"^\s*(?P<place>{_PLACE})(?P<more>(?:\s+[-–]\s+{_PLACE})+|(?:\s*,\s*{_PLACE}){{0,2}})"
    rf"(?:\s*,?\s*\(?(?P<date>{_DATE})\)?)?"
    rf"(?:{_AGENCY_SLOT})?"
    rf"\s*{_SEP}"
)
DATELINE_PREFIX = re.compile(_DATELINE + r"\s+(?=[A-Z\"“‘'])")
DATELINE_ONLY = re.compile(_DATELINE + r"\s*$")  # a wire dateline on a line of its own
# '(Cedar Wire) — An Israeli drone ...': a reprint keeps the agency credit but drops the city.
CREDIT_PREFIX = re.compile(rf"\((?P<agency>{AGENCY_NAME})\)\s*(?P<sep>[-–—]{{1,2}})\s+(?=[A-Z\"“‘'])")
# Where a reprinted credit may start inside a paragraph: after a sentence end.
SENTENCE_END = re.compile(r"[.!?”\"’]\s+")


def agency_of(m: re.Match[str]) -> str | None:
    """The agency a dateline or credit names, if any."""
    for group in ("agency", "slashed"):
        name = m.groupdict().get(group)
        if name:
            return name
    return None


def is_dateline(m: re.Match[str]) -> bool:
    """A matched prefix is a dateline only with a strong signal: an agency, a date, CAPS, or 'City - City -'.

    'The army said: ...' or 'Officials - ...' must stay body text, so a plain capitalised word is not enough; an
    agency slot holding a long phrase is a parenthetical, not a credit.
    """
    agency = agency_of(m)
    if agency is not None and len(agency) > AGENCY_MAX:
        return False
    sep, place = m.group("sep"), m.group("place")
    if agency or m.group("date"):
        return True
    if sep in (".", ":"):
        return False
    caps = place.isupper() and len(place) > 2
    multi = m.group("more").strip().startswith(("-", "–"))
    return caps or multi


def dateline_prefix(par: str) -> int | None:
    """Length of the dateline at the front of a paragraph that goes on with the story, or None."""
    m = DATELINE_PREFIX.match(par)
    if m and is_dateline(m) and m.end() < len(par):
        return len(m.group(0).rstrip())
    m = CREDIT_PREFIX.match(par)
    if m and len(m.group("agency")) <= AGENCY_MAX:
        return len(m.group(0).rstrip())
    return None


def dateline_line(par: str) -> bool:
    """A dateline standing on a line of its own ('WASHINGTON, August 11 (Xinhua) --')."""
    m = DATELINE_ONLY.match(par)
    return m is not None and is_dateline(m)


def inner_credits(par: str) -> list[tuple[int, int]]:
    """Offsets (into ``par``) of reprinted '(Agency) —' credits after a sentence end inside a paragraph."""
    out = []
    for s in SENTENCE_END.finditer(par):
        m = CREDIT_PREFIX.match(par, s.end())
        if m and len(m.group("agency")) <= AGENCY_MAX:
            out.append((m.start(), m.start() + len(m.group(0).rstrip())))
    return out


def agencies_in(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """The agency names credited in these dateline spans, lower-cased (a bare end credit repeats one)."""
    names = set()
    for start, end in spans:
        part = text[start:end]
        m = DATELINE_ONLY.match(part) or CREDIT_PREFIX.match(part.strip() + " X")
        name = agency_of(m) if m else None
        if name:
            names.add(name.lower())
    return names
