"""The web editor at /admin/: built only when site.toml enables it, configured from the site's own data."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, Site
from warta.config import Admin
from warta.content import PAGE_KEYS, POST_KEYS

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

GITHUB_ADMIN = """\
title = "Bawaslu Kota Contoh"
base_url = "https://org.github.io/situs/"

[admin]
enabled = true
backend = "github"
repo = "bawaslu-kota-contoh/situs"
branch = "terbit"
"""

TAHAPAN = """\
- slug: pendaftaran-pemilih
  nama: Pendaftaran Pemilih
  keterangan: Pertama.
- slug: kampanye-terbuka
  nama: Kampanye Terbuka
- slug: hari-pemungutan
  nama: Hari Pemungutan
"""

LEMBAGA = """\
- slug: bawaslu-kota-contoh
  nama: Bawaslu Kota Contoh
  singkatan: Bawaslu
  jenis: penyelenggara
- slug: polres-contoh-kota
  nama: Polres Contoh Kota
  jenis: keamanan
"""

# A post exactly as Decap CMS 3.16 saved it through this config (new entry, every widget used).
DECAP_POST = """\
---
title: Apel Siaga Pengawasan Masa Tenang
date: 2024-11-24 09:11
tahapan:
  - masa-tenang
lembaga:
  - Polres Contoh Kota
  - Satpol PP Kota Contoh
tags:
  - masa tenang
