"""Find attribution candidates (source, cue, content) in one dependency parse.

The method: every verb whose lemma is a likely cue (mined precision above a threshold) is a candidate; its
grammatical subject is the source (inherited through 'appeared to suggest', 'saying', 'quoted X as saying') and
its complement is the content; when the complement comes first ('..., X said') the clause before the cue is the
content. 'according to X', colons ('X said:' + quotation, headline 'X: ...') and quotations running over several
sentences are handled on top. All spans are character offsets into the document text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.attrib.lexicon import CueLexicon
from newsgraph.spans import RangeIndex
from newsgraph.types import Offsets

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# complements that carry what is said, believed or wanted
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "obj", "prep", "oprd", "attr", "acomp", "dative", "pcomp"})
# speech verbs whose content is a clause or a quotation, never a bare prepositional phrase ('said on Tuesday')
CLAUSAL_ONLY = frozenset({
    "say", "tell", "add", "write", "state", "note", "explain", "insist", "argue", "claim", "report", "reply",
    "respond", "continue", "tweet", "post", "recall", "acknowledge", "admit", "declare", "announce", "stress",
    "emphasize", "warn", "predict", "conclude", "suggest", "believe", "think", "assert", "contend", "speculate",
    "maintain", "reiterate", "confirm", "deny", "agree", "answer", "observe", "remark", "joke", "quip",
})
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl"})
# 'issued a statement denying ...', 'released a communique saying ...': the participle speaks for the issuer
ISSUED_NOUNS = frozenset({"statement", "commentary", "communique", "communiqué", "release", "note", "letter",
                          "declaration", "report", "bulletin", "notice"})
ISSUE_VERBS = frozenset({"issue", "release", "publish", "put", "send", "post", "circulate", "distribute"})
PRO_FORMS = frozenset({"this", "that", "it", "these", "those", "them"})
QUOTE_VERBS = frozenset({"quote", "cite"})
SPECULATIVE_AUX = frozenset({"may", "might", "could", "would"})
SPECULATIVE_ADV = frozenset({"reportedly", "possibly", "perhaps", "probably", "likely", "allegedly", "apparently"})
NEG = frozenset({"not", "n't", "never", "no"})
MAX_INHERIT = 4
# prepositions whose gerund shares the main verb's subject ('by saying', 'after praising'); not 'for' or 'of',
# whose gerund often belongs to the object ('criticised Ana for saying')
FRAMING_PREPS = frozenset({"by", "after", "before", "while", "without", "in", "when", "since", "despite"})
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "«", "»"})


@dataclass(slots=True)
class Candidate:
    """One attribution found in the parse, before typing, linking and nesting."""

    cue: Offsets
    content: Offsets
    source: Offsets | None
    source_head: int | None  # token index of the source's head word (for entity linking)
    cue_head: int  # token index of the cue's main word, -1 for punctuation cues found without the parse
    lemma: str
    stance: str
    weight: float
    frame: str = ""
    parent: int | None = None


def tok_offsets(doc: Doc, first: int, last: int) -> Offsets:
    """Character offsets of tokens first..last (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last])


