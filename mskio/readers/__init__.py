"""Input formats -> records. `read_file` detects the format by content and returns the articles.

  JSON with a Crossref work ("message-type": "work" or "work-list", a list of them, or a bare work)
      -> mskio.readers.crossref
  XML whose root is <article> (JATS, NLM 2.x/3.x)                      -> mskio.readers.jats
  XML whose root is <PubmedArticleSet> or <PubmedArticle>              -> mskio.readers.pubmed
  anything else                                                        -> mskio.parse.parse_page
A PDF or an HTML page is refused with a hint. XML is loaded by mskio.readers.xml only (no DTD,
no network, no entities).
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Literal

from mskio.errors import ParseError
from mskio.parse import decode_source, parse_page, read_source_bytes
from mskio.readers.crossref import read_crossref
from mskio.readers.jats import read_jats
from mskio.readers.pubmed import read_pubmed
from mskio.readers.xml import line_of, load_xml, local_name
from mskio.records import Article

__all__ = ["read_file"]

HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
XML_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_file(path: Path) -> tuple[Article, ...]:
    """Read one input file (any supported format, detected by content) into its articles: one for a
    page or a JATS file, one per work or per PubMed article otherwise."""
    data, source = read_source_bytes(path)
    kind = _container(data, path=path)
    if kind == "json":
        text = decode_source(data, path).removeprefix("\ufeff")
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParseError(f"malformed JSON: {exc.msg} (column {exc.colno})", path=path, line=exc.lineno) from None
        return read_crossref(document, replace(source, format="crossref"), text=text)
    if kind == "xml":
        root = load_xml(data, path=path)
        name = local_name(root)
        if name == "article":
            return (read_jats(root, replace(source, format="jats")),)
        if name in ("PubmedArticleSet", "PubmedArticle"):
            return read_pubmed(root, replace(source, format="pubmed"))
        if name == "html":
            raise ParseError(_HTML_HINT, path=path, line=line_of(root))
        raise ParseError(
            f"XML root element <{name}> is neither a JATS <article> nor a PubMed <PubmedArticleSet>",
            path=path,
            line=line_of(root),
        )
    return (parse_page(decode_source(data, path), source),)


_HTML_HINT = "an HTML page: save the article's text, or use its JATS XML"


def _container(data: bytes, *, path: Path) -> Literal["json", "xml", "text"]:
    """What `data` is by its first characters: '{' or '[' -> JSON, '<' (or a UTF-16/32 BOM) -> XML,
    else text (a page). ParseError for a PDF or an HTML page."""
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    stripped = head.lstrip()
    if stripped.startswith(b"%PDF-"):
        raise ParseError(
            "a PDF file: convert it to text or use the publisher's JATS XML", path=path, line=1
        )
    if HTML_START.match(stripped):
        line = head[: len(head) - len(stripped)].count(b"\n") + 1
        raise ParseError(_HTML_HINT, path=path, line=line)
    if stripped[:1] in (b"{", b"["):
        return "json"
    if stripped.startswith(b"<") or any(head.startswith(bom) for bom in XML_BOMS):
        return "xml"
    return "text"
