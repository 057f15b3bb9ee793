"""How mlkg's cost grows with the corpus: build, reasoning, export, correctness, queries.

    .venv/bin/python bench/scale_bench.py                  # default --sizes 1000 2000, about 14 min
    .venv/bin/python bench/scale_bench.py --sizes 1000 10000 100000 --baseline /tmp/mlkg-base

For every N it generates a synthetic corpus with bench/synth.py (seeded, with its gold facts)
and measures, each step with its own time limit (a step that runs out is recorded as
"timeout", never waited for):

- extraction throughput: serial on one core (CPU time, `kg.extract` over a sample of the
  corpus, with the names the whole corpus introduces known, as in a build), and the build's
  own extraction with `-j 2` (wall time of the extract step, abstracts per second per core);
- `kg build --no-reason --no-map -j 2` as a subprocess: wall time, CPU time and peak RSS
  (os.wait4's rusage of that child: the largest of it and its worker processes), with the
  build's own step timings; then `kg reason` (HermiT) as its own subprocess (up to
  --reason-max), so the full build is their sum and a slow reasoner does not hide the rest;
- the incremental rebuild: 1% more abstracts (generated with the corpus, held back from the
  first build) added as a second input file, built into the same folder: wall/CPU time,
  papers extracted, ratio to the full build; up to --verify-max also a fresh full build of
  the same inputs, whose graph.nt must be byte-identical;
- the baseline in the same run (--baseline DIR, a checkout of an older commit): its
  `kg build` on the same corpus, up to --baseline-max;
- Turtle and N-Triples export: rdflib (what `kg export` runs) and pyoxigraph, triples/s;
- correctness: `kg.evaluate.evaluate` of graph.ttl against the planted gold facts;
- named-query latency (p50/p99) on OxigraphStore (graph.ttl + ontology) and on rdflib's
  in-memory Graph running the same bound query text; per-query ratio and geometric mean.
The rdflib parts (load, export, correctness, queries) run up to --rdflib-max abstracts:
rdflib holds a graph in memory at about 1 KB per triple.

Results: bench/results/scale.json, scale.md and scale.png (matplotlib, optional).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402  (bench/ is not a package)

RESULTS = ROOT / "bench" / "results"
MAIN_QUERIES = ("models-using-technique", "ancestors", "techniques-of-model")


# ---------------------------------------------------------------- subprocess steps
def run_step(cmd: list[str], timeout: float, cwd: Path | None = None) -> dict:
    """Run `cmd` in its own process group; wall, CPU and peak RSS of it and its children.

    os.wait4 gives the rusage of exactly this child (RUSAGE_CHILDREN would mix all steps).
    On timeout the group is killed and the step is recorded as such.
    """
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd or ROOT,
                                start_new_session=True)
        status = "ok"
        while True:
            pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, code, usage = os.wait4(proc.pid, 0)
                status = "timeout"
                break
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(code)  # keep Popen from reaping it again
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if status == "ok" and proc.returncode != 0:
        status = f"exit {proc.returncode}"
    return {"status": status, "wall_s": round(time.perf_counter() - t0, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "timeout_s": timeout,
            "output_tail": text[-600:] if status != "ok" else "", "_output": text}


def build_timings(output: str) -> dict[str, float]:
    """The `time: read 1.2s, extract 3.4s, ...` line `kg build` prints."""
    m = re.search(r"^time: (.*)$", output, re.M)
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)s", m[1])} if m else {}


# ---------------------------------------------------------------- in-process timing
class Timeout(Exception):
    pass


def _alarm(_sig: int, _frame: object) -> None:
    raise Timeout


def call_with_timeout(fn: Callable[[], object], seconds: float) -> object:
    """Interrupts pure-Python work (rdflib) with SIGALRM; native code checks at its next bytecode."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """(wall, cpu, result) of one call."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def pct(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (p99 of 30 samples is the largest: honest for small samples)."""
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, math.ceil(q / 100 * len(s)) - 1))]


