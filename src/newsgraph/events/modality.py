"""PLOVER modality: complements, promises, futures, hedges, negation and the harm check.

- Content: the events a verbal event is about are not separate events ('threatened to cut power' is one
  THREATEN; 'accused X of violating the ceasefire' is one ACCUSE; 'rejected a request' is a REJECT).
- Promises and futures: a future cooperative event is AGREE, a future material conflict is THREATEN
  ('will withdraw' -> AGREE, 'vowed to fight' -> THREATEN), as the PLOVER manual asks.
- Negation: 'did not attack' is marked negated; 'would not accept' is a REJECT; a called-off visit is negated,
  and a passive 'was never signed' says the signing did not happen (negated), not that someone refused.
- Harm verbs (kill, injure, destroy) need a perpetrator that is not a disaster, accident or illness.
"""

from __future__ import annotations

from newsgraph.events.lexicon import COOPERATIVE, MATERIAL_CONFLICT, Lexicon
from newsgraph.events.syntax import (
    OBJ_DEPS,
    Token,
    agent,
    aux_words,
    has_neg,
    is_passive,
    is_reduced_passive,
    keys,
    prep_objects,
    semantic_head,
    sentence_keys,
    verb_subject,
)
from newsgraph.events.triggers import Candidate

CONTENT_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "dobj", "obj", "advcl", "relcl", "attr",
                          "nsubjpass", "acomp", "oprd"})
CONTENT_PREPS = frozenset({"of", "for", "to", "about", "over", "against", "into", "with", "on", "from"})
THREAT_MODES = {
    "ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "MOBILIZE": "violence",
    "PROTEST": "restrict",
}
THREAT_MODE_BY_MODE = {"arrest": "arrest", "expel": "expel", "deport": "expel", "withdraw": "relations",
                       "discontinue": "relations"}


def threat_mode(content: Candidate | None) -> str | None:
    if content is None:
        return None
    if content.mode in THREAT_MODE_BY_MODE:
        return THREAT_MODE_BY_MODE[content.mode]
    return THREAT_MODES.get(content.type)


def governor(c: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The event whose content ``c`` is, climbing complement/argument links up to the first plain verb."""
    cur = c.support if c.support is not None else c.token
    for _ in range(6):
        dep = cur.dep_
        head = cur.head
        if head.i == cur.i or dep not in CONTENT_DEPS:
            return None
        if dep == "advcl" and not any(x.dep_ == "aux" and x.lower_ == "to" for x in cur.children):
            outer = by_token.get(head.i)  # 'marched through the city demanding reforms': the march's demand
            if c.type == "REQUEST" and outer is not None and outer.type == "PROTEST":
                return outer
            return None  # only purpose clauses ('fired to disperse') are content; 'after X' clauses are not
        if dep == "relcl" and c.kind == "verb" and not any(x.lower_ == "to" and x.dep_ == "aux" for x in cur.children):
            return None  # 'the forces which attacked' is its own event; 'a call for forces to be deployed' is content
        if dep == "pobj" and head.lower_ not in CONTENT_PREPS and c.kind == "noun":
            return None
        if c.type == "REQUEST" and dep in ("advcl", "ccomp") and head.dep_ == "advcl":
            outer = by_token.get(head.head.i)  # 'staged rallies, saying he must resign': the protest's demand
            if outer is not None and outer.type == "PROTEST" and head.i not in by_token:
                return outer
        g = by_token.get(head.i)
        if g is not None and g is not c:
            if c.type == "REQUEST" and g.type == "PROTEST" and dep == "advcl":
                return g  # PLOVER: the demand of a protest is not a separate REQUEST
            if g.kind == "noun" or g.frame in ("content", "modal", "warn", "prepare"):
                return g
            if c.kind == "verb" and dep == "advcl":  # purpose: 'opened fire to disperse them'
                return g
            if c.kind == "verb" and dep == "xcomp" and g.kind == "verb" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in cur.children):
                return g  # 'summoned the ambassador to protest against ...': the purpose of the summons
            return None  # 'suppressed a protest': the protest happened too
        infinitive_acl = head.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in head.children)
        if head.pos_ in ("VERB", "AUX") and dep not in ("xcomp",) and head.dep_ not in ("xcomp", "ccomp", "pcomp") \
                and not infinitive_acl:  # 'an ultimatum to halt attacks' is content; 'troops halted attacks' is not
            return None  # a plain verb outside any complement: what it acts on is not anyone's content
        cur = head
    return None


def is_cancelled(noun: Token, lex: Lexicon) -> bool:
    """'The minister's visit was called off', 'cancelled the summit': the nominal event did not take place."""
    if noun.dep_ not in ("dobj", "obj", "nsubjpass"):
        return False
    verb = noun.head
    if set(keys(verb)) & lex.cls("cancel"):
        return True
    return verb.lemma_.lower() == "call" and any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == "off"
                                                   for c in verb.children)


