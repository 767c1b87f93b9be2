"""`warta check`: everything the build validates, then every link of the built site.

The site is built exactly as `warta build` would (same validation, same
messages) but into a fresh temporary folder and without the build cache, so
neither the site folder, its `public/` nor the cache is ever touched. Then
every page of the result is read and each link that stays on the site is
looked up: the page or file must exist, an `#anchor` must name an id on its
page, and an image must be a file of the output.

A broken link that a writer typed is reported at the Markdown file and the
line where it is written; a link made by a template is reported at the built
file (as it would be in `public/`), once, with the number of other pages that
have it too. On GitHub Actions every problem is also printed as a workflow
annotation, so it shows up on the pull request.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from warta import parallel
from warta.config import load_config
from warta.diagnostics import BuildFailed, Diagnostic, Diagnostics, Severity, closest
from warta.layout import SiteLayout
from warta.links import TOP_FRAGMENTS, BuiltSite, Link, PageScan, SiteAddress, Target, resolve, scan_html
from warta.pipeline import build_site
from warta.site import BuildOptions

# Below this many pages, forking workers to read them costs more than it saves.
PARALLEL_PAGES = 200


@dataclass(frozen=True)
class CheckOptions:
    site: str | os.PathLike[str] = "."
    strict: bool = False
    jobs: int | None = None
    now: datetime | None = None  # the moment to build for (see cli.build_moment)


@dataclass
class CheckReport:
    diagnostics: Diagnostics
    built: bool
    files: int = 0  # HTML pages read
    links: int = 0  # links that stay on the site, checked

    def failed(self, strict: bool) -> bool:
        return self.diagnostics.has_errors or (strict and bool(self.diagnostics.warnings))

    def summary(self) -> str:
        return (f"Pemeriksaan selesai: {self.files} berkas, {self.links} tautan diperiksa, "
                f"{len(self.diagnostics.errors)} galat, {len(self.diagnostics.warnings)} peringatan.")


def check_site(options: CheckOptions) -> CheckReport:
    """Build into a temporary folder and check every link of the result."""
    layout = SiteLayout.at(options.site)
    with tempfile.TemporaryDirectory(prefix="warta-periksa-") as folder:
        build = BuildOptions(site=options.site, output=Path(folder) / "situs", use_cache=False, jobs=options.jobs,
                             now=options.now)
        try:
            result = build_site(build)
        except BuildFailed as failure:
            return CheckReport(failure.diagnostics, built=False)
        diagnostics = Diagnostics(list(result.warnings))
        address = SiteAddress(load_config(layout, Diagnostics()).base_url)
        site = BuiltSite.read(result.output)
        checker = _LinkChecker(site, address, SourceIndex(layout, result.page_sources), layout, diagnostics)
        files, links = checker.run(options.jobs or parallel.available_cores())
    return CheckReport(diagnostics, built=True, files=files, links=links)


# --- output -----------------------------------------------------------------------------------------------

def github_annotation(problem: Diagnostic, workspace: str | None = None) -> str:
    """`::error file=...,line=...::message`, escaped as GitHub's workflow commands require."""
    command = "error" if problem.severity is Severity.ERROR else "warning"
    if _is_file_path(problem.path):
        properties = [f"file={_escape_property(_repo_relative(problem.path, workspace))}"]
        if problem.line:
            properties.append(f"line={problem.line}")
        return f"::{command} {','.join(properties)}::{_escape_data(problem.message)}"
    location = f"{problem.path}: " if problem.path else ""
    return f"::{command}::{_escape_data(location + problem.message)}"


def _is_file_path(path: str) -> bool:
    # '--output' and '<warta>/...' name an argument or Warta's own defaults, not a file of the repository.
    return bool(path) and not path.startswith(("-", "<"))


