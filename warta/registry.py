"""The kinds of content and the taxonomies of a site, declared as data.

A *collection* is a kind of content: the Markdown files in `content/<name>/`
become pages at `/<name>/<slug>/`, listed at `/<name>/` with a feed. A
*taxonomy* groups items of every kind by a front-matter key: stages, agencies,
tags and whatever a site declares (`[taksonomi.wilayah]` in site.toml).

Warta's own kinds and taxonomies are the first entries of the registry; a
site adds its own without Python. Everything that needs to know which kinds
or taxonomies exist (reading, the model, the plan, feeds, search, the preview)
asks the registry: nothing else names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warta.config import CollectionSetting, TaxonomySetting

# The built-in taxonomies, by the name that is also their URL segment.
STAGES, AGENCIES, TAGS = "tahapan", "lembaga", "tag"
# How a taxonomy's names are found: a closed list in data/tahapan.yaml, the agency directory of
# data/lembaga.yaml (unknown names allowed, with a warning), or any name at all.
CLOSED, DIRECTORY, FREE = "closed", "directory", "free"
NEWS = "berita"
# Site paths Warta itself uses at the top level: no kind, taxonomy or standalone page may take them.
SITE_FOLDERS = ("arsip", "halaman", "cari", "css", "js", "gambar", "pagefind", "admin", "berkas", "feed.xml",
                "sitemap.xml", "robots.txt", "404.html", "agenda.ics")


def in_sentence(title: str) -> str:
    """A title as a sentence names it: 'Cek Fakta' -> 'cek fakta', but an acronym stays one ('Rilis KPU' ->
    'rilis KPU'): a word of two or more letters written all in capitals keeps them."""
    return " ".join(word if len(word) > 1 and word.isupper() else word.lower() for word in title.split(" "))


def section_url(name: str) -> str:
    """The site path of a kind's listing or a taxonomy's index: '/cek-fakta/'."""
    return f"/{name}/"


def entry_url(section: str, slug: str) -> str:
    """The site path of an item of a kind or a term of a taxonomy: '/cek-fakta/<slug>/', '/tahapan/<slug>/'."""
    return f"/{section}/{slug}/"


@dataclass(frozen=True)
class Collection:
    """A kind of content: `content/<name>/*.md` -> `/<name>/<slug>/`."""

    name: str  # folder under content/ and URL segment: "berita", "cek-fakta", "opini"
    title: str  # "Berita", "Cek Fakta": listing heading, menu entry, the label on items of this kind
    description: str  # the listing's description
    template: str  # the item page template: "<name>.html" when the site or Warta has one, else "post.html"
    list_template: str  # the listing template
    on_home: bool  # items appear among the home page's latest
    in_archive: bool  # items appear in /arsip/
    builtin: bool  # one of Warta's kinds (see warta/kinds/)

    @property
    def url(self) -> str:
        return section_url(self.name)

    def item_url(self, slug: str) -> str:
        return entry_url(self.name, slug)

    @property
    def in_sentence(self) -> str:
        """The title inside a sentence: 'Bagikan cek fakta ini', 'Belum ada rilis KPU'."""
        return in_sentence(self.title)

    @property
    def folder(self) -> str:
        return f"content/{self.name}"


@dataclass(frozen=True)
class Taxonomy:
    """A way of grouping items of every kind: `/<name>/<slug>/` per term, `/<name>/` for the index."""

    name: str  # URL segment: "tahapan", "lembaga", "tag", "wilayah"
    key: str  # front-matter key: "tahapan", "lembaga", "tags", "wilayah"
    title: str  # "Tahapan", "Lembaga", "Tag", "Wilayah"
    noun: str  # one term, in messages: "dibaca sebagai 2 tag"
    vocabulary: str  # CLOSED, DIRECTORY or FREE
    related_weight: int  # what sharing a term counts for "Berita Terkait"
    index_template: str
    index_description: str
    heading_prefix: str = ""  # "Tag: " before a tag's name in its page heading
    feed_category: bool = True  # terms are the categories of feed entries
    search_filter: bool = True  # terms are a filter of the search page
    builtin: bool = True

    @property
    def url(self) -> str:
        return section_url(self.name)

    @property
    def in_sentence(self) -> str:
        """The title inside a sentence: 'Belum ada dapil DPRD'."""
        return in_sentence(self.title)


BUILTIN_TAXONOMIES = (
    Taxonomy(STAGES, "tahapan", "Tahapan", "tahapan", CLOSED, 1, "stage_index.html",
             "Berita menurut tahapan pemilihan, sesuai urutan jadwal resmi."),
    Taxonomy(AGENCIES, "lembaga", "Lembaga", "lembaga", DIRECTORY, 3, "agency_index.html",
             "Berita menurut lembaga yang terlibat.", feed_category=False),
    Taxonomy(TAGS, "tags", "Tag", "tag", FREE, 2, "tag_index.html", "Semua tag berita.", heading_prefix="Tag: ",
             search_filter=False),
)
CUSTOM_TAXONOMY_WEIGHT = 2  # like a tag
CUSTOM_TAXONOMY_TEMPLATE = "taxonomy_index.html"


@dataclass(frozen=True)
class Registry:
    """The site's kinds of content (news first) and taxonomies, in the order pages list them."""

    collections: tuple[Collection, ...]
    taxonomies: tuple[Taxonomy, ...]

    def collection(self, name: str) -> Collection:
        return next(c for c in self.collections if c.name == name)

    def taxonomy(self, name: str) -> Taxonomy:
        return next(t for t in self.taxonomies if t.name == name)

    @property
    def custom_taxonomies(self) -> tuple[Taxonomy, ...]:
        return tuple(t for t in self.taxonomies if not t.builtin)

    @property
    def several_kinds(self) -> bool:
        """More than one kind of content: items then carry their kind's label wherever kinds mix."""
        return len(self.collections) > 1

    def taken_paths(self) -> tuple[str, ...]:
        """Top-level names a standalone page may not use."""
        return (*SITE_FOLDERS, *(c.name for c in self.collections), *(t.name for t in self.taxonomies))

    def collection_of(self, path: Path, content_dir: Path) -> Collection | None:
        """The kind of the Markdown file at `path`, or None for a standalone page (or no kind at all)."""
        try:
            first = path.relative_to(content_dir).parts[0]
        except (ValueError, IndexError):
            return None
        return next((c for c in self.collections if c.name == first), None)


def make_registry(declared: tuple[CollectionSetting, ...], taxonomies: tuple[TaxonomySetting, ...],
                  content_dir: Path, template_exists: TemplateCheck) -> Registry:
    """News always; Warta's other kinds when their folder exists; then the site's own declarations.

    A declaration for one of Warta's kinds (`[koleksi.berita] judul = "Kabar"`) changes its title and
    options; its rules stay Warta's.
    """
    from warta.kinds import BUILTIN_KINDS

    settings = {setting.name: setting for setting in declared}
    collections: list[Collection] = []
    for kind in BUILTIN_KINDS:
        if kind.name == NEWS or kind.name in settings or (content_dir / kind.name).is_dir():
            collections.append(_collection(kind.name, settings.get(kind.name), kind.title, kind.description,
                                           kind.list_template, kind.on_home, kind.in_archive, True, template_exists))
    builtin_names = {kind.name for kind in BUILTIN_KINDS}
    for setting in declared:
        if setting.name not in builtin_names:
            collections.append(_collection(setting.name, setting, setting.name.replace("-", " ").title(), "",
                                           "post_list.html", False, True, False, template_exists))
    custom = tuple(Taxonomy(t.name, t.name, t.title, t.title.casefold(), FREE, CUSTOM_TAXONOMY_WEIGHT,
                            CUSTOM_TAXONOMY_TEMPLATE, t.description or f"Semua {t.title.casefold()}.",
                            builtin=False) for t in taxonomies)
    return Registry(tuple(collections), BUILTIN_TAXONOMIES + custom)


NEWS_ONLY = Registry((Collection(NEWS, "Berita", "", "post.html", "post_list.html", True, True, True),), BUILTIN_TAXONOMIES)


class TemplateCheck:
    """Whether a template of that name exists, in the site's templates or Warta's."""

    def __init__(self, template_dirs: list[Path]):
        self.template_dirs = template_dirs

    def __call__(self, name: str) -> bool:
        for folder in self.template_dirs:
            try:
                if (folder / name).is_file():
                    return True
            except OSError:  # a name the file system refuses (too long) is no template
                continue
        return False


def _collection(name: str, setting: CollectionSetting | None, title: str, description: str, list_template: str,
                on_home: bool, in_archive: bool, builtin: bool, template_exists: TemplateCheck) -> Collection:
    if setting is not None:
        title = setting.title or title
        description = setting.description or description
        on_home = setting.on_home if setting.on_home is not None else on_home
        in_archive = setting.in_archive if setting.in_archive is not None else in_archive
    own_template = f"{name}.html"
    return Collection(
        name=name,
        title=title,
        description=description,
        template=own_template if name != NEWS and template_exists(own_template) else "post.html",
        list_template=f"{name}_list.html" if template_exists(f"{name}_list.html") else list_template,
        on_home=on_home,
        in_archive=in_archive,
        builtin=builtin,
    )
