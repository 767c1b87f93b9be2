"""The Pengumuman kind: validity by build date, attachments with type and size, the home page box."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import yaml
from bs4 import BeautifulSoup, Tag

from conftest import BuildRun, Site, post
from warta.kinds.attachments import Attachment, size_text
from warta.kinds.pengumuman import AnnouncementRules

BUILD = ("--no-search", "--jobs", "1")


def announcement(site: Site, slug: str, title: str, day: str, body: str = "Isi pengumuman.", **fields: object) -> None:
    site.write(f"content/pengumuman/{slug}.md", post(title=title, date=day, body=body, **fields))


def build(site: Site, capsys, today: str, *extra: str, output: Path | None = None) -> BuildRun:
    run = site.build(capsys, "--tanggal", today, *BUILD, *extra, output=output)
    assert run.code == 0, run.err
    return run


def attachments_on(soup: BeautifulSoup) -> list[dict[str, str]]:
    """Each attachment link of a page: where it points, the name, type and size it shows."""
    return [{"href": link["href"], "type": link.get("type", ""),
             "name": link.select_one(".berkas-nama").get_text(strip=True),
             "kind": link.select_one(".berkas-jenis").get_text(strip=True),
             "size": link.select_one(".berkas-ukuran").get_text(strip=True)}
            for link in soup.select("a.berkas-tautan")]


def text_of(element: Tag | None) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def test_page_shows_validity_and_each_attachment_with_type_and_size(site: Site, capsys):
    site.write("static/berkas/surat-edaran.pdf", b"%PDF-1.7\n" + b"0" * 250_000)
    site.write("static/berkas/Formulir Pendaftaran.docx", b"PK" + b"0" * 1498)
    site.write("static/berkas/rekap.xlsx", b"PK" + b"0" * (1_258_291 - 2))
    site.write("static/berkas/denah.dwg", b"AC1027")
    announcement(site, "rekrutmen-ptps", "Pengumuman Rekrutmen PTPS", "2024-09-01", berlaku_sampai="2024-10-10",
                 lampiran="[/berkas/surat-edaran.pdf, /berkas/Formulir Pendaftaran.docx, berkas/rekap.xlsx, /berkas/denah.dwg]")
    run = build(site, capsys, "2024-10-01")
    page = run.html("/pengumuman/rekrutmen-ptps/")
    assert text_of(page.select_one(".masa-berlaku")) == "Berlaku sampai 10 Oktober 2024"
    assert page.select_one(".lencana-berakhir") is None
    section = page.select_one("section.lampiran")
    assert text_of(section.find("h2")) == "Lampiran"
    assert attachments_on(section) == [
        {"href": "/berkas/surat-edaran.pdf", "type": "application/pdf", "name": "surat-edaran.pdf", "kind": "PDF",
         "size": "244 KB"},
        {"href": "/berkas/Formulir%20Pendaftaran.docx",
         "type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "name": "Formulir Pendaftaran.docx", "kind": "Dokumen Word", "size": "1 KB"},
        {"href": "/berkas/rekap.xlsx", "type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "name": "rekap.xlsx", "kind": "Lembar kerja Excel", "size": "1,2 MB"},
        {"href": "/berkas/denah.dwg", "type": "application/octet-stream", "name": "denah.dwg", "kind": "DWG",
         "size": "6 B"},
    ]
    for link in attachments_on(section):  # every link leads to the copied file
        assert (run.output / unquote(link["href"]).lstrip("/")).is_file()


def test_sizes_read_in_indonesian():
    assert [size_text(n) for n in (0, 1023, 1024, 1536, 250_000, 1_048_576, 1_258_291, 15_938_355, 1_610_612_736)] == \
        ["0 B", "1023 B", "1 KB", "2 KB", "244 KB", "1 MB", "1,2 MB", "15,2 MB", "1.536 MB"]
    assert Attachment("/berkas/FOTO.JPG", 10).kind == "Gambar JPEG"
    assert Attachment("/berkas/tanpa-akhiran", 10).kind == "Berkas"


def test_an_edited_attachment_changes_its_size_on_the_page(site: Site, capsys):
    site.write("static/berkas/surat.pdf", b"0" * 2048)
    announcement(site, "surat", "Surat Edaran", "2024-09-01", lampiran="[/berkas/surat.pdf]")
    output = site.root.parent / "keluaran"
    first = build(site, capsys, "2024-10-01", output=output)
    assert attachments_on(first.html("/pengumuman/surat/"))[0]["size"] == "2 KB"
    site.write("static/berkas/surat.pdf", b"0" * 3 * 1024 * 1024)  # the same page source, another file
    second = build(site, capsys, "2024-10-01", output=output)
    assert attachments_on(second.html("/pengumuman/surat/"))[0]["size"] == "3 MB"


def test_an_ended_announcement_is_labelled_on_its_page_and_the_listing(site: Site, capsys):
    announcement(site, "ptps", "Rekrutmen PTPS", "2024-09-01", berlaku_sampai="2024-10-10")
    announcement(site, "libur", "Libur Kantor", "2024-09-02")
    on_last_day = build(site, capsys, "2024-10-10")  # still in force on its last day
    assert on_last_day.html("/pengumuman/ptps/").select_one(".lencana-berakhir") is None
    cards = {text_of(c.select_one(".kartu-judul")): c for c in on_last_day.html("/pengumuman/").select("article.kartu")}
    assert text_of(cards["Rekrutmen PTPS"].select_one(".lencana-berlaku")) == "Berlaku sampai 10 Oktober 2024"
    assert cards["Libur Kantor"].select_one(".lencana-berakhir, .lencana-berlaku") is None

    day_after = build(site, capsys, "2024-10-11")
    page = day_after.html("/pengumuman/ptps/")
    assert text_of(page.select_one(".masa-berlaku .lencana-berakhir")) == "Sudah berakhir"
    assert text_of(page.select_one(".masa-berlaku .berlaku-sampai")) == "Berlaku sampai 10 Oktober 2024"
    cards = {text_of(c.select_one(".kartu-judul")): c for c in day_after.html("/pengumuman/").select("article.kartu")}
    assert text_of(cards["Rekrutmen PTPS"].select_one(".lencana-berakhir")) == "Sudah berakhir"
    assert cards["Libur Kantor"].select_one(".lencana-berakhir") is None  # no end date: never ends
    assert day_after.html("/pengumuman/libur/").select_one(".masa-berlaku") is None


def test_cards_elsewhere_show_the_date_it_applies_until(site: Site, capsys):
    """Cards are rendered once per item for every listing: they say the date, true on any day."""
    announcement(site, "ptps", "Rekrutmen PTPS", "2024-09-01", berlaku_sampai="2024-10-10", tags="[rekrutmen]")
    run = build(site, capsys, "2024-12-01")
    card = run.html("/tag/rekrutmen/").select_one("article.kartu")
    assert text_of(card.select_one(".lencana")) == "Berlaku sampai 10 Oktober 2024"


def home_box(run: BuildRun) -> Tag | None:
    return run.html("/").select_one("section.kotak-pengumuman")


def test_home_page_lists_at_most_three_announcements_in_force_newest_first(site: Site, capsys):
    announcement(site, "a", "Pengumuman A", "2024-09-01", berlaku_sampai="2024-12-31")
    announcement(site, "b", "Pengumuman B", "2024-09-05")
    announcement(site, "c", "Pengumuman C", "2024-09-10", berlaku_sampai="2024-09-30")
    announcement(site, "d", "Pengumuman D", "2024-09-15", berlaku_sampai="2024-10-15")
    announcement(site, "e", "Pengumuman E", "2024-09-20")
    site.add_post("berita", title="Berita Biasa")
    box = home_box(build(site, capsys, "2024-10-01"))
    assert box is not None
    assert text_of(box.find("h2")) == "Pengumuman"
    assert [text_of(a) for a in box.select("li > a")] == ["Pengumuman E", "Pengumuman D", "Pengumuman B"]
    assert text_of(box.select("li")[1].select_one(".berlaku-sampai")) == "Berlaku sampai 15 Oktober 2024"
    more = box.select_one(".lanjut a")
    assert more["href"] == "/pengumuman/" and text_of(more).startswith("Semua pengumuman")

    later = home_box(build(site, capsys, "2024-10-16"))  # D has ended too
    assert [text_of(a) for a in later.select("li > a")] == ["Pengumuman E", "Pengumuman B", "Pengumuman A"]


def test_home_page_has_no_box_once_every_announcement_has_ended(site: Site, capsys):
    announcement(site, "a", "Pengumuman A", "2024-09-01", berlaku_sampai="2024-09-30")
    site.add_post("berita", title="Berita Biasa")
    assert home_box(build(site, capsys, "2024-09-30")) is not None
    run = build(site, capsys, "2024-10-01")
    assert home_box(run) is None
    assert run.html("/").select_one("#berita-terbaru") is not None  # the rest of the home page is there


def test_missing_attachment_is_an_error_at_its_list_item(site: Site, capsys):
    site.write("static/berkas/Surat.pdf", b"%PDF")
    site.write("content/pengumuman/x.md", "---\ntitle: Surat\ndate: 2024-09-01\nlampiran:\n"
                                          "  - /berkas/surat.pdf\n  - /berkas/hilang.pdf\n  - /berkas/../site.toml\n"
                                          "  - /berkas/Surat.pdf?v=2\n---\nIsi.\n")
    run = site.build(capsys, "--tanggal", "2024-10-01", *BUILD)
    assert run.code == 1
    assert [line.replace(f"{site.root}/", "") for line in run.error_lines] == [
        "content/pengumuman/x.md:5: berkas '/berkas/surat.pdf' tidak ditemukan; huruf besar-kecil alamat berkas "
        "harus sama persis dengan nama berkasnya: /berkas/Surat.pdf",
        "content/pengumuman/x.md:6: berkas '/berkas/hilang.pdf' tidak ditemukan; simpan berkasnya di static/berkas/hilang.pdf",
        "content/pengumuman/x.md:7: alamat berkas '/berkas/../site.toml' tidak boleh memuat '..': tulis alamatnya dari "
        "folder static/, misalnya /berkas/surat.pdf untuk static/berkas/surat.pdf",
        "content/pengumuman/x.md:8: alamat berkas '/berkas/Surat.pdf?v=2' memuat tanda ? atau #: ganti nama berkasnya "
        "tanpa tanda itu",
    ]


def test_a_missing_attachment_listed_twice_is_reported_once(site: Site, capsys):
    """A file named twice on one line was reported twice with the same line and message; present, it is
    listed once, so missing it is one problem too."""
    site.write("content/pengumuman/x.md", "---\ntitle: Surat\ndate: 2024-09-01\n"
                                          "lampiran: [/berkas/hilang.pdf, /berkas/hilang.pdf]\n---\nIsi.\n")
    run = site.build(capsys, "--tanggal", "2024-10-01", *BUILD)
    assert run.code == 1
    assert [line.replace(f"{site.root}/", "") for line in run.error_lines] == [
        "content/pengumuman/x.md:4: berkas '/berkas/hilang.pdf' tidak ditemukan; simpan berkasnya di static/berkas/hilang.pdf",
    ]


def test_admin_fields_and_scaffold(site: Site, capsys):
    rules = AnnouncementRules()
    fields = {field["name"]: field for field in rules.admin_fields()}
    assert set(fields) == set(rules.keys)
    assert all(field["label"] and field["hint"] and not field["required"] for field in fields.values())
    lines = rules.scaffold_lines(date(2024, 10, 1))
    assert all(line.startswith("#") for line in lines)  # optional keys, offered as comments
    uncommented = yaml.safe_load("\n".join(re.sub(r"^# ", "", line) for line in lines[1:]))
    assert uncommented == {"berlaku_sampai": date(2024, 10, 31), "lampiran": ["/berkas/nama-berkas.pdf"]}
    site.write("content/pengumuman/baru.md", "\n".join(["---", "title: Baru", "date: 2024-10-01", *lines, "---", "Isi.", ""]))
    run = build(site, capsys, "2024-10-01")
    assert run.html("/pengumuman/baru/").select_one("h1").get_text() == "Baru"
