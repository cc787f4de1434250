"""Curation templates from a review's abstract: `mskio curate init` and `mskio curate suggest`.

`init_template` writes a commented curation file for a review: its `doi` key and every sentence of
the abstract (as comments, to quote from), with empty `indications` and `annotation_overrides`.

`suggest` reads the abstract sentence by sentence and proposes candidate indications; the
template `suggest_template` writes them as entries with `confirmed: false`, which the build checks
(the sentence must still be in the abstract, every term in the ontology) but never publishes
until a person sets `confirmed: true` or deletes the entry. A sentence gives proposals when it
names one or more conditions of the ontology and either a procedure or one of the cue words of an
indication status or treatment intent (the hidden labels of their individuals in the ontology,
e.g. "emerging", "palliation", or the word "indication"); a sentence naming no procedure takes
the procedures the review's title names. Within a sentence, each list item (split at commas,
semicolons, parentheses, "as well as") gives:
  - one indication per condition, except that conditions named by overlapping words are
    alternatives ("bone and soft tissue sarcoma": bone sarcoma, soft-tissue sarcoma) and that the
    other conditions of the item are added to each ("local recurrences of ..." -> local recurrence
    and bone sarcoma; local recurrence and soft-tissue sarcoma);
  - a condition named by a derived adjective ("painful", "recurrent") qualifies the condition it
    precedes and is dropped when the item names another;
  - a condition after "beyond", "other than", "except" or "excluding" is an excluded condition;
  - an item followed by "(such as ...)" is a heading for its examples and gives no indication;
  - the status is the one the sentence's cue words give (none when it gives none), the intent the
    one the item's cue words give.
Nothing here is about a particular review: the terms and cue words are the ontology's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDF

from mskio.annotate import Matcher, label_key, normal_form
from mskio.namespaces import MSKIO
from mskio.records import Article
from mskio.terms import LABEL_PROPERTIES, Terms

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "vs.", "cf.", "approx.", "Fig.", "Dr.")
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|;\s*|\s*\(\s*|\s*\)\s*|\s+as well as\s+")
_EXCLUDING = re.compile(r"\b(beyond|other than|except|excluding|apart from)\b", re.IGNORECASE)
_SUCH_AS = re.compile(r"^\s*\(?\s*such as\b", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"\s*(,\s*)?(and|or|and/or)?\s*", re.IGNORECASE)
_CONTEXT = re.compile(r"\b(before|after|following|prior to|during)\s+$", re.IGNORECASE)
_INDICATION_WORD = re.compile(r"\bindications?\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_NOT_INDICATION_PROCEDURES = (MSKIO.ImagingModality, MSKIO.ImageGuidance, MSKIO.AdjunctiveThermoprotection)
"""Procedures that a sentence names as how another is done, never what an indication is for."""


@dataclass(frozen=True)
class Suggestion:
    """A candidate indication: procedure, conditions (all must hold), excluded conditions, the
    status and intent the sentence's cue words give (None when it gives none), the verbatim
    sentence and its words that name the indication (from the first condition, or the intent's cue
    word, to the last condition)."""

    procedure: URIRef
    conditions: tuple[URIRef, ...]
    excluding: tuple[URIRef, ...]
    status: URIRef | None
    intent: URIRef | None
    sentence: str
    phrase: str
    procedure_from_title: bool


def sentences(text: str) -> tuple[str, ...]:
    """The sentences of `text`, each a verbatim substring, split after '.', '!' or '?' followed by
    white space and a capital (not after 'e.g.', 'et al.' and the like)."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[:m.start()].endswith(_ABBREVIATIONS):
            continue
        out.append(text[start:m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return tuple(s for s in out if s)


def _cues(terms: Terms, cls: URIRef) -> tuple[tuple[tuple[str, ...], URIRef], ...]:
    """(normalized words, individual) for every label of every mskio individual of `cls`, longest first."""
    found = []
    for ind in terms.graph.subjects(RDF.type, cls):
        if isinstance(ind, URIRef) and str(ind).startswith(str(MSKIO)):
            for prop in LABEL_PROPERTIES:
                for label in terms.graph.objects(ind, prop):
                    found.append((label_key(str(label)), ind))
    return tuple(sorted(found, key=lambda kv: (-len(kv[0]), kv[0], str(kv[1]))))


def _cue(text: str, cues: tuple[tuple[tuple[str, ...], URIRef], ...]) -> URIRef | None:
    words = tuple(normal_form(w) for w in _WORD.findall(text))
    for key, ind in cues:
        if any(words[i:i + len(key)] == key for i in range(len(words) - len(key) + 1)):
            return ind
    return None


def _procedures(matcher: Matcher, text: str) -> tuple[URIRef, ...]:
    """The procedures `text` names, most specific, without imaging and guidance, and without one named
    right after "before", "after", "following" or "during" (the setting, not the indication's procedure)."""
    terms = matcher.terms
    named = matcher.match_title(text)
    found = {m.term for m in matcher.matches(text)
             if m.term in named and terms.is_a(m.term, MSKIO.Procedure)
             and not any(terms.is_a(m.term, x) for x in _NOT_INDICATION_PROCEDURES)
             and not _CONTEXT.search(text[:m.start])}
    return tuple(sorted(terms.most_specific(found)))


def suggest(article: Article, matcher: Matcher) -> tuple[Suggestion, ...]:
    """Candidate indications from the abstract of `article` (see the module docstring)."""
    if article.abstract is None:
        return ()
    terms = matcher.terms
    statuses, intents = _cues(terms, MSKIO.IndicationStatus), _cues(terms, MSKIO.TreatmentIntent)
    title_procedures = _procedures(matcher, article.title.text)
    out: list[Suggestion] = []
    for sentence in sentences(article.abstract.text):
        status = _cue(sentence, statuses)
        items = _items(sentence)
        if not any(_conditions(matcher, item)[0] for item, _ in items):
            continue
        procedures = _procedures(matcher, sentence)
        from_title = not procedures
        if from_title:
            if status is None and _cue(sentence, intents) is None and not _INDICATION_WORD.search(sentence):
                continue
            procedures = title_procedures
        for item, followed_by_examples in items:
            if followed_by_examples:
                continue
            groups, excluded = _conditions(matcher, item)
            if not groups:
                continue
            intent = _cue(item, intents)
            phrase = _phrase(matcher, item, intent)
            fixed = tuple(g[0] for g in groups if len(g) == 1)
            alternatives = [g for g in groups if len(g) > 1]
            choices = [tuple(sorted(fixed))] if not alternatives else [
                tuple(sorted({*fixed, alt})) for g in alternatives for alt in g]
            for procedure in procedures:
                for conditions in choices:
                    out.append(Suggestion(procedure=procedure, conditions=conditions, excluding=excluded,
                                          status=status, intent=intent, sentence=sentence, phrase=phrase,
                                          procedure_from_title=from_title))
    return tuple(out)


def _phrase(matcher: Matcher, item: str, intent: URIRef | None) -> str:
    """The words of `item` that name the indication: from its first condition (or the intent's cue
    word, when that comes first) to its last condition, verbatim."""
    terms = matcher.terms
    named = matcher.match_title(item)
    spans = [(m.start, m.end) for m in matcher.matches(item) if m.term in named and terms.is_a(m.term, MSKIO.Condition)]
    if intent is not None:
        lower = item.lower()
        for prop in LABEL_PROPERTIES:
            for label in terms.graph.objects(intent, prop):
                at = lower.find(str(label).lower())
                if at >= 0:
                    spans.append((at, at + len(str(label))))
    if not spans:
        return item.strip()
    return item[min(a for a, _ in spans):max(b for _, b in spans)]


def _items(sentence: str) -> list[tuple[str, bool]]:
    """The list items of a sentence, each with whether "(such as ..." follows it."""
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in _ITEM_SPLIT.finditer(sentence):
        parts.append((sentence[pos:m.start()], bool(_SUCH_AS.match(sentence[m.start():]))))
        pos = m.end()
    parts.append((sentence[pos:].rstrip(".!?"), False))
    return [(text, examples) for text, examples in parts if text.strip()]


def _conditions(matcher: Matcher, item: str) -> tuple[list[tuple[URIRef, ...]], tuple[URIRef, ...]]:
    """Groups of alternative conditions and the excluded conditions of one list item. Conditions
    named by overlapping words ("bone and soft tissue sarcoma") or joined only by "and", "or" or a
    comma ("osteoblastoma and chondroblastoma") are alternatives; others hold together."""
    terms = matcher.terms
    spans: dict[URIRef, tuple[int, int, str]] = {}
    named_terms = matcher.match_title(item)
    for m in sorted(matcher.matches(item), key=lambda m: (m.start, -m.end)):
        if terms.is_a(m.term, MSKIO.Condition) and m.term in named_terms:
            spans.setdefault(m.term, (m.start, m.end, m.text))
    cut = _EXCLUDING.search(item)
    excluded = {t for t, (start, _, _) in spans.items() if cut is not None and start > cut.start()}
    named = {t: spans[t] for t in terms.most_specific(set(spans) - excluded)}
    derived = {t for t, (_, _, text) in named.items()
               if all(normal_form(w) != w.lower() and not w.lower().endswith("s") for w in _WORD.findall(text))}
    if len(named) > len(derived):
        named = {t: v for t, v in named.items() if t not in derived}
    groups: list[list[tuple[int, int, URIRef]]] = []
    for start, end, term in sorted((v[0], v[1], t) for t, v in named.items()):
        last = groups[-1] if groups else []
        if last and any(start < e and s < end for s, e, _ in last) or (
                last and _ALTERNATIVE.fullmatch(item[max(e for _, e, _ in last):start]) is not None):
            last.append((start, end, term))
        else:
            groups.append([(start, end, term)])
    return [tuple(sorted(t for _, _, t in g)) for g in groups], tuple(sorted(terms.most_specific(excluded)))


def _name(iri: URIRef) -> str:
    return str(iri)[len(str(MSKIO)):]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "indication"


_HEADER = """\
# Curation of the review "{title}"
# (DOI {doi}), read from {source}.
# mskio finds this file by the DOI below, whatever its name. The build checks that every
# `sentence` occurs verbatim in the review's abstract, every `phrase` in its sentence, and every
# term is an mskio term of ontology/mskio.ttl (local names, e.g. OsteoidOsteoma), and stops with
# file:line otherwise. Check it with `mskio build --no-reason`.
#
# Each indication: id (a slug), procedure, conditions (all must hold), excluding (optional),
# intent (optional: PalliativeIntent, LocalControlIntent, CurativeIntent), status
# (WellEstablished, Emerging, Investigational), sentence (verbatim), phrase (verbatim), and
# confirmed: an entry with `confirmed: false` is checked but never published.
doi: {doi}
"""


def init_template(article: Article) -> str:
    """A commented curation file for `article`: its DOI, the abstract's sentences to quote from,
    and empty lists of indications and annotation overrides."""
    lines = [_HEADER.format(title=article.title.text, doi=article.doi, source=article.source.path.name)]
    lines.append("# The abstract's sentences, to quote from (copy a sentence verbatim into `sentence:`):")
    for n, sentence in enumerate(sentences(article.abstract.text) if article.abstract else (), start=1):
        lines.append(f"#   {n}. {sentence}")
    if article.abstract is None:
        lines.append("#   (the source has no abstract)")
    lines += ["", "indications: []", "", "# annotation_overrides: add or remove title annotation terms of a reference",
              "#   - reference: 12", "#     add: [MulticentreStudy]", "#     reason: \"quote the title\"",
              "annotation_overrides: []", ""]
    return "\n".join(lines)


def suggest_template(article: Article, suggestions: tuple[Suggestion, ...]) -> str:
    """The curation template with every suggestion as an indication entry with `confirmed: false`."""
    lines = [_HEADER.format(title=article.title.text, doi=article.doi, source=article.source.path.name)]
    lines.append(f"# {len(suggestions)} indication(s) suggested by `mskio curate suggest` from the abstract.")
    lines.append("# Confirm each (set confirmed: true, correct what is wrong) or delete it.")
    lines += ["", "indications:" if suggestions else "indications: []"]
    used: dict[str, int] = {}
    for s in suggestions:
        base = _slug(" ".join(_name(c) for c in s.conditions))
        used[base] = used.get(base, 0) + 1
        ident = base if used[base] == 1 else f"{base}-{used[base]}"
        lines.append(f"  - id: {ident}")
        lines.append(f"    confirmed: false")
        note = "  # from the review's title: the sentence names no procedure" if s.procedure_from_title else ""
        lines.append(f"    procedure: {_name(s.procedure)}{note}")
        lines.append(f"    conditions: [{', '.join(_name(c) for c in s.conditions)}]")
        if s.excluding:
            lines.append(f"    excluding: [{', '.join(_name(c) for c in s.excluding)}]")
        if s.intent is not None:
            lines.append(f"    intent: {_name(s.intent)}")
        if s.status is not None:
            lines.append(f"    status: {_name(s.status)}")
        else:
            lines.append("    status: Emerging  # the sentence gives no status: choose one before confirming")
        lines.append(f"    sentence: {_quote(s.sentence)}")
        lines.append(f"    phrase: {_quote(s.phrase)}")
        lines.append("")
    lines += ["annotation_overrides: []", ""]
    return "\n".join(lines)

