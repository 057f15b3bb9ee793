"""Extraction throughput on one core, measured, not asserted.

Two corpora: every real abstract in the repository (seeds, held-out dev, held-out test),
and a synthetic corpus from bench/synth.py (seeded; a few thousand abstracts, each
introducing a new model, so thousands of learned names are in play). Each step is run
`--passes` times with every cache of the extractor emptied first (tokens, word facts,
lexicon look-ups), as in a fresh process; the best pass's CPU time counts (process time:
one core, so other load on the machine counts as little as it can).

Baseline in the same run: the cost of cleaning, splitting, tokenising and matching the
lexicon alone (the floor any extractor built on these names pays). The build runs both
passes, so "learn pass + extract" is the figure to read.

    .venv/bin/python bench/extract_bench.py [--passes 5] [--synthetic 3000]
Writes bench/results/extract.json and bench/results/extract.md.
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the kg of this checkout, not the installed one (an editable install points at another
# worktree); bench/ is not a package
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
import synth  # noqa: E402

from kg.corpus import read_corpus  # noqa: E402
from kg.extract import extract, load_lexicon  # noqa: E402
from kg.extract.mentions import scan  # noqa: E402
from kg.extract.text import clean, clear_caches, sentences  # noqa: E402
from kg.pipeline import learn_corpus  # noqa: E402

REAL = [ROOT / "corpus", ROOT / "tests/data/heldout/abstracts.jsonl",
        ROOT / "tests/data/heldout_test/abstracts.jsonl"]


def timed(fn, docs, lex, passes: int) -> float:
    """Best per-pass CPU seconds, every pass cold."""
    best = float("inf")
    for _ in range(passes):
        clear_caches()
        lex.memo.clear()
        t = time.process_time()
        fn(docs)
        best = min(best, time.process_time() - t)
    return best


def bench(docs: list, lex, passes: int) -> dict:
    def lexicon_only(ds):
        for d in ds:
            scan(sentences(clean(d.abstract)), lex)

    known = learn_corpus(docs, lex)

    def extract_only(ds):
        for d in ds:
            extract(d, lex, known)

    def full(ds):
        names = learn_corpus(ds, lex)
        for d in ds:
            extract(d, lex, names)

    rows = {}
    for name, fn in (("lexicon scan only (baseline)", lexicon_only),
                     ("extract, names known", extract_only),
                     ("learn pass + extract", full)):
        secs = timed(fn, docs, lex, passes)
        rows[name] = {"seconds": round(secs, 4), "abstracts_per_second": round(len(docs) / secs, 1)}
    base = rows["lexicon scan only (baseline)"]["seconds"]
    for row in rows.values():
        row["x_baseline_cost"] = round(row["seconds"] / base, 2)
    return {"abstracts": len(docs), "learned_names": len(known.own), "results": rows}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--synthetic", type=int, default=3000, help="abstracts in the synthetic corpus")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    lex = load_lexicon()
    load_before = os.getloadavg()
    corpora = {"real abstracts (seeds + held-out)": list(read_corpus(REAL).documents.values())}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synth.jsonl"
        synth.generate(args.synthetic, path, None, args.seed)
        corpora[f"synthetic (bench/synth.py, seed {args.seed})"] = list(
            read_corpus([path]).documents.values())
    results = {name: bench(docs, lex, args.passes) for name, docs in corpora.items()}
    result = {"command": f"python bench/extract_bench.py --passes {args.passes} --synthetic {args.synthetic}",
              "passes": args.passes, "python": platform.python_version(), "machine": platform.machine(),
              "cores": os.cpu_count(), "date": time.strftime("%Y-%m-%d %H:%M"),
              "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
              "corpora": results}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "extract.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [f"# Extraction throughput (one core, CPU time, best of {args.passes} cold passes)", "",
             f"Command: `{result['command']}` ({result['date']}, Python {result['python']}, "
             f"{result['machine']}, {result['cores']} cores; load average "
             f"{result['load_average_before_after'][0]} before, {result['load_average_before_after'][1]} "
             "after: other work shares the machine, CPU time discounts most of it).", ""]
    for name, r in results.items():
        lines += [f"## {name}: {r['abstracts']} abstracts, {r['learned_names']} learned names", "",
                  "| step | CPU seconds | abstracts/s/core | cost vs baseline |", "|---|---|---|---|"]
        lines += [f"| {k} | {v['seconds']} | {v['abstracts_per_second']} | {v['x_baseline_cost']}x |"
                  for k, v in r["results"].items()]
        lines.append("")
    (out / "extract.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
