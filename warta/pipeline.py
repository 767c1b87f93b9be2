"""The build, stage by stage: config, data, content, model, render, write.

Each stage takes typed objects from the one before and reports problems into
one `Diagnostics`. The build stops before writing if anything was an error,
so the live output is only ever replaced by a complete, valid site.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from warta.config import load_config
from warta.content import ContentRules, read_content
from warta.data import load_data
from warta.dates import now_wib
from warta.diagnostics import BuildFailed, Diagnostic, Diagnostics
from warta.layout import SiteLayout
from warta.markdown_html import MarkdownConverter
from warta.model import build_model
from warta.output import OutputSet, UnsafeOutput, check_output_folder, write_atomically
from warta.render import SiteRenderer


@dataclass(frozen=True)
class BuildOptions:
    site: str | os.PathLike[str] = "."
    output: str | os.PathLike[str] | None = None
    base_url: str | None = None
    drafts: bool = False
    future: bool = False


@dataclass(frozen=True)
class BuildResult:
    output: Path
    posts: int
    pages: int
    files: int
    html_files: int
    skipped_drafts: int
    skipped_future: int
    warnings: list[Diagnostic]
    seconds: float


def build_site(options: BuildOptions) -> BuildResult:
    """Build the site; raises BuildFailed with every problem found, leaving the output untouched."""
    started = time.perf_counter()
    diagnostics = Diagnostics()
    layout = SiteLayout.at(options.site)
    output = Path(options.output).resolve() if options.output else layout.default_output
    if not layout.root.is_dir():
        diagnostics.error(os.fspath(options.site), None, "folder situs tidak ditemukan")
        raise BuildFailed(diagnostics)
    try:
        check_output_folder(output, layout.root)
    except UnsafeOutput as problem:
        diagnostics.error("--output", None, str(problem))
        raise BuildFailed(diagnostics) from None

    config = load_config(layout, diagnostics, options.base_url)
    data = load_data(layout, diagnostics)
    rules = ContentRules(drafts=options.drafts, future=options.future, now=now_wib())
    content = read_content(layout, data, rules, MarkdownConverter(config.base_path), diagnostics)
    if diagnostics.has_errors:
        raise BuildFailed(diagnostics)

    model = build_model(config, data, content)
    outputs = OutputSet(diagnostics)
    SiteRenderer(model, layout, outputs, diagnostics).render_all()
    for folder in layout.static_dirs:
        outputs.add_static_tree(folder, layout.display(folder))
    if diagnostics.has_errors:
        raise BuildFailed(diagnostics)

    write_atomically(output, outputs)
    return BuildResult(
        output=output,
        posts=len(content.posts),
        pages=len(content.pages),
        files=len(outputs),
        html_files=sum(1 for path in outputs.files if path.endswith(".html")),
        skipped_drafts=content.skipped_drafts,
        skipped_future=content.skipped_future,
        warnings=diagnostics.warnings,
        seconds=time.perf_counter() - started,
    )
