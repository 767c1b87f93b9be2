"""The portal look: identity in the header (logo, the office's name, colours from one accent), the home
page's lead story, cards with thumbnails on every listing, and no label repeated on its own listing."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import Site
from warta.config import load_config
from warta.diagnostics import Diagnostics
from warta.layout import SiteLayout

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#8c1b22"/></svg>\n'
BASE = 'title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n'
FACT_CHECK = """\
---
title: "Cek Fakta: TPS Dipindah"
date: {date}
tahapan: [masa-tenang]
klaim: "Semua TPS dipindah"
penilaian: Salah
---
Tidak benar.
"""


# --- WCAG 2.2 contrast, computed here independently of warta/colours.py --------------------------

def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def declarations(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-f]{6})", block))


def theme_properties(page: BeautifulSoup) -> tuple[dict[str, str], dict[str, str]]:
    """The custom properties of the page's <style>: (light, dark)."""
    [style] = page.head.find_all("style")
    text = style.get_text()
    light, _, dark = text.partition("@media (prefers-color-scheme:dark)")
    return declarations(light), declarations(dark)


def photo(site: Site, name: str) -> str:
    path = site.root / "static" / "gambar" / f"{name}.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 1067), "#336699").save(path, quality=80)
    return f"/gambar/{name}.jpg"


# --- identity -----------------------------------------------------------------------------------

def test_without_identity_keys_the_header_shows_the_title_the_favicon_and_the_red(site: Site, capsys):
    site.add_post("a", title="Berita A")
    run = site.build(capsys)
    assert run.code == 0, run.err
    home = run.html("/")
    link = home.select_one("header.kepala a.nama-situs")
    assert link.img["src"] == "/favicon.svg" and link.img["alt"] == ""
    assert link.get_text(strip=True) == "Bawaslu Kota Contoh"
    assert home.head.find("style") is None  # warta.css's own colours
    assert home.head.find("meta", attrs={"name": "theme-color"})["content"] == "#8c1b22"


def test_logo_and_two_line_name_in_the_header(site: Site, capsys):
    site.write("static/gambar/logo.svg", SVG)
    site.config(BASE + 'logo = "/gambar/logo.svg"\nnama_lembaga = ["BADAN PENGAWAS PEMILIHAN UMUM", "KOTA CONTOH"]\n')
    site.add_post("a", title="Berita A")
    run = site.build(capsys)
    assert run.code == 0, run.err
    for path in ("/", "/berita/a/", "/tahapan/"):
        link = run.html(path).select_one("header.kepala a.nama-situs")
        assert link["href"] == "/"
        assert link.img["src"] == "/gambar/logo.svg"
        assert link.img["width"] == link.img["height"] == "48"
        assert [s.get_text() for s in link.select(".nama-lembaga > span")] == ["BADAN PENGAWAS PEMILIHAN UMUM", "KOTA CONTOH"]
        assert link.get_text(" ", strip=True) == "BADAN PENGAWAS PEMILIHAN UMUM KOTA CONTOH"  # the link's name
    assert run.file("/gambar/logo.svg").read_text() == SVG


def test_one_line_name_as_text(site: Site, capsys):
    site.config(BASE + 'nama_lembaga = "  Bawaslu   Kota Contoh "\n')
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert [s.get_text() for s in run.html("/").select(".nama-situs .nama-lembaga > span")] == ["Bawaslu Kota Contoh"]


@pytest.mark.parametrize("accent", ["#ffcc00", "#00ffff", "#ffffff", "#000000", "#1b6b35", "#3355FF", "#8c1b23"])
def test_colours_derived_from_the_accent_have_wcag_contrast(site: Site, capsys, accent: str):
    site.config(BASE + f'warna = "{accent}"\n')
    site.add_post("a", title="Berita A")
    run = site.build(capsys)
    assert run.code == 0, run.err
    home = run.html("/")
    light, dark = theme_properties(home)
    assert set(light) == set(dark) == {"--merah", "--merah-tua", "--kepala", "--kepala-tua"}
    for name in ("--merah", "--merah-tua"):  # links and accents on the page and on the soft boxes
        assert contrast(light[name], "#ffffff") >= 4.5 and contrast(light[name], "#f7f4f0") >= 4.5
        assert contrast(dark[name], "#17161a") >= 4.5 and contrast(dark[name], "#221f24") >= 4.5
    for name in ("--kepala", "--kepala-tua"):  # white text of the header and the menu bar
        assert contrast(light[name], "#ffffff") >= 4.5 and contrast(dark[name], "#ffffff") >= 4.5
    assert home.head.find("meta", attrs={"name": "theme-color"})["content"] == light["--kepala"]
    # the same style on every page, after the style sheet it overrides
    assert run.html("/berita/a/").head.find("style").get_text() == home.head.find("style").get_text()
    assert home.head.find("style").find_previous("link", rel="stylesheet")["href"] == "/css/warta.css"


def test_a_dark_accent_keeps_its_hue_in_the_dark_scheme(site: Site, capsys):
    site.config(BASE + 'warna = "#0055aa"\n')
    light, dark = theme_properties(site.build(capsys).html("/"))
    assert light["--merah"] == "#0055aa"  # already readable: used as written
    blue = int(dark["--merah"][5:7], 16)
    assert blue > int(dark["--merah"][1:3], 16) and luminance(dark["--merah"]) > luminance(light["--merah"])


# --- identity mistakes, with their exact messages -------------------------------------------------

EXAMPLE_NAME = 'nama_lembaga = ["BADAN PENGAWAS PEMILIHAN UMUM", "KOTA KEDIRI"]'


@pytest.mark.parametrize(("line", "expected"), [
    ('logo = "/gambar/tidak-ada.svg"', "logo '/gambar/tidak-ada.svg' tidak ditemukan; simpan berkasnya di static/gambar/tidak-ada.svg"),
    ('logo = "/gambar/Logo.SVG"', "logo '/gambar/Logo.SVG' tidak ditemukan; huruf besar-kecil alamat logo harus sama persis "
                                  'dengan nama berkasnya: logo = "/gambar/logo.svg"'),
    ('logo = "static/gambar/logo.svg"', "logo '/static/gambar/logo.svg' tidak ditemukan; tulis alamat logo tanpa 'static/': "
                                        'logo = "/gambar/logo.svg"'),
    ('logo = "/gambar/logo.jpg"', "logo '/gambar/logo.jpg' harus berupa gambar SVG atau PNG (.svg atau .png), bukan .jpg"),
    ('logo = "/gambar/logo"', "logo '/gambar/logo' harus berupa gambar SVG atau PNG (.svg atau .png)"),
    ('logo = "/gambar/palsu.png"', "logo '/gambar/palsu.png' bukan gambar PNG yang dapat dibaca; buka logonya lalu simpan ulang sebagai PNG"),
    ('logo = "/gambar/palsu.svg"', "logo '/gambar/palsu.svg' bukan gambar SVG yang dapat dibaca; buka logonya lalu simpan ulang sebagai SVG"),
    ('logo = "../rahasia/logo.svg"', "logo '../rahasia/logo.svg' harus berada di dalam folder static/, misalnya logo = \"/gambar/logo.svg\""),
    ('logo = "https://contoh.example/logo.svg"', "logo 'https://contoh.example/logo.svg' harus berupa berkas di folder static/ "
                                                 'situs ini, bukan alamat di internet; unduh berkasnya ke static/gambar/ lalu tulis '
                                                 'logo = "/gambar/logo.svg"'),
    ('logo = " "', "'logo' tidak boleh kosong; tulis alamat berkas logo di folder static/, misalnya logo = \"/gambar/logo.svg\""),
    ("logo = 1", "'logo' harus berupa teks, bukan bilangan bulat"),
    ('nama_lembaga = ["A", "B", "C"]', f"'nama_lembaga' paling banyak dua baris, bukan 3; misalnya {EXAMPLE_NAME}"),
    ('nama_lembaga = []', f"'nama_lembaga' tidak boleh kosong atau berisi baris kosong; misalnya {EXAMPLE_NAME}"),
    ('nama_lembaga = ["BAWASLU", " "]', f"'nama_lembaga' tidak boleh kosong atau berisi baris kosong; misalnya {EXAMPLE_NAME}"),
    ('nama_lembaga = ["BAWASLU", 2]', f"baris 'nama_lembaga' harus berupa teks, bukan bilangan bulat; misalnya {EXAMPLE_NAME}"),
    ("nama_lembaga = 2", "'nama_lembaga' harus berupa teks atau daftar teks, bukan bilangan bulat"),
    ('warna = "merah"', "warna 'merah' harus berupa kode warna #rrggbb (tanda # dan enam angka heksadesimal 0-9 a-f), "
                        'misalnya warna = "#8c1b22"'),
    ('warna = "#f00"', "warna '#f00' harus berupa kode warna #rrggbb (tanda # dan enam angka heksadesimal 0-9 a-f), "
                       'misalnya warna = "#8c1b22"'),
    ('warna = "8c1b22"', "warna '8c1b22' harus berupa kode warna #rrggbb (tanda # dan enam angka heksadesimal 0-9 a-f), "
                         'misalnya warna = "#8c1b22"'),
])
def test_identity_mistakes_are_reported_at_their_line(site: Site, line: str, expected: str):
    site.write("static/gambar/logo.svg", SVG)
    site.write("static/gambar/palsu.png", b"GIF89a not a png")
    site.write("static/gambar/palsu.svg", "<html>bukan svg</html>")
    site.write("site.toml", BASE + "per_page = 5\n" + line + "\n")
    diagnostics = Diagnostics()
    config = load_config(SiteLayout.at(site.root), diagnostics)
    [problem] = diagnostics.errors
    assert (problem.path, problem.line, problem.message) == (str(site.root / "site.toml"), 4, expected)
    assert (config.logo, config.institution, config.accent) == (None, (), "#8c1b22")


