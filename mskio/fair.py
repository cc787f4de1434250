"""The FAIR self-check of a built dist/: one or more concrete tests per principle.

Each check reads only the files in dist/ (offline) and returns PASS, FAIL or INFO:
  PASS  the files show the principle is met, and `reason` says how
  FAIL  they show it is not (mskio fair exits 1)
  INFO  it cannot be decided from the files (e.g. whether the w3id.org redirect is registered,
        whether a release is deposited): reported with the reason, never counted as a pass
Principles: F1-F4, A1 (A1.1, A1.2), A2, I1-I3, R1 (R1.1-R1.3), as in Wilkinson et al. 2016.

How it stays fast at corpus scale (issue 10: ≤ 5 s at 1,000 reviews, "compare checksums, don't
re-parse"). At 1,000 reviews mskio.nt holds 5 M triples (800 MB); the check loaded it into an
Oxigraph store, asked SPARQL and parsed every dump again for I1: 167 s of CPU and 6 GB of memory
(at 20 reviews: half of its time parsing files for I1, a third the store and its queries). Now:
  * Every file is read once (mskio.nt twice: hashed and scanned, side by side). The small description files (void.ttl, validation.ttl, the
    ontology, the nanopublications) are parsed by Oxigraph into a plain index (`RdfIndex`), not
    into rdflib Graphs.
  * Every file void.ttl gives a byte size and SHA-256 for is hashed once (hashlib, one pass) and the
    digest serves both A1 (the file is the one described) and I1: a dump whose bytes are the ones
    the build recorded is the file the build's writer produced, so it is not parsed again (as the
    site's pages are checked against site/SHA256SUMS). A dump that differs is parsed, so I1 still
    says whether it is well-formed, and A1 fails naming it.
  * The facts about the data (`DataFacts`) come from mskio.nt. When its bytes match void.ttl, the
    file is the build's dump, "one triple a line, sorted" (mskio.serialize.ntriples_document), and
    one streaming pass over it (`_scan_dump`: mmap, numpy over 8 MiB chunks) reads every line's subject, predicate and object positions and counts, in the file:
    the triples, the description's triples and subjects (sorted lines: found by binary search), that
    every subject is under a persistent host and no "_:" occurs, the subjects and objects of the
    predicates R1.1 and R1.2 ask about, and the IRI objects outside mskio's namespaces (I3). Two
    numbers come from the description that void.ttl (whose checksum of the dump just matched) and
    the dump carry, because counting them in the file costs more than the rest together: the number
    of distinct subjects (void:distinctSubjects, F1's count; the check itself, every subject
    persistent, is made on every line) and the data's predicates (the void:propertyPartition list,
    used only when their void:triples add up to the data triples counted in the file; I2 says so).
    The pass checks the line form it relies on as it goes (`<s> <p> o .`); when the checksum
    differs, a line has another form, a subject is not persistent or the description lacks those
    numbers, the facts come from a full streaming parse instead (`_parse_facts`: pyoxigraph.parse,
    no store), exact for any N-Triples file, only slower (tests/test_fair.py checks both agree).
  * The tree is walked once with os.scandir (see `i1_formal_language`).
  * Two cores: `run_checks` gives WORKERS threads the hashing (mskio.nt first, then every file
    void.ttl states a SHA-256 for, the largest first; files of 1 MiB or more hashed mapped into
    memory in one call) and the parses I1 makes, while the calling thread parses void.ttl and scans
    mskio.nt (`_start_work`). hashlib and numpy let go of the interpreter's lock while they work,
    Oxigraph's parser partly, so the threads share the cores. The rows do not depend on which
    thread computed what (a test runs the checks both ways). A large site's pages (FORKED_PAGES
    or more listed in site/SHA256SUMS) are hashed by WORKERS processes forked before the threads
    start instead (`SitePages`: the interpreter's lock held the threads back), which send back
    only the pages that differ.
What is still parsed: every RDF file without a recorded checksum (inferred.ttl, validation.ttl,
the ontology, the nanopublications; void.ttl once, by load_dist); I1 verifies by checksum every
dcat:Distribution whose download URL is under the URI space and that has both numbers
(`Dist.checksums`), the reviews' dumps too once the build records them.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import mmap
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyoxigraph as ox

from rdflib.namespace import DCTERMS, RDF, SKOS

from mskio.errors import InputError
from mskio.forked import Forked
from mskio.namespaces import BIRO, DCAT, MSKIO, NP, PREFIXES, PROV, SH, SPDX, VOID
from mskio.site.formats import MANIFEST, read_manifest
from mskio.walk import walk_files

PASS, FAIL, INFO = "PASS", "FAIL", "INFO"

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

KNOWN_LICENCES = {
    "http://creativecommons.org/publicdomain/zero/1.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/licenses/by/4.0/",
}
"""Licence IRIs the check accepts as clear, machine-readable and open."""

STANDARD_VOCABULARIES = {ns for prefix, ns in PREFIXES.items() if prefix != "mskio"}
"""Published, widely used vocabularies (BIBO, SPAR, DCTerms, FOAF, PROV, VoID, DCAT, SPDX ...)."""

PERSISTENT_HOSTS = ("https://w3id.org/", "https://doi.org/", "http://purl.org/", "https://purl.org/")
"""IRI prefixes of persistent-identifier services."""

IndexTerm = ox.NamedNode | ox.BlankNode | ox.Literal
"""A term of a parsed description file."""


@dataclass(frozen=True)
class Check:
    """One row of the FAIR table."""

    principle: str
    status: str
    title: str
    reason: str


class RdfIndex:
    """The triples of a small RDF file (void.ttl, validation.ttl ...), indexed by subject and
    predicate (IRIs as strings, blank nodes as "_:label"), with the look-ups the checks use."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        self.index: dict[str, dict[str, dict[IndexTerm, None]]] = {}  # an ordered set of objects
        for t in triples:
            s, o = t.subject, t.object
            if isinstance(o, ox.Triple) or isinstance(s, ox.Triple):
                continue  # RDF-star: not written by mskio
            key = s.value if isinstance(s, ox.NamedNode) else "_:" + s.value
            self.index.setdefault(key, {}).setdefault(t.predicate.value, {})[o] = None

    def objects(self, subject: str, predicate: str) -> list[IndexTerm]:
        """Every object of (subject, predicate), in file order."""
        return list(self.index.get(subject, {}).get(predicate, {}))

    def value(self, subject: str, predicate: str) -> IndexTerm | None:
        """One object of (subject, predicate): the least by value, None if there is none."""
        found = self.objects(subject, predicate)
        return min(found, key=lambda o: o.value) if found else None

    def text(self, subject: str, predicate: str) -> str | None:
        """The value of `value` as a string."""
        found = self.value(subject, predicate)
        return found.value if found is not None else None

    def subjects(self, predicate: str, obj: str) -> list[str]:
        """The subjects with `predicate` `obj` (an IRI), sorted."""
        return sorted(s for s, props in self.index.items()
                      if any(o.value == obj and isinstance(o, ox.NamedNode) for o in props.get(predicate, {})))


def _parse_small(path: Path, fmt: ox.RdfFormat) -> RdfIndex:
    """A small RDF file parsed by Oxigraph (it names the line of a syntax error)."""
    return RdfIndex(ox.parse(path=str(path), format=fmt))


