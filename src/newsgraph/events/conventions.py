"""PLOVER's protest conventions, applied once an event's roles are known."""

from __future__ import annotations

from newsgraph.events.lexicon import Lexicon
from newsgraph.events.syntax import Token, keys, semantic_head
from newsgraph.events.triggers import Candidate

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
    if c.type == "COOPERATE" and c.kind == "noun" and is_solo_exercise(c, actor):
        c.type, c.mode = "MOBILIZE", None
    out = [c]
    if c.type in ("COERCE", "ASSAULT") and not c.negated and _head_in(recip, lex.cls("demonstrator")):
        out.append(Candidate(semantic_head(recip), "PROTEST", "demo", "strong", "noun", actor_tok=recip))
    return out


EXERCISE_NOUNS = frozenset({"exercise", "drill", "game", "maneuver", "manoeuvre", "patrol", "wargame"})
JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational", "coordinated", "both", "two"})


def is_solo_exercise(c: Candidate, actor: Token | None) -> bool:
    """War games or drills held by one party alone are a show of force (MOBILIZE); COOPERATE needs partners,
    named jointly ('joint drills') or as a compound actor ('French and Egyptian warships')."""
    if c.token.lemma_.lower() not in EXERCISE_NOUNS:
        return False
    if {w for x in c.token.children for w in keys(x)} & JOINT_WORDS:
        return False
    if any(p.lower_ == "with" for p in c.token.children) or (
            c.support is not None and any(p.lower_ == "with" for p in c.support.children)):
        return False
    if actor is None:
        return False
    return not any(x.dep_ == "conj" or x.lower_ in JOINT_WORDS for x in actor.subtree)


def armed_raid(c: Candidate, instrument: Token | None, lex: Lexicon) -> None:
    """A raid carried out with aircraft or heavy weapons ('warplanes waged 12 raids on X') is an air or armed
    attack (ASSAULT), not a police search (COERCE seize)."""
    if c.type == "COERCE" and c.mode == "seize" and instrument is not None:
        c.type, c.mode = "ASSAULT", None
