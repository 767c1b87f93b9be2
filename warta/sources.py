"""Reading Markdown source files: bytes to front matter (with lines) and body text.

Pure work on one file at a time (reading.py spreads it over the cores and
adds the converted body). Problems found here (encoding, front-matter
syntax) are carried on the document and reported by the content stage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import frontmatter

from warta.cache import body_key
from warta.characters import find_invalid, remove_invalid
from warta.diagnostics import Diagnostics
from warta.layout import SiteLayout
from warta.limits import MAX_MARKDOWN_BYTES, MAX_NESTING, TooLarge, read_bounded
from warta.markdown_html import RenderedBody
from warta.yamlsource import LineMap, YamlProblem, parse_yaml

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Files that editors and operating systems leave behind; never worth a warning.
_JUNK = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    shown: str
    signature: tuple[int, int]  # (size, mtime_ns) when read, to notice edits
    meta: LineMap | None = None
    body_text: str = ""
    opening_line: int = 1
    problems: tuple[tuple[int, str], ...] = ()  # errors, (line, message)
    notes: tuple[tuple[int, str], ...] = ()  # warnings, (line, message)
    duplicate_keys: tuple[tuple[str, int], ...] = ()
    key: str = ""
    body: RenderedBody | None = None


def markdown_files(folder: Path, layout: SiteLayout, diagnostics: Diagnostics) -> Iterator[Path]:
    """The Markdown files under `folder`, following links only while they stay inside the site folder."""
    for found in layout.walk(folder):
        path = found.path
        if _left_behind(path.name):
            continue
        if not found.is_file:
            diagnostics.error(layout.display(path), None, found.problem)
        elif path.suffix.casefold() in MARKDOWN_SUFFIXES:
            yield path
        else:
            diagnostics.warning(layout.display(path), None, "bukan berkas Markdown (.md); dilewati")


def _left_behind(name: str) -> bool:
    """Hidden files, Word lock files, editor backups, drafts kept aside with '_', OS leftovers."""
    return name.startswith((".", "~$", "_")) or name.endswith("~") or name.casefold() in _JUNK


def is_markdown_source(path: Path) -> bool:
    """A file `markdown_files` would read (for callers looking at one path at a time)."""
    return path.is_file() and path.suffix.casefold() in MARKDOWN_SUFFIXES and not _left_behind(path.name)


def signature(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns)


# A line that starts with this many spaces, tabs or '>' may be nested too deep (checked exactly then).
_DEEP_CANDIDATE = re.compile(rf"^[ \t>]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")


_QUOTE_SPACE = re.compile(r"> ?")


def _too_deep(body: str) -> int | None:
    """The index of the first body line nested (indented by 4 columns, or quoted with '>') deeper than
    MAX_NESTING levels outside fenced code, or None. Python-Markdown parses nested lists and quotes
    recursively, in time that grows with the square of the depth: 300 levels end in RecursionError."""
    if _DEEP_CANDIDATE.search(body) is None:
        return None  # the common case: one regex scan
    fence = ""
    for index, line in enumerate(body.split("\n")):
        if opened := _FENCE.match(line):
            marker = opened.group(1)
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = ""
            continue
        if fence:
            continue
        # One space after each '>' belongs to the quote marker ("> > > x" is three levels), not to indentation.
        prefix = _QUOTE_SPACE.sub(">", line[: len(line) - len(line.lstrip(" \t>"))])
        if prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 4 > MAX_NESTING:
            return index
    return None


def parse_source(path: Path, shown: str, base_path: str) -> SourceDocument:
    """Decode and split one file; never raises for a writer's mistake."""
    try:
        raw, stat = read_bounded(path, MAX_MARKDOWN_BYTES)
    except TooLarge as large:
        message = large.message("berkas Markdown") + "; gambar disimpan di folder static/, bukan ditempel di teks"
        return SourceDocument(path, shown, signature(path), problems=((1, message),))
    document = SourceDocument(path, shown, (stat.st_size, stat.st_mtime_ns))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return replace(document, problems=((1, "berkas tersimpan sebagai UTF-16; simpan ulang dengan encoding UTF-8"),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"berkas bukan UTF-8 (byte 0x{raw[error.start]:02x} tidak dikenali); simpan ulang dengan encoding UTF-8"
        return replace(document, problems=((line, message),))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if found := find_invalid(text):
        # Pasted from a PDF, Word or a chat, never typed: removed (a page or feed cannot carry them),
        # and said once per file, at the first, so the writer can clean the source too.
        text = remove_invalid(text)
        document = replace(document, notes=((found.line, f"{found.named()} dihapus{found.times()}; biasanya "
                                                          "terbawa saat menyalin teks dari PDF, Word atau aplikasi chat"),))
    text = unicodedata.normalize("NFC", text)
    stripped = text.lstrip()
    skipped_lines = text[: len(text) - len(stripped)].count("\n")
    handler = frontmatter.YAMLHandler()
    if not handler.detect(stripped):
        message = "tidak ada front matter: berkas harus diawali baris '---', lalu title: dan date:, lalu '---' lagi"
        return replace(document, problems=((1, message),))
    try:
        front, body = handler.split(stripped)
    except ValueError:
        message = "front matter tidak ditutup: tambahkan baris '---' setelah kunci terakhir"
        return replace(document, problems=((skipped_lines + 1, message),))
    first_line = skipped_lines + stripped.count("\n", 0, stripped.find(front, 3)) + 1
    try:
        meta = parse_yaml(front, first_line)
    except YamlProblem as problem:
        return replace(document, problems=((problem.line, problem.message),))
    if meta is None:
        meta = parse_yaml("{}", first_line)
    if not isinstance(meta, LineMap):
        message = "front matter harus berisi baris kunci: nilai, misalnya title: Judul Berita"
        return replace(document, problems=((first_line + 1, message),))
    if (deep := _too_deep(body)) is not None:
        line = text.count("\n") - body.count("\n") + 1 + deep
        message = (f"baris ini menjorok atau dikutip (>) lebih dari {MAX_NESTING} tingkat; "
                   "sederhanakan daftar atau kutipannya")
        return replace(document, problems=((line, message),))
    return replace(
        document,
        meta=meta,
        body_text=body,
        opening_line=skipped_lines + 1,
        duplicate_keys=tuple((str(k), line) for k, line in meta.duplicate_keys),
        key=body_key(body, base_path),
    )