def trim_tokens(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Drop punctuation and whitespace tokens at both ends; None if nothing is left."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return (first, last) if first <= last else None


def find_subject(tok: Token) -> Token | None:
    """The speaker of a cue verb: its subject, a passive agent, or the subject it shares with the verb it hangs on."""
    cur = tok
    for _ in range(MAX_INHERIT):
        subjects = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if subjects:  # two subjects means a misparse; the one nearest the verb is the speaker
            return min(subjects, key=lambda c: abs(c.i - cur.i))
        for child in cur.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if cur.dep_ == "pcomp" and cur.head.lower_ == "as" and cur.head.head.lemma_ in QUOTE_VERBS:
            objs = [c for c in cur.head.head.children if c.dep_ in ("dobj", "obj")]
            return objs[0] if objs else None
        if cur.dep_ == "acl" and cur.head.lemma_.lower() in ISSUED_NOUNS and cur.head.dep_ in ("dobj", "obj") \
                and cur.head.head.lemma_.lower() in ISSUE_VERBS:
            cur = cur.head.head  # 'X issued a statement denying ...': the issuer speaks, not the statement
            continue
        if cur.dep_ == "acl" and cur.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return cur.head
        if cur.dep_ == "pcomp" and cur.head.lower_ in FRAMING_PREPS and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head  # 'responded by saying', 'after praising X': the subject of the verb it hangs on
            continue
        if cur.dep_ not in INHERIT_DEPS or cur.head.i == cur.i:
            return None
        if any(c.dep_ == "nsubjpass" for c in cur.children):
            return None
        cur = cur.head
    return None


def subject_span(doc: Doc, subj: Token, cue: Token) -> tuple[int, int] | None:
    """Token range of the source phrase, kept on the subject's side of the cue."""
    first, last = subj.left_edge.i, subj.right_edge.i
    if subj.i < cue.i:
        last = min(last, cue.i - 1)
    else:
        first = max(first, cue.i + 1)
    relay = [c for c in subj.children if c.dep_ == "acl" and c.i > subj.i and c.lemma_.lower() in QUOTE_VERBS
             and c.i > 0 and doc[c.i - 1].text == ","]
    if relay and relay[0].i <= last:
        last = relay[0].i - 2  # 'The Courier, quoting officials, reported': the outlet without its relay clause
    if subj.dep_ == "acl" or (subj.i != cue.i and cue.dep_ == "acl" and subj.i == cue.head.i):
        # 'Trump, saying ...': the noun without the participle clause it heads
        first, last = subj.i, subj.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == subj.i:
            first -= 1
    return trim_tokens(doc, first, last)


def cue_span(tok: Token) -> Offsets:
    """The cue verb with its auxiliaries, negation and particle ('has not said', 'called for')."""
    first = last = tok.i
    for child in tok.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < tok.i and child.i >= tok.i - 3:
            first = min(first, child.i)
        if child.dep_ == "prt" and child.i == last + 1:
            last = child.i
    return tok_offsets(tok.doc, first, last)


def for_clause(tok: Token) -> bool:
    """'called for the rivals to drop out': the parser hangs the for-to clause as an adverbial clause with 'for'
    as its marker; it is the demand's content all the same."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children)


def content_after(tok: Token, lemma: str) -> tuple[tuple[int, int], str] | None:
    """Token range of the complement(s) that follow the cue, and the frame that found them."""
    after = [c for c in tok.children if c.i > tok.i and (c.dep_ in CONTENT_DEPS or for_clause(c))]
    ccomps = [c for c in after if c.dep_ in ("ccomp", "xcomp")]
    if ccomps:
        chosen, frame = ccomps, ccomps[0].dep_
    elif lemma in CLAUSAL_ONLY:
        chosen = [c for c in after if c.dep_ in ("dobj", "obj") and (c.pos_ != "PRON" or (
            lemma == "deny" and c.lower_ in PRO_FORMS))]  # 'Beijing denied this': the pro-form is the claim
        frame = "obj"
        if not chosen:
            stray = stray_that_clause(tok)
            if stray is not None:
                chosen, frame = [stray], "ccomp"
        if lemma == "tell":
            chosen = []
    else:
        chosen = [c for c in after if c.dep_ != "dative" or len(after) == 1]
        deps = {c.dep_ for c in chosen}
        frame = "obj" if deps & {"dobj", "obj"} else "prep" if deps == {"prep"} else "other"
    if not chosen:
        return None
    first = min(c.left_edge.i for c in chosen)
    last = max(c.right_edge.i for c in chosen)
    rng = trim_tokens(tok.doc, first, last)
    return (rng, frame) if rng is not None else None


def stray_that_clause(tok: Token) -> Token | None:
    """'X said in a statement that C': the small parser often hangs 'that C' on 'statement' as a relative clause;
    a that-clause with a subject of its own after 'in a statement / an interview' is the speech verb's content."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.i < tok.i or prep.lower_ not in ("in", "on", "during"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for rel in pobj.children:
                if rel.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" or (c.lower_ == "that" and c.i < rel.i)
                                                         for c in rel.children) \
                        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in rel.children):
                    return rel
    return None


