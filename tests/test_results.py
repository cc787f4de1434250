"""Result tables: terms compare equal whatever engine produced them, and the four text formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from mskio.results import RDF_LANGSTRING, XSD_STRING, ResultTable, Term, escape_string, to_csv, to_json, to_text_table, to_tsv

INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
TABLE = ResultTable(
    ("work", "title", "n"),
    (
        (Term.iri("https://w3id.org/mskio/work/1"), Term.literal('Is it "safe"?\nA, B'), Term.literal("3", datatype=INTEGER)),
        (Term.iri("https://w3id.org/mskio/work/2"), None, Term.literal("titre", lang="FR")),
    ),
)


def test_simple_literals_are_xsd_strings_and_languages_lower_case() -> None:
    assert Term.literal("x") == Term.literal("x", datatype=XSD_STRING)
    assert Term.literal("x", lang="EN") == Term("literal", "x", RDF_LANGSTRING, "en")


@pytest.mark.parametrize("text", ['a"b', "a\\b", "line\nbreak", "tab\there", 'x" } ?s ?p ?o { "'],
                         ids=["quote", "backslash", "newline", "tab", "injection"])
def test_escaped_strings_read_back_as_the_same_json_string(text: str) -> None:
    """The escapes of SPARQL/N-Triples strings are JSON's, so json.loads undoes them."""
    assert json.loads(f'"{escape_string(text)}"') == text
    assert '"' not in escape_string(text).replace('\\"', "")


def test_json_round_trip() -> None:
    document = json.loads(to_json(TABLE))
    assert document["head"]["vars"] == ["work", "title", "n"]
    assert "title" not in document["results"]["bindings"][1]
    assert document["results"]["bindings"][0]["n"] == {"type": "literal", "value": "3", "datatype": INTEGER}
    assert ResultTable.from_json(document) == TABLE


def test_malformed_json_results_are_refused() -> None:
    with pytest.raises(ValueError, match="not a SPARQL JSON SELECT result"):
        ResultTable.from_json({"boolean": True})
    with pytest.raises(ValueError, match="unknown binding type"):
        ResultTable.from_json({"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "x", "value": "1"}}]}})


def test_csv_tsv_and_table() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(TABLE))))
    assert rows == [["work", "title", "n"], ["https://w3id.org/mskio/work/1", 'Is it "safe"?\nA, B', "3"],
                    ["https://w3id.org/mskio/work/2", "", "titre"]]
    tsv = to_tsv(TABLE).splitlines()
    assert tsv[0] == "?work\t?title\t?n"
    assert tsv[1] == f'<https://w3id.org/mskio/work/1>\t"Is it \\"safe\\"?\\nA, B"\t"3"^^<{INTEGER}>'
    assert tsv[2] == '<https://w3id.org/mskio/work/2>\t\t"titre"@fr'
    text = to_text_table(TABLE, prefixes={"w": "https://w3id.org/mskio/work/"}, width=12)
    assert text.splitlines()[2] == "w:1   Is it \"safe…  3"
    assert text.endswith("(2 rows)\n")


def test_booleans_compare_equal_whatever_lexical_form_the_engine_wrote() -> None:
    """Virtuoso answers xsd:boolean true/false as "1"/"0"; Oxigraph as "true"/"false"."""
    boolean = "http://www.w3.org/2001/XMLSchema#boolean"
    virtuoso = ResultTable.from_json({"head": {"vars": ["etAl"]}, "results": {"bindings": [
        {"etAl": {"type": "typed-literal", "datatype": boolean, "value": "1"}},
        {"etAl": {"type": "typed-literal", "datatype": boolean, "value": "0"}}]}})
    assert virtuoso.column("etAl") == ["true", "false"]
    assert virtuoso.rows == ((Term.literal("true", datatype=boolean),), (Term.literal("false", datatype=boolean),))
    assert to_csv(virtuoso) == "etAl\r\ntrue\r\nfalse\r\n"
    assert Term.literal("1", datatype=INTEGER).value == "1"  # only booleans are rewritten
