"""Actor and recipient of an event from syntactic roles, within the trigger's own clause.

Active verbs: subject -> actor, object (or 'against/on/at/with/to' object) -> recipient. Passives: 'X was
attacked by Y' -> actor Y, recipient X. Nominal events: the support verb's subject, else the owner ('Israel's
offensive', 'an attack by rebels', 'Israeli airstrike') -> actor; 'on/against' objects -> recipient.
Pronoun subjects of reported speech take the speaker ('Syria says it will withdraw' -> Syria).

Round four: the object a rule matched on is the event's theme, not its recipient ('delivered medical supplies to
the hospital', 'severed ties with Morocco', 'expressed solidarity with the miners': the recipient is the party
the theme goes to or is with, ``THEME_TYPES``); a 'between' phrase names the parties of a reciprocal nominal
('Clashes between the army and tribal fighters' -> both are actors); an intransitive participle hung on a
quantity ('Dozens of pensioners protested ...', parsed as a reduced relative) takes that noun as its doer; and
the explosion of a planted instrument takes the planter ('killed in the explosion of a mine laid by X' -> X).

Arguments follow the event's semantics, not its surface position: a nominal event's own by-phrase names its
actor whatever verb it hangs from ('residents described the shelling of X by Y' -> Y); the subject of a fight-off
verb is the target ('troops repelled an attack by X'); a gerund headline with an of-phrase is a nominal ('Shelling
of X by Y'); 'killed in an attack by X' takes X; a weapon or vehicle is an instrument, never the actor
(``instruments``); a bare number is no actor ('two wounded').
"""

from __future__ import annotations

from newsgraph.events.instruments import instrument_owner, is_instrument, split_instrument, with_instrument
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.syntax import (
    PASS_SUBJ_DEPS,
    Token,
    agent,
    first_child,
    is_passive,
    is_reduced_passive,
    keys,
    object_child,
    prep_objects,
    semantic_head,
    verb_subject,
)
from newsgraph.events.triggers import Candidate, is_agentive, small_clause_object

TARGET_PREPS = ("against", "on", "upon", "at", "with", "to", "into", "toward", "towards", "from", "between", "through")
NOUN_TARGET_PREPS = ("on", "against", "upon", "at", "targeting", "with", "between", "to", "in")
MOVE_VERBS = frozenset({"withdraw", "pull", "evacuate", "deploy", "redeploy", "send", "dispatch", "move", "station",
                        "mass", "reinforce", "strengthen", "recall"})
UNDERGOER_SUPPORT = frozenset({"come", "suffer", "face", "endure", "sustain"})
# verbs whose subject is the victim of the nominal event it died in: 'the fighters who died in the raid' (but a
# protester who died during a demonstration took part in it)
VICTIM_VERBS = frozenset({"die", "perish", "succumb"})
OWNER_OF_TYPES = frozenset({"RETREAT", "PROTEST", "CONSULT", "REQUEST", "AGREE"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "them", "this"})
# types whose object, when the rule matched on its word, is the theme (what is given, cut, voiced or lifted)
THEME_TYPES = frozenset({"AID", "SUPPORT", "SANCTION", "CONCEDE", "RETREAT", "AGREE", "COOPERATE"})
THEME_PREPS = ("with", "to", "for", "toward", "towards", "on", "against", "between")


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


def _say_speaker(verb: Token, lex: Lexicon) -> Token | None:
    """'Syria says it will withdraw': the speaker of the clause embedding ``verb`` (for pronoun subjects)."""
    cur = verb
    say = lex.cls("say") | {"say", "announce", "tell", "quote"}
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and set(keys(cur)) & say:
            speaker = verb_subject(cur) or first_child(cur, PASS_SUBJ_DEPS)
            if speaker is None and cur.dep_ == "pcomp":  # 'was quoted as saying he would ...'
                outer = cur.head.head
                speaker = first_child(outer, ("nsubj", "nsubjpass"))
            return speaker
    return None


