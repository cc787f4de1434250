"""`mskio serve` answers each IRI by content negotiation, checked with real HTTP clients (requests,
and rdflib's own URL loader) against the server started on a free loopback port (`site_url`)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

from tests.conftest import ROOT, serve

WORK = "work/2019-auloge-62b1a68c"
WORK_IRI = URIRef("https://w3id.org/mskio/" + WORK)
TITLE = Literal("Complications of percutaneous bone tumor cryoablation: a 10-year experience")  # ref 5
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def get(url: str, accept: str | None) -> requests.Response:
    headers = {"Accept": accept} if accept is not None else {}
    if accept is None:
        session = requests.Session()
        session.headers.pop("Accept", None)
        return session.get(url, timeout=10)
    return requests.get(url, headers=headers, timeout=10)


NEGOTIATION = [
    ("turtle", "text/turtle", "text/turtle", ".ttl"),
    ("jsonld", "application/ld+json", "application/ld+json", ".jsonld"),
    ("browser", BROWSER, "text/html", ".html"),
    ("no-accept", None, "text/html", ".html"),
    ("any", "*/*", "text/html", ".html"),
    ("turtle-preferred-by-q", "text/html;q=0.1, text/turtle", "text/turtle", ".ttl"),
]


@pytest.mark.parametrize(("accept", "media_type", "extension"), [c[1:] for c in NEGOTIATION],
                         ids=[c[0] for c in NEGOTIATION])
def test_an_iri_is_negotiated(site_url: str, accept: str | None, media_type: str, extension: str) -> None:
    response = get(site_url + WORK, accept)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media_type
    assert response.headers["Vary"] == "Accept"
    assert response.headers["Content-Location"] == f"/{WORK}{extension}"
    if extension == ".html":
        assert "<h1>Complications of percutaneous bone tumor cryoablation: a 10-year experience</h1>" in response.text
    else:
        graph = Graph().parse(data=response.text, format="turtle" if extension == ".ttl" else "json-ld")
        assert (WORK_IRI, DCTERMS.title, TITLE) in graph
        assert (WORK_IRI, DCTERMS.creator, URIRef("https://w3id.org/mskio/person/auloge-p")) in graph


def test_rdflib_dereferences_an_iri_over_http(site_url: str) -> None:
    graph = Graph().parse(site_url + "person/cazzato-rl")  # rdflib sends its own Accept header
    assert (URIRef("https://w3id.org/mskio/person/cazzato-rl"), FOAF.name, Literal("Cazzato RL")) in graph


def test_the_base_iri_negotiates_the_landing_page(site_url: str) -> None:
    html = get(site_url, BROWSER)
    assert html.status_code == 200 and 'application/ld+json' in html.text
    turtle = get(site_url, "text/turtle")
    assert turtle.headers["Content-Location"] == "/index.ttl"
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef("https://w3id.org/mskio/dataset"), DCTERMS.title, None) in graph


def test_a_file_with_an_extension_is_served_as_it_is(site_url: str, dist: Path) -> None:
    response = get(site_url + WORK + ".jsonld", "text/html")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/ld+json")
    assert response.content == (dist / "site" / f"{WORK}.jsonld").read_bytes()
    assert json.loads(get(site_url + "dataset.schema.jsonld", None).text)["@type"] == "Dataset"


@pytest.mark.parametrize(("path", "accept", "status"), [
    (WORK, "image/png", 406),
    (WORK, "text/html;q=0, text/turtle;q=0, application/ld+json;q=0", 406),
    ("work/no-such-work", "text/turtle", 404),
    ("work/", None, 404),
    (".htaccess", None, 404),
    ("%2e%2e/%2e%2e/etc/passwd", None, 404),
], ids=["only-png", "all-refused", "unknown-iri", "no-listing", "dotfile", "traversal"])
def test_refusals(site_url: str, path: str, accept: str | None, status: int) -> None:
    response = get(site_url + path, accept)
    assert response.status_code == status


def test_a_part_is_answered_with_303_to_its_owners_page(site_url: str) -> None:
    part = WORK + "/author/2"  # ref 5 prints "Auloge P, Cazzato RL, Rousseau C, ..."
    response = requests.get(site_url + part, headers={"Accept": "text/turtle"}, allow_redirects=False, timeout=10)
    assert response.status_code == 303 and response.headers["Location"] == f"/{WORK}#author/2"
    graph = Graph().parse(data=get(site_url + part, "text/turtle").text, format="turtle")
    assert (URIRef(f"{WORK_IRI}/author/2"), RDF.first, URIRef("https://w3id.org/mskio/person/cazzato-rl")) in graph
    missing = requests.get(site_url + "work/no-such-work/author/1", allow_redirects=False, timeout=10)
    assert missing.status_code == 404


def test_head_requests_get_headers_only(site_url: str) -> None:
    response = requests.head(site_url + WORK, headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/turtle")
    assert response.content == b""


def test_serve_binds_loopback_by_default() -> None:
    help_text = subprocess.run([sys.executable, "-m", "mskio", "serve", "--help"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout
    assert "default: 127.0.0.1" in help_text


def test_serve_without_a_built_site_is_a_one_line_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mskio", "serve", "--dir", str(tmp_path), "--port", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("mskio: error: ") and "run `mskio build` first" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_serve_on_a_taken_port_is_an_environment_error(dist: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "mskio", "serve", "--dir", str(dist / "site"),
                               "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


LONG = ["a" * 251, "work/" + "x" * 251, "work/" + "x" * 300 + ".html", "é" * 130, "a" * 4000 + "/b"]


@pytest.mark.parametrize("path", LONG, ids=["251-chars", "251-in-folder", "300-with-extension", "260-bytes-utf8",
                                            "4000-chars"])
def test_regression_issue_14_a_path_segment_too_long_for_a_file_name_is_404(site_url: str, path: str) -> None:
    """A segment of 251+ characters used to get an empty reply and a traceback (`File name too long`)."""
    for accept in (BROWSER, "text/turtle", None):
        response = get(site_url + path, accept)
        assert response.status_code in (404, 414)
    assert get(site_url + WORK, BROWSER).status_code == 200  # the server is still up


@pytest.fixture(scope="module")
def live_url(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mskio serve --live` on the built dist/ (pages rendered on demand, no dist/site/ read)."""
    yield from serve(dist, tmp_path_factory.mktemp("live") / "requests.log", live=True)


