"""YAML parsing that remembers where each value came from.

PyYAML throws positions away once it has built Python objects, but every
problem reported to a writer needs its line. We compose the node graph
ourselves and keep the 1-based file line of every mapping key and list item.

Some YAML 1.1 surprises are switched off, as YAML 1.2 does: dates stay strings
(we parse them ourselves, with Indonesian-friendly messages and a time zone),
only true/false are booleans (so a tag "no" or "on" stays a word), and a bare
'=' or '<<' is text. Anchors, aliases and deep nesting are refused (see
`_Composer`): writers never need them and they are how a small file exhausts
a machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import yaml

from warta.characters import find_invalid
from warta.limits import MAX_NESTING
from warta.yamlmessages import describe

# libyaml's C parser composes nodes (with their marks) many times faster than
# the pure-Python one; it ships in PyYAML's wheels, but fall back if absent.
try:
    from yaml import CSafeLoader as _BaseLoader

    _POSITIONS_IN_BYTES = True  # libyaml counts a reader error's position in UTF-8 bytes
except ImportError:
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # the same interface, in Python

    _POSITIONS_IN_BYTES = False  # PyYAML's reader counts characters


class _Loader(_BaseLoader):
    pass


# YAML 1.1 types that YAML 1.2 dropped: a bare '=' (value) or '<<' (merge, useless without aliases) is text.
_NOT_IMPLICIT = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:value", "tag:yaml.org,2002:merge")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NOT_IMPLICIT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

# A value with an explicit tag that does not fit it ("!!int abc", "!!bool ya") made PyYAML's constructors raise
# ValueError, KeyError or AttributeError instead of a YAML error; they become problems with the value's line.
_UNFIT = "found a value that does not fit its tag"


def _fitting(construct: Callable[[_Loader, yaml.Node], Any]) -> Callable[[_Loader, yaml.Node], Any]:
    def construct_checked(loader: _Loader, node: yaml.Node) -> Any:
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
    # libyaml 0.2.6 (PyYAML 6.0.4 wheels) scans a flow collection ahead to its own depth limit before the
    # composer sees the 21st level: the same mistake, the same message.
    ("exceeded maximum nesting depth", f"daftar atau kunci bersarang lebih dari {MAX_NESTING} tingkat; sederhanakan isinya"),
    ("mapping values are not allowed",
     "ada titik dua (:) yang tidak terduga; jika nilai mengandung titik dua, apit dengan tanda kutip, "
     "misalnya title: \"Rakor: Persiapan Pilkada\""),
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
    `LineList`. Raises `YamlProblem` with the file line of a syntax error, of an
    anchor or alias, of nesting deeper than `MAX_NESTING` and of a character
    no page can carry (written as an escape inside double quotes).
    """
    loader = _Loader(text)
    lines = text.split("\n")
    try:
        return _Composer(loader, first_line - 1, lines).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        opened = ("end of stream", "could not find expected ':'", "expected ',' or ']'", "expected ',' or '}'")
        if error.context_mark and any(o in (error.problem or "") for o in opened):
            mark = error.context_mark  # something left open: point at where it was opened
        index = mark.line if mark else 0
        if (swallowed := _unclosed_quote_before(lines, index, first_line - 1)) is not None:
            opening, message = swallowed  # the quote left open is the cause, wherever the parser tripped
            raise YamlProblem(opening + first_line, message) from None
        raise YamlProblem(index + first_line, _explain(error, text)) from None
    except yaml.YAMLError as error:  # the reader's (an unacceptable character) has a position, not a mark
        line = first_line + _lines_before(text, getattr(error, "position", None))
        raise YamlProblem(line, _explain(error, text)) from None
    finally:
        loader.dispose()


def _lines_before(text: str, position: object) -> int:
    """Line breaks before a reader error's position: libyaml counts UTF-8 bytes, PyYAML's reader characters."""
    if not isinstance(position, int):
        return 0
    if not _POSITIONS_IN_BYTES:
        return text.count("\n", 0, position)
    return text.encode("utf-8", "surrogatepass").count(b"\n", 0, position)


_STR = "tag:yaml.org,2002:str"


