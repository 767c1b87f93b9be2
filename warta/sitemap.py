"""sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from warta.config import SiteConfig

_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(config: SiteConfig, entries: tuple[tuple[str, str | None], ...]) -> bytes:
    """`entries` are (site path, lastmod or None)."""
    root = ET.Element("urlset", xmlns=_NS)
    for path, lastmod in sorted(entries):
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = config.absolute(path)
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(config: SiteConfig) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('/sitemap.xml')}\n"
