"""Annotate cited works with the ontology's terms found in their titles, and link indications to them.

Title matching uses only the ontology's labels (rdfs:label, skos:altLabel, skos:hiddenLabel),
so a new review needs no new code. Labels and titles are cut into words (letters and digits)
and each word is compared by its normal form (`normal_form`):
  - lower-cased and lemmatized with simplemma (its English dictionary ships in the package; no
    download): "metastases" -> "metastasis", "tumours" -> "tumour", "guided" -> "guide";
    a plural the dictionary does not know loses its "s" ("osteomas" -> "osteoma");
  - then one derivation rule of DERIVATIONS, when its result is an English word simplemma
    knows: "painful" -> "pain", "recurrent" -> "recurrence", "surgical" -> "surgery",
    "safely" -> "safe", "palliative" -> "palliation", "guide" -> "guidance";
  - a word of a label written in capitals ("CT", "PVNS", "II") is compared as printed;
the words of a match are separated only by white space, hyphens, slashes or apostrophes (never
by a colon, full stop or other punctuation). Two rules build on label matches:
  - an imaging modality followed by "guided" or "guidance" is also image guidance
    ("CT-guided" -> computed tomography and image guidance);
  - a coordination shares its head: "bone and soft tissue metastases" names "bone metastases",
    "bone and soft tissue sarcoma" "bone sarcoma" (one to three words between "and"/"or" and the
    head, none of them a function word);
then:
  - a label match lying inside a longer label match of a term of the same facet is dropped: the
    longer phrase names one thing ("sarcoma" inside "soft-tissue sarcoma", "CT" inside "PET/CT",
    "review" inside "retrospective review"); a term of another facet is kept ("abdominal wall"
    inside "abdominal wall endometriosis" is also an anatomical site);
  - a term named right after "comparison with/to", "compared with/to", "versus" or "vs" is
    recorded with the role COMPARATOR ("comparison with surgery alone");
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
from functools import cached_property, lru_cache

import simplemma
from rdflib import URIRef

from mskio.curation import CuratedIndication, Curation
from mskio.errors import CurationError
from mskio.namespaces import MSKIO
from mskio.records import Article, Reference
from mskio.terms import Terms

TITLE_MATCH = "title"
"""Annotation method: a label of the term occurs in the title."""

CURATED = "curated"
"""Annotation method: added by an override in the curation file."""

COMPARATOR = "comparator"
"""Role of a term the title names as what the studied procedure is compared with."""

DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("ful", ""),          # painful -> pain
    ("ent", "ence"),      # recurrent -> recurrence
    ("ical", "ery"),      # surgical -> surgery
    ("ative", "ation"),   # palliative -> palliation, ablative -> ablation
    ("ly", ""),           # safely -> safe, percutaneously -> percutaneous
    ("e", "ance"),        # guide (guided) -> guidance
)
"""Suffix rules (suffix, replacement) applied to a lemma, the first whose result is a word of at
least four letters that simplemma knows as English; they map a derived word to the word a label uses."""

GUIDANCE_WORD = "guidance"
"""Normal form of "guided" / "guidance": after an imaging modality it names image guidance."""

_WORD = re.compile(r"[^\W_]+")
_JOINER = re.compile(r"[\s\-\u2010\u2011/'\u2019]*")
_CONJUNCTIONS = frozenset({"and", "or"})
_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from",
                             "after", "before", "during", "versus", "vs", "and", "or", "as", "into"})
_COMPARISON = frozenset({"comparison", "compared", "compare"})


@lru_cache(maxsize=None)
def normal_form(word: str) -> str:
    """The form a word is compared by: lower case, lemma, then the first derivation rule that
    gives a known English word (see the module docstring)."""
    lower = word.lower()
    lemma = simplemma.lemmatize(lower, lang="en").lower()
    if lemma == lower and len(lower) > 4 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        lemma = lower[:-1]
    for suffix, replacement in DERIVATIONS:
        if lemma.endswith(suffix):
            derived = lemma[: len(lemma) - len(suffix)] + replacement
            if len(derived) >= 4 and derived != lemma and simplemma.is_known(derived, lang="en"):
                return derived
    return lemma


def _is_capitals(word: str) -> bool:
    return any(c.isalpha() for c in word) and word == word.upper()


def label_key(label: str) -> tuple[str, ...]:
    """A label as the words it is matched by: capitals kept as printed ("=CT"), others normalized."""
    return tuple("=" + w if _is_capitals(w) else normal_form(w) for w in _WORD.findall(label))


@dataclass(frozen=True)
class Annotation:
    """One term given to one cited work, and how: the matched title text, or the curator's reason;
    `role` is COMPARATOR when the title names the term as a comparator."""

    reference: int
    term: URIRef
    method: str
    matched_text: str | None = None
    reason: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    term: URIRef
    text: str
    label: bool = True
    """True for a plain label match; rule matches (guidance, coordination) cover no other match."""
    first_word: int = 0


@dataclass(frozen=True)
class Matcher:
    """The label keys of every annotatable term, indexed by their first word."""

    terms: Terms
    by_first: dict[str, tuple[tuple[tuple[str, ...], URIRef], ...]]
    modalities: frozenset[URIRef]

    def matches(self, title: str) -> tuple[_Match, ...]:
        """Every label and rule match in `title`, before any filtering."""
        words = [_Word(m.start(), m.end(), m.group(0), normal_form(m.group(0))) for m in _WORD.finditer(title)]
        joined = [_JOINER.fullmatch(title[a.end:b.start]) is not None for a, b in zip(words, words[1:])]
        found: list[_Match] = []

        def fits(key: tuple[str, ...], at: int) -> bool:
            return at + len(key) <= len(words) and all(
                _word_fits(k, words[at + i]) and (i == 0 or joined[at + i - 1]) for i, k in enumerate(key))

        for i, word in enumerate(words):
            for first in {word.key, "=" + word.text}:
                for key, term in self.by_first.get(first, ()):
                    if fits(key, i):
                        end = words[i + len(key) - 1].end
                        found.append(_Match(word.start, end, term, title[word.start:end], first_word=i))
                    elif len(key) >= 2:
                        found.extend(self._coordination(title, words, joined, i, key, term))
        for m in list(found):
            if m.term in self.modalities and m.label:
                last = next(j for j, w in enumerate(words) if w.end == m.end)
                if last + 1 < len(words) and joined[last] and words[last + 1].key == GUIDANCE_WORD:
                    end = words[last + 1].end
                    found.append(_Match(m.start, end, MSKIO.ImageGuidance, title[m.start:end], label=False,
                                        first_word=m.first_word))
        return tuple(found)

    def _coordination(self, title: str, words: list[_Word], joined: list[bool], i: int,
                      key: tuple[str, ...], term: URIRef) -> list[_Match]:
        """'A and B1..Bk C..' read as 'A C..' when 'A C..' is the label `key` (k = 1 to 3)."""
        if not _word_fits(key[0], words[i]) or i + 2 >= len(words):
            return []
        if words[i + 1].text.lower() not in _CONJUNCTIONS:
            return []
        out = []
        for k in (1, 2, 3):
            head = i + 2 + k
            if head + len(key) - 1 > len(words):
                break
            between = words[i + 2:head]
            if any(w.text.lower() in _FUNCTION_WORDS for w in between):
                break
            tail = key[1:]
            if head + len(tail) > len(words):
                break
            if all(_word_fits(t, words[head + j]) for j, t in enumerate(tail)) and all(
                    _gap_ok(title, words[n], words[n + 1]) for n in range(i, head + len(tail) - 1)):
                end = words[head + len(tail) - 1].end
                out.append(_Match(words[i].start, end, term, title[words[i].start:end], label=False, first_word=i))
                break
        return out

    def match_title(self, title: str) -> dict[URIRef, str]:
        """Term -> matched text, after dropping label matches inside longer label matches of a term of
        the same facet; for a term matched more than once, its longest (then first) match."""
        return {term: m.text for term, m in self._best(title).items()}

    def roles(self, title: str) -> dict[URIRef, str]:
        """Term -> role (COMPARATOR) for the terms the title names right after a comparison word."""
        return self._roles(title, self._best(title))

    def read_title(self, title: str) -> tuple[dict[URIRef, str], dict[URIRef, str]]:
        """`match_title` and `roles` of `title`, from one matching of its words."""
        best = self._best(title)
        return {term: m.text for term, m in best.items()}, self._roles(title, best)

    def _roles(self, title: str, best: dict[URIRef, _Match]) -> dict[URIRef, str]:
        words = [m for m in _WORD.finditer(title)]
        starts = {m.start(): n for n, m in enumerate(words)}
        out: dict[URIRef, str] = {}
        for term, m in best.items():
            n = starts.get(m.start)
            if n is None:
                continue
            before = [w.group(0).lower() for w in words[max(0, n - 2):n]]
            if (before[-1:] and before[-1] in ("versus", "vs")) or (
                    len(before) == 2 and before[0] in _COMPARISON and before[1] in ("with", "to")):
                out[term] = COMPARATOR
        return out

    @cached_property
    def _facets(self) -> dict[URIRef, URIRef]:
        return {iri: term.facet for iri, term in self.terms.by_iri.items()}

    def _best(self, title: str) -> dict[URIRef, _Match]:
        found = self.matches(title)
        facet = self._facets
        kept = [m for m in found
                if not any(o.label and _covers(o, m) and facet[o.term] == facet[m.term] for o in found)]
        best: dict[URIRef, _Match] = {}
        for m in sorted(kept, key=lambda m: (-(m.end - m.start), m.start)):
            best.setdefault(m.term, m)
        return best


def _word_fits(key: str, word: _Word) -> bool:
    return word.text == key[1:] if key.startswith("=") else word.key == key


def _gap_ok(title: str, a: _Word, b: _Word) -> bool:
    return _JOINER.fullmatch(title[a.end:b.start]) is not None


def _covers(outer: _Match, inner: _Match) -> bool:
    """True when `outer` is longer than `inner` and contains its span."""
    return (outer.end - outer.start) > (inner.end - inner.start) and outer.start <= inner.start and inner.end <= outer.end


def compile_matcher(terms: Terms) -> Matcher:
    """The normalized word keys of every label of every term, indexed by first word."""
    index: dict[str, set[tuple[tuple[str, ...], URIRef]]] = {}
    for iri, term in sorted(terms.by_iri.items()):
        for label in term.labels:
            key = label_key(label)
            if key:
                index.setdefault(key[0], set()).add((key, iri))
    by_first = {k: tuple(sorted(v, key=lambda kv: (-len(kv[0]), kv[0], str(kv[1])))) for k, v in index.items()}
    modalities = frozenset(i for i in terms.by_iri if i != MSKIO.ImagingModality and terms.is_a(i, MSKIO.ImagingModality))
    return Matcher(terms=terms, by_first=by_first, modalities=modalities)


def annotate_reference(ref: Reference, matcher: Matcher, curation: Curation | None) -> tuple[Annotation, ...]:
    """The annotations of one cited work: title matches, then the curation's overrides, then the
    most specific terms only. CurationError if an override removes a term that was not matched or
    adds one that was."""
    matched, roles = matcher.read_title(ref.title) if ref.title else ({}, {})
    annotations: dict[URIRef, Annotation] = {
        term: Annotation(ref.number, term, TITLE_MATCH, matched_text=text, role=roles.get(term))
        for term, text in matched.items()
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
