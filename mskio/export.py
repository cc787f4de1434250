"""The reference lists of the graph as BibTeX, CSL-JSON and RIS, for reference managers.

Read from the graph (not from the records), so the exports say exactly what the dataset says.
Only fields the graph has are written (a DOI only where the source gives one; no full journal name, no given names). The
source prints initials ("Cazzato RL"), written as "R. L." where a format wants given names.

Mapping (graph -> BibTeX / CSL-JSON / RIS):
  dcterms:title            title / title / TI
  bibo:authorList          author ("Family, I. I." joined by " and "; a group author in braces;
                           "and others" when mskio:authorListTruncated) / author (family, given;
                           a group as literal) / AU (one per author)
  journal bibo:shortTitle  journal / container-title and container-title-short (the source prints
                           only the abbreviation) / JO
  dcterms:issued           year / issued / PY
  bibo:volume, bibo:issue  volume, number / volume, issue / VL, IS
  bibo:pageStart/pageEnd   pages "835--839" / page "835-839" / SP, EP
  bibo:pages               pages / page / SP  (when there is no start and end)
  bibo:locator             pages / page / SP  (an e-locator or article number, printed where pages go)
  mskio:additionalPages    note / note / N1   ("quiz 238")
  mskio:authorListTruncated  "and others" / note / N1
  c4o:hasContent           note / note / N1   (the raw text, only for an entry that did not parse)
RIS cannot mark a group author: it is written as one AU as printed (a reader splitting AU at the first
comma will split a group name with commas). CSL-JSON and RIS have no way to say "et al.": there the author list is the printed one, and a
note (TRUNCATED_NOTE) says it was truncated.
Entries are ordered by citing work, then reference number; a work cited twice is written once (its
fields as the work states them; a field the reviews print differently as the first entry prints it,
with a note). `--review DOI` exports one review's list as printed: the fields each entry printed.
bibo:doi goes to doi / DOI / DO.
The citation key is the last segment of the work's IRI (e.g. 2009-callstrom-df4fdf23).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeAlias

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF
from rdflib.term import Node

from mskio.errors import InputError
from mskio.iris import doi_iri
from mskio.lookup import TripleIndex
from mskio.namespaces import BIBO, BIRO, C4O, FRBR, MSKIO

Source: TypeAlias = Graph | TripleIndex
"""What the exports read: an rdflib Graph, or an index of its triples (`export_index`)."""

READS = frozenset({
    FRBR.part, MSKIO.referenceNumber, BIRO.references, MSKIO.conflictOn, MSKIO.conflictProperty,
    MSKIO.fullyParsed, C4O.hasContent, DCTERMS.title, DCTERMS.issued, DCTERMS.isPartOf, BIBO.volume,
    BIBO.issue, BIBO.pages, BIBO.pageStart, BIBO.pageEnd, BIBO.locator, MSKIO.additionalPages, BIBO.doi,
    BIBO.shortTitle, BIBO.authorList, MSKIO.authorListTruncated, RDF.first, RDF.rest, FOAF.familyName,
    MSKIO.initials, FOAF.name})
"""The predicates the exports read (and rdf:type, for `TYPES` only)."""

TYPES = frozenset({BIBO.AcademicArticle, FOAF.Person})
"""The classes the exports ask about."""


def export_index(triples: Iterable[tuple[Node, Node, Node]]) -> TripleIndex:
    """The part of a graph's triples the exports read (`READS`, `TYPES`), indexed: at corpus scale
    one pass over the build's set of triples, against looking each field up in the Oxigraph store."""
    rdf_type = RDF.type
    return TripleIndex((t for t in triples if t[1] in READS or (t[1] == rdf_type and t[2] in TYPES)), by_object=False)


def citation_exports(triples: Iterable[tuple[Node, Node, Node]]) -> dict[str, bytes]:
    """`export_all` of the graph of `triples` (read through `export_index`): what the build's
    child process makes (mskio.pipeline), from the bibliographic triples alone, which hold every
    field the exports read."""
    return export_all(export_index(triples))


