"""Interactive lineage map: one self-contained HTML page (vis-network inlined, no network access).

pyvis assembles the vis nodes, edges and options; the page itself comes from our own template
(viz/lineage.html.j2), because pyvis's template loads CDN scripts and renders its heading unescaped.
"""

import json
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.atomic import write_text
from kg.resources import data_dir
from kg.vocab import MLKG, RES

LARGE = 300  # above this many nodes: no physics, positions computed here
VIS_DIR = ("lib", "vis-9.1.2")

KINDS = {  # kind: (class, legend label, vis shape, colour)
    "model": (MLKG.Model, "Model", "box", "#a6cee3"),
    "technique": (MLKG.Technique, "Technique", "diamond", "#fdbf6f"),
    "dataset": (MLKG.Dataset, "Dataset", "database", "#b2df8a"),
    "benchmark": (MLKG.Benchmark, "Benchmark", "triangle", "#cab2d6"),
    "paper": (MLKG.Paper, "Paper", "ellipse", "#d9d9d9"),
}
# rel: (predicate, label, inverse label, colour, dashes, canvas label); lineage first.
RELATIONS: dict[str, tuple[URIRef, str, str, str, Any, str]] = {
    "prunedFrom": (MLKG.prunedFrom, "pruned from", "pruned into", "#d62728", False, "pruned"),
    "distilledFrom": (MLKG.distilledFrom, "distilled from", "distilled into", "#9467bd",
                      [8, 4], "distilled"),
    "fineTunedFrom": (MLKG.fineTunedFrom, "fine-tuned from", "fine-tuned into", "#1f77b4",
                      False, "fine-tuned"),
    "quantizedFrom": (MLKG.quantizedFrom, "quantized from", "quantized into", "#8c564b",
                      [2, 4], "quantized"),
    "builtOn": (MLKG.builtOn, "built on backbone", "backbone of", "#2ca02c", [12, 3, 3, 3],
                "backbone"),
    "nasDerivedFrom": (MLKG.nasDerivedFrom, "derived by NAS from", "NAS-derived into", "#e377c2",
                       [10, 4, 2, 4], "NAS"),
    "derivedFrom": (MLKG.derivedFrom, "derived from", "derivative", "#555555", [4, 4], "derived"),
    "successorOf": (MLKG.successorOf, "successor of", "predecessor of", "#17becf", [14, 6],
                    "successor"),
    "usesTechnique": (MLKG.usesTechnique, "uses technique", "used by", "#f0a040", False, ""),
    "trainedOn": (MLKG.trainedOn, "trained on", "training data of", "#8fbf5a", False, ""),
    "evaluatedOn": (MLKG.evaluatedOn, "evaluated on", "benchmark for", "#a78bc0", False, ""),
    "introduces": (MLKG.introduces, "introduced in", "introduces", "#aaaaaa", [2, 3], ""),
    "broader": (SKOS.broader, "kind of", "includes", "#c8a060", [2, 3], ""),
}
LINEAGE_RELS = ("prunedFrom", "distilledFrom", "fineTunedFrom", "quantizedFrom", "builtOn",
                "nasDerivedFrom", "derivedFrom", "successorOf")
# Drawn subject -> object; lineage is drawn parent -> child and "introduced in" entity -> paper,
# so that older things sit on the left and arrows read like the label.
REVERSED = set(LINEAGE_RELS) | {"introduces"}
FIGURES = ((MLKG.totalParameters, "Total parameters"), (MLKG.activeParameters, "Active parameters"),
           (MLKG.contextLength, "Context length"), (MLKG.trainingTokens, "Training tokens"))


@dataclass(frozen=True)
class MapStats:
    nodes: int
    edges: int


def human_number(value: int) -> str:
    """120000000000 -> '120B', 131072 -> '131K', 12500000000 -> '12.5B'."""
    for scale, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if abs(value) >= scale:
            scaled = value / scale
            return (f"{scaled:.3g}" if scaled < 1000 else f"{scaled:,.0f}") + suffix
    return str(value)


def node_id(iri: URIRef) -> str:
    """Short, URL-fragment friendly id: 'model/nemotron-3-super' for RES IRIs."""
    return iri[len(RES):] if iri.startswith(str(RES)) else str(iri)


def _label(g: Graph, e: URIRef) -> str:
    labels = sorted(str(x) for x in g.objects(e, RDFS.label))
    return labels[0] if labels else node_id(e).rsplit("/", 1)[-1]


def _figure(lit: Any) -> str:
    try:
        return human_number(int(str(lit)))
    except ValueError:  # ill-typed literal: show it as it is
        return str(lit)


