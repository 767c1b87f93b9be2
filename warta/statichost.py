"""Serving a built site folder on this machine as a static host would: files, and 404.html for the rest.

Used by the browser tests and tools/audit.py; `warta serve` builds on the same
idea but adds the reload script to HTML.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from `directory`, with the site's own 404.html (status 404) for missing paths."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def served(folder: Path, handler: type[StaticSiteHandler] = StaticSiteHandler, port: int = 0) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 in a background thread; yields the base address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
