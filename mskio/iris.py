"""The only place IRIs are minted. Every IRI is derived from content, so rebuilding never changes one.

Layout under the base IRI (default https://w3id.org/mskio/):
  work/{year}-{first-author}-{hash8(title)}      a cited work known by no DOI or PMID (mskio.identity:
                                                 the title normalised, spelling variants folded)
  work/pmid-{pmid}                               a cited work known by its PubMed id, not by a DOI
  work/unparsed-{hash12(raw text)}               a cited work whose entry did not parse
  work/.../author/{i}                            the i-th cell of its rdf:List of authors
  work/.../conflict/{field}                      what the entries citing a work print differently
  work/.../conflict/{field}/{hash8(value)}       one value printed, with the entries that printed it
  person/{family}-{initials}                     a person as printed ("Cazzato RL" -> cazzato-rl)
  person/{family}-{initials}-{hash8(name)}       ... printed otherwise than capitalised ASCII letters
                                                 ("Labrèze C", "McKusick MA", "de Marini P", "D'Amico KC")
  organization/{name}                            a group author or publisher
  journal/{abbreviation}                         a journal by its printed abbreviation
  reference/{doi}/{n}                            entry n of the reference list of the work with that DOI
  reference/{doi}/{n}/author/{i}                 the i-th cell of the author list that entry printed
  indication/{doi}/{id}                          an indication stated in that work (id from the curation file)
  work/.../annotation/{term}                     the record of annotating a cited work with an mskio term
  work/.../topic/{term}                          what a cited work is about, typed with that term
A work with a DOI is named by https://doi.org/{doi}; the IRIs minted beneath a resource named by its
DOI (its author-list cells, conflicts, annotations, topics) are not ours to mint under doi.org, so
they start at `doi/{slug(doi)}` under the base (`Minter.beneath`), where its page is:
  doi/{doi}/author/{i}, doi/{doi}/conflict/{field}, doi/{doi}/annotation/{term}, doi/{doi}/topic/{term}

The IRIs minted beneath a resource with one of PART_SEGMENTS (`.../author/{i}`, `.../annotation/...`,
`.../topic/...`, `.../conflict/...`, `organization/.../address`) name its parts: `part_of` finds the
owner, whose document (site page) describes them.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote
import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from mskio.identity import WorkId, work_id_of
from mskio.namespaces import DEFAULT_BASE
from mskio.records import Organization, Person, Reference

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

PART_SEGMENTS = ("author", "annotation", "topic", "conflict", "address")
"""The path segments under which `Minter` names the parts of a resource (author-list cells,
annotations, topics, citation conflicts and their variants, an organization's address)."""

PART_PATTERN = "^(.+?)/((?:" + "|".join(PART_SEGMENTS) + ")(?:/.*)?)$"
"""An IRI or URL path `{owner}/{part}` whose part starts with one of PART_SEGMENTS, the earliest
such segment deciding: group 1 the owner, group 2 the part (the site's and the servers' rule)."""

_PART = re.compile(PART_PATTERN)


def part_of(iri: str) -> tuple[str, str] | None:
    """(owner, part) if `iri` names a part of another resource ('.../work/x/author/2' ->
    ('.../work/x', 'author/2')), else None."""
    match = _PART.match(iri)
    return (match.group(1), match.group(2)) if match else None


_PLAIN_PERSON = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)* [A-Z]+")
"""The printings of a person that `slug` can be read back from, so no two of them share a slug."""


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: 'Labrèze C' -> 'labreze-c', "D'Amico" -> 'd-amico'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-") or "x"


