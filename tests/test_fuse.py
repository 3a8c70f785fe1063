"""Fusion on hand-built documents (no spaCy): stories, reprints, claims, origins, disputes, re-ingest, bad input.

Runs on SQLite and, when NEWSGRAPH_TEST_PG is set, on PostgreSQL.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from store_backends import BACKENDS, make_store

import newsgraph
from newsgraph.document import Attribution, Document, Entity, EntitySpan, Event, Place, Quantity, Source, Span
from newsgraph.fuse import fuse_pending, rebuild, store_and_fuse
from newsgraph.store import schema

BELGOROD = dict(name="Belgorod", lat=50.61, lon=36.58, country_code="RU", feature="city", geonameid=578072,
                admin1="Belgorod Oblast")
TBILISI = dict(name="Tbilisi", lat=41.69, lon=44.83, country_code="GE", feature="city", geonameid=611717,
               admin1="Tbilisi")
ATLANTA = dict(name="Atlanta", lat=33.75, lon=-84.39, country_code="US", feature="city", geonameid=4180439,
               admin1="Georgia")


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def make(doc_id: str, outlet: str, published: str, text: str, *, place: dict | None = None,
         events: list[dict] | None = None, claims: list[dict] | None = None,
         people: list[tuple[str, str]] | None = None) -> Document:
    """A document with one place mention, events ({type, trigger, date, precision, figure, actor}) and claims
    ({source, type, content, stance, cue, parent})."""
    doc = Document(id=doc_id, text=text, published=published, outlet=outlet)
    if place:
        s, e = span(text, place["name"])
        doc.places = [Place(start=s, end=e, text=place["name"], confidence=0.9, **place)]
    for i, (mention, canonical) in enumerate(people or []):
        s, e = span(text, mention)
        doc.entities.append(Entity(start=s, end=e, text=mention, label="PERSON", canonical=canonical,
                                   entity_id=f"e{i + 1}"))
    for i, c in enumerate(claims or [], 1):
        ss, se = span(text, c["source"])
        cs, ce = span(text, c["content"])
        cue = c.get("cue", "said")
        us, ue = span(text, cue)
        eid = next((en.entity_id for en in doc.entities if en.start >= ss and en.end <= se), None)
        doc.attributions.append(Attribution(
            id=f"a{i}", source=Source(start=ss, end=se, text=c["source"], type=c.get("type", "person"),
                                      entity_id=eid),
            cue=Span(start=us, end=ue, text=cue), content=Span(start=cs, end=ce, text=c["content"]),
            parent=c.get("parent"), stance=c.get("stance", "assert")))
    for i, ev in enumerate(events or [], 1):
        ts, te = span(text, ev["trigger"])
        actor = None
        if ev.get("actor"):
            a_s, a_e = span(text, ev["actor"])
            eid = next((en.entity_id for en in doc.entities if en.start == a_s), None)
            actor = EntitySpan(start=a_s, end=a_e, text=ev["actor"], entity_id=eid)
        q = ev.get("figure")
        doc.events.append(Event(
            id=f"v{i}", type=ev["type"], trigger=Span(start=ts, end=te, text=ev["trigger"]), actor=actor,
            place=0 if place else None, date=ev.get("date", published), date_precision=ev.get("precision", "day"),
            sentence={"start": 0, "end": len(text)}, attribution=ev.get("attribution"),
            quantity=Quantity(value=q[0], unit="people", text=q[1]) if q else None))
    return doc


WIRE = ("Drones struck the city of Belgorod early on Sunday, killing 12 people and wounding 30 others, the regional "
        "governor said, adding that rescue teams were still searching the rubble of an apartment block.")


def strike(doc_id: str, outlet: str, text: str = WIRE, date: str = "2023-05-14", figure=(12, "12 people"),
           published: str = "2023-05-14") -> Document:
    trigger = next(w for w in ("killing", "killed", "hit", "struck") if w in text)
    return make(doc_id, outlet, published, text, place=BELGOROD,
                events=[{"type": "ASSAULT", "trigger": trigger, "date": date, "figure": figure}])


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    return make_store(request.param, tmp_path)


def stories(store) -> list[dict]:
    """Story rows without their update time (the only field a no-op re-fuse may change)."""
    return [{k: v for k, v in r.items() if k != "updated_at"} for r in newsgraph.query("stories", db=store)]


def test_reprints_are_one_origin_and_independent_reports_add_one(store) -> None:
    store_and_fuse(store, strike("w1", "Global Wire"))
    store_and_fuse(store, strike("w2", "Daily Courier", WIRE + " The city lies 40 km from the border."))
    store_and_fuse(store, strike("n1", "Northern Post", "At least 10 people were killed in a drone attack on "
                                 "Belgorod on Sunday, local authorities said.", figure=(10, "At least 10 people")))
    [story] = stories(store)
    assert story["reports"] == 3 and story["outlets"] == 3 and story["origins"] == 2
    assert story["figure_min"] == 10 and story["figure_max"] == 12 and story["disputed"] is False
    docs = {r["id"]: r for r in newsgraph.query("documents", db=store)}
    assert docs["w2"]["origin_id"] == "w1" and docs["w1"]["origin_id"] is None and docs["n1"]["origin_id"] is None


def test_look_alikes_stay_apart(store) -> None:
    store_and_fuse(store, strike("w1", "Global Wire"))
    store_and_fuse(store, strike("w9", "Global Wire", "Drones hit Belgorod again on Sunday, wounding four.",
                                 date="2023-05-21", figure=None, published="2023-05-21"))
    protest = "Thousands of people protested in {} on Tuesday against a new law."
    store_and_fuse(store, make("t1", "Caucasus Wire", "2023-03-07", protest.format("Tbilisi"), place=TBILISI,
                               events=[{"type": "PROTEST", "trigger": "protested"}]))
    store_and_fuse(store, make("g1", "Southern Ledger", "2023-03-07", protest.format("Atlanta"), place=ATLANTA,
                               events=[{"type": "PROTEST", "trigger": "protested"}]))
    assert len(stories(store)) == 4
    assert newsgraph.query_count("stories", db=store, country="GE") == 1


def test_contradicting_figures_are_a_dispute(store) -> None:
    store_and_fuse(store, strike("k1", "Frontier Wire", figure=(3, "three people")))
    store_and_fuse(store, strike("k2", "Kabul Observer", "Eleven people were killed in Belgorod clashes on Sunday.",
                                 figure=(11, "Eleven people")))
    [story] = stories(store)
    assert story["disputed"] is True and {f["value"] for f in story["figures"]} == {3, 11}
    assert newsgraph.query_count("events", db=store, disputed=True) == 2


def claim_doc(doc_id: str, outlet: str, text: str, claims: list[dict], people=None) -> Document:
    return make(doc_id, outlet, "2023-02-20", text, claims=claims, people=people)


def test_claims_chains_corroboration_and_denial(store) -> None:
    a = "Pakistani officials said Afghan forces opened fire first after a dispute over a checkpoint."
    b = "Pakistani security officials said Afghan forces opened fire first at the crossing on Monday."
    c = ("According to foreign media, the Frontier Times quoted officials as saying that Afghan forces opened fire "
         "first at the checkpoint.")
    d = "Taliban spokesman Zabihullah Mujahid denied that Afghan forces fired first at the crossing."
    store_and_fuse(store, claim_doc("p1", "Frontier Times", a, [{"source": "Pakistani officials", "type": "anonymous",
                                                                  "content": a[25:]}]))
    store_and_fuse(store, claim_doc("p2", "Indus Daily", b, [{"source": "Pakistani security officials",
                                                              "type": "anonymous", "content": b[34:]}]))
    store_and_fuse(store, claim_doc("p3", "Huaxia Evening", c, [
        {"source": "the Frontier Times", "type": "media", "content": c[c.index("officials as"):], "cue": "quoted"},
        {"source": "officials", "type": "anonymous", "content": c[c.index("that Afghan") + 5:], "parent": "a1",
         "cue": "saying"}]))
    store_and_fuse(store, claim_doc("p4", "Kabul Observer", d, [
        {"source": "Taliban spokesman Zabihullah Mujahid", "content": d[d.index("Afghan"):], "stance": "deny",
         "cue": "denied"}], people=[("Zabihullah Mujahid", "Zabihullah Mujahid")]))
    rows = newsgraph.query("claims", db=store)
    by_doc = {(r["document_id"], r["id"]): r for r in rows}
    fire = by_doc[("p1", "a1")]["claim_id"]
    assert by_doc[("p2", "a1")]["claim_id"] == fire and by_doc[("p3", "a2")]["claim_id"] == fire
    # the compilation cites the Times, whose own report is p1: Frontier Times + Indus Daily = 2 origins
    assert by_doc[("p1", "a1")]["corroboration"] == 2
    assert by_doc[("p3", "a1")]["original_source_text"] == "officials"
    denial = by_doc[("p4", "a1")]["claim_id"]
    assert denial != fire and by_doc[("p4", "a1")]["disputed"] and by_doc[("p1", "a1")]["disputed"]
    with store.engine.connect() as conn:
        pairs = conn.execute(select(schema.disputes.c.a_id, schema.disputes.c.b_id)
                             .where(schema.disputes.c.kind == "claim")).all()
    assert [tuple(p) for p in pairs] == [(fire, denial)]
    # p1, p2, the compilation's inner hop and its outer one (whose original source is anonymous)
    assert newsgraph.query_count("claims", db=store, source_type="anonymous", disputed=True) == 4


def test_one_person_across_documents(store) -> None:
    t1 = "Russian President Vladimir Putin on Tuesday rejected a proposal for a ceasefire."
    t2 = "President Putin rejected the African peace plan on Tuesday, the Kremlin said."
    store_and_fuse(store, make("r1", "Global Wire", "2023-06-20", t1, people=[("Vladimir Putin", "Vladimir Putin")],
                               events=[{"type": "REJECT", "trigger": "rejected", "actor": "Vladimir Putin"}]))
    store_and_fuse(store, make("r2", "Continental", "2023-06-21", t2, people=[("Putin", "Putin")],
                               events=[{"type": "REJECT", "trigger": "rejected", "actor": "Putin",
                                        "date": "2023-06-20"}]))
    [putin] = newsgraph.query("entities", db=store, name="Putin")
    assert putin["name"] == "Vladimir Putin" and putin["documents"] == 2
    assert {a["alias"] for a in putin["aliases"]} == {"Vladimir Putin", "Putin"}
    [story] = stories(store)
    assert story["actor"] == "Vladimir Putin" and story["reports"] == 2
    assert newsgraph.query_count("events", db=store, actor="putin") == 2


def test_reingest_changes_nothing_and_updates_clusters(store) -> None:
    docs = [strike("w1", "Global Wire"), strike("w2", "Daily Courier", WIRE + " More follows."),
            strike("n1", "Northern Post", "Drones hit Belgorod on Sunday, killing 12, officials said.")]
    for doc in docs:
        store_and_fuse(store, doc)
    before = (store.counts(), stories(store), newsgraph.query("claims", db=store))
    for doc in docs:
        assert store_and_fuse(store, doc) == "updated"
    assert (store.counts(), stories(store), newsgraph.query("claims", db=store)) == before
    # the original is re-ingested with new text: its copy is no longer a copy, and the story is recounted
    store_and_fuse(store, strike("w1", "Global Wire", "A drone attack killed 12 in Belgorod on Sunday."))
    [story] = stories(store)
    assert story["origins"] == 3
    assert newsgraph.query("documents", db=store, document="w2")[0]["origin_id"] is None


def test_rebuild_matches_incremental(store) -> None:
    for doc in (strike("w1", "Global Wire"), strike("w2", "Daily Courier", WIRE + " More."),
                strike("k2", "Kabul Observer", "Eleven people were killed in Belgorod on Sunday.", figure=(11, "11"))):
        store_and_fuse(store, doc)
    incremental = (stories(store), newsgraph.query("events", db=store))
    rebuild(store)
    assert (stories(store), newsgraph.query("events", db=store)) == incremental


def test_bad_input_is_a_no_op_or_handled(store) -> None:
    assert rebuild(store).stories == 0 and fuse_pending(store).fused == 0  # an empty store
    store_and_fuse(store, make("empty", "Wire", "2023-01-01", "Nothing happened today."))
    loop = make("loop", "Wire", "2023-01-02", "Officials said the army said the town was calm.",
                claims=[{"source": "Officials", "type": "anonymous", "content": "the army said the town was calm",
                         "parent": "a2"},
                        {"source": "the army", "type": "organization", "content": "the town was calm",
                         "parent": "a1"}])
    orphan = make("orphan", "Wire", "2023-01-02", "The mayor said the town was calm.",
                  claims=[{"source": "The mayor", "content": "the town was calm", "parent": "a9"}])
    store_and_fuse(store, loop)
    store_and_fuse(store, orphan)
    assert store.counts()["documents"] == 3
    assert all(r["claim_id"] for r in newsgraph.query("claims", db=store))
    assert newsgraph.query_count("stories", db=store) == 0


def test_exports_of_stories_entities_parquet_and_flat_geojson(store, tmp_path) -> None:
    import io
    import json

    import pyarrow.parquet as pq

    from newsgraph.store import export

    store_and_fuse(store, strike("w1", "Global Wire"))
    store_and_fuse(store, strike("n1", "Northern Post", "Drones hit Belgorod on Sunday, killing 12, officials said."))
    stories_rows = newsgraph.query("stories", db=store)
    buf = io.StringIO()
    assert export.write("stories", "geojson", stories_rows, buf) == 1
    props = json.loads(buf.getvalue())["features"][0]["properties"]
    assert props["origins"] == 2 and isinstance(props["figures"], str)  # flat: nested values are JSON text
    events_rows = list(store.rows("events"))
    buf = io.StringIO()
    export.write("events", "geojson", events_rows, buf)
    assert "trigger_text" in json.loads(buf.getvalue())["features"][0]["properties"]
    path = tmp_path / "events.parquet"
    assert export.write_parquet(events_rows, str(path)) == 2
    table = pq.read_table(path)
    assert {"cluster_id", "origins", "trigger_text"} <= set(table.column_names)
    assert len(set(table.column("cluster_id").to_pylist())) == 1
    path = tmp_path / "entities.parquet"  # no entities in these documents: an empty file, still readable
    assert export.write_parquet(newsgraph.query("entities", db=store), str(path)) == 0
    assert pq.read_table(path).num_rows == 0


def test_ids_colliding_across_outlets_keep_both_articles(store) -> None:
    store_and_fuse(store, strike("123", "Global Wire"))
    other = strike("123", "Northern Post", "Drones hit Belgorod on Sunday, killing 12, officials said.")
    assert store_and_fuse(store, other) == "inserted"
    assert sorted(r["id"] for r in newsgraph.query("documents", db=store)) == ["123", "123@northern-post"]
    assert any("NG-W006" in w for w in store.get("123@northern-post").warnings)
    assert store_and_fuse(store, strike("123", "Global Wire", WIRE + " Updated.")) == "updated"  # same outlet
    assert store.counts()["documents"] == 2


def _attr(aid: str, start: int, source: str, typ: str, parent: str | None = None, content: str = "x",
          canonical: str | None = None) -> dict:
    return {"id": aid, "source_start": start, "source_text": source, "source_type": typ, "parent": parent,
            "content_start": start + 50, "content_end": start + 90, "content_text": content,
            "source_canonical_id": canonical}


def test_claim_origin_is_the_innermost_identified_hop_of_any_kind() -> None:
    from newsgraph.fuse import corroboration as co

    # a ministry whose clause holds a misread inner 'source' keeps the origin; anonymous inner hops hand it to
    # the outlet that cites them; nothing identified: the publisher
    attrs = {"a1": _attr("a1", 0, "The Ministry of Defense of Russia", "organization"),
             "a2": _attr("a2", 60, "Ukrainian forces", "organization", parent="a1")}
    path = co.chain_path(attrs, "a1")
    assert [h["id"] for h in path] == ["a1", "a2"]
    assert co.claim_origin(path, "Volga Telegraph", "d1", co.document_source_keys(attrs)) == \
        "org:defense ministry russia"
    times = {"a1": _attr("a1", 0, "the Frontier Times", "media"),
             "a2": _attr("a2", 60, "officials", "anonymous", parent="a1")}
    assert co.claim_origin(co.chain_path(times, "a2"), "Huaxia", "d2", co.document_source_keys(times)) == \
        "media:frontier times"
    anon = {"a1": _attr("a1", 0, "officials", "anonymous")}
    assert co.claim_origin(co.chain_path(anon, "a1"), "Indus Daily", "d3",
                           co.document_source_keys(anon)) == "media:indus daily"


def test_a_bare_institution_noun_is_the_earlier_source_it_refers_to() -> None:
    from newsgraph.fuse import corroboration as co

    attrs = {"a1": _attr("a1", 0, "the Russian Defense Ministry", "organization"),
             "a2": _attr("a2", 200, "the ministry", "organization"),
             "a3": _attr("a3", 400, "police", "organization")}
    keys = co.document_source_keys(attrs)
    assert keys["a2"] == keys["a1"] == "org:defense ministry"
    assert keys["a3"] is None  # no earlier police source: unidentified, the publisher stands in
    # a bare noun before any named institution resolves to nothing
    assert co.document_source_keys({"a1": _attr("a1", 0, "the ministry", "organization")})["a1"] is None


def test_a_pronoun_subject_in_reported_speech_is_the_speaker() -> None:
    from newsgraph.fuse.claims import claim_tokens
    from newsgraph.fuse.text import content_tokens

    passive = content_tokens("the exchange was mediated by the United Arab Emirates")
    active = claim_tokens("it had mediated the exchange between Moscow and Kyiv", "The United Arab Emirates")
    assert passive <= active
    assert claim_tokens("that they would respond", "Iran's foreign ministry") >= content_tokens("foreign ministry")
    # no pronoun subject: the source's words stay out of what the claim says
    assert claim_tokens("the talks would resume", "The foreign ministry") == content_tokens("the talks would resume")


def test_joining_a_large_cluster_costs_what_joining_a_small_one_costs(store) -> None:
    """The statements one document's fusion runs do not grow with the story, the claim and the reprint group it
    joins (they did: one UPDATE per member of every cluster touched, one read per copy of a wire story), and
    every member still carries the cluster's counts: 30 copies of one wire story are one origin."""
    from sqlalchemy import event

    text = "Officials said Afghan forces opened fire first at a crossing near Belgorod after a dispute, {} reported."
    statements: list[int] = []

    def one(i: int) -> None:
        body = text.format(f"Outlet {i}")
        doc = make(f"t{i:03d}", f"Outlet {i}", "2023-02-20", body, place=BELGOROD,
                   events=[{"type": "ASSAULT", "trigger": "opened fire"}],
                   claims=[{"source": "Officials", "type": "anonymous", "content": body[14:body.index(",")]}])
        count = [0]

        def tick(*_args) -> None:
            count[0] += 1

        event.listen(store.engine, "before_cursor_execute", tick)
        try:
            store_and_fuse(store, doc)
        finally:
            event.remove(store.engine, "before_cursor_execute", tick)
        statements.append(count[0])

    for i in range(30):
        one(i)
    assert statements[29] <= statements[4] + 2, statements
    rows = newsgraph.query("claims", db=store)
    assert len(rows) == 30 and len({r["claim_id"] for r in rows}) == 1 and {r["corroboration"] for r in rows} == {1}
    events = newsgraph.query("events", db=store)
    assert len(events) == 30 and len({r["cluster_id"] for r in events}) == 1 and {r["origins"] for r in events} == {1}


