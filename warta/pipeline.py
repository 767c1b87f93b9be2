"""The build, stage by stage: config, data, sources, content, model, plan, render and write.

Each stage takes typed objects from the one before and reports problems into
one `Diagnostics`. The build stops before writing if anything was an error,
so the live output is only ever replaced by a complete, valid site.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from warta import parallel
from warta.cache import BuildCache, default_cache_dir
from warta.content import Content
from warta.diagnostics import BuildFailed, Diagnostic, Diagnostics
from warta.layout import SiteLayout
from warta.manifest import Manifest
from warta.model import SiteModel
from warta.output import StagedSite, WriteResult
from warta.ownership import RECORD_NAME, OutputClaim, UnsafeOutput, claim_output
from warta.plan import SitePlan
from warta.registry import Registry
from warta.render import Renderer, TemplateFailure
from warta.search import INDEX_FOLDER, build_index, pagefind_executable
from warta.site import BuildOptions, Site


@dataclass
class Phases:
    """Wall-clock time per build phase, for --profile."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class BuildResult:
    output: Path
    posts: int
    pages: int
    kinds: tuple[tuple[str, int], ...]  # (title, items published) per kind of content, news first
    files: int
    html_files: int
    written: int
    unchanged: int
    skipped_drafts: int
    skipped_future: int
    warnings: list[Diagnostic]
    seconds: float
    phases: dict[str, float]
    # The Markdown file each article or standalone page was built from, by output file (for `warta check`).
    page_sources: dict[str, Path] = field(default_factory=dict)


def resolve_output(options: BuildOptions, layout: SiteLayout) -> Path:
    return Path(options.output).resolve() if options.output else layout.default_output


def open_cache(options: BuildOptions, layout: SiteLayout) -> BuildCache:
    if not options.use_cache:
        return BuildCache(None)
    return BuildCache(Path(options.cache_dir) if options.cache_dir else default_cache_dir(layout.root))


def jobs_for(options: BuildOptions) -> int:
    return options.jobs if options.jobs and options.jobs > 0 else parallel.available_cores()


def check_folders(options: BuildOptions, layout: SiteLayout, output: Path, diagnostics: Diagnostics,
                  remembered: Manifest | None = None) -> OutputClaim:
    """The site folder exists, and the output folder is Warta's to write (see ownership.py)."""
    if not layout.root.is_dir():
        diagnostics.error(os.fspath(options.site), None, "folder situs tidak ditemukan")
        raise BuildFailed(diagnostics)
    try:
        return claim_output(output, layout.root, options.overwrite_output,
                            remembered.files if remembered is not None else None)
    except UnsafeOutput as problem:
        diagnostics.error("--output", None, str(problem))
        raise BuildFailed(diagnostics) from None


def report_collisions(claim: OutputClaim, plan: SitePlan, owned_folders: tuple[str, ...],
                      diagnostics: Diagnostics) -> None:
    """Files somebody else put into the output where the new site needs to write: refused unless allowed."""
    if claim.overwrite:
        return
    found = claim.collisions(set(plan.routes) | set(plan.statics) | {RECORD_NAME}, owned_folders)
    for path in found[:5]:
        diagnostics.error("--output", None, f"{claim.output / path} bukan buatan Warta dan akan tertimpa oleh situs; "
                          "pindahkan berkas itu, atau tambahkan --overwrite-output bila boleh ditimpa")
    if len(found) > 5:
        diagnostics.error("--output", None, f"... dan {len(found) - 5} berkas lain yang bukan buatan Warta")


def report_template_failures(failures: list[TemplateFailure], diagnostics: Diagnostics) -> None:
    seen: set[tuple[str, int | None, str]] = set()
    for failure in failures:
        key = (failure.shown, failure.line, failure.message)
        if key not in seen:
            seen.add(key)
            diagnostics.error(failure.shown, failure.line, failure.message)