@dataclass(frozen=True)
class DataFacts:
    """What the checks need to know of mskio.nt (subjects of the description are <dataset> and
    IRIs under <dataset/>; `data` triples are the others with an IRI subject, as
    mskio.metadata.is_description defines them). IRIs are strings."""

    triples: int
    """Distinct triples in the file (one a line in the build's dump)."""
    data: int
    """Triples whose subject is an IRI outside the description."""
    blanks: int
    """Triples with a blank subject or object."""
    subjects: int
    """Distinct IRI subjects (data and description)."""
    persistent: int
    """Distinct IRI subjects under PERSISTENT_HOSTS."""
    described: bool
    """<dataset> a void:Dataset is in the file."""
    undeclared: frozenset[str]
    """Predicates of data triples under none of the vocabularies asked about."""
    external: frozenset[tuple[str, str]]
    """(predicate, object) of every triple whose object is an IRI outside mskio's namespaces."""
    abstracts: frozenset[str]
    """Data subjects with dcterms:abstract."""
    entries: frozenset[str]
    """Data subjects typed biro:BibliographicReference."""
    traced_entries: frozenset[str]
    """Those of `entries` with prov:wasDerivedFrom and mskio:sourceLine."""
    works: frozenset[str]
    """Objects of biro:references of data subjects."""
    traced_works: frozenset[str]
    """Objects of biro:references (any subject) that have prov:wasDerivedFrom."""
    indications: frozenset[str]
    """Data subjects typed mskio:Indication."""
    quoted: frozenset[str]
    """Those of `indications` with mskio:abstractSentence."""
    method: str
    """How the facts were read: 'scanned' (the build's dump, checksum verified) or 'parsed'."""


RDF_TYPE, VOID_DATASET = str(RDF.type), str(VOID.Dataset)
TARGETS = {"abstract": str(DCTERMS.abstract), "derived": str(PROV.wasDerivedFrom), "line": str(MSKIO.sourceLine),
           "references": str(BIRO.references), "sentence": str(MSKIO.abstractSentence)}
"""The predicates whose subjects (or objects) the checks collect."""
CLASSES = {"entry": str(BIRO.BibliographicReference), "indication": str(MSKIO.Indication)}
"""The classes whose instances the checks collect."""


def _own_namespaces(base: str) -> tuple[str, ...]:
    """The namespaces whose IRIs are mskio's own or its vocabularies' (I3 counts the others)."""
    return (base, *sorted(set(PREFIXES.values()) - {base}))


def _parse_facts(path: Path, *, dataset: str, base: str, vocabularies: tuple[str, ...]) -> DataFacts:
    """The facts of any N-Triples file, by one streaming parse (pyoxigraph.parse, no store);
    InputError naming the file if it is not N-Triples."""
    own = _own_namespaces(base)
    seen: set[ox.Triple] = set()
    blanks = data = 0
    subjects: set[str] = set()
    described = False
    predicates: set[str] = set()
    external: set[tuple[str, str]] = set()
    by_target: dict[str, set[str]] = {name: set() for name in (*TARGETS, *CLASSES, "all-references")}
    references = TARGETS["references"]
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
            triple = quad.triple
            if triple in seen:
                continue
            seen.add(triple)
            s, p, o = triple.subject, triple.predicate.value, triple.object
            if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode):
                blanks += 1
            if isinstance(o, ox.NamedNode) and not o.value.startswith(own):
                external.add((p, o.value))
            if not isinstance(s, ox.NamedNode):
                continue
            subject = s.value
            subjects.add(subject)
            if p == references and not isinstance(o, ox.Triple):
                by_target["all-references"].add(o.value)
            if p == TARGETS["derived"]:
                by_target["derived"].add(subject)
            if subject == dataset or subject.startswith(dataset + "/"):
                described = described or (subject == dataset and p == RDF_TYPE and o == ox.NamedNode(VOID_DATASET))
                continue
            data += 1
            predicates.add(p)
            for name, target in TARGETS.items():
                if p == target:
                    if name == "references":
                        by_target[name].add(o.value if not isinstance(o, ox.Triple) else "")
                    elif name != "derived":
                        by_target[name].add(subject)
            if p == RDF_TYPE and isinstance(o, ox.NamedNode):
                for name, cls in CLASSES.items():
                    if o.value == cls:
                        by_target[name].add(subject)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"not valid N-Triples: {' '.join(str(exc).split())[:200]}", path=path) from None
    return _facts(triples=len(seen), data=data, blanks=blanks, subjects=subjects,
                  persistent=sum(1 for s in subjects if s.startswith(PERSISTENT_HOSTS)), described=described,
                  undeclared={p for p in predicates if not p.startswith(vocabularies)}, external=external,
                  found=by_target, method="parsed")


def _facts(*, triples: int, data: int, blanks: int, subjects: set[str] | int, persistent: int, described: bool,
           undeclared: set[str], external: set[tuple[str, str]], found: dict[str, set[str]],
           method: str) -> DataFacts:
    """DataFacts from the sets either reader collects: `found` maps each name of TARGETS and CLASSES
    (and 'all-references', the objects of biro:references of any subject) to its IRIs."""
    entries = found["entry"]
    indications = found["indication"]
    return DataFacts(
        triples=triples, data=data, blanks=blanks, subjects=subjects if isinstance(subjects, int) else len(subjects),
        persistent=persistent, described=described, undeclared=frozenset(undeclared), external=frozenset(external),
        abstracts=frozenset(found["abstract"]), entries=frozenset(entries),
        traced_entries=frozenset(entries & found["derived"] & found["line"]), works=frozenset(found["references"]),
        traced_works=frozenset(found["all-references"] & found["derived"]), indications=frozenset(indications),
        quoted=frozenset(indications & found["sentence"]), method=method)


CHUNK = 1 << 23
"""Bytes of mskio.nt one step of `_scan_dump` reads (whole lines: up to the last line end in it)."""

PAD = 512
"""Bytes read past a position at most (the longest prefix compared, plus a word)."""


class _Irregular(Exception):
    """mskio.nt has a line `_scan_dump` cannot read by position: the facts are parsed instead."""


def _words(buffer: mmap.mmap | bytes, offset: int, length: int) -> np.ndarray:
    """`w[i]` = the 8 bytes of `buffer` from `offset + i` as a little-endian integer (a strided view:
    no copy); `buffer` must hold `offset + length + 7` bytes."""
    return np.ndarray((length,), dtype="<u8", buffer=buffer, offset=offset, strides=(1,))


def _prefixed(words: np.ndarray, positions: np.ndarray, prefix: bytes) -> np.ndarray:
    """Indexes into `positions` where the bytes begin with `prefix`: one comparison of 8 bytes a
    step (a shorter last piece masked), the last piece first, each on the positions still matching."""
    alive: np.ndarray | None = None
    for off in reversed(range(0, len(prefix), 8)):
        piece = prefix[off:off + 8]
        values = words[(positions if alive is None else positions[alive]) + off]
        if len(piece) < 8:
            values = values & np.uint64((1 << (8 * len(piece))) - 1)
        hit = np.flatnonzero(values == _bytes_le(piece))
        alive = hit if alive is None else alive[hit]
        if not len(alive):
            break
    return alive if alive is not None else np.arange(len(positions))


