"""places stage: find toponyms in body, headline and dateline text and resolve each to a gazetteer entry.

Recognition has several sources, because small NER models both miss places and mislabel them:
1. spaCy GPE/LOC/FAC entities (from the entities layer), trimmed of articles, split at commas ('Thruxton,
   Hampshire') and extended by a following head word ('the Kherson region') so the span says what kind of place
   it is;
2. ORG/PERSON/NORP entities whose whole name is a strong gazetteer entry ('EU', 'Tamil Nadu') or that end in a
   structure word ('Royal Street', 'Carnegie Library');
3. gazetteer matches on capitalised proper-noun runs NER left alone: strong names (countries, regions, waters,
   curated aliases, towns over 100k) directly; small towns (and town names NER took for a person or organisation)
   only once the article has established their area: they lie in a first-level region the article names and
   stand where a place is expected ('in X', 'A and X'), or they lie near a town or area the article names;
4. the dateline ('HELENA, Mont. (AP) -', or an opening 'Bhopal: ...'), which names where the report was filed. It
   is read from raw text (dateline segments are blanked in the parse) and only matched against the gazetteer.
Resolution (``geo.resolve``) ranks candidates using the whole document (country shares, named and implied
regions, containment, graded proximity). Names the gazetteer lacks are kept with null coordinates, except
facilities, qualified names and small natural features, which take the location of their container (a qualifier,
or the town named right after them) or of the document's focus town at low confidence (the ``reason`` says so).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document, Place
from newsgraph.errors import Warnings
from newsgraph.geo.gazetteer import Candidate, Gazetteer, fold, open_gazetteer
from newsgraph.geo.resolve import Mention, Resolution, haversine_km, resolve
from newsgraph.geo.slots import DISTRICT, REGION, SETTLEMENT, Slot, find_slots
from newsgraph.spans import DisjointSpans, IntervalIndex, RangeIndex, extractable_ranges

log = logging.getLogger("newsgraph")

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCK_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
ADMIN_HEADS = frozenset({"region", "province", "state", "oblast", "governorate", "prefecture", "territory",
                         "county", "district", "krai", "republic"})
WATER_HEADS = frozenset({"river", "sea", "lake", "ocean", "gulf", "bay", "strait", "straits", "canal"})
LAND_HEADS = frozenset({"mountains", "mountain", "mount", "peninsula", "island", "islands", "valley", "desert",
                        "delta", "coast", "basin", "plateau", "heights", "highlands"})
CONNECTORS = frozenset({"of", "de", "del", "da", "du", "la", "le", "al", "el", "upon", "on", "-", "and", "&"})
LEADING_THE = re.compile(r"^(the|The|THE)\s+")
TRAILING_POSS = re.compile(r"(['’]s|['’])$")
MAX_NGRAM = 5
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                        "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest",
                        "northeastern", "northwestern", "southeastern", "southwestern", "mid"})
SUBNAME = "\x00"  # marks a key that is only part of the name: matches strong entries only
MIN_GAZ_CITY_POP = 100_000
WEAK = "WEAK"
OPENING = "OPENING"  # 'Bhopal: ...': kept only if a strong gazetteer name (captions open the same way)
TRANSLIT_NEAR_KM = 300.0
SMALL_ALT_POP = 50_000  # another name of a big town is a nickname ('Garden City'), not how villages are respelt
SLOT = "SLOT"  # a gazetteer name in a typed place slot ('the village of X', 'X district'): kept like NER places
WEAK_MIN_POP = 1_000
WEAK_NEAR_KM = 100.0
FEATURE_OF_SUPPLEMENT = frozenset({"country", "admin1", "admin2", "region", "water", "landform", "other"})


def _open(ctx: Context) -> Gazetteer | None:
    try:
        return open_gazetteer(ctx.settings.gazetteer_path)
    except Exception as exc:  # a broken gazetteer must not stop other stages: places stay unresolved
        log.warning(Warnings.W003.fmt(detail=f"{type(exc).__name__}: {exc}"))
        return None


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    gaz = ctx.resource("gazetteer", lambda: _open(ctx))
    allowed = RangeIndex(extractable_ranges(doc))
    if gaz is None:
        doc.places = [Place(start=m.start, end=m.end, text=m.text, name=m.text) for m in ner_mentions(doc, allowed)]
        return
    mentions = recognise(doc, parsed, allowed, gaz)
    mark_sentences(mentions, parsed)
    link_qualifiers(doc.text, mentions)
    results = resolve(mentions, demonym_countries(doc, gaz), county_regions(mentions, gaz))
    for m in mentions:
        m.locative = m.label == WEAK and (m.locative or locative_slot(doc.text, m, mentions))
    mentions, results = drop_unconfirmed(mentions, results)
    results = confirm_transliterations(mentions, results)
    places = [to_place(m, r.candidate, r.confidence, r.reason) for m, r in zip(mentions, results, strict=True)]
    locate_by_context(doc.text, mentions, places)
    doc.places = places


def mark_sentences(mentions: list[Mention], parsed: Any) -> None:
    """Sentence index of each mention (mentions and sentences are both in text order: one merge pass)."""
    if parsed is None or not parsed.has_annotation("SENT_START"):
        return
    sents = [(s.start_char, s.end_char) for s in parsed.sents]
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k < len(sents) and sents[k][1] <= m.start:
            k += 1
        m.sent = k if k < len(sents) else -1


def recognise(doc: Document, parsed: Any, allowed: RangeIndex, gaz: Gazetteer) -> list[Mention]:
    """All toponym mentions, in text order, each with its gazetteer candidates attached."""
    mentions = ner_mentions(doc, allowed)
    extend_directions(doc.text, mentions, allowed, gaz)
    tentative = retype_candidates(doc, allowed, mentions)
    attach_candidates(mentions + tentative, gaz)
    for m in tentative:
        exact = bool(m.keys) and m.matched_key == m.keys[0]
        if m.label in ("ORG", "PERSON") and exact and not accept_retyped(m, doc.text, gaz) and (
                weak_name(m.text, m.candidates) or (after_preposition(doc.text, m.start)
                                                   and weak_name(m.text, m.candidates, kinds=("alt",)))):
            # 'Samos', 'Owerri': a town's name NER took for a person; kept if near other places. A town's other
            # name ('officials in Makhanda', once Grahamstown) counts only where a place is expected.
            m.label = WEAK
    mentions += [m for m in tentative if m.label in ("FAC", "GPE", WEAK) or accept_retyped(m, doc.text, gaz)]
    if parsed is not None:
        extra = gazetteer_mentions(doc, parsed, allowed, mentions, gaz)
        attach_candidates(extra, gaz)
        mentions = merge(mentions, extra)
    mentions = merge_slots(mentions, slot_mentions(doc, allowed, gaz))
    mentions = merge_slots(mentions, echoes(doc, allowed, mentions))
    datelines = dateline_mentions(doc)
    attach_candidates(datelines, gaz)
    mentions = merge(mentions, [m for m in datelines if m.candidates and (
        m.label == "DATELINE" or strong_name(m.text, m.candidates))])
    for m in mentions:
        prune_candidates(m)
    transliterations(mentions, gaz)
    demonyms_as_countries([m for m in mentions if not m.candidates], gaz)
    words = person_words(doc)
    mentions = [m for m in mentions if (m.candidates and not person_like(m, doc, words)) or plausible_unknown(m, doc)]
    actors = not_toponyms()
    return sorted((m for m in mentions if fold(m.text) not in actors), key=lambda m: m.start)


def transliterations(mentions: list[Mention], gaz: Gazetteer) -> None:
    """NER places the gazetteer does not know by any spelling ('Zaporozhe', 'Bakhmout', 'Kafranbel') try the
    transliteration-blind ``skeleton`` of their name; such matches are confirmed by context afterwards."""
    unknown = [m for m in mentions if not m.candidates and m.label in ("GPE", "LOC") and m.keys and len(m.text) >= 5
               and not any(w in FACILITY_HEADS for w in m.keys[0].split())]
    if not unknown:
        return
    found = gaz.lookup_skeletons(m.keys[0] for m in unknown)
    for m in unknown:
        cands = tuple(c for c in found.get(m.keys[0], ()) if c.feature != "country")
        if cands:
            m.candidates, m.matched_key = cands, m.keys[0]


def confirm_transliterations(mentions: list[Mention], results: list[Resolution]) -> list[Resolution]:
    """A transliteration match stands only where the report supports it: it lies in a first-level region the
    report names, or near one of its other (exactly matched) towns and regions. Otherwise the name stays,
    unresolved, as an NER place."""
    exact = [r.candidate for r in results if r.candidate is not None and r.candidate.alias_kind != "garble"]
    regions = {(c.country_code, c.admin1_code) for c in exact if c.feature == "admin1" and c.admin1_code}
    anchors = [c for c in exact if c.feature in ("city", "admin1", "admin2", "landform")]
    out = []
    for r in results:
        c = r.candidate
        if c is not None and c.alias_kind == "garble":
            if (c.country_code, c.admin1_code) in regions or any(
                    haversine_km(c.lat, c.lon, a.lat, a.lon) <= TRANSLIT_NEAR_KM for a in anchors):
                r = Resolution(c, min(r.confidence, 0.5), r.reason + f"; transliteration of {c.name}")
            else:
                r = Resolution(None, 0.0, "not in gazetteer (a transliteration match the report's places do not "
                                          "support)")
        out.append(r)
    return out


@lru_cache(maxsize=1)
def not_toponyms() -> frozenset[str]:
    """Seats of government that news uses for the government itself ('the Kremlin said'): actors, not places."""
    path = Path(str(resources.files("newsgraph.lexicons").joinpath("places_not_toponyms.tsv")))
    with path.open(encoding="utf-8") as f:
        names = [ln.split("\t")[0].strip() for ln in f if ln.strip() and not ln.startswith("#")]
    return frozenset(fold(n) for n in names[1:])


def drop_unconfirmed(mentions: list[Mention], results: list[Resolution]) -> tuple[list[Mention], list[Resolution]]:
    """Remove weak matches that did not resolve near the article's other places, keeping qualifier links valid."""
    keep = confirm_weak(mentions, [r.candidate for r in results])
    new_index = {old: new for new, old in enumerate(i for i, k in enumerate(keep) if k)}
    for m in mentions:
        m.qualifier = new_index.get(m.qualifier) if m.qualifier is not None else None
    return ([m for m, k in zip(mentions, keep, strict=True) if k],
            [r for r, k in zip(results, keep, strict=True) if k])


