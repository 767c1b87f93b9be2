"""The Agenda kind (content/agenda/): events with a start, an optional end and a place.

Each item is a page at /agenda/<slug>/ with its own calendar file
(/agenda/<slug>/acara.ics); /agenda.ics holds every item. Calendars are
written with the `icalendar` library (RFC 5545 line folding, text escaping,
the VTIMEZONE for Asia/Jakarta) and depend only on the items, never on the
clock: two builds of the same site give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from warta.dates import WIB, Moment, day_date, long_date
from warta.kinds import HomeBox, KindFile, KindRules

if TYPE_CHECKING:
    import icalendar

    from warta.config import SiteConfig
    from warta.content import FieldReader, Media, Post
    from warta.registry import Collection
    from warta.sharing import SitePictures

CALENDAR_FILE = "acara.ics"  # beside the item's index.html: /agenda/<slug>/acara.ics
SITE_CALENDAR = "/agenda.ics"
HOME_EVENTS = 3  # upcoming events on the home page


@dataclass(frozen=True)
class Event:
    """What an agenda item adds to a post: when and where."""

    mulai: Moment
    selesai: Moment | None
    tempat: str

    @property
    def last_day(self) -> date:
        """The event's last day (WIB): the day of `selesai`, else of `mulai`."""
        return (self.selesai or self.mulai).local.date()

    def upcoming(self, today: date) -> bool:
        """Not over on the build date: starting today or later, or still going on."""
        return self.last_day >= today


def when_text(event: Event) -> str:
    """'Senin, 28 November 2024, 09.00–15.00 WIB', 'Senin, 28 November 2024' or a span of days."""
    start, end = event.mulai, event.selesai
    first = _day(start)
    if end is None:
        return first + (start.local.strftime(", %H.%M WIB") if start.has_time else "")
    same_day = end.local.date() == start.local.date()
    if same_day and start.has_time and end.has_time:
        return f"{first}, {start.local.strftime('%H.%M')}–{end.local.strftime('%H.%M')} WIB"
    if same_day:
        return first + (start.local.strftime(", %H.%M WIB") if start.has_time else "")
    begin = first + (start.local.strftime(", %H.%M WIB") if start.has_time else "")
    finish = _day(end) + (end.local.strftime(", %H.%M WIB") if end.has_time else "")
    return f"{begin} – {finish}"


def _day(moment: Moment) -> str:
    return f"{day_date(moment)}, {long_date(Moment(moment.value, False))}"


class AgendaRules(KindRules):
    name = "agenda"
    title = "Agenda"
    description = ""
    list_template = "post_list.html"
    on_home = False
    in_archive = False
    keys = ("mulai", "selesai", "tempat")
    required = ("mulai", "tempat")
    key_words = {
        **dict.fromkeys(("tanggal", "waktu", "tanggal_mulai", "waktu_mulai", "jam_mulai", "tanggal_acara",
                         "waktu_acara", "jadwal", "dimulai", "start"), "mulai"),
        **dict.fromkeys(("tanggal_selesai", "waktu_selesai", "jam_selesai", "sampai", "hingga", "berakhir",
                         "end"), "selesai"),
        **dict.fromkeys(("lokasi", "lokasi_acara", "tempat_acara", "alamat", "venue", "location"), "tempat"),
    }
    date_required = False
    paginated = False

    def read(self, fields: FieldReader, media: Media | None) -> Event | None:
        mulai = fields.moment("mulai", required=True,
                              example=", misalnya mulai: 2024-11-28 09:00 (jam boleh tidak ditulis)")
        tempat = fields.text("tempat", required=True,
                             example=", misalnya tempat: Aula Bawaslu Kota Kediri, Jl. Veteran No. 1")
        selesai = fields.moment("selesai")
        if mulai is not None and selesai is not None and _ends_before(mulai, selesai):
            fields.error("selesai", f"'selesai' ({long_date(selesai)}) lebih awal dari 'mulai' ({long_date(mulai)}); "
                                    "acara harus selesai pada atau setelah waktu mulainya")
            return None
        if mulai is None or tempat is None:
            return None
        return Event(mulai, selesai, tempat)

    def undated(self, details: Any) -> Moment | None:
        return details.mulai if isinstance(details, Event) else None

    def listing_context(self, collection: Collection, posts: tuple[Post, ...], today: date) -> dict[str, Any]:
        """'Akan datang' (soonest first, ongoing events included) and 'Sudah berlangsung' (latest first)."""
        upcoming, past = _split(posts, today)
        return {"akan_datang": upcoming, "sudah_berlangsung": past}

    def item_context(self, post: Post, today: date) -> dict[str, Any]:
        return {"acara_selesai": isinstance(post.details, Event) and not post.details.upcoming(today)}

    def home_boxes(self, collection: Collection, posts: tuple[Post, ...], today: date) -> tuple[HomeBox, ...]:
        upcoming, _ = _split(posts, today)
        if not upcoming:
            return ()
        return (HomeBox("agenda_home.html", {"collection": collection, "events": upcoming[:HOME_EVENTS]}),)

    def files(self, collection: Collection, posts: tuple[Post, ...], today: date) -> tuple[KindFile, ...]:
        events = tuple(sorted((p for p in posts if isinstance(p.details, Event)), key=_start_order))
        site = KindFile(SITE_CALENDAR, {"name": collection.title, "posts": events})
        return (site, *(KindFile(f"{p.url}{CALENDAR_FILE}", {"name": collection.title, "posts": (p,)}) for p in events))

    def render_file(self, config: SiteConfig, context: dict[str, Any]) -> bytes:
        return calendar_bytes(config, context["name"], context["posts"])

    def template_globals(self, config: SiteConfig, pictures: SitePictures) -> dict[str, Callable[..., Any]]:
        return {
            "agenda_waktu": when_text,
            "agenda_kalender": lambda post: f"{post.url}{CALENDAR_FILE}",
            "agenda_jsonld": lambda post: event_jsonld(config, pictures, post),
        }

    def admin_fields(self) -> list[dict[str, Any]]:
        return [
            {"name": "mulai", "label": "Mulai", "widget": "datetime", "format": "YYYY-MM-DD HH:mm", "required": True,
             "hint": "Tanggal dan jam acara dimulai. Jam dibaca sebagai WIB."},
            {"name": "selesai", "label": "Selesai", "widget": "datetime", "format": "YYYY-MM-DD HH:mm",
             "required": False, "hint": "Boleh dikosongkan. Tidak boleh lebih awal dari waktu mulai."},
            {"name": "tempat", "label": "Tempat", "widget": "string", "required": True,
             "hint": "Nama tempat dan alamatnya, misalnya “Aula Bawaslu Kota Kediri, Jl. Veteran No. 1”."},
        ]

    def scaffold_lines(self, today: date) -> list[str]:
        return [
            "# Waktu acara: jam dibaca sebagai WIB; hapus baris selesai jika tidak perlu.",
            f"mulai: {today.isoformat()} 09:00",
            f"selesai: {today.isoformat()} 12:00",
            "# Isi tempat acara, misalnya: tempat: Aula Bawaslu Kota Kediri, Jl. Veteran No. 1",
            "tempat:",
        ]


