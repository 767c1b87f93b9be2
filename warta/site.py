"""One site folder as the build and the preview both see it.

A `Site` loads the settings, data and registry of kinds and taxonomies,
reads and checks the Markdown files, and turns what it read into content, the
site model and the plan. The full build (pipeline.py) asks it once; the live
preview (incremental.py) keeps it between edits, has it re-read only the files
that changed, and decides what to write.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from warta.cache import BuildCache
from warta.config import SiteConfig, load_config
from warta.content import Checked, Content, ContentRules, Media, assemble_content
from warta.data import SiteData, load_data
from warta.dates import WIB, now_wib
from warta.diagnostics import Diagnostics
from warta.images import ImageLibrary
from warta.layout import SiteLayout
from warta.model import RelatedMemo, SiteModel, build_model
from warta.plan import PlanMemo, SitePlan, plan_site, refuse_unsafe_inputs
from warta.reading import ReadResult, SourceFile, check_document, read_files
from warta.registry import Registry, TemplateCheck, make_registry
from warta.sources import MARKDOWN_SUFFIXES, markdown_files

PAGES_FOLDER = "halaman"  # content/halaman/: standalone pages, not a kind of content


@dataclass(frozen=True)
class BuildOptions:
    site: str | os.PathLike[str] = "."
    output: str | os.PathLike[str] | None = None
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    cache_dir: str | os.PathLike[str] | None = None
    use_cache: bool = True
    jobs: int | None = None
    search: bool = True
    overwrite_output: bool = False  # Warta's files may replace same-named files it did not write
    # The moment the site is built for (--tanggal, SOURCE_DATE_EPOCH; see cli.py): what is future, expired,
    # upcoming or in progress. None: the clock, read once per build.
    now: datetime | None = None
    # Called once what a build read is in memory for good (after the model; after each full preview
    # rebuild): the command line freezes the garbage collector there (see cli.long_lived_heap).
    settled: Callable[[], None] | None = None


class Site:
    def __init__(self, options: BuildOptions):
        self.options = options
        self.layout = SiteLayout.at(options.site)
        self.config = SiteConfig()
        self.data: SiteData | None = None
        self.registry: Registry | None = None
        self.checked: dict[Path, Checked] = {}  # every Markdown file read, by path
        self.sources: dict[Path, SourceFile] = {}

    @property
    def content_dir(self) -> Path:
        return self.layout.root / "content"

    def load(self, diagnostics: Diagnostics) -> None:
        """Settings, data and the registry; forgets every file read before."""
        config = load_config(self.layout, diagnostics, self.options.base_url)
        self.config = replace(config, search=False) if not self.options.search else config
        self.data = load_data(self.layout, diagnostics)
        self.registry = self.current_registry()
        self.checked, self.sources = {}, {}

    def current_registry(self) -> Registry:
        """The kinds and taxonomies the folders and templates give now (a new folder can add a kind)."""
        return make_registry(self.config.collections, self.config.taxonomies, self.content_dir,
                             TemplateCheck(self.layout.template_dirs))

    def source_files(self, diagnostics: Diagnostics) -> list[SourceFile]:
        """Every Markdown file of every kind, and the standalone pages; folders that are no kind are reported.

        Static files and templates that may not be read (see SiteLayout.walk) are reported here too.
        """
        assert self.registry is not None
        refuse_unsafe_inputs(self.layout, diagnostics)
        files = [SourceFile(path, self.layout.display(path), collection.name)
                 for collection in self.registry.collections
                 for path in markdown_files(self.content_dir / collection.name, self.layout, diagnostics)]
        files += [SourceFile(path, self.layout.display(path), None)
                  for path in markdown_files(self.content_dir / PAGES_FOLDER, self.layout, diagnostics)]
        self._report_unknown_folders(diagnostics)
        return files

    def _report_unknown_folders(self, diagnostics: Diagnostics) -> None:
        assert self.registry is not None
        known = {c.name for c in self.registry.collections} | {PAGES_FOLDER}
        try:
            entries = sorted(self.content_dir.iterdir()) if self.content_dir.is_dir() else []
        except OSError:
            return
        for entry in entries:
            if entry.name in known or entry.name.startswith((".", "_")):
                continue
            if entry.is_dir():
                diagnostics.warning(self.layout.display(entry), None,
                                    f"folder '{entry.name}' bukan jenis konten yang dikenal dan dilewati; untuk jenis "
                                    f"konten sendiri tulis [koleksi.{entry.name}] dan judul = \"...\" di site.toml")
            elif entry.suffix.casefold() in MARKDOWN_SUFFIXES:
                diagnostics.warning(self.layout.display(entry), None,
                                    "berkas langsung di content/ dilewati; simpan berita di content/berita/ "
                                    "dan halaman mandiri di content/halaman/")

    def media(self) -> Media:
        return Media(ImageLibrary(self.layout.static_dirs, self.layout), self.config.base_path)

    def read(self, files: list[SourceFile], cache: BuildCache, jobs: int) -> ReadResult:
        """Read and check `files`; they replace what was read from the same paths before."""
        assert self.data is not None and self.registry is not None
        read = read_files(files, self.config.base_path, self.data, self.media(), cache, jobs, self.registry)
        for checked in (*read.posts, *read.pages):
            self.checked[checked.document.path] = checked
        self.sources.update((source.path, source) for source in files)
        return read

    def forget(self, path: Path) -> None:
        self.checked.pop(path, None)
        self.sources.pop(path, None)

    def recheck(self, paths: list[Path]) -> None:
        """Check already parsed files again (a picture or attachment they show came or went)."""
        assert self.data is not None and self.registry is not None
        media = self.media()
        for path in paths:
            self.checked[path] = check_document(self.checked[path].document, self.sources[path].collection, self.data,
                                                media, self.registry)

    def now(self) -> datetime:
        return self.options.now.astimezone(WIB) if self.options.now is not None else now_wib()

    def content(self, diagnostics: Diagnostics, now: datetime) -> Content:
        """What is published at `now`, from every file read, in path order (as the build and preview report)."""
        assert self.data is not None and self.registry is not None
        ordered = sorted(self.checked.items())
        posts = [checked for path, checked in ordered if self.sources[path].collection is not None]
        pages = [checked for path, checked in ordered if self.sources[path].collection is None]
        rules = ContentRules(drafts=self.options.drafts, future=self.options.future, now=now)
        return assemble_content(posts, pages, rules, self.data.agencies, diagnostics, self.registry)

    def model(self, content: Content, now: datetime, related: RelatedMemo | None = None) -> SiteModel:
        assert self.data is not None and self.registry is not None
        return build_model(self.config, self.registry, self.data, content, now.date(), related)

    def plan(self, model: SiteModel, diagnostics: Diagnostics, memo: PlanMemo | None = None) -> SitePlan:
        return plan_site(model, self.layout, diagnostics, memo)
