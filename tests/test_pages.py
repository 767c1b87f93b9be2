"""Every page kind of a small real site, checked on parsed HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import Site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

LEMBAGA = """\
- slug: bawaslu-kota-contoh
  nama: Bawaslu Kota Contoh
  singkatan: Bawaslu
  jenis: penyelenggara
- slug: kpu-kota-contoh
  nama: KPU Kota Contoh
  jenis: penyelenggara
- slug: polres-contoh-kota
  nama: Polres Contoh Kota
  singkatan: Polres
  jenis: keamanan
  alias: [Polres Kota Contoh, Polresta Contoh]
- slug: pemkot-contoh
  nama: Pemerintah Kota Contoh
  singkatan: Pemkot Contoh
  jenis: pemerintah
- slug: kodim-0000
  nama: Kodim 0000/Contoh
  jenis: keamanan
"""


@pytest.fixture
def built(site: Site, capsys):
    site.write("data/lembaga.yaml", LEMBAGA)
    site.add_post("2024-08-13-rakor", title="Rakor Lintas Sektoral", date="2024-08-13",
                  tahapan=["pencalonan"], lembaga=["Bawaslu Kota Contoh", "Polres Kota Contoh"], tags=["rakor", "pengamanan"],
                  body="Kota Contoh, 13 Agustus 2024. Rakor digelar di aula.\n\nParagraf kedua.")
    site.add_post("2024-09-24-deklarasi", title="Deklarasi Kampanye Damai", date="2024-09-24 09:30",
                  tahapan=["kampanye"], lembaga=["polres contoh kota", "KPU Kota Contoh", "Paguyuban Warga"], tags=["deklarasi damai"],
                  author="Humas Bawaslu")
    site.add_post("2024-11-24-patroli", title="Patroli Pengawasan Masa Tenang", date="2024-11-24",
                  tahapan=["masa-tenang", "kampanye"], lembaga="Polresta Contoh", tags="patroli", updated="2024-11-25")
    site.add_post("2025-01-09-penetapan", title="Penetapan Calon Terpilih", date="2025-01-09",
                  tahapan="penetapan-calon-terpilih", lembaga=["KPU Kota Contoh"])
    site.write("content/halaman/tentang-kami.md", "---\ntitle: Tentang Kami\n---\nBawaslu Kota Contoh mengawasi pemilu.\n")
    run = site.build(capsys)
    assert run.code == 0, run.err
    return run


def test_article_page_has_title_date_body_and_links(built):
    page = built.html("/berita/rakor/")
    assert page.html["lang"] == "id"
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == ["Rakor Lintas Sektoral"]
    time = page.find("article").find("time")
    assert time["datetime"] == "2024-08-13"
    assert time.get_text(strip=True) == "13 Agustus 2024"
    assert "Rakor digelar di aula." in page.find("article").get_text()
    hrefs = {a["href"] for a in page.find("article").find_all("a")}
    assert {"/tahapan/pencalonan/", "/lembaga/bawaslu-kota-contoh/", "/lembaga/polres-contoh-kota/", "/tag/rakor/", "/tag/pengamanan/"} <= hrefs
    assert page.find("title").get_text() == "Rakor Lintas Sektoral – Bawaslu Kota Contoh"
    assert page.find("link", rel="canonical")["href"] == "https://contoh.example/berita/rakor/"


def test_article_with_time_shows_wib_and_full_iso(built):
    time = built.html("/berita/deklarasi/").find("article").find("time")
    assert time["datetime"] == "2024-09-24T09:30:00+07:00"
    assert time.get_text(strip=True) == "24 Agustus 2024, 09.30 WIB".replace("Agustus", "September")


def test_alias_resolves_to_one_agency_page_with_canonical_name(built):
    agency = built.html("/lembaga/polres-contoh-kota/")
    assert agency.find("h1").get_text(strip=True) == "Polres Contoh Kota"
    titles = [h.get_text(strip=True) for h in agency.select("article h2")]
    assert titles == ["Patroli Pengawasan Masa Tenang", "Deklarasi Kampanye Damai", "Rakor Lintas Sektoral"]
    assert not built.file("/lembaga/polres-kota-contoh/").exists()
    labels = [a.get_text(strip=True) for a in built.html("/berita/patroli/").select("article footer a")]
    assert "Polres Contoh Kota" in labels and "Polresta Contoh" not in labels


def test_agency_index_groups_by_kind_and_lists_unknown_under_lainnya(built):
    page = built.html("/lembaga/")
    headings = [h.get_text(strip=True) for h in page.find("main").find_all("h2")]
    assert headings == ["Penyelenggara Pemilu", "Keamanan", "Pemerintah", "Lainnya"]
    lainnya = page.find("h2", string="Lainnya").find_parent("section")
    assert lainnya.find("a")["href"] == "/lembaga/paguyuban-warga/"
    assert "1 berita" in lainnya.get_text()
    # A known agency without posts is listed, without a link and without a page.
    keamanan = page.find("h2", string="Keamanan").find_parent("section")
    assert "Kodim 0000/Contoh" in keamanan.get_text()
    assert not keamanan.find("a", string="Kodim 0000/Contoh")
    assert not built.file("/lembaga/kodim-0000/").exists()
    kpu = page.find("a", href="/lembaga/kpu-kota-contoh/")
    assert "2 berita" in kpu.parent.get_text()


def _linked_groups(page) -> dict[str, list[str]]:
    """The agency index's groups: heading -> the agencies with a page."""
    return {section.find("h2").get_text(strip=True): [a["href"] for a in section.find_all("a")]
            for section in page.find("main").find_all("section")}


