"""`warta new`: the file it writes, read back through Warta's own reader, and what it refuses."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warta.dates
from conftest import Site
from warta.cache import BuildCache
from warta.characters import remove_invalid
from warta.content import Post
from warta.data import load_data
from warta.diagnostics import Diagnostics
from warta.layout import SiteLayout
from warta.scaffold import DRAFT_NOTE, yaml_list, yaml_scalar
from warta.reading import SourceFile, read_files
from warta.yamlsource import parse_yaml
from warta.cli import main

LEMBAGA = """\
- slug: bawaslu-kota-contoh
  nama: Bawaslu Kota Contoh
  jenis: penyelenggara
- slug: kpu-kota-contoh
  nama: KPU Kota Contoh
  jenis: penyelenggara
- slug: polres-contoh-kota
  nama: Polres Contoh Kota
  singkatan: Polresta Contoh
  jenis: keamanan
  alias: [Polres Kota Contoh]
"""


@pytest.fixture
def site(site: Site) -> Site:
    site.write("data/lembaga.yaml", LEMBAGA)
    return site


def new(site: Site, capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """Run `warta new` from inside the site folder, as a writer would."""
    monkeypatch.chdir(site.root)
    capsys.readouterr()
    code = main(["new", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def read_back(site: Site, relative: str) -> tuple[Post, Diagnostics]:
    """The post as the build sees it: parsed, converted and validated by Warta's reader."""
    layout = SiteLayout.at(site.root)
    path = site.root / relative
    read = read_files([SourceFile(path, relative, "berita")], "/", load_data(layout, Diagnostics()), None,
                      BuildCache(None), 1)
    checked = read.posts[0]
    problems = Diagnostics(list(checked.problems))
    assert isinstance(checked.item, Post), [p.format() for p in problems.items]
    assert checked.draft  # placeholder text is never published by accident
    return checked.item, problems


def created(path: str) -> str:
    """What `warta new` prints when it wrote `path`."""
    return f"{path}\n{DRAFT_NOTE}\n"


def berita(site: Site) -> list[str]:
    return sorted(p.name for p in (site.root / "content" / "berita").iterdir())


def test_new_post_has_its_file_name_and_front_matter(site: Site, capsys, monkeypatch):
    code, out, err = new(site, capsys, monkeypatch, "Rakor Pengamanan Pilkada", "--date", "2024-08-13",
                         "--tahapan", "kampanye", "--lembaga", "Bawaslu Kota Contoh", "--tags", "rakor, pengamanan")
    assert (code, err) == (0, "")
    assert out == created("content/berita/2024-08-13-rakor-pengamanan-pilkada.md")
    post, problems = read_back(site, "content/berita/2024-08-13-rakor-pengamanan-pilkada.md")
    assert problems.items == []
    assert post.title == "Rakor Pengamanan Pilkada"
    assert post.slug == "rakor-pengamanan-pilkada"
    assert post.date.value == datetime(2024, 8, 13, tzinfo=warta.dates.WIB) and not post.date.has_time
    assert [s.slug for s in post.stages] == ["kampanye"]
    assert [a.nama for a in post.agencies] == ["Bawaslu Kota Contoh"]
    assert [t.name for t in post.tags] == ["rakor", "pengamanan"]
    assert post.summary.startswith("Kota Contoh, 13 Agustus 2024. ")  # the dateline, place from the site's title
    assert post.author is None and post.image is None


def test_the_written_file_is_plain_for_writers(site: Site, capsys, monkeypatch):
    new(site, capsys, monkeypatch, "Apel Siaga", "--date", "2024-11-24", "--tahapan", "masa tenang",
        "--lembaga", "polres kota contoh", "--tags", "apel", "--tags", "siaga")
    text = (site.root / "content/berita/2024-11-24-apel-siaga.md").read_text(encoding="utf-8")
    assert text.splitlines()[:6] == [
        "---",
        "title: Apel Siaga",
        "date: 2024-11-24",
        "tahapan: [masa-tenang]",
        "lembaga: [Polres Contoh Kota]",
        "tags: [apel, siaga]",
    ]
    assert "# summary: " in text and "# author: Humas Bawaslu Kota Contoh" in text
    assert "\ndraft: true\n" in text  # a real key, not a hint in a comment


