"""Characters that no page or feed can carry: finding, naming and removing them.

XML 1.0 (the Atom feeds, the sitemap) forbids the C0 control characters other
than tab, line feed and carriage return, lone surrogates and U+FFFE/U+FFFF;
HTML reports the same and the C1 controls (U+007F to U+009F) as parse errors.
Writers never type them: they arrive with text copied from a PDF (a form feed
at each page break), a Word document or a chat. Each reading stage decides
what to do with them (see sources.py, data.py, config.py); this module only
says where they are and what they are called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Controls that separate words where they stand (a PDF's page break, a chat's line break): a space, not nothing.
_SEPARATORS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")
# Format characters without a glyph: zero-width space, direction marks, embeddings, overrides and isolates,
# word joiner, a byte-order mark inside text. They come with text copied from chats and web pages; unseen,
# they split one name into two that look alike ("KPU Kota Kediri" twice) or turn a headline around.
INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# Kept in text (an emoji sequence needs the joiner, some scripts the non-joiner) but drawing nothing alone.
_SHOWN_NOTHING = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff"
                            "\U000e0000-\U000e007f\U000e0100-\U000e01ef]")
_SHOWN_ESCAPED = re.compile("[\t\n\r]|" + INVALID.pattern + "|" + INVISIBLE.pattern)
_NAMES = {
    0x00: "NUL", 0x07: "bel", 0x08: "backspace", 0x0B: "tab vertikal", 0x0C: "form feed", 0x1B: "escape",
    0x7F: "delete", 0x85: "next line", 0xFFFE: "bukan karakter", 0xFFFF: "bukan karakter",
}


@dataclass(frozen=True)
class Found:
    """The invalid characters of one text: the first one's line, how many, and which (in order of appearance)."""

    line: int
    count: int
    characters: tuple[str, ...]

    def named(self) -> str:
        """'karakter kontrol U+000C (form feed)', or several joined: what a writer is told."""
        kind = "karakter kontrol" if all(ord(c) < 0xA0 for c in self.characters) else "karakter tidak sah"
        return kind + " " + ", ".join(describe(c) for c in self.characters[:3]) + (
            ", dan lainnya" if len(self.characters) > 3 else "")

    def refused(self) -> str:
        """The error for a file that may not hold them (data files, site.toml)."""
        return (f"{self.named()} tidak boleh ada di berkas ini{self.times()}; hapus karakter tak terlihat ini, "
                "biasanya terbawa saat menyalin teks dari PDF, Word atau aplikasi chat")

    def times(self) -> str:
        """' (3 kali, pertama di baris ini)' when there is more than one."""
        return f" ({self.count} kali, pertama di baris ini)" if self.count > 1 else ""


def describe(character: str) -> str:
    """'U+000C (form feed)': the code point a writer can search for, and its name when it has a common one."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (surrogate tunggal)"
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def find_invalid(text: str, first_line: int = 1) -> Found | None:
    """Where the invalid characters of `text` are, or None when there are none (the common case, one regex scan)."""
    first = INVALID.search(text)
    if first is None:
        return None
    found = INVALID.findall(text, first.start())
    line = first_line + text.count("\n", 0, first.start())
    return Found(line, len(found), tuple(dict.fromkeys(found)))


def remove_invalid(text: str) -> str:
    """`text` without its invalid characters; one that separated two words becomes a space."""
    return INVALID.sub(lambda m: _replacement(text, m.start(), m.group()), text)


def _replacement(text: str, at: int, character: str) -> str:
    if character not in _SEPARATORS:
        return ""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return " " if not before.isspace() and not after.isspace() and not INVALID.match(after) else ""


def remove_invisible(text: str) -> str:
    """`text` as a reader sees it: without the invisible format characters of INVISIBLE."""
    return INVISIBLE.sub("", text)


def readable(text: str) -> str:
    """`text` as a reader sees it on one line: without invisible format characters, white space runs as one space."""
    return " ".join(remove_invisible(text).split())


def blank(text: str) -> bool:
    """True when `text` shows nothing: only spaces and characters without a glyph of their own (the invisible
    ones above, and the zero-width joiner and non-joiner and variation selectors that are kept inside text because
    emoji and some scripts need them, but alone draw nothing)."""
    return not _SHOWN_NOTHING.sub("", text).strip()


def visible(text: str) -> str:
    """`text` for a message: line breaks, tabs, invalid and invisible characters shown as escapes, so a message
    stays one line and shows what the writer cannot see."""
    return _SHOWN_ESCAPED.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
