"""Graph -> Turtle, JSON-LD (compacted with the published context) and sorted N-Triples.

Deterministic: the same graph gives the same bytes, whatever the insertion order or
PYTHONHASHSEED. Published graphs must not contain blank nodes.
"""

from __future__ import annotations

import bisect
import json
import re
from json.encoder import encode_basestring
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import orjson

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from mskio.errors import MskioError
from mskio.namespaces import PREFIXES

_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)


Triples: TypeAlias = Iterable[tuple[Node, Node, Node]]
"""What the writers take: an rdflib Graph, or its triples, or any distinct triples (mskio.triples)."""


class BlankNodeError(MskioError):
    """A graph to be published contains a blank node."""


def check_no_blank_nodes(graph: Triples) -> None:
    """Raise BlankNodeError if any subject or object is a blank node."""
    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise _blank_node(s, p, o)


def _blank_node(s: Node, p: Node, o: Node) -> BlankNodeError:
    return BlankNodeError(f"blank node in a published graph: {s.n3()} {p.n3()} {o.n3()}")


def to_turtle(graph: Triples) -> bytes:
    """Turtle written by Oxigraph's streaming serializer from the sorted triples (so each subject's
    triples come together, once), with only the prefixes in use, in the writer's own (fixed) order."""
    triples = graph if isinstance(graph, (tuple, list, set, frozenset)) else tuple(graph)
    return turtle_from_ntriples(to_ntriples(triples))


def turtle_from_ntriples(ntriples: bytes, *, sorted_lines: bool = False) -> bytes:
    """N-Triples -> Turtle (pyoxigraph), declaring the mskio prefixes the triples use (as
    `used_namespaces` defines them, read off the parsed triples): the triples sorted by subject,
    then rdf:type first, then by predicate and object (each as Oxigraph writes it), so the Turtle
    is as deterministic as they are.

    A document as mskio writes them (`ntriples_document`: lines sorted and distinct, no character
    that Oxigraph would write otherwise) is in that order already but for rdf:type: its type lines
    are moved to the front of their subject's (`_types_first`) and Oxigraph's writer reads the
    parse as it goes, in a third of the time of sorting parsed triples. Any other document is
    sorted triple by triple; both give the same bytes (tests/test_serialize.py).

    `sorted_lines` says that the caller wrote `ntriples` itself with `ntriples_document` or
    `merged_document`, whose lines are sorted and distinct: the order of its lines is then not
    checked again (1,000 reviews' dump, 5M lines: 1.2 s against 3.4 for the whole check); what
    Oxigraph would write otherwise still is."""
    import pyoxigraph as ox

    if _in_writer_order(ntriples, sorted_lines=sorted_lines):
        triples: Iterable[Any] = ox.parse(_types_first(ntriples), format=ox.RdfFormat.N_TRIPLES)
        namespaces = _namespaces_in_lines(ntriples)
    else:
        rdf_type = ox.NamedNode(_RDF_TYPE)
        triples = sorted((q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)),
                         key=lambda t: (str(t.subject), t.predicate != rdf_type, str(t.predicate), str(t.object)))
        namespaces = _namespaces_of(_oxigraph_iris(triples))
    prefixes = {prefix: ns for prefix, ns in sorted(PREFIXES.items()) if str(ns) in namespaces}
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    # a blank line before each subject (every line but the first, the @prefix lines and the
    # tab-indented continuations): one regular expression, not a loop over the lines (the
    # 1,000-review dump's 337 MB of Turtle: 0.73 s against 1.42)
    return _SUBJECT_LINE.sub(b"\n\n", text)


_SUBJECT_LINE = re.compile(rb"\n(?=[^\t\n@])")
"""The line break before a line that starts a subject's statements in Oxigraph's Turtle: a line
that is not a continuation (a tab), not empty and not a directive (Oxigraph writes @prefix only;
no subject starts with "@")."""


_TYPE_PREDICATE = f" <{_RDF_TYPE}> ".encode()

