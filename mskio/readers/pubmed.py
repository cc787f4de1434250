"""PubMed/MEDLINE XML (<PubmedArticleSet>, one or many <PubmedArticle>) -> one `Article` each.

Reads MedlineCitation/Article (ArticleTitle, Journal with Title, ISOAbbreviation and ISSN,
JournalIssue volume/issue/PubDate, Pagination, ELocationID, Abstract with labelled AbstractText,
AuthorList with ORCID identifiers and affiliations, PublicationTypeList, ArticleDate), the
MeshHeadingList and KeywordList, and PubmedData (History received/accepted, ArticleIdList, and the
ReferenceList where the record has one). CommentsCorrectionsList (CommentIn, ErratumIn, ...) is
links between PubMed records, not the article's reference list, and is not read as references.

A <Reference>'s raw text is its <Citation>, the reference as the article printed it (raw_kind
'printed'); its fields are read from that text by the page parser's Vancouver rules, its
identifiers from its own ArticleIdList. A Reference without a Citation is rendered from its ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from mskio.errors import ParseError
from mskio.parse import parse_reference
from mskio.readers.citation import Fields, bare_doi, bare_orcid, make_reference, person, pmc_id, squash
from mskio.readers.xml import line_of, local_name, text_of
from mskio.records import Agent, Article, Journal, Located, MeshHeading, Organization, Reference, SourceFile

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def read_pubmed(root: etree._Element, source: SourceFile) -> tuple[Article, ...]:
    """The articles of a <PubmedArticleSet> (or of a lone <PubmedArticle>), in file order."""
    if local_name(root) == "PubmedArticle":
        records = [root]
    else:
        records = [el for el in root if isinstance(el.tag, str) and local_name(el) == "PubmedArticle"]
        books = [el for el in root if isinstance(el.tag, str) and local_name(el) == "PubmedBookArticle"]
        if books:
            raise ParseError(
                "PubMed book records (<PubmedBookArticle>) are not read: only journal articles",
                path=source.path,
                line=line_of(books[0]),
            )
    if not records:
        raise ParseError("<PubmedArticleSet> holds no <PubmedArticle>", path=source.path, line=line_of(root))
    return tuple(_article(record, source) for record in records)


def _article(record: etree._Element, source: SourceFile) -> Article:
    path = source.path
    citation = record.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    if citation is None or article is None:
        raise ParseError("<PubmedArticle> without <MedlineCitation>/<Article>", path=path, line=line_of(record))
    pmid = _text(citation, "PMID")
    where = f"PMID {pmid}" if pmid else "the record"
    ids = {
        (el.get("IdType") or "").lower(): squash(text_of(el)) or ""
        for el in record.iterfind("PubmedData/ArticleIdList/ArticleId")
    }
    elocations = {(el.get("EIdType") or "").lower(): squash(text_of(el)) for el in article.findall("ELocationID")}
    doi = bare_doi(ids.get("doi")) or bare_doi(elocations.get("doi"))
    if doi is None:
        raise ParseError(f"{where}: no DOI (ArticleIdList or ELocationID)", path=path, line=line_of(record))
    title_el = article.find("ArticleTitle")
    title = squash(text_of(title_el)) if title_el is not None else None
    if not title:  # a record with only the original-language title
        title_el = article.find("VernacularTitle")
        title = squash(text_of(title_el)) if title_el is not None else None
    if title_el is None or not title:
        raise ParseError(f"{where}: no <ArticleTitle>", path=path, line=line_of(article))

    journal_el = article.find("Journal")
    pub_date = _date(journal_el.find("JournalIssue/PubDate")) if journal_el is not None else ()
    article_dates = [_date(el) for el in article.findall("ArticleDate")]
    history = {
        (el.get("PubStatus") or ""): _date(el) for el in record.iterfind("PubmedData/History/PubMedPubDate")
    }
    online = next((dt.date(*d) for d in article_dates if len(d) == 3), None)
    if online is None and len(pub_date) == 3:
        online = dt.date(*pub_date)
    issued = max([pub_date, *article_dates], key=len) if (pub_date or article_dates) else ()
    return Article(
        source=source,
        doi=doi,
        title=Located(title, line_of(title_el) or 1),
        abstract=_abstract(article),
        received=_full(history.get("received")),
        accepted=_full(history.get("accepted")),
        published_online=online,
        issued="-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(issued)) or None,
        rights=_text(article, "Abstract/CopyrightInformation"),
        authors=_authors(article),
        references=_references(record),
        journal=_journal(journal_el),
        volume=_text(journal_el, "JournalIssue/Volume"),
        issue=_text(journal_el, "JournalIssue/Issue"),
        pages=_pages(article),
        pmid=pmid or ids.get("pubmed"),
        pmcid=pmc_id(ids.get("pmc")),
        mesh=tuple(_mesh(el) for el in citation.iterfind("MeshHeadingList/MeshHeading")),
        publication_types=tuple(
            (el.get("UI") or "", squash(text_of(el)) or "") for el in article.iterfind("PublicationTypeList/PublicationType")
        ),
        keywords=tuple(k for k in (squash(text_of(el)) for el in citation.iterfind("KeywordList/Keyword")) if k),
    )


def _text(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    return squash(text_of(found)) if found is not None else None


def _journal(journal: etree._Element | None) -> Journal | None:
    if journal is None:
        return None
    return Journal(
        title=_text(journal, "Title"),
        iso_abbreviation=_text(journal, "ISOAbbreviation"),
        issns=tuple(i for i in (squash(text_of(el)) for el in journal.findall("ISSN")) if i),
    )


def _pages(article: etree._Element) -> str | None:
    """<MedlinePgn> as printed, else StartPage-EndPage."""
    printed = _text(article, "Pagination/MedlinePgn")
    if printed:
        return printed
    start, end = _text(article, "Pagination/StartPage"), _text(article, "Pagination/EndPage")
    return f"{start}-{end}" if start and end and end != start else start


def _date(element: etree._Element | None) -> tuple[int, ...]:
    """(year,), (year, month) or (year, month, day) as far as a PubMed date element gives them
    (Month may be '05' or 'May'; a <MedlineDate> such as '1998 Dec-1999 Jan' gives its first year)."""
    if element is None:
        return ()
    year_text = _text(element, "Year")
    if year_text is None:
        medline = _text(element, "MedlineDate") or ""
        return (int(medline[:4]),) if medline[:4].isdigit() else ()
    if not year_text.isdigit():
        return ()
    month_text = _text(element, "Month")
    month = None
    if month_text:
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:3].lower())
    if month is None or not 1 <= month <= 12:
        return (int(year_text),)
    day_text = _text(element, "Day")
    if not day_text or not day_text.isdigit():
        return (int(year_text), month)
    try:
        dt.date(int(year_text), month, int(day_text))
    except ValueError:
        return (int(year_text), month)
    return (int(year_text), month, int(day_text))


def _full(parts: tuple[int, ...] | None) -> dt.date | None:
    return dt.date(*parts) if parts and len(parts) == 3 else None


def _abstract(article: etree._Element) -> Located | None:
    """AbstractText paragraphs, labelled ones as 'LABEL: text', joined by one space."""
    abstract = article.find("Abstract")
    if abstract is None:
        return None
    parts = []
    for el in abstract.findall("AbstractText"):
        text = squash(text_of(el))
        if not text:
            continue
        label = squash(el.get("Label"))
        parts.append(f"{label}: {text}" if label else text)
    return Located(" ".join(parts), line_of(abstract) or 1) if parts else None


def _authors(article: etree._Element) -> tuple[Agent, ...]:
    """AuthorList/Author of the authors' list (not Type="editors"; ValidYN="N" -- a name PubMed
    marks as wrong -- skipped): LastName with
    ForeName and Initials, or CollectiveName; the ORCID Identifier; AffiliationInfo/Affiliation."""
    agents: list[Agent] = []
    lists = [al for al in article.findall("AuthorList") if (al.get("Type") or "authors") == "authors"]
    for author in (a for al in lists for a in al.findall("Author")):
        if author.get("ValidYN") == "N":
            continue
        collective = _text(author, "CollectiveName")
        last = _text(author, "LastName")
        if last is None:
            if collective:
                agents.append(Organization(collective))
            continue
        orcid = next(
            (bare_orcid(text_of(el)) for el in author.findall("Identifier") if (el.get("Source") or "").upper() == "ORCID"),
            None,
        )
        affiliations = tuple(
            a for a in (squash(text_of(el)) for el in author.iterfind("AffiliationInfo/Affiliation")) if a
        )
        agents.append(
            person(last, _text(author, "ForeName"), initials=_text(author, "Initials"), orcid=orcid,
                   affiliations=affiliations)
        )
    return tuple(agents)


def _mesh(heading: etree._Element) -> MeshHeading:
    descriptor = heading.find("DescriptorName")
    name = squash(text_of(descriptor)) if descriptor is not None else None
    return MeshHeading(
        descriptor_ui=(descriptor.get("UI") or "") if descriptor is not None else "",
        descriptor_name=name or "",
        major=descriptor is not None and descriptor.get("MajorTopicYN") == "Y",
        qualifiers=tuple(
            (q.get("UI") or "", squash(text_of(q)) or "", q.get("MajorTopicYN") == "Y")
            for q in heading.findall("QualifierName")
        ),
    )


def _references(record: etree._Element) -> tuple[Reference, ...]:
    """Every PubmedData/ReferenceList/Reference (nested lists included), numbered 1..n."""
    refs = [ref for lst in record.iterfind("PubmedData/ReferenceList") for ref in _refs_in(lst)]
    return tuple(_reference(n, ref) for n, ref in enumerate(refs, start=1))


def _refs_in(reference_list: etree._Element) -> Iterator[etree._Element]:
    for child in reference_list:
        if not isinstance(child.tag, str):
            continue
        if local_name(child) == "Reference":
            yield child
        elif local_name(child) == "ReferenceList":
            yield from _refs_in(child)


def _reference(number: int, ref: etree._Element) -> Reference:
    line = line_of(ref)
    ids = {
        (el.get("IdType") or "").lower(): squash(text_of(el)) or "" for el in ref.iterfind("ArticleIdList/ArticleId")
    }
    doi, pmid, pmcid = bare_doi(ids.get("doi")), squash(ids.get("pubmed")), pmc_id(ids.get("pmc"))
    text = _text(ref, "Citation")
    if text is None:
        fields = Fields(doi=doi, pmid=pmid, pmcid=pmcid)
        return make_reference(number, fields, raw=None, raw_kind="rendered", line=line,
                              problems=("no <Citation> text",))
    found = parse_reference(number, text, line=line or 1)
    return replace(found, line=line, raw_kind="printed", doi=doi, pmid=pmid, pmcid=pmcid)
