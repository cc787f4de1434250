"""Content negotiation: which representation an Accept header gets (mskio.site.negotiation)."""

from __future__ import annotations

import pytest

from mskio.site.negotiation import choose, parse_accept, quality

ALL = (".html", ".ttl", ".jsonld")
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CHROME = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
          "application/signed-exchange;v=b3;q=0.7")

CASES = [
    ("no-header", None, ALL, ".html"),
    ("empty-header", "", ALL, ".html"),
    ("firefox", FIREFOX, ALL, ".html"),
    ("chrome", CHROME, ALL, ".html"),
    ("curl-any", "*/*", ALL, ".html"),
    ("turtle", "text/turtle", ALL, ".ttl"),
    ("jsonld", "application/ld+json", ALL, ".jsonld"),
    ("plain-json", "application/json", ALL, ".jsonld"),
    ("rdflib-turtle", "text/turtle, application/x-turtle, */*;q=0.1", ALL, ".ttl"),
    ("rdflib-jsonld", "application/ld+json, application/json;q=0.9, */*;q=0.1", ALL, ".jsonld"),
    ("q-prefers-jsonld", "text/turtle;q=0.5, application/ld+json", ALL, ".jsonld"),
    ("q-prefers-turtle-over-html", "text/html;q=0.2, text/turtle", ALL, ".ttl"),
    ("tie-goes-to-html", "text/turtle, text/html", ALL, ".html"),
    ("text-wildcard", "text/*", ALL, ".html"),
    ("text-wildcard-without-html", "text/*", (".ttl", ".jsonld"), ".ttl"),
    ("application-wildcard-matches-xhtml", "application/*", ALL, ".html"),
    ("application-wildcard-without-html", "application/*", (".ttl", ".jsonld"), ".jsonld"),
    ("case-insensitive", "Text/Turtle", ALL, ".ttl"),
    ("turtle-refused-html-ok", "text/turtle;q=0, */*", ALL, ".html"),
    ("only-image", "image/png", ALL, None),
    ("html-refused", "text/html;q=0", (".html",), None),
    ("only-turtle-file", "application/ld+json", (".ttl",), None),
    ("malformed-q", "text/turtle;q=abc", ALL, ".ttl"),
    ("garbage", "nonsense", ALL, ".html"),
]


@pytest.mark.parametrize(("accept", "available", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_choose(accept: str | None, available: tuple[str, ...], expected: str | None) -> None:
    chosen = choose(accept, available)
    assert (chosen.extension if chosen else None) == expected


def test_nothing_available_is_none() -> None:
    assert choose("text/html", ()) is None


def test_the_most_specific_range_decides() -> None:
    ranges = parse_accept("text/*;q=0.3, text/turtle;q=0.9, */*;q=0.1")
    assert [r.q for r in ranges] == [0.3, 0.9, 0.1]
    assert quality(ranges, "text/turtle") == 0.9
    assert quality(ranges, "text/html") == 0.3
    assert quality(ranges, "application/ld+json") == 0.1
