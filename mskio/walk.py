"""The regular files under a directory, as '/'-separated paths relative to it, in the order of
sorted(Path.rglob("*")): the one walker of a written dist/ (the build's count of what it wrote,
`mskio fair`'s list of what it checks). It uses os.scandir and keeps paths as strings: at 1,000
reviews dist/ holds 576k files, which pathlib's rglob and is_file took 12.9 s to list and this
walk 1.2 s (each beside a running build), and making a Path of each took 3.6 s more."""

from __future__ import annotations

import os
from collections.abc import Iterator


def walk_files(root: str, prefix: str = "") -> Iterator[str]:
    """The regular files under `root` (symbolic links followed, as Path.is_file does) as paths
    relative to it, each after `prefix`, with '/' between the parts, in the order of
    sorted(Path.rglob("*")) (each directory's entries by name, a subdirectory's files where its
    name sorts)."""
    with os.scandir(root) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from walk_files(entry.path, f"{prefix}{entry.name}/")
        elif entry.is_file():
            yield prefix + entry.name