def _outside(words: np.ndarray, positions: np.ndarray, namespaces: Iterable[str]) -> np.ndarray:
    """Indexes into `positions` where the bytes begin with none of `namespaces`: the first 24 bytes
    are read once (three words); the positions are split by their first word, and each namespace is
    compared with the positions that share its first word only (beyond 24 bytes with `_prefixed`)."""
    first = [words[positions + off] for off in (0, 8, 16)]
    own = np.zeros(len(positions), dtype=bool)
    groups: dict[tuple[int, int], list[bytes]] = {}
    for ns in namespaces:
        encoded = ns.encode("utf-8")
        piece = encoded[:8]
        groups.setdefault((int.from_bytes(piece, "little"), len(piece)), []).append(encoded)
    for (word, size), members in groups.items():
        values = first[0] if size == 8 else first[0] & np.uint64((1 << (8 * size)) - 1)
        group = np.flatnonzero(values == np.uint64(word))
        for encoded in members:
            group = group[~own[group]]  # the positions no namespace compared so far holds
            alive = group
            for off, column in ((8, first[1]), (16, first[2])):
                piece = encoded[off:off + 8]
                if not piece or not len(alive):
                    break
                values = column[alive]
                if len(piece) < 8:
                    values = values & np.uint64((1 << (8 * len(piece))) - 1)
                alive = alive[values == _bytes_le(piece)]
            if len(encoded) > 24 and len(alive):
                alive = alive[_prefixed(words, positions[alive] + 24, encoded[24:])]
            own[alive] = True
    return np.flatnonzero(~own)


@dataclass
class _Scan:
    """What `_scan_dump` collects across chunks."""

    lines: int = 0
    data: int = 0
    described: bool = False
    description_subjects: set[str] = field(default_factory=set)
    external: set[tuple[str, str]] = field(default_factory=set)
    found: dict[str, set[str]] = field(default_factory=lambda: {n: set() for n in (*TARGETS, *CLASSES, "all-references")})


SCAN_THREADS = 2
"""Threads `load_dist` scans mskio.nt's chunks on when it has worker threads (numpy lets go of the
interpreter's lock for most of `_scan_chunk`)."""


