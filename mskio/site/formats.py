"""A page's RDF as Turtle and JSON-LD: small, deterministic writers for one page's description.

Each page file carries only the prefixes it uses (from `mskio.namespaces.PREFIXES` and
`describe.EXTRA_PREFIXES`); subjects, predicates and objects are sorted, so the same description
always gives the same bytes. Data pages have no blank nodes; the ontology's page carries OWL
restrictions, whose blank nodes are relabelled canonically (`rdflib.compare.to_canonical_graph`)
so that rebuilds stay byte-identical. The writers are checked by parsing their output with rdflib
and comparing graphs (tests/test_site_render.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import orjson
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from mskio.namespaces import PREFIXES
from mskio.site.describe import EXTRA_PREFIXES, sort_key

KNOWN_PREFIXES = dict(sorted({**PREFIXES, **EXTRA_PREFIXES}.items()))
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


Triples = Iterable[tuple[Node, Node, Node]]
"""A page's description: an rdflib Graph, or any collection of its triples (each once)."""

Statements = dict[Node, dict[URIRef, list[Node]]]
"""subject -> predicate -> objects, sorted: what both writers write (`statements`)."""


def has_blank_nodes(graph: Triples) -> bool:
    """Whether any subject or object of `graph` is a blank node."""
    return any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in graph)


def statements(graph: Triples) -> Statements:
    """subject -> predicate -> objects, blank nodes relabelled canonically, everything sorted."""
    source: Triples = graph
    if has_blank_nodes(graph):
        if not isinstance(graph, Graph):
            graph = _graph(graph)
        source = to_canonical_graph(graph)
    index: dict[Node, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in source:
        index[s][p].append(o)  # type: ignore[index]
    return {s: {p: sorted(index[s][p], key=sort_key) for p in sorted(index[s], key=sort_key)}
            for s in sorted(index, key=sort_key)}


def _graph(triples: Triples) -> Graph:
    out = Graph(bind_namespaces="none")
    for triple in triples:
        out.add(triple)
    return out


def _sorted(graph: Triples | Statements) -> Statements:
    return graph if isinstance(graph, dict) else statements(graph)


_RDF_TYPE, _XSD_STRING = RDF.type, XSD.string
"""Read once: rdflib's closed namespaces make a new term at each attribute access (a Python call),
and each page's Turtle and JSON-LD ask these of every statement."""


@lru_cache(maxsize=1 << 16)
def _split(iri: str) -> tuple[str, str] | None:
    """(prefix, local name) when `iri` lies in a known namespace and the local name is simple."""
    best: tuple[str, str] | None = None
    for prefix, namespace in KNOWN_PREFIXES.items():
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace):]):
            if best is None or len(namespace) > len(KNOWN_PREFIXES[best[0]]):
                best = (prefix, iri[len(namespace):])
    return best


# -- Turtle -------------------------------------------------------------------------------------

def page_turtle(graph: Triples | Statements) -> bytes:
    """Turtle of a page's description (or of its `statements`): the prefixes in use, then one
    block per subject."""
    used: set[str] = set()

    def iri(term: str) -> str:
        split = _split(term)
        if split is None:
            return f"<{term}>"
        used.add(split[0])
        return f"{split[0]}:{split[1]}"

    def term(node: Node) -> str:
        if isinstance(node, URIRef):
            return iri(str(node))
        if isinstance(node, BNode):
            return f"_:{node}"
        assert isinstance(node, Literal)
        text = '"' + _escape(str(node)) + '"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None and node.datatype != _XSD_STRING:
            return f"{text}^^{iri(str(node.datatype))}"
        return text

    blocks = []
    for subject, predicates in _sorted(graph).items():
        lines = []
        for predicate, objects in predicates.items():
            verb = "a" if predicate == _RDF_TYPE else iri(str(predicate))
            lines.append(f"    {verb} " + ",\n        ".join(term(o) for o in objects))
        blocks.append(f"{term(subject)}\n" + " ;\n".join(lines) + " .\n")
    head = "".join(f"@prefix {p}: <{KNOWN_PREFIXES[p]}> .\n" for p in sorted(used))
    return (head + "\n" + "\n".join(blocks)).encode("utf-8")


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


