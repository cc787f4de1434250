"""Records -> rdflib Graph. One builder per record type; no I/O.

The data contract (README "Data model"): the review is a bibo:AcademicArticle and
fabio:ReviewArticle named by its DOI; each reference entry a biro:BibliographicReference
holding its raw text; each cited work a bibo:AcademicArticle with an rdf:List of
authors, a bibo:Journal, year, volume, issue and pages.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from mskio.iris import Minter, doi_iri
from mskio.namespaces import BIBO, BIRO, C4O, CITO, FABIO, FRBR, MSKIO, VCARD, bind_prefixes
from mskio.records import Agent, Article, Organization, Person, Publisher, Reference


def build_graph(article: Article, *, minter: Minter) -> Graph:
    """The graph of one article page: the review, its reference entries, cited works, agents, journals."""
    graph = bind_prefixes(Graph())
    review = add_review(graph, article, minter=minter)
    for ref in article.references:
        work = add_cited_work(graph, ref, minter=minter)
        add_reference_entry(graph, ref, review=review, work=work, doi=article.doi, minter=minter)
        graph.add((review, BIBO.cites, work))
        graph.add((review, CITO.cites, work))
    return graph


def add_review(graph: Graph, article: Article, *, minter: Minter) -> URIRef:
    """The review: rdf:type bibo:AcademicArticle, fabio:ReviewArticle; dcterms:title, bibo:doi,
    dcterms:abstract, dcterms:dateSubmitted / dateAccepted / issued, dcterms:publisher, dcterms:rights,
    and (when the page names authors) bibo:authorList and dcterms:creator."""
    review = doi_iri(article.doi)
    graph.add((review, RDF.type, BIBO.AcademicArticle))
    graph.add((review, RDF.type, FABIO.ReviewArticle))
    graph.add((review, DCTERMS.title, Literal(article.title.text)))
    graph.add((review, BIBO.doi, Literal(article.doi)))
    if article.abstract is not None:
        graph.add((review, DCTERMS.abstract, Literal(article.abstract.text)))
    for predicate, date in (
        (DCTERMS.dateSubmitted, article.received),
        (DCTERMS.dateAccepted, article.accepted),
        (DCTERMS.issued, article.published_online),
    ):
        if date is not None:
            graph.add((review, predicate, _date(date)))
    if article.publisher is not None:
        graph.add((review, DCTERMS.publisher, add_publisher(graph, article.publisher, minter=minter)))
    if article.rights is not None:
        graph.add((review, DCTERMS.rights, Literal(article.rights)))
    if article.authors:
        add_author_list(graph, review, article.authors, minter=minter)
    return review


def add_publisher(graph: Graph, publisher: Publisher, *, minter: Minter) -> URIRef:
    """The publisher: foaf:Organization with foaf:name and vcard:hasAddress (a vcard:Address
    whose vcard:label is the address as printed)."""
    org = Organization(publisher.name)
    iri = add_agent(graph, org, minter=minter)
    if publisher.address:
        address = minter.address(org)
        graph.add((iri, VCARD.hasAddress, address))
        graph.add((address, RDF.type, VCARD.Address))
        graph.add((address, VCARD.label, Literal(publisher.address)))
    return iri


def add_agent(graph: Graph, agent: Agent, *, minter: Minter) -> URIRef:
    """A person (foaf:Person; foaf:familyName, foaf:name as printed, mskio:initials) or a group
    (foaf:Organization; foaf:name)."""
    if isinstance(agent, Person):
        iri = minter.person(agent)
        graph.add((iri, RDF.type, FOAF.Person))
        graph.add((iri, FOAF.familyName, Literal(agent.family)))
        graph.add((iri, FOAF.name, Literal(agent.printed)))
        graph.add((iri, MSKIO.initials, Literal(agent.initials)))
        return iri
    iri = minter.organization(agent)
    graph.add((iri, RDF.type, FOAF.Organization))
    graph.add((iri, FOAF.name, Literal(agent.name)))
    return iri


def add_author_list(graph: Graph, work: URIRef, authors: tuple[Agent, ...], *, minter: Minter) -> None:
    """bibo:authorList as an rdf:List whose cells are IRIs (no blank nodes), in printed order,
    and dcterms:creator for each author."""
    agents = [add_agent(graph, a, minter=minter) for a in authors]
    cells = [minter.author_cell(work, i) for i in range(1, len(agents) + 1)]
    graph.add((work, BIBO.authorList, cells[0]))
    for i, (cell, agent) in enumerate(zip(cells, agents)):
        graph.add((cell, RDF.first, agent))
        graph.add((cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
        graph.add((work, DCTERMS.creator, agent))


def add_cited_work(graph: Graph, ref: Reference, *, minter: Minter) -> URIRef:
    """A cited work: bibo:AcademicArticle (bibo:Document when its entry did not parse);
    dcterms:title, bibo:authorList, dcterms:creator, mskio:authorListTruncated, dcterms:isPartOf
    a bibo:Journal, dcterms:issued (xsd:gYear), bibo:volume, bibo:issue, bibo:pageStart,
    bibo:pageEnd, bibo:pages, bibo:locator, mskio:additionalPages."""
    work = minter.work(ref)
    parsed_as_article = ref.title is not None and ref.journal is not None
    graph.add((work, RDF.type, BIBO.AcademicArticle if parsed_as_article else BIBO.Document))
    if ref.title is not None:
        graph.add((work, DCTERMS.title, Literal(ref.title)))
    if ref.authors:
        add_author_list(graph, work, ref.authors, minter=minter)
        graph.add((work, MSKIO.authorListTruncated, Literal(ref.truncated)))
    if ref.journal is not None:
        journal = minter.journal(ref.journal)
        graph.add((journal, RDF.type, BIBO.Journal))
        graph.add((journal, BIBO.shortTitle, Literal(ref.journal)))
        graph.add((work, DCTERMS.isPartOf, journal))
    if ref.year is not None:
        graph.add((work, DCTERMS.issued, Literal(ref.year, datatype=XSD.gYear)))
    for predicate, value in (
        (BIBO.volume, ref.volume),
        (BIBO.issue, ref.issue),
        (BIBO.pageStart, ref.page_start),
        (BIBO.pageEnd, ref.page_end),
        (BIBO.pages, ref.pages),
        (BIBO.locator, ref.locator),
        (MSKIO.additionalPages, ref.extra_pages),
    ):
        if value is not None:
            graph.add((work, predicate, Literal(value)))
    return work


def add_reference_entry(
    graph: Graph, ref: Reference, *, review: URIRef, work: URIRef, doi: str, minter: Minter
) -> URIRef:
    """A reference entry: biro:BibliographicReference with mskio:referenceNumber, c4o:hasContent
    (the raw text), biro:references the cited work; the citing work frbr:part the entry (as OpenCitations);
    mskio:fullyParsed, mskio:parseProblem for each problem, mskio:sourceLine."""
    entry = minter.reference(doi, ref.number)
    graph.add((entry, RDF.type, BIRO.BibliographicReference))
    graph.add((entry, MSKIO.referenceNumber, Literal(ref.number, datatype=XSD.integer)))
    graph.add((entry, C4O.hasContent, Literal(ref.raw)))
    graph.add((entry, BIRO.references, work))
    graph.add((review, FRBR.part, entry))
    graph.add((entry, MSKIO.fullyParsed, Literal(ref.fully_parsed)))
    graph.add((entry, MSKIO.sourceLine, Literal(ref.line, datatype=XSD.integer)))
    for problem in ref.problems:
        graph.add((entry, MSKIO.parseProblem, Literal(problem)))
    return entry


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)
