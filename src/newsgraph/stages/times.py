"""times stage: TIMEX3 temporal expressions (TimeML 1.2.1), tagged by rules and resolved against the DCT.

A thin stage over the ``newsgraph.times`` package (patterns, rules, anchoring, tense hints, datelines): it
takes a stated dateline date when the story has no publication date, reads tense from the one parse, and
writes ``doc.times``.
"""

from __future__ import annotations

from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Time
from newsgraph.spans import PARSED_KINDS, extractable_ranges
from newsgraph.times.dateline import dateline_date
from newsgraph.times.tagger import tag
from newsgraph.times.tense import ParseHints

__all__ = ["annotate", "dateline_date", "tag"]


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    """Add ``doc.times``: TIMEX3 DATE/TIME/DURATION/SET with values resolved against ``doc.published``.

    A story with no known publication date but a dated dateline gets that date first (``meta.date_source`` =
    'dateline'), so that 'yesterday' and 'on Friday' resolve against it."""
    if not doc.published:
        stated = dateline_date(doc.text, doc.segments)
        if stated is not None:
            doc.published = stated
            doc.meta["date_source"] = "dateline"
    hints = ParseHints(parsed) if parsed is not None else None
    headlines = [(sg.start, sg.end) for sg in doc.segments if sg.kind == "headline"]

    def tense(pos: int) -> int:
        assert hints is not None
        return hints.tense(pos, headline=any(s <= pos < e for s, e in headlines))

    # Dateline dates ('WASHINGTON, August 11 (Xinhua) --') are time expressions too: tagged with the body's.
    found = tag(doc.text, doc.published, extractable_ranges(doc, PARSED_KINDS), tense=tense if hints else None,
                perfect=hints.present_perfect if hints else None)
    doc.times = [Time(start=f.start, end=f.end, text=doc.text[f.start:f.end], type=f.type, value=f.value,  # type: ignore[arg-type]
                      mod=f.mod, anchor=f.anchor) for f in found]