def _number(lit: Any) -> float | None:
    try:
        value = float(str(lit)) if lit is not None else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None  # JSON has no NaN


def _evidence(g: Graph) -> dict[tuple, list[dict]]:
    """(subject, predicate, object) -> evidence sentences from the reified statements."""
    index: dict[tuple, list[dict]] = defaultdict(list)
    for ev, s in g.subject_objects(RDF.subject):
        paper = g.value(ev, PROV.wasDerivedFrom)
        conf = _number(g.value(ev, MLKG.confidence))
        index[(s, g.value(ev, RDF.predicate), g.value(ev, RDF.object))].append({
            "sentence": str(g.value(ev, MLKG.sentence) or ""),
            "paper": node_id(paper) if isinstance(paper, URIRef) else None,
            "rule": str(g.value(ev, MLKG.rule) or ""),
            "confidence": conf,
        })
    for items in index.values():
        items.sort(key=lambda x: (x["paper"] or "", x["sentence"]))
    return index


def _model_levels(models: set, lineage: list[tuple], base: dict) -> dict:
    """Longest path from the roots (parent -> child), starting from the paper-date rank.

    Kahn's algorithm; a cycle (an extraction error) is broken at its earliest node.
    """
    children, indeg = defaultdict(list), dict.fromkeys(models, 0)
    for parent, child in lineage:
        children[parent].append(child)
        indeg[child] += 1
    level = {m: base.get(m, 0) for m in models}
    todo, done = set(models), set()
    ready = sorted(m for m in models if indeg[m] == 0)
    while todo:
        n = ready.pop(0) if ready else min(todo, key=lambda m: (level[m], m))
        if n in done:
            continue
        done.add(n)
        todo.discard(n)
        for c in children[n]:
            if c not in done:
                level[c] = max(level[c], level[n] + 1)
                indeg[c] -= 1
                if indeg[c] == 0:
                    ready.append(c)
    return level


def map_data(graph: Graph) -> dict:
    """Nodes, edges (with evidence) and legend of the instance graph, as plain JSON-able data."""
    g = graph
    kind_of: dict[URIRef, str] = {}
    for kind, (cls, *_) in KINDS.items():
        for e in g.subjects(RDF.type, cls):
            if isinstance(e, URIRef):
                kind_of.setdefault(e, kind)
    evidence = _evidence(g)

    # Edges keyed (rel, subject, object) in reading order: "s <label> o".
    found: dict[tuple[str, URIRef, URIRef], list[dict]] = {}
    for rel, (pred, *_) in RELATIONS.items():
        for s, o in g.subject_objects(pred):
            if s not in kind_of or o not in kind_of:
                continue
            if rel == "broader" and not kind_of[s] == kind_of[o] == "technique":
                continue
            ev = list(evidence.get((s, pred, o), []))
            found[(rel, o, s) if rel == "introduces" else (rel, s, o)] = ev
    # "derived from" (kind unknown) is redundant beside a known kind: keep only its evidence.
    for _, s, o in [k for k in found if k[0] == "derivedFrom"]:
        known = [(r, s, o) for r in LINEAGE_RELS[:6] if (r, s, o) in found]
        if known:
            found[known[0]] += found.pop(("derivedFrom", s, o))

    issued: dict[URIRef, str] = {}
    for e, kind in kind_of.items():
        if kind == "paper" and (d := g.value(e, DCTERMS.issued)) is not None:
            issued[e] = str(d)[:10]
    for (rel, s, o) in found:
        if rel == "introduces" and o in issued and (s not in issued or issued[o] < issued[s]):
            issued[s] = issued[o]  # an entity's date: its earliest introducing paper

    levels = _levels(kind_of, found, issued)
    papers: dict[URIRef, set] = defaultdict(set)
    techniques: dict[URIRef, list] = defaultdict(list)
    for (rel, s, o), ev in found.items():
        if rel == "introduces":
            papers[s].add(node_id(o))
        elif rel == "usesTechnique":
            techniques[s].append(node_id(o))
        for item in ev:
            if item["paper"]:
                papers[s].add(item["paper"])
                papers[o].add(item["paper"])
    for p, e in g.subject_objects(MLKG.mentions):
        if kind_of.get(p) == "paper":
            papers[e].add(node_id(p))

    nodes = []
    for e, kind in kind_of.items():
        label = _label(g, e)
        facts = _facts(g, e, kind, evidence)
        papers[e].update(item["paper"] for f in facts for item in f[2] if item["paper"])
        nodes.append({
            "id": node_id(e),
            "kind": kind,
            "label": label,
            "altLabels": sorted({str(a) for a in g.objects(e, SKOS.altLabel)} - {label}),
            "facts": facts,
            "techniques": sorted(techniques[e]),
            "papers": sorted(papers[e] - {node_id(e)}),
            "issued": issued.get(e),
            "level": levels[e],
        })
    order = list(KINDS)
    nodes.sort(key=lambda n: (order.index(n["kind"]), n["level"], n["label"].lower(), n["id"]))
    edges = []
    for (rel, s, o), ev in sorted(found.items(), key=lambda kv: (list(RELATIONS).index(kv[0][0]),
                                                                  kv[0][1], kv[0][2])):
        a, b = (o, s) if rel in LINEAGE_RELS else (s, o)  # parents on the left
        edges.append({"id": f"e{len(edges)}", "rel": rel, "from": node_id(a), "to": node_id(b),
                      "s": node_id(s), "o": node_id(o), "evidence": ev})
    # A technique, dataset, benchmark or paper with no drawn edge says nothing on a lineage
    # map; it stays in the graph and the API. Models are always drawn.
    linked = {x for e in edges for x in (e["from"], e["to"])}
    nodes = [n for n in nodes if n["kind"] == "model" or n["id"] in linked]
    return {"nodes": nodes, "edges": edges, "legend": _legend(nodes, edges)}


