"""`mskio fair`: every principle has a row, the fixture build passes, and tampering makes it fail."""

from __future__ import annotations

import hashlib
import mmap
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from rdflib import RDF, Graph, Namespace

from mskio import fair
from mskio.cli import main
from mskio.fair import (CHECKS, FAIL, INFO, MAPPED, PASS, SITE_BATCH, Check, _file_digest, _parse_facts,
                        _rdf_format, _scan_dump, _sha256, _sha256_all, _well_formed, load_dist, run_checks)

PRINCIPLES = ["F1", "F2", "F3", "F4", "A1", "A1.1", "A1.2", "A2", "I1", "I2", "I3", "R1", "R1.1", "R1.2", "R1.3"]
NEEDED = ["mskio.nt", "mskio.ttl", "mskio.jsonld", "void.ttl", "dataset.schema.jsonld", "validation.ttl",
          "references.bib", "references.csl.json", "references.ris", "nanopubs"]


@pytest.fixture
def copy(dist: Path, tmp_path: Path) -> Path:
    """The files `mskio fair` reads, copied so that a test can break them."""
    out = tmp_path / "dist"
    out.mkdir()
    for name in NEEDED:
        source = dist / name
        if source.is_dir():
            shutil.copytree(source, out / name)
        else:
            shutil.copy2(source, out / name)
    return out


@pytest.fixture(scope="module")
def rows(dist: Path) -> tuple[Check, ...]:
    return run_checks(dist)


def test_every_principle_has_a_row_and_the_build_passes(rows: tuple[Check, ...]) -> None:
    assert [r.principle for r in rows if r.status != INFO]
    assert sorted({r.principle for r in rows}) == sorted(PRINCIPLES)
    assert not [r for r in rows if r.status == FAIL], [r for r in rows if r.status == FAIL]


def test_what_cannot_be_checked_offline_is_informative_not_a_pass(rows: tuple[Check, ...]) -> None:
    informative = {r.title for r in rows if r.status == INFO}
    assert {"identifiers resolve", "registered in a searchable resource", "long-term archive"} <= informative


