"""The domain stage: curation -> annotations -> indications and evidence links -> graph; and its outputs.

Per review: the curation file of `data/curation/` that names the review's DOI is read and
checked (mskio.curation), the cited works are annotated from their titles (mskio.annotate), the
indications linked to matching works, and all of it turned into triples
(mskio.build_domain). A page without a curation file still gets its title annotations.

`domain_outputs` makes the files this stage adds to dist/: the ontology with its mappings
(Turtle, RDF/XML, pyLODE HTML, the SSSOM table), the evidence map (PNG, SVG, TSV), and the
reasoner's inferred triples and classified hierarchy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from mskio.annotate import TITLE_MATCH, Annotation, annotate_article, compile_matcher, link_evidence
from mskio.build_domain import add_review_domain, add_subject_headings, mesh_links
from mskio.curation import CuratedIndication, Curation, index_curations, load_curation
from mskio.evidence_map import EvidenceTable, Statement, corpus_table, evidence_table, render
from mskio.iris import Minter
from mskio.namespaces import MSKIO, bind_prefixes
from mskio.ontology_outputs import add_mappings, ontology_html, ontology_rdfxml, ontology_turtle, read_sssom
from mskio.project import Project
from mskio.reason import Data, ReasoningProcess, ReasoningResult, reason
from mskio.records import Article
from mskio.serialize import to_turtle
from mskio.terms import Terms, index_terms, load_ontology
from mskio.triples import Triple, to_graph


@dataclass(frozen=True)
class ArticleDomain:
    """The domain knowledge of one review: its checked curation, annotations and evidence links."""

    article: Article
    curation: Curation | None
    annotations: tuple[Annotation, ...]
    evidence: dict[str, tuple[int, ...]]
    works: Mapping[int, URIRef] = field(default_factory=dict)
    """Reference number -> the cited work's IRI (shared across the reviews of a corpus)."""

    @property
    def indications(self) -> tuple[CuratedIndication, ...]:
        """The curated indications (none without a curation file)."""
        return self.curation.indications if self.curation is not None else ()


@dataclass(frozen=True)
class DomainResult:
    """The domain stage's output: the ontology and its term index, each review's domain, its triples."""

    ontology: Graph
    terms: Terms
    articles: tuple[ArticleDomain, ...]
    triples: frozenset[Triple]
    """The domain's statements (what the pipeline adds to the corpus graph)."""

    @cached_property
    def graph(self) -> Graph:
        """The domain's statements as an rdflib Graph (made on first use)."""
        return to_graph(self.triples)


def project_mappings(project: Project) -> Path:
    """The SSSOM mappings table of the project's ontology."""
    return project.ontology.parent / "mappings.sssom.tsv"


def run_domain(articles: Iterable[Article], *, project: Project, minter: Minter,
               work_iris: Mapping[tuple[str, int], URIRef] | None = None) -> DomainResult:
    """Read and check each article's curation, annotate its cited works, link its indications, and
    build the domain graph (CurationError on the first curated fact that does not hold)."""
    ontology = load_ontology(project.ontology)
    terms = index_terms(ontology)
    matcher = compile_matcher(terms)
    triples: set[Triple] = set()
    done = []
    curations = index_curations(project.curation)  # by DOI, not by file name
    links = mesh_links(read_sssom(project_mappings(project)))
    annotated: set[tuple[URIRef, URIRef]] = set()  # (work, term): a work cited by several reviews is
    for article in articles:                        # annotated once, from the first review's printing
        path = curations.get(article.doi.lower())
        curation = load_curation(path, article=article, terms=terms) if path is not None else None
        annotations = annotate_article(article, matcher, curation)
        evidence = link_evidence(curation.indications if curation else (), annotations, terms)
        # the corpus names each cited work (mskio.identity); alone, an article names its own
        works = {ref.number: work_iris[(article.doi, ref.number)] if work_iris is not None
                 else minter.work(ref) for ref in article.references}
        add_review_domain(
            triples,
            doi=article.doi,
            works=works,
            indications=curation.indications if curation else (),
            annotations=tuple(a for a in annotations if (works[a.reference], a.term) not in annotated),
            evidence=evidence,
            terms=terms,
            minter=minter,
        )
        annotated.update((works[a.reference], a.term) for a in annotations)
        add_subject_headings(triples, article, links=links, terms=terms, minter=minter)
        done.append(ArticleDomain(article=article, curation=curation, annotations=annotations, evidence=evidence,
                                  works=works))
    return DomainResult(ontology=ontology, terms=terms, articles=tuple(done), triples=frozenset(triples))


