"""Kinds of content and taxonomies a site declares in site.toml, without Python: built like news everywhere."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import BuildRun, Site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

OPINI = """\
title = "Bawaslu Kota Contoh"
base_url = "https://contoh.example/"
per_page = 2

[koleksi.opini]
judul = "Opini"

[taksonomi.wilayah]
judul = "Wilayah"
"""


def opinion(number: int, **extra: str) -> str:
    lines = ["---", f"title: Opini Warga {number}", f"date: 2024-08-1{number}", "tags: [netralitas]", *(
        f"{key}: {value}" for key, value in extra.items()), "---", "", f"Isi opini {number}.", ""]
    return "\n".join(lines)


@pytest.fixture
def built(site: Site, capsys: pytest.CaptureFixture[str]) -> BuildRun:
    site.config(OPINI)
    site.add_post("2024-08-10-rakor", title="Rakor Netralitas", date="2024-08-10", tags=["netralitas"])
    for number in (1, 2, 3):
        site.write(f"content/opini/2024-08-1{number}-opini-warga-{number}.md",
                   opinion(number, wilayah="[Kecamatan Mojoroto]" if number != 2 else "[Kecamatan Kota]"))
    run = site.build(capsys, "--jobs", "1", "--tanggal", "2024-09-01")
    assert (run.code, run.err) == (0, ""), run.err
    return run


def atom_links(run: BuildRun, path: str) -> list[str]:
    root = ET.parse(run.file(path)).getroot()
    assert root.tag == f"{ATOM}feed"
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


def card_links(run: BuildRun, path: str) -> list[str]:
    return [a["href"] for a in run.html(path).select("main .kartu-judul a")]


def test_declared_kind_has_item_pages_listing_and_feed(built: BuildRun) -> None:
    page = built.html("/opini/opini-warga-3/")
    assert page.find("h1").get_text(strip=True) == "Opini Warga 3"
    listing = built.html("/opini/")
    assert listing.find("h1").get_text(strip=True) == "Opini"
    assert card_links(built, "/opini/") == ["/opini/opini-warga-3/", "/opini/opini-warga-2/"]  # per_page = 2
    assert card_links(built, "/opini/halaman/2/") == ["/opini/opini-warga-1/"]
    assert listing.find("a", rel="next")["href"] == "/opini/halaman/2/"
    assert atom_links(built, "/opini/feed.xml") == [f"https://contoh.example/opini/opini-warga-{n}/" for n in (3, 2, 1)]


def test_declared_kind_is_in_the_sitemap_the_site_feed_and_the_menu(built: BuildRun) -> None:
    urls = {loc.text for loc in ET.parse(built.file("/sitemap.xml")).getroot().iter(f"{SITEMAP}loc")}
    assert {"https://contoh.example/opini/", "https://contoh.example/opini/opini-warga-1/",
            "https://contoh.example/wilayah/", "https://contoh.example/wilayah/kecamatan-mojoroto/"} <= urls
    site_feed = atom_links(built, "/feed.xml")
    assert "https://contoh.example/opini/opini-warga-3/" in site_feed
    assert "https://contoh.example/berita/rakor/" in site_feed
    menu = {a.get_text(strip=True): a["href"] for a in built.html("/").select("nav.navigasi a")}
    assert menu["Opini"] == "/opini/"
    assert list(menu).index("Berita") < list(menu).index("Opini")


def test_a_shared_tag_page_labels_each_item_with_its_kind(built: BuildRun) -> None:
    cards = built.html("/tag/netralitas/").select("main article.kartu")
    kinds = {card.select_one(".kartu-judul a")["href"]: card.select_one(".jenis") for card in cards}
    assert kinds["/opini/opini-warga-3/"].get_text(strip=True) == "Opini"
    assert card_links(built, "/tag/netralitas/halaman/2/")[-1] == "/berita/rakor/"  # news too, oldest last


def test_declared_taxonomy_has_an_index_term_pages_and_feeds(built: BuildRun) -> None:
    index = built.html("/wilayah/")
    assert index.find("h1").get_text(strip=True) == "Wilayah"
    assert {a["href"] for a in index.select("main a")} == {"/wilayah/kecamatan-mojoroto/", "/wilayah/kecamatan-kota/"}
    term = built.html("/wilayah/kecamatan-mojoroto/")
    assert "Kecamatan Mojoroto" in term.find("h1").get_text()
    assert card_links(built, "/wilayah/kecamatan-mojoroto/") == ["/opini/opini-warga-3/", "/opini/opini-warga-1/"]
    assert atom_links(built, "/wilayah/kecamatan-mojoroto/feed.xml") == [
        "https://contoh.example/opini/opini-warga-3/", "https://contoh.example/opini/opini-warga-1/"]


def test_the_term_is_on_the_article_and_a_search_filter(built: BuildRun) -> None:
    page = built.html("/opini/opini-warga-3/")
    footer = page.select_one("article footer")
    labels = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in footer.find_all("dt")}
    link = labels["Wilayah"].find("a")
    assert (link.get_text(strip=True), link["href"]) == ("Kecamatan Mojoroto", "/wilayah/kecamatan-mojoroto/")
    assert link["data-pagefind-filter"] == "wilayah"
    assert page.find("article")["data-pagefind-filter"] == "jenis:Opini"


def test_the_kinds_own_templates_are_used(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(OPINI)
    site.write("templates/opini.html", '{% extends "post.html" %}\n'
               '{% block sebelum_isi %}<p class="catatan-opini">Tulisan ini pendapat pribadi penulis.</p>{% endblock %}\n')
    site.write("templates/opini_list.html", '{% extends "base.html" %}\n{% block main %}<h1>Ruang {{ collection.title }}</h1>'
               '<ol class="daftar-opini">{% for post in listing.posts %}<li><a href="{{ url(post.url) }}">{{ post.title }}'
               '</a></li>{% endfor %}</ol>{% endblock %}\n')
    site.add_post("2024-08-10-rakor", title="Rakor Netralitas", date="2024-08-10")
    site.write("content/opini/2024-08-11-opini-warga-1.md", opinion(1))
    run = site.build(capsys, "--jobs", "1", "--tanggal", "2024-09-01")
    assert (run.code, run.err) == (0, ""), run.err
    page = run.html("/opini/opini-warga-1/")
    assert page.select_one(".catatan-opini").get_text() == "Tulisan ini pendapat pribadi penulis."
    assert page.find("h1").get_text(strip=True) == "Opini Warga 1"  # the rest is post.html's
    assert run.html("/berita/rakor/").select_one(".catatan-opini") is None  # news keeps post.html
    listing = run.html("/opini/")
    assert listing.find("h1").get_text() == "Ruang Opini"
    assert [a["href"] for a in listing.select("ol.daftar-opini a")] == ["/opini/opini-warga-1/"]
    assert run.html("/berita/").select_one("ol.daftar-opini") is None


def test_without_a_declaration_the_folder_is_skipped_with_a_warning(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.add_post("2024-08-10-rakor")
    site.write("content/opini/2024-08-11-opini-warga-1.md", opinion(1))
    run = site.build(capsys, "--jobs", "1")
    assert run.code == 0
    assert run.err.splitlines() == [
        f"{site.root / 'content' / 'opini'}: peringatan: folder 'opini' bukan jenis konten yang dikenal dan dilewati; "
        "untuk jenis konten sendiri tulis [koleksi.opini] dan judul = \"...\" di site.toml"]
    assert not (run.output / "opini").exists()


def test_a_kind_named_with_an_acronym_keeps_it_in_sentences(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    """Sentences name a kind in lower case ('Bagikan opini ini'), but an acronym stays one: 'rilis KPU',
    not 'rilis kpu'."""
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n\n'
                '[koleksi.rilis]\njudul = "Rilis KPU"\n\n[taksonomi.dapil]\njudul = "Dapil DPRD"\n')
    site.write("content/rilis/2024-08-11-rilis-satu.md", "---\ntitle: Rilis Satu\ndate: 2024-08-11\n---\n\nIsi.\n")
    run = site.build(capsys, "--jobs", "1", "--no-search")
    assert run.code == 0, run.err
    page = run.html("/rilis/rilis-satu/")
    assert page.find(id="bagikan-judul").get_text() == "Bagikan rilis KPU ini"
    assert page.select_one(".alamat-cetak").get_text() == "Alamat rilis KPU ini: https://contoh.example/rilis/rilis-satu/"
    assert run.html("/dapil/").select_one("main .kosong").get_text() == "Belum ada dapil DPRD."
