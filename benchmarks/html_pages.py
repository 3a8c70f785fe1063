#!/usr/bin/env python3
"""Cost of HTML ingest against page size: seconds and peak RSS of parse_html for generated pages of 10k, 50k and
200k lines, each in a fresh process, on today's path (large pages take the linear block walk) and, with
``--before``, forced through trafilatura as every page was before (with a per-page timeout, as it never finished).

    python benchmarks/html_pages.py [--lines 10000,50000,200000] [--before] [--timeout 300] [--json]

The page is a live blog: entries of a timestamp, share links and one paragraph, many lines of markup each,
inside no <article> (so the container is found by paragraph weight), plus a long sitemap footer.

Measured on the shared 2-core machine (2026-12-03), seconds / peak RSS of parse_html:
    lines     before (trafilatura)    after (linear path)
    10k       2.58 s / 128 MB         0.44 s / 111 MB
    50k       12.42 s / 223 MB        0.91 s / 136 MB
    200k      101.55 s / 580 MB       3.38 s / 230 MB
(the 200k 'before' ran while the test suite loaded the machine; a first try with a 60 s timeout was killed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, sys, time
from newsgraph.bench import peak_rss_mb
from newsgraph.ingest import html as H
lines, before = int(sys.argv[1]), sys.argv[2] == "1"
if before:
    H.LARGE_PAGE_LINES = H.LARGE_PAGE_TAGS = 10**12
sys.path.insert(0, sys.argv[3])
from html_pages import live_blog
page = live_blog(lines)
t0 = time.perf_counter()
doc = H.parse_html(page, "page.html", "p")
dt = time.perf_counter() - t0
print(json.dumps({"lines": page.count("\n") + 1, "bytes": len(page.encode()), "seconds": round(dt, 2),
                  "peak_rss_mb": peak_rss_mb(), "text_chars": len(doc.text), "paragraphs": doc.text.count("\n\n") + 1,
                  "warned": bool(doc.warnings), "title": doc.title, "published": doc.published}))
"""

PLACES = ("Harn", "Vell", "Osk", "Tamar", "Brisa", "Kolo")


def live_blog(lines: int) -> str:
    """A page of about ``lines`` lines: head metadata, a live blog of multi-line entries, a sitemap footer."""
    out = ["<!DOCTYPE html>", "<html><head><title>Flood relief stalls in the delta</title>",
           '<meta name="author" content="Mara Olsen">', '<meta property="og:site_name" content="Delta Courier">',
           '<meta property="article:published_time" content="2024-05-02T08:00:00Z">', "</head><body>",
           "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>", "<div id='blog'>"]
    footer = max(10, lines // 10)
    i = 0
    while len(out) < lines - footer - 4:
        place = PLACES[i % len(PLACES)]
        out += [f"<div class='entry' id='e{i}'>", f"  <span class='time'>{i // 60 % 24:02d}:{i % 60:02d}</span>",
                "  <div class='share'>", f"    <a href='/s?e={i}'>Share</a>", f"    <a href='/m?e={i}'>Mail</a>",
                "  </div>",
                f"  <p>Convoy {i} reached {place} after the river rose again, the district officer told reporters.</p>",
                "</div>"]
        i += 1
    out.append("</div><footer><ul>")
    out += [f"<li><a href='/map/{k}'>Section {k}</a></li>" for k in range(footer)]
    out.append("</ul></footer></body></html>")
    return "\n".join(out)


def run_one(lines: int, before: bool, timeout: float) -> dict:
    import pathlib

    here = str(pathlib.Path(__file__).resolve().parent)
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, str(lines), "1" if before else "0", here],
                             capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"lines": lines, "seconds": f">{timeout:.0f} (killed)", "peak_rss_mb": None}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", default="10000,50000,200000")
    ap.add_argument("--before", action="store_true", help="force every page through trafilatura (the old path)")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = [run_one(int(n), args.before, args.timeout) for n in args.lines.split(",")]
    for r in rows:
        print(json.dumps(r) if args.json else
              f"{r['lines']:>7} lines  {r['seconds']!s:>14} s  peak RSS {r['peak_rss_mb']} MB  "
              f"{r.get('paragraphs', '-')} paragraphs  fallback={r.get('warned', '-')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
