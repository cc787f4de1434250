"""The JATS reader on two real PMC files and on a hand-written file of the other forms JATS allows.

Every expected value was read off the XML by hand (tests/data/samples/*.nxml are byte-identical
copies of ../shared/samples/; their README gives the counts). A rendered raw text is mskio's
Vancouver rendering of the fields (mskio.readers.citation.render), written out here by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mskio.readers import read_file
from mskio.records import Article, Journal, Organization, Person, Publisher, Reference

DATA = Path(__file__).resolve().parent / "data"
EHP = DATA / "samples" / "ehp-116-1694.nxml"
BMC = DATA / "samples" / "1471-2180-11-174.nxml"
FORMS = DATA / "readers" / "jats-forms.xml"


def _one(path: Path) -> Article:
    articles = read_file(path)
    assert len(articles) == 1
    return articles[0]


@pytest.fixture(scope="module")
def ehp() -> Article:
    return _one(EHP)


@pytest.fixture(scope="module")
def bmc() -> Article:
    return _one(BMC)


@pytest.fixture(scope="module")
def forms() -> Article:
    return _one(FORMS)


def P(family: str, initials: str) -> Person:
    return Person(family, initials)


# -- EHP: <element-citation>, person-group, etal, collab, webpage -------------------------


def test_ehp_article(ehp: Article) -> None:
    assert ehp.source.format == "jats"
    assert ehp.doi == "10.1289/ehp.11570"
    assert ehp.pmid == "19079722"
    assert ehp.pmcid == "PMC2599765"
    assert ehp.title.text == (
        "Dietary Exposure to 2,2\u2032,4,4\u2032-Tetrabromodiphenyl Ether (PBDE-47) Alters Thyroid Status and "
        "Thyroid Hormone\u2013Regulated Gene Transcription in the Pituitary and Brain"
    )
    assert ehp.title.line == 2
    assert ehp.journal == Journal(
        title="Environmental Health Perspectives",
        iso_abbreviation="Environ Health Perspect",
        issns=("0091-6765", "1552-9924"),
        publisher="National Institute of Environmental Health Sciences",
    )
    assert ehp.publisher == Publisher("National Institute of Environmental Health Sciences")
    assert (ehp.volume, ehp.issue, ehp.pages) == ("116", "12", "1694-1699")
    # pub-date ppub is 12/2008 (no day), epub 1/8/2008: the full epub date is the online date
    assert ehp.published_online == dt.date(2008, 8, 1)
    assert ehp.issued == "2008-08-01"
    assert ehp.received == dt.date(2008, 4, 10)
    assert ehp.accepted == dt.date(2008, 8, 1)
    assert ehp.license == "http://creativecommons.org/publicdomain/mark/1.0/"
    assert ehp.rights is None  # <copyright-year> only, no <copyright-statement>
    assert len(ehp.keywords) == 9
    assert ehp.keywords[0] == "basic transcription element-binding protein"
    assert ehp.keywords[-1] == "thyrotropin"


def test_ehp_authors_with_affiliations(ehp: Article) -> None:
    aff1 = ("Physiology Program, Northwest Fisheries Science Center, National Oceanic and Atmospheric "
            "Administration, Seattle, Washington, USA")
    aff2 = "School of Aquatic and Fishery Sciences, University of Washington, Seattle, Washington, USA"
    aff3 = "Marine Sciences Laboratory, Battelle, Pacific Northwest National Laboratory, Sequim, Washington, USA"
    assert ehp.authors == (
        Person("Lema", "SC", given="Sean C.", affiliations=(aff1,)),
        Person("Dickey", "JT", given="Jon T.", affiliations=(aff2,)),
        Person("Schultz", "IR", given="Irvin R.", affiliations=(aff3,)),
        Person("Swanson", "P", given="Penny", affiliations=(aff1,)),
    )


def test_ehp_abstract_sections_are_labelled(ehp: Article) -> None:
    assert ehp.abstract is not None
    text = ehp.abstract.text
    assert text.startswith("Background: Polybrominated diphenyl ether (PBDE) flame retardants have been implicated")
    assert " Objective: We examined the effects of dietary exposure" in text
    assert " Methods: Breeding pairs of adult fathead minnows (Pimephales promelas) were given" in text
    assert " Results: Minnows exposed" in text
    assert text.endswith("Conclusions: Our results indicate that dietary exposure to PBDE-47 alters TH signaling at "
                         "multiple levels of the hypothalamic-pituitary-thyroid axis and provide evidence that "
                         "TH-responsive pathways in the brain may be particularly sensitive to disruption by PBDE "
                         "flame retardants.")


def test_ehp_reference_counts(ehp: Article) -> None:
    refs = ehp.references
    assert [r.number for r in refs] == list(range(1, 59))  # README: 58 refs
    assert [r.key for r in refs] == [f"b{n}-ehp-116-1694" for n in range(1, 59)]
    assert sum(r.doi is not None for r in refs) == 0
    assert sum(r.pmid is not None for r in refs) == 52
    assert sum(r.truncated for r in refs) == 7  # 7 <etal/>
    assert {r.line for r in refs} == {3}  # the whole ref-list is on line 3 of the file
    assert {r.raw_kind for r in refs} == {"rendered"}
    assert ehp.unparsed == ()  # every ref has authors (or a collab), title, source, year


def test_ehp_ref_1_etal(ehp: Article) -> None:
    assert ehp.references[0] == Reference(
        number=1,
        raw=("Adolf B, Chapouton P, Lam CS, Topp S, Tannh\u00e4user B, Str\u00e4hle U, et al. Conserved and acquired "
             "features of adult neurogenesis in the zebrafish telencephalon. Dev Biol 2006;295:278-293. "
             "PMID: 16828638"),
        line=3,
        authors=(P("Adolf", "B"), P("Chapouton", "P"), P("Lam", "CS"), P("Topp", "S"),
                 P("Tannh\u00e4user", "B"), P("Str\u00e4hle", "U")),
        truncated=True,
        title="Conserved and acquired features of adult neurogenesis in the zebrafish telencephalon",
        journal="Dev Biol",
        year="2006",
        volume="295",
        pages="278-293",
        page_start="278",
        page_end="293",
        pmid="16828638",
        raw_kind="rendered",
        publication_type="journal",
        key="b1-ehp-116-1694",
    )


def test_ehp_ref_10_no_pub_id(ehp: Article) -> None:
    assert ehp.references[9] == Reference(
        number=10,
        raw=("Dickhoff WW, Folmar LC, Mighell JL, Mahnken CVW. Plasma thyroid hormones during smoltification of "
             "yearling and underyearling coho salmon and yearling Chinook salmon and steelhead trout. "
             "Aquaculture 1982;28:39-48."),
        line=3,
        authors=(P("Dickhoff", "WW"), P("Folmar", "LC"), P("Mighell", "JL"), P("Mahnken", "CVW")),
        title=("Plasma thyroid hormones during smoltification of yearling and underyearling coho salmon and "
               "yearling Chinook salmon and steelhead trout"),
        journal="Aquaculture",
        year="1982",
        volume="28",
        pages="39-48",
        page_start="39",
        page_end="48",
        raw_kind="rendered",
        publication_type="journal",
        key="b10-ehp-116-1694",
    )


def test_ehp_ref_22_italic_in_title(ehp: Article) -> None:
    ref = ehp.references[21]
    assert ref.title == ("Basic transcription element binding protein is a thyroid hormone-regulated transcription "
                         "factor expressed during metamorphosis in Xenopus laevis")
    assert ref.authors == (P("Hoopfer", "ED"), P("Huang", "L"), P("Denver", "RJ"))
    assert (ref.journal, ref.year, ref.volume, ref.pages) == ("Develop Growth Differ", "2002", "44", "365-381")
    assert ref.doi is None and ref.pmid is None


def test_ehp_ref_41_webpage_by_a_group(ehp: Article) -> None:
    assert ehp.references[40] == Reference(
        number=41,
        raw=("National Center for Biotechnology Information. GenBank Overview. 2008. "
             "Available: http://www.ncbi.nlm.nih.gov/Genbank/index.html [accessed 4 November 2008]."),
        line=3,
        authors=(Organization("National Center for Biotechnology Information"),),
        title="GenBank Overview",  # a web page's <source> is its title
        year="2008",
        raw_kind="rendered",
        publication_type="webpage",
        key="b41-ehp-116-1694",
        comment="Available: http://www.ncbi.nlm.nih.gov/Genbank/index.html [accessed 4 November 2008]",
    )


# -- BMC: <mixed-citation> with juxtaposed fields, bare <name>s, editors, e-locators -------


def test_bmc_article(bmc: Article) -> None:
    assert bmc.doi == "10.1186/1471-2180-11-174"
    assert bmc.pmid == "21810267"
    assert bmc.pmcid == "PMC3166277"
    assert bmc.title.text == "Factors influencing lysis time stochasticity in bacteriophage \u03bb"
    assert bmc.journal == Journal(
        title="BMC Microbiology", iso_abbreviation="BMC Microbiol", issns=("1471-2180",), publisher="BioMed Central"
    )
    assert (bmc.volume, bmc.issue, bmc.pages) == ("11", None, "174")  # fpage 174, lpage 174
    # pub-date collection is the year 2011 only; epub 2/8/2011 is the full date
    assert bmc.published_online == dt.date(2011, 8, 2)
    assert bmc.issued == "2011-08-02"
    assert bmc.received == dt.date(2010, 12, 1)
    assert bmc.accepted == dt.date(2011, 8, 2)
    assert bmc.license == "http://creativecommons.org/licenses/by/2.0"
    assert bmc.rights == "Copyright \u00a92011 Dennehy and Wang; licensee BioMed Central Ltd."
    i1 = "Department of Biological Sciences, University at Albany, 1400 Washington Avenue, Albany, NY 12222, USA"
    i2 = ("Biology Department, Queens College, and the Graduate Center of the City University of New York, "
          "Flushing, NY 11367, USA")
    assert bmc.authors == (
        Person("Dennehy", "JJ", given="John J", affiliations=(i1, i2)),
        Person("Wang", "IN", given="Ing-Nang", affiliations=(i1,)),
    )
    assert bmc.abstract is not None
    assert bmc.abstract.text.startswith("Background: Despite identical genotypes and seemingly uniform environments")
    assert " Results: Individual lysis events of thermally-inducible \u03bb lysogens" in bmc.abstract.text
    assert " Conclusions: Taken together with results published by others" in bmc.abstract.text


def test_bmc_reference_counts(bmc: Article) -> None:
    refs = bmc.references
    assert [r.number for r in refs] == list(range(1, 65))  # README: 64 refs
    assert [r.key for r in refs] == [f"B{n}" for n in range(1, 65)]
    assert sum(r.doi is not None for r in refs) == 50
    assert sum(r.pmid is not None for r in refs) == 56
    assert [r.publication_type for r in refs].count("book") == 3
    assert [r.publication_type for r in refs].count("journal") == 61
    assert sum(r.doi is None and r.pmid is None for r in refs) == 4  # 4 refs without <pub-id>
    assert sum(r.locator is not None for r in refs) == 3  # lone fpage e120, e137, e1000049
    assert sum(bool(r.editors) for r in refs) == 2
    # no punctuation between the tagged fields: the raw text is rendered, not the run-together text
    assert {r.raw_kind for r in refs} == {"rendered"}
    assert bmc.unparsed == ()


def test_bmc_ref_1(bmc: Article) -> None:
    assert bmc.references[0] == Reference(
        number=1,
        raw=("Avery SV. Microbial cell individuality and the underlying sources of heterogeneity. "
             "Nat Rev Microbiol 2006;4:577-587. doi:10.1038/nrmicro1460 PMID: 16845428"),
        line=2,
        authors=(P("Avery", "SV"),),
        title="Microbial cell individuality and the underlying sources of heterogeneity",
        journal="Nat Rev Microbiol",
        year="2006",
        volume="4",
        pages="577-587",
        page_start="577",
        page_end="587",
        doi="10.1038/nrmicro1460",
        pmid="16845428",
        raw_kind="rendered",
        publication_type="journal",
        key="B1",
    )


def test_bmc_ref_2_lone_first_page(bmc: Article) -> None:
    ref = bmc.references[1]
    assert (ref.page_start, ref.page_end, ref.pages, ref.locator) == ("64", None, None, None)
    assert ref.doi is None and ref.pmid == "17130866"


def test_bmc_ref_23_e_locator(bmc: Article) -> None:
    assert bmc.references[22] == Reference(
        number=23,
        raw=("Ansel J, Bottin H, Rodriguez-Beltran C, Damon C, Nagarajan M, Fehrmann S, Francois J, Yvert G. "
             "Cell-to-cell stochastic variation in gene expression is a complex genetic trait. "
             "PLoS Genet 2008;4:e1000049. doi:10.1371/journal.pgen.1000049 PMID: 18404214"),
        line=2,
        authors=(P("Ansel", "J"), P("Bottin", "H"), P("Rodriguez-Beltran", "C"), P("Damon", "C"),
                 P("Nagarajan", "M"), P("Fehrmann", "S"), P("Francois", "J"), P("Yvert", "G")),
        title="Cell-to-cell stochastic variation in gene expression is a complex genetic trait",
        journal="PLoS Genet",
        year="2008",
        volume="4",
        locator="e1000049",
        doi="10.1371/journal.pgen.1000049",
        pmid="18404214",
        raw_kind="rendered",
        publication_type="journal",
        key="B23",
    )


def test_bmc_ref_36_book_chapter_with_editors(bmc: Article) -> None:
    assert bmc.references[35] == Reference(
        number=36,
        raw=("Friedman DI, Gottesman M. Lytic mode of lambda development. In: Hendrix RW, Roberts JW, Stahl FW, "
             "Weisberg RA, editors. Lambda II. Cold Spring Harbor, New York: Cold Spring Harbor Laboratory; 1983. "
             "p. 21-51."),
        line=2,
        authors=(P("Friedman", "DI"), P("Gottesman", "M")),
        title="Lytic mode of lambda development",
        year="1983",
        pages="21-51",
        page_start="21",
        page_end="51",
        raw_kind="rendered",
        publication_type="book",
        key="B36",
        # the editor group is free text: "Hendrix RW,Roberts JW,Stahl FW,Weisberg RA"
        editors=(P("Hendrix", "RW"), P("Roberts", "JW"), P("Stahl", "FW"), P("Weisberg", "RA")),
        container_title="Lambda II",
        publisher="Cold Spring Harbor, New York: Cold Spring Harbor Laboratory",
    )


def test_bmc_ref_56_whole_book(bmc: Article) -> None:
    assert bmc.references[55] == Reference(
        number=56,
        raw="Sokal RR, Rohlf FJ. Biometry. New York, New York: W. H. Freeman and Company; 1995.",
        line=2,
        authors=(P("Sokal", "RR"), P("Rohlf", "FJ")),
        title="Biometry",
        year="1995",
        raw_kind="rendered",
        publication_type="book",
        key="B56",
        publisher="New York, New York: W. H. Freeman and Company",
    )


def test_bmc_ref_49_no_pub_id(bmc: Article) -> None:
    ref = bmc.references[48]
    assert ref.authors == (P("Raj", "A"), P("Peskin", "CS"), P("Tranchina", "D"), P("Vargas", "DY"), P("Tyagi", "S"))
    assert (ref.title, ref.journal, ref.year, ref.volume) == (
        "Stochastic mRNA synthesis in mammalian cells", "PLoS Biol", "2006", "4")
    assert (ref.page_start, ref.page_end) == ("1707", "1719")
    assert (ref.doi, ref.pmid, ref.pmcid) == (None, None, None)


# -- the other forms (hand-written file) --------------------------------------------------


def test_forms_article(forms: Article) -> None:
    assert forms.doi == "10.5555/test.jats.1"
    # <italic> dropped; &nbsp; and &hellip; are not defined (no DTD is read): HTML's meaning is used
    assert forms.title.text == "Cryoablation of bone tumours \u2026"
    assert forms.title.line == 12
    assert forms.authors == (
        Person("Carberry", "J", given="Josiah", orcid="0000-0002-1825-0097",
               affiliations=("Brown University, Providence, USA",)),
        Organization("Example Study Group"),
    )  # the contrib-type="editor" is not an author
    assert forms.journal == Journal(title="Skeletal Radiology", iso_abbreviation="Skeletal Radiol.", issns=("0364-2348",))
    # print 3/2024 and electronic 2024: no full date, nothing invented
    assert forms.published_online is None
    assert forms.issued == "2024-03"
    assert (forms.volume, forms.pages) == ("53", "e101")
    assert forms.license == "https://creativecommons.org/licenses/by/4.0/"
    assert forms.rights == "\u00a9 2024 The Authors"
    assert forms.abstract is not None and forms.abstract.text == "One paragraph & no sections."


def test_forms_references_in_equal_references_out(forms: Article) -> None:
    # the refs of the outer list and of the nested one, in document order
    assert [(r.number, r.key) for r in forms.references] == [
        (1, "r1"), (2, "r2"), (3, "r3"), (4, "r4"), (5, "r5"), (6, "r6"), (7, "r7"), (8, "r8")]
    assert [r.line for r in forms.references] == [28, 29, 32, 33, 35, 36, 37, 38]


def test_forms_punctuated_mixed_citation_keeps_its_text(forms: Article) -> None:
    assert forms.references[0] == Reference(
        number=1,
        raw=("Callstrom MR, Kurup AN. Percutaneous ablation for bone and soft tissue metastases. Skeletal Radiol "
             "2009;38(9):835\u20139. doi:10.1007/s00256-009-0736-7"),
        line=28,
        authors=(P("Callstrom", "MR"), P("Kurup", "AN")),
        title="Percutaneous ablation for bone and soft tissue metastases",
        journal="Skeletal Radiol",
        year="2009",
        volume="38",
        issue="9",
        pages="835-9",
        page_start="835",
        page_end="839",
        doi="10.1007/s00256-009-0736-7",  # from <ext-link ext-link-type="doi">
        raw_kind="mixed-citation",
        publication_type="journal",
        key="r1",
    )


def test_forms_free_text_mixed_citation_is_read_as_vancouver(forms: Article) -> None:
    ref = forms.references[1]
    assert ref.raw_kind == "mixed-citation"
    assert ref.raw == ("Rosenthal D, Callstrom MR. Critical review and state of the art in interventional oncology: "
                       "benign and metastatic disease involving bone. Radiology 2012; 262 (03) 765-780")
    assert ref.authors == (P("Rosenthal", "D"), P("Callstrom", "MR"))
    assert (ref.journal, ref.year, ref.volume, ref.issue, ref.page_start, ref.page_end) == (
        "Radiology", "2012", "262", "03", "765", "780")
    assert ref.fully_parsed and ref.line == 29 and ref.key == "r2"


def test_forms_nlm_citation_in_a_nested_list(forms: Article) -> None:
    ref = forms.references[2]
    assert ref.raw == "Smith J A title. J Test 2001;1:1-5. PMC123456"
    assert ref.raw_kind == "mixed-citation"
    assert ref.authors == (P("Smith", "J"),)  # person-group without a type: authors
    assert (ref.title, ref.journal, ref.year, ref.volume, ref.pages) == ("A title", "J Test", "2001", "1", "1-5")
    assert ref.pmcid == "PMC123456"


def test_forms_ref_without_citation_element_is_kept(forms: Article) -> None:
    ref = forms.references[3]
    assert ref.raw == "Personal communication."
    assert ref.problems[0] == "no citation element (<element-citation>, <mixed-citation> or <citation>)"
    assert not ref.fully_parsed


def test_forms_element_citation_chapter(forms: Article) -> None:
    assert forms.references[4] == Reference(
        number=5,
        raw="Doe J, et al. A chapter. In: Roe R, editors. A Book. Berlin: Springer; 2010. p. 10-20.",
        line=35,
        authors=(Person("Doe", "J", given="Jane"),),
        truncated=True,
        title="A chapter",
        year="2010",
        pages="10-20",
        page_start="10",
        page_end="20",
        raw_kind="rendered",
        publication_type="book",
        key="r5",
        editors=(P("Roe", "R"),),
        container_title="A Book",
        publisher="Berlin: Springer",
    )


def test_forms_unreadable_fields_become_problems(forms: Article) -> None:
    ref = forms.references[5]
    assert ref.problems == ("year not read: 'n.d.'", "no authors", "no title", "no year")
    assert ref.journal == "J Missing" and ref.year is None
    assert ref.raw == "J Missing."


def test_forms_citation_alternatives(forms: Article) -> None:
    # fields from the <element-citation>, raw text from the free-text <mixed-citation>
    assert forms.references[6] == Reference(
        number=7,
        raw="Alt A. Alternatives. J Alt. 2015;2:3\u20134.",
        line=37,
        authors=(P("Alt", "A"),),
        title="Alternatives",
        journal="J Alt",
        year="2015",
        volume="2",
        pages="3-4",
        page_start="3",
        page_end="4",
        doi="10.5555/alt",
        raw_kind="mixed-citation",
        publication_type="journal",
        key="r7",
    )


def test_forms_juxtaposed_fields_with_a_final_stop_are_rendered(forms: Article) -> None:
    ref = forms.references[7]
    assert ref.raw_kind == "rendered"
    assert ref.raw == "Avery SV. Run together. Nat Rev Microbiol 2006;4:577-587."


# -- the shared field helpers (mskio.readers.citation) ------------------------------------


@pytest.mark.parametrize(
    ("given", "initials"),
    [("Sean C.", "SC"), ("Ing-Nang", "IN"), ("J Mark", "JM"), ("CVW", "CVW"), ("S. C.", "SC"), ("Élodie Marie", "EM")],
)
def test_initials_of_given_names(given: str, initials: str) -> None:
    from mskio.readers.citation import initials_of

    assert initials_of(given) == initials


@pytest.mark.parametrize(
    ("text", "doi"),
    [("10.1038/nrmicro1460", "10.1038/nrmicro1460"), ("https://doi.org/10.1007/s00256-009-0736-7", "10.1007/s00256-009-0736-7"),
     ("doi: 10.1148/radiol.11101817", "10.1148/radiol.11101817"), ("10.12/short", None), ("not a doi", None)],
)
def test_bare_doi(text: str, doi: str | None) -> None:
    from mskio.readers.citation import bare_doi

    assert bare_doi(text) == doi


def test_jats_1_1_iso_8601_dates(tmp_path: Path) -> None:
    path = tmp_path / "iso.xml"
    path.write_text(
        '<article><front><article-meta><article-id pub-id-type="doi">10.5555/iso</article-id>'
        "<title-group><article-title>T</article-title></title-group>"
        '<pub-date publication-format="electronic" date-type="pub" iso-8601-date="2024-03-05"/>'
        '<history><date date-type="received" iso-8601-date="2023-13-01"/></history>'
        "</article-meta></front></article>",
        encoding="utf-8",
    )
    (article,) = read_file(path)
    assert (article.published_online, article.issued) == (dt.date(2024, 3, 5), "2024-03-05")
    assert article.received is None  # month 13: only the year is real, and a year is no date
