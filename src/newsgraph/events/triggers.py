"""Trigger matching: which tokens of a sentence name a PLOVER event, with which type and mode.

Verbs are matched with their dependents (object, particle, prepositions, subject) against the verb lexicon;
nouns are events when a support verb carries them ('held talks') or when strong enough to stand alone
('a grenade attack'). The result is a list of :class:`Candidate` records; modality and roles come later.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.events.lexicon import Condition, Lexicon, Rule
from newsgraph.events.syntax import (
    OBJ_DEPS,
    QUANTIFIER_HEADS,
    Token,
    direct_object,
    first_child,
    is_passive,
    keys,
    object_child,
    prep_objects,
    semantic_head,
    sentence_keys,
    verb_subject,
)

SUPPORT_PREPS = frozenset({"in", "into", "under", "to", "on"})  # 'took part in', 'came under', 'resorted to'
MEASURE_HEADS = QUANTIFIER_HEADS | {"day", "week", "month", "hour", "night", "series", "round", "wave", "spate",
                                    "string", "campaign", "year", "week-end", "weekend"}
CARRIERS = frozenset({"plane", "aircraft", "truck", "lorry", "ship", "boat", "convoy", "flight", "cargo", "load"})
PREP_SUPPORT_VERBS = frozenset({"take", "engage", "participate", "come", "resort", "go", "join", "break", "launch"})


@dataclass(slots=True)
class Candidate:
    token: Token  # the trigger head (verb, or event noun)
    type: str
    mode: str | None
    frame: str  # - | content | modal | harm (verbs); strong | weak (nouns)
    kind: str  # verb | noun
    support: Token | None = None  # the support verb carrying a noun event ('launched' in 'launched an attack')
    negated: bool = False
    absorbed_by: Candidate | None = None
    start_tok: Token | None = None  # first word of a compound trigger ('mediation' in 'mediation effort')
    actor_tok: Token | None = None  # set when a rule fixes the roles itself ('X said Y must ...')
    recip_tok: Token | None = None
    contents: list[Candidate] | None = None  # events this one absorbed as its content
    secondary: bool = False  # a nominal event only in an adjunct or as background: kept if nothing else is
    theme: bool = False  # the rule matched on the object's word: the object is what is given/cut/voiced, no party


def _lemma_set(tok: Token | None) -> set[str]:
    return set(keys(tok)) if tok is not None else set()


def _particles(tok: Token) -> set[str]:
    out = set()
    for c in tok.children:
        if c.dep_ in ("prt", "advmod", "prep") and c.i > tok.i:
            out.add(c.lower_)
    return out


def _holds(cond: Condition, tok: Token, lex: Lexicon) -> bool:
    k = cond.kind
    if k == "obj":
        obj = direct_object(tok) or _noun_complement(tok)
        words = _lemma_set(obj)
        if words & CARRIERS:  # 'sent two planes of medical supplies': what the carrier carries
            words |= {w for _, p in prep_objects(obj, ("of",)) for w in _lemma_set(p)}
        return bool(words & cond.words) or ("@agentive" in cond.words and is_agentive(obj, lex))
    if k == "rawobj":  # the object word itself, before 'state of emergency' -> emergency
        raw = first_child(tok, OBJ_DEPS)
        return raw is not None and bool(set(keys(raw)) & cond.words)
    if k == "noobj":
        return not any(c.dep_ in OBJ_DEPS for c in tok.children) and small_clause_object(tok) is None
    if k == "adv":
        return any(c.dep_ == "advmod" and c.lower_ in cond.words for c in tok.children)
    if k == "compverb":
        return any(c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ == "VERB" and set(keys(c)) & cond.words
                   for c in tok.children)
    if k == "prt":
        return bool(_particles(tok) & cond.words)
    if k == "prep":
        return any(c.dep_ in ("prep", "agent", "advmod") and c.lower_ in cond.words for c in tok.children)
    if k == "pobj":  # the verb's own prepositions, or its object's ('took control of the town')
        pobjs = [p for _, p in prep_objects(tok)]
        for c in tok.children:  # 'walked out of the talks': a preposition under a particle-like preposition
            if c.dep_ in ("prep", "prt") and not any(g.dep_ == "pobj" for g in c.children):
                pobjs += [p for _, p in prep_objects(c)]
        obj = first_child(tok, OBJ_DEPS)
        if obj is not None:
            pobjs += [p for _, p in prep_objects(obj)]
        return any(_lemma_set(p) & cond.words or ("@agentive" in cond.words and p.ent_type_ in ("GPE", "LOC", "FAC"))
                   for p in pobjs)
    if k == "from":  # what is left: 'withdrew from the treaty', 'pulled out of the deal' (not 'after the deal')
        pobjs = [p for _, p in prep_objects(tok, ("from",))]
        for c in tok.children:
            if c.dep_ in ("prt", "prep", "advmod") and c.lower_ == "out":
                pobjs += [p for _, p in prep_objects(c, ("of",))]
        pobjs += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "out" for _, p in prep_objects(c)]
        pobjs += [p for _, p in prep_objects(tok, ("of",)) if any(c.lower_ == "out" for c in tok.children)]
        return any(_lemma_set(p) & cond.words for p in pobjs)
    if k == "with":
        return any(_lemma_set(p) & cond.words for p in instrument_objects(tok))
    if k == "subj":
        subj = verb_subject(tok)
        if subj is None:
            return False
        return bool(_lemma_set(semantic_head(subj)) & cond.words) or ("@agentive" in cond.words
                                                                        and is_agentive(semantic_head(subj), lex))
    if k == "comp":
        if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            return True
        if any(c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in tok.children):
            return True  # 'have sworn to fight' (parsed as an adverbial clause)
        obj = object_child(tok)
        return obj is not None and any(c.dep_ in ("acl", "relcl", "xcomp") for c in obj.children)
    if k == "sup":  # the support verb carrying a noun: 'went on strike', 'called a strike'
        sup = _support_verb(tok, lex)
        return sup is not None and bool(set(keys(sup)) & cond.words)
    if k in ("objmod", "notmilitary"):  # modifiers of the object: 'peacekeeping troops', not 'combat observers'
        obj = direct_object(tok)
        mods = set() if obj is None else {m for c in obj.children if c.dep_ in ("compound", "amod", "nmod")
                                          for m in keys(c)}
        return bool(mods & cond.words) if k == "objmod" else not (mods & {"military", "combat", "army"})
    if k == "notdisaster":  # nothing in the sentence says accident or nature ('rescued after the ship sank')
        return not (sentence_keys(tok.sent) & lex.cls("disaster"))
    if k == "oprd":  # 'found him guilty'
        return any(c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.lower_ in cond.words for c in tok.children)
    if k == "passive":
        return is_passive(tok)
    if k == "mod":
        mods = set()
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss", "nummod") and c.i < tok.i:
                mods.update(keys(c))
                if c.i >= 2 and c.doc[c.i - 1].text == "-":  # 'live-fire drills' split into live / - / fire
                    mods.add(f"{c.doc[c.i - 2].lower_}-{c.lower_}")
                mods.update(p for p in c.lower_.split("-") if p)
        mods.update(p for p in tok.lower_.split("-")[:-1] if p)
        for c in tok.children:  # 'a blast caused by an explosive device'
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for _, p in prep_objects(c, ("by",)):
                    mods.update(keys(p))
        for c in tok.children:  # 'explosion of a landmine'
            if c.dep_ == "prep" and c.lower_ == "of":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        mods.update(keys(pobj))
        return bool(mods & cond.words)
    raise ValueError(f"unknown condition kind {k!r}")


INSTRUMENT_PREPS = ("with", "using")


def instrument_objects(tok: Token) -> list[Token]:
    """What a verb is done with, conjuncts included: 'intervened with water and tear gas' -> water, gas; also
    under a particle ('moved in with batons') or the target ('intervened against the crowd with gas'), since the
    parser hangs the phrase on any of them."""
    heads = [tok, *[c for c in tok.children if c.dep_ in ("prt", "advmod") and c.i > tok.i]]
    heads += [p for _, p in prep_objects(tok, ("against", "on", "upon", "to"))]  # 'intervened against the crowd with'
    out = []
    for h in heads:
        for _, p in prep_objects(h, INSTRUMENT_PREPS):
            out += [p, *[c for c in p.conjuncts if c.pos_ in ("NOUN", "PROPN")]]
    return out


def small_clause_object(tok: Token) -> Token | None:
    """'attacked farmers harvesting olives': the parser makes the object the subject of an -ing clause."""
    for c in tok.children:
        if c.dep_ == "ccomp" and c.tag_ == "VBG" and not any(a.dep_ in ("aux", "mark") for a in c.children):
            subj = first_child(c, ("nsubj",))
            if subj is not None and subj.i < c.i:
                return subj
    return None


def _noun_complement(tok: Token) -> Token | None:
    """A noun the parser hung as a clausal complement ('halted fighting' with 'fighting' as xcomp)."""
    return next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "NOUN"), None)


def match_rule(rules: list[Rule], tok: Token, lex: Lexicon) -> Rule | None:
    """First rule whose conditions all hold for ``tok`` (file order), or None."""
    for rule in rules:
        if all(_holds(c, tok, lex) for c in rule.conditions):
            return rule
    return None


def verb_candidate(tok: Token, lex: Lexicon) -> Candidate | None:
    if tok.dep_ in ("amod", "compound"):  # 'the banned movement', 'visiting king': attributes, not events
        return None
    if tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ in ("dobj", "obj", "nsubj") for c in tok.children):
        return None  # 'Sentencing in the case was postponed': a gerund naming a procedure, not an event
    if tok.pos_ not in ("VERB",) and not (tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.dep_ == "ROOT"
                                           and tok.text.isupper()):
        return None
    for key in keys(tok):
        rules = lex.verbs.get(key)
        if not rules:
            continue
        rule = match_rule(rules, tok, lex)
        if rule is None:
            continue
        if rule.type == "NONE" or is_imperative(tok):
            return None
        return Candidate(tok, rule.type, rule.mode, rule.frame, "verb", theme=matched_theme(rule, tok, lex))
    return None


def matched_theme(rule: Rule, tok: Token, lex: Lexicon) -> bool:
    """Did the rule match on the object's own word ('voiced solidarity', 'severed ties', 'delivered aid',
    'supplied anti-tank weapons')? Then the object is the theme of the event, not a party, even when the tagger
    calls it a name."""
    obj = direct_object(tok) or _noun_complement(tok)
    if obj is None or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    words = _lemma_set(obj)
    if words & (lex.cls("person") | lex.cls("group") | lex.cls("military") | lex.cls("civilian")):
        return False
    if words & lex.cls("theme"):  # 'broke off diplomatic relations with Israel': whatever the rule tested
        return True
    return any(cd.kind == "objmod" or (cd.kind in ("obj", "rawobj") and words & cd.words) for cd in rule.conditions)


def is_agentive(tok: Token | None, lex: Lexicon) -> bool:
    """Could this noun be a PLOVER actor/recipient (a named or human/collective party), not a thing?"""
    if tok is None:
        return False
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ == "PROPN":
        return True
    words = set(keys(tok))
    if words & (lex.cls("person", "group", "military", "civilian")):
        return True
    lemma = tok.lemma_.lower()  # 'regulator', 'activist', 'politician', 'volunteer': words for people
    return tok.pos_ == "NOUN" and lemma.endswith(AGENT_SUFFIXES) and lemma not in lex.cls("notperson")


AGENT_SUFFIXES = ("ator", "itor", "ctor", "ist", "ian", "eer", "ssor")


def is_imperative(tok: Token) -> bool:
    """'Talk to a teenager and ...': a bare-verb command opening a sentence describes no event."""
    return (tok.dep_ == "ROOT" and tok.tag_ == "VB"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children))


def _support_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The support verb carrying a noun event: 'held talks', 'took part in protests', 'came under attack'."""
    light = lex.cls("light")
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in MEASURE_HEADS:
        head = of.head  # 'launched ten days of exercises', 'carried out a series of raids'
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
    if head.dep_ == "nsubj" and set(keys(head.head)) & lex.cls("happen"):
        return head.head  # 'war broke out', 'talks resumed on Monday'
    if head.dep_ in OBJ_DEPS or head.dep_ in ("nsubjpass", "attr"):
        verb = head.head
    elif head.dep_ == "pobj" and head.head.dep_ in ("prep",) and head.head.lower_ in SUPPORT_PREPS:
        verb = head.head.head
        if verb.dep_ in OBJ_DEPS and verb.lemma_.lower() in ("part",):  # took part in
            verb = verb.head
        if verb.lemma_.lower() not in PREP_SUPPORT_VERBS:
            return None
    else:
        return None
    if verb.pos_ in ("VERB", "AUX") and set(keys(verb)) & light:
        return verb
    return None


