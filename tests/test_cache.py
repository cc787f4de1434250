"""mskio.cache: answers kept by the hash of their input, and pyLODE's HTML answered from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

from mskio.cache import Cache, cache_key, cache_root
from mskio.project import Project


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MSKIO_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_the_cache_lives_where_the_environment_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MSKIO_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "mskio"
    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "own"))
    assert cache_root() == tmp_path / "own"


def test_keys_separate_their_parts() -> None:
    assert cache_key("ab", "c") != cache_key("a", "bc")
    assert cache_key("a", b"b") == cache_key(b"a", "b")
    assert len(cache_key("x")) == 64


def test_an_answer_is_kept_and_read_back(cache_dir: Path) -> None:
    cache = Cache("test", entries=4)
    key = cache_key("input")
    assert cache.get(key) is None
    made: list[int] = []
    assert cache.answer(key, lambda: made.append(1) or b"answer") == b"answer"
    assert cache.answer(key, lambda: made.append(2) or b"other") == b"answer"  # not made again
    assert made == [1]
    assert (cache_dir / "test" / f"{key}.bin").read_bytes() == b"answer"


def test_no_cache_reads_and_keeps_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Cache("test", entries=4).put(cache_key("input"), b"answer")
    assert Cache("test", entries=4, enabled=False).get(cache_key("input")) is None
    monkeypatch.setenv("MSKIO_NO_CACHE", "1")
    off = Cache("test", entries=4)
    assert off.get(cache_key("input")) is None
    off.put(cache_key("other"), b"x")
    assert sorted(p.name for p in (cache_dir / "test").iterdir()) == [f"{cache_key('input')}.bin"]


def test_a_disabled_cache_hashes_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Cache("test", entries=4).key("a", b"b") == cache_key("a", b"b")
    assert Cache("test", entries=4, enabled=False).key("a", b"b") == ""
    monkeypatch.setenv("MSKIO_NO_CACHE", "1")
    assert Cache("test", entries=4).key("a", b"b") == ""


def test_only_the_most_recently_used_are_kept(cache_dir: Path) -> None:
    folder = cache_dir / "test"
    folder.mkdir(parents=True)
    for i in range(5):
        old = folder / f"{i:064x}.bin"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    cache = Cache("test", entries=3)
    assert cache.get(f"{0:064x}") == b"old"  # read now: the most recently used
    cache.put(cache_key("new"), b"new")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{0:064x}.bin", f"{4:064x}.bin", f"{cache_key('new')}.bin"])


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_bytes(b"")
    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "file"))  # a file: no directory under it
    monkeypatch.delenv("MSKIO_NO_CACHE", raising=False)
    assert Cache("test", entries=2).answer(cache_key("x"), lambda: b"made") == b"made"


def test_pylode_html_is_the_same_from_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                project: Project) -> None:
    """The cached HTML is the bytes pyLODE writes; a second call does not run pyLODE; another
    ontology is not answered from the cache."""
    from mskio import ontology_outputs

    ontology = Graph().parse(project.ontology)
    fresh = ontology_outputs.ontology_html(ontology, cache=False)
    assert not (cache_dir / "pylode").exists()
    assert ontology_outputs.ontology_html(ontology) == fresh  # made, and kept
    assert len(list((cache_dir / "pylode").glob("*.html"))) == 1

    def fails(graph: Graph) -> bytes:
        raise AssertionError("pyLODE ran although its answer is cached")

    monkeypatch.setattr(ontology_outputs, "_pylode_html", fails)
    assert ontology_outputs.ontology_html(ontology) == fresh
    other = Graph()
    other += ontology
    other.remove(next(iter(sorted(ontology))))
    with pytest.raises(AssertionError, match="pyLODE ran"):
        ontology_outputs.ontology_html(other)
