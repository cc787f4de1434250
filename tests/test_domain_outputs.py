"""The files the domain stage adds to dist/: the ontology (Turtle, RDF/XML, HTML, SSSOM), the evidence
map (PNG, SVG, TSV), the reasoner's inferences; all byte-identical across rebuilds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, SKOS

from mskio.namespaces import MSKIO
from tests.conftest import ROOT

DOMAIN_FILES = ["ontology/mskio.ttl", "ontology/mskio.owl", "ontology/index.html", "ontology/mappings.sssom.tsv",
                "evidence-map.png", "evidence-map.svg", "evidence-map.tsv", "inferred.ttl", "reasoning.txt"]


def test_domain_files_are_in_dist(dist: Path) -> None:
    for name in DOMAIN_FILES:
        assert (dist / name).is_file() and (dist / name).stat().st_size > 0, name


def test_published_ontology_has_the_mappings_and_rdfxml_is_the_same_graph(dist: Path) -> None:
    turtle = Graph().parse(dist / "ontology" / "mskio.ttl", format="turtle")
    rdfxml = Graph().parse(dist / "ontology" / "mskio.owl", format="xml")
    assert (URIRef("https://w3id.org/mskio/ontology"), RDF.type, OWL.Ontology) in turtle
    assert (MSKIO.OsteoidOsteoma, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/MONDO_0009808")) in turtle
    assert (MSKIO.Knee, SKOS.closeMatch, URIRef("http://purl.obolibrary.org/obo/UBERON_0001485")) in turtle
    source = Graph().parse(ROOT / "ontology" / "mskio.ttl", format="turtle")
    mapped = sum(1 for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
                 for _ in turtle.triples((None, p, None)))
    assert len(turtle) == len(source) + mapped
    assert isomorphic(turtle, rdfxml)


def test_ontology_html_documents_the_classes(dist: Path) -> None:
    html = (dist / "ontology" / "index.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:500].lower()
    for text in ("osteoid osteoma", "desmoid fibromatosis", "intra-operative cryotherapy", "indication status"):
        assert text in html


def test_evidence_map_figure_and_table(dist: Path) -> None:
    assert (dist / "evidence-map.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = ElementTree.parse(dist / "evidence-map.svg").getroot()
    assert svg.tag.endswith("svg")
    svg_text = (dist / "evidence-map.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg_text  # no build date in the figure
    rows = [line.split("\t") for line in (dist / "evidence-map.tsv").read_text(encoding="utf-8").splitlines()]
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    assert header[:2] == ["indication", "works"]
    # works per indication, as listed in tests/test_annotate.py EXPECTED_EVIDENCE
    assert body["osteoid osteoma [well-established]"][1] == "4"
    assert body["bone metastasis [well-established]"][1] == "10"
    assert body["desmoid fibromatosis [emerging]"][1] == "3"
    assert body["benign bone tumour, not osteoid osteoma [emerging]"][1] == "6"
    assert body["local recurrence & soft-tissue sarcoma [emerging]"][1] == "0"
    desmoid = dict(zip(header, body["desmoid fibromatosis [emerging]"]))
    # ref 52 "prospective, open phase II study", ref 53 "systematic review", ref 13 states no type
    assert (desmoid["phase II trial"], desmoid["systematic review"], desmoid["type not stated"]) == ("1", "1", "1")


def test_inferred_triples_file(dist: Path) -> None:
    inferred = Graph().parse(dist / "inferred.ttl", format="turtle")
    data = Graph().parse(dist / "mskio.ttl", format="turtle")
    assert len(inferred) > 100
    assert not any(t in data for t in inferred)
    report = (dist / "reasoning.txt").read_text(encoding="utf-8")
    assert report.startswith("HermiT (OWL 2 DL): the ontology with the data is consistent")


SCRIPT = """
import hashlib, sys
from pathlib import Path
from mskio.domain import domain_outputs, reason_domain, run_domain
from mskio.iris import Minter
from mskio.pipeline import build_dataset, parse_sources
from mskio.project import Project
project = Project(Path(sys.argv[1]))
articles = parse_sources(project.default_sources())
minter = Minter()
domain = run_domain(articles, project=project, minter=minter)
data = build_dataset(articles, minter=minter) + domain.graph
for name, data in sorted(domain_outputs(domain, reason_domain(domain, data), project=project).items()):
    print(name, hashlib.sha256(data).hexdigest())
