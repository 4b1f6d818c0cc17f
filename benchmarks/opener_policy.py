"""What a Cross-Origin-Opener-Policy header costs a first load in a fresh tab, measured on this machine.

A page sent with `Cross-Origin-Opener-Policy: same-origin` (the portal's pages are: `rxapp/web/headers.py`)
must open in a browsing context group of its own, so Chromium cannot use the fresh tab's blank page's renderer
process for it and starts another one; a page without the header (the empty app's) reuses it. `events.py`
prints this cost beside the first loads, measured in the same run on two blank pages that differ only in that
header, so the part of the real app's first load that is the security header's is known.
"""

from __future__ import annotations

import statistics
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from common import CHROMIUM, CHROMIUM_ARGS

HEADER = "Cross-Origin-Opener-Policy"
_PAGE = b"<!doctype html><html lang=en><title>blank</title><p>blank</p></html>"


class _BlankPages(BaseHTTPRequestHandler):
    """`/plain` and `/coop`: the same blank page, the second with the header."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(_PAGE)))
        self.send_header("Cache-Control", "no-store")
        if self.path.startswith("/coop"):
            self.send_header(HEADER, "same-origin")
        self.end_headers()
        self.wfile.write(_PAGE)

    def log_message(self, *_args) -> None:
        pass


def sends_header(url: str) -> bool:
    """True when the page at `url` is sent with a Cross-Origin-Opener-Policy other than unsafe-none."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the benchmark's own servers)
        value = response.headers.get(HEADER, "") or ""
    return value.strip().lower() not in ("", "unsafe-none")


def cost(runs: int) -> tuple[float, float]:
    """(plain ms, with the header ms): median time from `page.goto` in a fresh context until the load event,
    for the two blank pages taking turns (after one unmeasured round)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), _BlankPages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    times: dict[str, list[float]] = {"plain": [], "coop": []}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for round_ in range(runs + 1):
                for kind in times:
                    context = browser.new_context()
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(f"{base}/{kind}", wait_until="load")
                    if round_:
                        times[kind].append((time.perf_counter() - start) * 1000)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return statistics.median(times["plain"]), statistics.median(times["coop"])
