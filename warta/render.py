"""Turning planned routes into bytes: HTML through Jinja templates, Atom feeds, sitemap, robots.txt.

Templates are looked up in the site's `templates/` first, then in Warta's
defaults, one file at a time. A page sees only its route's context plus the
site-wide globals (`site`, `nav`, `url`, `abs_url`). A broken template is
reported with its file and line, like any other writer's mistake.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from functools import cached_property
from functools import partial as partial_config
from pathlib import Path
from typing import Any

import jinja2
from feedgen.entry import FeedEntry
from jinja2 import meta, nodes
from markupsafe import Markup

from warta import __version__, sharing
from warta.colours import DEFAULT_ACCENT, palette
from warta.config import SiteConfig
from warta.content import Post
from warta.dates import day_date, long_date, month_name, month_year
from warta.feeds import atom_feed, feed_entry
from warta.fingerprint import fingerprint
from warta.htmljson import tojson_filter
from warta.images import ARTICLE_SIZES, ImageLibrary, PictureFailure, picture_html, resize
from warta.kinds import rules_for
from warta.layout import DEFAULTS, REFUSED, SiteLayout
from warta.model import NavItem
from warta.plan import FEED, IMAGE, KIND_FILE, PAGE, RAW, ROBOTS, SITEMAP, Route
from warta.provenance import producer
from warta.registry import Registry
from warta.sitemap import robots_txt, sitemap_xml
from warta.templatemessages import runtime_message, syntax_message


class TemplateFailure(Exception):
    def __init__(self, template: str, shown: str, line: int | None, message: str):
        super().__init__(template, shown, line, message)
        self.template = template
        self.shown = shown
        self.line = line
        self.message = message


class RefusedTemplate(jinja2.TemplateError):
    """A template file that leads outside the site folder (or is no regular file): never read.

    Not a TemplateNotFound, which would make Jinja quietly take Warta's default of the same name instead.
    """

    def __init__(self, name: str, path: Path, problem: str):
        super().__init__(problem)
        self.path = path
        self.problem = problem


class _SiteTemplates(jinja2.FileSystemLoader):
    """The site's own templates folder: Jinja's loader would follow any link, to any file, and read it."""

    def __init__(self, folder: Path, layout: SiteLayout):
        super().__init__(str(folder))
        self.folder = folder
        self.layout = layout

    def get_source(self, environment: jinja2.Environment, template: str):  # type: ignore[no-untyped-def]
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        found = self.layout.examine(path)
        if found.kind == REFUSED:
            raise RefusedTemplate(template, path, found.problem)
        if not found.is_file:
            raise jinja2.TemplateNotFound(template)  # the next folder (Warta's defaults) is asked
        return super().get_source(environment, template)


def _loader(layout: SiteLayout, folder: Path) -> jinja2.BaseLoader:
    return jinja2.FileSystemLoader(str(folder)) if folder == DEFAULTS / "templates" else _SiteTemplates(folder, layout)


class Renderer:
    def __init__(self, layout: SiteLayout, config: SiteConfig, registry: Registry, nav: tuple[NavItem, ...],
                 search_available: bool = False, compiled: jinja2.BytecodeCache | None = None,
                 pictures: sharing.SitePictures | None = None):
        self.layout = layout
        self.config = config
        self.registry = registry
        self.nav = nav
        self.search_available = search_available
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([_loader(layout, d) for d in layout.template_dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            bytecode_cache=compiled,  # compiled templates kept between builds (see BuildCache.templates)
        )
        self.env.filters["tanggal"] = long_date
        self.env.filters["hari"] = day_date
        self.env.filters["tojson"] = tojson_filter  # one serialiser for every JSON in a page (htmljson.py)
        self._partials: dict[str, Markup] = {}
        self._icons: dict[str, Markup] = {}
        # The share picture's and the logo's sizes, read once (they enter every page's fingerprint).
        # Unless the caller measured them already (the preview does, to notice a new picture).
        self.pictures = pictures or sharing.site_pictures(config, ImageLibrary(layout.static_dirs, layout))
        base = config.base_path
        # Used for nearly every link of every page: trivial for the common case. The default templates use
        # them as filters (`path | url`): Jinja calls a filter directly, a global through a slower generic
        # call, and the 45 links of an article page made that a fifth of its rendering time.
        url = (lambda path: path if path[:1] == "/" else "/" + path) if base == "/" else config.url
        self._url: Callable[[str], str] = url
        self.env.filters["url"] = url
        self.env.filters["abs_url"] = config.absolute
        self.env.globals.update(
            month_name=month_name,
            month_year=month_year,
            warta_version=__version__,
            site=config,
            registry=registry,
            several_kinds=registry.several_kinds,  # items carry their kind's label where kinds mix
            items_word="tulisan" if registry.several_kinds else "berita",  # what a count of items is called
            nav=nav,
            url=url,  # kept as functions too, for sites' own templates written either way
            abs_url=config.absolute,
            partial=self._partial,
            share_icon=self._share_icon,
            card=self._card,
            picture=self._picture,
            search_enabled=config.search,
            search_available=search_available,
            breadcrumbs_jsonld=partial_config(sharing.breadcrumbs, config),
            article_jsonld=partial_config(sharing.article, config, self.pictures),
            share_links=partial_config(sharing.share_links, config),
            share_image=partial_config(sharing.image_url, config),
            preview_meta=partial_config(sharing.preview_meta, config, self.pictures),
            filed_under=self._filed_under,
        )
        colours = palette(config.accent)
        self.env.globals.update(
            # warta.css carries the default red's colours: only another accent needs its own (colours.py)
            theme_style=Markup(colours.css()) if config.accent != DEFAULT_ACCENT else "",
            theme_colour=colours.header,
        )
        for collection in registry.collections:
            self.env.globals.update(rules_for(collection.name).template_globals(config, self.pictures))
        self._cards: dict[tuple[str, str, str | None], Markup] = {}
        self._feed_entries: dict[str, FeedEntry] = {}

    def _picture(self, image: Any, alt: str, lazy: bool = True, sizes: str = ARTICLE_SIZES) -> Markup:
        """A responsive <picture> for an image set (see images.py)."""
        return Markup(picture_html(image, alt, self._url, lazy=lazy, sizes=sizes))

    def _card(self, post: Post, heading: str = "h2", within: str | None = None) -> Markup:
        """A post's card for listing pages, rendered once and reused on every page that lists it.

        `within` is the address of the listing (a kind's or a term's): the card leaves out the label that
        says so, which every card of that listing would repeat ("Cek Fakta" on /cek-fakta/). A card labels
        its kind (when kinds mix) and its stages, so any other listing's address is dropped: the card renders
        once for the home page, an agency, a tag and the archive alike, not once per listing."""
        if within is not None and (within != self.registry.collection(post.kind).url or not self.registry.several_kinds) \
                and all(stage.url != within for stage in post.stages):
            within = None  # news only: no card names its kind, so the news listing's cards are the home page's
        key = (post.fingerprint, heading, within)
        card = self._cards.get(key)
        if card is None:
            card = self._cards[key] = Markup(self.env.get_template("card.html").render(post=post, heading=heading,
                                                                                      within=within))
        return card

    def _feed_entry(self, config: SiteConfig, registry: Registry, post: Post) -> FeedEntry:
        """A post's feed entry, made once and added to every feed that lists it (about eight per post)."""
        entry = self._feed_entries.get(post.fingerprint)
        if entry is None:
            entry = self._feed_entries[post.fingerprint] = feed_entry(config, registry, post)
        return entry

    def _filed_under(self, post: Post) -> list[tuple[Any, tuple[Any, ...]]]:
        """(taxonomy, terms) for each taxonomy `post` is filed under, in the registry's order."""
        return [(taxonomy, terms) for taxonomy in self.registry.taxonomies if (terms := post.labels(taxonomy))]

    def _share_icon(self, service: str) -> Markup:
        """A share button's icon (the macro of ikon.html), drawn once per service: importing the macro on
        every article page cost more than the icons themselves."""
        if service not in self._icons:
            icons: Any = self.env.get_template("ikon.html").module  # its macros are attributes Jinja adds
            self._icons[service] = Markup(icons.share_icon(service))
        return self._icons[service]

    def _partial(self, name: str) -> Markup:
        """A template that depends only on site-wide globals, rendered once and reused on every page."""
        if name not in self._partials:
            self._partials[name] = Markup(self.env.get_template(name).render())
        return self._partials[name]

    @cached_property
    def globals_fingerprint(self) -> str:
        """What every page depends on besides its own context: the code that renders it (Warta's files and the
        libraries' versions, which also make picture variants), the config, the menu, every template."""
        templates = []
        for folder in self.layout.template_dirs:
            for found in self.layout.walk(folder):
                if found.is_file:
                    templates.append(f"{found.path.relative_to(folder).as_posix()}\0{found.path.read_bytes().hex()}")
        return fingerprint(producer(), self.config, self.registry, self.nav, self.search_available, templates,
                           self.pictures)

    def route_fingerprint(self, route: Route) -> str:
        return fingerprint(self.globals_fingerprint, route.kind, route.template, route.context)

    def render(self, route: Route) -> bytes:
        if route.kind == PAGE:
            return self._page(route).encode("utf-8")
        if route.kind == FEED:
            c = route.context
            return atom_feed(self.config, self.registry, c["title"], c["feed_path"], c["page_path"], c["posts"],
                             self._feed_entry)
        if route.kind == KIND_FILE:
            return rules_for(route.context["collection"]).render_file(self.config, route.context)
        if route.kind == SITEMAP:
            return sitemap_xml(self.config, route.context["entries"])
        if route.kind == ROBOTS:
            return robots_txt(self.config).encode("utf-8")
        if route.kind == IMAGE:
            try:
                return resize(route.context["variant"])
            except PictureFailure as failure:  # one per picture, whichever of its variants failed
                raise TemplateFailure(f"gambar {failure.source}", self.layout.display(failure.source), None,
                                      failure.message) from None
        if route.kind == RAW:
            return route.context["data"]
        raise ValueError(route.kind)

    def _page(self, route: Route) -> str:
        assert route.template is not None
        try:
            return self.env.get_template(route.template).render(route.context)
        except RefusedTemplate as error:
            raise self._failure(route.template, str(error.path), None, error.problem) from None
        except jinja2.TemplateSyntaxError as error:
            raise self._failure(route.template, error.filename, error.lineno, syntax_message(error.message or "")) from None
        except Exception as error:  # noqa: BLE001 - a template bug: say where, not a traceback
            filename, line = _template_frame(error)
            raise self._failure(route.template, filename, line, runtime_message(error)) from None

    def _failure(self, template: str, filename: str | None, line: int | None, message: str) -> TemplateFailure:
        shown = self.layout.display(Path(filename)) if filename else f"templates/{template}"
        return TemplateFailure(template, shown, line, message)

    def dependencies(self, template: str) -> set[str]:
        """`template` and every template it extends, includes, imports or renders through the `partial("x")`,
        `card()` and `share_icon()` helpers, recursively."""
        seen: set[str] = set()
        todo = [template]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            try:
                assert self.env.loader is not None
                parsed = self.env.parse(self.env.loader.get_source(self.env, name)[0])
            except jinja2.TemplateError:
                continue
            todo.extend(n for n in meta.find_referenced_templates(parsed) if n)
            todo.extend(_helper_templates(parsed))
        return seen


def _helper_templates(parsed: nodes.Template) -> list[str]:
    """Templates a template renders through Warta's helpers, which Jinja's own analysis cannot see."""
    found = []
    for call in parsed.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        if call.node.name == "card":
            found.append("card.html")
        elif call.node.name == "share_icon":
            found.append("ikon.html")
        elif call.node.name == "partial" and call.args and isinstance(call.args[0], nodes.Const):
            found.append(str(call.args[0].value))
    return found


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a rendering traceback (Jinja rewrites frames to them)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".html", ".xml")):
            return frame.filename, frame.lineno
    return None, None
