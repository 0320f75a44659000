"""Benchmark: a robustness sweep run serially vs on dask.distributed LocalClusters of 1 and 2
workers, in one run. The default sweep is the corrosion -> tip field -> dendrite chain (2D field
solves, ~0.5 s a sample), heavy enough for the workers to pay for dask's overhead; a cheap chain
(e.g. fdAnionLiF, ~10 ms a sample) shows the opposite, and both are worth knowing; scaling efficiency = T_serial / (n_workers * T_n). The sweep results must
be identical in all three (seeded samples), which the benchmark asserts before timing counts.

Writes bench/results/bench_dask.json. Run: .venv/bin/python bench/bench_dask.py [samples] [chain]
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
from engine.executors import DaskExecutor, SerialExecutor  # noqa: E402
from engine.store import KnowledgeStore  # noqa: E402


def timed(store, chain: str, samples: int, executor) -> tuple[float, dict]:
    run_check(store, chain, samples=2, executor=executor)          # warm: compile in every worker
    t0 = time.perf_counter()
    res = run_check(store, chain, samples=samples, executor=executor)
    return time.perf_counter() - t0, res.model_dump(mode="json")["robustness"]


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
           "samples_per_second_serial": samples / t_serial}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_dask.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 96, args[1] if len(args) > 1 else "corrosionTipDendrite")
