"""Type and link attribution sources: person, organization, media, anonymous, document or unknown.

Why: an analyst needs to know *who* says so, not just the words: 'he' and 'the official' point back to someone
named earlier, 'U.S. officials' is an anonymous source even though it contains a place name, and 'the Times' is a
news outlet. Entities from the entities stage (with their document-wide ``entity_id``) anchor the links; there is
no coreference model offline, so pronouns and role nouns go to the nearest compatible earlier mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.attrib.lexicon import CueLexicon
from newsgraph.document import Entity, Place

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me", "my"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "its", "their"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
SPEAKER_PRONOUNS = frozenset({"we", "us", "you", "our", "your"})  # the speaker's group or audience: no antecedent
INDEFINITE = frozenset({"anyone", "someone", "somebody", "no one", "nobody", "everyone", "everybody", "one",
                        "many", "some", "others", "few", "several", "most", "all", "both"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
NAMED_LABELS = {"PERSON": "person", "ORG": "organization", "NORP": "organization", "GPE": "organization",
                "FAC": "organization", "LOC": "organization"}
# Last words of an outlet's own name ('Nile Wire', 'Tahoua Evening Standard', 'Kyushu Shimbun', 'Sever-Inform'):
# a capitalised name ending in one of them is a news outlet, whatever list it is missing from. 'Agency' and
# 'Service' only after 'News' or 'Press' ('Central Intelligence Agency' and 'Security Service' are not outlets).
OUTLET_TAILS = frozenset({
    "news", "newswire", "wire", "press", "dispatch", "times", "post", "daily", "herald", "courier", "bulletin",
    "gazette", "tribune", "journal", "observer", "standard", "ledger", "chronicle", "telegraph", "shimbun", "ilbo",
    "sinmun", "inform", "television", "tv", "radio", "broadcasting", "newspaper", "weekly", "gazeta", "zeitung",
})
OUTLET_PAIRS = frozenset({"news agency", "press agency", "news service", "press service", "information agency",
                          "broadcasting corporation", "broadcasting company", "media group", "news network"})
# Words that name what an outlet publishes: 'the Kyushu Shimbun report', 'a commentary by KCNA' credit the outlet.
OUTLET_WORKS = frozenset({"report", "reports", "commentary", "article", "story", "dispatch", "editorial",
                          "broadcast", "bulletin", "interview", "investigation"})
# Words for an outlet that a name in front of them can make a particular one: 'the Saba agency'.
OUTLET_KINDS = frozenset({"agency", "channel", "network", "service", "station", "outlet", "newspaper", "daily",
                          "paper", "website", "broadcaster", "television", "tv", "radio", "portal"})
# Verbs with which a named source relays what others say: 'X cited Y as reporting', 'X, quoting Y, reported'.
RELAY_VERBS = frozenset({"cite", "quote"})
PLACE_FEATURES = frozenset({"country", "city", "admin1", "region"})


@dataclass(slots=True)
class Mention:
    """Something a later pronoun or role noun can point back to."""

    start: int
    type: str
    entity_id: str | None
    head: str  # lower-cased head word, to match 'the official' with 'a senior official'
    plural: bool = False  # 'officials', 'Democrats': what a later 'they' can point to, never an 'it'


class SourceLinker:
    """Walks a document's sources in text order, typing each and resolving pronouns and role nouns."""

    def __init__(self, entities: list[Entity], lex: CueLexicon, places: list[Place] | None = None,
                 agencies: frozenset[str] = frozenset()) -> None:
        self.entities = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]
        self._last_words: dict[str, Entity] | None = None
        self.lex = lex
        self.history: list[Mention] = []
        self.places = sorted((p.start, p.end) for p in places or [] if p.feature in PLACE_FEATURES)
        self.agencies = agencies  # outlets this story credits in its datelines ('(Nile Wire)'), lower-cased

    def overlapping(self, start: int, end: int) -> list[Entity]:
        i = bisect_left(self.starts, start)
        while i > 0 and self.entities[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end > start:
                out.append(self.entities[i])
            i += 1
        return out

    def by_name(self, text: str) -> Entity | None:
        """An entity the NER missed at this mention but found elsewhere: 'TRUMP' or 'Wallace' alone, matched on
        the last word of a capitalised name of at most three words."""
        words = LEADING_ARTICLE.sub("", text.strip()).split()
        if not 1 <= len(words) <= 3 or not words[-1][:1].isupper():
            return None
        return self._by_last_word().get(words[-1].lower().strip(".,'’"))

    def _by_last_word(self) -> dict[str, Entity]:
        """The first person or organisation for each last word of a canonical name, built once (a scan of every
        entity per mention made long documents quadratic)."""
        if self._last_words is None:
            self._last_words = {}
            for ent in self.entities:
                if ent.label in ("PERSON", "ORG") and ent.canonical.split():
                    self._last_words.setdefault(ent.canonical.split()[-1].lower().strip(".,'’"), ent)
        return self._last_words

    def preceding_entity(self, pos: int, labels: frozenset[str]) -> Entity | None:
        i = bisect_left(self.starts, pos) - 1
        while i >= 0:
            if self.entities[i].label in labels:
                return self.entities[i]
            i -= 1
        return None

    def media_name(self, text: str) -> bool:
        """A news outlet by name: in the outlet lexicon, credited in this story's dateline, or shaped like one."""
        name = LEADING_ARTICLE.sub("", text.strip()).lower().strip(" \"'“”‘’")
        name = " ".join(name.replace("“", " ").replace("”", " ").replace('"', " ").split())
        if name in self.lex.media_names or name in self.agencies:
            return True
        words = name.split()
        if any(" ".join(words[i:]) in self.lex.media_names for i in range(1, len(words)) if len(words) - i > 1):
            return True
        return outlet_shaped(text)

    def media_by_construction(self, head: Token, persons: list[Entity]) -> bool:
        """The grammar around a name says it is an outlet: 'the "Kyushu Shimbun" report' / 'a report by X' (an
        outlet's work), 'the Morning Ledger, a Seoul daily' (an outlet in apposition), 'the Saba agency', and 'Y'
        in 'X cited Y as reporting'. Reporting, citing or quoting alone is not enough: ministries and general
        staffs do all three ('The General Staff, citing the headquarters, reported ...')."""
        if head.lower_ in OUTLET_WORKS:  # before the person test: NER often takes 'Kyushu Shimbun' for a person
            for c in head.children:
                if c.dep_ in ("poss", "compound", "nmod") and self._outlet_phrase(c):
                    return True
                if c.dep_ == "prep" and c.lower_ == "by" and any(
                        g.dep_ == "pobj" and self._outlet_phrase(g) for g in c.children):
                    return True
            return False
        if head.lower_ in OUTLET_KINDS and any(  # 'the Houthi-run Saba agency', 'the Kuwaiti Al-Rai newspaper'
                c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and self._outlet_phrase(c) for c in head.children):
            return True
        if persons:
            return False
        if not head.text[:1].isupper():
            return False
        for c in head.children:
            if c.dep_ == "appos" and self.lex.head_types.get(c.lower_) == "media":
                return True
        if head.dep_ in ("dobj", "obj") and head.head.lemma_.lower() in RELAY_VERBS:
            for prep in head.head.children:
                if prep.dep_ == "prep" and prep.lower_ == "as" and any(
                        g.lemma_.lower() in ("report", "write", "broadcast") for g in prep.children):
                    return True
        return False

    def _outlet_phrase(self, tok: Token) -> bool:
        """Whether the name a token heads (its compounds and possessive aside) is an outlet."""
        words = [t for t in tok.subtree if t.dep_ in ("compound", "poss", "flat", "nmod") or t.i == tok.i]
        words = [t for t in words if t.i <= tok.i and t.tag_ != "POS" and t.pos_ in ("PROPN", "NOUN")]
        if not words:
            return False
        name = " ".join(t.text for t in words)
        return self.media_name(name)

    def place_at(self, start: int, end: int) -> bool:
        """Whether a resolved country, region or city spans exactly this phrase (articles and 's aside)."""
        i = bisect_left(self.places, (start, -1))
        while i > 0 and self.places[i - 1][1] > start:
            i -= 1
        return any(s <= start + 4 and end - 3 <= e and s < end for s, e in self.places[i:i + 3])

    def resolve(self, start: int, end: int, text: str, parsed: Doc, head_i: int | None) -> tuple[str, str | None]:
        """(type, entity_id) of a source span, remembering it for later pronouns."""
        head = parsed[head_i] if head_i is not None else None
        head_word = head.lower_ if head is not None else text.split()[-1].lower()
        typ, eid = self._classify(start, end, text, parsed, head, head_word)
        plural = head is not None and head.tag_ in ("NNS", "NNPS")
        self.history.append(Mention(start=start, type=typ, entity_id=eid, head=head_word, plural=plural))
        return typ, eid

    def _classify(self, start, end, text, parsed, head, head_word) -> tuple[str, str | None]:
        ents = self.overlapping(start, end)
        persons = [e for e in ents if e.label == "PERSON"]
        if head is not None and head.lower_ in RELATIVE and head.head.head.i != head.head.i:
            noun = head.head.head  # who -> relcl verb -> the noun it modifies
            if noun.pos_ in ("PROPN", "NOUN"):
                return self._classify(noun.left_edge.idx, noun.idx + len(noun), noun.text, parsed, noun, noun.lower_)
        lowered = text.lower().strip()
        if lowered in INDEFINITE or head_word in INDEFINITE:
            return "anonymous", None
        if head_word in SPEAKER_PRONOUNS:
            return "unknown", None
        if (head is not None and head.pos_ == "PRON") or head_word in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(start, head_word)
        if not ents:
            named = self.by_name(text)
            if named is not None:
                ents = [named]
                persons = [named] if named.label == "PERSON" else []
        orgs = [e for e in ents if e.label in ("ORG", "WORK_OF_ART")]
        if self.media_name(text) or (head is not None and self.media_by_construction(head, persons)):
            return "media", orgs[0].entity_id if orgs else None
        if persons:
            return "person", persons[0].entity_id
        if head is not None and titled_name(head, self.lex):
            return "person", None  # 'government spokeswoman Yolande Makolo' when NER missed the name
        head_type = self.lex.head_types.get(head_word)
        if head_type is None and head_word.endswith("ies"):
            head_type = self.lex.head_types.get(head_word[:-3] + "y")  # 'aid agencies', 'the authorities'
        if head_type is None and head_word.endswith("s"):
            head_type = self.lex.head_types.get(head_word[:-1])
        if head_type is not None and head is not None and head.text[:1].isupper():
            head_type = proper_head_type(head, head_type, orgs)
        if head_type is None and not persons and not orgs and self.place_at(start, end):
            return "organization", None  # 'Kyiv denied', 'Ankara warned': a capital speaks for its government
        first_word = text.split()[0].lower() if text.split() else ""
        if head_type in ("person", "anonymous") and first_word in DEFINITE:
            earlier = self._role_antecedent(start, head_word, head_type, bare_role(text))
            if earlier is not None:
                return earlier
        named = [e for e in ents if e.label in ("ORG", "FAC")]
        if head_type == "anonymous":
            return "anonymous", None
        if named and head_type in (None, "organization", "media"):
            return ("media" if head_type == "media" else "organization"), named[0].entity_id
        if head_type is not None:
            return head_type, None
        others = [e for e in ents if e.label in NAMED_LABELS]
        if others:
            return NAMED_LABELS[others[0].label], others[0].entity_id
        return "unknown", None

    def _pronoun(self, pos: int, word: str) -> tuple[str, str | None]:
        if word in PERSON_PRONOUNS:
            ent = self.preceding_entity(pos, frozenset({"PERSON"}))
            return "person", ent.entity_id if ent else None
        # number agreement: 'they' wants a group or a plural noun, 'it' a single organisation, outlet or document
        plural = word in PLURAL_PRONOUNS
        for m in reversed(self.history):
            if m.start >= pos:
                continue
            if plural and (m.plural or m.type in ("organization", "media", "anonymous")):
                return m.type, m.entity_id
            if not plural and not m.plural and m.type in ("organization", "media", "document"):
                return m.type, m.entity_id
        labels = frozenset({"ORG", "NORP"}) if plural else frozenset({"ORG", "GPE"})
        ent = self.preceding_entity(pos, labels)
        if ent is not None:
            return NAMED_LABELS[ent.label], ent.entity_id
        return "unknown", None

    def _role_antecedent(self, pos: int, head_word: str, head_type: str,
                         bare: bool = True) -> tuple[str, str | None] | None:
        """'the official' -> an earlier source with the same head; a bare 'the senator' -> the nearest earlier
        person. A fuller description ('the party's leader', 'the head of the mission') introduces someone, so it
        only joins an earlier source with the same head, never just the nearest person."""
        for m in reversed(self.history):
            if m.start < pos and m.head == head_word:
                return m.type, m.entity_id
        if head_type == "person" and bare:
            ent = self.preceding_entity(pos, frozenset({"PERSON"}))
            if ent is not None:
                return "person", ent.entity_id
        return None


def bare_role(text: str) -> bool:
    """'the senator', 'the spokesman': a determiner and at most one more word before the role, no possessor or
    post-modifier."""
    words = text.split()
    return len(words) <= 3 and not any(w.endswith(("'s", "’s")) for w in words) and " of " not in text


def outlet_shaped(text: str) -> bool:
    """'Nile Wire', 'the Tahoua Evening Standard', '"Kyushu Shimbun"', 'Sever-Inform': a capitalised name whose
    last word (or last two) is how outlets are named."""
    words = [w.strip("\"'“”‘’.,()") for w in LEADING_ARTICLE.sub("", text.strip()).split()]
    words = [w for w in words if w]
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w.lower() in ("of", "the", "and", "de", "al")
                                           for w in words):
        return False
    last = words[-1].lower()
    tail = last.rsplit("-", 1)[-1]
    if len(words) >= 2 and f"{words[-2].lower()} {last}" in OUTLET_PAIRS:
        return True
    if len(words) >= 2 and (last in OUTLET_TAILS or tail in OUTLET_TAILS):
        return True
    return "-" in last and tail in OUTLET_TAILS  # one hyphenated word: 'Sever-Inform', 'Ege-Press'


