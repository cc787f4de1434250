"""The stores against the real thing: an Oxigraph server (the pinned `oxigraph` package's binary,
started by scripts/oxigraph-server.sh on a free loopback port in a temporary directory).

The dataset is loaded with `mskio load`; every canned query must give the same table on the
server (through `mskio query --endpoint`) as on the embedded store. Failures must be clear
errors that leave the store as it was: a server that is down, one that answers 500, a payload
the store rejects, a malformed response, a query that runs out of time.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import io
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mskio.cli import main
from mskio.errors import QueryError, QueryTimeout, StoreError
from mskio.queries import CannedQuery, load_catalogue
from mskio.results import ResultTable
from mskio.store import (DEFAULT_GRAPH, Credentials, EmbeddedStore, EndpointStore, count_triples, dataset_files,
                         dataset_ntriples, graph_store_url, load_graph, read_dataset)
from tests.conftest import ROOT

CATALOGUE = load_catalogue(ROOT / "queries")
SERVER_TIMEOUT_S = 3
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A cross product of the graph with itself three times: far more than any time limit here."""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER (STR(?a) != STR(?d)) }"
"""Tens of millions of filtered pairs, seconds of work that Oxigraph checks for cancellation as it
goes (it only notices a cancel of HEAVY's join after tens of seconds)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    """A running Oxigraph server."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def query(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def store(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real Oxigraph server on a free loopback port, data in a temporary directory; stopped afterwards."""
    location = tmp_path_factory.mktemp("oxigraph")
    env = dict(os.environ, MSKIO_SERVER_TIMEOUT=str(SERVER_TIMEOUT_S))
    for _attempt in range(3):  # the free port may be taken between choosing and binding it
        port = free_port()
        log = (location / "server.log").open("wb")  # a file, not a pipe nobody reads
        process = subprocess.Popen(["sh", str(ROOT / "scripts" / "oxigraph-server.sh"), str(location / "data"),
                                    str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        if process.poll() is None:
            break
    else:
        pytest.fail(f"oxigraph did not start: {(location / 'server.log').read_text(errors='replace')}")
    yield Server(process, port)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@pytest.fixture(scope="module")
def loaded(oxigraph: Server, dist: Path) -> tuple[Server, str]:
    """The dataset loaded into the server with `mskio load` (and what it printed)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["load", "--endpoint", oxigraph.query, "--dist", str(dist)])
    assert code == 0, err.getvalue()
    return oxigraph, out.getvalue()


def dump_triples(dist: Path) -> int:
    return len(dataset_ntriples(dataset_files(dist)).splitlines())


def endpoint(server: Server, **kwargs: object) -> EndpointStore:
    return EndpointStore(server.query, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- loading

def test_the_dump_to_load_is_every_distinct_line_sorted(dist: Path, tmp_path: Path) -> None:
    """`mskio load` streams the dataset from a file (`dataset_dump`): the lines of mskio.nt and the
    ontology's triples (read here with rdflib), each once, sorted; the same as the in-memory document."""
    from rdflib import Graph

    from mskio.store import dataset_dump

    expected = {line for line in (dist / "mskio.nt").read_text(encoding="utf-8").split("\n") if line}
    expected |= {line for line in Graph().parse(dist / "ontology" / "mskio.ttl").serialize(format="nt").split("\n")
                 if line.strip()}
    dump = dataset_dump(dataset_files(dist), tmp_path)
    text = dump.path.read_text(encoding="utf-8")
    written = text.split("\n")[:-1]
    assert written == sorted(written) and len(set(written)) == len(written) == dump.triples == len(expected)

    def named(lines: Iterable[str]) -> list[str]:  # the OWL class expressions' blank nodes are labelled anew by each parse
        return sorted(line for line in lines if "_:" not in line)

    assert named(written) == named(expected)
    assert dataset_ntriples(dataset_files(dist)).count(b"\n") == dump.triples


def test_an_unsorted_dump_with_repeats_is_sorted_before_loading(dist: Path, tmp_path: Path) -> None:
    lines = [line for line in (dist / "mskio.nt").read_text(encoding="utf-8").split("\n") if line][:200]
    shuffled = tmp_path / "shuffled.nt"
    shuffled.write_text("\n".join(lines[::-1] + lines[:50]) + "\n", encoding="utf-8")
    from mskio.store import dataset_dump

    dump = dataset_dump([shuffled], tmp_path)
    assert dump.path.read_text(encoding="utf-8") == "\n".join(sorted(set(lines))) + "\n"
    assert dump.triples == len(set(lines))


def test_load_replaces_the_graph_and_checks_the_count(loaded: tuple[Server, str], dist: Path) -> None:
    server, out = loaded
    expected = dump_triples(dist)
    assert expected > 2000
    assert f"loaded {expected} triples from mskio.nt, ontology/mskio.ttl into <{DEFAULT_GRAPH}> at {server.store}" in out
    assert f"the store holds {expected} triples in that graph" in out
    assert count_triples(endpoint(server), DEFAULT_GRAPH) == expected


def test_load_is_idempotent(loaded: tuple[Server, str], dist: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = loaded
    for _ in range(2):
        assert main(["load", "--endpoint", server.query, "--dist", str(dist)]) == 0
    capsys.readouterr()
    assert count_triples(endpoint(server), DEFAULT_GRAPH) == dump_triples(dist)


def test_load_into_another_graph_leaves_the_first_alone(loaded: tuple[Server, str], dist: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = loaded
    other = "https://example.org/graph/other"
    assert main(["load", "--endpoint", server.query, "--store", server.store, "--graph", other,
                 "--dist", str(dist)]) == 0
    capsys.readouterr()
    assert count_triples(endpoint(server), other) == dump_triples(dist)
    assert count_triples(endpoint(server), DEFAULT_GRAPH) == dump_triples(dist)


def test_a_rejected_payload_leaves_the_graph_as_it_was(loaded: tuple[Server, str], dist: Path) -> None:
    """Half the dump and then a broken line: the store refuses the PUT, and the graph keeps every triple."""
    server, _ = loaded
    data = dataset_ntriples(dataset_files(dist))
    broken = data[: len(data) // 2].rsplit(b"\n", 1)[0] + b"\n<https://example.org/broken\n"
    with pytest.raises(StoreError, match=rf"answered HTTP 400 .*; <{DEFAULT_GRAPH}> at endpoint .* now holds "
                                         rf"{dump_triples(dist)} triples \(the dump has \d+\)$"):
        load_graph(broken, endpoint=endpoint(server, default_graph=None), store_url=server.store,
                   graph=DEFAULT_GRAPH)
    assert count_triples(endpoint(server), DEFAULT_GRAPH) == dump_triples(dist)


def test_load_to_a_server_that_is_down(loaded: tuple[Server, str], dist: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = loaded
    down = f"http://127.0.0.1:{free_port()}/query"
    assert main(["load", "--endpoint", down, "--dist", str(dist)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mskio: error: the PUT of <{DEFAULT_GRAPH}> to graph store {down[:-len('query')]}store "
                          "failed (connection refused): nothing was sent; ")
    assert f"what <{DEFAULT_GRAPH}> holds now is unknown: its triple count could not be read from endpoint {down}" in err
    assert err.count("\n") == 1
    assert count_triples(endpoint(server), DEFAULT_GRAPH) == dump_triples(dist)


class DroppingProxy(http.server.BaseHTTPRequestHandler):
    """Forwards each request to the real server (`target`), reads its whole answer, and then closes
    the client's connection without answering: a store that fails after applying the PUT."""

    target = ""
    forwarded: list[tuple[str, int]] = []

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = urllib.request.Request(self.target + self.path, data=body or None, method=self.command,
                                         headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            type(self).forwarded.append((self.command, response.status))
        self.close_connection = True  # and no answer: the client sees the connection closed

    do_PUT = do_POST = do_GET = _forward

    def log_message(self, format: str, *args: object) -> None:
        pass


def loopback(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """An http.server with `handler` on a free loopback port, in a thread: yields its URL once,
    then shuts it down."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def dropping_proxy(oxigraph: Server) -> Iterator[tuple[type[DroppingProxy], str]]:
    handler = type("Proxy", (DroppingProxy,), {"target": f"http://127.0.0.1:{oxigraph.port}", "forwarded": []})
    for url in loopback(handler):
        yield handler, url


def test_load_when_the_store_fails_after_applying_the_put(loaded: tuple[Server, str], dist: Path,
                                                          dropping_proxy: tuple[type[DroppingProxy], str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The proxy hands the PUT to Oxigraph (which applies it) and drops the connection: mskio reads
    the graph's count back and says the graph now holds the whole dump, never "nothing was loaded"."""
    server, _ = loaded
    handler, proxy = dropping_proxy
    graph = "https://example.org/graph/dropped"
    assert count_triples(endpoint(server), graph) == 0
    assert main(["load", "--endpoint", server.query, "--store", f"{proxy}/store", "--graph", graph,
                 "--dist", str(dist)]) == 3
    err = capsys.readouterr().err
    expected = dump_triples(dist)
    assert handler.forwarded == [("PUT", 201)]  # Oxigraph created the graph
    assert err.startswith(f"mskio: error: the PUT of <{graph}> to graph store {proxy}/store failed (the connection "
                          "was closed before an answer came): it may or may not have been applied; ")
    assert err.endswith(f"<{graph}> at endpoint {server.query} now holds {expected} triples (the dump has {expected})\n")
    assert "nothing was" not in err and err.count("\n") == 1
    assert count_triples(endpoint(server), graph) == expected


def test_load_with_a_wrong_endpoint_but_the_right_store(loaded: tuple[Server, str], dist: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The PUT replaces the graph; the count cannot be read from the wrong endpoint: the error says both."""
    server, _ = loaded
    graph = "https://example.org/graph/wrong-endpoint"
    wrong = f"http://127.0.0.1:{free_port()}/query"
    assert main(["load", "--endpoint", wrong, "--store", server.store, "--graph", graph, "--dist", str(dist)]) == 3
    err = capsys.readouterr().err
    expected = dump_triples(dist)
    assert err.startswith(f"mskio: error: graph store {server.store} accepted the PUT of {expected} triples into "
                          f"<{graph}> (HTTP 201), but their count could not be read back: cannot reach endpoint {wrong}: ")
    assert err.count("\n") == 1
    assert count_triples(endpoint(server), graph) == expected


class Recorder(http.server.BaseHTTPRequestHandler):
    """A tiny real HTTP server: answers every request with the class's status and body, and
    records the requests it saw."""

    status = 500
    body = b"internal error"
    content_type = "text/plain"
    seen: list[tuple[str, str, dict[str, str]]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        type(self).seen.append((self.command, self.path, dict(self.headers.items())))
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture()
def fake_server() -> Iterator[tuple[type[Recorder], str]]:
    """A loopback http.server whose answer each test sets (status, body, content type)."""
    handler = type("Handler", (Recorder,), {"seen": []})
    for url in loopback(handler):
        yield handler, url


def test_load_to_a_server_that_answers_500(fake_server: tuple[type[Recorder], str], loaded: tuple[Server, str],
                                           dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handler, url = fake_server
    assert main(["load", "--endpoint", f"{url}/query", "--dist", str(dist)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mskio: error: graph store {url}/store answered HTTP 500 ")
    assert f"to the PUT of <{DEFAULT_GRAPH}>: internal error; what <{DEFAULT_GRAPH}> holds now is unknown: its " \
           f"triple count could not be read from endpoint {url}/query (endpoint {url}/query answered HTTP 500" in err
    assert err.count("\n") == 1
    # the failed PUT, then the count that says what the graph holds
    assert [(m, p.split("?")[0]) for m, p, _ in handler.seen] == [("PUT", "/store"), ("POST", "/query")]
    server, _ = loaded
    assert count_triples(endpoint(server), DEFAULT_GRAPH) == dump_triples(dist)


def test_load_without_a_known_graph_store_url_asks_for_one(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", "--endpoint", "http://127.0.0.1:9/repositories/mskio", "--dist", str(dist)]) == 2
    assert "give it with --store" in capsys.readouterr().err


@pytest.mark.parametrize(("endpoint_url", "store_url"), [
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
    ("http://localhost:3030/mskio/sparql", "http://localhost:3030/mskio/data"),
    ("http://localhost:3030/mskio/query", "http://localhost:3030/mskio/data"),
    ("http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql-graph-crud-auth"),
    ("http://localhost:7200/repositories/mskio", None),
], ids=["oxigraph", "fuseki-sparql", "fuseki-query", "virtuoso", "graphdb"])
def test_graph_store_url_next_to_the_endpoint(endpoint_url: str, store_url: str | None) -> None:
    assert graph_store_url(endpoint_url) == store_url


# --------------------------------------------------------------------------- the same answers everywhere

@pytest.mark.parametrize("query", list(CATALOGUE), ids=lambda q: q.name)
def test_server_and_embedded_store_agree(query: CannedQuery, loaded: tuple[Server, str], dist: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = loaded
    embedded = read_dataset(dataset_files(dist))
    assert main(["query", query.name, "--format", "json", "--endpoint", server.query]) == 0
    remote = capsys.readouterr().out
    assert main(["query", query.name, "--format", "json", "--dist", str(dist)]) == 0
    local = capsys.readouterr().out
    assert remote == local
    table = ResultTable.from_json(json.loads(remote))
    assert table == query.run(embedded) == query.run(endpoint(server))
    assert table.columns == query.returns


def test_every_query_is_compared(loaded: tuple[Server, str]) -> None:
    assert len(CATALOGUE) >= 15


def test_formats_agree_between_server_and_embedded(loaded: tuple[Server, str], dist: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = loaded
    for fmt in ("table", "csv", "tsv"):
        args = ["query", "works_by-author", "--param", "author=Garnon J", "--format", fmt]
        assert main(args + ["--endpoint", server.query]) == 0
        remote = capsys.readouterr().out
        assert main(args + ["--dist", str(dist)]) == 0
        assert capsys.readouterr().out == remote
        assert "2019-garnon-" in remote or fmt == "table"  # the table wraps long cells


def test_injection_attempt_on_the_server(loaded: tuple[Server, str], dist: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = loaded
    value = 'x" } } ; DROP GRAPH <' + DEFAULT_GRAPH + '> ; SELECT * { ?s ?p ?o #'
    assert main(["query", "works_by-author", "--param", f"author={value}", "--format", "csv",
                 "--endpoint", server.query]) == 0
    assert capsys.readouterr().out == "review,number,work,position,year,title,journal\r\n"
    assert count_triples(endpoint(server), DEFAULT_GRAPH) == dump_triples(dist)


# --------------------------------------------------------------------------- errors, never empty answers

def test_embedded_query_that_runs_out_of_time_is_stopped(dist: Path) -> None:
    store = read_dataset(dataset_files(dist))
    with pytest.raises(QueryTimeout, match=r"ran longer than 0.5 s .* and was stopped"):
        store.select(HEAVY, timeout=0.5)
    # the store still answers, and the killed child left no process behind
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=10).rows[0][0] is not None
    import multiprocessing
    assert multiprocessing.active_children() == []


def test_endpoint_query_that_runs_out_of_time_client_side(loaded: tuple[Server, str]) -> None:
    server, _ = loaded
    with pytest.raises(QueryTimeout, match=r"within 1 s; the query was stopped"):
        endpoint(server).select(SLOW, timeout=1)


def test_endpoint_query_stopped_by_the_server_is_an_error_not_an_empty_result(
        loaded: tuple[Server, str], capsys: pytest.CaptureFixture[str]) -> None:
    """The server's own limit (3 s here) cancels the query mid-answer: that is a timeout error."""
    server, _ = loaded
    with pytest.raises(QueryTimeout, match="stopped the query"):
        endpoint(server).select(SLOW, timeout=SERVER_TIMEOUT_S * 20)


def test_query_to_a_server_that_is_down(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    assert main(["query", "works_by-year", "--endpoint", url]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mskio: error: cannot reach endpoint {url}: ") and err.count("\n") == 1


def test_query_to_a_server_that_answers_500(fake_server: tuple[type[Recorder], str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _, url = fake_server
    assert main(["query", "works_by-year", "--endpoint", url]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mskio: error: endpoint {url} answered HTTP 500 Internal Server Error")


def test_malformed_response_is_an_error(fake_server: tuple[type[Recorder], str],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    handler, url = fake_server
    handler.status, handler.body, handler.content_type = 200, b"<html>not results</html>", "application/sparql-results+json"
    with pytest.raises(StoreError, match="malformed response"):
        EndpointStore(url).select("SELECT ?s WHERE { ?s ?p ?o }")
    handler.body = b'{"head": {"vars": ["s"]}}'
    with pytest.raises(StoreError, match="malformed response"):
        EndpointStore(url).select("SELECT ?s WHERE { ?s ?p ?o }")


def test_malformed_query_is_a_query_error(loaded: tuple[Server, str]) -> None:
    server, _ = loaded
    with pytest.raises(QueryError, match="rejected the query as malformed"):
        endpoint(server).select("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="not a valid SPARQL query"):
        EmbeddedStore().select("SELECT ?s WHERE { ?s ?p }")


def test_credentials_come_from_the_environment_and_are_never_printed(
        fake_server: tuple[type[Recorder], str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], dist: Path) -> None:
    handler, url = fake_server
    handler.status, handler.body = 401, b"who are you?"
    password = "s3cr3t-pa55word"
    monkeypatch.setenv("MSKIO_SPARQL_USER", "reader")
    monkeypatch.setenv("MSKIO_SPARQL_PASSWORD", password)
    assert main(["query", "works_by-year", "--endpoint", url]) == 3
    assert main(["load", "--endpoint", f"{url}/query", "--dist", str(dist)]) == 3
    captured = capsys.readouterr()
    assert "401" in captured.err and "MSKIO_SPARQL_USER" in captured.err
    assert password not in captured.err + captured.out
    token = base64.b64encode(f"reader:{password}".encode()).decode()
    sent = [headers.get("Authorization") for _, _, headers in handler.seen]
    # the query; the PUT with Basic, refused, then without credentials, as HTTP Digest begins (no
    # Digest challenge comes, so no password is sent); the count that says what the graph holds
    assert sent == [f"Basic {token}", f"Basic {token}", None, f"Basic {token}"]
    assert password not in repr(Credentials("reader", password))
