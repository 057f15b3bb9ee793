"""Precision and recall against hand-written gold files; the scores are printed (-s or -rA)."""

from pathlib import Path

import pytest

from kg.evaluate import evaluate, load_gold, report
from kg.pipeline import extract_graph

DATA = Path(__file__).resolve().parent / "data"


def test_seed_gold_scores(seed_graph, capsys):
    scores = {s.relation: s for s in evaluate(seed_graph, load_gold(DATA / "seeds.gold.json"))}
    with capsys.disabled():
        print("\nseed corpus vs tests/data/seeds.gold.json\n" + report(list(scores.values())))
    # the bar: no false lineage or usage fact, recall at least 0.95
    assert scores["lineage"].false_positives == []
    assert scores["uses"].false_positives == []
    for name in ("models", "techniques", "datasets", "figures"):
        assert scores[name].precision >= 0.95, (name, scores[name].false_positives)
    total_tp = sum(s.tp for s in scores.values())
    total_fn = sum(s.fn for s in scores.values())
    assert total_tp / (total_tp + total_fn) >= 0.95  # measured 0.955


# Floors sit just under the figures measured on 2026-11-23 (overall precision/recall, then
# recall per relation), so a regression fails; raise them when the extractor improves.
FLOORS = {
    # development set: rules were improved while looking at its misses (measured P 0.992 R 0.905)
    "heldout": (0.96, 0.88, {"models": 0.93, "techniques": 0.87, "datasets": 0.95, "uses": 0.80,
                             "lineage": 0.78, "trainedOn": 0.45, "figures": 0.93}),
    # test set: annotated by another helper after the first rules were written; its misses were
    # grouped into classes of English, never fixed one sentence at a time (measured P 0.990 R 0.943)
    "heldout_test": (0.96, 0.92, {"models": 0.95, "techniques": 0.87, "datasets": 0.95, "uses": 0.83,
                                  "lineage": 0.95, "trainedOn": 0.95, "figures": 0.92}),
}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_heldout_scores_are_reported(capsys, folder):
    """Real abstracts from outside the seeds, annotated independently. The scores are
    printed; the floors sit just under today's figures so a regression fails."""
    floor_p, floor_r, per_relation = FLOORS[folder]
    result = extract_graph([DATA / folder / "abstracts.jsonl"])
    assert not result.diagnostics
    scores = evaluate(result.graph, load_gold(DATA / folder / "gold.json"))
    with capsys.disabled():
        print(f"\n{folder} vs tests/data/{folder}/gold.json\n" + report(scores))
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= floor_p and tp / (tp + fn) >= floor_r
    low = {s.relation: round(s.recall, 3) for s in scores if s.recall < per_relation[s.relation]}
    assert low == {}, [(s.relation, s.misses) for s in scores if s.relation in low]
    # precision holds per relation, as the issue asks (>= 0.90)
    imprecise = {s.relation: s.false_positives for s in scores if s.precision < 0.90}
    assert imprecise == {}


# The blind set (tests/data/heldout_blind): annotated by a helper who never saw the extractor,
# and never opened by anyone writing rules. It is the honest measure of generalisation, so
# its floors only catch regressions (measured 2026-11-23: P 0.895, R 0.609); the issue's
# targets (P >= 0.90 and R >= 0.85 per relation) are not met on it yet.
BLIND_FLOORS = (0.86, 0.58, {"models": 0.80, "techniques": 0.68, "datasets": 0.35, "uses": 0.13,
                             "lineage": 0.2, "trainedOn": 0.0, "figures": 0.63})


def test_blind_scores_are_reported(capsys):
    floor_p, floor_r, per_relation = BLIND_FLOORS
    result = extract_graph([DATA / "heldout_blind" / "abstracts.jsonl"])
    assert not result.diagnostics
    scores = evaluate(result.graph, load_gold(DATA / "heldout_blind" / "gold.json"))
    with capsys.disabled():
        print("\nheldout_blind vs tests/data/heldout_blind/gold.json\n" + report(scores))
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= floor_p and tp / (tp + fn) >= floor_r
    low = {s.relation: round(s.recall, 3) for s in scores if s.recall < per_relation[s.relation]}
    assert low == {}
