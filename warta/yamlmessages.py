"""PyYAML's and libyaml's error texts, said in plain Indonesian.

`yamlsource` explains the mistakes writers make every day (a colon in a
title, a tab, an unclosed quote) with a way out. Everything else a YAML
parser can say ends up here: every "problem" and "context" text of libyaml
(which Warta uses when PyYAML ships it) and of PyYAML's own Python parser is
matched by a fragment of its wording, and anything not recognised gets a
general Indonesian sentence. English never reaches the writer.
"""

from __future__ import annotations

_QUOTE_IT = "apit seluruh nilai dengan tanda kutip tunggal ('...')"
_BACKSLASH = ("garis miring terbalik (\\) di dalam tanda kutip ganda dibaca sebagai kode khusus YAML; "
              "apit nilai dengan tanda kutip tunggal ('...') atau tulis \\\\ untuk satu garis miring terbalik")
_TAG = f"nilai yang diawali ! dibaca sebagai tag YAML; {_QUOTE_IT}"
_DIRECTIVE = "baris yang diawali % dibaca sebagai perintah YAML; hapus baris itu atau apit nilainya dengan tanda kutip"
_INVISIBLE = "ada karakter tak terlihat yang tidak boleh ada di berkas teks; hapus lalu ketik ulang baris ini"
_SECOND_DOCUMENT = ("ada baris '---' atau '...' di tengah berkas, sehingga isinya terbaca sebagai dua bagian; "
                    "hapus baris itu, atau apit nilai yang memuatnya dengan tanda kutip")
_AFTER_VALUE = f"ada teks setelah nilai yang sudah ditutup (misalnya setelah tanda kutip penutup); {_QUOTE_IT}"
GENERAL = "baris ini tidak dapat dibaca; periksa tanda kutip, titik dua dan indentasinya"

