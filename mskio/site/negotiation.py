"""HTTP content negotiation for the site: which file answers a request for an extensionless IRI.

Representations, in order of preference when a client likes several equally:
HTML (`text/html`, `application/xhtml+xml`), Turtle (`text/turtle`), JSON-LD
(`application/ld+json`, `application/json`). q-values and wildcards count (RFC 9110 §12.5.1);
a more specific media range overrides a less specific one. No Accept header means HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """One representation of a resource: its file extension and the media types it answers."""

    extension: str
    media_types: tuple[str, ...]

    @property
    def content_type(self) -> str:
        """The Content-Type it is served with."""
        return f"{self.media_types[0]}; charset=utf-8"


VARIANTS: tuple[Variant, ...] = (
    Variant(".html", ("text/html", "application/xhtml+xml")),
    Variant(".ttl", ("text/turtle",)),
    Variant(".jsonld", ("application/ld+json", "application/json")),
)
"""The representations of every resource page, in order of preference."""

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".nt": "application/n-triples; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".conf": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
"""Content-Type by file extension for everything the site holds."""


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header: type/subtype (either may be '*') and its q-value."""

    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """-1 if the range does not match `media_type`, else 0 (*/*), 1 (type/*) or 2 (exact)."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed elements are ignored, a bad q counts as 1."""
    ranges = []
    for element in header.split(","):
        media, *params = (part.strip() for part in element.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        ranges.append(MediaRange(kind, sub, q))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q-value the client gives `media_type`: that of the most specific matching range."""
    best: tuple[int, float] = (-1, 0.0)
    for media_range in ranges:
        specificity = media_range.specificity(media_type)
        if specificity > best[0] or (specificity == best[0] and media_range.q > best[1]):
            best = (specificity, media_range.q)
    return best[1] if best[0] >= 0 else 0.0


def choose(accept: str | None, available: Sequence[str]) -> Variant | None:
    """The variant (among the file extensions `available`) that best fits `accept`; the first
    available one when there is no Accept header; None when the client accepts none (406)."""
    offered = [v for v in VARIANTS if v.extension in available]
    if not offered:
        return None
    if accept is None or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    scored = [(max(quality(ranges, t) for t in v.media_types), -i, v) for i, v in enumerate(offered)]
    q, _, variant = max(scored, key=lambda s: (s[0], s[1]))
    return variant if q > 0 else None
