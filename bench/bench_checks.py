"""Benchmark: hypothesis checks (issue 7) -- warm single-chain checks and 1000-sample sweeps.

Targets (issue 7, 2 cores): a single chain check warm in under 2 s; a 1000-sample robustness
sweep in under 2 min. Measured in one run:

* warm single-check time of every checkable chain (median of 3, after one warm-up that pays
  numba compilation and the sympy law derivations), and as a ratio to the bare pipeline
  evaluation of the same two states (the models alone, no graph, verdicts or PROV);
* a 1000-sample Latin-hypercube sweep of ``fdAnionLiF`` (models 2-5 + 1) serially and on a
  2-process pool (``concurrent.futures.ProcessPoolExecutor``, the executor protocol dask's
  client also offers), and the serial/parallel ratio;
* the per-sample time of ``corrosionTipDendrite`` (model 7, 2D field solves) from 8 samples,
  and the 1000-sample time it implies on 2 processes (that chain is too slow for the target;
  reported, not hidden).

Prints one JSON document and writes bench/results/bench_checks.json.
Run: .venv/bin/python bench/bench_checks.py [--samples 1000]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from _common import median_time  # noqa: E402
warnings.simplefilter("ignore", RuntimeWarning)

from engine.checks.api import list_checkable, run_check  # noqa: E402
from engine.checks.bindings import specs_from_file  # noqa: E402
from engine.checks.evaluate import evaluate_states  # noqa: E402
from engine.store import KnowledgeStore  # noqa: E402




def _warm_pool(pool, chains, n):
    """Each worker imports the engine, parses the bindings and loads the numba caches once."""
    from engine.checks.evaluate import sample_task
    for chain in chains:
        list(pool.map(sample_task, [chain] * n, [{}] * n))


def main() -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=1000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    store = KnowledgeStore.in_memory()
    load_s = time.perf_counter() - t0
    specs = specs_from_file()
    single = {}
    for info in list_checkable(store):
        t0 = time.perf_counter()
        run_check(store, info.id, record=False)
        first = time.perf_counter() - t0
        warm = median_time(lambda: run_check(store, info.id, record=False), 3)
        bare = median_time(lambda: evaluate_states(specs[info.id], {}), 3)
        single[info.id] = {"first_s": first, "warm_s": warm, "bare_pipeline_s": bare,
                           "warm_over_bare": warm / bare, "under_2s": warm < 2.0}
    n = args.samples
    t0 = time.perf_counter()
    run_check(store, "fdAnionLiF", samples=n, record=False)
    serial = time.perf_counter() - t0
    with ProcessPoolExecutor(2) as pool:
        _warm_pool(pool, ("fdAnionLiF", "corrosionTipDendrite"), 4)
        t0 = time.perf_counter()
        res = run_check(store, "fdAnionLiF", samples=n, executor=pool, record=False)
        parallel = time.perf_counter() - t0
        t0 = time.perf_counter()
        slow = run_check(store, "corrosionTipDendrite", samples=8, executor=pool, record=False)
        morph8 = time.perf_counter() - t0
    out = {
        "cpu_count": os.cpu_count(),
        "load_average_1_5_15": list(os.getloadavg()),   # the 2 cores are shared: a busy machine hides parallel speed-up
        "store_load_s": load_s,
        "single_check": single,
        "sweep_fdAnionLiF": {"samples": n, "serial_s": serial, "two_process_s": parallel,
                             "serial_over_two_process": serial / parallel, "under_120s": parallel < 120.0,
                             "evaluated": res.robustness.evaluated, "failed": res.robustness.failed,
                             "fraction_all_hold": res.robustness.fraction_all_hold,
                             "flipping_parameters": res.robustness.flipping_parameters},
        "sweep_corrosionTipDendrite": {"samples": 8, "two_process_s": morph8,
                                       "implied_1000_two_process_s": morph8 / 8 * 1000,
                                       "evaluated": slow.robustness.evaluated},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_checks.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main()
