"""The curated indications, and the checks that stop a wrong curation file from building.

Expected values were read off the abstract of the review by hand: its second sentence gives
the well-established indications, its third the emerging ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from mskio.annotate import annotate_article, compile_matcher
from mskio.cli import main
from mskio.curation import Curation, index_curations, load_curation
from mskio.errors import CurationError
from mskio.namespaces import MSKIO
from mskio.pipeline import BuildConfig, BuildResult, run_build
from mskio.project import Project
from mskio.records import Article
from mskio.terms import Terms
from tests.conftest import CURATION, REVIEW_IRI, ROOT, SOURCE

WELL = ("Well-established indications include the treatment of osteoid osteoma, palliation of painful skeletal "
        "metastases, and local control of oligometastatic disease.")
EMERGING = ("Emerging indications are now a variety of painful benign bone tumors beyond osteoid osteoma, symptomatic "
            "soft tissue lesions (such as desmoid fibromatosis, vascular anomalies, abdominal wall endometriosis), as "
            "well as local recurrences of bone and soft tissue sarcoma.")

# id -> (conditions, excluded, intent, status, sentence, phrase)
EXPECTED = {
    "osteoid-osteoma": ({"OsteoidOsteoma"}, set(), None, "WellEstablished", WELL, "the treatment of osteoid osteoma"),
    "painful-skeletal-metastases": ({"BoneMetastasis"}, set(), "PalliativeIntent", "WellEstablished", WELL,
                                    "palliation of painful skeletal metastases"),
    "oligometastatic-disease": ({"OligometastaticDisease"}, set(), "LocalControlIntent", "WellEstablished", WELL,
                                "local control of oligometastatic disease"),
    "benign-bone-tumours": ({"BenignBoneTumour"}, {"OsteoidOsteoma"}, None, "Emerging", EMERGING,
                            "a variety of painful benign bone tumors beyond osteoid osteoma"),
    "desmoid-fibromatosis": ({"DesmoidFibromatosis"}, set(), None, "Emerging", EMERGING, "desmoid fibromatosis"),
    "vascular-anomalies": ({"VascularAnomaly"}, set(), None, "Emerging", EMERGING, "vascular anomalies"),
    "abdominal-wall-endometriosis": ({"AbdominalWallEndometriosis"}, set(), None, "Emerging", EMERGING,
                                     "abdominal wall endometriosis"),
    "local-recurrence-bone-sarcoma": ({"LocalRecurrence", "BoneSarcoma"}, set(), None, "Emerging", EMERGING,
                                      "local recurrences of bone and soft tissue sarcoma"),
    "local-recurrence-soft-tissue-sarcoma": ({"LocalRecurrence", "SoftTissueSarcoma"}, set(), None, "Emerging",
                                             EMERGING, "local recurrences of bone and soft tissue sarcoma"),
}




def local(iri: URIRef) -> str:
    return str(iri).split("#")[1]


def test_sentences_are_in_the_source_abstract() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert WELL in text and EMERGING in text


def test_nine_indications_in_file_order(curation: Curation) -> None:
    assert [i.id for i in curation.indications] == list(EXPECTED)


@pytest.mark.parametrize("ident", list(EXPECTED))
def test_indication(ident: str, curation: Curation) -> None:
    ind = next(i for i in curation.indications if i.id == ident)
    conditions, excluded, intent, status, sentence, phrase = EXPECTED[ident]
    assert ind.procedure == MSKIO.Cryoablation
    assert {local(c) for c in ind.conditions} == conditions
    assert {local(c) for c in ind.excluding} == excluded
    assert (local(ind.intent) if ind.intent else None) == intent
    assert local(ind.status) == status
    assert ind.sentence == sentence
    assert ind.phrase == phrase


@pytest.mark.parametrize("ident", list(EXPECTED))
def test_indication_in_graph(ident: str, built: BuildResult) -> None:
    g = built.graph
    iri = URIRef(f"https://w3id.org/mskio/indication/10-1055-a-2744-8457/{ident}")
    conditions, _, intent, status, sentence, _ = EXPECTED[ident]
    assert (iri, MSKIO.indicationStatus, MSKIO[status]) in g
    assert (iri, MSKIO.abstractSentence, Literal(sentence)) in g
    assert (iri, MSKIO.statedIn, URIRef(REVIEW_IRI)) in g
    assert {local(c) for c in g.objects(iri, MSKIO.indicationCondition) if isinstance(c, URIRef)} == conditions
    assert set(g.objects(iri, MSKIO.treatmentIntent)) == ({MSKIO[intent]} if intent else set())


# ---------------------------------------------------------------------------
# A wrong curation file fails, naming file and line
# ---------------------------------------------------------------------------

def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the curation file with the first `old` replaced by `new`, and the line it is on."""
    text = CURATION.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / CURATION.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("palliation of painful skeletal metastases, and local control", "palliation of painful bone metastases, and local control",
         "not in the abstract"),
        ('phrase: "desmoid fibromatosis"', 'phrase: "desmoid tumours"', "phrase is not in the sentence"),
        ("conditions: [OsteoidOsteoma]", "conditions: [OsteoidOsteomas]", "unknown condition 'OsteoidOsteomas'"),
        ("procedure: Cryoablation", "procedure: OsteoidOsteoma", "is not a procedure"),
        ("status: WellEstablished", "status: Established", "unknown indication status 'Established'"),
        ("intent: PalliativeIntent", "intent: Palliation", "unknown treatment intent 'Palliation'"),
        ("add: [CaseReport]", "add: [CaseReports]", "unknown term 'CaseReports'"),
        ("reference: 50", "reference: 61", "not a reference number"),
        ("remove: [PracticeGuideline]", "remove: [SystematicReview]", "the override is stale"),
        ("add: [RadiofrequencyAblation]", "add: [OsteoidOsteoma]", "already matched in the title"),
        ("id: vascular-anomalies", "id: desmoid-fibromatosis", "already used"),
        ("doi: 10.1055/a-2744-8457", "doi: 10.1055/a-0000-0000", "is for DOI 10.1055/a-0000-0000, not for"),
        ("doi: 10.1055/a-2744-8457", "source: data/sources/percutaneous-cryoablation-review.txt",
         "unknown key 'source'"),
        ("reference: 50", "reference: " + "9" * 5000, "at most 6 digits"),
        ("reference: 50", "reference: ５０", "not a reference number"),
        ("reason: \"'Treatment of a spinal", "reason: " + "[" * 5000 + "x" + "]" * 5000 + "\n    x: \"'",
         "nested more than 12 levels"),
        ("  - reference: 50\n", "  - reference: &n 50\n    x: *n\n", "aliases"),
    ],
    ids=["quote", "phrase", "unknown-condition", "wrong-kind", "status", "intent", "override-term", "reference",
         "stale-remove", "redundant-add", "duplicate-id", "doi", "source-key", "5000-digit-reference",
         "fullwidth-digits", "deeply-nested", "alias"],
)
def test_bad_curation_fails_with_file_and_line(tmp_path: Path, old: str, new: str, message: str,
                                               article: Article, terms: Terms) -> None:
    path, line = broken(tmp_path, old, new)
    with pytest.raises(CurationError) as caught:
        annotate_article(article, compile_matcher(terms), load_curation(path, article=article, terms=terms))
    error = caught.value
    assert message in str(error)
    assert error.path == path
    assert error.line is not None and abs(error.line - line) <= 3
    assert str(error).startswith(f"{path}:{error.line}: ")


