"""mskio.shards: each review's own dump and the sorted union of all, from hand-made parts."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from mskio.namespaces import BIBO
from mskio.serialize import ntriples_document, ntriples_lines
from mskio.shards import make_shards

R1, R2, W1, W2, P = (URIRef(f"https://w3id.org/mskio/{n}") for n in ("review/1", "review/2", "work/1", "work/2", "person/p"))


def test_each_review_holds_its_triples_and_its_cited_works_and_the_union_each_line_once() -> None:
    review1 = {(R1, RDF.type, BIBO.AcademicArticle), (R1, DCTERMS.creator, P)}
    review2 = {(R2, RDF.type, BIBO.AcademicArticle), (R2, DCTERMS.creator, P)}  # the same person
    works = {"w1": {(W1, DCTERMS.title, Literal("Shared work"))}, "w2": {(W2, DCTERMS.title, Literal("Own work"))}}
    shards = make_shards([("10.1/a", review1, ["w1"]), ("10.1/b", review2, ["w1", "w2"])], works)
    first, second = shards.reviews
    assert (first.doi, second.doi) == ("10.1/a", "10.1/b")  # in the order given
    assert first.ntriples == ntriples_document(ntriples_lines(review1 | works["w1"]))
    assert second.ntriples == ntriples_document(ntriples_lines(review2 | works["w1"] | works["w2"]))
    assert (first.triples, second.triples) == (3, 4)
    everything = review1 | review2 | works["w1"] | works["w2"]  # 6 triples, each line once
    assert shards.union == ntriples_document(ntriples_lines(everything))
    lines = shards.union.decode("utf-8").split("\n")[:-1]
    assert lines == sorted(ntriples_lines(everything)) and len(lines) == 6


def test_no_reviews_no_lines() -> None:
    shards = make_shards([], {})
    assert shards.reviews == () and shards.union == b""