_NAMESPACES = frozenset(str(ns) for ns in PREFIXES.values())
"""The namespaces of mskio's prefixes (`_namespaces_of`, `_namespaces_in_lines`)."""

_WRITTEN_AS_IS = bytes(b for b in range(256) if b == 0x0A or 0x20 <= b != 0x7F)
"""The line end and every byte but the control characters: `bytes.translate` deleting these leaves
the characters Oxigraph writes escaped and a line holds raw."""

_UPPER_CASE_LANGUAGE = re.compile(rb'"@[^ ]*[A-Z]')


def _as_oxigraph_writes(ntriples: bytes) -> bool:
    """Whether Oxigraph writes each term of `ntriples` as it is written there (`ntriples_line`):
    not when a literal holds a control character (escaped by Oxigraph), an explicit xsd:string
    (implicit for it) or an upper-case language tag (lower-cased by it)."""
    return (not ntriples.translate(None, _WRITTEN_AS_IS)
            and f"^^<{_XSD_STRING}>".encode() not in ntriples
            and not _UPPER_CASE_LANGUAGE.search(ntriples))


def _in_writer_order(ntriples: bytes, *, sorted_lines: bool = False) -> bool:
    """Whether `ntriples` is written as `ntriples_document` writes (one space between terms, " ."
    ending each line) and its lines sorted and distinct (taken as given with `sorted_lines`), with
    terms as Oxigraph writes them."""
    if not ntriples.endswith(b" .\n") or b"  " in ntriples or not _as_oxigraph_writes(ntriples):
        return False
    if sorted_lines:
        return True
    lines = ntriples[:-1].split(b"\n")
    return ntriples.count(b" .\n") == len(lines) and all(map(bytes.__lt__, lines, lines[1:]))


def _types_first(ntriples: bytes) -> bytes:
    """The sorted N-Triples `ntriples` with each subject's rdf:type lines before its other lines."""
    parts: list[bytes] = []
    done = 0  # ntriples[:done] is in `parts`, and ntriples[done:] starts a line
    at = ntriples.find(_TYPE_PREDICATE)
    while at >= 0:
        start = ntriples.rfind(b"\n", 0, at) + 1
        subject = ntriples[start:at]
        if b" " in subject:  # the predicate's text inside a literal
            at = ntriples.find(_TYPE_PREDICATE, at + 1)
            continue
        lead = subject + _TYPE_PREDICATE
        end = ntriples.index(b"\n", at) + 1
        while ntriples.startswith(lead, end):  # the subject's other types
            end = ntriples.index(b"\n", end) + 1
        if ntriples.startswith(subject + b" ", done):  # the subject's first line, after `done`
            first = done
        else:
            first = ntriples.find(b"\n" + subject + b" ", done, start) + 1 or start
        parts += (ntriples[done:first], ntriples[start:end], ntriples[first:start])
        done = end
        at = ntriples.find(_TYPE_PREDICATE, end)
    parts.append(ntriples[done:])
    return b"".join(parts)


def _namespaces_in_lines(ntriples: bytes) -> set[str]:
    """`_namespaces_of` the IRIs of the N-Triples `ntriples`, found by searching the text for each
    namespace and reading the triple of the line it is on (the text may be in a literal)."""
    import pyoxigraph as ox

    used: set[str] = set()
    for namespace in _NAMESPACES:
        needle = b"<" + namespace.encode("utf-8")
        at = ntriples.find(needle)
        while at >= 0:
            start = ntriples.rfind(b"\n", 0, at) + 1
            end = ntriples.index(b"\n", at)
            if any(iri.startswith(namespace) for iri in _oxigraph_iris(
                    q.triple for q in ox.parse(ntriples[start:end], format=ox.RdfFormat.N_TRIPLES))):
                used.add(namespace)
                break
            at = ntriples.find(needle, end)
    return used


