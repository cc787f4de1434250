#!/usr/bin/env python3
"""Time each stage (parse, graph, validate, serialize) and the peak memory, on the review and on a
synthetic corpus of N varied copies of it; print one table.

    .venv/bin/python scripts/bench.py --copies 100

Each copy gets its own DOI and title, and a third of its reference titles are varied, so the
corpus has both shared works (the same person or journal met again) and new ones. Each scenario
runs in its own process so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mskio.iris import Minter  # noqa: E402
from mskio.parse import parse_page  # noqa: E402
from mskio.pipeline import build_dataset  # noqa: E402
from mskio.project import Project  # noqa: E402
from mskio.records import SourceFile  # noqa: E402
from mskio.serialize import load_context, to_jsonld, to_ntriples, to_turtle  # noqa: E402
from mskio.validate import load_shapes, validate  # noqa: E402

SOURCE = ROOT / "data" / "sources" / "percutaneous-cryoablation-review.txt"


def synthetic_copy(text: str, i: int) -> str:
    """Copy `i` of the page: its own DOI and title; references with number % 3 == i % 3 varied."""
    lines = []
    for line in text.splitlines():
        if line.startswith("DOI: "):
            line = f"DOI: 10.5555/mskio-bench-{i:05d}"
        elif line.startswith("Percutaneous Cryoablation for the Management"):
            line = f"{line} (synthetic copy {i})"
        elif line.startswith("- ") and line.split(" ", 2)[1].isdigit() and int(line.split(" ", 2)[1]) % 3 == i % 3:
            head, sep, tail = line.partition(". ")
            if sep and not tail.startswith("et al"):
                line = f"{head}. Variant {i} of {tail}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def run_scenario(copies: int) -> dict[str, float]:
    text = SOURCE.read_text(encoding="utf-8")
    pages = [text] if copies == 0 else [synthetic_copy(text, i) for i in range(copies)]
    project = Project(ROOT)
    timings: dict[str, float] = {}

    start = time.perf_counter()
    articles = tuple(parse_page(p, SourceFile(Path(f"copy-{i}.txt"), "0" * 64)) for i, p in enumerate(pages))
    timings["parse"] = time.perf_counter() - start

    start = time.perf_counter()
    graph = build_dataset(articles, minter=Minter())
    timings["graph"] = time.perf_counter() - start

    start = time.perf_counter()
    result = validate(graph, load_shapes(project.shapes), base=Minter().base)
    timings["validate"] = time.perf_counter() - start
    assert result.conforms, result.text

    start = time.perf_counter()
    to_turtle(graph)
    to_jsonld(graph, load_context(project.context))
    to_ntriples(graph)
    timings["serialize"] = time.perf_counter() - start

    timings["triples"] = len(graph)
    timings["references"] = sum(len(a.references) for a in articles)
    timings["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="size of the synthetic corpus (default 100)")
    parser.add_argument("--scenario", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scenario is not None:
        print(json.dumps(run_scenario(args.scenario)))
        return 0
    rows = []
    for label, copies in (("review", 0), (f"corpus x{args.copies}", args.copies)):
        out = subprocess.run([sys.executable, __file__, "--scenario", str(copies)],
                             check=True, capture_output=True, text=True).stdout
        rows.append((label, json.loads(out)))
    print(f"{'scenario':<14}{'refs':>7}{'triples':>10}{'parse s':>9}{'graph s':>9}"
          f"{'validate s':>12}{'serialize s':>13}{'peak MiB':>10}")
    for label, t in rows:
        print(f"{label:<14}{int(t['references']):>7}{int(t['triples']):>10}{t['parse']:>9.2f}{t['graph']:>9.2f}"
              f"{t['validate']:>12.2f}{t['serialize']:>13.2f}{t['peak_mib']:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
