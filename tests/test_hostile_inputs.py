"""Every hostile input of issue 10's table, through the real CLI: one clear coded line each, no traceback, every
good document of the same batch stored, exit code 1. (Fetch limits in detail: test_fetch.py; SIGKILL:
test_resume.py; length: test_chunks.py and benchmarks/length.py.)"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
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
