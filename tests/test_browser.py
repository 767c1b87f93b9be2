"""The sample site in a real browser: Debian's headless Chromium driven by Playwright.

Builds the bundled sample site (the repository root), serves it on 127.0.0.1 and checks
every page kind for accessibility (axe-core, WCAG 2.2 AA rules), console errors and failed
requests, keyboard use (skip link, focus order, visible focus) and search (Pagefind), at
360 px and 1280 px wide, in light and dark mode. Screenshots of each page kind are written to
test-artifacts/screenshots/ (or $WARTA_SCREENSHOT_DIR).

Needs /usr/bin/chromium (or $WARTA_CHROMIUM), the Python package playwright (never
`playwright install`: it downloads a browser of its own) and axe-core from npm
(`npm install --prefix .tools axe-core@4`, or $WARTA_AXE_JS pointing at axe.min.js).
Without them these tests are skipped, except when CI=true: there they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.cli import main
from warta.statichost import served

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(os.environ.get("WARTA_AXE_JS", REPO / ".tools" / "node_modules" / "axe-core" / "axe.min.js"))
SCREENSHOTS = Path(os.environ.get("WARTA_SCREENSHOT_DIR", REPO / "test-artifacts" / "screenshots"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

ARTICLE = "/berita/apel-siaga-pengawasan/"
MISSING = "/halaman-yang-tidak-ada/"
# One page of every kind the site has: (name used in test ids and screenshot files, path).
PAGES = [
    ("beranda", "/"),
    ("berita", ARTICLE),
    ("daftar-halaman-2", "/berita/halaman/2/"),
    ("tahapan", "/tahapan/"),
    ("satu-tahapan", "/tahapan/masa-tenang/"),
    ("lembaga", "/lembaga/"),
    ("satu-lembaga", "/lembaga/bawaslu-kota-kediri/"),
    ("tag", "/tag/apel-siaga/"),
    ("arsip", "/arsip/"),
    ("arsip-tahun", "/arsip/2024/"),
    ("cari", "/cari/"),
    ("cari-hasil", "/cari/?q=apel+siaga"),
    ("404", MISSING),
    ("tentang-kami", "/tentang-kami/"),
    ("cek-fakta", "/cek-fakta/tps-mojoroto-dipindah/"),
    ("daftar-cek-fakta", "/cek-fakta/"),
    ("pengumuman", "/pengumuman/posko-pengaduan-masa-tenang/"),
    ("daftar-pengumuman", "/pengumuman/"),
    ("dokumen", "/dokumen/laporan-kinerja-2023/"),
    ("daftar-dokumen", "/dokumen/"),
    ("agenda", "/agenda/pengawasan-pleno-kecamatan-mojoroto/"),
    ("daftar-agenda", "/agenda/"),
]
WIDTHS = [360, 1280]
SCHEMES = ["light", "dark"]


# --- requirements, build, server, browser -----------------------------------------------

def missing_requirements() -> list[str]:
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.is_file():
        missing.append(f"{AXE_JS} (npm install --prefix .tools axe-core@4, or set WARTA_AXE_JS)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install '.[test]')")
    return missing


@pytest.fixture(scope="session")
def requirements() -> None:
    missing = missing_requirements()
    if not missing:
        return
    message = "browser tests need " + "; ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(message + " — CI=true, so .ci/run must install them", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def built_site(requirements: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("browser") / "public"
    cache = tmp_path_factory.mktemp("browser-cache")
    code = main(["build", "--site", str(REPO), "--output", str(output), "--cache-dir", str(cache), "--quiet",
                 "--tanggal", "2024-11-26"])
    assert code == 0, "the sample site does not build"
    assert (output / "pagefind" / "pagefind-ui.js").is_file(), "no search index: is pagefind[bin] installed?"
    for _, path in PAGES:
        if path != MISSING:
            assert (output / path.split("?")[0].lstrip("/") / "index.html").is_file(), f"the sample site has no {path}"
    return output


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    with served(built_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser(requirements: None):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser, base_url: str):
    """Open pages in fresh contexts: new_page(width=1280, scheme="light")."""
    contexts = []

    def open_page(width: int = 1280, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 800}, base_url=base_url,
                                      service_workers="block")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        return page

    yield open_page
    for context in contexts:
        context.close()


def settle(page, path: str) -> None:
    """Wait until a page is ready to be checked: on the search page, until Pagefind's UI is drawn."""
    page.wait_for_load_state("load")
    if path.startswith("/cari/"):
        page.wait_for_selector(".pagefind-ui__search-input")
        if "?q=" in path:
            page.wait_for_selector(".pagefind-ui__result-link")
    page.evaluate("document.fonts.ready")


def visit(page, path: str):
    response = page.goto(path)
    settle(page, path)
    return response


# --- accessibility ----------------------------------------------------------------------