def gerund_subject(tok: Token) -> bool:
    """'Fighting between the militia and border guards erupted', 'Shelling of the port resumed': an -ing subject
    with its own between/of/by phrase and no object is a nominal event."""
    return (tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass")
            and any(c.dep_ in ("prep", "agent") and c.lower_ in ("between", "of", "by") for c in tok.children)
            and not any(c.dep_ in ("dobj", "obj", "aux", "nsubj") for c in tok.children))


def headline_noun(tok: Token) -> bool:
    """'Airstrike on wedding party in Hajjah': a headline's capitalised head noun the tagger called an adjective
    or a name (no verb in the line, so nothing else can carry the event)."""
    return (tok.pos_ in ("ADJ", "PROPN") and tok.dep_ == "ROOT" and tok.text[:1].isupper() and not tok.ent_type_
            and any(c.dep_ == "prep" for c in tok.children) and not any(t.pos_ in ("VERB", "AUX") for t in tok.sent))


def noun_candidate(tok: Token, lex: Lexicon) -> Candidate | None:
    mistagged = tok.pos_ == "VERB" and tok.dep_ in ("dobj", "obj", "pobj") and tok.tag_ in ("NNS", "NN", "VBZ")
    mistagged = mistagged or gerund_subject(tok)
    headline = headline_noun(tok)
    if tok.pos_ not in ("NOUN", "PROPN") and not (mistagged or headline):  # 'held live-fire drills' as a verb
        return None
    if tok.pos_ == "PROPN" and not tok.text.isupper() and not headline:
        return None
    start = None
    if tok.dep_ == "compound":
        if tok.head.lemma_.lower() not in lex.cls("generic") or tok.head.i <= tok.i:
            return None
        start, tok = tok, tok.head  # 'a mediation effort': the effort carries the event, roles attach to it
    for key in keys(start if start is not None else tok):
        rules = lex.nouns.get(key)
        if not rules:
            continue
        rule = match_rule(rules, start if start is not None else tok, lex)
        if rule is None:
            continue
        if rule.type == "NONE":
            return None
        support = _support_verb(tok, lex)
        if rule.frame == "weak" and support is None:
            return None
        negated = any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        return Candidate(tok, rule.type, rule.mode, rule.frame, "noun", support=support, negated=negated,
                         start_tok=start)
    return None


def is_background(noun: Token, lex: Lexicon) -> bool:
    """'after the bombing', 'since the invasion': a nominal event that only dates or explains the sentence."""
    cur = noun
    while cur.dep_ == "conj":
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
        prep = cur.head
        return prep.lower_ in lex.cls("background") or (prep.head.lower_ in lex.cls("background"))
    return False


def is_argument(noun: Token) -> bool:
    """Is a nominal event an argument of its clause (subject or object), rather than an adjunct or modifier?"""
    cur = noun
    while cur.dep_ in ("conj", "appos") and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "ROOT", "attr"):
        return True
    return cur.dep_ == "pobj" and cur.head.lower_ in ("in", "by") and cur.head.head.pos_ == "VERB"


def modifies_noun(noun: Token) -> bool:
    """'a ban on rallies', 'the law on protests': the nominal event only qualifies another noun."""
    cur = noun
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ != "pobj" or cur.head.dep_ != "prep":
        return False
    holder = cur.head.head
    return holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() not in MEASURE_HEADS
