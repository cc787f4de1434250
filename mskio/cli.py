"""The `mskio` command. The only module that reads argv and the environment, picks default
paths, prints, and exits.

Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 environment (Java missing, store unreachable).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from mskio import __version__
from mskio.errors import InputError, MskioError
from mskio.namespaces import DEFAULT_BASE, bind_prefixes
from mskio.pipeline import BuildConfig, run_build
from mskio.project import Project
from mskio.validate import load_shapes, validate

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_ENVIRONMENT = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mskio",
        description="Publish a review article and its references as a validated FAIR knowledge graph.",
        epilog="Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 environment.",
    )
    parser.add_argument("--version", action="version", version=f"mskio {__version__}")
    parser.add_argument("--project", type=Path, default=None, help="project directory (default: found from cwd)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="build dist/ from the article pages")
    build.add_argument("sources", nargs="*", type=Path, help="article page files (default: data/sources/*.txt)")
    build.add_argument("--out", type=Path, default=None, help="output directory (default: dist/)")
    build.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI for minted IRIs (default: {DEFAULT_BASE})")
    build.set_defaults(handler=_cmd_build)

    check = sub.add_parser("validate", help="validate RDF files against the shapes; exit 1 on violations")
    check.add_argument("files", nargs="+", type=Path, help="RDF files (.ttl, .nt, .jsonld, .rdf)")
    check.add_argument("--base", default=DEFAULT_BASE, help="base IRI for the report's nodes")
    check.set_defaults(handler=_cmd_validate)
    return parser


def _project(args: argparse.Namespace) -> Project:
    return Project(args.project.resolve()) if args.project else Project.locate(Path.cwd())


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}")
    return int(value)


def _cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    config = BuildConfig(
        project=project,
        sources=tuple(args.sources) or project.default_sources(),
        out=args.out or project.root / "dist",
        base=args.base,
        source_date_epoch=_source_date_epoch(),
    )
    result = run_build(config)
    print(result.summary, end="")
    print(f"  wrote {len(result.files)} files to {config.out}")
    return EXIT_OK


FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml",
           ".trig": "trig", ".nq": "nquads"}


def read_rdf(path: Path) -> Graph:
    """Parse an RDF file, its format from its extension; InputError naming the file otherwise."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown RDF file extension {path.suffix!r} (use {', '.join(sorted(FORMATS))})", path=path)
    if not path.is_file():
        raise InputError("no such file", path=path)
    try:
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many exception types
        message = " ".join(str(exc).split())
        raise InputError(f"not valid {fmt}: {message[:300]}", path=path) from None


def _cmd_validate(args: argparse.Namespace) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: sys.argv[1:]) and return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
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
    """Console-script entry point."""
    sys.exit(main())
