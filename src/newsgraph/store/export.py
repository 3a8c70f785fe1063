"""Exports from the store: JSONL (schema-shaped, nested), CSV (flat, for R/pandas), GeoJSON (for QGIS).

Rows come flat from the store; JSONL and GeoJSON nest them back with ``rows.nest`` so every format carries the
same fields (``actor.text`` in JSON is ``actor_text`` in CSV).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsgraph.store.rows import nest

GROUPS = {
    "events": ("trigger", "actor", "recipient", "sentence", "quantity"),
    "claims": ("source", "cue", "content", "original_source"),
    "places": (),
}
FORMATS = ("jsonl", "csv", "geojson")


def shape(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A stored flat row as the export schema names it (document_id first, nested groups)."""
    row = dict(row)
    if kind == "events":
        for part in ("actor", "recipient"):
            row[f"{part}_entity_id"] = row.pop(f"{part}_entity_id", None)
        row["negated"] = bool(row.get("negated"))
    if kind == "claims":
        row["source_entity_id"] = row.pop("source_entity_id", None)
    out = nest(row, GROUPS[kind])
    return {"document_id": out.pop("document_id"), **out}


def write(kind: str, fmt: str, rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Write rows in ``fmt``; returns how many were written."""
    if fmt == "jsonl":
        return _write_jsonl(kind, rows, fh)
    if fmt == "csv":
        return _write_csv(rows, fh)
    if fmt == "geojson":
        return _write_geojson(kind, rows, fh)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _write_jsonl(kind: str, rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(shape(kind, row), ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _write_csv(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return 0
    writer = csv.DictWriter(fh, fieldnames=list(first), extrasaction="ignore")
    writer.writeheader()
    writer.writerow(first)
    n = 1
    for row in it:
        writer.writerow(row)
        n += 1
    return n


def features(kind: str, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """GeoJSON Features for rows that have coordinates (events without a resolved place are skipped)."""
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        props = shape(kind, row)
        geometry = {"type": "Point", "coordinates": [props.pop("lon"), props.pop("lat")]}
        yield {"type": "Feature", "geometry": geometry, "properties": props}


def _write_geojson(kind: str, rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    feats = list(features(kind, rows))
    json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False, default=str)
    fh.write("\n")
    return len(feats)