def to_place(m: Mention, c: Candidate | None, confidence: float, reason: str) -> Place:
    if c is None:
        return Place(start=m.start, end=m.end, text=m.text, name=m.text, confidence=0.0, reason=reason)
    return Place(start=m.start, end=m.end, text=m.text, name=c.name, lat=round(c.lat, 5), lon=round(c.lon, 5),
                 country_code=c.country_code, admin1=c.admin1, feature=c.feature if c.feature in (
                     "country", "admin1", "admin2", "city", "region", "water", "landform") else "other",
                 geonameid=c.geonameid, confidence=confidence, reason=reason)


# --- recognition -------------------------------------------------------------------------------------------

def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the', a trailing possessive and surrounding space/punctuation from a span."""
    span = text[start:end]
    m = LEADING_THE.match(span)
    if m:
        start += m.end()
    span = text[start:end]
    m = TRAILING_POSS.search(span)
    if m:
        end -= len(m.group(0))
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    return start, end


_HEAD_AFTER = re.compile(r"\s+(region|province|state|oblast|governorate|prefecture|territory|county|district|"
                         r"krai|River|river|Oblast|Province|Region|State|Governorate|County|District)\b")


def head_word(words: list[str]) -> str | None:
    """Feature suggested by the last word of a name ('Kherson region' -> admin1, 'Dnieper River' -> water)."""
    if not words:
        return None
    last, first = words[-1].lower(), words[0].lower()
    if last in ADMIN_HEADS:
        return "admin1"
    if last in WATER_HEADS or first in ("lake", "river", "gulf", "bay", "sea", "strait"):
        return "water"
    if last in LAND_HEADS or first in ("mount", "mt", "mt."):
        return "landform"
    return None


