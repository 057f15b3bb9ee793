"""How fast the lineage map opens, next to stock pyvis output for the same graph.

For synthetic graphs of about 100, 1,000, 5,000 and 20,000 nodes, writes our page
(kg.map.write_map) and the page stock pyvis 0.3.2 makes from the same nodes and edges
(Network.generate_html with cdn_resources="in_line", default options), opens each from disk in
headless Chromium (Debian's, through Playwright) and measures, from navigation start, the time
until the map is drawn and idle: no canvas redraw and no long task for 1.5 s. Requests to other
hosts are blocked and counted. Results: bench/results/map.json and bench/results/map.md.

    .venv/bin/python bench/map_bench.py [--sizes 100,1000,5000,20000] [--timeout 120]
"""

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal
from rdflib.namespace import DCTERMS, PROV

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import map as kgmap  # noqa: E402
from kg.viz_command import browser  # noqa: E402

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # reported when the browser is opened
    PlaywrightTimeout = TimeoutError
from kg.vocab import MLKG, RES  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LINEAGE = (MLKG.fineTunedFrom, MLKG.prunedFrom, MLKG.distilledFrom, MLKG.quantizedFrom,
           MLKG.builtOn, MLKG.successorOf)
QUIET_MS = 1500
# Counts every canvas redraw (vis clears the canvas each frame) and every long task.
PROBE = """(() => {
  const b = window.__bench = {draws: 0, last: 0, lastLong: 0};
  const proto = CanvasRenderingContext2D.prototype, clear = proto.clearRect;
  proto.clearRect = function () {
    b.draws += 1;
    b.last = performance.now();
    return clear.apply(this, arguments);
  };
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => {
      b.lastLong = Math.max(b.lastLong, e.startTime + e.duration);
    })).observe({type: "longtask", buffered: true});
  } catch (err) { /* no long-task timing: redraws alone decide */ }
})();"""


