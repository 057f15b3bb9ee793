"""The on-disk store behind `kg serve --graph DIR`, built from DIR's files and rebuilt when
they change.

DIR/store/<digest>/ holds one complete Oxigraph store per distinct content of graph.ttl,
inferred.ttl and the ontology: a restart with unchanged files opens it at once, a new
`kg build` gets a new folder. A store is built in a temporary folder and renamed into
place, so a crash never leaves half a store under a digest name.
"""

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kg.resources import ontology_files
from kg.store import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, build_dataset

LAYOUT = b"mlkg-store-2"  # bump when build_dataset lays graphs out differently


@dataclass(frozen=True)
class Prepared:
    path: Path
    digest: str
    built: bool
    seconds: float
    triples: int | None = None  # known when just built


def parts(graph_dir: Path) -> list[tuple[str, list[Path]]]:
    """(graph IRI, files) in load order; FileNotFoundError without graph.ttl."""
    graph = graph_dir / "graph.ttl"
    if not graph.is_file():
        raise FileNotFoundError(f"{graph} not found (run `kg build -o {graph_dir}` first)")
    out = [(ONTOLOGY_GRAPH, ontology_files()), (ASSERTED_GRAPH, [graph])]
    if (inferred := graph_dir / "inferred.ttl").is_file():
        out.append((INFERRED_GRAPH, [inferred]))
    return out


def stamp(graph_dir: Path) -> tuple:
    """A cheap fingerprint (names, sizes, modification times) to notice a new build."""
    try:
        files = [f for _, fs in parts(graph_dir) for f in fs]
    except FileNotFoundError:
        return ()
    return tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists())


def digest(graph_dir: Path) -> str:
    h = hashlib.sha256(LAYOUT)
    for graph, files in parts(graph_dir):
        h.update(graph.encode() + b"\0")
        for f in files:
            h.update(f.name.encode() + b"\0")
            with f.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    h.update(chunk)
            h.update(b"\0")
    return h.hexdigest()[:16]


def prepare(graph_dir: Path, store_dir: Path | None = None) -> Prepared:
    """The store for DIR's current files, building it when there is none yet."""
    start = time.perf_counter()
    store_dir = store_dir or graph_dir / "store"
    key = digest(graph_dir)
    target = store_dir / key
    if target.is_dir():
        return Prepared(target, key, False, time.perf_counter() - start)
    store_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=store_dir))
    try:
        triples = build_dataset(tmp / "db", parts(graph_dir))
        os.rename(tmp / "db", target)
    except OSError:
        if not target.is_dir():  # else another process built the same content first
            raise
        triples = None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return Prepared(target, key, True, time.perf_counter() - start, triples)


def prune(store_dir: Path, keep: str) -> list[Path]:
    """Remove the stores of earlier builds (and abandoned half-builds); call it only once
    no worker has them open."""
    removed = []
    for child in store_dir.iterdir() if store_dir.is_dir() else ():
        if child.is_dir() and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed
