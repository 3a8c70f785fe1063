"""Ingest: every input kind, and every kind of bad input gives one clear, coded error without losing the rest."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import RawDoc, iter_inputs
from newsgraph.ingest.decode import decode_bytes

ARTICLE = "Troops withdrew from the village on Monday, officials said.\n\nResidents returned the next day."
PAGE = """<html><head><title>Ceasefire holds in the north</title>
<meta property="og:site_name" content="Harbor Daily"><meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Ceasefire holds in the north</h1>
<p>The ceasefire between government forces and the rebels held for a third day on Tuesday, the army said,
as aid convoys reached the besieged town for the first time in weeks.</p>
<p>A spokesman for the rebels said they would respect the truce as long as the army stayed in its barracks,
and the United Nations called on both sides to open talks.</p></article>
<footer>Copyright Harbor Daily. All rights reserved.</footer></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Daily World</title>
<item><title>Talks resume</title><link>http://example.invalid/a</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Negotiators met in Doha on Monday.&lt;/p&gt;&lt;p&gt;A second round is planned.&lt;/p&gt;</description></item>
<item><title>Port shelled</title><link>http://example.invalid/b</link><pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
<description>Artillery hit the port overnight, the governor said.</description></item>
</channel></rss>"""


def run(inputs: list[str]) -> tuple[list[RawDoc], list[InputError]]:
    items = list(iter_inputs(inputs))  # the default size limit, as users get it
    return [i for i in items if isinstance(i, RawDoc)], [i for i in items if isinstance(i, InputError)]


def write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_plain_text_is_kept_exactly(tmp_path: Path) -> None:
    docs, errors = run([write(tmp_path / "a.txt", ARTICLE)])
    assert not errors and docs[0].text == ARTICLE and docs[0].id == "a"


def test_html_keeps_metadata(tmp_path: Path) -> None:
    docs, errors = run([write(tmp_path / "p.html", PAGE)])
    assert not errors
    doc = docs[0]
    assert "ceasefire between government forces" in doc.text
    assert "All rights reserved" not in doc.text and "World" not in doc.text.split("\n")[0]
    assert doc.title == "Ceasefire holds in the north"
    assert doc.outlet == "Harbor Daily" and doc.byline == "Ana Ruiz" and doc.published == "2024-03-05"


def test_a_large_page_without_article_tag_takes_the_linear_path_with_the_same_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from newsgraph.ingest import html

    def superlinear(*args: object, **kw: object) -> None:
        raise AssertionError("a large page must not reach trafilatura's extractor")

    monkeypatch.setattr(trafilatura, "bare_extraction", superlinear)

    entries = "\n".join(f"<div class='post'>\n<span>{i:04d}</span>\n<p>Engineers reopened lane {i} of the bridge "
                        "at dawn, the transport ministry said in a short statement.</p>\n</div>" for i in range(1500))
    sidebar = "\n".join(f"<div class='tag'><a href='/t/{i}'>Tag {i}</a></div>" for i in range(800))
    page = PAGE.replace("<article>", f"<div id='feed'>{entries}</div><div id='side'>{sidebar}</div><article>")
    assert html.is_large(page) and not html.is_large(PAGE)
    docs, errors = run([write(tmp_path / "big.html", page)])
    assert not errors
    doc = docs[0]
    assert doc.title == "Ceasefire holds in the north" and doc.text.startswith(doc.title + "\n\n")
    assert doc.outlet == "Harbor Daily" and doc.byline == "Ana Ruiz" and doc.published == "2024-03-05"
    assert any(w.startswith("NG-W005") for w in doc.warnings)
    # the page has an <article>: it is the container, and the live feed beside it stays out
    assert "ceasefire between government forces" in doc.text and "lane 7 " not in doc.text
    without_article = page.replace("<article>", "<div>").replace("</article>", "</div>")
    doc = run([write(tmp_path / "big2.html", without_article)])[0][0]
    paras = doc.text.split("\n\n")
    assert sum("transport ministry said" in p for p in paras) == 1500 and "Tag 3" not in doc.text
    assert "All rights reserved" not in doc.text


def test_normal_pages_keep_the_trafilatura_path_and_no_warning(tmp_path: Path) -> None:
    docs, _ = run([write(tmp_path / "p.html", PAGE)])
    assert docs[0].warnings == []


def test_feed_entries_become_documents(tmp_path: Path) -> None:
    docs, errors = run([write(tmp_path / "f.xml", FEED)])
    assert not errors
    assert [d.title for d in docs] == ["Talks resume", "Port shelled"]
    assert docs[0].published == "2024-03-05" and docs[0].outlet == "Harbor Daily World"
    assert docs[0].text == "Negotiators met in Doha on Monday.\n\nA second round is planned."


def test_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        '{"id": "ok1", "text": "First article.", "published": "2022-09-24", "outlet": "X"}',
        "{not json",
        '{"id": "no-text", "title": "t"}',
        '{"id": "ok2", "text": "Second article."}',
        '{"id": "bad-date", "text": "Third.", "published": "yesterday"}',
    ]
    docs, errors = run([write(tmp_path / "b.jsonl", "\n".join(lines))])
    assert [d.id for d in docs] == ["ok1", "ok2", "bad-date"]
    assert docs[0].published == "2022-09-24" and docs[0].outlet == "X"
    assert docs[2].published is None and "NG-W004" in docs[2].warnings[0]
    assert [e.source for e in errors] == [f"{tmp_path / 'b.jsonl'}:2", f"{tmp_path / 'b.jsonl'}:3"]
    assert "NG-E005" in errors[0].message and "NG-E006" in errors[1].message


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "NG-E001"),
        ("blank.txt", b"  \n\t \n", "NG-E001"),
        ("binary.txt", bytes(range(256)) * 4, "NG-E002"),
        ("latin1.txt", "Caf\u00e9 in Bogot\u00e1 closed.".encode("cp1252"), "NG-E003"),
        ("broken.html", b"<html><body><script>var x=1;</script><nav>Home</nav></body></html>", "NG-E008"),
        ("unknown.pdf", b"%PDF-1.4 some text", "NG-E011"),
    ],
)
def test_bad_file_is_reported_and_the_good_one_kept(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    bad = write(tmp_path / name, data)
    docs, errors = run([bad, good])
    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 1 and errors[0].source == bad and code in errors[0].message


def test_too_large_input_is_refused(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "word " * 4_200_000)  # 21 MB
    docs, errors = run([big])
    assert not docs and "NG-E004" in errors[0].message


def test_missing_path(tmp_path: Path) -> None:
    docs, errors = run([str(tmp_path / "nope.txt")])
    assert not docs and "NG-E010" in errors[0].message


def test_utf16_with_bom_decodes() -> None:
    data = "Kyiv said talks would resume.".encode("utf-16")
    assert decode_bytes(data, "x", 1000).startswith("Kyiv said")


def test_directory_reads_every_supported_file_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "sub" / "a.html", PAGE)
    write(tmp_path / "notes.pdf", b"%PDF")
    docs, errors = run([str(tmp_path)])
    assert [d.id for d in docs] == ["b", "sub/a"] and not errors


@pytest.fixture()
def http_server(tmp_path: Path) -> Iterator[str]:
    write(tmp_path / "page.html", PAGE)
    write(tmp_path / "feed.xml", FEED)
    write(tmp_path / "plain.txt", ARTICLE)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_urls_pages_feeds_and_failures(http_server: str) -> None:
    docs, errors = run([f"{http_server}/page.html", f"{http_server}/feed.xml", f"{http_server}/missing.html",
                        f"{http_server}/plain.txt", "http://127.0.0.1:9/unreachable"])
    assert [d.title for d in docs[:3]] == ["Ceasefire holds in the north", "Talks resume", "Port shelled"]
    assert docs[3].text == ARTICLE and docs[0].url == f"{http_server}/page.html"
    assert len(errors) == 2 and all("NG-E007" in e.message for e in errors)
    assert errors[0].source.endswith("/missing.html")
