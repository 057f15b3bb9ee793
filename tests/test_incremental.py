"""Incremental builds (kg/manifest.py, kg.pipeline.build): only new, changed and affected
papers are extracted again, and the result is the bytes a full build writes."""

import json
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.pipeline import STATE_DIR, build, write_outputs
from kg.vocab import MLKG, RES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # noqa: E402  (bench/ is scripts, not a package)


def _build(inputs: list[Path], out: Path, **kw) -> tuple[dict, bytes]:
    result = build(inputs, out / STATE_DIR, **kw)
    write_outputs(result, out, with_map=False, ntriples=True)
    return result.stats, (out / "graph.nt").read_bytes()


def _full(inputs: list[Path], out: Path) -> bytes:
    shutil.rmtree(out, ignore_errors=True)
    return _build(inputs, out)[1]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """200 synthetic abstracts in one folder and 2 more (1%) in a file beside it."""
    folder = tmp_path_factory.mktemp("synth")
    synth.generate(202, folder / "all.jsonl", seed=0)
    rows = [json.loads(line) for line in (folder / "all.jsonl").read_text().splitlines()]
    (folder / "corpus").mkdir()
    _jsonl(folder / "corpus" / "base.jsonl", rows[:200])
    return folder / "corpus", _jsonl(folder / "new.jsonl", rows[200:])


def test_a_rebuild_with_nothing_changed_extracts_nothing(synthetic, tmp_path):
    corpus, _ = synthetic
    first, graph = _build([corpus], tmp_path)
    assert first["extracted"] == first["papers"] == 200
    again, same = _build([corpus], tmp_path)
    assert (again["extracted"], again["reused"]) == (0, 200)
    assert same == graph


def test_adding_one_percent_extracts_only_those_and_equals_a_full_build(synthetic, tmp_path):
    corpus, new = synthetic
    _build([corpus], tmp_path / "inc")
    stats, inc = _build([corpus, new], tmp_path / "inc")
    # the two new papers, plus old ones whose text holds a name the new ones taught
    assert stats["learned"] == 2
    assert stats["extracted"] == 2 + stats["reextracted_for_names"]
    assert stats["reextracted_for_names"] < 20
    assert stats["reused"] == 202 - stats["extracted"]
    assert inc == _full([corpus, new], tmp_path / "full")


def test_a_code_change_makes_a_full_build(synthetic, tmp_path, monkeypatch):
    corpus, _ = synthetic
    _build([corpus], tmp_path)
    import kg.manifest

    monkeypatch.setattr(kg.manifest, "code_version", lambda: "another extractor")
    stats, _ = _build([corpus], tmp_path)
    assert stats["extracted"] == 200


A = {"title": "Better math", "date": "2025-01-02", "arxiv": "2501.00001",
     "abstract": "We fine-tune Quillfeather on math data and report gains over strong baselines. "
                 "Foo-7B uses LatentMoE."}
B = {"title": "Quillfeather: a model", "date": "2025-02-03", "arxiv": "2502.00002",
     "abstract": "We present Quillfeather, a new language model trained with LatentMoE. "
                 "Foo-7B uses LatentMoE and is distilled from Bar-13B."}


def test_a_name_learned_from_a_new_paper_reaches_old_papers(tmp_path):
    """Paper A says "Quillfeather" but only paper B teaches that it is a model: adding B
    must extract A again, and removing B must extract A again without the name."""
    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _build([a], out)
    stats, inc = _build([a, b], out)
    assert (stats["extracted"], stats["reextracted_for_names"]) == (2, 1)
    assert inc == _full([a, b], tmp_path / "full")
    assert b"Quillfeather" in inc
    stats, inc = _build([a], out)
    assert (stats["removed"], stats["extracted"], stats["reextracted_for_names"]) == (1, 1, 1)
    assert inc == _full([a], tmp_path / "full")


def test_removing_a_file_removes_its_facts_and_evidence_but_keeps_shared_facts(tmp_path):
    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _build([a, b], out)
    g = Graph().parse(out / "graph.ttl")
    foo, bar, moe = RES["model/foo-7b"], RES["model/bar-13b"], URIRef(MLKG.usesTechnique)
    latent = next(g.objects(foo, moe))
    paper_b = RES["paper/2502.00002"]

    def evidence(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> set:
        return {graph.value(e, PROV.wasDerivedFrom) for e in graph.subjects(RDF.subject, s)
                if graph.value(e, RDF.predicate) == p and graph.value(e, RDF.object) == o}

    assert evidence(g, foo, moe, latent) == {RES["paper/2501.00001"], paper_b}
    assert (foo, MLKG.distilledFrom, bar) in g

    stats, inc = _build([a], out)
    assert stats["removed"] == 1
    g = Graph().parse(out / "graph.ttl")
    assert (foo, moe, latent) in g  # paper A still supports it
    assert evidence(g, foo, moe, latent) == {RES["paper/2501.00001"]}
    assert (foo, MLKG.distilledFrom, bar) not in g and (bar, None, None) not in g
    assert not set(g.subjects(PROV.wasDerivedFrom, paper_b)) and (paper_b, None, None) not in g
    assert not list(g.subjects(None, Literal("Quillfeather")))
    assert inc == _full([a], tmp_path / "full")


def test_a_changed_paper_is_extracted_again(tmp_path):
    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _build([a, b], out)
    _jsonl(b, [{**B, "title": "Quillfeather: a better model"}])
    stats, inc = _build([a, b], out)
    assert (stats["changed"], stats["learned"]) == (1, 1)
    assert inc == _full([a, b], tmp_path / "full")
