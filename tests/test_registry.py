"""The stage registry: a snapshot of registered stages (a rename or reorder must be deliberate) and order checks."""

from __future__ import annotations

from newsgraph.registry import StageSpec, check_order, default_stages

SNAPSHOT = [
    "newsgraph.stage.segments.v1",
    "newsgraph.stage.language.v1",
    "newsgraph.stage.entities.v1",
    "newsgraph.stage.places.v1",
    "newsgraph.stage.times.v1",
    "newsgraph.stage.attributions.v1",
    "newsgraph.stage.events.v1",
    "newsgraph.stage.coref.v1",
]


def test_registry_snapshot() -> None:
    assert [s.name for s in default_stages()] == SNAPSHOT


def test_default_order_is_valid() -> None:
    assert check_order(default_stages()) == []


def test_reordering_is_caught() -> None:
    stages = default_stages()
    events = next(s for s in stages if s.short == "events")
    broken = [events, *[s for s in stages if s is not events]]
    problems = check_order(broken)
    assert problems and "events" in problems[0]


def test_a_failing_stage_is_isolated(pipeline) -> None:
    from newsgraph.ingest.base import RawDoc
    from newsgraph.pipeline import Pipeline

    def explode(doc, parsed, ctx) -> None:
        raise RuntimeError("boom")

    stages = [*default_stages()[:3], StageSpec("test.stage.explode.v1", explode, ("segments",), ("nothing",))]
    pipe = Pipeline(pipeline.settings, stages=stages)
    docs = list(pipe.run([RawDoc(id="a", text="President Vladimir Putin met Emmanuel Macron in Paris.", source="a"),
                          RawDoc(id="b", text="Paris is calm.", source="b")]))
    assert [d.id for d in docs] == ["a", "b"]
    assert all("NG-E020" in d.warnings[0] and "boom" in d.warnings[0] for d in docs)
    assert docs[0].entities  # earlier stages' layers survive


def test_missing_model_falls_back_loudly(caplog) -> None:
    from newsgraph.config import Settings
    from newsgraph.ingest.base import RawDoc
    from newsgraph.pipeline import Pipeline

    pipe = Pipeline(Settings(spacy_model="no_such_model_installed"))
    with caplog.at_level("WARNING", logger="newsgraph"):
        doc = pipe.process(RawDoc(id="a", text="Troops withdrew from Kherson on 11 November 2022.", source="a"))
    assert any("NG-W001" in r.message for r in caplog.records)
    assert "parser" not in pipe.nlp.pipe_names
    assert doc.times and not doc.warnings  # stages that need no parser still work; none crashed
