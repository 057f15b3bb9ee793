"""The same input gives the same bytes: across runs and with extraction in parallel."""

from conftest import SEEDS
from kg.pipeline import extract_graph


def test_serial_and_parallel_builds_serialise_identically():
    serial = extract_graph([SEEDS]).graph.serialize(format="turtle")
    again = extract_graph([SEEDS]).graph.serialize(format="turtle")
    parallel = extract_graph([SEEDS], jobs=2).graph.serialize(format="turtle")
    assert serial == again == parallel
    assert "Nemotron 3 Super" in serial
