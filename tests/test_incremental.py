"""Incremental builds (kg/manifest.py, kg.pipeline.build, kg/graphcache.py): only new, changed
and affected papers are extracted again, only the sources of lines they can change are emitted
again, and the result is the bytes a full build writes (graph.nt and graph.ttl)."""

import json
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg import graphcache
from kg.pipeline import STATE_DIR, build, write_outputs
from kg.vocab import MLKG, RES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # noqa: E402  (bench/ is scripts, not a package)


def _build(inputs: list[Path], out: Path, **kw) -> tuple[dict, bytes]:
    """The build's stats and its output: graph.nt, then graph.ttl."""
    result = build(inputs, out / STATE_DIR, **kw)
    write_outputs(result, out, with_map=False, ntriples=True)
    return result.stats, (out / "graph.nt").read_bytes() + (out / "graph.ttl").read_bytes()


def _full(inputs: list[Path], out: Path) -> bytes:
    shutil.rmtree(out, ignore_errors=True)
    return _build(inputs, out)[1]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """Update the graph however much of these tiny corpora changes (no full-step fallback)."""
    monkeypatch.setattr(graphcache, "FALLBACK", 10.0)


def _updated(stats: dict) -> bool:
    """The graph step updated the last graph (rather than running in full)."""
    return "graph_sources" in stats and "graph_full" not in stats


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


# ---------------------------------------------------------------- the graph step updated in place
def test_added_papers_update_the_graph_in_place(synthetic, tmp_path, in_place):
    corpus, new = synthetic
    _build([corpus], tmp_path / "inc")
    stats, inc = _build([corpus, new], tmp_path / "inc")
    assert _updated(stats) and stats["graph_papers"] == stats["extracted"]
    assert inc == _full([corpus, new], tmp_path / "full")
    stats, again = _build([corpus, new], tmp_path / "inc")  # nothing changed: nothing to emit
    assert _updated(stats) and stats["graph_sources"] == stats["graph_lines_changed"] == 0
    assert again == inc


def test_a_changed_paper_updates_the_graph_in_place(tmp_path, in_place):
    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _build([a, b], out)
    _jsonl(b, [{**B, "title": "Bar-13B: the teacher"}])  # a title naming another model
    stats, inc = _build([a, b], out)
    assert _updated(stats) and stats["changed"] == 1
    assert b"Bar-13B: the teacher" in inc
    assert inc == _full([a, b], tmp_path / "full")


def test_a_removed_file_updates_the_graph_in_place(tmp_path, in_place):
    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _build([a, b], out)
    stats, inc = _build([a], out)
    assert _updated(stats) and stats["removed"] == 1
    assert inc == _full([a], tmp_path / "full")
    assert b"2502.00002" not in inc and b"<https://w3id.org/mlkg/resource/model/foo-7b>" in inc
    stats, back = _build([a, b], out)  # and back: the same bytes as the first build
    assert _updated(stats)
    assert back == _full([a, b], tmp_path / "full")


def test_an_addition_that_renames_an_existing_entity(tmp_path, in_place):
    """The new paper writes a known model's name in another order, more often than the old
    paper did: the label, and with it the IRI, of the entity change, so the old paper's
    lines change too although its record did not."""
    old = {**A, "abstract": "We fine-tune Foo-Mini-7B on math data. Foo-Mini-7B uses LatentMoE."}
    new = {**B, "title": "Another", "abstract": "Mini-Foo-7B uses LatentMoE. We distill "
           "Mini-Foo-7B from Bar-13B. Mini-Foo-7B is fast and Mini-Foo-7B is small."}
    a, c = _jsonl(tmp_path / "a.jsonl", [old]), _jsonl(tmp_path / "c.jsonl", [new])
    out = tmp_path / "inc"
    _, first = _build([a], out)
    assert b"/model/foo-mini-7b>" in first
    stats, inc = _build([a, c], out)
    assert _updated(stats) and (stats["extracted"], stats["graph_sources"]) == (1, 2)
    assert b"/model/foo-mini-7b>" not in inc and b"/model/mini-foo-7b>" in inc
    assert inc == _full([a, c], tmp_path / "full")
    stats, back = _build([a], out)  # taken out again: the old name and IRI come back
    assert _updated(stats) and back == first


def test_too_big_a_change_runs_the_full_graph_step(tmp_path):
    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _build([a], out)
    stats, inc = _build([a, b], out)  # one paper of two is new: past graphcache.FALLBACK
    assert stats.get("graph_full") == 1
    assert inc == _full([a, b], tmp_path / "full")


def test_an_interrupted_update_makes_the_next_graph_step_full(synthetic, tmp_path, in_place,
                                                              monkeypatch):
    corpus, new = synthetic
    _build([corpus], tmp_path / "inc")
    import kg.splice

    def crash(*args, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.splice, "splice", crash)
    with pytest.raises(KeyboardInterrupt):
        _build([corpus, new], tmp_path / "inc")
    monkeypatch.undo()
    monkeypatch.setattr(graphcache, "FALLBACK", 10.0)
    stats, inc = _build([corpus, new], tmp_path / "inc")
    assert stats.get("graph_full") == 1
    assert inc == _full([corpus, new], tmp_path / "full")


