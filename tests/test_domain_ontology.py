"""The domain part of ontology/mskio.ttl and its SSSOM mappings, checked against what the source says.

The synonyms listed here are spelled as they are printed in reference titles of the review; the
axioms are the ones the issue asks for (benign vs malignant, bone vs soft tissue disjoint).
"""

from __future__ import annotations

import csv
import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from mskio.namespaces import MSKIO
from mskio.ontology_outputs import SKOS_MAPPING_PREDICATES, read_sssom
from mskio.records import Article
from mskio.terms import LABEL_PROPERTIES, Terms, index_terms, load_ontology
from tests.conftest import ROOT

MAPPINGS = ROOT / "ontology" / "mappings.sssom.tsv"
VOCAB_IDS = ROOT.parent / "shared" / "vocab" / "vocab-ids.tsv"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_ontology(ROOT / "ontology" / "mskio.ttl")


@pytest.fixture(scope="module")
def terms(graph: Graph) -> Terms:
    return index_terms(graph)


SUBCLASS = [
    ("OsteoidOsteoma", "BenignBoneTumour"), ("Osteoblastoma", "BenignBoneTumour"),
    ("Chondroblastoma", "BenignBoneTumour"), ("ChondromyxoidFibroma", "BenignBoneTumour"),
    ("AneurysmalBoneCyst", "BenignBoneTumour"), ("BenignBoneTumour", "BoneTumour"),
    ("BoneMetastasis", "MalignantBoneTumour"), ("BoneMetastasis", "MetastaticDisease"),
    ("SpinalMetastasis", "BoneMetastasis"), ("BoneSarcoma", "MalignantBoneTumour"), ("BoneSarcoma", "Sarcoma"),
    ("SoftTissueSarcoma", "Sarcoma"), ("SoftTissueSarcoma", "SoftTissueTumour"),
    ("DesmoidFibromatosis", "SoftTissueTumour"), ("PigmentedVillonodularSynovitis", "SoftTissueTumour"),
    ("AbdominalWallEndometriosis", "Endometriosis"), ("AbdominalWallEndometriosis", "SoftTissueLesion"),
    ("VenousMalformation", "VascularMalformation"), ("VascularMalformation", "VascularAnomaly"),
    ("OligometastaticDisease", "MetastaticDisease"), ("LocalRecurrence", "TumourRecurrence"),
    ("DifferentiatedThyroidCancer", "ThyroidCancer"),
    ("Cryoablation", "PercutaneousAblation"), ("ThermalAblation", "PercutaneousAblation"),
    ("RadiofrequencyAblation", "ThermalAblation"), ("Cementoplasty", "BoneConsolidation"),
    ("IntraoperativeCryotherapy", "Surgery"), ("SurgicalResection", "Surgery"),
    ("PetCt", "ImagingModality"), ("SystematicReview", "Review"), ("PhaseIITrial", "ProspectiveStudy"),
]


@pytest.mark.parametrize(("sub", "sup"), SUBCLASS, ids=[f"{a}<{b}" for a, b in SUBCLASS])
def test_class_hierarchy(terms: Terms, sub: str, sup: str) -> None:
    assert terms.is_a(MSKIO[sub], MSKIO[sup])


@pytest.mark.parametrize(("sub", "sup"), [
    ("Cryoablation", "ThermalAblation"),            # "thermal ablation" is not cryoablation
    ("IntraoperativeCryotherapy", "Cryoablation"),  # cryotherapy in surgery (ref 49) is not cryoablation
    ("RadiofrequencyAblation", "Cryoablation"),     # refs 26, 27
    ("PhosphaturicMesenchymalTumour", "BoneTumour"),  # arises in bone or soft tissue
    ("VascularAnomaly", "SoftTissueLesion"),
    ("DesmoidFibromatosis", "BenignNeoplasm"), ("DesmoidFibromatosis", "MalignantNeoplasm"),
])
def test_not_subclass(terms: Terms, sub: str, sup: str) -> None:
    assert not terms.is_a(MSKIO[sub], MSKIO[sup])


@pytest.mark.parametrize(("a", "b"), [
    ("BenignBoneTumour", "MalignantBoneTumour"), ("BenignNeoplasm", "MalignantNeoplasm"),
    ("BoneTumour", "SoftTissueLesion"), ("Surgery", "PercutaneousAblation"),
    ("AdultPopulation", "PaediatricPopulation"), ("SystematicReview", "NarrativeReview"),
    ("MulticentreStudy", "SingleInstitutionStudy"), ("ProspectiveStudy", "RetrospectiveStudy"),
    ("Spine", "ExtraspinalSite"), ("AbdominalWall", "ExtraAbdominalSite"),
])
def test_disjoint(graph: Graph, a: str, b: str) -> None:
    assert (MSKIO[a], OWL.disjointWith, MSKIO[b]) in graph


