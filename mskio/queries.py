"""The catalogue of canned SPARQL queries (`queries/*.rq`), their headers and parameters.

Every query file starts with a header of comment lines:

    # title: Works by an author
    # question: Which cited works did a given author write, at which place in the author list?
    # parameters: author (string, default: Cazzato RL)
    # returns: work, year, position, title, journal

followed by a full PREFIX block and one SELECT query that runs as-is in any SPARQL 1.1
engine. `parameters` is `none` or `;`-separated `name (type, default: value)` entries, the
types being `string`, `iri` (a full IRI or a prefixed name of the query's PREFIX block),
`integer` and `year`. Each parameter appears in the query body as exactly one line

    VALUES ?author { "Cazzato RL" }

holding its default. Binding a value replaces that line with a VALUES block built from the
value as an escaped RDF term (`bind`), so no value can change the query's structure.

Check queries (`queries/checks/*-violation.rq`) follow the same header convention; each must
return no rows on a published graph (`run_checks`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from mskio.errors import CheckFailed, QueryError
from mskio.results import ResultTable, escape_string, to_csv
from mskio.store import EmbeddedStore, Store

HEADER_KEYS = ("title", "question", "parameters", "returns")
PARAMETER_TYPES = ("string", "iri", "integer", "year")
XSD = "http://www.w3.org/2001/XMLSchema#"

_HEADER_LINE = re.compile(r"^#\s*(title|question|parameters|returns):\s*(.*?)\s*$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*?)\s*$")
_PARAMETER = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>\w+)\s*,\s*default:\s*(?P<default>.*)\)$")
_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)
_SELECT = re.compile(r"^\s*SELECT\s", re.IGNORECASE | re.MULTILINE)
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*_[a-z0-9]+(?:-[a-z0-9]+)*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _values_line(name: str) -> re.Pattern[str]:
    return re.compile(rf"^(?P<indent>[ \t]*)VALUES[ \t]+\?{name}[ \t]*\{{[^{{}}\n]*\}}[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Parameter:
    """One parameter of a canned query: its name (the SPARQL variable), type and default value."""

    name: str
    type: str
    default: str


@dataclass(frozen=True)
class CannedQuery:
    """One query file: its name (file stem), header fields, PREFIX block and text."""

    name: str
    path: Path
    title: str
    question: str
    parameters: tuple[Parameter, ...]
    returns: tuple[str, ...]
    prefixes: tuple[tuple[str, str], ...]
    text: str

    def parameter(self, name: str) -> Parameter:
        """The parameter called `name`; QueryError naming the ones that exist otherwise."""
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")

    def bind(self, values: Mapping[str, str] | None = None) -> str:
        """The query text with each parameter's VALUES line set to `values[name]` (else its
        default), written as an escaped RDF term of the parameter's type. QueryError for an
        unknown parameter or a value that is not of the parameter's type."""
        values = dict(values or {})
        for name in values:
            self.parameter(name)
        text = self.text
        for p in self.parameters:
            term = term_for(p, values.get(p.name, p.default), dict(self.prefixes), query=self.name)
            text = _values_line(p.name).sub(lambda m: f"{m['indent']}VALUES ?{p.name} {{ {term} }}", text, count=1)
        return text

    def run(self, store: Store, values: Mapping[str, str] | None = None, *, timeout: float | None = None) -> ResultTable:
        """Bind `values` and run the query on `store`."""
        return store.select(self.bind(values), timeout=timeout)


def term_for(parameter: Parameter, value: str, prefixes: Mapping[str, str], *, query: str = "") -> str:
    """`value` as a SPARQL RDF term of the parameter's type; QueryError if it is not one.

    string -> "escaped literal"; iri -> <absolute IRI> (prefixed names expanded with `prefixes`);
    integer -> "n"^^xsd:integer; year -> "yyyy"^^xsd:gYear."""
    where = f"query {query!r}, parameter {parameter.name!r}" if query else f"parameter {parameter.name!r}"
    if parameter.type == "string":
        return f'"{escape_string(value)}"'
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?[0-9]{1,18}", value.strip()):
            raise QueryError(f"{where}: {value!r} is not an integer")
        return f'"{int(value)}"^^<{XSD}integer>'
    if parameter.type == "year":
        if not re.fullmatch(r"[0-9]{4}", value.strip()):
            raise QueryError(f"{where}: {value!r} is not a year (four digits, e.g. 2019)")
        return f'"{value.strip()}"^^<{XSD}gYear>'
    if parameter.type == "iri":
        iri = expand_iri(value.strip(), prefixes)
        if iri is None:
            raise QueryError(f"{where}: {value!r} is not an absolute IRI or a prefixed name of the query "
                             f"(prefixes: {', '.join(sorted(prefixes))})")
        return f"<{iri}>"
    raise QueryError(f"{where}: unknown parameter type {parameter.type!r}")


def expand_iri(value: str, prefixes: Mapping[str, str]) -> str | None:
    """`value` as an absolute IRI: a prefixed name whose prefix is in `prefixes`, or an absolute IRI
    with no character that IRIs forbid; None otherwise."""
    prefix, colon, local = value.partition(":")
    if colon and prefix in prefixes and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local or "_"):
        value = prefixes[prefix] + local
    if _ABSOLUTE_IRI.match(value) and not _IRI_FORBIDDEN.search(value):
        return value
    return None