def test_default_agencies_put_parties_candidates_and_courts_in_their_own_groups(site: Site, capsys):
    # No data/lembaga.yaml: Warta's packaged defaults. Parties and candidate pairs were "Lainnya" at best.
    site.add_post("2024-09-24-deklarasi", title="Deklarasi", date="2024-09-24",
                  lembaga=["Paslon", "PDI-P", "Golkar", "Partai NasDem", "KPU", "Polda"])
    site.add_post("2024-12-17-sengketa", title="Sengketa Hasil", date="2024-12-17",
                  lembaga=["MK", "DKPP", "PT TUN", "PN", "Bawaslu RI", "Kemendagri"])
    run = site.build(capsys)
    assert run.code == 0, run.err
    groups = _linked_groups(run.html("/lembaga/"))
    assert list(groups) == ["Penyelenggara Pemilu", "Peserta Pemilu dan Pemilihan", "Peradilan dan Etik",
                            "Keamanan", "Pemerintah", "Masyarakat"]
    assert set(groups["Peserta Pemilu dan Pemilihan"]) == {"/lembaga/golkar/", "/lembaga/nasdem/", "/lembaga/pasangan-calon/",
                                                           "/lembaga/pdi-perjuangan/"}
    assert set(groups["Peradilan dan Etik"]) == {"/lembaga/dkpp/", "/lembaga/mahkamah-konstitusi/",
                                                 "/lembaga/pengadilan-negeri/", "/lembaga/pt-tun/"}
    assert set(groups["Penyelenggara Pemilu"]) == {"/lembaga/bawaslu-ri/", "/lembaga/kpu/"}
    assert groups["Keamanan"] == ["/lembaga/polda/"]
    assert groups["Pemerintah"] == ["/lembaga/kemendagri/"]
    assert run.err == ""  # every name above is known: no "belum ada di data/lembaga.yaml" warning


