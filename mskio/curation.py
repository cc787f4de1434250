"""Curated facts about a review, read from a file of `data/curation/` and checked.

A curation file names its review by DOI (`doi: 10.1055/a-2744-8457`) and is found by that DOI,
not by its file name: `index_curations` scans the directory once and indexes the files by DOI
(two files for one DOI is an error naming both), so a renamed source keeps its indications.

The file holds what the page does not state in machine-readable form: the indications the
abstract states (procedure, conditions, intent, status and the verbatim sentence) and
corrections to title annotation. `load_curation` checks every fact against the parsed
article and the ontology and raises CurationError naming the file and line of the first
one that does not hold:
  - a sentence that is not a verbatim substring of the abstract, a phrase not in its sentence;
  - a term that the ontology does not declare, or of the wrong kind (a condition that is
    not an mskio:Condition, a status that is not an mskio:IndicationStatus ...);
  - an override for a reference number the article does not have; a missing reason;
  - a `doi` that is not the article's.
Before any of that, the file's shape is checked at the edge: YAML nested deeper than
MAX_DEPTH levels, an alias (`*name`), or a reference number longer than MAX_NUMBER_DIGITS digits is
rejected with the file and line, so no input can exhaust the parser or Python's integers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import URIRef
from rdflib.namespace import RDF

from mskio.errors import CurationError
from mskio.namespaces import MSKIO
from mskio.records import Article
from mskio.terms import Terms

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")

MAX_DEPTH = 12
"""The deepest nesting of mappings and lists a curation file may have (the format needs four)."""

MAX_NUMBER_DIGITS = 6
"""The most digits a reference number may have."""


@dataclass(frozen=True)
class CuratedIndication:
    """One indication stated in the review's abstract (see the curation file's comments)."""

    id: str
    procedure: URIRef
    conditions: tuple[URIRef, ...]
    excluding: tuple[URIRef, ...]
    intent: URIRef | None
    status: URIRef
    sentence: str
    phrase: str | None
    line: int
    confirmed: bool = True
    """False for a suggestion (`confirmed: false`) a person has not confirmed: checked, never published."""


@dataclass(frozen=True)
class AnnotationOverride:
    """Terms to add to or remove from the title annotations of one reference, and why."""

    reference: int
    add: tuple[URIRef, ...]
    remove: tuple[URIRef, ...]
    reason: str
    line: int


@dataclass(frozen=True)
class Curation:
    """The checked contents of one curation file."""

    path: Path
    indications: tuple[CuratedIndication, ...]
    """The confirmed indications: the ones the build publishes."""
    overrides: tuple[AnnotationOverride, ...]
    unconfirmed: tuple[CuratedIndication, ...] = ()
    """Suggestions still marked `confirmed: false`: checked like the others, never published."""

    def overrides_for(self, reference: int) -> tuple[AnnotationOverride, ...]:
        """The overrides of reference number `reference`, in file order."""
        return tuple(o for o in self.overrides if o.reference == reference)


_TOP_KEYS = {"doi", "indications", "annotation_overrides"}


def index_curations(curation_dir: Path) -> dict[str, Path]:
    """Review DOI (lower case) -> its curation file, for every `*.yaml` of `curation_dir` (none when
    the directory does not exist). CurationError naming the file and line for a file without a
    well-formed `doi`, and naming both files when two name the same DOI."""
    index: dict[str, Path] = {}
    lines: dict[str, int] = {}
    for path in sorted(curation_dir.glob("*.yaml")) if curation_dir.is_dir() else ():
        reader = _Reader(path)
        top = reader.mapping(reader.compose(), "the file", required={"doi"}, allowed=_TOP_KEYS)
        doi = reader.string(top["doi"], "doi").strip()
        if not _DOI.match(doi):
            raise reader.error(top["doi"], f"doi must be a DOI such as 10.1055/a-2744-8457, not {doi[:80]!r}")
        key = doi.lower()
        line = top["doi"].start_mark.line + 1
        if key in index:
            raise CurationError(f"two curation files for DOI {doi}: {index[key]}:{lines[key]} and {path}:{line}",
                                path=path, line=line)
        index[key], lines[key] = path, line
    return index


def load_curation(path: Path, *, article: Article, terms: Terms) -> Curation:
    """Read and check a curation file against `article` and the ontology's `terms`."""
    reader = _Reader(path)
    root = reader.compose()
    top = reader.mapping(root, "the file", required={"doi"}, allowed=_TOP_KEYS)
    doi = reader.string(top["doi"], "doi").strip()
    if doi.lower() != article.doi.lower():
        raise reader.error(top["doi"], f"this curation file is for DOI {doi}, not for {article.doi} "
                                       f"({article.source.path})")
    indications = tuple(
        _indication(reader, node, article=article, terms=terms)
        for node in reader.sequence(top.get("indications"), "indications")
    )
    seen: dict[str, int] = {}
    for ind in indications:
        if ind.id in seen:
            raise CurationError(f"indication id {ind.id!r} already used on line {seen[ind.id]}", path=path, line=ind.line)
        seen[ind.id] = ind.line
    overrides = tuple(
        _override(reader, node, article=article, terms=terms)
        for node in reader.sequence(top.get("annotation_overrides"), "annotation_overrides")
    )
    return Curation(path=path, indications=tuple(i for i in indications if i.confirmed), overrides=overrides,
                    unconfirmed=tuple(i for i in indications if not i.confirmed))


