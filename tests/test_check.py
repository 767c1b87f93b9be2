"""`warta check`: the build's validation plus every link of the built site, without writing to the site."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, Site
from warta.check import github_annotation
from warta.cli import main
from warta.diagnostics import Diagnostic, Severity

APEL_JPG = REPO / "tests/invalid_sites/image-without-alt/static/gambar/apel.jpg"  # a real picture: a fake one is an error

SUMMARY = re.compile(r"^Pemeriksaan selesai: (\d+) berkas, (\d+) tautan diperiksa, (\d+) galat, (\d+) peringatan\.$")


@dataclass
class CheckRun:
    code: int
    out: str
    err: str

    @property
    def summary(self) -> tuple[int, int, int, int]:
        match = SUMMARY.match(self.out.splitlines()[-1])
        assert match, self.out
        return tuple(int(n) for n in match.groups())  # type: ignore[return-value]

    @property
    def problems(self) -> list[str]:
        return self.err.splitlines()


def check(site: Site, capsys, monkeypatch, *args: str) -> CheckRun:
    """Run `warta check` from inside the site folder, so paths read 'content/berita/...'."""
    monkeypatch.chdir(site.root)
    capsys.readouterr()
    code = main(["check", *args])
    captured = capsys.readouterr()
    return CheckRun(code, captured.out, captured.err)


BROKEN_LINK_POST = """\
---
title: Rakor Pengawasan
date: 2024-08-13
---
Kota Contoh, 13 Agustus 2024. Rakor digelar di aula.

## Hasil Rakor

