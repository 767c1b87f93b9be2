"""URL slugs: derived from names with python-slugify, checked when given."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify

PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the whole value: fullmatch (a '$' lets "baru\n" through)
_LEADING_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[-_ ]+|$)")
# Long enough for every word of a long Indonesian headline ("Jelang Pemungutan Suara, Bawaslu Kota Kediri
# Gelar Apel dan Siagakan 1.100 Pengawas TPS" is 86 characters as a slug); past it, cut between words.
SLUG_MAX_LENGTH = 100


@lru_cache(maxsize=16384)
def make_slug(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: 'Polres Kediri Kota' -> 'polres-kediri-kota'.

    A slug longer than SLUG_MAX_LENGTH ends at the last whole word that fits. `save_order` matters:
    without it python-slugify skips a word that does not fit and goes on with shorter later ones,
    so '...-siagakan-1-100-pengawas-tps' came out as '...-siagakan-1-100-tps'.
    """
    return slugify(unicodedata.normalize("NFC", text), max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True)


def is_plain_slug(text: str) -> bool:
    return PLAIN_SLUG.fullmatch(text) is not None


def slug_from_filename(stem: str) -> str:
    """'2024-08-13-Rakor Pengamanan' -> 'rakor-pengamanan' (Mac names arrive decomposed; NFC first)."""
    return make_slug(_LEADING_DATE.sub("", unicodedata.normalize("NFC", stem)))
