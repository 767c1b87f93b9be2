"""The output folder: Warta replaces and deletes only what it wrote, and a site goes live all at once.

Every build records the files it wrote in `.warta-manifest.json` inside the
output; see warta/ownership.py and warta/output.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
from pathlib import Path

import pytest

from conftest import Site
from warta import output as output_module
from warta import pipeline
from warta.ownership import RECORD_NAME


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every file (bytes), link (its target) and empty folder under `folder`."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = "-> " + os.readlink(path)
        elif path.is_file():
            found[relative] = path.read_bytes()
        elif path.is_dir() and not any(path.iterdir()):
            found[relative + "/"] = ""
    return found


def users_folder(folder: Path) -> dict[str, bytes | str]:
    """A folder a user keeps: a web page of theirs, a git repository and notes."""
    (folder / ".git" / "objects").mkdir(parents=True)
    (folder / ".git" / "config").write_text("[core]\n")
    (folder / "index.html").write_text("<p>halaman saya</p>")
    (folder / "catatan.txt").write_text("jangan dihapus")
    return tree(folder)


def test_a_folder_warta_did_not_write_is_refused_untouched(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    mine = tmp_path / "dokumen"
    mine.mkdir()
    before = users_folder(mine)
    run = site.build(capsys, "--no-search", output=mine)
    assert run.code == 1
    assert run.error_lines == [
        f"--output: folder keluaran {mine} tidak dipakai: folder itu berisi berkas yang bukan buatan Warta "
        "(misalnya .git/config). Warta tidak pernah menimpa atau menghapus berkas yang tidak ditulisnya. "
        "Pilih folder kosong atau folder lain, atau tambahkan --overwrite-output bila berkas Warta boleh menimpa "
        "berkas bernama sama (berkas lain tetap disimpan)"]
    assert tree(mine) == before
    assert [p.name for p in tmp_path.iterdir() if ".warta-" in p.name] == []


def test_overwrite_output_replaces_same_names_and_keeps_everything_else(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    mine = tmp_path / "dokumen"
    mine.mkdir()
    users_folder(mine)
    first = site.build(capsys, "--no-search", "--overwrite-output", output=mine)
    assert first.code == 0, first.err
    assert first.html("/").find("h1") is not None  # Warta's home page replaced theirs
    assert (mine / "catatan.txt").read_text() == "jangan dihapus"
    assert (mine / ".git" / "config").read_text() == "[core]\n"
    assert (mine / ".git" / "objects").is_dir()
    record = json.loads((mine / RECORD_NAME).read_text())
    assert "index.html" in record["files"] and "catatan.txt" not in record["files"]
    # From now on the folder is Warta's: rebuilds need no flag, and still keep the user's files.
    (site.root / "content" / "berita" / "rakor.md").unlink()
    site.add_post("apel", title="Apel Siaga Pengawasan")
    second = site.build(capsys, "--no-search", output=mine)
    assert second.code == 0, second.err
    assert not (mine / "berita" / "rakor").exists()
    assert (mine / "berita" / "apel" / "index.html").is_file()
    assert (mine / "catatan.txt").read_text() == "jangan dihapus"
    assert (mine / ".git" / "objects").is_dir()


def test_files_added_to_a_warta_output_later_are_kept(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    (out / "CNAME").write_text("bawaslu.example\n")
    (out / "unduhan").mkdir()
    (out / "unduhan" / "laporan.pdf").write_bytes(b"%PDF-1.4")
    (out / "kosong").mkdir()
    os.symlink("CNAME", out / "tautan")
    site.add_post("apel", title="Apel Siaga")
    run = site.build(capsys, "--no-search", output=out)
    assert run.code == 0, run.err
    assert (out / "CNAME").read_text() == "bawaslu.example\n"
    assert (out / "unduhan" / "laporan.pdf").read_bytes() == b"%PDF-1.4"
    assert (out / "kosong").is_dir()
    assert os.readlink(out / "tautan") == "CNAME"
    assert (out / "berita" / "apel" / "index.html").is_file()


def test_a_foreign_file_where_the_site_now_writes_is_reported(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    (out / "berita" / "apel").mkdir()
    (out / "berita" / "apel" / "index.html").write_text("milik orang lain")
    site.add_post("apel", title="Apel Siaga")
    before = tree(out)
    run = site.build(capsys, "--no-search", output=out)
    assert run.code == 1
    assert run.error_lines == [
        f"--output: {out / 'berita/apel/index.html'} bukan buatan Warta dan akan tertimpa oleh situs; "
        "pindahkan berkas itu, atau tambahkan --overwrite-output bila boleh ditimpa"]
    assert tree(out) == before
    allowed = site.build(capsys, "--no-search", "--overwrite-output", output=out)
    assert allowed.code == 0, allowed.err
    assert allowed.html("/berita/apel/").find("h1").get_text(strip=True) == "Apel Siaga"


def test_unchanged_files_keep_inode_and_mtime_and_changed_ones_are_new(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    site.add_post("apel", title="Apel Siaga", date="2024-08-14")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    css = out / "css" / "warta.css"
    rakor = out / "berita" / "rakor" / "index.html"
    before_css, before_rakor = css.stat(), rakor.stat()
    site.add_post("apel", title="Apel Siaga", date="2024-08-14", body="Isi berita yang Diperbarui.")
    assert site.build(capsys, "--no-search", output=out).code == 0
    assert (css.stat().st_ino, css.stat().st_mtime_ns) == (before_css.st_ino, before_css.st_mtime_ns)
    assert (rakor.stat().st_ino, rakor.stat().st_mtime_ns) == (before_rakor.st_ino, before_rakor.st_mtime_ns)
    assert "Diperbarui" in (out / "berita" / "apel" / "index.html").read_text()


def test_the_record_is_the_same_bytes_for_the_same_input(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    assert site.build(capsys, "--no-search", "--no-cache", output=tmp_path / "a").code == 0
    assert site.build(capsys, "--no-search", "--no-cache", output=tmp_path / "b").code == 0
    assert (tmp_path / "a" / RECORD_NAME).read_bytes() == (tmp_path / "b" / RECORD_NAME).read_bytes()
    record = json.loads((tmp_path / "a" / RECORD_NAME).read_text())
    on_disk = {p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    assert set(record["files"]) == on_disk - {RECORD_NAME}


def test_an_output_from_before_records_is_adopted_when_the_cache_lists_every_file(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    (out / RECORD_NAME).unlink()  # as an older Warta left it
    run = site.build(capsys, "--no-search", output=out)
    assert run.code == 0, run.err
    assert (out / RECORD_NAME).is_file()
    (out / RECORD_NAME).unlink()
    refused = site.build(capsys, "--no-search", "--no-cache", output=out)  # nothing proves Warta wrote it
    assert refused.code == 1
    assert "bukan buatan Warta (misalnya 404.html)" in refused.err


@pytest.mark.parametrize("record", ["{rusak", json.dumps({"warta": 1, "folders": [], "files": ["../../penting.txt"]})])
def test_a_damaged_or_forged_record_is_refused(site: Site, capsys, tmp_path: Path, record: str):
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", "--no-cache", output=out).code == 0
    (out / RECORD_NAME).write_text(record)
    (tmp_path / "penting.txt").write_text("x")
    run = site.build(capsys, "--no-search", "--no-cache", output=out)
    assert run.code == 1
    assert f"catatan berkas Warta ({RECORD_NAME}) di folder itu rusak" in run.err
    assert (tmp_path / "penting.txt").is_file()


def test_a_template_failure_leaves_the_old_site_and_no_staging_folder(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    before = tree(out)
    site.write("templates/post.html", "{{ tidak_ada.sama_sekali() }}")
    site.add_post("apel", title="Apel Siaga")
    run = site.build(capsys, "--no-search", output=out)
    assert run.code == 1
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if ".warta-" in p.name] == []


def test_leftovers_of_a_killed_build_go_and_a_running_builds_folder_stays(site: Site, capsys, tmp_path: Path):
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    dead = tmp_path / ".out.warta-baru-99999"
    (dead / "berita").mkdir(parents=True)
    (dead / "berita" / "x.html").write_text("setengah")
    busy = tmp_path / ".out.warta-baru-99998"
    busy.mkdir()
    other = tmp_path / ".lain.warta-baru-1"  # another output's: not ours to judge
    other.mkdir()
    handle = os.open(busy, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        assert site.build(capsys, "--no-search", output=out).code == 0
    finally:
        os.close(handle)
    assert not dead.exists()
    assert busy.is_dir() and other.is_dir()


def test_file_by_file_fallback_gives_the_same_site_and_keeps_foreign_files(site: Site, capsys, tmp_path: Path,
                                                                             monkeypatch):
    site.add_post("rakor")
    whole = tmp_path / "utuh"
    assert site.build(capsys, "--no-search", "--no-cache", output=whole).code == 0
    monkeypatch.setattr(output_module, "exchange", lambda a, b: False)  # as on a system without renameat2
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    (out / "CNAME").write_text("x")
    (site.root / "content" / "berita" / "rakor.md").unlink()
    site.add_post("apel", title="Apel Siaga")
    assert site.build(capsys, "--no-search", output=out).code == 0
    assert (out / "CNAME").read_text() == "x"
    assert not (out / "berita" / "rakor").exists()
    (out / "CNAME").unlink()
    monkeypatch.undo()
    reference = tmp_path / "acuan"
    assert site.build(capsys, "--no-search", "--no-cache", output=reference).code == 0
    assert tree(out) == tree(reference)
    assert [p.name for p in out.iterdir() if ".warta-" in p.name and p.name != RECORD_NAME] == []


def _fake_pagefind(tmp_path: Path, body: str) -> str:
    script = tmp_path / "pagefind-palsu"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_pagefind_indexes_the_staged_site_never_the_live_one(site: Site, capsys, tmp_path: Path, monkeypatch):
    site.add_post("rakor")
    out = tmp_path / "out"
    seen = tmp_path / "dilihat.txt"
    # Records the folder it was asked to index and whether the new article was already there.
    fake = _fake_pagefind(tmp_path, f'site="$2"; dest="$8"; echo "$site" > {seen}; '
                                    'ls "$site/berita" >> ' + str(seen) + '; mkdir -p "$dest"; echo ok > "$dest/pagefind-entry.json"\n')
    monkeypatch.setattr(pipeline, "pagefind_executable", lambda: fake)
    assert site.build(capsys, output=out).code == 0
    site.add_post("apel", title="Apel Siaga")
    assert site.build(capsys, output=out).code == 0
    indexed, *listed = seen.read_text().split()
    assert Path(indexed) != out and ".out.warta-baru-" in indexed
    assert {"apel", "rakor"} <= set(listed)
    assert (out / "pagefind" / "pagefind-entry.json").read_text() == "ok\n"
    assert "pagefind" in json.loads((out / RECORD_NAME).read_text())["folders"]


def test_a_failing_pagefind_keeps_the_last_index(site: Site, capsys, tmp_path: Path, monkeypatch):
    site.add_post("rakor")
    out = tmp_path / "out"
    good = _fake_pagefind(tmp_path, 'mkdir -p "$8"; echo lama > "$8/pagefind-entry.json"\n')
    monkeypatch.setattr(pipeline, "pagefind_executable", lambda: good)
    assert site.build(capsys, output=out).code == 0
    broken = _fake_pagefind(tmp_path / "..", 'mkdir -p "$8"; echo setengah > "$8/x"; echo rusak >&2; exit 3\n')
    monkeypatch.setattr(pipeline, "pagefind_executable", lambda: broken)
    site.add_post("apel", title="Apel Siaga")
    run = site.build(capsys, output=out)
    assert run.code == 0
    assert run.err.splitlines() == [
        "pencarian: peringatan: indeks tidak dibuat: Pagefind gagal (rusak) (indeks lama tetap dipakai)"]
    assert (out / "pagefind" / "pagefind-entry.json").read_text() == "lama\n"
    assert not (out / "pagefind" / "x").exists()
    assert (out / "berita" / "apel" / "index.html").is_file()


def test_the_preview_refuses_a_folder_warta_did_not_write(site: Site, capsys, tmp_path: Path):
    from warta.serve import serve

    site.add_post("rakor")
    mine = tmp_path / "dokumen"
    mine.mkdir()
    before = users_folder(mine)
    code = serve(pipeline.BuildOptions(site=site.root), 0, "127.0.0.1", mine)
    assert code == 1
    assert "tidak dipakai: folder itu berisi berkas yang bukan buatan Warta" in capsys.readouterr().err
    assert tree(mine) == before


def test_a_reused_preview_folder_loses_only_the_earlier_sessions_files(site: Site, capsys, tmp_path: Path):
    from warta.incremental import IncrementalSite
    from warta.ownership import claim_output

    site.add_post("rakor")
    out = tmp_path / "pratinjau"
    options = pipeline.BuildOptions(site=site.root, search=False)
    assert IncrementalSite(options, out, claim_output(out, site.root)).full().ok
    (out / "CNAME").write_text("x")
    (site.root / "content" / "berita" / "rakor.md").unlink()
    site.add_post("apel", title="Apel Siaga")
    report = IncrementalSite(options, out, claim_output(out, site.root)).full()  # a new session
    assert report.ok
    assert not (out / "berita" / "rakor").exists()
    assert (out / "CNAME").read_text() == "x"
    reference = tmp_path / "acuan"
    assert site.build(capsys, "--no-search", "--no-cache", output=reference).code == 0
    assert tree(out) == {**tree(reference), "CNAME": b"x"}


def _static_file_then_a_link_in_its_place(site: Site, capsys, out: Path, tmp_path: Path) -> Path:
    """A build publishes static/berkas/x.pdf; the user then puts a link to their own documents (which hold a
    file of that name) where berkas/ was, and removes the file from the site. The record still lists it."""
    site.add_post("rakor")
    site.write("static/berkas/x.pdf", b"pdf situs")
    assert site.build(capsys, "--no-search", output=out).code == 0
    documents = tmp_path / "dokumen"
    documents.mkdir()
    (documents / "x.pdf").write_bytes(b"punya pengguna")
    for path in sorted((out / "berkas").iterdir()):
        path.unlink()
    (out / "berkas").rmdir()
    (out / "berkas").symlink_to(documents)
    (site.root / "static" / "berkas" / "x.pdf").unlink()
    return documents


def test_file_by_file_never_deletes_through_a_link_in_the_output(site: Site, capsys, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    documents = _static_file_then_a_link_in_its_place(site, capsys, out, tmp_path)
    monkeypatch.setattr(output_module, "exchange", lambda a, b: False)  # as on a system without renameat2
    assert site.build(capsys, "--no-search", output=out).code == 0
    assert (documents / "x.pdf").read_bytes() == b"punya pengguna"
    assert os.readlink(out / "berkas") == str(documents)


def test_the_preview_never_deletes_through_a_link_in_the_output(site: Site, capsys, tmp_path: Path):
    from warta.incremental import IncrementalSite
    from warta.ownership import claim_output

    out = tmp_path / "out"
    documents = _static_file_then_a_link_in_its_place(site, capsys, out, tmp_path)
    options = pipeline.BuildOptions(site=site.root, search=False, use_cache=False)
    assert IncrementalSite(options, out, claim_output(out, site.root)).full().ok
    assert (documents / "x.pdf").read_bytes() == b"punya pengguna"
    assert os.readlink(out / "berkas") == str(documents)


def test_the_preview_never_writes_through_a_link_left_under_its_temporary_name(site: Site, capsys, tmp_path: Path):
    from warta.incremental import IncrementalSite
    from warta.ownership import claim_output

    site.add_post("rakor")
    out = tmp_path / "out"
    options = pipeline.BuildOptions(site=site.root, search=False, use_cache=False)
    assert IncrementalSite(options, out, claim_output(out, site.root)).full().ok
    elsewhere = tmp_path / "bashrc"
    elsewhere.write_text("punya pengguna")
    (out / ".index.html.warta-tmp").symlink_to(elsewhere)
    site.write("site.toml", 'title = "Judul Baru"\n')  # every page changes
    try:
        IncrementalSite(options, out, claim_output(out, site.root)).full()
    except OSError:
        pass  # refusing is right too (the preview shows it and keeps serving)
    assert elsewhere.read_text() == "punya pengguna"


def test_a_record_claiming_a_users_folder_whole_is_refused(site: Site, capsys, tmp_path: Path):
    """Only the search index is ever owned whole; a damaged record naming .git/ must not take the user's repository."""
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", "--no-cache", output=out).code == 0
    (out / ".git").mkdir()
    (out / ".git" / "config").write_text("[core]\n")
    record = json.loads((out / RECORD_NAME).read_text())
    (out / RECORD_NAME).write_text(json.dumps({**record, "folders": [".git"]}))
    run = site.build(capsys, "--no-search", "--no-cache", output=out)
    assert run.code == 1
    assert f"catatan berkas Warta ({RECORD_NAME}) di folder itu rusak" in run.err
    assert (out / ".git" / "config").read_text() == "[core]\n"


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_a_record_that_is_not_a_regular_file_is_refused_at_once(site: Site, tmp_path: Path, kind: str):
    """A FIFO would hang the build, a link to /dev/zero fill the memory: Warta never writes either."""
    import subprocess
    import sys

    site.add_post("rakor")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>x</p>")
    if kind == "fifo":
        os.mkfifo(out / RECORD_NAME)
    elif kind == "zero":
        (out / RECORD_NAME).symlink_to("/dev/zero")
    else:
        (out / RECORD_NAME).mkdir()
    command = [sys.executable, "-m", "warta", "build", "--site", str(site.root), "--output", str(out),
               "--no-search", "--no-cache", "--jobs", "1"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent.parent,
                         preexec_fn=lambda: __import__("resource").setrlimit(
                             __import__("resource").RLIMIT_AS, (2 << 30, 2 << 30)))
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert f"catatan berkas Warta ({RECORD_NAME}) di folder itu rusak" in run.stderr
    assert (out / "index.html").read_text() == "<p>x</p>"


