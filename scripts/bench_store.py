"""Time `mskio load` and every canned query, embedded and on a real Oxigraph server.

    .venv/bin/python scripts/bench_store.py [--dist dist] [--repeat 5]

Starts scripts/oxigraph-server.sh on a free loopback port with its data in a temporary
directory, loads dist/ into it (the same code as `mskio load`), then runs each query of
queries/ `--repeat` times on the embedded store and on the server and prints the median
milliseconds of each, and the load's. Stops the server afterwards. Needs a built dist/.
"""

from __future__ import annotations

import argparse
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

from mskio.queries import load_catalogue  # noqa: E402
from mskio.store import (DEFAULT_GRAPH, EndpointStore, dataset_files, dataset_ntriples, graph_store_url,  # noqa: E402
                         load_graph, read_dataset)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def median_ms(action: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = dataset_files(args.dist)
    data = dataset_ntriples(files)
    catalogue = load_catalogue(ROOT / "queries")
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
            for _ in range(args.repeat):
                result = load_graph(data, endpoint=EndpointStore(query_url, default_graph=None),
                                    store_url=store_url, graph=DEFAULT_GRAPH)
                loads.append(result.seconds * 1000)
            started = time.perf_counter()
            embedded = read_dataset(files)
            open_ms = (time.perf_counter() - started) * 1000
            print(f"dataset: {result.triples_in_store} triples ({', '.join(f.name for f in files)})")
            print(f"load (PUT + count), median of {args.repeat}: {statistics.median(loads):8.1f} ms")
            print(f"embedded store from the dumps:        {open_ms:8.1f} ms")
            print(f"{'query':44} {'rows':>5} {'embedded ms':>12} {'server ms':>10}")
            for query in catalogue:
                rows = len(query.run(embedded))
                local = median_ms(lambda: query.run(embedded), args.repeat)
                remote = median_ms(lambda: query.run(endpoint), args.repeat)
                print(f"{query.name:44} {rows:5d} {local:12.1f} {remote:10.1f}")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
