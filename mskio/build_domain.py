"""Curation and annotations -> triples (any mskio.triples.TripleSink): indications, topic annotations
and evidence links. No I/O.

The data contract (README "Domain knowledge"):
  - an indication is an mskio:Indication with mskio:indicationProcedure, mskio:indicationCondition
    (all must hold), mskio:excludedCondition, mskio:treatmentIntent (only where the sentence gives
    one), mskio:indicationStatus, mskio:statedIn the review, mskio:abstractSentence (verbatim),
    mskio:abstractPhrase, and mskio:inferredEvidence to cited works whose annotations match;
  - each annotation is an mskio:TopicAnnotation recording mskio:annotatedWork, mskio:annotationTerm,
    mskio:annotationMethod (mskio:TitleLabelMatch with mskio:matchedText, or mskio:Curation with
    mskio:curationReason; mskio:mentionRole mskio:Comparator for a term named as a comparator); its
    effect on the work is a type (publication types, e.g. the work is an
    mskio:SystematicReview) or mskio:isAbout a topic individual typed with the term;
  - each MeSH heading the source gives (records.Article.mesh, e.g. from PubMed) is a
    mskio:SubjectHeading of the review: mskio:indexedWork the review, mskio:annotationMethod
    mskio:SourceIndexing ("provided by the source", never mskio's inference), mskio:headingDescriptor
    <http://id.nlm.nih.gov/mesh/{UI}>, mskio:headingText, mskio:majorTopic, and mskio:mappedTerm for
    each mskio class that ontology/mappings.sssom.tsv maps to the descriptor by skos:exactMatch or
    skos:narrowMatch (the descriptor is the class or narrower); only through such a mapping does the
    review become mskio:isAbout a topic of that class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from mskio.annotate import COMPARATOR, TITLE_MATCH, Annotation
from mskio.curation import CuratedIndication
from mskio.errors import InputError
from mskio.iris import Minter, doi_iri
from mskio.namespaces import MSKIO, bind_prefixes
from mskio.records import Article
from mskio.terms import Terms
from mskio.triples import TripleSink

MESH = "http://id.nlm.nih.gov/mesh/"
"""The namespace of MeSH descriptor IRIs (http://id.nlm.nih.gov/mesh/D001859)."""

_MESH_UI = re.compile(r"^D\d{6}(\d{3})?$")
_LINKING = (SKOS.exactMatch, SKOS.narrowMatch)
"""Mapping relations by which a descriptor is the mskio class or narrower, so indexing with the
descriptor says the work is about the class."""


class _MappingRow(Protocol):
    """The three fields of an SSSOM row this module reads (mskio.ontology_outputs.Mapping has them)."""

    @property
    def subject(self) -> URIRef: ...
    @property
    def predicate(self) -> URIRef: ...
    @property
    def object(self) -> URIRef: ...


def mesh_links(mappings: Iterable[_MappingRow]) -> dict[str, tuple[URIRef, ...]]:
    """MeSH descriptor UI -> the mskio classes mapped to it by skos:exactMatch or skos:narrowMatch."""
    links: dict[str, set[URIRef]] = {}
    for m in mappings:
        if m.predicate in _LINKING and str(m.object).startswith(MESH):
            links.setdefault(str(m.object)[len(MESH):], set()).add(m.subject)
    return {ui: tuple(sorted(classes)) for ui, classes in links.items()}


def add_subject_headings(graph: TripleSink, article: Article, *, links: Mapping[str, tuple[URIRef, ...]],
                         terms: Terms, minter: Minter) -> tuple[URIRef, ...]:
    """The source's MeSH headings of `article` as mskio:SubjectHeading resources (rdf:type,
    rdfs:label, mskio:indexedWork, mskio:annotationMethod mskio:SourceIndexing, mskio:headingDescriptor,
    mskio:headingText, mskio:majorTopic, mskio:mappedTerm) and, through a mapping only, mskio:isAbout
    of the review. InputError for a descriptor UI that is not a MeSH descriptor UI."""
    review = doi_iri(article.doi)
    made = []
    for heading in article.mesh:
        ui = heading.descriptor_ui.strip()
        if not _MESH_UI.match(ui):
            raise InputError(f"MeSH heading {heading.descriptor_name!r}: {ui!r} is not a MeSH descriptor UI "
                             f"(D followed by 6 or 9 digits)", path=article.source.path)
        iri = minter.annotation(review, f"mesh-{ui}")
        graph.add((iri, RDF.type, MSKIO.SubjectHeading))
        graph.add((iri, RDFS.label, Literal(f"MeSH heading: {heading.descriptor_name}", lang="en")))
        graph.add((iri, MSKIO.indexedWork, review))
        graph.add((iri, MSKIO.annotationMethod, MSKIO.SourceIndexing))
        graph.add((iri, MSKIO.headingDescriptor, URIRef(MESH + ui)))
        graph.add((iri, MSKIO.headingText, Literal(heading.descriptor_name)))
        graph.add((iri, MSKIO.majorTopic, Literal(heading.major, datatype=XSD.boolean)))
        for cls in links.get(ui, ()):
            term = terms.by_iri.get(cls)
            if term is None:
                continue
            graph.add((iri, MSKIO.mappedTerm, cls))
            if term.is_document_type:
                graph.add((review, RDF.type, cls))
            else:
                topic = minter.topic(review, term.local_name)
                graph.add((review, MSKIO.isAbout, topic))
                graph.add((topic, RDF.type, cls))
                graph.add((topic, RDFS.label, Literal(term.label, lang="en")))
        made.append(iri)
    return tuple(made)


def build_domain_graph(
    *,
    doi: str,
    works: Mapping[int, URIRef],
    indications: Iterable[CuratedIndication],
    annotations: Iterable[Annotation],
    evidence: Mapping[str, tuple[int, ...]],
    terms: Terms,
    minter: Minter,
) -> Graph:
    """The domain graph of one review (`add_review_domain`) as an rdflib Graph."""
    graph = bind_prefixes(Graph())
    add_review_domain(graph, doi=doi, works=works, indications=indications, annotations=annotations,
                      evidence=evidence, terms=terms, minter=minter)
    return graph


def add_review_domain(
    graph: TripleSink,
    *,
    doi: str,
    works: Mapping[int, URIRef],
    indications: Iterable[CuratedIndication],
    annotations: Iterable[Annotation],
    evidence: Mapping[str, tuple[int, ...]],
    terms: Terms,
    minter: Minter,
) -> None:
    """The domain triples of one review: its indications and the annotations of its cited works.
    `works` maps reference numbers to cited-work IRIs; `evidence` indication ids to reference numbers."""
    for annotation in annotations:
        add_annotation(graph, annotation, work=works[annotation.reference], terms=terms, minter=minter)
    for indication in indications:
        linked = [works[n] for n in evidence.get(indication.id, ())]
        add_indication(graph, indication, doi=doi, evidence=linked, minter=minter)


def add_indication(
    graph: TripleSink, indication: CuratedIndication, *, doi: str, evidence: Iterable[URIRef], minter: Minter
) -> URIRef:
    """An indication: rdf:type mskio:Indication; rdfs:label; mskio:indicationProcedure,
    mskio:indicationCondition, mskio:excludedCondition, mskio:treatmentIntent, mskio:indicationStatus,
    mskio:statedIn, mskio:abstractSentence, mskio:abstractPhrase, mskio:inferredEvidence."""
    iri = minter.indication(doi, indication.id)
    graph.add((iri, RDF.type, MSKIO.Indication))
    label = indication.phrase if indication.phrase is not None else indication.id
    graph.add((iri, RDFS.label, Literal(f"indication: {label}", lang="en")))
    graph.add((iri, MSKIO.indicationProcedure, indication.procedure))
    for condition in indication.conditions:
        graph.add((iri, MSKIO.indicationCondition, condition))
    for condition in indication.excluding:
        graph.add((iri, MSKIO.excludedCondition, condition))
    if indication.intent is not None:
        graph.add((iri, MSKIO.treatmentIntent, indication.intent))
    graph.add((iri, MSKIO.indicationStatus, indication.status))
    graph.add((iri, MSKIO.statedIn, doi_iri(doi)))
    graph.add((iri, MSKIO.abstractSentence, Literal(indication.sentence)))
    if indication.phrase is not None:
        graph.add((iri, MSKIO.abstractPhrase, Literal(indication.phrase)))
    for work in evidence:
        graph.add((iri, MSKIO.inferredEvidence, work))
    return iri


def add_annotation(graph: TripleSink, annotation: Annotation, *, work: URIRef, terms: Terms, minter: Minter) -> URIRef:
    """A topic annotation: rdf:type mskio:TopicAnnotation; mskio:annotatedWork, mskio:annotationTerm,
    mskio:annotationMethod, mskio:matchedText or mskio:curationReason, mskio:mentionRole. Its effect on the work: the work
    rdf:type the term (a publication type), or the work mskio:isAbout a topic individual of rdf:type the
    term (with an rdfs:label)."""
    term = terms.by_iri[annotation.term]
    iri = minter.annotation(work, term.local_name)
    graph.add((iri, RDF.type, MSKIO.TopicAnnotation))
    graph.add((iri, MSKIO.annotatedWork, work))
    graph.add((iri, MSKIO.annotationTerm, term.iri))
    if annotation.method == TITLE_MATCH:
        graph.add((iri, MSKIO.annotationMethod, MSKIO.TitleLabelMatch))
        graph.add((iri, MSKIO.matchedText, Literal(annotation.matched_text or "")))
        if annotation.role == COMPARATOR:
            graph.add((iri, MSKIO.mentionRole, MSKIO.Comparator))
    else:
        graph.add((iri, MSKIO.annotationMethod, MSKIO.Curation))
        graph.add((iri, MSKIO.curationReason, Literal(annotation.reason or "")))
    if term.is_document_type:
        graph.add((work, RDF.type, term.iri))
    else:
        topic = minter.topic(work, term.local_name)
        graph.add((work, MSKIO.isAbout, topic))
        graph.add((topic, RDF.type, term.iri))
        graph.add((topic, RDFS.label, Literal(term.label, lang="en")))
    return iri
