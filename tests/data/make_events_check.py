"""Convert tests/data/events_check.src (our own sentences) to events_check.jsonl in the dev scorer's format.

Why a separate source file: the compact one-line-per-sentence form is easy to write and review; the JSONL form
is what the dev scorer (shared/eval/events/score.py) reads, so the same tool measures both sets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCES = {"M": "own-manual", "N": "own-news", "A": "own-acled"}


def convert(src: Path) -> list[dict]:
    out = []
    for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, text, gold, *rest = line.split("|")
        ignore = [t for t in (rest[0] if rest else "").split(",") if t]
        disaster_no_event = gold == "*"
        events = []
        for part in ([] if disaster_no_event else [p for p in gold.split(";") if p]):
            typ, mode, actor, recip = [*part.split(":"), "", "", ""][:4]
            events.append({"type": typ, "mode": mode or None, "actor": actor or None,
                           "recipient": recip or None, "location": None})
        out.append({"id": f"check:{code}{n:03d}", "text": text, "published": None, "events": events,
                    "source": SOURCES[code], "exhaustive": code != "A" or disaster_no_event,
                    "ignore_types": ignore, "meta": {}})
    return out


if __name__ == "__main__":
    here = Path(__file__).parent
    rows = convert(here / (sys.argv[1] if len(sys.argv) > 1 else "events_check.src"))
    with open(here / (sys.argv[2] if len(sys.argv) > 2 else "events_check.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "documents")
