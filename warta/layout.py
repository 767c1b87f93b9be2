"""Where a site's files are, and where Warta's defaults fill the gaps.

A site folder may hold only `content/berita/`; everything else (templates,
static files, data files, `site.toml`) falls back to the defaults shipped
inside the package. Paths shown to writers are built from the `--site`
argument as they typed it, so `bad.md:3:` is easy to find from their shell.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULTS = Path(__file__).parent / "defaults"


@dataclass(frozen=True)
class SiteLayout:
    root: Path
    shown_root: str = "."

    @classmethod
    def at(cls, site: str | os.PathLike[str]) -> "SiteLayout":
        return cls(Path(site).resolve(), os.fspath(site))

    def display(self, path: Path) -> str:
        """The path as a writer should see it in a message."""
        relative = self._relative(path)
        if relative is None:
            try:
                return "<warta>/" + path.relative_to(DEFAULTS).as_posix()
            except ValueError:
                return os.fspath(path)
        return os.path.normpath(os.path.join(self.shown_root, relative)).replace(os.sep, "/")

    def _relative(self, path: Path) -> Path | None:
        """`path` relative to the site root, resolving it only when a plain comparison cannot tell
        (most paths were found under the resolved root, and resolving costs a system call per folder)."""
        if path.is_absolute() and ".." not in path.parts:
            try:
                return path.relative_to(self.root)
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.root)
        except ValueError:
            return None

    @property
    def config_file(self) -> Path:
        return self.root / "site.toml"

    @property
    def posts_dir(self) -> Path:
        return self.root / "content" / "berita"

    @property
    def pages_dir(self) -> Path:
        return self.root / "content" / "halaman"

    def data_file(self, name: str) -> Path:
        """The site's own data file when it has one, otherwise Warta's default."""
        own = self.root / "data" / name
        return own if own.is_file() else DEFAULTS / "data" / name

    @property
    def template_dirs(self) -> list[Path]:
        """Searched in order: the site's own templates override the defaults one by one."""
        own = self.root / "templates"
        return ([own] if own.is_dir() else []) + [DEFAULTS / "templates"]

    @property
    def static_dirs(self) -> list[Path]:
        """Copied in order; a later file replaces an earlier one with the same path."""
        own = self.root / "static"
        return [DEFAULTS / "static"] + ([own] if own.is_dir() else [])

    @property
    def default_output(self) -> Path:
        return self.root / "public"
