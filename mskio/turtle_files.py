"""Turtle made from N-Triples on the machine's other core: each review's own dumps
(dist/reviews/{stem}.nt and .ttl), kept in the cache, and the corpus dump's mskio.ttl and
mskio.jsonld.

Turtle and JSON-LD from N-Triples are pure work on bytes (mskio.serialize.turtle_from_ntriples,
jsonld_from_ntriples), so they run in a worker process while the build goes on: with the next
review, then (the corpus's) with SHACL and the check queries. Each
review's Turtle is kept in the cache (mskio.cache, turtle/) under the SHA-256 of its N-Triples,
the prefixes and pyoxigraph's version: after one review of a corpus changes, only the reviews
whose dumps changed are converted again. The files and their digests are the same bytes either way.
"""

from __future__ import annotations

import importlib.metadata
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from mskio.cache import Cache, cache_key
from mskio.metadata import FileDigest
from mskio.namespaces import PREFIXES
from mskio.serialize import jsonld_from_ntriples, turtle_from_ntriples

T = TypeVar("T")

_CACHE_FORMAT = "mskio-review-turtle 1"
"""Part of every key: change it when `turtle_from_ntriples` writes other bytes for the same input."""

CACHE_ENTRIES = 4096
"""The cache keeps this many reviews' Turtle, the most recently used (1,000 of the benchmark's
reviews: about 0.3 GB)."""

WORKERS = 1
"""Worker processes making Turtle: one, beside the build's own process, on a 2-core machine."""

QUEUED = 32
"""At most this many reviews wait for their Turtle; the build waits for the oldest beyond that
(so the N-Triples waiting in the queue stay a few MB)."""


class TurtleFiles:
    """`review` writes a review's .nt at once and its .ttl when the worker has made it (or from the
    cache); `later` hands back a Future of any N-Triples' Turtle; `close` waits for the reviews'
    last files and returns their digests; `shutdown` (in the build's `finally`) stops the worker."""

    def __init__(self, write: Callable[[str, bytes], None], *, cache: bool = True, workers: int = WORKERS) -> None:
        self._write = write
        self._cache = Cache("turtle", entries=CACHE_ENTRIES, suffix=".ttl", enabled=cache)
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[tuple[str, str, Future[bytes]]] = []
        self._digests: dict[str, FileDigest] = {}
        self._version = f"pyoxigraph {importlib.metadata.version('pyoxigraph')}"
        self._prefixes = "\n".join(f"{p} {ns}" for p, ns in sorted(PREFIXES.items()))

    def review(self, stem: str, ntriples: bytes) -> None:
        """Write reviews/{stem}.nt now and reviews/{stem}.ttl as soon as it is made."""
        self._put(f"reviews/{stem}.nt", ntriples)
        name = f"reviews/{stem}.ttl"
        key = cache_key(_CACHE_FORMAT, self._version, self._prefixes, ntriples)
        kept = self._cache.get(key)
        if kept is not None:
            self._put(name, kept)
            return
        self._pending.append((name, key, self.later(ntriples)))
        self._collect(wait=len(self._pending) > QUEUED)

    def later(self, ntriples: bytes) -> Future[bytes]:
        """The Turtle of `ntriples`, made by the worker (here and now without one)."""
        return self._submit(turtle_from_ntriples, ntriples)

    def corpus(self, ntriples: bytes, context: dict[str, Any]) -> Future[tuple[bytes, bytes]]:
        """mskio.ttl and mskio.jsonld (compacted with `context`) of the corpus dump `ntriples`,
        made by the worker: the dump is handed over once for both."""
        return self._submit(corpus_dumps, ntriples, context)

    def _submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        if self._workers < 1:
            done: Future[T] = Future()
            done.set_result(work(*args))
            return done
        if self._pool is None:  # spawned, not forked: the build's process is large and has threads
            self._pool = ProcessPoolExecutor(max_workers=self._workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool.submit(work, *args)

    def close(self) -> dict[str, FileDigest]:
        """Wait for the reviews' last Turtle; every file written -> its size and SHA-256."""
        while self._pending:
            self._collect(wait=True)
        self._cache.prune()
        return dict(sorted(self._digests.items()))

    def shutdown(self) -> None:
        """Stop the worker (waiting for it: no process outlives the build)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _collect(self, *, wait: bool) -> None:
        """Write the answers that are ready, in the order asked; with `wait`, wait for the oldest."""
        while self._pending and (wait or self._pending[0][2].done()):
            name, key, future = self._pending.pop(0)
            turtle = future.result()
            self._put(name, turtle)
            self._cache.put(key, turtle, prune=False)
            wait = False

    def _put(self, name: str, data: bytes) -> None:
        self._write(name, data)
        self._digests[name] = FileDigest.of(data)  # void.ttl states each one's size and SHA-256


def corpus_dumps(ntriples: bytes, context: dict[str, Any]) -> tuple[bytes, bytes]:
    """The corpus dump's Turtle and JSON-LD (`TurtleFiles.corpus`, in the worker)."""
    return turtle_from_ntriples(ntriples), jsonld_from_ntriples(ntriples, context)