def test_live_pages_are_the_static_pages_byte_for_byte(live_url: str, dist: Path) -> None:
    site = dist / "site"
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.name not in ("SHA256SUMS", ".htaccess"))
    assert len(files) > 1000
    differ = []
    with requests.Session() as session:  # one client for the 4,000 requests (the server closes each connection)
        for file in files:
            path = file.relative_to(site).as_posix()
            response = session.get(live_url + path, timeout=30)
            if response.status_code != 200 or response.content != file.read_bytes():
                differ.append((path, response.status_code))
    assert differ == []


def test_live_negotiates_and_redirects_parts_as_the_static_server(live_url: str) -> None:
    turtle = get(live_url + WORK, "text/turtle")
    assert turtle.headers["Content-Location"] == f"/{WORK}.ttl" and turtle.headers["Vary"] == "Accept"
    assert (WORK_IRI, DCTERMS.title, TITLE) in Graph().parse(data=turtle.text, format="turtle")
    part = requests.get(live_url + WORK + "/author/2", allow_redirects=False, timeout=10)
    assert part.status_code == 303 and part.headers["Location"] == f"/{WORK}#author/2"
    assert get(live_url + "work/no-such-work", "text/turtle").status_code == 404
    assert get(live_url + WORK, "image/png").status_code == 406


def test_a_build_without_the_site_is_served_live(dist: Path, tmp_path: Path) -> None:
    """`mskio build --no-site` writes everything but dist/site/; `mskio serve --live` renders its
    pages, the same bytes as the static pages of the same build with the site."""
    from mskio.pipeline import BuildConfig, run_build
    from mskio.project import Project
    from mskio.site.live import LiveSite
    from tests.conftest import SOURCE

    out = tmp_path / "dist"
    run_build(BuildConfig(project=Project(ROOT), sources=(SOURCE,), out=out, site=False))
    assert not (out / "site").exists()
    with_site = {p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file() and not
                 p.relative_to(dist).as_posix().startswith("site/")}
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == with_site
    live = LiveSite(out)
    for path in (f"{WORK}.html", f"{WORK}.ttl", "person/cazzato-rl.jsonld", "index.html"):
        assert live.read(path) == (dist / "site" / path).read_bytes(), path


