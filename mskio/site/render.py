"""The linked-data site: one HTML page (with its RDF embedded as JSON-LD) and `.ttl` / `.jsonld`
variants for every resource, a landing page, a paginated list of the reviews, per-type browse
pages, a search over titles, authors, journals and ontology labels (a lunr index built here), one
stylesheet, the server configuration for content negotiation and the checksums of every file.

What a page shows follows from the resource's rdf:type and links: a review's metadata, pictures
(evidence map, works per year and per study design), indication cards and its reference list as
printed; a work's citation, links out, printed variants, topics and who cites it; a person's or
journal's profile; for anything else its statements. New classes and nodes in the graph or the
ontology appear without code changes, and every view folds the full statements below it. No page
grows with the number of reviews: the navigation links the review list, which is paginated, and a
list of a page that grows with the corpus (a journal's or a person's works, who cites a work, the
statements linking a resource, the dataset's subsets ...) shows its count and first LIST_LIMIT items
and links its own paginated pages, `lists/{page}/{list}.html` (`PageList`).
Output is a dict of relative path -> bytes, identical for identical inputs.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote, quote_plus

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from mskio.errors import OutputError
from mskio.forked import Forked
from mskio.iris import PART_SEGMENTS, slug
from mskio.metadata import DUMPS
from mskio.namespaces import BIBO, BIRO, C4O, CITO, FABIO, FRBR, MSKIO
from mskio.site.describe import LABEL_PREDICATES, LIST_LIMIT, Page, SiteGraph, Subjects, curie, plural, sort_key
from mskio.site.charts import bars_chart, columns_chart, evidence_map
from mskio.site.formats import MANIFEST, manifest, page_jsonld, page_turtle, script_json, statements
from mskio.site.search import LUNR_JS, LUNR_SHA256, SEARCH_JS, SearchDocument, search_data

TEMPLATES = resources.files("mskio.site") / "templates"

WORK_TYPES = (BIBO.Document, BIBO.AcademicArticle, BIBO.Article, FABIO.ReviewArticle)
"""Types whose resources are shown as bibliographic works (with a citation)."""

SERVER_FILES = {".htaccess": "htaccess", "nginx-mskio.conf": "nginx-mskio.conf"}
"""Server configuration shipped in the site: file name in the site -> template file name."""

REVIEWS = "reviews"
"""Folder of the paginated review list (`reviews/index.html`, `reviews/page-2.html` ...)."""

LISTS = "lists"
"""Folder of the pages of the long lists of a page: `lists/{page}/{list}.html`, `.../{list}-2.html` ..."""

SEARCH_PAGE = "search/index"
"""The search results page, which every page's search box submits to."""

PAGE_SIZE = 100
"""Entries per page of the review list, of the browse pages and of the list pages (`PageList`)."""

LANDING_REVIEWS = 10
"""Reviews shown on the landing page (all of them are on the review list)."""

CITED_IN = 5
"""Reviews named as citing a work in a list of works (a work's own page lists them all)."""

NOT_STATED = "design not stated"
"""The study-design column of works whose title states none."""

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

    data: Graph | Subjects
    """The published graph (or, with `triples`, what tells whether a resource is a subject of it)."""
    ontology: Graph
    base: str
    version: str
    built: dt.datetime
    schema_org: dict[str, Any] | None = None
    """The schema.org Dataset description embedded in the landing page (from mskio.metadata)."""
    downloads: Mapping[str, bytes | Path] = field(default_factory=dict)
    """Files copied into the site root and linked from the landing page (the dumps): their bytes,
    or the file that holds them (hard-linked into the site by a renderer given a `link`, else
    read and written: the build's 1.6 GB of corpus dumps at 1,000 reviews are linked)."""
    linked_files: dict[str, int] | None = None
    """The files the landing page links, with their sizes in bytes (default: the `downloads`);
    the live site (mskio.site.live) links the files of dist/ without holding them."""
    triples: Iterable[tuple[Node, Node, Node]] | None = None
    """The distinct triples of `data` (each once: mskio.lookup.TripleIndex), when the caller holds
    them, or an index of them (the build's, which the site completes with the ontology's triples),
    indexed or read instead of iterating `data` (a Graph over the build's Oxigraph
    store converts every term)."""

    @property
    def download_sizes(self) -> dict[str, int]:
        """Name -> size in bytes of each file the landing page links for download."""
        if self.linked_files is not None:
            return self.linked_files
        return {name: data.stat().st_size if isinstance(data, Path) else len(data)
                for name, data in self.downloads.items()}


@dataclass(frozen=True)
class PageList:
    """A list shown on a page that may grow with the corpus, longer than LIST_LIMIT: the page shows
    its first LIST_LIMIT items and links its pages (PAGE_SIZE items each) at `lists/{page}/{key}`."""

    key: str
    """The list's name among its page's lists (a slug; the file name of its first page)."""
    title: str
    items: tuple[Node, ...]
    item: Callable[[Page, Node], str]
    """One item's HTML on a list page (given that page, for relative links)."""
    start: str = '<ul class="plain">'
    end: str = "</ul>"


@dataclass(frozen=True)
class Rendering(Page):
    """A page being rendered, which gathers the long lists it shows (its list pages)."""

    lists: dict[str, PageList] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @staticmethod
    def of(page: Page) -> Rendering:
        return Rendering(page.path, page.iri, page.members)


def render_site(source: SiteInput) -> dict[str, bytes]:
    """Every file of the site: relative path -> bytes."""
    files: dict[str, bytes] = {}
    Renderer(source).render(files.__setitem__)
    return dict(sorted(files.items()))


