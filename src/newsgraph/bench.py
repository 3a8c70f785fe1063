"""Benchmark: the pipeline against bare ``nlp.pipe`` on the same texts, in one run, as ratios.

Absolute timings depend on the machine; the ratio (pipeline time / bare parse time) is what regressions move.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import psutil

from newsgraph.config import Settings
from newsgraph.ingest.base import RawDoc
from newsgraph.pipeline import Pipeline


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (VmHWM on Linux)."""
    mem = psutil.Process().memory_info()
    return round(getattr(mem, "peak_wset", 0) or _linux_hwm_mb() or mem.rss / 2**20, 1)


def _linux_hwm_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_bench(docs: Sequence[RawDoc], settings: Settings | None = None, repeat: int = 3) -> dict[str, Any]:
    """Time bare parsing and the full pipeline on ``docs``, interleaved ``repeat`` times, keeping the fastest
    round of each, so that a busy machine or a cold cache does not decide the ratio. Model load is excluded."""
    pipe = Pipeline(settings or Settings())
    nlp = pipe.nlp
    texts = [d.text for d in docs]
    list(nlp.pipe(texts[:2]))
    pipe.process(docs[0])  # warm the lazily opened resources (gazetteer, lexicons)
    bare_rounds, full_rounds, stage_rounds = [], [], []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=pipe.settings.batch_size))
        bare_rounds.append(time.perf_counter() - t0)
        pipe.ctx.timings.clear()
        t0 = time.perf_counter()
        n = sum(1 for _ in pipe.run(docs))
        full_rounds.append(time.perf_counter() - t0)
        stage_rounds.append(dict(pipe.ctx.timings))
    bare, full = min(bare_rounds), min(full_rounds)
    stages = {k: round(v, 4) for k, v in stage_rounds[full_rounds.index(full)].items()}
    parse = stages.get("parse", 0.0) or 1e-9
    return {
        "documents": n,
        "words": sum(len(t.split()) for t in texts),
        "rounds": len(full_rounds),
        "bare_parse_s": round(bare, 4),
        "pipeline_s": round(full, 4),
        "ratio": round(full / bare, 3) if bare else None,
        "articles_per_s": round(n / full, 2) if full else None,
        "peak_rss_mb": peak_rss_mb(),
        "stage_s": stages,
        "stage_share_of_parse": {k: round(v / parse, 3) for k, v in stages.items() if k != "parse"},
    }


def _children_peak_rss_mb() -> float:
    """Largest peak RSS of any finished child process (the worker processes of the runs timed here)."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def run_throughput(docs: Sequence[RawDoc], settings: Settings, processes: int = 2, repeat: int = 2,
                   db_dir: str | None = None) -> dict[str, Any]:
    """Articles per second with ``processes`` processes for bare ``nlp.pipe(n_process=...)``, for the pipeline
    (extraction only) and end to end into a fresh SQLite store, interleaved ``repeat`` times, fastest round kept.
    The model is loaded before the workers fork, so no variant pays for loading it."""
    import tempfile
    from pathlib import Path

    from newsgraph import jobs
    from newsgraph.nlp import load_model
    from newsgraph.parallel import run_processes, task_size

    settings = Settings(**{**{f: getattr(settings, f) for f in settings.__slots__}, "processes": processes})
    nlp = load_model(settings.spacy_model)
    texts = [d.text for d in docs]
    Pipeline(settings).process(docs[0])
    rounds: dict[str, list[float]] = {"bare": [], "extract": [], "e2e": []}
    with tempfile.TemporaryDirectory(dir=db_dir) as tmp:
        for r in range(max(1, repeat)):
            t0 = time.perf_counter()
            list(nlp.pipe(texts, batch_size=task_size(settings), n_process=processes))  # same split as the workers
            rounds["bare"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            n = sum(1 for _ in run_processes(iter(docs), settings, processes))
            rounds["extract"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            out = jobs.ingest(list(docs), f"sqlite:///{Path(tmp) / f'bench{r}.db'}", settings, skip_stored=False)
            rounds["e2e"].append(time.perf_counter() - t0)
            assert out.ok == n
    best = {k: min(v) for k, v in rounds.items()}
    return {
        "documents": len(docs), "words": sum(len(t.split()) for t in texts), "processes": processes,
        "rounds": len(rounds["bare"]),
        "bare_parse_s": round(best["bare"], 3), "pipeline_s": round(best["extract"], 3),
        "e2e_sqlite_s": round(best["e2e"], 3),
        "ratio": round(best["extract"] / best["bare"], 3), "e2e_ratio": round(best["e2e"] / best["bare"], 3),
        "bare_articles_per_s": round(len(docs) / best["bare"], 2),
        "articles_per_s": round(len(docs) / best["extract"], 2),
        "e2e_articles_per_s": round(len(docs) / best["e2e"], 2),
        "peak_rss_mb_per_worker": _children_peak_rss_mb(),
    }
