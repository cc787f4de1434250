"""The site of a corpus: the seed review with the three test reviews of tests/data/corpus/ (the
`corpus_built` build). One navigation bar for four reviews, the review list, each review's reference
list as that review printed it, and a shared work printed differently: its page shows the variants
and the entries that printed them. Expected texts are read off the pages in tests/data/corpus/ and
data/sources/ (tests/data/corpus/README.md says what each entry exercises)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from rdflib import URIRef

from mskio.namespaces import BIRO
from mskio.pipeline import BuildResult

BASE = "https://w3id.org/mskio/"
SEED = "doi/10-1055-a-2744-8457"
TEST_1 = "doi/10-5555-mskio-test-1"
SEED_TITLE = "Percutaneous Cryoablation for the Management of Bone and Soft Tissue Tumors"
TEST_1_TITLE = "Thermal Ablation of Painful Bone Metastases: A Test Review for the mskio Corpus"
SEED_5 = "Complications of percutaneous bone tumor cryoablation: a 10-year experience"  # seed entry 5
TEST_1_5 = "Complications of percutaneous bone tumour cryoablation: a 10-year experience"  # test.1 entry 5


@pytest.fixture(scope="module")
def site(corpus_built: BuildResult) -> Path:
    return corpus_built.files[0].parent / "site"


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def page(site: Path, path: str) -> str:
    return (site / f"{path}.html").read_text(encoding="utf-8")


def work_path(built: BuildResult, review: str, number: int) -> str:
    """The site path of the work a review's entry refers to."""
    work = built.graph.value(URIRef(f"{BASE}reference/{review}/{number}"), BIRO.references)
    assert work is not None
    text = str(work)
    if text.startswith("https://doi.org/"):
        return "doi/" + re.sub(r"[^a-z0-9]+", "-", text[len("https://doi.org/"):].lower()).strip("-")
    return text[len(BASE):]


def items(html: str) -> dict[int, str]:
    listing = re.search(r'<ol class="references">(.*?)</ol>', html, re.S)
    assert listing is not None
    return {int(n): body for n, body in re.findall(r'<li value="(\d+)"[^>]*>(.*?)</li>', listing.group(1), re.S)}


def test_four_reviews_one_navigation_and_the_review_list(site: Path) -> None:
    landing = page(site, "index")
    assert re.search(r"<h2>Reviews \(4\)</h2>", landing)
    listing = page(site, "reviews/index")
    assert listing.count('<div class="card">') == 4
    for path in (SEED, TEST_1, "doi/10-5555-mskio-test-2", "doi/10-5555-mskio-test-3"):
        assert f'href="../{path}.html"' in listing
    navs = {re.search(r'<nav class="site">(.*?)</nav>', p.read_text(encoding="utf-8"), re.S).group(1)  # type: ignore[union-attr]
            for p in (site / f"{path}.html" for path in (SEED, TEST_1, "doi/10-5555-mskio-test-2", "doi/10-5555-mskio-test-3"))}
    assert len(navs) == 1  # the same bar on every review's page, whatever the number of reviews
    assert "review review" not in text_of(landing) and "review review" not in text_of(next(iter(navs)))


def test_each_review_lists_the_shared_work_as_it_printed_it(corpus_built: BuildResult, site: Path) -> None:
    work = work_path(corpus_built, "10-1055-a-2744-8457", 5)
    assert work == work_path(corpus_built, "10-5555-mskio-test-1", 5)  # one work for the two entries
    seed_item, test_item = items(page(site, SEED))[5], items(page(site, TEST_1))[5]
    assert SEED_5 in text_of(seed_item) and TEST_1_5 not in text_of(seed_item)
    assert TEST_1_5 in text_of(test_item) and SEED_5 not in text_of(test_item)
    assert "291(02):521-528" in text_of(seed_item)  # the seed prints the issue ...
    assert "291:521-528" in text_of(test_item)  # ... test.1 does not
    for item in (seed_item, test_item):
        assert f'href="../{work}.html"' in item


def test_the_shared_works_page_shows_the_printed_variants(corpus_built: BuildResult, site: Path) -> None:
    html = page(site, work_path(corpus_built, "10-1055-a-2744-8457", 5))
    notice = re.search(r'<section class="notice conflict" id="conflicts">(.*?)</section>', html, re.S)
    assert notice is not None
    text = text_of(notice.group(1))
    assert f"{SEED_5} printed in Reference 5 of {SEED_TITLE}" in text
    assert f"{TEST_1_5} printed in Reference 5 of {TEST_1_TITLE}" in text
    cited_by = re.search(r"<h2>Cited by</h2>(.*?)</section>", html, re.S)
    assert cited_by is not None
    assert f"Reference 5 of {SEED_TITLE}" in text_of(cited_by.group(1))
    assert f"Reference 5 of {TEST_1_TITLE}" in text_of(cited_by.group(1))
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert h1 is not None and text_of(h1.group(1)) in (SEED_5, TEST_1_5)  # named by what an entry printed


def test_a_work_printed_alike_by_two_test_reviews_has_no_notice(corpus_built: BuildResult, site: Path) -> None:
    """test.1 entry 7 and test.3 entry 8 print the same synthetic work the same way."""
    path = work_path(corpus_built, "10-5555-mskio-test-1", 7)
    assert path == work_path(corpus_built, "10-5555-mskio-test-3", 8)
    html = page(site, path)
    assert 'class="notice conflict"' not in html
    assert "Microwave ablation of painful spinal metastases: a synthetic test case" in text_of(html)
    journal = page(site, "journal/j-test-radiol")
    assert re.search(r"<h2>Cited by reviews \(3\)</h2>", journal)  # each test review prints J Test Radiol twice
