"""The local multi-process engine: small worker tasks, results identical to one process and in input order."""

from __future__ import annotations

import json

import pytest

from newsgraph.config import Settings
from newsgraph.ingest import RawDoc
from newsgraph.parallel import TASK_DOCS, run_processes, task_size
from newsgraph.pipeline import Pipeline
from newsgraph.synth import synthetic_batch


def test_tasks_are_smaller_than_a_parse_batch_but_never_empty() -> None:
    assert task_size(Settings(batch_size=16)) == TASK_DOCS < 16
    assert task_size(Settings(batch_size=1)) == 1
    assert task_size(Settings(batch_size=0)) == 1


@pytest.mark.slow
def test_two_processes_give_one_process_output_in_order() -> None:
    docs = [RawDoc(id=f"p{i}", text=t, source=f"p{i}") for i, t in enumerate(synthetic_batch(7, words=120, seed=5))]
    settings = Settings(batch_size=16, processes=2)
    one = [d.to_json() for d in Pipeline(settings).run(docs)]
    two = [d.to_json() for d in run_processes(iter(docs), settings, 2)]
    assert [json.loads(d)["id"] for d in two] == [f"p{i}" for i in range(7)]
    assert two == one
