"""The REST API through httpx (FastAPI's TestClient): filters, pages, ids, errors, security, search, export.

The store is synthetic (``newsgraph.api.synth``: our own templates, exact offsets, fusion columns filled), so
these tests need no spaCy model; one slow test ingests a real article through ``POST /api/ingest``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.api.synth import build_store

PG_URL = os.environ.get("NEWSGRAPH_TEST_PG")
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    build_store(url, 80, seed=3, hostile_every=20)
    return url


@pytest.fixture(scope="module")
def client(store_url: str) -> TestClient:
    return TestClient(create_app(store_url, token=""), raise_server_exceptions=False)


def _all_pages(client: TestClient, path: str, params: dict, limit: int) -> tuple[int, list[dict]]:
    items: list[dict] = []
    total = None
    offset = 0
    while True:
        body = client.get(path, params={**params, "limit": limit, "offset": offset}).json()
        total = body["total"] if total is None else total
        assert body["total"] == total
        items += body["items"]
        offset += limit
        if offset >= total:
            return total, items


def test_events_filters_and_pages_add_up(client: TestClient) -> None:
    total, items = _all_pages(client, "/api/events", {"type": "assault"}, 7)
    assert total == len(items) > 0
    assert all(e["type"] == "ASSAULT" for e in items)
    every = client.get("/api/events", params={"limit": 1000}).json()
    assert every["total"] > total
    assert sum(1 for e in every["items"] if e["type"] == "ASSAULT") == total


def test_event_filters_narrow_as_named(client: TestClient) -> None:
    ua = client.get("/api/events", params={"country": "ua", "limit": 1000}).json()
    assert ua["filters"] == {"country": "ua"}
    assert ua["items"] and all(e["country_code"] == "UA" for e in ua["items"])
    dated = client.get("/api/events", params={"since": "2022-10-01", "until": "2022-10-15", "limit": 1000}).json()
    assert dated["items"] and all("2022-10-01" <= e["date"] <= "2022-10-15" for e in dated["items"])
    near = client.get("/api/events", params={"lat": 49.99, "lon": 36.23, "km": 20, "limit": 1000}).json()
    assert near["items"] and {e["place_name"] for e in near["items"]} == {"Kharkiv"}
    multi = client.get("/api/events", params={"min_origins": 3, "limit": 1000}).json()
    assert all(e["origins"] >= 3 for e in multi["items"])
    anon = client.get("/api/events", params={"source_type": "anonymous", "limit": 1000}).json()
    assert 0 < anon["total"] < client.get("/api/events").json()["total"]
    for e in anon["items"][:5]:
        doc = client.get(f"/api/documents/{e['document_id']}").json()
        assert next(a for a in doc["attributions"] if a["id"] == e["attribution"])["source"]["type"] == "anonymous"


def test_disputed_stories_have_disagreeing_figures(client: TestClient) -> None:
    stories = client.get("/api/stories", params={"disputed": "true", "limit": 100}).json()["items"]
    assert stories, "the synthetic store has disputed figures"
    st = client.get(f"/api/stories/{stories[0]['id']}").json()
    values = {r["quantity"]["value"] for r in st["reports"] if r["quantity"]}
    assert len(values) > 1 and st["disputed"] and st["disputes"][0]["values"] == sorted(values)
    calm = client.get("/api/stories", params={"disputed": "false", "limit": 1000}).json()
    assert not {s["id"] for s in calm["items"]} & {s["id"] for s in stories}


def test_story_lists_every_report_and_outlet(client: TestClient) -> None:
    top = client.get("/api/stories", params={"limit": 1}).json()["items"][0]
    st = client.get(f"/api/stories/{top['id']}").json()
    assert len(st["reports"]) == top["reports"] and len(st["outlets"]) == top["outlets"]
    assert 1 <= st["origins"] <= len(st["reports"])
    assert {r["story_id"] for r in st["reports"]} == {top["id"]}


def test_claim_chain_runs_outlet_to_speaker(client: TestClient) -> None:
    claims = client.get("/api/claims", params={"limit": 5}).json()["items"]
    c = next(c for c in claims if len(c["chain"]) == 3)
    roles = [n["role"] for n in c["chain"]]
    assert roles == ["outlet", "via", "source"]
    assert c["chain"][-1]["text"] == c["source"]["text"]
    full = client.get(f"/api/claims/{c['id']}").json()
    assert len(full["reports"]) == c["reports"] and full["corroboration"] == c["corroboration"]


def test_document_layers_offsets_match_text(client: TestClient) -> None:
    doc = client.get("/api/documents/syn-000001").json()
    for layer in ("entities", "places", "times"):
        for span in doc[layer]:
            assert doc["text"][span["start"]:span["end"]] == span["text"]
    for ev in doc["events"]:
        assert doc["text"][ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
        assert ev["story_id"]
    assert all(a["claim_id"] for a in doc["attributions"])


@pytest.mark.parametrize("path", [
    "/api/events?since=yesterday", "/api/events?type=EXPLODE", "/api/events?limit=0", "/api/events?limit=99999",
    "/api/events?offset=-1", "/api/events?country=Ukraine", "/api/events?lat=10",
    "/api/events?since=2022-10-01&until=2022-09-01", "/api/claims?stance=shouting", "/api/events?min_origins=x",
    "/api/events?disputed=maybe", "/api/search?q=", "/api/export/events?format=xlsx", "/api/events?km=-5&near=Gao",
    "/api/stories?stance=deny", "/api/events?km=10",
])
def test_bad_parameters_are_422_with_a_coded_message(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"].startswith("NG-E060") and "Traceback" not in r.text


@pytest.mark.parametrize("path", ["/api/documents/nope", "/api/stories/nope", "/api/claims/nope",
                                  "/api/events/nope/v1", "/api/nothing-here"])
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.json()["error"].startswith("NG-E061")


def test_store_is_opened_read_only_without_a_token(client: TestClient) -> None:
    engine = client.app.state.engine
    assert "mode=ro" in str(engine.url)
    with pytest.raises(OperationalError), engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
    assert client.get("/api/documents").json()["total"] == 80


def test_ingest_needs_the_token(store_url: str) -> None:
    off = TestClient(create_app(store_url, token=""), raise_server_exceptions=False)
    assert off.post("/api/ingest", files={"file": ("a.txt", b"x")}).status_code == 403
    on = TestClient(create_app(store_url, token=TOKEN, max_body=2000), raise_server_exceptions=False)
    assert on.post("/api/ingest", files={"file": ("a.txt", b"x")}).status_code == 401
    wrong = on.post("/api/ingest", files={"file": ("a.txt", b"x")}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"].startswith("NG-E064")
    big = on.post("/api/ingest", files={"file": ("a.txt", b"y" * 5000)}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert big.status_code == 413 and big.json()["error"].startswith("NG-E062")
    odd = on.post("/api/ingest", files={"file": ("a.exe", b"MZ")}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert odd.status_code == 422


def test_cors_is_off_unless_configured(store_url: str, client: TestClient) -> None:
    r = client.get("/api/summary", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    on = TestClient(create_app(store_url, token="", cors_origins=["https://team.example"]))
    r = on.get("/api/summary", headers={"Origin": "https://team.example"})
    assert r.headers["access-control-allow-origin"] == "https://team.example"


def test_search_ranks_documents_and_claims(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "peacekeepers withdrew"}).json()
    assert r["total"] > 0 and all("peacekeepers" in (h["title"] or "").lower() for h in r["items"][:3])
    assert "\x02" in r["items"][0]["snippet"]
    claims = client.get("/api/search", params={"q": "civilians harmed", "kind": "claim"}).json()
    assert claims["total"] > 0 and all(h["kind"] == "claim" and h["attribution"] for h in claims["items"])


@pytest.mark.parametrize("q", ['"', "AND OR NOT", "*", "NEAR(", "a:b", "x'); DROP TABLE documents; --", "ü"])
def test_search_survives_query_syntax(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text


def test_export_formats(client: TestClient) -> None:
    csv_text = client.get("/api/export/events", params={"format": "csv", "type": "ASSAULT"}).text
    header, *rows = csv_text.strip().splitlines()
    assert header.startswith("document_id,") and rows
    geo = client.get("/api/export/places", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lines = client.get("/api/export/claims", params={"format": "jsonl"}).text.strip().splitlines()
    assert json.loads(lines[0])["content"]["text"]


def test_openapi_documents_every_route_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for route in ("/api/events", "/api/stories", "/api/claims", "/api/documents", "/api/entities", "/api/places",
                  "/api/search", "/api/export/{kind}", "/api/ingest", "/api/map", "/api/timeline"):
        assert route in spec["paths"], route
    params = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params["type"].get("examples") or params["type"]["schema"].get("examples")
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/assets/swagger/swagger-ui-bundle.js" in docs.text


def test_security_headers(client: TestClient) -> None:
    r = client.get("/api/summary")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_serving_a_missing_sqlite_file_is_a_coded_error(tmp_path: Path) -> None:
    from newsgraph.api.storage import open_readonly
    from newsgraph.store.db import StoreError

    with pytest.raises(StoreError, match="NG-E030"):
        open_readonly(f"sqlite:///{tmp_path / 'absent.db'}")


@pytest.mark.postgres
def test_postgres_read_only_and_search() -> None:
    if not PG_URL:
        pytest.skip("NEWSGRAPH_TEST_PG not set (PostgreSQL tests run in CI)")
    from newsgraph.store import schema
    from newsgraph.store.db import Store

    st = Store(PG_URL)
    with st.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS search_index, search_state"))
        for table in reversed(schema.metadata.sorted_tables):
            conn.execute(table.delete())
    build_store(PG_URL, 30, seed=5)
    pg = TestClient(create_app(PG_URL, token=""), raise_server_exceptions=False)
    assert pg.get("/api/events", params={"type": "ASSAULT"}).json()["total"] >= 0
    assert pg.get("/api/stories").json()["total"] > 0
    hits = pg.get("/api/search", params={"q": "officials"}).json()
    assert hits["total"] > 0
    try:
        with pytest.raises(Exception, match="read-only"), pg.app.state.engine.begin() as conn:
            conn.execute(text("DELETE FROM documents"))
    finally:
        pg.app.state.engine.dispose()
        _drop_api_objects(st)


def _drop_api_objects(st) -> None:
    """The shared test database goes back to the store schema alone (the migration tests compare against it)."""
    import re

    from newsgraph.api.storage import VIEW_INDEXES

    with st.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS search_index, search_state"))
        for ddl in VIEW_INDEXES:
            name = re.search(r"EXISTS (\w+)", ddl).group(1)
            conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


@pytest.mark.slow
def test_ingest_with_token_stores_and_indexes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ing.db'}"
    app = TestClient(create_app(url, token=TOKEN), raise_server_exceptions=False)
    article = ("KHERSON, Ukraine — Russian forces shelled the port of Kherson on Friday, regional officials said, "
               "and the governor said two people were wounded in the strike.\n").encode()
    r = app.post("/api/ingest", files={"file": ("kherson port.txt", article)},
                 headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    doc_id = r.json()["documents"][0]
    assert app.get(f"/api/documents/{doc_id}").json()["text"].startswith("KHERSON")
    assert app.get("/api/search", params={"q": "port Kherson"}).json()["total"] >= 1


def test_fast_shape_matches_the_exporter(client: TestClient) -> None:
    from sqlalchemy import select

    from newsgraph.api import queries
    from newsgraph.store import export

    with client.app.state.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(queries.E, *queries.DOC_COLS).limit(40))]
    assert rows
    for row in rows:
        assert queries.shape("events", row) == export.shape("events", row)


def test_cache_serves_repeats_until_the_store_changes(tmp_path: Path) -> None:
    import random

    from newsgraph.api.synth import INCIDENTS, incident_document, incidents
    from newsgraph.store.db import Store

    url = f"sqlite:///{tmp_path / 'c.db'}"
    build_store(url, 10, seed=1)
    app = TestClient(create_app(url, token=""))
    app.get("/api/summary")  # the first read connection may touch the -wal file once (one spurious miss)
    first = app.get("/api/documents")
    again = app.get("/api/documents")
    assert again.headers.get("x-cache") == "hit" and again.json() == first.json()
    assert app.get("/api/documents", params={"limit": 3}).headers.get("x-cache") is None
    rng = random.Random(0)
    inc = next(incidents(1, rng))
    inc["frame"] = INCIDENTS[0]
    Store(url).save(incident_document("late-arrival", rng, inc, "Reuters"))  # another process's ingest
    after = app.get("/api/documents")
    assert after.headers.get("x-cache") is None and after.json()["total"] == first.json()["total"] + 1


@pytest.mark.parametrize("params", [{}, {"type": "ASSAULT"}, {"country": "UA", "since": "2022-10-01"},
                                    {"lat": 49.99, "lon": 36.23, "km": 30}, {"disputed": True}])
def test_pages_match_the_query_layer(client: TestClient, params: dict) -> None:
    """A page of /api/events is the query layer's rows, in its order, with its total."""
    from newsgraph import query, query_count

    store = client.app.state.store
    for offset in (0, 7, 10_000):
        body = client.get("/api/events", params={**params, "limit": 7, "offset": offset}).json()
        want = query("events", store, limit=7, offset=offset, **params)
        assert body["total"] == query_count("events", store, **params)
        assert [(e["document_id"], e["id"]) for e in body["items"]] == [(r["document_id"], r["id"]) for r in want]
