"""The embedded store and SPARQL endpoints behind one small interface, and loading a graph store.

- `EmbeddedStore`: an in-memory pyoxigraph store holding the dataset (no server needed).
- `EndpointStore`: any SPARQL 1.1 endpoint, queried through SPARQLWrapper.
Both answer `select(query, timeout=...)` with a `ResultTable`, so the same query gives the
same table on either. A query that runs out of time is stopped (the embedded store runs it
in a child process that is killed; an endpoint's connection is closed) and raises
QueryTimeout; it never comes back as an empty result.

`load_graph` replaces one named graph of a store with the dataset through the SPARQL 1.1
Graph Store HTTP Protocol (one PUT of the whole graph), then counts the graph's triples through
the query endpoint. A store that asks for HTTP Digest authentication (Virtuoso's
/sparql-graph-crud-auth) gets it. When anything fails - the store cannot be reached, refuses the
PUT, drops the connection after applying it, or the count cannot be read - the error says what
the graph holds now (its triple count, read again), or that the count could not be read: it
never guesses that "nothing was loaded".
"""

from __future__ import annotations

import heapq
import json
import multiprocessing
import socket
import time
import urllib.error
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from mskio.errors import CheckFailed, InputError, QueryError, QueryTimeout, StoreError
from mskio.namespaces import bind_prefixes
from mskio.rdf_files import rdflib_term
from mskio.results import ResultTable, Row, Term

if TYPE_CHECKING:  # imported where they are used: a build never talks to a server (0.35 s of import)
    import requests
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

DEFAULT_GRAPH = "https://w3id.org/mskio/dataset"
"""The named graph `mskio load` replaces, and the default graph `mskio query --endpoint` asks."""

DEFAULT_TIMEOUT = 60.0
"""Seconds a query or a load may take before it is stopped."""

FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE, ".nq": ox.RdfFormat.N_QUADS,
           ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
           ".jsonld": ox.RdfFormat.JSON_LD}


class Store(Protocol):
    """Anything that answers SPARQL SELECT queries."""

    @property
    def description(self) -> str:
        """Where the answers come from, for messages."""
        ...

    def select(self, query: str, *, timeout: float | None = None) -> ResultTable:
        """Run a SELECT query; QueryError if it is malformed, QueryTimeout if it runs out of time."""
        ...


@dataclass(frozen=True)
class Credentials:
    """HTTP basic-auth credentials (the password never appears in repr or messages)."""

    user: str
    password: str = field(repr=False)


# --------------------------------------------------------------------------- embedded


