"""Plain records of what a source page says. Frozen dataclasses; no rdflib here.

`mskio.parse` makes them from page text; `mskio.build` turns them into RDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


RawKind = Literal["printed", "mixed-citation", "unstructured", "rendered"]
"""Where a reference entry's raw text (c4o:hasContent) comes from:
  printed         the line of a publisher page, as printed; also PubMed's <Citation> text (the
                  reference as the article printed it, deposited as one string);
  mixed-citation  the text content of a JATS <mixed-citation> (or <citation>);
  unstructured    Crossref's `unstructured` string;
  rendered        rendered by mskio from the structured fields (JATS <element-citation>,
                  PubMed <Citation>-less records, Crossref references with fields only)."""

SourceFormat = Literal["page", "jats", "pubmed", "crossref"]
"""The input formats mskio reads (detected by content, see mskio.readers)."""


@dataclass(frozen=True)
class Person:
    """An author as printed in a Vancouver reference: "Le Corroller T".

    `given` is the given name(s) where the source prints them (JATS <given-names>, PubMed
    <ForeName>, Crossref `given`); `initials` are then the source's own initials or the first
    letters of the given names. `orcid` is the bare ORCID iD (0000-0002-1825-0097) where the
    source gives one; `affiliations` are the affiliation texts the source attaches to this author.
    Identity (mskio.iris) uses only family name and initials.
    """

    family: str
    initials: str
    given: str | None = None
    orcid: str | None = None
    affiliations: tuple[str, ...] = ()

    @property
    def printed(self) -> str:
        """The name as printed: family name, a space, the initials."""
        return f"{self.family} {self.initials}"


@dataclass(frozen=True)
class Organization:
    """A group author ("Expert Panels on ...") or a publisher."""

    name: str


Agent = Person | Organization


@dataclass(frozen=True)
class Reference:
    """One numbered entry of a reference list, with every field that could be read.

    `problems` is empty when the entry parsed fully; otherwise each item says what
    could not be read, and the fields that could not be read are None.
    """

    number: int
    raw: str
    line: int | None
    authors: tuple[Agent, ...] = ()
    truncated: bool = False
    title: str | None = None
    journal: str | None = None
    year: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    page_start: str | None = None
    page_end: str | None = None
    locator: str | None = None
    extra_pages: str | None = None
    problems: tuple[str, ...] = ()
    doi: str | None = None
    """The cited work's DOI as the source gives it (JATS <pub-id pub-id-type="doi">, Crossref `DOI`)."""
    pmid: str | None = None
    """The cited work's PubMed id as the source gives it."""
    pmcid: str | None = None
    """The cited work's PubMed Central id (PMC1234567) as the source gives it."""
    raw_kind: RawKind = "printed"
    """Where `raw` comes from (see RawKind)."""
    publication_type: str | None = None
    """The source's own type of the cited work where it states one (JATS publication-type:
    'journal', 'book', 'webpage', ...)."""
    key: str | None = None
    """The source's own id of the entry (JATS <ref id>, Crossref `key`)."""
    editors: tuple[Agent, ...] = ()
    """Editors, in printed order (JATS <person-group person-group-type="editor">)."""
    origin: str | None = None
    """Where in a structured source the entry is (a JSON path such as 'message.reference[3]');
    `line` is then the line of the file where known."""
    container_title: str | None = None
    """The book, proceedings or series the cited item is part of when it is not a journal (JATS
    <source> of a chapter citation, Crossref `volume-title` / `series-title`)."""
    publisher: str | None = None
    """The publisher as the entry names it (JATS <publisher-name>, with <publisher-loc> before it)."""
    comment: str | None = None
    """Free text the entry adds (JATS <comment>, e.g. 'Available: http://...'; <date-in-citation>)."""
    doi_asserted_by: str | None = None
    """Who matched the DOI to the entry (Crossref `doi-asserted-by`: 'publisher' or 'crossref')."""

    @property
    def fully_parsed(self) -> bool:
        """True when every part of the entry was read."""
        return not self.problems

    @property
    def persons(self) -> tuple[Person, ...]:
        """The personal authors, in printed order."""
        return tuple(a for a in self.authors if isinstance(a, Person))


