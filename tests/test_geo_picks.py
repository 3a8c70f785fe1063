"""The per-pass pick index answers exactly what a scan of every other mention's pick answers."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

from newsgraph.geo.gazetteer import Candidate
from newsgraph.geo.picks import AnchorView, PickIndex
from newsgraph.geo.resolve import NEAR_KM, haversine_km

FEATURES = ["city", "city", "admin1", "admin2", "country"]


def _cand(rng: random.Random, pid: int) -> Candidate:
    lat, lon = rng.uniform(-70, 70), rng.uniform(-180, 180)
    return Candidate(pid, pid, f"p{pid}", lat, lon, rng.choice(["UA", "SY", "ML", None]), rng.choice(["01", "02", None]),
                     None, FEATURES[pid % len(FEATURES)], 1000, False, "name")


def _scan(i, keys, picks, c):
    """The old all-pairs answer for mention ``i`` and candidate ``c``."""
    others = [p for j, p in enumerate(picks) if j != i and p is not None and keys[j] != keys[i]]
    anchors = [p for j, p in enumerate(picks) if j != i and p is not None]
    dists = [haversine_km(c.lat, c.lon, a.lat, a.lon) for a in anchors
             if a.place_id != c.place_id and a.feature != "country"]
    near = [d for d in dists if d <= NEAR_KM]
    regions = {(p.country_code, p.admin1_code) for p in others if p.feature == "admin1" and p.country_code and p.admin1_code}
    towns = Counter((p.country_code, p.admin1_code) for p in others if p.feature == "city" and p.country_code and p.admin1_code)
    return sorted(near), len(near), regions, {p.place_id for p in others}, towns, bool(anchors)


def test_index_matches_the_scan() -> None:
    rng = random.Random(7)
    # clustered places (so many are within NEAR_KM of each other) with repeated names
    pool = [_cand(rng, k) for k in range(30)]
    for k in range(10, len(pool)):
        base = pool[k % 10]
        pool[k] = replace(pool[k], lat=base.lat + rng.uniform(-1.5, 1.5), lon=base.lon + rng.uniform(-1.5, 1.5))
    picks = [rng.choice([*pool, None]) for _ in range(120)]
    keys = [f"k{p.place_id % 12}" if p else "none" for p in picks]
    index = PickIndex(keys, picks)
    for i in range(len(picks)):
        regions, named, towns, _admin2s = index.others(keys[i])
        view = AnchorView(index.anchors, picks[i])
        for c in rng.sample(pool, 6):
            near, n, want_regions, want_named, want_towns, has = _scan(i, keys, picks, c)
            dists, total = view.near(c, NEAR_KM, haversine_km)
            assert total == n and (min(dists) if dists else None) == (near[0] if near else None)
            assert min(len(dists), 4) == min(n, 4)
            assert bool(view) == has
            for p in pool:
                key = (p.country_code, p.admin1_code)
                assert (key in regions) == (key in want_regions)
                assert (p.place_id in named) == (p.place_id in want_named)
                assert towns.get(key, 0) == want_towns.get(key, 0)
