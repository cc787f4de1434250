"""Time `mskio load` and every canned and check query, embedded and on a real Oxigraph server.

    .venv/bin/python scripts/bench_store.py [--dist dist] [--repeat 5] [--copies N]

Starts scripts/oxigraph-server.sh on a free loopback port with its data in a temporary
directory, loads dist/ into it (the same code as `mskio load`), then runs each query of
queries/ and queries/checks/ `--repeat` times on the embedded store and on the server and prints
the median milliseconds of each, and the load's (timed once for a dump of LARGE_DUMP triples or
more). Stops the server afterwards. Needs a built dist/.
With `--json` it prints the same measurements as one JSON object (scripts/bench.py reads it, for
each corpus size of the benchmark): the triples, the load's milliseconds, and each query's
milliseconds embedded and on the server, canned queries and check queries apart.

With `--copies N` the dataset is N copies of dist/'s reviews, each copy under other review DOIs
(and so other reference entries) citing the same works: a corpus in which every work is cited
by N reviews, where a query that joins a work's entries with its citations grows as N^2.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mskio.queries import load_catalogue, load_checks  # noqa: E402
from mskio.store import (DEFAULT_GRAPH, Dump, EmbeddedStore, EndpointStore, dataset_dump,  # noqa: E402
                         dataset_files, dataset_ntriples, graph_store_url, load_graph, read_dataset)


LARGE_DUMP = 1_000_000
"""Triples from which the load is timed once, not `--repeat` times."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def copies(data: bytes, n: int) -> bytes:
    """`data` and n - 1 copies of its reviews: in copy k every review DOI (and so every reference
    entry IRI, which holds the DOI's slug) gets the suffix -ck; works, people and journals are shared."""
    text = data.decode("utf-8")
    dois = sorted(set(re.findall(r"<https://doi\.org/([^>]+)> <http://purl\.org/vocab/frbr/core#part>", text)))
    lines = set(text.splitlines())
    for k in range(1, n):
        copy = text
        for doi in dois:
            slug = re.sub(r"[^a-z0-9]+", "-", doi.lower()).strip("-")
            copy = copy.replace(doi, f"{doi}-c{k}").replace(slug, f"{slug}-c{k}")
        lines.update(copy.splitlines())
    return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")


def median_ms(action: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1, help="copies of the reviews, citing the same works")
    parser.add_argument("--json", action="store_true", help="print the measurements as one JSON object")
    args = parser.parse_args(argv)
    files = dataset_files(args.dist)
    scratch = tempfile.TemporaryDirectory(prefix="mskio-bench-dump-")
    # one copy: the file `mskio load` streams (dataset_dump); more: the copies in memory
    data: bytes | Dump = (dataset_dump(files, Path(scratch.name)) if args.copies == 1
                          else copies(dataset_ntriples(files), args.copies))
    canned = list(load_catalogue(ROOT / "queries"))
    checks = list(load_checks(ROOT / "queries" / "checks"))
    found: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="mskio-bench-") as location:
        port = free_port()
        server = subprocess.Popen(["sh", str(ROOT / "scripts" / "oxigraph-server.sh"), location, str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            query_url = f"http://127.0.0.1:{port}/query"
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"{query_url}?query=ASK%7B%7D", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            endpoint = EndpointStore(query_url, default_graph=DEFAULT_GRAPH)
            store_url = graph_store_url(query_url)
            assert store_url is not None
            loads = []
            # a load of a large dump takes minutes (Oxigraph's PUT is one transaction: 1,000
            # reviews' 5.1M triples took over 5 minutes): timed once, the others `repeat` times
            sent = data.triples if isinstance(data, Dump) else data.count(b"\n")
            for _ in range(args.repeat if sent < LARGE_DUMP else 1):
                result = load_graph(data, endpoint=EndpointStore(query_url, default_graph=None),
                                    store_url=store_url, graph=DEFAULT_GRAPH, timeout=600)
                loads.append(result.seconds * 1000)
            started = time.perf_counter()
            embedded = read_dataset(files) if isinstance(data, Dump) else EmbeddedStore.from_ntriples(data)
            open_ms = (time.perf_counter() - started) * 1000
            found = {"triples": result.triples_in_store, "files": [f.name for f in files], "copies": args.copies,
                     "load_ms": statistics.median(loads), "embedded_open_ms": open_ms, "queries": {}, "checks": {}}
            if not args.json:
                print(f"dataset: {result.triples_in_store} triples ({', '.join(f.name for f in files)}"
                      + (f", {args.copies} copies of the reviews)" if args.copies > 1 else ")"))
                print(f"load (PUT + count), median of {args.repeat}: {statistics.median(loads):8.1f} ms")
                print(f"embedded store from the dumps:        {open_ms:8.1f} ms")
                print(f"{'query':44} {'rows':>5} {'embedded ms':>12} {'server ms':>10}")
            for kind, queries in (("queries", canned), ("checks", checks)):
                for query in queries:
                    rows = len(query.run(embedded))
                    local = median_ms(lambda: query.run(embedded), args.repeat)
                    remote = median_ms(lambda: query.run(endpoint), args.repeat)
                    found[kind][query.name] = {"rows": rows, "embedded_ms": local, "server_ms": remote}  # type: ignore[index]
                    if not args.json:
                        print(f"{query.name:44} {rows:5d} {local:12.1f} {remote:10.1f}")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
            scratch.cleanup()
    if args.json:
        print(json.dumps(found, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
