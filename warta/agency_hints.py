"""Which known agency a name that is not in the data most likely meant, if any.

A wrong hint is worse than none: "KPU Kediri" is not "UNP Kediri" (a
university), "PKB" (a party) is not "PPK", and "Bawaslu Kota Batu" is not
"Bawaslu Kota". So a hint is given only for what looks like a slip of the
keyboard, word by word:

- the same letters apart from spaces and punctuation ("K.P.U.", "Bawaslu KotaKediri");
- otherwise the same words (after expanding "Kab.", "Kec."...), all but one
  of them identical, and that one a typo of the other:
  - a singkatan (written in capitals on either side) only with one letter
    typed twice ("KPUU" for "KPU"), never a letter changed ("PKB"/"PKS");
  - a short word (up to four letters) only with one letter left out or added
    ("Kot" for "Kota"), never changed ("Batu"/"Bato");
  - a longer word with one letter left out, added, changed or two swapped
    ("Kedri", "Blitra");
  - a word with a digit never ("SMA Negeri 1" is not "SMA Negeri 2").

RapidFuzz narrows the candidates (a C-speed similarity over every name,
singkatan and alias) and measures the one differing word; each distinct name
is worked out once and remembered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# Abbreviations writers use inside agency names, read as the full word.
_EXPANSIONS = {"kab": "kabupaten", "kec": "kecamatan", "kel": "kelurahan", "prov": "provinsi", "ds": "desa"}
_WORD = re.compile(r"[^\W_]+")
_SHORT = 4  # words up to this many letters only tolerate one letter left out or added
_CANDIDATES = 8  # how many of the most similar names are looked at closely
_SIMILAR = 70  # RapidFuzz ratio (0-100) below which a name is not looked at closely


class _Word:
    __slots__ = ("text", "acronym")

    def __init__(self, written: str):
        self.acronym = len(written) >= 2 and written.isupper()
        folded = written.casefold()
        self.text = _EXPANSIONS.get(folded, folded)


def _words(name: str) -> list[_Word]:
    return [_Word(w) for w in _WORD.findall(name)]


class AgencyHints:
    """Hints for unknown agency names against the names, singkatan and aliases of the data."""

    def __init__(self, names: Iterable[str]):
        self._names = sorted(set(names))
        self._words = [_words(n) for n in self._names]
        self._keys = [" ".join(w.text for w in words) for words in self._words]
        self._joined: dict[str, str] = {}
        for name, key in zip(self._names, self._keys, strict=True):
            self._joined.setdefault(key.replace(" ", ""), name)
        self._memo: dict[str, str | None] = {}

    def suggest(self, name: str) -> str | None:
        """The known name `name` was most likely meant to be, or None when nothing is convincing."""
        if name not in self._memo:
            self._memo[name] = self._suggest(name)
        return self._memo[name]

    def _suggest(self, name: str) -> str | None:
        words = _words(name)
        if not words:
            return None
        key = " ".join(w.text for w in words)
        same_letters = self._joined.get(key.replace(" ", ""))
        if same_letters is not None:
            return same_letters
        similar = process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=_SIMILAR, limit=_CANDIDATES)
        for _, _, index in sorted(similar, key=lambda found: (-found[1], found[2])):
            if _one_slip(words, self._words[index]):
                return self._names[index]
        return None


def _one_slip(written: list[_Word], known: list[_Word]) -> bool:
    """The same words but one, and that one a typo of the other."""
    if len(written) != len(known):
        return False
    different = [(a, b) for a, b in zip(written, known, strict=True) if a.text != b.text]
    return len(different) == 1 and _typo(*different[0])


def _typo(written: _Word, known: _Word) -> bool:
    a, b = written.text, known.text
    if any(c.isdigit() for c in a + b):
        return False
    if written.acronym or known.acronym:
        return _doubled_letter(a, b) or _doubled_letter(b, a)
    if min(len(a), len(b)) <= _SHORT:
        return abs(len(a) - len(b)) == 1 and OSA.distance(a, b) == 1
    return OSA.distance(a, b) == 1


def _doubled_letter(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one of its letters typed twice ("kpuu", "kkpu" for "kpu")."""
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[i] == longer[i + 1] and longer[:i] + longer[i + 1:] == shorter for i in range(len(longer) - 1))
