"""The site in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium)
against `mskio serve`: the landing page loads and its links resolve, the review lists its 60
numbered references, a crawl from the landing page finds no broken internal link and reaches
every generated page; the key pages at 1280 and 390 CSS pixels wide load without console errors
and without horizontal overflow, the evidence map is visible, and the search box finds a known
work. Screenshots go to the test run's temporary directory (printed), never into the tree.
Never skipped: without Chromium the tests fail and say what to install."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from rdflib import URIRef
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from mskio.namespaces import BIRO
from mskio.pipeline import BuildResult
from tests.conftest import serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REVIEW_PAGE = "doi/10-1055-a-2744-8457.html"

CRAWL = """
// A breadth-first crawl of the site's internal links by the browser itself (fetch + DOMParser),
// resumable: it works for about 30 s per call and keeps its state in window.mskioCrawl.
const done = arguments[arguments.length - 1];
const start = arguments[0];
const origin = new URL(start).origin;
const state = window.mskioCrawl || (window.mskioCrawl = {
  status: {}, ids: {}, links: [], queued: [start], seen: new Set([start])});
const deadline = Date.now() + 30000;
async function visit(url) {
  const html = url.split('#')[0].endsWith('.html') || url === start;
  let response;
  try { response = await fetch(url, {method: html ? 'GET' : 'HEAD', headers: {Accept: 'text/html'}}); }
  catch (error) { state.status[url] = String(error); return; }
  state.status[url] = response.status;
  const type = response.headers.get('content-type') || '';
  if (!html || !response.ok || !type.startsWith('text/html')) return;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  state.ids[url] = Array.from(doc.querySelectorAll('[id]'), (e) => e.id);
  for (const a of doc.querySelectorAll('a[href], link[href]')) {
    const target = new URL(a.getAttribute('href'), url);
    if (target.origin !== origin) continue;
    if (target.hash) state.links.push([url, target.href]);
    const bare = target.href.split('#')[0];
    if (!state.seen.has(bare)) { state.seen.add(bare); state.queued.push(bare); }
  }
}
(async () => {
  while (state.queued.length && Date.now() < deadline) {
    await Promise.all(state.queued.splice(0, 16).map(visit));
  }
  if (state.queued.length) { done({finished: false}); return; }
  done({finished: true, status: state.status, ids: state.ids, links: state.links});
})().catch((error) => done({error: String(error)}));
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    if missing:
        pytest.fail(f"headless browser tests need Debian's chromium and chromium-driver: {', '.join(missing)} "
                    "not found (install with `apt-get install chromium chromium-driver`, as .ci/run does)")
    profile = tempfile.mkdtemp(prefix="mskio-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1200,1400", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(300)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def is_error_page(driver: webdriver.Chrome) -> bool:
    return "Error response" in driver.title or not driver.find_elements(By.TAG_NAME, "h1")


def test_landing_page_loads_with_its_structured_data(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(site_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "mskio: the literature of musculoskeletal interventional oncology"
    scripts = [s.get_attribute("textContent") or "" for s in
               browser.find_elements(By.CSS_SELECTOR, 'script[type="application/ld+json"]')]
    documents = [json.loads(s) for s in scripts]
    assert any(d.get("@type") == "Dataset" for d in documents)  # schema.org, for dataset search engines
    stylesheet = browser.execute_script("return getComputedStyle(document.body).fontFamily")
    assert "system-ui" in stylesheet  # style.css was loaded


FETCH_STATUS = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then((r) => done(r.status), (e) => done(String(e)));
"""


def test_every_link_on_the_landing_page_resolves(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(site_url)
    hrefs = sorted({a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, "a[href]")})
    internal = [h for h in hrefs if h.startswith(site_url)]
    assert len(internal) > 20
    pages = [h for h in internal if h.split("#")[0].endswith(".html")]
    files = [h for h in internal if h not in pages]
    assert pages and files  # pages to open, downloads (dumps, metadata) to fetch
    broken = []
    for href in pages:
        browser.get(href)
        if is_error_page(browser):
            broken.append(href)
    browser.get(site_url)
    broken += [h for h in files if browser.execute_async_script(FETCH_STATUS, h) != 200]
    assert broken == []


def test_review_page_lists_60_numbered_references(browser: webdriver.Chrome, site_url: str, tmp_path: Path) -> None:
    browser.get(site_url)
    browser.find_element(By.CSS_SELECTOR, f'a[href="{REVIEW_PAGE}"]').click()
    assert browser.current_url == urljoin(site_url, REVIEW_PAGE)
    items = browser.find_elements(By.CSS_SELECTOR, "ol.references > li")
    assert [int(li.get_attribute("value") or 0) for li in items] == list(range(1, 61))
    for li in items:
        assert li.find_elements(By.CSS_SELECTOR, "span.title a[href*='/work/']"), li.text
    assert items[4].text.startswith("Auloge P, Cazzato RL, Rousseau C, et al. Complications of percutaneous bone")
    assert browser.save_screenshot(str(tmp_path / "review.png"))
    items[4].find_element(By.CSS_SELECTOR, "span.title a").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == \
        "Complications of percutaneous bone tumor cryoablation: a 10-year experience"


def crawl(browser: webdriver.Chrome, site_url: str) -> dict[str, Any]:
    browser.get(site_url)
    for _ in range(100):
        result: dict[str, Any] = browser.execute_async_script(CRAWL, site_url)
        assert "error" not in result, result.get("error")
        if result["finished"]:
            return result
    raise AssertionError("the crawl did not finish in 100 rounds")


def test_crawl_finds_no_broken_link_and_reaches_every_page(browser: webdriver.Chrome, site_url: str,
                                                           dist: Path) -> None:
    result = crawl(browser, site_url)
    status: dict[str, Any] = result["status"]
    assert len(status) > 1000
    assert {url: code for url, code in status.items() if code != 200} == {}
    ids: dict[str, list[str]] = result["ids"]
    anchored = [href for _, href in result["links"]]
    assert anchored  # e.g. the review's "60 numbered references" -> #references, ontology terms
    missing_anchors = sorted({h for h in anchored if h.split("#", 1)[1] not in ids.get(h.split("#", 1)[0], [])})
    assert missing_anchors == []
    reached = {urlsplit(url).path.lstrip("/") for url in status}
    generated = {str(p.relative_to(dist / "site")) for p in (dist / "site").rglob("*.html")}
    assert len(generated) > 500
    assert sorted(generated - reached - {"index.html"}) == []


KEY_PAGES = {
    "landing": "index.html",
    "review": REVIEW_PAGE,
    "work": "work/2019-auloge-62b1a68c.html",
    "person": "person/cazzato-rl.html",
    "journal": "journal/radiology.html",
    "reviews": "reviews/index.html",
    "browse-cryoablation": "browse/mskio-cryoablation.html",
    "ontology": "ontology.html",
    "search": "search/index.html?q=cazzato",
}
WIDTHS = [1280, 390]


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def console_errors(driver: webdriver.Chrome) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("name", sorted(KEY_PAGES), ids=sorted(KEY_PAGES))
def test_key_pages_load_cleanly_and_fit_the_width(browser: webdriver.Chrome, site_url: str, screenshots: Path,
                                                  name: str, width: int) -> None:
    browser.set_window_size(width, 1000)
    console_errors(browser)  # drop what earlier pages logged
    browser.get(urljoin(site_url, KEY_PAGES[name]))
    assert not is_error_page(browser), KEY_PAGES[name]
    inner = browser.execute_script("return window.innerWidth")
    assert inner <= width
    overflow = browser.execute_script(
        "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > "
        "document.documentElement.clientWidth + 1 && !e.closest('.scroll')).map(e => e.tagName + '.' + e.className)"
        ".slice(0, 5)")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= inner, overflow
    assert console_errors(browser) == []
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(int(height) + 120, 6000))
    path = screenshots / f"{name}-{width}.png"
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 1000
    print(f"screenshot: {path}")


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("page", ["index.html", REVIEW_PAGE], ids=["landing", "review"])
def test_the_evidence_map_is_visible_with_its_numbers(browser: webdriver.Chrome, site_url: str, page: str,
                                                      width: int) -> None:
    browser.set_window_size(width, 1000)
    browser.get(urljoin(site_url, page))
    figure = browser.find_element(By.CSS_SELECTOR, "figure.evidence-map")
    browser.execute_script("arguments[0].scrollIntoView()", figure)
    svg = figure.find_element(By.TAG_NAME, "svg")
    assert svg.is_displayed() and svg.size["width"] > 200 and svg.size["height"] > 100
    assert "Evidence map" in figure.find_element(By.TAG_NAME, "figcaption").text
    # the numbers: osteoid osteoma has 4 linked works whose titles state no study design
    # (refs 4, 28, 29, 30; dist/evidence-map.tsv of mskio.evidence_map agrees)
    figure.find_element(By.CSS_SELECTOR, "details.numbers summary").click()
    rows = {tr.find_element(By.TAG_NAME, "th").text: [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in figure.find_elements(By.CSS_SELECTOR, "table tbody tr")}
    head = [th.text for th in figure.find_elements(By.CSS_SELECTOR, "table thead th")]
    osteoid = rows["osteoid osteoma [well-established]"]
    assert osteoid[head.index("design not stated") - 1] == "4"
    assert sum(int(n) for n in osteoid) == 4


@pytest.mark.parametrize(("words", "title"), [
    ("osteoblastoma", "Percutaneous image-guided cryoablation of osteoblastoma"),  # ref 45, by its title
    ("Garnon", "Adjunctive thermoprotection during percutaneous thermal ablation procedures: "
               "review of current techniques"),  # ref 25, by its first author
    ("Cardiovasc Intervent Radiol endometriosis", "Percutaneous image-guided cryoablation of endometriosis "
                                                  "scars in unusual anatomic locations"),  # ref 56, journal + title
], ids=["title", "author", "journal"])
def test_the_search_box_finds_a_known_work(browser: webdriver.Chrome, site_url: str, words: str, title: str) -> None:
    browser.set_window_size(1280, 1000)
    browser.get(urljoin(site_url, REVIEW_PAGE))
    box = browser.find_element(By.CSS_SELECTOR, "nav.site form.search input[name=q]")
    box.send_keys(words)
    box.submit()
    # submit() returns before the next page has loaded (under load the review page was still current)
    WebDriverWait(browser, 10).until(lambda b: urlsplit(b.current_url).path == "/search/index.html")
    status = browser.find_element(By.ID, "search-status")
    assert "result" in status.text, status.text
    results = browser.find_elements(By.CSS_SELECTOR, "#search-results li a")
    found = [a for a in results if a.text == title]
    assert found, [a.text for a in results]
    found[0].click()
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    assert "/work/" in browser.current_url
    assert console_errors(browser) == []


def test_the_search_finds_an_ontology_term_by_its_label(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(urljoin(site_url, "search/index.html?q=desmoid"))
    results = browser.find_elements(By.CSS_SELECTOR, "#search-results li a")
    terms = [a.get_attribute("href") or "" for a in results]
    assert any(h.endswith("/ontology.html#DesmoidFibromatosis") for h in terms), terms


@pytest.fixture(scope="module")
def corpus_url(corpus_built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mskio serve` on the site of the four-review test corpus (conftest's corpus_built)."""
    yield from serve(corpus_built.files[0].parent / "site", tmp_path_factory.mktemp("serve-corpus") / "requests.log")


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_two_reviews_citing_one_work_printed_differently(browser: webdriver.Chrome, corpus_url: str,
                                                        corpus_built: BuildResult, screenshots: Path,
                                                        width: int) -> None:
    """The corpus site: the navigation reads the same with four reviews; from the second review's
    entry 5 (which prints "tumour" where the seed prints "tumor") to the shared work's page, whose
    notice names both printings; no console error, no horizontal overflow."""
    browser.set_window_size(width, 1000)
    console_errors(browser)
    browser.get(urljoin(corpus_url, "doi/10-5555-mskio-test-1.html"))
    nav = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "nav.site a")]
    assert nav == ["mskio", "reviews", "ontology", "browse"]
    entry = browser.find_element(By.ID, "ref-5")
    assert "Complications of percutaneous bone tumour cryoablation" in entry.text
    entry.find_element(By.CSS_SELECTOR, "span.title a").click()
    work = corpus_built.graph.value(
        URIRef("https://w3id.org/mskio/reference/10-5555-mskio-test-1/5"), BIRO.references)
    assert work is not None and str(work).startswith("https://w3id.org/mskio/work/")
    assert urlsplit(browser.current_url).path == f"/{str(work)[len('https://w3id.org/mskio/'):]}.html"
    notice = browser.find_element(By.CSS_SELECTOR, "section.notice.conflict")
    assert notice.is_displayed()
    assert "bone tumor cryoablation" in notice.text and "bone tumour cryoablation" in notice.text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= \
        browser.execute_script("return window.innerWidth")
    assert console_errors(browser) == []
    assert browser.save_screenshot(str(screenshots / f"corpus-shared-work-{width}.png"))
