"""Rebuilding only what an edit affects, for the live preview.

The preview keeps everything it read and everything it wrote. After a change
it re-reads only the files that changed, plans the whole site again (cheap:
no Markdown, no templates) and compares each route's context with the one it
rendered last time. Only routes whose context changed, whose template (or a
template it uses) changed, or that are new are rendered; routes that are gone
lose their files. Because a route's output is a pure function of its context
and the site-wide globals, the result is byte-identical to a clean full build,
which the tests check after random sequences of edits.

A writer's mistake changes nothing on disk: the last good site stays served
and the problems are reported until the files are fixed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from warta.cache import BuildCache
from warta.config import SiteConfig
from warta.content import Checked, Post, report_unknown_agencies
from warta.diagnostics import Diagnostics, Severity
from warta.layout import FOLDER, REFUSED
from warta.model import Neighbours, RelatedMemo, SiteModel, spelled_by_site
from warta.output import digest, remove_in_place, write_in_place
from warta.ownership import RECORD_NAME, OutputClaim, OutputRecord
from warta.pipeline import jobs_for, open_cache, report_collisions, report_template_failures
from warta.plan import PlanMemo, Route, file_for, post_route
from warta.reading import SourceFile
from warta.render import Renderer, TemplateFailure
from warta.sharing import site_pictures
from warta.site import PAGES_FOLDER, BuildOptions, Site
from warta.sources import MARKDOWN_SUFFIXES, is_markdown_source, signature


@dataclass
class RebuildReport:
    changed: list[str]
    diagnostics: Diagnostics
    written: int = 0
    deleted: int = 0
    milliseconds: float = 0.0
    full: bool = False

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors


@dataclass
class _Written:
    """What is on disk now, from the last successful (re)build."""

    routes: dict[str, Route] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    statics: dict[str, tuple[Path, tuple[int, int]]] = field(default_factory=dict)
    globals: tuple | None = None


@dataclass(frozen=True)
class _Undo:
    """A page as it was before `_write_edited_posts_first` replaced it."""

    path: str
    data: bytes
    digest: str | None
    route: Route


class IncrementalSite:
    def __init__(self, options: BuildOptions, output: Path, claim: OutputClaim | None = None):
        self.options = options
        self.site = Site(options)  # what was read, checked and planned (the same object the build uses)
        self.layout = self.site.layout
        self.output = output
        # What was in the folder when the preview started: the files of an earlier Warta session may go,
        # anything else stays (see ownership.py). A folder the preview made itself is all its own.
        self.claim = claim or OutputClaim(output, False, OutputRecord())
        self.cache: BuildCache = open_cache(options, self.layout)
        self.config: SiteConfig | None = None  # None until loaded, and after a rebuild stopped half-way
        self.setup = Diagnostics()
        self.renderer: Renderer | None = None
        self.written = _Written()
        self._dependencies: dict[str, set[str]] = {}
        self._memo = PlanMemo()
        self._model: SiteModel | None = None
        self._related = RelatedMemo()
        self._recorded: frozenset[str] | None = None
        self._linked: dict[Path, list[Path]] = {}

    # -- entry points -------------------------------------------------------

    def full(self, changed: list[str] | None = None) -> RebuildReport:
        """Read everything again and bring the output up to date."""
        started = time.perf_counter()
        self.setup = Diagnostics()
        self.site.load(self.setup)
        self.config = self.site.config
        self.renderer = None
        self._linked = self.layout.linked_inputs()
        self._memo = PlanMemo()  # part inputs do not include the config, so plan everything afresh
        self._related = RelatedMemo()
        if not self.setup.has_errors:
            read = self.site.read(self.site.source_files(self.setup), self.cache,
                                  jobs_for(self.options) if not self.written.routes else 1)
            self.cache.store_bodies(read.fresh, keep=set())
        report = self._update(changed or ["(semua)"], changed_templates=None)
        if self.options.settled is not None:
            self.options.settled()
        report.full = True
        report.milliseconds = (time.perf_counter() - started) * 1000
        return report

    def rebuild(self, paths: set[Path]) -> RebuildReport:
        """Apply a burst of file-system changes (any mix of edits, creations, deletions, renames)."""
        started = time.perf_counter()
        paths = self._through_links(paths)
        relevant = sorted(p for p in paths if self._relevant(p))
        shown = self.names(paths)
        if not relevant:
            return RebuildReport([], self._current_diagnostics())
        # A mistake found while listing the files (a link leading outside the site folder...) is only
        # reported, and only cleared, by listing them all again.
        if self.config is None or self.setup.has_errors or any(self._is_setup(p) for p in relevant):
            return self.full(shown)
        if self.site.current_registry() != self.site.registry:  # a kind's folder or own template came or went
            return self.full(shown)
        changed_templates: set[str] = set()
        for path in relevant:
            for folder in self.layout.template_dirs:
                if folder in path.parents:
                    changed_templates.add(path.relative_to(folder).as_posix())
            if self.site.content_dir in path.parents and not self._reread(path):
                return self.full(shown)
        if any(folder in path.parents for path in relevant for folder in self.layout.static_dirs):
            self._recheck_pictures()
        if changed_templates:
            self.renderer = None
        first: list[_Undo] = [] if changed_templates else self._write_edited_posts_first(relevant)
        try:
            report = self._update(shown, changed_templates)
        except BaseException:
            self._undo(first)
            raise
        if report.ok:
            report.written += len(first)
        else:  # the last good site stays, the page written first included
            self._undo(first)
        report.milliseconds = (time.perf_counter() - started) * 1000
        return report

    def next_moment(self) -> datetime | None:
        """When the site changes with no edit at all: the next midnight in WIB (an announcement expires,
        an agenda item is over, a stage begins) or a scheduled post's own time, whichever comes first.
        None when the build's moment is fixed (--tanggal)."""
        if self.options.now is not None:
            return None
        now = self.site.now()
        moments = [(now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)]
        if not self.options.future:
            moments += [checked.item.date.value for checked in self.site.checked.values()
                        if isinstance(checked.item, Post) and checked.item.dated and checked.item.date.value > now
                        and (self.options.drafts or not checked.draft)]
        return min(moments)

    def follow_clock(self) -> RebuildReport:
        """Bring the preview to the current moment: what `next_moment` named has come."""
        started = time.perf_counter()
        if self.config is None or self.setup.has_errors:
            return self.full(["(pergantian waktu)"])
        report = self._update(["(pergantian waktu)"], changed_templates=set())
        report.milliseconds = (time.perf_counter() - started) * 1000
        return report

    def names(self, paths: set[Path]) -> list[str]:
        """The changed paths as the writer knows them: files a writer touched, not folders or an
        editor's temporary files (a folder only when nothing else is left)."""
        relevant = sorted(p for p in paths if self._relevant(p))
        shown = [self.layout.display(p) for p in relevant if p.is_file() and self._worth_naming(p) or
                 not p.exists() and p.suffix.casefold() in MARKDOWN_SUFFIXES]
        return shown or [self.layout.display(p) for p in relevant[:1]]

    def forget(self) -> None:
        """A rebuild stopped half-way on an unexpected exception: read everything again next time.
        What is on disk (`self.written`) stays the record of the last good site."""
        self.config = None
        self.renderer = None
        self._model = None

    def _write_edited_posts_first(self, paths: list[Path]) -> list[_Undo]:
        """Write the page of an edited post before re-planning the whole site.

        The writer is looking at that page. When an edit leaves a post valid, in
        the same place in the /berita/ order and with names already spelled as
        the site spells them, its page depends only on the post and its
        unchanged neighbours, so it can be rendered straight away; the full
        pass that follows finds it up to date. Anything less certain waits for
        the full pass. What each page was before is returned, to be put back
        if that pass fails.
        """
        model = self._model
        if model is None or self.renderer is None or self.setup.has_errors or any(map(_has_error, self.site.checked.values())):
            return []
        written: list[_Undo] = []
        for path in paths:
            checked = self.site.checked.get(path)
            post = checked.item if checked is not None else None
            if not isinstance(post, Post) or checked is None:
                continue
            old = self.written.routes.get(file_for(post.url))
            if old is None or old.origin != post.source or checked.draft or (post.dated and post.date.value > self.site.now()):
                continue  # a new address, another file's address (a duplicate slug), or not to be published
            older, newer = old.context["older"], old.context["newer"]
            if (older is not None and not older.sort_key > post.sort_key) or \
                    (newer is not None and not newer.sort_key < post.sort_key):
                continue
            if any(model.term_names.get(term.url) != term.name for term in spelled_by_site(post, model.registry)):
                continue
            route = post_route(old.context["collection"], post, Neighbours(older, newer), old.context["related"], model.today)
            try:
                data = self.renderer.render(route)
                before = (self.output / route.path).read_bytes()
            except (TemplateFailure, OSError):
                continue
            written.append(_Undo(route.path, before, self.written.digests.get(route.path), old))
            write_in_place(self.output, route.path, data)
            self.written.digests[route.path] = digest(data)
            self.written.routes[route.path] = route
        return written

    def _undo(self, pages: list[_Undo]) -> None:
        for page in pages:
            write_in_place(self.output, page.path, page.data)
            if page.digest is not None:
                self.written.digests[page.path] = page.digest
            self.written.routes[page.path] = page.route

    def linked_folders(self) -> list[Path]:
        """Folders outside content/, data/, templates/ and static/ that hold files the site links to:
        the preview watches them too, so that editing a linked file rebuilds what uses it."""
        watched = [self.layout.root / name for name in ("content", "data", "templates", "static")]
        return sorted(real for real in self._linked if real.is_dir() and
                      not any(real == folder or folder in real.parents for folder in watched))

    def _through_links(self, paths: set[Path]) -> set[Path]:
        """The changed paths, plus the names the site reads them by when they are reached through links."""
        extra: set[Path] = set()
        for path in paths:
            extra.update(self._linked.get(path, ()))
            extra.update(folder / path.name for folder in self._linked.get(path.parent, ()))
        return paths | extra

    # -- reading ------------------------------------------------------------

    def _relevant(self, path: Path) -> bool:
        root = self.layout.root
        if path == self.layout.config_file:
            return True
        if self.output == path or self.output in path.parents:
            return False
        for folder in (root / "content", root / "data", root / "templates", root / "static"):
            if folder == path or folder in path.parents:
                return not path.name.startswith(".") and not path.name.endswith("~")
        return False

    def _worth_naming(self, path: Path) -> bool:
        root = self.layout.root
        if path.suffix.casefold() in MARKDOWN_SUFFIXES or path == self.layout.config_file:
            return True
        return any(root / name in path.parents for name in ("data", "templates", "static"))

    def _is_setup(self, path: Path) -> bool:
        root = self.layout.root
        return path == self.layout.config_file or (root / "data") in path.parents or path == root / "data"

    def _reread(self, path: Path) -> bool:
        """Re-read one changed path under content/: a file, or a folder that came or went.

        False when something there may not be read (see SiteLayout.walk): the full build reports it.
        """
        site = self.site
        assert site.registry is not None
        found = self.layout.examine(path)
        if found.is_file:
            gone = []
        elif path.suffix.casefold() in MARKDOWN_SUFFIXES:
            gone = [path]
        else:  # a folder that was removed or renamed: everything that was under it
            gone = [p for p in site.checked if path in p.parents and not self.layout.readable(p)]
        for known in gone:
            site.forget(known)
        candidates = self.layout.walk(path) if found.kind == FOLDER else [found]
        if any(c.kind == REFUSED for c in candidates):
            return False
        fresh_files = []
        for p in (c.path for c in candidates if c.is_file):
            if not is_markdown_source(p):
                continue
            collection = site.registry.collection_of(p, site.content_dir)
            if collection is None and (site.content_dir / PAGES_FOLDER) not in p.parents:
                continue  # in no kind's folder: the full build warns about the folder
            old = site.checked.get(p)
            if old is None or old.document.signature != signature(p):
                fresh_files.append(SourceFile(p, self.layout.display(p), collection.name if collection else None))
        if not fresh_files:
            return True
        read = site.read(fresh_files, self.cache, 1)
        self.cache.store_bodies(read.fresh, keep=set())
        return True

    def _recheck_pictures(self) -> None:
        """A picture under static/ changed, came or went: re-check what shows pictures or lacked one."""
        self.site.recheck([path for path, checked in self.site.checked.items()
                           if checked.problems or getattr(checked.item, "images", ()) or getattr(checked.item, "image", None)
                           or getattr(checked.item, "details", None) is not None])  # attachments live under static/ too

    def _current_diagnostics(self) -> Diagnostics:
        diagnostics = Diagnostics(list(self.setup.items))
        for _, checked in sorted(self.site.checked.items()):
            diagnostics.items.extend(checked.problems)
        if self.site.data is not None:
            report_unknown_agencies([c for _, c in sorted(self.site.checked.items())], self.site.data.agencies, diagnostics)
        return diagnostics

    # -- writing ------------------------------------------------------------

    def _update(self, changed: list[str], changed_templates: set[str] | None) -> RebuildReport:
        """Plan the site from what was read and write what differs from what is on disk."""
        if self.setup.has_errors:  # every problem at once, as the build reports them: the posts' too
            return RebuildReport(changed, self._current_diagnostics())
        diagnostics = Diagnostics(list(self.setup.items))
        report = RebuildReport(changed, diagnostics)
        assert self.config is not None
        now = self.site.now()
        content = self.site.content(diagnostics, now)
        if diagnostics.has_errors:
            return report
        model = self.site.model(content, now, self._related)
        plan = self.site.plan(model, diagnostics, self._memo)
        if not self.written.routes:
            report_collisions(self.claim, plan, (), diagnostics)
        if diagnostics.has_errors:
            return report
        # The share picture's and logo's sizes are named on every page: a new picture there renders them all.
        pictures = site_pictures(self.config, self.site.media().library)
        globals_now = (self.config, model.registry, model.nav, pictures)
        everything = changed_templates is None or globals_now != self.written.globals
        if self.renderer is None or globals_now != self.written.globals:
            self.renderer = Renderer(self.layout, self.config, model.registry, model.nav,
                                     compiled=self.cache.templates(self.config.base_url, self.config.base_path),
                                     pictures=pictures)
            self._dependencies = {}

        rendered: dict[str, bytes] = {}
        failures: list[TemplateFailure] = []
        for path, route in plan.routes.items():
            old = self.written.routes.get(path)
            if not (everything or old is None or (route is not old and not route.same_as(old))
                    or self._uses(route, changed_templates)):
                continue
            try:
                rendered[path] = self.renderer.render(route)
            except TemplateFailure as failure:
                failures.append(failure)
        report_template_failures(failures, diagnostics)
        if diagnostics.has_errors:
            return report

        output = self.output
        current = frozenset(plan.routes) | frozenset(plan.statics)
        earlier = self._recorded if self._recorded is not None else self.claim.record.files
        if not current <= earlier:  # on record before they exist: a preview stopped halfway left only Warta's files
            write_in_place(output, RECORD_NAME, OutputRecord(current | earlier).to_bytes())
            self._recorded = current | earlier
        for path, data in rendered.items():
            new_digest = digest(data)
            if self.written.digests.get(path) != new_digest or not (output / path).is_file():
                write_in_place(output, path, data)
                self.written.digests[path] = new_digest
                report.written += 1
        statics: dict[str, tuple[Path, tuple[int, int]]] = {}
        for path, static in plan.statics.items():
            stamp = (static.source, signature(static.source))
            statics[path] = stamp
            if self.written.statics.get(path) != stamp or not (output / path).is_file():
                write_in_place(output, path, static.source.read_bytes())
                report.written += 1
        gone = (set(self.written.routes) | set(self.written.statics)) - set(plan.routes) - set(plan.statics)
        for path in sorted(gone):
            remove_in_place(output, path)
            self.written.digests.pop(path, None)
            report.deleted += 1
        if not self.written.routes:
            report.deleted += _remove_strays(output, current, self.claim.record)
        if current != self._recorded:
            write_in_place(output, RECORD_NAME, OutputRecord(current).to_bytes())
            self._recorded = current
        self.written.routes = plan.routes
        self._model = model
        self.written.statics = statics
        self.written.globals = globals_now
        return report

    def _uses(self, route: Route, changed_templates: set[str] | None) -> bool:
        if not changed_templates or route.template is None:
            return False
        assert self.renderer is not None
        if route.template not in self._dependencies:
            self._dependencies[route.template] = self.renderer.dependencies(route.template)
        return bool(self._dependencies[route.template] & changed_templates)


def _has_error(checked: Checked) -> bool:
    return any(d.severity is Severity.ERROR for d in checked.problems)


def _remove_strays(output: Path, keep: frozenset[str], earlier: OutputRecord) -> int:
    """A preview folder reused from an earlier session may hold files of that session this site no longer has."""
    removed = 0
    for relative in sorted(earlier.files - keep):
        target = output / relative
        if target.is_file() or target.is_symlink():
            remove_in_place(output, relative)
            removed += 1
    return removed