def digest(text: str, length: int) -> str:
    """The first `length` hex digits of the SHA-256 of `text` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def _bounded(name_slug: str, name: str, limit: int = 60) -> str:
    """A slug of at most `limit` characters: a long one is cut and given a hash of the full name."""
    if len(name_slug) <= limit:
        return name_slug
    return f"{name_slug[: limit - 9].rstrip('-')}-{digest(name, 8)}"


DOI_PREFIX = "https://doi.org/"
DOI_FOLDER = "doi"
"""The folder under the base of what is minted beneath a DOI-named resource, and of its site page."""


def doi_iri(doi: str) -> URIRef:
    """https://doi.org/{doi}, the DOI's own resolvable IRI (lower-cased: DOIs are case-insensitive),
    with the characters an IRI cannot hold percent-encoded as doi.org does (SICI DOIs hold < and >:
    10.1002/(SICI)1097-4547(19960215)43:4<439::AID-JNR5>3.0.CO;2-G)."""
    return URIRef("https://doi.org/" + quote(doi.lower(), safe="/:;()[]._-~!$&'*+,=@"))


@dataclass(frozen=True)
class Minter:
    """Mints IRIs under one base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://\S+/$", self.base):
            raise ValueError(f"base IRI must be an http(s) IRI ending in '/': {self.base!r}")

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def work(self, work: WorkId | Reference) -> URIRef:
        """A cited work (mskio.identity): by DOI, by PMID, by year, first author and normalised
        title, or by the raw text of an entry that did not parse. A Reference is named as the
        only entry citing its work."""
        wid = work if isinstance(work, WorkId) else work_id_of(work)
        if wid.kind == "doi":
            return doi_iri(wid.value)
        if wid.kind == "pmid":
            return self._iri(f"work/pmid-{slug(wid.value)}")
        if wid.kind == "citation":
            return self._iri(f"work/{wid.year}-{(wid.first_author or 'anonymous')[:40]}-{digest(wid.value, 8)}")
        return self._iri(f"work/unparsed-{digest(wid.value, 12)}")

    def beneath(self, owner: URIRef) -> str:
        """Where the IRIs minted beneath `owner` start: `owner` itself when it is under the base;
        `{base}doi/{slug(doi)}` for a resource named https://doi.org/{doi} (whose namespace is not
        ours), which is also the path of its page on the site (mskio.site.describe)."""
        text = str(owner)
        if text.startswith(DOI_PREFIX):
            return f"{self.base}{DOI_FOLDER}/{slug(text[len(DOI_PREFIX):])}"
        return text

    def conflict(self, work: URIRef, field: str) -> URIRef:
        """What the entries citing `work` print differently for one field group."""
        return URIRef(f"{self.beneath(work)}/conflict/{slug(field)}")

    def variant(self, conflict: URIRef, value: str) -> URIRef:
        """One value printed in a conflict."""
        return URIRef(f"{conflict}/{digest(value, 8)}")

    def author_cell(self, work: URIRef, index: int) -> URIRef:
        """The `index`-th (1-based) rdf:List cell of a work's bibo:authorList."""
        return URIRef(f"{self.beneath(work)}/author/{index}")

    def person(self, person: Person) -> URIRef:
        """A person by family name and initials as printed, folded to lower-case ASCII ("Cazzato RL"
        -> cazzato-rl). The fold loses case, diacritics and punctuation, so only the printings it
        can be read back from keep the plain name (`_PLAIN_PERSON`: capitalised ASCII words joined
        by hyphens, upper-case initials: "Cazzato RL", "Smith-Jones A"); any other printing also
        carries a hash of its exact text ("Labrèze C", "McKusick MA", "de Marini P" ->
        labreze-c-{hash8} ...). Two printings that fold alike ("Labrèze C" / "Labreze C",
        "McRanmi R" / "Mcranmi R", "D'Amico K" / "D Amico K") are then two people, listed as name
        candidates (mskio.identity.person_candidates), never one IRI with two printed names; and
        each IRI still follows from its printing alone, whatever else the corpus holds."""
        name = f"{slug(person.family)}-{slug(person.initials)}"
        if not _PLAIN_PERSON.fullmatch(person.printed):
            name = f"{name}-{digest(person.printed, 8)}"
        return self._iri(f"person/{name}")

    def agent(self, agent: Person | Organization) -> URIRef:
        """A person or an organization."""
        return self.person(agent) if isinstance(agent, Person) else self.organization(agent)

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
        return URIRef(f"{self.beneath(work)}/annotation/{slug(term_local_name)}")

    def topic(self, work: URIRef, term_local_name: str) -> URIRef:
        """The individual standing for what a cited work is about, typed with an mskio term."""
        return URIRef(f"{self.beneath(work)}/topic/{slug(term_local_name)}")
