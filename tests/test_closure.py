"""The closure rules (kg.closure) give exactly HermiT's inferred graph and verdict."""

import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.closure import load_tbox, materialise, read_schema
from kg.pipeline import extract_graph
from kg.reason import CLOSURE_ABOVE, check_consistency, choose, closure_report, run_reasoner
from kg.vocab import MLKG, RES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # noqa: E402  (bench/ is scripts, not a package)

FIXTURE = Path(__file__).parent / "data" / "fixture.ttl"
SUPER, NANO, PICO = RES["model/super"], RES["model/nano"], RES["model/pico"]
DATA = """
@prefix mlkg: <https://w3id.org/mlkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix m: <https://w3id.org/mlkg/resource/model/> .
@prefix t: <https://w3id.org/mlkg/resource/technique/> .
m:super a mlkg:Model ; rdfs:label "Super"@en ; mlkg:usesTechnique t:latentmoe, t:invented ;
    mlkg:comparedWith m:other ; mlkg:totalParameters 120000000000 .
t:invented skos:broader t:hybrid-mamba-transformer .
m:nano mlkg:prunedFrom m:super ; mlkg:distilledFrom m:super ; mlkg:successorOf m:older .
m:pico mlkg:quantizedFrom m:nano .
m:figures mlkg:contextLength 4096 .
<https://w3id.org/mlkg/resource/paper/p> a mlkg:Paper ; dcterms:abstract "Super uses LatentMoE." ;
    dcterms:creator [ a mlkg:Person ; rdfs:label "Ada" ] ;
    mlkg:introduces m:super, t:invented ; mlkg:mentions m:nano .
"""


def same_as_hermit(data: Graph) -> tuple:
    """(HermiT's report, the closure's report) after checking they say the same."""
    hermit = check_consistency(data)
    closure = closure_report(data)
    assert closure.reasoner == "closure" and hermit.reasoner == "hermit"
    assert closure.consistent == hermit.consistent, (hermit.problems, closure.problems)
    assert set(closure.inferred) == set(hermit.inferred), (
        sorted(set(closure.inferred) ^ set(hermit.inferred)))
    assert isomorphic(closure.inferred, hermit.inferred)
    return hermit, closure


def test_seed_graph_infers_what_hermit_infers(seed_graph):
    hermit, closure = same_as_hermit(seed_graph)
    assert hermit.consistent and len(closure.inferred) > 100
    kinds = {p for _, p, _ in closure.inferred}
    # roll-ups, inverses, transitive closure and the technique-family chain are all there
    assert {MLKG.derivedFrom, MLKG.hasAncestor, MLKG.hasDescendant, MLKG.hasDerivative,
            MLKG.usesTechnique, MLKG.introducedIn, MLKG.mentions} <= kinds


def test_hand_written_graph_with_every_rule():
    data = Graph().parse(data=DATA, format="turtle")
    hermit, closure = same_as_hermit(data)
    inferred = closure.inferred
    assert (PICO, MLKG.hasAncestor, SUPER) in inferred  # transitive, through two kinds
    assert (SUPER, MLKG.hasDescendant, PICO) in inferred  # and its inverse
    assert (PICO, RDF.type, MLKG.Model) in inferred  # domain of a sub-property
    assert (RES["model/figures"], RDF.type, MLKG.Model) in inferred  # datatype domain
    # the chain follows skos:broader more than one step: invented -> hybrid -> mamba -> ssm
    assert (SUPER, MLKG.usesTechnique, RES["technique/state-space-model"]) in inferred
    assert (RES["model/other"], MLKG.comparedWith, SUPER) in inferred  # symmetric
    # HermiT's graph keeps facts about the data's subjects only: m:older is never one
    assert (RES["model/older"], RDF.type, MLKG.Model) not in inferred
    assert not any(isinstance(s, Literal) for s, _, _ in inferred)


def test_fixture_of_the_query_tests():
    same_as_hermit(Graph().parse(FIXTURE))


def test_synthetic_corpus(tmp_path):
    synth.generate(120, tmp_path / "c.jsonl", seed=3)
    graph = extract_graph([tmp_path / "c.jsonl"]).graph
    hermit, closure = same_as_hermit(graph)
    assert any(p == MLKG.hasAncestor for _, p, _ in closure.inferred)


@pytest.mark.parametrize("extra, individual", [
    ("m:super a mlkg:Technique .", "model/super"),  # two disjoint classes
    ("m:nano mlkg:usesTechnique m:super .", "model/super"),  # a model as a technique (range)
    ("m:nano mlkg:builtOn m:nano .", "model/nano"),  # irreflexive derivedFrom, via a sub-property
    ('m:nano mlkg:totalParameters "lots" .', "model/nano"),  # outside xsd:integer
    ("t:latentmoe skos:broader m:super .", "model/super"),  # a model as a family, by the chain
])
def test_inconsistent_graphs_are_found_and_named(extra, individual):
    data = Graph().parse(data=DATA + extra, format="turtle")
    hermit, closure = same_as_hermit(data)
    assert not closure.consistent and len(closure.inferred) == 0
    assert any(str(RES[individual]) in p for p in closure.problems[1:]), closure.problems
    assert closure.diagnostics()


def test_choose_by_size():
    assert choose("auto", CLOSURE_ABOVE) == "hermit"
    assert choose("auto", CLOSURE_ABOVE + 1) == "closure"
    assert choose("auto", 10, threshold=5) == "closure"
    assert choose("hermit", 10**9) == "hermit" and choose("closure", 1) == "closure"
    with pytest.raises(ValueError, match="unknown reasoner 'pellet'"):
        choose("pellet", 1)
    data = Graph().parse(data=DATA, format="turtle")
    assert run_reasoner(data, "auto", threshold=len(data) - 1).reasoner == "closure"
    assert run_reasoner(data, "auto", threshold=len(data)).reasoner == "hermit"


def test_axioms_outside_the_rules_go_to_hermit(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix mlkg: <https://w3id.org/mlkg/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "mlkg:Model rdfs:subClassOf [ a owl:Restriction ; "
        "owl:onProperty mlkg:usesTechnique ; owl:someValuesFrom mlkg:Technique ] .\n")
    files = [*sorted((Path(__file__).parent.parent / "ontology").glob("[ltm]*.ttl")), extra]
    schema = read_schema(load_tbox(files))
    assert any("someValuesFrom" in u for u in schema.unsupported)
    data = Graph().parse(data=DATA, format="turtle")
    assert closure_report(data, files).reasoner == "hermit"
    assert read_schema(load_tbox()).unsupported == ()  # the shipped ontology is covered


def test_closure_counts_asserted_and_inferred_assertions(seed_graph):
    result = materialise(seed_graph)
    assert result.closed > len(result.inferred) > 0 and not result.violations
