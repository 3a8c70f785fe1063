"""Attributions: who says (believes, wants, found) what, through whom — source / cue / content with nesting.

Reads the one dependency parse and the entities layer. Candidates come from cue verbs (a lexicon mined from an
annotated corpus, with precision and stance), cue nouns (with a possessor, a light verb's subject, the subject of
the verb their phrase hangs on, or nobody), stance adjectives ('worried about'), speakerless hedges and passives
('appears to', 'is expected to', 'known as'), 'according to' / 'in X's view' / 'as X reported', colons (headline
'Name: claim', mid-line 'Name: “quote”', a lead-in paragraph ending in a colon) and Title Case headline verbs
(``newsgraph.attrib.extract``); contents are widened to whole quotations (``newsgraph.attrib.quotes``); sources
are typed and linked to entities, pronouns and role nouns (``newsgraph.attrib.sources``). A small logistic model
(``newsgraph.attrib.model``, weights shipped in ``lexicons/cue_model.tsv``) keeps the likely candidates; without
it the mined cue-word precision is thresholded. An attribution whose cue sits inside another's content is nested
under it (``parent``): 'the Times quoted officials as saying X' gives the Times -> officials; a cue inside a
quotation survives only as such a child. A relay ('X, citing Y, reported C') nests Y under X; denials keep stance
``deny`` with any complement ('denies targeting', 'denied this', 'a statement denying that ...').

Measured (PolNeAR dev, ``score.py``): relation-F1 0.76 (P 0.82 / R 0.70), content-F1 0.82, source-F1 0.80; on the
140 held-out train articles the lexicon and model never saw: relation-F1 0.77 (P 0.81 / R 0.72).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from newsgraph.attrib.extract import Candidate, parse_candidates
from newsgraph.attrib.lexicon import CueLexicon, load_lexicon
from newsgraph.attrib.model import CueModel, features, load_model
from newsgraph.attrib.quotes import quote_spans
from newsgraph.attrib.sources import SourceLinker
from newsgraph.context import Context
from newsgraph.document import Attribution, Document, Segment, Source
from newsgraph.segments.dateline import agencies_in
from newsgraph.spans import IntervalIndex, RangeIndex, extractable_ranges, index_of
from newsgraph.types import Offsets

THRESHOLD = 0.4  # cue-word precision needed when no re-ranking model is shipped
MODEL_THRESHOLD = 0.45  # probability a candidate needs under the re-ranker (tuned on dev, checked on held-out)
RELAY_LEMMAS = frozenset({"cite", "quote"})
STANCE_REACH = 3  # tokens into a content where a denial participle ('a statement denying ...') decides stance
DENIAL_THRESHOLD = 0.3  # a denial verb with its own subject and complement ('Moscow denies targeting civilians')
DENIAL_FRAMES = ("obj/", "ccomp/", "xcomp/")
PARENT_RATIO = 0.5  # an outer attribution must be at least half as likely as the one it would embed
HEADLINE_COLON = re.compile(r"^\s*([A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,4}?)\s*:\s+(\S.*?)\s*$", re.DOTALL)
NOT_SOURCES = frozenset({
    "watch", "exclusive", "breaking", "update", "video", "photos", "live", "analysis", "opinion", "editorial",
    "review", "fact check", "the latest", "latest", "explainer", "q&a", "timeline", "factbox", "correction", "read",
    "listen", "poll results",
})
SPEAKER_LABEL = re.compile(r"\s*[\"“]?\s*([A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,4})\s*(:|―|—|–)\s*(\S)")
TRAILING_SPEAKER = re.compile(r"(?<=[”\".!?])\s*(―|—|–|--)\s*([A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,4})[\s.]*(?=$|\n|[“\"])")
STRIP = " \t\n\"'“”‘’,.;:—–-"


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    if parsed is None:
        return
    lex: CueLexicon = ctx.resource("attrib.lexicon", load_lexicon)
    model: CueModel = ctx.resource("attrib.model", load_model)
    if model.empty:
        cands, quotes = find_candidates(doc, parsed, lex, THRESHOLD)
    else:
        cands, quotes = find_candidates(doc, parsed, lex, 0.0)
        cands = rerank(cands, model, parsed, doc)
    relays = relay_chains(cands, parsed)
    for cand in cands:
        cand.stance = complement_stance(cand, parsed, lex)
    cands.sort(key=lambda c: (c.cue[0], c.cue[1]))
    assign_parents(cands)
    index = {id(c): i for i, c in enumerate(cands)}
    for child, parent in relays:
        child.parent = index[id(parent)]
    cands = drop_orphans_in_quotes(cands, quotes)
    doc.attributions = build_records(doc, parsed, cands, lex)


def rerank(cands: list[Candidate], model: CueModel, parsed: Any, doc: Document) -> list[Candidate]:
    """Keep the candidates the model finds likely; their probability becomes their weight."""
    head_end = doc.segments[0].end if doc.segments else 0
    kept = []
    for cand in cands:
        prob = model.probability(features(cand, parsed, doc.text, head_end))
        if prob >= MODEL_THRESHOLD or (prob >= DENIAL_THRESHOLD and is_denial(cand)):
            cand.weight = prob
            kept.append(cand)
    return kept


def is_denial(cand: Candidate) -> bool:
    """A deny-stance cue verb with a source and an object or clause: news reports denials as claims of their own, but
    the re-ranker, trained on PolNeAR's mostly US political text, weighs denial frames it rarely saw too low."""
    return cand.stance == "deny" and cand.source is not None and cand.frame.startswith(DENIAL_FRAMES)


