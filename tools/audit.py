#!/usr/bin/env python3
"""Budgets of the default theme, measured on the bundled sample site.

    python tools/audit.py [--site DIR] [--keep DIR] [--no-lighthouse]

Builds the site (the repository root unless --site), then measures:

- Nu HTML Checker (vnu-jar from npm, run with Java): errors in every HTML file; target 0.
- Lighthouse 12 (npm lighthouse@12.2.3, Debian's /usr/bin/chromium, mobile preset) on the
  home page, an article, a stage page and an agency page served on 127.0.0.1: performance
  >= 0.95; accessibility, best practices and SEO = 1.0.
- An article page's weight: its HTML plus the CSS and JS it loads, each gzip-compressed
  as a server would send it; target <= 30 KB (30,000 bytes).
- The home page's first screen on a phone: Playwright drives /usr/bin/chromium at 360x800 CSS px
  (device pixel ratio 2.625, as Lighthouse's mobile preset), loads / from the gzip-sending server
  until the network is idle, and adds up every response as sent (headers and encoded body),
  pictures included; lazy pictures below the fold are fetched only as the browser decides;
  target <= 150 KB (150,000 bytes).

Missing tools are installed the way CI would: `npm install --prefix .tools ...` (ignored by
git) and Debian's default-jre-headless / chromium with apt-get when java / chromium are missing.
Prints a table and exits 1 if a budget is missed (or a tool could not run). Not a test: it
takes a minute or so, most of it Lighthouse.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from warta.cli import main as warta  # noqa: E402
from warta.statichost import StaticSiteHandler, served  # noqa: E402

TOOLS = Path(os.environ.get("WARTA_TOOLS_DIR", REPO / ".tools"))
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs Node 22
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
ARTICLE = "/berita/apel-siaga-pengawasan/"
LIGHTHOUSE_PAGES = [
    ("beranda", "/"),
    ("berita", ARTICLE),
    ("tahapan", "/tahapan/masa-tenang/"),
    ("lembaga", "/lembaga/bawaslu-kota-kediri/"),
]
WEIGHT_BUDGET = 30_000
FIRST_SCREEN_BUDGET = 150_000
PHONE = {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2.625, "is_mobile": True, "has_touch": True}
TEXT = {".html", ".css", ".js", ".svg", ".xml", ".txt", ".json"}


@dataclass
class Row:
    budget: str
    target: str
    result: str
    ok: bool


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- tools -----------------------------------------------------------------------------------

def apt_install(*packages: str) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log(f"installing {' '.join(packages)} with apt-get")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env, stdout=subprocess.DEVNULL)


def npm_install(spec: str) -> None:
    log(f"installing {spec} into {TOOLS} with npm")
    TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--loglevel=error", spec],
                   check=True, stdout=subprocess.DEVNULL)


def vnu_jar() -> Path:
    if not shutil.which("java"):
        apt_install("default-jre-headless")
    jar = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        npm_install("vnu-jar")
    return jar


def lighthouse_bin() -> Path:
    if not Path(CHROMIUM).is_file():
        apt_install("chromium")
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    package = TOOLS / "node_modules" / "lighthouse" / "package.json"
    if not binary.is_file() or json.loads(package.read_text()).get("version") != LIGHTHOUSE_VERSION:
        npm_install(f"lighthouse@{LIGHTHOUSE_VERSION}")
    return binary


# --- build and serve ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Handler(StaticSiteHandler):
    """Static files with gzip for text (as any real host sends them) and the site's 404.html."""

    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the base class redirects /x to /x/
            path = path / "index.html"
        if not (path.is_file() and path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like object over bytes, for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def serve(folder: Path, port: int):
    return served(folder, Handler, port)


# --- measurements ------------------------------------------------------------------------------

def check_html(output: Path) -> list[Row]:
    try:
        jar = vnu_jar()
        run = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json", str(output)],
                             capture_output=True, text=True)
        messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as error:
        return [Row("Nu HTML Checker errors", "0", f"could not run: {error}", False)]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    for message in errors[:20]:
        where = re.sub(r"^file:/+", "/", message.get("url", "")).replace(str(output), "")
        log(f"vnu: {where}:{message.get('lastLine', '?')}: {message.get('message')}")
    pages = sum(1 for _ in output.rglob("*.html"))
    return [Row(f"Nu HTML Checker errors ({pages} pages)", "0", str(len(errors)), not errors)]


