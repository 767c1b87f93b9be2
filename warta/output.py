"""Writing the site so that, whatever happens, the output is the old site or the new one.

Every page is rendered before the output folder is touched. On Linux the new
site is assembled whole in a staging folder beside the output: changed files
written there, unchanged files hard-linked from the live output (so they keep
their inode and timestamp, which keeps rsync-style deploys small), files that
are not Warta's linked along so they are kept, and the search index built
there. One system call then exchanges the two folders, and the old site,
now under the staging name, is deleted. A kill at any instant (SIGKILL, a
cancelled CI job) leaves either the old site or the new one at the output
path; the next build removes the staging or retired folder left behind.

Where folders cannot be exchanged (another OS, an output folder that is a
mount point, a filesystem that refuses), the staging folder holds only the
changed files, and each is moved into the output by an atomic rename: every
file is whole at every moment, but a kill can leave some pages new and
others old until the next build.

Only files the last build recorded as its own (see ownership.py) are ever
replaced or deleted. Pages whose inputs did not change since the last build
(the manifest in the cache records a fingerprint of each file's inputs) are
not even rendered.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISDIR

from warta import parallel
from warta.atomic import exchange
from warta.manifest import FileRecord, Manifest
from warta.ownership import RECORD_NAME, RETIRED_MARK, STAGING_MARK, OutputClaim, OutputRecord, is_work_folder
from warta.plan import Route, SitePlan
from warta.render import Renderer, TemplateFailure


@dataclass
class WriteResult:
    manifest: Manifest
    written: int = 0
    unchanged: int = 0
    changed: dict[str, bool] = field(default_factory=dict)
    failures: list[TemplateFailure] = field(default_factory=list)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _static_digest(source: Path) -> str:
    stat = source.stat()
    return f"static:{stat.st_size}:{stat.st_mtime_ns}"


def _still_there(live: Path, record: FileRecord | None) -> bool:
    """The live file is the one the last build wrote (nobody replaced or removed it since)."""
    if record is None:
        return False
    try:
        stat = live.stat()
    except OSError:
        return False
    return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns


def _ensure_folder(target: str, folders: set[str]) -> None:
    """Make the folder `target` goes in, once per folder (plain os calls: pathlib costs more, 17,000 times over)."""
    folder = os.path.dirname(target)
    if folder not in folders:
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)


@dataclass(frozen=True)
class _RenderJob:
    renderer: Renderer
    routes: list[Route]
    staging: str
    live: Path
    old: Manifest
    whole: bool  # the staging folder gets every file (unchanged ones hard-linked), not only changed ones


# (path, record, changed): changed files are in the staging folder, unchanged ones stay where they are.
_Outcome = tuple[str, FileRecord, bool]


def _render_range(job: _RenderJob, bounds: tuple[int, int]) -> tuple[list[_Outcome], list[TemplateFailure]]:
    done: list[_Outcome] = []
    failures: list[TemplateFailure] = []
    broken: set[str] = set()
    folders: set[str] = set()
    for route in job.routes[bounds[0] : bounds[1]]:
        if route.template in broken:
            continue
        previous = job.old.files.get(route.path)
        # The last build's file, untouched since (no path is made for a page that had none).
        current = previous if previous is not None and _still_there(job.live / route.path, previous) else None
        source = job.renderer.route_fingerprint(route)
        if current is not None and current.source == source:
            done.append(_keep(job, route.path, current, folders))  # made from the same inputs: not even rendered
            continue
        try:
            data = job.renderer.render(route)
        except TemplateFailure as failure:
            broken.add(failure.template)
            failures.append(failure)
            continue
        new_digest = digest(data)
        if current is not None and current.digest == new_digest:
            done.append(_keep(job, route.path, replace(current, source=source), folders))
            continue
        stat = _write_new(os.path.join(job.staging, route.path), data, folders)
        done.append((route.path, FileRecord(new_digest, stat.st_size, stat.st_mtime_ns, source), True))
    return done, failures


def _keep(job: _RenderJob, path: str, record: FileRecord, folders: set[str]) -> _Outcome:
    """An unchanged file: linked into a whole staging folder, else simply left where it is."""
    if job.whole:
        _link(os.path.join(job.live, path), os.path.join(job.staging, path), folders)
    return (path, record, False)


def _link(source: str, target: str, folders: set[str]) -> None:
    _ensure_folder(target, folders)
    os.link(source, target, follow_symlinks=False)


def _write_new(target: str, data: bytes, folders: set[str]) -> os.stat_result:
    """Write a file in the staging folder; its stat (moving it into the output later keeps size and mtime)."""
    _ensure_folder(target, folders)
    with open(target, "wb") as file:
        file.write(data)
    return os.stat(target)


class StagedSite:
    """The new site, rendered beside the live output and not yet visible there.

    Use as a context manager: leaving the block without `publish()` throws
    the staging folder away and leaves the live output exactly as it was.
    """

    def __init__(self, claim: OutputClaim):
        self.claim = claim
        self.output = claim.output
        self.whole, beside = staging_mode(self.output)
        self.result = WriteResult(Manifest())
        self.owned_folders: list[str] = []
        name = f"{STAGING_MARK}{os.getpid()}"
        self.folder = self.output.parent / f".{self.output.name}{name}" if beside else self.output / name
        self._lock: int | None = None

    def __enter__(self) -> StagedSite:
        remove_leftovers(self.output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
        # Held until this process ends, so that a concurrent build never takes this folder for a leftover.
        self._lock = os.open(self.folder, os.O_RDONLY)
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def tree(self) -> Path:
        """The folder that holds the whole new site for later steps (the search index) to read."""
        return self.folder if self.whole else self.output

    def render(self, plan: SitePlan, renderer: Renderer, old: Manifest | None, jobs: int) -> bool:
        """Render every page and copy static files into the staging folder; False on template failures."""
        old = old if old is not None and self.claim.exists else Manifest()
        routes = [plan.routes[p] for p in sorted(plan.routes)]
        for template in sorted({r.template for r in routes if r.template}):
            try:  # compile once in the parent, so forked workers inherit compiled templates
                renderer.env.get_template(template)
            except Exception:  # noqa: BLE001 - any template error is reported with its line when a route renders it
                pass
        _ = renderer.globals_fingerprint  # read the templates once, before the workers fork
        job = _RenderJob(renderer, routes, os.fspath(self.folder), self.output, old, self.whole and self.claim.exists)
        outcomes: list[_Outcome] = []
        for done, failures in parallel.map_shared(_render_range, parallel.ranges(len(routes), jobs), job, jobs):
            self.result.failures.extend(failures)
            outcomes.extend(done)
        if self.result.failures:
            return False
        folders: set[str] = set()
        for path in sorted(plan.statics):
            source = plan.statics[path].source
            previous = old.files.get(path)
            static_digest = _static_digest(source)
            if previous is not None and previous.digest == static_digest and _still_there(self.output / path, previous):
                outcomes.append(_keep(job, path, previous, folders))
                continue
            target = os.path.join(self.folder, path)
            _ensure_folder(target, folders)
            shutil.copyfile(source, target)
            stat = os.stat(target)
            outcomes.append((path, FileRecord(static_digest, stat.st_size, stat.st_mtime_ns), True))
        for path, record, changed in outcomes:
            self.result.manifest.files[path] = record
            self.result.changed[path] = changed
            self.result.written += changed
            self.result.unchanged += not changed
        if self.whole and self.claim.exists:
            self._link_foreign(folders)
        return True

    def _link_foreign(self, folders: set[str]) -> None:
        """Carry what is not Warta's into the new site: it must survive the exchange."""
        overwritten = set(self.claim.collisions(set(self.result.changed))) if self.claim.overwrite else set()
        for entry in self.claim.foreign:
            name = entry.rstrip("/")
            if name in overwritten:
                continue
            if entry.endswith("/"):
                os.makedirs(os.path.join(self.folder, name), exist_ok=True)
            else:
                _link(os.path.join(self.output, name), os.path.join(self.folder, name), folders)

    def keep_owned_folder(self, name: str) -> None:
        """Take a folder Warta owns whole (the search index) over unchanged from the live output."""
        self.owned_folders.append(name)
        live = self.output / name
        if not self.whole or not self.claim.exists or not live.is_dir():
            return
        folders: set[str] = set()
        for folder, _children, files in os.walk(live):
            for file in files:
                relative = os.path.relpath(os.path.join(folder, file), self.output)
                _link(os.path.join(self.output, relative), os.path.join(self.folder, relative), folders)

    def add_owned_folder(self, name: str) -> None:
        """A folder Warta owns whole that a later step writes into the staging folder (or, file by file, the output)."""
        self.owned_folders.append(name)

    def fresh_folder_for(self, name: str) -> Path:
        """Where a later step writes a new owned folder: in the staging folder, or (file by file) beside the
        live one inside the output, to be swapped in by `replace_owned_folder` after publishing."""
        return self.folder / name if self.whole else self.output / f"{STAGING_MARK}{os.getpid()}-{name}"

    def replace_owned_folder(self, name: str, fresh: Path) -> None:
        """File-by-file mode: put a freshly written owned folder in place of the live one (two renames)."""
        live = self.output / name
        retired = self.output / f"{RETIRED_MARK}{os.getpid()}-{name}"
        if live.is_dir() and not live.is_symlink():
            os.rename(live, retired)
        os.rename(fresh, live)
        shutil.rmtree(retired, ignore_errors=True)

    def publish(self) -> None:
        """Make the new site live: one exchange of folders, or file by file where that is not possible."""
        record = OutputRecord(frozenset(self.result.manifest.files), tuple(sorted(set(self.owned_folders))))
        if self.whole:
            (self.folder / RECORD_NAME).write_bytes(record.to_bytes())
            if not self.claim.exists:
                os.rename(self.folder, self.output)
            else:
                if not exchange(self.folder, self.output):
                    raise OSError("folders could not be exchanged")  # probed before staging; should not happen
                # The old site now sits under the staging name: Warta's files, and links to what is kept.
                retired = self.output.parent / f".{self.output.name}{RETIRED_MARK}{os.getpid()}-{time.time_ns()}"
                os.rename(self.folder, retired)
                discard_in_background(retired)
        else:
            changed = [path for path, changed in self.result.changed.items() if changed]
            # First on record as Warta's: every file of both sites, so that a kill (or a full disk) halfway
            # leaves no file of the new site that the next build would take for somebody else's.
            old = self.claim.record
            both = OutputRecord(old.files | record.files, tuple(sorted(set(old.folders) | set(record.folders))))
            write_in_place(self.output, RECORD_NAME, both.to_bytes())
            _apply(self.folder, self.output, changed, old, record)
            write_in_place(self.output, RECORD_NAME, record.to_bytes())