def _scan_dump(path: Path, *, dataset: str, base: str, threads: int = 1) -> _Scan | None:
    """What `_scan_chunk` reads of the lines of the build's N-Triples dump, in one pass over the
    file mapped into memory (its CHUNK-sized pieces of whole lines on `threads` threads, each into
    its own _Scan, merged in file order): every line `<s> <p> o .` with IRIs in angle brackets,
    lines sorted, every subject under a persistent host, no blank node. None instead when a line is
    not so (or "_:" occurs anywhere): the caller then parses the file. What is read is true of the
    file's lines whatever its checksum; the caller uses it only for the build's own dump (whose
    lines are distinct and sorted: a file that differs from its checksum is parsed). The file's
    SHA-256 is not taken here: `load_dist` has a worker thread hash it meanwhile (`Dist.digest`)."""
    size = path.stat().st_size
    if size == 0:
        return None
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        pieces: list[tuple[int, int]] = []
        start = 0
        while start < size:
            end = mm.rfind(b"\n", start, min(start + CHUNK, size)) + 1
            if end <= start:  # a line longer than CHUNK, or no line end at the end of the file
                return None
            pieces.append((start, end))
            start = end
        view = memoryview(mm)
        try:
            def scan_piece(piece: tuple[int, int]) -> _Scan | None:
                part = _Scan()
                try:
                    _scan_chunk(mm, view, piece[0], piece[1], part, dataset=dataset, base=base)
                except _Irregular:
                    return None
                finally:  # the piece's pages leave the process's resident set (they stay in the page cache)
                    low = -(-piece[0] // mmap.PAGESIZE) * mmap.PAGESIZE
                    if piece[1] - low >= mmap.PAGESIZE:
                        mm.madvise(mmap.MADV_DONTNEED, low, (piece[1] - low) // mmap.PAGESIZE * mmap.PAGESIZE)
                return part

            if threads > 1 and len(pieces) > 1:
                with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="mskio-fair-scan") as scanners:
                    parts = list(scanners.map(scan_piece, pieces))
            else:
                parts = []
                for piece in pieces:
                    parts.append(scan_piece(piece))
                    if parts[-1] is None:
                        break
        finally:
            view.release()
    return _merge(parts)


def _merge(parts: list[_Scan | None]) -> _Scan | None:
    """One _Scan of the pieces' (None if one is None): counts added, sets joined."""
    scan = _Scan()
    for part in parts:
        if part is None:
            return None
        scan.lines += part.lines
        scan.data += part.data
        scan.described = scan.described or part.described
        scan.description_subjects |= part.description_subjects
        scan.external |= part.external
        for name, found in part.found.items():
            scan.found[name] |= found
    return scan


def _bytes_le(text: bytes) -> np.uint64:
    """`text` (at most 8 bytes) as the little-endian integer `_words` reads."""
    return np.uint64(int.from_bytes(text, "little"))


FEW = 64
"""Occurrences of '_' in a piece that `_has_blank_label` looks at one by one (memchr, mmap.find)
before it compares the whole piece with numpy instead (the build's dumps have a few per 8 MiB)."""


def _has_blank_label(mm: mmap.mmap, x: np.ndarray, start: int, end: int) -> bool:
    """Whether "_:" occurs in mm[start:end] (= x, which ends with a line end): each '_' found by
    mmap.find while there are at most FEW, else every '_' at once by numpy."""
    at = mm.find(b"_", start, end)
    for _ in range(FEW):
        if at == -1:
            return False
        if mm[at + 1] == 58:  # ':' (at + 1 < end: x ends with a line end, not '_')
            return True
        at = mm.find(b"_", at + 1, end)
    if at == -1:
        return False
    underscore = np.flatnonzero(x == 95)
    return bool((x[underscore + 1] == 58).any())


def _scan_chunk(mm: mmap.mmap, view: memoryview, start: int, end: int, scan: _Scan, *, dataset: str,
                base: str) -> None:
    """`_scan_dump` on the whole lines mm[start:end] (positions below are relative to `start`): numpy
    finds each line's start, its predicate's '<' and its last '<' (the object's, when the line ends
    '> .' and a space precedes it); the sorted lines' subjects are located by binary search (the
    description's, each persistent host's); the predicates R1.1 and R1.2 ask about, and the IRI
    objects' namespaces, by comparing 8 bytes at a time (`_prefixed`)."""
    if end + PAD + 8 <= len(mm):
        x = np.frombuffer(view[start:end], dtype=np.uint8)
        words = _words(mm, start, end - start + PAD)
    else:  # the end of the file: a padded copy, so that every comparison reads inside the buffer
        padded = bytes(view[start:end]) + bytes(PAD + 8)
        x = np.frombuffer(padded, dtype=np.uint8, count=end - start)
        words = _words(padded, 0, end - start + PAD)
    if x[-1] != 10:
        raise _Irregular("no line end")
    if _has_blank_label(mm, x, start, end):
        raise _Irregular("a blank node label")
    nl = np.flatnonzero(x == 10)
    starts = np.concatenate(([0], nl[:-1] + 1))
    lt = np.flatnonzero(x == 60)
    k = np.searchsorted(lt, starts)
    if len(lt) == 0 or (k + 1 >= len(lt)).any() or (nl - starts < 12).any():
        raise _Irregular("a line without subject and predicate IRIs")
    ps = lt[k + 1]  # the predicate's '<'
    if ((lt[k] != starts) | (ps >= nl) | (x[ps - 2] != 62) | (x[nl - 1] != 46)).any():
        raise _Irregular("a line not '<s> <p> o .'")  # (the bytes between are the writer's spaces)
    olt = lt[np.searchsorted(lt, nl) - 1]  # the line's last '<': the object's, when it is an IRI
    iri_object = (x[nl - 3] == 62) & (x[olt - 1] == 32) & (olt > ps)
    n = len(nl)
    scan.lines += n

    def text(a: int, b: int) -> str:
        return mm[start + a:start + b].decode("utf-8")

    def span(prefix: bytes) -> tuple[int, int]:
        """The lines (sorted) that begin with `prefix`."""
        def key(i: int) -> bytes:
            a = start + int(starts[i])
            return bytes(view[a:a + len(prefix)])
        return bisect.bisect_left(range(n), prefix, key=key), bisect.bisect_right(range(n), prefix, key=key)

    if sum(hi - lo for lo, hi in (span(f"<{host}".encode("utf-8")) for host in PERSISTENT_HOSTS)) != n:
        raise _Irregular("a subject not under a persistent host: the exact counts come from the parse")
    data = np.ones(n, dtype=bool)
    typed = f"<{dataset}> <{RDF_TYPE}> <{VOID_DATASET}> .\n".encode("utf-8")
    for prefix in (f"<{dataset}> ", f"<{dataset}/"):
        lo, hi = span(prefix.encode("utf-8"))
        data[lo:hi] = False
        for a, b in zip(starts[lo:hi].tolist(), ps[lo:hi].tolist()):
            scan.description_subjects.add(text(a + 1, b - 2))
            scan.described = scan.described or bytes(view[start + a:start + a + len(typed)]) == typed
    scan.data += int(data.sum())

    def subjects_of(lines: np.ndarray) -> set[str]:
        return {mm[a:b].decode("utf-8") for a, b in zip((starts[lines] + start + 1).tolist(),
                                                        (ps[lines] + start - 2).tolist())}

    def predicate_of(line: int) -> str:
        a = int(ps[line]) + 1
        return text(a, mm.find(b">", start + a) - start)

    def object_of(line: int) -> str:
        return text(int(olt[line]) + 1, int(nl[line]) - 3)

    # the predicates R1.1 and R1.2 ask about, and rdf:type with the two classes
    key = words[ps + 25]  # bytes 24-31 of each predicate IRI: a first sieve for the targets
    for name, target in (*TARGETS.items(), ("type", RDF_TYPE)):
        encoded = f"{target}> ".encode("utf-8")
        sieved = np.flatnonzero(key == _bytes_le(encoded[24:32]))
        lines = sieved[_prefixed(words, ps[sieved] + 1, encoded)]
        if name == "type":
            lines = lines[iri_object[lines]]
            size = nl[lines] - 3 - olt[lines] - 1  # of the object IRI
            for cls_name, cls in CLASSES.items():
                encoded = cls.encode("utf-8")
                sieved = lines[size == len(encoded)]
                hit = sieved[_prefixed(words, olt[sieved] + 1, encoded)]
                scan.found[cls_name].update(subjects_of(hit[data[hit]]))
        elif name == "references":
            if not iri_object[lines].all():
                raise _Irregular("a biro:references with a literal object")
            works = [(mm[a:b].decode("utf-8"), here) for a, b, here in
                     zip((olt[lines] + start + 1).tolist(), (nl[lines] + start - 3).tolist(), data[lines].tolist())]
            scan.found["all-references"].update(w for w, _ in works)
            scan.found["references"].update(w for w, here in works if here)
        elif name == "derived":
            scan.found[name].update(subjects_of(lines))
        else:
            scan.found[name].update(subjects_of(lines[data[lines]]))

    # I3: IRI objects outside mskio's namespaces (most are under the base: compared first)
    objects = np.flatnonzero(iri_object)
    for line in objects[_outside(words, olt[objects] + 1, _own_namespaces(base))].tolist():
        scan.external.add((predicate_of(line), object_of(line)))


@dataclass
class Dist:
    """The parsed description (void.ttl), the digests of the files read so far, and the facts of
    mskio.nt."""

    root: Path
    void: RdfIndex
    dataset: str
    base: str
    facts: DataFacts
    digests: dict[str, tuple[int, str | None]]
    """Relative path -> (byte size, SHA-256 or None if unreadable), each file hashed once."""
    pending: dict[str, Future[tuple[int, str | None]]] = field(default_factory=dict)
    """Relative path -> its digest being taken by a worker thread (`load_dist`)."""
    parsing: dict[str, Future[bool]] = field(default_factory=dict)
    """Relative path -> whether the RDF file parses, being found out by a worker thread."""
    pool: ThreadPoolExecutor | None = None
    """The worker threads (`run_checks`), None to do everything on the calling thread."""
    walked: list[str] | None = None
    """`files()`, once walked."""
    conforms: Future[bool | None] | None = None
    """R1.3's reading of validation.ttl (`_conforms`), by a worker thread."""
    manifest: tuple[dict[str, str], str] | None = None
    """site/SHA256SUMS as `read_site_manifest` reads it, when the caller read it (`run_checks`)."""
    site_pages: SitePages | None = None
    """The site's pages being checked against site/SHA256SUMS by forked processes (`run_checks`)."""

    def distributions(self) -> list[str]:
        """The dataset's dcat:distribution IRIs, sorted."""
        return sorted(o.value for o in self.void.objects(self.dataset, str(DCAT.distribution)))

    def recorded(self, node: str) -> tuple[str, int | None, str | None]:
        """A distribution's file name (the last part of its download URL) and the byte size and
        SHA-256 void.ttl states for it (None when it states none)."""
        url = self.void.text(node, str(DCAT.downloadURL)) or ""
        size = self.void.text(node, str(DCAT.byteSize))
        checksum = self.void.text(node, str(SPDX.checksum))
        value = self.void.text(checksum, str(SPDX.checksumValue)) if checksum is not None else None
        return url.rsplit("/", 1)[-1], int(size) if size is not None and size.isdigit() else None, value

    def checksums(self) -> dict[str, tuple[int, str]]:
        """Relative path -> (byte size, SHA-256) of every dcat:Distribution in void.ttl whose
        download URL is under the URI space and that has both (I1 verifies these files by them)."""
        out: dict[str, tuple[int, str]] = {}
        for node in self.void.subjects(str(RDF.type), str(DCAT.Distribution)):
            url = self.void.text(node, str(DCAT.downloadURL)) or ""
            _, size, value = self.recorded(node)
            if url.startswith(self.base) and size is not None and value is not None:
                out[url[len(self.base):]] = (size, value)
        return out

    def digest(self, name: str) -> tuple[int, str | None]:
        """The byte size and SHA-256 of dist/`name` (one pass, remembered; taken by a worker thread
        when `load_dist` started it there)."""
        if name not in self.digests:
            job = self.pending.pop(name, None)
            self.digests[name] = job.result() if job is not None else _file_digest(os.path.join(self.root, name))
        return self.digests[name]

    def files(self) -> list[str]:
        """Every regular file under root, relative (mskio.walk: walked once, remembered)."""
        if self.walked is None:
            self.walked = list(walk_files(str(self.root)))
        return self.walked

    def well_formed(self, name: str) -> bool:
        """Whether dist/`name` parses in the W3C format its extension names (OXIGRAPH_FORMATS); by
        a worker thread when `load_dist` started it there."""
        job = self.parsing.pop(name, None)
        return job.result() if job is not None else _well_formed(os.path.join(self.root, name))


def load_dist(root: Path, *, pool: ThreadPoolExecutor | None = None, manifest: tuple[dict[str, str], str] | None = None,
              site_pages: SitePages | None = None) -> Dist:
    """Parse dist/void.ttl and read the facts of dist/mskio.nt (`_scan_dump` when the file is the
    build's dump, else `_parse_facts`); InputError naming the file if one is missing or broken.
    With a `pool`, its threads meanwhile hash mskio.nt and every file void.ttl states a SHA-256 for,
    and parse the RDF files I1 will parse (`_start_work`): hashlib and Oxigraph's parser let go of
    the interpreter's lock while they work, as numpy does for most of the scan, so on two cores the
    hashing runs beside the scan instead of after it. `manifest`, when given, is site/SHA256SUMS
    read already (`read_site_manifest`); `site_pages`, the site's pages being checked by forked
    processes (I1 reads their answer)."""
    for name in ("mskio.nt", "void.ttl"):
        if not (root / name).is_file():
            raise InputError("missing: run `mskio build` first", path=root / name)
    pending: dict[str, Future[tuple[int, str | None]]] = {}
    parsing: dict[str, Future[bool]] = {}
    if pool is not None:  # while void.ttl is parsed: the build's largest files, likely to be asked for
        pending["mskio.nt"] = pool.submit(_file_digest, os.path.join(root, "mskio.nt"))
        for name in EARLY_PARSES:
            if os.path.isfile(os.path.join(root, name)):
                parsing[name] = pool.submit(_well_formed, os.path.join(root, name))
        for name in EARLY_HASHES:
            if os.path.isfile(os.path.join(root, name)):
                pending[name] = pool.submit(_file_digest, os.path.join(root, name))
    try:
        void = _parse_small(root / "void.ttl", ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"not valid Turtle: {' '.join(str(exc).split())[:200]}", path=root / "void.ttl") from None
    datasets = sorted(s for s in void.subjects(str(RDF.type), str(VOID.Dataset))
                      if not s.startswith("_:") and void.value(s, str(VOID.uriSpace)) is not None)
    if not datasets:
        raise InputError("no void:Dataset with a void:uriSpace", path=root / "void.ttl")
    dataset = datasets[0]
    base = void.text(dataset, str(VOID.uriSpace)) or ""
    vocabularies = tuple(sorted({o.value for o in void.objects(dataset, str(VOID.vocabulary))}))
    d = Dist(root, void, dataset, base, _EMPTY, {}, pending=pending, parsing=parsing, pool=pool,
             manifest=manifest, site_pages=site_pages)
    if pool is not None:
        _start_work(d, pool)
    scan = _scan_dump(root / "mskio.nt", dataset=dataset, base=base, threads=SCAN_THREADS if pool is not None else 1)
    stated = [d.recorded(node)[1:] for node in d.distributions() if d.recorded(node)[0] == "mskio.nt"]
    facts = _scanned_facts(d, scan, vocabularies) if scan is not None and d.digest("mskio.nt") in stated else None
    d.facts = facts or _parse_facts(root / "mskio.nt", dataset=dataset, base=base, vocabularies=vocabularies)
    return d


EARLY_HASHES = ("mskio.jsonld", "mskio.ttl")
"""Dumps `load_dist` has hashed before void.ttl says which files it states a checksum for (the
build states one for each; a digest nobody asks for is not used)."""

EARLY_PARSES = ("inferred.ttl",)
"""RDF files `load_dist` has parsed before void.ttl is read (the build states no checksum for
inferred.ttl, the largest file I1 parses; if void.ttl did, the file would be checked by it and the
parse not used)."""

PARSE_COST = 50
"""How many bytes hashed take as long as one byte parsed (about: SHA-256 ~700 MB/s, Oxigraph's
Turtle parser with Python's triples ~15 MB/s); `_start_work` starts the longest jobs first."""


def _start_work(d: Dist, pool: ThreadPoolExecutor) -> None:
    """Give `pool` the digests A1 and I1 will ask for (the distributions' files and every file
    `Dist.checksums` lists) and the parses I1 will make (the RDF files outside site/ without a
    stated checksum, but void.ttl, parsed already, and mskio.nt, which load_dist reads), those
    load_dist has not given it already (EARLY_HASHES, EARLY_PARSES), the longest
    first (by size, a parse counted PARSE_COST times a hash). Only files that exist are given; the
    results are the ones the calling thread would compute (`Dist.digest`, `Dist.well_formed`)."""
    d.conforms = pool.submit(_conforms, os.path.join(d.root, "validation.ttl"))
    stated = d.checksums()
    hashes = {d.recorded(node)[0] for node in d.distributions()} | set(stated)
    jobs: list[tuple[int, str, str]] = []
    for name in sorted(hashes - set(d.pending)):
        if os.path.isfile(os.path.join(d.root, name)):
            jobs.append((os.path.getsize(os.path.join(d.root, name)), "hash", name))
    for name in d.files():
        if (_rdf_format(name) is not None and not name.startswith("site/") and name not in stated
                and name not in ("mskio.nt", "void.ttl") and name not in d.parsing):
            jobs.append((os.path.getsize(os.path.join(d.root, name)) * PARSE_COST, "parse", name))
    for _, kind, name in sorted(jobs, key=lambda job: (-job[0], job[1], job[2])):
        path = os.path.join(d.root, name)
        if kind == "hash":
            d.pending[name] = pool.submit(_file_digest, path)
        else:
            d.parsing[name] = pool.submit(_well_formed, path)


def _scanned_facts(d: Dist, scan: _Scan, vocabularies: tuple[str, ...]) -> DataFacts | None:
    """The facts of the build's dump from its scan and two statements of the description it carries
    (void.ttl, whose checksum of mskio.nt matched): the number of distinct subjects of the data
    (void:distinctSubjects; the scan proved every line's subject persistent) and the data's
    predicates (the void:property of each void:propertyPartition, used only when their void:triples
    add up to the data triples the scan counted). None (parse the file instead) if either is missing."""
    distinct = d.void.text(d.dataset, str(VOID.distinctSubjects))
    properties: dict[str, int] = {}
    for part in d.void.objects(d.dataset, str(VOID.propertyPartition)):
        prop, count = d.void.text(part.value, str(VOID.property)), d.void.text(part.value, str(VOID.triples))
        if prop is None or count is None or not count.isdigit():
            return None
        properties[prop] = int(count)
    if distinct is None or not distinct.isdigit() or sum(properties.values()) != scan.data:
        return None
    subjects = int(distinct) + len(scan.description_subjects)
    return _facts(triples=scan.lines, data=scan.data, blanks=0, subjects=subjects, persistent=subjects,
                  described=scan.described, undeclared={p for p in properties if not p.startswith(vocabularies)},
                  external=scan.external, found=scan.found, method="scanned")


_EMPTY = DataFacts(0, 0, 0, 0, 0, False, frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
                   frozenset(), frozenset(), frozenset(), frozenset(), "none")


def f1_identifiers(d: Dist) -> list[Check]:
    """F1: globally unique, persistent identifiers; no blank nodes."""
    f = d.facts
    ok = f.blanks == 0 and f.subjects == f.persistent and d.dataset.startswith(PERSISTENT_HOSTS)
    how = " (each line's subject checked; distinct subjects as void:distinctSubjects counts them)" \
        if f.method == "scanned" else ""
    rows = [Check("F1", PASS if ok else FAIL, "persistent, globally unique identifiers",
                  f"{f.persistent}/{f.subjects} subjects under w3id.org or doi.org, {f.blanks} blank nodes{how}")]
    rows.append(Check("F1", INFO, "identifiers resolve",
                      f"{d.base} resolves only once the w3id.org redirect is registered and dist/ is hosted "
                      f"(README, Publishing); not checkable offline"))
    return rows


def f2_rich_metadata(d: Dist) -> list[Check]:
    """F2: the dataset is described with rich metadata."""
    needed = {"title": DCTERMS.title, "description": DCTERMS.description, "keyword": DCAT.keyword,
              "theme": DCAT.theme, "creator": DCTERMS.creator, "publisher": DCTERMS.publisher,
              "issued": DCTERMS.issued, "modified": DCTERMS.modified, "version": DCAT.version,
              "licence": DCTERMS.license, "language": DCTERMS.language}
    missing = [name for name, p in needed.items() if d.void.value(d.dataset, str(p)) is None]
    keywords = len(d.void.objects(d.dataset, str(DCAT.keyword)))
    ok = not missing and keywords >= 3
    return [Check("F2", PASS if ok else FAIL, "rich dataset metadata (DCAT/DCTerms)",
                  f"{len(needed) - len(missing)}/{len(needed)} fields, {keywords} keywords"
                  + (f"; missing {', '.join(missing)}" if missing else ""))]


def f3_identifier_in_metadata(d: Dist) -> list[Check]:
    """F3: the metadata names the identifier of the data it describes (dataset IRI, URI space,
    distributions with download URLs), and the data graph carries the same description."""
    distributions = d.distributions()
    urls = [d.void.value(x, str(DCAT.downloadURL)) for x in distributions]
    in_graph = d.facts.described
    ok = bool(distributions) and all(u is not None for u in urls) and in_graph
    return [Check("F3", PASS if ok else FAIL, "metadata names the data's identifiers",
                  f"<{d.dataset}>, uriSpace {d.base}, {len(distributions)} distributions with download URLs; "
                  f"description {'also' if in_graph else 'NOT'} in mskio.nt")]


def f4_indexable(d: Dist) -> list[Check]:
    """F4: indexed in a searchable resource. The schema.org Dataset markup is checked; whether a
    search engine or repository has indexed it cannot be decided offline."""
    path = d.root / "dataset.schema.jsonld"
    ok, why = False, "dataset.schema.jsonld missing"
    if path.is_file():
        doc = json.loads(path.read_text(encoding="utf-8"))
        missing = [k for k in ("name", "description", "license", "creator", "distribution", "keywords")
                   if not doc.get(k)]
        ok = doc.get("@type") == "Dataset" and not missing
        why = "schema.org Dataset with name, description, licence, creator, keywords, downloads" if ok \
            else f"schema.org Dataset lacks {', '.join(missing) or '@type Dataset'}"
    return [Check("F4", PASS if ok else FAIL, "schema.org Dataset markup for dataset search", why),
            Check("F4", INFO, "registered in a searchable resource",
                  "not deposited yet (Zenodo release, README Publishing); not checkable offline")]


def a1_retrievable(d: Dist) -> list[Check]:
    """A1, A1.1, A1.2: retrievable over an open, free, standard protocol; every file in void.ttl is
    in dist/ with the byte size and SHA-256 that void.ttl states (each file hashed once; mskio.nt
    in the pass that reads its facts)."""
    rows = []
    problems = []
    distributions = d.distributions()
    for node in distributions:
        name, size, value = d.recorded(node)
        path = d.root / name
        if not path.is_file():
            problems.append(f"{name} missing")
        elif size is None or value is None:
            problems.append(f"{name} without size or checksum")
        elif d.digest(name) != (size, value):
            problems.append(f"{name} differs from void.ttl")
    rows.append(Check("A1", PASS if distributions and not problems else FAIL,
                      "files match their size and SHA-256 in void.ttl",
                      "; ".join(problems) or f"{len(distributions)} distributions verified"))
    urls = [d.void.text(x, str(DCAT.downloadURL)) or "" for x in distributions]
    https = all(u.startswith("https://") for u in urls) and bool(urls)
    rows.append(Check("A1.1", PASS if https else FAIL, "open, free, universal protocol",
                      "every download URL is https" if https else "a download URL is not https"))
    rows.append(Check("A1.2", PASS if https else FAIL, "authentication where necessary",
                      "none needed: open data over plain https" if https else "no https download"))
    return rows


def a2_metadata_persists(d: Dist) -> list[Check]:
    """A2: the metadata stands on its own (void.ttl, without the data) so it can outlive the data."""
    own = all(d.void.value(d.dataset, str(p)) is not None for p in (DCTERMS.title, DCTERMS.license, DCTERMS.description))
    return [Check("A2", PASS if own else FAIL, "metadata separate from the data",
                  "void.ttl describes the dataset without the dumps" if own else "void.ttl lacks title/licence"),
            Check("A2", INFO, "long-term archive",
                  "metadata outliving the web host needs a repository deposit (Zenodo); not done yet")]


OXIGRAPH_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
                    ".trig": ox.RdfFormat.TRIG}
