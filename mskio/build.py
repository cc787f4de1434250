"""Records -> triples (mskio.triples: a set, or an rdflib Graph). One builder per record type; no I/O.

The data contract (README "Data model"): the review is a bibo:AcademicArticle and
fabio:ReviewArticle named by its DOI; each reference entry a biro:BibliographicReference
holding its raw text and its OWN parsed citation (what that review printed: authors, title,
journal, year, volume, issue, pages); each cited work (mskio.identity: one node however many
reviews cite it) a bibo:AcademicArticle stating only what its entries agree on, with a
mskio:CitationConflict for each field group they print differently.

Two builders, so that per-source work stays per source (each gives a set of triples):
  `build_review`  one article: the review, its entries, their printed citations, people, journals;
  `build_works`   the corpus: every cited work, its agreed fields and its conflicts.
`build_graph` is both, as an rdflib Graph, for a corpus of one article. The `add_*` builders write
into any mskio.triples.TripleSink.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from mskio.identity import Corpus, EntryId, Work, common_agents, resolve
from mskio.iris import Minter, doi_iri
from mskio.namespaces import BIBO, BIRO, C4O, CITO, FABIO, FRBR, MSKIO, PROV, VCARD
from mskio.records import Agent, Article, Journal, Organization, Person, Publisher, Reference
from mskio.triples import Triple, TripleSink, to_graph

RAW_KINDS = {
    "printed": MSKIO.PrintedText,
    "mixed-citation": MSKIO.MixedCitationText,
    "unstructured": MSKIO.UnstructuredText,
    "rendered": MSKIO.RenderedText,
}
"""records.RawKind -> the mskio individual an entry's mskio:rawTextKind names."""

CONFLICT_PROPERTIES = {
    "title": DCTERMS.title,
    "journal": DCTERMS.isPartOf,
    "year": DCTERMS.issued,
    "volume": BIBO.volume,
    "issue": BIBO.issue,
    "pages": BIBO.pages,
    "authors": BIBO.authorList,
}
"""mskio.identity.FIELDS -> the property a conflict on that field group is about."""

CITATION_TEXT_FIELDS: tuple[tuple[URIRef, str], ...] = (
    (BIBO.volume, "volume"),
    (BIBO.issue, "issue"),
    (BIBO.pageStart, "page_start"),
    (BIBO.pageEnd, "page_end"),
    (BIBO.pages, "pages"),
    (BIBO.locator, "locator"),
    (MSKIO.additionalPages, "extra_pages"),
    (BIBO.doi, "doi"),
    (BIBO.pmid, "pmid"),
    (FABIO.hasPubMedCentralId, "pmcid"),
)
"""The plain-text fields of a citation (`add_citation`): the predicate, and the records.Reference
field whose text it states."""

PUBLICATION_TYPES = {"book": BIBO.Book, "webpage": BIBO.Webpage, "web": BIBO.Webpage, "thesis": BIBO.Thesis,
                     "report": BIBO.Report, "patent": BIBO.Patent}
"""A source's own publication type of a cited work (JATS publication-type) -> a BIBO class, added
to bibo:Document (a journal article stays bibo:AcademicArticle)."""

PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"
PMC = "https://www.ncbi.nlm.nih.gov/pmc/articles/"
ORCID = "https://orcid.org/"


def build_graph(article: Article, *, minter: Minter) -> Graph:
    """The graph of one article page as a corpus of one: `build_review` plus `build_works`."""
    corpus = resolve([article])
    return to_graph(build_review(article, corpus=corpus, minter=minter) | build_works(corpus, minter=minter))


def build_review(article: Article, *, corpus: Corpus, minter: Minter) -> set[Triple]:
    """The triples of one article: the review, its reference entries with their printed citations,
    and the review bibo:cites / cito:cites each cited work (named by `corpus`)."""
    triples: set[Triple] = set()
    review = add_review(triples, article, minter=minter)
    for ref in article.references:
        work = minter.work(corpus.work_of[EntryId(article.doi, ref.number)].id)
        add_reference_entry(triples, ref, review=review, work=work, doi=article.doi, minter=minter)
        triples.add((review, BIBO.cites, work))
        triples.add((review, CITO.cites, work))
    return triples


