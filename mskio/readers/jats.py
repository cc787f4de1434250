"""JATS XML (PMC .nxml; NLM 2.x/3.x and JATS 1.x) -> an `Article` with its references.

Reads <front>/<article-meta> (title, DOI, PMID, PMCID, contributors with ORCID and affiliations,
journal, dates, abstract, permissions, volume/issue/pages, keywords) and every <ref> of the
article's <ref-list>s, in document order, whichever citation element it holds:
<element-citation>, <mixed-citation> (tagged with punctuation, tagged without any -- BioMed
Central's style -- or free text), NLM 2.x <citation> and <nlm-citation>. A <ref> that cannot be
read keeps its text and says what is missing in `problems`: references in = references out.

Raw text (c4o:hasContent): the mixed citation's own text, whitespace normalised, where it prints
punctuation between the fields (raw_kind 'mixed-citation'); otherwise a Vancouver rendering of the
fields ('rendered'). Free-text citations are read by the page parser's Vancouver rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import replace

from lxml import etree

from mskio.errors import ParseError
from mskio.parse import parse_reference
from mskio.readers.citation import (
    Fields,
    bare_doi,
    bare_orcid,
    make_reference,
    person,
    person_from_text,
    pmc_id,
    squash,
    year_of,
)
from mskio.readers.xml import line_of, local_name, text_of
from mskio.records import Agent, Article, Journal, Located, Organization, Publisher, Reference, SourceFile

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ALI_LICENSE_REF = "{http://www.niso.org/schemas/ali/1.0/}license_ref"

CITATION_TAGS = ("element-citation", "mixed-citation", "citation", "nlm-citation")
STRUCTURED_TAGS = frozenset(
    {"name", "string-name", "person-group", "collab", "article-title", "chapter-title", "source", "year",
     "volume", "issue", "fpage", "lpage", "elocation-id", "pub-id", "part-title", "data-title"}
)
"""Children that make a mixed citation 'structured' (its fields are tagged)."""

EDITOR_GROUPS = frozenset({"editor", "guest-editor"})
AUTHOR_GROUPS = frozenset({"author", "allauthors"})
PUB_DATE_ORDER = ("epub", "ppub", "collection")
"""Which <pub-date> counts as the publication date, most wanted first."""

MONTH_NAMES = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def read_jats(root: etree._Element, source: SourceFile) -> Article:
    """The Article of a JATS <article> root element."""
    path = source.path
    meta = root.find("front/article-meta")
    if meta is None:
        raise ParseError("JATS <article> without <front>/<article-meta>", path=path, line=line_of(root))
    ids = {(el.get("pub-id-type") or "").lower(): squash(text_of(el)) for el in meta.findall("article-id")}
    doi = bare_doi(ids.get("doi"))
    if doi is None:
        raise ParseError('no article DOI (<article-id pub-id-type="doi">)', path=path, line=line_of(meta))
    title_el = meta.find("title-group/article-title")
    title = squash(text_of(title_el)) if title_el is not None else None
    if title_el is None or title is None:
        raise ParseError("no article title (<title-group>/<article-title>)", path=path, line=line_of(meta))

    dates = _pub_dates(meta)
    history = {(d.get("date-type") or ""): _date(d) for d in meta.findall("history/date")}
    journal_meta = root.find("front/journal-meta")
    first_page, last_page = _text(meta, "fpage"), _text(meta, "lpage")
    pages = first_page if not last_page or last_page == first_page else f"{first_page}-{last_page}"
    return Article(
        source=source,
        doi=doi,
        article_type=root.get("article-type"),
        title=Located(title, _line(title_el)),
        abstract=_abstract(meta),
        received=_full(history.get("received")),
        accepted=_full(history.get("accepted")),
        published_online=_published_online(dates),
        issued=_issued(dates),
        publisher=_publisher(journal_meta),
        rights=_text(meta, "permissions/copyright-statement") or _text(meta, "copyright-statement"),
        authors=_contributors(root, meta),
        references=_references(root),
        journal=_journal(journal_meta),
        volume=_text(meta, "volume"),
        issue=_text(meta, "issue"),
        pages=pages or _text(meta, "elocation-id"),
        pmid=ids.get("pmid"),
        pmcid=pmc_id(ids.get("pmcid") or ids.get("pmc")),
        license=_license(meta),
        keywords=tuple(k for k in (squash(text_of(el)) for el in meta.iterfind("kwd-group/kwd")) if k),
    )


def _text(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    return squash(text_of(found)) if found is not None else None


def _line(element: etree._Element) -> int:
    return line_of(element) or 1


# -- article metadata ----------------------------------------------------------------------


def _journal(journal_meta: etree._Element | None) -> Journal | None:
    """journal-title; the abbreviation: <abbrev-journal-title>, else <journal-id
    journal-id-type="nlm-ta"> (the NLM title abbreviation, the form PubMed's ISOAbbreviation and
    Vancouver references print: 'Environ Health Perspect'), else journal-id "iso-abbrev"
    ('Environ. Health Perspect'); every <issn>; the publisher's name."""
    if journal_meta is None:
        return None
    abbrevs = {(el.get("abbrev-type") or ""): squash(text_of(el)) for el in journal_meta.iter("abbrev-journal-title")}
    ids = {(el.get("journal-id-type") or ""): squash(text_of(el)) for el in journal_meta.findall("journal-id")}
    iso = abbrevs.get("iso-abbrev") or abbrevs.get("iso") or next((v for v in abbrevs.values() if v), None)
    title = next((squash(text_of(el)) for el in journal_meta.iter("journal-title")), None)
    issns = tuple(i for i in (squash(text_of(el)) for el in journal_meta.findall("issn")) if i)
    return Journal(
        title=title,
        iso_abbreviation=iso or ids.get("nlm-ta") or ids.get("iso-abbrev"),
        issns=issns,
        publisher=_text(journal_meta, "publisher/publisher-name"),
    )


