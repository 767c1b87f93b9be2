"""Responsive images: the pictures posts use, resized into a few widths with WebP versions.

A picture referenced by a post (its `image`, or a Markdown image in its body)
must exist under `static/` and, in the body, carry alt text: readers of this
site include blind people with screen readers. Each raster picture gets
variants at a few widths, in its own format and in WebP, emitted with
`srcset`/`sizes` and its real `width`/`height` so the page does not jump while
it loads. Variants are ordinary build outputs: a variant whose source did not
change is neither resized nor rewritten (see output.py), which is the cache.

Variant names keep the source's extension (`foto.jpg` -> `foto-jpg-800w.webp`),
so `foto.jpg` and `foto.png` side by side never share a variant.

A picture is a writer's file like any other: one that is empty, not a JPEG,
PNG or WebP, or larger than `MAX_PIXELS` is reported where it is used, before
anything is decoded (its header says its size), so a crafted 30000×30000 PNG
never fills the machine's memory. A file cut short (an upload that did not
finish) shows only when its pixels are decoded, which happens only when a
variant is made: that is reported at the picture's own path.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any, BinaryIO

from warta.layout import REFUSED, SiteLayout

VARIANT_WIDTHS = (480, 800, 1200, 1600)
_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
ARTICLE_SIZES = "(min-width: 48rem) 44rem, 100vw"
_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
# The decoders a picture may go through, whatever its name says (JPEG's also opens phones' multi-picture
# JPEGs). Pillow would otherwise try every format it knows, some through outside programs (EPS: Ghostscript).
_DECODERS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 50_000_000  # a 50-megapixel phone photo is the largest in use; decoding one takes about 200 MB
RESIZE_HINT = "perkecil fotonya (misalnya menjadi lebar 2000 piksel) lalu simpan ulang"


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


@dataclass(frozen=True)
class BrokenPicture:
    """A picture that cannot be used, and why (Indonesian, for the writer)."""

    src: str
    message: str


class PictureFailure(Exception):
    """A picture whose pixels could not be decoded while a variant was made."""

    def __init__(self, source: Path, message: str):
        super().__init__(source, message)
        self.source = source
        self.message = message


def _relative(site_path: str) -> str | None:
    """The path under a static folder that a site path names; None for one that leaves the folder."""
    relative = site_path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
    if not relative or ".." in Path(relative).parts:
        return None
    return PurePosixPath(relative).as_posix()


class ImageLibrary:
    """Finds pictures under the static folders and describes their variants."""

    def __init__(self, static_dirs: list[Path], layout: SiteLayout):
        self.static_dirs = list(reversed(static_dirs))  # the site's own static/ wins over the defaults
        self.layout = layout  # a picture is only opened when it is a regular file inside the site folder
        self._folders: dict[str, str] = {}  # real paths of the folders pictures were looked up in

    def find(self, site_path: str) -> Path | None:
        relative = _relative(site_path)
        if relative is None:
            return None
        for folder in self.static_dirs:
            candidate = folder / relative
            if self.layout.examine(candidate, self._folders).is_file:
                return candidate
        return None

    def refusal(self, site_path: str) -> str | None:
        """Why the file `site_path` names is there but never read (a link out of the site folder, a FIFO), as
        '<problem>' for a message, or None. The static folder walk reports the file itself; this lets the
        post that uses it say the same instead of 'not found'."""
        relative = _relative(site_path)
        if relative is None:
            return None
        for folder in self.static_dirs:
            examined = self.layout.examine(folder / relative, self._folders)
            if examined.kind == REFUSED:
                return examined.problem
        return None

    def missing(self, noun: str, site_path: str, fix: Callable[[str], str]) -> str:
        """The message for a `noun` ('gambar', 'berkas') that `find` did not give: refused, or not found (with
        `fix(near)` when another spelling exists, see `nearest`)."""
        problem = self.refusal(site_path)
        if problem is not None:
            return f"{noun} '{site_path}': {problem}"
        near = self.nearest(site_path)
        return not_found(noun, site_path, near, fix(near) if near is not None else "")

    def nearest(self, site_path: str) -> str | None:
        """For a picture that is missing: the site path of an existing one that `site_path` surely means,
        the same path without a leading /static/ or in other upper and lower case (a web server tells
        x.JPG from x.jpg, though Windows and macOS do not), or None. Folders are listed only here."""
        relative = _relative(site_path)
        if relative is None:
            return None
        parts = relative.split("/")
        tried = [parts[1:], parts] if len(parts) > 1 and parts[0].casefold() == "static" else [parts]
        for wanted in tried:
            for folder in self.static_dirs:
                found = _same_but_case(folder, wanted)
                if found is not None and self.layout.examine(folder.joinpath(*found), self._folders).is_file:
                    return "/" + "/".join(found)
        return None

    def same_name(self, site_path: str) -> str | None:
        """For a file that is missing: the site path of an existing one whose name is the same text, stored
        with other Unicode code points (a Mac saves 'é' as 'e' and an accent; Warta reads Markdown as NFC)."""
        relative = _relative(site_path)
        if relative is None:
            return None
        for folder in self.static_dirs:
            found = _same_but_case(folder, relative.split("/"), _composed)
            if found is not None and self.layout.examine(folder.joinpath(*found), self._folders).is_file:
                return "/" + "/".join(found)
        return None

    def image_set(self, site_path: str) -> ImageSet | BrokenPicture | None:
        """Variants for a raster picture, or why it cannot be used; None for other files (SVG, GIF) or when
        it is missing."""
        source = self.find(site_path)
        if source is None or source.suffix.casefold() not in _FORMATS:
            return None
        try:
            stat = source.stat()
        except OSError:
            return None
        return _describe(site_path, source, (stat.st_size, stat.st_mtime_ns))


def not_found(noun: str, written: str, near: str | None, fix: str) -> str:
    """Why the file `written` (a "gambar" or a "berkas", as `noun` says) is not under static/; with the
    exact fix when `near` (see ImageLibrary.nearest) is the file it means."""
    if near is None:
        return f"{noun} '{written}' tidak ditemukan; simpan berkasnya di static{written}"
    static = written.casefold().startswith("/static/")
    if static and written[7:] == near:
        advice = f"tulis alamat {noun} tanpa 'static/'"
    elif static:
        advice = f"tulis alamat {noun} tanpa 'static/' dan dengan huruf besar-kecil yang sama persis dengan nama berkasnya"
    else:
        advice = f"huruf besar-kecil alamat {noun} harus sama persis dengan nama berkasnya"
    return f"{noun} '{written}' tidak ditemukan; {advice}: {fix}"


def _composed(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _same_but_case(folder: Path, parts: list[str], same: Callable[[str], str] = str.casefold) -> list[str] | None:
    """The names under `folder` that spell `parts` (ignoring case, or what `same` ignores), or None when one
    is missing."""
    found: list[str] = []
    current = folder
    for part in parts:
        try:
            names = sorted(entry.name for entry in os.scandir(current))
        except OSError:
            return None
        name = part if part in names else next((n for n in names if same(n) == same(part)), None)
        if name is None:
            return None
        found.append(name)
        current = current / name
    return found


def _pillow() -> ModuleType:
    """Pillow's Image module, imported on first use: most builds have no picture to look at (saves 11 ms)."""
    from PIL import Image, JpegImagePlugin, PngImagePlugin, WebPImagePlugin  # noqa: F401  (the _DECODERS)

    return Image