def test_date_is_today_in_jakarta_when_not_given(site: Site, capsys, monkeypatch):
    class Clock(datetime):
        """20:30 UTC on 13 August 2024 is already 03:30 on the 14th in Jakarta."""

        @classmethod
        def now(cls, tz=None):
            return datetime(2024, 8, 13, 20, 30, tzinfo=timezone.utc).astimezone(tz)

    with monkeypatch.context() as patched:
        patched.setattr(warta.dates, "datetime", Clock)
        code, out, err = new(site, capsys, monkeypatch, "Patroli Masa Tenang")
    assert (code, err) == (0, "")
    assert out == created("content/berita/2024-08-14-patroli-masa-tenang.md")
    post, _ = read_back(site, "content/berita/2024-08-14-patroli-masa-tenang.md")
    assert post.date.iso() == "2024-08-14"


def test_created_post_is_a_draft_until_the_writer_removes_the_line(site: Site, capsys, monkeypatch, tmp_path: Path):
    title = 'Ketua Bawaslu: "Jaga Netralitas" #PilkadaDamai'
    code, out, err = new(site, capsys, monkeypatch, title, "--date", "2024-08-13", "--lembaga", "Polresta Contoh")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == ("Berita ini masih draft dan belum akan terbit. Setelah selesai ditulis, "
                                   "hapus baris 'draft: true' di bagian atas berkas itu agar ikut terbit.")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert "(1 draft dilewati)" in run.out
    assert not (run.output / "berita/ketua-bawaslu-jaga-netralitas-pilkadadamai").exists()

    path = site.root / out.splitlines()[0]
    path.write_text(path.read_text(encoding="utf-8").replace("\ndraft: true\n", "\n"), encoding="utf-8")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert run.err == ""
    page = run.html("/berita/ketua-bawaslu-jaga-netralitas-pilkadadamai/")
    assert page.find("h1").get_text() == title
    assert {a["href"] for a in page.select("article footer a")} >= {"/lembaga/polres-contoh-kota/"}


def test_stages_by_slug_or_name_in_timeline_order(site: Site, capsys, monkeypatch):
    code, _, err = new(site, capsys, monkeypatch, "Rekap", "--date", "2024-12-04",
                       "--tahapan", "Rekapitulasi Hasil Penghitungan Suara,pemungutan-suara", "--tahapan", "KAMPANYE")
    assert (code, err) == (0, "")
    post, _ = read_back(site, "content/berita/2024-12-04-rekap.md")
    assert [s.slug for s in post.stages] == ["kampanye", "pemungutan-suara", "rekapitulasi"]


def test_unknown_stage_is_an_error_with_a_suggestion(site: Site, capsys, monkeypatch):
    code, out, err = new(site, capsys, monkeypatch, "Pengawasan TPS", "--tahapan", "pemungutan", "--tahapan", "kampanye")
    assert code == 1
    assert out == ""
    assert err == "--tahapan: tahapan 'pemungutan' tidak dikenal; mungkin maksud Anda 'pemungutan-suara'?\n"
    assert berita(site) == []


def test_known_agencies_are_written_with_their_canonical_name(site: Site, capsys, monkeypatch):
    code, _, err = new(site, capsys, monkeypatch, "Rakor", "--date", "2024-08-13",
                       "--lembaga", "POLRESTA CONTOH, polres kota contoh", "--lembaga", "kpu  kota   contoh")
    assert (code, err) == (0, "")
    text = (site.root / "content/berita/2024-08-13-rakor.md").read_text(encoding="utf-8")
    assert "lembaga: [Polres Contoh Kota, KPU Kota Contoh]\n" in text


def test_unknown_agency_is_a_warning_with_a_suggestion_and_kept_as_written(site: Site, capsys, monkeypatch):
    code, out, err = new(site, capsys, monkeypatch, "Rakor", "--date", "2024-08-13",
                         "--lembaga", "Polres Kota Contho", "--lembaga", "Paguyuban Warga")
    assert code == 0
    assert out == created("content/berita/2024-08-13-rakor.md")
    assert err.splitlines() == [  # sorted, as the build sorts its messages
        "--lembaga: peringatan: lembaga 'Paguyuban Warga' belum ada di data/lembaga.yaml dan akan dibuatkan halaman sendiri",
        "--lembaga: peringatan: lembaga 'Polres Kota Contho' belum ada di data/lembaga.yaml dan akan dibuatkan "
        "halaman sendiri; mungkin maksud Anda 'Polres Kota Contoh'?",
    ]
    post, _ = read_back(site, "content/berita/2024-08-13-rakor.md")
    assert [a.nama for a in post.agencies] == ["Polres Kota Contho", "Paguyuban Warga"]


