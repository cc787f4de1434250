"""The Crossref reader on the real work message and on a hand-written list of two works.

Expected values were read off tests/data/samples/crossref-work-10.1371_journal.pone.0033693.json
(a byte-identical copy of ../shared/samples/) and tests/data/readers/crossref-two.json by hand;
line numbers with `grep -n`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mskio.readers import read_file
from mskio.readers.crossref import value_lines
from mskio.records import Article, Journal, Organization, Person, Publisher, Reference

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "samples" / "crossref-work-10.1371_journal.pone.0033693.json"
TWO = DATA / "readers" / "crossref-two.json"


@pytest.fixture(scope="module")
def plos() -> Article:
    articles = read_file(SAMPLE)
    assert len(articles) == 1
    return articles[0]


@pytest.fixture(scope="module")
def two() -> tuple[Article, ...]:
    return read_file(TWO)


def test_article(plos: Article) -> None:
    assert plos.source.format == "crossref"
    assert plos.doi == "10.1371/journal.pone.0033693"
    assert plos.title.text == (
        "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice"
    )
    assert plos.title.line == 65  # "title": [ ... ]
    assert plos.authors == (
        Person("Sadasivan", "S", given="Shankar"),
        Person("Pond", "BB", given="Brooks B."),
        Person("Pani", "AK", given="Amar K."),
        Person("Qu", "C", given="Chunxu"),
        Person("Jiao", "Y", given="Yun"),
        Person("Smeyne", "RJ", given="Richard J."),
    )
    assert plos.journal == Journal(
        title="PLoS ONE", iso_abbreviation="PLoS ONE", issns=("1932-6203",), publisher="Public Library of Science (PLoS)"
    )
    assert plos.publisher == Publisher("Public Library of Science (PLoS)")
    assert (plos.issued, plos.published_online) == ("2012-03-21", dt.date(2012, 3, 21))
    assert plos.license == "http://creativecommons.org/licenses/by/4.0/"
    assert (plos.volume, plos.issue, plos.pages) == ("7", "3", "e33693")
    assert plos.abstract is None and plos.pmid is None and plos.rights is None


def test_reference_counts(plos: Article) -> None:
    refs = plos.references
    assert [r.number for r in refs] == list(range(1, 71))  # README: 70 refs
    assert [r.key for r in refs] == [f"ref{n}" for n in range(1, 71)]
    assert [r.origin for r in refs] == [f"message.reference[{i}]" for i in range(70)]
    assert sum(r.doi is not None for r in refs) == 65
    assert [r.key for r in refs if r.doi is None] == ["ref5", "ref6", "ref23", "ref24", "ref63"]
    assert {r.raw_kind for r in refs} == {"rendered"}  # none has `unstructured`
    assert all(r.truncated and len(r.authors) == 1 for r in refs)  # first author only
    assert {r.doi_asserted_by for r in refs if r.doi} == {"crossref"}
    # the line of each reference's "{": one line above its "key" (grep -n '"key": "ref1"' -> 156)
    assert (refs[0].line, refs[18].line, refs[62].line, refs[69].line) == (155, 345, 822, 894)
    # no journal-title: ref5, ref6 (a survey report), ref63 (a book); ref70's first-page is "Article3"
    assert [r.key for r in plos.unparsed] == ["ref5", "ref6", "ref63", "ref70"]
    assert {r.problems for r in plos.unparsed[:3]} == {("no journal",)}


def test_ref_1(plos: Article) -> None:
    assert plos.references[0] == Reference(
        number=1,
        raw=("Arnsten AF. Stimulants: Therapeutic actions in ADHD. Neuropsychopharmacology 2006;31:2376. "
             "doi:10.1038/sj.npp.1301164"),
        line=155,
        authors=(Person("Arnsten", "AF"),),  # "author": "AF Arnsten"
        truncated=True,
        title="Stimulants: Therapeutic actions in ADHD.",
        journal="Neuropsychopharmacology",
        year="2006",
        volume="31",
        page_start="2376",  # first-page only: no end page invented
        doi="10.1038/sj.npp.1301164",
        raw_kind="rendered",
        key="ref1",
        origin="message.reference[0]",
        doi_asserted_by="crossref",
    )


def test_ref_4_letter_page(plos: Article) -> None:
    ref = plos.references[3]
    assert (ref.page_start, ref.locator, ref.page_end) == ("L7", None, None)
    assert ref.authors == (Person("Volkow", "ND"),)


def test_ref_8_hyphenated_family_name(plos: Article) -> None:
    assert plos.references[7].authors == (Person("Camp-Bruno", "JA"),)


def test_ref_19_entity_in_title(plos: Article) -> None:
    assert plos.references[18] == Reference(
        number=19,
        raw=("Asanuma M. Dopamine- or L-DOPA-induced neurotoxicity: the role of dopamine quinone formation and "
             "tyrosinase in a model of Parkinson's disease. Neurotox Res 2003;5:165. doi:10.1007/BF03033137"),
        line=345,
        authors=(Person("Asanuma", "M"),),
        truncated=True,
        title=("Dopamine- or L-DOPA-induced neurotoxicity: the role of dopamine quinone formation and tyrosinase "
               "in a model of Parkinson's disease."),  # &apos; in the JSON string
        journal="Neurotox Res",
        year="2003",
        volume="5",
        page_start="165",
        doi="10.1007/BF03033137",
        raw_kind="rendered",
        key="ref19",
        origin="message.reference[18]",
        doi_asserted_by="crossref",
    )


def test_ref_24_without_doi(plos: Article) -> None:
    assert plos.references[23] == Reference(
        number=24,
        raw="Jang H. Inflammatory effects of highly pathogenic H5N1 influenza virus infection in the CNS of mice. J Neurosci 2012.",
        line=398,
        authors=(Person("Jang", "H"),),
        truncated=True,
        title="Inflammatory effects of highly pathogenic H5N1 influenza virus infection in the CNS of mice.",
        journal="J Neurosci",
        year="2012",
        raw_kind="rendered",
        key="ref24",
        origin="message.reference[23]",
    )


def test_ref_70_first_page_that_is_no_page_number(plos: Article) -> None:
    assert plos.references[69] == Reference(
        number=70,
        raw=("Smyth GK. Linear models and empirical bayes methods for assessing differential expression in "
             "microarray experiments. Stat Appl Genet Mol Biol 2004;3:Article3. doi:10.2202/1544-6115.1027"),
        line=894,
        authors=(Person("Smyth", "GK"),),
        truncated=True,
        title=("Linear models and empirical bayes methods for assessing differential expression in microarray "
               "experiments."),
        journal="Stat Appl Genet Mol Biol",
        year="2004",
        volume="3",
        problems=("pages not recognised: 'Article3'",),  # kept in the raw text, not as a page number
        doi="10.2202/1544-6115.1027",
        raw_kind="rendered",
        key="ref70",
        origin="message.reference[69]",
        doi_asserted_by="crossref",
    )


def test_ref_63_book_without_journal(plos: Article) -> None:
    ref = plos.references[62]
    assert ref.raw == "Paxinos G. The Mouse Brain in Stereotaxic Coordinates. 2001."
    assert (ref.title, ref.year, ref.journal, ref.doi) == ("The Mouse Brain in Stereotaxic Coordinates", "2001", None, None)
    assert ref.problems == ("no journal",)


# -- a list of two works (hand-written) ---------------------------------------------------


def test_a_list_of_two_works(two: tuple[Article, ...]) -> None:
    assert [a.doi for a in two] == ["10.5555/test.crossref.1", "10.5555/test.crossref.2"]
    first, second = two
    assert first.title.text == "On Parkinson's disease"  # <i> stripped, &apos; unescaped
    assert first.title.line == 9
    assert first.authors == (
        Person("Carberry", "J", given="Josiah", orcid="0000-0002-1825-0097", affiliations=("Brown University",)),
        Organization("The Consortium"),
    )
    assert first.journal == Journal(title="Test Journal")
    # the JATS abstract: its "Abstract" heading dropped, the section title as a label, tags removed
    assert first.abstract is not None and first.abstract.text == "Background: We did it. More & more."
    assert first.abstract.line == 8
    assert (first.issued, first.published_online) == ("2019", None)  # a year only: no day invented
    assert first.license == "https://creativecommons.org/licenses/by/4.0/"  # the "vor" licence, not "tdm"
    assert second.title.text == "Second work"  # a bare work object
    assert (second.issued, second.published_online) == ("2020-07", dt.date(2020, 7, 14))
    assert second.references == ()


def test_reference_with_only_a_doi(two: tuple[Article, ...]) -> None:
    assert two[0].references[0] == Reference(
        number=1,
        raw="doi:10.1000/only.a.doi",
        line=18,
        problems=("no authors", "no title", "no year", "no journal"),
        doi="10.1000/only.a.doi",
        raw_kind="rendered",
        key="10.5555/test.crossref.1_ref1",
        origin="[0].message.reference[0]",
        doi_asserted_by="publisher",
    )


def test_unstructured_only_is_read_as_vancouver(two: tuple[Article, ...]) -> None:
    ref = two[0].references[1]
    assert ref.raw_kind == "unstructured"
    assert ref.raw.startswith("Rosenthal D, Callstrom MR. Critical review")
    assert ref.authors == (Person("Rosenthal", "D"), Person("Callstrom", "MR"))
    assert (ref.journal, ref.year, ref.volume, ref.page_start, ref.page_end) == ("Radiology", "2012", "262", "765", "780")
    assert ref.fully_parsed and ref.line == 23 and ref.key == "ref2"


def test_author_that_is_not_a_name_is_a_problem(two: tuple[Article, ...]) -> None:
    ref = two[0].references[2]
    assert ref.authors == ()  # never silently an Organization
    assert ref.problems[0] == "first author not read as a name: 'World Health Organization'"
    assert ref.line == 27


def test_value_lines() -> None:
    text = '{\n "a": [\n  1,\n  {"b": "x,]}"}\n ],\n "c": {}\n}'
    assert value_lines(text) == {"": 1, "a": 2, "a[0]": 3, "a[1]": 4, "a[1].b": 4, "c": 6}


@pytest.mark.parametrize(
    ("text", "family", "initials"),
    [("AF Arnsten", "Arnsten", "AF"), ("A.F. Arnsten", "Arnsten", "AF"), ("Arnsten AF", "Arnsten", "AF"),
     ("Arnsten, A. F.", "Arnsten", "AF"), ("JA Camp-Bruno", "Camp-Bruno", "JA")],
)
def test_first_author_strings(text: str, family: str, initials: str) -> None:
    from mskio.readers.citation import person_from_text

    assert person_from_text(text) == Person(family, initials)


@pytest.mark.parametrize("text", ["World Health Organization", "WHO Expert Committee", "Anonymous", "et al"])
def test_strings_that_are_no_name(text: str) -> None:
    from mskio.readers.citation import person_from_text

    assert person_from_text(text) is None
