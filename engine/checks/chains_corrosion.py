"""Pipeline of the chain corrosion -> SEI heterogeneity -> local current imbalance -> CE loss (model 8).

Runs :mod:`simulator.heterogeneity` (model 8: N surface patches with log-normal corrosion
reactivity, rest corrosion, galvanostatic current split by Butler-Volmer + SEI resistance +
concentration, deposition strain, channel-crack fracture, re-corrosion, dead Li) once per
state and reads the chain's quantities off its result:

* chemical corrosion: Li corroded during rest, mean over patches, n = mean z (L_k - L0)/V
  (:func:`simulator.sei_corrosion.li_consumed` of model 8's ``sei_start``), mol/m^2;
* SEI heterogeneity: coefficient of variation std/mean of the patch SEI thickness after rest
  (``sei_start``); the composition spread model 8 ties to reactivity is not a separate output.
  Spreads below 1e-12 of the mean (identical patches, ``reactivity_spread`` 0) are round-off
  and reported as 0, so that they carry no sign;
* spatial non-uniformity of the SEI impedance (000 §2.2: the impedance through SEI of different
  thicknesses varies): ``impedance_cv``, the CV std/mean of the patch SEI resistances
  R_k = L_k/sigma_k after rest, sigma_k from model 8's own composition law and property table;
  reported besides: ``impedance_mean``, the interfacial area-specific resistance of the patches in
  parallel averaged over the cycles (``impedance_per_cycle``), ohm m^2;
* local current imbalance: ``current_cv``, the CV of the patch plating currents (time average of
  the instantaneous CV);
* SEI fracture: fracture events per patch per cycle;
* dead Li: Li isolated on stripping after the last cycle, mol/m^2;
* low Coulombic efficiency: 1 - CE (cycle mean); active Li inventory: its change, minus the Li
  lost to SEI and dead Li, mol/m^2.

Reported besides: ``plated_cv``, the CV of the Li plated per patch over a half-cycle. Model 8's
dead-Li law makes the dead Li of a cycle f0 q (1 + CV_plated^2) (q the Li plated per cycle), so
CV_plated = sqrt(dead / (cycles f0 q) - 1) averaged over cycles in the mean-square sense; it is
the time-integrated imbalance that costs Li, which re-orders itself when fractures reset patches
(``current_cv`` averages the instantaneous spread).
"""
from __future__ import annotations

import math

import numpy as np

from engine.checks.pipelines import Pipeline, split_by_model
from simulator import constants as K
from simulator.parameters import ParameterError, SolverError

_ROUNDOFF = 1e-12   # a spread below this share of the mean is round-off between identical patches


def _clean(cv: float) -> float:
    return 0.0 if abs(cv) <= _ROUNDOFF else float(cv)


def heterogeneity(params: dict[str, float]) -> dict[str, object]:
    from simulator import heterogeneity as model
    from simulator import sei_corrosion as sc

    out: dict[str, object] = {"_errors": {}}
    try:
        r = model.run(**split_by_model(params).get("heterogeneity", {}))
    except (ParameterError, SolverError) as exc:
        out["_errors"]["heterogeneity"] = f"{type(exc).__name__}: {exc}"
        return out
    p = r.parameters
    L = r.sei_start
    n_cyc, n_patch = int(p["cycles"]), int(p["n_patches"])
    q_li = p["areal_capacity"] / K.F                       # mol/m^2 plated per cycle
    dead = float(r.dead_li_per_cycle[-1])
    f0 = p["dead_li_fraction"]
    plated_cv = None
    # patch SEI resistance after rest, R_k = L_k / sigma_k, with model 8's composition law
    # x_k = x / (x + (1 - x) rho_k) and its conductivity table (filled by the run above)
    x, rho = p["inorganic_fraction"], r.reactivity
    xk = x / (x + (1.0 - x) * rho) if x > 0 else np.zeros_like(rho)
    xs, lsig = model._TABLE[0], model._TABLE[1]
    r_sei = L / np.exp(np.interp(xk, xs, lsig))
    if f0 > 0.0:
        excess = dead / (n_cyc * f0 * q_li) - 1.0          # CV_plated^2, cycle mean
        plated_cv = math.sqrt(excess) if excess > _ROUNDOFF else 0.0
    out.update({
        "heterogeneity.corrosion_current": p["corrosion_current"],
        "heterogeneity.reactivity_spread": p["reactivity_spread"],
        "heterogeneity.inorganic_fraction": p["inorganic_fraction"],
        "heterogeneity.li_corroded": float(np.mean(sc.li_consumed(L, p["initial_sei_thickness"]))),
        "heterogeneity.sei_thickness_cv": _clean(np.std(L) / np.mean(L)),
        "heterogeneity.impedance_cv": _clean(float(np.std(r_sei) / np.mean(r_sei))),
        "heterogeneity.impedance_mean": float(np.mean(r.impedance_per_cycle)),
        "heterogeneity.impedance": r.impedance,
        "heterogeneity.current_cv": _clean(r.current_cv),
        "heterogeneity.plated_cv": plated_cv,
        "heterogeneity.fracture_rate": r.fracture_events / (n_patch * n_cyc),
        "heterogeneity.dead_li": dead,
        "heterogeneity.sei_li": float(r.li_inventory_loss) - dead,
        "heterogeneity.ce_loss": 1.0 - r.coulombic_efficiency_mean,
        "heterogeneity.coulombic_efficiency_mean": r.coulombic_efficiency_mean,
        "heterogeneity.active_li_change": -float(r.li_inventory_loss),
    })
    return out


PIPELINE = Pipeline("heterogeneity", "model 8: patch corrosion at rest, SEI heterogeneity, galvanostatic patch current "
                    "split (Butler-Volmer + SEI + concentration), fracture, re-corrosion, dead Li, Coulombic efficiency",
                    ("heterogeneity",), heterogeneity)
