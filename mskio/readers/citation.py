"""Structured citation fields -> a `Reference`: names, identifiers, pages, problems, rendering.

Shared by the JATS, PubMed and Crossref readers, so that the same fields give the same record
whichever format they came from. Pure functions; no I/O, no rdflib.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from mskio.parse import ORGANIZATION_WORDS, PERSON
from mskio.parse import _full_end as full_end  # the page parser's rule for '835-9' -> '839'
from mskio.records import Agent, Person, RawKind, Reference

ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")
"""A bare ORCID iD inside an ORCID URL or string."""

DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
"""A DOI as the shapes accept it: 10.NNNN/suffix."""
YEAR = re.compile(r"^\s*(\d{4})")
ELOCATOR = re.compile(r"^e\d+$")
PAGE = re.compile(r"^[A-Za-z]?\d+$")
"""A page number, a letter-prefixed page (S347, L7) or an e-locator (e1000049): the shapes' pattern."""
"""An electronic locator printed in the first-page field ('e1000049')."""

INITIALS_FIRST = re.compile(
    r"^(?P<initials>(?:[A-Z]\.?-?){1,4})\s+(?P<family>[^\W\d_][\w'’\-]*(?: [^\W\d_][\w'’\-]*)*)$"
)
"""A first-author string written initials first, as Crossref prints them: 'AF Arnsten', 'A.F. Arnsten'."""

FAMILY_COMMA_INITIALS = re.compile(r"^(?P<family>[^\W\d_][^,]*),\s*(?P<initials>(?:[A-Z]\.?[\s\-]?){1,4})$")
"""'Arnsten, A. F.' -> family 'Arnsten', initials 'AF'."""

TAG = re.compile(r"<[^<>]*>")
SPACE = re.compile(r"\s+")

JOURNAL_TYPES = frozenset({"journal", "journal-article", "article"})


def squash(text: str | None) -> str | None:
    """Whitespace runs -> one space, stripped; None for None or blank text."""
    if text is None:
        return None
    text = SPACE.sub(" ", text).strip()
    return text or None


def plain(text: str | None) -> str | None:
    """Markup-free text: JATS/MathML/HTML tags removed, entities (&apos;, &#x2019;) unescaped."""
    if text is None:
        return None
    return squash(html.unescape(TAG.sub("", text)))


def bare_doi(text: str | None) -> str | None:
    """'https://doi.org/10.1/x' or 'doi:10.1/x' -> '10.1/x'; None unless it is a DOI."""
    text = squash(text)
    if text is None:
        return None
    text = DOI_PREFIX.sub("", text)
    return text if DOI.match(text) else None


def bare_orcid(text: str | None) -> str | None:
    """'https://orcid.org/0000-0002-1825-0097' -> '0000-0002-1825-0097'."""
    found = ORCID.search(text or "")
    return found.group(1) if found else None


def pmc_id(text: str | None) -> str | None:
    """'2599765' or 'PMC2599765' -> 'PMC2599765'."""
    text = squash(text)
    if text is None:
        return None
    digits = text[3:] if text.upper().startswith("PMC") else text
    return f"PMC{digits}" if digits.isdigit() else None


def initials_of(given: str) -> str:
    """'Sean C.' -> 'SC'; 'Ing-Nang' -> 'IN'; 'J Mark' -> 'JM'; 'Élodie' -> 'E' (accents folded, as
    Vancouver lists print them); initials stay as they are ('CVW')."""
    if _only_initials(given):
        letters = [ch for ch in given if ch.isalpha()]
    else:
        letters = [part[0].upper() for part in re.split(r"[\s.\-‐]+", given) if part and part[0].isalpha()]
    return "".join(_fold(ch) for ch in letters)


def _fold(letter: str) -> str:
    """A capital letter without its accent where Unicode decomposes it ('É' -> 'E'), else as it is."""
    base = unicodedata.normalize("NFKD", letter)[0]
    return base if base.isascii() and base.isalpha() else letter


def _only_initials(given: str) -> bool:
    """True when a given-names field holds only initials ('CS', 'S. C.', 'J-P'): no lower-case letter."""
    return not any(ch.islower() for ch in given)


