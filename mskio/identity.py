"""Identity across sources: which reference entries of which reviews cite the same work, and what
their printings agree on. Pure functions on records; no rdflib here.

The rule (README "A corpus of reviews"):
  1. Entries that give the same DOI cite one work (DOIs compared case-insensitively).
  2. Entries that give the same PMID cite one work, unless that would join two different DOIs.
  3. Otherwise entries cite one work when their citation keys agree: the first author's family
     name, the year and the title, normalised (case, punctuation, white space, diacritics,
     British/American spelling such as tumour/tumor and a trailing '.' or '?' ignored), unless
     that would join two different DOIs or PMIDs. The same authors and title in another year is
     another work.
  4. An entry without title or year and without DOI/PMID is a work of its own, named by its raw
     text (two reviews printing the very same unparsed text cite one work).

What the printings agree on becomes the work's; where they disagree (a field group printed
with two different values by two entries), the work states nothing for that group and the
disagreement is kept as a `Conflict` listing each value and the entries that printed it. An entry
that does not print a field (a missing issue) does not disagree. Two author lists agree when
they are equal, or when one ends in 'et al.' and is a prefix of the other; the work then takes
the longer list. A first page alone (Crossref gives no last page) agrees with a range that starts
there; the work then takes the range.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mskio.records import Agent, Article, Person, Reference

FIELDS = ("title", "journal", "year", "volume", "issue", "pages", "authors")
"""The field groups compared across printings, in the order conflicts are reported.
`pages` covers pages, page_start, page_end, locator and extra_pages (one printed page statement);
`authors` covers the author list and whether it is truncated."""

SPELLING = (
    (r"tumour", "tumor"), (r"tumours", "tumors"), (r"haem", "hem"), (r"oedema", "edema"),
    (r"oesophag", "esophag"), (r"paediatric", "pediatric"), (r"anaesthe", "anesthe"),
    (r"orthopaedic", "orthopedic"), (r"centre", "center"), (r"centres", "centers"),
    (r"colour", "color"), (r"behaviour", "behavior"), (r"fibre", "fiber"), (r"foetal", "fetal"),
    (r"haemorrhage", "hemorrhage"), (r"leukaemia", "leukemia"), (r"oestrogen", "estrogen"),
    (r"ischaemi", "ischemi"), (r"anaemia", "anemia"), (r"sulphate", "sulfate"),
)
"""British spellings and their American forms, applied to whole words (or word starts, for the
stems ending in a letter run such as 'haem' in 'haematoma'), before comparison only: printed
titles keep their spelling."""

_SPELLING = tuple(
    (re.compile(rf"\b{british}(?=[a-z]*\b)" if british in ("haem", "oesophag", "anaesthe", "ischaemi")
                else rf"\b{british}\b"), american)
    for british, american in SPELLING
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> str:
    """Lower case, diacritics removed (NFKD), every run of characters other than a-z and 0-9 made
    one space, trimmed."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def fold(text: str) -> str:
    """`_words`, then British spellings made American (SPELLING)."""
    words = _words(text)
    for pattern, american in _SPELLING:
        words = pattern.sub(american, words)
    return words


def normalized_title(title: str) -> str:
    """The title as compared: `fold`, then without spaces ('Tumour?' and 'tumor' are equal)."""
    return fold(title).replace(" ", "")


def first_author_key(ref: Reference) -> str:
    """The folded family name of the first author (or group name), 'anonymous' when none."""
    if not ref.authors:
        return "anonymous"
    first = ref.authors[0]
    return _words(first.family if isinstance(first, Person) else first.name).replace(" ", "-") or "anonymous"


def citation_key(ref: Reference) -> str | None:
    """'{year}|{first author}|{normalised title}', or None without title or year."""
    if ref.title is None or ref.year is None:
        return None
    return f"{ref.year}|{first_author_key(ref)}|{normalized_title(ref.title)}"


@dataclass(frozen=True)
class EntryId:
    """A reference entry: the DOI of the review that printed it and its number there."""

    review: str
    number: int

    def __lt__(self, other: EntryId) -> bool:
        return (self.review.lower(), self.number) < (other.review.lower(), other.number)


