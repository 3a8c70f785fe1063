"""Coreference for event roles: pronoun and role-noun actors and recipients ('he', 'the governor', 'the Russian
president') get the entity id of the person or organisation they refer to, within the document.

Fusion compares events across documents by entity id, so 'he refused' must carry Putin's id. The evidence, in
order: a named entity inside the role span; an attribution source at the same words (the attributions stage
already resolved 'He said' to its antecedent with number agreement, ``attrib.sources``); for a person pronoun
('he', 'she') or a bare role noun ('the president', 'the governor': ``attrib.sources.bare_role``), the nearest
earlier person entity; for 'they'/'it', the nearest earlier organisation or group. A role whose text names
someone new ('a 58-year-old taxi driver') is left alone. Pure: reads entities, attributions and events, writes
only ``entity_id`` on event roles that had none.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from newsgraph.attrib.sources import GROUP_PRONOUNS, LEADING_ARTICLE, PERSON_PRONOUNS, bare_role
from newsgraph.context import Context
from newsgraph.document import Document, Entity, EntitySpan

PERSON_ROLES = frozenset({
    "president", "prime minister", "minister", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson",
    "leader", "chancellor", "king", "queen", "premier", "senator", "general", "commander", "chief", "envoy",
    "ambassador", "secretary", "official", "head", "chairman", "chairwoman", "prosecutor", "judge",
})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})


def annotate(doc: Document, parsed: Any, ctx: Context) -> None:
    if not doc.events:
        return
    entities = sorted(doc.entities, key=lambda e: e.start)
    starts = [e.start for e in entities]
    sources = {(a.source.start, a.source.end): a.source.entity_id for a in doc.attributions
               if a.source is not None and a.source.entity_id}
    for event in doc.events:
        for role in (event.actor, event.recipient):
            if role is not None and role.entity_id is None:
                role.entity_id = resolve(role, entities, starts, sources)


def resolve(role: EntitySpan, entities: list[Entity], starts: list[int],
            sources: dict[tuple[int, int], str]) -> str | None:
    """The entity id a role span refers to, or None when the document does not say."""
    i = bisect_left(starts, role.start)  # entities are sorted by start: only those starting inside the role
    while i < len(entities) and starts[i] <= role.end:
        e = entities[i]
        if e.end <= role.end and e.label != "NORP":
            return e.entity_id
        i += 1
    if (role.start, role.end) in sources:
        return sources[(role.start, role.end)]
    text = LEADING_ARTICLE.sub("", role.text.strip()).lower()
    if text in PERSON_PRONOUNS:
        return _preceding(role.start, entities, starts, frozenset({"PERSON"}))
    if text in GROUP_PRONOUNS:
        return _preceding(role.start, entities, starts, ORG_LABELS)
    words = text.split()
    if words and bare_role(role.text) and (words[-1] in PERSON_ROLES or " ".join(words[-2:]) in PERSON_ROLES):
        return _preceding(role.start, entities, starts, frozenset({"PERSON"}))
    return None


def _preceding(pos: int, entities: list[Entity], starts: list[int], labels: frozenset[str]) -> str | None:
    i = bisect_left(starts, pos) - 1
    while i >= 0:
        if entities[i].label in labels:
            return entities[i].entity_id
        i -= 1
    return None
