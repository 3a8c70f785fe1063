from __future__ import annotations

from typing import ClassVar

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


def test_aliases_and_spellings_share_one_canonical_name(pipeline) -> None:
    doc = extract("The U.S. and the United States Navy differ. Officials in Kharkov said the U.S. had not called. "
                  "The EU and the European Union are one bloc.", pipeline=pipeline)
    canon = {e.text: e.canonical for e in doc.entities}
    assert canon.get("U.S.") == "United States"
    assert canon.get("Kharkov") == "Kharkiv"
    assert canon.get("EU") == canon.get("the European Union") == "European Union"
    ids = {e.entity_id for e in doc.entities if e.canonical == "United States"}
    assert len(ids) == 1


class FakeCandidate:
    def __init__(self, feature: str, population: int = 0, alias_kind: str = "name") -> None:
        self.feature, self.population, self.alias_kind = feature, population, alias_kind


class FakeGazetteer:
    table: ClassVar[dict[str, list[FakeCandidate]]] = {"Kiev": [FakeCandidate("city", 2_800_000, "curated")], "Jordan": [FakeCandidate("country")],
             "Smalltown": [FakeCandidate("city", 900)]}

    def lookup(self, name: str) -> list[FakeCandidate]:
        return self.table.get(name, [])


def test_one_word_person_spans_that_are_big_places_become_gpe() -> None:
    from newsgraph.stages.entities import relabel_places

    text = "Kiev said Smalltown mayor Jordan met President Jordan and Michael Jordan."
    spans = [(0, 4, "Kiev", "PERSON"), (10, 19, "Smalltown", "PERSON"), (26, 32, "Jordan", "PERSON"),
             (47, 53, "Jordan", "PERSON"), (58, 72, "Michael Jordan", "PERSON")]
    labels = [lab for *_, lab in relabel_places(spans, text, FakeGazetteer())]
    # Kiev -> GPE; a small town stays; 'Jordan' stays a person because a full name ends with it
    assert labels == ["GPE", "PERSON", "PERSON", "PERSON", "PERSON"]
    labels = [lab for *_, lab in relabel_places(spans[:4], text, FakeGazetteer())]
    assert labels == ["GPE", "PERSON", "GPE", "PERSON"]  # 'President Jordan' keeps its title


def test_common_noun_tagged_as_person_is_dropped(pipeline) -> None:
    doc = extract("Turnout was 52 percent, the electoral commission said. Obama said the count was fair.",
                  pipeline=pipeline)
    assert [e.text for e in doc.entities if e.label == "PERSON"] == ["Obama"]
