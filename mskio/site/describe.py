"""Which pages the site has and what each one describes. Graph work only; no HTML, no I/O.

Every IRI under the base that is the subject of a triple gets a page at its own path
(`https://w3id.org/mskio/work/x` -> `work/x`); hash IRIs (`.../ontology#Term`) share the page of
their document (`ontology`), with the fragment as an anchor, and so do the parts of a resource
(mskio.iris.part_of: `work/x/author/2` -> the page `work/x`, anchor `author/2`), which the servers
answer with a 303 to their owner's page: the number of pages grows with the works, people and
journals, not with every author-list cell and annotation. Subjects outside the base get a page
under the site too: a DOI-named review or work under `doi/` (where the IRIs minted beneath it are: mskio.iris),
anything else under `external/`. The base IRI itself is the landing page, `index`.

A page's RDF is its resource's concise bounded description (every triple with the resource as
subject, following blank nodes), plus the descriptions of its parts (a work's author-list cells
`work/x/author/1`, an organization's address); the ontology's page carries the whole ontology.
Other resources, even those minted beneath it (the dataset's subsets `dataset/review/...`), have
pages of their own and are linked by IRI. A list that grows with the corpus (LIST_PREDICATES: the
dataset's subsets, distributions, sources, rights, the build's inputs) is, once longer than
LIST_LIMIT, not in its subject's description but in each listed resource's: `dataset void:subset
<dataset/review/x>` is on the page of `dataset/review/x`, so no page's RDF grows with the number of
reviews and every triple is still on some page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, VOID
from rdflib.term import Node

from mskio.errors import OutputError
from mskio.iris import DOI_PREFIX, Minter, part_of, slug
from mskio.lookup import TripleIndex
from mskio.namespaces import BIBO, BIRO, MSKIO, PREFIXES, PROV, VCARD

SCHEMA = "https://schema.org/"

EXTRA_PREFIXES: dict[str, str] = {
    "dcat": str(DCAT),
    "void": str(VOID),
    "schema": SCHEMA,
    "dctype": "http://purl.org/dc/dcmitype/",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "np": "http://www.nanopub.org/nschema#",
    "spdx": "http://spdx.org/rdf/terms#",
}
"""Prefixes for showing IRIs compactly on pages (not bound in any published graph)."""

LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, DCTERMS.title, FOAF.name, URIRef(SCHEMA + "name"),
                    BIBO.shortTitle, VCARD.label)
"""Where a resource's display label is read from, first found wins."""

DATASET_CLASSES = (VOID.Dataset, DCAT.Dataset, URIRef(SCHEMA + "Dataset"))

