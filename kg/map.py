"""Interactive lineage map: one self-contained HTML page (vis-network inlined, no network access).

pyvis assembles the vis nodes, edges and options; the page itself comes from our own template
(viz/lineage.html.j2 with viz/lineage.js and viz/lineage.css inlined), because pyvis's template
loads CDN scripts, renders its heading unescaped and cannot freeze physics. Positions come from
kg/map_layout.py, so even a large map opens without any simulation in the browser.
"""

import json
import math
import os
import re
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.atomic import write_text
from kg.map_layout import layout
from kg.resources import data_dir, ontology_files
from kg.vocab import MLKG, RES

LARGE = 300  # above this many nodes: no physics at all, straight edges, lighter drawing
WRAP_PX, WRAP_CHARS = 236, 32  # widest node label
VIS_DIR = ("lib", "vis-9.1.2")

KINDS = {  # kind: (class, legend label, vis shape, colour)
    "model": (MLKG.Model, "Model", "box", "#a6cee3"),
    "technique": (MLKG.Technique, "Technique", "diamond", "#fdbf6f"),
    "dataset": (MLKG.Dataset, "Dataset", "square", "#b2df8a"),
    "benchmark": (MLKG.Benchmark, "Benchmark", "triangle", "#cab2d6"),
    "paper": (MLKG.Paper, "Paper", "dot", "#d0d0d0"),
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
    "usesTechnique": (MLKG.usesTechnique, "uses technique", "used by", "#e8a33d", False, ""),
    "trainedOn": (MLKG.trainedOn, "trained on", "training data of", "#7fb24a", False, ""),
    "evaluatedOn": (MLKG.evaluatedOn, "evaluated on", "benchmark for", "#a78bc0", False, ""),
    "introduces": (MLKG.introduces, "introduced in", "introduces", "#9a9a9a", [2, 3], ""),
    "broader": (SKOS.broader, "kind of", "includes", "#c8a060", [2, 3], ""),
}
LINEAGE_RELS = ("prunedFrom", "distilledFrom", "fineTunedFrom", "quantizedFrom", "builtOn",
                "nasDerivedFrom", "derivedFrom", "successorOf")
FIGURES = ((MLKG.totalParameters, "Total parameters"), (MLKG.activeParameters, "Active parameters"),
           (MLKG.contextLength, "Context length"), (MLKG.trainingTokens, "Training tokens"))
DEFAULT_TITLE = "mlkg lineage map"
ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")  # "MTP": shown beside the full name


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
        index[(s, g.value(ev, RDF.predicate), g.value(ev, RDF.object))].append({
            "sentence": str(g.value(ev, MLKG.sentence) or ""),
            "paper": node_id(paper) if isinstance(paper, URIRef) else None,
            "rule": str(g.value(ev, MLKG.rule) or ""),
            "confidence": _number(g.value(ev, MLKG.confidence)),
        })
    for items in index.values():
        # a total order: the same map whichever order the store hands the triples over in
        items.sort(key=lambda x: (x["paper"] or "", x["sentence"], x["rule"], x["confidence"] or 0.0))
    return index


@dataclass(frozen=True)
class _Taxonomy:
    labels: dict[URIRef, str]
    alts: dict[URIRef, tuple[str, ...]]
    broader: dict[URIRef, frozenset]


@cache
def _ontology_taxonomy() -> _Taxonomy:
    """Technique names and skos:broader families shipped in ontology/ (not in graph.ttl)."""
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    techniques = set(g.subjects(RDF.type, MLKG.Technique))
    labels = {t: _label(g, t) for t in techniques if isinstance(t, URIRef)}
    broader: dict[URIRef, set] = defaultdict(set)
    for s, o in g.subject_objects(SKOS.broader):
        if s in labels and o in labels:
            broader[s].add(o)
    alts = {t: tuple(sorted(str(a) for a in g.objects(t, SKOS.altLabel))) for t in labels}
    return _Taxonomy(labels, alts, {k: frozenset(v) for k, v in broader.items()})


