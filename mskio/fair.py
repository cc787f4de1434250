"""The FAIR self-check of a built dist/: one or more concrete tests per principle.

Each check reads only the files in dist/ (offline) and returns PASS, FAIL or INFO:
  PASS  the files show the principle is met, and `reason` says how
  FAIL  they show it is not (mskio fair exits 1)
  INFO  it cannot be decided from the files (e.g. whether the w3id.org redirect is registered,
        whether a release is deposited): reported with the reason, never counted as a pass
Principles: F1-F4, A1 (A1.1, A1.2), A2, I1-I3, R1 (R1.1-R1.3), as in Wilkinson et al. 2016.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

from mskio.errors import InputError
from mskio.namespaces import BIRO, DCAT, MSKIO, NP, PREFIXES, PROV, SH, SPDX, VOID
from mskio.site.formats import MANIFEST, read_manifest

PASS, FAIL, INFO = "PASS", "FAIL", "INFO"

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

KNOWN_LICENCES = {
    "http://creativecommons.org/publicdomain/zero/1.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/licenses/by/4.0/",
}
"""Licence IRIs the check accepts as clear, machine-readable and open."""

STANDARD_VOCABULARIES = {ns for prefix, ns in PREFIXES.items() if prefix != "mskio"}
"""Published, widely used vocabularies (BIBO, SPAR, DCTerms, FOAF, PROV, VoID, DCAT, SPDX ...)."""

PERSISTENT_HOSTS = ("https://w3id.org/", "https://doi.org/", "http://purl.org/", "https://purl.org/")
"""IRI prefixes of persistent-identifier services."""


@dataclass(frozen=True)
class Check:
    """One row of the FAIR table."""

    principle: str
    status: str
    title: str
    reason: str


@dataclass(frozen=True)
class Dist:
    """The parsed files of a dist/ directory: mskio.nt in an Oxigraph store (its default graph),
    which the checks ask with SPARQL, so that they run at corpus scale; void.ttl as an rdflib Graph."""

    root: Path
    store: ox.Store
    void: Graph
    dataset: URIRef
    base: str

    @property
    def data_filter(self) -> str:
        """A SPARQL FILTER keeping the data's triples (subject ?s not the dataset's description:
        neither <dataset> nor under <dataset/>), as mskio.metadata.is_description defines it."""
        return f'FILTER (?s != <{self.dataset}> && !STRSTARTS(STR(?s), "{self.dataset}/"))'

    def rows(self, query: str) -> list[tuple[str, ...]]:
        """The rows of a SELECT over mskio.nt, each value as a string ('' unbound), the prefixes of
        PREFIXES bound."""
        head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted(PREFIXES.items()))
        result = self.store.query(head + query)
        assert isinstance(result, ox.QuerySolutions)
        width = len(result.variables)
        return [tuple(getattr(solution[i], "value", "") for i in range(width)) for solution in result]

    def values(self, query: str) -> list[str]:
        """The first column of a SELECT over mskio.nt (bound values only)."""
        return [row[0] for row in self.rows(query) if row[0]]

    def count(self, query: str) -> int:
        """The number a `SELECT (COUNT(...) AS ?n)` query over mskio.nt gives."""
        values = self.values(query)
        return int(values[0]) if values else 0


OXIGRAPH_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
                    ".trig": ox.RdfFormat.TRIG}
"""The RDF files I1 checks, by extension, with the W3C format Oxigraph's parser reads them in."""


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> Node:
    """An Oxigraph term as the rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    raise ValueError(f"not an RDF 1.1 term: {term}")


def _read(path: Path, fmt: ox.RdfFormat) -> Graph:
    """A file parsed by Oxigraph (fast, and it names the line of a syntax error) into an rdflib Graph."""
    graph = Graph()
    add = graph.add
    for quad in ox.parse(path=str(path), format=fmt):
        add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def load_dist(root: Path) -> Dist:
    """Load dist/mskio.nt (into an Oxigraph store) and dist/void.ttl; InputError naming the file if
    one is missing or broken."""
    for name in ("mskio.nt", "void.ttl"):
        if not (root / name).is_file():
            raise InputError("missing: run `mskio build` first", path=root / name)
    store = ox.Store()
    try:
        store.bulk_load(path=str(root / "mskio.nt"), format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"not valid N-Triples: {' '.join(str(exc).split())[:200]}", path=root / "mskio.nt") from None
    try:
        void = _read(root / "void.ttl", ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"not valid Turtle: {' '.join(str(exc).split())[:200]}", path=root / "void.ttl") from None
    datasets = sorted(s for s in void.subjects(RDF.type, VOID.Dataset)
                      if isinstance(s, URIRef) and void.value(s, VOID.uriSpace) is not None)
    if not datasets:
        raise InputError("no void:Dataset with a void:uriSpace", path=root / "void.ttl")
    dataset = datasets[0]
    base = str(void.value(dataset, VOID.uriSpace))
    return Dist(root, store, void, dataset, base)


def _missing(graph: Graph, subject: URIRef, predicates: dict[str, URIRef]) -> list[str]:
    return [name for name, p in predicates.items() if graph.value(subject, p) is None]


def f1_identifiers(d: Dist) -> list[Check]:
    """F1: globally unique, persistent identifiers; no blank nodes."""
    blanks = d.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) }")
    subjects = d.count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER isIRI(?s) }")
    hosts = " || ".join(f'STRSTARTS(STR(?s), "{h}")' for h in PERSISTENT_HOSTS)
    persistent = d.count(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER (isIRI(?s) && ({hosts})) }}")
    ok = blanks == 0 and subjects == persistent and str(d.dataset).startswith(PERSISTENT_HOSTS)
    rows = [Check("F1", PASS if ok else FAIL, "persistent, globally unique identifiers",
                  f"{persistent}/{subjects} subjects under w3id.org or doi.org, {blanks} blank nodes")]
    rows.append(Check("F1", INFO, "identifiers resolve",
                      f"{d.base} resolves only once the w3id.org redirect is registered and dist/ is hosted "
                      f"(README, Publishing); not checkable offline"))
    return rows


def f2_rich_metadata(d: Dist) -> list[Check]:
    """F2: the dataset is described with rich metadata."""
    needed = {"title": DCTERMS.title, "description": DCTERMS.description, "keyword": DCAT.keyword,
              "theme": DCAT.theme, "creator": DCTERMS.creator, "publisher": DCTERMS.publisher,
              "issued": DCTERMS.issued, "modified": DCTERMS.modified, "version": DCAT.version,
              "licence": DCTERMS.license, "language": DCTERMS.language}
    missing = _missing(d.void, d.dataset, needed)
    keywords = len(set(d.void.objects(d.dataset, DCAT.keyword)))
    ok = not missing and keywords >= 3
    return [Check("F2", PASS if ok else FAIL, "rich dataset metadata (DCAT/DCTerms)",
                  f"{len(needed) - len(missing)}/{len(needed)} fields, {keywords} keywords"
                  + (f"; missing {', '.join(missing)}" if missing else ""))]


def f3_identifier_in_metadata(d: Dist) -> list[Check]:
    """F3: the metadata names the identifier of the data it describes (dataset IRI, URI space,
    distributions with download URLs), and the data graph carries the same description."""
    distributions = sorted(str(o) for o in d.void.objects(d.dataset, DCAT.distribution))
    urls = [d.void.value(URIRef(x), DCAT.downloadURL) for x in distributions]
    in_graph = bool(d.values(f"SELECT ?s WHERE {{ BIND(<{d.dataset}> AS ?s) ?s a void:Dataset }}"))
    ok = bool(distributions) and all(u is not None for u in urls) and in_graph
    return [Check("F3", PASS if ok else FAIL, "metadata names the data's identifiers",
                  f"<{d.dataset}>, uriSpace {d.base}, {len(distributions)} distributions with download URLs; "
                  f"description {'also' if in_graph else 'NOT'} in mskio.nt")]


def f4_indexable(d: Dist) -> list[Check]:
    """F4: indexed in a searchable resource. The schema.org Dataset markup is checked; whether a
    search engine or repository has indexed it cannot be decided offline."""
    path = d.root / "dataset.schema.jsonld"
    ok, why = False, "dataset.schema.jsonld missing"
    if path.is_file():
        doc = json.loads(path.read_text(encoding="utf-8"))
        missing = [k for k in ("name", "description", "license", "creator", "distribution", "keywords")
                   if not doc.get(k)]
        ok = doc.get("@type") == "Dataset" and not missing
        why = "schema.org Dataset with name, description, licence, creator, keywords, downloads" if ok \
            else f"schema.org Dataset lacks {', '.join(missing) or '@type Dataset'}"
    return [Check("F4", PASS if ok else FAIL, "schema.org Dataset markup for dataset search", why),
            Check("F4", INFO, "registered in a searchable resource",
                  "not deposited yet (Zenodo release, README Publishing); not checkable offline")]


def a1_retrievable(d: Dist) -> list[Check]:
    """A1, A1.1, A1.2: retrievable over an open, free, standard protocol; every file in void.ttl is
    in dist/ with the byte size and SHA-256 that void.ttl states."""
    rows = []
    problems = []
    distributions = sorted(str(o) for o in d.void.objects(d.dataset, DCAT.distribution))
    for node in distributions:
        url = str(d.void.value(URIRef(node), DCAT.downloadURL) or "")
        name = url.rsplit("/", 1)[-1]
        path = d.root / name
        size = d.void.value(URIRef(node), DCAT.byteSize)
        checksum = d.void.value(URIRef(node), SPDX.checksum)
        value = d.void.value(checksum, SPDX.checksumValue) if checksum is not None else None
        if not path.is_file():
            problems.append(f"{name} missing")
        elif size is None or value is None:
            problems.append(f"{name} without size or checksum")
        elif int(str(size)) != path.stat().st_size or str(value) != hashlib.sha256(path.read_bytes()).hexdigest():
            problems.append(f"{name} differs from void.ttl")
    rows.append(Check("A1", PASS if distributions and not problems else FAIL,
                      "files match their size and SHA-256 in void.ttl",
                      "; ".join(problems) or f"{len(distributions)} distributions verified"))
    urls = [str(d.void.value(URIRef(x), DCAT.downloadURL) or "") for x in distributions]
    https = all(u.startswith("https://") for u in urls) and bool(urls)
    rows.append(Check("A1.1", PASS if https else FAIL, "open, free, universal protocol",
                      "every download URL is https" if https else "a download URL is not https"))
    rows.append(Check("A1.2", PASS if https else FAIL, "authentication where necessary",
                      "none needed: open data over plain https" if https else "no https download"))
    return rows


def a2_metadata_persists(d: Dist) -> list[Check]:
    """A2: the metadata stands on its own (void.ttl, without the data) so it can outlive the data."""
    own = all(d.void.value(d.dataset, p) is not None for p in (DCTERMS.title, DCTERMS.license, DCTERMS.description))
    return [Check("A2", PASS if own else FAIL, "metadata separate from the data",
                  "void.ttl describes the dataset without the dumps" if own else "void.ttl lacks title/licence"),
            Check("A2", INFO, "long-term archive",
                  "metadata outliving the web host needs a repository deposit (Zenodo); not done yet")]


def i1_formal_language(d: Dist) -> list[Check]:
    """I1: every RDF file is in its W3C format (Turtle, N-Triples, JSON-LD, TriG). The files outside
    site/ (dumps, description, ontology, report, nanopublications) are parsed (by Oxigraph's
    parsers, which read JSON-LD with its inline context and no network); the site's page files, which the build wrote from parsed graphs with rdflib's writers,
    are checked against the SHA-256 it recorded for each (site/SHA256SUMS): a page that differs
    from what the build wrote fails, without re-parsing thousands of pages. A site without the
    checksum file, and any RDF file the file does not list, is parsed. The tree is walked once
    with os.scandir and paths kept as strings (pathlib's rglob, sorting and relative_to over the
    311k files of 100 reviews' dist/ cost more than hashing its 207k pages, 294 MiB, 2.6 s)."""
    site = d.root / "site"
    recorded: dict[str, str] = {}
    bad: list[str] = []
    if (site / MANIFEST).is_file():
        try:
            recorded = read_manifest((site / MANIFEST).read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            bad.append(f"site/{MANIFEST} ({exc})")
    files = list(_walk_files(str(d.root), ""))
    site_files = {name[len("site/"):] for name in files if name.startswith("site/")}
    rdf = [name for name in files if os.path.splitext(name)[1] in OXIGRAPH_FORMATS
           and name.rsplit("/", 1)[-1] != "context.jsonld"]
    root = str(d.root)
    digests = {name: _sha256(os.path.join(root, name)) for name in rdf
               if name.startswith("site/") and name[len("site/"):] in recorded}
    parsed = verified = 0
    for name in rdf:
        if name in digests:
            verified += 1
            if digests[name] != recorded[name[len("site/"):]]:
                bad.append(f"{name} (differs from its SHA-256 in site/{MANIFEST})")
            continue
        parsed += 1
        if name == "mskio.nt":
            continue  # parsed by load_dist
        try:
            for _ in ox.parse(path=os.path.join(root, name), format=OXIGRAPH_FORMATS[os.path.splitext(name)[1]]):
                pass
        except (SyntaxError, ValueError, OSError):
            bad.append(name)
    count, broken = parsed + verified, len([b for b in bad if not b.startswith(f"site/{MANIFEST}")])
    missing = sorted(p for p in recorded if p not in site_files)
    bad += [f"site/{p} (listed in site/{MANIFEST}, missing)" for p in missing[:5]]
    return [Check("I1", PASS if count and not bad else FAIL, "formal knowledge representation (RDF 1.1)",
                  f"{count - broken}/{count} RDF files well-formed ({parsed} parsed, {verified} site pages "
                  f"match the SHA-256 the build recorded)" + (f"; broken: {', '.join(bad[:10])}" if bad else ""))]


def _walk_files(root: str, prefix: str) -> Iterator[str]:
    """The regular files under `root` (symbolic links followed, as Path.is_file does) as paths
    relative to it, with '/' between the parts, in the order of sorted(Path.rglob("*")) (each
    directory's entries by name, a subdirectory's files where its name sorts)."""
    with os.scandir(root) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_files(entry.path, f"{prefix}{entry.name}/")
        elif entry.is_file():
            yield prefix + entry.name


def _sha256(path: str) -> str | None:
    """The file's SHA-256 (hex), None if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def i2_vocabularies(d: Dist) -> list[Check]:
    """I2: the vocabularies used are published standards, or mskio's own ontology (with its own header)."""
    vocabularies = {str(v) for v in d.void.objects(d.dataset, VOID.vocabulary)}
    own = {str(MSKIO)}
    unknown = sorted(vocabularies - STANDARD_VOCABULARIES - own)
    predicates = set(d.values(f"SELECT DISTINCT ?p WHERE {{ ?s ?p ?o {d.data_filter} }}"))
    undeclared = sorted(p for p in predicates if not any(p.startswith(v) for v in vocabularies))
    ok = bool(vocabularies) and not unknown and not undeclared
    return [Check("I2", PASS if ok else FAIL, "FAIR vocabularies",
                  f"{len(vocabularies)} vocabularies ({len(vocabularies - own)} standard, mskio ontology)"
                  + (f"; unknown {unknown}" if unknown else "") + (f"; undeclared {undeclared[:3]}" if undeclared else ""))]


def i3_qualified_links(d: Dist) -> list[Check]:
    """I3: qualified references to other datasets: DOIs, MeSH themes, and the SKOS mappings of the
    published ontology (dist/ontology/mskio.ttl, when the build wrote it) to MeSH, NCIt, MONDO ..."""
    own = " && ".join(f'!STRSTARTS(STR(?o), "{ns}")' for ns in (d.base, *PREFIXES.values()))
    external = set(d.rows(f"SELECT DISTINCT ?p ?o WHERE {{ ?s ?p ?o FILTER (isIRI(?o) && {own}) }}"))
    ontology = d.root / "ontology" / "mskio.ttl"
    if ontology.is_file():
        for quad in ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE):
            o = quad.object
            if isinstance(o, ox.NamedNode) and not o.value.startswith((d.base, *PREFIXES.values())):
                external.add((quad.predicate.value, o.value))
    by_kind = {
        "DOI": len({o for _, o in external if str(o).startswith("https://doi.org/")}),
        "MeSH": len({o for _, o in external if str(o).startswith("http://id.nlm.nih.gov/mesh/")}),
        "SKOS mappings": sum(1 for p, _ in external if str(p).startswith(str(SKOS)) and str(p).endswith("Match")),
    }
    ok = by_kind["DOI"] > 0 and by_kind["MeSH"] > 0
    return [Check("I3", PASS if ok else FAIL, "qualified links to other datasets",
                  ", ".join(f"{n} {k}" for k, n in by_kind.items())
                  + f" ({len({o for _, o in external})} distinct external IRIs)")]


def r1_attributes(d: Dist) -> list[Check]:
    """R1: plurality of accurate attributes: the VoID statistics agree with the files: void:triples
    is the number of triples mskio.nt holds (data and description, as a consumer counting the dump
    finds), and the class partitions are stated."""
    stated = d.void.value(d.dataset, VOID.triples)
    classes = len(set(d.void.objects(d.dataset, VOID.classPartition)))
    actual = len(d.store)
    data = d.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o {d.data_filter} }}")
    ok = stated is not None and int(str(stated)) == actual and classes > 0
    return [Check("R1", PASS if ok else FAIL, "accurate statistics",
                  f"void:triples {stated} vs {actual} triples in mskio.nt ({data} data, "
                  f"{actual - data} description), {classes} class partitions")]


