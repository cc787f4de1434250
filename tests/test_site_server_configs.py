"""The shipped server configurations negotiate like `mskio serve`: dist/site/.htaccess under a real
Apache httpd 2.4 and dist/site/nginx-mskio.conf under a real nginx, each started on a free loopback
port with a throw-away configuration that only adds what a host adds (listen address, root, modules).
.ci/run installs both (Debian's apache2 and nginx-light); in CI (CI=true) a missing server fails the
tests, elsewhere they skip."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

WORK = "work/2019-auloge-62b1a68c"
TITLE = Literal("Complications of percutaneous bone tumor cryoablation: a 10-year experience")  # ref 5
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
APACHE_MODULES = Path("/usr/lib/apache2/modules")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"server did not listen on {port}")


def nginx_config(site: Path, work: Path, port: int) -> Path:
    """nginx.conf: the shipped snippet's maps included as they are, its commented server block
    uncommented with our port and root."""
    shipped = (site / "nginx-mskio.conf").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(shipped) if line.startswith("# server {"))
    server = "\n".join(line[2:] if line.startswith("# ") else line[1:] for line in shipped[start:] if line.startswith("#"))
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/mskio/dist/site;", f"root {site};")
    assert f"root {site};" in server and f"127.0.0.1:{port}" in server
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = work / "nginx.conf"
    user = pwd.getpwuid(os.geteuid()).pw_name  # workers read the site as we do (root would drop to nobody)
    config.write_text(f"daemon off;\nuser {user};\npid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
                      f"http {{\n access_log off;\n {temp}\n include {site / 'nginx-mskio.conf'};\n{server}\n}}\n")
    return config


def apache_config(site: Path, work: Path, port: int) -> Path:
    """httpd.conf: the modules the shipped .htaccess names, the site as document root with the
    overrides it documents."""
    modules = ["mpm_event", "authz_core", "mime", "dir", "rewrite", "headers"]
    loads = "\n".join(f"LoadModule {m}_module {APACHE_MODULES / f'mod_{m}.so'}" for m in modules)
    config = work / "httpd.conf"
    config.write_text(
        f"ServerRoot {work}\nServerName localhost\nListen 127.0.0.1:{port}\nPidFile {work}/httpd.pid\n"
        f"ErrorLog {work}/error.log\n{loads}\nTypesConfig /etc/mime.types\nDocumentRoot {site}\n"
        f"<Directory {site}>\n    AllowOverride FileInfo Indexes\n    Require all granted\n</Directory>\n")
    return config


@pytest.fixture(scope="module", params=["apache", "nginx"])
def config_url(request: pytest.FixtureRequest, dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = request.param
    binary = shutil.which("apache2" if server == "apache" else "nginx", path="/usr/sbin:/usr/bin:/sbin:/bin")
    if binary is None or (server == "apache" and not (APACHE_MODULES / "mod_rewrite.so").is_file()):
        if os.environ.get("CI") == "true":  # never skipped in CI: .ci/run installs both
            pytest.fail(f"{server} is not installed, although .ci/run installs it")
        pytest.skip(f"{server} is not installed (.ci/run installs it)")
    work = tmp_path_factory.mktemp(server)
    port = free_port()
    site = dist / "site"
    if server == "apache":
        command = [binary, "-X", "-f", str(apache_config(site, work, port))]
    else:
        command = [binary, "-c", str(nginx_config(site, work, port)), "-p", str(work)]
    log = work / "out.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(port, process, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


CASES = [
    ("turtle", WORK, "text/turtle", 200, "text/turtle"),
    ("jsonld", WORK, "application/ld+json", 200, "application/ld+json"),
    ("plain-json", WORK, "application/json", 200, "application/ld+json"),
    ("browser", WORK, BROWSER, 200, "text/html"),
    ("any", WORK, "*/*", 200, "text/html"),
    ("rdflib-turtle", WORK, "text/turtle, application/x-turtle, */*;q=0.1", 200, "text/turtle"),
    ("turtle-over-low-html", WORK, "text/html;q=0.1, text/turtle", 200, "text/turtle"),
    ("only-png", WORK, "image/png", 406, None),
    ("root-turtle", "", "text/turtle", 200, "text/turtle"),
    ("root-browser", "", BROWSER, 200, "text/html"),
    ("file-as-is", WORK + ".ttl", BROWSER, 200, "text/turtle"),
    ("ontology-turtle", "ontology", "text/turtle", 200, "text/turtle"),
    ("review-jsonld", "doi/10-1055-a-2744-8457", "application/ld+json", 200, "application/ld+json"),
    ("unknown", "work/no-such-work", "text/turtle", 404, None),
]


@pytest.mark.parametrize(("path", "accept", "status", "media_type"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_shipped_configuration_negotiates(config_url: str, path: str, accept: str, status: int,
                                          media_type: str | None) -> None:
    response = requests.get(config_url + path, headers={"Accept": accept}, timeout=10)
    assert response.status_code == status
    if media_type is None:
        return
    assert response.headers["Content-Type"].split(";")[0].strip() == media_type
    if path == WORK and media_type != "text/html":
        graph = Graph().parse(data=response.text, format="turtle" if media_type == "text/turtle" else "json-ld")
        assert (URIRef("https://w3id.org/mskio/" + WORK), DCTERMS.title, TITLE) in graph
    if path == WORK:
        assert "Accept" in response.headers.get("Vary", "")


PART = WORK + "/author/2"  # the second cell of ref 5's author list: "Auloge P, Cazzato RL, Rousseau C, ..."


@pytest.mark.parametrize("accept", ["text/turtle", BROWSER], ids=["turtle", "browser"])
def test_a_part_is_answered_with_303_to_its_owners_page(config_url: str, accept: str) -> None:
    response = requests.get(config_url + PART, headers={"Accept": accept}, allow_redirects=False, timeout=10)
    assert response.status_code == 303
    assert urljoin(config_url + PART, response.headers["Location"]) == config_url + WORK + "#author/2"
    followed = requests.get(config_url + PART, headers={"Accept": accept}, timeout=10)
    assert followed.status_code == 200
    if accept == "text/turtle":
        graph = Graph().parse(data=followed.text, format="turtle")
        assert (URIRef("https://w3id.org/mskio/" + PART), RDF.first, URIRef("https://w3id.org/mskio/person/cazzato-rl")) in graph
    else:
        assert 'id="author/2"' in followed.text


def test_a_part_of_an_unknown_resource_is_404(config_url: str) -> None:
    response = requests.get(config_url + "work/no-such-work/author/1", headers={"Accept": "text/turtle"},
                            allow_redirects=False, timeout=10)
    assert response.status_code == 404
