"""The Dokumen kind (PPID): categories of UU 14/2008, the grouped listing, files with type and size, JSON-LD."""

from __future__ import annotations

import json
from datetime import date

from bs4 import BeautifulSoup, Tag

from conftest import BuildRun, Site, post
from warta.kinds.dokumen import CATEGORIES, DocumentRules, category_of

BUILD = ("--tanggal", "2024-10-01", "--no-search", "--jobs", "1")

# schema.org properties (https://schema.org/DigitalDocument, https://schema.org/MediaObject) this test accepts:
# Thing's and CreativeWork's for DigitalDocument; contentUrl and contentSize exist only on MediaObject.
THING = {"@context", "@type", "@id", "name", "description", "url", "identifier", "image", "sameAs",
         "alternateName", "mainEntityOfPage"}
CREATIVE_WORK = {"about", "abstract", "author", "associatedMedia", "encoding", "creator", "dateCreated",
                 "dateModified", "datePublished", "encodingFormat", "genre", "headline", "inLanguage", "isPartOf",
                 "keywords", "license", "publisher", "text", "thumbnailUrl", "version"}
DIGITAL_DOCUMENT = THING | CREATIVE_WORK | {"hasDigitalDocumentPermission"}
MEDIA_OBJECT = THING | CREATIVE_WORK | {"contentUrl", "contentSize", "embedUrl", "uploadDate", "sha256"}
ORGANIZATION = THING | {"logo", "address", "email", "telephone"}


def document(site: Site, slug: str, title: str, day: str, kategori: str, berkas: str, **fields: object) -> None:
    site.write(f"content/dokumen/{slug}.md", post(title=title, date=day, body=f"Tentang {title}.", kategori=kategori,
                                                  berkas=berkas, **fields))


def build(site: Site, capsys) -> BuildRun:
    run = site.build(capsys, *BUILD)
    assert run.code == 0, run.err
    return run


def download(element: Tag) -> dict[str, str]:
    link = element.select_one("a.berkas-tautan")
    return {"href": link["href"], "name": link.select_one(".berkas-nama").get_text(strip=True),
            "kind": link.select_one(".berkas-jenis").get_text(strip=True),
            "size": link.select_one(".berkas-ukuran").get_text(strip=True)}


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def test_page_shows_category_and_the_file_with_type_and_size(site: Site, capsys):
    site.write("static/berkas/lhkpn-2023.pdf", b"%PDF" + b"0" * (1_300_000 - 4))
    document(site, "lhkpn-2023", "LHKPN Pimpinan 2023", "2024-03-01", "Serta Merta", "/berkas/lhkpn-2023.pdf")
    run = build(site, capsys)
    page = run.html("/dokumen/lhkpn-2023/")
    box = page.select_one(".kotak-dokumen")
    category = box.select_one(".kategori-dokumen a")
    assert category.get_text(strip=True) == "Informasi Serta Merta"
    assert category["href"] == "/dokumen/#serta-merta"
    assert download(box) == {"href": "/berkas/lhkpn-2023.pdf", "name": "lhkpn-2023.pdf", "kind": "PDF", "size": "1,2 MB"}
    assert (run.output / "berkas" / "lhkpn-2023.pdf").stat().st_size == 1_300_000


