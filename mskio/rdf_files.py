"""RDF files -> rdflib Graph: the one place that parses an RDF file and turns a parser's complaint
into an InputError naming the file and the line.

N-Triples, N-Quads, Turtle and TriG are first read by Oxigraph's parser (pyoxigraph), which reports
the line and column of a syntax error (rdflib's messages often lack them: "Invalid line"); the graph
is then read by rdflib. RDF/XML and JSON-LD are read by rdflib alone, the line taken from its
exception where it gives one. Quads (TriG, N-Quads) are read as the union of their graphs.

A file with no triples is an error unless the caller allows it: an empty file given to
`mskio validate` must not validate as conforming. A leading UTF-8 byte order mark is not data.
JSON-LD that names a remote context (`"@context": "https://..."`) is refused: mskio reads no
network.

`read_ntriples_terms` reads a large N-Triples file (a published dump) with Oxigraph's parser alone,
into rdflib terms without an rdflib Graph, each distinct term made once (`TermMaker`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from mskio.errors import InputError

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml",
           ".trig": "trig", ".nq": "nquads"}
"""File extension -> rdflib format name."""

NAMES = {"turtle": "Turtle", "nt": "N-Triples", "json-ld": "JSON-LD", "xml": "RDF/XML", "trig": "TriG",
         "nquads": "N-Quads"}

OXIGRAPH = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
            "nquads": ox.RdfFormat.N_QUADS}
"""The formats checked by Oxigraph's parser first, for the position of a syntax error."""

QUADS = frozenset({"trig", "nquads"})
BOM = b"\xef\xbb\xbf"

_OXIGRAPH_MESSAGE = re.compile(r"^Parser error (?P<where>.*?): (?P<what>.*)$", re.DOTALL)
_LINE = re.compile(r"\bline (\d+)\b")
_URL = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
_MAX_MESSAGE = 300


def rdf_format(path: Path) -> str:
    """The rdflib format name of `path`, from its extension; InputError for an unknown one."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown RDF file extension {path.suffix!r} (use {', '.join(sorted(FORMATS))})", path=path)
    return fmt


def read_rdf_file(path: Path, *, format: str | None = None, base: str | None = None, what: str | None = None,
                  allow_empty: bool = False) -> Graph:
    """Parse the RDF file `path` (format from its extension unless given) into a Graph.

    `base` resolves relative IRIs (default: the file's own URI, as rdflib does); `what` names the
    file in messages ("shapes file"). InputError naming the file, and the line where known, for a
    missing or unreadable file, a syntax error, or (unless `allow_empty`) a file with no triples."""
    fmt = format or rdf_format(path)
    label = f"{what}: " if what else ""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file" + (f" ({what})" if what else ""), path=path) from None
    except OSError as exc:
        raise InputError(f"{label}cannot read file: {exc.strerror or exc}", path=path) from None
    if not data.strip() and not allow_empty:
        raise InputError(f"{label}empty file: no triples", path=path, line=1)
    if data.startswith(BOM):
        data = data[len(BOM):]
    iri = base or path.resolve().as_uri()
    if fmt == "json-ld":
        _no_remote_context(data, path=path, label=label)
    if fmt in OXIGRAPH:
        _check_syntax(data, fmt, path=path, base=iri, label=label)
    graph = _parse(data, fmt, path=path, base=iri, label=label)
    if not len(graph) and not allow_empty:
        raise InputError(f"{label}no triples (only prefixes, comments or empty graphs)", path=path, line=1)
    return graph


class TermMaker:
    """pyoxigraph terms -> rdflib terms as rdflib's N-Triples reader makes them (a plain literal
    without a datatype: Oxigraph gives it xsd:string), each distinct term made once and shared:
    the triples of a large dump then hold one object per IRI (a work's IRI is in dozens of
    triples), and a lookup by a term the reader made finds its key by identity, without
    rdflib's `__eq__` (4.5x faster for a dictionary key that is equal but not the same object)."""

    def __init__(self) -> None:
        self._made: dict[Any, Node] = {}

    def __call__(self, term: Any) -> Node:
        made = self._made.get(term)
        if made is None:
            made = self._made[term] = rdflib_term(term)
        return made


_XSD_STRING = str(XSD.string)


