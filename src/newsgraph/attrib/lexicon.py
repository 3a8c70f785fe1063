"""The word lists the attribution extractor reads: cue words with precision and stance, source-type words.

Why data files: the cue vocabulary is mined from an annotated corpus (``cues.tsv``) and corrected by hand
(``cue_stance.tsv``); source-type words (``source_types.tsv``) are curated. Keeping them out of the code lets them
be regenerated or extended without touching the rules.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources

FRAME_PRIOR = 3.0
STANCES = frozenset({"assert", "believe", "speculate", "deny", "question"})


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Estimated cue precision per (lemma, pos), stance per lemma, and source-type words."""

    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    stances: dict[str, str] = field(default_factory=dict)
    frames: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)
    media_names: frozenset[str] = frozenset()
    head_types: dict[str, str] = field(default_factory=dict)
    adjectives: frozenset[str] = frozenset()

    def weight(self, lemma: str, pos: str) -> float:
        """Estimated precision of a word as a cue (0 for unknown words)."""
        return self.weights.get((lemma.lower(), pos), 0.0)

    def frame_weight(self, lemma: str, pos: str, frame: str) -> float:
        """Estimated precision of a candidate with this cue word in this frame: the mined frame counts, shrunk
        towards the word's precision over all its frames, itself shrunk towards the word-level estimate."""
        lemma = lemma.lower()
        prior = min(1.0, 1.5 * self.weight(lemma, pos))
        all_hits, all_n = self.frames.get((lemma, pos, "*"), (0, 0))
        word = (all_hits + FRAME_PRIOR * prior) / (all_n + FRAME_PRIOR)
        hits, n = self.frames.get((lemma, pos, frame), (0, 0))
        return (hits + FRAME_PRIOR * word) / (n + FRAME_PRIOR)

    def stance(self, lemma: str) -> str:
        return self.stances.get(lemma.lower(), "assert")


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV lexicon, skipping '#' header comments."""
    text = resources.files("newsgraph.lexicons").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_lexicon() -> CueLexicon:
    """Read the lexicon files once (callers cache through ``ctx.resource``)."""
    weights: dict[tuple[str, str], float] = {}
    for row in _rows("cues.tsv"):
        hits, total = int(row["hits"]), int(row["total"])
        weights[(row["lemma"], row["pos"])] = hits / (total + 1)
    stances: dict[str, str] = {}
    for row in _rows("cue_stance.tsv"):
        lemma, stance = row["lemma"], row["stance"]
        if stance in STANCES:
            stances[lemma] = stance
        if row.get("weight"):
            key = (lemma, "VERB")
            weights[key] = max(weights.get(key, 0.0), float(row["weight"]))
    frames: dict[tuple[str, str, str], tuple[int, int]] = {}
    for row in _rows("cue_frames.tsv"):
        hits, n = int(row["hits"]), int(row["candidates"])
        frames[(row["lemma"], row["pos"], row["frame"])] = (hits, n)
        key = (row["lemma"], row["pos"], "*")
        old = frames.get(key, (0, 0))
        frames[key] = (old[0] + hits, old[1] + n)
    media: set[str] = set()
    heads: dict[str, str] = {}
    for row in _rows("source_types.tsv"):
        if row["kind"] == "media_name":
            media.add(row["word"].lower())
        else:
            heads[row["word"].lower()] = row["type"]
    adjectives = frozenset(row["word"].lower() for row in _rows("cue_adjectives.tsv"))
    return CueLexicon(weights=weights, stances=stances, frames=frames, media_names=frozenset(media), head_types=heads,
                      adjectives=adjectives)
