"""Timing helpers shared by the benchmark scripts (run as scripts: bench/ is on sys.path)."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def median_time(fn, repeats: int) -> float:
    """Median wall time of ``repeats`` calls of ``fn`` (seconds)."""
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return float(statistics.median(ts))


def first_call_times(snippet: str, tag: str) -> dict:
    """Run ``snippet`` (which prints one JSON line) in a fresh interpreter twice: first with an
    empty numba cache (compile), then with the cache it filled (load); the cache lives in a
    temporary directory under bench/results and is removed afterwards."""
    out = {}
    tmp = RESULTS / f"_numba_cache_{tag}_{os.getpid()}"
    try:
        for label in ("cold_compile", "cached_load"):
            env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp), PYTHONPATH=str(ROOT))
            res = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, env=env, check=True)
            out[label] = json.loads(res.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
