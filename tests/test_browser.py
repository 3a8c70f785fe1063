"""The web UI in a real browser: Playwright (Python) driving Debian's chromium against a live server.

Each test follows a user's path (map → marker → story → report → document evidence; claims → chain → evidence;
timeline brushing; back/forward; a hostile article), asserts that the page logged no console error, opened no
dialog and ran no injected script, and saves a screenshot under out/screenshots/ (git-ignored).
Skips cleanly where chromium, playwright or the built UI are missing.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api")

from newsgraph.api import create_app  # noqa: E402
from newsgraph.api.app import STATIC  # noqa: E402
from newsgraph.api.synth import build_store  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"
HOSTILE = "syn-000000"  # build_store(hostile_every=20) makes documents 0, 20, 40 ... hostile

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (apt-get install chromium)"),
    pytest.mark.skipif(not (STATIC / "index.html").exists(), reason="UI not built (make ui)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn in a thread on 127.0.0.1, stopped by the fixture that started it."""

    def __init__(self, db_url: str) -> None:
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(db_url, token=""), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'ui.db'}"
    build_store(url, 120, seed=11, hostile_every=20)
    with Server(url) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page plus everything it complained about: console errors, uncaught exceptions, dialogs."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, d: object) -> None:
        self.dialogs.append(d.message)
        d.dismiss()

    def ready(self, view: str) -> None:
        self.page.wait_for_function(f"document.body.dataset.ready === {view!r}", timeout=20_000)

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture()
def page(browser: object) -> Iterator[Watched]:
    # bypass_csp: the page must be safe by how it renders text, not only because the CSP would block a script
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    w = Watched(ctx.new_page())
    yield w
    ctx.close()


def _nav(w: Watched, base: str, query: str, view: str) -> None:
    w.page.goto(f"{base}/{query}")
    w.ready(view)


def test_map_marker_story_report_evidence(page: Watched, base: str) -> None:
    _nav(page, base, "?view=map", "map")
    page.page.wait_for_function("window.__ngMapPainted && window.__ngMapPainted.points > 0")
    assert page.page.locator(".ng-cluster").count() > 0
    before = page.page.locator(".ng-cluster").all_inner_texts()
    page.page.locator(".ng-cluster").first.click()  # zooms to where the cluster splits, or lists its events
    page.page.wait_for_timeout(600)
    after = page.page.locator(".ng-cluster, .ng-marker").all_inner_texts()
    assert after != before or page.page.locator(".popup .go-doc").count() > 0
    _nav(page, base, "?view=map", "map")
    page.page.wait_for_function("window.__ngMapPainted && window.__ngMapPainted.points > 0")
    page.page.locator("#places-toggle").check()
    page.page.wait_for_function("document.querySelector('#places-toggle').parentElement.dataset.count > 0")
    page.shot("map")
    _nav(page, base, "?view=map&document=syn-000005", "map")
    page.page.wait_for_function("window.__ngMapPainted && window.__ngMapPainted.points === 1")
    page.page.locator(".ng-marker").first.click()
    page.page.locator(".popup .go-story").wait_for()
    page.page.wait_for_timeout(400)  # the popup fades in
    page.shot("map_popup")
    page.page.locator(".popup .go-story").click()
    page.ready("story")
    assert page.page.locator("ol.reports li").count() >= 1
    page.shot("story")
    report = page.page.locator(".report-link").first
    trigger = page.page.locator("ol.reports li .evidence b").first.inner_text()
    report.click()
    page.ready("document")
    focus = page.page.locator(".doctext .focus")
    assert focus.count() >= 1
    assert trigger in [focus.nth(i).inner_text() for i in range(focus.count())]
    assert "event v1" in focus.first.get_attribute("title")
    page.shot("document_event")
    page.clean()


def test_claim_chain_to_evidence(page: Watched, base: str) -> None:
    _nav(page, base, "?view=claims", "claims")
    chain = page.page.locator("article.claim svg.chain").first
    assert chain.locator("g.node").count() == 3
    assert chain.locator("g.role-outlet").count() == 1 and chain.locator("g.role-source").count() == 1
    page.shot("claims")
    page.page.locator(".claim-link").first.click()
    page.ready("claim")
    page.shot("claim")
    content = page.page.locator("h1").inner_text().strip("“”")
    page.page.locator(".claim-evidence").first.click()
    page.ready("document")
    focused = "".join(page.page.locator(".doctext .focus").all_inner_texts())
    assert content in focused
    page.shot("document_claim")
    page.clean()


def test_timeline_brush_filters_and_history(page: Watched, base: str) -> None:
    _nav(page, base, "?view=map", "map")
    before = page.page.locator("#evlist .muted").inner_text()
    svg = page.page.locator(".timeline-svg")
    svg.wait_for()
    box = svg.bounding_box()
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    page.page.mouse.up()
    page.page.wait_for_function("location.search.includes('since=')")
    page.ready("map")
    after = page.page.locator("#evlist .muted").inner_text()
    assert int(after.split()[0]) < int(before.split()[0])
    assert page.page.locator("#f-since").input_value()
    page.shot("map_brushed")
    page.page.go_back()
    page.page.wait_for_function("!location.search.includes('since=')")
    page.ready("map")
    assert page.page.locator("#evlist .muted").inner_text() == before
    page.page.go_forward()
    page.page.wait_for_function("location.search.includes('since=')")
    page.clean()