"""The RDF files I1 checks, by extension, with the W3C format Oxigraph's parser reads them in."""


def i1_formal_language(d: Dist) -> list[Check]:
    """I1: every RDF file is in its W3C format (Turtle, N-Triples, JSON-LD, TriG). A file whose
    byte size and SHA-256 void.ttl states (the dumps) and that matches them is the file the build's
    writer produced, and a site page that matches the SHA-256 the build recorded for it
    (site/SHA256SUMS) likewise: neither is parsed again. Every other RDF file (description, ontology,
    report, nanopublications, per-review dumps, a dump or page that differs from its checksum, a
    page the checksum file does not list) is parsed by Oxigraph's parsers (JSON-LD with its inline
    context and no network); mskio.nt, when it differs, was parsed by load_dist, and void.ttl always
    was (by the same parser: load_dist fails on a broken one). The tree is walked once with os.scandir
    and paths kept as strings (pathlib's rglob, sorting and relative_to over the 311k files of 100
    reviews' dist/ cost more than hashing its 207k pages, 294 MiB, 2.6 s). The parses and hashes run
    on the worker threads when there are some (`Dist.well_formed`, `Dist.digest`, `_sha256_all`)."""
    recorded, problem = d.manifest if d.manifest is not None else read_site_manifest(d.root)
    bad: list[str] = [problem] if problem else []
    files = d.files()
    site_files = {name[len("site/"):] for name in files if name.startswith("site/")}
    rdf = [name for name in files if _rdf_format(name) is not None]
    root = str(d.root)
    stated = d.checksums()
    pages = [name for name in rdf if name.startswith("site/") and name[len("site/"):] in recorded]
    if d.site_pages is not None:  # hashed by the forked processes: only the pages that differ come back
        differ = d.site_pages.differing()
    else:
        digests = _sha256_all([os.path.join(root, name) for name in pages], d.pool)
        differ = {name for name, digest in zip(pages, digests) if digest != recorded[name[len("site/"):]]}
    parsed = verified = dumps = 0
    checked = set(pages)
    for name in rdf:
        if name in checked:
            verified += 1
            if name in differ:
                bad.append(f"{name} (differs from its SHA-256 in site/{MANIFEST})")
            continue
        if name in stated and d.digest(name) == stated[name]:
            dumps += 1
            continue
        parsed += 1
        if name in ("mskio.nt", "void.ttl"):
            continue  # parsed by load_dist, which fails on a broken file
        if not d.well_formed(name):
            bad.append(name)
    count, broken = parsed + verified + dumps, len([b for b in bad if not b.startswith(f"site/{MANIFEST}")])
    missing = sorted(p for p in recorded if p not in site_files)
    bad += [f"site/{p} (listed in site/{MANIFEST}, missing)" for p in missing[:5]]
    return [Check("I1", PASS if count and not bad else FAIL, "formal knowledge representation (RDF 1.1)",
                  f"{count - broken}/{count} RDF files well-formed ({parsed} parsed, {dumps} dumps match the "
                  f"SHA-256 in void.ttl, {verified} site pages match the SHA-256 the build recorded)"
                  + (f"; broken: {', '.join(bad[:10])}" if bad else ""))]


