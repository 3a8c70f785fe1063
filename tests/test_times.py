"""times stage: TIMEX3 extents, types and values (sentences written for these tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph import extract
from newsgraph.stages.times import tag
from newsgraph.timex import (
    duration_value,
    holiday,
    is_timex_value,
    month_day_year,
    parse_dct,
    weekday_near,
    words_to_number,
)

DCT = "2022-09-24"  # a Saturday


def values(text: str, published: str | None = DCT, tense=None) -> dict[str, tuple[str, str]]:
    """{extent text: (type, value)} for a sentence, so tests read like the annotation they check."""
    return {text[f.start:f.end]: (f.type, f.value) for f in tag(text, published, tense=tense)}


# ------------------------------------------------------------------------------------------ pure helpers

def test_number_words() -> None:
    assert words_to_number("twenty four") == 24
    assert words_to_number("twenty-four") == 24
    assert words_to_number("a hundred") == 100
    assert words_to_number("2 1/2") == 2.5
    assert words_to_number("several") is None


def test_duration_values_use_iso_units() -> None:
    assert duration_value(3, "week") == "P3W"
    assert duration_value(None, "month") == "PXM"
    assert duration_value(5, "hour") == "PT5H"
    assert duration_value(1.5, "minute") == "PT1M30S"
    assert duration_value(2, "decade") == "P20Y"
    assert duration_value(2.5, "year") == "P2Y6M"


def test_weekday_direction() -> None:
    sat = date(2022, 9, 24)
    assert weekday_near(sat, 5, -1) == date(2022, 9, 23)
    assert weekday_near(sat, 5, 1) == date(2022, 9, 30)
    assert weekday_near(sat, 6, -1) == sat


def test_month_day_year_follows_tense() -> None:
    ref = date(1999, 4, 19)
    assert month_day_year(ref, 10, 23, -1) == 1998
    assert month_day_year(ref, 10, 23, 1) == 1999
    assert month_day_year(date(1989, 12, 28), 1, 3, 1) == 1990


def test_holidays() -> None:
    assert holiday("Thanksgiving Day", 1999) == date(1999, 11, 25)
    assert holiday("Easter", 2024) == date(2024, 3, 31)
    assert holiday("Election Day", 1998) == date(1998, 11, 3)


def test_dct_parsing_accepts_dates_and_datetimes() -> None:
    assert parse_dct("2022-09-24") == (date(2022, 9, 24), None)
    assert parse_dct("2022-09-24T10:05:00Z") == (date(2022, 9, 24), "10:05")
    assert parse_dct("yesterday") == (None, None)
    assert parse_dct(None) == (None, None)


def test_validator_rejects_malformed_values() -> None:
    for good in ("2022-09-23", "2022-W38", "2022-Q3", "198", "PAST_REF", "P3W", "PT1M30S", "2022-09-23T14:30",
                 "XXXX-WXX-2TNI", "2022-SU", "1990-W32-WE", "PXY"):
        assert is_timex_value(good), good
    for bad in ("", "2022-9-23", "P", "PT", "last week", "2022-W38-8", "P3X3"):
        assert not is_timex_value(bad), bad


# ------------------------------------------------------------------------------------------ the tagger

def test_seed_expressions_resolve_against_the_dct() -> None:
    got = values("Officials said on the 23rd that the army had advanced since this month began.")
    assert got["the 23rd"] == ("DATE", "2022-09-23")
    assert got["this month"] == ("DATE", "2022-09")


def test_extent_leaves_out_the_preposition_but_keeps_modifiers() -> None:
    got = values("The siege lasted for nearly forty years and ended in 2009.")
    assert got["nearly forty years"] == ("DURATION", "P40Y")
    assert got["2009"] == ("DATE", "2009")
    assert "for nearly forty years" not in got


def test_foreign_outlet_date_formats() -> None:
    got = values("The ministry spoke on 2021年03月23日 and again on 23.03.2021, then on 2021-03-25.")
    assert got["2021年03月23日"] == ("DATE", "2021-03-23")
    assert got["23.03.2021"] == ("DATE", "2021-03-23")
    assert got["2021-03-25"] == ("DATE", "2021-03-25")


def test_numeric_dates_and_clock_times() -> None:
    got = values("Talks began on 3/18/2013 and ended 20.03.2013. At 11:30 a.m. on March 20, 2013, the quake struck; "
                 "the convoy left at 0800 GMT and returned at 4 in the afternoon.", "2013-03-22")
    assert got["3/18/2013"] == ("DATE", "2013-03-18")
    assert got["20.03.2013"] == ("DATE", "2013-03-20")
    assert got["11:30 a.m. on March 20, 2013"] == ("TIME", "2013-03-20T11:30")
    assert got["4 in the afternoon"][1].endswith("T16:00")


def test_month_name_dates() -> None:
    got = values("Talks began March 23rd, resumed 24 March 2021 and collapsed on Sept. 2, 2021.")
    assert got["March 23rd"] == ("DATE", "2022-03-23")
    assert got["24 March 2021"] == ("DATE", "2021-03-24")
    assert got["Sept. 2, 2021"] == ("DATE", "2021-09-02")


def test_relative_calendar_units() -> None:
    got = values("Prices rose last week, fell last month and will recover next year; two weeks ago they peaked.")
    assert got["last week"] == ("DATE", "2022-W37")
    assert got["last month"] == ("DATE", "2022-08")
    assert got["next year"] == ("DATE", "2023")
    assert got["two weeks ago"] == ("DATE", "2022-W36")


def test_deictic_days_and_parts_of_day() -> None:
    got = values("The vote was held yesterday; results come tomorrow, and this morning crowds gathered.")
    assert got["yesterday"] == ("DATE", "2022-09-23")
    assert got["tomorrow"] == ("DATE", "2022-09-25")
    assert got["this morning"] == ("TIME", "2022-09-24TMO")


def test_fuzzy_references() -> None:
    got = values("The party has recently split; it is now weaker and the future looks grim.")
    assert got["recently"] == ("DATE", "PAST_REF")
    assert got["now"] == ("DATE", "PRESENT_REF")
    assert got["the future"] == ("DATE", "FUTURE_REF")


def test_durations_and_sets() -> None:
    got = values("The blockade lasted three weeks, months of talks followed, and inspectors came weekly.")
    assert got["three weeks"] == ("DURATION", "P3W")
    assert got["weekly"] == ("SET", "P1W")
    got = values("Envoys met every two weeks for several months and paid $40 a day.")
    assert got["every two weeks"] == ("SET", "P2W")
    assert got["several months"] == ("DURATION", "PXM")
    assert got["a day"] == ("SET", "P1D")


def test_quarters_seasons_decades() -> None:
    got = values("Third-quarter profit fell, unlike last summer, the best season since the 1990s.")
    assert got["Third-quarter"] == ("DATE", "2022-Q3")
    assert got["last summer"] == ("DATE", "2022-SU")  # the summer just ended
    assert got["the 1990s"] == ("DATE", "199")


def test_narrative_reference_for_the_next_day() -> None:
    got = values("The rebels entered the city on March 3, 2020. The next day they took the airport.")
    assert got["March 3, 2020"] == ("DATE", "2020-03-03")
    assert got["The next day"] == ("DATE", "2020-03-04")


def test_anchor_says_what_a_relative_value_was_counted_from() -> None:
    text = "The rebels entered the city on March 3, 2020. The next day they took the airport. On Friday talks resumed."
    anchors = {text[f.start:f.end]: f.anchor for f in tag(text, DCT)}
    assert anchors == {"March 3, 2020": None, "The next day": "2020-03-03", "Friday": "DCT"}


def test_year_ago_in_quarterly_reports_keeps_the_quarter() -> None:
    got = values("Net income in the third quarter rose to $5 million from $4 million a year earlier.",
                 "1989-10-26")
    assert got["the third quarter"] == ("DATE", "1989-Q3")
    assert got["a year earlier"] == ("DATE", "1988-Q3")


def test_weekday_follows_the_tense_hint() -> None:
    past = values("The minister resigned Friday.", tense=lambda _pos: -1)
    future = values("The minister will resign Friday.", tense=lambda _pos: 1)
    assert past["Friday"] == ("DATE", "2022-09-23")
    assert future["Friday"] == ("DATE", "2022-09-30")


def test_no_dct_keeps_absolute_values_and_marks_relative_ones() -> None:
    got = values("The truce of 12 May 2021 collapsed last week and talks resume Friday.", published=None)
    assert got["12 May 2021"] == ("DATE", "2021-05-12")
    assert got["last week"] == ("DATE", "PAST_REF")
    assert got["Friday"] == ("DATE", "XXXX-WXX-5")


def test_non_times_are_left_alone() -> None:
    got = values("Jan Kavan said 1990 troops and a 6-year-old boy may march on.")
    assert got == {}


def test_datetime_dct_is_accepted() -> None:
    got = values("Shelling resumed today.", published="2022-09-24T08:15:00+03:00")
    assert got["today"] == ("DATE", "2022-09-24")


def test_holiday_resolves_to_the_nearest_past_one() -> None:
    got = values("The boy was rescued on Thanksgiving Day.", published="2000-01-07")
    assert got["Thanksgiving Day"] == ("DATE", "1999-11-25")


# ------------------------------------------------------------------------------------------ properties

_EXPRESSIONS = st.sampled_from([
    "today", "yesterday", "tonight", "this week", "last week", "next month", "this month", "last year",
    "the weekend", "Friday", "last Monday", "next Tuesday night", "March", "last April", "Oct. 23", "the 23rd",
    "the 31st", "Feb. 29", "the third quarter", "the year-ago quarter", "a year earlier", "two weeks ago",
    "five years ago", "the next day", "the day before", "that year", "last fall", "this winter", "the 1980s",
    "the '90s", "the 20th century", "recently", "now", "the future", "three days", "several months", "decades ago",
    "a minute and a half", "2 1/2 years", "weekly", "every other week", "each Thursday", "$3 a year",
    "10:30 a.m. Friday", "noon Saturday", "midnight", "Thanksgiving", "Easter", "early next year",
    "the end of the month", "mid-1996", "fiscal 1989", "year-end", "the first half", "the past 20 years",
    "2021年03月23日", "23.03.2021", "24 March", "the day after tomorrow", "the coming weeks",
])
_DCTS = st.one_of(
    st.none(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)).map(date.isoformat),
    st.dates().map(date.isoformat),  # the calendar's edges (year 1, year 9999) must not crash relative values
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2080, 1, 1)).map(lambda d: d.isoformat()),
)


@settings(max_examples=300, deadline=None)
@given(dct=_DCTS, expr=_EXPRESSIONS, tense=st.sampled_from([-1, 0, 1]))
def test_every_value_is_a_valid_timex3_value(dct: str | None, expr: str, tense: int) -> None:
    text = f"Officials said the talks began on {expr}, and more would follow."
    found = tag(text, dct, tense=lambda _pos: tense)
    if dct is None or 1000 <= int(dct[:4]) <= 9000:  # near the calendar's edges some values may not exist
        assert found, expr
    for f in found:
        assert is_timex_value(f.value), (expr, dct, f.value)
        assert f.type in ("DATE", "TIME", "DURATION", "SET")
        assert 0 <= f.start < f.end <= len(text)
        assert not text[f.start].isspace() and not text[f.end - 1].isspace()


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31)), n=st.integers(1, 30))
def test_days_ago_counts_back_from_the_dct(day: date, n: int) -> None:
    found = tag(f"It happened {n} days ago.", day.isoformat())
    assert [f.value for f in found] == [(day - timedelta(days=n)).isoformat()]


# ------------------------------------------------------------------------------------------ with the parse

@pytest.mark.slow
def test_pipeline_uses_verb_tense_for_weekdays(pipeline) -> None:
    doc = extract("The rebels seized the bridge on Tuesday. Envoys will meet on Tuesday.", DCT, pipeline=pipeline)
    got = [(t.text, t.value) for t in doc.times]
    assert got == [("Tuesday", "2022-09-20"), ("Tuesday", "2022-09-27")]


_NEWSY = st.lists(st.sampled_from([*"0123456789 -.,:/'年月日",
    " May ", " March ", "Friday", " the ", " last ", " next ", " week", " years", " ago", " a.m.", " quarter",
    " third", " since ", " on ", " 23rd", " early ", " of ", "1998", "s", " and a half", " every ", " $"]),
    max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_NEWSY, dct=_DCTS)
def test_any_text_gives_valid_sorted_non_overlapping_spans(text: str, dct: str | None) -> None:
    found = tag(text, dct)
    for f in found:
        assert is_timex_value(f.value), (text, f)
        assert 0 <= f.start < f.end <= len(text)
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_long_text_is_tagged_quickly() -> None:
    import time

    text = ("On Friday, March 3, 2020, about 1,200 people marched for three hours; a week earlier 5 percent "
            "had said last year's third-quarter figures were worse than a year ago. ") * 400
    t0 = time.perf_counter()
    found = tag(text, DCT)
    assert time.perf_counter() - t0 < 5.0
    assert len(found) >= 400 * 6


# ------------------------------------------------------------------------------------------ added with issue #4

def test_spelled_out_years_after_a_month_or_season() -> None:
    got = values("The mine closed in January nineteen ninety-seven and reopened in the spring of two thousand and one.")
    assert got["January nineteen ninety-seven"] == ("DATE", "1997-01")
    assert got["the spring of two thousand and one"] == ("DATE", "2001-SP")


def test_the_week_of_a_date_is_that_calendar_week() -> None:
    got = values("Hearings are set for the week of March 6, 2023.")
    assert got["the week of March 6, 2023"] == ("DATE", "2023-W10")


def test_a_deadline_seen_from_after_it_points_back() -> None:
    before = values("The offer had been due to expire Friday.", tense=lambda _pos: 0)
    ahead = values("The offer is due to expire Friday.", tense=lambda _pos: 0)
    assert before["Friday"] == ("DATE", "2022-09-23")
    assert ahead["Friday"] == ("DATE", "2022-09-30")


# ------------------------------------------------------------------------------------------ publication date

def _annotated(text: str, published: str | None = None, source: str | None = None):
    from newsgraph.document import Document
    from newsgraph.stages import segments, times

    doc = Document(id="t", text=text, published=published, meta={"date_source": source} if source else {})
    segments.annotate(doc, None, None)  # type: ignore[arg-type]
    times.annotate(doc, None, None)  # type: ignore[arg-type]
    return doc


@pytest.mark.parametrize("text", [
    "MOSCOW, 05.03.2023. Ministers said on Sunday that the talks would go on.",
    "Ankara, 05.03.2023 - Ministers met on Sunday.",
    "LIMA, March 5, 2023 (EFE) -- Ministers met on Sunday.",
    "QUITO, 5 March 2023 (Reuters) - Ministers met on Sunday.",
    "本报北京2023年3月5日电 部长们今天会面。",
])
def test_a_dated_dateline_gives_the_publication_date(text: str) -> None:
    doc = _annotated(text)
    assert doc.published == "2023-03-05"
    assert doc.meta["date_source"] == "dateline"


def test_the_dateline_date_is_set_before_relative_values_resolve() -> None:
    doc = _annotated("MOSCOW, 05.03.2023. The envoy arrived yesterday and leaves on Friday.")
    got = {t.text: t.value for t in doc.times}
    assert got["yesterday"] == "2023-03-04"
    assert got["Friday"].startswith("2023-03-")


@pytest.mark.parametrize("text", [
    "On March 5, 2003, the war began; it ended years later.",
    "The talks, held on 5 March 2023 - a Sunday - failed.",
    "Ministers met on Sunday in Lima.",
])
def test_a_date_inside_the_story_is_not_a_publication_date(text: str) -> None:
    doc = _annotated(text)
    assert doc.published is None
    assert "date_source" not in doc.meta


def test_a_given_date_is_kept_with_its_source() -> None:
    doc = _annotated("MOSCOW, 05.03.2023. Ministers met yesterday.", published="2023-03-07", source="given")
    assert doc.published == "2023-03-07"
    assert doc.meta["date_source"] == "given"
    assert {t.text: t.value for t in doc.times}["yesterday"] == "2023-03-06"


def test_a_forecast_quarter_is_not_the_one_a_year_ago_compares_with() -> None:
    got = values("Losses will last through the third quarter of 1990. In the year-ago period, it earned $4 million.",
                 "1989-10-26")
    assert got["the third quarter of 1990"] == ("DATE", "1990-Q3")
    assert got["the year-ago period"] == ("DATE", "1988-Q3")


def test_a_stretch_later_is_the_duration_with_later_as_its_signal() -> None:
    got = values("The bridge fell on March 3, 2020. Three days later, and again a few days after that, crowds came.")
    assert got["Three days"] == ("DURATION", "P3D")
    assert "Three days later" not in got
    assert values("Years later the town recovered.")["Years later"] == ("DATE", "FUTURE_REF")
    assert values("Two weeks ago the town flooded.")["Two weeks ago"] == ("DATE", "2022-W36")


@pytest.mark.slow
def test_a_headline_in_the_simple_present_tells_past_news(pipeline) -> None:
    text = ("Rebels seize bridge on Tuesday\n\n"
            "Rebel fighters seized the main bridge on Tuesday, officials said. Envoys will meet on Tuesday.")
    doc = extract(text, DCT, pipeline=pipeline)
    got = [(t.text, t.value) for t in doc.times]
    assert got == [("Tuesday", "2022-09-20"), ("Tuesday", "2022-09-20"), ("Tuesday", "2022-09-27")]
    doc = extract("Minister to resign on Friday\n\nThe minister will step down, aides said.", DCT, pipeline=pipeline)
    assert [(t.text, t.value) for t in doc.times] == [("Friday", "2022-09-30")]
    # a passive infinitive looks forward like an active one ('to be lifted', 'is to be reopened')
    doc = extract("Curfew to be lifted on Friday\n\nThe bridge is to be reopened on Monday, aides said.", DCT,
                  pipeline=pipeline)
    assert [(t.text, t.value) for t in doc.times] == [("Friday", "2022-09-30"), ("Monday", "2022-09-26")]


def test_that_day_after_a_month_is_a_day_of_that_month() -> None:
    got = values("Crowds gathered on Thursday. The last attack came in March 2021, and the site was closed that "
                 "same day.")
    assert got["that same day"] == ("DATE", "2021-03-XX")
    got = values("Crowds gathered on Thursday and left that same day.", tense=lambda _pos: -1)
    assert got["that same day"] == ("DATE", "2022-09-22")


def test_a_month_before_a_noun_names_when_it_happened() -> None:
    got = values("The May vote was delayed, but the March accession went ahead. You may march.")
    assert got["May"] == ("DATE", "2022-05")
    assert got["March"] == ("DATE", "2022-03")
    assert len(got) == 2


def test_the_second_day_of_a_pair_shares_month_and_year() -> None:
    got = values("Leaders meet on April 24 and 25. Turnout rose on May 3 or 4, 2021, in Oslo.")
    assert got["April 24"] == ("DATE", "2022-04-24")
    assert got["25"] == ("DATE", "2022-04-25")
    assert got["May 3"] == ("DATE", "2021-05-03")
    assert got["4, 2021"] == ("DATE", "2021-05-04")
    assert "2021" not in got
    assert "25" not in values("Sales rose on April 24 and 25 percent more were sold.")


def test_the_last_twenty_four_hours_is_the_past_day() -> None:
    got = values("In the last twenty four hours the river rose; the strike lasted 24 hours.")
    assert got["the last twenty four hours"] == ("DURATION", "P1D")
    assert got["24 hours"] == ("DURATION", "PT24H")


@pytest.mark.slow
def test_a_present_perfect_reaches_on_to_its_until_limit(pipeline) -> None:
    doc = extract("Lenders have extended the credit line through January. Until March, the mill had not paid "
                  "its workers.", DCT, pipeline=pipeline)
    got = {t.text: t.value for t in doc.times}
    assert got == {"January": "2023-01", "March": "2022-03"}


@pytest.mark.slow
def test_pipeline_reads_headline_futures_and_present_plans(pipeline) -> None:
    """'Storm to hit coast on Sunday' (a headline's 'X to do'), 'winds are expected from Saturday evening' (a
    present passive plan) point forward; 'stocks hurt the index on Friday' (an invariant verb tagged VBP) does not."""
    dct = "2018-11-09"  # a Friday
    doc = extract("Storm to hit coast on Sunday\n\nWinds are expected from Saturday evening. Weak technology stocks "
                  "hurt the index, which fell 1.4% on Friday.", dct, pipeline=pipeline)
    got = {t.text: t.value for t in doc.times}
    assert got["Sunday"] == "2018-11-11"
    assert got["Saturday evening"] == "2018-11-10TEV"
    assert got["Friday"] == "2018-11-09"
