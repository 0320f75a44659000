"""Benchmark: the 2D field solve (numba MG-preconditioned CG) against scipy.sparse.linalg.spsolve
on the same discretised system, same grid, in one run.

Case: Cartesian (x, z) half-cylinder boss of radius R on a grounded plane (Dirichlet) under a
uniform far field, periodic in x, Neumann top; and the axisymmetric (r, z) hemispherical boss.
The scipy system is ``Field2D.csr()`` -- the identical matrix and right-hand side -- solved by
SuperLU (spsolve, CSC). Reported per grid: warm MG-CG solve time (median), its iterations,
scipy's time (median), speed ratio scipy / MG-CG, max relative difference of the two solutions,
the apex enhancement (exact 2 and 3), warm assembly time, and the first call of a fresh process
with an empty numba cache (compile) and with the cache filled (load).
Prints one JSON document and writes bench/results/bench_field2d.json (temporary numba cache
under bench/results/, removed afterwards). Run: .venv/bin/python bench/bench_field2d.py
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from _common import first_call_times, median_time  # noqa: E402

import scipy.sparse.linalg as spla  # noqa: E402

from simulator import field2d as fd  # noqa: E402
from simulator import field2d_probe as fp  # noqa: E402




def boss_problem(n_per_radius, geometry, box=8):
    h, m = 1.0 / n_per_radius, box * n_per_radius
    z = (np.arange(m) + 0.5) * h
    x = (np.arange(m) + 0.5) * h if geometry == fd.AXISYMMETRIC else (np.arange(2 * m) + 0.5) * h - m * h
    X, Z = np.meshgrid(x, z, indexing="ij")
    return np.minimum(Z, np.hypot(X, Z) - 1.0), h


def compare(n_per_radius, geometry, repeats=5):
    lsf, h = boss_problem(n_per_radius, geometry)
    t_build = median_time(lambda: fd.Field2D(lsf, h, 0.0, geometry), 3)
    prob = fd.Field2D(lsf, h, 0.0, geometry)
    b = prob.rhs(0.0, 1.0)
    u = prob.solve(b, tol=1e-10)
    t_mg = median_time(lambda: prob.solve(b, tol=1e-10), repeats)
    a, _ = prob.csr()
    a = a.tocsc()
    rhs = b[prob.active]
    ref = spla.spsolve(a, rhs)
    t_sp = median_time(lambda: spla.spsolve(a, rhs), max(1, repeats // 2))
    e, _ = fp.vertical_surface_field(u, prob.lsf, np.zeros_like(u), prob.ell, h)
    apex = float(e[0] if geometry == fd.AXISYMMETRIC else e[lsf.shape[0] // 2])
    return {"geometry": "axisymmetric hemisphere" if geometry == fd.AXISYMMETRIC else "cartesian half-cylinder",
            "grid": list(lsf.shape), "unknowns": int(prob.active.sum()), "levels": prob.levels,
            "mg_cg_iterations": prob.iterations, "mg_cg_tol": 1e-10, "mg_cg_warm_s": t_mg,
            "scipy_spsolve_s": t_sp, "speedup_vs_spsolve": t_sp / t_mg, "assembly_warm_s": t_build,
            "max_rel_diff_vs_spsolve": float(np.max(np.abs(u[prob.active] - ref)) / np.max(np.abs(ref))),
            "apex_enhancement": apex, "apex_exact": 3.0 if geometry == fd.AXISYMMETRIC else 2.0}


FIRST_CALL = """
import time, json
t0 = time.perf_counter()
from simulator import field2d as fd
from simulator import field2d_probe as fp
out = {"import_s": time.perf_counter() - t0}
a = time.perf_counter(); fp.boss_enhancement(8, fd.CARTESIAN, 4); out["first_solve_s"] = time.perf_counter() - a
a = time.perf_counter(); fp.boss_enhancement(8, fd.CARTESIAN, 4); out["second_solve_s"] = time.perf_counter() - a
print(json.dumps(out))
"""




def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    fp.boss_enhancement(4, fd.CARTESIAN, 4)  # warm the kernels
    cases = [compare(n, fd.CARTESIAN) for n in (16, 32, 64)] + [compare(n, fd.AXISYMMETRIC) for n in (32, 64)]
    report = {"cpu_count": os.cpu_count(), "target_speedup": 5.0, "cases": cases,
              "min_speedup": min(c["speedup_vs_spsolve"] for c in cases), "first_call_s": first_call_times(FIRST_CALL, "field2d")}
    text = json.dumps(report, indent=2)
    (RESULTS / "bench_field2d.json").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