"""


def test_domain_outputs_are_byte_identical_across_hash_seeds() -> None:
    runs = []
    for seed in ("3", "977"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT)], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True)
        runs.append(done.stdout)
    assert sorted(line.split()[0] for line in runs[0].splitlines()) == sorted(DOMAIN_FILES)
    assert runs[0] == runs[1]


def test_png_has_no_software_metadata(dist: Path) -> None:
    png = (dist / "evidence-map.png").read_bytes()
    assert b"matplotlib" not in png.lower() and hashlib.sha256(png).hexdigest()


def test_readme_figure_is_the_built_one(dist: Path) -> None:
    assert (ROOT / "docs" / "evidence-map.png").read_bytes() == (dist / "evidence-map.png").read_bytes()
    assert "docs/evidence-map.png" in (ROOT / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# MeSH headings of a source (PubMed): published as the source's indexing, linked only by mappings
# ---------------------------------------------------------------------------

def test_mesh_headings_are_the_sources_indexing(tmp_path: Path) -> None:
    """A small Article with three headings: 'Osteoma, Osteoid' (D010017, which ontology/mappings.sssom.tsv
    maps by skos:exactMatch to mskio:OsteoidOsteoma), 'Cryosurgery' (D003452, mapped only by
    skos:broadMatch: no link) and 'Humans' (D006801, no mapping: no link)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    from mskio.domain import run_domain
    from mskio.errors import InputError
    from mskio.iris import Minter
    from mskio.project import Project
    from mskio.records import Article, Located, MeshHeading, SourceFile

    article = Article(
        source=SourceFile(path=tmp_path / "pubmed.xml", sha256="0" * 64, format="pubmed"),
        doi="10.5555/mesh-test", title=Located("Cryoablation of osteoid osteoma", 1),
        mesh=(MeshHeading("D010017", "Osteoma, Osteoid", major=True), MeshHeading("D003452", "Cryosurgery"),
              MeshHeading("D006801", "Humans")))
    g = run_domain([article], project=Project(ROOT), minter=Minter()).graph
    review = URIRef("https://doi.org/10.5555/mesh-test")
    base = "https://w3id.org/mskio/doi/10-5555-mesh-test/annotation/mesh-"  # not under doi.org: not ours to mint
    oo, cryo, humans = URIRef(base + "d010017"), URIRef(base + "d003452"), URIRef(base + "d006801")
    for node, ui, text, major in ((oo, "D010017", "Osteoma, Osteoid", True), (cryo, "D003452", "Cryosurgery", False),
                                  (humans, "D006801", "Humans", False)):
        assert (node, RDF.type, MSKIO.SubjectHeading) in g
        assert (node, MSKIO.indexedWork, review) in g
        assert (node, MSKIO.annotationMethod, MSKIO.SourceIndexing) in g  # "provided by the source"
        assert (node, MSKIO.headingDescriptor, URIRef("http://id.nlm.nih.gov/mesh/" + ui)) in g
        assert (node, MSKIO.headingText, Literal(text)) in g
        assert (node, MSKIO.majorTopic, Literal(major, datatype=XSD.boolean)) in g
        assert (node, MSKIO.annotationMethod, MSKIO.TitleLabelMatch) not in g
    assert set(g.objects(oo, MSKIO.mappedTerm)) == {MSKIO.OsteoidOsteoma}
    assert set(g.objects(cryo, MSKIO.mappedTerm)) == set()  # broadMatch: MeSH Cryosurgery is broader
    assert set(g.objects(humans, MSKIO.mappedTerm)) == set()
    about = {g.value(t, RDF.type) for t in g.objects(review, MSKIO.isAbout)}
    assert about == {MSKIO.OsteoidOsteoma}
    assert not any(g.triples((None, RDF.type, MSKIO.TopicAnnotation)))  # never our inference
    bad = Article(source=article.source, doi="10.5555/x", title=Located("x", 1), mesh=(MeshHeading("12345", "x"),))
    try:
        run_domain([bad], project=Project(ROOT), minter=Minter())
    except InputError as exc:
        assert "'12345' is not a MeSH descriptor UI" in str(exc)
    else:
        raise AssertionError("a bad descriptor UI was published")


def test_subject_headings_reason_consistently() -> None:
    """HermiT (real Java) on the ontology with a subject heading: consistent, and the heading is not
    inferred to be a topic annotation."""
    from mskio.reason import reason
    from mskio.terms import load_ontology

    g = Graph()
    node, review = URIRef("https://w3id.org/mskio/doi/10-5555-x/annotation/mesh-d010017"), URIRef("https://doi.org/10.5555/x")
    g.add((node, RDF.type, MSKIO.SubjectHeading))
    g.add((node, MSKIO.indexedWork, review))
    g.add((node, MSKIO.annotationMethod, MSKIO.SourceIndexing))
    result = reason(load_ontology(ROOT / "ontology" / "mskio.ttl"), g)
    assert (node, RDF.type, MSKIO.TopicAnnotation) not in result.inferred