def published_ontology(domain: DomainResult, *, project: Project) -> Graph:
    """The ontology as published: ontology/mskio.ttl with the SKOS mappings of mappings.sssom.tsv
    (the one value every published copy of the ontology is made from: dist/ontology/, the site)."""
    return add_mappings(domain.ontology, read_sssom(project_mappings(project)))


def domain_outputs(domain: DomainResult, reasoning: ReasoningResult | None, *, project: Project,
                   published: Graph | None = None, cache: bool = True) -> dict[str, bytes]:
    """The files the domain stage adds to dist/ (relative path -> bytes):
    ontology/mskio.ttl, ontology/mskio.owl (RDF/XML), ontology/index.html (pyLODE) of the
    `published` ontology (`published_ontology` when not given), ontology/mappings.sssom.tsv,
    evidence-map.png/.svg/.tsv, and given a `reasoning` result inferred.ttl (HermiT's entailments,
    apart from the data) and reasoning.txt (the hierarchy). `cache` False makes pyLODE write the
    HTML even when its answer to the same ontology is cached (mskio.cache)."""
    mappings_path = project_mappings(project)
    if published is None:
        published = published_ontology(domain, project=project)
    outputs: dict[str, bytes] = {
        "ontology/mskio.ttl": ontology_turtle(published),
        "ontology/mskio.owl": ontology_rdfxml(published),
        "ontology/index.html": ontology_html(published, cache=cache),
        "ontology/mappings.sssom.tsv": mappings_path.read_bytes(),
    }
    with_indications = [a for a in domain.articles if a.indications]
    if with_indications:
        if len(with_indications) == 1:
            one = with_indications[0]
            table = evidence_table(one.indications, one.evidence, one.annotations, domain.terms)
            title = "Evidence map: " + one.article.title.text
        else:
            table = corpus_evidence(domain)
            title = f"Evidence map: the indications of {len(with_indications)} reviews"
        png, svg = render(table, title=title)
        outputs["evidence-map.png"] = png
        outputs["evidence-map.svg"] = svg
        outputs["evidence-map.tsv"] = table_tsv(table).encode("utf-8")
    if reasoning is not None:
        outputs.update(reasoning_outputs(reasoning))
    return outputs


def reasoning_outputs(reasoning: ReasoningResult) -> dict[str, bytes]:
    """The files of HermiT's answer: inferred.ttl (its entailments, apart from the data) and
    reasoning.txt (the hierarchy); a part of `domain_outputs`, which the build makes last, once
    the reasoner is done (the other domain outputs and the site do not wait for it)."""
    return {"inferred.ttl": to_turtle(reasoning.inferred),
            "reasoning.txt": reasoning_report(reasoning).encode("utf-8")}


def reason_domain(domain: DomainResult, data: Data, *, cache: bool = True) -> ReasoningResult:
    """HermiT on the domain's ontology with `data` (a Graph or its triples; see mskio.reason for
    the errors it raises; `cache` False ignores the cache of its answers)."""
    return reason(domain.ontology, data, cache=cache)


def reasoning_process(domain: DomainResult, data: Data, *, cache: bool = True) -> ReasoningProcess:
    """`reason_domain` in a child process started now (mskio.reason.ReasoningProcess)."""
    return ReasoningProcess(domain.ontology, data, cache=cache)


SUMMARY_REVIEWS = 10
"""Up to this many reviews, the summary has a block per review; beyond, the corpus's totals."""