# (fragment of the problem text, explanation), most specific first. Fragments match libyaml's wording
# ("did not find expected hexdecimal number") and PyYAML's ("expected escape sequence of 2 hexadecimal numbers").
PROBLEMS: tuple[tuple[str, str], ...] = (
    ("hexdecimal number", _BACKSLASH),
    ("hexadecimal number", _BACKSLASH),
    ("unknown escape character", _BACKSLASH),
    ("Unicode character escape code", _BACKSLASH),
    ("undefined tag handle", _TAG),
    ("constructor for the tag", _TAG),
    ("does not fit its tag", f"nilai yang diawali !! dibaca sebagai jenis data YAML dan tidak sesuai jenisnya; {_QUOTE_IT}"),
    ("non-specific tag", _TAG),
    ("expected '>'", _TAG),
    ("the expected '>'", _TAG),
    ("tag URI", _TAG),
    ("expected URI", _TAG),
    ("URI escape", _TAG),
    ("expected '!'", _TAG),
    ("non-empty name appended to the tag", _TAG),
    ("node, but found", _TAG),  # !!omap, !!pairs, !!set and the like on the wrong kind of value
    ("expected a sequence, but found", _TAG),
    ("single mapping item", _TAG),
    ("mapping of length 1", _TAG),
    ("non-alphabetical character", f"tanda ! atau % di awal nilai dibaca sebagai perintah YAML; {_QUOTE_IT}"),
    ("second occurrence", f"nama jangkar (&nama) yang sama dipakai dua kali; {_QUOTE_IT}"),
    ("duplicate anchor", f"nama jangkar (&nama) yang sama dipakai dua kali; {_QUOTE_IT}"),
    ("undefined alias", f"tanda * di awal nilai dibaca sebagai alias YAML; {_QUOTE_IT}"),
    ("recursive node", f"tanda * di awal nilai dibaca sebagai alias YAML; {_QUOTE_IT}"),
    ("found another document", _SECOND_DOCUMENT),
    ("single document", _SECOND_DOCUMENT),
    ("document indicator", _SECOND_DOCUMENT),
    ("document separator", _SECOND_DOCUMENT),
    ("<document start>", "baris ini tidak dapat dibaca sebagai kunci: nilai; periksa indentasinya dan apakah titik dua ada"),
    ("incompatible YAML document", _DIRECTIVE),
    ("directive", _DIRECTIVE),
    ("version number", _DIRECTIVE),
    ("expected a digit", _DIRECTIVE),
    ("digit or '.'", _DIRECTIVE),
    ("indentation indicator", "setelah tanda | atau > hanya boleh ada +, - atau angka 1 sampai 9"),
    ("chomping", "setelah tanda | atau > hanya boleh ada +, - atau angka 1 sampai 9"),
    ("control characters", _INVISIBLE),
    ("special characters", _INVISIBLE),
    ("unacceptable character", _INVISIBLE),
    ("invalid Unicode character", _INVISIBLE),
    ("UTF-8", _INVISIBLE),
    ("UTF-16", _INVISIBLE),
    ("tab character", "ada karakter tab; gunakan spasi untuk indentasi"),
    ("mapping values are not allowed", "ada titik dua (:) yang tidak terduga; jika nilai mengandung titik dua, "
                                       "apit dengan tanda kutip, misalnya title: \"Rakor: Persiapan Pilkada\""),
    ("unexpected ':'", "ada titik dua (:) yang tidak terduga; jika nilai mengandung titik dua, apit dengan tanda kutip"),
    ("mapping keys are not allowed", f"tanda ? di awal nilai dibaca sebagai kunci YAML; {_QUOTE_IT}"),
    ("block sequence entries are not allowed", f"tanda - di awal nilai dibaca sebagai daftar; {_QUOTE_IT}"),
    ("'-' indicator", "setiap butir daftar harus diawali '- ' dengan indentasi yang sama"),
    ("expected ',' or ']'", "daftar [ ... ] tidak ditutup dengan benar"),
    ("expected ',' or '}'", "kurung kurawal { ... } tidak ditutup dengan benar; jika nilai diawali {, apit dengan tanda kutip"),
    ("whitespace", _AFTER_VALUE),
    ("expected ' '", _AFTER_VALUE),
    ("comment or line break", _AFTER_VALUE),
    ("comment or a line break", _AFTER_VALUE),
    ("expected the empty value", _AFTER_VALUE),
    ("node content", f"ada isi yang kosong atau tidak dapat dibaca; {_QUOTE_IT}"),
    ("alphabetic or numeric character", f"nilai yang diawali * atau & dibaca sebagai alias atau jangkar YAML; {_QUOTE_IT}"),
    ("unexpected end of stream", "tanda kutip tidak ditutup"),
    ("could not find expected ':'", "baris ini tidak berbentuk kunci: nilai"),
    ("<block end>", f"indentasi tidak rata, atau nilai diawali [ , {{ atau tanda kutip yang tidak membungkus seluruh nilai; "
                    f"{_QUOTE_IT}"),
    ("expected key", f"indentasi tidak rata, atau nilai diawali [ , {{ atau tanda kutip yang tidak membungkus seluruh nilai; "
                     f"{_QUOTE_IT}"),
    ("cannot start any token", f"nilai tidak boleh diawali karakter ini; {_QUOTE_IT}"),
    ("unhashable key", "kunci harus berupa teks biasa"),
    ("duplicate key", "kunci yang sama ditulis dua kali"),
    ("for merging", "kunci << dibaca sebagai penggabungan YAML; apit kunci itu dengan tanda kutip"),
    ("base64", "nilai bertanda !!binary tidak dapat dibaca; hapus tanda !!binary"),
)


def describe(problem: str | None, context: str | None = None) -> str:
    """An Indonesian explanation (without the leading 'YAML tidak valid: ') for a parser's problem and context."""
    for text in (problem or "", context or ""):
        for fragment, explanation in PROBLEMS:
            if fragment in text:
                return explanation
    return GENERAL