def rdflib_term(term: Any) -> Node:
    """One pyoxigraph term as rdflib's N-Triples reader makes it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported RDF term: {term!r}")


def read_ntriples_terms(path: Path, *, what: str | None = None) -> list[tuple[Node, Node, Node]]:
    """The distinct triples of the N-Triples file `path` as rdflib terms (`TermMaker`), in file order,
    read by Oxigraph's parser from the file (never whole in memory as text or as an rdflib Graph:
    at 1,000 reviews rdflib's parser took most of `mskio serve --live`'s start). InputError
    naming the file, and the line of a syntax error, for a missing, unreadable, invalid or empty file."""
    label = f"{what}: " if what else ""
    make = TermMaker()
    try:
        # each triple once (a repeated line is one triple): with each term made once, a
        # triple's key hashes its terms' strings (a dump's lines are distinct: this is cheap)
        triples = list(dict.fromkeys((make(t.subject), make(t.predicate), make(t.object))
                                     for t in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)))
    except FileNotFoundError:
        raise InputError("no such file" + (f" ({what})" if what else ""), path=path) from None
    except SyntaxError as exc:
        raise _syntax_error(exc, "nt", path=path, label=label) from None
    except OSError as exc:
        raise InputError(f"{label}cannot read file: {exc.strerror or exc}", path=path) from None
    if not triples:
        raise InputError(f"{label}no triples", path=path, line=1)
    return triples


def _check_syntax(data: bytes, fmt: str, *, path: Path, base: str, label: str) -> None:
    """Oxigraph's parser over `data`: InputError with the line and column of the first syntax error."""
    try:
        for _ in ox.parse(data, OXIGRAPH[fmt], base_iri=base):
            pass
    except SyntaxError as exc:
        raise _syntax_error(exc, fmt, path=path, label=label) from None


def _syntax_error(exc: SyntaxError, fmt: str, *, path: Path, label: str) -> InputError:
    """Oxigraph's syntax error as an InputError naming the file, the line and the column."""
    text = str(exc.msg if exc.msg else exc)
    found = _OXIGRAPH_MESSAGE.match(text)
    message = f"{found.group('what')} ({found.group('where')})" if found else text
    return InputError(f"{label}not valid {NAMES[fmt]}: {_short(message)}", path=path, line=exc.lineno)


def _no_remote_context(data: bytes, *, path: Path, label: str) -> None:
    """InputError for JSON that is not JSON, or a JSON-LD document naming a context by URL (rdflib
    would download it)."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(f"{label}not valid JSON-LD: {exc.msg} (line {exc.lineno} column {exc.colno})", path=path,
                         line=exc.lineno) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{label}not valid JSON-LD: not UTF-8 text", path=path, line=line) from None
    for url in _contexts(document):
        if _URL.match(url):
            named = re.search(rb'"@context"\s*:\s*(?:\[[^\]]*?)?' + re.escape(json.dumps(url).encode("utf-8")), data)
            raise InputError(
                f"{label}remote JSON-LD context {url!r}: mskio reads no network, so put the context in the file",
                path=path, line=data[: named.end()].count(b"\n") + 1 if named else None,
            )


def _contexts(node: object) -> list[str]:
    """Every context named by a string anywhere in a JSON document (`"@context": "..."` or in a list)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                values = value if isinstance(value, list) else [value]
                found.extend(v for v in values if isinstance(v, str))
            found.extend(_contexts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_contexts(item))
    return found


def _parse(data: bytes, fmt: str, *, path: Path, base: str, label: str) -> Graph:
    try:
        if fmt in QUADS:
            dataset = Dataset()
            dataset.parse(data=data, format=fmt, publicID=base)
            graph = Graph()
            for s, p, o, _ in dataset.quads():
                graph.add((s, p, o))
            return graph
        return Graph().parse(data=data, format=fmt, publicID=base)
    except Exception as exc:  # rdflib's parsers raise many exception types
        raise InputError(f"{label}not valid {NAMES.get(fmt, fmt)}: {_short(str(exc))}", path=path,
                         line=_line_of(exc)) from None


def _line_of(exc: Exception) -> int | None:
    """The line an rdflib parser exception names, where it names one."""
    if isinstance(exc, SAXParseException):
        line = exc.getLineNumber()
        return line if isinstance(line, int) and line > 0 else None
    if isinstance(exc, json.JSONDecodeError):
        return exc.lineno
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int) and lineno > 0:
        return lineno
    found = _LINE.search(str(exc))
    return int(found.group(1)) if found else None


def _short(message: str) -> str:
    """One line of at most _MAX_MESSAGE characters."""
    text = " ".join(message.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."
