"""Candidate scanning: every pattern over each text range, overlaps settled longest-first (linear in the text:
the overlap check only looks at chosen spans).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.times.patterns import NEEDLES, PATTERNS, PRIORITY


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def candidates(text: str, ranges: list[tuple[int, int]], valid: Callable[[Candidate], bool] | None = None
               ) -> list[Candidate]:
    """All pattern matches inside the given ranges, overlaps resolved: longest first, then by pattern priority.
    A candidate that its handler rejects ('a month after ...' read as 'N units after') does not block the
    shorter ones it overlaps ('a month')."""
    found: list[Candidate] = []
    for start, end in ranges:
        chunk_end = end
        for kind, rx in PATTERNS:
            needle = NEEDLES.get(kind)
            if needle is not None and not needle.search(text, start, chunk_end):
                continue
            for m in rx.finditer(text, start, chunk_end):
                s = m.start("ext") if "ext" in m.re.groupindex else m.start()
                s, e = trim_span(text, s, m.end())
                if e > s:
                    found.append(Candidate(s, e, kind, m))
    found.sort(key=lambda c: (-(c.end - c.start), PRIORITY[c.kind], c.start))
    chosen: list[Candidate] = []
    starts: list[int] = []  # the chosen spans are disjoint, so kept sorted by start their ends are sorted too
    ends: list[int] = []
    for cand in found:
        if overlaps_taken(starts, ends, cand.start, cand.end):
            continue
        if valid is not None and not valid(cand):
            continue
        chosen.append(cand)
        i = bisect_left(starts, cand.start)
        starts.insert(i, cand.start)
        ends.insert(i, cand.end)
    chosen.sort(key=lambda c: c.start)
    return chosen


def overlaps_taken(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the disjoint spans (sorted by start)? Only the two neighbours of its
    insertion point can, so this is a bisection, not a scan of every span taken (long texts stay linear)."""
    i = bisect_left(starts, start)
    if i < len(starts) and starts[i] < end:
        return True
    return i > 0 and ends[i - 1] > start


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",."):
        if text[e - 1] == "." and re.search(r"(?:a\.m|p\.m|[A-Z][a-z]{2,3})\.$", text[s:e]):
            break
        e -= 1
    return s, e
