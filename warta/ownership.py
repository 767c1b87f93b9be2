"""Which files of an output folder Warta wrote, so that it never replaces or deletes anything else.

Every build leaves a record in its output, `.warta-manifest.json`: the files
it wrote and the folders it owns whole (the search index, whose file names
Pagefind chooses). A later build or preview may replace or delete only
those. A folder that holds anything but no record is refused, with the
reason in Indonesian, unless the writer passes `--overwrite-output`: then
Warta's files replace files of the same name and everything else is kept.
Files that somebody else put into a Warta output later (a `CNAME`, a `.git`
of a deploy branch) are kept as well; one that sits where the site now needs
a file is reported instead of being replaced, unless the writer passes the
same flag.

The record only holds paths, so two builds of the same input write it byte
for byte the same. Output folders written before records existed are adopted
when the build cache's manifest for that folder lists every file in it.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from warta.search import INDEX_FOLDER

RECORD_NAME = ".warta-manifest.json"
_RECORD_VERSION = 1
# Names of the folders a build keeps beside (or, for a mount point, inside) its output while it works.
STAGING_MARK = ".warta-baru-"
RETIRED_MARK = ".warta-lama-"
# The only folders a build owns whole, files it did not name itself included: the search index.
WHOLE_FOLDERS = (INDEX_FOLDER,)


class UnsafeOutput(Exception):
    """The output folder would overwrite something that is not build output."""


@dataclass(frozen=True)
class OutputRecord:
    """The files a build wrote into an output folder, and the folders it owns whole."""

    files: frozenset[str] = frozenset()
    folders: tuple[str, ...] = ()

    def owns(self, relative: str) -> bool:
        return relative == RECORD_NAME or relative in self.files or relative.startswith(
            tuple(folder + "/" for folder in self.folders))

    def to_bytes(self) -> bytes:
        body = {"warta": _RECORD_VERSION, "folders": sorted(self.folders), "files": sorted(self.files)}
        return (json.dumps(body, ensure_ascii=False, indent=0) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> OutputRecord:
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.get("warta") != _RECORD_VERSION:
            raise ValueError("unknown record version")
        files, folders = body["files"], body["folders"]
        if not isinstance(files, list) or not isinstance(folders, list):
            raise ValueError("not a record")
        if not all(isinstance(p, str) and _plain_relative(p) for p in [*files, *folders]):
            raise ValueError("a path in the record leaves the folder")
        if not set(folders) <= set(WHOLE_FOLDERS):  # else a damaged record could claim a user's .git/
            raise ValueError("a folder Warta never owns whole")
        return cls(frozenset(files), tuple(folders))


def _plain_relative(path: str) -> bool:
    """A relative path inside the folder: a damaged or forged record must not make Warta delete elsewhere."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and "\\" not in path and all(p not in ("", ".", "..") for p in parts)


# Exactly the names output.py gives them: a mark, a process id, and a timestamp, "pagefind" or a probe's letter.
# A user's folder that merely starts like one (".warta-lama-catatan") is not Warta's to delete.
_WORK_FOLDER = re.compile(rf"(?:{re.escape(STAGING_MARK)}|{re.escape(RETIRED_MARK)})(?:probe-)?[0-9]+(?:-(?:[0-9]+|[a-z]+))?")


def is_work_folder(name: str) -> bool:
    """A staging or retired folder of a build, by its name without the output's own name before it."""
    return _WORK_FOLDER.fullmatch(name) is not None


@dataclass(frozen=True)
class OutputClaim:
    """An output folder Warta may write: what it wrote there before and what belongs to someone else."""

    output: Path
    exists: bool
    record: OutputRecord
    foreign: tuple[str, ...] = ()  # files, links and empty folders ("x/") Warta did not write; they are kept
    overwrite: bool = False

    def collisions(self, paths: set[str], whole_folders: tuple[str, ...] = ()) -> list[str]:
        """Foreign entries that stand where the new site needs a file (or a folder, for its files), or
        inside a folder the new site owns whole."""
        if not self.foreign:
            return []
        folders: set[str] = set()
        for path in paths:
            parent = os.path.dirname(path)
            while parent and parent not in folders:
                folders.add(parent)
                parent = os.path.dirname(parent)
        found = []
        for entry in self.foreign:
            name = entry.rstrip("/")
            if (name in paths or (not entry.endswith("/") and name in folders) or _ancestor_in(name, paths)
                    or name in whole_folders or name.startswith(tuple(f + "/" for f in whole_folders))):
                found.append(name)
        return found


def _ancestor_in(path: str, files: set[str]) -> bool:
    parent = os.path.dirname(path)
    while parent:
        if parent in files:
            return True
        parent = os.path.dirname(parent)
    return False


