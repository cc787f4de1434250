"""Title annotation and evidence links, against values read off the reference titles by hand.

Each expected set below was written by reading the title in
data/sources/percutaneous-cryoablation-review.txt and listing what it states, with the
curated corrections of data/curation/percutaneous-cryoablation-review.yaml marked '+'
(added by curation) — not copied from program output.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from mskio.annotate import CURATED, TITLE_MATCH, Annotation, annotate_article, compile_matcher, link_evidence
from mskio.curation import Curation
from mskio.iris import Minter
from mskio.namespaces import MSKIO
from mskio.pipeline import BuildResult
from mskio.records import Article
from mskio.terms import Terms
from tests.conftest import CURATION, ROOT


# reference number -> the most specific terms its title states ("+" = added by curation)
EXPECTED: dict[int, set[str]] = {
    # "Percutaneous ablation for bone and soft tissue metastases—why cryoablation?"
    1: {"Cryoablation", "+BoneMetastasis"},
    # "Percutaneous image-guided cryoablation of painful metastases involving bone: multicenter trial"
    3: {"Cryoablation", "ImageGuidance", "BoneMetastasis", "MulticentreStudy"},
    # "Percutaneous cryoablation for the treatment of osteoid osteoma in the adult population"
    4: {"Cryoablation", "OsteoidOsteoma", "AdultPopulation"},
    # "Thermal ablation techniques: a curative treatment of bone metastases in selected patients?"
    7: {"ThermalAblation", "BoneMetastasis"},
    # "Percutaneous thermal ablation of breast cancer metastases in oligometastatic patients"
    10: {"ThermalAblation", "BreastCancer", "OligometastaticDisease"},
    # "Retrospective review of percutaneous image-guided ablation of oligometastatic prostate cancer:
    #  a single-institution experience" ("review" here is part of "retrospective review", not a literature review)
    11: {"RetrospectiveStudy", "PercutaneousAblation", "ImageGuidance", "OligometastaticDisease", "ProstateCancer",
         "SingleInstitutionStudy"},
    # "Percutaneous cryoablation of extraabdominal desmoid tumors: a 10-year experience"
    13: {"Cryoablation", "ExtraAbdominalSite", "DesmoidFibromatosis"},
    # "Mid-term outcomes after percutaneous cryoablation of symptomatic abdominal wall endometriosis:
    #  comparison with surgery alone in a single institution"
    15: {"Cryoablation", "AbdominalWallEndometriosis", "AbdominalWall", "ComparativeStudy", "Surgery",
         "SingleInstitutionStudy"},
    # "Safety and efficacy of percutaneous cryoablation for recurrent or metastatic soft-tissue sarcoma in adult patients"
    18: {"Safety", "Efficacy", "Cryoablation", "TumourRecurrence", "MetastaticDisease", "SoftTissueSarcoma",
         "AdultPopulation"},
    # "Editorial comment: Percutaneous cryoablation can safely control foci of treatment-refractory soft-tissue sarcoma"
    19: {"EditorialComment", "Cryoablation", "SoftTissueSarcoma"},
    # "Percutaneous image-guided cryoablation of spinal metastases: over 10-year experience in two academic centers"
    20: {"Cryoablation", "ImageGuidance", "SpinalMetastasis", "Spine", "+MulticentreStudy"},
    # "Palliation of painful metastatic disease involving bone with imaging-guided treatment: comparison of
    #  patients' immediate response to radiofrequency ablation and cryoablation"
    22: {"PainPalliation", "BoneMetastasis", "ImageGuidance", "ComparativeStudy", "RadiofrequencyAblation",
         "Cryoablation"},
    # "Palliative percutaneous cryoablation and cementoplasty of acetabular metastases: factors affecting pain
    #  control and fracture risk"
    23: {"Cryoablation", "Cementoplasty", "BoneMetastasis", "Acetabulum", "PainPalliation"},
    # "Adjunctive thermoprotection during percutaneous thermal ablation procedures: review of current techniques"
    25: {"AdjunctiveThermoprotection", "ThermalAblation", "Review"},
    # "Ablation of osteoid osteomas with a percutaneously placed electrode: a new procedure" (electrode: RF)
    26: {"OsteoidOsteoma", "+RadiofrequencyAblation"},
    # "Osteoid osteoma: percutaneous treatment with radiofrequency energy"
    27: {"OsteoidOsteoma", "RadiofrequencyAblation"},
    # "Cryoablation of osteoid osteoma in the pediatric and adolescent population"
    29: {"Cryoablation", "OsteoidOsteoma", "PaediatricPopulation", "AdolescentPopulation"},
    # "Osteoid osteoma: percutaneous CT-guided cryoablation is a safe, effective, and durable treatment option in adults"
    30: {"OsteoidOsteoma", "ComputedTomography", "Cryoablation", "Safety", "Efficacy", "AdultPopulation"},
    # "Percutaneous ablative therapies for the management of osteoid osteomas: a systematic review and meta-analysis"
    32: {"PercutaneousAblation", "OsteoidOsteoma", "SystematicReview", "MetaAnalysis"},
    # "ACR Appropriateness Criteria® management of vertebral compression fractures"
    34: {"PracticeGuideline", "VertebralCompressionFracture"},
    # "Cryoablation of sternal metastases for pain palliation and local tumor control"
    36: {"Cryoablation", "BoneMetastasis", "Sternum", "PainPalliation", "LocalTumourControl"},
    # "State-of-the-art of multidisciplinary approach of bone metastasis-directed therapy: review and challenging
    #  questions for preparation of a GEMO practice guidelines" (not itself a guideline: removed by curation)
    38: {"NarrativeReview", "BoneMetastasis"},
    # "Utility of PET/CT after cryoablation for early identification of local tumor progression in osseous
    #  metastatic disease" (the "CT" of PET/CT is not CT alone)
    39: {"PetCt", "Cryoablation", "LocalTumourProgression", "BoneMetastasis"},
    # "Clinical long-term outcome, technical success, and cost analysis of radiofrequency ablation for the
    #  treatment of osteoblastomas and spinal osteoid osteomas in comparison to open surgical resection"
    43: {"TechnicalSuccess", "Cost", "RadiofrequencyAblation", "Osteoblastoma", "Spine", "OsteoidOsteoma",
         "ComparativeStudy", "SurgicalResection"},
    # "CT- guided percutaneous cryoablation of an aggressive osteoblastoma: a case report"
    44: {"ComputedTomography", "Cryoablation", "Osteoblastoma", "CaseReport"},
    # "Image guided radiofrequency thermo-ablation therapy of chondroblastomas: should it replace surgery?"
    46: {"ImageGuidance", "RadiofrequencyAblation", "Chondroblastoma", "Surgery"},
    # "Percutaneous cryoablation of chondroblastoma and osteoblastoma in pediatric patients"
    47: {"Cryoablation", "Chondroblastoma", "Osteoblastoma", "PaediatricPopulation"},
    # "Recurrent chondromyxoid fibroma of the distal femur treated with percutaneous cryoablation"
    48: {"TumourRecurrence", "ChondromyxoidFibroma", "Femur", "Cryoablation"},
    # "Cryotherapy efficacy and safety as local therapy in surgical treatment of musculoskeletal tumours.
    #  A retrospective case series of 143 patients" (cryotherapy in surgery, not percutaneous cryoablation)
    49: {"+IntraoperativeCryotherapy", "Efficacy", "Safety", "MusculoskeletalTumour", "RetrospectiveStudy",
         "CaseSeries"},
    # "Treatment of a spinal aneurysmal bone cyst using combined image-guided cryoablation and cementoplasty"
    50: {"Spine", "AneurysmalBoneCyst", "ImageGuidance", "Cryoablation", "Cementoplasty", "+CaseReport"},
    # "Phosphaturic mesenchymal tumor: management and outcomes of ten patients treated at a single institution"
    51: {"PhosphaturicMesenchymalTumour", "SingleInstitutionStudy"},
    # "CRYODESMO-O1: A prospective, open phase II study of cryoablation in desmoid tumour patients progressing
    #  after medical treatment"
    52: {"PhaseIITrial", "Cryoablation", "DesmoidFibromatosis"},
    # "Sporadic desmoid tumours: systematic review with reflection on the role of cryoablation"
    53: {"DesmoidFibromatosis", "SystematicReview", "Cryoablation"},
    # "Percutaneous cryoablation of symptomatic venous malformations as a second-line therapeutic option:
    #  a five-year single institution experience"
    54: {"Cryoablation", "VenousMalformation", "SingleInstitutionStudy"},
    # "Radiofrequency thermo-ablation of PVNS in the knee: initial results"
    57: {"RadiofrequencyAblation", "PigmentedVillonodularSynovitis", "Knee"},
    # "Musculoskeletal interventional oncology: current and future practices" (states no term)
    59: set(),
    # "Safety and feasibility of cryoablation during immunotherapy in patients with metastatic soft tissue sarcoma"
    60: {"Safety", "Feasibility", "Cryoablation", "Immunotherapy", "MetastaticDisease", "SoftTissueSarcoma"},
}

# indication id -> reference numbers whose titles name cryoablation and the indication's conditions
EXPECTED_EVIDENCE: dict[str, tuple[int, ...]] = {
    "osteoid-osteoma": (4, 28, 29, 30),
    "painful-skeletal-metastases": (1, 3, 12, 20, 22, 23, 36, 37, 39, 40),
    "oligometastatic-disease": (),  # refs 10 and 11 are about thermal / unspecified ablation
    "benign-bone-tumours": (21, 44, 45, 47, 48, 50),  # osteoid osteoma excluded ("beyond osteoid osteoma")
    "desmoid-fibromatosis": (13, 52, 53),
    "vascular-anomalies": (54,),  # ref 14 names "percutaneous ablation", not cryoablation
    "abdominal-wall-endometriosis": (15, 16, 55),
    "local-recurrence-bone-sarcoma": (),
    "local-recurrence-soft-tissue-sarcoma": (),  # ref 18 says "recurrent", not "local recurrence"
}




@pytest.fixture(scope="module")
def annotations(article: Article, terms: Terms, curation: Curation) -> tuple[Annotation, ...]:
    return annotate_article(article, compile_matcher(terms), curation)


def by_reference(annotations: tuple[Annotation, ...], number: int) -> dict[str, Annotation]:
    return {str(a.term).split("#")[1]: a for a in annotations if a.reference == number}


def test_expected_covers_at_least_twenty_references_including_the_named_ones() -> None:
    assert len(EXPECTED) >= 20
    assert {26, 27, 49, 13, 52, 53, 29, 47, 20, 36, 47} <= EXPECTED.keys()


@pytest.mark.parametrize("number", sorted(EXPECTED), ids=lambda n: f"ref{n}")
def test_annotations_of_reference(number: int, annotations: tuple[Annotation, ...]) -> None:
    got = by_reference(annotations, number)
    expected = {name.lstrip("+") for name in EXPECTED[number]}
    assert set(got) == expected
    for name in EXPECTED[number]:
        a = got[name.lstrip("+")]
        if name.startswith("+"):
            assert a.method == CURATED and a.reason and a.matched_text is None
        else:
            assert a.method == TITLE_MATCH and a.matched_text and a.reason is None


@pytest.mark.parametrize("number", [7, 10, 25, 26, 27, 31, 43, 46, 49, 57, 58], ids=lambda n: f"ref{n}")
def test_not_cryoablation(number: int, annotations: tuple[Annotation, ...]) -> None:
    """Thermal ablation, radiofrequency ablation and cryotherapy in surgery are not cryoablation."""
    assert "Cryoablation" not in by_reference(annotations, number)


def test_matched_text_is_the_title_text(annotations: tuple[Annotation, ...], article: Article) -> None:
    titles = {r.number: r.title for r in article.references}
    assert by_reference(annotations, 27)["RadiofrequencyAblation"].matched_text == "radiofrequency energy"
    assert by_reference(annotations, 52)["DesmoidFibromatosis"].matched_text == "desmoid tumour"
    assert by_reference(annotations, 13)["DesmoidFibromatosis"].matched_text == "desmoid tumors"
    assert by_reference(annotations, 57)["PigmentedVillonodularSynovitis"].matched_text == "PVNS"
    assert by_reference(annotations, 20)["SpinalMetastasis"].matched_text == "spinal metastases"
    for a in annotations:
        if a.matched_text is not None:
            assert a.matched_text in (titles[a.reference] or ""), a


def test_curated_reasons_quote_the_title(annotations: tuple[Annotation, ...]) -> None:
    assert "percutaneously placed electrode" in (by_reference(annotations, 26)["RadiofrequencyAblation"].reason or "")
    assert "surgical treatment" in (by_reference(annotations, 49)["IntraoperativeCryotherapy"].reason or "")


def test_labels_come_from_the_ontology_not_the_code(terms: Terms) -> None:
    """A title of another review is annotated with no new code: only the ontology's labels."""
    matcher = compile_matcher(terms)
    got = set(matcher.match_title("MRI-guided cryoablation of desmoid tumours in adolescents: a case series"))
    assert got == {MSKIO.MagneticResonanceImaging, MSKIO.Cryoablation, MSKIO.DesmoidFibromatosis,
                   MSKIO.AdolescentPopulation, MSKIO.CaseSeries}
    assert matcher.match_title("Cryotherapy of the ankle") == {}
    assert set(matcher.match_title("Ct scanning")) == set()  # all-capital labels match case-sensitively