def lookup_keys(name: str) -> list[str]:
    """Folded keys to try for a name, most specific first: the name, then it without its head word."""
    key = fold(name)
    keys = [key] if key else []
    words = key.split()
    if len(words) > 1 and words[-1] in ADMIN_HEADS | WATER_HEADS | LAND_HEADS | {"city"}:
        keys.append(" ".join(words[:-1]))
    if len(words) > 2 and words[0] == "city" and words[1] == "of":
        keys.append(" ".join(words[2:]))
    if words and words[0] in ("saint", "st") and len(words) > 1:
        keys.append(" ".join(["st" if words[0] == "saint" else "saint", *words[1:]]))
    if len(words) > 1 and words[0] in ("river", "lake", "mount", "mt"):
        keys.append(" ".join(words[1:]))
    if len(words) > 1 and words[0] in DIRECTIONS:
        keys.append(" ".join(words[1:]))  # 'South Florida', 'western Ukraine': the area lies inside the name
    if any(w in FACILITY_HEADS for w in words):
        return keys  # 'Atlantic Avenue' is not the Atlantic: facilities are located by context instead
    for n in range(len(words) - 1, 0, -1):  # 'Nazi Germany', 'north west London': a known name inside
        for i in range(len(words) - n, -1, -1):  # rightmost first: English names end in their head
            sub = " ".join(words[i : i + n])
            if sub not in keys and sub not in CONNECTORS and len(sub) > 2:
                keys.append(SUBNAME + sub)
    return keys


def make_mention(text: str, start: int, end: int, label: str) -> Mention | None:
    start, end = trim_span(text, start, end)
    if end <= start or not any(w[:1].isupper() or w[:1].isdigit() for w in text[start:end].split()):
        return None  # 'east bank', 'veranda': NER tagged a common noun phrase
    m = _HEAD_AFTER.match(text, end)
    if m and label != "FAC":
        end = m.end()
    surface = text[start:end]
    return Mention(start=start, end=end, text=surface, keys=lookup_keys(surface), label=label,
                   prefer=head_word(surface.split()))


def ner_mentions(doc: Document, allowed: RangeIndex) -> list[Mention]:
    """GPE/LOC/FAC entities; 'Thruxton, Hampshire' is split into two mentions (the second qualifies the first)."""
    out = []
    for ent in doc.entities:
        if ent.label not in PLACE_LABELS or not allowed.covers(ent.start, ent.end):
            continue
        for s, e in split_commas(doc.text, ent.start, ent.end):
            m = make_mention(doc.text, s, e, ent.label)
            if m is not None:
                out.append(m)
    return out


_DIRECTION_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")


def extend_directions(text: str, mentions: list[Mention], allowed: RangeIndex, gaz: Gazetteer) -> None:
    """NER often leaves a capitalised direction outside the name ('Western [Australia]', 'South [Sudan]'): take it
    in when the longer name is itself a gazetteer name, so the state is not read as the country."""
    ext: dict[int, tuple[int, str]] = {}
    for i, m in enumerate(mentions):
        d = _DIRECTION_BEFORE.search(text, max(0, m.start - 20), m.start)
        if d and d.group(1).lower() in DIRECTIONS and allowed.covers(d.start(1), m.end):
            ext[i] = (d.start(1), text[d.start(1):m.end])
    if not ext:
        return
    found = gaz.lookup_many(fold(t) for _, t in ext.values())
    for i, (start, surface) in ext.items():
        if any(c.alias_kind in ("name", "curated") for c in found.get(fold(surface), ())):
            m = mentions[i]
            m.start, m.text, m.keys = start, surface, lookup_keys(surface)
            m.prefer = head_word(surface.split())


def split_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, s = [], start
    for i in range(start, end):
        if text[i] == ",":
            parts.append((s, i))
            s = i + 1
    parts.append((s, end))
    return [(a, b) for a, b in parts if text[a:b].strip()]


def retype_candidates(doc: Document, allowed: RangeIndex, places: list[Mention]) -> list[Mention]:
    """ORG/PERSON/NORP entities that may be places NER mislabelled ('EU', 'Tamil Nadu', 'Harare'); kept only if
    ``accept_retyped`` finds the whole name in the gazetteer as a strong place."""
    out = []
    placed = IntervalIndex((m.start, m.end) for m in places)
    for ent in doc.entities:
        if ent.label not in ("ORG", "PERSON", "NORP") or not allowed.covers(ent.start, ent.end):
            continue
        if placed.overlaps(ent.start, ent.end):
            continue
        for s, e in split_in(doc.text, ent.start, ent.end):
            words = doc.text[s:e].split()
            head = words[-1].lower() if len(words) > 1 and ent.label != "NORP" else ""
            label = "FAC" if head in STRUCTURE_HEADS else "GPE" if head in ADMIN_HEADS else ent.label
            m = make_mention(doc.text, s, e, label)
            if m is not None:
                out.append(m)
    return out


_IN = re.compile(r"\s+in\s+(?=[A-Z])")