def find_candidates(doc: Document, parsed: Any, lex: CueLexicon, threshold: float
                    ) -> tuple[list[Candidate], list[Offsets]]:
    """All attribution candidates of a document with contents widened over quotations, one per cue, and the
    quotations (shared with the miner, so mined frame precision measures exactly what the stage proposes)."""
    allowed = RangeIndex(extractable_ranges(doc))
    quotes = quote_spans(doc.text)
    cands = parse_candidates(parsed, lex, allowed, threshold, quotes)
    cands.extend(headline_candidates(doc))
    cands.extend(headline_verb_candidates(doc, parsed, lex))
    cands.extend(speaker_label_candidates(doc, quotes))
    cands.extend(colon_quote_candidates(doc, parsed, quotes, allowed))
    for cand in cands:
        cand.content = widen_content(doc.text, cand.content, cand.cue, quotes)
    split_participles(cands, parsed, doc.text)
    cands = drop_copulas_of_adjectives(cands)
    return [c for c in dedupe(cands) if c.content[1] > c.content[0]], quotes


def drop_copulas_of_adjectives(cands: list[Candidate]) -> list[Candidate]:
    """'X is worried about Y' yields a candidate for 'is' (content 'worried about Y') and one for the stance
    adjective; the adjective's frame says more, so the copula's goes."""
    adj_cues = [c.cue for c in cands if c.frame.startswith("adj-")]
    if not adj_cues:
        return cands
    return [c for c in cands if c.frame.startswith("adj-")
            or not any(s <= c.cue[0] and c.cue[1] <= e for s, e in adj_cues)]


