"""Benchmark the GeoNames dump import on a generated dump: build time, file size, peak RSS, lookup ms per article.

    python benchmarks/gazetteer_import.py [--rows 1000000] [--base GAZETTEER] [--articles DEV.jsonl] [--keep DIR]

Writes a synthetic dump in the GeoNames formats (allCountries.txt with ``--rows`` rows, alternateNamesV2.txt with
about two names per row plus link/postcode rows to skip, admin2Codes.txt), imports it onto a copy of the bundled
gazetteer (``--base``, default: the settings' path, built if missing) in a child process so its peak RSS is the
import's own, then times the lookups the places stage makes for each article (every capitalised 1-3-word run,
uncached) on the bundled and the imported file. Names are random syllables, so the figures are about size and
speed, not accuracy.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = ["ka", "ro", "vi", "ne", "sh", "lo", "ma", "dan", "ter", "bul", "gor", "zu", "ya", "khi", "pol", "sen",
             "ar", "ul", "mir", "tov", "ba", "ze", "ni", "ko"]
CODES = [("P", "PPL")] * 14 + [("A", "ADM2"), ("A", "ADM3"), ("T", "HLL"), ("T", "MT"), ("H", "STM"), ("S", "HTL"),
                                ("S", "CMP"), ("L", "AREA")]
COUNTRIES = ["UA", "SY", "NG", "ML", "AF", "CO", "MM", "SO", "CD", "IQ", "YE", "SD", "ET", "MZ", "BF", "PK"]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def write_dump(out: Path, rows: int, seed: int = 12) -> Path:
    """A dump of ``rows`` places in the GeoNames formats (deterministic for a seed)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    alt_id = 1
    with (out / "allCountries.txt").open("w", encoding="utf-8") as main, \
            (out / "alternateNamesV2.txt").open("w", encoding="utf-8") as alts:
        for i in range(rows):
            gid = 50_000_000 + i
            fclass, fcode = rng.choice(CODES)
            cc = rng.choice(COUNTRIES)
            a1, a2 = f"{rng.randint(1, 25):02d}", str(rng.randint(1000, 1099))
            nm = name(rng)
            inline = ",".join(name(rng) for _ in range(rng.randint(0, 2)))
            main.write(f"{gid}\t{nm}\t{nm}\t{inline}\t{rng.uniform(-40, 60):.5f}\t{rng.uniform(-80, 120):.5f}\t"
                       f"{fclass}\t{fcode}\t{cc}\t\t{a1}\t{a2}\t\t\t{rng.choice([0, 0, 0, 120, 800, 5000])}\t\t150\t"
                       f"UTC\t2024-01-01\n")
            for lang, alt in (("en", name(rng)), ("ru", name(rng)), ("link", f"https://example.org/{nm}")):
                alts.write(f"{alt_id}\t{gid}\t{lang}\t{alt}\t\t\t\t\t\t\n")
                alt_id += 1
    with (out / "admin2Codes.txt").open("w", encoding="utf-8") as adm2:
        for cc in COUNTRIES:
            for a1 in range(1, 26):
                for a2 in range(1000, 1100):
                    adm2.write(f"{cc}.{a1:02d}.{a2}\tDistrict {a2}\tDistrict {a2}\t0\n")
    return out


def import_child(db: str, dump: str) -> None:
    """Run in a child process: import and print time and peak RSS as JSON."""
    from newsgraph.geo.geonames import import_geonames

    t0 = time.perf_counter()
    counts = import_geonames(Path(db), [Path(dump)])
    print(json.dumps({"seconds": time.perf_counter() - t0, "counts": counts,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


_RUN = re.compile(r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}")


def lookup_ms(db: Path, texts: list[str]) -> float:
    """Mean milliseconds per article for the stage's gazetteer lookups (all capitalised runs, no cache)."""
    from newsgraph.geo.gazetteer import Gazetteer, fold

    gaz = Gazetteer(db, cache_size=0)
    try:
        t0 = time.perf_counter()
        for text in texts:
            keys = set()
            for m in _RUN.finditer(text):
                words = m.group(0).split()
                for a in range(len(words)):
                    for b in range(a + 1, len(words) + 1):
                        keys.add(fold(" ".join(words[a:b])))
            gaz.lookup_many(keys)
        return (time.perf_counter() - t0) * 1000 / max(1, len(texts))
    finally:
        gaz.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--base", type=Path, default=None, help="bundled gazetteer to import onto (default: settings)")
    ap.add_argument("--articles", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval" /
                    "geo" / "dev.jsonl")
    ap.add_argument("--keep", type=Path, default=None, help="keep the dump and the built file here")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        import_child(*a.child)
        return 0
    from newsgraph.geo.gazetteer import open_gazetteer

    base = a.base
    if base is None:
        g = open_gazetteer()
        base = g.path
        g.close()
    work = a.keep or Path(tempfile.mkdtemp(prefix="newsgraph-gazbench-"))
    t0 = time.perf_counter()
    dump = write_dump(work / "dump", a.rows)
    gen_s = time.perf_counter() - t0
    db = work / "gazetteer-dump.sqlite"
    shutil.copyfile(base, db)
    proc = subprocess.run([sys.executable, __file__, "--child", str(db), str(dump)], capture_output=True, text=True,
                          check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    texts = []
    if a.articles.exists():
        texts = [json.loads(ln)["text"] for ln in a.articles.read_text(encoding="utf-8").splitlines() if ln.strip()]
    dump_mb = sum(f.stat().st_size for f in dump.iterdir()) / 1e6
    print(f"dump: {a.rows:,} rows, {dump_mb:.0f} MB on disk (generated in {gen_s:.0f}s)")
    print(f"import: {result['seconds']:.1f}s, peak RSS {result['peak_rss_mb']:.0f} MB, "
          f"{result['counts']['places']:,} places added, {result['counts']['aliases']:,} names in the file")
    print(f"file: bundled {base.stat().st_size / 1e6:.0f} MB -> with dump {db.stat().st_size / 1e6:.0f} MB")
    if texts:
        print(f"lookups per article ({len(texts)} articles, uncached): bundled {lookup_ms(base, texts):.2f} ms, "
              f"with dump {lookup_ms(db, texts):.2f} ms")
    if a.keep is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
