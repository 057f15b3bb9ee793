"""Bounded load test of `kg serve`, and the same queries on rdflib-endpoint, on 127.0.0.1.

    .venv/bin/python bench/load_test.py [--requests 2000] [--concurrency 16] [--triples 1000000]

For the seed graph and a synthetic graph of about --triples triples:

1. `kg serve --graph DIR` (Oxigraph on disk, worker processes, time limit --timeout):
   - fast: --requests requests of "models using a technique" at --concurrency, half as
     SPARQL (POST /sparql, the named query's text) and half as REST
     (GET /api/queries/models-using-technique);
   - mixed: the same, plus a cross-product query every --slow-every requests that must
     hit the time limit (503): the fast ones' latency while slow ones run.
2. rdflib-endpoint serving the same files (graph.ttl, ontology, inferred.ttl), the SPARQL
   fast queries only (it has no time limit: a cross product would never end), at most
   --rdflib-requests requests or --rdflib-budget seconds, whichever comes first.

Writes bench/results/load.json and load.md. Every loop is bounded; nothing leaves 127.0.0.1.
The client shares the machine's cores with the servers; the figures are relative.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.queries import load_queries  # noqa: E402
from kg.resources import ontology_files  # noqa: E402

MLKG = "https://w3id.org/mlkg/ontology#"
RES = "https://w3id.org/mlkg/resource/"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SEED_TECHNIQUES = ["LatentMoE", "Mixture of Experts", "Mamba", "Knowledge Distillation", "Pruning"]


# ---------------------------------------------------------------- the synthetic graph


def synthetic_graph(path: Path, triples: int, seed: int = 0) -> list[str]:
    """Write about `triples` N-Triples lines shaped like a build (models, techniques in a
    skos:broader tree, lineage, papers, reified evidence); return technique labels to ask for."""
    rng = random.Random(seed)
    techniques = max(50, triples // 500)
    models = max(10, (triples - techniques * 4) * 10 // 212)  # 21.2 triples per model
    lines = 0

    def iri(kind: str, i: int) -> str:
        return f"<{RES}{kind}/{kind}-{i:07d}>"

    with path.open("w", encoding="utf-8") as out:
        def emit(s: str, p: str, o: str) -> None:
            nonlocal lines
            out.write(f"{s} {p} {o} .\n")
            lines += 1

        label, alt = "<http://www.w3.org/2000/01/rdf-schema#label>", "<http://www.w3.org/2004/02/skos/core#altLabel>"
        rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        broader = "<http://www.w3.org/2004/02/skos/core#broader>"
        for t in range(techniques):
            emit(iri("technique", t), rdf_type, f"<{MLKG}Technique>")
            emit(iri("technique", t), label, f'"Synthetic Technique {t}"')
            emit(iri("technique", t), alt, f'"ST{t}"')
            if t:
                emit(iri("technique", t), broader, iri("technique", (t - 1) // 8))
        for m in range(models):
            s = iri("model", m)
            paper = iri("paper", m // 10)
            emit(s, rdf_type, f"<{MLKG}Model>")
            emit(s, label, f'"Synthetic Model {m}"')
            emit(s, alt, f'"SM-{m}"')
            emit(s, f"<{MLKG}totalParameters>", f'"{rng.choice([1, 3, 7, 8, 13, 70, 405]) * 10**9}"'
                 f"^^<http://www.w3.org/2001/XMLSchema#integer>")
            if m:
                emit(s, f"<{MLKG}{rng.choice(['prunedFrom', 'distilledFrom', 'fineTunedFrom'])}>",
                     iri("model", rng.randrange(m)))
            used = rng.sample(range(techniques), 2)
            for t in used:
                emit(s, f"<{MLKG}usesTechnique>", iri("technique", t))
            emit(paper, f"<{MLKG}introduces>", s)
            for n, t in enumerate(used):  # one evidence node per usage fact
                node = f"<{RES}evidence/e{m:07d}-{n}>"
                emit(node, rdf_type, f"<{MLKG}Evidence>")
                emit(node, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>", s)
                emit(node, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>", f"<{MLKG}usesTechnique>")
                emit(node, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>", iri("technique", t))
                emit(node, "<http://www.w3.org/ns/prov#wasDerivedFrom>", paper)
                emit(node, f"<{MLKG}sentence>", f'"Synthetic Model {m} uses Synthetic Technique {t}."')
                emit(node, f"<{MLKG}rule>", '"usage-verb"')
            if m % 10 == 0:
                emit(paper, rdf_type, f"<{MLKG}Paper>")
                emit(paper, "<http://purl.org/dc/terms/title>", f'"Synthetic paper {m // 10}"')
    # four leaves of the tree (about 2 * models / techniques models each) and one parent of leaves,
    # whose answer gathers the models of its eight narrower techniques too
    first_leaf = (techniques - 1) // 8 + 1
    leaves = [first_leaf + (techniques - first_leaf) * k // 4 for k in range(4)]
    return [f"Synthetic Technique {t}" for t in (*leaves, (leaves[1] - 1) // 8)]


# ---------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Process:
    def __init__(self, argv: list[str], ready_url: str, log: Path, wait: float) -> None:
        self.log = log
        with log.open("wb") as fh:
            self.p = subprocess.Popen(argv, stdout=fh, stderr=subprocess.STDOUT, cwd=log.parent)
        start = time.monotonic()
        while time.monotonic() - start < wait:
            if self.p.poll() is not None:
                raise RuntimeError(f"{argv[:3]} exited:\n{log.read_text()[-3000:]}")
            try:
                status = httpx.get(ready_url, timeout=5).status_code
            except httpx.HTTPError:
                status = None
            if status == 200:
                return
            if status == 404:
                self.stop()
                raise RuntimeError(f"{ready_url}: 404, wrong path")
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{argv[:3]} not ready within {wait} s")

    def tree(self) -> set[int]:
        found, frontier = {self.p.pid}, {self.p.pid}
        while frontier:
            frontier = {int(d.parent.name) for d in Path("/proc").glob("[0-9]*/stat")
                        if _ppid(d) in frontier} - found
            found |= frontier
        return found

    def cpu_seconds(self) -> float:
        """User + system CPU of the server and its live children (workers killed meanwhile are lost)."""
        total = 0
        for pid in self.tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass
        return total / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        """Resident memory of the server and its children (workers), in MB."""
        total, frontier = 0, {self.p.pid}
        while frontier:
            for pid in frontier:
                try:
                    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
                    total += pages * os.sysconf("SC_PAGE_SIZE")
                except (OSError, IndexError):
                    pass
            frontier = {int(d.parent.name) for d in Path("/proc").glob("[0-9]*/stat")
                        if _ppid(d) in frontier}
        return round(total / 2**20, 1)

    def stop(self) -> None:
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(20)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(10)


def _ppid(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


# ---------------------------------------------------------------- load


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, dict[int, int]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_types: dict[str, int] = field(default_factory=dict)  # client-side failures by exception class
    sent: int = 0
    cut: int = 0  # sent, but unanswered when the time budget ran out
    elapsed: float = 0.0

    def add(self, kind: str, status: int | None, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if status is None:
            self.errors[kind] = self.errors.get(kind, 0) + 1
        else:
            self.statuses.setdefault(kind, {}).setdefault(status, 0)
            self.statuses[kind][status] += 1

    def summary(self) -> dict:
        answered = sum(len(v) for v in self.latencies.values()) - sum(self.errors.values())
        out: dict = {"sent": self.sent, "answered": answered, "cut_by_budget": self.cut,
                     "seconds": round(self.elapsed, 2),
                     "rps": round(answered / self.elapsed, 1) if self.elapsed else 0.0,
                     "error_types": self.error_types, "kinds": {}}
        for kind, lat in self.latencies.items():
            lat = sorted(lat)
            out["kinds"][kind] = {
                "n": len(lat), "statuses": self.statuses.get(kind, {}), "errors": self.errors.get(kind, 0),
                "p50_ms": round(1000 * statistics.median(lat), 1),
                "p99_ms": round(1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))], 1),
                "max_ms": round(1000 * lat[-1], 1)}
        return out


def plan(n: int, techniques: list[str], slow_every: int, rest: bool) -> list[tuple[str, str]]:
    """(kind, technique) for each request: fast SPARQL / REST, and every slow_every-th a slow one."""
    out = []
    for i in range(n):
        if slow_every and i % slow_every == slow_every - 1:
            out.append(("slow", ""))
        else:
            kind = "rest" if rest and i % 2 else "sparql"
            out.append((kind, techniques[i % len(techniques)]))
    return out


async def run_load(base: str, requests: list[tuple[str, str]], concurrency: int, budget: float,
                   timeout: float, sparql_path: str = "/sparql") -> Stats:
    named = load_queries()["models-using-technique"]
    texts = {t: named.bind({"technique": t}) for _, t in requests if t}
    stats = Stats()
    todo = iter(requests)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        start = time.perf_counter()

        async def user() -> None:
            for kind, technique in todo:
                if time.perf_counter() - start > budget:
                    return
                stats.sent += 1
                t0 = time.perf_counter()
                try:
                    if kind == "rest":
                        r = await client.get("/api/queries/models-using-technique",
                                             params={"technique": technique})
                    else:
                        text = SLOW if kind == "slow" else texts[technique]
                        r = await client.post(sparql_path, data={"query": text},
                                              headers={"Accept": "application/sparql-results+json"})
                    status: int | None = r.status_code
                except httpx.HTTPError as err:
                    status = None
                    name = type(err).__name__
                    stats.error_types[name] = stats.error_types.get(name, 0) + 1
                stats.add(kind, status, time.perf_counter() - t0)

        try:  # past the budget, requests still waiting for an answer are abandoned (counted as cut)
            await asyncio.wait_for(asyncio.gather(*(user() for _ in range(concurrency))), budget + 1)
        except TimeoutError:
            pass
        stats.elapsed = time.perf_counter() - start
    stats.cut = stats.sent - sum(len(v) for v in stats.latencies.values())
    return stats


def _per_request(cpu: float, stats: Stats) -> float | None:
    answered = sum(len(v) for v in stats.latencies.values()) - sum(stats.errors.values())
    return round(1000 * cpu / answered, 2) if answered else None


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# ---------------------------------------------------------------- one graph


def bench_graph(name: str, graph_dir: Path, techniques: list[str], args: argparse.Namespace,
                work: Path) -> dict:
    result: dict = {"graph": name}
    files = [graph_dir / "graph.ttl", *ontology_files()]
    if (graph_dir / "inferred.ttl").is_file():
        files.append(graph_dir / "inferred.ttl")
    result["triples_in_files"] = sum(1 for f in files for line in f.open(encoding="utf-8")
                                     if line.rstrip().endswith(" ."))  # approximate for Turtle

    port = free_port()
    t0 = time.monotonic()
    ours = Process([sys.executable, "-m", "kg.api.command", "serve", "--graph", str(graph_dir), "--port",
                    str(port), "--timeout", str(args.timeout), "--max-rows", "10000"],
                   f"http://127.0.0.1:{port}/health", work / f"{name}-kg-serve.log", wait=1800)
    base = f"http://127.0.0.1:{port}"
    try:
        health = httpx.get(base + "/health").json()
        result["ours"] = {"startup_s": round(time.monotonic() - t0, 1), "triples": health["triples"],
                          "workers": health["workers"]["size"]}
        asyncio.run(run_load(base, plan(4 * health["workers"]["size"] * len(techniques), techniques, 0, True),
                             args.concurrency, 120, 60))  # warm each worker's caches
        for phase, slow_every in (("fast", 0), ("mixed", args.slow_every)):
            print(f"[{name}] kg serve, {phase}: {args.requests} requests at concurrency {args.concurrency}",
                  flush=True)
            load, cpu = load_average(), ours.cpu_seconds()
            stats = asyncio.run(run_load(base, plan(args.requests, techniques, slow_every, True),
                                         args.concurrency, 3600, 120))
            used = ours.cpu_seconds() - cpu  # only meaningful without kills: killed workers take theirs along
            result["ours"][phase] = {**stats.summary(), "load_average_before": load,
                                     "server_cpu_ms_per_request": _per_request(used, stats) if not slow_every
                                     else None}
        result["ours"]["rss_mb"] = ours.rss_mb()
        result["ours"]["workers_after"] = httpx.get(base + "/health").json()["workers"]
    finally:
        ours.stop()

    if args.rdflib_requests:
        port = free_port()
        t0 = time.monotonic()
        try:
            ref = Process([str(Path(sys.executable).parent / "rdflib-endpoint"), "serve", *map(str, files),
                           "--host", "127.0.0.1", "--port", str(port)],
                          f"http://127.0.0.1:{port}/?query=ASK%7B%7D", work / f"{name}-rdflib.log",
                          wait=3600)
        except RuntimeError as err:
            result["rdflib"] = {"error": str(err)[-500:]}
            return result
        base = f"http://127.0.0.1:{port}"
        try:
            result["rdflib"] = {"startup_s": round(time.monotonic() - t0, 1)}
            asyncio.run(run_load(base, plan(1, techniques, 0, False), 1, args.rdflib_budget,
                                 args.rdflib_budget + 30, "/"))  # warm: rdflib prepares and caches the query
            n = min(args.requests, args.rdflib_requests)
            print(f"[{name}] rdflib-endpoint, fast: {n} requests (budget {args.rdflib_budget} s)", flush=True)
            load, cpu = load_average(), ref.cpu_seconds()
            stats = asyncio.run(run_load(base, plan(n, techniques, 0, False), args.concurrency,
                                         args.rdflib_budget, args.rdflib_budget + 30, "/"))
            used = ref.cpu_seconds() - cpu
            result["rdflib"]["fast"] = {**stats.summary(), "load_average_before": load,
                                        "server_cpu_ms_per_request": _per_request(used, stats)}
            result["rdflib"]["rss_mb"] = ref.rss_mb()
        finally:
            ref.stop()
    return result


# ---------------------------------------------------------------- report


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# `kg serve` load test",
        "",
        f"`{report['command']}` on {m['cpus']} cores, Python {m['python']}, {report['date']}.",
        "Client and servers share the cores; the machine was also running other work "
        "(load averages below). \"models using a technique\": SPARQL = POST /sparql with the named "
        "query's text, REST = GET /api/queries/models-using-technique. Slow = a three-way cross "
        f"product that hits the {report['args']['timeout']} s time limit (503, worker killed).",
        "",
        "| graph | server | phase | requests | rps | server CPU ms / request | SPARQL p50 / p99 ms "
        "| REST p50 / p99 ms | slow: n, statuses | errors / lost | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for g in report["graphs"]:
        for server in ("ours", "rdflib"):
            data = g.get(server) or {}
            for phase in ("fast", "mixed"):
                if phase not in data:
                    continue
                s = data[phase]
                k = s["kinds"]

                def lat(kind: str, k: dict = k) -> str:
                    return f"{k[kind]['p50_ms']} / {k[kind]['p99_ms']}" if kind in k else "-"

                slow = (f"{k['slow']['n']}, {k['slow']['statuses']}" if "slow" in k else "-")
                errors = sum(v["errors"] for v in k.values())
                fast_bad = sum(c for kind in ("sparql", "rest") if kind in k
                               for st, c in k[kind]["statuses"].items() if int(st) != 200)
                lost = s["sent"] - sum(v["n"] for v in k.values()) - s.get("cut_by_budget", 0)
                if s.get("cut_by_budget"):
                    slow = f"{slow}; {s['cut_by_budget']} unanswered at the {s['seconds']:.0f} s budget"
                who = "kg serve" if server == "ours" else "rdflib-endpoint"
                lines.append(f"| {g['graph']} ({g.get('ours', {}).get('triples', '?')} triples) "
                             f"| {who} | {phase} | {s['sent']} "
                             f"| {s['rps']} | {s.get('server_cpu_ms_per_request') or '-'} "
                             f"| {lat('sparql')} | {lat('rest')} | {slow} "
                             f"| {errors + fast_bad} / {lost} | {s['load_average_before'][0]} |")
        if "rdflib" in g and "fast" in g["rdflib"] and "fast" in g.get("ours", {}):
            ours = g["ours"]["fast"]["kinds"]["sparql"]
            ref = g["rdflib"]["fast"]
            ratio_rps = (g["ours"]["fast"]["rps"] / ref["rps"]) if ref["rps"] else float("inf")
            g["speedup"] = round(ratio_rps, 1)
            ours_cpu = g["ours"]["fast"].get("server_cpu_ms_per_request")
            ref_cpu = ref.get("server_cpu_ms_per_request")
            g["cpu_ratio"] = round(ref_cpu / ours_cpu, 1) if ours_cpu and ref_cpu else None
            cpu_cell = f"**{g['cpu_ratio']}x**" if g["cpu_ratio"] else "-"
            ref_p50 = (f"{ref['kinds']['sparql']['p50_ms']} ms" if "sparql" in ref["kinds"]
                       else f"no answer within {ref['seconds']:.0f} s")
            lines.append(f"| {g['graph']} | **rdflib-endpoint / kg serve** | fast | | **{g['speedup']}x** "
                         f"| {cpu_cell} "
                         f"| p50 {ref_p50} vs {ours['p50_ms']} ms | | | | |")
    lines += ["", "Startup (seconds) and memory (MB, server plus workers):", "",
              "| graph | kg serve startup | kg serve RSS | rdflib-endpoint startup | rdflib-endpoint RSS |",
              "|---|---|---|---|---|"]
    for g in report["graphs"]:
        o, r = g.get("ours", {}), g.get("rdflib", {})
        lines.append(f"| {g['graph']} | {o.get('startup_s', '-')} | {o.get('rss_mb', '-')} "
                     f"| {r.get('startup_s', '-')} | {r.get('rss_mb', '-')} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--slow-every", type=int, default=50, help="one slow query in N requests (mixed phase)")
    ap.add_argument("--timeout", type=float, default=5.0, help="kg serve --timeout")
    ap.add_argument("--triples", type=int, default=1_000_000, help="synthetic graph size; 0 skips it")
    ap.add_argument("--rdflib-requests", type=int, default=400, help="0 skips rdflib-endpoint")
    ap.add_argument("--rdflib-budget", type=float, default=150.0, help="seconds per rdflib-endpoint phase")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (graphs, stores, logs)")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `timeout` still gets the partial report

    work = Path(tempfile.mkdtemp(prefix="kg-load-"))
    report: dict = {"command": "python bench/load_test.py " + " ".join(sys.argv[1:]),
                    "date": time.strftime("%Y-%m-%d"), "args": {k: str(v) for k, v in vars(args).items()},
                    "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform()}, "graphs": []}
    try:
        seed = work / "seed"
        run = subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "corpus" / "nemotron"), "-o",
                              str(seed), "--no-map", "-q"], capture_output=True, text=True, timeout=1200)
        if run.returncode:
            print(run.stderr, file=sys.stderr)
            return 1
        report["graphs"].append(bench_graph("seed", seed, SEED_TECHNIQUES, args, work))
        if args.triples:
            synth = work / "synthetic"
            synth.mkdir()
            t0 = time.monotonic()
            techniques = synthetic_graph(synth / "graph.ttl", args.triples)
            print(f"synthetic graph: {time.monotonic() - t0:.1f} s", flush=True)
            report["graphs"].append(bench_graph("synthetic", synth, techniques, args, work))
    finally:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "load.json").write_text(json.dumps(report, indent=2) + "\n")  # first: keep the figures
        text = markdown(report)
        (args.out / "load.md").write_text(text)
        print(text)
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
