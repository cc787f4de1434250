#!/usr/bin/env python3
"""A synthetic corpus of review pages for the benchmark (scripts/bench.py); clearly synthetic, never real.

    .venv/bin/python scripts/corpus_gen.py --reviews 100 --out /tmp/corpus

Each page has the layout `mskio.parse` reads (see data/sources/*.txt): a `DOI:` line, the title,
`Authors`, `Abstract`, `Publication History`, a rights line, the publisher and `References` with
numbered Vancouver entries (`- n Family AB, Family C. et al. Title. Journal YYYY; vol (issue) pages`).

Review i (1-based) has the DOI 10.5555/mskio-bench.{i} (10.5555 is Crossref's test prefix), the title
"Synthetic benchmark review {i}: ...", and 40-80 references. Every cited work has a title starting
"Synthetic work {id}:", so distinct works have distinct titles. When there are two reviews or more,
each review cites 10-20 % of its references from a shared pool, and every shared work it cites is
cited by at least one other review; the other works are its own. Authors are drawn from one pool
with a skewed (Zipf-like) popularity, so many recur across reviews. A shared work's later citations
are sometimes printed differently, the ways real reviews differ without being another work (same
first author, year and normalised title): the author list cut with "et al." at another place,
"tumour" for "tumor", no issue, a page typo. Journals, people and text are synthetic.

Deterministic: `generate(n, seed=s)` gives the same bytes for the same (n, s); it iterates no set
and uses one `random.Random(seed)`.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

DEFAULT_SEED = 20261201
DOI_PREFIX = "10.5555/mskio-bench."
"""Crossref's test prefix; review i is 10.5555/mskio-bench.{i}."""

MIN_REFERENCES, MAX_REFERENCES = 40, 80
MIN_SHARED, MAX_SHARED = 0.10, 0.20
"""Each review cites between 10 % and 20 % (rounded inwards) of its references from the shared pool."""

POPULARITY_OFFSET = 100
"""Author k (0-based) of the pool is drawn with weight 1 / (k + POPULARITY_OFFSET): at 1,000 reviews
the most prolific author has a few hundred works, and about a third of the people recur across reviews."""

VARIANT_RATE = 0.4
"""The share of a shared work's second and later citations printed differently from its first."""

Variant = Literal["et-al", "tumour", "no-issue", "page-typo"]
VARIANTS: tuple[Variant, ...] = ("et-al", "tumour", "no-issue", "page-typo")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

_SYLLABLES = ("ka", "lo", "mar", "ten", "vis", "bel", "dor", "ran", "sel", "tor", "mi", "no", "ber",
              "gan", "lin", "sen", "har", "vel", "qui", "ros", "dal", "fen", "gor", "wen", "zu", "pal")
_FAMILY_PREFIXES = ("", "", "", "", "", "", "", "", "Van ", "De ", "Le ", "O'", "Mc")
_ACCENTED = {"a": "á", "o": "ö", "e": "é", "u": "ü"}

TECHNIQUES = ("Percutaneous cryoablation", "CT-guided cryoablation", "Radiofrequency ablation",
              "Microwave ablation", "MR-guided focused ultrasound", "Cementoplasty",
              "Image-guided thermal ablation", "Laser interstitial thermal therapy",
              "Combined cryoablation and cementoplasty", "Irreversible electroporation")
CONDITIONS = ("osteoid osteoma", "painful bone metastases", "spinal metastases", "desmoid tumors",
              "soft-tissue sarcoma", "chondroblastoma", "osteoblastoma", "aneurysmal bone cyst",
              "venous malformations", "abdominal wall endometriosis", "giant cell tumor of bone",
              "benign bone tumors", "soft-tissue tumors", "oligometastatic disease",
              "recurrent tumor after surgery", "metastatic renal cell carcinoma")
SITES = ("", "", "in the spine", "of the pelvis", "in the femur", "in pediatric patients", "in adults",
         "of the sternum", "in the knee")
DESIGNS = ("a retrospective study", "a prospective multicentre trial", "a systematic review and meta-analysis",
           "a 10-year single-institution experience", "initial results", "a case report",
           "technical considerations", "long-term outcomes and local tumor control", "safety and efficacy",
           "a comparison with surgical resection")
