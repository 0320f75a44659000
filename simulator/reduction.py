"""Model 4: competitive reduction of solvent and anions at Li metal -> SEI phase fractions.

The inverse problem (which pre-adsorbed anion mix gives a target SEI) is in
:mod:`simulator.reduction_inverse`; ``solve_adsorbed_mix`` is re-exported here.

Equations (all potentials vs Li/Li+; f = F/(R T)):

* Reduction share of species j among all reduction events (Butler-Volmer cathodic branch with a
  common exchange prefactor, which cancels in the shares)::

      w_solvent = c_s exp(alpha f E_s)
      w_anion a = c_a x_a [(1-p) exp(alpha f E_a) + p exp(alpha f (E_a + dE_c))] exp(dG_field/(k_B T))
      share_j   = w_j / sum_k w_k

  p = ``anion_coordination`` is the fraction of anions coordinated to Li+ (contact ion pairs and
  aggregates); coordination lowers the anion LUMO, i.e. shifts its reduction potential up by
  dE_c (000 §2.3: reduction order is set by LUMO and the Li+ solvation environment).
  dG_field = ``field_lowering`` lowers the anion reduction barrier (000 §3.3(1), a working
  hypothesis of that paper). Only potential differences matter; the electrode potential cancels.
  The Marcus inverted region is not modelled: electron transfer from a metal integrates over its
  states and shows no inversion (Chidsey, Science 251, 919 (1991)).
* Products: carbonate solvent -> Li2CO3 (branch b: EC + 2e- + 2Li+ -> Li2CO3 + C2H4) or organic
  (1-b: 2EC + 2e- + 2Li+ -> (CH2OCO2Li)2 + C2H4) (K. Xu, Chem. Rev. 104, 4303 (2004) §6);
  anions reduce completely to the binary Li compounds, the thermodynamic end products at the Li
  potential: PF6- -> 6 LiF + Li3P; TFSI- -> 6 LiF + 4 Li2O + Li3N + 2 Li2S + 2 C;
  FSI- -> 2 LiF + 4 Li2O + Li3N + 2 Li2S; NO3- -> Li3N + 3 Li2O. Li3P, Li2S and C are not among
  the five tracked phases; their share is reported as ``untracked_mole_fraction``. Real SEIs keep
  partially reduced fragments (LixPOyFz, LiNSO2...) that this limit ignores.
* Pre-adsorbed anions (000 §3.4) are a surface reservoir Gamma = theta Gamma_site reduced first,
  forming the inner part of an SEI of thickness L; the competitive reduction fills the rest.
  If the reservoir alone exceeds L, only the part of it that fits is reduced; the rest is
  reported as ``reservoir_unreduced`` (mol/m^2). theta counts
  monolayer equivalents per electrode area: one monolayer on a flat electrode makes only
  ~0.1-0.3 nm of SEI, so a reservoir shapes a tens-of-nm SEI only if the ferroelectric's surface
  area multiplies it (theta >> 1).
* Phase volume fractions phi_k = V_k / sum V (V_k = moles_k * molar volume); these are what
  :mod:`simulator.sei_properties` takes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numba import njit

from . import constants as C
from . import sei_components as comp
from .parameters import Parameter, ParameterError, SolverError, require_finite, resolve

NAME = "reduction"
SUMMARY = "Competitive reduction of solvent and anions (BV, coordination, field, pre-adsorbed reservoir) -> SEI phase fractions"
SPECIES: tuple[str, ...] = ("carbonate", "PF6", "TFSI", "FSI", "NO3")
ANIONS: tuple[str, ...] = SPECIES[1:]
PHASES = comp.PHASES
CHOICES = {"anion": ANIONS}  # categorical keyword of run(): sets the salt to that single anion

# Tracked formula units per reduced anion, columns in PHASES order; and untracked units / Li used.
_ANION_YIELDS = np.array([
    [6.0, 0.0, 0.0, 0.0, 0.0],   # PF6- -> 6 LiF + Li3P
    [6.0, 4.0, 1.0, 0.0, 0.0],   # TFSI- -> 6 LiF + 4 Li2O + Li3N + 2 Li2S + 2 C
    [2.0, 4.0, 1.0, 0.0, 0.0],   # FSI- -> 2 LiF + 4 Li2O + Li3N + 2 Li2S
    [0.0, 3.0, 1.0, 0.0, 0.0],   # NO3- -> Li3N + 3 Li2O
])
_ANION_UNTRACKED = np.array([1.0, 4.0, 2.0, 0.0])
_ANION_LI = np.array([9.0, 21.0, 17.0, 9.0])  # Li atoms taken up per anion (products' Li count)
_VM = comp.array("molar_volume")

_EST = "outside estimate: "
_EORD = ("outside estimate: chosen to reproduce the orderings in the seeds -- carbonate solvent above PF6- "
         "(000 §2.3), NO3- reduced first (~1.6 V, S. S. Zhang, Electrochim. Acta 70, 344 (2012)), FSI- above TFSI-")
PARAMETERS: tuple[Parameter, ...] = (
    Parameter("salt_concentration", 1000.0, "mol/m**3", "total Li salt (anion) concentration",
              "1 M salt, the usual electrolyte (000 §2.3 'LiPF6 in carbonates'); upper bound: outside estimate, "
              "no layer holds more anions than the neat salt (LiPF6 1.5 g/cm3, 151.9 g/mol -> 9.9 M)", 0.0, 1.0e4),
    Parameter("solvent_concentration", 12500.0, "mol/m**3", "reducible carbonate solvent concentration",
              _EST + "EC:DMC 1:1 v/v (EC 15.1 M, DMC 11.9 M neat) less the salt volume", 0.0, 3.0e4, low_inclusive=False),
    Parameter("x_PF6", 1.0, "dimensionless", "PF6- share of the salt anions", "1 M LiPF6 default", 0.0, 1.0),
    Parameter("x_TFSI", 0.0, "dimensionless", "TFSI- share of the salt anions", "user choice", 0.0, 1.0),
    Parameter("x_FSI", 0.0, "dimensionless", "FSI- share of the salt anions", "user choice", 0.0, 1.0),
    Parameter("x_NO3", 0.0, "dimensionless", "NO3- share of the salt anions", "user choice", 0.0, 1.0),
    Parameter("anion_coordination", 0.2, "dimensionless", "fraction of anions coordinated to Li+ (CIP + AGG)",
              _EST + "few PF6- are paired in 1 M LiPF6/carbonates (order 0.1-0.3)", 0.0, 1.0),
    Parameter("coordination_shift", 0.3, "V", "up-shift of the reduction potential of a Li+-coordinated anion",
              _EST + "LUMO lowering of anions in Li+ aggregates is tenths of an eV (Yamada et al., JACS 136, 5039 (2014))",
              0.0, 2.0),
    Parameter("field_lowering", 0.0, "eV", "interfacial-field lowering of the anion reduction barrier",
              "000 §3.3(1) (hypothesis: ferroelectric field polarises anions); magnitude is a user input", 0.0, 1.0),
    Parameter("E_carbonate", 0.8, "V", "reduction potential of the carbonate solvent vs Li/Li+",
              "EC reduction onset ~0.8 V vs Li/Li+ (K. Xu, Chem. Rev. 104, 4303 (2004) §6)", 0.0, 5.0),
    Parameter("E_PF6", 0.6, "V", "reduction potential of free PF6- vs Li/Li+", _EORD, 0.0, 5.0),
    Parameter("E_TFSI", 0.7, "V", "reduction potential of free TFSI- vs Li/Li+", _EORD, 0.0, 5.0),
    Parameter("E_FSI", 1.0, "V", "reduction potential of free FSI- vs Li/Li+", _EORD, 0.0, 5.0),
    Parameter("E_NO3", 1.6, "V", "reduction potential of free NO3- vs Li/Li+", _EORD, 0.0, 5.0),
    Parameter("transfer_coefficient", 0.5, "dimensionless", "cathodic transfer coefficient alpha",
              "symmetric barrier (Bard & Faulkner, Electrochemical Methods, 2nd ed., §3.3)", 0.0, 1.0, False, False),
    Parameter("temperature", 298.15, "K", "temperature", "IUPAC standard temperature", 0.0, 500.0, low_inclusive=False),
    Parameter("carbonate_Li2CO3_branch", 0.3, "dimensionless", "share of carbonate reductions giving Li2CO3 (rest organic)",
              _EST + "both EC pathways are observed (K. Xu, Chem. Rev. 104, 4303 (2004) §6); organic dominant", 0.0, 1.0),
    Parameter("preadsorbed_anion_coverage", 0.0, "dimensionless",
              "pre-adsorbed anions per electrode area in monolayer equivalents (coverage x FD area / electrode area)",
              "000 §3.4 (pre-adsorbed anion-type FDs); 0 = no reservoir", 0.0, 1.0e4),
    Parameter("adsorption_site_density", 3.3e-6, "mol/m**2", "anion sites per area at full coverage",
              _EST + "one anion per ~0.5 nm^2", 0.0, 1.0e-4, low_inclusive=False),
    Parameter("ads_x_PF6", 0.0, "dimensionless", "PF6- share of the pre-adsorbed anions", "user choice", 0.0, 1.0),
    Parameter("ads_x_TFSI", 0.0, "dimensionless", "TFSI- share of the pre-adsorbed anions", "user choice", 0.0, 1.0),
    Parameter("ads_x_FSI", 1.0, "dimensionless", "FSI- share of the pre-adsorbed anions", "user choice", 0.0, 1.0),
    Parameter("ads_x_NO3", 0.0, "dimensionless", "NO3- share of the pre-adsorbed anions", "user choice", 0.0, 1.0),
    Parameter("sei_thickness", 20e-9, "m", "thickness of the SEI whose composition is computed",
              _EST + "tens of nm, the usual SEI scale on Li (003 §2: nanometre-scale SEI)", 0.0, 1e-6, low_inclusive=False),
)


@njit(cache=True)
def competitive_shares(conc, e_red, is_anion, p_coord, de_coord, field_j, alpha, temperature):
    """Normalised reduction shares (log-sum-exp for robustness)."""
    f = C.F / (C.R * temperature)
    n = conc.shape[0]
    logw = np.full(n, -np.inf)
    for j in range(n):
        if conc[j] <= 0.0:
            continue
        a = alpha * f * e_red[j]
        if is_anion[j]:
            b = alpha * f * (e_red[j] + de_coord)
            m = max(a, b)
            s = (1.0 - p_coord) * np.exp(a - m) + p_coord * np.exp(b - m)
            logw[j] = np.log(conc[j]) + m + np.log(s) + field_j / (C.K_B * temperature)
        else:
            logw[j] = np.log(conc[j]) + a
    mx = np.max(logw)
    w = np.exp(logw - mx)
    return w / np.sum(w)


@njit(cache=True)
def product_moles(shares, yields, untracked, li_per_event):
    """Tracked-phase moles, untracked moles and Li atoms per mole of reduction events."""
    m = np.zeros(yields.shape[1])
    u = 0.0
    li = 0.0
    for j in range(shares.shape[0]):
        for k in range(yields.shape[1]):
            m[k] += shares[j] * yields[j, k]
        u += shares[j] * untracked[j]
        li += shares[j] * li_per_event[j]
    return m, u, li


def _yields(branch: float):
    carb = np.array([[0.0, 0.0, 0.0, branch, 0.5 * (1.0 - branch)]])
    y = np.vstack([carb, _ANION_YIELDS])
    untracked = np.concatenate([[0.0], _ANION_UNTRACKED])
    # Li per EC: 2 via Li2CO3 (EC + 2e- + 2Li+), 1 via the organic route (2EC + 2e- + 2Li+ -> (CH2OCO2Li)2)
    # (K. Xu, Chem. Rev. 104, 4303 (2004) §6), so 2 b + 1 (1 - b) = 1 + b.
    li = np.concatenate([[1.0 + branch], _ANION_LI])
    return y, untracked, li


def _check_sum(p: dict, names: list[str], label: str) -> np.ndarray:
    x = np.array([p[n] for n in names])
    if abs(x.sum() - 1.0) > 1e-6:
        raise ParameterError(f"{label} ({', '.join(f'{n}={p[n]:g}' for n in names)}) must sum to 1, got {x.sum():g}; "
                             "each in [0, 1]")
    return x


@dataclass(frozen=True)
class ReductionResult:
    fractions: dict            # volume fractions of PHASES, sum 1
    mole_fractions: dict       # mole (formula-unit) fractions of PHASES, sum 1
    species_shares: dict       # share of competitive reduction events by species
    untracked_mole_fraction: float
    reservoir_volume_fraction: float
    lithium_consumed: float    # mol Li per m^2 of electrode
    sei_thickness: float
    reservoir_unreduced: float = 0.0  # mol/m^2 of pre-adsorbed anions left over when the reservoir exceeds the SEI
    parameters: dict = field(default_factory=dict)

    def property_inputs(self) -> dict:
        """Keyword arguments for :func:`simulator.sei_properties.run`."""
        return {f"fraction_{k}": v for k, v in self.fractions.items()}

    def to_dict(self) -> dict:
        return {"model": NAME, "fractions": dict(self.fractions), "mole_fractions": dict(self.mole_fractions),
                "species_shares": dict(self.species_shares),
                "untracked_mole_fraction": self.untracked_mole_fraction,
                "reservoir_volume_fraction": self.reservoir_volume_fraction,
                "lithium_consumed": self.lithium_consumed, "sei_thickness": self.sei_thickness,
                "reservoir_unreduced": self.reservoir_unreduced, "parameters": dict(self.parameters),
                "units": {"fractions": "dimensionless (volume)", "mole_fractions": "dimensionless", "species_shares": "dimensionless",
                          "untracked_mole_fraction": "dimensionless", "reservoir_volume_fraction": "dimensionless",
                          "lithium_consumed": "mol/m**2", "sei_thickness": "m", "reservoir_unreduced": "mol/m**2"}}

    def plot(self, path) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(5, 3.2))
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        ax.bar(list(self.fractions), list(self.fractions.values()), color="tab:blue")
        ax.set_ylabel("volume fraction in SEI")
        ax.set_title("SEI composition from competitive reduction")
        fig.tight_layout()
        fig.savefig(path, dpi=120)


def _compute(p: dict):
    x_salt = _check_sum(p, [f"x_{a}" for a in ANIONS], "salt anion shares")
    x_ads = _check_sum(p, [f"ads_x_{a}" for a in ANIONS], "pre-adsorbed anion shares")
    conc = np.concatenate([[p["solvent_concentration"]], p["salt_concentration"] * x_salt])
    e_red = np.array([p["E_carbonate"]] + [p[f"E_{a}"] for a in ANIONS])
    is_anion = np.array([False, True, True, True, True])
    shares = competitive_shares(conc, e_red, is_anion, p["anion_coordination"], p["coordination_shift"],
                                p["field_lowering"] * C.E_CHARGE, p["transfer_coefficient"], p["temperature"])
    require_finite("reduction shares", shares)
    y, untr, li = _yields(p["carbonate_Li2CO3_branch"])
    m_c, u_c, li_c = product_moles(shares, y, untr, li)            # per mole of competitive events
    m_r, u_r, li_r = product_moles(x_ads, _ANION_YIELDS, _ANION_UNTRACKED, _ANION_LI)  # per mole adsorbed
    v_c, v_r = float(m_c @ _VM), float(m_r @ _VM)                  # m^3 per mole of events
    L = p["sei_thickness"]
    gamma = p["preadsorbed_anion_coverage"] * p["adsorption_site_density"]
    n_res = min(gamma, L / v_r) if gamma > 0.0 else 0.0            # reservoir reduced (mol/m^2)
    n_comp = (L - n_res * v_r) / v_c if v_c > 0.0 else 0.0
    moles = n_res * m_r + n_comp * m_c
    vols = moles * _VM
    require_finite("SEI phase volumes", vols)
    if vols.sum() <= 0.0:
        raise SolverError("reduction: no tracked SEI phase forms for these inputs (all products untracked)")
    return (shares, moles, vols, n_res * u_r + n_comp * u_c, n_res * li_r + n_comp * li_c, n_res * v_r / L,
            gamma - n_res)


def run(anion: str | None = None, **overrides) -> ReductionResult:
    """Phase fractions of the SEI. ``anion='FSI'`` sets the salt to that single anion."""
    overrides = dict(overrides)
    if anion is not None:
        if anion not in ANIONS:
            raise ParameterError(f"parameter 'anion' = {anion!r} is not allowed; allowed: {', '.join(ANIONS)}")
        given = [f"x_{a}" for a in ANIONS if f"x_{a}" in overrides]
        if given:
            raise ParameterError(f"give either 'anion' or the shares {', '.join(given)}, not both")
        overrides.update({f"x_{a}": float(a == anion) for a in ANIONS})
    p = resolve(PARAMETERS, overrides)
    shares, moles, vols, untracked, li, res_frac, unreduced = _compute(p)
    tot_mol = moles.sum()
    return ReductionResult(
        fractions={ph: float(v) for ph, v in zip(PHASES, vols / vols.sum())},
        mole_fractions={ph: float(m) for ph, m in zip(PHASES, moles / tot_mol)},
        species_shares={s: float(v) for s, v in zip(SPECIES, shares)},
        untracked_mole_fraction=float(untracked / (untracked + tot_mol)),
        reservoir_volume_fraction=float(res_frac), lithium_consumed=float(li),
        sei_thickness=p["sei_thickness"], reservoir_unreduced=float(unreduced), parameters=p)


_INVERSE = ("solve_adsorbed_mix", "AdsorbedMixResult")


def __getattr__(name: str):
    """Re-export of the inverse problem (:mod:`simulator.reduction_inverse`), imported lazily so that
    either module may be imported first without an import cycle."""
    if name in _INVERSE:
        from . import reduction_inverse
        return getattr(reduction_inverse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
