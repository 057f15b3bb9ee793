"""The triple store queries run on: a small protocol, and its pyoxigraph implementation.

Everything is loaded into ONE default graph (instance data plus ontology), so the
named queries need no GRAPH clauses. pyoxigraph is imported here and nowhere else.

A served dataset (`build_dataset`) also keeps each source in its own named graph, so a
query can tell asserted, ontology and inferred triples apart; its default graph is
still the merge of all three.
"""

import itertools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

import pyoxigraph as ox

from kg.resources import ontology_files
from kg.results import Result, Term

PathLike = str | os.PathLike[str]

ASSERTED_GRAPH = "https://w3id.org/mlkg/graph/asserted"  # graph.ttl: what the build extracted
ONTOLOGY_GRAPH = "https://w3id.org/mlkg/graph/ontology"  # ontology/*.ttl
INFERRED_GRAPH = "https://w3id.org/mlkg/graph/inferred"  # inferred.ttl: what the reasoner adds
INDEX_GRAPH = "https://w3id.org/mlkg/graph/index"  # mlkg:nameKey of every name: derived at load

# Named queries find a thing by any of its names, ignoring case, spaces, - and _. Comparing
# a normalised form against every label scans them all (hundreds of ms at 1M triples); a
# key per name, looked up as a constant the query carries (kg.queries.name_key), is an
# index lookup. This must normalise as kg.queries.name_key does (tests/test_name_index.py).
_KEY_OF = 'REPLACE(LCASE(STR(?name)), "[\\\\s_-]+", "")'
_NAMES = ("?e <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> "
          f"?name . BIND({_KEY_OF} AS ?key)")
_NAME_KEY = "<https://w3id.org/mlkg/ontology#nameKey>"

