"""The linked-data site: one HTML page (with its RDF embedded as JSON-LD) and `.ttl` / `.jsonld`
variants for every resource, a landing page, per-type index pages, one stylesheet and the
server configuration for content negotiation.

Pages are generic: what a page shows follows from the resource's rdf:type and links
(a work's citation, a reference list, an agent's works, resources typed by ontology classes),
so new classes and nodes in the graph or the ontology appear without code changes.
Output is a dict of relative path -> bytes, identical for identical inputs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from mskio.errors import OutputError
from mskio.iris import slug
from mskio.metadata import DUMPS
from mskio.namespaces import BIBO, BIRO, C4O, CITO, FABIO, FRBR, MSKIO
from mskio.site.describe import LABEL_PREDICATES, Page, SiteGraph, curie, plural, sort_key
from mskio.site.formats import MANIFEST, manifest, page_jsonld, page_turtle, script_json

TEMPLATES = resources.files("mskio.site") / "templates"

WORK_TYPES = (BIBO.Document, BIBO.AcademicArticle, BIBO.Article, FABIO.ReviewArticle)
"""Types whose resources are shown as bibliographic works (with a citation)."""

SERVER_FILES = {".htaccess": "htaccess", "nginx-mskio.conf": "nginx-mskio.conf"}
"""Server configuration shipped in the site: file name in the site -> template file name."""

TERM_GROUPS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
    (OWL.NamedIndividual, "Named individuals"),
)


def template(name: str) -> Template:
    """A template file of the site (`mskio/site/templates/`)."""
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def display_labels() -> Graph:
    """Readable labels for other vocabularies' terms (`templates/labels.ttl`)."""
    return Graph().parse(data=(TEMPLATES / "labels.ttl").read_text(encoding="utf-8"), format="turtle")


@dataclass(frozen=True)
class SiteInput:
    """What the site is made from."""

    data: Graph
    ontology: Graph
    base: str
    version: str
    built: dt.datetime
    schema_org: dict[str, Any] | None = None
    """The schema.org Dataset description embedded in the landing page (from mskio.metadata)."""
    downloads: dict[str, bytes] = field(default_factory=dict)
    """Files copied into the site root and linked from the landing page (the dumps)."""


def render_site(source: SiteInput) -> dict[str, bytes]:
    """Every file of the site: relative path -> bytes."""
    return Renderer(source).render()