def r11_licence(d: Dist) -> list[Check]:
    """R1.1: a clear, machine-readable licence on the dataset and every distribution; the rights of
    reproduced third-party text stated."""
    licence = d.void.value(d.dataset, DCTERMS.license)
    distributions = list(d.void.objects(d.dataset, DCAT.distribution))
    unlicensed = [x for x in distributions if d.void.value(x, DCTERMS.license) is None]
    abstracts = set(d.values(f"SELECT DISTINCT ?s WHERE {{ ?s dcterms:abstract ?a {d.data_filter} }}"))
    covered = {str(d.void.value(r, DCTERMS.references)) for r in d.void.objects(d.dataset, DCTERMS.rights)}
    uncovered = abstracts - covered
    ok = str(licence) in KNOWN_LICENCES and not unlicensed and not uncovered
    return [Check("R1.1", PASS if ok else FAIL, "clear usage licence",
                  f"dataset {licence}; {len(distributions) - len(unlicensed)}/{len(distributions)} distributions "
                  f"licensed; {len(abstracts) - len(uncovered)}/{len(abstracts)} reproduced abstracts carry the "
                  f"publisher's rights")]


def r12_provenance(d: Dist) -> list[Check]:
    """R1.2: detailed provenance: the build activity, its agent and inputs with checksums, and every
    reference entry, cited work and indication traceable to its source."""
    activity = d.void.value(d.dataset, PROV.wasGeneratedBy)
    used = list(d.void.objects(activity, PROV.used)) if activity is not None else []
    with_checksum = [u for u in used if d.void.value(u, SPDX.checksum) is not None]
    agent = d.void.value(activity, PROV.wasAssociatedWith) if activity is not None else None
    entries = set(d.values(f"SELECT DISTINCT ?s WHERE {{ ?s a biro:BibliographicReference {d.data_filter} }}"))
    traced_entries = set(d.values(f"SELECT DISTINCT ?s WHERE {{ ?s a biro:BibliographicReference ; "
                                  f"prov:wasDerivedFrom ?from ; mskio:sourceLine ?line {d.data_filter} }}"))
    works = set(d.values(f"SELECT DISTINCT ?w WHERE {{ ?s biro:references ?w {d.data_filter} }}"))
    traced_works = set(d.values("SELECT DISTINCT ?w WHERE { ?e biro:references ?w . ?w prov:wasDerivedFrom ?from }"))
    indications = set(d.values(f"SELECT DISTINCT ?s WHERE {{ ?s a mskio:Indication {d.data_filter} }}"))
    quoted = set(d.values(f"SELECT DISTINCT ?s WHERE {{ ?s a mskio:Indication ; mskio:abstractSentence ?q "
                          f"{d.data_filter} }}"))
    ok = (activity is not None and agent is not None and bool(used) and len(with_checksum) == len(used)
          and entries == traced_entries and works == traced_works and indications == quoted)
    return [Check("R1.2", PASS if ok else FAIL, "detailed provenance (PROV-O)",
                  f"build used {len(used)} files ({len(with_checksum)} with SHA-256), agent "
                  f"{'named' if agent is not None else 'MISSING'}; {len(traced_entries)}/{len(entries)} entries, "
                  f"{len(traced_works)}/{len(works)} works, {len(quoted)}/{len(indications)} indications traced")]


