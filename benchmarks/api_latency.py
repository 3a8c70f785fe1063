"""API latency: p50/p95/p99 of ``GET /api/events`` with filters, 20 concurrent clients, 10,000-document store.

    .venv/bin/python benchmarks/api_latency.py [--docs 10000] [--clients 20] [--requests 1500]

The store is synthetic (built once under out/bench/), the server is ``newsgraph serve`` in its own process on
127.0.0.1, and the clients are threads each holding one keep-alive connection and cycling through a fixed mix
of filter combinations (type, country, dates, actor, near, min_origins, disputed, source_type, paging).
Bar (issue 9): p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time

import httpx
from _store import ServeProcess, synthetic_store  # type: ignore[import-not-found]

QUERIES = [
    {"type": "ASSAULT", "country": "UA", "since": "2022-09-01", "limit": 50},
    {"type": "PROTEST", "limit": 50},
    {"country": "SD", "since": "2022-10-01", "until": "2022-10-31", "limit": 50},
    {"actor": "army", "limit": 50},
    {"near": "49.99,36.23", "km": 100, "limit": 50},
    {"min_origins": 3, "type": "ASSAULT", "limit": 50},
    {"disputed": "true", "limit": 50},
    {"source_type": "anonymous", "country": "UA", "limit": 50},
    {"since": "2022-11-01", "limit": 50, "offset": 100},
    {"outlet": "Reuters", "type": "AID", "limit": 50},
]


def run(base: str, clients: int, total: int) -> list[float]:
    """Latencies in ms of ``total`` requests spread over ``clients`` concurrent threads."""
    lat: list[float] = []
    lock = threading.Lock()
    per = total // clients
    errors: list[str] = []

    def worker(k: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            mine = []
            for i in range(per):
                q = QUERIES[(k + i) % len(QUERIES)]
                t = time.perf_counter()
                r = c.get("/api/events", params=q)
                mine.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {q}")
            with lock:
                lat.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return lat


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=1500)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    url = synthetic_store(args.docs)
    with ServeProcess(url) as base:
        totals = {json.dumps(q): httpx.get(f"{base}/api/events", params=q).json()["total"] for q in QUERIES}
        run(base, args.clients, args.clients * 5)  # warm-up: connections, SQLite page cache
        t0 = time.perf_counter()
        lat = run(base, args.clients, args.requests)
        wall = time.perf_counter() - t0
    out = {"documents": args.docs, "clients": args.clients, "requests": len(lat), "p50_ms": round(pct(lat, 50), 1),
           "p95_ms": round(pct(lat, 95), 1), "p99_ms": round(pct(lat, 99), 1),
           "mean_ms": round(statistics.fmean(lat), 1), "throughput_rps": round(len(lat) / wall, 1),
           "bar_p95_ms": 100, "pass": pct(lat, 95) <= 100, "matches_per_query": list(totals.values())}
    if args.json:
        print(json.dumps(out))
        return
    print(f"{out['requests']} requests of /api/events with filters, {args.clients} concurrent clients, "
          f"{args.docs} documents")
    print(f"p50 {out['p50_ms']} ms  p95 {out['p95_ms']} ms  p99 {out['p99_ms']} ms  mean {out['mean_ms']} ms  "
          f"{out['throughput_rps']} req/s  (bar p95 <= 100 ms: {'PASS' if out['pass'] else 'FAIL'})")
    print(f"matching rows per query: {out['matches_per_query']}")


if __name__ == "__main__":
    main()
