"""read_file: the format is found by content, wrong kinds of file get a hint, XML cannot fetch or
expand anything, and malformed input gets one line naming the file and line.

Attack and malformed files are written by hand under tests/data/readers/ (or built here from the
samples); the expected lines were read off them with `grep -n`.
"""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from mskio.build import build_graph
from mskio.errors import ParseError
from mskio.iris import Minter
from mskio.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = DATA / "samples"
READERS = DATA / "readers"
PAGE = ROOT / "data" / "sources" / "percutaneous-cryoablation-review.txt"
ENTITY_MESSAGE = "entity declarations are not allowed (possible entity expansion attack)"

FORMATS = {
    "ehp-116-1694.nxml": ("jats", 1, 58),
    "1471-2180-11-174.nxml": ("jats", 1, 64),
    "pubmed-29768149.xml": ("pubmed", 1, 0),
    "crossref-work-10.1371_journal.pone.0033693.json": ("crossref", 1, 70),
}


def _error(path: Path) -> str:
    with pytest.raises(ParseError) as caught:
        read_file(path)
    text = str(caught.value)
    assert "\n" not in text  # one line
    return text


def test_every_sample_is_listed() -> None:
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(FORMATS)


@pytest.mark.parametrize("name", sorted(FORMATS), ids=sorted(FORMATS))
def test_format_by_content_not_extension(name: str, tmp_path: Path) -> None:
    fmt, n_articles, n_refs = FORMATS[name]
    for path in (SAMPLES / name, tmp_path / "misnamed.txt"):
        if path.parent == tmp_path:
            path.write_bytes((SAMPLES / name).read_bytes())
        articles = read_file(path)
        assert [a.source.format for a in articles] == [fmt] * n_articles
        assert sum(len(a.references) for a in articles) == n_refs


@pytest.mark.parametrize("name", sorted(FORMATS), ids=sorted(FORMATS))
def test_sample_passes_through_build_graph(name: str) -> None:
    for article in read_file(SAMPLES / name):
        graph = build_graph(article, minter=Minter())
        assert len(graph) > 0


def test_page_format_still_goes_to_the_page_parser() -> None:
    (article,) = read_file(PAGE)
    assert article.source.format == "page"
    assert article.doi == "10.1055/a-2744-8457"
    assert len(article.references) == 60


def test_pdf_gets_a_hint() -> None:
    assert _error(READERS / "paper.pdf") == (
        f"{READERS / 'paper.pdf'}:1: a PDF file: convert it to text or use the publisher's JATS XML"
    )


def test_html_gets_a_hint() -> None:
    assert _error(READERS / "page.html") == (
        f"{READERS / 'page.html'}:1: an HTML page: save the article's text, or use its JATS XML"
    )


def test_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"  \n")
    assert _error(empty) == f"{empty}:1: empty file: expected an article page"


# -- XML safety ---------------------------------------------------------------------------


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    # the first <!ENTITY is on line 3
    assert _error(READERS / "billion-laughs.xml") == f"{READERS / 'billion-laughs.xml'}:3: {ENTITY_MESSAGE}"
    assert time.perf_counter() - start < 1.0


def test_external_entity_is_refused_and_never_read() -> None:
    message = _error(READERS / "xxe.xml")
    assert message == f"{READERS / 'xxe.xml'}:5: {ENTITY_MESSAGE}"  # <!ENTITY xxe SYSTEM "file:///etc/passwd">
    assert "root:" not in message