def staging_mode(output: Path) -> tuple[bool, bool]:
    """(whole, beside): whether the new site can replace `output` in one exchange, and whether the
    staging folder goes beside the output (else inside it: nothing can be renamed into a mount point,
    and nothing made beside a folder whose parent is not writable)."""
    if not output.is_dir():
        return True, True  # a new output folder appears in one rename
    try:
        if os.stat(output).st_dev != os.stat(output.parent).st_dev or not os.access(output.parent, os.W_OK):
            return False, False  # a mount point, or a folder whose parent only its owner may change
        probe_a = output.parent / f".{output.name}{STAGING_MARK}probe-{os.getpid()}-a"
        probe_b = probe_a.with_name(probe_a.name[:-1] + "b")
        probe_a.mkdir(exist_ok=True)
        probe_b.mkdir(exist_ok=True)
        try:
            return exchange(probe_a, probe_b), True
        finally:
            probe_a.rmdir()
            probe_b.rmdir()
    except OSError:
        return False, True


def discard_in_background(folder: Path) -> None:
    """Delete a retired site without making the writer wait for it.

    Removing a site's thousands of folders one system call at a time took longer than the rest of
    a build after a one-post edit (1,900 folders: 0.2 s on an idle disk, 3.6 s on a busy one), and
    nothing depends on it: the new site is already live. A detached process (forked twice, so it
    is nobody's zombie) holds a lock on the folder while it deletes it, so the next build leaves it
    alone until it is done; if that process is killed, the next build removes the rest.
    """
    if not hasattr(os, "fork"):
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        child = os.fork()
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    if child:
        os.waitpid(child, 0)
        return
    # Both children end with os._exit, as a forked child must: the parent's atexit handlers and buffered
    # output would otherwise run (and be written) a second time.
    try:  # the first child: fork the one that works, and end at once
        if os.fork():
            os._exit(0)
        os.setsid()
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)  # nobody waits on a pipe this process holds open
        handle = os.open(folder, os.O_RDONLY)
        fcntl.flock(handle, fcntl.LOCK_EX)
        os.closerange(3, handle)
        os.closerange(handle + 1, 1 << 16)
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        os._exit(0)


