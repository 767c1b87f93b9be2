"""The article page as a reader sees it: photo captions, share buttons, crumbs, related items and words."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Site, post
from warta.markdown_html import MarkdownConverter

PHOTO = (REPO / "tests/invalid_sites/image-without-alt/static/gambar/apel.jpg").read_bytes()
BUILD = ("--no-search", "--jobs", "1")


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def built(site: Site, capsys, *extra: str):
    run = site.build(capsys, *BUILD, *extra)
    assert run.code == 0, run.err
    return run


# Captions

def test_image_caption_is_the_lead_photos_figcaption(site: Site, capsys):
    site.write("static/gambar/apel.jpg", PHOTO)
    site.add_post("2024-08-13-apel", title="Apel Siaga", image="/gambar/apel.jpg", image_alt="Peserta apel berbaris",
                  image_caption="'Ketua Bawaslu <Yudi> & jajaran memimpin \"apel siaga\" di halaman kantor'")
    site.add_post("2024-08-12-tanpa", title="Tanpa Keterangan", date="2024-08-12", image="/gambar/apel.jpg",
                  image_alt="Peserta apel")
    run = built(site, capsys)
    figure = run.html("/berita/apel/").select_one("article figure.gambar-utama")
    assert figure.find("picture") is not None
    assert figure.find("img")["alt"] == "Peserta apel berbaris"
    caption = figure.find("figcaption")
    assert caption.get_text() == 'Ketua Bawaslu <Yudi> & jajaran memimpin "apel siaga" di halaman kantor'
    assert caption.find() is None  # the angle brackets are text, not an element
    assert run.html("/berita/tanpa/").select_one("figure.gambar-utama figcaption") is None


def test_image_caption_on_another_kind(site: Site, capsys):
    site.write("static/gambar/apel.jpg", PHOTO)
    site.write("content/pengumuman/2024-08-13-posko.md",
               post(title="Posko Pengaduan", image="/gambar/apel.jpg", image_alt="Meja posko",
                    image_caption="Posko pengaduan di lobi kantor Bawaslu"))
    site.add_post("2024-08-13-apel", title="Apel Siaga")
    run = built(site, capsys)
    caption = run.html("/pengumuman/posko/").select_one("figure.gambar-utama figcaption")
    assert caption.get_text() == "Posko pengaduan di lobi kantor Bawaslu"


def test_image_caption_that_is_not_text_is_reported_where_written(site: Site, capsys):
    site.write("static/gambar/apel.jpg", PHOTO)
    site.write("content/berita/2024-08-13-apel.md",
               "---\ntitle: Apel\ndate: 2024-08-13\nimage: /gambar/apel.jpg\nimage_alt: Peserta apel\n"
               "image_caption: [Apel, siaga]\n---\nIsi.\n")
    run = site.build(capsys, *BUILD)
    assert run.code == 1
    assert run.error_lines == [f"{site.root}/content/berita/2024-08-13-apel.md:6: 'image_caption' harus berupa teks"]


def test_indonesian_words_for_a_caption_point_to_image_caption(site: Site, capsys):
    """"Keterangan foto" is what an Indonesian newsroom calls the caption under a photo, not its alt text."""
    site.write("static/gambar/apel.jpg", PHOTO)
    site.write("content/berita/2024-08-13-apel.md",
               "---\ntitle: Apel\ndate: 2024-08-13\nimage: /gambar/apel.jpg\nimage_alt: Peserta apel\n"
               "keterangan_foto: Apel siaga di halaman kantor\n---\nIsi.\n")
    run = site.build(capsys, *BUILD)
    assert run.code == 0
    assert (f"{site.root}/content/berita/2024-08-13-apel.md:6: peringatan: kunci 'keterangan_foto' tidak dikenal dan "
            "diabaikan; gunakan 'image_caption' (kunci front matter berbahasa Inggris)") in run.err.splitlines(), run.err


@pytest.mark.parametrize(("markdown", "caption"), [
    ('![Peserta apel berbaris](/gambar/apel.jpg "Apel siaga di halaman kantor")', "Apel siaga di halaman kantor"),
    ('![Peserta](/gambar/apel.jpg "Bawaslu <b> & \'Polres\' siaga")', "Bawaslu <b> & 'Polres' siaga"),
    ('[![Peserta](/gambar/apel.jpg "Klik untuk ukuran penuh")](https://contoh.example/foto/)', "Klik untuk ukuran penuh"),
])
def test_markdown_image_with_a_title_alone_in_its_paragraph_is_a_figure(site: Site, capsys, markdown, caption):
    site.write("static/gambar/apel.jpg", PHOTO)
    site.add_post("2024-08-13-apel", title="Apel Siaga", body=f"Paragraf pembuka.\n\n{markdown}\n\nParagraf penutup.")
    run = built(site, capsys)
    body = run.html("/berita/apel/").select_one(".isi")
    figure = body.find("figure")
    assert [child.name for child in body.find_all(recursive=False)] == ["p", "figure", "p"]
    assert figure.find("picture") is not None  # still the responsive picture
    assert not figure.find("img").has_attr("title")  # the caption says it once
    assert figure.find("figcaption").get_text() == caption
    assert figure.find("figcaption").find() is None
    assert figure.find_parent("p") is None


def test_a_titled_image_alone_in_a_list_item_or_table_cell_is_a_figure_there(site: Site, capsys):
    """A photo list or a photo table written without blank lines has no paragraph around each image: its
    caption, the image's title, is shown all the same (it was dropped without a word)."""
    site.write("static/gambar/apel.jpg", PHOTO)
    site.add_post("2024-08-13-apel", title="Apel Siaga", body="""
        - ![Barisan peserta](/gambar/apel.jpg "Barisan peserta apel")
        - ![Pemimpin apel](/gambar/apel.jpg "Ketua memimpin apel")

        | Foto | Keterangan |
        | --- | --- |
        | ![Peserta](/gambar/apel.jpg "Peserta dari kelurahan") | Pagi |
    """)
    run = built(site, capsys)
    body = run.html("/berita/apel/").select_one(".isi")
    figures = body.find_all("figure")
    assert [(f.parent.name, f.figcaption.get_text()) for f in figures] == [
        ("li", "Barisan peserta apel"), ("li", "Ketua memimpin apel"), ("td", "Peserta dari kelurahan")]
    assert all(f.find("picture") is not None and not f.find("img").has_attr("title") for f in figures)