def _indication(reader: _Reader, node: yaml.Node, *, article: Article, terms: Terms) -> CuratedIndication:
    fields = reader.mapping(
        node, "an indication",
        required={"id", "procedure", "conditions", "status", "sentence"},
        allowed={"id", "procedure", "conditions", "excluding", "intent", "status", "sentence", "phrase", "confirmed"},
    )
    confirmed = True
    if "confirmed" in fields:
        flag = reader.string(fields["confirmed"], "confirmed")
        if flag not in ("true", "false"):
            raise reader.error(fields["confirmed"], f"confirmed must be true or false, not {flag[:40]!r}")
        confirmed = flag == "true"
    line = node.start_mark.line + 1
    ident = reader.string(fields["id"], "id")
    if not _SLUG.match(ident):
        raise reader.error(fields["id"], f"indication id must be a lower-case slug like 'osteoid-osteoma', not {ident!r}")
    sentence = reader.string(fields["sentence"], "sentence")
    abstract = article.abstract.text if article.abstract is not None else None
    if abstract is None:
        raise reader.error(fields["sentence"], f"the source {article.source.path} has no abstract to quote from")
    if sentence not in abstract:
        raise reader.error(fields["sentence"], f"sentence is not in the abstract of {article.source.path} "
                                               f"(it must be quoted verbatim): {sentence[:80]!r}")
    phrase = reader.string(fields["phrase"], "phrase") if "phrase" in fields else None
    if phrase is not None and phrase not in sentence:
        raise reader.error(fields["phrase"], f"phrase is not in the sentence (it must be quoted verbatim): {phrase!r}")
    return CuratedIndication(
        id=ident,
        procedure=_class(reader, fields["procedure"], terms, MSKIO.Procedure, "procedure"),
        conditions=tuple(_class(reader, n, terms, MSKIO.Condition, "condition")
                         for n in reader.nonempty_sequence(fields["conditions"], "conditions")),
        excluding=tuple(_class(reader, n, terms, MSKIO.Condition, "condition")
                        for n in reader.sequence(fields.get("excluding"), "excluding")),
        intent=(_individual(reader, fields["intent"], terms, MSKIO.TreatmentIntent, "treatment intent")
                if "intent" in fields else None),
        status=_individual(reader, fields["status"], terms, MSKIO.IndicationStatus, "indication status"),
        sentence=sentence,
        phrase=phrase,
        line=line,
        confirmed=confirmed,
    )


def _override(reader: _Reader, node: yaml.Node, *, article: Article, terms: Terms) -> AnnotationOverride:
    fields = reader.mapping(node, "an annotation override", required={"reference", "reason"},
                            allowed={"reference", "add", "remove", "reason"})
    number_text = reader.string(fields["reference"], "reference")
    numbers = {r.number for r in article.references}
    if len(number_text) > MAX_NUMBER_DIGITS:
        raise reader.error(fields["reference"], f"reference number has {len(number_text)} characters; a reference "
                                                f"number has at most {MAX_NUMBER_DIGITS} digits")
    if not (number_text.isascii() and number_text.isdigit()) or int(number_text) not in numbers:
        raise reader.error(fields["reference"], f"reference {number_text!r} is not a reference number of "
                                                f"{article.source.path} (1-{max(numbers, default=0)})")
    add = tuple(_term(reader, n, terms) for n in reader.sequence(fields.get("add"), "add"))
    remove = tuple(_term(reader, n, terms) for n in reader.sequence(fields.get("remove"), "remove"))
    if not add and not remove:
        raise reader.error(node, "an annotation override must add or remove at least one term")
    reason = reader.string(fields["reason"], "reason")
    if not reason.strip():
        raise reader.error(fields["reason"], "an annotation override needs a reason quoting the title")
    return AnnotationOverride(reference=int(number_text), add=add, remove=remove, reason=reason,
                              line=node.start_mark.line + 1)


