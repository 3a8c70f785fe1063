"""Schemathesis against the app's own OpenAPI schema: generated requests (valid and not) never get a 5xx or a
stack trace, in both of Schemathesis's modes (schema-valid and schema-violating requests). Runs in-process over ASGI on a small synthetic store (ingest off, so POST /api/ingest answers 403).

Operations are driven through ``APIOperation.as_strategy()`` with Hypothesis directly (the schemathesis pytest
plugin does not load under this pytest), one Hypothesis run per operation."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402

from newsgraph.api import create_app  # noqa: E402
from newsgraph.api.synth import build_store  # noqa: E402

EXAMPLES = 25


@pytest.fixture(scope="module")
def operations(tmp_path_factory: pytest.TempPathFactory) -> list:
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 's.db'}"
    build_store(url, 40, seed=9, hostile_every=10)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(url, token=""))
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_is_covered(operations: list) -> None:
    labels = {op.label for op in operations}
    assert {"GET /api/events", "GET /api/stories/{story_id}", "POST /api/ingest", "GET /api/search"} <= labels


def test_no_server_errors(operations: list) -> None:
    seen: dict[str, set[int]] = {}

    def check(case) -> None:
        response = case.call()
        seen.setdefault(case.operation.label, set()).add(response.status_code)
        assert response.status_code < 500, f"{case.operation.label} {case.path_parameters} {case.query}: " \
                                            f"{response.text[:300]}"
        assert "Traceback" not in response.text

    for op, mode in [(op, mode) for op in operations for mode in schemathesis.GenerationMode]:
        def run(case) -> None:  # a fresh function per operation: Hypothesis decorates it in place
            check(case)

        test = given(case=op.as_strategy(generation_mode=mode))(settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))(run))
        try:
            test()
        except Unsatisfiable:
            # an operation without parameters or body (GET /api/summary) has no schema-violating request
            assert mode == schemathesis.GenerationMode.NEGATIVE, op.label
    assert len(seen) == len(operations)
    assert any(422 in codes for codes in seen.values()), "generation should include invalid requests"
