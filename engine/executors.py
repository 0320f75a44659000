"""Where sweeps run: in this process, or on dask.distributed.

An executor has ``map(fn, items, progress=None) -> list`` returning results in the order of
``items``; ``progress(done, total)`` is called as results arrive. ``fn`` must be a picklable
top-level function of one argument returning plain data, so that the same call gives the same
result wherever it runs (seeded samples are built before mapping, never inside workers).

    serial()                        this process, one item after another
    dask_executor()                 a LocalCluster on this machine (one process per core)
    dask_executor("tcp://h:8786")   an existing cluster (or $LIMECH_DASK_SCHEDULER)
"""
from __future__ import annotations

import os
from typing import Callable, Iterable

Progress = Callable[[int, int], None] | None


class SerialExecutor:
    name = "serial"

    def map(self, fn, items: Iterable, progress: Progress = None) -> list:
        items = list(items)
        out = []
        for i, item in enumerate(items, 1):
            out.append(fn(item))
            if progress:
                progress(i, len(items))
        return out

    def close(self) -> None:
        pass


class DaskExecutor:
    """dask.distributed: an existing scheduler by address, or a LocalCluster."""

    def __init__(self, scheduler: str | None = None, n_workers: int | None = None):
        from distributed import Client, LocalCluster

        self.scheduler = scheduler or os.environ.get("LIMECH_DASK_SCHEDULER") or None
        self.cluster = None
        if self.scheduler:
            if not self.scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
                raise ValueError(f"scheduler address '{self.scheduler}' must look like tcp://HOST:PORT")
            self.client = Client(self.scheduler, timeout="20s")
        else:
            self.cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        self.name = f"dask({self.scheduler or 'LocalCluster'})"

    @property
    def n_workers(self) -> int:
        return len(self.client.scheduler_info()["workers"])

    def map(self, fn, items: Iterable, progress: Progress = None) -> list:
        from distributed import as_completed

        items = list(items)
        futures = self.client.map(fn, items, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        out: list = [None] * len(items)
        for done, (future, result) in enumerate(as_completed(futures, with_results=True), 1):
            out[index[future.key]] = result
            if progress:
                progress(done, len(items))
        return out

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def serial() -> SerialExecutor:
    return SerialExecutor()


def dask_executor(scheduler: str | None = None, n_workers: int | None = None) -> DaskExecutor:
    return DaskExecutor(scheduler, n_workers)