# A record lists paths only: 17,000 files of a 10,000-post site take under 1 MB.
_LONGEST_RECORD = 64 * 1024 * 1024


def read_record(output: Path) -> OutputRecord | None:
    """The record in `output`, or None when there is none or it is not one Warta wrote.

    Only a regular file of bounded size is read: a FIFO would hang the build and a link to
    /dev/zero would fill the memory, and Warta never writes either.
    """
    try:
        handle = os.open(output / RECORD_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with open(handle, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > _LONGEST_RECORD:
                return None
            return OutputRecord.from_bytes(file.read(_LONGEST_RECORD + 1))
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


# Folders where version control keeps its own data: a site written there would corrupt the repository.
VERSION_CONTROL_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", ".pijul"})


def guard_location(output: Path, site_root: Path) -> None:
    """Refuse output folders that would hold or overwrite the site itself or a whole home folder."""
    output, site_root = output.resolve(), site_root.resolve()
    if output == site_root or output in site_root.parents:
        raise UnsafeOutput(f"folder keluaran {output} berisi folder situs; pilih folder lain, misalnya {site_root / 'public'}")
    for protected in ("content", "data", "templates", "static"):
        folder = site_root / protected
        if output == folder or folder in output.parents:
            raise UnsafeOutput(f"folder keluaran {output} ada di dalam {folder}; "
                               f"pilih folder lain, misalnya {site_root / 'public'}")
    vcs = next((part for part in output.parts if part in VERSION_CONTROL_FOLDERS), None)
    if vcs is not None:
        raise UnsafeOutput(f"folder keluaran {output} ada di dalam {vcs}, folder data pengelola versi (Git dan "
                           f"sejenisnya); pilih folder lain, misalnya {site_root / 'public'}")
    if output == Path(output.anchor) or output == Path.home():
        raise UnsafeOutput(f"folder keluaran {output} tidak boleh dipakai")
    if output.exists() and not output.is_dir():
        raise UnsafeOutput(f"{output} adalah berkas, bukan folder")


def claim_output(output: Path, site_root: Path, overwrite: bool = False,
                 written_before: Iterable[str] | None = None) -> OutputClaim:
    """Decide whether Warta may write `output`, and what in it is somebody else's.

    `written_before` is what the build cache remembers writing there (for folders from before records).
    Raises UnsafeOutput with an Indonesian message when the folder is not Warta's to write.
    """
    guard_location(output, site_root)
    output = output.resolve()
    if not output.is_dir():
        return OutputClaim(output, False, OutputRecord(), (), overwrite)
    record = read_record(output)
    entries = _entries(output)
    if record is None and entries:
        # The cache can be damaged or planted (CI restores it): only plain paths inside the folder count.
        remembered = {path for path in written_before or () if isinstance(path, str) and _plain_relative(path)}
        if remembered and all(e in remembered or e.startswith(INDEX_FOLDER + "/") for e in entries if not e.endswith("/")):
            record = OutputRecord(frozenset(remembered), WHOLE_FOLDERS)
        elif not overwrite:
            example = entries[0].rstrip("/")
            damaged = (output / RECORD_NAME).exists()
            why = (f"catatan berkas Warta ({RECORD_NAME}) di folder itu rusak" if damaged else
                   f"folder itu berisi berkas yang bukan buatan Warta (misalnya {example})")
            raise UnsafeOutput(
                f"folder keluaran {output} tidak dipakai: {why}. Warta tidak pernah menimpa atau menghapus berkas "
                "yang tidak ditulisnya. Pilih folder kosong atau folder lain, atau tambahkan --overwrite-output "
                "bila berkas Warta boleh menimpa berkas bernama sama (berkas lain tetap disimpan)")
    record = record or OutputRecord()
    foreign = tuple(e for e in entries if not record.owns(e))
    return OutputClaim(output, True, record, foreign, overwrite)


def _entries(output: Path) -> list[str]:
    """Every file, link and empty folder under `output`, relative, sorted; Warta's work folders left out."""
    found: list[str] = []
    stack = [""]
    while stack:
        relative = stack.pop()
        folder = os.path.join(output, relative) if relative else os.fspath(output)
        try:
            with os.scandir(folder) as listing:
                children = list(listing)
        except OSError:
            continue
        if not children and relative:
            found.append(relative + "/")  # an empty folder: Warta never leaves one, so it is someone else's
        for child in children:
            path = f"{relative}/{child.name}" if relative else child.name
            if not relative and is_work_folder(child.name):
                continue
            if child.is_dir(follow_symlinks=False):
                stack.append(path)
            else:
                found.append(path)
    return sorted(found)
