"""Incremental rebuilds must give exactly the bytes of a clean full build, whatever the edits."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from PIL import Image
from hypothesis import strategies as st

from warta.incremental import IncrementalSite
from warta.pipeline import BuildOptions, build_site

STAGES = ["kampanye", "masa-tenang", "pemungutan-suara", "rekapitulasi"]
AGENCIES = ["KPU", "Bawaslu", "Polres", "Paguyuban Warga", "Forum Pemuda"]
TITLES = ["Apel Siaga", "apel siaga malam", "Rakor Pengamanan", "Patroli Masa Tenang", "Deklarasi Damai", "Zona Bebas"]


def post_text(title: str, day: int, stage: str, agency: str, body: str, draft: bool = False,
              region: str | None = None) -> str:
    lines = ["---", f"title: {title}", f"date: 2024-08-{day:02d}", f"tahapan: [{stage}]", f"lembaga: [{agency}]",
             "tags: [rakor]"]
    if region:
        lines.append(f"wilayah: [{region}]")
    if draft:
        lines.append("draft: true")
    return "\n".join(lines + ["---", "", body, ""])


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


EDITS = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 9), st.sampled_from(TITLES), st.integers(1, 28),
              st.sampled_from(STAGES), st.sampled_from(AGENCIES), st.sampled_from(["Isi satu.", "Isi **dua**.", "# Judul\n\nIsi tiga."])),
    st.tuples(st.just("title"), st.integers(0, 9), st.sampled_from(TITLES)),
    st.tuples(st.just("date"), st.integers(0, 9), st.integers(1, 28)),
    st.tuples(st.just("stage"), st.integers(0, 9), st.sampled_from(STAGES)),
    st.tuples(st.just("agency"), st.integers(0, 9), st.sampled_from(AGENCIES)),
    st.tuples(st.just("body"), st.integers(0, 9), st.sampled_from(["Paragraf baru.", "Isi *lain*.", "- satu\n- dua"])),
    st.tuples(st.just("rename"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("draft"), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("break"), st.integers(0, 9)),
    st.tuples(st.just("page"), st.booleans()),
    st.tuples(st.just("template"), st.sampled_from(["post.html", "term.html", "base.html", "footer.html", "card.html"])),
    st.tuples(st.just("static"), st.booleans()),
    st.tuples(st.just("picture"), st.integers(0, 9), st.sampled_from(["#336699", "#993366", None])),
)


# A site with a second kind and its own taxonomy: posts alternate between the two folders, a rename may move
# a post from one kind to the other, Warta's kinds come and go with their (empty) folder, the declared kind
# gets its own template, a folder no kind declares appears.
REGIONS = ["Kecamatan Kota", "Kecamatan Mojoroto", None]
KIND_EDITS = st.one_of(
    EDITS,
    st.tuples(st.just("region"), st.integers(0, 9), st.sampled_from(REGIONS)),
    st.tuples(st.just("folder"), st.sampled_from(["agenda", "dokumen"]), st.booleans()),
    st.tuples(st.just("kind-template"), st.booleans()),
    st.tuples(st.just("stray"), st.booleans()),
)
SEVERAL_KINDS = '[koleksi.opini]\njudul = "Opini"\n\n[taksonomi.wilayah]\njudul = "Wilayah"\n'


class Workspace:
    def __init__(self, root: Path, kinds: tuple[str, ...] = ("berita",)):
        self.root = root
        self.kinds = kinds
        self.posts = root / "content" / "berita"
        for kind in kinds:
            (root / "content" / kind).mkdir(parents=True)
        declared = SEVERAL_KINDS if len(kinds) > 1 else ""
        (root / "site.toml").write_text('title = "Uji"\nbase_url = "https://uji.example/"\nper_page = 2\n' + declared)
        self.fields: dict[int, dict] = {}
        for n, (title, day) in enumerate([("Apel Siaga", 3), ("Rakor Pengamanan", 3), ("Patroli Masa Tenang", 9)]):
            self.fields[n] = dict(title=title, day=day, stage=STAGES[n], agency=AGENCIES[n], body="Isi awal.", draft=False,
                                  region=REGIONS[n] if len(kinds) > 1 else None)
            self.write(n)

    def path(self, n: int) -> Path:
        kind = self.kinds[n % len(self.kinds)]
        return self.root / "content" / kind / f"{kind}-{n}.md"

    def write(self, n: int) -> Path:
        self.path(n).write_text(post_text(**self.fields[n]))
        return self.path(n)

    def apply(self, edit: tuple) -> set[Path]:
        kind, *args = edit
        if kind == "add":
            n, title, day, stage, agency, body = args
            self.fields[n] = dict(title=title, day=day, stage=stage, agency=agency, body=body, draft=False,
                                  region=REGIONS[n % 3] if len(self.kinds) > 1 else None)
            return {self.write(n)}
        if kind == "page":
            page = self.root / "content" / "halaman" / "tentang-kami.md"
            if args[0]:
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text("---\ntitle: Tentang Kami\n---\nKami mengawasi.\n")
            else:
                page.unlink(missing_ok=True)
            return {page}
        if kind == "template":
            template = self.root / "templates" / args[0]
            if template.exists():
                template.unlink()
            else:
                template.parent.mkdir(exist_ok=True)
                source = Path(__file__).resolve().parents[1] / "warta" / "defaults" / "templates" / args[0]
                text = source.read_text()
                changed = text.replace("</main>", "<!-- diubah --></main>").replace("{% block main %}", "{% block main %}<p>Ubah</p>", 1)
                # footer.html and card.html are rendered through partial() and card(): no block to change
                template.write_text(changed if changed != text else text + "<!-- diubah -->\n")
            return {template}
        if kind == "folder":  # an empty folder of one of Warta's kinds: the registry changes
            folder = self.root / "content" / args[0]
            if args[1]:
                folder.mkdir(exist_ok=True)
            elif folder.is_dir():
                folder.rmdir()
            return {folder}
        if kind == "kind-template":
            template = self.root / "templates" / "opini.html"
            if args[0]:
                template.parent.mkdir(exist_ok=True)
                template.write_text('{% extends "post.html" %}{% block sebelum_isi %}<p>Pendapat pribadi.</p>{% endblock %}')
            else:
                template.unlink(missing_ok=True)
            return {template}
        if kind == "stray":  # a folder no kind declares: skipped with a warning
            stray = self.root / "content" / "wawancara" / "wawancara-1.md"
            if args[0]:
                stray.parent.mkdir(exist_ok=True)
                stray.write_text(post_text("Wawancara", 5, STAGES[0], AGENCIES[0], "Isi."))
            else:
                stray.unlink(missing_ok=True)
            return {stray}
        if kind == "static":
            image = self.root / "static" / "gambar" / "logo.txt"
            if args[0]:
                image.parent.mkdir(parents=True, exist_ok=True)
                image.write_text("logo")
            else:
                image.unlink(missing_ok=True)
            return {image}
        if kind == "picture":
            n, colour = args
            picture = self.root / "static" / "gambar" / "foto.png"
            if colour is None:
                picture.unlink(missing_ok=True)
            else:
                picture.parent.mkdir(parents=True, exist_ok=True)
                Image.new("RGB", (900, 600), colour).save(picture)
            changed = {picture}
            if n in self.fields:  # and let that post show it
                self.fields[n]["body"] = "Isi.\n\n![Foto kegiatan](/gambar/foto.png)"
                changed.add(self.write(n))
            return changed
        n = args[0]
        if n not in self.fields:
            return set()
        if kind == "delete":
            del self.fields[n]
            self.path(n).unlink()
            return {self.path(n)}
        if kind == "rename":
            target = args[1]
            if target in self.fields:
                return set()
            old = self.path(n)
            self.fields[target] = self.fields.pop(n)
            old.rename(self.path(target))
            return {old, self.path(target)}
        if kind == "break":
            self.path(n).write_text("---\ntitle: Rusak: tanpa kutip\ndate: 2024-08-01\n---\nIsi.\n")
            return {self.path(n)}
        key = {"title": "title", "date": "day", "stage": "stage", "agency": "agency", "body": "body", "draft": "draft",
               "region": "region"}[kind]
        self.fields[n][key] = args[1]
        return {self.write(n)}

    def repair(self) -> set[Path]:
        """Rewrite every post from its fields (undoing any 'break'), without pictures that are gone."""
        if not (self.root / "static" / "gambar" / "foto.png").exists():
            for fields in self.fields.values():
                if "foto.png" in fields["body"]:
                    fields["body"] = "Isi tanpa foto."
        return {self.write(n) for n in self.fields}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDITS, min_size=1, max_size=8))
def test_incremental_rebuilds_equal_clean_builds(tmp_path_factory, edits):
    root = tmp_path_factory.mktemp("situs")
    _preview_equals_clean_builds(root, Workspace(root), edits)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(KIND_EDITS, min_size=1, max_size=8))
def test_incremental_rebuilds_of_several_kinds_equal_clean_builds(tmp_path_factory, edits):
    root = tmp_path_factory.mktemp("situs")
    _preview_equals_clean_builds(root, Workspace(root, kinds=("berita", "opini")), edits)


def _preview_equals_clean_builds(root: Path, workspace: Workspace, edits: list) -> None:
    """Apply `edits` one by one to a live preview (repairing what a random edit broke) and compare its
    folder with a clean build after each."""
    live = root.parent / (root.name + "-pratinjau")
    site = IncrementalSite(BuildOptions(site=root, search=False), live)
    assert site.full().ok
    for step, edit in enumerate(edits):
        changed = workspace.apply(edit)
        report = site.rebuild(changed)
        if not report.ok:
            report = site.rebuild(workspace.repair())
        assert report.ok, [d.format() for d in report.diagnostics.errors]
        clean = root.parent / f"{root.name}-bersih-{step}"
        build_site(BuildOptions(site=root, output=clean, search=False))
        assert tree(live) == tree(clean), (edits[: step + 1], report)


def test_a_kinds_folder_coming_and_going_rebuilds_fully(tmp_path):
    """The registry changes with the folder: the kind's listing, menu entry and editor collection come and go."""
    root = tmp_path / "situs"
    Workspace(root, kinds=("berita", "opini"))
    live = tmp_path / "pratinjau"
    site = IncrementalSite(BuildOptions(site=root, search=False), live)
    assert site.full().ok
    folder = root / "content" / "agenda"
    for step, present in enumerate((True, False)):
        if present:
            folder.mkdir()
        else:
            folder.rmdir()
        report = site.rebuild({folder})
        assert report.ok and report.full
        assert (live / "agenda" / "index.html").is_file() == present
        clean = tmp_path / f"bersih-{step}"
        build_site(BuildOptions(site=root, output=clean, search=False))
        assert tree(live) == tree(clean)


