"""geo.event_place: the event's place and how it was chosen (sentences written for these tests)."""

from __future__ import annotations

import newsgraph
from newsgraph.document import Document, Place, Segment
from newsgraph.geo.event_place import PLACE_SOURCES, dateline_place, focus_place


def _events(pipeline, text: str) -> tuple[Document, list]:
    doc = newsgraph.extract(text, "2024-03-01", pipeline=pipeline)
    return doc, [(e.type, doc.places[e.place].text if e.place is not None else None, e.place_source)
                 for e in doc.events]


def test_clause_place_first(pipeline) -> None:
    _doc, evs = _events(pipeline, "Russian forces shelled Kharkiv on Monday, officials said.")
    assert ("ASSAULT", "Kharkiv", "clause") in evs


def test_dateline_then_focus_with_their_source(pipeline) -> None:
    _doc, evs = _events(pipeline, "KHARKIV, Ukraine (Reuters) - Russian forces shelled a school on Monday.")
    assert evs and evs[0][1] == "KHARKIV" and evs[0][2] == "dateline"
    _doc, evs = _events(pipeline, "Police in Lagos said on Monday that officers had arrested two men. "
                                  "The officers arrested them after a fight.")
    assert all(src in PLACE_SOURCES for _t, _p, src in evs)
    assert any(src in ("focus", "sentence", "clause") and p == "Lagos" for _t, p, src in evs)


def test_no_place_no_source(pipeline) -> None:
    _doc, evs = _events(pipeline, "The minister condemned the decision and rejected the proposal.")
    assert evs and all(p is None and src is None for _t, p, src in evs)


def test_dateline_and_focus_helpers() -> None:
    text = "IZIUM, Ukraine - Troops fought near Izium."
    doc = Document(id="d", text=text, segments=[Segment(start=0, end=16, kind="dateline"),
                                                Segment(start=16, end=len(text), kind="body")])
    doc.places = [Place(start=0, end=5, text="IZIUM", lat=49.2, lon=37.3, country_code="UA", feature="city",
                        confidence=0.9),
                  Place(start=36, end=41, text="Izium", lat=49.2, lon=37.3, country_code="UA", feature="city",
                        confidence=0.9)]
    assert dateline_place(doc) == 0
    assert focus_place(doc) in (0, 1)
    doc.places = []
    assert dateline_place(doc) is None and focus_place(doc) is None
