"""Reading writers' files into typed posts and pages.

This is the edge of the system: every Markdown file is decoded, its front
matter parsed with line numbers, and every field checked against its type and
the site's data. All problems are collected (never the first one only) and
reported as `path:line: message`. What comes out is trusted by the core.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from functools import partial
from typing import Any

from warta.characters import blank, readable, remove_invisible, visible
from warta.data import OTHER_KIND, Agency, AgencyDirectory, SiteData, Stage
from warta.dates import Moment, long_date, parse_moment
from warta.diagnostics import Diagnostic, Diagnostics, did_you_mean
from warta.fingerprint import digest_text
from warta.images import BrokenPicture, ImageLibrary, ImageSet, body_images, rewrite_body
from warta.kinds import rules_for
from warta.markdown_html import plain_summary
from warta.registry import CLOSED, DIRECTORY, NEWS_ONLY, TAGS, Collection, Registry, Taxonomy, entry_url
from warta.scaffold import yaml_list
from warta.slugs import is_plain_slug, make_slug, slug_from_filename
from warta.sources import SourceDocument

POST_KEYS = ("title", "date", "tahapan", "lembaga", "tags", "summary", "image", "image_alt", "image_caption", "slug", "draft",
             "updated", "author")
PAGE_KEYS = ("title", "summary", "slug", "draft", "updated", "menu")
# Top-level paths the site itself uses; a standalone page may not take them.
# Words writers use for the front-matter keys, which are English: 'judul:' means 'title:'.
# Keys are compared in lower case with spaces and hyphens as underscores.
KEY_WORDS = {
    "judul": "title", "tajuk": "title",
    "tanggal": "date", "tgl": "date", "waktu": "date",
    "ringkasan": "summary", "rangkuman": "summary", "deskripsi": "summary",
    "gambar": "image", "foto": "image", "gambar_utama": "image",
    "keterangan_gambar": "image_alt", "alt_gambar": "image_alt", "teks_alternatif": "image_alt", "alt": "image_alt",
    "caption": "image_caption", "takarir": "image_caption", "keterangan_foto": "image_caption",
    "penulis": "author", "pengarang": "author", "wartawan": "author",
    "label": "tags", "tag": "tags", "kata_kunci": "tags", "tagar": "tags",
    "diperbarui": "updated", "diperbaharui": "updated", "pembaruan": "updated",
    "konsep": "draft", "draf": "draft",
}


@dataclass(frozen=True)
class Tag:
    """A term of a free taxonomy (a tag, or one of a taxonomy the site declares) as an item names it."""

    slug: str
    name: str
    taxonomy: str = TAGS

    @property
    def url(self) -> str:
        return entry_url(self.taxonomy, self.slug)


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
    image_set: ImageSet | None = None  # variants of the featured image, when it is a local raster picture
    images: tuple[ImageSet, ...] = ()  # every local picture the post shows, for the build to resize
    kind: str = "berita"  # the collection (see registry.py)
    url: str = ""  # the site path of its page, '/berita/<slug>/'
    details: Any = None  # what its kind adds to news (see warta/kinds/), a frozen dataclass or None
    dated: bool = True  # `date` was written: a future one holds the item back (an agenda item may go without)
    custom_terms: tuple[tuple[str, tuple[Tag, ...]], ...] = ()  # terms of the site's own taxonomies, by name
    image_caption: str | None = None  # shown under the featured image; `image_alt` describes it for screen readers
    # Everything above, with the Markdown's hash standing for the body (see `make_post`).
    fingerprint: str = ""

    def labels(self, taxonomy: Taxonomy) -> tuple[Any, ...]:
        """The terms of `taxonomy` this item is filed under; each has `slug`, `name` and `url`."""
        if taxonomy.vocabulary == CLOSED:
            return self.stages
        if taxonomy.vocabulary == DIRECTORY:
            return self.agencies
        if taxonomy.builtin:
            return self.tags
        return next((terms for name, terms in self.custom_terms if name == taxonomy.name), ())

    @property
    def sort_key(self) -> tuple:
        """Newest first; the same moment is ordered by title A-Z, then slug."""
        return (-self.date.value.timestamp(), self.title.casefold(), self.slug)


_FINGERPRINTED = tuple(f.name for f in fields(Post) if f.name not in ("body_html", "words", "fingerprint"))


def make_post(body_key: str, **values: object) -> Post:
    """A Post with its fingerprint: the repr of its fields (deterministic for these frozen dataclasses,
    datetimes and strings, and much faster than walking them) plus the hash of its Markdown."""
    described = repr(tuple(values.get(name) for name in _FINGERPRINTED))
    return Post(**values, fingerprint=digest_text(body_key + "\x1f" + described))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Page:
    source: str
    slug: str
    title: str
    summary: str
    updated: Moment | None
    menu: str | None
    body_html: str
    images: tuple[ImageSet, ...] = ()


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


@dataclass(frozen=True)
class AgencyMention:
    """A post naming an agency that the data files do not list (reported once per agency, see `assemble_content`)."""

    name: str
    slug: str
    source: str
    line: int


@dataclass(frozen=True)
class Checked:
    """One document after validation: what it became, and what was said about it."""

    document: SourceDocument
    item: Post | Page | None
    draft: bool
    problems: tuple[Diagnostic, ...]
    unknown_agencies: tuple[AgencyMention, ...] = ()


@dataclass(frozen=True)
class Media:
    """Where pictures are found and how links to them are written."""

    library: ImageLibrary
    base_path: str = "/"

    def url(self, site_path: str) -> str:
        return self.base_path + site_path.lstrip("/")


def check_post(document: SourceDocument, data: SiteData, media: Media | None = None,
               collection: Collection | None = None, registry: Registry = NEWS_ONLY) -> Checked:
    own = Diagnostics()
    unknown: list[AgencyMention] = []
    post, draft = read_post(document, data, own, media, unknown, collection, registry)
    return Checked(document, post, draft, tuple(own.items), tuple(unknown))


def check_page(document: SourceDocument, media: Media | None = None, registry: Registry = NEWS_ONLY) -> Checked:
    own = Diagnostics()
    page, draft = read_page(document, own, media, registry)
    return Checked(document, page, draft, tuple(own.items))


def assemble_content(posts_checked: list[Checked], pages_checked: list[Checked], rules: ContentRules,
                     agencies: AgencyDirectory, diagnostics: Diagnostics, registry: Registry = NEWS_ONLY) -> Content:
    """Drafts and future items set aside, duplicate slugs caught, unknown agencies reported, newest first."""
    posts: list[Post] = []
    pages: list[Page] = []
    drafts = future = 0
    for checked in posts_checked:
        diagnostics.items.extend(checked.problems)
        post = checked.item
        if not isinstance(post, Post):
            continue
        if checked.draft and not rules.drafts:
            drafts += 1
        elif post.dated and post.date.value > rules.now and not rules.future:
            future += 1
            noun = registry.collection(post.kind).title.casefold()
            diagnostics.warning(checked.document.shown, _key_line(checked.document, "date"),
                                f"tanggal {long_date(post.date)} masih di masa depan; {noun} ini dilewati "
                                "(pakai --future untuk menampilkannya)")
        else:
            posts.append(post)
    for checked in pages_checked:
        diagnostics.items.extend(checked.problems)
        if not isinstance(checked.item, Page):
            continue
        if checked.draft and not rules.drafts:
            drafts += 1
        else:
            pages.append(checked.item)
    kept: list[Post] = []
    for collection in registry.collections:
        same_kind = [post for post in posts if post.kind == collection.name]
        _report_duplicate_slugs(same_kind, collection.title.casefold(), diagnostics)
        kept.extend(same_kind)
    posts = kept
    _report_duplicate_slugs(pages, "halaman", diagnostics)
    report_unknown_agencies(posts_checked, agencies, diagnostics)
    posts.sort(key=lambda p: p.sort_key)
    pages.sort(key=lambda p: p.slug)
    return Content(tuple(posts), tuple(pages), drafts, future)


def _key_line(document: SourceDocument, key: str) -> int:
    return document.meta.key_lines.get(key, document.opening_line) if document.meta is not None else 1


def _use_key(key: str) -> str:
    """The advice for another word for `key`: news keys are English, a kind's own keys Indonesian."""
    if key in _ENGLISH_KEYS:
        return f"gunakan '{key}' (kunci front matter berbahasa Inggris)"
    return f"gunakan '{key}'"


