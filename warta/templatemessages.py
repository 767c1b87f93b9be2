"""Jinja's error texts, said in plain Indonesian for whoever edits a site's templates.

A template error is reported like any other mistake, as
`templates/x.html:line: message` (see render.py). Jinja words its syntax
errors for Python programmers ("expected token 'end of print statement', got
'x'"), and an error while a page is rendered is whatever Python raised. Both
are matched here by their wording; anything not recognised gets a general
Indonesian sentence, so English never reaches the writer.
"""

from __future__ import annotations

import re

import jinja2

SYNTAX_PREFIX = "templat tidak valid: "
RUNTIME_PREFIX = "templat gagal membuat halaman: "
GENERAL_SYNTAX = "penulisan {{ }}, {% %} atau {# #} di baris ini tidak dapat dibaca"
GENERAL_RUNTIME = "ada ekspresi di baris ini yang tidak dapat dijalankan; periksa nama dan isinya"

# Jinja's names for tokens (lexer.py, _describe_token_type), as a template author writes them.
_TOKENS = {
    "begin of comment": "{#",
    "end of comment": "#}",
    "comment": "komentar",
    "begin of statement block": "{%",
    "end of statement block": "%}",
    "begin of print statement": "{{",
    "end of print statement": "}}",
    "begin of line statement": "awal pernyataan baris",
    "end of line statement": "akhir pernyataan baris",
    "template data / text": "teks biasa",
    "end of template": "akhir templat",
    "name": "nama",
    "integer": "angka",
    "float": "angka",
    "string": "teks dalam tanda kutip",
}

# Python's and Warta's types by name, as they appear in "'x object' has no attribute 'y'".
_TYPES = {
    "Post": "berita", "Page": "halaman", "Term": "halaman istilah", "SiteConfig": "site", "dict": "kamus",
    "list": "daftar", "tuple": "daftar", "str": "teks", "int": "angka", "float": "angka", "None": "nilai kosong",
    "NoneType": "nilai kosong", "Undefined": "nilai yang tidak ada",
}


def _token(description: str) -> str:
    return _TOKENS.get(description, description)


def _tags(listing: str) -> list[str]:
    """"'endfor' or 'else'" -> ['endfor', 'else']"""
    return re.findall(r"'([^']*)'", listing)


def _blocks(names: list[str]) -> str:
    return " atau ".join("{% " + name + " %}" for name in names)


def _unfinished(message: str, unknown: str | None) -> str:
    """Jinja's "Unexpected end of template." / "Encountered unknown tag 'x'." with what it was looking for."""
    looking = re.search(r"(?:looking for the following tags|but currently looking for):? (.+?)\.(?: |$)", message)
    innermost = re.search(r"The innermost block that needs to be closed is '([^']*)'", message)
    tags = _tags(looking.group(1)) if looking else []
    wanted = _blocks([t for t in tags if t.startswith("end")] or tags)  # {% endif %}, rather than elif or else
    opened = "{% " + innermost.group(1) + " %}" if innermost else ""
    if unknown is None:
        if opened and wanted:
            return f"templat berakhir sebelum {opened} ditutup; tambahkan {wanted}"
        return "templat berakhir di tengah perintah; periksa apakah setiap {% %} yang dibuka sudah ditutup"
    tag = "{% " + unknown + " %}"
    if "nesting mistake" in message:
        return f"{tag} salah urutan: {opened or 'blok di dalamnya'} harus ditutup lebih dulu dengan {wanted}"
    closing = f" untuk menutup {opened}" if opened else ""
    if unknown.startswith("end") or unknown in ("else", "elif"):
        return f"{tag} tidak pada tempatnya" + (f"; di sini yang ditunggu adalah {wanted}{closing}" if wanted else "")
    if wanted:
        return f"tag {tag} tidak dikenal; di sini yang ditunggu adalah {wanted}{closing}"
    return f"tag {tag} tidak dikenal"