def split_participles(cands: list[Candidate], parsed: Any, text: str) -> None:
    """'X said A, adding B': the participle starts a second attribution by the same speaker, so the first content
    stops at the comma and the participle takes the outer speaker (not a subject it inherited from inside A)."""
    contents = IntervalIndex(p.content for p in cands)  # contents only shrink below, so it stays a superset
    for c in cands:
        if c.cue_head < 0 or not c.frame.endswith("/shared"):
            continue
        tok = parsed[c.cue_head]
        if tok.tag_ != "VBG" or tok.i == 0 or parsed[tok.i - 1].text != ",":
            continue
        outers = [p for p in map(cands.__getitem__, contents.containing(c.cue[0])) if p is not c and p.source is not None
                  and p.content[0] < c.cue[0] < p.content[1] and p.cue[1] <= c.cue[0]]
        if not outers:
            continue
        outer = min(outers, key=lambda p: p.content[0])
        end = parsed[tok.i - 1].idx
        while end > outer.content[0] and text[end - 1].isspace():
            end -= 1
        if end <= outer.content[0]:
            continue
        outer.content = (outer.content[0], end)
        c.source, c.source_head = outer.source, outer.source_head


def headline_segments(doc: Document) -> list[Segment]:
    """Headline segments, plus a first body paragraph shaped like a title (one short line, no sentence break):
    PolNeAR-style texts start with their title but it ends in a full stop, so the segmenter calls it body."""
    out = []
    for i, seg in enumerate(doc.segments):
        text = doc.text[seg.start:seg.end]
        title_like = i == 0 and seg.kind == "body" and len(text) <= 200 and ". " not in text.strip()
        if seg.kind == "headline" or title_like:
            out.append(seg)
    return out


def headline_candidates(doc: Document) -> list[Candidate]:
    """'Name: claim' headlines (and short 'Poll: ...' kickers): the words before the colon are the source."""
    out = []
    for seg in headline_segments(doc):
        text = doc.text[seg.start:seg.end]
        m = HEADLINE_COLON.match(text)
        if not m or m.group(1).lower().strip() in NOT_SOURCES:
            continue
        s_start = seg.start + m.start(1)
        colon = doc.text.index(":", seg.start + m.end(1))
        c_start, c_end = seg.start + m.start(2), seg.start + m.end(2)
        out.append(Candidate(cue=(colon, colon + 1), content=(c_start, c_end), source=(s_start, seg.start + m.end(1)),
                             source_head=None, cue_head=-1, lemma=":", stance="assert", weight=0.6))
    return out


def _verb_lemma(word: str, lex: CueLexicon) -> str | None:
    """The cue-verb lemma of a title-cased headline word ('Slams' -> 'slam', 'Denies' -> 'deny'), if any."""
    w = word.lower()
    forms = [w]
    if w.endswith("ies"):
        forms.append(w[:-3] + "y")
    if w.endswith("es"):
        forms.append(w[:-2])
    if w.endswith("s"):
        forms.append(w[:-1])
    return next((f for f in forms if lex.weight(f, "VERB") >= HEADLINE_VERB_MIN), None)


HEADLINE_VERB_MIN = 0.3  # mined precision a word needs to be read as a verb in a Title Case headline


def headline_verb_candidates(doc: Document, parsed: Any, lex: CueLexicon) -> list[Candidate]:
    """Title Case headlines ('Senator Slams Budget Plan') are parsed as one long name, so a cue verb comes out
    as a proper noun. A headline word that is a likely cue verb in the present tense splits the headline: the
    words before it are the source, the words after it the content."""
    out = []
    for seg in headline_segments(doc):
        span = parsed.char_span(seg.start, seg.end, alignment_mode="contract")
        if span is None:
            continue
        words = [t for t in span if not t.is_space]
        for k, tok in enumerate(words):
            if k == 0 or k == len(words) - 1 or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            if not tok.text.lower().endswith("s") or ":" in doc.text[seg.start:tok.idx]:
                continue
            lemma = _verb_lemma(tok.text, lex)
            if lemma is None:
                continue
            src_end = words[k - 1].idx + len(words[k - 1])
            rest = [t for t in words[k + 1:] if t.text not in (":",)]
            if not rest:
                continue
            out.append(Candidate(cue=(tok.idx, tok.idx + len(tok)), content=(rest[0].idx, seg.end),
                                 source=(words[0].idx, src_end), source_head=words[k - 1].i, cue_head=-1,
                                 lemma=lemma, stance=lex.stance(lemma), weight=0.6, frame="headline-verb"))
            break
    return out


