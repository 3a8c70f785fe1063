"""Segment grammars: wire datelines and agency credits (``dateline``), furniture lines by shape (``furniture``).

The segments stage (``newsgraph.stages.segments``) walks paragraphs and asks these modules what each one, or its
front, is. They are pure functions over strings, so they can be tested on lines alone. docs/segments.md describes
the grammar.
"""
