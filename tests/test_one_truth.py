"""Issue 14, 'one truth in every file': every copy of a thing is made from one value."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


def mappings(graph: Graph) -> set[tuple[object, object, object]]:
    return {t for p in MATCHES for t in graph.triples((None, p, None))}


def test_site_ontology_has_the_published_mappings(dist: Path) -> None:
    """dist/site/ontology.ttl lacked the SKOS mappings that dist/ontology/mskio.ttl has (the site
    re-read the raw ontology file)."""
    published = mappings(Graph().parse(dist / "ontology" / "mskio.ttl"))
    rows = [ln for ln in (dist / "ontology" / "mappings.sssom.tsv").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#") and not ln.startswith("subject_id")]
    assert published and len(published) == len(rows)
    assert mappings(Graph().parse(dist / "site" / "ontology.ttl")) == published