draft: false
author: Humas
---
Kota Contoh. Bawaslu menggelar apel siaga.
"""


def build_config(site: Site, capsys: pytest.CaptureFixture[str], *args: str, output: Path | None = None) -> tuple[dict, Path]:
    run = site.build(capsys, *args, output=output)
    assert run.code == 0, run.err
    text = (run.output / "admin" / "config.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text), run.output


def fields_of(config: dict, collection: str) -> dict[str, dict]:
    found = next(c for c in config["collections"] if c["name"] == collection)
    return {field["name"]: field for field in found["fields"]}


def required(field: dict) -> bool:
    return field.get("required", True)  # Decap's default


@pytest.mark.parametrize("admin", ["", "\n[admin]\nenabled = false\nrepo = \"org/situs\"\n"])
def test_no_editor_unless_enabled(site: Site, capsys: pytest.CaptureFixture[str], admin: str) -> None:
    site.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n' + admin)
    site.add_post("2024-08-13-rakor")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert not (run.output / "admin").exists()


def test_config_has_the_backend_from_site_toml(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    config, _ = build_config(site, capsys)
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == "bawaslu-kota-contoh/situs"
    assert config["backend"]["branch"] == "terbit"
    assert config["local_backend"] is True
    assert config["locale"] == "id"
    assert config["media_folder"] == "static/gambar"
    assert config["public_folder"] == "/gambar"
    assert config["site_url"] == "https://org.github.io/situs/"
    assert all(message.split()[0] in ("Tambah", "Ubah", "Hapus", "Unggah")
               for message in config["backend"]["commit_messages"].values())


@pytest.mark.parametrize(("backend", "repo"), [("gitlab", "bawaslu/situs"), ("git-gateway", None)])
def test_other_backends(site: Site, capsys: pytest.CaptureFixture[str], backend: str, repo: str | None) -> None:
    repo_line = f'repo = "{repo}"\n' if repo else ""
    site.config(f'title = "Bawaslu"\nbase_url = "https://contoh.example/"\n[admin]\nenabled = true\nbackend = "{backend}"\n{repo_line}')
    site.add_post("2024-08-13-rakor")
    config, _ = build_config(site, capsys)
    assert config["backend"]["name"] == backend
    assert config["backend"]["branch"] == "main"
    if repo:
        assert config["backend"]["repo"] == repo
    else:
        assert "repo" not in config["backend"]  # git-gateway finds the repository through Netlify


def test_post_collection_fields_widgets_and_required_flags(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    config, _ = build_config(site, capsys)
    posts = next(c for c in config["collections"] if c["name"] == "berita")
    assert posts["folder"] == "content/berita"
    assert posts["create"] is True
    assert posts["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"
    assert (posts["extension"], posts["format"]) == ("md", "frontmatter")

    fields = fields_of(config, "berita")
    widgets = {name: field["widget"] for name, field in fields.items()}
    assert widgets == {
        "title": "string", "date": "datetime", "tahapan": "select", "lembaga": "list", "tags": "list",
        "summary": "text", "image": "image", "image_alt": "string", "image_caption": "string", "draft": "boolean", "author": "string",
        "body": "markdown",
    }
    assert list(fields) == ["title", "date", "tahapan", "lembaga", "tags", "summary", "image", "image_alt",
                            "image_caption", "draft", "author", "body"]  # the order Decap writes the front matter in
    assert {name for name, field in fields.items() if required(field)} == {"title", "date", "body"}
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert fields["tahapan"]["multiple"] is True
    assert fields["draft"]["default"] is False
    # Free names must stay possible: a list of text boxes, not a select limited to known agencies.
    assert fields["lembaga"]["field"]["widget"] == "string"
    assert fields["tags"]["field"]["widget"] == "string"
    assert "gambar" in fields["image_alt"]["hint"] and "Wajib" in fields["image_alt"]["hint"]
    # Every field is a key Warta reads; labels are Indonesian.
    assert set(fields) - {"body"} <= set(POST_KEYS)
    assert fields["title"]["label"] == "Judul" and fields["body"]["label"] == "Isi berita"


def test_agency_hint_lists_the_sites_known_agencies(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.write("data/lembaga.yaml", LEMBAGA)
    site.add_post("2024-08-13-rakor", lembaga=["Lembaga Baru Sekali"])
    config, _ = build_config(site, capsys)
    hint = fields_of(config, "berita")["lembaga"]["hint"]
    assert "Bawaslu Kota Contoh" in hint and "Polres Contoh Kota" in hint
    assert "Lembaga Baru Sekali" not in hint  # only agencies of data/lembaga.yaml are "known"


def test_stage_options_follow_the_default_timeline(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    config, _ = build_config(site, capsys)
    stages = yaml.safe_load((REPO / "warta" / "defaults" / "data" / "tahapan.yaml").read_text(encoding="utf-8"))
    options = fields_of(config, "berita")["tahapan"]["options"]
    assert options == [{"label": s["nama"], "value": s["slug"]} for s in stages]
    assert options[0] == {"label": "Persiapan", "value": "persiapan"}


def test_sites_own_stages_change_the_options(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.write("data/tahapan.yaml", TAHAPAN)
    site.add_post("2024-08-13-rakor", tahapan=["kampanye-terbuka"])
    config, _ = build_config(site, capsys)
    assert fields_of(config, "berita")["tahapan"]["options"] == [
        {"label": "Pendaftaran Pemilih", "value": "pendaftaran-pemilih"},
        {"label": "Kampanye Terbuka", "value": "kampanye-terbuka"},
        {"label": "Hari Pemungutan", "value": "hari-pemungutan"},
    ]


def test_editing_the_stages_rewrites_the_config_on_the_next_build(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    first, output = build_config(site, capsys)
    site.write("data/tahapan.yaml", TAHAPAN)
    second, _ = build_config(site, capsys, output=output)
    assert fields_of(first, "berita")["tahapan"]["options"] != fields_of(second, "berita")["tahapan"]["options"]
    assert fields_of(second, "berita")["tahapan"]["options"][0]["value"] == "pendaftaran-pemilih"


def test_page_collection(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    config, _ = build_config(site, capsys)
    pages = next(c for c in config["collections"] if c["name"] == "halaman")
    assert pages["folder"] == "content/halaman"
    fields = fields_of(config, "halaman")
    assert {name: field["widget"] for name, field in fields.items()} == {
        "title": "string", "summary": "text", "menu": "string", "body": "markdown"}
    assert {name for name, field in fields.items() if required(field)} == {"title", "body"}
    assert set(fields) - {"body"} <= set(PAGE_KEYS)


def test_config_is_deterministic_yaml_with_a_do_not_edit_header(site: Site, capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    one = site.build(capsys, output=tmp_path / "satu")
    two = site.build(capsys, "--jobs", "1", output=tmp_path / "dua")
    first = (one.output / "admin" / "config.yml").read_bytes()
    assert first == (two.output / "admin" / "config.yml").read_bytes()
    text = first.decode("utf-8")
    assert text.startswith("# Dibuat otomatis oleh Warta")
    assert "Pemungutan Suara" in text  # unicode and plain text, not escaped


def test_index_page_loads_the_local_bundle(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    run = site.build(capsys)
    text = (run.output / "admin" / "index.html").read_text(encoding="utf-8")
    assert text.lower().startswith("<!doctype html>")
    soup = BeautifulSoup(text, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.title.string == "Editor – Bawaslu Kota Contoh"
    assert soup.find("meta", charset=True)["charset"] == "utf-8"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scripts = [tag["src"] for tag in soup.find_all("script")]
    assert scripts == ["./decap-cms.js"]  # never a CDN
    assert soup.find("link", rel="cms-config-url")["href"] == "config.yml"
    missing = soup.find(id="editor-tidak-ada")
    assert missing.has_attr("hidden") and "decap-cms.js" in missing.get_text()


def test_title_is_escaped(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN.replace('title = "Bawaslu Kota Contoh"', 'title = "Bawaslu <Kota> & Contoh"'))
    site.add_post("2024-08-13-rakor")
    run = site.build(capsys)
    soup = BeautifulSoup((run.output / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.string == "Editor – Bawaslu <Kota> & Contoh"


def test_editor_files_are_not_in_the_sitemap(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    run = site.build(capsys)
    assert (run.output / "admin" / "index.html").is_file()
    urls = [loc.text for loc in ET.parse(run.output / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert urls and not any("/admin" in url for url in urls)


def test_bundle_in_static_admin_is_published_beside_the_page(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    site.write("static/admin/decap-cms.js", "/* bundle */\n")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert (run.output / "admin" / "decap-cms.js").read_text() == "/* bundle */\n"
    assert (run.output / "admin" / "config.yml").is_file()


def test_a_static_file_may_not_take_the_editors_place(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    site.write("static/admin/config.yml", "backend:\n  name: github\n")
    run = site.build(capsys)
    assert run.code == 1
    assert run.error_lines == [f"{site.root / 'static'}/admin/config.yml: menulis 'admin/config.yml' "
                               "yang juga ditulis oleh editor /admin/ buatan Warta"], run.err


def test_a_post_saved_by_decap_builds(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.write("data/lembaga.yaml", LEMBAGA)
    site.write("content/berita/2024-11-24-apel-siaga-pengawasan-masa-tenang.md", DECAP_POST)
    run = site.build(capsys)
    assert run.code == 0, run.err
    page = run.html("/berita/apel-siaga-pengawasan-masa-tenang/")
    assert page.find("h1").get_text(strip=True) == "Apel Siaga Pengawasan Masa Tenang"
    assert (run.output / "lembaga" / "polres-contoh-kota" / "index.html").is_file()
    assert (run.output / "tag" / "masa-tenang" / "index.html").is_file()


def test_backend_options_are_forwarded_when_the_config_has_them() -> None:
    """An OAuth server or GitLab's PKCE login, once site.toml can carry them, reaches Decap unchanged."""
    from warta.admin import decap_config
    from warta.config import SiteConfig
    from warta.model import SiteModel
    from warta.registry import NEWS_ONLY

    @dataclasses.dataclass(frozen=True)
    class WithOAuth(Admin):
        base_url: str = ""
        auth_type: str = ""
        app_id: str = ""

    admin = WithOAuth(enabled=True, backend="gitlab", repo="org/situs", base_url="https://oauth.contoh.example",
                      auth_type="pkce", app_id="abc123")
    empty = {f.name: () for f in dataclasses.fields(SiteModel)}
    model = SiteModel(**{**empty, "config": SiteConfig(admin=admin), "registry": NEWS_ONLY, "neighbours": {}, "term_names": {},
                         "by_kind": {}, "taxonomies": {"tahapan": (), "lembaga": (), "tag": ()}})
    backend = decap_config(model)["backend"]
    assert (backend["base_url"], backend["auth_type"], backend["app_id"]) == ("https://oauth.contoh.example", "pkce", "abc123")
    assert "site_domain" not in backend