Lihat juga [berita lama](/berita/tidak-ada/) tentang rakor sebelumnya.
"""


@pytest.fixture(autouse=True)
def outside_github(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


def test_clean_site_passes(site: Site, capsys, monkeypatch):
    site.write("static/gambar/rakor.jpg", APEL_JPG.read_bytes())
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13", image="/gambar/rakor.jpg", image_alt="Peserta rakor",
                  body="Isi. Lihat [apel](/berita/apel/), [bagian](#hasil), [apel bagian](/berita/apel/#catatan), "
                       "[tahapan](/tahapan/kampanye/), [atas](#), [umpan](/feed.xml \"Umpan\")\n\n"
                       "## Hasil\n\n![Foto](/gambar/rakor.jpg)")
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12", tahapan=["kampanye"],
                  body="Isi [rakor](https://contoh.example/berita/rakor/) [kembali](../rakor/)\n\n## Catatan\n\nTeks.")
    run = check(site, capsys, monkeypatch)
    assert run.code == 0, run.err
    assert run.err == ""
    files, links, errors, warnings = run.summary
    assert files > 10 and links > files
    assert (errors, warnings) == (0, 0)


def test_broken_internal_link_in_a_post_names_the_markdown_file_and_line(site: Site, capsys, monkeypatch):
    site.write("content/berita/2024-08-13-rakor.md", BROKEN_LINK_POST)
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:9: tautan ke '/berita/tidak-ada/' rusak: tidak ada halaman atau berkas di alamat itu",
    ]
    assert run.summary[2:] == (1, 0)


def test_broken_link_with_a_close_page_gets_a_suggestion(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-12-apel-siaga", title="Apel Siaga", date="2024-08-12")
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13",
                  body="Baris satu.\n\nSeperti [apel kemarin](/berita/apel-siaaga/).\n\nLihat [arsip](/arsp/).")
    run = check(site, capsys, monkeypatch)
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:8: tautan ke '/berita/apel-siaaga/' rusak: tidak ada halaman atau berkas "
        "di alamat itu; mungkin maksud Anda '/berita/apel-siaga/'?",
        "content/berita/2024-08-13-rakor.md:10: tautan ke '/arsp/' rusak: tidak ada halaman atau berkas di alamat itu; "
        "mungkin maksud Anda '/arsip/'?",
    ]


def test_broken_anchors_on_the_same_page_and_on_another_page(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12", body="Isi.\n\n## Susunan Acara\n\nTeks.")
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13",
                  body="## Hasil Rakor\n\nLihat [hasil](#hasil-rakorr).\n\nDan [acara apel](/berita/apel/#susunan).\n\n"
                       "Dan [yang benar](/berita/apel/#susunan-acara) serta [ini](#hasil-rakor).")
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:8: tautan '#hasil-rakorr' rusak: tidak ada bagian dengan id 'hasil-rakorr' "
        "di halaman ini; mungkin maksud Anda '#hasil-rakor'?",
        "content/berita/2024-08-13-rakor.md:10: tautan ke '/berita/apel/#susunan' rusak: halaman itu tidak punya bagian "
        "dengan id 'susunan'; mungkin maksud Anda '#susunan-acara'?",
    ]


def test_missing_image_in_a_post_fails_at_its_line(site: Site, capsys, monkeypatch):
    # The build itself may catch a missing local picture; either way `check` fails at the Markdown line.
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13", body="Isi.\n\n![Foto peserta](/gambar/peserta.jpg)")
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems[0].startswith("content/berita/2024-08-13-rakor.md:8: gambar '/gambar/peserta.jpg' tidak ditemukan")


def test_relative_image_is_looked_up_from_the_page_and_the_fix_suggested(site: Site, capsys, monkeypatch):
    site.write("static/gambar/ada.jpg", APEL_JPG.read_bytes())
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13",
                  body="Isi.\n\n![Ada](/gambar/ada.jpg)\n\n![Relatif](gambar/ada.jpg)\n\n![Belum](gambar/belum.jpg)")
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    # The build itself now refuses picture paths without a leading '/', at the Markdown line.
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:10: alamat gambar 'gambar/ada.jpg' harus diawali /, misalnya /gambar/ada.jpg",
        "content/berita/2024-08-13-rakor.md:12: alamat gambar 'gambar/belum.jpg' harus diawali /, misalnya /gambar/belum.jpg",
        "Tautan tidak diperiksa karena pembangunan situs gagal.",
    ]


def test_missing_image_in_a_template(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13")
    site.write("templates/404.html", '{% extends "base.html" %}\n{% block main %}\n<h1>Tidak ada</h1>\n'
                                     '<img src="{{ url(\'/gambar/logo.png\') }}" alt="Logo">\n{% endblock %}\n')
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    [problem] = run.problems
    assert re.fullmatch(r"public/404\.html:\d+: gambar '/gambar/logo\.png' tidak ditemukan di situs; "
                        r"letakkan berkasnya di static/gambar/logo\.png", problem), problem


def test_links_in_standalone_pages_name_the_page_file(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13")
    site.write("content/halaman/kontak.md", "---\ntitle: Kontak\n---\nHubungi kami.\n\n[Profil](/profil/)\n")
    run = check(site, capsys, monkeypatch)
    assert run.problems == [
        "content/halaman/kontak.md:6: tautan ke '/profil/' rusak: tidak ada halaman atau berkas di alamat itu",
    ]


def test_absolute_links_to_the_site_itself_are_checked(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13",
                  body="Isi [lama](https://contoh.example/2024/08/rakor.html) dan [luar](https://example.org/tidak-ada/).")
    run = check(site, capsys, monkeypatch)
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:6: tautan ke 'https://contoh.example/2024/08/rakor.html' rusak: "
        "tidak ada halaman atau berkas di alamat itu",
    ]


def test_template_links_are_reported_once_at_the_built_file(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13")
    site.write("templates/footer.html", '<footer class="kaki">\n<a href="{{ url(\'/hilang/\') }}">Hilang</a>\n</footer>\n')
    built = site.build(capsys)
    having = sorted(p.relative_to(built.output).as_posix() for p in built.output.rglob("*.html") if "/hilang/" in p.read_text())
    first = built.file("/" + having[0]).read_text().splitlines()
    line = next(n for n, text in enumerate(first, 1) if "/hilang/" in text)
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems == [f"public/{having[0]}:{line}: tautan ke '/hilang/' rusak: tidak ada halaman atau berkas "
                            f"di alamat itu (juga di {len(having) - 1} halaman lain)"]
    assert len(having) > 5


def test_base_path_site_reports_links_as_the_writer_wrote_them(site: Site, capsys, monkeypatch):
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/situs/"\n')
    site.write("static/gambar/ada.jpg", APEL_JPG.read_bytes())
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12")
    site.write("content/berita/2024-08-13-rakor.md", BROKEN_LINK_POST.replace(
        "tentang rakor sebelumnya.", "tentang rakor sebelumnya.\n\n[apel](/berita/apel/) ![ada](/gambar/ada.jpg)"))
    run = check(site, capsys, monkeypatch)
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:9: tautan ke '/berita/tidak-ada/' rusak: tidak ada halaman atau berkas di alamat itu",
    ]


def test_build_problems_are_reported_and_links_not_checked(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-13-45")
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:3: 'date' tidak valid: tanggal '2024-13-45' tidak ada di kalender",
        "Tautan tidak diperiksa karena pembangunan situs gagal.",
    ]
    assert run.summary == (0, 0, 1, 0)


def test_strict_turns_warnings_into_failure(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13", lembaga=["Paguyuban Warga"])
    site.add_post("2024-08-14-apel", title="Apel", date="2024-08-14", tags=["apel"], lembaga=["Paguyuban Warga"])
    # One warning for the agency, however many posts name it; --strict still fails on it.
    warning = ("content/berita/2024-08-13-rakor.md:4: peringatan: lembaga 'Paguyuban Warga' belum ada di "
               "data/lembaga.yaml (dipakai 2 berita: content/berita/2024-08-13-rakor.md:4, "
               "content/berita/2024-08-14-apel.md:5); tambahkan ke data/lembaga.yaml agar punya nama resmi dan jenis")
    relaxed = check(site, capsys, monkeypatch)
    assert relaxed.code == 0
    assert relaxed.problems == [warning]
    assert relaxed.summary[2:] == (0, 1)
    strict = check(site, capsys, monkeypatch, "--strict")
    assert strict.code == 1
    assert strict.problems == [warning]
    assert strict.summary[2:] == (0, 1)


def test_github_annotations_on_github_actions(site: Site, capsys, monkeypatch):
    site.write("content/berita/2024-08-13-rakor.md", BROKEN_LINK_POST.replace("date: 2024-08-13", "date: 2024-08-13\nlembaga: [Paguyuban Warga]"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(site.root))
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.out.splitlines()[:-1] == [
        "::error file=content/berita/2024-08-13-rakor.md,line=10::tautan ke '/berita/tidak-ada/' rusak: "
        "tidak ada halaman atau berkas di alamat itu",
        "::warning file=content/berita/2024-08-13-rakor.md,line=4::lembaga 'Paguyuban Warga' belum ada di "
        "data/lembaga.yaml (dipakai 1 berita); tambahkan ke data/lembaga.yaml agar punya nama resmi dan jenis",
    ]
    assert len(run.problems) == 2  # the usual lines are printed too


def test_github_annotations_are_relative_to_the_workspace(site: Site, capsys, monkeypatch, tmp_path: Path):
    site.write("content/berita/2024-08-13-rakor.md", BROKEN_LINK_POST)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["check", "--site", "situs"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith("::error file=situs/content/berita/2024-08-13-rakor.md,line=9::")
    assert captured.err.startswith("situs/content/berita/2024-08-13-rakor.md:9: ")


def test_no_annotations_elsewhere(site: Site, capsys, monkeypatch):
    site.write("content/berita/2024-08-13-rakor.md", BROKEN_LINK_POST)
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    run = check(site, capsys, monkeypatch)
    assert "::" not in run.out
    assert len(run.out.splitlines()) == 1


def test_annotation_escaping():
    problem = Diagnostic("content/berita/a,b:c.md", 3, "100% rusak\r\nbaris dua", Severity.ERROR)
    assert github_annotation(problem) == "::error file=content/berita/a%2Cb%3Ac.md,line=3::100%25 rusak%0D%0Abaris dua"
    option = Diagnostic("--output", None, "folder tidak boleh dipakai", Severity.WARNING)
    assert github_annotation(option) == "::warning::--output: folder tidak boleh dipakai"
    no_line = Diagnostic("site.toml", None, "base_url belum diisi", Severity.WARNING)
    assert github_annotation(no_line) == "::warning file=site.toml::base_url belum diisi"


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else b"")
            for p in sorted(folder.rglob("*"))}


def test_check_never_writes_into_the_site_its_output_or_the_cache(site: Site, capsys, monkeypatch, private_cache: Path):
    site.write("content/berita/2024-08-13-rakor.md", BROKEN_LINK_POST)
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12")
    before = snapshot(site.root)
    check(site, capsys, monkeypatch)
    check(site, capsys, monkeypatch, "--strict")
    assert snapshot(site.root) == before
    assert not (site.root / "public").exists()
    assert list(private_cache.iterdir()) == []


def test_check_leaves_an_existing_public_folder_alone(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12")
    site.write("public/index.html", "<p>situs lama yang sudah terbit</p>")
    before = snapshot(site.root)
    assert check(site, capsys, monkeypatch).code == 0
    assert snapshot(site.root) == before


def test_check_does_not_look_at_drafts(site: Site, capsys, monkeypatch):
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12")
    site.write("content/berita/2024-08-13-rakor.md", BROKEN_LINK_POST.replace("---\nKota", "draft: true\n---\nKota"))
    run = check(site, capsys, monkeypatch)
    assert run.code == 0, run.err


def test_the_bundled_sample_site_passes(capsys, monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    code = main(["check", "--site", os.fspath(REPO), "--strict"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    assert SUMMARY.match(captured.out.strip())
    assert list(tmp_path.iterdir()) == []


def test_links_are_resolved_as_a_browser_resolves_them(site: Site, capsys, monkeypatch):
    # Dot segments never climb above '/', a default port is no port, '%2e%2e' is '..'.
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12")
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13", body="\n\n".join([
        "Isi [naik jauh](../../../../berita/apel/) [titik](/../berita/apel/) [port](https://contoh.example:443/berita/apel/)",
        "[naik hilang](../../../tidak-ada/)",
        "[titik hilang](/../berita/hilang/)",
        "[titik tersandi](/%2e%2e/berita/raib/)",
        "[port hilang](https://contoh.example:443/berita/lenyap/)",
        "[port salah](https://contoh.example:8443/berita/apel/)",
        "[http di port https](http://contoh.example:443/berita/apel/)",
    ]))
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:8: tautan ke '../../../tidak-ada/' rusak: tidak ada halaman atau berkas di alamat itu",
        "content/berita/2024-08-13-rakor.md:10: tautan ke '/../berita/hilang/' rusak: tidak ada halaman atau berkas di alamat itu",
        "content/berita/2024-08-13-rakor.md:12: tautan ke '/%2e%2e/berita/raib/' rusak: tidak ada halaman atau berkas di alamat itu",
        "content/berita/2024-08-13-rakor.md:14: tautan ke 'https://contoh.example:443/berita/lenyap/' rusak: "
        "tidak ada halaman atau berkas di alamat itu",
        "content/berita/2024-08-13-rakor.md:16: tautan ke 'https://contoh.example:8443/berita/apel/' rusak: "
        "situs ini tidak dilayani di port 8443; mungkin maksud Anda '/berita/apel/'?",
        "content/berita/2024-08-13-rakor.md:18: tautan ke 'http://contoh.example:443/berita/apel/' rusak: "
        "situs ini tidak dilayani di port 443; mungkin maksud Anda '/berita/apel/'?",
    ]


def test_links_that_climb_out_of_a_site_under_a_sub_path_are_broken(site: Site, capsys, monkeypatch):
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/situs/"\n')
    site.add_post("2024-08-12-apel", title="Apel", date="2024-08-12")
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13", body="\n\n".join([
        "Isi [kembali](../apel/) [beranda](../../) [port](https://contoh.example:443/situs/berita/apel/)",
        "[keluar](../../../berita/apel/)",
        "[titik](/../berita/apel/)",
        "[situs lain di host yang sama](https://contoh.example/lain/)",
    ]))
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems == [
        "content/berita/2024-08-13-rakor.md:8: tautan ke '../../../berita/apel/' rusak: alamat itu naik keluar dari folder situs ini",
        "content/berita/2024-08-13-rakor.md:10: tautan ke '/../berita/apel/' rusak: alamat itu naik keluar dari folder situs ini",
    ]


@pytest.mark.parametrize(("base_url", "problem"), [
    ("https://contoh.example/?utm=1", "tidak boleh memuat '?' atau '#' (query atau fragmen); tulis alamat situs saja, "
                                      "misalnya 'https://contoh.example/'"),
    ("https://contoh.example/situs/#atas", "tidak boleh memuat '?' atau '#' (query atau fragmen); tulis alamat situs "
                                           "saja, misalnya 'https://contoh.example/situs/'"),
    ("ftp://contoh.example/", "harus diawali http:// atau https://"),
    ("contoh.example", "harus diawali http:// atau https://"),
    ("https://contoh.example:70000/", "memuat port yang tidak valid; port adalah bilangan 1 sampai 65535"),
    ("https://admin:rahasia@contoh.example/", "tidak boleh memuat nama pengguna atau kata sandi"),
    ("https://[::1/", "bukan alamat yang valid"),
])
def test_base_url_must_be_a_plain_site_address(site: Site, capsys, monkeypatch, base_url: str, problem: str):
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13")
    site.config(f'title = "Bawaslu Kota Contoh"\nbase_url = "{base_url}"\n')
    run = check(site, capsys, monkeypatch)
    assert run.code == 1
    assert run.problems == [f"site.toml:2: base_url '{base_url}' {problem}", "Tautan tidak diperiksa karena pembangunan situs gagal."]
    site.config('title = "Bawaslu Kota Contoh"\n')
    built = site.build(capsys, "--base-url", base_url)
    assert built.code == 1
    assert built.error_lines == [f"--base-url: alamat '{base_url}' {problem}"]
