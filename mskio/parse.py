"""Article page text -> records (`mskio.records`). Pure functions; no rdflib.

Reads a publisher article page dump: a `DOI:` line, the title, an optional
`Authors` block, `Abstract`, `Publication History` (Received / Accepted /
published online), a rights line starting with (c), the publisher's name and
address, and `References` with numbered Vancouver-style entries (`- 12 ...`).

Entries whose fields cannot all be read are kept with their raw text and a list
of problems. Input that is not such a page at all raises `ParseError` naming the
file and line.

Lines end only at \\n, \\r\\n or \\r; U+2028, U+2029, U+0085, form feed, \\v and
\\x1c-\\x1e are characters of a line (str.splitlines would cut a title there).

Structure. The headings are `Authors`, `Abstract`, `Publication History` and
`References`, each a whole line. The sections before `References` may come in
any order; the reference list runs to the end of the page. So these raise
ParseError (never a silent loss of entries):
  - a heading printed a second time;
  - any heading after `References` (a stray `Abstract` inside the list would
    otherwise turn the entries after it into the abstract);
  - a numbered entry line (`- 12 ...`) anywhere outside the reference list;
  - a line in the list that is not an entry, a duplicate, missing or
    out-of-order number, an empty list.

The `Authors` block. Each line holds one author or a list; `;` and `,` separate
authors, and `and` / `&` may stand before the last one. An author is
  - a Vancouver name: family name (one or more words, particles such as `de`,
    `Le`), a space, 1-3 capital initials with or without periods:
    `Cazzato RL`, `Le Corroller T`, `Cazzato R.L.`;
  - a name with the given names first: `Roberto Luigi Cazzato` -> family
    `Cazzato`, initials `RL`, given `Roberto Luigi`; `Roberto L. Cazzato`,
    `R. L. Cazzato` (initials only: no given name), `Jean-Pierre Steib` (JP);
    the family name is the last word, or starts at a particle after the given
    names (`Thomas Le Corroller`, `Pierre de Marini`);
  - an organisation: text with one of ORGANIZATION_WORDS (Group, Society,
    Committee, Panel, Consortium, Association, Network, Collaboration, College,
    Institute, Working, Investigators, ...): `ESR Working Group`. Vancouver
    names before it joined by `and` are persons (`Kastler A and the European
    Society of ...`). An organisation with a topic (`Expert Panels on X, Y,
    and Z`) keeps the comma-separated parts after it, up to the next
    organisation or Vancouver name.
Text that fits no form (`Cazzato`, `Cazzato, Roberto Luigi`, an affiliation
line, a name with a footnote mark, a personal name inside an organisation name)
is never typed as a person or an organisation: the whole `;`-separated part is
kept as a `FlaggedAuthor` (text, line, position, problem) in
`Article.author_problems`; `et al.` is flagged the same way, the names before
it are read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from mskio.errors import ParseError
from mskio.records import (Agent, Article, FlaggedAuthor, Located, Organization, Person, Publisher, Reference,
                           SourceFile)

NOISE = frozenset({"Subscribe to RSS", "-"})
"""Whole lines of page furniture that carry no data."""

HEADINGS = frozenset({"Authors", "Abstract", "Publication History", "References"})

MONTHS = {
    name: number
    for number, name in enumerate(
        ["January", "February", "March", "April", "May", "June", "July",
         "August", "September", "October", "November", "December"],
        start=1,
    )
}

DOI_LINE = re.compile(r"^DOI:\s*(?P<doi>10\.\d{4,9}/\S+)\s*$")
DATE = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})$")
HISTORY_LINE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]*):\s*(?P<date>.*)$")
ENTRY = re.compile(r"^-\s+(?P<number>[0-9]+)\s+(?P<text>\S.*)$")
MAX_NUMBER_DIGITS = 6
"""An entry number longer than this is not read as a number (it cannot be the next one)."""
LINE_END = re.compile(r"\r\n|\r|\n")
"""The only line ends of a page (str.splitlines also splits at U+2028, U+2029, U+0085, \\f, \\v, \\x1c-\\x1e)."""

ORGANIZATION_WORDS = frozenset({
    "group", "groups", "society", "societies", "committee", "committees", "panel", "panels", "consortium",
    "consortia", "association", "associations", "network", "networks", "collaboration", "collaborative",
    "college", "institute", "institutes", "working", "investigators", "trialists", "council", "federation",
    "foundation", "organization", "organisation", "alliance", "taskforce", "task", "initiative", "board",
    "commission", "academy", "agency", "registry", "team",
})
"""Words that make a page author an organisation ('ESR Working Group', 'MOTION Investigators').
Affiliation words (Department, University, Hospital) are not among them: an affiliation line is
flagged, not published as an author."""
TOPIC = re.compile(r"\s(?:on|of|for|in)\s")
"""An organisation name with a topic ('Expert Panels on ...'): the comma-separated parts after it
belong to it (up to the next organisation or Vancouver name)."""
PARTICLES = frozenset({"de", "del", "della", "der", "den", "di", "da", "do", "dos", "das", "du", "van", "von",
                       "le", "la", "ter", "ten", "zu", "y"})
"""Words that start a family name printed after the given names ('Thomas Le Corroller')."""
COMMA = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?")
AND = re.compile(r"\s+(?:and|&)\s+")
WORD = re.compile(r"[^\W\d_]+")
NAME_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*$")
INITIALS_WORD = re.compile(r"^[A-Z]\.?(?:-?[A-Z]\.?){0,2}$")
ET_AL_PIECE = re.compile(r"^et\.? al\.?$")
PAGE_VANCOUVER = re.compile(
    r"^(?P<family>[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*(?: [^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*)*)"
    r" (?P<initials>[A-Z](?:\.?[ -]?[A-Z]){0,2}\.?)$"
)
"""A page author in Vancouver form: family name (one or more words), a space, 1-3 capital initials,
with or without periods ('Cazzato RL', 'Cazzato R.L.'; 'Émile ZOLA' is not one)."""

PERSON = re.compile(r"^(?P<family>[^\W\d_][^\s,;.]*(?: [^\W\d_][^\s,;.]*)*) (?P<initials>[A-Z]{1,4})$")
"""A Vancouver personal name: family name (one or more words), a space, 1-4 capital initials."""

AUTHORS_END = re.compile(r"^(?P<authors>[^.]+?)\.\s+(?P<rest>.*)$")
ET_AL = re.compile(r"^et al(?P<sep>[.;])\s*(?P<rest>.*)$")
GROUP = re.compile(r"^(?P<group>[^.]+?)\.\s+(?P<rest>.*)$")
TITLE_SOURCE = re.compile(
    r"^(?P<title>.+)\.\s+(?P<journal>[^.;]+?)\s+(?P<year>\d{4});\s*(?P<citation>.+)$"
)
CITATION = re.compile(
    r"^(?P<volume>[^\s(:;]+)(?:\s*\((?P<issue>[^)]*)\))?\s*:?\s*(?P<pages>[^\s;]+)"
    r"(?:\s*;\s*(?P<extra>.+))?$"
)
PAGE_RANGE = re.compile(r"^(?P<start>[A-Za-z]?\d+)-(?P<end>[A-Za-z]?\d+)$")
LOCATOR = re.compile(r"^[A-Za-z]?\d+$")


@dataclass(frozen=True)
class _Line:
    number: int
    text: str


def read_source(path: Path) -> tuple[str, SourceFile]:
    """Read `path` as UTF-8 text; raise ParseError for empty, binary or non-UTF-8 files."""
    data, source = read_source_bytes(path)
    return decode_source(data, path), source


def read_source_bytes(path: Path) -> tuple[bytes, SourceFile]:
    """Read `path`'s bytes (for formats that declare their own encoding, such as XML); raise
    ParseError for unreadable or empty files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    if not data.strip():
        raise ParseError("empty file: expected an article page", path=path, line=1)
    return data, SourceFile(path=path, sha256=hashlib.sha256(data).hexdigest())


