"""Collecting output files and writing the site atomically.

Every file the build produces is registered with the input it came from, so
two inputs that would write the same path are caught and both named (as
Eleventy does) instead of one silently overwriting the other. Paths are
checked to stay inside the output folder. The site is written to a temporary
folder beside the output and swapped in only when everything succeeded: a
failed build leaves the live output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from warta.diagnostics import Diagnostics


@dataclass(frozen=True)
class OutputFile:
    path: str
    origin: str
    data: bytes | None = None
    source: Path | None = None  # copied as is, for static files


class OutputSet:
    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        self.files: dict[str, OutputFile] = {}

    def add(self, path: str, data: str | bytes, origin: str) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self._register(OutputFile(path, origin, data=payload))

    def add_static_tree(self, folder: Path, shown: str) -> None:
        """Copy a static folder to the output root; a later folder overrides an earlier one."""
        overridable = {p for p, f in self.files.items() if f.source is not None}
        for source in sorted(folder.rglob("*")):
            if not source.is_file() or source.name.startswith(".") or source.name.casefold() in ("thumbs.db", "desktop.ini"):
                continue
            relative = source.relative_to(folder).as_posix()
            if relative in overridable:
                del self.files[relative]
            self._register(OutputFile(relative, f"{shown}/{relative}", source=source))

    def _register(self, file: OutputFile) -> None:
        pure = PurePosixPath(file.path)
        if pure.is_absolute() or any(part in ("", ".", "..") for part in pure.parts) or "\\" in file.path:
            self.diagnostics.error(file.origin, None, f"alamat keluaran '{file.path}' tidak aman (keluar dari folder keluaran)")
            return
        existing = self.files.get(file.path)
        if existing is not None:
            self.diagnostics.error(file.origin, None, f"menulis '{file.path}' yang juga ditulis oleh {existing.origin}")
            return
        self.files[file.path] = file

    def __len__(self) -> int:
        return len(self.files)


class UnsafeOutput(Exception):
    """The output folder would overwrite something that is not build output."""


def check_output_folder(output: Path, site_root: Path) -> None:
    output, site_root = output.resolve(), site_root.resolve()
    if output == site_root or output in site_root.parents:
        raise UnsafeOutput(f"folder keluaran {output} berisi folder situs; pilih folder lain, misalnya {site_root / 'public'}")
    for protected in ("content", "data", "templates", "static"):
        folder = site_root / protected
        if output == folder or folder in output.parents:
            raise UnsafeOutput(f"folder keluaran {output} ada di dalam {folder}; pilih folder lain, misalnya {site_root / 'public'}")
    if output == Path(output.anchor) or output == Path.home():
        raise UnsafeOutput(f"folder keluaran {output} tidak boleh dipakai")


def write_atomically(output: Path, files: OutputSet) -> None:
    """Write every file into a fresh folder, then swap it in place of `output`."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.warta-baru-{os.getpid()}"
    retired = output.parent / f".{output.name}.warta-lama-{os.getpid()}"
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        staging.mkdir()
        made: set[Path] = {staging}
        for relative in sorted(files.files):
            file = files.files[relative]
            target = staging / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if file.source is not None:
                shutil.copyfile(file.source, target)
            else:
                target.write_bytes(file.data or b"")
        if output.exists():
            os.rename(output, retired)
        os.rename(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not output.exists():
            os.rename(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