def build_works(corpus: Corpus, *, minter: Minter) -> set[Triple]:
    """The triples of every cited work of the corpus (`add_cited_work`)."""
    triples: set[Triple] = set()
    for work in corpus.works:
        add_cited_work(triples, work, minter=minter)
    return triples


def add_review(graph: TripleSink, article: Article, *, minter: Minter) -> URIRef:
    """The source article: rdf:type bibo:AcademicArticle, mskio:SourceArticle, and fabio:ReviewArticle
    when the source says it is a review (records.Article.is_review); dcterms:title, bibo:doi,
    bibo:pmid (+ rdfs:seeAlso its PubMed page), fabio:hasPubMedCentralId (+ rdfs:seeAlso its PMC page),
    dcterms:abstract, dcterms:dateSubmitted / dateAccepted / issued, dcterms:publisher, dcterms:rights,
    dcterms:license, dcterms:isPartOf its journal, bibo:volume, bibo:issue, bibo:pages, (when the
    source names authors) bibo:authorList and dcterms:creator, and mskio:unreadAuthor for each text
    of the authors block that fits no author form (records.FlaggedAuthor)."""
    review = doi_iri(article.doi)
    graph.add((review, RDF.type, BIBO.AcademicArticle))
    graph.add((review, RDF.type, MSKIO.SourceArticle))
    if article.is_review:
        graph.add((review, RDF.type, FABIO.ReviewArticle))
    graph.add((review, DCTERMS.title, Literal(article.title.text)))
    graph.add((review, BIBO.doi, Literal(article.doi)))
    add_identifiers(graph, review, pmid=article.pmid, pmcid=article.pmcid)
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
    if article.license is not None:
        graph.add((review, DCTERMS.license, URIRef(article.license) if _is_url(article.license)
                   else Literal(article.license)))
    if article.journal is not None:
        journal = add_journal_record(graph, article.journal, minter=minter)
        if journal is not None:
            graph.add((review, DCTERMS.isPartOf, journal))
    for predicate, value in ((BIBO.volume, article.volume), (BIBO.issue, article.issue), (BIBO.pages, article.pages)):
        if value is not None:
            graph.add((review, predicate, Literal(value)))
    if article.authors:
        add_author_list(graph, review, article.authors, minter=minter)
        for agent in article.authors:
            graph.add((review, DCTERMS.creator, minter.agent(agent)))
    for flagged in article.author_problems:  # kept as printed, typed as neither person nor organisation
        graph.add((review, MSKIO.unreadAuthor, Literal(flagged.text)))
    return review


def add_identifiers(graph: TripleSink, work: URIRef, *, pmid: str | None, pmcid: str | None) -> None:
    """bibo:pmid with rdfs:seeAlso the PubMed page; fabio:hasPubMedCentralId with rdfs:seeAlso the
    PMC page (as the source gives them)."""
    if pmid:
        graph.add((work, BIBO.pmid, Literal(pmid)))
        graph.add((work, RDFS.seeAlso, URIRef(f"{PUBMED}{pmid}/")))
    if pmcid:
        graph.add((work, FABIO.hasPubMedCentralId, Literal(pmcid)))
        graph.add((work, RDFS.seeAlso, URIRef(f"{PMC}{pmcid}/")))


def add_journal_record(graph: TripleSink, journal: Journal, *, minter: Minter) -> URIRef | None:
    """The review's journal as its source names it: bibo:Journal with dcterms:title (full title),
    bibo:shortTitle (ISO abbreviation), bibo:issn; named by the abbreviation (else the title), so
    that it is the node the reference entries' abbreviations name."""
    name = journal.iso_abbreviation or journal.title
    if name is None:
        return None
    iri = minter.journal(name)
    graph.add((iri, RDF.type, BIBO.Journal))
    if journal.iso_abbreviation:
        graph.add((iri, BIBO.shortTitle, Literal(journal.iso_abbreviation)))
    if journal.title:
        graph.add((iri, DCTERMS.title, Literal(journal.title)))
    for issn in journal.issns:
        graph.add((iri, BIBO.issn, Literal(issn)))
    return iri


def add_publisher(graph: TripleSink, publisher: Publisher, *, minter: Minter) -> URIRef:
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