def r13_standards(d: Dist) -> list[Check]:
    """R1.3: community standards: the SHACL report says the graph conforms; nanopublications have
    the four graphs nanopub tools expect."""
    rows = []
    path = d.root / "validation.ttl"
    conforms = None
    if path.is_file():
        try:
            report = _read(path, ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError, OSError):
            report = Graph()  # not well-formed: I1 says so; no conformance can be read from it
        value = next(iter(report.objects(None, SH.conforms)), None)
        conforms = value.toPython() if isinstance(value, Literal) else None
    rows.append(Check("R1.3", PASS if conforms is True else FAIL, "conforms to the mskio SHACL shapes",
                      f"validation.ttl sh:conforms {conforms}"))
    nanopubs = sorted((d.root / "nanopubs").glob("*.trig"))
    broken = []
    for np_path in nanopubs:
        ds = Dataset()
        try:
            ds.parse(np_path, format="trig")
        except Exception:  # rdflib's parsers raise many exception types; I1 names the file too
            broken.append(np_path.name)
            continue
        heads = [(s, g) for s, _, _, g in ds.quads((None, RDF.type, NP.Nanopublication, None))]
        if len(heads) != 1:
            broken.append(np_path.name)
            continue
        this, head = heads[0]
        parts = [next((o for _, _, o, _ in ds.quads((this, p, None, ds.graph(head)))), None)
                 for p in (NP.hasAssertion, NP.hasProvenance, NP.hasPublicationInfo)]
        if any(p is None or len(ds.graph(URIRef(str(p)))) == 0 for p in parts):
            broken.append(np_path.name)
    indications = d.count(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a mskio:Indication {d.data_filter} }}")
    ok = not broken and len(nanopubs) == indications
    status = (PASS if ok else FAIL) if indications or nanopubs else INFO
    rows.append(Check("R1.3", status, "nanopublications well-formed",
                      f"{len(nanopubs) - len(broken)}/{len(nanopubs)} nanopubs with head, assertion, provenance, "
                      f"pubinfo; {indications} indications in the graph"
                      + (f"; broken: {', '.join(broken)}" if broken else "")))
    return rows