def copy_project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    for name in ("ontology", "shapes", "data", "queries"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, root / name)
    return Project(root)


def test_a_quote_not_in_the_abstract_fails_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    path = project.curation / CURATION.name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("beyond osteoid osteoma, symptomatic", "beyond osteoid osteomas, symptomatic", 1),
                    encoding="utf-8")
    out = tmp_path / "dist"
    with pytest.raises(CurationError):
        run_build(BuildConfig(project=project, sources=project.default_sources(), out=out, reason=False))
    code = main(["--project", str(project.root), "build", "--out", str(out), "--no-reason"])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "not in the abstract" in err
    assert not out.exists()


def test_an_unknown_term_fails_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    path = project.curation / CURATION.name
    path.write_text(path.read_text(encoding="utf-8").replace("[DesmoidFibromatosis]", "[DesmoidTumour]", 1),
                    encoding="utf-8")
    code = main(["--project", str(project.root), "build", "--out", str(tmp_path / "dist"), "--no-reason"])
    assert code == 2
    assert "unknown condition 'DesmoidTumour'" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# A curation file is found by the DOI it names, not by its file name
# ---------------------------------------------------------------------------

def test_index_by_doi(tmp_path: Path) -> None:
    shutil.copy(CURATION, tmp_path / "any-name-at-all.yaml")
    assert index_curations(tmp_path) == {"10.1055/a-2744-8457": tmp_path / "any-name-at-all.yaml"}
    assert index_curations(tmp_path / "missing") == {}


def test_two_files_for_one_doi_name_both(tmp_path: Path) -> None:
    shutil.copy(CURATION, tmp_path / "a.yaml")
    shutil.copy(CURATION, tmp_path / "b.yaml")
    with pytest.raises(CurationError) as caught:
        index_curations(tmp_path)
    assert f"{tmp_path / 'a.yaml'}:15" in str(caught.value) and f"{tmp_path / 'b.yaml'}:15" in str(caught.value)


@pytest.mark.parametrize(("text", "message", "line"), [
    ("indications: []\n", "the file lacks doi", 1),
    ("doi: not-a-doi\nindications: []\n", "doi must be a DOI", 1),
    ("# comment\n\ndoi: [10.1055/x]\n", "doi must be a single value", 3),
], ids=["no-doi", "bad-doi", "list-doi"])
def test_bad_doi_key(tmp_path: Path, text: str, message: str, line: int) -> None:
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CurationError) as caught:
        index_curations(tmp_path)
    assert message in str(caught.value) and caught.value.line == line


def test_a_renamed_source_keeps_its_indications(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    renamed = project.sources / "renamed-copy.txt"
    (project.sources / SOURCE.name).rename(renamed)
    (project.curation / CURATION.name).rename(project.curation / "whatever.yaml")
    result = run_build(BuildConfig(project=project, sources=(renamed,), out=tmp_path / "dist", reason=False))
    iri = URIRef("https://w3id.org/mskio/indication/10-1055-a-2744-8457/desmoid-fibromatosis")
    assert (iri, MSKIO.indicationStatus, MSKIO.Emerging) in result.graph
    assert "no curation" not in result.summary


def test_summary_names_the_reviews_without_curation(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project.curation / CURATION.name).unlink()
    result = run_build(BuildConfig(project=project, sources=project.default_sources(), out=tmp_path / "dist",
                                   reason=False))
    assert "  curation       none for 1 review(s): 10.1055/a-2744-8457 (percutaneous-cryoablation-review.txt)" \
        in result.summary.splitlines()
