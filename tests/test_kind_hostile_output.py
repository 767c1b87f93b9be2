"""What the new kinds publish from hurried or hostile front matter: file names from a Mac, and text that tries
to break out of HTML, JSON-LD, iCalendar and the feeds."""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import html5lib
import icalendar

from conftest import Site, post, resolve

BUILD = ("--tanggal", "2024-11-26", "--no-search", "--jobs", "1")
NFC_NAME = unicodedata.normalize("NFC", "Pengumuman Pleno Kecamatan Pesantren.pdf".replace("Pesantren", "Pésantren"))
NFD_NAME = unicodedata.normalize("NFD", NFC_NAME)


def test_a_file_saved_with_a_decomposed_name_on_a_mac_is_found_and_linked_as_published(site: Site, capsys):
    # macOS keeps 'é' as 'e' plus a combining accent; the writer types the composed 'é' (and Warta reads
    # Markdown as NFC). Both look the same: the link must lead to the file as it is published.
    assert NFC_NAME != NFD_NAME
    site.write(f"static/berkas/{NFD_NAME}", b"%PDF-1.4\n")
    site.write("content/dokumen/2024-11-20-pleno.md", post(title="Pleno", date="2024-11-20", kategori="berkala",
                                                            berkas=f'"/berkas/{NFC_NAME}"'))
    site.write("content/pengumuman/2024-11-20-pleno.md", post(title="Pleno", date="2024-11-20",
                                                               lampiran=[f'"/berkas/{NFC_NAME}"']))
    run = site.build(capsys, *BUILD)
    assert run.code == 0, run.err
    for page in ("/dokumen/pleno/", "/pengumuman/pleno/"):
        link = run.html(page).select_one("a.berkas-tautan")
        target = resolve(run.output, unquote(link["href"]))
        assert target is not None, unquote(link["href"])
        assert target.read_bytes() == b"%PDF-1.4\n"


HOSTILE = '</script><script>alert(1)</script><b onmouseover="x">\'&amp;'


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def test_hostile_text_in_the_kinds_keys_stays_text_in_pages_json_ld_calendars_and_feeds(site: Site, capsys):
    site.write("content/agenda/2024-11-20-rapat.md", post(
        title=_quoted("Rapat, ; \\ 🎉 " + HOSTILE), date="2024-11-20", mulai="2024-11-28 09:00",
        tempat=_quoted("Aula\nBaris dua, tiga; empat \\ lima 🎉 " + HOSTILE)))
    site.write("content/cek-fakta/2024-11-20-klaim.md", post(
        title="Klaim", date="2024-11-20", klaim=_quoted(HOSTILE + " </SCRIPT > <!--"), penilaian="salah",
        sumber_klaim=[_quoted('https://contoh.example/"><script>alert(1)</script>')]))
    run = site.build(capsys, *BUILD)
    assert run.code == 0, run.err
    for page in ("/agenda/rapat/", "/cek-fakta/klaim/", "/agenda/", "/cek-fakta/", "/"):
        tree = html5lib.parse(run.file(page).read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
        for element in tree.iter():
            assert not any(name.casefold().startswith("on") for name in element.attrib), (page, element.tag)
            assert element.tag != "b", page
            if element.tag == "script":
                assert element.get("src") or element.get("type") == "application/ld+json", page
                if element.get("type") == "application/ld+json":
                    json.loads(element.text or "")
    claim = [json.loads(s.string) for s in run.html("/cek-fakta/klaim/").find_all("script", type="application/ld+json")]
    assert any(d.get("claimReviewed") == HOSTILE + " </SCRIPT > <!--" for d in claim)
    for calendar in ("agenda.ics", "agenda/rapat/acara.ics"):
        event = icalendar.Calendar.from_ical((run.output / calendar).read_bytes()).walk("VEVENT")[0]
        assert str(event["summary"]) == "Rapat, ; \\ 🎉 " + HOSTILE
        assert str(event["location"]) == "Aula Baris dua, tiga; empat \\ lima 🎉 " + HOSTILE
    for feed in run.output.rglob("*.xml"):
        ET.parse(feed)
