"""Only files inside the site folder are ever read: links leading out, loops and special files are errors.

A link in `static/` to /proc/self/environ once published the build machine's
environment (CI deploy tokens included). Every way in (posts, pages, static
files, pictures, data files, site.toml, templates) must refuse a path that
resolves outside the site folder, name it, and publish nothing from there;
links that stay inside are followed. `warta check` and the preview must say
the same as `warta build`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Site, post
from warta.cli import main
from warta.incremental import IncrementalSite
from warta.pipeline import BuildOptions

OUTSIDE = "tautan simbolik menunjuk ke luar folder situs"
SECRET = "RAHASIA-JANGAN-TERBIT"


@pytest.fixture
def beside(site: Site) -> Path:
    """A file beside the site folder (where a checkout's other files, or a home folder's, would be)."""
    path = site.root.parent / "rahasia.txt"
    path.write_text(f"TOKEN={SECRET}\n", encoding="utf-8")
    return path


def link(site: Site, relative: str, target: str | Path) -> Path:
    path = site.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return path


def every_output_byte(output: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file())


def assert_refused(run, *lines: str) -> None:
    assert run.code == 1, run.err
    assert run.error_lines == list(lines)
    assert not run.output.exists()


def test_static_link_to_a_system_file_is_an_error_with_its_path(site: Site, capsys):
    site.add_post("2024-08-13-rakor")
    link(site, "static/passwd.txt", "/etc/passwd")
    run = site.build(capsys)
    assert_refused(run, f"{site.root}/static/passwd.txt: {OUTSIDE} (/etc/passwd); salin berkasnya ke dalam folder situs")


def test_static_link_to_the_process_environment_publishes_nothing(site: Site, capsys, monkeypatch):
    monkeypatch.setenv("WARTA_TEST_SECRET", SECRET)
    site.add_post("2024-08-13-rakor")
    link(site, "static/env.txt", "/proc/self/environ")
    run = site.build(capsys)
    assert_refused(run, f"{site.root}/static/env.txt: {OUTSIDE} (/proc/self/environ); salin berkasnya ke dalam folder situs")


def test_links_to_a_file_beside_the_site_are_refused_everywhere(site: Site, beside: Path, capsys):
    site.add_post("2024-08-13-rakor")
    link(site, "static/catatan.txt", "../../rahasia.txt")
    link(site, "content/berita/2024-08-14-bocor.md", beside)
    link(site, "content/halaman/bocor.md", beside)
    link(site, "templates/card.html", beside)
    run = site.build(capsys)
    assert_refused(run,
                   f"{site.root}/content/berita/2024-08-14-bocor.md: {OUTSIDE} ({beside}); salin berkasnya ke dalam folder situs",
                   f"{site.root}/content/halaman/bocor.md: {OUTSIDE} ({beside}); salin berkasnya ke dalam folder situs",
                   f"{site.root}/static/catatan.txt: {OUTSIDE} (../../rahasia.txt); salin berkasnya ke dalam folder situs",
                   f"{site.root}/templates/card.html: {OUTSIDE} ({beside}); salin berkasnya ke dalam folder situs")


def test_a_linked_folder_pointing_outside_is_refused_without_reading_it(site: Site, beside: Path, capsys):
    site.add_post("2024-08-13-rakor")
    link(site, "static/berkas", beside.parent)  # the folder holding the site: everything beside it
    run = site.build(capsys)
    assert_refused(run, f"{site.root}/static/berkas: {OUTSIDE} ({beside.parent}); salin berkasnya ke dalam folder situs")


def test_whole_content_folder_linked_outside_is_refused(site: Site, tmp_path: Path, capsys):
    elsewhere = tmp_path / "di-luar" / "berita"
    elsewhere.mkdir(parents=True)
    (elsewhere / "2024-08-13-rakor.md").write_text(post(), encoding="utf-8")
    (site.root / "content" / "berita").rmdir()
    link(site, "content/berita", elsewhere)
    run = site.build(capsys)
    assert_refused(run, f"{site.root}/content/berita: {OUTSIDE} ({elsewhere}); salin berkasnya ke dalam folder situs")


def test_data_file_and_site_toml_linked_outside_are_refused(site: Site, beside: Path, capsys):
    site.add_post("2024-08-13-rakor")
    link(site, "data/tahapan.yaml", beside)
    (site.root / "site.toml").unlink()
    link(site, "site.toml", beside)
    run = site.build(capsys)
    assert_refused(run,
                   f"{site.root}/data/tahapan.yaml: {OUTSIDE} ({beside}); salin berkasnya ke dalam folder situs",
                   f"{site.root}/site.toml: {OUTSIDE} ({beside}); salin berkasnya ke dalam folder situs")


def test_a_picture_linked_outside_is_never_opened(site: Site, tmp_path: Path, capsys):
    picture = tmp_path / "foto-luar.png"
    from PIL import Image

    Image.new("RGB", (900, 600), "red").save(picture)
    link(site, "static/gambar/foto.png", picture)
    site.add_post("2024-08-13-rakor", image="/gambar/foto.png", image_alt="Foto")
    run = site.build(capsys)
    assert run.code == 1
    assert f"{site.root}/static/gambar/foto.png: {OUTSIDE} ({picture}); salin berkasnya ke dalam folder situs" in run.error_lines
    assert not run.output.exists()


def test_fifo_in_static_is_an_error_and_does_not_hang(site: Site, capsys):
    site.add_post("2024-08-13-rakor")
    (site.root / "static").mkdir()
    os.mkfifo(site.root / "static" / "pipa.txt")
    os.mkfifo(site.root / "content" / "berita" / "2024-08-14-pipa.md")
    run = site.build(capsys)
    assert_refused(run,
                   f"{site.root}/content/berita/2024-08-14-pipa.md: bukan berkas biasa (FIFO) dan tidak dapat dibaca; hapus dari folder situs",
                   f"{site.root}/static/pipa.txt: bukan berkas biasa (FIFO) dan tidak dapat dibaca; hapus dari folder situs")


def test_link_loops_are_errors_not_hangs(site: Site, capsys):
    site.add_post("2024-08-13-rakor")
    link(site, "static/atas", "..")  # the site folder, which holds static/ again
    link(site, "static/sendiri.txt", "sendiri.txt")
    run = site.build(capsys)
    loop = "tautan simbolik berputar (menunjuk ke dirinya sendiri atau ke folder di atasnya); hapus atau perbaiki tautannya"
    assert_refused(run, f"{site.root}/static/atas: {loop}", f"{site.root}/static/sendiri.txt: {loop}")


def test_links_into_the_git_folder_are_refused(site: Site, capsys):
    # actions/checkout keeps the deploy token in .git/config unless told otherwise
    site.write(".git/config", f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    site.add_post("2024-08-13-rakor")
    link(site, "static/config.txt", "../.git/config")
    run = site.build(capsys)
    assert_refused(run, f"{site.root}/static/config.txt: tautan simbolik menunjuk ke dalam folder .git (../.git/config); "
                        "berkas di sana tidak boleh diterbitkan")


def test_links_that_stay_inside_are_followed(site: Site, capsys):
    site.write("bersama/logo.txt", "logo bersama\n")
    site.write("bersama/berita/2024-08-12-apel.md", post(title="Apel Siaga Pengawasan", date="2024-08-12"))
    site.write("bersama/aset/peta.txt", "peta\n")
    site.add_post("2024-08-13-rakor")
    link(site, "static/logo.txt", "../bersama/logo.txt")
    link(site, "static/aset", "../bersama/aset")  # a linked folder inside the site: walked like a plain one
    link(site, "content/berita/2024-08-12-apel.md", "../../bersama/berita/2024-08-12-apel.md")
    run = site.build(capsys)
    assert run.code == 0, run.err
    assert run.file("/logo.txt").read_text(encoding="utf-8") == "logo bersama\n"
    assert run.file("/aset/peta.txt").read_text(encoding="utf-8") == "peta\n"
    assert run.html("/berita/apel/").find("h1").get_text(strip=True) == "Apel Siaga Pengawasan"


def test_check_says_what_build_says(site: Site, beside: Path, capsys, monkeypatch):
    site.add_post("2024-08-13-rakor")
    link(site, "static/catatan.txt", "../../rahasia.txt")
    monkeypatch.chdir(site.root)
    capsys.readouterr()
    code = main(["check"])
    captured = capsys.readouterr()
    assert code == 1
    assert f"static/catatan.txt: {OUTSIDE} (../../rahasia.txt); salin berkasnya ke dalam folder situs" in captured.err.splitlines()
    assert SECRET not in captured.out + captured.err


def test_preview_refuses_a_link_added_while_it_runs_and_recovers(site: Site, beside: Path, tmp_path: Path):
    site.add_post("2024-08-13-rakor")
    live = tmp_path / "pratinjau"
    preview = IncrementalSite(BuildOptions(site=site.root, search=False), live)
    assert preview.full().ok
    # A refused source, as the first full read sees it...
    bad_post = link(site, "content/berita/2024-08-14-bocor.md", beside)
    report = preview.rebuild({bad_post})
    assert [d.format() for d in report.diagnostics.errors] == [
        f"{site.root}/content/berita/2024-08-14-bocor.md: {OUTSIDE} ({beside}); salin berkasnya ke dalam folder situs"]
    # ...and a refused static file, while the source is still there and once it is gone.
    bad_static = link(site, "static/catatan.txt", "../../rahasia.txt")
    bad_post.unlink()
    report = preview.rebuild({bad_post, bad_static})
    assert [d.format() for d in report.diagnostics.errors] == [
        f"{site.root}/static/catatan.txt: {OUTSIDE} (../../rahasia.txt); salin berkasnya ke dalam folder situs"]
    assert SECRET.encode() not in every_output_byte(live)
    bad_static.unlink()
    report = preview.rebuild({bad_static})
    assert report.ok, [d.format() for d in report.diagnostics.errors]
    assert SECRET.encode() not in every_output_byte(live)


def test_preview_follows_inside_links_like_the_build(site: Site, tmp_path: Path, capsys):
    site.write("bersama/2024-08-12-apel.md", post(title="Apel Siaga", date="2024-08-12"))
    site.add_post("2024-08-13-rakor")
    live = tmp_path / "pratinjau"
    preview = IncrementalSite(BuildOptions(site=site.root, search=False), live)
    assert preview.full().ok
    added = link(site, "content/berita/2024-08-12-apel.md", "../../bersama/2024-08-12-apel.md")
    assert preview.rebuild({added}).ok
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    files = sorted(p.relative_to(run.output).as_posix() for p in run.output.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(live).as_posix() for p in live.rglob("*") if p.is_file())
    assert (live / "berita/apel/index.html").read_bytes() == run.file("/berita/apel/").read_bytes()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_preview_rebuilds_when_a_linked_file_is_edited_where_it_really_is(site: Site, tmp_path: Path, capsys):
    shared = site.root / "bersama"
    site.write("bersama/2024-08-12-apel.md", post(title="Apel Siaga", date="2024-08-12"))
    site.write("bersama/logo.txt", "logo lama\n")
    page_404 = '{%% extends "base.html" %%}{%% block main %%}<p id="hilang">%s</p>{%% endblock %%}\n'
    site.write("tema/404.html", page_404 % "Tidak ada, versi lama")
    site.add_post("2024-08-13-rakor")
    link(site, "content/berita/2024-08-12-apel.md", "../../bersama/2024-08-12-apel.md")
    link(site, "static/logo.txt", "../bersama/logo.txt")
    link(site, "templates/404.html", "../tema/404.html")
    live = tmp_path / "pratinjau"
    preview = IncrementalSite(BuildOptions(site=site.root, search=False), live)
    assert preview.full().ok
    assert preview.linked_folders() == [shared, site.root / "tema"]  # what `warta serve` watches besides the usual
    # Edited where they really are: the events name bersama/... and tema/..., never content/ or static/.
    changed = {site.write("bersama/2024-08-12-apel.md", post(title="Apel Siaga Diperbarui", date="2024-08-12")),
               site.write("bersama/logo.txt", "logo baru\n"),
               site.write("tema/404.html", page_404 % "Tidak ada, versi baru")}
    report = preview.rebuild(changed)
    assert report.ok, [d.format() for d in report.diagnostics.errors]
    run = site.build(capsys, "--no-search")
    assert run.code == 0, run.err
    assert tree(live) == tree(run.output)
    assert run.html("/berita/apel/").find("h1").get_text(strip=True) == "Apel Siaga Diperbarui"
    assert run.html("/404.html").find(id="hilang").get_text() == "Tidak ada, versi baru"
    assert (live / "logo.txt").read_text(encoding="utf-8") == "logo baru\n"


def test_template_loader_refuses_a_link_outside_even_when_asked_directly(site: Site, beside: Path):
    import jinja2

    from warta.config import SiteConfig
    from warta.layout import SiteLayout
    from warta.registry import NEWS_ONLY
    from warta.render import RefusedTemplate, Renderer

    link(site, "templates/card.html", beside)
    renderer = Renderer(SiteLayout.at(site.root), SiteConfig(), NEWS_ONLY, ())
    with pytest.raises(RefusedTemplate) as refused:
        renderer.env.get_template("card.html")
    assert str(refused.value) == f"{OUTSIDE} ({beside}); salin berkasnya ke dalam folder situs"
    assert not isinstance(refused.value, jinja2.TemplateNotFound)  # never quietly Warta's own card.html instead
    assert renderer.env.get_template("base.html") is not None  # the defaults still load