def parse_query_file(path: Path) -> CannedQuery:
    """Read one .rq file and check its header; QueryError naming the file and line otherwise."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if match:
            if match[1] in header:
                raise QueryError(f"header {match[1]!r} given twice", path=path, line=number)
            header[match[1]] = match[2]
            last = match[1]
        elif last and (cont := _CONTINUATION.match(line)):
            header[last] = f"{header[last]} {cont[1]}"
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    if missing:
        raise QueryError(f"missing header line(s) {', '.join('# ' + k + ':' for k in missing)}", path=path)
    if not _NAME.match(path.stem):
        raise QueryError("a query file is named subject_question in lower-case words "
                         "with hyphens, e.g. references_by-year.rq", path=path)
    if not _SELECT.search(text):
        raise QueryError("a canned query must be a SELECT query", path=path)
    parameters = _parse_parameters(header["parameters"], path)
    for p in parameters:
        found = _values_line(p.name).findall(text)
        if len(found) != 1:
            raise QueryError(f"parameter {p.name!r} needs exactly one line 'VALUES ?{p.name} {{ default }}' "
                             f"(found {len(found)})", path=path)
    returns = tuple(c.strip().lstrip("?") for c in header["returns"].split(","))
    prefixes = tuple(sorted((m[1] or "", m[2]) for m in _PREFIX.finditer(text)))
    return CannedQuery(
        name=path.stem, path=path, title=header["title"], question=header["question"],
        parameters=parameters, returns=returns, prefixes=prefixes, text=text,
    )


def _parse_parameters(spec: str, path: Path) -> tuple[Parameter, ...]:
    if spec.strip().lower() == "none":
        return ()
    out = []
    for item in (s.strip() for s in spec.split(";")):
        match = _PARAMETER.match(item)
        if not match or match["type"] not in PARAMETER_TYPES:
            raise QueryError(f"parameter {item!r} is not 'name (type, default: value)' with type one of "
                             f"{', '.join(PARAMETER_TYPES)}", path=path)
        out.append(Parameter(match["name"], match["type"], match["default"].strip()))
    return tuple(out)


@dataclass(frozen=True)
class Catalogue:
    """The canned queries of a directory, sorted by name."""

    directory: Path
    queries: tuple[CannedQuery, ...]

    def __iter__(self) -> Iterator[CannedQuery]:
        return iter(self.queries)

    def __len__(self) -> int:
        return len(self.queries)

    def names(self) -> list[str]:
        return [q.name for q in self.queries]

    def get(self, name: str) -> CannedQuery:
        """The query called `name` (with or without .rq); QueryError suggesting close names otherwise."""
        name = name.removesuffix(".rq")
        for q in self.queries:
            if q.name == name:
                return q
        close = difflib.get_close_matches(name, self.names(), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (`mskio query` lists them)"
        raise QueryError(f"no canned query {name!r} in {self.directory}{hint}")


def load_catalogue(directory: Path) -> Catalogue:
    """Every `*.rq` directly in `directory` (not its subdirectories), parsed and checked."""
    if not directory.is_dir():
        raise QueryError("no query directory", path=directory)
    return Catalogue(directory, tuple(parse_query_file(p) for p in sorted(directory.glob("*.rq"))))


def load_checks(directory: Path) -> Catalogue:
    """The check queries `*-violation.rq` in `directory` (an empty catalogue if there is none)."""
    if not directory.is_dir():
        return Catalogue(directory, ())
    return Catalogue(directory, tuple(parse_query_file(p) for p in sorted(directory.glob("*-violation.rq"))))


@dataclass(frozen=True)
class CheckResult:
    """The rows each check query returned (an empty table means the check passed)."""

    results: tuple[tuple[CannedQuery, ResultTable], ...]

    @property
    def passed(self) -> bool:
        return all(len(table) == 0 for _, table in self.results)

    def report(self, *, limit: int = 10) -> str:
        """One line per failed check (its title), then up to `limit` of its rows."""
        lines: list[str] = []
        for query, table in self.results:
            if len(table):
                lines.append(f"{query.path.name}: {query.title}: {len(table)} row(s)")
                for row in table.rows[:limit]:
                    lines.append("  " + "  ".join("" if t is None else t.n3() for t in row))
        return "\n".join(lines)


def run_checks(checks: Sequence[CannedQuery], store: Store) -> CheckResult:
    """Run every check query on `store`."""
    return CheckResult(tuple((q, q.run(store)) for q in checks))


def require_checks(checks: Sequence[CannedQuery], store: Store) -> CheckResult:
    """Run the check queries; CheckFailed listing the offending rows if any returns a row."""
    result = run_checks(checks, store)
    if not result.passed:
        failed = sum(1 for _, t in result.results if len(t))
        raise CheckFailed(f"{failed} check query(ies) returned rows (each must return none):\n{result.report()}")
    return result


EXPORTS: dict[str, str] = {
    "citations.csv": "citations_by-reference-number",
    "indications.csv": "indications_by-status",
}
"""CSV files published next to the RDF dumps -> the canned query whose answer each one is."""


def query_outputs(queries: Path, dataset: bytes | EmbeddedStore) -> dict[str, bytes]:
    """Run the check queries of `queries/checks` on the dataset (its N-Triples, or the store
    holding it: the build's) (CheckFailed if one returns rows) and return the CSV exports
    (`EXPORTS`: file name -> SPARQL CSV results)."""
    # the build wrote the N-Triples from rdflib terms, which it checked (and the SHACL engine parsed)
    store = (dataset if isinstance(dataset, EmbeddedStore)
             else EmbeddedStore.from_ntriples(dataset, description="graph being built", lenient=True))
    require_checks(load_checks(queries / "checks").queries, store)
    catalogue = load_catalogue(queries)
    return {name: to_csv(catalogue.get(query).run(store)).encode("utf-8") for name, query in EXPORTS.items()}
