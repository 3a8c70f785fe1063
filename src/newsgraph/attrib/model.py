"""A small logistic model that re-ranks attribution candidates: is this (source, cue, content) an attribution?

Why: the rules propose a candidate for every cue word with a subject and a complement; whether it is really an
attribution depends on several weak signals at once (the cue word in its frame, what kind of word the source is,
the verb form, a modal, a quotation in the content, the length of the content). A linear model over these sparse
features, trained on the PolNeAR train split by ``python -m newsgraph.attrib.mine --model``, weighs them better
than one threshold on the cue word. It is stored as a TSV of feature weights (a few thousand lines), runs in pure
Python at extraction time, and is trained with numpy only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from importlib import resources
from typing import Any

from newsgraph.attrib.extract import Candidate

MODEL_FILE = "cue_model.tsv"
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "will", "must"})


def _bucket(n: int, edges: Iterable[int]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return "big"


def features(cand: Candidate, parsed: Any, text: str, headline_end: int) -> list[str]:
    """Sparse binary features of one candidate (strings, hashed by the weight table)."""
    feats = ["bias", f"lemma={cand.lemma}", f"frame={cand.frame}", f"lemma|frame={cand.lemma}|{cand.frame}"]
    frame_kind = cand.frame.split("/")[0]
    feats.append(f"framekind={frame_kind}")
    if cand.cue_head >= 0:
        tok = parsed[cand.cue_head]
        feats += [f"tag={tok.tag_}", f"dep={tok.dep_}", f"lemma|tag={cand.lemma}|{tok.tag_}",
                  f"dep|framekind={tok.dep_}|{frame_kind}"]
        kids = {c.lower_ for c in tok.children if c.dep_ in ("aux", "neg")}
        if kids & MODALS:
            feats.append("modal")
        if kids & {"not", "n't", "never"}:
            feats.append("neg")
        # the preposition a cue governs tells 'called for X' (a demand) from 'called on Tuesday'
        for prep in sorted({c.lower_ for c in tok.children if c.dep_ == "prep" and c.i > tok.i}):
            feats += [f"prep={prep}", f"lemma|prep={cand.lemma}|{prep}"]
    else:
        feats.append(f"pattern={cand.lemma}")
    if cand.source_head is not None:
        subj = parsed[cand.source_head]
        kind = "rel" if subj.lower_ in RELATIVE else subj.pos_
        feats += [f"subj={kind}", f"subj|framekind={kind}|{frame_kind}"]
        if subj.ent_type_:
            feats.append(f"subjent={subj.ent_type_}")
        if subj.pos_ == "PRON":
            feats.append(f"pron={subj.lower_}")
    else:
        feats.append("subj=none" if cand.source is None else "subj=span")
    content = text[cand.content[0]:cand.content[1]]
    words = len(content.split())
    feats.append(f"clen={_bucket(words, (1, 3, 8, 20, 40))}")
    if any(q in content for q in "\"“”"):
        feats.append("cquote")
    if cand.source is not None and cand.source[0] > cand.cue[0]:
        feats.append("inverted")
    if cand.cue[0] < headline_end:
        feats.append("headline")
    return feats


class CueModel:
    """Feature weights; ``probability`` is the logistic of their sum."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    @property
    def empty(self) -> bool:
        return not self.weights


def load_model() -> CueModel:
    """The shipped weights, or an empty model (the stage then falls back to the cue-word threshold)."""
    path = resources.files("newsgraph.lexicons").joinpath(MODEL_FILE)
    if not path.is_file():
        return CueModel({})
    weights = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("feature\t"):
            continue
        name, _, value = line.rpartition("\t")
        weights[name] = float(value)
    return CueModel(weights)


def train(rows: list[list[str]], labels: list[int], l2: float = 1.0, epochs: int = 60,
          min_count: int = 2) -> dict[str, float]:
    """L2-regularised logistic regression by full-batch gradient descent with Adam (numpy only)."""
    import numpy as np

    counts: dict[str, int] = {}
    for feats in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count or f == "bias"))}
    n, d = len(rows), len(vocab)
    indptr, indices = [0], []
    for feats in rows:
        idx = sorted({vocab[f] for f in feats if f in vocab})
        indices.extend(idx)
        indptr.append(len(indices))
    row_of = np.repeat(np.arange(n), np.diff(indptr))
    col = np.asarray(indices)
    y = np.asarray(labels, dtype=float)
    w = np.zeros(d)
    m, v = np.zeros(d), np.zeros(d)
    lr, b1, b2 = 0.1, 0.9, 0.999
    for step in range(1, epochs * 5 + 1):
        z = np.bincount(row_of, weights=w[col], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        grad = np.bincount(col, weights=err[row_of], minlength=d) / n + l2 * w / n
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return {f: float(w[i]) for f, i in vocab.items() if abs(w[i]) > 1e-4}
