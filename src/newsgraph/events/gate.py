"""The no-event gate: conflict verbs whose parties are businesses, products or sport are no political event.

'The retailer launched an aggressive attack on the discount market', 'the tech giant captured a third of the
cloud market', 'the striker shot his team into the final': the trigger and its frame hold, but PLOVER codes
political actors. This is a selectional restriction on the event's arguments (lexicon classes ``commerce``,
``sport``, ``culture``, ``commerce_mod``, ``notpolitical``), not a list of sentences: a material-conflict event
is dropped when its actor is out of the political domain; when its target, or the phrase saying how or what
for ('with lower prices', 'into the final', 'for the final scene'), is, it is kept only if the actor is a
clear political or armed party. A nominal event as the predicate of a thing ('the album is an attack on the
music industry') is a metaphor and is dropped too (``is_metaphor``).

Round three adds two restrictions of the same kind. A conflict event needs a party as its doer: an actor that is
neither a person, group, state or crowd (``is_agentive``), nor a weapon or vehicle, nor a place standing for its
government, is a thing or a force of nature ('Her forehand destroyed ...', 'Hailstones destroyed the vineyards',
'white blood cells attack the virus', 'the update kills the bug'), and the event is dropped
(``inanimate_actor``). And an assault or coercion on an abstraction ('attacked the budget figures', 'fighting a
rise in infections', 'seized the chance') is no event unless a clear political or armed party does it
(``abstract_target``).
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
    out_words = lex.cls("commerce", "sport", "culture")
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
    return bool(words & (lex.cls("military", "group"))) and not out_of_domain_party(head, lex)


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
    hazard = actor is not None and bool(_words(semantic_head(actor)) & lex.cls("hazard"))
    if c.token.pos_ == "VERB" and inanimate_actor(actor, lex) and (c.type != "COERCE" or hazard):
        return False  # 'A crane collapsed ..., injuring five workers', 'the bacteria attack the roots'
    if out_of_domain_party(recip, lex):
        return political_party(actor, lex)
    # 'Bond traders attacked the new budget figures', 'Doctors are fighting a rise in ...'; a protest's target is
    # often an idea ('against political change'), so only material conflict is restricted this way
    return c.type not in ("ASSAULT", "COERCE", "THREATEN") or not abstract_target(recip, lex) \
        or political_party(actor, lex)


PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})
PARTY_SUFFIXES = ("er", "ier", "it", "ant", "ent", "ee", "man", "men", "ary", "ite")
ABSTRACT_SUFFIXES = ("ity", "ness", "tion", "sion", "ment", "ance", "ence", "ism", "ship", "hood", "ure")


def inanimate_actor(tok: Token | None, lex: Lexicon) -> bool:
    """An actor that cannot be a party: no person, group, state, crowd, weapon, vehicle or named place. With
    coordinated actors ('Resistance and national army forces') one party among them is enough."""
    if tok is None:
        return False
    head = semantic_head(tok)
    return all(_thing(t, lex) for t in (head, *head.conjuncts))


def _thing(head: Token, lex: Lexicon) -> bool:
    """Is this noun (one conjunct of an actor) a thing or a force rather than a possible party?"""
    if head.ent_type_ in PLACE_ENTS or head.pos_ in ("PRON", "PROPN", "NUM", "ADJ"):
        return False  # 'Israel', 'they', 'Hamas', 'Three' (a number-headed party), 'Russian'
    if any(c.dep_ == "nummod" for c in head.children):
        return False  # 'Four female kamikazes': counted individuals
    if is_agentive(head, lex) or is_instrument(head, lex) or political_party(head, lex):
        return False
    if head.lemma_.lower().endswith(PARTY_SUFFIXES):
        return False  # 'the occupiers', 'militants', 'insurgents', 'looters': people named by what they do
    words = _words(head)
    party_words = lex.cls("weapon", "territory", "target", "crowd", "protester", "demonstrator")
    if words & party_words:
        return False  # 'the capital' for its government, 'the crowd', 'a bomb'
    if any(c.ent_type_ in PLACE_ENTS or c.pos_ == "PROPN" for c in head.subtree):
        return False  # 'the ministry of Defence', 'the Wagner unit': a named body
    return head.pos_ == "NOUN"


def abstract_target(tok: Token | None, lex: Lexicon) -> bool:
    """A target that is an idea, a quantity or a chance, not a person, place, building or thing one can harm."""
    if tok is None:
        return False
    head = semantic_head(tok)
    if head.pos_ != "NOUN" or head.ent_type_ or is_agentive(head, lex):
        return False
    if any(c.ent_type_ in PLACE_ENTS or c.pos_ == "PROPN" for c in head.subtree):
        return False
    words = _words(head)
    if words & (lex.cls("territory", "target", "civilian", "weapon")):
        return False
    lemma = head.lemma_.lower()
    return bool(words & lex.cls("abstract")) or (lemma.endswith(ABSTRACT_SUFFIXES) and len(lemma) > 6)


def is_metaphor(noun: Token, lex: Lexicon) -> bool:
    """'The chef's new menu is a full assault on the senses': an event noun predicated of a thing (a copula's
    complement whose subject is no party and no weapon) names no event."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return False
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and not is_agentive(semantic_head(subj), lex) and not is_instrument(subj, lex) \
        and subj.lower_ not in ("it", "this", "that", "which")
