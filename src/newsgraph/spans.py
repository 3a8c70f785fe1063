"""Small pure helpers over character offsets shared by the stages."""

from __future__ import annotations

from bisect import bisect_right

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
