"""YAML parsing that remembers where each value came from.

PyYAML throws positions away once it has built Python objects, but every
problem reported to a writer needs its line. We compose the node graph
ourselves and keep the 1-based file line of every mapping key and list item.

Two YAML 1.1 surprises are switched off, as YAML 1.2 does: dates stay strings
(we parse them ourselves, with Indonesian-friendly messages and a time zone),
and only true/false are booleans (so a tag "no" or "on" stays a word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from warta.yamlmessages import describe


# libyaml's C parser composes nodes (with their marks) many times faster than
# the pure-Python one; it ships in PyYAML's wheels, but fall back if absent.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

# A value with an explicit tag that does not fit it ("!!int abc", "!!bool ya") made PyYAML's constructors raise
# ValueError, KeyError or AttributeError instead of a YAML error; they become problems with the value's line.
_UNFIT = "found a value that does not fit its tag"


def _fitting(construct):  # type: ignore[no-untyped-def]
    def construct_checked(loader, node):  # type: ignore[no-untyped-def]
        try:
            return construct(loader, node)
        except (ValueError, ArithmeticError, LookupError, AttributeError, TypeError):
            raise yaml.constructor.ConstructorError(None, None, _UNFIT, node.start_mark) from None
    return construct_checked


for _tag in ("null", "bool", "int", "float", "binary", "timestamp"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _fitting(_Loader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"]))


class LineMap(dict):
    """A mapping whose keys remember their line; `line` is where it starts."""

    line: int
    key_lines: dict[Any, int]
    duplicate_keys: list[tuple[Any, int]]
    comments: list[tuple[Any, int, str]]  # (key, line, text) where '#...' after a value was dropped as a comment

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list whose items remember their line."""

    line: int
    item_lines: list[int]


@dataclass(frozen=True)
class YamlProblem(Exception):
    line: int
    message: str


_UNREADABLE_LINE = ("baris ini tidak dapat dibaca: indentasi tidak rata, atau nilai diawali [ , { atau tanda kutip "
                    "yang tidak membungkus seluruh nilai; apit seluruh nilai dengan tanda kutip tunggal ('...')")

# PyYAML's wording for the mistakes writers actually make, said in Indonesian with a way out.
_EXPLANATIONS = (
    ("mapping values are not allowed",
     "ada titik dua (:) yang tidak terduga; jika nilai mengandung titik dua, apit dengan tanda kutip, misalnya title: \"Rakor: Persiapan Pilkada\""),
    ("found character '\\t' that cannot start any token", "ada karakter tab; gunakan spasi untuk indentasi"),
    ("found a tab character", "ada karakter tab; gunakan spasi untuk indentasi"),
    ("could not find expected ':'", "baris ini tidak berbentuk kunci: nilai"),
    ("found unexpected end of stream", "tanda kutip tidak ditutup"),
    ("expected <block end>", _UNREADABLE_LINE),
    ("expected alphabetic or numeric character", "nilai yang diawali * dibaca sebagai alias YAML; apit nilai dengan tanda kutip"),
    ("expected node content", "ada isi yang kosong atau diawali # di dalam [ ]; apit setiap isi dengan tanda kutip"),
    ("block sequence entries are not allowed", "tanda - di awal nilai dibaca sebagai daftar; apit nilai dengan tanda kutip"),
    ("expected ',' or ']'", "daftar [ ... ] tidak ditutup dengan benar"),
    ("did not find expected key", _UNREADABLE_LINE),
    ("found undefined alias", "tanda * di awal nilai dibaca sebagai alias YAML; apit nilai dengan tanda kutip"),
)


def _explain(error: yaml.YAMLError, text: str) -> str:
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None) or ""
    for needle, explanation in _EXPLANATIONS:
        if needle in problem or needle in context:
            return f"YAML tidak valid: {explanation}"
    if "cannot start any token" in problem:
        # libyaml does not say which character; the mark points at it.
        mark = getattr(error, "problem_mark", None)
        lines = text.split("\n")
        line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
        char = line[mark.column] if mark is not None and mark.column < len(line) else "?"
        if char == "\t":
            return "YAML tidak valid: ada karakter tab; gunakan spasi untuk indentasi"
        return f"YAML tidak valid: nilai tidak boleh diawali '{char}'; apit nilai dengan tanda kutip"
    return f"YAML tidak valid: {describe(problem, context)}"


def parse_yaml(text: str, first_line: int = 1) -> Any:
    """Parse `text` whose first line is line `first_line` of its file.

    Returns plain Python values where mappings are `LineMap` and sequences are
    `LineList`. Raises `YamlProblem` with the file line of a syntax error.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _construct(loader, node, first_line - 1, text.split("\n"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        opened = ("end of stream", "could not find expected ':'", "expected ',' or ']'", "expected ',' or '}'")
        if error.context_mark and any(o in (error.problem or "") for o in opened):
            mark = error.context_mark  # something left open: point at where it was opened
        line = (mark.line if mark else 0) + first_line
        raise YamlProblem(line, _explain(error, text)) from None
    except yaml.YAMLError as error:  # the reader's (an unacceptable character) has a position, not a mark
        line = first_line + _lines_before(text, getattr(error, "position", None))
        raise YamlProblem(line, _explain(error, text)) from None
    finally:
        loader.dispose()


def _lines_before(text: str, position: object) -> int:
    """Line breaks before a reader error's position: libyaml counts UTF-8 bytes, PyYAML's reader characters."""
    if not isinstance(position, int):
        return 0
    if _BaseLoader is yaml.SafeLoader:
        return text.count("\n", 0, position)
    return text.encode("utf-8", "surrogatepass").count(b"\n", 0, position)


def _construct(loader: _Loader, node: yaml.Node, offset: int, lines: list[str]) -> Any:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result = LineMap()
        result.line = line
        result.key_lines = {}
        result.duplicate_keys = []
        result.comments = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlProblem(key_node.start_mark.line + 1 + offset, "kunci harus berupa teks biasa")
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                result.duplicate_keys.append((key, key_line))
            result[key] = _construct(loader, value_node, offset, lines)
            result.key_lines[key] = key_line
            comment = _trailing_comment(key_node if _is_empty(value_node) else value_node, lines)
            if comment:
                result.comments.append((key, key_line if _is_empty(value_node) else value_node.end_mark.line + 1 + offset, comment))
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList()
        items.line = line
        items.item_lines = []
        for child in node.value:
            items.append(_construct(loader, child, offset, lines))
            items.item_lines.append(child.start_mark.line + 1 + offset)
        return items
    return loader.construct_object(node, deep=True)


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style in (None, "") and node.value == ""


def _trailing_comment(node: yaml.Node, lines: list[str]) -> str:
    """The '# ...' that follows a plain value on its line: writers mean it as text, YAML drops it."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):
        return ""
    mark = node.end_mark
    if mark.line >= len(lines):
        return ""
    rest = lines[mark.line][mark.column:]
    position = rest.find("#")
    return rest[position:].strip() if position >= 0 else ""