def lines(doc: Document) -> list[Offsets]:
    """Lines of the body segments after the first (transcripts and vox pops put one speaker per line)."""
    out = []
    for i, seg in enumerate(doc.segments):
        if seg.kind != "body" or i == 0:
            continue
        pos = seg.start
        for part in doc.text[seg.start:seg.end].split("\n"):
            if part.strip():
                out.append((pos, pos + len(part)))
            pos += len(part) + 1
    return out


def _is_person(doc: Document, start: int, end: int) -> bool:
    return any(e.label == "PERSON" and e.start < end and e.end > start for e in doc.entities)


def speaker_label_candidates(doc: Document, quotes: list[Offsets]) -> list[Candidate]:
    """Transcript and vox-pop lines: 'MODERATOR: question ...', '“quote” ― Ana Ruiz'. The label must be a
    capitalised name (all capitals, or a person/organisation entity) so that datelines and section labels do not
    count; a dash needs a person."""
    out = []
    quote_ends = {qe: qs for qs, qe in quotes}
    for start, end in lines(doc):
        for t in TRAILING_SPEAKER.finditer(doc.text, start, end):
            stop = t.start()
            while stop > start and doc.text[stop - 1].isspace():
                stop -= 1
            name_words = t.group(2).split()
            if stop > start and (_is_person(doc, *t.span(2)) or (stop in quote_ends and 2 <= len(name_words) <= 4)):
                first = quote_ends.get(stop, start)  # the whole quotation, even when it began lines earlier
                out.append(Candidate(cue=t.span(1), content=(first, stop),
                                     source=t.span(2), source_head=None, cue_head=-1, lemma=t.group(1),
                                     stance="assert", weight=0.6, frame="label"))
                start = t.end()
        m = SPEAKER_LABEL.match(doc.text, start, end)
        if not m:
            continue
        s_start, s_end = m.span(1)
        label = m.group(1)
        ents = [e for e in doc.entities if e.start < s_end and e.end > s_start]
        person = any(e.label == "PERSON" for e in ents)
        org = any(e.label == "ORG" for e in ents)
        caps = label.isupper() and sum(c.isalpha() for c in label) >= 3
        cue = m.group(2)
        if not (person or (cue == ":" and (caps or org))):
            continue
        if label.lower().strip() in NOT_SOURCES:
            continue
        out.append(Candidate(cue=m.span(2), content=(m.start(3), end), source=(s_start, s_end), source_head=None,
                             cue_head=-1, lemma=cue, stance="assert", weight=0.6, frame="label"))
    return out


NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART"})


def colon_quote_candidates(doc: Document, parsed: Any, quotes: list[Offsets], allowed: RangeIndex
                           ) -> list[Candidate]:
    """'... - Ana Ruiz: “quote”', 'From the report: “quote”': a name or noun right before a colon that opens a
    quotation is the quotation's source (round-ups and blog posts quote this way, without a verb). A verb before
    the colon ('she said: “...”') is left to the verb rules. A paragraph that ends in a colon and is followed by a
    quotation paragraph hands that quotation to its own subject."""
    out = []
    for qs, qe in quotes:
        pos = qs
        while pos > 0 and doc.text[pos - 1] in " \t\xa0\n":
            pos -= 1
        if pos == 0 or doc.text[pos - 1] != ":" or allowed.find(pos - 1) is None:
            continue
        colon = pos - 1
        tok = parsed.char_span(colon, colon + 1, alignment_mode="expand")
        if tok is None or tok.start == 0:
            continue
        prev = parsed[tok.start - 1]
        if "\n" in doc.text[colon:qs]:
            lead = lead_in_source(parsed, prev, colon)
            if lead is not None:
                out.append(Candidate(cue=(colon, colon + 1), content=(qs, qe), source=lead[0], source_head=lead[1],
                                     cue_head=-1, lemma=":", stance="assert", weight=0.6, frame="colon-para"))
            continue
        if prev.pos_ not in ("PROPN", "NOUN") or "\n" in doc.text[prev.idx:colon]:
            continue
        ent = next((e for e in doc.entities if e.start <= prev.idx < e.end), None)
        if ent is not None and ent.label not in NAME_LABELS:
            continue
        if ent is not None:
            start = ent.start
        else:
            first = prev.left_edge.i if prev.left_edge.i >= prev.i - 4 else prev.i
            start = parsed[first].idx
        line_start = doc.text.rfind("\n", 0, start) + 1
        start = max(start, line_start)
        end = prev.idx + len(prev)
        if end <= start:
            continue
        out.append(Candidate(cue=(colon, colon + 1), content=(qs, qe), source=(start, end),
                             source_head=prev.i, cue_head=-1, lemma=":", stance="assert", weight=0.6,
                             frame="colon-quote"))
    return out


