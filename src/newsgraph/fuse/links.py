"""Connected components over a pairwise "same thing" test (union-find), shared by event and claim clustering.

Clusters are the components of the graph whose edges are the pairs a rule accepts, so the result does not depend
on the order documents arrive in: one sequential ingest and four concurrent ones give the same clusters.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

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
