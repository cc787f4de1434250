"""Bad input: one line naming file and line, a non-zero exit, no traceback, no half-written dist/.

And the other side of "nothing lost": an entry that does not fully parse is published, flagged.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from mskio.cli import main
from mskio.namespaces import BIRO, C4O, MSKIO
from mskio.store import dataset_files, read_dataset
from tests.conftest import SOURCE
from tests.test_queries import answer, numbers

GOOD = SOURCE.read_text(encoding="utf-8")
LINES = GOOD.split("\n")[:-1]
BAD_DATA = Path(__file__).resolve().parent / "data" / "bad"


def without_progress(err: str) -> str:
    """stderr without the build's progress lines (`mskio build: [ 1/12] ...`, one per stage when
    stderr is not a terminal), which come before any error."""
    return "".join(line for line in err.splitlines(keepends=True) if not line.startswith("mskio build: ["))


def run_build(tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    out = tmp_path / "dist"
    code = main(["build", str(source), "--out", str(out)])
    return code, without_progress(capsys.readouterr().err), out


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def replace_line(number: int, text: str) -> bytes:
    lines = list(LINES)
    lines[number - 1] = text
    return ("\n".join(lines) + "\n").encode("utf-8")


def drop_lines(first: int, last: int) -> bytes:
    lines = LINES[: first - 1] + LINES[last:]
    return ("\n".join(lines) + "\n").encode("utf-8")


# (id, file bytes, expected line, words the message must contain)
BAD: list[tuple[str, bytes, int, str]] = [
    ("empty", b"", 1, "empty file"),
    ("blank-lines-only", b"\n\n  \n", 1, "empty file"),
    ("binary", b"DOI: 10.1/x\nabc\x00\x01\x02", 2, "binary file"),
    ("not-utf8", "DOI: 10.1/x\nTitle\nAbstract\ncaf\u00e9\n".encode("latin-1"), 4, "not UTF-8"),
    ("no-references-section", drop_lines(15, 76), 14, "no 'References' section"),
    ("duplicate-number", replace_line(19, LINES[18].replace("- 3 ", "- 2 ", 1)), 19, "duplicate reference number 2"),
    ("missing-number", drop_lines(20, 20), 20, "reference number 5 where 4 was expected"),
    ("unrecognised-line", replace_line(30, "this line is not a reference entry"), 30, "does not start with"),
    ("bad-date", replace_line(9, "Received: 31 Juny 2025"), 9, "date"),
    ("no-doi", replace_line(2, "no identifier here"), 1, "DOI"),
    # issue 14: a stray heading inside the references (before: exit 0, 44 of 59 entries published)
    ("stray-abstract-heading", (BAD_DATA / "stray-abstract-heading.txt").read_bytes(), 61,
     "heading 'Abstract' inside the reference list"),
    ("entry-number-of-5000-digits", replace_line(17, "- " + "7" * 5000 + " Callstrom MR. T. J 2009; 38 (09) 835-839"),
     17, "reference number 777777777777... (5000 digits) where 1 was expected"),
]


@pytest.mark.parametrize(("case", "data", "line", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_source_one_line_error_no_dist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, data: bytes, line: int, words: str
) -> None:
    source = write(tmp_path, f"{case}.txt", data)
    code, err, out = run_build(tmp_path, source, capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"mskio: error: {source}:{line}: "), lines[0]
    assert words in lines[0]
    assert "Traceback" not in err
    assert not out.exists()


def test_failed_build_leaves_previous_dist_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    dist: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(dist, out)  # a previous build of the review (the session's)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = write(tmp_path, "bad.txt", b"")
    assert main(["build", str(bad), "--out", str(out)]) == 2
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dist")] == []


def test_unwritable_output_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = write(tmp_path, "a-file", b"x")
    code = main(["build", str(SOURCE), "--out", str(blocker / "dist")])
    err = without_progress(capsys.readouterr().err)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert str(blocker / "dist") in err and "cannot" in err


def test_missing_source_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, out = run_build(tmp_path, tmp_path / "nope.txt", capsys)
    assert code == 2
    assert "nope.txt" in err and "cannot read file" in err
    assert not out.exists()


PARTIAL_RAW = "Deschamps F, Farouil G, Ternes N. et al. Thermal ablation techniques without any citation"


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path, Path]:
    """`mskio build` of the review with entry 7 (line 23) cut after its title, so that it no longer
    parses fully: (exit code, stderr without progress lines, the source, dist/)."""
    tmp_path = tmp_path_factory.mktemp("partial")
    source = write(tmp_path, "partial.txt", replace_line(23, f"- 7 {PARTIAL_RAW}"))
    out = tmp_path / "dist"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["build", str(source), "--out", str(out)])
    return code, without_progress(err.getvalue()), source, out


def test_entry_that_does_not_parse_is_published_and_flagged(partial: tuple[int, str, Path, Path]) -> None:
    # Entry 7 loses its journal/year/volume part: it still has a number and raw text.
    raw = PARTIAL_RAW
    code, err, source, out = partial
    assert code == 0, err
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert "(59 fully parsed, 1 flagged)" in summary
    assert f"flagged: {source.name}:23: reference 7:" in summary
    graph = Graph().parse(out / "mskio.ttl")
    entry = URIRef("https://w3id.org/mskio/reference/10-1055-a-2744-8457/7")
    assert (entry, RDF.type, BIRO.BibliographicReference) in graph
    assert (entry, C4O.hasContent, Literal(raw)) in graph
    assert (entry, MSKIO.fullyParsed, Literal(False)) in graph
    assert graph.value(entry, MSKIO.parseProblem) is not None
    assert len(set(graph.subjects(RDF.type, BIRO.BibliographicReference))) == 60
    report = (out / "validation.txt").read_text(encoding="utf-8")
    assert any(
        line.startswith("Warning") and "/reference/10-1055-a-2744-8457/7" in line and "SHOULD parse fully" in line
        for line in report.splitlines()
    ), report


def test_not_fully_parsed_entry_is_listed_with_its_raw_text(partial: tuple[int, str, Path, Path]) -> None:
    code, err, source, out = partial
    assert code == 0, err
    store = read_dataset(dataset_files(out))
    table = answer(store, "references_not-fully-parsed")
    assert numbers(table) and set(numbers(table)) == {7}
    row = table.records()[0]
    assert row["rawText"].startswith("Deschamps F, Farouil G, Ternes N. et al.")  # type: ignore[union-attr]
    lines = source.read_text(encoding="utf-8").splitlines()
    assert row["problem"] and row["sourceLine"] == str(lines.index(next(
        line for line in lines if line.startswith("- 7 "))) + 1)
    missing = {int(r["number"] or 0): r["missing"] for r in answer(store, "works_missing-citation-fields").records()}
    assert 7 in missing and "journal" in (missing[7] or "")


def test_issue14_line_separators_in_titles_survive_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # U+2028 in the review's title, U+2029 in entry 5's title, U+0085 in entry 10's (see
    # tests/data/bad/): they are characters of a line, not line ends, in the page and in every dump.
    source = BAD_DATA / "line-separators-inside-lines.txt"
    out = tmp_path / "dist"
    code = main(["build", str(source), "--out", str(out), "--no-reason"])
    err = capsys.readouterr().err
    assert code == 0, err
    for name, fmt in (("mskio.nt", "nt"), ("mskio.ttl", "turtle")):
        graph = Graph().parse(out / name, format=fmt)
        review = URIRef("https://doi.org/10.1055/a-2744-8457")
        assert graph.value(review, DCTERMS.title) == Literal(
            "Percutaneous Cryoablation for the Management\u2028of Bone and Soft Tissue Tumors"), name
        entries = set(graph.subjects(RDF.type, BIRO.BibliographicReference))
        assert len(entries) == 60, name
        entry5 = URIRef("https://w3id.org/mskio/reference/10-1055-a-2744-8457/5")
        assert graph.value(entry5, DCTERMS.title) == Literal(
            "Complications of percutaneous bone tumor cryoablation:\u2029a 10-year experience"), name
        entry10 = URIRef("https://w3id.org/mskio/reference/10-1055-a-2744-8457/10")
        assert "oligometastatic\x85patients" in str(graph.value(entry10, C4O.hasContent)), name


# --------------------------------------------------------------------------- issue 14: RDF files
# `mskio validate FILE`: an empty file does not validate as conforming, and a syntax error names
# its line. Each expected line was read off the file in tests/data/bad/ by hand.

# (file, line, words of the message)
BAD_RDF: list[tuple[str, int, str]] = [
    ("empty.nt", 1, "empty file: no triples"),
    ("blank.ttl", 1, "empty file: no triples"),
    ("comments-only.ttl", 1, "no triples"),
    ("truncated.nt", 3, "not valid N-Triples"),          # line 3 ends inside its literal, no '.'
    ("bad-iri.nt", 2, "not valid N-Triples"),            # <not an IRI>
    ("bad-literal.ttl", 4, "not valid Turtle"),          # the abstract's string is never closed
    ("missing-dot.ttl", 4, "not valid Turtle"),          # line 3 has no '.', so line 4's subject is unexpected
    ("bad.rdf", 5, "not valid RDF/XML"),                 # </rdf:RDF> closes an open rdf:Description
    ("bad.jsonld", 4, "not valid JSON-LD"),              # the trailing comma before '}'
]


@pytest.mark.parametrize(("name", "line", "words"), BAD_RDF, ids=[b[0] for b in BAD_RDF])
def test_issue14_bad_rdf_file_one_line_error_with_its_line(
    capsys: pytest.CaptureFixture[str], name: str, line: int, words: str
) -> None:
    path = BAD_DATA / name
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    assert code == 2, captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"mskio: error: {path}:{line}: "), lines[0]
    assert words in lines[0]
    assert "conforms" not in captured.out


def test_an_empty_file_among_good_ones_is_still_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "one.nt", b'<https://doi.org/10.1055/a-2744-8457> <http://purl.org/dc/terms/title> "T" .\n')
    code = main(["validate", str(good), str(BAD_DATA / "empty.nt")])
    assert code == 2
    assert f"{BAD_DATA / 'empty.nt'}:1: empty file: no triples" in capsys.readouterr().err


@pytest.mark.parametrize(("shapes", "line", "words"), [
    (b"", 1, "shapes file: empty file: no triples"),  # before: every file validated as conforming
    (b"@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n<#S> a sh:NodeShape ;\n  sh:targetClass <C>\n", 5,
     "shapes file: not valid Turtle"),                  # the statement is never ended with '.'
], ids=["empty", "unterminated"])
def test_issue14_bad_shapes_file_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shapes: bytes, line: int, words: str
) -> None:
    project = tmp_path / "project"
    (project / "shapes").mkdir(parents=True)
    write(project / "shapes", "mskio.ttl", shapes)
    data = write(tmp_path, "one.nt", b'<https://doi.org/10.1055/a-2744-8457> <http://purl.org/dc/terms/title> "T" .\n')
    code = main(["--project", str(project), "validate", str(data)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"mskio: error: {project / 'shapes' / 'mskio.ttl'}:{line}: {words}"), err


def test_remote_jsonld_context_is_not_fetched(capsys: pytest.CaptureFixture[str]) -> None:
    # The build and the checks read no network: a context to download is refused, on its line.
    path = BAD_DATA / "remote-context.jsonld"
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mskio: error: {path}:5: remote JSON-LD context 'https://schema.org/'"), err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["one.nt", "one.ttl"])
def test_a_byte_order_mark_is_not_data(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    # Windows tools write a UTF-8 BOM first; N-Triples and Turtle files with one are read (CRLF too).
    path = write(tmp_path, name, b'\xef\xbb\xbf<https://doi.org/10.1055/a-2744-8457> '
                                 b'<http://purl.org/dc/terms/title> "T" .\r\n')
    code = main(["validate", str(path)])
    out = capsys.readouterr()
    assert code in (0, 1), out.err
    assert out.err == ""
