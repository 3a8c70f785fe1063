"""Score newsgraph on the news_check corpus: 20 own-words articles in wire, reprint and MT-compilation styles.

usage: python tests/data/news_check/score.py [--shared ../shared] [--only 01,02] [--keep DIR] [-v]

Each ``NN_name.txt`` has hand labels in ``NN_name.expected.json`` in the format of the shared seed article's
(``shared/examples/seed-article.expected.json``). All articles are extracted in one ``newsgraph extract`` run, then
``shared/examples/check_seed.py`` checks each one. Two kinds of fact the seed format cannot say are checked here,
and counted in the same total:

- ``not_events``: an event of this type whose trigger contains this text must not be reported, unless it is
  marked ``negated`` (the truce that was never signed, the walk-out that is no retreat);
- ``not_sources_or_actors``: no event actor and no outermost attribution source may contain this text (a
  dateline or an agency credit must never become the attacker or the outer source of a chain).

Prints one line per article and a last line ``news_check: N/M facts``. ``--split`` prints three parts: 01-15
were tuned on; 16-18 were meant to be held out but their output was looked at during development ("seen"); 19-25
are held out (19-20 written with the rest before any change, 21-25 after the first changes and scored on the
pre-change code as well) and were never inspected.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEEN = frozenset({"16", "17", "18"})
HELD_OUT = frozenset({"19", "20", "21", "22", "23", "24", "25"})


def articles(only: set[str] | None) -> list[tuple[str, Path, dict]]:
    """(number, expected path, expected labels) of every article, in file order."""
    out = []
    for path in sorted(HERE.glob("*.expected.json")):
        num = path.name.split("_", 1)[0]
        if only and num not in only:
            continue
        out.append((num, path, json.loads(path.read_text(encoding="utf-8"))))
    return out


def extract(items: list[tuple[str, Path, dict]], work: Path) -> Path:
    """One newsgraph run over all articles; returns the output JSONL."""
    src = work / "news_check.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for _, _, exp in items:
            inp = exp["input"]
            text = (HERE / inp["text_file"]).read_text(encoding="utf-8")
            fh.write(json.dumps({"id": inp["id"], "text": text, "published": inp["published"]}) + "\n")
    out = work / "news_check.out.jsonl"
    newsgraph = Path(sys.executable).with_name("newsgraph")
    subprocess.run([str(newsgraph), "extract", str(src), "-o", str(out)], check=False)
    return out


def check_seed(checker: Path, out: Path, expected: Path) -> tuple[int, int, list[str]]:
    """Run the shared checker on one article: (facts ok, facts, per-fact lines)."""
    proc = subprocess.run([sys.executable, str(checker), str(out), str(expected)], capture_output=True,
                          text=True, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    m = re.search(r"(\d+)/(\d+) facts", lines[-1]) if lines else None
    if m is None:
        raise SystemExit(f"check_seed printed no total for {expected.name}: {proc.stderr[-400:]}")
    return int(m.group(1)), int(m.group(2)), lines[:-1]


def span_text(doc: dict, span: dict | None) -> str:
    if not span:
        return ""
    return span.get("text") or doc["text"][span["start"]:span["end"]]


def extra_facts(doc: dict | None, exp: dict) -> list[tuple[bool, str]]:
    """The negative facts the seed checker has no field for."""
    results = []
    events = doc.get("events", []) if doc else []
    for e in exp.get("not_events", []):
        bad = [x for x in events if x.get("type") == e["type"] and not x.get("negated")
               and e["trigger_contains"] in span_text(doc, x.get("trigger")).lower()]
        results.append((doc is not None and not bad, f"no event {e}"))
    atts = doc.get("attributions", []) if doc else []
    for s in exp.get("not_sources_or_actors", []):
        low = s.lower()
        actors = [span_text(doc, x.get("actor")) for x in events]
        outer = [span_text(doc, a.get("source")) for a in atts if not a.get("parent")]
        bad = [t for t in actors + outer if low in t.lower()]
        results.append((doc is not None and not bad, f"not actor/outer source {s!r}"))
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", help="comma-separated article numbers")
    ap.add_argument("--keep", type=Path, help="write the extraction output into this directory")
    ap.add_argument("--split", action="store_true", help="also print tuned and held-out totals")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every missing fact")
    args = ap.parse_args()
    checker = args.shared / "examples" / "check_seed.py"
    if not checker.is_file():
        raise SystemExit(f"news_check: {checker} not found (pass --shared)")
    items = articles(set(args.only.split(",")) if args.only else None)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        out = extract(items, work)
        docs = {d["id"]: d for d in (json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()
                                     if ln.strip())}
        total = ok_total = 0
        split = {"tuned": [0, 0], "seen": [0, 0], "held-out": [0, 0]}
        for num, path, exp in items:
            ok, n, lines = check_seed(checker, out, path)
            extra = extra_facts(docs.get(exp["input"]["id"]), exp)
            ok += sum(good for good, _ in extra)
            n += len(extra)
            ok_total, total = ok_total + ok, total + n
            part = split["held-out" if num in HELD_OUT else "seen" if num in SEEN else "tuned"]
            part[0], part[1] = part[0] + ok, part[1] + n
            print(f"{path.name.removesuffix('.expected.json'):32s} {ok:3d}/{n:<3d}")
            if args.verbose:
                for line in lines + [("ok       " if g else "MISSING  ") + w for g, w in extra]:
                    if line.startswith("MISSING"):
                        print("    " + line)
        if args.split:
            for name, (ok, n) in split.items():
                print(f"news_check {name}: {ok}/{n} facts")
        print(f"news_check: {ok_total}/{total} facts")


if __name__ == "__main__":
    main()
