"""The linked-data site (dist/site/): a page and .ttl/.jsonld variants for every IRI, each holding
its resource's triples; what the review, work, person, journal, entry and landing pages show.

Expected citations, counts and texts are read off data/sources/percutaneous-cryoablation-review.txt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from mskio.errors import OutputError
from mskio.namespaces import BIRO, MSKIO
from mskio.pipeline import BuildResult
from mskio.site.formats import manifest, read_manifest
from mskio.site.render import SiteInput, render_site
from tests.conftest import REVIEW_IRI, ROOT

BASE = "https://w3id.org/mskio/"
REVIEW_PAGE = "doi/10-1055-a-2744-8457"
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

PART = re.compile(r"^(.+?)/((?:author|annotation|topic|conflict|address)(?:/.*)?)$")
"""The parts of a resource, described on its owner's page: list cells, annotations, topics, conflicts, addresses."""


def page_path(iri: str) -> str:
    """The page describing `iri`: its own, or its owner's for a part."""
    part = PART.match(iri)
    return iri_path(part.group(1)) if part else iri_path(iri)


def test_every_iri_under_the_base_has_a_page_and_both_rdf_variants(built: BuildResult, dist: Path) -> None:
    iris = sorted({str(s) for s in built.graph.subjects() if str(s).startswith(BASE) and "#" not in str(s)})
    assert len(iris) > 500
    missing = [f"{page_path(i)}{ext}" for i in iris for ext in (".html", ".ttl", ".jsonld")
               if not (dist / "site" / f"{page_path(i)}{ext}").is_file()]
    assert missing == []
    for ext in (".html", ".ttl", ".jsonld"):
        assert (dist / "site" / f"{REVIEW_PAGE}{ext}").is_file()
        assert (dist / "site" / f"index{ext}").is_file()


def test_a_part_is_an_anchor_on_its_owners_page_not_a_page_of_its_own(built: BuildResult, dist: Path) -> None:
    parts = sorted({str(s) for s in built.graph.subjects() if str(s).startswith(BASE) and PART.match(str(s))})
    kinds = {PART.match(p).group(2).split("/")[0] for p in parts}  # type: ignore[union-attr]
    assert kinds == {"author", "annotation", "topic", "address"}  # the seed has no conflicts
    pages: dict[str, tuple[str, Graph]] = {}  # each owner's page and Turtle, read once
    for part in parts:
        owner, anchor = PART.match(part).groups()  # type: ignore[union-attr]
        assert not (dist / "site" / f"{iri_path(part)}.html").exists(), part
        if owner not in pages:
            pages[owner] = ((dist / "site" / f"{iri_path(owner)}.html").read_text(encoding="utf-8"),
                            Graph().parse(dist / "site" / f"{iri_path(owner)}.ttl", format="turtle"))
        html, turtle = pages[owner]
        assert f'id="{anchor}"' in html, part
        assert (URIRef(part), None, None) in turtle, part


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
    path = dist / "site" / page_path(str(iri))
    turtle = Graph().parse(path.with_name(path.name + ".ttl"), format="turtle")
    jsonld = Graph().parse(path.with_name(path.name + ".jsonld"), format="json-ld")
    embedded = Graph().parse(data=page_of(dist, page_path(str(iri))).scripts[0], format="json-ld")
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
    assert len(stems) > 300  # 60 entries, 60 cited works, 147 people, 20 journals, the dataset's parts ...
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
    for iri in annotations:  # described on the work's own page, at the anchor its IRI redirects to
        anchor = iri[len(BASE + path + "/"):]
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html


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
        if path.relative_to(dist / "site").parts[0] not in ("browse", "reviews", "search", "lists"):  # navigation pages
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


def test_pages_rendered_by_forked_processes_are_the_same_files(built: BuildResult, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    """A large site is rendered by one forked process per core (render.site_jobs); the seed's site
    is small, so the threshold is lowered to make it fork: the same files, and the same checksums."""
    from mskio.site import render as site_render

    alone = render(built.graph)
    monkeypatch.setattr(site_render, "SITE_JOBS_MIN_PAGES", 1)
    monkeypatch.setenv("MSKIO_JOBS", "2")
    assert site_render.site_jobs(len(alone)) == 2
    writers = tmp_path / "writers"
    writers.mkdir()

    def write(path: str, data: bytes) -> None:
        target = tmp_path / "site" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        (writers / str(os.getpid())).touch()

    source = SiteInput(data=built.graph, ontology=Graph().parse(ROOT / "ontology" / "mskio.ttl"), base=BASE,
                       version="0.0.0", built=dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc))
    site_render.Renderer(source).render(write)
    assert len(list(writers.iterdir())) == 3  # this process and two forked ones wrote files
    files = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes()
             for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert files == alone


