"""Front-matter dates: what writers type, and how readers see it (never the OS locale)."""

from __future__ import annotations

import pytest

from warta.dates import long_date, month_year, parse_moment


@pytest.mark.parametrize(
    ("written", "iso", "shown"),
    [
        ("2024-08-13", "2024-08-13", "13 Agustus 2024"),
        ("2024-8-3", "2024-08-03", "3 Agustus 2024"),
        ("2024-08-13 09:30", "2024-08-13T09:30:00+07:00", "13 Agustus 2024, 09.30 WIB"),
        ("2024-08-13T09:30:00", "2024-08-13T09:30:00+07:00", "13 Agustus 2024, 09.30 WIB"),
        ("2024-08-13T10:30:00+08:00", "2024-08-13T09:30:00+07:00", "13 Agustus 2024, 09.30 WIB"),
        ("2024-08-13T02:30:00Z", "2024-08-13T09:30:00+07:00", "13 Agustus 2024, 09.30 WIB"),
        ("2024-08-13T23:30:00-05:00", "2024-08-14T11:30:00+07:00", "14 Agustus 2024, 11.30 WIB"),
        ("13/08/2024", "2024-08-13", "13 Agustus 2024"),
        ("13-08-2024 14.00", "2024-08-13T14:00:00+07:00", "13 Agustus 2024, 14.00 WIB"),
        ("13 Agustus 2024", "2024-08-13", "13 Agustus 2024"),
        ("13 agt 2024", "2024-08-13", "13 Agustus 2024"),
        ("Rabu, 27 Nopember 2024 pukul 07.00 WIB", "2024-11-27T07:00:00+07:00", "27 November 2024, 07.00 WIB"),
        ("27 November 2024 08:00 WITA", "2024-11-27T07:00:00+07:00", "27 November 2024, 07.00 WIB"),
    ],
)
def test_accepted_dates(written, iso, shown):
    moment = parse_moment(written)
    assert moment.iso() == iso
    assert long_date(moment) == shown


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2024-02-30", "tanggal '2024-02-30' tidak ada di kalender"),
        ("2024-13-01", "tanggal '2024-13-01' tidak ada di kalender; sepertinya tanggal dan bulan tertukar: "
                       "tulis 2024-01-13 (tahun-bulan-tanggal)"),
        ("2024-13-45", "tanggal '2024-13-45' tidak ada di kalender"),
        # The American order: month first. Said only when the swapped date exists.
        ("11/27/2024", "tanggal '11/27/2024' tidak ada di kalender; sepertinya tanggal dan bulan tertukar: "
                       "tulis 27/11/2024 (tanggal/bulan/tahun)"),
        ("11-27-2024 08.00 WIB", "tanggal '11-27-2024 08.00 WIB' tidak ada di kalender; sepertinya tanggal dan bulan "
                                 "tertukar: tulis 27/11/2024 08.00 WIB (tanggal/bulan/tahun)"),
        ("02/31/2024", "tanggal '02/31/2024' tidak ada di kalender"),
        ("kemarin", "tanggal 'kemarin' tidak dapat dibaca; tulis seperti 2024-08-13 atau 2024-08-13 09:30"),
        ("13 Agustos 2024", "nama bulan 'Agustos' tidak dikenal"),
        ("2024-08-13+07:00", "zona waktu hanya boleh ditulis bersama jam"),
        (True, "tanggal harus berupa teks seperti 2024-08-13"),
    ],
)
def test_rejected_dates_say_why_in_indonesian(written, reason):
    with pytest.raises(ValueError) as error:
        parse_moment(written)
    assert str(error.value) == reason


def test_month_names_are_indonesian_whatever_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv("LC_ALL", "C")
    assert [month_year(2024, m).split()[0] for m in range(1, 13)] == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
