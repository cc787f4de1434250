"""Wires the stages in order: parse -> graph -> validate -> serialize -> publish (atomically).

Every stage works per source, so a corpus of many reviews is a matter of scale:
`parse_sources` yields one Article per page, `build_corpus` makes per-article triples
(mskio.triples), each review's shard is its own N-Triples (mskio.shards), and the corpus is one
Oxigraph store loaded from their sorted lines. Outputs stream into a staging directory as the stages make
them; it replaces the output directory in one rename once every stage has succeeded, so a failed
build never leaves a half-written `dist/`.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import chain
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from mskio import __version__

from mskio.build import add_cited_work, build_review, work_iris
from mskio.identity import Corpus, EntryId, NameCandidate, WorkId, person_candidates, resolve
from mskio.domain import (domain_outputs, domain_summary, published_ontology, reasoning_outputs, reasoning_process,
                          run_domain)
from mskio.export import citation_exports, export_all
from mskio.lookup import TripleIndex
from mskio.metadata import (CorpusFacts, FileDigest, ReviewFacts, Statistics, dataset_iri, describe_dataset, describe_files,
                            load_template, review_dump, schema_org)
from mskio.nanopub import nanopublications
from mskio.provenance import describe_build, link_statements, read_files, read_inputs
from mskio.errors import CheckFailed, InputError, OutputError
from mskio.forked import Forked
from mskio.iris import Minter, slug
from mskio.namespaces import BIBO, BIRO, MSKIO, PROV, VOID, DEFAULT_BASE, bind_prefixes
from mskio.readers import read_file
from mskio.progress import SILENT, Progress
from mskio.project import Project
from mskio.queries import query_outputs
from mskio.reason import ReasoningResult
from mskio.records import Article
from mskio.serialize import (document_lines, load_context, merged_document, merged_file_lines, ntriples_lines,
                             sorted_document_pieces, to_turtle)
from mskio.shards import Shard, make_shards
from mskio.site.render import site_outputs
from mskio.store import EmbeddedStore
from mskio.triples import AnyTriple, Triple, to_graph
from mskio.turtle_files import CORPUS_JSONLD, CORPUS_TURTLE, TurtleFiles
from mskio.validate import ValidationResult, load_shapes, validate
from mskio.walk import walk_files


@dataclass(frozen=True)
class BuildConfig:
    """What to build: which sources, where to, under which base IRI, with which project files."""

    project: Project
    sources: tuple[Path, ...]
    out: Path
    base: str = DEFAULT_BASE
    source_date_epoch: int | None = None
    reason: bool = True
    """Run the HermiT reasoner (needs Java): fail on inconsistency, write its inferences to inferred.ttl."""
    sparql_endpoint: str | None = None
    """A SPARQL endpoint serving the dataset, stated as void:sparqlEndpoint (none by default)."""
    cache: bool = True
    """Answer HermiT and pyLODE from the cache of their earlier answers to the same input
    (mskio.cache; the outputs are the same bytes either way); False ignores it (`mskio build --clean`)."""
    site: bool = True
    """Write the static site, dist/site/ (without it, `mskio serve --live` renders its pages from dist/)."""


@dataclass(frozen=True)
class StageTiming:
    """How long one stage of the build took: wall-clock and CPU seconds of this process (all its
    threads), and this process's peak RSS by the stage's end (MiB; it only grows, so a stage that
    raised the peak shows it, and the last stage shows the build's)."""

    stage: str
    wall: float
    cpu: float
    peak_rss_mib: float = 0.0


@dataclass(frozen=True)
class BuildResult:
    """Each stage's output: the parsed articles, the graph, its validation, the files written."""

    articles: tuple[Article, ...]
    graph: Graph
    validation: ValidationResult
    out: Path
    """The output directory written."""
    summary: str
    build_time: dt.datetime
    timings: tuple[StageTiming, ...] = ()
    """Wall and CPU seconds and the peak RSS by the end of each stage (`mskio build` prints them when
    MSKIO_TIMINGS is set)."""
    extras: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The files written, relative to `out` ('/' between the parts), sorted as `files`; listed
        when first asked (mskio.walk: at 1,000 reviews, 576k files in 1.2 s)."""
        return tuple(walk_files(str(self.out)))

    @cached_property
    def files(self) -> tuple[Path, ...]:
        """The files written, sorted; made when first asked (576k Paths at 1,000 reviews)."""
        return tuple(self.out / name for name in self.names)


def parse_sources(sources: Iterable[Path]) -> tuple[Article, ...]:
    """Read every source, its format detected by content (mskio.readers; ParseError on the first bad
    one); InputError when two sources
    give the same review DOI (their entries would be merged silently)."""
    articles = tuple(article for path in sources for article in read_file(path))
    seen: dict[str, Article] = {}
    for article in articles:
        first = seen.setdefault(article.doi.lower(), article)
        if first is not article:
            raise InputError(f"review DOI {article.doi} is also the DOI of {first.source.path}: "
                             "give each review once", path=article.source.path, line=article.title.line)
    return articles


@dataclass(frozen=True)
class CorpusGraph:
    """The bibliographic triples of a corpus, the identity of its cited works, and the parts they
    are the union of: each review's own (by DOI) and each cited work's (by its name)."""

    corpus: Corpus
    reviews: dict[str, set[Triple]]
    works: dict[WorkId, set[Triple]]
    triples: set[AnyTriple] = field(default_factory=set)
    """The union of the parts; `run_build` adds the data's other parts to it and then its description."""

    def cited(self, article: Article) -> set[WorkId]:
        """The works `article` cites."""
        return {self.corpus.work_of[EntryId(article.doi, r.number)].id for r in article.references}


def build_corpus(articles: Iterable[Article], *, minter: Minter) -> CorpusGraph:
    """Resolve which entries cite the same work (mskio.identity), then build each article's triples
    (mskio.build.build_review) and every cited work's once (mskio.build.add_cited_work), and their
    union (no rdflib Graph is made: `run_build` loads the N-Triples of the whole into a store)."""
    articles = tuple(articles)
    corpus = resolve(articles)
    reviews = {article.doi: build_review(article, corpus=corpus, minter=minter) for article in articles}
    works: dict[WorkId, set[Triple]] = {}
    for work in corpus.works:
        add_cited_work(works.setdefault(work.id, set()), work, minter=minter)
    triples: set[AnyTriple] = set(chain(*reviews.values(), *works.values()))
    return CorpusGraph(corpus=corpus, reviews=reviews, works=works, triples=triples)


def build_dataset(articles: Iterable[Article], *, minter: Minter) -> Graph:
    """The bibliographic graph of the corpus (`build_corpus`), as an rdflib Graph."""
    return to_graph(build_corpus(articles, minter=minter).triples)


def build_time(articles: tuple[Article, ...], source_date_epoch: int | None) -> dt.datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH if given, else the latest date the sources print."""
    if source_date_epoch is not None:
        return dt.datetime.fromtimestamp(source_date_epoch, tz=dt.timezone.utc)
    dates = [d for a in articles for d in (a.published_online, a.accepted, a.received) if d is not None]
    latest = max(dates) if dates else dt.date(1970, 1, 1)
    return dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.timezone.utc)


class _Stages:
    """Reports each stage to `progress` as it starts and keeps its wall and CPU seconds.

    From the first stage to `done`, Python's cyclic garbage collector is off (`gc.disable`; `done`
    puts it back as it was), in this process and in the children forked meanwhile (mskio.forked).
    A build makes millions of long-lived objects (records, triples, the exports' index), and the
    collector's passes walked them again and again, without finding garbage worth it: at 1,000
    reviews, 162 s -> 147 s wall and 250 -> 216 s of user CPU, at the same peak RSS (5.07 GiB) and
    with the same bytes; the corpus-graph stage 21.7 -> 13.0 s, the exports' index 28 -> 9 s. What
    a build frees is freed by reference counting. Freezing what earlier stages left alive
    (`gc.freeze`, as before) still left the passes walking each stage's new objects.

    Before the collector is put back, what the build left alive is frozen (`gc.freeze`: moved out
    of the generations the collector walks, still freed by reference counting): everything made
    while it was off is in its youngest generation, which its first pass after would walk whole
    (3.4 s, sampled by py-spy, after dist/ was written at 1,000 reviews)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.timings: list[StageTiming] = []
        self._name: str | None = None
        self._wall = self._cpu = 0.0
        self._collecting = gc.isenabled()

    def __call__(self, name: str) -> None:
        self._stop()
        gc.disable()
        self.progress.stage(name)
        self._name, self._wall, self._cpu = name, time.perf_counter(), time.process_time()

    def _stop(self) -> None:
        if self._name is not None:
            self.timings.append(StageTiming(self._name, time.perf_counter() - self._wall,
                                            time.process_time() - self._cpu,
                                            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))  # KiB on Linux
            self._name = None

    def done(self) -> tuple[StageTiming, ...]:
        self._stop()
        if self._collecting:
            gc.freeze()
            gc.enable()
        self.progress.close()
        return tuple(self.timings)


STAGES = ("read sources", "corpus graph", "domain", "reason (HermiT)", "describe", "validate (SHACL)",
          "serialize", "check queries and CSV", "domain outputs", "publication files", "site", "reasoning outputs",
          "write dist/")
"""The stages `run_build` reports, in order (the number a progress bar counts to).

Four pieces of work run in child processes forked from this one (mskio.forked: each starts with
the data in its memory and sends back only its answer), all forked before the build starts any
thread: the reviews' shards (mskio.shards: each review's own dump and the sorted lines of the
corpus graph), forked after "corpus graph" and waited for in "describe", while this process makes
the domain's triples; the citation exports (from the bibliographic triples,
at a lower priority: they are needed last), forked at "reason (HermiT)" and waited for at
"publication files"; the domain's sorted lines (`domain_lines`), forked there too and waited for
in "describe"; and HermiT. A build that fails stops the first three at once.

HermiT starts at "reason (HermiT)", as soon as the data it reasons over is made (the domain's ontology, the
works' and reviews' types and links), in a child process forked there (mskio.reason.ReasoningProcess:
owlready2's Python then has an interpreter of its own), and is waited for, in a thread, at
"reasoning outputs", the only stage that needs its answer (inferred.ttl, reasoning.txt and the
summary; nothing else the build writes, the site included, depends on it; if the answer is in
by "publication files", HermiT's files are made there, while the JSON-LD worker finishes): it and its Java
process (the longest single piece of a corpus build) run beside this process while it
describes, validates and serializes the data, runs the check queries and writes the other
files and the site (at 1,000 reviews the build waited up to 15 s for it at "domain outputs").
SHACL starts at "validate (SHACL)", on the finished dump, in a second thread (the `shacl`
engine's Rust lets go of the interpreter's lock), and is waited for after the check queries: the serialize and check stages' times include it, and a SHACL violation
is still the error a build reports first (before a failing check query). The corpus dump's
Turtle and JSON-LD (mskio.turtle_files: two worker processes, started at "validate (SHACL)") are
waited for at "publication files", the first stage that needs them. A build that fails
still waits for both threads to end (HermiT's Java cannot be stopped from here), so that no
thread or process outlives the build."""


SCRATCH = ".scratch"
"""The staging directory's folder of the build's own scratch files (`Staging.commit` removes it
before the directory becomes dist/)."""


UNION = f"{SCRATCH}/bibliographic.nt"
"""The sorted lines of the corpus graph's parts (mskio.shards), which the shards child writes and
the build loads into its store and merges into the dump; a scratch file, never in dist/."""

DUMP = "mskio.nt"
"""The corpus dump (one of mskio.metadata.DUMPS), written as soon as it is made: the files made
from it (mskio.ttl, mskio.jsonld) and SHACL read it from the staging directory."""

DOMAIN_LINES = f"{SCRATCH}/domain.nt"
"""The sorted lines of the domain's triples and of the statements' provenance
(mskio.provenance.link_statements), which the domain-lines child writes (`domain_lines`) and the
build loads into its store and merges into the dump; a scratch file, never in dist/."""

WRITTEN_DUMPS = (DUMP, CORPUS_TURTLE, CORPUS_JSONLD)
"""The dumps written to the staging directory as they are made, never held by the build's process
(the site links them in: `Staging.link`)."""


def run_build(config: BuildConfig, *, progress: Progress = SILENT) -> BuildResult:
    """Read, build, validate and write the dataset, reporting each stage of STAGES to `progress`;
    raise CheckFailed on SHACL violations."""
    if not config.sources:
        raise OutputError(f"no sources to build: {config.project.sources} has no *.txt page")
    staging = Staging(config.out)  # an unwritable output fails in a millisecond, not after the whole build
    stage = _Stages(progress)
    background = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mskio-background")  # HermiT, SHACL
    reasoning_job: Future[ReasoningResult] | None = None
    children: list[Forked[Any]] = []  # stopped if the build fails
    turtles = TurtleFiles(staging.write, cache=config.cache)  # Turtle from N-Triples in worker processes
    try:
        stage("read sources")
        minter = Minter(config.base)
        articles = parse_sources(config.sources)
        stage("corpus graph")
        built = build_corpus(articles, minter=minter)
        sharding: Forked[tuple[Shard, ...]] = Forked(review_shards, articles, built, staging,  # the other core's
                                                     name="mskio-shards")
        children.append(sharding)
        stage("domain")
        domain = run_domain(articles, project=config.project, minter=minter,  # curation, annotations, indications
                            work_iris=work_iris(built.corpus, minter=minter))
        stage("reason (HermiT)")  # started here, in a child process: HermiT runs while this one goes on
        exporting: Forked[dict[str, bytes]] = Forked(citation_exports, built.triples, name="mskio-exports",
                                                          nice=10)  # needed last: it yields the CPU
        children.append(exporting)  # the exports read only the bibliographic triples
        lining: Forked[FileDigest] = Forked(domain_lines, domain.triples, articles, config.base, staging,
                                            name="mskio-domain-lines")  # needed at "describe"
        children.append(lining)
        if config.reason:  # forked here, before any thread of the build's exists; waited for in a thread
            reasoning_job = background.submit(reasoning_process(domain, chain(built.triples, domain.triples),
                                                                cache=config.cache).result)
        stage("describe")
        moment = build_time(articles, config.source_date_epoch)
        own_triples: dict[str, int] = {}
        # the site's index of the data's triples (the description's are added below), made here,
        # where this process would wait for the shards child; only the site needs the triples now
        # (the children and HermiT's input have theirs), so the parts and their triples are freed
        # here, before the store is loaded (the largest rise of the build's memory)
        site_index: TripleIndex | None = None
        if config.site:
            built.triples.update(domain.triples)
            built.triples.update(link_statements(articles, base=config.base))  # the child wrote their lines
            site_index = TripleIndex(built.triples)
        built = CorpusGraph(corpus=built.corpus, reviews={}, works={})  # the parts are done
        for shard in sharding.result():  # each review's .nt written by the child, and the union
            own_triples[shard.doi] = shard.triples
            stem = review_file_stem(shard.doi)  # its .ttl on the other core, never waited for here
            turtles.review(stem, staging.path(review_dump(stem, ".nt")), shard.digest)
        union = staging.path(UNION)  # the bibliographic lines, sorted: the store's and the dump's
        lining.result()
        more = staging.path(DOMAIN_LINES)
        # the corpus in one Oxigraph store, read by every later stage: through rdflib's API where a
        # stage looks statements up (oxrdflib), by SPARQL for the check queries and CSV exports;
        # loaded from sorted documents (Oxigraph loads lines in order faster: 5.1M triples, 1,000
        # reviews, 8.8 s alone; store.EmbeddedStore.from_ntriples), the shards' union
        # and the domain's and links' lines as the children wrote them (no document of all of them is made)
        store = EmbeddedStore.from_ntriples(union, more, description="graph being built", lenient=True)
        graph = store.rdflib_graph()
        facts = corpus_facts(articles, built.corpus, graph, own_triples)
        statistics = Statistics.from_store(store, config.project.statistics_queries)  # of the data alone
        description = describe(graph, articles, config, moment, facts, statistics)
        if site_index is not None:
            site_index.add(description)
        stage("validate (SHACL)")
        # the dump, written as it is merged (the bibliographic lines with the others and the
        # description's): the SHACL engine and the Turtle workers read the file, and void.ttl states
        # its digest, so it is never whole in this process (0.8 GB at 1,000 reviews, which the
        # engine's input and the worker's pipe copied twice more)
        lines = document_lines(b"".join(merged_document(more.read_bytes(), ntriples_lines(description))))
        digests = {DUMP: staging.write_chunks(DUMP, merged_file_lines(union, lines))}
        del lines
        staging.remove(UNION)  # in the store and the dump now
        staging.remove(DOMAIN_LINES)
        context = load_context(config.project.context)
        corpus_ttl, corpus_jsonld = turtles.corpus(staging.path(DUMP), context,  # made while SHACL and the checks run here
                                                   write=staging.write_chunks)
        validating = background.submit(validate, graph, load_shapes(config.project.shapes), base=config.base,
                                       ntriples=staging.path(DUMP), store=store)  # Rust, beside the check queries

        def validated() -> ValidationResult:
            """The SHACL result, waited for; CheckFailed on a violation."""
            validation = validating.result()
            if not validation.conforms:
                raise CheckFailed(
                    f"the graph violates the shapes in {config.project.shapes} "
                    f"({validation.count('Violation')} violations):\n{validation.text}"
                )
            return validation

        stage("serialize")
        candidates = person_candidates(a for article in articles for r in article.references for a in r.authors)
        outputs: dict[str, bytes] = {
            "context.jsonld": config.project.context.read_bytes(),
            "person-candidates.csv": candidates_csv(candidates).encode("utf-8"),
        }
        stage("check queries and CSV")
        try:
            outputs.update(query_outputs(config.project.queries, store))  # check queries gate; CSV
        except CheckFailed:
            validated()  # a SHACL violation is reported first, as when SHACL ran before the checks
            raise
        validation = validated()
        outputs["validation.ttl"] = to_turtle(validation.report)
        outputs["validation.txt"] = validation.text.encode("utf-8")
        stage("domain outputs")  # all but HermiT's answer: the reasoner is not waited for before "reasoning outputs"
        ontology = published_ontology(domain, project=config.project)  # one value for dist/ontology/ and the site
        outputs.update(domain_outputs(domain, None, project=config.project, published=ontology, cache=config.cache))
        stage("publication files")
        # the corpus dump's Turtle and JSON-LD, written by the workers, waited for only now: the
        # domain's outputs were made meanwhile (at 1,000 reviews the build waited 19 s for them after SHACL)
        digests[CORPUS_TURTLE] = corpus_ttl.result()  # the shorter of the two
        # HermiT's files, when its answer is in, while the JSON-LD worker finishes: a core is free
        # then, which it is not once the build's last stage starts (at 1,000 reviews, 5 s of
        # inferred.ttl's Turtle)
        reasoned_files = (reasoning_outputs(reasoning_job.result())
                          if reasoning_job is not None and reasoning_job.done() else None)
        digests[CORPUS_JSONLD] = corpus_jsonld.result()
        digests.update(turtles.close())  # the reviews' Turtle, made meanwhile; void.ttl states each file's digest
        outputs.update(publication_outputs(graph, description, outputs, config=config, moment=moment,
                                           digests=digests, exports=exporting.result()))
        stage("site")
        if config.site:  # dist/site/: the browsable pages, written as made, and the dumps linked in
            written = {staging.path(name): digests[name].sha256 for name in WRITTEN_DUMPS}

            def link(name: str, file: Path) -> str:
                """Link a written dump into the site; its SHA-256, known since it was written."""
                staging.link(name, file)
                return written[file]

            site_outputs(graph, {**outputs, **{name: staging.path(name) for name in WRITTEN_DUMPS}},
                         ontology=ontology, base=config.base, write=staging.write, link=link,
                         version=__version__, built=moment, triples=site_index)
        stage("reasoning outputs")  # last: HermiT's chain (owlready2 and Java) ran beside all of the above
        reasoning = reasoning_job.result() if reasoning_job is not None else None
        summary = (summarize(articles, graph, validation, corpus=built.corpus, candidates=candidates)
                   + domain_summary(domain, reasoning))
        outputs["summary.txt"] = summary.encode("utf-8")
        if reasoning is not None:
            outputs.update(reasoned_files if reasoned_files is not None else reasoning_outputs(reasoning))
        stage("write dist/")
        staging.write_all(outputs)
        staging.commit()
    except BaseException:
        for child in children:
            child.stop()
        # the workers first: a review's Turtle still being made would be written into the staging
        # directory after it was removed (Staging.write makes the directories it needs)
        turtles.shutdown()
        staging.discard()
        raise
    finally:
        background.shutdown(wait=True)  # no thread outlives the build
        turtles.shutdown()  # nor a process
        timings = stage.done()
    return BuildResult(
        articles=articles,
        graph=graph,
        validation=validation,
        out=staging.out,
        summary=summary,
        build_time=moment,
        timings=timings,
        extras={"description": description, "domain": domain, "reasoning": reasoning},
    )


def review_shards(articles: tuple[Article, ...], built: CorpusGraph, staging: Staging) -> tuple[Shard, ...]:
    """Each review's own dump, written to `staging` (reviews/{stem}.nt), and the sorted union of
    their lines, written to its scratch file UNION (mskio.shards), from the corpus graph's parts."""
    def write_review(doi: str, document: bytes) -> FileDigest:
        return staging.write_chunks(review_dump(review_file_stem(doi), ".nt"), (document,))

    return make_shards(((a.doi, built.reviews[a.doi], built.cited(a)) for a in articles), built.works,
                       write_review=write_review, write_union=partial(staging.write_chunks, UNION))


def domain_lines(triples: Iterable[AnyTriple], articles: tuple[Article, ...], base: str,
                 staging: Staging) -> FileDigest:
    """Write DOMAIN_LINES to `staging`: the N-Triples lines of the domain's `triples` and of the
    statements' provenance (`link_statements` of `articles`), sorted, each once. The build forks a
    child for it at "reason (HermiT)" and waits for it in "describe": at 1,000 reviews, 6-7 s of
    CPU that the build's process, the longest path of a build, need not spend."""
    ordered = sorted(ntriples_lines(triples) | ntriples_lines(link_statements(articles, base=base)))
    return staging.write_chunks(DOMAIN_LINES, sorted_document_pieces(ordered))


def corpus_facts(articles: tuple[Article, ...], corpus: Corpus, graph: Graph,
                 own_triples: Mapping[str, int]) -> CorpusFacts:
    """The counts the dataset description states: the corpus's, and each review's (`own_triples`:
    review DOI -> the triples of its own dump: its triples and those of the works it cites)."""
    shared = {w.id for w in corpus.shared()}
    reviews = []
    for article in articles:
        cited = {corpus.work_of[EntryId(article.doi, r.number)].id for r in article.references}
        reviews.append(ReviewFacts(
            doi=article.doi, title=article.title.text, entries=len(article.references), works=len(cited),
            shared_works=len(cited & shared), triples=own_triples[article.doi], file_stem=review_file_stem(article.doi)))
    return CorpusFacts(
        reviews=tuple(sorted(reviews, key=lambda r: r.doi.lower())),
        entries=sum(len(a.references) for a in articles), works=len(corpus.works), shared_works=len(shared),
        people=len(set(graph.subjects(RDF.type, FOAF.Person))), journals=len(set(graph.subjects(RDF.type, BIBO.Journal))),
        conflicts=sum(len(w.conflicts) for w in corpus.works))


def describe(graph: Graph, articles: tuple[Article, ...], config: BuildConfig,
             moment: dt.datetime, facts: CorpusFacts | None = None, statistics: Statistics | None = None) -> Graph:
    """Make `graph` (the data, with the statement-level provenance of
    mskio.provenance.link_statements) the published graph by adding its description, and return
    the description alone (VoID/DCAT from mskio.metadata, the build's PROV from mskio.provenance).
    No copy of a corpus-sized graph is made."""
    template = load_template(config.project.dataset_description, base=config.base)
    description = describe_dataset(graph, template=template, base=config.base, version=__version__,
                                   build_time=moment, sparql_endpoint=config.sparql_endpoint, corpus=facts,
                                   statistics=statistics)
    inputs = read_inputs(config.project.curation) + read_files([
        config.project.ontology, config.project.ontology.parent / "mappings.sssom.tsv", config.project.shapes,
        config.project.dataset_description])
    description += describe_build(articles, inputs, base=config.base,
                                  version=__version__, build_time=moment, root=config.project.root)
    count_dump(description, graph, base=config.base)
    to_graph(description, graph)
    return bind_prefixes(description)


def count_dump(description: Graph, data: Graph, *, base: str) -> None:
    """Set the dataset's void:triples to the number of triples the dumps hold: the data and this
    description together (the data and the description share no subject, and the count does not
    change the number of triples). The partitions and the other statistics count the data only."""
    dataset = dataset_iri(base)
    description.remove((dataset, VOID.triples, None))
    description.add((dataset, VOID.triples, Literal(0, datatype=XSD.integer)))  # placeholder, one triple
    total = len(data) + len(description)
    description.set((dataset, VOID.triples, Literal(total, datatype=XSD.integer)))


def publication_outputs(graph: Graph, description: Graph, dumps: dict[str, bytes], *, config: BuildConfig,
                        moment: dt.datetime, digests: Mapping[str, FileDigest] | None = None,
                        exports: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """The citation exports, the nanopublications (nanopubs/*.trig), void.ttl (the description with
    each distribution's byte size and SHA-256: the dumps', and `digests`, those of the files written
    earlier, the reviews' own dumps) and dataset.schema.jsonld (metadata.schema_org). `exports`,
    when given, are the citation exports already made (mskio.export.citation_exports), else they
    are made from `graph`."""
    outputs = dict(exports) if exports is not None else export_all(graph)
    build = next((o for o in description.objects(dataset_iri(config.base), PROV.wasGeneratedBy)), None)
    creator = description.value(dataset_iri(config.base), DCTERMS.creator)
    for nanopub in nanopublications(graph, base=config.base, build_time=moment,
                                    build=build if isinstance(build, URIRef) else None,
                                    creator=creator if isinstance(creator, URIRef) else None):
        outputs[f"nanopubs/{nanopub.file_name}"] = nanopub.trig
    void = bind_prefixes(description + describe_files({**dumps, **outputs}, base=config.base, digests=digests))
    outputs["void.ttl"] = to_turtle(void)
    outputs["dataset.schema.jsonld"] = (json.dumps(schema_org(void, base=config.base), ensure_ascii=False,
                                                   indent=2, sort_keys=True) + "\n").encode("utf-8")
    return outputs


class Staging:
    """The build's output directory in the making: a temporary directory next to `out`, made before
    any work (so an unwritable `out` fails at once), written as the stages make their files (so
    dist/ is never held in memory whole), and put in place of `out` in one rename (`commit`), or
    removed (`discard`): a failed build never leaves a half-written `out`. OutputError if impossible."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve() if out.exists() else out.absolute()
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"{self.out}: cannot write output: not a directory")
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.dir = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.", dir=self.out.parent))
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot create output directory: {exc.strerror or exc}") from None
        self._folders: set[str] = {""}

    def write(self, name: str, data: bytes) -> None:
        """Write one file (a path relative to the output directory). Each folder is made once, the
        first time a file is written into it (`_folders`; a forked renderer remembers its own):
        the site of 1,000 reviews is 574k files in a few thousand folders."""
        folder = name.rpartition("/")[0]
        try:
            if folder not in self._folders:
                os.makedirs(os.path.join(self.dir, folder), exist_ok=True)
                self._folders.add(folder)
            with open(os.path.join(self.dir, name), "wb") as out:
                out.write(data)
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write output: {exc.strerror or exc}") from None

    def write_chunks(self, name: str, chunks: Iterable[bytes]) -> FileDigest:
        """Write one file from `chunks`, one after the other; its size and SHA-256."""
        target = self.path(name)
        digest = hashlib.sha256()
        size = 0
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write output: {exc.strerror or exc}") from None
        return FileDigest(size, digest.hexdigest())

    def path(self, name: str) -> Path:
        """Where the file `name` (a path relative to the output directory) is written, until `commit`."""
        return self.dir / name

    def link(self, name: str, source: Path) -> None:
        """Make the file `name` the same file as `source` (a file written earlier, e.g. a dump the
        site offers for download): a hard link, which takes no bytes, or a copy where the file
        system refuses one."""
        target = self.path(name)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write output: {exc.strerror or exc}") from None

    def remove(self, name: str) -> None:
        """Remove the file `name` written earlier (a scratch file: under SCRATCH/)."""
        self.path(name).unlink(missing_ok=True)

    def write_all(self, outputs: dict[str, bytes]) -> None:
        """Write every file of `outputs` (relative path -> bytes), in path order."""
        for name, data in sorted(outputs.items()):
            self.write(name, data)

    def commit(self) -> None:
        """Put the staging directory in place of `out`."""
        try:
            shutil.rmtree(self.dir / SCRATCH, ignore_errors=True)  # the build's own, never published
            os.chmod(self.dir, 0o755)
            _replace_dir(self.dir, self.out)
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.out}: cannot write output: {exc.strerror or exc}") from None

    def discard(self) -> None:
        """Remove the staging directory and what was written to it."""
        shutil.rmtree(self.dir, ignore_errors=True)


def _replace_dir(staging: Path, out: Path) -> None:
    """Move `staging` to `out`; an existing `out` is moved aside first and removed afterwards."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(20, "not a directory", str(out))
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
    try:
        os.rename(staging, out)
    except OSError:
        if old is not None:
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def review_file_stem(doi: str) -> str:
    """The file name (without extension) of one review's own dumps under dist/reviews/."""
    return slug(doi)


def candidates_csv(candidates: Iterable[NameCandidate]) -> str:
    """Names that may be one person, for a curator: family, name, other name (CSV with header)."""
    rows = ["family,name,other_name"] + [
        ",".join(_csv_cell(v) for v in (c.family, *c.names)) for c in candidates]
    return "\r\n".join(rows) + "\r\n"


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(ch in value for ch in ',"\r\n') else value


def summarize(articles: tuple[Article, ...], graph: Graph, validation: ValidationResult, *,
              corpus: Corpus | None = None, candidates: tuple[NameCandidate, ...] = ()) -> str:
    """The one-screen summary printed by `mskio build` (and written to summary.txt)."""
    def count(cls: Any) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    entries = count(BIRO.BibliographicReference)
    flagged = len(set(graph.subjects(MSKIO.fullyParsed, Literal(False))))
    works = len(set(graph.subjects(RDF.type, BIBO.AcademicArticle)) | set(graph.subjects(RDF.type, BIBO.Document)))
    lines = [
        f"mskio build: {len(articles)} source(s), {len(graph)} triples",
        f"  works          {works:>6}  ({len(articles)} citing, {works - len(articles)} cited)",
        f"  references     {entries:>6}  ({entries - flagged} fully parsed, {flagged} flagged)",
        f"  people         {count(FOAF.Person):>6}",
        f"  organizations  {count(FOAF.Organization):>6}",
        f"  journals       {count(BIBO.Journal):>6}",
        f"  validation     {'conforms' if validation.conforms else 'VIOLATES'}: "
        f"{validation.count('Violation')} violations, {validation.count('Warning')} warnings, "
        f"{validation.count('Info')} infos",
    ]
    if corpus is not None and len(articles) > 1:
        shared = corpus.shared()
        conflicts = [(w, c) for w in corpus.works for c in w.conflicts]
        lines.append(f"  shared works   {len(shared):>6}  (cited by more than one review)")
        lines.append(f"  conflicts      {len(conflicts):>6}  (fields that reviews print differently)")
    flags = []
    for article in articles:
        for unread in article.author_problems:
            flags.append(f"  flagged author: {article.source.path.name}:{unread.line}: {unread.text!r}: {unread.problem}")
        for ref in article.unparsed:
            where = f"{article.source.path.name}:{ref.line}" if ref.line is not None else article.source.path.name
            flags.append(f"  flagged: {where}: reference {ref.number}: " + "; ".join(ref.problems))
    lines += _capped(flags, "flagged entries and authors", "validation.txt; query references_not-fully-parsed")
    if corpus is not None:
        minter = Minter()
        found = []
        for work, conflict in ((w, c) for w in corpus.works for c in w.conflicts):
            variants = "; ".join(
                f"{v.value!r} in " + ", ".join(f"{e.review} #{e.number}" for e in v.entries) for v in conflict.variants)
            found.append(f"  conflict: {_short_iri(minter.work(work.id))} {conflict.field}: {variants}")
        lines += _capped(found, "conflicts", "query works_conflicting-citations")
    lines += _capped([f"  same person?: {c.names[0]!r} and {c.names[1]!r} (not merged; listed in person-candidates.csv)"
                      for c in candidates], "name candidates", "person-candidates.csv")
    lines += _capped([f"  warning: {row.focus} {row.path}: {row.message}" for row in validation.rows
                      if row.severity == "Warning"], "warnings", "validation.txt")
    return "\n".join(lines) + "\n"


SUMMARY_LINES = 30
"""At most this many lines of each kind (flagged entries, conflicts, name candidates, warnings) in
the summary; the rest are counted, and the file or query that lists them all is named."""


def _capped(lines: list[str], what: str, where: str) -> list[str]:
    if len(lines) <= SUMMARY_LINES:
        return lines
    return lines[:SUMMARY_LINES] + [f"  ... and {len(lines) - SUMMARY_LINES} more {what} (all in {where})"]


def _short_iri(iri: URIRef) -> str:
    return str(iri).replace(DEFAULT_BASE, "")