_IMPLICIT_DATATYPES = {str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
"""The datatypes RDF 1.1 gives a plain and a language-tagged literal: not written, so not a use
of their namespace (rdflib's Literal has no datatype for them, as `used_namespaces` reads them)."""


def _oxigraph_iris(triples: Iterable[Any]) -> set[str]:
    """The IRIs of pyoxigraph triples: subjects, predicates, IRI objects, explicit datatypes."""
    import pyoxigraph as ox

    iris: set[str] = set()
    for t in triples:
        iris.add(t.subject.value)
        iris.add(t.predicate.value)
        o = t.object
        if isinstance(o, ox.NamedNode):
            iris.add(o.value)
        elif isinstance(o, ox.Literal) and o.datatype.value not in _IMPLICIT_DATATYPES:
            iris.add(o.datatype.value)
    return iris


def to_ntriples(graph: Triples) -> bytes:
    """N-Triples, one triple a line, lines sorted (so `diff` and `sort -c` work on the dump), each
    line once; BlankNodeError for a blank node. The lines are rdflib's N-Triples serializer's
    (`ntriples_line`), written from the triples without an rdflib Graph."""
    return ntriples_document(ntriples_lines(graph))


def ntriples_lines(graph: Triples) -> set[str]:
    """The lines `to_ntriples` writes for `graph`, unsorted: the lines of a graph are the union of
    the lines of its parts (so a part's lines, once made, serve every dump that holds the part)."""
    return {ntriples_line(triple) for triple in graph}


def ntriples_document(lines: Iterable[str]) -> bytes:
    """N-Triples lines (`ntriples_lines`) as `to_ntriples` writes them: sorted, each once."""
    return sorted_document(sorted(lines if isinstance(lines, (set, frozenset)) else set(lines)))


def sorted_document(ordered: list[str]) -> bytes:
    """The N-Triples document of lines already sorted and distinct (`ntriples_document`)."""
    return ("\n".join(ordered) + "\n").encode("utf-8") if ordered else b""


def sorted_document_pieces(ordered: list[str], *, lines: int = 65536) -> Iterator[bytes]:
    """`sorted_document(ordered)` in pieces of `lines` lines (their concatenation is the
    document), to write one after the other without the whole document in memory."""
    for at in range(0, len(ordered), lines):
        yield sorted_document(ordered[at:at + lines])


def merged_document(document: bytes, more: Iterable[str]) -> Iterator[bytes]:
    """The N-Triples document `document` (lines sorted and distinct, as `sorted_document` writes)
    with the lines `more` added, sorted, each once, in pieces to write one after the other: the
    `sorted_document` of all the lines, without one list of them all (5M str lines, 1.1 GB at
    1,000 reviews) or the whole document in memory. The document is read where it lies: each
    line of `more`, in order, is placed after the document's lines that sort before it (UTF-8
    keeps the code points' order, so bytes sort as the str lines), without a list of the
    document's lines (at 1,000 reviews, 3.5M of them: the merge takes 0.7 GB less while it runs
    and 3.5 s against 6.8, and the build's peak is no longer reached here)."""
    if document and not document.endswith(b"\n"):
        raise ValueError("an N-Triples document ends with a line end")
    return _merged(document, sorted({m.encode("utf-8") for m in more}))


def merged_file(path: Path, more: Iterable[str], *, block: int = 1 << 24) -> Iterator[bytes]:
    """`merged_document` of the N-Triples file `path` (lines sorted and distinct) and `more`, the
    file read `block` bytes at a time (cut at a line end): neither the file nor a map of it is
    ever whole in memory (at 1,000 reviews the build's shards child writes the bibliographic
    lines, 0.6 GB, to a file that the build merges with the others into the dump). ValueError if
    the file does not end with a line end."""
    return merged_file_lines(path, sorted({m.encode("utf-8") for m in more}), block=block)


def document_lines(document: bytes) -> list[bytes]:
    """The lines of an N-Triples document as `sorted_document` writes it (sorted and distinct:
    so are these), without their line ends."""
    if document and not document.endswith(b"\n"):
        raise ValueError("an N-Triples document ends with a line end")
    return document.split(b"\n")[:-1] if document else []


def merged_file_lines(path: Path, lines: list[bytes], *, block: int = 1 << 24) -> Iterator[bytes]:
    """`merged_file` of `path` and `lines`: bytes without line ends, sorted and distinct."""
    placed = 0  # lines[:placed] are written
    carry = b""  # the start of a line the last block cut
    with path.open("rb") as source:
        while chunk := source.read(block):
            data = carry + chunk
            cut = data.rfind(b"\n") + 1
            piece, carry = data[:cut], data[cut:]
            if not piece:
                continue  # a line longer than a block: read on
            last = piece[piece.rfind(b"\n", 0, len(piece) - 1) + 1:-1]
            upto = bisect.bisect_right(lines, last, placed)  # the lines that sort before the next block's
            yield from _merged(piece, lines[placed:upto])
            placed = upto
    if carry:
        raise ValueError(f"{path}: an N-Triples document ends with a line end")
    if placed < len(lines):
        yield from _merged(b"", lines[placed:])


def _merged(document: bytes, lines: list[bytes]) -> Iterator[bytes]:
    """`merged_document` of `document` and `lines` (bytes, without line ends, sorted and distinct)."""
    find = document.find
    end = len(document)
    at = 0  # document[at:] starts a line not yet written
    pieces: list[bytes] = []
    for line in lines:
        start = at
        current = None  # the document's line at `at`, once read
        while at < end:
            line_end = find(b"\n", at)
            current = document[at:line_end]
            if current >= line:
                break
            at = line_end + 1
            current = None
        if at > start:
            pieces.append(document[start:at])
        if current == line:
            continue  # the document has it: written with the document's next piece
        pieces.append(line + b"\n")
        if len(pieces) >= _MERGED_PIECES:
            yield b"".join(pieces)
            pieces = []
    if pieces:
        yield b"".join(pieces)
    if at < end:
        yield document[at:]


_MERGED_PIECES = 4096
"""How many pieces `merged_document` joins into one before handing it on."""


_NOT_IN_IRI = re.compile(r'[<>" {}|\\^`]')
"""The characters rdflib's URIRef.n3() refuses in an IRI."""

_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", '"': '\\"', "\r": "\\r"})


def _n3(term: Node) -> str:
    """`term.n3()` for an IRI, without rdflib's Python-level checks (a third of the time of a line)."""
    if type(term) is URIRef and not _NOT_IN_IRI.search(term):
        return f"<{term}>"  # an f-string: URIRef's own + would make a URIRef of the line
    return term.n3()  # a BNode (rejected before), a subclass, or an IRI rdflib rejects with its own error


def ntriples_line(triple: tuple[Node, Node, Node]) -> str:
    """One triple as rdflib's N-Triples serializer writes it, without the line end: IRIs as
    `URIRef.n3()` (which rejects an IRI N-Triples cannot hold), a literal with only \\, \\n, " and
    \\r escaped (UTF-8 otherwise), then @language or ^^<datatype>. BlankNodeError for a blank node."""
    s, p, o = triple
    if isinstance(s, BNode) or isinstance(o, BNode):
        raise _blank_node(s, p, o)
    if isinstance(o, Literal):
        text = o.translate(_LITERAL_ESCAPES)
        language = o.language
        if language:
            if o.datatype:
                raise MskioError(f"literal with a datatype and a language: {o!r}")
            return f'{_n3(s)} {_n3(p)} "{text}"@{language} .'
        datatype = o.datatype
        if datatype:
            return f'{_n3(s)} {_n3(p)} "{text}"^^<{datatype}> .'
        return f'{_n3(s)} {_n3(p)} "{text}" .'
    return f"{_n3(s)} {_n3(p)} {_n3(o)} ."


def load_context(path: Path) -> dict[str, Any]:
    """The JSON-LD context object (the value of "@context") of a context document."""
    document = json.loads(path.read_text(encoding="utf-8"))
    context = document["@context"]
    if not isinstance(context, dict):
        raise MskioError(f"{path}: '@context' must be an object")
    return context


def to_jsonld(graph: Triples, context: dict[str, Any]) -> bytes:
    """JSON-LD of `graph` compacted with `context` (`jsonld_from_ntriples` of its N-Triples);
    BlankNodeError for a blank node."""
    return jsonld_from_ntriples(to_ntriples(graph), context)


def jsonld_from_ntriples(ntriples: bytes, context: dict[str, Any]) -> bytes:
    """JSON-LD compacted with `context` (embedded), nodes sorted by id, arrays and keys sorted,
    from N-Triples (read by pyoxigraph: pure work on bytes, so a worker process can do it, as
    mskio.turtle_files does for the corpus dump).

    The compaction is JSON-LD 1.1's for the kind of context mskio publishes (prefixes, the
    keyword aliases `id` and `type`, terms with or without an `@type` coercion; no containers,
    languages or @vocab), written in one pass over the triples (`JsonLdCompactor`): a term is chosen
    for a property when its coercion fits the value (an IRI for "@id", the literal's datatype), the
    shortest (then first) such term, else a term without coercion with an expanded value, else the
    property as a compact IRI. rdflib's compactor took minutes on a corpus."""
    import pyoxigraph as ox

    compactor = JsonLdCompactor(context)
    nodes: dict[str, dict[str, list[Any]]] = {}
    statement = compactor.statement
    for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        subject, obj = quad.subject, quad.object
        if type(subject) is not ox.NamedNode or type(obj) is ox.BlankNode:
            raise BlankNodeError(f"blank node in a published graph: {quad.triple}")
        key, value = statement(quad.predicate.value, obj)
        nodes.setdefault(subject.value, {}).setdefault(key, []).append(value)
    id_key = compactor.id_key
    body = {"@context": context, "@graph": [
        _node(id_key, compactor.iri(subject, vocab=False), nodes[subject])
        for subject in sorted(nodes)]}  # the ids alone: sorting (id, node) pairs compared the nodes too
    # orjson writes json.dumps(ensure_ascii=False, indent=2, sort_keys=True)'s bytes (the tests
    # compare them) in a fifteenth of its time: json's C encoder is not used with `indent`
    return orjson.dumps(body, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


class JsonLdCompactor:
    """Compacts IRIs and statements with one JSON-LD context (see `to_jsonld`)."""

    def __init__(self, context: dict[str, Any]) -> None:
        import pyoxigraph as ox

        self._literal = ox.Literal
        aliases = {value: term for term, value in context.items() if isinstance(value, str) and value.startswith("@")}
        self.id_key = aliases.get("@id", "@id")
        self.type_key = aliases.get("@type", "@type")
        self.prefixes = sorted(((term, value) for term, value in context.items()
                                if isinstance(value, str) and not value.startswith("@") and value[-1:] in "/#"),
                               key=lambda tv: (-len(tv[1]), tv[0]))
        prefix_map = dict(self.prefixes)
        self._iris: dict[str, str] = {}
        self._vocab_iris: dict[str, str] = {}
        self._properties: dict[str, _Property] = {}
        # property IRI -> [(coercion or None, term)], shortest then first term first
        self.terms: dict[str, list[tuple[str | None, str]]] = {}
        for term, value in sorted(context.items(), key=lambda tv: (len(tv[0]), tv[0])):
            if isinstance(value, str) and not value.startswith("@") and value[-1:] not in "/#":
                self.terms.setdefault(self._expand(value, prefix_map), []).append((None, term))
            elif isinstance(value, dict) and "@id" in value:
                coercion = value.get("@type")
                kind = None if coercion is None else coercion if coercion == "@id" else self._expand(coercion, prefix_map)
                self.terms.setdefault(self._expand(value["@id"], prefix_map), []).append((kind, term))

    @staticmethod
    def _expand(value: str, prefixes: dict[str, str]) -> str:
        prefix, colon, local = value.partition(":")
        return prefixes[prefix] + local if colon and prefix in prefixes else value

    def iri(self, iri: str, *, vocab: bool = True) -> str:
        """A compact IRI (prefix:local) where a prefix fits, else the IRI itself. With `vocab`, a
        term whose definition is exactly this IRI (no coercion) is used as it is."""
        cache = self._vocab_iris if vocab else self._iris
        compact = cache.get(iri)
        if compact is None:
            compact = cache[iri] = self._compact(iri, vocab=vocab)
        return compact

    def _compact(self, text: str, *, vocab: bool) -> str:
        if vocab:
            for kind, term in self.terms.get(text, ()):
                if kind is None:
                    return term
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace) and len(text) > len(namespace) and not text[len(namespace):].startswith("//"):
                return f"{prefix}:{text[len(namespace):]}"
        return text

    def statement(self, predicate: str, obj: Any) -> tuple[str, Any]:
        """The key and the compacted value of one statement of a node: `predicate` an IRI, `obj`
        a pyoxigraph NamedNode or Literal."""
        prop = self._properties.get(predicate)
        if prop is None:
            prop = self._properties[predicate] = self._property(predicate)
        if prop.is_type:
            return self.type_key, self.iri(obj.value)
        if type(obj) is not self._literal:
            if prop.iri_term is not None:
                return prop.iri_term, self.iri(obj.value, vocab=False)
            return prop.plain, {self.id_key: self.iri(obj.value, vocab=False)}
        language = obj.language
        if language is not None:
            return prop.plain, {"@language": language, "@value": obj.value}
        datatype = obj.datatype.value
        if datatype == _XSD_STRING:
            return prop.plain, obj.value
        term = prop.typed.get(datatype)
        if term is not None:
            return term, obj.value
        return prop.plain, {"@value": obj.value, self.type_key: self.iri(datatype)}

    def _property(self, predicate: str) -> _Property:
        """How `predicate`'s statements are written: the first term for IRI values ("@id"), the
        first for each datatype, and the term without coercion (else the compact IRI)."""
        candidates = self.terms.get(predicate, [])
        typed: dict[str, str] = {}
        for kind, term in candidates:
            if kind is not None and kind != "@id":
                typed.setdefault(kind, term)
        return _Property(
            is_type=predicate == _RDF_TYPE,
            iri_term=next((term for kind, term in candidates if kind == "@id"), None),
            typed=typed,
            plain=next((term for kind, term in candidates if kind is None), self.iri(predicate, vocab=False)))


@dataclass(frozen=True)
class _Property:
    """A property as `JsonLdCompactor.statement` writes it (see `JsonLdCompactor._property`)."""

    is_type: bool
    iri_term: str | None
    typed: dict[str, str]
    plain: str


def _node(id_key: str, compact_id: str, statements: dict[str, list[Any]]) -> dict[str, Any]:
    """One node object: its id, then each key's value, or its values sorted (none of ours is an
    ordered @list: order lives in rdf:List cells), in one dict (made in two, with a second pass to
    sort, the 1,000-review dump's 1.04M nodes took 2.8 s instead of 1.9)."""
    node: dict[str, Any] = {id_key: compact_id}
    for key, values in statements.items():
        node[key] = values[0] if len(values) == 1 else sorted(values, key=_json_key)
    return node


def _json_key(value: Any) -> str:
    """`value` as compact JSON with sorted keys (a string: json's own escaping, without an encoder)."""
    if type(value) is str:
        return encode_basestring(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _node_key(node: dict[str, Any]) -> str:
    return str(node.get("id", node.get("@id", "")))


def used_namespaces(graph: Triples) -> set[str]:
    """Namespace IRIs of mskio's prefixes in which some IRI or literal datatype of `graph` lies."""
    seen: set[str] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                seen.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                seen.add(str(term.datatype))
    return _namespaces_of(seen)


def _namespaces_of(iris: Iterable[str]) -> set[str]:
    """The namespaces of mskio's prefixes that some of `iris` starts with (one may contain another)."""
    known = sorted(_NAMESPACES, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(ns) for ns in known))
    used: set[str] = set()
    for iri in iris:  # each distinct IRI once
        if pattern.match(iri):
            used.update(ns for ns in known if iri.startswith(ns))
    return used
