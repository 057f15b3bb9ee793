"""How fast the lineage map opens, next to stock pyvis output for the same graph.

For synthetic graphs of about 100, 1,000, 5,000 and 20,000 nodes, writes our page
(kg.map.write_map) and the page stock pyvis 0.3.2 makes from the same nodes and edges
(Network.generate_html with cdn_resources="in_line", default options), opens each from disk in
headless Chromium (Debian's, through Playwright) and measures, from navigation start, the time
until the map is drawn and idle: no canvas redraw and no long task for 1.5 s. Requests to other
hosts are blocked and counted. Results: bench/results/map.json and bench/results/map.md.

    .venv/bin/python bench/map_bench.py [--sizes 100,1000,5000,20000] [--timeout 120] [--repeat 3]
"""

import argparse
import json
import os
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


def sized_graph(n: int) -> Graph:
    """A synthetic graph whose map draws about n nodes (techniques and datasets no model uses
    are not drawn, so the generator is asked for a little more)."""
    g = synthetic_graph(n)
    drawn = len(kgmap.map_data(g)["nodes"])
    return g if abs(drawn - n) <= 0.02 * n else synthetic_graph(round(n * n / drawn))


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
    # The renderer's main-thread CPU time: what the page costs, whatever else the cores run.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cpu0 = _thread_time(cdp)
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
                      "ready_ms": round(s["ready"]) if s["ready"] else None,
                      "cpu_ms": round((_thread_time(cdp) - cpu0) * 1000)}
            break
        result.update(redraws=s["b"]["draws"], last_busy_ms=round(busy_until))
        page.wait_for_timeout(200)
    if result["timed_out"]:
        result["cpu_ms"] = round((_thread_time(cdp) - cpu0) * 1000)
    result["blocked_requests"] = len(blocked)
    page.close()
    return result


def _thread_time(cdp: Any) -> float:
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return float(metrics.get("ThreadTime", 0.0))