def test_labels_made_by_the_forked_child_are_the_ones_made_here(built: BuildResult,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A large site's labels of its typed subjects are made by a forked child while the build's
    process finds the pages (Renderer.lay_out); each is the label SiteGraph.label makes here.
    The threshold is lowered to make the seed's small site fork."""
    from mskio.site import render as site_render

    monkeypatch.setattr(site_render, "SITE_JOBS_MIN_PAGES", 1)
    monkeypatch.setenv("MSKIO_JOBS", "2")
    parent = os.getpid()
    labels_of = site_render._labels_of

    def in_a_child(site: object, nodes: list[URIRef]) -> list[str]:
        assert os.getpid() != parent
        return labels_of(site, nodes)  # type: ignore[arg-type]

    monkeypatch.setattr(site_render, "_labels_of", in_a_child)
    source = SiteInput(data=built.graph, ontology=Graph().parse(ROOT / "ontology" / "mskio.ttl"), base=BASE,
                       version="0.0.0", built=dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc))
    forked = site_render.Renderer(source)
    forked.lay_out()
    typed = sorted({s for s in built.graph.subjects(RDF.type, None) if isinstance(s, URIRef)})
    assert len(typed) > 100
    made_here = site_render.Renderer(source).site
    assert {n: forked.site._labels[n] for n in typed} == {n: made_here.label(n) for n in typed}
    assert forked.site.pages == made_here.pages


