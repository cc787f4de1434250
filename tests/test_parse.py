"""Parsing the article page: every field of the article and of the tricky references.

Every expected value below was read off data/sources/percutaneous-cryoablation-review.txt by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mskio.errors import ParseError
from mskio.parse import parse_file, parse_page, split_lines
from mskio.records import Article, Located, Organization, Person, Publisher, Reference, SourceFile
from tests.conftest import ROOT, SOURCE

EXPERT_PANELS = "Expert Panels on Neurological Imaging, Interventional Radiology, and Musculoskeletal Imaging"


def test_article_metadata(article: Article) -> None:
    assert article.doi == "10.1055/a-2744-8457"
    assert article.title.text == "Percutaneous Cryoablation for the Management of Bone and Soft Tissue Tumors"
    assert article.title.line == 3
    assert article.received == dt.date(2025, 7, 11)
    assert article.accepted == dt.date(2025, 11, 10)
    assert article.published_online == dt.date(2026, 2, 20)
    assert article.rights == "© 2026. Thieme. All rights reserved."
    assert article.publisher == Publisher(
        "Thieme Medical Publishers, Inc.", "333 Seventh Avenue, 18th Floor, New York, NY 10001, USA"
    )


def test_abstract_is_the_whole_paragraph(article: Article) -> None:
    assert article.abstract is not None
    assert article.abstract.line == 6
    assert article.abstract.text.startswith("Image-guided percutaneous cryoablation plays an increasingly important")
    assert article.abstract.text.endswith("future directions of this promising technology in the musculoskeletal system.")


def test_page_furniture_is_not_data(article: Article) -> None:
    # "Subscribe to RSS", the empty "Authors" heading and "-" lines: the page names no authors.
    assert article.authors == ()
    assert "Subscribe" not in article.title.text


def test_sixty_references_numbered_in_order(article: Article) -> None:
    assert [r.number for r in article.references] == list(range(1, 61))
    assert all(r.fully_parsed for r in article.references), [r.problems for r in article.unparsed]


def test_raw_text_is_kept_verbatim(refs: dict[int, Reference]) -> None:
    assert refs[1].raw == (
        "Callstrom MR, Kurup AN. Percutaneous ablation for bone and soft tissue metastases—why cryoablation?. "
        "Skeletal Radiol 2009; 38 (09) 835-839"
    )
    assert refs[1].line == 17
    assert refs[60].line == 76


def test_et_al_truncation_count(article: Article) -> None:
    # 38 entries of the source contain "et al" (grep -c "et al").
    assert sum(r.truncated for r in article.references) == 38


def persons(*names: str) -> tuple[Person, ...]:
    return tuple(Person(*name.rsplit(" ", 1)) for name in names)


TRICKY: dict[int, dict[str, Any]] = {
    29: dict(
        authors=persons("Whitmore MJ", "Hawkins CM", "Prologo JD"), truncated=True,
        title="Cryoablation of osteoid osteoma in the pediatric and adolescent population",
        journal="J Vasc Interv Radiol", year="2016", volume="27", issue="02",
        pages="232-237", page_start="232", page_end="237", locator=None, extra_pages="quiz 238",
    ),
    34: dict(
        authors=persons("Shah LM", "Jennings JW", "Kirsch CFE") + (Organization(EXPERT_PANELS),), truncated=True,
        title="ACR Appropriateness Criteria® management of vertebral compression fractures",
        journal="J Am Coll Radiol", year="2018", volume="15", issue="11S",
        pages="S347-S364", page_start="S347", page_end="S364", locator=None, extra_pages=None,
    ),
    35: dict(
        authors=persons("Khan MA", "Jennings JW", "Baker JC") + (Organization(EXPERT_PANELS),), truncated=True,
        title="ACR Appropriateness Criteria® management of vertebral compression fractures: 2022 update",
        journal="J Am Coll Radiol", year="2023", volume="20", issue="5S",
        pages="S102-S124", page_start="S102", page_end="S124", locator=None, extra_pages=None,
    ),
    18: dict(
        authors=persons("Pal K", "Awad A", "Yevich S"), truncated=True,
        title="Safety and efficacy of percutaneous cryoablation for recurrent or metastatic soft-tissue sarcoma "
        "in adult patients",
        journal="AJR Am J Roentgenol", year="2024", volume="223", issue="04",
        pages=None, page_start=None, page_end=None, locator="e2431490", extra_pages=None,
    ),
    52: dict(
        authors=persons("Kurtz JE", "Buy X", "Deschamps F"), truncated=True,
        title="CRYODESMO-O1: A prospective, open phase II study of cryoablation in desmoid tumour patients "
        "progressing after medical treatment",
        journal="Eur J Cancer", year="2021", volume="143", issue=None,
        pages="78-87", page_start="78", page_end="87", locator=None, extra_pages=None,
    ),
    49: dict(
        authors=persons("Colangeli S", "Parchi P", "Andreani L"), truncated=True,
        title="Cryotherapy efficacy and safety as local therapy in surgical treatment of musculoskeletal tumours. "
        "A retrospective case series of 143 patients",
        journal="J Biol Regul Homeost Agents", year="2018", volume="32", issue="6, Suppl 1",
        pages="65-70", page_start="65", page_end="70", locator=None, extra_pages=None,
    ),
    43: dict(
        authors=persons("Weber MA", "Sprengel SD", "Omlor GW"), truncated=True,
        title="Clinical long-term outcome, technical success, and cost analysis of radiofrequency ablation for the "
        "treatment of osteoblastomas and spinal osteoid osteomas in comparison to open surgical resection",
        journal="Skeletal Radiol", year="2015", volume="44", issue="07",
        pages="981-993", page_start="981", page_end="993", locator=None, extra_pages=None,
    ),
    16: dict(
        authors=persons("Dibble EH", "D'Amico KC", "Bandera CA", "Littrup PJ"), truncated=False,
        title="Cryoablation of abdominal wall endometriosis: a minimally invasive treatment",
        journal="AJR Am J Roentgenol", year="2017", volume="209", issue="03",
        pages="690-696", page_start="690", page_end="696", locator=None, extra_pages=None,
    ),
    54: dict(
        authors=persons("Cornelis FH", "Marin F", "Labrèze C"), truncated=True,
        title="Percutaneous cryoablation of symptomatic venous malformations as a second-line therapeutic option: "
        "a five-year single institution experience",
        journal="Eur Radiol", year="2017", volume="27", issue="12",
        pages="5015-5023", page_start="5015", page_end="5023", locator=None, extra_pages=None,
    ),
    30: dict(
        authors=persons("Le Corroller T", "Vives T", "Mattei JC"), truncated=True,
        title="Osteoid osteoma: percutaneous CT-guided cryoablation is a safe, effective, and durable treatment "
        "option in adults",
        journal="Radiology", year="2022", volume="302", issue="02",
        pages="392-399", page_start="392", page_end="399", locator=None, extra_pages=None,
    ),
    1: dict(
        authors=persons("Callstrom MR", "Kurup AN"), truncated=False,
        title="Percutaneous ablation for bone and soft tissue metastases—why cryoablation?",
        journal="Skeletal Radiol", year="2009", volume="38", issue="09",
        pages="835-839", page_start="835", page_end="839", locator=None, extra_pages=None,
    ),
    38: dict(
        authors=persons("Mesny E", "Martz N", "Stacoffe N"), truncated=True,
        title="State-of-the-art of multidisciplinary approach of bone metastasis-directed therapy: review and "
        "challenging questions for preparation of a GEMO practice guidelines",
        journal="Cancer Metastasis Rev", year="2025", volume="44", issue="02",
        pages=None, page_start=None, page_end=None, locator="45", extra_pages=None,
    ),
    59: dict(
        authors=persons("Cazzato RL", "Garnon J", "Koch G"), truncated=True,
        title="Musculoskeletal interventional oncology: current and future practices",
        journal="Br J Radiol", year="2020", volume="93", issue="1115",
        pages=None, page_start=None, page_end=None, locator="20200465", extra_pages=None,
    ),
    53: dict(
        authors=persons("Cazzato RL", "Gantzer J", "de Marini P"), truncated=True,
        title="Sporadic desmoid tumours: systematic review with reflection on the role of cryoablation",
        journal="Cardiovasc Intervent Radiol", year="2022", volume="45", issue="05",
        pages="613-621", page_start="613", page_end="621", locator=None, extra_pages=None,
    ),
    6: dict(
        authors=persons("Jennings JW"), truncated=False,
        title="Is percutaneous bone cryoablation safe?",
        journal="Radiology", year="2019", volume="291", issue="02",
        pages="529-530", page_start="529", page_end="530", locator=None, extra_pages=None,
    ),
}


@pytest.mark.parametrize("number", sorted(TRICKY), ids=lambda n: f"ref{n}")
def test_tricky_reference_every_field(refs: dict[int, Reference], number: int) -> None:
    ref = refs[number]
    expected = TRICKY[number]
    actual = {name: getattr(ref, name) for name in expected}
    assert actual == expected
    assert ref.problems == ()


def test_the_tricky_list_covers_what_the_issue_names() -> None:
    assert {29, 34, 35, 18, 52, 49, 43, 16, 54, 30} <= set(TRICKY)


def test_names_keep_their_printed_form(refs: dict[int, Reference]) -> None:
    assert refs[4].persons[-1].printed == "Le Corroller T"
    assert refs[16].persons[1].printed == "D'Amico KC"
    assert refs[54].persons[2].printed == "Labrèze C"
    assert refs[51].persons[-1].printed == "Lozano-Calderon SA"
    assert refs[57].persons[-1].printed == "Cassar-Pullicino VN"


def test_question_mark_titles_keep_the_question_mark(refs: dict[int, Reference]) -> None:
    for number in (1, 6, 7, 46):
        title = refs[number].title
        assert title is not None and title.endswith("?"), number
        assert not title.endswith("?.")


def test_twenty_journal_abbreviations(article: Article) -> None:
    journals = {r.journal for r in article.references}
    assert journals == {
        "Skeletal Radiol", "Radiology", "Cancer", "Eur Radiol", "J Urol", "Eur J Surg Oncol",
        "Cardiovasc Intervent Radiol", "J Vasc Interv Radiol", "AJR Am J Roentgenol", "Curr Oncol Rep",
        "J Am Coll Radiol", "Radiol Imaging Cancer", "Cancer Metastasis Rev", "Semin Intervent Radiol",
        "Radiographics", "Insights Imaging", "J Biol Regul Homeost Agents", "Eur J Cancer",
        "Curr Treat Options Oncol", "Br J Radiol",
    }


def test_locators_are_not_pages(refs: dict[int, Reference]) -> None:
    # Entries printing one token where pages go: e-locators and article numbers.
    with_locator = {n for n, r in refs.items() if r.locator is not None}
    assert with_locator == {18, 19, 37, 38, 42, 47, 55, 58, 59}
    assert all(refs[n].page_start is None for n in with_locator)


# --------------------------------------------------------------------------- issue 14: bad structure
# Each case below is the seed page changed in one place; the expected line numbers are the seed's
# (References on line 16, entry n on line 16 + n, the abstract on line 6).

BAD = ROOT / "tests" / "data" / "bad"
SEED_LINES = SOURCE.read_text(encoding="utf-8").split("\n")[:-1]


def page(lines: list[str], name: str = "page.txt") -> tuple[str, SourceFile]:
    return "\n".join(lines) + "\n", SourceFile(Path(name), "0" * 64)


def insert(at: int, text: str) -> list[str]:
    """The seed with `text` inserted so that it becomes line `at`."""
    return SEED_LINES[: at - 1] + [text] + SEED_LINES[at - 1 :]


def move(line: int, to: int) -> list[str]:
    """The seed with line `line` taken out and inserted so that it becomes line `to`."""
    lines = list(SEED_LINES)
    text = lines.pop(line - 1)
    lines.insert(to - 1, text)
    return lines


def test_issue14_stray_abstract_heading_inside_the_references_is_an_error() -> None:
    # The issue's page: 'Abstract' where entry 45 was (line 61). Before: 44 entries published and
    # entries 46-60 read as the abstract, no error.
    path = BAD / "stray-abstract-heading.txt"
    with pytest.raises(ParseError) as caught:
        parse_file(path)
    assert caught.value.path == path
    assert caught.value.line == 61
    assert "heading 'Abstract' inside the reference list" in caught.value.message


# (id, page lines, expected line, words of the message)
STRUCTURE: list[tuple[str, list[str], int, str]] = [
    ("references-heading-twice", insert(47, "References"), 47, "heading 'References' a second time (first on line 16)"),
    ("history-heading-after-references", insert(27, "Publication History"), 27,
     "heading 'Publication History' inside the reference list (the 'References' heading is on line 16)"),
    ("authors-heading-last", SEED_LINES + ["Authors"], 77, "heading 'Authors' inside the reference list"),
    ("abstract-heading-twice", insert(7, "Abstract"), 7, "heading 'Abstract' a second time (first on line 5)"),
    # The last entry moved out of the list: the numbering 1-59 alone would not show it.
    ("last-entry-in-the-abstract", move(76, 7), 7, "numbered entry '- 60 Doshi A"),
    ("last-entry-before-the-doi", move(76, 1), 1, "numbered entry '- 60 Doshi A"),
    ("last-entry-in-the-publisher-block", move(76, 15), 15, "outside the reference list (the 'References' heading is on line 17)"),
    ("last-entry-in-the-title", move(76, 3), 3, "numbered entry '- 60 Doshi A"),
    ("references-section-empty", SEED_LINES[:16], 16, "'References' section has no entries"),
    ("number-of-5000-digits", SEED_LINES[:16] + ["- " + "9" * 5000 + " Callstrom MR. T. J 2009; 38 (09) 835-839"], 17,
     "reference number 99999999"),
]


@pytest.mark.parametrize(("case", "lines", "line", "words"), STRUCTURE, ids=[c[0] for c in STRUCTURE])
def test_issue14_heading_or_entry_out_of_place_is_an_error(case: str, lines: list[str], line: int, words: str) -> None:
    text, source = page(lines, f"{case}.txt")
    with pytest.raises(ParseError) as caught:
        parse_page(text, source)
    assert (caught.value.path, caught.value.line) == (Path(f"{case}.txt"), line), caught.value
    assert words in caught.value.message


def test_sections_before_the_references_may_come_in_any_order() -> None:
    # Publication History (seed lines 7-14) before Abstract (seed lines 5-6, now 13-14): nothing is
    # lost, so the page is read.
    lines = SEED_LINES[:4] + SEED_LINES[6:14] + SEED_LINES[4:6] + SEED_LINES[14:]
    article = parse_page(*page(lines))
    assert article.abstract is not None and article.abstract.line == 14
    assert article.received == dt.date(2025, 7, 11)
    assert [r.number for r in article.references] == list(range(1, 61))


# --------------------------------------------------------------------------- issue 14: line ends

def test_issue14_line_separators_inside_a_line_do_not_end_it() -> None:
    # The fixture is the seed with U+2028 in the title (line 3), U+2029 in entry 5, U+0085 in 10,
    # form feed in 11, vertical tab in 12, \x1c \x1d \x1e in 13-15. Before: str.splitlines() cut
    # entry 5 in two and the page failed ("reference line does not start with '- <number> '").
    article = parse_file(BAD / "line-separators-inside-lines.txt")
    assert article.title == Located("Percutaneous Cryoablation for the Management\u2028of Bone and Soft Tissue Tumors", 3)
    refs = {r.number: r for r in article.references}
    assert sorted(refs) == list(range(1, 61))
    assert (refs[5].line, refs[60].line) == (21, 76)
    assert refs[5].title == "Complications of percutaneous bone tumor cryoablation:\u2029a 10-year experience"
    assert refs[5].journal == "Radiology"
    assert refs[10].title == "Percutaneous thermal ablation of breast cancer metastases in oligometastatic\x85patients"
    for number, char in ((11, "\x0c"), (12, "\x0b"), (13, "\x1c"), (14, "\x1d"), (15, "\x1e")):
        assert char in refs[number].raw, number
        assert refs[number].problems == (), number


@pytest.mark.parametrize("end", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_end_lines(end: str) -> None:
    article = parse_page(end.join(SEED_LINES) + end, SourceFile(Path("page.txt"), "0" * 64))
    assert article.title.line == 3
    assert [(r.number, r.line) for r in article.references] == [(n, 16 + n) for n in range(1, 61)]


def test_split_lines_ends_lines_only_at_cr_lf() -> None:
    assert split_lines("a\u2028b\u2029c\x85d\x0ce\x0bf\x1cg\x1dh\x1ei\r\nj\rk\nl") == [
        "a\u2028b\u2029c\x85d\x0ce\x0bf\x1cg\x1dh\x1ei", "j", "k", "l"]
    assert split_lines("a\n\nb\n") == ["a", "", "b"]
    assert split_lines("") == []


# --------------------------------------------------------------------------- issue 14: the Authors block
# The seed prints an empty Authors block (line 4); each case puts lines under it. Before: one
# "Family IN" per line was read, and every other line became a foaf:Organization, silently.

def authors_of(*lines: str) -> Article:
    return parse_page(*page(SEED_LINES[:4] + list(lines) + SEED_LINES[4:]))


P, O = Person, Organization

AUTHOR_FORMS: list[tuple[str, list[str], tuple[Person | Organization, ...]]] = [
    ("one-per-line", ["Kastler A", "Cazzato RL"], (P("Kastler", "A"), P("Cazzato", "RL"))),
    ("comma-list", ["Kastler A, Cazzato RL"], (P("Kastler", "A"), P("Cazzato", "RL"))),
    ("semicolon-list", ["Kastler A; Cazzato RL; Le Corroller T"],
     (P("Kastler", "A"), P("Cazzato", "RL"), P("Le Corroller", "T"))),
    ("dotted-initials", ["Cazzato R.L., Gangi A."], (P("Cazzato", "RL"), P("Gangi", "A"))),
    ("given-names-first", ["Roberto Luigi Cazzato"], (P("Cazzato", "RL", given="Roberto Luigi"),)),
    ("given-first-list-with-and", ["Roberto Luigi Cazzato, Pierre Auloge and Afshin Gangi"],
     (P("Cazzato", "RL", given="Roberto Luigi"), P("Auloge", "P", given="Pierre"), P("Gangi", "A", given="Afshin"))),
    ("oxford-comma-and", ["Kastler A, Cazzato RL, and Gangi A"], (P("Kastler", "A"), P("Cazzato", "RL"), P("Gangi", "A"))),
    ("ampersand", ["Kastler A & Cazzato RL"], (P("Kastler", "A"), P("Cazzato", "RL"))),
    ("particles", ["Thomas Le Corroller, Pierre de Marini"],
     (P("Le Corroller", "T", given="Thomas"), P("de Marini", "P", given="Pierre"))),
    ("hyphenated-given-name", ["Jean-Pierre Steib"], (P("Steib", "JP", given="Jean-Pierre"),)),
    ("middle-initial", ["Roberto L. Cazzato"], (P("Cazzato", "RL", given="Roberto L."),)),
    ("initials-first", ["R. L. Cazzato"], (P("Cazzato", "RL"),)),
    ("apostrophe-and-accent", ["Kathleen D'Amico, Céline Labrèze"],
     (P("D'Amico", "K", given="Kathleen"), P("Labrèze", "C", given="Céline"))),
    ("group", ["ESR Working Group"], (O("ESR Working Group"),)),
    ("investigators", ["MOTION Investigators"], (O("MOTION Investigators"),)),
    ("persons-then-group", ["Shah LM, Jennings JW; Expert Panels on Neurological Imaging, Interventional Radiology, "
                            "and Musculoskeletal Imaging"],
     (P("Shah", "LM"), P("Jennings", "JW"), O(EXPERT_PANELS))),
    ("person-and-society", ["Kastler A and the European Society of Musculoskeletal Radiology"],
     (P("Kastler", "A"), O("the European Society of Musculoskeletal Radiology"))),
    ("group-then-person", ["Expert Panel on Imaging, Kastler A"], (O("Expert Panel on Imaging"), P("Kastler", "A"))),
    ("two-groups", ["ESR Working Group, MOTION Investigators"], (O("ESR Working Group"), O("MOTION Investigators"))),
    ("and-inside-a-society-name", ["Cardiovascular and Interventional Radiological Society of Europe"],
     (O("Cardiovascular and Interventional Radiological Society of Europe"),)),
    ("family-name-in-capitals", ["Émile ZOLA"], (P("ZOLA", "É", given="Émile"),)),
    ("spaces-and-line-separator-inside", ["Kastler  A,\u2028Cazzato RL"], (P("Kastler", "A"), P("Cazzato", "RL"))),
]


@pytest.mark.parametrize(("case", "lines", "expected"), AUTHOR_FORMS, ids=[c[0] for c in AUTHOR_FORMS])
def test_issue14_authors_block_forms(case: str, lines: list[str], expected: tuple[Person | Organization, ...]) -> None:
    article = authors_of(*lines)
    assert article.authors == expected
    assert article.author_problems == ()


# (id, lines, recognised authors, flagged (text, line, position), words of the problem)
UNREAD: list[tuple[str, list[str], tuple[Person | Organization, ...], tuple[str, int, int], str]] = [
    ("one-word", ["Kastler A", "Cazzato", "Gangi A"], (P("Kastler", "A"), P("Gangi", "A")), ("Cazzato", 6, 1),
     "'Cazzato' fits no author form"),
    ("family-comma-given", ["Cazzato, Roberto Luigi"], (), ("Cazzato, Roberto Luigi", 5, 0), "'Cazzato' fits no"),
    ("affiliation-line", ["Kastler A", "Department of Radiology, University Hospital, Strasbourg, France"],
     (P("Kastler", "A"),), ("Department of Radiology, University Hospital, Strasbourg, France", 6, 1),
     "'Department of Radiology' fits no author form"),
    ("footnote-mark", ["Cazzato RL1, Gangi A2"], (), ("Cazzato RL1, Gangi A2", 5, 0), "'Cazzato RL1'"),
    ("et-al", ["Kastler A, Cazzato RL, et al."], (P("Kastler", "A"), P("Cazzato", "RL")), ("et al.", 5, 2),
     "names only some of the authors"),
    ("initials-only", ["Kastler A, RL"], (), ("Kastler A, RL", 5, 0), "'RL' fits no author form"),
    ("person-or-group", ["Kastler A", "Roberto Cazzato and the ESR Working Group"], (P("Kastler", "A"),),
     ("Roberto Cazzato and the ESR Working Group", 6, 1), "'Roberto Cazzato' may be a person"),
    ("person-inside-a-society", ["Society of Radiology and Kastler A"], (),
     ("Society of Radiology and Kastler A", 5, 0), "a personal name 'Kastler A' inside the organisation name"),
]


@pytest.mark.parametrize(("case", "lines", "authors", "flagged", "words"), UNREAD, ids=[c[0] for c in UNREAD])
def test_issue14_author_text_that_fits_no_form_is_flagged_not_typed(
    case: str, lines: list[str], authors: tuple[Person | Organization, ...], flagged: tuple[str, int, int], words: str
) -> None:
    article = authors_of(*lines)
    assert article.authors == authors
    assert [(f.text, f.line, f.position) for f in article.author_problems] == [flagged]
    assert words in article.author_problems[0].problem
    assert not any(isinstance(a, Organization) for a in article.authors)
