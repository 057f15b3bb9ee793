"""A pool of query worker processes whose time limit really stops a query.

Each request borrows an idle worker, sends it one job over a pipe and waits for the
answer without blocking the event loop (`add_reader` on the pipe). Past the time limit
the worker is killed (SIGKILL) and a fresh one started in the background: the query
stops burning CPU at once. A query that has run `slow_after` seconds and used half of
that in CPU time is reniced (nice 10) so the fast queries on the other workers keep the CPU, and the pool
starts an extra worker in its place (up to `max_size` in all): slow queries never take
the workers the fast ones need. Extra workers retire when their query ends. Slowness is
CPU time, not wall time (where /proc tells it): on a starved machine every query is slow
by the clock, and renicing them all would only churn workers.

Workers are forked from a forkserver that has already imported the worker module, so
a replacement is ready in milliseconds, not the second a fresh interpreter takes.
"""

import asyncio
import logging
import multiprocessing as mp
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from kg.api.settings import StoreSpec
from kg.api.worker import serve

log = logging.getLogger("kg.api.pool")
NICE_SLOW = 10


class PoolError(Exception):
    """The pool could not answer: `status` is the HTTP status to send."""

    status = 503


class QueryTimeout(PoolError):
    status = 503


class PoolBusy(PoolError):
    status = 503


class WorkerCrashed(PoolError):
    status = 500


