"""Hostile site folders and the exact outcome each must have.

Each case is a folder under `hostile/`:

- `site/` is the site folder (it may hold symlinks that point outside it, to
  files beside it in the case folder or to system files such as /etc/passwd);
- `expected.txt` holds, on its first line, `exit: N` (the exit code of
  `warta build`), and after it the exact text the build prints on stderr;
- optional `absent.txt` lists, one per line, output paths that must not exist
  after the build (for cases that build, e.g. a symlink that must not publish).

The build runs with `--site .` from inside `site/`, so paths in messages are
relative. To add a case: make the folder, write `expected.txt` by hand, run pytest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.cli import main

HERE = Path(__file__).parent / "hostile"
CASES = sorted(p for p in HERE.iterdir() if (p / "site").is_dir()) if HERE.is_dir() else []


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_hostile_site_has_its_exact_outcome(case: Path, tmp_path: Path, capsys, monkeypatch):
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    first, _, expected_err = expected.partition("\n")
    assert first.startswith("exit: "), f"{case.name}/expected.txt must start with 'exit: N'"
    output = tmp_path / "out"
    monkeypatch.chdir(case / "site")
    capsys.readouterr()
    code = main(["build", "--site", ".", "--output", str(output), "--base-url", "https://contoh.example/",
                 "--no-search", "--jobs", "1"])
    captured = capsys.readouterr()
    if int(first.removeprefix("exit: ")) != 0:
        assert captured.out == ""
        assert not output.exists()
    assert code == int(first.removeprefix("exit: ")), captured.err
    assert captured.err == expected_err
    absent = case / "absent.txt"
    if absent.is_file():
        for line in absent.read_text(encoding="utf-8").splitlines():
            if line.strip():
                assert not (output / line.strip()).exists(), line

