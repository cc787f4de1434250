"""OWL reasoning with HermiT (through owlready2, on the machine's Java) on a copy of the graph.

`reason(ontology, data)` hands the reasoner the ontology plus the OWL view of the data (typed
individuals and mskio object-property assertions; bibliographic literals are left out), runs
HermiT, and returns what it entails beyond what was asserted, kept apart from the data:
  - rdf:type triples of individuals (e.g. a topic typed mskio:OsteoidOsteoma is an
    mskio:BenignBoneTumour; a work about it is an mskio:BenignBoneTumourStudy),
  - rdfs:subClassOf triples between named classes.
It raises, never prints:
  JavaMissing           no java executable            (exit 3)
  JavaHeapTooSmall      the JVM could not start or ran out of memory  (exit 3)
  ReasonerFailed        any other Java failure        (exit 3)
  InconsistentOntology  the ontology with the data has no model      (exit 1)
  UnsatisfiableClasses  classes that can have no member               (exit 1)
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import owlready2
from owlready2 import reasoning as owl_reasoning
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mskio.errors import (
    InconsistentOntology,
    JavaHeapTooSmall,
    JavaMissing,
    ReasonerFailed,
    UnsatisfiableClasses,
)
from mskio.namespaces import bind_prefixes

DEFAULT_JAVA_MEMORY_MB = 1024
"""Maximum JVM heap (-Xmx) given to HermiT unless the caller says otherwise."""

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

    inferred: Graph
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


def reasoning_input(ontology: Graph, data: Graph) -> Graph:
    """The ontology plus the OWL view of `data`: rdf:type triples whose class the ontology declares,
    and assertions of the ontology's object properties between IRIs, each individual declared an
    owl:NamedIndividual."""
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    object_properties = {p for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    graph = bind_prefixes(Graph())
    graph += ontology
    for s, p, o in data:
        if not isinstance(s, URIRef) or not isinstance(o, URIRef):
            continue
        if (p == RDF.type and o in classes) or p in object_properties:
            graph.add((s, p, o))
            graph.add((s, RDF.type, OWL.NamedIndividual))
            if p != RDF.type:
                graph.add((o, RDF.type, OWL.NamedIndividual))
    return graph


def reason(
    ontology: Graph,
    data: Graph,
    *,
    java: str | None = None,
    java_memory_mb: int = DEFAULT_JAVA_MEMORY_MB,
) -> ReasoningResult:
    """Run HermiT on the ontology with `data` and return the entailed, non-asserted triples."""
    java_exe = _find_java(java)
    graph = reasoning_input(ontology, data)
    individuals = sorted({s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if isinstance(s, URIRef)})
    with tempfile.TemporaryDirectory(prefix="mskio-reason-") as tmp:
        path = Path(tmp) / "input.nt"
        path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        started = time.monotonic()
        with _java_settings(java_exe, java_memory_mb):
            _run_hermit(world, graph)
        seconds = time.monotonic() - started
        unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes()
                               if hasattr(c, "iri") and c.iri != str(OWL.Nothing))
        if unsatisfiable:
            raise UnsatisfiableClasses(
                f"{len(unsatisfiable)} unsatisfiable class(es), which can have no member: " + ", ".join(unsatisfiable),
                classes=tuple(unsatisfiable),
            )
        inferred, hierarchy = _entailments(world, graph, individuals)
    return ReasoningResult(
        inferred=inferred,
        hierarchy=hierarchy,
        input_triples=len(graph),
        individuals=len(individuals),
        seconds=seconds,
    )


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


class _java_settings:
    """Set owlready2's module-level Java executable and heap for the duration of one run."""

    def __init__(self, java_exe: str, memory_mb: int) -> None:
        self.java_exe = java_exe
        self.memory_mb = memory_mb
        self.saved: tuple[Any, Any] = (None, None)

    def __enter__(self) -> None:
        self.saved = (owlready2.JAVA_EXE, owl_reasoning.JAVA_MEMORY)
        owlready2.JAVA_EXE = self.java_exe
        owl_reasoning.JAVA_MEMORY = self.memory_mb

    def __exit__(self, *exc: object) -> None:
        owlready2.JAVA_EXE, owl_reasoning.JAVA_MEMORY = self.saved


def _run_hermit(world: Any, graph: Graph) -> None:
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        causes = list(_disjointness_clashes(graph))
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
    lines = [line.strip() for line in message.splitlines() if line.strip() and not line.startswith("Java error")]
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


def _entailments(world: Any, graph: Graph, individuals: list[URIRef]) -> tuple[Graph, tuple[tuple[URIRef, URIRef], ...]]:
    inferred = bind_prefixes(Graph())
    declared = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    for iri in individuals:
        entity = world[str(iri)]
        if entity is None:
            continue
        for cls in entity.INDIRECT_is_a:
            cls_iri = URIRef(cls.iri) if isinstance(cls, owlready2.ThingClass) else None
            if cls_iri is not None and cls_iri in declared and (iri, RDF.type, cls_iri) not in graph:
                inferred.add((iri, RDF.type, cls_iri))
    hierarchy: set[tuple[URIRef, URIRef]] = set()
    for cls_iri in sorted(declared):
        cls = world[str(cls_iri)]
        if not isinstance(cls, owlready2.ThingClass):
            continue
        for sup in cls.ancestors(include_self=False):
            sup_iri = URIRef(sup.iri)
            if sup_iri in declared and (cls_iri, RDFS.subClassOf, sup_iri) not in graph:
                inferred.add((cls_iri, RDFS.subClassOf, sup_iri))
        for parent in cls.is_a:
            if isinstance(parent, owlready2.ThingClass):
                hierarchy.add((cls_iri, URIRef(parent.iri)))
    return inferred, tuple(sorted(hierarchy))
