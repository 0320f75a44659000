"""Benchmark: models 1 and 2 against FiPy on the same grid, time steps and tolerance, in one run.

Prints one JSON document (and writes it to bench/results/bench_transport.json):
  * depletion: Sand's problem, backward Euler on the same graded grid and geometric time grid;
    limech (numba, node-centred FV) vs FiPy (cell-centred FV, direct LU solver); speed ratio and
    the two Sand's times against the analytic value.
  * double_layer: nonlinear Poisson–Boltzmann–Bikerman, Newton to the same step tolerance on the
    same grid; FiPy sweeps the Newton-linearised equation. Speed ratio and surface potentials.
  * warm solve time of each model's default run (median of repeats) and first-call time in a
    fresh process: with an empty numba cache (compile) and with the cache filled (load).
Nothing is written outside bench/results/ (the compile measurement uses a temporary numba cache
directory there and removes it). Run: .venv/bin/python bench/bench_transport.py
"""
from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from _common import first_call_times, median_time  # noqa: E402

from simulator import constants as K  # noqa: E402
from simulator import depletion, double_layer, pb_kernels, solvation  # noqa: E402
from simulator.grids import graded_grid  # noqa: E402




def bench_depletion(n_steps=400):
    p = {pp.name: pp.default for pp in depletion.PARAMETERS}
    c0, dif, ta, cur = p["salt_concentration"], p["diffusivity"], 1 - p["transference_number"], p["current_density"]
    ts = float(depletion.sand_time(c0, dif, cur, ta))
    t_end = 1.5 * ts
    times = depletion.time_grid(t_end, n_steps)
    x = graded_grid(12 * math.sqrt(dif * t_end), int(p["n_nodes"]), 0.2 * math.sqrt(dif * times[1]), False)
    flux = cur * ta / K.F

    def ours():
        return depletion.solve_depletion(x, times, c0, dif, flux, False, 1.0)

    ours()
    cs, _, status, last = ours()
    t_ours = median_time(ours, 20)
    sand_ours = times[last - 1] + (times[last] - times[last - 1]) * cs[last - 1] / (cs[last - 1] - cs[last])

    from fipy import CellVariable, DiffusionTerm, Grid1D, TransientTerm
    from fipy.solvers import LinearLUSolver

    mesh = Grid1D(dx=np.diff(x))
    solver = LinearLUSolver()

    def fipy_run():
        c = CellVariable(mesh=mesh, value=c0)
        c.constrain(c0, mesh.facesRight)
        src = np.zeros(mesh.numberOfCells)
        src[0] = -flux / (x[1] - x[0])
        eq = TransientTerm() == DiffusionTerm(coeff=dif) + CellVariable(mesh=mesh, value=src)
        prev = c0
        for k in range(1, len(times)):
            eq.solve(var=c, dt=times[k] - times[k - 1], solver=solver)
            surf = float(c.value[0]) - flux / dif * 0.5 * (x[1] - x[0])  # extrapolate to the face
            if surf <= 0:
                return times[k - 1] + (times[k] - times[k - 1]) * prev / (prev - surf)
            prev = surf
        return None

    t0 = time.perf_counter()
    sand_fipy = fipy_run()
    t_fipy = time.perf_counter() - t0
    return {"grid_nodes": int(x.size), "time_steps": n_steps, "scheme": "backward Euler, direct solve (both)",
            "sand_time_analytic_s": ts, "sand_time_limech_s": float(sand_ours), "sand_time_fipy_s": sand_fipy,
            "limech_kernel_s": t_ours, "fipy_s": t_fipy, "speedup_vs_fipy": t_fipy / t_ours}


