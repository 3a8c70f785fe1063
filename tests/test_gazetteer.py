"""Gazetteer build and lookups: folding, exonyms, curated regions, translation artifacts, robustness."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.geo.build import build_gazetteer
from newsgraph.geo.gazetteer import Gazetteer, fold, open_gazetteer
from newsgraph.geo.resolve import haversine_km


def shared_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One built gazetteer per test session, shared with test_places (built on first request)."""
    path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    if not path.exists():
        build_gazetteer(path)
    return path


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(shared_gazetteer_path(tmp_path_factory))


def best(gaz: Gazetteer, name: str, feature: str | None = None):
    cands = [c for c in gaz.lookup(name) if feature is None or c.feature == feature]
    assert cands, f"no candidates for {name!r}"
    return max(cands, key=lambda c: c.population)


@pytest.mark.parametrize(("raw", "key"), [
    ("Kyïv", "kyiv"), ("U.S.", "us"), ("Côte d'Ivoire", "cote divoire"), ("the Hague", "hague"),
    ("Gilgit-Baltistan", "gilgit baltistan"), ("  São   Paulo ", "sao paulo"), ("Łódź", "lodz"),
])
def test_fold(raw: str, key: str) -> None:
    assert fold(raw) == key


def test_fold_never_raises_on_odd_unicode() -> None:
    for raw in ["", "\u200b", "東京", "🙂 Paris", "\ufffd\x00", "ﬁnland", "ǅ"]:
        assert isinstance(fold(raw), str)


def test_build_writes_indexed_tables(gaz: Gazetteer) -> None:
    conn = sqlite3.connect(gaz.path)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    places = conn.execute("SELECT COUNT(*) FROM place").fetchone()[0]
    attribution = conn.execute("SELECT value FROM meta WHERE key = 'attribution'").fetchone()[0]
    conn.close()
    assert places > 200_000
    assert "place_feature" in indexes
    assert "CC BY 4.0" in attribution


def test_exonyms_point_at_the_modern_city(gaz: Gazetteer) -> None:
    kharkov, kharkiv = best(gaz, "Kharkov", "city"), best(gaz, "Kharkiv", "city")
    assert kharkov.place_id == kharkiv.place_id
    assert kharkov.country_code == "UA"
    assert best(gaz, "Kiev", "city").place_id == best(gaz, "Kyiv", "city").place_id


def test_translation_artifacts_are_ukrainian_regions(gaz: Gazetteer) -> None:
    east, south = best(gaz, "Wudong"), best(gaz, "Wunan")
    assert east.country_code == south.country_code == "UA"
    assert east.feature == south.feature == "region"
    assert east.lon > south.lon  # the east lies east of the south-centre


def test_curated_regions_rivers_and_oblasts(gaz: Gazetteer) -> None:
    dnieper = best(gaz, "Dnepr")
    assert dnieper.feature == "water" and dnieper.name == "Dnieper River"
    oblast = best(gaz, "Kharkiv state")
    assert oblast.feature == "admin1" and oblast.country_code == "UA"
    assert haversine_km(oblast.lat, oblast.lon, 49.99, 36.23) < 150
    assert best(gaz, "Gaza Strip").country_code == "PS"


def test_country_points_and_abbreviations(gaz: Gazetteer) -> None:
    us = best(gaz, "U.S.", "country")
    assert us.country_code == "US" and haversine_km(us.lat, us.lon, 39.76, -98.5) < 1
    assert best(gaz, "Britain", "country").country_code == "GB"
    assert gaz.country("UA") is not None and gaz.country("UA").name == "Ukraine"


def test_capitals_are_flagged(gaz: Gazetteer) -> None:
    rome = [c for c in gaz.lookup("Rome") if c.capital]
    assert len(rome) == 1 and rome[0].country_code == "IT"


def test_airport_codes_are_not_names(gaz: Gazetteer) -> None:
    assert not any(c.name == "London" for c in gaz.lookup("YXU"))


def test_unknown_and_odd_names_return_nothing(gaz: Gazetteer) -> None:
    assert gaz.lookup("Zzyzxqville") == ()
    assert gaz.lookup("") == ()
    assert gaz.lookup("\x00🙂") == ()


def test_demonyms_map_to_countries(gaz: Gazetteer) -> None:
    assert gaz.demonyms(["ukrainian", "nonsense", "french"]) == ["UA", "FR"]


def test_lookup_many_is_cached(gaz: Gazetteer) -> None:
    first = gaz.lookup_many(["paris"])
    assert gaz.lookup_many(["paris"])["paris"] is first["paris"]


def test_open_gazetteer_opens_an_existing_file(tmp_path_factory: pytest.TempPathFactory) -> None:
    g = open_gazetteer(shared_gazetteer_path(tmp_path_factory))
    try:
        assert g.lookup("Kyiv")
    finally:
        g.close()


def test_rivers_also_answer_to_their_bare_name_weakly(gaz: Gazetteer) -> None:
    seine = [c for c in gaz.lookup("Seine") if c.feature == "water"]
    assert seine and seine[0].alias_kind == "alt"  # weak: only 'the Seine' or an NER place may use it


def test_regions_label_their_towns(gaz: Gazetteer) -> None:
    normandy = best(gaz, "Normandy", "admin1")
    rouen = best(gaz, "Rouen", "city")
    assert normandy.country_code == "FR" and rouen.admin1 == "Normandy"
    assert best(gaz, "Zamfara State", "admin1").admin1_code == best(gaz, "Gusau", "city").admin1_code


def test_us_county_names_point_at_their_states(gaz: Gazetteer) -> None:
    found = gaz.counties(["red river county", "lamar county", "no such county"])
    assert found["red river county"] == [("US", "TX")]
    assert ("US", "TX") in found["lamar county"] and len(found["lamar county"]) > 1
    assert "no such county" not in found
