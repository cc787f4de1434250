"""Turtle made from N-Triples files in worker processes beside the build's: each review's own
Turtle (dist/reviews/{stem}.ttl, from the .nt the shards child wrote: mskio.shards), kept in the
cache, and the corpus dump's mskio.ttl and mskio.jsonld.

Turtle and JSON-LD from N-Triples are pure work on bytes (mskio.serialize.turtle_from_ntriples,
jsonld_from_ntriples), so they run in worker processes while the build goes on, each reading its
N-Triples from the file (no N-Triples go through a pipe): the reviews' while the build loads the
store and describes the data, then the corpus's Turtle and JSON-LD, one in each worker, with
SHACL and the check queries. Each review's Turtle is kept in the cache (mskio.cache, turtle/)
under the SHA-256 of its N-Triples, the prefixes and pyoxigraph's version: after one review of a corpus changes, only the reviews
whose dumps changed are converted again. The files and their digests are the same bytes either way.
"""

from __future__ import annotations

import gc
import importlib.metadata
import multiprocessing
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from mskio.cache import Cache
from mskio.metadata import FileDigest, review_dump
from mskio.namespaces import PREFIXES
from mskio.serialize import jsonld_from_ntriples, turtle_from_ntriples

T = TypeVar("T")

_CACHE_FORMAT = "mskio-review-turtle 1"
"""Part of every key: change it when `turtle_from_ntriples` writes other bytes for the same input."""

CACHE_ENTRIES = 4096
"""The cache keeps this many reviews' Turtle, the most recently used (1,000 of the benchmark's
reviews: about 0.3 GB)."""

WORKERS = 2
"""Worker processes making Turtle and JSON-LD: two, so that the corpus dump's JSON-LD and its
Turtle are made at once. They were the last wait of a 1,000-review build: 19 s after the check
queries and SHACL were done, with one core idle while one worker made both (14.6 s and 6 s of
CPU alone). The reviews' Turtle is shared between them too."""


