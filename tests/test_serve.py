"""`warta serve` over real HTTP: edits show up, tabs are told to reload, mistakes never kill it."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from warta.pipeline import BuildOptions
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from warta.serve import EVENTS_PATH, AllowedHosts, _Watches, serve


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


@contextmanager
def running(site: Site, output: Path):
    """`warta serve` on 127.0.0.1 in a thread, with a listener on its event stream."""
    port = free_port()
    ready, stop = threading.Event(), threading.Event()
    options = BuildOptions(site=site.root, base_url=f"http://localhost:{port}/")
    thread = threading.Thread(target=serve, args=(options, port, "127.0.0.1", output, ready, stop), daemon=True)
    thread.start()
    assert ready.wait(20)
    base = f"http://127.0.0.1:{port}"
    listener = EventListener(base + EVENTS_PATH)
    listener.start()
    assert listener.connected.wait(5)
    try:
        yield base, listener, thread
    finally:
        stop.set()
        thread.join(10)


@pytest.fixture
def preview(site: Site, tmp_path: Path):
    site.add_post("2024-08-13-rakor", title="Rakor Awal", date="2024-08-13", tahapan=["kampanye"], body="Isi pertama.")
    site.add_post("2024-08-14-apel", title="Apel Siaga", date="2024-08-14", tahapan=["kampanye"])
    output = tmp_path / "pratinjau"
    with running(site, output) as (base, listener, _):
        yield site, base, listener, output


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


def raw_request(base: str, path: str, method: str = "GET", host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request sent as given (no normalisation of the path), with `host` as the Host header."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host if host is not None else address.netloc)
        connection.endheaders()
        response = connection.getresponse()
        headers = {name.casefold(): value for name, value in response.getheaders() if name.casefold() != "date"}
        return response.status, headers, response.read()
    finally:
        connection.close()


def test_only_this_machines_names_are_answered(preview):
    # A page on another site can point its own domain at 127.0.0.1 (DNS rebinding); its requests name that domain.
    _, base, _, _ = preview
    port = urlsplit(base).port
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        assert raw_request(base, "/berita/rakor/", host=host)[0] == 200, host
    for host in (f"jahat.example:{port}", f"localhost.jahat.example:{port}", f"127.0.0.1.nip.io:{port}",
                 "localhost", f"localhost:{port + 1}", f"jahat.example@localhost:{port}", f"192.168.1.5:{port}", ""):
        status, _, body = raw_request(base, "/berita/rakor/", host=host)
        assert status == 403, host
        assert b"Rakor Awal" not in body
        assert "hanya melayani alamat komputer ini" in BeautifulSoup(body, "html.parser").get_text(" ")
    assert raw_request(base, EVENTS_PATH, host=f"jahat.example:{port}")[0] == 403


def test_bound_beyond_loopback_answers_addresses_and_own_names():
    lan = AllowedHosts.for_bind("0.0.0.0", 8000, ["laptop-humas", "laptop-humas.local", "laptop-humas.kantor.lan"])
    for host in ("192.168.1.5:8000", "0.0.0.0:8000", "localhost:8000", "[fe80::1]:8000", "laptop-humas.local:8000",
                 "LAPTOP-HUMAS:8000", "laptop-humas.kantor.lan:8000"):
        assert lan.allows(host), host
    for host in ("jahat.example:8000", "192.168.1.5:8001", "192.168.1.5", "laptop-humas.jahat.example:8000", None):
        assert not lan.allows(host), host
    one_address = AllowedHosts.for_bind("192.168.1.5", 80, ["laptop-humas"])
    assert one_address.allows("192.168.1.5") and one_address.allows("laptop-humas:80")
    assert not one_address.allows("jahat.example")
    loopback = AllowedHosts.for_bind("127.0.0.1", 8000, ["laptop-humas"])
    assert loopback.allows("localhost:8000") and loopback.allows("[::1]:8000")
    assert not loopback.allows("192.168.1.5:8000") and not loopback.allows("laptop-humas:8000")


def test_bad_paths_get_4xx_and_nothing_outside_the_preview(preview, tmp_path: Path, capfd):
    _, base, _, output = preview
    (tmp_path / "rahasia.txt").write_text("kata sandi rahasia")
    (output / "bocor.txt").symlink_to(tmp_path / "rahasia.txt")
    capfd.readouterr()
    paths = ["/%00", "/berita/%00/", "/%2e%2e/", "/%2e%2e/rahasia.txt", "/../rahasia.txt", "/berita/../../rahasia.txt",
             "/" + "a" * 10_000, "/" + "a/" * 5_000, "/" + "b" * 300 + "/", "/%zz", "/berita/%e/", "/%C0%AF",
             "/berita\\rakor/", "/..%5crahasia.txt", "/%5c..%5crahasia.txt", "/bocor.txt", "rahasia.txt",
             "/%0d%0aSet-Cookie:%20x=1"]
    for path in paths:
        for method in ("GET", "HEAD"):
            status, headers, body = raw_request(base, path, method)
            assert 400 <= status < 500, (path, method, status)
            assert b"rahasia" not in body and "set-cookie" not in headers
            if status == 400 and method == "GET":  # explained to the writer in Indonesian
                assert BeautifulSoup(body, "html.parser").find("p").get_text() == "Alamat ini tidak valid.", path
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err
    assert raw_request(base, "/berita/rakor/")[0] == 200  # and it still serves


def test_a_folder_without_its_slash_redirects_within_this_site(preview):
    _, base, _, _ = preview
    for path, location in (("/berita", "/berita/"), ("/berita?halaman=2", "/berita/?halaman=2"),
                           ("//berita", "/berita/"), ("/tahapan//kampanye", "/tahapan/kampanye/")):
        status, headers, _ = raw_request(base, path)
        assert (status, headers["location"]) == (301, location), path


def test_head_answers_as_get_does(preview):
    _, base, _, _ = preview
    for path in ("/", "/berita/rakor/", "/tidak-ada/", "/feed.xml", "/berita", "/%00", "/favicon.svg"):
        get_status, get_headers, get_body = raw_request(base, path, "GET")
        head_status, head_headers, head_body = raw_request(base, path, "HEAD")
        assert (head_status, head_headers) == (get_status, get_headers), path
        assert head_body == b""
        assert int(get_headers["content-length"]) == len(get_body), path
    assert EVENTS_PATH.encode() in raw_request(base, "/berita/rakor/")[2]  # the page with the reload script added


def footer(marker: str) -> str:
    return f'<footer class="kaki"><p id="penanda">{marker}</p></footer>\n'


def marker(base: str) -> str | None:
    found = BeautifulSoup(fetch(base + "/berita/rakor/")[1], "html.parser").find(id="penanda")
    return found.get_text() if found else None


def test_folders_created_while_serving_are_watched(preview):
    site, base, listener, _ = preview
    assert not (site.root / "templates").exists() and not (site.root / "static").exists()
    site.write("templates/footer.html", footer("Kaki pertama"))  # the folder and its file at once
    wait_for(lambda: marker(base) == "Kaki pertama")
    site.write("templates/footer.html", footer("Kaki kedua"))  # and files edited in it later
    wait_for(lambda: marker(base) == "Kaki kedua")
    site.write("static/dokumen/catatan.txt", "Catatan rapat")
    wait_for(lambda: fetch(base + "/dokumen/catatan.txt") == (200, "Catatan rapat"))
    site.write("static/dokumen/catatan.txt", "Catatan diubah")
    wait_for(lambda: fetch(base + "/dokumen/catatan.txt") == (200, "Catatan diubah"))
    # A folder removed and made again is watched again.
    (site.root / "templates" / "footer.html").unlink()
    (site.root / "templates").rmdir()
    wait_for(lambda: marker(base) is None)
    site.write("templates/footer.html", footer("Kaki ketiga"))
    wait_for(lambda: marker(base) == "Kaki ketiga")
    site.write("templates/footer.html", footer("Kaki keempat"))
    wait_for(lambda: marker(base) == "Kaki keempat")


def galat_events(listener: EventListener) -> list[list[str]]:
    return [json.loads(data) for event, data in listener.events if event == "galat"]


def test_an_unexpected_failure_keeps_the_last_good_site_and_watching(preview, monkeypatch, capfd):
    site, base, listener, _ = preview
    import warta.site

    def broken_plan(*args, **kwargs):
        raise RuntimeError("tahap rusak\nbaris kedua")

    monkeypatch.setattr(warta.site, "plan_site", broken_plan)
    path = site.add_post("2024-08-13-rakor", title="Rakor Diubah", date="2024-08-13", tahapan=["kampanye"])
    wait_for(lambda: galat_events(listener))
    assert galat_events(listener)[0] == [
        f"{path}: Warta gagal membangun situs karena galat internal yang tidak terduga. Periksa perubahan terakhir "
        "Anda (misalnya karakter aneh dalam teks); bila galat tetap muncul, laporkan ke pengelola situs. "
        "Detail teknis: RuntimeError: tahap rusak"]
    assert h1(fetch(base + "/berita/rakor/")[1]) == "Rakor Awal"
    assert "Traceback" not in capfd.readouterr().err
    monkeypatch.undo()
    site.add_post("2024-08-13-rakor", title="Rakor Diperbaiki", date="2024-08-13", tahapan=["kampanye"])
    wait_for(lambda: h1(fetch(base + "/berita/rakor/")[1]) == "Rakor Diperbaiki")
    assert "Rakor Diperbaiki" in fetch(base + "/tahapan/kampanye/")[1]  # the whole site, not only the edited page


def test_hostile_text_never_ends_the_preview(preview, capfd):
    site, base, listener, _ = preview
    capfd.readouterr()
    site.add_post("2024-08-13-rakor", title="Rakor Halaman", date="2024-08-13", body="Isi \f dengan form feed.")
    wait_for(lambda: len(listener.events) >= 1)  # a reload, or an error while the cause is not fixed
    site.add_post("2024-08-13-rakor", title="Rakor Bersih", date="2024-08-13")
    wait_for(lambda: h1(fetch(base + "/berita/rakor/")[1]) == "Rakor Bersih")
    assert "Traceback" not in capfd.readouterr().err


def test_a_failing_first_build_still_serves_and_recovers(site: Site, tmp_path: Path, monkeypatch, capfd):
    import warta.site

    site.add_post("2024-08-13-rakor", title="Rakor Awal", date="2024-08-13")
    monkeypatch.setattr(warta.site, "plan_site", lambda *args, **kwargs: 1 / 0)
    with running(site, tmp_path / "pratinjau") as (base, listener, thread):
        status, page = fetch(base + "/berita/rakor/")
        assert status == 404 and h1(page) == "Pratinjau belum siap" and EVENTS_PATH in page
        wait_for(lambda: galat_events(listener))
        assert galat_events(listener)[0][0].endswith("Detail teknis: ZeroDivisionError: division by zero")
        monkeypatch.undo()
        site.add_post("2024-08-13-rakor", title="Rakor Pulih", date="2024-08-13")
        wait_for(lambda: h1(fetch(base + "/berita/rakor/")[1]) == "Rakor Pulih")
        assert thread.is_alive()
    assert "Traceback" not in capfd.readouterr().err


def warning_events(listener: EventListener) -> list[dict]:
    return [json.loads(data) for event, data in listener.events if event == "peringatan"]


class Terminal:
    """What `warta serve` printed so far (stderr), read as it comes."""

    def __init__(self, capfd):
        self.capfd, self.err = capfd, ""

    def until(self, needle: str) -> str:
        def seen() -> bool:
            self.err += self.capfd.readouterr().err
            return needle in self.err
        wait_for(seen)
        printed, self.err = self.err, ""
        return printed


def test_warnings_are_printed_when_new_or_changed_and_listed_in_a_panel(site: Site, tmp_path: Path, capfd):
    unknown = "lembaga 'Paguyuban Warga' belum ada di data/lembaga.yaml"
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13", lembaga=["Paguyuban Warga"])
    site.add_post("2024-08-14-apel", title="Apel", date="2024-08-14", lembaga=["Paguyuban Warga"])
    site.add_post("2024-08-15-patroli", title="Patroli", date="2024-08-15")
    terminal = Terminal(capfd)
    with running(site, tmp_path / "pratinjau") as (base, listener, _):
        first = terminal.until(unknown)
        assert first.count(unknown) == 1  # one warning for the agency, not one per post
        assert "(dipakai 2 berita: " in first
        wait_for(lambda: warning_events(listener))
        panel = warning_events(listener)[0]  # a page that opens is told the current warnings
        assert panel["total"] == 1 and len(panel["shown"]) == 1 and unknown in panel["shown"][0]

        site.add_post("2024-08-15-patroli", title="Patroli Diubah", date="2024-08-15")
        again = terminal.until("peringatan tidak berubah")
        assert unknown not in again and "  (1 peringatan tidak berubah)" in again.splitlines()

        site.add_post("2024-08-15-patroli", title="Patroli Diubah", date="2024-08-15", lembaga=["Paguyuban Warga", "Karang Taruna"])
        changed = terminal.until("Karang Taruna")
        assert changed.count(unknown) == 1 and "(dipakai 3 berita: " in changed  # changed, so printed again
        assert "tidak berubah" not in changed

        later = EventListener(base + EVENTS_PATH)  # the reload that follows opens the page again
        later.start()
        wait_for(lambda: warning_events(later))
        assert warning_events(later)[0]["total"] == 2


def test_a_watched_folder_that_stays_absent_is_no_change(tmp_path: Path):
    """Most sites have no templates/ or static/: that must not make every edit re-read the whole site."""
    (tmp_path / "content" / "berita").mkdir(parents=True)
    watches = _Watches(Observer(), FileSystemEventHandler(), tmp_path)
    assert set(watches.folders) == {"content"}
    assert watches.refresh() is False
    (tmp_path / "static").mkdir()
    assert watches.refresh() is True
    assert watches.refresh() is False
    (tmp_path / "static").rmdir()
    assert watches.refresh() is True
    assert watches.refresh() is False


def test_a_scheduled_post_appears_at_its_time_without_an_edit(site: Site, tmp_path: Path, monkeypatch):
    """The preview reads the clock: a post dated later today is published when its time comes, and open tabs reload."""
    from datetime import datetime

    import warta.serve
    import warta.site
    from warta.dates import WIB

    clock = [datetime(2024, 8, 25, 8, 59, 50, tzinfo=WIB)]
    monkeypatch.setattr(warta.site, "now_wib", lambda: clock[0])
    monkeypatch.setattr(warta.serve, "now_wib", lambda: clock[0])
    site.add_post("2024-08-13-rakor", title="Rakor Awal", date="2024-08-13")
    site.add_post("2024-08-25-terjadwal", title="Berita Terjadwal", date="2024-08-25T09:00:00+07:00")
    with running(site, tmp_path / "pratinjau") as (base, listener, _):
        assert fetch(base + "/berita/terjadwal/")[0] == 404
        clock[0] = datetime(2024, 8, 25, 9, 0, 1, tzinfo=WIB)
        wait_for(lambda: fetch(base + "/berita/terjadwal/")[0] == 200)
        assert h1(fetch(base + "/berita/terjadwal/")[1]) == "Berita Terjadwal"
        wait_for(lambda: ("muat-ulang", "") in listener.events)
