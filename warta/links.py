"""Links in built HTML: finding them, resolving them, and looking up their targets in the output.

Pages are read with the standard library's `html.parser`, which keeps the
line of every tag. A link is checked when it stays on the site: it starts
with the site's base path ('/' or '/situs/'), is relative to the page it is
on, is an anchor on the same page ('#bagian'), or is an absolute URL under
the site's own `base_url`. Everything else (other sites, mailto:, tel:) is
left alone.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that point at another file or page.
LINK_ATTRIBUTES = ("href", "src", "poster", "action")
SRCSET = "srcset"
IMAGE_TAGS = ("img", "source", "picture", "input")
# An empty fragment and '#top' scroll to the top of the page in every browser (HTML standard).
TOP_FRAGMENTS = ("", "top")


@dataclass(frozen=True)
class Link:
    value: str  # as written in the page, entities decoded
    tag: str
    attribute: str
    line: int

    @property
    def is_image(self) -> bool:
        return self.tag in IMAGE_TAGS and self.attribute in ("src", SRCSET)


@dataclass
class PageScan:
    """What one built page links to, and the ids an anchor may point at."""

    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.scan.ids.add(value)
            elif name in LINK_ATTRIBUTES and tag != "base":
                self.scan.links.append(Link(value, tag, name, line))
            elif name == SRCSET:
                for candidate in value.split(","):
                    url = candidate.strip().split(" ", 1)[0]
                    if url:
                        self.scan.links.append(Link(url, tag, name, line))


def scan_html(text: str) -> PageScan:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.scan


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is served: `https://host/situs/` gives base path '/situs/'."""

    base_url: str

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc.casefold()

    def page_path(self, relative_file: str) -> str:
        """The URL path a built file is served at: 'berita/x/index.html' -> '/berita/x/'."""
        folder, name = posixpath.split(relative_file)
        if name == "index.html":
            return self.base_path + (folder + "/" if folder else "")
        return self.base_path + relative_file


@dataclass(frozen=True)
class Target:
    """Where a link leads inside the site: a path under the base path and an optional fragment."""

    path: str  # URL path, percent-decoded, e.g. '/situs/berita/x/'
    relative: str  # the same without the base path, e.g. 'berita/x/'
    fragment: str | None  # None when the link has no '#'


def resolve(link: str, page_path: str, site: SiteAddress) -> Target | None:
    """The target inside the site, or None for a link that leaves it (or cannot be checked)."""
    value = link.strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if parts.scheme.casefold() not in ("http", "https", "") or parts.netloc.casefold() != site.host:
            return None
        path = parts.path or "/"
    else:
        path = parts.path or page_path
    path = urljoin(page_path, path)  # relative paths and dot segments, as a browser would
    base = site.base_path
    if path + "/" == base:
        path = base
    if not path.startswith(base):
        return None
    decoded = unquote(path)
    fragment = unquote(parts.fragment) if "#" in value else None
    return Target(decoded, decoded[len(base):], fragment)


class BuiltSite:
    """The files of a built output folder, to look up link targets."""

    def __init__(self, output: Path, files: set[str]):
        self.output = output
        self.files = files

    @classmethod
    def read(cls, output: Path) -> "BuiltSite":
        files = {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}
        return cls(output, files)

    @property
    def html_files(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".html"))

    def file_for(self, target: Target) -> str | None:
        """The output file a target is served from; a folder is served by its index.html."""
        relative = target.relative
        if relative == "" or relative.endswith("/"):
            candidate = relative + "index.html"
            return candidate if candidate in self.files else None
        if relative in self.files:
            return relative
        folder_index = relative + "/index.html"  # hosts redirect /berita/x to /berita/x/
        return folder_index if folder_index in self.files else None

    def neighbours(self, target: Target) -> list[str]:
        """What is beside a broken target, for a "did you mean" hint: pages and files in the same folder.

        Relative to the base path: 'berita/rakor/', 'gambar/foto.jpg'.
        """
        parent = posixpath.dirname(target.relative.rstrip("/"))
        prefix = parent + "/" if parent else ""
        found = set()
        for file in self.files:
            if not file.startswith(prefix):
                continue
            rest = file[len(prefix):]
            if rest.endswith("/index.html") and rest.count("/") == 1:
                found.add(prefix + rest[: -len("index.html")])
            elif "/" not in rest and rest != "index.html":
                found.add(prefix + rest)
        return sorted(found)
