"""What link previews, search engines and share buttons read: OpenGraph, JSON-LD, share links.

Structured data is built as Python dictionaries and serialised with
`html_json`, so titles with quotes, '</script>' or '<!--' can never break out
of the script element.
Share links are plain links to each service's public share address: no
third-party script is loaded, and nothing is sent anywhere until a reader
clicks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from warta.config import SiteConfig
from warta.content import Post
from warta.htmljson import html_json

DEFAULT_SHARE_IMAGE = "/gambar/bagikan.png"


def json_ld(data: dict[str, Any]) -> Markup:
    text = html_json(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(f'<script type="application/ld+json">{text}</script>')


def image_url(config: SiteConfig, post: Post | None = None) -> str:
    """The absolute picture for a page's link preview: the post's, else the site's default."""
    if post is not None and post.image_set is not None:  # a resized copy, not a phone's 4000-pixel original
        plain = [v for v in post.image_set.variants if v.format != "WEBP"]
        return config.absolute(min(plain, key=lambda v: (abs(v.width - 1200), v.width)).path)
    source = post.image if post is not None and post.image else (config.share_image or DEFAULT_SHARE_IMAGE)
    return source if source.startswith(("http://", "https://")) else config.absolute(source)


def breadcrumbs(config: SiteConfig, crumbs: Sequence[Any], page_path: str) -> Markup:
    items = [("Beranda", "/")] + [(c.label, c.path or page_path) for c in crumbs]
    return json_ld({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": label, "item": config.absolute(path)}
            for n, (label, path) in enumerate(items, start=1)
        ],
    })


def article(config: SiteConfig, post: Post) -> Markup:
    url = config.absolute(post.url)
    publisher = {
        "@type": "Organization",
        "name": config.title,
        "url": config.absolute("/"),
        "logo": {"@type": "ImageObject", "url": config.absolute("/favicon.svg")},
    }
    author = {"@type": "Person", "name": post.author} if post.author else {"@type": "Organization", "name": config.title}
    return json_ld({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title if len(post.title) <= 110 else post.title[:109].rstrip() + "…",
        "description": post.summary,
        "datePublished": post.date.iso_datetime(),
        "dateModified": (post.updated or post.date).iso_datetime(),
        "author": [author],
        "publisher": publisher,
        "image": [image_url(config, post)],
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": "id",
        "articleSection": [stage.nama for stage in post.stages],
        "keywords": [tag.name for tag in post.tags],
    })


def share_links(config: SiteConfig, post: Post) -> list[tuple[str, str]]:
    """(service, address) pairs for sharing an article."""
    url = config.absolute(post.url)
    # Each value quoted once, as urlencode(..., quote_via=quote) would (nothing kept safe).
    link, title, text = (quote(value, safe="") for value in (url, post.title, f"{post.title} {url}"))
    return [
        ("WhatsApp", f"https://wa.me/?text={text}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={link}"),
        ("X", f"https://x.com/intent/post?text={title}&url={link}"),
        ("Telegram", f"https://t.me/share/url?url={link}&text={title}"),
        ("Surel", f"mailto:?subject={title}&body={link}"),
    ]
