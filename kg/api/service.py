"""What the routes share: the worker pool, the named queries and the served dataset, and
the watch on `--graph DIR` that swaps in a new store after `kg build`."""

import asyncio
import logging
import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.api import dataset
from kg.api.pool import WorkerPool
from kg.api.settings import Settings, oxigraph_spec
from kg.api.worker import Answer, ReadJob, Reply, SparqlJob
from kg.queries import NamedQuery, load_queries

log = logging.getLogger("kg.api.service")


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = WorkerPool(settings.store, settings.workers, slow_after=settings.slow_after,
                               queue_timeout=settings.queue_timeout)
        self.queries: dict[str, NamedQuery] = load_queries()
        self.started = time.time()
        self.reloads = 0
        self._watch: asyncio.Task | None = None

    async def start(self) -> None:
        await self.pool.start()
        s = self.settings
        if s.graph_dir is not None and s.store.kind == "oxigraph" and s.reload_interval > 0:
            self._watch = asyncio.create_task(self._watch_build(s.graph_dir))

    async def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
        await self.pool.close()

    @property
    def graphs(self) -> list[str]:
        return list(self.pool.info.get("graphs") or [])  # type: ignore[call-overload]

    @property
    def triples(self) -> int | None:
        return self.pool.info.get("triples")  # type: ignore[return-value]

    async def sparql(self, job: SparqlJob) -> Reply:
        return await self.pool.run(job, self.settings.timeout)  # type: ignore[return-value]

    async def read(self, *queries: str) -> list[Answer]:
        job = ReadJob(tuple(queries), self.settings.max_rows)
        return await self.pool.run(job, self.settings.timeout)  # type: ignore[return-value]

    async def _watch_build(self, graph_dir: Path) -> None:
        """Poll DIR's files; on a new build, build its store aside and move the workers to it."""
        interval = self.settings.reload_interval
        store_dir = self.settings.store_dir or graph_dir / "store"
        last = dataset.stamp(graph_dir)
        while True:
            await asyncio.sleep(interval)
            now = dataset.stamp(graph_dir)
            if now == last or not now:
                continue
            last = now
            try:
                prepared = await _in_process(dataset.prepare, graph_dir, store_dir)
            except Exception as err:  # a half-written or broken build: keep serving the old one
                log.error("new build in %s not loaded: %s", graph_dir, err)
                continue
            if str(prepared.path) == self.pool.spec.location:
                continue
            await self.pool.retarget(oxigraph_spec(prepared.path, self.settings.memory_mb))
            self.reloads += 1
            log.info("serving the new build of %s (store %s, built in %.1f s)", graph_dir,
                     prepared.digest, prepared.seconds)
            if await self.pool.settled(self.settings.timeout + 30):
                dataset.prune(store_dir, keep=prepared.digest)
            await self.pool.refresh_info()


async def _in_process(func, *args):  # type: ignore[no-untyped-def]
    # building runs Python loops for seconds: in-thread it would hold the GIL from the event loop
    with ProcessPoolExecutor(1, mp_context=mp.get_context("forkserver")) as executor:
        return await asyncio.get_running_loop().run_in_executor(executor, func, *args)
