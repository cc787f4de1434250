#!/usr/bin/env python3
"""Time every canned query of queries/ on a built dist/, embedded and on a real Oxigraph server.

    .venv/bin/python scripts/bench_queries.py dist/ [--repeats 5] [--timeout 60]

Embedded: the dataset files `mskio query` reads (mskio.store.dataset_files) in a pyoxigraph store,
each query run with its default parameters `--repeats` times in this process. Server: the pinned
`oxigraph` binary (.venv/bin/oxigraph, scripts/oxigraph-server.sh) started on a free loopback port
with its data in a temporary directory, the dataset loaded by `mskio load` (timed), each query sent
`--repeats` times through mskio's EndpointStore (SPARQLWrapper over HTTP, the path `mskio query
--endpoint` takes). The build's check queries (queries/checks/) are timed on the embedded store
too. Prints one JSON object on stdout: the triples, the load seconds, and per query the
milliseconds of each run, embedded and on the server (or the error). scripts/bench.py runs it
for each N and reports the median of each query and the slowest.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from mskio.errors import MskioError  # noqa: E402
from mskio.project import Project  # noqa: E402
from mskio.queries import Catalogue, load_catalogue, load_checks  # noqa: E402
from mskio.store import EmbeddedStore, EndpointStore, Store, dataset_files  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def time_queries(catalogue: Catalogue, store: Store, *, repeats: int, timeout: float) -> dict[str, list[float] | str]:
    """Query name -> the milliseconds of each of `repeats` runs, or the error it raised."""
    times: dict[str, list[float] | str] = {}
    for query in catalogue:
        runs: list[float] = []
        try:
            for _ in range(repeats):
                began = time.perf_counter()
                query.run(store, timeout=timeout)
                runs.append((time.perf_counter() - began) * 1000)
        except MskioError as exc:
            times[query.name] = f"{type(exc).__name__}: {exc}"[:200]
            continue
        times[query.name] = runs
    return times


def on_server(dist: Path, catalogue: Catalogue, *, repeats: int, timeout: float) -> dict[str, object]:
    """Start Oxigraph on loopback, `mskio load` the dist into it, time the queries, stop it."""
    location = Path(tempfile.mkdtemp(prefix="mskio-bench-oxigraph-"))
    port = free_port()
    env = dict(os.environ, MSKIO_SERVER_TIMEOUT=str(int(timeout)))
    with (location / "server.log").open("wb") as log:
        server = subprocess.Popen(["sh", str(ROOT / "scripts" / "oxigraph-server.sh"), str(location / "data"), str(port)],
                                  env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    return {"error": "oxigraph did not start: "
                            + (location / "server.log").read_text(errors="replace")[-300:]}
                time.sleep(0.1)
        endpoint = f"http://127.0.0.1:{port}/query"
        began = time.perf_counter()
        load = subprocess.run([sys.executable, "-m", "mskio", "load", "--endpoint", endpoint, "--dist", str(dist),
                               "--timeout", str(max(timeout, 600))], capture_output=True, text=True, env=os.environ)
        load_s = time.perf_counter() - began
        if load.returncode != 0:
            return {"error": "mskio load: " + (load.stderr.strip() or load.stdout.strip())[-300:]}
        times = time_queries(catalogue, EndpointStore(endpoint, timeout=timeout), repeats=repeats, timeout=timeout)
        return {"load_s": load_s, "times": times}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        shutil.rmtree(location, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="a built dist/ directory")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each query (default 5)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a query may take (default 60)")
    parser.add_argument("--no-server", action="store_true", help="only the embedded store")
    args = parser.parse_args(argv)
    catalogue = load_catalogue(Project(ROOT).queries)
    began = time.perf_counter()
    store = EmbeddedStore.from_files(dataset_files(args.dist))
    result: dict[str, object] = {"triples": len(store), "embedded_load_s": time.perf_counter() - began,
                                 "embedded": time_queries(catalogue, store, repeats=args.repeats, timeout=args.timeout),
                                 "checks": time_queries(load_checks(Project(ROOT).queries / "checks"), store,
                                                        repeats=args.repeats, timeout=args.timeout)}
    del store
    if not args.no_server:
        result["server"] = on_server(args.dist, catalogue, repeats=args.repeats, timeout=args.timeout)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
