"""mskio.turtle_files: each review's .ttl, made in a worker process from the .nt file written
before it and kept in the cache by the hash of its N-Triples, and the digests of both; any
N-Triples' Turtle made later."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from mskio import turtle_files
from mskio.cache import Cache
from mskio.metadata import FileDigest
from mskio.serialize import turtle_from_ntriples
from mskio.turtle_files import TurtleFiles
from mskio.walk import walk_files

# two small dumps, written by hand: a review with a title, a work with a title and a year
FIRST = (b'<https://doi.org/10.1055/a-1> <http://purl.org/dc/terms/title> "Cryoablation of bone" .\n'
         b'<https://doi.org/10.1055/a-1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
         b'<http://purl.org/spar/fabio/ReviewArticle> .\n')
SECOND = (b'<https://w3id.org/mskio/work/2019-x> <http://purl.org/dc/terms/issued> '
          b'"2019"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n'
          b'<https://w3id.org/mskio/work/2019-x> <http://purl.org/dc/terms/title> "A work" .\n')


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MSKIO_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _review(turtles: TurtleFiles, folder: Path, stem: str, ntriples: bytes) -> None:
    """A review's .nt written (as the build's shards child writes it), then handed to `turtles`."""
    path = folder / f"{stem}.nt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ntriples)
    turtles.review(stem, path, FileDigest.of(ntriples))


def _build(folder: Path, **kwargs: object) -> tuple[dict[str, bytes], dict[str, tuple[int, str]]]:
    written: dict[str, bytes] = {}
    turtles = TurtleFiles(written.__setitem__, **kwargs)  # type: ignore[arg-type]
    try:
        _review(turtles, folder / "reviews", "10-1055-a-1", FIRST)
        _review(turtles, folder / "reviews", "2019-x", SECOND)
        digests = turtles.close()
    finally:
        turtles.shutdown()
    return written, {name: (d.size, d.sha256) for name, d in digests.items()}


def test_each_review_gets_its_turtle_and_the_digests_of_both_dumps(cache_dir: Path, tmp_path: Path) -> None:
    written, digests = _build(tmp_path)
    assert sorted(written) == ["reviews/10-1055-a-1.ttl", "reviews/2019-x.ttl"]  # the .nt were written before
    both = {**written, "reviews/10-1055-a-1.nt": FIRST, "reviews/2019-x.nt": SECOND}
    assert digests == {name: (len(data), hashlib.sha256(data).hexdigest()) for name, data in both.items()}
    # the Turtle (made in the worker process) says what the N-Triples say
    ttl = Graph().parse(data=written["reviews/10-1055-a-1.ttl"], format="turtle")
    assert (URIRef("https://doi.org/10.1055/a-1"), URIRef("http://purl.org/dc/terms/title"),
            Literal("Cryoablation of bone")) in ttl
    assert set(ttl) == set(Graph().parse(data=FIRST, format="nt"))
    assert len(Graph().parse(data=written["reviews/2019-x.ttl"], format="turtle")) == 2


def test_the_worker_and_the_build_process_write_the_same_bytes(cache_dir: Path, tmp_path: Path) -> None:
    in_worker, _ = _build(tmp_path, cache=False)
    here, _ = _build(tmp_path, cache=False, workers=0)
    assert in_worker == here
    assert not cache_dir.exists()  # cache=False keeps nothing


def test_a_rebuild_reads_the_turtle_from_the_cache(cache_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    first, first_digests = _build(tmp_path)
    assert len(list((cache_dir / "turtle").glob("*.ttl"))) == 2

    def no_conversion(ntriples: bytes) -> bytes:
        raise AssertionError("the Turtle should have come from the cache")

    monkeypatch.setattr(turtle_files, "turtle_from_ntriples", no_conversion)
    again, again_digests = _build(tmp_path, workers=0)
    assert again == first and again_digests == first_digests


def test_a_changed_review_is_converted_again(cache_dir: Path, tmp_path: Path) -> None:
    _build(tmp_path)
    written: dict[str, bytes] = {}
    changed = SECOND.replace(b'"A work"', b'"Another work"')
    turtles = TurtleFiles(written.__setitem__, workers=0)
    _review(turtles, tmp_path / "again", "2019-x", changed)
    turtles.close()
    assert b"Another work" in written["reviews/2019-x.ttl"]
    assert len(list((cache_dir / "turtle").glob("*.ttl"))) == 3


def test_the_cache_keeps_its_most_recent_entries(cache_dir: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turtle_files, "CACHE_ENTRIES", 1)
    _build(tmp_path, workers=0)
    kept = list((cache_dir / "turtle").glob("*.ttl"))
    assert len(kept) == 1  # pruned once, at close
    assert kept[0].read_bytes().count(b"A work") == 1  # the last kept is the last made


def test_pruning_can_wait_for_a_batch(cache_dir: Path) -> None:
    cache = Cache("batch", entries=2)
    for n in range(4):
        cache.put(f"k{n}", b"x", prune=False)
    assert len(list((cache_dir / "batch").iterdir())) == 4
    cache.prune()
    assert sorted(p.name for p in (cache_dir / "batch").iterdir()) == ["k2.bin", "k3.bin"]


def test_later_hands_back_any_turtle_from_the_worker(cache_dir: Path) -> None:
    turtles = TurtleFiles(lambda name, data: None)
    try:
        future = turtles.later(FIRST + SECOND)
        assert future.result() == turtle_from_ntriples(FIRST + SECOND)
    finally:
        turtles.shutdown()
    assert not (cache_dir / "turtle").exists()  # not a review's: not kept


def test_the_corpus_dumps_come_from_the_worker(cache_dir: Path, tmp_path: Path) -> None:
    dump = tmp_path / "mskio.nt"
    dump.write_bytes(FIRST + SECOND)
    context = {"dcterms": "http://purl.org/dc/terms/", "xsd": "http://www.w3.org/2001/XMLSchema#", "id": "@id",
               "type": "@type", "issued": {"@id": "dcterms:issued", "@type": "xsd:gYear"}}
    from mskio.pipeline import Staging

    staging = Staging(tmp_path / "dist")  # the workers write into it (its write_chunks, pickled)
    turtles = TurtleFiles(lambda name, data: None)
    try:
        turtle_made, jsonld_made = turtles.corpus(dump, context, write=staging.write_chunks)
        turtle_digest, jsonld_digest = turtle_made.result(), jsonld_made.result()
    finally:
        turtles.shutdown()
    turtle, jsonld = staging.path("mskio.ttl").read_bytes(), staging.path("mskio.jsonld").read_bytes()
    assert (turtle_digest, jsonld_digest) == (FileDigest.of(turtle), FileDigest.of(jsonld))
    assert turtle == turtle_from_ntriples(FIRST + SECOND)
    # the JSON-LD of the two dumps above, compacted by hand with that context: nodes sorted by id
    assert json.loads(jsonld) == {"@context": context, "@graph": [
        {"id": "https://doi.org/10.1055/a-1", "type": "http://purl.org/spar/fabio/ReviewArticle",
         "dcterms:title": "Cryoablation of bone"},
        {"id": "https://w3id.org/mskio/work/2019-x", "issued": "2019", "dcterms:title": "A work"}]}
    assert list(json.loads(jsonld)["@graph"][0]) == ["dcterms:title", "id", "type"]  # keys sorted


@pytest.mark.parametrize("workers", [1, 0])
def test_a_turtle_that_cannot_be_written_is_raised_by_close(cache_dir: Path, tmp_path: Path, workers: int) -> None:
    """The .ttl is written from the worker's answer in the pool's thread: what writing it raises
    reaches the build's thread at close(), never lost."""
    from mskio.errors import OutputError

    written: dict[str, bytes] = {}

    def write(name: str, data: bytes) -> None:
        if name.endswith(".ttl"):
            raise OutputError(f"{name}: disk full")
        written[name] = data

    turtles = TurtleFiles(write, cache=False, workers=workers)
    try:
        _review(turtles, tmp_path, "10-1055-a-1", FIRST)  # does not wait, does not raise
        with pytest.raises(OutputError, match="10-1055-a-1.ttl: disk full"):
            turtles.close()
    finally:
        turtles.shutdown()
    assert written == {}


