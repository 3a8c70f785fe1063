"""Turn geo_villages.txt (our reports with [[surface|key]] markup) into geo_villages.jsonl, the gold format of
shared/eval/geo. Each key names a row of geo_villages_places.tsv, so gold coordinates and geonameids come from the
synthetic GeoNames dump (make_geo_dump.py) and the set needs no download."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_geo_dump import rows

MARK = re.compile(r"\[\[([^|\]]+)\|([a-z0-9_.]+)(\|o)?\]\]")


def parse_block(block: str, places: dict[str, dict[str, str]]) -> dict:
    head, _, body = block.strip().partition("\n")
    doc_id, country = head.split()
    text, toponyms, pos, last = [], [], 0, 0
    for m in MARK.finditer(body):
        text.append(body[last:m.start()])
        pos += m.start() - last
        surface, r = m.group(1), places[m.group(2)]
        toponyms.append({"start": pos, "end": pos + len(surface), "text": surface, "lat": float(r["lat"]),
                         "lon": float(r["lon"]), "geonameid": int(r["gid"]), "type": "Literal",
                         "optional": bool(m.group(3))})
        text.append(surface)
        pos += len(surface)
        last = m.end()
    text.append(body[last:])
    return {"id": doc_id, "text": "".join(text).strip("\n"), "published": "2024-03-01", "corpus": country,
            "title": None, "url": None, "toponyms": toponyms}


def main(src: Path, out: Path) -> None:
    places = {r["key"]: r for r in rows()}
    raw = "\n".join(ln for ln in src.read_text(encoding="utf-8").splitlines() if not ln.startswith("#"))
    docs = [parse_block(b, places) for b in re.split(r"^---$", raw, flags=re.M) if b.strip()]
    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            for t in d["toponyms"]:
                assert d["text"][t["start"]:t["end"]] == t["text"], (d["id"], t)
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(docs)} docs, {len({d['corpus'] for d in docs})} countries, "
          f"{sum(len(d['toponyms']) for d in docs)} toponyms -> {out}")


if __name__ == "__main__":
    here = Path(__file__).parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else here / "geo_villages.txt",
         Path(sys.argv[2]) if len(sys.argv) > 2 else here / "geo_villages.jsonl")