def test_a_planted_cache_manifest_never_leads_outside_the_output(site: Site, capsys, tmp_path: Path, private_cache,
                                                                 monkeypatch):
    """Adopting an output from before records trusts the cache's list; CI restores caches, so it may be planted."""
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    (out / RECORD_NAME).unlink()  # as an older Warta left it
    (tmp_path / "penting.txt").write_text("jangan dihapus")
    for path in private_cache.rglob("manifest-*.json"):
        manifest = json.loads(path.read_text())
        manifest["../penting.txt"] = ["x", 1, 1, ""]
        path.write_text(json.dumps(manifest))
    monkeypatch.setattr(output_module, "exchange", lambda a, b: False)  # file by file: old files are deleted one by one
    site.build(capsys, "--no-search", output=out)
    assert (tmp_path / "penting.txt").read_text() == "jangan dihapus"


def test_a_users_folder_named_like_a_work_folder_is_kept(site: Site, capsys, tmp_path: Path):
    """Leftovers are recognised by the exact names builds give them, not by how a name starts."""
    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    inside = out / ".warta-lama-catatan"
    inside.mkdir()
    (inside / "a.txt").write_text("jangan dihapus")
    beside = tmp_path / ".out.warta-baru-saya"
    beside.mkdir()
    (beside / "b.txt").write_text("jangan dihapus")
    site.add_post("apel", title="Apel Siaga")
    assert site.build(capsys, "--no-search", output=out).code == 0
    assert (inside / "a.txt").read_text() == "jangan dihapus"
    assert (beside / "b.txt").read_text() == "jangan dihapus"
    assert (out / "berita" / "apel" / "index.html").is_file()