@dataclass(frozen=True)
class WorkId:
    """How a work is named: by DOI, by PMID, by citation key (year, first author, title) or,
    for an entry that did not parse, by its raw text. `iris.Minter.work` turns it into an IRI."""

    kind: str  # "doi" | "pmid" | "citation" | "unparsed"
    value: str
    year: str | None = None
    first_author: str | None = None


@dataclass(frozen=True)
class Variant:
    """One value printed for a field group, and the entries that printed it."""

    value: str
    entries: tuple[EntryId, ...]


@dataclass(frozen=True)
class Conflict:
    """A field group (see FIELDS) that the entries of one work print differently."""

    field: str
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class Work:
    """One cited work of the corpus: its name, the entries citing it (sorted), what they agree on
    (a Reference-shaped record whose fields are None where nobody prints them or where they
    disagree) and the disagreements."""

    id: WorkId
    entries: tuple[EntryId, ...]
    printed: tuple[Reference, ...]
    """What each entry printed, in the order of `entries`."""
    agreed: Reference
    conflicts: tuple[Conflict, ...]
    dois: tuple[str, ...]
    pmids: tuple[str, ...]

    def conflict(self, field: str) -> Conflict | None:
        """The conflict on `field`, if there is one."""
        return next((c for c in self.conflicts if c.field == field), None)


@dataclass(frozen=True)
class Corpus:
    """The identity of every cited work across the articles: the works, and each entry's work."""

    works: tuple[Work, ...]
    work_of: dict[EntryId, Work]

    def shared(self) -> tuple[Work, ...]:
        """Works cited by more than one review."""
        return tuple(w for w in self.works if len({e.review.lower() for e in w.entries}) > 1)


