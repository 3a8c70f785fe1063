"""The own-words time check set and the dev slices: the committed JSONL is what the source says, gold is valid."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from newsgraph.times.values import is_timex_value

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_check_set_jsonl_matches_its_source() -> None:
    make = _module(DATA / "make_times_check.py", "make_times_check")
    for src in sorted(DATA.glob("times_check*.src")):
        rows = make.convert(src)
        committed = [json.loads(line) for line in src.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()]
        assert rows == committed, f"{src.name}: run tests/data/make_times_check.py {src.name}"


def test_check_set_gold_is_valid_timex3() -> None:
    for path in sorted(DATA.glob("times_check*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for t in doc["timexes"]:
                assert doc["text"][t["start"]:t["end"]] == t["text"]
                assert t["type"] in ("DATE", "TIME", "DURATION", "SET")
                assert is_timex_value(t["value"]), (doc["id"], t)


def test_marks_are_stripped_with_offsets() -> None:
    make = _module(DATA / "make_times_check.py", "make_times_check")
    doc = make.parse_doc("x", "2023-03-08", "wire", "Shelled [[overnight|TIME|2023-03-07TNI]] for [[a week|DURATION|P1W]].\n")
    assert doc["text"] == "Shelled overnight for a week.\n"
    assert [(t["start"], t["end"], t["value"]) for t in doc["timexes"]] == [(8, 17, "2023-03-07TNI"), (22, 28, "P1W")]


def test_held_and_tune_slices_split_the_documents() -> None:
    types = _module(ROOT / "eval" / "time_types.py", "time_types")
    docs = [{"id": f"DOC{i:04d}"} for i in range(1000)]
    held, tune = types.pick(docs, "held"), types.pick(docs, "tune")
    assert 150 < len(held) < 250
    assert sorted(d["id"] for d in held + tune) == [d["id"] for d in docs]
    assert types.pick(docs, "all") == docs