def test_filters_live_in_the_url(page: Watched, base: str) -> None:
    _nav(page, base, "?view=stories&type=ASSAULT&disputed=true", "stories")
    assert page.page.locator("#f-type").input_value() == "ASSAULT"
    badges = set(page.page.locator("table.stories td:nth-child(2) .badge").all_inner_texts())
    assert badges == {"ASSAULT"}
    assert page.page.locator("table.stories .flag").count() == page.page.locator("table.stories tbody tr").count()
    page.page.select_option("#f-type", "PROTEST")
    page.page.wait_for_function("location.search.includes('type=PROTEST')")
    page.ready("stories")
    assert set(page.page.locator("table.stories td:nth-child(2) .badge").all_inner_texts()) <= {"PROTEST"}
    page.page.go_back()
    page.ready("stories")
    assert page.page.locator("#f-type").input_value() == "ASSAULT"
    _nav(page, base, "?view=stories", "stories")
    page.shot("stories")
    page.clean()


def test_hostile_article_is_shown_as_text(page: Watched, base: str) -> None:
    _nav(page, base, f"?view=document&id={HOSTILE}", "document")
    text = page.page.locator(".doctext").inner_text()
    assert "<script>" in text and "onerror=" in text and "javascript:alert" in text
    assert page.page.locator("main script, .doctext img, .doctext a, h1 img").count() == 0
    assert page.page.evaluate("window.__pwned") is None
    page.shot("document_hostile")
    _nav(page, base, "?view=stories&limit=200", "stories")
    assert page.page.locator("main img").count() == 0
    assert page.page.evaluate("window.__pwned") is None
    page.clean()


def test_search_and_keyboard(page: Watched, base: str) -> None:
    _nav(page, base, "?view=documents", "documents")
    page.page.locator("#q").fill("peacekeepers")
    page.page.keyboard.press("Enter")
    page.ready("search")
    assert page.page.locator("ol.hits li").count() > 0 and page.page.locator(".snippet mark").count() > 0
    page.shot("search")
    page.page.locator("nav a[data-view='stories']").focus()
    page.page.keyboard.press("Enter")
    page.ready("stories")
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement !== document.body")
    page.clean()


@pytest.mark.parametrize("query,view", [("?view=map", "map"), (f"?view=document&id={HOSTILE}", "document"),
                                         ("?view=claims", "claims")])
def test_phone_width_has_no_sideways_scroll(browser: object, base: str, query: str, view: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, bypass_csp=True)
    w = Watched(ctx.new_page())
    try:
        _nav(w, base, query, view)
        width = w.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert width <= 1, f"page is {width}px wider than the phone"
        widest = w.page.evaluate("Math.max(...[...document.querySelectorAll('main *')]"
                                 ".filter((e) => !e.closest('.leaflet-container, .chainbox'))"
                                 ".map((e) => e.getBoundingClientRect().right)) - window.innerWidth")
        assert widest <= 1, f"an element reaches {widest}px past the right edge"
        w.shot(f"phone_{view}")
        w.clean()
    finally:
        ctx.close()


def test_api_docs_page(page: Watched, base: str) -> None:
    page.page.goto(f"{base}/docs")
    page.page.locator(".opblock").first.wait_for(timeout=20_000)
    page.shot("api_docs")
    page.clean()


@pytest.mark.slow
def test_example_corpus_map_to_evidence(browser: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The bundled example articles, ingested by the real pipeline: a located event's marker leads to its
    evidence in the document, and an attribution's chain leads to its words."""
    from newsgraph import jobs
    from newsgraph.config import Settings
    from newsgraph.store.db import Store

    root = Path(__file__).resolve().parents[1] / "examples"
    url = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'ex.db'}"
    picks = [str(root / n) for n in ("kharkov_shelling_zh_mt.txt", "sudan_khartoum_ap.txt", "tbilisi_protests.txt")]
    assert jobs.ingest(picks, url, Settings()).ok == 3
    store = Store(url)
    located = [d for d in (store.get(i) for i in ("kharkov_shelling_zh_mt", "sudan_khartoum_ap", "tbilisi_protests"))
               if d and any(e.place is not None and d.places[e.place].lat is not None for e in d.events)]
    assert located, "the examples have located events"
    doc = located[0]
    with Server(url) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
        w = Watched(ctx.new_page())
        try:
            _nav(w, base, f"?view=map&document={doc.id}", "map")
            w.page.wait_for_function("window.__ngMapPainted && window.__ngMapPainted.points > 0")
            # a cluster of this document's events zooms in, or lists them when they share one place
            for _ in range(6):
                if w.page.locator(".popup .go-doc").count():
                    break
                w.page.locator(".ng-marker, .ng-cluster").first.click()
                w.page.wait_for_timeout(400)
            w.page.locator(".popup .go-doc").first.click()
            w.ready("document")
            focus = "".join(w.page.locator(".doctext .focus").all_inner_texts())
            triggers = {e.trigger.text for e in doc.events}
            assert any(t in focus for t in triggers)
            w.shot("examples_document")
            _nav(w, base, "?view=claims", "claims")
            w.page.locator(".claim-evidence").first.click()
            w.ready("document")
            assert w.page.locator(".doctext .focus").count() > 0
            w.shot("examples_claim_evidence")
            w.clean()
        finally:
            ctx.close()
