"""Nanopublications: one TriG per indication, in the structure nanopub tools expect, checked with the
nanopub Rust toolkit (nanopub-sign) and by reading the graphs.

The abstract (line 6 of data/sources/percutaneous-cryoablation-review.txt) states three well-established
indications (osteoid osteoma; palliation of painful skeletal metastases; local control of oligometastatic
disease) and six emerging ones (painful benign bone tumours beyond osteoid osteoma; desmoid fibromatosis;
vascular anomalies; abdominal wall endometriosis; local recurrences of bone sarcoma and of soft tissue
sarcoma): nine claims.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nanopub_sign
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from mskio.namespaces import MSKIO, NP, PROV
from mskio.nanopub import nanopublication
from tests.conftest import REVIEW_IRI, SOURCE

BASE = "https://w3id.org/mskio/"
ABSTRACT = SOURCE.read_text(encoding="utf-8").splitlines()[5]  # line 6
INDICATION_IDS = [  # the ids data/curation/percutaneous-cryoablation-review.yaml gives the nine claims
    "osteoid-osteoma", "painful-skeletal-metastases", "oligometastatic-disease", "benign-bone-tumours",
    "desmoid-fibromatosis", "vascular-anomalies", "abdominal-wall-endometriosis", "local-recurrence-bone-sarcoma",
    "local-recurrence-soft-tissue-sarcoma",
]


def load(path: Path) -> tuple[Dataset, URIRef]:
    ds = Dataset()
    ds.parse(path, format="trig")
    heads = [s for s, _, _, _ in ds.quads((None, RDF.type, NP.Nanopublication, None))]
    assert len(heads) == 1
    return ds, URIRef(str(heads[0]))


def graph_of(ds: Dataset, this: URIRef, predicate: URIRef) -> Graph:
    names = [o for _, _, o, _ in ds.quads((this, predicate, None, None))]
    assert len(names) == 1, predicate
    return ds.graph(URIRef(str(names[0])))


@pytest.fixture(scope="module")
def nanopubs(dist: Path) -> list[Path]:
    files = sorted((dist / "nanopubs").glob("*.trig"))
    assert files
    return files


def test_one_nanopub_per_indication_nine_in_all(nanopubs: list[Path], dist: Path) -> None:
    data = Graph().parse(dist / "mskio.nt", format="nt")
    indications = set(data.subjects(RDF.type, MSKIO.Indication))
    assert len(indications) == 9
    asserted = set()
    for path in nanopubs:
        ds, this = load(path)
        asserted |= set(graph_of(ds, this, NP.hasAssertion).subjects(RDF.type, MSKIO.Indication))
    assert asserted == indications and len(nanopubs) == 9
    assert {p.name for p in nanopubs} == {f"10-1055-a-2744-8457-{i}.trig" for i in INDICATION_IDS}


@pytest.mark.parametrize("ident", INDICATION_IDS, ids=INDICATION_IDS)
def test_nanopub_structure(ident: str, dist: Path) -> None:
    path = dist / "nanopubs" / f"10-1055-a-2744-8457-{ident}.trig"
    ds, this = load(path)
    head = [g for g in ds.graphs() if (this, RDF.type, NP.Nanopublication) in g][0]
    assert str(head.identifier) == f"{this}#Head"
    assertion = graph_of(ds, this, NP.hasAssertion)
    provenance = graph_of(ds, this, NP.hasProvenance)
    pubinfo = graph_of(ds, this, NP.hasPublicationInfo)
    assert len(assertion) and len(provenance) and len(pubinfo)
    # the assertion: the claim the review states
    indication = next(assertion.subjects(RDF.type, MSKIO.Indication))
    assert (indication, MSKIO.statedIn, URIRef(REVIEW_IRI)) in assertion
    assert assertion.value(indication, MSKIO.indicationStatus) in {MSKIO.WellEstablished, MSKIO.Emerging}
    assert assertion.value(indication, MSKIO.indicationProcedure) is not None
    assert not list(assertion.objects(indication, MSKIO.inferredEvidence))  # mskio's inference is not the claim
    # the provenance cites the abstract sentence, verbatim
    assert (assertion.identifier, PROV.wasQuotedFrom, URIRef(REVIEW_IRI)) in provenance
    quotation = provenance.value(assertion.identifier, PROV.wasDerivedFrom)
    sentence = str(provenance.value(quotation, PROV.value))
    assert sentence in ABSTRACT and sentence.endswith(".")
    phrase = str(provenance.value(quotation, MSKIO.abstractPhrase))
    assert phrase in sentence
    # the publication info: creator and creation date
    assert isinstance(pubinfo.value(this, DCTERMS.creator), URIRef)
    created = pubinfo.value(this, DCTERMS.created)
    assert isinstance(created, Literal) and created.datatype == XSD.dateTime
    # the nanopub toolkit agrees (check() raises on an invalid nanopub) and finds the same four graphs
    info = nanopub_sign.Nanopub(path.read_text(encoding="utf-8")).check().info()
    assert info["uri"]["value"] == str(this)
    assert (info["head"]["value"], info["assertion"]["value"], info["prov"]["value"], info["pubinfo"]["value"]) == (
        f"{this}#Head", str(assertion.identifier), str(provenance.identifier), str(pubinfo.identifier))


def test_well_established_and_emerging_counts(nanopubs: list[Path]) -> None:
    statuses = []
    for path in nanopubs:
        ds, this = load(path)
        assertion = graph_of(ds, this, NP.hasAssertion)
        statuses += [str(s) for s in assertion.objects(None, MSKIO.indicationStatus)]
    assert sorted(statuses) == sorted([str(MSKIO.WellEstablished)] * 3 + [str(MSKIO.Emerging)] * 6)


def test_toolkit_rejects_a_nanopub_without_pubinfo(nanopubs: list[Path]) -> None:
    text = nanopubs[0].read_text(encoding="utf-8")
    start = text.index("sub:pubinfo {")
    broken = text[:start] + text[text.index("}", start) + 1:]
    with pytest.raises(Exception, match="pubinfo"):
        nanopub_sign.Nanopub(broken).check()


def test_nanopub_from_a_hand_made_graph() -> None:
    g = Graph()
    indication = URIRef(f"{BASE}indication/10-1-x/thing")
    review = URIRef("https://doi.org/10.1/x")
    g.add((indication, RDF.type, MSKIO.Indication))
    g.add((indication, MSKIO.statedIn, review))
    g.add((indication, MSKIO.indicationProcedure, MSKIO.Cryoablation))
    g.add((indication, MSKIO.indicationStatus, MSKIO.Emerging))
    g.add((indication, MSKIO.abstractSentence, Literal("Cryoablation treats things.")))
    g.add((indication, MSKIO.inferredEvidence, URIRef(f"{BASE}work/2020-a-12345678")))
    np = nanopublication(g, indication, base=BASE, build_time=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                         creator=URIRef(f"{BASE}dataset/agent/mskio-developers"))
    assert str(np.iri) == f"{BASE}nanopub/10-1-x/thing" and np.file_name == "10-1-x-thing.trig"
    ds = Dataset()
    ds.parse(data=np.trig.decode("utf-8"), format="trig")
    assertion = ds.graph(URIRef(f"{np.iri}#assertion"))
    assert len(assertion) == 4  # type, statedIn, procedure, status; not the evidence nor the sentence
    provenance = ds.graph(URIRef(f"{np.iri}#provenance"))
    assert (URIRef(f"{np.iri}#quotation"), PROV.value, Literal("Cryoablation treats things.")) in provenance
    assert nanopub_sign.Nanopub(np.trig.decode("utf-8")).check().info()["uri"]["value"] == str(np.iri)
