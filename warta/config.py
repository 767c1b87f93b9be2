"""`site.toml`: typed site settings, validated with precise messages.

Every option is declared once with its type, like MkDocs' config options;
unknown keys warn with the closest known key, wrong types are errors with the
line of the key. Missing file or keys fall back to defaults.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from warta.characters import find_invalid, readable
from warta.colours import DEFAULT_ACCENT
from warta.diagnostics import Diagnostics, did_you_mean
from warta.layout import FOLDER, MISSING, SiteLayout
from warta.limits import MAX_CONFIG_BYTES, MAX_NESTING, TooLarge, read_bounded

LOCAL_BASE_URL = "http://localhost:8000/"

SOCIAL_LABELS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
    "twitter": "X (Twitter)",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "threads": "Threads",
    "telegram": "Telegram",
}


@dataclass(frozen=True)
class Footer:
    alamat: str | None = None
    telepon: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class SocialLink:
    key: str
    label: str
    url: str


ADMIN_BACKENDS = ("github", "gitlab", "git-gateway")


@dataclass(frozen=True)
class Admin:
    """The Decap CMS editor at /admin/, emitted only when enabled."""

    enabled: bool = False
    backend: str = "github"
    repo: str = ""
    branch: str = "main"
    # Passed to Decap's backend as they are, for online login (see docs/menerbitkan.md).
    site_domain: str = ""
    base_url: str = ""
    auth_endpoint: str = ""
    auth_type: str = ""
    app_id: str = ""
    api_root: str = ""


@dataclass(frozen=True)
class CollectionSetting:
    """`[koleksi.<name>]`: a kind of content the site declares, or options for one of Warta's."""

    name: str
    title: str | None = None
    description: str | None = None
    on_home: bool | None = None
    in_archive: bool | None = None


@dataclass(frozen=True)
class TaxonomySetting:
    """`[taksonomi.<name>]`: a free taxonomy, front-matter key and URL segment `name`."""

    name: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Bawaslu"
    base_url: str = LOCAL_BASE_URL
    description: str = "Berita pengawasan pemilu dan pemilihan."
    per_page: int = 10
    footer: Footer = Footer()
    social: tuple[SocialLink, ...] = ()
    base_url_given: bool = False
    share_image: str | None = None  # default picture for link previews, a path under static/
    search: bool = True
    admin: Admin = Admin()
    collections: tuple[CollectionSetting, ...] = ()
    taxonomies: tuple[TaxonomySetting, ...] = ()
    logo: str | None = None  # the office's logo in the header, a site path under static/ (SVG or PNG)
    institution: tuple[str, ...] = ()  # the office's name in the header, one or two lines
    accent: str = DEFAULT_ACCENT  # '#rrggbb': every accent colour of the theme is derived from it (colours.py)

    @property
    def base_path(self) -> str:
        """The path part of base_url, '/' or '/situs/': every internal link starts with it."""
        return urlsplit(self.base_url).path or "/"

    def absolute(self, site_path: str) -> str:
        """'/berita/x/' -> 'https://example.go.id/situs/berita/x/'."""
        return self.base_url + site_path.lstrip("/")

    def url(self, site_path: str) -> str:
        """'/berita/x/' -> '/situs/berita/x/' for a site served under a sub-path."""
        return self.base_path + site_path.lstrip("/")


# Canonical key -> (python type, Indonesian type name). Aliases are accepted silently.
_TOP_LEVEL: dict[str, tuple[type | tuple[type, ...], str]] = {
    "title": (str, "teks"),
    "base_url": (str, "teks"),
    "description": (str, "teks"),
    "per_page": (int, "bilangan bulat"),
    "footer": (dict, "tabel"),
    "sosial": (dict, "tabel"),
    "share_image": (str, "teks"),
    "search": (bool, "true/false"),
    "admin": (dict, "tabel"),
    "koleksi": (dict, "tabel"),
    "taksonomi": (dict, "tabel"),
    "logo": (str, "teks"),
    "nama_lembaga": ((str, list), "teks atau daftar teks"),
    "warna": (str, "teks"),
}
_ALIASES = {"kontak": "footer", "social": "sosial", "deskripsi": "description", "judul": "title",
            "jenis": "koleksi", "collections": "koleksi", "taxonomies": "taksonomi",
            "institution": "nama_lembaga", "accent": "warna", "color": "warna",
            "colour": "warna"}