JOURNAL_PREFIXES = ("Synth J", "Synth Eur J", "Synth Am J", "Synth Int J", "Synth Rev")
JOURNAL_SUBJECTS = ("Radiol", "Interv Radiol", "Oncol", "Musculoskelet Radiol", "Bone Oncol", "Orthop",
                    "Skeletal Imaging", "Pain Med", "Surg Oncol", "Cancer Res")


@dataclass(frozen=True)
class Person:
    family: str
    initials: str

    def printed(self) -> str:
        return f"{self.family} {self.initials}"


@dataclass(frozen=True)
class Work:
    """A cited work as it is: all its authors, its title and where it appeared."""

    ident: int
    authors: tuple[Person, ...]
    title: str
    journal: str
    year: int
    volume: int
    issue: int
    first_page: int
    last_page: int | None
    """None: the work has an electronic locator e{first_page} instead of a page range."""


@dataclass(frozen=True)
class Page:
    name: str
    doi: str
    title: str
    text: str
    references: int
    shared: int
    """How many of its references cite works of the shared pool (all cited by another review too)."""


@dataclass(frozen=True)
class Corpus:
    seed: int
    pages: tuple[Page, ...]
    shared_works: int
    """Distinct works cited by two reviews or more."""
    variants: dict[str, int] = field(default_factory=dict)
    """How many citations are printed with each variant (et-al, tumour, no-issue, page-typo)."""

    @property
    def references(self) -> int:
        return sum(p.references for p in self.pages)

    @property
    def works(self) -> int:
        """Distinct cited works: the private ones and the shared ones."""
        return self.references - sum(p.shared for p in self.pages) + self.shared_works

    def write(self, directory: Path) -> tuple[Path, ...]:
        """Write every page as {directory}/{name} (UTF-8); return the paths in order."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for page in self.pages:
            path = directory / page.name
            path.write_text(page.text, encoding="utf-8")
            paths.append(path)
        return tuple(paths)


class _Generator:
    def __init__(self, n: int, seed: int, variant_rate: float) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.variant_rate = variant_rate
        self.next_work = 1
        self.people = self._people(200 + 150 * n)
        # Zipf-like popularity: a few people are authors of many works, most of a few.
        self.people_weights = _cumulative([1.0 / (rank + POPULARITY_OFFSET) for rank in range(len(self.people))])
        self.journals = [f"{p} {s}" for p in JOURNAL_PREFIXES for s in JOURNAL_SUBJECTS]

    def _family(self) -> str:
        rng = self.rng
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if rng.random() < 0.08:
            i = rng.randrange(len(name))
            name = name[:i] + _ACCENTED.get(name[i], name[i]) + name[i + 1:]
        name = name.capitalize()
        name = rng.choice(_FAMILY_PREFIXES) + name
        if rng.random() < 0.05:
            name += "-" + "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
        return name

    def _people(self, count: int) -> list[Person]:
        seen: dict[Person, None] = {}
        letters = "ABCDEFGHIJKLMNOPRSTVW"
        while len(seen) < count:
            initials = "".join(self.rng.choice(letters) for _ in range(self.rng.choice((1, 2, 2, 2, 3))))
            seen.setdefault(Person(self._family(), initials), None)
        return list(seen)

    def authors(self, count: int) -> tuple[Person, ...]:
        chosen: dict[Person, None] = {}
        while len(chosen) < count:
            chosen.setdefault(self.rng.choices(self.people, cum_weights=self.people_weights)[0], None)
        return tuple(chosen)

    def work(self, *, tumor: bool = False) -> Work:
        """A new work; `tumor`: its title says 'tumor' (so a citation can print 'tumour')."""
        rng = self.rng
        ident = self.next_work
        self.next_work += 1
        technique = rng.choice(TECHNIQUES)
        condition = rng.choice([c for c in CONDITIONS if "tumor" in c] if tumor else CONDITIONS)
        site = rng.choice(SITES)
        phrase = f"{technique} of {condition}"
        if site:
            phrase += f" {site}"
        title = f"Synthetic work {ident}: {phrase}: {rng.choice(DESIGNS)}"
        if rng.random() < 0.1:
            title += "?"
        count = rng.choices((1, 2, 3, 4, 5, 6, 7, 8, 10, 12), weights=(4, 8, 10, 12, 12, 12, 14, 12, 10, 6))[0]
        year = rng.choices(range(1990, 2024), weights=[1 + (y - 1990) ** 2 for y in range(1990, 2024)])[0]
        first = rng.randint(1, 5000)
        locator = rng.random() < 0.15
        return Work(ident=ident, authors=self.authors(count), title=title, journal=rng.choice(self.journals),
                    year=year, volume=rng.randint(1, 300), issue=rng.randint(1, 12),
                    first_page=rng.randint(100000, 999999) if locator else first,
                    last_page=None if locator else first + rng.randint(2, 14))

    def variant(self, work: Work) -> Variant | None:
        """A way to print a second citation of `work` differently, or None to print it as first printed."""
        if self.rng.random() >= self.variant_rate:
            return None
        kinds = [k for k in VARIANTS if (k != "et-al" or len(work.authors) >= 4)
                 and (k != "tumour" or "tumor" in work.title) and (k != "page-typo" or work.last_page is not None)]
        return self.rng.choice(kinds)


REVISION = " Revised once for the incremental benchmark."


def revise(text: str) -> str:
    """The page `text` with one change, as when a review is corrected: its abstract gains a sentence."""
    lines = text.split("\n")
    at = lines.index("Abstract") + 1
    lines[at] += REVISION
    return "\n".join(lines)


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def citation(number: int, work: Work, variant: Variant | None = None) -> str:
    """One Vancouver entry as printed, `- {number} ...`, with the `variant` applied if any.

    First printing: up to six authors listed, more cut to three and "et al."; "tumor"; the issue
    zero-padded in parentheses; a full page range or an e-locator. Variants keep the first
    author, the year and the normalised title (tumour/tumor aside)."""
    names = [p.printed() for p in work.authors]
    if variant == "et-al":
        # the list cut at another place: six or all for a long list, three for a short one
        shown, cut = (names[:6], len(names) > 6) if len(names) > 6 else (names[:3], True)
    elif len(names) > 6:
        shown, cut = names[:3], True
    else:
        shown, cut = names, False
    authors = ", ".join(shown) + (". et al" if cut else "")
    title = work.title.replace("tumor", "tumour") if variant == "tumour" else work.title
    if work.last_page is None:
        pages = f"e{work.first_page}"
    else:
        last = work.last_page
        if variant == "page-typo":
            last = last + 1 if last - 1 <= work.first_page else last - 1
        pages = f"{work.first_page}-{last}"
    where = f"{work.volume}: {pages}" if variant == "no-issue" else f"{work.volume} ({work.issue:02d}) {pages}"
    return f"- {number} {authors}. {title}. {work.journal} {work.year}; {where}"


def _shared_plan(gen: _Generator, quotas: list[int]) -> list[list[int]]:
    """Which shared works (indices into a pool) each review cites: exactly quotas[i] of them, each
    work cited by two reviews or more, no review citing one work twice."""
    n = len(quotas)
    remaining = list(quotas)
    plan: list[list[int]] = [[] for _ in range(n)]
    pool = 0
    while True:
        open_reviews = [i for i in range(n) if remaining[i] > 0]
        if len(open_reviews) < 2:
            break
        # how many reviews cite this work: mostly two or three, a few many
        size = min(len(open_reviews), gen.rng.choices((2, 3, 4, 6, 10), weights=(50, 25, 12, 8, 5))[0])
        # the reviews with the most left to fill first (ties broken at random), so every quota fills
        order = sorted(open_reviews, key=lambda i: (-remaining[i], gen.rng.random()))
        for i in order[:size]:
            plan[i].append(pool)
            remaining[i] -= 1
        pool += 1
    for i in (i for i in range(n) if remaining[i] > 0):
        # at most one review is left with places: give it works already cited by two others
        candidates = [w for w in range(pool) if w not in plan[i]]
        gen.rng.shuffle(candidates)
        while remaining[i] > 0 and candidates:
            plan[i].append(candidates.pop())
            remaining[i] -= 1
    return plan


def _date(rng: random.Random, year: int, first_month: int, last_month: int) -> str:
    """A date printed as '11 July 2025', in the given months of `year`."""
    return f"{rng.randint(1, 28)} {MONTHS[rng.randint(first_month, last_month) - 1]} {year}"


def _page(gen: _Generator, i: int, n: int, references: list[str], shared: int) -> Page:
    rng = gen.rng
    doi = f"{DOI_PREFIX}{i}"
    technique, condition = rng.choice(TECHNIQUES), rng.choice(CONDITIONS)
    title = f"Synthetic benchmark review {i}: {technique} for {condition}, the state of the art"
    year = rng.choice((2024, 2025))
    received = _date(rng, year - 1, 1, 6)
    accepted = _date(rng, year - 1, 7, 12)
    online = _date(rng, year, 1, 12)
    authors = [p.printed() for p in gen.authors(rng.randint(1, 6))]
    abstract = (
        f"This synthetic benchmark review ({i} of {n}) was generated by mskio's scripts/corpus_gen.py to "
        f"time the build; it reports no real findings and cites synthetic works only. "
        f"{technique} is discussed for {condition} and for {rng.choice(CONDITIONS)}, with "
        f"{rng.choice(TECHNIQUES).lower()} as an alternative. Complications, local tumor control and "
        f"pain palliation are summarised from {len(references)} synthetic references."
    )
    lines = [
        "Subscribe to RSS",
        f"DOI: {doi}",
        title,
        "Authors",
        *authors,
        "Abstract",
        abstract,
        "Publication History",
        f"Received: {received}",
        f"Accepted: {accepted}",
        "Article published online:",
        online,
        f"© {year}. Synthetic benchmark data, not a real publication.",
        "mskio Synthetic Benchmark Press",
        "1 Example Street, Testville",
        "-",
        "References",
        *references,
    ]
    return Page(name=f"bench-review-{i:04d}.txt", doi=doi, title=title, text="\n".join(lines) + "\n",
                references=len(references), shared=shared)


def generate(n: int, *, seed: int = DEFAULT_SEED, variant_rate: float = VARIANT_RATE) -> Corpus:
    """A corpus of `n` distinct synthetic reviews (see the module docstring). `variant_rate`: the
    share of second and later citations of a shared work printed differently (0: all identical)."""
    if n < 1:
        raise ValueError(f"the corpus needs at least one review, not {n}")
    if not 0.0 <= variant_rate <= 1.0:
        raise ValueError(f"variant_rate must be between 0 and 1, not {variant_rate}")
    gen = _Generator(n, seed, variant_rate)
    sizes = [gen.rng.randint(MIN_REFERENCES, MAX_REFERENCES) for _ in range(n)]
    quotas = ([gen.rng.randint(math.ceil(MIN_SHARED * s), math.floor(MAX_SHARED * s)) for s in sizes]
              if n > 1 else [0])
    plan = _shared_plan(gen, quotas)
    pool_size = 1 + max((w for works in plan for w in works), default=-1)
    # half the shared works say "tumor", so that the tumour variant has something to change
    pool = [gen.work(tumor=k % 2 == 0) for k in range(pool_size)]
    printed: dict[int, int] = {}
    variants: dict[str, int] = dict.fromkeys(VARIANTS, 0)
    pages = []
    for i in range(n):
        cited: list[tuple[Work, bool]] = [(pool[w], True) for w in plan[i]]
        cited += [(gen.work(), False) for _ in range(sizes[i] - len(plan[i]))]
        gen.rng.shuffle(cited)
        entries = []
        for number, (work, is_shared) in enumerate(cited, start=1):
            variant = None
            if is_shared:
                if printed.get(work.ident, 0) > 0:
                    variant = gen.variant(work)
                printed[work.ident] = printed.get(work.ident, 0) + 1
            if variant is not None:
                variants[variant] += 1
            entries.append(citation(number, work, variant))
        pages.append(_page(gen, i + 1, n, entries, len(plan[i])))
    return Corpus(seed=seed, pages=tuple(pages), shared_works=pool_size, variants=variants)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, required=True, help="number of reviews")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--variant-rate", type=float, default=VARIANT_RATE,
                        help=f"share of repeated citations printed differently (default {VARIANT_RATE})")
    parser.add_argument("--out", type=Path, required=True, help="directory to write the pages into")
    args = parser.parse_args(argv)
    if args.reviews < 1:
        parser.error("--reviews must be at least 1")
    if not 0.0 <= args.variant_rate <= 1.0:
        parser.error("--variant-rate must be between 0 and 1")
    corpus = generate(args.reviews, seed=args.seed, variant_rate=args.variant_rate)
    paths = corpus.write(args.out)
    print(f"wrote {len(paths)} pages to {args.out}: {corpus.references} references, {corpus.works} distinct "
          f"works, {corpus.shared_works} cited by two reviews or more; variants {corpus.variants}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
