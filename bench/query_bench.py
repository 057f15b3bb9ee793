"""Named-query latency at 100k, 1M and 10M triples: on-disk Oxigraph against rdflib.

    .venv/bin/python bench/query_bench.py                       # 100k, 1M, 10M
    .venv/bin/python bench/query_bench.py --sizes 100000 1000000 --rdflib-max 1000000

The graphs. A base graph is built by the real pipeline: bench/synth.py writes
--abstracts synthetic abstracts (default 600), `kg build --reasoner closure` extracts
them (graph.ttl, ~100k triples) and materialises inferred.ttl. Larger graphs tile the
base: tile k renames every model, paper and evidence IRI (suffix -tk) and their labels,
titles and identifiers (suffix " Tk"), and keeps techniques, datasets and benchmarks
shared, as a real corpus would. Each tile has the base's shape (lineage depth, usage,
evidence per fact); what grows with the tiles is how many models use a technique, how
many labels a name lookup scans and the size of every index. Generating 10M triples
through the extractor would take hours; tiling takes a minute.

Per size, in a child process (so its peak RSS is its own): bulk load graph + ontology +
inferred into a new on-disk OxigraphStore (kg/store.py) - load wall/CPU time, disk size,
RSS - then every named query, several parameter values (from different tiles) with
--reps calls each: p50/p99 wall and CPU p50. Up to --memory-max triples the same runs
on an in-memory copy of the store (what `kg query` and a small `kg serve` use), and up
to --rdflib-max triples the first value runs on rdflib's in-memory Graph (per-call time
limit --query-timeout); row counts are compared.

Results: bench/results/query.json and query.md (rewritten after every size).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402  (bench/ is not a package)
from scale_bench import Timeout, call_with_timeout, pct, timed  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TARGETS = ("models-using-technique", "ancestors", "techniques-of-model")  # p50 < 50 ms at 1M
RES = "https://w3id.org/mlkg/resource/"
_RENAMED = re.compile(r"<https://w3id\.org/mlkg/resource/(model|paper|evidence)/([^>]*)>")
_NAMES = ("<http://www.w3.org/2000/01/rdf-schema#label>",
          "<http://www.w3.org/2004/02/skos/core#altLabel>", "<http://purl.org/dc/terms/title>",
          "<http://purl.org/dc/terms/identifier>")
_LITERAL = re.compile(r'^(<[^>]*> <[^>]*> ")(.*)("(?:@[A-Za-z-]+|\^\^<[^>]*>)? \.)$')


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# ---------------------------------------------------------------- the graphs
def build_base(work: Path, abstracts: int) -> Path:
    """graph.nt + inferred.nt of a pipeline build of `abstracts` synthetic abstracts."""
    base = work / f"base-{abstracts}"
    if (base / "inferred.nt").is_file():
        return base
    base.mkdir(parents=True, exist_ok=True)
    corpus = base / "corpus.jsonl"
    synth.generate(abstracts, corpus, seed=0)
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(base), "--no-map",
                    "-q", "-j", "2", "--reasoner", "closure"], check=True, stdout=subprocess.DEVNULL)
    from rdflib import Graph

    for name in ("graph", "inferred"):
        Graph().parse(base / f"{name}.ttl").serialize(base / f"{name}.nt", format="nt",
                                                       encoding="utf-8")
    return base


def tile_line(line: str, k: int) -> str:
    """One N-Triples line of the base, as tile k has it."""
    if k == 0:
        return line
    out = _RENAMED.sub(lambda m: f"<{RES}{m[1]}/{m[2]}-t{k}>", line)
    if out != line and any(f" {p} " in out for p in _NAMES):
        m = _LITERAL.match(out.rstrip("\n"))
        if m and out.startswith((f"<{RES}model/", f"<{RES}paper/")):
            out = f"{m[1]}{m[2]} T{k}{m[3]}\n"
    return out


def tiled(base: Path, tiles: int, out: Path) -> list[Path]:
    """graph.nt and inferred.nt of `tiles` renamed copies of the base."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for name in ("graph", "inferred"):
        target = out / f"{name}.nt"
        files.append(target)
        if target.is_file():
            continue
        lines = (base / f"{name}.nt").read_text(encoding="utf-8").splitlines(keepends=True)
        with open(target.with_suffix(".part"), "w", encoding="utf-8") as f:
            for k in range(tiles):
                f.writelines(tile_line(line, k) for line in lines)
        target.with_suffix(".part").rename(target)
    return files


