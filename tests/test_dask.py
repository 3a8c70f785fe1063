"""The Dask engine on a LocalCluster of 2 worker processes gives exactly the local engine's output, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.config import Settings
from newsgraph.ingest import RawDoc
from newsgraph.pipeline import Pipeline
from newsgraph.scale.engine import run_dask
from newsgraph.synth import synthetic_batch

pytestmark = pytest.mark.slow


def test_dask_output_is_identical_to_local_and_in_order() -> None:
    docs = [RawDoc(id=f"d{i}", text=t, source=f"d{i}") for i, t in enumerate(synthetic_batch(10, words=150, seed=3))]
    settings = Settings(batch_size=3, processes=2)
    local = [d.to_json() for d in Pipeline(settings).run(docs)]
    dask = [d.to_json() for d in run_dask(docs, settings)]
    assert [json.loads(d)["id"] for d in dask] == [f"d{i}" for i in range(10)]
    assert dask == local


def test_ingest_with_the_dask_engine_stores_everything(tmp_path: Path) -> None:
    folder = tmp_path / "arts"
    folder.mkdir()
    for i, text in enumerate(synthetic_batch(4, words=120, seed=11)):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'd.db'}"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--engine", "dask", "-j", "2"])
    assert result.exit_code == 1, result.output  # the empty file is reported, the others stored
    assert "stored 4 documents" in " ".join(result.output.split()) and "NG-E001" in result.output


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Troops withdrew on Monday, officials said.", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                                      "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "NG-E044" in result.output
