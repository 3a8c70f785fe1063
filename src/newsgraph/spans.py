"""Small pure helpers over character offsets shared by the stages."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable
from typing import Any

from newsgraph.document import EXTRACTABLE_KINDS, Document

# Datelines are parsed too: 'KHARTOUM, Sudan (AP) —' names where and when the reporting happened, which the places
# and times stages record, while events and attributions still come from body and headline only.
PARSED_KINDS = EXTRACTABLE_KINDS | {"dateline"}


def extractable_ranges(doc: Document, kinds: frozenset[str] = EXTRACTABLE_KINDS) -> list[tuple[int, int]]:
    """Offsets of the segments of ``kinds`` (by default body and headline, the text stages extract from)."""
    if not doc.segments:
        return [(0, len(doc.text))]
    return [(s.start, s.end) for s in doc.segments if s.kind in kinds]


def masked_text(doc: Document) -> str:
    """The text with unparsed segments blanked (newlines kept), same length, so parse offsets = text offsets."""
    keep = extractable_ranges(doc, PARSED_KINDS)
    if keep == [(0, len(doc.text))]:
        return doc.text
    chars = [c if c == "\n" else " " for c in doc.text]
    for start, end in keep:
        chars[start:end] = doc.text[start:end]
    for seg in doc.segments:
        if seg.kind == "dateline":
            end_dateline(chars, seg.start, seg.end)
    return "".join(chars)


DATELINE_SEPARATORS = "-–—:|"


def end_dateline(chars: list[str], start: int, end: int) -> None:
    """Parse a dateline as a sentence of its own: its closing dash ('KHARTOUM, May 3 (Nile Wire) -') becomes a full
    stop, else the parser takes 'KHARTOUM' as the subject of the lead sentence and the dateline becomes its actor."""
    pos = end
    while pos > start and chars[pos - 1] in DATELINE_SEPARATORS:
        pos -= 1
    if pos < end:
        chars[pos] = "."
        for i in range(pos + 1, end):
            chars[i] = " "


class RangeIndex:
    """Which of a sorted set of non-overlapping ranges contains an offset, in O(log n)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [r[0] for r in self.ranges]

    def find(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.ranges[i][0] <= pos < self.ranges[i][1]:
            return i
        return None

    def covers(self, start: int, end: int) -> bool:
        i = self.find(start)
        return i is not None and end <= self.ranges[i][1]


class IntervalIndex:
    """Which of many (possibly overlapping) ranges hold an offset or overlap a range, without scanning them all.

    Why: stages link every record to the spans around it (an event to the attribution holding it, a name to the
    entity under it); a scan per record is quadratic in document length. Ranges are sorted by start and a query
    looks back only as far as the longest range reaches, so on news text (sentence-sized ranges) a query costs a
    bisect plus the few ranges near it. Answers are indices into the ranges as given, in their original order, so
    callers that break ties by order keep their behaviour.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.items = sorted((s, e, k) for k, (s, e) in enumerate(ranges))
        self.starts = [s for s, _, _ in self.items]
        self.longest = max((e - s for s, e, _ in self.items), default=0)

    def _near(self, lo_start: int, hi_start: int) -> list[tuple[int, int, int]]:
        return self.items[bisect_left(self.starts, lo_start):bisect_right(self.starts, hi_start)]

    def containing(self, pos: int) -> list[int]:
        """Ranges with start <= pos < end."""
        return sorted(k for s, e, k in self._near(pos - self.longest, pos) if s <= pos < e)

    def covering(self, start: int, end: int) -> list[int]:
        """Ranges with start' <= start and end <= end'."""
        return sorted(k for s, e, k in self._near(end - self.longest, start) if s <= start and end <= e)

    def within(self, start: int, end: int) -> list[int]:
        """Ranges with start <= start' and end' <= end."""
        return sorted(k for s, e, k in self._near(start, end) if start <= s and e <= end)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Ranges that share a character with [start, end), in their original order."""
        return sorted(k for s, e, k in self._near(start - self.longest, end - 1) if s < end and start < e)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any range shares a character with [start, end)."""
        return any(s < end and start < e for s, e, _ in self._near(start - self.longest, end - 1))


class DisjointSpans:
    """A growing set of non-overlapping spans with an O(log n) overlap test (spans kept sorted by start)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.spans, (end, end))  # spans[:i] start before ``end``; the last of them ends last
        return i > 0 and self.spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))


_LAST: dict[str, tuple[int, int, object, IntervalIndex]] = {}


def index_of(name: str, records: list, key: Callable[[Any], tuple[int, int]]) -> IntervalIndex:
    """The IntervalIndex of ``records`` (ranges by ``key``), rebuilt only when another list is asked for: a stage
    asks once per record about the same document's list, so one cached index per ``name`` makes that linear."""
    last = _LAST.get(name)
    if last is None or last[0] != id(records) or last[1] != len(records) or last[2] is not records:
        last = _LAST[name] = (id(records), len(records), records, IntervalIndex(key(r) for r in records))
    return last[3]