def split_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'Hroza in Kharkiv Oblast' tagged as one ORG is two places, the second containing the first: split at 'in'
    (not at 'of', which is inside real organisation names like 'Bank of England')."""
    parts, s = [], start
    for m in _IN.finditer(text, start, end):
        parts.append((s, m.start()))
        s = m.end()
    parts.append((s, end))
    return parts


STRUCTURE_HEADS = frozenset({
    "street", "avenue", "road", "boulevard", "lane", "church", "cathedral", "chapel", "basilica", "mosque",
    "temple", "synagogue", "library", "estate", "racecourse", "stadium", "arena", "park", "square", "bridge",
    "lagoon", "point", "beach", "fields", "plantation", "inn", "mall", "airport", "station", "center", "centre",
    "hospital", "drive",
})
LOC_PREPS = frozenset({"in", "at", "from", "to", "near", "outside", "across", "into", "toward", "towards", "of",
                       "around", "throughout", "via", "within"})


def accept_retyped(m: Mention, text: str, gaz: Gazetteer) -> bool:
    if not m.candidates or m.matched_key != (m.keys[0] if m.keys else None):
        return False
    if text[max(0, m.start - 4):m.start].lower() == "the " and " " not in m.text and any(
            c.feature == "water" for c in m.candidates):
        m.prefer = "water"  # 'the Seine', 'the Indus': a bare name with the article is the river, not a town
        return True
    strong = [c for c in m.candidates if c.alias_kind in ("name", "curated")]
    if not strong:
        return False
    best = max(strong, key=lambda c: c.population + (10**9 if c.feature != "city" else 0))
    if len(m.text) < 4 and not m.text.isupper():
        return False
    if m.label == "NORP":
        return best.feature == "city" and best.population >= 100_000 and not gaz.demonyms([fold(m.text)])
    prev = text[max(0, m.start - 12):m.start].split()
    after_prep = bool(prev) and prev[-1].lower() in LOC_PREPS
    if best.feature in ("country", "admin1"):
        return True
    big = best.feature != "city" or best.population >= 1_000_000
    if m.label == "ORG":  # a small town's name after 'in' is only a WEAK match: confirmed by the document's area
        return big or best.population >= 50_000
    return big or (after_prep and best.population >= 10_000)


def acronym_like(text: str) -> bool:
    """'NATO', 'MoD', 'UConn', 'APC': short capitalised tokens that name organisations far more often than towns."""
    letters = text.replace(".", "")
    if " " in text or not letters.isalpha():
        return False
    if letters.isupper():
        return len(letters) <= 4
    return len(letters) <= 6 and sum(ch.isupper() for ch in letters[1:]) >= 1


def prune_candidates(m: Mention) -> None:
    """Acronyms may only match curated abbreviations or non-town entries listed under that exact name; a facility
    never matches a town through an alternate name ('White House' is not the village of Whitehouse)."""
    words = fold(m.text).split()
    if m.label == "FAC" and words and words[-1] in FACILITY_HEADS:
        m.candidates = tuple(c for c in m.candidates if not (c.feature == "city" and c.alias_kind == "alt"))
    if len(words) > 1 and words[-1] in STREET_HEADS:  # 'Fifth Street' is a street, not the hamlet of that name
        m.candidates = tuple(c for c in m.candidates if c.feature != "city")
    if all(w in DIRECTIONS for w in fold(m.text).split()):  # 'the North', 'North West': not the town of North
        m.candidates = tuple(c for c in m.candidates if c.feature != "city")
    if m.label != "DATELINE" and acronym_like(m.text):
        m.candidates = tuple(c for c in m.candidates if c.alias_kind in ("curated", "abbr")
                             or (c.alias_kind == "name" and c.feature != "city"))


def person_words(doc: Document) -> frozenset[str]:
    """Every word of the article's multi-word person names, folded (gathered once, not per mention)."""
    return frozenset(w for e in doc.entities if e.label == "PERSON" and " " in e.text for w in fold(e.text).split())


def person_like(m: Mention, doc: Document, words: frozenset[str] | None = None) -> bool:
    """A one-word 'place' that is also a word of a person's name in this article ('Salah', 'Tyler')."""
    if " " in m.text or not m.candidates:
        return False
    top = max(m.candidates, key=lambda c: c.population)
    if top.feature != "city" or top.population >= 100_000:
        return False
    return fold(m.text) in (person_words(doc) if words is None else words)


