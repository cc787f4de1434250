"""SHACL validation -> a named result: conforms, the report graph (no blank nodes), readable rows.

`conforms` is False only for sh:Violation results; warnings and infos are reported but
do not fail a build.

Two engines give the same result (tests/test_shacl_engines.py proves it on the seed build, the
test corpus build and every invalid example of the shape tests):

- "shacl" (the default, the build's): the Rust engine of the `shacl` package (0.3.4, MIT/Apache,
  pinned in pyproject.toml). Shapes and data are handed over as N-Triples, the report read back
  from N-Triples.
- "pyshacl": pySHACL, the reference engine of the tests (`advanced=True` for the SPARQL target of
  shapes:PageOrderShape, no inference).

Why `shacl`: the three Rust engines on PyPI were tried here on our shapes and data (pyshacl-turbo
0.6.5, shacl-rust 0.2.12, shacl 0.3.4). All three give pySHACL's (severity, focus, path, shape) on
the seed and corpus builds, SPARQL constraints and the SPARQL target included, but:
- pyshacl-turbo raises ValueError "Malformed RDF list" on a list cell without rdf:rest (the
  invalid example of shapes:ListCellShape): an invalid graph must be reported, not crash;
- shacl-rust returns dicts, not a report graph: paths in its own syntax, no sh:sourceConstraint,
  and a generated message ("Property has 0 values (min: 1)") beside the shape's;
- shacl gives pySHACL's results on every invalid example and is the fastest.
Measured here (`validate(...)`, CPU s, this module included): the seed (6.3k triples) 0.07 against
pySHACL's 6.9; the seed ten times under other IRIs (62k) 0.54 against 74; a hundred times (623k)
8.1 against 659 (1.2 against 1.6 GiB peak RSS), of which rdflib writing the N-Triples is 3.1 and
the engine 2.7.
So the SPARQL constraints stay in shapes/mskio.ttl, and no shape needs pySHACL.
The build's engine does not run them per focus node, though: `shacl` did, in time growing with the
square of the corpus; `whole_graph_constraints` hands the ones it can rewrite exactly to Oxigraph,
which runs each once over the whole graph, and their results are added to the engine's report as
the engine writes them.

Normalised in both engines' reports, so that they are equal:
- a result of a SPARQL constraint (it has sh:sourceConstraint) carries that constraint's
  sh:message, as SHACL section 5.3.2 says; pySHACL adds its node shape's sh:message as a second
  sh:resultMessage (a row showed one of the two), which is dropped;
- `shacl` writes sh:conformanceDisallows on the report node, which pySHACL does not; dropped.
One difference is left: for a blank-node focus node pySHACL copies the node's own triples into
the report; `shacl` names it only. The build's graphs have no blank nodes, so its reports are equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Literal as Choice

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from mskio.errors import InputError
from mskio.namespaces import SH, bind_prefixes
from mskio.rdf_files import read_rdf_file
from mskio.store import EmbeddedStore

Engine = Choice["shacl", "pyshacl"]
"""A SHACL engine: "shacl" (Rust, the build's) or "pyshacl" (the reference engine of the tests)."""

ENGINES: tuple[Engine, ...] = ("shacl", "pyshacl")

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class ResultRow:
    """One validation result, as a person reads it."""

    severity: str
    focus: str
    path: str
    message: str
    value: str


@dataclass(frozen=True)
class ValidationResult:
    """What `validate` returns: `conforms` (no violations), the report graph, the rows."""

    conforms: bool
    report: Graph
    rows: tuple[ResultRow, ...]

    def count(self, severity: str) -> int:
        """Number of results of `severity` ("Violation", "Warning" or "Info")."""
        return sum(1 for r in self.rows if r.severity == severity)

    @property
    def text(self) -> str:
        """A plain-text table: severity, focus node, path, message (and value)."""
        return format_table(self.rows)


def load_shapes(path: Path) -> Graph:
    """Parse a shapes file (mskio.rdf_files); InputError naming the file and line if it is not valid
    Turtle, or if it has no triples (no shapes would let any data conform)."""
    return read_rdf_file(path, format="turtle", what="shapes file")


def validate(data: Graph, shapes: Graph, *, base: str, engine: Engine = "shacl",
             ntriples: bytes | Path | None = None, store: EmbeddedStore | None = None) -> ValidationResult:
    """Validate `data` against `shapes` (no inference) with `engine`; report nodes get IRIs under
    `base`validation/. Both engines give the same result (see the module docstring). `ntriples`,
    if given, is `data` as N-Triples (any order; bytes, or a file whose name ends in .nt), which
    the "shacl" engine then reads instead of writing the graph out again (from a file, no copy
    of it is held by Python: the build's 0.8 GB dump at 1,000 reviews); `store`, if given, holds `data` in Oxigraph (for the SPARQL
    constraints the "shacl" engine leaves to it: `whole_graph_constraints`)."""
    if engine == "shacl":
        raw_report = _validate_shacl(data, shapes, ntriples, store)
    elif engine == "pyshacl":
        raw_report = _validate_pyshacl(data, shapes)
    else:
        raise ValueError(f"unknown SHACL engine {engine!r} (use one of {', '.join(ENGINES)})")
    _normalise(raw_report, shapes)
    report = skolemize(raw_report, prefix=f"{base}validation/")
    rows = tuple(sorted(_rows(raw_report, data), key=_row_key))
    conforms = not any(r.severity == "Violation" for r in rows)
    return ValidationResult(conforms=conforms, report=report, rows=rows)


def _validate_pyshacl(data: Graph, shapes: Graph) -> Graph:
    from pyshacl import validate as shacl_validate

    _, raw_report, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True, advanced=True
    )
    assert isinstance(raw_report, Graph)
    return raw_report