def is_future(tok: Token, lex: Lexicon) -> bool:
    if aux_words(tok) & lex.cls("future"):
        return True
    head = tok.head
    if tok.dep_ == "xcomp":
        if head.lemma_.lower() in lex.cls("ready"):
            return True
        if head.lemma_.lower() == "go" and "be" in {c.lemma_ for c in head.children if c.dep_ == "aux"}:
            return True
    return False


def is_hedged(tok: Token, lex: Lexicon) -> bool:
    return bool(aux_words(tok) & lex.cls("hedge"))


CONDITION_MARKS = frozenset({"if", "unless", "until", "whether", "lest"})


def is_conditional(tok: Token) -> bool:
    """'until their demands are met', 'unless rebels fighting the army agree': inside a condition, so not
    something that happened."""
    cur = tok
    for _ in range(8):
        if any(x.dep_ == "mark" and x.lower_ in CONDITION_MARKS for x in cur.children):
            return True
        if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis"):
            break
        cur = cur.head
    return False


def apply_modality(c: Candidate, lex: Lexicon) -> Candidate | None:
    """Rewrite one surviving event's type for future / hedge / negation; None drops it."""
    tok = c.support if c.support is not None else c.token
    if is_conditional(tok):
        return None
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:  # 'aims to tighten sanctions and impose a blockade'
        first = first.head
    if first.dep_ == "xcomp" and set(keys(first.head)) & lex.cls("intend"):
        return None  # 'aims to impose', 'plans to build': an aim, not (yet) an event
    if first.dep_ == "xcomp" and c.type in COOPERATIVE and set(keys(first.head)) & lex.cls("attempt"):
        return None  # 'a team trying to broker a pact': the mediation has not (yet) happened
    if c.kind == "verb" or c.support is not None:
        c.negated = c.negated or has_neg(tok) or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "fail")
    lemmas = set(keys(c.token)) | (set(keys(c.support)) if c.support is not None else set())
    # 'X did not accept' is X refusing; 'the truce was never signed' only says it did not happen
    if c.negated and c.type in COOPERATIVE and lemmas & lex.cls("flip") and not is_passive(tok):
        c.type, c.mode, c.negated = "REJECT", None, False
        return c
    if is_future(tok, lex):
        if any(x.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in x.children)
               for x in tok.children) and c.type not in ("AGREE", "THREATEN", "REQUEST", "ACCUSE", "REJECT"):
            c.type, c.mode = "THREATEN", threat_mode(c)  # 'will withdraw its force unless ...': a conditional threat
        elif c.type in COOPERATIVE and c.type != "AGREE":
            c.type, c.mode = "AGREE", None
        elif c.type in MATERIAL_CONFLICT and c.type != "MOBILIZE":
            if is_passive(tok) and agent(tok) is None:
                return None  # 'the corridor will be destroyed': a prediction with nobody threatening
            c.mode = threat_mode(c)
            c.type = "THREATEN"
    elif is_hedged(tok, lex):
        if c.type in MATERIAL_CONFLICT:
            c.mode = threat_mode(c)
            c.type = "THREATEN"
        elif c.type in COOPERATIVE:
            return None
    return c


