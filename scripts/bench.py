#!/usr/bin/env python3
"""Time the real `mskio` commands on synthetic corpora of N reviews; print one table with the goals.

    .venv/bin/python scripts/bench.py --reviews 1 10 --timeout 600
    .venv/bin/python scripts/bench.py --generate-only /tmp/corpus --reviews 100

For each N, scripts/corpus_gen.py writes N distinct synthetic reviews (40-80 references each, 10-20 %
of them shared with other reviews, recurring authors, some shared works printed differently), then
this script runs, each as a child process from the project directory with SOURCE_DATE_EPOCH and
MSKIO_TIMINGS=1 set:

- `mskio build <the N pages> --out <tmp>`: wall time, CPU time (user + sys of the child and the
  processes it waited for, such as Java for HermiT, from os.wait4), peak RSS (ru_maxrss: the largest
  of those processes), the triple count from its summary, and each stage's wall and CPU seconds
  and the build process's peak RSS by the stage's end, from the `timing: <stage> <wall s> <cpu s>
  <peak MiB>` lines the build prints to stderr ("-" without them);
- `mskio fair <tmp>` on the result;
- the same build again after one review changed (its abstract gains a sentence): the incremental
  rebuild (HermiT's answer cache, empty for each N's first build, may answer it);
  `--verify-rebuild` also builds the changed corpus with `--clean` (no cache) and compares the bytes;
- `mskio serve --live` on the build: seconds until it listens, milliseconds per page;
- scripts/bench_store.py on the build: every canned query of queries/ (default parameters) and
  every check query, 3 runs each, on the embedded store and on a real Oxigraph server on loopback
  that `mskio load`'s code filled (timed); the median of each query, and the slowest;
- once, `mskio --help` (the median of 5 runs).

A command that runs longer than --timeout seconds is killed (its whole process group) and reported
as "> S s". The table prints the issue-10 goals next to the measurements and, under it, which
goals the measured sizes meet.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import DEFAULT_SEED, VARIANT_RATE, Corpus, generate, revise  # noqa: E402

MSKIO = ROOT / ".venv" / "bin" / "mskio"
SOURCE_DATE_EPOCH = "1767225600"
"""2026-01-01T00:00:00Z: every build of the benchmark has the same timestamp."""

TIMING = re.compile(r"^timing: (?P<stage>\S+) (?P<wall>\d+(?:\.\d*)?) (?P<cpu>\d+(?:\.\d*)?)(?: (?P<rss>\d+))?\s*$")
"""A stage's line: wall s, CPU s and (since the build prints it) the build process's peak RSS MiB by its end."""
TRIPLES = re.compile(r"(?P<count>\d[\d,]*) triples")
CITED = re.compile(r"^\s*works\s+\d+\s+\(\d+ citing, (?P<count>\d+) cited\)", re.M)
"""The build summary's line 'works  74  (1 citing, 73 cited)'."""

GIB = 1024.0
GOALS = {
    "build_wall": "N=1 <= 3 s; N=1000 <= 30 s",
    "build_rss": "N=1000 <= 1536 MiB",
    "fair": "N=1000 <= 5 s",
    "rebuild": "N=1000 <= 3 s, same bytes",
    "help": "<= 0.3 s",
    "site": "N=1000 <= 120 s",
    "live": "<= 50 ms",
    "queries": "N=1000: every query <= 100 ms",
}


@dataclass(frozen=True)
class Run:
    """One child process: its command line, times, peak memory and output."""

    argv: tuple[str, ...]
    wall: float
    cpu: float
    peak_mib: float
    exit_code: int | None
    """None: killed after the timeout."""
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def stages(self) -> dict[str, tuple[float, float]]:
        """Stage -> (wall s, CPU s) from the `timing:` lines on stderr, summed when a stage repeats."""
        found: dict[str, tuple[float, float]] = {}
        for line in self.stderr.splitlines():
            m = TIMING.match(line.strip())
            if m:
                wall, cpu = found.get(m.group("stage"), (0.0, 0.0))
                found[m.group("stage")] = (wall + float(m.group("wall")), cpu + float(m.group("cpu")))
        return found

    def stage_peaks(self) -> dict[str, float]:
        """Stage -> the build process's peak RSS MiB by the stage's end, from the `timing:` lines
        that give it (it only grows: the stage where it rises is where the memory went)."""
        found: dict[str, float] = {}
        for line in self.stderr.splitlines():
            m = TIMING.match(line.strip())
            if m and m.group("rss") is not None:
                found[m.group("stage")] = max(found.get(m.group("stage"), 0.0), float(m.group("rss")))
        return found

    def triples(self) -> int | None:
        m = TRIPLES.search(self.stdout)
        return int(m.group("count").replace(",", "")) if m else None

    def cited_works(self) -> int | None:
        """The cited works the build's summary counts (the generator's distinct works if the
        corpus identity rule merges exactly the printings of one work)."""
        m = CITED.search(self.stdout)
        return int(m.group("count")) if m else None


@dataclass(frozen=True)
class Command:
    """How to start mskio: .venv/bin/mskio from this checkout, or this venv's Python on another
    source tree (PYTHONPATH=tree, run from the tree, so its project files are the ones used)."""

    prefix: tuple[str, ...]
    cwd: Path
    env: dict[str, str]

    @classmethod
    def of(cls, tree: Path | None) -> Command:
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "MSKIO_TIMINGS": "1"}
        if tree is None:
            return cls((str(MSKIO),), ROOT, env)
        tree = tree.resolve()
        return cls((str(MSKIO.with_name("python")), "-c", "from mskio.cli import main_entry; main_entry()"),
                   tree, {**env, "PYTHONPATH": str(tree)})


