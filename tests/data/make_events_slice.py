"""Split the shared events dev set into the untouched slice and the rest, by a hash of each document id.

Why: rules tuned on dev show a gap on text nobody tuned on (issue 11). The untouched slice is a fifth of dev that
no engineer reads errors from; its score is taken once before a round of changes and once after. Development
reads errors only from the rest. The split depends on the id alone, so it is stable when dev lines are reordered.

    python tests/data/make_events_slice.py [DEV.jsonl] [OUT_DIR]
writes OUT_DIR/events_slice.jsonl (untouched) and OUT_DIR/events_rest.jsonl (for development).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def untouched(doc_id: str) -> bool:
    """The slice: sha1 of the id, read as a number, divisible by 5."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def split(dev: Path, out: Path) -> tuple[int, int]:
    out.mkdir(parents=True, exist_ok=True)
    n_slice = n_rest = 0
    with open(out / "events_slice.jsonl", "w", encoding="utf-8") as s, \
            open(out / "events_rest.jsonl", "w", encoding="utf-8") as r:
        for line in dev.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            if untouched(json.loads(line)["id"]):
                s.write(line + "\n")
                n_slice += 1
            else:
                r.write(line + "\n")
                n_rest += 1
    return n_slice, n_rest


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "eval" / "events" / "dev.jsonl"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/newsgraph-events-slice")
    n_slice, n_rest = split(dev, out)
    print(f"slice {n_slice}, rest {n_rest} documents")