def _repo_relative(path: str, workspace: str | None) -> str:
    if not workspace:
        return path
    try:
        return Path(path).resolve().relative_to(Path(workspace).resolve()).as_posix()
    except (ValueError, OSError):
        return path


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# --- where a page comes from --------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceFile:
    path: Path
    shown: str

    def lines(self) -> list[str]:
        try:
            text = self.path.read_bytes().decode("utf-8-sig", errors="replace")
        except OSError:
            return []
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class SourceIndex:
    """The Markdown file an article or standalone page was built from, by its output file (as the build says)."""

    def __init__(self, layout: SiteLayout, page_sources: dict[str, Path]):
        self._by_output = {output: SourceFile(path, layout.display(path)) for output, path in page_sources.items()}

    def source_of(self, output_file: str) -> SourceFile | None:
        return self._by_output.get(output_file)


def find_line(lines: list[str], candidates: list[str]) -> tuple[int, str] | None:
    """The first line where one of `candidates` is written as a link target, and which one.

    A target standing on its own ('](/x/)', '<x>', 'image: /x.jpg', '="/x"') is
    preferred to one that is only part of a longer word.
    """
    for whole in (True, False):
        for candidate in candidates:
            if not candidate:
                continue
            pattern = re.compile(r"(?:^|(?<=[\s(<\"'=\[:]))" + re.escape(candidate) + r"(?=$|[\s)>\"'\]])")
            for number, line in enumerate(lines, 1):
                if (pattern.search(line) if whole else candidate in line):
                    return number, candidate
    return None


# --- the links ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Broken:
    """Why a link is broken; worded for the link as the writer wrote it or as the page has it."""

    kind: str  # "page", "image", "anchor-here", "anchor-there", "outside", "port"
    fragment: str = ""
    suggestion: str | None = None  # a page or file path relative to the base path, or an id
    static_hint: str | None = None
    rooted: str | None = None  # for a link written without a leading '/': where it leads from the site's root
    port: int | None = None  # for a link to the site's host on another port

    def message(self, value: str, base_path: str) -> str:
        if self.kind == "outside":
            return f"tautan ke '{value}' rusak: alamat itu naik keluar dari folder situs ini"
        if self.kind == "port":
            hint = f"; mungkin maksud Anda '{base_path}{self.suggestion}'?" if self.suggestion is not None else ""
            return f"tautan ke '{value}' rusak: situs ini tidak dilayani di port {self.port}{hint}"
        if self.kind == "anchor-here":
            hint = f"; mungkin maksud Anda '#{self.suggestion}'?" if self.suggestion else ""
            return f"tautan '{value}' rusak: tidak ada bagian dengan id '{self.fragment}' di halaman ini{hint}"
        if self.kind == "anchor-there":
            hint = f"; mungkin maksud Anda '#{self.suggestion}'?" if self.suggestion else ""
            return f"tautan ke '{value}' rusak: halaman itu tidak punya bagian dengan id '{self.fragment}'{hint}"
        hint = f"; mungkin maksud Anda '{base_path}{self.suggestion}'?" if self.suggestion else ""
        if self.rooted is not None:
            hint = " (alamat tanpa '/' di depan dicari mulai dari folder halaman ini)" + hint
        if self.kind == "image":
            where = ""
            if self.static_hint and not self.suggestion:
                write = f"tulis '{base_path}{self.rooted}' dan " if self.rooted is not None else ""
                where = f"; {write}letakkan berkasnya di {self.static_hint}"
            return f"gambar '{value}' tidak ditemukan di situs{hint}{where}"
        return f"tautan ke '{value}' rusak: tidak ada halaman atau berkas di alamat itu{hint}"


@dataclass(frozen=True)
class _ScanJob:
    output: Path
    files: list[str]


def _scan_range(job: _ScanJob, bounds: tuple[int, int]) -> list[PageScan]:
    return [scan_html((job.output / name).read_text(encoding="utf-8", errors="replace"))
            for name in job.files[bounds[0]:bounds[1]]]


