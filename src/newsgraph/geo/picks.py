"""The document's current picks, indexed once per resolution pass, so one mention's context is not a scan of all.

Why: each mention is scored against what every *other* mention resolved to (its country votes, the regions and
towns named, the places nearby). Rebuilt per mention that is quadratic in the number of mentions: a 200k-character
document with two thousand place mentions spent most of its time here. The index keeps totals over all picks and
per matched name, so "the others" is the totals minus one name's share, and nearby places come from a
latitude-sorted list of distinct places (a great-circle distance is never shorter than its north-south part), each
with how many mentions picked it. The answers are exactly those of the scan.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any

EARTH_KM = 6371.0


class Without:
    """A read-only Counter view: ``total`` minus ``minus``, with the set/Counter reads the scorer uses."""

    __slots__ = ("minus", "total")

    def __init__(self, total: Counter, minus: Counter) -> None:
        self.total, self.minus = total, minus

    def get(self, key: Hashable, default: int = 0) -> int:
        n = self.total.get(key, 0) - self.minus.get(key, 0)
        return n if n > 0 else default

    def __contains__(self, key: Hashable) -> bool:
        return self.get(key) > 0


class Anchors:
    """Distinct picked places (not countries) sorted by latitude, each with its number of picking mentions."""

    def __init__(self, picks: Iterable[Any | None]) -> None:
        counts: Counter = Counter()
        first: dict[tuple, Any] = {}
        for p in picks:
            if p is not None and p.feature != "country":
                key = (p.place_id, p.lat, p.lon)
                counts[key] += 1
                first.setdefault(key, p)
        self.rows = sorted((k[1], k, first[k], n) for k, n in counts.items())
        self.lats = [r[0] for r in self.rows]
        self.size = sum(counts.values())
        self._near: dict[tuple, tuple[list[float], int]] = {}

    def near(self, c: Any, own: Any | None, radius_km: float,
             dist: Callable[[float, float, float, float], float]) -> tuple[list[float], int]:
        """Distances (at most 4 copies of each, enough for a bonus that saturates) from ``c`` to the picks within
        ``radius_km`` other than ``own`` (the mention's own pick) and other than ``c``'s own place; and how many
        such picks there are in all. Remembered per (candidate, own pick) for the pass: a long document asks the
        same of one town for each of its many mentions, and each answer reads every anchor in the band."""
        own_key = (own.place_id, own.lat, own.lon) if own is not None and own.feature != "country" else None
        key = (c.place_id, c.lat, c.lon, own_key, radius_km, dist)
        found = self._near.get(key)
        if found is None:
            found = self._near[key] = self._scan(c, own, radius_km, dist)
        return list(found[0]), found[1]

    def _scan(self, c: Any, own: Any | None, radius_km: float,
              dist: Callable[[float, float, float, float], float]) -> tuple[list[float], int]:
        band = radius_km / EARTH_KM * 57.29577951308232 + 1e-6
        lo, hi = bisect_left(self.lats, c.lat - band), bisect_right(self.lats, c.lat + band)
        dists: list[float] = []
        total = 0
        for _lat, key, a, n in self.rows[lo:hi]:
            if a.place_id == c.place_id:
                continue
            if own is not None and own.feature != "country" and key == (own.place_id, own.lat, own.lon):
                n -= 1
            if n <= 0:
                continue
            d = dist(c.lat, c.lon, a.lat, a.lon)
            if d <= radius_km:
                dists.extend([d] * min(n, 4))
                total += n
        return dists, total


class AnchorView:
    """One mention's view of the anchors: every pick but its own (what ``ctx.anchors`` used to list)."""

    __slots__ = ("anchors", "own")

    def __init__(self, anchors: Anchors, own: Any | None) -> None:
        self.anchors, self.own = anchors, own

    def __bool__(self) -> bool:
        own = 1 if self.own is not None and self.own.feature != "country" else 0
        return self.anchors.size - own > 0

    def near(self, c: Any, radius_km: float, dist: Callable[[float, float, float, float], float]
             ) -> tuple[list[float], int]:
        return self.anchors.near(c, self.own, radius_km, dist)


class PickIndex:
    """Totals over all picks and per matched name, built once per pass."""

    def __init__(self, keys: list[str], picks: list[Any | None], sents: list[int] | None = None) -> None:
        self.anchors = Anchors(picks)
        self.regions, self.named, self.towns, self.admin2s = Counter(), Counter(), Counter(), Counter()
        self.by_key: dict[str, tuple[Counter, Counter, Counter, Counter]] = {}
        self.by_sent: dict[int, list[tuple[int, str, Any]]] = {}  # sentence -> its mentions' (index, key, pick)
        for j, (key, p) in enumerate(zip(keys, picks, strict=True)):
            if p is None:
                continue
            mine = self.by_key.setdefault(key, (Counter(), Counter(), Counter(), Counter()))
            for total, part, item in self._items(p):
                total[item] += 1
                mine[part][item] += 1
            if sents is not None and sents[j] >= 0:
                self.by_sent.setdefault(sents[j], []).append((j, key, p))

    def _items(self, p: Any) -> list[tuple[Counter, int, Hashable]]:
        items: list[tuple[Counter, int, Hashable]] = [(self.named, 1, p.place_id)]
        if p.country_code and p.admin1_code:
            if p.feature == "admin1":
                items.append((self.regions, 0, (p.country_code, p.admin1_code)))
            elif p.feature == "city":
                items.append((self.towns, 2, (p.country_code, p.admin1_code)))
            elif p.feature == "admin2" and getattr(p, "admin2_code", None):
                items.append((self.admin2s, 3, (p.country_code, p.admin1_code, p.admin2_code)))
        return items

    def others(self, key: str) -> tuple[Without, Without, Without, Without]:
        """Regions, place ids, towns per region and districts picked by mentions of any name other than ``key``."""
        mine = self.by_key.get(key, (Counter(), Counter(), Counter(), Counter()))
        return (Without(self.regions, mine[0]), Without(self.named, mine[1]), Without(self.towns, mine[2]),
                Without(self.admin2s, mine[3]))

    def mates(self, i: int, key: str, sent: int) -> list[Any]:
        """The picks of mention ``i``'s sentence-mates with another name (a bounded look, not a scan of all)."""
        if sent < 0:
            return []
        return [p for j, k, p in self.by_sent.get(sent, ()) if j != i and k != key]
