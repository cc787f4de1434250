"""The ontology file: the header a FAIR ontology checker looks for, and every term documented.

(The domain classes and their reasoning have their own tests.)
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from mskio.namespaces import MSKIO, VANN
from mskio.pipeline import BuildResult
from tests.conftest import ROOT

ONTOLOGY = URIRef("https://w3id.org/mskio/ontology")
HEADER = [DCTERMS.title, DCTERMS.description, DCTERMS.creator, DCTERMS.created, DCTERMS.modified,
          DCTERMS.license, OWL.versionIRI, OWL.versionInfo, VANN.preferredNamespacePrefix,
          VANN.preferredNamespaceUri]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "mskio.ttl")


@pytest.mark.parametrize("prop", HEADER, ids=lambda p: p.n3().rsplit("/", 1)[-1])
def test_header_property(ontology: Graph, prop: URIRef) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY, prop) is not None


def test_every_term_has_label_definition_and_is_defined_by(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(MSKIO))}
    assert len(terms) >= 7
    for term in sorted(terms):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) is not None, term
        assert (term, RDFS.isDefinedBy, ONTOLOGY) in ontology, term


def test_every_mskio_term_the_data_uses_is_declared(ontology: Graph, built: BuildResult) -> None:
    used = {t for triple in built.graph for t in (triple[1], triple[2])
            if isinstance(t, URIRef) and str(t).startswith(str(MSKIO))}
    used |= {t for t in built.graph.objects(None, RDF.type) if str(t).startswith(str(MSKIO))}
    used.discard(URIRef(str(MSKIO)))  # the namespace itself (void:vocabulary) is not a term
    assert MSKIO.referenceNumber in used
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(MSKIO))}
    assert used - declared == set()