@dataclass
class _LinkChecker:
    site: BuiltSite
    address: SiteAddress
    sources: SourceIndex
    layout: SiteLayout
    diagnostics: Diagnostics
    # Template-made problems, by message: every (built file, line) that has it.
    from_templates: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    seen: set[tuple[str, int, str]] = field(default_factory=set)

    def run(self, jobs: int) -> tuple[int, int]:
        pages = self.site.html_files
        jobs = jobs if len(pages) >= PARALLEL_PAGES else 1
        chunks = parallel.map_shared(_scan_range, parallel.ranges(len(pages), jobs), _ScanJob(self.site.output, pages), jobs)
        scans = dict(zip(pages, [scan for chunk in chunks for scan in chunk], strict=True))
        checked = 0
        for page in pages:
            page_path = self.address.page_path(page)
            for link in scans[page].links:
                target = resolve(link.value, page_path, self.address)
                if target is None:
                    continue
                checked += 1
                broken = self._broken(link, target, page, scans)
                if broken is not None:
                    self._report(page, link, broken)
        self._report_template_problems()
        return len(pages), checked

    def _broken(self, link: Link, target: Target, page: str, scans: dict[str, PageScan]) -> _Broken | None:
        if target.outside:
            return _Broken("outside")
        file = self.site.file_for(target)
        if target.port is not None:
            return _Broken("port", suggestion=target.relative if file is not None else None, port=target.port)
        if file is None:
            # 'gambar/foto.jpg' on /berita/x/ is /berita/x/gambar/foto.jpg; the writer usually meant /gambar/foto.jpg.
            rooted = self._from_site_root(link.value)
            if rooted is not None and self.site.file_for(rooted) is not None:
                suggestion: str | None = rooted.relative
            else:
                suggestion = self._nearest(target)
            meant = rooted or target
            static = self.layout.display(self.layout.root / "static" / meant.relative) if meant.relative else None
            return _Broken("image" if link.is_image else "page", suggestion=suggestion, static_hint=static,
                           rooted=rooted.relative if rooted is not None else None)
        fragment = target.fragment
        if fragment is None or fragment in TOP_FRAGMENTS or file not in scans:
            return None
        ids = scans[file].ids
        if fragment in ids:
            return None
        return _Broken("anchor-here" if file == page else "anchor-there", fragment, closest(fragment, ids))

    def _from_site_root(self, value: str) -> Target | None:
        """For a plain relative link ('gambar/x.jpg', not './' or '../'), where it leads from the site's root."""
        value = value.strip()
        if not value or value.startswith(("/", "#", "?", ".")) or urlsplit(value).scheme:
            return None
        return resolve(value, self.address.base_path, self.address)

    def _nearest(self, target: Target) -> str | None:
        """The page or file beside a broken target whose last part is closest to it."""
        by_name = {_last_part(path): path for path in self.site.neighbours(target)}
        name = closest(_last_part(target.relative), by_name, cutoff=0.75) if target.relative.strip("/") else None
        return by_name[name] if name else None

    def _report(self, page: str, link: Link, broken: _Broken) -> None:
        base = self.address.base_path
        source = self.sources.source_of(page)
        if source is not None:
            candidates = [link.value]
            if link.value.startswith(base):
                rest = link.value[len(base):]
                if base != "/":
                    candidates.insert(0, "/" + rest)  # Markdown links are written without the base path
                candidates.append(rest)  # 'image: gambar/x.jpg' gets the base path from the template
            found = find_line(source.lines(), candidates)
            if found is not None:
                line, written = found
                # Writers write site paths without the base path: Warta adds it (and so do templates, through url()).
                self._add(source.shown, line, broken.message(written, "/"))
                return
        message = broken.message(link.value, base)
        self.from_templates.setdefault(message, []).append((page, link.line))

    def _add(self, path: str, line: int, message: str) -> None:
        key = (path, line, message)
        if key not in self.seen:
            self.seen.add(key)
            self.diagnostics.error(path, line, message)

    def _report_template_problems(self) -> None:
        for message, places in self.from_templates.items():
            page, line = min(places)
            others = len({p for p, _ in places}) - 1
            more = f" (juga di {others} halaman lain)" if others else ""
            self._add(self.layout.display(self.layout.default_output / page), line, message + more)


def _last_part(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]
