"""`warta serve`: build, serve on localhost, rebuild what changed, reload open tabs.

Serving is for the writer's own preview: it binds to 127.0.0.1 by default,
answers only requests that name this machine as their `Host` (see
`AllowedHosts`) and serves only files inside the preview folder. The reload script is added to
HTML responses on the fly, so it never reaches a file on disk (and so never a
deployed site). A writer's mistake keeps the last good site served; the
problem is printed and shown over the page until the file is fixed. Warnings
are printed when they are new or changed, and the current ones are listed in
a small panel that the writer can close.
"""

from __future__ import annotations

import ipaddress
import json
import queue
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler
from typing import Any
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from warta.dates import now_wib
from warta.diagnostics import Diagnostics
from warta.incremental import IncrementalSite, RebuildReport
from warta.ownership import UnsafeOutput, claim_output
from warta.pipeline import BuildOptions
from warta.statichost import look_up

EVENTS_PATH = "/__warta/peristiwa"
QUIET_SECONDS = 0.03  # an editor's save dance is over within this; a git pull keeps it extending
LONGEST_WAIT = 1.0

RELOAD_SCRIPT = """<script>
(function () {
  var source = new EventSource("%s");
  source.addEventListener("muat-ulang", function () { location.reload(); });
  source.addEventListener("galat", function (event) {
    var problems = JSON.parse(event.data);
    var box = document.getElementById("warta-galat") || document.createElement("div");
    box.id = "warta-galat";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem";
    box.innerHTML = "<h2 style='color:#ffb4b4;margin-top:0'>Pembangunan situs gagal: perbaiki berkas berikut</h2>";
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;font:15px/1.6 ui-monospace,monospace";
    list.textContent = problems.join("\\n");
    box.appendChild(list);
    var note = document.createElement("p");
    note.textContent = "Halaman yang tampil di belakang ini adalah versi terakhir yang berhasil dibangun.";
    box.appendChild(note);
    document.body.appendChild(box);
  });
  source.addEventListener("peringatan", function (event) {
    var warnings = JSON.parse(event.data), closed = "warta-peringatan-ditutup";
    var old = document.getElementById("warta-peringatan");
    if (old) { old.remove(); }
    try { if (sessionStorage.getItem(closed) === event.data) { return; } } catch (e) {}
    var box = document.createElement("div");
    box.id = "warta-peringatan";
    box.setAttribute("role", "status");
    box.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:99998;box-sizing:border-box;" +
      "max-width:min(42rem,calc(100vw - 2rem));max-height:45vh;overflow:auto;background:#fff8e1;color:#1f1600;" +
      "border:2px solid #8a6100;border-radius:.5rem;box-shadow:0 4px 18px rgba(0,0,0,.35);" +
      "font:15px/1.5 system-ui,sans-serif;padding:.75rem 1rem;text-align:left";
    var head = document.createElement("div");
    head.style.cssText = "display:flex;gap:1rem;align-items:baseline;justify-content:space-between";
    var title = document.createElement("strong");
    title.textContent = warnings.total + " peringatan dari pembangunan terakhir (situs tetap dibangun)";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Tutup";
    close.setAttribute("aria-label", "Tutup daftar peringatan");
    close.style.cssText = "font:inherit;padding:.2rem .75rem;cursor:pointer";
    close.addEventListener("click", function () {
      try { sessionStorage.setItem(closed, event.data); } catch (e) {}
      box.remove();
    });
    head.appendChild(title);
    head.appendChild(close);
    box.appendChild(head);
    var list = document.createElement("ul");
    list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    warnings.shown.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    box.appendChild(list);
    if (warnings.total > warnings.shown.length) {
      var more = document.createElement("p");
      more.style.margin = ".5rem 0 0";
      more.textContent = "... dan " + (warnings.total - warnings.shown.length) + " lainnya; lihat terminal.";
      box.appendChild(more);
    }
    document.body.appendChild(box);
  });
})();
</script>
""" % EVENTS_PATH  # noqa: UP031 - JavaScript is all braces, which str.format and f-strings would need doubled
PANEL_LIMIT = 100  # warnings listed in the browser's panel; the terminal has them all


