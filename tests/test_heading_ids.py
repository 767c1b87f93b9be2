"""Heading ids in article bodies: generated from the text, or kept as the writer wrote them (`{#id}`)."""

from __future__ import annotations

from conftest import Site


def headings(run, path: str) -> list[tuple[str, str]]:
    body = run.html(path).select_one(".isi")
    return [(h.get("id"), h.get_text()) for h in body.find_all(["h2", "h3", "h4", "h5", "h6"])]


def test_written_id_is_kept_and_the_braces_leave_the_text(site: Site, capsys):
    site.add_post("2024-08-13-rakor", title="Rakor", body="""
        Isi. Lihat [hasil](#bagian).

        ## Bagian {#bagian}

        Teks.

        ## **Tebal** dan `kode` {#tebal}

        ### Lain {: #lain .kelas }

        ## Pemilu {2024}
        """)
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert headings(run, "/berita/rakor/") == [
        ("bagian", "Bagian"), ("tebal", "Tebal dan kode"), ("lain", "Lain"), ("pemilu-2024", "Pemilu {2024}"),
    ]
    assert run.html("/berita/rakor/").select_one('.isi a[href="#bagian"]') is not None


def test_duplicates_and_collisions_get_unique_ids(site: Site, capsys):
    site.add_post("2024-08-13-rakor", title="Rakor", body="""
        ## Bagian

        ## Bagian

        ## Ringkasan {#bagian}

        ## Penutup {#penutup}

        ## Lagi {#penutup}
        """)
    run = site.build(capsys)
    assert run.code == 0, run.err
    found = headings(run, "/berita/rakor/")
    # The written id wins over the generated ones, which step round it; a second heading naming the
    # same id gets a unique one, so no id appears twice on the page.
    assert found == [("bagian_1", "Bagian"), ("bagian_2", "Bagian"), ("bagian", "Ringkasan"),
                     ("penutup", "Penutup"), ("penutup_1", "Lagi")]
    page = run.html("/berita/rakor/")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_inline_html_leaves_no_placeholder_in_the_id(site: Site, capsys):
    site.add_post("2024-08-13-rakor", title="Rakor", body="""
        ## Rapat <em>penting</em> hari ini

        Teks.
        """)
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert headings(run, "/berita/rakor/") == [("rapat-penting-hari-ini", "Rapat penting hari ini")]


def test_ids_of_the_page_itself_are_never_taken_by_the_body(site: Site, capsys):
    """The skip link (#isi-utama), the search box's label (kata-cari) and the share and related sections'
    headings are the page's own: a heading that would get such an id, generated or written, steps round it,
    a raw HTML element loses it, and so do footnote ids a heading names."""
    site.add_post("2024-08-13-rakor", title="Rakor", body="""
        ## Isi Utama

        ## Ringkasan {#kata-cari}

        ## Bagikan {#bagikan-judul}

        ## Catatan {#fn:1}

        <div id="terkait-judul">Tempelan</div>

        Teks[^1].

        [^1]: Sumber.
        """)
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert headings(run, "/berita/rakor/") == [
        ("isi-utama_1", "Isi Utama"), ("kata-cari_1", "Ringkasan"), ("bagikan-judul_1", "Bagikan"),
        ("fn:1_1", "Catatan"),
    ]
    page = run.html("/berita/rakor/")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert page.find(id="isi-utama").name == "main"
    assert page.find(id="kata-cari").name == "input"
    assert page.select_one(".isi div").get("id") is None


def test_every_fixed_id_of_the_templates_is_reserved():
    """PAGE_IDS must follow the templates: a fixed id added to one of them is an id a body could repeat."""
    import re
    from pathlib import Path

    from warta.markdown_html import PAGE_IDS

    templates = Path(__file__).resolve().parent.parent / "warta" / "defaults" / "templates"
    fixed = {m for t in templates.glob("*.html") for m in re.findall(r'\bid="([^"{]+)"', t.read_text(encoding="utf-8"))}
    assert fixed <= PAGE_IDS, sorted(fixed - PAGE_IDS)


def test_braces_that_are_a_heading_s_only_text_stay_its_text(site: Site, capsys):
    """'## {#kosong}' taken as an attribute list would leave an empty heading, which a screen reader
    announces as nothing: it stays the heading's text."""
    site.add_post("2024-08-13-rakor", title="Rakor", body="""
        ## {#kosong}

        Teks.
        """)
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert headings(run, "/berita/rakor/") == [("kosong", "{#kosong}")]