def _collect(g: Graph) -> tuple[list[dict], list[dict], list[dict]]:
    """Nodes, edges (with evidence) and the technique taxonomy of the instance graph."""
    kind_of: dict[URIRef, str] = {}
    for kind, (cls, *_) in KINDS.items():
        for e in g.subjects(RDF.type, cls):
            if isinstance(e, URIRef):
                kind_of.setdefault(e, kind)
    evidence = _evidence(g)
    onto = _ontology_taxonomy()
    broader: dict[URIRef, set] = defaultdict(set, {k: set(v) for k, v in onto.broader.items()})
    for s, o in g.subject_objects(SKOS.broader):
        if kind_of.get(s) == "technique" and isinstance(o, URIRef):
            broader[s].add(o)

    # Edges keyed (rel, subject, object) in reading order: "s <label> o".
    found: dict[tuple[str, URIRef, URIRef], list[dict]] = {}
    for rel, (pred, *_) in RELATIONS.items():
        if rel == "broader":
            continue
        for s, o in g.subject_objects(pred):
            if s in kind_of and o in kind_of:
                found[(rel, o, s) if rel == "introduces" else (rel, s, o)] = \
                    list(evidence.get((s, pred, o), []))
    # "derived from" (kind unknown) is redundant beside a known kind: keep only its evidence.
    for _, s, o in [k for k in found if k[0] == "derivedFrom"]:
        known = [(r, s, o) for r in LINEAGE_RELS[:6] if (r, s, o) in found]
        if known:
            found[known[0]] += found.pop(("derivedFrom", s, o))
    # A technique, dataset, benchmark or paper with no drawn edge says nothing on a lineage
    # map; it stays in the graph and the API. Models are always drawn. "Kind of" links only
    # join techniques drawn anyway: the whole family tree is in the technique filter.
    linked = {x for (_, s, o) in found for x in (s, o)} | {e for e, k in kind_of.items() if k == "model"}
    for s in [t for t in broader if t in linked]:
        for o in sorted(broader[s]):
            if o in linked and kind_of.get(o) == "technique":
                found[("broader", s, o)] = list(evidence.get((s, SKOS.broader, o), []))
    kind_of = {e: k for e, k in kind_of.items() if e in linked}

    issued: dict[URIRef, str] = {}
    for e, kind in kind_of.items():
        if kind == "paper" and (d := g.value(e, DCTERMS.issued)) is not None:
            issued[e] = str(d)[:10]
    for (rel, s, o) in found:
        if rel == "introduces" and o in issued and (s not in issued or issued[o] < issued[s]):
            issued[s] = issued[o]  # an entity's date: its earliest introducing paper

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
        alts = sorted({str(a) for a in g.objects(e, SKOS.altLabel)}.union(onto.alts.get(e, ()))
                      - {label})
        extra = [str(v) for p in (DCTERMS.title, DCTERMS.identifier) for v in g.objects(e, p)]
        nodes.append({
            "id": node_id(e), "kind": kind, "label": label, "altLabels": alts,
            "names": sorted({label, *alts, *extra}),  # everything search matches
            "abbr": min((a for a in alts if ABBREVIATION.match(a)), key=len, default=None),
            "short": _short(_paper_name(label), 60) if kind == "paper" else None,
            "facts": facts, "techniques": sorted(techniques[e]),
            "papers": sorted(papers[e] - {node_id(e)}), "issued": issued.get(e),
        })
    order = list(KINDS)
    nodes.sort(key=lambda n: (order.index(n["kind"]), n["label"].lower(), n["id"]))
    edges = []
    for (rel, s, o), ev in sorted(found.items(), key=lambda kv: (list(RELATIONS).index(kv[0][0]),
                                                                  kv[0][1], kv[0][2])):
        a, b = (o, s) if rel in LINEAGE_RELS else (s, o)  # drawn parent -> child
        edges.append({"id": f"e{len(edges)}", "rel": rel, "from": node_id(a), "to": node_id(b),
                      "s": node_id(s), "o": node_id(o), "evidence": ev})
    return nodes, edges, _taxonomy(kind_of, broader, onto.labels, g)