# (pattern, Indonesian); a callable gets the match.
_SYNTAX: tuple[tuple[re.Pattern[str], object], ...] = tuple((re.compile(p), text) for p, text in (
    (r"^unexpected end of template, expected '(.+)'\.$",
     lambda m: f"templat berakhir padahal masih harus ada '{_token(m.group(1))}'"),
    (r"^expected token '(.+)', got '(.+)'$",
     lambda m: f"seharusnya ada '{_token(m.group(1))}', tetapi yang tertulis '{_token(m.group(2))}'"),
    (r"^Unexpected end of template\.", lambda m: _unfinished(m.string, None)),
    (r"^Encountered unknown tag '([^']*)'\.", lambda m: _unfinished(m.string, m.group(1))),
    (r"^unexpected '(.+)', expected '(.+)'$",
     lambda m: f"tanda '{_token(m.group(1))}' tidak terduga; seharusnya '{_token(m.group(2))}'"),
    (r"^unexpected '\}'$", "tanda '}' tidak terduga; {{ ... }} ditutup dengan dua kurung kurawal }}"),
    (r"^unexpected '(.+)'$", lambda m: f"tanda '{_token(m.group(1))}' tidak terduga di sini"),
    (r"^unexpected char (['\"])(['\"])\1 at \d+$", "tanda kutip belum ditutup di dalam {{ }} atau {% %}"),
    (r"^unexpected char (['\"])(.+)\1 at \d+$",
     lambda m: f"karakter '{m.group(2)}' tidak boleh ada di dalam {{{{ }}}} atau {{% %}}"),
    (r"^Missing end of comment tag", "komentar {# tidak ditutup dengan #}"),
    (r"^Missing end of raw directive", "{% raw %} tidak ditutup dengan {% endraw %}"),
    (r"^tag name expected", "setelah {% harus ada nama perintah, misalnya {% if ... %}"),
    (r"^expected name or number", "setelah titik harus ada nama atau angka"),
    (r"^expected subscript expression", "di dalam [ ] harus ada isi"),
    (r"^Expected an expression, got '(.+)'$", lambda m: f"seharusnya ada ekspresi, tetapi yang tertulis '{_token(m.group(1))}'"),
    (r"^invalid syntax for function call expression", "penulisan pemanggilan fungsi ( ) tidak valid"),
    (r"^expected call", "seharusnya ada pemanggilan fungsi ( ) di sini"),
    (r"^block '(.+)' defined twice", lambda m: f"blok '{m.group(1)}' ditulis dua kali"),
    (r"^Block names in Jinja have to be valid Python identifiers",
     "nama blok hanya boleh berisi huruf, angka dan garis bawah (_), tanpa tanda hubung"),
    (r"^No filter named '(.+?)'", lambda m: f"filter '{m.group(1)}' tidak dikenal"),
    (r"^No test named '(.+?)'", lambda m: f"uji 'is {m.group(1)}' tidak dikenal"),
    (r"^cannot use extend from a non top-level scope",
     "{% extends %} harus ditulis di tingkat teratas templat, tidak di dalam blok lain"),
    (r"^non-default argument follows default argument",
     "argumen tanpa nilai bawaan harus ditulis sebelum argumen yang bernilai bawaan"),
    (r"^You cannot chain multiple tests with is", "kata 'is' tidak boleh dipakai berantai"),
    (r"^Required blocks can only contain", "blok required hanya boleh berisi komentar atau spasi"),
    (r"^can't assign to", "nilai ini tidak dapat diisi dengan {% set %}"),
    (r"^Can't assign to special loop variable", "'loop' adalah nama khusus di {% for %} dan tidak dapat diisi"),
    (r"^names starting with an underline can not be imported", "nama yang diawali _ tidak dapat diimpor"),
    (r"^Invalid character in identifier", "nama berisi karakter yang tidak diizinkan"),
    (r"caller", "argumen 'caller' pada macro harus diberi nilai bawaan atau dihapus"),
))


def syntax_message(message: str) -> str:
    """Jinja's TemplateSyntaxError message (without location) in Indonesian, with SYNTAX_PREFIX."""
    return SYNTAX_PREFIX + _match(_SYNTAX, message.strip(), GENERAL_SYNTAX)


def _match(table: tuple[tuple[re.Pattern[str], object], ...], message: str, general: str) -> str:
    for pattern, text in table:
        found = pattern.search(message)
        if found:
            return text(found) if callable(text) else str(text)
    return general


def _type_name(described: str) -> str:
    """"'warta.content.Post object'" or "list object" -> 'berita (Post)' / 'daftar'."""
    name = described.strip("'").removesuffix(" object").rsplit(".", 1)[-1]
    friendly = _TYPES.get(name)
    return f"{friendly} ({name})" if friendly in ("berita", "halaman", "halaman istilah") else friendly or name


_RUNTIME: tuple[tuple[re.Pattern[str], object], ...] = tuple((re.compile(p), text) for p, text in (
    (r"^'(.+)' is undefined$",
     lambda m: f"'{m.group(1)}' tidak dikenal di templat ini; periksa ejaannya, atau apakah nilai itu ada untuk halaman ini"),
    (r"^(.+) has no attribute '(.+)'$",
     lambda m: f"isian '{m.group(2)}' tidak ada pada {_type_name(m.group(1))}; periksa ejaannya"),
    (r"^(.+) has no element (.+)$", lambda m: f"{_type_name(m.group(1))} tidak punya butir {m.group(2)}"),
    (r"^No filter named '(.+?)'", lambda m: f"filter '{m.group(1)}' tidak dikenal"),
    (r"^No test named '(.+?)'", lambda m: f"uji 'is {m.group(1)}' tidak dikenal"),
    (r"is not iterable", "nilai ini bukan daftar, sehingga tidak dapat diulang dengan {% for %}"),
    (r"is not callable", "nilai ini bukan fungsi, sehingga tidak dapat dipanggil dengan ( )"),
    (r"not subscriptable", "nilai ini tidak dapat diakses dengan [ ]"),
    (r"unsupported operand|can only concatenate|must be str|not supported between",
     "jenis nilainya tidak cocok untuk operasi ini (misalnya teks digabung dengan angka; pakai ~ atau filter string)"),
    (r"required positional argument|takes \d+ positional argument|unexpected keyword argument|got multiple values",
     "fungsi atau filter dipanggil dengan argumen yang salah"),
))


def runtime_message(error: BaseException) -> str:
    """What went wrong while a template rendered a page, in Indonesian, with RUNTIME_PREFIX."""
    if isinstance(error, jinja2.TemplatesNotFound):
        names = ", ".join(f"'{name}'" for name in error.templates)
        return RUNTIME_PREFIX + f"templat {names} tidak ditemukan di folder templates/ maupun di templat bawaan Warta"
    if isinstance(error, jinja2.TemplateNotFound):
        return RUNTIME_PREFIX + f"templat '{error.name}' tidak ditemukan di folder templates/ maupun di templat bawaan Warta"
    if isinstance(error, RecursionError):
        return RUNTIME_PREFIX + "templat memanggil dirinya sendiri tanpa henti (misalnya lewat {% include %})"
    if isinstance(error, ZeroDivisionError):
        return RUNTIME_PREFIX + "ada pembagian dengan nol"
    message = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return RUNTIME_PREFIX + _match(_RUNTIME, message.strip(), GENERAL_RUNTIME)