def test_page_describes_the_document_as_schema_org_digital_document(site: Site, capsys):
    site.write("static/berkas/daftar-informasi.xlsx", b"PK" + b"0" * 40_958)
    document(site, "dip", "Daftar Informasi Publik", "2024-02-01 10:00", "setiap-saat", "/berkas/daftar-informasi.xlsx",
             updated="2024-05-01")
    page = build(site, capsys).html("/dokumen/dip/")
    found = [data for data in json_ld(page) if data["@type"] == "DigitalDocument"]
    assert len(found) == 1
    data = found[0]
    assert not [data for data in json_ld(page) if data["@type"] == "NewsArticle"]
    assert set(data) <= DIGITAL_DOCUMENT, set(data) - DIGITAL_DOCUMENT
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Daftar Informasi Publik"
    assert data["description"] == "Tentang Daftar Informasi Publik."
    assert data["url"] == "https://contoh.example/dokumen/dip/"
    assert data["datePublished"] == "2024-02-01T10:00:00+07:00"
    assert data["dateModified"] == "2024-05-01T00:00:00+07:00"
    assert data["encodingFormat"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert data["genre"] == "Informasi Setiap Saat"
    assert data["publisher"]["@type"] == "Organization" and set(data["publisher"]) <= ORGANIZATION
    assert data["publisher"]["name"] == "Bawaslu Kota Contoh"
    media = data["associatedMedia"]
    assert set(media) <= MEDIA_OBJECT, set(media) - MEDIA_OBJECT
    assert media == {"@type": "MediaObject", "name": "daftar-informasi.xlsx",
                     "contentUrl": "https://contoh.example/berkas/daftar-informasi.xlsx",
                     "encodingFormat": data["encodingFormat"], "contentSize": "40960 B"}


def test_listing_groups_by_category_in_the_law_s_order_on_one_page(site: Site, capsys):
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\nper_page = 2\n')
    site.write("static/berkas/a.pdf", b"0" * 5_000)
    site.write("static/berkas/b.docx", b"0" * 20_000)
    site.write("static/berkas/c.pdf", b"0" * 300)
    document(site, "sop", "SOP Pelayanan Informasi", "2024-01-10", "setiap saat", "/berkas/a.pdf")
    document(site, "renstra", "Rencana Strategis", "2024-01-05", "Informasi Setiap Saat", "/berkas/b.docx")
    document(site, "laporan", "Laporan Kinerja 2023", "2024-02-01", "berkala", "/berkas/c.pdf")
    document(site, "lapkeu", "Laporan Keuangan 2023", "2024-03-01", "Berkala", "/berkas/a.pdf")
    run = build(site, capsys)
    listing = run.html("/dokumen/")
    sections = listing.select("section.kelompok-dokumen")
    assert [s.find("h2").get_text(strip=True) for s in sections] == ["Informasi Berkala", "Informasi Setiap Saat"]
    assert [s.find("h2")["id"] for s in sections] == ["berkala", "setiap-saat"]  # no empty "Serta Merta"
    entries = {s.find("h2").get_text(strip=True): [(e.select_one(".dokumen-judul a").get_text(strip=True),
                                                   e.select_one(".dokumen-judul a")["href"], download(e))
                                                  for e in s.select("li.dokumen")] for s in sections}
    assert entries == {
        "Informasi Berkala": [
            ("Laporan Keuangan 2023", "/dokumen/lapkeu/", {"href": "/berkas/a.pdf", "name": "a.pdf", "kind": "PDF", "size": "5 KB"}),
            ("Laporan Kinerja 2023", "/dokumen/laporan/", {"href": "/berkas/c.pdf", "name": "c.pdf", "kind": "PDF", "size": "300 B"}),
        ],
        "Informasi Setiap Saat": [
            ("SOP Pelayanan Informasi", "/dokumen/sop/", {"href": "/berkas/a.pdf", "name": "a.pdf", "kind": "PDF", "size": "5 KB"}),
            ("Rencana Strategis", "/dokumen/renstra/",
             {"href": "/berkas/b.docx", "name": "b.docx", "kind": "Dokumen Word", "size": "20 KB"}),
        ],
    }
    assert listing.select_one(".paginasi") is None
    assert not (run.output / "dokumen" / "halaman").exists()  # four documents, per_page 2: still one page
    site.write("content/dokumen/sop.md", post(title="SOP Pelayanan Informasi", date="2024-01-10", body="SOP.",
                                              kategori="setiap-saat", berkas="/berkas/a.pdf", tags="[ppid]"))
    tag_card = build(site, capsys).html("/tag/ppid/").select_one("article.kartu .lencana")
    assert tag_card.get_text(strip=True) == "Informasi Setiap Saat"


def test_category_spellings_writers_use():
    slugs = {text: (category_of(text).slug if category_of(text) else None)
             for text in ("berkala", "Berkala", "serta merta", "Serta-Merta", "serta_merta", "sertamerta",
                          "Informasi Setiap Saat", "setiap-saat", "rahasia", "berkal", "informasi")}
    assert slugs == {"berkala": "berkala", "Berkala": "berkala", "serta merta": "serta-merta",
                     "Serta-Merta": "serta-merta", "serta_merta": "serta-merta", "sertamerta": "serta-merta",
                     "Informasi Setiap Saat": "setiap-saat", "setiap-saat": "setiap-saat", "rahasia": None,
                     "berkal": None, "informasi": None}
    assert [c.title for c in CATEGORIES] == ["Informasi Berkala", "Informasi Serta Merta", "Informasi Setiap Saat"]


def test_admin_fields_and_scaffold(site: Site, capsys):
    rules = DocumentRules()
    fields = {field["name"]: field for field in rules.admin_fields()}
    assert set(fields) == {"kategori", "berkas"} and all(field["required"] for field in fields.values())
    assert [o["value"] for o in fields["kategori"]["options"]] == ["berkala", "serta-merta", "setiap-saat"]
    lines = rules.scaffold_lines(date(2024, 10, 1))
    site.write("content/dokumen/baru.md", "\n".join(["---", "title: Baru", "date: 2024-10-01", *lines, "---", "Isi.", ""]))
    run = site.build(capsys, *BUILD)
    assert run.code == 1  # nothing published until both are filled in, and the writer is told how
    kategori_line = 4 + next(n for n, line in enumerate(lines) if line.startswith("kategori:"))
    berkas_line = 4 + next(n for n, line in enumerate(lines) if line.startswith("berkas:"))
    assert [line.replace(f"{site.root}/", "") for line in run.error_lines] == [
        f"content/dokumen/baru.md:{kategori_line}: 'kategori' wajib diisi; pilihannya: berkala, serta-merta atau setiap-saat",
        f"content/dokumen/baru.md:{berkas_line}: berkas '/berkas/nama-dokumen.pdf' tidak ditemukan; "
        "simpan berkasnya di static/berkas/nama-dokumen.pdf",
    ]
