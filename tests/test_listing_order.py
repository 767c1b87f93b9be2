"""Pagination edges and the order of posts everywhere."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import Site

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(run, path: str) -> list[str]:
    return [h.get_text(strip=True) for h in run.html(path).select("main article h2")]


def pagination_text(run, path: str) -> str:
    return run.html(path).find("nav", class_="paginasi").get_text(" ", strip=True)


@pytest.mark.parametrize(("count", "pages"), [(0, 1), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3)])
def test_number_of_list_pages(site: Site, capsys, count: int, pages: int):
    site.config('title = "Situs"\nbase_url = "https://contoh.example/"\nper_page = 3\n')
    for n in range(count):
        site.add_post(f"2024-08-{n + 1:02d}-b{n}", title=f"Berita {n:02d}", date=f"2024-08-{n + 1:02d}", tahapan=["kampanye"])
    run = site.build(capsys)
    assert run.code == 0
    if pages == 1:  # one page needs no "Halaman 1 dari 1"
        assert run.html("/berita/").find("nav", class_="paginasi") is None
    else:
        assert "Halaman 1 dari %d" % pages in pagination_text(run, "/berita/")
    for number in range(2, pages + 1):
        assert run.file(f"/berita/halaman/{number}/").is_file()
        assert f"Halaman {number} dari {pages}" in pagination_text(run, f"/berita/halaman/{number}/")
    assert not run.file(f"/berita/halaman/{pages + 1}/").exists()
    assert not run.file("/berita/halaman/1/").exists()
    shown = [t for n in range(1, pages + 1) for t in titles(run, "/berita/" if n == 1 else f"/berita/halaman/{n}/")]
    assert shown == [f"Berita {n:02d}" for n in reversed(range(count))]


def test_prev_next_links_with_rel(site: Site, capsys):
    site.config('title = "Situs"\nbase_url = "https://contoh.example/"\nper_page = 2\n')
    for n in range(5):
        site.add_post(f"2024-08-{n + 1:02d}-b{n}", title=f"Berita {n}", date=f"2024-08-{n + 1:02d}", tahapan=["kampanye"])
    run = site.build(capsys)
    first = run.html("/berita/")
    assert first.find("a", rel="prev") is None
    assert first.find("a", rel="next")["href"] == "/berita/halaman/2/"
    middle = run.html("/berita/halaman/2/")
    assert middle.find("a", rel="prev")["href"] == "/berita/"
    assert middle.find("a", rel="next")["href"] == "/berita/halaman/3/"
    last = run.html("/berita/halaman/3/")
    assert last.find("a", rel="prev")["href"] == "/berita/halaman/2/"
    assert last.find("a", rel="next") is None
    # Stage pages paginate the same way.
    stage = run.html("/tahapan/kampanye/halaman/2/")
    assert stage.find("a", rel="prev")["href"] == "/tahapan/kampanye/"
    assert "Halaman 2 dari 3" in stage.find("nav", class_="paginasi").get_text(" ", strip=True)
    assert run.file("/tahapan/kampanye/halaman/3/").is_file()


def test_same_moment_is_ordered_by_title_ignoring_case(site: Site, capsys):
    site.add_post("a", title="bawaslu apel", date="2024-08-13")
    site.add_post("b", title="Apel Siaga", date="2024-08-13")
    site.add_post("c", title="Cek Logistik", date="2024-08-13")
    site.add_post("d", title="Zona Damai", date="2024-08-13 00:00")
    site.add_post("e", title="Malam Hari", date="2024-08-13 20:00")
    site.add_post("f", title="Kemarin", date="2024-08-12 23:59")
    run = site.build(capsys)
    assert titles(run, "/berita/") == ["Malam Hari", "Apel Siaga", "bawaslu apel", "Cek Logistik", "Zona Damai", "Kemarin"]


def test_datetimes_with_another_zone_are_shown_in_wib(site: Site, capsys):
    site.add_post("wita", title="Dari Makassar", date="2024-08-13T10:00:00+08:00")
    site.add_post("wib", title="Dari Kediri", date="2024-08-13 09:30")
    run = site.build(capsys)
    assert titles(run, "/berita/") == ["Dari Kediri", "Dari Makassar"]
    time = run.html("/berita/wita/").find("article").find("time")
    assert time["datetime"] == "2024-08-13T09:00:00+07:00"
    assert time.get_text(strip=True) == "13 Agustus 2024, 09.00 WIB"


def test_feeds_are_newest_first_and_hold_at_most_twenty(site: Site, capsys):
    for n in range(25):
        site.add_post(f"p{n:02d}", title=f"Berita {n:02d}", date=f"2024-07-{n + 1:02d}", tahapan=["kampanye"])
    run = site.build(capsys)
    for path in ("/feed.xml", "/tahapan/kampanye/feed.xml"):
        entries = ET.parse(run.file(path)).getroot().findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}title").text for e in entries] == [f"Berita {n:02d}" for n in range(24, 4, -1)]


def test_archive_and_tags_are_newest_first(site: Site, capsys):
    site.add_post("a", title="Januari", date="2024-01-05", tags=["rakor"])
    site.add_post("b", title="Maret", date="2024-03-05", tags=["Rakor"])
    site.add_post("c", title="Desember Lalu", date="2023-12-30", tags=["rakor"])
    run = site.build(capsys)
    year = run.html("/arsip/2024/")
    assert [a.get_text(strip=True) for a in year.select("main .kartu-judul a")] == ["Maret", "Januari"]
    assert [h.get_text(strip=True) for h in year.select("main h2")] == ["Maret 2024", "Januari 2024"]
    assert titles(run, "/tag/rakor/") == ["Maret", "Januari", "Desember Lalu"]
    # "Rakor" and "rakor" are one tag, shown in the spelling most posts use.
    assert run.html("/tag/").find("main").find("a").get_text(" ", strip=True).startswith("rakor")