def _publisher(journal_meta: etree._Element | None) -> Publisher | None:
    name = _text(journal_meta, "publisher/publisher-name")
    return Publisher(name, _text(journal_meta, "publisher/publisher-loc")) if name else None


def _license(meta: etree._Element) -> str | None:
    """<license xlink:href>, else <ali:license_ref>, else the <license-p> text."""
    for lic in meta.iter("license"):
        href = squash(lic.get(XLINK_HREF))
        if href:
            return href
        ref = next(lic.iter(ALI_LICENSE_REF), None)
        if ref is not None and squash(text_of(ref)):
            return squash(text_of(ref))
        text = squash(" ".join(text_of(p) for p in lic.iter("license-p")))
        if text:
            return text
    ref = next(meta.iter(ALI_LICENSE_REF), None)
    return squash(text_of(ref)) if ref is not None else None


def _abstract(meta: etree._Element) -> Located | None:
    """The first abstract that is not a teaser or graphical abstract; labelled sections as
    'Label: text', joined by one space."""
    for abstract in meta.findall("abstract"):
        if (abstract.get("abstract-type") or "") in {"graphical", "teaser", "toc", "summary"}:
            continue
        text = squash(" ".join(_abstract_parts(abstract)))
        if text:
            return Located(text, _line(abstract))
    return None


def _abstract_parts(element: etree._Element) -> Iterator[str]:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "sec":
            title = squash(text_of(child.find("title")))
            body = squash(" ".join(_abstract_parts(child)))
            if title and body:
                yield f"{title}: {body}"
            elif body or title:
                yield body or title or ""
        elif name not in {"title", "label", "object-id"}:
            yield text_of(child)


def _pub_dates(meta: etree._Element) -> dict[str, tuple[int, ...]]:
    """<pub-date>s by kind ('epub', 'ppub', 'collection'): pub-type (JATS 1.0 and earlier), or
    publication-format + date-type (JATS 1.1+)."""
    dates: dict[str, tuple[int, ...]] = {}
    for el in meta.findall("pub-date"):
        kind = el.get("pub-type")
        if kind is None:
            fmt, date_type = el.get("publication-format"), el.get("date-type") or "pub"
            if date_type == "collection":
                kind = "collection"
            elif date_type == "pub":
                kind = {"electronic": "epub", "print": "ppub"}.get(fmt or "", "pub")
            else:
                kind = date_type
        parts = _date(el)
        if parts and (kind not in dates or len(parts) > len(dates[kind])):
            dates[kind] = parts
    return dates


