"""The Cek Fakta kind (content/cek-fakta/)."""

from __future__ import annotations

from warta.kinds import KindRules


class FactCheckRules(KindRules):
    name = "cek-fakta"
    title = "Cek Fakta"
    on_home = True
    in_archive = True