def _capitalised(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and (tok.pos_ == "PROPN" or t.isupper() or tok.ent_type_ in PLACE_LABELS)


def candidate_runs(parsed: Any, caps: list[bool] | None = None, lowers: list[str] | None = None
                   ) -> list[tuple[int, int]]:
    """Token index ranges of capitalised runs (connectors like 'of' allowed inside), the places NER may miss.
    ``caps`` / ``lowers`` are the tokens' ``_capitalised`` flags and lower-cased forms when the caller has them."""
    caps = caps if caps is not None else [_capitalised(t) for t in parsed]
    lowers = lowers if lowers is not None else [t.lower_ for t in parsed]
    runs = []
    i, n = 0, len(caps)
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n and (caps[j] or (lowers[j] in CONNECTORS and j + 1 < n and caps[j + 1])):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def gazetteer_mentions(doc: Document, parsed: Any, allowed: RangeIndex, existing: list[Mention],
                       gaz: Gazetteer) -> list[Mention]:
    """Strong gazetteer names in capitalised runs that neither NER places nor person/org names cover. Each token
    is read from the parse once (flags, form, offsets); the n-grams are offsets into those lists, not Spans."""
    taken = [(m.start, m.end) for m in existing]
    taken += [(e.start, e.end) for e in doc.entities if e.label in BLOCK_LABELS and e.label != "ORG"]
    org_spans = [(e.start, e.end) for e in doc.entities if e.label == "ORG"]
    taken_index, org_index, placed = IntervalIndex(taken), IntervalIndex(org_spans), DisjointSpans()
    caps, lowers, starts, ends = [], [], [], []
    for t in parsed:
        caps.append(_capitalised(t))
        lowers.append(t.lower_)
        starts.append(t.idx)
        ends.append(t.idx + len(t.text))
    grams: list[tuple[int, int, str]] = []
    for i, j in candidate_runs(parsed, caps, lowers):
        for a in range(i, j):
            for b in range(min(j, a + MAX_NGRAM), a, -1):
                if lowers[b - 1] in CONNECTORS or lowers[a] in CONNECTORS:
                    continue
                s, e = starts[a], ends[b - 1]
                if not allowed.covers(s, e) or taken_index.overlaps(s, e):
                    continue
                inner = (a > i and lowers[a - 1] not in CONNECTORS) or (
                    b < j and lowers[b] not in CONNECTORS)
                grams.append((s, e, doc.text[s:e], inner))
    if not grams:
        return []
    found = gaz.lookup_many(fold(g[2]) for g in grams)
    out: list[Mention] = []
    for s, e, t, inner in sorted(grams, key=lambda g: (-(g[1] - g[0]), g[0])):
        cands = found.get(fold(t), ())
        if not cands or placed.overlaps(s, e):
            continue
        if inner and all(c.feature == "city" for c in cands):
            continue  # 'San' in 'San Marcos', 'Washington' in 'Washington Square': part of a longer name
        if strong_name(t, cands):
            label = "GAZ"
        elif weak_name(t, cands) and not org_index.overlaps(s, e):
            label = WEAK
        else:
            continue
        m = make_mention(doc.text, s, e, label)
        if m is not None:
            out.append(m)
            placed.add(m.start, m.end)
    return out


def slot_mentions(doc: Document, allowed: RangeIndex, gaz: Gazetteer) -> list[Mention]:
    """Gazetteer names in place slots (``geo.slots``), whatever NER made of them. A typed slot ('the village of
    Hroza', 'Sangin district', 'Karachun hill') keeps only entries of the kinds its noun allows and is accepted as a
    place (label SLOT); an untyped locative slot ('near Synkivka') gives a WEAK match, kept only where the article
    has established the area (``confirm_weak``). District and region nouns are part of the name ('Kupiansk Raion');
    village, town and hill are not."""
    slots = [sl for sl in find_slots(doc.text) if allowed.covers(sl.start, sl.end)]
    if not slots:
        return []
    pairs = [(m, sl) for sl in slots if (m := slot_mention(doc.text, sl)) is not None]
    attach_candidates([m for m, _ in pairs], gaz)
    kept: list[Mention] = []
    kept_spans = DisjointSpans()  # the kept slots never overlap: an overlap test by bisection, not a scan
    for m, sl in pairs:
        if sl.features is not None:
            m.candidates = tuple(c for c in m.candidates if c.feature in sl.features)
        elif not m.candidates or m.matched_key != m.keys[0] or m.text.isupper() or len(m.text) < 4 or not any(
                (c.alias_kind in ("name", "curated") or (c.alias_kind == "alt" and len(m.text) >= 5
                                                         and c.population < SMALL_ALT_POP))
                and c.feature in ("city", "admin2", "landform") for c in m.candidates):
            continue
        if not m.candidates:
            continue
        if m.start < m.end and len(kept_spans.spans) == len(kept):
            overlap = kept_spans.overlaps(m.start, m.end)
        else:  # an empty span among them: the plain test
            overlap = any(m.start < k.end and k.start < m.end for k in kept)
        if not overlap:
            kept.append(m)
            if m.start < m.end:
                kept_spans.add(m.start, m.end)
    return kept


def slot_mention(text: str, sl: Slot) -> Mention | None:
    name = text[sl.start:sl.end]
    if fold(name) in DIRECTIONS or not fold(name):
        return None
    features = sl.features
    end = sl.end
    keys = [fold(name)]
    if sl.type_noun is not None and text[sl.end:sl.end + 1].isspace() and features in (DISTRICT, REGION):
        tail = re.compile(r"\s+" + re.escape(sl.type_noun), re.I).match(text, sl.end)  # no copy of the rest
        if tail:
            end = tail.end()
            keys = [fold(text[sl.start:end]), fold(name)]
    prefer = None
    if features is not None:
        prefer = "admin2" if features is DISTRICT else "admin1" if features is REGION else \
            "city" if features is SETTLEMENT else "landform" if "landform" in features else None
    label = WEAK if features is None else SLOT
    return Mention(start=sl.start, end=end, text=text[sl.start:end], keys=keys, label=label, prefer=prefer,
                   locative=features is None)


def echoes(doc: Document, allowed: RangeIndex, mentions: list[Mention]) -> list[Mention]:
    """Later (or earlier) bare uses of a name a slot established ('the village of Hroza ... Hroza lies in'): one
    name, one place within an article. One regex pass over the text; a use inside a longer person or organisation
    name ('Hroza Brothers') is left alone."""
    sources = {m.text: m for m in mentions if (m.label in (SLOT, WEAK) or m.slot) and m.candidates and m.matched_key
               and m.matched_key == m.keys[-1] and len(m.text) >= 4}
    if not sources:
        return []
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(sources, key=len, reverse=True)) + r")\b")
    longer = [(e.start, e.end) for e in doc.entities if e.label in PERSONISH]
    taken, longer_index = IntervalIndex((m.start, m.end) for m in mentions), IntervalIndex(longer)
    out = []
    for hit in pattern.finditer(doc.text):
        s, e = hit.span()
        if not allowed.covers(s, e) or taken.overlaps(s, e):
            continue
        if any((le - ls) > (e - s) + 1 and not _IN.search(doc.text[ls:le])
               for ls, le in (longer[k] for k in longer_index.overlapping(s, e))):
            continue
        src = sources[hit.group(1)]
        out.append(Mention(start=s, end=e, text=src.text, keys=list(src.keys), label=src.label, prefer=src.prefer,
                           candidates=src.candidates, matched_key=src.matched_key, locative=src.locative))
    return out


