"""HermiT on the shipped ontology plus the seed graph: consistent, with roll-ups inferred."""

from kg.reason import check_consistency
from kg.vocab import MLKG, RES


def test_seed_graph_is_consistent_and_usage_rolls_up_to_families(seed_graph):
    report = check_consistency(seed_graph)
    assert report.consistent, report.problems
    users_of_moe = set(report.inferred.subjects(MLKG.usesTechnique,
                                                RES["technique/mixture-of-experts"]))
    # Nemotron 3 Ultra states LatentMoE; Mixture of Experts follows through skos:broader
    assert RES["model/nemotron-3-ultra"] in users_of_moe | set(
        seed_graph.subjects(MLKG.usesTechnique, RES["technique/mixture-of-experts"]))
    assert any(True for _ in report.inferred.triples((None, MLKG.hasAncestor, None)))
