"""Serving a built site folder on this machine as a static host would: files, and 404.html for the rest.

Used by the browser tests and tools/audit.py; `warta serve` builds on the same
idea (`look_up` maps a request path to a file safely) but adds the reload script to HTML.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, unquote


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


# -- mapping a request path to a file, for any handler that must never leave its folder ----------

LONGEST_PATH = 2048  # far beyond any address the site has; longer ones are refused before touching the disk
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Lookup:
    """What a request path names inside a served folder.

    `status` is 200 (serve `file`), 301 (redirect to `location`, a folder without its slash),
    404 (nothing there, or somewhere outside the folder), 400 (a path no browser sends: broken
    percent-encoding, control characters, backslashes) or 414 (too long).
    """

    status: int
    file: Path | None = None
    location: str | None = None


def look_up(root: Path, raw: str) -> Lookup:
    """The file `raw` (the request target, as sent) names under `root` (already resolved)."""
    if len(raw) > LONGEST_PATH:
        return Lookup(HTTPStatus.REQUEST_URI_TOO_LONG)
    path, _, query = raw.partition("?")
    path = path.partition("#")[0]
    if not path.startswith("/") or _BAD_PERCENT.search(path):
        return Lookup(HTTPStatus.BAD_REQUEST)
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return Lookup(HTTPStatus.BAD_REQUEST)
    if "\\" in decoded or any(ord(c) < 32 or ord(c) == 127 for c in decoded):
        return Lookup(HTTPStatus.BAD_REQUEST)
    segments = [s for s in decoded.split("/") if s]
    if any(s in (".", "..") for s in segments):  # a browser removes these before sending
        return Lookup(HTTPStatus.NOT_FOUND)
    candidate = root.joinpath(*segments)
    try:
        if candidate.is_dir():
            if not decoded.endswith("/"):
                # Built from the segments, so '//host' can never become a redirect to another site.
                location = quote("/" + "/".join(segments) + "/") + (f"?{query}" if query else "")
                return Lookup(HTTPStatus.MOVED_PERMANENTLY, location=location)
            candidate = candidate / "index.html"
        resolved = candidate.resolve()
        if not resolved.is_relative_to(root) or not resolved.is_file():
            return Lookup(HTTPStatus.NOT_FOUND)
    except (OSError, ValueError):  # a name too long for the file system, and the like
        return Lookup(HTTPStatus.NOT_FOUND)
    return Lookup(HTTPStatus.OK, resolved)