CHECKS: tuple[Callable[[Dist], list[Check]], ...] = (
    f1_identifiers, f2_rich_metadata, f3_identifier_in_metadata, f4_indexable, a1_retrievable,
    a2_metadata_persists, i1_formal_language, i2_vocabularies, i3_qualified_links, r1_attributes,
    r11_licence, r12_provenance, r13_standards,
)
"""Every check, in the order of the FAIR principles."""


def run_checks(root: Path) -> tuple[Check, ...]:
    """Every check on the dist/ directory `root`."""
    d = load_dist(root)
    return tuple(row for check in CHECKS for row in check(d))


def table(rows: tuple[Check, ...]) -> str:
    """The plain-text table `mskio fair` prints, then a count line."""
    width = max(len(r.title) for r in rows)
    lines = [f"{'principle':<9}  {'result':<6}  {'check':<{width}}  why", "-" * (width + 40)]
    lines += [f"{r.principle:<9}  {r.status:<6}  {r.title:<{width}}  {r.reason}" for r in rows]
    counts = {s: sum(1 for r in rows if r.status == s) for s in (PASS, FAIL, INFO)}
    lines.append(f"FAIR self-check: {counts[PASS]} PASS, {counts[FAIL]} FAIL, {counts[INFO]} INFO (not checkable offline)")
    return "\n".join(lines) + "\n"
