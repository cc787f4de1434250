"""Annotate cited works with the ontology's terms found in their titles, and link indications to them.

Title matching uses only the ontology's labels (rdfs:label, skos:altLabel, skos:hiddenLabel),
so a new review needs no new code:
  - a label matches as whole words (letters and digits on neither side), case-insensitively,
    except an all-capital label such as "CT" or "PVNS", which matches case-sensitively;
    a space in a label matches any run of white space;
  - a match lying inside a longer match of a term of the same facet is dropped: the longer
    phrase names one thing ("sarcoma" inside "soft-tissue sarcoma", "CT" inside "PET/CT",
    "review" inside "retrospective review"); a term of another facet is kept ("abdominal wall"
    inside "abdominal wall endometriosis" is also an anatomical site);
  - the curation file's overrides then add terms (with a reason) and remove terms;
  - finally, a term that is a strict superclass of another term of the same work is dropped,
    so each work keeps its most specific terms.
Each annotation records how it was obtained: the matched title text, or the curator's reason.

Indications are linked to the cited works whose annotations match the indication's procedure
and every one of its conditions (a term matches when it is the class or a subclass of it, and
not a subclass of an excluded condition). The review does not say which reference supports
which claim, so these links are inferred.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from mskio.curation import CuratedIndication, Curation
from mskio.errors import CurationError
from mskio.records import Article, Reference
from mskio.terms import Terms

TITLE_MATCH = "title"
"""Annotation method: a label of the term occurs in the title."""

CURATED = "curated"
"""Annotation method: added by an override in the curation file."""


@dataclass(frozen=True)
class Annotation:
    """One term given to one cited work, and how: the matched title text, or the curator's reason."""

    reference: int
    term: URIRef
    method: str
    matched_text: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    term: URIRef
    text: str


@dataclass(frozen=True)
class Matcher:
    """Compiled label patterns of every annotatable term."""

    terms: Terms
    patterns: tuple[tuple[URIRef, re.Pattern[str]], ...]

    def matches(self, title: str) -> tuple[_Match, ...]:
        """Every label match in `title`, before any filtering."""
        found = []
        for term, pattern in self.patterns:
            for m in pattern.finditer(title):
                found.append(_Match(m.start(), m.end(), term, m.group(0)))
        return tuple(found)

    def match_title(self, title: str) -> dict[URIRef, str]:
        """Term -> matched text, after dropping matches inside longer matches of a term of the same
        facet; for a term matched more than once, its longest (then first) match."""
        found = self.matches(title)
        facet = {iri: term.facet for iri, term in self.terms.by_iri.items()}
        kept = [m for m in found if not any(_covers(o, m) and facet[o.term] == facet[m.term] for o in found)]
        best: dict[URIRef, _Match] = {}
        for m in sorted(kept, key=lambda m: (-(m.end - m.start), m.start)):
            best.setdefault(m.term, m)
        return {term: m.text for term, m in best.items()}


def _covers(outer: _Match, inner: _Match) -> bool:
    """True when `outer` is longer than `inner` and contains its span."""
    return (outer.end - outer.start) > (inner.end - inner.start) and outer.start <= inner.start and inner.end <= outer.end


def compile_matcher(terms: Terms) -> Matcher:
    """One regular expression per term, alternating its labels (longest first)."""
    patterns = []
    for iri, term in sorted(terms.by_iri.items()):
        alternatives = sorted({_label_pattern(label) for label in term.labels}, key=lambda p: (-len(p), p))
        if alternatives:
            patterns.append((iri, re.compile("|".join(alternatives))))
    return Matcher(terms=terms, patterns=tuple(patterns))


def _label_pattern(label: str) -> str:
    words = r"\s+".join(re.escape(w) for w in label.split())
    case_sensitive = any(c.isalpha() for c in label) and label == label.upper()
    body = words if case_sensitive else f"(?i:{words})"
    return rf"(?<![^\W_]){body}(?![^\W_])"


def annotate_reference(ref: Reference, matcher: Matcher, curation: Curation | None) -> tuple[Annotation, ...]:
    """The annotations of one cited work: title matches, then the curation's overrides, then the
    most specific terms only. CurationError if an override removes a term that was not matched or
    adds one that was."""
    matched = matcher.match_title(ref.title) if ref.title else {}
    annotations: dict[URIRef, Annotation] = {
        term: Annotation(ref.number, term, TITLE_MATCH, matched_text=text) for term, text in matched.items()
    }
    for override in curation.overrides_for(ref.number) if curation is not None else ():
        for term in override.remove:
            if term not in annotations:
                raise CurationError(f"reference {ref.number}: cannot remove {_name(term)}: the title does not match it "
                                    f"(the override is stale)", path=curation.path if curation else None,
                                    line=override.line)
            del annotations[term]
        for term in override.add:
            if term in annotations:
                raise CurationError(f"reference {ref.number}: {_name(term)} is already matched in the title; "
                                    f"the override adds nothing", path=curation.path if curation else None,
                                    line=override.line)
            annotations[term] = Annotation(ref.number, term, CURATED, reason=override.reason)
    keep = matcher.terms.most_specific(annotations)
    return tuple(annotations[t] for t in sorted(keep))


def annotate_article(article: Article, matcher: Matcher, curation: Curation | None) -> tuple[Annotation, ...]:
    """The annotations of every cited work of `article`, by reference number then term."""
    return tuple(a for ref in article.references for a in annotate_reference(ref, matcher, curation))


def link_evidence(
    indications: Iterable[CuratedIndication], annotations: Iterable[Annotation], terms: Terms
) -> dict[str, tuple[int, ...]]:
    """Indication id -> the reference numbers whose annotations match its procedure and conditions."""
    by_reference: dict[int, set[URIRef]] = {}
    for a in annotations:
        by_reference.setdefault(a.reference, set()).add(a.term)
    links: dict[str, tuple[int, ...]] = {}
    for ind in indications:
        links[ind.id] = tuple(
            number for number, work_terms in sorted(by_reference.items()) if matches_indication(ind, work_terms, terms)
        )
    return links


def matches_indication(ind: CuratedIndication, work_terms: set[URIRef], terms: Terms) -> bool:
    """True when some term is the indication's procedure or narrower, and for every condition some
    term is that condition or narrower without being an excluded condition or narrower."""
    if not any(terms.is_a(t, ind.procedure) for t in work_terms):
        return False
    return all(
        any(terms.is_a(t, c) and not any(terms.is_a(t, e) for e in ind.excluding) for t in work_terms)
        for c in ind.conditions
    )


def _name(iri: URIRef) -> str:
    return "mskio:" + str(iri).rsplit("#", 1)[-1]