_FOOTER_KEYS = ("alamat", "telepon", "email")
_TYPE_NAMES = {str: "teks", int: "bilangan bulat", float: "bilangan", bool: "true/false", dict: "tabel", list: "daftar"}


def load_config(layout: SiteLayout, diagnostics: Diagnostics, base_url_override: str | None = None) -> SiteConfig:
    path = layout.config_file
    shown = layout.display(path)
    config = SiteConfig()
    found = layout.examine(path)  # only a regular file inside the site folder is ever opened
    if found.is_file:
        config = _read(path, shown, diagnostics, layout)
    elif found.kind != MISSING or path.is_symlink():
        problem = found.problem or ("berupa folder, bukan berkas" if found.kind == FOLDER else
                                    "tautan simbolik rusak: berkas tujuannya tidak ada")
        diagnostics.error(shown, None, problem)
    if base_url_override is not None:
        url = _normalise_base_url(base_url_override)
        if url is None:
            diagnostics.error("--base-url", None, f"alamat '{base_url_override}' {_base_url_problem(base_url_override)}")
        else:
            config = replace(config, base_url=url, base_url_given=True)
    if not config.base_url_given and not diagnostics.has_errors:
        where = "di site.toml" if found.is_file else "(site.toml tidak ada)"
        diagnostics.warning(shown, None, f"base_url belum diisi {where}; memakai {LOCAL_BASE_URL}")
    return config


def _read(path: Path, shown: str, diagnostics: Diagnostics, layout: SiteLayout) -> SiteConfig:
    try:
        raw_bytes, _ = read_bounded(path, MAX_CONFIG_BYTES)
        text = raw_bytes.decode("utf-8-sig")
    except TooLarge as large:
        diagnostics.error(shown, None, large.message("site.toml"))
        return SiteConfig()
    except UnicodeDecodeError as error:
        line = raw_bytes.count(b"\n", 0, error.start) + 1
        diagnostics.error(shown, line, "berkas bukan UTF-8; simpan ulang dengan encoding UTF-8")
        return SiteConfig()
    if found := find_invalid(text):  # an error, as in data files: edited rarely, read by every page
        diagnostics.error(shown, found.line, found.refused())
        return SiteConfig()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = re.sub(r"\s*\(at (?:line|end of document).*\)$", "", str(error))
        diagnostics.error(shown, _toml_line(str(error), text), f"TOML tidak valid: {_explain_toml(reason)}")
        return SiteConfig()
    except RecursionError:  # tomllib reads nested arrays recursively
        diagnostics.error(shown, _deep_line(text), _TOO_DEEP)
        return SiteConfig()

    lines = _KeyLines(text)
    if _refuse_hostile_values(data, shown, lines, diagnostics):
        return SiteConfig()
    values: dict[str, tuple[str, Any]] = {}
    for key, value in data.items():
        canonical = _ALIASES.get(key, key)
        if canonical not in _TOP_LEVEL:
            diagnostics.warning(shown, lines.of(None, key), f"kunci '{key}' tidak dikenal{did_you_mean(key, _TOP_LEVEL)}")
            continue
        expected, type_name = _TOP_LEVEL[canonical]
        if not _is_type(value, expected):
            diagnostics.error(shown, lines.of(None, key), f"'{key}' harus berupa {type_name}, bukan {_type_name(value)}")
            continue
        values[canonical] = (key, value)

    config = SiteConfig()
    for name in ("title", "description"):
        if name in values:
            config = replace(config, **{name: values[name][1].strip()})
    if "per_page" in values:
        key, per_page = values["per_page"]
        if per_page < 1:
            diagnostics.error(shown, lines.of(None, key), f"'per_page' harus 1 atau lebih, bukan {per_page}")
        else:
            config = replace(config, per_page=per_page)
    if "base_url" in values:
        key, raw = values["base_url"]
        url = _normalise_base_url(raw)
        if url is None:
            diagnostics.error(shown, lines.of(None, key), f"base_url '{raw}' {_base_url_problem(raw)}")
        else:
            config = replace(config, base_url=url, base_url_given=True)
    if "footer" in values:
        config = replace(config, footer=_read_footer(*values["footer"], shown, lines, diagnostics))
    if "sosial" in values:
        config = replace(config, social=_read_social(*values["sosial"], shown, lines, diagnostics))
    if "search" in values:
        config = replace(config, search=values["search"][1])
    if "admin" in values:
        config = replace(config, admin=_read_admin(*values["admin"], shown, lines, diagnostics))
    if "koleksi" in values:
        config = replace(config, collections=_read_collections(*values["koleksi"], shown, lines, diagnostics))
    if "taksonomi" in values:
        taxonomies = _read_taxonomies(*values["taksonomi"], shown, lines, diagnostics)
        clashing = {c.name for c in config.collections} & {t.name for t in taxonomies}
        for name in sorted(clashing):
            diagnostics.error(shown, _table_line(lines, values["taksonomi"][0], name),
                              f"'{name}' sudah dipakai sebagai nama koleksi; taksonomi dan koleksi harus bernama lain")
        config = replace(config, taxonomies=tuple(t for t in taxonomies if t.name not in clashing))
    pictures: dict[str, str] = {}
    for picture in (SHARE_IMAGE, LOGO):
        if picture.key in values:
            key, raw = values[picture.key]
            site_path = _static_picture(picture, raw, layout)
            if site_path.startswith("/"):
                pictures[picture.key] = site_path
            else:
                diagnostics.error(shown, lines.of(None, key), site_path)
    config = replace(config, share_image=pictures.get("share_image"), logo=pictures.get("logo"))
    if "nama_lembaga" in values:
        key, raw = values["nama_lembaga"]
        institution = _institution(key, raw)
        if isinstance(institution, str):
            diagnostics.error(shown, lines.of(None, key), institution)
        else:
            config = replace(config, institution=institution)
    if "warna" in values:
        key, raw = values["warna"]
        if re.fullmatch(r"#[0-9a-fA-F]{6}", raw.strip()):
            config = replace(config, accent=raw.strip().lower())
        else:
            diagnostics.error(shown, lines.of(None, key), f"{key} '{raw}' harus berupa kode warna #rrggbb "
                              f"(tanda # dan enam angka heksadesimal 0-9 a-f), misalnya {key} = \"{DEFAULT_ACCENT}\"")
    return config