def lead_in_source(parsed: Any, prev: Any, colon: int) -> tuple[Offsets, int] | None:
    """The source of a quotation paragraph introduced by a paragraph ending in a colon ('He then listed the
    qualities he wants:' / 'From the report:'): the subject of the lead-in's main verb, else the noun before the
    colon."""
    sent = prev.sent
    start = sent.start
    for i in range(prev.i, sent.start - 1, -1):  # the parser may run the lead-in and the quotation together
        if parsed[i].is_space and "\n" in parsed[i].text:
            start = i + 1
            break
    lead = range(start, prev.i + 1)
    roots = [parsed[i] for i in lead if parsed[i].head.i not in lead or parsed[i].head.i == i]
    root = next((t for t in roots if t.pos_ in ("VERB", "AUX")), None)
    subj = None
    if root is not None:
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in lead), None)
    if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON") and subj.lower_ not in ("it", "there", "this"):
        first, last = subj.left_edge.i, min(subj.right_edge.i, root.i - 1) if subj.i < root.i else subj.right_edge.i
        if first <= last:
            return (parsed[first].idx, parsed[last].idx + len(parsed[last])), subj.i
        return None
    if prev.pos_ in ("PROPN", "NOUN") and prev.idx + len(prev) <= colon:
        first = max(prev.left_edge.i, start, prev.i - 4)
        return (parsed[first].idx, prev.idx + len(prev)), prev.i
    return None


def widen_content(text: str, content: Offsets, cue: Offsets, quotes: list[Offsets]) -> Offsets:
    """Stretch content over every quotation it touches; an empty content after a colon takes the next quotation
    or, failing that, the rest of the paragraph."""
    start, end = content
    if end <= start:
        pos = start
        while pos < len(text) and text[pos].isspace():
            pos += 1
        q = _quote_at(quotes, pos)
        if q is not None:
            return q
        stop = text.find("\n\n", pos)
        stop = len(text) if stop < 0 else stop
        if stop == pos:
            return (start, start)
        return (pos, stop)
    _, reach = _quote_index(quotes)
    for k in range(bisect_right(reach, start), len(quotes)):  # the quotations before k all end by ``start``
        qs, qe = quotes[k]
        if qs >= end:
            break
        if qe > start and not (qs < cue[0] and qe > cue[1]):
            start, end = min(start, qs), max(end, qe)
    return (start, end)


_QUOTE_INDEX: list = [None, 0, [], []]


def _quote_index(quotes: list[Offsets]) -> tuple[list[int], list[int]]:
    """The quotations' starts and the furthest end reached so far (non-decreasing), built once per quotation
    list: each candidate then starts its walk where quotations can matter instead of at the document's first one
    (which made long documents quadratic)."""
    if _QUOTE_INDEX[0] is not quotes or _QUOTE_INDEX[1] != len(quotes):
        reach, far = [], -1
        for _, qe in quotes:
            far = max(far, qe)
            reach.append(far)
        _QUOTE_INDEX[:] = [quotes, len(quotes), [q[0] for q in quotes], reach]
    return _QUOTE_INDEX[2], _QUOTE_INDEX[3]


