"""Saved input fixtures (tests/fixtures/, described in its README): each gives a document or one coded error."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import RawDoc, iter_inputs

FIX = Path(__file__).resolve().parent / "fixtures"


def items(*names: str) -> list[RawDoc | InputError]:
    return list(iter_inputs([str(FIX / n) for n in names]))


@pytest.mark.parametrize(
    ("name", "code"),
    [("empty.txt", "NG-E001"), ("blank.txt", "NG-E001"), ("binary.bin", "NG-E002"), ("binary.txt", "NG-E002"),
     ("latin1.txt", "NG-E003"), ("no_text.html", "NG-E008"), ("broken_feed.xml", "NG-E009")],
)
def test_bad_fixture_gives_one_error_and_good_one_survives(name: str, code: str) -> None:
    got = items(name, "good.txt")
    assert len(got) == 2
    bad, good = got
    assert isinstance(bad, InputError) and code in bad.message and bad.source.endswith(name)
    assert isinstance(good, RawDoc) and good.id == "good"
    assert good.text == (FIX / "good.txt").read_text(encoding="utf-8")


def test_latin1_error_says_where() -> None:
    (err,) = items("latin1.txt")
    assert "first bad byte at offset" in err.message


def test_utf16_bom_decodes_cleanly() -> None:
    (doc,) = items("utf16_bom.txt")
    assert doc.text.startswith("Flood relief flights resume") and "\x00" not in doc.text and "\ufeff" not in doc.text


def test_malformed_html_still_yields_the_article() -> None:
    (doc,) = items("malformed.html")
    assert isinstance(doc, RawDoc)
    assert "Negotiators from both sides left Doha on Wednesday" in doc.text
    assert doc.title and "Doha" in doc.title
    assert doc.text.startswith(doc.title)  # the title leads as the headline paragraph
    assert "\n\n" in doc.text  # paragraphs stay separate for the segmenter


def test_jsonl_keeps_order_and_reports_bad_lines() -> None:
    got = items("bad_lines.jsonl")
    assert [g.id if isinstance(g, RawDoc) else g.source.rsplit(":", 1)[1] for g in got] == [
        "ok-1", "2", "3", "ok-4", "bad-date-5"]
    assert got[3].published == "2024-07-25T10:00:00Z"
    assert got[4].published is None and "NG-W004" in got[4].warnings[0]


def test_atom_feed_entries() -> None:
    docs = items("feed_atom.xml")
    assert [d.id for d in docs] == ["tag:harbourobserver.example,2024:asia-0805-shoal",
                                    "tag:harbourobserver.example,2024:asia-0806-dhaka"]
    assert [d.published for d in docs] == ["2024-08-05", "2024-08-06"]
    assert [d.byline for d in docs] == ["Marisol Reyes", "Tanvir Hossain"]
    assert all("\n\n" in d.text and d.outlet for d in docs)


def test_directory_walk_skips_readme(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# notes about this folder", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Troops withdrew from the town.", encoding="utf-8")
    assert [d.id for d in iter_inputs([str(tmp_path)])] == ["a"]
