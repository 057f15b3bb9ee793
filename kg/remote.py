"""A SPARQL server elsewhere (Oxigraph, Fuseki, GraphDB, Virtuoso, ...) as a Store.

Queries go through SPARQLWrapper (the only module that imports it); the graph is
pushed with the SPARQL 1.1 Graph Store Protocol over plain urllib. A server may answer
200 and still fail (a timeout inside the body, Virtuoso's partial results, an HTML
error page), so every answer's body is checked before it is believed.

The graph lives in named graphs on the server (see `kg push`); a query without FROM
gets them as its default graph through the protocol's `default-graph-uri`.
"""

import base64
import json
import math
import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from SPARQLWrapper import ASK, CONSTRUCT, DESCRIBE, JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kg.results import XSD_NS, Result, Term
from kg.sparql_guard import QueryRejected, UpdateRefused, inspect_query
from kg.store import ASSERTED_GRAPH, INDEX_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, PathLike, SparqlError

DEFAULT_GRAPHS = (ASSERTED_GRAPH, ONTOLOGY_GRAPH, INFERRED_GRAPH, INDEX_GRAPH)  # INDEX_GRAPH: name keys
AGENT = "mlkg (+https://w3id.org/mlkg)"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
MAX_BODY = 512 << 20
_RDF_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples"}


class RemoteError(ConnectionError):
    """The remote server failed or answered something that is not a SPARQL result."""


class RemoteTimeout(RemoteError):
    """The remote server (or the connection to it) ran out of time."""


