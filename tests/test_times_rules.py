"""times: the TimeML conventions added in issue 11 (sentences written for these tests; no parse, tense unknown)."""

from __future__ import annotations

from datetime import date

from newsgraph.times.calendar import holiday
from newsgraph.times.tagger import tag
from newsgraph.times.values import duration_value


def values(text: str, published: str | None = "2024-01-30") -> dict[str, tuple[str, str]]:
    return {text[f.start:f.end]: (f.type, f.value) for f in tag(text, published)}


def test_a_part_of_a_named_day_is_a_time() -> None:
    got = values("Snow has fallen since Sunday night and more is expected by Thursday morning.")
    assert got["Sunday night"] == ("TIME", "2024-01-28TNI")
    assert got["Thursday morning"][0] == "TIME"
    assert got["Thursday morning"][1].endswith("TMO")
    assert values("They met Tuesday evening.", None)["Tuesday evening"] == ("TIME", "XXXX-WXX-2TEV")


def test_a_recurring_part_of_day_stays_a_set() -> None:
    assert values("The club meets on Tuesday nights.")["Tuesday nights"] == ("SET", "XXXX-WXX-2TNI")


def test_an_arranged_clock_time_points_forward() -> None:
    got = values("The final vote is set for 10 a.m. Friday.", "2023-12-21")
    assert got["10 a.m. Friday"] == ("TIME", "2023-12-22T10:00")
    assert values("The hearing is scheduled for Monday.", "2023-12-21")["Monday"] == ("DATE", "2023-12-25")


def test_a_hedged_24_hour_clock_takes_the_day_named_before() -> None:
    got = values("On 28 September, at approximately 14:30, gunmen opened fire.", "2022-10-03")
    assert got["approximately 14:30"] == ("TIME", "2022-09-28T14:30")
    found = [f for f in tag("Shots were heard at around 07:15.", "2022-10-03") if f.type == "TIME"]
    assert found[0].mod == "APPROX"


def test_a_fortnight_is_two_weeks() -> None:
    assert duration_value(1, "fortnight") == "P2W"
    assert duration_value(3, "fortnight") == "P6W"
    assert values("The pier was shut for a fortnight.")["a fortnight"] == ("DURATION", "P2W")
    assert values("Cases rose over the past fortnight.")["the past fortnight"] == ("DURATION", "P2W")


def test_every_weekend_is_a_weekend_set() -> None:
    assert values("Protesters have gathered every weekend.")["every weekend"] == ("SET", "XXXX-WXX-WE")


def test_easter_monday() -> None:
    assert holiday("Easter Monday", 2021) == date(2021, 4, 5)
    assert values("The clinic opened on Easter Monday.", "2021-04-12")["Easter Monday"] == ("DATE", "2021-04-05")


def test_an_age_is_not_a_decade() -> None:
    assert "fifties" not in values("The man, in his fifties, remains in hospital.")
    assert "early thirties" not in " ".join(values("A woman in her early thirties was hurt."))
    assert values("The mill closed in the fifties.", "2020-01-15")["the fifties"] == ("DATE", "195")


def test_a_24_hour_clock_time_may_end_a_sentence() -> None:
    assert values("The drone struck at 18:00. Two people were hurt.", "2023-09-06")["18:00"][0] == "TIME"
    assert "14:30" not in " ".join(values("The ratio was 14:30.5 at the close."))


def test_an_evening_clock_time_belongs_to_the_night_the_story_named() -> None:
    text = "The city was shelled overnight. The strikes began after 11 p.m. and ended at 2 a.m., officials said."
    got = values(text, "2023-03-08")
    assert got["11 p.m."] == ("TIME", "2023-03-07T23:00")
    assert got["2 a.m."] == ("TIME", "2023-03-08T02:00")
    later = values("The shelling began on Friday night. On Sunday the market opened at 9 a.m.", "2023-03-08")
    assert later["9 a.m."] == ("TIME", "2023-03-05T09:00")