def domain_summary(domain: DomainResult, reasoning: ReasoningResult | None) -> str:
    """Lines for the build summary: indications, annotations by method, evidence links, the reviews
    without a curation file, reasoning."""
    lines = []
    # one block per review for a handful of reviews; the totals for a corpus (a summary stays one screen)
    groups = ([(a.article.source.path.name, (a,)) for a in domain.articles] if len(domain.articles) <= SUMMARY_REVIEWS
              else [(f"{len(domain.articles)} reviews", domain.articles)])
    for label, group in groups:
        annotations = [x for a in group for x in a.annotations]
        matched = sum(1 for x in annotations if x.method == TITLE_MATCH)
        annotated = sum(len({x.reference for x in a.annotations}) for a in group)
        references = sum(len(a.article.references) for a in group)
        links = sum(len(v) for a in group for v in a.evidence.values())
        lines.append(f"  indications    {sum(len(a.indications) for a in group):>6}  ({label})")
        lines.append(f"  annotations    {len(annotations):>6}  ({matched} title matches, "
                     f"{len(annotations) - matched} curated; {annotated} of {references} "
                     f"cited works annotated)")
        lines.append(f"  evidence links {links:>6}  (inferred from annotations)")
    uncurated = [a.article for a in domain.articles if a.curation is None]
    if uncurated:
        shown = ", ".join(f"{x.doi} ({x.source.path.name})" for x in uncurated[:SUMMARY_REVIEWS])
        more = f", and {len(uncurated) - SUMMARY_REVIEWS} more" if len(uncurated) > SUMMARY_REVIEWS else ""
        lines.append(f"  curation       none for {len(uncurated)} review(s): {shown}{more}")
    if reasoning is not None:
        lines.append(f"  reasoning      consistent (HermiT): {len(reasoning.inferred)} inferred triples "
                     f"in inferred.ttl")
    return "\n".join(lines) + "\n" if lines else ""


def corpus_evidence(domain: DomainResult) -> EvidenceTable:
    """The evidence table of the corpus: each indication (condition x procedure) across the reviews
    that state it, with each review's status; each cited work counted once (mskio.evidence_map)."""
    types_of: dict[URIRef, set[str]] = {}
    for a in domain.articles:
        for x in a.annotations:
            term = domain.terms.by_iri.get(x.term)
            if term is not None and term.is_document_type:
                types_of.setdefault(a.works[x.reference], set()).add(term.label)
    statements = [Statement(indication=ind, review=a.article.doi,
                            works=tuple(a.works[n] for n in a.evidence.get(ind.id, ())))
                  for a in domain.articles for ind in a.indications]
    return corpus_table(statements, {w: frozenset(t) for w, t in types_of.items()}, domain.terms)


def table_tsv(table: EvidenceTable) -> str:
    """The evidence table as TSV: indication, works, then one column per publication type."""
    lines = ["\t".join(("indication", "works", *table.columns))]
    for row, total, values in zip(table.rows, table.totals, table.counts):
        lines.append("\t".join((row, str(total), *(str(v) for v in values))))
    return "\n".join(lines) + "\n"


def reasoning_report(result: ReasoningResult) -> str:
    """What `mskio reason` prints and reasoning.txt holds (no timings, so rebuilds are byte-identical)."""
    inferred_types = sum(1 for _, p, _ in result.inferred if p == RDF.type)
    lines = [
        "HermiT (OWL 2 DL): the ontology with the data is consistent; no unsatisfiable class.",
        f"  input triples        {result.input_triples}",
        f"  individuals          {result.individuals}",
        f"  inferred triples     {len(result.inferred)} ({inferred_types} rdf:type, "
        f"{len(result.inferred) - inferred_types} rdfs:subClassOf)",
        "",
        "Classified hierarchy of the mskio classes:",
    ]
    return "\n".join(lines) + "\n" + result.hierarchy_text(bind_prefixes(Graph()), namespace=str(MSKIO))

