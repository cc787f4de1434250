"""The one XML loader of mskio: never fetches or loads a DTD, never expands an entity.

Every real JATS and PubMed file declares an external DTD (`JATS-archivearticle1.dtd`,
`https://dtd.nlm.nih.gov/...`); none needs it, because non-ASCII text is written as numeric
character references. The parser is lxml with `load_dtd=False`, `no_network=True`,
`resolve_entities=False`, `huge_tree=False`, `dtd_validation=False`. A document that declares
entities in an internal DTD subset (`<!DOCTYPE x [<!ENTITY ...>]>`: the shape of the "billion
laughs" and of external-entity (XXE) attacks) is refused before it is parsed.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from mskio.errors import ParseError

ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
ROOT_START = re.compile(r"<[^!?]")
"""The start of the root element: the first '<' that opens neither a declaration nor a PI."""

UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def parser() -> etree.XMLParser:
    """A new lxml parser that reads no DTD, touches no network and leaves entities alone."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=False,
        remove_pis=False,
    )


def load_xml(data: bytes, *, path: Path) -> etree._Element:
    """Parse XML bytes (any encoding the document declares) into its root element.

    ParseError (file:line) for entity declarations, malformed XML, or an XML file that is not a
    document at all."""
    refuse_entity_declarations(data, path=path)
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        message = (exc.msg or str(exc)).splitlines()[0].strip()
        message = re.sub(r", line \d+, column \d+$", "", message)
        line = exc.lineno if exc.lineno else 1
        raise ParseError(f"malformed XML: {message}", path=path, line=line) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(getattr(dtd, "entities")()):  # defence in depth (lxml-stubs lack it)
        raise ParseError(
            "entity declarations are not allowed (possible entity expansion attack)", path=path, line=1
        )
    return root


def refuse_entity_declarations(data: bytes, *, path: Path) -> None:
    """ParseError when the prolog (everything before the root element) declares an entity."""
    text = _without_comments(_prolog_text(data))
    end = ROOT_START.search(text)
    prolog = text[: end.start()] if end else text
    found = ENTITY_DECLARATION.search(prolog)  # comments blanked: a comment may mention one
    if found:
        line = prolog.count("\n", 0, found.start()) + 1
        raise ParseError(
            "entity declarations are not allowed (possible entity expansion attack)", path=path, line=line
        )


def _prolog_text(data: bytes) -> str:
    """The start of the document as text, for scanning its prolog (UTF-16/32 by their BOM, else
    an ASCII-compatible reading that keeps every markup character)."""
    head = data[:1_000_000]
    for bom in UTF16_32:
        if head.startswith(bom):
            encoding = {2: "utf-16", 4: "utf-32"}[len(bom)]
            return head.decode(encoding, errors="replace")
    if head.startswith(b"<\x00") or head.startswith(b"\x00<"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    return head.decode("latin-1")


def _without_comments(text: str) -> str:
    """`text` with comments blanked out (same length, so offsets stay valid)."""
    return re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), text, flags=re.DOTALL)


def line_of(element: etree._Element) -> int | None:
    """The line the element starts on (lxml's sourceline; None when unknown)."""
    value: object = getattr(element, "sourceline", None)
    return value if isinstance(value, int) else None


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace ('{ns}article' -> 'article')."""
    return etree.QName(element).localname


def text_of(element: etree._Element | None, *, skip: frozenset[str] = frozenset()) -> str:
    """The text content of `element`: its text and its descendants' (minus elements named in
    `skip`), without comments or processing instructions; an entity reference left unresolved
    (no DTD is loaded) becomes its character where HTML names it ('&nbsp;'), else stays as written."""
    if element is None:
        return ""
    return "".join(_texts(element, skip))


def _texts(element: etree._Element, skip: frozenset[str]) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child, etree._Entity):
            yield html.unescape(child.text or "")
        elif isinstance(child.tag, str) and local_name(child) not in skip:
            yield from _texts(child, skip)
        if child.tail:
            yield child.tail
