"""The Pengumuman kind (content/pengumuman/): announcements, valid until a date, with attachments.

`berlaku_sampai` (optional) is the last day an announcement applies; `lampiran`
(optional) lists files under static/ (see attachments.py). Whether an
announcement has ended depends on the build date, which item details never
know: the item page and the listing learn it from `item_context` and
`listing_context`, the home page shows only the announcements still valid
(`home_boxes`). Cards, rendered once per item and reused on every listing,
show the date itself ("Berlaku sampai 10 Oktober 2024"), which is true on any
day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from warta.dates import Moment, long_date, parse_moment
from warta.kinds import HomeBox, KindRules
from warta.kinds.attachments import Attachment, read_attachments

if TYPE_CHECKING:
    from warta.content import FieldReader, Media, Post
    from warta.registry import Collection

HOME_COUNT = 3  # announcements on the home page at most
HOME_TEMPLATE = "pengumuman_beranda.html"


@dataclass(frozen=True)
class Announcement:
    valid_until: Moment | None
    attachments: tuple[Attachment, ...]

    @property
    def last_day(self) -> date | None:
        return self.valid_until.local.date() if self.valid_until is not None else None

    @property
    def validity(self) -> str:
        """'Berlaku sampai 10 Oktober 2024' ('' without a date)."""
        return f"Berlaku sampai {long_date(self.valid_until)}" if self.valid_until is not None else ""

    @property
    def badge(self) -> tuple[str, str] | None:
        """What cards show on any day: the date the announcement applies until (not whether it has ended)."""
        return (self.validity, "berlaku") if self.valid_until is not None else None

    def expired(self, today: date) -> bool:
        """Ended: its last day is before `today` (it still applies on the day itself)."""
        last = self.last_day
        return last is not None and last < today


def expired(post: Post, today: date) -> bool:
    return isinstance(post.details, Announcement) and post.details.expired(today)


def _check_before_date(fields: FieldReader, valid_until: Moment) -> None:
    """Warn about an announcement that has ended before it is published: a year or month mistyped."""
    try:
        published = parse_moment(fields.meta.get("date"))
    except ValueError:  # no date, or a wrong one: reported with `date`
        return
    if valid_until.local.date() < published.local.date():
        fields.warning("berlaku_sampai", f"berlaku_sampai {long_date(valid_until)} sebelum tanggal pengumuman "
                                         f"{long_date(published)}; pengumuman ini sudah berakhir saat terbit. "
                                         "Apakah tahunnya atau bulannya salah tulis?")


class AnnouncementRules(KindRules):
    name = "pengumuman"
    title = "Pengumuman"
    description = ""
    on_home = False
    in_archive = True
    keys = ("berlaku_sampai", "lampiran")
    key_words = {
        **dict.fromkeys(("berlaku_hingga", "berlaku", "sampai", "hingga", "batas_waktu", "tanggal_berakhir",
                         "berakhir", "kedaluwarsa", "kadaluarsa", "expires"), "berlaku_sampai"),
        **dict.fromkeys(("berkas", "file", "dokumen", "unduhan", "attachment", "lampiran_berkas"), "lampiran"),
    }

    def read(self, fields: FieldReader, media: Media | None) -> Announcement | None:
        valid_until = fields.moment("berlaku_sampai")
        if valid_until is not None:
            _check_before_date(fields, valid_until)
        attachments = read_attachments(fields, "lampiran", media)
        if attachments is None:
            return None
        return Announcement(valid_until, attachments)

    def item_context(self, post: Post, today: date) -> dict[str, Any]:
        return {"expired": expired(post, today)}

    def listing_context(self, collection: Collection, posts: tuple[Post, ...], today: date) -> dict[str, Any]:
        return {"expired_urls": tuple(post.url for post in posts if expired(post, today))}

    def home_boxes(self, collection: Collection, posts: tuple[Post, ...], today: date) -> tuple[HomeBox, ...]:
        current = tuple(post for post in posts if not expired(post, today))  # posts come newest first
        if not current:
            return ()
        return (HomeBox(HOME_TEMPLATE, {"posts": current[:HOME_COUNT], "collection": collection}),)

    def admin_fields(self) -> list[dict[str, Any]]:
        return [
            {"name": "berlaku_sampai", "label": "Berlaku sampai", "widget": "datetime", "format": "YYYY-MM-DD",
             "date_format": "YYYY-MM-DD", "time_format": False, "required": False,
             "hint": "Hari terakhir pengumuman berlaku. Sesudah tanggal ini pengumuman ditandai “Sudah berakhir” "
                     "dan hilang dari beranda. Kosongkan bila berlaku terus."},
            {"name": "lampiran", "label": "Lampiran", "label_singular": "lampiran", "widget": "list", "required": False,
             "field": {"name": "berkas", "label": "Berkas", "widget": "file",
                       "media_folder": "/static/berkas", "public_folder": "/berkas"},
             "hint": "Berkas yang dapat diunduh pembaca (PDF, Word, Excel, gambar); satu berkas per kotak. "
                     "Berkas disimpan di static/berkas/."},
        ]

    def scaffold_lines(self, today: date) -> list[str]:
        until = today + timedelta(days=30)
        return [
            "# Kunci pengumuman (pilihan): hapus tanda # di awal baris untuk memakainya.",
            f"# berlaku_sampai: {until.isoformat()}",
            "# lampiran: [/berkas/nama-berkas.pdf]",
        ]
