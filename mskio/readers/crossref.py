"""Crossref REST API work JSON -> `Article`s with their references.

Accepts a `/works/{doi}` response ({"message-type": "work", "message": {...}}), a `/works`
response ({"message-type": "work-list", "message": {"items": [...]}}), a JSON list of either, or a
bare work object. Reads title[0], DOI, author (given, family, ORCID, affiliation[].name; `name`
for organisations), container-title, short-container-title, ISSN, publisher, issued /
published-online date-parts (a year or a year-month stays that: `Article.issued`, never a made-up
day), license[].URL, volume, issue, page, abstract, and reference[].

A reference's raw text is its `unstructured` string where Crossref has one (raw_kind
'unstructured'), else a rendering of its fields ('rendered'; a reference with only a DOI renders
as 'doi:10.x/y'). Crossref's `author` of a reference is one free-text string naming the FIRST
author only ('AF Arnsten'): it becomes one Person with truncated=True (the others are not given),
or a problem when it cannot be read as a name -- never a silent Organization. A reference with only
`unstructured` is read by the page parser's Vancouver rules.

JSON has no line numbers: each reference gets `origin` ('message.reference[12]', a 0-based JSON
path) and the line where that object starts in the file, found by `value_lines`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from mskio.errors import ParseError
from mskio.parse import parse_reference
from mskio.readers.citation import (
    Fields,
    bare_doi,
    bare_orcid,
    make_reference,
    person,
    person_from_text,
    plain,
    squash,
    year_of,
)
from mskio.records import Agent, Article, Journal, Located, Organization, Publisher, Reference, SourceFile

STRUCTURED_KEYS = ("article-title", "journal-title", "author", "year", "volume", "issue", "first-page",
                   "volume-title", "series-title")
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def read_crossref(document: Any, source: SourceFile, *, text: str) -> tuple[Article, ...]:
    """The works of a decoded Crossref JSON document (`text` is the file's text, for line numbers)."""
    lines = value_lines(text)
    return tuple(_article(work, path, source, lines) for work, path in _works(document, source, lines))


# -- where things are ---------------------------------------------------------------------


def sub(path: str, key: str | int) -> str:
    """The JSON path of a member ('message' + 'title' -> 'message.title') or item ('[3]')."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _where(path: str) -> str:
    return path or "the top level"


@dataclass
class _Frame:
    path: str
    is_object: bool
    key: str | None = None
    index: int = 0
    expect_key: bool = field(default=True)


def value_lines(text: str) -> dict[str, int]:
    """The line on which each value of a JSON text starts, by JSON path ('' for the top level,
    'message.reference[12]'). `text` must be valid JSON (json.loads checked it)."""
    lines: dict[str, int] = {}
    stack: list[_Frame] = []
    line, pos = 1, 0
    for match in TOKEN.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        token = match.group()
        top = stack[-1] if stack else None
        if top is not None and top.is_object and top.expect_key and token.startswith('"'):
            top.key, top.expect_key = json.loads(token), False
            continue
        if token == ":":
            continue
        if token == ",":
            if top is not None:
                top.expect_key = top.is_object
                top.index += not top.is_object
            continue
        if token in "}]":
            stack.pop()
            continue
        if top is None:
            path = ""
        elif top.is_object:
            path = sub(top.path, top.key or "")
        else:
            path = sub(top.path, top.index)
        lines.setdefault(path, line)
        if token in "{[":
            stack.append(_Frame(path, is_object=token == "{"))
    return lines


# -- which objects are works --------------------------------------------------------------


def _is_bare_work(value: Any) -> bool:
    return isinstance(value, dict) and "message-type" not in value and "DOI" in value and (
        "title" in value or "type" in value
    )


def _works(document: Any, source: SourceFile, lines: dict[str, int]) -> Iterator[tuple[dict[str, Any], str]]:
    def fail(message: str, path: str) -> ParseError:
        return ParseError(f"{_where(path)}: {message}", path=source.path, line=lines.get(path, 1))

    def from_message(value: dict[str, Any], path: str) -> Iterator[tuple[dict[str, Any], str]]:
        kind = value.get("message-type")
        message = value.get("message")
        if kind == "work":
            if not isinstance(message, dict):
                raise fail('"message" is not a JSON object', sub(path, "message"))
            yield message, sub(path, "message")
        elif kind == "work-list":
            items = message.get("items") if isinstance(message, dict) else None
            if not isinstance(items, list):
                raise fail('a "work-list" without a "message.items" list', path)
            for i, item in enumerate(items):
                item_path = sub(sub(sub(path, "message"), "items"), i)
                if not isinstance(item, dict):
                    raise fail("not a Crossref work (not a JSON object)", item_path)
                yield item, item_path
        else:
            raise fail(f'"message-type" is {kind!r}, not a Crossref "work" or "work-list"', path)

    if isinstance(document, dict) and "message-type" in document:
        yield from from_message(document, "")
    elif _is_bare_work(document):
        yield document, ""
    elif isinstance(document, list):
        if not document:
            raise fail("an empty JSON list: expected Crossref works", "")
        for i, item in enumerate(document):
            if isinstance(item, dict) and "message-type" in item:
                yield from from_message(item, sub("", i))
            elif _is_bare_work(item):
                yield item, sub("", i)
            else:
                raise fail('not a Crossref work (no "message-type": "work", no "DOI")', sub("", i))
    else:
        raise fail('not a Crossref work (no "message-type": "work", no "DOI")', "")


# -- values -------------------------------------------------------------------------------


def _str(value: Any) -> str | None:
    """A JSON string (or number) as text; the first non-empty string of a list (Crossref puts
    titles in lists); None otherwise."""
    if isinstance(value, list):
        return next((s for s in (_str(v) for v in value) if s), None)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return squash(str(value))
    return None


def _date_parts(value: Any) -> tuple[int, ...]:
    """{"date-parts": [[2012, 3, 21]]} -> (2012, 3, 21); [[2012]] -> (2012,); else ()."""
    parts = value.get("date-parts") if isinstance(value, dict) else None
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    out: list[int] = []
    for p in first[:3]:
        if isinstance(p, bool) or not isinstance(p, (int, str)) or not str(p).isdigit():
            break
        out.append(int(p))
    if len(out) >= 2 and not 1 <= out[1] <= 12:
        out = out[:1]
    if len(out) == 3:
        try:
            dt.date(*out)
        except ValueError:
            out = out[:2]
    return tuple(out)


def _iso(parts: tuple[int, ...]) -> str | None:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts)) or None


def _full(parts: tuple[int, ...]) -> dt.date | None:
    return dt.date(*parts) if len(parts) == 3 else None


# -- the work -----------------------------------------------------------------------------


def _article(work: dict[str, Any], path: str, source: SourceFile, lines: dict[str, int]) -> Article:
    def line(p: str) -> int:
        return lines.get(p) or lines.get(path) or 1

    doi = bare_doi(_str(work.get("DOI")))
    if doi is None:
        raise ParseError(f"{sub(path, 'DOI')}: no DOI", path=source.path, line=line(path))
    title = plain(_str(work.get("title")))
    if title is None:
        raise ParseError(f"{sub(path, 'title')}: no title", path=source.path, line=line(sub(path, "title")))
    abstract = abstract_text(_str(work.get("abstract")))
    publisher = _str(work.get("publisher"))
    issued = _date_parts(work.get("issued")) or _date_parts(work.get("published"))
    online = _date_parts(work.get("published-online"))
    assertions = {
        _str(a.get("name")): _str(a.get("value"))
        for a in work.get("assertion", []) if isinstance(a, dict)
    } if isinstance(work.get("assertion"), list) else {}
    references = work.get("reference")
    ref_path = sub(path, "reference")
    return Article(
        source=source,
        doi=doi,
        article_type=work.get("type") if isinstance(work.get("type"), str) else None,
        title=Located(title, line(sub(path, "title"))),
        abstract=Located(abstract, line(sub(path, "abstract"))) if abstract else None,
        received=_iso_date(assertions.get("received")),
        accepted=_iso_date(assertions.get("accepted")),
        published_online=_full(online) or _full(issued),
        issued=_iso(issued),
        publisher=Publisher(publisher) if publisher else None,
        authors=_authors(work.get("author")),
        references=tuple(
            _reference(i + 1, item, sub(ref_path, i), lines) for i, item in enumerate(references)
        ) if isinstance(references, list) else (),
        journal=_journal(work, publisher),
        volume=_str(work.get("volume")),
        issue=_str(work.get("issue")),
        pages=_str(work.get("page")),
        license=_license(work.get("license")),
    )


JATS_BLOCK = re.compile(r"</?(?:jats:)?(?:p|sec|title|list|list-item|label)\b[^>]*>")
JATS_SECTION_TITLE = re.compile(r"<(?:jats:)?title\b[^>]*>(.*?)</(?:jats:)?title>", re.DOTALL)


def abstract_text(value: str | None) -> str | None:
    """Crossref's abstract (a JATS fragment: '<jats:title>Abstract</jats:title><jats:p>...') as
    text: a leading 'Abstract' heading dropped, other section titles as 'Title:', paragraphs
    separated by a space, inline tags removed, entities unescaped."""
    if value is None:
        return None
    text = re.sub(r"^\s*<(?:jats:)?title\b[^>]*>\s*Abstract\s*</(?:jats:)?title>", "", value, flags=re.IGNORECASE)
    text = JATS_SECTION_TITLE.sub(lambda m: f" {m.group(1).strip()}: ", text)
    return plain(JATS_BLOCK.sub(" ", text))


def _iso_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _journal(work: dict[str, Any], publisher: str | None) -> Journal | None:
    title = plain(_str(work.get("container-title")))
    short = plain(_str(work.get("short-container-title")))
    issns = work.get("ISSN")
    issn_list = tuple(s for s in (_str(i) for i in issns) if s) if isinstance(issns, list) else ()
    if not (title or short or issn_list):
        return None
    return Journal(title=title, iso_abbreviation=short, issns=issn_list, publisher=publisher)


def _license(value: Any) -> str | None:
    """The URL of the version-of-record licence ('vor'), else of the first licence."""
    if not isinstance(value, list):
        return None
    licences = [v for v in value if isinstance(v, dict) and _str(v.get("URL"))]
    chosen = next((v for v in licences if v.get("content-version") == "vor"), licences[0] if licences else None)
    return _str(chosen.get("URL")) if chosen else None


def _authors(value: Any) -> tuple[Agent, ...]:
    """author[]: a person (family, given, ORCID URL -> bare iD, affiliation[].name) or, with only
    `name`, an organisation."""
    if not isinstance(value, list):
        return ()
    agents: list[Agent] = []
    for item in value:
        if not isinstance(item, dict):
            continue
        family = plain(_str(item.get("family")))
        if family:
            affiliations = tuple(
                a for a in (_str(x.get("name")) for x in item.get("affiliation", []) if isinstance(x, dict)) if a
            ) if isinstance(item.get("affiliation"), list) else ()
            agents.append(person(family, plain(_str(item.get("given"))), orcid=bare_orcid(_str(item.get("ORCID"))),
                                 affiliations=affiliations))
        elif _str(item.get("name")):
            agents.append(Organization(plain(_str(item.get("name"))) or ""))
    return tuple(agents)


# -- references ---------------------------------------------------------------------------


def _reference(number: int, item: Any, origin: str, lines: dict[str, int]) -> Reference:
    line = lines.get(origin)
    if not isinstance(item, dict):
        return Reference(number=number, raw=json.dumps(item, ensure_ascii=False), line=line, origin=origin,
                         raw_kind="unstructured", problems=("not a JSON object",))
    key = _str(item.get("key"))
    given_doi = _str(item.get("DOI"))
    doi = bare_doi(given_doi)
    problems: list[str] = []
    if given_doi and doi is None:
        problems.append(f"DOI not read: {given_doi!r}")
    unstructured = plain(_str(item.get("unstructured")))
    asserted = _str(item.get("doi-asserted-by"))
    if unstructured and not any(k in item for k in STRUCTURED_KEYS):
        found = parse_reference(number, unstructured, line=line or 1)
        return replace(found, line=line, key=key, origin=origin, raw_kind="unstructured", doi=doi,
                       doi_asserted_by=asserted, problems=(*problems, *found.problems))
    authors: tuple[Agent, ...] = ()
    author = _str(item.get("author"))
    if author:
        first = person_from_text(plain(author) or "")
        if first is None:
            problems.append(f"first author not read as a name: {author!r}")
        else:
            authors = (first,)
    fields = Fields(
        authors=authors,
        truncated=bool(authors),
        title=plain(_str(item.get("article-title"))),
        journal=plain(_str(item.get("journal-title"))),
        container_title=plain(_str(item.get("volume-title")) or _str(item.get("series-title"))),
        year=year_of(_str(item.get("year")), problems),
        volume=_str(item.get("volume")),
        issue=_str(item.get("issue")),
        first_page=_str(item.get("first-page")),
        doi=doi,
        doi_asserted_by=asserted,
    )
    return make_reference(number, fields, raw=unstructured, raw_kind="unstructured", line=line, key=key,
                          origin=origin, problems=tuple(problems), et_al=False)
