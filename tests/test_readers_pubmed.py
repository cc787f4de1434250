"""The PubMed reader on the real MEDLINE record and on a hand-written set of two articles.

Expected values were read off tests/data/samples/pubmed-29768149.xml (a byte-identical copy of
../shared/samples/) and tests/data/readers/pubmed-two.xml by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mskio.readers import read_file
from mskio.records import Article, Journal, MeshHeading, Organization, Person, Reference

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "samples" / "pubmed-29768149.xml"
TWO = DATA / "readers" / "pubmed-two.xml"

AFFILIATION = (
    "From the Firestone Institute for Respiratory Health, St. Joseph's Healthcare and Department of Medicine, "
    "Michael G. DeGroote School of Medicine, McMaster University, Hamilton, ON (P.M.O.), and the Institute for "
    "Heart and Lung Health, University of British Columbia, Vancouver (J.M.F.) - both in Canada; the Division of "
    "Pulmonology, Department of Medicine, University of Cape Town, Cape Town, South Africa (E.D.B.); Airway Disease "
    "Section, National Heart and Lung Institute, Imperial College, London (P.J.B.); State Key Laboratory of "
    "Respiratory Diseases, First Affiliated Hospital, Guangzhou Medical University, Guangzhou, China (N.Z.); "
    "AstraZeneca Research and Development, Gothenburg, Sweden (C.K., C.J., S.I.); AstraZeneca Research and "
    "Development, Barcelona (R.L.); and Woolcock Institute of Medical Research, University of Sydney, Sydney "
    "(H.K.R.)."
)


@pytest.fixture(scope="module")
def nejm() -> Article:
    articles = read_file(SAMPLE)
    assert len(articles) == 1
    return articles[0]


@pytest.fixture(scope="module")
def two() -> tuple[Article, ...]:
    return read_file(TWO)


def test_article(nejm: Article) -> None:
    assert nejm.source.format == "pubmed"
    assert nejm.pmid == "29768149"
    assert nejm.doi == "10.1056/NEJMoa1715274"
    assert nejm.pmcid is None
    assert nejm.title.text == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert nejm.title.line == 32
    assert nejm.journal == Journal(
        title="The New England journal of medicine", iso_abbreviation="N Engl J Med", issns=("1533-4406",)
    )
    assert (nejm.volume, nejm.issue, nejm.pages) == ("378", "20", "1865-1876")
    assert nejm.published_online == dt.date(2018, 5, 17)  # PubDate 2018/05/17, no ArticleDate
    assert nejm.issued == "2018-05-17"
    assert (nejm.received, nejm.accepted) == (None, None)  # History: entrez, pubmed, medline only
    assert (nejm.license, nejm.rights) == (None, None)
    assert nejm.keywords == ()


def test_authors(nejm: Article) -> None:
    expected = [("O'Byrne", "Paul M", "PM"), ("FitzGerald", "J Mark", "JM"), ("Bateman", "Eric D", "ED"),
                ("Barnes", "Peter J", "PJ"), ("Zhong", "Nanshan", "N"), ("Keen", "Christina", "C"),
                ("Jorup", "Carin", "C"), ("Lamarca", "Rosa", "R"), ("Ivanov", "Stefan", "S"),
                ("Reddel", "Helen K", "HK")]
    assert nejm.authors == tuple(
        Person(family, initials, given=given, affiliations=(AFFILIATION,)) for family, given, initials in expected
    )


def test_abstract_labels(nejm: Article) -> None:
    assert nejm.abstract is not None
    assert nejm.abstract.line == 37
    text = nejm.abstract.text
    # "&#946;" then a line break before <sub>2</sub>: the break is one space
    assert text.startswith("BACKGROUND: In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus "
                           "a fast-acting \u03b2 2-agonist may be an alternative to conventional treatment strategies. "
                           "METHODS: We conducted a 52-week, double-blind trial")
    assert " RESULTS: A total of 3849 patients underwent randomization" in text
    assert " CONCLUSIONS: In patients with mild asthma, as-needed budesonide-formoterol provided superior" in text
    assert text.endswith("than budesonide maintenance therapy. (Funded by AstraZeneca; SYGMA 1 ClinicalTrials.gov "
                         "number, NCT02149199 .).")


def test_publication_types(nejm: Article) -> None:
    assert nejm.publication_types == (
        ("D017428", "Clinical Trial, Phase III"),
        ("D003160", "Comparative Study"),
        ("D016428", "Journal Article"),
        ("D016448", "Multicenter Study"),
        ("D016449", "Randomized Controlled Trial"),
        ("D013485", "Research Support, Non-U.S. Gov't"),
    )


def test_mesh_headings(nejm: Article) -> None:
    dosage, adverse = ("Q000008", "administration & dosage", True), ("Q000009", "adverse effects", False)
    assert nejm.mesh == (
        MeshHeading("D000280", "Administration, Inhalation"),
        MeshHeading("D000293", "Adolescent"),
        MeshHeading("D000328", "Adult"),
        MeshHeading("D000368", "Aged"),
        MeshHeading("D001249", "Asthma", qualifiers=(("Q000188", "drug therapy", True),)),
        MeshHeading("D001993", "Bronchodilator Agents", qualifiers=(dosage, adverse)),
        MeshHeading("D019819", "Budesonide", qualifiers=(dosage, adverse)),
        MeshHeading("D002648", "Child"),
        MeshHeading("D004311", "Double-Blind Method"),
        MeshHeading("D004334", "Drug Administration Schedule"),
        MeshHeading("D004338", "Drug Combinations"),
        MeshHeading("D005260", "Female"),
        MeshHeading("D005541", "Forced Expiratory Volume"),
        MeshHeading("D000068759", "Formoterol Fumarate", qualifiers=(dosage, adverse)),
        MeshHeading("D005938", "Glucocorticoids", qualifiers=(("Q000008", "administration & dosage", False),)),
        MeshHeading("D006801", "Humans"),
        MeshHeading("D060046", "Maintenance Chemotherapy"),
        MeshHeading("D008297", "Male"),
        MeshHeading("D055118", "Medication Adherence"),
        MeshHeading("D008875", "Middle Aged"),
        MeshHeading("D011795", "Surveys and Questionnaires"),
        MeshHeading("D013726", "Terbutaline", qualifiers=(dosage, adverse)),
        MeshHeading("D055815", "Young Adult"),
    )


def test_comments_are_not_references(nejm: Article) -> None:
    # no <ReferenceList>; the two CommentsCorrections RefType="CommentIn" (PMID 29768146, 30242404) are
    # links between PubMed records
    assert nejm.references == ()


# -- two articles in one set (hand-written) -----------------------------------------------


def test_a_set_of_two_articles_gives_two(two: tuple[Article, ...]) -> None:
    assert [a.pmid for a in two] == ["11111111", "22222222"]
    assert [a.doi for a in two] == ["10.5555/test.pubmed.1", "10.5555/test.pubmed.2"]  # 2nd: ELocationID only
    assert {a.source for a in two} == {two[0].source}


def test_first_of_two(two: tuple[Article, ...]) -> None:
    first = two[0]
    assert first.pmcid == "PMC7654321"
    assert first.title.text == "First review."
    assert first.journal == Journal(title="Skeletal radiology", iso_abbreviation="Skeletal Radiol", issns=("0364-2348",))
    assert (first.volume, first.issue, first.pages) == ("38", "9", "835-839")  # StartPage / EndPage
    assert first.published_online == dt.date(2009, 6, 5)  # ArticleDate Electronic
    assert (first.received, first.accepted) == (dt.date(2009, 3, 1), dt.date(2009, 5, 2))
    assert first.abstract is not None and first.abstract.text == "Unlabelled abstract."
    assert first.rights == "\u00a9 2009 ISS"
    # ValidYN="N" is a name PubMed marks as wrong: skipped
    assert first.authors == (
        Person("Callstrom", "MR", given="Matthew R", orcid="0000-0002-1825-0097",
               affiliations=("Mayo Clinic, Rochester, USA.",)),
        Organization("Cryo Study Group"),
    )
    assert first.publication_types == (("D016454", "Review"),)
    assert first.keywords == ("cryoablation",)
    assert first.mesh == ()


def test_reference_list(two: tuple[Article, ...]) -> None:
    refs = two[0].references
    assert [r.number for r in refs] == [1, 2, 3]
    assert [r.line for r in refs] == [26, 27, 28]
    assert refs[0] == Reference(
        number=1,
        raw=("Rosenthal D, Callstrom MR. Critical review and state of the art in interventional oncology: benign "
             "and metastatic disease involving bone. Radiology 2012; 262 (03) 765-780"),
        line=26,
        authors=(Person("Rosenthal", "D"), Person("Callstrom", "MR")),
        title="Critical review and state of the art in interventional oncology: benign and metastatic disease involving bone",
        journal="Radiology",
        year="2012",
        volume="262",
        issue="03",
        pages="765-780",
        page_start="765",
        page_end="780",
        doi="10.1148/radiol.11101817",
        pmid="22357880",
        raw_kind="printed",
    )
    assert refs[1].raw == "A citation that is not Vancouver"
    assert refs[1].raw_kind == "printed" and not refs[1].fully_parsed
    assert refs[2].raw == "PMID: 12345678"
    assert refs[2].raw_kind == "rendered"
    assert refs[2].pmid == "12345678"
    assert refs[2].problems == ("no <Citation> text", "no authors", "no title", "no year", "no journal")


def test_second_of_two(two: tuple[Article, ...]) -> None:
    second = two[1]
    assert second.title.text == "Second article."  # empty ArticleTitle: the VernacularTitle, <i> dropped
    assert second.journal == Journal(title="Test journal", iso_abbreviation="Test J")
    # <MedlineDate>1998 Dec-1999 Jan</MedlineDate>: the year only, no invented day
    assert (second.issued, second.published_online) == ("1998", None)
    assert second.authors == (Person("Solo", "A"),)  # not the AuthorList Type="editors"
    assert second.references == ()
