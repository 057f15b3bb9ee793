"""`kg validate`: the seed build is clean; every SHACL shape and every quality check
catches a deliberately broken copy of it; the report and the command.

The broken graph carries one defect per shape or check, each on its own node, so one
pyshacl run (seconds on rdflib) tests them all.
"""

import argparse
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS

from kg.queries import QueryHeaderError
from kg.report import Severity
from kg.resources import data_dir, ontology_files, shapes_file
from kg.validate import load_checks, register, run_shapes, validate
from kg.vocab import MLKG, RES

SHAPES_NS = "https://w3id.org/mlkg/shapes#"


def _copy(g: Graph) -> Graph:
    out = Graph()
    out += g
    return out


def _evidence(g: Graph, s, p, o) -> list:
    return [e for e in g.subjects(RDF.subject, s)
            if (e, RDF.predicate, p) in g and (e, RDF.object, o) in g]


def _break(seed: Graph) -> tuple[Graph, set[tuple[str, str]]]:
    """A copy of the seed graph with one defect per check, and the (check, node) pairs
    the validator must report for them."""
    g = _copy(seed)
    expected: set[tuple[str, str]] = set()
    used: set = set()

    def model(**having):
        """A model not yet broken, with the given properties."""
        for m in sorted(g.subjects(RDF.type, MLKG.Model)):
            if m not in used and all(g.value(m, MLKG[p]) is not None for p in having):
                used.add(m)
                return m
        raise AssertionError(f"the seed graph has no spare model with {having}")

    def spare(nodes):
        node = next(n for n in nodes if n not in used)
        used.add(node)
        return node

    def expect(check: str, node) -> None:
        expected.add((check, str(node)))

    papers = sorted(g.subjects(RDF.type, MLKG.Paper))
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path)
    techniques = sorted(set(g.subjects(RDF.type, MLKG.Technique)))
    datasets = sorted(g.subjects(RDF.type, MLKG.Dataset))
    people = sorted(g.subjects(RDF.type, MLKG.Person))
    org = RES["org/nvidia"]

    # --- SHACL: models
    m = model()
    g.remove((m, RDFS.label, None))
    expect("Model-label", m)
    m = model()
    g.add((m, RDFS.label, Literal("A second name")))
    expect("Model-one-label", m)
    m = model()
    g.add((m, MLKG.totalParameters, Literal("120B")))  # not a plain number
    expect("Model-totalParameters", m)
    m = model(totalParameters=1, activeParameters=1)
    total = g.value(m, MLKG.totalParameters).toPython()
    g.set((m, MLKG.activeParameters, Literal(total + 1)))  # active > total
    expect("Model-activeParameters", m)
    m = model()
    g.add((m, MLKG.contextLength, Literal(0)))
    expect("Model-contextLength", m)
    m = model()
    g.add((m, MLKG.trainingTokens, Literal(-1)))
    expect("Model-trainingTokens", m)
    m, other = model(), model()
    g.add((m, MLKG.usesTechnique, other))  # a model used as a technique ...
    expect("Model-usesTechnique", m)
    expect("disjoint-types", other)  # ... is typed both (range of usesTechnique)
    m = model()
    g.add((m, MLKG.trainedOn, techniques[0]))
    expect("Model-trainedOn", m)
    m = model()
    g.add((m, MLKG.evaluatedOn, datasets[0]))
    expect("Model-evaluatedOn", m)
    m = model()
    g.add((m, MLKG.nasDerivedFrom, datasets[1]))
    expect("Model-lineage", m)
    m = model()
    g.add((m, MLKG.comparedWith, datasets[2]))
    expect("Model-comparedWith", m)
    m = model()
    g.add((m, MLKG.quantizedFrom, m))
    expect("Model-not-derived-from-itself", m)
    expect("lineage-cycle", m)
    # every fact above lacks evidence; this one loses the evidence it had
    user = sorted(s for s in g.subjects(MLKG.usesTechnique, None) if s not in used)[0]
    used.add(user)
    tech = sorted(g.objects(user, MLKG.usesTechnique))[0]
    for ev in _evidence(g, user, MLKG.usesTechnique, tech):
        g.remove((ev, None, None))
    expect("Usage-lineage-evidence", user)

    # --- SHACL: other entities and papers
    unlisted = [d for d in datasets if ontology.value(d, RDFS.label) is None]
    g.remove((unlisted[-1], RDFS.label, None))  # a lexicon entry keeps the ontology's label
    expect("Entity-label", unlisted[-1])
    g.add((techniques[1], SKOS.broader, model()))
    expect("Technique", techniques[1])
    paper = spare(papers)
    g.remove((paper, RDFS.label, None))
    expect("Paper-label", paper)
    gone = spare(papers)
    g.remove((gone, DCTERMS.abstract, None))
    expect("Paper-abstract", gone)
    for ev in g.subjects(PROV.wasDerivedFrom, gone):  # their sentences are nowhere now
        expect("evidence-offsets", ev)
    paper = spare(p for p in papers if g.value(p, DCTERMS.title) is not None)
    g.add((paper, DCTERMS.title, Literal("Another title")))
    expect("Paper-title", paper)
    paper = spare(papers)
    g.set((paper, DCTERMS.issued, Literal("April 2025")))  # not an xsd:date
    expect("Paper-issued", paper)
    paper = spare(papers)
    g.add((paper, DCTERMS.creator, org))
    expect("Paper-creator", paper)
    # an organisation or a person is no paper topic (the range of mentions/introduces,
    # disjoint with Organization and Person)
    paper = spare(papers)
    g.add((paper, MLKG.mentions, org))
    expect("Paper-mentions", paper)
    expect("fact-evidence", paper)
    expect("disjoint-types", org)
    paper = spare(papers)
    g.add((paper, MLKG.introduces, people[0]))
    expect("Paper-introduces", paper)
    expect("disjoint-types", people[0])
    g.remove((people[1], RDFS.label, None))
    expect("Person", people[1])
    expect("Entity-label", people[1])

    # --- SHACL: evidence; quality checks on evidence
    evidence = sorted(e for e in g.subjects(RDF.type, MLKG.Evidence)
                      if g.value(e, PROV.wasDerivedFrom) != gone)
    g.remove((evidence[0], MLKG.rule, None))
    expect("Evidence", evidence[0])
    start = g.value(evidence[1], MLKG.charStart).toPython()
    g.set((evidence[1], MLKG.charStart, Literal(start + 1)))
    expect("evidence-offsets", evidence[1])
    s, p, o = (g.value(evidence[2], x) for x in (RDF.subject, RDF.predicate, RDF.object))
    g.remove((s, p, o))
    expect("unasserted-evidence", evidence[2])

    # --- quality checks on lineage, names and papers
    a, b = model(), model()
    g.add((a, MLKG.prunedFrom, b))
    g.add((b, MLKG.distilledFrom, a))
    expect("lineage-cycle", a)
    expect("lineage-cycle", b)
    new, old = model(), model()
    g.add((new, MLKG.successorOf, old))
    g.add((old, MLKG.fineTunedFrom, new))
    expect("successor-ancestor", new)
    expect("lineage-cycle", new)
    expect("lineage-cycle", old)
    new, old = model(), model()
    g.add((new, MLKG.successorOf, old))
    g.add((new, MLKG.builtOn, old))
    expect("successor-derived", new)
    m = model()
    twin = RES["model/twin"]
    g.add((twin, RDF.type, MLKG.Model))
    g.add((twin, RDFS.label, Literal("  " + str(g.value(m, RDFS.label)).upper().replace(" ", "-"))))
    expect("duplicate-label", m)
    expect("duplicate-label", twin)
    empty = RES["paper/empty"]
    for p, o in ((RDF.type, MLKG.Paper), (RDFS.label, Literal("We study things.")),
                 (DCTERMS.abstract, Literal("We study things."))):
        g.add((empty, p, o))
    expect("empty-paper", empty)
    moe, latent = RES["technique/mixture-of-experts"], RES["technique/latentmoe"]
    g.add((moe, SKOS.broader, latent))  # LatentMoE is already under Mixture of Experts
    expect("technique-family-cycle", moe)
    expect("technique-family-cycle", latent)
    return g, expected


