"""Segments: body / headline / byline / dateline / caption / boilerplate, by paragraph and by prefix.

News text arrives with web furniture in it ('Please read on...', photo credits, '[Compiled by ...]' bylines,
'KYIV (Reuters) -' datelines). Marking them, rather than deleting them, keeps offsets into the original text and
lets later stages extract from body and headline only.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Segment

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")

BOILERPLATE = re.compile(
    r"^\W*(please\s+read\s+on|read\s+(more|on|the\s+rest|the\s+full|also)|continue\s+reading|click\s+(here|for|to)\b|"
    r"(subscribe|sign\s+up)\b|advertisement\b|sponsored\b|share\s+(this|on)\b|follow\s+us\b|"
    r"all\s+rights\s+reserved|copyright\b|©|related\s*(articles|stories|news)?\s*:|more\s+from\b|"
    r"watch\s*:|listen\s*:|download\s+the\s+app|get\s+the\s+latest|comments?\s*\(\d+\)|"
    r"this\s+article\s+(was|has\s+been)\s+(updated|corrected)|tags?\s*:|recommended\b|"
    r"更多|延伸閱讀|請繼續往下閱讀)",
    re.IGNORECASE,
)
BOILERPLATE_TAIL = re.compile(r"(\.\.\.|…|»|>>)\s*$")
CAPTION = re.compile(
    r"^\s*[\(\[]?\s*((photo|image|picture|file\s+photo|video|graphic|illustration|credit)s?\b[^\n]{0,160}|"
    r"(associated\s+press|ap|afp|reuters|getty\s+images|epa|xinhua|efe|ansa|tass|dpa|"
    r"[A-Z][\w.&' -]{0,40}(/| via )(getty|reuters|afp|ap|epa)[\w ]*)(\s+(file\s+)?(photo|picture|image|video)s?)?\s*)"
    r"[\)\]]?\s*$",
    re.IGNORECASE,
)
PHOTO_CAPTION = re.compile(r"\((photo|image|picture)[^)]{0,80}\)\s*$|^\s*\((file|photo)\)", re.IGNORECASE)
BYLINE_LINE = re.compile(
    r"^\s*[\(\[【]?\s*(by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|and|&)\s*[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3})*"
    r"(\s*[,|/-]\s*[\w .'-]{0,60})?|"
    r"\(?(reporting|writing|editing|additional\s+reporting)\s+by\b[^\n]{0,200}\)?|"
    r"[\w .'-]{2,40}/\s*[\w .'-]{0,30}(report|reporter|correspondent|comprehensive\s+report)\w*)\s*[\)\]】]?\s*$",
    re.IGNORECASE,
)
BYLINE_PREFIX = re.compile(
    r"^\s*[\[【〔(]\s*(compiled|reported|written|translated|edited|report|reporter|by|記者|編譯|綜合)[^\]】〕)\n]{0,120}"
    r"[\]】〕)]\s*",
    re.IGNORECASE,
)
AGENCIES = (r"AP|AFP|Reuters|UPI|Xinhua|CNA|dpa|EFE|TASS|RIA|Yonhap|Kyodo|Bloomberg|ANSA|Anadolu|AA|WAFA|MENA|"
            r"SANA|IRNA|KCNA|PTI|IANS|Bernama|Antara|Sputnik|Interfax|Ukrinform|Europa Press")
CALLSIGN = r"[KWC][A-Z]{2,3}(?:-(?:TV|DT|FM|AM))?"  # a broadcaster's call sign: 'HORRY COUNTY, SC (WMBF) -'
_PLACE = r"(?:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}|[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2})"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (rf"(?:\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|(?i:{_MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?|"
         rf"\d{{1,2}}\s+(?i:{_MONTH})(?:\s+\d{{4}})?)")
_DATELINE = (
    rf"^\s*(?P<place>{_PLACE})(?P<more>(?:\s+[-–]\s+{_PLACE})+|(?:\s*,\s*{_PLACE}){{0,2}})"
    rf"(?:\s*,?\s*\(?(?P<date>{_DATE})\)?)?"
    rf"\s*(?P<agency>\((?:{AGENCIES}|{CALLSIGN})\))?"
    rf"\s*(?P<sep>\.-|\.–|[-–—]{{1,2}}|\.|:)"
)
DATELINE_PREFIX = re.compile(_DATELINE + r"\s+(?=[A-Z\"“‘'])")
DATELINE_ONLY = re.compile(_DATELINE + r"\s*$")  # a wire dateline on a line of its own
TEASER = re.compile(r"^\W*(read\s+(more|also)|see\s+also|related|more\s+on\s+this|also\s+read)\s*[:>»-]", re.IGNORECASE)
RULE_LINE = re.compile(r"^[\W_]+$")
DESK_INITIALS = re.compile(r"^[a-z]{2,4}(/[a-z]{2,4})+(\s*/\s*\w{2,5})?$")
CONTRIBUTED = re.compile(r"\bcontributed\s+(to\s+)?(this\s+)?(report|story|reporting)\.?$", re.IGNORECASE)
SHORT_PAREN = re.compile(r"^\s*[\(\[][^()\[\]\n]{1,60}[\)\]]\s*$")
HEADLINE_MAX = 200


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of blank-line separated paragraphs, trimmed of surrounding whitespace."""
    spans = []
    for m in PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def classify_paragraph(par: str, index: int, n_pars: int, title: str | None) -> str:
    """The kind of a whole paragraph, from its shape: widgets, credits, bylines, else body."""
    words = len(par.split())
    if RULE_LINE.match(par) or (words <= 12 and (BOILERPLATE.match(par) or (BOILERPLATE_TAIL.search(par)
                                                                               and words <= 6))):
        return "boilerplate"
    if words <= 30 and TEASER.match(par):
        return "boilerplate"
    if words <= 14 and (CAPTION.match(par) or PHOTO_CAPTION.search(par)):
        return "caption"
    if words <= 25 and (BYLINE_LINE.match(par) or DESK_INITIALS.match(par.strip()) or CONTRIBUTED.search(par)):
        return "byline"
    if words <= 12 and (m := DATELINE_ONLY.match(par)) and is_dateline(m):
        return "dateline"
    if words <= 6 and SHORT_PAREN.match(par):  # '(AA)', '(EFE/Archive)': a credit on its own line
        return "caption"
    if index == 0 and n_pars > 1 and not DATELINE_PREFIX.match(par) and _looks_like_headline(par, title):
        return "headline"
    return "body"


