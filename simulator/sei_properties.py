"""Model 5: effective properties of a composite SEI from its phase volume fractions.

Phases and component data: :mod:`simulator.sei_components` (004 §3.1.4 Table 1, 003 §2, cited
literature, labelled outside estimates).

* Ionic conductivity. Component sigma_i(T) = sigma_i(T0) exp(-E_i/k_B (1/T - 1/T0)), T0 = 298.15 K,
  E_i the Li+ diffusion barrier of 004 Table 1. Effective value by the symmetric Bruggeman
  effective-medium approximation (spherical grains, Bruggeman, Ann. Phys. 416, 636 (1935))::

      sum_i f_i (sigma_i - sigma) / (sigma_i + 2 sigma) = 0

  bracketed by the Wiener bounds sigma_R = 1/sum(f_i/sigma_i) <= sigma <= sigma_V = sum f_i sigma_i.
  Grain-boundary enhancement (003 §2, LiF/Li2O interfaces) is not modelled: an honest lower estimate.
* Electronic leakage by tunnelling (Simmons, J. Appl. Phys. 34, 1793 (1963), low-bias limit).
  Barrier phi_i = g * E_gap,i (g = ``barrier_gap_fraction``; Fermi level at mid-gap for g = 1/2),
  kappa_i = sqrt(2 m* phi_i)/hbar, probability decay length lambda_i = 1/(2 kappa_i)::

      G_i/A = (3 hbar kappa_i / (2 L)) (e/h)^2 exp(-2 kappa_i L)   (conductance per area)

  The mosaic SEI (000 §2.2, 004 §3.1.3) is taken as parallel columns, area fraction = f_i:
  T_eff(L) = sum f_i exp(-L/lambda_i), lambda_eff = L / (-ln T_eff), sigma_e = L sum f_i G_i/A.
* Elastic moduli: Voigt-Reuss-Hill (Hill, Proc. Phys. Soc. A 65, 349 (1952)) for K and G;
  E = 9 K G/(3K + G), nu = (3K - 2G)/(2(3K + G)).
* Monroe-Newman margin: G_SEI/(c G_Li) - 1, c ~ 2 (Monroe & Newman, J. Electrochem. Soc. 152, A396
  (2005)). That criterion was derived for a polymer separator; applying it to a nm-thin SEI is an
  extrapolation, and for stiff inorganic solids with a small Li+ molar volume a high modulus can
  destabilise instead (Ahmad & Viswanathan, Phys. Rev. Lett. 119, 056003 (2017)).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit

from . import constants as C
from . import sei_components as comp
from .parameters import Parameter, ParameterError, require_finite, resolve

NAME = "sei_properties"
SUMMARY = "SEI effective ionic conductivity (Bruggeman), tunnelling leakage, VRH moduli and Monroe-Newman margin"
PHASES = comp.PHASES
# hbar, h, m_e: CODATA 2022, from simulator.constants.
HBAR, H_PLANCK, M_E = C.HBAR, C.H_PLANCK, C.M_E
T0 = 298.15

_DEF = {"LiF": 0.13, "Li2O": 0.0, "Li3N": 0.0, "Li2CO3": 0.2, "organic": 0.67}
PARAMETERS: tuple[Parameter, ...] = tuple(
    Parameter(f"fraction_{ph}", _DEF[ph], "dimensionless", f"volume fraction of {ph} in the SEI",
              "default = model 4 default output (reduction.run(), 1 M LiPF6 carbonate), rounded", 0.0, 1.0)
    for ph in PHASES) + (
    Parameter("sei_thickness", 20e-9, "m", "SEI thickness", "same default as model 4 (outside estimate: tens of nm)",
              0.0, 1e-6, low_inclusive=False),
    Parameter("temperature", 298.15, "K", "temperature", "IUPAC standard temperature", 150.0, 500.0),
    Parameter("barrier_gap_fraction", 0.5, "dimensionless", "tunnelling barrier as a fraction of the band gap",
              "outside estimate: Fermi level of Li at mid-gap of the SEI phase", 0.0, 1.0, False, True),
    Parameter("electron_mass_ratio", 1.0, "dimensionless", "tunnelling effective mass / m_e",
              "outside estimate: free-electron mass (Simmons 1963)", 0.0, 10.0, False, True),
    Parameter("li_shear_modulus", 3.4e9, "Pa", "shear modulus of Li metal",
              "value used with Monroe & Newman, J. Electrochem. Soc. 152, A396 (2005); quoted values span ~2.8-4.9 GPa "
              "(polycrystalline Li measured ~2.8 GPa: Masias, Felten & Sakamoto, J. Mater. Sci. 54, 2585 (2019))",
              0.0, 1e11, low_inclusive=False),
    Parameter("monroe_newman_factor", 2.0, "dimensionless", "required G_SEI/G_Li for dendrite suppression",
              "Monroe & Newman (2005): about twice the shear modulus of Li", 0.0, 100.0, low_inclusive=False),
)


@njit(cache=True)
def bruggeman(fractions, sigma):
    """Symmetric Bruggeman EMA (3D spheres) by bisection in log(sigma); root is unique."""
    lo = np.inf
    hi = 0.0
    for i in range(fractions.shape[0]):
        if fractions[i] > 0.0:
            lo = min(lo, sigma[i])
            hi = max(hi, sigma[i])
    if lo == hi:
        return lo
    a = np.log(lo)
    b = np.log(hi)
    for _ in range(200):
        m = 0.5 * (a + b)
        s = np.exp(m)
        g = 0.0
        for i in range(fractions.shape[0]):
            g += fractions[i] * (sigma[i] - s) / (sigma[i] + 2.0 * s)
        if g > 0.0:
            a = m
        else:
            b = m
        if b - a < 1e-14:
            break
    return np.exp(0.5 * (a + b))


@njit(cache=True)
def wiener_bounds(fractions, values):
    """(Reuss/series, Voigt/parallel) averages."""
    v = 0.0
    r = 0.0
    for i in range(fractions.shape[0]):
        v += fractions[i] * values[i]
        r += fractions[i] / values[i]
    return 1.0 / r, v


@njit(cache=True)
def tunnelling(fractions, barrier_j, mass, thickness):
    """Per-phase decay lengths (m), ln of the effective transmission, conductance per area (S/m^2)."""
    n = fractions.shape[0]
    lam = np.empty(n)
    logt = np.full(n, -np.inf)
    g = 0.0
    pref = (C.E_CHARGE / H_PLANCK) ** 2
    for i in range(n):
        kappa = np.sqrt(2.0 * mass * barrier_j[i]) / HBAR
        lam[i] = 1.0 / (2.0 * kappa)
        if fractions[i] > 0.0:
            logt[i] = np.log(fractions[i]) - 2.0 * kappa * thickness
            g += fractions[i] * 1.5 * HBAR * kappa / thickness * pref * np.exp(-2.0 * kappa * thickness)
    m = np.max(logt)
    return lam, m + np.log(np.sum(np.exp(logt - m))), g


@dataclass(frozen=True)
class SEIPropertiesResult:
    fractions: dict
    ionic_conductivity: float            # Bruggeman, S/m
    ionic_conductivity_bounds: tuple     # (Reuss, Voigt), S/m
    ionic_area_resistance: float         # L / sigma, ohm m^2
    component_ionic_conductivity: dict   # at temperature, S/m
    tunnelling_decay_lengths: dict       # per phase, m
    effective_decay_length: float        # m
    tunnelling_transmission: float       # 1 (may underflow to 0.0 for thick SEIs; see log10)
    log10_tunnelling_transmission: float
    electronic_conductance: float        # S/m^2
    electronic_conductivity: float       # S/m
    bulk_modulus: float                  # Hill, Pa
    shear_modulus: float                 # Hill, Pa
    shear_modulus_bounds: tuple          # (Reuss, Voigt), Pa
    youngs_modulus: float                # Pa
    poisson_ratio: float
    monroe_newman_ratio: float           # G_SEI / G_Li
    monroe_newman_margin: float          # G_SEI / (c G_Li) - 1; > 0 meets the criterion
    parameters: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d = {k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items()}
        d["model"] = NAME
        d["monroe_newman_met"] = self.monroe_newman_margin > 0.0
        d["units"] = {"ionic_conductivity": "S/m", "ionic_conductivity_bounds": "S/m",
                      "ionic_area_resistance": "ohm*m**2", "component_ionic_conductivity": "S/m",
                      "tunnelling_decay_lengths": "m", "effective_decay_length": "m", "tunnelling_transmission": "dimensionless",
                      "log10_tunnelling_transmission": "dimensionless",
                      "electronic_conductance": "S/m**2", "electronic_conductivity": "S/m", "bulk_modulus": "Pa",
                      "shear_modulus": "Pa", "shear_modulus_bounds": "Pa", "youngs_modulus": "Pa",
                      "poisson_ratio": "dimensionless", "monroe_newman_ratio": "dimensionless", "monroe_newman_margin": "dimensionless", "fractions": "dimensionless"}
        return d

    def plot(self, path) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(9, 3.4))
        FigureCanvasAgg(fig)
        a1, a2 = fig.subplots(1, 2)
        L = np.linspace(0.2e-9, 3e-9, 100)
        for ph, lam in self.tunnelling_decay_lengths.items():
            a1.semilogy(L * 1e9, np.exp(-L / lam), label=ph)
        a1.set_xlabel("SEI thickness (nm)")
        a1.set_ylabel("tunnelling transmission")
        a1.legend(fontsize=7)
        a2.bar(["G Reuss", "G Hill", "G Voigt", "c G_Li"],
               [self.shear_modulus_bounds[0] / 1e9, self.shear_modulus / 1e9, self.shear_modulus_bounds[1] / 1e9,
                self.parameters["monroe_newman_factor"] * self.parameters["li_shear_modulus"] / 1e9])
        a2.set_ylabel("shear modulus (GPa)")
        fig.tight_layout()
        fig.savefig(path, dpi=120)


def run(**overrides) -> SEIPropertiesResult:
    p = resolve(PARAMETERS, overrides)
    f = np.array([p[f"fraction_{ph}"] for ph in PHASES])
    if abs(f.sum() - 1.0) > 1e-6:
        raise ParameterError("volume fractions (" + ", ".join(f"fraction_{ph}={p[f'fraction_{ph}']:g}" for ph in PHASES)
                             + f") must sum to 1, got {f.sum():g}; each in [0, 1]")
    T = p["temperature"]
    ea = comp.array("li_diffusion_barrier") * C.E_CHARGE
    sig = comp.array("ionic_conductivity") * np.exp(-ea / C.K_B * (1.0 / T - 1.0 / T0))
    s_b = bruggeman(f, sig)
    s_r, s_v = wiener_bounds(f, sig)
    barrier = p["barrier_gap_fraction"] * comp.array("band_gap") * C.E_CHARGE
    L = p["sei_thickness"]
    lam, log_t, g = tunnelling(f, barrier, p["electron_mass_ratio"] * M_E, L)
    K, G = comp.array("bulk_modulus"), comp.array("shear_modulus")
    k_r, k_v = wiener_bounds(f, K)
    g_r, g_v = wiener_bounds(f, G)
    kh, gh = 0.5 * (k_r + k_v), 0.5 * (g_r + g_v)
    out = np.array([s_b, s_r, s_v, log_t, g, kh, gh])
    require_finite("sei_properties", out, "Bruggeman/tunnelling/VRH")
    g_li = p["li_shear_modulus"]
    return SEIPropertiesResult(
        fractions={ph: float(x) for ph, x in zip(PHASES, f)}, ionic_conductivity=float(s_b),
        ionic_conductivity_bounds=(float(s_r), float(s_v)), ionic_area_resistance=float(L / s_b),
        component_ionic_conductivity={ph: float(x) for ph, x in zip(PHASES, sig)},
        tunnelling_decay_lengths={ph: float(x) for ph, x in zip(PHASES, lam)},
        effective_decay_length=float(L / -log_t), tunnelling_transmission=float(np.exp(log_t)),
        log10_tunnelling_transmission=float(log_t / np.log(10.0)),
        electronic_conductance=float(g), electronic_conductivity=float(g * L),
        bulk_modulus=float(kh), shear_modulus=float(gh), shear_modulus_bounds=(float(g_r), float(g_v)),
        youngs_modulus=float(9 * kh * gh / (3 * kh + gh)), poisson_ratio=float((3 * kh - 2 * gh) / (2 * (3 * kh + gh))),
        monroe_newman_ratio=float(gh / g_li), monroe_newman_margin=float(gh / (p["monroe_newman_factor"] * g_li) - 1.0),
        parameters=p)
