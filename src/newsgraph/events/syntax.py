"""Small helpers over a spaCy dependency parse, shared by trigger matching and role finding.

They all stay inside one sentence and work on the parse the pipeline already made (never re-parse).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.symbols import VERB

Token = Any  # spacy.tokens.Token (kept loose so the helpers are easy to test with the real model only)

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass"})
QUANTIFIER_HEADS = frozenset({
    "number", "part", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "some", "all", "one", "many", "few", "most", "rest", "several", "scores", "score", "group", "couple", "total",
    "tonne", "tonnes", "ton", "tons", "kilogram", "kilograms", "litre", "liter", "gallon", "barrel", "truckload",
    "shipment", "consignment", "package", "dose", "doses", "crate", "sack", "bag", "planeload",
    "batch", "patch", "majority", "state", "series", "string", "wave", "spate", "barrage", "volley", "salvo", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "each",
})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


_KEYS_CACHE: dict[tuple[int, int, bool], tuple[str, ...]] = {}
_KEYS_CACHE_MAX = 200_000


def keys(tok: Token) -> tuple[str, ...]:
    """Lookup keys for a token: its lemma, its lower-cased form, and crude lemmas for verbs the tagger missed
    ('staged' lemmatised as 'stag', all-caps headline words).

    Cached on the token's (lemma, form, is-verb) hashes: every matcher asks for the keys of the same tokens many
    times (about 30 calls per token on news text), and the hashes are read without building Python strings."""
    key = (tok.lemma, tok.orth, tok.pos == VERB)
    found = _KEYS_CACHE.get(key)
    if found is None:
        if len(_KEYS_CACHE) >= _KEYS_CACHE_MAX:
            _KEYS_CACHE.clear()
        found = _KEYS_CACHE[key] = tuple(_keys(tok))
    return found


def _keys(tok: Token) -> list[str]:
    lemma = tok.lemma_.lower()
    low = tok.text.lower()
    out = [lemma] if lemma else []
    if low not in out:
        out.append(low)
    if (tok.text.isupper() or tok.pos_ == "VERB") and len(low) > 4:
        for suf, rep in (("ed", ""), ("ed", "e"), ("s", ""), ("ing", ""), ("ing", "e")):
            if low.endswith(suf) and low[: -len(suf)] + rep not in out:
                out.append(low[: -len(suf)] + rep)
    return out


def sentence_keys(sent: Any) -> frozenset[str]:
    """The lookup keys of every word of a sentence. Several rules ask this of the same sentence for each of its
    candidates, so it is built once per sentence and kept with the parse (``user_data``, gone with the Doc)."""
    cache = sent.doc.user_data.setdefault("newsgraph.sentence_keys", {})
    span = (sent.start, sent.end)
    found = cache.get(span)
    if found is None:
        found = cache[span] = frozenset(k for t in sent for k in keys(t))
    return found


def children(tok: Token, deps: Iterable[str]) -> list[Token]:
    ds = set(deps)
    return [c for c in tok.children if c.dep_ in ds]


def first_child(tok: Token, deps: Iterable[str]) -> Token | None:
    found = children(tok, deps)
    return found[0] if found else None


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in tok.children)


TARGET_PREP_WORDS = frozenset({"at", "on", "upon", "into", "toward", "towards"})


def is_reduced_passive(tok: Token, reducible: frozenset[str]) -> bool:
    """A passive with its 'was' left out: 'a farmer killed by a landmine' (participle with an agent), or a
    headline 'Woman killed in Kabul blast' / 'Policeman shot dead' (a harm verb with a subject, no auxiliary, no
    object and no target preposition — English does not use these verbs intransitively)."""
    if tok.pos_ != "VERB" or is_passive(tok):
        return False
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children):
        return True
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ == "ROOT" and set(keys(tok)) & reducible:
        return True  # a headline with no finite verb: 'Teacher killed in Mogadishu blast'
    if tok.dep_ != "ROOT" or not set(keys(tok)) & reducible:
        return False
    kids = list(tok.children)
    return (any(c.dep_ == "nsubj" and c.i < tok.i for c in kids)
            and not any(c.dep_ in ("aux", "dobj", "obj", "dative", "ccomp", "xcomp") for c in kids)
            and not any(c.dep_ == "prep" and c.lower_ in TARGET_PREP_WORDS for c in kids)
            and not any(c.dep_ == "conj" and c.pos_ == "VERB" and first_child(c, ("nsubj",)) is None
                        for c in kids)  # 'the army killed and wounded scores of fighters' shares an object
            and not any(t.lower_ in ("has", "have", "had", "is", "are", "was", "were", "will") for t in tok.sent))


def semantic_head(tok: Token) -> Token:
    """'hundreds of people' -> people, 'part of a stronghold' -> stronghold: the noun that carries the meaning."""
    for _ in range(2):
        if tok.lemma_.lower() in QUANTIFIER_HEADS or tok.like_num:
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = first_child(of, ("pobj",)) if of is not None else None
            if pobj is None:
                break
            tok = pobj
        else:
            break
    return tok


def object_child(tok: Token) -> Token | None:
    """The direct object child, skipping a misparsed relative pronoun ('... that forces set up a post')."""
    objs = [c for c in children(tok, OBJ_DEPS) if c.lower_ not in RELATIVE_PRONOUNS]
    return objs[-1] if objs else None


def direct_object(tok: Token) -> Token | None:
    """The verb's direct object, or its passive subject (what the action is done to)."""
    obj = object_child(tok)
    if obj is None:
        obj = first_child(tok, PASS_SUBJ_DEPS)
    if obj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":  # 'the city captured by the army'
        obj = tok.head
    if obj is None:  # 'released the workers unharmed' (parsed as a small clause)
        small = next((c for c in tok.children if c.dep_ in ("ccomp", "oprd") and c.pos_ == "ADJ"), None)
        if small is not None:
            obj = first_child(small, ("nsubj",))
    if obj is None:  # 'allowed aid convoys to enter' (the object parsed as the infinitive's subject)
        inf = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if inf is not None:
            obj = first_child(inf, ("nsubj",))
    return semantic_head(obj) if obj is not None else None