SYNONYMS = [  # (class, label as printed in a title or the abstract, reference or "abstract")
    ("OsteoidOsteoma", "osteoid osteomas", 26), ("Osteoblastoma", "osteoblastomas", 43),
    ("Chondroblastoma", "chondroblastomas", 46), ("DesmoidFibromatosis", "desmoid tumors", 13),
    ("DesmoidFibromatosis", "desmoid tumour", 52), ("DesmoidFibromatosis", "desmoid tumours", 53),
    ("DesmoidFibromatosis", "desmoid fibromatosis", "abstract"), ("SpinalMetastasis", "spinal metastases", 20),
    ("SpinalMetastasis", "spine metastases", 40), ("BoneMetastasis", "skeletal metastases", "abstract"),
    ("BoneMetastasis", "bone metastases", 37), ("BoneMetastasis", "osseous metastatic disease", 39),
    ("PigmentedVillonodularSynovitis", "PVNS", 57), ("SoftTissueSarcoma", "soft-tissue sarcoma", 18),
    ("SoftTissueSarcoma", "soft tissue sarcoma", 60), ("VascularAnomaly", "vascular anomalies", 14),
    ("VenousMalformation", "venous malformations", 54), ("AbdominalWallEndometriosis", "abdominal wall endometriosis", 15),
    ("BenignBoneTumour", "benign bone tumors", 41), ("VertebralCompressionFracture", "vertebral compression fractures", 34),
    ("PhosphaturicMesenchymalTumour", "phosphaturic mesenchymal tumor", 51),
    ("RadiofrequencyAblation", "radiofrequency thermo-ablation", 57), ("ThermalAblation", "thermal ablation", 31),
    ("LocalTumourControl", "local tumor control", 36), ("LocalTumourProgression", "local tumor progression", 39),
    ("OligometastaticDisease", "oligometastatic disease", "abstract"),
    ("LocalRecurrence", "local recurrences", "abstract"),
]


@pytest.mark.parametrize(("cls", "label", "where"), SYNONYMS, ids=[s[1] for s in SYNONYMS])
def test_synonym_as_printed(graph: Graph, article: Article, cls: str, label: str, where: object) -> None:
    labels = {str(v).lower() for p in LABEL_PROPERTIES for v in graph.objects(MSKIO[cls], p)}
    assert label.lower() in labels
    text = article.abstract.text if where == "abstract" and article.abstract else next(
        (r.title or "") for r in article.references if r.number == where)
    assert label.lower() in text.lower()


def test_labels_are_unique_across_terms(terms: Terms) -> None:
    seen: dict[str, URIRef] = {}
    for iri, term in sorted(terms.by_iri.items()):
        for label in term.labels:
            assert seen.setdefault(label.lower(), iri) == iri, f"{label!r} is a label of {seen[label.lower()]} and {iri}"
    assert len(terms.by_iri) >= 80


@pytest.mark.parametrize("label", ["cryotherapy", "thermal ablation", "ablation", "radiofrequency ablation"])
def test_cryoablation_has_no_misleading_label(graph: Graph, label: str) -> None:
    labels = {str(v).lower() for p in LABEL_PROPERTIES for v in graph.objects(MSKIO.Cryoablation, p)}
    assert label not in labels


def test_every_domain_class_has_english_label_and_definition(graph: Graph) -> None:
    classes = [c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(MSKIO))]
    assert len(classes) >= 90
    for c in classes:
        assert any(getattr(v, "language", None) == "en" for v in graph.objects(c, RDFS.label)), c
        assert any(getattr(v, "language", None) == "en" for v in graph.objects(c, SKOS.definition)), c


# ---------------------------------------------------------------------------
# SSSOM mappings
# ---------------------------------------------------------------------------

def test_mappings_parse_and_target_ontology_classes(graph: Graph) -> None:
    mappings = read_sssom(MAPPINGS)
    assert len(mappings) >= 100
    for m in mappings:
        assert (m.subject, RDF.type, OWL.Class) in graph, m.subject
        assert m.predicate in SKOS_MAPPING_PREDICATES
        assert m.justification == "semapv:ManualMappingCuration"
        assert re.match(r"^http://(id\.nlm\.nih\.gov/mesh/D\d+|purl\.obolibrary\.org/obo/(NCIT_C|DOID_|MONDO_|UBERON_)\d+"
                        r"|radlex\.org/RID/RID\d+)$", str(m.object)), m.object
    assert len({(m.subject, m.object) for m in mappings}) == len(mappings)


def test_known_mappings(graph: Graph) -> None:
    rows = {(m.subject, m.predicate, m.object) for m in read_sssom(MAPPINGS)}
    assert (MSKIO.OsteoidOsteoma, SKOS.exactMatch, URIRef("http://id.nlm.nih.gov/mesh/D010017")) in rows
    assert (MSKIO.DesmoidFibromatosis, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/MONDO_0007608")) in rows
    assert (MSKIO.Spine, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/UBERON_0001130")) in rows
    # conservative: the MeSH heading covers open cryosurgery too, and vocab-ids has no bone-metastasis id
    assert (MSKIO.Cryoablation, SKOS.broadMatch, URIRef("http://id.nlm.nih.gov/mesh/D003452")) in rows
    assert (MSKIO.SpinalMetastasis, SKOS.broadMatch, URIRef("http://id.nlm.nih.gov/mesh/D013125")) in rows
    # vocab-ids warns: DOID:0080525 is now "differentiated high-grade thyroid carcinoma"
    assert not any(o == URIRef("http://purl.obolibrary.org/obo/DOID_0080525") for _, _, o in rows)


@pytest.mark.skipif(not VOCAB_IDS.is_file(), reason="shared/vocab/vocab-ids.tsv is not beside the repository")
def test_every_mapped_id_is_verified_in_vocab_ids() -> None:
    verified: dict[str, set[str]] = {}
    with VOCAB_IDS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["id"] and row["source_label"] != "UNVERIFIED":
                verified.setdefault(row["id"], set()).add(row["source_label"])
    lines = [line for line in MAPPINGS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    assert len(rows) >= 100
    for row in rows:
        prefix, local = row["object_id"].split(":", 1)
        tsv_id = local if prefix in ("MESH", "NCIT", "RADLEX") else row["object_id"]  # how vocab-ids writes them
        assert tsv_id in verified, row["object_id"]
        assert row["object_label"] in verified[tsv_id], (row["object_id"], row["object_label"])
