"""Furniture lines by shape: widgets, teasers, stamps, copyright, captions, bylines and agency credits.

Why shapes: furniture is written by templates, not by reporters, so its form gives it away ('Read also: ...',
'Share: VK | Telegram', 'Published: 20/02/2025 - 14:32', '© 2025 ...', '—Nile Wire', 'This article was provided
by ...'). Each test is a pure function of one paragraph; the stage decides the order they are asked in.
"""

from __future__ import annotations

import re

from newsgraph.segments.dateline import AGENCY_NAME

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
TEASER = re.compile(r"^\W*(read\s+(more|also|next)|see\s+also|related|more\s+on\s+this|also\s+read|further\s+reading|"
                    r"recommended\s+reading|you\s+may\s+also\s+like|most\s+read)\s*[:>»-]", re.IGNORECASE)
# 'Related reports' / 'Related coverage' alone on a line: the heading of a link box.
LINK_BOX = re.compile(r"^\W*(related|more|latest|further)\s+(reports?|articles?|stories|news|coverage|content|links"
                      r"|reading)\s*\W*$", re.IGNORECASE)
# 'Share: VK | Telegram | OK', 'Share this story: Facebook | X | WhatsApp'
SHARE = re.compile(r"^\W*share(\s+(this|the)(\s+\w+)?|\s+on)?\s*[:|]", re.IGNORECASE)
# 'Published: 20/02/2025 - 14:32 | Updated: ...', 'Posted on 3 May 2025', 'Last updated 14:05 GMT'
STAMP = re.compile(r"^\W*((first\s+|last\s+)?(published|posted|updated|modified|created)|date)\s*(:|on\b|at\b)?\s*\d",
                   re.IGNORECASE)
# Legal tails of any length: 'Copyright 2025 X. All rights reserved. This material may not be published, ...'
RIGHTS = re.compile(r"^\W*(copyright\b|©|\(c\)\s*\d{4}|all\s+rights\s+reserved)", re.IGNORECASE)
# End credits: 'This article was provided by X', 'Originally published by X. Republished with permission.'
CREDIT_LINE = re.compile(
    r"^\W{0,3}(this\s+(article|story|report|content|piece)\s+(was|is|has\s+been|first)\s+(\w+\s+)?"
    r"(provided|supplied|produced|contributed|distributed|published|reproduced|republished|appeared)\s+(by|in|on|"
    r"with|from|at)\b|(originally|first)\s+(published|appeared|posted)\s+(by|in|on|at)\b|"
    r"(republished|reprinted|reproduced|distributed|syndicated|provided|supplied)\s+(with\s+permission\s+)?"
    r"(by|from|courtesy\s+of|under)\b|(source|sources|courtesy|content\s+provided\s+by)\s*:\s*[A-Z])",
    re.IGNORECASE,
)
# Desk lines of translated compilations: 'Responsible editor: Li Ming', 'Editor in charge：Wang Wei',
# 'Translation: ...', and 'Translated by Li Ming' / 'Proofread by ...' without a colon.
DESK_LINE = re.compile(r"^\W{0,3}(responsible\s+editor|editor(\s+in\s+charge)?|chief\s+editor|translat(ion|or)|"
                       r"proofreader|责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*\S|"
                       r"^\W{0,3}(translated|proofread|reviewed)\s+by\s+[A-Z]", re.IGNORECASE)
# '—Nile Wire', '-Indus Press Service', '– Aegean Wire': a signing-off agency credit.
DASH_CREDIT = re.compile(rf"^\s*[-–—]{{1,2}}\s*(?P<name>{AGENCY_NAME})\s*\.?\s*$")
BARE_NAME = re.compile(rf"^\s*(?P<name>{AGENCY_NAME})\s*\.?\s*$")
# Last words of an outlet's name: a bare closing line ending in one of them is a credit, not a heading.
OUTLET_TAILS = frozenset({
    "news", "newswire", "wire", "press", "agency", "service", "dispatch", "times", "post", "daily", "herald",
    "courier", "bulletin", "gazette", "tribune", "journal", "observer", "standard", "ledger", "chronicle",
    "telegraph", "express", "mirror", "shimbun", "ilbo", "sinmun", "inform", "media", "tv", "television", "radio",
    "broadcasting", "network", "online", "today", "monitor", "review", "report", "weekly", "agencies",
})
RULE_LINE = re.compile(r"^[\W_]+$")
DESK_INITIALS = re.compile(r"^[a-z]{2,4}(/[a-z]{2,4})+(\s*/\s*\w{2,5})?$")
CONTRIBUTED = re.compile(r"\bcontributed\s+(to\s+)?(this\s+)?(report|story|reporting)\.?$", re.IGNORECASE)
SHORT_PAREN = re.compile(r"^\s*[\(\[][^()\[\]\n]{1,60}[\)\]]\s*$")
MENU_ITEM_WORDS = 3


def is_boilerplate(par: str) -> bool:
    """Widgets, teasers, stamps, link boxes and legal tails."""
    words = len(par.split())
    if RULE_LINE.match(par) or (words <= 12 and (BOILERPLATE.match(par) or (BOILERPLATE_TAIL.search(par)
                                                                               and words <= 6))):
        return True
    if words <= 30 and (TEASER.match(par) or SHARE.match(par) or STAMP.match(par)):
        return True
    if words <= 5 and LINK_BOX.match(par):
        return True
    if words <= 80 and RIGHTS.match(par):
        return True
    return is_menu(par)


def is_menu(par: str) -> bool:
    """'Facebook | X | WhatsApp | Email': three or more short items between bars or bullets."""
    if "\n" in par:
        return False
    items = [i for i in re.split(r"\s*[|•·]\s*", par) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= MENU_ITEM_WORDS for i in items)


def is_credit(par: str, last: bool, agencies: set[str]) -> bool:
    """An agency credit closing the story: a credit sentence, '—Agency', or (last paragraph only) a bare outlet
    name, known from this story's own dateline or ending like one ('Sahara Newswire', 'Bahr News')."""
    words = len(par.split())
    if words <= 40 and CREDIT_LINE.match(par):
        return True
    if words <= 7 and DASH_CREDIT.match(par):
        return True
    if not last or words > 5:
        return False
    m = BARE_NAME.match(par)
    if m is None:
        return False
    name = m.group("name").strip()
    return name.lower() in agencies or name.split()[-1].lower().strip(".") in OUTLET_TAILS


def is_caption(par: str) -> bool:
    words = len(par.split())
    return words <= 14 and bool(CAPTION.match(par) or PHOTO_CAPTION.search(par))


def is_byline(par: str) -> bool:
    words = len(par.split())
    if words <= 8 and DESK_LINE.match(par):
        return True
    return words <= 25 and bool(BYLINE_LINE.match(par) or DESK_INITIALS.match(par.strip())
                                or CONTRIBUTED.search(par))