# -- JSON-LD ------------------------------------------------------------------------------------

def page_jsonld(graph: Triples | Statements) -> bytes:
    """JSON-LD of a page's description (or of its `statements`): a context of the prefixes in use, then a @graph of node
    objects sorted by @id, with compact IRIs as keys and sorted values."""
    used: set[str] = set()

    def compact(term: str) -> str:
        split = _split(term)
        if split is None:
            return term
        used.add(split[0])
        return f"{split[0]}:{split[1]}"

    def ref(node: Node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else str(node)

    def value(node: Node) -> Any:
        if isinstance(node, (URIRef, BNode)):
            return {"@id": ref(node)}
        assert isinstance(node, Literal)
        if node.language:
            return {"@value": str(node), "@language": node.language}
        if node.datatype is not None and node.datatype != _XSD_STRING:
            return {"@value": str(node), "@type": compact(str(node.datatype))}
        return str(node)

    nodes = []
    for subject, predicates in _sorted(graph).items():
        obj: dict[str, Any] = {"@id": ref(subject)}
        for predicate, objects in predicates.items():
            if predicate == _RDF_TYPE and all(isinstance(o, URIRef) for o in objects):
                types = [compact(str(o)) for o in objects]
                obj["@type"] = types[0] if len(types) == 1 else types
                continue
            values = [value(o) for o in objects]
            obj[compact(str(predicate))] = values[0] if len(values) == 1 else values
        nodes.append(obj)
    body = {"@context": {p: KNOWN_PREFIXES[p] for p in sorted(used)}, "@graph": nodes}
    return _one_space_indent(orjson.dumps(body, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)) + b"\n"


_INDENT = re.compile(rb"\n((?:  )+)")


def _one_space_indent(data: bytes) -> bytes:
    """orjson's two-space indentation as one space a level: the bytes of json.dumps(ensure_ascii=False,
    indent=1, sort_keys=True), which the pages have always had, in a tenth of the time (json's C
    encoder is not used with `indent`: it was 8 % of a page's CPU). JSON text has a newline only
    between its tokens (one inside a string is written \\n), so each one starts an indentation."""
    return _INDENT.sub(lambda m: b"\n" + b" " * (len(m.group(1)) // 2), data)


def script_json(data: bytes) -> str:
    """JSON text made safe to embed in an HTML <script> element ('</' and '<!--' escaped)."""
    return data.decode("utf-8").rstrip("\n").replace("</", "<\\/").replace("<!--", "\\u003c!--")


MANIFEST = "SHA256SUMS"
"""The site's checksum file (`sha256sum -c` format): the SHA-256 of every other file of the site,
recorded as the pages are written, so that a copy can be verified without parsing it (`mskio fair`)."""


def manifest(digests: dict[str, str]) -> bytes:
    """`digests` (relative path -> SHA-256 hex digest of the file) as a SHA256SUMS file:
    `<hex>  <path>` lines, sorted by path."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(digests.items())).encode("utf-8")


_MANIFEST_LINES = re.compile(r"(?:(?:[0-9a-f]{64}  [^\n]+)?\n)*(?:[0-9a-f]{64}  [^\n]+)?")
"""A whole SHA256SUMS text whose every line is well-formed (or empty)."""


def read_manifest(text: str) -> dict[str, str]:
    """A SHA256SUMS file's lines as relative path -> hex digest; ValueError on a malformed line.
    A well-formed file (the whole text matched once: `mskio fair` reads 574k lines at 1,000
    reviews) is split without a match for each line; another is read line by line, to name the
    first malformed one."""
    if _MANIFEST_LINES.fullmatch(text):
        return {line[66:]: line[:64] for line in text.split("\n") if line}
    out: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue
        digest, sep, path = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not path:
            raise ValueError(f"line {number}: not '<sha256>  <path>': {line[:80]!r}")
        out[path] = digest
    return out
