"""Rendering the site model into files: HTML pages through Jinja templates, plus feeds and sitemap.

Templates are looked up in the site's `templates/` first, then in Warta's
defaults, one file at a time. Each page gets a small, explicit context; the
templates never reach into build state. A broken template is reported with
its file and line, once, like any other writer's mistake.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from warta import __version__
from warta.content import Post
from warta.dates import long_date, month_name, month_year
from warta.diagnostics import Diagnostics
from warta.feeds import atom_feed
from warta.layout import SiteLayout
from warta.model import FEED_SIZE, Listing, SiteModel, Term, paginate
from warta.output import OutputSet
from warta.sitemap import SitemapEntry, robots_txt, sitemap_xml


@dataclass(frozen=True)
class Crumb:
    label: str
    path: str | None = None


def file_for(site_path: str) -> str:
    """'/' -> 'index.html'; '/berita/x/' -> 'berita/x/index.html'; '/404.html' stays."""
    relative = site_path.lstrip("/")
    return relative if relative.endswith((".html", ".xml", ".txt")) else relative + "index.html"


def make_environment(layout: SiteLayout) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in layout.template_dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tanggal"] = long_date
    env.globals.update(month_name=month_name, month_year=month_year, warta_version=__version__)
    return env


class SiteRenderer:
    def __init__(self, model: SiteModel, layout: SiteLayout, outputs: OutputSet, diagnostics: Diagnostics):
        self.model = model
        self.config = model.config
        self.layout = layout
        self.outputs = outputs
        self.diagnostics = diagnostics
        self.env = make_environment(layout)
        self.env.globals.update(
            site=self.config,
            nav=model.nav,
            url=self.config.url,
            abs_url=self.config.absolute,
        )
        self.sitemap: list[SitemapEntry] = []
        self._broken_templates: set[str] = set()

    def render_all(self) -> None:
        model = self.model
        self.home()
        for listing in paginate(model.posts, self.config.per_page, "/berita/"):
            self.post_list(listing)
        for post in model.posts:
            self.post(post)
        self.stage_index()
        self.agency_index()
        self.tag_index()
        for term in model.terms():
            self.term(term)
        self.archive_index()
        for year in model.years:
            self.page("archive_year.html", year.path, title=f"Arsip {year.year}",
                      description=f"Berita {self.config.title} tahun {year.year}.",
                      crumbs=[Crumb("Arsip", "/arsip/"), Crumb(str(year.year))], year=year)
        for standalone in model.pages:
            self.page("page.html", f"/{standalone.slug}/", origin=standalone.source, title=standalone.title,
                      description=standalone.summary, crumbs=[Crumb(standalone.title)], standalone=standalone,
                      lastmod=standalone.updated.iso() if standalone.updated else None)
        self.page("404.html", "/404.html", title="Halaman tidak ditemukan",
                  description="Halaman yang Anda cari tidak ada.", crumbs=[], in_sitemap=False)
        self.feeds()
        self.outputs.add("sitemap.xml", sitemap_xml(self.config, self.sitemap), "sitemap.xml buatan Warta")
        self.outputs.add("robots.txt", robots_txt(self.config), "robots.txt buatan Warta")

    # -- page kinds ---------------------------------------------------------

    def home(self) -> None:
        model = self.model
        self.page("home.html", "/", title=self.config.title, description=self.config.description,
                  crumbs=[], feed="/feed.xml", posts=model.posts[: self.config.per_page],
                  more=len(model.posts) > self.config.per_page,
                  stages=[t for t in model.stages if t.posts],
                  agencies=sorted((t for t in model.agencies if t.posts), key=lambda t: (-t.count, t.name.casefold()))[:12])

    def post_list(self, listing: Listing) -> None:
        title = "Berita" if listing.number == 1 else f"Berita – Halaman {listing.number}"
        crumbs = [Crumb("Berita")] if listing.number == 1 else [Crumb("Berita", "/berita/"), Crumb(f"Halaman {listing.number}")]
        self.page("post_list.html", listing.path, title=title,
                  description=f"Semua berita {self.config.title}, terbaru lebih dulu.",
                  crumbs=crumbs, feed="/feed.xml", listing=listing)

    def post(self, post: Post) -> None:
        neighbours = self.model.neighbours[post.slug]
        self.page("post.html", f"/berita/{post.slug}/", origin=post.source, title=post.title, description=post.summary,
                  crumbs=[Crumb("Berita", "/berita/"), Crumb(post.title)], post=post,
                  older=neighbours.older, newer=neighbours.newer,
                  lastmod=(post.updated or post.date).iso())

    def stage_index(self) -> None:
        self.page("stage_index.html", "/tahapan/", title="Tahapan",
                  description="Berita menurut tahapan pemilihan, sesuai urutan jadwal resmi.",
                  crumbs=[Crumb("Tahapan")], stages=self.model.stages)

    def agency_index(self) -> None:
        self.page("agency_index.html", "/lembaga/", title="Lembaga",
                  description="Berita menurut lembaga yang terlibat.",
                  crumbs=[Crumb("Lembaga")], groups=self.model.agency_groups)

    def tag_index(self) -> None:
        self.page("tag_index.html", "/tag/", title="Tag", description="Semua tag berita.",
                  crumbs=[Crumb("Tag")], tags=self.model.tags)

    def term(self, term: Term) -> None:
        section = {"tahapan": "Tahapan", "lembaga": "Lembaga", "tag": "Tag"}[term.kind]
        heading = f"Tag: {term.name}" if term.kind == "tag" else term.name
        feed = f"{term.path}feed.xml"
        for listing in paginate(term.posts, self.config.per_page, term.path):
            crumbs = [Crumb(section, f"/{term.kind}/"), Crumb(term.name, term.path if listing.number > 1 else None)]
            if listing.number > 1:
                crumbs.append(Crumb(f"Halaman {listing.number}"))
            title = heading if listing.number == 1 else f"{heading} – Halaman {listing.number}"
            description = term.description or f"Berita tentang {term.name}."
            self.page("term.html", listing.path, title=title, description=description,
                      crumbs=crumbs, feed=feed, term=term, heading=heading, listing=listing)

    def archive_index(self) -> None:
        self.page("archive_index.html", "/arsip/", title="Arsip",
                  description=f"Arsip berita {self.config.title} per tahun dan bulan.",
                  crumbs=[Crumb("Arsip")], years=self.model.years)

    def feeds(self) -> None:
        config = self.config
        self.outputs.add("feed.xml", atom_feed(config, config.title, "/feed.xml", "/", self.model.posts[:FEED_SIZE]), "feed.xml buatan Warta")
        for term in self.model.terms():
            title = f"{term.name} – {config.title}"
            self.outputs.add(f"{term.path.lstrip('/')}feed.xml",
                             atom_feed(config, title, f"{term.path}feed.xml", term.path, term.posts[:FEED_SIZE]),
                             f"umpan {term.path}feed.xml buatan Warta")

    # -- machinery ----------------------------------------------------------

    def page(self, template: str, path: str, *, origin: str | None = None, title: str, description: str, crumbs: list[Crumb],
             feed: str | None = None, lastmod: str | None = None, in_sitemap: bool = True, **context: Any) -> None:
        if template in self._broken_templates:
            return
        try:
            html = self.env.get_template(template).render(
                page_path=path,
                page_title=title,
                page_description=description,
                crumbs=crumbs,
                feed=feed,
                **context,
            )
        except jinja2.TemplateSyntaxError as error:
            self._template_failed(template, error.filename, error.lineno, f"templat tidak valid: {error.message}")
            return
        except Exception as error:  # a template bug: report where, not a traceback
            filename, line = _template_frame(error)
            self._template_failed(template, filename, line, f"templat gagal dirender: {error}")
            return
        self.outputs.add(file_for(path), html, origin or f"halaman {path} buatan Warta")
        if in_sitemap:
            self.sitemap.append(SitemapEntry(path, lastmod))

    def _template_failed(self, template: str, filename: str | None, line: int | None, message: str) -> None:
        self._broken_templates.add(template)
        shown = self.layout.display(Path(filename)) if filename else f"templates/{template}"
        self.diagnostics.error(shown, line, message)


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a rendering traceback (Jinja rewrites frames to them)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".html", ".xml")):
            return frame.filename, frame.lineno
    return None, None