def merge_slots(mentions: list[Mention], slots: list[Mention]) -> list[Mention]:
    """Slot mentions join the others: they replace overlapping mentions that found nothing in the gazetteer
    ('Kozachi' for 'Kozachi Laheri') or only weak matches, and a typed slot narrows an NER place it coincides with
    ('the Kherson region' is the region, not its capital town); otherwise the existing mention wins."""
    out = list(mentions)
    index = _OverlapIndex(out)
    for sm in slots:
        over = index.overlapping(sm.start, sm.end)
        known = [m for m in over if m.candidates and m.label != WEAK]
        if sm.label == SLOT:
            for m in known:
                m.slot = True
        if (sm.label == WEAK and any(m.candidates for m in over)) or (known and (
                any(m.start < sm.start or m.end > sm.end for m in known)
                or (sm.prefer != "admin1" and all(m.start == sm.start and m.end == sm.end for m in known)))):
            continue  # an untyped slot never replaces a match; a typed one only lifts a town to its region

        for m in over:
            index.discard(out.pop(out.index(m)))  # as list.remove: the first equal mention goes
        out.append(sm)
        index.add(sm)
    return sorted(out, key=lambda m: m.start)


class _OverlapIndex:
    """The mentions of a changing list by 256-character bucket, so that 'which of them overlap this slot' looks
    at a few neighbours instead of every mention (a long document has thousands of both). Answers come in list
    order (mentions are numbered as they join; removal keeps the others' order, new ones go to the end)."""

    SIZE = 256

    def __init__(self, mentions: list[Mention]) -> None:
        self.buckets: dict[int, list[Mention]] = {}
        self.seq: dict[int, int] = {}
        self.count = 0
        for m in mentions:
            self.add(m)

    def _keys(self, start: int, end: int) -> range:
        return range(start // self.SIZE, max(start, end - 1) // self.SIZE + 1)

    def add(self, m: Mention) -> None:
        self.count += 1
        self.seq[id(m)] = self.count
        for k in self._keys(m.start, m.end):
            self.buckets.setdefault(k, []).append(m)

    def discard(self, m: Mention) -> None:
        for k in self._keys(m.start, m.end):
            self.buckets[k] = [x for x in self.buckets[k] if x is not m]
        del self.seq[id(m)]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        found = {id(m): m for k in self._keys(start, end) for m in self.buckets.get(k, ())
                 if start < m.end and m.start < end}
        return sorted(found.values(), key=lambda m: self.seq[id(m)])


def weak_name(text: str, cands: tuple[Candidate, ...], kinds: tuple[str, ...] = ("name",)) -> bool:
    """A small town's exact name: kept only if it resolves near the article's other places (``confirm_weak``)."""
    return len(text) >= 4 and not text.isupper() and any(
        c.alias_kind in kinds and c.feature == "city" and c.population >= WEAK_MIN_POP for c in cands)


def after_preposition(text: str, start: int) -> bool:
    words = text[max(0, start - 15):start].split()
    return bool(words) and words[-1].lower() in LOC_PREPS - {"of"}


def confirm_weak(mentions: list[Mention], picks: list[Candidate | None]) -> list[bool]:
    """Keep a weak gazetteer match only where the article has already established its local area: it stands where
    a place is expected ('in X', 'A and X') and lies in a first-level region the article names ('Tamil Nadu ...
    fishermen in Nagapattinam and Rameswaram'; a capitalised 'March' in an English story is not), or near a town, county or sub-national
    area the article names through NER ('Gaza ... Rafah'). The radius only stands in for containment where the
    gazetteer has no admin codes (supplement regions) or the anchor is across a border."""
    anchors = [c for m, c in zip(mentions, picks, strict=True)
               if c is not None and m.label != WEAK and c.feature in ("city", "admin2", "region")]
    regions = {(c.country_code, c.admin1_code) for m, c in zip(mentions, picks, strict=True)
               if c is not None and m.label != WEAK and c.feature == "admin1" and c.admin1_code}
    anchors.sort(key=lambda a: a.lat)  # only anchors within the radius's latitude band are measured
    lats = [a.lat for a in anchors]
    band = WEAK_NEAR_KM / 6371.0 * 57.29577951308232 + 1e-6
    keep = []
    countries = {c.country_code for m, c in zip(mentions, picks, strict=True)
                 if c is not None and m.label != WEAK and c.alias_kind != "alt"}
    for m, c in zip(mentions, picks, strict=True):
        if m.label == SLOT:  # a typed slot is a place; a part of its name that is another name of a place
            keep.append(c is not None and (  # abroad ('Guma' LGA read as Goma) needs the report's country
                c.alias_kind != "alt" or m.matched_key == m.keys[0] or c.country_code in countries))
        elif m.label != WEAK:
            keep.append(True)
        elif c is None:
            keep.append(False)
        else:
            near = anchors[bisect_left(lats, c.lat - band):bisect_right(lats, c.lat + band)]
            keep.append(((c.country_code, c.admin1_code) in regions and m.locative) or any(
                a.place_id != c.place_id and haversine_km(c.lat, c.lon, a.lat, a.lon) <= WEAK_NEAR_KM
                for a in near))
    return keep


_COORDINATED = re.compile(r"(?:,|\band|\bor)\s*$")


def locative_slot(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """Does the name stand where a place name is expected: after a locative preposition ('in', 'near'), or
    coordinated with a place mention just before it ('Nagapattinam and X')? Capitalised common words ('Star of
    Honolulu', 'on March 4') rarely do."""
    before = text[max(0, m.start - 40):m.start]
    if after_preposition(text, m.start):
        return True
    gap = _COORDINATED.search(before)
    if gap is None:
        return False
    cut = m.start - (len(before) - gap.start())
    return any(o is not m and o.label != WEAK and 0 <= cut - o.end <= 1 for o in mentions)


def strong_name(text: str, cands: tuple[Candidate, ...]) -> bool:
    """Is a capitalised string NER did not tag still surely a place name? Guards against 'March', 'Will', 'US'."""
    if len(text) < 4 and not text.isupper():
        return False
    best = cands[0]
    for c in cands:
        if c.alias_kind in ("name", "curated") and (c.feature in FEATURE_OF_SUPPLEMENT
                                                   or c.population >= MIN_GAZ_CITY_POP):
            if c.alias_kind == "curated" and len(text) <= 3 and not text.isupper():
                continue
            return True
    return best.alias_kind == "alt" and best.feature == "country"


FACILITY_HEADS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "way", "highway",
    "square", "plaza", "park", "bridge", "church", "cathedral", "chapel", "basilica", "mosque", "temple",
    "hospital", "school", "college", "university", "airport", "station", "stadium", "arena", "centre", "center",
    "hall", "castle", "palace", "museum", "library", "estate", "market", "mall", "port", "harbour", "harbor",
    "beach", "township", "village", "district", "county", "neighborhood", "neighbourhood", "quarter", "gardens",
    "inn", "hotel", "prison", "base", "camp", "farm", "plantation", "court", "house", "tower", "field", "fields",
    "canal", "creek", "point", "lagoon", "island", "valley", "hill", "hills", "parkway", "terrace", "row",
})
STREET_HEADS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive"})
PERSONISH = frozenset({"PERSON", "ORG"})


