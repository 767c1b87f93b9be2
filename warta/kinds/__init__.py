"""What is particular to each of Warta's kinds of content.

Every kind is read, modelled, planned and rendered by the same code (see
registry.py); a `KindRules` adds only what differs: its own front-matter keys
and their checks, the extra context its listing and the home page get, the
files it adds (an iCalendar feed), and the helpers its templates call. A kind a
site declares in site.toml gets the plain rules of news.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warta.config import SiteConfig
    from warta.content import FieldReader, Media, Post
    from warta.dates import Moment
    from warta.registry import Collection
    from warta.sharing import SitePictures


@dataclass(frozen=True)
class HomeBox:
    """A section a kind adds to the home page: `template` rendered with `context`."""

    template: str
    context: dict[str, Any]


@dataclass(frozen=True)
class KindFile:
    """A file a kind adds to the site besides its pages (an .ics calendar): bytes from `rules.render_file`."""

    path: str  # site path, '/agenda.ics'
    context: dict[str, Any]
    in_sitemap: bool = False


class KindRules:
    """News: no keys of its own, dated, paginated. Other kinds override what they need.

    The object `read` returns becomes `post.details`. Cards on listings show `post.details.badge`
    when it has one: a (label, modifier) pair, e.g. ("Salah", "salah") for a fact check's verdict. Cards
    are rendered once for every page and build date, so a badge must not depend on the date (an event's
    state is shown on its own pages instead).
    """

    name = "berita"
    title = "Berita"
    description = ""
    list_template = "post_list.html"
    on_home = True
    in_archive = True
    keys: tuple[str, ...] = ()  # front-matter keys of its own, besides the news keys
    required: tuple[str, ...] = ()  # of `keys`, those a writer must fill
    # Other words writers use for the kind's own keys ('lokasi' for 'tempat'), each to the key it means: the
    # message names the key to use, at the line of the word (words with spaces or hyphens written with '_').
    key_words: Mapping[str, str] = {}
    date_required = True  # without `date`, `undated` gives the moment items are ordered by
    paginated = True

    def read(self, fields: FieldReader, media: Media | None) -> Any:
        """The kind's own front matter as a typed object (or None), reporting problems through `fields`."""
        return None

    def undated(self, details: Any) -> Moment | None:
        """The moment an item without `date` is ordered and dated by (never a reason to hold it back)."""
        return None

    def listing_context(self, collection: Collection, posts: tuple[Post, ...], today: date) -> dict[str, Any]:
        """Extra context for the listing page (grouped or split lists)."""
        return {}

    def home_boxes(self, collection: Collection, posts: tuple[Post, ...], today: date) -> tuple[HomeBox, ...]:
        return ()

    def files(self, collection: Collection, posts: tuple[Post, ...], today: date) -> tuple[KindFile, ...]:
        return ()

    def render_file(self, config: SiteConfig, context: dict[str, Any]) -> bytes:
        raise ValueError(self.name)

    def template_globals(self, config: SiteConfig, pictures: SitePictures) -> dict[str, Callable[..., Any]]:
        """Functions this kind's templates call (JSON-LD, labels); `pictures` for the office's logo."""
        return {}

    def item_context(self, post: Post, today: date) -> dict[str, Any]:
        """Extra context for an item's own page that depends on the build date (expired, upcoming)."""
        return {}

    def admin_fields(self) -> list[dict[str, Any]]:
        """Decap CMS fields for the kind's own keys (see admin.py), in the order the editor shows them."""
        return []

    def scaffold_lines(self, today: date) -> list[str]:
        """Front-matter lines `warta new --jenis <kind>` writes for the kind's own keys, to be filled in."""
        return []


NEWS_RULES = KindRules()


def _builtin() -> tuple[KindRules, ...]:
    from warta.kinds.agenda import AgendaRules
    from warta.kinds.cek_fakta import FactCheckRules
    from warta.kinds.dokumen import DocumentRules
    from warta.kinds.pengumuman import AnnouncementRules

    return (NEWS_RULES, FactCheckRules(), AnnouncementRules(), DocumentRules(), AgendaRules())


BUILTIN_KINDS: tuple[KindRules, ...] = _builtin()
_BY_NAME = {rules.name: rules for rules in BUILTIN_KINDS}


def rules_for(collection: str) -> KindRules:
    """The rules of a kind: Warta's own, or those of news for a kind a site declared."""
    return _BY_NAME.get(collection, NEWS_RULES)
