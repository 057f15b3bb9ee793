"""`kg build` as a streaming, incremental pipeline: its options and its outputs."""

import json
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from conftest import SEEDS
from kg.cli import main
from kg.pipeline import STATE_DIR, extract_graph
from kg.store import OxigraphStore
from kg.vocab import MLKG, RES


def test_build_options_nt_store_batch_and_full(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "--no-reason", "--no-map", "-q", "--nt",
                 "--store", "--batch", "3", "-j", "2"]) == 0
    first = capsys.readouterr().out
    assert "extracted 27 papers" in first and "reused 0" in first
    lines = (out / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines)) and f"graph: {len(lines)} triples" in first
    store = OxigraphStore(out / STATE_DIR / "store", read_only=True)
    # the build's triples and the name index the store adds on load
    facts = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p NOT IN ("
                        "<https://w3id.org/mlkg/ontology#nameKey>, "
                        "<https://w3id.org/mlkg/ontology#labelRank>)) }")
    assert int(facts.rows[0][0]) == len(lines) < len(store)
    del store
    assert len(Graph().parse(out / "graph.ttl")) == len(lines)

    assert main(["build", str(SEEDS), "-o", str(out), "--no-reason", "--no-map", "-q"]) == 0
    assert "extracted 0 papers" in capsys.readouterr().out  # nothing changed: all reused
    assert main(["build", str(SEEDS), "-o", str(out), "--no-reason", "--no-map", "-q",
                 "--full"]) == 0
    assert "extracted 27 papers" in capsys.readouterr().out


def test_bad_batch_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "out"), "--batch", "0"]) == 2
    assert "--batch" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_versions_of_a_paper_share_its_node_and_introducing_beats_mentioning(tmp_path: Path) -> None:
    """Two abstracts with one arXiv id are one paper: where either introduces a model, the
    other's `mentions` link (and its evidence) goes."""
    rows = [{"title": "Foo: a model", "arxiv": "2501.00009", "date": "2025-01-01",
             "abstract": "We present Foo-7B, a language model that uses LatentMoE."},
            {"title": "Foo: a model", "arxiv": "2501.00009", "date": "2025-01-01",
             "abstract": "This revised version studies Foo-7B on math. Foo-7B is distilled from "
                         "Bar-13B."}]
    path = tmp_path / "v.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    g = extract_graph([path]).graph
    paper, foo = RES["paper/2501.00009"], RES["model/foo-7b"]
    assert (paper, MLKG.introduces, foo) in g and (paper, MLKG.mentions, foo) not in g
    assert (paper, MLKG.mentions, RES["model/bar-13b"]) in g
    assert not [e for e in g.subjects(RDF.predicate, MLKG.mentions) if (e, RDF.object, foo) in g]
    assert len(set(g.objects(paper, RDF.type))) == 1