class _Groups:
    """Union-find over entries; each group keeps the DOIs and PMIDs its entries give."""

    def __init__(self, entries: Sequence[tuple[EntryId, Reference]]) -> None:
        self.parent = {e: e for e, _ in entries}
        self.dois: dict[EntryId, set[str]] = {e: ({r.doi.lower()} if r.doi else set()) for e, r in entries}
        self.pmids: dict[EntryId, set[str]] = {e: ({r.pmid} if r.pmid else set()) for e, r in entries}

    def find(self, e: EntryId) -> EntryId:
        while self.parent[e] != e:
            self.parent[e] = self.parent[self.parent[e]]
            e = self.parent[e]
        return e

    def union(self, a: EntryId, b: EntryId, *, keep_distinct: tuple[str, ...]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        for name in keep_distinct:
            ids = getattr(self, name)
            if ids[ra] and ids[rb] and ids[ra] != ids[rb]:
                return  # would join two different DOIs (or PMIDs): another work
        low, high = sorted((ra, rb))
        self.parent[high] = low
        self.dois[low] |= self.dois.pop(high)
        self.pmids[low] |= self.pmids.pop(high)


def resolve(articles: Iterable[Article]) -> Corpus:
    """Group every reference entry of `articles` into works by the rule of the module docstring,
    and work out what each work's printings agree on."""
    entries = sorted(
        ((EntryId(a.doi, r.number), r) for a in articles for r in a.references), key=lambda er: er[0])
    refs = dict(entries)
    keys = {entry: citation_key(ref) for entry, ref in entries}  # each entry's key, computed once
    groups = _Groups(entries)
    for key_of, distinct in (
        (lambda e, r: r.doi.lower() if r.doi else None, ("dois",)),
        (lambda e, r: r.pmid, ("dois",)),
        (lambda e, r: keys[e], ("dois", "pmids")),
        (lambda e, r: None if keys[e] or r.doi or r.pmid else r.raw, ("dois", "pmids")),
    ):
        first: dict[str, EntryId] = {}
        for entry, ref in entries:
            key = key_of(entry, ref)
            if key is None:
                continue
            if key in first:
                groups.union(first[key], entry, keep_distinct=distinct)
            else:
                first[key] = entry
    members: dict[EntryId, list[EntryId]] = {}
    for entry, _ in entries:
        members.setdefault(groups.find(entry), []).append(entry)
    works = []
    work_of: dict[EntryId, Work] = {}
    for root, group in sorted(members.items()):
        printed = [refs[e] for e in group]
        dois, pmids = sorted(groups.dois[root]), sorted(groups.pmids[root])
        work = Work(id=_work_id(printed, [keys[e] for e in group], dois, pmids), entries=tuple(group),
                    printed=tuple(printed), agreed=_agreed(printed), conflicts=_conflicts(group, printed),
                    dois=tuple(dois), pmids=tuple(pmids))
        works.append(work)
        for e in group:
            work_of[e] = work
    return Corpus(works=tuple(sorted(works, key=lambda w: (w.id.kind, w.id.value))), work_of=work_of)


def work_id_of(ref: Reference) -> WorkId:
    """The name of the work a single entry cites, by the same rule as `resolve` for a corpus of one."""
    return _work_id([ref], [citation_key(ref)], [ref.doi.lower()] if ref.doi else [], [ref.pmid] if ref.pmid else [])


def _work_id(printed: Sequence[Reference], keys: Sequence[str | None], dois: Sequence[str],
             pmids: Sequence[str]) -> WorkId:
    """The work's name from its printings, their citation keys (`citation_key`, in the same order),
    and the DOIs and PMIDs they give."""
    if len(dois) == 1:
        return WorkId("doi", dois[0])
    if not dois and len(pmids) == 1:
        return WorkId("pmid", pmids[0])
    given = sorted(k for k in keys if k is not None)
    if given:
        year, who, title = given[0].split("|", 2)
        return WorkId("citation", title, year=year, first_author=who)
    return WorkId("unparsed", sorted(r.raw for r in printed)[0])


def _names(ref: Reference) -> tuple[str, ...]:
    return tuple(a.printed if isinstance(a, Person) else a.name for a in ref.authors)


def printed_authors(ref: Reference) -> str:
    """An author list as one string: names as printed, ', '-separated, ' et al.' when truncated."""
    return ", ".join(_names(ref)) + (" et al." if ref.truncated else "")


def printed_pages(ref: Reference) -> str | None:
    """The page statement of an entry as one string (range or locator, then extra pages)."""
    main = ref.pages or ref.locator or ref.page_start
    if main is None and ref.extra_pages is None:
        return None
    return "; ".join(p for p in (main, ref.extra_pages) if p)


def field_value(ref: Reference, field: str) -> str | None:
    """The value an entry prints for a field group of FIELDS, as one comparable string."""
    if field == "authors":
        return printed_authors(ref) if ref.authors else None
    if field == "pages":
        return printed_pages(ref)
    value = getattr(ref, field)
    return value if isinstance(value, str) else None


def _authors_agree(lists: Sequence[Reference]) -> Reference | None:
    """The printing whose author list every other one agrees with (equal, or a truncated prefix of
    it), preferring a complete list; None when two lists disagree."""
    candidates = sorted(lists, key=lambda r: (-len(r.authors), r.truncated))
    longest = candidates[0]
    for ref in candidates[1:]:
        names, full = _names(ref), _names(longest)
        if names == full and (ref.truncated == longest.truncated or not ref.truncated or longest.truncated):
            continue
        if ref.truncated and full[: len(names)] == names:
            continue
        return None
    return longest


def _pages_agree(printings: Sequence[Reference]) -> Reference | None:
    """The printing whose page statement every other one agrees with: the same statement, or only
    a first page (Crossref's `first-page`) equal to its first page; None when two disagree."""
    fullest = max(printings, key=lambda r: (r.page_end is not None, r.pages is not None, len(printed_pages(r) or "")))
    for ref in printings:
        if printed_pages(ref) == printed_pages(fullest):
            continue
        start_only = ref.page_start is not None and ref.page_end is None and ref.pages is None and ref.locator is None
        if start_only and ref.extra_pages is None and ref.page_start == fullest.page_start:
            continue
        return None
    return fullest


def _agreed(printed: Sequence[Reference]) -> Reference:
    first = printed[0]
    values: dict[str, str | None] = {}
    for field in ("title", "journal", "year", "volume", "issue"):
        given = {v for v in (getattr(r, field) for r in printed) if v is not None}
        values[field] = given.pop() if len(given) == 1 else None
    page_refs = [r for r in printed if printed_pages(r) is not None]
    pages = _pages_agree(page_refs) if page_refs else None
    with_authors = [r for r in printed if r.authors]
    author_source = _authors_agree(with_authors) if with_authors else None
    return Reference(
        number=first.number, raw=first.raw, line=first.line,
        authors=author_source.authors if author_source else (),
        truncated=author_source.truncated if author_source else False,
        title=values["title"], journal=values["journal"], year=values["year"],
        volume=values["volume"], issue=values["issue"],
        pages=pages.pages if pages else None, page_start=pages.page_start if pages else None,
        page_end=pages.page_end if pages else None, locator=pages.locator if pages else None,
        extra_pages=pages.extra_pages if pages else None,
        problems=() if all(r.fully_parsed for r in printed) else ("not every entry parsed fully",),
        doi=next((r.doi for r in printed if r.doi), None),
        pmid=next((r.pmid for r in printed if r.pmid), None),
        pmcid=next((r.pmcid for r in printed if r.pmcid), None),
        publication_type=next((r.publication_type for r in printed if r.publication_type), None),
    )


def common_agents(printed: Sequence[Reference]) -> tuple[Agent, ...]:
    """The agents every printing with an author list names (in the first printing's order)."""
    lists = [r.authors for r in printed if r.authors]
    if not lists:
        return ()
    return tuple(a for a in lists[0] if all(a in other for other in lists[1:]))


def _conflicts(group: Sequence[EntryId], printed: Sequence[Reference]) -> tuple[Conflict, ...]:
    conflicts = []
    for field in FIELDS:
        by_value: dict[str, list[EntryId]] = {}
        for entry, ref in zip(group, printed):
            value = field_value(ref, field)
            if value is not None:
                by_value.setdefault(value, []).append(entry)
        if len(by_value) < 2:
            continue
        if field == "authors" and _authors_agree([r for r in printed if r.authors]) is not None:
            continue
        if field == "pages" and _pages_agree([r for r in printed if printed_pages(r) is not None]) is not None:
            continue
        conflicts.append(Conflict(field, tuple(
            Variant(value, tuple(sorted(entries))) for value, entries in sorted(by_value.items()))))
    return tuple(conflicts)


@dataclass(frozen=True)
class NameCandidate:
    """Two printed names that may be one person ('Rosenthal D' and 'Rosenthal DI'): never merged,
    listed for a curator."""

    family: str
    names: tuple[str, str]


def person_candidates(agents: Iterable[Agent]) -> tuple[NameCandidate, ...]:
    """Pairs of persons with the same folded family name whose initials are a strict prefix one of
    the other (D / DI), or the same initials printed with a family name that differs only in
    diacritics, case or punctuation (Labrèze C / Labreze C), sorted."""
    by_family: dict[str, set[Person]] = {}
    for agent in agents:
        if isinstance(agent, Person):
            by_family.setdefault(_words(agent.family), set()).add(Person(agent.family, agent.initials))
    pairs = set()
    for family, people in by_family.items():
        for a in people:
            for b in people:
                if a.initials != b.initials and b.initials.startswith(a.initials):
                    pairs.add(NameCandidate(family, (a.printed, b.printed)))
                elif a.initials == b.initials and a.family < b.family:
                    pairs.add(NameCandidate(family, (a.printed, b.printed)))
    return tuple(sorted(pairs, key=lambda c: (c.family, c.names)))


__all__ = ["Conflict", "Corpus", "EntryId", "NameCandidate", "Variant", "Work", "WorkId",
           "citation_key", "common_agents", "field_value", "fold", "normalized_title", "person_candidates",
           "printed_authors", "resolve", "work_id_of"]
