"""The Agenda kind: event pages, the split listing, schema.org Event, the home box and iCalendar files."""

from __future__ import annotations

import json
import textwrap
from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest

from warta.dates import WIB, parse_moment
from warta.kinds.agenda import AgendaRules, Event, when_text

# schema.org Event: the properties https://schema.org/Event and Google's event guidelines name for an
# in-person event, and the types of the nested objects.
EVENT_PROPERTIES = ("name", "startDate", "endDate", "location", "eventStatus", "eventAttendanceMode", "organizer",
                    "description", "url")
PLACE_PROPERTIES = ("name", "address")
ORGANIZATION_PROPERTIES = ("name", "url")


def agenda(title: str, mulai: str | None, tempat: str | None = "Aula Bawaslu", body: str = "Isi agenda.",
           **fields: str) -> str:
    lines = ["---", f"title: {title}"]
    if mulai is not None:
        lines.append(f"mulai: {mulai}")
    if tempat is not None:
        lines.append(f"tempat: {tempat}")
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join([*lines, "---", "", body, ""])


@pytest.fixture
def events(site):
    """Four events around the build date 2024-11-26."""
    site.write("content/agenda/rakor.md", agenda("Rakor Pengawasan Pemungutan Suara", "2024-11-28 09:00",
                                                 '"Aula Bawaslu Kota Contoh, Jl. Veteran No. 1"', selesai="2024-11-28 15:00",
                                                 summary='"Rapat koordinasi; pengawas TPS, \\"semua\\" hadir."'))
    site.write("content/agenda/apel.md", agenda("Apel Siaga", "2024-11-20", "Lapangan Balai Kota"))
    site.write("content/agenda/bimtek.md", agenda("Bimtek Pengawas TPS", "2024-11-25", "Hotel Grand Surya",
                                                  selesai="2024-11-27"))
    site.write("content/agenda/sosialisasi.md", agenda("Sosialisasi Pengawasan Partisipatif", "2024-10-01 13:00 WITA",
                                                       "Kampus Contoh"))
    return site


def build(site, capsys, *args: str):
    run = site.build(capsys, "--tanggal", "2024-11-26", "--no-search", "--jobs", "1", *args)
    assert run.code == 0, run.err
    return run


def titles(section) -> list[str]:
    return [h.get_text(strip=True) for h in section.select(".acara-judul")]


def test_event_page_says_when_and_where_and_links_its_calendar(events, capsys):
    run = build(events, capsys)
    page = run.html("/agenda/rakor/")
    box = page.select_one(".agenda-rincian")
    assert " ".join(box.select_one(".agenda-waktu").get_text(" ").split()) == \
        "Waktu: Kamis, 28 November 2024, 09.00–15.00 WIB"
    assert box.select_one(".agenda-waktu time")["datetime"] == "2024-11-28T09:00:00+07:00"
    assert " ".join(box.select_one(".agenda-tempat").get_text(" ").split()) == \
        "Tempat: Aula Bawaslu Kota Contoh, Jl. Veteran No. 1"
    link = box.find("a", string="Tambahkan ke kalender")
    assert link["href"] == "/agenda/rakor/acara.ics"
    assert (run.output / "agenda" / "rakor" / "acara.ics").is_file()
    assert (run.output / "agenda" / "rakor" / "index.html").is_file()
    whole_day = run.html("/agenda/apel/").select_one(".agenda-waktu").get_text(" ")
    assert " ".join(whole_day.split()) == "Waktu: Rabu, 20 November 2024"
    # written in WITA, shown in WIB like every time on the site
    other_zone = run.html("/agenda/sosialisasi/").select_one(".agenda-waktu").get_text(" ")
    assert " ".join(other_zone.split()) == "Waktu: Selasa, 1 Oktober 2024, 12.00 WIB"


def test_event_page_has_schema_org_event(events, capsys):
    run = build(events, capsys)
    scripts = [json.loads(s.string) for s in run.html("/agenda/rakor/").find_all("script", type="application/ld+json")]
    event = next(s for s in scripts if s["@type"] == "Event")
    assert not any(s["@type"] == "NewsArticle" for s in scripts)
    assert event["@context"] == "https://schema.org"
    for prop in EVENT_PROPERTIES:
        assert prop in event, prop
    assert event["name"] == "Rakor Pengawasan Pemungutan Suara"
    assert event["startDate"] == "2024-11-28T09:00:00+07:00"
    assert event["endDate"] == "2024-11-28T15:00:00+07:00"
    assert event["location"]["@type"] == "Place"
    for prop in PLACE_PROPERTIES:
        assert event["location"][prop] == "Aula Bawaslu Kota Contoh, Jl. Veteran No. 1"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["organizer"]["@type"] == "Organization"
    assert all(event["organizer"][prop] for prop in ORGANIZATION_PROPERTIES)
    assert event["organizer"]["name"] == "Bawaslu Kota Contoh"
    assert event["url"] == "https://contoh.example/agenda/rakor/"
    assert event["description"] == 'Rapat koordinasi; pengawas TPS, "semua" hadir.'
    whole_day = next(json.loads(s.string) for s in run.html("/agenda/apel/").find_all("script", type="application/ld+json")
                     if json.loads(s.string)["@type"] == "Event")
    assert whole_day["startDate"] == "2024-11-20"
    assert "endDate" not in whole_day