def add_agent(graph: TripleSink, agent: Agent, *, minter: Minter) -> URIRef:
    """A person (foaf:Person; foaf:familyName, foaf:name as printed, mskio:initials, and where the
    source gives them foaf:givenName, rdfs:seeAlso the ORCID record, mskio:affiliationText) or a
    group (foaf:Organization; foaf:name)."""
    iri, triples = _agent_triples(agent, minter)
    for triple in triples:
        graph.add(triple)
    return iri


@lru_cache(maxsize=1 << 16)
def _agent_triples(agent: Agent, minter: Minter) -> tuple[URIRef, tuple[Triple, ...]]:
    """The IRI and the triples `add_agent` writes for `agent` (made once per agent: a person is
    printed in many entries)."""
    iri = minter.agent(agent)
    if isinstance(agent, Person):
        triples: list[Triple] = [
            (iri, RDF.type, FOAF.Person),
            (iri, FOAF.familyName, Literal(agent.family)),
            (iri, FOAF.name, Literal(agent.printed)),
            (iri, MSKIO.initials, Literal(agent.initials)),
        ]
        if agent.given:
            triples.append((iri, FOAF.givenName, Literal(agent.given)))
        if agent.orcid:
            triples.append((iri, RDFS.seeAlso, URIRef(ORCID + agent.orcid)))
        for affiliation in agent.affiliations:
            triples.append((iri, MSKIO.affiliationText, Literal(affiliation)))
        return iri, tuple(triples)
    return iri, ((iri, RDF.type, FOAF.Organization), (iri, FOAF.name, Literal(agent.name)))


def add_author_list(graph: TripleSink, owner: URIRef, authors: tuple[Agent, ...], *, minter: Minter) -> None:
    """bibo:authorList of `owner` (a work, or the citation an entry printed) as an rdf:List whose
    cells are IRIs under `owner` (no blank nodes), in printed order; each agent described."""
    agents = [add_agent(graph, a, minter=minter) for a in authors]
    cells = [minter.author_cell(owner, i) for i in range(1, len(agents) + 1)]
    graph.add((owner, BIBO.authorList, cells[0]))
    for i, (cell, agent) in enumerate(zip(cells, agents)):
        graph.add((cell, RDF.first, agent))
        graph.add((cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))


def add_citation(graph: TripleSink, subject: URIRef, ref: Reference, *, minter: Minter) -> None:
    """The fields of a citation on `subject`: bibo:authorList, mskio:authorListTruncated,
    dcterms:title, dcterms:isPartOf a bibo:Journal (bibo:shortTitle), dcterms:issued (xsd:gYear),
    bibo:volume, bibo:issue, bibo:pageStart, bibo:pageEnd, bibo:pages, bibo:locator,
    mskio:additionalPages, bibo:doi, bibo:pmid, fabio:hasPubMedCentralId (each only when known)."""
    if ref.authors:
        add_author_list(graph, subject, ref.authors, minter=minter)
        graph.add((subject, MSKIO.authorListTruncated, Literal(ref.truncated)))
    if ref.title is not None:
        graph.add((subject, DCTERMS.title, Literal(ref.title)))
    if ref.journal is not None:
        journal = minter.journal(ref.journal)
        graph.add((journal, RDF.type, BIBO.Journal))
        graph.add((journal, BIBO.shortTitle, Literal(ref.journal)))
        graph.add((subject, DCTERMS.isPartOf, journal))
    if ref.year is not None:
        graph.add((subject, DCTERMS.issued, Literal(ref.year, datatype=XSD.gYear)))
    for predicate, name in CITATION_TEXT_FIELDS:
        value = getattr(ref, name)
        if value is not None:
            graph.add((subject, predicate, Literal(value)))


