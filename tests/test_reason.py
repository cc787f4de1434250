"""HermiT on the ontology and the data: consistency, inferences the axioms imply, and each failure typed.

HermiT runs on the machine's Java (no mocks). The expected inferences follow from axioms read in
ontology/mskio.ttl: OsteoidOsteoma ⊑ BenignBoneTumour, BenignBoneTumourStudy ≡ isAbout some
BenignBoneTumour, BenignBoneTumour disjoint with MalignantBoneTumour, and so on.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mskio.cli import main
from mskio.errors import InconsistentOntology, JavaHeapTooSmall, JavaMissing, ReasonerFailed, UnsatisfiableClasses
from mskio.iris import Minter
from mskio.namespaces import BIBO, MSKIO
from mskio.pipeline import BuildResult
from mskio.reason import ReasoningProcess, ReasoningResult, reason
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


def with_an_unsatisfiable_class(ontology: Graph) -> tuple[Graph, URIRef]:
    """The ontology and a class under both OsteoidOsteoma and BoneMetastasis (benign and malignant:
    disjoint), which can have no member; and that class."""
    broken = Graph()
    broken += ontology
    odd = MSKIO.BenignMetastasis
    broken.add((odd, RDF.type, OWL.Class))
    broken.add((odd, RDFS.subClassOf, MSKIO.OsteoidOsteoma))
    broken.add((odd, RDFS.subClassOf, MSKIO.BoneMetastasis))
    return broken, odd


def test_unsatisfiable_class(ontology: Graph) -> None:
    broken, odd = with_an_unsatisfiable_class(ontology)
    with pytest.raises(UnsatisfiableClasses) as caught:
        reason(broken, Graph())
    assert caught.value.classes == (str(odd),)


def test_java_missing(ontology: Graph) -> None:
    with pytest.raises(JavaMissing) as caught:
        reason(ontology, Graph(), java="/nonexistent/bin/java")
    assert caught.value.exit_code == 3


def test_heap_too_small(ontology: Graph) -> None:
    with pytest.raises(JavaHeapTooSmall) as caught:
        reason(ontology, Graph(), java_memory_mb=1, cache=False)  # a cached answer would not start Java
    assert caught.value.exit_code == 3


def test_heap_too_small_names_the_heap_not_the_launchers_note(ontology: Graph) -> None:
    # the launcher prints "NOTE: Picked up JDK_JAVA_OPTIONS: ..." first, when mskio sets it
    with pytest.raises(JavaHeapTooSmall) as caught:
        reason(ontology, Graph(), java_memory_mb=1, cache=False)
    assert "Picked up" not in str(caught.value)
    assert "heap" in str(caught.value).lower()


def recording_java(tmp_path: Path) -> tuple[Path, Path]:
    """A `java` that writes its JDK_JAVA_OPTIONS to a file, then runs the machine's java."""
    real = shutil.which("java")
    assert real is not None
    seen = tmp_path / "options.txt"
    wrapper = tmp_path / "java"
    wrapper.write_text(f'#!/bin/sh\nprintf "%s" "${{JDK_JAVA_OPTIONS-unset}}" > {seen}\nexec {real} "$@"\n')
    wrapper.chmod(0o755)
    return wrapper, seen


