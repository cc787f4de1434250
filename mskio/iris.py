"""The only place IRIs are minted. Every IRI is derived from content, so rebuilding never changes one.

Layout under the base IRI (default https://w3id.org/mskio/):
  work/{year}-{first-author}-{hash8(title)}      a cited work
  work/unparsed-{hash12(raw text)}               a cited work whose entry did not parse
  work/.../author/{i}                            the i-th cell of its rdf:List of authors
  person/{family}-{initials}                     a person as printed ("Cazzato RL" -> cazzato-rl)
  organization/{name}                            a group author or publisher
  journal/{abbreviation}                         a journal by its printed abbreviation
  reference/{doi}/{n}                            entry n of the reference list of the work with that DOI
  indication/{doi}/{id}                          an indication stated in that work (id from the curation file)
  work/.../annotation/{term}                     the record of annotating a cited work with an mskio term
  work/.../topic/{term}                          what a cited work is about, typed with that term
A work with a DOI is named by https://doi.org/{doi}.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from mskio.namespaces import DEFAULT_BASE
from mskio.records import Organization, Person, Reference

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: 'Labrèze C' -> 'labreze-c', "D'Amico" -> 'd-amico'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-") or "x"


def digest(text: str, length: int) -> str:
    """The first `length` hex digits of the SHA-256 of `text` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def normalized_title(title: str) -> str:
    """Title reduced to lower-case letters and digits, so punctuation variants name the same work."""
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKD", title).lower())


def _bounded(name_slug: str, name: str, limit: int = 60) -> str:
    """A slug of at most `limit` characters: a long one is cut and given a hash of the full name."""
    if len(name_slug) <= limit:
        return name_slug
    return f"{name_slug[: limit - 9].rstrip('-')}-{digest(name, 8)}"


def doi_iri(doi: str) -> URIRef:
    """https://doi.org/{doi}, the DOI's own resolvable IRI (lower-cased: DOIs are case-insensitive)."""
    return URIRef("https://doi.org/" + doi.lower())


@dataclass(frozen=True)
class Minter:
    """Mints IRIs under one base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://\S+/$", self.base):
            raise ValueError(f"base IRI must be an http(s) IRI ending in '/': {self.base!r}")

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def work(self, ref: Reference) -> URIRef:
        """A cited work: from year, first author and title; from the raw text if those are unknown."""
        if ref.title is None or ref.year is None:
            return self._iri(f"work/unparsed-{digest(ref.raw, 12)}")
        first = ref.authors[0] if ref.authors else None
        who = slug(first.family if isinstance(first, Person) else first.name) if first else "anonymous"
        return self._iri(f"work/{ref.year}-{who[:40]}-{digest(normalized_title(ref.title), 8)}")

    def author_cell(self, work: URIRef, index: int) -> URIRef:
        """The `index`-th (1-based) rdf:List cell of a work's bibo:authorList."""
        return URIRef(f"{work}/author/{index}")

    def person(self, person: Person) -> URIRef:
        """A person by family name and initials as printed."""
        return self._iri(f"person/{slug(person.family)}-{slug(person.initials)}")

    def organization(self, org: Organization) -> URIRef:
        """An organization by its name."""
        return self._iri(f"organization/{_bounded(slug(org.name), org.name)}")

    def address(self, org: Organization) -> URIRef:
        """The postal address of an organization."""
        return URIRef(f"{self.organization(org)}/address")

    def journal(self, abbreviation: str) -> URIRef:
        """A journal by its printed abbreviation."""
        return self._iri(f"journal/{slug(abbreviation)}")

    def reference(self, doi: str, number: int) -> URIRef:
        """Entry `number` of the reference list of the work with DOI `doi`."""
        return self._iri(f"reference/{slug(doi)}/{number}")

    def indication(self, doi: str, ident: str) -> URIRef:
        """An indication stated in the work with DOI `doi`, by its curated id (a slug)."""
        return self._iri(f"indication/{slug(doi)}/{slug(ident)}")

    def annotation(self, work: URIRef, term_local_name: str) -> URIRef:
        """The record of the annotation of a cited work with an mskio term (by the term's local name)."""
        return URIRef(f"{work}/annotation/{slug(term_local_name)}")

    def topic(self, work: URIRef, term_local_name: str) -> URIRef:
        """The individual standing for what a cited work is about, typed with an mskio term."""
        return URIRef(f"{work}/topic/{slug(term_local_name)}")
