"""The VoID + DCAT description of the dataset, and its schema.org twin for search engines.

Where the description lives, and why (the circularity of checksums):
  * The published graph (dist/mskio.ttl, .jsonld, .nt) holds the data AND its description:
    title, description, keywords, themes, creator/publisher, licence, rights, dates, version,
    statistics and partitions, vocabularies, example resources, URI space, SPARQL endpoint
    (when configured), and one dcat:Distribution per file with its media type and download URL.
  * A dump cannot hold its own byte size or checksum (writing them changes the bytes), so
    dcat:byteSize and spdx:checksum of each distribution are only in dist/void.ttl, which is
    the same description plus those numbers (void.ttl is not a distribution of itself).
  * The dataset's void:triples is the number of triples the dumps hold (data and description:
    mskio.pipeline.count_dump), so that a consumer counting mskio.nt agrees with it. The other
    statistics (void:entities, the partitions, void:vocabulary) describe the data only: the
    triples whose subject is not the dataset IRI <base>dataset nor under <base>dataset/ (see
    `is_description`); counting the description too would make them depend on themselves.

Every node is an IRI under <base>dataset/ (no blank nodes). The hand-written part of the
description is data/dataset.ttl; this module adds what the data can tell.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, XSD
from rdflib.term import Node

from mskio.errors import InputError
from mskio.iris import doi_iri, slug
from mskio.namespaces import BIBO, BIRO, DCAT, FABIO, MSKIO, PREFIXES, SPDX, VOID, bind_prefixes
from mskio.rdf_files import read_rdf_file

if TYPE_CHECKING:
    from mskio.store import Store

IANA = "http://www.iana.org/assignments/media-types/"
"""IANA's media-type registry: dcat:mediaType IRIs for registered types."""


@dataclass(frozen=True)
class DumpFile:
    """A file of dist/ that is a distribution of the dataset.

    `media_type` is the type a server sends; `registered` says whether IANA registered it
    (only then is it given as a dcat:mediaType IRI; otherwise only as dcterms:format text).
    """

    name: str
    media_type: str
    registered: bool
    title: str


def review_dump(stem: str, extension: str) -> str:
    """The path in dist/ of one review's own dump: reviews/{stem}.nt or .ttl (`extension`)."""
    return f"reviews/{stem}{extension}"


DUMPS: tuple[DumpFile, ...] = (
    DumpFile("mskio.ttl", "text/turtle", True, "The whole graph in Turtle"),
    DumpFile("mskio.nt", "application/n-triples", True, "The whole graph in N-Triples, one triple a line, sorted"),
    DumpFile("mskio.jsonld", "application/ld+json", True, "The whole graph in JSON-LD (context: context.jsonld)"),
    DumpFile("references.bib", "application/x-bibtex", False, "The reference lists in BibTeX"),
    DumpFile("references.csl.json", "application/vnd.citationstyles.csl+json", False,
             "The reference lists in CSL-JSON (Citation Style Language)"),
    DumpFile("references.ris", "application/x-research-info-systems", False, "The reference lists in RIS"),
)
"""The files described as dcat:Distribution, in the order they are listed."""

CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
"""The licence of mskio's own work (see README, Licence)."""


def dataset_iri(base: str) -> URIRef:
    """The IRI of the dataset: <base>dataset (its landing page in the site)."""
    return URIRef(base + "dataset")


def is_description(term: object, base: str) -> bool:
    """True when `term` is the dataset IRI or an IRI under it (a node of the description)."""
    iri = str(dataset_iri(base))
    return isinstance(term, URIRef) and (str(term) == iri or str(term).startswith(iri + "/"))


def data_part(graph: Graph, base: str) -> Graph:
    """The triples of `graph` that are data, not description (subject not under <base>dataset)."""
    out = Graph()
    for triple in graph:
        if not is_description(triple[0], base):
            out.add(triple)
    return out


def distribution_iri(base: str, name: str) -> URIRef:
    """The dcat:Distribution of the file `name`: <base>dataset/distribution/{slug(name)}."""
    return URIRef(f"{dataset_iri(base)}/distribution/{slug(name)}")


