"""mskio.shards: each review's own dump and the sorted union of all, from hand-made parts,
handed to the writers as they are made."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from mskio import shards as shards_module
from mskio.metadata import FileDigest
from mskio.namespaces import BIBO
from mskio.serialize import ntriples_document, ntriples_lines
from mskio.shards import make_shards

R1, R2, W1, W2, P = (URIRef(f"https://w3id.org/mskio/{n}") for n in ("review/1", "review/2", "work/1", "work/2", "person/p"))


class Written:
    """What make_shards hands to its writers: each review's document, and the union's pieces."""

    def __init__(self) -> None:
        self.reviews: dict[str, bytes] = {}
        self.union: list[bytes] | None = None

    def review(self, doi: str, document: bytes) -> FileDigest:
        self.reviews[doi] = document
        return FileDigest.of(document)

    def write_union(self, pieces: Iterable[bytes]) -> None:
        self.union = list(pieces)


def test_each_review_holds_its_triples_and_its_cited_works_and_the_union_each_line_once() -> None:
    review1 = {(R1, RDF.type, BIBO.AcademicArticle), (R1, DCTERMS.creator, P)}
    review2 = {(R2, RDF.type, BIBO.AcademicArticle), (R2, DCTERMS.creator, P)}  # the same person
    works = {"w1": {(W1, DCTERMS.title, Literal("Shared work"))}, "w2": {(W2, DCTERMS.title, Literal("Own work"))}}
    written = Written()
    first, second = make_shards([("10.1/a", review1, ["w1"]), ("10.1/b", review2, ["w1", "w2"])], works,
                                write_review=written.review, write_union=written.write_union)
    assert (first.doi, second.doi) == ("10.1/a", "10.1/b")  # in the order given
    assert written.reviews["10.1/a"] == ntriples_document(ntriples_lines(review1 | works["w1"]))
    assert written.reviews["10.1/b"] == ntriples_document(ntriples_lines(review2 | works["w1"] | works["w2"]))
    assert first.digest == FileDigest.of(written.reviews["10.1/a"])  # the writer's answer
    assert (first.triples, second.triples) == (3, 4)
    everything = review1 | review2 | works["w1"] | works["w2"]  # 6 triples, each line once
    assert written.union is not None
    union = b"".join(written.union)
    assert union == ntriples_document(ntriples_lines(everything))
    lines = union.decode("utf-8").split("\n")[:-1]
    assert lines == sorted(ntriples_lines(everything)) and len(lines) == 6


def test_the_union_comes_in_pieces_that_join_into_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards_module, "_UNION_PIECE", 2)
    review = {(R1, DCTERMS.title, Literal(f"Title {n}")) for n in range(5)}
    written = Written()
    make_shards([("10.1/a", review, [])], {}, write_review=written.review, write_union=written.write_union)
    assert written.union is not None and len(written.union) == 3  # 2 + 2 + 1 lines
    assert b"".join(written.union) == ntriples_document(ntriples_lines(review)) == written.reviews["10.1/a"]


def test_no_reviews_no_lines() -> None:
    written = Written()
    assert make_shards([], {}, write_review=written.review, write_union=written.write_union) == ()
    assert written.reviews == {} and written.union == []