def latency(run: Callable[[], object], reps: int, budget: float, per_call: float) -> dict:
    """Up to `reps` calls within `budget` seconds; one call over `per_call` stops the series."""
    walls: list[float] = []
    cpus: list[float] = []
    rows = None
    t_end = time.perf_counter() + budget
    for _ in range(reps):
        try:
            w, c, rows = call_with_timeout(lambda: timed(run), per_call)  # type: ignore[misc]
        except Timeout:
            return {"status": "timeout", "timeout_s": per_call, "calls": len(walls),
                    **({"p50_ms": round(pct(walls, 50) * 1000, 2)} if walls else {})}
        except Exception as exc:  # noqa: BLE001  an engine that cannot run a query is a result
            return {"status": "error", "error": f"{type(exc).__name__}: {str(exc)[:200]}"}
        walls.append(w)
        cpus.append(c)
        if time.perf_counter() > t_end:
            break
    return {"status": "ok", "calls": len(walls), "rows": rows,
            "p50_ms": round(pct(walls, 50) * 1000, 2), "p99_ms": round(pct(walls, 99) * 1000, 2),
            "cpu_p50_ms": round(pct(cpus, 50) * 1000, 2)}


# ---------------------------------------------------------------- query parameters
def query_params(graph: object, corpus: Path) -> dict[str, dict[str, str]]:
    """Parameters with real answers in the built graph: the model with the longest extracted
    lineage chain (ancestors, its techniques, its evidence) and that chain's root."""
    from rdflib import RDFS

    from kg.vocab import LINEAGE, MLKG

    parent: dict = {}
    for p in sorted(LINEAGE, key=str):
        for s, o in graph.subject_objects(p):  # type: ignore[attr-defined]
            parent.setdefault(s, o)

    def depth(m: object) -> int:
        d, seen = 0, {m}
        while m in parent and parent[m] not in seen:
            m = parent[m]
            seen.add(m)
            d += 1
        return d

    deepest = max(parent, key=lambda m: (depth(m), str(m)))
    root, seen = deepest, {deepest}
    while root in parent and parent[root] not in seen:
        root = parent[root]
        seen.add(root)
    used = max(graph.subjects(MLKG.usesTechnique, None), key=lambda m: (depth(m), str(m)))  # type: ignore

    def label(node: object) -> str:
        return str(graph.value(node, RDFS.label))  # type: ignore[attr-defined]

    with open(corpus, encoding="utf-8") as f:
        first = json.loads(f.readline())
    return {
        "models-using-technique": {"technique": "Mixture of Experts"},
        "ancestors": {"model": label(deepest)},
        "techniques-of-model": {"model": label(used)},
        "descendants": {"model": label(root)},
        "evidence": {"subject": label(used), "predicate": "usesTechnique"},
        "models": {},
        "models-by-parameters": {"min": "50B", "max": "200B"},
        # title words: the arXiv id form does not match ids stored as "arXiv:NNNN" (see README)
        "paper-introduces": {"paper": first["title"].split(":")[0]},
        "technique-origin": {"technique": "Speculative Decoding"},
    }


