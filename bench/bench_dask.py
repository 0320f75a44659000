"""Benchmark: a robustness sweep run serially vs on dask.distributed LocalClusters of 1 and 2
workers, in one run. The default sweep is the corrosion -> tip field -> dendrite chain (2D field
solves, ~0.5 s a sample), heavy enough for the workers to pay for dask's overhead; a cheap chain
(e.g. fdAnionLiF, ~10 ms a sample) shows the opposite, and both are worth knowing; scaling efficiency = T_serial / (n_workers * T_n). The sweep results must
be identical in all three (seeded samples), which the benchmark asserts before timing counts.

``shared_executor``: what the server saves by keeping one executor (engine.executors.SharedExecutor)
for its lifetime. The first sweep pays the LocalCluster's start-up and the workers' imports and
numba compilation; the second reuses them. Baseline in the same run: the old way, a fresh
LocalCluster for every sweep (started and closed around it). A cheap chain (fdAnionLiF, 16 samples)
so that the start-up is what is measured.

Writes bench/results/bench_dask.json. Run: .venv/bin/python bench/bench_dask.py [samples] [chain]
(``bench_dask.py startup`` measures only ``shared_executor`` and updates that key of the JSON).
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from engine.checks.api import run_check  # noqa: E402
from engine.executors import DaskExecutor, SerialExecutor, SharedExecutor  # noqa: E402
from engine.store import KnowledgeStore  # noqa: E402


def timed(store, chain: str, samples: int, executor) -> tuple[float, dict]:
    run_check(store, chain, samples=2, executor=executor)          # warm: compile in every worker
    t0 = time.perf_counter()
    res = run_check(store, chain, samples=samples, executor=executor)
    return time.perf_counter() - t0, res.model_dump(mode="json")["robustness"]


def _sweep(store, chain: str, samples: int, get_executor) -> tuple[float, dict]:
    """Wall time of one server-style sweep: fetch the executor, run the check on it."""
    t0 = time.perf_counter()
    res = run_check(store, chain, samples=samples, executor=get_executor(), record=False)
    return time.perf_counter() - t0, res.model_dump(mode="json")["robustness"]


def startup(store, chain: str = "fdAnionLiF", samples: int = 16, workers: int = 2) -> dict:
    """First vs second sweep on one shared executor, and a sweep on a fresh cluster each time."""
    shared = SharedExecutor("local", factory=lambda _: DaskExecutor(n_workers=workers))
    try:
        t_first, ref = _sweep(store, chain, samples, shared.get)
        t_second, again = _sweep(store, chain, samples, shared.get)
        assert shared.started == 1, "the second sweep did not reuse the first sweep's cluster"
    finally:
        shared.close()
    fresh = []
    for _ in range(2):      # the old way: every sweep starts (and closes) its own LocalCluster
        t0 = time.perf_counter()
        ex = DaskExecutor(n_workers=workers)
        try:
            res = run_check(store, chain, samples=samples, executor=ex, record=False)
        finally:
            ex.close()
        fresh.append(time.perf_counter() - t0)
        if res.model_dump(mode="json")["robustness"] != ref:
            raise AssertionError("a sweep on a fresh cluster gave a different result than on the shared one")
    if again != ref:
        raise AssertionError("the second sweep on the shared cluster gave a different result than the first")
    t_fresh = min(fresh)
    return {"chain": chain, "samples": samples, "workers": workers,
            "first_sweep_s": t_first, "second_sweep_s": t_second, "fresh_cluster_sweep_s": fresh,
            "first_over_second_ratio": t_first / t_second,
            "fresh_cluster_over_shared_ratio": t_fresh / t_second,
            "saved_per_sweep_s": t_fresh - t_second}


def main(samples: int = 96, chain: str = "corrosionTipDendrite") -> None:
    store = KnowledgeStore.in_memory()
    t_serial, ref = timed(store, chain, samples, SerialExecutor())
    rows = [{"executor": "serial", "workers": 1, "seconds": t_serial}]
    for n in (1, 2):
        ex = DaskExecutor(n_workers=n)
        try:
            t, res = timed(store, chain, samples, ex)
        finally:
            ex.close()
        if res != ref:
            raise AssertionError(f"dask with {n} worker(s) gave a different sweep result than the serial run")
        rows.append({"executor": "dask LocalCluster", "workers": n, "seconds": t,
                     "speedup_over_serial_ratio": t_serial / t, "scaling_efficiency": t_serial / (n * t)})
    out = {"chain": chain, "samples": samples, "cpus": os.cpu_count(), "runs": rows,
           "samples_per_second_serial": samples / t_serial, "shared_executor": startup(store)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_dask.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))


def main_startup() -> None:
    path = RESULTS / "bench_dask.json"
    out = json.loads(path.read_text()) if path.exists() else {}
    out["shared_executor"] = startup(KnowledgeStore.in_memory())
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2))
    print(json.dumps(out["shared_executor"], indent=2))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["startup"]:
        sys.exit(main_startup())
    main(int(args[0]) if args else 96, args[1] if len(args) > 1 else "corrosionTipDendrite")
