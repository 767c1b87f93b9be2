"""Dates as Indonesian readers see them, independent of the machine's locale.

Times are kept as aware datetimes in Western Indonesia Time (WIB,
Asia/Jakarta). Month and day names come from Babel's CLDR data for `id`,
never from the operating system's locale, so a build on a CI runner with a
bare C locale prints the same "13 Agustus 2024" as a writer's laptop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_month_names

from warta.limits import YEAR_MAX, YEAR_MIN

WIB = ZoneInfo("Asia/Jakarta")
LOCALE = "id"

_MONTHS = {name.casefold(): number for number, name in get_month_names("wide", locale=LOCALE).items()}
_MONTHS.update({name.casefold(): number for number, name in get_month_names("abbreviated", locale=LOCALE).items()})
# Spellings CLDR does not know but Indonesian writers use.
_MONTHS.update({"agt": 8, "ags": 8, "agst": 8, "sept": 9, "sep": 9, "pebruari": 2, "peb": 2, "nopember": 11, "nop": 11,
                "des": 12, "januari": 1, "jan": 1})
_ZONES = {"wib": 7, "wita": 8, "wit": 9}

_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|\s+(?:pukul\s+|jam\s+)?)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?)?"
    r"\s*(?:([Zz])|([+-])(\d{2}):?(\d{2})|(WIB|WITA|WIT))?\Z",
    re.IGNORECASE,
)
_TIME = r"(?:,?\s+(?:pukul\s+|jam\s+)?(\d{1,2})[:.](\d{2}))?\s*(WIB|WITA|WIT)?\Z"
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME, re.I)
_WORDS = re.compile(r"^(?:[A-Za-z']+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})" + _TIME, re.I)


@dataclass(frozen=True, order=True)
class Moment:
    """A point in time from front matter; `has_time` is False for a bare date."""

    value: datetime
    has_time: bool

    @property
    def local(self) -> datetime:
        return self.value.astimezone(WIB)

    def iso(self) -> str:
        """The machine-readable value for `<time datetime>` and feeds."""
        return _iso(self.value, self.has_time)

    def iso_datetime(self) -> str:
        return self.local.isoformat(timespec="seconds")


@lru_cache(maxsize=65536)  # every post's date is printed on many pages
def _iso(value: datetime, has_time: bool) -> str:
    local = value.astimezone(WIB)
    return local.isoformat(timespec="seconds") if has_time else local.date().isoformat()


class _Refused(ValueError):
    """A reason already worded for the writer."""


def _check_year(year: int | str) -> int:
    """Years outside YEAR_MIN..YEAR_MAX are refused: no real post has them, and near year 1 or 9999
    moving a time to WIB (or formatting it) would overflow Python's datetime."""
    if not YEAR_MIN <= int(year) <= YEAR_MAX:
        raise _Refused(f"tahun {int(year)} di luar rentang yang diterima ({YEAR_MIN} sampai {YEAR_MAX})")
    return int(year)


def parse_moment(raw: object) -> Moment:
    """Parse a front-matter date; raises ValueError with an Indonesian reason."""
    if isinstance(raw, datetime):  # only from an explicit !!timestamp tag: plain dates are read as text
        _check_year(raw.year)
        value = raw if raw.tzinfo else raw.replace(tzinfo=WIB)
        return Moment(value, True)
    if isinstance(raw, date):
        _check_year(raw.year)
        return Moment(datetime.combine(raw, time(), WIB), False)
    if not isinstance(raw, (str, int)) or isinstance(raw, bool):
        raise ValueError("tanggal harus berupa teks seperti 2024-08-13")
    text = str(raw).strip()
    try:
        if match := _ISO.match(text):
            return _from_iso(match)
        if match := _DAY_FIRST.match(text):
            day, month, year, hour, minute, zone = match.groups()
            return _from_parts(year, month, day, hour, minute, zone)
        if match := _WORDS.match(text):
            day, month_name, year, hour, minute, zone = match.groups()
            month = _MONTHS.get(month_name.casefold())
            if month is None:
                raise _Refused(f"nama bulan '{month_name}' tidak dikenal")
            return _from_parts(year, month, day, hour, minute, zone)
    except _Refused:
        raise
    except ValueError as error:
        if "hour" in str(error) or "minute" in str(error) or "second" in str(error):
            raise ValueError(f"jam pada '{text}' tidak valid; tulis jam 00.00 sampai 23.59") from None
        raise ValueError(f"tanggal '{text}' tidak ada di kalender{_swapped_hint(text)}") from None
    raise ValueError(f"tanggal '{text}' tidak dapat dibaca; tulis seperti 2024-08-13 atau 2024-08-13 09:30")