def test_editing_a_partial_or_the_card_rewrites_the_pages_that_show_it(tmp_path):
    """footer.html reaches pages through partial(), card.html through card() and ikon.html through share_icon(),
    not through {% include %}."""
    root = tmp_path / "situs"
    Workspace(root)
    defaults = Path(__file__).resolve().parents[1] / "warta" / "defaults" / "templates"
    templates = root / "templates"
    templates.mkdir()
    footer, card, icons = templates / "footer.html", templates / "card.html", templates / "ikon.html"
    footer.write_text('<footer class="kaki"><p id="penanda">Kaki pertama</p></footer>\n')
    card.write_text((defaults / "card.html").read_text())
    icons.write_text((defaults / "ikon.html").read_text())
    live = tmp_path / "pratinjau"
    site = IncrementalSite(BuildOptions(site=root, search=False), live)
    assert site.full().ok
    for path, text in ((footer, footer.read_text().replace("pertama", "kedua")),
                       (card, card.read_text().replace('class="kartu-judul"', 'class="kartu-judul kartu-baru"')),
                       (icons, icons.read_text().replace('class="ikon"', 'class="ikon ikon-baru"'))):
        path.write_text(text)
        report = site.rebuild({path})
        assert report.ok and report.written > 0
        clean = tmp_path / f"bersih-{path.stem}"
        build_site(BuildOptions(site=root, output=clean, search=False))
        assert tree(live) == tree(clean)


