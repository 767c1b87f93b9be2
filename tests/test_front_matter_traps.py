"""Front-matter slips that used to publish a wrong page without a word: now split, refused or explained."""

from __future__ import annotations

from conftest import Site


def labels(run, path: str) -> dict[str, list[str]]:
    """The post's stage, agency and tag links by the folder they point into."""
    found: dict[str, list[str]] = {}
    for link in run.html(path).select("article dd a"):
        found.setdefault(link["href"].split("/")[1], []).append(link.get_text())
    return found


def test_comma_separated_values_without_brackets_are_separate_names(site: Site, capsys):
    site.write("content/berita/2024-11-27-apel.md", "---\ntitle: Apel Siaga\ndate: 2024-11-27\n"
               "lembaga: Bawaslu, KPU\ntahapan: pemungutan suara, penghitungan suara\ntags: apel siaga, tps\n---\nIsi.\n")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert labels(run, "/berita/apel/") == {
        "tahapan": ["Pemungutan Suara", "Penghitungan Suara"],
        "lembaga": ["Badan Pengawas Pemilihan Umum", "Komisi Pemilihan Umum"],
        "tag": ["apel siaga", "tps"],
    }
    assert not any("," in p.name for p in (run.output / "lembaga").iterdir())
    assert "peringatan: lembaga ditulis tanpa kurung siku; dibaca sebagai 2 lembaga. Tulis: lembaga: [Bawaslu, KPU]" in run.err


def test_an_agency_whose_known_name_holds_a_comma_stays_whole(site: Site, capsys):
    site.write("data/lembaga.yaml", "- slug: ppk-mojoroto\n  nama: PPK Mojoroto, Kota Kediri\n  jenis: penyelenggara\n")
    site.write("content/berita/2024-11-28-rekap.md",
               "---\ntitle: Rekap\ndate: 2024-11-28\nlembaga: ppk mojoroto, kota kediri\n---\nIsi.\n")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert labels(run, "/berita/rekap/") == {"lembaga": ["PPK Mojoroto, Kota Kediri"]}
    assert run.err == ""


def test_a_block_list_item_with_a_comma_is_split_and_said_at_its_line(site: Site, capsys):
    site.write("content/berita/2024-11-29-patroli.md", "---\ntitle: Patroli\ndate: 2024-11-24\ntags:\n  - patroli\n"
               "  - masa tenang, apk\n---\nIsi.\n")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert labels(run, "/berita/patroli/") == {"tag": ["patroli", "masa tenang", "apk"]}
    assert "2024-11-29-patroli.md:6: peringatan: isi 'masa tenang, apk' memuat koma" in run.err