def test_regression_issue_10_a_renderer_killed_is_an_error_not_a_wait_for_ever(
        built: BuildResult, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked renderer that the kernel kills (out of memory: at 1,000 reviews two were, while
    another build ran) ends the site with ChildFailed (exit 3) naming the signal; multiprocessing's
    Pool, which rendered before, waited for ever for the killed worker's pages."""
    import signal
    import time

    from mskio.forked import ChildFailed
    from mskio.site import render as site_render

    monkeypatch.setattr(site_render, "SITE_JOBS_MIN_PAGES", 1)
    monkeypatch.setenv("MSKIO_JOBS", "2")
    render_share_of = site_render._render_share_of

    def killed_first(renderer: site_render.Renderer, pages: list[site_render.Page], write: object, index: int,
                     jobs: int) -> list[tuple[str, str]]:
        if index == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return render_share_of(renderer, pages, write, index, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(site_render, "_render_share_of", killed_first)
    source = SiteInput(data=built.graph, ontology=Graph().parse(ROOT / "ontology" / "mskio.ttl"), base=BASE,
                       version="0.0.0", built=dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc))
    started = time.monotonic()
    with pytest.raises(ChildFailed, match=r"mskio-site-1 ended without an answer \(killed by signal 9 "):
        site_render.Renderer(source).render(lambda path, data: None)
    assert time.monotonic() - started < 120


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


# -- issue 13: search, pictures, profiles, links out, less noise ---------------------------------

def search_payload(dist: Path) -> dict[str, Any]:
    text = (dist / "site" / "search" / "data.js").read_text(encoding="utf-8")
    assert text.startswith("window.mskioSearch = ") and text.endswith(";\n")
    payload: dict[str, Any] = json.loads(text[len("window.mskioSearch = "):-2])
    return payload


def test_search_index_is_a_lunr_index_that_finds_an_authors_works(built: BuildResult, dist: Path) -> None:
    from lunr.index import Index

    payload = search_payload(dist)
    assert payload["index"]["version"] == "2.3.9"  # the lunr.js version shipped beside it
    docs = payload["docs"]
    index = Index.load(payload["index"])
    found = {docs[int(r["ref"])][0] for r in index.search("cazzato")}
    works = {f"{str(w)[len(BASE):]}.html" for w in built.graph.subjects(DCTERMS.creator, URIRef(BASE + "person/cazzato-rl"))}
    assert len(works) == 10  # refs 5, 9, 20, 25, 41, 42, 45, 53, 56, 59
    assert found == works | {"person/cazzato-rl.html"}
    titles = {docs[int(r["ref"])][1] for r in index.search("osteoblastoma")}
    assert "Percutaneous image-guided cryoablation of osteoblastoma" in titles  # ref 45
    terms = {docs[int(r["ref"])][0] for r in index.search("desmoid")}
    assert "ontology.html#DesmoidFibromatosis" in terms


def test_search_index_is_the_one_lunrs_default_builder_makes(dist: Path) -> None:
    """search_data gives lunr's builder the terms it made once for each word (IndexTerms); the
    index must be, byte for byte, the one `lunr.lunr` makes from the fields' text: on the test
    corpus's documents and on text that exercises the tokenizer, trimmer, stop words and stemmer."""
    from lunr import lunr

    from mskio.site.search import FIELDS, IndexTerms, SearchDocument, search_data

    docs = search_payload(dist)["docs"]
    odd = ["Cryo-ablation\u00a0of\tthe  BONE\n(metastases), e.g. 1.5-cm; 'desmoid'", "", "   ", "-", "\u2014",
           "\u0130stanbul STRASSE \u1e9e", "and the of", "running runs ran", "Zo\u00eb O'Neil-Smith Jr."]
    documents = [SearchDocument(path, title, kind, detail, authors=detail, journal=odd[i % len(odd)],
                                labels=odd[(3 * i) % len(odd)]) for i, (path, title, kind, detail) in enumerate(docs)]
    assert len(documents) > 100
    rows = [{"id": str(i), "title": d.title, "authors": d.authors, "journal": d.journal, "labels": d.labels}
            for i, d in enumerate(sorted(documents, key=lambda d: (d.path, d.title)))]
    expected = lunr(ref="id", fields=list(FIELDS), documents=rows).serialize()
    text = search_data(documents).decode("utf-8")
    assert json.loads(text[len("window.mskioSearch = "):-2].replace("<\\/", "</"))["index"] == expected
    terms = IndexTerms()
    assert terms("The Cryo-ablations\u00a0of BONES,") == ["cryo", "ablat", "bone"]  # 'the', 'of': stop words
    assert terms("") == [] and terms(" - ") == []


def test_lunr_js_is_the_npm_release(dist: Path) -> None:
    import hashlib

    from mskio.site.search import LUNR_SHA256

    shipped = (dist / "site" / "search" / "lunr-2.3.9.min.js").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == LUNR_SHA256
    assert shipped.startswith(b"/**\n * lunr - http://lunrjs.com - A bit like Solr, but much smaller and not as bright - 2.3.9")
    assert (dist / "site" / "search" / "lunr-LICENSE.txt").read_text(encoding="utf-8").startswith("Copyright (C) 2013 by Oliver Nightingale")


def test_every_page_has_the_search_box_and_the_same_navigation(dist: Path) -> None:
    navs = set()
    for path in sorted((dist / "site").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="site">(.*?)</nav>', html, re.S)
        assert nav is not None, path
        assert 'name="q"' in nav.group(1) and "search/index.html" in nav.group(1), path
        navs.add(" ".join(re.findall(r">([^<>]+)</(?:a|button)>", nav.group(1))))
    assert navs == {"mskio reviews ontology browse Search"}


def evidence_rows(html: str) -> dict[tuple[frozenset[str], str], dict[str, int]]:
    """The evidence map's table: (conditions, status) -> {design: works} (non-zero cells)."""
    table = re.search(r'<table class="grid" id="evidence-map-data">(.*?)</table>', html, re.S)
    assert table is not None
    head = [text_of(h) for h in re.findall(r'<th scope="col">(.*?)</th>', table.group(1))]
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table.group(1), re.S):
        label, *cells = [text_of(c) for c in re.split(r"</t[hd]><td>", row)]
        name, status = label.rsplit(" [", 1)
        rows[(frozenset(name.split(" & ")), status.rstrip("]"))] = {
            design: int(n) for design, n in zip(head[1:], cells) if int(n)}
    return rows


def test_the_evidence_map_agrees_with_the_builds_evidence_map_tsv(dist: Path) -> None:
    """Two implementations: the site's (from the graph) and mskio.evidence_map's (from the curation)."""
    html = (dist / "site" / f"{REVIEW_PAGE}.html").read_text(encoding="utf-8")
    assert '<figure class="chart evidence-map" id="evidence-map"><div class="scroll"><svg' in html
    shown = evidence_rows(html)
    lines = (dist / "evidence-map.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    expected = {}
    for line in lines[1:]:
        label, _, *cells = line.split("\t")
        name, status = label.rsplit(" [", 1)
        expected[(frozenset(name.split(" & ")), status.rstrip("]"))] = {
            ("design not stated" if d == "type not stated" else d): int(n) for d, n in zip(head[2:], cells) if int(n)}
    assert len(expected) >= 8 and shown == expected
    assert shown[(frozenset({"osteoid osteoma"}), "well-established")] == {"design not stated": 4}  # refs 4, 28, 29, 30
    landing = (dist / "site" / "index.html").read_text(encoding="utf-8")
    assert evidence_rows(landing) == shown  # one review: the corpus map is the review's


WORKS_PER_YEAR = {"1992": 1, "2003": 1, "2009": 1, "2011": 1, "2012": 1, "2013": 1, "2014": 5, "2015": 6, "2016": 3,
                  "2017": 7, "2018": 5, "2019": 5, "2020": 3, "2021": 5, "2022": 4, "2023": 3, "2024": 5, "2025": 3}
"""The years printed in the 60 entries of the source (README, `mskio query works_by-year`)."""


def chart_numbers(html: str, chart_id: str) -> dict[str, int]:
    table = re.search(rf'<table class="grid" id="{chart_id}-data">(.*?)</table>', html, re.S)
    assert table is not None, chart_id
    return {text_of(k): int(v) for k, v in re.findall(r'<th scope="row">(.*?)</th><td>(\d+)</td>', table.group(1))}


def test_review_page_pictures_works_per_year_and_per_design(dist: Path) -> None:
    html = (dist / "site" / f"{REVIEW_PAGE}.html").read_text(encoding="utf-8")
    assert chart_numbers(html, "works-per-year") == WORKS_PER_YEAR
    assert re.search(r'<svg class="columns" [^>]*role="img" aria-labelledby="works-per-year-title"', html)
    designs = chart_numbers(html, "works-per-design")
    assert designs["case report"] == 2  # refs 44, 50 (the evidence map's benign bone tumour row)
    assert designs["design not stated"] > 20 and sum(designs.values()) >= 60


def test_indication_cards_show_status_intent_quote_and_works_by_design(dist: Path) -> None:
    html = (dist / "site" / f"{REVIEW_PAGE}.html").read_text(encoding="utf-8")
    cards = re.findall(r'<div class="card indication">(.*?)</div>', html, re.S)
    assert len(cards) >= 8
    metastasis = [c for c in cards if ">bone metastasis</a>" in c][0]
    assert 'class="badge status-well-established">well-established</span>' in metastasis
    assert "intent: " in metastasis and ">palliative intent</a>" in metastasis
    assert "<blockquote>Well-established indications include the treatment of osteoid osteoma, palliation of " \
           "painful skeletal metastases" in metastasis
    assert re.search(r"<dt>multicentre study</dt><dd>.*\[3\]", metastasis)  # ref 3: multicenter trial


def test_person_page_is_a_profile(dist: Path) -> None:
    html = (dist / "site" / "person" / "cazzato-rl.html").read_text(encoding="utf-8")
    assert chart_numbers(html, "works-per-year") == {"2015": 1, "2018": 1, "2019": 3, "2020": 1, "2022": 2,
                                                     "2023": 1, "2025": 1}  # refs 9; 41; 5, 25, 45; 59; 20, 53; 42; 56
    works = re.search(r'<ul class="plain works">(.*?)</ul>', html, re.S)
    assert works is not None
    titles = [text_of(t) for t in re.findall(r'<span class="title">(.*?)</span>', works.group(1))]
    assert titles[0].startswith("Percutaneous image-guided cryoablation of endometriosis scars")  # ref 56, 2025
    assert titles[-1].startswith("Over ten years of single-institution experience")  # ref 9, 2015
    assert works.group(1).count("cited in ") == 10 and "[45]" in works.group(1)
    coauthors = re.search(r"<h2>Co-authors \(18\)</h2>(.*?)</ul>", html, re.S)
    assert coauthors is not None
    counted = re.findall(r'<li><a [^>]*>([^<]+)</a> <span class="count">(\d+)</span></li>', coauthors.group(1))
    assert counted[0] == ("Garnon J", "3")  # refs 25, 41, 59
    assert {("Auloge P", "2"), ("Jennings JW", "2"), ("Koch G", "2"), ("Gangi A", "2"), ("Caudrelier J", "2")} <= set(counted)
    assert re.search(r"<h2>Journals \(8\)</h2>", html)


def test_journal_page_lists_works_years_and_citing_reviews(dist: Path) -> None:
    html = (dist / "site" / "journal" / "radiology.html").read_text(encoding="utf-8")
    assert sum(chart_numbers(html, "works-per-year").values()) == 6  # refs 2, 5, 6, 26, 27, 30
    assert re.search(r"<h2>Cited by reviews \(1\)</h2>.*Percutaneous Cryoablation for the Management.*"
                     r'<span class="count">6</span>', html, re.S)


def test_work_page_main_view_has_no_rdf_noise(dist: Path) -> None:
    html = (dist / "site" / "work" / "2019-auloge-62b1a68c.html").read_text(encoding="utf-8")
    main, folded = html.split('<details class="all-statements">', 1)
    assert 'class="datatype"' not in main and "xsd:" not in text_of(main.split("</script>")[-1])
    assert "topic annotation" not in text_of(main.split("</script>")[-1])
    assert "Referenced by" not in main
    assert 'class="datatype">xsd:gYear</span>' in folded  # all statements stay available, folded
    about = re.search(r"<h2>What the title is about \(3\)</h2>(.*?)</table>", main, re.S)
    assert about is not None
    assert "title says <q>bone tumor</q>" in about.group(1) and ">bone tumour</a>" in about.group(1)


def test_work_without_doi_links_out_to_searches_marked_as_such(dist: Path) -> None:
    from urllib.parse import quote_plus

    html = (dist / "site" / "work" / "2019-auloge-62b1a68c.html").read_text(encoding="utf-8")
    title = quote_plus("Complications of percutaneous bone tumor cryoablation: a 10-year experience")
    assert f'class="search" title="a search by title, not an identifier" href="https://pubmed.ncbi.nlm.nih.gov/?term={title}"' in html
    assert f'href="https://search.crossref.org/search/works?q={title}&amp;from_ui=yes">Crossref search</a>' in html
    assert "https://doi.org/10." not in html.split("</script>")[-1]


def test_browse_page_of_a_topic_class_lists_the_works(built: BuildResult, dist: Path) -> None:
    html = (dist / "site" / "browse" / "mskio-cryoablation.html").read_text(encoding="utf-8")
    works = {w for w, topic in built.graph.subject_objects(MSKIO.isAbout)
             if (topic, RDF.type, MSKIO.Cryoablation) in built.graph}
    assert len(works) > 30
    assert html.count('<span class="citation">') == len(works)
    assert ">cryoablation</a></li>" not in html
    assert "Works about" in html


# -- synthetic corpora: two reviews, many reviews, DOIs, printed variants -------------------------

def corpus(reviews: int, *, conflict: bool = False) -> Graph:
    """`reviews` reviews citing one shared work (by DOI) and one work each; with `conflict`, the
    first two print the shared work's title differently (a mskio:CitationConflict)."""
    from mskio.namespaces import BIBO, CITO, FABIO, FRBR

    graph = Graph()
    shared = URIRef("https://doi.org/10.1234/shared")
    graph.add((shared, RDF.type, BIBO.AcademicArticle))
    graph.add((shared, BIBO.doi, Literal("10.1234/shared")))
    if not conflict:
        graph.add((shared, DCTERMS.title, Literal("The shared work")))
    for i in range(reviews):
        review = URIRef(f"https://doi.org/10.9999/review-{i:03d}")
        graph.add((review, RDF.type, FABIO.ReviewArticle))
        graph.add((review, DCTERMS.title, Literal(f"Review number {i:03d}")))
        for n, work in ((1, shared), (2, URIRef(f"{BASE}work/2020-own-{i:03d}"))):
            entry = URIRef(f"{BASE}reference/10-9999-review-{i:03d}/{n}")
            graph.add((review, FRBR.part, entry))
            graph.add((review, CITO.cites, work))
            graph.add((entry, RDF.type, BIRO.BibliographicReference))
            graph.add((entry, MSKIO.referenceNumber, Literal(n)))
            graph.add((entry, BIRO.references, work))
            if work != shared:
                graph.add((work, RDF.type, BIBO.AcademicArticle))
                graph.add((work, DCTERMS.title, Literal(f"Own work of review {i:03d}")))
            elif conflict:
                graph.add((entry, DCTERMS.title, Literal(f"The shared work, as review {i:03d} prints it")))
    if conflict:
        node = URIRef(f"{shared}/conflict/title")
        graph.add((node, RDF.type, MSKIO.CitationConflict))
        graph.add((node, MSKIO.conflictOn, shared))
        graph.add((node, MSKIO.conflictProperty, DCTERMS.title))
        for i in range(2):
            variant = URIRef(f"{node}/variant{i}")
            graph.add((node, MSKIO.variant, variant))
            graph.add((variant, MSKIO.variantValue, Literal(f"The shared work, as review {i:03d} prints it")))
            graph.add((variant, MSKIO.printedIn, URIRef(f"{BASE}reference/10-9999-review-{i:03d}/1")))
    return graph


def test_two_reviews_navigation_and_review_list() -> None:
    files = render(corpus(2))
    landing = files["index.html"].decode("utf-8")
    assert "review review" not in text_of(landing)
    assert re.search(r"<h2>Reviews \(2\)</h2>", landing)
    listing = files["reviews/index.html"].decode("utf-8")
    assert listing.count('<div class="card">') == 2
    assert "doi/10-9999-review-000.html" in listing and "doi/10-9999-review-001.html" in listing
    shared = files["doi/10-1234-shared.html"].decode("utf-8")
    assert re.search(r"<h2>Cited by</h2>.*Reference 1.* of .*Review number 000.*Reference 1.* of .*Review number 001",
                     shared, re.S)


def test_no_page_grows_with_the_number_of_reviews() -> None:
    """Issue 10: the navigation and the landing page stay the same size; the review list is paginated."""
    few, many = render(corpus(12)), render(corpus(150))
    for path in ("index.html", "browse/index.html", "search/index.html", "work/2020-own-000.html"):
        assert abs(len(many[path]) - len(few[path])) < 100, path
    assert many["reviews/index.html"].decode("utf-8").count('<div class="card">') == 100
    page_2 = many["reviews/page-2.html"].decode("utf-8")
    assert page_2.count('<div class="card">') == 50 and 'rel="prev" href="index.html"' in page_2
    assert 'rel="next" href="page-2.html"' in many["reviews/index.html"].decode("utf-8")
    assert "reviews/page-2.html" not in few


def test_a_work_with_a_doi_links_to_doi_org_and_searches_nothing() -> None:
    html = render(corpus(1))["doi/10-1234-shared.html"].decode("utf-8")
    assert '<a class="doi" href="https://doi.org/10.1234/shared">doi:10.1234/shared</a>' in html
    assert "PubMed search" not in html and "Crossref search" not in html


def test_a_citation_conflict_is_shown_with_its_variants_and_entries() -> None:
    files = render(corpus(2, conflict=True))
    html = files["doi/10-1234-shared.html"].decode("utf-8")
    notice = re.search(r'<section class="notice conflict" id="conflicts">(.*?)</section>', html, re.S)
    assert notice is not None
    text = text_of(notice.group(1))
    assert "title" in text
    for i in range(2):
        assert f"The shared work, as review {i:03d} prints it printed in Reference 1 of Review number {i:03d}" in text
    # each review's list shows what that review printed, linking the one work
    review = files["doi/10-9999-review-001.html"].decode("utf-8")
    item = dict(re.findall(r'<li value="(\d+)"[^>]*>(.*?)</li>', review, re.S))["1"]
    assert "The shared work, as review 001 prints it" in item
    assert 'href="10-1234-shared.html"' in item  # reviews and works named by a DOI share the folder doi/


def test_regression_issue_10_the_landing_page_leaves_the_lists_of_parts_to_the_dataset_page(dist: Path) -> None:
    """The landing page embedded every void:subset, partition, source and rights statement of the
    dataset, one per review: its size grew with the corpus. They stay on dataset.html."""
    from mskio.namespaces import VOID

    landing = Graph().parse(data=page_of(dist, "index").scripts[0], format="json-ld")
    dataset_page = Graph().parse(dist / "site" / "dataset.ttl", format="turtle")
    dataset = URIRef(BASE + "dataset")
    assert (dataset, DCTERMS.title, None) in landing and (dataset, DCTERMS.license, None) in landing
    for predicate in (VOID.subset, VOID.classPartition, DCTERMS.source):
        assert (dataset, predicate, None) not in landing
        assert (dataset, predicate, None) in dataset_page, predicate


def test_a_work_cited_twice_by_one_review_shows_its_first_number(built: BuildResult) -> None:
    """Crossref's sample cites one work as its references 5 and 6: the page showed [5] or [6]
    depending on the order the graph gave the triples in. Here the seed's reference 60 gets a
    second entry 61 citing the same work, added first in one graph and last in the other."""
    from mskio.namespaces import BIRO, FRBR, MSKIO
    review = URIRef("https://doi.org/10.1055/a-2744-8457")
    entry60 = URIRef(f"{BASE}reference/10-1055-a-2744-8457/60")
    work = built.graph.value(entry60, BIRO.references)
    entry61 = URIRef(f"{BASE}reference/10-1055-a-2744-8457/61")
    extra = [(review, FRBR.part, entry61), (entry61, MSKIO.referenceNumber, Literal(61)), (entry61, BIRO.references, work)]
    first, last = Graph(), Graph()
    for t in extra:
        first.add(t)
    first += built.graph
    last += built.graph
    for t in extra:
        last.add(t)
    pages = [render(g)["person/doshi-a.html"].decode("utf-8") for g in (first, last)]
    assert pages[0] == pages[1]
    assert "</a> [60]</div>" in pages[0] and "[61]" not in pages[0]


# -- issue 10: a list that grows with the corpus has pages of its own ------------------------------

def venue_corpus(reviews: int) -> Graph:
    """`corpus(reviews)` in which every review's own work is in one journal by one author and
    publisher, and a dataset with one void:subset per review (as mskio.metadata describes a corpus)."""
    from mskio.namespaces import VOID

    graph = corpus(reviews)
    dataset = URIRef(BASE + "dataset")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("The test corpus")))
    graph.add((dataset, VOID.uriSpace, Literal(BASE)))
    graph.add((dataset, DCTERMS.modified, Literal(dt.date(2026, 2, 20))))
    for i in range(reviews):
        subset = URIRef(f"{BASE}dataset/review/10-9999-review-{i:03d}")
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, DCTERMS.title, Literal(f"Subset of review {i:03d}")))
        work = URIRef(f"{BASE}work/2020-own-{i:03d}")
        graph.add((work, DCTERMS.isPartOf, URIRef(BASE + "journal/shared")))
        graph.add((work, DCTERMS.creator, URIRef(BASE + "person/shared-a")))
        graph.add((work, DCTERMS.publisher, URIRef(BASE + "organization/shared-press")))
    graph.add((URIRef(BASE + "journal/shared"), RDF.type, BIBO_JOURNAL))
    graph.add((URIRef(BASE + "journal/shared"), DCTERMS.title, Literal("Journal of Shared Works")))
    graph.add((URIRef(BASE + "person/shared-a"), RDF.type, FOAF_PERSON))
    graph.add((URIRef(BASE + "person/shared-a"), FOAF_NAME, Literal("Shared A")))
    graph.add((URIRef(BASE + "organization/shared-press"), FOAF_NAME, Literal("Shared Press")))
    graph.add((URIRef("https://doi.org/10.1234/shared"), DCTERMS.isPartOf, URIRef(BASE + "journal/of-the-shared-work")))
    graph.add((URIRef(BASE + "journal/of-the-shared-work"), RDF.type, BIBO_JOURNAL))
    return graph