def run_axe(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return result


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"        {detail.strip()}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name,path", PAGES, ids=[name for name, _ in PAGES])
def test_axe_finds_no_violations(new_page, name: str, path: str, width: int, scheme: str):
    page = new_page(width, scheme)
    visit(page, path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, f"axe on {path} at {width} px, {scheme}:\n{describe_violations(violations)}"


# --- console errors and failed requests ----------------------------------------------------

@pytest.mark.parametrize("name,path", PAGES, ids=[name for name, _ in PAGES])
def test_no_console_errors_or_failed_requests(new_page, base_url: str, name: str, path: str):
    page = new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} ({request.failure})"))

    def check_response(response) -> None:
        if response.status >= 400 and not (path == MISSING and response.url == base_url + MISSING):
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("response", check_response)
    response = visit(page, path)
    page.wait_for_load_state("networkidle")
    assert response.status == (404 if path == MISSING else 200)
    if path == MISSING:
        # Chromium logs the document's own 404 status as a console error: that one is expected.
        problems = [p for p in problems if "status of 404" not in p]
    assert not problems, f"{path}:\n" + "\n".join(problems)


# --- keyboard -------------------------------------------------------------------------------

def test_first_tab_is_the_skip_link_and_enter_moves_to_main(new_page):
    for path in ("/", ARTICLE):
        page = new_page()
        visit(page, path)
        page.keyboard.press("Tab")
        focused = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent.trim(),"
                                " href: document.activeElement.getAttribute('href')})")
        assert focused == {"cls": "lompat", "text": "Lompat ke isi utama", "href": "#isi-utama"}, path
        box = page.locator("a.lompat").bounding_box()
        assert box and box["y"] >= 0 and box["height"] > 0, "the focused skip link must be on screen"
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement && document.activeElement.id === 'isi-utama'")
        assert page.evaluate("document.activeElement.tagName") == "MAIN"
        # The next Tab continues inside the main content, not back in the header.
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('isi-utama').contains(document.activeElement)"), path


MARK_FOCUSABLE = """() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const all = [...document.querySelectorAll(selector)].filter(el => {
        if (el.disabled || el.tabIndex < 0) return false;
        if (el.closest('[inert]')) return false;
        // Not hidden, not in a closed <details>, not visibility: hidden (off-screen is fine: the skip link).
        return el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
    });
    all.forEach((el, i) => el.setAttribute('data-uji-fokus', String(i)));
    return all.map(el => el.outerHTML.slice(0, 120));
}"""

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const transparent = c => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor);
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {id: el.getAttribute('data-uji-fokus'), html: el.outerHTML.slice(0, 120),
            visible: outline || shadow, outline: style.outline, shadow: style.boxShadow};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name,path", PAGES, ids=[name for name, _ in PAGES])
def test_every_interactive_element_is_reachable_with_tab_and_shows_focus(new_page, name: str, path: str, width: int):
    page = new_page(width)
    visit(page, path)
    expected = page.evaluate(MARK_FOCUSABLE)
    assert expected, f"nothing focusable on {path}"
    reached: dict[str, dict] = {}
    without_indicator = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state is None or state["id"] is None:
            continue
        if state["id"] in reached:
            break
        reached[state["id"]] = state
        if not state["visible"]:
            without_indicator.append(f"{state['html']} (outline: {state['outline']!r}, box-shadow: {state['shadow']!r})")
    first = next(iter(reached.values()), None)
    assert first and first["html"].startswith('<a class="lompat"'), f"{path}: the first Tab must reach the skip link, not {first}"
    unreached = [html for i, html in enumerate(expected) if str(i) not in reached]
    assert not unreached, f"{path}: not reachable with Tab:\n" + "\n".join(unreached)
    assert not without_indicator, f"{path}: no visible focus indicator:\n" + "\n".join(without_indicator)


# --- home page on a phone ------------------------------------------------------------------

def test_first_headline_and_its_photo_show_on_a_phones_first_screen(new_page):
    page = new_page(360)
    visit(page, "/")
    assert page.viewport_size == {"width": 360, "height": 800}
    header = page.locator("header.kepala").bounding_box()
    assert header and header["height"] <= 120, header
    headline = page.locator("main .kartu-utama .kartu-judul").bounding_box()
    assert headline and headline["y"] < 400, headline
    photo = page.locator("main .kartu-utama picture img")
    box = photo.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800 and box["width"] >= 300, box
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")


# --- search ---------------------------------------------------------------------------------

def result_links(page) -> list[str]:
    page.wait_for_selector(".pagefind-ui__result-link")
    return page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))")


def test_header_search_box_leads_to_results(new_page, base_url: str):
    page = new_page(360)
    visit(page, ARTICLE)
    page.fill("#kata-cari", "apel siaga")
    with page.expect_navigation():
        page.press("#kata-cari", "Enter")
    assert page.url == f"{base_url}/cari/?q=apel+siaga"
    assert page.locator(".pagefind-ui__search-input").input_value() == "apel siaga"
    links = result_links(page)
    assert ARTICLE in links, links
    # The result is a working link to the article.
    page.click(f".pagefind-ui__result-link[href='{ARTICLE}']")
    page.wait_for_url(f"{base_url}{ARTICLE}")
    assert "Apel Siaga" in page.locator("h1").inner_text()


def test_typing_into_the_search_page(new_page):
    page = new_page()
    visit(page, "/cari/")
    search = page.locator(".pagefind-ui__search-input")
    search.press_sequentially("apel siaga", delay=20)
    assert ARTICLE in result_links(page)
    search.fill("")
    search.press_sequentially("zzzqqq", delay=20)
    page.wait_for_selector(".pagefind-ui__message:has-text('Tidak ada berita')")

