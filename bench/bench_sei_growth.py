"""Benchmark: model 6 (SEI growth) against PyBaMM's solve of the same case, in one run.

Case: planar Li metal at rest, solvent-diffusion-limited SEI, Xu2019 SEI parameters (this model's
defaults), 720 h, 241 output times. PyBaMM runs its own half-cell SPM ({"working electrode":
"positive", "SEI": ("solvent-diffusion limited", "none")}, current 0 A) with its default solver.
Reported: warm times (median of repeats) of limech's kernel and full run() and of PyBaMM's
re-solve of the built simulation; PyBaMM's first build+solve; speed ratios; the two 720-h
thicknesses against the closed form; warm default runs of models 4-6; first-call times in a fresh
process with an empty numba cache (compile) and with the cache filled (load).
Prints one JSON document and writes it to bench/results/bench_sei_growth.json; the compile
measurement uses a temporary numba cache under bench/results/ and removes it.
Run: .venv/bin/python bench/bench_sei_growth.py
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from _common import first_call_times, median_time  # noqa: E402

from simulator import reduction, sei_growth, sei_properties  # noqa: E402

HOURS = 720.0




def bench_vs_pybamm():
    p = {q.name: q.default for q in sei_growth.PARAMETERS}
    times = np.linspace(0.0, HOURS * 3600.0, 241)
    prm = sei_growth.pack(p)

    def kernel():
        return sei_growth.solve(times, p["initial_thickness"], 0, prm)

    L = kernel()
    t_kernel = median_time(kernel, 50)
    t_run = median_time(lambda: sei_growth.run(duration=HOURS * 3600.0, n_times=241), 50)
    exact = float(sei_growth.closed_form("solvent-diffusion", times[-1:], p)[0])

    import pybamm

    t0 = time.perf_counter()
    model = pybamm.lithium_ion.SPM({"working electrode": "positive", "SEI": ("solvent-diffusion limited", "none")})
    pv = pybamm.ParameterValues("Xu2019")
    pv.update({"Current function [A]": 0.0})
    sim = pybamm.Simulation(model, parameter_values=pv)
    sol = sim.solve(times)
    t_pb_first = time.perf_counter() - t0
    t_pb_warm = median_time(lambda: sim.solve(times), 10)
    L_pb = float(np.ravel(sol["Negative SEI thickness [m]"](times[-1]))[0])
    return {
        "case": "planar Li at rest, solvent-diffusion SEI, Xu2019 SEI parameters, 720 h, 241 output times",
        "pybamm_version": pybamm.__version__, "pybamm_model": "lithium_ion.SPM half-cell (planar Li negative)",
        "pybamm_solver": type(sim.solver).__name__, "pybamm_rtol": sim.solver.rtol, "pybamm_atol": sim.solver.atol,
        "limech_solver": "DP5(4) adaptive, rtol 1e-10, atol 1e-16 m",
        "thickness_720h_closed_form_m": exact, "thickness_720h_limech_m": float(L[-1]),
        "thickness_720h_pybamm_m": L_pb, "limech_vs_closed_form_rel": float(L[-1] / exact - 1),
        "pybamm_vs_closed_form_rel": L_pb / exact - 1, "limech_vs_pybamm_rel": float(L[-1] / L_pb - 1),
        "limech_kernel_s": t_kernel, "limech_run_s": t_run, "pybamm_warm_solve_s": t_pb_warm,
        "pybamm_first_build_and_solve_s": t_pb_first,
        "speedup_kernel_vs_pybamm_warm": t_pb_warm / t_kernel, "speedup_run_vs_pybamm_warm": t_pb_warm / t_run,
    }


FIRST_CALL = """
import time, json
t0 = time.perf_counter()
from simulator import reduction, sei_properties, sei_growth
out = {"import_s": time.perf_counter() - t0}
for m in (reduction, sei_properties, sei_growth):
    a = time.perf_counter(); m.run(); out[m.NAME] = time.perf_counter() - a
print(json.dumps(out))
"""




def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    mods = (reduction, sei_properties, sei_growth)
    for m in mods:
        m.run()
    warm = {m.NAME: median_time(m.run, 20) for m in mods}
    warm[f"{sei_growth.NAME}_regimes"] = {r: median_time(lambda r=r: sei_growth.run(regime=r), 10)
                                          for r in sei_growth.REGIMES}
    warm["reduction.solve_adsorbed_mix"] = median_time(
        lambda: reduction.solve_adsorbed_mix({"LiF": 0.5, "Li2O": 0.35, "Li3N": 0.15}), 10)
    report = {"cpu_count": os.cpu_count(), "warm_default_run_s": warm, "first_call_s": first_call_times(FIRST_CALL, "sei"),
              "sei_growth_vs_pybamm": bench_vs_pybamm()}
    text = json.dumps(report, indent=2)
    (RESULTS / "bench_sei_growth.json").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