def test_images_within_text_or_without_a_title_stay_as_they_are(site: Site, capsys):
    site.write("static/gambar/apel.jpg", PHOTO)
    site.add_post("2024-08-13-apel", title="Apel Siaga", body="""
        Logo ![Logo](/gambar/apel.jpg "Logo kantor") di tengah kalimat.

        ![Tanpa judul](/gambar/apel.jpg)

        ![Diikuti baris](/gambar/apel.jpg "Judul")
        baris berikutnya.
    """)
    run = built(site, capsys)
    body = run.html("/berita/apel/").select_one(".isi")
    assert body.find("figure") is None and body.find("figcaption") is None
    inline = body.find("img", alt="Logo")
    assert inline.find_parent("p") is not None
    assert len(body.find_all("p")) == 3


def test_figure_never_lands_inside_a_paragraph():
    html = MarkdownConverter().convert('> ![Apel](/a.jpg "Dalam kutipan")\n\n- ![Apel](/a.jpg "Dalam daftar")\n').html
    soup = BeautifulSoup(html, "html5lib")
    assert soup.select("blockquote > figure > figcaption")[0].get_text() == "Dalam kutipan"
    assert all(figure.find_parent("p") is None for figure in soup.find_all("figure"))
    # A list item holding only the image is no paragraph, but its figure is inside it, not around the list.
    assert soup.select_one("ul > li > figure > figcaption").get_text() == "Dalam daftar"


# Share buttons

@pytest.fixture
def kinds(site: Site, capsys):
    site.add_post("2024-08-13-rakor", title="Rakor Pengamanan", tags=["rakor"])
    site.add_post("2024-08-12-apel", title="Apel Siaga", date="2024-08-12", tags=["rakor"])
    site.write("content/pengumuman/2024-08-11-posko.md", post(title="Posko Pengaduan", date="2024-08-11", tags=["posko"]))
    site.write("content/pengumuman/2024-08-10-libur.md", post(title="Layanan Libur", date="2024-08-10", tags=["posko"]))
    site.write("content/pengumuman/2024-08-09-rakor.md", post(title="Undangan Rakor", date="2024-08-09", tags=["rakor"]))
    return built(site, capsys)


def test_share_buttons_whatsapp_first_with_icons_and_names(kinds):
    page = kinds.html("/berita/rakor/")
    section = page.find("section", class_="bagikan")
    links = section.select(".daftar-bagikan a")
    names = [words(a).split(" (")[0] for a in links]
    assert names == ["WhatsApp", "Facebook", "X", "Telegram", "Surel"]
    for link in links:
        icon = link.find("svg")
        assert icon is not None and icon["aria-hidden"] == "true" and icon.get("focusable") == "false"
        assert link.find(class_="sembunyi").get_text() == " (membuka jendela baru)"
        assert link["href"].startswith(("https://", "mailto:"))
    button = section.select_one(".salin-tautan button")
    assert button.find("svg")["aria-hidden"] == "true"
    assert words(button) == "Salin tautan" and button["data-tautan"] == "https://contoh.example/berita/rakor/"
    assert all(not s.get("src", "/").startswith(("http:", "https:", "//")) for s in page.find_all("script"))


