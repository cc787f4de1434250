"""Each indication claim of a review as a nanopublication (TriG), made from the built graph.

For an indication <base>indication/{source}/{id} the nanopublication is
<base>nanopub/{source}/{id} (`this:`), with four named graphs `sub:Head`, `sub:assertion`,
`sub:provenance` and `sub:pubinfo` (`sub:` = this: + "#"):
  head        this: a np:Nanopublication; np:hasAssertion, np:hasProvenance, np:hasPublicationInfo
  assertion   the claim: the indication's rdf:type, rdfs:label, mskio:statedIn, mskio:indicationProcedure,
              mskio:indicationCondition, mskio:excludedCondition, mskio:treatmentIntent,
              mskio:indicationStatus (what the review states; not mskio:inferredEvidence, which is
              mskio's inference, nor the quotation, which is provenance)
  provenance  sub:assertion prov:wasQuotedFrom the stating work and prov:wasDerivedFrom sub:quotation,
              a prov:Entity whose prov:value is the abstract sentence verbatim (mskio:abstractSentence)
              and mskio:abstractPhrase the words naming the indication; the quotation
              prov:wasQuotedFrom the stating work and prov:wasDerivedFrom the source file entity
  pubinfo     this: dcterms:created (the build time), dcterms:creator and prov:wasAttributedTo the
              dataset's creator, dcterms:license (CC0 1.0), prov:wasGeneratedBy the build,
              dcterms:isPartOf the dataset
The nanopublications are not signed and their IRIs are not trusty URIs (that needs a key and
publishing to the nanopub network: see README, Publishing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from mskio.iris import slug
from mskio.metadata import CC0, dataset_iri
from mskio.namespaces import MSKIO, NP, PROV, bind_prefixes

ASSERTED = (RDF.type, RDFS.label, MSKIO.statedIn, MSKIO.indicationProcedure, MSKIO.indicationCondition,
            MSKIO.excludedCondition, MSKIO.treatmentIntent, MSKIO.indicationStatus)
"""The properties of an indication that its nanopublication asserts."""


@dataclass(frozen=True)
class Nanopublication:
    """One nanopublication: its IRI, the file name it is written to, and its TriG bytes."""

    iri: URIRef
    file_name: str
    trig: bytes


def nanopub_iri(indication: URIRef, *, base: str) -> URIRef:
    """<base>nanopub/{rest} for the indication <base>indication/{rest}."""
    rest = str(indication)[len(base):].split("/", 1)[-1] if str(indication).startswith(base) \
        else slug(str(indication))
    return URIRef(f"{base}nanopub/{rest}")


def indications(graph: Graph) -> list[URIRef]:
    """Every mskio:Indication of the graph, sorted."""
    return sorted(s for s in graph.subjects(RDF.type, MSKIO.Indication) if isinstance(s, URIRef))


def nanopublication(
    graph: Graph,
    indication: URIRef,
    *,
    base: str,
    build_time: dt.datetime,
    build: URIRef | None = None,
    creator: URIRef | None = None,
) -> Nanopublication:
    """The nanopublication of `indication` (see the module doc for what each graph holds).
    `build` is the build activity and `creator` the dataset's creator, when known."""
    this = nanopub_iri(indication, base=base)
    sub = f"{this}#"
    head_g, assertion_g = URIRef(sub + "Head"), URIRef(sub + "assertion")
    provenance_g, pubinfo_g = URIRef(sub + "provenance"), URIRef(sub + "pubinfo")
    quotation = URIRef(sub + "quotation")

    dataset = Dataset()
    head = dataset.graph(head_g)
    head.add((this, RDF.type, NP.Nanopublication))
    head.add((this, NP.hasAssertion, assertion_g))
    head.add((this, NP.hasProvenance, provenance_g))
    head.add((this, NP.hasPublicationInfo, pubinfo_g))

    assertion = dataset.graph(assertion_g)
    for predicate in ASSERTED:
        for value in graph.objects(indication, predicate):
            assertion.add((indication, predicate, value))

    provenance = dataset.graph(provenance_g)
    stated_in = graph.value(indication, MSKIO.statedIn)
    sentence = graph.value(indication, MSKIO.abstractSentence)
    phrase = graph.value(indication, MSKIO.abstractPhrase)
    if isinstance(stated_in, URIRef):
        provenance.add((assertion_g, PROV.wasQuotedFrom, stated_in))
    if sentence is not None:
        provenance.add((assertion_g, PROV.wasDerivedFrom, quotation))
        provenance.add((quotation, RDF.type, PROV.Entity))
        provenance.add((quotation, PROV.value, Literal(str(sentence))))
        if phrase is not None:
            provenance.add((quotation, MSKIO.abstractPhrase, Literal(str(phrase))))
        if isinstance(stated_in, URIRef):
            provenance.add((quotation, PROV.wasQuotedFrom, stated_in))
            for source in graph.objects(stated_in, PROV.wasDerivedFrom):
                provenance.add((quotation, PROV.wasDerivedFrom, source))

    pubinfo = dataset.graph(pubinfo_g)
    when = build_time.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    pubinfo.add((this, DCTERMS.created, Literal(when, datatype=XSD.dateTime)))
    pubinfo.add((this, DCTERMS.license, CC0))
    pubinfo.add((this, DCTERMS.isPartOf, dataset_iri(base)))
    if creator is not None:
        pubinfo.add((this, DCTERMS.creator, creator))
        pubinfo.add((this, PROV.wasAttributedTo, creator))
    if build is not None:
        pubinfo.add((this, PROV.wasGeneratedBy, build))

    return Nanopublication(this, slug(str(this)[len(base):].split("/", 1)[-1]) + ".trig", _trig(dataset, this))


def _trig(dataset: Dataset, this: URIRef) -> bytes:
    """TriG with `this:` and `sub:` prefixes, graphs in head-assertion-provenance-pubinfo order,
    triples sorted within each graph, only the prefixes in use declared (deterministic)."""
    names = bind_prefixes(Graph())
    own = {"this": str(this), "sub": f"{this}#", "np": str(NP)}
    for prefix, namespace in own.items():
        names.bind(prefix, namespace, override=True, replace=True)
    manager = names.namespace_manager
    graphs = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    body: list[str] = []
    for name in ("Head", "assertion", "provenance", "pubinfo"):
        graph = graphs.get(f"{this}#{name}")
        if graph is None:
            continue
        body.append(f"sub:{name} {{")
        for triple in sorted(graph, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
            body.append("  " + " ".join(term.n3(manager) for term in triple) + " .")
        body += ["}", ""]
    text = "\n".join(body)
    declared = {prefix: str(ns) for prefix, ns in manager.namespaces()}
    used = sorted(p for p in declared if p in own or f" {p}:" in text or f"^^{p}:" in text)
    header = [f"@prefix {p}: <{declared[p]}> ." for p in used]
    return ("\n".join(header) + "\n\n" + text).encode("utf-8")


def nanopublications(
    graph: Graph, *, base: str, build_time: dt.datetime, build: URIRef | None = None,
    creator: URIRef | None = None,
) -> tuple[Nanopublication, ...]:
    """One nanopublication per mskio:Indication of `graph`, sorted by IRI."""
    return tuple(nanopublication(graph, i, base=base, build_time=build_time, build=build, creator=creator)
                 for i in indications(graph))
