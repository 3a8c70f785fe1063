"""The ``/api`` routes: thin handlers that validate, call one query function, and page the answer.

Filter parameters are declared once (``FilterParams``) so every list endpoint takes the same names as
``newsgraph query`` and documents them the same way in OpenAPI.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Header, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from newsgraph.api import export as api_export
from newsgraph.api import queries, search
from newsgraph.errors import Errors
from newsgraph.store.db import Store

router = APIRouter()
MAX_LIMIT, MAP_LIMIT = 1000, 50_000
_SAFE_STEM = re.compile(r"[^A-Za-z0-9._-]+")
UPLOAD_EXT = {".txt", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom"}


class Page(BaseModel):
    """One page of a list: ``total`` rows match, ``items`` are rows offset..offset+limit."""

    total: int = Field(examples=[1234])
    limit: int = Field(examples=[50])
    offset: int = Field(examples=[0])
    filters: dict[str, Any] = Field(default_factory=dict, examples=[{"type": "ASSAULT", "country": "UA"}])
    items: list[dict[str, Any]]


class IngestResult(BaseModel):
    stored: int
    documents: list[str]
    failed: list[dict[str, str]]


def store(request: Request) -> Store:
    return request.app.state.store


def conn(request: Request) -> Iterator[Connection]:
    with request.app.state.engine.connect() as c:
        yield c


Conn = Annotated[Connection, Depends(conn)]
St = Annotated[Store, Depends(store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page", examples=[50])]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip", examples=[0])]


def filter_params(
    type: Annotated[str | None, Query(description="PLOVER event type (entities: person/organization/group/place)",
                                      examples=["ASSAULT"])] = None,
    actor: Annotated[str | None, Query(description="actor text or canonical entity contains", examples=["army"])] = None,
    place: Annotated[str | None, Query(description="place name contains", examples=["Kharkiv"])] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-2 of the place", examples=["UA"])] = None,
    since: Annotated[str | None, Query(description="on or after (YYYY[-MM[-DD]])", examples=["2022-09-01"])] = None,
    until: Annotated[str | None, Query(description="on or before (YYYY[-MM[-DD]])", examples=["2022-09-30"])] = None,
    source_type: Annotated[str | None, Query(description="attributed source type", examples=["anonymous"])] = None,
    stance: Annotated[str | None, Query(description="assert | believe | speculate | deny | question")] = None,
    min_origins: Annotated[int | None, Query(ge=0, le=1_000_000, description="at least this many independent origins")] = None,
    disputed: Annotated[bool | None, Query(description="reports disagree (figures or stance)")] = None,
    name: Annotated[str | None, Query(description="name contains (entities, places, sources)")] = None,
    document: Annotated[str | None, Query(description="document id")] = None,
    story: Annotated[str | None, Query(description="story (event cluster) id")] = None,
    claim: Annotated[str | None, Query(description="claim id")] = None,
    outlet: Annotated[str | None, Query(description="outlet contains", examples=["Reuters"])] = None,
    near: Annotated[str | None, Query(description="a place name: centre of a radius filter", examples=["Kharkiv"])] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90, description="centre latitude (with lon)")] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180, description="centre longitude (with lat)")] = None,
    km: Annotated[float | None, Query(gt=0, le=20_000, description="radius for near or lat/lon (default 50)")] = None,
) -> dict[str, Any]:
    """The filters given, by the query layer's names; the query layer checks that each applies and parses it."""
    given = {"type": type, "actor": actor, "place": place, "country": country, "since": since, "until": until,
             "source_type": source_type, "stance": stance, "min_origins": min_origins, "disputed": disputed,
             "name": name, "document": document, "story": story, "claim": claim, "outlet": outlet, "near": near,
             "lat": lat, "lon": lon, "km": km}
    return {k: v for k, v in given.items() if v is not None and v != ""}


F = Annotated[dict[str, Any], Depends(filter_params)]


def _page(total: int, items: list[dict[str, Any]], limit: int, offset: int, f: dict[str, Any]) -> JSONResponse:
    """The page as JSON straight away: the rows are already plain JSON values, so re-validating them against
    ``Page`` (FastAPI's default for a returned dict) would only cost time; ``Page`` still documents the shape."""
    return JSONResponse({"total": total, "limit": limit, "offset": offset, "filters": f, "items": items})


def _found(obj: Any, what: str) -> Any:
    if obj is None:
        raise HTTPException(404, Errors.E061.fmt(what=what))
    return obj


@router.get("/filters", summary="Which filters apply to which kind (the query layer's table)")
def filter_table() -> dict[str, list[str]]:
    from newsgraph.store.filters import APPLIES

    return {kind: sorted(names) for kind, names in APPLIES.items()}


@router.get("/summary", summary="What the store holds")
def summary(c: Conn, request: Request) -> dict[str, Any]:
    out = queries.types_summary(c)
    out["ingest"] = request.app.state.config.ingest_on
    return out


