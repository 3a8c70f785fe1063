"""Origins and corroboration: which reports are independent, and who a claim really comes from.

A report's *origin* is the first place its information can be traced to:
- a claim (attribution): the innermost *identified* source of its chain ('the Times quoted officials as
  saying' -> the officials when they are named; anonymous 'officials' -> the Times; a ministry whose clause
  was misread as quoting someone unnamed -> the ministry), else the outlet that published the report. A bare
  institution noun ('the ministry', 'police') is the earlier source of its document it refers back to, and
  when counting a claim's corroboration, failing that, the organisation another report of the claim names with
  that word (``resolve_in_claim``);
- an event report: the outlet that published it, or the outlet its attribution chain cites; and when a document
  cites an outlet for any of its reports of a story (a compilation: 'the New York Times reported that ...'),
  all its reports of that story count as that outlet's;
and for both, a reprint counts as its origin document's outlet (``documents.origin_id``).
``corroboration`` / ``origins`` is the number of distinct origins among a cluster's reports: reprints, and
chains that lead to the same original source, count once.
"""

from __future__ import annotations

from typing import Any

from newsgraph.fuse.links import UnionFind
from newsgraph.fuse.text import institution_key, name_key

IDENTIFIED_TYPES = frozenset({"person", "organization", "media", "document"})


def outlet_key(name: str | None) -> str | None:
    """'The New York Times' (an outlet) and 'the New York Times' (a cited source) share one key."""
    key = name_key(name or "")
    if key.startswith("the "):
        key = key[4:]
    return f"media:{key}" if key else None


def chain_path(attrs: dict[str, dict[str, Any]], aid: str) -> list[dict[str, Any]]:
    """The attribution chain through ``aid``, outermost first: its parents up to the top, then its innermost
    descendants (the child whose content lies inside the parent's, repeatedly). Loops and missing parents stop
    the walk instead of failing."""
    path: list[dict[str, Any]] = []
    seen: set[str] = set()
    cur: str | None = aid
    while cur and cur in attrs and cur not in seen:
        seen.add(cur)
        path.append(attrs[cur])
        cur = attrs[cur].get("parent")
    path.reverse()
    children: dict[str, list[dict[str, Any]]] = {}
    for a in attrs.values():
        if a.get("parent"):
            children.setdefault(a["parent"], []).append(a)
    cur = aid
    while True:
        kids = [k for k in children.get(cur, []) if k["id"] not in seen]
        if not kids:
            break
        parent = attrs[cur]
        inside = [k for k in kids if (k.get("content_start") or 0) >= (parent.get("content_start") or 0)
                  and (k.get("content_end") or 0) <= (parent.get("content_end") or 0)]
        nxt = min(inside or kids, key=lambda k: k.get("content_start") or 0)
        seen.add(nxt["id"])
        path.append(nxt)
        cur = nxt["id"]
    return path


def source_key(a: dict[str, Any]) -> str | None:
    """Who a source is, as a key comparable across documents, or None when the text does not say (anonymous
    'officials', a bare role noun like 'the ministry'):
    - an outlet: 'media:' + its name; a person: 'person:' + last name (the surname is what every outlet keeps:
      'Governor Vyacheslav Gladkov', 'the Belgorod state governor Gladkov');
    - an organisation or document: 'org:' + ``institution_key`` when it keeps at least two words (so 'the
      ministry' alone identifies nothing), else its entity id when linked."""
    text, typ = (a.get("source_text") or "").strip(), a.get("source_type")
    if not text or typ not in IDENTIFIED_TYPES:
        return None
    if typ == "media":
        return outlet_key(text)
    if typ == "person":
        last = text.split()[-1].strip(",.;:")
        if last[:1].isupper() and last.lower() not in ("he", "she", "him", "her"):
            return f"person:{name_key(last)}"
        return f"src:{a['source_canonical_id']}" if a.get("source_canonical_id") else None
    key = institution_key(text)
    if len(key.split()) >= 2:
        return f"org:{key}"
    return f"src:{a['source_canonical_id']}" if a.get("source_canonical_id") else None


def same_origin(a: str, b: str) -> bool:
    """Two origin keys are one origin when equal, or both organisations and one's words contain the other's
    ('defense ministry' and 'defense ministry russia')."""
    if a == b:
        return True
    if a.startswith("org:") and b.startswith("org:"):
        wa, wb = set(a[4:].split()), set(b[4:].split())
        return wa <= wb or wb <= wa
    return False


