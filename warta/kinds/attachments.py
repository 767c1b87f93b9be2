"""Files under static/ that an item offers for download: announcement attachments, PPID documents.

A writer names a file by its site path, the way `image` names a picture:
`/berkas/surat.pdf` is `static/berkas/surat.pdf`. The file must be there; a
path that misses it only by a leading 'static/' or by letter case gets the
exact fix. What a reader needs to decide whether to download (the file's
name, its type in words, its size in Indonesian) is read here once, so the
size is part of the item's details and an edited file changes the pages
that show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from babel.numbers import format_decimal

from warta.characters import visible

if TYPE_CHECKING:
    from warta.content import FieldReader, Media

# suffix -> (type in words, MIME type)
_TYPES = {
    "pdf": ("PDF", "application/pdf"),
    "doc": ("Dokumen Word", "application/msword"),
    "docx": ("Dokumen Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": ("Lembar kerja Excel", "application/vnd.ms-excel"),
    "xlsx": ("Lembar kerja Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt": ("Presentasi PowerPoint", "application/vnd.ms-powerpoint"),
    "pptx": ("Presentasi PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": ("Dokumen OpenDocument", "application/vnd.oasis.opendocument.text"),
    "ods": ("Lembar kerja OpenDocument", "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": ("Presentasi OpenDocument", "application/vnd.oasis.opendocument.presentation"),
    "rtf": ("Dokumen RTF", "application/rtf"),
    "txt": ("Teks", "text/plain"),
    "csv": ("Data CSV", "text/csv"),
    "zip": ("Arsip ZIP", "application/zip"),
    "rar": ("Arsip RAR", "application/vnd.rar"),
    "7z": ("Arsip 7-Zip", "application/x-7z-compressed"),
    "jpg": ("Gambar JPEG", "image/jpeg"),
    "jpeg": ("Gambar JPEG", "image/jpeg"),
    "png": ("Gambar PNG", "image/png"),
    "webp": ("Gambar WebP", "image/webp"),
    "gif": ("Gambar GIF", "image/gif"),
    "svg": ("Gambar SVG", "image/svg+xml"),
    "mp3": ("Audio MP3", "audio/mpeg"),
    "mp4": ("Video MP4", "video/mp4"),
}
_UNKNOWN_MIME = "application/octet-stream"
# A path on the writer's own computer: a Windows drive ('C:\\...', 'D:/...'), a network share or any backslash,
# or a file:// address a browser shows for a local file.
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")
_KB, _MB = 1024, 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    """A file under static/ offered for download, as an item names it."""

    path: str  # site path, '/berkas/surat.pdf'
    size: int | None  # bytes; None when the file was not looked at (reading without media)

    @property
    def href(self) -> str:
        """The site path for a link: spaces and other characters a URL may not hold percent-encoded."""
        return quote(self.path, safe="/-._~!$&'()*+,;=:@")

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.path).suffix.lstrip(".").casefold()

    @property
    def kind(self) -> str:
        """The type in words: 'PDF', 'Dokumen Word'; an unknown suffix upper-cased ('DWG')."""
        known = _TYPES.get(self.suffix)
        if known:
            return known[0]
        return self.suffix.upper() or "Berkas"

    @property
    def mime(self) -> str:
        known = _TYPES.get(self.suffix)
        return known[1] if known else _UNKNOWN_MIME

    @property
    def size_text(self) -> str:
        """'245 KB', '1,2 MB' (1 KB = 1024 bytes, as file managers count); '' when unknown."""
        return size_text(self.size) if self.size is not None else ""

    @property
    def content_size(self) -> str:
        """The size for schema.org's contentSize, in bytes: readable by any program, in any language."""
        return f"{self.size} B" if self.size is not None else ""


def size_text(size: int) -> str:
    if size < _KB:
        return f"{size} B"
    if size < _MB:
        return f"{format_decimal(max(1, round(size / _KB)), format='#,##0', locale='id')} KB"
    return f"{format_decimal(round(size / _MB, 1), format='#,##0.#', locale='id')} MB"


