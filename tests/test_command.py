"""The `warta` command as a separate process: what it prints and the exit code reach the caller.

The command ends with os._exit (see cli.run), so these run it for real rather than calling main().
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, Site, post

# Output through a pipe is block-buffered unless PYTHONUNBUFFERED is set (as on some CI machines): unset it,
# so a summary that was never flushed before the quick exit would be noticed.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def _warta(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warta", *args], cwd=cwd, capture_output=True, text=True, check=False,
                          encoding="utf-8", timeout=120, env=_ENV)


def test_successful_build_prints_its_summary_through_a_pipe_and_exits_0(site: Site, tmp_path: Path):
    site.add_post("rakor")
    done = _warta("build", "--site", str(site.root), "--output", str(tmp_path / "keluaran"), "--no-search")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Selesai: 1 berita"), done.stdout
    assert (tmp_path / "keluaran" / "berita" / "rakor" / "index.html").is_file()


def test_failed_build_prints_every_problem_and_exits_1(site: Site, tmp_path: Path):
    site.write("content/berita/tanpa-tanggal.md", "---\ntitle: Apel Siaga\n---\nIsi.\n")
    site.write("content/berita/tahapan-salah.md", post(tahapan=["kampanyee"]))
    done = _warta("build", "--site", str(site.root), "--output", str(tmp_path / "keluaran"))
    assert done.returncode == 1
    assert "tanpa-tanggal.md:" in done.stderr and "tahapan-salah.md:" in done.stderr, done.stderr
    assert not (tmp_path / "keluaran").exists()


def test_build_py_at_the_root_is_the_same_command(site: Site, tmp_path: Path):
    site.add_post("rakor")
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--site", str(site.root), "--output",
                           str(tmp_path / "keluaran"), "--no-search", "--quiet"],
                          capture_output=True, text=True, timeout=120, env=_ENV, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # --quiet: errors only
    assert (tmp_path / "keluaran" / "index.html").is_file()