def resolve_pronoun(tok: Token | None, verb: Token, lex: Lexicon) -> Token | None:
    if tok is None or tok.lower_ not in PRONOUNS:
        return tok
    speaker = _say_speaker(verb, lex)
    if speaker is not None and speaker.lower_ not in PRONOUNS:
        return speaker
    return tok


def _gapped_passive(tok: Token) -> bool:
    """'A woman was killed and two others injured': a participle conjoined to a passive, its 'were' left out."""
    return (tok.dep_ == "conj" and tok.tag_ == "VBN" and is_passive(tok.head)
            and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in tok.children)
            and any(c.dep_ == "nsubj" for c in tok.children))


ASSAULT_CLAUSE_MARKS = frozenset({"when", "as", "after", "while"})


def _clause_perpetrator(verb: Token, lex: Lexicon) -> Token | None:
    """'Three were killed when militants attacked a checkpoint', '... when a shell fired by the separatists hit
    their house': an agentless harm takes the doer of the attack its when/as/after clause tells (through the
    weapon to its owner)."""
    heads = [verb, *verb.conjuncts]
    for h in heads:
        for cl in (x for x in h.children if x.dep_ == "advcl"):
            if not any(m.lower_ in ASSAULT_CLAUSE_MARKS for m in cl.children if m.dep_ in ("mark", "advmod")):
                continue
            subj = first_child(cl, ("nsubj",))
            if subj is None:
                continue
            if is_instrument(subj, lex):
                return instrument_owner(subj, lex)
            attack = any(r.type == "ASSAULT" for k in keys(cl) for r in lex.verbs.get(k, []))
            if attack and is_agentive(semantic_head(subj), lex):
                return subj
    return None


def verb_roles(c: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None]:
    tok = c.token
    if _gapped_passive(tok):  # 'A woman was killed and two others injured when ...': they are victims too
        victim = semantic_head(first_child(tok, ("nsubj",)))
        return agent(tok) or agent(tok.head) or _clause_perpetrator(tok.head, lex), victim
    if is_reduced_passive(tok, lex.cls("reducible")):  # 'Woman killed in Kabul blast': she is the victim
        subj = first_child(tok, ("nsubj",))
        victim = semantic_head(subj) if subj is not None else (tok.head if tok.dep_ == "acl" else None)
        return agent(tok) or _agent_of_event_phrase(tok, lex), victim
    if is_passive(tok):
        actor = agent(tok)
        subj = first_child(tok, PASS_SUBJ_DEPS)
        recip = semantic_head(subj) if subj is not None else None
        if recip is not None and not is_agentive(recip, lex):  # 'a camp for refugees was attacked'
            recip = _party_of(recip, lex) or recip
        if recip is not None and recip.lower_ in ("who", "which", "that") and tok.dep_ in ("relcl", "acl"):
            recip = tok.head
        if recip is None and tok.dep_ == "acl":  # 'refugees held in camps', 'activists detained by police'
            recip = tok.head
        if actor is None and c.type == "RETREAT" and c.mode in ("disarm", "withdraw"):
            return recip, None  # 'the guerrillas have been demobilised': they are the ones who stand down
        if actor is None:
            actor = _agent_of_event_phrase(tok, lex)
        if actor is None and c.type == "ASSAULT":
            actor = _clause_perpetrator(tok, lex)
        return actor, recip
    if is_gerund_nominal(tok):  # 'Shelling of Donetsk by Ukrainian forces: one dead'
        by = next((p for _, p in prep_objects(tok, ("by",)) if _usable(p)), None)
        of = next((p for _, p in prep_objects(tok, ("of",)) if _usable(p)), None)
        if of is None and c.type in ("ASSAULT", "COERCE"):
            of = _subject_event_object(tok)  # 'Shelling by the Armed Forces damaged a school
        if by is None and tok.dep_ in ("dobj", "obj") and set(keys(tok.head)) & lex.cls("light"):
            by = resolve_pronoun(verb_subject(tok.head), tok.head, lex)  # 'militants carried out the shelling of X'
        return by, of
    if _quantity_doer(tok, lex):  # 'Dozens of pensioners protested in front of ...' (parsed as a relative)
        return semantic_head(tok.head), verb_recipient(tok, c, lex)
    if _participle_doer(tok, lex):  # 'police dispersed teachers protesting outside the ministry'
        return tok.head, verb_recipient(tok, c, lex)
    if _finite_acl_doer(tok, lex):  # 'Kidnapping: armed bandits abducted two traders' (parsed as a relative)
        return tok.head, verb_recipient(tok, c, lex)
    obj = object_child(tok)
    if fights_off(tok, lex) and obj is not None and _is_attack_noun(obj, lex):
        # 'police repelled an attack by gunmen on the prison': the attackers act, the defenders are the target
        by = next((p for h in (obj, tok) for _, p in prep_objects(h, ("by",)) if _usable(p)
                   and is_agentive(p, lex)), None)
        return by if by is not None else _owner(obj), verb_subject(tok)
    actor = resolve_pronoun(verb_subject(tok), tok, lex)
    return actor, verb_recipient(tok, c, lex)


