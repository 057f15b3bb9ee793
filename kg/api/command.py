"""`kg serve` and `kg push`, and the `--endpoint` option of `kg query`.

Registered from kg.cli's EXTENSIONS; FastAPI, uvicorn and the stores are imported inside
the handlers only, so other commands start fast.
"""

import argparse
import os
import sys
from pathlib import Path

from kg.pipeline import DEFAULT_OUT

PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"
GRAPH = "https://w3id.org/mlkg/graph/"  # kg.store's graph IRIs; kg.store is not imported here (pyoxigraph)


def register(subparsers: argparse._SubParsersAction) -> None:
    s = subparsers.add_parser("serve", help="serve the graph: SPARQL endpoint, REST API, linked data",
                              description="Serve a build folder, an on-disk store or a remote SPARQL "
                                          "endpoint over HTTP (read-only).")
    source = s.add_mutually_exclusive_group()
    source.add_argument("--graph", metavar="DIR",
                        help="build folder: its on-disk store (DIR/store) is built or rebuilt from "
                             f"graph.ttl, the ontology and inferred.ttl (default: {DEFAULT_OUT})")
    source.add_argument("--store", metavar="PATH",
                        help="an existing on-disk Oxigraph store, opened read-only")
    source.add_argument("--endpoint", metavar="URL", help="a remote SPARQL endpoint to query (see kg push)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    s.add_argument("--port", type=int, default=8000, help="(default: %(default)s)")
    s.add_argument("--timeout", type=_positive, default=10.0, metavar="S",
                   help="seconds a query may run before it is stopped (default: %(default)s)")
    s.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                   help="rows (or triples) an answer may have; more are cut (default: %(default)s)")
    s.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                   help="allow browser requests from ORIGIN (repeatable; * for any); off by default")
    s.add_argument("--workers", type=int, default=None, metavar="N",
                   help="query worker processes (default: cores + 2)")
    s.add_argument("--reload-interval", type=float, default=2.0, metavar="S",
                   help="with --graph: seconds between checks for a new build; 0 turns it off")
    s.add_argument("--memory", type=float, default=32.0, metavar="MB",
                   help="each worker queries an in-memory copy of a store up to MB on disk, "
                        "3-7x faster; larger ones are read from disk; 0: never (default: %(default)s)")
    _graph_options(s)
    s.set_defaults(func=cmd_serve)

    p = subparsers.add_parser("push", help="load the graph into a SPARQL server (Graph Store Protocol)",
                              description="Send graph.ttl, the ontology and inferred.ttl into three named "
                                          "graphs of a SPARQL server, replacing what they held.")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the server's Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph), "
                        "http://localhost:3030/DATASET/data (Fuseki)")
    p.add_argument("--graph", default=str(DEFAULT_OUT), metavar="DIR",
                   help="build folder (default: %(default)s)")
    p.add_argument("--timeout", type=_positive, default=600.0, metavar="S",
                   help="seconds for each upload (default: %(default)s)")
    _graph_options(p)
    p.set_defaults(func=cmd_push)


def add_endpoint_options(parser: argparse.ArgumentParser) -> None:
    """`--endpoint URL` and the graph options, for `kg query` (see remote_store)."""
    parser.add_argument("--endpoint", metavar="URL", default=None,
                        help="query this remote SPARQL endpoint instead of --graph")
    _graph_options(parser)


def remote_store(args: argparse.Namespace):  # -> kg.remote.RemoteStore | None
    """The RemoteStore `--endpoint` asks for, or None without it."""
    if not getattr(args, "endpoint", None):
        return None
    from kg.remote import RemoteStore

    return RemoteStore(args.endpoint, graphs=_graphs(args), timeout=getattr(args, "timeout", None) or 60.0,
                       user=args.user, password=os.environ.get(PASSWORD_ENV))


