"""Graph -> Turtle, JSON-LD (compacted with the published context) and sorted N-Triples.

Deterministic: the same graph gives the same bytes, whatever the insertion order or
PYTHONHASHSEED. Published graphs must not contain blank nodes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from mskio.errors import MskioError
from mskio.namespaces import PREFIXES, bind_prefixes


class BlankNodeError(MskioError):
    """A graph to be published contains a blank node."""


def canonical(graph: Graph) -> Graph:
    """A copy of `graph` whose triples were inserted in sorted order, with mskio's prefixes bound."""
    out = bind_prefixes(Graph())
    for triple in sorted(graph, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        out.add(triple)
    return out


def check_no_blank_nodes(graph: Graph) -> None:
    """Raise BlankNodeError if any subject or object is a blank node."""
    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise BlankNodeError(f"blank node in a published graph: {s.n3()} {p.n3()} {o.n3()}")


def to_turtle(graph: Graph) -> bytes:
    """Turtle written by Oxigraph's streaming serializer from the sorted triples (so each subject's
    triples come together, once), with only the prefixes in use, sorted by prefix."""
    return turtle_from_ntriples(to_ntriples(graph), namespaces=used_namespaces(graph))


def turtle_from_ntriples(ntriples: bytes, *, namespaces: set[str]) -> bytes:
    """Sorted N-Triples -> Turtle (pyoxigraph), declaring the mskio prefixes of `namespaces`; the
    triples keep the N-Triples order, so the Turtle is as deterministic as they are."""
    import pyoxigraph as ox

    prefixes = {prefix: ns for prefix, ns in sorted(PREFIXES.items()) if str(ns) in namespaces}
    rdf_type = ox.NamedNode(str(RDF.type))
    triples = sorted((q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)),
                     key=lambda t: (str(t.subject), t.predicate != rdf_type, str(t.predicate), str(t.object)))
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    # a blank line before each subject (every line but the prefixes and the tab-indented continuations)
    lines = text.split(b"\n")
    out = []
    for i, line in enumerate(lines):
        if i and line and not line.startswith((b"\t", b"@prefix")):
            out.append(b"")
        out.append(line)
    return b"\n".join(out)


def to_ntriples(graph: Graph) -> bytes:
    """N-Triples, one triple a line, lines sorted (so `diff` and `sort -c` work on the dump)."""
    check_no_blank_nodes(graph)
    text = graph.serialize(format="nt")
    lines = sorted({line for line in text.split("\n") if line.strip()})  # not splitlines(): U+2028 is a character
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def load_context(path: Path) -> dict[str, Any]:
    """The JSON-LD context object (the value of "@context") of a context document."""
    document = json.loads(path.read_text(encoding="utf-8"))
    context = document["@context"]
    if not isinstance(context, dict):
        raise MskioError(f"{path}: '@context' must be an object")
    return context


def to_jsonld(graph: Graph, context: dict[str, Any]) -> bytes:
    """JSON-LD compacted with `context` (embedded), nodes sorted by id, arrays and keys sorted."""
    check_no_blank_nodes(graph)
    text = canonical(graph).serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    nodes = document.get("@graph", [document] if "id" in document else [])
    nodes = [{k: v for k, v in node.items() if k != "@context"} for node in nodes]
    body = {"@context": context, "@graph": sorted((_sorted_values(n) for n in nodes), key=_node_key)}
    return (json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sorted_values(node: dict[str, Any]) -> dict[str, Any]:
    """Sort multi-valued properties (none of ours is an ordered @list: order lives in rdf:List cells)."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(value, list):
            out[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        else:
            out[key] = value
    return out


def _node_key(node: dict[str, Any]) -> str:
    return str(node.get("id", node.get("@id", "")))


def used_namespaces(graph: Graph) -> set[str]:
    """Namespace IRIs of mskio's prefixes in which some IRI or literal datatype of `graph` lies."""
    known = sorted({str(ns) for ns in PREFIXES.values()}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(ns) for ns in known))
    seen: set[str] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                seen.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                seen.add(str(term.datatype))
    used: set[str] = set()
    for iri in seen:  # each distinct IRI once; every namespace it starts with (one may contain another)
        if pattern.match(iri):
            used.update(ns for ns in known if iri.startswith(ns))
    return used