# ORDER BY on labels decodes each string from RocksDB at every comparison (half of
# models-using-technique's time at 1M triples on disk). An integer per labelled thing, its
# label's place in code-point order, sorts inline: `ORDER BY ?rank` = `ORDER BY ?label`.
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_LABEL_RANK = ox.NamedNode("https://w3id.org/mlkg/ontology#labelRank")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


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
    """pyoxigraph store: on disk (RocksDB) under `path`, in memory when `path` is None.

    `read_only=True` opens an existing on-disk store for reading; several processes may
    do so at once, but none may write it meanwhile (RocksDB's rule).
    """

    def __init__(self, path: PathLike | None = None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        if read_only:
            if path is None or not Path(path).is_dir():
                raise FileNotFoundError(f"{path}: no on-disk store there")
            self._store = ox.Store.read_only(str(path))
        else:
            self._store = ox.Store() if path is None else ox.Store(str(path))

    def load(self, paths: Iterable[PathLike]) -> None:
        if isinstance(paths, str | os.PathLike):  # one path, not an iterable of characters
            paths = [paths]
        for path in paths:
            fmt = _format(Path(path))
            self._store.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
        index_names(self._store)

    def query(
        self,
        sparql: str,
        *,
        max_rows: int | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Result:
        """Run a SPARQL query given as a string.

        `max_rows` stops reading the answer after max_rows + 1 rows (or triples): the one
        row too many tells the caller the answer was cut, without computing all of it.
        `default_graph` / `named_graphs` (graph IRIs) replace the query's dataset, as the
        SPARQL protocol's default-graph-uri / named-graph-uri do.
        """
        options: dict[str, object] = {}
        if default_graph is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        limit = None if max_rows is None else max_rows + 1
        try:
            answer = self._store.query(sparql, **options)
            if isinstance(answer, ox.QueryBoolean):
                return Result("ask", boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                triples = list(itertools.islice(answer, limit))
                rows = [(_term(t.subject), _term(t.predicate), _term(t.object)) for t in triples]
                data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                return Result("graph", ["subject", "predicate", "object"], rows, serialized=data)
            names = [v.value for v in answer.variables]
            rows = [tuple(map(_term, sol)) for sol in itertools.islice(answer, limit)]
            return Result("select", names, rows)
        except SyntaxError as err:
            raise SparqlError(str(err)) from err
        except ValueError as err:  # an IRI given for a graph that is not one
            raise SparqlError(str(err)) from err

    def in_memory(self) -> "OxigraphStore":
        """A copy of every quad in a new in-memory store (a few times faster to query than RocksDB)."""
        copy = OxigraphStore()
        copy._store.bulk_extend(self._store.quads_for_pattern(None, None, None, None))
        return copy

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump_graph(self, graph: str | None, output: PathLike) -> None:
        """Write one named graph (or the default graph when `graph` is None) as N-Triples."""
        source = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        self._store.dump(str(output), format=ox.RdfFormat.N_TRIPLES, from_graph=source)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def __len__(self) -> int:
        return len(self._store)


def index_names(store: "ox.Store", *, named: bool = False) -> None:
    """Add `?e mlkg:nameKey KEY` for every label and altLabel of the default graph, and
    `?e mlkg:labelRank N` for everything labelled (and, when `named`, the same triples in
    INDEX_GRAPH, so a push can send them on)."""
    also = f" GRAPH <{INDEX_GRAPH}> {{ ?e {_NAME_KEY} ?key }}" if named else ""
    store.update(f"INSERT {{ ?e {_NAME_KEY} ?key .{also} }} WHERE {{ {_NAMES} }}")
    rank_labels(store, named=named)


def rank_labels(store: "ox.Store", *, named: bool = False) -> None:
    """Give each labelled thing `mlkg:labelRank N`: N counts the distinct label strings
    before its least label, so equal labels rank equal and the ranks sort as MIN(STR(label)).
    Ranks are recomputed over the whole store, as a new label shifts every later one."""
    graphs = [ox.DefaultGraph(), ox.NamedNode(INDEX_GRAPH)] if named else [ox.DefaultGraph()]
    store.update(f"DELETE WHERE {{ ?e {_LABEL_RANK} ?n }}")
    if named:
        store.update(f"DELETE WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?e {_LABEL_RANK} ?n }} }}")
    least: dict[ox.NamedNode | ox.BlankNode, str] = {}
    for quad in store.quads_for_pattern(None, _LABEL, None, ox.DefaultGraph()):
        text = quad.object.value
        if quad.subject not in least or text < least[quad.subject]:
            least[quad.subject] = text
    rank = {text: i for i, text in enumerate(sorted(set(least.values())))}
    store.bulk_extend(ox.Quad(thing, _LABEL_RANK, ox.Literal(str(rank[text]), datatype=_INTEGER), graph)
                      for thing, text in least.items() for graph in graphs)


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


def build_dataset(target: PathLike, parts: Sequence[tuple[str, Sequence[PathLike]]]) -> int:
    """Create an on-disk store at `target` (a new folder) from (graph IRI, files) parts.

    Each part's triples go into its named graph, less those an earlier part already
    holds, so the named graphs never overlap and their merge has no duplicates; the
    default graph gets the merge of all parts (the same blank nodes). Returns its size.
    """
    store = ox.Store(str(target))
    for graph, files in parts:
        name = ox.NamedNode(graph)
        for path in files:
            quads = ox.parse(path=str(path), format=_format(Path(path)), rename_blank_nodes=True)
            # each parsed quad is already in the default graph; add its copy in the named graph
            store.bulk_extend(itertools.chain.from_iterable(
                (q, ox.Quad(q.subject, q.predicate, q.object, name)) for q in quads))
    for i, (graph, _) in enumerate(parts):
        for earlier, _ in parts[:i]:
            store.update(f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} "
                         f"WHERE {{ GRAPH <{earlier}> {{ ?s ?p ?o }} GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    index_names(store, named=True)
    store.flush()
    (count,) = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))  # type: ignore[misc]
    size = int(count.value)
    del store  # close RocksDB before anyone opens it read-only
    return size


def convert_rdf(ntriples: bytes, media_type: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Re-serialize N-Triples as Turtle, N-Triples, JSON-LD, RDF/XML or N3 (by media type)."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt not in _GRAPH_FORMATS:
        raise ValueError(f"cannot write RDF as {media_type}")
    triples = [q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
    if fmt == ox.RdfFormat.N_TRIPLES:
        return ox.serialize(triples, format=fmt)
    return ox.serialize(triples, format=fmt, prefixes=prefixes or {})


_GRAPH_FORMATS = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML,
                  ox.RdfFormat.JSON_LD)


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


# ---------------------------------------------------------------- build output (kg build)
def canonical_ntriples(data: bytes) -> list[str]:
    """N-Triples (any spelling) as lines in pyoxigraph's spelling, the build's own."""
    triples = (q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return [line + "\n" for line in text.split("\n")[:-1]]  # not splitlines: U+2028 is no break


def turtle_header(prefixes: dict[str, str]) -> bytes:
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(prefixes.items())).encode()


def ntriples_to_turtle_body(source: PathLike, out: "BinaryIO", prefixes: dict[str, str]) -> None:
    """Stream a sorted N-Triples file into Turtle without the @prefix lines (see
    `turtle_header`), so that bodies of consecutive parts of a sorted file concatenate into
    the Turtle of the whole: a subject never spans two parts, and pyoxigraph groups a
    subject's consecutive triples."""
    body = _SkipLines(out, len(prefixes))
    ox.serialize(ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES), body,
                 format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    body.finish()


def turtle_body(ntriples: bytes, prefixes: dict[str, str]) -> bytes:
    """`ntriples_to_turtle_body` of sorted N-Triples in memory (kg.splice: a few subjects)."""
    import io

    out = io.BytesIO()
    body = _SkipLines(out, len(prefixes))
    ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), body,
                 format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    body.finish()
    return out.getvalue()


def ntriples_to_turtle(source: PathLike, target: PathLike, prefixes: dict[str, str]) -> None:
    """A sorted N-Triples file as Turtle, written atomically."""
    from kg.atomic import atomic_open

    with atomic_open(target, "wb") as out:
        out.write(turtle_header(prefixes))
        ntriples_to_turtle_body(source, out, prefixes)


class _SkipLines:
    """Passes bytes through but the first `n` lines (pyoxigraph's @prefix lines, in an order
    it leaves unspecified)."""

    def __init__(self, out: "BinaryIO", n: int) -> None:
        self.out, self.n, self.head = out, n, b""

    def write(self, data: bytes) -> int:
        if self.head is None:
            self.out.write(data)
        else:
            self.head += bytes(data)
            if self.head.count(b"\n") >= self.n:
                self.finish()
        return len(data)

    def flush(self) -> None:
        if self.head is None:
            self.out.flush()

    def finish(self) -> None:
        if self.head:
            lines = self.head.split(b"\n")
            assert all(line.startswith(b"@prefix ") for line in lines[: self.n]), lines[: self.n]
            self.out.write(b"\n".join(lines[self.n :]))
        self.head = None


def load_ntriples(sources: Sequence[PathLike], target: PathLike) -> int:
    """Bulk-load N-Triples files into a new on-disk store at `target` (default graph)."""
    store = ox.Store(str(target))
    for source in sources:
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    index_names(store)
    store.flush()
    size = len(store)
    del store  # close RocksDB
    return size
