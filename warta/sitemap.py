"""sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from warta.config import SiteConfig

_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    path: str
    lastmod: str | None = None


def sitemap_xml(config: SiteConfig, entries: list[SitemapEntry]) -> bytes:
    root = ET.Element("urlset", xmlns=_NS)
    for entry in sorted(entries, key=lambda e: e.path):
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = config.absolute(entry.path)
        if entry.lastmod:
            ET.SubElement(url, "lastmod").text = entry.lastmod
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(config: SiteConfig) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('/sitemap.xml')}\n"