def decode_source(data: bytes, path: Path) -> str:
    """`data` as UTF-8 text; raise ParseError for binary (NUL byte) or non-UTF-8 data."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ParseError("binary file (NUL byte): expected UTF-8 text", path=path, line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", path=path, line=line
        ) from None
    return text


def parse_file(path: Path) -> Article:
    """Read and parse one article page file."""
    text, source = read_source(path)
    return parse_page(text, source)


def parse_page(text: str, source: SourceFile) -> Article:
    """Parse the text of an article page into an `Article` with its references."""
    path = source.path
    lines = [_Line(i, raw.strip()) for i, raw in enumerate(split_lines(text.lstrip("\ufeff")), start=1)]
    content = [ln for ln in lines if ln.text and ln.text not in NOISE]
    if not content:
        raise ParseError("no content: expected an article page", path=path, line=1)

    doi_line = next((ln for ln in content if DOI_LINE.match(ln.text)), None)
    if doi_line is None:
        raise ParseError("no 'DOI: 10.xxxx/...' line", path=path, line=1)
    doi = _match(DOI_LINE, doi_line.text).group("doi")

    sections = _sections(content, path)
    if "References" not in sections:
        raise ParseError("no 'References' section", path=path, line=content[-1].number)
    _no_entries_outside(content, sections["References"], path)

    front = [ln for ln in content if ln.number > doi_line.number and ln.number < _first_heading_line(content)]
    if not front:
        raise ParseError("no title after the DOI line", path=path, line=doi_line.number)
    title = Located(" ".join(ln.text for ln in front), front[0].number)

    abstract_lines = sections["Abstract"].lines if "Abstract" in sections else []
    abstract = (
        Located(" ".join(ln.text for ln in abstract_lines), abstract_lines[0].number) if abstract_lines else None
    )
    history, rights, publisher = _history_and_publisher(
        sections["Publication History"].lines if "Publication History" in sections else [], path
    )
    authors, author_problems = page_authors(sections["Authors"].lines if "Authors" in sections else [])
    references = _references(sections["References"], path)

    return Article(
        source=source,
        doi=doi,
        title=title,
        abstract=abstract,
        received=history.get("received"),
        accepted=history.get("accepted"),
        published_online=history.get("published online"),
        publisher=publisher,
        rights=rights,
        authors=authors,
        author_problems=author_problems,
        references=references,
    )


def _match(pattern: re.Pattern[str], text: str) -> re.Match[str]:
    found = pattern.match(text)
    assert found is not None
    return found


def _first_heading_line(content: list[_Line]) -> int:
    return next((ln.number for ln in content if ln.text in HEADINGS), content[-1].number + 1)


def split_lines(text: str) -> list[str]:
    """`text` cut at its line ends: only \\n, \\r\\n and \\r (a final line end ends the last line)."""
    if not text:
        return []
    lines = LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True)
class _Section:
    heading: _Line
    lines: list[_Line]


def _sections(content: list[_Line], path: Path) -> dict[str, _Section]:
    """Split the page at its headings; each heading maps to the lines up to the next one.

    A heading printed a second time, or any heading after `References` (the list runs to the end
    of the page), is a ParseError: reading on would silently move lines to another section."""
    sections: dict[str, _Section] = {}
    current: _Section | None = None
    for ln in content:
        if ln.text in HEADINGS:
            if "References" in sections and ln.text != "References":
                begins = sections["References"].heading.number
                raise ParseError(
                    f"heading {ln.text!r} inside the reference list (the 'References' heading is on line "
                    f"{begins}): the list runs to the end of the page, so the entries after it would be lost",
                    path=path, line=ln.number,
                )
            if ln.text in sections:
                first = sections[ln.text].heading.number
                raise ParseError(
                    f"heading {ln.text!r} a second time (first on line {first}): each section is printed once",
                    path=path, line=ln.number,
                )
            current = sections[ln.text] = _Section(ln, [])
        elif current is not None:
            current.lines.append(ln)
    return sections


def _no_entries_outside(content: list[_Line], references: _Section, path: Path) -> None:
    """A numbered entry line (`- 12 ...`) anywhere but in the reference list is a ParseError (it would be
    read as title, abstract or publisher text, and the entry lost)."""
    inside = {ln.number for ln in references.lines}
    for ln in content:
        if ln.number not in inside and ENTRY.match(ln.text):
            raise ParseError(
                f"numbered entry {ln.text[:40]!r} outside the reference list (the 'References' heading is on "
                f"line {references.heading.number})",
                path=path, line=ln.number,
            )


@dataclass(frozen=True)
class _Unread:
    text: str
    problem: str


def page_authors(block: list[_Line]) -> tuple[tuple[Agent, ...], tuple[FlaggedAuthor, ...]]:
    """The `Authors` block: the recognised authors in printed order, and the author text that fits
    no form (each with its line, its position among the authors and what did not fit)."""
    authors: list[Agent] = []
    flagged: list[FlaggedAuthor] = []
    for ln in block:
        for segment in ln.text.split(";"):
            if not segment.strip():
                continue
            for item in _author_segment(" ".join(segment.split())):
                if isinstance(item, _Unread):
                    flagged.append(FlaggedAuthor(item.text, ln.number, len(authors), item.problem))
                else:
                    authors.append(item)
    return tuple(authors), tuple(flagged)


def _author_segment(text: str) -> list[Agent | _Unread]:
    """One ';'-separated part of an author line: persons and organisations separated by commas (and
    'and' / '&'); when a part fits no form, or could be a person inside an organisation name, the
    whole text unread."""
    pieces = _spans(COMMA, text, 0, len(text))
    items: list[Agent | _Unread] = []
    i = 0
    while i < len(pieces):
        piece = text[pieces[i][0] : pieces[i][1]]
        if ET_AL_PIECE.match(piece):
            items.append(_Unread(piece, "'et al.': the page names only some of the authors"))
            i += 1
            continue
        if not _is_organization(piece):
            for part in AND.split(piece):
                person = _vancouver(part) or _given_first(part)
                if person is None:
                    return [_Unread(text, f"{part!r} fits no author form (Family AB; Given Names Family; an "
                                          "organisation name with a word such as Group, Society or Committee)")]
                items.append(person)
            i += 1
            continue
        # An organisation, perhaps after Vancouver names joined by 'and': 'Kastler A and the ... Society'.
        parts = _spans(AND, text, *pieces[i])
        first = 0
        while first < len(parts) and (person := _vancouver(text[parts[first][0] : parts[first][1]])) is not None:
            items.append(person)
            first += 1
        if first == len(parts):  # every part a Vancouver name (defensive: their family names have no such word)
            i += 1
            continue
        named = [text[s:e] for s, e in parts[first:] if _vancouver(text[s:e]) is not None]
        if named:
            return [_Unread(text, f"a personal name {named[0]!r} inside the organisation name {piece!r}")]
        for s, e in parts[first:]:
            part = text[s:e]
            if _is_organization(part):
                break
            if _given_first(part) is not None:
                return [_Unread(text, f"{part!r} may be a person or part of the organisation name {piece!r}")]
        j = i + 1
        if TOPIC.search(piece):  # 'Expert Panels on A, B, and C': the pieces after it belong to it
            while j < len(pieces) and not _ends_topic(text[pieces[j][0] : pieces[j][1]]):
                j += 1
        items.append(Organization(text[parts[first][0] : pieces[j - 1][1]]))
        i = j
    return items


def _ends_topic(piece: str) -> bool:
    """Whether a comma-separated piece after an organisation with a topic is no part of its name."""
    return _is_organization(piece) or _vancouver(piece) is not None or bool(ET_AL_PIECE.match(piece))


def _spans(separator: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each non-blank piece of text[start:end] between `separator`s."""
    spans: list[tuple[int, int]] = []
    for sep in separator.finditer(text, start, end):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_organization(text: str) -> bool:
    return any(word.lower() in ORGANIZATION_WORDS for word in WORD.findall(text))


