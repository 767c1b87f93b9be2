"""Markdown bodies to safe HTML.

Python-Markdown does the conversion; a treeprocessor adjusts the tree to the
page it will sit in (the article already has the only `<h1>`, and links that
start at the site root must include the base path of a site served under a
sub-path) and records the first paragraph for the summary. Raw HTML that a
writer pasted is then cleaned by nh3 (Ammonia) to an allow-list: a maintained
sanitiser beats any regex we could write.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from warta.characters import INVALID
from warta.inline_triggers import TriggeredInlineExtension

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "abbr": set(),
}
_ALLOWED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}, "sup": set()}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_STASH_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Ids the default templates give to elements of the pages a body sits in (the skip link's target, the search
# box's label, the share and related sections' headings...): a body repeating one would break them.
PAGE_IDS = frozenset({
    "agenda-terdekat", "akan-datang", "bagikan-judul", "beranda-pengumuman", "berita-terbaru", "cari", "cari-daftar",
    "cari-data", "cari-dipilih", "cari-kata", "cari-lagi", "cari-petunjuk", "cari-pilihan", "cari-saring",
    "cari-status", "isi-utama", "kaki-jelajah", "kaki-kontak", "kaki-sosial", "kata-cari", "kata-cari-galat",
    "lampiran-judul", "menurut-lembaga", "menurut-tahapan", "putusan-judul", "sudah-berlangsung", "terkait-judul",
})
_ATTRIBUTE_TOKEN = re.compile(r"#[^\s#.{}=\"']+|\.[^\s#.{}=\"']+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s\"']+)")


@dataclass(frozen=True)
class RenderedBody:
    html: str
    first_paragraph: str
    words: int


def sanitise(html: str) -> str:
    """Keep only markup that is safe on a public page: no scripts, handlers or javascript: URLs."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        allowed_classes=_ALLOWED_CLASSES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
        clean_content_tags={"script", "style"},
        attribute_filter=_keep_attribute,
    )


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Pasted HTML keeps its ids except the page's own (headings from Markdown already stepped round them)."""
    return None if attribute == "id" and value in PAGE_IDS else value


class _PageFit(Treeprocessor):
    def __init__(self, md: markdown.Markdown, base_path: str):
        super().__init__(md)
        self.base_path = base_path
        self.first_paragraph = ""

    def run(self, root: etree.Element) -> None:
        self.first_paragraph = ""
        demote = any(True for _ in root.iter("h1"))
        headings = [element for element in root.iter() if element.tag in _HEADINGS]
        written = {element: _take_written_id(element) for element in headings}
        # Ids the writer gave are kept as written (links elsewhere point at them); the first heading that
        # names one gets it, and generated ids go round all of them. The page's own ids and those already in
        # the body (footnotes) are nobody's.
        taken = PAGE_IDS | {value for element in root.iter() if (value := element.get("id")) is not None}
        used_ids = {*taken, *(written_id for written_id in written.values() if written_id)}
        given: set[str] = set()
        for element in headings:
            if demote and element.tag != "h6":
                element.tag = _HEADINGS[_HEADINGS.index(element.tag) + 1]
            if "id" in element.attrib:
                continue
            written_id = written[element]
            if written_id and written_id not in given and written_id not in taken:
                given.add(written_id)
                element.set("id", written_id)
            else:
                element.set("id", _unique(written_id or _heading_id("".join(element.itertext())), used_ids))
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value and value.startswith("/") and not value.startswith("//") and self.base_path != "/":
                    element.set(attribute, self.base_path.rstrip("/") + value)
            if element.tag == "p" and not self.first_paragraph:
                text = INVALID.sub("", _STASH_PLACEHOLDER.sub("", "".join(element.itertext())))
                self.first_paragraph = " ".join(text.split())
        # A lone picture's paragraph has no text: never the first one. A tight list's items and table cells
        # hold their image without a paragraph.
        for container in [element for element in root.iter() if element.tag in _IMAGE_CONTAINERS]:
            _caption_lone_image(container)


_IMAGE_CONTAINERS = ("p", "li", "td", "th")


