"""Read side of the gazetteer: name lookups against the SQLite file that ``geo.build`` writes.

The whole gazetteer (~235k towns, ~1.5M names) never enters memory: each lookup is an indexed query on the
folded alias, and a small LRU cache absorbs the repeats within and across articles (news mentions the same
few hundred places over and over).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("newsgraph")

SCHEMA_VERSION = "9"

_PUNCT_DROP = re.compile(r"[.’'`ʻʼ‘´]")
_PUNCT_SPACE = re.compile(r"[\s\-‐‑–—_/,;:()\"“”]+")
_LEADING_THE = re.compile(r"^the ")


@lru_cache(maxsize=65_536)
def fold(name: str) -> str:
    """The lookup key of a name: case and diacritics folded, dots and apostrophes dropped, hyphens as spaces.

    'Kyïv' -> 'kyiv', 'U.S.' -> 'us', "Côte d'Ivoire" -> 'cote divoire', 'the Hague' -> 'hague'; any Unicode
    input gives a string (scripts without a decomposition are kept as they are). Cached: a pure function of the
    name, asked for the same few thousand names (n-grams of capitalised runs, mentions, aliases) over and over.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d")
    text = _PUNCT_DROP.sub("", text)
    text = _PUNCT_SPACE.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


_DIGRAPHS = (("kh", "h"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("th", "t"),
             ("dh", "d"), ("gh", "g"), ("ck", "k"), ("q", "k"), ("c", "k"), ("w", "v"), ("x", "ks"), ("j", "i"), ("g", "h"))
_VOWELS = re.compile(r"[aeiouy]+")
_REPEATS = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """A transliteration-blind key of a folded name: digraphs merged, vowels after the first letter and repeated
    letters dropped, spaces ignored. 'kharkov' and 'kharkiv' -> 'hrkv'; 'zaporozhye' and 'zaporizhzhia' -> 'zprz';
    'kafranbel' and 'kafr nabl' -> 'kfrnbl'; Russian g is Ukrainian h ('Gorlovka', 'Horlivka'). Different renderings
    of one name meet; different names rarely do."""
    text = key.replace(" ", "")
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    if not text:
        return ""
    return _REPEATS.sub(r"\1", text[0] + _VOWELS.sub("", text[1:]))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    place_id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1_code: str | None
    admin1: str | None
    feature: str
    population: int
    capital: bool
    alias_kind: str  # name | alt | abbr | curated | garble (matched by ``skeleton`` only)
    admin2_code: str | None = None  # district code (GeoNames dump imports only)


_SELECT = (
    "SELECT a.norm, p.id, p.geonameid, p.name, p.lat, p.lon, p.cc, p.admin1_code, p.admin1_name, p.feature, "
    "p.population, p.capital, a.kind, p.admin2_code FROM alias a JOIN place p ON p.id = a.place WHERE a.norm IN ({marks})"
)
MAX_CANDIDATES = 40


class Gazetteer:
    """Indexed name lookups; thread-safe for readers (one connection guarded by a lock)."""

    def __init__(self, path: Path, cache_size: int = 20_000) -> None:
        self.path = Path(path)
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._conn.execute("PRAGMA cache_size = -8000")  # 8 MB page cache, well under the memory budget
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Candidate, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._countries: dict[str, Candidate] | None = None

    def close(self) -> None:
        self._conn.close()

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Candidates for one surface name, most populous first."""
        key = fold(name)
        return self.lookup_many([key]).get(key, ())

    def lookup_many(self, keys: Iterable[str]) -> dict[str, tuple[Candidate, ...]]:
        """Candidates for many already-folded keys in one query (an article's names cost one round trip)."""
        out: dict[str, tuple[Candidate, ...]] = {}
        missing = []
        for key in dict.fromkeys(keys):
            if not key:
                continue
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                out[key] = hit
            else:
                missing.append(key)
        for i in range(0, len(missing), 400):
            chunk = missing[i : i + 400]
            rows = self._query(chunk)
            for key in chunk:
                cands = tuple(sorted(rows.get(key, []), key=lambda c: -c.population)[:MAX_CANDIDATES])
                out[key] = cands
                self._remember(key, cands)
        return out

    def lookup_skeletons(self, keys: Iterable[str]) -> dict[str, tuple[Candidate, ...]]:
        """Candidates whose own name has the same ``skeleton`` as a folded key (alias_kind 'garble'): the fallback
        for transliterations the gazetteer lacks ('Zaporozhe', 'Bakhmout'); callers confirm them by context."""
        skels = {k: skeleton(k) for k in dict.fromkeys(keys) if len(skeleton(k)) >= 4}
        if not skels:
            return {}
        sql = _SELECT.replace("FROM alias a JOIN place p ON p.id = a.place WHERE a.norm IN ({marks})",
                              "FROM skeleton a JOIN place p ON p.id = a.place WHERE a.skel IN ({marks})")
        sql = sql.replace("a.norm,", "a.skel,").replace("a.kind", "'garble'")
        uniq = sorted(set(skels.values()))
        with self._lock:
            rows = self._conn.execute(sql.format(marks=",".join("?" * len(uniq))), uniq).fetchall()
        by_skel: dict[str, list[Candidate]] = {}
        for skel, *rest, capital, kind, admin2 in rows:
            by_skel.setdefault(skel, []).append(Candidate(*rest, capital=bool(capital), alias_kind=kind,
                                                          admin2_code=admin2))
        return {k: tuple(sorted(by_skel.get(sk, []), key=lambda c: -c.population)[:MAX_CANDIDATES])
                for k, sk in skels.items() if sk in by_skel}

    def country(self, cc: str) -> Candidate | None:
        """The country entry (GeoNames country point) for an ISO alpha-2 code."""
        if self._countries is None:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT id, geonameid, name, lat, lon, cc, admin1_code, admin1_name, feature, population, capital "
                    "FROM place WHERE feature = 'country'"
                ).fetchall()
            self._countries = {r[5]: Candidate(*r[:10], bool(r[10]), alias_kind="name") for r in rows}
        return self._countries.get(cc)

    def demonyms(self, keys: list[str]) -> list[str]:
        """Country codes for folded demonyms ('ukrainian' -> 'UA'), one per key found, in input order."""
        uniq = list(dict.fromkeys(k for k in keys if k))
        if not uniq:
            return []
        with self._lock:
            rows = dict(self._conn.execute(
                f"SELECT norm, cc FROM demonym WHERE norm IN ({','.join('?' * len(uniq))})", uniq).fetchall())
        return [rows[k] for k in keys if k in rows]

    def counties(self, keys: list[str]) -> dict[str, list[tuple[str, str]]]:
        """(country, admin1 code) of every first-level region with a county of that folded name ('lamar county')."""
        uniq = list(dict.fromkeys(k for k in keys if k))
        if not uniq:
            return {}
        with self._lock:
            rows = self._conn.execute(
                f"SELECT norm, cc, admin1_code FROM county WHERE norm IN ({','.join('?' * len(uniq))})", uniq).fetchall()
        out: dict[str, list[tuple[str, str]]] = {}
        for norm, cc, code in rows:
            out.setdefault(norm, []).append((cc, code))
        return out

    def _query(self, keys: list[str]) -> dict[str, list[Candidate]]:
        sql = _SELECT.format(marks=",".join("?" * len(keys)))
        with self._lock:
            rows = self._conn.execute(sql, keys).fetchall()
        found: dict[str, dict[int, Candidate]] = {}
        rank = {"name": 0, "curated": 1, "abbr": 2, "alt": 3}
        for norm, *rest, capital, kind, admin2 in rows:
            cand = Candidate(*rest, capital=bool(capital), alias_kind=kind, admin2_code=admin2)
            per = found.setdefault(norm, {})
            old = per.get(cand.place_id)
            if old is None or rank.get(kind, 9) < rank.get(old.alias_kind, 9):
                per[cand.place_id] = cand
        return {k: list(v.values()) for k, v in found.items()}

    def _remember(self, key: str, cands: tuple[Candidate, ...]) -> None:
        self._cache[key] = cands
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)


