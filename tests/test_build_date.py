"""The build date: --tanggal, else SOURCE_DATE_EPOCH, else the clock; the same date gives the same bytes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Site, post
from warta.dates import WIB

BUILD = ("--no-search", "--jobs", "1")


def _announcements(site: Site) -> None:
    site.write("content/berita/2024-11-20-rakor.md", post(title="Rakor Pengawasan", date="2024-11-20"))
    site.write("content/berita/2024-11-27-pemungutan.md", post(title="Pengawasan Pemungutan Suara", date="2024-11-27"))
    site.write("content/pengumuman/posko.md", post(title="Posko Pengaduan Masa Tenang", date="2024-11-23",
                                                   berlaku_sampai="2024-11-26"))


def _home_announcements(output: Path) -> list[str]:
    soup = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.find(id="beranda-pengumuman")
    return [a.get_text(" ", strip=True) for a in box.find_parent("section").find_all("a")] if box else []


def _files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*"))
            if p.is_file() and p.name != ".warta-manifest.json"}


def test_source_date_epoch_sets_the_build_date(site: Site, capsys, monkeypatch: pytest.MonkeyPatch):
    _announcements(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2024, 11, 26, 12, tzinfo=WIB).timestamp())))
    run = site.build(capsys, *BUILD)
    assert run.code == 0, run.err
    assert any("Posko Pengaduan" in text for text in _home_announcements(run.output))  # valid on its last day
    assert not (run.output / "berita" / "pemungutan").exists()  # 27 November is still in the future
    assert "1 terjadwal dilewati" in run.out


def test_tanggal_wins_over_source_date_epoch(site: Site, capsys, monkeypatch: pytest.MonkeyPatch):
    _announcements(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2024, 11, 26, 12, tzinfo=WIB).timestamp())))
    run = site.build(capsys, "--tanggal", "2024-11-27", *BUILD)
    assert run.code == 0, run.err
    assert _home_announcements(run.output) == []  # expired the day before
    assert (run.output / "berita" / "pemungutan" / "index.html").is_file()


def test_two_builds_for_the_same_date_are_byte_identical(site: Site, capsys, tmp_path: Path):
    _announcements(site)
    first = site.build(capsys, "--tanggal", "2024-11-26", *BUILD, output=tmp_path / "satu")
    second = site.build(capsys, "--tanggal", "2024-11-26", "--no-cache", *BUILD, output=tmp_path / "dua")
    assert first.code == second.code == 0
    assert _files(first.output) == _files(second.output)


@pytest.mark.parametrize("value", ["kemarin", "-5", "1.5e9"])
def test_a_broken_source_date_epoch_is_refused_in_indonesian(site: Site, capsys, monkeypatch: pytest.MonkeyPatch,
                                                            value: str):
    _announcements(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SystemExit) as exited:
        site.build(capsys, *BUILD)
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip() == (
        f"warta: galat: SOURCE_DATE_EPOCH harus berupa bilangan detik sejak 1 Januari 1970, bukan '{value}'")


def test_tanggal_must_be_a_real_day(site: Site, capsys):
    with pytest.raises(SystemExit) as exited:
        site.build(capsys, "--tanggal", "2024-02-30", *BUILD)
    assert exited.value.code == 2
    assert "tanggal harus ditulis YYYY-MM-DD, misalnya 2024-11-26, bukan '2024-02-30'" in capsys.readouterr().err
