"""Convert tests/data/times_check*.src (our own articles, timexes marked inline) to JSONL in the time dev format.

Why a marked-up source: '[[the past three weeks|DURATION|P3W]]' is easy to write and review; the JSONL (text,
published, dct, timexes with offsets) is what ``shared/eval/time/score.py`` reads, so the same scorer measures dev
and these sets.

    python tests/data/make_times_check.py [times_check.src [times_check.jsonl]]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MARK = re.compile(r"\[\[([^|\]]+)\|(DATE|TIME|DURATION|SET)\|([^\]]+)\]\]")
HEAD = re.compile(r"^== (\S+) \| (\d{4}-\d\d-\d\d) \| (\S+)\s*$")


def parse_doc(doc_id: str, dct: str, style: str, body: str) -> dict:
    """Strip the marks from ``body``, keeping each timex's offsets into the clean text."""
    text, timexes, pos = [], [], 0
    for n, m in enumerate(MARK.finditer(body), 1):
        text.append(body[pos:m.start()])
        start = sum(len(t) for t in text)
        text.append(m[1])
        timexes.append({"start": start, "end": start + len(m[1]), "text": m[1], "type": m[2], "value": m[3],
                        "tid": f"t{n}"})
        pos = m.end()
    text.append(body[pos:])
    clean = "".join(text)
    if "[[" in clean or "]]" in clean:
        raise SystemExit(f"{doc_id}: a mark is malformed")
    return {"id": doc_id, "text": clean, "published": dct, "dct": dct, "source": f"own-{style}", "timexes": timexes}


def convert(src: Path) -> list[dict]:
    docs, head, lines = [], None, []
    for line in [*src.read_text(encoding="utf-8").splitlines(), "== end | 0000-00-00 | end"]:
        if line.startswith("#"):
            continue
        m = HEAD.match(line)
        if m:
            if head is not None:
                docs.append(parse_doc(*head, "\n".join(lines).strip("\n") + "\n"))
            head, lines = m.groups(), []
        elif head is not None:
            lines.append(line)
    return docs


if __name__ == "__main__":
    here = Path(__file__).parent
    src = here / (sys.argv[1] if len(sys.argv) > 1 else "times_check.src")
    out = here / (sys.argv[2] if len(sys.argv) > 2 else src.with_suffix(".jsonl").name)
    rows = convert(src)
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for r in rows:
        for t in r["timexes"]:
            counts[t["type"]] = counts.get(t["type"], 0) + 1
    print(f"{out.name}: {len(rows)} documents, {sum(counts.values())} timexes {counts}")