def lighthouse(base_url: str, folder: Path) -> list[Row]:
    try:
        binary = lighthouse_bin()
    except (OSError, subprocess.CalledProcessError) as error:
        return [Row("Lighthouse", "runs", f"could not install: {error}", False)]
    rows = []
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    for name, path in LIGHTHOUSE_PAGES:
        report = folder / f"lighthouse-{name}.json"
        log(f"lighthouse {path}")
        run = subprocess.run(
            [str(binary), base_url + path, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
            env=env, capture_output=True, text=True,
        )
        if run.returncode != 0 or not report.is_file():
            rows.append(Row(f"Lighthouse {path}", "runs", f"failed: {run.stderr.strip()[-300:]}", False))
            continue
        result = json.loads(report.read_text())
        for category, target in CATEGORIES.items():
            score = result["categories"][category]["score"]
            ok = score is not None and score >= target
            rows.append(Row(f"Lighthouse {category} {path}", f">= {target:.2f}" if target < 1 else "= 1.00",
                            "n/a" if score is None else f"{score:.2f}", ok))
            if not ok:
                for audit_id in result["categories"][category]["auditRefs"]:
                    audit = result["audits"][audit_id["id"]]
                    if audit_id["weight"] and audit.get("score") is not None and audit["score"] < 1:
                        log(f"  {path} {category}: {audit['id']} = {audit['score']}: {audit['title']}"
                            f" {audit.get('displayValue', '')}")
    return rows


def article_weight(output: Path) -> list[Row]:
    html_file = output / ARTICLE.strip("/") / "index.html"
    html = html_file.read_text(encoding="utf-8")
    files = [html_file]
    for pattern in (r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', r'<script[^>]+src="([^"]+)"'):
        for address in re.findall(pattern, html):
            if address.startswith("/") and not address.startswith("//"):
                files.append(output / address.split("?")[0].lstrip("/"))
    sizes = {f.relative_to(output).as_posix(): len(gzip.compress(f.read_bytes(), compresslevel=9, mtime=0))
             for f in files}
    total = sum(sizes.values())
    detail = ", ".join(f"{name} {size:,}" for name, size in sizes.items())
    log(f"article weight, gzip: {detail}")
    return [Row(f"Article HTML+CSS+JS, gzip ({len(files)} files)", f"<= {WEIGHT_BUDGET:,} B", f"{total:,} B",
                total <= WEIGHT_BUDGET)]


def first_screen(base_url: str) -> list[Row]:
    """Bytes a phone receives to show the home page's first screen (see the module's docstring)."""
    name = "Home first screen at 360x800, pictures included"
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return [Row(name, f"<= {FIRST_SCREEN_BUDGET:,} B", "could not run: pip install playwright", False)]
    finished = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
            try:
                page = browser.new_context(**PHONE).new_page()
                page.on("requestfinished", lambda request: finished.append(request))
                page.goto(base_url + "/", wait_until="load")
                page.wait_for_load_state("networkidle")
                sizes = [(request.url, request.sizes()) for request in finished]
            finally:
                browser.close()
    except Error as error:
        return [Row(name, f"<= {FIRST_SCREEN_BUDGET:,} B", f"could not run: {str(error).splitlines()[0]}", False)]
    total = 0
    for url, size in sizes:
        sent = size["responseHeadersSize"] + size["responseBodySize"]
        total += sent
        log(f"first screen: {url.removeprefix(base_url)} {sent:,} B")
    return [Row(f"{name} ({len(sizes)} responses)", f"<= {FIRST_SCREEN_BUDGET:,} B", f"{total:,} B",
                total <= FIRST_SCREEN_BUDGET)]


def table(rows: list[Row]) -> str:
    headers = ("Budget", "Target", "Result", "")
    cells = [headers] + [(r.budget, r.target, r.result, "OK" if r.ok else "MISSED") for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(4)]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO, help="site folder (default: the sample site)")
    parser.add_argument("--keep", type=Path, help="keep the built site and the Lighthouse reports in this folder")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (the slow part)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="warta-audit-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        output = work / "public"
        port = free_port()
        # The site is built for the address it is served at, as on a real host: canonical
        # links, the sitemap and robots.txt then point at the same origin.
        code = warta(["build", "--site", str(args.site), "--output", str(output), "--quiet", "--no-cache",
                      "--base-url", f"http://127.0.0.1:{port}/"])
        if code != 0:
            log("the site does not build")
            return 1
        rows = check_html(output)
        with serve(output, port) as base_url:
            if not args.no_lighthouse:
                rows += lighthouse(base_url, work)
            rows += first_screen(base_url)
        rows += article_weight(output)
    print(table(rows))
    missed = [row for row in rows if not row.ok]
    print(f"\n{len(rows) - len(missed)} of {len(rows)} budgets met" + (f"; missed: {len(missed)}" if missed else "."))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
