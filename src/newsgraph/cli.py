"""The command line: a thin shell over the library (each command calls one library function)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsgraph.config import Settings
from newsgraph.errors import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="newsgraph: events, places, times and sources from news.")
gazetteer_app = typer.Typer(help="Build and inspect the embedded gazetteer.")
pipeline_app = typer.Typer(help="Inspect the pipeline.")
db_app = typer.Typer(help="Manage the store's schema.")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(pipeline_app, name="pipeline")
app.add_typer(db_app, name="db")
err = Console(stderr=True)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _report(exc: InputError) -> None:
    err.print(f"[red]error[/red] {exc.source}: {exc.message}", highlight=False, soft_wrap=True)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help=".txt/.html/.jsonl/feed files, directories or URLs")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSONL output (default: stdout)")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name (env NEWSGRAPH_SPACY_MODEL)")] = None,
    batch_size: Annotated[int, typer.Option(help="texts per nlp.pipe batch")] = 16,
    processes: Annotated[int, typer.Option("--processes", "-j", help="worker processes (each loads the model)")] = 1,
) -> None:
    """Extract every layer and write one Document JSON per line, in input order."""
    from newsgraph.jobs import extract_stream

    settings = Settings(batch_size=batch_size, processes=processes)
    if model:
        settings.spacy_model = model
    failed = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with _progress() as progress:
            task = progress.add_task("extracting", total=None)
            for result in extract_stream(inputs, settings):
                if isinstance(result, InputError):
                    failed += 1
                    _report(result)
                else:
                    out.write(result.to_json() + "\n")
                progress.advance(task)
    finally:
        if output:
            out.close()
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _default_db() -> str:
    return Settings().db_url


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help=".txt/.html/.jsonl/feed files, directories or URLs")],
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: SQLite in the user data dir; "
                                                  "postgresql+psycopg://... for PostgreSQL)")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name (env NEWSGRAPH_SPACY_MODEL)")] = None,
    processes: Annotated[int, typer.Option("--processes", "-j", help="worker processes (each loads the model)")] = 1,
) -> None:
    """Extract and store documents; re-ingesting the same id or text updates it, never duplicates it."""
    from newsgraph import jobs
    from newsgraph.store.db import StoreError

    settings = Settings(processes=processes)
    if model:
        settings.spacy_model = model
    db_url = db or settings.db_url
    with _progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def on_result(result: object) -> None:
            if isinstance(result, InputError):
                _report(result)
            progress.advance(task)

        try:
            outcome = jobs.ingest(inputs, db_url, settings, on_result=on_result)
        except StoreError as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
    err.print(f"stored {outcome.ok} documents ({outcome.inserted} new, {outcome.updated} updated), "
              f"{len(outcome.failed)} failed, in {db_url}", highlight=False)
    _summary(db_url)
    raise typer.Exit(EXIT_SOME_FAILED if outcome.failed else EXIT_OK)


def _summary(db_url: str) -> None:
    """What the store now holds: layer counts, then the commonest event types, places and sources."""
    from rich.table import Table

    from newsgraph.store.db import Store

    store = Store(db_url)
    console = Console()
    layers = ("documents", "entities", "places", "times", "attributions", "events")
    counts = store.counts()
    table = Table(title="newsgraph store")
    for col in layers:
        table.add_column(col, justify="right")
    table.add_row(*(str(counts[c]) for c in layers))
    console.print(table)
    sections = [
        ("event types", store.top("events", ("type",))),
        ("places", store.top("places", ("name", "country_code"))),
        ("sources", store.top_sources()),
    ]
    for title, rows in sections:
        if rows:
            console.print(f"[bold]{title}[/bold]: " + "; ".join(
                f"{' '.join(str(v) for v in r[:-1] if v)} ({r[-1]})" for r in rows), highlight=False)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv | geojson | parquet (needs -o)")] = "jsonl",
    kind: Annotated[str, typer.Option("--type", help="events | claims | places | stories | entities")] = "events",
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: SQLite in the user data dir)")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file (default: stdout)")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before (YYYY-MM-DD)")] = None,
    event_type: Annotated[str | None, typer.Option(help="PLOVER type, e.g. ASSAULT (events only)")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code of the place (events, places)")] = None,
    document: Annotated[str | None, typer.Option(help="only this document id")] = None,
) -> None:
    """Export events, claims, places, stories or entities from the store as JSONL, CSV, GeoJSON or Parquet."""
    from newsgraph import jobs
    from newsgraph.store.db import StoreError
    from newsgraph.store.export import FORMATS, KINDS
    from newsgraph.store.filters import QueryError

    if fmt not in FORMATS or kind not in KINDS or (fmt == "parquet" and output is None):
        err.print(f"[red]error[/red] --format must be one of {', '.join(FORMATS)} (parquet needs -o FILE) and "
                  f"--type one of {', '.join(KINDS)}", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    filters = {"since": since, "until": until, "event_type": event_type, "country": country, "document": document}
    if fmt == "parquet":
        try:
            n = jobs.export(db or _default_db(), kind, fmt, str(output), filters)
        except (StoreError, QueryError) as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
        err.print(f"exported {n} {kind} as {fmt}", highlight=False)
        return
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        n = jobs.export(db or _default_db(), kind, fmt, out, filters)
    except (StoreError, QueryError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        if output:
            out.close()
    err.print(f"exported {n} {kind} as {fmt}", highlight=False)


@app.command()
def bench(
    inputs: Annotated[list[str] | None, typer.Argument(help="texts to time (default: the bundled examples/)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    repeat: Annotated[int, typer.Option(help="interleaved rounds; the fastest of each is kept")] = 3,
) -> None:
    """Time the pipeline and bare spaCy parsing on the same texts in one run; print the ratio."""
    from newsgraph.bench import run_bench
    from newsgraph.ingest import RawDoc, iter_inputs

    sources = inputs or [str(_examples_dir())]
    docs = [d for d in iter_inputs(sources) if isinstance(d, RawDoc)]
    if not docs:
        err.print("[red]error[/red] no readable documents to benchmark", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    result = run_bench(docs, Settings(), repeat=repeat)
    if as_json:
        typer.echo(json.dumps(result))
        return
    typer.echo(f"{result['documents']} documents, {result['words']} words")
    typer.echo(f"bare nlp.pipe {result['bare_parse_s']:.2f}s, pipeline {result['pipeline_s']:.2f}s, "
               f"ratio {result['ratio']:.2f}, {result['articles_per_s']:.1f} articles/s, "
               f"peak RSS {result['peak_rss_mb']:.0f} MB")
    for stage, share in result["stage_share_of_parse"].items():
        typer.echo(f"  {stage:14s} {result['stage_s'][stage]:.3f}s  ({share:.1%} of parse time)")


def _examples_dir() -> Path:
    """examples/ of a source checkout (the bundled sample articles)."""
    return Path(__file__).resolve().parents[2] / "examples"


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the store (default: SQLite in the user data dir)")] = None,
    host: Annotated[str, typer.Option(help="interface to bind (127.0.0.1 = this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    cors: Annotated[list[str] | None, typer.Option(help="allowed CORS origin (repeatable; default: CORS off)")] = None,
    workers: Annotated[int, typer.Option(help="server processes (each with its own connections and cache)")] = 1,
) -> None:
    """Serve the REST API (/api, OpenAPI at /docs) and the web UI (/); read-only unless NEWSGRAPH_API_TOKEN is set."""
    from newsgraph.api.serve import run
    from newsgraph.store.db import StoreError

    try:
        run(db or _default_db(), host=host, port=port, cors_origins=cors or [], workers=workers, echo=err.print)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[Path | None, typer.Option(help="output SQLite file (default: the data dir)")] = None,
) -> None:
    """Build the gazetteer SQLite file from packaged GeoNames data plus the curated supplement."""
    from newsgraph.geo.build import build_gazetteer

    target = path or Settings().gazetteer_path
    with _progress() as progress:
        task = progress.add_task("building gazetteer", total=None)

        def step(what: str, done: int, total: int) -> None:
            progress.update(task, description=what, completed=done, total=total or None)

        built = build_gazetteer(target, progress=step)
    err.print(f"gazetteer written to {built}", highlight=False)


@app.command()
def doctor() -> None:
    """Check the installation: model, gazetteer, language model, default database."""
    from newsgraph.nlp import load_model

    settings = Settings()
    ok = True
    nlp = load_model(settings.spacy_model)
    has_parser = "parser" in nlp.pipe_names
    typer.echo(f"spaCy model {settings.spacy_model!r}: {'ok' if has_parser else 'MISSING (blank fallback)'} "
               f"pipes={','.join(nlp.pipe_names)}")
    ok &= has_parser
    gaz = settings.gazetteer_path
    typer.echo(f"gazetteer {gaz}: {'ok' if gaz.exists() else 'not built yet (built on first use)'}")
    try:
        from newsgraph.stages.language import detect_language

        typer.echo(f"language model: ok ({detect_language('The ministry said talks would resume.')})")
    except Exception as exc:  # report any failure of the bundled model, whatever it is
        typer.echo(f"language model: FAILED ({exc})")
        ok = False
    typer.echo(f"default database: {settings.db_url}")
    raise typer.Exit(EXIT_OK if ok else EXIT_SOME_FAILED)


@pipeline_app.command("check")
def pipeline_check() -> None:
    """List the stages in order with what they require and assign; fail if the order is broken."""
    from newsgraph.registry import check_order, default_stages

    stages = default_stages()
    for spec in stages:
        typer.echo(f"{spec.name:40s} requires={','.join(spec.requires):40s} assigns={','.join(spec.assigns)}")
    problems = check_order(stages)
    for p in problems:
        err.print(f"[red]{p}[/red]")
    raise typer.Exit(EXIT_USAGE if problems else EXIT_OK)


@app.command()
def fuse(
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: SQLite in the user data dir)")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="recompute every cluster from the stored layers")] = False,
) -> None:
    """Fuse stored documents into stories, claims and entities (new documents only, or --rebuild all)."""
    from newsgraph import fuse as fusion
    from newsgraph.store.db import Store, StoreError

    db_url = db or _default_db()
    try:
        store = Store(db_url)
        with _progress() as progress:
            task = progress.add_task("fusing", total=None)

            def step(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            stats = (fusion.rebuild if rebuild else fusion.fuse_pending)(store, progress=step)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    err.print(f"fused {stats.fused} documents; the store holds {stats.documents} documents, {stats.stories} "
              f"stories, {stats.claims} claims, {stats.entities} entities, {stats.disputes} disputes", highlight=False)


@app.command()
def query(
    kind: Annotated[str, typer.Argument(help="documents | events | claims | stories | entities | places")],
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: SQLite in the user data dir)")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type (events, stories) or entity kind")] = None,
    actor: Annotated[str | None, typer.Option(help="actor name or alias (events, stories) / source (claims)")] = None,
    place: Annotated[str | None, typer.Option(help="place name contains")] = None,
    near: Annotated[str | None, typer.Option(help="within --km of this place name")] = None,
    km: Annotated[float | None, typer.Option(help="distance for --near / --lat --lon (default 50)")] = None,
    lat: Annotated[float | None, typer.Option(help="latitude of a point (with --lon)")] = None,
    lon: Annotated[float | None, typer.Option(help="longitude of a point (with --lat)")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code")] = None,
    since: Annotated[str | None, typer.Option(help="on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, typer.Option(help="on or before (YYYY[-MM[-DD]])")] = None,
    source_type: Annotated[str | None, typer.Option(help="person | organization | media | anonymous | ...")] = None,
    stance: Annotated[str | None, typer.Option(help="assert | believe | speculate | deny | question (claims)")] = None,
    min_origins: Annotated[int | None, typer.Option(help="at least this many independent origins")] = None,
    disputed: Annotated[bool | None, typer.Option("--disputed/--undisputed", help="only disputed (or undisputed)")]
    = None,
    name: Annotated[str | None, typer.Option(help="entity name or alias")] = None,
    document: Annotated[str | None, typer.Option(help="document id")] = None,
    story: Annotated[str | None, typer.Option(help="story (event cluster) id")] = None,
    claim: Annotated[str | None, typer.Option(help="claim id")] = None,
    outlet: Annotated[str | None, typer.Option(help="outlet name contains")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many rows")] = 50,
    offset: Annotated[int, typer.Option(help="skip this many rows")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="table | jsonl")] = "table",
) -> None:
    """Ask the store: events, claims, stories, entities, places or documents matching filters."""
    from newsgraph.store.db import StoreError
    from newsgraph.store.query import QueryError, query_count
    from newsgraph.store.query import query as run_query

    filters = {"type": type, "actor": actor, "place": place, "near": near, "km": km, "lat": lat, "lon": lon,
               "country": country, "since": since, "until": until, "source_type": source_type, "stance": stance,
               "min_origins": min_origins, "disputed": disputed, "name": name, "document": document,
               "story": story, "claim": claim, "outlet": outlet}
    try:
        rows = run_query(kind, db or _default_db(), limit=limit, offset=offset, **filters)
        total = query_count(kind, db or _default_db(), **filters)
    except (QueryError, StoreError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        _print_rows(kind, rows)
    err.print(f"{len(rows)} of {total} {kind}", highlight=False)


QUERY_COLUMNS = {
    "documents": ("id", "published", "outlet", "title", "origin_id"),
    "events": ("document_id", "id", "type", "trigger_text", "actor_text", "place_name", "date", "cluster_id",
               "origins"),
    "claims": ("document_id", "id", "source_text", "source_type", "stance", "content_text", "claim_id",
               "corroboration", "disputed"),
    "stories": ("id", "type", "date_start", "place_name", "country_code", "actor", "reports", "outlets", "origins",
                "figure_min", "figure_max", "disputed"),
    "entities": ("id", "kind", "name", "documents", "mentions", "aliases"),
    "places": ("document_id", "idx", "text", "name", "country_code", "feature", "lat", "lon"),
}


def _print_rows(kind: str, rows: list[dict]) -> None:
    from rich.table import Table

    cols = QUERY_COLUMNS.get(kind, tuple(rows[0]) if rows else ())
    table = Table(title=f"newsgraph {kind}")
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        cells = []
        for col in cols:
            value = row.get(col)
            if col == "aliases":
                value = ", ".join(f"{a['alias']} ({a['count']})" for a in value or [])
            text = "" if value is None else str(value)
            cells.append(text if len(text) <= 80 else text[:77] + "...")
        table.add_row(*cells)
    Console().print(table)


@db_app.command("upgrade")
def db_upgrade(
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: SQLite in the user data dir)")] = None,
) -> None:
    """Migrate a store to this release's schema (opening a store does it too); data is kept."""
    from newsgraph.store import migrate
    from newsgraph.store.db import Store, StoreError

    try:
        store = Store(db or _default_db())
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    err.print(f"schema at revision {migrate.current_revision(store.engine)} (head {migrate.head_revision()})",
              highlight=False)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
