"""Full-text search over the built site with Pagefind, as the last build step.

Pagefind (the PyPI package `pagefind[bin]` ships its binary) reads the built
article pages and writes a static index and search UI into `pagefind/` in the
output: no server, no third-party service. Only article pages are indexed
(`data-pagefind-body`), in Indonesian, with filters by stage, agency and year.
When the binary is not available, search is skipped with a message; the site
itself is complete either way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from warta.registry import Registry

INDEX_FOLDER = "pagefind"


def item_glob(registry: Registry) -> str:
    """The pages of every kind's items: 'berita/*/index.html', or '{berita,cek-fakta}/*/index.html'."""
    names = [collection.name for collection in registry.collections]
    folders = names[0] if len(names) == 1 else "{" + ",".join(names) + "}"
    return f"{folders}/*/index.html"


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
