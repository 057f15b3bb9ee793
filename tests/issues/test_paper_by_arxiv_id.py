"""Regression: paper-introduces found nothing by arXiv id, because identifiers are stored as
"arXiv:ID" and the query stripped the prefix from the parameter only."""

import pytest
from rdflib import Graph

from kg.document import Document
from kg.extract import extract
from kg.graph import build_graph
from kg.queries import load_queries
from kg.resources import ontology_files
from kg.store import OxigraphStore


@pytest.mark.parametrize("given", ["2501.00001", "arXiv:2501.00001", "ARXIV: 2501.00001"])
def test_paper_introduces_by_arxiv_id(tmp_path, given):
    doc = Document("We introduce Foo-7B, a hybrid Mamba-Transformer language model. Foo-7B is fast.",
                   title="Foo", arxiv="2501.00001", sources=["t#1"])
    graph: Graph = build_graph([extract(doc)])
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    store = OxigraphStore()
    store.load([path, *ontology_files()])
    rows = store.query(load_queries()["paper-introduces"].bind({"paper": given})).records()
    assert [r["label"] for r in rows] == ["Foo-7B"]