def _rdf_format(name: str) -> ox.RdfFormat | None:
    """The format I1 parses the file `name` in (by its extension), None if it is not an RDF file
    I1 checks (context.jsonld, a JSON-LD context, holds no triples). The extension is
    os.path.splitext's (the last dot's, leading dots of the name not counted), found without its
    generic code: I1 asks of each of the 576k files of 1,000 reviews' dist/, SitePages of each page."""
    base = name.rpartition("/")[2]
    if base == "context.jsonld":
        return None
    core = base.lstrip(".")
    dot = core.rfind(".")
    return OXIGRAPH_FORMATS.get(core[dot:]) if dot > 0 else None


def _well_formed(path: str) -> bool:
    """Whether the file parses in the format `_rdf_format` names for it (by Oxigraph's parser)."""
    fmt = _rdf_format(path)
    if fmt is None:
        raise ValueError(f"not an RDF file I1 checks: {path}")
    try:
        for _ in ox.parse(path=path, format=fmt):
            pass
    except (SyntaxError, ValueError, OSError):
        return False
    return True


def _file_digest(path: str) -> tuple[int, str | None]:
    """The file's byte size (-1 if it is not a regular file) and SHA-256 (`_sha256`)."""
    return (os.path.getsize(path) if os.path.isfile(path) else -1), _sha256(path)