@router.get("/events", response_model=Page, summary="Events (PLOVER), filtered and paged")
def list_events(st: St, f: F, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    total, items = queries.events(st, f, limit, offset)
    return _page(total, items, limit, offset, f)


@router.get("/events/{document_id}/{event_id}", summary="One event with its evidence offsets")
def get_event(c: Conn, document_id: str, event_id: str) -> dict[str, Any]:
    return _found(queries.event(c, document_id, event_id), f"event {document_id}/{event_id}")


@router.get("/map", summary="Compact event points for the map: [lat, lon, type, story, document, event]")
def map_points(st: St, f: F, limit: Annotated[int, Query(ge=1, le=MAP_LIMIT)] = MAP_LIMIT) -> dict[str, Any]:
    pts = queries.map_points(st, f, limit)
    return {"total": len(pts), "columns": ["lat", "lon", "type", "story", "document", "event"], "points": pts}


@router.get("/timeline", summary="Events per day and type")
def timeline(st: St, f: F) -> dict[str, Any]:
    return {"filters": f, "days": queries.timeline(st, f)}


@router.get("/stories", response_model=Page, summary="Stories (event clusters): reports, outlets, origins")
def list_stories(st: St, f: F, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    total, items = queries.stories(st, f, limit, offset)
    return _page(total, items, limit, offset, f)


@router.get("/stories/{story_id:path}", summary="A story: every report, figures per outlet, disputes")
def get_story(st: St, story_id: str) -> dict[str, Any]:
    return _found(queries.story(st, story_id), f"story {story_id}")


@router.get("/claims", response_model=Page, summary="Claims with their chain of sources")
def list_claims(st: St, f: F, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    total, items = queries.claims(st, f, limit, offset)
    return _page(total, items, limit, offset, f)


@router.get("/claims/{claim_id:path}", summary="A claim: every report and its chain")
def get_claim(c: Conn, claim_id: str) -> dict[str, Any]:
    return _found(queries.claim(c, claim_id), f"claim {claim_id}")


@router.get("/documents", response_model=Page, summary="Documents (metadata only)")
def list_documents(st: St, f: F, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    total, items = queries.listing("documents", st, f, limit, offset)
    return _page(total, items, limit, offset, f)


@router.get("/documents/{document_id:path}", summary="A document with every layer and its offsets")
def get_document(c: Conn, document_id: str) -> dict[str, Any]:
    return _found(queries.document_layers(c, document_id), f"document {document_id}")


@router.get("/entities", response_model=Page, summary="Entities by canonical name")
def list_entities(st: St, f: F, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    total, items = queries.listing("entities", st, f, limit, offset)
    return _page(total, items, limit, offset, f)


@router.get("/places", response_model=Page, summary="Resolved places with mention counts")
def list_places(st: St, f: F, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    total, items = queries.listing("places", st, f, limit, offset)
    return _page(total, items, limit, offset, f)


@router.get("/search", response_model=Page, summary="Full-text search over titles, texts and claim contents")
def full_text(c: Conn, q: Annotated[str, Query(min_length=1, max_length=200, examples=["ceasefire talks"])],
              kind: Annotated[Literal["document", "claim"] | None, Query()] = None,
              limit: Limit = 20, offset: Offset = 0) -> Page:
    total, items = search.search(c, q, kind, limit, offset)
    return Page(total=total, limit=limit, offset=offset, filters={"q": q, **({"kind": kind} if kind else {})},
                items=items)


@router.get("/export/{kind}", summary="Export events, claims or places as CSV, GeoJSON or JSONL")
def export(st: St, f: F, kind: Literal["events", "claims", "places"],
           format: Annotated[Literal["csv", "geojson", "jsonl"], Query()] = "jsonl",
           limit: Annotated[int, Query(ge=1, le=1_000_000)] = 100_000) -> StreamingResponse:
    buf = io.StringIO(newline="")
    api_export.write(st, kind, format, f, limit, buf)
    media = {"csv": "text/csv", "geojson": "application/geo+json", "jsonl": "application/x-ndjson"}[format]
    return StreamingResponse(iter([buf.getvalue()]), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{kind}.{format}"'})


@router.post("/ingest", response_model=IngestResult, status_code=201,
             summary="Ingest an article (needs NEWSGRAPH_API_TOKEN)")
def ingest(request: Request, file: Annotated[UploadFile, File(description=".txt, .html, .jsonl or a feed")],
           authorization: Annotated[str | None, Header()] = None) -> IngestResult:
    from newsgraph import jobs
    from newsgraph.api.app import check_token
    from newsgraph.config import Settings
    from newsgraph.document import Document
    from newsgraph.errors import InputError

    config = request.app.state.config
    check_token(config, authorization)
    name = file.filename or "upload.txt"
    ext = Path(name).suffix.lower()
    if ext not in UPLOAD_EXT:
        raise HTTPException(422, Errors.E060.fmt(detail="file: " + Errors.E011.fmt(kind=ext or name)))
    stem = _SAFE_STEM.sub("_", Path(name).stem)[:80] or "upload"
    stored: list[str] = []
    failed: list[dict[str, str]] = []

    def on_result(result: object) -> None:
        if isinstance(result, Document):
            stored.append(result.id)
        elif isinstance(result, InputError):
            failed.append({"source": name, "error": result.message})

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{stem}{ext}"
        path.write_bytes(file.file.read())
        jobs.ingest([str(path)], config.db_url, Settings(), on_result=on_result)
    search.refresh(request.app.state.engine)
    if not stored and failed:
        raise HTTPException(422, Errors.E060.fmt(detail="file: " + failed[0]["error"]))
    return IngestResult(stored=len(stored), documents=stored, failed=failed)