def test_refuses_to_overwrite_an_existing_file(site: Site, capsys, monkeypatch):
    existing = site.write("content/berita/2024-08-13-rakor.md", "---\ntitle: Rakor\ndate: 2024-08-13\n---\nTulisan asli.\n")
    code, out, err = new(site, capsys, monkeypatch, "Rakor", "--date", "2024-08-13")
    assert code == 1
    assert out == ""
    assert err == ("content/berita/2024-08-13-rakor.md: berkas ini sudah ada dan tidak ditimpa; "
                   "sunting berkas itu, atau pakai judul atau --date lain\n")
    assert existing.read_text(encoding="utf-8").endswith("Tulisan asli.\n")


def test_refuses_a_slug_another_post_already_has(site: Site, capsys, monkeypatch):
    site.write("content/berita/2024/2024-08-13-apel-siaga.md", "---\ntitle: Apel Siaga\ndate: 2024-08-13\n---\nIsi.\n")
    code, _, err = new(site, capsys, monkeypatch, "Apel Siaga", "--date", "2024-11-24")
    assert code == 1
    assert err == ("content/berita/2024-11-24-apel-siaga.md: alamat /berita/apel-siaga/ sudah dipakai oleh "
                   "content/berita/2024/2024-08-13-apel-siaga.md; ubah judulnya sedikit agar setiap berita punya alamat sendiri\n")
    assert not (site.root / "content/berita/2024-11-24-apel-siaga.md").exists()


@pytest.mark.parametrize(("title", "file_name"), [
    ("Rakor: Persiapan Pilkada", "rakor-persiapan-pilkada"),
    ("#KawalPilkada Apel Siaga Pengawasan", "kawalpilkada-apel-siaga-pengawasan"),
    ("Apel Siaga #1 dan #2", "apel-siaga-1-dan-2"),
    ('Ketua Bawaslu: "Jaga Netralitas!"', "ketua-bawaslu-jaga-netralitas"),
    ("Bawaslu 'Turun' ke TPS & Patroli", "bawaslu-turun-ke-tps-patroli"),
    ("Apel Siaga 🎉🇮🇩 Pilkada Damai", "apel-siaga-pilkada-damai"),
    ("- [Daftar] {bukan} *alias* | > % @ `kode`", "daftar-bukan-alias-kode"),
    ("true", "true"),
    ("2024", "2024"),
    ("null", "null"),
    ("Back\\slash dan tab\tdi judul", "back-slash-dan-tab-di-judul"),
    ("Café Démocratie", "cafe-democratie"),
])
def test_odd_titles_read_back_exactly(site: Site, capsys, monkeypatch, title: str, file_name: str):
    code, out, err = new(site, capsys, monkeypatch, title, "--date", "2024-08-13")
    assert (code, err) == (0, "")
    assert out == created(f"content/berita/2024-08-13-{file_name}.md")
    post, problems = read_back(site, f"content/berita/2024-08-13-{file_name}.md")
    assert problems.items == []  # no "read as a comment" warnings either
    assert post.title == " ".join(title.split())


@pytest.mark.parametrize(("title", "file_name"), [
    # python-slugify cut at 80 characters by skipping 'pengawas' and keeping the shorter 'tps' after it
    ("Jelang Pemungutan Suara, Bawaslu Kota Kediri Gelar Apel dan Siagakan 1.100 Pengawas TPS",
     "jelang-pemungutan-suara-bawaslu-kota-kediri-gelar-apel-dan-siagakan-1-100-pengawas-tps"),
    # past 100 characters the name ends at the last whole word that fits, and no later word is picked up
    ("Ketua Bawaslu Kota Kediri Hadiri Rapat Koordinasi Lintas Sektoral Bersama KPU Kota Kediri, "
     "Polres Kediri Kota dan Kodim 0809 Kediri untuk Pengamanan Pilkada",
     "ketua-bawaslu-kota-kediri-hadiri-rapat-koordinasi-lintas-sektoral-bersama-kpu-kota-kediri-polres"),
])
def test_long_titles_keep_their_words_in_order(site: Site, capsys, monkeypatch, title: str, file_name: str):
    code, out, err = new(site, capsys, monkeypatch, title, "--date", "2024-11-24")
    assert (code, err) == (0, "")
    assert out == created(f"content/berita/2024-11-24-{file_name}.md")
    post, _ = read_back(site, f"content/berita/2024-11-24-{file_name}.md")
    assert post.slug == file_name
    assert post.title == title