def _too_large(subject: str, size: tuple[int, int] | None = None) -> str:
    """Pillow refuses a picture it finds far too large before saying its size: then the message has none."""
    megapixels = f"{size[0] * size[1] / 1e6:.1f}".replace(".", ",") if size else ""
    measured = f" berukuran {size[0]}×{size[1]} piksel ({megapixels} megapiksel)," if size else ""
    return f"{subject}{measured} melebihi batas {MAX_PIXELS // 1_000_000} megapiksel; {RESIZE_HINT}"


CUT_SHORT = "terpotong (berkasnya tidak utuh, mungkin unggahannya belum selesai); unggah ulang fotonya"
DAMAGED = "rusak dan tidak dapat dibaca; buka fotonya lalu simpan ulang sebagai JPEG"
_TAIL = 4096  # a whole file's end marker is in its last bytes (unless something was appended after it)


def _jpeg_scan_start(file: BinaryIO) -> int | None:
    """Where a JPEG's first compressed scan begins: marker segments walked from the start, skipping
    the metadata (whose thumbnail is a small JPEG of its own, with its own end marker)."""
    position = 2
    while True:
        file.seek(position)
        head = file.read(4)
        if len(head) < 2 or head[0] != 0xFF:
            return None
        marker = head[1]
        if marker == 0xFF:  # fill byte
            position += 1
        elif marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            position += 2
        elif len(head) < 4:
            return None
        elif marker == 0xDA:  # start of scan
            return position + 2 + int.from_bytes(head[2:4], "big")
        else:
            position += 2 + int.from_bytes(head[2:4], "big")


def _cut_short(source: Path, picture: Any) -> bool:
    """Whether the file ends before its picture does (an upload that did not finish): a JPEG with no end
    marker after its first scan, a PNG with no IEND chunk after its first pixel data. Found without
    decoding a pixel: from the last bytes, reading further back only when something follows the end."""
    end = {"JPEG": b"\xff\xd9", "MPO": b"\xff\xd9", "PNG": b"IEND"}.get(picture.format)
    if end is None:
        return False  # a WebP cut short does not open at all
    with open(source, "rb", buffering=0) as file:  # a few small reads: a buffer would read 8 KB for each
        start = _jpeg_scan_start(file) if end == b"\xff\xd9" else (picture.tile[0][2] if picture.tile else None)
        if start is None:
            return True
        size = file.seek(0, io.SEEK_END)
        file.seek(max(start, size - _TAIL))
        if end in file.readall():
            return False
        if size - _TAIL <= start:
            return True
        file.seek(start)
        return end not in file.readall()


