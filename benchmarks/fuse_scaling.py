#!/usr/bin/env python3
"""Fusion cost per document must not grow with the store: time ``store_and_fuse`` (store one document's layers,
then fuse it: entities, reprints, stories, claims) on a batch of new documents when the store holds 1,000
documents and again when it holds 20,000, and print the ratio (the bar is <= 1.5).

    python benchmarks/fuse_scaling.py [--small 1000] [--large 20000] [--batch 200] [--db sqlite:///x.db] [--json]

Documents come from templates written here (no spaCy: their layers are built directly), at a steady rate of
``PER_DAY`` documents a day, as a news stream is: a store of 20,000 covers more days than one of 1,000, and each
day has the same mix of events told by one to four outlets, reprints among them, claims, denials and figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.document import (
    Attribution,
    Document,
    Entity,
    EntitySpan,
    Event,
    Place,
    Quantity,
    Segment,
    Source,
    Span,
)

PER_DAY = 50
START = date(2022, 1, 1)
PLACES = [("Kharkiv", "UA", 49.99, 36.23, 706483, "Kharkiv Oblast"), ("Belgorod", "RU", 50.61, 36.58, 578072,
          "Belgorod Oblast"), ("Khartoum", "SD", 15.55, 32.53, 379252, "Khartoum"), ("Tbilisi", "GE", 41.69, 44.83,
          611717, "Tbilisi"), ("Atlanta", "US", 33.75, -84.39, 4180439, "Georgia"), ("Gaza", "PS", 31.50, 34.47,
          281133, "Gaza Strip"), ("Kabul", "AF", 34.53, 69.17, 1138958, "Kabul"), ("Bamako", "ML", 12.65, -8.0,
          2460596, "Bamako"), ("Chisinau", "MD", 47.01, 28.86, 618426, "Chisinau"), ("Taipei", "TW", 25.05, 121.53,
          1668341, "Taipei"), ("Peshawar", "PK", 34.01, 71.58, 1168197, "Khyber Pakhtunkhwa"), ("Mosul", "IQ",
          36.34, 43.13, 99072, "Nineveh")]
PEOPLE = ["Vyacheslav Gladkov", "Oleh Syniehubov", "Dmitry Peskov", "Zabihullah Mujahid", "Maia Sandu", "Josep Borrell",
          "Ana Gelashvili", "Nasser Kanaani", "Yuriy Ihnat", "Brian Kemp", "Lai Ching-te", "Assimi Goita"]
ORGS = ["the Interior Ministry", "the Defence Ministry", "the health ministry", "the regional administration",
        "the army", "the police", "the foreign ministry", "the emergency service"]
OUTLETS = ["Global Wire", "Northern Post", "Daily Courier", "Evening Herald", "Nile Wire", "Frontier Wire",
           "Caucasus Wire", "Gulf Review", "Kyiv Ledger", "Huaxia Evening News", "Indus Daily", "Horn Tribune"]
KINDS = [("ASSAULT", "shelled", "killing", "people"), ("PROTEST", "protested", "joined by", "people"),
         ("COERCE", "detained", "detaining", "people"), ("SANCTION", "sanctioned", "targeting", "companies"),
         ("REJECT", "rejected", "after", "proposals")]
OPENERS = ["{place}: {actor} {verb} the area on {day}, {qual} {n} {unit}, {src} said.",
           "{actor} {verb} targets in {place} on {day}, {qual} {n} {unit}, according to {src}.",
           "On {day}, {actor} {verb} parts of {place}, {qual} {n} {unit}, {src} told reporters."]
CLAIMS = ["{n} {unit} were affected and the {thing} near {place} was {state}",
          "the {thing} in {place} had been {state} for {n} days",
          "{n} {group} had arrived at the {thing} overnight",
          "talks on the {thing} with {group} would resume in {n} days"]
THINGS = ["bridge", "power station", "hospital", "rail depot", "water plant", "airfield", "market", "school",
          "checkpoint", "fuel depot", "grain terminal", "radio mast", "border post", "dam", "refinery", "port"]
STATES = ["damaged", "closed", "evacuated", "cut off", "reopened", "encircled", "abandoned", "repaired"]
GROUPS = ["reinforcements", "observers", "engineers", "medics", "monitors", "negotiators", "volunteers", "militias"]


def _find(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def make_document(rng: random.Random, story: dict, outlet: str, doc_id: str, published: date,
                  reprint_of: str | None) -> Document:
    """One report of ``story`` by ``outlet`` (or a lightly edited reprint of the story's wire text)."""
    place = story["place"]
    n = story["n"] + (0 if reprint_of else rng.choice((0, 0, 1, -1)))
    qual = "killing" if reprint_of else rng.choice(("killing", "leaving", "with"))
    day = story["day"].strftime("%A")
    opener = reprint_of or rng.choice(OPENERS).format(place=place[0], actor=story["actor"], verb=story["kind"][1],
                                                      day=day, qual=qual, n=n, unit=story["kind"][3],
                                                      src=story["source"])
    claim = story["claim"]
    body = f"{opener} {story['source'].capitalize()} said that {claim}. "
    if story["denial"] and not reprint_of:
        body += f"{story['denier']} denied that {claim}. "
    body += rng.choice(["Residents described a tense night.", "More details were expected later.",
                        f"It was the {rng.randint(2, 9)}th such report from {place[0]} this month.",
                        "Officials gave no further details.", "The situation remained calm in the morning."])
    text = body
    doc = Document(id=doc_id, text=text, published=published.isoformat(), outlet=outlet, language="en")
    doc.segments = [Segment(start=0, end=len(text), kind="body")]
    ps, pe = _find(text, place[0])
    doc.places = [Place(start=ps, end=pe, text=place[0], name=place[0], lat=place[2], lon=place[3],
                        country_code=place[1], feature="city", geonameid=place[4], admin1=place[5], confidence=0.9)]
    ents = []
    for name in {story["actor"], story["source"], story.get("denier") or ""} - {""}:
        if name in text and name[0].isupper():
            s, e = _find(text, name)
            label = "PERSON" if name in PEOPLE else "ORG"
            ents.append(Entity(start=s, end=e, text=name, label=label, canonical=name, entity_id=f"e{len(ents) + 1}"))
    ents.append(Entity(start=ps, end=pe, text=place[0], label="GPE", canonical=place[0], entity_id="g1"))
    doc.entities = sorted(ents, key=lambda x: x.start)
    ids = {e.text: e.entity_id for e in ents}
    cs, ce = _find(text, claim)
    ss, se = _find(text, story["source"].capitalize())
    atts = [Attribution(id="a1", source=Source(start=ss, end=se, text=text[ss:se], type="person" if story["source"]
                                               in PEOPLE else "organization", entity_id=ids.get(story["source"])),
                        cue=Span(start=se + 1, end=se + 5, text="said"), content=Span(start=cs, end=ce, text=claim))]
    if story["denial"] and story["denier"] in text:
        ds, de = _find(text, story["denier"])
        dcs = text.index(claim, de)
        atts.append(Attribution(id="a2", source=Source(start=ds, end=de, text=story["denier"], type="person",
                                                       entity_id=ids.get(story["denier"])),
                                cue=Span(start=de + 1, end=de + 7, text="denied"),
                                content=Span(start=dcs, end=dcs + len(claim), text=claim), stance="deny"))
    doc.attributions = atts
    ts, te = _find(text, story["kind"][1])
    actor = None
    if story["actor"] in text:
        a_s, a_e = _find(text, story["actor"])
        actor = EntitySpan(start=a_s, end=a_e, text=story["actor"], entity_id=ids.get(story["actor"]))
    q = f"{n} {story['kind'][3]}"
    doc.events = [Event(id="v1", type=story["kind"][0], trigger=Span(start=ts, end=te, text=story["kind"][1]),
                        actor=actor, place=0, date=story["day"].isoformat(), date_precision="day",
                        sentence={"start": 0, "end": len(opener)}, attribution="a1",
                        quantity=Quantity(value=n, unit=story["kind"][3], text=q) if q in text else None)]
    return doc


def stream(rng: random.Random):
    """Documents in publication order: each day, stories told by 1-4 outlets, ~20% of them reprints."""
    i = 0
    day = START
    while True:
        made = 0
        while made < PER_DAY:
            kind = rng.choice(KINDS)
            source = rng.choice(PEOPLE + ORGS)
            story = {"kind": kind, "place": rng.choice(PLACES), "day": day, "n": rng.randint(2, 40),
                     "actor": rng.choice(["Russian forces", "the army", "Police", "The government", *PEOPLE[:4]]),
                     "source": source, "claim": rng.choice(CLAIMS).format(
                         n=rng.randint(2, 90), unit=kind[3], place=rng.choice(PLACES)[0], thing=rng.choice(THINGS),
                         state=rng.choice(STATES), group=rng.choice(GROUPS)),
                     "denial": rng.random() < 0.15, "denier": rng.choice(PEOPLE)}
            wire = None
            for outlet in rng.sample(OUTLETS, rng.randint(1, 4)):
                i += 1
                doc = make_document(rng, story, outlet, f"gen-{i:06d}", day, wire if rng.random() < 0.3 else None)
                wire = wire or doc.text.split(". ")[0] + "."
                made += 1
                yield doc
        day += timedelta(days=1)


def timed_batch(store, docs) -> tuple[float, float]:
    """Seconds per document, wall clock and this process's CPU. The two batches run minutes apart, so on a
    shared machine the wall ratio moves with the others' load; with SQLite (in process) the CPU ratio does not."""
    from newsgraph.fuse import store_and_fuse

    t0, c0 = time.perf_counter(), time.process_time()
    for doc in docs:
        store_and_fuse(store, doc)
    return (time.perf_counter() - t0) / len(docs), (time.process_time() - c0) / len(docs)


def fill(store, gen, n: int) -> None:
    from newsgraph.fuse import store_and_fuse

    t0 = time.perf_counter()
    for k in range(n):
        store_and_fuse(store, next(gen))
        if (k + 1) % 1000 == 0:
            print(f"  filled {k + 1}/{n}: {(time.perf_counter() - t0):.1f} ms/doc over the last 1000",
                  file=sys.stderr, flush=True)
            t0 = time.perf_counter()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=20000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--db", default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from newsgraph.store.db import Store

    url = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='fuse-bench-')}/bench.db"
    store = Store(url)
    rng = random.Random(14)
    gen = stream(rng)
    fill(store, gen, args.small)
    (small, small_cpu) = timed_batch(store, [next(gen) for _ in range(args.batch)])
    fill(store, gen, args.large - args.small - args.batch)
    (large, large_cpu) = timed_batch(store, [next(gen) for _ in range(args.batch)])
    counts = store.counts()
    result = {"small_store": args.small, "large_store": args.large, "batch": args.batch,
              "ms_per_doc_small": round(small * 1000, 2), "ms_per_doc_large": round(large * 1000, 2),
              "ratio": round(large / small, 3), "cpu_ms_per_doc_small": round(small_cpu * 1000, 2),
              "cpu_ms_per_doc_large": round(large_cpu * 1000, 2), "cpu_ratio": round(large_cpu / small_cpu, 3),
              "stories": counts["stories"], "claims": counts["claims"],
              "documents": counts["documents"], "db": url.split(":")[0]}
    print(json.dumps(result) if args.json else
          f"fuse per document: {result['ms_per_doc_small']} ms at {args.small} stored, "
          f"{result['ms_per_doc_large']} ms at {args.large} stored, ratio {result['ratio']} "
          f"(CPU {result['cpu_ms_per_doc_small']} -> {result['cpu_ms_per_doc_large']} ms, ratio {result['cpu_ratio']}) "
          f"({counts['documents']} documents, {counts['stories']} stories, {counts['claims']} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