def test_hermit_runs_with_the_serial_collector(ontology: Graph, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JDK_JAVA_OPTIONS", raising=False)
    java, seen = recording_java(tmp_path)
    result = reason(ontology, Graph(), java=str(java), cache=False)
    assert seen.read_text() == "-XX:+UseSerialGC"
    assert (MSKIO.OsteoidOsteoma, MSKIO.BenignBoneTumour) in result.hierarchy  # the answer was read
    assert "JDK_JAVA_OPTIONS" not in os.environ  # put back as it was


def test_a_users_java_options_are_kept(ontology: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JDK_JAVA_OPTIONS", "-Xss4m")
    java, seen = recording_java(tmp_path)
    reason(ontology, Graph(), java=str(java), cache=False)
    assert seen.read_text() == "-Xss4m"


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


def test_a_build_whose_hermit_fails_exits_3_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """HermiT runs in a thread of its own while the build goes on (mskio.pipeline): its failure
    still reaches the build as the same one-line error and exit code, no output directory is left,
    and no thread or child process (the shards', the exports', HermiT's) outlives the build."""
    import multiprocessing
    import threading

    monkeypatch.setenv("MSKIO_JAVA", str(tmp_path / "no-java"))
    before = threading.active_count()
    out = tmp_path / "dist"
    source = ROOT / "data" / "sources" / "percutaneous-cryoablation-review.txt"
    assert main(["build", str(source), "--out", str(out), "--no-site", "--clean"]) == 3
    err = capsys.readouterr().err
    assert "java" in err.lower() and "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert threading.active_count() == before
    assert multiprocessing.active_children() == []


# ---------------------------------------------------------------------------
# Issue 10: what HermiT is given (one of each set of twin individuals) and the cache of its answers
# ---------------------------------------------------------------------------

def annotations_of(w: URIRef, *names: str) -> Graph:
    """A work about an osteoid osteoma, and one title-match annotation of it per name (twins: the same
    class and the same two assertions, and nothing points to them)."""
    topic = URIRef(str(w) + "/topic/osteoid-osteoma")
    g = planted((w, MSKIO.isAbout, topic), (topic, RDF.type, MSKIO.OsteoidOsteoma))
    for name in names:
        node = URIRef(f"{w}/annotation/{name}")
        g.add((node, RDF.type, MSKIO.TopicAnnotation))
        g.add((node, MSKIO.annotatedWork, w))
        g.add((node, MSKIO.annotationMethod, MSKIO.TitleLabelMatch))
    return g


def test_the_input_size_counts_each_triple_of_the_ontology_and_the_view_once(ontology: Graph) -> None:
    """input_triples is the size of the union of the ontology and the data's OWL view, which
    `reasoning_input` makes as an rdflib Graph (a set): triples the ontology states too (a named
    individual of the ontology used by the data, its type) are counted once."""
    from mskio.reason import reasoning_input

    data = annotations_of(URIRef(X + "work"), "a", "b")  # their method, mskio:TitleLabelMatch, is the ontology's
    data.add((MSKIO.Comparator, RDF.type, MSKIO.MentionRole))  # stated by the ontology too
    union = reasoning_input(ontology, data)
    assert (MSKIO.TitleLabelMatch, RDF.type, OWL.NamedIndividual) in ontology
    assert reason(ontology, data, cache=False).input_triples == len(union)


def test_an_individual_known_only_as_an_object_gets_its_entailed_classes(ontology: Graph) -> None:
    """HermiT reads no owl:NamedIndividual declaration of the data's individuals (OWL 2's mapping
    reads an IRI linked by an object property as one); a work that only an annotation points to
    is still a bibo:Document, by the range of mskio:annotatedWork (ontology/mskio.ttl)."""
    from mskio.reason import _input_ntriples, _owl_view

    w, node = URIRef(X + "untyped-work"), URIRef(X + "annotation")
    data = planted((node, RDF.type, MSKIO.TopicAnnotation), (node, MSKIO.annotatedWork, w))
    assert (MSKIO.annotatedWork, RDFS.range, BIBO.Document) in ontology
    assert (w, RDF.type, BIBO.Document) in reason(ontology, data, cache=False).inferred
    view = _owl_view(ontology, data)
    text = _input_ntriples(ontology, view.triples(declared=False)).decode()
    assert f"<{w}> <{RDF.type}> <{OWL.NamedIndividual}> ." not in text
    assert f"<{node}> <{MSKIO.annotatedWork}> <{w}> ." in text


def test_twin_annotations_are_given_to_hermit_once(ontology: Graph) -> None:
    from mskio.reason import _owl_view, _twin_sources

    w = URIRef(X + "work")
    data = annotations_of(w, "a", "b", "c")
    data.add((URIRef(X + "other"), MSKIO.annotatedWork, w))  # no class: not a twin of the three
    twins = _twin_sources(ontology, _owl_view(ontology, data))
    assert twins == {URIRef(X + "work/annotation/b"): URIRef(X + "work/annotation/a"),
                     URIRef(X + "work/annotation/c"): URIRef(X + "work/annotation/a")}


def test_left_out_twins_get_the_inferences_of_the_one_given(ontology: Graph) -> None:
    """Two works about one osteoid-osteoma topic node, nothing pointing to them: twins. HermiT sees one;
    both are mskio:BenignBoneTumourStudy (isAbout some BenignBoneTumour) and bibo:Document (the
    domain of mskio:isAbout)."""
    from mskio.reason import _owl_view, _twin_sources

    topic = URIRef(X + "topic")
    w1, w2 = URIRef(X + "w1"), URIRef(X + "w2")
    data = planted((w1, MSKIO.isAbout, topic), (w2, MSKIO.isAbout, topic), (topic, RDF.type, MSKIO.OsteoidOsteoma))
    assert _twin_sources(ontology, _owl_view(ontology, data)) == {w2: w1}
    result = reason(ontology, data, cache=False)
    for w in (w1, w2):
        assert (w, RDF.type, MSKIO.BenignBoneTumourStudy) in result.inferred
        assert (w, RDF.type, BIBO.Document) in result.inferred
    assert (topic, RDF.type, MSKIO.BenignBoneTumour) in result.inferred
    assert result.individuals == 3 + 14  # the view's individuals, and the ontology's named individuals


def test_an_individual_typed_by_a_class_expression_gets_its_inferences() -> None:
    """Both kinds of individual get their inferences: one typed by a class expression (a blank
    node; `_entailments` loads it as an owlready2 entity) and one typed by a named class (its
    classes read from the quadstore). x is stated to be a member of (p some A), which C is
    defined as, so x is a C; y, a member of A's subclass B, is an A and not a C."""
    ex = "http://example.org/"
    ontology = Graph().parse(data=f"""
        @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{ex}A> a owl:Class . <{ex}B> a owl:Class ; rdfs:subClassOf <{ex}A> .
        <{ex}C> a owl:Class ; owl:equivalentClass [ a owl:Restriction ; owl:onProperty <{ex}p> ; owl:someValuesFrom <{ex}A> ] .
        <{ex}p> a owl:ObjectProperty .
        <{ex}x> a owl:NamedIndividual, [ a owl:Restriction ; owl:onProperty <{ex}p> ; owl:someValuesFrom <{ex}A> ] .
        <{ex}y> a owl:NamedIndividual, <{ex}B> .""", format="turtle")
    result = reason(ontology, Graph(), cache=False)
    assert (URIRef(ex + "x"), RDF.type, URIRef(ex + "C")) in result.inferred
    assert (URIRef(ex + "y"), RDF.type, URIRef(ex + "A")) in result.inferred
    assert (URIRef(ex + "y"), RDF.type, URIRef(ex + "C")) not in result.inferred


def test_no_twins_under_an_ontology_that_looks_backwards(ontology: Graph) -> None:
    """With owl:inverseOf a copy need not satisfy what its original does: HermiT is given everything."""
    from mskio.reason import _owl_view, _twin_sources

    inverse = Graph()
    inverse += ontology
    inverse.add((MSKIO.annotationOf, OWL.inverseOf, MSKIO.annotatedWork))
    data = annotations_of(URIRef(X + "work"), "a", "b")
    assert _twin_sources(inverse, _owl_view(inverse, data)) == {}


def test_assertions_that_only_type_their_ends_are_given_to_hermit_as_types(ontology: Graph) -> None:
    """mskio:annotatedWork is described by its declarations, rdfs:domain mskio:TopicAnnotation and
    rdfs:range bibo:Document alone (ontology/mskio.ttl); mskio:isAbout is named in the restrictions
    of the *Study classes. HermiT gets the first one's assertion as the two types, the second's as
    it is; the work, no longer pointed to, is a source."""
    from mskio.reason import _hermit_view, _owl_view, _typing_edges

    w = URIRef(X + "work")
    data = annotations_of(w, "a")
    view = _owl_view(ontology, data)
    typing = _typing_edges(ontology, view)
    assert typing[MSKIO.annotatedWork] == (frozenset({MSKIO.TopicAnnotation}), frozenset({BIBO.Document}))
    assert typing[MSKIO.annotationMethod] == (frozenset(), frozenset({MSKIO.AnnotationMethod}))
    assert MSKIO.isAbout not in typing
    given = _hermit_view(ontology, view)
    annotation, topic = URIRef(X + "work/annotation/a"), URIRef(X + "work/topic/osteoid-osteoma")
    assert given.edges == {(w, MSKIO.isAbout, topic)}
    assert given.types[w] == {BIBO.Document}
    assert given.types[annotation] == {MSKIO.TopicAnnotation}
    assert given.types[MSKIO.TitleLabelMatch] == {MSKIO.AnnotationMethod}


def test_a_functional_property_asserted_twice_is_given_to_hermit_as_it_is(ontology: Graph) -> None:
    """mskio:annotatedWork is functional: an annotation of two works makes them one individual
    (OWL has no unique names), so w2 is, like w1, about an osteoid osteoma and a
    mskio:BenignBoneTumourStudy. Given as types, the two assertions would lose that."""
    from mskio.reason import _owl_view, _typing_edges

    w1, w2, node = URIRef(X + "w1"), URIRef(X + "w2"), URIRef(X + "annotation")
    data = annotations_of(w1)
    data += planted((node, RDF.type, MSKIO.TopicAnnotation), (node, MSKIO.annotatedWork, w1),
                    (node, MSKIO.annotatedWork, w2))
    assert (MSKIO.annotatedWork, RDF.type, OWL.FunctionalProperty) in ontology
    assert MSKIO.annotatedWork not in _typing_edges(ontology, _owl_view(ontology, data))
    inferred = reason(ontology, data, cache=False).inferred
    assert (w1, RDF.type, MSKIO.BenignBoneTumourStudy) in inferred
    assert (w2, RDF.type, MSKIO.BenignBoneTumourStudy) in inferred


def test_a_property_named_by_another_axiom_is_given_to_hermit_as_it_is(ontology: Graph) -> None:
    """A subproperty axiom names mskio:annotatedWork: its assertions stay assertions."""
    from mskio.reason import _owl_view, _typing_edges

    sub = Graph()
    sub += ontology
    sub.add((URIRef(X + "annotates"), RDFS.subPropertyOf, MSKIO.annotatedWork))
    data = annotations_of(URIRef(X + "work"), "a")
    assert MSKIO.annotatedWork in _typing_edges(ontology, _owl_view(ontology, data))
    assert MSKIO.annotatedWork not in _typing_edges(sub, _owl_view(sub, data))


def test_works_with_topics_of_their_own_of_the_same_kinds_are_given_to_hermit_once(ontology: Graph) -> None:
    """w1 and w2 are each about a topic of their own, typed mskio:OsteoidOsteoma, and a topic typed
    mskio:Cryoablation; w3's second topic is mskio:Cementoplasty. HermiT sees w1's tree and w3's;
    w2 and its topics get w1's and its topics' inferences: works about some benign bone tumour
    (BenignBoneTumourStudy) and about cryoablation (CryoablationStudy), the osteoid-osteoma topic a
    BenignBoneTumour, the cryoablation topic a PercutaneousAblation (ontology/mskio.ttl)."""
    from mskio.reason import _owl_view, _twin_trees

    def tree(name: str, second: URIRef) -> list[tuple[URIRef, URIRef, URIRef]]:
        w = URIRef(X + name)
        return [(w, MSKIO.isAbout, URIRef(f"{w}/topic/a")), (URIRef(f"{w}/topic/a"), RDF.type, MSKIO.OsteoidOsteoma),
                (w, MSKIO.isAbout, URIRef(f"{w}/topic/b")), (URIRef(f"{w}/topic/b"), RDF.type, second)]

    data = planted(*tree("w1", MSKIO.Cryoablation), *tree("w2", MSKIO.Cryoablation), *tree("w3", MSKIO.Cementoplasty))
    view = _owl_view(ontology, data)
    w1, w2, w3 = (URIRef(X + n) for n in ("w1", "w2", "w3"))
    assert _twin_trees(ontology, view, asserted=view.types, left_out={}) == {
        w2: w1, URIRef(X + "w2/topic/a"): URIRef(X + "w1/topic/a"), URIRef(X + "w2/topic/b"): URIRef(X + "w1/topic/b")}
    inferred = reason(ontology, data, cache=False).inferred
    for w in (w1, w2):
        assert (w, RDF.type, MSKIO.BenignBoneTumourStudy) in inferred
        assert (w, RDF.type, MSKIO.CryoablationStudy) in inferred
        assert (URIRef(f"{w}/topic/a"), RDF.type, MSKIO.BenignBoneTumour) in inferred
        assert (URIRef(f"{w}/topic/b"), RDF.type, MSKIO.PercutaneousAblation) in inferred
    assert (w3, RDF.type, MSKIO.BenignBoneTumourStudy) in inferred
    assert (w3, RDF.type, MSKIO.CryoablationStudy) not in inferred


def test_no_tree_twins_for_a_shared_topic_or_an_ontology_that_looks_backwards(ontology: Graph) -> None:
    """A topic two works point to is no work's own (the works are `_twin_sources`'s twins instead);
    with owl:inverseOf no tree is left out."""
    from mskio.reason import _owl_view, _twin_trees

    topic = URIRef(X + "topic")
    shared = planted((URIRef(X + "w1"), MSKIO.isAbout, topic), (URIRef(X + "w2"), MSKIO.isAbout, topic),
                     (topic, RDF.type, MSKIO.OsteoidOsteoma))
    view = _owl_view(ontology, shared)
    assert _twin_trees(ontology, view, asserted=view.types, left_out={}) == {}
    own = planted(*((URIRef(X + w), MSKIO.isAbout, URIRef(X + w + "/topic")) for w in ("w1", "w2")))
    inverse = Graph()
    inverse += ontology
    inverse.add((MSKIO.topicOf, OWL.inverseOf, MSKIO.isAbout))
    assert _twin_trees(ontology, _owl_view(ontology, own), asserted={}, left_out={}) == {
        URIRef(X + "w2"): URIRef(X + "w1"), URIRef(X + "w2/topic"): URIRef(X + "w1/topic")}
    assert _twin_trees(inverse, _owl_view(inverse, own), asserted={}, left_out={}) == {}


def test_hermit_entails_the_same_from_the_smaller_input(corpus_built: BuildResult, ontology: Graph,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """On the test corpus's graph (four reviews), HermiT's answer from the input with typing
    assertions given as types and twins (sources and trees) left out is the answer from the whole
    OWL view."""
    import mskio.reason as reasoning

    data = set(corpus_built.graph)
    view = reasoning._owl_view(ontology, data)
    assert len(reasoning._hermit_view(ontology, view).edges) < len(view.edges)  # the input is smaller
    smaller = reason(ontology, data, cache=False)
    monkeypatch.setattr(reasoning, "_hermit_view", lambda ontology, view: view)
    monkeypatch.setattr(reasoning, "_twin_sources", lambda ontology, view, asserted=None: {})
    monkeypatch.setattr(reasoning, "_twin_trees", lambda ontology, view, asserted, left_out: {})
    whole = reason(ontology, data, cache=False)
    assert whole.inferred == smaller.inferred and whole.hierarchy == smaller.hierarchy
    assert any(p == RDF.type and o == MSKIO.BenignBoneTumourStudy for _, p, o in whole.inferred)


def test_an_answer_is_cached_by_its_input(ontology: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run on the same input does not start Java (given one that always fails, it still
    answers, the same); MSKIO_NO_CACHE=1 starts it (and fails); another input is not answered from
    the cache."""
    from mskio.errors import ReasonerFailed

    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MSKIO_NO_CACHE", raising=False)
    data = annotations_of(URIRef(X + "work"), "a", "b")
    first = reason(ontology, data)
    assert len(list((tmp_path / "cache" / "hermit").glob("*.json"))) == 1
    again = reason(ontology, data, java="false")
    assert set(again.inferred) == set(first.inferred) and again.hierarchy == first.hierarchy
    other = annotations_of(URIRef(X + "work2"), "a")
    with pytest.raises(ReasonerFailed):
        reason(ontology, other, java="false")
    monkeypatch.setenv("MSKIO_NO_CACHE", "1")
    with pytest.raises(ReasonerFailed):
        reason(ontology, data, java="false")


def test_without_the_cache_nothing_is_kept(ontology: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MSKIO_NO_CACHE", raising=False)
    result = reason(ontology, annotations_of(URIRef(X + "work"), "a"), cache=False)
    assert result.inferred
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_an_unreadable_cache_entry_is_ignored(ontology: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MSKIO_NO_CACHE", raising=False)
    data = annotations_of(URIRef(X + "work"), "a")
    first = reason(ontology, data)
    [entry] = (tmp_path / "cache" / "hermit").glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert set(reason(ontology, data).inferred) == set(first.inferred)


def test_the_heap_grows_with_the_input() -> None:
    """1 MB per 256 input lines, between 1024 MB and 4096 MB (or a quarter of the memory)."""
    from mskio.reason import java_heap_mb

    assert java_heap_mb(0) == java_heap_mb(256 * 1024) == 1024
    largest = java_heap_mb(10**9)
    assert 1024 <= largest <= 4096
    assert java_heap_mb(256 * 1500) in (1500, largest)


def test_the_cache_keeps_the_most_recently_used_answers(ontology: Graph, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from mskio.reason import CACHE_ENTRIES

    folder = tmp_path / "cache" / "hermit"
    folder.mkdir(parents=True)
    for i in range(CACHE_ENTRIES + 4):  # older answers, to other inputs
        old = folder / f"{i:064x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    monkeypatch.setenv("MSKIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MSKIO_NO_CACHE", raising=False)
    reason(ontology, annotations_of(URIRef(X + "work"), "a"))
    kept = sorted(p.name for p in folder.glob("*.json"))
    assert len(kept) == CACHE_ENTRIES
    assert f"{0:064x}.json" not in kept and f"{CACHE_ENTRIES + 3:064x}.json" in kept  # the oldest went
    assert len(set(kept) - {f"{i:064x}.json" for i in range(CACHE_ENTRIES + 4)}) == 1  # the new answer stayed


# ---------------------------------------------------------------------------
# The build's reasoning in a forked child process (mskio.reason.ReasoningProcess)


def test_the_child_process_answers_as_reason_does(ontology: Graph) -> None:
    w, topic = URIRef(X + "work"), URIRef(X + "topic")
    data = planted((w, MSKIO.isAbout, topic), (topic, RDF.type, MSKIO.OsteoidOsteoma))
    apart = ReasoningProcess(ontology, data, cache=False).result()
    here = reason(ontology, data, cache=False)
    # read off the ontology: an osteoid osteoma is a benign bone tumour, a work about one a BenignBoneTumourStudy
    assert (w, RDF.type, MSKIO.BenignBoneTumourStudy) in apart.inferred
    assert (topic, RDF.type, MSKIO.BenignBoneTumour) in apart.inferred
    assert set(apart.inferred) == set(here.inferred)
    assert (apart.hierarchy, apart.input_triples, apart.individuals) == (here.hierarchy, here.input_triples, here.individuals)


def test_the_child_process_raises_what_reason_raises(ontology: Graph) -> None:
    lesion = URIRef(X + "lesion")
    with pytest.raises(InconsistentOntology, match="is both mskio:BenignBoneTumour and mskio:MalignantBoneTumour"):
        ReasoningProcess(ontology, planted((lesion, RDF.type, MSKIO.OsteoidOsteoma),
                                           (lesion, RDF.type, MSKIO.BoneMetastasis))).result()
    broken, odd = with_an_unsatisfiable_class(ontology)
    with pytest.raises(UnsatisfiableClasses) as caught:
        ReasoningProcess(broken, Graph()).result()
    assert caught.value.classes == (str(odd),)  # the exception's fields cross the process boundary too


def test_a_child_process_that_dies_is_a_reasoner_failure(ontology: Graph) -> None:
    import os
    import signal

    process = ReasoningProcess(ontology, Graph(), cache=False)  # no cached answer: HermiT takes seconds
    os.kill(process._job.pid, signal.SIGKILL)
    with pytest.raises(ReasonerFailed, match="without an answer"):
        process.result()