def open_gazetteer(path: Path | None = None) -> Gazetteer:
    """Open the gazetteer at ``path`` (default: the settings' path), building it first if it is missing or stale.

    A gazetteer built with GeoNames dump files is rebuilt from the same files when our curated data, the schema or
    the files themselves changed; if the files are gone, the outdated (but readable) file is kept with a warning
    rather than silently losing every village it holds."""
    if path is None:
        from newsgraph.config import Settings

        path = Settings().gazetteer_path
    from newsgraph.geo.build import build_gazetteer, data_digest
    from newsgraph.geo.geonames import classify, dump_sources, files_present, fingerprint

    path = Path(path)
    schema_ok = _meta(path, "schema_version") == SCHEMA_VERSION
    sources = dump_sources(_meta(path, "geonames_files"))
    stale = not path.exists() or not schema_ok or _meta(path, "data_digest") != data_digest()
    if sources and files_present(sources):
        if stale or _meta(path, "geonames_fingerprint") != fingerprint(classify(sources).all()):
            log.warning("gazetteer %s is outdated: rebuilding it with GeoNames dump files %s", path,
                        ", ".join(map(str, sources)))
            build_gazetteer(path, geonames=sources)
    elif sources and stale:
        log.warning("gazetteer %s is outdated but its GeoNames dump files (%s) are gone: keeping it; run "
                    "`newsgraph gazetteer build --geonames PATH` to refresh it", path, ", ".join(map(str, sources)))
    elif stale:
        log.warning("gazetteer %s is missing or outdated: building it now from packaged GeoNames data (~1 min)", path)
        build_gazetteer(path)
    return Gazetteer(path)


def gazetteer_info(path: Path) -> dict[str, object]:
    """What a gazetteer file holds, for ``newsgraph doctor``: its kind (bundled or with a GeoNames dump), the dump
    files, and place counts per feature."""
    import json

    if not path.exists():
        return {"exists": False}
    from newsgraph.geo.geonames import dump_sources

    cov = _meta(path, "coverage")
    return {"exists": True, "schema_ok": _meta(path, "schema_version") == SCHEMA_VERSION,
            "geonames_files": [str(p) for p in dump_sources(_meta(path, "geonames_files"))],
            "coverage": json.loads(cov) if cov else {}, "aliases": int(_meta(path, "aliases") or 0)}


def _meta(path: Path, key: str) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
