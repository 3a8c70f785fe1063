"""Segments: furniture is marked, offsets always index the text, and no input makes the segmenter raise."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.document import Document
from newsgraph.spans import masked_text
from newsgraph.stages.language import detect_language
from newsgraph.stages.segments import segment

MT_ARTICLE = (
    "Ministry denies drone strike on depot\n\n"
    "(Reporter Chen Mei/Taipei report)\n\n"
    "[Compiled by Lin Wei/Comprehensive Report] The Defence Ministry on the 5th denied that its drones had struck "
    "a fuel depot near the border.\n\n"
    "(Reuters file photo)\n\n"
    "Continue reading\n\n"
    "Officials said the depot burned for two days."
)


def kinds(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: s.kind for s in segment(text)}


def test_machine_translated_furniture() -> None:
    k = kinds(MT_ARTICLE)
    assert k["Ministry denies drone strike on depot"] == "headline"
    assert k["(Reporter Chen Mei/Taipei report)"] == "byline"
    assert k["[Compiled by Lin Wei/Comprehensive Report]"] == "byline"
    assert k["(Reuters file photo)"] == "caption"
    assert k["Continue reading"] == "boilerplate"
    assert k["Officials said the depot burned for two days."] == "body"
    body = [t for t, kind in k.items() if kind == "body"]
    assert body[0].startswith("The Defence Ministry on the 5th")


def test_wire_dateline_and_credits() -> None:
    text = ("BEIRUT, March 3 (Reuters) - Israeli jets struck targets in southern Lebanon.\n\n"
            "By Jane Doe and Omar Haddad\n\n(Reporting by Laila Bassam; Editing by Alex Richardson)")
    k = kinds(text)
    assert k["BEIRUT, March 3 (Reuters) -"] == "dateline"
    assert k["By Jane Doe and Omar Haddad"] == "byline"
    assert k["(Reporting by Laila Bassam; Editing by Alex Richardson)"] == "byline"


def test_dateline_with_year_and_dateline_on_its_own_line() -> None:
    text = ("BEIJING, March 5, 2023 (Xinhua) -- China set a growth target of around 5 percent.\n\n"
            "WASHINGTON, August 11 (Xinhua) --\n\nThe talks ended without a statement.")
    k = kinds(text)
    assert k["BEIJING, March 5, 2023 (Xinhua) --"] == "dateline"
    assert k["WASHINGTON, August 11 (Xinhua) --"] == "dateline"
    assert k["The talks ended without a statement."] == "body"


def test_a_long_first_sentence_is_not_a_headline_if_single_paragraph() -> None:
    text = "Troops withdrew from the town on Monday after a week of heavy fighting."
    assert kinds(text)[text] == "body"


def test_masked_text_keeps_length_and_blanks_furniture() -> None:
    doc = Document(id="x", text=MT_ARTICLE, segments=segment(MT_ARTICLE))
    masked = masked_text(doc)
    assert len(masked) == len(MT_ARTICLE)
    assert "Continue reading" not in masked and "Reuters file photo" not in masked
    assert "The Defence Ministry on the 5th" in masked


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_segments_are_valid_spans_of_any_text(text: str) -> None:
    segs = segment(text)
    for s in segs:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end].strip()
    assert all(a.end <= b.start for a, b in itertools.pairwise(segs))


def test_language_of_english_and_russian() -> None:
    assert detect_language("The ministry said the talks would resume in Geneva next week.") == "en"
    assert detect_language("Министерство заявило, что переговоры возобновятся на следующей неделе.") == "ru"
    assert detect_language("12345 -- 678") is None


def test_short_english_with_unusual_names_stays_english() -> None:
    assert detect_language("Oskor donated vaccines to Tolvan.") == "en"
    assert detect_language("Varkon troops shelled the Ostrava border post on Friday.") == "en"
    assert detect_language("Las tropas se retiraron de la ciudad el lunes.") == "es"


def test_a_blank_line_always_ends_a_sentence(pipeline) -> None:
    parsed = pipeline.nlp("Armenia and Azerbaijan agree on their border\n\nYEREVAN, April 20 — Armenia agreed on Friday.")
    sents = [s.text.strip() for s in parsed.sents]
    assert sents[0] == "Armenia and Azerbaijan agree on their border"
    assert "newsgraph_paragraphs" in pipeline.nlp.pipe_names


def test_local_broadcaster_dateline() -> None:
    """A station's call sign stands where an agency would ('MARION COUNTY, FL (WKMG) -'); a bracketed word that
    is no call sign does not make a capitalised opening a dateline."""
    k = kinds("MARION COUNTY, FL (WKMG-TV) - Two barns burned overnight near the county line, deputies said.")
    assert k["MARION COUNTY, FL (WKMG-TV) -"] == "dateline"
    k = kinds("Officials (Retired) - Several former officers wrote to the council on Monday about pensions.")
    assert "dateline" not in k.values()