class Renderer:
    """Renders the pages of one `SiteGraph`."""

    def __init__(self, source: SiteInput) -> None:
        self.source = source
        self.site = SiteGraph(source.data, source.ontology, base=source.base, display=display_labels(),
                              triples=source.triples)
        self.page_template = template("page.html")
        self.index_template = template("index-page.html")

    # -- the whole site --------------------------------------------------------------------------

    def render(self, write: Callable[[str, bytes], None], *, link: Callable[[str, Path], str] | None = None) -> None:
        """All pages, their RDF variants, the review list, the type indexes, the search, the
        stylesheet, the server files and the checksums of them all, each handed to `write` (relative
        path, bytes) as soon as it is made, so that the site is never held in memory whole; a
        download given as a file is handed to `link` (relative path, the file; it gives back the
        file's SHA-256, which its maker knows) when there is one, else read and written."""
        digests: dict[str, str] = {}

        def record(path: str, digest: str) -> None:
            if path in digests:
                raise OutputError(f"site: two outputs would be written to {path}")
            digests[path] = digest

        def put(path: str, data: bytes) -> None:
            record(path, hashlib.sha256(data).hexdigest())
            write(path, data)

        def others() -> None:
            for path, data in self.other_files():
                if isinstance(data, Path):
                    if link is None:
                        put(path, data.read_bytes())
                    else:
                        record(path, link(path, data))
                else:
                    put(path, data)

        self.lay_out()
        for path, digest in self.render_pages(list(self.site.pages.values()), write, meanwhile=others):
            record(path, digest)
        put(MANIFEST, manifest(digests))

    def lay_out(self) -> None:
        """Find the site's pages (SiteGraph.pages), and, for a site large enough for forked renderers
        (`site_jobs`), have a forked child make meanwhile the labels of every typed IRI subject: what
        the type indexes sort by and most links show, which a site of 1,000 reviews made one after
        the other before it forked its renderers, 4.7 s for the pages and 5 s for their 627k labels.
        The child gives the labels back as text, in the order of the subjects, which both processes
        read from the same index; they are the labels this process would make (SiteGraph.label)."""
        graph = self.site.graph
        typed = list(dict.fromkeys(s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)))
        if site_jobs(len(typed)) == 1:
            self.site.pages  # noqa: B018 (the layout, made now)
            return
        labelling: Forked[list[str]] = Forked(_labels_of, self.site, typed, name="mskio-site-labels")
        try:
            self.site.pages  # noqa: B018
            labels = labelling.result()
        except BaseException:
            labelling.stop()
            raise
        self.site.know_labels(zip(typed, labels))

    def other_files(self) -> Iterator[tuple[str, bytes | Path]]:
        """The files besides the pages and the checksums: the type indexes, the review list, the
        search, the downloads, the stylesheet and the server files."""
        yield from (*self.type_indexes().items(), *self.review_lists().items(), *self.search_files().items())
        yield from sorted(self.source.downloads.items())
        yield "style.css", (TEMPLATES / "style.css").read_bytes()
        for name, template_name in SERVER_FILES.items():
            yield name, server_file(template_name)

    def render_pages(self, pages: Sequence[Page], write: Callable[[str, bytes], None], *,
                     meanwhile: Callable[[], None] = lambda: None) -> list[tuple[str, str]]:
        """Write each page's three files (Turtle, JSON-LD, HTML); their paths and SHA-256 digests.
        A large site is rendered by `site_jobs` forked processes, each taking every n-th page
        (the files are the same whichever process writes them), while this process does
        `meanwhile` (the site's other files: at 1,000 reviews its 105 s of CPU came after the
        renderers' instead of beside them); without them, `meanwhile` is done after the pages.
        A renderer that dies (killed by the kernel when memory runs out) is an error
        (mskio.forked.ChildFailed), never a wait without end: a pool of workers (multiprocessing's
        Pool) waited for ever for the pages of a worker that was killed."""
        jobs = site_jobs(len(pages))
        if jobs == 1:
            written = self.render_share(pages, write)
            meanwhile()
            return written
        self.warm()  # what every page reads is computed once, before the fork, and shared
        frozen = gc.get_freeze_count() > 0  # the build froze what its stages made (mskio.pipeline)
        gc.freeze()  # the collector leaves the inherited objects alone (fewer pages copied on write)
        renderers: list[Forked[list[tuple[str, str]]]] = []
        try:
            renderers.extend(Forked(_render_share_of, self, pages, write, index, jobs, name=f"mskio-site-{index + 1}")
                             for index in range(jobs))
            meanwhile()
            shares = [renderer.result() for renderer in renderers]
        except BaseException:
            for renderer in renderers:
                renderer.stop()
            raise
        finally:
            if not frozen:  # else the build unfreezes when it ends
                gc.unfreeze()
        return [entry for share in shares for entry in share]

    def render_share(self, pages: Iterable[Page], write: Callable[[str, bytes], None]) -> list[tuple[str, str]]:
        """Write the files of `pages`; their paths and digests."""
        written = []
        for page in pages:
            for path, data in self.page_files(page):
                write(path, data)
                written.append((path, hashlib.sha256(data).hexdigest()))
        return written

    def page_files(self, page: Page) -> tuple[tuple[str, bytes], ...]:
        """The files of one page: its Turtle, its JSON-LD, its HTML (which embeds the JSON-LD) and
        the pages of its long lists. Those of the ontology's pages (the whole ontology, the costliest
        to render, the same whatever the corpus: its blank nodes are labelled canonically) are kept
        once made."""
        if page.iri not in self.site.ontology_iris:
            return self._page_files(page)
        if page.path not in self._ontology_files:
            self._ontology_files[page.path] = self._page_files(page)
        return self._ontology_files[page.path]

    @cached_property
    def _ontology_files(self) -> dict[str, tuple[tuple[str, bytes], ...]]:
        return {}

    def _page_files(self, page: Page) -> tuple[tuple[str, bytes], ...]:
        described = statements(self.site.description(page))
        jsonld = page_jsonld(described)
        view = Rendering.of(page)
        html = self.page_html(view, jsonld)
        return ((f"{page.path}.ttl", page_turtle(described)), (f"{page.path}.jsonld", jsonld),
                (f"{page.path}.html", html), *self.list_files(view))

    def list_file(self, path: str) -> bytes | None:
        """One page of a long list of a page (`lists/{page}/{key}.html` ...), None if there is none."""
        if not path.startswith(f"{LISTS}/") or not path.endswith(".html"):
            return None
        page = self.site.pages.get(path[len(LISTS) + 1:].rpartition("/")[0])
        if page is None:
            return None
        view = Rendering.of(page)
        self.page_body(view)
        return next((data for name, data in self.list_files(view, only=path)), None)

    def list_files(self, view: Rendering, *, only: str | None = None) -> Iterator[tuple[str, bytes]]:
        """The pages of the long lists `view` gathered as it was rendered (only the file `only`, if given)."""
        for key, listed in sorted(view.lists.items()):
            stem = list_path(view.path, key)
            chunks = [listed.items[i:i + PAGE_SIZE] for i in range(0, len(listed.items), PAGE_SIZE)]
            for number, chunk in enumerate(chunks, start=1):
                path = stem + ("" if number == 1 else f"-{number}")
                if only is not None and only != f"{path}.html":
                    continue
                page = Page(path, URIRef(""), ())
                body = (f'<p>{escape(listed.title)} of {self.link(page, view.iri)} '
                        f'<span class="count">{len(listed.items)}</span></p>'
                        f'{listed.start}{"".join(listed.item(page, n) for n in chunk)}{listed.end}'
                        + _pager(number, len(chunks), stem=key))
                title = (f"{listed.title} of {self.site.label(view.iri)} ({len(listed.items)})"
                         + (f", page {number} of {len(chunks)}" if len(chunks) > 1 else ""))
                yield f"{path}.html", self.index_page(page, title=title, body=body)

    def bounded(self, here: Page, listed: PageList, noun: str) -> tuple[tuple[Node, ...], str]:
        """The items of `listed` that `here` shows (all, or the first LIST_LIMIT of a longer list,
        which `here` then gathers for its list pages) and the link to the whole list ('' if all)."""
        if len(listed.items) <= LIST_LIMIT:
            return listed.items, ""
        if not isinstance(here, Rendering):
            raise OutputError(f"site: the page {here.path} shows a long list but gathers none")
        if here.lists.setdefault(listed.key, listed).items != listed.items:
            raise OutputError(f"site: the page {here.path} has two lists named {listed.key}")
        href = relative(here.path, list_path(here.path, listed.key) + ".html")
        return listed.items[:LIST_LIMIT], (f'<p class="more"><a href="{escape(href)}">All {len(listed.items)} '
                                           f"{escape(noun)}</a> (the first {LIST_LIMIT} above)</p>")

    def page_file(self, page: Page, extension: str) -> bytes:
        """One file of a page, by its extension: '.ttl', '.jsonld' or '.html' (`page_files`)."""
        if page.iri in self.site.ontology_iris:
            return dict(self.page_files(page))[f"{page.path}{extension}"]
        described = statements(self.site.description(page))
        if extension == ".ttl":
            return page_turtle(described)
        jsonld = page_jsonld(described)
        return jsonld if extension == ".jsonld" else self.page_html(page, jsonld)

    def warm(self) -> None:
        """Compute the indexes every page reads (so that forked renderers share them), and what
        more than one process would compute: the resources of each type with the labels they
        are sorted by and what each browse page lists (the landing page and the ontology's read
        them, in two renderers, and this process's type indexes)."""
        self.site.locate(URIRef(self.source.base))
        self.site.description(next(iter(self.site.pages.values())))
        for index in ("_works", "reference_numbers", "designs", "reviews", "nav_pages"):
            getattr(self, index)
        for cls in self.typed_resources:
            self.browse_works(cls)  # and its browse_entries

    def page_html(self, page: Page, jsonld: bytes) -> bytes:
        """The HTML page of `page` with `jsonld` embedded (its long lists gathered in `page`, a
        `Rendering`, or dropped)."""
        title, kind, body, head = self.page_body(page if isinstance(page, Rendering) else Rendering.of(page))
        name = page.path.rsplit("/", 1)[-1]
        return self.layout(page.depth, title=title, kind=kind, iri=str(page.iri), body=body, head=head,
                           ttl=f"{name}.ttl", jsonld_href=f"{name}.jsonld", data=script_json(jsonld))

    def page_body(self, page: Rendering) -> tuple[str, str, str, str]:
        """Title, kind, body and extra head of the HTML page of `page`."""
        if page.path == "index":
            return self.landing(page)
        if page.iri in self.site.ontology_iris:
            return self.ontology_page(page)
        return self.resource_page(page)

    def nav(self, depth: int) -> str:
        """The navigation bar's links and search box: the same few links on every page, whatever
        the number of reviews (the reviews have their own paginated list)."""
        root = "../" * depth
        links = "".join(f'<a href="{root}{escape(path)}.html">{escape(label)}</a>' for path, label in self.nav_pages)
        return (f"{links}"
                f'<form class="search" role="search" action="{root}{SEARCH_PAGE}.html" method="get">'
                '<input type="search" name="q" aria-label="Search titles, authors, journals and terms" '
                'placeholder="Search titles, authors, journals, terms" required>'
                '<button type="submit">Search</button></form>')

    def layout(self, depth: int, *, title: str, kind: str, iri: str, body: str, head: str, ttl: str,
               jsonld_href: str, data: str) -> bytes:
        """Fill `templates/page.html`."""
        root = "../" * depth
        text = self.page_template.substitute(
            title=escape(title), kind=escape(kind), iri=escape(iri), body=body, head=head, root=root,
            nav=self.nav(depth), ttl=escape(ttl), jsonld=escape(jsonld_href), data=data,
            version=escape(self.source.version), built=escape(self.source.built.date().isoformat()),
        )
        return text.encode("utf-8")

    @cached_property
    def nav_pages(self) -> list[tuple[str, str]]:
        """(path, label) of the pages every navigation bar links: the reviews, the ontology, browse."""
        out = [(f"{REVIEWS}/index", "reviews")]
        out += [(self.site.pages[p].path, "ontology") for p in self.site.pages
                if self.site.pages[p].iri in self.site.ontology_iris]
        out += [("browse/index", "browse")]
        return out

    # -- links and values ------------------------------------------------------------------------

    def href(self, here: Page, node: Node) -> str | None:
        """A link from page `here` to `node`: relative for pages of the site, the IRI otherwise."""
        located = self.site.locate(node)
        if located is not None:
            target, fragment = located
            if fragment and target.path == here.path:
                return f"#{fragment}"
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

    def value(self, here: Page, node: Node, *, depth: int = 0, raw: bool = False) -> str:
        """An object in a table cell: a link, a literal (with its datatype or language only when
        `raw`, as in "All statements"), or a blank node's own statements (nested)."""
        if isinstance(node, Literal):
            text = escape(str(node))
            if raw and node.language:
                return f'{text} <span class="lang">@{escape(node.language)}</span>'
            if raw and node.datatype is not None and node.datatype != XSD.string:
                return f'{text} <span class="datatype">{escape(curie(node.datatype))}</span>'
            return text
        if isinstance(node, BNode):
            if depth > 4:
                return "[…]"
            items = self.site.ordered_list(node)
            if items:
                return "(" + ", ".join(self.value(here, i, depth=depth + 1, raw=raw) for i in items) + ")"
            rows = [(p, o) for _, p, o in sorted(self.site.graph.triples((node, None, None)), key=_triple_key)]
            inner = "; ".join(f"{self.link(here, p)} {self.value(here, o, depth=depth + 1, raw=raw)}" for p, o in rows)
            return f"[ {inner} ]"
        label = self.site.label(node)
        if self.site.locate(node) is None and label == _tail(node):
            label = curie(node)
        number = self.reference_numbers.get((here.iri, node))
        prefix = f'<a href="#ref-{number}">[{number}]</a> ' if number is not None else ""
        return prefix + self.link(here, node, label)

    @cached_property
    def reference_numbers(self) -> dict[tuple[Node, Node], int]:
        """(citing work, cited work) -> the number of its entry in the citing work's reference list;
        the first (lowest) one when the list cites the work twice (Crossref's sample does), whatever
        order the graph gives the triples in."""
        numbers: dict[tuple[Node, Node], int] = {}
        for citing, _, entry in self.site.graph.triples((None, FRBR.part, None)):
            number = self.site.value(entry, MSKIO.referenceNumber)
            for work in self.site.graph.objects(entry, BIRO.references):
                if number is not None:
                    numbers[(citing, work)] = min(int(number), numbers.get((citing, work), int(number)))
        return numbers

    def statements(self, here: Page, subject: Node, *, skip: Iterable[URIRef] = (), raw: bool = True) -> str:
        """A table of every statement with `subject` as subject (predicate, objects)."""
        skipped = set(skip)
        grouped: dict[URIRef, list[Node]] = defaultdict(list)
        for _, p, o in self.site.graph.triples((subject, None, None)):
            if isinstance(p, URIRef) and p not in skipped:
                grouped[p].append(o)
        if not grouped:
            return ""
        rows = []
        for predicate in sorted(grouped, key=lambda p: (p != _RDF_TYPE, self.site.label(p).lower(), str(p))):
            values: Sequence[Node] = sorted(grouped[predicate], key=sort_key)
            more = ""
            if subject == here.iri and self.site.is_list(subject, predicate):
                def item(page: Page, node: Node) -> str:
                    return f"<li>{self.value(page, node, raw=raw)}</li>"
                values, more = self.bounded(here, PageList(slug(curie(predicate)), self.site.label(predicate).capitalize(),
                                                           tuple(values), item), "values")
            cell = "<br>".join(self.value(here, v, raw=raw) for v in values)
            rows.append(f"<tr><th>{self.link(here, predicate)}</th><td>{cell}{more}</td></tr>")
        return '<table class="statements">' + "".join(rows) + "</table>"

    def inbound(self, here: Page, iri: URIRef) -> str:
        """A table of the statements with the resource as object: predicate, subject (the first
        LIST_LIMIT subjects of a predicate, and a link to all of them)."""
        grouped: dict[Node, list[Node]] = defaultdict(list)
        for s, p, _ in self.site.graph.triples((None, None, iri)):
            if p != _RDF_TYPE:
                grouped[p].append(s)
        rows = []
        for predicate in sorted(grouped, key=lambda p: p.n3()):
            subjects = tuple(sorted(grouped[predicate], key=sort_key))
            if iri == here.iri:
                label = self.site.label(predicate)
                subjects, more = self.bounded(here, PageList(f"{slug(curie(predicate))}-of", f"Subjects of {label}",
                                                             subjects, self.list_item), "subjects")
            else:
                more = ""
            rows += [f"<tr><th>{self.link(here, predicate)}</th><td>{self.link(here, s)}</td></tr>" for s in subjects]
            if more:
                rows.append(f"<tr><th>{self.link(here, predicate)}</th><td>{more}</td></tr>")
        if not rows:
            return ""
        return ('<table class="statements"><tr><th>predicate</th><td class="note">subject</td></tr>'
                f'{"".join(rows)}</table>')

    def list_item(self, here: Page, node: Node) -> str:
        """A resource in a list: a list item linking it."""
        return f"<li>{self.link(here, node)}</li>"

    # -- what a resource is ------------------------------------------------------------------------

    def is_work(self, iri: Node) -> bool:
        """Whether `iri` is a bibliographic work (typed with one of WORK_TYPES)."""
        return iri in self._works

    @cached_property
    def _works(self) -> frozenset[Node]:
        """The works, once: `is_work` is asked millions of times, and four lookups each were, at
        1,000 reviews, 6 s of the 15.4 s of CPU the build's process spent before forking its
        renderers, and 1.4 s of its type indexes and search (9.4-9.6 s before the fork after)."""
        return frozenset(s for t in WORK_TYPES for s in self.site.graph.subjects(RDF.type, t))

    def is_review(self, iri: Node) -> bool:
        """Whether `iri` is a citing review (typed fabio:ReviewArticle, or with reference entries)."""
        return (iri, RDF.type, FABIO.ReviewArticle) in self.site.graph or (iri, FRBR.part, None) in self.site.graph

    @cached_property
    def reviews(self) -> list[URIRef]:
        """The citing reviews, by title."""
        found = {s for s in self.site.graph.subjects(RDF.type, FABIO.ReviewArticle) if isinstance(s, URIRef)}
        found |= {s for s in self.site.graph.subjects(FRBR.part, None) if isinstance(s, URIRef)}
        return sorted(found, key=lambda r: (self.site.label(r).lower(), str(r)))

    @cached_property
    def designs(self) -> dict[Node, str]:
        """Study-design classes (rdfs:subClassOf+ mskio:PublicationType in the ontology) -> label."""
        found: dict[Node, str] = {}
        todo: list[Node] = [MSKIO.PublicationType]
        while todo:
            cls = todo.pop()
            for sub in self.site.ontology.subjects(RDFS.subClassOf, cls):
                if sub not in found and isinstance(sub, URIRef):
                    found[sub] = self.site.label(sub)
                    todo.append(sub)
        return found

    def work_designs(self, work: Node) -> list[str]:
        """The labels of the study designs a work is typed with, sorted ([] if none)."""
        return sorted({self.designs[t] for t in self.site.types(work) if t in self.designs})

    def citing(self, work: Node) -> list[Node]:
        """The works citing `work` (cito:cites or bibo:cites), by title."""
        found = set(self.site.graph.subjects(CITO.cites, work)) | set(self.site.graph.subjects(BIBO.cites, work))
        return sorted(found, key=lambda w: (self.site.label(w).lower(), str(w)))

    def cited_works(self, review: Node) -> list[Node]:
        """The works a review's reference entries refer to."""
        return sorted({w for e in self.site.graph.objects(review, FRBR.part)
                       for w in self.site.graph.objects(e, BIRO.references)}, key=sort_key)

    def year(self, node: Node) -> str | None:
        """The year a work was issued (the first four characters of dcterms:issued)."""
        issued = self.site.value(node, DCTERMS.issued)
        return str(issued)[:4] if issued is not None else None

    # -- the page of one resource --------------------------------------------------------------------

    def resource_page(self, page: Page) -> tuple[str, str, str, str]:
        """Title, kind, body and extra head of the page of an ordinary resource."""
        iri = page.iri
        sections = [html for render in self.sections(iri) if (html := render(page, iri))]
        return self.site.label(iri), self.kind(iri), "\n".join(sections), ""

    def kind(self, iri: Node) -> str:
        """The labels of the resource's types, e.g. 'academic article · review article'."""
        return " · ".join(self.site.label(t) for t in self.site.types(iri)) or "resource"

    def sections(self, iri: URIRef) -> list[Callable[[Page, URIRef], str]]:
        """The sections of a resource page, in order, by what the resource is; each returns ''
        when it has nothing to show. Pages with a view of their own fold the full statements."""
        graph = self.site.graph
        if self.is_review(iri):
            return [self.section_metadata, self.section_review_pictures, self.section_indications,
                    self.section_references, self.section_all_statements, self.section_parts]
        if (iri, RDF.type, BIRO.BibliographicReference) in graph:
            return [self.section_entry, self.section_all_statements, self.section_parts]
        if self.is_work(iri):
            return [self.section_citation, self.section_conflicts, self.section_about, self.section_evidence_for,
                    self.section_cited_by, self.section_all_statements, self.section_parts]
        if (iri, RDF.type, BIBO.Journal) in graph:
            return [self.section_journal, self.section_all_statements, self.section_parts]
        if (None, DCTERMS.creator, iri) in graph or (None, DCTERMS.publisher, iri) in graph:
            return [self.section_agent, self.section_all_statements, self.section_parts]
        return [self.section_linked, self.section_statements, self.section_inbound, self.section_parts]

    def section_metadata(self, here: Page, iri: URIRef) -> str:
        """A citing work's metadata (DOI, dates, publisher, rights) and abstract."""
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
        abstract = self.site.value(iri, DCTERMS.abstract)
        text = f"<h2>Abstract</h2><p>{escape(str(abstract))}</p>" if abstract is not None else ""
        return f'<section><dl class="meta">{"".join(rows)}</dl>{text}</section>'

    # -- citations -----------------------------------------------------------------------------------

    def fields_of(self, entry: Node, work: Node | None) -> Node:
        """Where a reference entry's citation is read from: the entry's own parsed fields (what
        its review printed), or, for an entry that has none, the work it refers to."""
        if any((entry, p, None) in self.site.graph for p in (DCTERMS.title, BIBO.authorList)) or work is None:
            return entry
        return work

    def citation(self, here: Page, source: Node, *, work: Node | None = None, link_title: bool = True) -> str:
        """Authors. Title. Journal Year;Volume(Issue):Pages — from the fields of `source` (a work,
        or a reference entry as printed), the title linking to `work` (default: `source`)."""
        target = source if work is None else work
        lists = self.site.objects(source, BIBO.authorList)
        authors = self.site.ordered_list(lists[0]) if lists else self.site.objects(source, DCTERMS.creator)
        parts = []
        if authors:
            names = ", ".join(self.link(here, a) for a in authors)
            truncated = self.site.value(source, MSKIO.authorListTruncated)
            if truncated is not None and truncated.toPython() is True:
                names += ", et al"
            parts.append(f'<span class="authors">{names}.</span>')
        title = self.site.value(source, DCTERMS.title)
        if title is not None:
            shown = self.link(here, target, str(title)) if link_title else escape(str(title))
            stop = "" if str(title).rstrip().endswith((".", "?", "!")) else "."
            parts.append(f'<span class="title">{shown}{stop}</span>')
        where = []
        for journal in self.site.objects(source, DCTERMS.isPartOf):
            where.append(f'<span class="journal">{self.link(here, journal)}</span>')
        year = self.site.value(source, DCTERMS.issued)
        locator = self.locator(source)
        if year is not None:
            where.append(escape(str(year)) + (";" if locator else ""))
        if locator:
            where.append(escape(locator))
        if where:
            parts.append(" ".join(where) + ".")
        if not parts:
            return self.link(here, target)
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

    def doi(self, work: Node) -> str | None:
        """A work's DOI: bibo:doi, else the DOI its IRI is named by."""
        value = self.site.value(work, BIBO.doi)
        if value is not None:
            return str(value)
        text = str(work)
        return text[len("https://doi.org/"):] if text.startswith("https://doi.org/") else None

    def search_title(self, work: Node) -> str | None:
        """The title to search for a work by: its own, else the one its first entry printed."""
        title = self.site.value(work, DCTERMS.title)
        if title is None:
            for entry in self.site.subjects(BIRO.references, work):
                title = self.site.value(entry, DCTERMS.title)
                if title is not None:
                    break
        return str(title) if title is not None else None

    def links_out(self, work: Node) -> str:
        """Links from a work to the wider web: https://doi.org/... where its DOI is known, PubMed
        where its PMID is; otherwise a PubMed and a Crossref search by its title, marked as searches
        (they find candidates, they identify nothing)."""
        items = []
        doi = self.doi(work)
        if doi is not None:
            items.append(f'<a class="doi" href="https://doi.org/{escape(quote(doi, safe="/:;()"))}">'
                         f"doi:{escape(doi)}</a>")
        pmid = self.site.value(work, BIBO.pmid)
        if pmid is not None:
            items.append(f'<a class="pmid" href="https://pubmed.ncbi.nlm.nih.gov/{escape(quote(str(pmid)))}/">'
                         f"PMID {escape(str(pmid))}</a>")
        title = self.search_title(work) if doi is None else None
        if title is not None:
            query = quote_plus(title)
            note = "a search by title, not an identifier"
            items.append(f'<a class="search" title="{note}" href="https://pubmed.ncbi.nlm.nih.gov/?term={escape(query)}">'
                         "PubMed search</a>")
            items.append(f'<a class="search" title="{note}" '
                         f'href="https://search.crossref.org/search/works?q={escape(query)}&amp;from_ui=yes">'
                         "Crossref search</a>")
        return f'<span class="out">{" · ".join(items)}</span>' if items else ""

    def section_citation(self, here: Page, iri: URIRef) -> str:
        """A cited work's citation (its agreed fields) and its links out."""
        return (f"<section><h2>Citation</h2><p>{self.citation(here, iri, link_title=False)}</p>"
                f'<p class="links-out">{self.links_out(iri)}</p></section>')

    def section_conflicts(self, here: Page, iri: URIRef) -> str:
        """The properties on which the entries printing a work disagree (mskio:CitationConflict):
        each printed variant and the entries that printed it. The work states none of them."""
        conflicts = self.site.subjects(MSKIO.conflictOn, iri)
        if not conflicts:
            return ""
        cards = []
        for conflict in conflicts:
            prop = self.site.graph.value(conflict, MSKIO.conflictProperty)
            name = self.site.label(prop) if prop is not None else self.site.label(conflict)
            variants = []
            for variant in self.site.objects(conflict, MSKIO.variant):
                value = self.site.value(variant, MSKIO.variantValue)
                entries = self.site.objects(variant, MSKIO.printedIn)
                printed = ", ".join(self.entry_link(here, e) for e in entries)
                variants.append(f"<li><q>{escape(str(value) if value is not None else '')}</q> "
                                f'<span class="note">printed in</span> {printed}</li>')
            cards.append(f'<div class="card"><h3>{escape(name)}</h3><ul class="plain">{"".join(variants)}</ul></div>')
        return ('<section class="notice conflict" id="conflicts"><h2>Printed differently</h2>'
                "<p>The reference lists that cite this work disagree on these fields, so the work states none "
                f'of the variants; each entry keeps what its review printed.</p>{"".join(cards)}</section>')

    def entry_link(self, here: Page, entry: Node) -> str:
        """'Reference n of <review>' for a reference entry, linked."""
        reviews = self.site.subjects(FRBR.part, entry)
        inside = " of " + ", ".join(self.link(here, r) for r in reviews) if reviews else ""
        return f"{self.link(here, entry)}{inside}"

    def section_about(self, here: Page, iri: URIRef) -> str:
        """What a work's title is about: each ontology term, how it was found (the matched title
        text, or the curation and its reason), linking the annotation's own page."""
        rows = []
        for annotation in self.site.subjects(MSKIO.annotatedWork, iri):
            term = self.site.graph.value(annotation, MSKIO.annotationTerm)
            if term is None:
                continue
            matched = self.site.value(annotation, MSKIO.matchedText)
            reason = self.site.value(annotation, MSKIO.curationReason)
            how = (f"title says <q>{escape(str(matched))}</q>" if matched is not None
                   else f"curated: {escape(str(reason))}" if reason is not None else "annotated")
            rows.append((self.site.label(term).lower(), str(term),
                         f"<tr><th>{self.link(here, term)}</th><td>{self.link(here, annotation, 'how')}: "
                         f"<span>{how}</span></td></tr>"))
        if not rows:
            return ""
        body = "".join(row for _, _, row in sorted(rows))
        return (f'<section><h2>What the title is about ({len(rows)})</h2>'
                f'<table class="statements about">{body}</table></section>')

    def section_evidence_for(self, here: Page, iri: URIRef) -> str:
        """The indications a work is linked to as evidence (inferred by mskio from its title)."""
        indications = tuple(self.site.subjects(MSKIO.inferredEvidence, iri))
        if not indications:
            return ""

        def item(page: Page, i: Node) -> str:
            return (f"<li>{self.link(page, i)} <span class=\"note\">{self.indication_status(i)}, stated in "
                    f"{', '.join(self.link(page, r) for r in self.site.objects(i, MSKIO.statedIn))}</span></li>")
        shown, more = self.bounded(here, PageList("evidence-for", "Evidence for", indications, item), "indications")
        return (f'<section><h2>Evidence for ({len(indications)})</h2><p class="note">Linked by mskio: the title names '
                f'the condition and the procedure (the review does not say which reference supports which claim).</p>'
                f'<ul class="plain">{"".join(item(here, i) for i in shown)}</ul>{more}</section>')

    def section_cited_by(self, here: Page, iri: URIRef) -> str:
        """Who cites a work: each reference entry pointing at it, with its citing work."""
        entries = self.site.subjects(BIRO.references, iri)
        citing = set(self.citing(iri))
        if not entries and not citing:
            return ""
        covered: set[Node] = set()
        for entry in entries:
            covered.update(self.site.subjects(FRBR.part, entry))
        listed = (*entries, *sorted(citing - covered, key=sort_key))
        shown_entries = set(entries)

        def item(page: Page, node: Node) -> str:
            return f"<li>{self.entry_link(page, node) if node in shown_entries else self.link(page, node)}</li>"
        shown, more = self.bounded(here, PageList("cited-by", "Cited by", listed, item), "citing entries and works")
        return f'<section><h2>Cited by</h2><ul class="plain">{"".join(item(here, n) for n in shown)}</ul>{more}</section>'

    def section_entry(self, here: Page, iri: URIRef) -> str:
        """A reference entry: its raw text as printed, its parsed citation, the work it refers
        to, the citing work, what could not be parsed."""
        out = ["<section>"]
        for raw in self.site.objects(iri, C4O.hasContent):
            out.append(f"<h2>As printed</h2><blockquote>{escape(str(raw))}</blockquote>")
        works = self.site.objects(iri, BIRO.references)
        if self.fields_of(iri, None) == iri and (iri, DCTERMS.title, None) in self.site.graph:
            out.append(f"<h2>As read</h2><p>{self.citation(here, iri, work=works[0] if works else iri)}</p>")
        for work in works:
            out.append(f"<h2>Refers to</h2><p>{self.citation(here, work)}</p>"
                       f'<p class="links-out">{self.links_out(work)}</p>')
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

    # -- a review --------------------------------------------------------------------------------

    def section_references(self, here: Page, iri: URIRef) -> str:
        """The numbered reference list of a citing work as it printed it (each entry's own
        fields), each entry linking its work, the work's links out and the entry's page."""
        numbered = []
        for entry in self.site.objects(iri, FRBR.part):
            value = self.site.value(entry, MSKIO.referenceNumber)
            if value is not None:
                numbered.append((int(value), entry))
        if not numbered:
            return ""
        items = []
        for number, entry in sorted(numbered, key=lambda pair: (pair[0], str(pair[1]))):
            works = self.site.objects(entry, BIRO.references)
            work = works[0] if works else None
            source = self.fields_of(entry, work)
            if source == entry and (entry, DCTERMS.title, None) not in self.site.graph:
                shown = escape(str(self.site.value(entry, C4O.hasContent) or ""))
            else:
                shown = self.citation(here, source, work=work)
            out = f" {self.links_out(work)}" if work is not None else ""
            items.append(f'<li value="{number}" id="ref-{number}">{shown}{out} '
                         f'<span class="entry">[{self.link(here, entry, "entry")}]</span></li>')
        return (f'<section id="references"><h2>References ({len(numbered)})</h2>'
                '<p class="note">As the review printed them; a cited work that several reviews print '
                f'differently says so on its page.</p><ol class="references">{"".join(items)}</ol></section>')

    def indications_of(self, review: Node) -> list[Node]:
        """The indications a review states, well-established first, then by label."""
        found = self.site.subjects(MSKIO.statedIn, review)
        return sorted((i for i in found if (i, RDF.type, MSKIO.Indication) in self.site.graph),
                      key=lambda i: (self.indication_status(i) != "well-established", self.indication_name(i), str(i)))

    def indication_name(self, indication: Node) -> str:
        """An indication by its conditions, and those it excludes: 'bone sarcoma & local recurrence',
        'benign bone tumour, not osteoid osteoma'."""
        conditions = sorted(self.site.label(c) for c in self.site.objects(indication, MSKIO.indicationCondition))
        if not conditions:
            return self.site.label(indication)
        excluded = sorted(self.site.label(c) for c in self.site.objects(indication, MSKIO.excludedCondition))
        return " & ".join(conditions) + (", not " + ", ".join(excluded) if excluded else "")

    def indication_status(self, indication: Node) -> str:
        """The label of an indication's status ('well-established', 'emerging'), '' if none."""
        status = self.site.graph.value(indication, MSKIO.indicationStatus)
        return self.site.label(status) if status is not None else ""

    def evidence_counts(self, indications: Sequence[Node]) -> tuple[list[str], list[str], list[list[int]]]:
        """Rows (indication names with status), columns (study designs, then 'design not stated')
        and counts of linked works; indications of the same name and status are one row."""
        per_row: dict[str, dict[str, set[Node]]] = {}
        for indication in indications:
            row = f"{self.indication_name(indication)} [{self.indication_status(indication)}]"
            cells = per_row.setdefault(row, {})
            for work in self.site.graph.objects(indication, MSKIO.inferredEvidence):
                for design in self.work_designs(work) or [NOT_STATED]:
                    cells.setdefault(design, set()).add(work)
        rows = list(per_row)
        used = sorted({d for cells in per_row.values() for d in cells} - {NOT_STATED})
        columns = used + ([NOT_STATED] if any(NOT_STATED in c for c in per_row.values()) else [])
        return rows, columns, [[len(per_row[r].get(c, ())) for c in columns] for r in rows]

    def evidence_figure(self, chart_id: str, title: str, indications: Sequence[Node]) -> str:
        """The evidence map of `indications` (SVG and table), '' without linked works."""
        rows, columns, counts = self.evidence_counts(indications)
        if not any(any(row) for row in counts):
            return ""
        return evidence_map(chart_id, title, rows, columns, counts)

    def section_review_pictures(self, here: Page, iri: URIRef) -> str:
        """The review's evidence map, its cited works per year and per study design."""
        works = self.cited_works(iri)
        evidence = self.evidence_figure("evidence-map", "Evidence map: cited works linked to each indication, by "
                                        "study design (linked by mskio from the titles)", self.indications_of(iri))
        years = Counter(y for w in works if (y := self.year(w)) is not None)
        designs = Counter(d for w in works for d in (self.work_designs(w) or [NOT_STATED]))
        per_year = columns_chart("works-per-year", f"Cited works per year ({sum(years.values())} with a year)",
                                 sorted(years.items()))
        per_design = bars_chart("works-per-design", "Cited works per study design (a work may have several)",
                                sorted(designs.items(), key=lambda kv: (-kv[1], kv[0])))
        if not (evidence or per_year or per_design):
            return ""
        return f'<section id="pictures"><h2>At a glance</h2>{evidence}{per_year}{per_design}</section>'

    def section_indications(self, here: Page, iri: URIRef) -> str:
        """The review's indications as cards: conditions, status, intent, the verbatim sentence
        of the abstract, the cited works linked to it by study design (reference numbers)."""
        indications = self.indications_of(iri)
        if not indications:
            return ""
        cards = []
        for indication in indications:
            status = self.indication_status(indication)
            facts = []
            for predicate, name in ((MSKIO.indicationProcedure, "procedure"), (MSKIO.treatmentIntent, "intent")):
                values = self.site.objects(indication, predicate)
                if values:
                    facts.append(f"{name}: " + ", ".join(self.link(here, v) for v in values))
            quote_text = self.site.value(indication, MSKIO.abstractSentence)
            by_design: dict[str, list[Node]] = defaultdict(list)
            for work in self.site.objects(indication, MSKIO.inferredEvidence):
                for design in self.work_designs(work) or [NOT_STATED]:
                    by_design[design].append(work)
            linked = "".join(
                f"<dt>{escape(design)}</dt><dd>"
                + ", ".join(self.work_ref(here, iri, w) for w in sorted(works, key=lambda w: self.ref_key(iri, w)))
                + "</dd>" for design, works in sorted(by_design.items()))
            count = len(set(self.site.graph.objects(indication, MSKIO.inferredEvidence)))
            cards.append(
                f'<div class="card indication"><h3>{self.link(here, indication, self.indication_name(indication))} '
                f'<span class="badge status-{escape(slug(status) or "none")}">{escape(status)}</span></h3>'
                + (f'<p class="note">{" · ".join(facts)}</p>' if facts else "")
                + (f"<blockquote>{escape(str(quote_text))}</blockquote>" if quote_text is not None else "")
                + (f'<p class="note">{count} cited work{"s" if count != 1 else ""} linked by study design:</p>'
                   f'<dl class="meta designs">{linked}</dl>' if linked else '<p class="note">No cited work linked.</p>')
                + "</div>")
        return (f'<section id="indications"><h2>Indications ({len(indications)})</h2>'
                '<p class="note">As the abstract states them (verbatim). The works are linked by mskio where their '
                f'titles name the condition and the procedure.</p>{"".join(cards)}</section>')

    def ref_key(self, review: Node, work: Node) -> tuple[int, str]:
        return self.reference_numbers.get((review, work), 0), str(work)

    def work_ref(self, here: Page, review: Node, work: Node) -> str:
        """A cited work in a review's page: its reference number (linking the list) and title."""
        number = self.reference_numbers.get((review, work))
        title = escape(self.site.label(work))
        target = self.href(here, work)
        shown = f'<a href="{escape(target)}">{title}</a>' if target else title
        return (f'<a href="#ref-{number}">[{number}]</a> {shown}' if number is not None else shown)

    # -- people, organizations, journals -------------------------------------------------------

    def works_list(self, here: Page, works: Iterable[Node], *, key: str = "works", title: str = "Works") -> str:
        """Works as citations, newest first then by title, each with its links out and the
        reviews citing it (with the reference number): the first LIST_LIMIT, and a link to the
        list of them all (`key`, `title`: its name and heading)."""
        def order(work: Node) -> tuple[str, str, str]:
            return (self.year(work) or "", self.site.label(work), str(work))
        ordered = sorted(works, key=order)
        ordered.sort(key=lambda w: order(w)[0], reverse=True)
        shown, more = self.bounded(here, PageList(key, title, tuple(ordered), self.work_item,
                                                  '<ul class="plain works">', "</ul>"), "works")
        return '<ul class="plain works">' + "".join(self.work_item(here, w) for w in shown) + "</ul>" + more

    def work_item(self, here: Page, work: Node) -> str:
        """A work in a list: its citation, links out and the reviews citing it (reference numbers)."""
        reviews = [r for r in self.citing(work) if self.is_review(r)]
        cited = ", ".join(self.link(here, r) + (f" [{n}]" if (n := self.reference_numbers.get((r, work))) else "")
                          for r in reviews[:CITED_IN])
        if len(reviews) > CITED_IN:
            cited += f" and {self.link(here, work, f'{len(reviews) - CITED_IN} more')}"
        return (f"<li>{self.citation(here, work)} {self.links_out(work)}"
                + (f'<div class="note">cited in {cited}</div>' if cited else "") + "</li>")

    def counted_links(self, here: Page, counts: Counter[Node], *, key: str, title: str) -> str:
        """Resources with counts, most first then by label: 'Garnon J (7)'; the first LIST_LIMIT,
        and a link to the list of them all (`key`, `title`: its name and heading)."""
        ordered = sorted(counts, key=lambda n: (-counts[n], self.site.label(n).lower(), str(n)))

        def item(page: Page, node: Node) -> str:
            return f'<li>{self.link(page, node)} <span class="count">{counts[node]}</span></li>'
        shown, more = self.bounded(here, PageList(key, title, tuple(ordered), item, '<ul class="columns counted">', "</ul>"),
                                   title.lower())
        return '<ul class="columns counted">' + "".join(item(here, n) for n in shown) + "</ul>" + more

    def section_agent(self, here: Page, iri: URIRef) -> str:
        """A person's or organization's profile: works by year, works (newest first, with the
        reviews citing them), co-authors with counts, journals; then works they published."""
        out = []
        works = [w for w in self.site.subjects(DCTERMS.creator, iri) if self.is_work(w)]
        if works:
            years = Counter(y for w in works if (y := self.year(w)) is not None)
            chart = columns_chart("works-per-year", "Works per year", sorted(years.items())) if len(years) > 1 else ""
            coauthors: Counter[Node] = Counter(a for w in works for a in set(self.site.objects(w, DCTERMS.creator))
                                               if a != iri)
            journals: Counter[Node] = Counter(j for w in works for j in set(self.site.objects(w, DCTERMS.isPartOf)))
            out.append(f"<section><h2>Works ({len(works)})</h2>{chart}{self.works_list(here, works)}</section>")
            if coauthors:
                out.append(f"<section><h2>Co-authors ({len(coauthors)})</h2>"
                           f"{self.counted_links(here, coauthors, key='co-authors', title='Co-authors')}</section>")
            if journals:
                out.append(f"<section><h2>Journals ({len(journals)})</h2>"
                           f"{self.counted_links(here, journals, key='journals', title='Journals')}</section>")
        published = [w for w in self.site.subjects(DCTERMS.publisher, iri) if self.is_work(w)]
        if published:
            out.append(f"<section><h2>Published works ({len(published)})</h2>"
                       f"{self.works_list(here, published, key='published-works', title='Published works')}</section>")
        return "".join(out)

    def section_journal(self, here: Page, iri: URIRef) -> str:
        """A journal: its works per year, its works (newest first, with the reviews citing
        them), and the reviews citing it with counts."""
        works = [w for w in self.site.subjects(DCTERMS.isPartOf, iri) if self.is_work(w)]
        if not works:
            return ""
        years = Counter(y for w in works if (y := self.year(w)) is not None)
        chart = columns_chart("works-per-year", "Works per year", sorted(years.items())) if len(years) > 1 else ""
        reviews: Counter[Node] = Counter(r for w in works for r in self.citing(w) if self.is_review(r))
        out = f"<section><h2>Works ({len(works)})</h2>{chart}{self.works_list(here, works)}</section>"
        if reviews:
            out += (f"<section><h2>Cited by reviews ({len(reviews)})</h2>"
                    f"{self.counted_links(here, reviews, key='citing-reviews', title='Cited by reviews')}</section>")
        return out

    # -- other resources -------------------------------------------------------------------------

    def section_linked(self, here: Page, iri: URIRef) -> str:
        """Resources typed by classes of the ontology that this one links to (one list per
        predicate, e.g. "is about") or that link to it (one table or set of cards per class,
        e.g. indications, topic annotations). Works are left to the citation sections."""
        out = []
        outgoing: dict[URIRef, set[URIRef]] = defaultdict(set)
        for _, p, o in self.site.graph.triples((iri, None, None)):
            if isinstance(p, URIRef) and self.shows_as_linked(o, iri):
                outgoing[p].add(o)  # type: ignore[arg-type]
        def linked_item(page: Page, n: Node) -> str:
            return (f"<li>{self.link(page, n)} <span class=\"note\">"
                    f"{', '.join(self.link(page, t) for t in self.site.ontology_typed(n) if self.site.label(t) != self.site.label(n))}"
                    "</span></li>")
        for predicate in sorted(outgoing, key=lambda p: (self.site.label(p).lower(), str(p))):
            nodes = tuple(sorted(outgoing[predicate], key=lambda n: (self.site.label(n).lower(), str(n))))
            heading = self.site.label(predicate).capitalize()
            shown, more = self.bounded(here, PageList(f"linked-{slug(curie(predicate))}", heading, nodes, linked_item),
                                       "resources")
            items = "".join(linked_item(here, n) for n in shown)
            out.append(f'<section><h2>{escape(heading)} ({len(nodes)})</h2><ul class="plain">{items}</ul>{more}</section>')
        incoming: dict[URIRef, set[URIRef]] = defaultdict(set)
        for s, _, _ in self.site.graph.triples((None, None, iri)):
            if self.shows_as_linked(s, iri):
                for cls in self.site.ontology_typed(s):
                    incoming[cls].add(s)  # type: ignore[arg-type]
        def card(page: Page, node: Node) -> str:
            return self.card(page, node, context=iri)
        for cls in sorted(incoming, key=lambda c: (self.site.label(c).lower(), str(c))):
            nodes = tuple(sorted(incoming[cls], key=lambda n: (self.site.label(n).lower(), str(n))))
            heading = plural(self.site.label(cls)).capitalize()
            shown, more = self.bounded(here, PageList(f"linking-{slug(curie(cls))}", heading, nodes, card, "", ""),
                                       heading.lower())
            out.append(f"<section><h2>{escape(heading)} ({len(nodes)})</h2>"
                       f"{self.group(here, list(shown), context=iri)}{more}</section>")
        return "".join(out)

    def shows_as_linked(self, node: Node, iri: URIRef) -> bool:
        """Whether `node` appears in the linked sections of `iri`'s page."""
        return (isinstance(node, URIRef) and node != iri and not self.is_work(node)
                and bool(self.site.ontology_typed(node)))

    def group(self, here: Page, nodes: list[Node], *, context: Node) -> str:
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
        return f'<div class="scroll"><table class="grid"><tr><th></th>{head}</tr>{"".join(body)}</table></div>'

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
        """Every statement about the resource, as a table (the main view of a resource that has
        no view of its own)."""
        table = self.statements(here, iri, raw=False)
        return f"<section><h2>Statements</h2>{table}</section>" if table else ""

    def section_inbound(self, here: Page, iri: URIRef) -> str:
        """Every statement with the resource as object: predicate, subject."""
        table = self.inbound(here, iri)
        return f"<section><h2>Referenced by</h2>{table}</section>" if table else ""

    def section_all_statements(self, here: Page, iri: URIRef) -> str:
        """Every statement about the resource and every one pointing at it, folded: the RDF
        behind the view above, with datatypes and languages."""
        outgoing, incoming = self.statements(here, iri), self.inbound(here, iri)
        if not outgoing and not incoming:
            return ""
        inner = outgoing + (f'<h3>Statements linking here</h3>{incoming}' if incoming else "")
        return f'<section><details class="all-statements"><summary>All statements</summary>{inner}</details></section>'

    def section_parts(self, here: Page, iri: URIRef) -> str:
        """The parts of the resource this page describes (its author-list cells, annotations, topics,
        conflicts, address: mskio.iris.part_of), folded, each under the anchor its IRI redirects to."""
        parts = self.site.parts(here)
        if not parts:
            return ""
        items = "".join(
            f'<div class="part" id="{escape(anchor)}"><h3>{escape(self.site.label(part))} '
            f'<a class="iri" href="#{escape(anchor)}">{escape(str(part))}</a></h3>{self.statements(here, part)}</div>'
            for part, anchor in parts)
        return (f'<section><details class="all-statements parts"><summary>Parts of this resource ({len(parts)})'
                f"</summary>{items}</details></section>")

    # -- the ontology's page ---------------------------------------------------------------------

    def ontology_page(self, page: Page) -> tuple[str, str, str, str]:
        """The ontology: its header, then one anchored section per term, grouped by kind."""
        iri = page.iri
        title = self.site.label(iri)
        out = [f"<section><h2>About this ontology</h2>{self.statements(page, iri, raw=False)}</section>"]
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
        parts.append(self.statements(page, term, skip=(SKOS.definition, RDFS.isDefinedBy), raw=False))
        subclasses = [s for s in self.site.subjects(RDFS.subClassOf, term) if isinstance(s, URIRef)]
        if subclasses:
            links = ", ".join(self.link(page, s) for s in sorted(subclasses, key=lambda s: (self.site.label(s).lower(), str(s))))
            parts.append(f'<p><span class="note">subclasses:</span> {links}</p>')
        listed = self.browse_entries(term)
        if listed:
            index = relative(page.path, f"{type_index_path(term)}.html")
            noun = ("work" if self.browse_works(term) else "resource") + ("s" if len(listed) != 1 else "")
            parts.append(f'<p><span class="note">in the data:</span> <a href="{escape(index)}">'
                         f"{len(listed)} {noun}</a></p>")
        parts.append("</section>")
        return "".join(parts)

    # -- the landing page, the review list and the type indexes --------------------------------

    @cached_property
    def typed_resources(self) -> dict[URIRef, list[URIRef]]:
        """rdf:type -> the resources of that type that have a page of their own (the ontology's
        individuals are listed on its page), each list sorted by label; one browse page each."""
        groups: dict[URIRef, set[URIRef]] = defaultdict(set)
        graph = self.site.graph
        for page in self.site.pages.values():
            if page.iri in self.site.ontology_iris:
                continue
            for member in page.members:
                for cls in graph.objects(member, _RDF_TYPE):  # unsorted: into sets
                    if isinstance(cls, URIRef):
                        groups[cls].add(member)
        return {cls: sorted(groups[cls], key=lambda n: (self.site.label(n).lower(), str(n))) for cls in sorted(groups)}

    def browse_entries(self, cls: URIRef) -> list[URIRef]:
        """What the browse page of `cls` lists: its resources; for a class whose resources are
        topics of works (a condition, a procedure ...), the works about them instead."""
        if cls not in self._browse_entries:
            self._browse_entries[cls] = self._find_browse_entries(cls)
        return self._browse_entries[cls]

    @cached_property
    def _browse_entries(self) -> dict[URIRef, list[URIRef]]:
        return {}

    def browse_works(self, cls: URIRef) -> bool:
        """Whether the browse page of `cls` lists works (as citations): it lists some, all works."""
        if cls not in self._browse_works:
            entries = self.browse_entries(cls)
            self._browse_works[cls] = bool(entries) and all(self.is_work(e) for e in entries)
        return self._browse_works[cls]

    @cached_property
    def _browse_works(self) -> dict[URIRef, bool]:
        return {}

    def _find_browse_entries(self, cls: URIRef) -> list[URIRef]:
        members = self.typed_resources.get(cls, [])
        if not members or any(self.is_work(m) for m in members):
            return members
        works = {w for m in members for w in self.site.graph.subjects(MSKIO.isAbout, m)
                 if isinstance(w, URIRef) and self.is_work(w)}
        if not works:
            return members
        return sorted(works, key=lambda w: (self.site.label(w).lower(), str(w)))

    def landing(self, page: Page) -> tuple[str, str, str, str]:
        """The dataset's landing page: what it is, the first reviews (all of them on their own
        paginated list), the corpus's evidence map, the ontology, the resources by type, the
        downloads; the schema.org Dataset description in the head."""
        datasets = self.site.datasets
        title = self.site.label(datasets[0]) if datasets else "mskio linked data"
        out = []
        for dataset in datasets:
            description = self.site.value(dataset, DCTERMS.description)
            if description is not None:
                out.append(f"<p>{escape(str(description))}</p>")
            out.append(f'<p class="note">Dataset description: {self.link(page, dataset)}</p>')
        if self.reviews:
            cards = "".join(self.review_card(page, r) for r in self.reviews[:LANDING_REVIEWS])
            more = (f'<p><a href="{REVIEWS}/index.html">All {len(self.reviews)} reviews</a></p>'
                    if len(self.reviews) > LANDING_REVIEWS else f'<p><a href="{REVIEWS}/index.html">The review list</a></p>')
            out.append(f"<section><h2>Reviews ({len(self.reviews)})</h2>{cards}{more}</section>")
        indications = sorted({i for i in self.site.graph.subjects(RDF.type, MSKIO.Indication)}, key=sort_key)
        evidence = self.evidence_figure("evidence-map", "Evidence map of the corpus: cited works linked to each "
                                        "indication, by study design (linked by mskio from the titles)", indications)
        if evidence:
            out.append(f'<section id="pictures"><h2>Evidence map</h2>{evidence}</section>')
        for ontology in sorted(self.site.ontology_iris):
            description = self.site.value(ontology, DCTERMS.description)
            text = f"<p>{escape(str(description))}</p>" if description is not None else ""
            out.append(f"<section><h2>Ontology</h2><p>{self.link(page, ontology)}</p>{text}</section>")
        out.append('<p class="note">Search the titles, authors, journals and ontology terms from the box above, '
                   f'or on the <a href="{SEARCH_PAGE}.html">search page</a>.</p>')
        out.append(f'<section><h2>Browse by type</h2>{self.type_lists(page)}'
                   f'<p><a href="browse/index.html">All resources</a></p></section>')
        if self.source.download_sizes:
            items = "".join(f'<li><a href="{escape(name)}">{escape(name)}</a> <span class="count">'
                            f"{size:,} bytes</span></li>" for name, size in sorted(self.source.download_sizes.items()))
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

    def review_card(self, here: Page, review: URIRef) -> str:
        """A review in a list: title, DOI, year, number of references and indications."""
        entries = self.site.objects(review, FRBR.part)
        doi = self.doi(review)
        facts = [f"DOI {escape(doi)}" if doi else "no DOI", f"{len(entries)} numbered references"]
        indications = len(self.indications_of(review))
        if indications:
            facts.append(f"{indications} indications")
        year = self.year(review)
        if year:
            facts.insert(0, escape(year))
        return f'<div class="card"><h3>{self.link(here, review)}</h3><p class="note">{" · ".join(facts)}</p></div>'

    def review_lists(self) -> dict[str, bytes]:
        """reviews/index.html and reviews/page-N.html: every review, PAGE_SIZE to a page."""
        files: dict[str, bytes] = {}
        chunks = [self.reviews[i:i + PAGE_SIZE] for i in range(0, len(self.reviews), PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            page = Page(f"{REVIEWS}/{_page_name(number)}", URIRef(""), ())
            cards = "".join(self.review_card(page, r) for r in chunk) or '<p class="note">No review yet.</p>'
            body = cards + _pager(number, len(chunks))
            title = f"Reviews ({len(self.reviews)})" + (f", page {number} of {len(chunks)}" if len(chunks) > 1 else "")
            files[f"{page.path}.html"] = self.index_page(page, title=title, body=body)
        return files

    def type_lists(self, here: Page) -> str:
        """Links to the browse page of each type with its count: the ontology's classes apart
        from the other vocabularies' (those shown with their prefixed names)."""
        lists: dict[bool, list[str]] = {True: [], False: []}
        ordered = sorted(self.typed_resources, key=lambda cls: (self.site.label(cls).lower(), str(cls)))
        for cls in ordered:
            ours = self.site.is_ontology_term(cls)
            href = relative(here.path, type_index_path(cls) + ".html")
            name = "" if ours else f" <code>{escape(curie(cls))}</code>"
            lists[ours].append(f'<li><a href="{escape(href)}">{escape(self.site.label(cls))}</a>{name} '
                               f'<span class="count">{len(self.browse_entries(cls))}</span></li>')
        out = ""
        for ours, heading in ((False, "Bibliographic data and dataset description"), (True, "Classes of the mskio ontology")):
            if lists[ours]:
                out += f'<h3>{heading}</h3><ul class="columns">{"".join(lists[ours])}</ul>'
        return out

    def type_indexes(self) -> dict[str, bytes]:
        """browse/index.html (every type with its count) and the browse pages of each rdf:type,
        PAGE_SIZE entries to a page (works listed as citations)."""
        files: dict[str, bytes] = {}
        # a work's citation, made once for all the browse pages that list it (a work is listed
        # under each of its types): the pages are all in browse/, and a citation's links depend
        # only on the folder of the page it is on (none points into a browse page)
        citations: dict[Node, str] = {}

        def citation(page: Page, work: URIRef) -> str:
            made = citations.get(work)
            if made is None:
                made = citations[work] = self.citation(page, work)
            return made

        for cls in self.typed_resources:
            entries = self.browse_entries(cls)
            works = self.browse_works(cls)
            chunks = [entries[i:i + PAGE_SIZE] for i in range(0, len(entries), PAGE_SIZE)] or [[]]
            # once a class, not once a page: for every page it was a pass over all the class's
            # resources (at 1,000 reviews, 541 pages of 54k works: 29M lookups)
            of_type = works and all(self.is_work(m) for m in self.typed_resources[cls])
            for number, chunk in enumerate(chunks, start=1):
                path = type_index_path(cls) + ("" if number == 1 else f"-{number}")
                page = Page(path, URIRef(""), ())
                if works:
                    items = "".join(f"<li>{citation(page, w)}</li>" for w in chunk)
                    listing = f'<ul class="plain works">{items}</ul>'
                    what = "Works of type" if of_type else "Works about"
                else:
                    listing = "<ol>" + "".join(f"<li>{self.link(page, m)}</li>" for m in chunk) + "</ol>"
                    what = "Resources of type"
                body = (f'<p>{what} {self.link(page, cls)} <code>{escape(curie(cls))}</code></p>{listing}'
                        + _pager(number, len(chunks), stem=type_index_path(cls).rsplit("/", 1)[-1]))
                title = f"{self.site.label(cls)} ({len(entries)})" + (f", page {number}" if number > 1 else "")
                files[f"{path}.html"] = self.index_page(page, title=title, body=body)
        here = Page("browse/index", URIRef(""), ())
        typed = {m for members in self.typed_resources.values() for m in members}  # every member with a type
        untyped = sum(1 for p in self.site.pages.values() if p.iri not in self.site.ontology_iris
                      for m in p.members if m not in typed)
        extra = (f'<p class="note">{untyped} more resources have no type (e.g. the cells of author lists); '
                 "their works link them.</p>" if untyped else "")
        files["browse/index.html"] = self.index_page(here, title="All resources", body=f"{self.type_lists(here)}{extra}")
        return files

    def index_page(self, page: Page, *, title: str, body: str, head: str = "") -> bytes:
        """A navigation page of the site (not a resource; no RDF of its own)."""
        root = "../" * page.depth
        text = self.index_template.substitute(title=escape(title), body=body, root=root, nav=self.nav(page.depth),
                                              head=head, version=escape(self.source.version),
                                              built=escape(self.source.built.date().isoformat()))
        return text.encode("utf-8")

    # -- search ----------------------------------------------------------------------------------

    def search_documents(self) -> list[SearchDocument]:
        """What the search finds: works (title, authors, journal), agents and journals (names),
        the ontology's terms (labels and alternative labels, on the ontology's page)."""
        docs = []
        for page in self.site.pages.values():
            iri = page.iri
            if page.path == "index" or iri in self.site.ontology_iris:
                continue
            path = f"{page.path}.html"
            if self.is_work(iri):
                lists = self.site.objects(iri, BIBO.authorList)
                authors = self.site.ordered_list(lists[0]) if lists else self.site.objects(iri, DCTERMS.creator)
                names = ", ".join(self.site.label(a) for a in authors)
                journal = ", ".join(self.site.label(j) for j in self.site.objects(iri, DCTERMS.isPartOf))
                detail = " · ".join(x for x in (names, journal, self.year(iri) or "") if x)
                kind = "review" if self.is_review(iri) else "work"
                docs.append(SearchDocument(path, self.search_title(iri) or self.site.label(iri), kind, detail,
                                           authors=names, journal=journal))
            elif (iri, RDF.type, BIBO.Journal) in self.site.graph:
                docs.append(SearchDocument(path, self.site.label(iri), "journal", labels=self.site.label(iri)))
            elif any((iri, RDF.type, t) in self.site.graph for t in (FOAF.Person, FOAF.Organization, FOAF.Agent)):
                kind = "person" if (iri, RDF.type, FOAF.Person) in self.site.graph else "organization"
                docs.append(SearchDocument(path, self.site.label(iri), kind, authors=self.site.label(iri)))
        for ontology in sorted(self.site.ontology_iris):
            located = self.site.locate(ontology)
            if located is None:
                continue
            for term in located[0].members:
                _, _, fragment = str(term).partition("#")
                if not fragment:
                    continue
                labels = sorted({str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                                 for o in self.site.graph.objects(term, p) if isinstance(o, Literal)})
                definition = self.site.value(term, SKOS.definition)
                detail = str(definition)[:160] if definition is not None else ""
                docs.append(SearchDocument(f"{located[0].path}.html#{fragment}", self.site.label(term), "ontology term",
                                           detail, labels=" ".join(labels)))
        return docs

    def search_files(self) -> dict[str, bytes]:
        """search/index.html (the results page), search/data.js (the lunr index), lunr.js, search.js."""
        page = Page(SEARCH_PAGE, URIRef(""), ())
        body = ('<form class="search-page" id="search-page-form" role="search" action="index.html" method="get">'
                '<input type="search" id="search-page-q" name="q" aria-label="Search" '
                'placeholder="Search titles, authors, journals, terms">'
                '<button type="submit">Search</button></form>'
                '<p id="search-status" class="note" role="status" aria-live="polite">Searching needs JavaScript.</p>'
                '<ol id="search-results" class="results"></ol>'
                f'<script src="{LUNR_JS}"></script><script src="data.js"></script><script src="search.js"></script>')
        lunr_js = (TEMPLATES / LUNR_JS).read_bytes()
        if hashlib.sha256(lunr_js).hexdigest() != LUNR_SHA256:
            raise OutputError(f"site: {LUNR_JS} is not the lunr.js of npm lunr@2.3.9 (SHA-256 differs)")
        return {
            f"{SEARCH_PAGE}.html": self.index_page(page, title="Search", body=body),
            "search/data.js": search_data(self.search_documents()),
            f"search/{LUNR_JS}": lunr_js,
            "search/lunr-LICENSE.txt": (TEMPLATES / "lunr-LICENSE.txt").read_bytes(),
            "search/search.js": SEARCH_JS.encode("utf-8"),
        }


SITE_JOBS_MIN_PAGES = 2000
"""Below this many pages the site is rendered in the build's own process (a fork costs more)."""

def site_jobs(pages: int) -> int:
    """How many processes render `pages` pages: one per core (MSKIO_JOBS overrides), one for a small
    site, and no more than the memory allows: a forked renderer ends up with its own copy of most of
    the build's memory (reading an object writes its reference count), so each one more needs as
    much memory available as this process holds (Linux's /proc; elsewhere, one process)."""
    wanted = os.environ.get("MSKIO_JOBS", "")
    jobs = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    if pages < SITE_JOBS_MIN_PAGES or jobs == 1:
        return 1
    held, available = _memory()
    if held is None or available is None:
        return 1
    return max(1, min(jobs, 8, 1 + int(0.8 * available) // max(held, 1)))


def _memory() -> tuple[int | None, int | None]:
    """(bytes this process holds, bytes the system has available), None where unknown."""
    try:
        held = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        meminfo = Path("/proc/meminfo").read_text()
    except (OSError, ValueError, IndexError):
        return None, None
    found = re.search(r"^MemAvailable:\s+(\d+) kB", meminfo, re.M)
    return held, int(found.group(1)) * 1024 if found else None


_RDF_TYPE = RDF.type
"""Read once: rdflib's closed namespaces make a new term at each attribute access (a Python call),
and a page's statement tables ask it of every predicate."""


def _labels_of(site: SiteGraph, nodes: Sequence[Node]) -> list[str]:
    """The labels of `nodes`, in order (what a forked child of Renderer.lay_out sends back)."""
    return [site.label(node) for node in nodes]


def _render_share_of(renderer: Renderer, pages: Sequence[Page], write: Callable[[str, bytes], None], index: int,
                     jobs: int) -> list[tuple[str, str]]:
    """What forked renderer `index` of `jobs` writes: every `jobs`-th page from the `index`-th."""
    return renderer.render_share(pages[index::jobs], write)


def server_file(template_name: str) -> bytes:
    """A shipped server configuration: its template with the part segments of mskio.iris filled in
    (the rule that answers a part's IRI with a 303 to its owner's page)."""
    text = (TEMPLATES / template_name).read_text(encoding="utf-8")
    return text.replace("@MSKIO_PARTS@", "|".join(PART_SEGMENTS)).encode("utf-8")


def _page_name(number: int) -> str:
    return "index" if number == 1 else f"page-{number}"


def _pager(number: int, count: int, *, stem: str | None = None) -> str:
    """Links to the previous and next pages of a paginated list ('' for a single page)."""
    if count <= 1:
        return ""

    def name(n: int) -> str:
        if stem is None:
            return _page_name(n)
        return stem if n == 1 else f"{stem}-{n}"

    links = []
    if number > 1:
        links.append(f'<a rel="prev" href="{name(number - 1)}.html">previous</a>')
    links.append(f"page {number} of {count}")
    if number < count:
        links.append(f'<a rel="next" href="{name(number + 1)}.html">next</a>')
    return f'<nav class="pager">{" · ".join(links)}</nav>'


def list_path(page: str, key: str) -> str:
    """The path of the first page of the list `key` of the page at `page` (PageList)."""
    return f"{LISTS}/{page}/{key}"


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


def copied_files() -> tuple[str, ...]:
    """The names of the files of dist/ that the site copies into its root: the dumps
    (mskio.metadata.DUMPS) and DOWNLOADS."""
    return (*(dump.name for dump in DUMPS), *DOWNLOADS)


def site_outputs(graph: Graph, outputs: Mapping[str, bytes | Path], *, ontology: Graph, base: str, version: str,
                 built: dt.datetime, write: Callable[[str, bytes], None] | None = None,
                 link: Callable[[str, Path], str] | None = None,
                 triples: Iterable[tuple[Node, Node, Node]] | None = None) -> dict[str, bytes]:
    """The site as build outputs (`site/...` -> bytes), or, given `write`, each file handed to it as
    it is made (and nothing returned; an output given as a file handed to `link`, if given, which
    gives back its SHA-256: `Renderer.render`): `graph` (the published graph) and `ontology`
    (the published ontology, with its mappings: mskio.domain.published_ontology) rendered; the dumps and metadata files among `outputs` copied in; the schema.org Dataset
    description (`dataset.schema.jsonld`, from mskio.metadata.schema_org) embedded in the landing page.
    `triples`, when given, are `graph`'s (`SiteInput.triples`)."""
    names = copied_files()
    schema = outputs.get("dataset.schema.jsonld")
    if isinstance(schema, Path):
        schema = schema.read_bytes()
    source = SiteInput(
        data=graph,
        ontology=ontology,
        base=base,
        version=version,
        built=built,
        schema_org=json.loads(schema) if schema is not None else None,
        downloads={name: outputs[name] for name in names if name in outputs},
        triples=triples,
    )
    if write is not None:
        sink, linker = write, link
        Renderer(source).render(lambda path, data: sink(f"site/{path}", data),
                                link=None if linker is None else (lambda path, file: linker(f"site/{path}", file)))
        return {}
    return {f"site/{path}": data for path, data in render_site(source).items()}

