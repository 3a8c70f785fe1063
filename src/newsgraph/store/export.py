"""Exports from the store: JSONL (schema-shaped, nested), CSV and Parquet (flat, for R, pandas and DuckDB),
GeoJSON (flat properties, for QGIS/GDAL).

Rows come flat from the store; JSONL nests them back with ``rows.nest`` (``actor.text`` in JSON is ``actor_text``
in CSV). GeoJSON properties stay flat like the CSV columns, because GDAL and QGIS show nested objects as JSON
strings; list or object values (a story's figures, an entity's aliases) are JSON text in the flat formats.
Kinds: events, claims, places (layer rows with their fusion fields), stories, entities (cluster tables).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsgraph.store.rows import nest

GROUPS = {
    "events": ("trigger", "actor", "recipient", "sentence", "quantity", "instrument"),
    "claims": ("source", "cue", "content", "original_source"),
    "places": (),
    "stories": (),
    "entities": (),
}
KINDS = tuple(GROUPS)
FORMATS = ("jsonl", "csv", "geojson", "parquet")


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
    if "document_id" not in out:
        return out
    return {"document_id": out.pop("document_id"), **out}


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for the flat formats: lists and objects as JSON text, everything else as it is."""
    return {k: json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (list, dict)) else v
            for k, v in row.items()}


def write(kind: str, fmt: str, rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Write rows in ``fmt``; returns how many were written."""
    if fmt == "jsonl":
        return _write_jsonl(kind, rows, fh)
    if fmt == "csv":
        return _write_csv(rows, fh)
    if fmt == "geojson":
        return _write_geojson(kind, rows, fh)
    if fmt == "parquet":
        raise ValueError("parquet is binary: use write_parquet(rows, path)")
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
    writer.writerow(flat(first))
    n = 1
    for row in it:
        writer.writerow(flat(row))
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: str) -> int:
    """Flat rows as one Parquet file (pyarrow), in batches so a large export never sits in memory whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    n = 0
    batch: list[dict[str, Any]] = []
    schema = None

    def flush() -> None:
        nonlocal writer, schema
        if not batch:
            return
        table = pa.Table.from_pylist(batch, schema=schema)
        if writer is None:
            schema = table.schema
            writer = pq.ParquetWriter(path, schema)
        writer.write_table(table)
        batch.clear()

    for row in rows:
        batch.append(flat(row))
        n += 1
        if len(batch) >= 5000:
            flush()
    flush()
    if writer is None:
        pq.write_table(pa.table({}), path)
    else:
        writer.close()
    return n


def features(kind: str, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """GeoJSON Features for rows that have coordinates (events without a resolved place are skipped)."""
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        props = flat(dict(row))
        geometry = {"type": "Point", "coordinates": [props.pop("lon"), props.pop("lat")]}
        yield {"type": "Feature", "geometry": geometry, "properties": props}


def _write_geojson(kind: str, rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    feats = list(features(kind, rows))
    json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False, default=str)
    fh.write("\n")
    return len(feats)
