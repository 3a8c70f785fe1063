"""Events: PLOVER event coding, clause by clause, from verb and noun triggers over the one dependency parse.

Requires segments, entities, places, times and attributions (any of them may be empty); assigns ``events``.
For each sentence of body/headline text: match triggers (``lexicons/plover_verbs.tsv``, ``plover_nouns.tsv``),
drop events that are only the content of another ('threatened to attack' is one THREATEN), apply PLOVER's
modality rules (futures, promises, hedges, negation), then fill actor/recipient from syntactic roles (a weapon or vehicle goes to ``instrument``) and link
place, time, date, attribution and quantity from the trigger's own clause. Precision first: an event needs a
trigger and a frame that holds in one clause; we do not guess types from sentence topic.
"""

from __future__ import annotations

from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Event, SentenceRef, Span
from newsgraph.events.conventions import armed_raid, crowd_rules
from newsgraph.events.fields import (
    attribution_of,
    entity_span,
    event_date,
    event_quantity,
    in_apposition,
    instrument_span,
    pick_in_clause,
    pick_in_range,
    pick_place,
    time_tokens,
    token_starts,
)
from newsgraph.events.gate import passes_gate
from newsgraph.events.lexicon import Lexicon, load_lexicon
from newsgraph.events.modality import refine_mode
from newsgraph.events.roles import arguments
from newsgraph.events.select import obligation_requests, select_events, sentence_candidates
from newsgraph.events.syntax import Token, event_clause
from newsgraph.events.triggers import Candidate
from newsgraph.geo.event_place import event_place, role_tokens
from newsgraph.spans import RangeIndex, extractable_ranges


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


def build_event(doc: Document, parsed: Any, c: Candidate, lex: Lexicon, n: int,
                actor: Token | None, recip: Token | None, starts: dict[str, list],
                instrument: Token | None = None) -> Event:
    anchor = c.support if c.support is not None else c.token
    clause = event_clause(anchor)
    sent = c.token.sent
    trig = _trigger_span(doc, c)
    place, place_source = event_place(doc, parsed, starts["places"], pick_place(parsed, starts["places"], clause, c, recip),
                                      sent, c.token.i, role_tokens(actor, recip))
    times = starts["time_spans"]
    time = pick_in_clause(starts["times"], time_tokens(clause, starts["times"], parsed, c.token), c.token.i)
    if time is None:
        time = pick_in_range(times, sent.start_char, sent.end_char, trig.start)
        first = starts["times"][time] if time is not None else None
        if first is not None and in_apposition(parsed[first], c.token):
            time = None
    date, precision = event_date(doc, time)
    people = lex.cls("person", "civilian", "military", "crowd")
    return Event(
        id=f"v{n}", type=c.type, mode=c.mode, trigger=trig,
        actor=entity_span(doc, actor), recipient=entity_span(doc, recip), instrument=instrument_span(doc, instrument),
        place=place, place_source=place_source, time=time, date=date, date_precision=precision,
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
              "times": token_starts(parsed, [(t.start, t.end) for t in doc.times]),
              "time_spans": [(t.start, t.end) for t in doc.times]}  # once per document, not per event
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
            actor, recip, instr = arguments(c, lex)
            if not passes_gate(c, actor, recip, lex):
                continue
            armed_raid(c, instr, lex)
            for ev in crowd_rules(c, actor, recip, lex):
                if (ev.type, ev.token.i) in done:
                    continue
                done.add((ev.type, ev.token.i))
                a, r, i = (actor, recip, instr) if ev is c else arguments(ev, lex)
                ev.mode = refine_mode(ev, lex)
                events.append(build_event(doc, parsed, ev, lex, len(events) + 1, a, r, starts, i))
    doc.events = events
