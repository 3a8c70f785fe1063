"""Events: PLOVER event coding, clause by clause, from verb and noun triggers over the one dependency parse.

Requires segments, entities, places, times and attributions (any of them may be empty); assigns ``events``.
For each sentence of body/headline text: match triggers (``lexicons/plover_verbs.tsv``, ``plover_nouns.tsv``),
drop events that are only the content of another ('threatened to attack' is one THREATEN), apply PLOVER's
modality rules (futures, promises, hedges, negation), then fill actor/recipient from syntactic roles and link
place, time, date, attribution and quantity from the trigger's own clause. Precision first: an event needs a
trigger and a frame that holds in one clause; we do not guess types from sentence topic.
"""

from __future__ import annotations

from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, EntitySpan, Event, SentenceRef, Span
from newsgraph.events.fields import (
    attribution_of,
    event_date,
    event_quantity,
    pick_in_clause,
    pick_in_range,
    token_starts,
)
from newsgraph.events.lexicon import Lexicon, load_lexicon
from newsgraph.events.modality import (
    apply_modality,
    governor,
    harm_has_perpetrator,
    in_background_clause,
    refine_mode,
    resolve_modal,
)
from newsgraph.events.roles import roles
from newsgraph.events.syntax import (
    Token,
    aux_words,
    event_clause,
    first_child,
    keys,
    np_span,
    semantic_head,
    verb_subject,
)
from newsgraph.events.triggers import (
    Candidate,
    is_argument,
    is_background,
    modifies_noun,
    noun_candidate,
    verb_candidate,
)
from newsgraph.spans import RangeIndex, extractable_ranges

# Whether 'refused the request of X' also yields X's REQUEST (the rejected request is itself an event).
EMIT_REJECTED_REQUESTS = True


def sentence_candidates(sent: Any, lex: Lexicon, allowed: RangeIndex) -> list[Candidate]:
    """All trigger matches in one sentence, before content/modality filtering."""
    out: list[Candidate] = []
    for tok in sent:
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
            if c is None and EMIT_REJECTED_REQUESTS:
                c = rejected_request(tok, lex)
            if c is not None and c.support is None and (is_background(tok, lex) or modifies_noun(tok) or (
                    not is_argument(tok) and c.type != "PROTEST")):
                c.secondary = True  # 'during a demonstration' still tells us a protest happened
            if c is not None and in_background_clause(c.support if c.support is not None else tok):
                c.secondary = True
        if c is not None:
            out.append(c)
    return out


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
    return _dedupe(kept)


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


def _entity_span(doc: Document, tok: Token | None) -> EntitySpan | None:
    if tok is None:
        return None
    head = semantic_head(tok)
    start, end = np_span(head)
    if start >= end:
        return None
    ent_id = None
    hpos = head.idx
    for e in doc.entities:
        if e.start <= hpos < e.end:
            ent_id = e.entity_id
            break
    if ent_id is None:
        inside = [e for e in doc.entities if start <= e.start and e.end <= end]
        if len(inside) == 1:
            ent_id = inside[0].entity_id
    if ent_id is None and head.pos_ == "PRON":
        ent_id = antecedent_id(doc, head)
    return EntitySpan(start=start, end=end, text=doc.text[start:end], entity_id=ent_id)


PRONOUN_LABELS = {
    "he": ("PERSON",), "him": ("PERSON",), "his": ("PERSON",), "she": ("PERSON",), "her": ("PERSON",),
    "it": ("ORG", "GPE"), "its": ("ORG", "GPE"),
}


def antecedent_id(doc: Document, pron: Token) -> str | None:
    """Entity id for 'he'/'she'/'it': the nearest earlier entity of a fitting kind within the last two sentences.
    The span stays the pronoun (evidence in the clause); only the identity is linked."""
    labels = PRONOUN_LABELS.get(pron.lower_)
    if labels is None:
        return None
    sent = pron.sent
    prev = pron.doc[sent.start - 1].sent if sent.start > 0 else sent
    lo = prev.start_char
    cands = [e for e in doc.entities if lo <= e.start < pron.idx and e.label in labels]
    return cands[-1].entity_id if cands else None


def _trigger_span(doc: Document, c: Candidate) -> Span:
    tok = c.token
    start, end = tok.idx, tok.idx + len(tok.text)
    if c.start_tok is not None:
        start = c.start_tok.idx
    if c.support is not None and c.support.i < tok.i:  # 'launched an attack'; not 'the mobilization was announced'
        start = min(start, c.support.idx)
        if end - start > 60:  # keep the trigger readable: the noun alone when the support verb is far
            start = c.start_tok.idx if c.start_tok is not None else tok.idx
    else:
        prt = next((x for x in tok.children if x.dep_ == "prt" and x.i == tok.i + 1), None)
        if prt is not None:
            end = prt.idx + len(prt.text)
    return doc.span(start, end)


VIOLENT_MODIFIERS = frozenset({"violently", "brutally", "violent", "brutal", "bloody", "deadly", "lethal", "forcibly"})


def _head_in(tok: Token | None, words: frozenset[str]) -> bool:
    return tok is not None and bool(set(keys(semantic_head(tok))) & words)


