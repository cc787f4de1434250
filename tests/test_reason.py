"""HermiT on the ontology and the data: consistency, inferences the axioms imply, and each failure typed.

HermiT runs on the machine's Java (no mocks). The expected inferences follow from axioms read in
ontology/mskio.ttl: OsteoidOsteoma ⊑ BenignBoneTumour, BenignBoneTumourStudy ≡ isAbout some
BenignBoneTumour, BenignBoneTumour disjoint with MalignantBoneTumour, and so on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mskio.cli import main
from mskio.errors import InconsistentOntology, JavaHeapTooSmall, JavaMissing, UnsatisfiableClasses
from mskio.iris import Minter
from mskio.namespaces import BIBO, MSKIO
from mskio.pipeline import BuildResult
from mskio.reason import ReasoningResult, reason
from mskio.records import Article
from mskio.terms import load_ontology
from tests.conftest import ROOT

X = "https://w3id.org/mskio/test/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ROOT / "ontology" / "mskio.ttl")


@pytest.fixture(scope="module")
def review_reasoning(built: BuildResult) -> ReasoningResult:
    result = built.extras["reasoning"]
    assert isinstance(result, ReasoningResult)
    return result


def work(article: Article, number: int) -> URIRef:
    return Minter().work(next(r for r in article.references if r.number == number))


def test_ontology_alone_is_consistent_and_classified(ontology: Graph) -> None:
    result = reason(ontology, Graph())
    assert (MSKIO.OsteoidOsteoma, MSKIO.BenignBoneTumour) in result.hierarchy
    assert (MSKIO.SpinalMetastasis, MSKIO.BoneMetastasis) in result.hierarchy
    # entailed through the chain OsteoidOsteoma ⊑ BenignBoneTumour ⊑ BoneTumour ⊑ MusculoskeletalTumour
    assert (MSKIO.OsteoidOsteoma, RDFS.subClassOf, MSKIO.MusculoskeletalTumour) in result.inferred
    assert (MSKIO.BoneMetastasis, RDFS.subClassOf, MSKIO.MalignantNeoplasm) in result.inferred
    assert (MSKIO.Cryoablation, RDFS.subClassOf, MSKIO.ThermalAblation) not in result.inferred


def test_review_data_is_consistent(review_reasoning: ReasoningResult) -> None:
    assert review_reasoning.individuals > 60
    assert len(review_reasoning.inferred) > 0


def test_an_osteoid_osteoma_study_is_a_benign_bone_tumour_study(review_reasoning: ReasoningResult,
                                                                  article: Article) -> None:
    inferred = review_reasoning.inferred
    w30 = work(article, 30)  # "Osteoid osteoma: percutaneous CT-guided cryoablation is a safe ..."
    topic = Minter().topic(w30, "OsteoidOsteoma")
    assert (topic, RDF.type, MSKIO.BenignBoneTumour) in inferred
    assert (topic, RDF.type, MSKIO.BoneTumour) in inferred
    assert (w30, RDF.type, MSKIO.BenignBoneTumourStudy) in inferred
    assert (w30, RDF.type, MSKIO.CryoablationStudy) in inferred
    assert (w30, RDF.type, BIBO.Document) in inferred  # the domain of mskio:isAbout
    assert (w30, RDF.type, MSKIO.MalignantBoneTumourStudy) not in inferred


def test_inferred_study_classes(review_reasoning: ReasoningResult, article: Article) -> None:
    inferred = review_reasoning.inferred
    assert (work(article, 37), RDF.type, MSKIO.MalignantBoneTumourStudy) in inferred  # painful bone metastases
    assert (work(article, 20), RDF.type, MSKIO.MalignantBoneTumourStudy) in inferred  # spinal metastases
    assert (work(article, 13), RDF.type, MSKIO.SoftTissueLesionStudy) in inferred  # desmoid tumors
    assert (work(article, 16), RDF.type, MSKIO.SoftTissueLesionStudy) in inferred  # abdominal wall endometriosis
    for number in (26, 27, 49):  # radiofrequency ablation, radiofrequency energy, cryotherapy in surgery
        assert (work(article, number), RDF.type, MSKIO.CryoablationStudy) not in inferred
    assert (work(article, 53), RDF.type, MSKIO.Review) in inferred  # a systematic review is a review


def test_inferred_triples_are_kept_apart(built: BuildResult, review_reasoning: ReasoningResult) -> None:
    assert not any(t in built.graph for t in review_reasoning.inferred)


def planted(*triples: tuple[URIRef, URIRef, URIRef]) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def test_planted_contradiction_benign_and_malignant(ontology: Graph) -> None:
    lesion = URIRef(X + "lesion")
    data = planted((lesion, RDF.type, MSKIO.OsteoidOsteoma), (lesion, RDF.type, MSKIO.BoneMetastasis))
    with pytest.raises(InconsistentOntology) as caught:
        reason(ontology, data)
    assert "<https://w3id.org/mskio/test/lesion> is both mskio:BenignBoneTumour and mskio:MalignantBoneTumour" \
        in str(caught.value)
    assert caught.value.exit_code == 1


def test_planted_contradiction_through_a_property(ontology: Graph) -> None:
    """A work about a topic that is both a bone tumour and a soft-tissue lesion."""
    w, topic = URIRef(X + "work"), URIRef(X + "topic")
    data = planted((w, MSKIO.isAbout, topic), (topic, RDF.type, MSKIO.Chondroblastoma),
                   (topic, RDF.type, MSKIO.DesmoidFibromatosis))
    with pytest.raises(InconsistentOntology):
        reason(ontology, data)


def test_unsatisfiable_class(ontology: Graph) -> None:
    broken = Graph()
    broken += ontology
    odd = MSKIO.BenignMetastasis
    broken.add((odd, RDF.type, OWL.Class))
    broken.add((odd, RDFS.subClassOf, MSKIO.OsteoidOsteoma))
    broken.add((odd, RDFS.subClassOf, MSKIO.BoneMetastasis))
    with pytest.raises(UnsatisfiableClasses) as caught:
        reason(broken, Graph())
    assert caught.value.classes == (str(odd),)


def test_java_missing(ontology: Graph) -> None:
    with pytest.raises(JavaMissing) as caught:
        reason(ontology, Graph(), java="/nonexistent/bin/java")
    assert caught.value.exit_code == 3


def test_heap_too_small(ontology: Graph) -> None:
    with pytest.raises(JavaHeapTooSmall) as caught:
        reason(ontology, Graph(), java_memory_mb=1)
    assert caught.value.exit_code == 3


def test_cli_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str], dist: Path) -> None:
    inferred = tmp_path / "inferred.ttl"
    assert main(["reason", str(dist / "mskio.ttl"), "--inferred", str(inferred)]) == 0
    out = capsys.readouterr().out
    assert "consistent" in out
    assert "\n    mskio:BenignBoneTumour\n      mskio:AneurysmalBoneCyst\n" in out
    assert len(Graph().parse(inferred)) > 0


def test_cli_reason_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://w3id.org/mskio/test/x> a <https://w3id.org/mskio/ontology#Chondroblastoma>, "
                   "<https://w3id.org/mskio/ontology#SpinalMetastasis> .\n", encoding="utf-8")
    assert main(["reason", str(bad)]) == 1
    assert "inconsistent" in capsys.readouterr().err
    assert main(["reason", str(bad), "--java", "/nonexistent/java"]) == 3
    assert "Java" in capsys.readouterr().err