FORMATS = ("bibtex", "csl-json", "ris")
"""The export formats, as `mskio export --format` names them."""

FILE_NAMES = {"bibtex": "references.bib", "csl-json": "references.csl.json", "ris": "references.ris"}
"""The file each format is written to in dist/."""


@dataclass(frozen=True)
class Name:
    """An author as the graph has it: a person (family name, initials) or a group (literal)."""

    family: str | None = None
    initials: str | None = None
    literal: str | None = None

    @property
    def given(self) -> str:
        """The initials with periods and spaces: 'RL' -> 'R. L.'."""
        return " ".join(f"{c}." for c in (self.initials or "") if c.isalpha())


@dataclass(frozen=True)
class CitedWork:
    """One cited work, with the fields the graph has for it (None where it has none)."""

    iri: str
    key: str
    numbers: tuple[int, ...]
    is_article: bool
    raw: str
    fully_parsed: bool
    title: str | None
    authors: tuple[Name, ...]
    truncated: bool
    journal: str | None
    year: str | None
    volume: str | None
    issue: str | None
    page_start: str | None
    page_end: str | None
    pages: str | None
    locator: str | None
    additional_pages: str | None
    doi: str | None = None
    conflicted: bool = False
    """True when some field is taken from the first entry because the citing reviews disagree."""

    @property
    def page_field(self) -> str | None:
        """What goes where a reference manager expects pages: start-end, else pages, else the locator."""
        if self.page_start and self.page_end:
            return f"{self.page_start}-{self.page_end}"
        return self.pages or self.page_start or self.locator


