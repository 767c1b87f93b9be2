"""Deliberately broken site folders and the exact text a writer sees for each.

Each folder under `invalid_sites/` must fail with exit code 1 and print
exactly its `expected-errors.txt`; each folder under `warning_sites/` must
build and print exactly its `expected-warnings.txt`. Paths in messages are
relative because the site is built with `--site .` from inside the folder.
To add a case: make the folder, write the expected file by hand, run pytest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.cli import main

HERE = Path(__file__).parent
INVALID = sorted(p for p in (HERE / "invalid_sites").iterdir() if p.is_dir())
WARNING = sorted(p for p in (HERE / "warning_sites").iterdir() if p.is_dir())


def run(case: Path, output: Path, capsys, monkeypatch, *extra: str) -> tuple[int, str, str]:
    monkeypatch.chdir(case)
    capsys.readouterr()
    code = main(["build", "--site", ".", "--output", str(output), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_site_fails_with_exact_messages(case: Path, tmp_path: Path, capsys, monkeypatch):
    output = tmp_path / "out"
    code, out, err = run(case, output, capsys, monkeypatch, "--base-url", "https://contoh.example/")
    assert code == 1
    assert err == (case / "expected-errors.txt").read_text(encoding="utf-8")
    assert out == ""
    assert not output.exists()
    assert not any(p.name.startswith(".out.warta") for p in tmp_path.iterdir())


@pytest.mark.parametrize("case", WARNING, ids=lambda p: p.name)
def test_warning_site_builds_with_exact_warnings(case: Path, tmp_path: Path, capsys, monkeypatch):
    code, out, err = run(case, tmp_path / "out", capsys, monkeypatch)
    assert code == 0, err
    assert err == (case / "expected-warnings.txt").read_text(encoding="utf-8")
    assert out.startswith("Selesai: ")
    assert (tmp_path / "out" / "index.html").is_file()


def test_every_invalid_case_has_an_expected_file():
    for case in INVALID:
        assert (case / "expected-errors.txt").is_file(), case.name
    for case in WARNING:
        assert (case / "expected-warnings.txt").is_file(), case.name