@lru_cache(maxsize=4096)
def _describe(site_path: str, source: Path, signature: tuple[int, int]) -> ImageSet | BrokenPicture:
    """What a picture's header says (nothing is decoded): its variants, or why it cannot be used."""
    if signature[0] == 0:
        return BrokenPicture(site_path, f"gambar '{site_path}' kosong (0 byte); simpan ulang fotonya ke static{site_path}")
    image = _pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", image.DecompressionBombWarning)  # a warning on stderr is no report
            with image.open(source, formats=_DECODERS) as picture:
                width, height = picture.size
                if width * height > MAX_PIXELS:
                    return BrokenPicture(site_path, _too_large(f"gambar '{site_path}'", (width, height)))
                if width < 1 or height < 1:
                    return BrokenPicture(site_path, f"gambar '{site_path}' {DAMAGED}")
                if _cut_short(source, picture):
                    return BrokenPicture(site_path, f"gambar '{site_path}' {CUT_SHORT}")
    except (image.DecompressionBombWarning, image.DecompressionBombError):
        return BrokenPicture(site_path, _too_large(f"gambar '{site_path}'"))
    except image.UnidentifiedImageError:
        return BrokenPicture(site_path, f"berkas '{site_path}' bukan gambar JPEG, PNG atau WebP yang dapat dibaca; "
                                        "buka fotonya lalu simpan ulang sebagai JPEG")
    except Exception:  # noqa: BLE001 - Pillow's plugins raise OSError, SyntaxError, ValueError, struct.error...
        return BrokenPicture(site_path, f"gambar '{site_path}' {DAMAGED}")
    own_format = _FORMATS[source.suffix.casefold()]
    relative = _relative(site_path) or source.name
    stem, extension = relative.rsplit(".", 1)
    base = f"/{stem}-{extension}"  # the extension too: foto.jpg and foto.png must not share foto-800w.webp
    widths = [w for w in VARIANT_WIDTHS if w < width] + ([min(width, VARIANT_WIDTHS[-1])] if width <= VARIANT_WIDTHS[-1] else [])
    widths = sorted(set(widths or [width]))
    variants = []
    for variant_width in widths:
        variant_height = max(1, round(height * variant_width / width))
        for kind in dict.fromkeys((own_format, "WEBP")):
            variants.append(Variant(f"{base}-{variant_width}w{_EXTENSIONS[kind]}", variant_width, variant_height, kind,
                                    source, signature))
    return ImageSet(site_path, width, height, tuple(variants))


# Encoder settings per format, as keyword arguments of Pillow's Image.save.
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "WEBP": {"quality": 80, "method": 4},
    "PNG": {"optimize": True},
}


def resize(variant: Variant) -> bytes:
    """The variant's bytes: deterministic for the same source and Pillow version.

    Raises PictureFailure, never Pillow's own exceptions or warnings, when the pixels cannot be decoded:
    damage that the header did not show, or a file replaced since it was described."""
    image = _pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", image.DecompressionBombWarning)
            with image.open(variant.source, formats=_DECODERS) as picture:
                if picture.size[0] * picture.size[1] > MAX_PIXELS:
                    raise PictureFailure(variant.source, _too_large("gambar ini", picture.size))
                picture.load()
                if variant.format == "JPEG" and picture.mode not in ("RGB", "L"):
                    picture = picture.convert("RGB")
                elif picture.mode == "P":
                    picture = picture.convert("RGBA")
                resized = picture.resize((variant.width, variant.height), image.Resampling.LANCZOS)
    except PictureFailure:
        raise
    except (image.DecompressionBombWarning, image.DecompressionBombError):
        raise PictureFailure(variant.source, _too_large("gambar ini")) from None
    except Exception as error:  # noqa: BLE001 - OSError 'image file is truncated', SyntaxError, ValueError, zlib, struct...
        cut_short = isinstance(error, OSError) and "truncated" in str(error)
        raise PictureFailure(variant.source, f"gambar ini {CUT_SHORT if cut_short else DAMAGED}") from None
    buffer = io.BytesIO()
    resized.save(buffer, variant.format, **_SAVE_OPTIONS[variant.format])
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


def rewrite_body(html: str, base_path: str, library: ImageLibrary,
                 url: Callable[[str], str]) -> tuple[str, tuple[ImageSet, ...], tuple[BrokenPicture, ...]]:
    """Replace local raster <img> elements with responsive <picture>s; every other image gets lazy loading.
    Also returns the pictures that cannot be used, for the caller to report."""
    sets: list[ImageSet] = []
    broken: list[BrokenPicture] = []

    def replace(match: re.Match[str]) -> str:
        attributes = {name: unescape(value) for name, value in _ATTRIBUTE.findall(match.group(0))}
        src, alt = attributes.get("src", ""), attributes.get("alt", "")
        site_path = "/" + src[len(base_path):] if src.startswith(base_path) else None
        image = library.image_set(site_path) if site_path else None
        if isinstance(image, BrokenPicture):
            broken.append(image)
            image = None
        if image is None:
            return match.group(0)[:-1].rstrip("/ ") + ' loading="lazy" decoding="async">'
        sets.append(image)
        return picture_html(image, alt, url, lazy=True)

    return _IMG.sub(replace, html), tuple(sets), tuple(broken)