def read_attachment(fields: FieldReader, key: str, written: object, line: int, media: Media | None,
                    fix_prefix: str) -> Attachment | None:
    """The file `written` (the value of `key`, or one item of its list, at `line`) names; None after an error.

    `fix_prefix` is put before the corrected path in the message: 'berkas: ' for a single key, '' for an item.
    """
    if not isinstance(written, str) or not written.strip():
        fields.error(key, f"isi '{key}' harus berupa alamat berkas, misalnya /berkas/surat.pdf", line)
        return None
    text = written.strip()
    local = _on_computer(text)
    if local is not None:
        fields.error(key, f"berkas '{visible(text)}' ada di komputer Anda, bukan di folder situs: salin berkasnya ke "
                          f"static/berkas/ lalu tulis {fix_prefix}/berkas/{visible(local)}", line)
        return None
    if text.startswith(("http://", "https://", "//")):
        fields.error(key, f"'{key}' harus berkas di situs ini, bukan tautan ke situs lain: simpan berkasnya di "
                          f"static/berkas/ lalu tulis alamatnya, misalnya /berkas/surat.pdf", line)
        return None
    path = "/" + text.lstrip("/")
    if path.endswith("/"):
        fields.error(key, f"'{path}' adalah folder, bukan berkas: tulis alamat berkasnya, misalnya /berkas/surat.pdf",
                     line)
        return None
    if ".." in path.split("/"):
        fields.error(key, f"alamat berkas '{path}' tidak boleh memuat '..': tulis alamatnya dari folder static/, "
                          f"misalnya /berkas/surat.pdf untuk static/berkas/surat.pdf", line)
        return None
    if "?" in path or "#" in path:  # a link would cut the name there
        fields.error(key, f"alamat berkas '{path}' memuat tanda ? atau #: ganti nama berkasnya tanpa tanda itu", line)
        return None
    if media is None:
        return Attachment(path, None)
    found = media.library.find(path)
    if found is None and (spelled := media.library.same_name(path)) is not None:
        path, found = spelled, media.library.find(spelled)  # link to the file under the name it is published as
    if found is None:
        fields.error(key, media.library.missing("berkas", path, lambda near: f"{fix_prefix}{near}"), line)
        return None
    try:
        size = found.stat().st_size
    except OSError:
        fields.error(key, f"berkas '{path}' tidak dapat dibaca; simpan ulang berkasnya di static{path}", line)
        return None
    if size == 0:
        fields.warning(key, f"berkas '{path}' kosong (0 B): pembaca mengunduh berkas tanpa isi; simpan ulang "
                            f"berkasnya di static{path}", line)
    return Attachment(path, size)


def _on_computer(text: str) -> str | None:
    """The file name of a path on the writer's computer ('surat.pdf' for 'C:\\Dokumen\\surat.pdf'), else None."""
    if text.casefold().startswith("file:"):
        text = unquote(text)
    elif not (_DRIVE.match(text) or "\\" in text):
        return None
    return re.split(r"[\\/]", text.rstrip("\\/"))[-1] or "surat.pdf"


def read_attachments(fields: FieldReader, key: str, media: Media | None) -> tuple[Attachment, ...] | None:
    """Every file a list key (or a single path) names, each checked at its own line; None after an error."""
    value = fields.meta.get(key)
    if value is None or value == "" or value == []:
        return ()
    items = fields.items(key)
    parts = _comma_list(value, media)
    if parts:
        from warta.scaffold import yaml_list  # scaffold reads the kinds

        fields.warning(key, f"{key} ditulis tanpa kurung siku; dibaca sebagai {len(parts)} berkas. "
                            f"Tulis: {key}: {yaml_list(parts)}")
        items = [(part, fields.line(key)) for part in parts]
    found: list[Attachment] = []
    failed = False
    seen: set[str] = set()
    for item, line in items:
        if isinstance(item, str) and item.strip():  # a file named again is checked (and reported) once
            written = "/" + item.strip().lstrip("/")
            if written in seen:
                continue
            seen.add(written)
        attachment = read_attachment(fields, key, item, line, media, "")
        if attachment is None:
            failed = True
        elif attachment.path not in (a.path for a in found):
            found.append(attachment)
    return None if failed else tuple(found)


def _comma_list(value: object, media: Media | None) -> tuple[str, ...]:
    """The paths of 'lampiran: /berkas/a.pdf, /berkas/b.pdf' (a list without brackets); () for anything else,
    such as one file whose name holds a comma."""
    if not isinstance(value, str) or "," not in value or media is None:
        return ()
    if media.library.find("/" + value.strip().lstrip("/")) is not None:
        return ()
    parts = tuple(part.strip() for part in value.split(",") if part.strip())
    return parts if len(parts) > 1 and all("/" in part for part in parts) else ()
