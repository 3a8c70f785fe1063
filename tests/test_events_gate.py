"""Round three of the no-event gate (issue 11): selectional restrictions on the doer and the target; own sentences,
none taken from the check sets."""

from __future__ import annotations

import newsgraph
from newsgraph.pipeline import Pipeline

CONFLICT = {"ASSAULT", "COERCE", "THREATEN", "PROTEST", "MOBILIZE"}


def conflict(pipe: Pipeline, text: str) -> list[str]:
    doc = newsgraph.extract(text, "2024-03-05", pipeline=pipe)
    return [e.type for e in doc.events if e.type in CONFLICT and not e.negated]


def test_a_thing_or_force_of_nature_does_not_attack(pipeline: Pipeline) -> None:
    assert conflict(pipeline, "Frost destroyed the apple blossom in the orchards above the lake.") == []
    assert conflict(pipeline, "The enzyme attacks the cell wall of the fungus.") == []


def test_an_attack_on_an_abstraction_by_a_non_political_doer_is_no_event(pipeline: Pipeline) -> None:
    assert conflict(pipeline, "Economists attacked the growth forecast as far too rosy.") == []


def test_people_named_by_what_they_do_and_counted_doers_still_attack(pipeline: Pipeline) -> None:
    assert "ASSAULT" in conflict(pipeline, "Looters attacked a granary outside the village of Dosso.")
    assert "ASSAULT" in conflict(pipeline, "Three assailants stabbed a guard at the gate of the prison.")


def test_one_party_among_coordinated_actors_is_enough(pipeline: Pipeline) -> None:
    assert "ASSAULT" in conflict(pipeline, "Resistance and tribal fighters attacked the airport at dawn.")


def test_a_political_doer_keeps_an_attack_on_an_abstraction(pipeline: Pipeline) -> None:
    assert "ASSAULT" in conflict(pipeline, "Government troops attacked the opposition's positions near Sirte.")