def _taxonomy(kind_of: dict, broader: dict, onto_labels: dict, g: Graph) -> list[dict]:
    """Drawn techniques and all their broader families, for the "uses technique" filter."""
    keep: set[URIRef] = set()
    stack = [e for e, k in kind_of.items() if k == "technique"]
    while stack:
        t = stack.pop()
        if t not in keep:
            keep.add(t)
            stack.extend(broader.get(t, ()))
    out = [{"id": node_id(t),
            "label": _label(g, t) if t in kind_of else onto_labels.get(t, _label(g, t)),
            "broader": sorted(node_id(b) for b in broader.get(t, ()) if b in keep)}
           for t in keep]
    return sorted(out, key=lambda t: (t["label"].lower(), t["id"]))


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


def find_node(nodes: list[dict], name: str) -> dict:
    """The node whose id, label or variant name is `name` (case-insensitive); models first."""
    want = name.strip().lower()
    hits = [n for n in nodes if want == n["id"].lower() or want in (x.lower() for x in n["names"])]
    hits.sort(key=lambda n: (n["kind"] != "model", n["id"]))
    if not hits:
        raise KeyError(name)
    return hits[0]


def neighbourhood(nodes: list[dict], edges: list[dict], focus: str,
                  depth: int) -> tuple[list[dict], list[dict]]:
    """Everything within `depth` lineage steps of the focus (both directions), the
    techniques, datasets and papers of those models, and the edges among them."""
    kind = {n["id"]: n["kind"] for n in nodes}
    steps: dict[str, set] = defaultdict(set)
    for e in edges:
        if e["rel"] in LINEAGE_RELS or kind[focus] != "model":
            steps[e["from"]].add(e["to"])
            steps[e["to"]].add(e["from"])
    keep, frontier = {focus}, {focus}
    for _ in range(max(depth, 0)):
        frontier = {m for n in frontier for m in steps[n]} - keep
        keep |= frontier
    for e in edges:  # the satellites of every kept model
        for a, b in ((e["from"], e["to"]), (e["to"], e["from"])):
            if a in keep and kind[a] == "model" and kind[b] != "model":
                keep.add(b)
    return ([n for n in nodes if n["id"] in keep],
            [e for e in edges if e["from"] in keep and e["to"] in keep])


def map_data(graph: Graph, focus: str | None = None, depth: int = 2) -> dict:
    """Nodes (with positions), edges (with evidence), legend and technique taxonomy, as plain
    JSON-able data. With `focus` (an id or name), only that node's neighbourhood."""
    nodes, edges, taxonomy = _collect(graph)
    if focus is not None:
        nodes, edges = neighbourhood(nodes, edges, find_node(nodes, focus)["id"], depth)
    placed = layout(nodes, edges, LINEAGE_RELS)
    for n in nodes:
        n["x"], n["y"] = placed.pos[n["id"]]
        n["box"] = placed.group_of.get(n["id"], -1)
    return {"nodes": nodes, "edges": edges, "legend": _legend(nodes, edges),
            "taxonomy": taxonomy, "groups": placed.groups}


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


def _short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _paper_name(label: str) -> str:
    """A paper's title up to its colon ("Puzzle: Distillation-Based NAS ..." -> "Puzzle")."""
    head = label.split(":", 1)[0].strip() if ":" in label[:60] else label
    return head.removeprefix("NVIDIA ")


def _canvas_label(n: dict) -> str:
    """What is written on the node: the name, and for models a line of figures and date."""
    if n["kind"] == "paper":
        return _short(_paper_name(n["label"]), 26) + (f" ({n['issued'][:4]})" if n["issued"] else "")
    if n["kind"] != "model":
        return _short(n["label"], 30)
    facts = {f[0]: f[1] for f in n["facts"]}
    line = [facts[k] for k in ("Total parameters",) if k in facts]
    if "Active parameters" in facts:
        line.append(facts["Active parameters"] + " active")
    if n["issued"]:
        line.append(n["issued"][:7])
    return _short(n["label"]) + ("\n" + " \u00b7 ".join(line) if line else "")


def _wrapped(label: str) -> str:
    """Lines of at most WRAP_CHARS characters: about WRAP_PX at the model font."""
    return "\n".join(part for line in label.split("\n")
                     for part in textwrap.wrap(line, WRAP_CHARS, break_on_hyphens=False) or [""])


