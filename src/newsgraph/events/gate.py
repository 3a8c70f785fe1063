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

Round four closes three gaps of the same restrictions. An event with no actor of its own is judged by the subject
of the clause it sits in ('The home side launched wave after wave of attacks': the attacks are the home side's,
``clause_subject``). Withdrawals are gated for domain like conflict ('The tennis star withdrew from the
tournament' is no RETREAT: ``DOMAIN_TYPES``). And the doer suffixes that mark a party ('-ee' in 'detainee') need a
stem before them, so a short noun that merely ends in them ('knee') is still a thing. An officer of a business
or sports body does not RETREAT ('The company's chief executive resigned', ``corporate_officer``), and an
inquiry into an accident or disaster accuses nobody ('investigating the cause of the bus crash', ``accident``).
A thing does not accuse, demand or refuse either ('White blood cells attack the virus' read as criticism), unless
it is a document speaking for its authors ('the report accused ...', class ``document``); and pests are no
political target ('declared war on the pests', class ``pest``).
"""

from __future__ import annotations

from newsgraph.events.instruments import is_instrument
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.syntax import Token, keys, prep_objects, semantic_head, verb_subject
from newsgraph.events.triggers import Candidate, is_agentive

GATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN"})
# types whose parties are checked for domain only (a withdrawal by a sports star or a company is no RETREAT)
DOMAIN_TYPES = frozenset({"RETREAT"})
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT"})
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


def corporate_officer(tok: Token | None, lex: Lexicon) -> bool:
    """'The company's chief executive', 'the club's coach': an officer of a business or sports body (its
    resignation or withdrawal is no political RETREAT)."""
    if tok is None:
        return False
    head = semantic_head(tok)
    owners = [c for c in head.children if c.dep_ == "poss"]
    business = lex.cls("commerce") | lex.cls("sport") | lex.cls("culture") | lex.cls("notpolitical")
    return any(set(keys(o)) & business for o in owners)


def pest_or_illness(tok: Token, lex: Lexicon) -> bool:
    """A target that is a pest, a germ or an illness: nobody, whoever fights it, commits a political act."""
    head = semantic_head(tok)
    if head.pos_ != "NOUN" or head.ent_type_:
        return False
    sick = lex.cls("disaster") & lex.cls("hazard") | {"virus", "bacteria", "bacterium", "germ", "tumour", "tumor"}
    return bool(_words(head) & (lex.cls("pest") | sick))


def accident(tok: Token, lex: Lexicon) -> bool:
    """A target phrase that names an accident or a disaster ('the cause of the bus crash', 'the fire')."""
    return any(set(keys(t)) & lex.cls("disaster") and t.lemma_.lower() not in ("building", "plant", "food")
               for t in semantic_head(tok).subtree if t.pos_ == "NOUN")


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


def clause_subject(tok: Token) -> Token | None:
    """The subject of the nearest clause above a trigger ('The home side launched wave after wave of attacks'
    -> 'The home side'): who an actorless nominal event belongs to, for the domain test only."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            subj = verb_subject(cur)
            if subj is not None:
                return subj
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def passes_gate(c: Candidate, actor: Token | None, recip: Token | None, lex: Lexicon) -> bool:
    """False for a conflict event whose actor or target is out of the political domain."""
    if c.type in DOMAIN_TYPES:
        anchor = c.support if c.support is not None else c.token
        return not (out_of_domain_party(actor, lex) or corporate_officer(actor, lex)
                    or any(out_of_domain_party(p, lex) for _, p in prep_objects(anchor, ("from", "of", "out"))))
    if c.type not in GATED_TYPES and actor is not None and semantic_head(actor).pos_ != "PROPN" \
            and (out_of_domain_party(actor, lex) or corporate_officer(actor, lex)):
        return False  # 'The airline suspended flights', 'The actor thanked his fans': no political actor
    if c.type == "ACCUSE" and c.mode == "investigate" and recip is not None and accident(recip, lex):
        return False  # 'investigating the cause of the bus crash': an inquiry into an accident accuses nobody
    if c.type in VERBAL_TYPES and c.kind == "verb" and inanimate_actor(actor, lex) \
            and not set(keys(semantic_head(actor))) & lex.cls("document"):
        return False  # 'White blood cells attack the virus': a thing does not accuse or demand (a report may)
    if recip is not None and c.type in (VERBAL_TYPES | GATED_TYPES) and pest_or_illness(recip, lex):
        return False  # 'declared war on the pests', 'white blood cells attack the virus': no party is targeted
    if c.type not in GATED_TYPES:
        return True
    anchor = c.support if c.support is not None else c.token
    means = [p for h in {anchor.i: anchor, c.token.i: c.token}.values()
             for _, p in prep_objects(h, ("with", "into", "in", "for"))]
    if any(out_of_domain_party(p, lex) for p in means) and not political_party(actor, lex):
        return False  # 'attacked the market with lower prices', 'shot his side into the final'
    if out_of_domain_party(actor, lex) or corporate_officer(actor, lex):
        return False  # 'the carmaker ... fight off Chinese rivals': a business or team does not attack
    if actor is None and c.kind == "noun" and out_of_domain_party(clause_subject(c.token), lex):
        return False  # 'The home side launched wave after wave of attacks': the attacks are the home side's
    hazard = actor is not None and bool(_words(semantic_head(actor)) & lex.cls("hazard"))
    if c.kind == "verb" and inanimate_actor(actor, lex) and (c.type != "COERCE" or hazard):
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
    lemma = head.lemma_.lower()
    if any(lemma.endswith(s) and len(lemma) >= len(s) + 3 for s in PARTY_SUFFIXES):
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