def _quantity_doer(verb: Token, lex: Lexicon) -> bool:
    """'Dozens of pensioners protested outside ...': the parser hangs an intransitive finite verb on a quantity
    noun as a reduced relative; with no object, agent or auxiliary, the quantity's people are its doers."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("agent", "dobj", "obj", "aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return False
    head = verb.head
    doer = semantic_head(head)
    return head.dep_ == "ROOT" and doer.i != head.i and (is_agentive(doer, lex) or doer.tag_ in ("NNS", "NNPS"))


def _participle_doer(verb: Token, lex: Lexicon) -> bool:
    """'demonstrators protesting election results', 'teachers protesting outside the ministry': a present
    participle hung on a noun has that noun as its subject."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    people = lex.cls("crowd") | lex.cls("protester") | lex.cls("demonstrator") | lex.cls("civilian")
    return is_agentive(verb.head, lex) or bool(set(keys(verb.head)) & people)


def _finite_acl_doer(verb: Token, lex: Lexicon) -> bool:
    """A finite past verb (tagged VBD, not a participle) hung on a noun as a relative: the parser lost the
    clause, and the noun is its subject ('Kidnapping: armed bandits abducted two traders')."""
    if verb.dep_ != "acl" or verb.tag_ != "VBD" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("agent", "aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return False
    doer = semantic_head(verb.head)
    return is_agentive(doer, lex) or doer.tag_ in ("NNS", "NNPS")


def _is_attack_noun(noun: Token, lex: Lexicon) -> bool:
    return any(r.type == "ASSAULT" for k in keys(noun) for r in lex.nouns.get(k, []))


def is_gerund_nominal(tok: Token) -> bool:
    """A subjectless -ing form with an of- or by-phrase is a noun in all but tag: 'Overnight shelling of
    Nikopol', 'Shelling by the army damaged a school'."""
    return (tok.tag_ == "VBG" and any(c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by") for c in tok.children)
            and not any(c.dep_ in ("nsubj", "aux", "dobj", "obj") for c in tok.children))


def _agent_of_event_phrase(verb: Token, lex: Lexicon) -> Token | None:
    """'were killed in an attack by Boko Haram fighters', 'as a result of the aggression of the coalition
    aviation on X, three were killed': an agentless passive takes the agent of an attack noun inside its own
    prepositional phrases (by-phrase, possessor, or an of-phrase beside an on-target)."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for noun in prep.subtree:  # 'destroyed as a result of shelling by the armed forces': a gerund counts too
            if not ((noun.pos_ == "NOUN" and _is_attack_noun(noun, lex)) or is_gerund_nominal(noun)):
                continue
            owner = _nominal_agent(noun, lex)
            if owner is not None and owner.lower_ not in PRONOUNS:
                return owner
    return None


def _nominal_agent(noun: Token, lex: Lexicon) -> Token | None:
    by = next((p for _, p in prep_objects(noun, ("by", "between")) if _usable(p)), None)
    if by is not None:  # 'an attack by X'; 'killed by a stray bullet during clashes between two clans'
        return by
    poss = first_child(noun, ("poss",))
    if poss is not None:
        return poss
    for _, of in prep_objects(noun, ("of",)):  # 'the explosion of a mine laid by the militants'
        if is_instrument(of, lex):
            owner = instrument_owner(of, lex)
            if owner is not None:
                return owner
    for _, of in prep_objects(noun, ("of",)):  # the on-target may hang on the noun or on its of-object
        targeted = any(True for h in (noun, of) for _ in prep_objects(h, ("on", "upon", "against")))
        if targeted and (is_agentive(of, lex) or is_instrument(of, lex)):
            return of
    return None


def _usable(tok: Token | None) -> bool:
    return tok is not None and tok.ent_type_ not in ("DATE", "TIME") and tok.lower_ not in (
        "themselves", "himself", "herself", "itself", "today", "yesterday")


def _party_of(noun: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """'positions of the security forces' -> forces; 'the removal of President X' -> X; 'curfew on Y' -> Y;
    'sanctions on Iranian oil exports' -> Iranian (one level deeper)."""
    owner = _owner(noun)
    if is_agentive(owner, lex):
        return owner
    pobjs = [p for _, p in prep_objects(noun, ("of", "on", "against", "in", "from", "to", "for", "by"))]
    for pobj in pobjs:
        if is_agentive(pobj, lex):
            return pobj
    if depth == 0:
        for pobj in pobjs:
            inner = _party_of(pobj, lex, 1)
            if inner is not None:
                return inner
    return None


def _own(tok: Token) -> bool:
    """'its troops', 'their forces': the actor's own people or things, not a target."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in tok.children)


def _is_purpose(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def verb_recipient(tok: Token, c: Candidate, lex: Lexicon) -> Token | None:
    """The party an event is aimed at: the first agentive one among object, target preps, complement,
    looking inside non-party nouns ('a camp for refugees' -> refugees) and after the actor's own things."""
    options: list[Token] = []
    obj = object_child(tok) or small_clause_object(tok)
    if obj is not None:
        obj = semantic_head(obj)
        if not _usable(obj) or set(keys(obj)) & (lex.cls("weapon", "lightobj")):
            obj = None
    if obj is not None and c.theme and c.type in THEME_TYPES:
        # 'delivered medical supplies to the hospital': the theme's own target, or the party inside it, not the theme
        options.extend(semantic_head(d) for d in tok.children if d.dep_ == "dative" and d.pos_ != "ADP")
        options.extend(p for _, p in prep_objects(tok, ("behind",)) if _usable(p))  # 'threw its support behind X'
        options.extend(p for _, p in prep_objects(obj, THEME_PREPS) if _usable(p))
        inner = _party_of(obj, lex)
        if inner is not None:
            options.append(inner)
        obj = None
    # 'withdrew inspectors from Iraq', 'strengthened its forces in Lebanon': what is moved is the actor's own
    moved_own = c.type in ("RETREAT", "MOBILIZE") or bool(set(keys(tok)) & MOVE_VERBS)
    if obj is not None:
        if obj.pos_ != "PROPN" and not obj.ent_type_:  # 'offered its troops to X', 'sent arms to X' -> X
            options.extend(p for _, p in prep_objects(tok, ("to", "into")) if _usable(p) and p.pos_ == "PROPN")
        if not moved_own:
            options.append(obj)
    for prep in TARGET_PREPS:
        options.extend(pobj for _, pobj in prep_objects(tok, (prep,)) if _usable(pobj)
                       and not (prep == "with" and is_weapon(pobj, lex)))
    options.extend(pobj for _, pobj in prep_objects(tok, ("for",)) if _usable(pobj))
    for comp in (x for x in tok.children if x.dep_ in ("ccomp", "xcomp") or _is_purpose(x)):
        subj = first_child(comp, ("nsubj", "nsubjpass"))
        if subj is not None and comp.dep_ == "ccomp":
            options.append(semantic_head(subj))
        cobj = object_child(comp)
        if cobj is not None:
            options.append(semantic_head(cobj))
        options.extend(pobj for _, pobj in prep_objects(comp, TARGET_PREPS) if _usable(pobj))
    options.extend(p for _, p in prep_objects(tok, ("in",)) if _usable(p) and p.ent_type_ in ("GPE", "LOC", "NORP"))
    if obj is not None and moved_own:
        options.extend(p for _, p in prep_objects(obj, ("in", "to", "into", "near", "along", "from")) if _usable(p)
                       and p.ent_type_ in ("GPE", "LOC", "NORP", "ORG"))
        options.append(obj)
    return choose_party(options, lex, harm=c.type in ("ASSAULT", "COERCE"))


def is_weapon(tok: Token, lex: Lexicon) -> bool:
    """'intervened with batons', 'moved in with tear gas': what a verb is done with is its instrument, never the
    party it is aimed at."""
    return is_instrument(tok, lex) or bool(set(keys(tok)) & lex.cls("weapon", "mode:crowd-control"))


def choose_party(options: list[Token], lex: Lexicon, harm: bool = False) -> Token | None:
    """First agentive option (a non-party noun contributes the party inside it), the actor's own last. For harm
    (ASSAULT, COERCE) a targeted place or building is itself the recipient, not the town it stands in."""
    expanded: list[Token] = []
    places = (lex.cls("target") | lex.cls("territory")) if harm else frozenset()
    for o in options:
        if is_agentive(o, lex):
            expanded.append(o)
        else:
            inner = _party_of(o, lex)
            target = bool(set(keys(o)) & places) and o.ent_type_ not in ("DATE", "TIME")
            if target and (inner is None or inner.ent_type_ in ("GPE", "LOC", "FAC")):
                expanded.append(o)  # 'threw a grenade at a police patrol in Srinagar': the patrol, not the city
            elif inner is not None:
                expanded.append(inner)
    for o in expanded:
        if not _own(o):
            return o
    if expanded:
        return expanded[0]
    return options[0] if options else None


def _governing_verb(noun: Token) -> Token | None:
    """The verb a nominal event hangs from: 'converging for a rally' -> converging."""
    cur = noun
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
        cur = cur.head
    head = cur.head
    if head.i != cur.i and head.pos_ in ("VERB", "AUX") and cur.dep_ in ("prep", "dobj", "obj"):
        return head
    return None


def fights_off(verb: Token, lex: Lexicon) -> bool:
    """'repelled', 'fought off', 'beat back': the verb's subject defends against the nominal attack."""
    words = set(keys(verb))
    if words & lex.cls("defend"):
        return True
    return bool(words & lex.cls("defend_prt")) and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("off", "back") for c in verb.children)


def _nearest_party_before(tok: Token) -> Token | None:
    """'Putin ... the mobilization was announced': with an agentless passive, the closest named clause-level
    party before the trigger in the same sentence (not one inside a prepositional phrase)."""
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.dep_ in ("nsubj", "conj", "appos", "ROOT") and (t.pos_ == "PROPN" or t.ent_type_ in (
                "PERSON", "ORG", "GPE", "NORP")):
            return t
    return None


def noun_roles(c: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None]:
    noun = c.token
    actor: Token | None = None
    recip: Token | None = None
    sup = c.support
    gov = sup if sup is not None else _governing_verb(noun)
    subj_of_gov = verb_subject(gov) if gov is not None else None
    if subj_of_gov is not None and subj_of_gov.i == noun.i:  # 'talks resumed': the noun is the verb's subject
        gov = None
    # a nominal event's own by-phrase is its agent ('the bombing of the mill by armed herders'), any noun
    own_by = next((p for _, p in prep_objects(noun, ("by",)) if _usable(p)
                   and (is_agentive(p, lex) or p.pos_ in ("NOUN", "PROPN"))), None)
    if own_by is None:  # 'the bombardment of the old town by government forces': by hung on the of-object
        own_by = next((p for _, of in prep_objects(noun, ("of",)) for _, p in prep_objects(of, ("by",))
                       if _usable(p) and is_agentive(p, lex)), None)
    if own_by is None and sup is None and gov is not None and not is_passive(gov) and noun.dep_ in ("dobj", "obj"):
        # 'described the shelling of the harbour by naval forces': an active verb has no by-agent of its own,
        # so a by-phrase the parser hung on it belongs to the nominal event
        own_by = next((p for _, p in prep_objects(gov, ("by",)) if _usable(p) and is_agentive(p, lex)
                       and p.pos_ != "VERB"), None)
    if gov is not None and (sup is not None or not (set(keys(gov)) & lex.cls("say"))):
        victim = gov.lemma_.lower() in VICTIM_VERBS and c.type != "PROTEST"
        if gov.lemma_.lower() in UNDERGOER_SUPPORT or victim or (sup is None and fights_off(gov, lex)):
            recip = verb_subject(gov)  # 'came under attack', 'the garrison fought off an assault by X'
            actor = own_by
            if actor is None and gov.lemma_.lower() in UNDERGOER_SUPPORT:  # 'came under fire from jihadists'
                actor = next((p for h in (noun, gov) for _, p in prep_objects(h, ("from",)) if _usable(p)
                              and (is_agentive(p, lex) or p.pos_ in ("NOUN", "PROPN"))), None)
        elif is_passive(gov):  # 'placed under house arrest by the police', 'the attack was claimed by X'
            carried = noun.dep_ == "pobj" and noun.head.lower_ in ("under", "into")
            actor = agent(gov) if sup is not None or carried or gov.lemma_.lower() == "claim" else None
        else:
            actor = resolve_pronoun(verb_subject(gov), gov, lex)
    if own_by is not None and (sup is None or is_passive(sup)):  # 'residents described the shelling by X'
        actor = own_by
    if actor is None and noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() == "claim":
        actor = agent(noun.head)  # 'the attack on the convoy was claimed by X': X claims it as its own
    if actor is None:
        actor = _owner(noun)
    if actor is None:  # 'died in the explosion of a mine planted by the insurgents'
        actor = next((o for _, of in prep_objects(noun, ("of",)) if is_instrument(of, lex)
                      for o in [instrument_owner(of, lex)] if o is not None), None)
    if actor is None:  # 'a blast caused by an explosive device planted by the insurgents'
        causes = [p for a in noun.children if a.dep_ == "acl" and a.tag_ == "VBN" for _, p in prep_objects(a, ("by",))]
        actor = next((o for p in causes for o in [instrument_owner(p, lex) if is_instrument(p, lex) else
                                                   (p if is_agentive(p, lex) else None)] if o is not None), None)
    if actor is None and gov is not None and is_passive(gov) and agent(gov) is None:
        actor = _nearest_party_before(noun)
    if actor is None:  # 'Clashes between the army and X'; 'Clashes erupted between X and Y': reciprocal parties
        holders = [noun] + ([sup] if sup is not None and noun.dep_ in ("nsubj", "nsubjpass") else [])
        actor = next((p for h in holders for _, p in prep_objects(h, ("between",)) if _usable(p)), None)
        if actor is not None:
            return actor, None
    has_target = any(True for _ in prep_objects(noun, ("on", "upon", "against")))
    for _, pobj in prep_objects(noun, ("of",)):
        if (c.type in OWNER_OF_TYPES or (has_target and (is_agentive(pobj, lex) or is_instrument(pobj, lex)))) \
                and actor is None:
            actor = pobj  # 'the aggression of the coalition aviation on the district': of names the attacker
        elif recip is None and c.type not in OWNER_OF_TYPES:
            recip = pobj
    if recip is None:
        recip = _noun_target(noun, gov, lex)
    if recip is None and c.type in ("ASSAULT", "COERCE"):
        recip = _subject_event_object(noun)
    return actor, recip


def _subject_event_object(noun: Token) -> Token | None:
    """'The bombing damaged a school', 'Shelling by the army killed two': an event that is its verb's subject
    does what the verb says to the verb's object, so the object is the event's recipient."""
    if noun.dep_ not in ("nsubj", "csubj") or noun.head.pos_ != "VERB":
        return None
    obj = object_child(noun.head)
    return semantic_head(obj) if obj is not None and _usable(obj) else None


def _noun_target(noun: Token, gov: Token | None, lex: Lexicon) -> Token | None:
    """Target of a nominal event: its own 'on/against' phrase, then its verb's, then a party 'in' either."""
    gov_ok = gov is not None and gov.lemma_.lower() not in UNDERGOER_SUPPORT
    for prep in NOUN_TARGET_PREPS[:-1]:
        for _, pobj in prep_objects(noun, (prep,)):
            if _usable(pobj) and not (prep == "with" and is_weapon(pobj, lex)):
                return pobj
    if gov_ok:
        for _, pobj in prep_objects(gov, ("against", "with", "on", "upon", "to")):
            if _usable(pobj) and pobj.i != noun.i and is_agentive(pobj, lex):
                return pobj
    for holder in (noun, gov if gov_ok else None):
        if holder is None:
            continue
        for _, pobj in prep_objects(holder, ("in",)):
            if _usable(pobj) and pobj.i != noun.i and is_agentive(pobj, lex):
                return pobj
    return None


def is_bare_number(tok: Token | None) -> bool:
    """'Night shelling of Kramatorsk, two wounded': a number with no noun of its own names nobody."""
    return tok is not None and (tok.like_num or tok.ent_type_ == "CARDINAL") and tok.pos_ in ("NUM", "PRON") \
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def arguments(c: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None, Token | None]:
    """(actor, recipient, instrument) of an event: roles, then the weapon or vehicle split from the actor."""
    actor, recip = roles(c, lex)
    actor, instrument = split_instrument(actor, lex)
    if instrument is None:
        anchor = c.support if c.support is not None else c.token
        instrument = with_instrument(anchor, lex) if c.type == "ASSAULT" else None
        if instrument is None and c.type == "ASSAULT" and c.kind == "noun" and is_instrument_compound(c.token, lex):
            instrument = next(x for x in c.token.children if x.dep_ == "compound" and is_instrument(x, lex))
    if actor is None and instrument is not None and c.kind == "verb":
        actor = _agent_of_event_phrase(c.token, lex)  # 'killed by a stray bullet during clashes between X and Y'
    if is_bare_number(actor):
        actor = None
    if actor is not None and c.kind == "verb" and actor.i - actor.sent.start <= 1 and actor.i + 1 < c.token.i \
            and actor.doc[actor.i + 1].text == ":" and actor.pos_ == "NOUN" and not actor.ent_type_:
        # 'Abduction: suspected militants abducted four farmers': a label before a colon is no subject
        actor = next((s for s in c.token.children if s.dep_ == "nsubj" and s.i > actor.i + 1), None)
    if actor is not None and actor.i != c.token.i and (is_gerund_nominal(actor) or _is_attack_noun(actor, lex)):
        # 'Shelling by the army destroyed a bakery': an event is no actor; its own agent is
        actor = next((p for _, p in prep_objects(actor, ("by",)) if _usable(p)), None) or _owner(actor)
    if recip is not None and is_instrument(recip, lex):  # 'shot down a Russian drone' -> Russian
        owner, _ = split_instrument(recip, lex)
        recip = owner if owner is not None else recip
    return actor, recip, instrument


def is_instrument_compound(noun: Token, lex: Lexicon) -> bool:
    """'a drone strike', 'rocket fire': the weapon named as the event noun's modifier."""
    return any(x.dep_ == "compound" and is_instrument(x, lex) for x in noun.children)


def roles(c: Candidate, lex: Lexicon) -> tuple[Token | None, Token | None]:
    actor, recip = verb_roles(c, lex) if c.kind == "verb" else noun_roles(c, lex)
    if c.actor_tok is not None:
        actor = c.actor_tok
    if c.recip_tok is not None:
        recip = c.recip_tok
    if recip is None and c.contents:  # 'began a hunger strike to demand X's resignation' -> X
        for inner in c.contents:
            _, r = roles(inner, lex)
            if r is not None:
                recip = r
                break
    if actor is not None and recip is not None and actor.i == recip.i:
        recip = None
    return actor, recip
