"""What `kg serve` serves and with which limits: plain frozen dataclasses, picklable, so
the worker processes get the same values."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kg.store import ASSERTED_GRAPH, INDEX_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH

DEFAULT_GRAPHS = (ASSERTED_GRAPH, ONTOLOGY_GRAPH, INFERRED_GRAPH, INDEX_GRAPH)


def default_workers() -> int:
    # two more than the cores: a slow query or two still leave a worker for fast ones
    return (os.cpu_count() or 1) + 2


@dataclass(frozen=True)
class StoreSpec:
    """How a worker process opens its store.

    `oxigraph`: an on-disk store at `location`, opened read-only. `remote`: a SPARQL
    endpoint URL; `graphs` are then the graphs its default dataset is made of.
    """

    kind: Literal["oxigraph", "remote"]
    location: str
    graphs: tuple[str, ...] = ()
    timeout: float | None = None
    in_memory: bool = False  # oxigraph: each worker queries an in-memory copy of the store
    user: str | None = None
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Settings:
    store: StoreSpec
    graph_dir: Path | None = None  # --graph DIR: watched for rebuilds, DIR/lineage.html served at /
    store_dir: Path | None = None  # where --graph DIR's on-disk stores live (default DIR/store)
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0  # seconds per query, then its worker is killed
    max_rows: int = 10_000
    cors: tuple[str, ...] = ()
    workers: int = field(default_factory=default_workers)
    slow_after: float = 0.5  # a query running longer, on CPU half of it, yields the CPU (nice 10)
    reload_interval: float = 2.0  # seconds between checks of --graph DIR for a new build; 0: never
    memory_mb: float = 32.0  # workers copy a store at most this large on disk into memory
    title: str = "mlkg SPARQL service"

    @property
    def queue_timeout(self) -> float:
        # a worker frees up within `timeout` (a query ends or is killed); wait a bit longer
        return self.timeout + 5.0


def oxigraph_spec(path: Path | str, memory_mb: float) -> StoreSpec:
    """An on-disk store; copied into each worker's memory when it is small (a copy takes about
    a second per 10 MB on disk and queries run 3-7x faster)."""
    size = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20
    return StoreSpec("oxigraph", str(path), in_memory=size <= memory_mb)
