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
