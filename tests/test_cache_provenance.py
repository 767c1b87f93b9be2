"""The build cache is keyed by the code that filled it, not only by Warta's version number.

An install from git keeps its version number while the sanitiser's
allow-list or a default template changes, and a security fix in nh3 changes
no version of Warta at all: a cached build must still give exactly what a
clean build gives. The test runs real builds from a copy of the package in
subprocesses, edits the copy between builds (the version stays), and
compares the cached build with a `--no-cache` build byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import REPO, Site, post
from warta import provenance


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(package_root: Path, site: Path, output: Path, *args: str) -> None:
    environment = {**os.environ, "PYTHONPATH": str(package_root)}
    environment.pop("WARTA_CACHE_DIR", None)
    result = subprocess.run([sys.executable, "-m", "warta", "build", "--site", str(site), "--output", str(output),
                             "--no-search", "--jobs", "1", "--quiet", *args],
                            cwd=package_root, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cached_build_after_changing_warta_code_equals_a_clean_build(tmp_path: Path):
    package_root = tmp_path / "terpasang"
    shutil.copytree(REPO / "warta", package_root / "warta", ignore=shutil.ignore_patterns("__pycache__"))
    site = Site(tmp_path / "situs")
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n')
    site.write("content/berita/2024-08-13-rakor.md",
               post(title="Rakor Pengawasan", body="Hasil rakor ini <mark>penting</mark> bagi pengawas."))
    cache = tmp_path / "cache"
    cached = tmp_path / "keluaran"
    build(package_root, site.root, cached, "--cache-dir", str(cache))
    first = tree(cached)
    article = BeautifulSoup(first["berita/rakor/index.html"], "html.parser")
    assert article.find("mark") is not None

    # Both edits keep Warta's version number, as every install from git does.
    edit(package_root / "warta" / "markdown_html.py", '"li", "mark",', '"li",')  # <mark> no longer allowed
    edit(package_root / "warta" / "defaults" / "templates" / "footer.html",
         '<h2 id="kaki-kontak">{{ site.title }}</h2>', '<h2 id="kaki-kontak">Kontak {{ site.title }}</h2>')
    build(package_root, site.root, cached, "--cache-dir", str(cache))
    clean = tmp_path / "bersih"
    build(package_root, site.root, clean, "--no-cache")

    assert tree(cached) == tree(clean)
    article = BeautifulSoup(tree(cached)["berita/rakor/index.html"], "html.parser")
    assert article.find("mark") is None
    assert "penting" in article.find("main").get_text()
    assert article.find(id="kaki-kontak").get_text() == "Kontak Bawaslu Kota Contoh"


def test_producer_names_warta_files_and_library_versions(tmp_path: Path, monkeypatch):
    package = tmp_path / "warta"
    shutil.copytree(REPO / "warta", package, ignore=shutil.ignore_patterns("__pycache__"))
    files = provenance.code_files(package)
    names = {p.relative_to(package).as_posix() for p in files}
    assert {"markdown_html.py", "defaults/templates/base.html", "defaults/data/tahapan.yaml"} <= names
    before = provenance.source_fingerprint(files, package)
    edit(package / "defaults" / "templates" / "base.html", "<html", "<html ")
    assert provenance.source_fingerprint(files, package) != before
    versions = dict(provenance.library_versions())
    assert versions["nh3"] not in ("", "-") and versions["Pillow"] not in ("", "-")
    monkeypatch.setattr(provenance, "LIBRARIES", ("warta-tidak-ada",))
    assert dict(provenance.library_versions())["warta-tidak-ada"] == "-"
