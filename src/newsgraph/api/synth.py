"""Synthetic stores for the API benchmarks and the browser tests: Documents written from our own templates.

No spaCy: every layer (segments, entities, places, times, attributions with chains, events with figures) is
laid down with exact offsets while the text is written, then saved through ``Store.save`` like a real ingest.
Reports of one underlying incident share a story (``cluster_id``) and their quoted claim a ``claim_id``, the way
the fusion step fills those columns, so stories, disputes and chains have something to show.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, update

from newsgraph.document import Document
from newsgraph.store import schema
from newsgraph.store.db import Store

PLACES = [  # name, lat, lon, country, admin1
    ("Kharkiv", 49.9935, 36.2304, "UA", "Kharkiv"), ("Kherson", 46.6354, 32.6169, "UA", "Kherson"),
    ("Khartoum", 15.5007, 32.5599, "SD", "Khartoum"), ("Gao", 16.2666, -0.0400, "ML", "Gao"),
    ("Tbilisi", 41.6941, 44.8337, "GE", "Tbilisi"), ("Chisinau", 47.0056, 28.8575, "MD", "Chisinau"),
    ("Rafah", 31.2969, 34.2455, "PS", "Gaza"), ("Cali", 3.4372, -76.5225, "CO", "Valle del Cauca"),
    ("Dohuk", 36.8669, 42.9503, "IQ", "Dohuk"), ("Torkham", 34.1000, 71.0900, "AF", "Nangarhar"),
    ("Naqoura", 33.1181, 35.1397, "LB", "South"), ("Kaohsiung", 22.6163, 120.3133, "TW", "Kaohsiung"),
]
OUTLETS = ["Reuters", "AP", "AFP", "Xinhua", "Kyiv Post", "Al Jazeera", "BBC", "Daily Sabah", "El Tiempo",
           "TASS", "Radio Tamazuj", "Civil.ge"]
# type, verb phrase, actor, recipient, unit or None
INCIDENTS = [
    ("ASSAULT", "shelled", "Russian forces", "residential districts", "people"),
    ("ASSAULT", "struck", "the army", "a fuel depot", "people"),
    ("PROTEST", "rallied against", "Thousands of demonstrators", "the new media law", None),
    ("AID", "delivered aid to", "The World Food Programme", "displaced families", "trucks"),
    ("CONSULT", "held talks with", "The foreign minister", "his counterpart", None),
    ("SANCTION", "imposed sanctions on", "The European Union", "three arms suppliers", None),
    ("RETREAT", "withdrew from", "UN peacekeepers", "their base", "soldiers"),
    ("ACCUSE", "accused", "The interior ministry", "opposition leaders", None),
    ("COERCE", "detained", "Police", "several journalists", "people"),
    ("AGREE", "agreed a ceasefire with", "Rebel commanders", "government negotiators", None),
]
SOURCES = [("regional officials", "anonymous"), ("the governor", "person"), ("a military spokesman", "person"),
           ("the health ministry", "organization"), ("local media", "media"), ("witnesses", "anonymous")]
CUES = [("said", "assert"), ("claimed", "assert"), ("believed", "believe"), ("denied", "deny")]


@dataclass
class _Writer:
    """Appends text and remembers the offsets of what it wrote, so spans are exact by construction."""

    parts: list[str] = field(default_factory=list)
    n: int = 0

    def put(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return start, self.n

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _span(w: _Writer, s: str) -> dict[str, Any]:
    a, b = w.put(s)
    return {"start": a, "end": b, "text": s}


def incident_document(doc_id: str, rng: random.Random, incident: dict[str, Any], outlet: str,
                      hostile: bool = False) -> Document:
    """One report of ``incident`` by ``outlet``: byline, headline, body with an event, a chain and a caption."""
    w = _Writer()
    kind, verb, actor, recipient, unit = incident["frame"]
    pname, lat, lon, cc, admin1 = incident["place"]
    day: date = incident["day"]
    segs, ents, places, times, atts, evs = [], [], [], [], [], []
    title = f"{actor} {verb} {recipient} in {pname}"
    if hostile:
        title += ' <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    a, b = w.put(title)
    segs.append({"start": a, "end": b, "kind": "headline"})
    w.put("\n")
    a, b = w.put(f"By staff reporter, {outlet}")
    segs.append({"start": a, "end": b, "kind": "byline"})
    w.put("\n")
    body_start = w.n
    sent_start = w.n
    act = _span(w, actor)
    ents.append({**act, "label": "ORG", "canonical": actor.removeprefix("The ").removeprefix("the "),
                 "entity_id": "e1"})
    w.put(" ")
    trig = _span(w, verb.split()[0])
    rest = verb[len(trig["text"]):]
    w.put(rest + " ")
    rec = _span(w, recipient)
    w.put(" in ")
    pl = _span(w, pname)
    places.append({**pl, "name": pname, "lat": lat, "lon": lon, "country_code": cc, "admin1": admin1,
                   "feature": "city", "geonameid": None, "confidence": 0.9})
    w.put(" on ")
    tm = _span(w, day.strftime("%A"))
    times.append({**tm, "type": "DATE", "value": day.isoformat()})
    quantity = None
    if unit:
        figure = incident["figure"] + (rng.choice([0, 0, 0, 1, 2]) if incident["disputed"] else 0)
        w.put(", ")
        qa, qb = w.put(f"{figure} {unit}")
        quantity = {"value": figure, "unit": unit, "text": w.text[qa:qb]}
        w.put(" were affected")
    w.put(". ")
    sent_end = w.n
    # a chain: the outlet quotes a paper which quotes officials
    src_text, src_type = incident["source"]
    cue_text, stance = incident["cue"]
    claim_text = incident["claim"]
    paper = _span(w, incident["paper"])
    ents.append({**paper, "label": "ORG", "canonical": incident["paper"], "entity_id": "e2"})
    w.put(" ")
    pcue = _span(w, "quoted")
    w.put(" ")
    inner_start = w.n
    src = _span(w, src_text)
    w.put(" as ")
    cue = _span(w, {"said": "saying", "claimed": "claiming", "believed": "believing", "denied": "denying"}[cue_text])
    w.put(" that ")
    content = _span(w, claim_text)
    inner_end = w.n
    w.put(".")
    atts.append({"id": "a1", "source": {**paper, "type": "media", "entity_id": "e2"}, "cue": pcue,
                 "content": {"start": inner_start, "end": inner_end, "text": w.text[inner_start:inner_end]},
                 "parent": None, "stance": "assert"})
    atts.append({"id": "a2", "source": {**src, "type": src_type, "entity_id": None}, "cue": cue,
                 "content": content, "parent": "a1", "stance": stance})
    if hostile:
        w.put(' Read more at <a href="javascript:alert(1)">javascript:alert(document.cookie)</a> '
              "and <img src=x onerror=alert(2)> <script>alert(3)</script>.")
    segs.append({"start": body_start, "end": w.n, "kind": "body"})
    w.put("\n")
    a, b = w.put(f"Photo: the scene in {pname}. ({outlet}, ref. {doc_id})")  # unique text: no re-ingest merge
    segs.append({"start": a, "end": b, "kind": "caption"})
    evs.append({"id": "v1", "type": kind, "mode": None, "trigger": trig,
                "actor": {**act, "entity_id": "e1"}, "recipient": {**rec, "entity_id": None},
                "place": 0, "time": 0, "date": day.isoformat(), "date_precision": "day",
                "sentence": {"start": sent_start, "end": sent_end}, "attribution": "a2", "negated": False,
                "quantity": quantity})
    published = (day + timedelta(days=rng.choice([0, 0, 1]))).isoformat()
    return Document.model_validate({
        "id": doc_id, "text": w.text, "title": title, "published": published, "language": "en",
        "outlet": outlet, "url": f"https://news.example/{doc_id}", "segments": segs, "entities": ents,
        "places": places, "times": times, "attributions": atts, "events": evs})


def incidents(n: int, rng: random.Random, start: date = date(2022, 9, 1), days: int = 90) -> Iterator[dict[str, Any]]:
    """Underlying incidents, each to be reported by one or more outlets."""
    for i in range(n):
        frame = rng.choice(INCIDENTS)
        src, cue = rng.choice(SOURCES), rng.choice(CUES)
        verb_phrase = {"assert": "the situation was under control", "believe": "more attacks would follow",
                       "deny": "any civilians had been harmed"}.get(cue[1], "talks would resume")
        yield {"n": i, "frame": frame, "place": rng.choice(PLACES), "day": start + timedelta(days=rng.randrange(days)),
               "figure": rng.randint(2, 40), "disputed": rng.random() < 0.3, "source": src, "cue": cue,
               "claim": f"{verb_phrase} in the area", "paper": rng.choice(["The Kyiv Independent", "Ukrainska Pravda",
                                                                           "Sudan Tribune", "Le Monde"]),
               "reports": min(1 + int(rng.expovariate(0.6)), 6)}


def build_store(db_url: str, n_docs: int, seed: int = 7, hostile_every: int = 0, progress: Any = None) -> Store:
    """A store with ``n_docs`` synthetic reports grouped into stories, fusion columns filled."""
    rng = random.Random(seed)
    store = Store(db_url)
    made = 0
    stories: list[tuple[str, list[Document], int]] = []
    for inc in incidents(n_docs, rng):
        if made >= n_docs:
            break
        outlets = rng.sample(OUTLETS, k=min(inc["reports"], n_docs - made))
        docs = []
        for outlet in outlets:
            doc_id = f"syn-{made:06d}"
            hostile = bool(hostile_every) and made % hostile_every == 0
            doc = incident_document(doc_id, rng, inc, outlet, hostile=hostile)
            store.save(doc)
            docs.append(doc)
            made += 1
            if progress:
                progress(made)
        origins = max(1, len(docs) - rng.randrange(len(docs)))
        stories.append((f"story-{inc['n']:06d}", docs, origins))
    _fuse(store, stories)
    return store


def _fuse(store: Store, stories: list[tuple[str, list[Document], int]]) -> None:
    """Fill the fusion tables and columns as the fusion step would: one story per incident (its reports,
    outlets, origins, figures, disputed when the figures differ) and one claim per quoted statement."""
    e, a = schema.events, schema.attributions
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        for sid, docs, origins in stories:
            ids = [d.id for d in docs]
            ev = [d.events[0] for d in docs]
            figures = [{"outlet": d.outlet, "document_id": d.id, "value": x.quantity.value}
                       for d, x in zip(docs, ev, strict=True) if x.quantity]
            values = {f["value"] for f in figures}
            disputed = len(values) > 1
            place = docs[0].places[0]
            conn.execute(update(e).where(e.c.document_id.in_(ids)).values(
                cluster_id=sid, cluster_size=len(ids), origins=origins, disputed=disputed))
            conn.execute(update(a).where(a.c.document_id.in_(ids), a.c.id == "a2").values(
                claim_id=f"claim-{sid}", corroboration=origins, disputed=False))
            dates = sorted(x.date for x in ev if x.date)
            conn.execute(insert(schema.stories).values(
                id=sid, type=ev[0].type, date_start=dates[0], date_end=dates[-1], place_name=place.name,
                admin1=place.admin1, country_code=place.country_code, lat=place.lat, lon=place.lon,
                actor=ev[0].actor.text if ev[0].actor else None,
                recipient=ev[0].recipient.text if ev[0].recipient else None, reports=len(ids), documents=len(ids),
                outlets=len({d.outlet for d in docs}), origins=origins,
                figure_min=min(values) if values else None, figure_max=max(values) if values else None,
                figure_unit=ev[0].quantity.unit if ev[0].quantity else None, figures=figures,
                outlet_names=sorted({d.outlet for d in docs if d.outlet}), disputed=disputed, updated_at=now))
            quote = docs[0].attributions[1]
            conn.execute(insert(schema.claims).values(
                id=f"claim-{sid}", content=quote.content.text, stance=quote.stance,
                source_text=quote.source.text if quote.source else None,
                source_type=quote.source.type if quote.source else None,
                original_sources=[{"text": quote.source.text, "type": quote.source.type}] if quote.source else [],
                outlet_names=sorted({d.outlet for d in docs if d.outlet}), reports=len(ids), documents=len(ids),
                corroboration=origins, date_start=min(d.published for d in docs),
                date_end=max(d.published for d in docs), disputed=False, updated_at=now))