def person(
    family: str,
    given: str | None,
    *,
    initials: str | None = None,
    orcid: str | None = None,
    affiliations: tuple[str, ...] = (),
) -> Person:
    """A Person from a family name and given names (`given` kept only when it is more than initials)."""
    given = squash(given)
    own = squash(initials)
    derived = initials_of(given) if given else ""
    return Person(
        family=family,
        initials=(own.replace(" ", "").replace(".", "") if own else derived),
        given=given if given and not _only_initials(given) else None,
        orcid=orcid,
        affiliations=affiliations,
    )


def person_from_text(text: str) -> Person | None:
    """A name printed as one string: 'Arnsten AF' (Vancouver) or 'AF Arnsten' (Crossref); else None,
    also for a group's name ('WHO Expert Committee': a word the page parser takes for an organisation)."""
    text = text.strip().rstrip(".").strip()
    if any(word.lower() in ORGANIZATION_WORDS for word in re.findall(r"[^\W\d_]+", text)):
        return None
    vancouver = PERSON.match(text)
    if vancouver:
        return Person(vancouver.group("family"), vancouver.group("initials"))
    first = INITIALS_FIRST.match(text)
    if first:
        return Person(first.group("family"), re.sub(r"[.\-]", "", first.group("initials")))
    comma = FAMILY_COMMA_INITIALS.match(text)
    if comma:
        return Person(comma.group("family"), re.sub(r"[\s.\-]", "", comma.group("initials")))
    return None


def year_of(text: str | None, problems: list[str]) -> str | None:
    """The four-digit year at the start of a year field ('2006', '2006a'); a problem otherwise."""
    text = squash(text)
    if text is None:
        return None
    found = YEAR.match(text)
    if not found:
        problems.append(f"year not read: {text!r}")
        return None
    return found.group(1)


@dataclass(frozen=True)
class Fields:
    """The structured fields of one cited work, as a source tags them (before any checks)."""

    authors: tuple[Agent, ...] = ()
    truncated: bool = False
    editors: tuple[Agent, ...] = ()
    title: str | None = None
    journal: str | None = None
    container_title: str | None = None
    year: str | None = None
    volume: str | None = None
    issue: str | None = None
    first_page: str | None = None
    last_page: str | None = None
    elocation: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    publication_type: str | None = None
    publisher: str | None = None
    comment: str | None = None
    doi_asserted_by: str | None = None


@dataclass(frozen=True)
class Pages:
    """The page fields of a citation, and the page text as given (for the rendering)."""

    pages: str | None = None
    page_start: str | None = None
    page_end: str | None = None
    locator: str | None = None
    printed: str | None = None
    problem: str | None = None


def pages_of(fields: Fields) -> Pages:
    """pages 'f-l' (as printed) with page_start/page_end when both are given (an abbreviated end
    page expanded as the page parser does: 835-9 -> page_end 839); a lone first page is page_start
    ('L7' too), or the locator when it is an e-locator ('e1000049'); <elocation-id> is the locator.
    No end page is invented. A value that is no page number ('Article3') is a problem, not a field."""
    first, last = squash(fields.first_page), squash(fields.last_page)
    elocation = squash(fields.elocation)
    locator = None
    problems: list[str] = []
    if elocation:
        if PAGE.match(elocation):
            locator = elocation
        else:
            problems.append(f"locator not recognised: {elocation!r}")
    if first and last and last != first:
        printed = f"{first}-{last}"
        if PAGE.match(first) and PAGE.match(last):
            return Pages(printed, first, full_end(first, last), locator, printed, "; ".join(problems) or None)
        problems.append(f"pages not recognised: {printed!r}")
        return Pages(locator=locator, printed=printed, problem="; ".join(problems))
    if first and not PAGE.match(first):
        problems.append(f"pages not recognised: {first!r}")
    elif first and ELOCATOR.match(first) and not last and locator is None:
        return Pages(locator=first, printed=first)
    elif first:
        return Pages(page_start=first, page_end=last, locator=locator, printed=first,
                     problem="; ".join(problems) or None)
    return Pages(locator=locator, printed=first or elocation, problem="; ".join(problems) or None)


