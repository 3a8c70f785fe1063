"""The coref stage: pronoun and role-noun event actors take the entity id of the person they refer to."""

from __future__ import annotations

from newsgraph.document import Attribution, Document, Entity, EntitySpan, Event, Source, Span
from newsgraph.stages import coref

TEXT = ("Russian President Vladimir Putin met the envoy on Friday. He refused to discuss a ceasefire. "
        "The president also rejected talks. A taxi driver, Zurab, protested.")


def event(text: str, role: str, kind: str = "REJECT") -> Event:
    start = TEXT.index(role)
    trig = TEXT.index(text)
    return Event(id=f"v{trig}", type=kind, trigger=Span(start=trig, end=trig + len(text), text=text),
                 actor=EntitySpan(start=start, end=start + len(role), text=role), sentence={"start": 0, "end": 1})


def doc() -> Document:
    d = Document(id="d", text=TEXT)
    d.entities = [Entity(start=TEXT.index("Vladimir Putin"), end=TEXT.index("Vladimir Putin") + 14,
                         text="Vladimir Putin", label="PERSON", canonical="Vladimir Putin", entity_id="e1"),
                  Entity(start=TEXT.index("Zurab"), end=TEXT.index("Zurab") + 5, text="Zurab", label="PERSON",
                         canonical="Zurab", entity_id="e2")]
    return d


def test_pronoun_and_bare_role_take_the_antecedent() -> None:
    d = doc()
    d.events = [event("refused", "He"), event("rejected", "The president"),
                event("protested", "A taxi driver, Zurab", "PROTEST")]
    coref.annotate(d, None, None)
    assert [e.actor.entity_id for e in d.events] == ["e1", "e1", "e2"]


def test_attribution_source_link_is_reused_and_unknowns_stay_unknown() -> None:
    d = doc()
    s = TEXT.index("A taxi driver")
    d.attributions = [Attribution(id="a1", source=Source(start=s, end=s + 13, text="A taxi driver", type="person",
                                                         entity_id="e2"), content=Span(start=0, end=5, text="Russi"))]
    d.events = [event("protested", "A taxi driver", "PROTEST")]
    coref.annotate(d, None, None)
    assert d.events[0].actor.entity_id == "e2"
    d2 = Document(id="x", text=TEXT)
    d2.events = [event("refused", "He")]
    coref.annotate(d2, None, None)
    assert d2.events[0].actor.entity_id is None  # no person before it: nothing to point at