_ENGLISH_KEYS = frozenset(KEY_WORDS.values())


def _open(document: SourceDocument, known: tuple[str, ...], required: tuple[str, ...],
          diagnostics: Diagnostics, words: Mapping[str, str] | None = None) -> FieldReader | None:
    """Report what parsing found; a reader for the front matter when there is one."""
    for line, message in document.problems:
        diagnostics.error(document.shown, line, message)
    for line, message in document.notes:
        diagnostics.warning(document.shown, line, message)
    if document.meta is None:
        return None
    for key, line in document.duplicate_keys:
        diagnostics.warning(document.shown, line, f"kunci '{key}' ditulis lebih dari sekali; yang terakhir dipakai")
    reader = FieldReader(document, diagnostics, known, required, words)
    reader.warn_unknown(known)
    return reader


class FieldReader:
    """Typed access to one document's front matter, reporting each problem at its key's line."""

    def __init__(self, document: SourceDocument, diagnostics: Diagnostics, known: tuple[str, ...],
                 required: tuple[str, ...], words: Mapping[str, str] | None = None):
        self.document = document
        assert document.meta is not None  # see `_open`
        self.meta = document.meta
        self.diagnostics = diagnostics
        self.failed = False
        self.required = required
        # Unknown keys that are another word for a known one ('judul' for 'title'), to that key; a kind's own
        # words (`words`: 'lokasi' for 'tempat') come first ('tanggal' is an event's 'mulai', not its 'date').
        self.meant: dict[object, str] = {}
        for key in self.meta:
            spelled = "_".join(str(key).casefold().replace("-", " ").split())
            meant = (words or {}).get(spelled) or KEY_WORDS.get(spelled)
            if key not in known and meant in known:
                self.meant[key] = meant

    def missing(self, key: str, example: str = "") -> None:
        """A required `key` is absent: said at the line of the word the writer used for it, if any."""
        written = next((k for k, meant in self.meant.items() if meant == key), None)
        if written is None:
            self.error(key, f"'{key}' wajib diisi{example}")
        else:
            self.error(key, f"'{key}' wajib diisi; kunci '{written}' tidak dikenal: {_use_key(key)}",
                       self.meta.line_of(written))

    @property
    def shown(self) -> str:
        return self.document.shown

    def line(self, key: str) -> int:
        """The line of `key`; for a missing key, the opening '---' of the front matter."""
        return _key_line(self.document, key)

    def error(self, key: str, message: str, line: int | None = None) -> None:
        """An error at `line`, by default the line of `key`."""
        self.failed = True
        self.diagnostics.error(self.shown, line or self.line(key), message)

    def warning(self, key: str, message: str, line: int | None = None) -> None:
        self.diagnostics.warning(self.shown, line or self.line(key), message)

    def warn_unknown(self, known: tuple[str, ...]) -> None:
        for key in self.meta:
            if key in known:
                continue
            meant = self.meant.get(key)
            if meant is None:
                self.warning(key, f"kunci '{key}' tidak dikenal dan diabaikan{did_you_mean(str(key), known)}")
            elif meant in self.meta or meant not in self.required:
                self.warning(key, f"kunci '{key}' tidak dikenal dan diabaikan; {_use_key(meant)}")
            # else: the missing required key is reported at this line (see `missing`)
        for key, line, comment in self.meta.comments:
            if self.meta.get(key) not in (None, ""):
                self.diagnostics.warning(self.shown, line, f"teks '{comment}' dibaca sebagai komentar dan dibuang; "
                                         "apit seluruh nilai dengan tanda kutip jika tanda # bagian dari isi")

    def text(self, key: str, required: bool = False, example: str = "") -> str | None:
        """The text of `key`, spaces collapsed; None when absent or blank (reported, with `example`, if required)."""
        value = self.meta.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            value = readable(value)
        if value is None or (isinstance(value, str) and blank(value)):
            comment = next((text for k, _, text in self.meta.comments if k == key), None)
            if comment:
                self.error(key, f"'{key}' kosong karena teks '{comment}' dibaca sebagai komentar; "
                                "apit seluruh nilai dengan tanda kutip, misalnya title: \"#KawalPilkada Apel Siaga\"")
            elif required:
                self.missing(key, example)
            return None
        if not isinstance(value, str):
            self.error(key, f"'{key}' harus berupa teks")
            return None
        return value

    def items(self, key: str) -> list[tuple[object, int]]:
        """The items of the list under `key`, each with its own line; a single value is a one-item list."""
        value = self.meta.get(key)
        if not isinstance(value, list):
            return [(value, self.line(key))]
        lines = getattr(value, "item_lines", ())
        return [(item, lines[n] if n < len(lines) else self.line(key)) for n, item in enumerate(value)]

    def words(self, key: str, spelled: Callable[[str], str] = str,
              whole: Callable[[str], bool] = lambda name: False, noun: str | None = None) -> list[tuple[str, int]]:
        """A list of names, each with its line (an item's own line in a list); a single string counts as a
        one-item list. Commas separate names even without brackets ("lembaga: KPU, Bawaslu"), with a warning
        that shows the list written out (`spelled` gives each name as it should be written), unless
        `whole(name)` says the name with its comma is one known name."""
        value = self.meta.get(key)
        if value is None:
            return []
        names: list[tuple[str, int]] = []
        for item, line in self.items(key):
            if isinstance(item, str):
                item = readable(item)
            if isinstance(item, (str, int, float)) and not isinstance(item, bool) and not blank(str(item)):
                name = str(item)
                parts = [name] if whole(name) else [p.strip() for p in name.split(",") if p.strip()]
                if len(parts) > 1:
                    self._warn_commas(key, name, parts, line, isinstance(value, list), spelled, noun or key)
                names.extend((part, line) for part in parts)
            elif item is None or isinstance(item, str):
                self.error(key, f"ada isi '{key}' yang kosong; jika isinya diawali tanda #, apit dengan tanda kutip, "
                                f"misalnya - \"#KawalPilkada\"", line)
            else:
                self.error(key, f"setiap isi '{key}' harus berupa teks", line)
        return names

    def _warn_commas(self, key: str, name: str, parts: list[str], line: int, in_list: bool,
                     spelled: Callable[[str], str], noun: str) -> None:
        if in_list:
            listed = " dan ".join(f"'{part}'" for part in parts)
            self.warning(key, f"isi '{name}' memuat koma; dibaca sebagai {len(parts)} {noun}: {listed}", line)
        else:
            written = yaml_list(tuple(spelled(part) for part in parts))
            self.warning(key, f"{key} ditulis tanpa kurung siku; dibaca sebagai {len(parts)} {noun}. "
                              f"Tulis: {key}: {written}", line)

    def moment(self, key: str, required: bool = False, example: str = "") -> Moment | None:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                self.missing(key, example or f", misalnya {key}: 2024-08-13")
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
            self.error(key, f"'{key}' harus ditulis true atau false (tanpa tanda kutip), bukan '{value}'")
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
            self.error("slug", f"slug '{visible(given)}' tidak valid: hanya huruf kecil, angka dan tanda hubung{hint}")
            return None
        return given


