"""Triples as plain Python values: what the builders write and the dumps are made from.

The builders (mskio.build, mskio.build_domain) write into any `TripleSink`: an rdflib Graph, or a
plain `set` of `Triple`s. The pipeline uses sets: every `Graph.add` costs the Memory store its
three indexes, its context bookkeeping and an event (about 10 µs a triple), so a corpus graph made
as per-review graphs united into one paid that two or three times per triple. With sets, each
review's triples stay apart at the cost of a tuple, and the corpus Graph is filled once (`to_graph`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeAlias

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from mskio.namespaces import bind_prefixes

Term: TypeAlias = URIRef | Literal
"""An object the builders write: an IRI or a literal (never a blank node)."""

Triple: TypeAlias = tuple[URIRef, URIRef, Term]
"""One statement as the builders make it."""

AnyTriple: TypeAlias = tuple[Node, Node, Node]
"""One statement as an rdflib Graph yields it."""


class TripleSink(Protocol):
    """Where a builder writes its triples: an rdflib Graph or a `set[Triple]` (both have `add`)."""

    def add(self, triple: Triple, /) -> object: ...


def to_graph(triples: Iterable[AnyTriple], graph: Graph | None = None) -> Graph:
    """Add `triples` to `graph` (a new Graph with mskio's prefixes when none is given); return it."""
    if graph is None:
        graph = bind_prefixes(Graph())
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph
