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

A LocalCluster takes seconds to start and its workers import numba and compile afresh, so a
long-lived process keeps ONE executor: :class:`SharedExecutor` starts it on the first sweep,
hands the same one to every later (and concurrent) sweep, replaces it when its cluster has been
lost, and closes it when the process shuts down.
"""
from __future__ import annotations

import os
import threading
import time
from typing import Callable, Iterable, Iterator

ADDRESS_SCHEMES = ("tcp://", "tls://", "inproc://", "ws://", "wss://")


class ClusterLost(RuntimeError):
    """The dask cluster a sweep ran on stopped answering or lost all its workers."""


def check_scheduler(scheduler: str | None) -> str:
    """The scheduler name to use (``None``: $LIMECH_DASK_SCHEDULER, else "local"); a name that is
    neither 'local', 'serial' nor an address is refused with what is allowed."""
    scheduler = scheduler or os.environ.get("LIMECH_DASK_SCHEDULER") or "local"
    if scheduler in ("local", "serial"):
        return scheduler
    if "://" not in scheduler:
        raise ValueError(f"scheduler '{scheduler}' must be 'local', 'serial' or an address like tcp://HOST:PORT")
    if not scheduler.startswith(ADDRESS_SCHEMES):
        raise ValueError(f"scheduler address '{scheduler}' must look like tcp://HOST:PORT")
    return scheduler


class SerialExecutor:
    name = "serial"
    address = None

    def map(self, fn, items: Iterable) -> Iterator:
        return map(fn, items)

    def problem(self) -> str | None:
        return None

    def close(self) -> None:
        pass


class DaskExecutor:
    """dask.distributed: an existing scheduler by address, or a LocalCluster.

    ``poll`` seconds: how often a waiting ``map`` checks that the cluster is still there;
    ``grace`` seconds: how long a cluster may have no worker before it counts as lost.
    """

    def __init__(self, scheduler: str | None = None, n_workers: int | None = None,
                 poll: float = 5.0, grace: float = 20.0):
        from distributed import Client, LocalCluster

        self.scheduler = scheduler or None
        self.cluster = None
        self.poll, self.grace = poll, grace
        if self.scheduler:
            if not self.scheduler.startswith(ADDRESS_SCHEMES):
                raise ValueError(f"scheduler address '{self.scheduler}' must look like tcp://HOST:PORT")
            self.client = Client(self.scheduler, timeout="20s")
        else:
            self.cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            try:
                self.client = Client(self.cluster)
            except BaseException:
                self.cluster.close()
                raise
        self.address = self.client.scheduler.address
        self.name = f"dask {'scheduler' if self.scheduler else 'LocalCluster'} at {self.address}"

    @property
    def n_workers(self) -> int:
        return len(self.client.scheduler_info()["workers"])

    def problem(self, timeout: float = 10.0) -> str | None:
        """Why this executor can no longer run a sweep (scheduler gone, client closed, no worker
        for ``grace`` seconds), or None while it can."""
        if self.cluster is not None and self.cluster.status.name != "running":
            return f"its LocalCluster is {self.cluster.status.name}"
        if self.client.status != "running":
            return f"the client's connection to the scheduler at {self.address} is {self.client.status}"
        deadline = time.monotonic() + self.grace
        while True:
            try:
                workers = self.client.nthreads(callback_timeout=timeout)
            except Exception as exc:   # noqa: BLE001 - any failure to answer means the scheduler is gone
                return f"the scheduler at {self.address} did not answer ({type(exc).__name__}: {exc})"
            if workers:
                return None
            if time.monotonic() > deadline:
                return f"the scheduler at {self.address} has had no worker for {self.grace:g} s"
            time.sleep(0.2)

    def map(self, fn, items: Iterable) -> Iterator:
        futures = self.client.map(fn, list(items), pure=False)
        try:
            for future in futures:
                while True:
                    try:
                        value = future.result(timeout=self.poll)
                        break
                    except TimeoutError:   # still running: is there still a cluster to run it?
                        why = self.problem()
                        if why is not None:
                            raise ClusterLost(f"the sweep stopped: {why}") from None
                yield value
        finally:
            if self.client.status == "running":
                self.client.cancel(futures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def executor_for(scheduler: str | None = None):
    """The executor a ``--scheduler`` value names (see the module docstring)."""
    scheduler = check_scheduler(scheduler)
    if scheduler == "serial":
        return SerialExecutor()
    if scheduler == "local":
        return DaskExecutor()
    return DaskExecutor(scheduler)


Note = Callable[[str], None]


class SharedExecutor:
    """One executor for the lifetime of a server or CLI run, started lazily and thread-safe.

    ``get(note)`` returns the live executor, starting it on first use; when the one it holds has
    lost its cluster it closes the remains and starts (or reconnects) a new one, and says so
    through ``note``. If starting fails the error propagates and the next ``get`` tries again.
    ``close()`` stops it; a ``get`` after ``close`` is refused.
    """

    def __init__(self, scheduler: str | None = None, factory: Callable[[str], object] = executor_for):
        self.scheduler = check_scheduler(scheduler)
        self._factory = factory
        self._lock = threading.Lock()
        self._executor = None
        self._closed = False
        self.started = 0          # how many executors this holder has started (1 + restarts)

    @property
    def current(self):
        """The executor held now (None before the first sweep and after close)."""
        return self._executor

    def get(self, note: Note | None = None):
        note = note or (lambda text: None)
        with self._lock:
            if self._closed:
                raise RuntimeError(f"the sweep executor ({self.scheduler}) has been closed: the process is shutting down")
            lost = None
            if self._executor is not None:
                lost = self._executor.problem()
                if lost is None:
                    return self._executor
                old = getattr(self._executor, "address", None)
                _close_quietly(self._executor)
                self._executor = None
                note(f"the dask cluster at {old} was lost ({lost}); starting a new one")
            self._executor = self._factory(self.scheduler)
            self.started += 1
            where = getattr(self._executor, "address", None)
            if where is not None:
                note(f"sweep executor {'restarted' if lost else 'started'}: {self._executor.name}")
            return self._executor

    def close(self) -> None:
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.close()


def _close_quietly(executor) -> None:
    """Close what is left of a lost executor; its scheduler may already be gone."""
    try:
        executor.close()
    except Exception:   # noqa: BLE001 - nothing more can be done with a dead cluster
        pass
