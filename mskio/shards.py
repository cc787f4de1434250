"""Per-review shards: each review's own N-Triples (its triples and those of the works it cites,
dist/reviews/{stem}.nt) and the sorted union of them all (the bibliographic part of the corpus
dump), made from the corpus graph's parts in one pass.

Each part's lines are made once (mskio.serialize.ntriples_lines: a work cited by several reviews
is written once and its lines serve each review's shard), so the union is the lines of the
corpus graph, each once. The build makes the shards in a child process forked after the corpus
graph (mskio.forked), on the machine's other core, while it makes the domain's triples and
HermiT's input: at 1,000 reviews the lines, their sort and the review documents were 25 s of
the build's own interpreter.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from mskio.serialize import ntriples_document, ntriples_lines, sorted_document
from mskio.triples import AnyTriple

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Shard:
    """One review's own dump: its N-Triples document (sorted, distinct lines) and their number."""

    doi: str
    ntriples: bytes
    triples: int


@dataclass(frozen=True)
class Shards:
    """Every review's shard, in the order given, and the union of their lines as one sorted
    N-Triples document (bytes cross a process boundary at the cost of a copy, millions of
    strings at the cost of a pickle each)."""

    reviews: tuple[Shard, ...]
    union: bytes


def make_shards(reviews: Iterable[tuple[str, Iterable[AnyTriple], Iterable[K]]],
                works: Mapping[K, Iterable[AnyTriple]]) -> Shards:
    """The shards of `reviews` (each: its DOI, its own triples, the keys in `works` of the works it
    cites) and the sorted union of their lines."""
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
        shards.append(Shard(doi=doi, ntriples=ntriples_document(own), triples=len(own)))
    return Shards(reviews=tuple(shards), union=sorted_document(sorted(union)))
