"""Writing the site without ever leaving it half-built.

Every page is rendered before the output folder is touched: changed files go
to a staging folder beside the output, and on any failure that folder is
thrown away, leaving the output exactly as it was. A new output folder then
appears in one rename; an existing one gets each changed file by an atomic
rename and loses the files the site no longer has. Pages whose inputs did not
change since the last build (the manifest in the cache records a fingerprint
of each file's inputs) are not even rendered, and unchanged files keep their
timestamps, which also keeps rsync-style deploys small.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from warta import parallel
from warta.manifest import FileRecord, Manifest
from warta.plan import Route, SitePlan
from warta.render import Renderer, TemplateFailure


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
    if output.exists() and not output.is_dir():
        raise UnsafeOutput(f"{output} adalah berkas, bukan folder")
    if output.is_dir():
        entries = sorted(p.name for p in output.iterdir())
        # A build replaces the whole folder: only do that to something that is already a built site.
        if entries and not any(name in entries for name in ("index.html", "404.html", "sitemap.xml")):
            example = entries[0]
            raise UnsafeOutput(f"folder keluaran {output} berisi berkas yang bukan hasil build (misalnya {example}) "
                               "dan akan terhapus; kosongkan folder itu atau pilih folder lain")


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


# (path, record, changed): changed files are in the staging folder, unchanged ones stay where they are.
_Outcome = tuple[str, FileRecord, bool]


def _render_range(bounds: tuple[int, int]) -> tuple[list[_Outcome], list[TemplateFailure]]:
    job: _RenderJob = parallel.shared
    done: list[_Outcome] = []
    failures: list[TemplateFailure] = []
    broken: set[str] = set()
    folders: set[str] = set()
    for route in job.routes[bounds[0] : bounds[1]]:
        if route.template in broken:
            continue
        previous = job.old.files.get(route.path)
        source = job.renderer.route_fingerprint(route)
        current = previous is not None and _still_there(job.live / route.path, previous)
        if current and previous.source == source:
            done.append((route.path, previous, False))  # made from the same inputs: not even rendered
            continue
        try:
            data = job.renderer.render(route)
        except TemplateFailure as failure:
            broken.add(failure.template)
            failures.append(failure)
            continue
        new_digest = digest(data)
        if current and previous.digest == new_digest:
            done.append((route.path, replace(previous, source=source), False))
            continue
        stat = _write_new(os.path.join(job.staging, route.path), data, folders)
        done.append((route.path, FileRecord(new_digest, stat.st_size, stat.st_mtime_ns, source), True))
    return done, failures


def _write_new(target: str, data: bytes, folders: set[str]) -> os.stat_result:
    """Write a file in the staging folder; its stat (moving it into the output later keeps size and mtime)."""
    _ensure_folder(target, folders)
    with open(target, "wb") as file:
        file.write(data)
    return os.stat(target)


def write_site(output: Path, plan: SitePlan, renderer: Renderer, old: Manifest | None, jobs: int,
               keep_prefixes: tuple[str, ...] = ()) -> WriteResult:
    """Render the plan and bring `output` up to date, touching only files whose bytes changed.

    Everything is rendered into a staging folder beside the output first; on
    a template failure the staging folder is thrown away and the output is
    exactly as it was. A new output folder appears in one rename; an existing
    one gets each changed file by an atomic rename, and loses files the site
    no longer has.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.warta-baru-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    fresh = not output.exists()
    old = old if old is not None and not fresh else Manifest()
    result = WriteResult(Manifest())
    try:
        staging.mkdir()
        routes = [plan.routes[p] for p in sorted(plan.routes)]
        for template in sorted({r.template for r in routes if r.template}):
            try:  # compile once in the parent, so forked workers inherit compiled templates
                renderer.env.get_template(template)
            except Exception:
                pass  # reported with its line when a route renders it
        _ = renderer.globals_fingerprint  # read the templates once, before the workers fork
        job = _RenderJob(renderer, routes, os.fspath(staging), output, old)
        outcomes: list[_Outcome] = []
        for done, failures in parallel.map_shared(_render_range, parallel.ranges(len(routes), jobs), job, jobs):
            result.failures.extend(failures)
            outcomes.extend(done)
        if result.failures:
            shutil.rmtree(staging, ignore_errors=True)
            return result
        folders: set[str] = set()
        for path in sorted(plan.statics):
            source = plan.statics[path].source
            previous = old.files.get(path)
            static_digest = _static_digest(source)
            if previous is not None and previous.digest == static_digest and _still_there(output / path, previous):
                outcomes.append((path, previous, False))
                continue
            target = os.path.join(staging, path)
            _ensure_folder(target, folders)
            shutil.copyfile(source, target)
            stat = os.stat(target)
            outcomes.append((path, FileRecord(static_digest, stat.st_size, stat.st_mtime_ns), True))
        if fresh:
            os.rename(staging, output)
        else:
            _apply(staging, output, [path for path, _, changed in outcomes if changed], {path for path, _, _ in outcomes},
                   keep_prefixes)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for path, record, changed in outcomes:
        result.manifest.files[path] = record
        result.changed[path] = changed
        result.written += changed
        result.unchanged += not changed
    return result


def _apply(staging: Path, output: Path, changed: list[str], keep: set[str], keep_prefixes: tuple[str, ...]) -> None:
    """Move changed files into the live output and remove what the site no longer has.

    Files under `keep_prefixes` belong to a later build step (the search index) and are left alone.
    """
    for path in changed:
        target = output / path
        parent = target.parent
        while parent != output and parent.is_file():  # a file where a folder is needed now
            parent.unlink()
            parent = parent.parent
        if target.is_dir():  # a folder where a file is needed now
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)
    for folder, _folders, files in os.walk(output, topdown=False):
        here = Path(folder)
        for name in files:
            relative = (here / name).relative_to(output).as_posix()
            if relative not in keep and not relative.startswith(keep_prefixes):
                (here / name).unlink()
        if here != output and not any(here.iterdir()):
            here.rmdir()


def write_in_place(output: Path, relative: str, data: bytes) -> None:
    """Replace one file of a live output folder without a moment where it is half written."""
    target = output / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.warta-tmp"
    temporary.write_bytes(data)
    os.replace(temporary, target)


def remove_in_place(output: Path, relative: str) -> None:
    """Delete one file of a live output folder, and the folders it leaves empty."""
    target = output / relative
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