@dataclass(frozen=True)
class _PictureKey:
    """A site.toml key naming a picture under static/: which formats it takes and how messages name it."""

    key: str  # in site.toml, and the SiteConfig field it sets
    noun: str  # 'logo' or 'gambar', as in 'buka logonya', 'buka gambarnya'
    formats: dict[str, str]  # suffix -> format name
    example: str

    @property
    def format_names(self) -> str:
        names = list(dict.fromkeys(self.formats.values()))
        return ", ".join(names[:-1]) + " atau " + names[-1]

    @property
    def suffixes(self) -> str:
        shown = list(self.formats)
        return ", ".join(shown[:-1]) + " atau " + shown[-1]


LOGO = _PictureKey("logo", "logo", {".svg": "SVG", ".png": "PNG"}, 'logo = "/gambar/logo.svg"')
# Link previews take raster pictures only: no service shows an SVG.
SHARE_IMAGE = _PictureKey("share_image", "gambar", {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"},
                          'share_image = "/gambar/bagikan-kediri.png"')
LOGO_EXAMPLE = LOGO.example
_SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    "PNG": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "JPEG": lambda head: head.startswith(b"\xff\xd8\xff"),
    "WebP": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "SVG": lambda head: b"<svg" in head,
}
# How far into an SVG its <svg> element is looked for: editors write a comment, a DOCTYPE with entity
# declarations and metadata before it, several KiB of them in Illustrator's exports.
_LOGO_HEAD_BYTES = 1 << 20


def _static_picture(spec: _PictureKey, raw: str, layout: SiteLayout) -> str:
    """The picture's site path ('/gambar/logo.svg'), or why it cannot be used (Indonesian, no leading '/')."""
    from warta.images import ImageLibrary

    key, noun, example = spec.key, spec.noun, spec.example
    written = raw.strip()
    if not written:
        return f"'{key}' tidak boleh kosong; tulis alamat berkas {noun} di folder static/, misalnya {example}"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", written) or written.startswith("//"):
        return (f"{key} '{written}' harus berupa berkas di folder static/ situs ini, bukan alamat di internet; "
                f"unduh berkasnya ke static/gambar/ lalu tulis {example}")
    path = "/" + written.replace("\\", "/").lstrip("/")
    if ".." in path.split("/"):
        return f"{key} '{written}' harus berada di dalam folder static/, misalnya {example}"
    suffix = PurePosixPath(path).suffix.casefold()
    if suffix not in spec.formats:
        return (f"{key} '{written}' harus berupa gambar {spec.format_names} ({spec.suffixes})"
                f"{f', bukan {suffix}' if suffix else ''}")
    library = ImageLibrary(layout.static_dirs, layout)
    source = library.find(path)
    if source is None:  # a link out of the site, or no such file (with the spelling meant, if one exists)
        return library.missing(key, path, lambda near: f'{key} = "{near}"')
    try:
        with open(source, "rb") as file:
            head = file.read(_LOGO_HEAD_BYTES)
    except OSError:
        return f"{key} '{written}' tidak dapat dibaca"
    kind = spec.formats[suffix]
    if not _SIGNATURES[kind](head):
        return f"{key} '{written}' bukan gambar {kind} yang dapat dibaca; buka {noun}nya lalu simpan ulang sebagai {kind}"
    return path