def _quote_at(quotes: list[Offsets], pos: int) -> Offsets | None:
    starts, _ = _quote_index(quotes)
    i = bisect_right(starts, pos) - 1
    if i >= 0 and quotes[i][0] == pos:
        return quotes[i]
    return None


def inside_quote(cand: Candidate, quotes: list[Offsets]) -> bool:
    """A cue inside a quotation belongs to the quoted speaker's words ('"I think we won," she said'): the
    quotation is attributed as a whole, so the inner cue is not an attribution of the article's own."""
    around = index_of("quotes", quotes, lambda q: q).covering(cand.cue[0], cand.cue[1])  # not every quotation
    for qs, qe in map(quotes.__getitem__, around):
        if qs < cand.cue[0] and cand.cue[1] < qe and not (qs >= cand.content[0] and qe <= cand.content[1]):
            return True
    return False


def drop_orphans_in_quotes(cands: list[Candidate], quotes: list[Offsets]) -> list[Candidate]:
    """Keep a cue inside a quotation only as a child of the attribution that quotes it; re-point parents."""
    kept: dict[int, bool] = {}
    for start in range(len(cands)):
        chain, i = [], start
        while i not in kept and i not in chain:  # walk up to a decided ancestor or the root (no recursion)
            chain.append(i)
            parent = cands[i].parent
            if parent is None:
                kept[i] = cands[i].frame == "label" or not inside_quote(cands[i], quotes)
                chain.pop()
                break
            i = parent
        verdict = kept.get(i, False)  # a cycle (should not happen) drops its members
        for j in chain:
            kept[j] = verdict
    keep = [i for i in range(len(cands)) if kept[i]]
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for i in keep:
        c = cands[i]
        c.parent = new_index.get(c.parent) if c.parent is not None else None
        out.append(c)
    return out


def complement_stance(cand: Candidate, parsed: Any, lex: CueLexicon) -> str:
    """'X issued a statement denying that C', 'in a communique rejecting C': a content that opens with a denial
    participle makes the whole attribution a denial."""
    if cand.stance != "assert":
        return cand.stance
    span = parsed.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
    if span is None:
        return cand.stance
    for tok in span[:STANCE_REACH]:
        if tok.tag_ == "VBG" and tok.dep_ == "acl" and lex.stance(tok.lemma_) == "deny":
            return "deny"
    return cand.stance


