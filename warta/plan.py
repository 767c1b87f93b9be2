"""The site plan: every file the build will write, what it is made from, and from which input.

A `Route` is one output file with the complete context its template sees.
Two builds that plan equal contexts for a path render the same bytes, which
is what lets an incremental rebuild re-render only the routes whose context
changed. Planning is also where two inputs claiming one output path are
caught, before anything is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from warta.admin import admin_files
from warta.content import Page, Post
from warta.data import IN_PROGRESS, STATUS_LABELS
from warta.diagnostics import Diagnostics
from warta.kinds import rules_for
from warta.layout import Found, SiteLayout
from warta.model import FEED_SIZE, ArchiveYear, Listing, Neighbours, SiteModel, Term, paginate
from warta.registry import CLOSED, DIRECTORY, STAGES, Collection, Registry, Taxonomy
from warta.search import search_filters

PAGE, FEED, SITEMAP, ROBOTS = "page", "feed", "sitemap", "robots"
IMAGE = "image"  # a resized variant of a picture under static/
RAW = "raw"  # bytes made while planning, in context["data"]: the /admin/ editor
KIND_FILE = "kind-file"  # a file a kind adds (an .ics calendar), made by its rules (see warta/kinds/)


@dataclass(frozen=True)
class Crumb:
    label: str
    path: str | None = None
    shown: bool = True  # False: only in the BreadcrumbList for search engines (an item's headline)


@dataclass(frozen=True, eq=False)
class Route:
    path: str  # output file, relative to the output folder
    kind: str
    origin: str
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)

    def same_as(self, other: Route) -> bool:
        return self.kind == other.kind and self.template == other.template and self.context == other.context


@dataclass(frozen=True)
class StaticFile:
    path: str
    source: Path
    origin: str


@dataclass
class SitePlan:
    routes: dict[str, Route]
    statics: dict[str, StaticFile]


def file_for(site_path: str) -> str:
    """'/' -> 'index.html'; '/berita/x/' -> 'berita/x/index.html'; '/404.html' stays."""
    relative = site_path.lstrip("/")
    return relative if relative.endswith((".html", ".xml", ".txt", ".ics")) else relative + "index.html"


@dataclass
class PlanMemo:
    """Routes planned last time, per part of the site, with the inputs they were planned from.

    The live preview plans the site after every edit; a part whose inputs are
    equal to last time (usually the very same objects, so comparing is cheap)
    gets its routes back instead of planning them again. The routes are the
    same as a fresh plan would give, so this changes speed, never output.
    """

    parts: dict[tuple, tuple[Any, list[Route], list[tuple[str, str | None]]]] = field(default_factory=dict)


def page_route(template: str, site_path: str, *, title: str, description: str, crumbs: list[Crumb],
               origin: str | None = None, feed: str | None = None, **context: Any) -> Route:
    context.update(page_path=site_path, page_title=title, page_description=description, crumbs=tuple(crumbs), feed=feed)
    return Route(file_for(site_path), PAGE, origin or f"halaman {site_path} buatan Warta", template, context)


def post_route(collection: Collection, post: Post, neighbours: Neighbours, related: tuple[Post, ...],
               today: date) -> Route:
    """An item's page: the item, its older and newer neighbours of the same kind, related items of every kind,
    and what its kind adds for the build date."""
    extra = rules_for(collection.name).item_context(post, today)
    return page_route(collection.template, post.url, origin=post.source, title=post.title,
                      description=post.summary, crumbs=[Crumb(collection.title, collection.url), Crumb(post.title, shown=False)],
                      post=post, collection=collection, older=neighbours.older, newer=neighbours.newer,
                      related=related, **extra)


def collection_feed(registry: Registry, collection: Collection) -> str:
    """The feed of one kind; with news alone, the site's feed is the news feed."""
    return f"{collection.url}feed.xml" if registry.several_kinds else SITE_FEED


SITE_FEED = "/feed.xml"


