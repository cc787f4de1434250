"""The benchmark's corpus generator (scripts/corpus_gen.py): distinct reviews, the configured overlap,
shared works printed differently the ways the corpus identity rule must absorb, pages mskio reads,
and the same bytes for the same seed. The timed benchmark itself (scripts/bench.py) is never a test.

The overlap is counted here from the page text with this file's own reading of an entry, not from
the generator's own bookkeeping."""

from __future__ import annotations

import collections
import importlib.util
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from mskio.parse import parse_page
from mskio.records import SourceFile

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "corpus_gen.py"
N = 12


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_gen", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_gen"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


corpus_gen = _load()

ENTRY = re.compile(
    r"^- (?P<number>\d+) (?P<authors>[^.]+?)\.(?P<etal> et al\.)? (?P<title>Synthetic work \d+: .+?)\. "
    r"(?P<journal>Synth [^.;]+) (?P<year>\d{4}); (?P<volume>\d+)(?: \((?P<issue>\d\d)\))?:? (?P<pages>\S+)$"
)
"""An entry as this test reads it: authors, an optional 'et al.', the title, journal, year, volume,
an optional (issue), pages."""


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return corpus_gen.generate(N)


def normalised(title: str) -> str:
    """Lower-case letters and digits only, British 'tumour' read as 'tumor'."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "", plain.replace("tumour", "tumor"))


def entries(text: str) -> list[re.Match[str]]:
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    found = [ENTRY.match(line) for line in lines]
    unread = [line for line, m in zip(lines, found) if m is None]
    assert not unread, unread[:3]
    return [m for m in found if m is not None]


def by_title(pages) -> dict[str, list[tuple[int, re.Match[str]]]]:  # type: ignore[no-untyped-def]
    """Normalised title -> (page index, entry) for every printing of it."""
    groups: dict[str, list[tuple[int, re.Match[str]]]] = collections.defaultdict(list)
    for i, page in enumerate(pages):
        for m in entries(page.text):
            groups[normalised(m.group("title"))].append((i, m))
    return groups


def test_reviews_have_distinct_synthetic_dois_and_titles(corpus) -> None:  # type: ignore[no-untyped-def]
    dois = [re.search(r"^DOI: (\S+)$", p.text, re.M).group(1) for p in corpus.pages]
    assert dois == [f"10.5555/mskio-bench.{i}" for i in range(1, N + 1)]
    titles = [p.text.splitlines()[2] for p in corpus.pages]
    assert all(t.startswith(f"Synthetic benchmark review {i}: ") for i, t in enumerate(titles, start=1)), titles
    assert len({normalised(t) for t in titles}) == N
    assert len({p.name for p in corpus.pages}) == N


def test_each_review_shares_10_to_20_percent_of_its_works(corpus) -> None:  # type: ignore[no-untyped-def]
    groups = by_title(corpus.pages)
    citing = {title: {i for i, _ in printings} for title, printings in groups.items()}
    assert all(len(printings) == len(citing[t]) for t, printings in groups.items()), "a review cites a work twice"
    for i, page in enumerate(corpus.pages):
        titles = [normalised(m.group("title")) for m in entries(page.text)]
        assert 40 <= len(titles) <= 80, (page.name, len(titles))
        shared = sum(1 for t in titles if len(citing[t]) > 1)
        assert 0.10 <= shared / len(titles) <= 0.20, (page.name, shared, len(titles))
    assert sum(1 for c in citing.values() if len(c) > 1) == corpus.shared_works


def test_shared_works_keep_first_author_and_year(corpus) -> None:  # type: ignore[no-untyped-def]
    """The corpus rule's key (first author, year, normalised title) is the same in every printing."""
    for printings in by_title(corpus.pages).values():
        keys = {(m.group("authors").split(", ")[0], m.group("year"), m.group("journal")) for _, m in printings}
        assert len(keys) == 1, [m.group(0) for _, m in printings]


def test_shared_works_are_sometimes_printed_differently(corpus) -> None:  # type: ignore[no-untyped-def]
    kinds: collections.Counter[str] = collections.Counter()
    for printings in by_title(corpus.pages).values():
        ms = [m for _, m in printings]
        if len({m.group(0).split(" ", 2)[2] for m in ms}) == 1:
            continue  # printed alike everywhere
        if len({m.group("title") for m in ms}) > 1:
            assert {m.group("title").replace("tumour", "tumor") for m in ms} == {ms[0].group("title")}
            kinds["tumour"] += 1
        if len({(m.group("authors"), m.group("etal")) for m in ms}) > 1:
            kinds["et-al"] += 1
        if len({m.group("issue") for m in ms}) > 1:
            assert None in {m.group("issue") for m in ms}
            kinds["no-issue"] += 1
        if len({m.group("pages") for m in ms}) > 1:
            kinds["page-typo"] += 1
    assert set(kinds) == {"tumour", "et-al", "no-issue", "page-typo"}, kinds


