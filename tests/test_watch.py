"""newsgraph watch against a local server whose feed changes between polls: conditional requests, new items only,
articles fetched and stored, seen items remembered in the store, backoff on errors, per-feed status, --once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hostile import serve
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.config import Settings
from newsgraph.live.watch import backoff, parse_every, poll, read_feed_list

pytestmark = pytest.mark.slow
ARTICLE = ("<html><head><title>{title}</title></head><body><article><p>{body}</p>"
           "<p>Officials said the situation remained tense and more talks were planned for next week.</p>"
           "</article></body></html>")
BODIES = {
    "/article/1": ("Ceasefire talks open in Doha", "Negotiators for the two sides met in Doha on Monday, the Qatari "
                   "foreign ministry said, in the first direct talks since the fighting began."),
    "/article/2": ("Shelling hits Kherson market", "Artillery shelled a market in Kherson on Tuesday, killing four "
                   "people, the regional governor said."),
    "/article/3": ("Floods displace thousands in Sindh", "Floods forced thousands of families from their homes in "
                   "Sindh province on Wednesday, the disaster agency said."),
}


def rss(base: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>{BODIES[p][0]}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
                    f"<description>{BODIES[p][1]}</description></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def docs(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM documents")}


def test_durations_and_feed_lists(tmp_path: Path) -> None:
    assert parse_every("15m") == timedelta(minutes=15) and parse_every("30s") == timedelta(seconds=30)
    with pytest.raises(ValueError):
        parse_every("soon")
    (tmp_path / "f.txt").write_text("# wires\nhttp://a.example/rss\n\nhttp://b.example/atom  # second\n")
    assert read_feed_list(tmp_path / "f.txt") == ["http://a.example/rss", "http://b.example/atom"]
    assert backoff(timedelta(minutes=15), 3) == timedelta(hours=2)
    assert backoff(timedelta(minutes=15), 30) == timedelta(days=1)


def test_polls_ingest_new_items_once_and_use_conditional_requests(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    url_db = f"sqlite:///{db}"
    every = timedelta(minutes=15)
    settings = Settings()
    with serve() as (base, state):
        state["articles"] = {p: ARTICLE.format(title=t, body=b) for p, (t, b) in BODIES.items()}
        feed = f"{base}/feed.xml"
        state["feed"] = rss(base, ["/article/1", "/article/2"])
        t0 = datetime(2024, 3, 5, 8, 0, tzinfo=UTC)

        first = poll(feed, url_db, every, settings, now=t0)
        assert (first.status, first.new) == ("new", 2)
        assert docs(db) == {f"{base}/article/1", f"{base}/article/2"}

        early = poll(feed, url_db, every, settings, now=t0 + timedelta(minutes=5))
        assert early.status == "waiting"  # not due yet: no request at all
        hits = len(state["hits"])

        same = poll(feed, url_db, every, settings, now=t0 + timedelta(minutes=16))
        assert same.status == "not-modified" and state.get("not_modified") == 1, same.message  # ETag sent, 304 back
        assert len(state["hits"]) == hits + 1

        state["feed"] = rss(base, ["/article/3", "/article/1", "/article/2"])  # the feed changes
        changed = poll(feed, url_db, every, settings, now=t0 + timedelta(minutes=32))
        assert (changed.status, changed.new) == ("new", 1)
        assert docs(db) == {f"{base}/article/{i}" for i in (1, 2, 3)}
        assert state["hits"].count("/article/1") == 1  # seen items are never fetched again

        state["feed_status"], state["feed"] = 503, state["feed"] + " "  # new ETag, but the server fails
        down = poll(feed, url_db, every, settings, now=t0 + timedelta(minutes=48))
        assert down.status == "error" and down.http == 503
        assert down.next_poll == t0 + timedelta(minutes=48) + 2 * every  # backed off
        again = poll(feed, url_db, every, settings, now=t0 + timedelta(minutes=50))
        assert again.status == "waiting"

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT error_count, last_status FROM feed_state").fetchone() == (1, 503)
        assert conn.execute("SELECT count(*) FROM feed_items").fetchone()[0] == 3


def test_a_broken_article_link_falls_back_to_the_entry_text(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    with serve() as (base, state):
        state["articles"] = {}  # every article page is a 404
        state["feed"] = rss(base, ["/article/2"])
        res = poll(f"{base}/feed.xml", f"sqlite:///{db}", timedelta(minutes=5), Settings())
    assert res.new == 1 and res.errors and "NG-E007" in res.errors[0].message
    assert docs(db) == {f"{base}/article/2"}


def test_watch_once_prints_a_status_row_per_feed(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with serve() as (base, state):
        state["articles"] = {p: ARTICLE.format(title=t, body=b) for p, (t, b) in BODIES.items()}
        state["feed"] = rss(base, ["/article/1"])
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{base}/feed.xml\n{base}/missing-feed\n", encoding="utf-8")
        result = CliRunner().invoke(app, ["watch", str(feeds), "--db", f"sqlite:///{db}", "--every", "1m", "--once"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "new" in out and "error" in out and "404" in out
    assert docs(db) == {f"{base}/article/1"}