def measure_median(b: Any, page_path: Path, timeout_s: float, repeat: int, fragment: str = "") -> dict:
    """The run with the median time to idle of `repeat` loads; all times and the load average kept."""
    runs = []
    for _ in range(repeat):
        runs.append({**measure(b, page_path, timeout_s, fragment), "load_avg": os.getloadavg()[0]})
        if runs[-1]["timed_out"]:
            break
    ranked = sorted(runs, key=lambda r: (r["timed_out"], r["idle_ms"] or 0))
    return {**ranked[(len(ranked) - 1) // 2], "runs_idle_ms": [r["idle_ms"] for r in runs],
            "runs_cpu_ms": [r.get("cpu_ms") for r in runs],
            "runs_load_avg": [round(r["load_avg"], 2) for r in runs]}


def run(sizes: list[int], meta: dict, with_pyvis: bool, write: bool) -> list[dict]:
    timeout_s, repeat = meta["timeout_s"], meta["repeat"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, browser() as b:
        for n in sizes:
            g = sized_graph(n)
            t, cpu = time.perf_counter(), time.process_time()
            data = kgmap.map_data(g)
            ours_html, stats = kgmap.render(data)
            ours_s, ours_cpu = time.perf_counter() - t, time.process_time() - cpu
            ours = Path(tmp) / f"ours-{n}.html"
            ours.write_text(ours_html, encoding="utf-8")
            row = {"target_nodes": n, "nodes": stats.nodes, "edges": stats.edges,
                   "ours": {"python_s": round(ours_s, 2), "python_cpu_s": round(ours_cpu, 2),
                            "html_bytes": len(ours_html.encode()),
                            **measure_median(b, ours, timeout_s, repeat)}}
            if stats.nodes > kgmap.LARGE:  # a large map opens with techniques and papers off
                row["ours_all_layers"] = {**row["ours"], **measure_median(b, ours, timeout_s, repeat,
                                                                          "#show=technique,paper")}
            if with_pyvis:
                t, cpu = time.perf_counter(), time.process_time()
                stock_html = stock_pyvis(data)
                stock_s, stock_cpu = time.perf_counter() - t, time.process_time() - cpu
                stock = Path(tmp) / f"pyvis-{n}.html"
                stock.write_text(stock_html, encoding="utf-8")
                row["pyvis"] = {"python_s": round(stock_s, 2), "python_cpu_s": round(stock_cpu, 2),
                                "html_bytes": len(stock_html.encode()),
                                **measure_median(b, stock, timeout_s, repeat)}
            print(json.dumps(row), flush=True)
            rows.append(row)
            if write:  # as it goes: the largest sizes take long
                write_results(rows, {**meta, "load_avg_end": " ".join(f"{x:.2f}" for x in os.getloadavg())})
    return rows


def _idle(side: dict | None, timeout_s: float) -> str:
    if side is None:
        return "-"
    if side["timed_out"]:
        return f"> {timeout_s:.0f} s ({'never loaded' if side.get('loaded') is False else 'still busy'})"
    return f"{side['idle_ms'] / 1000:.2f} s"


def _cpu(side: dict | None) -> str:
    return "-" if side is None or side.get("cpu_ms") is None else f"{side['cpu_ms'] / 1000:.2f} s"


def write_results(rows: list[dict], meta: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    timeout_s = meta["timeout_s"]
    (RESULTS / "map.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n",
                                      encoding="utf-8")
    lines = ["# Lineage map: time until drawn and idle", "",
             f"`{meta['command']}` on {meta['date']} ({meta['machine']}; {meta['browser']}).",
             f"Load average (1 min) at the start: {meta['load_avg_start']}; other jobs shared the 2 cores,",
             f"so each page was opened {meta['repeat']} times and the run with the median time is shown",
             "(all runs and their load averages are in map.json).", "",
             "- **idle**: wall time from navigation start until no canvas redraw and no long task for 1.5 s.",
             "- **CPU**: the renderer main thread's CPU time over the same span (Chrome's ThreadTime),",
             "  which other jobs on the machine disturb much less than wall time.",
             "- **Python**: time to build the page from the graph (map_data + render; stock: pyvis's",
             "  generate_html).",
             "- Our map opens with the lineage (models, datasets, benchmarks) above 300 nodes and adds",
             "  techniques and papers when their layer is switched on; **all layers** opens it with",
             "  everything on (`#show=technique,paper`).",
             "- **Stock pyvis**: the same nodes and edges through pyvis 0.3.2's own template",
             "  (`cdn_resources=\"in_line\"`, default physics); its CDN requests were blocked.", "",
             "| nodes | edges | ours: idle | ours: CPU | all layers: idle | all layers: CPU | ours: HTML "
             "| ours: Python | pyvis: idle | pyvis: CPU | pyvis: HTML | pyvis: Python "
             "| pyvis: blocked CDN requests |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        o, every, p = r["ours"], r.get("ours_all_layers", r["ours"]), r.get("pyvis")
        stock = ("-",) * 3 if p is None else (f"{p['html_bytes'] / 1e6:.2f} MB", f"{p['python_s']:.2f} s",
                                               str(p["blocked_requests"]))
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {_idle(o, timeout_s)} | {_cpu(o)} "
                     f"| {_idle(every, timeout_s)} | {_cpu(every)} | {o['html_bytes'] / 1e6:.2f} MB "
                     f"| {o['python_s']:.2f} s | {_idle(p, timeout_s)} | {_cpu(p)} | {' | '.join(stock)} |")
    (RESULTS / "map.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000,20000")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per page (default: 120)")
    ap.add_argument("--no-pyvis", action="store_true", help="skip the stock pyvis pages")
    ap.add_argument("--no-write", action="store_true", help="print only")
    ap.add_argument("--repeat", type=int, default=3,
                    help="loads of each page; the median is shown (default: 3)")
    args = ap.parse_args()
    meta = {"date": date.today().isoformat(), "machine": f"{platform.machine()}, {platform.system()}, "
            f"{os.cpu_count()} cores", "browser": "Debian chromium, headless, 1400x900",
            "quiet_ms": QUIET_MS, "timeout_s": args.timeout, "repeat": args.repeat,
            "command": "python bench/map_bench.py " + " ".join(sys.argv[1:]),
            "load_avg_start": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    run([int(s) for s in args.sizes.split(",")], meta, not args.no_pyvis, not args.no_write)
    if not args.no_write:
        print(f"wrote {RESULTS / 'map.json'} and {RESULTS / 'map.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
