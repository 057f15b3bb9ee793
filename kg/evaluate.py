"""Score a built graph against a gold file of facts, per relation type.

Names meet through the graph's labels and variant names, normalised the way the
extractor normalises them, so the gold file can use any name a reader would.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.extract.lexicon import word_key
from kg.extract.names import model_key
from kg.vocab import LINEAGE, MLKG

FIGURES = ("totalParameters", "activeParameters", "contextLength", "trainingTokens")


def norm(name: str, kind: str) -> tuple:
    return model_key(name) if kind == "model" else word_key(name.replace("-", " "))


@dataclass
class Score:
    relation: str
    tp: int
    fp: int
    fn: int
    false_positives: list
    misses: list

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _names(g: Graph, node: URIRef) -> list[str]:
    return [str(x) for x in (*g.objects(node, RDFS.label), *g.objects(node, SKOS.altLabel))]


def evaluate(graph: Graph, gold: dict) -> list[Score]:
    kinds = {"model": MLKG.Model, "technique": MLKG.Technique, "dataset": MLKG.Dataset}
    canon: dict[tuple, str] = {}  # (kind, normalised name) -> gold canonical name
    for section, kind in (("models", "model"), ("techniques", "technique"), ("datasets", "dataset")):
        for e in gold.get(section, []):
            for n in [e["name"], *e.get("aliases", [])]:
                canon.setdefault((kind, norm(n, kind)), e["name"])

    def name_of(node: URIRef, kind: str) -> str:
        for n in _names(graph, node):
            hit = canon.get((kind, norm(n, kind)))
            if hit:
                return hit
        return str(graph.value(node, RDFS.label) or node)

    kind_of = {}
    for kind, cls in kinds.items():
        for node in graph.subjects(RDF.type, cls):
            kind_of[node] = kind

    def score(rel: str, got: set, want: set) -> Score:
        return Score(rel, len(got & want), len(got - want), len(want - got),
                     sorted(got - want, key=str), sorted(want - got, key=str))

    scores = []
    for section, kind in (("models", "model"), ("techniques", "technique"), ("datasets", "dataset")):
        got = {name_of(n, kind) for n, k in kind_of.items() if k == kind}
        want = {e["name"] for e in gold.get(section, [])}
        scores.append(score(section, got, want))
    uses = {(name_of(s, "model"), name_of(o, "technique"))
            for s, o in graph.subject_objects(MLKG.usesTechnique)}
    scores.append(score("uses", uses, {tuple(x) for x in gold.get("uses", [])}))
    lineage = {(name_of(s, "model"), str(p).split("#")[1], name_of(o, "model"))
               for p in LINEAGE for s, o in graph.subject_objects(p)}
    scores.append(score("lineage", lineage, {tuple(x) for x in gold.get("lineage", [])}))
    trained = {(name_of(s, "model"), name_of(o, "dataset"))
               for s, o in graph.subject_objects(MLKG.trainedOn)}
    scores.append(score("trainedOn", trained, {tuple(x) for x in gold.get("trainedOn", [])}))
    figs = {(name_of(s, "model"), p, int(o)) for p in FIGURES
            for s, o in graph.subject_objects(MLKG[p])}
    scores.append(score("figures", figs, {tuple(x) for x in gold.get("figures", [])}))
    return scores


def load_gold(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def report(scores: list[Score]) -> str:
    lines = [f"{'relation':<12}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for s in scores:
        lines.append(f"{s.relation:<12}{s.precision:>10.3f}{s.recall:>8.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    lines.append(f"{'all':<12}{p:>10.3f}{r:>8.3f}{tp:>5}{fp:>5}{fn:>5}")
    return "\n".join(lines)