def count_origins(keys: list[str]) -> int:
    """Independent origins among a cluster's origin keys (see ``same_origin``)."""
    uniq = sorted(set(keys))
    uf = UnionFind()
    for i, a in enumerate(uniq):
        uf.add(a)
        for b in uniq[i + 1 :]:
            if same_origin(a, b):
                uf.union(a, b)
    return len(uf.groups())


def document_source_keys(attrs: dict[str, dict[str, Any]]) -> dict[str, str | None]:
    """``source_key`` of every attribution of one document, with bare institution nouns resolved in the text:
    'the ministry' or 'police' (one word left after ``institution_key``, not linked to an entity) is the latest
    earlier source of the document whose organisation key holds that word ('The Russian Defense Ministry said
    ... According to the ministry, ...' -> the defence ministry), as a reader resolves a definite description.
    No such earlier source: unidentified, as before."""
    ordered = sorted(attrs.values(), key=lambda a: (a.get("source_start") is None, a.get("source_start") or 0,
                                                    a.get("id") or ""))
    keys: dict[str, str | None] = {}
    seen: list[str] = []
    for a in ordered:
        key = source_key(a)
        if key is None:
            key = _resolve_bare_noun(a, seen)
        keys[a["id"]] = key
        if key and key.startswith("org:"):
            seen.append(key)
    return keys


def bare_noun(a: dict[str, Any]) -> str | None:
    """The one word of a bare institution source ('police', 'the ministry'), not linked to an entity; else None."""
    if a.get("source_type") not in ("organization", "document") or a.get("source_canonical_id"):
        return None
    words = institution_key(a.get("source_text") or "").split()
    return words[0] if len(words) == 1 else None


def _resolve_bare_noun(a: dict[str, Any], earlier: list[str]) -> str | None:
    word = bare_noun(a)
    if word is None:
        return None
    return next((k for k in reversed(earlier) if _holds_word(k, word)), None)


def resolve_in_claim(origins: dict[Any, str], bare: dict[Any, str]) -> dict[Any, str]:
    """Origins for counting a claim's corroboration: a report whose own source is a bare institution noun its
    document left unresolved ('Police said 23 people were arrested', so the outlet stood in) is the organisation
    another report of the same claim names with that word ('The Atlanta Police Department said 23 people were
    arrested'), as a reader of both would take it; the first such key in sort order, so the count does not depend
    on arrival. Only the count uses this: each report's stamped origin stays what its own document says."""
    out = dict(origins)
    orgs = sorted({k for k in origins.values() if k.startswith("org:")})  # once per claim, not once per report
    first: dict[str, str | None] = {}
    for key, word in bare.items():
        if origins.get(key, "").startswith(("org:", "person:", "src:")):
            continue  # its own document identified it (so its own key is never among ``orgs`` below)
        if word not in first:
            first[word] = next((k for k in orgs if _holds_word(k, word)), None)
        if first[word]:
            out[key] = first[word]
    return out


def _holds_word(org_key: str, word: str) -> bool:
    """Does an organisation origin key ('org:atlanta department police') hold this word?"""
    return word in org_key[4:].split()


def claim_origin(path: list[dict[str, Any]], outlet: str | None, origin_doc: str,
                 keys: dict[str, str | None] | None = None) -> str:
    """The origin key of the claim whose chain is ``path`` (outermost first), published by ``outlet``: the
    innermost identified source of the chain (a person, an organisation, a cited outlet), so an unidentified or
    spurious inner hop ('officials', a misread clause) hands the origin to the hop that passed it on; else the
    publishing outlet. ``keys`` are the document's resolved source keys (``document_source_keys``)."""
    for hop in reversed(path):
        key = keys.get(hop.get("id") or "") if keys is not None else source_key(hop)
        if key:
            return key
    return outlet_key(outlet) or f"doc:{origin_doc}"


def cites_outlet(path: list[dict[str, Any]]) -> bool:
    return any(hop.get("source_type") == "media" and hop.get("source_text") for hop in path)


def event_origin(path: list[dict[str, Any]], outlet: str | None, origin_doc: str) -> str:
    """The origin key of an event report: a cited outlet on its attribution chain, else its publisher."""
    for hop in reversed(path):
        if hop.get("source_type") == "media" and hop.get("source_text"):
            return outlet_key(hop["source_text"]) or f"doc:{origin_doc}"
    return outlet_key(outlet) or f"doc:{origin_doc}"


def original_source(path: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Text, type and entity id of the innermost source of a chain."""
    for hop in reversed(path):
        if hop.get("source_text"):
            return {"text": hop["source_text"], "type": hop.get("source_type"),
                    "canonical_id": hop.get("source_canonical_id")}
    return None
