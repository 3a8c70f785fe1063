"""The store on SQLite (always) and PostgreSQL (when NEWSGRAPH_TEST_PG names a server): one code path."""

from __future__ import annotations

import io
import json
import os

import pytest

from newsgraph.document import Document, Event, Place, Span
from newsgraph.store.db import Store, StoreError
from newsgraph.store.export import write

PG_URL = os.environ.get("NEWSGRAPH_TEST_PG")


def sample(doc_id: str = "d1", text: str = "Troops shelled Kherson on Friday.", kind: str = "ASSAULT") -> Document:
    doc = Document(id=doc_id, text=text, published="2022-09-23", outlet="Test Wire")
    doc.places = [Place(start=15, end=22, text="Kherson", name="Kherson", lat=46.64, lon=32.62, country_code="UA",
                        feature="city", geonameid=706448, confidence=0.9)]
    doc.events = [Event(id="v1", type=kind, trigger=Span(start=7, end=14, text="shelled"), place=0,
                        date="2022-09-23", sentence={"start": 0, "end": len(text)})]
    return doc


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Store:
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 's.db'}")
    if not PG_URL:
        pytest.skip("NEWSGRAPH_TEST_PG not set (PostgreSQL tests run in CI)")
    st = Store(PG_URL)
    from newsgraph.store import schema

    with st.engine.begin() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            conn.execute(table.delete())
    return st


def test_save_get_round_trip(store: Store) -> None:
    doc = sample()
    assert store.save(doc) == "inserted"
    assert store.get("d1") == doc


def test_same_id_or_same_text_updates_not_duplicates(store: Store) -> None:
    store.save(sample())
    assert store.save(sample()) == "updated"
    assert store.save(sample(doc_id="other-id")) == "updated"  # same text, new id
    counts = store.counts()
    assert counts["documents"] == 1 and counts["events"] == 1 and counts["places"] == 1


def test_export_rows_are_nested_and_filterable(store: Store) -> None:
    store.save(sample())
    store.save(sample("d2", "Police arrested protesters in Minsk.", "COERCE"))
    buf = io.StringIO()
    assert write("events", "jsonl", store.rows("events", {"event_type": "assault"}), buf) == 1
    row = json.loads(buf.getvalue())
    assert row["document_id"] == "d1" and row["trigger"]["text"] == "shelled"
    assert row["actor"] is None and row["lat"] == pytest.approx(46.64) and row["negated"] is False
    assert "cluster_id" in row
    assert next(iter(store.rows("places", {"country": "ua"})))["name"] == "Kherson"
    assert list(store.rows("events", {"since": "2023-01-01"})) == []


def test_geojson_has_points(store: Store) -> None:
    store.save(sample())
    buf = io.StringIO()
    assert write("places", "geojson", store.rows("places"), buf) == 1
    feat = json.loads(buf.getvalue())["features"][0]
    assert feat["geometry"]["coordinates"] == [32.62, 46.64]
    assert feat["properties"]["geonameid"] == "706448"


def test_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="NG-E030"):
        Store("postgresql+psycopg://nobody:nothing@127.0.0.1:1/none")


def test_top_sources_count_linked_pronouns_as_their_entity(store: Store) -> None:
    from newsgraph.document import Attribution, Entity, Source

    text = "Maria Lopez said the road was open. She said more trucks would come."
    doc = Document(id="s1", text=text)
    doc.entities = [Entity(start=0, end=11, text="Maria Lopez", label="PERSON", canonical="Maria Lopez",
                           entity_id="e1")]
    doc.attributions = [
        Attribution(id="a1", source=Source(start=0, end=11, text="Maria Lopez", type="person", entity_id="e1"),
                    content=doc.span(17, 35)),
        Attribution(id="a2", source=Source(start=36, end=39, text="She", type="person", entity_id="e1"),
                    content=doc.span(45, 68)),
    ]
    store.save(doc)
    assert store.top_sources() == [("Maria Lopez", "person", 2)]
    assert store.top("claims", ("source_text",)) == [("Maria Lopez", 1), ("She", 1)]