def load_template(path: Path, *, base: str) -> Graph:
    """The hand-written description (data/dataset.ttl), relative IRIs resolved against `base`."""
    graph = read_rdf_file(path, format="turtle", base=base, what="the hand-written dataset description")
    for s, _, o in graph:
        if not is_description(s, base):
            raise InputError(f"every subject must lie under <{dataset_iri(base)}>, not {s.n3()}", path=path)
        if not isinstance(s, URIRef) or isinstance(o, BNode):
            raise InputError("blank nodes are not allowed", path=path)
    return graph


def _curie(iri: URIRef) -> str:
    """'bibo-AcademicArticle' for a term in a known namespace, else a hash of the IRI."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if str(iri).startswith(namespace) and len(str(iri)) > len(namespace):
            return f"{prefix}-{slug(str(iri)[len(namespace):])}"
    return "iri-" + hashlib.sha256(str(iri).encode("utf-8")).hexdigest()[:12]


def _vocabulary(iri: URIRef) -> str | None:
    """The namespace IRI of the known vocabulary `iri` belongs to."""
    matches = [ns for ns in PREFIXES.values() if str(iri).startswith(ns)]
    return max(matches, key=len) if matches else None


@dataclass(frozen=True)
class Statistics:
    """The VoID statistics of a graph's data: its triples, distinct subjects and objects, entities
    (distinct subjects with an rdf:type IRI), and per class IRI its distinct instances, per
    property its triples. Made by one pass over the triples (`of`) or by the SPARQL of
    queries/statistics/ on a store holding the data alone (`from_store`: Oxigraph's, a tenth of the
    time at 500k triples and no Python set of every subject and object); both give the same
    numbers (tests/test_statistics.py compares them on the test corpus's build)."""

    triples: int
    subjects: int
    objects: int
    entities: int
    classes: Mapping[str, int]
    properties: Mapping[str, int]

    @classmethod
    def of(cls, data: Iterable[tuple[Node, Node, Node]]) -> Statistics:
        """The statistics of `data` (a Graph, or its distinct triples), read once."""
        instances: dict[URIRef, set[Any]] = {}
        properties: Counter[str] = Counter()
        subjects: set[Node] = set()
        objects: set[Node] = set()
        rdf_type = RDF.type
        triples = 0
        for s, p, o in data:
            triples += 1
            properties[str(p)] += 1
            subjects.add(s)
            objects.add(o)
            if p == rdf_type and isinstance(o, URIRef):
                instances.setdefault(o, set()).add(s)
        return cls(triples=triples, subjects=len(subjects), objects=len(objects),
                   entities=len({s for members in instances.values() for s in members}),
                   classes={str(c): len(members) for c, members in instances.items()}, properties=dict(properties))

    @classmethod
    def from_store(cls, store: Store, queries: Path) -> Statistics:
        """The statistics of everything `store` holds, by the queries in `queries`
        (queries/statistics/: totals.rq, classes.rq, properties.rq)."""
        def select(name: str) -> list[dict[str, str | None]]:
            return store.select((queries / f"{name}.rq").read_text(encoding="utf-8")).records()

        (totals,) = select("totals")

        def count(value: str | None) -> int:
            assert value is not None, "a COUNT is always bound"
            return int(value)

        return cls(triples=count(totals["triples"]), subjects=count(totals["subjects"]),
                   objects=count(totals["objects"]), entities=count(totals["entities"]),
                   classes={str(r["class"]): count(r["entities"]) for r in select("classes")},
                   properties={str(r["property"]): count(r["triples"]) for r in select("properties")})


def add_statistics(description: Graph, statistics: Statistics, *, dataset: URIRef) -> None:
    """`statistics` on `dataset`: void:triples, void:entities, void:distinctSubjects,
    void:distinctObjects, void:classes, void:properties, one void:classPartition per class
    (void:class, void:entities) and one void:propertyPartition per property (void:property,
    void:triples), each an IRI <dataset>/class/{curie} or <dataset>/property/{curie};
    void:vocabulary for each known vocabulary of a class or property."""

    def integer(n: int) -> Literal:
        return Literal(n, datatype=XSD.integer)

    description.add((dataset, VOID.triples, integer(statistics.triples)))
    description.add((dataset, VOID.entities, integer(statistics.entities)))
    description.add((dataset, VOID.distinctSubjects, integer(statistics.subjects)))
    description.add((dataset, VOID.distinctObjects, integer(statistics.objects)))
    description.add((dataset, VOID.classes, integer(len(statistics.classes))))
    description.add((dataset, VOID.properties, integer(len(statistics.properties))))
    vocabularies: set[str] = set()
    for iri, count in statistics.classes.items():
        cls = URIRef(iri)
        part = URIRef(f"{dataset}/class/{_curie(cls)}")
        description.add((dataset, VOID.classPartition, part))
        description.add((part, RDF.type, VOID.Dataset))
        description.add((part, VOID["class"], cls))
        description.add((part, VOID.entities, integer(count)))
        vocabularies.update(v for v in [_vocabulary(cls)] if v)
    for iri, count in statistics.properties.items():
        prop = URIRef(iri)
        part = URIRef(f"{dataset}/property/{_curie(prop)}")
        description.add((dataset, VOID.propertyPartition, part))
        description.add((part, RDF.type, VOID.Dataset))
        description.add((part, VOID.property, prop))
        description.add((part, VOID.triples, integer(count)))
        vocabularies.update(v for v in [_vocabulary(prop)] if v)
    for namespace in vocabularies:
        description.add((dataset, VOID.vocabulary, URIRef(namespace)))


def example_resources(data: Graph) -> list[URIRef]:
    """A few typical resources: each review, the first entry of each reference list, the first
    cited work in IRI order, the first indication in IRI order (when there are any)."""
    examples: list[URIRef] = []
    for review in sorted(s for s in data.subjects(RDF.type, FABIO.ReviewArticle) if isinstance(s, URIRef)):
        examples.append(review)
    entries = sorted((int(n.toPython()), e) for e, n in data.subject_objects(MSKIO.referenceNumber)
                     if isinstance(e, URIRef) and isinstance(n, Literal))
    if entries:
        examples.append(entries[0][1])
        work = data.value(entries[0][1], BIRO.references)
        if isinstance(work, URIRef):
            examples.append(work)
    indications = sorted(s for s in data.subjects(RDF.type, MSKIO.Indication) if isinstance(s, URIRef))
    examples.extend(indications[:1])
    return examples


def add_abstract_rights(description: Graph, data: Graph, *, dataset: URIRef) -> None:
    """For each review whose abstract the data reproduces: dataset dcterms:rights a
    dcterms:RightsStatement <dataset>/rights/abstract-{slug(review)} with rdfs:label (the
    publisher's own statement, as printed, e.g. "© 2026. Thieme. All rights reserved.") and
    dcterms:description (that the abstract is excluded from the CC0 waiver); dcterms:references
    the review; dcterms:rightsHolder the review's dcterms:publisher."""
    for review in sorted(s for s in data.subjects(DCTERMS.abstract, None) if isinstance(s, URIRef)):
        statement = data.value(review, DCTERMS.rights)
        if statement is None:
            continue
        node = URIRef(f"{dataset}/rights/abstract-{slug(str(review).split('://', 1)[-1])}")
        description.add((dataset, DCTERMS.rights, node))
        description.add((node, RDF.type, DCTERMS.RightsStatement))
        description.add((node, RDFS.label, Literal(str(statement))))
        description.add((node, DCTERMS.references, review))
        publisher = data.value(review, DCTERMS.publisher)
        if isinstance(publisher, URIRef):
            description.add((node, DCTERMS.rightsHolder, publisher))
        description.add((node, DCTERMS.description, Literal(
            f"The abstract of {review} (its dcterms:abstract) is reproduced from the publisher's page "
            f"verbatim, so that indications can quote it. It is not mskio's work and not covered by "
            f"this dataset's CC0 1.0 waiver: it stays under the publisher's rights statement, "
            f"'{statement}'.", lang="en")))


def add_distributions(description: Graph, *, dataset: URIRef, base: str) -> None:
    """One dcat:Distribution per file of DUMPS: dcat:distribution from the dataset, dcterms:title,
    dcat:downloadURL <base>{name}, dcat:mediaType (IANA IRI, registered types only), dcterms:format
    (the media type as text); the RDF dumps also as void:dataDump."""
    for dump in DUMPS:
        node = distribution_iri(base, dump.name)
        url = URIRef(base + dump.name)
        description.add((dataset, DCAT.distribution, node))
        description.add((node, RDF.type, DCAT.Distribution))
        description.add((node, DCTERMS.title, Literal(dump.title, lang="en")))
        description.add((node, DCAT.downloadURL, url))
        description.add((node, DCAT.accessURL, url))
        description.add((node, DCTERMS.format, Literal(dump.media_type)))
        description.add((node, DCTERMS.license, CC0))
        if dump.registered:
            description.add((node, DCAT.mediaType, URIRef(IANA + dump.media_type)))
            description.add((dataset, VOID.dataDump, url))


@dataclass(frozen=True)
class ReviewFacts:
    """What the description says of one source article of the corpus (computed by the pipeline)."""

    doi: str
    title: str
    entries: int
    works: int
    shared_works: int
    triples: int
    """Triples of the review's own dump (dist/reviews/{file_stem}.nt)."""
    file_stem: str


@dataclass(frozen=True)
class CorpusFacts:
    """The counts of the whole corpus the description states, and each review's."""

    reviews: tuple[ReviewFacts, ...]
    entries: int
    works: int
    shared_works: int
    people: int
    journals: int
    conflicts: int


def review_subset_iri(base: str, doi: str) -> URIRef:
    """One review's part of the dataset: <base>dataset/review/{slug(doi)}."""
    return URIRef(f"{dataset_iri(base)}/review/{slug(doi)}")


def corpus_description(facts: CorpusFacts) -> str:
    """The dcterms:description of the dataset, from the corpus's counts (no sentence fits one review only)."""
    n = len(facts.reviews)
    return (
        f"A FAIR knowledge graph of the reference lists of {n} article{'s' if n != 1 else ''} of the literature "
        f"of musculoskeletal interventional oncology: {facts.entries} reference entries, each with its raw text "
        f"and the citation fields read from it as that article printed them; {facts.works} distinct cited works "
        f"({facts.shared_works} cited by more than one article), {facts.people} people and {facts.journals} "
        f"journals; {facts.conflicts} places where articles print a shared work differently, kept as data; the "
        "indications the articles' abstracts state (each with its verbatim sentence) and the conditions, "
        "procedures and study designs that the titles of the cited works name. Built by mskio; every statement "
        "links to the source file, reference entry or abstract sentence it comes from. Each article is a "
        "void:subset with its own counts and dumps.")


def add_review_subsets(description: Graph, facts: CorpusFacts, *, dataset: URIRef, base: str) -> None:
    """One void:subset per review: void:Dataset and dcat:Dataset, dcterms:title, dcterms:source the
    review, dcat:landingPage the review's IRI, void:triples of its own dump, void:entities (its
    entries and the works they cite), mskio-free counts as VoID class partitions
    (biro:BibliographicReference entities, cited works), void:dataDump and a dcat:Distribution for each
    of its dumps (dist/reviews/{stem}.nt and .ttl), dcterms:license CC0."""
    for review in facts.reviews:
        node = review_subset_iri(base, review.doi)
        description.add((dataset, VOID.subset, node))
        description.add((node, RDF.type, VOID.Dataset))
        description.add((node, RDF.type, DCAT.Dataset))
        description.add((node, DCTERMS.title, Literal(f"The reference list of {review.title}", lang="en")))
        description.add((node, DCTERMS.description, Literal(
            f"{review.entries} reference entries citing {review.works} works, {review.shared_works} of them "
            f"cited by another article of the corpus.", lang="en")))
        description.add((node, DCTERMS.source, doi_iri(review.doi)))
        description.add((node, DCAT.landingPage, doi_iri(review.doi)))
        description.add((node, DCTERMS.license, CC0))
        description.add((node, VOID.triples, Literal(review.triples, datatype=XSD.integer)))
        description.add((node, VOID.entities, Literal(review.entries + review.works, datatype=XSD.integer)))
        for cls, count in ((BIRO.BibliographicReference, review.entries), (BIBO.Document, review.works)):
            part = URIRef(f"{node}/class/{_curie(cls)}")
            description.add((node, VOID.classPartition, part))
            description.add((part, RDF.type, VOID.Dataset))
            description.add((part, VOID["class"], cls))
            description.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
        for extension, media_type in ((".nt", "application/n-triples"), (".ttl", "text/turtle")):
            name = review_dump(review.file_stem, extension)
            dist = distribution_iri(base, name)
            url = URIRef(base + name)
            description.add((node, DCAT.distribution, dist))
            description.add((node, VOID.dataDump, url))
            description.add((dist, RDF.type, DCAT.Distribution))
            description.add((dist, DCTERMS.title, Literal(f"{name}: the reference list of {review.doi} alone", lang="en")))
            description.add((dist, DCAT.downloadURL, url))
            description.add((dist, DCAT.accessURL, url))
            description.add((dist, DCTERMS.format, Literal(media_type)))
            description.add((dist, DCAT.mediaType, URIRef(IANA + media_type)))
            description.add((dist, DCTERMS.license, CC0))


def describe_dataset(
    data: Graph,
    *,
    template: Graph,
    base: str,
    version: str,
    build_time: dt.datetime,
    sparql_endpoint: str | None = None,
    corpus: CorpusFacts | None = None,
    statistics: Statistics | None = None,
) -> Graph:
    """The description that goes into the published graph: `template` plus, given `corpus`, the
    dcterms:description computed from its counts and one void:subset per review
    (`add_review_subsets`); dcterms:issued and dcterms:modified (xsd:date of `build_time`), dcat:version and owl:versionInfo, void:uriSpace,
    void:exampleResource, void:sparqlEndpoint (when given), the statistics, the rights of
    reproduced abstracts and the distributions (without sizes or checksums: see the module doc).
    `statistics`, when given, are `data`'s (`Statistics.from_store`), else counted from it."""
    dataset = dataset_iri(base)
    description = bind_prefixes(Graph())
    description += template
    day = Literal(build_time.date().isoformat(), datatype=XSD.date)
    description.add((dataset, DCTERMS.issued, day))
    description.add((dataset, DCTERMS.modified, day))
    description.add((dataset, DCAT.version, Literal(version)))
    description.add((dataset, OWL.versionInfo, Literal(version)))
    description.add((dataset, VOID.uriSpace, Literal(base)))
    description.add((dataset, DCAT.landingPage, dataset))
    for example in example_resources(data):
        description.add((dataset, VOID.exampleResource, example))
    if sparql_endpoint:
        description.add((dataset, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    add_statistics(description, Statistics.of(data) if statistics is None else statistics, dataset=dataset)
    add_abstract_rights(description, data, dataset=dataset)
    add_distributions(description, dataset=dataset, base=base)
    if corpus is not None:
        description.add((dataset, DCTERMS.description, Literal(corpus_description(corpus), lang="en")))
        add_review_subsets(description, corpus, dataset=dataset, base=base)
    return description


@dataclass(frozen=True)
class FileDigest:
    """A written file's byte size and SHA-256 (hex), kept instead of its bytes."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> FileDigest:
        return cls(len(data), hashlib.sha256(data).hexdigest())


def describe_files(files: Mapping[str, bytes], *, base: str,
                   digests: Mapping[str, FileDigest] | None = None) -> Graph:
    """What only void.ttl can say about each written file of DUMPS (`files`: name -> bytes) and
    each other distribution `digests` names (a review's own dumps, reviews/{stem}.nt and .ttl,
    whose bytes were written as they were made): dcat:byteSize (xsd:nonNegativeInteger) and
    spdx:checksum -> <distribution>/sha256, a spdx:Checksum with spdx:algorithm
    spdx:checksumAlgorithm_sha256 and spdx:checksumValue (xsd:hexBinary)."""
    graph = bind_prefixes(Graph())
    found = {dump.name: FileDigest.of(files[dump.name]) for dump in DUMPS if dump.name in files}
    found.update(digests or {})
    for name, digest in sorted(found.items()):
        node = distribution_iri(base, name)
        checksum = URIRef(f"{node}/sha256")
        graph.add((node, DCAT.byteSize, Literal(digest.size, datatype=XSD.nonNegativeInteger)))
        graph.add((node, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(digest.sha256, datatype=XSD.hexBinary)))
    return graph


def schema_org(description: Graph, *, base: str) -> dict[str, Any]:
    """A schema.org Dataset (JSON-LD object) made from the description, for the landing page's
    <script type="application/ld+json">: name, description, keywords, license, creator, publisher,
    version, dates, inLanguage, about (the themes), url, identifier, distribution (DataDownload
    with contentUrl and encodingFormat), and, when void.ttl's numbers are in `description`,
    contentSize and sha256 of each download. The context is {"@vocab": "https://schema.org/"}, not the
    remote "https://schema.org/" document, so that it parses offline; every node has an @id (no blank nodes)."""
    dataset = dataset_iri(base)

    def one(subject: URIRef, predicate: URIRef) -> str | None:
        value = description.value(subject, predicate)
        return str(value) if value is not None else None

    def agent(iri: URIRef) -> dict[str, Any]:
        return {"@type": "Organization", "@id": str(iri), "name": one(iri, FOAF.name)}

    creators = sorted(o for o in description.objects(dataset, DCTERMS.creator) if isinstance(o, URIRef))
    publishers = sorted(o for o in description.objects(dataset, DCTERMS.publisher) if isinstance(o, URIRef))
    downloads = []
    for node in sorted(o for o in description.objects(dataset, DCAT.distribution) if isinstance(o, URIRef)):
        item: dict[str, Any] = {
            "@type": "DataDownload",
            "@id": str(node),
            "name": one(node, DCTERMS.title),
            "contentUrl": one(node, DCAT.downloadURL),
            "encodingFormat": one(node, DCTERMS.format),
            "license": one(node, DCTERMS.license),
        }
        size = description.value(node, DCAT.byteSize)
        if isinstance(size, Literal):
            item["contentSize"] = f"{int(size.toPython())} B"
        checksum = description.value(node, SPDX.checksum)
        if checksum is not None:
            item["sha256"] = one(URIRef(str(checksum)), SPDX.checksumValue)
        downloads.append(item)
    rights = [str(description.value(URIRef(str(node)), RDFS.label) or "")
              for node in sorted(str(o) for o in description.objects(dataset, DCTERMS.rights))
              if description.value(URIRef(str(node)), DCTERMS.references) is not None]
    document: dict[str, Any] = {
        "@context": {"@vocab": "https://schema.org/"},
        "@type": "Dataset",
        "@id": str(dataset),
        "url": str(dataset),
        "identifier": str(dataset),
        "name": one(dataset, DCTERMS.title),
        "description": one(dataset, DCTERMS.description),
        "keywords": sorted(str(k) for k in description.objects(dataset, DCAT.keyword)),
        "about": [{"@id": t} for t in sorted(str(o) for o in description.objects(dataset, DCAT.theme))],
        "license": one(dataset, DCTERMS.license),
        "creator": [agent(c) for c in creators],
        "publisher": [agent(p) for p in publishers],
        "version": one(dataset, DCAT.version),
        "datePublished": one(dataset, DCTERMS.issued),
        "dateModified": one(dataset, DCTERMS.modified),
        "inLanguage": "en",
        "isAccessibleForFree": True,
        "distribution": downloads,
    }
    notes = sorted(set(rights))
    if 0 < len(notes) <= COPYRIGHT_NOTES:
        document["copyrightNotice"] = "; ".join(f"abstract reproduced from the publisher: {r}" for r in notes)
    elif notes:  # one per review: the notice (embedded in the landing page) would grow with the corpus
        document["copyrightNotice"] = (f"abstracts of {len(rights)} reviews reproduced from their publishers, "
                                       "each under the rights statement the dataset description gives "
                                       "(void.ttl, dcterms:rights)")
    return document


COPYRIGHT_NOTES = 5
"""At most this many distinct rights notes are quoted in schema.org's copyrightNotice; beyond, it
counts them and points to the dataset description, which states each."""
