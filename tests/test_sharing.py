"""Link previews, structured data, share links, related news and datelines."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import REPO, Site


@pytest.fixture
def built(site: Site, capsys):
    site.add_post("2024-08-13-rakor", title="Rakor Pengamanan", date="2024-08-13", tahapan=["kampanye"],
                  lembaga=["KPU", "Polres"], tags=["rakor"], author="Humas Bawaslu", updated="2024-08-14 10:00")
    site.add_post("2024-08-12-apel", title="Apel Siaga", date="2024-08-12", tahapan=["kampanye"], lembaga=["Polres"], tags=["apel"])
    site.add_post("2024-08-11-patroli", title="Patroli", date="2024-08-11", tahapan=["masa-tenang"], lembaga=["KPU"], tags=["rakor"])
    site.add_post("2024-08-10-lain", title="Tidak Terkait", date="2024-08-10", tahapan=["rekapitulasi"], tags=["lain"])
    site.write("static/gambar/rakor.jpg", (REPO / "tests/invalid_sites/image-without-alt/static/gambar/apel.jpg").read_bytes())
    site.add_post("2024-08-09-bergambar", title="Bergambar", date="2024-08-09", image="/gambar/rakor.jpg", image_alt="Peserta rakor")
    run = site.build(capsys)
    assert run.code == 0, run.err
    return run


def meta(page, name: str) -> str:
    tag = page.find("meta", attrs={"property": name}) or page.find("meta", attrs={"name": name})
    return tag["content"]


def structured(page) -> dict[str, dict]:
    return {d["@type"]: d for d in (json.loads(s.string) for s in page.find_all("script", type="application/ld+json"))}


def test_article_link_preview(built):
    page = built.html("/berita/rakor/")
    assert meta(page, "og:title") == "Rakor Pengamanan"
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == "https://contoh.example/berita/rakor/"
    assert meta(page, "og:locale") == "id_ID"
    assert meta(page, "og:image") == "https://contoh.example/gambar/bagikan.png"
    assert meta(page, "og:description") and meta(page, "twitter:card") == "summary_large_image"
    assert built.file("/gambar/bagikan.png").is_file()
    with_image = built.html("/berita/bergambar/")
    assert meta(with_image, "og:image") == "https://contoh.example/gambar/rakor-jpg-64w.jpg"  # a resized copy
    assert meta(with_image, "og:image:alt") == "Peserta rakor"


def test_news_article_structured_data(built):
    data = structured(built.html("/berita/rakor/"))["NewsArticle"]
    assert data["headline"] == "Rakor Pengamanan"
    assert data["datePublished"] == "2024-08-13T00:00:00+07:00"
    assert data["dateModified"] == "2024-08-14T10:00:00+07:00"
    assert data["author"] == [data["publisher"]]  # 'Humas Bawaslu' is the office, not a person
    assert data["publisher"]["name"] == "Bawaslu Kota Contoh"
    assert data["image"] == ["https://contoh.example/gambar/bagikan.png"]


@pytest.mark.parametrize("path", ["/", "/berita/", "/berita/rakor/", "/tahapan/", "/tahapan/kampanye/", "/lembaga/",
                                  "/tag/rakor/", "/arsip/", "/arsip/2024/", "/404.html"])
def test_breadcrumbs_structured_data_everywhere(built, path):
    page = built.html(path)
    crumbs = structured(page)["BreadcrumbList"]["itemListElement"]
    assert crumbs[0] == {"@type": "ListItem", "position": 1, "name": "Beranda", "item": "https://contoh.example/"}
    assert page.find("link", rel="canonical") or path == "/404.html"


def test_share_links_are_plain_links(built):
    page = built.html("/berita/rakor/")
    links = {a.get_text(" ", strip=True).split(" (")[0]: a["href"] for a in page.select(".daftar-bagikan a")}
    assert set(links) == {"WhatsApp", "Facebook", "X", "Telegram", "Surel"}
    whatsapp = parse_qs(urlsplit(links["WhatsApp"]).query)["text"][0]
    assert whatsapp == "Rakor Pengamanan https://contoh.example/berita/rakor/"
    assert links["Surel"].startswith("mailto:?subject=Rakor%20Pengamanan")
    for script in page.find_all("script", src=True):
        assert script["src"].startswith("/"), "no third-party scripts"


def test_related_news_share_agencies_tags_or_stages(built):
    page = built.html("/berita/rakor/")
    related = [a.get_text(strip=True) for a in page.select(".berita-terkait a")]
    assert related[:2] == ["Patroli", "Apel Siaga"]  # Patroli shares an agency and a tag; Apel an agency and a stage
    assert "Rakor Pengamanan" not in related and "Tidak Terkait" not in related
    assert len(related) <= 5


def test_dateline_has_the_day_name_outside_the_time_element(built):
    meta_line = built.html("/berita/rakor/").find("article").find("p", class_="meta")
    assert meta_line.get_text(" ", strip=True).startswith("Selasa , 13 Agustus 2024") or \
        meta_line.get_text(" ", strip=True).startswith("Selasa, 13 Agustus 2024")
    assert meta_line.find("time").get_text() == "13 Agustus 2024"
