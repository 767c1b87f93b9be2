"""Search with Pagefind: an index of the articles, a search page, and graceful absence."""

from __future__ import annotations

import json

import pytest

from conftest import Site
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


def test_search_page_and_header_form(news: Site, capsys):
    run = news.build(capsys)
    page = run.html("/cari/")
    assert page.find("h1").get_text() == "Cari berita"
    assert page.find("noscript").get_text(" ", strip=True).startswith("Pencarian memerlukan JavaScript")
    assert page.find("script", src="/pagefind/pagefind-ui.js")
    form = run.html("/berita/patroli/").find("form", role="search")
    assert form["action"] == "/cari/" and form.find("input")["name"] == "q"
    assert form.find("label").get_text() == "Cari berita"


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
    assert page.find("script", src="/pagefind/pagefind-ui.js") is None


def test_index_follows_deleted_articles(news: Site, capsys):
    first = news.build(capsys)
    assert json.loads(first.file("/pagefind/pagefind-entry.json").read_text())["languages"]["id"]["page_count"] == 2
    (news.root / "content/berita/2024-11-10-apel.md").unlink()
    second = news.build(capsys)
    assert json.loads(second.file("/pagefind/pagefind-entry.json").read_text())["languages"]["id"]["page_count"] == 1
