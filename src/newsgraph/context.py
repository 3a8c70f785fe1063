"""Per-run context handed to every stage: settings, lazily opened resources, timings.

Resources (gazetteer, lexicons) are opened once per process and shared by all documents, so a stage never pays
start-up cost per document and never touches the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsgraph.config import Settings


@dataclass
class Context:
    settings: Settings = field(default_factory=Settings)
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, factory: Any) -> Any:
        """Open a shared resource once (e.g. the gazetteer) and cache it for the run."""
        if name not in self._resources:
            self._resources[name] = factory()
        return self._resources[name]
