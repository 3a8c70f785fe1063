"""The output JSON keeps to shared/schema/document.md: keys, types, and offsets that index the text."""

from __future__ import annotations

import json

import pytest

from newsgraph import extract
from newsgraph.document import Document

TOP_KEYS = {"id", "text", "title", "published", "language", "segments", "entities", "places", "times",
            "attributions", "events"}
LAYER_KEYS = {
    "segments": {"start", "end", "kind"},
    "entities": {"start", "end", "text", "label", "canonical", "entity_id"},
    "places": {"start", "end", "text", "name", "lat", "lon", "country_code", "admin1", "feature", "geonameid",
               "confidence"},
    "times": {"start", "end", "text", "type", "value"},
    "attributions": {"id", "source", "cue", "content", "parent", "stance"},
    "events": {"id", "type", "mode", "trigger", "actor", "recipient", "place", "time", "date", "sentence",
               "attribution", "negated", "quantity"},
}
ARTICLE = (
    "Rebels shell port city as talks stall\n\n"
    "ODESA, Ukraine (Reuters) - Russian forces shelled the port of Odesa on Tuesday, the regional governor said, "
    "a day after Moscow rejected a Turkish proposal to resume grain talks.\n\n"
    '"We will not be intimidated," Governor Maksym Marchenko told reporters. According to the Ukrainian navy, '
    "two missiles were shot down over the Black Sea.\n\n"
    "(AFP photo)\n\nRead more: Black Sea grain deal explained"
)


def spans(obj: object):
    """Every {start, end, text} object anywhere inside ``obj``."""
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys():
            yield obj
        for value in obj.values():
            yield from spans(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from spans(value)


@pytest.fixture(scope="module")
def doc_json(pipeline) -> dict:
    doc = extract(ARTICLE, published="2023-07-25", id="t1", pipeline=pipeline)
    return json.loads(doc.to_json())


def test_top_level_and_layer_keys(doc_json: dict) -> None:
    assert doc_json.keys() >= TOP_KEYS
    for layer, keys in LAYER_KEYS.items():
        for item in doc_json[layer]:
            assert keys <= item.keys(), (layer, item)


def test_every_span_indexes_the_original_text(doc_json: dict) -> None:
    text = doc_json["text"]
    assert text == ARTICLE
    found = list(spans({k: doc_json[k] for k in LAYER_KEYS}))
    assert found, "no spans at all were extracted"
    for span in found:
        assert text[span["start"]:span["end"]] == span["text"], span


def test_cross_references_point_inside_layers(doc_json: dict) -> None:
    ids = {a["id"] for a in doc_json["attributions"]}
    entity_ids = {e["entity_id"] for e in doc_json["entities"]}
    for a in doc_json["attributions"]:
        assert a["parent"] is None or a["parent"] in ids
        src = a["source"]
        assert src is None or src["entity_id"] is None or src["entity_id"] in entity_ids
    for e in doc_json["events"]:
        assert e["place"] is None or 0 <= e["place"] < len(doc_json["places"])
        assert e["time"] is None or 0 <= e["time"] < len(doc_json["times"])
        assert e["attribution"] is None or e["attribution"] in ids


def test_round_trip_through_the_model(doc_json: dict) -> None:
    again = Document.model_validate(doc_json)
    assert json.loads(again.to_json()) == doc_json


def test_segments_mark_widgets_and_captions(doc_json: dict) -> None:
    text = doc_json["text"]
    kinds = {text[s["start"]:s["end"]]: s["kind"] for s in doc_json["segments"]}
    assert kinds["(AFP photo)"] == "caption"
    assert kinds["Read more: Black Sea grain deal explained"] == "boilerplate"
    assert kinds["Rebels shell port city as talks stall"] == "headline"
    assert kinds["ODESA, Ukraine (Reuters) -"] == "dateline"


def test_nothing_is_extracted_from_furniture(doc_json: dict) -> None:
    text = doc_json["text"]
    furniture = [(s["start"], s["end"]) for s in doc_json["segments"] if s["kind"] in ("caption", "boilerplate")]
    for layer in ("entities", "places", "times"):
        for item in doc_json[layer]:
            assert not any(a <= item["start"] < b for a, b in furniture), (layer, text[item["start"]:item["end"]])
