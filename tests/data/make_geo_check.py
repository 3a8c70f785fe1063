"""Turn tests/data/geo_check.txt (our own articles with [[surface|lat,lon(|o)]] markup) into geo_check.jsonl,
the gold format of shared/eval/geo (so the dev scorer can score it)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MARK = re.compile(r"\[\[([^|\]]+)\|(-?[\d.]+),(-?[\d.]+)(\|o)?\]\]")


def parse_block(block: str) -> dict:
    head, _, body = block.strip().partition("\n")
    doc_id, corpus = head.split()
    text, toponyms, pos = [], [], 0
    last = 0
    for m in MARK.finditer(body):
        text.append(body[last:m.start()])
        pos += m.start() - last
        surface = m.group(1)
        toponyms.append({"start": pos, "end": pos + len(surface), "text": surface, "lat": float(m.group(2)),
                         "lon": float(m.group(3)), "geonameid": None, "type": "Literal",
                         "optional": bool(m.group(4))})
        text.append(surface)
        pos += len(surface)
        last = m.end()
    text.append(body[last:])
    return {"id": doc_id, "text": "".join(text).strip("\n"), "published": None, "corpus": corpus, "title": None,
            "url": None, "toponyms": toponyms}


def main(src: Path, out: Path) -> None:
    raw = "\n".join(ln for ln in src.read_text(encoding="utf-8").splitlines() if not ln.startswith("#"))
    docs = [parse_block(b) for b in re.split(r"^---$", raw, flags=re.M) if b.strip()]
    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            for t in d["toponyms"]:
                assert d["text"][t["start"]:t["end"]] == t["text"], (d["id"], t)
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(docs)} docs, {sum(len(d['toponyms']) for d in docs)} toponyms -> {out}")


if __name__ == "__main__":
    here = Path(__file__).parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else here / "geo_check.txt",
         Path(sys.argv[2]) if len(sys.argv) > 2 else here / "geo_check.jsonl")
