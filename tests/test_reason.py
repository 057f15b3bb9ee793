"""HermiT over the shipped ontology: consistency, inferred roll-ups, named clashes."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF

from kg.reason import check_consistency
from kg.vocab import MLKG, RES

SUPER = RES["model/super"]
NANO = RES["model/nano"]
LATENTMOE = RES["technique/latentmoe"]
MOE = RES["technique/mixture-of-experts"]
EVIDENCE = RES["evidence/1"]

DATA = """
@prefix mlkg: <https://w3id.org/mlkg/ontology#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/mlkg/resource/model/super> a mlkg:Model ; rdfs:label "Super"@en ;
    mlkg:usesTechnique <https://w3id.org/mlkg/resource/technique/latentmoe> ;
    mlkg:totalParameters 120000000000 .
<https://w3id.org/mlkg/resource/model/nano> a mlkg:Model ;
    mlkg:prunedFrom <https://w3id.org/mlkg/resource/model/super> .
<https://w3id.org/mlkg/resource/paper/p> a mlkg:Paper ;
    dcterms:abstract "Super leverages LatentMoE." ; dcterms:issued "2026-01-02"^^xsd:date ;
    dcterms:creator [ a mlkg:Person ; rdfs:label "Ada" ] ;
    mlkg:introduces <https://w3id.org/mlkg/resource/model/super> .
<https://w3id.org/mlkg/resource/evidence/1> a mlkg:Evidence, rdf:Statement ;
    rdf:subject <https://w3id.org/mlkg/resource/model/super> ;
    rdf:predicate mlkg:usesTechnique ;
    rdf:object <https://w3id.org/mlkg/resource/technique/latentmoe> ;
    prov:wasDerivedFrom <https://w3id.org/mlkg/resource/paper/p> ;
    mlkg:sentence "Super leverages LatentMoE." ; mlkg:confidence 0.9 .
"""


def graph(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


@pytest.fixture(scope="module")
def report():
    return check_consistency(graph(DATA))


def test_shipped_ontology_is_consistent():
    result = check_consistency(Graph())
    assert result.consistent, result.problems
    assert result.problems == []
    assert len(result.inferred) == 0  # no data, so nothing about the data's entities
    assert result.seconds > 0


def test_inferences_roll_up_techniques_and_lineage(report):
    assert report.consistent, report.problems
    inferred = report.inferred
    # property chain usesTechnique o skos:broader, LatentMoE -> Mixture of Experts
    assert (SUPER, MLKG.usesTechnique, MOE) in inferred
    # prunedFrom is a sub-property of derivedFrom, itself under hasAncestor
    assert (NANO, MLKG.derivedFrom, SUPER) in inferred
    assert (NANO, MLKG.hasAncestor, SUPER) in inferred
    assert (SUPER, MLKG.hasDerivative, NANO) in inferred
    assert (SUPER, MLKG.introducedIn, RES["paper/p"]) in inferred
    # only new triples, and nothing about the dropped evidence node
    assert (SUPER, MLKG.usesTechnique, LATENTMOE) not in inferred
    assert (NANO, MLKG.prunedFrom, SUPER) not in inferred
    assert (SUPER, RDF.type, MLKG.Model) not in inferred
    assert EVIDENCE not in set(inferred.subjects()) | set(inferred.objects())


def test_lineage_is_transitive(capfd):
    pico = RES["model/pico"]
    data = graph(DATA)
    data.add((pico, MLKG.distilledFrom, NANO))
    result = check_consistency(data)
    assert result.consistent, result.problems
    assert (pico, MLKG.hasAncestor, SUPER) in result.inferred
    assert (pico, RDF.type, MLKG.Model) in result.inferred  # from the domain of derivedFrom
    assert capfd.readouterr() == ("", "")  # owlready2 and Java chatter stays captured


def test_model_and_technique_is_inconsistent_and_named():
    data = graph(DATA)
    data.add((SUPER, RDF.type, MLKG.Technique))
    result = check_consistency(data)
    assert not result.consistent
    assert "inconsistent" in result.problems[0]
    (clash,) = result.clashes
    assert clash.individual == str(SUPER)
    assert "mlkg:Model" in clash.message and "mlkg:Technique" in clash.message
    # asserted types carry no evidence of their own: the paper naming the model stands in
    assert clash.triples == ("res:model/super a mlkg:Model", "res:model/super a mlkg:Technique")
    assert any(str(SUPER) in p and "mlkg:Technique" in p for p in result.problems[1:])
    assert len(result.inferred) == 0
    (diag,) = result.diagnostics()
    assert diag.severity == "error" and diag.where == str(SUPER)


def test_clash_through_a_range_names_the_fact_and_its_evidence():
    """A model taken for a technique by a misread usesTechnique: the fact and its sentence."""
    data = graph(DATA)
    data.add((SUPER, MLKG.usesTechnique, NANO))
    ev = RES["evidence/2"]
    for p, o in ((RDF.subject, SUPER), (RDF.predicate, MLKG.usesTechnique), (RDF.object, NANO),
                 (PROV.wasDerivedFrom, RES["paper/p"]), (MLKG.sentence, Literal("Super uses Nano."))):
        data.add((ev, p, o))
    result = check_consistency(data)
    assert not result.consistent
    (clash,) = result.clashes
    assert clash.individual == str(NANO)
    assert "res:model/super mlkg:usesTechnique res:model/nano" in clash.triples
    assert [(e.evidence, e.paper, e.sentence) for e in clash.support] == [
        (str(ev), str(RES["paper/p"]), "Super uses Nano.")]
    assert 'res:paper/p: "Super uses Nano."' in str(clash)


def test_each_clash_in_a_graph_is_named():
    """One HermiT run (a JVM start each): a figure outside its range, a model derived
    from itself (derivedFrom is irreflexive, its kinds too), and an organisation where
    mentions wants a model, technique, dataset or benchmark (mlkg:PaperTopic)."""
    data = graph(DATA)
    org = RES["org/nvidia"]
    data.add((NANO, MLKG.totalParameters, Literal("twelve")))
    data.add((NANO, MLKG.distilledFrom, NANO))
    data.add((org, RDF.type, MLKG.Organization))
    data.add((RES["paper/p"], MLKG.mentions, org))
    result = check_consistency(data)
    assert not result.consistent
    assert any(str(NANO) in p and '"twelve"' in p for p in result.problems)
    clashes = {(c.individual, c.triples) for c in result.clashes}
    assert (str(NANO), ("res:model/nano mlkg:distilledFrom res:model/nano",)) in clashes
    assert (str(org), ("res:org/nvidia a mlkg:Organization",
                       "res:paper/p mlkg:mentions res:org/nvidia")) in clashes
    assert len(result.clashes) == 3


def test_lineage_rolls_up_to_prov_and_descendants_but_successors_are_no_ancestors():
    data = graph(DATA)
    older = RES["model/older"]
    data.add((older, RDF.type, MLKG.Model))
    data.add((SUPER, MLKG.successorOf, older))
    result = check_consistency(data)
    assert result.consistent, result.problems
    assert (NANO, PROV.wasDerivedFrom, SUPER) in result.inferred
    assert (SUPER, MLKG._NS["hasDescendant"], NANO) in result.inferred
    # a successor is a newer generation, not made from the older model's weights
    assert (SUPER, MLKG.hasAncestor, older) not in result.inferred
    assert (NANO, MLKG.hasAncestor, older) not in result.inferred
