"""Shared fixtures: one build of the bundled corpus per test session."""

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