# ---------------------------------------------------------------------------
# The evidence map over a corpus: one row per indication across the reviews that state it
# ---------------------------------------------------------------------------

def test_evidence_map_over_the_corpus(tmp_path: Path) -> None:
    """The seed and the three test corpus reviews, each with its curation (the corpus reviews' files are
    tests/data/gold/curation/, confirmed by hand). Shared works are one node, so a work linked by two
    reviews counts once: the osteoid osteoma row has the seed's refs 4, 28, 29, 30, and the benign-bone
    review's refs 1 and 2 are the seed's 30 and 28 (same titles, authors, years)."""
    import shutil

    from mskio.pipeline import BuildConfig, run_build
    from mskio.project import Project

    root = tmp_path / "project"
    for name in ("ontology", "shapes", "data", "queries"):
        shutil.copytree(ROOT / name, root / name)
    for path in sorted((ROOT / "tests" / "data" / "gold" / "curation").glob("*.yaml")):
        shutil.copy(path, root / "data" / "curation" / path.name)
    corpus = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))
    assert len(corpus) == 3
    result = run_build(BuildConfig(project=Project(root), sources=(ROOT / "data" / "sources" /
                                   "percutaneous-cryoablation-review.txt", *corpus), out=tmp_path / "dist",
                                   reason=False))
    assert "no curation" not in result.summary and "curation       none" not in result.summary
    rows = [line.split("\t") for line in (tmp_path / "dist" / "evidence-map.tsv").read_text(encoding="utf-8").splitlines()]
    header, body = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert header[:2] == ["indication", "works"]
    seed, bbt, stt, thermal = "10.1055/a-2744-8457", "10.5555/mskio-test.2", "10.5555/mskio-test.3", "10.5555/mskio-test.1"
    oo = body[f"osteoid osteoma - cryoablation [well-established ({seed}); well-established ({bbt})]"]
    assert oo["works"] == "4"
    bone = body[f"bone metastasis - cryoablation [well-established ({seed}); well-established ({thermal})]"]
    assert bone["works"] == "10"  # thermal refs 1, 3, 4, 9 are the seed's 3, 22, 37, 20
    desmoid = body[f"desmoid fibromatosis - cryoablation [emerging ({seed}); emerging ({stt})]"]
    assert desmoid["works"] == "3"  # 13, 52, 53; the corpus prints "desmoid tumor(s)": the same works
    assert (desmoid["phase II trial"], desmoid["systematic review"], desmoid["type not stated"]) == ("1", "1", "1")
    awe = body[f"abdominal wall endometriosis - cryoablation [emerging ({seed}); well-established ({stt})]"]
    assert awe["works"] == "3"  # the two reviews give two statuses; 15, 16, 55
    # stated by one review only: microwave ablation of spinal metastases (thermal ref 7), and the
    # osteoblastoma row of the benign-bone review (its refs 4, 5, 10 are the seed's 45, 21, 47)
    assert body[f"spinal metastasis - microwave ablation [emerging ({thermal})]"]["works"] == "1"
    assert body[f"osteoblastoma - cryoablation [emerging ({bbt})]"]["works"] == "3"
    # 9 + 6 + 6 + 4 statements; the osteoid osteoma, bone metastasis, desmoid and endometriosis rows hold two each
    assert len(body) == 9 + 6 + 6 + 4 - 4
    # the same counts from the canned query, one row per stating review with its own status
    from mskio.queries import load_catalogue
    from mskio.store import dataset_files, read_dataset
    store = read_dataset(dataset_files(tmp_path / "dist"))  # the data with the ontology, as `mskio query` reads it
    table = load_catalogue(ROOT / "queries").get("indications_evidence-across-reviews").run(store)
    got = {tuple("" if t is None else t.value for t in row) for row in table.rows}
    doi = "https://doi.org/"
    for review in (seed, bbt):
        assert ("osteoid osteoma", "cryoablation", doi + review, "well-established", "design not stated", "4") in got
    for review in (seed, stt):
        for design in ("phase II trial", "systematic review", "design not stated"):
            assert ("desmoid fibromatosis", "cryoablation", doi + review, "emerging", design, "1") in got
    awe_rows = {(r[2], r[3]) for r in got if r[0] == "abdominal wall endometriosis"}
    assert awe_rows == {(doi + seed, "emerging"), (doi + stt, "well-established")}