def _caption_lone_image(paragraph: etree.Element) -> None:
    """A paragraph holding only an image with a title (`![alt](foto.jpg "Keterangan")`, perhaps inside a
    link) becomes a <figure> with that title as its <figcaption>; so does such a list item's or table cell's
    content, in a <figure> inside it. An image within text stays inline."""
    if len(paragraph) != 1 or (paragraph.text or "").strip() or (paragraph[0].tail or "").strip():
        return
    image = paragraph[0]
    if image.tag == "a" and len(image) == 1 and not (image.text or "").strip() and not (image[0].tail or "").strip():
        image = image[0]
    title = (image.get("title") or "").strip()
    if image.tag != "img" or not title:
        return
    del image.attrib["title"]  # the caption says it; a tooltip would repeat it
    if paragraph.tag == "p":
        figure = paragraph
        figure.tag = "figure"
    else:
        figure = etree.Element("figure")
        content = paragraph[0]
        paragraph.remove(content)
        figure.append(content)
        paragraph.append(figure)
    paragraph.text = None
    caption = etree.SubElement(figure, "figcaption")
    caption.text = " ".join(title.split())


class _HashtagPreprocessor(Preprocessor):
    """'#KawalPilkada' at the start of a line is a hashtag, not a heading (CommonMark agrees)."""

    _HASHTAG = re.compile(r"^#(?=[^\s#])", re.MULTILINE)

    def run(self, lines: list[str]) -> list[str]:
        return [self._HASHTAG.sub(r"\\#", line) for line in lines]


class _PageFitExtension(Extension):
    def __init__(self, base_path: str):
        super().__init__()
        self.base_path = base_path

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.processor = _PageFit(md, self.base_path)
        # Last of all (after 'unescape' at 0), so links exist and backslash escapes are plain text again.
        md.treeprocessors.register(self.processor, "warta_page_fit", -1)
        md.preprocessors.register(_HashtagPreprocessor(md), "warta_hashtags", 15)  # after fenced code is set aside


class MarkdownConverter:
    """One reusable Markdown instance; `convert` is safe to call for many bodies."""

    def __init__(self, base_path: str = "/"):
        self._fit = _PageFitExtension(base_path)
        self._md = markdown.Markdown(
            # Not "extra": its abbreviations, definition lists, attribute lists and
            # Markdown-in-HTML cost a tenth of every conversion and writers never use them.
            # nl2br: text pasted from Word or WhatsApp means its line breaks (addresses, signatures).
            # Heading ids come from _PageFit rather than 'toc', which also builds a table of contents nobody shows.
            extensions=["tables", "fenced_code", "footnotes", "sane_lists", "nl2br", self._fit, TriggeredInlineExtension()],
            extension_configs={"footnotes": {"BACKLINK_TITLE": "Kembali ke teks (catatan %d)"}},
            output_format="html",
        )

    def convert(self, text: str) -> RenderedBody:
        self._md.reset()
        # A character reference such as &#12; comes out of the sanitiser as the character itself.
        html = INVALID.sub("", sanitise(self._md.convert(text)))
        first = self._fit.processor.first_paragraph
        words = len(re.sub(r"<[^>]+>", " ", html).split())
        return RenderedBody(html, first, words)


def _take_written_id(heading: etree.Element) -> str | None:
    """The id in a heading's trailing attribute list (`## Bagian {#bagian}`, as Python-Markdown's attr_list
    writes it; classes and other attributes in it are dropped), removed from the heading's text."""
    last = heading[-1] if len(heading) else None
    text = ((last.tail if last is not None else heading.text) or "").rstrip(" \t")
    opening = text.rfind("{")  # string methods, not a regex: no backtracking over a long heading
    if not text.endswith("}") or opening < 0:
        return None
    inside = text[opening + 1 : -1]
    tokens = inside.removeprefix(":").split()
    if "}" in inside or not tokens or not all(_ATTRIBUTE_TOKEN.fullmatch(token) for token in tokens):
        return None  # '## Pemilu {2024}' is text, not an attribute list
    rest = text[:opening].rstrip(" \t")
    if last is None and not rest:
        return None  # '## {#kosong}': the braces are all the heading says, not an attribute list to leave it empty
    if last is not None:
        last.tail = rest
    else:
        heading.text = rest
    ids = [token[1:] for token in tokens if token.startswith("#")]
    return ids[-1] if ids else None


def _heading_id(text: str) -> str:
    from warta.slugs import make_slug

    return make_slug(INVALID.sub("", _STASH_PLACEHOLDER.sub("", text))) or "bagian"  # raw HTML is no part of it


def _unique(candidate: str, used: set[str]) -> str:
    """'sub', 'sub_1', 'sub_2' ... as Python-Markdown's toc did, so anchors stay stable."""
    unique, number = candidate, 0
    while unique in used:
        number += 1
        unique = f"{candidate}_{number}"
    used.add(unique)
    return unique


def plain_summary(text: str, limit: int = 200) -> str:
    """Cut plain text at a word boundary near `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    else:
        cut = cut[:limit]
    return cut.rstrip(" ,.;:-–—") + "…"
