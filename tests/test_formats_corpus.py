"""Issue 11: a corpus mixing the seed page, a JATS file and a Crossref file builds one graph in
which works shared through a DOI are one node. Expected values: tests/data/formats-corpus/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from mskio.iris import Minter
from mskio.namespaces import BIBO, BIRO, MSKIO
from mskio.pipeline import BuildConfig, BuildResult, run_build
from mskio.project import Project
from tests.conftest import ROOT, SOURCE

FILES = ROOT / "tests" / "data" / "formats-corpus"
SEED, JATS, CROSSREF = "10.1055/a-2744-8457", "10.5555/mskio-test.jats", "10.5555/mskio-test.crossref"
SHARED = URIRef("https://doi.org/10.5555/mskio-test.shared")


@pytest.fixture(scope="module")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    out = tmp_path_factory.mktemp("formats") / "dist"
    return run_build(BuildConfig(project=project, sources=(SOURCE, FILES / "review.nxml", FILES / "work.json"),
                                 out=out, reason=False, source_date_epoch=1771545600))


def entry(doi: str, n: int) -> URIRef:
    return Minter().reference(doi, n)


def test_three_formats_in_one_graph(built: BuildResult) -> None:
    assert [a.source.format for a in built.articles] == ["page", "jats", "crossref"]
    g = built.graph
    assert len(set(g.objects(URIRef(f"https://doi.org/{JATS}"), BIBO.cites))) == 2
    assert len(set(g.objects(URIRef(f"https://doi.org/{CROSSREF}"), BIBO.cites))) == 3
    assert (URIRef(f"https://doi.org/{JATS}"), RDF.type, URIRef("http://purl.org/spar/fabio/ReviewArticle")) in g
    # a Crossref journal-article does not say it is a review
    assert (URIRef(f"https://doi.org/{CROSSREF}"), RDF.type, URIRef("http://purl.org/spar/fabio/ReviewArticle")) not in g


def test_a_doi_shared_by_jats_and_crossref_is_one_node(built: BuildResult) -> None:
    g = built.graph
    assert g.value(entry(JATS, 2), BIRO.references) == SHARED == g.value(entry(CROSSREF, 1), BIRO.references)
    assert g.value(SHARED, BIBO.doi) == Literal("10.5555/mskio-test.shared")
    assert g.value(SHARED, DCTERMS.title) is None  # printed two ways: a conflict, not a pick
    [conflict] = list(g.subjects(MSKIO.conflictOn, SHARED))
    assert g.value(conflict, MSKIO.conflictProperty) == DCTERMS.title
    assert g.value(SHARED, BIBO.pages) == Literal("1-2")  # the first page alone agrees with 1-2


def test_a_work_without_doi_joins_across_formats(built: BuildResult) -> None:
    g = built.graph
    works = {g.value(entry(d, n), BIRO.references) for d, n in ((SEED, 6), (JATS, 1), (CROSSREF, 3))}
    assert len(works) == 1
    assert g.value(entry(JATS, 1), MSKIO.rawTextKind) == MSKIO.MixedCitationText
    assert g.value(entry(CROSSREF, 3), MSKIO.rawTextKind) == MSKIO.UnstructuredText


def test_a_reference_with_only_a_doi_is_kept_and_flagged(built: BuildResult) -> None:
    g = built.graph
    only = entry(CROSSREF, 2)
    assert g.value(only, BIRO.references) == URIRef("https://doi.org/10.5555/mskio-test.only-doi")
    assert g.value(only, MSKIO.fullyParsed) == Literal(False)
    assert g.value(only, MSKIO.rawTextKind) == MSKIO.RenderedText
    assert "doi:10.5555/mskio-test.only-doi" in str(g.value(only, URIRef("http://purl.org/spar/c4o/hasContent")))


def test_references_in_equal_references_published(built: BuildResult) -> None:
    entries = set(built.graph.subjects(RDF.type, BIRO.BibliographicReference))
    assert len(entries) == 60 + 2 + 3 == sum(len(a.references) for a in built.articles)


def test_each_real_sample_builds(project: Project, tmp_path: Path) -> None:
    samples = sorted((ROOT / "tests" / "data" / "samples").glob("*.*"))
    assert len(samples) == 4
    result = run_build(BuildConfig(project=project, sources=tuple(samples), out=tmp_path / "dist", reason=False,
                                   source_date_epoch=1771545600))
    assert result.validation.conforms
    entries = set(result.graph.subjects(RDF.type, BIRO.BibliographicReference))
    assert len(entries) == 58 + 64 + 0 + 70  # the samples' README


def test_regression_nothing_is_minted_under_doi_org(built: BuildResult) -> None:
    """The title conflict of the shared work (named https://doi.org/10.5555/mskio-test.shared) and the
    author-list cells of DOI-named works used to be minted as https://doi.org/.../conflict/... : IRIs in
    a namespace that is not ours, which resolve nowhere. They start under the base at doi/{slug}."""
    [conflict] = list(built.graph.subjects(MSKIO.conflictOn, SHARED))
    assert conflict == URIRef("https://w3id.org/mskio/doi/10-5555-mskio-test-shared/conflict/title")
    doi_org = {s for s in built.graph.subjects() if str(s).startswith("https://doi.org/")}
    assert doi_org and all(str(s).count("/") == 4 for s in doi_org), sorted(doi_org)  # https://doi.org/10.x/y only
