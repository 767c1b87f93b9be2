"""Responsive images: the pictures posts use, resized into a few widths with WebP versions.

A picture referenced by a post (its `image`, or a Markdown image in its body)
must exist under `static/` and, in the body, carry alt text: readers of this
site include blind people with screen readers. Each raster picture gets
variants at a few widths, in its own format and in WebP, emitted with
`srcset`/`sizes` and its real `width`/`height` so the page does not jump while
it loads. Variants are ordinary build outputs: a variant whose source did not
change is neither resized nor rewritten (see output.py), which is the cache.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from pathlib import Path
from typing import Callable

from warta.layout import SiteLayout

VARIANT_WIDTHS = (480, 800, 1200, 1600)
_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
ARTICLE_SIZES = "(min-width: 48rem) 44rem, 100vw"
_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')


@dataclass(frozen=True)
class Variant:
    path: str  # site path, e.g. /gambar/rakor-800w.webp
    width: int
    height: int
    format: str
    source: Path
    signature: tuple[int, int]  # the source's (size, mtime): the variant is remade when it changes


@dataclass(frozen=True)
class ImageSet:
    src: str  # the original's site path
    width: int
    height: int
    variants: tuple[Variant, ...]

    def srcset(self, url: Callable[[str], str], webp: bool) -> str:
        chosen = [v for v in self.variants if (v.format == "WEBP") == webp]
        return ", ".join(f"{url(v.path)} {v.width}w" for v in chosen)

    def fallback(self) -> Variant:
        """The variant for browsers that ignore srcset: the one nearest 800 px wide."""
        plain = [v for v in self.variants if v.format != "WEBP"] or list(self.variants)
        return min(plain, key=lambda v: (abs(v.width - 800), v.width))


class ImageLibrary:
    """Finds pictures under the static folders and describes their variants."""

    def __init__(self, static_dirs: list[Path], layout: SiteLayout):
        self.static_dirs = list(reversed(static_dirs))  # the site's own static/ wins over the defaults
        self.layout = layout  # a picture is only opened when it is a regular file inside the site folder
        self._folders: dict[str, str] = {}  # real paths of the folders pictures were looked up in

    def find(self, site_path: str) -> Path | None:
        relative = site_path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        if not relative or ".." in Path(relative).parts:
            return None
        for folder in self.static_dirs:
            candidate = folder / relative
            if self.layout.examine(candidate, self._folders).is_file:
                return candidate
        return None

    def image_set(self, site_path: str) -> ImageSet | None:
        """Variants for a raster picture; None for other files (SVG, GIF) or when it is missing."""
        source = self.find(site_path)
        if source is None or source.suffix.casefold() not in _FORMATS:
            return None
        stat = source.stat()
        return _describe(site_path, source, (stat.st_size, stat.st_mtime_ns))


def _pillow():  # type: ignore[no-untyped-def]
    """Pillow's Image module, imported on first use: most builds have no picture to look at (saves 11 ms)."""
    from PIL import Image

    return Image


@lru_cache(maxsize=4096)
def _describe(site_path: str, source: Path, signature: tuple[int, int]) -> ImageSet | None:
    try:
        with _pillow().open(source) as picture:
            width, height = picture.size
    except (OSError, ValueError):
        return None
    own_format = _FORMATS[source.suffix.casefold()]
    stem = site_path.rsplit(".", 1)[0]
    widths = [w for w in VARIANT_WIDTHS if w < width] + ([min(width, VARIANT_WIDTHS[-1])] if width <= VARIANT_WIDTHS[-1] else [])
    widths = sorted(set(widths or [width]))
    variants = []
    for variant_width in widths:
        variant_height = max(1, round(height * variant_width / width))
        for kind in dict.fromkeys((own_format, "WEBP")):
            variants.append(Variant(f"{stem}-{variant_width}w{_EXTENSIONS[kind]}", variant_width, variant_height, kind,
                                    source, signature))
    return ImageSet(site_path, width, height, tuple(variants))


def resize(variant: Variant) -> bytes:
    """The variant's bytes: deterministic for the same source and Pillow version."""
    image = _pillow()
    with image.open(variant.source) as picture:
        picture.load()
        if variant.format == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        elif picture.mode == "P":
            picture = picture.convert("RGBA")
        resized = picture.resize((variant.width, variant.height), image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 82, "optimize": True, "progressive": True},
               "WEBP": {"quality": 80, "method": 4},
               "PNG": {"optimize": True}}[variant.format]
    resized.save(buffer, variant.format, **options)
    return buffer.getvalue()


def picture_html(image: ImageSet, alt: str, url: Callable[[str], str], *, lazy: bool, sizes: str = ARTICLE_SIZES) -> str:
    fallback = image.fallback()
    loading = ' loading="lazy" decoding="async"' if lazy else ' fetchpriority="high" decoding="async"'
    return (
        f'<picture><source type="image/webp" srcset="{escape(image.srcset(url, webp=True))}" sizes="{sizes}">'
        f'<img src="{escape(url(fallback.path))}" srcset="{escape(image.srcset(url, webp=False))}" sizes="{sizes}" '
        f'width="{fallback.width}" height="{fallback.height}" alt="{escape(alt)}"{loading}></picture>'
    )


@dataclass(frozen=True)
class BodyImage:
    src: str
    alt: str | None


def body_images(html: str) -> list[BodyImage]:
    found = []
    for tag in _IMG.findall(html):
        attributes = {name: unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        found.append(BodyImage(attributes.get("src", ""), attributes.get("alt")))
    return found


def rewrite_body(html: str, base_path: str, library: ImageLibrary, url: Callable[[str], str]) -> tuple[str, tuple[ImageSet, ...]]:
    """Replace local raster <img> elements with responsive <picture>s; every other image gets lazy loading."""
    sets: list[ImageSet] = []

    def replace(match: re.Match[str]) -> str:
        attributes = {name: unescape(value) for name, value in _ATTRIBUTE.findall(match.group(0))}
        src, alt = attributes.get("src", ""), attributes.get("alt", "")
        site_path = "/" + src[len(base_path):] if src.startswith(base_path) else None
        image = library.image_set(site_path) if site_path else None
        if image is None:
            return match.group(0)[:-1].rstrip("/ ") + ' loading="lazy" decoding="async">'
        sets.append(image)
        return picture_html(image, alt, url, lazy=True)

    return _IMG.sub(replace, html), tuple(sets)
