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
from urllib.parse import unquote, urlsplit

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


DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is served: `https://host/situs/` gives base path '/situs/'."""

    base_url: str

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    @property
    def host(self) -> str:
        return (urlsplit(self.base_url).hostname or "").rstrip(".")

    @property
    def scheme(self) -> str:
        return urlsplit(self.base_url).scheme

    @property
    def port(self) -> int:
        parts = urlsplit(self.base_url)
        return parts.port or DEFAULT_PORTS.get(parts.scheme, 0)

    def page_path(self, relative_file: str) -> str:
        """The URL path a built file is served at: 'berita/x/index.html' -> '/berita/x/'."""
        folder, name = posixpath.split(relative_file)
        if name == "index.html":
            return self.base_path + (folder + "/" if folder else "")
        return self.base_path + relative_file


@dataclass(frozen=True)
class Target:
    """Where a link leads inside the site: a path under the base path and an optional fragment.

    A link that leads somewhere it cannot work says so: `outside` for a relative link (or one
    with '..') that climbs out of a site served under a sub-path, `port` for an absolute link to
    the site's own host on another port.
    """

    path: str  # URL path, percent-decoded, e.g. '/situs/berita/x/'
    relative: str  # the same without the base path, e.g. 'berita/x/'
    fragment: str | None  # None when the link has no '#'
    outside: bool = False
    port: int | None = None


def resolve(link: str, page_path: str, site: SiteAddress) -> Target | None:
    """The target inside the site, or None for a link that leaves it (or cannot be checked).

    Resolved as a browser would: relative to the page, dot segments ('..', '.', and their
    percent-encoded forms) removed without climbing above '/', '\\' read as '/', and a default
    port ('https://host:443/') the same as none.
    """
    value = link.strip()
    if not value:
        return None
    end = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
    try:
        parts = urlsplit(value[:end].replace("\\", "/") + value[end:])
        port = parts.port
    except ValueError:  # '[' without ']', a port that is not a number: no browser goes there either
        return None
    port_of_site = None
    if parts.scheme or parts.netloc:
        scheme = (parts.scheme or site.scheme).casefold()
        if scheme not in DEFAULT_PORTS or (parts.hostname or "").rstrip(".") != site.host:
            return None
        port = port or DEFAULT_PORTS[scheme]
        # http:// to an https:// site (or back) on the default ports is the same site behind a redirect.
        same = (scheme, port) == (site.scheme, site.port) or (
            port == DEFAULT_PORTS[scheme] and site.port == DEFAULT_PORTS.get(site.scheme))
        port_of_site = None if same else port
        written = parts.path or "/"
    else:
        written = parts.path or page_path
    path = join_path(page_path, written)
    base = site.base_path
    if path + "/" == base:
        path = base
    decoded = unquote(path)
    fragment = unquote(parts.fragment) if "#" in value else None
    if not path.startswith(base):
        # A relative link, or one with '..', that leaves a site served under a sub-path depends on
        # what else is on the host: broken wherever the site is moved. Other root paths are left alone.
        climbed = not written.startswith("/") or _has_dot_segments(written)
        return Target(decoded, "", fragment, outside=True) if climbed and port_of_site is None else None
    return Target(decoded, decoded[len(base):], fragment, port=port_of_site)


def join_path(page_path: str, path: str) -> str:
    """The path a browser asks for when `path` is written on the page at `page_path` (RFC 3986,
    section 5.2, with the URL standard's '%2e' for '.'); never above '/'."""
    if not path.startswith("/"):
        path = page_path[: page_path.rfind("/") + 1] + path
    segments = path.split("/")[1:]
    kept: list[str] = []
    for number, segment in enumerate(segments, 1):
        dots = _dots(segment)
        if dots == 2 and kept:
            kept.pop()
        if dots:
            if number == len(segments):
                kept.append("")  # '/berita/..' is the folder '/', with its slash
        else:
            kept.append(segment)
    return "/" + "/".join(kept)


def _dots(segment: str) -> int:
    """1 for '.', 2 for '..' (also percent-encoded), 0 for any other segment."""
    plain = segment.casefold().replace("%2e", ".")
    return len(plain) if plain in (".", "..") else 0


def _has_dot_segments(path: str) -> bool:
    return any(_dots(segment) for segment in path.split("/"))


class BuiltSite:
    """The files of a built output folder, to look up link targets."""

    def __init__(self, output: Path, files: set[str]):
        self.output = output
        self.files = files

    @classmethod
    def read(cls, output: Path) -> BuiltSite:
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