def _vancouver(text: str) -> Person | None:
    """'Cazzato RL', 'Le Corroller T', 'Cazzato R.L.' -> Person; else None."""
    found = PAGE_VANCOUVER.match(text.strip())
    if not found or _is_organization(found.group("family")):
        return None
    return Person(found.group("family"), re.sub(r"[^A-Z]", "", found.group("initials")))


def _given_first(text: str) -> Person | None:
    """'Roberto Luigi Cazzato', 'Roberto L. Cazzato', 'R. L. Cazzato', 'Thomas Le Corroller' -> Person;
    else None. The family name is the last word, or starts at a particle (de, van, Le ...)."""
    words = text.split()
    if words and not INITIALS_WORD.match(words[-1]):
        words[-1] = words[-1].rstrip(".")  # 'Roberto Luigi Cazzato.' at the end of a line
    if len(words) < 2:
        return None
    cut = next((k for k in range(1, len(words) - 1) if _is_particle(words[k])), len(words) - 1)
    given, family = words[:cut], words[cut:]
    if not all(INITIALS_WORD.match(w) or _is_name_word(w) for w in given):
        return None
    if not _is_name_word(family[-1]) or INITIALS_WORD.match(family[-1]):
        return None
    if not all(_is_particle(w) or _is_name_word(w) for w in family[:-1]):
        return None
    initials = "".join(
        re.sub(r"[^A-Z]", "", w) if INITIALS_WORD.match(w) else "".join(part[0].upper() for part in w.split("-"))
        for w in given
    )
    named = any(not INITIALS_WORD.match(w) for w in given)
    return Person(" ".join(family), initials, given=" ".join(given) if named else None)


