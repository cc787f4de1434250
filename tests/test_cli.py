"""The `mskio` command line: every subcommand documents itself and its defaults, bad options are
refused at the edge (exit 2, one line), start-up loads no heavy module, `export --dist`, tables that
fit the terminal, and the build's progress reporting (mskio.progress)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mskio.cli import main
from mskio.progress import SILENT, BarProgress, LineProgress, for_stream
from tests.conftest import ROOT

def subcommands() -> list[str]:
    """The subcommands `mskio --help` lists."""
    out = subprocess.run([sys.executable, "-m", "mskio", "--help"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    return re.findall(r"^    (\w+) ", out, re.M)


COMMANDS = subcommands()
TITLE_5 = "Complications of percutaneous bone tumor cryoablation: a 10-year experience"  # reference 5


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mskio", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


# -- help ---------------------------------------------------------------------------------------------

def test_the_top_level_help_lists_every_subcommand() -> None:
    assert {"build", "export", "fair", "validate", "query", "load", "serve", "reason"} <= set(COMMANDS)


def options_of(help_text: str) -> list[tuple[str, str]]:
    """(option, its help text) for each entry of the 'options:' and 'positional arguments:' blocks."""
    entries: list[tuple[str, str]] = []
    block = False
    for line in help_text.splitlines():
        if line.endswith(("options:", "positional arguments:")):
            block = True
            continue
        if not line.strip():
            block = False
            continue
        if not block:
            continue
        if line.startswith("  ") and not line.startswith("   "):
            name, _, rest = line.strip().partition("  ")
            entries.append((name, rest.strip()))
        elif entries:
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {line.strip()}".strip())
    return entries


@pytest.mark.parametrize("command", COMMANDS, ids=COMMANDS)
def test_every_subcommand_has_a_description_and_states_each_default(command: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    description = " ".join(out.split("\n\n")[1].split())  # the paragraph after the usage
    assert len(description) > 40 and not description.startswith(("positional", "options")), description
    entries = [e for e in options_of(out) if not e[0].startswith("-h")]
    assert entries, command
    usage = " ".join(out.split("\n\n")[0].split())
    required = {name for name, _ in entries if re.search(rf"(^|[^\[\w-]){re.escape(name)}($|[^\]\w.-])", usage)
                and not name.startswith("-")}  # positionals given without brackets: no default to state
    undocumented = [name for name, text in entries
                    if "default" not in text and "required" not in text and name not in required]
    assert undocumented == []


def test_help_loads_no_heavy_module() -> None:
    """`mskio --help` and `import mskio.cli` load neither pySHACL, rdflib's SPARQL parser, requests,
    matplotlib nor the pipeline: each command imports what it uses."""
    code = ("import sys, contextlib, io\n"
            "from mskio.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['--help'])\n"
            "print(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split())
    assert "mskio.cli" in loaded
    heavy = {"pyshacl", "rdflib", "rdflib.plugins.sparql.parser", "requests", "SPARQLWrapper", "matplotlib",
             "owlready2", "pyoxigraph", "mskio.pipeline", "mskio.store"}
    assert sorted(heavy & loaded) == []


# -- options are checked at the edge --------------------------------------------------------------

BAD_OPTIONS = [
    ("serve-port-too-big", ["serve", "--port", "99999"], "--port"),
    ("serve-port-negative", ["serve", "--port", "-1"], "--port"),
    ("serve-port-not-a-number", ["serve", "--port", "eighty"], "--port"),
    *[(f"query-timeout-{v}", ["query", "works_by-year", "--timeout", v], "--timeout") for v in ("nan", "inf", "0", "-1")],
    *[(f"load-timeout-{v}", ["load", "--endpoint", "http://127.0.0.1:9/query", "--timeout", v], "--timeout")
      for v in ("nan", "inf", "0", "-1")],
    ("reason-java-memory-0", ["reason", "--java-memory", "0"], "--java-memory"),
]


@pytest.mark.parametrize(("argv", "option"), [c[1:] for c in BAD_OPTIONS], ids=[c[0] for c in BAD_OPTIONS])
def test_a_bad_option_exits_2_with_one_line(argv: list[str], option: str) -> None:
    result = run(*argv)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"mskio {argv[0]}: error: argument {option}")
    assert "Traceback" not in result.stderr and result.stdout == ""


# -- export --dist, query tables ------------------------------------------------------------------

def test_export_reads_the_graph_of_dist(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`mskio export --dist D` exports D/mskio.nt: the same RIS as the build's own references.ris."""
    assert main(["export", "--format", "ris", "--dist", str(dist)]) == 0
    out = capsys.readouterr().out
    assert out == (dist / "references.ris").read_bytes().decode("utf-8")
    assert out.count("TY  - ") == 60


