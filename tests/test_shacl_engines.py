"""The build's SHACL engine ("shacl", Rust) gives pySHACL's results: the same set of (severity, focus
node, path, source shape, source constraint, component, value, message) on the seed build, the test
corpus build and every invalid example of tests/test_validate.py and tests/test_domain_shapes.py,
the same rows, and (where the data has no blank nodes) the same report graph, triple for triple.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import subprocess
import sys

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from mskio.namespaces import SH, bind_prefixes
from mskio.pipeline import BuildResult
from mskio.errors import InputError
from mskio.validate import ValidationResult, load_shapes, skolemize, validate
from tests.conftest import ROOT
from tests.test_domain_shapes import DOMAIN_CASES, domain_graph
from tests.test_validate import CASES, small_graph

BASE = "https://w3id.org/mskio/"
SKOLEM = f"{BASE}validation/"
SHAPES = "https://w3id.org/mskio/shapes#"

Key = tuple[str, str, str, str, str, str, str, str]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ROOT / "shapes" / "mskio.ttl")


_PREPARED: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Query] = {}


@contextlib.contextmanager
def sparql_constraints_parsed_once() -> Iterator[None]:
    """pySHACL hands rdflib a SPARQL constraint's text once per focus node (468 times on the seed
    build) with the focus node in initBindings, and rdflib parses the same text each time: three
    quarters of pySHACL's time here. Inside this block each distinct text (under the base and
    namespaces it is read with) is parsed and translated once, and the prepared query is evaluated
    with each call's bindings as before: what rdflib's prepareQuery is for. pySHACL still evaluates
    every constraint on the real graph; only the repeated parsing is left out."""
    original = SPARQLProcessor.query

    def query(self: SPARQLProcessor, strOrQuery: str | Query, initBindings: Mapping[str, Identifier] | None = None,
              initNs: Mapping[str, Any] | None = None, base: str | None = None, DEBUG: bool = False) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in _PREPARED:
                _PREPARED[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = _PREPARED[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SPARQLProcessor, "query", query)
        yield


def _blank(node: Node | None) -> bool:
    """A node that was a blank node before the report was skolemized."""
    return isinstance(node, BNode) or (isinstance(node, URIRef) and str(node).startswith(SKOLEM))


def _term(node: Node | None) -> str:
    if node is None:
        return ""
    return "(blank node)" if _blank(node) else node.n3()


def _path(report: Graph, node: Node | None) -> str:
    """A result path in SPARQL property path syntax, read from the (skolemized) path nodes."""
    if node is None:
        return ""
    if not _blank(node):
        return node.n3()
    for predicate, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "({})*"), (SH.oneOrMorePath, "({})+"),
                                (SH.zeroOrOnePath, "({})?")):
        inner = report.value(node, predicate)
        if inner is not None:
            return template.format(_path(report, inner))
    alternatives = report.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(report, p) for p in report.items(alternatives)) + ")"
    steps = list(report.items(node))
    assert steps, f"a path node that is no path: {node}"
    return "(" + "/".join(_path(report, p) for p in steps) + ")"


def results(result: ValidationResult) -> set[Key]:
    """Every result of the report as (severity, focus, path, source shape, source constraint,
    constraint component, value, message)."""
    report = result.report
    keys: set[Key] = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        assert len(messages) == 1, messages  # one sh:message per shape in shapes/mskio.ttl
        keys.add((
            _term(report.value(r, SH.resultSeverity)), _term(report.value(r, SH.focusNode)),
            _path(report, report.value(r, SH.resultPath)), _term(report.value(r, SH.sourceShape)),
            _term(report.value(r, SH.sourceConstraint)), _term(report.value(r, SH.sourceConstraintComponent)),
            _term(report.value(r, SH.value)), messages[0],
        ))
    return keys


def has_blank_nodes(graph: Graph) -> bool:
    return any(isinstance(term, BNode) for triple in graph for term in triple)


def assert_same(data: Graph, shapes: Graph) -> tuple[ValidationResult, ValidationResult]:
    """Validate `data` with both engines and check that they agree; returns (shacl, pyshacl)."""
    fast = validate(data, shapes, base=BASE, engine="shacl")
    with sparql_constraints_parsed_once():
        reference = validate(data, shapes, base=BASE, engine="pyshacl")
    assert results(fast) == results(reference)
    assert fast.rows == reference.rows
    assert fast.conforms == reference.conforms
    assert not has_blank_nodes(fast.report) and not has_blank_nodes(reference.report)
    if not has_blank_nodes(data):  # pySHACL copies a blank focus node's triples into its report
        assert set(fast.report) == set(reference.report)
    return fast, reference


def test_engines_agree_on_the_seed_build(built: BuildResult, shapes: Graph) -> None:
    assert not has_blank_nodes(built.graph)
    fast, reference = assert_same(built.graph, shapes)
    # The seed conforms with one warning (the review names no authors) and 20 infos (journals
    # printed as abbreviations only): README, "make build".
    assert [r.severity for r in fast.rows].count("Warning") == 1
    assert [r.severity for r in fast.rows].count("Info") == 20
    assert fast.conforms
    assert built.validation.rows == fast.rows  # the build ran the fast engine


def test_engines_agree_on_the_corpus_build(corpus_built: BuildResult, shapes: Graph) -> None:
    assert not has_blank_nodes(corpus_built.graph)
    fast, _ = assert_same(corpus_built.graph, shapes)
    assert fast.conforms and len(fast.rows) > 21  # four reviews: more journals, conflicts, warnings
    assert corpus_built.validation.rows == fast.rows


Break = Callable[[Graph], None]
INVALID: list[tuple[str, Callable[[], Graph], Break]] = (
    [(c.shape, small_graph, c.breaks) for c in CASES] + [(c.shape, domain_graph, c.breaks) for c in DOMAIN_CASES]
)


@pytest.fixture(scope="module")
def base_graphs() -> dict[Callable[[], Graph], Graph]:
    return {make: make() for make in (small_graph, domain_graph)}


def test_every_invalid_example_is_compared() -> None:
    assert len(INVALID) == len(CASES) + len(DOMAIN_CASES) > 70
    assert {"Indication-quoteInAbstract", "Annotation-provenance", "Annotation-textInTitle", "PageOrderShape",
            "AuthorList-members", "Entry-citingWork", "Entry-parsed", "Work-authorListEnds"} <= {s for s, _, _ in INVALID}


@pytest.mark.parametrize(("shape", "make", "breaks"), INVALID, ids=[shape for shape, _, _ in INVALID])
def test_engines_agree_on_the_invalid_example(shape: str, make: Callable[[], Graph], breaks: Break,
                                             base_graphs: dict[Callable[[], Graph], Graph], shapes: Graph) -> None:
    graph = bind_prefixes(Graph())
    graph += base_graphs[make]
    breaks(graph)
    fast, _ = assert_same(graph, shapes)
    assert results(fast)  # never two empty reports
    reported = {k[3] for k in results(fast)} | {k[4] for k in results(fast)}
    nested = {p.n3() for p in shapes.objects(URIRef(SHAPES + shape), SH.property)}
    assert f"<{SHAPES}{shape}>" in reported or nested & reported


def test_messages_are_the_shapes_messages(shapes: Graph, base_graphs: dict[Callable[[], Graph], Graph]) -> None:
    # Break one annotation (Annotation-provenance) and one indication (Indication-quoteInAbstract): the
    # results of the SPARQL constraints carry the constraint's sh:message, every other result its shape's.
    graph = bind_prefixes(Graph())
    graph += base_graphs[domain_graph]
    for case in DOMAIN_CASES:
        if case.shape in ("Annotation-provenance", "Indication-quoteInAbstract"):
            case.breaks(graph)
    fast = validate(graph, shapes, base=BASE)
    keys = results(fast)
    sparql = {k for k in keys if k[4]}
    assert {k[4] for k in sparql} == {f"<{SHAPES}Annotation-provenance>", f"<{SHAPES}Indication-quoteInAbstract>"}
    for severity, focus, path, shape, constraint, component, value, message in keys:
        source = URIRef((constraint or shape).strip("<>"))
        assert message in {str(m) for m in shapes.objects(source, SH.message)}, (shape, constraint, message)


def test_an_unknown_engine_is_refused(shapes: Graph) -> None:
    with pytest.raises(ValueError, match="unknown SHACL engine 'topbraid'"):
        validate(Graph(), shapes, base=BASE, engine="topbraid")  # type: ignore[arg-type]


def test_a_relative_iri_is_bad_input(shapes: Graph) -> None:
    # N-Triples has no relative IRIs, so the engine cannot be handed one: an InputError, no traceback.
    graph = Graph()
    graph.add((URIRef("person/x"), RDF.type, FOAF.Person))
    with pytest.raises(InputError, match="SHACL engine cannot read the data graph"):
        validate(graph, shapes, base=BASE)


def test_skolemize_names_each_blank_node_by_its_triples() -> None:
    ex = "http://example.org/"
    graph = Graph()
    result, path = BNode(), BNode()
    graph.add((result, SH.focusNode, URIRef(ex + "a")))
    graph.add((result, SH.resultPath, path))
    graph.add((path, SH.inversePath, URIRef(ex + "p")))
    out = skolemize(graph, prefix=ex + "v/")
    assert not has_blank_nodes(out) and len(out) == 3
    inverse = next(iter(out.subjects(SH.inversePath, URIRef(ex + "p"))))
    assert (None, SH.resultPath, inverse) in out
    # the same triples under other blank nodes give the same IRIs
    again = Graph()
    r2, p2 = BNode(), BNode()
    again.add((p2, SH.inversePath, URIRef(ex + "p")))
    again.add((r2, SH.resultPath, p2))
    again.add((r2, SH.focusNode, URIRef(ex + "a")))
    assert set(skolemize(again, prefix=ex + "v/")) == set(out)


@pytest.mark.parametrize("shape", ["twins", "cycle"])
def test_skolemize_falls_back_to_canonical_labels(shape: str) -> None:
    # Two blank nodes with the same triples (twins), or a cycle of blank nodes: hashes cannot name
    # them, rdflib's canonical labelling does, and no two nodes get one IRI.
    ex = "http://example.org/"
    graph = Graph()
    a, b = BNode(), BNode()
    if shape == "twins":
        graph.add((URIRef(ex + "s"), URIRef(ex + "p"), a))
        graph.add((URIRef(ex + "s"), URIRef(ex + "p"), b))
        graph.add((a, URIRef(ex + "q"), Literal("x")))
        graph.add((b, URIRef(ex + "q"), Literal("x")))
    else:
        graph.add((a, RDF.rest, b))
        graph.add((b, RDF.rest, a))
    out = skolemize(graph, prefix=ex + "v/")
    assert not has_blank_nodes(out)
    assert len(out) == (4 if shape == "twins" else 2)
    assert len({s for s in out.subjects() if str(s).startswith(ex + "v/")}) == 2


def test_the_report_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from tests.test_validate import small_graph; "
        "from mskio.validate import load_shapes, validate; from mskio.serialize import to_turtle; "
        "r = validate(small_graph(), load_shapes(Path('shapes/mskio.ttl')), base='https://w3id.org/mskio/'); "
        "sys.stdout.buffer.write(to_turtle(r.report))"
    )
    outputs = [
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] and b"validation/" in outputs[0]