def test_overlap_check_against_disjoint_spans() -> None:
    from newsgraph.times.scan import overlaps_taken

    starts, ends = [0, 10, 20], [5, 15, 25]
    assert overlaps_taken(starts, ends, 3, 8)      # tail of the first
    assert overlaps_taken(starts, ends, 7, 11)     # head of the second
    assert overlaps_taken(starts, ends, 11, 12)    # inside
    assert overlaps_taken(starts, ends, 9, 30)     # covers two
    assert not overlaps_taken(starts, ends, 5, 10)  # the gap exactly
    assert not overlaps_taken(starts, ends, 25, 40)
    assert not overlaps_taken([], [], 0, 4)


def test_a_long_text_is_tagged_in_linear_time() -> None:
    import time

    para = "On Monday, two weeks ago, at 10 a.m. Friday, the past three weeks, every Tuesday and in 1998. "
    small, big = para * 50, para * 800
    t0 = time.perf_counter()
    n_small = len(tag(small, "2024-01-30"))
    t1 = time.perf_counter()
    n_big = len(tag(big, "2024-01-30"))
    t2 = time.perf_counter()
    assert n_big == 16 * n_small
    assert (t2 - t1) < 40 * (t1 - t0) + 0.5  # 16x the text: well under quadratic (256x)


def test_half_and_quarter_amounts_before_the_unit() -> None:
    assert values("He served two and a half years.")["two and a half years"] == ("DURATION", "P2Y6M")
    assert values("It lasted nearly a quarter of a century.")["nearly a quarter of a century"] == ("DURATION", "P25Y")


def test_vague_and_joined_recurrences() -> None:
    assert values("Prices are reviewed every few months.")["every few months"] == ("SET", "PXM")
    got = values("Sessions are held every Tuesday, Thursday and Saturday.")
    assert got["Thursday"] == ("SET", "XXXX-WXX-4")
    assert got["Saturday"] == ("SET", "XXXX-WXX-6")
    assert values("He met them on Monday and Thursday.")["Thursday"][0] == "DATE"  # no SET to join


def test_a_clock_time_takes_the_day_named_right_after_it() -> None:
    got = values("The polls closed at 8:30 p.m. local time (1730 GMT) on Sunday.")
    assert got["8:30 p.m. local time"] == ("TIME", "2024-01-28T20:30")
    assert got["1730 GMT"] == ("TIME", "2024-01-28T17:30")
    assert values("The talks ended at 18:00 and on Friday they resumed.")["18:00"] == ("TIME", "2024-01-30T18:00")


def test_day_ranges_give_the_first_day_its_month() -> None:
    got = values("In the period from 1 to 7 March, 40 incidents were recorded.", "2023-06-07")
    assert got["1"] == ("DATE", "2023-03-01")
    assert got["7 March"] == ("DATE", "2023-03-07")
    assert values("The festival runs 12-14 May.", "2023-06-07")["12"] == ("DATE", "2023-05-12")
    assert "3" not in values("Prices rose between 3 and 4 percent on 5 June.", "2023-06-07")


def test_a_part_of_day_takes_the_date_after_its_of() -> None:
    got = values("In the afternoon of 3 June, a car exploded.", "2023-06-07")
    assert got["the afternoon"] == ("TIME", "2023-06-03TAF")
    assert got["3 June"] == ("DATE", "2023-06-03")


def test_the_past_day_and_halves_of_relative_years() -> None:
    assert values("Over the past day, 5 people were wounded.")["the past day"] == ("DURATION", "P1D")
    assert values("in the first half of the year")["the first half of the year"] == ("DATE", "2024-H1")
    assert values("in the second half of next year")["the second half of next year"] == ("DATE", "2025-H2")


def test_naming_the_morning_after_keeps_the_night() -> None:
    text = "The city was shelled overnight, officials said on Wednesday. The strikes began after 11 p.m."
    assert values(text, "2023-03-08")["11 p.m."] == ("TIME", "2023-03-07T23:00")
    other = "The city was shelled overnight. On Sunday the market reopened at 7 p.m."
    assert values(other, "2023-03-08")["7 p.m."] == ("TIME", "2023-03-05T19:00")