def _institution(key: str, raw: str | list) -> tuple[str, ...] | str:
    """The office's name as one or two lines, or why it cannot be used."""
    example = f'{key} = ["BADAN PENGAWAS PEMILIHAN UMUM", "KOTA KEDIRI"]'
    items = [raw] if isinstance(raw, str) else raw
    if not all(isinstance(item, str) for item in items):
        wrong = next(item for item in items if not isinstance(item, str))
        return f"baris '{key}' harus berupa teks, bukan {_type_name(wrong)}; misalnya {example}"
    lines = tuple(readable(item) for item in items)  # a line of U+200B only is empty
    if not lines or not all(lines):
        return f"'{key}' tidak boleh kosong atau berisi baris kosong; misalnya {example}"
    if len(lines) > 2:
        return f"'{key}' paling banyak dua baris, bukan {len(lines)}; misalnya {example}"
    return lines


_COLLECTION_KEYS = {"judul": str, "deskripsi": str, "beranda": bool, "arsip": bool}
_TAXONOMY_KEYS = {"judul": str, "deskripsi": str}


def _table_line(lines: _KeyLines, table: str, name: str) -> int | None:
    """The line of `[table.name]`, of `name = {...}` inside `[table]`, or of `[table]` itself."""
    return lines.of(None, f"{table}.{name}") or lines.of(table, name) or lines.of(None, table)


def _reserved_paths(what: str) -> set[str]:
    """Top-level paths a declared kind or taxonomy may not take: Warta's own folders and taxonomies,
    and, for a taxonomy, the URL of each of Warta's kinds (a kind of that name may be declared: it sets options)."""
    from warta.kinds import BUILTIN_KINDS
    from warta.registry import BUILTIN_TAXONOMIES, SITE_FOLDERS

    reserved = set(SITE_FOLDERS) | {t.name for t in BUILTIN_TAXONOMIES}
    if what == "taksonomi":
        reserved |= {rules.name for rules in BUILTIN_KINDS}
    return reserved


def _declared_tables(table: str, data: dict, keys: Mapping[str, type], what: str, shown: str, lines: _KeyLines,
                     diagnostics: Diagnostics) -> Iterator[tuple[str, dict[str, object]]]:
    """(name, checked values) for each `[table.name]` whose name can be a folder and a URL segment."""
    from warta.slugs import SLUG_MAX_LENGTH, is_plain_slug, make_slug

    reserved = _reserved_paths(what)
    for name, settings in data.items():
        where = f"{table}.{name}"
        line = _table_line(lines, table, name)
        if not isinstance(settings, dict):
            diagnostics.error(shown, line,
                              f"'{name}' di [{table}] harus berupa tabel, misalnya [{table}.{make_slug(name) or 'opini'}] "
                              f"lalu judul = \"...\" di baris berikutnya")
            continue
        if len(name) > SLUG_MAX_LENGTH:
            diagnostics.error(shown, line, f"nama {what} '{name[:40]}…' terlalu panjang ({len(name)} karakter); paling "
                              f"banyak {SLUG_MAX_LENGTH} karakter, karena nama itu menjadi nama folder dan alamat halaman")
            continue
        if not is_plain_slug(name):
            suggestion = make_slug(name)
            hint = f" (misalnya [{table}.{suggestion}])" if suggestion else ""
            diagnostics.error(shown, line, f"nama {what} '{name}' hanya boleh berisi huruf kecil, angka dan tanda hubung{hint}: "
                              "nama itu menjadi nama folder dan alamat halaman")
            continue
        if name in reserved:
            diagnostics.error(shown, line, f"nama {what} '{name}' sudah dipakai oleh Warta untuk /{name}/; pilih nama lain")
            continue
        found: dict[str, object] = {}
        for key, value in settings.items():
            if key not in keys:
                diagnostics.warning(shown, lines.of(where, key),
                                    f"kunci '{key}' di [{where}] tidak dikenal{did_you_mean(key, keys)}")
            elif not _is_type(value, keys[key]):
                diagnostics.error(shown, lines.of(where, key),
                                  f"'{key}' di [{where}] harus berupa {_TYPE_NAMES[keys[key]]}, bukan {_type_name(value)}")
            else:
                found[key] = " ".join(value.split()) if isinstance(value, str) else value
        yield name, found


