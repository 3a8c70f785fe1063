"""The no-event gate: conflict verbs whose parties are businesses, products or sport are no political event.

'The retailer launched an aggressive attack on the discount market', 'the tech giant captured a third of the
cloud market', 'the striker shot his team into the final': the trigger and its frame hold, but PLOVER codes
political actors. This is a selectional restriction on the event's arguments (lexicon classes ``commerce``,
``sport``, ``commerce_mod``), not a list of sentences: a material-conflict event is dropped when its actor or
its target (or the phrase saying how or where it happened: 'with lower prices', 'into the final') is out of the
political domain, and kept when the other party is a clear political or armed one.
"""

from __future__ import annotations

from newsgraph.events.lexicon import Lexicon
from newsgraph.events.syntax import Token, keys, prep_objects, semantic_head
from newsgraph.events.triggers import Candidate

GATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN"})
POLITICAL_ENTS = frozenset({"GPE", "NORP"})


def _words(tok: Token) -> set[str]:
    return set(keys(semantic_head(tok)))


def out_of_domain_party(tok: Token | None, lex: Lexicon) -> bool:
    """A business, product, market or sport noun ('the retailer', 'a third of the cloud market', 'the final')."""
    if tok is None or tok.ent_type_ in POLITICAL_ENTS:
        return False
    head = semantic_head(tok)
    if _words(head) & (lex.cls("commerce") | lex.cls("sport")):
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
             for _, p in prep_objects(h, ("with", "into", "in"))]
    if any(out_of_domain_party(p, lex) for p in means) and not political_party(actor, lex):
        return False  # 'attacked the market with lower prices', 'shot his side into the final'
    bad = [t for t in (actor, recip) if out_of_domain_party(t, lex)]
    if not bad:
        return True
    others = [t for t in (actor, recip) if t is not None and t not in bad]
    return any(political_party(t, lex) for t in others)
