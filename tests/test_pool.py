"""The worker pool's slowness test is CPU time: a starved query is not taken for a slow one.

Real child processes stand in for query workers: one spins, one sleeps. The pool's check
is called directly, so nothing depends on how fast this machine is.
"""

import asyncio
import os
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest

from kg.api.pool import WorkerPool, _Worker, cpu_seconds
from kg.api.settings import StoreSpec

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs /proc")
SLOW_AFTER = 0.3


def _child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code])


def _checked(code: str, wait_for_cpu: float) -> tuple[_Worker, bool, int]:
    """Run the pool's slowness check on a child that has used at least `wait_for_cpu` CPU seconds;
    return the worker, whether the check was re-armed, and the child's nice value."""
    child = _child(code)
    try:
        start = cpu_seconds(child.pid)
        deadline = time.monotonic() + 60
        while (cpu_seconds(child.pid) or 0) - (start or 0) < wait_for_cpu and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(SLOW_AFTER)  # and at least slow_after seconds of wall time

        async def check() -> tuple[_Worker, bool]:
            pool = WorkerPool(StoreSpec("oxigraph", "/nonexistent"), size=1, slow_after=SLOW_AFTER,
                              max_size=1)
            worker = _Worker(SimpleNamespace(pid=child.pid), None, pool.spec)  # type: ignore[arg-type]
            pool._workers.add(worker)  # at max_size: the check starts no extra worker
            pool._check_slow(worker, start)
            rearmed = worker.timer is not None
            if worker.timer is not None:
                worker.timer.cancel()
            return worker, rearmed

        return *asyncio.run(check()), os.getpriority(os.PRIO_PROCESS, child.pid)
    finally:
        child.kill()
        child.wait()


def test_cpu_seconds_counts_a_spinning_process_and_not_a_sleeping_one():
    spinning, sleeping = _child("while True: pass"), _child("import time; time.sleep(60)")
    try:
        deadline = time.monotonic() + 60
        while (cpu_seconds(spinning.pid) or 0) < 0.2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cpu_seconds(spinning.pid) >= 0.2
        assert cpu_seconds(sleeping.pid) < 0.2  # interpreter start-up only
        assert cpu_seconds(2**22 + 12345) is None  # no such process
    finally:
        for child in (spinning, sleeping):
            child.kill()
            child.wait()


def test_a_query_burning_cpu_is_reniced():
    worker, rearmed, nice = _checked("while True: pass", wait_for_cpu=SLOW_AFTER / 2)
    assert worker.niced and not rearmed and nice == 10


def test_a_starved_query_is_looked_at_again_not_reniced():
    worker, rearmed, nice = _checked("import time; time.sleep(60)", wait_for_cpu=0)
    assert not worker.niced and rearmed and nice == os.getpriority(os.PRIO_PROCESS, 0)