class _Planner:
    def __init__(self, model: SiteModel, diagnostics: Diagnostics, memo: PlanMemo | None = None):
        self.model = model
        self.config = model.config
        self.registry = model.registry
        self.diagnostics = diagnostics
        self.routes: dict[str, Route] = {}
        self.sitemap: list[tuple[str, str | None]] = []
        self.memo = memo
        self.added: list[Route] = []  # in the order added, so a part can take its own slice
        self.used: dict[tuple, tuple[Any, list[Route], list[tuple[str, str | None]]]] = {}

    def part(self, key: tuple, inputs: Any, plan: Callable[[], None]) -> None:
        """Plan one part of the site with `plan`, or reuse last time's routes if `inputs` are unchanged."""
        previous = self.memo.parts.get(key) if self.memo is not None else None
        if previous is not None and previous[0] == inputs:
            for route in previous[1]:
                self.add(route)
            self.sitemap.extend(previous[2])
            self.used[key] = previous
            return
        routes_before, sitemap_before = len(self.added), len(self.sitemap)
        plan()
        self.used[key] = (inputs, self.added[routes_before:], self.sitemap[sitemap_before:])

    def add(self, route: Route) -> None:
        existing = self.routes.get(route.path)
        if existing is not None:
            self.diagnostics.error(route.origin, None, f"menulis '{route.path}' yang juga ditulis oleh {existing.origin}")
            return
        self.routes[route.path] = route
        self.added.append(route)

    def page(self, template: str, site_path: str, *, title: str, description: str, crumbs: list[Crumb],
             origin: str | None = None, feed: str | None = None, lastmod: str | None = None,
             in_sitemap: bool = True, **context: Any) -> None:
        self.add(page_route(template, site_path, title=title, description=description, crumbs=crumbs,
                            origin=origin, feed=feed, **context))
        if in_sitemap:
            self.sitemap.append((site_path, lastmod))

    def feed(self, title: str, site_path: str, page_path: str, posts: tuple[Post, ...]) -> None:
        self.add(Route(file_for(site_path), FEED, f"umpan {site_path} buatan Warta",
                       context={"title": title, "feed_path": site_path, "page_path": page_path, "posts": posts}))

    def plan(self) -> dict[str, Route]:
        model, config, registry = self.model, self.config, self.registry
        per_page = config.per_page
        home_posts = model.home_posts
        boxes = tuple(box for c in registry.collections
                      for box in rules_for(c.name).home_boxes(c, model.by_kind[c.name], model.today))
        self.page("home.html", "/", title=config.title, description=config.description, crumbs=[], feed=SITE_FEED,
                  posts=home_posts[:per_page], more=len(home_posts) > per_page, boxes=boxes,
                  stages=tuple(t.ref for t in model.stages if t.posts),
                  agencies=tuple(t.ref for t in sorted((t for t in model.agencies if t.posts),
                                                      key=lambda t: (-t.count, t.name.casefold()))[:12]),
                  current_stage=self.current_stage())
        for collection in registry.collections:
            self.collection(collection)
        for taxonomy in registry.taxonomies:
            self.taxonomy_index(taxonomy)
        for term in model.terms():
            self.part(("term", term.kind, term.slug), (term, per_page), partial(self.term, term))
        self.page("archive_index.html", "/arsip/", title="Arsip",
                  description=f"Arsip berita {config.title} per tahun dan bulan.",
                  crumbs=[Crumb("Arsip")], years=tuple(y.ref for y in model.years))
        for year in model.years:
            self.part(("year", year.year), year, partial(self.archive_year, year))
        for standalone in model.pages:
            self.page("page.html", f"/{standalone.slug}/", origin=standalone.source, title=standalone.title,
                      description=standalone.summary, crumbs=[Crumb(standalone.title)], standalone=standalone,
                      lastmod=standalone.updated.iso() if standalone.updated else None)
        if config.search:
            self.page("search.html", "/cari/", title="Cari berita", description=f"Cari berita {config.title}.",
                      crumbs=[Crumb("Cari")], search_filters=search_filters(model))
        self.page("404.html", "/404.html", title="Halaman tidak ditemukan",
                  description="Halaman yang Anda cari tidak ada.", crumbs=[], in_sitemap=False)
        self.feed(config.title, SITE_FEED, "/", model.posts[:FEED_SIZE])
        if registry.several_kinds:
            for collection in registry.collections:
                self.feed(f"{collection.title} – {config.title}", collection_feed(registry, collection), collection.url,
                          model.by_kind[collection.name][:FEED_SIZE])
        for term in model.terms():
            self.feed(f"{term.name} – {config.title}", f"{term.path}feed.xml", term.path, term.posts[:FEED_SIZE])
        self.add(Route("sitemap.xml", SITEMAP, "sitemap.xml buatan Warta", context={"entries": tuple(self.sitemap)}))
        self.add(Route("robots.txt", ROBOTS, "robots.txt buatan Warta", context={}))
        items: tuple[Post | Page, ...] = (*model.posts, *model.pages)
        variants = {v.path: v for item in items for image in item.images for v in image.variants}
        for path in sorted(variants):
            self.add(Route(path.lstrip("/"), IMAGE, f"ukuran {variants[path].width}px dari {variants[path].source.name}",
                           context={"variant": variants[path]}))
        if self.memo is not None:
            self.memo.parts = self.used
        return self.routes

    def archive_year(self, year: ArchiveYear) -> None:
        self.page("archive_year.html", year.path, title=f"Arsip {year.year}",
                  description=f"Berita {self.config.title} tahun {year.year}.",
                  crumbs=[Crumb("Arsip", "/arsip/"), Crumb(str(year.year))], year=year)
    def current_stage(self) -> tuple[Any, str] | None:
        """The first stage in progress on the build date, with the link the home page gives it: its own
        page when it has items, else its place in the /tahapan/ timeline."""
        stage = next((s for s in self.model.stage_data if s.status(self.model.today) == IN_PROGRESS), None)
        if stage is None:
            return None
        has_page = any(t.slug == stage.slug and t.posts for t in self.model.stages)
        return stage, stage.url if has_page else f"{self.registry.taxonomy(STAGES).url}#tahapan-{stage.slug}"

    def collection(self, collection: Collection) -> None:
        """A kind's listing pages, its items' pages and the files the kind adds."""
        model = self.model
        items = model.by_kind[collection.name]
        rules = rules_for(collection.name)
        per_page = self.config.per_page
        self.part(("list", collection.name), (items, per_page, model.today, collection),
                  lambda: self.listing(collection, items))
        for post in items:
            neighbours, related = model.neighbours[post.url], model.related[post.url]
            self.part(("item", post.url), (post, neighbours, related, model.today, collection),
                      partial(self.item, collection, post, neighbours, related))
        for made in rules.files(collection, items, model.today):
            self.add(Route(file_for(made.path), KIND_FILE, f"{made.path} buatan Warta",
                           context={"collection": collection.name, **made.context}))
            if made.in_sitemap:
                self.sitemap.append((made.path, None))

    def item(self, collection: Collection, post: Post, neighbours: Neighbours, related: tuple[Post, ...]) -> None:
        self.add(post_route(collection, post, neighbours, related, self.model.today))
        self.sitemap.append((post.url, (post.updated or post.date).iso()))

    def listing(self, collection: Collection, items: tuple[Post, ...]) -> None:
        rules = rules_for(collection.name)
        extra = rules.listing_context(collection, items, self.model.today)
        listings = (paginate(items, self.config.per_page, collection.url) if rules.paginated
                    else (Listing(items, 1, 1, collection.url),))
        description = collection.description or f"Semua {collection.title.casefold()} {self.config.title}, terbaru lebih dulu."
        for listing in listings:
            first = listing.number == 1
            self.page(collection.list_template, listing.path,
                      title=collection.title if first else f"{collection.title} – Halaman {listing.number}",
                      description=description,
                      crumbs=[Crumb(collection.title)] if first else [Crumb(collection.title, collection.url),
                                                                      Crumb(f"Halaman {listing.number}")],
                      feed=collection_feed(self.registry, collection), listing=listing, collection=collection, **extra)

    def taxonomy_index(self, taxonomy: Taxonomy) -> None:
        terms = self.model.taxonomies[taxonomy.name]
        if taxonomy.vocabulary == CLOSED:
            today = self.model.today
            # Each dated stage's period and where it stands on the build date: (text, status, label).
            timeline = {s.slug: (s.period, s.status(today), STATUS_LABELS[s.status(today)])  # type: ignore[index]
                        for s in self.model.stage_data if s.dated}
            context: dict[str, Any] = {"stages": tuple(t.ref for t in terms), "timeline": timeline}
        elif taxonomy.vocabulary == DIRECTORY:
            context = {"groups": self.model.agency_groups}
        elif taxonomy.builtin:
            context = {"tags": tuple(t.ref for t in terms)}
        else:
            context = {"terms": tuple(t.ref for t in terms), "taxonomy": taxonomy}
        self.page(taxonomy.index_template, taxonomy.url, title=taxonomy.title, description=taxonomy.index_description,
                  crumbs=[Crumb(taxonomy.title)], **context)

    def term(self, term: Term) -> None:
        taxonomy = self.registry.taxonomy(term.kind)
        section = taxonomy.title
        heading = f"{taxonomy.heading_prefix}{term.name}"
        ref = term.ref
        for listing in paginate(term.posts, self.config.per_page, term.path):
            crumbs = [Crumb(section, taxonomy.url), Crumb(term.name, term.path if listing.number > 1 else None)]
            if listing.number > 1:
                crumbs.append(Crumb(f"Halaman {listing.number}"))
            title = heading if listing.number == 1 else f"{heading} – Halaman {listing.number}"
            self.page("term.html", listing.path, title=title, description=term.description or f"Berita tentang {term.name}.",
                      crumbs=crumbs, feed=f"{term.path}feed.xml", term=ref, heading=heading, listing=listing)


