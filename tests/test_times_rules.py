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