def test_the_worker_runs_without_the_cyclic_garbage_collector(cache_dir: Path) -> None:
    """As the build's own process (mskio.pipeline), the worker turns Python's cyclic collector off."""
    import gc

    turtles = TurtleFiles(lambda name, data: None)
    try:
        assert turtles._submit(gc.isenabled).result() is False
    finally:
        turtles.shutdown()
    assert gc.isenabled()  # in this process, untouched


def test_staging_links_a_file_or_copies_it_where_links_are_refused(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Staging.link, which the site's downloads use: a hard link, else (EXDEV, a file system
    without them) a copy of the same bytes; nothing is left under the scratch folder at commit."""
    import errno
    import os

    from mskio.pipeline import Staging

    staging = Staging(tmp_path / "dist")
    staging.write("mskio.nt", FIRST)
    staging.link("site/mskio.nt", staging.path("mskio.nt"))
    assert os.path.samefile(staging.path("mskio.nt"), staging.path("site/mskio.nt"))

    def refused(source: object, target: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refused)
    staging.link("site/copy.nt", staging.path("mskio.nt"))
    assert staging.path("site/copy.nt").read_bytes() == FIRST
    assert not os.path.samefile(staging.path("mskio.nt"), staging.path("site/copy.nt"))
    staging.write(".scratch/union.nt", SECOND)
    staging.commit()
    assert list(walk_files(str(tmp_path / "dist"))) == ["mskio.nt", "site/copy.nt", "site/mskio.nt"]
