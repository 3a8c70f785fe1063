"""events stage (placeholder until implemented)."""

from __future__ import annotations

from typing import Any

from newsgraph.context import Context
from newsgraph.document import Document


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    """Adds nothing yet."""