def _validate_shacl(data: Graph, shapes: Graph, ntriples: bytes | Path | None = None,
                    store: EmbeddedStore | None = None) -> Graph:
    """The `shacl` engine: shapes and data handed over as N-Triples, the report read back from
    N-Triples (compiling our shapes takes 3 ms, so they are not cached). The SPARQL constraints
    `whole_graph_constraints` can take are not given to the engine but run once over the data in
    Oxigraph (`store`, else a store of the N-Triples), their results added to the engine's report
    as the engine writes them."""
    import shacl

    constraints = whole_graph_constraints(shapes)
    engine_shapes = shapes
    if constraints:
        engine_shapes = Graph()
        engine_shapes += shapes
        for c in constraints:
            engine_shapes.remove((c.shape, SH.sparql, c.constraint))
    compiled = shacl.Shapes.from_text(engine_shapes.serialize(format="nt", encoding="utf-8").decode("utf-8"),
                                      format="ntriples")
    text = None
    try:
        if isinstance(ntriples, Path):
            report = compiled.validate_file(str(ntriples), inference="none", allow_warnings=True)
        else:
            text = ntriples.decode("utf-8") if ntriples is not None else ntriples_text(data)
            report = compiled.validate_text(text, format="ntriples", inference="none", allow_warnings=True)
    except ValueError as exc:  # e.g. a relative IRI, which N-Triples cannot carry
        raise InputError(f"the SHACL engine cannot read the data graph: {exc}",
                         path=ntriples if isinstance(ntriples, Path) else None) from None
    graph = Graph().parse(data=report.serialize("ntriples"), format="nt")
    if constraints:
        if store is None:
            document = text.encode("utf-8") if text is not None else Path(str(ntriples)).read_bytes()
            store = EmbeddedStore.from_ntriples(document, lenient=True)
        _add_results(graph, [result for c in constraints for result in c.results(store)])
    return graph


@dataclass(frozen=True)
class WholeGraphConstraint:
    """A SPARQL constraint (SHACL 5) of a node shape, run once over the whole data graph instead
    of once per focus node: `$this` becomes a variable, and the solutions whose `?this` is one of
    the shape's focus nodes are its results. The engine we use runs each such constraint per
    focus node, which grows with the square of the corpus (8.3 s of its 11.9 at 100 reviews,
    18x for 5x the triples); the same constraint run once by Oxigraph is linear."""

    shape: URIRef
    constraint: URIRef
    query: str
    """The constraint's SELECT joined with its shape's focus nodes on ?this (the union of
    `targets`), DISTINCT: Oxigraph keeps only the focus nodes' solutions, so no solution or focus
    node outside the results comes back to Python (at 1,000 reviews, building the set of focus
    nodes in Python took 10 s)."""
    targets: tuple[str, ...]
    severity: URIRef
    messages: tuple[Literal, ...]

    def results(self, store: EmbeddedStore) -> list[ConstraintResult]:
        """A result for each solution whose ?this is a focus node of the shape, each once, sorted."""
        found = {(row["this"], row.get("path"), row.get("value")) for row in store.solutions(self.query)}
        return [ConstraintResult(self, focus=f, path=p, value=v) for f, p, v in sorted(found, key=repr)]


@dataclass(frozen=True)
class ConstraintResult:
    """One result of a WholeGraphConstraint: its focus node, and ?path and ?value where bound."""

    constraint: WholeGraphConstraint
    focus: Node
    path: Node | None
    value: Node | None


_PRE_BOUND = re.compile(r"\$(?!this\b)\w+")
_PROJECTS_THIS = re.compile(r"^\s*SELECT\b[^{]*\$this\b", re.IGNORECASE | re.MULTILINE)


