"""Toponym resolution: pick one gazetteer candidate per mention, using the whole document as context.

Ranking is a small additive score per candidate, so every decision can be explained in a ``reason`` string:
- prior: log prominence (town population, or our curated prominence for regions), plus a bonus by feature type
  (a bare 'Georgia' in news is a country or a US state far more often than a village);
- document countries: countries named in the article, countries of unambiguous regions and big cities, and
  country demonyms ('Ukrainian') vote for candidates in those countries;
- containment: 'Kherson, Ukraine' / 'Louisville, Ky.' restrict the first name to the second's country/region;
- containment: a region candidate that holds the document's other towns gains ('Washington' among Yakima and
  Wenatchee is the state);
- proximity: candidates near the document's other resolved places gain, more the nearer (local news stays local).
Two passes: the first ranks on priors alone to find anchors, the second re-ranks with the anchors as context.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from newsgraph.geo.gazetteer import Candidate
from newsgraph.geo.picks import AnchorView, PickIndex, Without

FEATURE_BONUS = {"country": 3.0, "admin1": 1.5, "region": 1.5, "water": 1.5, "landform": 1.0, "admin2": 0.8,
                 "city": 0.0, "other": 0.0}
KIND_PENALTY = {"name": 0.0, "curated": 0.0, "alt": -0.4, "abbr": -1.0, "garble": -1.5}
NEAR_KM = 250.0
LOCAL_KM = 25.0
LOCAL_BONUS = 0.75  # a namesake in the same locality as the story's towns is almost surely the one meant
CAPITAL_BONUS = 1.0
REGION_BONUS = 0.6
SAME_PLACE_BONUS = 1.0
COUNTRY_FLOOR = 0.25  # any mention of a candidate's country counts a little ...
COUNTRY_WEIGHT = 2.25  # ... and the rest is proportional to that country's share of the document's votes
ALT_OVER_EXACT = 1.0  # extra cost of a former/foreign name when a place of that exact name is at home
CONTAINS_BONUS = 1.0  # per other town of the document inside an admin1 candidate
CONTAINS_MAX = 3.0
SENT_REGION_BONUS = 2.0  # 'a village in the Zaporizhzhia region': a region in the same sentence holds the town
SENT_COUNTRY_BONUS = 1.0  # 'Hyderabad ... in Pakistan's Sindh': the sentence's own country, mention by mention
ADMIN2_BONUS = 1.5  # a district the report names holds its villages
ABROAD_PENALTY = 1.0  # a small namesake in a country the report never names, when the report has a clear country
CLEAR_SHARE = 0.5


@dataclass(slots=True)
class Mention:
    """A recognised toponym span and what the text around it says about it."""

    start: int
    end: int
    text: str
    keys: list[str]  # folded lookup keys, most specific first
    label: str = "GPE"  # NER label or 'GAZ' for gazetteer-only matches
    prefer: str | None = None  # feature suggested by a head word ('region' -> admin1, 'River' -> water)
    qualifier: int | None = None  # index of the mention that qualifies this one ('X, Ukraine')
    candidates: tuple[Candidate, ...] = ()
    matched_key: str | None = None
    locative: bool = False  # stands where a place name is expected ('in X', 'A and X'); set by the places stage
    slot: bool = False  # a typed place slot ('the town of X') confirmed this name: its bare uses are places too
    sent: int = -1  # sentence index (set by the places stage): places in one sentence qualify each other


@dataclass(slots=True)
class Resolution:
    candidate: Candidate | None
    confidence: float
    reason: str
    scores: dict[int, float] = field(default_factory=dict)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def prior(c: Candidate, prefer: str | None) -> float:
    """Context-free plausibility: prominence, feature type, how the name matched."""
    s = math.log10(c.population + 10) + FEATURE_BONUS.get(c.feature, 0.0) + KIND_PENALTY.get(c.alias_kind, 0.0)
    if c.feature == "country" and c.alias_kind == "alt":
        s -= 4.0  # packaged alternate spellings list parts ('Wales' for the UK): the part itself should win
    if c.capital:
        s += CAPITAL_BONUS
    if prefer and (c.feature == prefer or (prefer == "admin1" and c.feature in ("admin2", "region"))):
        s += 3.0
    return s


def country_votes(mentions: list[Mention], picks: list[Candidate | None], demonym_ccs: list[str]) -> Counter:
    """Which countries the document is about: named countries, regions, big cities and demonyms vote."""
    votes: Counter = Counter()
    for pick in picks:
        if pick is None or not pick.country_code:
            continue
        if pick.feature == "country":
            votes[pick.country_code] += 1.0
        elif pick.feature in ("admin1", "admin2", "region") or pick.population >= 500_000:
            votes[pick.country_code] += 0.7
        else:
            votes[pick.country_code] += 0.3
    for cc in demonym_ccs:
        votes[cc] += 0.4
    return votes


def _qualifier_ok(c: Candidate, q: Candidate) -> bool:
    if q.feature == "country":
        return c.country_code == q.country_code
    if q.feature == "admin1":
        return c.country_code == q.country_code and (q.admin1_code is None or c.admin1_code == q.admin1_code
                                                      or c.feature != "city")
    return False


@dataclass(slots=True)
class DocContext:
    """What the rest of the document says, as seen from one mention (its own pick excluded)."""

    votes: Counter
    total_votes: float
    anchors: AnchorView  # the other mentions' picks, by latitude
    regions: Without  # (country, admin1 code) of first-level regions named in the document
    named: Without  # place ids other mentions resolved to
    towns_in: Without  # (country, admin1 code) -> other towns lying there
    hints: dict[tuple[str, str], float] = field(default_factory=dict)  # regions implied by county names
    sent_regions: set[tuple[str, str]] = field(default_factory=set)  # admin1 named in the mention's sentence
    sent_countries: set[str] = field(default_factory=set)  # countries of the sentence's other places
    admin2s: Without | set[tuple[str, str, str]] = field(default_factory=set)  # districts named in the document


def score(m: Mention, c: Candidate, ctx: DocContext, qual: Candidate | None) -> tuple[float, list[str]]:
    """Score of one candidate in context, with the reasons that moved it."""
    s = prior(c, m.prefer)
    why = [f"prior {s:.1f}"]
    if c.country_code and ctx.total_votes > 0:
        share = ctx.votes.get(c.country_code, 0.0) / ctx.total_votes
        if share > 0:  # proportional: a dateline country among many others must not pull 'Geneva' home
            s += COUNTRY_FLOOR + COUNTRY_WEIGHT * share
            why.append(f"document country {c.country_code} ({share:.0%})")
    inside = ctx.towns_in.get((c.country_code, c.admin1_code), 0) if c.feature == "admin1" else 0
    if inside and not any(o.feature == "city" and o.country_code == c.country_code and o.admin1_code == c.admin1_code
                          for o in m.candidates):
        # 'Washington' among Yakima and Wenatchee is their state; but towns in New York State cannot tell the
        # state from New York City, which lies in it too
        s += min(CONTAINS_MAX, CONTAINS_BONUS * inside)
        why.append(f"contains {inside} other place(s) of the document")
    if c.feature != "admin1" and c.country_code and c.admin1_code and (c.country_code, c.admin1_code) in ctx.regions:
        s += REGION_BONUS
        why.append(f"in {c.admin1 or 'a region'} named in the document")
    if c.alias_kind == "alt" and c.feature == "city" and any(
            o.alias_kind in ("name", "curated") and o.feature == "city" and ctx.votes.get(o.country_code, 0) > 0
            for o in m.candidates):
        s -= ALT_OVER_EXACT  # 'Franklin' in a US story is a Franklin, not a town that once bore the name
        why.append("alternate name; an exact namesake lies in a document country")
    hint = ctx.hints.get((c.country_code or "", c.admin1_code or ""), 0.0)
    if hint > 0:
        s += REGION_BONUS * hint
        why.append(f"in a region whose county the document names ({hint:.0%})")
    if c.feature != "admin1" and (c.country_code, c.admin1_code) in ctx.sent_regions:
        s += SENT_REGION_BONUS
        why.append("in a region named in the same sentence")
    elif c.country_code in ctx.sent_countries:
        s += SENT_COUNTRY_BONUS
        why.append(f"sentence country {c.country_code}")
    if c.feature != "admin2" and c.admin2_code and (c.country_code, c.admin1_code, c.admin2_code) in ctx.admin2s:
        s += ADMIN2_BONUS
        why.append("in a district named in the document")
    if abroad(c, ctx):
        s -= ABROAD_PENALTY
        why.append("small namesake in a country the report does not name")
    if c.place_id in ctx.named:
        s += SAME_PLACE_BONUS
        why.append("named again in the document")
    if qual is not None and _qualifier_ok(c, qual):
        s += 6.0
        why.append(f"inside {qual.name}")
    if ctx.anchors and c.feature not in ("country",):
        dists, n_near = ctx.anchors.near(c, NEAR_KM, haversine_km)
        bonus = proximity_bonus(dists)
        if bonus > 0:
            s += bonus
            why.append(f"near {n_near} other place(s), closest {min(dists):.0f} km")
    return s, why


def abroad(c: Candidate, ctx: DocContext) -> bool:
    """A village or district in a country the report never mentions, while the report clearly is about one."""
    if c.capital or c.population >= 1_000_000 or c.feature not in ("city", "admin2", "landform") or ctx.total_votes <= 0:
        return False
    if ctx.votes.get(c.country_code or "", 0.0) > 0:
        return False
    return max(ctx.votes.values()) / ctx.total_votes >= CLEAR_SHARE


def proximity_bonus(dists: list[float]) -> float:
    """Support from the document's other places, graded by distance rather than a yes/no radius: a namesake 20 km
    from the story's towns beats one 200 km away (two small 'Reno's in one state), and support fades smoothly to
    nothing at ``NEAR_KM`` (full support within ``LOCAL_KM``, the same locality). Several nearby places add a little more (a local cluster, not one stray mention)."""
    near = sorted(d for d in dists if d <= NEAR_KM)
    if not near:
        return 0.0
    closeness = min(1.0, math.log(NEAR_KM / max(near[0], 1.0)) / math.log(NEAR_KM / LOCAL_KM))
    return min(1.75, 0.75 + 0.25 * len(near)) * (0.75 + 0.25 * closeness) + LOCAL_BONUS * closeness


def context_for(i: int, mentions: list[Mention], picks: list[Candidate | None], votes: Counter,
                index: PickIndex | None = None) -> DocContext:
    """Mention ``i``'s view of the others; ``index`` (built once per pass) keeps this linear in the mentions."""
    own = picks[i]
    mine = votes.copy()
    if own is not None and own.country_code:
        mine[own.country_code] -= _self_vote(own)  # a name must not vote for itself
    key = mentions[i].matched_key
    index = index or PickIndex([m.matched_key for m in mentions], picks, [m.sent for m in mentions])
    regions, named, towns_in, admin2s = index.others(key)
    mates = index.mates(i, key, mentions[i].sent)
    return DocContext(votes=mine, total_votes=max(0.0, sum(mine.values())), anchors=AnchorView(index.anchors, own),
                      regions=regions, named=named, towns_in=towns_in, admin2s=admin2s,
                      sent_regions={(p.country_code, p.admin1_code) for p in mates
                                    if p.feature == "admin1" and p.admin1_code},
                      sent_countries={p.country_code for p in mates
                                      if p.country_code and p.feature in ("country", "admin1", "admin2")})