class _Composer:
    """Builds values straight from the parser's events, checking each before going further.

    PyYAML's own composer would first build the whole node graph: recursively (a list nested
    thousands deep exhausts the stack) and with aliases shared, so that a few lines of anchors
    and aliases (the "billion laughs") expand to more values than memory holds. Writers never
    need either, so an anchor, an alias or the 21st level of nesting is refused at its line,
    having read no more of the document than that.
    """

    def __init__(self, loader: _Loader, offset: int, lines: list[str]):
        self.loader = loader
        self.offset = offset
        self.lines = lines

    # The composer runs for every key of every file: the None checks the stubs ask for are asserts in
    # place rather than helper calls (the helpers made reading front matter about 15% slower).

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        assert mark is not None, "an event without a position"  # the parsers give every event one
        return mark.line + 1 + self.offset

    def document(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        event = loader.get_event()
        assert event is not None  # a document holds a value
        value = self.value(event, 1)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            extra = loader.peek_event()
            assert extra is not None  # not the end of the stream: checked above
            raise YamlProblem(self.line(extra), "YAML tidak valid: ada baris '---' atau '...' di "
                              "tengah berkas, sehingga isinya terbaca sebagai dua bagian; hapus baris itu, atau apit "
                              "nilai yang memuatnya dengan tanda kutip")
        return value

    def value(self, event: yaml.Event, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(self.line(event), "YAML tidak valid: nilai yang diawali * dibaca sebagai alias YAML; "
                              "apit nilai dengan tanda kutip")
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise YamlProblem(self.line(event), f"YAML tidak valid: nilai yang diawali &{event.anchor} dibaca sebagai "
                              "anchor YAML, yang tidak didukung; tulis isinya langsung, atau apit nilai dengan tanda kutip")
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if depth > MAX_NESTING:
            raise YamlProblem(self.line(event), f"YAML tidak valid: daftar atau kunci bersarang lebih dari {MAX_NESTING} "
                              "tingkat; sederhanakan isinya")
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(event, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(event, depth)
        raise AssertionError(f"the parser started no value with {event}")  # YAML has no other kind of node

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            value: Any = event.value
        else:
            # The stubs name only the pure-Python parser's Mark; libyaml's marks serve nodes just as well.
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,  # type: ignore[arg-type]
                                   style=event.style)
            value = self.loader.construct_object(node, deep=True)
        if isinstance(value, str) and (found := find_invalid(value)):
            raise YamlProblem(self.line(event), f"teks berisi {found.named()} yang tidak boleh ada di halaman; "
                              "hapus kode escape (\\...) di dalam tanda kutip")
        return value

    def mapping(self, start: yaml.MappingStartEvent, depth: int) -> LineMap:
        loader = self.loader
        result = LineMap()
        result.line = self.line(start)
        result.key_lines = {}
        result.duplicate_keys = []
        result.comments = []
        while not loader.check_event(yaml.MappingEndEvent):
            key_event = loader.get_event()
            assert key_event is not None  # `check_event` saw one
            key_line = self.line(key_event)
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor is not None:
                if isinstance(key_event, (yaml.AliasEvent, yaml.ScalarEvent)):
                    self.value(key_event, depth)  # says why
                raise YamlProblem(key_line, "kunci harus berupa teks biasa")
            key = self.scalar(key_event)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlProblem(key_line, "kunci harus berupa teks biasa")
            if key in result:
                result.duplicate_keys.append((key, key_line))
            value_event = loader.peek_event()
            assert value_event is not None  # a key is always followed by its value
            if isinstance(value_event, yaml.ScalarEvent) and value_event.style in ('"', "'"):
                opening = _start(value_event).line
                swallowed = _swallowed_keys(self.lines, _start(key_event).column, opening, _end(value_event).line)
                if swallowed:
                    raise YamlProblem(key_line, _swallowed_message(str(key), value_event.style, opening, swallowed,
                                                                   self.offset))
            loader.get_event()  # the value's first event: `value_event`, peeked above
            result[key] = self.value(value_event, depth + 1)
            result.key_lines[key] = key_line
            empty = _is_empty(value_event)
            comment = _trailing_comment(key_event if empty else value_event, self.lines)
            if comment:
                result.comments.append((key, key_line if empty else _end(value_event).line + 1 + self.offset, comment))
        loader.get_event()
        return result

    def sequence(self, start: yaml.SequenceStartEvent, depth: int) -> LineList:
        loader = self.loader
        items = LineList()
        items.line = self.line(start)
        items.item_lines = []
        while not loader.check_event(yaml.SequenceEndEvent):
            event = loader.get_event()
            assert event is not None  # `check_event` saw one
            items.append(self.value(event, depth + 1))
            items.item_lines.append(self.line(event))
        loader.get_event()
        return items


class _Mark(Protocol):
    """A position in the text: PyYAML's own `Mark`, or libyaml's."""

    line: int  # 0-based
    column: int


def _start(event: yaml.Event) -> _Mark:
    assert event.start_mark is not None, "an event without a position"  # the parsers give every event one
    return event.start_mark


def _end(event: yaml.Event) -> _Mark:
    assert event.end_mark is not None, "an event without a position"
    return event.end_mark


def _is_empty(event: yaml.Event) -> bool:
    return isinstance(event, yaml.ScalarEvent) and event.style in (None, "") and event.value == ""


def _trailing_comment(event: yaml.Event, lines: list[str]) -> str:
    """The '# ...' that follows a plain value on its line: writers mean it as text, YAML drops it."""
    if not isinstance(event, yaml.ScalarEvent) or event.style not in (None, ""):
        return ""
    mark = _end(event)
    if mark.line >= len(lines):
        return ""
    rest = lines[mark.line][mark.column:]
    position = rest.find("#")
    return rest[position:].strip() if position >= 0 else ""


# A line that reads as "key: value" (or "key:"); inside a quoted value it means the quote was left open.
# Keys are lower case; a sentence that goes on with "Kegiatan: ..." is text.
_KEY_LINE = re.compile(r"( *)([a-z_][a-z0-9_-]*)[ \t]*:(?:[ \t]|$)")
# A key whose value opens with a quote: "title: \"Rakor" (the rest of the line follows the quote).
_QUOTED_VALUE = re.compile(r"( *)(?:- +)?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]+([\"'])(.*)")


def _swallowed_keys(lines: list[str], column: int, opening: int, closing: int) -> list[tuple[int, str]]:
    """(index, key) of the lines after `opening` up to `closing` that look like keys of the same mapping.

    A quoted value may go on over several lines, so a value whose closing quote was forgotten runs on
    until the next quote, taking the keys in between with it: valid YAML that publishes them as text.
    Continuation lines a writer means are indented further than the key; these are not.
    """
    found = []
    for index in range(opening + 1, min(closing, len(lines) - 1) + 1):
        match = _KEY_LINE.match(lines[index])
        if match and len(match.group(1)) <= column:
            found.append((index, match.group(2)))
    return found


def _swallowed_message(key: str, quote: str, opening: int, swallowed: list[tuple[int, str]], offset: int) -> str:
    """Why the keys after an open quote vanished, said at the line where the quote opens (0-based indexes)."""
    first, last = swallowed[0][0] + 1 + offset, swallowed[-1][0] + 1 + offset
    where = f"baris {first}" if first == last else f"baris {first}-{last}"
    names = [f"{name}:" for _, name in swallowed[:3]] + (["..."] if len(swallowed) > 3 else [])
    return (f"tanda kutip ({quote}) pada '{key}' tidak ditutup di baris yang sama, sehingga {where} "
            f"({', '.join(names)}) ikut terbaca sebagai isi '{key}'; tutup tanda kutipnya di akhir baris "
            f"{opening + 1 + offset}")


def _closing_quote(text: str, quote: str) -> int | None:
    """The position of the quote that ends a quoted value in `text` (which starts after the opening quote)."""
    position = 0
    while position < len(text):
        char = text[position]
        if quote == '"' and char == "\\":
            position += 2
            continue
        if char == quote:
            if quote == "'" and text[position + 1:position + 2] == "'":
                position += 2  # '' is a quote inside single quotes
                continue
            return position
        position += 1
    return None


def _unclosed_quote_before(lines: list[str], failed: int, offset: int) -> tuple[int, str] | None:
    """For a parse that failed at line index `failed`: an earlier quote left open that swallowed keys,
    as (index of its line, message). Read from the text, since the parser stopped: a value that opens
    with a quote not closed on its line, whose following lines (up to its closing quote) look like keys."""
    for index, line in enumerate(lines[: failed + 1]):
        match = _QUOTED_VALUE.match(line)
        if match is None or _closing_quote(match.group(4), match.group(3)) is not None:
            continue
        quote, closing = match.group(3), len(lines) - 1
        for later in range(index + 1, len(lines)):
            if _closing_quote(lines[later], quote) is not None:
                closing = later
                break
        swallowed = _swallowed_keys(lines, len(match.group(1)), index, closing)
        if swallowed:
            return index, _swallowed_message(match.group(2), quote, index, swallowed, offset)
    return None
