#!/usr/bin/env python3
"""Dask LocalCluster against the local process engine: same documents, same worker count, interleaved rounds.

    python benchmarks/dask_vs_local.py [--docs 40] [--workers 2] [--rounds 3] [--json]

Cluster start-up and model loading are excluded from both (each engine is warmed first: the process pool's workers
fork from a parent with the model loaded; the Dask workers load it once through the worker plugin); the figure the
bar is stated in is Dask's throughput as a share of the local engine's (bar >= 85%), and outputs must be identical.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from newsgraph.config import Settings
from newsgraph.ingest.base import RawDoc
from newsgraph.nlp import load_model
from newsgraph.parallel import run_processes
from newsgraph.scale.engine import connect, register, run_dask
from newsgraph.synth import synthetic_batch


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs = [RawDoc(id=f"g{i}", text=t, source="generated") for i, t in enumerate(synthetic_batch(args.docs))]
    settings = Settings(processes=args.workers)
    load_model(settings.spacy_model)
    local_s, dask_s, same = [], [], True
    with connect(None, args.workers) as client:
        register(client, settings)
        list(run_dask(docs[:4], settings, client=client))  # warm every worker's pipeline
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            local = [d.to_json() for d in run_processes(iter(docs), settings, args.workers)]
            local_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            dask = [d.to_json() for d in run_dask(docs, settings, client=client)]
            dask_s.append(time.perf_counter() - t0)
            same &= dask == local
    res = {"documents": len(docs), "workers": args.workers, "rounds": args.rounds,
           "local_articles_per_s": round(len(docs) / min(local_s), 2),
           "dask_articles_per_s": round(len(docs) / min(dask_s), 2),
           "dask_share_of_local": round(min(local_s) / min(dask_s), 3), "identical_output": same}
    if args.json:
        print(json.dumps(res))
    else:
        print(f"local {res['local_articles_per_s']} articles/s, dask {res['dask_articles_per_s']} articles/s: "
              f"dask = {res['dask_share_of_local']:.0%} of local (bar >= 85%), identical output: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
