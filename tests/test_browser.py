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
    """Wait until a page is ready to be checked: on the search page, until cari.js has drawn it."""
    page.wait_for_load_state("load")
    if path.startswith("/cari/"):
        page.wait_for_selector("#cari-saring")  # shown once Pagefind has said which filters there are
        if "?q=" in path:
            page.wait_for_selector(".hasil-judul a")
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


# --- article layout and print -----------------------------------------------------------------

LINE_LENGTHS = """() => {
    // Characters on each line of the article's paragraphs, from where each character is drawn.
    const lengths = [];
    for (const paragraph of document.querySelectorAll('.isi p')) {
        const lines = new Map();
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getBoundingClientRect();
                if (rect.width === 0) continue;
                const top = Math.round(rect.top);
                lines.set(top, (lines.get(top) || 0) + 1);
            }
        }
        lengths.push(...lines.values());
    }
    return lengths;
}"""


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not shown"
    return found


def test_article_has_a_side_column_on_desktop_and_related_below_on_phones(new_page):
    wide = new_page(1280)
    visit(wide, ARTICLE)
    article, related = box(wide, "article.artikel"), box(wide, ".berita-terkait")
    assert related["x"] >= article["x"] + article["width"] + 16, "related items beside the article"
    assert related["y"] < article["y"] + 200, "the side column starts at the top of the article"
    assert related["x"] + related["width"] <= 1280
    lengths = wide.evaluate(LINE_LENGTHS)
    assert lengths and max(lengths) <= 75, f"reading measure: {max(lengths)} characters"
    assert max(lengths) >= 50, "the reading column is not needlessly narrow"
    phone = new_page(360)
    visit(phone, ARTICLE)
    article, related = box(phone, "article.artikel"), box(phone, ".berita-terkait")
    assert related["y"] >= article["y"] + article["height"], "on phones related items follow the article"
    for target in phone.locator(".daftar-bagikan a, .daftar-bagikan button").all():
        size = target.bounding_box()
        assert size["width"] >= 44 and size["height"] >= 44, target.inner_html()[:80]