def plan_site(model: SiteModel, layout: SiteLayout, diagnostics: Diagnostics, memo: PlanMemo | None = None) -> SitePlan:
    routes = _Planner(model, diagnostics, memo).plan()
    if model.config.admin.enabled:  # never in the sitemap
        for path, data in admin_files(model).items():
            if path in routes:
                diagnostics.error(routes[path].origin, None,
                                  f"menulis '{path}' yang juga ditulis oleh editor /admin/ buatan Warta")
            else:
                routes[path] = Route(path, RAW, "editor /admin/ buatan Warta", context={"data": data})
    statics: dict[str, StaticFile] = {}
    for relative, found, origin in _static_files(layout):
        if not found.is_file:
            diagnostics.error(origin, None, found.problem)
        elif relative in routes:
            diagnostics.error(origin, None, f"menulis '{relative}' yang juga ditulis oleh {routes[relative].origin}")
        else:
            statics[relative] = StaticFile(relative, found.path, origin)  # a later folder overrides an earlier one
    _refuse_templates(layout, diagnostics)
    return SitePlan(routes, statics)


def _static_files(layout: SiteLayout) -> Iterator[tuple[str, Found, str]]:
    """(output path, what is there, path shown to writers) for each file to copy, or refused, under static/."""
    for folder in layout.static_dirs:
        shown = layout.display(folder)
        for found in layout.walk(folder):  # only what stays inside the site folder (see layout.py)
            source = found.path
            if source.name.casefold() in ("thumbs.db", "desktop.ini") or _hidden(source.relative_to(folder).parts):
                continue
            relative = source.relative_to(folder).as_posix()
            yield relative, found, f"{shown}/{relative}" if source != folder else shown


def _hidden(parts: tuple[str, ...]) -> bool:
    """A dot file, or any file inside a dot folder (a cloned repository's .git/, an editor's .cache/), except
    under `.well-known/`, the one dot folder meant for the public (security.txt, app links)."""
    return any(part.startswith(".") for part in parts[-1:]) or any(
        part.startswith(".") and (n > 0 or part != ".well-known") for n, part in enumerate(parts[:-1]))


def _refuse_templates(layout: SiteLayout, diagnostics: Diagnostics) -> None:
    for folder in layout.template_dirs:  # never rendered unless a route uses them, but refused all the same
        for found in layout.walk(folder):
            if not found.is_file:
                diagnostics.error(layout.display(found.path), None, found.problem)


def refuse_unsafe_inputs(layout: SiteLayout, diagnostics: Diagnostics) -> None:
    """Report static files and templates that may not be read, while the sources are read.

    `plan_site` reports them too, but a post showing a refused picture would stop the build earlier with
    only "picture not found"; reported together, the writer sees why.
    """
    for _, found, origin in _static_files(layout):
        if not found.is_file:
            diagnostics.error(origin, None, found.problem)
    _refuse_templates(layout, diagnostics)
