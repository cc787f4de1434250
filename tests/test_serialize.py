"""Published files: byte-identical rebuilds, isomorphic formats, sorted N-Triples, a minimal context."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph
from rdflib.compare import isomorphic

from mskio.pipeline import BuildResult
from mskio.serialize import used_namespaces
from tests.conftest import ROOT, SOURCE

RDF_FILES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig"}


def digests(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def build_in_subprocess(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-m", "mskio", "build", str(SOURCE), "--out", str(out)],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )


def test_rebuild_is_byte_identical_across_hash_seeds(tmp_path: Path, dist: Path) -> None:
    # `mskio build` in a subprocess under a hash seed that is not this process's (PYTHONHASHSEED as
    # the test run was started, else a random one), against the in-process build of the same source
    seed = "4242" if os.environ.get("PYTHONHASHSEED") != "4242" else "1"
    build_in_subprocess(tmp_path / "a", seed)
    rebuilt = digests(tmp_path / "a")
    assert rebuilt and digests(dist) == rebuilt


def test_jsonld_and_ntriples_are_the_turtle_graph(dist: Path) -> None:
    turtle = Graph().parse(dist / "mskio.ttl", format="turtle")
    jsonld = Graph().parse(dist / "mskio.jsonld", format="json-ld")
    ntriples = Graph().parse(dist / "mskio.nt", format="nt")
    assert len(turtle) > 2000
    assert isomorphic(turtle, jsonld)
    assert isomorphic(turtle, ntriples)


def test_ntriples_are_sorted_and_unique(dist: Path) -> None:
    lines = (dist / "mskio.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_jsonld_reads_like_json(dist: Path) -> None:
    document = json.loads((dist / "mskio.jsonld").read_text(encoding="utf-8"))
    nodes = {node["id"]: node for node in document["@graph"]}
    review = nodes["https://doi.org/10.1055/a-2744-8457"]
    assert review["title"] == "Percutaneous Cryoablation for the Management of Bone and Soft Tissue Tumors"
    assert review["doi"] == "10.1055/a-2744-8457"
    assert len(review["cites"]) == 60
    work = nodes[review["cites"][0]]
    assert {"title", "authors", "journal", "year"} <= set(work)
    assert [n["id"] for n in document["@graph"]] == sorted(n["id"] for n in document["@graph"])


def test_context_declares_only_the_prefixes_used(dist: Path) -> None:
    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    declared = {value for value in context.values() if isinstance(value, str) and value.endswith(("/", "#"))}
    graph = Graph().parse(dist / "mskio.ttl")
    assert declared == used_namespaces(graph)
    assert json.loads((dist / "mskio.jsonld").read_text(encoding="utf-8"))["@context"] == context


def is_ontology_file(relative: Path) -> bool:
    """The OWL ontology as published (dist/ontology/, and its page in the site): OWL 2 maps class
    expressions (restrictions, unions, disjointness) to blank nodes, and OWL tools only read them so.
    The data, the reports and the descriptions have none."""
    return relative.parts[0] == "ontology" or relative.as_posix().startswith("site/ontology.")


def test_only_the_ontology_files_are_exempt(dist: Path) -> None:
    exempt = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*")
                    if p.is_file() and p.suffix in RDF_FILES and is_ontology_file(p.relative_to(dist)))
    assert "ontology/mskio.ttl" in exempt
    assert not [p for p in exempt if p.startswith(("mskio.", "void", "validation", "inferred", "nanopubs/"))]


@pytest.mark.parametrize("suffix", sorted(RDF_FILES))
def test_no_blank_nodes_in_published_files(dist: Path, suffix: str) -> None:
    files = sorted(dist.rglob(f"*{suffix}"))
    if suffix in {".ttl", ".nt", ".jsonld"}:
        assert files, f"no {suffix} file in dist/"
    for path in files:
        if path.name == "context.jsonld" or is_ontology_file(path.relative_to(dist)):
            continue
        fmt = RDF_FILES[suffix]
        graph: Graph
        if fmt == "trig":
            from rdflib import Dataset

            graph = Dataset()
            graph.parse(path, format="trig")
            triples = [q[:3] for q in graph.quads()]
        else:
            graph = Graph().parse(path, format=fmt)
            triples = list(graph)
        assert not [t for t in triples if any(isinstance(x, BNode) for x in t)], path


def test_turtle_states_each_subject_once(dist: Path) -> None:
    # rdflib groups subjects by class, then sorts; every subject's triples sit in one block.
    text = (dist / "mskio.ttl").read_text(encoding="utf-8")
    subjects = [line.split(" ", 1)[0] for line in text.splitlines() if line.startswith("<")]
    assert len(subjects) > 100
    assert len(subjects) == len(set(subjects))


def test_jsonld_is_laid_out_as_pythons_json_writes_it(dist: Path) -> None:
    """orjson writes the JSON-LD; its bytes are json.dumps(indent=2, sort_keys=True, ensure_ascii=False)'s."""
    from rdflib import Literal, URIRef

    from mskio.serialize import to_jsonld

    data = (dist / "mskio.jsonld").read_bytes()
    assert data == (json.dumps(json.loads(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    # text JSON escapes in its own way: control characters, quotes, backslashes, U+2028, astral planes
    tricky = "line\nbreak\ttab \x1f \"quoted\" back\\slash \u2028 é \U0001F600"
    subject, title = URIRef("https://w3id.org/mskio/work/x"), URIRef("http://purl.org/dc/terms/title")
    written = to_jsonld([(subject, title, Literal(tricky))], {"dcterms": "http://purl.org/dc/terms/"})
    body = json.loads(written)
    assert body["@graph"] == [{"@id": "https://w3id.org/mskio/work/x", "dcterms:title": tricky}]
    assert written == (json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _reversed_lines(ntriples: bytes) -> bytes:
    """The same triples, lines in reverse order: not sorted, so Turtle sorts them triple by triple."""
    return b"\n".join(reversed(ntriples.rstrip(b"\n").split(b"\n"))) + b"\n"


def test_turtle_puts_each_subjects_types_first_and_declares_the_prefixes_of_its_iris_only() -> None:
    from mskio.serialize import turtle_from_ntriples

    work = "https://w3id.org/mskio/work/"
    lines = sorted([  # as mskio writes a dump: lines sorted, so a subject's dcterms: lines come before rdf:type's
        f'<{work}a> <http://purl.org/dc/terms/title> "Naming <http://xmlns.com/foaf/0.1/Person> {RDF_TYPE} in a title" .',
        f"<{work}a> {RDF_TYPE} <http://purl.org/ontology/bibo/AcademicArticle> .",
        f"<{work}a> {RDF_TYPE} <http://purl.org/spar/fabio/ResearchPaper> .",
        f'<{work}b> <http://purl.org/dc/terms/date> "2020"^^<http://www.w3.org/2001/XMLSchema#gYear> .',
        f"<{work}b> {RDF_TYPE} <http://purl.org/ontology/bibo/Book> .",
    ])
    ntriples = ("\n".join(lines) + "\n").encode("utf-8")
    turtle = turtle_from_ntriples(ntriples).decode("utf-8")
    header, body = turtle.split("\n\n", 1)
    # foaf: and the title's rdf:type are text in a literal, not IRIs of the graph (Oxigraph's
    # writer puts the prefixes in an order of its own)
    assert sorted(header.split("\n")) == [
        "@prefix bibo: <http://purl.org/ontology/bibo/> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix fabio: <http://purl.org/spar/fabio/> .",
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
    ]
    assert body == (
        f"<{work}a> a bibo:AcademicArticle , fabio:ResearchPaper ;\n"
        f'\tdcterms:title "Naming <http://xmlns.com/foaf/0.1/Person> {RDF_TYPE} in a title" .\n'
        "\n"
        f"<{work}b> a bibo:Book ;\n"
        '\tdcterms:date "2020"^^xsd:gYear .\n'
    )
    assert turtle_from_ntriples(_reversed_lines(ntriples)).decode("utf-8") == turtle


@pytest.mark.parametrize("objects, written", [
    # a tab: raw in a line (before the space in sort order), \t in Oxigraph's writing (after it: "\\" > " ")
    (['"a\tb"', '"a b"'], '"a b" , "a\\tb"'),
    # an explicit xsd:string is a plain literal to Oxigraph: "x" before "x"@en
    (['"x"@en', '"x"^^<http://www.w3.org/2001/XMLSchema#string>'], '"x" , "x"@en'),
    # an upper-case language tag is lower-cased: en-au before en-gb
    (['"x"@EN-GB', '"x"@en-au'], '"x"@en-au , "x"@en-gb'),
])
def test_turtle_orders_objects_as_oxigraph_writes_them(objects: list[str], written: str) -> None:
    from mskio.serialize import turtle_from_ntriples

    lines = sorted(f"<https://w3id.org/mskio/work/a> <http://purl.org/dc/terms/title> {o} ." for o in objects)
    ntriples = ("\n".join(lines) + "\n").encode("utf-8")
    assert turtle_from_ntriples(ntriples).decode("utf-8").endswith(
        f"<https://w3id.org/mskio/work/a> dcterms:title {written} .\n")
    # lines said to be sorted are still checked for what Oxigraph writes otherwise
    assert turtle_from_ntriples(ntriples, sorted_lines=True).decode("utf-8").endswith(
        f"<https://w3id.org/mskio/work/a> dcterms:title {written} .\n")


def test_turtle_of_the_dumps_is_the_same_from_unsorted_lines(dist: Path) -> None:
    from mskio.serialize import turtle_from_ntriples

    ntriples = (dist / "mskio.nt").read_bytes()
    assert turtle_from_ntriples(_reversed_lines(ntriples)) == (dist / "mskio.ttl").read_bytes()
    review = sorted((dist / "reviews").glob("*.nt"))[0]
    assert turtle_from_ntriples(_reversed_lines(review.read_bytes())) == review.with_suffix(".ttl").read_bytes()


def test_turtle_of_lines_said_to_be_sorted_is_the_same(dist: Path) -> None:
    from mskio.serialize import turtle_from_ntriples

    for dump in [dist / "mskio.nt", *sorted((dist / "reviews").glob("*.nt"))]:
        ntriples = dump.read_bytes()
        assert turtle_from_ntriples(ntriples, sorted_lines=True) == dump.with_suffix(".ttl").read_bytes()


MERGES = [
    (b"<b>\n<d>\n<f>\n", ["<e>", "<a>", "<d>", "<g>", "<a>"], b"<a>\n<b>\n<d>\n<e>\n<f>\n<g>\n"),
    (b"", ["<b>", "<a>"], b"<a>\n<b>\n"),
    (b"<a>\n", [], b"<a>\n"),
    (b"", [], b""),
    # UTF-8 bytes sort as their code points: "\u00e9" (C3 A9) after "z", "\u4e2d" (E4 B8 AD) after it
    ('<x> "z" .\n<x> "\u4e2d" .\n'.encode(), ['<x> "\u00e9" .'], '<x> "z" .\n<x> "\u00e9" .\n<x> "\u4e2d" .\n'.encode()),
    # a line that another starts with sorts before it; the document's last line given again
    (b"<a> x\n<c>\n", ["<a>", "<c>", "<c> y"], b"<a>\n<a> x\n<c>\n<c> y\n"),
]
"""(a sorted document, lines to add, the merge): written by hand."""


@pytest.mark.parametrize("document, more, expected", MERGES)
def test_merged_document_places_new_lines_among_sorted_ones_once_each(document: bytes, more: list[str],
                                                                      expected: bytes) -> None:
    from mskio.serialize import merged_document

    assert b"".join(merged_document(document, more)) == expected


def test_merged_document_refuses_a_document_without_its_last_line_end() -> None:
    from mskio.serialize import merged_document

    with pytest.raises(ValueError, match="line end"):
        b"".join(merged_document(b"<a>\n<b>", ["<c>"]))


def test_merged_document_is_the_sorted_union_of_many_lines() -> None:
    """More lines than one piece holds (mskio.serialize._MERGED_PIECES), interleaved and repeated:
    the pieces joined are the sorted, distinct union, as Python's sorted(set) makes it."""
    import random

    from mskio.serialize import _MERGED_PIECES, merged_document

    rng = random.Random(10)
    lines = [f"<https://w3id.org/mskio/x/{rng.randrange(50_000)}> <p> \"{n}\" ." for n in range(4 * _MERGED_PIECES)]
    document_lines = sorted(set(lines[::2]))
    more = lines[1::2] + lines[:100]  # some already in the document
    document = ("\n".join(document_lines) + "\n").encode()
    pieces = list(merged_document(document, more))
    assert len(pieces) > 1
    assert b"".join(pieces) == ("\n".join(sorted(set(lines))) + "\n").encode()


@pytest.mark.parametrize("block", [1, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("document, more, expected", MERGES)
def test_merged_file_reads_the_file_a_block_at_a_time_and_merges_as_merged_document(
        tmp_path: Path, block: int, document: bytes, more: list[str], expected: bytes) -> None:
    """The same cases, the document in a file read `block` bytes at a time: blocks that cut a
    line, a line longer than a block, new lines that sort before, between and after the blocks'
    lines, and lines the document already has."""
    from mskio.serialize import merged_file

    path = tmp_path / "document.nt"
    path.write_bytes(document)
    assert b"".join(merged_file(path, more, block=block)) == expected


def test_merged_file_refuses_a_file_without_its_last_line_end(tmp_path: Path) -> None:
    from mskio.serialize import merged_file

    path = tmp_path / "document.nt"
    path.write_bytes(b"<a>\n<b>")
    with pytest.raises(ValueError, match="document.nt: an N-Triples document ends with a line end"):
        b"".join(merged_file(path, ["<c>"], block=3))


def test_merged_file_is_the_sorted_union_of_many_lines(tmp_path: Path) -> None:
    import random

    from mskio.serialize import merged_file

    rng = random.Random(11)
    lines = [f"<https://w3id.org/mskio/x/{rng.randrange(50_000)}> <p> \"{n}\" ." for n in range(20_000)]
    path = tmp_path / "document.nt"
    path.write_bytes(("\n".join(sorted(set(lines[::2]))) + "\n").encode())
    more = lines[1::2] + lines[:100]
    assert b"".join(merged_file(path, more, block=4096)) == ("\n".join(sorted(set(lines))) + "\n").encode()


def test_a_documents_lines_are_its_sorted_lines_without_line_ends() -> None:
    from mskio.serialize import document_lines

    first = document_lines(b"<a> <p> <b> .\n<c> <p> <d> .\n")
    assert first == [b"<a> <p> <b> .", b"<c> <p> <d> ."]
    assert document_lines(b"") == []
    with pytest.raises(ValueError, match="line end"):
        document_lines(b"<a> <p> <b> .")


def test_sorted_document_pieces_are_the_document_cut_at_line_ends() -> None:
    from mskio.serialize import sorted_document, sorted_document_pieces

    ordered = [f"<urn:x:{n:02d}> <urn:p> \"{n}\" ." for n in range(7)]
    pieces = list(sorted_document_pieces(ordered, lines=3))
    assert [piece.count(b"\n") for piece in pieces] == [3, 3, 1]
    assert b"".join(pieces) == sorted_document(ordered)
    assert list(sorted_document_pieces([])) == []
