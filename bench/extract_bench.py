"""Extraction throughput on one core, measured, not asserted.

Corpus: every real abstract in the repository (seeds, held-out dev, held-out test), read
repeatedly with the extractor's caches cleared before each pass, so no pass reuses the
work of the last. Baseline in the same run: the cost of tokenising and matching the
lexicon alone (the floor any extractor built on these names pays).

    .venv/bin/python bench/extract_bench.py [--passes 5]
Writes bench/results/extract.json and bench/results/extract.md.
"""

import argparse
import json
import platform
import time
from pathlib import Path

from kg.corpus import read_corpus
from kg.extract import extract, load_lexicon
from kg.extract.mentions import scan
from kg.extract.text import _tokens, clean, sentences, tokens
from kg.pipeline import learn_corpus

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "corpus", ROOT / "tests/data/heldout/abstracts.jsonl",
          ROOT / "tests/data/heldout_test/abstracts.jsonl"]


def _cold() -> None:
    tokens.cache_clear()
    _tokens.cache_clear()


def timed(fn, docs, passes: int) -> float:
    """Best per-pass CPU seconds (process time: one core, other load does not count)."""
    best = float("inf")
    for _ in range(passes):
        _cold()
        t = time.process_time()
        fn(docs)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    docs = list(read_corpus(INPUTS).documents.values())
    lex = load_lexicon()

    def lexicon_only(ds):
        for d in ds:
            scan(sentences(clean(d.abstract)), lex)

    def full(ds):
        known = learn_corpus(ds, lex)
        for d in ds:
            extract(d, lex, known)

    known = learn_corpus(docs, lex)

    def extract_only(ds):
        for d in ds:
            extract(d, lex, known)

    rows = {}
    for name, fn in (("lexicon scan only (baseline)", lexicon_only),
                     ("extract, names known", extract_only),
                     ("learn pass + extract", full)):
        secs = timed(fn, docs, args.passes)
        rows[name] = {"seconds": round(secs, 4), "abstracts_per_second": round(len(docs) / secs, 1)}
    result = {"abstracts": len(docs), "passes": args.passes, "python": platform.python_version(),
              "machine": platform.machine(), "date": time.strftime("%Y-%m-%d"), "results": rows}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "extract.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [f"# Extraction throughput ({len(docs)} real abstracts, best of {args.passes} cold passes, "
             "one core, CPU time)", "", "| step | seconds | abstracts/s |", "|---|---|---|"]
    lines += [f"| {k} | {v['seconds']} | {v['abstracts_per_second']} |" for k, v in rows.items()]
    (out / "extract.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
