"""The `mskio` command. The only module that reads argv and the environment, picks default
paths, prints, and exits.

Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 environment (Java missing, store unreachable).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from mskio import __version__
from mskio.errors import InputError, MskioError, OutputError

if TYPE_CHECKING:
    from rdflib import Graph

    from mskio.project import Project
    from mskio.store import Credentials

# Heavy modules (rdflib's SPARQL parser, pySHACL, requests, matplotlib, the pipeline) are imported
# by the handler that uses them, and an option's default by the subcommand that has the option,
# so `mskio --help` and each command load only what they use.

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_ENVIRONMENT = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `mskio serve: error: argument --port: ...` and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _port(text: str) -> int:
    """A TCP port for --port: a whole number from 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a port is a whole number from 0 to 65535, not {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a whole number from 0 to 65535, not {value}")
    return value


def _seconds(text: str) -> float:
    """A time limit for --timeout: a finite number of seconds greater than 0 (not nan, inf, 0 or -1)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a timeout is a number of seconds, not {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"a timeout is a finite number of seconds greater than 0, not {text!r}")
    return value


def _megabytes(text: str) -> int:
    """A memory size for --java-memory: a whole number of megabytes, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a memory size is a whole number of MB, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"a memory size is at least 1 MB, not {value}")
    return value