def build_site(options: BuildOptions) -> BuildResult:
    """Build the site; raises BuildFailed with every problem found, leaving the output untouched."""
    started = time.perf_counter()
    phases = Phases()
    diagnostics = Diagnostics()
    site = Site(options)
    layout = site.layout
    output = resolve_output(options, layout)
    cache = open_cache(options, layout)
    previous = cache.manifest(output)
    claim = check_folders(options, layout, output, diagnostics, previous)
    jobs = jobs_for(options)
    now = site.now()
    try:
        with phases("konfigurasi dan data"):
            site.load(diagnostics)
            config = site.config
        if diagnostics.has_errors:  # every post would fail against broken settings: report the cause alone
            raise BuildFailed(diagnostics)
        with phases("membaca dan memeriksa berkas"):
            read = site.read(site.source_files(diagnostics), cache, jobs)
            content = site.content(diagnostics, now)
        if diagnostics.has_errors:
            raise BuildFailed(diagnostics)
        with phases("cache"):
            # Stored now rather than at the end: bodies are keyed by their Markdown, so they are right even if
            # a template fails later, and the parsed documents can go before workers fork and copy them.
            cache.store_bodies(read.fresh, keep={c.document.key for c in site.checked.values() if c.document.key})
            source_of = {c.document.shown: c.document.path for c in site.checked.values()}
            del read
            site.checked.clear()
        with phases("model situs"):
            model = site.model(content, now)
            if options.settled is not None:
                options.settled()
        with phases("rencana halaman"):
            plan = site.plan(model, diagnostics)
        if diagnostics.has_errors:
            raise BuildFailed(diagnostics)
        pagefind = pagefind_executable() if config.search and model.posts else None  # nothing to index without posts
        if config.search and model.posts and pagefind is None:
            diagnostics.warning("pencarian", None, "program Pagefind tidak tersedia (pip install \"pagefind[bin]\"); "
                                "situs dibangun tanpa indeks pencarian")
        report_collisions(claim, plan, (INDEX_FOLDER,) if pagefind else (), diagnostics)
        if diagnostics.has_errors:
            raise BuildFailed(diagnostics)
        try:
            with StagedSite(claim) as staged:
                with phases("menyusun dan menulis halaman"):
                    renderer = Renderer(layout, config, model.registry, model.nav, search_available=pagefind is not None,
                                        compiled=cache.templates(config.base_url, config.base_path))
                    staged.render(plan, renderer, previous, jobs)
                written = staged.result
                report_template_failures(written.failures, diagnostics)
                if diagnostics.has_errors:
                    raise BuildFailed(diagnostics)
                with phases("indeks pencarian dan terbit"):
                    index_search(staged, pagefind, model.registry, previous, diagnostics)
        except OSError as problem:
            diagnostics.error("--output", None, f"folder keluaran {output} tidak dapat ditulis ({problem.strerror or problem})")
            raise BuildFailed(diagnostics) from None
        with phases("cache"):
            cache.save_manifest(claim.output, written.manifest)
    finally:
        cache.close()
    page_sources = {path: source_of[route.origin] for path, route in plan.routes.items() if route.origin in source_of}
    return summarise(output, model, content, plan, written, diagnostics, time.perf_counter() - started, phases, page_sources)


def index_search(staged: StagedSite, pagefind: str | None, registry: Registry, previous: Manifest | None,
                 diagnostics: Diagnostics) -> None:
    """Run Pagefind over the new site, then make it live; keep the last index if Pagefind fails.

    With a whole staging folder the index is written there before the exchange; file by file, the
    site is published first and the new index replaces the old one in two renames.
    """
    if pagefind is None:
        staged.publish()
        return
    written = staged.result
    folders = tuple(f"{collection.name}/" for collection in registry.collections)
    before = {p for p in previous.files if p.startswith(folders)} if previous else set()
    articles_changed = before != {p for p in written.changed if p.startswith(folders)} or any(
        changed for p, changed in written.changed.items() if p.startswith(folders))
    live_index = staged.output / INDEX_FOLDER
    if not articles_changed and live_index.is_dir():
        staged.keep_owned_folder(INDEX_FOLDER)
        staged.publish()
        return
    fresh = staged.fresh_folder_for(INDEX_FOLDER)
    if staged.whole:
        index = build_index(staged.tree, fresh, pagefind, registry)
        if index.built:
            staged.add_owned_folder(INDEX_FOLDER)
        else:
            staged.keep_owned_folder(INDEX_FOLDER)
        staged.publish()
    else:
        staged.add_owned_folder(INDEX_FOLDER)
        staged.publish()
        index = build_index(staged.tree, fresh, pagefind, registry)
        if index.built:
            staged.replace_owned_folder(INDEX_FOLDER, fresh)
    if not index.built:
        kept = " (indeks lama tetap dipakai)" if live_index.is_dir() else ""
        diagnostics.warning("pencarian", None, index.message + kept)


def summarise(output: Path, model: SiteModel, content: Content, plan: SitePlan, written: WriteResult,
              diagnostics: Diagnostics, seconds: float, phases: Phases, page_sources: dict[str, Path]) -> BuildResult:
    paths = list(plan.routes) + list(plan.statics)
    return BuildResult(
        output=output,
        posts=len(content.posts),
        pages=len(content.pages),
        kinds=tuple((c.title, len(model.by_kind[c.name])) for c in model.registry.collections),
        files=len(paths),
        html_files=sum(1 for path in paths if path.endswith(".html")),
        written=written.written,
        unchanged=written.unchanged,
        skipped_drafts=content.skipped_drafts,
        skipped_future=content.skipped_future,
        warnings=diagnostics.warnings,
        seconds=seconds,
        phases=dict(phases.seconds),
        page_sources=page_sources,
    )