def content_before(tok: Token, sent: Span, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """Token range of the clause a trailing or parenthetical cue refers to ('..., X said', 'A, X said, is B')."""
    doc = tok.doc
    before = [c for c in tok.children if c.i < tok.i and c.dep_ in ("ccomp", "parataxis", "dep")]
    if before:
        first = min(c.left_edge.i for c in before)
        last = max(c.right_edge.i for c in before)
        if source and source[0] > last:
            last = min(last, source[0] - 1)
        return trim_tokens(doc, first, min(last, tok.i - 1))
    if tok.dep_ in ("parataxis", "ccomp") and tok.head.i != tok.i:
        head = tok.head
        first, last = head.left_edge.i, head.right_edge.i
        first = max(first, sent.start)
        last = min(last, sent.end - 1)
        return trim_tokens(doc, first, last)
    return None


def as_clause_content(tok: Token, sent: Span) -> tuple[int, int] | None:
    """'As the Times reported, C' / 'C, as she noted': the clause the as-clause hangs on, without the as-clause."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    head = tok.head
    first, last = max(head.left_edge.i, sent.start), min(head.right_edge.i, sent.end - 1)
    a_first, a_last = tok.left_edge.i, tok.right_edge.i
    if a_first <= first:
        first = a_last + 1
    elif a_last >= last:
        last = a_first - 1
    else:
        return None
    return trim_tokens(tok.doc, first, last)


def colon_content(tok: Token, sent: Span) -> tuple[int, int] | None:
    """'X said:' — the content is whatever follows the colon (to sentence end; quotations extend it later)."""
    doc = tok.doc
    j = tok.right_edge.i + 1 if tok.right_edge.i > tok.i and doc[tok.right_edge.i].is_punct else tok.i + 1
    for k in (tok.i + 1, j):
        if k < len(doc) and doc[k].text == ":":
            rest = trim_tokens(doc, k + 1, sent.end - 1) if k + 1 < sent.end else None
            return rest if rest is not None else (k, k)  # colon ends the clause: the caller looks past it
    return None


def _quote_between(doc: Doc, first: int, last: int) -> bool:
    """Whether a quotation mark stands between two tokens (inclusive): the mark of a split direct quote."""
    return any(doc[i].text in QUOTE_MARKS for i in range(first, min(last + 1, first + 12)))


def stance_of(tok: Token, lemma: str, lex: CueLexicon) -> str:
    """Stance from the cue word, sharpened by a modal or hedge on it ('may have said' -> speculate)."""
    stance = lex.stance(lemma)
    if stance in ("assert", "believe"):
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in SPECULATIVE_AUX:
                return "speculate"
            if child.dep_ == "advmod" and child.lower_ in SPECULATIVE_ADV:
                return "speculate"
    if stance == "question" and lemma == "ask":
        # 'asked for money' is a request, 'asked whether' a question; keep the word's stance either way
        return "question"
    return stance


def doc_text(doc: Doc) -> str:
    """The parsed text, read once per document: spaCy rebuilds ``Doc.text`` from every token on each read, which
    made one lookup per cue verb cost the whole document (quadratic on long texts)."""
    cached = doc.user_data.get("newsgraph.text")
    if cached is None or len(cached) != doc[-1].idx + len(doc[-1].text_with_ws):
        cached = doc.user_data["newsgraph.text"] = doc.text
    return cached


def adjacent_quote(text: str, quotes: list[Offsets], anchor: int) -> Offsets | None:
    """The quotation that ends right before a trailing source or cue ('"...," Ana Ruiz, 25, said'), for when
    the parser has cut the quotation off into sentences of its own."""
    i = bisect_right(quotes, (anchor, anchor)) - 1
    while i >= 0 and quotes[i][1] > anchor:
        i -= 1
    if i < 0:
        return None
    qs, qe = quotes[i]
    gap = text[qe:anchor]
    if len(gap) <= 3 and all(ch.isspace() or ch in ",;—–-" for ch in gap):
        return (qs, qe)
    return None


_STARTS: list = [None, {}]


def _quote_starts(quotes: list[Offsets]) -> dict[int, Offsets]:
    """Quotation by start offset, built once per document's quotation list (not once per cue verb)."""
    if _STARTS[0] is not quotes:
        _STARTS[:] = [quotes, {qs: (qs, qe) for qs, qe in quotes}]
    return _STARTS[1]


def quote_after(tok: Token, sent: Span, quotes: list[Offsets]) -> Offsets | None:
    """'X told reporters on Monday, "..."': a quotation opening right after the cue's own modifiers."""
    doc = tok.doc
    starts = _quote_starts(quotes)
    for j in range(tok.i + 1, min(sent.end, tok.i + 16)):
        t = doc[j]
        if t.idx in starts and t.text[:1] in "“\"«":
            return starts[t.idx]
        if t.is_punct or t.is_space:
            continue
        anc, hops = t, 0
        while anc.i != tok.i and anc.head.i != anc.i and hops < 6 and anc.dep_ not in ("ccomp", "xcomp", "conj"):
            anc, hops = anc.head, hops + 1
        if anc.i != tok.i:
            return None
    return None


HEDGE_VERBS = frozenset({"seem", "appear"})
# passives that report an unnamed consensus or expectation when they have no 'by' agent ('X is expected to win')
AGENTLESS_PASSIVES = frozenset({"expect", "believe", "think", "consider", "say", "know", "suppose", "rumor",
                                "report", "predict", "project", "see", "estimate", "view", "regard", "deem"})
# agentless passives with a that-clause: the news came out, nobody is named as its source
DISCLOSURE_PASSIVES = frozenset({"reveal", "announce", "disclose", "confirm", "learn", "allege", "report", "claim",
                                 "say", "believe", "expect", "rumor", "show", "find", "state", "suggest"})
# participles that hang a name on a noun ('a contest known as X', 'a group called Y'): the many who call it so
NAMING_VERBS = frozenset({"know", "call", "dub", "name", "title", "label", "nickname", "term", "brand"})


HEDGE_LEMMAS = HEDGE_VERBS | AGENTLESS_PASSIVES | DISCLOSURE_PASSIVES | NAMING_VERBS | {"ask"}


def hedge_candidate(tok: Token, sent: Span, lex: CueLexicon, threshold: float) -> Candidate | None:
    """Attributions without a speaker: 'X appears to be Y', 'it seems that Y', 'X is expected to win', 'Asked
    about Y, ...'. Nobody is named, so the source is null; the content is the whole clause for hedges and
    agentless passives, and the question for 'asked'."""
    lemma = tok.lemma_.lower()
    if lemma not in HEDGE_LEMMAS:  # every frame below needs one of these verbs: most verbs stop here, unread
        return None
    doc = tok.doc
    kids = list(tok.children)
    deps = {c.dep_ for c in kids}
    if "agent" in deps:
        return None
    if lemma in HEDGE_VERBS and deps & {"xcomp", "oprd", "acomp", "ccomp"}:
        frame = "hedge"
    elif lemma in AGENTLESS_PASSIVES and tok.tag_ == "VBN" and "nsubjpass" in deps and (
            deps & {"xcomp", "oprd"} or any(c.dep_ == "prep" and c.lower_ == "as" for c in kids)):
        frame = "passive-none"
    elif lemma in DISCLOSURE_PASSIVES and tok.tag_ == "VBN" and "auxpass" in deps and "ccomp" in deps:
        frame = "passive-none"  # 'it was revealed that X', 'was announced that X'
    elif lemma in NAMING_VERBS and tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        frame = "naming"
    elif lemma == "ask" and tok.tag_ == "VBN" and ("nsubjpass" in deps or (tok.dep_ == "advcl" and not deps
                                                                          & SUBJECT_DEPS)):
        frame = "asked"
    else:
        return None
    if frame == "naming":  # 'a group known as X': the whole noun phrase is what the unnamed many call it
        rng = clip(trim_tokens(doc, tok.head.left_edge.i, tok.right_edge.i), sent)
    elif frame == "asked":
        comps = [c for c in kids if c.i > tok.i and c.dep_ in ("ccomp", "xcomp", "dobj", "prep", "oprd", "advcl")]
        if not comps:
            return None
        comp = comps[0]
        first = comp.i + 1 if comp.dep_ == "prep" else comp.left_edge.i
        rng = clip(trim_tokens(doc, first, comp.right_edge.i), sent)
    else:
        subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        comp = [c for c in kids if c.i > tok.i and (c.dep_ in ("xcomp", "oprd", "acomp", "ccomp")
                                                    or (c.dep_ == "prep" and c.lower_ == "as"))]
        if not comp:
            return None
        expletive = subj and subj[0].lower_ == "it" and comp[0].dep_ == "ccomp"
        first = comp[0].left_edge.i if expletive or not subj else min(subj[0].left_edge.i, comp[0].left_edge.i)
        rng = clip(trim_tokens(doc, first, comp[-1].right_edge.i), sent)
    if rng is None:
        return None
    frame = f"{frame}/none"
    weight = lex.frame_weight(lemma, tok.pos_, frame)
    if weight < threshold:
        return None
    return Candidate(cue=cue_span(tok), content=tok_offsets(doc, *rng), source=None, source_head=None,
                     cue_head=tok.i, lemma=lemma, stance="speculate" if frame.startswith("hedge") else "assert",
                     weight=weight, frame=frame)


def quoting_verb_candidate(tok: Token, sent: Span, quotes: list[Offsets]) -> Candidate | None:
    """A verb the cue lexicon does not know ('barked', 'beamed', 'shot back') framing a direct quotation: the
    quotation right after it ('X barked: “...”') or right before its speaker ('“...,” X beamed') makes it a
    speech verb in this use."""
    subj = find_subject(tok)
    if subj is None or subj.head.i != tok.i or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if not sent.start <= subj.i < sent.end:
        return None
    src = clip(subject_span(tok.doc, subj, tok), sent)
    if src is None:
        return None
    doc = tok.doc
    quoted, frame = quote_after(tok, sent, quotes), "quote-after/unknown"
    if quoted is None and subj.i > tok.i - 4:
        quoted, frame = adjacent_quote(doc_text(doc), quotes, min(doc[src[0]].idx, tok.idx)), "quote/unknown"
    if quoted is None:
        return None
    lemma = tok.lemma_.lower()
    return Candidate(cue=cue_span(tok), content=quoted, source=tok_offsets(doc, *src), source_head=subj.i,
                     cue_head=tok.i, lemma=lemma, stance="assert", weight=0.5, frame=frame)


def verb_candidate(tok: Token, sent: Span, lex: CueLexicon, threshold: float,
                   quotes: list[Offsets] = ()) -> Candidate | None:
    """A cue verb with its source and content, or None when the frame is incomplete or unlikely."""
    lemma = tok.lemma_.lower()
    hedge = hedge_candidate(tok, sent, lex, threshold)
    if hedge is not None:
        return hedge
    if lex.weight(lemma, tok.pos_) <= 0.0 and threshold >= 0:
        return quoting_verb_candidate(tok, sent, quotes) if quotes else None
    doc = tok.doc
    subj = find_subject(tok)
    if subj is None or subj.i == tok.i or not sent.start <= subj.i < sent.end:
        return None
    src = clip(subject_span(doc, subj, tok), sent)
    if src is None:
        return None
    found = content_after(tok, lemma)
    content, frame = (clip(found[0], sent), found[1]) if found else (None, "")
    if subj.head.dep_ == "agent" and subj.head.head.i == tok.i:
        # 'X was endorsed by Y': Y is the source, the passive subject X what the cue is about
        patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not patients:
            return None
        content = clip(trim_tokens(doc, patients[0].left_edge.i, patients[0].right_edge.i), sent)
        frame = "passive"
    quoted = None
    if content is None and lemma in CLAUSAL_ONLY:
        so = next((c for c in tok.children if c.i > tok.i and c.dep_ == "advmod" and c.lower_ == "so"), None)
        if so is not None:  # 'half said so', 'he thinks so': the pro-form stands for the claim
            content, frame = (so.i, so.i), "so"
    if content is None and lemma in CLAUSAL_ONLY:
        quoted = quote_after(tok, sent, quotes)
        if quoted is not None:
            content, frame = (tok.i, tok.i), "quote-after"
    if content is None:
        colon = colon_content(tok, sent)
        if colon is not None:
            content, frame = colon, "colon"
        else:
            content, frame = clip(content_before(tok, sent, src), sent), "before"
            if content is None:
                rng = as_clause_content(tok, sent)
                if rng is not None:
                    content, frame = rng, "as"
    if content is None and quoted is None:
        quoted = adjacent_quote(doc_text(doc), quotes, min(doc[src[0]].idx, tok.idx))
        if quoted is None:
            return None
        content, frame = (tok.i, tok.i), "quote"
    if frame == "ccomp":
        # '"A," X said, "B."': one quotation split by the cue; its content is the hull of both parts
        before = [c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i]
        if before and before[0].left_edge.i >= sent.start and _quote_between(tok.doc, before[0].right_edge.i, tok.i):
            content = (before[0].left_edge.i, content[1])
    if content[0] <= src[0] <= content[1] and content[0] <= src[1] <= content[1] and not (
            content[0] <= tok.i <= content[1]):
        return None
    frame = f"{frame}/{'own' if subj.head.i == tok.i or frame == 'passive' else 'shared'}"
    weight = lex.frame_weight(lemma, tok.pos_, frame)
    if weight < threshold:
        return None
    src_off = tok_offsets(doc, *src)
    if quoted is not None:
        c_off = quoted
    elif content[0] == content[1] and doc[content[0]].text == ":":
        c_off = (doc[content[0]].idx + 1, doc[content[0]].idx + 1)
    else:
        c_off = tok_offsets(doc, *content)
    return Candidate(cue=cue_span(tok), content=c_off, source=src_off, source_head=subj.i, cue_head=tok.i,
                     lemma=lemma, stance=stance_of(tok, lemma, lex), weight=weight, frame=frame)


NOUN_CONTENT_PREPS = frozenset({"of", "about", "for", "on", "against", "over", "to", "that", "with"})


def noun_candidate(tok: Token, sent: Span, lex: CueLexicon, threshold: float) -> Candidate | None:
    """A cue noun: 'Trump's claim that ...', 'her criticism of ...', 'a call by the union for ...'."""
    lemma = tok.lemma_.lower()
    if lex.weight(lemma, "NOUN") <= 0.0 and threshold >= 0:
        return None
    doc = tok.doc
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if owner is None and by is not None:
        owner = next((g for g in by.children if g.dep_ == "pobj"), None)
    kind = "own"
    if owner is not None and tok.dep_ == "pobj" and tok.head.lower_ in VIEW_PREPS and tok.head.i < tok.i:
        inview = view_candidate(tok, owner, sent, lex, lemma, threshold)
        if inview is not None:
            return inview
    if owner is None and tok.dep_ in ("dobj", "obj") and tok.head.pos_ in ("VERB", "AUX"):
        owner, kind = find_subject(tok.head), "light"  # 'officials have questions about X', 'X voiced concern'
        if owner is not None and owner.i > tok.i:
            owner = None
    if owner is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        owner, kind = find_subject(tok.head.head), "pp"  # 'X raised money in support of Y', 'in response to Y, X ...'
        if owner is not None and not sent.start <= owner.i < sent.end:
            owner = None
    if owner is None:
        kind = "none"  # 'claims of fraud', 'criticism for failing to act': nobody named
    elif not sent.start <= owner.i < sent.end:
        return None
    content_kids = [c for c in tok.children if c.i > tok.i and (
        c.dep_ in ("acl", "ccomp") or (c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS))]
    if not content_kids:
        return None
    kid = content_kids[0]
    content = clip(trim_tokens(doc, kid.left_edge.i, kid.right_edge.i), sent)
    src = clip(trim_tokens(doc, owner.left_edge.i, owner.right_edge.i), sent) if owner is not None else None
    if content is None or (src is None and owner is not None):
        return None
    if kid.dep_ == "prep":  # the preposition is part of the cue ('criticism of'), its object the content
        inner = clip(trim_tokens(doc, kid.i + 1, kid.right_edge.i), sent)
        content = inner if inner is not None else content
    frame = f"noun-{kid.dep_}/{kind}"
    weight = lex.frame_weight(lemma, "NOUN", frame)
    if weight < threshold:
        return None
    return Candidate(cue=tok_offsets(doc, tok.i, tok.i), content=tok_offsets(doc, *content),
                     source=tok_offsets(doc, *src) if src is not None else None,
                     source_head=owner.i if owner is not None else None, cue_head=tok.i, lemma=lemma,
                     stance=lex.stance(lemma), weight=weight, frame=frame)


VIEW_PREPS = frozenset({"in", "to"})


def view_candidate(tok: Token, owner: Token, sent: Span, lex: CueLexicon, lemma: str,
                   threshold: float) -> Candidate | None:
    """'In Smith's view, C' / 'C, in her words': the cue noun sits in a prepositional phrase on the clause it
    attributes, so the content is that clause without the phrase (like 'according to')."""
    doc = tok.doc
    prep = tok.head
    clause = prep.head
    if clause.i == prep.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    src = clip(trim_tokens(doc, owner.left_edge.i, owner.right_edge.i), sent)
    first, last = max(clause.left_edge.i, sent.start), min(clause.right_edge.i, sent.end - 1)
    p_first, p_last = prep.i, tok.right_edge.i
    if p_first <= first:
        first = p_last + 1
    elif p_last >= last:
        last = p_first - 1
    else:
        return None  # a phrase in the middle of its clause is rarely a frame of the whole clause
    content = clip(trim_tokens(doc, first, last), sent)
    if content is None or src is None:
        return None
    frame = "noun-view/own"
    weight = lex.frame_weight(lemma, "NOUN", frame)
    if weight < threshold:
        return None
    return Candidate(cue=tok_offsets(doc, prep.i, tok.i), content=tok_offsets(doc, *content),
                     source=tok_offsets(doc, *src), source_head=owner.i, cue_head=tok.i, lemma=lemma,
                     stance=lex.stance(lemma), weight=weight, frame=frame)


COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "grow", "sound", "look", "feel", "stay"})
ADJ_CONTENT_PREPS = frozenset({"about", "of", "on", "over", "with", "in", "for", "to", "that", "toward", "towards",
                               "at", "against"})