@dataclass(frozen=True)
class Publisher:
    """The publisher block of the page: name and postal address as printed."""

    name: str
    address: str | None = None


@dataclass(frozen=True)
class SourceFile:
    """The file a record was read from: path as given, the SHA-256 of its bytes, its format."""

    path: Path
    sha256: str
    format: SourceFormat = "page"


@dataclass(frozen=True)
class Journal:
    """The journal a review appeared in, as the source names it."""

    title: str | None = None
    iso_abbreviation: str | None = None
    issns: tuple[str, ...] = ()
    publisher: str | None = None


@dataclass(frozen=True)
class MeshHeading:
    """A MeSH heading the source indexes the article with (PubMed <MeshHeading>): the descriptor's
    unique id (D001859) and name, whether it is a major topic, and its qualifiers as (UI, name,
    major) triples."""

    descriptor_ui: str
    descriptor_name: str
    major: bool = False
    qualifiers: tuple[tuple[str, str, bool], ...] = ()


@dataclass(frozen=True)
class Located:
    """A piece of text with the line it was read from (for provenance and errors)."""

    text: str
    line: int


@dataclass(frozen=True)
class FlaggedAuthor:
    """Text of a page's `Authors` block that fits no author form (mskio.parse lists the forms):
    kept as printed and typed as neither a person nor an organisation. `position` is where it
    stands among the article's `authors` (how many recognised authors are printed before it);
    `problem` says what did not fit."""

    text: str
    line: int
    position: int
    problem: str


@dataclass(frozen=True)
class Article:
    """A review article page: its metadata and its numbered reference list."""

    source: SourceFile
    doi: str
    title: Located
    abstract: Located | None = None
    received: dt.date | None = None
    accepted: dt.date | None = None
    published_online: dt.date | None = None
    publisher: Publisher | None = None
    issued: str | None = None
    """The publication date as precisely as the source gives it, never more: 'YYYY', 'YYYY-MM' or
    'YYYY-MM-DD' (JATS <pub-date>, PubMed <PubDate>, Crossref `issued`). `published_online` is set
    only from a full date."""
    rights: str | None = None
    authors: tuple[Agent, ...] = ()
    references: tuple[Reference, ...] = field(default_factory=tuple)
    journal: Journal | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    license: str | None = None
    """The licence the source states: a URL where it gives one (JATS <license xlink:href>,
    Crossref license[].URL), else its text."""
    mesh: tuple[MeshHeading, ...] = ()
    publication_types: tuple[tuple[str, str], ...] = ()
    """PubMed <PublicationType UI="D016454">Review</PublicationType> as (UI, name)."""
    keywords: tuple[str, ...] = ()
    article_type: str | None = None
    """The source's own type of the article (JATS article-type, Crossref `type`), where it gives one."""

    @property
    def is_review(self) -> bool:
        """Whether the source says the article is a review: a page (mskio's page format is the page
        of a review), a JATS article-type review-article or systematic-review, or a PubMed
        publication type Review / Systematic Review / Meta-Analysis."""
        if self.source.format == "page":
            return True
        if (self.article_type or "").lower() in ("review-article", "systematic-review"):
            return True
        return any(name in ("Review", "Systematic Review", "Meta-Analysis") for _, name in self.publication_types)
    author_problems: tuple[FlaggedAuthor, ...] = ()
    """Author text the source prints that fits no author form (page `Authors` block); never
    silently typed as a person or an organisation."""

    @property
    def unparsed(self) -> tuple[Reference, ...]:
        """The reference entries that did not parse fully."""
        return tuple(r for r in self.references if not r.fully_parsed)