BIBO_JOURNAL = URIRef("http://purl.org/ontology/bibo/Journal")
FOAF_PERSON = URIRef("http://xmlns.com/foaf/0.1/Person")
FOAF_NAME = URIRef("http://xmlns.com/foaf/0.1/name")

OWNERS = {  # page -> (its list of the reviews' own works, entries or subsets, what each item links)
    "journal/shared": ("works", r"work/2020-own-(\d{3})\.html"),
    "person/shared-a": ("works", r"work/2020-own-(\d{3})\.html"),
    "organization/shared-press": ("published-works", r"work/2020-own-(\d{3})\.html"),
    "doi/10-1234-shared": ("cited-by", r"reference/10-9999-review-(\d{3})/1\.html"),
    "dataset": ("void-subset", r"dataset/review/10-9999-review-(\d{3})\.html"),
}


def list_pages(files: dict[str, bytes], owner: str, key: str) -> list[str]:
    """The pages of the list `key` of the page `owner`, in order, following the pager's next links."""
    pages, path = [], f"lists/{owner}/{key}.html"
    while True:
        pages.append(files[path].decode("utf-8"))
        following = re.search(r'rel="next" href="([^"]+)"', pages[-1])
        if following is None:
            return pages
        path = f"lists/{owner}/{following.group(1)}"