def _text(graph: Source, subject: URIRef, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return str(value) if isinstance(value, Literal) else None


def _authors(graph: Source, work: URIRef) -> tuple[Name, ...]:
    """The authors in the order of the rdf:List of bibo:authorList."""
    names: list[Name] = []
    cell = graph.value(work, BIBO.authorList)
    seen: set[object] = set()
    while cell is not None and cell != RDF.nil and cell not in seen:
        seen.add(cell)
        agent = graph.value(cell, RDF.first)
        if isinstance(agent, URIRef):
            if (agent, RDF.type, FOAF.Person) in graph:
                names.append(Name(family=_text(graph, agent, FOAF.familyName),
                                  initials=_text(graph, agent, MSKIO.initials)))
            else:
                names.append(Name(literal=_text(graph, agent, FOAF.name)))
        cell = graph.value(cell, RDF.rest)
    return tuple(names)


def reference_list(graph: Source, *, review: str | None = None) -> tuple[CitedWork, ...]:
    """Without `review`: every distinct cited work of every source article (subjects of frbr:part)
    once, in order of citing article, then reference number, with the fields the work states; a
    field the citing reviews print differently (a mskio:CitationConflict) is taken from the first
    entry's printing and a note says so. With `review` (a DOI or the review's IRI): that review's
    list exactly as printed, every entry in number order, its fields read from the entry."""
    order: list[tuple[str, int, URIRef, URIRef]] = []
    wanted = None if review is None else doi_iri(review.removeprefix("https://doi.org/"))
    for citing, entry in graph.subject_objects(FRBR.part):
        if wanted is not None and citing != wanted:
            continue
        value = graph.value(entry, MSKIO.referenceNumber)
        work = graph.value(entry, BIRO.references)
        if isinstance(entry, URIRef) and isinstance(work, URIRef) and isinstance(value, Literal):
            order.append((str(citing).lower(), int(value.toPython()), entry, work))
    if wanted is not None:
        if not order:
            raise InputError(f"no review with DOI {review} in the graph (or it has no reference list)")
        return tuple(_cited(graph, entry, entry, work, (n,)) for _, n, entry, work in sorted(order))
    numbers: dict[URIRef, list[int]] = {}
    first_entry: dict[URIRef, URIRef] = {}
    ordered: list[URIRef] = []
    for _, n, entry, work in sorted(order):
        if work not in numbers:
            ordered.append(work)
            first_entry[work] = entry
        numbers.setdefault(work, []).append(n)
    return tuple(_cited(graph, work, first_entry[work], work, tuple(numbers[work])) for work in ordered)


CONFLICT_NOTE = "the citing reviews print this work differently; this field is as the first of them prints it"
"""The note on a work whose conflicting fields the default export takes from its first entry."""


def _cited(graph: Source, source: URIRef, entry: URIRef, work: URIRef, numbers: tuple[int, ...]) -> CitedWork:
    """The fields of `source` (the work, or an entry's own printing); a work's conflicting fields
    come from `entry`."""
    conflicted = {graph.value(c, MSKIO.conflictProperty) for c in graph.subjects(MSKIO.conflictOn, work)}

    def field(predicate: URIRef) -> URIRef:
        return entry if source == work and predicate in conflicted else source

    pages = field(BIBO.pages)
    authors = field(BIBO.authorList)
    journal = graph.value(field(DCTERMS.isPartOf), DCTERMS.isPartOf)
    truncated = graph.value(authors, MSKIO.authorListTruncated)
    fully = graph.value(entry, MSKIO.fullyParsed)
    return CitedWork(
        iri=str(work),
        key=str(work).rstrip("/").rsplit("/", 1)[-1],
        numbers=numbers,
        is_article=(work, RDF.type, BIBO.AcademicArticle) in graph,
        raw=_text(graph, entry, C4O.hasContent) or "",
        fully_parsed=bool(fully.toPython()) if isinstance(fully, Literal) else False,
        title=_text(graph, field(DCTERMS.title), DCTERMS.title),
        authors=_authors(graph, authors),
        truncated=bool(truncated.toPython()) if isinstance(truncated, Literal) else False,
        journal=_text(graph, journal, BIBO.shortTitle) if isinstance(journal, URIRef) else None,
        year=_text(graph, field(DCTERMS.issued), DCTERMS.issued),
        volume=_text(graph, field(BIBO.volume), BIBO.volume),
        issue=_text(graph, field(BIBO.issue), BIBO.issue),
        page_start=_text(graph, pages, BIBO.pageStart),
        page_end=_text(graph, pages, BIBO.pageEnd),
        pages=_text(graph, pages, BIBO.pages),
        locator=_text(graph, pages, BIBO.locator),
        additional_pages=_text(graph, pages, MSKIO.additionalPages),
        doi=_text(graph, work, BIBO.doi),
        conflicted=bool(conflicted) and source == work,
    )


TRUNCATED_NOTE = "author list truncated (et al.) in the citing reference list"
"""The note CSL-JSON and RIS carry for mskio:authorListTruncated, which they cannot express otherwise."""


def _notes(work: CitedWork, *, truncation: bool = False) -> list[str]:
    """mskio:additionalPages, the truncation note (`truncation`: formats without "and others"),
    the raw text of an entry that did not parse."""
    notes = [work.additional_pages] if work.additional_pages else []
    if work.conflicted:
        notes.append(CONFLICT_NOTE)
    if truncation and work.truncated:
        notes.append(TRUNCATED_NOTE)
    if not work.fully_parsed:
        notes.append(work.raw)
    return notes


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "$": r"\$", "_": r"\_"}


def bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters (UTF-8 letters are kept as they are)."""
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in text)


def to_bibtex(works: tuple[CitedWork, ...]) -> str:
    """@article (a parsed journal article) or @misc entries; the title in double braces so that
    styles keep its capitals (ACR, MRI, PET/CT)."""
    blocks = []
    for work in works:
        fields: list[tuple[str, str]] = []
        if work.authors:
            names = [f"{bibtex_escape(a.family or '')}, {a.given}".rstrip(", ") if a.literal is None
                     else "{" + bibtex_escape(a.literal) + "}" for a in work.authors]
            if work.truncated:
                names.append("others")
            fields.append(("author", " and ".join(names)))
        if work.title:
            fields.append(("title", "{" + bibtex_escape(work.title) + "}"))
        for name, value in (("journal", work.journal), ("year", work.year), ("volume", work.volume),
                            ("number", work.issue), ("doi", work.doi)):
            if value:
                fields.append((name, bibtex_escape(value)))
        pages = work.page_field
        if pages:
            fields.append(("pages", bibtex_escape(pages.replace("-", "--") if work.page_start and work.page_end
                                                  else pages)))
        notes = _notes(work)
        if notes:
            fields.append(("note", bibtex_escape("; ".join(notes))))
        kind = "article" if work.is_article else "misc"
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        blocks.append(f"@{kind}{{{work.key},\n{body}\n}}\n")
    return "\n".join(blocks)


def to_csl(works: tuple[CitedWork, ...]) -> list[dict[str, Any]]:
    """CSL-JSON items: article-journal (or document), with only the fields the graph has."""
    items = []
    for work in works:
        item: dict[str, Any] = {"id": work.key, "type": "article-journal" if work.is_article else "document"}
        if work.authors:
            item["author"] = [{"family": a.family or "", "given": a.given} if a.literal is None
                              else {"literal": a.literal} for a in work.authors]
        if work.title:
            item["title"] = work.title
        if work.journal:
            item["container-title"] = work.journal
            item["container-title-short"] = work.journal
        if work.year and work.year.isdigit():
            item["issued"] = {"date-parts": [[int(work.year)]]}
        for name, value in (("volume", work.volume), ("issue", work.issue), ("page", work.page_field),
                            ("DOI", work.doi)):
            if value:
                item[name] = value
        notes = _notes(work, truncation=True)
        if notes:
            item["note"] = "; ".join(notes)
        items.append(item)
    return items


def to_csl_json(works: tuple[CitedWork, ...]) -> str:
    """CSL-JSON text: a JSON array of items, keys sorted."""
    return json.dumps(to_csl(works), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_ris(works: tuple[CitedWork, ...]) -> str:
    """RIS records (TY JOUR or GEN ... ER), CRLF line ends as the RIS specification has them."""
    lines: list[str] = []
    for work in works:
        tags: list[tuple[str, str]] = [("TY", "JOUR" if work.is_article else "GEN"), ("ID", work.key)]
        for author in work.authors:
            tags.append(("AU", author.literal if author.literal is not None
                         else f"{author.family}, {author.given.replace(' ', '')}".rstrip(", ")))
        for tag, value in (("TI", work.title), ("JO", work.journal), ("PY", work.year), ("VL", work.volume),
                           ("IS", work.issue), ("DO", work.doi)):
            if value:
                tags.append((tag, value))
        if work.page_start and work.page_end:
            tags += [("SP", work.page_start), ("EP", work.page_end)]
        elif work.page_field:
            tags.append(("SP", work.page_field))
        tags += [("N1", note) for note in _notes(work, truncation=True)]
        tags.append(("ER", ""))
        lines += [f"{tag}  - {value}" for tag, value in tags]
        lines.append("")
    return "\r\n".join(lines)


def export(graph: Source, fmt: str, *, review: str | None = None) -> bytes:
    """The reference lists of `graph` in `fmt` (one of FORMATS), UTF-8: each distinct work once, or
    with `review` (a DOI) that review's list as printed (`reference_list`)."""
    return export_works(reference_list(graph, review=review), fmt)


def export_works(works: tuple[CitedWork, ...], fmt: str) -> bytes:
    """`works` in `fmt` (one of FORMATS), UTF-8."""
    if fmt == "bibtex":
        return to_bibtex(works).encode("utf-8")
    if fmt == "csl-json":
        return to_csl_json(works).encode("utf-8")
    if fmt == "ris":
        return to_ris(works).encode("utf-8")
    raise InputError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")


def export_all(graph: Source) -> dict[str, bytes]:
    """Every format, keyed by its file name in dist/ (the reference lists read from the graph once)."""
    works = reference_list(graph)
    return {FILE_NAMES[fmt]: export_works(works, fmt) for fmt in FORMATS}
