"""Gazetteer build and lookups: folding, exonyms, curated regions, translation artifacts, robustness."""

from __future__ import annotations

import shutil
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


# --- GeoNames dump import (issue 12): small dump files we write in the GeoNames formats ----------------------

def _make_dump():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_geo_dump", Path(__file__).parent / "data" / "make_geo_dump.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dump_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's bundled gazetteer plus our synthetic dump (shared with test_places)."""
    from newsgraph.geo.geonames import import_geonames

    path = tmp_path_factory.getbasetemp() / "gazetteer-dump.sqlite"
    if not path.exists():
        dump = _make_dump().write_dump(tmp_path_factory.getbasetemp() / "geonames-dump")
        tmp = path.with_suffix(".tmp")
        shutil.copyfile(shared_gazetteer_path(tmp_path_factory), tmp)
        import_geonames(tmp, [dump])
        tmp.replace(path)
    return path


@pytest.fixture(scope="session")
def dgaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(dump_gazetteer_path(tmp_path_factory))


def test_dump_adds_villages_districts_and_hills_with_containment(dgaz: Gazetteer) -> None:
    hroza = best(dgaz, "Hroza", "city")
    assert hroza.country_code == "UA" and hroza.admin1 == "Kharkiv Oblast" and hroza.admin2_code == "6310"
    raion = best(dgaz, "Kupiansk district", "admin2")
    assert raion.admin2_code == "6310" and raion.name == "Kupianskyi Raion"
    assert best(dgaz, "Karachun Hill").feature == "landform"
    assert any(c.country_code == "SY" and c.feature == "water" for c in dgaz.lookup("Euphrates"))
    assert best(dgaz, "Panjshir Valley").feature == "landform"


def test_dump_names_from_alternate_names_file_and_bundled_regions(dgaz: Gazetteer) -> None:
    # 'Rabotino' is only in alternateNamesV2 (the second half of a row's names), not in allCountries
    assert best(dgaz, "Rabotino").name == "Robotyne"
    # a dump region the bundled table already has adds its official name to our entry instead of a twin
    regions = [c for c in dgaz.lookup("Kharkivska Oblast") if c.feature == "admin1"]
    assert len(regions) == 1 and regions[0].place_id == best(dgaz, "Kharkiv Oblast", "admin1").place_id


def test_dump_skips_links_postcodes_and_codes(dgaz: Gazetteer) -> None:
    assert dgaz.lookup("40100") == ()
    assert dgaz.lookup("https://example.org/wiki/Hroza") == ()


def test_bundled_gazetteer_knows_no_villages(gaz: Gazetteer) -> None:
    assert not [c for c in gaz.lookup("Hroza") if c.country_code == "UA"]


def test_dump_import_is_byte_identical_and_reads_zips(tmp_path: Path,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    import zipfile

    from newsgraph.geo.geonames import import_geonames

    dump = _make_dump().write_dump(tmp_path / "dump")
    zdir = tmp_path / "zipped"
    zdir.mkdir()
    with zipfile.ZipFile(zdir / "allCountries.zip", "w") as z:
        z.write(dump / "allCountries.txt", "allCountries.txt")
    with zipfile.ZipFile(zdir / "alternateNamesV2.zip", "w") as z:
        z.write(dump / "alternateNamesV2.txt", "alternateNamesV2.txt")
        z.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\n")
    shutil.copyfile(dump / "admin2Codes.txt", zdir / "admin2Codes.txt")
    outs = []
    for n, src in enumerate([dump, dump, zdir]):
        out = tmp_path / f"g{n}.sqlite"
        shutil.copyfile(shared_gazetteer_path(tmp_path_factory), out)
        counts = import_geonames(out, [src])
        assert counts["places"] > 100
        outs.append(out)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    g = Gazetteer(outs[2])
    try:
        assert best(g, "Rabotino").name == "Robotyne"
    finally:
        g.close()


def test_bad_dump_files_name_the_file_and_line(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    from newsgraph.geo.geonames import DumpError, import_geonames

    bad = tmp_path / "UA.txt"
    bad.write_text("91000001\tHroza\tHroza\n", encoding="utf-8")
    out = tmp_path / "g.sqlite"
    shutil.copyfile(shared_gazetteer_path(tmp_path_factory), out)
    with pytest.raises(DumpError, match=r"UA\.txt: line 1 has 3 columns"):
        import_geonames(out, [bad])
    (tmp_path / "broken.zip").write_bytes(b"PK not a zip")
    with pytest.raises(DumpError, match="not a readable zip"):
        import_geonames(out, [tmp_path / "broken.zip"])
    with pytest.raises(DumpError, match="no such file"):
        import_geonames(out, [tmp_path / "missing.zip"])


def test_dump_fingerprint_changes_with_the_files(tmp_path: Path) -> None:
    from newsgraph.geo.geonames import fingerprint

    f = tmp_path / "allCountries.txt"
    f.write_text("a\n", encoding="utf-8")
    before = fingerprint([f])
    f.write_text("a longer file\n", encoding="utf-8")
    assert fingerprint([f]) != before


@pytest.mark.parametrize(("fclass", "fcode", "feature"), [
    ("P", "PPL", "city"), ("P", "PPLQ", None), ("A", "ADM2", "admin2"), ("A", "ADM3", "admin2"),
    ("A", "PCLI", None), ("T", "HLL", "landform"), ("T", "VAL", "landform"), ("H", "STM", "water"),
    ("S", "CMPRF", "other"), ("S", "HTL", None), ("L", "RESF", "region"), ("R", "RD", None),
])
def test_feature_of_geonames_codes(fclass: str, fcode: str, feature: str | None) -> None:
    from newsgraph.geo.geonames import feature_of

    assert feature_of(fclass, fcode) == feature


def test_cli_rejects_a_missing_dump_with_a_coded_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["gazetteer", "build", "--path", str(tmp_path / "g.sqlite"),
                                      "--geonames", str(tmp_path / "allCountries.zip")])
    assert result.exit_code == 2
    assert "NG-E050" in result.output and "allCountries.zip: no such file" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "g.sqlite").exists()


def test_doctor_lines_say_which_gazetteer_and_what_it_covers(tmp_path_factory: pytest.TempPathFactory) -> None:
    from newsgraph.cli import gazetteer_lines
    from newsgraph.geo.gazetteer import gazetteer_info

    bundled = gazetteer_lines(gazetteer_info(shared_gazetteer_path(tmp_path_factory)))
    assert bundled[0].startswith("data: bundled") and "city" in bundled[1]
    dump = gazetteer_lines(gazetteer_info(dump_gazetteer_path(tmp_path_factory)))
    assert "GeoNames dump" in dump[0] and "admin2" in dump[1] and "landform" in dump[1]


@pytest.mark.parametrize(("a", "b"), [("kharkov", "kharkiv"), ("zaporozhye", "zaporizhzhia"),
                                      ("kafranbel", "kafr nabl"), ("gorlovka", "horlivka"), ("izyum", "izium")])
def test_skeleton_joins_transliterations(a: str, b: str) -> None:
    from newsgraph.geo.gazetteer import skeleton

    assert skeleton(a) == skeleton(b)


def test_skeleton_keeps_different_names_apart() -> None:
    from newsgraph.geo.gazetteer import skeleton

    assert skeleton("mykolaiv") != skeleton("kherson") != skeleton("kharkiv")
