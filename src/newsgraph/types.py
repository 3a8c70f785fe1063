"""Shared type aliases, in one place (like textacy's types.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

    from newsgraph.context import Context
    from newsgraph.document import Document

StageFunc: TypeAlias = "Callable[[Document, SpacyDoc | None, Context], None]"
Offsets: TypeAlias = tuple[int, int]