class TurtleFiles:
    """`review` records a review's .nt, written already, and writes its .ttl when the worker has
    made it from that file (or read it from the cache), never waiting for the worker: the .ttl is
    written from the worker's answer as it comes back (in the pool's own thread); `later` hands
    back a Future of any N-Triples' Turtle; `close` waits for the reviews' last files, raises what writing them raised, and returns their digests;
    `shutdown` (in the build's `finally`) stops the worker."""

    def __init__(self, write: Callable[[str, bytes], None], *, cache: bool = True, workers: int = WORKERS) -> None:
        self._write = write
        self._cache = Cache("turtle", entries=CACHE_ENTRIES, suffix=".ttl", enabled=cache)
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[Future[bytes]] = []
        self._digests: dict[str, FileDigest] = {}
        self._errors: list[BaseException] = []
        self._lock = threading.Lock()  # the digests are written from here and from the pool's thread
        self._version = f"pyoxigraph {importlib.metadata.version('pyoxigraph')}"
        self._prefixes = "\n".join(f"{p} {ns}" for p, ns in sorted(PREFIXES.items()))

    def review(self, stem: str, ntriples: Path, digest: FileDigest) -> None:
        """Record reviews/{stem}.nt, the file `ntriples` already written (its `digest`), and write
        reviews/{stem}.ttl as soon as the worker has made it from that file (or read it from the
        cache): the build's process never holds the review's bytes. The file is an
        `ntriples_document` (a shard's: mskio.shards), whose lines are not checked for order again."""
        with self._lock:
            self._digests[review_dump(stem, ".nt")] = digest
        future = self._submit(partial(review_turtle, cache=self._cache.enabled, version=self._version,
                                      prefixes=self._prefixes), ntriples)
        self._pending.append(future)
        future.add_done_callback(partial(self._made, review_dump(stem, ".ttl")))

    def later(self, ntriples: bytes) -> Future[bytes]:
        """The Turtle of `ntriples`, made by the worker (here and now without one)."""
        return self._submit(turtle_from_ntriples, ntriples)

    def corpus(self, dump: Path, context: dict[str, Any], *,
               write: Callable[[str, Iterable[bytes]], FileDigest]) -> tuple[Future[FileDigest], Future[FileDigest]]:
        """mskio.ttl and mskio.jsonld (compacted with `context`) of the corpus dump, the N-Triples
        file `dump`, each made by a worker from the file it reads and written there by `write`
        (the file's name and its pieces; its digest back: mskio.pipeline.Staging.write_chunks,
        which a worker gets pickled): neither the dump nor the files made from it go through a
        pipe (at 1,000 reviews 0.8 GB, and 0.34 + 0.43 GB that the build's process received and
        held to the end, raising its peak by 1 GB); the JSON-LD, the longer, is started first."""
        jsonld = self._submit(corpus_jsonld, dump, context, write)
        return self._submit(corpus_turtle, dump, write), jsonld

    def _submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        if self._workers < 1:
            done: Future[T] = Future()
            done.set_result(work(*args))
            return done
        if self._pool is None:  # spawned, not forked: the build's process is large and has threads
            # without the cyclic garbage collector, as in the build's process (mskio.pipeline._Stages):
            # the corpus dump's JSON-LD (5M triples at 1,000 reviews) takes 14 s instead of 19.5
            self._pool = ProcessPoolExecutor(max_workers=self._workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=gc.disable)
        return self._pool.submit(work, *args)

    def close(self) -> dict[str, FileDigest]:
        """Wait for the reviews' last Turtle; every file written -> its size and SHA-256 (what
        making or writing one raised is raised here)."""
        wait(self._pending)
        self._pending = []
        if self._errors:
            raise self._errors[0]
        self._cache.prune()
        return dict(sorted(self._digests.items()))

    def shutdown(self) -> None:
        """Stop the worker (waiting for it: no process outlives the build)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _made(self, name: str, future: Future[bytes]) -> None:
        """Write a review's Turtle once the worker has made it (called in the pool's thread)."""
        try:
            self._put(name, future.result())
        except BaseException as exc:  # raised by close(), in the build's thread
            with self._lock:
                self._errors.append(exc)

    def _put(self, name: str, data: bytes) -> None:
        self._write(name, data)
        digest = FileDigest.of(data)  # void.ttl states each one's size and SHA-256
        with self._lock:
            self._digests[name] = digest


def review_turtle(ntriples: Path, *, cache: bool, version: str, prefixes: str) -> bytes:
    """The Turtle of one review's N-Triples file (`TurtleFiles.review`, in a worker): from the
    cache (turtle/) under the SHA-256 of its bytes, the prefixes and pyoxigraph's `version`, else
    made and kept there (the build prunes the cache once, at `close`)."""
    data = ntriples.read_bytes()
    answers = Cache("turtle", entries=CACHE_ENTRIES, suffix=".ttl", enabled=cache)
    key = answers.key(_CACHE_FORMAT, version, prefixes, data)
    turtle = answers.get(key)
    if turtle is None:
        turtle = turtle_from_ntriples(data, sorted_lines=True)  # a shard's ntriples_document
        answers.put(key, turtle, prune=False)
    return turtle


CORPUS_TURTLE, CORPUS_JSONLD = "mskio.ttl", "mskio.jsonld"
"""The files `TurtleFiles.corpus` makes from the corpus dump (two of mskio.metadata.DUMPS)."""


def corpus_turtle(dump: Path, write: Callable[[str, Iterable[bytes]], FileDigest]) -> FileDigest:
    """Write mskio.ttl, the Turtle of the N-Triples file `dump` (`TurtleFiles.corpus`, in a
    worker), which the build wrote with `merged_file_lines` (its lines sorted and distinct)."""
    return write(CORPUS_TURTLE, (turtle_from_ntriples(dump.read_bytes(), sorted_lines=True),))


def corpus_jsonld(dump: Path, context: dict[str, Any], write: Callable[[str, Iterable[bytes]], FileDigest]) -> FileDigest:
    """Write mskio.jsonld, the JSON-LD of the N-Triples file `dump`, compacted with `context`."""
    return write(CORPUS_JSONLD, (jsonld_from_ntriples(dump.read_bytes(), context),))