def test_entity_bomb_in_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb16.xml"
    text = (READERS / "billion-laughs.xml").read_text(encoding="utf-8").replace('<?xml version="1.0"?>', "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert _error(path) == f"{path}:3: {ENTITY_MESSAGE}"


def test_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    # a DTD next to the file defines &secret;: loading it would put SECRET-TEXT into the title
    (tmp_path / "local.dtd").write_text('<!ENTITY secret "SECRET-TEXT">\n', encoding="utf-8")
    path = tmp_path / "article.xml"
    path.write_text(
        '<!DOCTYPE article SYSTEM "local.dtd">\n'
        '<article><front><article-meta><article-id pub-id-type="doi">10.5555/dtd</article-id>'
        "<title-group><article-title>A &secret; title</article-title></title-group></article-meta></front></article>",
        encoding="utf-8",
    )
    (article,) = read_file(path)
    assert "SECRET-TEXT" not in article.title.text
    assert article.title.text == "A &secret; title"  # left as written: it is not defined in the file


def test_internal_subset_without_entities_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "subset.xml"
    path.write_text(
        "<!DOCTYPE article [\n<!ELEMENT article ANY>\n<!-- no <!ENTITY here: a comment -->\n]>\n"
        '<article><front><article-meta><article-id pub-id-type="doi">10.5555/subset</article-id>'
        "<title-group><article-title>Fine</article-title></title-group></article-meta></front></article>",
        encoding="utf-8",
    )
    (article,) = read_file(path)
    assert article.title.text == "Fine"


def test_declared_encoding_is_honoured() -> None:
    (article,) = read_file(READERS / "latin1.xml")  # encoding="ISO-8859-1", byte 0xE9
    assert article.title.text == "Caf\u00e9 society"


def test_truncated_xml(tmp_path: Path) -> None:
    path = tmp_path / "truncated.nxml"
    data = (SAMPLES / "ehp-116-1694.nxml").read_bytes()[:5000]  # ends inside line 3
    assert data.count(b"\n") == 2
    path.write_bytes(data)
    message = _error(path)
    assert message.startswith(f"{path}:3: malformed XML: Premature end of data in tag ")


def test_xml_of_another_kind() -> None:
    assert _error(READERS / "other-root.xml") == (
        f"{READERS / 'other-root.xml'}:2: XML root element <records> is neither a JATS <article> nor a PubMed "
        "<PubmedArticleSet>"
    )


def test_jats_without_doi(tmp_path: Path) -> None:
    path = tmp_path / "nodoi.xml"
    path.write_text(
        "<article>\n<front>\n<article-meta>\n<title-group><article-title>T</article-title></title-group>\n"
        "</article-meta></front></article>",
        encoding="utf-8",
    )
    assert _error(path) == f'{path}:3: no article DOI (<article-id pub-id-type="doi">)'


# -- JSON ---------------------------------------------------------------------------------


def test_malformed_json_names_line_and_column() -> None:
    # line 5 ends with a comma before the closing brace on line 6
    assert _error(READERS / "bad.json") == (
        f"{READERS / 'bad.json'}:6: malformed JSON: Expecting property name enclosed in double quotes (column 3)"
    )


def test_json_of_another_message_type() -> None:
    assert _error(READERS / "member.json") == (
        f"{READERS / 'member.json'}:1: the top level: \"message-type\" is 'member', not a Crossref \"work\" or "
        '"work-list"'
    )


def test_json_list_item_that_is_not_a_work(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[\n  {"a": 1}\n]\n', encoding="utf-8")
    assert _error(path) == f'{path}:2: [0]: not a Crossref work (no "message-type": "work", no "DOI")'


def test_work_without_doi_names_the_json_path(tmp_path: Path) -> None:
    path = tmp_path / "nodoi.json"
    path.write_text('{\n "message-type": "work",\n "message": {\n  "title": ["x"]\n }\n}\n', encoding="utf-8")
    assert _error(path) == f"{path}:3: message.DOI: no DOI"


def test_work_list(tmp_path: Path) -> None:
    path = tmp_path / "works.json"
    path.write_text(
        '{"message-type": "work-list", "message": {"items": ['
        '{"DOI": "10.5555/a", "title": ["A"]}, {"DOI": "10.5555/b", "title": ["B"], "reference": [{"DOI": "10.5555/a"}]}'
        "]}}",
        encoding="utf-8",
    )
    a, b = read_file(path)
    assert (a.doi, b.doi) == ("10.5555/a", "10.5555/b")
    assert b.references[0].origin == "message.items[1].reference[0]"
    assert b.references[0].doi == "10.5555/a"


def test_list_of_two_works() -> None:
    articles = read_file(READERS / "crossref-two.json")
    assert [a.doi for a in articles] == ["10.5555/test.crossref.1", "10.5555/test.crossref.2"]
    assert [len(a.references) for a in articles] == [3, 0]


def test_pubmed_set_of_two_articles() -> None:
    articles = read_file(READERS / "pubmed-two.xml")
    assert [a.pmid for a in articles] == ["11111111", "22222222"]
    assert [len(a.references) for a in articles] == [3, 0]


def test_json_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(codecs.BOM_UTF8 + b'{"DOI": "10.5555/bom", "title": ["With a BOM"]}')
    (article,) = read_file(path)
    assert (article.source.format, article.title.text) == ("crossref", "With a BOM")
