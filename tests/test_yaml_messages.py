"""Every YAML syntax error reaches the writer in Indonesian, with its line; none is a crash."""

from __future__ import annotations

import re

import pytest

from warta.yamlmessages import GENERAL, describe
from warta.yamlsource import YamlProblem, parse_yaml

# Words of PyYAML's and libyaml's messages; Indonesian never uses them.
ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|did|not|find|allowed|could|cannot|unexpected|"
                     r"undefined|unknown|invalid|occurrence|document|stream|character|escape|hexdecimal|number)\b",
                     re.IGNORECASE)

SNIPPETS = [
    ('title: "Data di D:\\xampp"\n', 1),  # did not find expected hexdecimal number
    ('title: "Rakor \\u12"\n', 1),
    ('title: "Rakor \\Kampanye"\n', 1),  # found unknown escape character
    ("date: 2024-08-13\ntags: [!Penting, apel]\n", 2),  # found undefined tag handle
    ("title: !!python/object x\n", 1),  # could not determine a constructor
    ("a: 1\nb: &x 2\n", 2),  # anchors are refused where they stand (yamlsource._Composer)
    ("a: ok\nb: b\x01c\n", 2),  # control characters are not allowed
    ("a: éééééééééééééééééééé\nb: x\x01\nc: d\nd: e\ne: f\n", 2),  # libyaml's position counts bytes
    ("a: 1\n---\nb: 2\n", 2),  # but found another document
    ("%YAML 2.0\n---\na: 1\n", 1),  # found incompatible YAML document
    ('a: "x\n---\n"\n', 2),  # found unexpected document indicator
    ("a: |0\n  x\n", 1),  # found an indentation indicator equal to 0
    ("a: !<x y\n", 1),  # did not find the expected '>'
    ("a: {b: c\n", 1),  # did not find expected ',' or '}'
    ("- a\nb: c\n", 2),  # did not find expected '-' indicator
    ("a: &\n", 1),  # did not find expected alphabetic or numeric character (an anchor)
    ("x: !!int abc\n", 1),  # crashed with ValueError
    ("x:\n  y: !!float abc\n", 2),
    ("x: !!bool ya\n", 1),  # crashed with KeyError
    ("x: !!timestamp kemarin\n", 1),  # crashed with AttributeError
    ('x: !!binary "é"\n', 1),
    ("x: !!omap 1\n", 1),
]


@pytest.mark.parametrize(("text", "line"), SNIPPETS)
def test_yaml_problem_is_indonesian_with_its_line(text: str, line: int):
    with pytest.raises(YamlProblem) as raised:
        parse_yaml(text)
    assert raised.value.line == line
    message = raised.value.message
    assert message.startswith("YAML tidak valid: "), message
    assert not ENGLISH.search(message), message
    assert GENERAL not in message, message  # each of these has its own explanation


def test_front_matter_lines_count_from_the_file():
    with pytest.raises(YamlProblem) as raised:
        parse_yaml("title: Rakor\nsummary: a\x01b\n", first_line=2)
    assert raised.value.line == 3


@pytest.mark.parametrize("problem", [
    # libyaml's wording (CSafeLoader) and PyYAML's (SafeLoader), from their sources
    "did not find expected hexdecimal number", "expected escape sequence of 2 hexadecimal numbers, but found 'G'",
    "found unknown escape character", "found unknown escape character 'q'", "found undefined tag handle",
    "found undefined tag handle '!foo!'", "found duplicate anchor; first occurrence", "second occurrence",
    "found character that cannot start any token", "found character '@' that cannot start any token",
    "did not find expected key", "expected <block end>, but found '<scalar>'", "mapping values are not allowed here",
    "mapping values are not allowed in this context", "could not find expected ':'",
    "found unexpected end of stream", "did not find expected node content", "expected the node content, but found ','",
    "did not find expected ',' or ']'", "expected ',' or ']', but got '<stream end>'", "did not find expected <document start>",
    "found incompatible YAML document", "did not find expected whitespace or line break",
    "expected a comment or a line break, but found 'x'", "found a tab character that violates indentation",
    "found invalid Unicode character escape code", "control characters are not allowed",
    "unacceptable character #x0001: special characters are not allowed", "invalid leading UTF-8 octet",
    "did not find URI escaped octet", "found unexpected ':'", "mapping keys are not allowed in this context",
    "block sequence entries are not allowed in this context", "found an indentation indicator equal to 0",
    "expected chomping or indentation indicators, but found 'x'", "did not find expected digit or '.' character",
    "found undefined alias", "found undefined alias 'x'", "expected a single document in the stream",
])
def test_every_parser_problem_has_its_own_explanation(problem: str):
    assert describe(problem) != GENERAL


def test_anything_else_still_gets_an_indonesian_sentence():
    assert describe("some future libyaml text", None) == GENERAL
    assert not ENGLISH.search(GENERAL)


@pytest.mark.parametrize(("text", "line", "swallowed"), [
    # Valid YAML: a quoted value runs on to the next quote and takes the keys between as its text.
    ('date: 2024-11-26\ntitle: "Apel Siaga\ntahapan: [pemungutan-suara]\nsummary: Apel pagi."\n', 2,
     "baris 3-4 (tahapan:, summary:)"),
    ("title: 'Rekap\ndate: 2024-11-28\n'\n", 1, "baris 2 (date:)"),
    # Not valid YAML: the parser trips later (line 3); the cause is the quote opened on line 1.
    ('title: "Sosialisasi\ndate: 2024-11-29\ntags: [a, "b"]\n', 1, "baris 2-3 (date:, tags:)"),
    ('title: "Rakor\ndate: 2024-08-13\n', 1, "baris 2 (date:)"),  # never closed
])
def test_quote_left_open_is_reported_where_it_opens(text: str, line: int, swallowed: str):
    with pytest.raises(YamlProblem) as raised:
        parse_yaml(text, first_line=1)
    assert raised.value.line == line
    assert f"tidak ditutup di baris yang sama, sehingga {swallowed} ikut terbaca sebagai isi 'title'" in raised.value.message
    assert raised.value.message.endswith(f"tutup tanda kutipnya di akhir baris {line}")


@pytest.mark.parametrize(("text", "expected"), [
    ('title: "Apel Siaga\n  Kota Kediri: Pengawasan"\ndate: 2024-11-26\n', "Apel Siaga Kota Kediri: Pengawasan"),
    ("summary: |\n  kata: \"buka\ntitle: x\n", 'kata: "buka\n'),
    ("title: 'It''s\n  ok'\n", "It's ok"),
    ('summary: "Apel diikuti 200 orang.\nCatatan: cuaca cerah."\n', "Apel diikuti 200 orang. Catatan: cuaca cerah."),
])
def test_quoted_value_over_several_indented_lines_is_still_text(text: str, expected: str):
    parsed = parse_yaml(text)
    assert expected in parsed.values()
