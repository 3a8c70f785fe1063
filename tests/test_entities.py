from __future__ import annotations

from newsgraph import extract
from newsgraph.stages.entities import canonical_names, clean_name


def test_clean_name_strips_articles_and_possessives() -> None:
    assert clean_name("the Kremlin's") == "Kremlin"
    assert clean_name("Putin’s") == "Putin"


def test_short_person_names_join_the_full_name() -> None:
    mentions = [("Vladimir Putin", "PERSON"), ("Putin", "PERSON"), ("Kherson", "GPE")]
    assert canonical_names(mentions) == ["Vladimir Putin", "Vladimir Putin", "Kherson"]


def test_different_people_with_other_surnames_stay_apart() -> None:
    mentions = [("Joe Biden", "PERSON"), ("Hunter Biden", "PERSON"), ("Blinken", "PERSON")]
    assert canonical_names(mentions)[2] == "Blinken"


def test_pipeline_gives_one_entity_id_per_person(pipeline) -> None:
    doc = extract("Russian President Vladimir Putin met generals in Moscow. Later, Putin said the plan stood.",
                  pipeline=pipeline)
    putins = [e for e in doc.entities if "Putin" in e.text]
    assert len(putins) == 2
    assert {e.canonical for e in putins} == {"Vladimir Putin"}
    assert len({e.entity_id for e in putins}) == 1
