"""Pictures: resized variants with WebP, srcset/sizes, real dimensions, lazy loading, and reuse."""

from __future__ import annotations

import io
import struct
import warnings
import zlib

import pytest
from PIL import Image

from conftest import Site
from warta.incremental import IncrementalSite
from warta.pipeline import BuildOptions


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
    assert source["srcset"] == "/gambar/rakor-jpg-480w.webp 480w, /gambar/rakor-jpg-800w.webp 800w, /gambar/rakor-jpg-1200w.webp 1200w, /gambar/rakor-jpg-1600w.webp 1600w"
    assert img["src"] == "/gambar/rakor-jpg-800w.jpg" and (img["width"], img["height"]) == ("800", "533")
    assert img["alt"] == "Peserta rakor" and img["fetchpriority"] == "high" and not img.has_attr("loading")
    for width in (480, 800, 1200, 1600):
        for ext in ("jpg", "webp"):
            with Image.open(run.output / f"gambar/rakor-jpg-{width}w.{ext}") as variant:
                assert variant.size == (width, round(1600 * width / 2400))


def test_body_pictures_are_lazy_and_small_ones_are_not_enlarged(pictured: Site, capsys):
    run = pictured.build(capsys)
    img = run.html("/berita/rakor/").find("div", class_="isi").find("img")
    assert img["loading"] == "lazy" and img["alt"] == "Bagan pengawasan"
    assert img["srcset"] == "/gambar/bagan-png-320w.png 320w" and (img["width"], img["height"]) == ("320", "160")
    assert not (run.output / "gambar/bagan-png-480w.png").exists()


def test_unchanged_pictures_are_not_resized_again(pictured: Site, capsys):
    first = pictured.build(capsys)
    variant = first.output / "gambar/rakor-jpg-1200w.webp"
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
    assert figure.find("img")["src"] == "/situs/gambar/rakor-jpg-800w.jpg"
    assert run.html("/berita/rakor/").find("div", class_="isi").find("img")["src"] == "/situs/gambar/bagan-png-320w.png"


def test_link_previews_use_a_resized_copy(pictured: Site, capsys):
    page = pictured.build(capsys).html("/berita/rakor/")
    assert page.find("meta", attrs={"property": "og:image"})["content"] == "https://contoh.example/gambar/rakor-jpg-1200w.jpg"


def test_picture_problems_on_a_sub_path_site_point_at_the_markdown_line(site: Site, capsys):
    site.add_post("2024-08-13-a", title="A", date="2024-08-13", body="Paragraf.\n\n![Foto kegiatan](/gambar/hilang.jpg)")
    run = site.build(capsys, "--base-url", "https://org.example/situs/")
    assert run.code == 1
    assert "2024-08-13-a.md:8: gambar '/gambar/hilang.jpg' tidak ditemukan; simpan berkasnya di static/gambar/hilang.jpg" in run.err


