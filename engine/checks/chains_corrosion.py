"""Pipeline of the chain corrosion -> SEI heterogeneity -> current imbalance -> Coulombic-efficiency loss.

Composed from the shared laws of models 6-8 (:mod:`simulator.sei_corrosion`), models 4-5 (the
SEI's conductivity) and model 6 (SEI growth under cycling):

1. Rest: defect patches (area fraction a_d, reactivity rho_d) and terraces (rho = 1) grow their
   corrosion SEI, L_i = sqrt(L0^2 + 2 rho_i k t_rest) (sei_corrosion.corroded_thickness, 000 §2.1).
2. SEI heterogeneity: (L_d - L_t) / <L> (area-weighted mean).
3. Uneven impedance: patch resistances R_i = R_ct + L_i / sigma_SEI (R_ct = RT/(F i0), sigma_SEI
   of the default carbonate SEI through models 4-5); contrast (R_max - R_min) / <R>.
4. Current imbalance: parallel patches at one overpotential, j_i proportional to 1/R_i with
   sum a_i j_i = J; imbalance = j_max / J (the engine law parallel_patch_current_split).
5. Coulombic-efficiency loss: model 6 cycles each patch at its own current for one period (square
   wave, plating first half) in the chosen growth regime; loss = sum a_i n_SEI,i / (J P / 2F),
   the Li taken by the SEI per Li plated. The regime matters: in the reaction- or tunnelling-
   limited regimes growth depends on the patch's overpotential (convex in current), in the
   solvent-diffusion regime it does not, so imbalance alone cannot raise the loss there.
"""
from __future__ import annotations

import numpy as np

from engine.checks.pipelines import Pipeline, split_by_model
from simulator import constants as K
from simulator import sei_growth
from simulator.parameters import Parameter, ParameterError, SolverError

_EST = "outside estimate: "
PARAMS = (
    Parameter("defect_area_fraction", 0.1, "1", "area fraction of defect patches", _EST + "000 §2.1: scratches, grain boundaries", 0.0, 1.0, False, False),
    Parameter("defect_reactivity", 5.0, "1", "corrosion-rate multiplier of defects", _EST + "as model 7 (000 §2.1 gives no number)", 1.0, 1e3),
    Parameter("rest_time", 86400.0, "s", "rest (corrosion) time", _EST + "one day of calendar rest (as model 7)", 0.0, 3.2e7),
    Parameter("corrosion_current", 0.01, "A/m**2", "initial corrosion current density through L0",
              _EST + "order of 1 uA/cm^2 (cf. Boyle et al., Nat. Energy 6, 487 (2021)), as model 7", 0.0, 10.0),
    Parameter("initial_sei_thickness", 5e-9, "m", "native SEI thickness L0", "model 6 default (PyBaMM Xu2019)", 1e-10, 1e-6),
    Parameter("current_density", 10.0, "A/m**2", "cycling current density J", _EST + "1 mA/cm^2, usual Li|Li test rate", 0.0, 1e3, False),
    Parameter("cycle_period", 7200.0, "s", "period of the square-wave cycle", _EST + "1 h plating + 1 h stripping", 1.0, 1e7),
    Parameter("li_exchange_current", 10.0, "A/m**2", "Li/Li+ exchange current density i0", "as model 6 (outside estimate: ~1 mA/cm^2)", 1e-3, 1e5),
    Parameter("regime", 2.0, "1", "SEI growth regime of model 6: 0 solvent-diffusion, 1 tunnelling, 2 reaction, 3 mixed",
              "model switch (model 6 regimes)", 0.0, 3.0, integer=True),
)


def corrosion_sei(params: dict[str, float]) -> dict[str, object]:
    from simulator import sei_corrosion as sc

    by = split_by_model(params)
    p = {q.name: by.get("corrosion_sei", {}).get(q.name, q.default) for q in PARAMS}
    out: dict[str, object] = {"_errors": {}}
    area = np.array([p["defect_area_fraction"], 1.0 - p["defect_area_fraction"]])
    L = sc.corroded_thickness(np.array([p["defect_reactivity"], 1.0]), p["rest_time"], p["corrosion_current"],
                              p["initial_sei_thickness"])
    mean_L = float(area @ L)
    sigma_sei = sc.sei_phase_properties()["conductivity"]
    r_ct = K.R * by.get("sei_growth", {}).get("temperature", 298.15) / (K.F * p["li_exchange_current"])
    R = r_ct + L / sigma_sei
    g = 1.0 / R
    j = p["current_density"] * g / float(area @ g)
    regime = sei_growth.REGIMES[int(p["regime"])]
    lost = []
    for Li, ji in zip(L, j):
        kw = {**by.get("sei_growth", {}), "initial_thickness": float(Li), "current_density": float(ji),
              "duration": p["cycle_period"], "cycle_period": p["cycle_period"], "li_exchange_current": p["li_exchange_current"]}
        try:
            r = sei_growth.run(regime=regime, **kw)
        except (ParameterError, SolverError) as exc:
            out["_errors"]["sei_growth"] = f"{type(exc).__name__}: {exc}"
            return out
        lost.append(float(r.lithium_consumed[-1]))
    plated = p["current_density"] * 0.5 * p["cycle_period"] / K.F
    out.update({"corrosion_sei.li_corroded": float(area @ sc.li_consumed(L, p["initial_sei_thickness"])),
                "corrosion_sei.sei_heterogeneity": float((L[0] - L[1]) / mean_L),
                "corrosion_sei.impedance_contrast": float((R.max() - R.min()) / (area @ R)),
                "corrosion_sei.current_imbalance": float(j.max() / p["current_density"]),
                "corrosion_sei.ce_loss": float(area @ np.array(lost)) / plated,
                "corrosion_sei.regime": regime, "corrosion_sei.sei_conductivity": sigma_sei})
    return out


PIPELINE = Pipeline("corrosion_sei", "rest corrosion of defect and terrace patches (sei_corrosion), SEI conductivity "
                    "(models 4-5), parallel-patch current split, SEI growth per patch under cycling (model 6)",
                    ("sei_growth",), corrosion_sei,
                    frozenset({f"sei_growth.{n}" for n in ("initial_thickness", "current_density", "duration",
                                                           "cycle_period", "li_exchange_current")}),
                    extra=PARAMS)
