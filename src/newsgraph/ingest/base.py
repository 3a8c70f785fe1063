"""What every ingester yields: a RawDoc (text + metadata) or an InputError, in input order."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from newsgraph.document import Document


@dataclass(slots=True)
class RawDoc:
    id: str
    text: str
    source: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_document(self) -> Document:
        return Document(
            id=self.id, text=self.text, published=self.published, title=self.title, url=self.url,
            outlet=self.outlet, byline=self.byline, meta=dict(self.meta), warnings=list(self.warnings),
        )


def text_hash(text: str) -> str:
    """Content hash used for ids of id-less inputs and for re-ingest de-duplication."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