def plausible_unknown(m: Mention, doc: Document) -> bool:
    """Keep an NER place the gazetteer lacks unless it looks like a mislabelled person, org or word."""
    if m.label not in PLACE_LABELS or (not m.text[:1].isupper() and not m.text[:1].isdigit()):
        return False
    if len(m.text) <= 3 and m.text.isupper():
        return False
    words = m.text.split()
    if words and words[-1].lower().strip(".") in FACILITY_HEADS:
        return True
    key = fold(m.text)
    for e in doc.entities:
        if e.label in PERSONISH:
            ek = fold(e.text)
            if ek == key or (e.label == "PERSON" and len(words) == 1 and key in ek.split()):
                return False
    return True


def merge(a: list[Mention], b: list[Mention]) -> list[Mention]:
    """Union of two non-overlapping mention lists (the first wins overlaps)."""
    out = list(a)
    taken = IntervalIndex((o.start, o.end) for o in a)
    for m in b:
        if not taken.overlaps(m.start, m.end):
            out.append(m)
    return out


_QUALIFIER_GAP = re.compile(r"^\s*,\s*$|^\s+\(\s*$")


def link_qualifiers(text: str, mentions: list[Mention]) -> None:
    """'Kherson, Ukraine' / 'Louisville, Ky.' / 'Nelson (New Zealand)': the second names a container of the first."""
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if _QUALIFIER_GAP.match(text[a.end:b.start]) and b.start - a.end <= 3:
            a.qualifier = i + 1


def attach_candidates(mentions: list[Mention], gaz: Gazetteer) -> None:
    """Look up every key of every mention in one query; each mention takes its most specific key with hits.
    A key made by dropping a head word only accepts features that head allows ('Morris County' is not the
    town of Morris; 'River North' is not a place called North)."""
    found = gaz.lookup_many(k.lstrip(SUBNAME) for m in mentions for k in m.keys)
    for m in mentions:
        for n, k in enumerate(m.keys):
            cands = found.get(k.lstrip(SUBNAME), ())
            if n > 0 and all(w in DIRECTIONS for w in k.lstrip(SUBNAME).split()):
                continue  # 'North State Street' is not a place called North
            if k.startswith(SUBNAME):
                cands = tuple(c for c in cands if c.alias_kind != "alt" and (
                    c.feature != "city" or c.population >= 100_000))
            elif n > 0:
                allowed = fallback_features(m.keys[0], k)
                cands = tuple(c for c in cands if allowed is None or c.feature in allowed)
            if cands:
                m.candidates, m.matched_key = cands, k
                break


def fallback_features(full: str, key: str) -> frozenset[str] | None:
    """Features a shortened key may match, judged from the words that were dropped."""
    fw, kw = full.split(), key.split()
    dropped_last = fw[-1] if fw[: len(kw)] == kw else None
    dropped_first = fw[0] if fw[-len(kw):] == kw and dropped_last is None else None
    if dropped_last in WATER_HEADS or dropped_first in ("river", "lake"):
        return frozenset({"water"})
    if dropped_last == "county":
        return frozenset({"admin2", "admin1"})
    if dropped_last in ADMIN_HEADS:
        return frozenset({"admin1", "admin2", "region", "city", "country"})
    if dropped_last == "city" or (fw[:2] == ["city", "of"]):
        return frozenset({"city"})
    if dropped_last in LAND_HEADS or dropped_first in ("mount", "mt"):
        return frozenset({"region", "landform", "admin1", "admin2", "water", "country"})
    return None


def demonyms_as_countries(mentions: list[Mention], gaz: Gazetteer) -> None:
    """NER sometimes tags an adjective ('Ukrainian') as a place: it then refers to its country."""
    for m in mentions:
        ccs = gaz.demonyms([fold(m.text)])
        country = gaz.country(ccs[0]) if ccs else None
        if country is not None:
            m.candidates, m.matched_key = (country,), fold(m.text)


_COUNTY = re.compile(r"\b(County|Parish|Borough)$")


def county_regions(mentions: list[Mention], gaz: Gazetteer) -> dict[tuple[str, str], float]:
    """Which first-level regions the article's county names point at: each county name splits one vote among the
    states that have a county of that name ('Red River County': Texas alone; 'Lamar County': four states), so
    local news that never names its state still says where it is. Summed per region, capped at 1."""
    keys = [fold(m.text) for m in mentions if _COUNTY.search(m.text)]
    if not keys:
        return {}
    found = gaz.counties(keys)
    out: dict[tuple[str, str], float] = {}
    for key in dict.fromkeys(keys):
        regions = found.get(key, [])
        for r in regions:
            out[r] = min(1.0, out.get(r, 0.0) + 1.0 / len(regions))
    return out


def demonym_countries(doc: Document, gaz: Gazetteer) -> list[str]:
    """Countries named by adjectives/demonyms in the text (NORP entities), as extra document-country evidence."""
    keys = [fold(e.text) for e in doc.entities if e.label == "NORP"]
    return gaz.demonyms(keys) if keys else []