# --- One editor collection per kind of content -------------------------------------------------------------------

def test_news_only_config_is_unchanged_byte_for_byte(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    """A site with news only gets exactly the config.yml Warta wrote before kinds existed."""
    site.config(GITHUB_ADMIN)
    site.write("data/tahapan.yaml", TAHAPAN)
    site.write("data/lembaga.yaml", LEMBAGA)
    site.write("content/berita/2024-08-13-rakor.md", "---\ntitle: Rakor\ndate: 2024-08-13\n---\nIsi.\n")
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    expected = (REPO / "tests" / "golden" / "admin-news-only.yml").read_bytes()
    assert (run.output / "admin" / "config.yml").read_bytes() == expected


class _OpinionRules:
    """Rules a test gives a declared kind: one key of its own, no date needed."""

    def __init__(self) -> None:
        from warta.kinds import KindRules

        class Rules(KindRules):
            name = "opini"
            title = "Opini"
            keys = ("narasumber",)
            date_required = False

            def admin_fields(self) -> list[dict]:
                return [{"name": "narasumber", "label": "Narasumber", "widget": "string", "required": True}]

        self.rules = Rules()


def test_every_kind_gets_its_own_collection_with_its_own_fields(site: Site, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.kinds

    monkeypatch.setitem(warta.kinds._BY_NAME, "opini", _OpinionRules().rules)
    site.config(GITHUB_ADMIN + '\n[koleksi.opini]\njudul = "Opini Warga"\n\n[taksonomi.wilayah]\njudul = "Wilayah"\n')
    site.add_post("2024-08-13-rakor")
    site.write("content/opini/2024-08-14-suara.md", "---\ntitle: Suara\ndate: 2024-08-14\nnarasumber: Budi\n---\nIsi.\n")
    config, _ = build_config(site, capsys, "--jobs", "1")
    assert [c["name"] for c in config["collections"]] == ["berita", "opini", "halaman"]
    opinion = next(c for c in config["collections"] if c["name"] == "opini")
    assert (opinion["label"], opinion["folder"], opinion["create"]) == ("Opini Warga", "content/opini", True)
    assert "/opini/" in opinion["description"]
    assert (opinion["extension"], opinion["format"]) == ("md", "frontmatter")
    fields = fields_of(config, "opini")
    assert list(fields) == ["title", "date", "tahapan", "lembaga", "tags", "wilayah", "summary", "image", "image_alt",
                            "image_caption", "draft", "author", "narasumber", "body"]
    assert not required(fields["date"])  # the kind orders its items without a date
    assert required(fields["narasumber"]) and fields["narasumber"]["label"] == "Narasumber"
    # The site's own taxonomy is free names, one text box each, in every kind.
    for kind in ("berita", "opini"):
        wilayah = fields_of(config, kind)["wilayah"]
        assert wilayah["widget"] == "list" and wilayah["label"] == "Wilayah" and not required(wilayah)
        assert wilayah["field"]["widget"] == "string"
    assert required(fields_of(config, "berita")["date"])
    assert "narasumber" not in fields_of(config, "berita")


def test_a_shipped_kind_with_a_folder_gets_a_collection(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.config(GITHUB_ADMIN)
    site.add_post("2024-08-13-rakor")
    (site.root / "content" / "agenda").mkdir()
    config, _ = build_config(site, capsys)
    agenda = next(c for c in config["collections"] if c["name"] == "agenda")
    assert (agenda["label"], agenda["folder"]) == ("Agenda", "content/agenda")
    assert [c["name"] for c in config["collections"]][-1] == "halaman"