class Renderer:
    """Renders the pages of one `SiteGraph`."""

    def __init__(self, source: SiteInput) -> None:
        self.source = source
        self.site = SiteGraph(source.data, source.ontology, base=source.base, display=display_labels())
        self.page_template = template("page.html")

    # -- the whole site --------------------------------------------------------------------------

    def render(self) -> dict[str, bytes]:
        """All pages, their RDF variants, the type indexes, the stylesheet and server files."""
        files: dict[str, bytes] = {}

        def put(path: str, data: bytes) -> None:
            if path in files:
                raise OutputError(f"site: two outputs would be written to {path}")
            files[path] = data

        for page in self.site.pages.values():
            description = self.site.description(page)
            turtle = page_turtle(description)
            jsonld = page_jsonld(description)
            put(f"{page.path}.ttl", turtle)
            put(f"{page.path}.jsonld", jsonld)
            put(f"{page.path}.html", self.page_html(page, jsonld))
        for path, html in self.type_indexes().items():
            put(path, html)
        for name, data in sorted(self.source.downloads.items()):
            put(name, data)
        put("style.css", (TEMPLATES / "style.css").read_bytes())
        for name, template_name in SERVER_FILES.items():
            put(name, (TEMPLATES / template_name).read_bytes())
        put(MANIFEST, manifest(files))
        return dict(sorted(files.items()))

    def page_html(self, page: Page, jsonld: bytes) -> bytes:
        """The HTML page of `page` with `jsonld` embedded."""
        if page.path == "index":
            title, kind, body, head = self.landing(page)
        elif page.iri in self.site.ontology_iris:
            title, kind, body, head = self.ontology_page(page)
        else:
            title, kind, body, head = self.resource_page(page)
        name = page.path.rsplit("/", 1)[-1]
        return self.layout(page.depth, title=title, kind=kind, iri=str(page.iri), body=body, head=head,
                           ttl=f"{name}.ttl", jsonld_href=f"{name}.jsonld", data=script_json(jsonld))

    def layout(self, depth: int, *, title: str, kind: str, iri: str, body: str, head: str, ttl: str,
               jsonld_href: str, data: str) -> bytes:
        """Fill `templates/page.html`."""
        root = "../" * depth
        nav = "".join(f'<a href="{root}{escape(p.path)}.html">{escape(label)}</a>' for p, label in self.nav_pages)
        text = self.page_template.substitute(
            title=escape(title), kind=escape(kind), iri=escape(iri), body=body, head=head, root=root, nav=nav,
            ttl=escape(ttl), jsonld=escape(jsonld_href), data=data, version=escape(self.source.version),
            built=escape(self.source.built.date().isoformat()),
        )
        return text.encode("utf-8")

    @cached_property
    def nav_pages(self) -> list[tuple[Page, str]]:
        """Pages linked from every page's navigation bar: the reviews and the ontology."""
        out = [(self.site.pages[p], "review") for p in self.site.pages if p.startswith("review/")]
        out += [(self.site.pages[p], "ontology") for p in self.site.pages
                if self.site.pages[p].iri in self.site.ontology_iris]
        out += [(Page("browse/index", URIRef(""), ()), "all resources")]
        return out

    # -- links and values ------------------------------------------------------------------------

    def href(self, here: Page, node: Node) -> str | None:
        """A link from page `here` to `node`: relative for pages of the site, the IRI otherwise."""
        located = self.site.locate(node)
        if located is not None:
            target, fragment = located
            return relative(here.path, target.path + ".html") + (f"#{fragment}" if fragment else "")
        if isinstance(node, URIRef) and str(node).startswith(("http://", "https://")):
            return str(node)
        return None

    def link(self, here: Page, node: Node, text: str | None = None) -> str:
        """`node` as an HTML link labelled with its label (or `text`)."""
        label = text if text is not None else self.site.label(node)
        target = self.href(here, node)
        if target is None:
            return escape(label)
        return f'<a href="{escape(target)}">{escape(label)}</a>'

    def value(self, here: Page, node: Node, *, depth: int = 0) -> str:
        """An object in a table cell: a link, a literal with its datatype or language, or a blank
        node's own statements (nested)."""
        if isinstance(node, Literal):
            text = escape(str(node))
            if node.language:
                return f'{text} <span class="lang">@{escape(node.language)}</span>'
            if node.datatype is not None and node.datatype != XSD.string:
                return f'{text} <span class="datatype">{escape(curie(node.datatype))}</span>'
            return text
        if isinstance(node, BNode):
            if depth > 4:
                return "[…]"
            items = self.site.ordered_list(node)
            if items:
                return "(" + ", ".join(self.value(here, i, depth=depth + 1) for i in items) + ")"
            rows = [(p, o) for _, p, o in sorted(self.site.graph.triples((node, None, None)), key=_triple_key)]
            inner = "; ".join(f"{self.link(here, p)} {self.value(here, o, depth=depth + 1)}" for p, o in rows)
            return f"[ {inner} ]"
        label = self.site.label(node)
        if self.site.locate(node) is None and label == _tail(node):
            label = curie(node)
        number = self.reference_numbers.get((here.iri, node))
        prefix = f'<a href="#ref-{number}">[{number}]</a> ' if number is not None else ""
        return prefix + self.link(here, node, label)

    @cached_property
    def reference_numbers(self) -> dict[tuple[Node, Node], int]:
        """(citing work, cited work) -> the number of its entry in the citing work's reference list."""
        numbers: dict[tuple[Node, Node], int] = {}
        for citing, _, entry in self.site.graph.triples((None, FRBR.part, None)):
            number = self.site.value(entry, MSKIO.referenceNumber)
            for work in self.site.graph.objects(entry, BIRO.references):
                if number is not None:
                    numbers[(citing, work)] = int(number)
        return numbers

    def statements(self, here: Page, subject: Node, *, skip: Iterable[URIRef] = ()) -> str:
        """A table of every statement with `subject` as subject (predicate, objects)."""
        skipped = set(skip)
        grouped: dict[URIRef, list[Node]] = defaultdict(list)
        for _, p, o in self.site.graph.triples((subject, None, None)):
            if isinstance(p, URIRef) and p not in skipped:
                grouped[p].append(o)
        if not grouped:
            return ""
        rows = []
        for predicate in sorted(grouped, key=lambda p: (p != RDF.type, self.site.label(p).lower(), str(p))):
            values = sorted(grouped[predicate], key=sort_key)
            cell = "<br>".join(self.value(here, v) for v in values)
            rows.append(f"<tr><th>{self.link(here, predicate)}</th><td>{cell}</td></tr>")
        return '<table class="statements">' + "".join(rows) + "</table>"

    # -- the page of one resource --------------------------------------------------------------------

    def resource_page(self, page: Page) -> tuple[str, str, str, str]:
        """Title, kind, body and extra head of the page of an ordinary resource."""
        iri = page.iri
        sections: list[str] = []
        for render in self.sections():
            html = render(page, iri)
            if html:
                sections.append(html)
        return self.site.label(iri), self.kind(iri), "\n".join(sections), ""

    def kind(self, iri: Node) -> str:
        """The labels of the resource's types, e.g. 'academic article · review article'."""
        return " · ".join(self.site.label(t) for t in self.site.types(iri)) or "resource"

    def sections(self) -> list[Callable[[Page, URIRef], str]]:
        """The sections of a resource page, in order; each returns '' when it has nothing to show."""
        return [self.section_metadata, self.section_citation, self.section_entry, self.section_linked,
                self.section_references, self.section_cited_by, self.section_agent_works,
                self.section_journal_works, self.section_statements, self.section_inbound]

    def is_work(self, iri: Node) -> bool:
        """Whether `iri` is a bibliographic work."""
        return any((iri, RDF.type, t) in self.site.graph for t in WORK_TYPES)

    def section_metadata(self, here: Page, iri: URIRef) -> str:
        """A citing work's metadata (DOI, dates, publisher, rights) and abstract."""
        abstract = self.site.value(iri, DCTERMS.abstract)
        if abstract is None:
            return ""
        rows = []
        for predicate in (BIBO.doi, DCTERMS.dateSubmitted, DCTERMS.dateAccepted, DCTERMS.issued,
                          DCTERMS.publisher, DCTERMS.rights):
            values = self.site.objects(iri, predicate)
            if not values:
                continue
            if predicate == BIBO.doi:
                cell = ", ".join(f'<a href="https://doi.org/{escape(str(v))}">{escape(str(v))}</a>' for v in values)
            else:
                cell = ", ".join(self.value(here, v) for v in values)
            rows.append(f"<dt>{escape(self.site.label(predicate))}</dt><dd>{cell}</dd>")
        entries = self.site.objects(iri, FRBR.part)
        if entries:
            rows.append(f'<dt>references</dt><dd><a href="#references">{len(entries)} numbered references</a></dd>')
        return (f'<section><dl class="meta">{"".join(rows)}</dl>'
                f"<h2>Abstract</h2><p>{escape(str(abstract))}</p></section>")

    def citation(self, here: Page, work: Node, *, link_title: bool = True) -> str:
        """Authors. Title. Journal Year;Volume(Issue):Pages — as printed in the reference list."""
        authors = self.site.ordered_list(self.site.objects(work, BIBO.authorList)[0]) \
            if self.site.objects(work, BIBO.authorList) else self.site.objects(work, DCTERMS.creator)
        parts = []
        if authors:
            names = ", ".join(self.link(here, a) for a in authors)
            truncated = self.site.value(work, MSKIO.authorListTruncated)
            if truncated is not None and truncated.toPython() is True:
                names += ", et al"
            parts.append(f'<span class="authors">{names}.</span>')
        title = self.site.value(work, DCTERMS.title)
        if title is not None:
            shown = self.link(here, work, str(title)) if link_title else escape(str(title))
            stop = "" if str(title).rstrip().endswith((".", "?", "!")) else "."
            parts.append(f'<span class="title">{shown}{stop}</span>')
        source = []
        for journal in self.site.objects(work, DCTERMS.isPartOf):
            source.append(f'<span class="journal">{self.link(here, journal)}</span>')
        year = self.site.value(work, DCTERMS.issued)
        locator = self.locator(work)
        if year is not None:
            source.append(escape(str(year)) + (";" if locator else ""))
        if locator:
            source.append(escape(locator))
        if source:
            parts.append(" ".join(source) + ".")
        if not parts:
            return self.link(here, work)
        return f'<span class="citation">{" ".join(parts)}</span>'

    def locator(self, work: Node) -> str:
        """Volume(Issue):Pages, e-locator and additional pages, from what the work has."""
        volume, issue = self.site.value(work, BIBO.volume), self.site.value(work, BIBO.issue)
        pages = self.site.value(work, BIBO.pages) or self.site.value(work, BIBO.locator)
        extra = self.site.value(work, MSKIO.additionalPages)
        text = str(volume) if volume is not None else ""
        text += f"({issue})" if issue is not None else ""
        text += f":{pages}" if pages is not None else ""
        text += f"; {extra}" if extra is not None else ""
        return text

    def section_citation(self, here: Page, iri: URIRef) -> str:
        """A work's citation (for works without an abstract: the cited works)."""
        if not self.is_work(iri) or self.site.value(iri, DCTERMS.abstract) is not None:
            return ""
        return f"<section><h2>Citation</h2><p>{self.citation(here, iri, link_title=False)}</p></section>"

    def section_entry(self, here: Page, iri: URIRef) -> str:
        """A reference entry: its raw text as printed, the work it refers to, the citing work."""
        if (iri, RDF.type, BIRO.BibliographicReference) not in self.site.graph:
            return ""
        out = ["<section>"]
        for raw in self.site.objects(iri, C4O.hasContent):
            out.append(f"<h2>As printed</h2><blockquote>{escape(str(raw))}</blockquote>")
        for work in self.site.objects(iri, BIRO.references):
            out.append(f"<h2>Refers to</h2><p>{self.citation(here, work)}</p>")
        citing = self.site.subjects(FRBR.part, iri)
        if citing:
            items = "".join(f"<li>{self.link(here, w)}</li>" for w in citing)
            out.append(f'<h2>In the reference list of</h2><ul class="plain">{items}</ul>')
        problems = self.site.objects(iri, MSKIO.parseProblem)
        if problems:
            items = "".join(f"<li>{escape(str(p))}</li>" for p in problems)
            out.append(f"<h2>Not fully parsed</h2><ul>{items}</ul>")
        out.append("</section>")
        return "".join(out)

    def section_references(self, here: Page, iri: URIRef) -> str:
        """The numbered reference list of a citing work, each entry linking to its work."""
        entries = self.site.objects(iri, FRBR.part)
        numbered = []
        for entry in entries:
            value = self.site.value(entry, MSKIO.referenceNumber)
            if value is not None:
                numbered.append((int(value), entry))
        if not numbered:
            return ""
        items = []
        for number, entry in sorted(numbered, key=lambda pair: (pair[0], str(pair[1]))):
            works = self.site.objects(entry, BIRO.references)
            shown = self.citation(here, works[0]) if works else escape(str(self.site.value(entry, C4O.hasContent)))
            items.append(f'<li value="{number}" id="ref-{number}">{shown} '
                         f'<span class="entry">[{self.link(here, entry, "entry")}]</span></li>')
        return (f'<section id="references"><h2>References ({len(numbered)})</h2>'
                f'<ol class="references">{"".join(items)}</ol></section>')

    def section_cited_by(self, here: Page, iri: URIRef) -> str:
        """Who cites a work: each reference entry pointing at it, with its citing work."""
        entries = self.site.subjects(BIRO.references, iri)
        citing = {s for s in self.site.subjects(None, iri)
                  if any((s, p, iri) in self.site.graph for p in (BIBO.cites, CITO.cites))}
        if not entries and not citing:
            return ""
        items = []
        covered: set[Node] = set()
        for entry in entries:
            works = self.site.subjects(FRBR.part, entry)
            covered.update(works)
            inside = " in " + ", ".join(self.link(here, w) for w in works) if works else ""
            items.append(f"<li>{self.link(here, entry)}{inside}</li>")
        for work in sorted(citing - covered, key=sort_key):
            items.append(f"<li>{self.link(here, work)}</li>")
        return f'<section><h2>Cited by</h2><ul class="plain">{"".join(items)}</ul></section>'

    def works_list(self, here: Page, works: list[Node]) -> str:
        """Works as citations, newest first then by title."""
        def key(work: Node) -> tuple[str, str, str]:
            year = self.site.value(work, DCTERMS.issued)
            return (str(year) if year is not None else "", self.site.label(work), str(work))
        ordered = sorted(works, key=key)
        ordered.sort(key=lambda w: key(w)[0], reverse=True)
        return '<ul class="plain">' + "".join(f"<li>{self.citation(here, w)}</li>" for w in ordered) + "</ul>"

    def section_agent_works(self, here: Page, iri: URIRef) -> str:
        """A person's or organization's works (as creator, then as publisher)."""
        out = []
        for predicate, heading in ((DCTERMS.creator, "Works"), (DCTERMS.publisher, "Published works")):
            works = [w for w in self.site.subjects(predicate, iri) if self.is_work(w)]
            if works:
                out.append(f"<section><h2>{heading} ({len(works)})</h2>{self.works_list(here, works)}</section>")
        return "".join(out)

    def section_journal_works(self, here: Page, iri: URIRef) -> str:
        """The works a journal contains."""
        if (iri, RDF.type, BIBO.Journal) not in self.site.graph:
            return ""
        works = [w for w in self.site.subjects(DCTERMS.isPartOf, iri) if self.is_work(w)]
        if not works:
            return ""
        return f"<section><h2>Works ({len(works)})</h2>{self.works_list(here, works)}</section>"

    def section_linked(self, here: Page, iri: URIRef) -> str:
        """Resources typed by classes of the ontology that this one links to (one list per
        predicate, e.g. "is about") or that link to it (one table or set of cards per class,
        e.g. indications, topic annotations). Works are left to the citation sections."""
        out = []
        outgoing: dict[URIRef, set[URIRef]] = defaultdict(set)
        for _, p, o in self.site.graph.triples((iri, None, None)):
            if isinstance(p, URIRef) and self.shows_as_linked(o, iri):
                outgoing[p].add(o)  # type: ignore[arg-type]
        for predicate in sorted(outgoing, key=lambda p: (self.site.label(p).lower(), str(p))):
            nodes = sorted(outgoing[predicate], key=lambda n: (self.site.label(n).lower(), str(n)))
            items = "".join(f"<li>{self.link(here, n)} <span class=\"note\">"
                            f"{', '.join(self.link(here, t) for t in self.site.ontology_typed(n) if self.site.label(t) != self.site.label(n))}"
                            "</span></li>" for n in nodes)
            heading = self.site.label(predicate).capitalize()
            out.append(f'<section><h2>{escape(heading)} ({len(nodes)})</h2><ul class="plain">{items}</ul></section>')
        incoming: dict[URIRef, set[URIRef]] = defaultdict(set)
        for s, _, _ in self.site.graph.triples((None, None, iri)):
            if self.shows_as_linked(s, iri):
                for cls in self.site.ontology_typed(s):
                    incoming[cls].add(s)  # type: ignore[arg-type]
        for cls in sorted(incoming, key=lambda c: (self.site.label(c).lower(), str(c))):
            nodes = sorted(incoming[cls], key=lambda n: (self.site.label(n).lower(), str(n)))
            heading = plural(self.site.label(cls)).capitalize()
            out.append(f"<section><h2>{escape(heading)} ({len(nodes)})</h2>{self.group(here, nodes, context=iri)}</section>")
        return "".join(out)

    def shows_as_linked(self, node: Node, iri: URIRef) -> bool:
        """Whether `node` appears in the linked sections of `iri`'s page."""
        return (isinstance(node, URIRef) and node != iri and not self.is_work(node)
                and bool(self.site.ontology_typed(node)))

    def group(self, here: Page, nodes: list[URIRef], *, context: Node) -> str:
        """Linked resources of one class: a table (a column per predicate) when each has few
        statements, else one card each."""
        rows = {n: self.brief(n, context=context) for n in nodes}
        predicates = sorted({p for pairs in rows.values() for p, _ in pairs}, key=lambda p: (self.site.label(p).lower(), str(p)))
        if max((len(pairs) for pairs in rows.values()), default=0) > 4 or len(predicates) > 5:
            return "".join(self.card(here, n, context=context) for n in nodes)
        head = "".join(f"<th>{self.link(here, p)}</th>" for p in predicates)
        body = []
        for node in nodes:
            cells = []
            for predicate in predicates:
                values = [o for p, o in rows[node] if p == predicate]
                cells.append("<td>" + "<br>".join(self.value(here, v) for v in values) + "</td>")
            body.append(f"<tr><td>{self.link(here, node)}</td>{''.join(cells)}</tr>")
        return f'<table class="grid"><tr><th></th>{head}</tr>{"".join(body)}</table>'

    def brief(self, node: Node, *, context: Node) -> list[tuple[URIRef, Node]]:
        """A linked resource's statements, without its types and its link back to `context`."""
        return [(p, o) for _, p, o in sorted(self.site.graph.triples((node, None, None)), key=_triple_key)
                if isinstance(p, URIRef) and p != RDF.type and o != context]

    def card(self, here: Page, node: Node, *, context: Node) -> str:
        """A linked resource in brief: its label and its statements (see `brief`), one row per
        predicate; the label shown as the heading is not repeated."""
        grouped: dict[URIRef, list[Node]] = defaultdict(list)
        heading = self.site.label(node)
        for p, o in self.brief(node, context=context):
            if not (p in LABEL_PREDICATES and str(o) == heading):
                grouped[p].append(o)
        def order(obj: Node) -> tuple[int, tuple[int, str]]:
            return self.reference_numbers.get((here.iri, obj), 0), sort_key(obj)

        rows = [f"<dt>{self.link(here, p)}</dt>"
                f"<dd>{'<br>'.join(self.value(here, o) for o in sorted(objects, key=order))}</dd>"
                for p, objects in grouped.items()]
        body = f'<dl class="meta">{"".join(rows)}</dl>' if rows else ""
        return f'<div class="card"><h3>{self.link(here, node)}</h3>{body}</div>'

    def section_statements(self, here: Page, iri: URIRef) -> str:
        """Every statement about the resource, as a table."""
        table = self.statements(here, iri)
        return f"<section><h2>All statements</h2>{table}</section>" if table else ""

    def section_inbound(self, here: Page, iri: URIRef) -> str:
        """Every statement with the resource as object: subject, predicate."""
        rows = []
        for s, p, _ in sorted(self.site.graph.triples((None, None, iri)), key=lambda t: (t[1].n3(), sort_key(t[0]))):
            if p == RDF.type:
                continue
            rows.append(f"<tr><th>{self.link(here, p)}</th><td>{self.link(here, s)}</td></tr>")
        if not rows:
            return ""
        return (f'<section><h2>Referenced by</h2><table class="statements">'
                f'<tr><th>predicate</th><td class="note">subject</td></tr>{"".join(rows)}</table></section>')

    # -- the ontology's page ---------------------------------------------------------------------

    def ontology_page(self, page: Page) -> tuple[str, str, str, str]:
        """The ontology: its header, then one anchored section per term, grouped by kind."""
        iri = page.iri
        title = self.site.label(iri)
        out = [f"<section><h2>About this ontology</h2>{self.statements(page, iri)}</section>"]
        members = [m for m in page.members if m != iri]
        placed: set[URIRef] = set()
        toc = []
        for owl_type, heading in TERM_GROUPS:
            terms = [m for m in members if (m, RDF.type, owl_type) in self.site.graph and m not in placed]
            if not terms:
                continue
            placed.update(terms)
            terms.sort(key=lambda t: (self.site.label(t).lower(), str(t)))
            anchor = slug(heading)
            toc.append(f'<li><a href="#{anchor}">{escape(heading)}</a> <span class="count">{len(terms)}</span></li>')
            sections = "".join(self.term_section(page, t) for t in terms)
            out.append(f'<section id="{anchor}"><h2>{escape(heading)} ({len(terms)})</h2>{sections}</section>')
        rest = sorted((m for m in members if m not in placed), key=sort_key)
        if rest:
            toc.append(f'<li><a href="#other-terms">Other terms</a> <span class="count">{len(rest)}</span></li>')
            sections = "".join(self.term_section(page, t) for t in rest)
            out.append(f'<section id="other-terms"><h2>Other terms ({len(rest)})</h2>{sections}</section>')
        out.insert(0, f'<nav><ul class="plain">{"".join(toc)}</ul></nav>')
        return title, "ontology", "\n".join(out), ""

    def term_section(self, page: Page, term: URIRef) -> str:
        """One term of the ontology, anchored by its local name: label, definition, statements,
        subclasses and the resources typed by it."""
        _, _, fragment = str(term).partition("#")
        definition = self.site.value(term, SKOS.definition) or self.site.value(term, RDFS.comment)
        parts = [f'<section class="term" id="{escape(fragment)}"><h3>{escape(self.site.label(term))} '
                 f'<code>{escape(curie(term))}</code></h3>']
        if definition is not None:
            parts.append(f"<p>{escape(str(definition))}</p>")
        parts.append(self.statements(page, term, skip=(SKOS.definition, RDFS.isDefinedBy)))
        subclasses = [s for s in self.site.subjects(RDFS.subClassOf, term) if isinstance(s, URIRef)]
        if subclasses:
            links = ", ".join(self.link(page, s) for s in sorted(subclasses, key=lambda s: (self.site.label(s).lower(), str(s))))
            parts.append(f'<p><span class="note">subclasses:</span> {links}</p>')
        instances = self.typed_resources.get(term, [])
        if instances:
            index = relative(page.path, f"{type_index_path(term)}.html")
            parts.append(f'<p><span class="note">in the data:</span> <a href="{escape(index)}">'
                         f"{len(instances)} resource{'s' if len(instances) != 1 else ''} of this type</a></p>")
        parts.append("</section>")
        return "".join(parts)

    # -- the landing page and the type indexes ---------------------------------------------------

    @cached_property
    def typed_resources(self) -> dict[URIRef, list[URIRef]]:
        """rdf:type -> the resources of that type that have a page of their own (the ontology's
        individuals are listed on its page), each list sorted by label; one browse page each."""
        groups: dict[URIRef, set[URIRef]] = defaultdict(set)
        for page in self.site.pages.values():
            for member in page.members:
                if page.iri in self.site.ontology_iris:
                    continue
                for cls in self.site.types(member):
                    groups[cls].add(member)
        return {cls: sorted(groups[cls], key=lambda n: (self.site.label(n).lower(), str(n))) for cls in sorted(groups)}

    def landing(self, page: Page) -> tuple[str, str, str, str]:
        """The dataset's landing page: what it is, the reviews, the ontology, the resources by
        type, the downloads; the schema.org Dataset description in the head."""
        datasets = self.site.datasets
        title = self.site.label(datasets[0]) if datasets else "mskio linked data"
        out = []
        for dataset in datasets:
            description = self.site.value(dataset, DCTERMS.description)
            if description is not None:
                out.append(f"<p>{escape(str(description))}</p>")
            out.append(f'<p class="note">Dataset description: {self.link(page, dataset)}</p>')
        reviews = [m for m in self.typed_resources.get(FABIO.ReviewArticle, [])]
        if reviews:
            cards = []
            for review in reviews:
                entries = self.site.objects(review, FRBR.part)
                doi = self.site.value(review, BIBO.doi)
                cards.append(f'<div class="card"><h3>{self.link(page, review)}</h3>'
                             f'<p>DOI {escape(str(doi)) if doi else "—"} · {len(entries)} numbered references</p></div>')
            out.append(f"<section><h2>Reviews</h2>{''.join(cards)}</section>")
        for ontology in sorted(self.site.ontology_iris):
            description = self.site.value(ontology, DCTERMS.description)
            text = f"<p>{escape(str(description))}</p>" if description is not None else ""
            out.append(f"<section><h2>Ontology</h2><p>{self.link(page, ontology)}</p>{text}</section>")
        out.append(f'<section><h2>Browse by type</h2>{self.type_lists(page)}'
                   f'<p><a href="browse/index.html">All resources</a></p></section>')
        if self.source.downloads:
            items = "".join(f'<li><a href="{escape(name)}">{escape(name)}</a> <span class="count">'
                            f"{len(data):,} bytes</span></li>" for name, data in sorted(self.source.downloads.items()))
            out.append(f'<section><h2>Download</h2><ul class="plain">{items}</ul></section>')
        out.append(f"<section><h2>Content negotiation</h2><p>Every IRI under <code>{escape(self.source.base)}</code> "
                   "answers with HTML for browsers, Turtle for <code>Accept: text/turtle</code> and JSON-LD for "
                   "<code>Accept: application/ld+json</code>; each page also links its <code>.ttl</code> and "
                   "<code>.jsonld</code> files.</p></section>")
        head = ""
        if self.source.schema_org is not None:
            schema = json.dumps(self.source.schema_org, ensure_ascii=False, indent=2, sort_keys=True)
            head = f'<script type="application/ld+json">\n{script_json(schema.encode("utf-8"))}\n</script>'
        return title, "dataset", "\n".join(out), head

    def type_lists(self, here: Page) -> str:
        """Links to the browse page of each type with its count: the ontology's classes apart
        from the other vocabularies' (those shown with their prefixed names)."""
        lists: dict[bool, list[str]] = {True: [], False: []}
        ordered = sorted(self.typed_resources.items(), key=lambda item: (self.site.label(item[0]).lower(), str(item[0])))
        for cls, members in ordered:
            ours = self.site.is_ontology_term(cls)
            href = relative(here.path, type_index_path(cls) + ".html")
            name = "" if ours else f" <code>{escape(curie(cls))}</code>"
            lists[ours].append(f'<li><a href="{escape(href)}">{escape(self.site.label(cls))}</a>{name} '
                               f'<span class="count">{len(members)}</span></li>')
        out = ""
        for ours, heading in ((False, "Bibliographic data and dataset description"), (True, "Classes of the mskio ontology")):
            if lists[ours]:
                out += f'<h3>{heading}</h3><ul class="columns">{"".join(lists[ours])}</ul>'
        return out

    def type_indexes(self) -> dict[str, bytes]:
        """browse/index.html (every resource by type) and one browse page per rdf:type."""
        files: dict[str, bytes] = {}
        groups = self.typed_resources
        here = Page("browse/index", URIRef(""), ())
        for cls, members in groups.items():
            path = type_index_path(cls)
            page = Page(path, URIRef(""), ())
            items = "".join(f"<li>{self.link(page, m)}</li>" for m in members)
            body = f'<p>Resources of type {self.link(page, cls)} <code>{escape(curie(cls))}</code></p><ol>{items}</ol>'
            title = f"{self.site.label(cls)} ({len(members)})"
            files[f"{path}.html"] = self.index_page(page, title=title, body=body)
        untyped = sorted({m for p in self.site.pages.values() for m in p.members
                          if not self.site.types(m) and p.iri not in self.site.ontology_iris}, key=sort_key)
        extra = ""
        if untyped:
            extra = ("<h2>Resources without a type</h2><p class=\"note\">e.g. the cells of author lists</p>"
                     f'<ul class="columns">{"".join(f"<li>{self.link(here, m)}</li>" for m in untyped)}</ul>')
        body = f"{self.type_lists(here)}{extra}"
        files["browse/index.html"] = self.index_page(here, title="All resources", body=body)
        return files

    def index_page(self, page: Page, *, title: str, body: str) -> bytes:
        """A navigation page of the site (not a resource; no RDF of its own)."""
        root = "../" * page.depth
        nav = "".join(f'<a href="{root}{escape(p.path)}.html">{escape(label)}</a>' for p, label in self.nav_pages)
        text = template("index-page.html").substitute(title=escape(title), body=body, root=root, nav=nav,
                                                      version=escape(self.source.version),
                                                      built=escape(self.source.built.date().isoformat()))
        return text.encode("utf-8")