def proper_head_type(head: Token, head_type: str, orgs: list[Entity]) -> str:
    """A role or outlet word heading a capitalised name types it less surely than a common noun does: 'Joint Chiefs
    of Staff' is an organisation, not a chief; 'Sudan Doctors Network' is a group, not a broadcaster."""
    inside_org = any(e.start <= head.idx < e.end for e in orgs)
    if head_type == "person" and inside_org and (head.tag_ == "NNPS" or any(c.dep_ == "prep" for c in head.children)):
        return "organization"
    if head_type == "media" and head.lower_ in ("network", "networks", "channel", "site", "website"):
        return "organization"
    if head_type == "anonymous" and head.pos_ == "PROPN" and head.i > head.sent.start:
        return "organization"  # 'the Ukrainian General Staff' is a body; 'hospital staff' are people
    return head_type


def titled_name(head: Token, lex: CueLexicon) -> bool:
    """'spokeswoman Yolande Makolo', 'Brigadier General X': a capitalised name right after a person's role word."""
    if head.pos_ != "PROPN":
        return False
    compounds = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    roles = [c for c in compounds if lex.head_types.get(c.lower_) == "person" and not c.text[:1].isupper()]
    names = [c for c in compounds if c.pos_ == "PROPN" and c.i > max((r.i for r in roles), default=head.i)]
    return bool(roles) and (bool(names) or head.i - max(r.i for r in roles) == 1)
