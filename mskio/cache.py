"""The build's cache of answers that are slow to make and depend only on their input's bytes.

Like a build system's: an answer (bytes) is kept under the SHA-256 of what made it (the exact
input and the version of the code that made it), so a build whose input did not change reads it
instead of making it again, and its outputs are the same bytes either way. Its home is
`$MSKIO_CACHE_DIR`, else `$XDG_CACHE_HOME/mskio`, else `~/.cache/mskio`, one subdirectory per
kind of answer (hermit/ for the reasoner's, pylode/ for the ontology's HTML documentation,
turtle/ for each review's own Turtle dump).
Removing it is always safe; MSKIO_NO_CACHE=1 (or `mskio build --clean`) bypasses it. A cache
that cannot be read or written is skipped, never an error; each kind keeps its `entries` most
recently used answers.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def cache_root() -> Path:
    """$MSKIO_CACHE_DIR, else $XDG_CACHE_HOME/mskio, else ~/.cache/mskio."""
    root = os.environ.get("MSKIO_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "mskio")
    return Path(root)


def cache_key(*parts: str | bytes) -> str:
    """The SHA-256 (hex) of `parts`, each ended by a NUL so that no two sequences give one key."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


class Cache:
    """One kind of answer, kept as `{key}{suffix}` files in `cache_root()/name`; `enabled` False
    (or MSKIO_NO_CACHE set) makes it read nothing and keep nothing."""

    def __init__(self, name: str, *, entries: int, suffix: str = ".bin", enabled: bool = True) -> None:
        self.folder = cache_root() / name
        self.entries = entries
        self.suffix = suffix
        self.enabled = enabled and not os.environ.get("MSKIO_NO_CACHE")

    def key(self, *parts: str | bytes) -> str:
        """`cache_key(*parts)`, the key of an answer to look up or keep; "" when the cache is
        disabled, which reads and keeps nothing under any key (so the input is not hashed for
        nothing: a 1,000-review build without the cache hashed its reviews' 0.6 GB of N-Triples,
        0.28 s of the build's own CPU)."""
        return cache_key(*parts) if self.enabled else ""

    def get(self, key: str) -> bytes | None:
        """The answer kept under `key`, or None (none kept, unreadable, or the cache disabled)."""
        if not self.enabled:
            return None
        path = self.folder / f"{key}{self.suffix}"
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            os.utime(path)  # used now: the last to be pruned
        except OSError:
            pass
        return data

    def put(self, key: str, data: bytes, *, prune: bool = True) -> None:
        """Keep `data` under `key` (a temporary file renamed into place), then (unless `prune` is
        False: a caller keeping many answers at once prunes once, after them) drop all but the
        `entries` most recently used answers."""
        if not self.enabled:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(prefix=f".{key}.", dir=self.folder)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, self.folder / f"{key}{self.suffix}")
        except OSError:
            return
        if prune:
            self.prune()

    def prune(self) -> None:
        """Drop all but the `entries` most recently used answers."""
        if not self.enabled:
            return
        try:
            kept = sorted(self.folder.glob(f"*{self.suffix}"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
            for old in kept[self.entries:]:
                old.unlink(missing_ok=True)
        except OSError:
            return

    def answer(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The answer under `key`, made by `make` and kept when there is none."""
        data = self.get(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data
