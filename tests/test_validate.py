"""SHACL shapes: the review's graph conforms; every shape catches its own invalid example.

Each case breaks one thing in a small valid graph (the review with its first three references)
and names the shape, focus node, path and severity the report must contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from mskio.build import build_graph
from mskio.cli import main
from mskio.errors import InputError
from mskio.iris import Minter
from mskio.namespaces import BIBO, BIRO, C4O, CITO, FABIO, FRBR, MSKIO, SH
from mskio.parse import parse_page
from mskio.pipeline import BuildResult
from mskio.records import SourceFile
from mskio.validate import ValidationResult, load_shapes, validate
from tests.conftest import REVIEW_IRI, ROOT, SOURCE
from tests.test_domain_shapes import DOMAIN_CASES  # the domain shapes' cases live there

SHAPES_FILE = ROOT / "shapes" / "mskio.ttl"
SHAPES = URIRef("https://w3id.org/mskio/shapes#")
BASE = "https://w3id.org/mskio/"
REVIEW = URIRef(REVIEW_IRI)
ENTRY = URIRef(f"{BASE}reference/10-1055-a-2744-8457/1")


def small_graph() -> Graph:
    """The review page cut after its third reference, built by the real pipeline stages."""
    text = "\n".join(SOURCE.read_text(encoding="utf-8").splitlines()[:19]) + "\n"
    article = parse_page(text, SourceFile(Path("small.txt"), "0" * 64))
    assert len(article.references) == 3
    return build_graph(article, minter=Minter())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_FILE)


@pytest.fixture(scope="module")
def base_graph() -> Graph:
    return small_graph()


def work(g: Graph) -> URIRef:
    w = g.value(ENTRY, BIRO.references)
    assert isinstance(w, URIRef)
    return w


def person(g: Graph) -> URIRef:
    p = g.value(g.value(work(g), BIBO.authorList), RDF.first)
    assert isinstance(p, URIRef)
    return p


def journal(g: Graph) -> URIRef:
    j = g.value(work(g), DCTERMS.isPartOf)
    assert isinstance(j, URIRef)
    return j


def publisher(g: Graph) -> URIRef:
    p = g.value(REVIEW, DCTERMS.publisher)
    assert isinstance(p, URIRef)
    return p


def set_value(g: Graph, s: URIRef, p: URIRef, value: Literal | URIRef) -> None:
    g.remove((s, p, None))
    g.add((s, p, value))


def first_cell(g: Graph) -> URIRef:
    c = g.value(work(g), BIBO.authorList)
    assert isinstance(c, URIRef)
    return c


def conflict(g: Graph) -> URIRef:
    """A citation conflict on the first cited work, as mskio.build writes it (added if not there)."""
    node = Minter().conflict(work(g), "title")
    if (node, RDF.type, MSKIO.CitationConflict) not in g:
        g.add((node, RDF.type, MSKIO.CitationConflict))
        g.add((node, MSKIO.conflictOn, work(g)))
        g.add((node, MSKIO.conflictProperty, DCTERMS.title))
        for i, value in enumerate(("A title", "A title?"), start=1):
            v = Minter().variant(node, value)
            g.add((node, MSKIO.variant, v))
            g.add((v, RDF.type, MSKIO.CitationVariant))
            g.add((v, MSKIO.variantValue, Literal(value)))
            g.add((v, MSKIO.printedIn, URIRef(f"{BASE}reference/10-1055-a-2744-8457/{i}")))
    return node


def variant(g: Graph) -> URIRef:
    v = sorted(g.objects(conflict(g), MSKIO.variant))[0]
    assert isinstance(v, URIRef)
    return v


def heading(g: Graph) -> URIRef:
    """A MeSH subject heading of the review, as mskio.build_domain writes it (added if not there)."""
    iri = Minter().annotation(REVIEW, "mesh-D001859")
    if (iri, RDF.type, MSKIO.SubjectHeading) not in g:
        g.add((REVIEW, RDF.type, MSKIO.SourceArticle))
        g.add((iri, RDF.type, MSKIO.SubjectHeading))
        g.add((iri, MSKIO.indexedWork, REVIEW))
        g.add((iri, MSKIO.annotationMethod, MSKIO.SourceIndexing))
        g.add((iri, MSKIO.headingDescriptor, URIRef("http://id.nlm.nih.gov/mesh/D001859")))
        g.add((iri, MSKIO.headingText, Literal("Bone Neoplasms")))
        g.add((iri, MSKIO.majorTopic, Literal(True)))
    return iri


def end_in_a_cycle(g: Graph) -> None:
    last = Minter().author_cell(work(g), 2)
    set_value(g, last, RDF.rest, first_cell(g))


@dataclass(frozen=True)
class Case:
    shape: str  # local name in shapes:
    severity: str
    focus: Callable[[Graph], URIRef | None]  # None: a blank node
    path: str | None  # as in the readable report; None: the node shape itself
    breaks: Callable[[Graph], None]


def bnode_of(cls: URIRef, extra: Callable[[Graph, BNode], None] | None = None) -> Callable[[Graph], None]:
    def add(g: Graph) -> None:
        node = BNode("broken")
        g.add((node, RDF.type, cls))
        if extra:
            extra(g, node)
    return add


CASES: list[Case] = [
    Case("ReviewShape", "Violation", lambda g: REVIEW, None, lambda g: g.remove((REVIEW, RDF.type, BIBO.AcademicArticle))),
    Case("Review-title", "Violation", lambda g: REVIEW, "dcterms:title", lambda g: g.remove((REVIEW, DCTERMS.title, None))),
    Case("Review-doi", "Violation", lambda g: REVIEW, "bibo:doi", lambda g: set_value(g, REVIEW, BIBO.doi, Literal("11.1055/x"))),
    Case("Review-abstract", "Warning", lambda g: REVIEW, "dcterms:abstract", lambda g: g.remove((REVIEW, DCTERMS.abstract, None))),
    Case("Review-issued", "Violation", lambda g: REVIEW, "dcterms:issued",
         lambda g: set_value(g, REVIEW, DCTERMS.issued, Literal("2026", datatype=XSD.gYear))),
    Case("Review-submitted", "Violation", lambda g: REVIEW, "dcterms:dateSubmitted",
         lambda g: set_value(g, REVIEW, DCTERMS.dateSubmitted, Literal("11 July 2025"))),
    Case("Review-accepted", "Violation", lambda g: REVIEW, "dcterms:dateAccepted",
         lambda g: g.add((REVIEW, DCTERMS.dateAccepted, Literal("2025-11-11", datatype=XSD.date)))),
    Case("Review-publisher", "Violation", lambda g: REVIEW, "dcterms:publisher",
         lambda g: set_value(g, REVIEW, DCTERMS.publisher, person(g))),
    Case("Review-authors", "Warning", lambda g: REVIEW, "bibo:authorList", lambda g: None),
    Case("Review-cites", "Violation", lambda g: REVIEW, "cito:cites", lambda g: g.add((REVIEW, CITO.cites, Literal("ref 1")))),
    Case("Review-citesSome", "Warning", lambda g: REVIEW, "cito:cites", lambda g: g.remove((REVIEW, CITO.cites, None))),
    Case("Review-authorsRead", "Warning", lambda g: REVIEW, "mskio:unreadAuthor",
         lambda g: g.add((REVIEW, MSKIO.unreadAuthor, Literal("Department of Radiology")))),
    Case("Entry-rawTextKind", "Violation", lambda g: ENTRY, "mskio:rawTextKind",
         lambda g: set_value(g, ENTRY, MSKIO.rawTextKind, MSKIO.Curation)),
    Case("AuthorListShape", "Violation", work, "(complex path)", end_in_a_cycle),
    Case("Work-authorListEnds", "Violation", work, "(complex path)", end_in_a_cycle),
    Case("ListCellShape", "Violation", lambda g: None, None, lambda g: g.add((BNode("cell"), RDF.first, person(g)))),
    Case("ListCell-first", "Violation", first_cell, "rdf:first", lambda g: g.add((first_cell(g), RDF.first, journal(g)))),
    Case("ListCell-rest", "Violation", first_cell, "rdf:rest", lambda g: g.remove((first_cell(g), RDF.rest, None))),
    Case("CitationConflictShape", "Violation", lambda g: None, None, bnode_of(MSKIO.CitationConflict)),
    Case("Conflict-on", "Violation", conflict, "mskio:conflictOn", lambda g: g.remove((conflict(g), MSKIO.conflictOn, None))),
    Case("Conflict-property", "Violation", conflict, "mskio:conflictProperty",
         lambda g: g.remove((conflict(g), MSKIO.conflictProperty, None))),
    Case("Conflict-variants", "Violation", conflict, "mskio:variant", lambda g: g.remove((conflict(g), MSKIO.variant, variant(g)))),
    Case("Conflict-agree", "Warning", conflict, "mskio:variant", lambda g: None if conflict(g) else None),
    Case("CitationVariantShape", "Violation", lambda g: None, None, bnode_of(MSKIO.CitationVariant)),
    Case("SubjectHeadingShape", "Violation", lambda g: None, None, bnode_of(MSKIO.SubjectHeading)),
    Case("Heading-work", "Violation", heading, "mskio:indexedWork", lambda g: set_value(g, heading(g), MSKIO.indexedWork, work(g))),
    Case("Heading-method", "Violation", heading, "mskio:annotationMethod",
         lambda g: set_value(g, heading(g), MSKIO.annotationMethod, MSKIO.TitleLabelMatch)),
    Case("Heading-descriptor", "Violation", heading, "mskio:headingDescriptor",
         lambda g: set_value(g, heading(g), MSKIO.headingDescriptor, URIRef("http://id.nlm.nih.gov/mesh/Q000000"))),
    Case("Heading-text", "Violation", heading, "mskio:headingText", lambda g: g.remove((heading(g), MSKIO.headingText, None))),
    Case("Heading-major", "Violation", heading, "mskio:majorTopic", lambda g: set_value(g, heading(g), MSKIO.majorTopic, Literal("Y"))),
    Case("Variant-value", "Violation", variant, "mskio:variantValue", lambda g: g.remove((variant(g), MSKIO.variantValue, None))),
    Case("Variant-printedIn", "Violation", variant, "mskio:printedIn", lambda g: set_value(g, variant(g), MSKIO.printedIn, work(g))),
    Case("ReferenceEntryShape", "Violation", lambda g: None, None,
         bnode_of(BIRO.BibliographicReference)),
    Case("Entry-number", "Violation", lambda g: ENTRY, "mskio:referenceNumber",
         lambda g: set_value(g, ENTRY, MSKIO.referenceNumber, Literal(0, datatype=XSD.integer))),
    Case("Entry-content", "Violation", lambda g: ENTRY, "c4o:hasContent", lambda g: set_value(g, ENTRY, C4O.hasContent, Literal(""))),
    Case("Entry-references", "Violation", lambda g: ENTRY, "biro:references",
         lambda g: g.add((ENTRY, BIRO.references, URIRef(f"{BASE}work/another")))),
    Case("Entry-citingWork", "Violation", lambda g: ENTRY, "^frbr:part", lambda g: g.remove((REVIEW, FRBR.part, ENTRY))),
    Case("Entry-fullyParsed", "Violation", lambda g: ENTRY, "mskio:fullyParsed",
         lambda g: set_value(g, ENTRY, MSKIO.fullyParsed, Literal("yes"))),
    Case("Entry-parsed", "Warning", lambda g: ENTRY, "mskio:fullyParsed",
         lambda g: set_value(g, ENTRY, MSKIO.fullyParsed, Literal(False))),
    Case("WorkShape", "Violation", lambda g: None, None, bnode_of(BIBO.Document)),
    Case("Work-title", "Violation", work, "dcterms:title", lambda g: g.add((work(g), DCTERMS.title, Literal("Another title")))),
    Case("Work-titleKnown", "Warning", work, "dcterms:title", lambda g: g.remove((work(g), DCTERMS.title, None))),
    Case("Work-year", "Violation", work, "dcterms:issued", lambda g: set_value(g, work(g), DCTERMS.issued, Literal("09"))),
    Case("Work-yearKnown", "Warning", work, "dcterms:issued", lambda g: g.remove((work(g), DCTERMS.issued, None))),
    Case("Work-authorList", "Violation", work, "bibo:authorList",
         lambda g: g.add((work(g), BIBO.authorList, URIRef(f"{BASE}list/other")))),
    Case("AuthorList-members", "Violation", work, None,
         lambda g: set_value(g, g.value(work(g), BIBO.authorList), RDF.first, journal(g))),
    Case("Work-truncated", "Violation", work, "mskio:authorListTruncated",
         lambda g: set_value(g, work(g), MSKIO.authorListTruncated, Literal("no"))),
    Case("Work-journal", "Violation", work, "dcterms:isPartOf", lambda g: set_value(g, work(g), DCTERMS.isPartOf, person(g))),
    Case("Work-pageStart", "Violation", work, "bibo:pageStart", lambda g: set_value(g, work(g), BIBO.pageStart, Literal("835a"))),
    Case("Work-pageEnd", "Violation", work, "bibo:pageEnd", lambda g: set_value(g, work(g), BIBO.pageEnd, Literal("8-39"))),
    Case("Work-pages", "Violation", work, "bibo:pages", lambda g: set_value(g, work(g), BIBO.pages, Literal("835–839"))),
    Case("Work-locator", "Violation", work, "bibo:locator", lambda g: g.add((work(g), BIBO.locator, Literal("e 12")))),
    Case("Work-doi", "Violation", work, "bibo:doi", lambda g: g.add((work(g), BIBO.doi, Literal("doi:10.1/x")))),
    Case("Work-volume", "Violation", work, "bibo:volume", lambda g: g.add((work(g), BIBO.volume, Literal("39")))),
    Case("Work-issue", "Violation", work, "bibo:issue", lambda g: set_value(g, work(g), BIBO.issue, Literal(""))),
    Case("PageOrderShape", "Violation", work, "bibo:pageEnd", lambda g: set_value(g, work(g), BIBO.pageEnd, Literal("83"))),
    Case("PageOrder-end", "Violation", work, "bibo:pageEnd", lambda g: set_value(g, work(g), BIBO.pageEnd, Literal("830"))),
    Case("JournalShape", "Violation", lambda g: None, None, bnode_of(BIBO.Journal)),
    Case("Journal-shortTitle", "Violation", journal, "bibo:shortTitle", lambda g: g.remove((journal(g), BIBO.shortTitle, None))),
    Case("Journal-title", "Info", journal, "dcterms:title", lambda g: None),
    Case("PersonShape", "Violation", lambda g: None, None,
         bnode_of(FOAF.Person, lambda g, n: g.add((n, FOAF.name, Literal("X Y"))))),
    Case("Person-familyName", "Violation", person, "foaf:familyName", lambda g: g.remove((person(g), FOAF.familyName, None))),
    Case("Person-name", "Violation", person, "foaf:name", lambda g: g.add((person(g), FOAF.name, Literal("Callstrom M")))),
    Case("Person-initials", "Violation", person, "mskio:initials", lambda g: set_value(g, person(g), MSKIO.initials, Literal("m.r."))),
    Case("OrganizationShape", "Violation", lambda g: None, None, bnode_of(FOAF.Organization)),
    Case("Organization-name", "Violation", publisher, "foaf:name", lambda g: g.remove((publisher(g), FOAF.name, None))),
]


def find(result: ValidationResult, report: Graph, case: Case, focus: str, shapes_graph: Graph) -> bool:
    """True when a result of `case.shape` with this severity, focus and path is in the report."""
    shape = URIRef(str(SHAPES) + case.shape)
    sources = set(report.subjects(SH.sourceShape, shape)) | set(report.subjects(SH.sourceConstraint, shape))
    if not sources and case.shape.endswith("Shape"):  # a node shape reports through its property shapes
        sources = {r for p in shapes_graph.objects(shape, SH.property) for r in report.subjects(SH.sourceShape, p)}
    rows = [r for r in result.rows if r.severity == case.severity and r.focus == focus
            and (case.path is None or r.path == case.path)]
    return bool(sources) and bool(rows)


@pytest.mark.parametrize("case", CASES, ids=[c.shape for c in CASES])
def test_each_shape_catches_its_invalid_example(case: Case, base_graph: Graph, shapes: Graph) -> None:
    graph = Graph()
    graph += base_graph
    graph.namespace_manager = base_graph.namespace_manager
    case.breaks(graph)
    focus_node = case.focus(graph)
    focus = "(blank node)" if focus_node is None else graph.namespace_manager.normalizeUri(focus_node)
    result = validate(graph, shapes, base=BASE)
    assert find(result, result.report, case, focus, shapes), result.text
    if case.severity == "Violation":
        assert not result.conforms


def test_every_shape_has_an_invalid_example(shapes: Graph) -> None:
    declared = {
        str(s).removeprefix(str(SHAPES))
        for cls in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
        for s in shapes.subjects(RDF.type, cls)
        if str(s).startswith(str(SHAPES))
    }
    assert declared
    assert declared == {c.shape for c in CASES} | {c.shape for c in DOMAIN_CASES}


def test_small_graph_conforms_with_the_expected_warning(base_graph: Graph, shapes: Graph) -> None:
    result = validate(base_graph, shapes, base=BASE)
    assert result.conforms
    assert [(r.severity, r.path) for r in result.rows if r.severity == "Warning"] == [("Warning", "bibo:authorList")]


def test_review_graph_conforms(built: BuildResult) -> None:
    assert built.validation.conforms
    assert built.validation.count("Violation") == 0
    assert built.validation.count("Warning") == 1  # the review names no authors
    assert built.validation.count("Info") == 20  # the 20 journals are printed as abbreviations only


def test_shapes_conform_to_shacl_shacl(shapes: Graph) -> None:
    conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_every_shape_has_a_name_and_message(shapes: Graph) -> None:
    for cls in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint):
        for shape in shapes.subjects(RDF.type, cls):
            assert shapes.value(shape, SH.name) is not None, shape
            assert shapes.value(shape, SH.message) is not None, shape


@pytest.mark.parametrize("path", ["shapes/mskio.ttl", "ontology/mskio.ttl"])
def test_each_subject_is_defined_once(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    subjects = re.findall(r"^([^\s@#][^\s]*)\s", text, flags=re.MULTILINE)
    assert subjects
    duplicates = sorted({s for s in subjects if subjects.count(s) > 1})
    assert duplicates == []


def test_validation_report_has_no_blank_nodes(built: BuildResult, dist: Path) -> None:
    report = Graph().parse(dist / "validation.ttl")
    assert len(report) > 10
    assert not [t for t in report if any(isinstance(x, BNode) for x in t)]
    assert (None, RDF.type, SH.ValidationReport) in report


def test_cli_validate_exit_codes(tmp_path: Path, dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(dist / "mskio.ttl")]) == 0
    out = capsys.readouterr().out
    assert "severity" in out and "focus node" in out and "conforms: 0 violations, 1 warnings, 20 infos" in out
    broken = Graph().parse(dist / "mskio.ttl")
    set_value(broken, REVIEW, BIBO.doi, Literal("not a doi"))
    path = tmp_path / "broken.ttl"
    broken.serialize(path, format="turtle")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    # The review is a bibo:AcademicArticle too, so both the review's and the work's DOI shapes fire.
    assert "Violation" in out and "bibo:doi" in out and "does not conform: 2 violations" in out
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    assert main(["validate", str(garbage)]) == 2
    assert "garbage.ttl" in capsys.readouterr().err


def test_a_broken_graph_fails_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A page range that ends before it starts (839-835) is a violation: the build exits 1, no dist/.
    text = SOURCE.read_text(encoding="utf-8").replace("835-839", "839-835")
    source = tmp_path / "broken.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "dist"
    assert main(["build", str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "violates the shapes" in err and "A page range MUST NOT end before it starts" in err
    assert not out.exists()


def test_a_shacl_violation_is_reported_before_a_failing_check_query(tmp_path: Path) -> None:
    # SHACL runs in a thread beside the check queries (mskio.pipeline.STAGES): when both fail, the
    # build still reports the shapes' violation, and writes no dist/.
    from mskio.errors import CheckFailed
    from mskio.pipeline import BuildConfig, run_build
    from tests.conftest import project_with_a_failing_check

    project = project_with_a_failing_check(tmp_path)
    source = tmp_path / "broken.txt"  # a page range that ends before it starts (839-835)
    source.write_text(SOURCE.read_text(encoding="utf-8").replace("835-839", "839-835"), encoding="utf-8")
    out = tmp_path / "dist"
    with pytest.raises(CheckFailed, match="A page range MUST NOT end before it starts"):
        run_build(BuildConfig(project=project, sources=(source,), out=out, reason=False))
    assert not out.exists()


def test_the_sparql_constraints_run_once_over_the_whole_graph(shapes: Graph) -> None:
    """Issue 10: the four SPARQL constraints of shapes/mskio.ttl (read off it: the objects of
    sh:sparql) run once in Oxigraph, not per focus node in the engine; a shape the rewriting cannot
    keep exact (a property shape, a SPARQL target, a message template, another pre-bound variable)
    stays with the engine."""
    from mskio.validate import whole_graph_constraints

    found = {(str(c.shape).rsplit("#")[-1], str(c.constraint).rsplit("#")[-1]) for c in whole_graph_constraints(shapes)}
    assert found == {("AuthorListShape", "AuthorList-members"),
                     ("IndicationShape", "Indication-quoteInAbstract"), ("TopicAnnotationShape", "Annotation-provenance"),
                     ("TopicAnnotationShape", "Annotation-textInTitle")}
    assert all(c.targets and "$this" not in c.query and c.query.startswith("PREFIX ")
               for c in whole_graph_constraints(shapes))
    ex = "http://example.org/"
    select = "SELECT $this ?value WHERE { $this <http://example.org/p> ?value }"
    for extra in (f"<{ex}S> sh:path <{ex}p> .", f"<{ex}S> sh:target <{ex}T> .", f"<{ex}S> a rdfs:Class .",
                  f"<{ex}C> sh:message \"value {{?value}}\" .", f"<{ex}C> sh:deactivated true ."):
        kept = Graph().parse(data=f"""
            @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            <{ex}S> a sh:NodeShape ; sh:targetClass <{ex}K> ; sh:sparql <{ex}C> .
            <{ex}C> a sh:SPARQLConstraint ; sh:select "{select}" .
            {extra}""", format="turtle")
        assert whole_graph_constraints(kept) == [], extra
    for query in ("SELECT ?value WHERE { $this <http://example.org/p> ?value }",  # $this not projected
                  "SELECT $this ?value WHERE { $this <http://example.org/p> ?value FILTER ($currentShape != $this) }"):
        other = Graph().parse(data=f"""
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            <{ex}S> a sh:NodeShape ; sh:targetClass <{ex}K> ; sh:sparql <{ex}C> .
            <{ex}C> a sh:SPARQLConstraint ; sh:select "{query}" .""", format="turtle")
        assert whole_graph_constraints(other) == [], query
    untargeted = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <{ex}S> a sh:NodeShape ; sh:sparql <{ex}C> .
        <{ex}C> a sh:SPARQLConstraint ; sh:select "{select}" .""", format="turtle")
    assert whole_graph_constraints(untargeted) == []  # no focus node: the engine reports nothing


