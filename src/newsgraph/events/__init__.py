"""PLOVER event coding helpers: lexicon loading, trigger matching, roles, modality and layer links.

``newsgraph.stages.events`` orchestrates them; each module is a set of small pure functions over a spaCy parse.
"""
