"""Link previews (OpenGraph, X) and structured data (JSON-LD) as the services that read them expect.

Every page names a picture with its type, size (when known) and alt text; JSON-LD names the office as an
Organization with its address and logo, a person only when `author` names one, and the full headline.
Every JSON-LD block of the sample site (every kind) is checked against schema.org's vocabulary.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import REPO, BuildRun, Site
from schemaorg_check import SEARCH_ENGINE_PENDING, node_problems, problems
from warta.cli import main

OFFICE = {"@type": "Organization", "name": "Bawaslu Kota Contoh", "url": "https://contoh.example/",
          "logo": {"@type": "ImageObject", "url": "https://contoh.example/favicon.svg"}}
LONG_TITLE = ("Bawaslu Kota Contoh Gelar Rapat Koordinasi Pengawasan Tahapan Pemungutan dan Penghitungan Suara "
              "Bersama Panwascam, PKD dan Pengawas TPS se-Kota Contoh Menjelang Hari Pemungutan Suara")


def picture(width: int, height: int, kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (140, 27, 34)).save(buffer, kind)
    return buffer.getvalue()


def tags(page: BeautifulSoup) -> dict[str, list[str]]:
    """Every OpenGraph/X meta tag of a page, by name, in page order."""
    found: dict[str, list[str]] = {}
    for tag in page.find_all("meta"):
        name = tag.get("property") or tag.get("name")
        if name and name.startswith(("og:", "twitter:")):
            found.setdefault(name, []).append(tag["content"])
    return found


def blocks(page: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def structured(page: BeautifulSoup) -> dict[str, dict]:
    return {d["@type"]: d for d in blocks(page)}


@pytest.fixture
def built(site: Site, capsys) -> BuildRun:
    site.write("static/gambar/rakor.jpg", picture(1600, 1000, "JPEG"))
    site.write("static/gambar/kecil.png", picture(640, 480, "PNG"))
    site.write("static/gambar/merah.webp", picture(2000, 1000, "WEBP"))
    site.add_post("2024-08-13-rakor", title=json.dumps(LONG_TITLE), date="2024-08-13", image="/gambar/rakor.jpg",
                  image_alt="Peserta rakor duduk melingkar", author="Siti Aminah", tahapan=["kampanye"])
    site.add_post("2024-08-12-kecil", title="Foto Kecil", date="2024-08-12", image="/gambar/kecil.png",
                  image_alt="Spanduk kecil", author="Humas Bawaslu Kota Contoh")
    site.add_post("2024-08-11-merah", title="Foto WebP", date="2024-08-11", image="/gambar/merah.webp",
                  image_alt="Latar merah")
    site.add_post("2024-08-10-luar", title="Foto Luar", date="2024-08-10",
                  image="https://foto.example/arsip/apel.jpg?ukuran=besar", image_alt="Apel di lapangan")
    site.add_post("2024-08-09-polos", title="Tanpa Foto", date="2024-08-09", author="Tim Redaksi")
    run = site.build(capsys)
    assert run.code == 0, run.err
    return run


def test_post_photo_is_its_1200_pixel_copy_with_size_type_and_alt(built: BuildRun):
    found = tags(built.html("/berita/rakor/"))
    assert found["og:image"] == ["https://contoh.example/gambar/rakor-jpg-1200w.jpg"]
    assert found["og:image:type"] == ["image/jpeg"]
    assert found["og:image:width"] == ["1200"] and found["og:image:height"] == ["750"]
    assert found["og:image:alt"] == ["Peserta rakor duduk melingkar"]
    assert found["twitter:image:alt"] == ["Peserta rakor duduk melingkar"]
    assert built.file("/gambar/rakor-jpg-1200w.jpg").is_file()
    with Image.open(built.file("/gambar/rakor-jpg-1200w.jpg")) as copy:
        assert copy.size == (1200, 750)  # the size announced is the file's


def test_smaller_and_webp_photos_name_their_own_size_and_type(built: BuildRun):
    small = tags(built.html("/berita/kecil/"))
    assert small["og:image"] == ["https://contoh.example/gambar/kecil-png-640w.png"]
    assert (small["og:image:type"], small["og:image:width"], small["og:image:height"]) == (["image/png"], ["640"], ["480"])
    webp = tags(built.html("/berita/merah/"))  # a WebP has only WebP copies (and once stopped the build)
    assert webp["og:image"] == ["https://contoh.example/gambar/merah-webp-1200w.webp"]
    assert (webp["og:image:type"], webp["og:image:width"], webp["og:image:height"]) == (["image/webp"], ["1200"], ["600"])


def test_external_photo_gets_no_size_rather_than_a_wrong_one(built: BuildRun):
    found = tags(built.html("/berita/luar/"))
    assert found["og:image"] == ["https://foto.example/arsip/apel.jpg?ukuran=besar"]
    assert found["og:image:type"] == ["image/jpeg"]
    assert "og:image:width" not in found and "og:image:height" not in found
    assert found["og:image:alt"] == ["Apel di lapangan"] == found["twitter:image:alt"]


@pytest.mark.parametrize("path", ["/", "/berita/", "/berita/polos/", "/tahapan/", "/tahapan/kampanye/", "/arsip/2024/",
                                  "/404.html"])
def test_pages_without_a_photo_describe_the_site_picture(built: BuildRun, path: str):
    found = tags(built.html(path))
    assert found["og:image"] == ["https://contoh.example/gambar/bagikan.png"]
    assert found["og:image:type"] == ["image/png"]
    assert found["og:image:width"] == ["1200"] and found["og:image:height"] == ["630"]
    assert found["og:image:alt"] == ["Berita Pengawasan Pemilu: awasi bersama, tegakkan keadilan pemilu"]
    assert found["twitter:image:alt"] == found["og:image:alt"]


def test_a_sites_own_share_picture_is_measured(site: Site, capsys):
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\nshare_image = "/gambar/kantor.jpg"\n')
    site.write("static/gambar/kantor.jpg", picture(800, 420, "JPEG"))
    site.add_post("2024-08-13-rakor", title="Rakor")
    run = site.build(capsys)
    assert run.code == 0, run.err
    for path in ("/", "/berita/rakor/"):
        found = tags(run.html(path))
        assert found["og:image"] == ["https://contoh.example/gambar/kantor.jpg"]
        assert (found["og:image:type"], found["og:image:width"], found["og:image:height"]) == \
            (["image/jpeg"], ["800"], ["420"])
        assert found["og:image:alt"] == ["Bawaslu Kota Contoh"]  # what it shows is the site's to say


def test_a_changed_share_picture_renders_the_pages_again(site: Site, capsys):
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\nshare_image = "/gambar/kantor.png"\n')
    site.write("static/gambar/kantor.png", picture(800, 420, "PNG"))
    site.add_post("2024-08-13-rakor", title="Rakor")
    assert site.build(capsys).code == 0
    site.write("static/gambar/kantor.png", picture(1200, 630, "PNG"))
    run = site.build(capsys)  # the same output folder and cache: only what changed is written
    assert run.code == 0, run.err
    assert tags(run.html("/berita/rakor/"))["og:image:width"] == ["1200"]


def test_the_live_preview_follows_a_new_share_picture(tmp_path: Path):
    from warta.incremental import IncrementalSite
    from warta.pipeline import BuildOptions, build_site

    root = Site(tmp_path / "situs")
    root.config('title = "Uji"\nbase_url = "https://uji.example/"\nshare_image = "/gambar/kantor.png"\n')
    picture_path = root.write("static/gambar/kantor.png", picture(800, 420, "PNG"))
    root.add_post("2024-08-13-rakor", title="Rakor")
    live = tmp_path / "pratinjau"
    preview = IncrementalSite(BuildOptions(site=root.root, search=False), live)
    assert preview.full().ok
    picture_path.write_bytes(picture(1200, 630, "PNG"))
    assert preview.rebuild({picture_path}).ok
    page = BeautifulSoup((live / "berita" / "rakor" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert tags(page)["og:image:width"] == ["1200"]
    clean = tmp_path / "bersih"
    build_site(BuildOptions(site=root.root, output=clean, search=False))
    assert {p.relative_to(live): p.read_bytes() for p in live.rglob("*") if p.is_file()} == \
        {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()}


def test_news_article_names_the_office_and_the_full_headline(built: BuildRun):
    person = structured(built.html("/berita/rakor/"))["NewsArticle"]
    assert person["headline"] == LONG_TITLE and len(LONG_TITLE) > 110  # no cut at 110 characters
    assert person["author"] == [{"@type": "Person", "name": "Siti Aminah"}]
    assert person["publisher"] == OFFICE
    assert person["image"] == ["https://contoh.example/gambar/rakor-jpg-1200w.jpg"]
    for path in ("/berita/kecil/", "/berita/polos/", "/berita/luar/"):  # an office unit, a team, no author
        data = structured(built.html(path))["NewsArticle"]
        assert data["author"] == [OFFICE] and data["publisher"] == OFFICE, path
    for path in ("/berita/rakor/", "/berita/kecil/", "/berita/merah/", "/berita/luar/", "/berita/polos/"):
        for data in blocks(built.html(path)):
            assert problems(data) == [], path


def test_the_logo_of_site_toml_with_its_size(site: Site, capsys):
    site.write("static/gambar/logo.png", picture(512, 512, "PNG"))
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\nlogo = "/gambar/logo.png"\n')
    site.add_post("2024-08-13-rakor", title="Rakor")
    run = site.build(capsys)
    assert run.code == 0, run.err
    logo = structured(run.html("/berita/rakor/"))["NewsArticle"]["publisher"]["logo"]
    pixels = {"@type": "QuantitativeValue", "unitCode": "E37"}
    assert logo == {"@type": "ImageObject", "url": "https://contoh.example/gambar/logo.png",
                    "width": {**pixels, "value": 512}, "height": {**pixels, "value": 512}}
    assert node_problems(logo) == []


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample site (every kind), built once for this module."""
    output = tmp_path_factory.mktemp("contoh") / "public"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WARTA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        code = main(["build", "--site", str(REPO), "--output", str(output), "--no-search", "--jobs", "1", "--quiet",
                     "--tanggal", "2024-11-26"])
    assert code == 0
    return output


