"""The ontology as published in dist/: with its SSSOM mappings added, as Turtle, RDF/XML and pyLODE HTML.

The mappings table (`ontology/mappings.sssom.tsv`, SSSOM TSV with a `#`-prefixed YAML block
holding the curie_map) is the one place alignments live; `add_mappings` turns each row into a
triple `subject predicate object` (skos:exactMatch, closeMatch, broadMatch, narrowMatch or
relatedMatch). Serializations are deterministic: the same files give the same bytes.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.metadata
import io
import logging
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import yaml
from rdflib import Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, SKOS

from mskio.cache import Cache, cache_key
from mskio.errors import InputError
from mskio.namespaces import bind_prefixes

SKOS_MAPPING_PREDICATES = frozenset(
    {SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch}
)
REQUIRED_COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label",
                    "mapping_justification")


@dataclass(frozen=True)
class Mapping:
    """One row of the SSSOM table, with the CURIEs expanded to IRIs."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    subject_label: str
    object_label: str
    justification: str
    comment: str
    line: int


def read_sssom(path: Path) -> tuple[Mapping, ...]:
    """Read an SSSOM TSV file; InputError naming file and line for a malformed row, an unknown
    prefix or a predicate that is not a SKOS mapping relation."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read mappings: {exc.strerror or exc}", path=path) from None
    lines = text.splitlines()
    header_lines = [line[1:] for line in lines if line.startswith("#")]
    try:
        meta = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"the '#' metadata block is not valid YAML: {exc}", path=path, line=1) from None
    curie_map = meta.get("curie_map") if isinstance(meta, dict) else None
    if not isinstance(curie_map, dict):
        raise InputError("the metadata block has no curie_map", path=path, line=1)
    first = len(header_lines)
    reader = csv.DictReader(io.StringIO("\n".join(lines[first:])), delimiter="\t")
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path=path, line=first + 1)
    rows = []
    for offset, row in enumerate(reader, start=first + 2):
        def expand(curie: str, column: str) -> URIRef:
            prefix, sep, local = (curie or "").partition(":")
            if not sep or prefix not in curie_map or not local:
                raise InputError(f"{column} {curie!r} is not a CURIE with a prefix of the curie_map", path=path,
                                 line=offset)
            return URIRef(str(curie_map[prefix]) + local)

        predicate = expand(row["predicate_id"], "predicate_id")
        if predicate not in SKOS_MAPPING_PREDICATES:
            raise InputError(f"predicate {row['predicate_id']!r} is not a SKOS mapping relation", path=path,
                             line=offset)
        rows.append(Mapping(
            subject=expand(row["subject_id"], "subject_id"),
            predicate=predicate,
            object=expand(row["object_id"], "object_id"),
            subject_label=row["subject_label"],
            object_label=row["object_label"],
            justification=row["mapping_justification"],
            comment=row.get("comment") or "",
            line=offset,
        ))
    return tuple(rows)


def add_mappings(ontology: Graph, mappings: tuple[Mapping, ...]) -> Graph:
    """A copy of `ontology` with one SKOS mapping triple per row. InputError if a row's subject is not
    a term the ontology defines."""
    out = bind_prefixes(Graph())
    out += ontology
    for m in mappings:
        if (m.subject, None, None) not in ontology:
            raise InputError(f"mapping subject {m.subject} is not defined in the ontology", line=m.line)
        out.add((m.subject, m.predicate, m.object))
    out.bind("skos", SKOS)
    return out


def ontology_turtle(graph: Graph) -> bytes:
    """Turtle (rdflib sorts subjects and predicates; the OWL class expressions are inline blank nodes)."""
    return _canonical(graph).serialize(format="turtle", encoding="utf-8")


def ontology_rdfxml(graph: Graph) -> bytes:
    """RDF/XML for Protégé and other OWL tools: one rdf:Description per subject, the OWL class
    expressions as rdf:nodeID blank nodes with canonical labels. rdflib's RDF/XML writer orders
    namespaces and descriptions by set iteration, so the descriptions are sorted afterwards (by
    rdf:about or rdf:nodeID) and the namespace declarations are written sorted."""
    canonical = _canonical(graph)
    raw = canonical.serialize(format="xml", encoding="utf-8")
    for prefix, namespace in canonical.namespaces():
        if prefix:
            ElementTree.register_namespace(prefix, str(namespace))
    root = ElementTree.fromstring(raw)
    about, node_id = (f"{{{RDF}}}about", f"{{{RDF}}}nodeID")
    children = sorted(root, key=lambda e: (e.get(about) is None, e.get(about) or e.get(node_id) or "",
                                           ElementTree.tostring(e)))
    for child in list(root):
        root.remove(child)
    root.extend(children)
    ElementTree.indent(root, space="  ")
    written: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _canonical(graph: Graph) -> Graph:
    """A copy whose blank nodes (the OWL class expressions) have canonical labels and whose triples were
    inserted in sorted order, so that serializers that follow insertion order write the same bytes."""
    canonical = to_canonical_graph(graph)
    out = bind_prefixes(Graph())
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=False)
    for triple in sorted(canonical, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        out.add(triple)
    return out


def ontology_html(graph: Graph, *, cache: bool = True) -> bytes:
    """HTML documentation made with pyLODE's OntPub profile, subjects sorted: from the cache
    (mskio.cache, subdirectory pylode/) when pyLODE made it for the same ontology (its canonical
    Turtle and its prefixes) before, unless `cache` is False. pyLODE takes 1.5 s on our ontology,
    the slowest step of a one-review build."""
    prefixes = "\n".join(sorted(f"{prefix} {namespace}" for prefix, namespace in graph.namespaces()))
    key = cache_key(_PYLODE_CACHE_FORMAT, f"pylode {importlib.metadata.version('pylode')}", prefixes,
                    ontology_turtle(graph))
    return Cache("pylode", entries=4, suffix=".html", enabled=cache).answer(key, lambda: _pylode_html(graph))


_PYLODE_CACHE_FORMAT = "mskio-pylode-cache 1"


def _pylode_html(graph: Graph) -> bytes:
    _patch_pylode_version()
    with _root_logger_kept():
        from pylode import OntPub

    with _one_pylode_start_at_a_time():
        publication = OntPub(ontology=graph, sort_subjects=True)
    html: str = publication.make_html()
    return html.encode("utf-8")


@contextlib.contextmanager
def _one_pylode_start_at_a_time() -> Iterator[None]:
    """An exclusive lock (a file in the temporary directory) while OntPub starts. Its first start
    writes pyLODE's background ontologies to refs.pickle in pyLODE's own package folder (the file
    is opened, empty, then filled), and every later start reads that file when it exists: a start
    that reads while another writes fails with EOFError ("Ran out of input"). It did, in `make
    test` on a clean clone, where pytest's workers made their first pages at once (the build's
    cache held the ontology's HTML, so `make build` had not run pyLODE). Where no lock can be
    made, OntPub starts without one."""
    import fcntl
    import tempfile

    try:
        lock = open(Path(tempfile.gettempdir()) / "mskio-pylode-start.lock", "a")  # noqa: SIM115
    except OSError:
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextlib.contextmanager
def _root_logger_kept() -> Iterator[None]:
    """pyLODE's supermodel profile calls logging.basicConfig(level=DEBUG) when imported, which makes
    every library (matplotlib's font manager first) print DEBUG lines on stderr. Undo that."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _patch_pylode_version() -> None:
    """pyLODE 3.4.1 (the newest release for Python 3.11) reads its version from a pyproject.toml that
    its wheel does not ship (RDFLib/pyLODE issues 256 and 260, fixed after the release), so importing
    it fails. Provide `pylode.version` from the installed distribution's metadata instead."""
    if "pylode.version" not in sys.modules:
        module = types.ModuleType("pylode.version")
        module.__dict__["__version__"] = importlib.metadata.version("pylode")
        sys.modules["pylode.version"] = module
