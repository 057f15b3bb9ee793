"""The triple store queries run on: a small protocol, and its pyoxigraph implementation.

Everything is loaded into ONE default graph (instance data plus ontology), so the
named queries need no GRAPH clauses. pyoxigraph is imported here and nowhere else.
"""

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from kg.resources import ontology_files
from kg.results import Result, Term

PathLike = str | os.PathLike[str]


@runtime_checkable
class Store(Protocol):
    """What the CLI, the server and the map need from a store.

    `load` adds RDF files (Turtle, N-Triples) to the default graph; `query` runs a
    SPARQL 1.1 query given as a string; `len()` is the number of triples.
    """

    def load(self, paths: Iterable[PathLike]) -> None: ...

    def query(self, sparql: str) -> Result: ...

    def __len__(self) -> int: ...


class SparqlError(ValueError):
    """A query the store cannot parse or evaluate."""


class OxigraphStore:
    """pyoxigraph store: on disk (RocksDB) under `path`, in memory when `path` is None."""

    def __init__(self, path: PathLike | None = None) -> None:
        self.path = None if path is None else Path(path)
        self._store = ox.Store() if path is None else ox.Store(str(path))

    def load(self, paths: Iterable[PathLike]) -> None:
        if isinstance(paths, str | os.PathLike):  # one path, not an iterable of characters
            paths = [paths]
        for path in paths:
            fmt = _format(Path(path))
            self._store.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())

    def query(self, sparql: str) -> Result:
        try:
            answer = self._store.query(sparql)
            if isinstance(answer, ox.QueryBoolean):
                return Result("ask", boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                triples = list(answer)
                rows = [(_term(t.subject), _term(t.predicate), _term(t.object)) for t in triples]
                data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                return Result("graph", ["subject", "predicate", "object"], rows, serialized=data)
            names = [v.value for v in answer.variables]
            return Result("select", names, [tuple(map(_term, sol)) for sol in answer])
        except SyntaxError as err:
            raise SparqlError(str(err)) from err

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def __len__(self) -> int:
        return len(self._store)


def _format(path: Path) -> "ox.RdfFormat":
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF format (expected .ttl or .nt)")
    if fmt.supports_datasets:  # quads would land in named graphs the queries never see
        raise ValueError(f"{path}: {fmt.name} holds named graphs; load Turtle or N-Triples")
    return fmt


def _term(node: object) -> Term | None:
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term(node.value, "uri")
    if isinstance(node, ox.BlankNode):
        return Term("_:" + node.value, "bnode")
    if isinstance(node, ox.Literal):
        return Term(node.value, "literal", node.datatype.value, node.language)
    return Term(str(node), "triple")  # RDF-star quoted triple


def open_graph(directory: PathLike) -> OxigraphStore:
    """An in-memory store with DIR/graph.ttl, the ontology and DIR/inferred.ttl if present.

    `directory` may also be the graph file itself.
    """
    given = Path(directory)
    graph = given if given.is_file() else given / "graph.ttl"
    if not graph.is_file():
        raise FileNotFoundError(f"{graph} not found (run `kg build` first)")
    files = [graph, *ontology_files()]
    if (inferred := graph.parent / "inferred.ttl").is_file():
        files.append(inferred)
    store = OxigraphStore()
    store.load(files)
    return store