def _read_collections(table: str, data: dict, shown: str, lines: _KeyLines,
                      diagnostics: Diagnostics) -> tuple[CollectionSetting, ...]:
    collections = []
    for name, found in _declared_tables(table, data, _COLLECTION_KEYS, "koleksi", shown, lines, diagnostics):
        collections.append(CollectionSetting(name, found.get("judul") or None, found.get("deskripsi") or None,  # type: ignore[arg-type]
                                             found.get("beranda"), found.get("arsip")))  # type: ignore[arg-type]
    return tuple(collections)


def _read_taxonomies(table: str, data: dict, shown: str, lines: _KeyLines,
                     diagnostics: Diagnostics) -> tuple[TaxonomySetting, ...]:
    from warta.content import KEY_WORDS, POST_KEYS
    from warta.kinds import BUILTIN_KINDS

    # The name is also the front-matter key: it may be no key Warta or one of its kinds reads already.
    taken_keys = {*POST_KEYS, *KEY_WORDS, *(key for rules in BUILTIN_KINDS for key in rules.keys)}
    taxonomies = []
    for name, found in _declared_tables(table, data, _TAXONOMY_KEYS, "taksonomi", shown, lines, diagnostics):
        where = f"{table}.{name}"
        line = _table_line(lines, table, name)
        key = next((k for k in (name, name.replace("-", "_")) if k in taken_keys), None)
        if key is not None:
            diagnostics.error(shown, line, f"nama taksonomi '{name}' sudah dipakai sebagai kunci front matter "
                              f"'{KEY_WORDS.get(key, key)}'; pilih nama lain")
            continue
        title = found.get("judul")
        if not title:
            diagnostics.error(shown, line,
                              f"[{where}] wajib berisi judul, misalnya judul = \"{name.replace('-', ' ').title()}\"")
            continue
        taxonomies.append(TaxonomySetting(name, str(title), str(found["deskripsi"]) if found.get("deskripsi") else None))
    return tuple(taxonomies)


_TOO_DEEP = f"TOML tidak valid: daftar atau tabel bersarang lebih dari {MAX_NESTING} tingkat; sederhanakan isinya"


def _refuse_hostile_values(data: dict, shown: str, lines: _KeyLines, diagnostics: Diagnostics) -> bool:
    """Report values nested deeper than MAX_NESTING or holding a character no page can carry
    (written as a \\u escape); True when there was one. Each is reported at its key's line."""
    refused = False
    for key, value in data.items():
        for table, inner, problem in _problems_in(value, None, key, 1):
            diagnostics.error(shown, lines.of(table, inner) or lines.of(None, key), problem)
            refused = True
    return refused


