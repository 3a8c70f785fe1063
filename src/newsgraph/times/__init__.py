"""TIMEX3 temporal expressions (TimeML 1.2.1), tagged by rules and resolved against the DCT.

Why rules: TempEval-3 showed rule systems (HeidelTime, SUTime) beat learned ones on normalisation, and the value
is what users need ('on the 23rd' -> 2022-09-23 on a timeline). HeidelTime itself is GPL, so this is our own
grammar. Extents follow the TimeML conventions: leading prepositions out, determiners and modifiers in.

How: a fixed list of compiled patterns (``patterns``, built once at import) is matched over each body/headline
range (``scan``); the longest non-overlapping candidates win; then the survivors are normalised left to right
(``resolver``, made of one rule module per kind of expression: ``dates``, ``relative``, ``quarters``, ``clock``,
``durations``, ``sets``, over the narrative state in ``anchoring``), so a date mentioned earlier becomes the
reference for 'the next day' and a quarter for 'a year earlier'. Bare weekdays and month names use the tense of
their governing verb (``tense``, from the one spaCy parse) to pick past or future. ``lexicon``, ``calendar``,
``values`` and ``normalise`` are pure functions and data, testable without spaCy. The stage on top is
``newsgraph.stages.times``.
"""

from newsgraph.times.dateline import dateline_date
from newsgraph.times.resolver import Found
from newsgraph.times.tagger import tag

__all__ = ["Found", "dateline_date", "tag"]
