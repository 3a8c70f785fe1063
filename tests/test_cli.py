"""End to end through the CLI: extract, ingest (idempotent, partial failure), export in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
ARTICLES = {
    "kharkiv.txt": "Shelling hits Kharkiv\n\nKHARKIV, Ukraine (AP) — Russian artillery shelled Kharkiv on Friday, "
    "the regional governor said, a week after Ukrainian forces recaptured villages north of the city.\n\n"
    "\"The strikes hit a school and two apartment blocks,\" Governor Oleh Synehubov said.",
    "sahel.txt": "Junta expels envoy\n\nBAMAKO, Mali (Reuters) - Mali's military government expelled the French "
    "ambassador on Monday, accusing Paris of interfering in its affairs, state television reported.",
}


def write_articles(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_extract_writes_one_line_per_document_in_order(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t, "published": f"2024-01-0{i + 1}"})
                             for i, t in enumerate(ARTICLES.values())), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["id"] for d in docs] == ["d0", "d1"]
    assert docs[0]["published"] == "2024-01-01" and docs[0]["language"] == "en"
    assert any(e["canonical"] == "Kharkiv" for e in docs[0]["entities"])


def test_extract_with_one_bad_input_exits_1_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "arts")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "NG-E002" in result.output
    assert "Traceback" not in result.output
    assert len(out.read_text().splitlines()) == 2


def test_ingest_is_idempotent_and_exports(tmp_path: Path, db_url: str) -> None:
    folder = write_articles(tmp_path / "arts")
    first = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "2 new" in first.output
    again = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert again.exit_code == 0 and "2 already stored" in " ".join(again.output.split())  # a re-run resumes
    forced = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--force"])
    assert "0 new, 2 updated" in forced.output

    result = runner.invoke(app, ["export", "--db", db_url, "--type", "places", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["document_id"] for r in rows} <= {"kharkiv", "sahel"}

    result = runner.invoke(app, ["export", "--db", db_url, "--type", "places", "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(result.stdout.split("exported")[0])))
    assert len(table) == len(rows)
    result = runner.invoke(app, ["export", "--db", db_url, "--type", "events", "--format", "geojson"])
    collection = json.loads(result.stdout.splitlines()[0])
    assert collection["type"] == "FeatureCollection"
    for feat in collection["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_rejects_unknown_format(db_url: str) -> None:
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "xlsx"])
    assert result.exit_code == 2 and "--format" in result.output


def test_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "arts")
    result = runner.invoke(app, ["ingest", str(folder), "--db", "nosuchdialect://x"])
    assert result.exit_code == 2 and "NG-E030" in result.output


@pytest.mark.parametrize("command", ["extract", "ingest", "export", "bench", "doctor", "gazetteer", "pipeline"])
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_pipeline_check_lists_stages_in_order() -> None:
    result = runner.invoke(app, ["pipeline", "check"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names.index("newsgraph.stage.entities.v1") < names.index("newsgraph.stage.events.v1")


def test_bench_json_reports_ratio_and_stage_shares(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "arts")
    result = runner.invoke(app, ["bench", str(folder), "--json", "--repeat", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["documents"] == 2 and report["ratio"] > 0 and report["peak_rss_mb"] > 0
    assert {"places", "times", "attributions", "events"} <= report["stage_s"].keys()
    assert report["stage_s"]["parse"] > 0


def test_two_processes_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "arts")
    for i in range(3):
        (folder / f"extra{i}.txt").write_text(f"Talks resumed in Doha on Monday, round {i}, officials said.")
    (folder / "zz_broken.txt").write_bytes(b"")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = runner.invoke(app, ["extract", str(folder), "-o", str(one), "--batch-size", "2"])
    r2 = runner.invoke(app, ["extract", str(folder), "-o", str(two), "--batch-size", "2", "-j", "2"])
    assert r1.exit_code == r2.exit_code == 1  # the empty file is reported by both
    assert one.read_text() == two.read_text()
    assert len(one.read_text().splitlines()) == 5