# ---------------------------------------------------------------- one size
def bench_size(n: int, work: Path, args: argparse.Namespace) -> dict:
    from rdflib import Graph

    from kg.evaluate import evaluate
    from kg.queries import load_queries
    from kg.resources import ontology_files
    from kg.store import OxigraphStore

    row: dict = {"n": n}
    corpus, gold_path, out = work / f"synth-{n}.jsonl", work / f"synth-{n}.gold.json", work / f"out-{n}"
    extra = work / f"synth-{n}-new.jsonl"  # 1% more, held back for the incremental rebuild
    both = work / f"synth-{n}-all.jsonl"
    w, c, _ = timed(lambda: synth.generate(n + max(1, n // 100), both, gold_path, args.seed))
    with both.open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as base, \
            extra.open("w", encoding="utf-8") as new:
        for i, line in enumerate(src):
            (base if i < n else new).write(line)
    both.unlink()
    row["generate"] = {"wall_s": round(w, 2), "abstracts_per_s": round(n / w)}
    log(f"[{n}] corpus written in {w:.1f}s")

    # serial extraction on one core: a sample, with the whole corpus's learned names known
    # (the learn pass is timed too: it is part of the serial cost of every abstract)
    if n <= args.serial_max:
        row["extract_serial"] = serial_extraction(corpus, args)
        log(f"[{n}] serial extraction: {row['extract_serial']}")

    b = build_step(n, [corpus], out, args)
    row["build"] = b
    log(f"[{n}] build (no reasoner): {b['status']} {b['wall_s']}s, {b['peak_rss_mb']} MB, {b['timings']}")
    graph_ttl = out / "graph.ttl"
    if b["status"] != "ok" or not graph_ttl.is_file():
        return row
    row["triples"] = b["stats"].get("triples")

    inc = build_step(n, [corpus, extra], out, args)
    inc["added"] = max(1, n // 100)
    if inc["status"] == "ok":
        inc["ratio_wall"] = round(inc["wall_s"] / b["wall_s"], 3)
        inc["ratio_cpu"] = round(inc["cpu_s"] / b["cpu_s"], 3)
    row["incremental"] = inc
    log(f"[{n}] incremental +1%: {inc['status']} {inc['wall_s']}s, {inc.get('stats')}, "
        f"ratio {inc.get('ratio_wall')}")
    if n <= args.verify_max and inc["status"] == "ok":
        fresh = build_step(n, [corpus, extra], work / f"out-{n}-fresh", args)
        row["incremental"]["identical_to_full_build"] = (
            fresh["status"] == "ok"
            and (out / "graph.nt").read_bytes() == (work / f"out-{n}-fresh" / "graph.nt").read_bytes())
        row["full_build_with_added"] = fresh
        log(f"[{n}] fresh full build of the same inputs: {fresh['wall_s']}s; identical: "
            f"{row['incremental']['identical_to_full_build']}")
    if args.baseline and n <= args.baseline_max:
        base = build_step(n, [corpus], work / f"out-{n}-baseline", args, cwd=args.baseline)
        row["baseline"] = base
        log(f"[{n}] baseline build: {base['status']} {base['wall_s']}s, {base['peak_rss_mb']} MB, "
            f"{base['timings']}")
    (work / f"out-{n}" / "graph.nt").unlink(missing_ok=True)
    if n > args.reason_max:
        return row

    r = run_step([sys.executable, "-m", "kg", "reason", "--graph", str(out)], args.reason_timeout)
    r.pop("_output")
    row["reason"] = r
    full = b["wall_s"] + r["wall_s"] if r["status"] == "ok" else None
    row["full_build_s"] = full
    log(f"[{n}] reason: {r['status']} {r['wall_s']}s {r['peak_rss_mb']} MB")

    if n > args.rdflib_max:
        return row
    # load: rdflib (what kg export / kg eval / kg reason parse) and pyoxigraph
    onto = [Path(p) for p in ontology_files()]
    lw, lc, g = timed(lambda: Graph().parse(graph_ttl, format="turtle"))
    triples = len(g)
    row["triples"] = triples
    row["load"] = {"rdflib_s": round(lw, 2), "rdflib_triples_per_s": round(triples / lw)}
    ow, oc, store = timed(lambda: _ox_store([graph_ttl, *onto], OxigraphStore))
    row["load"].update({"oxigraph_s": round(ow, 2), "oxigraph_triples_per_s": round(triples / ow)})
    log(f"[{n}] {triples} triples; load rdflib {lw:.1f}s, oxigraph {ow:.1f}s")

    # export: serialisation only (parsing is the load above), CPU time
    exp: dict[str, dict] = {}
    for fmt, name in (("turtle", "ttl"), ("nt", "nt")):
        try:
            _, sc, data = call_with_timeout(lambda f=fmt: timed(lambda: g.serialize(format=f,
                                                                                  encoding="utf-8")),
                                            args.step_timeout)
            exp[f"rdflib_{name}"] = {"s": round(sc, 2), "triples_per_s": round(triples / sc),
                                     "mb": round(len(data) / 1e6, 1)}
        except Timeout:
            exp[f"rdflib_{name}"] = {"status": "timeout", "timeout_s": args.step_timeout}
    exp.update(_ox_export(graph_ttl, triples, work))
    row["export"] = exp
    log(f"[{n}] export {exp}")

    # correctness against the planted facts (the gold covers the held-back 1% too)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scores = evaluate(g, gold)
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    row["correctness"] = {s.relation: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                                       "tp": s.tp, "fp": s.fp, "fn": s.fn} for s in scores}
    row["correctness"]["all"] = {"precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                                 "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
                                 "tp": tp, "fp": fp, "fn": fn}
    log(f"[{n}] correctness all: {row['correctness']['all']}")

    # named queries: the same bound text on both stores; rdflib graph = graph.ttl + ontology
    for p in onto:
        g.parse(p, format="turtle")
    queries = load_queries()
    params = query_params(g, corpus)
    del gold
    qrows: dict[str, dict] = {}
    for name in sorted(params):
        text = queries[name].bind(params[name])
        ox_l = latency(lambda t=text: len(store.query(t).rows), args.reps, args.query_budget,
                       args.query_timeout)
        rd_l = latency(lambda t=text: len(list(g.query(t))), args.rdflib_reps, args.query_budget,
                       args.query_timeout)
        entry = {"params": params[name], "oxigraph": ox_l, "rdflib": rd_l}
        if ox_l["status"] == "ok" and rd_l["status"] == "ok":
            entry["ratio"] = round(rd_l["cpu_p50_ms"] / max(ox_l["cpu_p50_ms"], 1e-3), 1)
        elif ox_l["status"] == "ok" and rd_l["status"] == "timeout":
            # rdflib did not answer once in the limit: the ratio is at least this
            entry["ratio_at_least"] = round(args.query_timeout * 1000 / max(ox_l["p50_ms"], 1e-3), 1)
        qrows[name] = entry
        log(f"[{n}] query {name}: oxigraph p50 {ox_l.get('p50_ms')} ms, rdflib "
            f"{rd_l.get('p50_ms', rd_l['status'])} ms, rows {ox_l.get('rows')}/{rd_l.get('rows')}")
    row["queries"] = qrows
    ratios = [q.get("ratio") or q.get("ratio_at_least") for q in qrows.values()]
    ratios = [x for x in ratios if x]
    row["query_ratio_geomean"] = round(math.exp(statistics.fmean(math.log(x) for x in ratios)), 1) \
        if ratios else None
    row["query_ratio_geomean_is_lower_bound"] = any("ratio_at_least" in q for q in qrows.values())
    row["bench_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return row


def serial_extraction(corpus: Path, args: argparse.Namespace) -> dict:
    from kg.corpus import read_corpus
    from kg.extract import extract, load_lexicon
    from kg.pipeline import learn_corpus

    docs = list(read_corpus([corpus]).documents.values())
    lex = load_lexicon()
    try:
        lw, lc, known = call_with_timeout(lambda: timed(lambda: learn_corpus(docs, lex)),
                                          args.step_timeout)
        sample = docs[: args.sample]
        ew, ec, _ = call_with_timeout(lambda: timed(lambda: [extract(d, lex, known) for d in sample]),
                                      args.step_timeout)
        return {"status": "ok", "learned_names": len(known.own),
                "learn_per_s_cpu": round(len(docs) / lc, 1),
                "sample": len(sample), "extract_per_s_cpu": round(len(sample) / ec, 1),
                "per_s_cpu": round(1 / (1 / (len(docs) / lc) + 1 / (len(sample) / ec)), 1)}
    except Timeout:
        return {"status": "timeout", "timeout_s": args.step_timeout}


def build_stats(output: str) -> dict[str, int]:
    """The counts `kg build` prints (papers, extracted, reused, triples)."""
    out: dict[str, int] = {}
    for key, pattern in (("papers", r"(\d+) distinct papers"), ("extracted", r"extracted (\d+) papers"),
                         ("reextracted_for_names", r"\((\d+) of them again"),
                         ("reused", r"reused (\d+)"), ("triples", r"graph: (\d+) triples")):
        if m := re.search(pattern, output):
            out[key] = int(m[1])
    return out


def build_step(n: int, inputs: list[Path], out: Path, args: argparse.Namespace,
               cwd: Path | None = None) -> dict:
    """`kg build` in a subprocess (this checkout, or the baseline's with `cwd`)."""
    cmd = [sys.executable, "-m", "kg", "build", *map(str, inputs), "-o", str(out), "--no-reason",
           "--no-map", "-q", "-j", str(args.jobs)]
    if cwd is None:
        cmd += ["--nt", "--batch", str(args.batch)]
    b = run_step(cmd, args.build_timeout, cwd=cwd)
    b["command"] = " ".join(["kg", *cmd[3:]])
    b["load_average"] = os.getloadavg()[0]
    output = b.pop("_output")
    b["timings"] = build_timings(output)
    b["stats"] = build_stats(output)
    if "extract" in b["timings"] and b["stats"].get("extracted"):
        b["extract_per_s_per_core"] = round(b["stats"]["extracted"] / b["timings"]["extract"] / args.jobs, 1)
    return b



def _ox_store(files: list[Path], cls: type) -> object:
    s = cls()
    s.load(files)
    return s


def _ox_export(graph_ttl: Path, triples: int, work: Path) -> dict[str, dict]:
    """pyoxigraph's own parse+serialise, the peer of rdflib's: triples stream, never a Graph."""
    import pyoxigraph as ox

    out: dict[str, dict] = {}
    for name, fmt in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES)):
        target = work / f"export.{name}"
        c = time.process_time()
        ox.serialize(ox.parse(path=str(graph_ttl), format=ox.RdfFormat.TURTLE), str(target), format=fmt)
        sc = time.process_time() - c
        out[f"oxigraph_{name}"] = {"s": round(sc, 2), "triples_per_s": round(triples / sc),
                                   "mb": round(target.stat().st_size / 1e6, 1), "includes_parse": True}
        target.unlink()
    return out


# ---------------------------------------------------------------- output
def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _cell(d: dict | None, key: str, unit: str = "") -> str:
    if not d:
        return "-"
    if d.get("status", "ok") != "ok":
        return f"{d['status']} ({d.get('timeout_s', '')}s)" if d["status"] == "timeout" else d["status"]
    v = d.get(key)
    return "-" if v is None else f"{v:,}{unit}" if isinstance(v, int) else f"{v}{unit}"


def markdown(result: dict) -> str:
    rows = result["runs"]
    lines = [f"# Scale benchmark ({result['date']}, {result['machine']}, {result['cpus']} cores, "
             f"Python {result['python']})", "",
             f"Command: `{result['command']}`", "",
             "## Build pipeline (`kg build --no-reason --no-map -j 2 --nt`; wall seconds unless "
             "marked; RSS = the largest process)", "",
             "| N abstracts | triples | full build | CPU s | peak RSS MB | read | learn | extract "
             "| graph | write | +1% rebuild | CPU s | papers extracted "
             "| +1% read, learn, extract, graph, write | ratio wall | ratio CPU "
             "| = full build | baseline build | baseline RSS MB | baseline graph+write "
             "| load avg (full / +1%) |",
             "|" + "---|" * 21]
    for r in rows:
        b, i, base = r.get("build", {}), r.get("incremental", {}), r.get("baseline", {})
        t, bt, it = b.get("timings", {}), base.get("timings", {}), i.get("timings", {})
        bgw = round(bt["graph"] + bt.get("write", 0), 2) if "graph" in bt else "-"
        lines.append(
            f"| {r['n']:,} | {b.get('stats', {}).get('triples', '-')} | {_cell(b, 'wall_s')} "
            f"| {_cell(b, 'cpu_s')} | {_cell(b, 'peak_rss_mb')} "
            + " ".join(f"| {t.get(k, '-')}" for k in ("read", "learn", "extract", "graph", "write"))
            + f" | {_cell(i, 'wall_s')} | {_cell(i, 'cpu_s')} | {i.get('stats', {}).get('extracted', '-')} "
            f"| {', '.join(str(it.get(k, '-')) for k in ('read', 'learn', 'extract', 'graph', 'write'))} "
            f"| {i.get('ratio_wall', '-')} | {i.get('ratio_cpu', '-')} "
            f"| {i.get('identical_to_full_build', '-')} | {_cell(base, 'wall_s')} "
            f"| {_cell(base, 'peak_rss_mb')} | {bgw} | {round(b.get('load_average', 0), 1) or '-'}"
            f" / {round(i.get('load_average', 0), 1) or '-'} |")
    lines += ["", "## Steps, export, correctness (up to --rdflib-max)", "",
             "| N abstracts | triples | serial extract /s/core (CPU) | build -j2 extract /s/core "
             "| build no-reason (s) | build peak RSS (MB) | HermiT reason (s) | reason peak RSS (MB) "
             "| rdflib ttl export (triples/s) | rdflib nt export | oxigraph ttl (parse+write) "
             "| oxigraph nt | precision | recall |",
             "|" + "---|" * 14]
    for r in rows:
        b, rs, e, cor = r.get("build", {}), r.get("reason"), r.get("export", {}), r.get("correctness", {})
        lines.append(
            f"| {r['n']:,} | {r.get('triples', '-'):,} | {_cell(r.get('extract_serial'), 'per_s_cpu')} "
            f"| {b.get('extract_per_s_per_core', '-')} | {_cell(b, 'wall_s')} | {_cell(b, 'peak_rss_mb')} "
            f"| {_cell(rs, 'wall_s')} | {_cell(rs, 'peak_rss_mb')} "
            f"| {_cell(e.get('rdflib_ttl'), 'triples_per_s')} "
            f"| {_cell(e.get('rdflib_nt'), 'triples_per_s')} "
            f"| {_cell(e.get('oxigraph_ttl'), 'triples_per_s')} "
            f"| {_cell(e.get('oxigraph_nt'), 'triples_per_s')} "
            f"| {_cell(cor.get('all'), 'precision')} | {_cell(cor.get('all'), 'recall')} |"
            if "export" in r else
            f"| {r['n']:,} | - | {_cell(r.get('extract_serial'), 'per_s_cpu')} | - | {_cell(b, 'wall_s')} "
            f"| {_cell(b, 'peak_rss_mb')} | - | - | - | - | - | - | - | - |")
    lines += ["", "## Named queries (p50 / p99 wall ms; ratio = rdflib / Oxigraph, CPU p50)", "",
              "| N | triples | query | Oxigraph p50 | Oxigraph p99 | rdflib p50 | rdflib p99 | ratio "
              "| rows |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for name, q in r.get("queries", {}).items():
            ox_, rd = q["oxigraph"], q["rdflib"]
            ratio = q.get("ratio") or (f">= {q['ratio_at_least']}" if "ratio_at_least" in q else "-")
            star = "**" if name in MAIN_QUERIES else ""
            lines.append(f"| {r['n']:,} | {r['triples']:,} | {star}{name}{star} | {_cell(ox_, 'p50_ms')} "
                         f"| {_cell(ox_, 'p99_ms')} | {_cell(rd, 'p50_ms')} | {_cell(rd, 'p99_ms')} "
                         f"| {ratio} | {ox_.get('rows', '-')} |")
        if "queries" in r:
            lb = " (lower bound: rdflib timed out on some)" if r["query_ratio_geomean_is_lower_bound"] else ""
            lines.append(f"| {r['n']:,} | | *geometric mean of ratios* | | | | | "
                         f"{r['query_ratio_geomean']}{lb} | |")
    lines += ["", "## Correctness against the planted facts (precision / recall)", "",
              "| N | " + " | ".join(result["relations"]) + " |", "|---|" + "---|" * len(result["relations"])]
    for r in rows:
        if "correctness" in r:
            cells = [f"{r['correctness'][k]['precision']} / {r['correctness'][k]['recall']}"
                     for k in result["relations"]]
            lines.append(f"| {r['n']:,} | " + " | ".join(cells) + " |")
    if result.get("notes"):
        lines += ["", "## Notes", "", *[f"- {x}" for x in result["notes"]]]
    return "\n".join(lines) + "\n"


def plot(result: dict, path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib not installed: no plot (pip install 'mlkg[bench]')")
        return False
    runs = [r for r in result["runs"] if r.get("build", {}).get("status") == "ok"]
    if not runs:
        return False
    qruns = [r for r in runs if "queries" in r]
    fig, axes = plt.subplots(1, 2 if qruns else 1, figsize=(11 if qruns else 6.5, 4.2), squeeze=False)
    a = axes[0][0]
    ns = [r["n"] for r in runs]
    for key, label in (("read", "read"), ("learn", "learn names (-j2)"), ("extract", "extract (-j2)"),
                       ("graph", "graph (resolve + sorted N-Triples)"), ("write", "write graph.ttl")):
        a.plot(ns, [r["build"]["timings"].get(key, float("nan")) for r in runs], "o-", label=label)
    inc = [(r["n"], r["incremental"]["wall_s"]) for r in runs
           if r.get("incremental", {}).get("status") == "ok"]
    if inc:
        a.plot(*zip(*inc, strict=True), "d-", color="tab:green", label="+1% incremental rebuild")
    base = [(r["n"], r["baseline"]["wall_s"]) for r in runs if r.get("baseline", {}).get("status") == "ok"]
    if base:
        a.plot(*zip(*base, strict=True), "x:", color="grey", label="baseline build (older commit)")
    a.plot(ns, [r["build"]["wall_s"] for r in runs], "s-", color="black", label="build, no reasoner")
    rn = [(r["n"], r["reason"]["wall_s"]) for r in runs if r.get("reason", {}).get("status") == "ok"]
    if rn:
        a.plot(*zip(*rn, strict=True), "^--", label="HermiT reasoning")
    a.set(xscale="log", yscale="log", xlabel="abstracts", ylabel="seconds", title="Build time")
    a.legend(fontsize=8)
    if not qruns:  # query latency measured elsewhere (bench/query_bench.py)
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        return True
    b = axes[0][1]
    for name in MAIN_QUERIES:
        for engine, style in (("oxigraph", "o-"), ("rdflib", "x--")):
            pts = [(r["triples"], r["queries"][name][engine]["p50_ms"]) for r in qruns
                   if r["queries"][name][engine].get("p50_ms") is not None]
            if pts:
                b.plot(*zip(*pts, strict=True), style, label=f"{name} ({engine})")
    b.set(xscale="log", yscale="log", xlabel="triples in graph.ttl", ylabel="p50 latency (ms)",
          title="Named-query latency")
    b.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2, help="kg build -j (at most 2 on this machine)")
    ap.add_argument("--sample", type=int, default=500, help="abstracts in the serial extraction sample")
    ap.add_argument("--batch", type=int, default=5000, help="kg build --batch")
    ap.add_argument("--serial-max", type=int, default=10_000, help="largest N for the serial sample")
    ap.add_argument("--reason-max", type=int, default=1000, help="largest N to run HermiT on")
    ap.add_argument("--rdflib-max", type=int, default=1000,
                    help="largest N for rdflib load/export, correctness and queries")
    ap.add_argument("--verify-max", type=int, default=10_000,
                    help="largest N whose incremental result is checked against a fresh full build")
    ap.add_argument("--baseline", type=Path, help="checkout of an older commit to build with too")
    ap.add_argument("--baseline-max", type=int, default=10_000)
    ap.add_argument("--build-timeout", type=float, default=900)
    ap.add_argument("--reason-timeout", type=float, default=300)
    ap.add_argument("--step-timeout", type=float, default=300, help="in-process steps (learn, export)")
    ap.add_argument("--reps", type=int, default=30, help="Oxigraph calls per query")
    ap.add_argument("--rdflib-reps", type=int, default=10, help="rdflib calls per query")
    ap.add_argument("--query-budget", type=float, default=30, help="seconds per query and engine")
    ap.add_argument("--query-timeout", type=float, default=30, help="one call longer than this stops")
    ap.add_argument("--work", type=Path, help="folder for corpora and builds (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    command = "python bench/scale_bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    result = {"date": time.strftime("%Y-%m-%d"), "machine": platform.machine(), "cpus": os.cpu_count(),
              "python": platform.python_version(), "command": command.strip(), "seed": args.seed,
              "relations": ["models", "techniques", "datasets", "uses", "lineage", "trainedOn", "figures"],
              "runs": [], "notes": []}
    with tempfile.TemporaryDirectory(prefix="mlkg-scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            result["runs"].append(bench_size(n, work, args))
            _write(result, args.out)  # after every size: a later timeout keeps what was measured
    plot(result, args.out / "scale.png")
    print(markdown(result))
    return 0


def _write(result: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "scale.md").write_text(markdown(result), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