def bench_double_layer():
    r = double_layer.run(surface_charge=0.26, ferroelectric_thickness=1.0)  # strongly nonlinear, steric
    q = r.parameters
    lam = r.debye_length
    xi = r.x / lam
    c0 = q["salt_concentration"]
    nu_p, nu_m = c0 * K.N_A * q["cation_diameter"] ** 3, c0 * K.N_A * q["anion_diameter"] ** 3
    vt = K.thermal_voltage(q["temperature"])
    s = r.net_surface_charge * lam / (vt * q["electrolyte_permittivity"] * K.EPS0)
    kf = q["ferroelectric_permittivity"] * lam / (q["electrolyte_permittivity"] * q["ferroelectric_thickness"])
    tol = q["newton_tolerance"]

    def ours():
        return pb_kernels.solve_pb(xi, nu_p, nu_m, s, kf, tol, 200)

    phi, _, its = ours()
    t_ours = median_time(ours, 50)
    t_run = median_time(lambda: double_layer.run(surface_charge=0.26, ferroelectric_thickness=1.0), 20)

    from fipy import CellVariable, DiffusionTerm, Grid1D, ImplicitSourceTerm
    from fipy.solvers import LinearLUSolver

    mesh = Grid1D(dx=np.diff(xi))
    solver = LinearLUSolver()
    qv = np.vectorize(lambda u: pb_kernels.charge_and_slope(u, nu_p, nu_m)[0])
    dqv = np.vectorize(lambda u: pb_kernels.charge_and_slope(u, nu_p, nu_m)[1])

    def fipy_run():
        centres = np.asarray(mesh.cellCenters[0])
        guess = pb_kernels.initial_guess(centres, s, nu_m if s > 0 else nu_p)
        ph = CellVariable(mesh=mesh, value=guess)
        n = mesh.numberOfCells
        left = np.zeros(n)
        left[0] = 1.0 / (xi[1] - xi[0])
        right = np.zeros(n)
        right[-1] = 1.0 / (xi[-1] - xi[-2])
        for it in range(1, 201):
            old = np.array(ph.value)
            qq, dq = qv(old), dqv(old)
            eq = (DiffusionTerm(coeff=1.0) - ImplicitSourceTerm(coeff=CellVariable(mesh=mesh, value=dq + right + kf * left))
                  + CellVariable(mesh=mesh, value=s * left - qq + dq * old))
            eq.sweep(var=ph, solver=solver)
            if np.max(np.abs(np.asarray(ph.value) - old)) < tol:
                return np.asarray(ph.value), it
        return np.asarray(ph.value), 200

    t0 = time.perf_counter()
    phf, its_f = fipy_run()
    t_fipy = time.perf_counter() - t0
    h0 = xi[1] - xi[0]
    phi0_fipy = phf[0] + s * 0.5 * h0  # extrapolate the first cell centre to the surface
    return {"grid_nodes": int(xi.size), "newton_tolerance": tol, "newton_iterations_limech": int(its),
            "newton_iterations_fipy": its_f, "surface_potential_limech_V": float(phi[0] * vt),
            "surface_potential_fipy_V": float(phi0_fipy * vt), "limech_kernel_s": t_ours, "limech_run_s": t_run,
            "fipy_s": t_fipy, "speedup_vs_fipy": t_fipy / t_ours, "speedup_vs_fipy_full_run": t_fipy / t_run}


FIRST_CALL = """
import time, json
t0 = time.perf_counter()
from simulator import depletion, double_layer, solvation
t1 = time.perf_counter()
out = {"import_s": t1 - t0}
for m in (depletion, double_layer, solvation):
    a = time.perf_counter(); m.run(); out[m.NAME] = time.perf_counter() - a
print(json.dumps(out))
"""




def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    for m in (depletion, double_layer, solvation):
        m.run()
    warm = {m.NAME: median_time(m.run, 10) for m in (depletion, double_layer, solvation)}
    report = {
        "cpu_count": os.cpu_count(),
        "warm_default_run_s": warm,
        "first_call_s": first_call_times(FIRST_CALL, "transport"),
        "depletion_vs_fipy": bench_depletion(),
        "double_layer_vs_fipy": bench_double_layer(),
        "target_speedup": 20.0,
    }
    text = json.dumps(report, indent=2)
    (RESULTS / "bench_transport.json").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
