"""Connected components over a pairwise "same thing" test (union-find), shared by event and claim clustering.

Clusters are the components of the graph whose edges are the pairs a rule accepts, so the result does not depend
on the order documents arrive in: one sequential ingest and four concurrent ones give the same clusters.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def add(self, x: Hashable) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: Hashable) -> Hashable:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=repr)] = min(ra, rb, key=repr)

    def groups(self) -> list[list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return [sorted(g, key=repr) for g in out.values()]


def components(items: dict[K, object], same: Callable[[object, object], bool],
               pairs: Iterable[tuple[K, K]] | None = None) -> list[list[K]]:
    """Components of ``items`` linked by ``same``; over ``pairs`` when given (blocked candidates), else all pairs
    (only ever called on one cluster's members or one document's reports, which are small)."""
    uf = UnionFind()
    keys = list(items)
    for k in keys:
        uf.add(k)
    if pairs is None:
        pairs = ((keys[i], keys[j]) for i in range(len(keys)) for j in range(i + 1, len(keys)))
    for a, b in pairs:
        if a in items and b in items and same(items[a], items[b]):
            uf.union(a, b)
    return uf.groups()  # type: ignore[return-value]


class Joiner:
    """The union-find of one document's fusion step, shared by stories and claims: the document's reports
    (linked among themselves by ``same``), the stored reports they match, and every stored cluster one of those
    belongs to, whole (``join_whole``: a cluster one of our reports joins brings all its members). Reports have
    ``key`` and ``row``; ``column`` is the row's cluster id column."""

    def __init__(self, mine: list[Any], same: Callable[[Any, Any], bool], column: str) -> None:
        self.uf = UnionFind()
        self.reports: dict[Hashable, Any] = {r.key: r for r in mine}
        self.column = column
        self.touched: set[str] = set()
        for r in mine:
            self.uf.add(r.key)
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                if same(a, b):
                    self.uf.union(a.key, b.key)

    def link(self, rep: Any, other: Any) -> None:
        """``other`` (stored) is the same thing as ``rep`` (ours)."""
        self.reports.setdefault(other.key, other)
        self.uf.union(rep.key, other.key)
        if other.row.get(self.column):
            self.touched.add(other.row[self.column])

    def join_whole(self, members: list[Any]) -> None:
        """``members``: every stored report of the touched clusters; each cluster's members join as one."""
        first: dict[str, Hashable] = {}
        for other in members:
            cid = other.row[self.column]
            self.reports.setdefault(other.key, other)
            if cid in first:
                self.uf.union(other.key, first[cid])
            else:
                first[cid] = other.key

    def groups(self) -> list[list[Any]]:
        return [[self.reports[k] for k in g] for g in self.uf.groups()]