def test_listing_splits_upcoming_soonest_first_and_past_latest_first(events, capsys):
    run = build(events, capsys)
    page = run.html("/agenda/")
    upcoming = page.find(id="akan-datang").find_parent("section")
    past = page.find(id="sudah-berlangsung").find_parent("section")
    assert upcoming.h2.get_text(strip=True) == "Akan datang"
    assert past.h2.get_text(strip=True) == "Sudah berlangsung"
    # the Bimtek began yesterday and ends tomorrow: still to be attended
    assert titles(upcoming) == ["Bimtek Pengawas TPS", "Rakor Pengawasan Pemungutan Suara"]
    assert titles(past) == ["Apel Siaga", "Sosialisasi Pengawasan Partisipatif"]
    assert page.select_one(".paginasi") is None
    later = events.build(capsys, "--tanggal", "2024-12-01", "--no-search", "--jobs", "1",
                         output=events.root.parent / "later")
    page = later.html("/agenda/")
    assert page.find(id="sudah-berlangsung") is not None
    assert page.find(id="akan-datang").find_parent("section").select_one(".kosong").get_text(strip=True) == \
        "Belum ada agenda yang akan datang."
    assert titles(page.find(id="sudah-berlangsung").find_parent("section"))[0] == "Rakor Pengawasan Pemungutan Suara"


def test_undated_events_are_never_held_back(site, capsys):
    site.write("content/agenda/jauh.md", agenda("Rapat Pleno Tahun Depan", "2025-06-01", "Kantor KPU"))
    run = build(site, capsys)
    assert "masa depan" not in run.err
    assert run.html("/agenda/jauh/").h1.get_text(strip=True) == "Rapat Pleno Tahun Depan"