def _swapped_hint(text: str) -> str:
    """For a date not in the calendar that would be with day and month swapped (11/27/2024, the American
    order, or 2024-27-11): how to write it."""
    if match := _DAY_FIRST.match(text):
        first, second, year = (int(n) for n in match.group(1, 2, 3))
        month, day, iso = first, second, False
    elif match := _ISO.match(text):
        year, first, second = (int(n) for n in match.group(1, 2, 3))
        day, month, iso = first, second, True
    else:
        return ""
    try:
        date(year, month, day)
    except ValueError:
        return ""
    rest = text[match.end(3):]
    written = f"{year:04d}-{month:02d}-{day:02d}{rest}" if iso else f"{day:02d}/{month:02d}/{year:04d}{rest}"
    order = "tahun-bulan-tanggal" if iso else "tanggal/bulan/tahun"
    return f"; sepertinya tanggal dan bulan tertukar: tulis {written} ({order})"


def _from_iso(match: re.Match[str]) -> Moment:
    year, month, day, hour, minute, second, utc, sign, off_hours, off_minutes, zone = match.groups()
    _check_year(year)
    if hour is None:
        if utc or sign or zone:
            raise _Refused("zona waktu hanya boleh ditulis bersama jam")
        return Moment(datetime(int(year), int(month), int(day), tzinfo=WIB), False)
    tz: tzinfo
    if utc:
        tz = UTC
    elif zone:
        tz = timezone(timedelta(hours=_ZONES[zone.casefold()]))
    elif sign:
        offset = timedelta(hours=int(off_hours), minutes=int(off_minutes))
        if int(off_minutes) >= 60 or offset > timedelta(hours=14 if sign == "+" else 12):
            raise _Refused(f"zona waktu {sign}{off_hours}:{off_minutes} tidak ada; "
                           "tulis antara -12:00 dan +14:00, misalnya +07:00")
        tz = timezone(offset if sign == "+" else -offset)
    else:
        tz = WIB
    return Moment(datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=tz), True)


def _from_parts(year: str, month: str | int, day: str, hour: str | None, minute: str | None, zone: str | None) -> Moment:
    _check_year(year)
    tz = timezone(timedelta(hours=_ZONES[zone.casefold()])) if zone else WIB
    if hour is None:
        if zone:
            raise _Refused("zona waktu hanya boleh ditulis bersama jam")
        return Moment(datetime(int(year), int(month), int(day), tzinfo=WIB), False)
    value = datetime(int(year), int(month), int(day), int(hour), int(minute or 0), tzinfo=tz)
    return Moment(value, True)


@lru_cache(maxsize=4096)
def long_date(moment: Moment, with_time: bool = True) -> str:
    """'13 Agustus 2024', with ', 09.30 WIB' when the post has a time (and `with_time`: cards say the day only)."""
    text = format_date(moment.local.date(), "d MMMM y", locale=LOCALE)
    if moment.has_time and with_time:
        text += moment.local.strftime(", %H.%M WIB")
    return text


@lru_cache(maxsize=4096)
def day_date(moment: Moment) -> str:
    """'Selasa': the day name for a dateline such as 'Selasa, 13 Agustus 2024'."""
    return format_date(moment.local.date(), "EEEE", locale=LOCALE)


def month_year(year: int, month: int) -> str:
    """'Agustus 2024'."""
    return format_date(date(year, month, 1), "LLLL y", locale=LOCALE)


def month_name(month: int) -> str:
    return format_date(date(2000, month, 1), "LLLL", locale=LOCALE)


def parse_day(text: str) -> date | None:
    """'2024-11-26' as a date, or None when it is not a real day written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def now_wib() -> datetime:
    return datetime.now(WIB)
