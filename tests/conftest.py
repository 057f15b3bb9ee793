"""Shared fixtures (one build of the bundled corpus per test session) and helpers."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "nemotron"


@pytest.fixture(scope="session")
def seed_build():
    from kg.pipeline import extract_graph

    return extract_graph([SEEDS])


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build.graph


def graph_of(*abstracts: str):
    """The graph of invented abstracts, one paper each."""
    from kg.document import Document
    from kg.extract import extract
    from kg.graph import build_graph

    return build_graph([extract(Document(a, sources=[f"t#{i}"])) for i, a in enumerate(abstracts)])


def facts(g) -> set[tuple]:
    """(subject label, predicate, object label or number) for every fact about a model."""
    from rdflib import RDF, RDFS, Literal

    from kg.vocab import MLKG

    out = set()
    for s, p, o in g:
        if (s, RDF.type, MLKG.Model) not in g or not str(p).startswith(str(MLKG._NS)):
            continue
        obj = o.toPython() if isinstance(o, Literal) else str(g.value(o, RDFS.label))
        out.add((str(g.value(s, RDFS.label)), str(p).split("#")[1], obj))
    return out


def scored_set(folder: str, capsys) -> list:
    """Extract tests/data/FOLDER/abstracts.jsonl, score it against its gold.json and print the
    table (never the misses: blind and validation sets use this too)."""
    from kg.evaluate import evaluate, load_gold, report
    from kg.pipeline import extract_graph

    data = ROOT / "tests" / "data" / folder
    result = extract_graph([data / "abstracts.jsonl"])
    assert not result.diagnostics
    scores = evaluate(result.graph, load_gold(data / "gold.json"))
    with capsys.disabled():
        print(f"\n{folder} vs tests/data/{folder}/gold.json\n" + report(scores))
    return scores


def below_floors(scores: list, floors: tuple) -> list[str]:
    """Assert the overall precision and recall floors; return the relations whose recall is
    under its own floor."""
    floor_p, floor_r, per_relation = floors
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= floor_p and tp / (tp + fn) >= floor_r
    return sorted(s.relation for s in scores if s.recall < per_relation[s.relation])
