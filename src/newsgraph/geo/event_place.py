"""Where an event happened, and how sure the link is: ``place_source`` says which evidence chose ``place``.

The events stage first looks in the event's own clause (its locative argument, or the target of a material event:
``events.fields.pick_place``). Reports often put the place elsewhere ('In Kharkiv Oblast, shelling continued ...'
is in the clause; 'Fighting raged. Two were killed near Synkivka' is not), so this module falls back, in order
of honesty, like ``date_precision`` does for dates:

- ``clause``: a place in the event's clause (the events stage's pick);
- ``sentence``: a place in a locative phrase ('in X', 'near X') elsewhere in the event's sentence, nearest the
  trigger, never one of the event's parties ('accused Moscow');
- ``dateline``: the dateline's place ('KHARKIV, Ukraine (Reuters) -'), where the report was filed;
- ``focus``: the document's focus place (``stages.places.document_focus``): the area the report is about.
None when the document has no resolved place at all.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from newsgraph.document import Document

LOCATIVE_HEADS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into", "throughout",
                            "within", "along", "off", "toward", "towards", "from", "outskirts", "of"})
PLACE_SOURCES = ("clause", "sentence", "dateline", "focus")


def in_locative_phrase(tok: Any) -> bool:
    """Is the token (inside) the object of a locative preposition ('in [the village of] X', 'near X')?"""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE_HEADS:
            return cur.head.lower_ != "of" or cur.head.head.lower_ in ("outskirts", "village", "town", "city",
                                                                        "district", "region", "province")
        if cur.dep_ in ("compound", "conj", "appos", "pobj", "prep") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return False
    return False


def event_place(doc: Document, parsed: Any, place_starts: list[int | None], clause_pick: int | None,
                sent: Any, trigger_i: int, parties: set[int]) -> tuple[int | None, str | None]:
    """(index into doc.places, place_source) for one event; ``parties`` are token indices of its actor/recipient."""
    if clause_pick is not None:
        return clause_pick, "clause"
    best: tuple[int, int] | None = None  # (distance, place index): the nearest, the first of equals
    by_token = _by_token(place_starts)
    k = bisect_left(by_token, (sent.start, -1))
    while k < len(by_token) and by_token[k][0] < sent.end:
        ti, n = by_token[k]
        k += 1
        if ti in parties or doc.places[n].lat is None or not in_locative_phrase(parsed[ti]):
            continue
        if best is None or (abs(ti - trigger_i), n) < best:
            best = (abs(ti - trigger_i), n)
    if best is not None:
        return best[1], "sentence"
    dateline, focus = _fallbacks(doc, place_starts)
    if dateline is not None:
        return dateline, "dateline"
    if focus is not None:
        return focus, "focus"
    return None, None


_BY_TOKEN: list[Any] = [None, []]
_FALLBACKS: list[Any] = [None, None, (None, None)]


def _by_token(place_starts: list[int | None]) -> list[tuple[int, int]]:
    """(token index, place index) of the places, sorted: a sentence's places are found by bisection, not by a
    scan of every place of the document per event (which made long documents quadratic). Built once per list."""
    if _BY_TOKEN[0] is not place_starts:
        _BY_TOKEN[:] = [place_starts, sorted((ti, n) for n, ti in enumerate(place_starts) if ti is not None)]
    return _BY_TOKEN[1]


def _fallbacks(doc: Document, place_starts: list[int | None]) -> tuple[int | None, int | None]:
    """The dateline and focus places, computed once per events pass over a document (the events stage makes
    ``place_starts`` afresh for each pass) rather than once per event."""
    if _FALLBACKS[0] is not doc or _FALLBACKS[1] is not place_starts:
        _FALLBACKS[:] = [doc, place_starts, (dateline_place(doc), focus_place(doc))]
    return _FALLBACKS[2]


def dateline_place(doc: Document) -> int | None:
    """The first resolved place inside a dateline segment (the most specific one comes first: 'KHARKIV, Ukraine')."""
    lines = [(s.start, s.end) for s in doc.segments if s.kind == "dateline"]
    for n, p in enumerate(doc.places):
        if p.lat is not None and any(a <= p.start and p.end <= b for a, b in lines):
            return n
    return None


def focus_place(doc: Document) -> int | None:
    """Index of the first mention of the document's focus place."""
    from newsgraph.stages.places import document_focus

    focus = document_focus(doc.places)
    if focus is None:
        return None
    return next((n for n, p in enumerate(doc.places) if p is focus), None)


def role_tokens(*roles: Any) -> set[int]:
    """Token indices of the event's parties (their whole phrases), which never name where it happened."""
    out: set[int] = set()
    for tok in roles:
        if tok is not None:
            out.update(range(tok.left_edge.i, tok.right_edge.i + 1))
    return out