def item_keys(registry: Registry, own: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The front-matter keys of an item: news keys with every taxonomy's, then its kind's own."""
    return ("title", "date", *(t.key for t in registry.taxonomies), *POST_KEYS[5:], *own)


def read_post(document: SourceDocument, data: SiteData, diagnostics: Diagnostics,
              media: Media | None = None, unknown_agencies: list[AgencyMention] | None = None,
              collection: Collection | None = None, registry: Registry = NEWS_ONLY) -> tuple[Post | None, bool]:
    """The validated item of kind `collection` (news by default) and whether it is a draft; (None, False)
    after reporting problems.

    Agencies the data does not list go to `unknown_agencies`: they are reported once per agency for
    the whole site, not here for each post.
    """
    collection = collection or registry.collections[0]
    rules = rules_for(collection.name)
    required = ("title", "date") if rules.date_required else ("title",)
    reader = _open(document, item_keys(registry, rules.keys), required + rules.required, diagnostics,
                   rules.key_words)
    if reader is None:
        return None, False
    title = reader.text("title", required=True)
    date = reader.moment("date", required=rules.date_required)
    updated = reader.moment("updated")
    stages: tuple[Stage, ...] = ()
    agencies: tuple[Agency, ...] = ()
    tags: tuple[Tag, ...] = ()
    custom: list[tuple[str, tuple[Tag, ...]]] = []
    for taxonomy in registry.taxonomies:
        if taxonomy.vocabulary == CLOSED:
            stages = _stages(reader, data)
        elif taxonomy.vocabulary == DIRECTORY:
            agencies = _agencies(reader, data, unknown_agencies if unknown_agencies is not None else [])
        elif taxonomy.builtin:
            tags = _tags(reader, taxonomy)
        else:
            found = _tags(reader, taxonomy)
            if found:
                custom.append((taxonomy.name, found))
    details = rules.read(reader, media)
    dated = date is not None
    if date is None and not rules.date_required:
        date = rules.undated(details)
    summary = reader.text("summary")
    image = reader.text("image")
    image_alt = reader.text("image_alt")
    image_set = None
    if image and media is not None and not image.startswith(("http://", "https://")):
        image = "/" + image.lstrip("/")
        if media.library.find(image) is None:
            reader.error("image", media.library.missing("gambar", image, lambda near: f"image: {near}"))
        else:
            described = media.library.image_set(image)
            if isinstance(described, BrokenPicture):
                reader.error("image", described.message)
            else:
                image_set = described
    if image and not image_alt:
        reader.error("image",
                     "'image' dipakai tanpa 'image_alt': tambahkan image_alt berisi keterangan gambar untuk pembaca tunanetra")
    image_caption = reader.text("image_caption")
    if image_caption and not image:
        reader.warning("image_caption", "'image_caption' diabaikan karena tidak ada 'image' (gambar utama): "
                                        "keterangan foto hanya tampil di bawah gambar utama")
        image_caption = None
    author = reader.text("author")
    draft = reader.flag("draft")
    fallback = slug_from_filename(document.path.stem) or make_slug(title or "")
    slug = reader.slug(fallback)
    if document.body is None:
        return None, False
    body = document.body
    body_html, pictures = _pictures(document, body.html, media, reader)
    if reader.failed or title is None or date is None or slug is None:
        return None, False
    return make_post(
        document.key,
        source=reader.shown,
        slug=slug,
        title=title,
        date=date,
        updated=updated,
        stages=stages,
        agencies=agencies,
        tags=tags,
        summary=summary or plain_summary(remove_invisible(body.first_paragraph)),
        image=image,
        image_alt=image_alt,
        author=author,
        body_html=body_html,
        words=body.words,
        image_set=image_set,
        images=((image_set,) if image_set else ()) + pictures,
        kind=collection.name,
        url=collection.item_url(slug),
        details=details,
        dated=dated,
        custom_terms=tuple(custom),
        image_caption=image_caption,
    ), draft


def read_page(document: SourceDocument, diagnostics: Diagnostics, media: Media | None = None,
              registry: Registry = NEWS_ONLY) -> tuple[Page | None, bool]:
    reader = _open(document, PAGE_KEYS, ("title",), diagnostics)
    if reader is None:
        return None, False
    title = reader.text("title", required=True)
    summary = reader.text("summary")
    updated = reader.moment("updated")
    menu = reader.text("menu")
    draft = reader.flag("draft")
    slug = reader.slug(slug_from_filename(document.path.stem))
    if slug in registry.taken_paths():
        reader.error("slug", f"slug halaman '{slug}' sudah dipakai untuk /{slug}/ milik situs; pilih slug lain")
    if document.body is None:
        return None, False
    body = document.body
    body_html, pictures = _pictures(document, body.html, media, reader)
    if reader.failed or title is None or slug is None:
        return None, False
    summary = summary or plain_summary(remove_invisible(body.first_paragraph))
    return Page(document.shown, slug, title, summary, updated, menu, body_html, pictures), draft


def _pictures(document: SourceDocument, html: str, media: Media | None,
              reader: FieldReader) -> tuple[str, tuple[ImageSet, ...]]:
    """Check the body's pictures (alt text, file present) and make the local ones responsive."""
    if media is None:
        return html, ()
    for image in body_images(html):
        local = image.src.startswith(media.base_path) and not image.src.startswith("//")
        written = "/" + image.src[len(media.base_path):] if local else image.src  # as the writer typed it
        line = None
        if not image.src.startswith(("/", "http://", "https://", "data:")):
            line = _source_line(document, written)
            reader.diagnostics.error(document.shown, line,
                                     f"alamat gambar '{written}' harus diawali /, misalnya /{written.removeprefix('static/')}")
            reader.failed = True
            continue
        if not image.alt or not image.alt.strip():
            line = line or _source_line(document, written)
            reader.diagnostics.error(document.shown, line, f"gambar '{written}' tanpa teks alternatif: tulis "
                                     f"![keterangan gambar]({written}) agar pembaca tunanetra tahu isinya")
            reader.failed = True
        if local and media.library.find(written) is None:
            line = line or _source_line(document, written)
            alt = image.alt or "keterangan gambar"
            reader.diagnostics.error(document.shown, line, media.library.missing(
                "gambar", written, partial("![{}]({})".format, alt)))
            reader.failed = True
    html, pictures, broken = rewrite_body(html, media.base_path, media.library, media.url)
    for picture in broken:
        reader.diagnostics.error(document.shown, _source_line(document, picture.src), picture.message)
        reader.failed = True
    return (html, pictures) if not reader.failed else (html, ())


def _source_line(document: SourceDocument, src: str) -> int:
    """The line of the file where a picture is written (looked up only when reporting a problem)."""
    try:
        lines = document.path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    plain = src.split("/", 1)[-1] if src.startswith("/") else src
    for needle in (f"]({src}", f'src="{src}"', src, plain):  # Markdown image, raw HTML, then any mention
        found = next((n for n, line in enumerate(lines, 1) if needle and needle in line), None)
        if found:
            return found
    return 1


def _stages(reader: FieldReader, data: SiteData) -> tuple[Stage, ...]:
    found: list[Stage] = []
    slugs = [s.slug for s in data.stages]
    for name, line in reader.words("tahapan", spelled=lambda name: stage.slug if (stage := data.stage(name)) else name,
                                   noun="tahapan"):
        stage = data.stage(name)
        if stage is None:
            reader.error("tahapan", f"tahapan '{name}' tidak dikenal{did_you_mean(make_slug(name) or name, slugs)}", line)
        elif stage not in found:
            found.append(stage)
    return tuple(sorted(found, key=lambda s: s.position))


def _agencies(reader: FieldReader, data: SiteData, unknown: list[AgencyMention]) -> tuple[Agency, ...]:
    found: list[Agency] = []
    # A name is split at its commas before it is looked up, unless the whole name (comma included) is known.
    for name, line in reader.words("lembaga", whole=lambda name: data.agencies.resolve(name) is not None, noun="lembaga"):
        agency = data.agencies.resolve(name)
        if agency is None:
            slug = make_slug(name)
            if not slug:
                reader.error("lembaga", f"nama lembaga '{name}' tidak dapat dijadikan alamat halaman", line)
                continue
            if all(m.slug != slug for m in unknown):
                unknown.append(AgencyMention(name, slug, reader.shown, line))
            agency = Agency(slug, name, OTHER_KIND, known=False)
        if agency.slug not in {a.slug for a in found}:
            found.append(agency)
    return tuple(found)


PLACES_SHOWN = 3  # places listed in an unknown agency's warning; the rest are counted


def report_unknown_agencies(checked: list[Checked], agencies: AgencyDirectory, diagnostics: Diagnostics) -> None:
    """One warning per agency that the data does not list, however many posts name it, at its first mention.

    Built from the facts each post carries (no file is read again), so the live preview redoes it
    cheaply after every edit; the hint for each name is worked out once (see agency_hints.py).
    """
    by_slug: dict[str, list[AgencyMention]] = {}
    for item in checked:
        for mention in item.unknown_agencies:
            by_slug.setdefault(mention.slug, []).append(mention)
    for mentions in by_slug.values():
        mentions.sort(key=lambda m: (m.source, m.line))
        spellings = Counter(m.name for m in mentions)
        name = min(spellings, key=lambda n: (-spellings[n], n))  # as the site's pages spell it (model.py)
        others = sorted(set(spellings) - {name})
        also = " (juga ditulis " + ", ".join(f"'{o}'" for o in others) + ")" if others else ""
        posts = len({m.source for m in mentions})
        places = [f"{m.source}:{m.line}" for m in mentions[:PLACES_SHOWN]]
        if len(mentions) > PLACES_SHOWN:
            places.append(f"dan {len(mentions) - PLACES_SHOWN} lainnya")
        used = f"dipakai {posts} berita: {', '.join(places)}" if posts > 1 else "dipakai 1 berita"
        hint = next((h for h in map(agencies.suggest, (name, *others)) if h), None)
        advice = f"mungkin maksud Anda '{hint}'?" if hint else "tambahkan ke data/lembaga.yaml agar punya nama resmi dan jenis"
        first = mentions[0]
        diagnostics.warning(first.source, first.line,
                            f"lembaga '{name}'{also} belum ada di data/lembaga.yaml ({used}); {advice}")


def _tags(reader: FieldReader, taxonomy: Taxonomy) -> tuple[Tag, ...]:
    found: dict[str, Tag] = {}
    for name, line in reader.words(taxonomy.key, noun=taxonomy.noun):
        slug = make_slug(name)
        if not slug:
            reader.warning(taxonomy.key, f"{taxonomy.noun} '{name}' tidak berisi huruf atau angka; diabaikan", line)
        else:
            found.setdefault(slug, Tag(slug, name, taxonomy.name))
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
            diagnostics.error(source, 1,
                              f"slug {kind} '{slug}' juga dipakai oleh {others}; setiap {kind} harus punya slug sendiri")
    documents[:] = [d for d in documents if len(by_slug[d.slug]) == 1]