# 'HELENA, Mont. (AP) -', 'Khan Younis, January 15 (...) -', 'Hanoi (VNA) -', '(NEW YORK) —' (two words at least
# in brackets: '(AP) -' is an agency credit), 'LOS ANGELES, April 05, 2018 (...) --'.
_DATELINE = re.compile(r"\s*(?:\((?=\S+ \S[^()]*\)))?([A-Z][A-Z .'’\-]*[A-Z]|[A-Z][a-z'’\-]+(?: (?:[A-Z]|[a-z]{1,3}-[A-Z])"
                       r"[a-z'’\-]+){0,2})\)?\.?(?:\s*,\s*([A-Z][A-Za-z .'’]*[A-Za-z.]))?\s*(?:\(|[-—–,]|$)")


def dateline_mentions(doc: Document) -> list[Mention]:
    """'HELENA, Mont. (AP) -': the dateline names where the report was filed, a place like any other."""
    out = []
    for seg in doc.segments:
        if seg.kind != "dateline":
            continue
        m = _DATELINE.match(doc.text, seg.start, seg.end)
        if not m:
            continue
        for g in (1, 2):
            if m.group(g):
                s, e = m.start(g), m.end(g)
                out.append(Mention(start=s, end=e, text=doc.text[s:e], keys=lookup_keys(doc.text[s:e]),
                                   label="DATELINE"))
    if not out:
        body = next((seg for seg in doc.segments if seg.kind == "body"), None)
        m = _OPENING_PLACE.match(doc.text, body.start, body.end) if body is not None else None
        if m:  # 'Bhopal: A truck overturned ...' (South Asian papers): an opening place name before a colon
            s, e = m.span(1)
            out.append(Mention(start=s, end=e, text=doc.text[s:e], keys=lookup_keys(doc.text[s:e]),
                               label=OPENING))
    return out


_OPENING_PLACE = re.compile(r"\s*([A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+){0,2}):\s+[A-Z]")


_CONTAINER_GAP = re.compile(r"^\s*(?:,|in|at|near|outside|off|of)\s*$")


def locate_by_context(text: str, mentions: list[Mention], places: list[Place]) -> None:
    """Give unknown names a location from the text around them, at low confidence: a name qualified by a known
    container ('Portroe, Tipperary') or followed by one ('Mill Road in Cambridge') sits inside it; any other
    street, church or school sits in the document's focus town (``document_focus``). Country-level context is
    too coarse to locate anything."""
    focus = document_focus(places)
    for i, (m, p) in enumerate(zip(mentions, places, strict=True)):
        if p.lat is not None:
            continue
        q = places[m.qualifier] if m.qualifier is not None else None
        words = m.text.split()
        facility = m.label == "FAC" or bool(words and words[-1].lower().strip(".") in FACILITY_HEADS)
        after = next((places[j] for j in range(i + 1, len(places)) if mentions[j].start >= m.end), None)
        if q is not None and q.lat is not None and q.feature != "country":
            src, why = q, f"not in gazetteer; inside {q.name} (qualifier)"
        elif facility and after is not None and after.lat is not None and after.feature in (
                "city", "admin2") and _CONTAINER_GAP.match(text[m.end:after.start]):
            src, why = after, f"not in gazetteer; a facility in {after.name} (named right after it)"
        elif focus is not None and facility:
            src, why = focus, f"not in gazetteer; a facility placed in the document's focus {focus.name}"
        elif focus is not None and local_feature(words):
            src, why = focus, f"not in gazetteer; a local natural feature placed near the document's focus {focus.name}"
        else:
            continue
        places[i] = p.model_copy(update={"lat": src.lat, "lon": src.lon, "country_code": src.country_code,
                                         "admin1": src.admin1, "feature": "other", "confidence": 0.2,
                                         "reason": why})


def local_feature(words: list[str]) -> bool:
    """'Lake Chelan', 'Charles River', 'Mornington Peninsula', 'Perthshire': a lake, river, peninsula or shire the
    gazetteer lacks is a small local feature (the big ones are in the supplement), so it lies near the story."""
    if len(words) < 2 and not (words and words[0].lower().endswith("shire")):
        return False
    low = [w.lower() for w in words]
    return low[-1] in WATER_HEADS | LAND_HEADS or low[0] in ("lake", "loch", "river", "mount", "isle", "mt",
                                                             "mt.") or low[-1].endswith("shire")


def document_focus(places: list[Place]) -> Place | None:
    """Where the article is: in its most mentioned country, the first-level region holding most of its located
    places, and there the most mentioned town or county (ties: the one nearest the region's other places), else
    that region itself. Going
    through the region keeps one stray mention ('looks like Charleston') from becoming the focus of a story
    whose towns all lie in Virginia."""
    located = [p for p in places if p.lat is not None and p.country_code and p.confidence > 0.2]
    if not located:
        return None
    cc = _most_common([p.country_code or "" for p in located])
    local = [p for p in located if p.country_code == cc and p.feature in ("city", "admin2", "admin1")]
    if not local:
        regions = [p for p in located if p.country_code == cc and p.feature == "region"]
        return regions[0] if regions else None
    admin1 = _most_common([p.admin1 or "" for p in local])
    inside = [p for p in local if (p.admin1 or "") == admin1]
    towns = [p for p in inside if p.feature in ("city", "admin2")]
    if not towns:
        return inside[0]
    counts = Counter(p.name for p in towns)
    top = max(counts.values())
    # ties (every town named once) go to the town at the centre of the story's places, not to the dateline's
    spread: dict[tuple[float, float], float] = {}  # per point: its mentions repeat it (same sum, same order)

    def total_distance(p: Place) -> float:
        key = (p.lat, p.lon)
        if key not in spread:
            spread[key] = sum(haversine_km(p.lat, p.lon, o.lat, o.lon) for o in inside)
        return spread[key]

    return min((p for p in towns if counts[p.name] == top), key=total_distance)


def _most_common(keys: list[str]) -> str:
    """The most frequent key; ties go to the one mentioned first."""
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    return max(counts, key=lambda k: (counts[k], -keys.index(k)))
