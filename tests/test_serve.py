"""`warta serve` over real HTTP: edits show up, tabs are told to reload, mistakes never kill it."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from warta.pipeline import BuildOptions
from warta.serve import EVENTS_PATH, serve


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


class EventListener(threading.Thread):
    """Reads the server-sent event stream in the background."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.events: list[tuple[str, str]] = []
        self.connected = threading.Event()

    def run(self) -> None:
        with urllib.request.urlopen(self.url, timeout=30) as stream:
            self.connected.set()
            event = None
            for raw in stream:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event:
                    self.events.append((event, line[6:]))
                    event = None


@pytest.fixture
def preview(site: Site, tmp_path: Path):
    site.add_post("2024-08-13-rakor", title="Rakor Awal", date="2024-08-13", tahapan=["kampanye"], body="Isi pertama.")
    site.add_post("2024-08-14-apel", title="Apel Siaga", date="2024-08-14", tahapan=["kampanye"])
    port = free_port()
    ready, stop = threading.Event(), threading.Event()
    output = tmp_path / "pratinjau"
    options = BuildOptions(site=site.root, base_url=f"http://localhost:{port}/")
    thread = threading.Thread(target=serve, args=(options, port, "127.0.0.1", output, ready, stop), daemon=True)
    thread.start()
    assert ready.wait(20)
    base = f"http://127.0.0.1:{port}"
    listener = EventListener(base + EVENTS_PATH)
    listener.start()
    assert listener.connected.wait(5)
    yield site, base, listener, output
    stop.set()
    thread.join(10)


def h1(html: str) -> str:
    return BeautifulSoup(html, "html.parser").find("h1").get_text(strip=True)


def test_edit_is_served_and_tabs_reload(preview):
    site, base, listener, output = preview
    status, page = fetch(base + "/berita/rakor/")
    assert status == 200 and h1(page) == "Rakor Awal"
    assert EVENTS_PATH in page  # the reload script is added to served HTML...
    assert EVENTS_PATH not in (output / "berita" / "rakor" / "index.html").read_text()  # ...never to files
    site.add_post("2024-08-13-rakor", title="Rakor Diubah", date="2024-08-13", tahapan=["kampanye"], body="Isi kedua.")
    wait_for(lambda: h1(fetch(base + "/berita/rakor/")[1]) == "Rakor Diubah")
    wait_for(lambda: ("muat-ulang", "") in listener.events)
    listing = fetch(base + "/tahapan/kampanye/")[1]
    assert "Rakor Diubah" in listing


def test_broken_edit_keeps_last_good_page_and_reports(preview):
    site, base, listener, _ = preview
    site.write("content/berita/2024-08-13-rakor.md", "---\ntitle: Rakor: rusak\ndate: 2024-08-13\n---\nIsi.\n")
    wait_for(lambda: any(event == "galat" for event, _ in listener.events))
    event = next(data for event, data in listener.events if event == "galat")
    assert "2024-08-13-rakor.md:2: YAML tidak valid" in event
    status, page = fetch(base + "/berita/rakor/")
    assert status == 200 and h1(page) == "Rakor Awal"
    site.add_post("2024-08-13-rakor", title="Rakor Diperbaiki", date="2024-08-13")
    wait_for(lambda: h1(fetch(base + "/berita/rakor/")[1]) == "Rakor Diperbaiki")


def test_deleted_post_loses_its_page_and_unknown_paths_get_the_404_page(preview):
    site, base, _, _ = preview
    (site.root / "content/berita/2024-08-14-apel.md").unlink()
    wait_for(lambda: fetch(base + "/berita/apel/")[0] == 404)
    status, page = fetch(base + "/berita/apel/")
    assert h1(page) == "Halaman tidak ditemukan"
    assert fetch(base + "/../../../etc/passwd")[0] == 404
    assert fetch(base + "/%2e%2e/%2e%2e/etc/passwd")[0] == 404


def test_taking_another_posts_slug_changes_nothing_on_disk(preview):
    # The page written ahead of the full rebuild must never be another post's.
    site, base, listener, output = preview
    site.add_post("2024-08-14-apel", title="Apel Menyalin", date="2024-08-14", tahapan=["kampanye"], slug="rakor")
    wait_for(lambda: any(event == "galat" for event, _ in listener.events))
    assert h1(fetch(base + "/berita/rakor/")[1]) == "Rakor Awal"
    assert "Rakor Awal" in (output / "berita" / "rakor" / "index.html").read_text()
