"""Time reasoning (HermiT) and validation (SHACL, quality checks) on the seed graph and on a
synthetic graph of about 100k triples. Measured, not asserted.

    .venv/bin/python bench/reason_bench.py [--triples 100000] [--repeat 1]

Writes bench/results/reason.json and bench/results/reason.md.

The synthetic graph is shaped like a `kg build` (docs/data-model.md): families of eight
models (a root, fine-tuned, pruned, distilled and quantized descendants, three levels
deep, and a successor of the previous family's root), two or three techniques per model
from ontology/techniques.ttl, a dataset, figures, one paper per family whose abstract
holds one sentence per fact, and a reified evidence node (11 triples) per fact with the
sentence at its offsets. It is valid by construction, so the figures are for the path a
good build takes; a defect would only add rows to report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graph import bind_prefixes  # noqa: E402
from kg.reason import check_consistency  # noqa: E402
from kg.resources import ontology_files  # noqa: E402
from kg.validate import load_checks, run_checks, run_shapes, store_for  # noqa: E402
from kg.vocab import MLKG, RES  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# (relation, verb phrase) for the descendants of a family's root: child -> parent
_LINEAGE = (("fineTunedFrom", "is fine-tuned from"), ("prunedFrom", "is pruned from"),
            ("distilledFrom", "is distilled from"), ("quantizedFrom", "is quantized from"),
            ("builtOn", "is built on"), ("nasDerivedFrom", "is derived by NAS from"),
            ("derivedFrom", "is derived from"))
_PARENT = (None, 0, 0, 1, 1, 2, 3)  # index of the parent of model i in its family (tree, depth 3)


def _techniques() -> list[URIRef]:
    g = Graph().parse(ROOT / "ontology" / "techniques.ttl")
    return sorted(g.subjects(RDF.type, MLKG.Technique))


class _Paper:
    """An abstract written sentence by sentence; every fact gets its sentence's evidence."""

    def __init__(self, g: Graph, iri: URIRef) -> None:
        self.g, self.iri, self.text, self.n = g, iri, "", 0

    def fact(self, s, p: URIRef, o, sentence: str, rule: str) -> None:
        start = len(self.text) + (1 if self.text else 0)
        self.text += (" " if self.text else "") + sentence
        obj = Literal(o) if isinstance(o, int) else o
        self.g.add((s, p, obj))
        self.n += 1
        ev = RES[f"evidence/{self.iri.rsplit('/', 1)[1]}-{self.n}"]
        for q, v in ((RDF.type, MLKG.Evidence), (RDF.type, RDF.Statement), (RDF.subject, s),
                     (RDF.predicate, p), (RDF.object, obj), (PROV.wasDerivedFrom, self.iri),
                     (MLKG.sentence, Literal(sentence)), (MLKG.charStart, Literal(start)),
                     (MLKG.charEnd, Literal(start + len(sentence))), (MLKG.rule, Literal(rule)),
                     (MLKG.confidence, Literal("0.90", datatype=XSD.decimal))):
            self.g.add((ev, q, v))


def synthetic_graph(target: int, seed: int = 7) -> Graph:
    """About `target` triples of valid instance data (see the module docstring)."""
    rng = random.Random(seed)
    techniques = _techniques()
    g = bind_prefixes(Graph())
    datasets = [RES[f"dataset/corpus-{i}"] for i in range(40)]
    for i, d in enumerate(datasets):
        g.add((d, RDF.type, MLKG.Dataset))
        g.add((d, RDFS.label, Literal(f"Corpus-{i}")))
    previous_root = None
    family = 0
    while len(g) < target:
        paper = _Paper(g, RES[f"paper/synth-{family:05d}"])
        name = f"Fam{family}"
        models = []
        for i, parent in enumerate(_PARENT + (None,)):
            m = RES[f"model/fam{family}-m{i}"]
            label = f"{name}-M{i}-{(i + 1) * 3}B"
            models.append(m)
            g.add((m, RDF.type, MLKG.Model))
            g.add((m, RDFS.label, Literal(label)))
            g.add((m, SKOS.altLabel, Literal(label.replace("-", " "))))
            paper.fact(paper.iri, MLKG.introduces if i == 0 else MLKG.mentions, m,
                       f"We present {label}, an open language model.", "cue-introduce")
            if parent is not None:
                rel, verb = _LINEAGE[(family + i) % len(_LINEAGE)]
                paper.fact(m, MLKG[rel], models[parent], f"{label} {verb} {name}-M{parent}.",
                           "lineage")
            elif i == len(_PARENT) and previous_root is not None:  # the next generation
                paper.fact(m, MLKG.successorOf, previous_root, f"{label} succeeds the last root.",
                           "successor")
            for t in rng.sample(techniques, rng.choice((2, 3))):
                paper.fact(m, MLKG.usesTechnique, t, f"{label} uses {t.rsplit('/', 1)[1]}.",
                           "usage-verb")
            paper.fact(m, MLKG.trainedOn, rng.choice(datasets), f"{label} is trained on a corpus.",
                       "trained-on")
            total = (i + 1) * 3 * 10**9
            paper.fact(m, MLKG.totalParameters, total, f"{label} has {(i + 1) * 3}B parameters.",
                       "name-size")
            if i % 2:
                paper.fact(m, MLKG.activeParameters, total // 10, f"{label} activates a tenth.",
                           "active")
        previous_root = models[0]
        g.add((paper.iri, RDF.type, MLKG.Paper))
        g.add((paper.iri, RDFS.label, Literal(f"{name}: a family of models")))
        g.add((paper.iri, DCTERMS.title, Literal(f"{name}: a family of models")))
        g.add((paper.iri, DCTERMS.issued, Literal(f"2025-{1 + family % 12:02d}-15", datatype=XSD.date)))
        g.add((paper.iri, DCTERMS.abstract, Literal(paper.text)))
        g.add((paper.iri, MLKG.sourceFile, Literal(f"synthetic.jsonl#{family + 1}")))
        family += 1
    return g