def test_title_spacing_is_tidied(site: Site, capsys, monkeypatch):
    code, out, _ = new(site, capsys, monkeypatch, "  Rakor   Lintas\nSektoral  ", "--date", "2024-08-13")
    assert code == 0
    post, _ = read_back(site, out.splitlines()[0])
    assert post.title == "Rakor Lintas Sektoral"


@pytest.mark.parametrize("title", ["🎉🎉", "!!!", "   "])
def test_titles_without_letters_or_digits_are_an_error(site: Site, capsys, monkeypatch, title: str):
    code, out, err = new(site, capsys, monkeypatch, title)
    assert code == 1
    assert out == ""
    if title.strip():
        assert err == (f"JUDUL: judul '{title}' tidak berisi huruf atau angka, "
                       "sehingga tidak dapat dijadikan nama berkas dan alamat berita\n")
    else:
        assert err == "JUDUL: judul berita wajib diisi, misalnya: warta new \"Rakor Pengamanan Pilkada\"\n"
    assert berita(site) == []


@pytest.mark.parametrize("value", ["2024-02-30", "13-08-2024", "kemarin"])
def test_invalid_date_is_an_error(site: Site, capsys, monkeypatch, value: str):
    code, _, err = new(site, capsys, monkeypatch, "Rakor", "--date", value)
    assert code == 1
    assert err == f"--date: tanggal '{value}' tidak valid; tulis seperti 2024-08-13\n"
    assert berita(site) == []


def test_all_problems_are_reported_together(site: Site, capsys, monkeypatch):
    code, _, err = new(site, capsys, monkeypatch, "Rakor", "--tahapan", "kampanyee", "--tahapan", "tidak ada",
                       "--lembaga", "Ormas Baru")
    assert code == 1
    assert err.splitlines() == [
        "--tahapan: tahapan 'kampanyee' tidak dikenal; mungkin maksud Anda 'kampanye'?",
        "--tahapan: tahapan 'tidak ada' tidak dikenal",
        "--lembaga: peringatan: lembaga 'Ormas Baru' belum ada di data/lembaga.yaml dan akan dibuatkan halaman sendiri",
    ]


def test_site_option_and_a_folder_that_is_not_a_site(site: Site, capsys, tmp_path: Path):
    capsys.readouterr()
    assert main(["new", "Rakor", "--site", str(site.root), "--date", "2024-08-13"]) == 0
    assert capsys.readouterr().out == created(f"{site.root}/content/berita/2024-08-13-rakor.md")
    elsewhere = tmp_path / "bukan-situs"
    elsewhere.mkdir()
    assert main(["new", "Rakor", "--site", str(elsewhere)]) == 1
    assert capsys.readouterr().err == (f"{elsewhere}: bukan folder situs Warta (tidak ada site.toml atau folder content); "
                                       "jalankan dari folder situs atau pakai --site FOLDER\n")
    assert list(elsewhere.iterdir()) == []


@settings(max_examples=300, deadline=None)
@given(st.text().map(remove_invalid))  # `new` removes what the reader refuses (tested below)
def test_any_text_is_written_as_yaml_that_reads_back_exactly(text: str):
    assert parse_yaml(f"title: {yaml_scalar(text)}") == {"title": text}
    items = tuple(t for t in (text, text[::-1]) if t)
    assert parse_yaml(f"tags: {yaml_list(items)}") == {"tags": list(items)}


# --- Other kinds: --jenis ----------------------------------------------------------------------------------------

OPINI = 'title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n\n[koleksi.opini]\njudul = "Opini"\n'