SITE_BATCH = 256
"""Site pages one worker thread hashes in one job (207k pages at 100 reviews)."""

FORKED_PAGES = 20_000
"""From this many recorded site pages on, `run_checks` hashes them in WORKERS forked processes
(`SitePages`) instead of on its threads."""


def read_site_manifest(root: Path) -> tuple[dict[str, str], str]:
    """The SHA-256 of each file site/SHA256SUMS lists (relative to site/), and what is wrong with
    the checksum file ('' if nothing; no file lists nothing)."""
    manifest_file = root / "site" / MANIFEST
    if not manifest_file.is_file():
        return {}, ""
    try:
        return read_manifest(manifest_file.read_text(encoding="utf-8")), ""
    except (ValueError, UnicodeDecodeError) as exc:
        return {}, f"site/{MANIFEST} ({exc})"


class SitePages:
    """The site's RDF pages that site/SHA256SUMS lists, hashed and compared with their recorded
    SHA-256 by WORKERS processes forked at once (each takes every WORKERS-th page), which send back
    only the pages that differ or cannot be read. At 1,000 reviews, the 367k pages took 5.0-8.2 s
    on two threads, which share the interpreter's lock between the hashes, and 2.8 s in two
    processes. Made by `run_checks` before its threads start (a fork beside a running thread can
    leave the child a lock that thread held), and only then."""

    def __init__(self, root: Path, recorded: dict[str, str]) -> None:
        site = str(root / "site")
        names = [name for name in recorded if _rdf_format(name) is not None]
        self._hashers = [Forked(_differing_pages, site, names[index::WORKERS], recorded, name=f"mskio-fair-{index + 1}")
                         for index in range(WORKERS)]

    @classmethod
    def start(cls, root: Path, recorded: dict[str, str]) -> SitePages | None:
        """The forked processes for the site of dist/ `root`, whose site/SHA256SUMS lists
        `recorded`; None where they are not worth a fork (fewer than FORKED_PAGES pages listed) or
        not safe (another thread runs)."""
        if threading.active_count() > 1 or len(recorded) < FORKED_PAGES:
            return None
        return cls(root, recorded)

    def differing(self) -> set[str]:
        """The pages (site/...) whose SHA-256 differs from the recorded one or that cannot be
        read, waited for."""
        return {f"site/{name}" for hasher in self._hashers for name in hasher.result()}

    def stop(self) -> None:
        """End the processes that still work (the checks failed before they were needed)."""
        for hasher in self._hashers:
            hasher.stop()


def _differing_pages(site: str, names: list[str], recorded: dict[str, str]) -> list[str]:
    """Those of `names` (relative to the directory `site`) whose SHA-256 is not `recorded`'s (one
    forked process of SitePages)."""
    return [name for name in names if _sha256(os.path.join(site, name)) != recorded[name]]


def _sha256_all(paths: list[str], pool: ThreadPoolExecutor | None) -> list[str | None]:
    """`_sha256` of each path, in order; on the pool's threads, SITE_BATCH paths a job."""
    if pool is None:
        return [_sha256(path) for path in paths]
    batches = [paths[i:i + SITE_BATCH] for i in range(0, len(paths), SITE_BATCH)]
    return [digest for batch in pool.map(_sha256_each, batches) for digest in batch]


def _sha256_each(paths: list[str]) -> list[str | None]:
    """`_sha256` of each path, in order (one job of `_sha256_all`)."""
    return [_sha256(path) for path in paths]


MAPPED = 1 << 20
"""Files of at least this many bytes are hashed mapped into memory, WINDOW bytes a call (hashlib
lets go of the interpreter's lock for it; about 15 % less CPU than reading them in pieces)."""

WINDOW = 1 << 26
"""Bytes of a file mapped at a time by `_sha256` (a multiple of mmap.ALLOCATIONGRANULARITY): each
window is unmapped once hashed, so the process's resident size does not grow with the file."""