def remove_leftovers(output: Path) -> None:
    """Delete staging and retired folders that builds killed before the end left beside (or in) `output`."""
    found: list[Path] = []
    for base, prefix in ((output.parent, f".{output.name}"), (output, "")):
        try:
            names = os.listdir(base)
        except OSError:
            continue
        found += [base / n for n in names if n.startswith(prefix) and is_work_folder(n[len(prefix):])]
    for leftover in found:
        if leftover.is_symlink() or not leftover.is_dir():
            continue
        try:
            handle = os.open(leftover, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # another build is using it right now
        finally:
            os.close(handle)
        shutil.rmtree(leftover, ignore_errors=True)


def _apply(staging: Path, output: Path, changed: list[str], old: OutputRecord, new: OutputRecord) -> None:
    """Move changed files into the live output and remove the files of the last build the site no longer has.

    Only paths the last build recorded as its own are replaced or deleted (collisions with anything else
    were refused or allowed by --overwrite-output before rendering).
    """
    for path in changed:
        target = output / path
        for parent in _folders_on_the_way(output, path):  # from the top: a link is never followed
            if parent.is_symlink() or parent.exists() and not parent.is_dir():  # a file where a folder is needed now
                parent.unlink()
        if target.is_dir() and not target.is_symlink():  # a folder where a file is needed now
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)
    for path in sorted(old.files - new.files, reverse=True):
        if not new.owns(path):
            remove_in_place(output, path)
    for folder in old.folders:
        if folder not in new.folders:
            shutil.rmtree(output / folder, ignore_errors=True)