def prep_objects(tok: Token, preps: Iterable[str] | None = None) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs under a token: 'fired on the crowd' -> ('on', crowd)."""
    allowed = set(preps) if preps is not None else None
    for c in tok.children:
        if c.dep_ not in ("prep", "agent", "dative"):
            continue
        p = c.lower_
        if allowed is not None and p not in allowed:
            continue
        for pobj in children(c, ("pobj",)):
            yield p, semantic_head(pobj)


def verb_subject(tok: Token, depth: int = 0) -> Token | None:
    """The active subject of a verb, inherited through xcomp / conj / purpose clauses; relative pronouns -> head."""
    subj = first_child(tok, SUBJ_DEPS)
    if subj is not None:
        if subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
            return tok.head
        return subj
    if depth >= 3 or tok.head.i == tok.i:
        return None
    if tok.dep_ in ("xcomp", "conj", "advcl", "pcomp") or (tok.dep_ == "acomp"):
        head = tok.head
        if tok.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            if tok.dep_ == "conj" and is_passive(head) and not is_passive(tok):
                return None
            return verb_subject(head, depth + 1)
    if tok.dep_ == "xcomp" or tok.head.dep_ == "acomp":
        return verb_subject(tok.head, depth + 1)
    if tok.dep_ == "relcl":
        return tok.head
    return None


def agent(tok: Token) -> Token | None:
    """'attacked by X' -> X."""
    for c in tok.children:
        if c.dep_ == "agent":
            pobj = first_child(c, ("pobj",))
            if pobj is not None:
                return pobj
    return None


def has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in tok.children)


def aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def clause_root(tok: Token) -> Token:
    """The head of the clause a token sits in (the verb whose arguments are that clause's evidence)."""
    cur = tok
    for _ in range(40):
        if cur.pos_ in ("VERB", "AUX") and (cur.dep_ in CLAUSE_DEPS or cur.dep_ in ("ROOT", "conj", "xcomp", "acl")):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def event_clause(anchor: Token) -> set[int]:
    """The clause an event's evidence may come from; a subjectless participle or infinitive ('..., killing
    nine') shares its host clause, since it reports part of the same event."""
    root = clause_root(anchor)
    keep = clause_tokens(root)
    if root.dep_ in ("advcl", "xcomp", "conj") and first_child(root, ("nsubj", "nsubjpass")) is None \
            and root.head.i != root.i:
        keep |= clause_tokens(clause_root(root.head))
    return keep


def clause_tokens(root: Token) -> set[int]:
    """Token indices of a clause: the root's subtree minus embedded clauses with their own verbs."""
    keep: set[int] = set()
    stack = [root]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        for c in t.children:
            if c.dep_ in CLAUSE_DEPS:
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and t.i == root.i:
                continue
            stack.append(c)
    return keep


NP_SKIP = frozenset({"relcl", "acl", "advcl", "punct", "prep", "ccomp", "xcomp", "mark", "aux", "neg"})


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase of a head: modifiers, coordination, apposition and 'of'-phrases, not clauses."""
    keep: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        keep.append(t)
        for c in t.children:
            of_phrase = c.dep_ == "prep" and c.lower_ == "of" and t.i == head.i
            inner_punct = c.dep_ == "punct" and c.text in ("-", "/", "'", "’") and t.i != head.i  # '72-hour'
            if of_phrase or inner_punct or (c.dep_ == "pobj" and t.dep_ == "prep") or c.dep_ not in NP_SKIP:
                stack.append(c)
    return keep


BRIDGE_PUNCT = frozenset({",", "(", ")", "-", "'", "’", "/"})


def np_span(head: Token) -> tuple[int, int]:
    """Character span of the contiguous noun phrase around ``head`` (trimmed of edge punctuation)."""
    idx = {t.i for t in np_tokens(head)}
    doc = head.doc
    lo = hi = head.i
    while lo - 1 in idx or (lo - 1 >= 0 and doc[lo - 1].text in BRIDGE_PUNCT and lo - 2 in idx):  # 'X (Y) forum'
        lo -= 1
    while hi + 1 in idx or (hi + 2 < len(doc) and doc[hi + 1].text in BRIDGE_PUNCT and hi + 2 in idx):  # 'X, the envoy,'
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)
