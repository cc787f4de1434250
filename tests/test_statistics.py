"""The dataset's VoID statistics: one pass in Python (`Statistics.of`) and the SPARQL of
queries/statistics/ on an Oxigraph store (`Statistics.from_store`, what `mskio build` runs) give
the same numbers.

Expected values of the small graph are counted by hand from its five triples below."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from mskio.metadata import Statistics
from mskio.namespaces import BIBO
from mskio.pipeline import BuildResult
from mskio.project import Project
from mskio.serialize import to_ntriples
from mskio.store import EmbeddedStore

A = URIRef("https://w3id.org/mskio/work/a")
B = URIRef("https://w3id.org/mskio/work/b")
P = URIRef("https://w3id.org/mskio/person/p")
SMALL = (
    (A, RDF.type, BIBO.AcademicArticle),
    (A, DCTERMS.title, Literal("Cryoablation")),
    (A, DCTERMS.creator, P),
    (B, DCTERMS.issued, Literal("2020", datatype=XSD.gYear)),
    (P, RDF.type, FOAF.Person),
)


def store_of(triples: object) -> EmbeddedStore:
    return EmbeddedStore.from_ntriples(to_ntriples(triples))  # type: ignore[arg-type]


def test_the_small_graph_counted_by_hand(project: Project) -> None:
    expected = Statistics(
        triples=5, subjects=3, objects=5, entities=2,  # objects: 2 classes, a title, P, a year
        classes={str(BIBO.AcademicArticle): 1, str(FOAF.Person): 1},
        properties={str(RDF.type): 2, str(DCTERMS.title): 1, str(DCTERMS.creator): 1, str(DCTERMS.issued): 1})
    assert Statistics.of(SMALL) == expected
    assert Statistics.from_store(store_of(SMALL), project.statistics_queries) == expected


def test_an_empty_store_has_no_statistics(project: Project) -> None:
    assert Statistics.from_store(EmbeddedStore(), project.statistics_queries) == Statistics(
        triples=0, subjects=0, objects=0, entities=0, classes={}, properties={})


def test_the_store_gives_the_python_count_on_the_corpus_build(corpus_built: BuildResult, project: Project) -> None:
    data = Graph()
    for triple in corpus_built.graph:
        data.add(triple)
    from_store = Statistics.from_store(store_of(data), project.statistics_queries)
    assert from_store == Statistics.of(data)
    assert from_store.triples == len(data) and from_store.properties[str(RDF.type)] == len(list(data.triples((None, RDF.type, None))))