@pytest.mark.parametrize(("line", "expected"), [
    ('share_image = "/gambar/tidak-ada.png"',
     "share_image '/gambar/tidak-ada.png' tidak ditemukan; simpan berkasnya di static/gambar/tidak-ada.png"),
    ('share_image = "/gambar/Kantor.JPG"', "share_image '/gambar/Kantor.JPG' tidak ditemukan; huruf besar-kecil alamat "
                                           'share_image harus sama persis dengan nama berkasnya: share_image = "/gambar/kantor.jpg"'),
    ('share_image = "/gambar/logo.svg"', "share_image '/gambar/logo.svg' harus berupa gambar PNG, JPEG atau WebP "
                                         "(.png, .jpg, .jpeg atau .webp), bukan .svg"),
    ('share_image = "/gambar/palsu.png"', "share_image '/gambar/palsu.png' bukan gambar PNG yang dapat dibaca; buka "
                                          "gambarnya lalu simpan ulang sebagai PNG"),
    ('share_image = "https://contoh.example/bagikan.png"',
     "share_image 'https://contoh.example/bagikan.png' harus berupa berkas di folder static/ situs ini, bukan alamat di "
     'internet; unduh berkasnya ke static/gambar/ lalu tulis share_image = "/gambar/bagikan-kediri.png"'),
])
def test_share_image_mistakes_are_reported_at_their_line(site: Site, line: str, expected: str):
    """A missing or unusable share picture was published as a broken link preview on every page without a photo."""
    site.write("static/gambar/logo.svg", SVG)
    photo(site, "kantor")
    site.write("static/gambar/palsu.png", b"GIF89a not a png")
    site.write("site.toml", BASE + "per_page = 5\n" + line + "\n")
    diagnostics = Diagnostics()
    config = load_config(SiteLayout.at(site.root), diagnostics)
    [problem] = diagnostics.errors
    assert (problem.path, problem.line, problem.message) == (str(site.root / "site.toml"), 4, expected)
    assert config.share_image is None