def _is_name_word(word: str) -> bool:
    return bool(NAME_WORD.match(word)) and word[0].isupper()


def _is_particle(word: str) -> bool:
    return word.lower() in PARTICLES and (word.islower() or word.istitle())


def parse_date(text: str, *, path: Path, line: int) -> dt.date:
    """Parse a date printed as '11 July 2025'."""
    found = DATE.match(text.strip())
    if not found or found.group("month") not in MONTHS:
        raise ParseError(f"date not in the form '11 July 2025': {text.strip()!r}", path=path, line=line)
    try:
        return dt.date(int(found.group("year")), MONTHS[found.group("month")], int(found.group("day")))
    except ValueError as exc:
        raise ParseError(f"impossible date {text.strip()!r}: {exc}", path=path, line=line) from None


def _history_and_publisher(
    block: list[_Line], path: Path
) -> tuple[dict[str, dt.date], str | None, Publisher | None]:
    """Read 'Label: date' lines (the date may be on the next line), then the rights line and publisher."""
    history: dict[str, dt.date] = {}
    rights: str | None = None
    publisher_lines: list[_Line] = []
    pending: _Line | None = None
    for ln in block:
        if rights is not None:
            publisher_lines.append(ln)
            continue
        if ln.text.startswith("©") or ln.text.lower().startswith("copyright"):
            rights = ln.text
            continue
        if pending is not None:
            label = _match(HISTORY_LINE, pending.text).group("label").lower()
            history[_history_key(label)] = parse_date(ln.text, path=path, line=ln.number)
            pending = None
            continue
        found = HISTORY_LINE.match(ln.text)
        if not found:
            raise ParseError(f"unexpected line in 'Publication History': {ln.text!r}", path=path, line=ln.number)
        if found.group("date").strip():
            history[_history_key(found.group("label").lower())] = parse_date(
                found.group("date"), path=path, line=ln.number
            )
        else:
            pending = ln
    if pending is not None:
        raise ParseError(f"no date after {pending.text!r}", path=path, line=pending.number)
    publisher = None
    if publisher_lines:
        address = ", ".join(ln.text for ln in publisher_lines[1:]) or None
        publisher = Publisher(publisher_lines[0].text, address)
    return history, rights, publisher