def _facts(g: Graph, e: URIRef, kind: str, evidence: dict) -> list[list]:
    """[name, shown value, evidence] rows for the side panel."""
    if kind == "paper":
        rows = [("Title", list(g.objects(e, DCTERMS.title))),
                ("Published", list(g.objects(e, DCTERMS.issued))),
                ("Identifier", list(g.objects(e, DCTERMS.identifier))),
                ("Authors", [_label(g, c) for c in g.objects(e, DCTERMS.creator)]),
                ("Affiliation", [_label(g, o) for o in g.objects(e, MLKG.affiliation)])]
        return [[name, ", ".join(sorted(str(v) for v in vals)), []] for name, vals in rows if vals]
    return [[name, _figure(v), evidence.get((e, pred, v), [])]
            for pred, name in FIGURES for v in sorted(g.objects(e, pred), key=str)
            if isinstance(v, Literal)]


def _levels(kind_of: dict, found: dict, issued: dict) -> dict:
    """Columns, left to right: paper-date rank pushed right by lineage depth for models;
    techniques, datasets and benchmarks just right of their first user; papers with their models.
    """
    rank = {d: i for i, d in enumerate(sorted(set(issued.values())))}
    models = {e for e, k in kind_of.items() if k == "model"}
    lineage = [(o, s) for (rel, s, o) in found
               if rel in LINEAGE_RELS and s in models and o in models]
    level = _model_levels(models, lineage, {m: rank[issued[m]] for m in models if m in issued})
    top = max(level.values(), default=-1) + 1
    for (rel, s, o) in found:
        if rel in ("usesTechnique", "trainedOn", "evaluatedOn") and s in level:
            level[o] = min(level.get(o, level[s] + 1), level[s] + 1)
    for _ in range(len(kind_of)):  # unused broader techniques: right of their narrower ones
        todo = [(s, o) for (rel, s, o) in found
                if rel == "broader" and s in level and o not in level]
        if not todo:
            break
        for s, o in todo:
            level[o] = level[s] + 1
    for (rel, s, o) in found:
        if rel == "introduces" and s in level:
            level[o] = min(level.get(o, level[s]), level[s])
    for e, kind in kind_of.items():
        if e not in level:
            level[e] = rank[issued[e]] if kind == "paper" and e in issued else top
    return level


def _legend(nodes: list[dict], edges: list[dict]) -> dict:
    kinds = [n["kind"] for n in nodes]
    rels = [e["rel"] for e in edges]
    return {
        "kinds": [{"kind": k, "label": label, "shape": shape, "color": colour,
                   "count": kinds.count(k)}
                  for k, (_, label, shape, colour) in KINDS.items() if k in kinds or k == "model"],
        "relations": [{"rel": r, "label": label, "inverse": inverse, "color": colour,
                       "dashes": dashes, "lineage": r in LINEAGE_RELS, "count": rels.count(r)}
                      for r, (_, label, inverse, colour, dashes, _c) in RELATIONS.items()
                      if r in rels],
    }