class _Ids(list):
    """pyvis checks `id in list` for every node and edge it adds: O(n^2) at 20,000 nodes."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _network(data: dict) -> Network:
    """The vis nodes, edges and options, assembled with pyvis. Only drawing goes to vis; the
    facts, names and evidence travel beside it (vis copies every option of every item)."""
    large = len(data["nodes"]) > LARGE
    net = Network(directed=True)
    net.node_ids = _Ids()
    for n in data["nodes"]:
        # Positions are final; small maps let physics nudge only the secondary nodes apart.
        # Large maps: labels wrapped here, so vis measures each line once and not word by word.
        label = _wrapped(_canvas_label(n)) if large else _canvas_label(n)
        net.add_node(n["id"], label=label, group=n["kind"], shape=KINDS[n["kind"]][2],
                     x=n["x"], y=n["y"], **({"fixed": True} if n["kind"] == "model" and not large else {}))
    for e in data["edges"]:
        _, _, _, colour, dashes, canvas = RELATIONS[e["rel"]]
        style: dict[str, Any] = {"color": {"color": colour, "highlight": colour, "hover": colour}}
        if dashes and not large:  # dashes cost much of a large map's drawing; colour tells apart
            style["dashes"] = dashes
        if e["rel"] in LINEAGE_RELS:  # the lineage stands out; the rest is the thin default
            style.update(label=canvas, width=2.5, color={**style["color"], "opacity": 1.0},
                         smooth=False if large else {"type": "cubicBezier", "roundness": 0.4,
                                                     "forceDirection": "horizontal"})
        # Arrow heads cost most of the drawing of a large map: there only lineage has them.
        arrows = "to" if e["rel"] in LINEAGE_RELS or not large else ""
        net.add_edge(e["from"], e["to"], id=e["id"], arrows=arrows, **style)
    groups = {kind: {"shape": shape, "borderWidth": 1.5 if kind == "model" else 1,
                     "color": {"background": colour, "border": "#6b7b8c" if kind == "model" else "#999",
                               "highlight": {"background": colour, "border": "#e4572e"},
                               "hover": {"background": colour, "border": "#e4572e"}},
                     "font": {"size": 14 if kind == "model" else 12,
                              "color": "#222" if kind == "model" else "#333"},
                     **({} if kind == "model" else {"size": 12})}
              for kind, (_, _, shape, colour) in KINDS.items()}
    net.options = {
        "layout": {"improvedLayout": False, "hierarchical": False},
        # Small maps: a short, gentle settle nudges overlapping satellites apart (models are
        # fixed), then the page freezes it. Large maps: positions as computed, no physics.
        "physics": {"enabled": not large, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -60, "centralGravity": 0,
                                  "springLength": 90, "springConstant": 0, "damping": 0.9,
                                  "avoidOverlap": 1},
                    "stabilization": {"enabled": True, "iterations": 60, "fit": False}},
        "interaction": {"hover": True, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "multiselect": False},
        "groups": groups,
        "nodes": {"margin": 6, "font": {"face": "system-ui, sans-serif"},
                  **({} if large else {"widthConstraint": {"maximum": WRAP_PX}})},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1,
                  "color": {"opacity": 0.55}, "smooth": False,
                  "font": {"size": 10, "align": "top", "strokeWidth": 3, "color": "#444"},
                  "selectionWidth": 1.5, "hoverWidth": 1},
    }
    return net


@cache
def _assets() -> tuple[str, str]:
    """vis-network (as bundled by pyvis) and our script and style, made safe to inline."""
    base = resources.files("pyvis") / VIS_DIR[0] / VIS_DIR[1]
    viz = data_dir("viz")
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    js += "\n" + (viz / "lineage.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    css += "\n" + (viz / "lineage.css").read_text(encoding="utf-8")
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    if "<!--" in js or "</style" in css.lower():
        raise RuntimeError("map scripts contain markup that cannot be inlined safely")
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


# The page carries items as rows: [fields..., style] with each distinct style once. At 5,000
# nodes that halves the JSON the browser parses before it draws anything.
VIS_NODE_FIELDS = ("id", "label", "x", "y")
VIS_EDGE_FIELDS = ("id", "from", "to")
EVIDENCE_FIELDS = ("sentence", "paper", "rule", "confidence")


def _pack(items: list[dict], fields: tuple[str, ...]) -> tuple[list[dict], list[list]]:
    styles: dict[str, int] = {}
    table: list[dict] = []
    rows = []
    for item in items:
        style = {k: v for k, v in item.items() if k not in fields}
        key = json.dumps(style, sort_keys=True)
        if key not in styles:
            styles[key] = len(table)
            table.append(style)
        rows.append([item.get(f) for f in fields] + [styles[key]])
    return table, rows


def render(data: dict, title: str = DEFAULT_TITLE,
           links: Sequence[tuple[str, str]] = ()) -> tuple[str, MapStats]:
    """The page for map_data() output, and how many nodes and edges it draws. `links`:
    (text, href) pairs for the header, e.g. the API of the server that serves the page."""
    nodes, edges, _, _, _, options = _network(data).get_network_data()
    large = len(nodes) > LARGE
    js, css = _assets()
    node_styles, node_rows = _pack(nodes, VIS_NODE_FIELDS)
    edge_styles, edge_rows = _pack(edges, VIS_EDGE_FIELDS)
    legend = data["legend"]
    if large:  # drawn without dashes (see _network): the legend says so too
        legend = {**legend, "relations": [{**r, "dashes": False} for r in legend["relations"]]}
    page = {"vis": {"nodes": node_rows, "nodeStyles": node_styles, "edges": edge_rows,
                    "edgeStyles": edge_styles, "options": json.loads(options)},
            "nodes": [{k: v for k, v in n.items() if k not in ("x", "y", "label")} | {"name": n["label"]}
                      for n in data["nodes"]],
            "edges": [[e["rel"], e["s"], e["o"]] for e in data["edges"]],
            "legend": legend, "taxonomy": data["taxonomy"],
            "groups": data["groups"], "physics": not large,
            "layersOff": ["technique", "paper"] if large else []}  # large: lineage first
    # Evidence is read only when a panel or tooltip shows it: its own block, parsed on demand.
    evidence = [[[ev[f] for f in EVIDENCE_FIELDS] for ev in e["evidence"]] for e in data["edges"]]
    # data, js and css are made safe above and inserted raw (|safe); title is escaped.
    html = _template().render(title=title, data=_script_json(page), evidence=_script_json(evidence),
                              js=js, css=css, links=links)
    return html, MapStats(nodes=len(nodes), edges=len(edges))


def page_data(html: str) -> dict:
    """What a page written by render() carries, unpacked as the page's script unpacks it:
    nodes and edges (with evidence) as in map_data(), and the vis items. For tests and tools."""
    def block(name: str) -> Any:
        found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
        if not found:
            raise ValueError(f"not a lineage map page: no {name} block")
        return json.loads(found.group(1))

    page, evidence = block("mlkg-data"), block("mlkg-evidence")
    vis = page["vis"]

    def unpack(rows: list, fields: tuple[str, ...], styles: list) -> list[dict]:
        return [{**styles[row[-1]], **dict(zip(fields, row, strict=False))} for row in rows]

    edges = []
    for i, ((rel, s, o), ev) in enumerate(zip(page["edges"], evidence, strict=True)):
        a, b = (o, s) if rel in LINEAGE_RELS else (s, o)
        edges.append({"id": f"e{i}", "rel": rel, "from": a, "to": b, "s": s, "o": o,
                      "evidence": [dict(zip(EVIDENCE_FIELDS, item, strict=True)) for item in ev]})
    return {**page, "edges": edges,
            "vis": {"nodes": unpack(vis["nodes"], VIS_NODE_FIELDS, vis["nodeStyles"]),
                    "edges": unpack(vis["edges"], VIS_EDGE_FIELDS, vis["edgeStyles"]),
                    "options": vis["options"]}}


def map_html(graph: Graph, title: str = DEFAULT_TITLE, links: Sequence[tuple[str, str]] = ()) -> str:
    """The whole map as one HTML page."""
    return render(map_data(graph), title, links)[0]


def write_map(graph: Graph, path: str | os.PathLike, title: str = DEFAULT_TITLE, *,
              focus: str | None = None, depth: int = 2) -> MapStats:
    html, stats = render(map_data(graph, focus, depth), title)
    write_text(path, html)
    return stats
