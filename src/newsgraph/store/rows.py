"""Pure conversions between Document layers and flat table rows (``actor.text`` <-> ``actor_text``).

The flat form is the store's columns and the CSV export; the nested form is the schema's JSON. One pair of
functions serves both directions so export and storage cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from newsgraph.document import Document

SPAN_KEYS = ("start", "end", "text")


def flatten(obj: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{'actor': {'text': 'Putin'}} -> {'actor_text': 'Putin'}; lists are kept as values."""
    out: dict[str, Any] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}_"))
        else:
            out[name] = value
    return out


def nest(row: dict[str, Any], groups: tuple[str, ...]) -> dict[str, Any]:
    """Inverse of flatten for the named groups; a group whose values are all None becomes None."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        group = next((g for g in groups if key.startswith(g + "_")), None)
        if group is None:
            out[key] = value
        else:
            out.setdefault(group, {})[key[len(group) + 1 :]] = value
    for g in groups:
        if g in out and all(v is None for v in out[g].values()):
            out[g] = None
    return out


def layer_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows for every layer table of one document."""
    did = doc.id
    rows: dict[str, list[dict[str, Any]]] = {
        "segments": [{"document_id": did, "idx": i, **s.model_dump()} for i, s in enumerate(doc.segments)],
        "entities": [{"document_id": did, "idx": i, **e.model_dump()} for i, e in enumerate(doc.entities)],
        "places": [_place_row(did, i, p.model_dump()) for i, p in enumerate(doc.places)],
        "times": [{"document_id": did, "idx": i, **_only(t.model_dump(), ("start", "end", "text", "type", "value"))}
                  for i, t in enumerate(doc.times)],
        "attributions": [_attribution_row(did, a.model_dump()) for a in doc.attributions],
        "events": [_event_row(doc, e.model_dump()) for e in doc.events],
    }
    return rows


def _only(d: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: d.get(k) for k in keys}


def _place_row(did: str, idx: int, p: dict[str, Any]) -> dict[str, Any]:
    p.pop("reason", None)
    gid = p.get("geonameid")
    p["geonameid"] = None if gid is None else str(gid)
    return {"document_id": did, "idx": idx, **p}


def _attribution_row(did: str, a: dict[str, Any]) -> dict[str, Any]:
    src = a.pop("source") or {}
    row = {"document_id": did, **flatten({k: a[k] for k in ("id", "parent", "stance")})}
    row.update({f"source_{k}": src.get(k) for k in (*SPAN_KEYS, "type", "entity_id")})
    for part in ("cue", "content"):
        span = a.get(part) or {}
        row.update({f"{part}_{k}": span.get(k) for k in SPAN_KEYS})
    return row


def _event_row(doc: Document, e: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"document_id": doc.id}
    for key in ("id", "type", "mode", "place", "time", "date", "date_precision", "attribution", "negated"):
        row[key] = e.get(key)
    for part in ("trigger", "actor", "recipient"):
        span = e.get(part) or {}
        row.update({f"{part}_{k}": span.get(k) for k in SPAN_KEYS})
        if part != "trigger":
            row[f"{part}_entity_id"] = span.get("entity_id")
    row["sentence_start"], row["sentence_end"] = e["sentence"]["start"], e["sentence"]["end"]
    q = e.get("quantity") or {}
    row.update({"quantity_value": q.get("value"), "quantity_unit": q.get("unit"), "quantity_text": q.get("text")})
    place = doc.places[e["place"]] if e.get("place") is not None and e["place"] < len(doc.places) else None
    row.update({"place_name": place.name if place else None, "lat": place.lat if place else None,
                "lon": place.lon if place else None, "country_code": place.country_code if place else None,
                "geonameid": None if place is None or place.geonameid is None else str(place.geonameid),
                "admin1": place.admin1 if place else None})
    # fields other branches add to the Event model: read them if present, so this works before and after
    instrument = e.get("instrument") or {}
    row.update({f"instrument_{k}": instrument.get(k) for k in SPAN_KEYS})
    row["place_source"] = e.get("place_source")
    return row
