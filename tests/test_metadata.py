"""The dataset description (VoID, DCAT, schema.org) and its provenance (PROV-O).

Expected values read off data/sources/percutaneous-cryoablation-review.txt: 60 numbered references
(lines 17-76), the latest printed date "20 February 2026" (line 11), the rights line
"© 2026. Thieme. All rights reserved." (line 12).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from mskio.metadata import (CC0, DUMPS, data_part, dataset_iri, describe_dataset, describe_files, is_description,
                            load_template, schema_org)
from mskio.namespaces import BIBO, BIRO, DCAT, FABIO, MSKIO, PROV, SPDX, VOID
from mskio.pipeline import BuildResult, build_time
from mskio.project import Project
from mskio.provenance import describe_build, input_iri, link_statements, read_inputs
from mskio.records import Article
from tests.conftest import REVIEW_IRI, ROOT, SOURCE

BASE = "https://w3id.org/mskio/"
DATASET = URIRef(BASE + "dataset")
REVIEW = URIRef(REVIEW_IRI)


@pytest.fixture(scope="module")
def void(dist: Path) -> Graph:
    return Graph().parse(dist / "void.ttl", format="turtle")


def test_dataset_is_void_and_dcat_with_the_required_fields(built: BuildResult) -> None:
    g = built.graph
    assert (DATASET, RDF.type, VOID.Dataset) in g and (DATASET, RDF.type, DCAT.Dataset) in g
    for predicate in (DCTERMS.title, DCTERMS.description, DCAT.keyword, DCAT.theme, DCTERMS.creator,
                      DCTERMS.publisher, DCTERMS.issued, DCTERMS.modified, DCAT.version, VOID.uriSpace,
                      VOID.exampleResource, DCAT.distribution):
        assert g.value(DATASET, predicate) is not None, predicate
    assert (DATASET, DCTERMS.license, CC0) in g
    creator = g.value(DATASET, DCTERMS.creator)
    assert isinstance(creator, URIRef) and g.value(creator, FOAF.name) == Literal("mskio developers")
    # Themes are MeSH descriptors verified in shared/vocab/vocab-ids.tsv: Cryosurgery, Bone/Soft Tissue Neoplasms.
    assert {str(t) for t in g.objects(DATASET, DCAT.theme)} == {
        "http://id.nlm.nih.gov/mesh/D003452", "http://id.nlm.nih.gov/mesh/D001859",
        "http://id.nlm.nih.gov/mesh/D012983"}


def test_dates_come_from_the_sources_not_the_clock(built: BuildResult) -> None:
    # No SOURCE_DATE_EPOCH in the fixture build: the latest printed date, "20 February 2026" (line 11).
    assert built.graph.value(DATASET, DCTERMS.issued) == Literal("2026-02-20", datatype=XSD.date)
    assert built.graph.value(DATASET, DCTERMS.modified) == Literal("2026-02-20", datatype=XSD.date)
    assert built.graph.value(DATASET, PROV.generatedAtTime) == Literal("2026-02-20T00:00:00Z", datatype=XSD.dateTime)


def test_version_is_the_installed_package_version(built: BuildResult) -> None:
    assert built.graph.value(DATASET, DCAT.version) == Literal(version("mskio"))


def test_void_triples_is_what_the_dump_holds(built: BuildResult, dist: Path) -> None:
    """Issue 14: void:triples said 4,372 while mskio.nt held 5,104 (the count left out the description)."""
    data = data_part(built.graph, BASE)
    description = [t for t in built.graph if is_description(t[0], BASE)]
    assert description and len(data) + len(description) == len(built.graph)
    lines = [ln for ln in (dist / "mskio.nt").read_bytes().split(b"\n") if ln.strip()]
    assert built.graph.value(DATASET, VOID.triples) == Literal(len(lines), datatype=XSD.integer)
    void = Graph().parse(dist / "void.ttl")
    assert void.value(DATASET, VOID.triples) == Literal(len(lines), datatype=XSD.integer)


@pytest.mark.parametrize("cls,entities", [
    (BIRO.BibliographicReference, 60),   # 60 numbered entries, lines 17-76
    (FABIO.ReviewArticle, 1),
    (BIBO.Journal, 20),                  # distinct abbreviations among the 60 entries, counted by hand
], ids=["entries", "review", "journals"])
def test_class_partitions(built: BuildResult, cls: URIRef, entities: int) -> None:
    g = built.graph
    parts = [p for p in g.objects(DATASET, VOID.classPartition) if g.value(p, VOID["class"]) == cls]
    assert len(parts) == 1
    assert g.value(parts[0], VOID.entities) == Literal(entities, datatype=XSD.integer)


def test_property_partitions_sum_to_the_triples(built: BuildResult) -> None:
    g = built.graph
    parts = list(g.objects(DATASET, VOID.propertyPartition))
    assert parts
    assert sum(int(g.value(p, VOID.triples).toPython()) for p in parts) == len(data_part(g, BASE))
    number = [p for p in parts if g.value(p, VOID.property) == MSKIO.referenceNumber]
    assert g.value(number[0], VOID.triples) == Literal(60, datatype=XSD.integer)


def test_vocabularies_examples_and_uri_space(built: BuildResult) -> None:
    g = built.graph
    vocabularies = {str(v) for v in g.objects(DATASET, VOID.vocabulary)}
    assert {"http://purl.org/ontology/bibo/", "http://purl.org/spar/biro/", "http://purl.org/dc/terms/",
            "http://www.w3.org/ns/prov#"} <= vocabularies
    examples = set(g.objects(DATASET, VOID.exampleResource))
    assert REVIEW in examples and URIRef(f"{BASE}reference/10-1055-a-2744-8457/1") in examples
    assert g.value(DATASET, VOID.uriSpace) == Literal(BASE)
    assert g.value(DATASET, VOID.sparqlEndpoint) is None  # none configured in the fixture build


def test_no_blank_nodes_and_every_description_node_under_the_dataset(built: BuildResult) -> None:
    description: Graph = built.extras["description"]
    assert len(description) > 100
    for s, _, o in description:
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        assert is_description(s, BASE), s


def test_abstract_keeps_the_publishers_rights(built: BuildResult) -> None:
    g = built.graph
    statements = [r for r in g.objects(DATASET, DCTERMS.rights) if g.value(r, DCTERMS.references) == REVIEW]
    assert len(statements) == 1
    assert (statements[0], RDF.type, DCTERMS.RightsStatement) in g
    assert g.value(statements[0], RDFS.label) == Literal("© 2026. Thieme. All rights reserved.")  # line 12
    assert "not covered by this dataset's CC0 1.0 waiver" in str(g.value(statements[0], DCTERMS.description))


def test_dumps_do_not_hold_their_own_checksums_void_does(built: BuildResult, void: Graph, dist: Path) -> None:
    assert not list(built.graph.objects(None, DCAT.byteSize))
    distributions = list(void.objects(DATASET, DCAT.distribution))
    assert len(distributions) == len(DUMPS) == 6
    for node in distributions:
        url = str(void.value(node, DCAT.downloadURL))
        path = dist / url.rsplit("/", 1)[-1]
        checksum = void.value(node, SPDX.checksum)
        assert void.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(void.value(checksum, SPDX.checksumValue)) == hashlib.sha256(path.read_bytes()).hexdigest()
        assert int(void.value(node, DCAT.byteSize).toPython()) == path.stat().st_size
        assert void.value(node, DCTERMS.format) is not None


def test_void_ttl_holds_the_whole_description(built: BuildResult, void: Graph) -> None:
    description: Graph = built.extras["description"]
    missing = [t for t in description if t not in void]
    assert not missing


@pytest.mark.parametrize("name,iana", [("mskio.ttl", "text/turtle"), ("mskio.nt", "application/n-triples"),
                                       ("mskio.jsonld", "application/ld+json")], ids=["ttl", "nt", "jsonld"])
def test_rdf_dumps_have_registered_media_types(void: Graph, name: str, iana: str) -> None:
    node = next(d for d in void.objects(DATASET, DCAT.distribution) if str(void.value(d, DCAT.downloadURL)).endswith(name))
    assert void.value(node, DCAT.mediaType) == URIRef("http://www.iana.org/assignments/media-types/" + iana)
    assert (DATASET, VOID.dataDump, void.value(node, DCAT.downloadURL)) in void


def test_schema_org_dataset(dist: Path) -> None:
    doc = json.loads((dist / "dataset.schema.jsonld").read_text(encoding="utf-8"))
    assert doc["@type"] == "Dataset" and doc["@id"] == str(DATASET)
    assert doc["license"] == str(CC0)
    assert doc["copyrightNotice"].endswith("© 2026. Thieme. All rights reserved.")
    downloads = {d["contentUrl"].rsplit("/", 1)[-1]: d for d in doc["distribution"]}
    assert set(downloads) == {d.name for d in DUMPS}
    for name, item in downloads.items():
        assert item["sha256"] == hashlib.sha256((dist / name).read_bytes()).hexdigest()
    parsed = Graph().parse(dist / "dataset.schema.jsonld", format="json-ld")  # offline: the context is inline
    assert (DATASET, RDF.type, URIRef("https://schema.org/Dataset")) in parsed


def test_sparql_endpoint_and_source_date_epoch_are_stated(project: Project, article: Article) -> None:
    moment = build_time((article,), 1767225600)  # 2026-01-01T00:00:00Z
    data = Graph()
    data.add((REVIEW, RDF.type, FABIO.ReviewArticle))
    description = describe_dataset(data, template=load_template(project.dataset_description, base=BASE), base=BASE,
                                   version="9.9.9", build_time=moment, sparql_endpoint="http://localhost:7878/query")
    assert description.value(DATASET, VOID.sparqlEndpoint) == URIRef("http://localhost:7878/query")
    assert description.value(DATASET, DCTERMS.issued) == Literal("2026-01-01", datatype=XSD.date)
    assert description.value(DATASET, DCAT.version) == Literal("9.9.9")
    assert description.value(DATASET, VOID.triples) == Literal(1, datatype=XSD.integer)


def test_template_with_a_subject_outside_the_dataset_is_bad_input(tmp_path: Path) -> None:
    from mskio.errors import InputError

    path = tmp_path / "dataset.ttl"
    path.write_text("<work/x> <http://purl.org/dc/terms/title> \"x\" .\n", encoding="utf-8")
    with pytest.raises(InputError, match="dataset.ttl: every subject must lie under"):
        load_template(path, base=BASE)


# ---------------------------------------------------------------------------------------------- provenance

def test_build_activity_used_the_source_with_its_sha256(built: BuildResult) -> None:
    g = built.graph
    activity = g.value(DATASET, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in g
    source = URIRef(f"{BASE}dataset/input/percutaneous-cryoablation-review-txt-"
                    f"{hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]}")
    assert (activity, PROV.used, source) in g
    checksum = g.value(source, SPDX.checksum)
    assert str(g.value(checksum, SPDX.checksumValue)) == hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert g.value(source, RDFS.label) == Literal("data/sources/percutaneous-cryoablation-review.txt")
    assert g.value(activity, PROV.startedAtTime) == g.value(activity, PROV.endedAtTime) == g.value(
        DATASET, PROV.generatedAtTime)


def test_build_activity_used_every_curation_file(built: BuildResult, project: Project) -> None:
    files = read_inputs(project.curation)
    assert files, "data/curation/ has no file"
    activity = built.graph.value(DATASET, PROV.wasGeneratedBy)
    for item in files:
        entity = input_iri(item, base=BASE)
        assert (activity, PROV.used, entity) in built.graph, item.path
        checksum = built.graph.value(entity, SPDX.checksum)
        assert str(built.graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(item.path.read_bytes()).hexdigest()


def test_software_agent_is_named_with_its_version(built: BuildResult) -> None:
    g = built.graph
    agent = g.value(g.value(DATASET, PROV.wasGeneratedBy), PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    assert g.value(agent, FOAF.name) == Literal(f"mskio {version('mskio')}")
    assert g.value(agent, OWL.versionInfo) == Literal(version("mskio"))


def test_every_entry_and_work_traces_to_the_source(built: BuildResult) -> None:
    g = built.graph
    source = g.value(REVIEW, PROV.wasDerivedFrom)
    entries = list(g.objects(REVIEW, URIRef("http://purl.org/vocab/frbr/core#part")))
    assert len(entries) == 60
    for entry in entries:
        assert (entry, PROV.wasDerivedFrom, source) in g
        assert g.value(entry, MSKIO.sourceLine) is not None
        work = g.value(entry, BIRO.references)
        assert (work, PROV.wasDerivedFrom, entry) in g


def test_describe_build_is_deterministic_and_relative(article: Article) -> None:
    moment = dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc)
    first = describe_build((article,), (), base=BASE, version="1", build_time=moment, root=ROOT)
    second = describe_build((article,), (), base=BASE, version="1", build_time=moment, root=ROOT)
    assert set(first) == set(second)
    assert not [o for o in first.objects(None, RDFS.label) if str(o).startswith("/")]  # no absolute paths
    links = link_statements((article,), base=BASE)
    assert (REVIEW, PROV.wasDerivedFrom, input_iri(article.source, base=BASE)) in links


def test_schema_org_function_for_the_site(built: BuildResult) -> None:
    doc = schema_org(built.extras["description"], base=BASE)
    assert doc["@type"] == "Dataset" and doc["name"] and doc["distribution"]
    assert all("sha256" not in d for d in doc["distribution"])  # only void.ttl knows the checksums
    with_files = schema_org(built.extras["description"] + describe_files({"mskio.nt": b"x\n"}, base=BASE), base=BASE)
    nt = next(d for d in with_files["distribution"] if d["contentUrl"].endswith("mskio.nt"))
    assert nt["sha256"] == hashlib.sha256(b"x\n").hexdigest() and nt["contentSize"] == "2 B"
    assert dataset_iri(BASE) == DATASET


def test_schema_org_copyright_notice_does_not_grow_with_the_corpus(built: BuildResult) -> None:
    """Each review's rights note is quoted while there are few (the landing page embeds the notice);
    for more than COPYRIGHT_NOTES the notice counts them and points to the description that states each."""
    from mskio.metadata import COPYRIGHT_NOTES, schema_org

    description = Graph()
    description += built.extras["description"]
    dataset = dataset_iri("https://w3id.org/mskio/")
    for i in range(COPYRIGHT_NOTES + 3):
        node = URIRef(f"{dataset}/rights/test-{i}")
        description.add((dataset, DCTERMS.rights, node))
        description.add((node, RDFS.label, Literal(f"© 20{i:02d}. Publisher {i}.")))
        description.add((node, DCTERMS.references, URIRef(f"https://doi.org/10.5555/test.{i}")))
    notice = schema_org(description, base="https://w3id.org/mskio/")["copyrightNotice"]
    assert notice.startswith(f"abstracts of {COPYRIGHT_NOTES + 4} reviews") and "Publisher" not in notice


def test_void_states_the_size_and_checksum_of_each_reviews_own_dumps(void: Graph, dist: Path) -> None:
    """The reviews' own dumps are written as they are made; void.ttl still gives each one's byte
    size and SHA-256 (computed here from the files), so `mskio fair` compares, not parses, them."""
    files = sorted((dist / "reviews").iterdir())
    assert [f.suffix for f in files] == [".nt", ".ttl"]
    for path in files:
        [node] = [d for d in void.subjects(RDF.type, DCAT.Distribution)
                  if str(void.value(d, DCAT.downloadURL)).endswith("/reviews/" + path.name)]
        data = path.read_bytes()
        assert void.value(node, DCAT.byteSize) == Literal(len(data), datatype=XSD.nonNegativeInteger)
        checksum = void.value(node, SPDX.checksum)
        assert str(void.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
