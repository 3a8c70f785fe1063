"""Stage registry: stages are registered explicitly, by versioned name, with what they require and assign.

Registration is data, not an import side effect (like spaCy's factories.py): ``default_stages()`` lists them in
order, and ``check_order`` validates that every layer a stage reads was assigned before it (``newsgraph pipeline
check``, like ``nlp.analyze_pipes()``).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.types import StageFunc

BASE_LAYERS = ("text", "published", "meta")


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    needs_parse: bool = True

    @property
    def short(self) -> str:
        """'newsgraph.stage.places.v1' -> 'places' (used for timings and --stages)."""
        return self.name.split(".")[-2]


def default_stages() -> list[StageSpec]:
    """The pipeline's stages in order. Imports are local so that registering does not load spaCy."""
    from newsgraph.stages import attributions, coref, entities, events, language, places, segments, times

    return [
        StageSpec("newsgraph.stage.segments.v1", segments.annotate, ("text",), ("segments",), needs_parse=False),
        StageSpec("newsgraph.stage.language.v1", language.annotate, ("text", "segments"), ("language",),
                  needs_parse=False),
        StageSpec("newsgraph.stage.entities.v1", entities.annotate, ("segments",), ("entities",)),
        StageSpec("newsgraph.stage.places.v1", places.annotate, ("segments", "entities"), ("places",)),
        StageSpec("newsgraph.stage.times.v1", times.annotate, ("segments", "published"), ("times",)),
        StageSpec("newsgraph.stage.attributions.v1", attributions.annotate, ("segments", "entities", "meta"),
                  ("attributions",)),
        StageSpec("newsgraph.stage.events.v1", events.annotate,
                  ("segments", "entities", "places", "times", "attributions"), ("events",)),
        StageSpec("newsgraph.stage.coref.v1", coref.annotate, ("entities", "attributions", "events"), ("events",)),
    ]


def check_order(stages: list[StageSpec]) -> list[str]:
    """Problems with a stage order: a layer read before any stage assigns it. Empty list = fine."""
    have = set(BASE_LAYERS)
    problems = []
    for spec in stages:
        missing = [r for r in spec.requires if r not in have]
        if missing:
            problems.append(f"{spec.name} requires {', '.join(missing)} which no earlier stage assigns")
        have.update(spec.assigns)
    return problems