def whole_graph_constraints(shapes: Graph) -> list[WholeGraphConstraint]:
    """The SPARQL constraints of `shapes` that can run once over the whole graph: on a node shape
    (no sh:path) with at least one target, only class, node, subjects-of or objects-of targets, and
    not itself a class (no implicit target), a SELECT that projects $this, binds ?value, pre-binds
    no other variable ($shapesGraph, $currentShape), has no message template and is not
    deactivated. Any other is left to the engine."""
    out = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=repr):
        select = shapes.value(constraint, SH.select)
        messages = tuple(sorted(m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)))
        if (not isinstance(shape, URIRef) or not isinstance(constraint, URIRef) or not isinstance(select, Literal)
                or shapes.value(shape, SH.path) is not None
                or (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes
                or any(shapes.value(n, SH.deactivated) is not None for n in (shape, constraint))
                or any("{" in m for m in messages) or shapes.value(shape, SH.target) is not None):
            continue
        text = str(select)
        if not _PROJECTS_THIS.search(text) or "?value" not in text or _PRE_BOUND.search(text):
            continue
        targets = [f"SELECT DISTINCT ?this WHERE {{ ?this a/<{RDFS.subClassOf}>* <{c}> }}"
                   for c in sorted(map(str, shapes.objects(shape, SH.targetClass)))]
        targets += [f"SELECT ?this WHERE {{ VALUES ?this {{ {n.n3()} }} }}" for n in sorted(shapes.objects(shape, SH.targetNode), key=repr)]
        targets += [f"SELECT DISTINCT ?this WHERE {{ ?this <{p}> ?o }}" for p in sorted(map(str, shapes.objects(shape, SH.targetSubjectsOf)))]
        targets += [f"SELECT DISTINCT ?this WHERE {{ ?s <{p}> ?this }}" for p in sorted(map(str, shapes.objects(shape, SH.targetObjectsOf)))]
        if not targets:  # no focus node: left to the engine, which reports nothing for it
            continue
        prefixes = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in _declared_prefixes(shapes, constraint))
        severity = shapes.value(shape, SH.severity)
        focus = " UNION ".join(f"{{ {target} }}" for target in targets)
        query = (f"{prefixes}SELECT DISTINCT ?this ?path ?value WHERE {{\n  {focus}\n"
                 f"  {{ {text.replace('$this', '?this')} }}\n}}")
        out.append(WholeGraphConstraint(
            shape=shape, constraint=constraint, query=query, targets=tuple(targets),
            severity=severity if isinstance(severity, URIRef) else SH.Violation, messages=messages))
    return out


def _declared_prefixes(shapes: Graph, constraint: Node) -> list[tuple[str, str]]:
    """The prefixes sh:prefixes declares for `constraint` (SHACL 5.2.1: sh:declare of each node)."""
    found = set()
    for owner in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                found.add((str(prefix), str(namespace)))
    return sorted(found)


def _add_results(report: Graph, results: list[ConstraintResult]) -> None:
    """Add SPARQL-constraint results to the engine's `report` as the engine writes them: a blank
    sh:ValidationResult linked from the report node, with focus node, path, value, message(s),
    severity, source shape, constraint and sh:SPARQLConstraintComponent; sh:conforms false when one
    is a violation."""
    node = report.value(predicate=RDF.type, object=SH.ValidationReport)
    assert node is not None, "the engine's report has a report node"
    for found in results:
        c = found.constraint
        result = BNode()
        report.add((node, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, found.focus))
        if found.path is not None:
            report.add((result, SH.resultPath, found.path))
        if found.value is not None:
            report.add((result, SH.value, found.value))
        for message in c.messages:
            report.add((result, SH.resultMessage, message))
        report.add((result, SH.resultSeverity, c.severity))
        report.add((result, SH.sourceShape, c.shape))
        report.add((result, SH.sourceConstraint, c.constraint))
        report.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        if c.severity == SH.Violation:
            report.set((node, SH.conforms, Literal(False)))


def ntriples_text(graph: Graph) -> str:
    """`graph` as N-Triples lines in no particular order: IRIs as they are (the engine rejects one
    N-Triples cannot hold, e.g. a relative IRI: InputError), literals escaped as rdflib's writer
    escapes them (\\, \\n, \\r and "), blank nodes by their label. The lines rdflib's N-Triples writer
    writes, without its check of every IRI (the engine checks them): 2.4 s against 3.0 on 505k
    triples, most of it rdflib iterating the graph (so `validate` takes the dump when there is one)."""
    def term(node: Node) -> str:
        if isinstance(node, Literal):
            text = '"' + node.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
            if node.language:
                return text + "@" + node.language
            return text + "^^<" + str(node.datatype) + ">" if node.datatype else text
        if isinstance(node, BNode):
            return "_:" + str(node)
        return f"<{node}>"

    return "".join(f"<{s}> <{p}> {term(o)} .\n" if type(s) is URIRef and type(p) is URIRef
                   else f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in graph)


