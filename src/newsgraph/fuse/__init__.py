"""Fusion across documents: canonical entities, reprints, event clusters (stories), claim clusters, origins,
corroboration and disputes, computed from the stored layers and written to the store's cluster tables.

The stages stay pure and never touch this package; ``jobs.ingest`` calls ``store_and_fuse`` for each document
(its layers and its clusters in one write transaction, so a kill loses at most the document in flight), and
``newsgraph fuse`` calls ``fuse_pending`` (documents never fused, e.g. from a migrated 0.1.0 store) or
``rebuild`` (recompute everything from the layers). One module per concern: ``entities``, ``reprints``,
``events``, ``claims``, ``corroboration``; ``run`` orders them. Rules and thresholds: docs/fusion.md.
"""

from newsgraph.fuse.run import FuseStats, fuse_document, fuse_pending, rebuild, store_and_fuse

__all__ = ["FuseStats", "fuse_document", "fuse_pending", "rebuild", "store_and_fuse"]