def _class(reader: _Reader, node: yaml.Node, terms: Terms, root: URIRef, kind: str) -> URIRef:
    name = reader.string(node, kind)
    iri = terms.get(name)
    if iri is None or not terms.is_class(iri):
        raise reader.error(node, f"unknown {kind} {name!r}: no such class in the ontology")
    if not terms.is_a(iri, root):
        raise reader.error(node, f"{name!r} is not a {kind}: it is not a subclass of mskio:{root.split('#')[-1]}")
    return iri


def _individual(reader: _Reader, node: yaml.Node, terms: Terms, cls: URIRef, kind: str) -> URIRef:
    name = reader.string(node, kind)
    iri = terms.get(name)
    if iri is None or not terms.is_instance_of(iri, cls):
        allowed = sorted(str(i).split("#")[-1] for i in terms.graph.subjects(RDF.type, cls) if isinstance(i, URIRef)
                         and str(i).startswith(str(MSKIO)))
        raise reader.error(node, f"unknown {kind} {name!r} (one of: {', '.join(allowed)})")
    return iri


def _term(reader: _Reader, node: yaml.Node, terms: Terms) -> URIRef:
    name = reader.string(node, "term")
    iri = terms.get(name)
    if iri is None or iri not in terms.by_iri:
        raise reader.error(node, f"unknown term {name!r}: not an annotatable class of the ontology")
    return iri


class _Reader:
    """YAML nodes with their line numbers; every error names the file and line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def compose(self) -> yaml.Node:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CurationError("no such curation file", path=self.path) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CurationError(f"cannot read curation file: {exc}", path=self.path) from None
        try:
            _check_shape(text, self.path)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
            raise CurationError(f"not valid YAML: {exc.problem}", path=self.path, line=line) from None
        if node is None:
            raise CurationError("empty curation file", path=self.path, line=1)
        return node

    def error(self, node: yaml.Node, message: str) -> CurationError:
        """A CurationError at the node's line."""
        return CurationError(message, path=self.path, line=node.start_mark.line + 1)

    def mapping(self, node: yaml.Node, what: str, *, required: set[str], allowed: set[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{what} must be a mapping")
        fields: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = self.string(key, "key")
            if name not in allowed:
                raise self.error(key, f"unknown key {name!r} in {what} (allowed: {', '.join(sorted(allowed))})")
            if name in fields:
                raise self.error(key, f"duplicate key {name!r} in {what}")
            fields[name] = value
        missing = sorted(required - fields.keys())
        if missing:
            raise self.error(node, f"{what} lacks {', '.join(missing)}")
        return fields

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{what} must be a list")
        return list(node.value)

    def nonempty_sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        items = self.sequence(node, what)
        if not items:
            raise self.error(node, f"{what} must not be empty")
        return items

    def string(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, f"{what} must be a single value")
        return str(node.value)


def _check_shape(text: str, path: Path) -> None:
    """Reject, from the token stream (the scanner is not recursive), nesting deeper than MAX_DEPTH
    and aliases, before the recursive composer sees them. yaml.MarkedYAMLError for bad YAML."""
    depth = 0
    starts = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
              yaml.FlowSequenceStartToken)
    ends = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken):
            raise CurationError("aliases (*name) are not allowed in a curation file", path=path,
                                line=token.start_mark.line + 1)
        if isinstance(token, starts):
            depth += 1
            if depth > MAX_DEPTH:
                raise CurationError(f"nested more than {MAX_DEPTH} levels deep: a curation file needs at most four",
                                    path=path, line=token.start_mark.line + 1)
        elif isinstance(token, ends):
            depth -= 1