def synthetic_graph(n: int, seed: int = 5) -> Graph:
    """About n nodes shaped like the real graph: ~45% models in families (lineage trees),
    ~30% papers introducing them, techniques with a long tail of users, some datasets;
    one evidence sentence per fact."""
    rng = random.Random(seed)
    g = Graph()
    n_models, n_papers = int(n * 0.45), int(n * 0.30)
    n_tech, n_data = max(3, int(n * 0.15)), max(2, n - int(n * 0.45) - int(n * 0.30) - int(n * 0.15))
    models = [RES[f"model/m{i}"] for i in range(n_models)]
    techniques = [RES[f"technique/t{i}"] for i in range(n_tech)]
    datasets = [RES[f"dataset/d{i}"] for i in range(n_data)]
    papers = [RES[f"paper/p{i}"] for i in range(n_papers)]
    for kind, items, cls in (("Model", models, MLKG.Model), ("Technique", techniques, MLKG.Technique),
                             ("Dataset", datasets, MLKG.Dataset), ("Paper", papers, MLKG.Paper)):
        for i, e in enumerate(items):
            g.add((e, RDF.type, cls))
            g.add((e, RDFS.label, Literal(f"{kind} {i} {rng.choice(['Nano', 'Super', 'Ultra', 'Base'])}")))
    start = date(2022, 1, 1)
    for i, p in enumerate(papers):
        g.add((p, DCTERMS.issued, Literal(start + timedelta(days=i * 1000 // max(1, n_papers)))))

    def fact(s: Any, pred: Any, o: Any, paper: Any) -> None:
        g.add((s, pred, o))
        ev = BNode()
        for p, v in ((RDF.type, MLKG.Evidence), (RDF.subject, s), (RDF.predicate, pred), (RDF.object, o),
                     (PROV.wasDerivedFrom, paper), (MLKG.rule, Literal("synthetic")),
                     (MLKG.sentence, Literal(f"We show that {g.value(s, RDFS.label)} relates to "
                                             f"{g.value(o, RDFS.label)} in a sentence of typical length "
                                             "taken from an abstract."))):
            g.add((ev, p, v))

    family: list = []
    for i, m in enumerate(models):
        paper = papers[min(len(papers) - 1, i * len(papers) // max(1, len(models)))]
        fact(paper, MLKG.introduces, m, paper)
        if family and rng.random() < 0.6:
            fact(m, rng.choice(LINEAGE), rng.choice(family[-8:]), paper)
            family.append(m)
        else:
            family = [m]
        for _ in range(rng.randint(1, 3)):
            t = techniques[min(n_tech - 1, int(rng.paretovariate(1.2)) - 1 + rng.randrange(n_tech) // 8)]
            fact(m, MLKG.usesTechnique, t, paper)
        if rng.random() < 0.3:
            fact(m, MLKG.trainedOn, rng.choice(datasets), paper)
    return g


def stock_pyvis(data: dict) -> str:
    """What pyvis makes of the same nodes and edges with its own template and defaults."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for n in data["nodes"]:
        net.add_node(n["id"], label=n["label"], title=f"{n['label']} ({n['kind']})",
                     shape=kgmap.KINDS[n["kind"]][2], color=kgmap.KINDS[n["kind"]][3])
    for e in data["edges"]:
        net.add_edge(e["from"], e["to"], title=kgmap.RELATIONS[e["rel"]][1])
    return net.generate_html()


def measure(b: Any, page_path: Path, timeout_s: float, fragment: str = "") -> dict:
    """Open the page from disk; ms from navigation start until drawn and idle."""
    page = b.new_page(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.add_init_script(PROBE)
    t0 = time.monotonic()
    result: dict[str, Any] = {"idle_ms": None, "timed_out": True}
    try:
        page.goto(page_path.resolve().as_uri() + fragment, wait_until="load", timeout=timeout_s * 1000)
    except PlaywrightTimeout:  # stock pyvis at 20,000 nodes: its inline script never lets go
        result["loaded"] = False
        t0 -= timeout_s
    while time.monotonic() - t0 < timeout_s:
        s = page.evaluate("({b: window.__bench, now: performance.now(),"
                          " ready: window.mlkgMap ? window.mlkgMap.readyAt : null})")
        busy_until = max(s["b"]["last"], s["b"]["lastLong"])
        if s["b"]["draws"] and s["now"] - busy_until >= QUIET_MS:
            result = {"idle_ms": round(busy_until), "timed_out": False, "redraws": s["b"]["draws"],
                      "ready_ms": round(s["ready"]) if s["ready"] else None}
            break
        result.update(redraws=s["b"]["draws"], last_busy_ms=round(busy_until))
        page.wait_for_timeout(200)
    result["blocked_requests"] = len(blocked)
    page.close()
    return result


def run(sizes: list[int], timeout_s: float, with_pyvis: bool, write: bool) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp, browser() as b:
        for n in sizes:
            g = synthetic_graph(n)
            t = time.perf_counter()
            data = kgmap.map_data(g)
            ours_html, stats = kgmap.render(data)
            ours_s = time.perf_counter() - t
            ours = Path(tmp) / f"ours-{n}.html"
            ours.write_text(ours_html, encoding="utf-8")
            row = {"target_nodes": n, "nodes": stats.nodes, "edges": stats.edges,
                   "ours": {"python_s": round(ours_s, 2), "html_bytes": len(ours_html.encode()),
                            **measure(b, ours, timeout_s)}}
            if stats.nodes > kgmap.LARGE:  # a large map opens with techniques and papers off
                row["ours_all_layers"] = {**row["ours"], **measure(b, ours, timeout_s,
                                                                   "#show=technique,paper")}
            if with_pyvis:
                t = time.perf_counter()
                stock_html = stock_pyvis(data)
                stock_s = time.perf_counter() - t
                stock = Path(tmp) / f"pyvis-{n}.html"
                stock.write_text(stock_html, encoding="utf-8")
                row["pyvis"] = {"python_s": round(stock_s, 2), "html_bytes": len(stock_html.encode()),
                                **measure(b, stock, timeout_s)}
            print(json.dumps(row), flush=True)
            rows.append(row)
            if write:  # as it goes: the largest sizes take long
                write_results(rows, timeout_s)
    return rows


def _cell(side: dict | None, timeout_s: float) -> tuple[str, str, str, str]:
    if side is None:
        return ("-",) * 4
    if side["timed_out"]:
        idle = f"> {timeout_s:.0f} s ({'never loaded' if side.get('loaded') is False else 'still busy'})"
    else:
        idle = f"{side['idle_ms'] / 1000:.2f} s"
    return (idle, f"{side['html_bytes'] / 1e6:.2f} MB", f"{side['python_s']:.2f} s",
            str(side["blocked_requests"]))


def write_results(rows: list[dict], timeout_s: float) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"date": date.today().isoformat(), "machine": f"{platform.machine()}, {platform.system()}",
            "browser": "Debian chromium, headless, 1400x900", "quiet_ms": QUIET_MS, "timeout_s": timeout_s}
    (RESULTS / "map.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n",
                                      encoding="utf-8")
    lines = ["# Lineage map: time until drawn and idle", "",
             f"`python bench/map_bench.py` on {meta['date']} ({meta['machine']}; {meta['browser']}).",
             "Idle: from navigation start until no canvas redraw and no long task for 1.5 s.",
             "Stock pyvis: the same nodes and edges through pyvis 0.3.2's own template",
             "(`cdn_resources=\"in_line\"`, default physics); its CDN requests were blocked.", "",
             "Above 300 nodes our map opens with the lineage (models, datasets, benchmarks) and",
             "adds techniques and papers when their layer is switched on: \"all layers\" opens it",
             "with everything on (`#show=technique,paper`).", "",
             "| nodes | edges | ours: idle | ours, all layers: idle | ours: HTML | ours: Python "
             "| pyvis: idle | pyvis: HTML | pyvis: Python | pyvis: blocked CDN requests |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        o, p = _cell(r["ours"], timeout_s), _cell(r.get("pyvis"), timeout_s)
        every = _cell(r.get("ours_all_layers"), timeout_s)[0] if "ours_all_layers" in r else o[0]
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {o[0]} | {every} | {o[1]} | {o[2]} | {p[0]} "
                     f"| {p[1]} | {p[2]} | {p[3]} |")
    (RESULTS / "map.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000,20000")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per page (default: 120)")
    ap.add_argument("--no-pyvis", action="store_true", help="skip the stock pyvis pages")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()
    run([int(s) for s in args.sizes.split(",")], args.timeout, not args.no_pyvis, not args.no_write)
    if not args.no_write:
        print(f"wrote {RESULTS / 'map.json'} and {RESULTS / 'map.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
