"""The `kg` command end to end, as a user runs it: a real process per command."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import ROOT, SEEDS


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("build")
    run = kg("build", str(SEEDS), "-o", "out", "--reference-date", "2026-11-23", cwd=work)
    assert run.returncode == 0, run.stderr
    return work, run


def test_build_writes_graph_inferred_and_map_and_reports_counts(built):
    work, run = built
    out = work / "out"
    visible = {p.name for p in out.iterdir() if not p.name.startswith(".")}  # .kg-build: manifest
    assert visible == {"graph.ttl", "inferred.ttl", "lineage.html"}
    assert "27 distinct papers" in run.stdout and "map:" in run.stdout
    g = Graph().parse(out / "graph.ttl")
    assert len(g) > 1000
    # HermiT ran on ontology + seed graph and found it consistent (else nothing is written)
    assert len(Graph().parse(out / "inferred.ttl")) > 0


def test_models_using_latentmoe_answers_super_and_ultra(built):
    work, _ = built
    run = kg("query", "models-using-technique", "--param", "technique=LatentMoE",
             "--format", "json", cwd=work)
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)["results"]["bindings"]
    assert sorted(r["label"]["value"] for r in rows) == ["Nemotron 3 Super", "Nemotron 3 Ultra"]


def test_explain_prints_the_sentence(built):
    work, _ = built
    run = kg("explain", "Nemotron-Nano-9B-v2", "prunedFrom", "Nemotron-Nano-12B-v2-Base",
             cwd=work)
    assert run.returncode == 0, run.stderr
    assert "Minitron strategy to compress and distill" in run.stdout


@pytest.mark.parametrize("fmt,parse_as", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_export_formats_round_trip(built, fmt, parse_as):
    work, _ = built
    target = work / f"export.{fmt}"
    run = kg("export", "--format", fmt, "-o", str(target), cwd=work)
    assert run.returncode == 0, run.stderr
    original = Graph().parse(work / "out" / "graph.ttl")
    assert len(Graph().parse(target, format=parse_as)) == len(original)


def test_raw_sparql_and_bad_sparql(built):
    work, _ = built
    ok = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/mlkg/ontology#Model> }",
            "--format", "csv", cwd=work)
    assert ok.returncode == 0 and int(ok.stdout.splitlines()[1]) > 40
    bad = kg("query", "SELECT ?x WHERE { ?x ", cwd=work)
    assert bad.returncode == 2 and "error" in bad.stderr.lower()


def test_missing_input_exits_2_and_writes_nothing(tmp_path):
    run = kg("build", "does/not/exist", "-o", "out", cwd=tmp_path)
    assert run.returncode == 2 and "does/not/exist" in run.stderr
    assert not (tmp_path / "out").exists()


def test_bad_files_are_named_and_the_build_goes_on(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "in" / "ok.txt").write_text((SEEDS / "004_f4ee70a7da0bc0fa.txt").read_text())
    run = kg("build", "in", "-o", "out", "--no-reason", "--no-map", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "empty.txt: empty file" in run.stderr and "bin.txt: binary file" in run.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    from kg.atomic import write_text

    target = tmp_path / "graph.ttl"
    target.write_text("old")

    class Boom(Exception):
        pass

    def chunks():
        yield "new part"
        raise Boom

    from kg.atomic import atomic_open

    with pytest.raises(Boom), atomic_open(target) as fh:
        for c in chunks():
            fh.write(c)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    write_text(target, "new")
    assert target.read_text() == "new"


def test_wheel_carries_ontology_queries_and_template(tmp_path):
    """A non-editable install finds its data inside the package, not in the checkout."""
    import zipfile

    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                          str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    (wheel,) = tmp_path.glob("mlkg-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"kg/_data/ontology/mlkg.ttl", "kg/_data/queries/models-using-technique.rq",
            "kg/_data/viz/lineage.html.j2", "kg/_data/viz/lineage.js", "kg/_data/viz/lineage.css"} <= names
    code = ("import kg.resources as r; print(r.data_dir('ontology')); "
            "from kg.queries import load_queries; print(len(load_queries()))")
    probe = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                           text=True, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.splitlines()[0].startswith(str(site))
    assert int(probe.stdout.splitlines()[1]) >= 7


def test_a_fact_from_three_papers_keeps_three_evidence_records(built):
    work, _ = built
    run = kg("explain", "Nemotron 3 Super", "usesTechnique", "LatentMoE", cwd=work)
    assert run.returncode == 0, run.stderr
    records = [line for line in run.stdout.splitlines() if line.startswith("- ")]
    assert len(records) == 3 and all("support 3" in r for r in records)
    assert "LatentMoE architecture has been adopted by the flagship" in run.stdout
