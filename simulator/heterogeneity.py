"""Model 8: SEI heterogeneity over cycles -- N surface patches in parallel under galvanostatic cycling.

1. Patches k = 1..N with reactivity rho_k = exp(s xi_k - s^2/2), xi_k standard normal (seeded),
   s = ``reactivity_spread`` (s = 0: uniform SEI; mean rho = 1 for any s).
2. Corrosion at rest (model 6's parabolic law, :mod:`simulator.sei_corrosion`):
   L_k = sqrt(L0^2 + 2 rho_k k t_rest). Composition: organic product forms in proportion to rho,
   inorganic at the base rate (000 §2.2: reactive regions grow thicker, porous, organic-rich SEI),
   so the inorganic volume share x_k = x/(x + (1 - x) rho_k), x = ``inorganic_fraction``.
   Properties per patch through model 5 (Bruggeman conductivity, VRH moduli) of organic +
   LiF:Li2O 1:1 at share x_k (tabulated over x and interpolated).
3. Current split at each sub-step: all patches share the electrode overpotential V::

       J_k = i0 [ (1 - J_k/J_lim) exp(a f eta_k) - exp(-(1 - a) f eta_k) ],  eta_k = V - J_k R_k

   Butler-Volmer with the surface-concentration factor of a finite cell (J_lim = 2 F D c0/(t_a L),
   model 1) and the SEI resistance R_k = L_k/sigma_k; V is found so that mean_k J_k = J
   (galvanostatic). J > 0 plating, < 0 stripping (half-cycles of equal charge q).
4. Deposition strains the SEI of a patch by |dh|/r_d (a deposit of curvature radius r_d grows
   its surface by dh/r_d; the same on stripping). Fracture when the accumulated strain exceeds the
   channel-cracking strain eps_c(E_k, nu_k, L_k) (Hutchinson & Suo 1992, sei_corrosion): the
   patch's SEI is replaced by a fresh film L0 on the newly exposed Li (area share = the strain),
   consuming Li and electrolyte, and corrodes fast again by the parabolic law ("re-corrosion",
   000 §2.2-2.3). Dead Li: the share of plated Li isolated on stripping grows with the local
   plating current (mossy/whisker deposits at high local rate), taken linear:
   dead_k = f0 (J_k/J) plated_k, so the dead Li of a cycle is f0 plated (1 + CV^2) -- the
   nonlinearity through which current heterogeneity costs Coulombic efficiency.
5. Per cycle: CE = 1 - (Li to SEI + dead Li)/(Li plated); Li inventory loss (cumulative);
   current CV = std/mean of the patch plating currents (time-averaged over the plating half);
   impedance = area-specific resistance of the patches in parallel, 1/mean(1/(R_ct + R_k)),
   R_ct = RT/(F i0). Electrolyte consumed: 1 solvent per Li in the organic share (EC + Li -> half
   (CH2OCO2Li)2, K. Xu, Chem. Rev. 104, 4303 (2004)), 1 PF6- per 9 Li in the inorganic share
   (PF6- -> 6 LiF + Li3P, model 4's yields).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from . import constants as C
from . import sei_corrosion as sc
from .results import agg_figure, result_dict
from .parameters import Parameter, SolverError, require_finite, resolve

NAME = "heterogeneity"
SUMMARY = "SEI heterogeneity over cycles: patch current split (BV + SEI + concentration), fracture, re-corrosion, dead Li, CE"
_EST = "outside estimate: "
PARAMETERS = (
    Parameter("n_patches", 64, "dimensionless", "number of surface patches N", "numerical setting", 2, 4096, integer=True),
    Parameter("reactivity_spread", 0.5, "dimensionless", "log-normal spread s of the patch corrosion reactivity (0 = uniform)",
              _EST + "000 §2.1-2.2: defects and grains corrode at different rates (no number given)", 0.0, 3.0),
    Parameter("inorganic_fraction", 0.3, "dimensionless", "inorganic (LiF:Li2O 1:1) volume share of the SEI at mean reactivity",
              "model 4 default (1 M LiPF6 carbonate) gives ~0.33 LiF + Li2CO3; 000 §3.3 for inorganic-rich SEIs", 0.0, 1.0),
    Parameter("cycles", 30, "dimensionless", "number of plating/stripping cycles", "user choice", 1, 10000, integer=True),
    Parameter("current_density", 10.0, "A/m**2", "galvanostatic current density J (10 A/m^2 = 1 mA/cm^2)",
              _EST + "usual Li|Li test rate", 0.0, 1e3, False),
    Parameter("areal_capacity", 3.6e4, "C/m**2", "charge per half-cycle (3.6e4 C/m^2 = 1 mAh/cm^2)",
              _EST + "usual Li|Li test capacity", 0.0, 1e6, False),
    Parameter("rest_time", 86400.0, "s", "rest (corrosion) time before cycling", _EST + "one day of rest", 0.0, 3.2e7),
    Parameter("corrosion_current", 0.01, "A/m**2", "initial Li corrosion current through L0 at mean reactivity",
              "as model 7 (outside estimate: ~1 uA/cm^2)", 0.0, 10.0),
    Parameter("initial_sei_thickness", 5e-9, "m", "native/fresh SEI thickness L0", "model 6 default (PyBaMM Xu2019)", 1e-10, 1e-6),
    Parameter("exchange_current", 10.0, "A/m**2", "Li/Li+ exchange current density i0", "as model 6 (outside estimate)", 1e-3, 1e5),
    Parameter("transfer_coefficient", 0.5, "dimensionless", "cathodic transfer coefficient a", "symmetric Butler-Volmer", 0.0, 1.0, False, False),
    Parameter("salt_concentration", 1000.0, "mol/m**3", "bulk salt concentration c0", "as model 1", 1.0, 1e4),
    Parameter("diffusivity", 3e-10, "m**2/s", "salt diffusivity D", "as model 1 (Valoen & Reimers 2005)", 1e-13, 1e-7),
    Parameter("transference_number", 0.38, "dimensionless", "Li+ transference number t+", "as model 1 (Valoen & Reimers 2005)", 0.0, 1.0, True, False),
    Parameter("cell_length", 25e-6, "m", "inter-electrode distance L (sets J_lim)", "as model 1 (Celgard 2400, 25 um)", 1e-7, 1e-2),
    Parameter("deposit_radius", 5e-5, "m", "effective curvature radius r_d of the deposit surface (strain = |dh| / r_d)",
              _EST + "chosen so that one 1 mAh/cm^2 half-cycle (4.9 um of Li) strains the SEI by ~0.1, the order of "
              "the channel-cracking strain of a tens-of-nm film", 1e-8, 1e-2),
    Parameter("sei_toughness", 1.0, "J/m**2", "SEI fracture energy Gamma", _EST + "about twice the surface energy of ionic solids", 0.01, 100.0),
    Parameter("dead_li_fraction", 0.03, "dimensionless", "share of the Li plated at the mean current that is isolated on stripping",
              _EST + "000 §2.3 names dead Li without a number; 3 % gives CE ~0.97, a usual Li|Cu value", 0.0, 1.0),
    Parameter("temperature", 298.15, "K", "temperature", "IUPAC standard temperature", 200.0, 400.0),
    Parameter("substeps", 10, "dimensionless", "current-split sub-steps per half-cycle", "numerical setting", 1, 1000, integer=True),
    Parameter("seed", 0, "dimensionless", "random seed of the patch reactivities", "numerical setting", 0, 2**31 - 1, integer=True),
)


@njit(cache=True)
def _patch_current(v, i0, r, af, cf, jlim):
    """Solve J = i0[(1 - J/jlim) e^{af(v - J r)} - e^{-cf(v - J r)}] per patch (safeguarded Newton)."""
    n = r.shape[0]
    out = np.empty(n)
    for k in range(n):
        lo, hi = (0.0, min(v / r[k], jlim)) if v >= 0.0 else (v / r[k], 0.0)
        j = 0.5 * (lo + hi)
        for _ in range(200):
            eta = v - j * r[k]
            ea, ec = math.exp(af * eta), math.exp(-cf * eta)
            f = j - i0 * ((1.0 - j / jlim) * ea - ec)
            if f > 0.0:
                hi = j
            else:
                lo = j
            df = 1.0 + i0 * (ea / jlim + (1.0 - j / jlim) * ea * af * r[k] + ec * cf * r[k])
            jn = j - f / df
            if not (lo < jn < hi):
                jn = 0.5 * (lo + hi)
            if abs(jn - j) <= 1e-13 * (abs(j) + 1e-300) or hi - lo <= 1e-15 * (abs(lo) + abs(hi)):
                j = jn
                break
            j = jn
        out[k] = j
    return out


@njit(cache=True)
def split_current(j_total, i0, r, af, cf, jlim):
    """Patch currents with mean j_total and the common overpotential V (bisection on V).
    Returns (currents, V, status): status 1 if j_total is beyond the limiting current."""
    if j_total >= jlim:
        return np.zeros(r.shape[0]), 0.0, 1
    lo, hi = 0.0, 0.0
    step = 0.05 if j_total > 0 else -0.05
    for _ in range(200):
        hi += step
        if (np.mean(_patch_current(hi, i0, r, af, cf, jlim)) - j_total) * np.sign(step) >= 0.0:
            break
        lo = hi
        step *= 2.0
    a, b = min(lo, hi), max(lo, hi)
    for _ in range(100):
        m = 0.5 * (a + b)
        if np.mean(_patch_current(m, i0, r, af, cf, jlim)) < j_total:
            a = m
        else:
            b = m
        if b - a < 1e-13:
            break
    v = 0.5 * (a + b)
    return _patch_current(v, i0, r, af, cf, jlim), v, 0


@dataclass(frozen=True)
class HeterogeneityResult:
    current_cv: float                    # mean over cycles of the plating-current CV
    coulombic_efficiency_mean: float
    li_inventory_loss: float             # mol/m^2 after the last cycle (SEI + dead Li)
    li_inventory_loss_fraction: float    # of the Li plated per cycle
    impedance: float                     # ohm m^2, interfacial ASR after the last cycle
    electrolyte_consumed: float          # mol/m^2
    fracture_events: int
    cycle: np.ndarray                    # 1..cycles
    coulombic_efficiency: np.ndarray     # per cycle
    current_cv_per_cycle: np.ndarray
    li_loss_per_cycle: np.ndarray        # mol/m^2, cumulative at the end of each cycle
    dead_li_per_cycle: np.ndarray        # mol/m^2, cumulative
    impedance_per_cycle: np.ndarray      # ohm m^2
    overpotential_per_cycle: np.ndarray  # V, mean plating overpotential
    sei_start: np.ndarray                # m, per patch after rest
    sei_final: np.ndarray                # m
    reactivity: np.ndarray               # per patch
    parameters: dict

    units = {"current_cv": "dimensionless", "coulombic_efficiency_mean": "dimensionless", "li_inventory_loss": "mol/m**2",
             "li_inventory_loss_fraction": "dimensionless", "impedance": "ohm*m**2", "electrolyte_consumed": "mol/m**2",
             "coulombic_efficiency": "dimensionless", "current_cv_per_cycle": "dimensionless", "li_loss_per_cycle": "mol/m**2",
             "dead_li_per_cycle": "mol/m**2", "impedance_per_cycle": "ohm*m**2", "overpotential_per_cycle": "V",
             "sei_start": "m", "sei_final": "m", "reactivity": "dimensionless"}

    def to_dict(self) -> dict:
        return result_dict(self, NAME, self.units)

    def plot(self, path) -> None:
        fig, (a, b, c) = agg_figure((10, 3.4), 3)
        a.plot(self.cycle, self.coulombic_efficiency, "o-", ms=3)
        a.set(xlabel="cycle", ylabel="Coulombic efficiency", title="CE")
        b.plot(self.cycle, self.li_loss_per_cycle, label="Li lost (SEI + dead)")
        b.plot(self.cycle, self.dead_li_per_cycle, label="dead Li")
        b.set(xlabel="cycle", ylabel="mol m$^{-2}$", title="Li inventory")
        b.legend(fontsize=7)
        c.plot(self.cycle, self.current_cv_per_cycle, label="current CV")
        c2 = c.twinx()
        c2.plot(self.cycle, self.impedance_per_cycle * 1e4, "r--", label="ASR")
        c.set(xlabel="cycle", ylabel="CV of patch current")
        c2.set_ylabel("ASR / ohm cm$^2$")
        fig.tight_layout()
        fig.savefig(path, dpi=110)


def _property_table():
    xs = np.linspace(0.0, 1.0, 21)
    props = [sc.mixed_properties(x) for x in xs]
    return xs, np.log([q["conductivity"] for q in props]), np.array([q["youngs_modulus"] for q in props]), \
        np.array([q["poisson_ratio"] for q in props])


_TABLE = None


def run(**overrides) -> HeterogeneityResult:
    global _TABLE
    p = resolve(PARAMETERS, overrides)
    if _TABLE is None:
        _TABLE = _property_table()
    xs, lsig, ym, pr = _TABLE
    n, s, x = int(p["n_patches"]), p["reactivity_spread"], p["inorganic_fraction"]
    rho = np.exp(s * np.random.default_rng(int(p["seed"])).standard_normal(n) - 0.5 * s * s)
    xk = x / (x + (1.0 - x) * rho) if x > 0 else np.zeros(n)
    sig, E, nu = np.exp(np.interp(xk, xs, lsig)), np.interp(xk, xs, ym), np.interp(xk, xs, pr)
    l0, T, J, i0 = p["initial_sei_thickness"], p["temperature"], p["current_density"], p["exchange_current"]
    kpar = sc.corrosion_rate_constant(p["corrosion_current"], l0)
    L = sc.corroded_thickness(rho, p["rest_time"], p["corrosion_current"], l0)
    L_start = L.copy()
    f = C.F / (C.R * T)
    af, cf = p["transfer_coefficient"] * f, (1.0 - p["transfer_coefficient"]) * f
    jlim = 2.0 * C.F * p["diffusivity"] * p["salt_concentration"] / ((1.0 - p["transference_number"]) * p["cell_length"])
    r_ct = C.R * T / (C.F * i0)
    t_half = p["areal_capacity"] / J
    m = int(p["substeps"])
    dt = t_half / m
    e_solv = (1.0 - xk) + xk / 9.0  # electrolyte molecules per Li in SEI
    strain, loss, dead, electrolyte, fractures = np.zeros(n), 0.0, 0.0, 0.0, 0
    ncyc = int(p["cycles"])
    ce, cv, loss_c, dead_c, asr_c, eta_c = (np.empty(ncyc) for _ in range(6))
    for c in range(ncyc):
        plated = np.zeros(n)
        li_sei_cycle, cv_acc, eta_acc = 0.0, 0.0, 0.0
        for sign in (1.0, -1.0):
            for _ in range(m):
                jk, v, status = split_current(sign * J, i0, L / sig, af, cf, jlim)
                if status:
                    raise SolverError(f"heterogeneity: current density {J:g} A/m^2 is at or above the limiting "
                                      f"current {jlim:g} A/m^2 (model 1 finite cell)")
                require_finite("heterogeneity patch currents", jk, f"cycle {c + 1}")
                if sign > 0:
                    plated += jk * dt / C.F
                    cv_acc += np.std(jk) / np.mean(jk)
                    eta_acc += v
                strain += np.abs(jk) * dt / C.F * sc.V_LI / p["deposit_radius"]
                L_new = np.sqrt(L * L + 2.0 * rho * kpar * dt)  # continuing corrosion
                d_li = sc.li_consumed(L_new, 0.0) - sc.li_consumed(L, 0.0)
                crack = strain > sc.critical_strain(E, nu, p["sei_toughness"], L_new)
                fresh = np.where(crack, sc.li_consumed(l0, 0.0) * np.minimum(strain, 1.0), 0.0)
                L = np.where(crack, l0, L_new)
                strain[crack] = 0.0
                fractures += int(crack.sum())
                li_sei_cycle += float(np.mean(d_li + fresh))
                electrolyte += float(np.mean((d_li + fresh) * e_solv))
        plated_mean = float(np.mean(plated))
        dead_cycle = p["dead_li_fraction"] * float(np.mean(plated * plated)) / plated_mean
        loss += li_sei_cycle + dead_cycle
        dead += dead_cycle
        ce[c] = 1.0 - (li_sei_cycle + dead_cycle) / plated_mean
        cv[c], eta_c[c] = cv_acc / m, eta_acc / m
        loss_c[c], dead_c[c] = loss, dead
        asr_c[c] = 1.0 / np.mean(1.0 / (r_ct + L / sig))
    require_finite("heterogeneity outputs", np.concatenate([ce, cv, loss_c, asr_c]))
    q_li = p["areal_capacity"] / C.F
    return HeterogeneityResult(
        current_cv=float(cv.mean()), coulombic_efficiency_mean=float(ce.mean()), li_inventory_loss=float(loss),
        li_inventory_loss_fraction=float(loss / q_li), impedance=float(asr_c[-1]), electrolyte_consumed=float(electrolyte),
        fracture_events=fractures, cycle=np.arange(1, ncyc + 1), coulombic_efficiency=ce, current_cv_per_cycle=cv,
        li_loss_per_cycle=loss_c, dead_li_per_cycle=dead_c, impedance_per_cycle=asr_c, overpotential_per_cycle=eta_c,
        sei_start=L_start, sei_final=L, reactivity=rho, parameters=p)
