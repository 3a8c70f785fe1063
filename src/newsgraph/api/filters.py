"""Filter parameters shared by every list endpoint: the same names as ``newsgraph query``, validated once.

A bad value is a ``QueryError`` (the app turns it into a 422 naming the parameter), never a database error:
the values that reach SQL are always typed and bounded here.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
SOURCE_TYPES = ("person", "organization", "media", "anonymous", "document", "unknown")
STANCES = ("assert", "believe", "speculate", "deny", "question")
MAX_LIMIT = 1000
MAP_LIMIT = 50_000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class QueryError(ValueError):
    """A filter value the API cannot use; ``param`` names it so the 422 says which one."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


@dataclass(slots=True)
class Filters:
    """Validated filters; None means 'not filtered'."""

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    source_type: str | None = None
    stance: str | None = None
    min_origins: int | None = None
    disputed: bool | None = None
    name: str | None = None
    document: str | None = None
    story: str | None = None
    claim: str | None = None
    outlet: str | None = None
    lat: float | None = None
    lon: float | None = None
    km: float | None = None

    def active(self) -> dict[str, Any]:
        """The filters that are set, for echoing back in responses and for the query layer's keywords."""
        return {k: v for k, v in asdict(self).items() if v is not None}


def _choice(param: str, value: str | None, choices: tuple[str, ...], upper: bool) -> str | None:
    if value is None or value == "":
        return None
    v = value.strip().upper() if upper else value.strip().lower()
    if v not in choices:
        raise QueryError(param, f"{value!r} is not one of {', '.join(choices)}")
    return v


def _date(param: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value.strip()):
        raise QueryError(param, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value.strip()


def _text(param: str, value: str | None, max_len: int = 200) -> str | None:
    if value is None or value.strip() == "":
        return None
    if len(value) > max_len or "\x00" in value:
        raise QueryError(param, f"must be at most {max_len} characters of text")
    return value.strip()


def parse_near(near: str | None) -> tuple[float, float] | None:
    """'lat,lon' -> (lat, lon), checked for range."""
    if near is None or near == "":
        return None
    parts = near.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise QueryError("near", f"{near!r} is not 'lat,lon'") from None
    return lat, lon


def build(*, type: str | None = None, actor: str | None = None, place: str | None = None,
          country: str | None = None, since: str | None = None, until: str | None = None,
          source_type: str | None = None, stance: str | None = None, min_origins: int | None = None,
          disputed: bool | None = None, name: str | None = None, document: str | None = None,
          story: str | None = None, claim: str | None = None, outlet: str | None = None,
          near: str | None = None, lat: float | None = None, lon: float | None = None,
          km: float | None = None) -> Filters:
    """Validate raw query parameters into Filters (raises QueryError on the first bad one)."""
    if country not in (None, "") and not _COUNTRY.match(country):
        raise QueryError("country", f"{country!r} is not a two-letter ISO country code")
    f = Filters(
        type=_choice("type", type, EVENT_TYPES, upper=True),
        actor=_text("actor", actor), place=_text("place", place),
        country=country.upper() if country else None,
        since=_date("since", since), until=_date("until", until),
        source_type=_choice("source_type", source_type, SOURCE_TYPES, upper=False),
        stance=_choice("stance", stance, STANCES, upper=False),
        min_origins=min_origins, disputed=disputed, name=_text("name", name),
        document=_text("document", document), story=_text("story", story), claim=_text("claim", claim),
        outlet=_text("outlet", outlet),
    )
    if f.since and f.until and f.since > f.until:
        raise QueryError("since", f"{f.since} is after until={f.until}")
    point = parse_near(near)
    if point:
        lat, lon = point
    if (lat is None) != (lon is None):
        raise QueryError("lat" if lat is None else "lon", "lat and lon go together (or use near=lat,lon)")
    if lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise QueryError("near", f"{lat},{lon} is not a coordinate")
        f.lat, f.lon, f.km = lat, lon, km if km is not None else 50.0
    if f.km is not None and not (0 < f.km <= 20_000):
        raise QueryError("km", "must be between 0 and 20000")
    if min_origins is not None and not (0 <= min_origins <= 10_000):
        raise QueryError("min_origins", "must be between 0 and 10000")
    return f
