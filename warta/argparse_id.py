"""argparse in Indonesian: the command's help, usage lines and usage errors.

argparse marks every text it prints for translation and looks the
translation up, at the moment it needs it, through the module-level
functions `argparse._` and `argparse.ngettext` (bound to `gettext` at import,
in Python 3.11 to 3.14). The usual way to translate them is a compiled
catalogue for the process-wide gettext domain; Warta instead swaps in a small
in-code catalogue for as long as it builds a parser and parses the command
line (`indonesian_argparse`), and puts the standard functions back after,
so nothing else in the process is affected. A text that is not in the
catalogue (one added by a later Python) is printed as argparse wrote it.

Texts that only a programmer's mistake in the parser definition can show
(conflicting option strings and the like) are not translated.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from warta.diagnostics import closest

# argparse's message ids, as in CPython's Lib/argparse.py (3.11 to 3.14), and what a writer reads instead.
MESSAGES: dict[str, str] = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "optional arguments": "pilihan",  # the title before Python 3.10, kept for any parser that still sets it
    "subcommands": "perintah",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (bawaan: %(default)s)",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi Warta lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: peringatan: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu dari %s wajib diisi",
    "not allowed with argument %s": "tidak boleh dipakai bersama %s",
    "ignored explicit argument %r": "pilihan ini tidak menerima nilai %r",
    "expected one argument": "perlu satu nilai sesudahnya",
    "expected at most one argument": "paling banyak satu nilai sesudahnya",
    "expected at least one argument": "perlu paling sedikit satu nilai sesudahnya",
    "ambiguous option: %(option)s could match %(matches)s": "pilihan %(option)s kurang lengkap: bisa berarti %(matches)s",
    "unexpected option string: %s": "pilihan tidak terduga: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r tidak dikenal; pilih salah satu: %(choices)s",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "%(value)r tidak dikenal; mungkin maksud Anda %(closest)r? Pilih salah satu: %(choices)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "perintah %(parser_name)r tidak dikenal; pilih salah satu: %(choices)s",
    "can't open '%(filename)s': %(error)s": "berkas '%(filename)s' tidak dapat dibuka: %(error)s",
    "argument '%(argument_name)s' is deprecated": "argumen '%(argument_name)s' sudah usang",
    "option '%(option)s' is deprecated": "pilihan '%(option)s' sudah usang",
    "command '%(parser_name)s' is deprecated": "perintah '%(parser_name)s' sudah usang",
}

# ngettext's singular ids; Indonesian says both numbers the same way.
PLURAL_MESSAGES: dict[str, str] = {
    "expected %s argument": "perlu %s nilai sesudahnya",
}

# `type=` functions by the name argparse puts in "invalid %(type)s value".
TYPE_NAMES = {"int": "bilangan bulat", "float": "bilangan"}
INVALID_VALUE = "invalid %(type)s value: %(value)r"


class _InvalidValue(str):
    """The "invalid %(type)s value" text: the Python type's name becomes an Indonesian word."""

    def __mod__(self, values: Any) -> str:
        kind = TYPE_NAMES.get(values.get("type", "")) if isinstance(values, dict) else None
        if kind is None:
            return str.__mod__("nilai %(value)r tidak valid", values)
        return str.__mod__("nilai %(value)r tidak valid: harus berupa %(kind)s", {**values, "kind": kind})


def translate(message: str) -> str:
    if message == INVALID_VALUE:
        return _InvalidValue(message)
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    found = PLURAL_MESSAGES.get(singular)
    if found is not None:
        return found
    return singular if count == 1 else plural


@contextmanager
def indonesian_argparse() -> Iterator[None]:
    """argparse speaks Indonesian inside this block (parser construction, parsing, help and errors)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]  # argparse's hooks: not in typeshed
    argparse._, argparse.ngettext = translate, translate_plural  # type: ignore[attr-defined]  # argparse's hooks: not in typeshed
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]  # argparse's hooks: not in typeshed


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors end with where to read more, in the same words on every Python.

    Abbreviated options are refused: argparse would take `--draft` for `--drafts` without a word, and a
    future option could silently change what an abbreviation a CI recipe relies on means.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n"
                     f"Ketik '{self.prog} --help' untuk melihat semua pilihan.\n")


def parse_args(parser: argparse.ArgumentParser, args: list[str], stray_command: str | None = None) -> argparse.Namespace:
    """`parser.parse_args(args)`, but an unknown option is reported by the command it was given to
    (with that command's usage and the closest option it has), not by the top-level parser.

    `stray_command` is the first word when it was no command (and the default command was put before it):
    if it is left over, the closest command name is suggested.
    """
    parsed, extras = parser.parse_known_args(args)
    if extras:
        target = parser
        for action in parser._actions:  # the subcommand chosen, if any
            if isinstance(action, argparse._SubParsersAction) and getattr(parsed, action.dest, None) in action.choices:
                target = action.choices[getattr(parsed, action.dest)]
        if extras[0].startswith("-"):
            candidates = [option for action in target._actions for option in action.option_strings]
        elif extras[0] == stray_command:  # 'warta biuld' runs 'build' with 'biuld' left over
            candidates = [name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
                          for name in action.choices]
        else:
            candidates = []
        suggestion = closest(extras[0], candidates, cutoff=0.75)
        hint = f"; mungkin maksud Anda '{suggestion}'?" if suggestion else ""
        target.error(translate("unrecognized arguments: %s") % " ".join(extras) + hint)
    return parsed
