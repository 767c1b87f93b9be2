"""Writing the site: atomically for builds, in place for the live preview.

A build renders every route into a fresh folder beside the output and swaps
it in only when everything succeeded: a failed build leaves the live output
exactly as it was. Files whose bytes did not change since the last build are
hard-linked from the old output instead of written again (the manifest of the
last build, kept in the cache, says which), so unchanged files keep their
timestamps and a rebuild after a small edit writes little.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from warta import parallel
from warta.manifest import FileRecord, Manifest
from warta.plan import Route, SitePlan, StaticFile
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
    failures: list[TemplateFailure] = field(default_factory=list)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _static_digest(source: Path) -> str:
    stat = source.stat()
    return f"static:{stat.st_size}:{stat.st_mtime_ns}"


def _reuse(old_root: Path, relative: str, record: FileRecord | None, new_digest: str, target: Path) -> FileRecord | None:
    """Hard-link the old output file into place when it is provably the same bytes."""
    if record is None or record.digest != new_digest:
        return None
    old = old_root / relative
    try:
        stat = old.stat()
        if stat.st_size != record.size or stat.st_mtime_ns != record.mtime_ns:
            return None
        os.link(old, target)
    except OSError:
        return None
    return record


def _store(target: Path, data: bytes, new_digest: str) -> FileRecord:
    target.write_bytes(data)
    stat = target.stat()
    return FileRecord(new_digest, stat.st_size, stat.st_mtime_ns)


def _ensure_parent(target: Path, made: set[Path]) -> None:
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)


@dataclass(frozen=True)
class _RenderJob:
    renderer: Renderer
    routes: list[Route]
    staging: Path
    old_root: Path
    old: Manifest


def _render_range(bounds: tuple[int, int]) -> tuple[list[tuple[str, FileRecord, bool]], list[TemplateFailure]]:
    job: _RenderJob = parallel.shared
    done: list[tuple[str, FileRecord, bool]] = []
    failures: list[TemplateFailure] = []
    broken: set[str] = set()
    made: set[Path] = set()
    for route in job.routes[bounds[0] : bounds[1]]:
        if route.template in broken:
            continue
        try:
            data = job.renderer.render(route)
        except TemplateFailure as failure:
            broken.add(failure.template)
            failures.append(failure)
            continue
        target = job.staging / route.path
        _ensure_parent(target, made)
        new_digest = digest(data)
        record = _reuse(job.old_root, route.path, job.old.files.get(route.path), new_digest, target)
        done.append((route.path, record or _store(target, data, new_digest), record is None))
    return done, failures


def write_site(output: Path, plan: SitePlan, renderer: Renderer, old: Manifest | None, jobs: int) -> WriteResult:
    """Render the whole plan into a staging folder and swap it in place of `output`.

    On template failures nothing is swapped and the failures are returned.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.warta-baru-{os.getpid()}"
    retired = output.parent / f".{output.name}.warta-lama-{os.getpid()}"
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    old = old if old is not None and output.is_dir() else Manifest()
    result = WriteResult(Manifest())
    try:
        staging.mkdir()
        routes = [plan.routes[p] for p in sorted(plan.routes)]
        for template in sorted({r.template for r in routes if r.template}):
            try:  # compile once in the parent, so forked workers inherit compiled templates
                renderer.env.get_template(template)
            except Exception:
                pass  # reported with its line when a route renders it
        job = _RenderJob(renderer, routes, staging, output, old)
        chunks = parallel.map_shared(_render_range, parallel.ranges(len(routes), jobs), job, jobs)
        for done, failures in chunks:
            result.failures.extend(failures)
            for path, record, wrote in done:
                result.manifest.files[path] = record
                result.written += wrote
                result.unchanged += not wrote
        if result.failures:
            shutil.rmtree(staging, ignore_errors=True)
            return result
        made: set[Path] = set()
        for path in sorted(plan.statics):
            static = plan.statics[path]
            target = staging / path
            _ensure_parent(target, made)
            static_digest = _static_digest(static.source)
            record = _reuse(output, path, old.files.get(path), static_digest, target)
            if record is None:
                shutil.copyfile(static.source, target)
                stat = target.stat()
                record = FileRecord(static_digest, stat.st_size, stat.st_mtime_ns)
                result.written += 1
            else:
                result.unchanged += 1
            result.manifest.files[path] = record
        if output.exists():
            os.rename(output, retired)
        os.rename(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not output.exists():
            os.rename(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return result


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