def relay_chains(cands: list[Candidate], parsed: Any) -> list[tuple[Candidate, Candidate]]:
    """'The Courier, citing a security source, reported that C': the outlet relays the source, so the chain is
    Courier -> security source -> C. The participle ('citing', 'quoting') on a reporting candidate's source gives a
    child candidate: its source is the cited phrase, its content the outer claim. Returns (child, parent) pairs;
    a candidate the participle already had (content 'a security source') is turned into that child."""
    by_cue = {c.cue: c for c in cands}
    pairs = []
    for p in list(cands):
        if p.source_head is None or p.cue_head < 0 or p.lemma in RELAY_LEMMAS:
            continue
        head, cue_tok = parsed[p.source_head], parsed[p.cue_head]
        between = [t for t in cue_tok.children if t.dep_ == "advcl" and head.i < t.i < cue_tok.i]  # 'X, citing Y, wrote'
        for acl in [t for t in head.children if t.dep_ == "acl"] + between:
            if acl.lemma_.lower() not in RELAY_LEMMAS or acl.tag_ != "VBG":
                continue
            obj = next((t for t in acl.children if t.dep_ in ("dobj", "obj")), None)
            if obj is None:
                continue
            src = (parsed[obj.left_edge.i].idx, parsed[obj.right_edge.i].idx + len(parsed[obj.right_edge.i]))
            cue = (acl.idx, acl.idx + len(acl))
            child = by_cue.get(cue)
            if child is None:
                child = Candidate(cue=cue, content=p.content, source=src, source_head=obj.i, cue_head=acl.i,
                                  lemma=acl.lemma_.lower(), stance="assert", weight=p.weight, frame="relay")
                cands.append(child)
            child.source, child.source_head, child.content, child.frame = src, obj.i, p.content, "relay"
            child.weight = max(child.weight, p.weight)
            pairs.append((child, p))
    return pairs


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per cue and per (source, content) pair, keeping the most likely cue."""
    best: dict[Offsets, Candidate] = {}
    for c in cands:
        key = c.cue
        if key not in best or c.weight > best[key].weight:
            best[key] = c
    seen: dict[tuple[Offsets | None, Offsets], Candidate] = {}
    for c in best.values():
        key = (c.source, c.content)
        if key not in seen or c.weight > seen[key].weight:
            seen[key] = c
    return list(seen.values())


def assign_parents(cands: list[Candidate]) -> None:
    """Nest each attribution under the tightest other attribution whose content holds its cue."""
    contents = IntervalIndex(o.content for o in cands)  # only contents around the cue, not every candidate
    for i, c in enumerate(cands):
        best, best_len = None, None
        if c.frame == "label":
            c.parent = None  # a transcript or vox-pop label is the layout's own attribution, never embedded
            continue
        for j in contents.covering(c.cue[0], c.cue[1]):
            o = cands[j]
            if i == j:
                continue
            if o.content[0] <= c.cue[0] and c.cue[1] <= o.content[1] and o.weight >= PARENT_RATIO * c.weight:
                if c.content[0] <= o.cue[0] < c.content[1]:
                    continue  # mutual containment: neither embeds the other
                size = o.content[1] - o.content[0]
                if best_len is None or size < best_len:
                    best, best_len = j, size
        c.parent = best


def build_records(doc: Document, parsed: Any, cands: list[Candidate], lex: CueLexicon) -> list[Attribution]:
    """Typed, linked records in text order, with ids a1, a2, ..."""
    credited = agencies_in(doc.text, [(g.start, g.end) for g in doc.segments if g.kind == "dateline"])
    linker = SourceLinker(doc.entities, lex, places=doc.places, agencies=frozenset(credited))
    by_source_pos = sorted(range(len(cands)), key=lambda i: (cands[i].source or cands[i].cue)[0])
    resolved: dict[int, tuple[str, str | None]] = {}
    for i in by_source_pos:
        c = cands[i]
        if c.source is None:
            continue
        s, e = c.source
        resolved[i] = linker.resolve(s, e, doc.text[s:e], parsed, c.source_head)
    out = []
    for i, c in enumerate(cands):
        source = None
        if c.source is not None:
            typ, eid = resolved[i]
            s, e = _strip(doc.text, *c.source)
            source = Source(start=s, end=e, text=doc.text[s:e], type=typ, entity_id=eid)
        cs, ce = _strip(doc.text, *c.content, keep_quotes=True)
        out.append(Attribution(
            id=f"a{i + 1}", source=source, cue=doc.span(*c.cue), content=doc.span(cs, ce),
            parent=f"a{c.parent + 1}" if c.parent is not None else None, stance=c.stance,
        ))
    return out


def _strip(text: str, start: int, end: int, keep_quotes: bool = False) -> Offsets:
    """Trim spaces and edge punctuation, keeping quotation marks on contents (they show a direct quote)."""
    chars = " \t\n,;—–-" if keep_quotes else STRIP
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    if not keep_quotes and end < len(text) and text[end] in "\"”" and text.count('"', start, end) % 2 == 1:
        end += 1  # 'The "New York Times"': keep the closing mark of a quote opened inside the span
    return start, end
