"""URL slugs: derived from names with python-slugify, checked when given."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify

PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the whole value: fullmatch (a '$' lets "baru\n" through)
_LEADING_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[-_ ]+|$)")


@lru_cache(maxsize=16384)
def make_slug(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: 'Polres Kediri Kota' -> 'polres-kediri-kota'."""
    return slugify(unicodedata.normalize("NFC", text), max_length=80, word_boundary=True)


def is_plain_slug(text: str) -> bool:
    return PLAIN_SLUG.fullmatch(text) is not None


def slug_from_filename(stem: str) -> str:
    """'2024-08-13-Rakor Pengamanan' -> 'rakor-pengamanan' (Mac names arrive decomposed; NFC first)."""
    return make_slug(_LEADING_DATE.sub("", unicodedata.normalize("NFC", stem)))
