"""Pictures: resized variants with WebP, srcset/sizes, real dimensions, lazy loading, and reuse."""

from __future__ import annotations

import pytest
from PIL import Image

from conftest import Site


@pytest.fixture
def pictured(site: Site) -> Site:
    (site.root / "static" / "gambar").mkdir(parents=True)
    Image.new("RGB", (2400, 1600), "#336699").save(site.root / "static/gambar/rakor.jpg", quality=85)
    Image.new("RGBA", (320, 160), (200, 30, 30, 255)).save(site.root / "static/gambar/bagan.png")
    site.add_post("2024-08-13-rakor", title="Rakor", date="2024-08-13", image="/gambar/rakor.jpg", image_alt="Peserta rakor",
                  body="Isi berita.\n\n![Bagan pengawasan](/gambar/bagan.png)")
    return site


def test_featured_picture_has_variants_dimensions_and_priority(pictured: Site, capsys):
    run = pictured.build(capsys)
    assert run.code == 0, run.err
    figure = run.html("/berita/rakor/").find("figure", class_="gambar-utama")
    source, img = figure.find("source"), figure.find("img")
    assert source["type"] == "image/webp"
    assert source["srcset"] == "/gambar/rakor-480w.webp 480w, /gambar/rakor-800w.webp 800w, /gambar/rakor-1200w.webp 1200w, /gambar/rakor-1600w.webp 1600w"
    assert img["src"] == "/gambar/rakor-800w.jpg" and (img["width"], img["height"]) == ("800", "533")
    assert img["alt"] == "Peserta rakor" and img["fetchpriority"] == "high" and not img.has_attr("loading")
    for width in (480, 800, 1200, 1600):
        for ext in ("jpg", "webp"):
            with Image.open(run.output / f"gambar/rakor-{width}w.{ext}") as variant:
                assert variant.size == (width, round(1600 * width / 2400))


def test_body_pictures_are_lazy_and_small_ones_are_not_enlarged(pictured: Site, capsys):
    run = pictured.build(capsys)
    img = run.html("/berita/rakor/").find("div", class_="isi").find("img")
    assert img["loading"] == "lazy" and img["alt"] == "Bagan pengawasan"
    assert img["srcset"] == "/gambar/bagan-320w.png 320w" and (img["width"], img["height"]) == ("320", "160")
    assert not (run.output / "gambar/bagan-480w.png").exists()


def test_unchanged_pictures_are_not_resized_again(pictured: Site, capsys):
    first = pictured.build(capsys)
    variant = first.output / "gambar/rakor-1200w.webp"
    stamp = variant.stat().st_mtime_ns
    pictured.add_post("2024-08-14-lain", title="Lain", date="2024-08-14")
    second = pictured.build(capsys)
    assert second.code == 0 and variant.stat().st_mtime_ns == stamp
    Image.new("RGB", (2400, 1600), "#993366").save(pictured.root / "static/gambar/rakor.jpg", quality=85)
    assert pictured.build(capsys).code == 0
    assert variant.stat().st_mtime_ns != stamp
    with Image.open(variant) as changed:
        assert changed.convert("RGB").getpixel((10, 10))[0] > 120


def test_sub_path_sites_point_pictures_under_the_path(pictured: Site, capsys):
    run = pictured.build(capsys, "--base-url", "https://org.example/situs/")
    figure = run.html("/berita/rakor/").find("figure", class_="gambar-utama")
    assert figure.find("img")["src"] == "/situs/gambar/rakor-800w.jpg"
    assert run.html("/berita/rakor/").find("div", class_="isi").find("img")["src"] == "/situs/gambar/bagan-320w.png"


def test_link_previews_use_a_resized_copy(pictured: Site, capsys):
    page = pictured.build(capsys).html("/berita/rakor/")
    assert page.find("meta", attrs={"property": "og:image"})["content"] == "https://contoh.example/gambar/rakor-1200w.jpg"


def test_picture_problems_on_a_sub_path_site_point_at_the_markdown_line(site: Site, capsys):
    site.add_post("2024-08-13-a", title="A", date="2024-08-13", body="Paragraf.\n\n![Foto kegiatan](/gambar/hilang.jpg)")
    run = site.build(capsys, "--base-url", "https://org.example/situs/")
    assert run.code == 1
    assert "2024-08-13-a.md:8: gambar '/gambar/hilang.jpg' tidak ditemukan; simpan berkasnya di static/gambar/hilang.jpg" in run.err
