"""The `kg` command: build, query, export, explain, eval, reason."""

import argparse
import errno
import importlib
import shutil
import sys
import time
from datetime import date
from pathlib import Path

from tqdm import tqdm

from kg.pipeline import DEFAULT_CORPUS, DEFAULT_OUT

EXIT_USAGE = 2
# Commands that live beside their feature register themselves: each module named here has
# `register(subparsers) -> None` and imports its heavy libraries only inside its handler.
EXTENSIONS: tuple[str, ...] = ("kg.validate", "kg.api.command", "kg.viz_command")


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"kg: error: {message}", file=sys.stderr)
    return code


def _missing_inputs(inputs: list[str]) -> list[str]:
    return [i for i in inputs if not Path(i).exists()]


def cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import STATE_DIR, build, reason, write_outputs

    inputs = args.inputs or [str(DEFAULT_CORPUS)]
    if missing := _missing_inputs(inputs):
        return _fail(f"input not found: {', '.join(missing)}")
    if args.batch < 1 or args.jobs < 1:
        return _fail("--batch and --jobs must be at least 1")
    out = Path(args.output)
    if args.full:
        shutil.rmtree(out / STATE_DIR, ignore_errors=True)
    quiet = args.quiet or not sys.stderr.isatty()
    files = tqdm(desc="reading", unit="file", disable=quiet, leave=False)
    docs = tqdm(desc="extracting", unit="paper", disable=quiet, leave=False)
    result = build(inputs, out / STATE_DIR, args.reference_date, on_file=lambda _: files.update(),
                   on_doc=lambda _: docs.update(), jobs=args.jobs, batch=args.batch)
    files.close()
    docs.close()
    if not args.no_reason:
        reason(result, args.reasoner, args.closure_above)
    for d in result.diagnostics:
        print(d, file=sys.stderr)
    written = write_outputs(result, out, with_map=not args.no_map, ntriples=args.nt)
    if args.store and result.consistent is not False:
        from kg.store import load_ntriples

        t = time.perf_counter()
        store = out / STATE_DIR / "store"
        shutil.rmtree(store, ignore_errors=True)
        load_ntriples(result.nt_parts, store)
        result.timings["store"] = time.perf_counter() - t
        written.append(store)
    c, s = result.corpus, result.stats
    print(f"read {c.files_read} files, {c.copies} abstracts, {s['papers']} distinct papers; "
          f"skipped {len(c.diagnostics)} inputs")
    print(f"extracted {s['extracted']} papers ({s['reextracted_for_names']} of them again for "
          f"{s['names_changed']} changed learned names), reused {s['reused']}, "
          f"dropped {s['removed']} removed and {s['changed']} changed")
    print(f"graph: {s['triples']} triples" + (f", {len(result.inferred)} inferred"
                                               if result.inferred is not None else ""))
    if result.map_nodes:
        print(f"map: {result.map_nodes} nodes, {result.map_edges} edges")
    print("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    if result.consistent is False:
        return _fail("the reasoner found the graph inconsistent; the last good build is kept",
                     1)
    for path in written:
        print(f"wrote {path}")
    return 0


def _open_store(args: argparse.Namespace):
    from kg.store import open_graph

    return open_graph(Path(args.graph))


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for p in pairs:
        key, sep, value = p.partition("=")
        if not sep:
            raise ValueError(f"--param {p!r} is not key=value")
        out[key.strip()] = value
    return out


def cmd_query(args: argparse.Namespace) -> int:
    from kg.queries import load_queries
    from kg.results import to_csv, to_json, to_table

    queries = load_queries()
    try:
        params = _params(args.param)
        if args.query in queries:
            text = queries[args.query].bind(params)
        elif Path(args.query).is_file():
            text = Path(args.query).read_text(encoding="utf-8")
        elif args.query.endswith(".rq"):
            return _fail(f"query file not found: {args.query}")
        elif any(w in args.query.upper() for w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
            text = args.query
        else:
            names = ", ".join(sorted(queries))
            return _fail(f"unknown query {args.query!r}; named queries: {names}")
        store = _open_store(args)
        result = store.query(text)
    except FileNotFoundError as exc:
        return _fail(str(exc))
    except ValueError as exc:
        return _fail(str(exc))
    fmt = {"table": to_table, "json": to_json, "csv": to_csv}[args.format]
    sys.stdout.write(fmt(result).rstrip("\n") + "\n")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from kg.queries import load_queries

    for name, q in sorted(load_queries().items()):
        params = ", ".join(p.name + ("?" if p.optional else "") for p in q.params)
        print(f"{name}({params})\n    {q.summary}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kg.atomic import write_bytes

    src = Path(args.graph)
    path = src if src.is_file() else src / "graph.ttl"
    if not path.is_file():
        return _fail(f"{path} not found (run `kg build` first)")
    g = Graph().parse(path, format="turtle")
    fmt = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[args.format]
    data = g.serialize(format=fmt, encoding="utf-8")
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
    else:
        write_bytes(args.output, data)
        print(f"wrote {args.output} ({len(g)} triples)", file=sys.stderr)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from kg.queries import load_queries
    from kg.results import to_table

    q = load_queries()["evidence"]
    try:
        store = _open_store(args)
        result = store.query(q.bind({"subject": args.subject, "predicate": args.predicate,
                                     "object": args.object}))
    except (FileNotFoundError, ValueError) as exc:
        return _fail(str(exc))
    if not result.rows:
        print(f"no evidence for {args.subject} {args.predicate} {args.object}")
        return 1
    for rec in result.records():
        print(f"- {rec.get('title') or rec.get('paper')}  [{rec.get('rule')}, "
              f"confidence {rec.get('confidence')}, chars {rec.get('charStart')}-"
              f"{rec.get('charEnd')}, support {rec.get('support')}]")
        print(f"  \"{rec.get('sentence')}\"")
    if args.verbose:
        print(to_table(result))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, load_gold, report
    from kg.pipeline import extract_graph

    inputs = args.inputs or [str(DEFAULT_CORPUS)]
    if missing := _missing_inputs([args.gold, *inputs]):
        return _fail(f"not found: {', '.join(missing)}")
    result = extract_graph(inputs, args.reference_date)
    scores = evaluate(result.graph, load_gold(args.gold))
    print(report(scores))
    if args.verbose:
        for s in scores:
            for fp in s.false_positives:
                print(f"  false {s.relation}: {fp}")
            for fn in s.misses:
                print(f"  missed {s.relation}: {fn}")
    return 0


def cmd_reason(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kg.atomic import write_text
    from kg.graph import bind_prefixes
    from kg.reason import check_consistency

    path = Path(args.graph) / "graph.ttl"
    if not path.is_file():
        return _fail(f"{path} not found (run `kg build` first)")
    report = check_consistency(Graph().parse(path, format="turtle"))
    for p in report.problems:
        print(f"error: {p}", file=sys.stderr)
    if not report.consistent:
        return 1
    write_text(Path(args.graph) / "inferred.ttl", bind_prefixes(report.inferred).serialize(
        format="turtle"))
    print(f"consistent; {len(report.inferred)} inferred triples in {report.seconds:.1f}s")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="A knowledge graph of ML models, "
                                 "techniques and lineage, built from paper abstracts.")
    sub = ap.add_subparsers(dest="command", required=True)

    def graph_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument("--graph", default=str(DEFAULT_OUT),
                       help="build folder or graph.ttl (default: %(default)s)")

    b = sub.add_parser("build", help="read abstracts, write graph.ttl, inferred.ttl, lineage.html")
    b.add_argument("inputs", nargs="*", help="files or folders (default: the bundled corpus)")
    b.add_argument("-o", "--output", default=str(DEFAULT_OUT))
    b.add_argument("--reference-date", type=date.fromisoformat, default=None,
                   help="year for dates without one (default: today)")
    b.add_argument("--no-reason", action="store_true", help="skip the reasoner")
    b.add_argument("--reasoner", choices=("auto", "hermit", "closure"), default="auto",
                   help="HermiT (complete OWL 2 DL), the closure rules (same inferences for "
                   "this ontology, fast at scale), or auto: HermiT up to --closure-above "
                   "triples (default: %(default)s)")
    b.add_argument("--closure-above", type=int, default=None, metavar="TRIPLES",
                   help="auto uses the closure rules above this many triples (default: 100000)")
    b.add_argument("-j", "--jobs", type=int, default=1,
                   help="extract in this many processes (output is identical to -j 1)")
    b.add_argument("--batch", type=int, default=5000,
                   help="papers held in memory at a time (default: %(default)s)")
    b.add_argument("--full", action="store_true",
                   help="ignore the manifest of the last build and redo everything")
    b.add_argument("--nt", action="store_true", help="also write graph.nt (sorted N-Triples)")
    b.add_argument("--store", action="store_true",
                   help="also bulk-load the graph into an on-disk Oxigraph store in "
                        "OUTPUT/.kg-build/store")
    b.add_argument("--no-map", action="store_true")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a named query, a .rq file or SPARQL text")
    q.add_argument("query")
    graph_opt(q)
    q.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE")
    q.add_argument("--format", choices=("table", "json", "csv"), default="table")
    q.set_defaults(func=cmd_query)

    sub.add_parser("queries", help="list the named queries").set_defaults(func=cmd_list)

    e = sub.add_parser("export", help="write the graph as Turtle, JSON-LD or N-Triples")
    graph_opt(e)
    e.add_argument("--format", choices=("ttl", "jsonld", "nt"), default="ttl")
    e.add_argument("-o", "--output", default=None, help="file (default: standard output)")
    e.set_defaults(func=cmd_export)

    x = sub.add_parser("explain", help="print the evidence for SUBJECT PREDICATE OBJECT")
    x.add_argument("subject")
    x.add_argument("predicate", help="e.g. usesTechnique, prunedFrom")
    x.add_argument("object")
    graph_opt(x)
    x.add_argument("-v", "--verbose", action="store_true")
    x.set_defaults(func=cmd_explain)

    v = sub.add_parser("eval", help="score extraction against a gold file")
    v.add_argument("gold")
    v.add_argument("inputs", nargs="*")
    v.add_argument("--reference-date", type=date.fromisoformat, default=None)
    v.add_argument("-v", "--verbose", action="store_true")
    v.set_defaults(func=cmd_eval)

    r = sub.add_parser("reason", help="check consistency with HermiT, write inferred.ttl")
    graph_opt(r)
    r.set_defaults(func=cmd_reason)
    for module in EXTENSIONS:
        importlib.import_module(module).register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _fail("interrupted; outputs are written atomically, nothing half-written", 130)
    except OSError as e:
        if e.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        # a full disk is the user's to fix, not a bug: say so, not a traceback
        where = f" writing {e.filename}" if e.filename else ""
        return _fail(f"no space left on the device{where}; outputs are written atomically, so the "
                     "last complete ones are kept: free space and run again", 1)


if __name__ == "__main__":
    sys.exit(main())