def test_a_bare_institution_source_is_the_organisation_its_claim_names_with_that_word() -> None:
    from newsgraph.fuse.corroboration import bare_noun, count_origins, resolve_in_claim

    assert bare_noun({"source_type": "organization", "source_text": "Police"}) == "police"
    assert bare_noun({"source_type": "organization", "source_text": "Police", "source_canonical_id": "O1"}) is None
    assert bare_noun({"source_type": "organization", "source_text": "The Lagos State Police Command"}) is None
    origins = {("d1", "a1"): "media:harbour herald", ("d2", "a3"): "org:command lagos police state"}
    resolved = resolve_in_claim(origins, {("d1", "a1"): "police"})
    assert count_origins(list(resolved.values())) == 1
    assert count_origins(list(origins.values())) == 2  # the stamped origins themselves are left as they were
    # a bare word no other report names stays its outlet; an identified origin is never replaced
    other = {("d1", "a1"): "media:harbour herald", ("d2", "a3"): "org:ministry health"}
    assert count_origins(list(resolve_in_claim(other, {("d1", "a1"): "police"}).values())) == 2
    named = {("d1", "a1"): "person:okafor", ("d2", "a3"): "org:command lagos police state"}
    assert resolve_in_claim(named, {("d1", "a1"): "police"}) == named


