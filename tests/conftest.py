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
