"""newsgraph bench -j 2: throughput of bare spaCy, the pipeline and end to end into SQLite, in one run."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = pytest.mark.slow


def test_bench_with_two_processes_reports_end_to_end_figures() -> None:
    result = CliRunner().invoke(app, ["bench", "--generated", "6", "-j", "2", "--repeat", "1", "--json"])
    assert result.exit_code == 0, result.output
    res = json.loads(result.stdout.strip().splitlines()[-1])
    assert res["documents"] == 6 and res["processes"] == 2
    for key in ("bare_articles_per_s", "articles_per_s", "e2e_articles_per_s", "ratio", "e2e_ratio"):
        assert res[key] > 0
    assert res["peak_rss_mb_per_worker"] > 50
