"""`warta new`: a new news post (or item of another kind) with its front matter filled in and checked.

The post is written to `content/berita/YYYY-MM-DD-<slug>.md`, dated today in
WIB unless another day is given; `--jenis cek-fakta` writes into
`content/cek-fakta/` instead, with the kind's own keys as placeholders
(`KindRules.scaffold_lines`). A kind is one the site has (see registry.py) or
one of Warta's own, whose folder is then created. Stages must exist in the site's data (an
unknown one is an error with a suggestion); agencies are written with their
canonical `nama`, and an unknown one is only a warning, as in the build,
because it gets its own page. Every value is written so that Warta's own
YAML reader gives back exactly what was asked for: plain where that is
safe, double-quoted otherwise (titles with ': ', ' #' or quotes).

The post starts as a draft (`draft: true`), because its body is placeholder
text that must never be published by accident; the command says so, and the
writer removes the line when the post is ready. Optional keys (summary,
author, image) are listed as comments for the writer. An existing file is
never overwritten.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from warta.characters import remove_invalid
from warta.config import load_config
from warta.data import SiteData, load_data
from warta.dates import WIB, Moment, long_date, now_wib
from warta.diagnostics import Diagnostics, did_you_mean
from warta.kinds import BUILTIN_KINDS, rules_for
from warta.layout import SiteLayout
from warta.limits import YEAR_MAX, YEAR_MIN
from warta.registry import NEWS, Registry, TemplateCheck, make_registry
from warta.slugs import make_slug, slug_from_filename
from warta.sources import MARKDOWN_SUFFIXES
from warta.yamlsource import LineMap, YamlProblem, parse_yaml

# Where problems with the command's own arguments are reported, like "--base-url" in the build.
TITLE_ARGUMENT = "JUDUL"
STAGE_OPTION = "--tahapan"
AGENCY_OPTION = "--lembaga"
TAG_OPTION = "--tags"
DATE_OPTION = "--date"
KIND_OPTION = "--jenis"

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # fullmatch
# Characters YAML cannot hold literally (or reads as line breaks); written as \u escapes inside double quotes.
_NOT_PRINTABLE = re.compile("[^\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLACE_PREFIX = re.compile(r"^(?:bawaslu|badan pengawas pemilihan umum)\b\s*", re.IGNORECASE)
PLACE_PLACEHOLDER = "[Tempat]"
# Printed after the path: the new post is not published until the writer removes `draft: true`.
DRAFT_NOTE = ("Berita ini masih draft dan belum akan terbit. Setelah selesai ditulis, "
              "hapus baris 'draft: true' di bagian atas berkas itu agar ikut terbit.")
# The same for an item of another kind ("Cek fakta ini ...").
_KIND_DRAFT_NOTE = ("{title} ini masih draft dan belum akan terbit. Setelah selesai ditulis, "
                    "hapus baris 'draft: true' di bagian atas berkas itu agar ikut terbit.")


@dataclass(frozen=True)
class NewPost:
    """What the writer asked for, as typed (names are resolved against the site's data)."""

    title: str
    site: str | os.PathLike[str] = "."
    stages: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    day: date | None = None  # None: today in WIB
    kind: str = NEWS  # the collection, as typed after --jenis


@dataclass(frozen=True)
class FrontMatter:
    """The values to write, already resolved to their canonical form."""

    title: str
    day: date
    stages: tuple[str, ...]  # stage slugs, in timeline order
    agencies: tuple[str, ...]  # canonical names (or the writer's spelling for an unknown agency)
    tags: tuple[str, ...]
    taxonomies: tuple[str, ...] = ()  # front-matter keys of the site's own taxonomies, written empty
    date_line: bool = True  # False for a kind whose items need no `date`
    kind_lines: tuple[str, ...] = ()  # the kind's own keys (KindRules.scaffold_lines)


@dataclass(frozen=True)
class Created:
    path: Path
    shown: str
    note: str = DRAFT_NOTE  # printed after the path


def split_names(values: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Repeated options and comma-separated lists alike: ['a, b', 'c'] -> ('a', 'b', 'c')."""
    names: list[str] = []
    for value in values or ():
        for part in value.split(","):
            name = _clean(part)
            if name and name not in names:
                names.append(name)
    return tuple(names)


def parse_day(text: str | None, diagnostics: Diagnostics) -> date | None:
    """The --date value; None (after reporting) when it is not a real YYYY-MM-DD day."""
    if text is None:
        return None
    try:
        if not _ISO_DAY.fullmatch(text.strip()):
            raise ValueError(text)
        day = date.fromisoformat(text.strip())
    except ValueError:
        diagnostics.error(DATE_OPTION, None, f"tanggal '{text}' tidak valid; tulis seperti 2024-08-13")
        return None
    if not YEAR_MIN <= day.year <= YEAR_MAX:  # the build would refuse the file
        diagnostics.error(DATE_OPTION, None, f"tahun {day.year} di luar rentang yang diterima ({YEAR_MIN} sampai {YEAR_MAX})")
        return None
    return day


def create_post(request: NewPost, diagnostics: Diagnostics) -> Created | None:
    """Write the new post; None (after reporting every problem) when nothing was written."""
    layout = SiteLayout.at(request.site)
    if not _looks_like_site(layout, diagnostics):
        return None
    title = _clean(request.title)
    slug = _title_slug(title, diagnostics)
    data_problems = Diagnostics()
    data = load_data(layout, data_problems)
    diagnostics.items.extend(data_problems.errors)  # a data file's warnings are not about this post
    stages = _stages(request.stages, data, diagnostics)
    agencies = _agencies(request.agencies, data, diagnostics)
    tags = _tags(request.tags, diagnostics)
    config = load_config(layout, Diagnostics())  # site.toml's own problems are the build's to report
    registry = make_registry(config.collections, config.taxonomies, layout.root / "content",
                             TemplateCheck(layout.template_dirs))
    kind = _kind(request.kind, registry, diagnostics)
    if diagnostics.has_errors or slug is None or kind is None:
        return None
    day = request.day or now_wib().date()
    rules, kind_title = rules_for(kind), _kind_title(kind, registry)
    folder = layout.root / "content" / kind
    path = folder / f"{day.isoformat()}-{slug}.md"
    shown = layout.display(path)
    if path.exists():
        diagnostics.error(shown, None,
                          "berkas ini sudah ada dan tidak ditimpa; sunting berkas itu, atau pakai judul atau --date lain")
        return None
    taken = _slug_taken_by(slug, folder)
    if taken is not None:
        noun = "berita" if kind == NEWS else "tulisan"
        diagnostics.error(shown, None, f"alamat /{kind}/{slug}/ sudah dipakai oleh {layout.display(taken)}; "
                                       f"ubah judulnya sedikit agar setiap {noun} punya alamat sendiri")
        return None
    site_title = config.title
    front = FrontMatter(title, day, stages, agencies, tags,
                        taxonomies=tuple(t.key for t in registry.custom_taxonomies),
                        date_line=rules.date_required, kind_lines=tuple(rules.scaffold_lines(day)))
    text = post_text(front, place_of(site_title), site_title)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:  # "x": never replace a file made meanwhile
            file.write(text)
    except FileExistsError:
        diagnostics.error(shown, None,
                          "berkas ini sudah ada dan tidak ditimpa; sunting berkas itu, atau pakai judul atau --date lain")
        return None
    return Created(path, shown, draft_note(kind, kind_title))


def draft_note(kind: str, title: str) -> str:
    """What `warta new` prints after the path: the item is not published until `draft: true` goes."""
    return DRAFT_NOTE if kind == NEWS else _KIND_DRAFT_NOTE.format(title=title[:1].upper() + title[1:].casefold())


def kind_names(registry: Registry) -> tuple[str, ...]:
    """The kinds `--jenis` accepts: Warta's own (a missing folder is created), then those the site declares."""
    return (*(rules.name for rules in BUILTIN_KINDS), *(c.name for c in registry.collections if not c.builtin))


def _kind(typed: str, registry: Registry, diagnostics: Diagnostics) -> str | None:
    name = typed.strip()
    names = kind_names(registry)
    if name in names:
        return name
    if name.casefold() in names:
        return name.casefold()
    shown = name or typed
    diagnostics.error(KIND_OPTION, None, f"jenis konten '{shown}' tidak dikenal; jenis yang ada: {', '.join(names)}"
                                         f"{did_you_mean(make_slug(shown) or shown, names)}")
    return None


def _kind_title(kind: str, registry: Registry) -> str:
    found = next((c for c in registry.collections if c.name == kind), None)
    return found.title if found is not None else rules_for(kind).title


def post_text(front: FrontMatter, place: str, site_title: str) -> str:
    """The whole Markdown file: front matter, hints for the optional keys, a short skeleton body."""
    dateline = long_date(Moment(datetime.combine(front.day, time(), WIB), False))
    lines = [
        "---",
        f"title: {yaml_scalar(front.title)}",
        *([f"date: {front.day.isoformat()}"] if front.date_line else []),
        f"tahapan: {yaml_list(front.stages)}",
        f"lembaga: {yaml_list(front.agencies)}",
        f"tags: {yaml_list(front.tags)}",
        *(f"{key}: []" for key in front.taxonomies),
        *front.kind_lines,
        "# Hapus baris draft: true di bawah ini jika berita sudah siap terbit.",
        "draft: true",
        "# Kunci pilihan: hapus tanda # di awal baris untuk memakainya.",
        "# summary: Ringkasan satu atau dua kalimat (jika kosong, paragraf pertama yang dipakai).",
        f"# author: Humas {site_title}",
        "# image: /gambar/nama-foto.jpg",
        "# image_alt: Keterangan foto untuk pembaca tunanetra",
        "# image_caption: Teks di bawah foto: siapa, di mana, kapan",
        "---",
        f"{place}, {dateline}. Tulis paragraf pembuka di sini: apa yang terjadi, siapa yang terlibat, kapan dan di mana.",
        "",
        "Tulis rincian kegiatan, kutipan narasumber dan hasilnya pada paragraf berikutnya.",
        "",
    ]
    return "\n".join(lines)


def yaml_scalar(text: str, in_list: bool = False) -> str:
    """`text` as a YAML value that Warta's reader turns back into exactly `text`.

    `text` holds no character that the reader refuses (see warta.characters); `_clean` removed them.
    """
    if text and _reads_back(text, text, in_list):
        return text
    quoted = '"' + "".join(_escape(char) for char in text) + '"'
    if not _reads_back(quoted, text, in_list):  # cannot happen for valid Unicode text; never write a wrong value
        raise ValueError(f"cannot write {text!r} as YAML")
    return quoted


def yaml_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(yaml_scalar(item, in_list=True) for item in items) + "]"


def _reads_back(written: str, expected: str, in_list: bool) -> bool:
    source = f"x: [{written}]" if in_list else f"x: {written}"
    try:
        parsed = parse_yaml(source)
    except YamlProblem:
        return False
    if not isinstance(parsed, LineMap) or parsed.comments or list(parsed) != ["x"]:
        return False
    return parsed["x"] == ([expected] if in_list else expected)


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if _NOT_PRINTABLE.match(char):
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def _clean(text: str) -> str:
    """NFC and single spaces, as the build reads front matter, without characters no page can carry."""
    return " ".join(unicodedata.normalize("NFC", remove_invalid(text)).split())


def _looks_like_site(layout: SiteLayout, diagnostics: Diagnostics) -> bool:
    if not layout.root.is_dir():
        diagnostics.error(layout.shown_root, None, "folder situs tidak ditemukan")
        return False
    if not layout.config_file.is_file() and not (layout.root / "content").is_dir():
        diagnostics.error(layout.shown_root, None, "bukan folder situs Warta (tidak ada site.toml atau folder content); "
                                                   "jalankan dari folder situs atau pakai --site FOLDER")
        return False
    return True


def _title_slug(title: str, diagnostics: Diagnostics) -> str | None:
    if not title:
        diagnostics.error(TITLE_ARGUMENT, None, "judul berita wajib diisi, misalnya: warta new \"Rakor Pengamanan Pilkada\"")
        return None
    try:
        title.encode("utf-8")
    except UnicodeEncodeError:
        diagnostics.error(TITLE_ARGUMENT, None, "judul berisi karakter yang tidak dapat dibaca; ketik ulang judulnya")
        return None
    slug = make_slug(title)
    if not slug:
        diagnostics.error(TITLE_ARGUMENT, None, f"judul '{title}' tidak berisi huruf atau angka, "
                                                "sehingga tidak dapat dijadikan nama berkas dan alamat berita")
        return None
    return slug


def _stages(names: tuple[str, ...], data: SiteData, diagnostics: Diagnostics) -> tuple[str, ...]:
    found = []
    slugs = [s.slug for s in data.stages]
    for name in names:
        stage = data.stage(name)
        if stage is None:
            diagnostics.error(STAGE_OPTION, None, f"tahapan '{name}' tidak dikenal{did_you_mean(make_slug(name) or name, slugs)}")
        elif stage not in found:
            found.append(stage)
    return tuple(s.slug for s in sorted(found, key=lambda s: s.position))


def _agencies(names: tuple[str, ...], data: SiteData, diagnostics: Diagnostics) -> tuple[str, ...]:
    found: list[str] = []
    for name in names:
        agency = data.agencies.resolve(name)
        if agency is not None:
            canonical = agency.nama
        elif not make_slug(name):
            diagnostics.error(AGENCY_OPTION, None, f"nama lembaga '{name}' tidak dapat dijadikan alamat halaman")
            continue
        else:
            hint = data.agencies.suggest(name)
            suggestion = f"; mungkin maksud Anda '{hint}'?" if hint else ""
            diagnostics.warning(AGENCY_OPTION, None,
                                f"lembaga '{name}' belum ada di data/lembaga.yaml dan akan dibuatkan halaman sendiri{suggestion}")
            canonical = name
        if canonical not in found:
            found.append(canonical)
    return tuple(found)


def _tags(names: tuple[str, ...], diagnostics: Diagnostics) -> tuple[str, ...]:
    found: list[str] = []
    slugs: set[str] = set()
    for name in names:
        slug = make_slug(name)
        if not slug:
            diagnostics.warning(TAG_OPTION, None, f"tag '{name}' tidak berisi huruf atau angka; diabaikan")
        elif slug not in slugs:
            slugs.add(slug)
            found.append(name)
    return tuple(found)


def _slug_taken_by(slug: str, folder: Path) -> Path | None:
    """Another item of the kind whose file name gives the same slug (a `slug:` key in a file is not looked at)."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.rglob("*")):
        if path.suffix.casefold() in MARKDOWN_SUFFIXES and path.is_file() and slug_from_filename(path.stem) == slug:
            return path
    return None


def place_of(site_title: str) -> str:
    """'Bawaslu Kota Kediri' -> 'Kota Kediri', for the dateline."""
    return _PLACE_PREFIX.sub("", site_title).strip() or PLACE_PLACEHOLDER
