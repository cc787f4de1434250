"""Shared fixtures: the project, the review's source page, its parsed article and one build of dist/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mskio.parse import parse_file
from mskio.pipeline import BuildConfig, BuildResult, run_build
from mskio.project import Project
from mskio.curation import Curation, load_curation
from mskio.records import Article, Reference
from mskio.terms import Terms, index_terms, load_ontology

os.environ.setdefault("MSKIO_NO_CACHE", "1")
"""Every test that reasons starts HermiT on real Java (the tests of the cache itself unset this);
it also keeps the test run from writing HermiT's answers to ~/.cache/mskio."""

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sources" / "percutaneous-cryoablation-review.txt"
REVIEW_IRI = "https://doi.org/10.1055/a-2744-8457"
CURATION = ROOT / "data" / "curation" / "percutaneous-cryoablation-review.yaml"


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def article() -> Article:
    return parse_file(SOURCE)


@pytest.fixture(scope="session")
def refs(article: Article) -> dict[int, Reference]:
    return {r.number: r for r in article.references}


@pytest.fixture(scope="session")
def terms() -> Terms:
    """The term index of ontology/mskio.ttl."""
    return index_terms(load_ontology(ROOT / "ontology" / "mskio.ttl"))


@pytest.fixture(scope="session")
def curation(article: Article, terms: Terms) -> Curation:
    """The review's checked curation file."""
    return load_curation(CURATION, article=article, terms=terms)


@pytest.fixture(scope="session")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One build of the review into a temporary dist/ (shared by the tests that only read it)."""
    out = tmp_path_factory.mktemp("build") / "dist"
    return run_build(BuildConfig(project=project, sources=(SOURCE,), out=out))


CORPUS = tuple(sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")))
"""The test corpus: three review pages of our own that cite works of the seed review, some printed
differently (tests/data/corpus/README.md lists what each one exercises)."""


@pytest.fixture(scope="session")
def corpus_built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One build of the seed review with the test corpus (four reviews) into a temporary dist/."""
    assert len(CORPUS) >= 3
    out = tmp_path_factory.mktemp("corpus") / "dist"
    return run_build(BuildConfig(project=project, sources=(SOURCE, *CORPUS), out=out, source_date_epoch=1771545600))


@pytest.fixture(scope="session")
def dist(built: BuildResult) -> Path:
    return built.files[0].parent


def serve(site: Path, log: Path, *, live: bool = False) -> Iterator[str]:
    """`mskio serve` on a free loopback port, serving `site` (with `live`, the build `site` rendered
    on demand: `mskio serve --live --dist site`), until the generator is closed: yields the server's
    base URL. Its request log goes to `log` (a pipe nobody reads would fill up and stall the server)."""
    where = ["--live", "--dist", str(site)] if live else ["--dir", str(site)]
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "mskio", "serve", "--port", "0", *where],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True,
        )
    assert server.stdout is not None
    line = server.stdout.readline()  # printed once the socket is bound
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if match is None:
        server.kill()
        pytest.fail(f"mskio serve did not start: {line!r} {log.read_text()}")
    try:
        yield match.group(0)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


@pytest.fixture(scope="session")
def site_url(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mskio serve` on the built dist/site/ (`serve`); stopped afterwards."""
    yield from serve(dist / "site", tmp_path_factory.mktemp("serve") / "requests.log")


def project_with_a_failing_check(tmp_path: Path) -> Project:
    """A copy of this project whose check queries include one that always fails (every review is
    a row): queries/checks/review_always-violation.rq."""
    import shutil

    root = tmp_path / "project"
    for part in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(ROOT / part, root / part)
    (root / "queries" / "checks" / "review_always-violation.rq").write_text(
        "# title: Always\n# question: Is there a review? (a planted failure)\n# parameters: none\n# returns: review\n"
        "PREFIX fabio: <http://purl.org/spar/fabio/>\n"
        "SELECT ?review WHERE { ?review a fabio:ReviewArticle } ORDER BY ?review\n", encoding="utf-8")
    return Project(root)
