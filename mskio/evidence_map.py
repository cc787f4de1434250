"""The evidence map: a figure of the indications by publication type, with counts of cited works.

For one review, rows are its indications in curation-file order; for a corpus (`corpus_table`),
one row per indication as condition x procedure (with its excluded conditions) across the reviews
that state it, labelled with each review's status, and each cited work counted once however many
reviews link it. Columns are columns the publication types (most specific
mskio classes) of the works linked to them, plus "type not stated" for works whose title states
none. A work of two types (a systematic review and meta-analysis) counts in both columns.
The links are mskio's inferred ones (see mskio.annotate), which the caption says.

Deterministic: fixed font (DejaVu Sans, shipped with matplotlib), fixed size and DPI, SVG ids
salted with a constant, no dates or software versions in the files' metadata.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from mskio.annotate import Annotation
from mskio.curation import CuratedIndication
from mskio.terms import Terms

NOT_STATED = "type not stated"
"""Column of works whose title states no publication type."""

@dataclass(frozen=True)
class EvidenceTable:
    """Counts of linked cited works: rows (indication labels) x columns (publication types)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    totals: tuple[int, ...]


def evidence_table(
    indications: Sequence[CuratedIndication],
    evidence: Mapping[str, tuple[int, ...]],
    annotations: Sequence[Annotation],
    terms: Terms,
) -> EvidenceTable:
    """Count, for each indication, its linked works by publication type."""
    types_of: dict[int, set[str]] = {}
    for a in annotations:
        term = terms.by_iri.get(a.term)
        if term is not None and term.is_document_type:
            types_of.setdefault(a.reference, set()).add(term.label)
    rows = tuple(indication_label(ind, terms) for ind in indications)
    per_row: list[dict[str, int]] = []
    for ind in indications:
        counter: dict[str, int] = {}
        for number in evidence.get(ind.id, ()):
            for label in sorted(types_of.get(number) or {NOT_STATED}):
                counter[label] = counter.get(label, 0) + 1
        per_row.append(counter)
    used = sorted({label for counter in per_row for label in counter} - {NOT_STATED})
    columns = tuple(used + ([NOT_STATED] if any(NOT_STATED in c for c in per_row) else []))
    counts = tuple(tuple(c.get(col, 0) for col in columns) for c in per_row)
    totals = tuple(len(evidence.get(ind.id, ())) for ind in indications)
    return EvidenceTable(rows=rows, columns=columns, counts=counts, totals=totals)


@dataclass(frozen=True)
class Statement:
    """One review's statement of an indication, with the cited works linked to it (work IRIs, which
    are shared across the reviews of a corpus) and the publication types of each work."""

    indication: CuratedIndication
    review: str
    works: tuple[URIRef, ...]


def corpus_table(statements: Sequence[Statement], types_of: Mapping[URIRef, frozenset[str]],
                 terms: Terms) -> EvidenceTable:
    """One row per indication (procedure, conditions, excluded conditions) across the reviews that
    state it, in order of first statement, labelled 'conditions - procedure [status (review); ...]';
    each linked cited work counted once per row, under each of its publication types."""
    keys: list[tuple[URIRef, frozenset[URIRef], frozenset[URIRef]]] = []
    by_key: dict[tuple[URIRef, frozenset[URIRef], frozenset[URIRef]], list[Statement]] = {}
    for st in statements:
        k = (st.indication.procedure, frozenset(st.indication.conditions), frozenset(st.indication.excluding))
        if k not in by_key:
            keys.append(k)
        by_key.setdefault(k, []).append(st)
    rows, per_row, totals = [], [], []
    for k in keys:
        group = by_key[k]
        first = group[0].indication
        said = sorted({(st.review, terms.label(st.indication.status)) for st in group})
        text = " & ".join(terms.label(c) for c in first.conditions)
        if first.excluding:
            text += ", not " + ", ".join(terms.label(c) for c in first.excluding)
        rows.append(f"{text} - {terms.label(first.procedure)} [" + "; ".join(f"{status} ({review})"
                                                                             for review, status in said) + "]")
        works = sorted({w for st in group for w in st.works})
        counter: dict[str, int] = {}
        for work in works:
            for label in sorted(types_of.get(work) or {NOT_STATED}):
                counter[label] = counter.get(label, 0) + 1
        per_row.append(counter)
        totals.append(len(works))
    used = sorted({label for counter in per_row for label in counter} - {NOT_STATED})
    columns = tuple(used + ([NOT_STATED] if any(NOT_STATED in c for c in per_row) else []))
    counts = tuple(tuple(c.get(col, 0) for col in columns) for c in per_row)
    return EvidenceTable(rows=tuple(rows), columns=columns, counts=counts, totals=tuple(totals))


def indication_label(ind: CuratedIndication, terms: Terms) -> str:
    """A row label from the ontology's labels: 'local recurrence & bone sarcoma [emerging]',
    'benign bone tumour, not osteoid osteoma [emerging]'."""
    text = " & ".join(terms.label(c) for c in ind.conditions)
    if ind.excluding:
        text += ", not " + ", ".join(terms.label(c) for c in ind.excluding)
    return f"{text} [{terms.label(ind.status)}]"


def render(table: EvidenceTable, *, title: str) -> tuple[bytes, bytes]:
    """The figure as (PNG bytes, SVG bytes)."""
    # matplotlib is imported here, not at module level: it costs ~0.9 s, and every mskio command
    # (query, load, serve ...) imports the pipeline, while only a build draws the figure.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "svg.hashsalt": "mskio-evidence-map",
        "svg.fonttype": "path",
        "path.simplify": False,
    }):
        width = 3.2 + 0.62 * max(len(table.columns), 1)
        height = 1.6 + 0.42 * max(len(table.rows), 1)
        fig, ax = plt.subplots(figsize=(width, height), dpi=100)
        try:
            data = [list(row) for row in table.counts] or [[0]]
            if not table.columns:
                data = [[0] for _ in table.rows] or [[0]]
            peak = max(max(row) for row in data) or 1
            ax.imshow(data, cmap="Blues", vmin=0, vmax=peak, aspect="auto")
            for i, row in enumerate(table.counts):
                for j, value in enumerate(row):
                    if value:
                        ax.text(j, i, str(value), ha="center", va="center",
                                color="white" if value > peak / 2 else "black")
            ax.set_xticks(range(len(table.columns)), labels=list(table.columns), rotation=40, ha="right")
            ax.set_yticks(range(len(table.rows)),
                          labels=[f"{r} ({n})" for r, n in zip(table.rows, table.totals)])
            fig.suptitle("\n".join(textwrap.wrap(title, width=int(width * 12))), fontsize=10)
            fig.text(0.01, 0.01, "Counts of cited works linked by mskio (inferred from title annotations, "
                     "not stated by the review); (n) = works per indication.", fontsize=7)
            fig.tight_layout(rect=(0, 0.04, 1, 1))
            png, svg = io.BytesIO(), io.BytesIO()
            fig.savefig(png, format="png", metadata={"Software": None})
            fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            plt.close(fig)
    return png.getvalue(), svg.getvalue()
