"""Query filters: one vocabulary for the CLI, the Python API and the REST API, checked before any SQL runs.

Each filter has a parser that turns a user value (a string from the command line or a query string, or a Python
value) into a typed one, or raises ``QueryError`` naming the filter and what was wrong, which the CLI prints and
the REST API maps to HTTP 422. ``None`` means "not given" everywhere, so callers can pass every filter they have.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, get_args

from newsgraph.document import EventType, SourceType, Stance

KINDS = ("documents", "events", "claims", "stories", "entities", "places")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ENTITY_KINDS = ("person", "organization", "group", "place")


class QueryError(ValueError):
    """A bad query: unknown kind, unknown filter, or a filter value that cannot mean anything."""


def _text(name: str, value: Any) -> str:
    text = str(value).strip()
    if not text:
        raise QueryError(f"filter {name!r} is empty")
    return text


def _date(name: str, value: Any) -> str:
    text = str(value).strip()
    if not _DATE.match(text):
        raise QueryError(f"filter {name!r}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return text


def _number(lo: float, hi: float) -> Callable[[str, Any], float]:
    def parse(name: str, value: Any) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise QueryError(f"filter {name!r}: {value!r} is not a number") from None
        if not lo <= number <= hi or number != number:
            raise QueryError(f"filter {name!r}: {value!r} is outside {lo:g}..{hi:g}")
        return number
    return parse


def _count(name: str, value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise QueryError(f"filter {name!r}: {value!r} is not a whole number") from None
    if number < 0:
        raise QueryError(f"filter {name!r}: {value!r} is negative")
    return number


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise QueryError(f"filter {name!r}: {value!r} is not true or false")


def _choice(choices: tuple[str, ...], upper: bool = False) -> Callable[[str, Any], str]:
    def parse(name: str, value: Any) -> str:
        text = str(value).strip()
        text = text.upper() if upper else text.lower()
        if text not in choices:
            raise QueryError(f"filter {name!r}: {value!r} is not one of {', '.join(choices)}")
        return text
    return parse


def _country(name: str, value: Any) -> str:
    text = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", text):
        raise QueryError(f"filter {name!r}: {value!r} is not a two-letter ISO country code")
    return text


PARSERS: dict[str, Callable[[str, Any], Any]] = {
    "type": _text,  # checked per kind below (PLOVER type for events/stories, entity kind for entities)
    "actor": _text, "place": _text, "near": _text, "name": _text, "document": _text, "story": _text,
    "claim": _text, "outlet": _text, "q": _text,
    "km": _number(0.0, 20_000.0), "lat": _number(-90.0, 90.0), "lon": _number(-180.0, 180.0),
    "country": _country, "since": _date, "until": _date,
    "source_type": _choice(get_args(SourceType)), "stance": _choice(get_args(Stance)),
    "min_origins": _count, "disputed": _bool,
}
FILTERS = tuple(PARSERS)

APPLIES: dict[str, frozenset[str]] = {
    "documents": frozenset({"since", "until", "outlet", "document", "story", "claim", "country", "name", "q"}),
    "events": frozenset({"type", "actor", "place", "near", "km", "lat", "lon", "country", "since", "until",
                         "source_type", "min_origins", "disputed", "document", "story", "outlet", "name", "q"}),
    "claims": frozenset({"source_type", "stance", "min_origins", "disputed", "document", "claim", "outlet",
                         "since", "until", "name", "actor", "q"}),
    "stories": frozenset({"type", "actor", "place", "near", "km", "lat", "lon", "country", "since", "until",
                          "min_origins", "disputed", "story", "outlet", "name", "document", "q"}),
    "entities": frozenset({"name", "type", "country", "document", "q"}),
    "places": frozenset({"place", "near", "km", "lat", "lon", "country", "since", "until", "document", "outlet",
                         "name", "q"}),
}


def parse_filters(kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """Typed filter values for ``kind``; unknown names, filters that do not apply and bad values raise."""
    if kind not in KINDS:
        raise QueryError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    out: dict[str, Any] = {}
    for name, value in filters.items():
        if value is None:
            continue
        if name not in PARSERS:
            raise QueryError(f"unknown filter {name!r}; filters are {', '.join(FILTERS)}")
        if name not in APPLIES[kind]:
            raise QueryError(f"filter {name!r} does not apply to {kind} "
                             f"(it takes {', '.join(sorted(APPLIES[kind]))})")
        out[name] = PARSERS[name](name, value)
    if "type" in out:
        choices = ENTITY_KINDS if kind == "entities" else get_args(EventType)
        out["type"] = _choice(choices, upper=kind != "entities")("type", out["type"])
    if ("lat" in out) != ("lon" in out):
        raise QueryError("filters 'lat' and 'lon' go together")
    if "near" in out and "lat" in out:
        raise QueryError("give either 'near' (a place name) or 'lat'/'lon', not both")
    if "km" in out and "near" not in out and "lat" not in out:
        raise QueryError("filter 'km' needs 'near' or 'lat'/'lon'")
    if out.get("since") and out.get("until") and out["since"] > out["until"]:
        raise QueryError(f"'since' {out['since']} is after 'until' {out['until']}")
    return out
