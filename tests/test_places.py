"""places stage: recognition, resolution in context, unknown names, robustness. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.context import Context
from newsgraph.document import Document
from newsgraph.geo.build import build_gazetteer
from newsgraph.geo.gazetteer import Candidate
from newsgraph.geo.resolve import Mention, haversine_km, resolve
from newsgraph.nlp import load_model
from newsgraph.spans import masked_text
from newsgraph.stages import entities, places, segments
from newsgraph.stages.places import acronym_like, lookup_keys, split_commas, trim_span


@pytest.fixture(scope="session")
def gaz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"  # same file test_gazetteer builds
    if not path.exists():
        build_gazetteer(path)
    return path


@pytest.fixture(scope="session")
def run(gaz_path: Path):
    nlp = load_model(Settings().spacy_model)
    ctx = Context(settings=Settings(gazetteer_path=gaz_path))

    def _run(text: str) -> Document:
        doc = Document(id="t", text=text)
        segments.annotate(doc, None, ctx)
        parsed = nlp(masked_text(doc))
        entities.annotate(doc, parsed, ctx)
        places.annotate(doc, parsed, ctx)
        return doc

    return _run


def place(doc: Document, text: str):
    hits = [p for p in doc.places if p.text == text]
    assert hits, f"{text!r} not found in {[p.text for p in doc.places]}"
    return hits[0]


# --- pure helpers -------------------------------------------------------------------------------------------

def test_trim_span_drops_article_and_possessive() -> None:
    text = "in the Kherson region's north"
    s, e = trim_span(text, 3, 23)
    assert text[s:e] == "Kherson region"


def test_lookup_keys_strip_head_words_and_directions() -> None:
    assert lookup_keys("Kherson region")[:2] == ["kherson region", "kherson"]
    assert "florida" in lookup_keys("South Florida")
    assert lookup_keys("Atlantic Avenue") == ["atlantic avenue"]


def test_split_commas() -> None:
    text = "Thruxton, Hampshire"
    assert [text[a:b].strip() for a, b in split_commas(text, 0, len(text))] == ["Thruxton", "Hampshire"]


@pytest.mark.parametrize(("text", "expected"), [("NATO", True), ("MoD", True), ("LONDON", False),
                                                ("Paris", False), ("New York", False)])
def test_acronym_like(text: str, expected: bool) -> None:
    assert acronym_like(text) is expected


def _cand(pid: int, name: str, cc: str, lat: float, lon: float, pop: int, feature: str = "city") -> Candidate:
    return Candidate(place_id=pid, geonameid=pid, name=name, lat=lat, lon=lon, country_code=cc, admin1_code=None,
                     admin1=None, feature=feature, population=pop, capital=False, alias_kind="name")


def test_qualifier_overrides_population() -> None:
    paris_fr = _cand(1, "Paris", "FR", 48.85, 2.35, 2_100_000)
    paris_us = _cand(2, "Paris", "US", 33.66, -95.56, 25_000)
    texas = _cand(3, "Texas", "US", 31.25, -99.25, 2_000_000, "admin1")
    ms = [Mention(0, 5, "Paris", ["paris"], candidates=(paris_fr, paris_us), qualifier=1),
          Mention(7, 12, "Texas", ["texas"], candidates=(texas,))]
    assert resolve(ms, [])[0].candidate.country_code == "US"
    ms[0].qualifier = None
    assert resolve(ms[:1], [])[0].candidate.country_code == "FR"


def test_document_countries_pick_the_local_namesake() -> None:
    big = _cand(1, "Portland", "US", 45.52, -122.68, 650_000)
    small = _cand(2, "Portland", "AU", -38.34, 141.6, 10_000)
    victoria = _cand(3, "Victoria", "AU", -37.0, 144.5, 1_500_000, "admin1")
    ms = [Mention(0, 8, "Victoria", ["victoria"], candidates=(victoria,)),
          Mention(20, 28, "Portland", ["portland"], candidates=(big, small))]
    out = resolve(ms, ["AU", "AU"])
    assert out[1].candidate.country_code == "AU"
    assert "document country" in out[1].reason


def _with(c: Candidate, **kw) -> Candidate:
    from dataclasses import replace

    return replace(c, **kw)


def test_a_small_country_share_does_not_pull_a_famous_city_home() -> None:
    geneva_ch = _cand(1, "Geneva", "CH", 46.2, 6.14, 183_000)
    geneva_us = _cand(2, "Geneva", "US", 41.89, -88.31, 21_000)
    iran, oman, qatar = (_cand(10 + i, n, cc, 0, 50, 10**7, "country")
                         for i, (n, cc) in enumerate([("Iran", "IR"), ("Oman", "OM"), ("Qatar", "QA")]))
    dc = _cand(20, "Washington", "US", 38.9, -77.04, 700_000)
    ms = [Mention(0, 10, "Washington", ["washington"], candidates=(dc,)),
          Mention(20, 26, "Geneva", ["geneva"], candidates=(geneva_ch, geneva_us)),
          *(Mention(30 + 10 * i, 35 + 10 * i, c.name, [c.name.lower()], candidates=(c,))
            for i, c in enumerate([iran, oman, qatar]))]
    assert resolve(ms, [])[1].candidate.country_code == "CH"


def test_nearer_namesake_wins_among_local_towns() -> None:
    paris = _cand(1, "Paris", "US", 33.66, -95.56, 25_000)
    blossom = _cand(2, "Blossom", "US", 33.66, -95.39, 1_500)
    reno_near = _cand(3, "Reno", "US", 33.66, -95.47, 3_000)
    reno_far = _cand(4, "Reno", "US", 32.94, -97.58, 3_300)
    ms = [Mention(0, 5, "Paris", ["paris"], candidates=(paris,)),
          Mention(10, 17, "Blossom", ["blossom"], candidates=(blossom,)),
          Mention(20, 24, "Reno", ["reno"], candidates=(reno_far, reno_near))]
    assert resolve(ms, [])[2].candidate.place_id == 3


def test_region_holding_the_documents_towns_beats_a_capital() -> None:
    dc = _with(_cand(1, "Washington", "US", 38.9, -77.04, 700_000), admin1_code="DC", capital=True)
    state = _with(_cand(2, "Washington", "US", 47.5, -120.5, 50_000, "admin1"), admin1_code="WA")
    yakima = _with(_cand(3, "Yakima", "US", 46.6, -120.5, 93_000), admin1_code="WA")
    wenatchee = _with(_cand(4, "Wenatchee", "US", 47.42, -120.31, 33_000), admin1_code="WA")
    ms = [Mention(0, 6, "Yakima", ["yakima"], candidates=(yakima,)),
          Mention(10, 19, "Wenatchee", ["wenatchee"], candidates=(wenatchee,)),
          Mention(30, 40, "Washington", ["washington"], candidates=(dc, state))]
    assert resolve(ms, [])[2].candidate.place_id == 2
    assert resolve(ms[2:], [])[0].candidate.place_id == 1  # alone, the capital


def test_former_name_loses_to_an_exact_namesake_at_home() -> None:
    columbus = _with(_cand(1, "Columbus", "US", 39.96, -83.0, 850_000), alias_kind="alt")
    franklin = _cand(2, "Franklin", "US", 29.8, -91.5, 7_000)
    ms = [Mention(0, 8, "Franklin", ["franklin"], candidates=(columbus, franklin)),
          Mention(20, 29, "Louisiana", ["louisiana"], candidates=(_cand(3, "Louisiana", "US", 31, -92, 10**6,
                                                                            "admin1"),))]
    assert resolve(ms, [])[0].candidate.place_id == 2


# --- the stage on sentences ---------------------------------------------------------------------------------

def test_ukraine_story_with_exonyms_and_regions(run) -> None:
    doc = run("Shelling hit Kharkov overnight, and Ukrainian troops advanced in the Kherson region toward the "
              "Dnieper River, officials in Kyiv said on Monday.")
    kh = place(doc, "Kharkov")
    assert haversine_km(kh.lat, kh.lon, 49.99, 36.23) < 30 and kh.country_code == "UA"
    region = place(doc, "Kherson region")
    assert region.feature == "admin1"
    assert place(doc, "Dnieper River").feature == "water"
    kyiv = place(doc, "Kyiv")
    assert haversine_km(kyiv.lat, kyiv.lon, 50.45, 30.52) < 30
    assert all(p.reason for p in doc.places if p.lat is not None)


def test_translation_artifacts(run) -> None:
    doc = run("The army regrouped in Wudong after the commander refused to leave Wunan.")
    east = place(doc, "Wudong")
    assert east.country_code == "UA" and east.feature == "region"


def test_containment_by_comma(run) -> None:
    doc = run("The festival moved from Paris, Texas, to a field outside Dallas last spring.")
    paris = place(doc, "Paris")
    assert paris.country_code == "US"


def test_country_is_the_country_point(run) -> None:
    doc = run("Germany and France signed the agreement in Brussels on Friday.")
    de = place(doc, "Germany")
    assert de.feature == "country" and haversine_km(de.lat, de.lon, 51.5, 10.5) < 50


def test_person_names_are_not_places(run) -> None:
    doc = run("Striker Mohamed Salah scored twice. Salah later thanked the fans in Liverpool.")
    assert not [p for p in doc.places if p.text == "Salah"]


def test_odd_unicode_does_not_raise(run) -> None:
    doc = run("Reports from Ḩamāh, 東京 and Zzyzxqville Ştreet reached Kraków on Ṭuesday. \u200b🙂")
    assert isinstance(doc.places, list)
    for p in doc.places:
        assert doc.text[p.start:p.end] == p.text


def test_dateline_place(run) -> None:
    doc = run("HELENA, Mont. (AP) — Lawmakers met on Tuesday to discuss the state budget.")
    if any(s.kind == "dateline" for s in doc.segments):
        helena = place(doc, "HELENA")
        assert helena.country_code == "US"


def test_weak_town_needs_a_nearby_anchor() -> None:
    from newsgraph.stages.places import WEAK, confirm_weak

    anchor = _cand(1, "Gloucester", "GB", 51.86, -2.24, 130_000)
    near = _cand(2, "Cirencester", "GB", 51.72, -1.97, 19_000)
    far = _cand(3, "Springfield", "US", 39.8, -89.64, 116_000)
    ms = [Mention(0, 10, "Gloucester", ["gloucester"], candidates=(anchor,)),
          Mention(20, 31, "Cirencester", ["cirencester"], label=WEAK, candidates=(near,)),
          Mention(40, 51, "Springfield", ["springfield"], label=WEAK, candidates=(far,))]
    assert confirm_weak(ms, [anchor, near, far]) == [True, True, False]


def test_weak_town_confirmed_by_a_named_region_only_in_a_place_slot() -> None:
    from newsgraph.stages.places import WEAK, confirm_weak, locative_slot

    text = "Tamil Nadu told fishermen in Nagapattinam and Palkurichi to stay ashore; Palkurichi said March was wet."
    region = _with(_cand(1, "Tamil Nadu", "IN", 11.0, 78.0, 10**6, "admin1"), admin1_code="25")
    port = _with(_cand(2, "Nagapattinam", "IN", 10.77, 79.84, 100_000), admin1_code="25")
    village = _with(_cand(3, "Palkurichi", "IN", 9.2, 78.6, 2_000), admin1_code="25")  # 180 km away
    spans = [(text.index(w), w) for w in ("Tamil Nadu", "Nagapattinam")]
    ms = [Mention(s, s + len(w), w, [w.lower()]) for s, w in spans]
    s1, s2 = text.index("Palkurichi"), text.rindex("Palkurichi")
    ms += [Mention(s1, s1 + 10, "Palkurichi", ["palkurichi"], label=WEAK),
           Mention(s2, s2 + 10, "Palkurichi", ["palkurichi"], label=WEAK)]
    assert [locative_slot(text, m, ms) for m in ms[2:]] == [True, False]
    for m in ms[2:]:
        m.locative = locative_slot(text, m, ms)
    assert confirm_weak(ms, [region, port, village, village]) == [True, True, True, False]


def test_facility_located_in_the_main_town(run) -> None:
    doc = run("Residents of Leeds gathered outside the Kirkgate Market on Saturday. Leeds council "
              "said the Kirkgate Market would reopen.")
    market = [p for p in doc.places if "Kirkgate" in p.text]
    assert market, [p.text for p in doc.places]
    assert market[0].confidence <= 0.2 and "not in gazetteer" in (market[0].reason or "")
    assert haversine_km(market[0].lat, market[0].lon, 53.8, -1.55) < 30


def test_facility_in_the_town_named_right_after_it(run) -> None:
    doc = run("Traffic was diverted from Clarendon Road in Watford on Monday, while in Luton crews repaired "
              "another pipe and Luton residents were told to boil water.")
    road = [p for p in doc.places if p.text.startswith("Clarendon")]
    assert road, [p.text for p in doc.places]
    assert haversine_km(road[0].lat, road[0].lon, 51.66, -0.40) < 10  # Watford, not the more mentioned Luton


def test_focus_is_the_region_holding_most_places() -> None:
    from newsgraph.document import Place
    from newsgraph.stages.places import document_focus

    def town(name: str, admin1: str, lat: float) -> Place:
        return Place(start=0, end=1, text=name, name=name, lat=lat, lon=-77.0, country_code="US", admin1=admin1,
                     feature="city", confidence=0.9)

    places = [town("Charleston", "South Carolina", 32.8), town("Vienna", "Virginia", 38.9),
              town("Fairfax", "Virginia", 38.85), town("Centreville", "Virginia", 38.84),
              town("Fairfax", "Virginia", 38.85)]
    assert document_focus(places).name == "Fairfax"


def test_street_names_do_not_resolve_to_hamlets(run) -> None:
    doc = run("A water main broke under Fifth Street in downtown Springfield, Illinois, on Tuesday.")
    street = place(doc, "Fifth Street")
    assert street.feature == "other" and street.confidence <= 0.2


def test_opening_place_before_a_colon(run) -> None:
    doc = run("Bhopal: A truck overturned on the highway on Sunday, police said.")
    assert place(doc, "Bhopal").country_code == "IN"
    doc = run("Marden: Two volunteers on the shore after the clean-up. Picture: staff.")
    assert not any(p.text == "Marden" for p in doc.places)


def test_direction_left_outside_by_ner_joins_a_known_name(gaz_path: Path) -> None:
    from newsgraph.geo.gazetteer import Gazetteer
    from newsgraph.spans import RangeIndex
    from newsgraph.stages.places import extend_directions

    text = "Miners in Western Australia and western Canada"
    ms = [Mention(text.index("Australia"), len("Miners in Western Australia"), "Australia", ["australia"]),
          Mention(text.index("Canada"), len(text), "Canada", ["canada"])]
    extend_directions(text, ms, RangeIndex([(0, len(text))]), Gazetteer(gaz_path))
    assert ms[0].text == "Western Australia" and ms[0].start == text.index("Western")
    assert ms[1].text == "Canada"  # lower-case 'western' is description, not name


def test_small_town_name_tagged_org_needs_the_documents_area(run) -> None:
    doc = run("Farmers from Lyon and Toulouse met in Normandy on Monday to plan the protest.")
    assert all(p.country_code in (None, "FR") for p in doc.places), [(p.text, p.country_code) for p in doc.places]


def test_bare_river_with_the_article(run) -> None:
    doc = run("Police in Rouen cleared tractors from a bridge over the Seine on Monday.")
    seine = place(doc, "Seine")
    assert seine.feature == "water" and seine.country_code == "FR"


def test_focus_ties_go_to_the_centre_of_the_story_not_the_dateline() -> None:
    from newsgraph.document import Place
    from newsgraph.stages.places import document_focus

    def town(name: str, lat: float, lon: float) -> Place:
        return Place(start=0, end=1, text=name, name=name, lat=lat, lon=lon, country_code="US",
                     admin1="Washington", feature="city", confidence=0.9)

    places = [town("Seattle", 47.61, -122.33), town("Yakima", 46.6, -120.51), town("Wenatchee", 47.42, -120.31),
              town("Ellensburg", 47.0, -120.55)]
    assert document_focus(places).name == "Ellensburg"


@pytest.mark.parametrize("name,expected", [("Lake Chelan", True), ("Charles River", True), ("Perthshire", True),
                                           ("Mornington Peninsula", True), ("Buruli", False), ("River", False),
                                           ("Chelan", False)])
def test_local_feature(name: str, expected: bool) -> None:
    from newsgraph.stages.places import local_feature

    assert local_feature(name.split()) is expected


def test_county_names_hint_at_the_state() -> None:
    paris_tx = _with(_cand(1, "Paris", "US", 33.66, -95.56, 25_000), admin1_code="TX")
    paris_tn = _with(_cand(2, "Paris", "US", 36.3, -88.33, 27_000), admin1_code="TN")
    ms = [Mention(0, 5, "Paris", ["paris"], candidates=(paris_tn, paris_tx))]
    assert resolve(ms, [])[0].candidate.place_id == 2
    out = resolve(ms, [], {("US", "TX"): 1.0})
    assert out[0].candidate.place_id == 1 and "county" in out[0].reason


def test_other_names_of_towns_only_in_place_slots() -> None:
    from newsgraph.stages.places import after_preposition, weak_name

    renamed = _with(_cand(1, "Grahamstown", "ZA", -33.31, 26.53, 90_000), alias_kind="alt")
    assert not weak_name("Makhanda", (renamed,)) and weak_name("Makhanda", (renamed,), kinds=("alt",))
    text = "Officials in Makhanda said Makhanda Holdings would pay."
    assert after_preposition(text, text.index("Makhanda"))
    assert not after_preposition(text, text.rindex("Makhanda"))


def test_seats_of_government_are_actors_not_places(run) -> None:
    doc = run("The Kremlin rejected the plan, while the White House said talks in Geneva would go on.")
    texts = [p.text for p in doc.places]
    assert "Kremlin" not in texts and "White House" not in texts
    assert "Geneva" in texts


def test_adjective_tagged_as_place_means_its_country(gaz_path: Path) -> None:
    from newsgraph.geo.gazetteer import Gazetteer
    from newsgraph.stages.places import demonyms_as_countries

    m = Mention(0, 9, "Ukrainian", ["ukrainian"], label="GPE")
    demonyms_as_countries([m], Gazetteer(gaz_path))
    assert m.candidates and m.candidates[0].feature == "country" and m.candidates[0].country_code == "UA"


# --- issue 12: villages, districts, hills (a gazetteer with our synthetic GeoNames dump) ----------------------

@pytest.fixture(scope="session")
def drun(tmp_path_factory: pytest.TempPathFactory):
    from test_gazetteer import dump_gazetteer_path

    nlp = load_model(Settings().spacy_model)
    ctx = Context(settings=Settings(gazetteer_path=dump_gazetteer_path(tmp_path_factory)))

    def _run(text: str) -> Document:
        doc = Document(id="t", text=text)
        segments.annotate(doc, None, ctx)
        parsed = nlp(masked_text(doc))
        entities.annotate(doc, parsed, ctx)
        places.annotate(doc, parsed, ctx)
        return doc

    return _run


def test_village_in_a_typed_slot_even_when_ner_calls_it_an_org(drun) -> None:
    doc = drun("A missile hit a cafe in the village of Hroza in Kharkiv Oblast. Hroza lies in the Kupiansk district.")
    hits = [p for p in doc.places if p.text == "Hroza"]
    assert len(hits) == 2 and all(p.feature == "city" and p.country_code == "UA" for p in hits)
    district = place(doc, "Kupiansk district")
    assert district.feature == "admin2" and district.name == "Kupianskyi Raion"


def test_hill_and_district_nouns_pick_their_kind(drun) -> None:
    doc = drun("Taliban fighters overran checkpoints in Sangin district of Helmand province, and "
               "soldiers came under fire on Qarachogh mountain near Makhmur in Iraq.")
    assert place(doc, "Sangin district").feature == "admin2"
    assert place(doc, "Qarachogh").feature == "landform"


def test_coordinated_villages_confirmed_by_the_named_region(drun) -> None:
    doc = drun("Troops repelled assaults near Synkivka and Petropavlivka in the Kharkiv region, the staff said.")
    for name in ("Synkivka", "Petropavlivka"):
        p = place(doc, name)
        assert p.country_code == "UA" and p.admin1 == "Kharkiv Oblast"


def test_untyped_slot_needs_the_articles_area(drun) -> None:
    doc = drun("The delegation flew on to Kishishe for talks.")  # no region, no anchor: too weak alone
    assert not [p for p in doc.places if p.text == "Kishishe"]


def test_namesake_abroad_loses_to_the_reports_region(drun) -> None:
    doc = drun("Soldiers executed hundreds of men in Moura, a village in the Mopti region, a report said.")
    assert place(doc, "Moura").country_code == "ML"


def test_one_name_two_places_resolve_from_their_own_sentences(run) -> None:
    doc = run("Floods killed 12 people in Hyderabad in Pakistan's Sindh province on Monday. In India, the "
              "Telangana government said Hyderabad had escaped the worst of the rain.")
    first, second = [p for p in doc.places if p.text == "Hyderabad"]
    assert first.country_code == "PK" and second.country_code == "IN"


def test_region_with_its_type_is_the_region_not_its_capital(drun) -> None:
    doc = drun("Shelling continued across the Kherson region, and drones hit the Kharkiv Oblast overnight.")
    assert place(doc, "Kherson region").feature == "admin1"
    assert place(doc, "Kharkiv Oblast").feature == "admin1"


def test_place_names_opening_an_institution(run) -> None:
    doc = run("Superintendents for Owensboro Public Schools said buses would run. Daviess County officials "
              "and the Owensboro Police agreed, in Kentucky.")
    assert place(doc, "Owensboro").admin1 == "Kentucky"


def test_transliteration_garble_resolves_only_with_the_reports_support(run) -> None:
    doc = run("Artillery struck Kharkeev and Izium overnight, officials in Ukraine said.")
    p = place(doc, "Kharkeev")
    assert p.name == "Kharkiv" and p.country_code == "UA" and "transliteration" in p.reason
    doc = run("Kharkeev is a brand of chairs sold in Canada, its maker in Toronto said.")
    assert all(p.country_code != "UA" for p in doc.places)


def test_a_qualified_name_keeps_its_reading_in_bare_reuses() -> None:
    fl = _with(_cand(1, "Parkland", "US", 26.31, -80.24, 31_000), admin1_code="FL")
    wa = _with(_cand(2, "Parkland", "US", 47.16, -122.43, 35_000), admin1_code="WA")
    florida = _with(_cand(3, "Florida", "US", 28.0, -82.0, 20_000_000, "admin1"), admin1_code="FL")
    state = _with(_cand(4, "Washington", "US", 47.5, -120.5, 7_000_000, "admin1"), admin1_code="WA")
    ms = [Mention(0, 8, "Parkland", ["parkland"], candidates=(fl, wa), matched_key="parkland", qualifier=1, sent=0),
          Mention(10, 17, "Florida", ["florida"], candidates=(florida,), matched_key="florida", sent=0),
          Mention(40, 50, "Washington", ["washington"], candidates=(state,), matched_key="washington", sent=1),
          Mention(60, 68, "Parkland", ["parkland"], candidates=(fl, wa), matched_key="parkland", sent=1)]
    out = resolve(ms, [])
    assert out[0].candidate.place_id == 1 and out[3].candidate.place_id == 1
    assert "as where the report qualifies it" in out[3].reason
    alone = resolve(ms[2:], [])  # without the qualified mention, the sentence's region decides
    assert alone[1].candidate.place_id == 2


def test_a_qualified_name_does_not_pull_a_reuse_from_abroad() -> None:
    sindh = _with(_cand(1, "Hyderabad", "PK", 25.39, 68.37, 1_400_000), admin1_code="05")
    india = _with(_cand(2, "Hyderabad", "IN", 17.38, 78.46, 6_800_000), admin1_code="40")
    pakistan = _cand(3, "Pakistan", "PK", 30.0, 70.0, 200_000_000, "country")
    telangana = _with(_cand(4, "Telangana", "IN", 18.0, 79.0, 35_000_000, "admin1"), admin1_code="40")
    ms = [Mention(0, 9, "Hyderabad", ["hyderabad"], candidates=(sindh, india), matched_key="hyderabad", qualifier=1,
                  sent=0),
          Mention(11, 19, "Pakistan", ["pakistan"], candidates=(pakistan,), matched_key="pakistan", sent=0),
          Mention(40, 49, "Telangana", ["telangana"], candidates=(telangana,), matched_key="telangana", sent=1),
          Mention(60, 69, "Hyderabad", ["hyderabad"], candidates=(sindh, india), matched_key="hyderabad", sent=1)]
    out = resolve(ms, [])
    assert out[0].candidate.country_code == "PK" and out[3].candidate.country_code == "IN"


def _merge_slots_by_scan(mentions: list[Mention], slots: list[Mention]) -> list[Mention]:
    """The rule of ``places.merge_slots`` written as a scan of every mention per slot (the reference)."""
    out = list(mentions)
    for sm in slots:
        over = [m for m in out if sm.start < m.end and m.start < sm.end]
        known = [m for m in over if m.candidates and m.label != places.WEAK]
        if sm.label == places.SLOT:
            for m in known:
                m.slot = True
        if (sm.label == places.WEAK and any(m.candidates for m in over)) or (known and (
                any(m.start < sm.start or m.end > sm.end for m in known)
                or (sm.prefer != "admin1" and all(m.start == sm.start and m.end == sm.end for m in known)))):
            continue
        for m in over:
            out.remove(m)
        out.append(sm)
    return sorted(out, key=lambda m: m.start)


def test_merge_slots_equals_a_scan_of_every_mention() -> None:
    """The bucket index only avoids the scan: same survivors, same order, same slot flags, on random layouts
    (overlapping, nested, equal and far-apart spans across bucket borders)."""
    import random

    rnd = random.Random(11)
    cand = (_cand(1, "Xa", "UA", 1.0, 1.0, 5_000),)
    for _ in range(150):
        def make(n: int, labels: tuple[str, ...]) -> list[Mention]:
            out = []
            for _ in range(n):
                s = rnd.choice([rnd.randint(0, 60), rnd.randint(240, 280), rnd.randint(0, 2000)])
                e = s + rnd.randint(0, 30)
                out.append(Mention(start=s, end=e, text="x" * (e - s), keys=["x"], label=rnd.choice(labels),
                                   candidates=cand if rnd.random() < 0.6 else (),
                                   prefer=rnd.choice([None, "admin1", "city"])))
            return out
        mentions = sorted(make(rnd.randint(0, 25), ("GPE", "LOC", places.WEAK)), key=lambda m: m.start)
        slots = make(rnd.randint(0, 12), (places.SLOT, places.WEAK))
        a_m = [Mention(**{f: getattr(m, f) for f in m.__slots__}) for m in mentions]
        a_s = [Mention(**{f: getattr(m, f) for f in m.__slots__}) for m in slots]
        want = _merge_slots_by_scan(a_m, a_s)
        got = places.merge_slots(mentions, slots)
        assert [(m.start, m.end, m.label, m.slot, m.prefer) for m in got] == \
               [(m.start, m.end, m.label, m.slot, m.prefer) for m in want]