def _term(term: Any) -> Term:
    if isinstance(term, ox.NamedNode):
        return Term.iri(term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Term.literal(term.value, datatype=term.datatype.value, lang=term.language)
    raise TypeError(f"unsupported term in a result: {term!r}")


class EmbeddedStore:
    """The dataset in an in-memory Oxigraph store (pyoxigraph), in its default graph."""

    def __init__(self, store: ox.Store | None = None, *, description: str = "embedded store") -> None:
        self._store = store if store is not None else ox.Store()
        self._description = description

    @property
    def description(self) -> str:
        return self._description

    @classmethod
    def from_files(cls, paths: Sequence[Path]) -> EmbeddedStore:
        """A store holding every triple of `paths` (format from the extension); InputError naming a
        file that is missing or not valid RDF."""
        store = ox.Store()
        for path in paths:
            fmt = FORMATS.get(path.suffix.lower())
            if fmt is None:
                raise InputError(f"unknown RDF file extension {path.suffix!r}", path=path)
            if not path.is_file():
                raise InputError("no such file (run `mskio build` first)", path=path)
            try:
                store.load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())  # see from_ntriples
            except (SyntaxError, ValueError, OSError) as exc:
                raise InputError(f"not valid RDF: {' '.join(str(exc).split())[:300]}", path=path) from None
        return cls(store, description="embedded store (" + ", ".join(p.name for p in paths) + ")")

    @classmethod
    def from_ntriples(cls, *documents: bytes | Path, description: str = "embedded store",
                      lenient: bool = False) -> EmbeddedStore:
        """A store holding the N-Triples `documents` (their union), each given as bytes or as the
        file that holds them (read by Oxigraph, never whole in this process); `lenient` skips Oxigraph's checks
        of IRIs and literals, for documents written from checked terms (on 505k triples 1.0 s CPU
        against 1.5). Each document is loaded in one transaction (`Store.load`), not by the bulk
        loader, which for an in-memory store is slower and larger and, with its threads, fights
        the build's children for the two cores: the 1,000-review corpus (5.1M triples, in two
        sorted documents) alone in 8.8 s against 11.0 and 2,573 MiB at the peak against 2,763;
        in the build, its "describe" stage 48.3 -> 40.8 s (2026-12-07)."""
        store = ox.Store()
        for data in documents:
            if isinstance(data, Path):
                store.load(path=str(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=lenient)
            else:
                store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=lenient)
        return cls(store, description=description)

    def rdflib_graph(self) -> Graph:
        """This store's default graph as an rdflib Graph (oxrdflib's store): rdflib's API for the
        stages and libraries that look statements up through it, Oxigraph's memory and SPARQL engine
        underneath (about a fifth of rdflib's Memory store's bytes a triple). What is added to the
        one is in the other."""
        from oxrdflib import OxigraphStore
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        class OneGraphStore(OxigraphStore):
            """The store holds the default graph alone (the Graph below adds to it only), so the
            graph's size is the store's, which Oxigraph knows (oxrdflib counts with a SPARQL query:
            1.7 s against 0.04 on 505k triples)."""

            def __len__(self, context: object = None) -> int:
                return len(self._inner)

            def triples(self, pattern: Any, context: Any = None) -> Iterator[Any]:
                """oxrdflib's triples, a plain literal as rdflib makes it: oxrdflib gives it
                xsd:string as its datatype (RDF 1.1's view), which rdflib 7 holds for another term."""
                for (s, p, o), contexts in super().triples(pattern, context):
                    if type(o) is Literal and o.datatype == XSD.string:
                        o = Literal(str(o))
                    yield (s, p, o), contexts

        return bind_prefixes(Graph(store=OneGraphStore(store=self._store), identifier=DATASET_DEFAULT_GRAPH_ID))

    def __len__(self) -> int:
        return len(self._store)

    def solutions(self, query: str) -> list[dict[str, Any]]:
        """A SELECT query's solutions, each variable -> its value as an rdflib term (a plain
        literal plain, as rdflib reads N-Triples; unbound variables left out), for code that
        writes the answers into an rdflib graph. QueryError if it is not a valid SELECT query."""
        solutions = self._query(query)
        names = [v.value for v in solutions.variables]
        return [{name: rdflib_term(t) for name, t in zip(names, solution) if t is not None} for solution in solutions]

    def ntriples(self) -> bytes:
        """The default graph as N-Triples, one triple a line, lines sorted."""
        text = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
        lines = sorted({line for line in text.decode("utf-8").split("\n") if line.strip()})
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""

    def select(self, query: str, *, timeout: float | None = None) -> ResultTable:
        """Run a SELECT query. With a `timeout`, the query runs in a forked child process that is
        killed when the time is up (pyoxigraph cannot interrupt a running query), and
        QueryTimeout is raised."""
        if timeout is None:
            return self._select(query)
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=self._select_into, args=(query, sender), daemon=True)
        child.start()
        sender.close()
        try:
            if not receiver.poll(timeout):
                child.kill()
                raise QueryTimeout(f"the query ran longer than {timeout:g} s on the {self.description} "
                                   "and was stopped")
            kind, payload = receiver.recv()
        except EOFError:
            raise StoreError(f"the query process of the {self.description} ended without an answer "
                             f"(exit code {child.exitcode})") from None
        finally:
            receiver.close()
            child.join(timeout=5)
        if kind == "error":
            raise QueryError(str(payload))
        assert isinstance(payload, ResultTable)
        return payload

    def _select_into(self, query: str, sender: Connection) -> None:
        try:
            sender.send(("ok", self._select(query)))
        except QueryError as exc:
            sender.send(("error", str(exc)))
        finally:
            sender.close()

    def _query(self, query: str) -> ox.QuerySolutions:
        """Oxigraph's solutions of a SELECT query; QueryError if it is not one."""
        try:
            solutions = self._store.query(query)
        except SyntaxError as exc:
            raise QueryError(f"not a valid SPARQL query: {' '.join(str(exc).split())}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("only SELECT queries are supported")
        return solutions

    def _select(self, query: str) -> ResultTable:
        solutions = self._query(query)
        columns = tuple(v.value for v in solutions.variables)
        seen: dict[Any, Term] = {}  # each distinct term converted once (a third of the time on 13k rows)

        def term(t: Any) -> Term:
            converted = seen.get(t)
            if converted is None:
                converted = seen[t] = _term(t)
            return converted

        rows: list[Row] = [tuple(None if t is None else term(t) for t in solution) for solution in solutions]
        return ResultTable(columns, tuple(rows))


# --------------------------------------------------------------------------- endpoints


def _one_line(data: bytes | str | None, limit: int = 200) -> str:
    if data is None:
        return ""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "")