def resolve_modal(c: Candidate, contents: list[Candidate]) -> None:
    """Promise-like verbs: THREATEN if what is promised is conflict ('vowed to fight'), else AGREE."""
    conflict = [x for x in contents if x.type in MATERIAL_CONFLICT or x.type == "THREATEN"]
    if c.frame == "prepare":  # readying force is a posture short of using it
        force = [x for x in conflict if x.type == "ASSAULT"]
        heavy = any(x.mode in ("heavy-weapons", "explosives", "aerial", "drone") for x in force)
        c.type, c.mode = ("MOBILIZE", "weapons" if heavy else "troops") if force else ("NONE", None)
    elif c.frame == "warn":  # only a warning of what the warner will do is a threat, not a report of the past
        ahead = [x for x in conflict if any(a.lower_ in ("will", "would", "'ll", "shall") for a in x.token.children)
                 or x.token.dep_ == "xcomp"]
        c.type, c.mode = ("THREATEN", threat_mode(ahead[0])) if ahead else ("NONE", None)
    elif c.frame == "modal":
        if conflict:
            c.type, c.mode = "THREATEN", threat_mode(conflict[0])
        else:
            c.type = "AGREE"
    elif c.type == "THREATEN" and c.mode is None and conflict:
        c.mode = threat_mode(conflict[0])


def _noun_keys(tok: Token, compounds: bool) -> set[str]:
    """Keys of a noun, singular too ('Wildfires'), and with ``compounds`` those of the nouns compounded onto
    it ('a gas cylinder blast')."""
    out: set[str] = set()
    for t in (tok, *[c for c in tok.children if compounds and c.dep_ == "compound"]):
        for k in keys(t):
            out.add(k)
            if k.endswith("s") and len(k) > 3:
                out.add(k[:-1])
    return out


def _lemma_in(tok: Token | None, words: frozenset[str], compounds: bool = False) -> bool:
    return tok is not None and bool(_noun_keys(semantic_head(tok), compounds) & words)


def harm_has_perpetrator(c: Candidate, lex: Lexicon) -> bool:
    """'The quake killed 9' / 'killed in a crash' / 'died of cancer' are not events; 'gunmen killed 9' is."""
    tok = c.token
    disaster = lex.cls("disaster")
    armed = lex.cls("military", "weapon")
    passive = is_passive(tok) or is_reduced_passive(tok, lex.cls("reducible"))
    doer = agent(tok) if passive else verb_subject(tok)
    if doer is not None:  # the doer's head decides first ('an army truck crash' is an accident), then its
        if _lemma_in(doer, disaster) and not _lemma_in(doer, armed):  # compounds: 'a car bomb blast' is armed,
            return False  # 'a gas cylinder blast' is not
        if _lemma_in(doer, armed, compounds=True):
            return True
        if _lemma_in(doer, disaster, compounds=True):
            return False
    for _, pobj in prep_objects(tok, ("in", "by", "after", "from", "during", "when")):
        if _lemma_in(pobj, disaster) and not _lemma_in(pobj, armed):
            return False
    if doer is None:
        sent = tok.sent
        words = sentence_keys(sent)
        if words & disaster and not (words & armed):
            return False
        for t in sent:  # 'when their bus plunged off a bridge': a clause about a disaster cause
            if t.dep_ == "advcl" and t.head.i == tok.i:
                subj = verb_subject(t)
                if _lemma_in(subj, disaster) or set(keys(t)) & disaster:
                    return False  # '... when his light aircraft crashed into a field': the verb says accident
    return not (any(x.dep_ in OBJ_DEPS for x in tok.children) is False and doer is None and not passive)


ASSAULT_MODE_ORDER = ("suicide-attack", "unconventional", "crowd-control", "explosives", "aerial", "drone",
                      "heavy-weapons", "firearms", "primitive", "abduct", "torture", "sexual", "beat", "destroy")


def assault_mode(c: Candidate, lex: Lexicon) -> str | None:
    """How an assault was done, from weapon words in its clause ('suicide bombers', 'shelled', 'machetes')."""
    if c.mode in ("abduct", "torture", "sexual", "beat", "targeted", "suicide-attack", "unconventional"):
        return c.mode
    if c.token.lower_ in ("abused",) or (c.mode is None and c.token.lemma_ == "abuse"):
        return "sexual" if _sentence_words(c) & {"sexually", "sexual", "rape", "raped"} else c.mode
    anchor = c.support if c.support is not None else c.token
    sent = anchor.sent
    words = sentence_keys(sent)
    for mode in ASSAULT_MODE_ORDER:
        if words & lex.cls("mode:" + mode):
            return mode
    return c.mode