def test_a_bare_plural_measuring_what_follows_is_a_duration() -> None:
    assert values("The deal follows months of twists and turns.")["months"] == ("DURATION", "PXM")
    assert values("The truce ended years of war.")["years"] == ("DURATION", "PXY")
    assert values("It took thousands of years of erosion.")["thousands of years"] == ("DURATION", "PXY")
    assert values("in the early years of the republic") == {}
    assert values("in the days of the empire") == {}


def test_vague_counts_of_quarters_and_first_or_final_plurals() -> None:
    assert values("It returned to profit after several quarters of losses.")["several quarters"] == ("DURATION", "PXQ")
    assert values("She won three quarters of the vote.") == {}
    got = values("Prisoners were taken in the first hours of the ground war.")
    assert got["the first hours"] == ("DURATION", "PTXH")


def test_frequency_adverbs_are_sets_but_the_adjectives_are_not() -> None:
    got = values("Season passes are sold annually. The firm pays its dividend quarterly, it said.")
    assert got["annually"] == ("SET", "P1Y")
    assert got["quarterly"] == ("SET", "P3M")
    assert values("It raised its quarterly dividend and its annually adjusted fee.") == {}
    assert values("It declared its initial quarterly of five cents.") == {}


def test_another_unit_is_one_more_unit() -> None:
    got = values("The road stays shut for another week; repairs need a further two months and an extra day.")
    assert got["another week"] == ("DURATION", "P1W")
    assert got["a further two months"] == ("DURATION", "P2M")
    assert got["an extra day"] == ("DURATION", "P1D")


def test_the_week_is_the_week_of_the_story_day() -> None:
    got = values("The index fell 1% on Friday. For the week, it lost 3%.", "1989-10-30")
    assert got["Friday"] == ("DATE", "1989-10-27")
    assert got["the week"] == ("DATE", "1989-W43")
    assert values("For the week, it lost 3%.", "1989-10-30")["the week"] == ("DATE", "1989-W44")
    got = values("29 June - Since the beginning of the week the shelling has not stopped.", "2025-06-30")
    assert got["the beginning of the week"] == ("DATE", "2025-W26")


# ------------------------------------------------------------------------------------------ issue 11, round three

def test_weekends_after_a_preposition_recur() -> None:
    assert values("The pool is closed at weekends.")["weekends"] == ("SET", "XXXX-WXX-WE")
    assert "weekends" not in values("Two weekends of rain cut the harvest.")


def test_the_verb_last_is_not_the_last_of_a_span() -> None:
    got = values("The truce is meant to last 60 days.")
    assert got["60 days"] == ("DURATION", "P60D")
    assert values("Prices rose over the last 60 days.")["the last 60 days"] == ("DURATION", "P60D")


def test_a_vague_count_of_times_per_unit_is_a_set() -> None:
    assert values("Storms hit the coast several times a year.")["several times a year"] == ("SET", "P1Y")
    assert values("The ferry sails five times a week.")["five times a week"] == ("SET", "P1W")


def test_a_year_earlier_compares_with_the_period_named_before_it() -> None:
    text = ("Net income rose in the third quarter. For the nine months, net was $5 million, compared with "
            "year-earlier net of $4 million, and the 1988 period had a charge.")
    got = values(text, "1989-11-02")
    assert got["year-earlier"] == ("DATE", "1988")
    assert got["the 1988 period"] == ("DATE", "1988")
    quarterly = values("Net income rose in the third quarter. Sales were $9 million, up from $8 million a year "
                       "ago. Costs fell to $3 million from $4 million a year earlier.", "1989-11-02")
    assert quarterly["a year ago"] == ("DATE", "1988-Q3")
    assert quarterly["a year earlier"] == ("DATE", "1988-Q3")  # the first comparison names no period itself


def test_a_quarter_far_back_still_anchors_a_year_earlier() -> None:
    text = ("Profit rose in the third quarter, the company said. " + "Its chief executive spoke at length. " * 10
            + "Revenue fell to $85 million from $93 million a year earlier.")
    assert values(text, "1989-11-02")["a year earlier"] == ("DATE", "1988-Q3")


