"""The command line: a thin shell over the library (each command calls one library function)."""

from __future__ import annotations

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
) -> None:
    """Extract every layer and write one Document JSON per line, in input order."""
    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import Pipeline

    settings = Settings(batch_size=batch_size)
    if model:
        settings.spacy_model = model
    pipe = Pipeline(settings)
    failed = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with _progress() as progress:
            task = progress.add_task("extracting", total=None)
            for result in pipe.run(iter_inputs(inputs, settings.max_bytes)):
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
