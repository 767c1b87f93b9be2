#!/usr/bin/env python3
"""Screenshots of the sample site for the writers' guide (docs/gambar/tampilan/).

    python tools/screenshots.py [--site DIR] [--out DIR]

Builds the site (the repository root unless --site) with the date fixed to 26 November 2024
(the sample's masa tenang), serves it on 127.0.0.1 and photographs the first screen of each
page kind at 360x800 (a phone) and 1280x900 (a laptop), in light and dark mode, with Debian's
headless Chromium driven by Playwright. Pictures are written as JPEG (quality 80) so that the
guide stays light: NAME-WIDTH-SCHEME.jpg, e.g. beranda-360-terang.jpg.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from warta.cli import main as warta  # noqa: E402
from warta.statichost import served  # noqa: E402

CHROMIUM = os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium")
PAGES = [
    ("beranda", "/"),
    ("berita", "/berita/apel-siaga-pengawasan/"),
    ("tahapan", "/tahapan/masa-tenang/"),
    ("lembaga", "/lembaga/bawaslu-kota-kediri/"),
    ("cari", "/cari/?q=apel+siaga"),
    ("404", "/halaman-yang-tidak-ada/"),
]
SCREENS = [(360, 800), (1280, 900)]
SCHEMES = [("light", "terang"), ("dark", "gelap")]


def shoot(base_url: str, out: Path) -> list[Path]:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            for width, height in SCREENS:
                for scheme, word in SCHEMES:
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                                  base_url=base_url, service_workers="block")
                    page = context.new_page()
                    for name, path in PAGES:
                        page.goto(path)
                        page.wait_for_load_state("networkidle")
                        if "?q=" in path:  # wait for the results, whichever search UI draws them
                            page.wait_for_function("document.querySelectorAll('main a[href*=\"/berita/\"]').length > 0")
                            page.wait_for_timeout(300)
                        page.evaluate("document.fonts.ready")
                        picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
                        target = out / f"{name}-{width}-{word}.jpg"
                        picture.save(target, "JPEG", quality=80, optimize=True, progressive=True)
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "gambar" / "tampilan")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        output = Path(temporary) / "public"
        code = warta(["build", "--site", str(options.site), "--output", str(output), "--quiet",
                      "--tanggal", "2024-11-26"])
        if code != 0:
            print("the site does not build", file=sys.stderr)
            return 1
        with served(output) as base_url:
            written = shoot(base_url, options.out)
    total = sum(p.stat().st_size for p in written)
    print(f"{len(written)} screenshots in {options.out}, {total:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