def _normalise(report: Graph, shapes: Graph) -> None:
    """Make the two engines' reports equal: a SPARQL constraint's result keeps only the
    constraint's sh:message (pySHACL adds the node shape's); no sh:conformanceDisallows."""
    report.remove((None, SH.conformanceDisallows, None))
    for result, constraint in list(report.subject_objects(SH.sourceConstraint)):
        own = set(shapes.objects(constraint, SH.message))
        messages = set(report.objects(result, SH.resultMessage))
        if own and messages & own:
            for message in messages - own:
                report.remove((result, SH.resultMessage, message))


def skolemize(graph: Graph, *, prefix: str) -> Graph:
    """Replace every blank node by an IRI under `prefix` named by what the node states.

    A blank node's name is the SHA-256 of its own triples (subject left out, a blank object named
    the same way first), so a report's result nodes, path nodes and report node are named in one
    pass, linear in the report's size. Only where that cannot tell two blank nodes apart (two with
    the same triples, or none, as two blank focus nodes of the data may be) or blank nodes form a
    cycle is rdflib's canonical labelling used instead (its cost grows much faster: 280 s for the
    2,100 results of a 623k-triple graph)."""
    named = _content_names(graph)
    if named is None:
        canonical = to_canonical_graph(graph)
        named = {node: str(node) for triple in canonical for node in triple if isinstance(node, BNode)}
        graph = canonical
    out = bind_prefixes(Graph())

    def iri(node: Node) -> Node:
        return URIRef(prefix + named[node]) if isinstance(node, BNode) else node

    for s, p, o in graph:
        out.add((iri(s), p, iri(o)))
    return out


def _content_names(graph: Graph) -> dict[BNode, str] | None:
    """Each blank node of `graph` -> a hash of its triples; None on a cycle or two equal hashes."""
    statements: dict[BNode, list[tuple[Node, Node]]] = {}
    for s, p, o in graph:
        if isinstance(o, BNode):
            statements.setdefault(o, [])
        if isinstance(s, BNode):
            statements.setdefault(s, []).append((p, o))
    names: dict[BNode, str] = {}
    visiting: set[BNode] = set()

    def name(node: BNode) -> str | None:
        if node in names:
            return names[node]
        if node in visiting:
            return None  # a cycle of blank nodes
        visiting.add(node)
        lines = []
        for p, o in statements[node]:
            inner = name(o) if isinstance(o, BNode) else o.n3()
            if inner is None:
                return None
            lines.append(f"{p.n3()} {inner}")
        visiting.discard(node)
        names[node] = sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:32]
        return names[node]

    try:
        if any(name(node) is None for node in statements):
            return None
    except RecursionError:
        return None
    return names if len(set(names.values())) == len(names) else None


def _rows(report: Graph, data: Graph) -> list[ResultRow]:
    rows = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        rows.append(
            ResultRow(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "?",
                focus=_short(report.value(result, SH.focusNode), data),
                path=_path_text(report, report.value(result, SH.resultPath), data),
                message=min((str(m) for m in report.objects(result, SH.resultMessage)), default=""),
                value=_short(report.value(result, SH.value), data),
            )
        )
    return rows


def _row_key(row: ResultRow) -> tuple[int, str, str, str, str]:
    return (SEVERITY_ORDER.get(row.severity, 9), row.focus, row.path, row.message, row.value)


def _short(node: Node | None, data: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        text = str(node)
        return text if len(text) <= 60 else text[:57] + "..."
    if isinstance(node, URIRef):
        return data.namespace_manager.normalizeUri(node)
    return "(blank node)"


def _path_text(report: Graph, path: Node | None, data: Graph) -> str:
    if isinstance(path, BNode):
        inverse = report.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _short(inverse, data)
        return "(complex path)"
    return _short(path, data)


def format_table(rows: tuple[ResultRow, ...]) -> str:
    """Rows as an aligned text table with a header; 'no results' when empty."""
    if not rows:
        return "no results: the data conforms to every shape\n"
    header = ("severity", "focus node", "path", "message")
    cells = [(r.severity, r.focus, r.path, r.message + (f" [value: {r.value}]" if r.value else "")) for r in rows]
    widths = [max(len(header[i]), *(len(c[i]) for c in cells)) for i in range(3)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header[:3], widths)) + "  " + header[3]]
    lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 7)
    for c in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(c[:3], widths)) + "  " + c[3])
    return "\n".join(lines) + "\n"