# ---------------------------------------------------------------- shortcuts of a rebuild
def test_an_unchanged_file_is_replayed_not_read(synthetic, tmp_path):
    corpus, new = synthetic
    first, _ = _build([corpus], tmp_path / "inc")
    assert first["files_replayed"] == 0
    stats, inc = _build([corpus, new], tmp_path / "inc")
    assert stats["files_replayed"] == 1  # base.jsonl; new.jsonl is read
    assert inc == _full([corpus, new], tmp_path / "full")
    stats, again = _build([corpus, new], tmp_path / "inc")
    assert stats["files_replayed"] == 2 and stats["extracted"] == 0 and again == inc


def test_a_file_rewritten_with_the_same_size_and_time_is_read_again(tmp_path):
    """Timestamps are not trusted: the bytes are hashed (cp -p, or a fast edit in the same
    clock tick, keep size and modification time)."""
    import os

    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _build([a, b], out)
    st = os.stat(b)
    _jsonl(b, [{**B, "title": B["title"].replace("model", "MODEL")}])
    os.utime(b, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(b).st_size == st.st_size and os.stat(b).st_mtime_ns == st.st_mtime_ns
    stats, inc = _build([a, b], out)
    assert (stats["files_replayed"], stats["changed"]) == (1, 1)
    assert b"a MODEL" in inc
    assert inc == _full([a, b], tmp_path / "full")


def test_a_touched_file_is_replayed(tmp_path):
    import os

    a, b = _jsonl(tmp_path / "a.jsonl", [A]), _jsonl(tmp_path / "b.jsonl", [B])
    out = tmp_path / "inc"
    _, first = _build([a, b], out)
    os.utime(b, ns=(1, 1))
    stats, again = _build([a, b], out)
    assert (stats["files_replayed"], stats["extracted"]) == (2, 0)
    assert again == first


def test_a_removed_file_and_copies_across_files_replay_as_read(tmp_path):
    """Another file holding a copy of a paper (merged into one) and bad lines (diagnostics):
    a replay gives what reading gives, and a file taken out is gone."""
    a = _jsonl(tmp_path / "a.jsonl", [A, {**B, "url": "https://example.org/b"}])
    b = _jsonl(tmp_path / "b.jsonl", [B])
    (tmp_path / "c.jsonl").write_text(json.dumps(A) + "\n{not json\n", encoding="utf-8")
    c = tmp_path / "c.jsonl"
    out = tmp_path / "inc"
    _build([a, b, c], out)
    stats, again = _build([a, b, c], out)
    assert stats["files_replayed"] == 3 and again == _full([a, b, c], tmp_path / "full")
    result = build([a, b, c], out / STATE_DIR)
    assert result.stats["files_replayed"] == 3
    fresh = build([a, b, c], tmp_path / "fresh" / STATE_DIR)
    assert [str(d) for d in result.diagnostics] == [str(d) for d in fresh.diagnostics] != []
    assert (result.corpus.copies, result.corpus.files_read) == (fresh.corpus.copies,
                                                                fresh.corpus.files_read) == (4, 3)
    stats, inc = _build([a, c], out)
    assert stats["files_replayed"] == 2
    assert inc == _full([a, c], tmp_path / "full")


def test_the_word_index_lists_every_kept_paper_under_its_words(synthetic, tmp_path):
    """NameScan reads only the papers the index gives for a changed name's first word, so
    every paper with a record must be listed under every word it spells."""
    from array import array

    from kg.document import Document
    from kg.manifest import Manifest
    from kg.pipeline import text_words

    corpus, new = synthetic
    out = tmp_path / "inc"
    _build([corpus], out)
    stats, inc = _build([corpus, new], out)
    assert 0 < stats["scanned_for_names"] < stats["reused"]
    assert inc == _full([corpus, new], tmp_path / "full")
    man = Manifest(out / STATE_DIR / "manifest.sqlite")
    try:
        index: dict[str, set[int]] = {}
        for word, blob in man.db.execute("SELECT word, ids FROM words"):
            ids = array("q")
            ids.frombytes(blob)
            index[word] = set(ids)
        docs = man.db.execute("SELECT d.rowid, f.doc FROM docs d JOIN file_docs f ON f.key = d.key"
                              " WHERE d.record IS NOT NULL").fetchall()  # (corpus: gone)
        assert len(docs) == 202
        for i, doc in docs:
            assert all(i in index.get(w, ()) for w in text_words(Document(**json.loads(doc)))[2])
    finally:
        man.close()


def test_an_output_edited_in_place_makes_the_graph_step_full(synthetic, tmp_path, in_place):
    """graph.ttl is a hard link to the kept Turtle: written to in place, the kept graph is no
    longer the last build's, and the next build must not splice it."""
    corpus, new = synthetic
    out = tmp_path / "inc"
    _build([corpus], out)
    with (out / "graph.ttl").open("ab") as fh:
        fh.write(b"# edited\n")
    stats, inc = _build([corpus, new], out)
    assert stats.get("graph_full") == 1
    assert inc == _full([corpus, new], tmp_path / "full")
