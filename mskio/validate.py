"""pySHACL wrapper -> a named result: conforms, the report graph (no blank nodes), readable rows.

`conforms` is False only for sh:Violation results; warnings and infos are reported but
do not fail a build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF
from rdflib.term import Node

from mskio.namespaces import SH, bind_prefixes
from mskio.rdf_files import read_rdf_file

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


def validate(data: Graph, shapes: Graph, *, base: str) -> ValidationResult:
    """Validate `data` against `shapes` (no inference); report nodes get IRIs under `base`validation/."""
    _, raw_report, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True, advanced=True
    )
    report = skolemize(raw_report, prefix=f"{base}validation/")
    rows = tuple(sorted(_rows(raw_report, data), key=_row_key))
    conforms = not any(r.severity == "Violation" for r in rows)
    return ValidationResult(conforms=conforms, report=report, rows=rows)


def skolemize(graph: Graph, *, prefix: str) -> Graph:
    """Replace every blank node by an IRI derived from the graph's canonical labelling."""
    canonical = to_canonical_graph(graph)
    out = bind_prefixes(Graph())

    def named(node: Node) -> Node:
        return URIRef(prefix + str(node)) if isinstance(node, BNode) else node

    for s, p, o in canonical:
        out.add((named(s), p, named(o)))
    return out


def _rows(report: Graph, data: Graph) -> list[ResultRow]:
    rows = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        rows.append(
            ResultRow(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "?",
                focus=_short(report.value(result, SH.focusNode), data),
                path=_path_text(report, report.value(result, SH.resultPath), data),
                message=str(report.value(result, SH.resultMessage) or ""),
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