def test_same_name_in_two_formats_never_shares_a_variant(site: Site, capsys):
    (site.root / "static" / "gambar").mkdir(parents=True)
    Image.new("RGB", (1000, 600), (220, 20, 20)).save(site.root / "static/gambar/foto.jpg", quality=90)
    Image.new("RGB", (1000, 600), (20, 20, 220)).save(site.root / "static/gambar/foto.png")
    site.add_post("2024-08-13-merah", title="Merah", date="2024-08-13", image="/gambar/foto.jpg", image_alt="Foto merah",
                  body="Isi.\n\n![Foto merah lagi](/gambar/foto.jpg)")
    site.add_post("2024-08-12-biru", title="Biru", date="2024-08-12", image="/gambar/foto.png", image_alt="Foto biru",
                  body="Isi.\n\n![Foto biru lagi](/gambar/foto.png)")
    run = site.build(capsys)
    assert run.code == 0, run.err
    for slug, red in (("merah", True), ("biru", False)):
        article = run.html(f"/berita/{slug}/").find("article")
        urls = [img["src"] for img in article.find_all("img")]
        for tag in article.find_all(["img", "source"]):
            urls += [candidate.split()[0] for candidate in tag.get("srcset", "").split(",") if candidate.strip()]
        assert len(urls) >= 8, urls
        for url in urls:
            with Image.open(run.file(url)) as picture:
                r, _, b = picture.convert("RGB").getpixel((picture.width // 2, picture.height // 2))
            assert (r > 150 and b < 80) if red else (b > 150 and r < 80), (slug, url, r, b)


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims this size, with a few bytes of pixels: nothing that large is ever made."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_broken_pictures_are_reported_where_they_are_used(site: Site, capsys):
    whole = io.BytesIO()
    Image.new("RGB", (600, 400), "#336699").save(whole, "JPEG", quality=85)
    site.write("static/gambar/terpotong.jpg", whole.getvalue()[: len(whole.getvalue()) // 2])
    site.write("static/gambar/kosong.jpg", b"")
    site.write("static/gambar/halaman.jpg", b"<html>bukan foto</html>\n")
    site.write("static/gambar/besar.png", png_header(8000, 7000))  # 56 MP: under Pillow's own limits
    site.write("static/gambar/lebih.png", png_header(10000, 9000))  # 90 MP: Pillow warns
    site.write("static/gambar/bom.png", png_header(30000, 30000))  # 900 MP: Pillow refuses
    site.add_post("2024-08-13-rusak", title="Rusak", date="2024-08-13", image="/gambar/bom.png", image_alt="Bom",
                  body="Isi.\n\n![Satu](/gambar/terpotong.jpg)\n\n![Dua](/gambar/kosong.jpg)\n\n"
                       "![Tiga](/gambar/halaman.jpg)\n\n![Empat](/gambar/besar.png)\n\n![Lima](/gambar/lebih.png)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Pillow's DecompressionBombWarning must not escape either
        run = site.build(capsys)
    assert run.code == 1 and "Traceback" not in run.err
    hint = "perkecil fotonya (misalnya menjadi lebar 2000 piksel) lalu simpan ulang"
    path = "content/berita/2024-08-13-rusak.md"
    assert [line.split(path, 1)[-1] for line in run.error_lines] == [
        f":4: gambar '/gambar/bom.png' melebihi batas 50 megapiksel; {hint}",
        ":10: gambar '/gambar/terpotong.jpg' terpotong (berkasnya tidak utuh, mungkin unggahannya belum selesai); "
        "unggah ulang fotonya",
        ":12: gambar '/gambar/kosong.jpg' kosong (0 byte); simpan ulang fotonya ke static/gambar/kosong.jpg",
        ":14: berkas '/gambar/halaman.jpg' bukan gambar JPEG, PNG atau WebP yang dapat dibaca; "
        "buka fotonya lalu simpan ulang sebagai JPEG",
        f":16: gambar '/gambar/besar.png' berukuran 8000×7000 piksel (56,0 megapiksel), melebihi batas 50 megapiksel; {hint}",
        f":18: gambar '/gambar/lebih.png' melebihi batas 50 megapiksel; {hint}",
    ]
    assert not run.output.exists()


def damaged_png() -> bytes:
    """A PNG whole to its last chunk, whose compressed pixels are garbage: only decoding finds out."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = bytearray(zlib.compress(b"".join(b"\0" + bytes(range(90)) * 2 for _ in range(60))))
    pixels[10:40] = b"\xff" * 30
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60, 60, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", bytes(pixels)) + chunk(b"IEND", b""))


def test_damage_found_while_resizing_is_reported_at_the_picture(site: Site, capsys):
    site.write("static/gambar/rusak.png", damaged_png())
    site.add_post("2024-08-13-a", title="A", date="2024-08-13", body="Isi.\n\n![Bagan](/gambar/rusak.png)")
    run = site.build(capsys)
    assert run.code == 1 and "Traceback" not in run.err
    assert run.error_lines == [f"{site.root}/static/gambar/rusak.png: gambar ini rusak dan tidak dapat dibaca; "
                               "buka fotonya lalu simpan ulang sebagai JPEG"]
    assert not run.output.exists()


def test_preview_reports_broken_pictures_and_recovers(site: Site, tmp_path):
    picture = site.root / "static" / "gambar" / "foto.jpg"
    picture.parent.mkdir(parents=True)
    Image.new("RGB", (600, 400), "#336699").save(picture, quality=85)
    post = site.add_post("2024-08-13-a", title="A", date="2024-08-13", body="Isi.\n\n![Foto](/gambar/foto.jpg)")
    preview = IncrementalSite(BuildOptions(site=site.root, search=False), tmp_path / "pratinjau")
    assert preview.full().ok
    whole = picture.read_bytes()
    picture.write_bytes(whole[: len(whole) // 2])
    report = preview.rebuild({picture})
    assert [d.format() for d in report.diagnostics.errors] == [
        f"{preview.layout.display(post)}:8: gambar '/gambar/foto.jpg' terpotong (berkasnya tidak utuh, "
        "mungkin unggahannya belum selesai); unggah ulang fotonya"]
    site.write("static/gambar/foto.jpg", damaged_png())  # a PNG named .jpg: opens, then fails to decode
    report = preview.rebuild({picture})
    assert [d.format() for d in report.diagnostics.errors] == [
        f"{preview.layout.display(picture)}: gambar ini rusak dan tidak dapat dibaca; buka fotonya lalu simpan ulang sebagai JPEG"]
    picture.write_bytes(whole)
    assert preview.rebuild({picture}).ok
    assert (tmp_path / "pratinjau" / "gambar" / "foto-jpg-600w.webp").is_file()
