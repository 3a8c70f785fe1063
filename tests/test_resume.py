"""Long runs: a SIGKILL mid-batch leaves every stored document intact, and a re-run stores the rest, skipping what
is stored; documents are stored one by one as they come."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.store.db import Store
from newsgraph.synth import synthetic_batch

pytestmark = pytest.mark.slow
N_DOCS = 40


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from newsgraph.cli import main; main()", "ingest", str(folder), "--db",
           f"sqlite:///{db}"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))


def test_sigkill_mid_batch_loses_nothing_stored_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i, text in enumerate(synthetic_batch(N_DOCS, words=250, seed=40)):
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "run.db"
    proc = _ingest(folder, db)
    deadline = time.monotonic() + 240
    while _stored(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    first = _stored(db)
    assert 3 <= first < N_DOCS

    store = Store(f"sqlite:///{db}")
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, n_events, n_attributions FROM documents").fetchall()
        for doc_id, n_events, n_attr in rows:  # each stored document is whole: its layers match its counts
            doc = store.get(doc_id)
            assert doc is not None and doc.text == (folder / f"{doc_id}.txt").read_text(encoding="utf-8")
            assert conn.execute("SELECT count(*) FROM events WHERE document_id=?", (doc_id,)).fetchone()[0] == n_events
            assert conn.execute("SELECT count(*) FROM attributions WHERE document_id=?",
                                (doc_id,)).fetchone()[0] == n_attr
            assert len(doc.events) == n_events

    again = _ingest(folder, db)
    _out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert _stored(db) == N_DOCS
    said = " ".join(err.split())
    assert f"stored {N_DOCS - first} documents" in said and f"{first} already stored" in said
    assert "Traceback" not in err
