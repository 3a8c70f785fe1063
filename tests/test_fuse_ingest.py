"""Fusion through real ingests (spaCy): re-ingesting examples/ changes no count, and four concurrent
``newsgraph ingest`` processes into one store lose nothing, duplicate nothing and give the clusters one
sequential ingest gives (the same clusters on both backends: the reference is one sequential SQLite ingest). SQLite always; PostgreSQL when NEWSGRAPH_TEST_PG is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from store_backends import BACKENDS, PG_URL, empty_pg_store

from newsgraph.document import Document
from newsgraph.fuse import store_and_fuse
from newsgraph.ingest import RawDoc, iter_inputs
from newsgraph.store import schema
from newsgraph.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "fusion" / "articles.jsonl"
NEWSGRAPH = Path(sys.executable).parent / "newsgraph"

pytestmark = pytest.mark.slow


def url_for(backend: str, tmp_path: Path, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    if not PG_URL:
        pytest.skip("NEWSGRAPH_TEST_PG not set (PostgreSQL tests run in CI)")
    empty_pg_store()
    return PG_URL


def snapshot(url: str) -> dict:
    """Everything fusion decides, independent of row order and of which process wrote what."""
    store = Store(url)
    with store.engine.connect() as conn:
        ev = conn.execute(select(schema.events.c.document_id, schema.events.c.id, schema.events.c.cluster_id,
                                 schema.events.c.origins)).all()
        at = conn.execute(select(schema.attributions.c.document_id, schema.attributions.c.id,
                                 schema.attributions.c.claim_id, schema.attributions.c.corroboration)).all()
        docs = conn.execute(select(schema.documents.c.id, schema.documents.c.origin_id)).all()
        disputes = conn.execute(select(schema.disputes.c.kind, schema.disputes.c.a_id, schema.disputes.c.b_id)).all()
    return {"counts": store.counts(), "event_clusters": sorted(map(tuple, ev)),
            "claim_clusters": sorted(map(tuple, at)), "origins": sorted(map(tuple, docs)),
            "disputes": sorted(map(tuple, disputes))}


def extracted(pipeline, source: Path) -> list[Document]:
    """Documents as ``newsgraph ingest`` extracts them (the session's pipeline, so the model loads once)."""
    return [d for d in pipeline.run(r for r in iter_inputs([str(source)]) if isinstance(r, RawDoc))
            if isinstance(d, Document)]


@pytest.fixture(scope="module")
def examples(pipeline) -> list[Document]:
    return extracted(pipeline, ROOT / "examples")


@pytest.fixture(scope="module")
def sequential(pipeline, tmp_path_factory) -> dict:
    """The fusion corpus ingested once, sequentially, into SQLite: the reference for the concurrent runs."""
    url = f"sqlite:///{tmp_path_factory.mktemp('seq') / 'sequential.db'}"
    store = Store(url)
    for doc in extracted(pipeline, CORPUS):
        store_and_fuse(store, doc)
    return snapshot(url)


@pytest.mark.parametrize("backend", BACKENDS)
def test_reingesting_examples_changes_no_count(backend, tmp_path, examples) -> None:
    url = url_for(backend, tmp_path, "examples.db")
    store = Store(url)
    assert [store_and_fuse(store, d) for d in examples] == ["inserted"] * len(examples)
    once = snapshot(url)
    assert [store_and_fuse(store, d) for d in examples] == ["updated"] * len(examples)
    assert snapshot(url) == once


@pytest.mark.parametrize("backend", BACKENDS)
def test_four_concurrent_ingests_equal_one_sequential(backend, tmp_path, sequential) -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    parts = []
    for i in range(4):
        part = tmp_path / f"part{i}.jsonl"
        part.write_text("\n".join(lines[i::4]) + "\n", encoding="utf-8")
        parts.append(part)
    env = {**os.environ, "COLUMNS": "200"}
    conc_url = url_for(backend, tmp_path, "concurrent.db")
    procs = [subprocess.Popen([str(NEWSGRAPH), "ingest", str(p), "--db", conc_url], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in parts]
    for p in procs:
        _, stderr = p.communicate(timeout=600)
        assert p.returncode == 0, stderr.decode()[-2000:]
    concurrent = snapshot(conc_url)
    assert concurrent["counts"]["documents"] == len(lines)
    assert concurrent == sequential, json.dumps({k: v for k, v in concurrent.items() if v != sequential[k]},
                                                default=str)[:3000]
