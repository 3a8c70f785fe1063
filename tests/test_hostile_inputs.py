"""Every hostile input of issue 10's table, through the real CLI: one clear coded line each, no traceback, every
good document of the same batch stored, exit code 1. (Fetch limits in detail: test_fetch.py; SIGKILL:
test_resume.py; length: test_chunks.py and benchmarks/length.py.)"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import GOOD_TEXT, serve

from newsgraph.config import Settings
from newsgraph.ingest import RawDoc
from newsgraph.pipeline import Pipeline

pytestmark = pytest.mark.slow
GOOD = ("Police dispersed protesters outside parliament in Tbilisi on Sunday, the interior ministry said.\n\n"
        "Opposition leaders said more than 30 people were detained.")


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``newsgraph ARGS`` in a fresh process, as a user runs it (logging set up by main())."""
    return subprocess.run([sys.executable, "-c", "from newsgraph.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})


def stored_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM documents")}


def test_bad_files_each_give_one_coded_line_and_the_good_ones_are_stored(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "latin1.txt").write_bytes("Le ministre a déclaré que les négociations reprendraient.".encode("latin-1"))
    (d / "badutf8.txt").write_bytes(b"Talks resumed \xff\xfe in Doha " * 10)
    (d / "huge.txt").write_bytes(b"The siege went on. " * 1_100_000)  # ~20 MB
    (d / "broken.jsonl").write_text('{"id": "j1", "text": "' + GOOD.replace("\n", " ") + '"}\n{"id": "j2", "text": \n',
                                    encoding="utf-8")
    db = tmp_path / "s.db"
    res = cli("ingest", str(d), str(tmp_path / "missing.txt"), "--db", f"sqlite:///{db}")
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    errors = [line for line in res.stderr.splitlines() if line.startswith("error ")]
    codes = {name: next((ln for ln in errors if name in ln), "") for name in
             ("empty.txt", "binary.txt", "latin1.txt", "badutf8.txt", "huge.txt", "broken.jsonl:2", "missing.txt")}
    assert all("NG-E0" in line for line in codes.values()), codes
    assert "NG-E004" in codes["huge.txt"] and "NG-E010" in codes["missing.txt"]
    assert stored_ids(db) == {"good", "j1"}


def test_hostile_urls_never_cost_the_good_documents_of_the_batch(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    with serve() as (base, _state):
        res = cli("ingest", base + "/forever", base + "/good.txt", base + "/bomb", base + "/huge-chunked",
                  base + "/drip", base + "/good.html", "--db", f"sqlite:///{db}", env={"NEWSGRAPH_FETCH_DEADLINE": "3"})
    assert res.returncode == 1 and "Traceback" not in res.stderr
    errors = [line for line in res.stderr.splitlines() if line.startswith("error ")]
    assert len(errors) == 4 and all("NG-E040" in line for line in errors), res.stderr
    assert any("/drip" in line and "deadline" in line for line in errors)
    assert stored_ids(db) == {base + "/good.txt", base + "/good.html"}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents WHERE doc_json LIKE ?",
                            (f"%{GOOD_TEXT[:30]}%",)).fetchone()[0] == 1


def test_unreachable_postgres_never_prints_the_password(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    res = cli("ingest", str(tmp_path / "a.txt"), "--db", "postgresql+psycopg://newsgraph:S3cretPw@127.0.0.1:1/nodb")
    assert res.returncode == 2 and "NG-E030" in res.stderr
    assert "S3cretPw" not in res.stderr + res.stdout and "newsgraph:***@" in res.stderr
    assert "Traceback" not in res.stderr


def test_html_input_prints_only_newsgraphs_own_lines(tmp_path: Path) -> None:
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
                                        "</body></html>", encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><head><title>Strike hits depot</title></head><body><article><p>"
                                        + GOOD.replace("\n\n", "</p><p>") + "</p></article></body></html>",
                                        encoding="utf-8")
    res = cli("extract", str(tmp_path / "menu.html"), str(tmp_path / "page.html"), "-o", str(tmp_path / "o.jsonl"))
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("error ") for ln in lines), res.stderr  # no 'WARNING discarding data: None'
    assert "NG-E008" in lines[0]


def fifty_thousand_line_page() -> str:
    """A news page of 50,000 lines: an article of 30 paragraphs, then a reader-comment thread of thousands of
    multi-line entries and a sitemap footer, the shape that made trafilatura run for minutes."""
    towns = ("Rustavi", "Gori", "Kutaisi", "Batumi", "Zugdidi")
    head = ["<html><head><title>Protest camp cleared outside parliament</title>",
            '<meta name="author" content="Nino Beridze">', '<meta property="og:site_name" content="Caucasus Wire">',
            '<meta property="article:published_time" content="2024-11-30T21:10:00Z">', "</head><body>",
            "<nav><a href='/'>Home</a> <a href='/politics'>Politics</a></nav>", "<article>"]
    body = [f"<p>Riot police moved through the camp for the {k + 1}th hour as buses from {towns[k % 5]} arrived, "
            "a spokesman for the interior ministry said.</p>" for k in range(30)]
    lines = [*head, *body, "</article>", "<div class='comments'>"]
    k = 0
    while len(lines) < 50_000 - 4:
        lines += [f"<div class='comment' id='c{k}'>", f"  <b>reader{k}</b> <i>{k % 60} min ago</i>",
                  f"  <span>+{k % 7}</span>", f"  <a href='/reply?c={k}'>Reply</a>", "</div>"]
        k += 1
    lines += ["</div><footer>Caucasus Wire 2024</footer>", "</body></html>"]
    return "\n".join(lines[:50_000])


def test_a_fifty_thousand_line_page_is_ingested_fast_beside_the_rest_of_its_batch(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    page = fifty_thousand_line_page()
    assert page.count("\n") + 1 == 50_000
    (d / "huge_page.html").write_text(page, encoding="utf-8")
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    t0 = time.perf_counter()
    res = cli("ingest", str(d), "--db", f"sqlite:///{db}", timeout=120)
    elapsed = time.perf_counter() - t0
    assert elapsed < 60, elapsed  # trafilatura alone ran for over 240 s on such a page
    assert "Traceback" not in res.stderr and "NG-E001" in res.stderr, res.stderr
    assert stored_ids(db) == {"good", "huge_page"}
    with sqlite3.connect(db) as conn:
        doc = json.loads(conn.execute("SELECT doc_json FROM documents WHERE id = 'huge_page'").fetchone()[0])
    paragraphs = doc["text"].split("\n\n")
    assert paragraphs[0] == "Protest camp cleared outside parliament"
    assert len(paragraphs) == 31 and all("interior ministry said." in p for p in paragraphs[1:])
    assert "reader1" not in doc["text"] and "Reply" not in doc["text"]
    assert doc["byline"] == "Nino Beridze" and doc["outlet"] == "Caucasus Wire" and doc["published"] == "2024-11-30"
    assert any("NG-W005" in w for w in doc["warnings"])


SOUP = ["\u202eمرحبا بالعالم\u202c", "北京时间周一", "😀🔥🇺🇦", "\x00", "<b>bold</b>&amp;", "x" * 10_000,
        "said said said said", "Ṫḧë ⓠⓤⓘⓒⓚ", "\u200b\u200d", "«Il a dit»", "\ud7ff", "ｆｕｌｌ"]


def test_fuzzed_texts_give_valid_spans_and_no_stage_failures() -> None:
    rng = random.Random(2026)
    texts = []
    for _ in range(60):
        parts = [rng.choice(SOUP) if rng.random() < 0.5 else GOOD.split("\n")[0] for _ in range(rng.randint(1, 12))]
        texts.append(rng.choice([" ", "\n\n", ", he said. "]).join(parts))
    docs = list(Pipeline(Settings()).run(RawDoc(id=f"f{i}", text=t, source="fuzz") for i, t in enumerate(texts)))
    for doc in docs:
        assert not [w for w in doc.warnings if "NG-E020" in w], doc.warnings
        n = len(doc.text)
        spans = [(e.start, e.end) for e in doc.entities] + [(p.start, p.end) for p in doc.places]
        spans += [(t.start, t.end) for t in doc.times] + [(a.content.start, a.content.end) for a in doc.attributions]
        spans += [(v.trigger.start, v.trigger.end) for v in doc.events]
        assert all(0 <= s <= e <= n for s, e in spans)
