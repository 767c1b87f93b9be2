"""The web editor at /admin/: Decap CMS, configured from the site's own settings and data.

When `[admin] enabled = true` in site.toml, the build writes two files:

- `admin/config.yml`: Decap's configuration, generated on every build from
  site.toml (backend, repository, branch) and the data files (the stages of
  data/tahapan.yaml as choices, the agencies of data/lembaga.yaml as a hint),
  so it can never drift from what the build accepts. Never edited by hand.
- `admin/index.html`: a page that loads `./decap-cms.js` from the same
  folder. The bundle itself (several megabytes, from the npm package
  `decap-cms`) is not part of Warta: CI or the writer puts it into
  `static/admin/` (see docs/menerbitkan.md), so no page of the site ever
  loads a script from a third-party CDN.

The writer-facing labels and hints are Indonesian; Decap's own buttons stay
English because Decap ships no Indonesian translation (it falls back to
English for an unknown `locale`).
"""

from __future__ import annotations

from html import escape

import yaml

from warta.config import Admin
from warta.data import OTHER_KIND
from warta.kinds import rules_for
from warta.model import SiteModel
from warta.registry import NEWS, Collection, Taxonomy

INDEX_PATH = "admin/index.html"
CONFIG_PATH = "admin/config.yml"
SCRIPT_NAME = "decap-cms.js"

MEDIA_FOLDER = "static/gambar"  # static/ is copied to the output root, so static/gambar/x.jpg is /gambar/x.jpg
PUBLIC_FOLDER = "/gambar"  # Warta adds the base path of a site under a sub-path to root-relative links

# Decap backend options that site.toml may carry one day (an OAuth server, GitLab's PKCE login...):
# forwarded as they are when `config.admin` has a non-empty attribute of that name.
BACKEND_OPTIONS = ("site_domain", "base_url", "auth_endpoint", "auth_type", "app_id", "api_root")

COMMIT_MESSAGES = {
    "create": "Tambah {{collection}} “{{slug}}”",
    "update": "Ubah {{collection}} “{{slug}}”",
    "delete": "Hapus {{collection}} “{{slug}}”",
    "uploadMedia": "Unggah “{{path}}”",
    "deleteMedia": "Hapus “{{path}}”",
}


def admin_files(model: SiteModel) -> dict[str, bytes]:
    """The output files of the editor, by path relative to the output folder."""
    return {INDEX_PATH: index_html(model), CONFIG_PATH: config_yml(model)}