BACKGROUND_MARKS = frozenset({"after", "since", "when", "before", "because", "although", "though", "once", "whereas",
                              "where"})


def is_nonrestrictive(relcl: Token) -> bool:
    """'The prime minister, who survived an attempt on his life last year, said ...': a relative clause set off
    by a comma describes who someone is; it does not report the sentence's news."""
    first = min(t.i for t in relcl.subtree)
    return first > 0 and relcl.doc[first - 1].text == "," and relcl.head.i < first


def in_descriptive_clause(tok: Token) -> bool:
    """Inside a comma-set relative clause on a subject ('X, which boycotted the last election, ...'): description
    of the sentence's topic, never its event, even when the main clause reports none (a CAMEO coder codes the main clause)."""
    cur = tok
    for _ in range(12):
        if cur.dep_ == "relcl":  # on the clause's subject: who or what the sentence is about, not what happened
            return is_nonrestrictive(cur) and cur.head.dep_ in ("nsubj", "nsubjpass")
        if cur.dep_ == "acl" and cur.tag_ == "VBN" and cur.head.dep_ in ("nsubj", "nsubjpass") \
                and is_nonrestrictive(cur):
            return True  # 'The treaty, signed in 1995, ended four years of war'
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def in_background_clause(tok: Token) -> bool:
    """Is the token inside a relative clause, a participle modifying a noun, or an 'after/when/because' clause?

    Such clauses mostly give background ('a guard involved in a shooting', 'a helicopter that was captured
    last week', 'after a state of siege was declared'); their events are kept only when the sentence has
    no main-clause event.
    """
    cur = tok
    for _ in range(12):
        dep = cur.dep_
        if dep == "relcl" and (is_passive(cur) or "had" in aux_words(cur) or is_nonrestrictive(cur)):
            return True  # 'a helicopter that was captured last week', 'whom they had taken hostage'
        if dep == "relcl":
            return False  # 'students who staged a protest': a relative clause can report the news itself
        if dep == "acl" and cur.tag_ in ("VBN", "VBD"):
            return True
        if dep == "advcl" and any(m.dep_ == "mark" and m.lower_ in BACKGROUND_MARKS for m in cur.children):
            return True
        if dep == "advcl" and any(m.dep_ == "advmod" and m.lower_ in ("when", "where") for m in cur.children):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _sentence_words(c: Candidate) -> frozenset[str]:
    anchor = c.support if c.support is not None else c.token
    return sentence_keys(anchor.sent)


def refine_mode(c: Candidate, lex: Lexicon) -> str | None:
    """Mode from the sentence's words where the trigger alone does not say how: ASSAULT weapons, violent
    demonstrations (riot), raids that detain people (arrest)."""
    if c.type == "ASSAULT":
        return assault_mode(c, lex)
    words = _sentence_words(c)
    if c.type == "PROTEST" and c.mode in (None, "demo") and words & lex.cls("mode:riot") \
            and not words & {"peaceful", "peacefully", "nonviolent", "non-violent", "free"}:
        return "riot"
    if c.type == "COERCE" and c.mode == "seize" and words & lex.cls("mode:arrest"):
        return "arrest"
    if c.type == "MOBILIZE" and c.mode in (None, "troops"):
        return mobilize_mode(c, lex) or c.mode
    return c.mode


MOBILIZE_MODE_ORDER = ("police", "militia", "weapons")


def mobilize_mode(c: Candidate, lex: Lexicon) -> str | None:
    """What was mobilised, from the words of the trigger's own phrase ('riot police were deployed' -> police,
    'moved missiles' -> weapons); the sentence at large may name other forces."""
    head = c.support if c.support is not None else c.token
    words = set(keys(c.token))
    if c.kind == "noun":
        words |= {k for t in c.token.subtree for k in keys(t)}
    for part in (x for x in head.children if x.dep_ in ("nsubjpass", "nsubj", "dobj", "obj")):
        words |= {k for t in part.subtree for k in keys(t)}
    for mode in MOBILIZE_MODE_ORDER:
        if words & lex.cls("mobilize:" + mode):
            return mode
    return None