def _positions(nodes: list[dict], edges: list[dict]) -> dict[str, tuple[int, int]]:
    """Layered layout for large maps: column by level, rows ordered by the mean row of the
    neighbours already placed (one barycentre sweep keeps most edges short)."""
    columns: dict[int, list[dict]] = defaultdict(list)
    for n in nodes:
        columns[n["level"]].append(n)
    near = defaultdict(list)
    for e in edges:
        near[e["from"]].append(e["to"])
        near[e["to"]].append(e["from"])
    row: dict[str, float] = {}
    pos = {}
    for level in sorted(columns):
        def key(n: dict) -> tuple:
            placed = [row[m] for m in near[n["id"]] if m in row]
            return (not placed, sum(placed) / len(placed) if placed else 0, n["label"].lower())

        column = sorted(columns[level], key=key)
        for i, n in enumerate(column):
            row[n["id"]] = i - len(column) / 2
            pos[n["id"]] = (level * 300, round(row[n["id"]] * 70))
    return pos


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _network(data: dict) -> Network:
    """The vis nodes, edges and options, assembled with pyvis."""
    large = len(data["nodes"]) > LARGE
    pos = _positions(data["nodes"], data["edges"]) if large else {}
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    net = Network(directed=True)
    for n in data["nodes"]:
        _, kind_label, shape, colour = KINDS[n["kind"]]
        place = ({"x": pos[n["id"]][0], "y": pos[n["id"]][1], "physics": False} if large
                 else {"level": n["level"]})
        tip = "\n".join([n["label"], kind_label]
                        + (["also: " + ", ".join(n["altLabels"][:6])] if n["altLabels"] else []))
        extra = {k: v for k, v in n.items() if k not in ("id", "label", "level")}
        net.add_node(n["id"], label=_short(n["label"]), shape=shape, color=colour, title=tip,
                     name=n["label"], **place, **extra)
    for e in data["edges"]:
        _, label, _, colour, dashes, canvas = RELATIONS[e["rel"]]
        # A string title is shown by vis-network 9 as text (innerText), never parsed as HTML.
        tip = f"{labels[e['s']]} \u2014 {label} \u2192 {labels[e['o']]}"
        for item in e["evidence"][:3]:
            paper = labels.get(item["paper"] or "", item["paper"] or "unknown paper")
            tip += f"\n\n\u201c{item['sentence']}\u201d\n\u2014 {paper}"
        if len(e["evidence"]) > 3:
            tip += f"\n\n(+{len(e['evidence']) - 3} more in the side panel)"
        net.add_edge(e["from"], e["to"], id=e["id"], rel=e["rel"], s=e["s"], o=e["o"],
                     evidence=e["evidence"], title=tip, label=canvas, dashes=dashes,
                     color={"color": colour, "highlight": colour, "hover": colour},
                     width=2 if e["rel"] in LINEAGE_RELS else 1)
    net.options = {
        "layout": {"improvedLayout": False, "hierarchical": False} if large else {
            "hierarchical": {"enabled": True, "direction": "LR", "sortMethod": "directed",
                             "levelSeparation": 260, "nodeSpacing": 90, "treeSpacing": 120}},
        "physics": {"enabled": not large, "solver": "hierarchicalRepulsion",
                    "hierarchicalRepulsion": {"nodeDistance": 130, "avoidOverlap": 1},
                    "stabilization": {"enabled": True, "iterations": 400, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "widthConstraint": {"maximum": 180}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"size": 10, "align": "top", "strokeWidth": 3},
                  "smooth": False if large else {"type": "cubicBezier",
                                                 "forceDirection": "horizontal"}},
    }
    return net


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network as bundled by pyvis, made safe to inline in <script> and <style>."""
    base = resources.files("pyvis") / VIS_DIR[0] / VIS_DIR[1]
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    if "<!--" in js or "</style" in css.lower():
        raise RuntimeError("vis-network assets contain markup that cannot be inlined safely")
    return js, css


def _script_json(value: Any) -> str:
    """JSON for a <script> element: no '<', '>' or '&' survive, so no label can close it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@cache
def _template() -> Any:
    env = Environment(loader=FileSystemLoader(data_dir("viz")), autoescape=True,
                      undefined=StrictUndefined)
    return env.get_template("lineage.html.j2")


def _render(data: dict, title: str) -> tuple[str, int, int]:
    nodes, edges, _, _, _, options = _network(data).get_network_data()
    js, css = _vis_assets()
    page = {"nodes": nodes, "edges": edges, "options": json.loads(options),
            "legend": data["legend"], "physics": len(nodes) <= LARGE}
    # data, vis_js and vis_css are made safe above and inserted raw (|safe); title is escaped.
    html = _template().render(title=title, data=_script_json(page), vis_js=js, vis_css=css)
    return html, len(nodes), len(edges)


def map_html(graph: Graph, title: str = "mlkg lineage map") -> str:
    return _render(map_data(graph), title)[0]


def write_map(graph: Graph, path: str | os.PathLike, title: str = "mlkg lineage map") -> MapStats:
    html, n_nodes, n_edges = _render(map_data(graph), title)
    write_text(path, html)
    return MapStats(nodes=n_nodes, edges=n_edges)
