"""mskio.lookup.TripleIndex answers lookups as rdflib's Graph does, each triple once, in the order added.

The first graph's triples are distinct (the index's contract); a later graph's may repeat them."""

from __future__ import annotations

from itertools import product

import pytest
from rdflib import Graph, Literal, URIRef

from mskio.lookup import TripleIndex

X = "https://w3id.org/mskio/test/"
A, B, C = URIRef(X + "a"), URIRef(X + "b"), URIRef(X + "c")
P, Q = URIRef(X + "p"), URIRef(X + "q")
TITLE = Literal("A title")
TRIPLES = [(B, P, C), (A, P, C), (A, Q, TITLE), (A, P, B)]
MORE = [(URIRef(X + "b"), URIRef(X + "p"), URIRef(X + "c")), (C, Q, TITLE)]  # the first repeats TRIPLES[0]


def patterns() -> list[tuple[URIRef | Literal | None, ...]]:
    return list(product((None, A, B), (None, P, Q), (None, B, C, TITLE)))


@pytest.mark.parametrize("pattern", patterns())
def test_each_pattern_matches_what_rdflib_matches(pattern: tuple[URIRef | Literal | None, ...]) -> None:
    graph = Graph()
    for triple in TRIPLES + MORE:
        graph.add(triple)
    found = list(TripleIndex(TRIPLES, MORE).triples(pattern))  # type: ignore[arg-type]
    assert len(found) == len(set(found))
    assert set(found) == set(graph.triples(pattern))  # type: ignore[arg-type]


def test_triples_come_in_the_order_added_and_once() -> None:
    index = TripleIndex(TRIPLES, MORE)
    assert len(index) == 5
    assert list(index.triples((None, None, C))) == [(B, P, C), (A, P, C)]
    assert list(index.triples((C, None, None))) == [(C, Q, TITLE)]
    assert list(index.subjects(P, C)) == [B, A]
    assert list(index.objects(A, P)) == [C, B]
    assert index.value(A, P) == C and index.value(B, Q) is None
    assert index.count(A, P) == 2


def test_an_index_without_objects_answers_the_rest_and_refuses_a_lookup_by_object_alone() -> None:
    full, lean = TripleIndex(TRIPLES, MORE), TripleIndex(TRIPLES, MORE, by_object=False)
    for pattern in patterns():
        if pattern[0] is None and pattern[1] is None and pattern[2] is not None:
            with pytest.raises(ValueError, match="by_object"):
                list(lean.triples(pattern))  # type: ignore[arg-type]
        else:
            assert list(lean.triples(pattern)) == list(full.triples(pattern))  # type: ignore[arg-type]
    assert len(lean) == len(full) == 5


def test_graphs_added_later_are_indexed_as_if_given_at_first() -> None:
    """The build indexes the data, then adds the description and the site the ontology (`add`):
    each added graph is checked against what is there (MORE repeats (B, P, C)), counted once."""
    index = TripleIndex(TRIPLES)
    assert len(index) == 4
    index.add(MORE)
    assert len(index) == 5
    index.add([(A, Q, TITLE)], [(C, P, A)])  # a repeat, and a triple new to the index
    assert len(index) == 6
    whole = TripleIndex(TRIPLES, MORE, [(C, P, A)])
    for pattern in patterns():
        assert list(index.triples(pattern)) == list(whole.triples(pattern))  # type: ignore[arg-type]
    assert list(index.triples((None, None, A))) == [(C, P, A)]
    assert list(index.subjects(Q, TITLE)) == [A, C]