def test_regression_issue_10_live_list_pages_are_the_static_ones(tmp_path: Path) -> None:
    """The pages of a long list (lists/{page}/{list}.html, mskio.site.render.PageList) are rendered
    live with their page: every file of the static site of a corpus of 130 reviews, list pages
    included, is the live file byte for byte, and a list page that does not exist is none."""
    import datetime as dt
    import shutil

    from mskio import __version__
    from mskio.site.live import LiveSite
    from mskio.site.render import SiteInput, render_site
    from tests.test_site_render import BASE, venue_corpus

    graph = venue_corpus(130)
    (tmp_path / "ontology").mkdir()
    shutil.copy(ROOT / "ontology" / "mskio.ttl", tmp_path / "ontology" / "mskio.ttl")
    graph.serialize(tmp_path / "mskio.nt", format="nt", encoding="utf-8")
    static = render_site(SiteInput(data=graph, ontology=Graph().parse(ROOT / "ontology" / "mskio.ttl"), base=BASE,
                                   version=__version__, built=dt.datetime(2026, 2, 20, tzinfo=dt.timezone.utc),
                                   downloads={"mskio.nt": (tmp_path / "mskio.nt").read_bytes()}))
    lists = [path for path in static if path.startswith("lists/")]
    assert "lists/journal/shared/works-2.html" in lists and "lists/dataset/void-subset-2.html" in lists
    live = LiveSite(tmp_path)
    differ = [path for path, data in static.items() if path != "SHA256SUMS" and live.read(path) != data]
    assert differ == []
    assert all(live.exists(path) for path in lists)
    for missing in ("lists/journal/shared/works-3.html", "lists/journal/shared/nothing.html",
                    "lists/journal/no-such-journal/works.html", "lists/journal/shared/works"):
        assert not live.exists(missing) and live.read(missing) is None, missing


# ------------------------------------------------------------------ issue 10: the live site's reader
# `mskio serve --live` reads dist/mskio.nt with Oxigraph's parser into rdflib terms, not an rdflib
# Graph (at 100 reviews its start went from 21.8 to 8.8 s). The terms are those rdflib's reader makes.

def test_the_dump_is_read_into_the_terms_rdflibs_reader_makes(tmp_path: Path) -> None:
    from rdflib.namespace import XSD

    from mskio.rdf_files import read_ntriples_terms

    work = "https://w3id.org/mskio/work/x"
    dump = tmp_path / "mskio.nt"
    dump.write_text(
        f'<{work}> <http://purl.org/dc/terms/title> "Cryoablation of desmoid tumours" .\n'
        f'<{work}> <http://purl.org/dc/terms/title> "Cryoablation des tumeurs desmoïdes"@fr .\n'
        f'<{work}> <http://purl.org/ontology/bibo/volume> "23"^^<http://www.w3.org/2001/XMLSchema#positiveInteger> .\n'
        f'<https://w3id.org/mskio/review/y> <http://purl.org/spar/cito/cites> <{work}> .\n', encoding="utf-8")
    triples = read_ntriples_terms(dump)
    expected = [
        (URIRef(work), DCTERMS.title, Literal("Cryoablation of desmoid tumours")),
        (URIRef(work), DCTERMS.title, Literal("Cryoablation des tumeurs desmoïdes", lang="fr")),
        (URIRef(work), URIRef("http://purl.org/ontology/bibo/volume"), Literal("23", datatype=XSD.positiveInteger)),
        (URIRef("https://w3id.org/mskio/review/y"), URIRef("http://purl.org/spar/cito/cites"), URIRef(work)),
    ]
    assert triples == expected
    assert [type(t) for triple in triples for t in triple] == [type(t) for triple in expected for t in triple]
    assert triples[0][2].datatype is None  # a plain literal, as rdflib reads it (Oxigraph says xsd:string)
    assert set(triples) == set(Graph().parse(dump, format="nt"))
    assert triples[0][0] is triples[1][0] is triples[3][2]  # one object for the work's IRI


@pytest.mark.parametrize(("name", "line", "words"), [
    ("truncated.nt", 3, "not valid N-Triples"),  # line 3 ends inside its literal, no '.'
    ("bad-iri.nt", 2, "not valid N-Triples"),    # <not an IRI>
    ("empty.nt", 1, "no triples"),
])
def test_serve_live_on_a_broken_dump_is_one_line_naming_file_and_line(tmp_path: Path, name: str, line: int,
                                                                       words: str) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "mskio.nt").write_bytes((ROOT / "tests" / "data" / "bad" / name).read_bytes())
    done = subprocess.run([sys.executable, "-m", "mskio", "serve", "--live", "--dist", str(dist), "--port", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"mskio: error: {dist / 'mskio.nt'}:{line}: "), done.stderr
    assert words in lines[0] and "Traceback" not in done.stderr
