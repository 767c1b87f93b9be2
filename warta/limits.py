"""Bounds on what a writer's file may hold, so no file can exhaust the machine.

Each bound is far beyond anything a real site needs (the largest post of the
sample sites is 12 kB, the deepest front matter 3 levels), and each is
reported as an error that names the file, the line where it applies, and the
bound, never as a traceback or a hung build.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal

MEGABYTE = 1024 * 1024
MAX_MARKDOWN_BYTES = 2 * MEGABYTE  # a long news post is 30 kB; more is a pasted picture or a whole document
MAX_DATA_BYTES = 5 * MEGABYTE  # data/tahapan.yaml, data/lembaga.yaml: thousands of agencies fit in 1 MB
MAX_CONFIG_BYTES = 1 * MEGABYTE  # site.toml is a screenful
MAX_NESTING = 20  # lists and mappings inside each other, in front matter, data files and site.toml
# Dates a post may carry: the Republic's first elections were in 1955; any real date fits, and every
# date in range stays in range after moving to WIB, so no conversion or format can overflow.
YEAR_MIN = 1900
YEAR_MAX = 2200


@dataclass(frozen=True)
class TooLarge(Exception):
    size: int
    limit: int

    def message(self, what: str) -> str:
        return f"berkas terlalu besar ({megabytes(self.size)}); batas untuk {what} adalah {megabytes(self.limit)}"


def megabytes(size: int) -> str:
    """'2,5 MB' (Indonesian decimal comma), '2 MB' for a whole number; rounded up, so a file
    one byte over a 2 MB limit reads '2,1 MB', not '2 MB'."""
    value = math.ceil(size * 10 / MEGABYTE) / 10
    return f"{format_decimal(value, format='#,##0.#', locale='id')} MB"


def read_bounded(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of `path` and its stat, raising TooLarge without reading a file larger than `limit`.

    The size is checked on the open file before reading, and the read stops one byte past the
    limit, so a file that grows between the two is caught as well.
    """
    with path.open("rb") as handle:
        stat = os.fstat(handle.fileno())
        if stat.st_size > limit:
            raise TooLarge(stat.st_size, limit)
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge(len(raw), limit)
    return raw, stat