def test_sample_site_data_lists_the_constitutional_court_under_courts(tmp_path, capsys):
    from conftest import REPO
    from warta.cli import main

    output = tmp_path / "out"
    assert main(["build", "--site", str(REPO), "--output", str(output), "--no-search", "--quiet", "--jobs", "1"]) == 0
    from bs4 import BeautifulSoup
    page = BeautifulSoup((output / "lembaga/index.html").read_text(encoding="utf-8"), "html.parser")
    groups = _linked_groups(page)
    assert "/lembaga/mahkamah-konstitusi/" in groups["Peradilan dan Etik"]
    assert "/lembaga/mahkamah-konstitusi/" not in groups["Pemerintah"]
    assert set(groups["Peserta Pemilu dan Pemilihan"]) == {"/lembaga/partai-politik/", "/lembaga/pasangan-calon/"}


def test_stage_index_in_timeline_order_with_counts(built):
    page = built.html("/tahapan/")
    items = page.find("main").find("ol").find_all("li", recursive=False)
    names = [li.find("h2").get_text(" ", strip=True) for li in items]
    assert names[0].startswith("Persiapan")
    assert [n.split(" (")[0] for n in names][:4] == ["Persiapan", "Pembentukan Badan Ad Hoc", "Pemutakhiran Data Pemilih", "Pencalonan"]
    linked = [li.find("a")["href"] for li in items if li.find("a")]
    assert linked == ["/tahapan/pencalonan/", "/tahapan/kampanye/", "/tahapan/masa-tenang/", "/tahapan/penetapan-calon-terpilih/"]
    kampanye = page.find("a", href="/tahapan/kampanye/").find_parent("li")
    assert "2 berita" in kampanye.get_text()
    assert len(items) == 11


def test_stage_page_lists_its_posts_newest_first(built):
    page = built.html("/tahapan/kampanye/")
    assert page.find("h1").get_text(strip=True) == "Kampanye"
    assert [h.get_text(strip=True) for h in page.select("article h2")] == ["Patroli Pengawasan Masa Tenang", "Deklarasi Kampanye Damai"]


def test_tag_pages(built):
    index = built.html("/tag/")
    assert {a["href"] for a in index.find("main").find_all("a")} == {
        "/tag/rakor/", "/tag/pengamanan/", "/tag/deklarasi-damai/", "/tag/patroli/"}
    tag = built.html("/tag/deklarasi-damai/")
    assert "deklarasi damai" in tag.find("h1").get_text()
    assert [h.get_text(strip=True) for h in tag.select("article h2")] == ["Deklarasi Kampanye Damai"]


def test_archive_in_indonesian(built):
    index = built.html("/arsip/")
    text = index.find("main").get_text(" ", strip=True)
    assert "2025" in text and "2024" in text
    assert "Januari" in text and "November" in text and "Agustus" in text
    years = [a["href"] for a in index.find("main").find_all("a") if re_year(a["href"])]
    assert years == ["/arsip/2025/", "/arsip/2024/"]
    year = built.html("/arsip/2024/")
    months = [h.get_text(strip=True) for h in year.find("main").find_all("h2")]
    assert months == ["November 2024", "September 2024", "Agustus 2024"]
    assert year.find(id="bulan-08") is not None


def re_year(href: str) -> bool:
    return bool(re.fullmatch(r"/arsip/\d{4}/", href))


def test_home_lists_newest_posts_and_links_stages_and_agencies(built):
    home = built.html("/")
    titles = [h.get_text(strip=True) for h in home.select("article .kartu-judul, article h3")]
    assert titles[0] == "Penetapan Calon Terpilih"
    hrefs = {a["href"] for a in home.find("main").find_all("a")}
    assert "/tahapan/kampanye/" in hrefs and "/lembaga/kpu-kota-contoh/" in hrefs
    assert home.find("a", class_="lompat")["href"] == "#isi-utama"
    assert home.find("a", class_="lompat").get_text() == "Lompat ke isi utama"
    assert home.find(id="isi-utama").name == "main"