def test_file_by_file_stopped_halfway_leaves_an_output_the_next_build_takes_back(site: Site, capsys, tmp_path: Path,
                                                                                monkeypatch):
    """A kill or a full disk while files move in one by one: the files already moved must be Warta's on record,
    else the next build refuses them as somebody else's."""
    site.add_post("rakor")
    out = tmp_path / "out"
    monkeypatch.setattr(output_module, "exchange", lambda a, b: False)  # as on a system without renameat2
    assert site.build(capsys, "--no-search", output=out).code == 0
    apply = output_module._apply

    def stop_halfway(staging, output, changed, old, new):
        apply(staging, output, changed[: len(changed) // 2], old, old)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module, "_apply", stop_halfway)
    for n in range(3):
        site.add_post(f"baru-{n}", title=f"Berita Baru {n}")
    assert site.build(capsys, "--no-search", output=out).code == 1
    monkeypatch.setattr(output_module, "_apply", apply)
    run = site.build(capsys, "--no-search", output=out)
    assert run.code == 0, run.err
    reference = tmp_path / "acuan"
    assert site.build(capsys, "--no-search", "--no-cache", output=reference).code == 0
    assert tree(out) == tree(reference)


def test_a_folder_put_where_warta_had_a_file_is_kept_file_by_file(site: Site, capsys, tmp_path: Path, monkeypatch):
    """The record lists a file the site no longer has; a user has put a folder of their own at that path."""
    site.add_post("rakor")
    site.write("static/berkas.pdf", b"pdf situs")
    out = tmp_path / "out"
    monkeypatch.setattr(output_module, "exchange", lambda a, b: False)  # as on a system without renameat2
    assert site.build(capsys, "--no-search", output=out).code == 0
    (out / "berkas.pdf").unlink()
    (out / "berkas.pdf").mkdir()
    (out / "berkas.pdf" / "catatan.txt").write_text("jangan dihapus")
    (site.root / "static" / "berkas.pdf").unlink()
    run = site.build(capsys, "--no-search", output=out)
    assert run.code == 0, run.err
    assert (out / "berkas.pdf" / "catatan.txt").read_text() == "jangan dihapus"


def test_a_preview_stopped_while_writing_has_its_new_files_on_record(site: Site, tmp_path: Path, monkeypatch):
    from warta import incremental
    from warta.incremental import IncrementalSite
    from warta.ownership import claim_output, read_record

    site.add_post("rakor")
    out = tmp_path / "pratinjau"
    options = pipeline.BuildOptions(site=site.root, search=False)
    real, written = incremental.write_in_place, []

    def stopped_halfway(output: Path, relative: str, data: bytes) -> None:
        if relative != RECORD_NAME and len(written) >= 3:
            raise KeyboardInterrupt  # Ctrl+C while the first pages are being written
        written.append(relative)
        real(output, relative, data)

    monkeypatch.setattr(incremental, "write_in_place", stopped_halfway)
    with pytest.raises(KeyboardInterrupt):
        IncrementalSite(options, out, claim_output(out, site.root)).full()
    monkeypatch.undo()
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {RECORD_NAME}
    record = read_record(out)
    assert on_disk and record is not None and on_disk <= record.files
    assert IncrementalSite(options, out, claim_output(out, site.root)).full().ok  # taken over without complaint


def test_the_preview_reports_every_problem_the_build_reports(site: Site, capsys, tmp_path: Path):
    """A refused file found while listing the site must not hide the posts' own mistakes in the preview."""
    from warta.incremental import IncrementalSite

    site.add_post("rakor")
    site.write("content/berita/alias.md", "---\ntitle: Patroli\ndate: 2024-11-30\ntags: &t [patroli]\n---\nIsi.\n")
    (site.root / "static").mkdir()
    os.symlink("/etc/passwd", site.root / "static" / "sandi.txt")
    build = site.build(capsys, "--no-search")
    assert build.code == 1 and len(build.error_lines) == 2
    report = IncrementalSite(pipeline.BuildOptions(site=site.root, search=False), tmp_path / "pratinjau").full()
    assert [d.format() for d in report.diagnostics.errors] == build.error_lines


def test_the_preview_reports_a_foreign_file_in_the_way_as_the_build_does(site: Site, capsys, tmp_path: Path):
    from warta.incremental import IncrementalSite
    from warta.ownership import claim_output

    site.add_post("rakor")
    out = tmp_path / "out"
    assert site.build(capsys, "--no-search", output=out).code == 0
    (out / "berita" / "apel").mkdir()
    (out / "berita" / "apel" / "index.html").write_text("milik orang lain")
    site.add_post("apel", title="Apel Siaga")
    build = site.build(capsys, "--no-search", output=out)
    report = IncrementalSite(pipeline.BuildOptions(site=site.root, search=False), out, claim_output(out, site.root)).full()
    assert build.code == 1
    assert [d.format() for d in report.diagnostics.errors] == build.error_lines
    assert (out / "berita" / "apel" / "index.html").read_text() == "milik orang lain"
