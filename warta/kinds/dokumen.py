"""The Dokumen kind (content/dokumen/)."""

from __future__ import annotations

from warta.kinds import KindRules


class DocumentRules(KindRules):
    name = "dokumen"
    title = "Dokumen"
    on_home = False
    in_archive = False