def resolve(mentions: list[Mention], demonym_ccs: list[str],
            region_hints: dict[tuple[str, str], float] | None = None) -> list[Resolution]:
    """Pick a candidate for every mention (None when the gazetteer has none). ``region_hints`` weighs first-level
    regions the text implies without naming them ('Lamar County' is in one of four states)."""
    picks = [max(m.candidates, key=lambda c: prior(c, m.prefer)) if m.candidates else None for m in mentions]
    results: list[Resolution] = []
    for _ in range(2):
        votes = country_votes(mentions, picks, demonym_ccs)
        index = PickIndex([m.matched_key for m in mentions], picks, [m.sent for m in mentions])
        results = []
        for i, m in enumerate(mentions):
            if not m.candidates:
                results.append(Resolution(None, 0.0, "not in gazetteer"))
                continue
            ctx = context_for(i, mentions, picks, votes, index)
            ctx.hints = region_hints or {}
            qual = picks[m.qualifier] if m.qualifier is not None else None
            scored = sorted(((*score(m, c, ctx, qual), c) for c in m.candidates), key=lambda t: -t[0])
            best_s, why, best = scored[0]
            second = scored[1][0] if len(scored) > 1 else best_s - 4.0
            conf = 1.0 / (1.0 + math.exp(-(best_s - second)))
            results.append(Resolution(best, round(conf, 3), "; ".join(why)))
        picks = [r.candidate for r in results]
    return keep_qualified_reading(mentions, results)