def adjective_candidate(tok: Token, sent: Span, lex: CueLexicon, threshold: float) -> Candidate | None:
    """A stance adjective predicated of someone: 'X is worried about Y', 'X seems confident that Y', 'X has been
    critical of Y'. The source is the copula's subject; the cue runs from the copula to the preposition."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.adjectives and tok.lower_ not in lex.adjectives:
        return None
    if tok.dep_ not in ("acomp", "oprd") or tok.head.lemma_.lower() not in COPULAS:
        return None
    doc = tok.doc
    verb = tok.head
    subj = find_subject(verb)
    if subj is None or not sent.start <= subj.i < sent.end or subj.i > tok.i:
        return None
    kids = [c for c in tok.children if c.i > tok.i and (
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in ADJ_CONTENT_PREPS))]
    if not kids:
        return None
    kid = kids[0]
    first = kid.i + 1 if kid.dep_ == "prep" else kid.left_edge.i
    content = clip(trim_tokens(doc, first, kid.right_edge.i), sent)
    src = clip(subject_span(doc, subj, verb), sent)
    if content is None or src is None:
        return None
    frame = f"adj-{kid.dep_}/own"
    weight = max(lex.frame_weight(lemma, "ADJ", frame), 0.3)
    if weight < threshold:
        return None
    cue_first = verb.i
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and verb.i - 3 <= child.i < verb.i:
            cue_first = min(cue_first, child.i)
    cue_last = kid.i if kid.dep_ == "prep" else tok.i
    return Candidate(cue=tok_offsets(doc, cue_first, cue_last), content=tok_offsets(doc, *content),
                     source=tok_offsets(doc, *src), source_head=subj.i, cue_head=tok.i, lemma=lemma,
                     stance="believe", weight=weight, frame=frame)


def according_candidate(tok: Token, sent: Span) -> Candidate | None:
    """'according to X, C' / 'C, according to X'."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    src = clip(trim_tokens(doc, obj.left_edge.i, obj.right_edge.i), sent)
    if src is None:
        return None
    phrase_first, phrase_last = tok.i, max(obj.right_edge.i, to.i)
    head = tok.head if tok.head.i != tok.i else None
    if head is not None and sent.start <= head.left_edge.i:
        first, last = head.left_edge.i, head.right_edge.i
    else:
        first, last = sent.start, sent.end - 1
    if phrase_first <= first:
        first = phrase_last + 1
    elif phrase_last >= last:
        last = phrase_first - 1
    content = clip(trim_tokens(doc, first, last), sent)
    if content is None:
        return None
    return Candidate(cue=tok_offsets(doc, tok.i, to.i), content=tok_offsets(doc, *content),
                     source=tok_offsets(doc, *src), source_head=obj.i, cue_head=tok.i, lemma="according to",
                     stance="assert", weight=0.9)


