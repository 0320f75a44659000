"""One sweep executor per server: started by the first sweep, reused by every later one, replaced
(and logged) when its cluster is lost, closed with the server; the same for an external scheduler."""
from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings
from api.jobs import JobManager
from engine.executors import DaskExecutor, SerialExecutor, SharedExecutor

DASK = str(Path(sys.executable).with_name("dask"))


def _one_worker_cluster(scheduler: str) -> DaskExecutor:
    assert scheduler == "local"
    return DaskExecutor(n_workers=1, poll=1.0, grace=5.0)


def _app(kb, tmp_path):
    """An app whose sweeps run on a 1-worker LocalCluster (Settings chooses 'local')."""
    app = create_app(kb, Settings(sweep_scheduler="local"), jobs_dir=tmp_path)
    app.state.sweeps = SharedExecutor("local", factory=_one_worker_cluster)
    return app


def _sweep(c, samples: int = 4) -> dict:
    job_id = c.post("/checks", json={"chain": "currentSand", "samples": samples}).json()["id"]
    deadline = time.monotonic() + 180
    while (job := c.get(f"/checks/{job_id}").json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
    assert job["status"] == "done", job["error"]
    assert job["result"]["robustness"]["evaluated"] == samples
    return job


def _worker_pids(executor: DaskExecutor) -> set[int]:
    return set(executor.client.run(os.getpid).values())


def _gone(pids: set[int], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _refuses(address: str) -> bool:
    host, port = address.removeprefix("tcp://").rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError:
        return True
    return False


def test_sweeps_of_one_server_share_one_cluster_which_shutdown_closes(kb, tmp_path):
    app = _app(kb, tmp_path)
    with TestClient(app) as c:
        sweeps = app.state.sweeps
        assert sweeps.current is None                     # nothing started before the first sweep
        first = _sweep(c)
        executor = sweeps.current
        address, pids = executor.address, _worker_pids(executor)
        second = _sweep(c)
        assert sweeps.current is executor and executor.address == address
        assert _worker_pids(executor) == pids             # the same worker processes ran both sweeps
        assert sweeps.started == 1
        assert any("sweep executor started" in line and address in line for line in first["log"])
        assert second["log"] == []
        assert c.post("/checks", json={"chain": "currentSand"}).status_code == 202   # no sweep: no cluster needed
    assert sweeps.current is None and executor.cluster.status.name == "closed"
    assert _gone(pids), f"worker processes {pids} outlived the server"
    assert _refuses(address)
    with pytest.raises(RuntimeError, match="has been closed"):
        sweeps.get()


def test_a_lost_cluster_is_replaced_by_the_next_sweep_and_the_job_log_says_so(kb, tmp_path):
    app = _app(kb, tmp_path)
    with TestClient(app) as c:
        _sweep(c)
        dead = app.state.sweeps.current
        pids = _worker_pids(dead)
        dead.cluster.close()                              # scheduler and workers gone behind the server's back
        assert _gone(pids)
        job = _sweep(c)
        fresh = app.state.sweeps.current
        assert fresh is not dead and fresh.address != dead.address and app.state.sweeps.started == 2
        assert any(f"cluster at {dead.address} was lost" in line for line in job["log"])
        assert any("sweep executor restarted" in line and fresh.address in line for line in job["log"])
        assert _sweep(c)["log"] == []                     # and then it is reused again


def test_the_settings_choose_the_executor_and_bad_names_are_refused(kb, tmp_path, monkeypatch):
    app = create_app(kb, Settings(sweep_scheduler="serial"), jobs_dir=tmp_path)
    with TestClient(app) as c:
        _sweep(c, samples=3)
        assert isinstance(app.state.sweeps.current, SerialExecutor)
    monkeypatch.setenv("LIMECH_DASK_SCHEDULER", "my-cluster")
    with pytest.raises(ValueError, match="LIMECH_DASK_SCHEDULER: scheduler 'my-cluster' must be 'local', 'serial'"):
        Settings.from_env()


def test_concurrent_first_sweeps_start_one_executor():
    made = []

    def slow_factory(scheduler):
        time.sleep(0.3)
        made.append(SerialExecutor())
        return made[-1]

    sweeps = SharedExecutor("serial", factory=slow_factory)
    got = []
    threads = [threading.Thread(target=lambda: got.append(sweeps.get())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and all(g is made[0] for g in got)


@pytest.fixture
def external(tmp_path):
    """Start (and restart) a `dask scheduler` plus one `dask worker` on a fixed loopback port."""
    from conftest import _free_port

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs: list[subprocess.Popen] = []

    def start():
        procs.append(subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen([DASK, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def kill():
        for p in procs:
            p.kill()
        for p in procs:
            p.wait(timeout=20)

    start()
    yield address, start, kill
    kill()


def test_an_external_scheduler_is_connected_once_and_reconnected_after_it_was_lost(external):
    address, start, kill = external
    notes: list[str] = []
    sweeps = SharedExecutor(address)
    try:
        first = sweeps.get(notes.append)
        assert list(first.map(abs, [-1, -2, -3])) == [1, 2, 3]
        assert sweeps.get(notes.append) is first and first.client.status == "running"
        assert notes == [f"sweep executor started: dask scheduler at {address}"]
        kill()                                            # the cluster dies; its operator brings a new one up
        later = threading.Timer(1.0, start)               # while the next sweep is already waiting for it
        later.start()
        try:
            second = sweeps.get(notes.append)
        finally:
            later.join()
        assert second is not first and first.client.status != "running"
        assert f"cluster at {address} was lost" in notes[1] and "restarted" in notes[2]
        assert list(second.map(abs, [-4, 5])) == [4, 5]
    finally:
        sweeps.close()


def test_a_job_cut_short_by_shutdown_is_queued_again_with_a_log_line(tmp_path):
    started = threading.Event()

    def runner(chain, params, samples, plot_dir, progress):
        started.set()
        while not jobs.closing:
            time.sleep(0.01)
        raise RuntimeError("the sweep executor has been closed")

    jobs = JobManager(tmp_path, runner, max_jobs=1)
    job_id = jobs.submit("currentSand", {}, 4).id
    assert started.wait(10)
    jobs.close()
    jobs.pool.shutdown(wait=True)
    job = jobs.get(job_id)
    assert job.status == "queued" and job.error is None
    assert "interrupted by the server's shutdown (RuntimeError); queued again" in job.log[-1]


def test_a_jobs_database_from_before_job_logs_still_opens(tmp_path):
    db = sqlite3.connect(tmp_path / "jobs.sqlite")
    db.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, chain TEXT NOT NULL, params TEXT NOT NULL, "
               "samples INTEGER NOT NULL, status TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, "
               "total INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL, started REAL, finished REAL, "
               "result TEXT, error TEXT)")
    db.execute("INSERT INTO jobs (id, chain, params, samples, status, created, result) "
               "VALUES ('old1', 'currentSand', '{}', 0, 'done', 0, '{\"verdict\": \"supported\"}')")
    db.commit()
    db.close()
    jobs = JobManager(tmp_path, lambda *a: {"verdict": "supported"}, max_jobs=1)
    try:
        old = jobs.get("old1")
        assert old.log == [] and old.to_dict()["verdict"] == "supported"
    finally:
        jobs.close()
