"""Hostile text in writers' files: bounded, reported at its line, never a traceback.

The exact messages of most cases are in `hostile/` (see test_hostile_sites.py);
here are the cases that need a generated file (megabytes are not committed),
the command line, what reaches the pages and feeds, and a property test.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import Site, post
from warta.cli import main
from warta.limits import MAX_CONFIG_BYTES, MAX_DATA_BYTES, MAX_MARKDOWN_BYTES
from warta.yamlsource import YamlProblem, parse_yaml

FAILED = "Build gagal: 1 galat, 0 peringatan. Folder keluaran tidak diubah."


def test_a_markdown_file_over_2_mb_is_refused_with_its_size(site: Site, capsys):
    text = post(body="Isi berita.")
    site.write("content/berita/2024-08-13-besar.md", text + "x" * (MAX_MARKDOWN_BYTES + 1 - len(text)))
    site.add_post("2024-08-14-biasa")
    run = site.build(capsys, "--jobs", "1")
    assert run.code == 1
    assert run.error_lines == [
        f"{site.root}/content/berita/2024-08-13-besar.md:1: berkas terlalu besar (2,1 MB); batas untuk berkas Markdown "
        "adalah 2 MB; gambar disimpan di folder static/, bukan ditempel di teks"]


def test_a_huge_markdown_file_is_refused_without_being_read(site: Site, capsys):
    # 64 GB, sparse: reading it would exhaust memory, the size alone answers.
    with open(site.root / "content/berita/2024-08-13-raksasa.md", "wb") as handle:
        handle.truncate(64 * 1024 ** 3)
    run = site.build(capsys, "--jobs", "1")
    assert run.code == 1
    assert run.error_lines == [
        f"{site.root}/content/berita/2024-08-13-raksasa.md:1: berkas terlalu besar (65.536 MB); batas untuk berkas "
        "Markdown adalah 2 MB; gambar disimpan di folder static/, bukan ditempel di teks"]


def test_a_data_file_over_5_mb_is_refused(site: Site, capsys):
    entry = "- slug: kpu\n  nama: KPU\n  jenis: penyelenggara\n"
    site.write("data/lembaga.yaml", entry + "#" * (MAX_DATA_BYTES + 1 - len(entry)))
    site.add_post("2024-08-13-rakor")
    run = site.build(capsys, "--jobs", "1")
    assert run.code == 1
    assert run.error_lines == [f"{site.root}/data/lembaga.yaml: berkas terlalu besar (5,1 MB); "
                               "batas untuk berkas data adalah 5 MB"]


def test_a_site_toml_over_1_mb_is_refused(site: Site, capsys):
    site.write("site.toml", 'title = "Bawaslu"\n' + "#" * MAX_CONFIG_BYTES)
    site.add_post("2024-08-13-rakor")
    run = site.build(capsys, "--jobs", "1", "--base-url", "https://contoh.example/")
    assert run.code == 1
    assert run.error_lines == [f"{site.root}/site.toml: berkas terlalu besar (1,1 MB); batas untuk site.toml adalah 1 MB"]


@pytest.mark.parametrize("text", [
    "tags: " + "[" * 100_000 + "]" * 100_000,
    "tags: " + "{a: " * 100_000 + "b" + "}" * 100_000,
    "tags:\n" + "".join("  " * i + "-\n" for i in range(1000)),
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 1000)),
])
def test_deep_nesting_is_refused_at_the_21st_level(text: str):
    with pytest.raises(YamlProblem) as refused:
        parse_yaml(text, 2)
    assert "bersarang lebih dari 20 tingkat" in refused.value.message
    assert refused.value.line in (2, 2 + 19, 2 + 20)


def test_twenty_levels_are_still_read():
    nested = parse_yaml("tags: " + "[" * 19 + "x" + "]" * 19)
    for _ in range(19):
        nested = nested["tags"] if isinstance(nested, dict) else nested[0]
    assert nested == ["x"]


def test_control_characters_are_gone_from_pages_and_feeds(site: Site, capsys):
    site.write("content/berita/2024-08-13-rakor.md",
               "---\ntitle: Rakor\x00 Pengamanan\x0b\ndate: 2024-08-13\ntags: [rapat\x1b]\n---\n\n"
               "Rapat digelar di aula.\x0cHalaman kedua dari PDF &#12;tanpa&#x7f; sisa\x85lagi.\n")
    run = site.build(capsys, "--jobs", "1")
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        f"{site.root}/content/berita/2024-08-13-rakor.md:2: peringatan: karakter kontrol U+0000 (NUL), U+000B (tab "
        "vertikal), U+001B (escape), dan lainnya dihapus (5 kali, pertama di baris ini); biasanya terbawa saat menyalin "
        "teks dari PDF, Word atau aplikasi chat"]
    article = run.html("/berita/rakor/")
    assert article.h1.get_text() == "Rakor Pengamanan"
    assert article.select_one(".isi p").get_text() == "Rapat digelar di aula. Halaman kedua dari PDF tanpa sisa lagi."
    feed = etree.fromstring(run.file("/feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    entry = feed.find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == "Rakor Pengamanan"
    assert [c.get("term") for c in entry.findall(f"{atom}category")] == ["rapat"]
    assert "tanpa sisa" in entry.find(f"{atom}content").text


def test_new_leaves_out_control_characters_it_is_given(site: Site, capsys):
    code = main(["new", "Rakor\x0c Pengamanan\x00", "--site", str(site.root), "--date", "2024-08-13",
                 "--tags", "rapat\x1b"])
    assert code == 0
    created = site.root / "content/berita/2024-08-13-rakor-pengamanan.md"
    assert parse_yaml(created.read_text(encoding="utf-8").split("---\n")[1])["title"] == "Rakor Pengamanan"
    assert site.build(capsys, "--jobs", "1").code == 0


def test_new_refuses_a_year_the_build_would_refuse(site: Site, capsys):
    capsys.readouterr()
    assert main(["new", "Rakor", "--site", str(site.root), "--date", "0001-01-01"]) == 1
    assert capsys.readouterr().err == "--date: tahun 1 di luar rentang yang diterima (1900 sampai 2200)\n"


@pytest.mark.parametrize(("argv", "message"), [
    (["serve", "--port", "99999"], "--port: port harus bilangan bulat 1 sampai 65535, bukan '99999'"),
    (["serve", "--port", "0"], "--port: port harus bilangan bulat 1 sampai 65535, bukan '0'"),
    (["serve", "--port", "-1"], "--port: port harus bilangan bulat 1 sampai 65535, bukan '-1'"),
    (["build", "--jobs", "0"], "--jobs: jumlah proses harus bilangan bulat 1 sampai 256, bukan '0'"),
    (["build", "--jobs", "-3"], "--jobs: jumlah proses harus bilangan bulat 1 sampai 256, bukan '-3'"),
    (["build", "--jobs", "100000"], "--jobs: jumlah proses harus bilangan bulat 1 sampai 256, bukan '100000'"),
    (["build", "--jobs", "dua"], "--jobs: jumlah proses harus bilangan bulat 1 sampai 256, bukan 'dua'"),
])
def test_out_of_range_options_are_refused_before_anything_starts(argv: list[str], message: str, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-2] == f"warta {argv[0]}: galat: {message}"


# Text as it arrives from a PDF, Word or a chat: anything, with controls and YAML's punctuation more often.
_AWKWARD = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f\ufffe\uffff\u2028\t\n\r #:-[]{}&*!|>'\"%@`\\"
_pieces = st.one_of(st.text(st.characters(), min_size=1, max_size=3), st.sampled_from(["Rakor", "Bawaslu", "pukul"]),
                    st.sampled_from(_AWKWARD))
hostile_text = st.lists(_pieces, max_size=8).map("".join)


def _field(key: str, value: str, quoted: bool) -> str:
    # As typed (may break the YAML, which must then be reported), or JSON-quoted (valid YAML; controls escaped).
    return f"{key}: {json.dumps(value, ensure_ascii=False) if quoted else value}\n"


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=hostile_text, summary=hostile_text, tags=st.lists(hostile_text, max_size=3), body=hostile_text,
       quoted=st.booleans())
def test_any_text_builds_or_is_reported_at_its_line(title, summary, tags, body, quoted, capsys):
    with tempfile.TemporaryDirectory() as folder:
        site = Site(Path(folder) / "situs")
        site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n')
        tag_list = "[" + ", ".join(json.dumps(t, ensure_ascii=False) if quoted else t for t in tags) + "]"
        site.write("content/berita/2024-08-13-rakor.md", "---\n" + _field("title", title, quoted)
                   + "date: 2024-08-13\n" + _field("summary", summary, quoted) + f"tags: {tag_list}\n---\n\n" + body)
        run = site.build(capsys, "--jobs", "1", "--no-search")  # must not raise
        assert run.code in (0, 1), run.err
        located = re.compile(re.escape(str(site.root)) + r"/content/berita/2024-08-13-rakor\.md:\d+: ")
        for line in run.error_lines:
            assert located.match(line), line
        if run.code == 0:
            etree.fromstring(run.file("/feed.xml").read_bytes())  # well-formed XML
            assert run.file("/berita/rakor/").is_file() or run.file("/").is_file()


def test_an_email_style_quote_counts_one_level_per_marker(site, capsys):
    site.add_post("dua-puluh", body="> " * 20 + "kutipan berlapis")
    assert site.build(capsys, "--no-search").code == 0
    site.add_post("dua-puluh", body="> " * 21 + "kutipan berlapis")
    run = site.build(capsys, "--no-search")
    assert run.code == 1
    assert "lebih dari 20 tingkat" in run.err