def keep_qualified_reading(mentions: list[Mention], results: list[Resolution]) -> list[Resolution]:
    """'the shooting in Parkland, Florida' ... 'the Parkland students': a name the report once qualifies keeps
    that reading in its bare re-uses (one sense per discourse), so a stray 'Washington' elsewhere cannot move them
    to a namesake in another state. Only within the qualified place's country: a re-use resolved abroad got there on
    its own sentence's evidence ('Hyderabad ... in Pakistan's Sindh') and keeps it."""
    fixed: dict[str, Candidate] = {}
    for m, r in zip(mentions, results, strict=True):
        q = results[m.qualifier].candidate if m.qualifier is not None else None
        if r.candidate is not None and q is not None and m.matched_key and _qualifier_ok(r.candidate, q):
            fixed.setdefault(m.matched_key, r.candidate)
    if not fixed:
        return results
    out = []
    for m, r in zip(mentions, results, strict=True):
        want = fixed.get(m.matched_key or "")
        c = r.candidate
        if (want is not None and c is not None and m.qualifier is None and c.place_id != want.place_id
                and c.country_code == want.country_code
                and any(o.place_id == want.place_id for o in m.candidates)):
            r = Resolution(want, r.confidence, f"{r.reason}; as where the report qualifies it ({want.name})")
        out.append(r)
    return out


def _self_vote(c: Candidate | None) -> float:
    if c is None or not c.country_code:
        return 0.0
    if c.feature == "country":
        return 1.0
    if c.feature in ("admin1", "admin2", "region") or c.population >= 500_000:
        return 0.7
    return 0.3
