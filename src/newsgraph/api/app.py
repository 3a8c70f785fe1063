"""The FastAPI app: JSON under ``/api`` (OpenAPI at ``/docs``), the built UI at ``/``.

``create_app(db_url)`` is the whole configuration: the store is read-only unless an ingest token is given, CORS
is off unless origins are given, request bodies are capped. Every error is a JSON body ``{"error": "NG-E…"}``
with the right status (401/403/404/413/422), never a stack trace.
"""

from __future__ import annotations

import hmac
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api import storage
from newsgraph.api.cache import ResponseCache, store_version
from newsgraph.api.routes import router
from newsgraph.errors import Errors
from newsgraph.store.filters import QueryError

log = logging.getLogger("newsgraph.api")
STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'")


@dataclass
class ApiConfig:
    """What one server instance serves and allows."""

    db_url: str
    token: str | None = None
    max_body: int = 5_000_000
    cors_origins: list[str] = field(default_factory=list)

    @property
    def ingest_on(self) -> bool:
        return bool(self.token)


class SecurityHeaders:
    """CSP (no inline scripts outside /docs), nosniff, no referrer: plain ASGI, so it costs nothing per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if scope.get("path", "").startswith("/docs") else CSP).encode()

        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(b"content-security-policy", csp), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer")]
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, add)


class BodyLimit:
    """Refuse bodies over the limit with 413 before the app reads them (Content-Length, then counted chunks)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _too_large(send, int(length), self.limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge(seen)
            return msg

        try:
            await self.app(scope, counted, send)
        except _TooLarge as exc:
            await _too_large(send, exc.size, self.limit)


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


async def _too_large(send: Send, size: int, limit: int) -> None:
    body = JSONResponse({"error": Errors.E062.fmt(size=size, limit=limit)}, status_code=413).body
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def check_token(config: ApiConfig, authorization: str | None) -> None:
    """401 without a bearer token, 403 with a wrong one or when ingest is off (compared in constant time)."""
    if not config.token:
        raise HTTPException(403, Errors.E065.fmt())
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(401, Errors.E063.fmt(), headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(authorization[7:].strip().encode(), config.token.encode()):
        raise HTTPException(403, Errors.E064.fmt())


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    details = [{"param": ".".join(str(x) for x in e.get("loc", ())[1:]) or "body", "problem": e.get("msg", "")}
               for e in exc.errors()]
    first = details[0] if details else {"param": "request", "problem": "invalid"}
    return Errors.E060.fmt(detail=f"{first['param']}: {first['problem']}"), details


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        msg, details = _validation_message(exc)  # FastAPI's own checks (types, ranges) on declared parameters
        return JSONResponse({"error": msg, "details": details}, status_code=422)

    @app.exception_handler(QueryError)
    async def _bad_filter(_req: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": Errors.E060.fmt(detail=str(exc))}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(req: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail.startswith("NG-") else (
            Errors.E061.fmt(what=req.url.path) if exc.status_code == 404 else str(exc.detail))
        return JSONResponse({"error": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(req: Request, exc: Exception) -> JSONResponse:
        log.exception("error answering %s", req.url.path)
        return JSONResponse({"error": Errors.E066.fmt(path=req.url.path)}, status_code=500)


def _install_ui(app: FastAPI) -> None:
    index = STATIC / "index.html"
    if (STATIC / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=STATIC / "assets"), name="assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        """Swagger UI from the npm package bundled with the UI (no CDN); bare JSON schema link if not built."""
        from fastapi.openapi.docs import get_swagger_ui_html

        if not (STATIC / "assets" / "swagger").is_dir():
            return PlainTextResponse("Swagger UI is not built (run `make ui`); the schema is at /openapi.json.")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="newsgraph API",
                                   swagger_js_url="/assets/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/assets/swagger/swagger-ui.css", swagger_favicon_url="data:,")

    @app.get("/", include_in_schema=False)
    def ui() -> Any:
        if not index.exists():
            return PlainTextResponse("The web UI is not built: run `make ui` (npm ci + esbuild) in the source tree. "
                                     "The API is at /api and its documentation at /docs.", status_code=503)
        return FileResponse(index, media_type="text/html")


def create_app(db_url: str | None = None, token: str | None = None, max_body: int | None = None,
               cors_origins: list[str] | None = None, engine: Engine | None = None, cache: bool = True,
               prepare: bool = True) -> FastAPI:
    """The app for one store. ``token`` (default: env NEWSGRAPH_API_TOKEN) turns ingest on; without it the
    store is opened read-only. ``cache`` keeps answers while the store is unchanged (api/cache.py);
    ``prepare=False`` skips the writable pass (a parent process already made it for its workers)."""
    from newsgraph.config import Settings

    settings = Settings()
    config = ApiConfig(db_url=db_url or settings.db_url,
                       token=token if token is not None else os.environ.get("NEWSGRAPH_API_TOKEN") or None,
                       max_body=max_body or settings.max_bytes, cors_origins=list(cors_origins or []))
    if engine is None:
        if prepare:
            storage.prepare(config.db_url)
        engine = storage.open_writable(config.db_url) if config.ingest_on else storage.open_readonly(config.db_url)
    app = FastAPI(title="newsgraph", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Events, places, times, sources and stories from news, with the evidence spans "
                              "behind every field. Lists take `limit`/`offset` and return `total`; filters use "
                              "the same names as `newsgraph query`.")
    app.state.config, app.state.engine = config, engine
    app.state.store = storage.EngineStore(config.db_url, engine)
    _install_handlers(app)
    app.include_router(router, prefix="/api")
    _install_ui(app)

    if cache:
        app.add_middleware(ResponseCache, version=store_version(engine))
    app.add_middleware(SecurityHeaders)
    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=config.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, limit=config.max_body)
    return app
