"""The query layer (newsgraph.query / query_count): filters shared by CLI, Python and REST API, on both backends."""

from __future__ import annotations

import pytest
from store_backends import BACKENDS, make_store

import newsgraph
from newsgraph.document import Attribution, Document, EntitySpan, Event, Place, Source, Span
from newsgraph.store.filters import QueryError


def doc(doc_id: str, text: str, published: str, place: Place | None, kind: str = "ASSAULT",
        outlet: str = "Wire") -> Document:
    d = Document(id=doc_id, text=text, published=published, outlet=outlet)
    d.places = [place] if place else []
    d.attributions = [Attribution(id="a1", source=Source(start=0, end=9, text="Officials", type="anonymous"),
                                  cue=Span(start=10, end=14, text="said"),
                                  content=Span(start=15, end=len(text), text=text[15:]), stance="assert")]
    d.events = [Event(id="v1", type=kind, trigger=Span(start=15, end=22, text=text[15:22]),
                      actor=EntitySpan(start=0, end=9, text="Officials"), place=0 if place else None,
                      date=published, sentence={"start": 0, "end": len(text)}, attribution="a1")]
    return d


BELGOROD = Place(start=30, end=38, text="Belgorod", name="Belgorod", lat=50.61, lon=36.58, country_code="RU",
                 feature="city", geonameid=578072, confidence=0.9)
KYIV = Place(start=30, end=34, text="Kyiv", name="Kyiv", lat=50.45, lon=30.52, country_code="UA", feature="city",
             geonameid=703448, confidence=0.9)
SHEBEKINO = Place(start=30, end=39, text="Shebekino", name="Shebekino", lat=50.41, lon=36.89, country_code="RU",
                  feature="city", geonameid=497450, confidence=0.9)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    st = make_store(request.param, tmp_path)
    st.save(doc("d1", "Officials said drones struck Belgorod overnight.", "2023-05-02", BELGOROD))
    st.save(doc("d2", "Officials said shells fell on Shebekino, near the border.", "2023-05-20", SHEBEKINO))
    st.save(doc("d3", "Officials said missiles hit Kyiv before dawn.", "2023-04-10", KYIV))
    st.save(doc("d4", "Officials said crowds marched in a town square today.", "2023-05-03", None, "PROTEST"))
    return st


def test_type_near_km_since(store) -> None:
    rows = newsgraph.query("events", db=store, type="ASSAULT", near="Belgorod", km=50, since="2023-05-01")
    assert sorted(r["document_id"] for r in rows) == ["d1", "d2"]  # Shebekino is ~35 km away; Kyiv is not
    assert newsgraph.query_count("events", db=store, type="assault", near="Belgorod", km=10) == 1
    assert newsgraph.query_count("events", db=store, lat=50.45, lon=30.52, km=5) == 1


def test_limit_offset_and_count_agree(store) -> None:
    everything = newsgraph.query("events", db=store)
    assert len(everything) == newsgraph.query_count("events", db=store) == 4
    assert newsgraph.query("events", db=store, limit=2, offset=1) == everything[1:3]
    near = newsgraph.query("events", db=store, near="Belgorod", km=100)
    assert newsgraph.query("events", db=store, near="Belgorod", km=100, limit=1, offset=1) == near[1:2]


def test_claims_documents_places(store) -> None:
    assert newsgraph.query_count("claims", db=store, source_type="anonymous") == 4
    assert newsgraph.query_count("claims", db=store, stance="deny") == 0
    assert [r["id"] for r in newsgraph.query("documents", db=store, since="2023-05-01", until="2023-05-03")] == \
        ["d4", "d1"]
    assert newsgraph.query_count("places", db=store, country="ru") == 2
    assert newsgraph.query("stories", db=store, country="UA") == []  # nothing fused in this store
    assert newsgraph.query("entities", db=store, name="Putin") == []


@pytest.mark.parametrize(("kind", "filters", "message"), [
    ("bogus", {}, "unknown kind"),
    ("events", {"colour": "red"}, "unknown filter 'colour'"),
    ("events", {"type": "SHELLING"}, "'SHELLING' is not one of"),
    ("events", {"since": "May 2023"}, "is not a date"),
    ("events", {"near": "Belgorod", "km": "far"}, "is not a number"),
    ("events", {"km": 5}, "needs 'near'"),
    ("events", {"lat": 95, "lon": 0}, "outside"),
    ("claims", {"min_origins": -1}, "negative"),
    ("claims", {"disputed": "perhaps"}, "not true or false"),
    ("claims", {"source_type": "rumour"}, "is not one of"),
    ("stories", {"stance": "deny"}, "does not apply to stories"),
    ("events", {"near": "Atlantis-upon-Nowhere"}, "no place called"),
    ("events", {"country": "Ukraine"}, "two-letter"),
])
def test_bad_filters_are_query_errors(store, kind, filters, message) -> None:
    with pytest.raises(QueryError, match=message):
        newsgraph.query(kind, db=store, **filters)
    assert issubclass(QueryError, ValueError)


def test_none_filters_are_ignored(store) -> None:
    assert newsgraph.query_count("events", db=store, type=None, near=None, disputed=None) == 4