def test_one_day_before_a_verb_is_some_day() -> None:
    assert values("Islam will one day be the second largest religion.")["one day"] == ("DATE", "FUTURE_REF")
    assert values("She hopes to someday return.")["someday"] == ("DATE", "FUTURE_REF")
    assert values("The strike lasted one day.")["one day"] == ("DURATION", "P1D")
    assert values("The move followed by one day an announcement.")["one day"] == ("DURATION", "P1D")


def test_the_past_decade_is_a_stretch_and_the_past_before_a_count_is_not_past_ref() -> None:
    assert values("Crime fell over the past decade.", "1998-10-25")["the past decade"] == ("DURATION", "P10Y")
    assert "the past" not in values("Crowds grew in each of the past three summers.")
    assert values("Nobody saw it in the past.")["the past"] == ("DATE", "PAST_REF")


def test_an_ordinal_naming_an_institution_is_not_a_day() -> None:
    assert not values("They appealed to the 11th Circuit Court of Appeals.")
    assert values("The vote was held on the 11th.", "2024-01-30")["the 11th"] == ("DATE", "2024-01-11")


def test_the_day_before_a_named_date() -> None:
    got = values("The day before last Tuesday's hearing, he went home.", "2000-02-24")
    assert got["The day before last Tuesday"] == ("DATE", "2000-02-21")
    assert values("He left the day after March 3.", "2000-03-10")["the day after March 3"] == ("DATE", "2000-03-04")


def test_an_edge_of_a_decade_with_its_own_article() -> None:
    assert values("Sales boomed in the last half of the '80s.", "1989-10-26")["the last half of the '80s"][1] == "198"


def test_a_quarter_named_in_passing_does_not_become_the_story_quarter() -> None:
    text = ("Net income rose 20% in the third quarter. After a flat second quarter, the gains came from prices. "
            "Charges were taken in the year-earlier period, and the latest period had lower taxes.")
    got = values(text, "1989-11-01")
    assert got["the year-earlier period"] == ("DATE", "1988-Q3")
    assert got["the latest period"] == ("DATE", "1989-Q3")
    assert values("It posted a third-quarter loss. Costs rose from a year ago.", "1989-11-01")["a year ago"] == (
        "DATE", "1988-Q3")


def test_time_words_in_a_title_are_not_times() -> None:
    text = ('Baker said on ABC\'s "This Week With David Brinkley" that talks would go on. The film ``High Noon.\'\' '
            "was shown. Officials met This Week. \"Now,\" he said.")
    got = values(text)
    assert "This Week" in got and "Now" in got  # the plain capitalised ones stay
    assert [t for t in got if t.startswith("This Week With")] == []
    assert "Noon" not in got
    assert len([f for f in tag(text, "2024-01-30") if text[f.start:f.end] == "This Week"]) == 1


def test_last_year_closing_a_quarterly_figure_comparison_is_the_year_ago_quarter() -> None:
    text = ("Net income rose in the third quarter. The unit posted earnings of $24 million, compared with a loss "
            "of $3 million last year. Last year, the company sold its mills.")
    got = [(text[f.start:f.end], f.value) for f in tag(text, "1989-11-02")]
    assert ("last year", "1988-Q3") in got
    assert ("Last year", "1988") in got


def test_today_as_the_era_is_not_the_dct() -> None:
    got = values("Fathers in today's world gain. Today's vote was close. The leaders of tomorrow met.", "1998-04-24")
    assert got == {"Today": ("DATE", "1998-04-24")}
    assert values("Tomorrow's meeting is off.", "1998-04-24")["Tomorrow"] == ("DATE", "1998-04-25")


def test_every_season_recurs() -> None:
    assert values("Every summer the river floods.")["Every summer"] == ("SET", "XXXX-SU")


def test_the_first_clock_time_of_a_range_shares_the_day_of_the_second() -> None:
    got = values("On Monday they met. The hearing ran from 9 a.m. to 5 p.m. Thursday.", "2024-05-15")
    assert got["9 a.m."] == ("TIME", "2024-05-09T09:00")
    assert got["5 p.m. Thursday"] == ("TIME", "2024-05-09T17:00")


