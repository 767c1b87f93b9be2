"""Markdown files to checked posts and pages, spread over the machine's cores.

Each file goes through the whole edge of the system in one worker: decoding
and front matter (sources.py), its body converted to HTML unless the build
cache already has it, then every field checked (content.py). Doing the three
in one pass means a file's text and parsed front matter never travel between
processes, and the checks, which are independent per file, run in parallel
too. What is said about a file travels back with it, and the caller reports
it in file order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from warta import parallel
from warta.cache import BuildCache
from warta.content import Checked, Media, check_page, check_post
from warta.data import SiteData
from warta.markdown_html import MarkdownConverter, RenderedBody
from warta.provenance import producer
from warta.registry import NEWS_ONLY, Registry
from warta.sources import SourceDocument, parse_source

# Below this many files, forking workers costs more than it saves.
PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class SourceFile:
    path: Path
    shown: str
    collection: str | None  # the kind of content under content/<kind>/, or None for a standalone page

    @property
    def is_post(self) -> bool:
        return self.collection is not None


@dataclass
class ReadResult:
    posts: list[Checked]
    pages: list[Checked]
    fresh: dict[str, RenderedBody]  # bodies converted now, for the cache once every file checked out


@dataclass(frozen=True)
class _ReadJob:
    files: list[SourceFile]
    base_path: str
    data: SiteData
    media: Media | None
    known: dict[str, RenderedBody] | None  # every cached body, preloaded for a large read
    cache: BuildCache  # looked up one key at a time for a small read (the preview's single edits)
    registry: Registry

    def cached_body(self, key: str) -> RenderedBody | None:
        if self.known is not None:
            return self.known.get(key)
        return self.cache.bodies([key]).get(key)


def read_file(source: SourceFile, job: _ReadJob) -> tuple[Checked, RenderedBody | None]:
    """One file, decoded, converted (or taken from the cache) and checked; never raises for a writer's mistake."""
    document = parse_source(source.path, source.shown, job.base_path)
    fresh = None
    if document.meta is not None:
        body = job.cached_body(document.key)
        if body is None:
            body = fresh = converter_for(job.base_path).convert(document.body_text)
        document = replace(document, body=body, body_text="")
    return check_document(document, source.collection, job.data, job.media, job.registry), fresh


def check_document(document: SourceDocument, collection: str | None, data: SiteData, media: Media | None,
                   registry: Registry) -> Checked:
    """A parsed file checked as an item of `collection`, or as a standalone page when that is None."""
    if collection is None:
        return check_page(document, media, registry)
    return check_post(document, data, media, registry.collection(collection), registry)


@lru_cache(maxsize=4)
def converter_for(base_path: str) -> MarkdownConverter:
    """One converter per process and base path (the first one also imports Python-Markdown's extensions)."""
    return MarkdownConverter(base_path)


def _read_range(job: _ReadJob, bounds: tuple[int, int]) -> list[tuple[Checked, RenderedBody | None]]:
    return [read_file(source, job) for source in job.files[bounds[0] : bounds[1]]]


def read_files(files: list[SourceFile], base_path: str, data: SiteData, media: Media | None, cache: BuildCache,
               jobs: int, registry: Registry = NEWS_ONLY) -> ReadResult:
    """Read and check `files`, in parallel when there are many; results keep the order given."""
    large = len(files) >= PARALLEL_THRESHOLD
    producer()  # every body key names it: computed once here, inherited by the workers
    # A large read preloads the whole cache in one query, before workers fork and inherit it.
    job = _ReadJob(files, base_path, data, media, cache.bodies() if large else None, cache, registry)
    jobs = jobs if large else 1
    if job.known is not None and len(files) - len(job.known) >= PARALLEL_THRESHOLD:
        converter_for(base_path)  # many bodies to convert: made before the workers fork, so they inherit it
    outcomes = [outcome for chunk in parallel.map_shared(_read_range, parallel.ranges(len(files), jobs), job, jobs)
                for outcome in chunk]
    result = ReadResult([], [], {})
    for source, (checked, fresh) in zip(files, outcomes, strict=True):
        (result.posts if source.is_post else result.pages).append(checked)
        if fresh is not None:
            result.fresh[checked.document.key] = fresh
    return result
