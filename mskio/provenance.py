"""PROV-O provenance of the dataset and of each extracted statement.

Two parts, as the dataset description draws its line (mskio.metadata):
  * `link_statements` adds to the DATA the links that make every extracted statement traceable:
    the review and each reference entry prov:wasDerivedFrom the source file (the entry also
    carries mskio:sourceLine and its raw text c4o:hasContent); each cited work
    prov:wasDerivedFrom the reference entries its fields were read from (written by mskio.build).
  * `describe_build` adds to the DESCRIPTION the build: the dataset prov:wasGeneratedBy a
    prov:Activity that prov:used each source file and each curation file (each a prov:Entity
    with its SHA-256 as an spdx:Checksum), prov:wasAssociatedWith the prov:SoftwareAgent
    "mskio {version}".
Timestamps are the build time of `mskio.pipeline.build_time` (SOURCE_DATE_EPOCH, else the
latest date the sources print), never the clock, so rebuilds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from mskio.errors import InputError
from mskio.iris import Minter, doi_iri, slug
from mskio.metadata import dataset_iri
from mskio.namespaces import BIRO, MSKIO, PROV, SPDX, bind_prefixes
from mskio.records import Article, SourceFile
from mskio.triples import Triple


def read_inputs(directory: Path) -> tuple[SourceFile, ...]:
    """Every file under `directory` (recursively, sorted, hidden files skipped) with its SHA-256;
    no files if the directory does not exist."""
    if not directory.is_dir():
        return ()
    return read_files(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith("."))


def read_files(paths: Iterable[Path]) -> tuple[SourceFile, ...]:
    """Each existing file of `paths` (sorted) with its SHA-256; missing ones are left out."""
    files = []
    for path in sorted(p for p in paths if p.is_file()):
        try:
            files.append(SourceFile(path, hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return tuple(files)


def file_label(path: Path, root: Path | None) -> str:
    """The path as recorded: relative to the project root when inside it, else the file name
    (never an absolute path, which would differ between machines)."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def input_iri(source: SourceFile, *, base: str) -> URIRef:
    """An input file as a prov:Entity: <base>dataset/input/{slug(name)}-{sha256[:12]} (a new
    version of the file is a new entity)."""
    return URIRef(f"{dataset_iri(base)}/input/{slug(source.path.name)}-{source.sha256[:12]}")


def link_statements(articles: Iterable[Article], *, base: str) -> set[Triple]:
    """The statement-level links (part of the data), as a set of triples (mskio.triples): each
    review (its DOI IRI) and each of its reference entries prov:wasDerivedFrom the source file
    entity. (Each cited work prov:wasDerivedFrom the entries citing it:
    mskio.build.add_cited_work.) Linear in the entries."""
    links: set[Triple] = set()
    minter = Minter(base)
    derived = PROV.wasDerivedFrom
    for article in articles:
        review = doi_iri(article.doi)
        source = input_iri(article.source, base=base)
        links.add((review, derived, source))
        for ref in article.references:
            links.add((minter.reference(article.doi, ref.number), derived, source))
    return links


def _describe_input(graph: Graph, source: SourceFile, *, base: str, root: Path | None, media_type: str) -> URIRef:
    """An input file: prov:Entity, rdfs:label (its path), dcterms:format, spdx:checksum ->
    <entity>/sha256 (spdx:Checksum; spdx:algorithm, spdx:checksumValue)."""
    iri = input_iri(source, base=base)
    checksum = URIRef(f"{iri}/sha256")
    graph.add((iri, RDF.type, PROV.Entity))
    graph.add((iri, RDFS.label, Literal(file_label(source.path, root))))
    graph.add((iri, DCTERMS.format, Literal(media_type)))
    graph.add((iri, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(source.sha256, datatype=XSD.hexBinary)))
    return iri


def _media_type(path: Path) -> str:
    return {".yaml": "application/yaml", ".yml": "application/yaml", ".tsv": "text/tab-separated-values",
            ".csv": "text/csv", ".ttl": "text/turtle"}.get(path.suffix.lower(), "text/plain")


def activity_iri(*, base: str, version: str, build_time: dt.datetime, inputs: Iterable[SourceFile]) -> URIRef:
    """The build: <base>dataset/build/{hash12 of version, time and the inputs' SHA-256}."""
    key = "\n".join([version, build_time.isoformat(), *sorted(s.sha256 for s in inputs)])
    return URIRef(f"{dataset_iri(base)}/build/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}")


def agent_iri(*, base: str, version: str) -> URIRef:
    """The software: <base>dataset/agent/mskio-{version}."""
    return URIRef(f"{dataset_iri(base)}/agent/mskio-{slug(version)}")


def describe_build(
    articles: Iterable[Article],
    curation: Iterable[SourceFile],
    *,
    base: str,
    version: str,
    build_time: dt.datetime,
    root: Path | None = None,
) -> Graph:
    """The build's provenance (part of the description). `curation` is every other input file: the
    curation files, and the ontology, mappings, shapes and hand-written description the build reads.
    The dataset prov:wasGeneratedBy the activity, prov:generatedAtTime, prov:wasDerivedFrom each source file, dcterms:source each review;
    the activity (prov:Activity; rdfs:label, prov:startedAtTime, prov:endedAtTime, prov:used each
    input, prov:wasAssociatedWith the agent); the agent (prov:SoftwareAgent; foaf:name, owl:versionInfo,
    prov:actedOnBehalfOf <dataset>/agent/mskio-developers); each input file (see _describe_input)."""
    articles = tuple(articles)
    curation = tuple(curation)
    dataset = dataset_iri(base)
    graph = bind_prefixes(Graph())
    inputs = [a.source for a in articles] + list(curation)
    activity = activity_iri(base=base, version=version, build_time=build_time, inputs=inputs)
    agent = agent_iri(base=base, version=version)
    when = Literal(build_time.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)

    graph.add((dataset, PROV.wasGeneratedBy, activity))
    graph.add((dataset, PROV.generatedAtTime, when))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"mskio {version} build", lang="en")))
    graph.add((activity, RDFS.comment, Literal(
        "Parsed the source pages, applied the curation files, validated the graph with SHACL and wrote "
        "dist/. The times are the reproducible build time (SOURCE_DATE_EPOCH, else the latest date the "
        "sources print), not the wall clock.", lang="en")))
    graph.add((activity, PROV.startedAtTime, when))
    graph.add((activity, PROV.endedAtTime, when))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, FOAF.name, Literal(f"mskio {version}")))
    graph.add((agent, OWL.versionInfo, Literal(version)))
    graph.add((agent, PROV.actedOnBehalfOf, URIRef(f"{dataset}/agent/mskio-developers")))
    for article in articles:
        source = _describe_input(graph, article.source, base=base, root=root, media_type="text/plain")
        graph.add((activity, PROV.used, source))
        graph.add((dataset, PROV.wasDerivedFrom, source))
        graph.add((source, DCTERMS.source, doi_iri(article.doi)))
        graph.add((dataset, DCTERMS.source, doi_iri(article.doi)))
    for item in curation:
        entity = _describe_input(graph, item, base=base, root=root, media_type=_media_type(item.path))
        graph.add((activity, PROV.used, entity))
    return graph