def _folders_on_the_way(output: Path, relative: str) -> list[Path]:
    """The folders between `output` and `relative` inside it, outermost first."""
    parts = relative.split("/")[:-1]
    return [output.joinpath(*parts[: index + 1]) for index in range(len(parts))]


def _through_link(output: Path, relative: str) -> bool:
    """Whether a folder on the way to `relative` is a link or not a folder. Such a path is not where Warta
    wrote: a link put there later may lead anywhere (a user's documents), so nothing is written or deleted
    through it."""
    for folder in _folders_on_the_way(output, relative):
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            return False  # nothing further down exists either
        if not S_ISDIR(mode):
            return True
    return False


def write_in_place(output: Path, relative: str, data: bytes) -> None:
    """Replace one file of a live output folder without a moment where it is half written."""
    if _through_link(output, relative):
        raise OSError(errno.ENOTDIR, "sebuah folder di jalurnya adalah tautan atau berkas yang bukan buatan Warta",
                      os.fspath(output / relative))
    target = output / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.warta-tmp"
    # O_NOFOLLOW: a link left under this name must not make Warta write wherever it points.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    with open(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, target)


def remove_in_place(output: Path, relative: str) -> None:
    """Delete one file of a live output folder, and the folders it leaves empty."""
    if _through_link(output, relative):
        return  # what Warta wrote there is gone; whatever the link leads to is somebody else's
    target = output / relative
    if target.is_dir() and not target.is_symlink():
        return  # a folder somebody put where Warta's file was: theirs
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != output and folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