HIDDEN_IN_PRINT = [".lompat", ".cari-kepala", ".navigasi", ".jejak", ".bagikan", ".salin-tautan", ".berita-terkait",
                   ".berita-lain", ".kaki"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_print_shows_the_article_and_its_address_only(new_page, base_url: str, scheme: str):
    page = new_page(1280, scheme)
    visit(page, ARTICLE)
    assert page.locator(".alamat-cetak").evaluate("e => getComputedStyle(e).display") == "none", "print only"
    page.emulate_media(media="print", color_scheme=scheme)
    for selector in HIDDEN_IN_PRINT:
        shown = page.eval_on_selector_all(selector, "found => found.map(e => getComputedStyle(e).display)")
        assert shown and set(shown) == {"none"}, f"{selector} is printed"
    address = page.locator(".alamat-cetak")
    assert address.evaluate("e => getComputedStyle(e).display") == "block"
    assert address.inner_text().endswith(ARTICLE) and "://" in address.inner_text()
    colours = page.evaluate("""() => ({
        text: getComputedStyle(document.querySelector('.isi p')).color,
        heading: getComputedStyle(document.querySelector('h1')).color,
        page: getComputedStyle(document.body).backgroundColor,
    })""")
    assert colours == {"text": "rgb(0, 0, 0)", "heading": "rgb(0, 0, 0)", "page": "rgb(255, 255, 255)"}
    assert box(page, ".isi")["width"] > 600, "the text takes the paper's width"
    assert page.pdf(format="A4")[:5] == b"%PDF-"


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
    page.wait_for_selector(".hasil-judul a")
    return page.eval_on_selector_all(".hasil-judul a", "links => links.map(a => a.getAttribute('href'))")


def filter_groups(page) -> dict[str, list[str]]:
    """The filter options as shown: {legend: [option label, ...]}, in page order."""
    return page.eval_on_selector_all("#cari-pilihan fieldset", """sets => Object.fromEntries(sets.map(set =>
        [set.querySelector('legend').textContent,
         [...set.querySelectorAll('label')].map(label => label.textContent.trim())]))""")


def test_header_search_box_leads_to_results(new_page, base_url: str):
    page = new_page(360)
    visit(page, ARTICLE)
    page.fill("#kata-cari", "apel siaga")
    with page.expect_navigation():
        page.press("#kata-cari", "Enter")
    assert page.url == f"{base_url}/cari/?q=apel+siaga"
    settle(page, "/cari/?q=apel+siaga")
    assert page.locator("#cari-kata").input_value() == "apel siaga"
    links = result_links(page)
    assert ARTICLE in links, links
    status = page.locator("#cari-status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == f"{len(links)} hasil untuk “apel siaga”"
    # The result is a working link to the article.
    page.click(f".hasil-judul a[href='{ARTICLE}']")
    page.wait_for_url(f"{base_url}{ARTICLE}")
    assert "Apel Siaga" in page.locator("h1").inner_text()


def test_excerpts_go_on_after_the_headline_shown_above_them(new_page):
    """The headline is indexed, so the best excerpt often began with it: the same words twice in a row."""
    page = new_page(360)
    visit(page, "/cari/?q=apel+siaga")
    first = page.locator(".hasil").first
    title = first.locator(".hasil-judul").inner_text()
    excerpt = first.locator(".cuplikan").inner_text()
    assert title.startswith("Apel Siaga Pengawasan"), title
    assert not excerpt.startswith(title[:20]), excerpt
    assert len(excerpt.split()) >= 8, excerpt


def test_one_search_box_on_the_search_page(new_page):
    for width in WIDTHS:
        page = new_page(width)
        visit(page, "/cari/?q=rakor")
        boxes = page.locator("input[type=search]")
        assert boxes.count() == 1 and boxes.first.is_visible(), width
        assert boxes.first.input_value() == "rakor"


def test_typing_into_the_search_page_updates_the_address(new_page, base_url: str):
    page = new_page()
    visit(page, "/cari/")
    search = page.locator("#cari-kata")
    search.press_sequentially("apel siaga", delay=20)
    assert ARTICLE in result_links(page)
    page.wait_for_url(f"{base_url}/cari/?q=apel+siaga")
    search.fill("")
    search.press_sequentially("zzzqqq", delay=20)
    page.wait_for_selector("#cari-status:has-text('Tidak ada hasil untuk “zzzqqq”')")
    assert page.url == f"{base_url}/cari/?q=zzzqqq"
    assert page.locator(".hasil").count() == 0


def test_filters_collapsed_on_phones_open_on_wide_screens(new_page):
    phone = new_page(360)
    visit(phone, "/cari/?q=bawaslu")
    summary = phone.locator("#cari-saring summary")
    assert summary.inner_text().startswith("Saring hasil")
    assert not phone.locator("#cari-saring").evaluate("d => d.open")
    assert not phone.locator("#cari-pilihan input").first.is_visible()
    box = summary.bounding_box()
    assert box and box["height"] >= 44
    summary.click()
    assert phone.locator("#cari-pilihan input").first.is_visible()
    wide = new_page(1280)
    visit(wide, "/cari/?q=bawaslu")
    assert wide.locator("#cari-saring").evaluate("d => d.open")


def test_filter_options_in_the_site_order_without_empty_ones(new_page, base_url: str):
    page = new_page(1280)
    visit(page, "/cari/?q=kota")
    result_links(page)
    groups = filter_groups(page)
    assert list(groups) == ["Jenis", "Tahapan", "Lembaga", "Tahun"]
    options = [option for values in groups.values() for option in values]
    assert all(option.endswith(")") and not option.endswith("(0)") for option in options), options

    def names(group: str) -> list[str]:
        return [option.rsplit(" (", 1)[0] for option in groups[group]]

    data = page.evaluate("JSON.parse(document.getElementById('cari-data').textContent).filters")
    timeline = next(f["order"] for f in data if f["name"] == "tahapan")
    stages = names("Tahapan")
    assert len(stages) > 3 and stages == sorted(stages, key=timeline.index), "stages in the timeline's order"
    kinds = next(f["order"] for f in data if f["name"] == "jenis")
    assert names("Jenis") == sorted(names("Jenis"), key=kinds.index)
    # A long group shows its most frequent values first; the button shows them all, focus staying on it.
    show_all = page.locator("#cari-pilihan button", has_text="Tampilkan semua lembaga")
    assert len(groups["Lembaga"]) == 8 and show_all.get_attribute("aria-expanded") == "false"
    everything = int(show_all.inner_text().rsplit("(", 1)[1].rstrip(")"))
    show_all.click()
    groups = filter_groups(page)
    assert len(groups["Lembaga"]) == everything > 10
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    agencies = names("Lembaga")
    # Indonesian collation ignores case ("Kejaksaan" before "KPU", as "Damkar" before "DPRD"), not character codes.
    assert agencies.index("Kejaksaan Negeri Kota Kediri") < agencies.index("KPU Kota Kediri"), agencies
    assert agencies == sorted(agencies, key=str.casefold), agencies
    # Choosing a stage narrows the results, keeps the choice in the address, and its group keeps the other options.
    page.check("#cari-pilihan input[name=tahapan][value='Masa Tenang']")
    page.wait_for_url(f"{base_url}/cari/?q=kota&tahapan=Masa+Tenang")
    page.wait_for_selector("#cari-saring summary:has-text('1 dipilih')")
    assert len(filter_groups(page)["Tahapan"]) == len(stages), "choosing more stages widens the results"
    assert page.locator("#cari-pilihan input[value='Masa Tenang']").is_checked()


def test_filter_values_from_the_address_that_are_names_of_javascript_object_keys(new_page, base_url: str):
    """A shared address may ask for any value: one named like a key every JavaScript object has
    ('constructor', 'toString', '__proto__') and without results is shown as chosen, without a count."""
    page = new_page(1280)
    visit(page, "/cari/?lembaga=constructor&lembaga=__proto__&tahapan=toString")
    page.wait_for_selector("#cari-status:has-text('Tidak ada hasil')")
    groups = filter_groups(page)
    assert groups["Tahapan"][-1] == "toString", groups["Tahapan"]
    assert sorted(groups["Lembaga"]) == ["__proto__", "constructor"], groups["Lembaga"]
    chosen = page.eval_on_selector_all("#cari-pilihan input:checked", "inputs => inputs.map(i => i.closest('label').textContent.trim())")
    assert sorted(chosen) == ["__proto__", "constructor", "toString"], chosen
    assert page.url == f"{base_url}/cari/?tahapan=toString&lembaga=__proto__&lembaga=constructor"


def test_more_results_on_request(new_page):
    page = new_page(360)
    visit(page, "/cari/?q=bawaslu")
    assert len(result_links(page)) == 10
    more = page.locator("#cari-lagi")
    assert more.inner_text() == "Tampilkan lebih banyak"
    total = int(page.locator("#cari-status").inner_text().split()[0])
    assert total > 10
    more.click()
    page.wait_for_function(f"document.querySelectorAll('.hasil').length === {min(total, 20)}")
    # Focus moves to the first new result, so a keyboard user continues where the list grew.
    assert page.evaluate("document.activeElement.closest('.hasil') === document.querySelectorAll('.hasil')[10]")


def test_without_javascript_the_search_page_points_elsewhere(browser, base_url: str):
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/cari/?q=rakor")
        assert "Pencarian memerlukan JavaScript" in page.locator("main").inner_text()
        assert page.locator("main a[href='/arsip/']").is_visible()
        assert not page.locator("#cari-kata").is_visible(), "no box that cannot search"
    finally:
        context.close()
