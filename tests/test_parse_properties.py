"""A property of the page reader (issue 14): for any mutation of the seed page (lines deleted,
duplicated, swapped, truncated; text, line separators and headings inserted), `parse_page` either
returns an Article with EVERY numbered entry of the mutated text, each on its own line, or raises
ParseError naming the file and a line of it. Never a silent loss, never another exception.

The numbered entries are counted here, without mskio: a line (cut only at \\n, \\r\\n, \\r) whose
text, stripped, is `-`, white space, digits, white space, then anything.
Fixed seed (derandomize), 200 examples, no example database: the same cases on every run.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mskio.errors import ParseError
from mskio.parse import parse_page
from mskio.records import SourceFile
from tests.conftest import SOURCE

SEED_LINES = SOURCE.read_text(encoding="utf-8").split("\n")[:-1]
PATH = Path("mutated.txt")

NUMBERED = re.compile(r"-\s+([0-9]+)\s+\S")
BREAK = re.compile(r"\r\n|\r|\n")


def numbered_entries(text: str) -> list[tuple[int, str]]:
    """(line, number as printed without leading zeros) of every numbered entry line of `text`."""
    found = []
    for line_number, line in enumerate(BREAK.split(text), start=1):
        match = NUMBERED.match(line.strip())
        if match:
            found.append((line_number, match.group(1).lstrip("0") or "0"))
    return found


SNIPPETS = st.sampled_from([
    "\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\r", "\n", "\r\n", "\ufeff",
    "\u00a0", "\u200b", "\t", "é", "—", "\U0001f9b4", "- ", "- 7 ", ";", ",", " and ", ".",
])
LINES = st.sampled_from([
    "Abstract", "References", "Authors", "Publication History", "-", "", "Subscribe to RSS",
    "- 61 Kastler A. Title. J Radiol 2020; 1 (1) 1-2", "- 3 Kastler A. Title. J Radiol 2020; 1 (1) 1-2",
    "Received: 11 July 2025", "© 2026. Someone.", "DOI: 10.1055/a-0000-0000", "Kastler A, Cazzato RL",
    "Roberto Luigi Cazzato", "ESR Working Group",
])
TEXT = SNIPPETS | st.text(max_size=6)


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    """The seed page after 1-6 random edits, joined with one kind of line end."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            lines.append(draw(LINES))
            continue
        i = draw(st.sampled_from(range(len(lines))))  # uniform: integers() favours the first lines
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert-text", "insert-line"]))
        if edit == "delete":
            del lines[i]
        elif edit == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif edit == "swap":
            j = draw(st.sampled_from(range(len(lines))))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif edit == "insert-text":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + draw(TEXT) + lines[i][k:]
        else:
            lines.insert(i, draw(LINES | TEXT))
    end = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return end.join(lines) + end


@settings(max_examples=200, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pages())
def test_every_numbered_entry_or_a_file_line_error(text: str) -> None:
    expected = numbered_entries(text)
    try:
        article = parse_page(text, SourceFile(PATH, "0" * 64))
    except ParseError as exc:
        assert exc.path == PATH
        assert exc.line is not None and 1 <= exc.line <= max(1, len(BREAK.split(text))), exc
        return
    assert [(r.line, str(r.number)) for r in article.references] == expected


def test_the_count_is_made_without_mskio() -> None:
    # The seed: 60 entries on lines 17-76 (read off the file); a line separator is not a line end.
    assert numbered_entries("\n".join(SEED_LINES)) == [(16 + n, str(n)) for n in range(1, 61)]
    assert numbered_entries("x\u2028- 5 A\r\n- 06 B\r- 7\n\u2028- 8 C") == [(2, "6"), (4, "8")]
