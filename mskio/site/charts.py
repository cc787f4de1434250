"""Pictures for the site's pages, drawn at build time as inline SVG: bar charts (works per year,
per study design) and the evidence map (indications by study design, with counts). No JavaScript,
no chart library; each figure carries its numbers as an HTML table (folded under the picture), so
a screen reader or a text browser gets the same facts, and the SVG has a <title> saying what it shows.

Everything is deterministic: integer geometry, labels escaped, input order kept (callers sort).
The SVGs have their natural size and shrink to their container (viewBox, max-width 100 %), so they
never overflow a narrow screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_HEIGHT = 22
"""Height of one bar of a horizontal bar chart, in SVG units."""


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str | int]], *, chart_id: str) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" if i else f'<th scope="row">{escape(str(c))}</th>'
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    heads = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    return (f'<details class="numbers"><summary>The numbers</summary><table class="grid" id="{escape(chart_id)}-data">'
            f"<caption>{escape(caption)}</caption><thead><tr>{heads}</tr></thead><tbody>{cells}</tbody></table></details>")


def _figure(chart_id: str, title: str, svg: str, table: str, *, kind: str) -> str:
    return (f'<figure class="chart {kind}" id="{escape(chart_id)}">{svg}'
            f"<figcaption>{escape(title)}</figcaption>{table}</figure>")


def columns_chart(chart_id: str, title: str, counts: Sequence[tuple[str, int]], *, unit: str = "works",
                  label: str = "year") -> str:
    """Vertical bars, one per (label, count) in the given order (e.g. works per year), each with
    its count above it; '' when there is nothing to draw."""
    if not counts:
        return ""
    peak = max(n for _, n in counts) or 1
    width, gap, height, base, left = 28, 6, 120, 150, 24  # left: room for the first rotated tick
    total = left + len(counts) * (width + gap) + gap
    parts = [f'<svg class="columns" {_size(max(total, 200), base + 40)} role="img" '
             f'aria-labelledby="{chart_id}-title" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<line class="axis" x1="0" y1="{base}" x2="{total}" y2="{base}"/>']
    for i, (name, n) in enumerate(counts):
        x = left + gap + i * (width + gap)
        h = round(height * n / peak)
        parts.append(f'<g><title>{escape(name)}: {n} {unit}</title>'
                     f'<rect class="bar" x="{x}" y="{base - h}" width="{width}" height="{h}"/>'
                     f'<text class="count" x="{x + width // 2}" y="{base - h - 4}" text-anchor="middle">{n}</text>'
                     f'<text class="tick" x="{x + width // 2}" y="{base + 14}" text-anchor="end" '
                     f'transform="rotate(-45 {x + width // 2} {base + 14})">{escape(name)}</text></g>')
    parts.append("</svg>")
    table = _table(title, (label, unit), counts, chart_id=chart_id)
    return _figure(chart_id, title, "".join(parts), table, kind="columns-chart")


def bars_chart(chart_id: str, title: str, counts: Sequence[tuple[str, int]], *, unit: str = "works",
               label: str = "study design") -> str:
    """Horizontal bars, one per (label, count) in the given order (e.g. works per study design),
    the label left of its bar and the count at its end; '' when there is nothing to draw."""
    if not counts:
        return ""
    peak = max(n for _, n in counts) or 1
    left, span = 230, 300
    height = len(counts) * BAR_HEIGHT + 8
    parts = [f'<svg class="bars" {_size(left + span + 40, height)} role="img" '
             f'aria-labelledby="{chart_id}-title" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for i, (name, n) in enumerate(counts):
        y = 4 + i * BAR_HEIGHT
        w = max(1, round(span * n / peak))
        parts.append(f'<g><title>{escape(name)}: {n} {unit}</title>'
                     f'<text class="tick" x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(_clip(name, 34))}</text>'
                     f'<rect class="bar" x="{left}" y="{y + 3}" width="{w}" height="{BAR_HEIGHT - 6}"/>'
                     f'<text class="count" x="{left + w + 5}" y="{y + 15}">{n}</text></g>')
    parts.append("</svg>")
    table = _table(title, (label, unit), counts, chart_id=chart_id)
    return _figure(chart_id, title, "".join(parts), table, kind="bars-chart")


def evidence_map(chart_id: str, title: str, rows: Sequence[str], columns: Sequence[str],
                 counts: Sequence[Sequence[int]], *, row_label: str = "indication") -> str:
    """The evidence map: one row per indication, one column per study design, a disc whose area
    follows the number of linked works in each cell, with the number on it; '' without rows."""
    if not rows or not columns:
        return ""
    peak = max((n for row in counts for n in row), default=0) or 1
    left, cell, top = 340, 64, 150
    width, height = left + cell * len(columns) + 110, top + cell * len(rows) // 2 + 10
    step = cell // 2
    parts = [f'<svg class="evidence" {_size(width, height)} role="img" aria-labelledby="{chart_id}-title" '
             f'preserveAspectRatio="xMinYMin meet">', f'<title id="{chart_id}-title">{escape(title)}</title>']
    for j, column in enumerate(columns):
        x = left + j * cell + cell // 2
        parts.append(f'<text class="tick" x="{x}" y="{top - 8}" transform="rotate(-40 {x} {top - 8})">'
                     f"{escape(_clip(column, 26))}</text>")
    for i, row in enumerate(rows):
        y = top + i * step + step // 2
        parts.append(f'<line class="grid" x1="0" y1="{y + step // 2}" x2="{width}" y2="{y + step // 2}"/>'
                     f'<text class="tick" x="{left - 8}" y="{y + 5}" text-anchor="end">{escape(_clip(row, 52))}</text>')
        for j, n in enumerate(counts[i]):
            if not n:
                continue
            x = left + j * cell + cell // 2
            radius = max(5, round((step // 2 - 1) * (n / peak) ** 0.5))
            parts.append(f'<g><title>{escape(row)} · {escape(columns[j])}: {n} works</title>'
                         f'<circle class="disc" cx="{x}" cy="{y}" r="{radius}"/>'
                         f'<text class="count" x="{x}" y="{y + 4}" text-anchor="middle">{n}</text></g>')
    parts.append("</svg>")
    table = _table(title, (row_label, *columns), [(r, *c) for r, c in zip(rows, counts)], chart_id=chart_id)
    return _figure(chart_id, title, f'<div class="scroll">{"".join(parts)}</div>', table, kind="evidence-map")


def _size(width: int, height: int) -> str:
    """The SVG's box: drawn at its natural size in CSS pixels, shrunk (never grown) to fit its
    container by the stylesheet (max-width: 100 %; height: auto)."""
    return f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"'


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
