"""The linked-data site (dist/site/): a page and .ttl/.jsonld variants for every IRI, each holding
its resource's triples; what the review, work, person, journal, entry and landing pages show.

Expected citations, counts and texts are read off data/sources/percutaneous-cryoablation-review.txt.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS

from mskio.errors import OutputError
from mskio.namespaces import BIRO, MSKIO
from mskio.pipeline import BuildResult
from mskio.site.render import SiteInput, render_site
from tests.conftest import REVIEW_IRI, ROOT

BASE = "https://w3id.org/mskio/"
REVIEW_PAGE = "review/10-1055-a-2744-8457"
DOWNLOADS = {"mskio.ttl", "mskio.jsonld", "mskio.nt", "context.jsonld", "void.ttl", "dataset.schema.jsonld"}


class Page(HTMLParser):
    """The parts of an HTML page the tests look at: links, ids, JSON-LD scripts, h1s, text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self.h1: list[str] = []
        self._in: str | None = None
        self._buffer: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("a", "link") and values.get("href"):
            self.links.append(str(values["href"]))
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if (tag == "script" and values.get("type") == "application/ld+json") or tag == "h1":
            self._in, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            (self.scripts if tag == "script" else self.h1).append("".join(self._buffer))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)


def page_of(dist: Path, path: str) -> Page:
    return Page((dist / "site" / f"{path}.html").read_text(encoding="utf-8"))


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def iri_path(iri: str) -> str:
    return REVIEW_PAGE if iri == REVIEW_IRI else iri[len(BASE):]


def first(graph: Graph, cls: URIRef) -> str:
    subjects = sorted(str(s) for s in graph.subjects(RDF.type, cls))
    assert subjects, f"no {cls} in the graph"
    return subjects[0]


# -- every IRI has its page ---------------------------------------------------------------------

def test_every_iri_under_the_base_has_a_page_and_both_rdf_variants(built: BuildResult, dist: Path) -> None:
    iris = sorted({str(s) for s in built.graph.subjects() if str(s).startswith(BASE) and "#" not in str(s)})
    assert len(iris) > 500
    missing = [f"{iri_path(i)}{ext}" for i in iris for ext in (".html", ".ttl", ".jsonld")
               if not (dist / "site" / f"{iri_path(i)}{ext}").is_file()]
    assert missing == []
    for ext in (".html", ".ttl", ".jsonld"):
        assert (dist / "site" / f"{REVIEW_PAGE}{ext}").is_file()
        assert (dist / "site" / f"index{ext}").is_file()


def sample_iris(built: BuildResult) -> dict[str, str]:
    from mskio.namespaces import BIBO

    graph = built.graph
    return {
        "review": REVIEW_IRI,
        "work": BASE + "work/2019-auloge-62b1a68c",
        "person": BASE + "person/cazzato-rl",
        "journal": BASE + "journal/radiology",
        "organization": BASE + "organization/thieme-medical-publishers-inc",
        "reference-entry": BASE + "reference/10-1055-a-2744-8457/33",
        "author-list-cell": BASE + "work/2019-auloge-62b1a68c/author/2",
        "indication": first(graph, MSKIO.Indication),
        "topic-annotation": first(graph, MSKIO.TopicAnnotation),
        "cited-work-any": first(graph, BIBO.AcademicArticle),
    }


SAMPLES = ["review", "work", "person", "journal", "organization", "reference-entry", "author-list-cell",
           "indication", "topic-annotation", "cited-work-any"]


@pytest.mark.parametrize("kind", SAMPLES, ids=SAMPLES)
def test_each_variant_holds_the_resources_own_triples(built: BuildResult, dist: Path, kind: str) -> None:
    iri = URIRef(sample_iris(built)[kind])
    own = {(iri, p, o) for p, o in built.graph.predicate_objects(iri)}
    assert own, f"{iri} has no triples in the build"
    path = dist / "site" / iri_path(str(iri))
    turtle = Graph().parse(path.with_name(path.name + ".ttl"), format="turtle")
    jsonld = Graph().parse(path.with_name(path.name + ".jsonld"), format="json-ld")
    embedded = Graph().parse(data=page_of(dist, iri_path(str(iri))).scripts[0], format="json-ld")
    assert own <= set(turtle)
    assert isomorphic(turtle, jsonld)
    assert isomorphic(turtle, embedded)
    assert set(turtle) <= set(built.graph) | set(Graph().parse(ROOT / "ontology" / "mskio.ttl"))