def test_cli_prints_the_table_and_exits_0(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fair", str(dist)]) == 0
    out = capsys.readouterr().out
    assert "R1.2" in out and PASS in out and "FAIR self-check:" in out


def test_a_changed_file_fails_a1_and_exits_1(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (copy / "references.bib").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    rows = run_checks(copy)
    assert [r.status for r in rows if r.principle == "A1"] == [FAIL]
    assert main(["fair", str(copy)]) == 1
    assert "references.bib differs from void.ttl" in capsys.readouterr().out


def test_a_dump_that_no_longer_matches_its_checksum_fails_a1_naming_it(copy: Path) -> None:
    """Issue 10: the checks trust a dump's bytes only through the SHA-256 void.ttl states for it.
    One character of a literal changed, same size, still valid RDF: A1 fails naming the file, and
    I1 parses it again instead of counting it as verified."""
    for name in ("mskio.nt", "mskio.ttl"):
        data = (copy / name).read_bytes()
        at = data.index(b"Complications")
        (copy / name).write_bytes(data[:at] + b"K" + data[at + 1:])
    rows = run_checks(copy)
    a1 = [r for r in rows if r.principle == "A1"][0]
    assert a1.status == FAIL
    assert "mskio.nt differs from void.ttl" in a1.reason and "mskio.ttl differs from void.ttl" in a1.reason
    i1 = [r for r in rows if r.principle == "I1"][0]
    assert i1.status == PASS and "1 dumps match the SHA-256 in void.ttl" in i1.reason  # mskio.jsonld alone
    assert load_dist(copy).facts.method == "parsed"


def test_a_blank_node_added_to_the_dump_is_found_by_the_parse(copy: Path) -> None:
    """A dump that differs from its checksum is read by a full parse: a blank node in it fails F1."""
    with (copy / "mskio.nt").open("a", encoding="utf-8") as handle:
        handle.write('_:b0 <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n')
    f1 = [r for r in run_checks(copy) if r.principle == "F1"][0]
    assert f1.status == FAIL and "1 blank nodes" in f1.reason


def test_the_scan_of_the_build_s_dump_reads_what_a_full_parse_reads(dist: Path) -> None:
    """The fast pass over the checksum-verified mskio.nt gives the same facts as pyoxigraph's parser,
    and its counts are those of the file's lines."""
    loaded = load_dist(dist)
    assert loaded.facts.method == "scanned"
    vocabularies = tuple(sorted(o.value for o in loaded.void.objects(loaded.dataset, "http://rdfs.org/ns/void#vocabulary")))
    parsed = _parse_facts(dist / "mskio.nt", dataset=loaded.dataset, base=loaded.base, vocabularies=vocabularies)
    assert parsed.method == "parsed"
    assert {**vars(loaded.facts), "method": ""} == {**vars(parsed), "method": ""}
    lines = (dist / "mskio.nt").read_text(encoding="utf-8").splitlines()
    entry = " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://purl.org/spar/biro/BibliographicReference> ."
    assert loaded.facts.triples == len(lines)
    assert len(loaded.facts.entries) == sum(1 for line in lines if line.endswith(entry)) > 0
    assert loaded.facts.subjects == len({line.split(" ", 1)[0] for line in lines})
    assert loaded.facts.data == sum(1 for line in lines
                                    if not line.startswith((f"<{loaded.dataset}> ", f"<{loaded.dataset}/")))


def test_a_missing_licence_fails_r11(copy: Path) -> None:
    text = (copy / "void.ttl").read_text(encoding="utf-8")
    (copy / "void.ttl").write_text(text.replace("dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/> ;",
                                                "", 1), encoding="utf-8")
    rows = run_checks(copy)
    assert [r.status for r in rows if r.principle == "R1.1"] == [FAIL]


def test_a_broken_nanopub_fails_r13(copy: Path) -> None:
    path = sorted((copy / "nanopubs").glob("*.trig"))[0]
    text = path.read_text(encoding="utf-8")
    start = text.index("sub:pubinfo {")
    path.write_text(text[:start] + text[text.index("}", start) + 1:], encoding="utf-8")
    rows = [r for r in run_checks(copy) if r.title == "nanopublications well-formed"]
    assert rows[0].status == FAIL and path.name in rows[0].reason


def test_wrong_statistics_fail_r1(copy: Path) -> None:
    """void:triples of the dataset must be the number of triples mskio.nt holds (one a line)."""
    text = (copy / "void.ttl").read_text(encoding="utf-8")
    held = len((copy / "mskio.nt").read_text(encoding="utf-8").splitlines())
    stated = f"void:triples {held} ;"
    assert text.count(stated) == 1
    (copy / "void.ttl").write_text(text.replace(stated, f"void:triples {held + 1} ;"), encoding="utf-8")
    assert [r.status for r in run_checks(copy) if r.principle == "R1"] == [FAIL]


def test_links_to_other_datasets_include_the_ontology_mappings(rows: tuple[Check, ...]) -> None:
    i3 = [r for r in rows if r.principle == "I3"]
    assert i3[0].status == PASS and "0 SKOS" not in i3[0].reason


def test_missing_dist_is_bad_input(tmp_path: Path) -> None:
    assert main(["fair", str(tmp_path / "nowhere")]) == 2


@pytest.fixture
def copy_with_site(copy: Path, dist: Path) -> Path:
    shutil.copytree(dist / "site", copy / "site")
    return copy


def test_site_pages_are_verified_by_their_recorded_checksums(rows: tuple[Check, ...], dist: Path) -> None:
    """Issue 10: the site's pages are checked against site/SHA256SUMS, not re-parsed one by one."""
    i1 = [r for r in rows if r.principle == "I1"][0]
    pages = sum(1 for p in (dist / "site").rglob("*") if p.suffix in (".ttl", ".jsonld", ".nt")
                and p.name != "context.jsonld")  # pages, and the copies of the dumps
    assert pages > 900  # 472 pages with a Turtle and a JSON-LD variant each, and the copies of the dumps
    assert i1.status == PASS and f"{pages} site pages match the SHA-256" in i1.reason


def test_a_changed_site_page_fails_i1(copy_with_site: Path) -> None:
    page = copy_with_site / "site" / "work" / "2019-auloge-62b1a68c.ttl"
    page.write_bytes(page.read_bytes().replace(b"Complications", b"Complication", 1))  # still valid Turtle
    i1 = [r for r in run_checks(copy_with_site) if r.principle == "I1"][0]
    assert i1.status == FAIL and "site/work/2019-auloge-62b1a68c.ttl (differs from its SHA-256" in i1.reason


def test_a_missing_site_page_fails_i1(copy_with_site: Path) -> None:
    (copy_with_site / "site" / "person" / "cazzato-rl.jsonld").unlink()
    i1 = [r for r in run_checks(copy_with_site) if r.principle == "I1"][0]
    assert i1.status == FAIL and "site/person/cazzato-rl.jsonld (listed in site/SHA256SUMS, missing)" in i1.reason


def test_site_pages_hashed_by_forked_processes_give_the_same_rows(copy_with_site: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 10: run_checks hashes a large site's pages in forked processes (fair.SitePages); the
    seed's site is small, so the threshold is lowered: the rows of the threads, and a changed page
    still fails I1."""
    threads = run_checks(copy_with_site)
    monkeypatch.setattr(fair, "FORKED_PAGES", 1)
    started: list[fair.SitePages | None] = []
    start = fair.SitePages.start

    def recorded_start(root: Path, recorded: dict[str, str]) -> fair.SitePages | None:
        started.append(start(root, recorded))
        return started[-1]

    monkeypatch.setattr(fair.SitePages, "start", recorded_start)
    assert run_checks(copy_with_site) == threads
    assert started and started[0] is not None  # the pages were hashed by the forked processes
    page = copy_with_site / "site" / "person" / "cazzato-rl.ttl"
    page.write_bytes(page.read_bytes() + b"\n")
    i1 = [r for r in run_checks(copy_with_site) if r.principle == "I1"][0]
    assert i1.status == FAIL and "site/person/cazzato-rl.ttl (differs from its SHA-256" in i1.reason


def test_a_site_page_not_in_the_checksums_is_parsed(copy_with_site: Path) -> None:
    (copy_with_site / "site" / "extra.ttl").write_text("this is not turtle", encoding="utf-8")
    i1 = [r for r in run_checks(copy_with_site) if r.principle == "I1"][0]
    assert i1.status == FAIL and "site/extra.ttl" in i1.reason


@pytest.mark.parametrize("name", ["mskio.ttl", "mskio.jsonld", "validation.ttl"])
def test_a_broken_dump_fails_i1(copy: Path, name: str) -> None:
    """The files outside site/ are parsed (by Oxigraph): a truncated dump is not well-formed RDF."""
    data = (copy / name).read_bytes()
    (copy / name).write_bytes(data[: len(data) // 2])
    i1 = [r for r in run_checks(copy) if r.principle == "I1"][0]
    assert i1.status == FAIL and name in i1.reason


def test_the_worker_threads_give_the_rows_of_the_calling_thread(dist: Path, rows: tuple[Check, ...]) -> None:
    """run_checks hashes and parses on worker threads (issue 10); every check, run on a Dist loaded
    without them (everything on the calling thread), gives the same rows."""
    alone = load_dist(dist)
    assert alone.pool is None and not alone.pending and not alone.parsing
    assert tuple(row for check in CHECKS for row in check(alone)) == rows


def test_i1_parses_every_rdf_file_without_a_matching_checksum(rows: tuple[Check, ...], dist: Path) -> None:
    """The parsed count of I1 is the RDF files outside site/ that void.ttl gives no checksum for
    (void.ttl among them, parsed once by load_dist), counted here from the files themselves."""
    void = Graph().parse(dist / "void.ttl", format="turtle")
    dcat, spdx = Namespace("http://www.w3.org/ns/dcat#"), Namespace("http://spdx.org/rdf/terms#")
    listed = {str(url).removeprefix("https://w3id.org/mskio/") for node in void.subjects(RDF.type, dcat.Distribution)
              for url in void.objects(node, dcat.downloadURL)
              if void.value(node, dcat.byteSize) is not None and void.value(node, spdx.checksum) is not None}
    assert "mskio.nt" in listed
    rdf = [p.relative_to(dist).as_posix() for p in dist.rglob("*")
           if p.is_file() and p.suffix in (".ttl", ".nt", ".jsonld", ".trig") and p.name != "context.jsonld"
           and p.relative_to(dist).parts[0] != "site"]
    unlisted = [name for name in rdf if name not in listed]
    assert "void.ttl" in unlisted and "mskio.nt" not in unlisted
    i1 = [r for r in rows if r.principle == "I1"][0]
    assert f"({len(unlisted)} parsed, {len(rdf) - len(unlisted)} dumps match" in i1.reason


@pytest.mark.parametrize("window", [fair.WINDOW, mmap.ALLOCATIONGRANULARITY])
def test_sha256_of_small_large_empty_and_missing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       window: int) -> None:
    """_sha256 reads a small file in pieces and maps a large one (MAPPED bytes or more), WINDOW bytes
    at a time (one window, or many and a part): the same digest as hashlib over the bytes; None for
    a file that cannot be read."""
    monkeypatch.setattr(fair, "WINDOW", window)
    contents = {"empty": b"", "small": b"<a> <b> <c> .\n" * 10, "large": bytes(range(256)) * (MAPPED // 256 + 3)}
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
    assert len(contents["large"]) >= MAPPED > len(contents["small"])
    assert len(contents["large"]) % window and (len(contents["large"]) > 3 * window or window == fair.WINDOW)
    paths = [str(tmp_path / name) for name in contents] + [str(tmp_path / "missing"), str(tmp_path)]
    expected = [hashlib.sha256(data).hexdigest() for data in contents.values()] + [None, None]
    assert [_sha256(p) for p in paths] == expected
    assert _sha256_all(paths, None) == expected
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert _sha256_all(paths * (SITE_BATCH // 2), pool) == expected * (SITE_BATCH // 2)  # several batches
        assert pool.submit(_file_digest, paths[2]).result() == (len(contents["large"]), expected[2])
    assert _file_digest(paths[-1]) == (-1, None)


def test_well_formed_parses_by_the_extension(tmp_path: Path) -> None:
    (tmp_path / "good.nt").write_text("<https://example.org/a> <https://example.org/b> \"c\" .\n", encoding="utf-8")
    (tmp_path / "bad.ttl").write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    (tmp_path / "good.ttl").write_text("@prefix e: <https://example.org/> .\ne:a e:b e:c .\n", encoding="utf-8")
    assert [_well_formed(str(tmp_path / n)) for n in ("good.nt", "bad.ttl", "good.ttl")] == [True, False, True]
    assert _rdf_format("site/context.jsonld") is None and _rdf_format("a/b.trig") is not None
    with pytest.raises(ValueError):
        _well_formed(str(tmp_path / "notes.txt"))


def test_the_scan_in_pieces_on_threads_reads_what_one_pass_reads(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """_scan_dump on two threads over many small pieces of mskio.nt (each read into its own _Scan,
    then merged) reads what one thread reads in pieces of the default size."""
    loaded = load_dist(dist)
    whole = _scan_dump(dist / "mskio.nt", dataset=loaded.dataset, base=loaded.base)
    assert whole is not None and whole.lines == len((dist / "mskio.nt").read_bytes().splitlines())
    monkeypatch.setattr(fair, "CHUNK", 1 << 14)
    assert (dist / "mskio.nt").stat().st_size > 20 * fair.CHUNK  # many pieces
    pieces = _scan_dump(dist / "mskio.nt", dataset=loaded.dataset, base=loaded.base, threads=2)
    assert pieces is not None and vars(pieces) == vars(whole)


@pytest.mark.parametrize("text", [
    b"<a> <b> <c> .\n",
    b"<a_b> <b> \"x_y\" .\n" * 3,
    b"<a> <b> _:c .\n",
    b"<a_b> <b> <c_d> .\n" * (fair.FEW + 5),  # more '_' than are looked at one by one: numpy
    b"<a_b> <b> <c_d> .\n" * (fair.FEW + 5) + b"<a> <b> _:c .\n",
    b"_:a <b> <c> .\n" + b"<a_b> <b> <c_d> .\n" * (fair.FEW + 5),
])
def test_a_blank_node_label_is_found_in_a_piece(tmp_path: Path, text: bytes) -> None:
    """_has_blank_label finds "_:" in a piece of the dump (one line or many, after few or many '_'
    that start no label), as `in` does; at an offset, as the pieces after the first are."""
    path = tmp_path / "piece.nt"
    path.write_bytes(b"<z> <z> <z> .\n" + text)
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        start = len(b"<z> <z> <z> .\n")
        x = np.frombuffer(text, dtype=np.uint8)
        assert fair._has_blank_label(mm, x, start, len(mm)) == (b"_:" in text)


def test_conforms_reads_the_report_s_boolean(tmp_path: Path) -> None:
    """R1.3's reading of validation.ttl (on a worker thread in run_checks): the sh:conforms
    boolean, None when the file is missing, broken or states none."""
    head = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    reports = {"true": (head + "[] a sh:ValidationReport ; sh:conforms true .\n", True),
               "false": (head + "[] a sh:ValidationReport ; sh:conforms \"0\"^^xsd:boolean .\n", False),
               "none": (head + "[] a sh:ValidationReport .\n", None),
               "text": (head + "[] sh:conforms \"yes\" .\n", None),
               "broken": (head + "[] sh:conforms \n", None)}
    for name, (text, _) in reports.items():
        (tmp_path / f"{name}.ttl").write_text(text, encoding="utf-8")
    assert {name: fair._conforms(str(tmp_path / f"{name}.ttl")) for name in reports} == \
        {name: expected for name, (_, expected) in reports.items()}
    assert fair._conforms(str(tmp_path / "missing.ttl")) is None


def test_a_report_that_does_not_conform_fails_r13(copy: Path) -> None:
    text = (copy / "validation.ttl").read_text(encoding="utf-8")
    assert text.count("sh:conforms true") == 1
    (copy / "validation.ttl").write_text(text.replace("sh:conforms true", "sh:conforms false"), encoding="utf-8")
    r13 = [r for r in run_checks(copy) if r.title == "conforms to the mskio SHACL shapes"]
    assert [r.status for r in r13] == [FAIL] and "sh:conforms False" in r13[0].reason


def test_outside_finds_the_iris_under_none_of_the_namespaces() -> None:
    """_outside (I3's sieve over the scanned objects) against str.startswith, with namespaces that
    share their first 8 bytes, one a prefix of another, and one longer than 24 bytes."""
    namespaces = ["https://w3id.org/mskio/", "https://w3id.org/other/", "http://www.w3.org/ns/prov#",
                  "http://www.w3.org/2004/02/skos/core#", "http://p", "http://purl.org/spar/biro/"]
    iris = ["https://w3id.org/mskio/work/1", "https://w3id.org/other/x", "https://w3id.org/third/x",
            "http://www.w3.org/ns/prov#Entity", "http://www.w3.org/ns/provenance", "http://purl.org/x",
            "http://www.w3.org/2004/02/skos/core#exactMatch", "http://www.w3.org/2004/02/skos/cor",
            "https://doi.org/10.1/x", "http://id.nlm.nih.gov/mesh/D1", "https://w3id.org/mskio"] * 3
    text = b"".join(f"<{iri}> .\n".encode("utf-8") for iri in iris)
    positions, at = [], 0
    for iri in iris:
        positions.append(at + 1)
        at += len(iri) + 5  # "<", the IRI, "> .", the line end
    buffer = text + bytes(fair.PAD + 8)
    words = fair._words(buffer, 0, len(text) + fair.PAD)
    found = fair._outside(words, np.array(positions), namespaces).tolist()
    assert found == [i for i, iri in enumerate(iris) if not iri.startswith(tuple(namespaces))]
    assert 0 < len(found) < len(iris)


@pytest.mark.parametrize("name", [".ttl", "..ttl", "site/.ttl", "site/..b.ttl", "a.b/c", "a.b/c.nt", "x.", "x..ttl",
                                  "...", "site/context.jsonld", "context.jsonld.ttl", "a.TTL", "site/work/b.jsonld",
                                  ".a.nt", "b.trig", "noext", "mskio.nq"])
def test_rdf_format_reads_the_extension_as_splitext_does(name: str) -> None:
    """_rdf_format finds a name's extension without os.path.splitext (issue 10: it is asked of every
    file of dist/), the same one: the last dot's, leading dots of the file's name not counted."""
    expected = None if name.rsplit("/", 1)[-1] == "context.jsonld" else fair.OXIGRAPH_FORMATS.get(
        os.path.splitext(name)[1])
    assert _rdf_format(name) == expected