class QueryFailed(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    spec: StoreSpec
    niced: bool = False  # running a slow query (reniced, and an extra worker started for it)
    timer: asyncio.TimerHandle | None = None  # the next look at whether its query is slow


class WorkerPool:
    def __init__(self, spec: StoreSpec, size: int, *, slow_after: float | None = 0.5,
                 queue_timeout: float = 30.0, start_timeout: float = 600.0,
                 max_size: int | None = None) -> None:
        self.spec = spec
        self.size = max(1, size)
        self.max_size = max(self.size, max_size if max_size is not None else 3 * self.size)
        self._spawning = 0
        self.slow_after = slow_after
        self.queue_timeout = queue_timeout
        self.start_timeout = start_timeout
        self.info: dict[str, object] = {}
        self.counters = {"queries": 0, "timeouts": 0, "crashes": 0, "restarts": 0, "busy": 0, "extra": 0}
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(["kg.api.worker"])
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._tasks: set[asyncio.Task] = set()
        self._closed = False

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Start every worker; raise RuntimeError (with the worker's reason) if one cannot open the store."""
        results = await asyncio.gather(*(self._spawn() for _ in range(self.size)), return_exceptions=True)
        if failed := [r for r in results if isinstance(r, BaseException)]:
            await self.close()
            raise failed[0]
        await self.refresh_info()

    async def refresh_info(self) -> None:
        """Count the store's triples once (a worker scans the default graph)."""
        try:
            self.info = await self.run("info", self.start_timeout)  # type: ignore[assignment]
        except (PoolError, QueryFailed) as err:
            log.warning("cannot count the store's triples: %s", err)

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._workers):
            self._kill(worker)

    async def retarget(self, spec: StoreSpec) -> None:
        """Serve `spec` from now on: idle workers are replaced now, busy ones when they finish."""
        self.spec = spec
        while not self._idle.empty():
            self._discard(self._idle.get_nowait(), "store changed")

    async def settled(self, timeout: float) -> bool:
        """Wait until no worker serves an older spec (bounded by `timeout`)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while any(w.spec != self.spec for w in self._workers) and loop.time() < end:
            await asyncio.sleep(0.1)
        return all(w.spec == self.spec for w in self._workers)

    def stats(self) -> dict[str, int]:
        idle = self._idle.qsize()
        return {"size": self.size, "alive": len(self._workers), "idle": idle,
                "busy": len(self._workers) - idle, **self.counters}

    # ---------------------------------------------------------------- running jobs

    async def run(self, job: object, timeout: float) -> object:
        """Run `job` in a worker within `timeout` seconds, else kill that worker and raise QueryTimeout."""
        worker = await self._borrow()
        loop = asyncio.get_running_loop()
        if self.slow_after:
            start = cpu_seconds(worker.process.pid)
            worker.timer = loop.call_later(self.slow_after, self._check_slow, worker, start)
        self.counters["queries"] += 1
        try:
            worker.conn.send(job)
            status, payload = await self._receive(worker, timeout)
        except TimeoutError:
            self.counters["timeouts"] += 1
            self._discard(worker, "time limit")
            raise QueryTimeout(f"query stopped at the time limit of {timeout:g} s") from None
        except asyncio.CancelledError:  # the client went away: its query must not run on
            self._discard(worker, "cancelled")
            raise
        except (EOFError, OSError) as err:
            self.counters["crashes"] += 1
            self._discard(worker, "crashed")
            raise WorkerCrashed(f"the query worker died ({err or 'no answer'}); it has been replaced") \
                from None
        finally:
            if worker.timer is not None:
                worker.timer.cancel()
                worker.timer = None
        self._release(worker)
        if status == "ok":
            return payload
        if status == "query-error":
            raise QueryFailed(*payload)  # type: ignore[misc]
        raise QueryFailed(500, f"internal error in the query worker: {payload}")

    async def _borrow(self) -> _Worker:
        if self._closed:
            raise PoolBusy("the server is shutting down")
        loop = asyncio.get_running_loop()
        end = loop.time() + self.queue_timeout
        while True:
            try:
                worker = await asyncio.wait_for(self._idle.get(), max(0.0, end - loop.time()))
            except TimeoutError:
                self.counters["busy"] += 1
                raise PoolBusy(f"all {self.size} query workers stayed busy for {self.queue_timeout:g} s; "
                               "try again later") from None
            if worker.process.is_alive():
                return worker
            self.counters["crashes"] += 1
            self._discard(worker, "died while idle")

    async def _receive(self, worker: _Worker, timeout: float) -> tuple[str, object]:
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, _resolve, readable)
        try:
            await asyncio.wait_for(readable, timeout)
        finally:
            loop.remove_reader(fd)
            os.set_blocking(fd, True)  # uvloop's add_reader leaves the pipe non-blocking: recv would fail
        return worker.conn.recv()  # the worker writes one message at once; reading it is quick

    def _release(self, worker: _Worker) -> None:
        fast = sum(1 for w in self._workers if not w.niced) + self._spawning
        total = len(self._workers) + self._spawning
        # a slow query's worker retires if one was started in its place; extra fast ones retire too
        if (worker.niced and total > self.size) or (not worker.niced and fast > self.size):
            self._retire(worker)
            return
        if worker.niced:
            try:
                os.setpriority(os.PRIO_PROCESS, worker.process.pid, 0)  # type: ignore[arg-type]
                worker.niced = False
            except OSError:  # only root may lower a nice value: start a fresh worker instead
                self._discard(worker, "reniced")
                return
        if worker.spec != self.spec:
            self._discard(worker, "store changed")
            return
        self._idle.put_nowait(worker)

    def _check_slow(self, worker: _Worker, cpu_at_start: float | None) -> None:
        """Renice the query once it has used `slow_after / 2` CPU seconds (a fast named query uses a
        few ms); if it has not yet, look again soon."""
        used = cpu_seconds(worker.process.pid)
        if cpu_at_start is None or used is None or used - cpu_at_start >= self.slow_after / 2:
            worker.timer = None
            self._renice(worker)
        else:
            worker.timer = asyncio.get_running_loop().call_later(self.slow_after / 2, self._check_slow,
                                                                 worker, cpu_at_start)

    def _renice(self, worker: _Worker) -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, worker.process.pid, NICE_SLOW)  # type: ignore[arg-type]
        except OSError:
            pass
        worker.niced = True
        fast = sum(1 for w in self._workers if not w.niced) + self._spawning
        if fast < self.size and len(self._workers) + self._spawning < self.max_size:
            self.counters["extra"] += 1
            self._start_replacement()

    def _retire(self, worker: _Worker) -> None:
        self._kill(worker)

    # ---------------------------------------------------------------- workers

    async def _spawn(self) -> _Worker:
        """Start one worker and make it idle."""
        spec = self.spec
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=serve, args=(child, spec), daemon=True, name="kg-query-worker")
        await asyncio.to_thread(process.start)  # the first start launches the forkserver (~1 s)
        child.close()
        worker = _Worker(process, parent, spec)
        try:
            status, payload = await self._receive(worker, self.start_timeout)
        except (TimeoutError, EOFError, OSError) as err:
            self._kill(worker)
            raise RuntimeError(f"a query worker did not start: {err or 'it exited'}") from None
        if status != "ready":
            self._kill(worker)
            raise RuntimeError(f"a query worker could not open the store: {payload}")
        self.info = {**payload, "triples": self.info.get("triples")}  # type: ignore[dict-item]
        if self._closed:
            self._kill(worker)
            raise RuntimeError("the server is shutting down")
        self._workers.add(worker)
        self._idle.put_nowait(worker)
        return worker

    def _discard(self, worker: _Worker, reason: str) -> None:
        log.info("replacing query worker %s: %s", worker.process.pid, reason)
        self._kill(worker)
        if not self._closed and len(self._workers) + self._spawning < self.size:
            self._start_replacement()

    def _start_replacement(self) -> None:
        self._spawning += 1
        task = asyncio.get_running_loop().create_task(self._replace())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _kill(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        try:
            worker.process.kill()
        except (OSError, ValueError, AttributeError):
            pass
        worker.conn.close()
        # the forkserver is the worker's parent and reaps it; join (off the loop) frees our handle
        asyncio.get_running_loop().run_in_executor(None, worker.process.join, 5)

    async def _replace(self) -> None:
        delay = 0.5
        try:
            while not self._closed:
                try:
                    await self._spawn()
                    self.counters["restarts"] += 1
                    return
                except Exception as err:  # keep trying: the store may come back (a rebuild in progress)
                    log.error("cannot start a query worker: %s; retrying in %.1f s", err, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 10.0)
        finally:  # no await between _spawn's hand-over and here: the counts never look short
            self._spawning -= 1


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int | None) -> float | None:
    """User plus system CPU time of a process from /proc (Linux); None where that is not known."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rpartition(b")")[2].split()  # the name, in (), may hold spaces
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime: fields 14 and 15
    except (OSError, ValueError, IndexError):
        return None


def _resolve(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)
