"""Atom feeds, written with feedgen so the XML is always well-formed.

Feeds carry absolute URLs: a feed reader has no page to resolve a post's
links against (it would take the feed's address, where `../x/` and `#bagian`
mean something else), so every link and picture address in an entry's content
(href, src, srcset, poster...) is resolved against the post's own address.
Categories carry their taxonomy's listing address as `scheme`, so a stage and
a tag of the same name stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from html import escape, unescape
from urllib.parse import urljoin

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from warta import __version__
from warta.config import SiteConfig
from warta.content import Post
from warta.registry import Registry

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Attributes whose value is one address, and those that list candidates ("a.jpg 480w, b.jpg 800w").
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "data", "action", "formaction", "longdesc",
                             "background", "xlink:href", "manifest"})
_SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
# No name holds '<': a '<' that starts no tag is given up at the next '<', so the scan stays linear.
_TAG = re.compile(rf"""<[a-zA-Z][^\s/<>]*(?:\s+[^\s/<>"'=]+(?:\s*=\s*{_VALUE})?)*\s*/?>""")
_ADDRESS_ATTRIBUTE = re.compile(r"""(\s)([^\s/>"'=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def atom_feed(config: SiteConfig, registry: Registry, title: str, feed_path: str, page_path: str,
              posts: tuple[Post, ...], entry: Callable[[SiteConfig, Registry, Post], FeedEntry] | None = None) -> bytes:
    """The Atom feed of `posts`; `entry` may hand out entries made earlier (a post is in several feeds)."""
    feed = FeedGenerator()
    feed.id(config.absolute(page_path))
    feed.title(title)
    feed.subtitle(config.description)
    feed.language("id")
    feed.author({"name": config.title})
    feed.link(href=config.absolute(page_path), rel="alternate", type="text/html")
    feed.link(href=config.absolute(feed_path), rel="self", type="application/atom+xml")
    feed.generator("Warta", __version__)
    feed.updated(max((_updated(p) for p in posts), default=_EPOCH))
    for post in posts:
        feed.add_entry((entry or feed_entry)(config, registry, post), order="append")
    return feed.atom_str(pretty=True)


def feed_entry(config: SiteConfig, registry: Registry, post: Post) -> FeedEntry:
    """One post as a feed entry (feedgen lets the same entry object be added to many feeds)."""
    entry = FeedEntry()
    url = config.absolute(post.url)
    entry.id(url)
    entry.title(post.title)
    entry.link(href=url, rel="alternate", type="text/html")
    entry.published(post.date.value)
    entry.updated(_updated(post))
    if post.author:
        entry.author({"name": post.author})
    entry.summary(post.summary)
    entry.content(absolute_links(post.body_html, url), type="html")
    for taxonomy in registry.taxonomies:
        if taxonomy.feed_category:
            scheme = config.absolute(taxonomy.url)
            for term in post.labels(taxonomy):
                entry.category(term=term.slug, label=term.name, scheme=scheme)
    return entry


def _updated(post: Post) -> datetime:
    return (post.updated or post.date).value


def absolute_links(html: str, base: str) -> str:
    """`html` with every address in it resolved against `base` (the absolute address of the page it is from).

    `html` is a post's body as Warta writes it (serialised by nh3, pictures by images.py): in its text `<`
    is always `&lt;`, so every `<` and letter starts a tag, whose attributes are then read one by one
    (quoted with either quote, or unquoted). Tags without an address are copied as they are.
    """
    return _TAG.sub(lambda tag: _ADDRESS_ATTRIBUTE.sub(partial(_absolute_attribute, base), tag.group(0)), html)


def _absolute_attribute(base: str, match: re.Match[str]) -> str:
    name = match.group(2).casefold()
    if name not in _URL_ATTRIBUTES and name not in _SRCSET_ATTRIBUTES:
        return match.group(0)
    raw = next(v for v in match.group(3, 4, 5) if v is not None)
    value = unescape(raw)
    value = _join(base, value.strip()) if name in _URL_ATTRIBUTES else _absolute_srcset(value, base)
    return f'{match.group(1)}{match.group(2)}="{escape(value, quote=True)}"'


def _join(base: str, address: str) -> str:
    """`address` resolved against `base`; kept as written when urljoin cannot read it ('//[::1' raises
    ValueError yet passes the sanitiser as a relative address): a feed reader ignores it as the page does."""
    try:
        return urljoin(base, address)
    except ValueError:
        return address


def _absolute_srcset(value: str, base: str) -> str:
    """Each candidate's address of a srcset resolved against `base`, its descriptor ("800w", "2x") kept.

    Parsed as the HTML standard does: an address runs to whitespace, and commas at its end separate
    candidates; a descriptor runs to the next comma.
    """
    candidates: list[str] = []
    position, length = 0, len(value)
    while True:
        while position < length and (value[position].isspace() or value[position] == ","):
            position += 1
        if position >= length:
            break
        start = position
        while position < length and not value[position].isspace():
            position += 1
        address = value[start:position]
        descriptor = ""
        if address.endswith(","):
            address = address.rstrip(",")
        else:
            end = value.find(",", position)
            end = length if end < 0 else end
            descriptor = value[position:end].strip()
            position = end
        candidates.append(f"{_join(base, address)} {descriptor}".rstrip())
    return ", ".join(candidates)
