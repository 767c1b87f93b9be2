"""Where a site's files are, and where Warta's defaults fill the gaps.

A site folder may hold only `content/berita/`; everything else (templates,
static files, data files, `site.toml`) falls back to the defaults shipped
inside the package. Paths shown to writers are built from the `--site`
argument as they typed it, so `bad.md:3:` is easy to find from their shell.

Everything Warta reads from a site folder must stay inside it: `examine`
and `walk` are the only ways in. A symbolic link (or a linked folder on the
way) that leads outside the site folder, or into its `.git` folder, is
refused with its path, and nothing behind it is ever opened: otherwise a
link to `/proc/self/environ` or `/etc/passwd` in `static/` would publish the
build machine's secrets. Links that stay inside are followed everywhere (a
loop is refused, not walked forever). Special files (FIFOs, devices,
sockets) are refused too: opening a FIFO would hang the build.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

DEFAULTS = Path(__file__).parent / "defaults"
_DEFAULTS = os.fspath(DEFAULTS)
_DEFAULTS_REAL = os.path.realpath(DEFAULTS)

FILE, FOLDER, MISSING, REFUSED = "file", "folder", "missing", "refused"


@dataclass(frozen=True)
class Found:
    """One path under a site folder, as `examine` or `walk` found it."""

    path: Path  # as reached from the site folder (the name a writer sees), links not resolved
    kind: str  # FILE, FOLDER, MISSING (nothing there, or a link to nothing) or REFUSED
    problem: str = ""  # why a REFUSED path is never read, in Indonesian
    real: str = ""  # for a file `walk` reached through a link (inside the site): where it really is

    @property
    def is_file(self) -> bool:
        return self.kind == FILE


@dataclass(frozen=True)
class SiteLayout:
    root: Path
    shown_root: str = "."

    @classmethod
    def at(cls, site: str | os.PathLike[str]) -> SiteLayout:
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

    # -- reading only what is inside ----------------------------------------

    def _base(self, path: str) -> str:
        """The folder `path` must stay in: the site folder, or Warta's defaults for their own files.

        Plain text comparisons throughout: pathlib's cost 0.1 ms per picture of a 10,000-post site.
        """
        root = os.fspath(self.root)
        if not _under(path, root) and (_under(path, _DEFAULTS) or _under(path, _DEFAULTS_REAL)):
            return _DEFAULTS_REAL
        return root

    def examine(self, path: Path, folders: dict[str, str] | None = None) -> Found:
        """What `path` is, following links only while they stay inside the site folder.

        `folders` remembers the real path of folders already examined, for a caller asking about many
        files in few folders (resolving a path costs a system call per folder on the way).
        """
        name = os.fspath(path)
        base = self._base(name)
        if folders is not None:
            try:
                mode: int | None = os.lstat(name).st_mode
            except OSError:
                mode = None
            if mode is not None and not stat.S_ISLNK(mode):  # only a folder on the way could lead elsewhere
                folder, _, own = name.rpartition(os.sep)
                parent = folders.get(folder)
                if parent is None:
                    try:
                        parent = folders[folder] = os.path.realpath(folder, strict=True)
                    except (OSError, RuntimeError, ValueError):
                        parent = None
                if parent is not None and not _leaves(os.path.join(parent, own), base):
                    return _by_mode(path, mode)
        try:
            real = os.path.realpath(name, strict=True)
        except FileNotFoundError:
            return Found(path, MISSING)
        except (OSError, RuntimeError, ValueError):
            return Found(path, REFUSED, _LOOP)
        refusal = _leaves(real, base)
        if refusal:
            return Found(path, REFUSED, refusal.format(target=self._link_text(path, base) or real))
        try:
            mode = os.stat(real).st_mode
        except OSError:
            return Found(path, MISSING)
        return _by_mode(path, mode)

    def walk(self, folder: Path) -> list[Found]:
        """Every regular file under `folder` (and every refused path), sorted, following links that stay inside.

        Only links are resolved (a plain entry of a folder known to be inside is inside), so walking
        thousands of posts costs no more than listing them.
        """
        top = self.examine(folder)
        if top.kind == REFUSED:
            return [top]
        if top.kind != FOLDER:
            return []
        base = self._base(os.fspath(folder))
        found: list[Found] = []
        real = os.path.realpath(folder)
        self._walk(folder, Path(real), base, frozenset(), found, real != os.fspath(folder))
        found.sort(key=lambda item: item.path)
        return found

    def _walk(self, folder: Path, real: Path, base: str, above: frozenset[Path], found: list[Found], linked: bool) -> None:
        above = above | {real}
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            return
        for entry in listed:
            path = folder / entry.name
            try:
                if entry.is_symlink():
                    item = self.examine(path)
                    if item.kind == FOLDER:
                        target = Path(os.path.realpath(path))
                        if any(target == seen or target in seen.parents for seen in above):  # back up its own path
                            found.append(Found(path, REFUSED, _LOOP))
                        else:
                            self._walk(path, target, base, above, found, True)
                    elif item.kind == FILE:
                        found.append(Found(path, FILE, real=os.path.realpath(path)))
                    elif item.kind != MISSING:  # a link to nothing was never readable: skipped, as before
                        found.append(item)
                elif entry.is_dir(follow_symlinks=False):
                    self._walk(path, real / entry.name, base, above, found, linked)
                elif entry.is_file(follow_symlinks=False):
                    found.append(Found(path, FILE, real=os.path.join(real, entry.name) if linked else ""))
                else:
                    found.append(_by_mode(path, entry.stat(follow_symlinks=False).st_mode))
            except OSError:
                continue  # gone while listing

    def linked_inputs(self) -> dict[Path, list[Path]]:
        """Files of the site reached through links (that stay inside), and their folders, by where they really
        are: the preview must re-read `content/berita/x.md` when the file it links to is edited, and notice a
        file added beside that one."""
        linked: dict[Path, list[Path]] = {}

        def add(real: Path, path: Path) -> None:
            names = linked.setdefault(real, [])
            if path not in names:
                names.append(path)

        found_files = [found for folder in (self.root / "content", self.root / "data", *self.template_dirs[:-1],
                                            *self.static_dirs[1:]) for found in self.walk(folder)]
        config = self.examine(self.config_file)
        if config.is_file and self.config_file.is_symlink():
            found_files.append(Found(self.config_file, FILE, real=os.path.realpath(self.config_file)))
        for found in found_files:
            if found.real:
                add(Path(found.real), found.path)
                add(Path(found.real).parent, found.path.parent)
        return linked

    def readable(self, path: Path) -> bool:
        """`path` is a regular file inside the site folder (or Warta's defaults)."""
        return self.examine(path).kind == FILE

    def _link_text(self, path: Path, base: str) -> str | None:
        """What the first link on the way from the site folder to `path` says, when that link leads outside."""
        try:
            parts = path.relative_to(base).parts
        except ValueError:
            return None
        current = Path(base)
        for part in parts:
            current = current / part
            if current.is_symlink():
                try:
                    if _leaves(os.path.realpath(current), base):
                        return os.readlink(current)
                except (OSError, RuntimeError, ValueError):
                    return None
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
        """The site's own data file when it has one (even one that cannot be read), otherwise Warta's default."""
        own = self.root / "data" / name
        return own if os.path.lexists(own) else DEFAULTS / "data" / name

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


_LOOP = "tautan simbolik berputar (menunjuk ke dirinya sendiri atau ke folder di atasnya); hapus atau perbaiki tautannya"
_OUTSIDE = "tautan simbolik menunjuk ke luar folder situs ({target}); salin berkasnya ke dalam folder situs"
_GIT = "tautan simbolik menunjuk ke dalam folder .git ({target}); berkas di sana tidak boleh diterbitkan"
_SPECIAL = "bukan berkas biasa ({what}) dan tidak dapat dibaca; hapus dari folder situs"


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def _leaves(real: str, base: str) -> str | None:
    """The message template when a resolved path is outside `base` or inside a `.git` folder."""
    if not _under(real, base):
        return _OUTSIDE
    return _GIT if ".git" in real[len(base):].split(os.sep) else None


def _by_mode(path: Path, mode: int) -> Found:
    if stat.S_ISREG(mode):
        return Found(path, FILE)
    if stat.S_ISDIR(mode):
        return Found(path, FOLDER)
    what = ("FIFO" if stat.S_ISFIFO(mode) else "soket" if stat.S_ISSOCK(mode) else
            "perangkat" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "berkas khusus")
    return Found(path, REFUSED, _SPECIAL.format(what=what))
