"""The blind set, tests/data/heldout_blind2: 30 real abstracts (2022-2025) annotated by a
helper who never read the extractor, and not opened by anyone writing rules. It replaces
tests/data/heldout_blind, whose misses were studied and which is now a development set.

Its scores are the honest measure of generalisation. The floors sit just under the first
measurement (2026-12-03, before any rule saw it: P 0.752, R 0.439), so they only catch a
regression. The rules written the same day from heldout_blind's misses (its recall 0.609 ->
0.892) moved this set only to P 0.775, R 0.452: they fit, they do not generalise. A broader
vocabulary (+181 techniques, +85 families, +68 datasets, +76 benchmarks, written from knowledge
of the field, not from any abstract) took it to P 0.831, R 0.534; the floors follow. The issue's
targets (P >= 0.90 and R >= 0.85 per relation) are not met on it.
The test prints the table only, never the misses, so the set stays blind.
"""

from pathlib import Path

from kg.evaluate import evaluate, load_gold, report
from kg.pipeline import extract_graph

BLIND = Path(__file__).resolve().parent / "data" / "heldout_blind2"
FLOORS = (0.80, 0.51, {"models": 0.72, "techniques": 0.60, "datasets": 0.85, "uses": 0.13,
                       "lineage": 0.1, "trainedOn": 0.0, "figures": 0.50})


def test_blind_scores_are_reported(capsys):
    floor_p, floor_r, per_relation = FLOORS
    result = extract_graph([BLIND / "abstracts.jsonl"])
    assert not result.diagnostics
    scores = evaluate(result.graph, load_gold(BLIND / "gold.json"))
    with capsys.disabled():
        print("\nheldout_blind2 vs tests/data/heldout_blind2/gold.json\n" + report(scores))
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= floor_p and tp / (tp + fn) >= floor_r
    low = sorted(s.relation for s in scores if s.recall < per_relation[s.relation])
    assert low == []
