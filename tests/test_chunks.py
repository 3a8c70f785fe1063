"""Long texts: paragraph-aligned chunks that concatenate back exactly, a merged Doc with the original offsets, and
stage work that grows linearly with length (counted operations, not wall time)."""

from __future__ import annotations

import pytest

from newsgraph.chunks import chunk_bounds, chunks, pipe_chunked
from newsgraph.config import Settings
from newsgraph.ingest.base import RawDoc
from newsgraph.pipeline import Pipeline
from newsgraph.synth import synthetic_article


def test_chunks_cut_on_paragraphs_and_concatenate_back() -> None:
    text = synthetic_article(50_000, seed=5)
    parts = chunks(text, 8_000)
    assert "".join(parts) == text
    assert all(len(p) <= 8_000 for p in parts) and len(parts) >= 7
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_a_text_without_breaks_still_gets_bounded_chunks() -> None:
    text = "x" * 25_000 + " " + "y" * 3_000
    bounds = chunk_bounds(text, 10_000)
    assert bounds[-1] == len(text) and all(b - a <= 10_000 for a, b in zip([0, *bounds], bounds, strict=False))


@pytest.mark.slow
def test_merged_doc_has_the_original_text_and_offsets(pipeline: Pipeline) -> None:
    text = synthetic_article(30_000, seed=8)
    merged = next(pipe_chunked(pipeline.nlp, [text], 4, 6_000))
    whole = pipeline.nlp(text)
    assert merged.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in merged)
    # cuts fall where the pipeline starts a sentence anyway, so tokens agree with the unchunked parse
    assert [t.text for t in merged] == [t.text for t in whole]


@pytest.mark.slow
def test_place_resolution_work_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Distance computations in place resolution, at 10k and 40k characters: linear is 4x, the old all-pairs
    scan was about 16x."""
    from newsgraph.geo import resolve

    calls = {"n": 0}
    real = resolve.haversine_km

    def counted(*args: float) -> float:
        calls["n"] += 1
        return real(*args)

    monkeypatch.setattr(resolve, "haversine_km", counted)
    pipe = Pipeline(Settings())
    counts = []
    for n in (10_000, 40_000):
        calls["n"] = 0
        doc = pipe.process(RawDoc(id=f"l{n}", text=synthetic_article(n, seed=1), source="gen"))
        assert doc.places
        counts.append(calls["n"])
    assert counts[0] > 0 and counts[1] / counts[0] < 6.0, counts