def test_share_and_related_headings_name_the_kind(kinds):
    news = kinds.html("/berita/rakor/")
    assert words(news.select_one(".bagikan h2")) == "Bagikan berita ini"
    announcement = kinds.html("/pengumuman/posko/")
    assert words(announcement.select_one(".bagikan h2")) == "Bagikan pengumuman ini"
    assert words(announcement.select_one(".berita-terkait h2")) == "Pengumuman Terkait"  # only announcements related
    assert words(news.select_one(".berita-terkait h2")) == "Terkait"  # news and an announcement


def test_related_news_heading_and_cards(kinds, site: Site, capsys):
    site.write("content/pengumuman/2024-08-09-rakor.md", post(title="Undangan Rakor", date="2024-08-09", tags=["lain"]))
    run = built(site, capsys)
    page = run.html("/berita/rakor/")
    section = page.find("section", class_="berita-terkait")
    assert words(section.find("h2")) == "Berita Terkait"
    cards = section.select("article.kartu")
    assert [words(card.select_one("h3.kartu-judul")) for card in cards] == ["Apel Siaga"]
    assert cards[0].find("a")["href"] == "/berita/apel/"
    assert cards[0].find("time")["datetime"] == "2024-08-12"
    # The article comes first for screen readers, the related items after it.
    assert section.find_previous("article", class_="artikel") is page.find("article", class_="artikel")
    assert section.find_parent("article") is None


def test_print_address_of_the_article(kinds):
    address = kinds.html("/pengumuman/posko/").select_one("article .alamat-cetak")
    assert words(address) == "Alamat pengumuman ini: https://contoh.example/pengumuman/posko/"


# Crumbs

def test_item_crumbs_show_the_section_and_search_engines_keep_the_article(kinds):
    page = kinds.html("/pengumuman/posko/")
    crumbs = page.find("nav", attrs={"aria-label": "Jejak navigasi"})
    assert [words(li) for li in crumbs.find_all("li")] == ["Beranda", "Pengumuman"]
    assert [a["href"] for a in crumbs.find_all("a")] == ["/", "/pengumuman/"]
    assert "Posko Pengaduan" not in words(crumbs)
    listed = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    trail = next(d for d in listed if d["@type"] == "BreadcrumbList")["itemListElement"]
    assert [(i["name"], i["item"]) for i in trail] == [
        ("Beranda", "https://contoh.example/"), ("Pengumuman", "https://contoh.example/pengumuman/"),
        ("Posko Pengaduan", "https://contoh.example/pengumuman/posko/")]


def test_listing_crumbs_still_end_at_the_current_page(kinds):
    crumbs = kinds.html("/tag/rakor/").find("nav", attrs={"aria-label": "Jejak navigasi"})
    assert [words(li) for li in crumbs.find_all("li")] == ["Beranda", "Tag", "rakor"]
    assert crumbs.find(attrs={"aria-current": "page"}).get_text() == "rakor"


# Words

def test_feed_links_say_langganan(kinds):
    term = kinds.html("/tag/rakor/")
    link = term.select_one(".meta-istilah a")
    assert words(link) == "Langganan (RSS/Atom)" and link["href"] == "/tag/rakor/feed.xml"
    footer = kinds.html("/").find("footer", class_="kaki")
    assert footer.find("a", href="/feed.xml").get_text() == "Langganan (RSS/Atom)"
    for path in ("/", "/berita/", "/tag/rakor/", "/berita/rakor/", "/404.html"):
        assert "Umpan berita" not in words(kinds.html(path).body)


def test_single_page_listing_has_no_pagination(kinds):
    for path in ("/berita/", "/pengumuman/", "/tag/rakor/"):
        page = kinds.html(path)
        assert page.find("nav", class_="paginasi") is None
        assert "Halaman 1 dari 1" not in words(page.body)


def test_not_found_page_words_and_search(site: Site, capsys):
    site.add_post("2024-08-13-rakor", title="Rakor Pengamanan")
    without_search = built(site, capsys).html("/404.html")
    main = without_search.find("main")
    assert words(main.find("h1")) == "Halaman tidak ditemukan"
    assert "galat" not in words(main).casefold() and "404" not in words(main)
    assert main.find("form") is None  # no search index, no search box
    assert [a["href"] for a in main.select(".daftar-hitung a")] == ["/", "/berita/", "/arsip/"]
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n')
    with_search = site.build(capsys, "--jobs", "1")  # the index is made (pagefind); the 404 page offers a search box
    assert with_search.code == 0, with_search.err
    form = with_search.html("/404.html").find("main").find("form", role="search")
    assert form["action"] == "/cari/" and form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}) is not None
    assert len(with_search.html("/404.html").find_all(id=field["id"])) == 1
