"""The Document model: the JSON contract of ``shared/schema/document.md`` as pydantic models.

Every layer keeps character offsets into the original ``text`` so that any record can be highlighted
in the source; cleaning is annotation (segments), never rewriting.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SegmentKind = Literal["body", "headline", "byline", "dateline", "caption", "boilerplate"]
Feature = Literal["country", "admin1", "admin2", "city", "region", "water", "landform", "other"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
SourceType = Literal["person", "organization", "media", "anonymous", "document", "unknown"]
Stance = Literal["assert", "believe", "speculate", "deny", "question"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EXTRACTABLE_KINDS: frozenset[str] = frozenset({"body", "headline"})


class _Model(BaseModel):
    """Base: tolerant of extra keys on input (scorers add their own), strict on our own fields."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)


class Span(_Model):
    start: int
    end: int
    text: str


class EntitySpan(Span):
    entity_id: str | None = None


class Segment(_Model):
    start: int
    end: int
    kind: SegmentKind


class Entity(_Model):
    start: int
    end: int
    text: str
    label: str
    canonical: str
    entity_id: str


class Place(_Model):
    start: int
    end: int
    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature: Feature | None = None
    geonameid: int | str | None = None
    confidence: float = 0.0
    reason: str | None = None


class Time(_Model):
    start: int
    end: int
    text: str
    type: TimeType
    value: str
    mod: str | None = None
    anchor: str | None = None


class Source(EntitySpan):
    type: SourceType = "unknown"


class Attribution(_Model):
    id: str
    source: Source | None = None
    cue: Span | None = None
    content: Span
    parent: str | None = None
    stance: Stance = "assert"


class Quantity(_Model):
    value: float | int
    unit: str
    text: str


class SentenceRef(_Model):
    start: int
    end: int


class Event(_Model):
    id: str
    type: EventType
    mode: str | None = None
    trigger: Span
    actor: EntitySpan | None = None
    recipient: EntitySpan | None = None
    instrument: Span | None = None
    place: int | None = None
    place_source: str | None = None  # clause | sentence | dateline | focus (geo/event_place.py)
    time: int | None = None
    date: str | None = None
    date_precision: str | None = None
    sentence: SentenceRef
    attribution: str | None = None
    negated: bool = False
    quantity: Quantity | None = None


class Document(_Model):
    """One article and every layer the pipeline adds to it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        """A span of this document's text, so callers never compute text and offsets separately."""
        return Span(start=start, end=end, text=self.text[start:end])

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=False)