def crowd_rules(c: Candidate, actor: Token | None, recip: Token | None, lex: Lexicon) -> list[Candidate]:
    """PLOVER's protest conventions, applied once roles are known.

    - A demand voiced by protesters is the protest itself (the manual: the protest topic is not a REQUEST).
    - Police dispersing or attacking demonstrators also tells us a demonstration took place.
    - Repression done violently ('violently suppressed', 'brutal crackdown') is ASSAULT, not COERCE.
    """
    protesters = lex.cls("protester")
    if c.type in ("REQUEST", "REJECT") and _head_in(actor, protesters):
        c.type, c.mode = "PROTEST", "demo"
    if c.type == "ASSAULT" and _head_in(actor, lex.cls("demonstrator")):  # 'rioters torched cars': a riot
        c.type, c.mode = "PROTEST", "riot"
    if c.type == "COERCE" and c.mode == "restrict":
        anchor = c.support if c.support is not None else c.token
        mods = {x.lower_ for x in anchor.children if x.dep_ in ("advmod", "amod")}
        mods |= {x.lower_ for x in c.token.children if x.dep_ == "amod"}
        if mods & VIOLENT_MODIFIERS:
            c.type, c.mode = "ASSAULT", None
    out = [c]
    if c.type in ("COERCE", "ASSAULT") and not c.negated and _head_in(recip, lex.cls("demonstrator")):
        out.append(Candidate(semantic_head(recip), "PROTEST", "demo", "strong", "noun", actor_tok=recip))
    return out


LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into", "on", "throughout",
                            "within", "along", "over", "off", "towards", "toward", "to", "from", "through", "onto",
                            "between", "north", "south", "east", "west"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "AID", "SANCTION"})


def _is_locative(tok: Token) -> bool:
    """Does a place name stand where a location goes ('in Kharkiv', 'near the border of X')?"""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE_PREPS:
            return True
        if (cur.dep_ in ("compound", "conj", "appos", "pobj", "npadvmod") or (cur.dep_ == "prep" and cur.lower_ == "of")) \
                and cur.head.i != cur.i:
            cur = cur.head
            continue
        return cur.dep_ == "npadvmod"
    return False


def pick_place(parsed: Any, place_starts: list[int | None], clause: set[int], c: Candidate,
               recip: Token | None) -> int | None:
    """The toponym governed in the event's clause that names where it happened: one in a locative phrase,
    or the target of a material event ('shelled Kharkiv'); never the party of a verbal one ('accused Moscow')."""
    target = set(range(recip.left_edge.i, recip.right_edge.i + 1)) if recip is not None else set()
    best, best_d = None, None
    for n, ti in enumerate(place_starts):
        if ti is None or ti not in clause:
            continue
        tok = parsed[ti]
        if not (_is_locative(tok) or (c.type in MATERIAL_TYPES and ti in target)):
            continue
        d = abs(ti - c.token.i)
        if best_d is None or d < best_d:
            best, best_d = n, d
    return best


def build_event(doc: Document, parsed: Any, c: Candidate, lex: Lexicon, n: int,
                actor: Token | None, recip: Token | None, starts: dict[str, list[int | None]]) -> Event:
    anchor = c.support if c.support is not None else c.token
    clause = event_clause(anchor)
    sent = c.token.sent
    trig = _trigger_span(doc, c)
    place = pick_place(parsed, starts["places"], clause, c, recip)
    times = [(t.start, t.end) for t in doc.times]
    time = pick_in_clause(starts["times"], clause, c.token.i)
    if time is None:
        time = pick_in_range(times, sent.start_char, sent.end_char, trig.start)
    date, precision = event_date(doc, time)
    people = lex.cls("person") | lex.cls("civilian") | lex.cls("military") | lex.cls("crowd")
    return Event(
        id=f"v{n}", type=c.type, mode=c.mode, trigger=trig,
        actor=_entity_span(doc, actor), recipient=_entity_span(doc, recip),
        place=place, time=time, date=date, date_precision=precision,
        sentence=SentenceRef(start=sent.start_char, end=sent.end_char),
        attribution=attribution_of(doc.attributions, trig.start), negated=c.negated,
        quantity=event_quantity(c.token, recip, frozenset(people)),
    )


ENGLISH_FUNCTION_WORDS = frozenset({"the", "of", "to", "and", "a", "in", "on", "for", "with", "by", "was", "were",
                                    "has", "have", "had", "is", "are", "said", "that", "from", "at", "an", "its", "their"})


def looks_english(parsed: Any) -> bool:
    """A second opinion when the language detector says 'not English': short texts full of unfamiliar names
    ('Oskor donated vaccines to Tolvan') fool it, while English function words do not lie."""
    words = [t.lower_ for t in parsed if t.is_alpha]
    if not words:
        return False
    return sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= 0.12


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    if parsed is None or not parsed.has_annotation("DEP"):
        return
    if doc.language and not doc.language.lower().startswith("en") and not looks_english(parsed):
        return  # the trigger lexicons are English: on other languages they would only produce false events
    lex: Lexicon = ctx.resource("events.plover_lexicon", load_lexicon)
    allowed = RangeIndex(extractable_ranges(doc))
    events: list[Event] = []
    starts = {"places": token_starts(parsed, [(p.start, p.end) for p in doc.places]),
              "times": token_starts(parsed, [(t.start, t.end) for t in doc.times])}
    for sent in parsed.sents:
        if not sent.text.strip():
            continue
        cands = sentence_candidates(sent, lex, allowed)
        requests = obligation_requests(sent, lex, allowed)
        if requests:
            ids = {c.token.i for c in requests}
            cands = [c for c in cands if c.token.i not in ids] + requests
        if not cands:
            continue
        done: set[tuple[str, int]] = set()
        for c in select_events(cands, lex):
            actor, recip = roles(c, lex)
            for ev in crowd_rules(c, actor, recip, lex):
                if (ev.type, ev.token.i) in done:
                    continue
                done.add((ev.type, ev.token.i))
                a, r = (actor, recip) if ev is c else roles(ev, lex)
                ev.mode = refine_mode(ev, lex)
                events.append(build_event(doc, parsed, ev, lex, len(events) + 1, a, r, starts))
    doc.events = events
