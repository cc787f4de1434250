"""SPARQL SELECT results as a named, engine-neutral value, and their text formats.

A `ResultTable` is what every store returns (`mskio.store`), so the same question asked of
the embedded store and of a remote endpoint gives equal tables, and the same bytes in each
format: SPARQL 1.1 CSV and TSV results, SPARQL 1.1 JSON results, and a plain text table.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_BOOLEAN_CANONICAL = {"1": "true", "0": "false", "true": "true", "false": "false"}
"""xsd:boolean's lexical forms -> its canonical one (Virtuoso answers "1"/"0" for true/false)."""

TermKind = Literal["uri", "literal", "bnode"]


def escape_string(text: str) -> str:
    """`text` as the body of a SPARQL / N-Triples double-quoted string (ECHAR escapes)."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t").replace("\b", "\\b").replace("\f", "\\f"))


@dataclass(frozen=True, order=True)
class Term:
    """One RDF term of a result row: an IRI, a literal (with its datatype or language) or a blank node.

    Literals always carry a datatype (xsd:string for simple literals, rdf:langString with a
    language), so results from engines that omit xsd:string compare equal; an xsd:boolean has
    its canonical lexical form (true/false), as Virtuoso writes 1/0."""

    kind: TermKind
    value: str
    datatype: str | None = None
    lang: str | None = None

    @classmethod
    def iri(cls, value: str) -> Term:
        return cls("uri", value)

    @classmethod
    def literal(cls, value: str, *, datatype: str | None = None, lang: str | None = None) -> Term:
        if lang:
            return cls("literal", value, RDF_LANGSTRING, lang.lower())
        if datatype == XSD_BOOLEAN and value in _BOOLEAN_CANONICAL:
            value = _BOOLEAN_CANONICAL[value]
        return cls("literal", value, datatype or XSD_STRING, None)

    def n3(self) -> str:
        """N-Triples / SPARQL syntax of the term."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        body = f'"{escape_string(self.value)}"'
        if self.lang:
            return f"{body}@{self.lang}"
        if self.datatype and self.datatype != XSD_STRING:
            return f"{body}^^<{self.datatype}>"
        return body

    def to_json(self) -> dict[str, str]:
        """The term in SPARQL 1.1 JSON results form."""
        out = {"type": self.kind, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.kind == "literal" and self.datatype and self.datatype != XSD_STRING:
            out["datatype"] = self.datatype
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Term:
        """A term from its SPARQL 1.1 JSON results form (ValueError if it is not one)."""
        kind, value = data.get("type"), data.get("value")
        if not isinstance(value, str):
            raise ValueError(f"binding without a string value: {dict(data)!r}")
        if kind == "uri":
            return cls.iri(value)
        if kind == "bnode":
            return cls("bnode", value)
        if kind in ("literal", "typed-literal"):
            return cls.literal(value, datatype=data.get("datatype"), lang=data.get("xml:lang"))
        raise ValueError(f"unknown binding type {kind!r}")


Row = tuple[Term | None, ...]


@dataclass(frozen=True)
class ResultTable:
    """The answer to a SELECT query: column names in SELECT order, and rows in the query's order
    (None where a column is unbound)."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[str | None]:
        """The plain values (IRI or lexical form) of one column, top to bottom."""
        i = self.columns.index(name)
        return [None if row[i] is None else row[i].value for row in self.rows]  # type: ignore[union-attr]

    def records(self) -> list[dict[str, str | None]]:
        """Each row as a column -> plain value mapping."""
        return [{c: (None if t is None else t.value) for c, t in zip(self.columns, row)} for row in self.rows]

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> ResultTable:
        """A table from a SPARQL 1.1 JSON results document (ValueError if it is not a SELECT result)."""
        try:
            columns = tuple(str(v) for v in document["head"]["vars"])
            bindings = document["results"]["bindings"]
        except (KeyError, TypeError):
            raise ValueError("not a SPARQL JSON SELECT result (no head.vars / results.bindings)") from None
        rows = tuple(
            tuple(Term.from_json(b[c]) if c in b else None for c in columns) for b in bindings
        )
        return cls(columns, rows)


def to_csv(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results CSV: a header line, then plain values (IRIs and lexical forms)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return buffer.getvalue()


def to_tsv(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results TSV: ?-prefixed header, terms in SPARQL syntax."""
    lines = ["\t".join(f"?{c}" for c in table.columns)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in table.rows]
    return "\n".join(lines) + "\n"


def to_json(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results JSON, keys sorted, one document."""
    bindings = [{c: t.to_json() for c, t in zip(table.columns, row) if t is not None} for row in table.rows]
    document = {"head": {"vars": list(table.columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_text_table(table: ResultTable, *, prefixes: Mapping[str, str] | None = None, width: int | None = 70,
                  columns: int | None = None) -> str:
    """A plain text table for people: IRIs shortened with `prefixes`, and a row count. Long cells
    are cut at `width` characters (marked '…'; None: never cut); with `columns` (a terminal's
    width) the widest columns are narrowed until a row fits, their cells wrapped onto more lines
    (at spaces, else anywhere). Use CSV or JSON for machine-readable values."""
    def show(term: Term | None) -> str:
        if term is None:
            return ""
        text = term.value
        if term.kind == "uri":
            for prefix, namespace in sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1])):
                if text.startswith(namespace) and len(text) > len(namespace):
                    text = f"{prefix}:{text[len(namespace):]}"
                    break
        text = " ".join(text.split())
        return text if width is None or len(text) <= width else text[: width - 1] + "…"

    cells = [[show(t) for t in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    if columns is not None:
        widths = _fit(widths, columns - 2 * (len(widths) - 1))

    def lines(values: Sequence[str]) -> list[str]:
        wrapped = [textwrap.wrap(v, w, break_on_hyphens=False) or [""] if len(v) > w else [v]
                   for v, w in zip(values, widths)]
        return ["  ".join((cell[i] if i < len(cell) else "").ljust(w) for cell, w in zip(wrapped, widths)).rstrip()
                for i in range(max(len(cell) for cell in wrapped))]
    out = lines(table.columns) + lines(["-" * w for w in widths]) + [x for r in cells for x in lines(r)]
    out.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _fit(widths: list[int], room: int, *, narrowest: int = 8) -> list[int]:
    """Column widths summing to at most `room` (where `narrowest` per column allows): columns
    narrower than an even share keep their width, the others share what is left in proportion to
    the square roots of their natural widths (never below `narrowest`)."""
    if sum(widths) <= room:
        return widths
    fitted = list(widths)
    wide = set(range(len(widths)))
    left = room
    while wide:
        share = left // len(wide)
        kept = {i for i in wide if widths[i] <= share}
        if not kept:
            break
        wide -= kept
        left -= sum(widths[i] for i in kept)
    weight = {i: widths[i] ** 0.5 for i in wide}
    for i in sorted(wide):
        fitted[i] = max(narrowest, int(left * weight[i] / sum(weight.values())))
    return fitted


FORMATTERS = {"csv": to_csv, "tsv": to_tsv, "json": to_json}
"""Machine-readable output formats by name (`table` is `to_text_table`)."""
