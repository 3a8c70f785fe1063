#!/usr/bin/env python3
"""Evaluation gate: run the four dev sets through `newsgraph extract` and their scorers, compare with floors.

    python eval/run_eval.py [--shared ../shared] [--areas geo,time] [--update]

Each area's headline figure (the scorer's last line) is compared with `eval/floors.json`; a drop below a floor
fails (exit 1). The floors file records a digest of each dev file, so a changed corpus is reported rather than
silently moving scores. `--update` raises floors to the measured values (it never lowers one). When the shared
eval folder is absent (a checkout without it), the gate says so and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "eval" / "floors.json"
SEED_AREA = "seed"
METRIC = re.compile(r"([A-Za-z0-9()\-]+)=([0-9.]+)")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def run_area(area: str, shared: Path, out_dir: Path) -> tuple[dict[str, float], str]:
    """Extract and score one area; returns the metrics of the scorer's last line and that line."""
    if area == SEED_AREA:
        src = shared / "examples" / "seed-article.txt"
        jsonl = out_dir / "seed-in.jsonl"
        jsonl.write_text(json.dumps({"id": "seed-kherson", "text": src.read_text(encoding="utf-8"),
                                     "published": "2022-09-24"}) + "\n", encoding="utf-8")
        scorer = [sys.executable, str(shared / "examples" / "check_seed.py")]
    else:
        jsonl = shared / "eval" / area / "dev.jsonl"
        scorer = [sys.executable, str(shared / "eval" / area / "score.py"), str(jsonl)]
    out = out_dir / f"{area}.jsonl"
    newsgraph = Path(sys.executable).with_name("newsgraph")
    subprocess.run([str(newsgraph), "extract", str(jsonl), "-o", str(out)], check=False)
    proc = subprocess.run([*scorer, str(out)], capture_output=True, text=True, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if not lines:
        raise SystemExit(f"{area}: scorer printed nothing: {proc.stderr[-500:]}")
    last = lines[-1]
    if area == SEED_AREA:
        m = re.search(r"(\d+)/(\d+)", last)
        metrics = {"facts": float(m.group(1))} if m else {}
    else:
        metrics = {k: float(v) for k, v in METRIC.findall(last.split(":", 1)[1])}
    (out_dir / f"{area}.score.txt").write_text(proc.stdout, encoding="utf-8")
    return metrics, last


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--areas", default="geo,time,attrib,events,seed")
    ap.add_argument("--update", action="store_true", help="raise floors to measured values (never lowers)")
    ap.add_argument("--out", type=Path, default=None, help="keep outputs and score tables here")
    args = ap.parse_args()
    if not (args.shared / "eval").is_dir():
        print(f"eval: {args.shared / 'eval'} not found; skipping the quality gate")
        return 0
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="newsgraph-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = []
    for area in args.areas.split(","):
        t0 = time.perf_counter()
        metrics, line = run_area(area, args.shared, out_dir)
        print(f"{line}   ({time.perf_counter() - t0:.0f}s)")
        entry = floors.setdefault(area, {"floors": {}})
        dev = args.shared / "eval" / area / "dev.jsonl"
        if dev.exists():
            if entry.get("digest") and entry["digest"] != digest(dev):
                print(f"  note: {area} dev set changed (digest {digest(dev)} != {entry['digest']})")
            entry["digest"] = digest(dev)
        for name, floor in entry["floors"].items():
            got = metrics.get(name)
            if got is None or got + 1e-9 < floor:
                failed.append(f"{area} {name}={got} below floor {floor}")
        if args.update:
            for name, value in metrics.items():
                if name in entry["floors"] and value > entry["floors"][name]:
                    entry["floors"][name] = value
    if args.update:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
    for f in failed:
        print(f"FAIL {f}")
    print(f"eval: {len(failed)} floors broken; outputs in {out_dir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