def sample_pages(output: Path) -> list[tuple[str, BeautifulSoup]]:
    return [(str(path.relative_to(output)), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
            for path in sorted(output.rglob("*.html"))]


def test_every_json_ld_block_of_the_sample_site_is_valid_schema_org(sample: Path):
    checked: dict[str, int] = {}
    found: list[str] = []
    for name, page in sample_pages(sample):
        for data in blocks(page):
            checked[data["@type"]] = checked.get(data["@type"], 0) + 1
            found += [f"{name}: {problem}" for problem in problems(data, SEARCH_ENGINE_PENDING)]
    assert found == []
    # Every kind's type was there to check.
    assert {"BreadcrumbList", "NewsArticle", "ClaimReview", "DigitalDocument", "Event"} <= set(checked)


def test_every_kind_names_the_office_with_its_address_and_logo(sample: Path):
    by_type: dict[str, list[dict]] = {}
    for _, page in sample_pages(sample):
        for data in blocks(page):
            by_type.setdefault(data["@type"], []).append(data)
    office = {"@type": "Organization", "name": "Bawaslu Kota Kediri", "url": "https://kediri-kota.bawaslu.example/",
              "logo": {"@type": "ImageObject", "url": "https://kediri-kota.bawaslu.example/gambar/logo.svg"}}
    for kind in ("NewsArticle", "ClaimReview", "DigitalDocument"):
        for data in by_type[kind]:
            assert data["publisher"] == office, kind
            assert data["author"] == [office], kind  # 'Humas Bawaslu Kota Kediri' is the office
    for event in by_type["Event"]:
        assert event["organizer"] == office
    announcements = [d for name, page in sample_pages(sample) if name.startswith("pengumuman/")
                     for d in blocks(page) if d["@type"] == "NewsArticle"]
    assert announcements and all(d["publisher"] == office for d in announcements)


def test_every_sample_page_has_a_described_picture(sample: Path):
    for name, page in sample_pages(sample):
        found = tags(page)
        assert len(found.get("og:image", [])) == 1, name
        assert found["og:image:alt"][0] and found["twitter:image:alt"] == found["og:image:alt"], name
        address = found["og:image"][0]
        assert address.startswith("https://kediri-kota.bawaslu.example/"), name
        with Image.open(sample / address.removeprefix("https://kediri-kota.bawaslu.example/")) as shared:
            assert found["og:image:type"] == [Image.MIME[shared.format]], name
            assert (found["og:image:width"], found["og:image:height"]) == ([str(shared.width)], [str(shared.height)]), name
            assert shared.width <= 1200, name  # the preview copy, never a camera's original


def test_the_schema_check_catches_what_it_should():
    assert problems({"@context": "https://schema.org", "@type": "NewsArtikel"}) == \
        ["$: type 'NewsArtikel' is not defined by schema.org"]
    assert problems({"@context": "https://schema.org", "@type": "Event", "headline": "x"}) == \
        ["$.headline: property 'headline' does not apply to Event (its domain: CreativeWork)"]
    assert problems({"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Place"}}) == \
        ["$.author: a Place where Organization, Person expected"]
    assert problems({"@context": "https://schema.org", "@type": "Organization", "logo": {"url": "x"}}) == \
        ["$.logo: node without @type"]
    assert problems({"@context": "https://schema.org", "@type": "Event",
                     "eventStatus": "https://schema.org/Kamis"}) != []
    assert problems({"@context": "https://schema.org", "@type": "ClaimReview",
                     "itemReviewed": {"@type": "Claim"}}) == ["$.itemReviewed: type 'Claim' is pending or superseded"]
    assert problems({"@context": "https://schema.org", "@type": "ClaimReview", "itemReviewed": {"@type": "Claim"}},
                    SEARCH_ENGINE_PENDING) == []