def test_query_table_fits_the_terminal_and_full_prints_cells_whole(
        dist: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    assert main(["query", "works_by-author", "--dist", str(dist)]) == 0
    wrapped = capsys.readouterr().out
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    assert TITLE_5 not in wrapped  # wrapped onto several lines ...
    assert "Complications of" in wrapped and "10-year" in wrapped  # ... nothing cut
    assert "…" not in wrapped
    assert wrapped.endswith("(10 rows)\n")
    assert main(["query", "works_by-author", "--dist", str(dist), "--full"]) == 0
    full = capsys.readouterr().out
    assert any(TITLE_5 in line for line in full.splitlines())
    assert max(len(line) for line in full.splitlines()) > 72
    assert full.endswith("(10 rows)\n")


def test_query_csv_and_json_ignore_the_terminal_width(dist: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["query", "works_by-author", "--dist", str(dist), "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 10 and TITLE_5 in [r["title"] for r in rows]
    assert main(["query", "works_by-author", "--dist", str(dist), "-f", "json"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert TITLE_5 in [b["title"]["value"] for b in bindings]


# -- progress -----------------------------------------------------------------------------------------

class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_prints_one_line_per_stage_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = for_stream(stream, total=3)
    assert isinstance(progress, LineProgress)
    for name in ("parse", "validate", "site"):
        progress.stage(name)
    progress.close()
    progress.stage("after close")
    lines = stream.getvalue().splitlines()
    assert [line.split()[-1] for line in lines] == ["parse", "validate", "site"]
    assert [line.split()[2] for line in lines] == ["[1/3]", "[2/3]", "[3/3]"]
    assert all(line.startswith("mskio build: ") for line in lines)


def test_progress_is_a_bar_on_a_terminal() -> None:
    stream = Terminal()
    progress = for_stream(stream, total=2)
    assert isinstance(progress, BarProgress)
    progress.stage("parse")
    progress.stage("validate")
    progress.close()
    shown = stream.getvalue()
    assert "mskio build: parse: 0/2 stages" in shown  # the stage running, the stages done
    assert "mskio build: validate: 1/2 stages" in shown
    assert shown.endswith("\r")  # the bar is removed when the work is over


def test_the_stages_run_without_the_cyclic_collector_and_put_it_back() -> None:
    """Issue 10: from the first stage to `done` the cyclic garbage collector is off; `done` puts it
    back as it was (on before: on after; off before: still off)."""
    import gc

    from mskio.pipeline import _Stages

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    stages = _Stages(SILENT)
    stages("parse")
    assert not gc.isenabled()
    made = [[n] for n in range(100_000)]  # what a stage leaves alive
    stages("validate")
    assert [t.stage for t in stages.done()] == ["parse", "validate"]
    assert gc.isenabled()
    # frozen, so that the collector's first pass does not walk it all
    assert gc.get_freeze_count() >= frozen + len(made)
    gc.disable()
    try:
        stages = _Stages(SILENT)
        stages("parse")
        stages.done()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_silent_progress_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    SILENT.stage("parse")
    SILENT.close()
    assert capsys.readouterr() == ("", "")
