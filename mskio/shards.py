"""Per-review shards: each review's own N-Triples (its triples and those of the works it cites,
dist/reviews/{stem}.nt) and the sorted union of them all (the bibliographic part of the corpus
dump), made from the corpus graph's parts in one pass and written as they are made: the build's
process gets their digests and sizes, never their bytes (at 1,000 reviews 0.6 GB of reviews and
0.6 GB of union, which it received through a pipe and held while it loaded the store).

Each part's lines are made once (mskio.serialize.ntriples_lines: a work cited by several reviews
is written once and its lines serve each review's shard), so the union is the lines of the
corpus graph, each once. The build makes the shards in a child process forked after the corpus
graph (mskio.forked), on the machine's other core, while it makes the domain's triples and
HermiT's input: at 1,000 reviews the lines, their sort and the review documents were 25 s of
the build's own interpreter.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from mskio.metadata import FileDigest
from mskio.serialize import ntriples_document, ntriples_lines, sorted_document_pieces
from mskio.triples import AnyTriple

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Shard:
    """One review's own dump, written: its size and SHA-256, and its number of triples."""

    doi: str
    digest: FileDigest
    triples: int


def make_shards(reviews: Iterable[tuple[str, Iterable[AnyTriple], Iterable[K]]],
                works: Mapping[K, Iterable[AnyTriple]], *,
                write_review: Callable[[str, bytes], FileDigest],
                write_union: Callable[[Iterable[bytes]], object]) -> tuple[Shard, ...]:
    """The shards of `reviews` (each: its DOI, its own triples, the keys in `works` of the works it
    cites), in the order given, each review's N-Triples document handed to `write_review` (its DOI
    and the document; the file's digest back) as soon as it is made; then the sorted union of
    their lines, handed to `write_union` as the pieces of one `sorted_document`."""
    union: set[str] = set()
    work_lines: dict[K, set[str]] = {}
    shards = []
    for doi, triples, cited in reviews:
        own = ntriples_lines(triples)
        union |= own
        for key in cited:
            lines = work_lines.get(key)
            if lines is None:
                lines = work_lines[key] = ntriples_lines(works[key])
                union |= lines
            own |= lines
        shards.append(Shard(doi=doi, digest=write_review(doi, ntriples_document(own)), triples=len(own)))
    ordered = sorted(union)
    del union
    write_union(sorted_document_pieces(ordered, lines=_UNION_PIECE))
    return tuple(shards)


_UNION_PIECE = 65536
"""How many of the union's lines `make_shards` hands on in one piece."""
