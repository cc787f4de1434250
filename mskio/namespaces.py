"""Every vocabulary mskio writes, one Namespace constant each.

The prefixes here are the ones bound when serializing; `ontology/context.jsonld`
declares the same prefixes for JSON-LD.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD


class TermsNamespace(Namespace):
    """An rdflib Namespace whose terms are made once: rdflib's makes (and checks) a new URIRef at
    every attribute access, a microsecond each, millions of times in a corpus build. The term is
    kept in the instance's attributes, which Python looks in before calling `__getattr__` again
    (only names a str does not have reach `__getattr__`, so no str method is shadowed)."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


MSKIO = TermsNamespace("https://w3id.org/mskio/ontology#")
"""mskio's own ontology: terms no standard vocabulary has (`ontology/mskio.ttl`)."""

DEFAULT_BASE = "https://w3id.org/mskio/"
"""Default base IRI under which data IRIs (works, people, journals ...) are minted."""

BIBO = TermsNamespace("http://purl.org/ontology/bibo/")
"""Bibliographic Ontology: articles, journals, author lists, volume, issue, pages."""

FABIO = TermsNamespace("http://purl.org/spar/fabio/")
"""FaBiO (SPAR): kinds of works, e.g. fabio:ReviewArticle."""

CITO = TermsNamespace("http://purl.org/spar/cito/")
"""CiTO (SPAR): citation relations, e.g. cito:cites."""

BIRO = TermsNamespace("http://purl.org/spar/biro/")
"""BiRO (SPAR): bibliographic references (the entries of a reference list)."""

C4O = TermsNamespace("http://purl.org/spar/c4o/")
"""C4O (SPAR): citation content, e.g. c4o:hasContent for the raw reference text."""

FRBR = TermsNamespace("http://purl.org/vocab/frbr/core#")
"""FRBR core: frbr:part links a citing work to its reference entries (as in the OpenCitations data model)."""

VCARD = TermsNamespace("http://www.w3.org/2006/vcard/ns#")
"""vCard: the publisher's postal address."""

SH = TermsNamespace("http://www.w3.org/ns/shacl#")
"""SHACL: shapes and validation reports."""

VANN = TermsNamespace("http://purl.org/vocab/vann/")
"""VANN: preferred prefix and namespace of the ontology."""

PROV = TermsNamespace("http://www.w3.org/ns/prov#")
"""PROV-O: provenance of the dataset and of each statement."""

VOID = TermsNamespace("http://rdfs.org/ns/void#")
"""VoID: the dataset description (statistics, partitions, vocabularies, example resources, dumps)."""

DCAT = TermsNamespace("http://www.w3.org/ns/dcat#")
"""DCAT 3: the dataset as a catalogue entry (keywords, themes, version, distributions)."""

SPDX = TermsNamespace("http://spdx.org/rdf/terms#")
"""SPDX: checksums (algorithm and value) of the source files and the dump files."""

SCHEMA = TermsNamespace("https://schema.org/")
"""schema.org: the Dataset description for search engines (only in dataset.schema.jsonld, not in the graph)."""

NP = TermsNamespace("http://www.nanopub.org/nschema#")
"""Nanopublication schema: head, assertion, provenance and publication-info graphs (only in dist/nanopubs/)."""

PREFIXES: dict[str, str] = {
    "bibo": str(BIBO),
    "biro": str(BIRO),
    "c4o": str(C4O),
    "cito": str(CITO),
    "dcat": str(DCAT),
    "dcterms": str(DCTERMS),
    "fabio": str(FABIO),
    "foaf": str(FOAF),
    "frbr": str(FRBR),
    "mskio": str(MSKIO),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "skos": str(SKOS),
    "spdx": str(SPDX),
    "vann": str(VANN),
    "vcard": str(VCARD),
    "void": str(VOID),
    "xsd": str(XSD),
}
"""Prefix -> namespace IRI, bound on every graph mskio writes."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind mskio's prefixes on `graph` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