def seed_graph() -> Graph:
    from kg.pipeline import DEFAULT_CORPUS, extract_graph

    return extract_graph([DEFAULT_CORPUS]).graph


def measure(name: str, g: Graph, repeat: int) -> dict:
    """Best wall time of `repeat` runs of each part (HermiT runs a JVM: wall time it is)."""
    best: dict[str, float] = {}
    out: dict = {"graph": name, "triples": len(g),
                 "models": len(set(g.subjects(RDF.type, MLKG.Model))),
                 "evidence": len(set(g.subjects(RDF.type, MLKG.Evidence)))}

    def timed(part: str, fn):
        t = time.perf_counter()
        value = fn()
        best[part] = min(best.get(part, float("inf")), time.perf_counter() - t)
        return value

    checks = load_checks()
    for _ in range(repeat):
        report = timed("reasoner", lambda: check_consistency(g))
        shapes = timed("shacl", lambda: run_shapes(g))
        store = timed("store_load", lambda: store_for(g))
        found = []
        for check in checks:
            found += timed(f"check:{check.name}", lambda c=check, s=store: run_checks(s, [c]))
    best["checks"] = sum(v for k, v in best.items() if k.startswith("check:"))
    out.update(consistent=report.consistent, hermit_seconds=report.seconds,
               inferred=len(report.inferred), shacl_findings=len(shapes), check_findings=len(found),
               seconds={k: round(v, 3) for k, v in best.items()})
    print(f"{name}: {len(g)} triples, reasoner {best['reasoner']:.1f}s ({len(report.inferred)} inferred), "
          f"shacl {best['shacl']:.1f}s, checks {best['checks']:.2f}s; "
          f"findings {len(shapes)} + {len(found)}", flush=True)
    return out


def write(results: list[dict], args: argparse.Namespace) -> None:
    meta = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine
            "command": f"bench/reason_bench.py --triples {args.triples} --repeat {args.repeat}",
            "ontology_files": [p.name for p in ontology_files()]}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "reason.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")
    lines = ["# Reasoning and validation times", "",
             f"`{meta['command']}` on {meta['cpus']} CPUs (load average {meta['load_average'][0]} at "
             f"the end), Python {meta['python']}. Wall seconds, "
             f"best of {args.repeat}. Reasoner: owlready2 + HermiT (JVM start included), on the graph "
             "less its evidence nodes and abstracts. SHACL: pyshacl on graph + ontology. Checks: "
             "queries/checks on an Oxigraph store of graph + ontology.", "",
             "| graph | triples | models | evidence nodes | reasoner s | inferred | SHACL s | checks s "
             "| store load s | findings |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        s = r["seconds"]
        lines.append(f"| {r['graph']} | {r['triples']} | {r['models']} | {r['evidence']} | "
                     f"{s['reasoner']:.2f} | {r['inferred']} | {s['shacl']:.2f} | {s['checks']:.2f} | "
                     f"{s['store_load']:.2f} | {r['shacl_findings'] + r['check_findings']} |")
    lines += ["", "Per quality check (seconds):", "", "| check | " + " | ".join(r["graph"] for r in results)
              + " |", "|---|" + "---|" * len(results)]
    for name in sorted(k for k in results[0]["seconds"] if k.startswith("check:")):
        lines.append(f"| {name[6:]} | " + " | ".join(f"{r['seconds'][name]:.3f}" for r in results) + " |")
    (RESULTS / "reason.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    results = [measure("seed corpus", seed_graph(), args.repeat)]
    t = time.perf_counter()
    big = synthetic_graph(args.triples)
    print(f"synthetic graph: {len(big)} triples in {time.perf_counter() - t:.1f}s", flush=True)
    results.append(measure(f"synthetic {args.triples // 1000}k", big, args.repeat))
    write(results, args)
    print(f"wrote {RESULTS / 'reason.json'} and {RESULTS / 'reason.md'}")


if __name__ == "__main__":
    main()