def clauses(parsed: Doc, allowed: RangeIndex) -> list[Span]:
    """Sentences cut at segment (paragraph) borders: the parser sometimes runs a sentence over a blank line,
    and an attribution never crosses a paragraph."""
    out: list[Span] = []
    for sent in parsed.sents:
        first, seg = None, None
        for tok in sent:
            if tok.is_space and seg is not None:
                continue
            here = allowed.find(tok.idx)
            if here != seg:
                if seg is not None and first is not None:
                    out.append(parsed[first:tok.i])
                first, seg = tok.i, here
        if seg is not None and first is not None:
            out.append(parsed[first:sent.end])
    return [s for s in out if len(s) and not all(t.is_space for t in s)]


def clip(rng: tuple[int, int] | None, sent: Span) -> tuple[int, int] | None:
    """A token range cut to the clause, None if nothing remains."""
    if rng is None:
        return None
    first, last = max(rng[0], sent.start), min(rng[1], sent.end - 1)
    return (first, last) if first <= last else None


def parse_candidates(parsed: Doc, lex: CueLexicon, allowed: RangeIndex, threshold: float,
                     quotes: list[Offsets] = ()) -> list[Candidate]:
    """Every verb and 'according to' candidate in the extractable text of one parse."""
    out: list[Candidate] = []
    for sent in clauses(parsed, allowed):
        for tok in sent:
            cand = None
            if tok.lower_ == "according":
                cand = according_candidate(tok, sent)
            elif tok.pos_ in ("VERB", "AUX"):
                cand = verb_candidate(tok, sent, lex, threshold, quotes)
            elif tok.pos_ == "NOUN":
                cand = noun_candidate(tok, sent, lex, threshold)
            elif tok.pos_ == "ADJ":
                cand = adjective_candidate(tok, sent, lex, threshold)
            if cand is not None:
                out.append(cand)
    return out