def test_a_declared_kind_gets_its_file_in_its_own_folder(site: Site, capsys, monkeypatch):
    site.config(OPINI + '\n[taksonomi.wilayah]\njudul = "Wilayah"\n')
    code, out, err = new(site, capsys, monkeypatch, "Menjaga Netralitas ASN", "--jenis", "opini", "--date", "2024-08-13",
                         "--tags", "netralitas")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "content/opini/2024-08-13-menjaga-netralitas-asn.md",
        "Opini ini masih draft dan belum akan terbit. Setelah selesai ditulis, "
        "hapus baris 'draft: true' di bagian atas berkas itu agar ikut terbit.",
    ]
    assert berita(site) == []
    path = site.root / "content/opini/2024-08-13-menjaga-netralitas-asn.md"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[:7] == ["---", "title: Menjaga Netralitas ASN", "date: 2024-08-13", "tahapan: []",
                                     "lembaga: []", "tags: [netralitas]", "wilayah: []"]
    path.write_text(text.replace("\ndraft: true\n", "\n"), encoding="utf-8")
    run = site.build(capsys, "--jobs", "1")
    assert (run.code, run.err) == (0, ""), run.err
    assert run.html("/opini/menjaga-netralitas-asn/").find("h1").get_text() == "Menjaga Netralitas ASN"


def test_a_shipped_kind_gets_its_folder_and_its_own_keys(site: Site, capsys, monkeypatch):
    """Warta's kinds are allowed before their folder exists; the kind's own placeholder lines are written."""
    from warta.kinds import rules_for

    rules = type(rules_for("agenda"))
    monkeypatch.setattr(rules, "date_required", False)
    monkeypatch.setattr(rules, "scaffold_lines", lambda self, today: [f"mulai: {today.isoformat()} 09:00",
                                                                      "tempat: Tulis tempat kegiatan"])
    assert not (site.root / "content" / "agenda").exists()
    code, out, err = new(site, capsys, monkeypatch, "Rapat Pleno", "--jenis", "agenda", "--date", "2024-11-24")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "content/agenda/2024-11-24-rapat-pleno.md"
    assert out.splitlines()[1].startswith("Agenda ini masih draft dan belum akan terbit.")
    lines = (site.root / "content/agenda/2024-11-24-rapat-pleno.md").read_text(encoding="utf-8").splitlines()
    assert lines[:7] == ["---", "title: Rapat Pleno", "tahapan: []", "lembaga: []", "tags: []",
                         "mulai: 2024-11-24 09:00", "tempat: Tulis tempat kegiatan"]  # no date: the kind needs none
    assert "draft: true" in lines


def test_news_is_the_default_kind(site: Site, capsys, monkeypatch):
    site.config(OPINI)
    code, out, err = new(site, capsys, monkeypatch, "Rakor", "--date", "2024-08-13")
    assert (code, err) == (0, "")
    assert out == created("content/berita/2024-08-13-rakor.md")
    assert not (site.root / "content" / "opini").exists()


def test_an_unknown_kind_is_an_error_listing_the_sites_kinds(site: Site, capsys, monkeypatch):
    site.config(OPINI)
    site.write("content/wawancara/2024-08-13-x.md", "---\ntitle: X\ndate: 2024-08-13\n---\nIsi.\n")  # not declared
    code, out, err = new(site, capsys, monkeypatch, "Suara Warga", "--jenis", "opinii")
    assert (code, out) == (1, "")
    assert err == ("--jenis: jenis konten 'opinii' tidak dikenal; jenis yang ada: berita, cek-fakta, pengumuman, "
                   "dokumen, agenda, opini; mungkin maksud Anda 'opini'?\n")
    code, _, err = new(site, capsys, monkeypatch, "Suara Warga", "--jenis", "wawancara")
    assert code == 1 and err.startswith("--jenis: jenis konten 'wawancara' tidak dikenal; jenis yang ada: ")
    assert not (site.root / "content" / "opinii").exists()
    assert sorted(p.name for p in (site.root / "content").iterdir()) == ["berita", "wawancara"]


def test_a_slug_is_taken_per_kind(site: Site, capsys, monkeypatch):
    site.config(OPINI)
    site.write("content/berita/2024-08-13-apel-siaga.md", "---\ntitle: Apel Siaga\ndate: 2024-08-13\n---\nIsi.\n")
    code, out, err = new(site, capsys, monkeypatch, "Apel Siaga", "--jenis", "opini", "--date", "2024-11-24")
    assert (code, err) == (0, "")  # /opini/apel-siaga/ is another address than /berita/apel-siaga/
    code, _, err = new(site, capsys, monkeypatch, "Apel Siaga", "--jenis", "opini", "--date", "2024-11-25")
    assert code == 1
    assert err == ("content/opini/2024-11-25-apel-siaga.md: alamat /opini/apel-siaga/ sudah dipakai oleh "
                   "content/opini/2024-11-24-apel-siaga.md; ubah judulnya sedikit agar setiap tulisan punya alamat sendiri\n")
