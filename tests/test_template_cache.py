"""Compiled templates are kept in the build cache; what they fold in at compile time must never go stale."""

from __future__ import annotations

from pathlib import Path

from conftest import Site, internal_links


def _links(run, site_path: str) -> list[str]:
    return internal_links(run.html(site_path))


def test_compiled_templates_are_kept_in_the_cache(site: Site, capsys, private_cache: Path):
    site.add_post("rakor")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert list(private_cache.rglob("templates/*/__jinja2_*.cache")), "no compiled template was stored"


def test_changing_the_base_path_does_not_reuse_links_compiled_for_the_old_one(site: Site, capsys, tmp_path: Path):
    # `'/css/warta.css' | url` is evaluated when Jinja compiles the template: compiled code made for one
    # base path must not serve another.
    site.add_post("rakor")
    for base_url, prefix in (("https://contoh.example/", "/"), ("https://contoh.example/situs/", "/situs/"),
                             ("https://contoh.example/", "/")):
        run = site.build(capsys, "--base-url", base_url, output=tmp_path / "keluaran")
        assert run.code == 0, run.err
        for page in ("/", "/berita/rakor/"):
            links = _links(run, page)
            assert links and all(link.startswith(prefix) for link in links), (base_url, page, links)
            if prefix == "/":
                assert not any(link.startswith("/situs/") for link in links)


def test_a_damaged_compiled_template_is_compiled_again(site: Site, capsys, private_cache: Path):
    site.add_post("rakor")
    first = site.build(capsys)
    assert first.code == 0, first.err
    expected = first.file("/berita/rakor/").read_bytes()
    for compiled in private_cache.rglob("templates/*/__jinja2_*.cache"):
        compiled.write_bytes(b"rusak")
    second = site.build(capsys, output=first.output.parent / "lagi")
    assert second.code == 0, second.err
    assert (first.output.parent / "lagi" / "berita" / "rakor" / "index.html").read_bytes() == expected
