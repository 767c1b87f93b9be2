"""Feed entries read by a real feed reader's parser (feedparser): every address in an entry's content
resolves to what the article page means by it, and categories say which taxonomy they belong to.

feedparser is given the feed's own address, as a reader that fetched it has: a relative address
left in an entry would be resolved against the feed, which is the wrong page.
"""

from __future__ import annotations

import io

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import BuildRun, Site

SITE = "https://contoh.example/situs/"
ARTICLE = SITE + "berita/rakor/"
BODY = """
Lihat [apel siaga](../apel/), [bagian hasil](#hasil), [lampiran](lampiran/), [beranda](/),
[laman luar](https://kpu.example/info), [surel](mailto:humas@contoh.example) dan [sisi](//cdn.contoh.example/x.pdf).

![Peserta rakor di aula](/gambar/rakor.jpg)

## Hasil {#hasil}

Catatan kaki[^1].

[^1]: Lihat juga [arsip](../../arsip/2024/).
"""
EXPECTED_LINKS = [
    SITE + "berita/apel/",
    ARTICLE + "#hasil",
    ARTICLE + "lampiran/",
    SITE,
    "https://kpu.example/info",
    "mailto:humas@contoh.example",
    "https://cdn.contoh.example/x.pdf",
    ARTICLE + "#fn:1",
    SITE + "arsip/2024/",
    ARTICLE + "#fnref:1",
]


@pytest.fixture
def built(site: Site, capsys) -> BuildRun:
    site.config(f'title = "Bawaslu Kota Contoh"\nbase_url = "{SITE}"\n')
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 600), (140, 27, 34)).save(buffer, "JPEG")
    site.write("static/gambar/rakor.jpg", buffer.getvalue())
    site.add_post("2024-08-13-rakor", title="Rakor", body=BODY, tahapan=["kampanye"], tags=["kampanye", "rakor"])
    site.add_post("2024-08-12-apel", title="Apel", body="Isi.")
    run = site.build(capsys)
    assert run.code == 0, run.err
    return run


def parsed(run: BuildRun, feed_path: str):
    data = run.file(feed_path).read_bytes()
    return feedparser.parse(data, response_headers={"content-location": SITE + feed_path.lstrip("/"),
                                                    "content-type": "application/atom+xml"})


def content(entry) -> BeautifulSoup:
    return BeautifulSoup(entry.content[0].value, "html.parser")


@pytest.mark.parametrize("feed_path", ["/feed.xml", "/tahapan/kampanye/feed.xml", "/tag/rakor/feed.xml"])
def test_links_resolve_against_the_article_not_the_feed(built: BuildRun, feed_path: str):
    feed = parsed(built, feed_path)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(e for e in feed.entries if e.link == ARTICLE)
    body = content(entry)
    assert [a["href"] for a in body.find_all("a")] == EXPECTED_LINKS
    image = body.find("img")  # feedparser's sanitiser keeps the <img> of a <picture>, not its srcset
    assert image["src"].startswith(SITE + "gambar/rakor-jpg-")
    assert built.file("/" + image["src"][len(SITE):]).is_file()


def test_entry_content_needs_no_base(built: BuildRun):
    """Read without any address to resolve against and unsanitised, the content's addresses are already
    whole, the picture's srcset candidates (WebP and JPEG) included, and each names a file the build wrote."""
    feed = feedparser.parse(built.file("/feed.xml").read_bytes(), resolve_relative_uris=False, sanitize_html=False)
    entry = next(e for e in feed.entries if e.link == ARTICLE)
    body = content(entry)
    assert [a["href"] for a in body.find_all("a")] == EXPECTED_LINKS
    sources = body.find("picture").find_all(["source", "img"])
    candidates = [c.split()[0] for tag in sources for c in tag["srcset"].split(",")]
    assert len(candidates) == 6 and any(c.endswith(".webp") for c in candidates)  # 480, 800, 1000 px × 2
    for address in [body.find("img")["src"], *candidates]:
        assert address.startswith(SITE + "gambar/rakor-jpg-"), address
        assert built.file("/" + address[len(SITE):]).is_file(), address


def test_categories_carry_their_taxonomy_as_scheme(built: BuildRun):
    feed = parsed(built, "/feed.xml")
    entry = next(e for e in feed.entries if e.link == ARTICLE)
    categories = {(t.term, t.scheme, t.label) for t in entry.tags}
    # A stage and a tag of the same name ('kampanye') stay apart.
    assert categories == {("kampanye", SITE + "tahapan/", "Kampanye"), ("kampanye", SITE + "tag/", "kampanye"),
                          ("rakor", SITE + "tag/", "rakor")}


def test_srcset_candidates_and_other_addresses_are_resolved():
    from warta.feeds import absolute_links

    html = ('<picture><source srcset="a-480w.webp 480w,b-800w.webp 800w" sizes="100vw">'
            '<img src="../x.jpg" srcset="/situs/c.jpg, /situs/d.jpg 2x" alt="a &amp; &quot;b&quot;"></picture>'
            "<video poster='p.jpg' controls></video><blockquote cite=kutipan/>Teks href=\"tetap\"</blockquote>"
            '<a title="a href=x" href="#s">s</a>')
    page = BeautifulSoup(absolute_links(html, ARTICLE), "html.parser")
    assert page.find("source")["srcset"] == f"{ARTICLE}a-480w.webp 480w, {ARTICLE}b-800w.webp 800w"
    assert page.find("img")["src"] == SITE + "berita/x.jpg"
    assert page.find("img")["srcset"] == f"{SITE}c.jpg, {SITE}d.jpg 2x"
    assert page.find("img")["alt"] == 'a & "b"'
    assert page.find("video")["poster"] == ARTICLE + "p.jpg"
    assert page.find("blockquote")["cite"] == ARTICLE + "kutipan/"
    assert 'Teks href="tetap"' in page.get_text()  # text is no attribute
    assert (page.find("a")["title"], page.find("a")["href"]) == ("a href=x", ARTICLE + "#s")


def test_an_address_urljoin_cannot_read_is_kept_and_the_build_goes_on(site: Site, capsys):
    """'//[::1' passes the sanitiser (it looks relative) but makes urljoin raise ValueError; the feed keeps it
    as written instead of the build ending in a traceback."""
    site.add_post("2024-08-13-rakor", title="Rakor", body="Lihat [alamat rusak](//[::1) dan [arsip](../arsip/).")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    entry = feedparser.parse(run.file("/feed.xml").read_bytes(), resolve_relative_uris=False,
                             sanitize_html=False).entries[0]
    assert [a["href"] for a in content(entry).find_all("a")] == ["//[::1", "https://contoh.example/berita/arsip/"]