def test_a_good_share_image_is_read(site: Site):
    photo(site, "kantor")
    site.write("site.toml", BASE + 'share_image = "gambar/kantor.jpg"\n')
    diagnostics = Diagnostics()
    assert load_config(SiteLayout.at(site.root), diagnostics).share_image == "/gambar/kantor.jpg"
    assert diagnostics.items == []


def test_identity_keys_are_read(site: Site):
    site.write("static/gambar/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(32))
    site.write("site.toml", BASE + 'logo = "gambar/logo.png"\nnama_lembaga = ["A", "B"]\nwarna = "#1B6B35"\n')
    diagnostics = Diagnostics()
    config = load_config(SiteLayout.at(site.root), diagnostics)
    assert not diagnostics.errors and not diagnostics.warnings
    assert (config.logo, config.institution, config.accent) == ("/gambar/logo.png", ("A", "B"), "#1b6b35")


def test_an_svg_logo_with_a_long_preamble_is_an_svg(site: Site):
    """Illustrator and Inkscape write a comment, a DOCTYPE with entities and metadata before <svg>: more than
    the first 4 KiB of a real logo may come before it."""
    preamble = '<?xml version="1.0"?>\n<!-- Generator: Adobe Illustrator 24.0.0 -->\n<!DOCTYPE svg [\n'
    preamble += "".join(f'  <!ENTITY ns_{i} "http://ns.adobe.example/{"x" * 60}/{i}/">\n' for i in range(80)) + "]>\n"
    site.write("static/gambar/logo.svg", preamble + SVG)
    site.write("site.toml", BASE + 'logo = "/gambar/logo.svg"\n')
    diagnostics = Diagnostics()
    assert load_config(SiteLayout.at(site.root), diagnostics).logo == "/gambar/logo.svg"
    assert not diagnostics.errors


@pytest.mark.parametrize("line", ['nama_lembaga = ["\\u200b", "KOTA CONTOH"]', 'nama_lembaga = "\\u2066\\u2069"'])
def test_a_name_line_of_invisible_characters_only_is_empty(site: Site, line: str):
    site.write("site.toml", BASE + line + "\n")
    diagnostics = Diagnostics()
    assert load_config(SiteLayout.at(site.root), diagnostics).institution == ()
    [problem] = diagnostics.errors
    assert problem.message == f"'nama_lembaga' tidak boleh kosong atau berisi baris kosong; misalnya {EXAMPLE_NAME}"


def test_invisible_characters_leave_the_name(site: Site):
    site.write("site.toml", BASE + 'nama_lembaga = ["BAWASLU\\u200b KOTA\\u2060 CONTOH"]\n')
    diagnostics = Diagnostics()
    assert load_config(SiteLayout.at(site.root), diagnostics).institution == ("BAWASLU KOTA CONTOH",)
    assert not diagnostics.errors


def test_a_logo_linked_from_outside_the_site_is_refused(site: Site, tmp_path):
    outside = tmp_path / "luar.svg"
    outside.write_text(SVG)
    (site.root / "static" / "gambar").mkdir(parents=True)
    (site.root / "static" / "gambar" / "logo.svg").symlink_to(outside)
    site.write("site.toml", BASE + 'logo = "/gambar/logo.svg"\n')
    diagnostics = Diagnostics()
    assert load_config(SiteLayout.at(site.root), diagnostics).logo is None
    [problem] = diagnostics.errors
    assert problem.line == 3
    assert problem.message == (f"logo '/gambar/logo.svg': tautan simbolik menunjuk ke luar folder situs ({outside}); "
                               "salin berkasnya ke dalam folder situs")


# --- home page and cards --------------------------------------------------------------------------

def test_home_page_leads_with_the_newest_story_that_has_a_photo(site: Site, capsys):
    site.add_post("2024-08-10-lama", title="Lama Berfoto", date="2024-08-10", image=photo(site, "lama"), image_alt="Foto lama")
    site.add_post("2024-08-12-foto", title="Berfoto", date="2024-08-12", image=photo(site, "foto"), image_alt="Peserta rapat")
    site.add_post("2024-08-13-teks", title="Tanpa Foto", date="2024-08-13")
    run = site.build(capsys)
    assert run.code == 0, run.err
    home = run.html("/")
    [h1] = home.find_all("h1")
    assert h1.get_text() == "Berita terbaru Bawaslu Kota Contoh"
    assert home.find(class_="pembuka") is None  # no box repeating the site title
    lead = home.select_one("main article.kartu-utama")
    assert lead.select_one(".kartu-judul").get_text(strip=True) == "Berfoto"
    img = lead.select_one("picture img")
    assert img["alt"] == "Peserta rapat"
    assert "loading" not in img.attrs and img["fetchpriority"] == "high"
    assert img["width"] and img["height"]
    assert img["sizes"].endswith("calc(100vw - 2rem)") and "480w" in img["srcset"]  # a phone's width
    cards = home.select("main .daftar-berita article.kartu")
    assert [c.select_one(".kartu-judul").get_text(strip=True) for c in cards] == ["Tanpa Foto", "Lama Berfoto"]
    later = cards[1].select_one("picture img")
    assert later["loading"] == "lazy" and later["width"] and later["height"] and later["alt"] == ""
    assert cards[1].select_one("picture source")["type"] == "image/webp"
    assert h1.find_parent("section") is lead.find_parent("section")


def test_home_page_without_any_photo_leads_with_the_newest(site: Site, capsys):
    site.add_post("2024-08-12-a", title="Kedua", date="2024-08-12")
    site.add_post("2024-08-13-b", title="Terbaru", date="2024-08-13")
    home = site.build(capsys).html("/")
    lead = home.select_one("main article.kartu-utama")
    assert lead.select_one(".kartu-judul").get_text(strip=True) == "Terbaru"
    assert lead.find("img") is None and lead.select_one(".kartu-gambar") is None


def test_cards_with_and_without_photo(site: Site, capsys):
    site.add_post("2024-08-12-foto", title="Berfoto", date="2024-08-12", image=photo(site, "foto"), image_alt="Peserta")
    site.add_post("2024-08-13-teks", title="Tanpa Foto", date="2024-08-13", summary="Ringkasan singkat.")
    run = site.build(capsys)
    for path in ("/berita/", "/arsip/2024/"):
        cards = {c.select_one(".kartu-judul").get_text(strip=True): c for c in run.html(path).select("main article.kartu")}
        with_photo, text_only = cards["Berfoto"], cards["Tanpa Foto"]
        assert "kartu-foto" in with_photo["class"]
        img = with_photo.select_one(".kartu-gambar picture img")
        assert img["loading"] == "lazy" and img["width"] and img["height"] and "srcset" in img.attrs
        assert "kartu-foto" not in text_only["class"]
        assert text_only.find("img") is None and text_only.select_one(".kartu-gambar") is None
        assert text_only.select_one(".ringkasan").get_text() == "Ringkasan singkat."
        assert text_only.select_one(".meta time").get_text() == "13 Agustus 2024"


def test_no_label_is_repeated_on_its_own_listing(site: Site, capsys):
    site.add_post("2024-11-24-a", title="Dua Tahapan", date="2024-11-24", tahapan=["masa-tenang", "pemungutan-suara"],
                  tags=["tps"])
    site.write("content/cek-fakta/2024-11-25-tps.md", FACT_CHECK.format(date="2024-11-25"))
    run = site.build(capsys, "--tanggal", "2024-11-26")
    assert run.code == 0, run.err

    def card(path: str, title: str) -> BeautifulSoup:
        return next(c for c in run.html(path).select("main article.kartu") if title in c.select_one(".kartu-judul").get_text())

    on_stage = card("/tahapan/masa-tenang/", "Dua Tahapan")
    assert on_stage.select_one(".meta-tahapan").get_text() == "Pemungutan Suara"  # the other stage only
    assert on_stage.select_one(".jenis").get_text() == "Berita"
    on_other_stage = card("/tahapan/pemungutan-suara/", "Dua Tahapan")
    assert on_other_stage.select_one(".meta-tahapan").get_text() == "Masa Tenang"
    on_tag = card("/tag/tps/", "Dua Tahapan")
    assert on_tag.select_one(".meta-tahapan").get_text() == "Masa Tenang, Pemungutan Suara"
    on_news = card("/berita/", "Dua Tahapan")
    assert on_news.select_one(".jenis") is None
    fact_check_listed = card("/cek-fakta/", "TPS Dipindah")
    assert fact_check_listed.select_one(".jenis") is None
    assert card("/tahapan/masa-tenang/", "TPS Dipindah").select_one(".jenis").get_text() == "Cek Fakta"
    assert card("/tahapan/masa-tenang/", "TPS Dipindah").select_one(".meta-tahapan") is None
    assert card("/", "TPS Dipindah").select_one(".jenis").get_text() == "Cek Fakta"


def test_cards_give_the_day_only_and_counts_name_what_they_count(site: Site, capsys):
    """A list mixing '24 November 2024' and '29 Agustus 2024, 22.15 WIB' reads untidy; and an agency's page
    that lists fact checks too cannot call them all 'berita'."""
    site.add_post("2024-11-24-a", title="Berita Malam", date='"2024-11-24 22:15"', tahapan=["masa-tenang"],
                  lembaga=["KPU"])
    site.add_post("2024-11-23-b", title="Berita Siang", date="2024-11-23", tahapan=["masa-tenang"], lembaga=["KPU"])
    news_only = site.build(capsys, "--tanggal", "2024-11-26")
    assert news_only.code == 0, news_only.err
    stage = news_only.html("/tahapan/masa-tenang/")
    assert [t.get_text() for t in stage.select("main article.kartu time")] == ["24 November 2024", "23 November 2024"]
    assert stage.select_one("main article.kartu time")["datetime"].startswith("2024-11-24T22:15")
    assert news_only.html("/berita/a/").select_one("h1 ~ .meta time").get_text() == "24 November 2024, 22.15 WIB"
    assert stage.select_one(".meta-istilah").get_text().startswith("2 berita ·")
    site.write("content/cek-fakta/2024-11-25-tps.md", FACT_CHECK.format(date="2024-11-25"))
    mixed = site.build(capsys, "--tanggal", "2024-11-26")
    assert mixed.code == 0, mixed.err
    assert mixed.html("/tahapan/masa-tenang/").select_one(".meta-istilah").get_text().startswith("3 tulisan ·")
    assert "3 tulisan" in mixed.html("/tahapan/").get_text(" ", strip=True)


def test_header_keeps_the_search_box_and_the_menu_needs_no_script(site: Site, capsys):
    run = site.build(capsys)
    home = run.html("/")
    header = home.select_one("header.kepala")
    form = header.select_one(".kepala-dalam > form.cari-kepala")  # beside the name, one tap away on phones too
    assert form["action"] == "/cari/" and form.find("input", attrs={"name": "q"})
    menu = header.select("nav.navigasi a")
    assert [a.get_text() for a in menu][:2] == ["Beranda", "Berita"]
    assert not home.select("header script") and not header.find("details")


def test_announcements_listing_shows_the_same_thumbnail(site: Site, capsys):
    site.write("content/pengumuman/2024-09-01-ptps.md", "---\ntitle: Rekrutmen PTPS\ndate: 2024-09-01\n"
               f"image: {photo(site, 'ptps')}\nimage_alt: Poster rekrutmen\n---\nIsi.\n")
    site.write("content/pengumuman/2024-09-02-libur.md", "---\ntitle: Libur Kantor\ndate: 2024-09-02\n---\nIsi.\n")
    run = site.build(capsys, "--tanggal", "2024-10-01")
    assert run.code == 0, run.err
    cards = {c.select_one(".kartu-judul").get_text(strip=True): c for c in run.html("/pengumuman/").select("article.kartu")}
    img = cards["Rekrutmen PTPS"].select_one(".kartu-gambar picture img")
    assert img["loading"] == "lazy" and img["width"] and img["height"]
    assert cards["Libur Kantor"].find("img") is None