def _ends_before(mulai: Moment, selesai: Moment) -> bool:
    if mulai.has_time and selesai.has_time:
        return selesai.value < mulai.value
    return selesai.local.date() < mulai.local.date()


def _start_order(post: Post) -> tuple:
    return (post.details.mulai.value, post.title.casefold(), post.slug)


def _split(posts: tuple[Post, ...], today: date) -> tuple[tuple[Post, ...], tuple[Post, ...]]:
    events = sorted((p for p in posts if isinstance(p.details, Event)), key=_start_order)
    upcoming = tuple(p for p in events if p.details.upcoming(today))
    past = tuple(reversed([p for p in events if not p.details.upcoming(today)]))
    return upcoming, past


def event_jsonld(config: SiteConfig, pictures: SitePictures, post: Post) -> Markup:
    """schema.org Event for an agenda item's page, organised by the office."""
    from warta.sharing import json_ld, organization, preview_picture  # sharing reads Post, which needs the kinds first

    event: Event = post.details
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": post.title,
        "startDate": event.mulai.iso(),
    }
    if event.selesai is not None:
        data["endDate"] = event.selesai.iso()
    data.update({
        "location": {"@type": "Place", "name": event.tempat, "address": event.tempat},
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organization(config, pictures),
        "description": post.summary,
        "image": [preview_picture(config, pictures, post).url],
        "url": config.absolute(post.url),
        "inLanguage": "id",
    })
    return json_ld(data)


def calendar_bytes(config: SiteConfig, name: str, posts: tuple[Post, ...]) -> bytes:
    """An iCalendar file with one VEVENT per item, the same bytes for the same items."""
    import icalendar  # imported when a site has an agenda: it adds 65 ms to every start of `warta`

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Warta//Agenda//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{name} – {config.title}")
    calendar.add("x-wr-timezone", "Asia/Jakarta")
    host = urlsplit(config.base_url).hostname or "localhost"
    if any(post.details.mulai.has_time for post in posts):  # TZID=Asia/Jakarta needs its VTIMEZONE
        calendar.add_component(_jakarta())
    for post in posts:
        calendar.add_component(_vevent(config, post, host))
    return calendar.to_ical()


@lru_cache(maxsize=1)
def _jakarta() -> icalendar.Timezone:
    """The VTIMEZONE of Asia/Jakarta, made once: icalendar takes tens of milliseconds to work it out."""
    import icalendar

    probe = icalendar.Calendar()
    event = icalendar.Event()
    event.add("dtstart", datetime(2024, 1, 1, tzinfo=WIB))
    probe.add_component(event)
    probe.add_missing_timezones()
    zone = probe.timezones[0]
    zone.pop("COMMENT", None)  # an English note on the range icalendar checked: WIB has had no change since 1964
    return zone


def _vevent(config: SiteConfig, post: Post, host: str) -> icalendar.Event:
    import icalendar

    event: Event = post.details
    vevent = icalendar.Event()
    vevent.add("uid", f"{post.kind}-{post.slug}@{host}")
    # The item's own last change, never the clock: RFC 5545 wants a UTC time here.
    vevent.add("dtstamp", (post.updated or post.date).value.astimezone(UTC))
    start, end = event.mulai, event.selesai
    if not start.has_time:  # a whole-day event; DTEND is the day after the last day
        vevent.add("dtstart", start.local.date())
        vevent.add("dtend", event.last_day + timedelta(days=1))
    else:
        vevent.add("dtstart", start.local)
        if end is not None:
            # DTEND takes the type of DTSTART: an end written as a day means the end of that day.
            vevent.add("dtend", end.local if end.has_time else
                       datetime.combine(end.local.date() + timedelta(days=1), time(), WIB))
    vevent.add("summary", post.title)
    vevent.add("location", event.tempat)
    vevent.add("url", config.absolute(post.url))
    vevent.add("description", post.summary)
    return vevent
