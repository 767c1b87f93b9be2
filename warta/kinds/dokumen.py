"""The Dokumen kind (content/dokumen/): public information under UU 14/2008 (PPID).

Each item is one file under static/ (`berkas`, see attachments.py) in one of
the law's three categories (`kategori`): information published periodically
(berkala), at once (serta-merta) and available at any time (setiap-saat).
The listing /dokumen/ is one page grouped by category, in the law's order;
an item page describes its file as a schema.org DigitalDocument.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from warta.diagnostics import closest
from warta.kinds import KindRules
from warta.kinds.attachments import Attachment, read_attachment

if TYPE_CHECKING:
    from warta.config import SiteConfig
    from warta.content import FieldReader, Media, Post
    from warta.registry import Collection
    from warta.sharing import SitePictures


@dataclass(frozen=True)
class Category:
    slug: str  # what a writer writes, and the listing's section anchor
    title: str
    description: str


CATEGORIES = (
    Category("berkala", "Informasi Berkala",
             "Informasi yang wajib disediakan dan diumumkan secara berkala."),
    Category("serta-merta", "Informasi Serta Merta",
             "Informasi yang wajib diumumkan serta-merta karena dapat mengancam hajat hidup orang banyak "
             "dan ketertiban umum."),
    Category("setiap-saat", "Informasi Setiap Saat",
             "Informasi yang wajib tersedia setiap saat dan dapat diminta oleh setiap orang."),
)
_BY_SLUG = {category.slug: category for category in CATEGORIES}
_ALLOWED = "berkala, serta-merta atau setiap-saat"


def category_of(written: str) -> Category | None:
    """The category a writer means: case, spaces, underscores and hyphens aside, with or without
    'Informasi' in front ('Serta Merta', 'serta_merta', 'Informasi Setiap Saat')."""
    words = written.casefold().replace("-", " ").replace("_", " ").split()
    if words[:1] == ["informasi"]:
        words = words[1:]
    joined = "".join(words)
    return next((c for c in CATEGORIES if c.slug.replace("-", "") == joined), None)


@dataclass(frozen=True)
class Document:
    category: Category
    file: Attachment

    @property
    def badge(self) -> tuple[str, str]:
        return (self.category.title, self.category.slug)


@dataclass(frozen=True)
class DocumentGroup:
    category: Category
    posts: tuple[Post, ...]


class DocumentRules(KindRules):
    name = "dokumen"
    title = "Dokumen"
    description = "Informasi publik menurut Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik."
    on_home = False
    in_archive = False
    paginated = False
    keys = ("kategori", "berkas")
    required = ("kategori", "berkas")
    key_words = {
        **dict.fromkeys(("jenis", "jenis_informasi", "kategori_informasi", "klasifikasi", "golongan", "category"),
                        "kategori"),
        **dict.fromkeys(("file", "dokumen", "lampiran", "unduhan", "berkas_dokumen", "pdf"), "berkas"),
    }

    def read(self, fields: FieldReader, media: Media | None) -> Document | None:
        category = self._category(fields)
        file = self._file(fields, media)
        if category is None or file is None:
            return None
        return Document(category, file)

    def _category(self, fields: FieldReader) -> Category | None:
        written = fields.text("kategori", required=True, example=f"; pilihannya: {_ALLOWED}")
        if written is None:
            return None
        category = category_of(written)
        if category is None:
            suggestion = closest(written.casefold().replace(" ", "-").replace("_", "-"), _BY_SLUG)
            hint = f"; mungkin maksud Anda '{suggestion}'? Pilihannya: " if suggestion else "; pilihannya: "
            fields.error("kategori", f"kategori '{written}' tidak dikenal{hint}{_ALLOWED}")
        return category

    def _file(self, fields: FieldReader, media: Media | None) -> Attachment | None:
        value = fields.meta.get("berkas")
        if value is None or value == "":
            fields.missing("berkas", ", misalnya berkas: /berkas/laporan-2024.pdf (berkasnya disimpan di "
                                     "static/berkas/laporan-2024.pdf)")
            return None
        return read_attachment(fields, "berkas", value, fields.line("berkas"), media, "berkas: ")

    def listing_context(self, collection: Collection, posts: tuple[Post, ...], today: date) -> dict[str, Any]:
        """The items by category, in the law's order; a category without items is left out."""
        groups = []
        for category in CATEGORIES:
            members = tuple(post for post in posts
                            if isinstance(post.details, Document) and post.details.category == category)
            if members:
                groups.append(DocumentGroup(category, members))
        return {"groups": tuple(groups)}

    def template_globals(self, config: SiteConfig, pictures: SitePictures) -> dict[str, Callable[..., Any]]:
        return {"dokumen_jsonld": partial(document_jsonld, config, pictures)}

    def admin_fields(self) -> list[dict[str, Any]]:
        return [
            {"name": "kategori", "label": "Kategori informasi", "widget": "select", "required": True,
             "options": [{"label": c.title, "value": c.slug} for c in CATEGORIES],
             "hint": "Menurut UU 14/2008: berkala (diumumkan rutin), serta merta (diumumkan segera) atau "
                     "setiap saat (tersedia bila diminta)."},
            {"name": "berkas", "label": "Berkas", "widget": "file", "required": True,
             "media_folder": "/static/berkas", "public_folder": "/berkas",
             "hint": "Berkas dokumennya (PDF, Word, Excel); disimpan di static/berkas/. Jenis dan ukuran berkas "
                     "ditampilkan otomatis."},
        ]

    def scaffold_lines(self, today: date) -> list[str]:
        # Both left to fill: an empty kategori and a file not yet saved stop the build with the fix.
        return [
            f"# kategori: {_ALLOWED}",
            "kategori:",
            "# berkas: simpan dokumennya di static/berkas/ lalu tulis alamatnya di bawah ini.",
            "berkas: /berkas/nama-dokumen.pdf",
        ]


def document_jsonld(config: SiteConfig, pictures: SitePictures, post: Post) -> Markup:
    """schema.org DigitalDocument for a document's page; its file as the associated MediaObject."""
    from warta.sharing import authors, json_ld, organization  # sharing imports content, which imports the kinds

    details: Document = post.details
    file = details.file
    media: dict[str, Any] = {
        "@type": "MediaObject",
        "name": file.name,
        "contentUrl": config.absolute(file.href),
        "encodingFormat": file.mime,
    }
    if file.size is not None:
        media["contentSize"] = file.content_size
    return json_ld({
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "name": post.title,
        "description": post.summary,
        "url": config.absolute(post.url),
        "inLanguage": "id",
        "genre": details.category.title,
        "datePublished": post.date.iso_datetime(),
        "dateModified": (post.updated or post.date).iso_datetime(),
        "encodingFormat": file.mime,
        "author": authors(config, pictures, post),
        "publisher": organization(config, pictures),
        "associatedMedia": media,
    })
