"""Which candidate triggers of a sentence become events.

Matching (``triggers``) proposes candidates; here they are filtered the PLOVER way: content of another event is
absorbed ('threatened to attack' is one THREATEN), promise verbs are resolved, modality is applied, background
(relative and 'after' clauses, adjunct nominals) yields to main-clause events, and duplicates of one event go.
Two constructions add events of their own: a said obligation ('X said Y must ...' -> REQUEST by X) and a
rejected request with a named requester.
"""

from __future__ import annotations

from typing import Any

from newsgraph.events.gate import is_metaphor
from newsgraph.events.lexicon import COOPERATIVE, Lexicon
from newsgraph.events.modality import (
    apply_modality,
    governor,
    harm_has_perpetrator,
    in_background_clause,
    in_descriptive_clause,
    is_cancelled,
    refine_mode,
    resolve_modal,
)
from newsgraph.events.syntax import Token, aux_words, first_child, keys, semantic_head, verb_subject
from newsgraph.events.triggers import (
    Candidate,
    is_argument,
    is_background,
    modifies_noun,
    noun_candidate,
    verb_candidate,
)
from newsgraph.spans import RangeIndex

# Whether 'refused the request of X' also yields X's REQUEST (the rejected request is itself an event).
EMIT_REJECTED_REQUESTS = True


def sentence_candidates(sent: Any, lex: Lexicon, allowed: RangeIndex) -> list[Candidate]:
    """All trigger matches in one sentence, before content/modality filtering."""
    out: list[Candidate] = []
    triggers = lex.trigger_words()
    for tok in sent:
        if triggers.isdisjoint(keys(tok)):
            continue  # no verb or noun rule for any of its keys: no candidate of any kind can start here
        if not allowed.covers(tok.idx, tok.idx + len(tok.text)):
            continue
        c = verb_candidate(tok, lex)
        if c is not None and c.frame == "harm" and not harm_has_perpetrator(c, lex):
            c = None
        if c is not None and in_background_clause(tok):
            c.secondary = True
        if c is None:
            c = noun_candidate(tok, lex)
            if c is not None and c.support is not None and verb_candidate(c.support, lex) is not None:
                # 'called off the strike', 'condemned the attack': the verb's own event has the noun as content
                c = None if c.frame == "weak" else Candidate(tok, c.type, c.mode, c.frame, "noun", negated=c.negated)
            if c is not None and tok.dep_ in ("dobj", "obj") and set(keys(tok.head)) & lex.cls("avert"):
                c = None  # 'to deter attacks', 'foiled a bombing': kept from happening
            if c is not None and is_metaphor(tok, lex):
                c = None  # 'the album is an attack on the music industry'
            if c is not None and is_label(tok):
                c = None  # 'Kidnapping: armed bandits abducted two traders': a coder's category, the verb tells it
            if c is not None and c.type in COOPERATIVE and is_cancelled(tok, lex):
                c.negated = True  # 'the visit was called off': it did not take place
            if c is None and EMIT_REJECTED_REQUESTS:
                c = rejected_request(tok, lex)
            if c is not None and c.support is None and (is_background(tok, lex) or modifies_noun(tok) or (
                    not is_argument(tok) and c.type != "PROTEST")):
                c.secondary = True  # 'during a demonstration' still tells us a protest happened
            if c is not None and in_background_clause(c.support if c.support is not None else tok):
                c.secondary = True
        if c is not None and in_descriptive_clause(c.support if c.support is not None else tok):
            c = None  # 'The minister, who survived an attempt on his life last year, said ...'
        if c is not None:
            out.append(c)
    return out


def is_label(noun: Token) -> bool:
    """A category word opening a note before a colon, with a clause after it ('Abduction: militants seized ...')."""
    doc = noun.doc
    return (noun.i - noun.sent.start <= 1 and noun.i + 1 < len(doc) and doc[noun.i + 1].text == ":"
            and any(t.pos_ == "VERB" for t in doc[noun.i + 2 : noun.sent.end]))


