"""The Agenda kind (content/agenda/)."""

from __future__ import annotations

from warta.kinds import KindRules


class AgendaRules(KindRules):
    name = "agenda"
    title = "Agenda"
    on_home = False
    in_archive = False
