"""Issue 14 (fusion origins): event constructions the fusion corpus missed — prisoner swaps and exchange nouns,
'intervened with' a weapon, a body's decision that adopts a sanction, a visit's place, and an appositive time
that counts a series rather than dating the event. Own sentences, none taken from the check sets or corpora."""

from __future__ import annotations

import newsgraph
from newsgraph.document import Document, Event
from newsgraph.pipeline import Pipeline


def doc(pipe: Pipeline, text: str) -> Document:
    return newsgraph.extract(text, "2024-05-14", pipeline=pipe)


def evs(pipe: Pipeline, text: str) -> list[Event]:
    return [e for e in doc(pipe, text).events if not e.negated]


def types(pipe: Pipeline, text: str) -> list[str]:
    return [e.type for e in evs(pipe, text)]


def one(pipe: Pipeline, text: str, typ: str) -> Event:
    found = [e for e in evs(pipe, text) if e.type == typ]
    assert found, f"no {typ} in {text!r}: {types(pipe, text)}"
    return found[0]


def test_a_prisoner_swap_is_a_mutual_exchange(pipeline: Pipeline) -> None:
    e = one(pipeline, "Serbia and Kosovo swapped four detained policemen on the bridge.", "COOPERATE")
    assert e.trigger.text == "swapped"
    assert "COOPERATE" in types(pipeline, "The two armies traded captives at the checkpoint on Friday.")


def test_a_prisoner_exchange_noun_is_an_event(pipeline: Pipeline) -> None:
    e = one(pipeline, "Nine sailors returned home in a prisoner exchange on Saturday.", "COOPERATE")
    assert e.trigger.text == "exchange"
    assert "COOPERATE" in types(pipeline, "The swap of captives between the two militias went ahead at the ford.")


def test_swapping_things_is_no_event(pipeline: Pipeline) -> None:
    assert types(pipeline, "The two teams swapped shirts after the final whistle.") == []
    assert types(pipeline, "The foreign exchange market was calm on Tuesday.") == []


def test_intervening_with_a_weapon_is_an_assault(pipeline: Pipeline) -> None:
    e = one(pipeline, "Police intervened with tear gas and batons against the strikers outside the mill.", "ASSAULT")
    assert e.actor is not None and e.actor.text == "Police"
    assert e.recipient is None or "gas" not in e.recipient.text  # the weapon is no party
    assert "ASSAULT" in types(pipeline, "Troops moved in with water cannon to clear the square.")


def test_intervening_without_a_weapon_is_no_assault(pipeline: Pipeline) -> None:
    assert "ASSAULT" not in types(pipeline, "The speaker intervened to calm the heated debate.")


def test_a_bodys_past_decision_to_sanction_is_the_sanction(pipeline: Pipeline) -> None:
    e = one(pipeline, "The bloc's ministers agreed on Monday to sanction six generals over the coup.", "SANCTION")
    assert e.actor is not None and "ministers" in e.actor.text
    assert "AGREE" not in types(pipeline, "The bloc's ministers agreed on Monday to sanction six generals over the coup.")
    assert "SANCTION" in types(pipeline, "The assembly decided to expel two diplomats from the embassy.")


def test_a_promise_or_an_unrealised_decision_is_no_sanction(pipeline: Pipeline) -> None:
    assert "AGREE" in types(pipeline, "The two governments agreed to resume direct flights in June.")
    assert "SANCTION" not in types(pipeline, "The ministers will agree to sanction the officials next week.")


def test_a_visit_happens_at_the_visited_place(pipeline: Pipeline) -> None:
    d = doc(pipeline, "MADRID (Wire) - The Chilean delegation visited Lisbon on Monday.")
    e = next(e for e in d.events if e.type == "CONSULT")
    assert e.place is not None and d.places[e.place].text == "Lisbon" and e.place_source == "clause"


def test_an_appositive_series_count_does_not_date_the_event(pipeline: Pipeline) -> None:
    e = one(pipeline, "Norway said it had brokered a truce between the herders and the farmers, its third such effort this year.",
            "CONSULT")
    assert e.date_precision != "year"
    dated = one(pipeline, "Rebels shelled the airport on Sunday, May 12, the army said.", "ASSAULT")
    assert dated.date == "2024-05-12"