def test_a_works_variants_include_its_author_list_and_annotations(built: BuildResult, dist: Path) -> None:
    work = URIRef(BASE + "work/2019-auloge-62b1a68c")
    turtle = Graph().parse(dist / "site" / "work" / "2019-auloge-62b1a68c.ttl", format="turtle")
    cells = [URIRef(f"{work}/author/{i}") for i in (1, 2, 3)]
    assert [turtle.value(c, RDF.first) for c in cells] == [
        URIRef(BASE + "person/auloge-p"), URIRef(BASE + "person/cazzato-rl"), URIRef(BASE + "person/rousseau-c")]
    annotations = set(built.graph.subjects(MSKIO.annotatedWork, work))
    assert annotations and all((a, MSKIO.annotatedWork, work) in turtle for a in annotations)


def test_every_page_variant_parses_and_the_two_formats_agree(dist: Path) -> None:
    site = dist / "site"
    stems = sorted(p.with_suffix("") for p in site.rglob("*.ttl") if p.name not in DOWNLOADS)
    assert len(stems) > 500
    for stem in stems:
        turtle = Graph().parse(stem.with_suffix(".ttl"), format="turtle")
        jsonld = Graph().parse(stem.with_suffix(".jsonld"), format="json-ld")
        assert len(turtle) > 0 and isomorphic(turtle, jsonld), stem


# -- what the pages show ------------------------------------------------------------------------

def reference_items(dist: Path) -> list[tuple[int, str]]:
    html = (dist / "site" / f"{REVIEW_PAGE}.html").read_text(encoding="utf-8")
    listing = re.search(r'<ol class="references">(.*?)</ol>', html, re.S)
    assert listing is not None
    return [(int(n), body) for n, body in re.findall(r'<li value="(\d+)"[^>]*>(.*?)</li>', listing.group(1), re.S)]


def test_review_page_lists_the_60_references_in_order(dist: Path) -> None:
    items = reference_items(dist)
    assert [n for n, _ in items] == list(range(1, 61))


CITATIONS = {  # reference number -> its citation as the page shows it, read off the source
    1: "Callstrom MR, Kurup AN. Percutaneous ablation for bone and soft tissue metastases—why cryoablation? "
       "Skeletal Radiol 2009; 38(09):835-839.",
    3: "Callstrom MR, Dupuy DE, Solomon SB, et al. Percutaneous image-guided cryoablation of painful metastases "
       "involving bone: multicenter trial. Cancer 2013; 119(05):1033-1041.",
    5: "Auloge P, Cazzato RL, Rousseau C, et al. Complications of percutaneous bone tumor cryoablation: "
       "a 10-year experience. Radiology 2019; 291(02):521-528.",
    33: "Le Corroller T, Arrigoni F. ESR Essentials: Percutaneous bone consolidation-practice recommendations by "
        "the European Society of Musculoskeletal Radiology. Eur Radiol 2025; 35(09):5369-5380.",
    58: "Thompson SM, Schmitz JJ, Schmit GD, Callstrom MR, Kurup AN. Image-guided thermal ablative therapies in "
        "the treatment of sarcoma. Curr Treat Options Oncol 2017; 18(04):25.",
}


@pytest.mark.parametrize("number", sorted(CITATIONS), ids=[f"ref-{n}" for n in sorted(CITATIONS)])
def test_review_page_cites_each_reference_with_links(built: BuildResult, dist: Path, number: int) -> None:
    body = dict(reference_items(dist))[number]
    assert text_of(body) == CITATIONS[number] + " PubMed search · Crossref search [entry]"  # no DOI in the source
    entry = URIRef(f"{BASE}reference/10-1055-a-2744-8457/{number}")
    work = built.graph.value(entry, BIRO.references)
    assert f'href="../{str(work)[len(BASE):]}.html"' in body
    assert f'href="../reference/10-1055-a-2744-8457/{number}.html"' in body


