"""Dated election stages: /tahapan/ as a timeline, the stage in progress on the home page."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from warta.data import DONE, IN_PROGRESS, UPCOMING, Stage, period_text

SCHEDULE = """\
- slug: pencalonan
  nama: Pencalonan
  keterangan: Pendaftaran pasangan calon.
  mulai: 2024-08-27
  selesai: 2024-09-22
- slug: kampanye
  nama: Kampanye
  mulai: 2024-09-25
  selesai: 2024-11-23
- slug: masa-tenang
  nama: Masa Tenang
  mulai: 2024-11-24
  selesai: 2024-11-26
- slug: pemungutan-suara
  nama: Pemungutan Suara
  mulai: 27 November 2024
  selesai: 2024-11-27
- slug: penetapan
  nama: Penetapan
"""


def build(site, capsys, today: str):
    run = site.build(capsys, "--tanggal", today, "--no-search", "--jobs", "1", output=site.root.parent / f"out-{today}")
    assert run.code == 0, run.err
    return run


@pytest.fixture
def scheduled(site):
    site.write("data/tahapan.yaml", SCHEDULE)
    site.add_post("2024-09-01-kampanye", title="Pengawasan Kampanye", date="2024-10-01", tahapan="[kampanye]")
    return site


def steps(run) -> dict[str, object]:
    return {li.h2.get_text(" ", strip=True).split(" (")[0]: li for li in run.html("/tahapan/").select("ol.daftar-tahapan > li")}


def test_timeline_marks_each_stage_on_the_build_date(scheduled, capsys):
    run = build(scheduled, capsys, "2024-11-25")
    listed = steps(run)
    assert list(listed) == ["Pencalonan", "Kampanye", "Masa Tenang", "Pemungutan Suara", "Penetapan"]

    def schedule(name: str) -> str:
        found = listed[name].select_one(".jadwal-tahapan")
        return " ".join(found.get_text(" ").split()) if found else ""

    assert schedule("Pencalonan") == "Selesai · 27 Agustus – 22 September 2024"
    assert schedule("Kampanye") == "Selesai · 25 September – 23 November 2024"
    assert schedule("Masa Tenang") == "Sedang berlangsung · 24 – 26 November 2024"
    assert schedule("Pemungutan Suara") == "Akan datang · 27 November 2024"
    assert schedule("Penetapan") == ""  # no dates: shown as before
    current = [li for li in listed.values() if li.get("aria-current")]
    assert current == [listed["Masa Tenang"]] and current[0]["aria-current"] == "step"
    # count and link as before
    assert listed["Kampanye"].h2.a["href"] == "/tahapan/kampanye/"
    assert "(1 berita)" in listed["Kampanye"].h2.get_text()


def test_home_names_the_stage_in_progress(scheduled, capsys):
    run = build(scheduled, capsys, "2024-10-15")
    current = run.html("/").select_one(".tahapan-kini")
    assert " ".join(current.get_text(" ").split()) == \
        "Tahapan yang sedang berlangsung: Kampanye (25 September – 23 November 2024)"
    assert current.a["href"] == "/tahapan/kampanye/"
    # a stage without items has no page of its own: the link goes to its place in the timeline
    run = build(scheduled, capsys, "2024-11-25")
    link = run.html("/").select_one(".tahapan-kini a")
    assert link.get_text(strip=True) == "Masa Tenang"
    assert link["href"] == "/tahapan/#tahapan-masa-tenang"
    assert run.html("/tahapan/").find(id="tahapan-masa-tenang") is not None
    # between stages, none is named
    assert build(scheduled, capsys, "2024-09-23").html("/").select_one(".tahapan-kini") is None


def test_a_site_without_dates_shows_no_timeline(site, capsys):
    site.add_post("2024-09-01-kampanye", title="Pengawasan Kampanye", date="2024-10-01", tahapan="[kampanye]")
    run = build(site, capsys, "2024-10-15")
    index = run.html("/tahapan/")
    timeline = index.select_one("ol.daftar-tahapan")
    assert timeline["class"] == ["daftar-tahapan"]
    assert not timeline.select("[data-status], [aria-current], [id], .jadwal-tahapan")
    assert run.html("/").select_one(".tahapan-kini") is None


def test_one_end_of_a_stage_may_be_left_open():
    opened = Stage("kampanye", "Kampanye", "", 0, mulai=date(2024, 9, 25))
    closed = Stage("kampanye", "Kampanye", "", 0, selesai=date(2024, 11, 23))
    assert opened.period == "mulai 25 September 2024"
    assert closed.period == "sampai 23 November 2024"
    assert [opened.status(date(2024, 9, d)) for d in (24, 25)] == [UPCOMING, IN_PROGRESS]
    assert opened.status(date(2030, 1, 1)) == IN_PROGRESS
    assert [closed.status(date(2024, 11, d)) for d in (23, 24)] == [IN_PROGRESS, DONE]
    assert Stage("x", "X", "", 0).status(date(2024, 1, 1)) is None


@pytest.mark.parametrize("first, last, text", [
    (date(2024, 6, 24), date(2024, 7, 24), "24 Juni – 24 Juli 2024"),
    (date(2024, 7, 1), date(2024, 7, 5), "1 – 5 Juli 2024"),
    (date(2024, 12, 20), date(2025, 1, 5), "20 Desember 2024 – 5 Januari 2025"),
    (date(2024, 11, 27), date(2024, 11, 27), "27 November 2024"),
])
def test_period_text(first, last, text):
    assert period_text(first, last) == text


def test_stage_date_mistakes_are_reported_with_their_line(site, capsys):
    site.write("data/tahapan.yaml", textwrap.dedent("""\
        - slug: kampanye
          nama: Kampanye
          mulai: 2024-11-23
          selesai: 2024-09-25
        - slug: pemungutan-suara
          nama: Pemungutan Suara
          mulai: besok
        """))
    run = site.build(capsys, "--tanggal", "2024-10-01", "--no-search")
    assert run.code == 1
    shown = site.root / "data" / "tahapan.yaml"
    assert run.error_lines == [
        f"{shown}:4: 'selesai' (25 September 2024) lebih awal dari 'mulai' (23 November 2024); "
        "tahapan harus selesai pada atau setelah hari mulainya",
        f"{shown}:7: 'mulai' tidak valid: tanggal 'besok' tidak dapat dibaca; tulis seperti 2024-08-13 atau 2024-08-13 09:30",
    ]
