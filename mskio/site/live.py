"""The site rendered on demand from a built dist/ (`mskio serve --live`), without dist/site/.

A static site has three files per page, some 600,000 for a thousand reviews. Served live, a page is
rendered when it is asked for, from what `mskio build` wrote to dist/: the published graph
(mskio.nt), the published ontology (ontology/mskio.ttl) and the dataset's schema.org description;
it is byte for byte the page the static build writes (tests/test_site_serve.py compares them). So
is a page of a page's long list (`lists/{page}/{list}.html`), rendered with its page. The index
pages, the review list, the search index and the ontology's page (the costliest to render: the whole
ontology, the same whatever the corpus) are made once, when the server starts; the dumps and
metadata files are read from dist/. SHA256SUMS, a digest of files that are
never written, is not served.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, VOID

from mskio import __version__
from mskio.errors import InputError
from mskio.metadata import dataset_iri
from mskio.rdf_files import read_ntriples_terms, read_rdf_file
from mskio.site.describe import Page, Subjects
from mskio.site.negotiation import VARIANTS
from mskio.site.render import Renderer, SiteInput, copied_files


class LiveSite:
    """The files of the site of the build in `dist`, each made when first read."""

    def __init__(self, dist: Path) -> None:
        if not (dist / "mskio.nt").is_file():
            raise InputError("not a built dist/ (no mskio.nt); run `mskio build` first", path=dist)
        self.dist = dist
        # Oxigraph's parser, each term made once, no rdflib Graph: at 100 reviews (505k triples)
        # 1.2 s against rdflib's 9.6, which was half of the server's start
        triples = read_ntriples_terms(dist / "mskio.nt", what="published graph")
        ontology = read_rdf_file(dist / "ontology" / "mskio.ttl", what="published ontology")
        uri_space, modified_by = VOID.uriSpace, DCTERMS.modified  # once, not once a triple (rdflib makes them)
        spaces = [(s, o) for s, p, o in triples
                  if p == uri_space and isinstance(s, URIRef) and isinstance(o, Literal) and s == dataset_iri(str(o))]
        if len(spaces) != 1:
            raise InputError("the published graph does not state one dataset with its void:uriSpace", path=dist / "mskio.nt")
        dataset, base = spaces[0][0], str(spaces[0][1])
        modified = next((o for s, p, o in triples if s == dataset and p == modified_by), None)
        if not isinstance(modified, Literal) or not isinstance(modified.toPython(), dt.date):
            raise InputError(f"the dataset {dataset} has no dcterms:modified date", path=dist / "mskio.nt")
        day: dt.date = modified.toPython()
        schema = dist / "dataset.schema.jsonld"
        self.files = set(copied_files())
        """The files of the site that are copies of files of dist/ (read from there)."""
        self.renderer = Renderer(SiteInput(
            data=Subjects(triples), triples=triples, ontology=ontology, base=base, version=__version__,
            built=dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc),
            schema_org=json.loads(schema.read_text(encoding="utf-8")) if schema.is_file() else None,
            linked_files={name: (dist / name).stat().st_size for name in self.files if (dist / name).is_file()}))
        self.others = {path: data if isinstance(data, bytes) else data.read_bytes()
                       for path, data in self.renderer.other_files() if path not in self.files}
        """The index pages, review list, search, stylesheet and server files, made at the start."""
        for page in self.renderer.site.pages.values():  # the ontology's page, the costliest, made at the start
            if page.iri in self.renderer.site.ontology_iris:
                self.renderer.page_files(page)
        self.list_file = lru_cache(maxsize=64)(self.renderer.list_file)
        """A page of a long list of a page (mskio.site.render.PageList), None if there is none; the
        last few kept (a request asks whether it exists, then reads it)."""

    def page(self, path: str) -> Page | None:
        """The page whose file `path` is (`work/x.html`, `work/x.ttl` ...), None if there is none."""
        stem, dot, extension = path.rpartition(".")
        if not dot or f".{extension}" not in {v.extension for v in VARIANTS}:
            return None
        return self.renderer.site.pages.get(stem)

    def exists(self, path: str) -> bool:
        """Whether the site has the file `path` (relative, '/'-separated)."""
        if self.page(path) is not None:
            return True
        if path in self.files:
            return (self.dist / path).is_file()
        return path in self.others or self.list_file(path) is not None

    def read(self, path: str) -> bytes | None:
        """The bytes of the file `path` of the site, None if it has none."""
        page = self.page(path)
        if page is not None:
            return self.renderer.page_file(page, "." + path.rpartition(".")[2])
        if path in self.files:
            file = self.dist / path
            return file.read_bytes() if file.is_file() else None
        return self.others.get(path) or self.list_file(path)

    def open(self, path: str) -> io.BytesIO | None:
        """The file `path` to send (`read`), None if there is none."""
        data = self.read(path)
        return None if data is None else io.BytesIO(data)
