"""What link previews, search engines and share buttons read: OpenGraph, JSON-LD, share links.

Link previews (OpenGraph, read by WhatsApp, Facebook, Telegram and X) name a page's picture with its size,
type and alt text: a post's own photo as its 1200-pixel copy, else the site's share picture, whose size
is read once per build (`site_pictures`). An external http(s) photo gets no size rather than a wrong one.
Structured data is built as Python dictionaries and serialised with
`html_json`, so titles with quotes, '</script>' or '<!--' can never break out
of the script element. The office is author and publisher of everything it publishes (`organization`,
shared by every kind's JSON-LD); a person is named author only when a post's `author` names one.
Share links are plain links to each service's public share address: no
third-party script is loaded, and nothing is sent anywhere until a reader
clicks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from warta.config import SiteConfig
from warta.content import Post
from warta.htmljson import html_json
from warta.images import ImageLibrary, ImageSet
from warta.layout import DEFAULTS

DEFAULT_SHARE_IMAGE = "/gambar/bagikan.png"
# What Warta's own share picture shows, for its alt text (a site's own picture is described by the site's name).
DEFAULT_SHARE_IMAGE_ALT = "Berita Pengawasan Pemilu: awasi bersama, tegakkan keadilan pemilu"
PREVIEW_WIDTH = 1200  # link previews show pictures at most this wide (Facebook recommends 1200 × 630)
_MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
         ".gif": "image/gif", ".svg": "image/svg+xml"}
_FORMAT_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# Words that make a front-matter `author` the office or one of its units rather than a person.
_OFFICE_WORDS = frozenset({
    "bawaslu", "panwaslu", "panwascam", "panwaslih", "kpu", "dkpp", "humas", "tim", "redaksi", "divisi",
    "sekretariat", "bagian", "subbagian", "biro", "seksi", "unit", "kantor", "badan", "komisi", "admin",
    "administrator", "pengelola", "pusat", "layanan", "ppid",
})


@dataclass(frozen=True)
class Picture:
    """A picture as link previews and structured data name it."""

    url: str  # absolute
    width: int | None = None  # None when unknown: an external picture, an SVG
    height: int | None = None
    mime: str | None = None
    alt: str = ""


@dataclass(frozen=True)
class SitePictures:
    """The pictures every page may name, their sizes read once per build (part of every page's fingerprint)."""

    share: Picture  # the default link-preview picture
    logo: Picture  # the office's logo in structured data


def logo_path(config: SiteConfig) -> str:
    """The office's logo as a site path: the one place that decides it (site.toml's logo, else the site icon)."""
    return config.logo or "/favicon.svg"


def site_pictures(config: SiteConfig, library: ImageLibrary) -> SitePictures:
    share_path = config.share_image or DEFAULT_SHARE_IMAGE
    share_file = library.find(share_path)
    own_default = share_file is not None and share_file.is_relative_to(DEFAULTS)
    share = _site_picture(config, library, share_path, DEFAULT_SHARE_IMAGE_ALT if own_default else config.title)
    return SitePictures(share, _site_picture(config, library, logo_path(config), f"Logo {config.title}"))


def _site_picture(config: SiteConfig, library: ImageLibrary, site_path: str, alt: str) -> Picture:
    if site_path.startswith(("http://", "https://")):
        return Picture(site_path, mime=_mime(site_path), alt=alt)
    described = library.image_set(site_path)  # the header only (Pillow), nothing decoded; None for an SVG
    if isinstance(described, ImageSet):
        return Picture(config.absolute(site_path), described.width, described.height, _mime(site_path), alt)
    return Picture(config.absolute(site_path), mime=_mime(site_path), alt=alt)


def _mime(address: str) -> str | None:
    path = address.split("?", 1)[0].split("#", 1)[0]
    dot = path.rfind(".")
    return _MIME.get(path[dot:].casefold()) if dot > path.rfind("/") else None


def json_ld(data: dict[str, Any]) -> Markup:
    text = html_json(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(f'<script type="application/ld+json">{text}</script>')


def preview_picture(config: SiteConfig, pictures: SitePictures, post: Post | None = None) -> Picture:
    """A page's link-preview picture: the post's photo (its copy nearest 1200 pixels wide), else the site's."""
    return (_post_picture(config, post) if post is not None else None) or pictures.share


def _post_picture(config: SiteConfig, post: Post) -> Picture | None:
    if post.image_set is not None:  # a resized copy, not a phone's 4000-pixel original
        # A copy in the picture's own format where it has one: not every service shows WebP (a WebP has only WebP).
        plain = [v for v in post.image_set.variants if v.format != "WEBP"] or list(post.image_set.variants)
        variant = min(plain, key=lambda v: (abs(v.width - PREVIEW_WIDTH), v.width))
        return Picture(config.absolute(variant.path), variant.width, variant.height, _FORMAT_MIME[variant.format],
                       post.image_alt or "")
    if post.image:  # an external address or a local SVG: its size is not known here
        external = post.image.startswith(("http://", "https://"))
        return Picture(post.image if external else config.absolute(post.image), mime=_mime(post.image),
                       alt=post.image_alt or "")
    return None


def image_url(config: SiteConfig, post: Post | None = None) -> str:
    """The absolute picture for a page's link preview: the post's, else the site's default."""
    own = _post_picture(config, post) if post is not None else None
    if own is not None:
        return own.url
    source = config.share_image or DEFAULT_SHARE_IMAGE
    return source if source.startswith(("http://", "https://")) else config.absolute(source)


def preview_meta(config: SiteConfig, pictures: SitePictures, post: Post | None = None) -> Markup:
    """OpenGraph's picture tags for a page (with X's alt text): address, type, size when known, alt."""
    picture = preview_picture(config, pictures, post)
    tags = [("og:image", picture.url)]
    if picture.mime:
        tags.append(("og:image:type", picture.mime))
    if picture.width and picture.height:
        tags += [("og:image:width", str(picture.width)), ("og:image:height", str(picture.height))]
    tags.append(("og:image:alt", picture.alt))
    lines = [f'<meta property="{name}" content="{escape(value)}">' for name, value in tags]
    lines.append(f'<meta name="twitter:image:alt" content="{escape(picture.alt)}">')
    return Markup("\n".join(lines))


def organization(config: SiteConfig, pictures: SitePictures) -> dict[str, Any]:
    """The office as a schema.org Organization: author and publisher of all it publishes, in every JSON-LD."""
    logo: dict[str, Any] = {"@type": "ImageObject", "url": pictures.logo.url}
    if pictures.logo.width and pictures.logo.height:
        logo["width"] = _pixels(pictures.logo.width)
        logo["height"] = _pixels(pictures.logo.height)
    return {"@type": "Organization", "name": config.title, "url": config.absolute("/"), "logo": logo}


def _pixels(value: int) -> dict[str, Any]:
    """A size in pixels as schema.org's width/height take it (a QuantitativeValue; E37 is UN/CEFACT's pixel)."""
    return {"@type": "QuantitativeValue", "value": value, "unitCode": "E37"}


def names_person(author: str, config: SiteConfig) -> bool:
    """Whether a front-matter `author` names a person: not the office's name, nor a unit of an office
    ('Humas Bawaslu Kota Kediri', 'Tim Redaksi')."""
    if config.title.casefold() in author.casefold():
        return False
    return not set(re.findall(r"\w+", author.casefold())) & _OFFICE_WORDS


def authors(config: SiteConfig, pictures: SitePictures, post: Post) -> list[dict[str, Any]]:
    """Who wrote a post for structured data: the person its `author` names, else the office."""
    if post.author and names_person(post.author, config):
        return [{"@type": "Person", "name": post.author}]
    return [organization(config, pictures)]


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


def article(config: SiteConfig, pictures: SitePictures, post: Post) -> Markup:
    url = config.absolute(post.url)
    return json_ld({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "description": post.summary,
        "datePublished": post.date.iso_datetime(),
        "dateModified": (post.updated or post.date).iso_datetime(),
        "author": authors(config, pictures, post),
        "publisher": organization(config, pictures),
        "image": [preview_picture(config, pictures, post).url],
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
