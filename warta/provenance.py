"""What produced a build's output: Warta's own code and the libraries that shape what it writes.

Cached results (converted bodies, compiled templates, the fingerprints that
let a build skip unchanged pages) are only valid for the code that made
them. Warta's version number is not enough: an install from git keeps
"0.1.0" while the sanitiser's allow-list or a default template changes, and
a security fix in nh3 changes no version of Warta at all. So every cache key
includes `producer()`: a hash of the bytes of every Python file of the
package and of the packaged defaults (templates, static files, data), plus
the installed version of each library whose behaviour reaches the output.

Computed once per process (a few milliseconds: the package is small); worker
processes forked after the first call inherit it.
"""

from __future__ import annotations

import hashlib
import platform
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# Distributions whose behaviour reaches the output: Markdown to HTML, sanitising, templates and escaping,
# dates and their names, feeds, pictures, slugs, front matter and data files, time zones, the search index.
LIBRARIES = ("Markdown", "nh3", "Jinja2", "MarkupSafe", "Babel", "feedgen", "Pillow", "python-slugify",
             "PyYAML", "python-frontmatter", "tzdata", "pagefind", "pagefind-bin")


def code_files(package: Path = PACKAGE) -> list[Path]:
    """Every file of Warta's own that shapes the output: its Python modules and its packaged defaults."""
    files = [p for p in package.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (package / "defaults").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(files)


def source_fingerprint(files: list[Path], package: Path = PACKAGE) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def library_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of each library in LIBRARIES, "-" for one that is not installed."""
    found = []
    for name in LIBRARIES:
        try:
            version = _version(metadata.distribution(name))
        except metadata.PackageNotFoundError:
            version = "-"
        found.append((name, version))
    return (("Python", platform.python_version()), *found)


_VERSION = re.compile(r"^Version:[ \t]*(\S+)", re.MULTILINE)


def _version(distribution: metadata.Distribution) -> str:
    """The version from the metadata's headers: `Distribution.version` parses the whole file as an email,
    long description included, which made this function take 15 ms instead of 1."""
    for name in ("METADATA", "PKG-INFO"):
        text = distribution.read_text(name)
        match = _VERSION.search(text.split("\n\n", 1)[0]) if text else None
        if match:
            return match.group(1)
    return distribution.version or "-"


@lru_cache(maxsize=1)
def producer() -> str:
    """One text naming exactly the code that makes the output (Warta's files and the libraries' versions)."""
    versions = ",".join(f"{name}={version}" for name, version in library_versions())
    return f"{source_fingerprint(code_files())};{versions}"