def test_navigation_has_tentang_only_when_the_page_exists(built, site, capsys, tmp_path):
    nav = built.html("/").find("nav", attrs={"aria-label": "Navigasi utama"})
    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert labels == ["Beranda", "Berita", "Tahapan", "Lembaga", "Arsip", "Tentang"]
    assert nav.find("a", string="Tentang")["href"] == "/tentang-kami/"
    about = built.html("/tentang-kami/")
    assert about.find("h1").get_text(strip=True) == "Tentang Kami"

    (site.root / "content/halaman/tentang-kami.md").unlink()
    again = site.build(capsys, output=tmp_path / "tanpa-tentang")
    labels = [a.get_text(strip=True) for a in again.html("/").find("nav", attrs={"aria-label": "Navigasi utama"}).find_all("a")]
    assert "Tentang" not in labels


def test_previous_is_older_and_next_is_newer(built):
    page = built.html("/berita/deklarasi/")
    nav = page.find("nav", class_="berita-lain")
    older = nav.find("li", class_="sebelumnya").find("a")
    newer = nav.find("li", class_="berikutnya").find("a")
    assert older["href"] == "/berita/rakor/"
    assert newer["href"] == "/berita/patroli/"
    oldest = built.html("/berita/rakor/").find("nav", class_="berita-lain")
    assert oldest.find("li", class_="sebelumnya") is None


def test_updated_date_is_shown(built):
    article = built.html("/berita/patroli/").find("article")
    times = [t["datetime"] for t in article.find_all("time")]
    assert times == ["2024-11-24", "2024-11-25"]


def test_site_feed_is_atom_with_absolute_urls(built):
    feed = ET.parse(built.file("/feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries][0] == "Penetapan Calon Terpilih"
    assert len(entries) == 4
    first = entries[0]
    assert first.find(f"{ATOM}id").text == "https://contoh.example/berita/penetapan/"
    assert first.find(f"{ATOM}content").text.startswith("<p>")
    assert first.find(f"{ATOM}summary").text
    patroli = next(e for e in entries if e.find(f"{ATOM}title").text.startswith("Patroli"))
    assert patroli.find(f"{ATOM}updated").text.startswith("2024-11-25")
    self_link = next(l for l in feed.findall(f"{ATOM}link") if l.get("rel") == "self")
    assert self_link.get("href") == "https://contoh.example/feed.xml"


def test_stage_and_agency_feeds(built):
    for path in ("/tahapan/kampanye/feed.xml", "/lembaga/polres-contoh-kota/feed.xml"):
        feed = ET.parse(built.file(path)).getroot()
        assert feed.findall(f"{ATOM}entry"), path
    stage = ET.parse(built.file("/tahapan/kampanye/feed.xml")).getroot()
    assert [e.find(f"{ATOM}title").text for e in stage.findall(f"{ATOM}entry")] == [
        "Patroli Pengawasan Masa Tenang", "Deklarasi Kampanye Damai"]


def test_sitemap_lists_every_page_with_absolute_urls(built):
    root = ET.parse(built.file("/sitemap.xml")).getroot()
    locs = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    html_pages = {
        "https://contoh.example/" + str(p.relative_to(built.output).parent.as_posix()).removeprefix(".") + ("/" if p.parent != built.output else "")
        for p in built.output.rglob("index.html")
    }
    html_pages = {u.replace("example//", "example/") for u in html_pages}
    assert locs == html_pages
    assert "https://contoh.example/404.html" not in locs


def test_robots_points_at_sitemap(built):
    assert "Sitemap: https://contoh.example/sitemap.xml" in built.file("/robots.txt").read_text()


def test_not_found_page(built):
    page = built.html("/404.html")
    assert page.find("h1").get_text(strip=True) == "Halaman tidak ditemukan"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_breadcrumbs(built):
    crumbs = built.html("/berita/rakor/").find("nav", attrs={"aria-label": "Jejak navigasi"})
    items = [li.get_text(strip=True) for li in crumbs.find_all("li")]
    assert items == ["Beranda", "Berita"]  # the section only: the headline follows right below
    assert crumbs.find_all("a")[-1]["href"] == "/berita/"
