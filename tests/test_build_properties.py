"""Properties of a whole build: atomic, deterministic, clean, self-contained, safe."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from conftest import REPO, Site, beside_output, internal_links, resolve
from bs4 import BeautifulSoup

from warta.cli import main


def tree(folder: Path) -> dict[str, str]:
    """Every file's digest, except Pagefind's index: Pagefind names its filter and metadata files
    by hashes that change from run to run for the same input (upstream Pagefind issue #638)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


def fill(site: Site, count: int = 3) -> None:
    for n in range(1, count + 1):
        site.add_post(f"2024-08-{n:02d}-berita-{n}", title=f"Berita {n}", date=f"2024-08-{n:02d}",
                      tahapan=["kampanye"], lembaga=["KPU"], tags=["rakor"])


def test_two_builds_are_byte_identical(site: Site, capsys, tmp_path):
    fill(site, 12)
    first = site.build(capsys, output=tmp_path / "a")
    second = site.build(capsys, output=tmp_path / "b")
    assert first.code == second.code == 0
    assert tree(first.output) == tree(second.output)


def test_failed_build_leaves_existing_output_exactly_as_it_was(site: Site, capsys):
    fill(site)
    good = site.build(capsys)
    before = tree(good.output)
    site.add_post("2024-09-01-rusak", title="Rusak", date="2024-13-45")
    bad = site.build(capsys)
    assert bad.code == 1
    assert "2024-09-01-rusak.md:3: 'date' tidak valid" in bad.err
    assert tree(bad.output) == before
    assert sorted(p.name for p in bad.output.parent.iterdir()) == sorted(["situs", good.output.name])


def test_stale_files_disappear_and_nothing_is_left_beside_the_output(site: Site, capsys):
    fill(site)
    first = site.build(capsys)
    assert first.file("/berita/berita-2/").is_file()
    (site.root / "content/berita/2024-08-02-berita-2.md").unlink()
    second = site.build(capsys)
    assert second.code == 0
    assert not (second.output / "berita" / "berita-2").exists()
    assert beside_output(second.output.parent) == sorted(["situs", second.output.name])


def test_site_folder_is_never_written_to(site: Site, capsys, tmp_path):
    fill(site)
    before = tree(site.root)
    run = site.build(capsys, output=tmp_path / "elsewhere")
    assert run.code == 0
    assert tree(site.root) == before


def test_default_output_is_public_inside_the_site(site: Site, capsys):
    fill(site)
    capsys.readouterr()
    assert main(["build", "--site", str(site.root)]) == 0
    assert (site.root / "public" / "index.html").is_file()
    assert sorted(p.name for p in site.root.iterdir()) == ["content", "public", "site.toml"]


def test_output_folder_that_would_swallow_the_site_is_refused(site: Site, capsys):
    fill(site)
    for output in (site.root, site.root.parent, site.root / "content"):
        capsys.readouterr()
        assert main(["build", "--site", str(site.root), "--output", str(output)]) == 1
        assert "--output:" in capsys.readouterr().err
    assert (site.root / "content/berita/2024-08-01-berita-1.md").is_file()


def test_output_inside_a_version_control_folder_is_refused(site: Site, capsys):
    """`--output .git/x` would write the site into Git's own data (and a later --overwrite-output into its objects)."""
    fill(site)
    (site.root / ".git" / "refs").mkdir(parents=True)
    for output in (site.root / ".git" / "x", site.root / ".git", site.root / ".hg" / "situs", site.root.parent / ".svn"):
        capsys.readouterr()
        assert main(["build", "--site", str(site.root), "--output", str(output)]) == 1
        err = capsys.readouterr().err
        assert "--output:" in err and "folder data pengelola versi" in err, err
    assert sorted(p.name for p in (site.root / ".git").iterdir()) == ["refs"]


def test_every_internal_link_of_the_sample_site_resolves(tmp_path, capsys):
    output = tmp_path / "contoh"
    capsys.readouterr()
    assert main(["build", "--site", str(REPO), "--output", str(output)]) == 0
    assert "0 peringatan" in capsys.readouterr().out
    broken = []
    pages = list(output.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for href in internal_links(soup):
            target = resolve(output, href)
            if target is None:
                broken.append((page.relative_to(output).as_posix(), href))
                continue
            fragment = href.partition("#")[2]
            if fragment and target.suffix == ".html":
                anchors = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                if anchors.find(id=fragment) is None:
                    broken.append((page.relative_to(output).as_posix(), href))
    assert broken == []


def test_sample_site_has_what_the_brief_promises(tmp_path, capsys):
    output = tmp_path / "contoh"
    assert main(["build", "--site", str(REPO), "--output", str(output)]) == 0
    posts = [p for p in (REPO / "content/berita").glob("*.md") if "draft: true" not in p.read_text(encoding="utf-8")]
    assert len(posts) >= 12
    stages = [d for d in (output / "tahapan").iterdir() if d.is_dir()]
    agencies = [d for d in (output / "lembaga").iterdir() if d.is_dir()]
    assert len(stages) >= 6 and len(agencies) >= 10
    assert (output / "tentang-kami" / "index.html").is_file()


def test_static_files_are_copied_to_the_root_and_override_defaults(site: Site, capsys):
    fill(site, 1)
    site.write("static/gambar/rakor.jpg", b"\xff\xd8\xff jpeg bytes")
    site.write("static/css/warta.css", "body { color: black; }\n")
    run = site.build(capsys)
    assert run.code == 0
    assert (run.output / "gambar" / "rakor.jpg").read_bytes() == b"\xff\xd8\xff jpeg bytes"
    assert (run.output / "css" / "warta.css").read_text() == "body { color: black; }\n"


def test_site_templates_override_defaults_one_by_one(site: Site, capsys):
    fill(site, 1)
    site.write("templates/post.html", '{% extends "base.html" %}{% block main %}<h1 class="milik-situs">{{ post.title }}</h1>{% endblock %}\n')
    run = site.build(capsys)
    assert run.code == 0
    assert run.html("/berita/berita-1/").find("h1")["class"] == ["milik-situs"]
    assert run.html("/berita/").find("nav", attrs={"aria-label": "Jejak navigasi"})


def test_site_data_replaces_default_data(site: Site, capsys):
    site.write("data/tahapan.yaml", "- slug: tahap-satu\n  nama: Tahap Satu\n  keterangan: Yang pertama.\n- slug: tahap-dua\n  nama: Tahap Dua\n")
    site.add_post("2024-08-01-a", title="A", tahapan=["tahap-dua"])
    run = site.build(capsys)
    assert run.code == 0
    items = run.html("/tahapan/").find("main").find("ol").find_all("li", recursive=False)
    assert [li.find("h2").get_text(" ", strip=True).split(" (")[0] for li in items] == ["Tahap Satu", "Tahap Dua"]
    site.add_post("2024-08-02-b", title="B", tahapan=["kampanye"])
    failed = site.build(capsys)
    assert failed.code == 1 and "tahapan 'kampanye' tidak dikenal" in failed.err


def test_site_with_only_posts_builds_a_complete_site(tmp_path, capsys):
    bare = tmp_path / "polos"
    (bare / "content" / "berita").mkdir(parents=True)
    (bare / "content" / "berita" / "2024-08-13-rakor.md").write_text("---\ntitle: Rakor\ndate: 2024-08-13\n---\nIsi.\n")
    capsys.readouterr()
    assert main(["--site", str(bare)]) == 0
    out = bare / "public"
    for page in ("index.html", "berita/index.html", "berita/rakor/index.html", "tahapan/index.html", "lembaga/index.html",
                 "tag/index.html", "arsip/index.html", "arsip/2024/index.html", "404.html", "feed.xml", "sitemap.xml",
                 "robots.txt", "css/warta.css"):
        assert (out / page).is_file(), page
    assert "base_url belum diisi" in capsys.readouterr().err
    assert "http://localhost:8000/berita/rakor/" in (out / "sitemap.xml").read_text()


def test_site_under_a_sub_path_links_everything_under_it(site: Site, capsys):
    site.config('title = "Situs"\nbase_url = "https://org.example/situs"\n')
    fill(site, 2)
    site.write("content/berita/2024-08-05-tautan.md", "---\ntitle: Tautan\ndate: 2024-08-05\n---\nLihat [berita satu](/berita/berita-1/).\n")
    run = site.build(capsys)
    assert run.code == 0
    for page in run.output.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for href in internal_links(soup):
            assert href.startswith("/situs/"), (page, href)
            assert resolve(run.output, href, "/situs/") is not None, (page, href)
    assert "https://org.example/situs/berita/tautan/" in run.file("/sitemap.xml").read_text()
    assert 'href="https://org.example/situs/berita/berita-1/"' in run.file("/feed.xml").read_text().replace("&quot;", '"')


def test_python_build_py_builds_the_repository_sample(tmp_path):
    import subprocess
    import sys

    output = tmp_path / "dari-build-py"
    result = subprocess.run([sys.executable, "build.py", "--output", str(output), "--quiet"], cwd=REPO,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert (output / "berita" / "index.html").is_file()
    assert not (REPO / "public").exists() or (REPO / "public").is_dir()


def test_output_folder_holding_other_files_is_not_swallowed(site: Site, capsys, tmp_path):
    # Found while writing the guide: --output pointed at a folder of documents deleted them.
    fill(site, 1)
    documents = tmp_path / "dokumen"
    documents.mkdir()
    (documents / "laporan.docx").write_bytes(b"penting")
    capsys.readouterr()
    assert main(["build", "--site", str(site.root), "--output", str(documents)]) == 1
    assert "laporan.docx" in capsys.readouterr().err
    assert (documents / "laporan.docx").read_bytes() == b"penting"


def test_rebuild_with_cache_writes_only_what_changed(site: Site, capsys):
    fill(site, 5)
    first = site.build(capsys)
    untouched = first.file("/berita/berita-1/")
    before = untouched.stat().st_mtime_ns
    site.add_post("2024-08-05-berita-5", title="Berita 5 diubah", date="2024-08-05", tahapan=["kampanye"], lembaga=["KPU"], tags=["rakor"])
    second = site.build(capsys)
    assert second.code == 0
    assert "ditulis ulang" in second.out
    written = int(second.out.split(" ditulis ulang")[0].rsplit(" ", 1)[1])
    assert 0 < written < 15
    assert untouched.stat().st_mtime_ns == before
    assert second.html("/berita/berita-5/").find("h1").get_text() == "Berita 5 diubah"


def test_corrupt_cache_falls_back_to_a_clean_build(site: Site, capsys, private_cache, tmp_path):
    fill(site, 3)
    clean = site.build(capsys, "--no-cache", output=tmp_path / "bersih")
    site.build(capsys)
    for path in private_cache.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00rusak\xff" * 10)
    again = site.build(capsys, output=tmp_path / "lagi")
    assert again.code == 0, again.err
    assert tree(again.output) == tree(clean.output)


def test_parallel_and_single_process_builds_are_identical(site: Site, capsys, tmp_path):
    for n in range(1, 80):
        site.add_post(f"p{n:03d}", title=f"Berita {n}", date=f"2024-0{1 + n % 9}-{1 + n % 28:02d}", tahapan=["kampanye"], tags=["rakor"])
    one = site.build(capsys, "--jobs", "1", "--no-cache", output=tmp_path / "satu")
    many = site.build(capsys, "--jobs", "3", "--no-cache", output=tmp_path / "banyak")
    assert one.code == many.code == 0
    assert tree(one.output) == tree(many.output)


def test_warm_parallel_build_after_an_edit_equals_a_cold_build(site: Site, capsys, tmp_path, private_cache):
    # Enough files for the parallel read, which preloads every cached body before the workers fork.
    for n in range(1, 80):
        site.add_post(f"p{n:03d}", title=f"Berita {n}", date=f"2024-0{1 + n % 9}-{1 + n % 28:02d}",
                      tahapan=["kampanye"], lembaga=["KPU"], body=f"Paragraf *pertama* berita {n}.\n\n- butir\n- butir")
    first = site.build(capsys, "--jobs", "2", output=tmp_path / "hangat")
    assert first.code == 0, first.err
    site.add_post("p040", title="Berita 40 (diperbarui)", date="2024-05-13", tahapan=["kampanye"], lembaga=["KPU"],
                  body="Isi baru dengan [tautan](/berita/p041/).")
    warm = site.build(capsys, "--jobs", "2", output=tmp_path / "hangat")
    cold = site.build(capsys, "--jobs", "2", "--no-cache", output=tmp_path / "dingin")
    assert warm.code == cold.code == 0, warm.err + cold.err
    written, total = (int(n) for n in re.search(r"\((\d+) berkas, (\d+) ditulis ulang\)", warm.out).groups()[::-1])
    assert 1 < written < total, warm.out  # the edit reached listings and neighbours, and the rest was kept
    assert tree(warm.output) == tree(cold.output)


@pytest.mark.parametrize("damage", ["[]", "null", '{"index.html": 5}', "[" * 100_000], ids=["list", "null", "shape", "deep"])
def test_a_damaged_output_manifest_in_the_cache_falls_back_to_a_clean_build(site: Site, capsys, private_cache,
                                                                             tmp_path, damage: str):
    """The cache's manifest of the very output being rebuilt, valid JSON of the wrong shape or nested too deep."""
    fill(site, 3)
    clean = site.build(capsys, "--no-cache", output=tmp_path / "bersih")
    assert site.build(capsys).code == 0
    manifests = list(private_cache.rglob("manifest-*.json"))
    assert manifests
    for path in manifests:
        path.write_text(damage)
    again = site.build(capsys)
    assert again.code == 0, again.err
    assert tree(again.output) == tree(clean.output)