def _problems_in(value: object, table: str | None, key: str, depth: int) -> Iterator[tuple[str | None, str, str]]:
    if depth > MAX_NESTING:
        yield table, key, _TOO_DEEP
    elif isinstance(value, str):
        if found := find_invalid(value):
            yield table, key, f"teks berisi {found.named()} yang tidak boleh ada di halaman; hapus kode escape (\\u...)"
    elif isinstance(value, dict):
        for inner, item in value.items():
            yield from _problems_in(item, key if table is None else table, inner, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _problems_in(item, table, key, depth + 1)


def _deep_line(text: str) -> int | None:
    """The line where brackets first nest deeper than MAX_NESTING (approximately: quotes are not parsed)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for character in line:
            depth += 1 if character in "[{" else -1 if character in "]}" else 0
            if depth > MAX_NESTING:
                return number
    return None


def _read_admin(table: str, data: dict, shown: str, lines: _KeyLines, diagnostics: Diagnostics) -> Admin:
    keys = {"enabled": bool, "backend": str, "repo": str, "branch": str, "site_domain": str, "base_url": str,
            "auth_endpoint": str, "auth_type": str, "app_id": str, "api_root": str}
    found: dict[str, object] = {}
    for key, value in data.items():
        if key not in keys:
            diagnostics.warning(shown, lines.of(table, key), f"kunci '{key}' di [{table}] tidak dikenal{did_you_mean(key, keys)}")
        elif not _is_type(value, keys[key]):
            diagnostics.error(shown, lines.of(table, key),
                              f"'{key}' harus berupa {_TYPE_NAMES[keys[key]]}, bukan {_type_name(value)}")
        else:
            found[key] = value.strip() if isinstance(value, str) else value
    admin = Admin(**found)  # type: ignore[arg-type]
    if admin.backend not in ADMIN_BACKENDS:
        diagnostics.error(shown, lines.of(table, "backend"),
                          f"backend '{admin.backend}' tidak dikenal; pilih salah satu: {', '.join(ADMIN_BACKENDS)}")
    elif admin.enabled and admin.backend != "git-gateway" and not re.fullmatch(r"[\w.-]+(/[\w.-]+)+", admin.repo):
        diagnostics.error(shown, lines.of(table, "repo") or lines.of(None, table),
                          f"[{table}] memakai backend {admin.backend}: isi repo dengan nama repositori, "
                          "misalnya repo = \"bawaslu-kota-kediri/situs\"")
    return admin


_TOML_BACKSLASH = ("garis miring terbalik (\\) di dalam tanda kutip ganda dibaca sebagai kode khusus; "
                   "tulis \\\\ untuk satu garis miring terbalik, atau apit teks dengan tanda kutip tunggal ('...')")
_TOML_TWICE = "kunci atau tabel yang sama ditulis dua kali"
# tomllib's messages (Python 3.11 to 3.14), most specific first; anything else gets _TOML_GENERAL.
_TOML_EXPLANATIONS = (
    ("Invalid value", "nilai tidak dapat dibaca; teks harus diapit tanda kutip, misalnya title = \"Bawaslu Kota Kediri\""),
    ("Illegal character", "ada karakter yang tidak diizinkan; mungkin tanda kutip belum ditutup"),
    ("Cannot declare", "tabel yang sama ditulis dua kali"),
    ("Cannot overwrite a value", "kunci yang sama ditulis dua kali"),
    ("Cannot mutate immutable namespace", _TOML_TWICE),
    ("Cannot redefine namespace", _TOML_TWICE),
    ("Duplicate inline table key", _TOML_TWICE),
    ("Expected '=' after a key", "setiap baris harus berbentuk kunci = nilai"),
    ("Unclosed", "tanda kurung atau kutip belum ditutup"),
    ("Unterminated string", "tanda kutip belum ditutup; teks harus dibuka dan ditutup dengan tanda kutip di baris yang sama"),
    ("Unescaped '\\'", _TOML_BACKSLASH),
    ("Escaped character", _TOML_BACKSLASH),
    ("Invalid hex value", _TOML_BACKSLASH),
    ("at the end of a table declaration", "nama tabel harus ditutup dengan ], misalnya [footer]"),
    ("at the end of an array declaration", "nama tabel harus ditutup dengan ]], misalnya [[menu]]"),
    ("Expected newline or end of document after a statement",
     "ada teks lain setelah nilai di baris yang sama; satu baris hanya untuk satu kunci = nilai, dan teks diapit tanda kutip"),
    ("Invalid date or datetime", "tanggal atau waktu tidak valid; tulis seperti 2024-08-13"),
    ("Invalid initial character for a key part",
     "nama kunci hanya boleh berisi huruf, angka, - dan _; nama lain harus diapit tanda kutip"),
    ("Found invalid character", "ada karakter yang tidak diizinkan; mungkin tanda kutip belum ditutup"),
    ("Invalid statement", "baris ini tidak dapat dibaca; tulis kunci = nilai atau [nama tabel]"),
    ("Expected ", "ada tanda yang kurang; periksa tanda kurung dan tanda kutip di baris ini"),
)
_TOML_GENERAL = "baris ini tidak dapat dibaca; tulis kunci = nilai, dengan teks diapit tanda kutip"


def _explain_toml(reason: str) -> str:
    return next((text for needle, text in _TOML_EXPLANATIONS if needle in reason), _TOML_GENERAL)


def _toml_line(message: str, text: str) -> int:
    """The line tomllib names ("(at line 3, column 7)"), or the last line for "(at end of document)"."""
    match = re.search(r"\(at line (\d+)", message)
    if match:
        return int(match.group(1))
    if "end of document" in message:
        return max(1, text.rstrip("\n").count("\n") + 1)
    return 1


def _read_footer(table: str, data: dict, shown: str, lines: _KeyLines, diagnostics: Diagnostics) -> Footer:
    found: dict[str, str] = {}
    for key, value in data.items():
        if key not in _FOOTER_KEYS:
            diagnostics.warning(shown, lines.of(table, key),
                                f"kunci '{key}' di [{table}] tidak dikenal{did_you_mean(key, _FOOTER_KEYS)}")
        elif not isinstance(value, str):
            diagnostics.error(shown, lines.of(table, key), f"'{key}' harus berupa teks, bukan {_type_name(value)}")
        else:
            found[key] = value.strip()
    return Footer(**found)


def _read_social(table: str, data: dict, shown: str, lines: _KeyLines, diagnostics: Diagnostics) -> tuple[SocialLink, ...]:
    links = []
    for key, value in data.items():
        if not isinstance(value, str):
            diagnostics.error(shown, lines.of(table, key), f"alamat '{key}' harus berupa teks, bukan {_type_name(value)}")
        elif not re.fullmatch(r"https?://\S+", value.strip()):
            diagnostics.error(shown, lines.of(table, key), f"alamat '{key}' harus diawali http:// atau https://")
        else:
            links.append(SocialLink(key, SOCIAL_LABELS.get(key.casefold(), key.capitalize()), value.strip()))
    return tuple(links)


def _normalise_base_url(raw: str) -> str | None:
    """The address with its closing '/', or None when `_base_url_problem` has something to say."""
    if _base_url_problem(raw) is not None:
        return None
    raw = raw.strip()
    return raw if raw.endswith("/") else raw + "/"


def _base_url_problem(raw: str) -> str | None:
    """Why `raw` cannot be a site's address, in Indonesian, or None.

    Every link, feed and sitemap entry is the base URL plus a path, so it can only be
    'http(s)://host[:port]/path/': a query or fragment would end up in the middle of every address.
    """
    text = raw.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed '[' around an IPv6 address
        return "bukan alamat yang valid"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "harus diawali http:// atau https://"
    if "?" in text or "#" in text:
        return ("tidak boleh memuat '?' atau '#' (query atau fragmen); tulis alamat situs saja, "
                f"misalnya '{parts.scheme}://{parts.netloc}{parts.path or '/'}'")
    if any(c.isspace() for c in text):
        return "tidak boleh memuat spasi"
    if "@" in parts.netloc:
        return "tidak boleh memuat nama pengguna atau kata sandi"
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when it is read
    except ValueError:
        return "memuat port yang tidak valid; port adalah bilangan 1 sampai 65535"
    if parts.port == 0:
        return "memuat port yang tidak valid; port adalah bilangan 1 sampai 65535"
    return None


def _is_type(value: object, expected: type | tuple[type, ...]) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return _TYPE_NAMES[bool]
    return next((name for python_type, name in _TYPE_NAMES.items() if isinstance(value, python_type)), type(value).__name__)


def _table_name(header: str) -> str:
    """'koleksi . "cek fakta"' -> 'koleksi.cek fakta': a table header's dotted parts without quotes or spaces."""
    parts = re.findall(r'\s*("[^"]*"|\'[^\']*\'|[^.\s]+)\s*(?:\.|$)', header)
    return ".".join(part.strip("\"'") for part in parts)


class _KeyLines:
    """Finds the line of `key` (in `[table]`) in TOML text; tomllib keeps no positions."""

    def __init__(self, text: str):
        self._lines: dict[tuple[str | None, str], int] = {}
        table: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if header := re.match(r"^\[\s*([^\[\]]+?)\s*\]", stripped):
                table = _table_name(header.group(1))
                self._lines.setdefault((None, table), number)
                continue
            if key := re.match(r"^([A-Za-z0-9_\-]+|\"[^\"]+\"|'[^']+')\s*=", stripped):
                self._lines.setdefault((table, key.group(1).strip("\"'")), number)

    def of(self, table: str | None, key: str) -> int | None:
        return self._lines.get((table, key))
