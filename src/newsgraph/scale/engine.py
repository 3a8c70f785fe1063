"""The Dask engine: a worker plugin holding one Pipeline per worker, partitions in a bounded window, order kept.

Why futures over a bag: a stream of unknown length (a directory, a feed, a firehose) must not be materialised to
be partitioned, and the store needs results in input order as they come; a window of ``2 x workers`` submitted
partitions keeps every worker busy while memory stays bounded on client and workers alike.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from distributed import Client, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from newsgraph.config import Settings
from newsgraph.errors import EngineError, Errors
from newsgraph.pipeline import Item, Pipeline, Result

PLUGIN_NAME = "newsgraph-pipeline"
CONNECT_TIMEOUT_S = 20


class PipelinePlugin(WorkerPlugin):
    """Gives each worker one Pipeline, with the model loaded at worker start, not per partition."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        pipe = Pipeline(self.settings)
        _ = pipe.nlp
        worker._newsgraph_pipeline = pipe


def process_partition(batch: list[Item], settings: Settings) -> list[Result]:
    """Run one partition on this worker's pipeline (built here if the plugin did not run, e.g. a worker that
    joined late)."""
    worker = get_worker()
    pipe = getattr(worker, "_newsgraph_pipeline", None)
    if pipe is None:
        pipe = worker._newsgraph_pipeline = Pipeline(settings)
    return list(pipe.run(batch))


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client on ``scheduler``, or on a LocalCluster of ``workers`` processes (127.0.0.1 only) closed on exit."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise EngineError(Errors.E044.fmt(detail=f"{scheduler}: {exc}")) from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, memory_limit=0, silence_logs=logging.ERROR)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def register(client: Any, settings: Settings) -> None:
    plugin = PipelinePlugin(settings)
    if hasattr(client, "register_plugin"):
        client.register_plugin(plugin, name=PLUGIN_NAME)
    else:  # older distributed
        client.register_worker_plugin(plugin, name=PLUGIN_NAME)


def run_dask(items: Iterable[Item], settings: Settings, scheduler: str | None = None,
             client: Any | None = None) -> Iterator[Result]:
    """Like ``Pipeline.run`` on a Dask cluster: results in input order, a bounded window of partitions. Pass a
    ``client`` to reuse a cluster across runs (benchmarks); otherwise one is opened and closed here."""
    if client is not None:
        yield from _stream(client, items, settings, max(1, settings.processes))
        return
    workers = max(1, settings.processes if settings.processes > 1 else 2)
    with connect(scheduler, workers) as own:
        register(own, settings)
        yield from _stream(own, items, settings, workers)


def _stream(client: Any, items: Iterable[Item], settings: Settings, workers: int) -> Iterator[Result]:
    n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    window = 2 * n_workers
    it = iter(items)
    pending: deque[Any] = deque()
    try:
        while True:
            while len(pending) < window and (batch := list(islice(it, settings.batch_size))):
                pending.append(client.submit(process_partition, batch, settings, pure=False))
            if not pending:
                return
            future = pending.popleft()
            yield from future.result()
            future.release()
    finally:
        for future in pending:
            future.cancel()
