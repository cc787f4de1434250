"""A read-only triple index for the stages that look triples up millions of times in a graph they
do not change: the site's renderer, the citation exports.

rdflib's Memory store answers each lookup through several generator layers and keeps context
bookkeeping for every triple added; an rdflib Graph over the build's Oxigraph store (oxrdflib)
converts every term it returns. `TripleIndex`
holds each triple once in three dictionaries (subject -> predicate -> objects, predicate -> object
-> subjects, object -> (subject, predicate)) and answers the part of rdflib's Graph interface the
site uses (`triples`, `objects`, `subjects`, `value`, `in`, and `count`, and `about`, a subject's
predicates and objects at once), in the order the triples were added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType

from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Pattern = tuple[Node | None, Node | None, Node | None]


class TripleIndex:
    """The union of some graphs' triples (each once), indexed for lookups by any bound positions.

    The first graph's triples must be distinct (a set's, an rdflib Graph's, a dump's read by
    mskio.rdf_files.read_ntriples_terms); the later graphs' are each checked against what is
    indexed already. The check compares the object with each object of the same subject and
    predicate by rdflib's `__eq__`, a Python call: for the first graph, the corpus's, it was most
    of the time the index took (a review's 40-80 entries and cited works under one predicate)."""

    def __init__(self, *graphs: Iterable[Triple], by_object: bool = True) -> None:
        """`by_object` False makes no index of the objects alone, for a reader that never looks
        triples up by their object without a predicate (the citation exports: at 1,000 reviews,
        their 2.5M triples are indexed in 5.4 s instead of 8.7); such a lookup is then refused."""
        # defaultdicts make a missing dict or list only when it is missing (setdefault would make
        # one for every triple); every lookup below uses .get, so none adds an entry
        self._spo: defaultdict[Node, dict[Node, list[Node]]] = defaultdict(dict)
        self._pos: defaultdict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self._osp: defaultdict[Node, list[tuple[Node, Node]]] | None = defaultdict(list) if by_object else None
        self._count = 0
        for number, graph in enumerate(graphs):
            self._add(graph, checked=number > 0)  # the first graph's triples are distinct: see the class's docstring

    def add(self, *graphs: Iterable[Triple]) -> None:
        """Index the triples of more graphs, each checked against what is indexed already (the
        build indexes the data while it waits for a child, then its description: mskio.pipeline)."""
        for graph in graphs:
            self._add(graph, checked=True)

    def _add(self, graph: Iterable[Triple], *, checked: bool) -> None:
        spo, pos, osp = self._spo, self._pos, self._osp
        count = 0
        for s, p, o in graph:
            by_predicate = spo[s]
            objects = by_predicate.get(p)
            if objects is None:
                by_predicate[p] = [o]
            elif checked and o in objects:
                continue
            else:
                objects.append(o)
            pos[p][o].append(s)
            if osp is not None:
                osp[o].append((s, p))
            count += 1
        self._count += count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Triple]:
        return self.triples((None, None, None))

    def __contains__(self, pattern: Pattern) -> bool:
        return next(self.triples(pattern), None) is not None

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        """The triples matching `pattern` (None matches anything)."""
        s, p, o = pattern
        if s is not None:
            by_predicate = self._spo.get(s)
            if by_predicate is None:
                return
            if p is not None:
                for obj in by_predicate.get(p, ()):
                    if o is None or obj == o:
                        yield s, p, obj
                return
            for pred, objects in by_predicate.items():
                for obj in objects:
                    if o is None or obj == o:
                        yield s, pred, obj
            return
        if p is not None:
            by_object = self._pos.get(p)
            if by_object is None:
                return
            if o is not None:
                for subj in by_object.get(o, ()):
                    yield subj, p, o
                return
            for obj, subjects in by_object.items():
                for subj in subjects:
                    yield subj, p, obj
            return
        if o is not None:
            if self._osp is None:
                raise ValueError("this TripleIndex was made without its index by object (by_object=False)")
            for subj, pred in self._osp.get(o, ()):
                yield subj, pred, o
            return
        for subj, by_predicate in self._spo.items():
            for pred, objects in by_predicate.items():
                for obj in objects:
                    yield subj, pred, obj

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        """The objects of the triples matching (subject, predicate, any)."""
        if subject is not None and predicate is not None:
            yield from self._spo.get(subject, {}).get(predicate, ())
            return
        for _, _, o in self.triples((subject, predicate, None)):
            yield o

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        """The subjects of the triples matching (any, predicate, obj), with repeats (as rdflib's);
        each subject once when both are None."""
        if predicate is not None and obj is not None:
            yield from self._pos.get(predicate, {}).get(obj, ())
            return
        if predicate is None and obj is None:
            yield from self._spo
            return
        for s, _, _ in self.triples((None, predicate, obj)):
            yield s

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """The (subject, object) pairs of `predicate`'s triples."""
        for s, _, o in self.triples((None, predicate, None)):
            yield s, o

    def count(self, subject: Node, predicate: Node) -> int:
        """How many objects (subject, predicate) has."""
        return len(self._spo.get(subject, {}).get(predicate, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """The object of (subject, predicate), the first added if there are several; None if none."""
        objects = self._spo.get(subject, {}).get(predicate)
        return objects[0] if objects else None

    def about(self, subject: Node) -> Mapping[Node, Sequence[Node]]:
        """Predicate -> the objects of `subject`'s triples (empty if it has none), in the order
        added; to read, not to change: for a reader that asks several predicates of one subject
        (the site's labels: one lookup of the subject, not one for each predicate)."""
        return self._spo.get(subject, _NOTHING)


_NOTHING: Mapping[Node, Sequence[Node]] = MappingProxyType({})