def run(command: Command, args: list[str], *, timeout: float) -> Run:
    """Run mskio with `args` in its own session; kill its process group after `timeout` seconds.
    Resource use from os.wait4, so it is this child's (and its waited-for descendants') alone."""
    argv = [*command.prefix, *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=command.cwd, env=command.env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                 start_new_session=True)
        pid = child.pid
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(pid, signal.SIGKILL)  # the child's own process group (setsid): it and its children
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped: pid cannot be reused
        wall = time.perf_counter() - start
        timer.cancel()
        timer.join()
        _, status, usage = os.wait4(pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen never waits for it
        out.seek(0)
        err.seek(0)
        return Run(
            argv=tuple(argv),
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_mib=usage.ru_maxrss / 1024.0,  # KiB on Linux
            exit_code=None if killed.is_set() else child.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


@dataclass
class Row:
    """The measurements for one corpus size."""

    reviews: int
    references: int
    works: int
    shared_works: int
    variants: dict[str, int]
    build: Run | None = None
    fair: Run | None = None
    rebuild: Run | None = None
    rebuild_same_bytes: bool | None = None
    live: Live | None = None
    queries: Queries | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Queries:
    """scripts/bench_store.py on a build: each canned query's median milliseconds, embedded and
    on an Oxigraph server, and the seconds `mskio load` took to fill the server."""

    embedded: dict[str, float]
    server: dict[str, float]
    load_s: float | None
    checks: dict[str, float] = field(default_factory=dict)
    """The build's check queries (queries/checks/), embedded."""

    @staticmethod
    def slowest(medians: dict[str, float]) -> str:
        if not medians:
            return "-"
        name = max(medians, key=lambda k: (medians[k], k))
        return f"{statistics.median(medians.values()):.0f}; {medians[name]:.0f} ({name})"

    @staticmethod
    def over(medians: dict[str, float], limit: float = 100.0) -> int:
        return sum(1 for v in medians.values() if v > limit)


QUERY_REPEATS = 3


def measure_queries(mskio: Command, dist: Path, *, timeout: float) -> Queries | str:
    """Run scripts/bench_store.py --json (with the Python and source tree of `mskio`) on `dist`."""
    python = str(MSKIO.with_name("python"))
    try:
        result = subprocess.run([python, str(ROOT / "scripts" / "bench_store.py"), "--dist", str(dist), "--repeat",
                                 str(QUERY_REPEATS), "--json"], cwd=mskio.cwd, env=mskio.env, capture_output=True,
                                text=True, timeout=timeout * 4)
    except subprocess.TimeoutExpired:
        return f"bench_store.py: killed after {timeout * 4:g} s"
    if result.returncode != 0:
        return "bench_store.py: " + (result.stderr.strip().splitlines() or ["failed"])[-1][:200]
    found = json.loads(result.stdout)
    return Queries(embedded={k: v["embedded_ms"] for k, v in found["queries"].items()},
                   server={k: v["server_ms"] for k, v in found["queries"].items()},
                   load_s=found["load_ms"] / 1000,
                   checks={k: v["embedded_ms"] for k, v in found["checks"].items()})


@dataclass(frozen=True)
class Live:
    """`mskio serve --live` on a build: seconds until it listens, and milliseconds per page."""

    startup: float
    page_ms: tuple[float, ...]
    """One GET each of LIVE_PAGES pages spread over the site (HTML, rendered on demand)."""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.page_ms)


LIVE_PAGES = 60
"""How many pages the live-server measurement fetches (every k-th page of the static site)."""


def measure_live(mskio: Command, dist: Path, *, timeout: float) -> Live | str:
    """Start `mskio serve --live --dist DIST` on a free port, fetch LIVE_PAGES of its pages (spread
    over the static site's list of pages) and stop it: the measurements, or what went wrong."""
    pages = sorted(p.relative_to(dist / "site").with_suffix("").as_posix() for p in (dist / "site").rglob("*.html"))
    chosen = pages[:: max(1, len(pages) // LIVE_PAGES)][:LIVE_PAGES]
    start = time.perf_counter()
    server = subprocess.Popen([*mskio.prefix, "serve", "--live", "--dist", str(dist), "--port", "0"], cwd=mskio.cwd,
                              env=mskio.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        assert server.stdout is not None
        timer = threading.Timer(timeout, lambda: os.killpg(server.pid, signal.SIGKILL))
        timer.start()
        line = server.stdout.readline()
        timer.cancel()
        startup = time.perf_counter() - start
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found is None:
            return f"serve --live did not start: {line.strip()[:160]!r}"
        times = []
        for page in chosen:
            began = time.perf_counter()
            with urllib.request.urlopen(found.group(0) + page, timeout=timeout) as response:
                response.read()
            times.append((time.perf_counter() - began) * 1000)
        return Live(startup=startup, page_ms=tuple(times))
    except OSError as exc:
        return f"serve --live: {exc}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def tree_digest(directory: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under `directory`."""
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def measure(corpus: Corpus, corpus_dir: Path, *, timeout: float, mskio: Command, verify: bool) -> Row:
    row = Row(reviews=len(corpus.pages), references=corpus.references, works=corpus.works,
              shared_works=corpus.shared_works, variants=dict(corpus.variants))
    files = [str(p) for p in corpus.write(corpus_dir)]
    with tempfile.TemporaryDirectory(prefix="mskio-bench-") as tmp:
        out = Path(tmp) / "dist"
        # HermiT's answer cache starts empty: the first build is cold, the rebuild may use what it cached
        mskio = replace(mskio, env={**mskio.env, "MSKIO_CACHE_DIR": str(Path(tmp) / "cache")})
        build = ["build", *files, "--out", str(out)]
        print(f"  N={row.reviews}: mskio build ({len(files)} pages) ...", file=sys.stderr, flush=True)
        row.build = run(mskio, build, timeout=timeout)
        if not row.build.ok:
            row.notes.append(_failure("build", row.build, timeout))
            return row
        print(f"  N={row.reviews}: mskio fair ...", file=sys.stderr, flush=True)
        row.fair = run(mskio, ["fair", str(out)], timeout=timeout)
        if not row.fair.ok:
            row.notes.append(_failure("fair", row.fair, timeout))
        print(f"  N={row.reviews}: mskio serve --live ...", file=sys.stderr, flush=True)
        live = measure_live(mskio, out, timeout=timeout)
        if isinstance(live, Live):
            row.live = live
        else:
            row.notes.append(live)
        print(f"  N={row.reviews}: canned queries, embedded and on Oxigraph ...", file=sys.stderr, flush=True)
        queries = measure_queries(mskio, out, timeout=timeout)
        if isinstance(queries, Queries):
            row.queries = queries
        else:
            row.notes.append(queries)
        changed = Path(files[0])
        original = changed.read_text(encoding="utf-8")
        changed.write_text(revise(original), encoding="utf-8")
        try:
            print(f"  N={row.reviews}: rebuild after changing {changed.name} ...", file=sys.stderr, flush=True)
            row.rebuild = run(mskio, build, timeout=timeout)
            if not row.rebuild.ok:
                row.notes.append(_failure("rebuild", row.rebuild, timeout))
            elif verify:
                clean = Path(tmp) / "clean" / "dist"  # same directory name: a build may record it
                print(f"  N={row.reviews}: clean build of the changed corpus ...", file=sys.stderr, flush=True)
                check = run(mskio, ["build", *files, "--out", str(clean), "--clean"], timeout=timeout)
                if check.ok:
                    rebuilt, fresh = tree_digest(out), tree_digest(clean)
                    row.rebuild_same_bytes = rebuilt == fresh
                    differ = sorted(k for k in rebuilt.keys() | fresh.keys() if rebuilt.get(k) != fresh.get(k))
                    if differ:
                        row.notes.append(f"the rebuild differs from a clean build in {len(differ)} files: "
                                         + ", ".join(differ[:8]) + (", ..." if len(differ) > 8 else ""))
                else:
                    row.notes.append(_failure("clean build of the changed corpus", check, timeout))
        finally:
            changed.write_text(original, encoding="utf-8")
    return row


def _failure(what: str, result: Run, timeout: float) -> str:
    if result.exit_code is None:
        return f"{what}: killed after {timeout:g} s"
    lines = (result.stderr.strip() or result.stdout.strip()).splitlines()
    errors = [line for line in lines if line.startswith("mskio: error")][:1]
    shown = errors + [line for line in lines if line.startswith("Violation")][:5] if errors else (
        [line for line in lines if " FAIL " in line][:5] or lines[-5:])
    tail = "\n    ".join(line[:160] for line in shown)
    return f"{what}: exit {result.exit_code}\n    {tail}"


def _seconds(result: Run | None, timeout: float) -> str:
    if result is None:
        return "-"
    if result.exit_code is None:
        return f"> {timeout:g} s"
    text = f"{result.wall:.2f}"
    return text if result.ok else f"{text} (exit {result.exit_code})"


def _partial(result: Run, text: str) -> str:
    """A killed command's CPU time and memory are lower bounds."""
    return f">= {text}" if result.exit_code is None else text


def _with_cpu(result: Run | None, timeout: float) -> str:
    """'wall (CPU)' seconds: on a shared machine the CPU time is the steadier of the two."""
    if result is None or result.exit_code is None:
        return _seconds(result, timeout)
    text = f"{result.wall:.2f} ({result.cpu:.2f})"
    return text if result.ok else f"{text} exit {result.exit_code}"


def _growth(rows: list[Row], value: Callable[[Run], float]) -> list[str]:
    """log(value / previous value) / log(N / previous N) between successive completed builds."""
    cells = []
    previous: tuple[int, float] | None = None
    for r in rows:
        if r.build is None or not r.build.ok:
            cells.append("-")
            continue
        v = value(r.build)
        cells.append("-" if previous is None or previous[1] <= 0 or v <= 0
                     else f"{math.log(v / previous[1]) / math.log(r.reviews / previous[0]):.2f}")
        previous = (r.reviews, v)
    return cells


def _site(result: Run | None) -> tuple[float, float] | None:
    """The site stage's (wall s, CPU s) of a completed build, from its `timing:` lines."""
    return result.stages().get("site") if result is not None and result.ok else None


def table(rows: list[Row], help_runs: list[Run], *, timeout: float) -> str:
    """One table: a measurement per line, a column per corpus size, the goal last."""
    header = ["measure"] + [f"N={r.reviews}" for r in rows] + ["goal"]
    lines: list[list[str]] = []

    def add(label: str, cells: list[str], goal: str = "") -> None:
        lines.append([label, *cells, goal])

    add("references (distinct works; shared)", [f"{r.references} ({r.works}; {r.shared_works})" for r in rows])
    add("printed variants of shared works", [str(sum(r.variants.values())) for r in rows])
    add("cited works in the graph", [str(c) if (c := r.build.cited_works() if r.build else None) is not None
                                      else "-" for r in rows], "= distinct works")
    add("triples", [str(t) if (t := r.build.triples() if r.build else None) is not None else "-" for r in rows])
    add("build wall s", [_seconds(r.build, timeout) for r in rows], GOALS["build_wall"])
    add("  of which the site stage, wall s", [f"{site[0]:.2f}" if (site := _site(r.build)) else "-" for r in rows],
        GOALS["site"])
    add("  the rest (build without the site), wall s",
        [f"{r.build.wall - site[0]:.2f}" if r.build and r.build.ok and (site := _site(r.build)) else "-" for r in rows],
        "N=1000 <= 30 s")
    add("build CPU s (user+sys)", [_partial(r.build, f"{r.build.cpu:.2f}") if r.build else "-" for r in rows])
    add("  growth k, CPU ~ N^k from the previous N", _growth(rows, lambda r: r.cpu), "<= 1 from N=10 on")
    add("build peak RSS MiB", [_partial(r.build, f"{r.build.peak_mib:.0f}") if r.build else "-" for r in rows],
        GOALS["build_rss"])
    add("  growth k, RSS ~ N^k from the previous N", _growth(rows, lambda r: r.peak_mib), "<= 1 from N=10 on")
    stages: list[str] = []
    for r in rows:
        for stage in (r.build.stages() if r.build else {}):
            if stage not in stages:
                stages.append(stage)
    if not stages:
        add("  stages (wall/CPU s, peak RSS MiB)", ["-" for _ in rows], "no 'timing:' lines (MSKIO_TIMINGS=1)")
    for stage in stages:
        cells = []
        for r in rows:
            found = r.build.stages().get(stage) if r.build else None
            peak = r.build.stage_peaks().get(stage) if r.build else None
            cells.append("-" if not found else f"{found[0]:.2f}/{found[1]:.2f}" + (f", {peak:.0f}" if peak else ""))
        add(f"  {stage} wall/CPU s, peak RSS MiB", cells)
    add("mskio fair wall s (CPU s)", [_with_cpu(r.fair, timeout) for r in rows], GOALS["fair"])
    add("rebuild, 1 review changed, wall s (CPU s)", [_with_cpu(r.rebuild, timeout) for r in rows],
        GOALS["rebuild"])
    if any(r.rebuild_same_bytes is not None for r in rows):
        add("  rebuild == clean build (bytes)",
            ["-" if r.rebuild_same_bytes is None else ("yes" if r.rebuild_same_bytes else "NO") for r in rows])
    add("serve --live: start s", [f"{r.live.startup:.2f}" if r.live else "-" for r in rows])
    add(f"serve --live: ms per page (median; max of {LIVE_PAGES})",
        [f"{r.live.median_ms:.1f} ({max(r.live.page_ms):.0f})" if r.live else "-" for r in rows], GOALS["live"])
    add(f"canned queries, embedded: ms median of the medians; slowest (of {QUERY_REPEATS} runs each)",
        [r.queries.slowest(r.queries.embedded) if r.queries else "-" for r in rows], GOALS["queries"])
    add("  queries over 100 ms, embedded",
        [str(r.queries.over(r.queries.embedded)) + f"/{len(r.queries.embedded)}" if r.queries else "-" for r in rows])
    add("canned queries, Oxigraph server: ms median of the medians; slowest",
        [r.queries.slowest(r.queries.server) if r.queries else "-" for r in rows], GOALS["queries"])
    add("  queries over 100 ms, server",
        [str(r.queries.over(r.queries.server)) + f"/{len(r.queries.server)}" if r.queries else "-" for r in rows])
    add("check queries (queries/checks), embedded: ms median; slowest",
        [r.queries.slowest(r.queries.checks) if r.queries else "-" for r in rows])
    add("mskio load into the Oxigraph server (PUT + count), wall s",
        [f"{r.queries.load_s:.2f}" if r.queries and r.queries.load_s is not None else "-" for r in rows])
    walls = [h.wall for h in help_runs if h.ok]
    help_cell = f"{statistics.median(walls):.3f}" if len(walls) == len(help_runs) and walls else "failed"
    lines.append(["mskio --help wall s (median of 5)", help_cell, *["" for _ in rows[1:]], GOALS["help"]])
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    out = []
    for row in [header, *lines]:
        out.append("  ".join(c.ljust(w) if i in (0, len(row) - 1) else c.rjust(w)
                             for i, (c, w) in enumerate(zip(row, widths))).rstrip())
    return "\n".join(out)


def verdicts(rows: list[Row], help_runs: list[Run], *, timeout: float) -> list[str]:
    """Each goal that a measured size says something about: met or missed."""
    out = []

    def judge(label: str, value: float | None, limit: float, unit: str) -> None:
        if value is None:
            out.append(f"  {label}: not measured (over {timeout:g} s, or failed: see the problems)")
        else:
            out.append(f"  {label}: {value:.2f} {unit} vs <= {limit:g} {unit}: {'met' if value <= limit else 'MISSED'}")

    for r in rows:
        cited = r.build.cited_works() if r.build and r.build.ok else None
        if cited is not None:
            out.append(f"  N={r.reviews} cited works in the graph: {cited} for {r.works} distinct works generated: "
                       f"{'met' if cited == r.works else 'MISSED'}")
        build = r.build.wall if r.build and r.build.ok else None
        if r.reviews == 1:
            judge("N=1 build wall", build, 3, "s")
        if r.reviews == 1000:
            site = _site(r.build)
            judge("N=1000 build wall without the site", build - site[0] if build is not None and site else None, 30, "s")
            judge("N=1000 site stage wall", site[0] if site else None, 120, "s")
            judge("N=1000 build wall", build, 30, "s")
            judge("N=1000 build peak RSS", r.build.peak_mib if r.build and r.build.ok else None, 1.5 * GIB, "MiB")
            judge("N=1000 mskio fair wall", r.fair.wall if r.fair and r.fair.ok else None, 5, "s")
            judge("N=1000 serve --live median page", r.live.median_ms if r.live else None, 50, "ms")
            judge("N=1000 rebuild wall", r.rebuild.wall if r.rebuild and r.rebuild.ok else None, 3, "s")
            for where in ("embedded", "server"):
                medians = getattr(r.queries, where) if r.queries else None
                judge(f"N=1000 slowest canned query ({where})", max(medians.values()) if medians else None, 100, "ms")
    walls = [h.wall for h in help_runs if h.ok]
    judge("mskio --help", statistics.median(walls) if walls and len(walls) == len(help_runs) else None, 0.3, "s")
    if not any(r.reviews == 1000 for r in rows):
        out.append("  (the N=1000 goals need --reviews 1000)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, nargs="+", default=[1, 10, 100, 1000], metavar="N",
                        help="corpus sizes (default 1 10 100 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"generator seed (default {DEFAULT_SEED})")
    parser.add_argument("--variant-rate", type=float, default=VARIANT_RATE, metavar="R",
                        help=f"share of a shared work's later citations printed differently (default {VARIANT_RATE}; "
                             "0 prints them identically, for a build without the corpus identity rule)")
    parser.add_argument("--timeout", type=float, default=600.0, metavar="S",
                        help="kill a command after S seconds and report '> S s' (default 600)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the generated corpora in DIR/n{N}/")
    parser.add_argument("--generate-only", type=Path, metavar="DIR",
                        help="only write the corpora to DIR/n{N}/ and print their sizes")
    parser.add_argument("--verify-rebuild", action="store_true",
                        help="also build the changed corpus clean and compare its bytes with the rebuild")
    parser.add_argument("--tree", type=Path, metavar="DIR",
                        help="run the mskio of source tree DIR (e.g. a `git archive HEAD` snapshot) with this "
                             "checkout's .venv, instead of .venv/bin/mskio")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the measurements as JSON")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.reviews):
        parser.error("--reviews: every N must be at least 1")
    if not 0.0 <= args.variant_rate <= 1.0:
        parser.error("--variant-rate must be between 0 and 1")
    sizes = sorted(dict.fromkeys(args.reviews))

    if args.generate_only is not None:
        for n in sizes:
            corpus = generate(n, seed=args.seed, variant_rate=args.variant_rate)
            paths = corpus.write(args.generate_only / f"n{n}")
            print(f"{args.generate_only / f'n{n}'}: {len(paths)} reviews, {corpus.references} references, "
                  f"{corpus.works} distinct works, {corpus.shared_works} shared, variants {corpus.variants}")
        return 0

    if not MSKIO.is_file():
        print(f"bench.py: {MSKIO} not found; run `make install` first", file=sys.stderr)
        return 3
    if args.tree is not None and not (args.tree / "mskio" / "cli.py").is_file():
        print(f"bench.py: {args.tree} is not an mskio source tree (no mskio/cli.py)", file=sys.stderr)
        return 2
    mskio = Command.of(args.tree)
    help_runs = [run(mskio, ["--help"], timeout=args.timeout) for _ in range(5)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="mskio-bench-corpus-") as scratch:
        base = args.keep if args.keep is not None else Path(scratch)
        for n in sizes:
            corpus = generate(n, seed=args.seed, variant_rate=args.variant_rate)
            rows.append(measure(corpus, base / f"n{n}", timeout=args.timeout, mskio=mskio,
                                verify=args.verify_rebuild))
    print(f"mskio benchmark (the mskio of {mskio.cwd}): synthetic corpora (scripts/corpus_gen.py, seed {args.seed}, "
          f"variant rate {args.variant_rate:g}), "
          f"timeout {args.timeout:g} s, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(table(rows, help_runs, timeout=args.timeout))
    print("goals (issue 10):")
    print("\n".join(verdicts(rows, help_runs, timeout=args.timeout)))
    notes = [f"  N={r.reviews}: {note}" for r in rows for note in r.notes]
    if notes:
        print("problems:")
        print("\n".join(notes))
    if args.json is not None:
        args.json.write_text(json.dumps({"seed": args.seed, "timeout": args.timeout,
                                         "help": [asdict(h) | {"stdout": "", "stderr": ""} for h in help_runs],
                                         "rows": [_row_json(r) for r in rows]}, indent=2) + "\n", encoding="utf-8")
    return 0 if not notes else 1


def _row_json(row: Row) -> dict[str, object]:
    data: dict[str, object] = {k: v for k, v in asdict(row).items() if k not in ("build", "fair", "rebuild")}
    data["queries"] = None if row.queries is None else asdict(row.queries)
    data["live"] = None if row.live is None else {"startup": row.live.startup, "page_ms": list(row.live.page_ms)}
    for name in ("build", "fair", "rebuild"):
        result: Run | None = getattr(row, name)
        data[name] = None if result is None else {
            "wall": result.wall, "cpu": result.cpu, "peak_mib": result.peak_mib, "exit_code": result.exit_code,
            "stages": result.stages(), "stage_peaks_mib": result.stage_peaks(), "triples": result.triples(), "cited_works": result.cited_works()}
    return data


if __name__ == "__main__":
    sys.exit(main())