def rejected_request(tok: Token, lex: Lexicon) -> Candidate | None:
    """'Putin refused the request of the commander': the request, with a named requester, is an event too."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "obj", "pobj") or not _has_owner(tok):
        return None
    rules = [r for k in keys(tok) for r in lex.nouns.get(k, []) if r.type == "REQUEST" and not r.conditions]
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    gov = verb_candidate(verb, lex) if verb.pos_ == "VERB" else None
    if not rules or gov is None or gov.type != "REJECT":
        return None
    owner = first_child(tok, ("poss",))
    if owner is None:
        owner = next((pobj for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "by", "from")
                      for pobj in p.children if pobj.dep_ == "pobj"), None)
    if owner is None:
        owner = next((c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    return Candidate(tok, "REQUEST", None, "weak", "noun", actor_tok=owner, recip_tok=verb_subject(verb))


def obligation_requests(sent: Any, lex: Lexicon, allowed: RangeIndex) -> list[Candidate]:
    """'Russia said Sudan must return the helicopter' -> REQUEST by Russia of Sudan (trigger: 'must return')."""
    out = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ != "ccomp" or not aux_words(tok) & lex.cls("oblige"):
            continue
        if not set(keys(tok.head)) & lex.cls("say") or not allowed.covers(tok.idx, tok.idx + len(tok.text)):
            continue
        if first_child(tok, ("nsubj", "nsubjpass")) is None or verb_subject(tok.head) is None:
            continue
        if verb_subject(tok.head).lower_ in ("it", "they", "he", "she", "we"):
            continue
        subj = first_child(tok, ("nsubj", "nsubjpass"))
        out.append(Candidate(tok, "REQUEST", None, "content", "verb", actor_tok=verb_subject(tok.head),
                             recip_tok=semantic_head(subj) if subj is not None else None))
    return out


def select_events(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Drop events that are content of another, resolve promise verbs, apply modality."""
    by_token: dict[int, Candidate] = {}
    for c in cands:
        by_token.setdefault(c.token.i, c)
        if c.support is not None:
            by_token.setdefault(c.support.i, c)
    contents: dict[int, list[Candidate]] = {}
    for c in cands:
        g = governor(c, by_token)
        if g is not None:
            c.absorbed_by = g
            contents.setdefault(id(g), []).append(c)
    for c in cands:
        c.contents = contents.get(id(c), [])
        resolve_modal(c, c.contents)
        adopted_measure(c)
    for c in cands:
        if c.absorbed_by is not None and c.absorbed_by.type == "NONE":
            c.absorbed_by = None  # 'warned that rebels had attacked': the warning is no event, the attack is
    kept = []
    for c in cands:
        g = c.absorbed_by
        if g is not None:
            keep_request = (EMIT_REJECTED_REQUESTS and g.type == "REJECT" and c.type == "REQUEST"
                            and c.kind == "noun" and _has_owner(c.token))
            if not keep_request:
                continue
        c2 = apply_modality(c, lex) if c.type != "NONE" else None
        if c2 is not None:
            c2.mode = refine_mode(c2, lex)
        if c2 is not None:
            kept.append(c2)
    if any(not c.secondary for c in kept):
        kept = [c for c in kept if not c.secondary]
    else:  # 'bail to the businessman charged with fraud': a legal label on a person, not the sentence's news
        kept = [c for c in kept if not (c.type in LABEL_TYPES and person_label(c.token))]
    if any(c.type == "PROTEST" for c in kept):  # PLOVER: a protest's demand is its topic, not a REQUEST of its own
        kept = [c for c in kept if not (c.type == "REQUEST" and protest_demand(c))]
    return _dedupe(kept)


DECISION_VERBS = frozenset({"agree", "decide", "vote", "resolve"})
UNREALISED_AUX = frozenset({"will", "would", "may", "might", "could", "should", "shall", "can", "must", "'ll"})


def adopted_measure(c: Candidate) -> None:
    """'EU ministers agreed to sanction eight officials', 'the cabinet decided to sever ties': a body's past
    decision to cut relations is the measure itself (the decision adopts it), so the SANCTION it governs stands
    as the event and the decision is no AGREE or THREATEN of its own. A promise to cooperate stays AGREE
    ('agreed to hold talks'), and an unrealised decision ('will vote to expel') stays what modality makes it."""
    if c.kind != "verb" or not set(keys(c.token)) & DECISION_VERBS or not c.contents:
        return
    if c.token.tag_ != "VBD" and not (c.token.tag_ == "VBN" and aux_words(c.token) & {"has", "have", "had"}):
        return
    if aux_words(c.token) & UNREALISED_AUX:
        return
    measures = [x for x in c.contents if x.type == "SANCTION" and x.kind == "verb" and x.token.head.i == c.token.i]
    if not measures:
        return
    for x in measures:
        x.absorbed_by = None
    c.type, c.mode = "NONE", None


LABEL_TYPES = frozenset({"ACCUSE", "COERCE", "SANCTION"})


def person_label(tok: Token) -> bool:
    """A past participle on a noun that is no clause head ('the man charged with fraud', 'a dissident jailed in
    2019'): news names people by what was done to them; that is no event of the sentence."""
    return (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ not in ("ROOT", "nsubj", "nsubjpass")
            and tok.head.pos_ in ("NOUN", "PROPN"))


def protest_demand(c: Candidate) -> bool:
    """'blocked the avenue demanding the minister's resignation', 'marched to demand ...': a participle or
    purpose clause hung in a protest's sentence states what the protesters want."""
    tok = c.token
    if c.kind != "verb" or tok.dep_ not in ("acl", "advcl", "xcomp", "conj"):
        return False
    return tok.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def _has_owner(noun: Token) -> bool:
    return any(ch.dep_ == "poss" or (ch.dep_ == "compound" and ch.pos_ == "PROPN") for ch in noun.children) or any(
        ch.dep_ == "prep" and ch.lower_ in ("of", "by", "from") for ch in noun.children)


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One event per (type, trigger head); a nominal that is an argument of a same-type verb goes."""
    out: list[Candidate] = []
    seen: set[tuple[str, int]] = set()
    verb_types = {(c.token.i, c.type) for c in cands if c.kind == "verb"}
    for c in cands:
        key = (c.type, c.token.i)
        if key in seen:
            continue
        if c.kind == "noun":
            head = c.token.head.head if c.token.head.dep_ == "prep" else c.token.head
            if (head.i, c.type) in verb_types:
                continue
            if c.type in ("COERCE", "ASSAULT") and (head.i, "ASSAULT") in verb_types:
                continue  # 'killed five villagers in a raid': the raid is the killing, not a second event
        seen.add(key)
        out.append(c)
    return out
