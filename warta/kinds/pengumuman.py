"""The Pengumuman kind (content/pengumuman/)."""

from __future__ import annotations

from warta.kinds import KindRules


class AnnouncementRules(KindRules):
    name = "pengumuman"
    title = "Pengumuman"
    on_home = False
    in_archive = True