DATASET_PARTS = frozenset({VOID.subset, VOID.classPartition, VOID.propertyPartition, VOID.dataDump,
                           VOID.exampleResource, DCAT.distribution, DCTERMS.source, DCTERMS.rights,
                           URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")})
"""A dataset's links to its parts, sources and per-review rights statements: one per review, class,
property or file, so the landing page leaves them to the dataset's own page and stays the same
size as the corpus grows."""

LIST_LIMIT = 20
"""Most items of one list a page shows (and, for LIST_PREDICATES, describes in its RDF); a longer
list shows its first LIST_LIMIT items and links its own paginated pages (mskio.site.render)."""

LIST_PREDICATES = frozenset({VOID.subset, VOID.exampleResource, DCAT.distribution, DCTERMS.source, DCTERMS.rights,
                             PROV.wasDerivedFrom, PROV.used, PROV.generated})
"""Predicates whose objects grow in number with the corpus on one subject: one subset, example
resource, dump, source file and rights statement per review on the dataset, one input per source
file on the build. (The dataset's class and property partitions grow with the vocabulary, not the corpus.)"""

_SAFE_PATH = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$")


@dataclass(frozen=True)
class Page:
    """One page of the site: its path (no extension) and the resource IRIs it describes."""

    path: str
    iri: URIRef
    members: tuple[URIRef, ...]

    @property
    def depth(self) -> int:
        """How many directories deep the page lies below the site root."""
        return self.path.count("/")


class Subjects:
    """What a SiteGraph asks of its data graph when it is given the data's triples: whether a
    resource is the subject of one of them (`(s, None, None) in subjects`). The live site holds
    the triples and this, not an rdflib Graph of them (mskio.site.live)."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self._subjects = frozenset(s for s, _, _ in triples)

    def __contains__(self, pattern: tuple[Node | None, Node | None, Node | None]) -> bool:
        subject, predicate, obj = pattern
        if subject is None or predicate is not None or obj is not None:
            raise ValueError("Subjects answers only (subject, None, None)")
        return subject in self._subjects


class SiteGraph:
    """The published graph and the ontology, seen as a set of pages."""

    def __init__(self, data: Graph | Subjects, ontology: Graph, *, base: str, display: Graph | None = None,
                 triples: Iterable[tuple[Node, Node, Node]] | None = None) -> None:
        self.base = base
        self.display = display if display is not None else Graph()
        self.data = data
        self.ontology = canonical_blank_nodes(ontology)
        self._minter = Minter(base)
        source = data if triples is None else triples
        if isinstance(source, Subjects):
            raise ValueError("a SiteGraph given Subjects for its data needs the triples")
        if isinstance(source, TripleIndex):  # the build's, made while it waited (mskio.pipeline)
            source.add(ontology)
            self.graph = source
        else:
            self.graph = TripleIndex(source, ontology)
        """The data (`triples`, its triples, when given; an index of them is completed with the
        ontology's and kept) and the ontology, read-only (the site looks triples up millions of times)."""

    # -- pages ---------------------------------------------------------------------------------

    @property
    def pages(self) -> dict[str, Page]:
        """Path -> page, for every page the site has (the landing page `index` always)."""
        return self._layout[0]

    @cached_property
    def _layout(self) -> tuple[dict[str, Page], dict[URIRef, str]]:
        """The pages (`pages`) and the parts they show of their resource (part -> anchor)."""
        members: dict[str, set[URIRef]] = defaultdict(set)
        documents: dict[str, URIRef] = {}
        fragments: dict[URIRef, str] = {}
        ontology_only = {s for s in self.ontology.subjects() if isinstance(s, URIRef) and not str(s).startswith(self.base)}
        subjects = {s for s in self.graph.subjects() if isinstance(s, URIRef)
                    and not (s in ontology_only and (s, None, None) not in self.data)}
        # where the parts of a DOI-named resource are minted (mskio.iris.Minter.beneath) -> the resource
        owners = {self._minter.beneath(s): s for s in subjects if str(s).startswith(DOI_PREFIX)}
        paths: dict[URIRef, str] = {}  # document -> its page's path, each found once (a page has many parts)
        for subject in subjects:
            hash_at = subject.find("#")
            if hash_at >= 0:  # a hash IRI: on its document's page (no part of another resource)
                document = URIRef(subject[:hash_at])
            else:
                document = subject
                part = part_of(subject)
                if part is not None:
                    owner = owners.get(part[0]) or URIRef(part[0])
                    if owner in subjects:
                        document, fragments[subject] = owner, part[1]
            path = paths.get(document)
            if path is None:
                path = paths[document] = self._path_of(document)
                if documents.setdefault(path, document) != document:
                    raise OutputError(f"site: {document} and {documents[path]} would share the page {path}")
            members[path].add(subject)
        base = URIRef(self.base)
        documents.setdefault("index", base)
        members.setdefault("index", set())
        # the members are IRIs, whose order is their text's (URIRef.__lt__, a Python call, compares
        # their str): sorted by str
        pages = {path: Page(path, documents[path], tuple(sorted(members[path], key=str))) for path in sorted(documents)}
        return pages, fragments

    def _path_of(self, document: URIRef) -> str:
        iri = str(document)
        if iri.startswith(self.base):
            path = iri[len(self.base):]
            path = path + "index" if path == "" or path.endswith("/") else path
        elif iri.startswith(DOI_PREFIX):
            path = self._minter.beneath(document)[len(self.base):]
        else:
            path = f"external/{slug(iri.split('://', 1)[-1])[:120]}"
        if not _SAFE_PATH.match(path) or any(part in (".", "..") for part in path.split("/")):
            raise OutputError(f"site: cannot make a page for {iri}: its path {path!r} is not a safe file name")
        return path

    @cached_property
    def _page_of(self) -> dict[URIRef, Page]:
        return {member: page for page in self.pages.values() for member in (page.iri, *page.members)}

    def locate(self, iri: Node) -> tuple[Page, str] | None:
        """The page showing `iri` and the anchor on it ('' for the page's own resource)."""
        if not isinstance(iri, URIRef):
            return None
        page = self._page_of.get(iri)
        if page is None:
            return None
        _, _, fragment = str(iri).partition("#")
        return page, self._layout[1].get(iri, fragment)

    def parts(self, page: Page) -> list[tuple[URIRef, str]]:
        """The parts of its resource that `page` shows (mskio.iris.part_of), with their anchors, sorted."""
        fragments = self._layout[1]
        return [(m, fragments[m]) for m in page.members if m in fragments]

    @cached_property
    def ontology_iris(self) -> frozenset[URIRef]:
        """The owl:Ontology resources of the ontology graph."""
        return frozenset(s for s in self.ontology.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))

    @cached_property
    def datasets(self) -> tuple[URIRef, ...]:
        """Resources typed void:Dataset, dcat:Dataset or schema:Dataset that are no subset or
        partition of another (the datasets a landing page is about), sorted."""
        found = {s for cls in DATASET_CLASSES for s in self.graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}
        parts = {o for p in (VOID.subset, VOID.classPartition, VOID.propertyPartition) for o in self.graph.objects(None, p)}
        return tuple(sorted(found - parts))

    # -- descriptions --------------------------------------------------------------------------

    def description(self, page: Page) -> set[tuple[Node, Node, Node]]:
        """The RDF of a page: the concise bounded description of each member (the resource and its
        parts) without its long lists (`is_list`), and the statements of the long lists of other
        resources that list it; for the ontology's page, the whole ontology; for the landing page,
        the datasets' own statements too, without their lists of parts (DATASET_PARTS, which grow
        with the corpus and are on each dataset's own page)."""
        out: set[tuple[Node, Node, Node]] = set()
        if page.iri in self.ontology_iris:
            out.update(self.ontology)
        for member in page.members:
            self._add_cbd(out, member, page)
            for triple in self._listing.get(member, ()):
                located = self.locate(triple[0])
                if located is None or located[0].path != page.path:  # its subject's page leaves it here
                    out.add(triple)
        if page.path == "index":
            for dataset in self.datasets:
                out.update(t for t in self.graph.triples((dataset, None, None)) if t[1] not in DATASET_PARTS)
        return out

    def is_list(self, subject: Node, predicate: Node) -> bool:
        """Whether the objects of (subject, predicate) are a list that lives on pages of its own: a
        predicate of LIST_PREDICATES with more than LIST_LIMIT objects."""
        return predicate in LIST_PREDICATES and self.graph.count(subject, predicate) > LIST_LIMIT

    @cached_property
    def _listing(self) -> dict[Node, list[tuple[Node, Node, Node]]]:
        """Item -> the statements of the long lists (`is_list`) that list it."""
        listing: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
        for predicate in sorted(LIST_PREDICATES):
            for triple in self.graph.triples((None, predicate, None)):
                if self.is_list(triple[0], predicate):
                    listing[triple[2]].append(triple)
        return listing

    def listed_elsewhere(self, triple: tuple[Node, Node, Node], page: Page) -> bool:
        """Whether `triple`, of a member of `page`, is on the page of its object instead (a long list,
        `is_list`, whose item has a page other than `page`)."""
        subject, predicate, obj = triple
        if not self.is_list(subject, predicate):
            return False
        located = self.locate(obj)
        return located is not None and located[0].path != page.path

    def _add_cbd(self, out: set[tuple[Node, Node, Node]], subject: Node, page: Page) -> None:
        todo = [subject]
        seen: set[Node] = set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for triple in self.graph.triples((node, None, None)):
                if node == subject and self.listed_elsewhere(triple, page):
                    continue
                out.add(triple)
                if isinstance(triple[2], BNode):
                    todo.append(triple[2])

    # -- reading -------------------------------------------------------------------------------

    def objects(self, subject: Node, predicate: URIRef) -> list[Node]:
        """Objects of (subject, predicate), sorted."""
        return sorted(self.graph.objects(subject, predicate), key=sort_key)

    def subjects(self, predicate: URIRef | None, obj: Node) -> list[Node]:
        """Subjects of (predicate, object), sorted; any predicate when `predicate` is None."""
        return sorted(set(self.graph.subjects(predicate, obj)), key=sort_key)

    def value(self, subject: Node, predicate: URIRef) -> Literal | None:
        """One literal value (English or untagged preferred), None if there is none."""
        return _preferred(self.graph.objects(subject, predicate))

    def types(self, subject: Node) -> list[URIRef]:
        """rdf:type values, sorted."""
        return [t for t in self.objects(subject, RDF.type) if isinstance(t, URIRef)]

    def label(self, node: Node) -> str:
        """A display label: 'Reference n' for a reference entry, a label-like literal, the title the
        first of its entries printed (a work whose entries disagree on it), a list cell's item, else a name."""
        cached = self._labels.get(node)
        if cached is None:
            cached = self._labels[node] = self._label(node)
        return cached

    @cached_property
    def _labels(self) -> dict[Node, str]:
        return {}

    def know_labels(self, labels: Iterable[tuple[Node, str]]) -> None:
        """Take the labels of some nodes made elsewhere (node, `label`'s answer for it: the forked
        child of mskio.site.render.Renderer.lay_out), instead of making them here."""
        self._labels.update(labels)

    @cached_property
    def _display_labels(self) -> dict[Node, list[Literal]]:
        """Node -> its rdfs:label literals in the display graph (mskio.site.render.display_labels)."""
        shown: dict[Node, list[Literal]] = defaultdict(list)
        for node, label in self.display.subject_objects(RDFS.label):
            if isinstance(label, Literal):
                shown[node].append(label)
        return shown

    def _label(self, node: Node) -> str:
        # the node's statements looked up once, not once for each predicate asked (the labels of
        # all 627k resources of 1,000 reviews are made before the site's renderers fork)
        about = self.graph.about(node)
        number = _preferred(about.get(_REFERENCE_NUMBER, ()))
        if number is not None:  # a reference entry, whatever title it printed
            return f"Reference {number}"
        for predicate in LABEL_PREDICATES:
            value = _preferred(about.get(predicate, ()))
            if value is not None:
                return str(value)
        for entry in self.subjects(BIRO.references, node):  # a work whose entries print its title differently
            title = self.value(entry, DCTERMS.title)
            if title is not None:
                return str(title)
        shown = self._display_labels.get(node)
        if shown:
            return str(min(shown))
        first = _least(about.get(_RDF_FIRST, ()))
        if first is not None:
            return f"list item: {self.label(first)}"
        if isinstance(node, URIRef):
            text = str(node)
            tail = text.split("#", 1)[1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]
            types = self.types(node)
            if types and "#" not in text:
                kind = self.label(types[0])
                return kind if slug(kind).replace("-", "") == slug(tail).replace("-", "") else f"{kind} {tail}"
            return tail or text
        return str(node)

    def ordered_list(self, head: Node) -> list[Node]:
        """The items of an rdf:List (IRI or blank-node cells), in order; stops at a cycle."""
        items: list[Node] = []
        seen: set[Node] = set()
        node = head
        while node != _RDF_NIL and node not in seen:
            seen.add(node)
            cell = self.graph.about(node)  # the cell's statements looked up once
            first = _least(cell.get(_RDF_FIRST, ()))
            if first is None:
                break
            items.append(first)
            rest = _least(cell.get(_RDF_REST, ()))
            if rest is None:
                break
            node = rest
        return items

    def is_ontology_term(self, node: Node) -> bool:
        """Whether `node` is defined in the ontology (has rdfs:isDefinedBy one of its ontologies)."""
        return node in self._ontology_terms

    @cached_property
    def _ontology_terms(self) -> frozenset[Node]:
        return frozenset(s for s, o in self.ontology.subject_objects(RDFS.isDefinedBy) if o in self.ontology_iris)

    def ontology_typed(self, node: Node) -> list[URIRef]:
        """The types of `node` that are terms of the ontology."""
        return [t for t in self.types(node) if self.is_ontology_term(t)]


_REFERENCE_NUMBER = MSKIO.referenceNumber


def _preferred(objects: Iterable[Node]) -> Literal | None:
    """The literal among `objects` a page shows (English or untagged preferred, then the least
    text), None if there is none."""
    literals = [o for o in objects if isinstance(o, Literal)]
    if len(literals) <= 1:
        return literals[0] if literals else None
    return min(literals, key=lambda lit: (lit.language not in (None, "en"), str(lit)))


def _least(objects: Sequence[Node]) -> Node | None:
    """The first of `objects` in `sort_key` order (what `objects()[0]` gives), None if there is none."""
    if len(objects) <= 1:
        return objects[0] if objects else None
    return min(objects, key=sort_key)


_RDF_NIL, _RDF_FIRST, _RDF_REST = RDF.nil, RDF.first, RDF.rest
"""Read once: rdflib's closed namespaces make a new term at each attribute access (a Python call),
and every author list of every page is walked cell by cell."""


def canonical_blank_nodes(graph: Graph) -> Graph:
    """`graph` with its blank nodes relabelled canonically (`rdflib.compare.to_canonical_graph`),
    so that sorting by a blank node's label gives the same order in every run."""
    if not any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in graph):
        return graph
    out = Graph(bind_namespaces="none")
    for triple in to_canonical_graph(graph):
        out.add(triple)
    return out


def sort_key(node: Node) -> tuple[int, str]:
    """Sort IRIs before blank nodes before literals, each by its N3 text. An IRI's is made here
    (`<iri>`, what URIRef.n3 returns): rdflib's n3 checks the IRI's characters first, each time
    (6 % of a page's CPU); the site's IRIs were checked when the published graph was parsed or
    written."""
    if isinstance(node, URIRef):
        return 0, f"<{node}>"
    return (1 if isinstance(node, BNode) else 2), node.n3()


def curie(iri: Node) -> str:
    """prefix:local for IRIs in a known namespace (longest match), else the IRI itself."""
    text = str(iri)
    best = ""
    for prefix, namespace in (*PREFIXES.items(), *EXTRA_PREFIXES.items()):
        if text.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, EXTRA_PREFIXES.get(best, ""))):
            local = text[len(namespace):]
            if local and re.match(r"^[A-Za-z_][A-Za-z0-9_.-]*$", local):
                best = prefix
    if not best:
        return text
    namespace = PREFIXES.get(best, EXTRA_PREFIXES.get(best, ""))
    return f"{best}:{text[len(namespace):]}"


def plural(label: str) -> str:
    """A naive English plural for section headings: 'indication' -> 'indications'."""
    if label.endswith(("s", "x")):
        return label
    if label.endswith("y") and not label.endswith(("ay", "ey", "oy")):
        return label[:-1] + "ies"
    return label + "s"

