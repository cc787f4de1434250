"""The graph: the data contract of the foundation issue, asserted triple by triple."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from mskio.build import build_graph
from mskio.iris import Minter
from mskio.namespaces import BIBO, BIRO, C4O, CITO, FABIO, FRBR, MSKIO, VCARD
from mskio.parse import parse_reference
from mskio.pipeline import BuildResult
from mskio.records import Article, Reference
from tests.conftest import REVIEW_IRI

REVIEW = URIRef(REVIEW_IRI)
BASE = "https://w3id.org/mskio/"


def entry(n: int) -> URIRef:
    return URIRef(f"{BASE}reference/10-1055-a-2744-8457/{n}")


def work_of(graph: Graph, n: int) -> URIRef:
    work = graph.value(entry(n), BIRO.references)
    assert isinstance(work, URIRef)
    return work


def names(graph: Graph, work: URIRef) -> list[str]:
    head = graph.value(work, BIBO.authorList)
    assert isinstance(head, URIRef)
    return [str(graph.value(agent, FOAF.name)) for agent in Collection(graph, head)]


def test_review_triples(built: BuildResult) -> None:
    g = built.graph
    for triple in [
        (REVIEW, RDF.type, BIBO.AcademicArticle),
        (REVIEW, RDF.type, FABIO.ReviewArticle),
        (REVIEW, DCTERMS.title, Literal("Percutaneous Cryoablation for the Management of Bone and Soft Tissue Tumors")),
        (REVIEW, BIBO.doi, Literal("10.1055/a-2744-8457")),
        (REVIEW, DCTERMS.dateSubmitted, Literal("2025-07-11", datatype=XSD.date)),
        (REVIEW, DCTERMS.dateAccepted, Literal("2025-11-10", datatype=XSD.date)),
        (REVIEW, DCTERMS.issued, Literal("2026-02-20", datatype=XSD.date)),
        (REVIEW, DCTERMS.rights, Literal("© 2026. Thieme. All rights reserved.")),
    ]:
        assert triple in g, triple
    assert str(g.value(REVIEW, DCTERMS.abstract)).startswith("Image-guided percutaneous cryoablation")


def test_review_states_no_author_and_no_journal(built: BuildResult) -> None:
    g = built.graph
    assert g.value(REVIEW, BIBO.authorList) is None
    assert g.value(REVIEW, DCTERMS.creator) is None
    assert g.value(REVIEW, DCTERMS.isPartOf) is None


def test_publisher_with_address(built: BuildResult) -> None:
    g = built.graph
    publisher = g.value(REVIEW, DCTERMS.publisher)
    assert publisher is not None
    assert (publisher, RDF.type, FOAF.Organization) in g
    assert (publisher, FOAF.name, Literal("Thieme Medical Publishers, Inc.")) in g
    address = g.value(publisher, VCARD.hasAddress)
    assert (address, VCARD.label, Literal("333 Seventh Avenue, 18th Floor, New York, NY 10001, USA")) in g


def test_review_cites_sixty_works_both_ways(built: BuildResult) -> None:
    g = built.graph
    cited = set(g.objects(REVIEW, CITO.cites))
    assert len(cited) == 60
    assert set(g.objects(REVIEW, BIBO.cites)) == cited
    assert {work_of(g, n) for n in range(1, 61)} == cited


def test_every_entry_keeps_number_and_raw_text(built: BuildResult, article: Article) -> None:
    g = built.graph
    entries = set(g.subjects(RDF.type, BIRO.BibliographicReference))
    assert entries == {entry(n) for n in range(1, 61)}
    assert set(g.objects(REVIEW, FRBR.part)) == entries
    for ref in article.references:
        assert (entry(ref.number), C4O.hasContent, Literal(ref.raw)) in g
        assert (entry(ref.number), MSKIO.referenceNumber, Literal(ref.number, datatype=XSD.integer)) in g
        assert (entry(ref.number), MSKIO.fullyParsed, Literal(True)) in g


def test_cited_work_fields_ref34(built: BuildResult) -> None:
    g = built.graph
    work = work_of(g, 34)
    assert (work, RDF.type, BIBO.AcademicArticle) in g
    assert (work, DCTERMS.title, Literal("ACR Appropriateness Criteria® management of vertebral compression fractures")) in g
    assert (work, DCTERMS.issued, Literal("2018", datatype=XSD.gYear)) in g
    assert (work, BIBO.volume, Literal("15")) in g
    assert (work, BIBO.issue, Literal("11S")) in g
    assert (work, BIBO.pageStart, Literal("S347")) in g
    assert (work, BIBO.pageEnd, Literal("S364")) in g
    assert (work, BIBO.pages, Literal("S347-S364")) in g
    assert (work, MSKIO.authorListTruncated, Literal(True)) in g
    journal = g.value(work, DCTERMS.isPartOf)
    assert (journal, RDF.type, BIBO.Journal) in g
    assert (journal, BIBO.shortTitle, Literal("J Am Coll Radiol")) in g
    assert names(g, work) == [
        "Shah LM", "Jennings JW", "Kirsch CFE",
        "Expert Panels on Neurological Imaging, Interventional Radiology, and Musculoskeletal Imaging",
    ]
    group = list(Collection(g, g.value(work, BIBO.authorList)))[-1]
    assert (group, RDF.type, FOAF.Organization) in g


def test_locator_quiz_and_no_issue(built: BuildResult) -> None:
    g = built.graph
    assert (work_of(g, 18), BIBO.locator, Literal("e2431490")) in g
    assert g.value(work_of(g, 18), BIBO.pageStart) is None
    assert (work_of(g, 29), MSKIO.additionalPages, Literal("quiz 238")) in g
    assert g.value(work_of(g, 52), BIBO.issue) is None
    assert (work_of(g, 49), BIBO.issue, Literal("6, Suppl 1")) in g


def test_author_list_order_and_creators(built: BuildResult) -> None:
    g = built.graph
    work = work_of(g, 4)
    assert names(g, work) == ["Santiago E", "Pauly V", "Brun G", "Guenoun D", "Champsaur P", "Le Corroller T"]
    assert len(set(g.objects(work, DCTERMS.creator))) == 6
    assert (work, MSKIO.authorListTruncated, Literal(False)) in g


def test_person_node(built: BuildResult) -> None:
    g = built.graph
    person = list(Collection(g, g.value(work_of(g, 4), BIBO.authorList)))[-1]
    assert (person, RDF.type, FOAF.Person) in g
    assert (person, FOAF.familyName, Literal("Le Corroller")) in g
    assert (person, FOAF.name, Literal("Le Corroller T")) in g
    assert (person, MSKIO.initials, Literal("T")) in g


def test_same_person_is_one_node(built: BuildResult) -> None:
    g = built.graph
    cazzato = {p for p in g.subjects(FOAF.name, Literal("Cazzato RL"))}
    assert len(cazzato) == 1
    works = set(g.subjects(DCTERMS.creator, cazzato.pop()))
    # Read off the source: Cazzato RL is an author of references 5, 9, 20, 25, 41, 42, 45, 53, 56, 59.
    assert works == {work_of(g, n) for n in (5, 9, 20, 25, 41, 42, 45, 53, 56, 59)}


def test_same_journal_is_one_node(built: BuildResult) -> None:
    g = built.graph
    assert len(set(g.subjects(BIBO.shortTitle, Literal("Eur Radiol")))) == 1
    assert len(set(g.subjects(RDF.type, BIBO.Journal))) == 20


def test_no_blank_nodes(built: BuildResult) -> None:
    assert not [t for t in built.graph if any(isinstance(x, BNode) for x in t)]


def test_iris_are_derived_from_content() -> None:
    minter = Minter()
    raw = "Jennings JW. Is percutaneous bone cryoablation safe?. Radiology 2019; 291 (02) 529-530"
    one = minter.work(parse_reference(6, raw, line=22))
    two = minter.work(parse_reference(41, raw, line=99))  # same work cited elsewhere
    other = minter.work(parse_reference(6, raw.replace("safe?", "effective?"), line=22))
    assert one == two != other
    assert str(one).startswith(f"{BASE}work/2019-jennings-")


def test_base_iri_is_configurable(article: Article) -> None:
    graph = build_graph(article, minter=Minter("http://example.org/kg/"))
    subjects = {str(s) for s in graph.subjects() if not str(s).startswith("https://doi.org/")}
    assert subjects and all(s.startswith("http://example.org/kg/") for s in subjects)


def test_unparsed_entry_gets_a_document_with_raw_text_iri() -> None:
    ref = parse_reference(3, "Something that is not a reference at all", line=19)
    assert not ref.fully_parsed
    assert isinstance(ref, Reference)
    iri = Minter().work(ref)
    assert str(iri).startswith(f"{BASE}work/unparsed-")


def test_dist_parses_to_the_built_graph(built: BuildResult, dist: Path) -> None:
    from rdflib.compare import isomorphic

    assert isomorphic(Graph().parse(dist / "mskio.ttl"), built.graph)