def test_a_preview_left_running_follows_the_clock(tmp_path, monkeypatch):
    """Past midnight an announcement expires, and at its time a scheduled post appears, with no edit at all:
    the preview catches up at the moment it names, and then equals a clean build made at that moment."""
    from datetime import datetime

    import warta.site
    from warta.dates import WIB

    root = tmp_path / "situs"
    Workspace(root)
    (root / "content" / "pengumuman").mkdir()
    (root / "content" / "pengumuman" / "2024-08-20-posko.md").write_text(
        "---\ntitle: Posko Pengaduan\ndate: 2024-08-20\nberlaku_sampai: 2024-08-24\n---\nPosko buka.\n")
    (root / "content" / "berita" / "2024-08-25-terjadwal.md").write_text(
        "---\ntitle: Berita Terjadwal\ndate: 2024-08-25T09:00:00+07:00\n---\nTerbit pukul sembilan.\n")
    clock = [datetime(2024, 8, 24, 22, 30, tzinfo=WIB)]
    monkeypatch.setattr(warta.site, "now_wib", lambda: clock[0])
    live = tmp_path / "pratinjau"
    site = IncrementalSite(BuildOptions(site=root, search=False), live)
    assert site.full().ok
    assert site.next_moment() == datetime(2024, 8, 25, 0, 0, tzinfo=WIB)
    assert not (live / "berita" / "terjadwal").exists()
    for step, moment in enumerate((datetime(2024, 8, 25, 0, 0, 1, tzinfo=WIB), datetime(2024, 8, 25, 9, 0, 5, tzinfo=WIB))):
        clock[0] = moment
        report = site.follow_clock()
        assert report.ok and report.written > 0, report
        clean = tmp_path / f"bersih-{step}"
        build_site(BuildOptions(site=root, output=clean, search=False, now=moment))
        assert tree(live) == tree(clean)
        if step == 0:  # next: the scheduled post's own time, before the next midnight
            assert site.next_moment() == datetime(2024, 8, 25, 9, 0, tzinfo=WIB)
    assert (live / "berita" / "terjadwal" / "index.html").is_file()
    assert site.next_moment() == datetime(2024, 8, 26, 0, 0, tzinfo=WIB)


def test_a_preview_with_a_fixed_date_never_follows_the_clock(tmp_path):
    from datetime import datetime

    from warta.dates import WIB

    root = tmp_path / "situs"
    Workspace(root)
    site = IncrementalSite(BuildOptions(site=root, search=False, now=datetime(2024, 8, 24, tzinfo=WIB)), tmp_path / "p")
    assert site.full().ok
    assert site.next_moment() is None