class RemoteStore:
    """A remote SPARQL 1.1 endpoint, read through SPARQLWrapper.

    `graphs`: the named graphs that form the default graph of a query without its own
    FROM (empty: use the server's default graph). `graph_store`: the Graph Store
    Protocol URL for `load` / `push`. `timeout`: seconds for each HTTP request.
    """

    def __init__(self, endpoint: str, *, graphs: Sequence[str] = DEFAULT_GRAPHS,
                 graph_store: str | None = None, timeout: float | None = 60.0,
                 user: str | None = None, password: str | None = None) -> None:
        self.endpoint = endpoint
        self.graphs = tuple(graphs)
        self.graph_store = graph_store
        self.timeout = timeout
        self.user, self.password = user, password

    # ---------------------------------------------------------------- queries

    def query(self, sparql: str, *, max_rows: int | None = None,
              default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> Result:
        """Run a read query; same contract as OxigraphStore.query (max_rows + 1 rows at most)."""
        form, has_dataset = _inspect(sparql)
        client = SPARQLWrapper(self.endpoint, agent=AGENT)
        client.setMethod(POST)  # named queries are long; some servers cap URL length
        client.setOnlyConneg(True)  # no format=/output= parameters: Virtuoso answers 406 to some
        client.setQuery(sparql)
        if form is not None:  # SPARQLWrapper guesses by regex: `?asked` made a query an ASK
            client.queryType = form
        if client.isSparqlUpdateRequest():
            raise SparqlError("this is a SPARQL Update; queries through mlkg only read")
        if self.timeout:
            client.setTimeout(max(1, math.ceil(self.timeout)))
        if self.user is not None:
            client.setCredentials(self.user, self.password or "")
        if default_graph is None and named_graphs is None and not has_dataset:
            default_graph = self.graphs
        for graph in default_graph or ():
            client.addDefaultGraph(graph)
        for graph in named_graphs or ():
            client.addNamedGraph(graph)
        graph_query = client.queryType in ("CONSTRUCT", "DESCRIBE")
        if graph_query:
            client.addCustomHttpHeader("Accept", _GRAPH_ACCEPT)
        else:
            client.setReturnFormat(JSON)
        body, content_type = self._send(client)
        limit = None if max_rows is None else max_rows + 1
        if graph_query:
            return _graph_result(body, content_type, limit)
        return _solutions(body, content_type, limit)

    def _send(self, client: SPARQLWrapper) -> tuple[bytes, str]:
        try:
            response = client.query().response
            body = self._read(response)
        except QueryBadFormed as err:
            raise SparqlError(f"the endpoint refused the query: {_text(err)}") from err
        except SPARQLWrapperException as err:
            raise RemoteError(f"{self.endpoint}: {_text(err)}") from err
        except urllib.error.HTTPError as err:
            raise _http_error(self.endpoint, err) from err
        except TimeoutError as err:
            raise RemoteTimeout(f"{self.endpoint}: no answer within {self.timeout} s") from err
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise RemoteTimeout(f"{self.endpoint}: no answer within {self.timeout} s") from err
            raise RemoteError(f"{self.endpoint}: cannot connect: {err.reason}") from err
        headers = response.headers
        # Virtuoso answers 200 with partial results and says so only in these headers
        if (state := headers.get("X-SQL-State")) or headers.get("X-Exec-DB-Activity-Error"):
            message = headers.get("X-SQL-Message") or headers.get("X-Exec-DB-Activity-Error") or state
            raise RemoteTimeout(f"{self.endpoint}: incomplete answer ({state}): {message}")
        return body, headers.get("Content-Type", "")

    def _read(self, response: object) -> bytes:
        """The whole body, within `timeout` in total and at most MAX_BODY bytes.

        A server may stream a huge answer for minutes (Oxigraph does, then appends its
        timeout message): the socket timeout alone bounds each read, not the whole.
        """
        deadline = time.monotonic() + self.timeout if self.timeout else None
        chunks, size = [], 0
        while chunk := response.read(1 << 16):  # type: ignore[attr-defined]
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY:
                raise RemoteError(f"{self.endpoint}: answer larger than {MAX_BODY >> 20} MiB; "
                                  "add a LIMIT")
            if deadline is not None and time.monotonic() > deadline:
                raise RemoteTimeout(f"{self.endpoint}: answer not complete within {self.timeout} s")
        return b"".join(chunks)

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(result.rows[0][0]) if result.rows else 0

    # ---------------------------------------------------------------- Graph Store Protocol

    def load(self, paths: Iterable[PathLike]) -> None:
        """Add RDF files to the first of `graphs` (Store protocol), through the Graph Store Protocol."""
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        for path in paths:
            self.push(path, self.graphs[0] if self.graphs else None, replace=False)

    def push(self, path: PathLike, graph: str | None, *, replace: bool = True) -> None:
        """Send one Turtle or N-Triples file into `graph` (None: the default graph).

        `replace`: PUT (the graph becomes the file), else POST (the file is added).
        The file is streamed, never read whole into memory.
        """
        if not self.graph_store:
            raise RemoteError("no Graph Store Protocol URL given")
        path = Path(path)
        media_type = _RDF_TYPES.get(path.suffix)
        if media_type is None:
            raise ValueError(f"{path}: send Turtle (.ttl) or N-Triples (.nt)")
        target = self.graph_store + ("&" if "?" in self.graph_store else "?")
        target += "default" if graph is None else "graph=" + quote(graph, safe="")
        with path.open("rb") as body:
            request = urllib.request.Request(target, data=body, method="PUT" if replace else "POST")
            request.add_header("Content-Type", f"{media_type}; charset=utf-8")
            request.add_header("Content-Length", str(path.stat().st_size))
            request.add_header("User-Agent", AGENT)
            if self.user is not None:
                token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
                request.add_header("Authorization", f"Basic {token}")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    response.read()
            except urllib.error.HTTPError as err:
                raise _http_error(target, err) from err
            except urllib.error.URLError as err:
                raise RemoteError(f"{target}: cannot connect: {err.reason}") from err
            except TimeoutError as err:
                raise RemoteTimeout(f"{target}: no answer within {self.timeout} s") from err


_FORMS = {"select": SELECT, "ask": ASK, "construct": CONSTRUCT, "describe": DESCRIBE}


def _inspect(sparql: str) -> tuple[str | None, bool]:
    """SPARQLWrapper's query type and whether the query has FROM / FROM NAMED, by parsing it."""
    try:
        checked = inspect_query(sparql)
    except UpdateRefused as err:
        raise SparqlError("this is a SPARQL Update; queries through mlkg only read") from err
    except QueryRejected:  # SERVICE, or syntax beyond rdflib's parser: the server will judge
        return None, False
    return _FORMS[checked.form], checked.has_dataset


def _text(err: Exception) -> str:
    text = str(err)
    return text if len(text) <= 2000 else text[:2000] + "…"


def _http_error(url: str, err: urllib.error.HTTPError) -> RemoteError:
    try:
        detail = err.read().decode("utf-8", "replace").strip()
    except OSError:
        detail = ""
    message = f"{url}: HTTP {err.code} {err.reason}" + (f": {detail[:2000]}" if detail else "")
    if err.code in (503, 504):
        return RemoteTimeout(message)
    if err.code == 400:
        return SparqlError(message)  # type: ignore[return-value]  # a bad query, not a bad server
    return RemoteError(message)


def _solutions(body: bytes, content_type: str, limit: int | None) -> Result:
    try:
        doc = json.loads(body)
    except ValueError as err:  # a stream cut by a timeout, or an HTML error page sent with 200
        raise RemoteError(f"the endpoint answered 200 but not with SPARQL JSON results ({content_type}): "
                          f"{err}; body starts {body[:200]!r}") from err
    if not isinstance(doc, dict):
        raise RemoteError("the endpoint answered 200 with JSON that is not a SPARQL result")
    if "boolean" in doc:
        return Result("ask", boolean=bool(doc["boolean"]))
    try:
        names = list(doc["head"]["vars"])
        bindings = doc["results"]["bindings"]
    except (KeyError, TypeError) as err:
        raise RemoteError(f"the endpoint answered 200 without a SPARQL result: {str(doc)[:300]}") from err
    if limit is not None:
        bindings = bindings[:limit]
    rows = [tuple(_json_cell(b.get(v)) for v in names) for b in bindings]
    return Result("select", names, rows)


def _json_cell(cell: dict | None) -> Term | None:
    if cell is None:
        return None
    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return Term(value, "uri")
    if kind == "bnode":
        return Term("_:" + value, "bnode")
    if kind == "triple":
        return Term(json.dumps(value), "triple")
    lang = cell.get("xml:lang")
    datatype = RDF_LANG_STRING if lang else cell.get("datatype", XSD_NS + "string")
    return Term(value, "literal", datatype, lang)


def _graph_result(body: bytes, content_type: str, limit: int | None) -> Result:
    fmt = "turtle" if "turtle" in content_type else "nt"
    try:
        graph = Graph().parse(data=body, format=fmt)
    except Exception as err:  # rdflib raises several parser-specific exceptions
        raise RemoteError(f"the endpoint answered 200 but its {content_type or 'RDF'} does not parse: "
                          f"{err}") from err
    triples = list(graph)[:limit] if limit is not None else list(graph)
    rows = [tuple(_rdflib_cell(t) for t in triple) for triple in triples]
    sub = Graph()
    for triple in triples:
        sub.add(triple)
    return Result("graph", ["subject", "predicate", "object"], rows,
                  serialized=sub.serialize(format="nt", encoding="utf-8"))


def _rdflib_cell(node: object) -> Term:
    if isinstance(node, URIRef):
        return Term(str(node), "uri")
    if isinstance(node, BNode):
        return Term("_:" + str(node), "bnode")
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else (RDF_LANG_STRING if node.language
                                                              else XSD_NS + "string")
        return Term(str(node), "literal", datatype, node.language)
    return Term(str(node), "literal")
