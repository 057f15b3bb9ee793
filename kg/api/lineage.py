"""The lineage map that `kg serve` shows at `/`, drawn from the store being served.

The asserted graph is read from the store with one CONSTRUCT (through the worker pool, like
every other query) and drawn by kg.map in a separate process: parsing and laying out a large
graph takes seconds of pure Python that would otherwise hold the event loop. The page is
drawn once per store: a new build (the server retargets its workers) or, for a remote
endpoint whose changes nobody announces, the passing of REMOTE_TTL seconds, draws it anew.
Concurrent requests meanwhile share one drawing.
"""

import asyncio
import gzip
import hashlib
import logging
import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from kg.api.pool import PoolError, QueryFailed
from kg.api.service import Service
from kg.api.worker import Answer, ReadJob
from kg.store import ASSERTED_GRAPH, ONTOLOGY_GRAPH

log = logging.getLogger("kg.api.lineage")

# What `kg build` drew its map from: graph.ttl, which the store splits into the asserted graph
# and, for what the ontology already says (technique individuals), the ontology graph. FROM,
# not GRAPH: a remote store then reads them without our default-graph-uri.
ASSERTED = (f"CONSTRUCT {{ ?s ?p ?o }} FROM <{ASSERTED_GRAPH}> FROM <{ONTOLOGY_GRAPH}> "
            "WHERE { ?s ?p ?o }")
WHOLE = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"  # a store without our named graphs
MAX_TRIPLES = 2_000_000  # beyond this a whole-graph map is no use: `kg viz --focus` is
REMOTE_TTL = 300.0
LINKS = (("SPARQL", "/sparql"), ("API", "/docs"), ("Models", "/api/models"))


class MapUnavailable(RuntimeError):
    """The store could not be read, or the graph cannot be drawn; the message says why."""


@dataclass(frozen=True)
class MapPage:
    html: bytes
    gzipped: bytes
    etag: str
    nodes: int
    edges: int
    seconds: float


def draw(ntriples: bytes, title: str) -> MapPage:
    """Parse the store's triples and render the page (runs in a child process)."""
    from rdflib import Graph

    from kg.map import map_data, render

    start = time.perf_counter()
    graph = Graph()
    graph.parse(data=ntriples, format="nt")
    html, stats = render(map_data(graph), title, links=LINKS)
    body = html.encode("utf-8")
    return MapPage(body, gzip.compress(body, 6, mtime=0), '"' + hashlib.sha256(body).hexdigest()[:20] + '"',
                   stats.nodes, stats.edges, time.perf_counter() - start)


class MapCache:
    """The current store's page, drawn on first request and kept until the store changes."""

    def __init__(self, title: str) -> None:
        self.title = title
        self._key: tuple | None = None
        self._task: asyncio.Task | None = None

    def key(self, service: Service) -> tuple:
        spec = service.pool.spec
        epoch = int(time.monotonic() // REMOTE_TTL) if spec.kind == "remote" else 0
        return (spec.kind, spec.location, service.reloads, epoch)

    async def page(self, service: Service) -> MapPage:
        key = self.key(service)
        if self._task is None or self._key != key:
            self._key, self._task = key, asyncio.create_task(self._draw(service))
        task = self._task
        try:
            return await asyncio.shield(task)  # a client going away does not cancel the drawing
        except BaseException:
            if self._task is task and task.done():  # failed: the next request tries again
                self._task = self._key = None
            raise

    async def _draw(self, service: Service) -> MapPage:
        ntriples = await _read(service, ASSERTED) or await _read(service, WHOLE)
        try:
            with ProcessPoolExecutor(1, mp_context=mp.get_context("forkserver")) as executor:
                page = await asyncio.get_running_loop().run_in_executor(executor, draw, ntriples, self.title)
        except Exception as err:  # a triple rdflib cannot read, a bug in the drawing: say which
            log.exception("lineage map not drawn")
            raise MapUnavailable(f"the map could not be drawn: {type(err).__name__}: {err}") from err
        log.info("lineage map drawn from %s: %d nodes, %d edges, %.1f s", service.pool.spec.location,
                 page.nodes, page.edges, page.seconds)
        return page


async def _read(service: Service, query: str) -> bytes:
    # A whole graph takes longer than a typical query: a minute before its worker is stopped.
    try:
        (answer,) = await service.pool.run(ReadJob((query,), MAX_TRIPLES),  # type: ignore[misc]
                                           max(service.settings.timeout, 60.0))
    except (PoolError, QueryFailed) as err:
        raise MapUnavailable(f"the store could not be read: {err}") from err
    assert isinstance(answer, Answer)
    if answer.truncated:
        raise MapUnavailable(f"the graph has more than {MAX_TRIPLES:,} triples: too many to draw "
                             "as one map (`kg viz --focus MODEL` draws one neighbourhood)")
    return answer.result.serialized