def index_html(model: SiteModel) -> bytes:
    title = escape(f"Editor – {model.config.title}")
    missing = (f"Berkas {SCRIPT_NAME} belum ada di folder admin/ situs ini, sehingga editor tidak dapat dibuka. "
               "Cara memasangnya ada di docs/menerbitkan.md, bagian “Editor web”.")
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Editor berita membutuhkan JavaScript. Aktifkan JavaScript di peramban Anda.</noscript>
<p id="editor-tidak-ada" hidden>{escape(missing)}</p>
<script src="./{SCRIPT_NAME}" onerror="document.getElementById('editor-tidak-ada').hidden = false"></script>
</body>
</html>
""".encode()


def config_yml(model: SiteModel) -> bytes:
    text = yaml.safe_dump(decap_config(model), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    header = "# Dibuat otomatis oleh Warta dari site.toml dan data/ setiap kali situs dibangun. Jangan disunting.\n"
    return (header + text).encode("utf-8")


def decap_config(model: SiteModel) -> dict:
    config = model.config
    settings: dict = {"backend": _backend(config.admin), "local_backend": True}
    if config.base_url_given:
        settings["site_url"] = config.base_url
        settings["display_url"] = config.base_url
    settings.update(
        locale="id",
        media_folder=MEDIA_FOLDER,
        public_folder=PUBLIC_FOLDER,
        slug={"encoding": "ascii", "clean_accents": True},
        collections=[*(_items(model, collection) for collection in model.registry.collections), _pages()],
    )
    return settings


def _backend(admin: Admin) -> dict:
    backend: dict = {"name": admin.backend}
    if admin.backend != "git-gateway":
        backend["repo"] = admin.repo
    backend["branch"] = admin.branch
    for option in BACKEND_OPTIONS:
        value = getattr(admin, option, None)
        if value:
            backend[option] = value
    backend["commit_messages"] = dict(COMMIT_MESSAGES)
    return backend


def _items(model: SiteModel, collection: Collection) -> dict:
    """One Decap collection per kind of content: the news keys, the site's taxonomies, the kind's own keys."""
    rules = rules_for(collection.name)
    news = collection.name == NEWS
    fields: list[dict] = [
        {"name": "title", "label": "Judul", "widget": "string", "required": True},
        {"name": "date", "label": "Tanggal", "widget": "datetime", "format": "YYYY-MM-DD HH:mm",
         "required": rules.date_required,
         "hint": "Tanggal dan jam kegiatan atau terbit. Jam dibaca sebagai WIB."
                 + ("" if rules.date_required else " Boleh dikosongkan.")},
    ]
    stages = [{"label": stage.name, "value": stage.slug} for stage in model.stages]
    if stages:  # Decap's select needs at least one option
        fields.append({"name": "tahapan", "label": "Tahapan", "widget": "select", "multiple": True, "required": False,
                       "options": stages, "hint": "Tahapan pemilihan yang berkaitan dengan berita ini; boleh lebih dari satu."})
    fields += [
        {"name": "lembaga", "label": "Lembaga", "label_singular": "lembaga", "widget": "list", "required": False,
         "field": {"name": "nama", "label": "Nama lembaga", "widget": "string"},
         "hint": _agency_hint(model)},
        # One text box per item: Decap's comma-separated list eats typed commas and spaces (decap-cms#4646).
        {"name": "tags", "label": "Tag", "label_singular": "tag", "widget": "list", "required": False,
         "field": {"name": "tag", "label": "Tag", "widget": "string"},
         "hint": "Satu tag per kotak: tekan “Add tag” untuk setiap tag, misalnya “rakor” lalu “pengamanan”."},
        *(_taxonomy_field(taxonomy) for taxonomy in model.registry.custom_taxonomies),
        {"name": "summary", "label": "Ringkasan", "widget": "text", "required": False,
         "hint": "Boleh dikosongkan: ringkasan diambil dari paragraf pertama berita."},
        {"name": "image", "label": "Gambar utama", "widget": "image", "required": False},
        {"name": "image_alt", "label": "Keterangan gambar", "widget": "string", "required": False,
         "hint": "Wajib diisi bila ada gambar utama: jelaskan isi gambar untuk pembaca tunanetra. "
                 "Tanpa keterangan ini situs tidak akan dibangun."},
        {"name": "image_caption", "label": "Teks di bawah foto", "widget": "string", "required": False,
         "hint": "Boleh dikosongkan. Tampil di bawah gambar utama untuk semua pembaca: siapa, di mana, kapan. "
                 "Contoh: Ketua Bawaslu Kota Kediri memimpin apel siaga, Minggu (24/11/2024)."},
        {"name": "draft", "label": "Draf (belum terbit)", "widget": "boolean", "default": False, "required": False,
         "hint": "Nyalakan agar berita disimpan tetapi belum tampil di situs."},
        {"name": "author", "label": "Penulis", "widget": "string", "required": False},
        *rules.admin_fields(),
        {"name": "body", "label": "Isi berita" if news else "Isi", "widget": "markdown"},
    ]
    description = ("Berita yang tampil di /berita/." if news
                   else f"{collection.title} yang tampil di /{collection.name}/.")
    return {
        "name": collection.name,
        "label": collection.title,
        "label_singular": collection.title.casefold(),
        "description": description + " Berkas baru diberi nama tanggal pembuatan dan judulnya.",
        "folder": collection.folder,
        "create": True,
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "extension": "md",
        "format": "frontmatter",
        "fields": fields,
    }


def _taxonomy_field(taxonomy: Taxonomy) -> dict:
    """A taxonomy the site declared: free names, one text box each, like tags."""
    return {"name": taxonomy.key, "label": taxonomy.title, "label_singular": taxonomy.noun, "widget": "list",
            "required": False, "field": {"name": "nama", "label": taxonomy.title, "widget": "string"},
            "hint": f"Satu {taxonomy.noun} per kotak: tekan “Add {taxonomy.noun}” untuk setiap {taxonomy.noun}."}


def _agency_hint(model: SiteModel) -> str:
    known = [ref.name for group in model.agency_groups if group.kind != OTHER_KIND for ref in group.terms]
    hint = ("Satu lembaga per kotak: tekan “Add lembaga” untuk setiap lembaga. Nama baru boleh ditulis; "
            "lembaga itu mendapat halaman sendiri.")
    if known:
        hint += " Nama yang sudah dikenal (singkatan dan nama lain juga dikenali): " + ", ".join(known) + "."
    return hint


def _pages() -> dict:
    return {
        "name": "halaman",
        "label": "Halaman",
        "label_singular": "halaman",
        "description": "Halaman tetap seperti Tentang Kami, tampil di /<slug>/.",
        "folder": "content/halaman",
        "create": True,
        "slug": "{{slug}}",
        "extension": "md",
        "format": "frontmatter",
        "fields": [
            {"name": "title", "label": "Judul", "widget": "string", "required": True},
            {"name": "summary", "label": "Ringkasan", "widget": "text", "required": False,
             "hint": "Boleh dikosongkan: ringkasan diambil dari paragraf pertama."},
            {"name": "menu", "label": "Teks di menu", "widget": "string", "required": False,
             "hint": "Isi agar halaman ini muncul di menu navigasi dengan teks ini; kosongkan bila tidak perlu."},
            {"name": "body", "label": "Isi halaman", "widget": "markdown"},
        ],
    }