class Broadcaster:
    """Fan-out of server-sent events to every open tab."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[queue.Queue[tuple[str, str]]] = []
        self.last_problem: tuple[str, str] | None = None
        self.warnings: str | None = None  # the last good build's warnings, for every page that opens

    def subscribe(self) -> queue.Queue[tuple[str, str]]:
        listener: queue.Queue[tuple[str, str]] = queue.Queue()
        with self._lock:
            self._listeners.append(listener)
            if self.warnings:
                listener.put(("peringatan", self.warnings))
            if self.last_problem:
                listener.put(self.last_problem)
        return listener

    def unsubscribe(self, listener: queue.Queue[tuple[str, str]]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def keep_warnings(self, warnings: list[str]) -> None:
        """What the warning panel of pages opened from now on lists (the next reload opens them all)."""
        shown = {"total": len(warnings), "shown": warnings[:PANEL_LIMIT]}
        with self._lock:
            self.warnings = json.dumps(shown, ensure_ascii=False) if warnings else None

    def send(self, event: str, data: str = "") -> None:
        with self._lock:
            self.last_problem = (event, data) if event == "galat" else None
            for listener in self._listeners:
                listener.put((event, data))


@dataclass(frozen=True)
class AllowedHosts:
    """The `Host` names the preview answers to, against DNS rebinding.

    A web page on another site can point its own domain at 127.0.0.1 and then
    read the preview (drafts included) as if it were its own. Its requests
    carry that domain as `Host`, so the preview answers only to names of this
    machine: `localhost`, `127.0.0.1`, `[::1]` and the address it is bound to,
    always with its port. Bound beyond loopback (`--bind 0.0.0.0` or a LAN
    address, to look from a phone), it also answers to any IP address (an
    address cannot be pointed elsewhere by another site) and to the machine's
    own names (`hostname`, its fully qualified name, `hostname.local`).
    """

    port: int
    names: frozenset[str]
    any_address: bool = False

    @classmethod
    def for_bind(cls, bind: str, port: int, own_names: Iterable[str] = ()) -> AllowedHosts:
        names = {"localhost", "127.0.0.1", "::1", bind.strip("[]").casefold().rstrip(".")}
        if is_loopback(bind):
            return cls(port, frozenset(names))
        return cls(port, frozenset(names | {n.casefold().rstrip(".") for n in own_names if n}), any_address=True)

    def allows(self, header: str | None) -> bool:
        match = _HOST.fullmatch(header or "")
        if match is None:
            return False
        name = (match["name"] or match["ipv6"]).casefold().rstrip(".")
        if int(match["port"] or 80) != self.port:
            return False
        if name in self.names:
            return True
        if not self.any_address:
            return False
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True


_HOST = re.compile(r"(?:(?P<name>[A-Za-z0-9._-]+)|\[(?P<ipv6>[0-9A-Fa-f:.]+)\])(?::(?P<port>[0-9]{1,5}))?")


def is_loopback(bind: str) -> bool:
    """Whether only this machine can reach an address the preview is bound to."""
    bound = bind.strip("[]").casefold().rstrip(".")
    try:
        return ipaddress.ip_address(bound).is_loopback
    except ValueError:
        return bound == "localhost"


def machine_names() -> list[str]:
    """This computer's own names, for a preview bound beyond loopback."""
    host = socket.gethostname()
    return [host, f"{host}.local", socket.getfqdn()]


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, bind: str, port: int, handler: Callable[..., BaseRequestHandler]):
        self.address_family = socket.AF_INET6 if ":" in bind else socket.AF_INET
        super().__init__((bind.strip("[]"), port), handler)
        own_names = () if is_loopback(bind) else machine_names()
        self.allowed_hosts = AllowedHosts.for_bind(bind, self.server_address[1], own_names)

    def handle_error(self, request: object, client_address: object) -> None:
        """One line instead of the standard traceback; a tab that went away is no news at all."""
        problem = sys.exc_info()[1]
        if not isinstance(problem, (ConnectionError, TimeoutError)):
            print(f"Pratinjau: permintaan gagal dilayani ({type(problem).__name__}: {problem})", file=sys.stderr, flush=True)


