"""Atom feeds, written with feedgen so the XML is always well-formed.

Feeds carry absolute URLs: a feed reader has no page to resolve `/berita/x/`
against, so root-relative links in post bodies are made absolute too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from warta import __version__
from warta.config import SiteConfig
from warta.content import Post
from warta.registry import Registry

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


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
    entry.content(_absolute_links(post.body_html, config), type="html")
    for taxonomy in registry.taxonomies:
        if taxonomy.feed_category:
            for term in post.labels(taxonomy):
                entry.category(term=term.slug, label=term.name)
    return entry


def _updated(post: Post) -> datetime:
    return (post.updated or post.date).value


def _absolute_links(html: str, config: SiteConfig) -> str:
    origin = config.absolute("/")[: -len(config.base_path)] + "/"
    return _ROOT_RELATIVE.sub(lambda m: m.group(1) + origin, html)
