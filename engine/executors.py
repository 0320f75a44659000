"""Where sweeps run: in this process, or on dask.distributed.

An executor has ``map(fn, items)``, an iterator over the results in the order of ``items``
that yields each result as soon as it and the ones before it are done (so a caller can report
progress while the sweep runs). ``fn`` must be a picklable
top-level function of one argument returning plain data, so that the same call gives the same
result wherever it runs (seeded samples are built before mapping, never inside workers).

    executor_for("local")           a dask LocalCluster on this machine (one process per core): the default
    executor_for("tcp://h:8786")    an existing dask cluster
    executor_for("serial")          this process, one item after another
    executor_for(None)              $LIMECH_DASK_SCHEDULER, else "local"
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

class SerialExecutor:
    name = "serial"

    def map(self, fn, items: Iterable) -> Iterator:
        return map(fn, items)

    def close(self) -> None:
        pass


class DaskExecutor:
    """dask.distributed: an existing scheduler by address, or a LocalCluster."""

    def __init__(self, scheduler: str | None = None, n_workers: int | None = None):
        from distributed import Client, LocalCluster

        self.scheduler = scheduler or None
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

    def map(self, fn, items: Iterable) -> Iterator:
        futures = self.client.map(fn, list(items), pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def executor_for(scheduler: str | None = None):
    """The executor a ``--scheduler`` value names (see the module docstring)."""
    scheduler = scheduler or os.environ.get("LIMECH_DASK_SCHEDULER") or "local"
    if scheduler == "serial":
        return SerialExecutor()
    if scheduler == "local":
        return DaskExecutor()
    if "://" not in scheduler:
        raise ValueError(f"scheduler '{scheduler}' must be 'local', 'serial' or an address like tcp://HOST:PORT")
    return DaskExecutor(scheduler)
