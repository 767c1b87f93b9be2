"""JSON embedded in pages (JSON-LD, a site template's `tojson`) can never change the page around it.

Pages are parsed with html5lib, which follows the HTML standard the way a
browser does: `<!--<script>` inside a script element makes a browser ignore
the `</script>` that should end it, so a parser that is less strict would not
see the blank article a reader sees.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import BuildRun, Site
from warta.htmljson import html_json, tojson_filter

HOSTILE = ("<!--<script>", "</script><script>alert(1)</script>", "]]>", "\u2028", "&", "\"kutip\" 'satu'")
TITLE = "Rakor " + " ".join(HOSTILE) + " Selesai"
SUMMARY = "Ringkasan <!--<script> & ]]> \u2028 akhir"
AUTHOR = "Siti </script><script>alert(1)</script> & \"Ani\""  # people, so named in the JSON-LD
STAGE = "Kampanye <!--<script> & ]]>\u2029Akhir"
AGENCY = "Polres <!--<script> \u2028 & \"Kota\""
TAG = "<!--<script> & ]]>"
SITE_TITLE = "Bawaslu <!--<script> & Kota"
BODY = "Paragraf isi berita yang harus tetap terbaca."


def shown(text: str) -> str:
    """Front-matter text as Warta shows it: runs of whitespace (U+2028 too) become one space."""
    return " ".join(text.split())


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value)


def html5(run: BuildRun, site_path: str) -> BeautifulSoup:
    return BeautifulSoup(run.file(site_path).read_text(encoding="utf-8"), "html5lib")


def structured(page: BeautifulSoup) -> dict[str, dict]:
    blocks = page.find_all("script", type="application/ld+json")
    assert blocks, "no structured data"
    return {d["@type"]: d for d in (json.loads(s.string) for s in blocks)}


@pytest.fixture
def hostile(site: Site, capsys) -> BuildRun:
    site.config(f'title = {json.dumps(SITE_TITLE)}\nbase_url = "https://contoh.example/"\n')
    site.write("data/tahapan.yaml", f"- slug: kampanye\n  nama: {yaml_text(STAGE)}\n  keterangan: Masa kampanye.\n")
    site.write("data/lembaga.yaml", f"- slug: polres\n  nama: {yaml_text(AGENCY)}\n  jenis: keamanan\n")
    site.write("content/berita/2024-08-13-rakor.md", "\n".join([
        "---",
        f"title: {yaml_text(TITLE)}",
        "date: 2024-08-13",
        f"summary: {yaml_text(SUMMARY)}",
        f"author: {yaml_text(AUTHOR)}",
        "tahapan: [kampanye]",
        f"lembaga: [{yaml_text(AGENCY)}]",
        f"tags: [{yaml_text(TAG)}]",
        "---",
        "",
        BODY,
        "",
    ]))
    site.add_post("2024-08-12-apel", title="Apel Siaga", date="2024-08-12", tahapan=["kampanye"], lembaga=["polres"],
                  body="Apel siaga pengawasan.")
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    return run


def test_hostile_article_renders_whole(hostile: BuildRun):
    page = html5(hostile, "/berita/rakor/")
    assert page.find("h1").get_text() == shown(TITLE)
    assert page.find("div", class_="isi").find("p").get_text() == BODY
    assert page.find("footer", class_="label-artikel") is not None  # what follows the body is still markup
    for script in page.find_all("script"):
        assert script.get("type") == "application/ld+json" or script.get("src"), script
    data = structured(page)
    article = data["NewsArticle"]
    assert article["headline"] == shown(TITLE)
    assert article["description"] == shown(SUMMARY)
    assert article["author"] == [{"@type": "Person", "name": shown(AUTHOR)}]
    assert article["articleSection"] == [STAGE]
    assert article["keywords"] == [shown(TAG)]
    assert article["publisher"]["name"] == SITE_TITLE
    assert [item["name"] for item in data["BreadcrumbList"]["itemListElement"]] == ["Beranda", "Berita", shown(TITLE)]


def test_hostile_stage_name_leaves_every_article_of_the_stage_whole(hostile: BuildRun):
    page = html5(hostile, "/berita/apel/")
    assert page.find("h1").get_text() == "Apel Siaga"
    assert page.find("div", class_="isi").find("p").get_text() == "Apel siaga pengawasan."
    assert structured(page)["NewsArticle"]["articleSection"] == [STAGE]
    labels = [a.get_text() for a in page.find("footer", class_="label-artikel").find_all("a")]
    assert labels == [STAGE, AGENCY]


@pytest.mark.parametrize(("path", "name"), [("/tahapan/kampanye/", STAGE), ("/lembaga/polres/", AGENCY)])
def test_hostile_term_pages_render_whole(hostile: BuildRun, path: str, name: str):
    page = html5(hostile, path)
    assert page.find("h1").get_text() == name
    crumbs = structured(page)["BreadcrumbList"]["itemListElement"]
    assert crumbs[-1]["name"] == name
    titles = [a.get_text() for a in page.find("main").find_all("a") if a.get("href", "").startswith("/berita/")]
    assert shown(TITLE) in titles and "Apel Siaga" in titles


def test_every_page_keeps_its_structured_data_and_footer(hostile: BuildRun):
    pages = sorted(hostile.output.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")
        assert page.find("footer") is not None, path  # nothing after the head was swallowed
        for block in page.find_all("script", type="application/ld+json"):
            json.loads(block.string)


def test_site_template_tojson_is_html_safe(site: Site, capsys):
    site.config(f'title = {json.dumps(SITE_TITLE)}\nbase_url = "https://contoh.example/"\n')
    site.write("templates/404.html", '{% extends "base.html" %}\n{% block main %}\n'
                                     '<script type="application/json" id="data">{{ {"judul": site.title, "l": "\u2028"} | tojson }}</script>\n'
                                     "<div data-x='{{ [site.title] | tojson }}'></div>\n"
                                     "<h1>Tidak ada</h1>\n{% endblock %}\n")
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    page = html5(run, "/404.html")
    assert json.loads(page.find("script", id="data").string) == {"judul": SITE_TITLE, "l": "\u2028"}
    assert json.loads(page.find("div", attrs={"data-x": True})["data-x"]) == [SITE_TITLE]
    assert page.find("h1").get_text() == "Tidak ada"


def test_html_json_escapes_only_what_html_could_read():
    assert html_json({"a": "Jum'at \"x\" é/"}, ensure_ascii=False) == json.dumps({"a": "Jum'at \"x\" é/"}, ensure_ascii=False)
    text = html_json(["<!--<script>", "</script>", "]]>", "&amp;", "\u2028\u2029"], ensure_ascii=False)
    assert text == '["\\u003c!--\\u003cscript\\u003e", "\\u003c/script\\u003e", "]]\\u003e", "\\u0026amp;", "\\u2028\\u2029"]'
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == ["<!--<script>", "</script>", "]]>", "&amp;", "\u2028\u2029"]
    assert str(tojson_filter({"b": "'", "a": 1})) == '{"a": 1, "b": "\\u0027"}'