def _sha256(path: str) -> str | None:
    """The file's SHA-256 (hex), None if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < MAPPED:
                return hashlib.file_digest(handle, "sha256").hexdigest()
            digest = hashlib.sha256()
            for offset in range(0, size, WINDOW):
                with mmap.mmap(handle.fileno(), min(WINDOW, size - offset), access=mmap.ACCESS_READ,
                               offset=offset) as mapped:
                    digest.update(mapped)
            return digest.hexdigest()
    except (OSError, ValueError):  # ValueError: a file that shrank before it was mapped
        return None


def i2_vocabularies(d: Dist) -> list[Check]:
    """I2: the vocabularies used are published standards, or mskio's own ontology (with its own
    header), and every predicate of the data is in one of the vocabularies void.ttl declares (read
    in mskio.nt when it is parsed; from the property partitions of the build's dump otherwise, see
    `_scanned_facts`)."""
    vocabularies = {v.value for v in d.void.objects(d.dataset, str(VOID.vocabulary))}
    own = {str(MSKIO)}
    unknown = sorted(vocabularies - STANDARD_VOCABULARIES - own)
    undeclared = sorted(d.facts.undeclared)
    ok = bool(vocabularies) and not unknown and not undeclared
    how = ("; the data's predicates as void:propertyPartition lists them (their void:triples add up to the "
           "data triples in mskio.nt)") if d.facts.method == "scanned" else ""
    return [Check("I2", PASS if ok else FAIL, "FAIR vocabularies",
                  f"{len(vocabularies)} vocabularies ({len(vocabularies - own)} standard, mskio ontology)"
                  + (f"; unknown {unknown}" if unknown else "") + (f"; undeclared {undeclared[:3]}" if undeclared else "")
                  + how)]


def i3_qualified_links(d: Dist) -> list[Check]:
    """I3: qualified references to other datasets: DOIs, MeSH themes, and the SKOS mappings of the
    published ontology (dist/ontology/mskio.ttl, when the build wrote it) to MeSH, NCIt, MONDO ..."""
    external = set(d.facts.external)
    own = _own_namespaces(d.base)
    ontology = d.root / "ontology" / "mskio.ttl"
    if ontology.is_file():
        try:
            for quad in ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE):
                o = quad.object
                if isinstance(o, ox.NamedNode) and not o.value.startswith(own):
                    external.add((quad.predicate.value, o.value))
        except (SyntaxError, ValueError, OSError):
            pass  # not well-formed: I1 names it
    by_kind = {
        "DOI": len({o for _, o in external if o.startswith("https://doi.org/")}),
        "MeSH": len({o for _, o in external if o.startswith("http://id.nlm.nih.gov/mesh/")}),
        "SKOS mappings": sum(1 for p, _ in external if p.startswith(str(SKOS)) and p.endswith("Match")),
    }
    ok = by_kind["DOI"] > 0 and by_kind["MeSH"] > 0
    return [Check("I3", PASS if ok else FAIL, "qualified links to other datasets",
                  ", ".join(f"{n} {k}" for k, n in by_kind.items())
                  + f" ({len({o for _, o in external})} distinct external IRIs)")]


def r1_attributes(d: Dist) -> list[Check]:
    """R1: plurality of accurate attributes: the VoID statistics agree with the files: void:triples
    is the number of triples mskio.nt holds (data and description, as a consumer counting the dump
    finds), and the class partitions are stated."""
    stated = d.void.text(d.dataset, str(VOID.triples))
    classes = len(d.void.objects(d.dataset, str(VOID.classPartition)))
    actual, data = d.facts.triples, d.facts.data
    ok = stated is not None and stated.isdigit() and int(stated) == actual and classes > 0
    return [Check("R1", PASS if ok else FAIL, "accurate statistics",
                  f"void:triples {stated} vs {actual} triples in mskio.nt ({data} data, "
                  f"{actual - data} description), {classes} class partitions")]


def r11_licence(d: Dist) -> list[Check]:
    """R1.1: a clear, machine-readable licence on the dataset and every distribution; the rights of
    reproduced third-party text stated."""
    licence = d.void.text(d.dataset, str(DCTERMS.license))
    distributions = d.distributions()
    unlicensed = [x for x in distributions if d.void.value(x, str(DCTERMS.license)) is None]
    abstracts = set(d.facts.abstracts)
    covered = {d.void.text(r.value, str(DCTERMS.references)) for r in d.void.objects(d.dataset, str(DCTERMS.rights))}
    uncovered = abstracts - covered
    ok = licence in KNOWN_LICENCES and not unlicensed and not uncovered
    return [Check("R1.1", PASS if ok else FAIL, "clear usage licence",
                  f"dataset {licence}; {len(distributions) - len(unlicensed)}/{len(distributions)} distributions "
                  f"licensed; {len(abstracts) - len(uncovered)}/{len(abstracts)} reproduced abstracts carry the "
                  f"publisher's rights")]


def r12_provenance(d: Dist) -> list[Check]:
    """R1.2: detailed provenance: the build activity, its agent and inputs with checksums, and every
    reference entry, cited work and indication traceable to its source."""
    activity = d.void.text(d.dataset, str(PROV.wasGeneratedBy))
    used = [u.value for u in d.void.objects(activity, str(PROV.used))] if activity is not None else []
    with_checksum = [u for u in used if d.void.value(u, str(SPDX.checksum)) is not None]
    agent = d.void.value(activity, str(PROV.wasAssociatedWith)) if activity is not None else None
    f = d.facts
    ok = (activity is not None and agent is not None and bool(used) and len(with_checksum) == len(used)
          and f.entries == f.traced_entries and f.works == f.traced_works and f.indications == f.quoted)
    return [Check("R1.2", PASS if ok else FAIL, "detailed provenance (PROV-O)",
                  f"build used {len(used)} files ({len(with_checksum)} with SHA-256), agent "
                  f"{'named' if agent is not None else 'MISSING'}; {len(f.traced_entries)}/{len(f.entries)} entries, "
                  f"{len(f.traced_works)}/{len(f.works)} works, {len(f.quoted)}/{len(f.indications)} indications traced")]


def r13_standards(d: Dist) -> list[Check]:
    """R1.3: community standards: the SHACL report says the graph conforms; nanopublications have
    the four graphs nanopub tools expect (a head naming assertion, provenance and pubinfo graphs,
    each non-empty), read by Oxigraph's TriG parser."""
    rows = []
    conforms = d.conforms.result() if d.conforms is not None else _conforms(str(d.root / "validation.ttl"))
    rows.append(Check("R1.3", PASS if conforms is True else FAIL, "conforms to the mskio SHACL shapes",
                      f"validation.ttl sh:conforms {conforms}"))
    nanopubs = sorted((d.root / "nanopubs").glob("*.trig"))
    broken = [np_path.name for np_path in nanopubs if not _nanopub_well_formed(np_path)]
    indications = len(d.facts.indications)
    ok = not broken and len(nanopubs) == indications
    status = (PASS if ok else FAIL) if indications or nanopubs else INFO
    rows.append(Check("R1.3", status, "nanopublications well-formed",
                      f"{len(nanopubs) - len(broken)}/{len(nanopubs)} nanopubs with head, assertion, provenance, "
                      f"pubinfo; {indications} indications in the graph"
                      + (f"; broken: {', '.join(broken)}" if broken else "")))
    return rows



def _conforms(path: str) -> bool | None:
    """The sh:conforms of the SHACL report at `path` (the first in `RdfIndex` order), None if the
    file is missing, not well-formed (I1 says so) or states no boolean."""
    if not os.path.isfile(path):
        return None
    try:
        report = _parse_small(Path(path), ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError):
        return None  # not well-formed: I1 says so; no conformance can be read from it
    values = [o for props in report.index.values() for o in props.get(str(SH.conforms), {})]
    value = values[0] if values else None
    if isinstance(value, ox.Literal) and value.datatype.value == XSD_BOOLEAN:
        return {"true": True, "1": True, "false": False, "0": False}.get(value.value)
    return None


def _nanopub_well_formed(path: Path) -> bool:
    """One np:Nanopublication whose head graph names an assertion, a provenance and a pubinfo
    graph, each holding at least one triple."""
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except (SyntaxError, ValueError, OSError):
        return False  # I1 names the file too
    rdf_type, nanopub = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(NP.Nanopublication))
    heads = [(q.subject, q.graph_name) for q in quads if q.predicate == rdf_type and q.object == nanopub]
    if len(heads) != 1:
        return False
    this, head = heads[0]
    graphs = {q.graph_name for q in quads}
    for predicate in (NP.hasAssertion, NP.hasProvenance, NP.hasPublicationInfo):
        part = next((q.object for q in quads if q.subject == this and q.graph_name == head
                     and q.predicate.value == str(predicate)), None)
        if part is None or part not in graphs:
            return False
    return True


CHECKS: tuple[Callable[[Dist], list[Check]], ...] = (
    f1_identifiers, f2_rich_metadata, f3_identifier_in_metadata, f4_indexable, a1_retrievable,
    a2_metadata_persists, i1_formal_language, i2_vocabularies, i3_qualified_links, r1_attributes,
    r11_licence, r12_provenance, r13_standards,
)
"""Every check, in the order of the FAIR principles."""


WORKERS = 2
"""Worker threads of `run_checks` (hashing, parsing) beside the thread that scans mskio.nt."""


def run_checks(root: Path) -> tuple[Check, ...]:
    """Every check on the dist/ directory `root` (with WORKERS threads hashing and parsing)."""
    manifest = read_site_manifest(root)
    site_pages = SitePages.start(root, manifest[0])  # forked before any thread of this process starts
    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="mskio-fair")
    try:
        d = load_dist(root, pool=pool, manifest=manifest, site_pages=site_pages)
        return tuple(row for check in CHECKS for row in check(d))
    finally:
        pool.shutdown(cancel_futures=True)  # on an error, the jobs not started yet are dropped
        if site_pages is not None:
            site_pages.stop()


def table(rows: tuple[Check, ...]) -> str:
    """The plain-text table `mskio fair` prints, then a count line."""
    width = max(len(r.title) for r in rows)
    lines = [f"{'principle':<9}  {'result':<6}  {'check':<{width}}  why", "-" * (width + 40)]
    lines += [f"{r.principle:<9}  {r.status:<6}  {r.title:<{width}}  {r.reason}" for r in rows]
    counts = {s: sum(1 for r in rows if r.status == s) for s in (PASS, FAIL, INFO)}
    lines.append(f"FAIR self-check: {counts[PASS]} PASS, {counts[FAIL]} FAIL, {counts[INFO]} INFO (not checkable offline)")
    return "\n".join(lines) + "\n"