def _date(element: etree._Element) -> tuple[int, ...]:
    """(year,), (year, month) or (year, month, day) as far as the element gives them (its <year>,
    <month>, <day>; else JATS 1.1's iso-8601-date attribute, '2024', '2024-03' or '2024-03-05')."""
    iso = element.get("iso-8601-date")
    if element.find("year") is None and iso:
        parts = tuple(int(p) for p in iso.strip().split("-")[:3] if p.isdigit())
        return _checked(parts)
    year = _number(_text(element, "year"))
    month = _month(_text(element, "month"))
    day = _number(_text(element, "day"))
    if year is None:
        return ()
    if month is None:
        return (year,)
    if day is None:
        return (year, month)
    try:
        dt.date(year, month, day)
    except ValueError:
        return (year, month)
    return (year, month, day)


def _checked(parts: tuple[int, ...]) -> tuple[int, ...]:
    """`parts` cut to what is a real date: (2024, 13) -> (2024,); (2023, 2, 30) -> (2023, 2)."""
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return parts[:2]
    return parts


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _month(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return MONTH_NAMES.get(text[:3].lower())


def _full(parts: tuple[int, ...] | None) -> dt.date | None:
    return dt.date(*parts) if parts and len(parts) == 3 else None


def _published_online(dates: dict[str, tuple[int, ...]]) -> dt.date | None:
    """The first full date among epub, ppub, collection (then any other kind)."""
    for kind in (*PUB_DATE_ORDER, *sorted(set(dates) - set(PUB_DATE_ORDER))):
        full = _full(dates.get(kind))
        if full:
            return full
    return None


def _issued(dates: dict[str, tuple[int, ...]]) -> str | None:
    """The most precise publication date, as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    ordered = [dates[k] for k in (*PUB_DATE_ORDER, *sorted(set(dates) - set(PUB_DATE_ORDER))) if k in dates]
    if not ordered:
        return None
    best = max(ordered, key=len)
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(best))


def _contributors(root: etree._Element, meta: etree._Element) -> tuple[Agent, ...]:
    """contrib-type="author" contributors (<name>, <string-name>, <collab>), with the ORCID of
    <contrib-id contrib-id-type="orcid"> and the affiliations their <xref ref-type="aff"> point to
    (or an <aff> inside the contrib)."""
    affs = {el.get("id"): squash(text_of(el, skip=frozenset({"label", "sup"}))) for el in root.iter("aff")}
    agents: list[Agent] = []
    for contrib in meta.iterfind("contrib-group/contrib"):
        if (contrib.get("contrib-type") or "author") != "author":
            continue
        orcid = next(
            (bare_orcid(text_of(el)) for el in contrib.iter("contrib-id")
             if (el.get("contrib-id-type") or "").lower() == "orcid"),
            None,
        )
        found = [affs.get(x.get("rid") or "") for x in contrib.iter("xref") if x.get("ref-type") == "aff"]
        found += [squash(text_of(el, skip=frozenset({"label", "sup"}))) for el in contrib.findall("aff")]
        affiliations = tuple(dict.fromkeys(a for a in found if a))
        agent = _contrib_agent(contrib)
        if agent is None:
            continue
        if not isinstance(agent, Organization):
            agent = replace(agent, orcid=orcid, affiliations=affiliations)
        agents.append(agent)
    return tuple(agents)


def _contrib_agent(contrib: etree._Element) -> Agent | None:
    for child in _name_children(contrib):
        agent, _ = _agent(child)
        if agent is not None:
            return agent
    return None


def _name_children(element: etree._Element) -> Iterator[etree._Element]:
    """The name-like children of a contrib or person-group: <name>, <string-name>, <collab>,
    the first name of a <name-alternatives>."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name in {"name", "string-name", "collab"}:
            yield child
        elif name == "name-alternatives":
            first = next((c for c in child if isinstance(c.tag, str) and local_name(c) in {"name", "string-name"}), None)
            if first is not None:
                yield first


def _agent(element: etree._Element) -> tuple[Agent | None, str | None]:
    """A Person or Organization from <name>, <string-name> or <collab>; else a problem."""
    tag = local_name(element)
    if tag == "collab":
        name = squash(text_of(element, skip=frozenset({"contrib-group", "xref"})))
        return (Organization(name), None) if name else (None, "empty <collab>")
    surname = _text(element, "surname")
    given_el = element.find("given-names")
    given = squash(text_of(given_el)) if given_el is not None else None
    if surname:
        own_initials = given_el.get("initials") if given_el is not None else None
        return person(surname, given, initials=own_initials), None
    if tag == "string-name":
        text = squash(text_of(element)) or ""
        found = person_from_text(text)
        return (found, None) if found else (None, f"name not read: {text!r}")
    if given:
        return None, f"name without a surname: {given!r}"
    return None, "empty <name>"


# -- references ----------------------------------------------------------------------------


def _references(root: etree._Element) -> tuple[Reference, ...]:
    """Every <ref> inside a <ref-list> of the article (nested lists included, sub-articles not),
    numbered 1..n in document order."""
    refs = [ref for ref in root.iter("ref") if _in_main_ref_list(ref)]
    return tuple(_reference(n, ref) for n, ref in enumerate(refs, start=1))


def _in_main_ref_list(ref: etree._Element) -> bool:
    in_list = False
    for ancestor in ref.iterancestors():
        if not isinstance(ancestor.tag, str):
            continue
        name = local_name(ancestor)
        if name in {"sub-article", "response"}:
            return False
        if name == "ref-list":
            in_list = True
    return in_list


def _reference(number: int, ref: etree._Element) -> Reference:
    line = line_of(ref)
    key = ref.get("id")
    citations = [el for el in ref.iter(*CITATION_TAGS)]
    if not citations:
        text = squash(text_of(ref, skip=frozenset({"label"}))) or ""
        problems = ("no citation element (<element-citation>, <mixed-citation> or <citation>)",)
        if not text:
            return Reference(
                number=number, raw="", line=line, key=key, raw_kind="mixed-citation", problems=(*problems, "empty")
            )
        found = parse_reference(number, text, line=line or 1)
        return replace(found, line=line, key=key, raw_kind="mixed-citation", problems=(*problems, *found.problems))
    structured = next((c for c in citations if local_name(c) in {"element-citation", "nlm-citation"}), None)
    if structured is None:
        structured = next((c for c in citations if _is_structured(c)), None)
    printed = next((c for c in citations if local_name(c) in {"mixed-citation", "citation"} and _is_punctuated(c)), None)
    raw = squash(text_of(printed, skip=frozenset({"label"}))) if printed is not None else None

    if structured is None:
        # free text only: read it as the page parser reads a printed Vancouver entry
        text = raw if raw is not None else squash(text_of(citations[0])) or ""
        found = parse_reference(number, text, line=line or 1)
        return replace(
            found,
            line=line,
            key=key,
            raw_kind="mixed-citation",
            publication_type=_publication_type(citations[0]),
            problems=found.problems if text else ("empty citation",),
        )
    fields, read_problems = _fields(structured)
    return make_reference(
        number, fields, raw=raw, raw_kind="mixed-citation", line=line, key=key, problems=tuple(read_problems)
    )


def _is_structured(citation: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and local_name(c) in STRUCTURED_TAGS for c in citation)


def _is_punctuated(citation: etree._Element) -> bool:
    """True when the citation prints text of its own between its tagged fields (or is free text);
    False for BioMed Central's juxtaposed fields, whose text content would run them together."""
    children = list(citation)
    has_fields = any(isinstance(c.tag, str) and local_name(c) in STRUCTURED_TAGS for c in children)
    if not has_fields:
        return bool(squash(text_of(citation)))
    # the text before and between the fields (a lone full stop after the last one does not count)
    own = [citation.text or ""] + [c.tail or "" for c in children[:-1]]
    return bool("".join(own).strip())


def _publication_type(citation: etree._Element) -> str | None:
    return squash(citation.get("publication-type") or citation.get("citation-type"))


def _fields(citation: etree._Element) -> tuple[Fields, list[str]]:
    """The tagged fields of one citation element."""
    problems: list[str] = []
    authors: list[Agent] = []
    editors: list[Agent] = []
    truncated = False
    ids: dict[str, str] = {}
    for child in citation:
        if not isinstance(child.tag, str):
            continue
        tag = local_name(child)
        if tag == "person-group":
            kind = (child.get("person-group-type") or "author").lower()
            group, group_truncated = _person_group(child, problems)
            if kind in AUTHOR_GROUPS:
                authors.extend(group)
                truncated = truncated or group_truncated
            elif kind in EDITOR_GROUPS:
                editors.extend(group)
        elif tag in {"name", "string-name", "collab", "name-alternatives"}:
            # BMC style: the authors are the citation's own name children, with no person-group
            target = child if tag != "name-alternatives" else next(_name_children_of(child), None)
            if target is None:
                continue
            agent, problem = _agent(target)
            if agent is not None:
                authors.append(agent)
            if problem:
                problems.append(problem)
        elif tag == "etal":
            truncated = True
        elif tag == "pub-id":
            kind = (child.get("pub-id-type") or "").lower()
            value = squash(text_of(child))
            if value and kind and kind not in ids:
                ids[kind] = value
        elif tag == "ext-link" and (child.get("ext-link-type") or "").lower() == "doi":
            value = squash(text_of(child)) or squash(child.get(XLINK_HREF))
            if value:
                ids.setdefault("doi", value)
    for link in citation.iter("ext-link"):  # a DOI link inside <comment>
        if (link.get("ext-link-type") or "").lower() == "doi":
            ids.setdefault("doi", squash(text_of(link)) or squash(link.get(XLINK_HREF)) or "")

    pub_type = _publication_type(citation)
    article_title = _text(citation, "article-title")
    chapter_title = _text(citation, "chapter-title")
    part_title = _text(citation, "part-title") or _text(citation, "data-title")
    source = _text(citation, "source")
    title = article_title or chapter_title or part_title
    journal: str | None = None
    container: str | None = None
    if pub_type is None or pub_type.lower() in {"journal", "article"}:
        journal = source
    elif title is None:
        title = source  # a whole book, a web page: <source> is its title
    else:
        container = source
    doi = bare_doi(ids.get("doi"))
    if ids.get("doi") and doi is None:
        problems.append(f"DOI not read: {ids['doi']!r}")
    loc, name = _text(citation, "publisher-loc"), _text(citation, "publisher-name")
    comment = squash(" ".join(x for x in (_text(citation, "comment"), _text(citation, "date-in-citation")) if x))
    fields = Fields(
        authors=tuple(authors),
        truncated=truncated,
        editors=tuple(editors),
        title=title,
        journal=journal,
        container_title=container,
        year=year_of(_text(citation, "year") or _year_of_date(citation), problems),
        volume=_text(citation, "volume"),
        issue=_text(citation, "issue"),
        first_page=_text(citation, "fpage"),
        last_page=_text(citation, "lpage"),
        elocation=_text(citation, "elocation-id"),
        doi=doi,
        pmid=ids.get("pmid"),
        pmcid=pmc_id(ids.get("pmcid") or ids.get("pmc")),
        publication_type=pub_type,
        publisher=f"{loc}: {name}" if loc and name else (name or loc),
        comment=comment,
    )
    return fields, problems


def _name_children_of(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if isinstance(child.tag, str) and local_name(child) in {"name", "string-name"}:
            yield child


def _year_of_date(citation: etree._Element) -> str | None:
    date = citation.find("date")
    return _text(date, "year") if date is not None else None


def _person_group(group: etree._Element, problems: list[str]) -> tuple[list[Agent], bool]:
    """The agents of a <person-group>: its name children, or -- when it holds only text, as BMC's
    editor groups do ('Hendrix RW,Roberts JW') -- the comma-separated Vancouver names."""
    agents: list[Agent] = []
    truncated = False
    children = [c for c in group if isinstance(c.tag, str)]
    for child in _name_children(group):
        agent, problem = _agent(child)
        if agent is not None:
            agents.append(agent)
        if problem:
            problems.append(problem)
    if any(local_name(c) == "etal" for c in children):
        truncated = True
    if not children:
        for piece in _split_names(text_of(group)):
            found = person_from_text(piece)
            if found is None:
                problems.append(f"name not read: {piece!r}")
            else:
                agents.append(found)
    return agents, truncated


def _split_names(text: str) -> Iterable[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
