"""Escaping, sanitising and never writing outside the output folder."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Site


def test_front_matter_is_escaped_everywhere(site: Site, capsys):
    site.add_post("2024-08-13-xss", title='Rakor <script>alert("x")</script> & "Damai"', date="2024-08-13",
                  summary="<img src=x onerror=alert(1)>", tags=["<b>tebal</b>"], author="<i>Humas</i>")
    run = site.build(capsys)
    assert run.code == 0, run.err
    for path in ("/", "/berita/", "/berita/xss/", "/tag/b-tebal-b/", "/arsip/2024/"):
        page = run.html(path)
        for script in page.find_all("script"):
            # Only Warta's own: structured data (inert JSON) and the copy-link helper.
            assert script.get("type") == "application/ld+json" or script.get("src") == "/js/salin.js", (path, script)
            if script.get("type") == "application/ld+json":
                json.loads(script.string)
        assert page.find("img", onerror=True) is None, path
        assert page.find("i") is None and page.find("b") is None, path
    article = run.html("/berita/xss/")
    assert article.find("h1").get_text() == 'Rakor <script>alert("x")</script> & "Damai"'
    assert article.find("meta", attrs={"name": "description"})["content"] == "<img src=x onerror=alert(1)>"
    data = [json.loads(s.string) for s in article.find_all("script", type="application/ld+json")]
    assert next(d for d in data if d["@type"] == "NewsArticle")["headline"] == 'Rakor <script>alert("x")</script> & "Damai"'
    assert "&lt;script&gt;" in run.file("/feed.xml").read_text()


def test_raw_html_in_body_is_sanitised(site: Site, capsys):
    body = """
    Paragraf <b onclick="curi()">tebal</b> dan <a href="javascript:alert(1)">tautan jahat</a>.

    <script>alert('x')</script>
    <iframe src="https://jahat.example/"></iframe>
    <img src="/gambar/a.jpg" alt="Apel" onerror="alert(1)">
    <a href="https://bawaslu.go.id/" style="color:red">Bawaslu RI</a>
    <form action="/x"><input name="a"></form>
    """
    site.write("static/gambar/a.jpg", (Path(__file__).parent / "invalid_sites/image-without-alt/static/gambar/apel.jpg").read_bytes())
    site.add_post("2024-08-13-html", title="HTML", date="2024-08-13", body=body)
    run = site.build(capsys)
    body_html = run.html("/berita/html/").find("div", class_="isi")
    assert body_html.find("script") is None and body_html.find("iframe") is None and body_html.find("form") is None
    assert "alert('x')" not in body_html.get_text()
    for tag in body_html.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag
        assert "javascript:" not in tag.get("href", "")
        assert "style" not in tag.attrs or tag.name in ("td", "th")
    assert body_html.find("a", href="https://bawaslu.go.id/").get_text() == "Bawaslu RI"
    assert body_html.find("img")["alt"] == "Apel"
    assert body_html.find("b").get_text() == "tebal"


def test_slug_cannot_escape_the_output_folder(site: Site, capsys, tmp_path):
    site.add_post("2024-08-13-a", title="A", date="2024-08-13", slug="../../../pwned")
    run = site.build(capsys)
    assert run.code == 1
    assert ":4: slug '../../../pwned' tidak valid" in run.err
    assert not any(p.name == "pwned" for p in tmp_path.rglob("*"))


def test_headings_in_body_are_demoted_below_the_article_title(site: Site, capsys):
    site.add_post("2024-08-13-a", title="Judul", date="2024-08-13", body="# Bagian\n\nTeks.\n\n## Sub bagian\n\nTeks.")
    page = site.build(capsys).html("/berita/a/")
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == ["Judul"]
    assert page.find("div", class_="isi").find("h2").get_text(strip=True) == "Bagian"
    assert page.find("div", class_="isi").find("h3").get_text(strip=True) == "Sub bagian"


def test_files_inside_hidden_folders_of_static_are_not_published(site: Site, capsys):
    """A repository cloned into static/ brings .git/config (a remote URL may carry a token), an editor its
    .cache/: only the file name was checked for a leading dot, so both were published. `.well-known/`
    (security.txt, app links) is meant for the public and stays."""
    site.add_post("2024-08-13-rakor")
    site.write("static/.git/config", '[remote "origin"]\n\turl = https://humas:ghp_rahasia@github.com/x/y\n')
    site.write("static/gambar/.cache/catatan.txt", "draf pribadi\n")
    site.write("static/.well-known/security.txt", "Contact: mailto:humas@contoh.example\n")
    site.write("static/berkas/surat.txt", "surat\n")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert not (run.output / ".git").exists()
    assert not (run.output / "gambar" / ".cache").exists()
    assert (run.output / ".well-known" / "security.txt").read_text() == "Contact: mailto:humas@contoh.example\n"
    assert (run.output / "berkas" / "surat.txt").is_file()
