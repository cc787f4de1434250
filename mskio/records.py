"""Plain records of what a source page says. Frozen dataclasses; no rdflib here.

`mskio.parse` makes them from page text; `mskio.build` turns them into RDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Person:
    """An author as printed in a Vancouver reference: "Le Corroller T"."""

    family: str
    initials: str

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
    line: int
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
    """The file a record was read from: path as given, and the SHA-256 of its bytes."""

    path: Path
    sha256: str


@dataclass(frozen=True)
class Located:
    """A piece of text with the line it was read from (for provenance and errors)."""

    text: str
    line: int


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
    rights: str | None = None
    authors: tuple[Agent, ...] = ()
    references: tuple[Reference, ...] = field(default_factory=tuple)

    @property
    def unparsed(self) -> tuple[Reference, ...]:
        """The reference entries that did not parse fully."""
        return tuple(r for r in self.references if not r.fully_parsed)