class EndpointStore:
    """A SPARQL 1.1 query endpoint, queried with SPARQLWrapper (HTTP POST, JSON results).

    `default_graph` is sent as the protocol's default-graph-uri (None: the store's own default
    graph). `timeout` limits connecting and each read; when it passes, the connection is
    closed and QueryTimeout raised."""

    def __init__(self, url: str, *, default_graph: str | None = DEFAULT_GRAPH,
                 credentials: Credentials | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        if not url.startswith(("http://", "https://")):
            raise InputError(f"an endpoint is an http:// or https:// URL, not {url!r}")
        self.url = url
        self.default_graph = default_graph
        self.credentials = credentials
        self.timeout = timeout

    @property
    def description(self) -> str:
        return f"endpoint {self.url}"

    def select(self, query: str, *, timeout: float | None = None) -> ResultTable:
        limit = timeout if timeout is not None else self.timeout
        from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(limit)  # type: ignore[arg-type]  # urlopen takes float seconds
        if self.default_graph:
            wrapper.addDefaultGraph(self.default_graph)
        if self.credentials is not None:
            wrapper.setCredentials(self.credentials.user, self.credentials.password)
        wrapper.setQuery(query)
        # SPARQLWrapper guesses the query type from the first keyword-like word it finds, comments
        # included ("download" -> LOAD, "additionalPages" -> ADD) and would then send an update.
        wrapper.queryType = SELECT
        try:
            response = wrapper.query()
            body = response.response.read()
        except SPARQLWrapperException as exc:
            raise self._http_error(exc) from None
        except urllib.error.HTTPError as exc:
            raise StoreError(f"{self.description} answered HTTP {exc.code} {exc.reason}: "
                             f"{_one_line(exc.read())}") from None
        except (TimeoutError, socket.timeout):
            raise QueryTimeout(f"no answer from {self.description} within {limit:g} s; "
                               "the query was stopped (connection closed)") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise QueryTimeout(f"no answer from {self.description} within {limit:g} s; "
                                   "the query was stopped (connection closed)") from None
            raise StoreError(f"cannot reach {self.description}: {exc.reason}") from None
        except (ConnectionError, OSError) as exc:
            raise StoreError(f"cannot reach {self.description}: {exc.strerror or exc}") from None
        return self._parse(body)

    def _http_error(self, exc: SPARQLWrapperException) -> QueryError | StoreError:
        name = type(exc).__name__
        detail = _one_line(getattr(exc, "response", None) or str(exc))
        if name == "QueryBadFormed":
            return QueryError(f"{self.description} rejected the query as malformed (HTTP 400): {detail}")
        codes = {"Unauthorized": "401 Unauthorized (check MSKIO_SPARQL_USER / MSKIO_SPARQL_PASSWORD)",
                 "EndPointNotFound": "404 Not Found", "URITooLong": "414 URI Too Long",
                 "EndPointInternalError": "500 Internal Server Error"}
        return StoreError(f"{self.description} answered HTTP {codes.get(name, name)}: {detail}")

    def _parse(self, body: bytes) -> ResultTable:
        try:
            document = json.loads(body.decode("utf-8"))
            return ResultTable.from_json(document)
        except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
            text = _one_line(body, 120)
            tail = " ".join(body[-300:].decode("utf-8", "replace").split())
            if any(word in tail.lower() for word in ("cancel", "timeout", "timed out")):
                # Oxigraph's --timeout-s ends a streamed answer with "The SPARQL operation has been cancelled"
                raise QueryTimeout(f"{self.description} stopped the query (server-side time limit): "
                                   f"...{tail[-80:]}") from None
            raise StoreError(f"malformed response from {self.description} (not SPARQL JSON results: "
                             f"{_one_line(str(exc), 80)}): {text}") from None


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class LoadResult:
    """What `load_graph` did: the graph replaced, the triples sent and counted back, and how long it took."""

    graph: str
    store_url: str
    triples_sent: int
    triples_in_store: int
    seconds: float


def graph_store_url(endpoint: str) -> str | None:
    """The Graph Store Protocol URL next to a query endpoint where the layout is known:
    Oxigraph serves /query and /store, Virtuoso /sparql and /sparql-graph-crud-auth (Digest
    authentication), Fuseki /{dataset}/sparql (or /query) and /{dataset}/data. None when it
    cannot be told."""
    base, _, last = endpoint.rstrip("/").rpartition("/")
    if last == "query" and base.count("/") == 2:  # http://host:port/query: Oxigraph
        return f"{base}/store"
    if last == "sparql" and base.count("/") == 2:  # http://host:port/sparql: Virtuoso
        return f"{base}/sparql-graph-crud-auth"
    if last in ("sparql", "query"):  # http://host:port/ds/sparql: Fuseki
        return f"{base}/data"
    return None


COUNT_QUERY = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"


def count_triples(endpoint: EndpointStore, graph: str, *, timeout: float | None = None) -> int:
    """The number of triples in named graph `graph` behind `endpoint` (asked with the graph as the
    protocol's default-graph-uri, which every SPARQL 1.1 endpoint honours)."""
    if not _is_iri(graph):
        raise InputError(f"not an absolute IRI: {graph!r}")
    scoped = EndpointStore(endpoint.url, default_graph=graph, credentials=endpoint.credentials,
                           timeout=endpoint.timeout)
    table = scoped.select(COUNT_QUERY, timeout=timeout)
    value = table.rows[0][0] if table.rows else None
    if value is None or not value.value.isdigit():
        raise StoreError(f"{endpoint.description} gave no triple count for <{graph}>")
    return int(value.value)


def _is_iri(value: str) -> bool:
    return bool(value) and ":" in value and not any(c in value for c in '<>"{}|^`\\ \n\t\r')


def load_graph(data: bytes | Dump, *, endpoint: EndpointStore, store_url: str, graph: str,
               timeout: float = DEFAULT_TIMEOUT) -> LoadResult:
    """Replace named graph `graph` at Graph Store `store_url` with the N-Triples `data` (a
    document, or a `Dump` file streamed from disk with its length) in one HTTP PUT (answering a
    Digest challenge with the endpoint's credentials), then count its triples
    through `endpoint`. CheckFailed if the count differs from the triples sent; StoreError (or
    QueryTimeout) if the store cannot be reached, refuses, or fails before answering, or if the
    count cannot be read. Every error message ends with what the graph holds after the failure
    (`graph_state`)."""
    import requests

    if not _is_iri(graph):
        raise InputError(f"--graph must be an absolute IRI, not {graph!r}")
    sent = data.triples if isinstance(data, Dump) else len(
        {line for line in data.decode("utf-8").splitlines() if line.strip() and not line.startswith("#")})
    started = time.monotonic()

    def failed(message: str) -> str:
        return f"{message}; {graph_state(endpoint, graph, sent=sent, timeout=timeout)}"

    try:
        response = _put(store_url, graph, data, endpoint.credentials, timeout)
    except requests.Timeout:
        raise QueryTimeout(failed(f"graph store {store_url} did not answer the PUT of <{graph}> within "
                                  f"{timeout:g} s, so it may or may not have been applied")) from None
    except requests.RequestException as exc:
        reason = _request_failure(exc)
        outcome = "nothing was sent" if reason == "connection refused" else "it may or may not have been applied"
        raise StoreError(failed(f"the PUT of <{graph}> to graph store {store_url} failed ({reason}): "
                                f"{outcome}")) from None
    if response.status_code not in (200, 201, 204):
        body = _one_line(response.content)
        hint = " (check MSKIO_SPARQL_USER / MSKIO_SPARQL_PASSWORD)" if response.status_code == 401 else ""
        raise StoreError(failed(f"graph store {store_url} answered HTTP {response.status_code} {response.reason}"
                                f"{hint} to the PUT of <{graph}>" + (f": {body}" if body else "")))
    try:
        in_store = count_triples(endpoint, graph, timeout=timeout)
    except StoreError as exc:
        raise type(exc)(f"graph store {store_url} accepted the PUT of {sent} triples into <{graph}> "
                        f"(HTTP {response.status_code}), but their count could not be read back: {exc}") from None
    seconds = time.monotonic() - started
    if in_store != sent:
        raise CheckFailed(f"<{graph}> at {store_url} holds {in_store} triples after the load, "
                          f"but the dump has {sent}")
    return LoadResult(graph=graph, store_url=store_url, triples_sent=sent, triples_in_store=in_store,
                      seconds=seconds)


def _put(store_url: str, graph: str, data: bytes | Dump, credentials: Credentials | None,
         timeout: float) -> requests.Response:
    """One PUT of `data` into `graph` with HTTP Basic credentials; when the store refuses them
    (401), once more with HTTP Digest (Virtuoso answers a Basic attempt with a bare 401 and asks
    for Digest only on a request without credentials, which requests' HTTPDigestAuth sends). A
    `Dump` is sent from its open file with its Content-Length (requests streams a file body and
    rewinds it to answer a Digest challenge)."""
    import requests
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    def put(auth: requests.auth.AuthBase | None) -> requests.Response:
        headers = {"Content-Type": "application/n-triples"}
        if not isinstance(data, Dump):
            return requests.put(store_url, params={"graph": graph}, data=data, auth=auth, timeout=timeout,
                                headers=headers)
        with data.path.open("rb") as body:
            return requests.put(store_url, params={"graph": graph}, data=body, auth=auth, timeout=timeout,
                                headers={**headers, "Content-Length": str(data.path.stat().st_size)})

    if credentials is None:
        return put(None)
    response = put(HTTPBasicAuth(credentials.user, credentials.password))
    if response.status_code == 401:
        response = put(HTTPDigestAuth(credentials.user, credentials.password))
    return response


def _request_failure(exc: requests.RequestException) -> str:
    """Why a request failed, in a few words (not the exception's nested repr)."""
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if any(word in text for word in ("RemoteDisconnected", "Connection aborted", "Connection reset",
                                     "without response")):
        return "the connection was closed before an answer came"
    inner = exc.args[0] if exc.args else None
    reason = getattr(inner, "reason", None)
    return _one_line(str(reason if reason is not None else inner or exc.__class__.__name__), 120)


def graph_state(endpoint: EndpointStore, graph: str, *, sent: int | None = None,
                timeout: float | None = None) -> str:
    """What named graph `graph` holds now, read through `endpoint`, as a clause for an error
    message: "<g> now holds N triples (the dump has M)", or why the count could not be read."""
    try:
        held = count_triples(endpoint, graph, timeout=timeout)
    except StoreError as exc:
        return (f"what <{graph}> holds now is unknown: its triple count could not be read from "
                f"{endpoint.description} ({_one_line(str(exc), 160)})")
    dump = f" (the dump has {sent})" if sent is not None else ""
    return f"<{graph}> at {endpoint.description} now holds {held} triples{dump}"


def dataset_files(dist: Path) -> tuple[Path, ...]:
    """The dumps that make up the dataset in `dist/`: the N-Triples dump (data, annotations,
    indications, dataset description) and, when the build wrote it, the ontology (class
    labels and hierarchy, so queries can ask for a condition and its subclasses). The
    reasoner's inferences (inferred.ttl) are kept apart and not loaded."""
    files = [dist / "mskio.nt"]
    ontology = dist / "ontology" / "mskio.ttl"
    if ontology.is_file():
        files.append(ontology)
    return tuple(files)


@dataclass(frozen=True)
class Dump:
    """The dataset as one N-Triples file on disk (lines sorted, each once) and its triple count:
    what `load_graph` streams to a store without holding it in memory."""

    path: Path
    triples: int


def _sorted_lines(path: Path) -> Iterator[str]:
    """The distinct N-Triples lines of one dump, in sorted order. An N-Triples file is read as it
    goes when it is sorted already (mskio.nt is: the build writes it so; one pass checks), else
    read whole and sorted; Turtle is converted with rdflib. (Re-serializing through a store could change literals:
    Oxigraph, like Fuseki, stores xsd:positiveInteger values as xsd:integer.)"""
    if not path.is_file():
        raise InputError("no such file (run `mskio build` first)", path=path)
    if path.suffix == ".ttl":
        try:
            text = Graph().parse(path, format="turtle").serialize(format="nt")
        except Exception as exc:  # rdflib's parsers raise many exception types
            raise InputError(f"not valid Turtle: {' '.join(str(exc).split())[:300]}", path=path) from None
        yield from sorted({line for line in text.split("\n") if line.strip()})
        return
    if path.suffix != ".nt":
        raise InputError("only N-Triples (.nt) and Turtle (.ttl) dumps are loaded into a store", path=path)
    if not _is_sorted(path):  # not as the build writes it: sorted in memory
        yield from sorted(set(_read_lines(path)))
        return
    previous = None
    for line in _read_lines(path):
        if line != previous:
            yield line
            previous = line


def _is_sorted(path: Path) -> bool:
    previous = ""
    for line in _read_lines(path):
        if line < previous:
            return False
        previous = line
    return True


def _read_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="\n") as lines:
        for line in lines:
            if line.strip():
                yield line.rstrip("\n")


def _merged(paths: Iterable[Path]) -> Iterator[str]:
    """The distinct lines of all `paths`, sorted (a merge of each one's sorted lines)."""
    previous = None
    for line in heapq.merge(*(_sorted_lines(path) for path in paths)):
        if line != previous:
            yield line
            previous = line


def dataset_ntriples(paths: Iterable[Path]) -> bytes:
    """The dumps `paths` as one N-Triples document, lines sorted and unique (`dataset_dump`, in memory)."""
    lines = list(_merged(paths))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def dataset_dump(paths: Iterable[Path], directory: Path) -> Dump:
    """The dumps `paths` as one N-Triples file in `directory` (lines sorted and unique), written as
    it is read: a sorted mskio.nt of any size takes memory only for the line being copied."""
    target = directory / "dataset.nt"
    count = 0
    with target.open("w", encoding="utf-8", newline="\n") as out:
        for line in _merged(paths):
            out.write(line + "\n")
            count += 1
    return Dump(target, count)


def read_dataset(paths: Iterable[Path]) -> EmbeddedStore:
    """The dataset files in one embedded store."""
    return EmbeddedStore.from_files(tuple(paths))