def add_cited_work(graph: TripleSink, work: Work, *, minter: Minter) -> URIRef:
    """A cited work: bibo:AcademicArticle when some entry printed it with title and journal, else
    bibo:Document (plus the BIBO class of the source's publication type); the fields its entries
    agree on (`add_citation`), dcterms:creator for every agent all its author lists name,
    rdfs:seeAlso its PubMed/PMC pages, owl:sameAs its DOI IRI when it is not named by it,
    prov:wasDerivedFrom each entry that cites it, and a mskio:CitationConflict for each field group
    the entries print differently (`add_conflict`)."""
    iri = minter.work(work.id)
    printed = work.printed
    is_article = any(r.title is not None and r.journal is not None for r in printed)
    graph.add((iri, RDF.type, BIBO.AcademicArticle if is_article else BIBO.Document))
    kind = PUBLICATION_TYPES.get((work.agreed.publication_type or "").lower())
    if kind is not None and not is_article:
        graph.add((iri, RDF.type, kind))
    agreed = work.agreed
    # identifiers: the work's own DOI only; its PMID and PMCID below, with their rdfs:seeAlso
    add_citation(graph, iri, replace(agreed, doi=work.dois[0] if len(work.dois) == 1 else None, pmid=None, pmcid=None),
                 minter=minter)
    for agent in agreed.authors or common_agents(printed):  # the agreed list, else who every list names
        graph.add((iri, DCTERMS.creator, minter.agent(agent)))
    if len(work.pmids) == 1:
        add_identifiers(graph, iri, pmid=work.pmids[0], pmcid=None)
    pmcids = {r.pmcid for r in printed if r.pmcid}
    if len(pmcids) == 1:
        add_identifiers(graph, iri, pmid=None, pmcid=pmcids.pop())
    if len(work.dois) == 1 and iri != doi_iri(work.dois[0]):
        graph.add((iri, OWL.sameAs, doi_iri(work.dois[0])))
    for entry in work.entries:
        graph.add((iri, PROV.wasDerivedFrom, minter.reference(entry.review, entry.number)))
    for conflict in work.conflicts:
        node = minter.conflict(iri, conflict.field)
        graph.add((node, RDF.type, MSKIO.CitationConflict))
        graph.add((node, MSKIO.conflictOn, iri))
        graph.add((node, MSKIO.conflictProperty, CONFLICT_PROPERTIES[conflict.field]))
        graph.add((node, RDFS.label, Literal(
            f"the reviews citing this work print its {conflict.field} differently", lang="en")))
        for variant in conflict.variants:
            value = minter.variant(node, variant.value)
            graph.add((node, MSKIO.variant, value))
            graph.add((value, RDF.type, MSKIO.CitationVariant))
            graph.add((value, MSKIO.variantValue, Literal(variant.value)))
            for entry in variant.entries:
                graph.add((value, MSKIO.printedIn, minter.reference(entry.review, entry.number)))
    return iri


def add_reference_entry(
    graph: TripleSink, ref: Reference, *, review: URIRef, work: URIRef, doi: str, minter: Minter
) -> URIRef:
    """A reference entry: biro:BibliographicReference with mskio:referenceNumber, c4o:hasContent
    (the raw text) and mskio:rawTextKind (where the raw text comes from), biro:references the cited
    work; the citing work frbr:part the entry (as OpenCitations); mskio:fullyParsed,
    mskio:parseProblem for each problem, mskio:sourceLine (where the source has lines), and the
    citation as this entry printed it (`add_citation`)."""
    entry = minter.reference(doi, ref.number)
    graph.add((entry, RDF.type, BIRO.BibliographicReference))
    graph.add((entry, MSKIO.referenceNumber, Literal(ref.number, datatype=XSD.integer)))
    graph.add((entry, C4O.hasContent, Literal(ref.raw)))
    graph.add((entry, MSKIO.rawTextKind, RAW_KINDS[ref.raw_kind]))
    graph.add((entry, BIRO.references, work))
    graph.add((review, FRBR.part, entry))
    graph.add((entry, MSKIO.fullyParsed, Literal(ref.fully_parsed)))
    if ref.line is not None:
        graph.add((entry, MSKIO.sourceLine, Literal(ref.line, datatype=XSD.integer)))
    for problem in ref.problems:
        graph.add((entry, MSKIO.parseProblem, Literal(problem)))
    add_citation(graph, entry, ref, minter=minter)
    return entry


def work_iris(corpus: Corpus, *, minter: Minter) -> Mapping[tuple[str, int], URIRef]:
    """(review DOI, reference number) -> the IRI of the cited work, for every entry of the corpus."""
    return {(e.review, e.number): minter.work(w.id) for e, w in corpus.work_of.items()}


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://")) and " " not in text


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)
