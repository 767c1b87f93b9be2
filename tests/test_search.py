"""Search with Pagefind: an index of the articles, a search page, and graceful absence."""

from __future__ import annotations

import json

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, Site
from warta import pipeline


@pytest.fixture
def news(site: Site) -> Site:
    site.add_post("2024-11-23-patroli", title="Patroli Anti Politik Uang", date="2024-11-23", tahapan=["masa-tenang"],
                  lembaga=["Polres"], body="Patroli pengawasan masa tenang menyisir politik uang di Kecamatan Mojoroto.")
    site.add_post("2024-11-10-apel", title="Apel Siaga Pengawasan", date="2024-11-10", tahapan=["kampanye"],
                  lembaga=["Bawaslu"], body="Apel siaga digelar di halaman kantor.")
    return site


def test_articles_are_indexed_with_filters(news: Site, capsys):
    run = news.build(capsys)
    assert run.code == 0, run.err
    entry = json.loads(run.file("/pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["id"]["page_count"] == 2
    assert run.file("/pagefind/pagefind-ui.js").is_file()
    article = run.html("/berita/patroli/")
    assert article.find("article").has_attr("data-pagefind-body")
    filters = {tag["data-pagefind-filter"] for tag in article.find_all(attrs={"data-pagefind-filter": True})}
    assert filters == {"tahapan", "lembaga", "tahun:2024"}
    for page in ("/", "/berita/", "/tahapan/"):
        assert run.html(page).find(attrs={"data-pagefind-body": True}) is None, "only articles are indexed"


def search_data(page: BeautifulSoup) -> dict:
    """What static/js/cari.js reads: the JSON in <script type="application/json" id="cari-data">."""
    script = page.find("script", id="cari-data")
    assert script is not None and script["type"] == "application/json"
    return json.loads(script.string)


def test_search_page_and_header_form(news: Site, capsys):
    run = news.build(capsys)
    page = run.html("/cari/")
    assert page.find("h1").get_text() == "Cari berita"
    assert page.find("noscript").get_text(" ", strip=True).startswith("Pencarian memerlukan JavaScript")
    interface = page.find(id="cari")
    assert interface["data-pagefind"] == "/pagefind/pagefind.js"
    assert page.find("script", src="/js/cari.js")["type"] == "module"
    assert page.find("link", rel="stylesheet", href="/css/cari.css")
    assert page.find("script", src="/pagefind/pagefind-ui.js") is None, "Pagefind's own UI is not used"
    form = run.html("/berita/patroli/").find("form", role="search")
    assert form["action"] == "/cari/" and form.find("input")["name"] == "q"
    assert form.find("label").get_text() == "Cari berita"


def test_one_search_box_on_the_search_page(news: Site, capsys):
    run = news.build(capsys)
    page = run.html("/cari/")
    boxes = page.find_all("input", type="search")
    assert len(boxes) == 1 and len(page.find_all("form", role="search")) == 1
    box = boxes[0]
    assert box.find_parent("main") is not None and page.find("header").find("form") is None
    assert box["name"] == "q" and page.find("label", attrs={"for": box["id"]}).get_text(strip=True)
    assert box.find_parent("form")["action"] == "/cari/"
    for other in ("/", "/berita/patroli/", "/tahapan/"):
        assert run.html(other).find("header").find("input", type="search")["name"] == "q", other


def test_search_code_loads_on_the_search_page_only(news: Site, capsys):
    run = news.build(capsys)
    for path in ("/", "/berita/", "/berita/patroli/", "/tahapan/masa-tenang/", "/404.html"):
        page = run.html(path)
        assert page.find("script", src="/js/cari.js") is None, path
        assert page.find("link", href="/css/cari.css") is None, path
    assert run.file("/css/cari.css").is_file() and run.file("/js/cari.js").is_file()


def test_filters_in_the_order_the_site_knows(news: Site, capsys):
    run = news.build(capsys)
    filters = search_data(run.html("/cari/"))["filters"]
    assert [(f["name"], f["label"]) for f in filters] == [("tahapan", "Tahapan"), ("lembaga", "Lembaga"),
                                                         ("tahun", "Tahun")], "no kind filter with news alone"
    stages = yaml.safe_load((REPO / "warta/defaults/data/tahapan.yaml").read_text(encoding="utf-8"))
    by_name = {f["name"]: f for f in filters}
    assert by_name["tahapan"]["order"] == [stage["nama"] for stage in stages], "the timeline, not A-Z"
    assert by_name["tahapan"]["order"].index("Kampanye") < by_name["tahapan"]["order"].index("Masa Tenang")
    assert by_name["lembaga"]["order"] == [] and not by_name["lembaga"]["newest_first"], "alphabetical in the page"
    assert by_name["tahun"]["newest_first"]


def test_kind_filter_follows_the_registry(news: Site, capsys):
    news.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n\n'
                '[koleksi.opini]\njudul = "Opini"\n\n[taksonomi.wilayah]\njudul = "Wilayah"\n')
    news.write("content/opini/2024-11-01-suara-warga.md", "---\ntitle: Suara Warga\ndate: 2024-11-01\n"
               "wilayah: [Mojoroto]\n---\n\nIsi opini.\n")
    run = news.build(capsys, "--jobs", "1")
    assert run.code == 0, run.err
    filters = search_data(run.html("/cari/"))["filters"]
    assert [f["name"] for f in filters] == ["jenis", "tahapan", "lembaga", "wilayah", "tahun"]
    assert filters[0]["order"] == ["Berita", "Opini"] and filters[3]["label"] == "Wilayah"
    article = run.html("/berita/patroli/").find("article")
    assert article["data-pagefind-filter"] == "jenis:Berita", "the values the page orders are Pagefind's"


def test_group_names_inside_sentences_keep_their_acronyms(news: Site, capsys):
    """cari.js writes 'Tampilkan semua <group> (n)': the group's name in a sentence comes with the data,
    so 'Dapil DPRD' is 'dapil DPRD' there, not JavaScript's toLowerCase() 'dapil dprd'."""
    news.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n\n[taksonomi.dapil]\njudul = "Dapil DPRD"\n')
    run = news.build(capsys, "--jobs", "1")
    assert run.code == 0, run.err
    filters = search_data(run.html("/cari/"))["filters"]
    assert [(f["label"], f["in_sentence"]) for f in filters] == [
        ("Tahapan", "tahapan"), ("Lembaga", "lembaga"), ("Dapil DPRD", "dapil DPRD"), ("Tahun", "tahun")]
    assert "toLowerCase" not in run.file("/js/cari.js").read_text(encoding="utf-8")


def test_a_stage_name_cannot_end_the_script(news: Site, capsys):
    hostile = 'Tahap </script><script>alert("x")</script> <!--<script>'
    news.write("data/tahapan.yaml", "- slug: masa-tenang\n  nama: " + json.dumps(hostile) + "\n"
               "  keterangan: Masa tenang.\n- slug: kampanye\n  nama: Kampanye\n  keterangan: Kampanye.\n")
    run = news.build(capsys, "--jobs", "1")
    assert run.code == 0, run.err
    text = run.file("/cari/").read_text(encoding="utf-8")
    for parser in ("html.parser", "html5lib"):
        page = BeautifulSoup(text, parser)
        assert [s.get("id") or s.get("src") for s in page.find("main").find_all("script")] == ["cari-data", "/js/cari.js"], parser
        order = next(f for f in search_data(page)["filters"] if f["name"] == "tahapan")["order"]
        assert order == [hostile, "Kampanye"], parser
    # Pagefind reads the same name from the article's link text.
    link = run.html("/berita/patroli/").find("a", attrs={"data-pagefind-filter": "tahapan"})
    assert link.get_text() == hostile


def test_search_page_under_a_sub_path(news: Site, capsys):
    run = news.build(capsys, "--base-url", "https://contoh.example/situs/")
    page = run.html("/cari/")
    assert page.find(id="cari")["data-pagefind"] == "/situs/pagefind/pagefind.js"
    assert page.find("script", src="/situs/js/cari.js") and page.find("link", href="/situs/css/cari.css")
    assert page.find("form", role="search")["action"] == "/situs/cari/"


def test_no_search_flag_leaves_search_out(news: Site, capsys):
    run = news.build(capsys, "--no-search")
    assert run.code == 0
    assert not (run.output / "pagefind").exists()
    assert not run.file("/cari/").exists()
    assert run.html("/").find("form", role="search") is None


def test_missing_pagefind_is_a_warning_not_a_crash(news: Site, capsys, monkeypatch):
    monkeypatch.setattr(pipeline, "pagefind_executable", lambda: None)
    run = news.build(capsys)
    assert run.code == 0
    assert "pencarian: peringatan: program Pagefind tidak tersedia" in run.err
    page = run.html("/cari/")
    assert "Pencarian belum tersedia" in page.find("main").get_text()
    assert page.find(id="cari") is None and page.find("script", src="/js/cari.js") is None


def test_index_follows_deleted_articles(news: Site, capsys):
    first = news.build(capsys)
    assert json.loads(first.file("/pagefind/pagefind-entry.json").read_text())["languages"]["id"]["page_count"] == 2
    (news.root / "content/berita/2024-11-10-apel.md").unlink()
    second = news.build(capsys)
    assert json.loads(second.file("/pagefind/pagefind-entry.json").read_text())["languages"]["id"]["page_count"] == 1