def parse_calendar(path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_calendars_parse_back(events, capsys):
    run = build(events, capsys)
    one = parse_calendar(run.output / "agenda" / "rakor" / "acara.ics")
    assert str(one["X-WR-CALNAME"]) == "Agenda – Bawaslu Kota Contoh"
    assert [tz["TZID"] for tz in one.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    (event,) = one.walk("VEVENT")
    assert str(event["UID"]) == "agenda-rakor@contoh.example"
    assert str(event["SUMMARY"]) == "Rakor Pengawasan Pemungutan Suara"
    assert str(event["LOCATION"]) == "Aula Bawaslu Kota Contoh, Jl. Veteran No. 1"
    assert str(event["DESCRIPTION"]) == 'Rapat koordinasi; pengawas TPS, "semua" hadir.'
    assert str(event["URL"]) == "https://contoh.example/agenda/rakor/"
    assert event["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert event.decoded("DTSTART") == datetime(2024, 11, 28, 9, tzinfo=WIB)
    assert event.decoded("DTEND") == datetime(2024, 11, 28, 15, tzinfo=WIB)
    # the item's own date (here its start, as it has no `date`), never the time of the build
    assert event.decoded("DTSTAMP") == datetime(2024, 11, 28, 2, tzinfo=timezone.utc)

    every = parse_calendar(run.output / "agenda.ics")
    by_uid = {str(e["UID"]): e for e in every.walk("VEVENT")}
    assert sorted(by_uid) == ["agenda-apel@contoh.example", "agenda-bimtek@contoh.example",
                              "agenda-rakor@contoh.example", "agenda-sosialisasi@contoh.example"]
    apel = by_uid["agenda-apel@contoh.example"]
    assert apel["DTSTART"].params["VALUE"] == "DATE"
    assert apel.decoded("DTSTART") == date(2024, 11, 20)
    assert apel.decoded("DTEND") == date(2024, 11, 21)  # exclusive: the day after
    bimtek = by_uid["agenda-bimtek@contoh.example"]
    assert (bimtek.decoded("DTSTART"), bimtek.decoded("DTEND")) == (date(2024, 11, 25), date(2024, 11, 28))
    assert by_uid["agenda-sosialisasi@contoh.example"].decoded("DTSTART") == datetime(2024, 10, 1, 12, tzinfo=WIB)
    raw = (run.output / "agenda.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_calendars_are_byte_identical_across_builds(events, capsys, tmp_path):
    first = build(events, capsys)
    second = events.build(capsys, "--tanggal", "2024-12-30", "--no-search", "--jobs", "1", output=tmp_path / "again")
    assert second.code == 0
    for path in ("agenda.ics", "agenda/rakor/acara.ics", "agenda/apel/acara.ics"):
        assert (first.output / path).read_bytes() == (second.output / path).read_bytes(), path


def test_updated_gives_the_stamp(site, capsys):
    site.write("content/agenda/rakor.md", agenda("Rakor", "2024-11-28 09:00", updated="2024-11-20 10:30"))
    run = build(site, capsys)
    (event,) = parse_calendar(run.output / "agenda" / "rakor" / "acara.ics").walk("VEVENT")
    assert event.decoded("DTSTAMP") == datetime(2024, 11, 20, 3, 30, tzinfo=timezone.utc)


def test_home_shows_the_next_three_events(events, capsys):
    events.write("content/agenda/rapat.md", agenda("Rapat Pleno", "2024-12-05", "Kantor KPU"))
    events.write("content/agenda/rekap.md", agenda("Rekapitulasi Kota", "2024-12-10", "Gedung DPRD"))
    events.add_post("2024-08-13-berita")
    run = build(events, capsys)
    box = run.html("/").select_one(".agenda-beranda")
    assert box.h2.get_text(strip=True) == "Agenda terdekat"
    assert titles(box) == ["Bimtek Pengawas TPS", "Rakor Pengawasan Pemungutan Suara", "Rapat Pleno"]
    assert box.find("a", string="Rakor Pengawasan Pemungutan Suara")["href"] == "/agenda/rakor/"
    later = events.build(capsys, "--tanggal", "2025-01-01", "--no-search", "--jobs", "1",
                         output=events.root.parent / "later")
    assert later.code == 0
    assert later.html("/").select_one(".agenda-beranda") is None


def test_event_in_the_past_says_so(events, capsys):
    run = build(events, capsys)
    assert run.html("/agenda/apel/").select_one(".agenda-status").get_text(strip=True) == "Acara ini sudah berlangsung."
    assert run.html("/agenda/rakor/").select_one(".agenda-status") is None


def moment(text: str):
    return parse_moment(text)


@pytest.mark.parametrize("mulai, selesai, expected", [
    ("2024-11-28 09:00", "2024-11-28 15:00", "Kamis, 28 November 2024, 09.00–15.00 WIB"),
    ("2024-11-28 09:00", None, "Kamis, 28 November 2024, 09.00 WIB"),
    ("2024-11-28", None, "Kamis, 28 November 2024"),
    ("2024-11-28", "2024-11-28", "Kamis, 28 November 2024"),
    ("2024-11-28", "2024-11-30", "Kamis, 28 November 2024 – Sabtu, 30 November 2024"),
    ("2024-11-28 19:00", "2024-11-29 02:00", "Kamis, 28 November 2024, 19.00 WIB – Jumat, 29 November 2024, 02.00 WIB"),
])
def test_when_text(mulai, selesai, expected):
    event = Event(moment(mulai), moment(selesai) if selesai else None, "Aula")
    assert when_text(event) == expected


def test_admin_fields_and_scaffold(site, capsys):
    rules = AgendaRules()
    fields = {f["name"]: f for f in rules.admin_fields()}
    assert list(fields) == ["mulai", "selesai", "tempat"]
    assert fields["mulai"]["required"] and fields["tempat"]["required"] and not fields["selesai"]["required"]
    assert all(f["label"] and "hint" in f for f in fields.values())
    lines = rules.scaffold_lines(date(2024, 11, 26))
    assert "mulai: 2024-11-26 09:00" in lines
    # The scaffold fails with a clear message until the place is written, then builds.
    front = ["---", "title: Rakor Persiapan", *lines, "---", "", "Isi.", ""]
    site.write("content/agenda/rakor.md", "\n".join(front))
    failed = site.build(capsys, "--tanggal", "2024-11-26", "--no-search", "--jobs", "1")
    assert failed.code == 1
    line = 3 + next(n for n, text in enumerate(lines) if text.startswith("tempat:"))
    assert failed.error_lines == [f"{site.root / 'content/agenda/rakor.md'}:{line}: 'tempat' wajib diisi, "
                                  "misalnya tempat: Aula Bawaslu Kota Kediri, Jl. Veteran No. 1"]
    filled = [text if not text.startswith("tempat:") else "tempat: Aula Bawaslu" for text in lines]
    site.write("content/agenda/rakor.md", "\n".join(["---", "title: Rakor Persiapan", *filled, "---", "", "Isi.", ""]))
    assert site.build(capsys, "--tanggal", "2024-11-26", "--no-search", "--jobs", "1").code == 0
