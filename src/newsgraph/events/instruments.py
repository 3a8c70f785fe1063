"""Instruments: the weapon, munition or vehicle an event was carried out with, kept apart from its actor.

Wire copy makes the weapon the grammatical subject ('a drone hit a depot', 'a landmine killed two shepherds',
'helicopter gunships pounded positions') or the passive agent ('killed by a roadside bomb'). Coders name the
party behind it, so the weapon goes to ``Event.instrument`` and the actor becomes the party that owns or used
it: a nationality or group modifying it ('Russian missiles', 'government warplanes'), its possessor ('Israel's
drones'), an 'of' phrase ('gunships of the army') or the agent of a participle on it ('a bomb planted by X').
With no such party the actor stays empty rather than wrong. The test is the noun's semantic class (lexicon class
``instrument`` plus weapon/vehicle suffixes such as -craft, -plane, -copter), never a list of known sentences.
"""

from __future__ import annotations

from newsgraph.events.lexicon import Lexicon
from newsgraph.events.syntax import Token, agent, first_child, keys, prep_objects

INSTRUMENT_SUFFIXES = ("craft", "plane", "copter", "bomb", "launcher", "missile", "rocket", "gun")
OWNER_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
PARTY_MOD_DEPS = frozenset({"amod", "compound", "nmod"})


def is_instrument(tok: Token | None, lex: Lexicon) -> bool:
    """Is this noun a weapon, munition or vehicle (a thing used), not a party? Named entities never are."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN", "ADJ") or tok.ent_type_ in OWNER_ENTS:
        return False
    if tok.pos_ == "PROPN" and not tok.text.islower():
        return False
    words = set(keys(tok)) | {p for p in tok.lower_.split("-") if p}
    if words & lex.cls("instrument"):
        return True
    return any(w.endswith(INSTRUMENT_SUFFIXES) and len(w) > 5 for w in words)


def _party_modifier(tok: Token, lex: Lexicon) -> Token | None:
    """'Russian missiles', 'government warplanes', 'rebel drones': a party word modifying the instrument.
    Type words ('fighter jets', 'Grad rockets', 'homemade mines') are no party: a proper-noun modifier must be
    a named group, nation or person."""
    party_words = lex.cls("group", "owner")
    for c in tok.children:
        if c.dep_ not in PARTY_MOD_DEPS or c.i > tok.i:
            continue
        if c.ent_type_ in OWNER_ENTS:
            return c
        if c.lower_ in ("led", "backed"):  # 'Saudi-led coalition warplanes' (split as Saudi / - / led)
            leader = next((x for x in c.children if x.dep_ in ("npadvmod", "compound", "nmod")), None)
            if leader is not None:
                return leader
        if set(keys(c)) & party_words and not is_instrument(c, lex):
            return c
    return None


def instrument_owner(tok: Token, lex: Lexicon) -> Token | None:
    """The party that owns or used an instrument, from its own phrase; None when the text names none."""
    poss = first_child(tok, ("poss",))
    if poss is not None and poss.lower_ not in ("its", "their", "his", "her"):
        return poss
    mod = _party_modifier(tok, lex)
    if mod is not None:
        return mod
    for _prep, pobj in prep_objects(tok, ("of", "from")):
        if not is_instrument(pobj, lex):
            return pobj
    for c in tok.children:  # 'a drone belonging to the army'
        if c.dep_ == "acl" and c.lemma_.lower() == "belong":
            owner = next((p for _, p in prep_objects(c, ("to",))), None)
            if owner is not None:
                return owner
    for c in tok.children:  # 'a bomb planted by militants', 'drones launched by the rebels'
        if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN":
            who = agent(c)
            if who is not None and not is_instrument(who, lex):
                return who
    compound = next((c for c in tok.children if c.dep_ == "compound" and c.i < tok.i), None)
    if compound is not None and is_instrument(compound, lex):  # 'helicopter gunships of the army'
        return instrument_owner(compound, lex)
    return None


def with_instrument(verb: Token, lex: Lexicon) -> Token | None:
    """'attacked the patrol with rocket-propelled grenades', 'hit the post with rockets' -> the weapon."""
    for _prep, pobj in prep_objects(verb, ("with", "using")):
        if is_instrument(pobj, lex):
            return pobj
    return None


def split_instrument(actor: Token | None, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """(actor, instrument): an instrument-headed actor gives way to its owner (or to nobody)."""
    if actor is None or not is_instrument(actor, lex):
        return actor, None
    return instrument_owner(actor, lex), actor