def test_a_sparql_constraint_reports_only_the_shapes_focus_nodes(tmp_path: Path) -> None:
    """Run over the whole graph, a constraint's solutions outside the shape's targets (here a node
    of another class with the same property) are not results; those of a subclass's instance are."""
    ex = "http://example.org/"
    shapes = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <{ex}S> a sh:NodeShape ; sh:targetClass <{ex}K> ; sh:sparql <{ex}C> .
        <{ex}C> a sh:SPARQLConstraint ; sh:message "no p" ;
            sh:select "SELECT $this ?value WHERE {{ $this <{ex}p> ?value }}" .""", format="turtle")
    data = Graph().parse(data=f"""
        <{ex}a> a <{ex}K> ; <{ex}p> "1" .
        <{ex}b> a <{ex}Other> ; <{ex}p> "2" .
        <{ex}c> a <{ex}Sub> ; <{ex}p> "3" .
        <{ex}Sub> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{ex}K> .""", format="turtle")
    for engine in ("shacl", "pyshacl"):
        result = validate(data, shapes, base="https://w3id.org/mskio/", engine=engine)  # type: ignore[arg-type]
        assert not result.conforms
        assert sorted((r.focus, r.value, r.message) for r in result.rows) == [
            (f"<{ex}a>", "1", "no p"), (f"<{ex}c>", "3", "no p")], engine


def test_the_engine_reads_the_lines_rdflibs_writer_writes() -> None:
    """Issue 10: validate() writes the graph out for the engine itself; its lines are rdflib's
    N-Triples lines, escapes, languages and datatypes included."""
    from mskio.validate import ntriples_text

    g = Graph()
    s = URIRef(f"{BASE}work/x")
    g.add((s, DCTERMS.title, Literal('A "quoted"\nback\\slash\rtitle')))
    g.add((s, DCTERMS.title, Literal("Titre", lang="fr")))
    g.add((s, BIBO.volume, Literal("12", datatype=XSD.string)))
    g.add((s, BIBO.pageStart, Literal(7)))
    g.add((s, RDF.type, BIBO.AcademicArticle))
    g.add((BNode("b1"), FOAF.name, Literal("blank")))
    expected = set(g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()) - {""}
    assert set(ntriples_text(g).splitlines()) == expected
    assert len(expected) == 6


def test_a_dump_given_gives_the_same_report(base_graph: Graph, shapes: Graph) -> None:
    """validate(..., ntriples=the graph's dump) reads the dump instead of writing the graph: the same
    rows (here: an entry without its reference number, whose dump says so too)."""
    from mskio.serialize import to_ntriples

    g = Graph()
    g += base_graph
    g.remove((ENTRY, MSKIO.referenceNumber, None))
    alone = validate(g, shapes, base=BASE)
    given = validate(g, shapes, base=BASE, ntriples=to_ntriples(g))
    assert given.rows == alone.rows and not alone.conforms
    assert [r.path for r in alone.rows if r.severity == "Violation"] == [f"<{MSKIO.referenceNumber}>"]
    assert set(given.report) == set(alone.report)


def test_a_dump_file_given_gives_the_same_report(base_graph: Graph, shapes: Graph, tmp_path: Path) -> None:
    """validate(..., ntriples=a .nt file of the graph's dump) has the engine read the file (as the
    build does): the same rows and report as when it is handed the graph."""
    from mskio.serialize import to_ntriples

    g = Graph()
    g += base_graph
    g.remove((ENTRY, MSKIO.referenceNumber, None))
    dump = tmp_path / "mskio.nt"
    dump.write_bytes(to_ntriples(g))
    alone = validate(g, shapes, base=BASE)
    given = validate(g, shapes, base=BASE, ntriples=dump)
    assert given.rows == alone.rows and not alone.conforms
    assert [r.path for r in alone.rows if r.severity == "Violation"] == [f"<{MSKIO.referenceNumber}>"]
    assert set(given.report) == set(alone.report)


def test_a_dump_file_with_a_relative_iri_names_the_file(shapes: Graph, tmp_path: Path) -> None:
    dump = tmp_path / "mskio.nt"
    dump.write_bytes(b"<person/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> .\n")
    with pytest.raises(InputError, match="SHACL engine cannot read the data graph") as raised:
        validate(Graph(), shapes, base=BASE, ntriples=dump)
    assert raised.value.path == dump
