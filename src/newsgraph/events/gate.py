"""The no-event gate: conflict verbs whose parties are businesses, products or sport are no political event.

'The retailer launched an aggressive attack on the discount market', 'the tech giant captured a third of the
cloud market', 'the striker shot his team into the final': the trigger and its frame hold, but PLOVER codes
political actors. This is a selectional restriction on the event's arguments (lexicon classes ``commerce``,
``sport``, ``culture``, ``commerce_mod``, ``notpolitical``), not a list of sentences: a material-conflict event
is dropped when its actor is out of the political domain; when its target, or the phrase saying how or what
for ('with lower prices', 'into the final', 'for the final scene'), is, it is kept only if the actor is a
clear political or armed party. A nominal event as the predicate of a thing ('the album is an attack on the
music industry') is a metaphor and is dropped too (``is_metaphor``).
"""

from __future__ import annotations

from newsgraph.events.instruments import is_instrument
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.syntax import Token, keys, prep_objects, semantic_head
from newsgraph.events.triggers import Candidate, is_agentive

GATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN"})
POLITICAL_ENTS = frozenset({"GPE", "NORP"})


def _words(tok: Token) -> set[str]:
    return set(keys(semantic_head(tok)))


def out_of_domain_party(tok: Token | None, lex: Lexicon) -> bool:
    """A business, product, market or sport noun ('the retailer', 'a third of the cloud market', 'the final')."""
    if tok is None or tok.ent_type_ in POLITICAL_ENTS:
        return False
    head = semantic_head(tok)
    if head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:  # 'Tech' in 'Tech stocks'
        head = head.head
    out_words = lex.cls("commerce") | lex.cls("sport") | lex.cls("culture")
    mods = {w for c in head.children if c.dep_ in ("compound", "nmod") for w in keys(c)}
    if (_words(head) | mods) & out_words:  # 'the retailer', 'the film crew', 'the music industry'
        return True
    if _words(head) & lex.cls("notpolitical") and any(  # 'her side', 'the home team'
            (c.dep_ == "poss" and c.lower_ in ("his", "her", "their")) or c.lower_ in ("home", "away", "visiting")
            for c in head.children):
        return True
    if head.lemma_.lower() == "market":  # 'the cloud market', not 'a market in Aleppo'
        mods = {w for c in head.children if c.dep_ in ("compound", "amod", "nmod") for w in keys(c)}
        return bool(mods & lex.cls("commerce_mod"))
    return False


def political_party(tok: Token | None, lex: Lexicon) -> bool:
    """A clearly political or armed party, which keeps an event even next to a business word."""
    if tok is None:
        return False
    head = semantic_head(tok)
    if head.ent_type_ in POLITICAL_ENTS:
        return True
    words = _words(head)
    if words & lex.cls("notpolitical"):  # 'his team', 'the home side': sport and business bodies
        return False
    return bool(words & (lex.cls("military") | lex.cls("group"))) and not out_of_domain_party(head, lex)


def passes_gate(c: Candidate, actor: Token | None, recip: Token | None, lex: Lexicon) -> bool:
    """False for a conflict event whose actor or target is out of the political domain."""
    if c.type not in GATED_TYPES:
        return True
    anchor = c.support if c.support is not None else c.token
    means = [p for h in {anchor.i: anchor, c.token.i: c.token}.values()
             for _, p in prep_objects(h, ("with", "into", "in", "for"))]
    if any(out_of_domain_party(p, lex) for p in means) and not political_party(actor, lex):
        return False  # 'attacked the market with lower prices', 'shot his side into the final'
    if out_of_domain_party(actor, lex):
        return False  # 'the carmaker ... fight off Chinese rivals': a business or team does not attack
    if out_of_domain_party(recip, lex):
        return political_party(actor, lex)
    return True


def is_metaphor(noun: Token, lex: Lexicon) -> bool:
    """'The chef's new menu is a full assault on the senses': an event noun predicated of a thing (a copula's
    complement whose subject is no party and no weapon) names no event."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return False
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and not is_agentive(semantic_head(subj), lex) and not is_instrument(subj, lex) \
        and subj.lower_ not in ("it", "this", "that", "which")
