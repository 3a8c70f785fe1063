"""Bounded fetches: every hostile URL ends in one coded error naming it and the limit, quickly and in bounded
memory, and the good URLs of the same batch still become documents."""

from __future__ import annotations

import time

import psutil
import pytest
from hostile import GOOD_TEXT, serve

from newsgraph.errors import InputError
from newsgraph.ingest import RawDoc, iter_inputs
from newsgraph.ingest.url import FetchLimits, fetch


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


@pytest.mark.parametrize(("route", "needle"), [
    ("/forever", "byte limit (as sent)"),
    ("/huge", "Content-Length"),
    ("/huge-chunked", "byte limit (as sent)"),
    ("/bomb", "(decompressed)"),
    ("/loop", "more than 5 redirects"),
    ("/ftp", "only http(s)"),
])
def test_hostile_urls_stop_at_their_limit(route: str, needle: str) -> None:
    with serve() as (base, _state):
        before = _rss_mb()
        t0 = time.monotonic()
        with pytest.raises(InputError) as info:
            fetch(base + route, FetchLimits(max_bytes=5_000_000, deadline=30))
        assert time.monotonic() - t0 < 20
        assert _rss_mb() - before < 150  # the cap, not the body, bounds memory
    assert info.value.source == base + route and needle in info.value.message
    assert info.value.message.startswith("NG-E")


def test_a_dripping_server_meets_the_deadline() -> None:
    with serve() as (base, _state):
        t0 = time.monotonic()
        with pytest.raises(InputError) as info:
            fetch(base + "/drip", FetchLimits(deadline=1.5, read_timeout=5))
        assert time.monotonic() - t0 < 4
    assert "1.5 s deadline" in info.value.message and "NG-E040" in info.value.message


def test_non_http_urls_are_refused_before_any_request() -> None:
    with pytest.raises(InputError, match="only http"):
        fetch("file:///etc/passwd")


def test_good_urls_survive_hostile_ones_in_the_same_batch() -> None:
    with serve() as (base, _state):
        items = list(iter_inputs([base + "/forever", base + "/good.txt", base + "/bomb", base + "/good.html",
                                  base + "/huge"]))
    docs = [i for i in items if isinstance(i, RawDoc)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.source for d in docs] == [base + "/good.txt", base + "/good.html"]
    assert docs[0].text == GOOD_TEXT and "Mosul and Erbil" in docs[1].text
    assert [e.source for e in errors] == [base + "/forever", base + "/bomb", base + "/huge"]