def test_a_matter_of_and_a_couple_of_units() -> None:
    assert values("Within a matter of weeks the camp filled.")["a matter of weeks"] == ("DURATION", "PXW")
    assert values("It lasted a couple weeks.")["a couple weeks"] == ("DURATION", "P2W")


def test_bulletin_clock_times() -> None:
    got = values("As of 18:00 on 7 March, 4 people were hurt. From 22:00 to 05:00 a curfew applies.", "2023-03-08")
    assert got["18:00"] == ("TIME", "2023-03-07T18:00")
    assert "05:00" in got
    assert values("At 14.30 local time, a blast.", "2023-03-08")["14.30 local time"][1].endswith("T14:30")
    assert "14.30" not in " ".join(values("Shares closed at 14.30 on Friday.", "2023-03-08"))


def test_a_slashed_day_pair_gives_both_days() -> None:
    got = values("On 3/4 March a bridge fell.", "2023-03-08")
    assert got["3"] == ("DATE", "2023-03-03") and got["4 March"] == ("DATE", "2023-03-04")


def test_the_coming_weekend_is_the_next_one_to_come() -> None:
    assert values("Protests are planned for the coming weekend.", "2023-03-08")["the coming weekend"] == (
        "DATE", "2023-W10-WE")
    assert values("Protests are planned for the coming weekend.", "2023-03-12")["the coming weekend"] == (
        "DATE", "2023-W11-WE")


def test_end_and_start_joined_to_a_month() -> None:
    found = [f for f in tag("Payments are due by end-March.", "2023-03-08")]
    assert [(f.value, f.mod) for f in found] == [("2023-03", "END")]


def test_the_1800s_is_a_century() -> None:
    assert values("In the 1800s, the town grew.")["the 1800s"] == ("DATE", "18")
    assert values("In the 1980s, the town grew.")["the 1980s"] == ("DATE", "198")


def test_a_share_of_every_larger_unit_is_a_set() -> None:
    assert values("The museum is open seven days a week.")["seven days a week"] == ("SET", "P1W")
    assert values("Guards stand outside 24 hours a day.")["24 hours a day"] == ("SET", "P1D")
    got = values("Rain fell for three days a week ago.", "2023-03-08")
    assert got["three days"] == ("DURATION", "P3D") and got["a week ago"] == ("DATE", "2023-W09")


def test_a_title_case_headline_keeps_its_times() -> None:
    assert values("Talks Resume This Week In Geneva", "2024-01-30")["This Week"] == ("DATE", "2024-W05")


def test_quarter_and_half_shorthand() -> None:
    got = values("Q3 revenue rose 5%, up from a year earlier. In Q1 2024, output will grow.\nIn H1, costs rose.",
                 "2023-11-20")
    assert got["Q3"] == ("DATE", "2023-Q3") and got["a year earlier"] == ("DATE", "2022-Q3")
    assert got["Q1 2024"] == ("DATE", "2024-Q1") and got["H1"] == ("DATE", "2023-H1")
    assert values("3Q89 profit fell.", "1989-11-02")["3Q89"] == ("DATE", "1989-Q3")
    assert "Q3" not in values("The Audi Q3 sold well.", "2023-11-20")


def test_a_weekday_of_the_week_named_after_it() -> None:
    got = values("The vote is on Monday next week. He left on Tuesday last week.", "2023-03-08")
    assert got["Monday next week"] == ("DATE", "2023-03-13")
    assert got["Tuesday last week"] == ("DATE", "2023-02-28")


def test_years_ago_on_a_named_month_or_day() -> None:
    got = values("The war began a year ago this month. Five years ago today, the dam burst.", "2023-03-08")
    assert got["a year ago this month"] == ("DATE", "2022-03")
    assert got["Five years ago today"] == ("DATE", "2018-03-08")
    assert values("Five years ago today, it fell.", "2024-02-29")["Five years ago today"] == ("DATE", "2019")