@pytest.fixture(scope="module")
def seed_report(seed_graph):
    return validate(seed_graph)


@pytest.fixture(scope="module")
def broken(seed_graph):
    g, expected = _break(seed_graph)
    return validate(g), expected


def test_the_seed_build_validates_clean(seed_report):
    assert seed_report.findings == [], seed_report.render()
    assert seed_report.ok
    assert set(seed_report.seconds) == {"shacl", "checks"}


def test_every_defect_is_caught_by_its_check(broken):
    report, expected = broken
    found = {(f.check, f.focus) for f in report.findings}
    assert sorted(expected - found) == []


def _shape_names() -> set[str]:
    shapes = Graph().parse(shapes_file())
    names = {str(s) for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t)}
    return {n.removeprefix(SHAPES_NS) for n in names if n.startswith(SHAPES_NS)}


def test_every_shape_and_every_check_has_a_negative_test(broken):
    report, expected = broken
    tested = {check for check, _ in expected}
    assert _shape_names() - {"Model", "Paper"} <= tested  # node shapes that only group properties
    assert {c.name for c in load_checks()} <= tested


def test_findings_say_what_and_where(broken):
    report, _ = broken
    assert not report.ok
    one_label = [f for f in report.findings if f.check == "Model-one-label"]
    assert one_label and all(f.severity == Severity.WARNING for f in one_label)
    active = next(f for f in report.findings if f.check == "Model-activeParameters")
    assert active.severity == Severity.ERROR and "path=mlkg:activeParameters" in active.detail
    assert str(active.diagnostic()).startswith(f"error: {active.focus}: Model-activeParameters: ")
    rule = next(f for f in report.findings if f.check == "Evidence")
    assert "path=mlkg:rule" in rule.detail
    twin = next(f for f in report.findings if f.check == "duplicate-label"
                and f.focus == str(RES["model/twin"]))
    assert "key=" in twin.detail and twin.message.startswith("Two models")
    text = report.render()
    assert text.index("ERRORS (") < text.index("WARNINGS (")
    assert "res:model/twin" in text and text.splitlines()[-1].startswith("INVALID: ")
    assert json.loads(report.to_json())["ok"] is False


