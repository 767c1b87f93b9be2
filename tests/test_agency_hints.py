"""Hints for agency names that are not in the data: given for slips of the keyboard, never for another body."""

from __future__ import annotations

import pytest

from warta.agency_hints import AgencyHints
from warta.data import Agency, AgencyDirectory

KNOWN = AgencyDirectory([
    Agency("kpu-kota-kediri", "Komisi Pemilihan Umum Kota Kediri", "penyelenggara", "KPU", ("KPU Kota Kediri",)),
    Agency("bawaslu-kota-kediri", "Bawaslu Kota Kediri", "penyelenggara", None, ("Bawaslu Kota",)),
    Agency("bawaslu-kabupaten-kediri", "Bawaslu Kabupaten Kediri", "penyelenggara"),
    Agency("polres-kediri-kota", "Polres Kediri Kota", "keamanan", "Polres"),
    Agency("unp-kediri", "Universitas Nusantara PGRI Kediri", "masyarakat", "UNP Kediri"),
    Agency("ppk", "Panitia Pemilihan Kecamatan", "penyelenggara", "PPK"),
    Agency("pks", "Partai Keadilan Sejahtera", "masyarakat", "PKS"),
    Agency("dprd", "Dewan Perwakilan Rakyat Daerah", "pemerintah", "DPRD"),
    Agency("satpol-pp", "Satuan Polisi Pamong Praja", "keamanan", "Satpol PP"),
    Agency("disdik", "Dinas Pendidikan", "pemerintah"),
    Agency("sma-1", "SMA Negeri 1 Kota Kediri", "masyarakat"),
])


@pytest.mark.parametrize("written, meant", [
    ("KPUU", "KPU"),  # a letter typed twice
    ("kpuu", "KPU"),
    ("K.P.U.", "KPU"),  # the same letters
    ("Bawaslu Kota Kedri", "Bawaslu Kota Kediri"),  # a letter left out of a longer word
    ("Polres Kediri Kot", "Polres Kediri Kota"),  # ... and of a short one
    ("Bawaslu KotaKediri", "Bawaslu Kota Kediri"),  # a missing space
    ("Bawaslu Kab. Kediri", "Bawaslu Kabupaten Kediri"),  # an abbreviation read as the full word
    ("Dinas Pendidkan", "Dinas Pendidikan"),
    ("Dinas Pendidiakn", "Dinas Pendidikan"),  # two letters swapped
    ("Polress", "Polres"),
    ("Sat.Pol PP", "Satpol PP"),
])
def test_a_slip_of_the_keyboard_gets_a_hint(written: str, meant: str):
    assert KNOWN.resolve(written) is None
    assert KNOWN.suggest(written) == meant


@pytest.mark.parametrize("written", [
    "KPU Kediri",  # not "UNP Kediri": another body, only the place is shared
    "PKB",  # a party of its own, not "PPK" (nor "PKS")
    "Bawaslu Kota Batu",  # another place, not "Bawaslu Kota"
    "Bawaslu Kota Blitar",  # not "Bawaslu Kota Kediri"
    "DPR",  # not "DPRD"
    "SMA Negeri 2 Kota Kediri",  # another school
    "Polres Kediri Bato",  # a short word changed, not left out
    "Kesbangpol Kota Kediri",
    "Karang Taruna Kota Kediri",
    "Paguyuban Pedagang Pasar Setonobetek",
])
def test_another_body_gets_no_hint(written: str):
    assert KNOWN.resolve(written) is None
    assert KNOWN.suggest(written) is None


def test_each_name_is_worked_out_once(monkeypatch):
    hints = AgencyHints(["Bawaslu Kota Kediri"])
    calls = []
    original = hints._suggest
    monkeypatch.setattr(hints, "_suggest", lambda name: calls.append(name) or original(name))
    assert [hints.suggest("Bawaslu Kota Kedri") for _ in range(3)] == ["Bawaslu Kota Kediri"] * 3
    assert calls == ["Bawaslu Kota Kedri"]


def test_no_names_no_hints():
    assert AgencyHints([]).suggest("KPU") is None
    assert KNOWN.suggest("...") is None
