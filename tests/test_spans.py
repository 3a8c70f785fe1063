"""Offset indexes: their answers equal a plain scan of every range (they only avoid the scan)."""

from __future__ import annotations

import random

from newsgraph.spans import DisjointSpans, IntervalIndex


def _ranges(rnd: random.Random, n: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        s = rnd.randint(0, 500)
        out.append((s, s + rnd.randint(0, 40)))
    return out


def test_interval_index_overlapping_equals_a_scan() -> None:
    rnd = random.Random(3)
    for _ in range(200):
        ranges = _ranges(rnd, rnd.randint(0, 30))
        index = IntervalIndex(ranges)
        s = rnd.randint(0, 520)
        e = s + rnd.randint(0, 30)
        want = [k for k, (a, b) in enumerate(ranges) if a < e and s < b]
        assert index.overlapping(s, e) == want
        assert index.overlaps(s, e) == bool(want)


def test_disjoint_spans_overlap_equals_a_scan() -> None:
    rnd = random.Random(5)
    spans = DisjointSpans()
    kept: list[tuple[int, int]] = []
    for _ in range(300):
        s = rnd.randint(0, 800)
        e = s + rnd.randint(1, 15)
        want = any(a < e and s < b for a, b in kept)
        assert spans.overlaps(s, e) == want
        if not want:
            spans.add(s, e)
            kept.append((s, e))