def test_check_files_follow_the_query_header_convention():
    folder = data_dir("queries") / "checks"
    files = sorted(folder.glob("*.rq"))
    assert files and all(f.name.endswith("-violation.rq") for f in files)
    checks = load_checks()
    assert len(checks) == len(files) >= 8
    assert all(c.summary and c.severity == Severity.ERROR for c in checks)
    assert not any(f.name == "shapes.ttl" for f in ontology_files())  # shapes are no ontology


def test_check_severity_and_parameters(tmp_path):
    (tmp_path / "models-violation.rq").write_text(
        "#+ summary: Every model (a test check)\n#+ params: []\n# severity: warning\n"
        "PREFIX mlkg: <https://w3id.org/mlkg/ontology#>\n"
        "SELECT ?model WHERE { ?model a mlkg:Model }\n")
    (check,) = load_checks(tmp_path)
    assert (check.name, check.severity) == ("models", Severity.WARNING)
    (tmp_path / "bad-violation.rq").write_text(
        "#+ summary: x\n#+ params:\n#+   - model: a model\nSELECT ?x WHERE { ?x ?p ?_model }\n")
    with pytest.raises(QueryHeaderError, match="no parameters"):
        load_checks(tmp_path)


def test_shapes_alone_leave_the_data_untouched(seed_graph):
    g = _copy(seed_graph)
    m = sorted(g.subjects(RDF.type, MLKG.Model))[0]
    g.add((m, MLKG.totalParameters, Literal(-3)))
    findings = run_shapes(g)
    assert {(f.check, f.focus) for f in findings} >= {("Model-totalParameters", str(m))}
    assert seed_graph.value(m, MLKG.totalParameters) != Literal(-3)


def test_reasoner_findings_name_the_individual():
    """With reason=True the HermiT clashes join the report as errors."""
    g = Graph()
    m = RES["model/m"]
    g.add((m, RDF.type, MLKG.Model))
    g.add((m, RDF.type, MLKG.Technique))
    g.add((m, RDFS.label, Literal("M")))
    report = validate(g, reason=True, checks=[])
    clash = [f for f in report.findings if f.check == "reasoner"]
    assert [f.focus for f in clash] == [str(m)] and "disjoint" in clash[0].message
    assert not report.ok and "reasoner" in report.seconds


def _cli(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="kg")
    register(ap.add_subparsers(dest="command", required=True))
    args = ap.parse_args(["validate", *argv])
    return args.func(args)


def test_command_exit_codes_and_report(seed_build, tmp_path, capsys):
    from kg.pipeline import write_outputs

    out = tmp_path / "out"
    write_outputs(seed_build, out, with_map=False)
    assert _cli(["--graph", str(out), "--no-reason"]) == 0
    assert capsys.readouterr().out.startswith("valid: 0 errors, 0 warnings")
    g = Graph().parse(out / "graph.ttl")
    m = sorted(g.subjects(RDF.type, MLKG.Model))[0]
    g.add((m, MLKG.prunedFrom, m))
    g.serialize(out / "graph.ttl", format="turtle")
    assert _cli(["--graph", str(out), "--no-reason", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {f["check"] for f in report["findings"]} >= {"Model-not-derived-from-itself",
                                                         "lineage-cycle", "Usage-lineage-evidence"}
    assert _cli(["--graph", str(tmp_path / "nowhere")]) == 2
    assert "not found" in capsys.readouterr().err


def test_shapes_file_is_packaged_beside_the_ontology():
    assert shapes_file().is_file() and shapes_file().parent == data_dir("ontology")
    assert Path(shapes_file()).read_text(encoding="utf-8").count("sh:NodeShape") >= 5