def test_review_page_shows_metadata_abstract_and_indications(built: BuildResult, dist: Path) -> None:
    html = (dist / "site" / f"{REVIEW_PAGE}.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert page_of(dist, REVIEW_PAGE).h1 == ["Percutaneous Cryoablation for the Management of Bone and Soft Tissue Tumors"]
    for printed in ("10.1055/a-2744-8457", "2025-07-11", "2025-11-10", "2026-02-20",
                    "Thieme Medical Publishers, Inc.", "© 2026. Thieme. All rights reserved.",
                    "Well-established indications include the treatment of osteoid osteoma"):
        assert printed in text
    indications = sorted(str(i) for i in built.graph.subjects(MSKIO.statedIn, URIRef(REVIEW_IRI)))
    assert len(indications) >= 8  # the abstract names at least eight (three established, five emerging)
    assert re.search(rf"<h2>Indications \({len(indications)}\)</h2>", html)
    for iri in indications:
        assert f'href="../{iri[len(BASE):]}.html"' in html


def test_work_page_shows_citation_annotations_and_who_cites_it(built: BuildResult, dist: Path) -> None:
    path = "work/2019-auloge-62b1a68c"
    html = (dist / "site" / f"{path}.html").read_text(encoding="utf-8")
    assert CITATIONS[5] in text_of(html)
    assert re.search(r"<h2>Cited by</h2>.*Reference 5.*Percutaneous Cryoablation for the Management", html, re.S)
    annotations = sorted(str(a) for a in built.graph.subjects(MSKIO.annotatedWork, URIRef(BASE + path)))
    assert annotations
    for iri in annotations:
        assert f'href="{iri[len(BASE + "work/"):]}.html"' in html


def test_person_page_lists_their_works(dist: Path) -> None:
    html = (dist / "site" / "person" / "cazzato-rl.html").read_text(encoding="utf-8")
    assert re.search(r"<h2>Works \(10\)</h2>", html)  # refs 5, 9, 20, 25, 41, 42, 45, 53, 56, 59
    assert "Percutaneous image-guided cryoablation of osteoblastoma" in html  # ref 45


def test_journal_page_lists_its_works(dist: Path) -> None:
    html = (dist / "site" / "journal" / "radiology.html").read_text(encoding="utf-8")
    assert re.search(r"<h2>Works \(6\)</h2>", html)  # refs 2, 5, 6, 26, 27, 30


def test_reference_entry_page_shows_the_raw_text(dist: Path) -> None:
    html = (dist / "site" / "reference" / "10-1055-a-2744-8457" / "33.html").read_text(encoding="utf-8")
    raw = ("Le Corroller T, Arrigoni F. ESR Essentials: Percutaneous bone consolidation-practice recommendations "
           "by the European Society of Musculoskeletal Radiology. Eur Radiol 2025; 35 (09) 5369-5380")
    assert f"<blockquote>{raw}</blockquote>" in html
    assert page_of(dist, "reference/10-1055-a-2744-8457/33").h1 == ["Reference 33"]


def test_landing_page_embeds_the_schema_org_dataset_and_links_the_review(dist: Path) -> None:
    landing = page_of(dist, "index")
    documents = [json.loads(s) for s in landing.scripts]
    schema = json.loads((dist / "dataset.schema.jsonld").read_text(encoding="utf-8"))
    assert schema["@type"] == "Dataset" and schema in documents
    assert f"{REVIEW_PAGE}.html" in landing.links
    assert "ontology.html" in landing.links
    for name in sorted(DOWNLOADS):
        assert name in landing.links and (dist / "site" / name).read_bytes() == (dist / name).read_bytes()


def test_ontology_page_has_an_anchor_for_every_term(dist: Path) -> None:
    ontology = Graph().parse(ROOT / "ontology" / "mskio.ttl")
    terms = sorted(str(s).split("#", 1)[1] for s in set(ontology.subjects(RDFS.isDefinedBy, None))
                   if str(s).startswith(BASE + "ontology#"))
    assert len(terms) > 50
    ids = set(page_of(dist, "ontology").ids)
    assert [t for t in terms if t not in ids] == []


def test_every_html_page_has_one_h1_and_its_rdf_embedded(dist: Path) -> None:
    pages = sorted((dist / "site").rglob("*.html"))
    assert len(pages) > 500
    for path in pages:
        page = Page(path.read_text(encoding="utf-8"))
        assert len(page.h1) == 1, path
        if path.parent.name not in ("browse", "reviews", "search"):  # navigation pages, not resources
            assert page.scripts and json.loads(page.scripts[0])["@graph"], path


def test_server_configuration_is_shipped(dist: Path) -> None:
    htaccess = (dist / "site" / ".htaccess").read_text(encoding="utf-8")
    nginx = (dist / "site" / "nginx-mskio.conf").read_text(encoding="utf-8")
    for config in (htaccess, nginx):
        for needle in ("text/turtle", "application/(ld\\+)?json", ".ttl", ".jsonld", ".html", "406"):
            assert needle in config
    assert "AddType text/turtle .ttl" in htaccess and "AddType application/ld+json .jsonld" in htaccess
    assert "try_files $uri $uri$mskio_variant" in nginx


# -- determinism and safety ---------------------------------------------------------------------

def render(graph: Graph) -> dict[str, bytes]:
    return render_site(SiteInput(data=graph, ontology=Graph().parse(ROOT / "ontology" / "mskio.ttl"),
                                 base=BASE, version="0.0.0", built=dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc)))


