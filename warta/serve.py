"""`warta serve`: build, serve on localhost, rebuild what changed, reload open tabs.

Serving is for the writer's own preview: it binds to 127.0.0.1 by default and
serves only files inside the preview folder. The reload script is added to
HTML responses on the fly, so it never reaches a file on disk (and so never a
deployed site). A writer's mistake keeps the last good site served; the
problem is printed and shown over the page until the file is fixed.
"""

from __future__ import annotations

import json
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from datetime import datetime
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from warta.incremental import IncrementalSite, RebuildReport
from warta.output import UnsafeOutput, check_output_folder
from warta.pipeline import BuildOptions

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
    box.innerHTML = "<h2 style='color:#ffb4b4;margin-top:0'>Build gagal: perbaiki berkas berikut</h2>";
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;font:15px/1.6 ui-monospace,monospace";
    list.textContent = problems.join("\\n");
    box.appendChild(list);
    var note = document.createElement("p");
    note.textContent = "Halaman yang tampil di belakang ini adalah versi terakhir yang berhasil dibangun.";
    box.appendChild(note);
    document.body.appendChild(box);
  });
})();
</script>
""" % EVENTS_PATH


class Broadcaster:
    """Fan-out of server-sent events to every open tab."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[queue.Queue[tuple[str, str]]] = []
        self.last_problem: tuple[str, str] | None = None

    def subscribe(self) -> queue.Queue[tuple[str, str]]:
        listener: queue.Queue[tuple[str, str]] = queue.Queue()
        with self._lock:
            self._listeners.append(listener)
            if self.last_problem:
                listener.put(self.last_problem)
        return listener

    def unsubscribe(self, listener: queue.Queue[tuple[str, str]]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def send(self, event: str, data: str = "") -> None:
        with self._lock:
            self.last_problem = (event, data) if event == "galat" else None
            for listener in self._listeners:
                listener.put((event, data))


class PreviewHandler(SimpleHTTPRequestHandler):
    broadcaster: Broadcaster

    def __init__(self, *args, directory: str, broadcaster: Broadcaster, **kwargs):
        self.broadcaster = broadcaster
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # quiet: the writer wants rebuild lines only
        pass

    def do_GET(self) -> None:
        if urlsplit(self.path).path == EVENTS_PATH:
            self._events()
            return
        path = Path(self.translate_path(self.path))
        root = Path(self.directory).resolve()
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                super().do_GET()  # the standard redirect to the folder with a slash
                return
            path = path / "index.html"
        try:
            resolved = path.resolve()
        except OSError:
            resolved = path
        if root not in resolved.parents and resolved != root:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if resolved.suffix == ".html" and resolved.is_file() and (root / "admin") not in resolved.parents:
            self._html(resolved, HTTPStatus.OK)  # not the editor: reloading it would lose a writer's unsaved form
        elif resolved.is_file():
            super().do_GET()
        elif (root / "404.html").is_file():
            self._html(root / "404.html", HTTPStatus.NOT_FOUND)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _html(self, path: Path, status: HTTPStatus) -> None:
        body = path.read_bytes()
        marker = body.rfind(b"</body>")
        script = RELOAD_SCRIPT.encode("utf-8")
        body = body[:marker] + script + body[marker:] if marker >= 0 else body + script
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
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
                    self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode("utf-8"))
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

    def take_burst(self, stop: threading.Event) -> set[Path]:
        """Wait for changes, then until they settle, and return them all at once."""
        while not stop.is_set():
            if not self.wake.wait(timeout=0.2):
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


def describe(report: RebuildReport) -> str:
    stamp = datetime.now().strftime("%H:%M:%S")
    changed = ", ".join(report.changed[:3]) + (f" dan {len(report.changed) - 3} lainnya" if len(report.changed) > 3 else "")
    if not report.ok:
        return f"[{stamp}] {changed}: build gagal ({len(report.diagnostics.errors)} galat); situs terakhir tetap ditampilkan"
    return (f"[{stamp}] {changed}: {report.written} halaman ditulis, {report.deleted} dihapus, "
            f"{round(report.milliseconds)} md")


def announce(report: RebuildReport, broadcaster: Broadcaster) -> None:
    print(describe(report), flush=True)
    if report.ok:
        for warning in report.diagnostics.warnings:
            print(f"  {warning.format()}", file=sys.stderr, flush=True)
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
    if output is not None:
        try:
            check_output_folder(output, Path(options.site))
        except UnsafeOutput as problem:
            print(f"--output: {problem}", file=sys.stderr)
            return 1
    folder = Path(tempfile.mkdtemp(prefix="warta-pratinjau-")) if own_output else output.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    site = IncrementalSite(options, folder)
    broadcaster = Broadcaster()
    first = site.full()
    print(describe(first).replace("(semua)", "build awal"), flush=True)
    if not first.ok:
        for line in (d.format() for d in first.diagnostics.errors):
            print(f"  {line}", file=sys.stderr, flush=True)
        broadcaster.send("galat", json.dumps([d.format() for d in first.diagnostics.errors]))

    handler = partial(PreviewHandler, directory=str(folder), broadcaster=broadcaster)
    try:
        server = ThreadingHTTPServer((bind, port), handler)
    except OSError:
        print(f"Tidak dapat membuka {bind}:{port}: port itu sudah dipakai program lain atau tidak diizinkan. "
              "Coba --port lain, misalnya --port 8080.", file=sys.stderr)
        site.cache.close()
        if own_output:
            shutil.rmtree(folder, ignore_errors=True)
        return 1
    server.daemon_threads = True
    collector = _Collector()
    observer = Observer()
    root = site.layout.root
    for name in ("content", "data", "templates", "static"):
        if (root / name).is_dir():
            observer.schedule(collector, str(root / name), recursive=True)
    observer.schedule(collector, str(root), recursive=False)  # site.toml, and folders created later
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
            paths = collector.take_burst(stop)
            if paths:
                report = site.rebuild(paths)
                if report.changed:
                    announce(report, broadcaster)
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
