"""Triples without an rdflib Graph (mskio.triples) and the N-Triples written from them
(mskio.serialize.ntriples_line): the same lines as rdflib's own N-Triples serializer."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from mskio.serialize import BlankNodeError, to_ntriples
from mskio.triples import to_graph

S = URIRef("https://w3id.org/mskio/reference/10-5555-x/1")
P = URIRef("http://purl.org/spar/c4o/hasContent")

OBJECTS = [
    pytest.param(URIRef("https://doi.org/10.1002/(sici)1097-4547(19960215)43:4%3c439::aid-jnr5%3e3.0.co;2-g"), id="iri"),
    pytest.param(Literal("plain"), id="plain"),
    pytest.param(Literal('a "quoted" word'), id="quotes"),
    pytest.param(Literal("back\\slash"), id="backslash"),
    pytest.param(Literal("two\nlines\r\n"), id="newlines"),
    pytest.param(Literal("tab\there"), id="tab"),
    pytest.param(Literal("Labrèze — ≥ 2 cm\u2028next"), id="non-ascii"),
    pytest.param(Literal("tumour", lang="en-GB"), id="language"),
    pytest.param(Literal("2009", datatype=XSD.gYear), id="datatype"),
    pytest.param(Literal("x", datatype=XSD.string), id="xsd-string"),
    pytest.param(Literal(37, datatype=XSD.integer), id="integer"),
    pytest.param(Literal(False), id="boolean"),
]


@pytest.mark.parametrize("obj", OBJECTS)
def test_a_line_is_the_line_rdflib_writes(obj: URIRef | Literal) -> None:
    graph = Graph()
    graph.add((S, P, obj))
    assert to_ntriples([(S, P, obj)]) == graph.serialize(format="nt", encoding="utf-8")


def test_lines_escape_only_what_rdflib_escapes() -> None:
    nt = to_ntriples([(S, P, Literal('say "hi"\\\n\ttab'))]).decode("utf-8")
    assert nt == f'<{S}> <{P}> "say \\"hi\\"\\\\\\n\ttab" .\n'


def test_lines_are_sorted_and_written_once() -> None:
    a, b = URIRef("http://example.org/a"), URIRef("http://example.org/b")
    nt = to_ntriples([(b, RDF.type, a), (a, RDF.type, b), (b, RDF.type, a)]).decode("utf-8")
    assert nt.splitlines() == [f"<{a}> <{RDF.type}> <{b}> .", f"<{b}> <{RDF.type}> <{a}> ."]


def test_a_blank_node_is_refused() -> None:
    with pytest.raises(BlankNodeError):
        to_ntriples([(S, P, BNode("b1"))])


def test_a_terms_namespace_makes_each_term_once_and_keeps_the_str_methods() -> None:
    from rdflib import Namespace, URIRef

    from mskio.namespaces import TermsNamespace

    ns = TermsNamespace("http://example.org/ns#")
    term = ns.volume
    assert term == Namespace("http://example.org/ns#").volume == URIRef("http://example.org/ns#volume")
    assert type(term) is URIRef and ns.volume is term  # kept, not made again
    assert ns.startswith("http://example.org/") and ns.upper() == "HTTP://EXAMPLE.ORG/NS#"  # str's own
    assert ns["title"] == URIRef("http://example.org/ns#title")