def _history_key(label: str) -> str:
    """'Article published online' -> 'published online'; 'Received' -> 'received'."""
    return "published online" if "published" in label else label.strip()


def _references(section: _Section, path: Path) -> tuple[Reference, ...]:
    block = section.lines
    if not block:
        raise ParseError("'References' section has no entries", path=path, line=section.heading.number)
    references: list[Reference] = []
    seen: dict[int, int] = {}
    for ln in block:
        found = ENTRY.match(ln.text)
        if not found:
            raise ParseError(
                f"reference line does not start with '- <number> ': {ln.text[:60]!r}", path=path, line=ln.number
            )
        expected = len(references) + 1
        digits = found.group("number")
        if len(digits) > MAX_NUMBER_DIGITS:
            raise ParseError(
                f"reference number {digits[:12]}... ({len(digits)} digits) where {expected} was expected",
                path=path, line=ln.number,
            )
        number = int(digits)
        if number in seen:
            raise ParseError(
                f"duplicate reference number {number} (first on line {seen[number]})", path=path, line=ln.number
            )
        if number != expected:
            raise ParseError(f"reference number {number} where {expected} was expected", path=path, line=ln.number)
        seen[number] = ln.number
        references.append(parse_reference(number, found.group("text"), line=ln.number))
    return tuple(references)