ARMENIA = dict(name="Armenia", lat=40.25, lon=45.0, country_code="AM", feature="country", geonameid=174982,
               admin1=None)
AZERBAIJAN = dict(name="Azerbaijan", lat=40.5, lon=47.5, country_code="AZ", feature="country", geonameid=587116,
                  admin1=None)
GANJA = dict(name="Ganja", lat=40.68, lon=46.36, country_code="AZ", feature="city", geonameid=586523,
             admin1="Ganja")


def test_a_document_naming_only_tied_countries_has_no_main_place(store) -> None:
    text = "Armenia and Azerbaijan swapped detainees on Friday, officials in Armenia and Azerbaijan said."
    swap = make("s1", "Caspian Wire", "2023-06-02", text, events=[{"type": "COOPERATE", "trigger": "swapped"}])
    swap.places = [Place(start=s, end=e, text=p["name"], confidence=0.9, **p)
                   for p, (s, e) in ((ARMENIA, span(text, "Armenia")), (AZERBAIJAN, span(text, "Azerbaijan")),
                                     (ARMENIA, span(text, "Armenia", 1)), (AZERBAIJAN, span(text, "Azerbaijan", 1)))]
    store_and_fuse(store, swap)
    store_and_fuse(store, make("s2", "Ganja Courier", "2023-06-02", "Ten detainees were swapped near Ganja on Friday.",
                               place=GANJA, events=[{"type": "COOPERATE", "trigger": "swapped"}]))
    [story] = stories(store)  # Armenia (the first of the tie) no longer keeps the placeless report out of Ganja's
    assert story["reports"] == 2 and story["origins"] == 2
