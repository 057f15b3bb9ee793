"""A query worker: a process with its own store, running one query at a time.

A pyoxigraph query cannot be interrupted from another thread, so the server runs every
query in a worker and, past the time limit, kills the worker and starts another: the
query really stops. The worker does all the per-query work (checking, running,
serializing) so the server's event loop only moves bytes.
"""

import signal
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from kg.api.formats import GRAPH_TYPES, SOLUTION_TYPES, NotAcceptable, negotiate, write_result
from kg.api.settings import StoreSpec
from kg.remote import RemoteError, RemoteStore, RemoteTimeout
from kg.results import Result
from kg.sparql_guard import QueryRejected, check_graphs, check_query
from kg.store import OxigraphStore, SparqlError, Store

TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class SparqlJob:
    """A SPARQL protocol request from outside: checked by the guard, then run."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graph_uri: tuple[str, ...] = ()
    named_graph_uri: tuple[str, ...] = ()
    max_rows: int = 10_000


@dataclass(frozen=True)
class ReadJob:
    """Queries of our own (named queries with escaped parameters, lookups): run as given."""

    queries: tuple[str, ...]
    max_rows: int = 10_000


@dataclass
class Reply:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    form: str | None = None
    rows: int | None = None
    truncated: bool = False


@dataclass
class Answer:
    """One ReadJob query's result, cut to max_rows."""

    result: Result
    truncated: bool


class Engine:
    def __init__(self, spec: StoreSpec) -> None:
        self.store: Store
        if spec.kind == "oxigraph":
            disk = OxigraphStore(spec.location, read_only=True)
            self.store = disk.in_memory() if spec.in_memory else disk
            self.served = tuple(self.store.named_graphs())
        else:
            self.store = RemoteStore(spec.location, graphs=spec.graphs, timeout=spec.timeout,
                                     user=spec.user, password=spec.password)
            self.served = spec.graphs

    def info(self, count: bool = True) -> dict[str, object]:
        """The served graphs and, when `count`, the default graph's size (a full scan: once per store)."""
        triples: int | None = None
        if count:
            try:
                answer = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
                triples = int(answer.rows[0][0])  # type: ignore[arg-type]
            except (SparqlError, RemoteError, ValueError, IndexError, TypeError):
                pass
        return {"graphs": list(self.served), "triples": triples}

    def run(self, job: object) -> object:
        if isinstance(job, SparqlJob):
            return self.sparql(job)
        if isinstance(job, ReadJob):
            return [self.read(q, job.max_rows) for q in job.queries]
        if job == "info":
            return self.info()
        raise TypeError(f"unknown job {job!r}")

    def read(self, text: str, max_rows: int) -> Answer:
        result = self.store.query(text, max_rows=max_rows)
        return Answer(*_cut(result, max_rows))

    def sparql(self, job: SparqlJob) -> Reply:
        try:
            checked = check_query(job.query, self.served)
            check_graphs(job.default_graph_uri + job.named_graph_uri, self.served)
        except QueryRejected as err:
            return error(err.status, str(err))
        graph = checked.form in ("construct", "describe")
        try:
            media_type = negotiate(job.accept, GRAPH_TYPES if graph else SOLUTION_TYPES, job.format, graph)
        except NotAcceptable as err:
            return error(406, str(err))
        protocol = bool(job.default_graph_uri or job.named_graph_uri)
        try:
            result = self.store.query(
                job.query, max_rows=job.max_rows,
                default_graph=list(job.default_graph_uri) if protocol else None,
                named_graphs=list(job.named_graph_uri) if protocol else None)
        except SparqlError as err:
            return error(400, f"query failed: {err}")
        except RemoteTimeout as err:
            return error(504, f"the SPARQL server behind this one timed out: {err}")
        except RemoteError as err:
            return error(502, f"the SPARQL server behind this one failed: {err}")
        except OSError as err:
            return error(500, f"the store failed: {err}")
        result, truncated = _cut(result, job.max_rows)
        written = write_result(result, media_type, truncated)
        headers = {"X-MLKG-Truncated": "true" if truncated else "false",
                   "X-MLKG-Max-Rows": str(job.max_rows)}
        return Reply(200, written.media_type, written.body, headers, checked.form,
                     None if result.kind == "ask" else len(result.rows), truncated)


def _cut(result: Result, max_rows: int) -> tuple[Result, bool]:
    """The store reads max_rows + 1 rows: one more means the answer was cut."""
    if len(result.rows) <= max_rows:
        return result, False
    result.rows = result.rows[:max_rows]
    if result.kind == "graph":  # N-Triples from the store: one triple per line
        result.serialized = b"".join(result.serialized.splitlines(keepends=True)[:max_rows])
    return result, True


def error(status: int, message: str) -> Reply:
    return Reply(status, TEXT, (message.rstrip() + "\n").encode("utf-8"))


def serve(conn: Connection, spec: StoreSpec) -> None:
    """The worker process's main loop: open the store, say ready, answer jobs until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        engine = Engine(spec)
        info = engine.info(count=False)
    except Exception as err:  # report any failure to open: the server prints it and stops
        conn.send(("failed", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", info))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server closed our pipe: it is going away
            return
        try:
            reply: tuple[str, object] = ("ok", engine.run(job))
        except SparqlError as err:
            reply = ("query-error", (400, f"query failed: {err}"))
        except RemoteTimeout as err:
            reply = ("query-error", (504, f"the SPARQL server behind this one timed out: {err}"))
        except RemoteError as err:
            reply = ("query-error", (502, f"the SPARQL server behind this one failed: {err}"))
        except Exception as err:  # a bug must not take the worker down; the server logs it
            reply = ("error", f"{type(err).__name__}: {err}")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return