def type_index_path(cls: URIRef) -> str:
    """The path of the browse page listing the resources of type `cls`."""
    return f"browse/{slug(curie(cls))}"


def relative(here: str, target: str) -> str:
    """The relative URL from the page at path `here` to the file `target` (both site-relative,
    '/'-separated, no '.' or '..' segments)."""
    start = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(start) and common < len(parts) - 1 and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])


def _tail(node: Node) -> str:
    text = str(node)
    return text.split("#", 1)[1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[str, tuple[int, str]]:
    return triple[1].n3(), sort_key(triple[2])


DOWNLOADS = ("context.jsonld", "void.ttl", "dataset.schema.jsonld")
"""Files of dist/ besides the distributions of mskio.metadata.DUMPS copied into the site root,
so that their IRIs under the base (dcat:downloadURL <base>{name}) resolve where the site is hosted."""


def site_outputs(graph: Graph, outputs: dict[str, bytes], *, ontology: Path, base: str, version: str,
                 built: dt.datetime) -> dict[str, bytes]:
    """The site as build outputs (`site/...` -> bytes): `graph` (the published graph) and the ontology
    file rendered; the dumps and metadata files among `outputs` copied in; the schema.org Dataset
    description (`dataset.schema.jsonld`, from mskio.metadata.schema_org) embedded in the landing page."""
    names = (*(dump.name for dump in DUMPS), *DOWNLOADS)
    schema = outputs.get("dataset.schema.jsonld")
    source = SiteInput(
        data=graph,
        ontology=Graph().parse(ontology, format="turtle"),
        base=base,
        version=version,
        built=built,
        schema_org=json.loads(schema) if schema is not None else None,
        downloads={name: outputs[name] for name in names if name in outputs},
    )
    return {f"site/{path}": data for path, data in render_site(source).items()}

