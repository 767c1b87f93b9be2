"""Full-text search over the built site with Pagefind, as the last build step.

Pagefind (the PyPI package `pagefind[bin]` ships its binary) reads the built
article pages and writes a static index and search UI into `pagefind/` in the
output: no server, no third-party service. Only article pages are indexed
(`data-pagefind-body`), in Indonesian, with filters by stage, agency and year.
When the binary is not available, search is skipped with a message; the site
itself is complete either way.

The search page (`/cari/`, templates/search.html and static/js/cari.js) is a
small interface on Pagefind's JavaScript API; `search_filters` tells it which
filters exist and in which order their values are listed, from the site model
(stages in the timeline's order), as JSON the page reads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from warta.htmljson import html_json
from warta.registry import CLOSED, Registry, in_sentence

if TYPE_CHECKING:
    from warta.model import SiteModel

INDEX_FOLDER = "pagefind"


def item_glob(registry: Registry) -> str:
    """The pages of every kind's items: 'berita/*/index.html', or '{berita,cek-fakta}/*/index.html'."""
    names = [collection.name for collection in registry.collections]
    folders = names[0] if len(names) == 1 else "{" + ",".join(names) + "}"
    return f"{folders}/*/index.html"


KIND_FILTER, YEAR_FILTER = "jenis", "tahun"  # the filters post.html adds besides the taxonomies'


@dataclass(frozen=True)
class SearchFilter:
    """One filter of the search page, as post.html names it in `data-pagefind-filter`."""

    name: str  # "tahapan", "lembaga", "jenis", "tahun", or a site's own taxonomy
    label: str  # the group's heading on the page: "Tahapan"
    order: tuple[str, ...] = ()  # values in this order (kinds, stages in the timeline); else alphabetical
    newest_first: bool = False  # years: the latest first


@dataclass(frozen=True)
class SearchFilters:
    """The filters of the search page in the order it shows them."""

    filters: tuple[SearchFilter, ...]

    @property
    def json(self) -> Markup:
        """What static/js/cari.js reads from `<script type="application/json" id="cari-data">`: safe inside that
        element whatever a stage or kind is called (see htmljson.py)."""
        data = {"filters": [{"name": f.name, "label": f.label, "in_sentence": in_sentence(f.label), "order": list(f.order),
                             "newest_first": f.newest_first} for f in self.filters]}
        return Markup(html_json(data, ensure_ascii=False, separators=(",", ":")))


def _value(name: str) -> str:
    """A filter value as Pagefind reads it from a link's text: whitespace runs become one space."""
    return " ".join(name.split())


def search_filters(model: SiteModel) -> SearchFilters:
    """Kinds (when there are several), stages in the order of data/tahapan.yaml, agencies and the site's own
    taxonomies (listed alphabetically by the page, in Indonesian collation), then years, newest first."""
    registry = model.registry
    filters = []
    if registry.several_kinds:
        filters.append(SearchFilter(KIND_FILTER, "Jenis", tuple(_value(c.title) for c in registry.collections)))
    for taxonomy in registry.taxonomies:
        if not taxonomy.search_filter:
            continue
        closed = taxonomy.vocabulary == CLOSED  # the stages: data/tahapan.yaml lists them in the timeline's order
        order = tuple(_value(term.name) for term in model.taxonomies[taxonomy.name]) if closed else ()
        filters.append(SearchFilter(taxonomy.name, taxonomy.title, order))
    filters.append(SearchFilter(YEAR_FILTER, "Tahun", newest_first=True))
    return SearchFilters(tuple(filters))


@dataclass(frozen=True)
class SearchIndex:
    built: bool
    message: str
    seconds: float = 0.0


def pagefind_executable() -> str | None:
    """The Pagefind binary: from the pagefind_bin package, or one on PATH."""
    try:
        from pagefind_bin import get_executable

        found = Path(get_executable())
        if found.is_file():
            return str(found)
    except Exception:  # noqa: BLE001 - not installed, or no binary for this platform
        pass
    return shutil.which("pagefind")


def build_index(site: Path, destination: Path, executable: str, registry: Registry) -> SearchIndex:
    """Index the article pages of the built site in `site` into `destination` (which must not exist yet).

    The build passes its staging folder (or, where folders cannot be exchanged, a fresh folder
    beside the live index), so a failing Pagefind never leaves the published site without search.
    """
    started = time.perf_counter()
    shutil.rmtree(destination, ignore_errors=True)
    command = [executable, "--site", str(site), "--glob", item_glob(registry), "--force-language", "id",
               "--output-path", str(destination), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=900,
                                env={**os.environ, "PAGEFIND_SITE": str(site)})
    except (OSError, subprocess.TimeoutExpired) as error:
        shutil.rmtree(destination, ignore_errors=True)
        return SearchIndex(False, f"indeks tidak dibuat: Pagefind tidak dapat dijalankan ({error})")
    if result.returncode != 0 or not destination.is_dir():
        shutil.rmtree(destination, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["tanpa keterangan"]
        return SearchIndex(False, f"indeks tidak dibuat: Pagefind gagal ({detail[0]})")
    return SearchIndex(True, "indeks pencarian dibuat", time.perf_counter() - started)
