"""Reading writers' files into typed posts and pages.

This is the edge of the system: every Markdown file is decoded, its front
matter parsed with line numbers, and every field checked against its type and
the site's data. All problems are collected (never the first one only) and
reported as `path:line: message`. What comes out is trusted by the core.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

import frontmatter

from warta.data import OTHER_KIND, Agency, SiteData, Stage
from warta.dates import Moment, parse_moment
from warta.diagnostics import Diagnostics, did_you_mean
from warta.layout import SiteLayout
from warta.markdown_html import MarkdownConverter, plain_summary
from warta.slugs import is_plain_slug, make_slug, slug_from_filename
from warta.yamlsource import LineMap, YamlProblem, parse_yaml

POST_KEYS = ("title", "date", "tahapan", "lembaga", "tags", "summary", "image", "image_alt", "slug", "draft", "updated", "author")
PAGE_KEYS = ("title", "summary", "slug", "draft", "updated", "menu")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Top-level paths the site itself uses; a standalone page may not take them.
RESERVED_PAGE_SLUGS = ("berita", "tahapan", "lembaga", "tag", "arsip", "halaman", "css")
# Files that editors and operating systems leave behind; never worth a warning.
_JUNK = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str


@dataclass(frozen=True)
class Post:
    source: str
    slug: str
    title: str
    date: Moment
    updated: Moment | None
    stages: tuple[Stage, ...]
    agencies: tuple[Agency, ...]
    tags: tuple[Tag, ...]
    summary: str
    image: str | None
    image_alt: str | None
    author: str | None
    body_html: str
    words: int

    @property
    def sort_key(self) -> tuple:
        """Newest first; the same moment is ordered by title A-Z, then slug."""
        return (-self.date.value.timestamp(), self.title.casefold(), self.slug)


@dataclass(frozen=True)
class Page:
    source: str
    slug: str
    title: str
    summary: str
    updated: Moment | None
    menu: str | None
    body_html: str


@dataclass(frozen=True)
class ContentRules:
    """What gets published: drafts and future posts only on request."""

    drafts: bool
    future: bool
    now: datetime


@dataclass(frozen=True)
class Content:
    posts: tuple[Post, ...]
    pages: tuple[Page, ...]
    skipped_drafts: int
    skipped_future: int


@dataclass
class _Document:
    path: Path
    shown: str
    meta: LineMap
    body: str
    opening_line: int


def read_content(layout: SiteLayout, data: SiteData, rules: ContentRules, converter: MarkdownConverter, diagnostics: Diagnostics) -> Content:
    posts: list[Post] = []
    pages: list[Page] = []
    drafts = future = 0
    for path in _markdown_files(layout.posts_dir, layout, diagnostics):
        document = _read_document(path, layout, diagnostics)
        if document is None:
            continue
        reader = _FieldReader(document, diagnostics)
        reader.warn_unknown(POST_KEYS)
        post = _read_post(reader, data, converter)
        if post is None:
            continue
        if reader.flag("draft") and not rules.drafts:
            drafts += 1
        elif post.date.value > rules.now and not rules.future:
            future += 1
            reader.warning("date", f"tanggal {post.date.iso()} masih di masa depan; berita ini dilewati (pakai --future untuk menampilkannya)")
        else:
            posts.append(post)
    for path in _markdown_files(layout.pages_dir, layout, diagnostics):
        document = _read_document(path, layout, diagnostics)
        if document is None:
            continue
        reader = _FieldReader(document, diagnostics)
        reader.warn_unknown(PAGE_KEYS)
        page = _read_page(reader, converter)
        if page is not None and not (reader.flag("draft") and not rules.drafts):
            pages.append(page)
    _report_duplicate_slugs(posts, "berita", diagnostics)
    _report_duplicate_slugs(pages, "halaman", diagnostics)
    posts.sort(key=lambda p: p.sort_key)
    pages.sort(key=lambda p: p.slug)
    return Content(tuple(posts), tuple(pages), drafts, future)


def _markdown_files(folder: Path, layout: SiteLayout, diagnostics: Diagnostics) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        name = path.name
        if not path.is_file() or name.startswith((".", "~$", "_")) or name.endswith("~") or name.casefold() in _JUNK:
            continue
        if path.suffix.casefold() in MARKDOWN_SUFFIXES:
            yield path
        else:
            diagnostics.warning(layout.display(path), None, "bukan berkas Markdown (.md); dilewati")


def _read_document(path: Path, layout: SiteLayout, diagnostics: Diagnostics) -> _Document | None:
    shown = layout.display(path)
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        diagnostics.error(shown, 1, "berkas tersimpan sebagai UTF-16; simpan ulang dengan encoding UTF-8")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        diagnostics.error(shown, line, f"berkas bukan UTF-8 (byte 0x{byte:02x} tidak dikenali); simpan ulang dengan encoding UTF-8")
        return None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    stripped = text.lstrip()
    skipped_lines = text[: len(text) - len(stripped)].count("\n")
    handler = frontmatter.YAMLHandler()
    if not handler.detect(stripped):
        diagnostics.error(shown, 1, "tidak ada front matter: berkas harus diawali baris '---', lalu title: dan date:, lalu '---' lagi")
        return None
    try:
        front, body = handler.split(stripped)
    except ValueError:
        diagnostics.error(shown, skipped_lines + 1, "front matter tidak ditutup: tambahkan baris '---' setelah kunci terakhir")
        return None
    first_line = skipped_lines + stripped.count("\n", 0, stripped.find(front, 3)) + 1
    try:
        meta = parse_yaml(front, first_line)
    except YamlProblem as problem:
        diagnostics.error(shown, problem.line, problem.message)
        return None
    if meta is None:
        meta = parse_yaml("{}", first_line)
    if not isinstance(meta, LineMap):
        diagnostics.error(shown, first_line + 1, "front matter harus berisi baris kunci: nilai, misalnya title: Judul Berita")
        return None
    for key, line in meta.duplicate_keys:
        diagnostics.warning(shown, line, f"kunci '{key}' ditulis lebih dari sekali; yang terakhir dipakai")
    return _Document(path, shown, meta, body, skipped_lines + 1)


class _FieldReader:
    """Typed access to one document's front matter, reporting each problem at its key's line."""

    def __init__(self, document: _Document, diagnostics: Diagnostics):
        self.document = document
        self.meta = document.meta
        self.diagnostics = diagnostics
        self.failed = False

    @property
    def shown(self) -> str:
        return self.document.shown

    def line(self, key: str) -> int:
        """The line of `key`; for a missing key, the opening '---' of the front matter."""
        return self.meta.key_lines.get(key, self.document.opening_line)

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.diagnostics.error(self.shown, self.line(key), message)

    def warning(self, key: str, message: str) -> None:
        self.diagnostics.warning(self.shown, self.line(key), message)

    def warn_unknown(self, known: tuple[str, ...]) -> None:
        for key in self.meta:
            if key not in known:
                self.warning(key, f"kunci '{key}' tidak dikenal dan diabaikan{did_you_mean(str(key), known)}")

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.meta.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(key, f"'{key}' wajib diisi")
            return None
        if not isinstance(value, str):
            self.error(key, f"'{key}' harus berupa teks")
            return None
        return " ".join(value.split())

    def words(self, key: str) -> list[str]:
        """A list of names; a single string counts as a one-item list."""
        value = self.meta.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        names = []
        for item in items:
            if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
                names.append(" ".join(str(item).split()))
            elif item is not None:
                self.error(key, f"setiap isi '{key}' harus berupa teks")
        return names

    def moment(self, key: str, required: bool = False) -> Moment | None:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                self.error(key, f"'{key}' wajib diisi, misalnya {key}: 2024-08-13")
            return None
        try:
            return parse_moment(value)
        except ValueError as reason:
            self.error(key, f"'{key}' tidak valid: {reason}")
            return None

    def flag(self, key: str) -> bool:
        value = self.meta.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, f"'{key}' harus true atau false, bukan '{value}'")
            return False
        return value

    def slug(self, fallback: str) -> str | None:
        given = self.meta.get("slug")
        if given is None:
            return fallback or None
        given = str(given)
        if not is_plain_slug(given):
            suggestion = make_slug(given)
            hint = f" (misalnya '{suggestion}')" if suggestion else ""
            self.error("slug", f"slug '{given}' tidak valid: hanya huruf kecil, angka dan tanda hubung{hint}")
            return None
        return given


def _read_post(reader: _FieldReader, data: SiteData, converter: MarkdownConverter) -> Post | None:
    title = reader.text("title", required=True)
    date = reader.moment("date", required=True)
    updated = reader.moment("updated")
    stages = _stages(reader, data)
    agencies = _agencies(reader, data)
    tags = _tags(reader)
    summary = reader.text("summary")
    image = reader.text("image")
    image_alt = reader.text("image_alt")
    if image and not image_alt:
        reader.error("image", "'image' dipakai tanpa 'image_alt': tambahkan image_alt berisi keterangan gambar untuk pembaca tunanetra")
    author = reader.text("author")
    reader.flag("draft")
    fallback = slug_from_filename(reader.document.path.stem) or make_slug(title or "")
    slug = reader.slug(fallback)
    if reader.failed or title is None or date is None or slug is None:
        return None
    body = converter.convert(reader.document.body)
    return Post(
        source=reader.shown,
        slug=slug,
        title=title,
        date=date,
        updated=updated,
        stages=stages,
        agencies=agencies,
        tags=tags,
        summary=summary or plain_summary(body.first_paragraph),
        image=image,
        image_alt=image_alt,
        author=author,
        body_html=body.html,
        words=body.words,
    )


def _read_page(reader: _FieldReader, converter: MarkdownConverter) -> Page | None:
    title = reader.text("title", required=True)
    summary = reader.text("summary")
    updated = reader.moment("updated")
    menu = reader.text("menu")
    reader.flag("draft")
    slug = reader.slug(slug_from_filename(reader.document.path.stem))
    if slug in RESERVED_PAGE_SLUGS:
        reader.error("slug", f"slug halaman '{slug}' sudah dipakai untuk /{slug}/ milik situs; pilih slug lain")
    if reader.failed or title is None or slug is None:
        return None
    body = converter.convert(reader.document.body)
    return Page(reader.shown, slug, title, summary or plain_summary(body.first_paragraph), updated, menu, body.html)


def _stages(reader: _FieldReader, data: SiteData) -> tuple[Stage, ...]:
    found: list[Stage] = []
    slugs = [s.slug for s in data.stages]
    for name in reader.words("tahapan"):
        stage = data.stage(name) or data.stage(make_slug(name))
        if stage is None:
            reader.error("tahapan", f"tahapan '{name}' tidak dikenal{did_you_mean(name, slugs)}")
        elif stage not in found:
            found.append(stage)
    return tuple(sorted(found, key=lambda s: s.position))


def _agencies(reader: _FieldReader, data: SiteData) -> tuple[Agency, ...]:
    found: list[Agency] = []
    for name in reader.words("lembaga"):
        agency = data.agencies.resolve(name)
        if agency is None:
            slug = make_slug(name)
            if not slug:
                reader.error("lembaga", f"nama lembaga '{name}' tidak dapat dijadikan alamat halaman")
                continue
            suggestion = did_you_mean(name, data.agencies.names())
            reader.warning("lembaga", f"lembaga '{name}' belum ada di data/lembaga.yaml dan dibuatkan halaman sendiri{suggestion}")
            agency = Agency(slug, name, OTHER_KIND, known=False)
        if agency.slug not in {a.slug for a in found}:
            found.append(agency)
    return tuple(found)


def _tags(reader: _FieldReader) -> tuple[Tag, ...]:
    found: dict[str, Tag] = {}
    for name in reader.words("tags"):
        slug = make_slug(name)
        if not slug:
            reader.warning("tags", f"tag '{name}' tidak berisi huruf atau angka; diabaikan")
        else:
            found.setdefault(slug, Tag(slug, name))
    return tuple(found.values())


def _report_duplicate_slugs(documents: list, kind: str, diagnostics: Diagnostics) -> None:
    by_slug: dict[str, list] = {}
    for document in documents:
        by_slug.setdefault(document.slug, []).append(document)
    for slug, same in sorted(by_slug.items()):
        if len(same) < 2:
            continue
        sources = sorted(d.source for d in same)
        for source in sources:
            others = ", ".join(s for s in sources if s != source)
            diagnostics.error(source, 1, f"slug {kind} '{slug}' juga dipakai oleh {others}; setiap {kind} harus punya slug sendiri")
    documents[:] = [d for d in documents if len(by_slug[d.slug]) == 1]
