"""OWL reasoning with HermiT (through owlready2, on the machine's Java) on a copy of the graph.

`reason(ontology, data)` hands the reasoner the ontology plus the OWL view of the data (typed
individuals and mskio object-property assertions; bibliographic literals are left out), runs
HermiT, and returns what it entails beyond what was asserted, kept apart from the data:
  - rdf:type triples of individuals (e.g. a topic typed mskio:OsteoidOsteoma is an
    mskio:BenignBoneTumour; a work about it is an mskio:BenignBoneTumourStudy),
  - rdfs:subClassOf triples between named classes.

What HermiT reads is smaller than that view, with the same entailments (`_twin_sources`): of the
individuals that nothing points to and that state the same types and the same property
assertions (the annotations of one work by one method, the reference entries of one text kind),
HermiT is given one, and each of the others gets its inferences. This holds for the ontology's
constructs (`_DEDUPLICATION_SAFE`: subclasses, equivalent and disjoint classes, existential and
universal restrictions, domains, ranges, functional properties; no inverse property, no
nominal class, no key), under which a copy of an individual with the same types and the same
outgoing edges satisfies the same class expressions, so adding or removing it changes neither
consistency nor any other entailment; with any other construct HermiT is given the whole view.
On 100 reviews the view is 182,765 triples with 54,508 individuals, and HermiT reads 94,675
(31,039 individuals): reason() took 18 s instead of 50 on this shared machine (HermiT's Java
alone 8-11 s CPU; an input of ten times that size takes it 72 s). The same holds for trees of one
level (`_twin_trees`): a work nothing points to with topics of its own (no canonical labelling
is needed for them: the topics are matched by property and types).

Before that, the assertions of object properties that the ontology describes only by their domains
and ranges (`_typing_edges`: an annotation's work and method, a reference entry's text kind) are
given to HermiT as the types they entail: the same entailments, and their objects become
individuals nothing points to, which can be twins. On the 1,000-review benchmark's input
(2026-12-07) HermiT read 495,389 lines instead of 642,559, in 21.7 s of Java's CPU instead of
27.9, with the same answer (613,529 inferred triples); with the twin trees as well (54,111 works
with their topics, of 9,829 kinds), 96,289 lines and 48,114 individuals instead of 252,603, in
5.3 s of Java's CPU, the same answer again.

HermiT's answer is kept in a cache keyed by the SHA-256 of exactly what it reads (the sorted
N-Triples of its input) and the owlready2 version (mskio.cache, subdirectory hermit/), so a
build whose types and topics did not change does not start Java; MSKIO_NO_CACHE=1 (or
`cache=False`) bypasses it. Only consistent results are kept; a failure is never cached.

It raises, never prints:
  JavaMissing           no java executable            (exit 3)
  JavaHeapTooSmall      the JVM could not start or ran out of memory  (exit 3)
  ReasonerFailed        any other Java failure        (exit 3)
  InconsistentOntology  the ontology with the data has no model      (exit 1)
  UnsatisfiableClasses  classes that can have no member               (exit 1)
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeAlias

from rdflib import Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from mskio.cache import Cache
from mskio.errors import (
    InconsistentOntology,
    JavaHeapTooSmall,
    JavaMissing,
    ReasonerFailed,
    UnsatisfiableClasses,
)
from mskio.namespaces import bind_prefixes

DEFAULT_JAVA_MEMORY_MB = 1024
"""The least maximum JVM heap (-Xmx) HermiT is given unless the caller says otherwise (`java_heap_mb`)."""

MAX_AUTO_JAVA_MEMORY_MB = 4096
"""The most heap `java_heap_mb` gives HermiT (and never more than a quarter of the machine's memory)."""


def java_heap_mb(input_lines: int) -> int:
    """The heap HermiT gets for an input of `input_lines` N-Triples lines: 1 MB per 256 lines,
    at least DEFAULT_JAVA_MEMORY_MB, at most MAX_AUTO_JAVA_MEMORY_MB or a quarter of the memory.
    Measured here on 936k lines (ten copies of 100 reviews' input): -Xmx1024M 146 s wall (98 s
    CPU, the heap full, the collector busy), -Xmx3072M 92 s (72 s CPU); 100 reviews' 95k lines
    peak at 660 MB with 1024."""
    try:
        physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (4 * 2**20)
    except (ValueError, OSError, AttributeError):
        physical = MAX_AUTO_JAVA_MEMORY_MB
    return max(DEFAULT_JAVA_MEMORY_MB, min(input_lines // 256, MAX_AUTO_JAVA_MEMORY_MB, physical))

_HEAP_PROBLEMS = (
    "OutOfMemoryError",
    "Too small maximum heap",
    "Too small initial heap",
    "Could not reserve enough space",
    "Invalid maximum heap size",
    "Error occurred during initialization of VM",
)


@dataclass(frozen=True)
class ReasoningResult:
    """What HermiT entails beyond the input (`inferred`), the classification of the named
    classes as (class, direct superclass) pairs, and counts and time of the run."""

    inferred: frozenset[tuple[URIRef, URIRef, URIRef]]
    """The entailed triples, as plain triples (no rdflib Graph: 613k of them at 1,000 reviews took
    11 s to add to one; `mskio.serialize.to_turtle` writes them as they are)."""
    hierarchy: tuple[tuple[URIRef, URIRef], ...]
    input_triples: int
    individuals: int
    seconds: float

    def hierarchy_text(self, graph: Graph, *, namespace: str) -> str:
        """The classified hierarchy of the classes in `namespace` as an indented tree."""
        children: dict[URIRef, list[URIRef]] = {}
        in_ns = {c for pair in self.hierarchy for c in pair if str(c).startswith(namespace)}
        for sub, sup in self.hierarchy:
            if str(sub).startswith(namespace):
                children.setdefault(sup if sup in in_ns else OWL.Thing, []).append(sub)
        lines: list[str] = []

        def walk(node: URIRef, depth: int, path: frozenset[URIRef]) -> None:
            for child in sorted(set(children.get(node, [])), key=lambda c: graph.namespace_manager.normalizeUri(c)):
                if child in path:
                    continue
                lines.append("  " * depth + graph.namespace_manager.normalizeUri(child))
                walk(child, depth + 1, path | {child})

        walk(OWL.Thing, 0, frozenset())
        return "\n".join(lines) + "\n"


def reasoning_input(ontology: Graph, data: Data) -> Graph:
    """The ontology plus the OWL view of `data`: rdf:type triples whose class the ontology declares,
    and assertions of the ontology's object properties between IRIs, each individual declared an
    owl:NamedIndividual."""
    graph = bind_prefixes(Graph())
    graph += ontology
    for triple in _owl_view(ontology, data).triples():
        graph.add(triple)
    return graph


Triple = tuple[URIRef, URIRef, URIRef]

Data: TypeAlias = Iterable[tuple[Node, Node, Node]]
"""The data reasoned over: an rdflib Graph, or its distinct triples (the build's set: one pass over
a set costs nothing like one over a store's Graph)."""


@dataclass(frozen=True)
class _View:
    """The OWL view of the data: each individual's asserted classes, the object-property assertions."""

    types: dict[URIRef, frozenset[URIRef]]
    edges: frozenset[Triple]

    def individuals(self) -> frozenset[URIRef]:
        """Every individual the view names (made once: the reasoning asks five times, and at
        1,000 reviews each set of 320k took 0.6 s)."""
        return self._individuals

    @cached_property
    def _individuals(self) -> frozenset[URIRef]:
        return frozenset(self.types) | {s for s, _, _ in self.edges} | {o for _, _, o in self.edges}

    @cached_property
    def outgoing(self) -> dict[URIRef, list[tuple[URIRef, URIRef]]]:
        """Each subject's assertions, (property, object) (made once for `_twin_sources` and `_twin_trees`)."""
        out: dict[URIRef, list[tuple[URIRef, URIRef]]] = {}
        for s, p, o in self.edges:
            out.setdefault(s, []).append((p, o))
        return out

    @cached_property
    def incoming(self) -> dict[URIRef, int]:
        """How many assertions point to each individual that some assertion points to."""
        counts: dict[URIRef, int] = {}
        for _, _, o in self.edges:
            counts[o] = counts.get(o, 0) + 1
        return counts

    def size(self) -> int:
        """How many triples `triples()` yields, counted without making them (with `size_in`, the
        size of HermiT's input at 1,000 reviews, 961k triples, in 0.08 s against 0.79 making them)."""
        return sum(map(len, self.types.values())) + len(self.edges) + len(self._individuals)

    def size_in(self, graph: Graph, *, subjects: set[URIRef]) -> int:
        """How many of the triples `triples()` yields are in `graph`, given that only those of
        `subjects` can be (the subjects of `graph`)."""
        typed = sum(1 for s in subjects & self.types.keys() for c in self.types[s] if (s, RDF.type, c) in graph)
        linked = sum(1 for t in self.edges if t[0] in subjects and t in graph)
        declared = sum(1 for x in subjects & self._individuals if (x, RDF.type, OWL.NamedIndividual) in graph)
        return typed + linked + declared

    def triples(self, only: set[URIRef] | None = None, *, declared: bool = True) -> Iterator[Triple]:
        """The view's triples (of the individuals in `only`, if given), with the owl:NamedIndividual
        declarations unless `declared` is False."""
        for s, classes in self.types.items():
            if only is None or s in only:
                for c in classes:
                    yield (s, RDF.type, c)
        for s, p, o in self.edges:
            if only is None or s in only:
                yield (s, p, o)
        if not declared:
            return
        for x in self.individuals():
            if only is None or x in only:
                yield (x, RDF.type, OWL.NamedIndividual)


def _owl_view(ontology: Graph, data: Data) -> _View:
    """The view of `data`, read in one pass over its triples."""
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    object_properties = {p for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    types: dict[URIRef, set[URIRef]] = {}
    edges: set[Triple] = set()
    rdf_type = RDF.type
    for s, p, o in data:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
            continue
        if p == rdf_type:
            if o in classes:
                types.setdefault(s, set()).add(o)
        elif p in object_properties:
            assert isinstance(p, URIRef)
            edges.add((s, p, o))
    return _View({s: frozenset(c) for s, c in types.items()}, frozenset(edges))


_DEDUPLICATION_SAFE = frozenset(OWL[name] for name in (
    "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "FunctionalProperty", "NamedIndividual",
    "Ontology", "Restriction", "onProperty", "someValuesFrom", "allValuesFrom", "equivalentClass", "disjointWith",
    "intersectionOf", "unionOf", "complementOf", "AllDisjointClasses", "members", "differentFrom", "Thing",
    "Nothing", "versionIRI", "versionInfo", "deprecated", "priorVersion"))
"""The OWL terms an ontology may use for `_twin_sources` to keep every entailment: class expressions
that look only along outgoing edges (no owl:inverseOf, owl:oneOf, owl:hasSelf, owl:hasKey, owl:sameAs,
inverse-functional or symmetric properties)."""


def _twin_sources(ontology: Graph, view: _View, *, asserted: dict[URIRef, frozenset[URIRef]] | None = None
                  ) -> dict[URIRef, URIRef]:
    """Individuals HermiT need not see -> the one it sees in their stead (empty unless the ontology
    uses only `_DEDUPLICATION_SAFE` OWL terms).

    A source is an individual of the data that no assertion points to and the ontology does not
    name. Sources with the same asserted classes and the same assertions (property, object) are
    twins: each model of the input without one of them becomes a model with it by adding a copy
    of its twin's element (the same classes, the same outgoing edges, no incoming one), and under
    those constructs a copy satisfies exactly the class expressions its original does. So the
    input with one twin of each set is consistent exactly when the whole is, and entails the
    same classes of every individual; a left-out twin has its kept twin's. `asserted`, the data's
    own types when `view` has more (`_hermit_view`), is part of what twins share: an individual's
    answer leaves its asserted types out."""
    if not _deduplication_safe(ontology):
        return {}
    named = _named(ontology)
    targets, out = view.incoming, view.outgoing
    groups: dict[tuple[frozenset[URIRef], frozenset[tuple[URIRef, URIRef]], frozenset[URIRef]], list[URIRef]] = {}
    for x in view.individuals():
        if x not in targets and x not in named:
            key = (view.types.get(x, frozenset()), frozenset(out.get(x, ())),
                   (asserted if asserted is not None else view.types).get(x, frozenset()))
            groups.setdefault(key, []).append(x)
    twins: dict[URIRef, URIRef] = {}
    for members in groups.values():
        kept, *others = sorted(members)
        for x in others:
            twins[x] = kept
    return twins


def _deduplication_safe(ontology: Graph) -> bool:
    """Whether `ontology` uses only `_DEDUPLICATION_SAFE` OWL terms."""
    owl = str(OWL)
    return {term for term in _named(ontology) if str(term).startswith(owl)} <= _DEDUPLICATION_SAFE


def _named(ontology: Graph) -> set[URIRef]:
    """Every IRI the ontology's triples name."""
    return {term for triple in ontology for term in triple if isinstance(term, URIRef)}


def _twin_trees(ontology: Graph, view: _View, *, asserted: dict[URIRef, frozenset[URIRef]],
                left_out: Mapping[URIRef, URIRef]) -> dict[URIRef, URIRef]:
    """Like `_twin_sources`, for trees of one level: a source with assertions, each to an
    individual of its own (that only this assertion points to, with no assertion of its own, that
    the ontology does not name): a work with its topics. Two such trees are twins when their roots
    have the same types (given and asserted) and their leaves, matched one to one, the same
    property and types: HermiT is given one of each set, and every individual of the others (root
    and leaves) -> its match in the one given. The same argument holds: a model without a tree
    becomes one with it by adding a copy of its twin's elements (and of what they reach), which
    satisfies the same class expressions under `_DEDUPLICATION_SAFE`'s constructs.

    On the 1,000-review benchmark's input: 54,111 such trees, of 9,829 kinds (2026-12-07)."""
    if not _deduplication_safe(ontology):
        return {}
    named = _named(ontology)
    incoming, out = view.incoming, view.outgoing
    nothing: frozenset[URIRef] = frozenset()

    def leaf(o: URIRef) -> bool:
        return incoming.get(o) == 1 and o not in out and o not in named and o not in left_out

    groups: dict[tuple[Any, ...], list[tuple[URIRef, list[URIRef]]]] = {}
    for root, children in out.items():
        if root in incoming or root in named or root in left_out or not all(leaf(o) for _, o in children):
            continue
        kinds = sorted((p, tuple(sorted(view.types.get(o, nothing))), tuple(sorted(asserted.get(o, nothing))), o)
                       for p, o in children)  # matched by kind, then (among the same kind) by IRI
        key = (view.types.get(root, nothing), asserted.get(root, nothing), tuple(kind[:3] for kind in kinds))
        groups.setdefault(key, []).append((root, [kind[3] for kind in kinds]))
    twins: dict[URIRef, URIRef] = {}
    for members in groups.values():
        (kept, kept_leaves), *others = sorted(members)
        for root, leaves in others:
            twins[root] = kept
            twins.update(zip(leaves, kept_leaves))
    return twins


_ANNOTATIONS = frozenset({RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.deprecated,
                          OWL.versionInfo, SKOS.definition, SKOS.prefLabel, SKOS.altLabel, SKOS.note,
                          SKOS.scopeNote, SKOS.example, SKOS.editorialNote})
"""The annotation properties (besides those the ontology declares) that a property's description may
use for `_typing_edges` to read it as stating nothing about the property's extension."""


def _typing_edges(ontology: Graph, view: _View) -> dict[URIRef, tuple[frozenset[URIRef], frozenset[URIRef]]]:
    """The object properties whose assertions HermiT need not see -> (their domains, their ranges):
    those the ontology describes only by declarations (owl:ObjectProperty, owl:FunctionalProperty),
    annotations and rdfs:domain and rdfs:range of declared classes, and names in no other triple
    (no restriction, subproperty, chain, inverse or key), and, when functional, that no individual
    of the view asserts twice.

    For such a property P, the input with `a P b` is consistent exactly when the input with `a`
    typed by P's domains and `b` by its ranges instead is, with the same entailed classes of every
    individual: a model of the first is a model of the second, and a model of the second, with P
    made exactly the asserted pairs, is one of the first (P's domains and ranges hold, at most one
    value each where it is functional, and no other axiom names P)."""
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    annotations = _ANNOTATIONS | {p for p in ontology.subjects(RDF.type, OWL.AnnotationProperty) if isinstance(p, URIRef)}
    named_elsewhere = set(ontology.predicates()) | {o for o in ontology.objects() if isinstance(o, URIRef)}
    asserted: dict[URIRef, list[URIRef]] = {}
    for s, p, _ in view.edges:
        asserted.setdefault(p, []).append(s)
    kept: dict[URIRef, tuple[frozenset[URIRef], frozenset[URIRef]]] = {}
    for prop, subjects in asserted.items():
        if prop in named_elsewhere:
            continue
        domains: set[URIRef] = set()
        ranges: set[URIRef] = set()
        functional = False
        described = True
        for predicate, value in ontology.predicate_objects(prop):
            if predicate == RDF.type and value in (OWL.ObjectProperty, OWL.FunctionalProperty):
                functional = functional or value == OWL.FunctionalProperty
            elif predicate in (RDFS.domain, RDFS.range) and isinstance(value, URIRef) and value in classes:
                (domains if predicate == RDFS.domain else ranges).add(value)
            elif predicate not in annotations:
                described = False
        if described and not (functional and len(set(subjects)) < len(subjects)):
            kept[prop] = (frozenset(domains), frozenset(ranges))
    return kept


def _hermit_view(ontology: Graph, view: _View) -> _View:
    """The view with the assertions of `_typing_edges`'s properties replaced by the types they
    entail (each subject typed by the property's domains, each object by its ranges): the same
    entailments from fewer triples, and individuals that no assertion points to any more (a work
    annotated, a reference entry with its text kind), which `_twin_sources` can then merge."""
    typing = _typing_edges(ontology, view)
    if not typing:
        return view
    types = {s: set(c) for s, c in view.types.items()}
    edges = set()
    for s, p, o in view.edges:
        if p in typing:
            domains, ranges = typing[p]
            types.setdefault(s, set()).update(domains)
            types.setdefault(o, set()).update(ranges)
        else:
            edges.add((s, p, o))
    return _View({s: frozenset(c) for s, c in types.items() if c}, frozenset(edges))


def _input_ntriples(ontology: Graph, triples: Iterable[Triple]) -> bytes:
    """What HermiT reads, as sorted N-Triples lines: the ontology (its blank nodes labelled
    canonically, so equal inputs are equal bytes) and the data's triples."""
    canonical = to_canonical_graph(ontology)
    lines = set(canonical.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines())
    lines.update(f"<{s}> <{p}> <{o}> ." for s, p, o in triples)
    lines.discard("")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def reason(
    ontology: Graph,
    data: Data,
    *,
    java: str | None = None,
    java_memory_mb: int | None = None,
    cache: bool = True,
) -> ReasoningResult:
    """Run HermiT on the ontology with `data` and return the entailed, non-asserted triples (from
    the cache of earlier runs on the same input unless `cache` is False or MSKIO_NO_CACHE is set).
    The JVM's maximum heap is `java_memory_mb`, by default `java_heap_mb` of the input's size."""
    return _result(_view_reasoned(ontology, data, java=java, java_memory_mb=java_memory_mb, cache=cache))


def _view_reasoned(ontology: Graph, data: Data, *, java: str | None = None, java_memory_mb: int | None = None,
                   cache: bool = True) -> _Reasoned:
    """`_reasoned` on the OWL view of `data` (`reason`'s, and ReasoningProcess's child's)."""
    return _reasoned(ontology, _owl_view(ontology, data), java=java, java_memory_mb=java_memory_mb, cache=cache)


class ReasoningProcess:
    """`reason` in a child process forked at once (mskio.forked), so that owlready2's Python
    (reading HermiT's input and answer: two minutes of CPU at 1,000 reviews) does not share the
    interpreter's lock with the build's own work; `result` waits for the answer (in the build's
    background thread).

    The child starts with the ontology and the data in its memory (forked: nothing is copied),
    makes the view of the data itself (`_owl_view`: one pass over the corpus's triples, 3-4 s at
    1,000 reviews that the build's process spent before), and sends back only the answer (the
    classes of the individuals), from which `result` makes the same ReasoningResult as `reason`.
    The child raises what `reason` raises, raised again by `result`; a child that ends without an
    answer is ReasonerFailed. `data` is the child's to read: the caller does not iterate it."""

    def __init__(self, ontology: Graph, data: Data, *, cache: bool = True) -> None:
        from functools import partial

        from mskio.forked import Forked

        self._job = Forked(partial(_view_reasoned, cache=cache), ontology, data, name="mskio-reasoning")

    def result(self) -> ReasoningResult:
        """The child's ReasoningResult, or what it raised; ReasonerFailed if it ended without an answer."""
        from mskio.forked import ChildFailed

        try:
            reasoned = self._job.result()
        except ChildFailed as exc:
            raise ReasonerFailed(f"the reasoning process failed: {exc}") from None
        return _result(reasoned)


@dataclass(frozen=True)
class _Reasoned:
    """HermiT's answer on the view and what the ReasoningResult states about its input."""

    answer: _Answer
    twins: dict[URIRef, URIRef]
    input_triples: int
    individuals: int
    seconds: float


def _reasoned(ontology: Graph, view: _View, *, java: str | None = None, java_memory_mb: int | None = None,
              cache: bool = True) -> _Reasoned:
    """HermiT's answer on the ontology and the OWL view of the data (from the cache if there)."""
    java_exe = _find_java(java)
    individuals = view.individuals() | {s for s in ontology.subjects(RDF.type, OWL.NamedIndividual)
                                        if isinstance(s, URIRef)}
    stated = {s for s in ontology.subjects() if isinstance(s, URIRef)}  # only their triples can be the ontology's
    input_triples = len(ontology) + view.size() - view.size_in(ontology, subjects=stated)
    given_view = _hermit_view(ontology, view)
    twins = _twin_sources(ontology, given_view, asserted=view.types)
    twins.update(_twin_trees(ontology, given_view, asserted=view.types, left_out=twins))
    given = {x for x in given_view.individuals() if x not in twins}
    # without the data's owl:NamedIndividual declarations: OWL 2's RDF mapping (OWLAPI's parser,
    # HermiT's) reads an IRI typed by a declared class, or linked by a declared object property,
    # as an individual without one, and owlready2 keeps HermiT's classes of it all the same. On
    # the 1,000-review input, HermiT's answer is the same, from 643k lines instead of 961k, in
    # 30.4 s of Java's CPU instead of 35-37
    text = _input_ntriples(ontology, given_view.triples(only=given, declared=False))
    answers = Cache("hermit", entries=CACHE_ENTRIES, suffix=".json", enabled=cache)
    key = answers.key(_CACHE_FORMAT, f"owlready2 {importlib.metadata.version('owlready2')}", text)
    started = time.monotonic()
    stored = answers.get(key)
    answer = _decode(stored) if stored is not None else None
    if answer is None:
        heap = java_memory_mb if java_memory_mb is not None else java_heap_mb(text.count(b"\n"))
        answer = _hermit(ontology, view, text, sorted((individuals - set(twins))), java_exe, heap)
        if answers.enabled:  # the JSON is made only to be kept (1,000 reviews: 2.6 s of the child's samples, by py-spy)
            answers.put(key, _encode(answer))
    return _Reasoned(answer=answer, twins=twins, input_triples=input_triples, individuals=len(individuals),
                     seconds=time.monotonic() - started)


def _result(reasoned: _Reasoned) -> ReasoningResult:
    """The ReasoningResult of HermiT's answer: the inferred types (the twins' too) and subclasses."""
    types, subclasses, hierarchy = reasoned.answer
    rdf_type = RDF.type
    inferred = {(iri, rdf_type, cls) for iri, classes in types.items() for cls in classes}
    inferred.update((twin, rdf_type, cls) for twin, kept in reasoned.twins.items() for cls in types.get(kept, ()))
    inferred.update((sub, RDFS.subClassOf, sup) for sub, sup in subclasses)
    return ReasoningResult(
        inferred=frozenset(inferred),
        hierarchy=hierarchy,
        input_triples=reasoned.input_triples,
        individuals=reasoned.individuals,
        seconds=reasoned.seconds,
    )


_Answer = tuple[dict[URIRef, tuple[URIRef, ...]], tuple[tuple[URIRef, URIRef], ...], tuple[tuple[URIRef, URIRef], ...]]
"""HermiT's answer: each individual's inferred (not asserted) classes, the inferred rdfs:subClassOf
pairs, and the classified hierarchy (class, direct superclass)."""

_CACHE_FORMAT = "mskio-hermit-cache 1"

CACHE_ENTRIES = 16
"""The cache keeps the answers to this many inputs, the most recently used (100 reviews' is 5 MB)."""


def _decode(data: bytes) -> _Answer | None:
    """The answer kept as `data` (JSON), or None if it cannot be read."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != _CACHE_FORMAT:
            return None
        types = {URIRef(iri): tuple(URIRef(c) for c in classes) for iri, classes in doc["types"].items()}
        subclasses = tuple((URIRef(a), URIRef(b)) for a, b in doc["subclasses"])
        hierarchy = tuple((URIRef(a), URIRef(b)) for a, b in doc["hierarchy"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return types, subclasses, hierarchy


def _encode(answer: _Answer) -> bytes:
    """`answer` as the JSON the cache keeps."""
    types, subclasses, hierarchy = answer
    doc = {"format": _CACHE_FORMAT,
           "types": {str(iri): sorted(str(c) for c in classes) for iri, classes in sorted(types.items())},
           "subclasses": sorted([str(a), str(b)] for a, b in subclasses),
           "hierarchy": [[str(a), str(b)] for a, b in hierarchy]}
    return json.dumps(doc, sort_keys=True).encode("utf-8")


def _hermit(ontology: Graph, view: _View, text: bytes, individuals: list[URIRef], java_exe: str,
            java_memory_mb: int) -> _Answer:
    """Run HermiT (owlready2) on the N-Triples `text`; the classes it entails for `individuals`."""
    import owlready2

    with tempfile.TemporaryDirectory(prefix="mskio-reason-") as tmp:
        path = Path(tmp) / "input.nt"
        path.write_bytes(text)
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        with _java_settings(java_exe, java_memory_mb):
            _run_hermit(world, lambda: reasoning_input(ontology, _data_graph(view)))
        unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes()
                               if hasattr(c, "iri") and c.iri != str(OWL.Nothing))
        if unsatisfiable:
            raise UnsatisfiableClasses(
                f"{len(unsatisfiable)} unsatisfiable class(es), which can have no member: " + ", ".join(unsatisfiable),
                classes=tuple(unsatisfiable),
            )
        return _entailments(world, ontology, view, individuals)


def _data_graph(view: _View) -> Graph:
    graph = Graph()
    for triple in view.triples():
        graph.add(triple)
    return graph


def _find_java(java: str | None) -> str:
    candidate = java if java is not None else (os.environ.get("MSKIO_JAVA") or shutil.which("java"))
    if not candidate:
        raise JavaMissing("no 'java' executable on PATH: the HermiT reasoner needs a Java runtime "
                          "(e.g. apt-get install default-jre-headless)")
    resolved = shutil.which(candidate)
    if resolved is None:
        raise JavaMissing(f"Java executable {candidate!r} not found or not executable: the HermiT reasoner "
                          "needs a Java runtime")
    return resolved


JAVA_OPTIONS = "-XX:+UseSerialGC"
"""The JVM options HermiT runs with, given to the `java` launcher in JDK_JAVA_OPTIONS (owlready2's
command line has no place for them) unless that variable is set already (the user's choice
stands). HermiT's work is one thread's, and the serial collector spends the least CPU and memory
on it: on the 1,000-review benchmark's input (961k lines, -Xmx3754M, alone on this 2-core
machine), 35-37 s of CPU (user and system) and 1.59 GB peak RSS against 42-45 s and 3.85 GB
with the default (G1, whose concurrent threads compete with the build's for the two cores), in
31.6-33.3 s wall against 29.6-31.8; the same answer. A JVM older than 9 ignores the variable."""

_JAVA_NOTE = "NOTE: Picked up JDK_JAVA_OPTIONS"
"""How the launcher starts what it prints on stderr (which owlready2 reads with HermiT's output)
when JDK_JAVA_OPTIONS is set: never the line an error is reported by (`_first_java_line`)."""


class _java_settings:
    """Set owlready2's module-level Java executable and heap, and JDK_JAVA_OPTIONS (JAVA_OPTIONS),
    for the duration of one run."""

    def __init__(self, java_exe: str, memory_mb: int) -> None:
        self.java_exe = java_exe
        self.memory_mb = memory_mb
        self.saved: tuple[Any, Any] = (None, None)
        self.set_options = False

    def __enter__(self) -> None:
        import owlready2
        from owlready2 import reasoning as owl_reasoning

        self.saved = (owlready2.JAVA_EXE, owl_reasoning.JAVA_MEMORY)
        owlready2.JAVA_EXE = self.java_exe
        owl_reasoning.JAVA_MEMORY = self.memory_mb
        self.set_options = "JDK_JAVA_OPTIONS" not in os.environ
        if self.set_options:
            os.environ["JDK_JAVA_OPTIONS"] = JAVA_OPTIONS

    def __exit__(self, *exc: object) -> None:
        import owlready2
        from owlready2 import reasoning as owl_reasoning

        owlready2.JAVA_EXE, owl_reasoning.JAVA_MEMORY = self.saved
        if self.set_options:
            os.environ.pop("JDK_JAVA_OPTIONS", None)


def _run_hermit(world: Any, full_input: Callable[[], Graph]) -> None:
    """HermiT on `world`; on an inconsistency, the asserted types of `full_input()` that clash are named."""
    import owlready2

    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        causes = list(_disjointness_clashes(full_input()))
        hint = ("; asserted types that clash: " + "; ".join(causes[:10])) if causes else ""
        raise InconsistentOntology(f"the ontology with the data is inconsistent (HermiT found no model){hint}") from None
    except owlready2.OwlReadyJavaError as exc:
        message = str(exc)
        if any(problem in message for problem in _HEAP_PROBLEMS):
            raise JavaHeapTooSmall(f"the JVM running HermiT needs more heap than it was given: "
                                   f"{_first_java_line(message)}") from None
        raise ReasonerFailed(f"HermiT failed: {_first_java_line(message)}") from None
    except OSError as exc:
        raise JavaMissing(f"cannot run Java for HermiT: {exc.strerror or exc}") from None


def _first_java_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines()
             if line.strip() and not line.startswith(("Java error", _JAVA_NOTE))]
    problem = next((line for line in lines if any(p in line for p in _HEAP_PROBLEMS)), None)
    return problem or (lines[0] if lines else message.strip())


def _disjointness_clashes(graph: Graph) -> Iterator[str]:
    """Individuals whose asserted types (closed under rdfs:subClassOf) include two disjoint classes:
    the usual cause of an inconsistency, named so that the error can say which."""
    parents: dict[URIRef, set[URIRef]] = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            parents.setdefault(sub, set()).add(sup)
    disjoint = {(a, b) for a, b in graph.subject_objects(OWL.disjointWith)
                if isinstance(a, URIRef) and isinstance(b, URIRef)}
    for individual in sorted({s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if isinstance(s, URIRef)}):
        types: set[URIRef] = set()
        stack = [t for t in graph.objects(individual, RDF.type) if isinstance(t, URIRef)]
        while stack:
            t = stack.pop()
            if t not in types:
                types.add(t)
                stack.extend(parents.get(t, ()))
        for a, b in sorted(disjoint):
            if a in types and b in types:
                yield (f"{graph.namespace_manager.normalizeUri(individual)} is both "
                       f"{graph.namespace_manager.normalizeUri(a)} and {graph.namespace_manager.normalizeUri(b)}")


def _entailments(world: Any, ontology: Graph, view: _View, individuals: list[URIRef]) -> _Answer:
    """What HermiT entailed: the classes of `individuals` and the subclasses of the ontology's classes,
    beyond those asserted; the classified hierarchy."""
    import owlready2

    declared = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    # an individual's classes are owlready2's INDIRECT_is_a: the ancestors (with the equivalent
    # classes) of each class it is a member of, read here once per class, not once per individual
    # (at 1,000 reviews, 47 s of the reasoning thread's Python against the build's)
    def among_declared(parent: Any) -> frozenset[URIRef]:
        return frozenset(URIRef(a.iri) for a in parent.ancestors(True, True)
                         if isinstance(a, owlready2.ThingClass) and URIRef(a.iri) in declared)

    ancestors: dict[Any, frozenset[URIRef]] = {}  # named class -> among_declared (a restriction is read each time)

    def declared_ancestors(parent: Any) -> frozenset[URIRef]:
        if not isinstance(parent, owlready2.ThingClass):
            return among_declared(parent)
        kept = ancestors.get(parent)
        if kept is None:
            kept = ancestors[parent] = among_declared(parent)
        return kept

    # an individual's is_a, read from the quadstore as the storids of its rdf:type objects, each
    # named class loaded once: loading every individual as an owlready2 entity (world[iri]) made
    # a fusion class for each combination of types and tested its classes pairwise in SQL
    # (15 s of the reasoning child's 41 s at 1,000 reviews). The union of the ancestors is the
    # same either way: an entity's is_a holds these classes, less at most a class that another of
    # them is a subclass of (whose ancestors are among that one's). An individual typed by a class
    # expression or by anything but a named class (owl:Class itself, when an IRI is punned) is
    # still loaded as an entity.
    from owlready2.base import owl_named_individual, owl_thing, rdf_type as type_storid

    classes: dict[int, Any] = {}  # storid -> named class (None: not a class)

    def named_class(storid: int) -> Any:
        if storid not in classes:
            entity = world._get_by_storid(storid)
            classes[storid] = entity if isinstance(entity, owlready2.ThingClass) else None
        return classes[storid]

    def parents(iri: URIRef) -> list[Any]:
        storid = world._abbreviate(str(iri), False)
        if storid is None:
            return []
        named = [named_class(o) if o > 0 else None for o in world._get_obj_triples_sp_o(storid, type_storid)
                 if o not in (owl_named_individual, owl_thing, storid)]
        if any(c is None for c in named):  # a class expression, or a type that is no named class: owlready2 reads it
            entity = world[str(iri)]
            return list(entity.is_a) if entity is not None else []
        return named

    typed_by_ontology = set(ontology.subject_objects(RDF.type))
    types: dict[URIRef, tuple[URIRef, ...]] = {}
    for iri in individuals:
        asserted = view.types.get(iri, frozenset())
        found = {cls_iri for parent in parents(iri) for cls_iri in declared_ancestors(parent)
                 if cls_iri not in asserted and (iri, cls_iri) not in typed_by_ontology}
        if found:
            types[iri] = tuple(sorted(found))
    subclasses: set[tuple[URIRef, URIRef]] = set()
    hierarchy: set[tuple[URIRef, URIRef]] = set()
    for cls_iri in sorted(declared):
        cls = world[str(cls_iri)]
        if not isinstance(cls, owlready2.ThingClass):
            continue
        for sup in cls.ancestors(include_self=False):
            sup_iri = URIRef(sup.iri)
            if sup_iri in declared and (cls_iri, RDFS.subClassOf, sup_iri) not in ontology:
                subclasses.add((cls_iri, sup_iri))
        for parent in cls.is_a:
            if isinstance(parent, owlready2.ThingClass):
                hierarchy.add((cls_iri, URIRef(parent.iri)))
    return types, tuple(sorted(subclasses)), tuple(sorted(hierarchy))
