"""Write the synthetic GeoNames dump behind the village check set, from geo_villages_places.tsv (our own rows).

    python tests/data/make_geo_dump.py OUT_DIR

writes OUT_DIR/allCountries.txt (the 19 tab-separated GeoNames columns), OUT_DIR/alternateNamesV2.txt (with the
rows an importer must skip: links, postcodes, airport codes) and OUT_DIR/admin2Codes.txt, the files a user downloads
from GeoNames, in their exact formats. geonameids are ours: 91000001 + row number. Tests and the check-set maker use
``rows()`` and ``write_dump()`` directly.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
PLACES = HERE / "geo_villages_places.tsv"
FIRST_ID = 91_000_001


def rows(path: Path = PLACES) -> list[dict[str, str]]:
    """The place rows, each with its geonameid ('gid') added."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    out = []
    for n, r in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)):
        r = {k: (v or "").strip() for k, v in r.items()}
        r["gid"] = str(FIRST_ID + n)
        out.append(r)
    return out


def ascii_name(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def write_dump(out: Path, places: list[dict[str, str]] | None = None) -> Path:
    """Write the three dump files into ``out`` and return it."""
    places = rows() if places is None else places
    out.mkdir(parents=True, exist_ok=True)
    alt_id = 5_000_000
    with (out / "allCountries.txt").open("w", encoding="utf-8", newline="\n") as main, \
            (out / "alternateNamesV2.txt").open("w", encoding="utf-8", newline="\n") as alts, \
            (out / "admin2Codes.txt").open("w", encoding="utf-8", newline="\n") as adm2:
        for r in places:
            fclass, fcode = r["fcode"].split(".")
            names = [a for a in r.get("alternates", "").split("|") if a]
            inline = names[: (len(names) + 1) // 2]  # the rest only in alternateNamesV2, as in the real dump
            main.write("\t".join([
                r["gid"], r["name"], ascii_name(r["name"]), ",".join(inline), r["lat"], r["lon"], fclass, fcode,
                r["cc"], "", r["admin1"], r["admin2"] if fcode != "ADM1" else "", "", "", r["population"] or "0",
                "", "150", "UTC", "2024-01-15"]) + "\n")
            for k, name in enumerate(names):
                alt_id += 1
                lang = "en" if k % 2 == 0 else ""
                alts.write("\t".join([str(alt_id), r["gid"], lang, name, "1" if k == 0 else "", "", "", "", "", ""])
                           + "\n")
            for lang, junk in (("link", f"https://example.org/wiki/{r['name'].replace(' ', '_')}"), ("post", "40100")):
                alt_id += 1
                alts.write("\t".join([str(alt_id), r["gid"], lang, junk, "", "", "", "", "", ""]) + "\n")
            if fcode == "ADM2":
                adm2.write("\t".join([f"{r['cc']}.{r['admin1']}.{r['admin2']}", r["name"], ascii_name(r["name"]),
                                      r["gid"]]) + "\n")
    return out


if __name__ == "__main__":
    print(write_dump(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("geonames-synthetic")))