def _graph_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("graphs on a remote server")
    g.add_argument("--named-graph", metavar="IRI",
                   help=f"graph of the extracted facts (default: {GRAPH}asserted)")
    g.add_argument("--ontology-graph", metavar="IRI", help=f"(default: {GRAPH}ontology)")
    g.add_argument("--inferred-graph", metavar="IRI", help=f"(default: {GRAPH}inferred)")
    g.add_argument("--user", default=None,
                   help=f"HTTP basic auth user; the password is read from ${PASSWORD_ENV}")


def _graphs(args: argparse.Namespace) -> tuple[str, str, str, str]:
    """The remote graphs of the asserted, ontology, inferred and name-index triples."""
    from kg.store import ASSERTED_GRAPH, INDEX_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH

    return (args.named_graph or ASSERTED_GRAPH, args.ontology_graph or ONTOLOGY_GRAPH,
            args.inferred_graph or INFERRED_GRAPH, INDEX_GRAPH)


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _fail(message: str, code: int = 2) -> int:
    print(f"kg: error: {message}", file=sys.stderr)
    return code


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from kg.api.app import create_app
    from kg.api.logs import setup_logging
    from kg.api.settings import Settings, StoreSpec, default_workers, oxigraph_spec

    if args.max_rows < 1:
        return _fail("--max-rows must be at least 1")
    graph_dir = None
    if args.endpoint:
        spec = StoreSpec("remote", args.endpoint, graphs=_graphs(args), timeout=args.timeout, user=args.user,
                         password=os.environ.get(PASSWORD_ENV))
    elif args.store:
        if not Path(args.store).is_dir():
            return _fail(f"{args.store}: no on-disk store there")
        spec = oxigraph_spec(Path(args.store).resolve(), args.memory)
    else:
        from kg.api import dataset

        graph_dir = Path(args.graph or DEFAULT_OUT).resolve()
        try:
            prepared = dataset.prepare(graph_dir)
        except (FileNotFoundError, ValueError, SyntaxError, OSError) as err:
            return _fail(str(err))
        dataset.prune(prepared.path.parent, keep=prepared.digest)
        how = f"built in {prepared.seconds:.1f}s" if prepared.built else "up to date"
        print(f"kg: store {prepared.path} ({how})", file=sys.stderr)
        spec = oxigraph_spec(prepared.path, args.memory)
    settings = Settings(store=spec, graph_dir=graph_dir, host=args.host, port=args.port,
                        timeout=args.timeout, max_rows=args.max_rows, cors=tuple(args.cors),
                        workers=args.workers or default_workers(), reload_interval=args.reload_interval,
                        memory_mb=args.memory)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg: warning: listening on {args.host}: reachable from other machines", file=sys.stderr)
    setup_logging()
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_config=None, access_log=False,
                timeout_graceful_shutdown=5)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    import tempfile

    from kg.api import dataset
    from kg.remote import RemoteError, RemoteStore
    from kg.store import ASSERTED_GRAPH, INDEX_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, OxigraphStore

    graph_dir = Path(args.graph)
    try:
        prepared = dataset.prepare(graph_dir)
    except (FileNotFoundError, ValueError, SyntaxError, OSError) as err:
        return _fail(str(err))
    local = OxigraphStore(prepared.path, read_only=True)
    remote = RemoteStore(args.endpoint, graph_store=args.endpoint, timeout=args.timeout, user=args.user,
                         password=os.environ.get(PASSWORD_ENV))
    targets = dict(zip((ASSERTED_GRAPH, ONTOLOGY_GRAPH, INFERRED_GRAPH, INDEX_GRAPH), _graphs(args),
                       strict=True))
    with tempfile.TemporaryDirectory(prefix="kg-push-") as tmp:
        for source in local.named_graphs():
            if source not in targets:
                continue
            file = Path(tmp) / "graph.nt"
            local.dump_graph(source, file)
            with file.open("rb") as fh:
                count = sum(1 for line in fh if line.strip())
            try:
                remote.push(file, targets[source], replace=True)
            except RemoteError as err:
                return _fail(str(err), 1)
            print(f"pushed {count} triples into <{targets[source]}>")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.api.command serve|push ...`: the same commands without kg.cli."""
    ap = argparse.ArgumentParser(prog="kg")
    register(ap.add_subparsers(dest="command", required=True))
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