def parse_reference(number: int, raw: str, *, line: int) -> Reference:
    """Parse one Vancouver-style entry; unreadable parts become `problems`, never exceptions."""
    problems: list[str] = []
    authors: list[Agent] = []
    truncated = False
    rest = raw

    head = AUTHORS_END.match(raw)
    people, group = _split_people(head.group("authors")) if head else ([], None)
    if head and people is not None:
        authors.extend(people)
        rest = head.group("rest")
        etal = ET_AL.match(rest)
        if etal:
            truncated = True
            rest = etal.group("rest")
            if etal.group("sep") == ";":
                grp = GROUP.match(rest)
                if grp:
                    group = grp.group("group").strip()
                    rest = grp.group("rest")
                else:
                    problems.append("group author after 'et al;' not terminated by '.'")
        if group:
            authors.append(Organization(group))
    else:
        problems.append("author list not recognised (expected 'Family AB, Family C.')")

    fields: dict[str, str | None] = {}
    source = TITLE_SOURCE.match(rest)
    if source:
        fields["title"] = source.group("title").strip()
        fields["journal"] = source.group("journal").strip()
        fields["year"] = source.group("year")
        citation = CITATION.match(source.group("citation").strip())
        if citation:
            fields["volume"] = citation.group("volume")
            fields["issue"] = citation.group("issue")
            fields["extra_pages"] = citation.group("extra")
            fields.update(_pages(citation.group("pages"), problems))
        else:
            problems.append(f"volume/issue/pages not recognised in {source.group('citation')!r}")
    else:
        problems.append("title / journal / year not recognised (expected 'Title. Journal YYYY; ...')")

    return Reference(
        number=number,
        raw=raw,
        line=line,
        authors=tuple(authors),
        truncated=truncated,
        problems=tuple(problems),
        title=fields.get("title"),
        journal=fields.get("journal"),
        year=fields.get("year"),
        volume=fields.get("volume"),
        issue=fields.get("issue"),
        pages=fields.get("pages"),
        page_start=fields.get("page_start"),
        page_end=fields.get("page_end"),
        locator=fields.get("locator"),
        extra_pages=fields.get("extra_pages"),
    )


def _split_people(text: str) -> tuple[list[Person] | None, str | None]:
    """'Callstrom MR, Kurup AN' -> persons; a '; Group' tail is a group author. None if any name fails."""
    names, _, group = text.partition(";")
    people: list[Person] = []
    for piece in names.split(","):
        found = PERSON.match(piece.strip())
        if not found:
            return None, None
        people.append(Person(found.group("family"), found.group("initials")))
    return people, (group.strip() or None)


def _pages(token: str, problems: list[str]) -> dict[str, str | None]:
    """A page range '835-839' / 'S347-S364', or a single locator ('e2431490', article number '45')."""
    rng = PAGE_RANGE.match(token)
    if rng:
        return {"pages": token, "page_start": rng.group("start"), "page_end": _full_end(rng.group("start"), rng.group("end"))}
    if LOCATOR.match(token):
        return {"locator": token}
    problems.append(f"pages not recognised: {token!r}")
    return {"pages": token}


def _full_end(start: str, end: str) -> str:
    """Expand an abbreviated Vancouver end page ('835-9' -> '839'); leave full ones as printed."""
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        return start[: len(start) - len(end)] + end
    return end
