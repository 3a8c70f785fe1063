"""PLOVER event coding helpers, used by ``newsgraph.stages.events``; small pure functions over one spaCy parse.

- ``lexicon``: the trigger lexicons (``lexicons/plover_*.tsv``) as typed rules
- ``syntax``: dependency helpers (subjects, objects, noun-phrase spans, clauses)
- ``triggers``: verb and noun trigger matching -> ``Candidate``
- ``modality``: content absorption, promises, futures, hedges, negation, background clauses, modes
- ``select``: which candidates of a sentence become events
- ``roles``: actor and recipient from argument structure (passive agents, nominal by/of/possessive phrases)
- ``instruments``: weapons and vehicles kept apart from the actor (``Event.instrument``), their owner as actor
- ``gate``: the no-event gate (conflict verbs with business, sport or culture parties; metaphors)
- ``conventions``: PLOVER's protest conventions once roles are known
- ``fields``: entity ids, place, time, date, attribution and quantity
"""
