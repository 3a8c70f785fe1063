#!/usr/bin/env python3
"""Cost against document length: seconds and peak RSS for one generated article of 50k, 200k, 800k and 3.2M
characters, each in a fresh process (so peak RSS is that document's), all stages on.

    python benchmarks/length.py [--sizes 50000,200000,800000,3200000] [--rounds 2] [--json]

Rounds are interleaved (every size once per round) and the fastest round of each size is kept, so a busy machine
moves all sizes alike; the figure the bar is stated in is the ratio of seconds per character between the largest
and the smallest size (linear cost = 1.0). Model load is excluded (timed from after a warm-up document).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, sys, time
from newsgraph.bench import peak_rss_mb
from newsgraph.ingest.base import RawDoc
from newsgraph.pipeline import Pipeline
from newsgraph.synth import synthetic_article
n = int(sys.argv[1])
pipe = Pipeline()
pipe.process(RawDoc(id="warm", text=synthetic_article(3000, 99), source="warm"))
pipe.ctx.timings.clear()
text = synthetic_article(n, seed=n)
t0 = time.perf_counter()
doc = pipe.process(RawDoc(id="long", text=text, source="long"))
dt = time.perf_counter() - t0
print(json.dumps({"chars": len(text), "seconds": round(dt, 2), "peak_rss_mb": peak_rss_mb(),
                  "stage_s": {k: round(v, 2) for k, v in pipe.ctx.timings.items()},
                  "places": len(doc.places), "attributions": len(doc.attributions), "events": len(doc.events)}))
"""


def run_one(n: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(n)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50000,200000,800000,3200000")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    best: dict[int, dict] = {}
    for r in range(args.rounds):
        for n in sizes:
            res = run_one(n)
            print(f"round {r + 1}: {res['chars']:>9,} chars {res['seconds']:8.2f} s  peak RSS {res['peak_rss_mb']:6.0f} MB",
                  file=sys.stderr, flush=True)
            if n not in best or res["seconds"] < best[n]["seconds"]:
                best[n] = res
    lo, hi = best[sizes[0]], best[sizes[-1]]
    ratio = (hi["seconds"] / hi["chars"]) / (lo["seconds"] / lo["chars"])
    summary = {"sizes": [best[n] for n in sizes], "per_char_ratio_largest_vs_smallest": round(ratio, 3),
               "peak_rss_mb_largest": hi["peak_rss_mb"]}
    if args.json:
        print(json.dumps(summary))
        return 0
    for res in summary["sizes"]:
        print(f"{res['chars']:>9,} chars  {res['seconds']:8.2f} s  {res['seconds'] / res['chars'] * 1e6:7.2f} us/char  "
              f"peak RSS {res['peak_rss_mb']:6.0f} MB  stages {res['stage_s']}")
    print(f"seconds per character, largest / smallest: {ratio:.2f} (bar <= 1.5); peak RSS at the largest: "
          f"{hi['peak_rss_mb']:.0f} MB (bar <= 1536)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