def parameters(base: Path, tiles: int) -> dict[str, list[dict[str, str]]]:
    """Parameter values with answers: the base's (scale_bench.query_params) in tiles 0,
    the middle one and the last, and three techniques of different popularity."""
    from rdflib import Graph
    from scale_bench import query_params

    g = Graph().parse(base / "graph.nt")
    one = query_params(g, base / "corpus.jsonl")
    with open(base / "corpus.jsonl", encoding="utf-8") as f:
        arxiv = "arXiv:" + json.loads(f.readline())["arxiv"]
    picks = sorted({0, tiles // 2, tiles - 1})

    def in_tile(value: str, k: int) -> str:
        return value if k == 0 else f"{value} T{k}"

    out: dict[str, list[dict[str, str]]] = {}
    for name, params in one.items():
        if name in ("ancestors", "descendants", "techniques-of-model"):
            out[name] = [{"model": in_tile(params["model"], k)} for k in picks]
        elif name == "evidence":
            out[name] = [{**params, "subject": in_tile(params["subject"], k)} for k in picks]
        elif name == "paper-introduces":  # by arXiv id: a title's words are in every tile's title
            out[name] = [{"paper": in_tile(arxiv, k)} for k in picks]
        elif name in ("models-using-technique", "technique-origin"):
            out[name] = [{"technique": t} for t in
                         ("Mixture of Experts", "LatentMoE", "Speculative Decoding")]
        else:
            out[name] = [params]
    return out


# ---------------------------------------------------------------- timing
def series(run, values: list[str], reps: int, per_call: float) -> dict:
    """`reps` calls per bound query text in `values`; one call over `per_call` stops it."""
    walls: list[float] = []
    cpus: list[float] = []
    rows: list[int] = []
    for text in values:
        for i in range(reps):
            try:
                w, c, n = call_with_timeout(lambda t=text: timed(lambda: run(t)), per_call)
            except Timeout:
                return {"status": "timeout", "timeout_s": per_call, "calls": len(walls)}
            except Exception as exc:  # noqa: BLE001  an engine that cannot run a query is a result
                return {"status": "error", "error": f"{type(exc).__name__}: {str(exc)[:160]}"}
            walls.append(w)
            cpus.append(c)
            if i == 0:
                rows.append(n)  # type: ignore[arg-type]
    return {"status": "ok", "calls": len(walls), "rows": rows,
            "p50_ms": round(pct(walls, 50) * 1000, 2), "p99_ms": round(pct(walls, 99) * 1000, 2),
            "cpu_p50_ms": round(pct(cpus, 50) * 1000, 2)}


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def one_size(args: argparse.Namespace) -> dict:
    """Measure one size (run in its own process)."""
    from kg.queries import load_queries
    from kg.resources import ontology_files
    from kg.store import OxigraphStore

    base = build_base(args.work, args.abstracts)
    base_triples = sum(1 for _ in open(base / "graph.nt", encoding="utf-8"))
    tiles = max(1, round(args.size / base_triples))
    log(f"[{args.size}] tiling {tiles} x {base_triples} triples")
    t = time.perf_counter()
    files = tiled(base, tiles, args.work / f"tiles-{tiles}")
    row: dict = {"target_triples": args.size, "tiles": tiles, "base_triples": base_triples,
                 "tile_s": round(time.perf_counter() - t, 1)}
    store_dir = args.work / f"store-{tiles}"
    shutil.rmtree(store_dir, ignore_errors=True)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    w, c = time.perf_counter(), time.process_time()
    store = OxigraphStore(store_dir)
    store.load([files[0], *ontology_files(), files[1]])
    store.flush()
    row["oxigraph_load"] = {"wall_s": round(time.perf_counter() - w, 1),
                            "cpu_s": round(time.process_time() - c, 1), "triples": len(store),
                            "disk_mb": round(du(store_dir) / 2**20, 1),
                            "peak_rss_mb": round(max(rss0, resource.getrusage(
                                resource.RUSAGE_SELF).ru_maxrss) / 1024, 1),
                            "load_average": load_average()}
    row["triples"] = len(store)
    log(f"[{args.size}] oxigraph load {row['oxigraph_load']}")
    del store
    reader = OxigraphStore(store_dir, read_only=True)  # as `kg serve` opens a build

    queries = load_queries()
    params = parameters(base, tiles)
    memory = None
    if row["triples"] <= args.memory_max:  # what `kg query` and a small `kg serve` query
        w, c = time.perf_counter(), time.process_time()
        memory = reader.in_memory()
        row["memory_copy"] = {"wall_s": round(time.perf_counter() - w, 1),
                              "cpu_s": round(time.process_time() - c, 1),
                              "peak_rss_mb": round(resource.getrusage(
                                  resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    graph = None
    if row["triples"] <= args.rdflib_max:
        from rdflib import Graph

        w, c = time.perf_counter(), time.process_time()
        graph = Graph()
        for f in [files[0], *ontology_files(), files[1]]:
            graph.parse(f)
        # the same data as the store: its name keys and label ranks too (kg.store.index_names)
        keys = reader.query("CONSTRUCT { ?e ?p ?k } WHERE { VALUES ?p { "
                            "<https://w3id.org/mlkg/ontology#nameKey> "
                            "<https://w3id.org/mlkg/ontology#labelRank> } ?e ?p ?k }")
        graph.parse(data=keys.serialized, format="nt")
        row["rdflib_load"] = {"wall_s": round(time.perf_counter() - w, 1),
                              "cpu_s": round(time.process_time() - c, 1), "triples": len(graph),
                              "load_average": load_average()}
        log(f"[{args.size}] rdflib load {row['rdflib_load']}")
    qrows: dict[str, dict] = {}
    for name in sorted(queries):
        texts = [queries[name].bind(p) for p in params[name]]
        entry: dict = {"params": params[name], "load_average": load_average()}
        entry["oxigraph"] = series(lambda t: len(reader.query(t).rows), texts, args.reps,
                                   args.query_timeout)
        if memory is not None:
            entry["oxigraph_memory"] = series(lambda t: len(memory.query(t).rows), texts,
                                              args.reps, args.query_timeout)
        if graph is not None:  # the first value only: rdflib takes seconds per call
            entry["rdflib"] = series(lambda t: len(list(graph.query(t))), texts[:1],
                                     args.rdflib_reps, args.query_timeout)
        ox, rd = entry["oxigraph"], entry.get("rdflib", {})
        if ox["status"] == "ok" and rd.get("status") == "ok":
            entry["ratio"] = round(rd["cpu_p50_ms"] / max(ox["cpu_p50_ms"], 0.01), 1)
            entry["same_rows"] = ox["rows"][:1] == rd["rows"]
        elif ox["status"] == "ok" and rd.get("status") == "timeout":
            entry["ratio_at_least"] = round(args.query_timeout * 1000 / max(ox["p50_ms"], 0.01), 1)
        mem = entry.get("oxigraph_memory", {})
        qrows[name] = entry
        log(f"[{args.size}] {name}: disk p50 {ox.get('p50_ms', ox['status'])} ms, memory "
            f"{mem.get('p50_ms', mem.get('status'))}, rdflib "
            f"{rd.get('p50_ms', rd.get('status'))}, rows {ox.get('rows')}")
    row["queries"] = qrows
    ratios = [q.get("ratio") or q.get("ratio_at_least") for q in qrows.values()]
    ratios = [x for x in ratios if x]
    if ratios:
        row["ratio_geomean"] = round(math.exp(statistics.fmean(math.log(x) for x in ratios)), 1)
        row["ratio_geomean_is_lower_bound"] = any("ratio_at_least" in q for q in qrows.values())
    row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if not args.keep:
        shutil.rmtree(store_dir, ignore_errors=True)
    return row


_PROBE = """
import json, resource, sys, time
from kg.store import OxigraphStore
store = OxigraphStore(sys.argv[1], read_only=True)
text = sys.stdin.read()
w, c = time.perf_counter(), time.process_time()
rows = len(store.query(text).rows)
print(json.dumps({"wall_ms": round((time.perf_counter() - w) * 1000, 1),
                  "cpu_ms": round((time.process_time() - c) * 1000, 1), "rows": rows,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def probe(args: argparse.Namespace) -> dict:
    """One call per named query (first parameter value) on an existing on-disk store, each
    in its own process killed after --query-timeout s: oxigraph's evaluation is native
    code that a signal cannot stop, so a slow query would otherwise hold the run."""
    from kg.queries import load_queries

    base = build_base(args.work, args.abstracts)
    base_triples = sum(1 for _ in open(base / "graph.nt", encoding="utf-8"))
    tiles = max(1, round(args.probe_triples / base_triples))
    params = parameters(base, tiles)
    out: dict = {"store": str(args.probe), "timeout_s": args.query_timeout, "queries": {}}
    for name, q in sorted(load_queries().items()):
        text = q.bind(params[name][0])
        try:
            done = subprocess.run([sys.executable, "-c", _PROBE, str(args.probe)], input=text,
                                  capture_output=True, text=True, timeout=args.query_timeout,
                                  cwd=ROOT, check=True)
            entry = {"status": "ok", **json.loads(done.stdout)}
        except subprocess.TimeoutExpired:
            entry = {"status": "timeout"}
        entry.update(params=params[name][0], load_average=load_average())
        out["queries"][name] = entry
        log(f"probe {name}: {entry}")
    return out


# ---------------------------------------------------------------- reasoning
def reasoning(args: argparse.Namespace) -> list[dict]:
    """HermiT against the closure rules on the base graph (same inferred graph?), and the
    closure rules alone on the tiled graphs up to --closure-max triples."""
    from rdflib import Graph

    from kg.reason import check_consistency, closure_report

    base = build_base(args.work, args.abstracts)
    rows = []
    graph = Graph().parse(base / "graph.nt")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w, c = time.perf_counter(), time.process_time()
    hermit = check_consistency(graph)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    java = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    hermit_row = {"reasoner": "hermit", "triples": len(graph),
                  "wall_s": round(time.perf_counter() - w, 2),
                  "cpu_s": round(time.process_time() - c + java, 2),
                  "inferred": len(hermit.inferred), "consistent": hermit.consistent}
    for size in [s for s in args.sizes if s <= args.closure_max]:
        tiles = max(1, round(size / len(graph)))
        files = tiled(base, tiles, args.work / f"tiles-{tiles}")
        data = graph if tiles == 1 else Graph().parse(files[0])
        w, c = time.perf_counter(), time.process_time()
        closure = closure_report(data)
        row = {"reasoner": "closure", "triples": len(data),
               "wall_s": round(time.perf_counter() - w, 2),
               "cpu_s": round(time.process_time() - c, 2), "inferred": len(closure.inferred),
               "consistent": closure.consistent, "load_average": load_average()}
        if tiles == 1:
            row["same_as_hermit"] = set(closure.inferred) == set(hermit.inferred)
            hermit_row["load_average"] = load_average()
            rows.append(hermit_row)
        rows.append(row)
        log(f"reasoning: {row}")
        del data
    return rows


# ---------------------------------------------------------------- report
def _ms(d: dict | None, key: str = "p50_ms") -> str:
    if not d:
        return "-"
    if d.get("status") != "ok":
        return f"{d['status']} ({d['timeout_s']:g} s)" if d["status"] == "timeout" else d["status"]
    return f"{d[key]} ({d['cpu_p50_ms']})" if key == "p50_ms" else str(d[key])


def markdown(result: dict) -> str:
    lines = [f"# Named-query latency ({result['date']}, {result['machine']})", "",
             f"Command: `{result['command']}`", "",
             "Graphs: a pipeline build of 600 synthetic abstracts (`kg build --reasoner closure`: "
             "graph + inferred), tiled with renamed models, papers and evidence (see "
             "bench/query_bench.py); the ontology is loaded beside it. Store: on-disk Oxigraph "
             "(RocksDB) via kg/store.py, opened read-only. p50/p99: wall ms over every call "
             "(several parameter values from different tiles); ratio = rdflib CPU p50 / "
             "Oxigraph (disk) CPU p50; rdflib runs the first parameter value only. "
             "*memory* = an in-memory copy of the same store.", "",
             "| triples | load s (CPU) | disk MB | peak RSS MB | memory copy s | rdflib load s |",
             "|---|---|---|---|---|---|"]
    for r in result["sizes"]:
        ld = r["oxigraph_load"]
        rl = r.get("rdflib_load")
        mc = r.get("memory_copy")
        lines.append(f"| {r['triples']:,} | {ld['wall_s']} ({ld['cpu_s']}) | {ld['disk_mb']} | "
                     f"{r['peak_rss_mb']} | {mc['wall_s'] if mc else '-'} | "
                     f"{rl['wall_s'] if rl else '-'} |")
    lines += ["", "Wall ms (CPU ms in brackets: other jobs shared the 2 cores, see load average).", "",
              "| triples | query | disk p50 | disk p99 | memory p50 | rdflib p50 | ratio | rows |",
              "|---|---|---|---|---|---|---|---|"]
    for r in result["sizes"]:
        for name, q in r["queries"].items():
            bold = f"**{name}**" if name in TARGETS else name
            ratio = q.get("ratio") or (f">= {q['ratio_at_least']}" if "ratio_at_least" in q
                                       else "-")
            lines.append(f"| {r['triples']:,} | {bold} | {_ms(q['oxigraph'])} | "
                         f"{_ms(q['oxigraph'], 'p99_ms')} | {_ms(q.get('oxigraph_memory'))} | "
                         f"{_ms(q.get('rdflib'))} | {ratio} | {q['oxigraph'].get('rows', '')} |")
        if "ratio_geomean" in r:
            bound = " (lower bound)" if r["ratio_geomean_is_lower_bound"] else ""
            lines.append(f"| {r['triples']:,} | *geometric mean of ratios* | | | | | "
                         f"{r['ratio_geomean']}{bound} | |")
    for pr in result.get("probes", []):
        lines += ["", f"## One call per query on the {pr.get('triples', 0):,}-triple on-disk store", "",
                  f"Command: `{pr['command']}`. Each query runs once (first parameter value) "
                  f"in its own process, killed after {pr['timeout_s']:g} s.", ""]
        if "load" in pr:
            ld = pr["load"]
            lines += [f"Load of that store ({ld['source']}): {ld['wall_s']} s wall, "
                      f"{ld['cpu_s']} s CPU, {ld['triples']:,} triples, {ld['disk_mb']} MB on "
                      f"disk, peak RSS {ld['peak_rss_mb']} MB, load average {ld['load_average']}.",
                      ""]
        lines += ["| query | wall ms | CPU ms | rows | peak RSS MB |", "|---|---|---|---|---|"]
        for name, q in pr["queries"].items():
            if q["status"] == "ok":
                lines.append(f"| {name} | {q['wall_ms']} | {q['cpu_ms']} | {q['rows']} | "
                             f"{q['peak_rss_mb']} |")
            else:
                lines.append(f"| {name} | {q['status']} | | | |")
    if result.get("reasoning"):
        lines += ["", "## Reasoning: HermiT and the closure rules (kg/closure.py)", "",
                  "Wall and CPU seconds (HermiT: its JVM's CPU included), on the graph less "
                  "evidence and abstracts, ontology included. Command: "
                  f"`{result.get('reasoning_command', '')}`", "",
                  "| reasoner | triples | wall s | CPU s | inferred | same as HermiT |",
                  "|---|---|---|---|---|---|"]
        for r in result["reasoning"]:
            same = {True: "yes", False: "NO"}.get(r.get("same_as_hermit"), "-")
            lines.append(f"| {r['reasoner']} | {r['triples']:,} | {r['wall_s']} | {r['cpu_s']} "
                         f"| {r['inferred']:,} | {same} |")
    lines += ["", "Load average (1, 5, 15 min) is recorded per query in query.json."]
    return "\n".join(lines) + "\n"


def write(result: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix, text in ((".json", json.dumps(result, indent=1) + "\n"),
                         (".md", markdown(result))):
        tmp = out.with_suffix(suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out.with_suffix(suffix))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    ap.add_argument("--abstracts", type=int, default=600, help="abstracts in the base build")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "mlkg-query-bench")
    ap.add_argument("--reps", type=int, default=10, help="calls per parameter value")
    ap.add_argument("--memory-max", type=int, default=1_200_000,
                    help="largest graph also queried in an in-memory copy of the store")
    ap.add_argument("--rdflib-reps", type=int, default=2)
    ap.add_argument("--rdflib-max", type=int, default=1_200_000, help="largest graph for rdflib")
    ap.add_argument("--query-timeout", type=float, default=60.0)
    ap.add_argument("--keep", action="store_true", help="keep the on-disk stores")
    ap.add_argument("--out", type=Path, default=RESULTS / "query")
    ap.add_argument("--reasoning", action="store_true",
                    help="only time HermiT and the closure rules; add them to --out's JSON")
    ap.add_argument("--closure-max", type=int, default=1_200_000)
    ap.add_argument("--probe", type=Path, help="an on-disk store left by a size that timed out: "
                    "one call per query, each in a process killed at --query-timeout")
    ap.add_argument("--probe-triples", type=int, default=10_000_000,
                    help="the size that store was built for (picks the parameters)")
    ap.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.one_size:
        args.size = args.one_size
        json.dump(one_size(args), sys.stdout)
        return 0
    if args.probe:
        result = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        result.setdefault("probes", []).append({**probe(args), "command": (
            "python bench/query_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]))})
        write(result, args.out)
        return 0
    if args.reasoning:
        result = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        result["reasoning"] = reasoning(args)
        result["reasoning_command"] = "python bench/query_bench.py " + " ".join(
            argv if argv is not None else sys.argv[1:])
        write(result, args.out)
        return 0
    result = {"date": time.strftime("%Y-%m-%d"), "command": "python bench/query_bench.py "
              + " ".join(argv if argv is not None else sys.argv[1:]),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                         f"{platform.python_version()}",
              "sizes": []}
    passthrough = list(argv if argv is not None else sys.argv[1:])
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, *passthrough, "--one-size", str(size)],
                               stdout=subprocess.PIPE, text=True)
        if child.returncode != 0:
            log(f"[{size}] failed (exit {child.returncode}); smaller sizes are written")
            break
        result["sizes"].append(json.loads(child.stdout))
        write(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