def test_evidence_links(curation: Curation, annotations: tuple[Annotation, ...], terms: Terms) -> None:
    assert link_evidence(curation.indications, annotations, terms) == EXPECTED_EVIDENCE


def test_graph_records_annotations_and_links(built: BuildResult, article: Article) -> None:
    g = built.graph
    minter = Minter()
    refs = {r.number: r for r in article.references}
    w53, w26, w49, w30 = (minter.work(refs[n]) for n in (53, 26, 49, 30))
    assert (w53, RDF.type, MSKIO.SystematicReview) in g
    ann = minter.annotation(w26, "RadiofrequencyAblation")
    assert (ann, RDF.type, MSKIO.TopicAnnotation) in g
    assert (ann, MSKIO.annotatedWork, w26) in g
    assert (ann, MSKIO.annotationTerm, MSKIO.RadiofrequencyAblation) in g
    assert (ann, MSKIO.annotationMethod, MSKIO.Curation) in g
    assert (ann, MSKIO.matchedText, None) not in g
    ann = minter.annotation(w30, "OsteoidOsteoma")
    assert (ann, MSKIO.annotationMethod, MSKIO.TitleLabelMatch) in g
    assert (ann, MSKIO.matchedText, Literal("Osteoid osteoma")) in g
    topic = minter.topic(w30, "OsteoidOsteoma")
    assert (w30, MSKIO.isAbout, topic) in g
    assert (topic, RDF.type, MSKIO.OsteoidOsteoma) in g
    about_49 = {g.value(t, RDF.type) for t in g.objects(w49, MSKIO.isAbout)}
    assert MSKIO.IntraoperativeCryotherapy in about_49 and MSKIO.Cryoablation not in about_49
    indication = URIRef("https://w3id.org/mskio/indication/10-1055-a-2744-8457/desmoid-fibromatosis")
    assert set(g.objects(indication, MSKIO.inferredEvidence)) == {minter.work(refs[n]) for n in (13, 52, 53)}

