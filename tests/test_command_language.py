"""The `warta` command speaks Indonesian: its help, usage lines and usage errors, not argparse's English."""

from __future__ import annotations

import argparse
import gettext
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO
from warta.cli import main

# What argparse says in English (3.11 to 3.14); none of it may reach a writer.
ENGLISH = ("usage", "positional arguments", "options:", "optional arguments", "show this help", "show program",
           "error:", "argument", "required", "unrecognized", "invalid", "expected", "choose from", "exit",
           "maybe you meant", "default:", "subcommands", "ambiguous")


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if re.search(re.escape(phrase), text, re.IGNORECASE)]


@pytest.mark.parametrize("args", [("--help",), ("-h",), ("build", "--help"), ("serve", "--help"), ("new", "--help"),
                                  ("check", "--help")])
def test_help_is_indonesian(capsys, args: tuple[str, ...]):
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    prog = " ".join(("warta", *args[:-1]))
    assert out.startswith(f"penggunaan: {prog} [-h]"), out
    assert "\npilihan:\n" in out
    assert "tampilkan bantuan ini lalu keluar" in out
    assert english_in(out) == [], out


def test_top_level_help_explains_the_commands(capsys):
    _, out, _ = run(capsys, "--help")
    assert "\nargumen:\n" in out
    assert re.search(r"^\s+--version\s+tampilkan versi Warta lalu keluar$", out, re.MULTILINE), out
    for command in ("build", "serve", "new", "check"):
        assert re.search(rf"^\s+{command}\s+\S", out, re.MULTILINE), command


def last_lines(err: str) -> list[str]:
    """The error and the hint after the usage lines."""
    return err.splitlines()[-2:]


def test_missing_title_for_new(capsys):
    code, out, err = run(capsys, "new")
    assert (code, out) == (2, "")
    assert err.startswith("penggunaan: warta new [-h]")
    assert last_lines(err) == ["warta new: galat: argumen berikut wajib diisi: JUDUL",
                               "Ketik 'warta new --help' untuk melihat semua pilihan."]
    assert english_in(err) == []


def test_unknown_option_is_reported_by_its_command_with_the_closest_option(capsys):
    code, _, err = run(capsys, "serve", "--drafs")
    assert code == 2
    assert err.startswith("penggunaan: warta serve [-h]")
    assert last_lines(err) == ["warta serve: galat: argumen tidak dikenal: --drafs; mungkin maksud Anda '--drafts'?",
                               "Ketik 'warta serve --help' untuk melihat semua pilihan."]
    code, _, err = run(capsys, "build", "--entah", "apa")
    assert code == 2
    assert last_lines(err)[0] == "warta build: galat: argumen tidak dikenal: --entah apa"
    assert english_in(err) == []


def test_a_misspelt_command_gets_the_closest_command(capsys):
    code, _, err = run(capsys, "biuld")
    assert code == 2
    assert last_lines(err) == ["warta build: galat: argumen tidak dikenal: biuld; mungkin maksud Anda 'build'?",
                               "Ketik 'warta build --help' untuk melihat semua pilihan."]


def test_option_without_its_value(capsys):
    code, _, err = run(capsys, "new", "Rakor", "--tahapan")
    assert code == 2
    assert last_lines(err)[0] == "warta new: galat: --tahapan: perlu satu nilai sesudahnya"
    assert english_in(err) == []


@pytest.mark.parametrize(("args", "option"), [(("build", "--jobs", "abc"), "--jobs"), (("serve", "--port", "x"), "--port")])
def test_a_value_that_is_not_a_number(capsys, args: tuple[str, ...], option: str):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert last_lines(err)[0].startswith(f"warta {args[0]}: galat: {option}: "), err
    assert english_in(err) == [], err


def test_argparse_speaks_english_again_after_the_command(capsys):
    run(capsys, "build", "--help")
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    assert "usage:" in argparse.ArgumentParser(prog="lain").format_usage()


def test_usage_error_from_a_real_process():
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-m", "warta", "build", "--jobs"], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert last_lines(done.stderr) == ["warta build: galat: --jobs: perlu satu nilai sesudahnya",
                                       "Ketik 'warta build --help' untuk melihat semua pilihan."]


def test_an_abbreviated_option_is_not_taken_for_another(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["build", "--draft"])
    assert exited.value.code == 2
    assert "--draft; mungkin maksud Anda '--drafts'?" in capsys.readouterr().err
