"""Actor and recipient of an event from syntactic roles, within the trigger's own clause.

Active verbs: subject -> actor, object (or 'against/on/at/with/to' object) -> recipient. Passives: 'X was
attacked by Y' -> actor Y, recipient X. Nominal events: the support verb's subject, else the owner ('Israel's
offensive', 'an attack by rebels', 'Israeli airstrike') -> actor; 'on/against' objects -> recipient.
Pronoun subjects of reported speech take the speaker ('Syria says it will withdraw' -> Syria).
"""

from __future__ import annotations

from newsgraph.events.lexicon import Lexicon
from newsgraph.events.syntax import (
    OBJ_DEPS,
    PASS_SUBJ_DEPS,
    Token,
    agent,
    first_child,
    is_passive,
    keys,
    prep_objects,
    semantic_head,
    verb_subject,
)
from newsgraph.events.triggers import Candidate

TARGET_PREPS = ("against", "on", "upon", "at", "with", "to", "into", "toward", "towards", "from", "between")
NOUN_TARGET_PREPS = ("on", "against", "upon", "at", "targeting", "with", "between", "to", "in")
UNDERGOER_SUPPORT = frozenset({"come", "suffer", "face", "endure", "sustain"})
OWNER_OF_TYPES = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONSULT", "REQUEST", "AGREE"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "them", "this"})


def _owner(noun: Token) -> Token | None:
    """Who a nominal belongs to: 'North Korea's demand', 'a U.S. request', 'calls by Annan'."""
    poss = first_child(noun, ("poss",))
    if poss is not None:
        return poss
    for _prep, pobj in prep_objects(noun, ("by", "from")):
        return pobj
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and (c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                                                                        or c.pos_ == "PROPN"):
            return c
    return None


def _is_event_noun(tok: Token, lex: Lexicon) -> bool:
    return any(k in lex.nouns or k in lex.cls("proposal") for k in keys(tok))


def _say_speaker(verb: Token, lex: Lexicon) -> Token | None:
    """'Syria says it will withdraw': the speaker of the clause embedding ``verb`` (for pronoun subjects)."""
    cur = verb
    for _ in range(4):
        if cur.dep_ in ("ccomp", "xcomp", "conj") and cur.head is not cur:
            cur = cur.head
            if set(keys(cur)) & lex.cls("say") or cur.lemma_.lower() in ("say", "announce", "tell"):
                return verb_subject(cur)
        else:
            break
    return None


def resolve_pronoun(tok: Token | None, verb: Token, lex: Lexicon) -> Token | None:
    if tok is None or tok.lower_ not in PRONOUNS:
        return tok
    speaker = _say_speaker(verb, lex)
    if speaker is not None and speaker.lower_ not in PRONOUNS:
        return speaker
    return tok


def verb_roles(c: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None]:
    tok = c.token
    if is_passive(tok):
        actor = agent(tok)
        subj = first_child(tok, PASS_SUBJ_DEPS)
        recip = semantic_head(subj) if subj is not None else None
        if recip is not None and recip.lower_ in ("who", "which", "that") and tok.dep_ in ("relcl", "acl"):
            recip = tok.head
        if recip is None and tok.dep_ == "acl":  # 'refugees held in camps', 'activists detained by police'
            recip = tok.head
        return actor, recip
    actor = resolve_pronoun(verb_subject(tok), tok, lex)
    return actor, verb_recipient(tok, c, lex)


def verb_recipient(tok: Token, c: Candidate, lex: Lexicon) -> Token | None:
    obj = first_child(tok, OBJ_DEPS)
    if obj is not None:
        obj = semantic_head(obj)
        if obj.pos_ == "PRON" and obj.lower_ in ("themselves", "himself", "herself", "itself"):
            obj = None
    if obj is not None and not (c.frame in ("content", "modal") and _is_event_noun(obj, lex)):
        return obj
    if obj is not None:  # 'rejected North Korea's demand' -> North Korea; else the demand itself
        owner = _owner(obj)
        return owner if owner is not None else obj
    for prep in TARGET_PREPS:
        for p, pobj in prep_objects(tok, (prep,)):
            if p == prep:
                return pobj
    # content verbs: 'demanded that X end ...', 'threatened to cut power to X'
    for comp in (x for x in tok.children if x.dep_ in ("ccomp", "xcomp")):
        subj = first_child(comp, ("nsubj", "nsubjpass"))
        if subj is not None and comp.dep_ == "ccomp":
            return semantic_head(subj)
        cobj = first_child(comp, OBJ_DEPS)
        if cobj is not None:
            return semantic_head(cobj)
        for _, pobj in prep_objects(comp, TARGET_PREPS):
            return pobj
    return None


def noun_roles(c: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None]:
    noun = c.token
    actor: Token | None = None
    recip: Token | None = None
    sup = c.support
    if sup is not None:
        if sup.lemma_.lower() in UNDERGOER_SUPPORT:
            recip = verb_subject(sup)
        elif is_passive(sup):
            actor = agent(sup)
        else:
            actor = resolve_pronoun(verb_subject(sup), sup, lex)
    if actor is None:
        actor = _owner(noun)
    for _p, pobj in prep_objects(noun, ("of",)):
        if c.type in OWNER_OF_TYPES and actor is None:
            actor = pobj
        elif recip is None and c.type not in OWNER_OF_TYPES:
            recip = pobj
    if recip is None:
        for prep in NOUN_TARGET_PREPS:
            found = [pobj for p, pobj in prep_objects(noun, (prep,))]
            if found and not (prep == "in" and found[0].ent_type_ in ("GPE", "LOC", "FAC", "DATE")):
                recip = found[0]
                break
    if recip is None and sup is not None and sup.lemma_.lower() not in UNDERGOER_SUPPORT:
        for _, pobj in prep_objects(sup, ("with", "against", "on", "upon", "to")):
            recip = pobj
            break
    return actor, recip


def roles(c: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None]:
    actor, recip = verb_roles(c, lex) if c.kind == "verb" else noun_roles(c, lex)
    if actor is not None and recip is not None and actor.i == recip.i:
        recip = None
    return actor, recip
