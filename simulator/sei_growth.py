"""Model 6: SEI growth on planar Li metal -- chemical corrosion at open circuit and under cycling.

State: SEI thickness L(t). The SEI-forming Li current |j| (A/m^2) makes SEI at
dL/dt = (V/z) |j| / F * A(T), V = SEI partial molar volume, z = Li per SEI formula unit,
A(T) = exp(E_a/R (1/T_ref - 1/T)) -- the form and parameter names of PyBaMM's SEI submodels
(pybamm.sei.SEIGrowth; Marquis, DPhil thesis 2020 §5.6.4; Yang et al. 2017). f = F/(R T),
eta = dphi - U_sei, dphi = electrode potential vs Li/Li+ (0 at rest).

* ``solvent-diffusion`` (parabolic): |j| = F D c / L  =>  L(t) = sqrt(L0^2 + 2 D c (V/z) t)
* ``tunnelling`` (logarithmic): |j| = j0 exp(-alpha f eta) exp(-L/lambda)
  =>  L(t) = L0 + lambda ln(1 + k t exp(-L0/lambda)/lambda), k = (V/z) j0 exp(-alpha f eta)/F
  (PyBaMM's "tunnelling limited" uses dphi instead of eta; here the SEI reaction's overpotential).
  With lambda = 0.06 nm (model 5, half the 004 Table 1 gaps) and PyBaMM's j0, a film starting at
  0.1 nm stalls at ~0.55 nm after 720 h, and a 5-nm film does not grow at all: tunnelling through
  an intact film cannot explain tens-of-nm SEIs (cf. 003 §2: tunnelling negligible beyond ~10 A);
  solvent transport through pores or cracks must carry the continued growth.
* ``reaction`` (linear): |j| = j0 exp(-alpha f eta)  =>  L = L0 + k t
* ``mixed`` (reaction and solvent diffusion in series, PyBaMM "ec reaction limited"):
  |j| = F c k_r / (1 + L k_r / D), k_r = k_sei exp(-alpha f eta)
  =>  (L - L0) + k_r (L^2 - L0^2)/(2 D) = (V/z) c k_r t

Porous organic versus dense inorganic SEI: D = D_solid + eps^1.5 D_pore (Bruggeman tortuosity);
eps = 0 is a dense (inorganic) film where solvent crosses only by solid-state diffusion, eps > 0 a
porous (organic) film whose electrolyte-filled pores let solvent reach the Li far faster.
Cycling: a square-wave current of density i and period P (plating first half) sets
dphi = -(2/f) asinh(+-i/(2 i0_Li)) (symmetric Butler-Volmer), accelerating the potential-dependent
regimes while plating. Not modelled: SEI cracking and fresh-area exposure by volume change
(000 §2.3), so cycling growth here is a lower bound. Li consumed: n_Li = z (L - L0)/V.
Integration: adaptive Dormand-Prince RK5(4) (Hairer, Norsett & Wanner, Solving ODEs I, §II.5).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit

from . import constants as C
from .parameters import Parameter, ParameterError, SolverError, require_finite, resolve

NAME = "sei_growth"
SUMMARY = "SEI growth on planar Li: solvent-diffusion (parabolic), tunnelling (log), reaction, mixed; rest or cycling"
REGIMES: tuple[str, ...] = ("solvent-diffusion", "tunnelling", "reaction", "mixed")
CHOICES = {"regime": REGIMES}
T_REF = 298.15
MAX_THICKNESS = 1e-2  # m; growth beyond 1 cm is reported as divergence

_PB = "PyBaMM parameter set Xu2019 (SEI values from Ramadass 2004, Ploehn 2004, Single 2018, Safari 2008, Yang 2017)"
PARAMETERS: tuple[Parameter, ...] = (
    Parameter("initial_thickness", 5e-9, "m", "SEI thickness at t = 0", _PB, 0.0, 1e-5, low_inclusive=False),
    Parameter("solvent_diffusivity", 2.5e-22, "m**2/s", "solvent diffusivity through the dense SEI solid", _PB,
              0.0, 1e-8, low_inclusive=False),
    Parameter("solvent_concentration", 2636.0, "mol/m**3", "bulk solvent concentration", _PB, 0.0, 3e4,
              low_inclusive=False),
    Parameter("sei_molar_volume", 9.585e-5, "m**3/mol", "SEI partial molar volume", _PB, 0.0, 1e-2, low_inclusive=False),
    Parameter("li_per_sei", 2.0, "dimensionless", "Li moles per SEI mole", _PB, 0.0, 10.0, low_inclusive=False),
    Parameter("porosity", 0.0, "dimensionless", "SEI porosity (0 = dense inorganic, > 0 porous organic)",
              "user choice; Bruggeman exponent 1.5", 0.0, 1.0, True, False),
    Parameter("pore_solvent_diffusivity", 2e-18, "m**2/s", "solvent diffusivity in the SEI pores",
              _PB + ": 'EC diffusivity' (Yang 2017)", 0.0, 1e-8, low_inclusive=False),
    Parameter("exchange_current", 1.5e-7, "A/m**2", "SEI reaction exchange current density j0", _PB, 0.0, 1e4,
              low_inclusive=False),
    Parameter("rate_constant", 1e-12, "m/s", "SEI kinetic rate constant k_sei (mixed regime)", _PB, 0.0, 1.0,
              low_inclusive=False),
    Parameter("transfer_coefficient", 0.5, "dimensionless", "SEI transfer coefficient alpha", "PyBaMM Marquis2019 set", 0.0, 1.0,
              False, False),
    Parameter("sei_ocp", 0.4, "V", "SEI open-circuit potential U_sei vs Li/Li+", _PB, -1.0, 3.0),
    Parameter("tunnelling_decay_length", 6.14e-11, "m", "electron tunnelling decay length lambda",
              "model 5 (sei_properties) default effective decay length, from 004 Table 1 band gaps", 0.0, 1e-8,
              low_inclusive=False),
    Parameter("activation_energy", 0.0, "J/mol", "SEI growth activation energy", _PB, 0.0, 2e5),
    Parameter("temperature", 298.15, "K", "temperature", "IUPAC standard temperature", 150.0, 500.0),
    Parameter("duration", 720 * 3600.0, "s", "simulated time", "issue 6: 720 h storage", 0.0, 3.2e8, low_inclusive=False),
    Parameter("n_times", 241, "dimensionless", "number of output times", "user choice", 2, 1e5, integer=True),
    Parameter("current_density", 0.0, "A/m**2", "cycling current density (0 = open circuit)", "user choice", 0.0, 1e3),
    Parameter("cycle_period", 7200.0, "s", "period of the square-wave cycling current", "user choice", 1.0, 1e7),
    Parameter("li_exchange_current", 10.0, "A/m**2", "Li/Li+ exchange current density",
              "outside estimate: ~1 mA/cm^2, mid-range of values for Li in carbonate electrolytes", 0.0, 1e4,
              low_inclusive=False),
)

# Dormand-Prince 5(4) tableau.
_C = np.array([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0])
_A = np.array([[0, 0, 0, 0, 0, 0], [1 / 5, 0, 0, 0, 0, 0], [3 / 40, 9 / 40, 0, 0, 0, 0],
               [44 / 45, -56 / 15, 32 / 9, 0, 0, 0], [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729, 0, 0],
               [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656, 0],
               [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]])
_B5 = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0])
_B4 = np.array([5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])


@njit(cache=True)
def growth_rate(t, L, regime, prm):
    """dL/dt. prm = [V/z, D_eff, c, j0, alpha*f, U_sei, lambda, k_sei, arrhenius, i, period, i0_Li, f]."""
    a, D, c, j0, af, U, lam, k, arr, i_app, period, i0, f = (prm[0], prm[1], prm[2], prm[3], prm[4], prm[5],
                                                            prm[6], prm[7], prm[8], prm[9], prm[10], prm[11], prm[12])
    dphi = 0.0
    if i_app > 0.0:
        sign = 1.0 if (t % period) < 0.5 * period else -1.0
        dphi = -sign * (2.0 / f) * np.arcsinh(i_app / (2.0 * i0))
    drive = np.exp(-af * (dphi - U))
    if regime == 0:
        return arr * a * D * c / L
    if regime == 1:
        return arr * a * j0 / C.F * drive * np.exp(-L / lam)
    if regime == 2:
        return arr * a * j0 / C.F * drive
    kr = k * drive
    return arr * a * c * kr / (1.0 + L * kr / D)


@njit(cache=True)
def integrate(times, L0, regime, prm, rtol, atol, max_step, max_thickness):
    """Adaptive DP5(4) from times[0]; returns (L at times, status): 0 ok, 1 non-finite,
    2 step-size underflow, 3 thickness beyond max_thickness (divergence)."""
    n = times.shape[0]
    out = np.empty(n)
    out[0] = L0
    t = times[0]
    y = L0
    h = min(max_step, 1e-3 * (times[n - 1] - times[0]) + 1e-12)
    kk = np.empty(7)
    for idx in range(1, n):
        t_end = times[idx]
        while t < t_end:
            h = min(h, t_end - t, max_step)
            for s in range(7):
                ys = y
                for r in range(s):
                    ys += h * _A[s, r] * kk[r]
                kk[s] = growth_rate(t + _C[s] * h, ys, regime, prm)
            y5 = y
            y4 = y
            for s in range(7):
                y5 += h * _B5[s] * kk[s]
                y4 += h * _B4[s] * kk[s]
            if not (np.isfinite(y5) and np.isfinite(y4)):
                if h < 1e-300 + 1e-14 * abs(t):
                    out[idx:] = np.nan
                    return out, 1
                h *= 0.25
                continue
            err = abs(y5 - y4) / (atol + rtol * max(abs(y), abs(y5)))
            if err <= 1.0:
                t += h
                y = y5
                if y > max_thickness:
                    out[idx:] = y
                    return out, 3
            fac = 0.9 * (1.0 / max(err, 1e-10)) ** 0.2
            h *= min(5.0, max(0.2, fac))
            if h < 1e-14 * max(abs(t), 1.0):
                out[idx:] = np.nan
                return out, 2
        out[idx] = y
    return out, 0


def closed_form(regime: str, t, p: dict) -> np.ndarray:
    """Analytic L(t) at open circuit (current_density = 0) for each regime."""
    t = np.asarray(t, dtype=float)
    a, L0 = p["sei_molar_volume"] / p["li_per_sei"], p["initial_thickness"]
    arr = np.exp(p["activation_energy"] / C.R * (1.0 / T_REF - 1.0 / p["temperature"]))
    f = C.F / (C.R * p["temperature"])
    drive = np.exp(-p["transfer_coefficient"] * f * (0.0 - p["sei_ocp"]))
    D = _effective_diffusivity(p)
    if regime == "solvent-diffusion":
        return np.sqrt(L0 ** 2 + 2.0 * D * p["solvent_concentration"] * a * arr * t)
    if regime == "reaction":
        return L0 + a * p["exchange_current"] / C.F * drive * arr * t
    if regime == "tunnelling":
        lam = p["tunnelling_decay_length"]
        k = a * p["exchange_current"] / C.F * drive * arr
        return L0 + lam * np.log1p(k * t * np.exp(-L0 / lam) / lam)
    if regime == "mixed":
        kr = p["rate_constant"] * drive
        qa, qb = kr / (2.0 * D), 1.0
        qc = -(L0 + qa * L0 ** 2 + a * p["solvent_concentration"] * kr * arr * t)
        return 2.0 * (-qc) / (qb + np.sqrt(qb * qb - 4.0 * qa * qc))
    raise ParameterError(f"parameter 'regime' = {regime!r} is not allowed; allowed: {', '.join(REGIMES)}")


def _effective_diffusivity(p: dict) -> float:
    return p["solvent_diffusivity"] + p["porosity"] ** 1.5 * p["pore_solvent_diffusivity"]


def pack(p: dict) -> np.ndarray:
    f = C.F / (C.R * p["temperature"])
    arr = np.exp(p["activation_energy"] / C.R * (1.0 / T_REF - 1.0 / p["temperature"]))
    return np.array([p["sei_molar_volume"] / p["li_per_sei"], _effective_diffusivity(p), p["solvent_concentration"],
                     p["exchange_current"], p["transfer_coefficient"] * f, p["sei_ocp"], p["tunnelling_decay_length"],
                     p["rate_constant"], arr, p["current_density"], p["cycle_period"], p["li_exchange_current"], f])


_STATUS = {1: "produced a non-finite thickness", 2: "step size underflowed (stiff or unstable growth)",
           3: f"diverged: thickness exceeded {MAX_THICKNESS:g} m"}


def solve(times, L0, regime_code, prm, rtol=1e-10, atol=1e-16, max_step=np.inf) -> np.ndarray:
    """Run the kernel and turn a bad status or a NaN into :class:`SolverError`."""
    L, status = integrate(np.asarray(times, dtype=np.float64), float(L0), int(regime_code),
                          np.asarray(prm, dtype=np.float64), rtol, atol, float(max_step), MAX_THICKNESS)
    if status:
        raise SolverError(f"sei_growth ({REGIMES[regime_code]}): solver {_STATUS[status]}")
    require_finite("SEI thickness", L, REGIMES[regime_code])
    return L


@dataclass(frozen=True)
class SEIGrowthResult:
    regime: str
    times: np.ndarray            # s
    thickness: np.ndarray        # m
    lithium_consumed: np.ndarray  # mol/m^2
    closed_form_thickness: np.ndarray | None  # m, open circuit only
    parameters: dict = field(default_factory=dict)

    @property
    def final_thickness(self) -> float:
        return float(self.thickness[-1])

    def to_dict(self) -> dict:
        cf = None if self.closed_form_thickness is None else self.closed_form_thickness.tolist()
        return {"model": NAME, "regime": self.regime, "times": self.times.tolist(), "thickness": self.thickness.tolist(),
                "lithium_consumed": self.lithium_consumed.tolist(), "closed_form_thickness": cf,
                "final_thickness": self.final_thickness, "final_lithium_consumed": float(self.lithium_consumed[-1]),
                "final_capacity_loss": float(self.lithium_consumed[-1] * C.F), "parameters": dict(self.parameters),
                "units": {"times": "s", "thickness": "m", "lithium_consumed": "mol/m**2", "closed_form_thickness": "m",
                          "final_thickness": "m", "final_lithium_consumed": "mol/m**2", "final_capacity_loss": "C/m**2"}}

    def plot(self, path) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(5, 3.4))
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        ax.plot(self.times / 3600.0, self.thickness * 1e9, label=f"{self.regime} (numerical)")
        if self.closed_form_thickness is not None:
            ax.plot(self.times / 3600.0, self.closed_form_thickness * 1e9, "k--", lw=1, label="closed form")
        ax.set_xlabel("time (h)")
        ax.set_ylabel("SEI thickness (nm)")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(path, dpi=120)


def run(regime: str = "solvent-diffusion", **overrides) -> SEIGrowthResult:
    if regime not in REGIMES:
        raise ParameterError(f"parameter 'regime' = {regime!r} is not allowed; allowed: {', '.join(REGIMES)}")
    p = resolve(PARAMETERS, overrides)
    times = np.linspace(0.0, p["duration"], int(p["n_times"]))
    cycling = p["current_density"] > 0.0
    max_step = 0.25 * p["cycle_period"] if cycling else np.inf
    L = solve(times, p["initial_thickness"], REGIMES.index(regime), pack(p), max_step=max_step)
    li = p["li_per_sei"] * (L - p["initial_thickness"]) / p["sei_molar_volume"]
    cf = None if cycling else closed_form(regime, times, p)
    return SEIGrowthResult(regime=regime, times=times, thickness=L, lithium_consumed=li,
                           closed_form_thickness=cf, parameters=p)
