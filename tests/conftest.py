"""Helpers to build small real sites in temporary folders and read what they produce."""

from __future__ import annotations

import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from warta.cli import main

REPO = Path(__file__).resolve().parent.parent


def post(title: str = "Rakor Pengamanan Pilkada", date: str = "2024-08-13", body: str = "Isi berita.", **fields: object) -> str:
    """Markdown source of a post; extra front-matter fields are written as given (YAML flow style)."""
    lines = ["---", f"title: {title}", f"date: {date}"]
    for key, value in fields.items():
        if isinstance(value, (list, tuple)):
            value = "[" + ", ".join(str(v) for v in value) + "]"
        lines.append(f"{key}: {value}")
    lines += ["---", "", textwrap.dedent(body).strip(), ""]
    return "\n".join(lines)


@dataclass
class BuildRun:
    code: int
    out: str
    err: str
    output: Path

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line and not line.startswith("Pembangunan situs gagal")]

    def html(self, site_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(site_path).read_text(encoding="utf-8"), "html.parser")

    def file(self, site_path: str) -> Path:
        relative = site_path.lstrip("/")
        if not relative.endswith((".html", ".xml", ".txt", ".css", ".png", ".jpg", ".js", ".svg", ".webp", ".json")):
            relative += "index.html"
        return self.output / relative


class Site:
    """A site folder under construction in tmp_path."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content" / "berita").mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_post(self, name: str, **kwargs: object) -> Path:
        return self.write(f"content/berita/{name}.md", post(**kwargs))

    def config(self, text: str) -> Path:
        return self.write("site.toml", textwrap.dedent(text))

    def build(self, capsys: pytest.CaptureFixture[str], *args: str, output: Path | None = None) -> BuildRun:
        output = output or self.root.parent / f"{self.root.name}-out"
        capsys.readouterr()
        code = main(["build", "--site", str(self.root), "--output", str(output), *args])
        captured = capsys.readouterr()
        return BuildRun(code, captured.out, captured.err, output)


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own build cache, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("WARTA_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Site:
    s = Site(tmp_path / "situs")
    s.config('title = "Bawaslu Kota Contoh"\nbase_url = "https://contoh.example/"\n')
    return s


def beside_output(folder: Path, timeout: float = 60) -> list[str]:
    """The names in `folder` once the retired site a build hands to a detached process is deleted
    (see output.discard_in_background); whatever is still there after `timeout` seconds is listed too."""
    deadline = time.monotonic() + timeout
    while True:
        names = sorted(p.name for p in folder.iterdir())
        if not any(".warta-lama-" in name for name in names) or time.monotonic() > deadline:
            return names
        time.sleep(0.05)


def internal_links(soup: BeautifulSoup) -> list[str]:
    found = []
    for tag in soup.find_all(["a", "link", "img", "script"]):
        for attribute in ("href", "src"):
            value = tag.get(attribute)
            if value and value.startswith("/") and not value.startswith("//"):
                found.append(value)
    return found


def resolve(output: Path, href: str, base_path: str = "/") -> Path | None:
    """The output file a root-relative link points at, or None when nothing is there."""
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path.startswith(base_path):
        return None
    relative = path[len(base_path):]
    target = output / relative
    if path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None