NOTHING_YET = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Pratinjau belum siap</title></head>
<body><h1>Pratinjau belum siap</h1><p>Belum ada halaman yang berhasil dibangun. Perbaiki galat yang
ditampilkan; halaman ini dimuat ulang sendiri setelah pembangunan situs berhasil.</p></body></html>
"""


ERROR_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Galat %(code)d</title></head>
<body><h1>Galat %(code)d</h1><p>%(explain)s</p></body></html>
"""
EXPLANATIONS: dict[int, str] = {
    HTTPStatus.BAD_REQUEST: "Alamat ini tidak valid.",
    HTTPStatus.REQUEST_URI_TOO_LONG: "Alamat ini terlalu panjang.",
    HTTPStatus.NOT_IMPLEMENTED: "Pratinjau hanya menerima permintaan GET dan HEAD.",
}


class PreviewHandler(SimpleHTTPRequestHandler):
    broadcaster: Broadcaster
    server: PreviewServer
    error_message_format = ERROR_PAGE

    def __init__(self, *args: Any, directory: str, broadcaster: Broadcaster, **kwargs: Any) -> None:
        self.broadcaster = broadcaster
        self.root = Path(directory).resolve()
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the writer wants rebuild lines only

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        """GET and HEAD alike: same status and headers; only GET sends the body."""
        if not self.server.allowed_hosts.allows(self.headers.get("Host")):
            self.send_error(HTTPStatus.FORBIDDEN, explain=(
                "Pratinjau Warta hanya melayani alamat komputer ini, misalnya "
                f"http://localhost:{self.server.allowed_hosts.port}/. Alamat lain ditolak agar situs lain "
                "tidak dapat membaca pratinjau (termasuk draf)."))
            return
        if urlsplit(self.path).path == EVENTS_PATH:
            self._events(body)
            return
        found = look_up(self.root, self.path)
        if found.file is not None:  # 200
            self._file(found.file, body)
        elif found.location is not None:  # 301
            self.send_response(found.status)
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif found.status == HTTPStatus.NOT_FOUND:
            self._not_found(body)
        else:
            self.send_error(found.status)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        super().send_error(code, message, explain or EXPLANATIONS.get(code, "Permintaan ini tidak dapat dilayani."))

    def _file(self, path: Path, body: bool) -> None:
        try:
            data = path.read_bytes()
        except OSError:  # removed by a rebuild since it was looked up
            self._not_found(body)
            return
        if path.suffix == ".html" and (self.root / "admin") not in path.parents:
            self._html(data, HTTPStatus.OK, body)  # not the editor: reloading it would lose a writer's unsaved form
            return
        self._send(data, HTTPStatus.OK, self.guess_type(str(path)), body)

    def _not_found(self, body: bool) -> None:
        try:
            data = (self.root / "404.html").read_bytes()
        except OSError:  # every build writes 404.html: nothing was built yet
            data = NOTHING_YET.encode("utf-8")
        self._html(data, HTTPStatus.NOT_FOUND, body)

    def _html(self, data: bytes, status: HTTPStatus, body: bool) -> None:
        marker = data.rfind(b"</body>")
        script = RELOAD_SCRIPT.encode("utf-8")
        data = data[:marker] + script + data[marker:] if marker >= 0 else data + script
        self._send(data, status, "text/html; charset=utf-8", body)

    def _send(self, data: bytes, status: HTTPStatus, content_type: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not body:
            return
        listener = self.broadcaster.subscribe()
        try:
            self.wfile.write(b": tersambung\n\n")
            self.wfile.flush()
            while True:
                try:
                    event, data = listener.get(timeout=15)
                except queue.Empty:
                    self.wfile.write(b": detak\n\n")  # keeps proxies and the browser from giving up
                else:
                    self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            self.broadcaster.unsubscribe(listener)


class _Collector(FileSystemEventHandler):
    """Gathers changed paths; the rebuild loop takes them in bursts."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paths: set[Path] = set()
        self.last_event = 0.0
        self.first_event = 0.0
        self.wake = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            now = time.monotonic()
            if not self.paths:
                self.first_event = now
            self.last_event = now
            for raw in (event.src_path, getattr(event, "dest_path", "")):
                if raw:
                    self.paths.add(Path(raw if isinstance(raw, str) else raw.decode()))
        self.wake.set()

    def take_burst(self, stop: threading.Event, until: datetime | None = None) -> set[Path]:
        """Wait for changes, then until they settle, and return them all at once; nothing when `until`
        (a moment on the clock) comes first."""
        while not stop.is_set():
            if not self.wake.wait(timeout=0.2):
                if until is not None and now_wib() >= until:
                    return set()
                continue
            while not stop.is_set():
                with self.lock:
                    now = time.monotonic()
                    settled = now - self.last_event >= QUIET_SECONDS or now - self.first_event >= LONGEST_WAIT
                    if settled and self.paths:
                        paths, self.paths = self.paths, set()
                        self.wake.clear()
                        return paths
                time.sleep(0.02)
        return set()


WATCHED_FOLDERS = ("content", "data", "templates", "static")


class _Watches:
    """What the preview watches: the site root itself (site.toml, and folders that come and go),
    and each of `WATCHED_FOLDERS` that exists, recursively, including ones created while serving."""

    def __init__(self, observer: BaseObserver, collector: FileSystemEventHandler, root: Path):
        self.observer, self.collector, self.root = observer, collector, root
        self.folders: dict[str, tuple[ObservedWatch, tuple[int, int]]] = {}
        observer.schedule(collector, str(root), recursive=False)
        self.refresh()

    def refresh(self) -> bool:
        """Watch the folders that appeared, drop the ones that went; True when anything changed
        (files written into a new folder before it was watched were never reported)."""
        changed = False
        for name in WATCHED_FOLDERS:
            folder = self.root / name
            try:
                status = folder.stat()
                identity = (status.st_dev, status.st_ino) if folder.is_dir() else None
            except OSError:
                identity = None
            known = self.folders.get(name)
            if (known[1] if known is not None else None) == identity:  # still there, or still absent
                continue
            changed = True
            if known is not None:
                del self.folders[name]
                try:
                    self.observer.unschedule(known[0])
                except (KeyError, OSError):
                    pass
            if identity is not None:
                try:
                    self.folders[name] = (self.observer.schedule(self.collector, str(folder), recursive=True), identity)
                except OSError as problem:
                    print(f"Peringatan: perubahan di {name}/ tidak dapat dipantau ({problem}); "
                          "jalankan ulang 'warta serve' setelah menyunting berkas di sana.", file=sys.stderr, flush=True)
        return changed


def rebuild_safely(site: IncrementalSite, paths: set[Path] | None, clock: bool = False) -> RebuildReport:
    """`site.full()` (paths None), `site.rebuild(paths)` or `site.follow_clock()` (clock), and whatever
    goes wrong inside, a report.

    A writer's mistake is a report with errors already; anything else (a bug in Warta, or input
    that a stage did not expect) must not end the preview either: the last good site stays served,
    the writer sees what changed and a short technical detail, and the next change reads everything again.
    """
    try:
        if clock:
            return site.follow_clock()
        return site.full() if paths is None else site.rebuild(paths)
    except Exception as problem:  # noqa: BLE001 - the preview outlives any failure of one rebuild
        site.forget()
        changed = site.names(paths) if paths is not None else []
        detail = (str(problem).strip().splitlines() or [""])[0][:200]
        detail = f"{type(problem).__name__}: {detail}" if detail else type(problem).__name__
        diagnostics = Diagnostics()
        diagnostics.error(changed[0] if changed else site.layout.shown_root, None,
                          "Warta gagal membangun situs karena galat internal yang tidak terduga. "
                          "Periksa perubahan terakhir Anda (misalnya karakter aneh dalam teks); "
                          "bila galat tetap muncul, laporkan ke pengelola situs. "
                          f"Detail teknis: {detail}")
        return RebuildReport(changed or ["(semua)"], diagnostics)


def describe(report: RebuildReport) -> str:
    stamp = datetime.now().astimezone().strftime("%H:%M:%S")  # the writer's own clock
    changed = ", ".join(report.changed[:3]) + (f" dan {len(report.changed) - 3} lainnya" if len(report.changed) > 3 else "")
    if not report.ok:
        return (f"[{stamp}] {changed}: pembangunan gagal ({len(report.diagnostics.errors)} galat); "
                "situs terakhir tetap ditampilkan")
    return (f"[{stamp}] {changed}: {report.written} halaman ditulis, {report.deleted} dihapus, "
            f"{round(report.milliseconds)} md")


class ShownWarnings:
    """The warnings the terminal has shown: a rebuild prints only those that are new or changed."""

    def __init__(self) -> None:
        self.shown: frozenset[str] = frozenset()

    def report(self, warnings: list[str]) -> None:
        fresh = [w for w in warnings if w not in self.shown]
        unchanged = len(warnings) - len(fresh)
        lines = [f"  {w}" for w in fresh]
        if unchanged:
            lines.append(f"  ({unchanged} peringatan {'lain ' if fresh else ''}tidak berubah)")
        if lines:
            print("\n".join(lines), file=sys.stderr, flush=True)
        self.shown = frozenset(warnings)


def announce(report: RebuildReport, broadcaster: Broadcaster, shown: ShownWarnings) -> None:
    print(describe(report), flush=True)
    if report.ok:
        warnings = [d.format() for d in report.diagnostics.warnings]
        shown.report(warnings)
        broadcaster.keep_warnings(warnings)
        broadcaster.send("muat-ulang")
    else:
        problems = [d.format() for d in report.diagnostics.errors]
        for line in problems:
            print(f"  {line}", file=sys.stderr, flush=True)
        broadcaster.send("galat", json.dumps(problems))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(options: BuildOptions, port: int, bind: str, output: Path | None, ready: threading.Event | None = None,
          stop: threading.Event | None = None) -> int:
    stop = stop or threading.Event()
    own_output = output is None
    claim = None
    if output is not None:
        try:
            claim = claim_output(output, Path(options.site), options.overwrite_output)
        except UnsafeOutput as problem:
            print(f"--output: {problem}", file=sys.stderr)
            return 1
    folder = output.resolve() if output is not None else Path(tempfile.mkdtemp(prefix="warta-pratinjau-"))
    folder.mkdir(parents=True, exist_ok=True)
    site = IncrementalSite(options, folder, claim)
    broadcaster = Broadcaster()
    shown = ShownWarnings()
    first = rebuild_safely(site, None)
    print(describe(first).replace("(semua)", "pembangunan awal"), flush=True)
    if first.ok:
        warnings = [d.format() for d in first.diagnostics.warnings]
        shown.report(warnings)
        broadcaster.keep_warnings(warnings)
    else:
        for line in (d.format() for d in first.diagnostics.errors):
            print(f"  {line}", file=sys.stderr, flush=True)
        broadcaster.send("galat", json.dumps([d.format() for d in first.diagnostics.errors]))

    handler = partial(PreviewHandler, directory=str(folder), broadcaster=broadcaster)
    try:
        server = PreviewServer(bind, port, handler)
    except OSError:
        print(f"Tidak dapat membuka {bind}:{port}: port itu sudah dipakai program lain atau tidak diizinkan. "
              "Coba --port lain, misalnya --port 8080.", file=sys.stderr)
        site.cache.close()
        if own_output:
            shutil.rmtree(folder, ignore_errors=True)
        return 1
    collector = _Collector()
    observer = Observer()
    watches = _Watches(observer, collector, site.layout.root)
    for linked in site.linked_folders():  # files the site links to from outside those folders (inside the site)
        observer.schedule(collector, str(linked), recursive=False)
    observer.start()
    threading.Thread(target=server.serve_forever, name="warta-http", daemon=True).start()
    host = "localhost" if bind in ("127.0.0.1", "::1") else bind
    print(f"Pratinjau siap di http://{host}:{server.server_address[1]}/  (tekan Ctrl+C untuk berhenti)", flush=True)
    if ready is not None:
        ready.set()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        while not stop.is_set():
            paths = collector.take_burst(stop, until=site.next_moment())
            if paths:
                if watches.refresh():
                    site.forget()  # a folder came or went: read everything, not only what was reported
                report = rebuild_safely(site, paths)
                if report.changed:
                    announce(report, broadcaster, shown)
            elif not stop.is_set():  # midnight, or a scheduled post's time: statuses and listings move on
                report = rebuild_safely(site, None, clock=True)
                if report.written or report.deleted or not report.ok:
                    announce(report, broadcaster, shown)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.shutdown()
        server.server_close()
        observer.join(timeout=2)
        site.cache.close()
        if own_output:
            shutil.rmtree(folder, ignore_errors=True)
        print("Pratinjau dihentikan.", flush=True)
    return 0