def test_rendering_does_not_depend_on_insertion_order(built: BuildResult) -> None:
    reordered = Graph()
    for triple in sorted(built.graph, key=lambda t: (t[2].n3(), t[1].n3(), t[0].n3()), reverse=True):
        reordered.add(triple)
    first_render, second_render = render(built.graph), render(reordered)
    assert len(first_render) > 1000
    assert first_render == second_render


def test_script_end_tags_in_literals_cannot_break_the_page() -> None:
    graph = Graph()
    work = URIRef(BASE + "work/x")
    title = "A </script><script>alert(1)</script> <!-- title"
    graph.add((work, DCTERMS.title, Literal(title)))
    html = render(graph)["work/x.html"].decode("utf-8")
    page = Page(html)
    assert html.count("</script>") == html.count('<script type="application/ld+json">') == 1
    assert page.h1 == [title]  # shown as text, not markup
    assert Graph().parse(data=page.scripts[0], format="json-ld").value(work, DCTERMS.title) == Literal(title)


def test_an_iri_that_is_not_a_safe_path_is_refused() -> None:
    graph = Graph()
    graph.add((URIRef(BASE + "work/../../etc/passwd"), DCTERMS.title, Literal("x")))
    with pytest.raises(OutputError, match="not a safe file name"):
        render(graph)


SEEDED_RENDER = """
import datetime as dt, hashlib, sys
from pathlib import Path
from rdflib import Graph
from mskio.site.render import SiteInput, render_site
dist, ontology = Path(sys.argv[1]), Path(sys.argv[2])
source = SiteInput(data=Graph().parse(dist / "mskio.nt", format="nt"), ontology=Graph().parse(ontology),
                   base="https://w3id.org/mskio/", version="0", built=dt.datetime(2026, 2, 20))
for name, data in sorted(render_site(source).items()):
    print(name, hashlib.sha256(data).hexdigest())
"""


def test_pages_are_byte_identical_across_hash_seeds(dist: Path) -> None:
    # Regression: 'Referenced by' rows tied on the predicate kept the store's order, which follows
    # PYTHONHASHSEED; 78 pages differed between two builds.
    runs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SEEDED_RENDER, str(dist), str(ROOT / "ontology" / "mskio.ttl")],
                              cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        runs.append(done.stdout)
    assert len(runs[0].splitlines()) > 1000
    assert runs[0] == runs[1]
