"""Robustness sweeps on dask.distributed: a real `dask scheduler` and two `dask worker`
processes on localhost give the same seeded results as a serial run."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.checks.api import run_check
from engine.executors import DaskExecutor, SerialExecutor

DASK = str(Path(sys.executable).with_name("dask"))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    from conftest import _free_port

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask")
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=open(logs / "s.log", "w"))]
    time.sleep(1.0)
    for i in range(2):
        procs.append(subprocess.Popen([DASK, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard", "--name", f"w{i}"],
                                      stdout=subprocess.DEVNULL, stderr=open(logs / f"w{i}.log", "w")))
    executor = None
    try:
        executor = DaskExecutor(address)
        deadline = time.monotonic() + 60
        while executor.n_workers < 2:
            if time.monotonic() > deadline:
                raise RuntimeError("dask workers did not register: " + (logs / "w0.log").read_text()[-1000:])
            time.sleep(0.2)
        yield executor
    finally:
        if executor is not None:
            executor.close()
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=20)


def _robustness(result) -> dict:
    data = result.model_dump(mode="json") if hasattr(result, "model_dump") else result.to_dict()
    return data["robustness"]


def test_dask_sweep_equals_serial_sweep(cluster, kb):
    serial = run_check(kb, "transferenceSand", samples=12, executor=SerialExecutor())
    distributed = run_check(kb, "transferenceSand", samples=12, executor=cluster)
    a, b = _robustness(serial), _robustness(distributed)
    assert a["evaluated"] == b["evaluated"] == 12
    assert a == b
    assert len(cluster.client.scheduler_info()["workers"]) == 2


def test_progress_is_reported_while_the_sweep_runs(cluster, kb):
    seen: list[tuple[int, int]] = []
    run_check(kb, "currentSand", samples=8, executor=cluster, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (8, 8) and len({d for d, _ in seen}) >= 8


def test_cli_check_runs_its_sweep_on_the_named_scheduler(cluster):
    import json

    from typer.testing import CliRunner

    from api.cli import app

    res = CliRunner().invoke(app, ["check", "currentSand", "--samples", "6", "--json",
                                   "--scheduler", cluster.scheduler])
    assert res.exit_code == 0, res.output
    rob = json.loads(res.stdout)["robustness"]
    assert rob["evaluated"] == 6 and rob["links"][0]["fraction_holds"] == 1.0


def test_scheduler_names_are_checked():
    from engine.executors import executor_for

    with pytest.raises(ValueError, match="tcp://HOST:PORT"):
        DaskExecutor("127.0.0.1:8786")
    with pytest.raises(ValueError, match="'local', 'serial' or an address"):
        executor_for("my-cluster")
    assert isinstance(executor_for("serial"), SerialExecutor)
