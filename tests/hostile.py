"""A local HTTP server (127.0.0.1 only) with hostile routes beside good ones, for the fetch and batch tests.

Routes: /good.txt and /good.html (articles), /forever (a body that never ends), /bomb (a small gzip body that
inflates to 200 MB), /huge (declares 3 GB), /huge-chunked (3 GB with no length), /drip (one byte every 0.2 s),
/loop (redirects to itself), /ftp (redirects to ftp://), /feed.xml (changes with ``state['feed']``).
"""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

GOOD_TEXT = ("Rebels shelled the port of Hodeidah on Tuesday, the coalition said.\n\n"
             "Aid agencies said at least twelve people were wounded and a warehouse burned for hours.")
GOOD_HTML = """<html><head><title>Floods cut roads in the north</title></head><body><article>
<p>Floods cut the main road between Mosul and Erbil on Monday, local officials said, stranding hundreds of trucks
carrying food and fuel to the region.</p><p>The governor said repair crews would need at least a week.</p>
</article></body></html>"""
_BOMB = gzip.compress(b"\0" * 200_000_000, compresslevel=9)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    state: ClassVar[dict] = {}

    def log_message(self, *args) -> None:
        pass

    def _send(self, body: bytes, ctype: str = "text/plain; charset=utf-8", status: int = 200,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunk: bytes, pause: float = 0.0, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            while not self.state.get("stopping"):
                self.wfile.write(chunk)
                self.wfile.flush()
                if pause:
                    time.sleep(pause)
        except OSError:
            pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.state.setdefault("hits", []).append(path)
        if path == "/good.txt":
            self._send(GOOD_TEXT.encode())
        elif path == "/good.html":
            self._send(GOOD_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/forever":
            self._stream(b"The war goes on. " * 4096)
        elif path == "/huge":
            self._stream(b"x" * 65536, length=3_000_000_000)
        elif path == "/huge-chunked":
            self._stream(b"y" * 65536)
        elif path == "/drip":
            self._stream(b"a", pause=0.2)
        elif path == "/bomb":
            self._send(_BOMB, extra={"Content-Encoding": "gzip"})
        elif path == "/loop":
            self._send(b"", status=302, extra={"Location": "/loop"})
        elif path == "/ftp":
            self._send(b"", status=302, extra={"Location": "ftp://127.0.0.1/file.txt"})
        elif path.startswith("/feed"):
            self._feed()
        elif path.startswith("/article/"):
            body = self.state.get("articles", {}).get(path)
            if body is None:
                self._send(b"not found", status=404)
            else:
                self._send(body.encode(), "text/html; charset=utf-8")
        else:
            self._send(b"not found", status=404)

    def _feed(self) -> None:
        feed = self.state.get("feed", "")
        etag = f'"{hash(feed) & 0xFFFFFFFF:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.state.setdefault("not_modified", 0)
            self.state["not_modified"] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        if self.state.get("feed_status", 200) != 200:
            self._send(b"unavailable", status=self.state["feed_status"])
            return
        self._send(feed.encode(), "application/rss+xml", extra={"ETag": etag,
                                                                "Last-Modified": "Tue, 05 Mar 2024 08:00:00 GMT"})


@contextmanager
def serve() -> Iterator[tuple[str, dict]]:
    """(base URL, shared state) of a fresh server; stopped (and its streams ended) on exit."""
    state: ClassVar[dict] = {}
    handler = type("Handler", (_Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        state["stopping"] = True
        server.shutdown()
        server.server_close()