def test_people_recur_across_reviews(corpus) -> None:  # type: ignore[no-untyped-def]
    reviews_of: dict[str, set[int]] = collections.defaultdict(set)
    for i, page in enumerate(corpus.pages):
        for m in entries(page.text):
            for name in m.group("authors").split(", "):
                reviews_of[name].add(i)
    recurring = sum(1 for r in reviews_of.values() if len(r) > 1)
    assert recurring >= len(reviews_of) / 4, (recurring, len(reviews_of))


def test_pages_parse_with_every_entry_read(corpus) -> None:  # type: ignore[no-untyped-def]
    for page in corpus.pages:
        article = parse_page(page.text, SourceFile(Path(page.name), "0" * 64))
        numbered = [line for line in page.text.splitlines() if re.match(r"^- \d+ ", line)]
        assert len(article.references) == len(numbered) == page.references
        assert article.doi == page.doi
        assert article.title.text == page.title
        assert [r for r in article.references if r.problems] == []
        assert article.received is not None and article.accepted is not None and article.published_online
        assert article.received < article.accepted < article.published_online


def test_one_review_cites_no_shared_work() -> None:
    (page,) = corpus_gen.generate(1).pages
    assert page.shared == 0 and 40 <= page.references <= 80


def test_no_variants_prints_shared_works_alike() -> None:
    pages = corpus_gen.generate(N, variant_rate=0.0).pages
    for printings in by_title(pages).values():
        assert len({m.group(0).split(" ", 2)[2] for _, m in printings}) == 1


def test_revise_changes_only_the_abstract(corpus) -> None:  # type: ignore[no-untyped-def]
    before = corpus.pages[0].text.splitlines()
    after = corpus_gen.revise(corpus.pages[0].text).splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    assert before[changed[0] - 1] == "Abstract" and after[changed[0]].startswith(before[changed[0]])


def test_same_seed_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEED write the same files; another seed differs."""
    outputs = []
    for hash_seed, seed in (("0", 7), ("12345", 7), ("0", 8)):
        out = tmp_path / f"{hash_seed}-{seed}"
        subprocess.run([sys.executable, str(SCRIPT), "--reviews", "3", "--seed", str(seed), "--out", str(out)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": hash_seed})
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outputs[0]) == 3
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]
    in_process = {p.name: p.text.encode("utf-8") for p in corpus_gen.generate(3, seed=7).pages}
    assert in_process == outputs[0]


def test_bench_store_times_every_query_on_both_stores(dist: Path) -> None:
    """scripts/bench_store.py --json on the seed's dist/ (what scripts/bench.py reads): a time for
    each query file of queries/ and queries/checks/ (the names read off the directories), embedded
    and on the real Oxigraph server it starts, which it filled with as many triples as the dump
    and the ontology hold (read here with rdflib)."""
    import json

    from rdflib import Graph

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_store.py"), "--dist", str(dist),
                           "--repeat", "1", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    assert set(found["queries"]) == {p.stem for p in (ROOT / "queries").glob("*.rq")}
    assert set(found["checks"]) == {p.stem for p in (ROOT / "queries" / "checks").glob("*-violation.rq")}
    for timed in (*found["queries"].values(), *found["checks"].values()):
        assert timed["embedded_ms"] > 0 and timed["server_ms"] > 0, timed
    union = Graph().parse(dist / "mskio.nt", format="nt").parse(dist / "ontology" / "mskio.ttl", format="turtle")
    assert found["triples"] == len(union) and found["load_ms"] > 0


def test_each_stage_reports_its_time_and_the_peak_memory_so_far(built) -> None:  # type: ignore[no-untyped-def]
    """The build's timings (what `MSKIO_TIMINGS=1 mskio build` prints) name every stage once, in
    order, with this process's peak RSS by its end: positive and never falling (ru_maxrss only grows)."""
    from mskio.pipeline import STAGES

    assert [t.stage for t in built.timings] == list(STAGES)
    peaks = [t.peak_rss_mib for t in built.timings]
    assert peaks[0] > 0 and peaks == sorted(peaks)


def test_the_bench_reads_the_stage_lines_with_and_without_memory() -> None:
    spec = importlib.util.spec_from_file_location("bench", SCRIPT.parent / "bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    run = bench.Run(argv=("mskio",), wall=1.0, cpu=1.0, peak_mib=1.0, exit_code=0, stdout="", stderr=(
        "timing: corpus_graph 2.500 2.000 812\n"
        "timing: site 1.000 0.500\n"  # a line of a build that printed no memory
        "mskio build: [ 3/12] not a timing line 1 2 3\n"))
    assert run.stages() == {"corpus_graph": (2.5, 2.0), "site": (1.0, 0.5)}
    assert run.stage_peaks() == {"corpus_graph": 812.0}
