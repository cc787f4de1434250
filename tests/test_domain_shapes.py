"""SHACL shapes of the domain nodes: each catches its own invalid example.

The valid graph is the review cut after its third reference, with one indication (the
osteoid-osteoma one, values from the abstract) and the title annotations of those references,
built by the real stages. Each case breaks one thing and names the shape, focus node and path
the report must contain. (tests/test_validate.py checks that every shape has a case.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from mskio.annotate import annotate_article, compile_matcher
from mskio.build import build_graph
from mskio.build_domain import build_domain_graph
from mskio.curation import CuratedIndication
from mskio.iris import Minter
from mskio.namespaces import MSKIO, SH, bind_prefixes
from mskio.parse import parse_page
from mskio.records import SourceFile
from mskio.terms import index_terms, load_ontology
from mskio.validate import ValidationResult, load_shapes, validate
from tests.conftest import ROOT, SOURCE

SHAPES = "https://w3id.org/mskio/shapes#"
BASE = "https://w3id.org/mskio/"
DOI = "10.1055/a-2744-8457"
INDICATION = URIRef(f"{BASE}indication/10-1055-a-2744-8457/osteoid-osteoma")
WELL = ("Well-established indications include the treatment of osteoid osteoma, palliation of painful skeletal "
        "metastases, and local control of oligometastatic disease.")


def domain_graph() -> Graph:
    text = "\n".join(SOURCE.read_text(encoding="utf-8").splitlines()[:19]) + "\n"
    article = parse_page(text, SourceFile(Path("small.txt"), "0" * 64))
    assert len(article.references) == 3
    minter = Minter()
    terms = index_terms(load_ontology(ROOT / "ontology" / "mskio.ttl"))
    indication = CuratedIndication(
        id="osteoid-osteoma", procedure=MSKIO.Cryoablation, conditions=(MSKIO.OsteoidOsteoma,), excluding=(),
        intent=None, status=MSKIO.WellEstablished, sentence=WELL, phrase="the treatment of osteoid osteoma", line=1)
    annotations = annotate_article(article, compile_matcher(terms), None)
    works = {r.number: minter.work(r) for r in article.references}
    graph = bind_prefixes(Graph())
    graph += build_graph(article, minter=minter)
    graph += build_domain_graph(doi=DOI, works=works, indications=[indication], annotations=annotations,
                                evidence={"osteoid-osteoma": (3,)}, terms=terms, minter=minter)
    return graph


def annotation(g: Graph) -> URIRef:
    """The annotation of reference 3 with mskio:MulticentreStudy ("multicenter trial", a title match)."""
    found = [a for a in g.subjects(MSKIO.annotationTerm, MSKIO.MulticentreStudy) if isinstance(a, URIRef)]
    assert len(found) == 1
    return found[0]


def set_value(g: Graph, s: URIRef, p: URIRef, value: Literal | URIRef) -> None:
    g.remove((s, p, None))
    g.add((s, p, value))


def bnode_of(cls: URIRef) -> Callable[[Graph], None]:
    def add(g: Graph) -> None:
        g.add((BNode("broken"), RDF.type, cls))
    return add


@dataclass(frozen=True)
class DomainCase:
    shape: str  # local name in shapes:
    focus: Callable[[Graph], URIRef | None]  # None: a blank node
    path: str | None  # as in the readable report; None: the node shape itself
    breaks: Callable[[Graph], None]


def ind(g: Graph) -> URIRef:
    return INDICATION


DOMAIN_CASES: list[DomainCase] = [
    DomainCase("IndicationShape", lambda g: None, None, bnode_of(MSKIO.Indication)),
    DomainCase("Indication-status", ind, "mskio:indicationStatus",
               lambda g: g.remove((INDICATION, MSKIO.indicationStatus, None))),
    DomainCase("Indication-sentence", ind, "mskio:abstractSentence",
               lambda g: g.remove((INDICATION, MSKIO.abstractSentence, None))),
    DomainCase("Indication-phrase", ind, "mskio:abstractPhrase",
               lambda g: g.add((INDICATION, MSKIO.abstractPhrase, Literal("osteoid osteoma")))),
    DomainCase("Indication-procedure", ind, "mskio:indicationProcedure",
               lambda g: g.remove((INDICATION, MSKIO.indicationProcedure, None))),
    DomainCase("Indication-condition", ind, "mskio:indicationCondition",
               lambda g: g.remove((INDICATION, MSKIO.indicationCondition, None))),
    DomainCase("Indication-intent", ind, "mskio:treatmentIntent",
               lambda g: g.add((INDICATION, MSKIO.treatmentIntent, MSKIO.WellEstablished))),
    DomainCase("Indication-statedIn", ind, "mskio:statedIn", lambda g: g.remove((INDICATION, MSKIO.statedIn, None))),
    DomainCase("Indication-evidence", ind, "mskio:inferredEvidence",
               lambda g: g.add((INDICATION, MSKIO.inferredEvidence, Literal("ref 3")))),
    DomainCase("Indication-quoteInAbstract", ind, "mskio:abstractSentence",
               lambda g: set_value(g, INDICATION, MSKIO.abstractSentence,
                                   Literal("Cryoablation is indicated for every osteoid osteoma."))),
    DomainCase("TopicAnnotationShape", lambda g: None, None, bnode_of(MSKIO.TopicAnnotation)),
    DomainCase("Annotation-work", annotation, "mskio:annotatedWork",
               lambda g: g.remove((annotation(g), MSKIO.annotatedWork, None))),
    DomainCase("Annotation-term", annotation, "mskio:annotationTerm",
               lambda g: g.add((annotation(g), MSKIO.annotationTerm, MSKIO.CaseReport))),
    DomainCase("Annotation-method", annotation, "mskio:annotationMethod",
               lambda g: set_value(g, annotation(g), MSKIO.annotationMethod, Literal("title"))),
    DomainCase("Annotation-matchedText", annotation, "mskio:matchedText",
               lambda g: g.add((annotation(g), MSKIO.matchedText, Literal("trial")))),
    DomainCase("Annotation-reason", annotation, "mskio:curationReason",
               lambda g: g.add((annotation(g), MSKIO.curationReason, Literal("")))),
    DomainCase("Annotation-provenance", annotation, "mskio:annotationMethod",
               lambda g: g.remove((annotation(g), MSKIO.matchedText, None))),
    DomainCase("Annotation-textInTitle", annotation, "mskio:matchedText",
               lambda g: set_value(g, annotation(g), MSKIO.matchedText, Literal("randomized trial"))),
]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ROOT / "shapes" / "mskio.ttl")


@pytest.fixture(scope="module")
def base_graph() -> Graph:
    return domain_graph()


def reported(result: ValidationResult, case: DomainCase, focus: str, shapes_graph: Graph) -> bool:
    shape = URIRef(SHAPES + case.shape)
    report = result.report
    by_shape = set(report.subjects(SH.sourceShape, shape)) | set(report.subjects(SH.sourceConstraint, shape))
    rows = [r for r in result.rows if r.severity == "Violation" and r.focus == focus
            and (case.path is None or r.path == case.path)]
    return bool(by_shape) and bool(rows)


def test_domain_graph_conforms(base_graph: Graph, shapes: Graph) -> None:
    assert (INDICATION, MSKIO.indicationStatus, MSKIO.WellEstablished) in base_graph
    assert len(set(base_graph.subjects(RDF.type, MSKIO.TopicAnnotation))) >= 5
    result = validate(base_graph, shapes, base=BASE)
    assert result.conforms, result.text


@pytest.mark.parametrize("case", DOMAIN_CASES, ids=[c.shape for c in DOMAIN_CASES])
def test_each_domain_shape_catches_its_invalid_example(case: DomainCase, base_graph: Graph, shapes: Graph) -> None:
    graph = bind_prefixes(Graph())
    graph += base_graph
    case.breaks(graph)
    focus_node = case.focus(graph)
    focus = "(blank node)" if focus_node is None else graph.namespace_manager.normalizeUri(focus_node)
    result = validate(graph, shapes, base=BASE)
    assert reported(result, case, focus, shapes), result.text
    assert not result.conforms


def test_an_indication_without_status_or_sentence_is_a_violation(base_graph: Graph, shapes: Graph) -> None:
    graph = bind_prefixes(Graph())
    graph += base_graph
    graph.remove((INDICATION, MSKIO.indicationStatus, None))
    graph.remove((INDICATION, MSKIO.abstractSentence, None))
    result = validate(graph, shapes, base=BASE)
    assert not result.conforms
    paths = {r.path for r in result.rows if r.severity == "Violation"}
    assert {"mskio:indicationStatus", "mskio:abstractSentence"} <= paths