def missing(fields: Fields) -> list[str]:
    """What a cited work lacks to be fully read: authors, title, year, and for journal articles
    (or works of unknown type) the journal."""
    problems: list[str] = []
    if not fields.authors:
        problems.append("no authors")
    if fields.title is None:
        problems.append("no title")
    if fields.year is None:
        problems.append("no year")
    kind = fields.publication_type
    if fields.journal is None and (kind is None or kind in JOURNAL_TYPES) and fields.container_title is None:
        problems.append("no journal")
    return problems


def render(fields: Fields, *, et_al: bool = True) -> str:
    """A Vancouver-style rendering of the fields (the raw text when the source prints none):
    'Adolf B, Chapouton P, et al. Title. Dev Biol 2006;295:278-293. doi:10.x/y. PMID: 16828638'.
    'et al' for a truncated list unless `et_al` is False (Crossref gives the first author only, and
    does not say whether there are others)."""
    parts: list[str] = []
    names = ", ".join(_printed(a) for a in fields.authors)
    if fields.truncated and names and et_al:
        names += ", et al"
    if names:
        parts.append(names)
    if fields.title:
        parts.append(fields.title)
    if fields.editors:
        parts.append("In: " + ", ".join(_printed(a) for a in fields.editors) + ", editors")
    span = pages_of(fields).printed
    if fields.journal:  # Journal Year;Volume(Issue):pages
        numbers = (fields.volume or "") + (f"({fields.issue})" if fields.issue else "")
        if span and numbers:
            numbers, span = f"{numbers}:{span}", None
        where = " ".join(x for x in (fields.journal, fields.year) if x)
        parts.append(f"{where};{numbers}" if numbers else where)
    else:  # Book. Vol 2. Place: Publisher; Year.
        if fields.container_title:
            parts.append(fields.container_title)
        if fields.volume:
            parts.append(f"Vol {fields.volume}" + (f"({fields.issue})" if fields.issue else ""))
        imprint = "; ".join(x for x in (fields.publisher, fields.year) if x)
        if imprint:
            parts.append(imprint)
    if span:
        parts.append(f"p. {span}")
    if fields.comment:
        parts.append(fields.comment)
    text = " ".join(p if p[-1] in ".?!" else p + "." for p in parts)
    ids = [f"doi:{fields.doi}" if fields.doi else "", f"PMID: {fields.pmid}" if fields.pmid else ""]
    return " ".join(x for x in (text, *ids) if x)


def _printed(agent: Agent) -> str:
    return agent.printed if isinstance(agent, Person) else agent.name


def make_reference(
    number: int,
    fields: Fields,
    *,
    raw: str | None,
    raw_kind: RawKind,
    line: int | None,
    key: str | None = None,
    origin: str | None = None,
    problems: tuple[str, ...] = (),
    et_al: bool = True,
) -> Reference:
    """The Reference of structured fields: the source's raw text where it has one, else the
    rendering (raw_kind 'rendered'); problems = what the reader met + what the fields lack."""
    if raw is None:
        raw, raw_kind = render(fields, et_al=et_al), "rendered"
    pages = pages_of(fields)
    found = (*problems, *((pages.problem,) if pages.problem else ()), *missing(fields))
    return Reference(
        number=number,
        raw=raw,
        line=line,
        authors=fields.authors,
        truncated=fields.truncated,
        title=fields.title,
        journal=fields.journal,
        year=fields.year,
        volume=fields.volume,
        issue=fields.issue,
        pages=pages.pages,
        page_start=pages.page_start,
        page_end=pages.page_end,
        locator=pages.locator,
        problems=tuple(dict.fromkeys(found)),
        doi=fields.doi,
        pmid=fields.pmid,
        pmcid=fields.pmcid,
        raw_kind=raw_kind,
        publication_type=fields.publication_type,
        key=key,
        editors=fields.editors,
        origin=origin,
        container_title=fields.container_title,
        publisher=fields.publisher,
        comment=fields.comment,
        doi_asserted_by=fields.doi_asserted_by,
    )