def _looks_like_headline(par: str, title: str | None) -> bool:
    if title and par.strip().lower() == title.strip().lower():
        return True
    if len(par) > HEADLINE_MAX or "\n" in par:
        return False
    return not par.rstrip().endswith((".", '"', "”", "'")) or (par.count(". ") == 0 and len(par) < 160)


def is_dateline(m: re.Match[str]) -> bool:
    """A matched prefix is a dateline only with a strong signal: an agency, a date, CAPS, or 'City - City -'.

    'The army said: ...' or 'Officials - ...' must stay body text, so a plain capitalised word is not enough.
    """
    sep, place = m.group("sep"), m.group("place")
    if m.group("agency") or m.group("date"):
        return True
    if sep in (".", ":"):
        return False
    caps = place.isupper() and len(place) > 2
    multi = m.group("more").strip().startswith(("-", "–"))
    return caps or multi


def split_prefix(text: str, start: int, end: int) -> tuple[list[Segment], int]:
    """A byline or dateline glued to the front of a paragraph: its segment and where the body resumes."""
    segs: list[Segment] = []
    par = text[start:end]
    m = BYLINE_PREFIX.match(par)
    if m:
        cut = start + len(m.group(0).rstrip())
        segs.append(Segment(start=start, end=cut, kind="byline"))
        start = start + m.end()
        par = text[start:end]
    m = DATELINE_PREFIX.match(par)
    if m and is_dateline(m) and m.end() < len(par):
        cut = start + len(m.group(0).rstrip())
        segs.append(Segment(start=start, end=cut, kind="dateline"))
        start = start + m.end()
    return segs, start


def segment(text: str, title: str | None = None) -> list[Segment]:
    """All segments of ``text``: one per paragraph, plus byline/dateline prefixes split off a paragraph's front."""
    pars = paragraphs(text)
    out: list[Segment] = []
    for i, (start, end) in enumerate(pars):
        kind = classify_paragraph(text[start:end], i, len(pars), title)
        if kind == "body":
            prefix, start = split_prefix(text, start, end)
            out.extend(prefix)
        if end > start:
            out.append(Segment(start=start, end=end, kind=kind))
    return out


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    doc.segments = segment(doc.text, doc.title)
    if not doc.byline:
        doc.byline = next((doc.text[s.start:s.end].strip("[]【】 ") for s in doc.segments if s.kind == "byline"), None)