def _selected(argv: Sequence[str]) -> str | None:
    """The subcommand named in `argv` (the first word that is neither an option nor --project's value)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--project":
            next(tokens, None)
        elif token == "--":
            return next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def _command(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, selected: str | None, *,
             help: str, description: str) -> argparse.ArgumentParser | None:
    """Declare the subcommand `name`; return its parser, to add the options to, only when it is the
    `selected` one (the options' defaults may need a module the other commands do not load)."""
    parser = sub.add_parser(name, help=help, description=description)
    return parser if name == selected else None


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The command line parser; only the subcommand named in `argv` gets its options."""
    selected = _selected(argv)
    parser = _Parser(
        prog="mskio",
        description="Publish review articles and their references as a validated FAIR knowledge graph: "
                    "build dist/ from the article pages, check it, query it, load it into a triple store, "
                    "browse it. `mskio COMMAND --help` describes each command and its defaults.",
        epilog="Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 environment.",
    )
    parser.add_argument("--version", action="version", version=f"mskio {__version__}")
    parser.add_argument("--project", type=Path, default=None,
                        help="project directory (default: the nearest directory above the current one "
                             "that holds pyproject.toml and data/)")
    sub = cast("argparse._SubParsersAction[argparse.ArgumentParser]",
               parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))

    build = _command(
        sub, "build", selected, help="build dist/ from the article pages",
        description="Parse the article pages, build the graph with its curated indications and annotations, "
                    "validate it against the shapes, reason over it with HermiT, and write every output (dumps, "
                    "exports, dataset description, nanopublications, the site) to the output directory in one "
                    "rename. Shows the stages as they run on stderr: a progress bar on a terminal, one line per "
                    "stage otherwise.")
    if build is not None:
        from mskio.namespaces import DEFAULT_BASE

        build.add_argument("sources", nargs="*", type=Path, help="article page files (default: data/sources/*.txt)")
        build.add_argument("--out", type=Path, default=None, help="output directory (default: dist/)")
        build.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI for minted IRIs (default: {DEFAULT_BASE})")
        build.add_argument("--no-reason", action="store_true",
                           help="skip the HermiT reasoner (which needs Java); no inferred.ttl is written "
                                "(default: reason)")
        build.add_argument("--no-site", action="store_true",
                           help="do not write the static site dist/site/ (mskio serve --live renders its pages "
                                "from dist/ on demand) (default: write it)")
        build.add_argument("--clean", action="store_true",
                           help="ignore the cache of HermiT's and pyLODE's answers (mskio.cache; the outputs are "
                                "the same bytes either way) (default: use it)")
        build.add_argument("--sparql-endpoint", default=None, metavar="URL",
                           help="a SPARQL endpoint serving the dataset, stated as void:sparqlEndpoint (default: none)")
        build.set_defaults(handler=_cmd_build)
    _add_publication_commands(sub, selected)

    check = _command(
        sub, "validate", selected, help="validate RDF files against the shapes; exit 1 on violations",
        description="Validate the union of the given RDF files against shapes/mskio.ttl with pySHACL and print "
                    "the report (severity, focus node, path, message). Exit 1 if there is a violation.")
    if check is not None:
        from mskio.namespaces import DEFAULT_BASE

        check.add_argument("files", nargs="+", type=Path, help="RDF files, one or more (required): .ttl, .nt, .jsonld, .rdf, .owl, .trig, .nq")
        check.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI for the report's nodes (default: {DEFAULT_BASE})")
        check.set_defaults(handler=_cmd_validate)
    _add_store_commands(sub, selected)
    _add_serve_command(sub, selected)
    _add_reason_command(sub, selected)
    _add_curate_command(sub, selected)
    return parser


def _project(args: argparse.Namespace) -> Project:
    from mskio.project import Project

    return Project(args.project.resolve()) if args.project else Project.locate(Path.cwd())


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}")
    return int(value)


def _cmd_build(args: argparse.Namespace) -> int:
    from mskio.pipeline import STAGES, BuildConfig, run_build
    from mskio.progress import for_stream

    project = _project(args)
    config = BuildConfig(
        project=project,
        sources=tuple(args.sources) or project.default_sources(),
        out=args.out or project.root / "dist",
        base=args.base,
        source_date_epoch=_source_date_epoch(),
        sparql_endpoint=args.sparql_endpoint,
        reason=not args.no_reason,
        site=not args.no_site,
        cache=not args.clean,
    )
    result = run_build(config, progress=for_stream(sys.stderr, total=len(STAGES)))
    print(result.summary, end="")
    print(f"  wrote {len(result.names)} files to {config.out}")
    if os.environ.get("MSKIO_TIMINGS"):  # for scripts/bench.py: wall and CPU seconds, peak RSS MiB per stage
        for t in result.timings:
            print(f"timing: {t.stage.replace(' ', '_')} {t.wall:.3f} {t.cpu:.3f} {t.peak_rss_mib:.0f}", file=sys.stderr)
    return EXIT_OK


def read_rdf(path: Path) -> Graph:
    """Parse an RDF file, its format from its extension (mskio.rdf_files): InputError naming the
    file and, for a syntax error, the line; a file with no triples is an error too."""
    from mskio.rdf_files import read_rdf_file

    return read_rdf_file(path)


def _cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from mskio.namespaces import bind_prefixes
    from mskio.validate import load_shapes, validate

    project = _project(args)
    data = bind_prefixes(Graph())
    for path in args.files:
        data += read_rdf(path)
    result = validate(data, load_shapes(project.shapes), base=args.base)
    print(result.text, end="")
    print(
        f"{'conforms' if result.conforms else 'does not conform'}: {result.count('Violation')} violations, "
        f"{result.count('Warning')} warnings, {result.count('Info')} infos"
    )
    return EXIT_OK if result.conforms else EXIT_CHECK_FAILED


# --------------------------------------------------------------------------- query / load (mskio.store)

AUTH_ENV = ("MSKIO_SPARQL_USER", "MSKIO_SPARQL_PASSWORD")
"""Environment variables holding HTTP basic-auth credentials for --endpoint (never printed)."""


def _add_store_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser], selected: str | None) -> None:
    auth = f"HTTP basic auth from ${AUTH_ENV[0]} and ${AUTH_ENV[1]} when set"
    query = _command(
        sub, "query", selected, help="list the canned SPARQL queries, or run one (embedded store, or --endpoint)",
        description="Without NAME, list the canned queries of queries/. With NAME, run it on an "
                    f"embedded store loaded from dist/ (no server needed) or on --endpoint ({auth}). "
                    "The table fits the terminal ($COLUMNS), long cells wrapped; --full prints them whole.")
    if query is not None:
        from mskio.store import DEFAULT_GRAPH, DEFAULT_TIMEOUT

        query.add_argument("name", nargs="?", help="query name (file stem of queries/NAME.rq; default: list them)")
        query.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE",
                           help="set a parameter (repeatable; default: the query's own defaults); values are bound "
                                "as RDF terms, never pasted")
        query.add_argument("--format", "-f", choices=("table", "csv", "tsv", "json"), default="table",
                           help="output: a text table (default) or SPARQL 1.1 CSV / TSV / JSON results")
        query.add_argument("--full", action="store_true",
                           help="table: print every cell whole, however wide (default: wrap cells to the terminal)")
        query.add_argument("--endpoint", help="SPARQL 1.1 query endpoint URL (default: embedded store)")
        query.add_argument("--graph", default=None,
                           help=f"with --endpoint: the graph to query, sent as default-graph-uri "
                                f"(default: {DEFAULT_GRAPH}; '' for the store's default graph)")
        query.add_argument("--dist", type=Path, default=None, help="dataset directory (default: dist/)")
        query.add_argument("--timeout", type=_seconds, default=None,
                           help=f"seconds before the query is stopped (default: {DEFAULT_TIMEOUT:g})")
        query.add_argument("--show", action="store_true",
                           help="print the query with its parameters bound; do not run it (default: run it)")
        query.set_defaults(handler=_cmd_query)

    load = _command(
        sub, "load", selected, help="replace a named graph of a triple store with dist/ (SPARQL Graph Store Protocol)",
        description="PUT the dataset into one named graph (replacing it in one operation), then check the "
                    f"graph's triple count through the query endpoint. Idempotent. {auth}.")
    if load is not None:
        from mskio.store import DEFAULT_GRAPH, DEFAULT_TIMEOUT

        load.add_argument("--endpoint", required=True, help="SPARQL 1.1 query endpoint URL (for the count check; required)")
        load.add_argument("--store", default=None,
                          help="Graph Store Protocol URL (default: next to --endpoint for Oxigraph's /query -> "
                               "/store and Fuseki's /DS/sparql -> /DS/data)")
        load.add_argument("--graph", default=None, help=f"named graph IRI to replace (default: {DEFAULT_GRAPH})")
        load.add_argument("--dist", type=Path, default=None, help="dataset directory (default: dist/)")
        load.add_argument("--timeout", type=_seconds, default=None,
                          help=f"seconds before the upload is abandoned (default: {DEFAULT_TIMEOUT:g})")
        load.set_defaults(handler=_cmd_load)


def _credentials() -> Credentials | None:
    from mskio.store import Credentials

    user = os.environ.get(AUTH_ENV[0])
    if not user:
        return None
    return Credentials(user, os.environ.get(AUTH_ENV[1], ""))


def _cmd_query(args: argparse.Namespace) -> int:
    from mskio.queries import load_catalogue
    from mskio.results import FORMATTERS, to_text_table
    from mskio.store import DEFAULT_GRAPH, DEFAULT_TIMEOUT, EndpointStore, Store, dataset_files, read_dataset

    project = _project(args)
    catalogue = load_catalogue(project.queries)
    if args.name is None:
        width = max(len(q.name) for q in catalogue) if len(catalogue) else 4
        for q in catalogue:
            params = ", ".join(f"{p.name}={p.default}" for p in q.parameters)
            print(f"{q.name.ljust(width)}  {q.title}" + (f"  [{params}]" if params else ""))
        print(f"({len(catalogue)} queries in {project.queries}; run one with `mskio query NAME`)")
        return EXIT_OK
    query = catalogue.get(args.name)
    values: dict[str, str] = {}
    for item in args.param:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise InputError(f"--param takes KEY=VALUE, not {item!r}")
        values[key.strip()] = value
    text = query.bind(values)
    if args.show:
        print(text, end="" if text.endswith("\n") else "\n")
        return EXIT_OK
    timeout = args.timeout if args.timeout is not None else DEFAULT_TIMEOUT
    if args.endpoint:
        graph = DEFAULT_GRAPH if args.graph is None else (args.graph or None)
        store: Store = EndpointStore(args.endpoint, default_graph=graph, credentials=_credentials(), timeout=timeout)
    else:
        store = read_dataset(dataset_files(args.dist or project.root / "dist"))
    table = store.select(text, timeout=timeout)
    if args.format == "table":
        print(to_text_table(table, prefixes=dict(query.prefixes), width=None,
                            columns=None if args.full else shutil.get_terminal_size().columns), end="")
    else:
        print(FORMATTERS[args.format](table), end="")
    return EXIT_OK


def _cmd_load(args: argparse.Namespace) -> int:
    import tempfile

    from mskio.store import DEFAULT_GRAPH, DEFAULT_TIMEOUT, EndpointStore, dataset_dump, dataset_files, \
        graph_store_url, load_graph

    project = _project(args)
    store_url = args.store or graph_store_url(args.endpoint)
    if store_url is None:
        raise InputError(f"cannot tell the Graph Store Protocol URL of {args.endpoint}; give it with --store")
    timeout = args.timeout if args.timeout is not None else DEFAULT_TIMEOUT
    graph = args.graph or DEFAULT_GRAPH
    dist = args.dist or project.root / "dist"
    files = dataset_files(dist)
    endpoint = EndpointStore(args.endpoint, default_graph=None, credentials=_credentials(), timeout=timeout)
    with tempfile.TemporaryDirectory(prefix="mskio-load-") as scratch:  # the dump streamed from disk
        data = dataset_dump(files, Path(scratch))
        result = load_graph(data, endpoint=endpoint, store_url=store_url, graph=graph, timeout=timeout)
    print(f"loaded {result.triples_sent} triples from {', '.join(str(f.relative_to(dist)) for f in files)} into <{result.graph}> "
          f"at {result.store_url} in {result.seconds:.2f} s; the store holds {result.triples_in_store} "
          "triples in that graph")
    return EXIT_OK


def _add_reason_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], selected: str | None) -> None:
    reason = _command(
        sub, "reason", selected,
        help="run HermiT on the ontology with the data; exit 1 on inconsistency or unsatisfiable classes",
        description="Load ontology/mskio.ttl with the data (the given RDF files, or else the graph built in "
                    "memory from data/sources and data/curation), run the HermiT OWL reasoner, and print the "
                    "classified hierarchy and the number of inferred triples. Exit 1 if the ontology with the "
                    "data is inconsistent or has unsatisfiable classes, 3 if Java is missing or its heap too small.",
    )
    if reason is None:
        return
    from mskio.namespaces import DEFAULT_BASE
    from mskio.reason import DEFAULT_JAVA_MEMORY_MB

    reason.add_argument("files", nargs="*", type=Path, help="RDF files with the data (default: build from data/)")
    reason.add_argument("--java", default=None, help="the java executable (default: $MSKIO_JAVA or java on PATH)")
    reason.add_argument("--java-memory", type=_megabytes, default=DEFAULT_JAVA_MEMORY_MB, metavar="MB",
                        help=f"maximum JVM heap for HermiT in MB (default: {DEFAULT_JAVA_MEMORY_MB})")
    reason.add_argument("--inferred", type=Path, default=None, metavar="FILE",
                        help="also write the inferred triples to FILE (Turtle; default: not written)")
    reason.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI when building from data/ (default: {DEFAULT_BASE})")
    reason.set_defaults(handler=_cmd_reason)


def _cmd_reason(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from mskio.domain import reasoning_report, run_domain
    from mskio.iris import Minter
    from mskio.namespaces import bind_prefixes
    from mskio.pipeline import build_dataset, parse_sources
    from mskio.reason import reason
    from mskio.serialize import to_turtle
    from mskio.terms import load_ontology

    project = _project(args)
    if args.files:
        data = bind_prefixes(Graph())
        for path in args.files:
            data += read_rdf(path)
    else:
        minter = Minter(args.base)
        articles = parse_sources(project.default_sources())
        data = build_dataset(articles, minter=minter) + run_domain(articles, project=project, minter=minter).graph
    result = reason(load_ontology(project.ontology), data, java=args.java, java_memory_mb=args.java_memory)
    print(reasoning_report(result), end="")
    print(f"HermiT took {result.seconds:.1f} s on {result.input_triples} triples.")
    if args.inferred is not None:
        try:
            args.inferred.write_bytes(to_turtle(result.inferred))
        except OSError as exc:
            raise OutputError(f"{args.inferred}: cannot write: {exc.strerror or exc}") from None
        print(f"wrote {len(result.inferred)} inferred triples to {args.inferred}")
    return EXIT_OK


def _add_publication_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser], selected: str | None) -> None:
    """`mskio export` (citation exports) and `mskio fair` (the FAIR self-check)."""
    export = _command(
        sub, "export", selected, help="export the reference lists as BibTeX, CSL-JSON or RIS",
        description="Write the reference lists of the reviews in a graph (by default dist/mskio.nt) for reference "
                    "managers: BibTeX, CSL-JSON or RIS, one record per cited work.")
    if export is not None:
        from mskio.export import FORMATS as EXPORT_FORMATS

        export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the export format (required)")
        export.add_argument("--out", type=Path, default=None, help="write to FILE (default: standard output)")
        export.add_argument("--dist", type=Path, default=None,
                            help="dataset directory whose mskio.nt is read when no FILES are given (default: dist/)")
        export.add_argument("files", nargs="*", type=Path, help="RDF files of the graph (default: DIST/mskio.nt)")
        export.add_argument("--review", default=None, metavar="DOI",
                            help="export this review's reference list exactly as it printed it, entry by entry "
                                 "(default: every distinct cited work of the corpus once)")
        export.set_defaults(handler=_cmd_export)

    fair = _command(
        sub, "fair", selected, help="check a built dist/ against the FAIR principles; exit 1 on a failure",
        description="Check the files of a built directory against the FAIR principles (F1-F4, A1-A2, I1-I3, "
                    "R1-R1.3) and print one row per check: PASS, FAIL (exit 1) or INFO (cannot be decided "
                    "from the files, never counted as a pass).")
    if fair is not None:
        fair.add_argument("dist", nargs="?", type=Path, default=None, help="the built directory (default: dist/)")
        fair.set_defaults(handler=_cmd_fair)


def _cmd_export(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from mskio.export import export, reference_list
    from mskio.namespaces import bind_prefixes

    files = args.files or [(args.dist or _project(args).root / "dist") / "mskio.nt"]
    graph = bind_prefixes(Graph())
    for path in files:
        graph += read_rdf(path)
    data = export(graph, args.format, review=args.review)
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
        return EXIT_OK
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"{args.out}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {len(reference_list(graph, review=args.review))} references to {args.out}")
    return EXIT_OK


def _cmd_fair(args: argparse.Namespace) -> int:
    from mskio.fair import FAIL, run_checks, table as fair_table

    rows = run_checks(args.dist or _project(args).root / "dist")
    print(fair_table(rows), end="")
    return EXIT_CHECK_FAILED if any(r.status == FAIL for r in rows) else EXIT_OK


# --------------------------------------------------------------------------- serve (mskio.site.serve)

def _add_serve_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], selected: str | None) -> None:
    serve = _command(
        sub, "serve", selected, help="serve dist/site/ locally with content negotiation (HTML, Turtle, JSON-LD)",
        description="A local web server for the linked-data site: /work/x answers with HTML for browsers, "
                    "Turtle for Accept: text/turtle and JSON-LD for Accept: application/ld+json, as the "
                    "shipped .htaccess and nginx-mskio.conf do. Ctrl-C stops it.")
    if serve is None:
        return
    serve.add_argument("--port", type=_port, default=8000, help="TCP port, 0 to 65535 (default: 8000; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    serve.add_argument("--dir", type=Path, default=None, help="site directory (default: dist/site)")
    serve.add_argument("--live", action="store_true",
                       help="render each page when it is asked for, from the dumps of the build in --dist "
                            "(no dist/site/ needed; the same bytes as the static pages) (default: off)")
    serve.add_argument("--dist", type=Path, default=None, help="the build to serve with --live (default: dist)")
    serve.set_defaults(handler=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    from mskio.site.serve import make_server

    directory = args.dir if args.dir is not None else _project(args).root / "dist" / "site"
    live = (args.dist if args.dist is not None else _project(args).root / "dist") if args.live else None
    server = make_server(directory, host=args.host, port=args.port, live=live)
    host, port = str(server.server_address[0]), int(server.server_address[1])
    what = f"{live} (pages rendered on demand)" if live is not None else str(directory)
    print(f"mskio serve: {what} at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("mskio serve: stopped", file=sys.stderr)
    finally:
        server.server_close()
    return EXIT_OK


def _add_curate_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], selected: str | None) -> None:
    curate = _command(
        sub, "curate", selected, help="write a curation template for a review (init) or suggested indications (suggest)",
        description="Write a commented curation file for the review in SOURCE: `init` lists the abstract's sentences "
                    "to quote from; `suggest` also proposes, from each abstract sentence that names conditions of the "
                    "ontology, candidate indications marked `confirmed: false`, which the build checks but never "
                    "publishes until a person confirms them. The file names the review's DOI, by which the build "
                    "finds it in data/curation/.")
    if curate is None:
        return
    curate.add_argument("action", choices=("init", "suggest"), help="init: an empty template; suggest: with proposals")
    curate.add_argument("source", type=Path, help="the review's source file (any format mskio build reads)")
    curate.add_argument("--doi", default=None,
                        help="the review to curate when SOURCE holds several (default: its only review)")
    curate.add_argument("--out", type=Path, default=None,
                        help="write the template to this file, which must not exist (default: print it)")
    curate.set_defaults(handler=_cmd_curate)


def _cmd_curate(args: argparse.Namespace) -> int:
    from mskio.annotate import compile_matcher
    from mskio.readers import read_file
    from mskio.suggest import init_template, suggest, suggest_template
    from mskio.terms import index_terms, load_ontology

    articles = [a for a in read_file(args.source) if args.doi is None or a.doi.lower() == args.doi.lower()]
    if len(articles) != 1:
        which = f"no review with DOI {args.doi}" if args.doi else f"{len(articles)} reviews; choose one with --doi"
        raise InputError(f"{args.source}: {which}")
    article = articles[0]
    if args.action == "init":
        text = init_template(article)
    else:
        matcher = compile_matcher(index_terms(load_ontology(_project(args).ontology)))
        text = suggest_template(article, suggest(article, matcher))
    if args.out is None:
        print(text, end="")
        return EXIT_OK
    try:
        with args.out.open("x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise OutputError(f"{args.out}: exists; mskio curate never overwrites a curation file") from None
    except OSError as exc:
        raise OutputError(f"{args.out}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {args.out}", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: sys.argv[1:]) and return the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(arguments)
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help / --version
        return int(exc.code) if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        code: int = args.handler(args)
        return code
    except MskioError as exc:
        first, _, rest = str(exc).partition("\n")
        print(f"mskio: error: {first}", file=sys.stderr)
        if rest:
            print(rest, file=sys.stderr, end="" if rest.endswith("\n") else "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        print("mskio: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an unexpected failure is a bug: one line, traceback on request
        if os.environ.get("MSKIO_DEBUG"):
            traceback.print_exc()
        print(f"mskio: internal error: {type(exc).__name__}: {exc} (set MSKIO_DEBUG=1 for a traceback)",
              file=sys.stderr)
        return 70


def main_entry() -> None:
    """Console-script entry point. It ends the process without the interpreter's teardown, once
    the output is flushed: freeing a corpus build's objects one by one took 55 s after a
    1,000-review build had written dist/ (nothing is left to do then: dist/ is in place,
    temporary files are removed, forked renderers have been waited for)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away (`mskio query ... | head`): nothing more to say
            pass
    os._exit(code)
