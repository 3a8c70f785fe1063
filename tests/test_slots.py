"""geo.slots: place-slot constructions (sentences written for these tests)."""

from __future__ import annotations

from newsgraph.geo.slots import DISTRICT, LANDFORM, REGION, SETTLEMENT, find_slots


def slots(text: str) -> dict[str, frozenset[str] | None]:
    out: dict[str, frozenset[str] | None] = {}
    for s in find_slots(text):  # typed slots come first and win
        out.setdefault(text[s.start:s.end], s.features)
    return out


def test_typed_slots_before_and_after_the_name() -> None:
    found = slots("Shells hit the village of Hroza and the Kupiansk Raion; troops held Karachun hill.")
    assert found["Hroza"] is SETTLEMENT
    assert found["Kupiansk"] is DISTRICT
    assert found["Karachun"] is LANDFORM


def test_region_nouns_and_multiword_types() -> None:
    found = slots("Gunmen raided Dansadau in Maru local government area of Zamfara State.")
    assert found["Maru"] is DISTRICT and found["Zamfara"] is REGION


def test_locative_and_coordinated_names_are_untyped() -> None:
    found = slots("Fighting continued near Synkivka, Petropavlivka and Kruhliakivka.")
    assert {"Synkivka", "Petropavlivka", "Kruhliakivka"} <= {k for k, v in found.items() if v is None}
    assert "Fighting" not in found


def test_name_in_a_named_container() -> None:
    assert "Ngoshe" in slots("Insurgents attacked Ngoshe in Gwoza on Saturday.")


def test_lowercase_words_and_type_nouns_are_not_names() -> None:
    found = slots("people in the region of the country said the district of many villages was quiet")
    assert found == {}
    assert "Region" not in slots("The Region of Murcia said.")


def test_months_after_in_are_not_place_slots() -> None:
    assert "March" not in slots("The vote is in March, near August Road.")


def test_institution_names_open_with_their_place() -> None:
    assert "Beverly Hills" in slots("The Beverly Hills Police Department said.")
