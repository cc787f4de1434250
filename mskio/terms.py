"""The ontology's domain terms as a lookup table: labels, class hierarchy and annotation facets.

Everything here is read from `ontology/mskio.ttl`; nothing about a particular review is in
code. A term is an mskio class below a root marked `mskio:annotationFacet true`; its
labels are its rdfs:label, skos:altLabel and skos:hiddenLabel values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from mskio.errors import InputError
from mskio.namespaces import BIBO, MSKIO

LABEL_PROPERTIES = (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel)
"""The properties whose values the title annotator matches."""


@dataclass(frozen=True)
class Term:
    """One annotatable class: its IRI, preferred label, every label to match, facet root, and
    whether it is a publication type (works are typed with it rather than said to be about it)."""

    iri: URIRef
    label: str
    labels: tuple[str, ...]
    facet: URIRef
    is_document_type: bool

    @property
    def local_name(self) -> str:
        """The part of the IRI after the mskio namespace, e.g. 'OsteoidOsteoma'."""
        return str(self.iri)[len(str(MSKIO)):]


@dataclass(frozen=True)
class Terms:
    """The ontology graph and an index of its annotatable terms, with the subclass closure."""

    graph: Graph
    by_iri: dict[URIRef, Term]
    ancestors: dict[URIRef, frozenset[URIRef]]

    def get(self, local_name: str) -> URIRef | None:
        """The IRI of the mskio term (class or named individual) with this local name, if declared."""
        iri = MSKIO[local_name]
        if (iri, RDFS.isDefinedBy, None) in self.graph and (iri, RDF.type, None) in self.graph:
            return iri
        return None

    def is_a(self, sub: URIRef, sup: URIRef) -> bool:
        """True when `sub` is `sup` or a (transitive) subclass of it."""
        return sub == sup or sup in self.ancestors.get(sub, frozenset())

    def is_class(self, iri: URIRef) -> bool:
        """True for a declared owl:Class."""
        return (iri, RDF.type, OWL.Class) in self.graph

    def is_instance_of(self, iri: URIRef, cls: URIRef) -> bool:
        """True for a named individual asserted to be of class `cls`."""
        return (iri, RDF.type, cls) in self.graph

    def most_specific(self, iris: Iterable[URIRef]) -> frozenset[URIRef]:
        """Those of `iris` that are not a strict superclass of another of them."""
        chosen = set(iris)
        return frozenset(i for i in chosen if not any(i != j and self.is_a(j, i) for j in chosen))

    def label(self, iri: URIRef) -> str:
        """The rdfs:label of any mskio resource (the local name when it has none)."""
        value = self.graph.value(iri, RDFS.label)
        return str(value) if value is not None else str(iri).rsplit("#", 1)[-1]


def load_ontology(path: Path) -> Graph:
    """Parse the ontology file; InputError naming it when it is not valid Turtle."""
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise InputError(f"ontology does not parse: {' '.join(str(exc).split())[:300]}", path=path) from None


def index_terms(graph: Graph) -> Terms:
    """Index the classes under each `mskio:annotationFacet` root (the roots themselves excluded)."""
    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    parents: dict[URIRef, set[URIRef]] = {c: set() for c in classes}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            parents.setdefault(sub, set()).add(sup)
    ancestors = {c: frozenset(_closure(c, parents)) for c in parents}
    roots = sorted(r for r in graph.subjects(MSKIO.annotationFacet, Literal(True)) if isinstance(r, URIRef))
    by_iri: dict[URIRef, Term] = {}
    for cls in sorted(classes):
        facet = next((r for r in roots if r in ancestors.get(cls, frozenset())), None)
        if facet is None or not str(cls).startswith(str(MSKIO)):
            continue
        labels = sorted({str(v) for p in LABEL_PROPERTIES for v in graph.objects(cls, p)})
        by_iri[cls] = Term(
            iri=cls,
            label=str(graph.value(cls, RDFS.label) or cls),
            labels=tuple(labels),
            facet=facet,
            is_document_type=BIBO.Document in ancestors.get(cls, frozenset()),
        )
    return Terms(graph=graph, by_iri=by_iri, ancestors=ancestors)


def _closure(start: URIRef, parents: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    seen: set[URIRef] = set()
    stack = list(parents.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(parents.get(node, ()))
    return seen