def test_regression_issue_10_a_list_of_every_review_is_split_into_its_own_pages() -> None:
    """The dataset page listed every subset, a journal's and a person's page every work, a shared
    work's page every review citing it: each grew with the corpus. Each now shows the first
    LIST_LIMIT items and links its list, PAGE_SIZE items to a page, which holds every item once."""
    from mskio.site.describe import LIST_LIMIT
    from mskio.site.render import PAGE_SIZE

    reviews = PAGE_SIZE + 50  # two pages of each list
    files = render(venue_corpus(reviews))
    for owner, (key, item) in OWNERS.items():
        html = files[f"{owner}.html"].decode("utf-8")
        main = html.split("<details", 1)[0] if owner != "dataset" else html
        shown = set(re.findall(item, main))
        assert len(shown) == LIST_LIMIT, owner
        href = ("../" * owner.count("/")) + f"lists/{owner}/{key}.html"
        assert f'<a href="{href}">All {reviews} ' in html, owner
        pages = list_pages(files, owner, key)
        assert len(pages) == 2, owner
        listed = [re.findall(item, page.split("<main", 1)[1]) for page in pages]
        assert [len(set(numbers)) for numbers in listed] == [PAGE_SIZE, reviews - PAGE_SIZE], owner
        assert set(listed[0]) | set(listed[1]) == {f"{i:03d}" for i in range(reviews)}, owner
        assert 'rel="prev" href="' + key + '.html"' in pages[1]


def test_regression_issue_10_the_dataset_page_describes_no_subset() -> None:
    """dataset.ttl held the description of every subset (an IRI minted beneath it, though not a part
    of it) and every void:subset statement: each subset's page now carries its own statement."""
    from mskio.namespaces import VOID
    from mskio.site.describe import LIST_LIMIT

    dataset = URIRef(BASE + "dataset")
    few, many = render(venue_corpus(LIST_LIMIT)), render(venue_corpus(LIST_LIMIT + 1))
    small = Graph().parse(data=few["dataset.ttl"], format="turtle")
    assert len(set(small.objects(dataset, VOID.subset))) == LIST_LIMIT  # a short list stays
    assert not any(str(s).startswith(BASE + "dataset/review/") for s in small.subjects())
    large = Graph().parse(data=many["dataset.ttl"], format="turtle")
    assert (dataset, VOID.subset, None) not in large and (dataset, DCTERMS.title, None) in large
    for i in range(LIST_LIMIT + 1):
        subset = URIRef(f"{BASE}dataset/review/10-9999-review-{i:03d}")
        page = Graph().parse(data=many[f"dataset/review/10-9999-review-{i:03d}.ttl"], format="turtle")
        assert (dataset, VOID.subset, subset) in page and (subset, DCTERMS.title, None) in page


def test_regression_issue_10_owner_pages_stay_the_same_size() -> None:
    """The pages that listed every review (or every review's work) are the same size for 30 and 300
    reviews, but for the digits of their counts; so are their Turtle and JSON-LD."""
    from mskio.site.render import CITED_IN

    few, many = render(venue_corpus(30)), render(venue_corpus(300))
    shared_journal = many["journal/of-the-shared-work.html"].decode("utf-8")  # its work is cited by all 300 reviews
    assert re.search(r'cited in (<a href="\.\./doi/10-9999-review-\d{3}\.html">Review number \d{3}</a> \[1\], ){%d}'
                     r'<a [^>]+>Review number \d{3}</a> \[1\] and <a href="\.\./doi/10-1234-shared\.html">%d more</a>'
                     % (CITED_IN - 1, 300 - CITED_IN), shared_journal)
    for owner in (*OWNERS, "journal/of-the-shared-work"):
        for extension in (".html", ".ttl", ".jsonld"):
            path = owner + extension
            assert abs(len(many[path]) - len(few[path])) < 100, path


def test_the_browse_pages_of_a_type_look_at_each_resource_a_bounded_number_of_times(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No page's work grows with the corpus: a type of 300 works on 30 browse pages (PAGE_SIZE
    lowered to 10) asks whether a resource is a work a few times per work, not once per work per
    page (which was 300 x 30 = 9,000 times)."""
    from mskio.namespaces import BIBO
    from mskio.site import render as site_render

    graph = Graph()
    works = [URIRef(f"{BASE}work/w{n:03d}") for n in range(300)]
    for n, work in enumerate(works):
        graph.add((work, RDF.type, BIBO.AcademicArticle))
        graph.add((work, DCTERMS.title, Literal(f"Work {n:03d}")))
    monkeypatch.setattr(site_render, "PAGE_SIZE", 10)
    asked: list[Node] = []
    is_work = site_render.Renderer.is_work

    def counted(self: site_render.Renderer, iri: Node) -> bool:
        asked.append(iri)
        return is_work(self, iri)

    monkeypatch.setattr(site_render.Renderer, "is_work", counted)
    source = SiteInput(data=graph, ontology=Graph().parse(ROOT / "ontology" / "mskio.ttl"), base=BASE,
                       version="0.0.0", built=dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc))
    files = site_render.Renderer(source).type_indexes()
    pages = [name for name in files if name.startswith(site_render.type_index_path(BIBO.AcademicArticle))]
    assert len(pages) == 30
    assert b"Works of type" in files[pages[0]]
    assert len(asked) <= 4 * len(works)


def test_the_build_links_the_corpus_dumps_into_the_site_and_lists_their_checksums(dist: Path) -> None:
    """The build's site offers mskio.nt, .ttl and .jsonld as the same files as dist/'s (hard
    links: 1.6 GB not written twice at 1,000 reviews), and SHA256SUMS gives each one's digest,
    computed here from the file."""
    sums = dict(reversed(line.split("  ", 1)) for line in (dist / "site" / "SHA256SUMS").read_text().splitlines())
    for name in ("mskio.nt", "mskio.ttl", "mskio.jsonld"):
        assert os.path.samefile(dist / name, dist / "site" / name)
        assert sums[name] == hashlib.sha256((dist / name).read_bytes()).hexdigest()
    assert not os.path.samefile(dist / "void.ttl", dist / "site" / "void.ttl")  # written with the site, as before


def test_a_download_given_as_a_file_is_read_without_a_linker(tmp_path: Path) -> None:
    """`render_site` (no `link`) writes a download given as a file with its bytes."""
    dump = tmp_path / "mskio.nt"
    dump.write_bytes(b'<https://w3id.org/mskio/work/x> <http://purl.org/dc/terms/title> "X" .\n')
    source = SiteInput(data=Graph(), ontology=Graph().parse(ROOT / "ontology" / "mskio.ttl"), base=BASE,
                       version="0.0.0", built=dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc),
                       downloads={"mskio.nt": dump})
    files = render_site(source)
    assert files["mskio.nt"] == dump.read_bytes()
    assert f"{hashlib.sha256(dump.read_bytes()).hexdigest()}  mskio.nt" in files["SHA256SUMS"].decode()
    assert source.download_sizes == {"mskio.nt": len(dump.read_bytes())}


@pytest.mark.parametrize("value", [
    {"@context": {"bibo": "http://purl.org/ontology/bibo/"}, "@graph": [{"@id": "work/x", "title": [
        "Cryoablation of desmoid tumours: a line\nbreak, a tab\t, \"quotes\", a backslash \\, é, \u2028 and \u2029",
        {"@value": "2019", "@type": "xsd:gYear"}], "none": [], "empty": {}, "pages": 12}]},
    {"z": {"y": {"x": [1, [2, []], "  two spaces at the start"]}}, "a": "\n  after a newline"},
    [], {},
])
def test_a_pages_json_ld_has_the_bytes_of_json_dumps_with_one_space_indent(value: object) -> None:
    """formats.page_jsonld writes with orjson (two-space indentation) and makes it one space a
    level: the same bytes as json.dumps(ensure_ascii=False, indent=1, sort_keys=True), which the
    pages were written with before (strings with newlines and leading spaces included)."""
    import json

    import orjson

    from mskio.site.formats import _one_space_indent

    expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    assert _one_space_indent(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)) == expected


def test_the_checksum_file_reads_back_as_written() -> None:
    """site/SHA256SUMS (`manifest`) read back (`read_manifest`, which mskio fair uses): every path
    and digest, a path holding two spaces too; empty lines are no entries."""
    first, second = "0" * 64, "ab" * 32
    text = manifest({"work/x.ttl": first, "a  b.html": second}).decode("utf-8")
    assert text == f"{second}  a  b.html\n{first}  work/x.ttl\n"
    assert read_manifest(text) == {"a  b.html": second, "work/x.ttl": first}
    assert read_manifest("\n" + text + "\n") == {"a  b.html": second, "work/x.ttl": first}
    assert read_manifest("") == {}


@pytest.mark.parametrize("line", ["0" * 63 + "  short.ttl", "0" * 64 + " one-space.ttl", "0" * 64 + "  ",
                                  "G" * 64 + "  upper.ttl", "0" * 64])
def test_a_malformed_checksum_line_is_named_by_its_number(line: str) -> None:
    good = "1" * 64 + "  fine.ttl"
    with pytest.raises(ValueError, match=r"^line 2: not '<sha256>  <path>'"):
        read_manifest(f"{good}\n{line}\n{good}\n")
