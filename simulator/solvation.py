"""Model 3 — Li+ first-shell competition between solvent and anion near a ferroelectric surface.

Independent-site mass action (Langmuir competition) for the N sites of the Li+ first shell::

    S(shell) + A  <=>  A(shell) + S,     K(x) = K_b exp(-ddG(x) / RT)
    p(x) = K(x) a_A(x) / (K(x) a_A(x) + a_S(x)),   n_A(x) = N p(x)     (mean anion coordination)

K_b is fixed by the bulk coordination n_b: K_b = p_b / (1 - p_b), p_b = n_b / N (a_A = a_S = 1 in
the bulk). Two separately switchable routes change it near the surface:

* concentration route: a_A(x) = c-(x)/c0 and a_S(x) = phi_free(x)/phi_free,bulk from model 2
  (Bikerman profile; phi_free = 1 - N_A (a+^3 c+ + a-^3 c-) is the solvent's volume fraction).
* dielectric route: the Coulomb ion-pair energy -A/eps and the ion-dipole solvent energy -B/eps
  are both screened by the local permittivity,
      ddG(x) = (A - B) (1/eps_b - 1/eps(x)),   A = e^2 N_A / (4 pi eps0 r_A),  B = e mu N_A / (4 pi eps0 r_S^2),
  with eps(x) = eps_e + (eps_f - eps_e) exp(-x / l_eps) (the seed's "high dielectric environment"
  near the ferroelectric, 000 §3.2 (1); l_eps an outside estimate).

Which way the dielectric route goes, honestly: a higher local permittivity screens the Li+–anion
attraction (monopole–monopole, A) more than it weakens the Li+–solvent bond (monopole–dipole, B)
for these distances (A > B), so ddG > 0 and FEWER anions enter the shell — the opposite of the
"high dielectric environment lets anions approach Li+" claim (000 §3.2 (2)); this is the classical
Bjerrum result that salts pair less in high-permittivity solvents. The concentration route at a
positive surface raises a_A (anions enriched, model 2) and so raises n_A; at a negative or
over-compensated surface it lowers it. ``coordination_surface_dielectric_only`` and
``coordination_surface_concentration_only`` separate the two. Field-induced dielectric
saturation (which would LOWER eps near a charged surface) and anion polarisation are not modelled.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from simulator import constants as K
from simulator import double_layer
from simulator.results import agg_figure, result_dict
from simulator.parameters import Parameter, ParameterError, SolverError, require_finite, resolve

NAME = "solvation"
SUMMARY = "Li+ first-shell solvent/anion competition vs distance from a ferroelectric surface (uses the double-layer profile)"
DEBYE = 3.33564e-30  # C m per debye (CODATA-consistent conversion, 1 D = 1e-21/c C m)

OWN_PARAMETERS = (
    Parameter("shell_size", 4.0, "dimensionless", "number N of first-shell sites of Li+",
              "outside estimate: four-fold Li+ coordination in carbonates (Xu, Chem. Rev. 104 (2004) 4303)", 1.0, 8.0, integer=True),
    Parameter("bulk_anion_coordination", 0.4, "dimensionless", "mean number of anions in the Li+ first shell in the bulk",
              "outside estimate: ~0.2-0.5 for 1 M LiPF6 in EC/DMC from Raman/MD reports", 0.0, 8.0, False, False),
    Parameter("ion_pair_distance", 0.35e-9, "m", "Li+-anion charge-centre distance r_A in a contact pair",
              "outside estimate: Li-F 0.19 nm + P-F 0.16 nm for a monodentate Li-PF6 pair", 0.0, 2.0e-9, False),
    Parameter("solvent_dipole_moment", 4.61 * DEBYE, "C*m", "dipole moment mu of the coordinating solvent (EC: 4.61 D)",
              "Xu, Chem. Rev. 104 (2004) 4303, Table 1 (ethylene carbonate)", 0.0, 1.0e-28),
    Parameter("solvent_dipole_distance", 0.33e-9, "m", "Li+-dipole-centre distance r_S of a coordinated solvent",
              "outside estimate: Li-O 0.2 nm plus half the C=O...ring extent", 0.0, 2.0e-9, False),
    Parameter("dielectric_penetration_length", 0.3e-9, "m", "decay length l_eps of the ferroelectric's permittivity into the electrolyte",
              "outside estimate: about one solvent layer (000 §3.2 (1) asserts the high-eps environment, no length given)", 0.0, 1.0e-6, False),
    Parameter("dielectric_route", 1.0, "dimensionless", "1: local permittivity changes the binding free energies; 0: off",
              "model switch", 0.0, 1.0, integer=True),
    Parameter("concentration_route", 1.0, "dimensionless", "1: local anion/solvent activities from model 2; 0: bulk values",
              "model switch", 0.0, 1.0, integer=True),
)
PARAMETERS = OWN_PARAMETERS + double_layer.PARAMETERS
_OWN = {p.name for p in OWN_PARAMETERS}


@njit(cache=True)
def coordination_profile(x, c_anion_rel, free_rel, eps_b, eps_f, l_eps, a_minus_b_over_rt, k_bulk, n_shell,
                         dielectric, concentration):
    """n_A(x) and ddG/RT(x) for the independent-site competition (see module docstring)."""
    n = x.shape[0]
    n_a = np.empty(n)
    dg = np.empty(n)
    eps = np.empty(n)
    for i in range(n):
        eps[i] = eps_b + (eps_f - eps_b) * np.exp(-x[i] / l_eps)
        dg[i] = a_minus_b_over_rt * (1.0 / eps_b - 1.0 / eps[i]) if dielectric else 0.0
        a_a = c_anion_rel[i] if concentration else 1.0
        a_s = free_rel[i] if concentration else 1.0
        w = k_bulk * np.exp(-dg[i]) * a_a
        n_a[i] = n_shell * w / (w + a_s)
    return n_a, dg, eps


@dataclass(frozen=True)
class SolvationResult:
    x: np.ndarray                         # m
    local_permittivity: np.ndarray        # dimensionless
    anion_coordination: np.ndarray        # mean anions in the Li+ first shell
    exchange_free_energy_shift: np.ndarray  # J/mol, dielectric part ddG(x)
    anion_coordination_dielectric_only: np.ndarray
    anion_coordination_concentration_only: np.ndarray
    coordination_surface: float
    coordination_bulk: float
    coordination_change: float            # surface - bulk
    coordination_surface_dielectric_only: float
    coordination_surface_concentration_only: float
    ion_pair_energy_bulk: float           # J/mol, -A/eps_b
    solvent_bond_energy_bulk: float       # J/mol, -B/eps_b
    dielectric_route_direction: str
    anion_surface_concentration: float    # mol/m^3, from model 2
    surface_charge: float                 # C/m^2, from model 2
    net_surface_charge: float             # C/m^2, from model 2
    parameters: dict

    units = {"x": "m", "local_permittivity": "dimensionless", "anion_coordination": "dimensionless",
             "exchange_free_energy_shift": "J/mol", "coordination_surface": "dimensionless",
             "anion_coordination_dielectric_only": "dimensionless",
             "anion_coordination_concentration_only": "dimensionless",
             "coordination_bulk": "dimensionless", "coordination_change": "dimensionless",
             "coordination_surface_dielectric_only": "dimensionless",
             "coordination_surface_concentration_only": "dimensionless", "ion_pair_energy_bulk": "J/mol",
             "solvent_bond_energy_bulk": "J/mol", "anion_surface_concentration": "mol/m**3",
             "surface_charge": "C/m**2", "net_surface_charge": "C/m**2"}

    def to_dict(self) -> dict:
        return result_dict(self, NAME, self.units)

    def plot(self, path) -> None:
        fig, (a, b) = agg_figure((9, 3.6), 2)
        xn = self.x * 1e9
        a.plot(xn, self.anion_coordination, label="model (switches as set)")
        a.plot(xn, self.anion_coordination_dielectric_only, "--", label="dielectric route only")
        a.plot(xn, self.anion_coordination_concentration_only, ":", label="concentration route only")
        a.axhline(self.coordination_bulk, color="grey", lw=0.8, label="bulk")
        a.set(xlabel="x / nm", ylabel="anions in Li$^+$ first shell", title="anion coordination")
        a.legend(fontsize=8)
        b.semilogy(xn, self.local_permittivity)
        b.set(xlabel="x / nm", ylabel="ε$_r$(x)", title="local permittivity (dielectric route)")
        lim = min(xn[-1], 10 * max(self.parameters["dielectric_penetration_length"] * 1e9, 0.2))
        for ax in (a, b):
            ax.set_xlim(0, lim)
        fig.tight_layout()
        fig.savefig(path, dpi=110)


def run(**overrides) -> SolvationResult:
    """Model 2 runs first with the double-layer parameters among ``overrides``
    (``surface_charge`` alias included); the rest are this model's own."""
    own = {k: v for k, v in overrides.items() if k in _OWN}
    rest = {k: v for k, v in overrides.items() if k not in _OWN}
    p = resolve(OWN_PARAMETERS, own)
    n_shell = p["shell_size"]
    if p["bulk_anion_coordination"] >= n_shell:
        raise ParameterError(f"parameter 'bulk_anion_coordination' = {p['bulk_anion_coordination']:g} is outside the "
                             f"allowed range (0, shell_size = {n_shell:g})")
    dl = double_layer.run(**rest)
    q = dl.parameters
    c0, eps_b, eps_f, t = q["salt_concentration"], q["electrolyte_permittivity"], q["ferroelectric_permittivity"], q["temperature"]
    pref = K.N_A / (4.0 * math.pi * K.EPS0)
    a_pair = pref * K.E_CHARGE**2 / p["ion_pair_distance"]
    b_dip = pref * K.E_CHARGE * p["solvent_dipole_moment"] / p["solvent_dipole_distance"] ** 2
    rt = K.R * t
    pb_ = p["bulk_anion_coordination"] / n_shell
    k_bulk = pb_ / (1.0 - pb_)
    vol_p, vol_m = K.N_A * q["cation_diameter"] ** 3, K.N_A * q["anion_diameter"] ** 3
    free = 1.0 - vol_p * dl.li_concentration - vol_m * dl.anion_concentration
    if free.min() < -1e-12:
        i = int(np.argmin(free))
        raise SolverError(
            f"solvation: the ions of the double-layer profile fill more than the whole volume at x = {dl.x[i]:.3g} m "
            f"(solvent volume fraction 1 - N_A (a+^3 c+ + a-^3 c-) = {free[i]:.3g} < 0), which is unphysical: "
            "the lattice-gas (Bikerman) profile of model 2 cannot overfill; check cation_diameter/anion_diameter "
            "against the double-layer solution")
    free_rel = free / (1.0 - (vol_p + vol_m) * c0)
    c_rel = dl.anion_concentration / c0
    args = (dl.x, c_rel, free_rel, eps_b, eps_f, p["dielectric_penetration_length"], (a_pair - b_dip) / rt, k_bulk, n_shell)
    n_a, dg, eps = coordination_profile(*args, bool(p["dielectric_route"]), bool(p["concentration_route"]))
    n_diel, _, _ = coordination_profile(*args, True, False)
    n_conc, _, _ = coordination_profile(*args, False, True)
    for name, arr in (("anion coordination", n_a), ("free-energy shift", dg), ("permittivity", eps)):
        require_finite(f"solvation {name}", arr)
    direction = ("higher local permittivity -> fewer anions in the shell (ion-pair attraction screened more than the "
                 "solvent bond, A > B)" if a_pair > b_dip else
                 "higher local permittivity -> more anions in the shell (solvent bond screened more, B > A)")
    return SolvationResult(
        x=dl.x, local_permittivity=eps, anion_coordination=n_a, exchange_free_energy_shift=dg * rt,
        anion_coordination_dielectric_only=n_diel, anion_coordination_concentration_only=n_conc,
        coordination_surface=float(n_a[0]), coordination_bulk=float(p["bulk_anion_coordination"]),
        coordination_change=float(n_a[0] - p["bulk_anion_coordination"]),
        coordination_surface_dielectric_only=float(n_diel[0]), coordination_surface_concentration_only=float(n_conc[0]),
        ion_pair_energy_bulk=-a_pair / eps_b, solvent_bond_energy_bulk=-b_dip / eps_b, dielectric_route_direction=direction,
        anion_surface_concentration=dl.anion_surface_concentration, surface_charge=dl.surface_charge,
        net_surface_charge=dl.net_surface_charge, parameters={**q, **p})
