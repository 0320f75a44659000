"""Model 2 — double layer between a ferroelectric surface and a 1:1 Li-salt electrolyte (1D).

Equations (x from the ferroelectric surface into the electrolyte; kernels in ``pb_kernels``)::

    eps_e eps0 psi'' = -F (c+ - c-)                                   Poisson
    c+- = c0 exp(-+e psi/kT) / (1 - nu+ - nu- + nu+ exp(-e psi/kT) + nu- exp(e psi/kT))
          nu_i = c0 N_A a_i^3                                         Bikerman lattice gas
    eps_e eps0 E(0) = sigma + sigma_ads - C_f psi(0)                  Gauss at the surface
    sigma = P_r (1 - f_comp),  sigma_ads = -F Gamma_max theta,  C_f = eps_f eps0 / t_f

``sigma`` is the ferroelectric's uncompensated bound charge; C_f is the ferroelectric layer's
own capacitance, through which part of the charge is shunted when its back face sits at the
bulk-electrolyte potential (assumption: coating on a conductor at the potential of zero charge;
t_f -> large gives the plain Neumann condition eps_e eps0 E(0) = sigma + sigma_ads).
Specifically adsorbed anions sit in the surface plane (no separate Stern layer). Coverage theta:
0 (plain theory), a fixed value, or a Langmuir isotherm solved self-consistently with the
surface anion concentration, theta = K a/(1 + K a), K = exp(-dG_ads/RT), a = c-(0)/(1 M).
Unequal ion sizes enter only through the volume fractions (single-lattice approximation).

Dilute limit (nu -> 0, C_f -> 0): Grahame, sigma = sqrt(8 eps eps0 kT c0 N_A) sinh(e psi0/2kT)
(Bard & Faulkner, 2nd ed., §13.3.2). Steric limit: the counter-ion saturates at 1/(N_A a^3).

What plain theory says (and this model shows): a positive surface (sigma > 0) without specific
adsorption makes psi0 > 0 and c+(0) = c0 exp(-e psi0/kT)/Dn < c0 — Li+ is DEPLETED from the
diffuse layer, anions are enriched. Li+ enrichment at the surface appears only when adsorbed
anion charge over-compensates the surface charge, F Gamma_max theta > sigma (net charge < 0);
``critical_coverage`` reports that threshold. The field decays on the Debye length (~0.1–0.2 nm
at 1 M), so a ferroelectric particle in a separator micrometres from the Li surface exerts no
field there: ``field_at_probe`` (and its log10) quantify it. At 1 M the Debye length is below an
ion diameter, where continuum PB is at best qualitative (reported, not corrected).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simulator import constants as K
from simulator import pb_kernels as pb
from simulator.grids import capped_graded_grid
from simulator.results import agg_figure, result_dict
from simulator.parameters import Parameter, ParameterError, SolverError, require_finite, resolve

NAME = "double_layer"
SUMMARY = "1D Poisson-Boltzmann-Bikerman double layer at a ferroelectric surface with optional adsorbed anions"
C_STD = 1000.0  # mol/m^3, standard concentration of the Langmuir activity (1 M)
# Accepted by run() besides PARAMETERS: surface_charge=sigma means remanent_polarization=sigma, compensated_fraction=0.
ALIASES = {"surface_charge": Parameter("surface_charge", 0.026, "C/m**2",
                                       "uncompensated surface charge sigma (alias: P_r = sigma, compensated_fraction = 0)",
                                       "alias of remanent_polarization", -1.0, 1.0)}

PARAMETERS = (
    Parameter("salt_concentration", 1000.0, "mol/m**3", "bulk salt concentration c0",
              "outside estimate: 1 M LiPF6 in carbonates, the usual Li-metal test electrolyte", 0.0, 1.0e4, False),
    Parameter("electrolyte_permittivity", 20.0, "dimensionless", "relative permittivity eps_e of the electrolyte",
              "outside estimate: 1 M LiPF6 in EC/DMC lies between DMC (3.1) and EC (~90); salt lowers it", 1.0, 200.0),
    Parameter("ferroelectric_permittivity", 1000.0, "dimensionless", "relative permittivity eps_f of the ferroelectric",
              "000 §3.2 (1): eps_r > 1000 for BaTiO3", 1.0, 1.0e5),
    Parameter("ferroelectric_thickness", 1.0e-6, "m", "ferroelectric layer thickness t_f (sets C_f = eps_f eps0 / t_f)",
              "outside estimate: micrometre ferroelectric coating/particle layer (000 §3.1: coating or separator filler)", 0.0, 1.0, False),
    Parameter("remanent_polarization", 0.26, "C/m**2", "remanent polarisation P_r normal to the surface (sign = orientation)",
              "Merz, Phys. Rev. 91 (1953) 513: BaTiO3 single crystal, 26 uC/cm^2 at room temperature", -1.0, 1.0),
    Parameter("compensated_fraction", 0.9, "dimensionless", "fraction of P_r compensated by internal/adsorbed screening charge",
              "outside estimate: bound charge of ferroelectric particles is mostly screened; 10 % left uncompensated", 0.0, 1.0),
    Parameter("cation_diameter", 0.6e-9, "m", "steric diameter a+ of solvated Li+",
              "outside estimate: Li+ with its carbonate first shell, ~0.6 nm", 0.0, 2.0e-9, False),
    Parameter("anion_diameter", 0.5e-9, "m", "steric diameter a- of the anion",
              "outside estimate: PF6- ionic diameter ~0.5 nm (cf. Marcus, Ion Properties, 1997)", 0.0, 2.0e-9, False),
    Parameter("adsorption_model", 0.0, "dimensionless", "0 none (plain theory), 1 fixed coverage, 2 Langmuir from adsorption_energy",
              "model switch", 0.0, 2.0, integer=True),
    Parameter("adsorbed_coverage", 0.0, "dimensionless", "coverage theta of specifically adsorbed anions (adsorption_model = 1)",
              "000 §3.4 'pre-adsorbed anion-type FDs' (value: outside estimate)", 0.0, 1.0),
    Parameter("adsorption_site_density", 4.6e-6, "mol/m**2", "monolayer capacity Gamma_max of adsorbed anions",
              "outside estimate: one anion per (0.6 nm)^2", 0.0, 1.0e-4, False),
    Parameter("adsorption_energy", -20.0e3, "J/mol", "standard Gibbs energy of specific anion adsorption (adsorption_model = 2)",
              "outside estimate: moderate specific adsorption, a few RT", -2.0e5, 2.0e5),
    Parameter("temperature", 298.15, "K", "temperature", "IUPAC standard temperature", 150.0, 600.0),
    Parameter("probe_distance", 1.0e-6, "m", "distance at which the field is reported (ferroelectric in the separator)",
              "outside estimate: separator-borne ferroelectric micrometres from the Li surface (000 §3.1)", 0.0, 1.0e-2),
    Parameter("n_nodes", 401.0, "dimensionless", "grid nodes", "numerical setting", 50.0, 1.0e5, integer=True),
    Parameter("newton_tolerance", 1e-10, "dimensionless", "Newton step tolerance on e psi / kT", "numerical setting", 0.0, 1e-2, False),
    Parameter("max_newton_iterations", 200.0, "dimensionless", "Newton iteration limit", "numerical setting", 1.0, 1.0e4, integer=True),
)


@dataclass(frozen=True)
class DoubleLayerResult:
    x: np.ndarray                      # m
    potential: np.ndarray              # V
    li_concentration: np.ndarray       # mol/m^3
    anion_concentration: np.ndarray    # mol/m^3
    field: np.ndarray                  # V/m
    surface_charge: float              # C/m^2, uncompensated bound charge P_r (1 - f)
    adsorbed_coverage: float
    adsorbed_charge: float             # C/m^2 (<= 0)
    net_surface_charge: float          # C/m^2, sigma + sigma_ads
    ferroelectric_shunt_charge: float  # C/m^2, -C_f psi0
    diffuse_charge: float              # C/m^2, charge in the electrolyte = -eps_e eps0 E(0)
    surface_potential: float           # V vs bulk
    interfacial_field: float           # V/m, E(0+)
    li_surface_concentration: float    # mol/m^3
    anion_surface_concentration: float  # mol/m^3
    li_surface_excess: float           # mol/m^2
    anion_surface_excess: float        # mol/m^2
    surface_packing_fraction: float    # N_A (a+^3 c+ + a-^3 c-) at x = 0
    anion_saturation_concentration: float  # mol/m^3, 1/(N_A a-^3)
    debye_length: float                # m
    field_decay_length: float          # m, decay length of the far field (= Debye length)
    field_reach_1pct: float            # m, where |E| = 1 % of |E(0)|
    probe_distance: float              # m
    field_at_probe: float              # V/m (0.0 when below float range)
    field_at_probe_log10: float | None  # log10(|E| / (V/m)); None when the surface is uncharged
    li_enriched: bool                  # c+(0) > c0
    critical_coverage: float           # theta above which Li+ is enriched: sigma / (F Gamma_max)
    enrichment_condition: str
    newton_iterations: int
    parameters: dict

    units = {"x": "m", "potential": "V", "li_concentration": "mol/m**3", "anion_concentration": "mol/m**3",
             "field": "V/m", "surface_charge": "C/m**2", "adsorbed_coverage": "dimensionless",
             "adsorbed_charge": "C/m**2", "net_surface_charge": "C/m**2", "ferroelectric_shunt_charge": "C/m**2",
             "diffuse_charge": "C/m**2", "surface_potential": "V", "interfacial_field": "V/m",
             "li_surface_concentration": "mol/m**3", "anion_surface_concentration": "mol/m**3",
             "li_surface_excess": "mol/m**2", "anion_surface_excess": "mol/m**2",
             "surface_packing_fraction": "dimensionless", "anion_saturation_concentration": "mol/m**3",
             "debye_length": "m", "field_decay_length": "m", "field_reach_1pct": "m", "probe_distance": "m",
             "field_at_probe": "V/m", "field_at_probe_log10": "log10(V/m)", "critical_coverage": "dimensionless"}

    def to_dict(self) -> dict:
        return result_dict(self, NAME, self.units)

    def field_at(self, distance: float) -> tuple[float, float | None]:
        """(E in V/m, log10 |E|) at ``distance`` metres from the surface; beyond the grid the
        linearised tail exp(-x / lambda_D) is used (E may underflow to 0.0; the log10 does not)."""
        if not distance >= 0.0:
            raise ParameterError(f"distance = {distance!r} m is outside the allowed range [0, inf) m")
        return _field_reach(self.x, self.field, self.debye_length, float(distance))[1:]

    def plot(self, path) -> None:
        fig, (a, b, c) = agg_figure((10, 3.6), 3)
        xn = self.x * 1e9
        a.plot(xn, self.potential * 1e3)
        a.set(xlabel="x / nm", ylabel="ψ / mV", title=f"potential (λ_D = {self.debye_length * 1e9:.3g} nm)")
        b.semilogy(xn, self.li_concentration, label="Li+")
        b.semilogy(xn, self.anion_concentration, label="anion")
        b.axhline(self.parameters["salt_concentration"], color="grey", lw=0.8)
        b.set(xlabel="x / nm", ylabel="c / mol m$^{-3}$", title="ions")
        b.legend(fontsize=8)
        c.semilogy(xn, np.abs(self.field) + 1e-300)
        c.set(xlabel="x / nm", ylabel="|E| / V m$^{-1}$", title="field", ylim=(max(abs(self.interfacial_field), 1.0) * 1e-12, None))
        for ax in (a, b, c):
            ax.set_xlim(0, min(xn[-1], 12 * self.debye_length * 1e9 + 5 * self.parameters["anion_diameter"] * 1e9))
        fig.tight_layout()
        fig.savefig(path, dpi=110)


# Parameters read by only one adsorption_model; giving one explicitly with another mode is an error.
_MODE_SPECIFIC = {"adsorbed_coverage": 1, "adsorption_energy": 2}
_MODE_NAMES = {0: "0 (none)", 1: "1 (fixed coverage)", 2: "2 (Langmuir)"}


def _check_mode_specific(overrides: dict, mode: int) -> None:
    for name, needed in _MODE_SPECIFIC.items():
        if name in overrides and mode != needed:
            raise ParameterError(
                f"parameter '{name}' is used only with adsorption_model = {_MODE_NAMES[needed]} but adsorption_model = "
                f"{_MODE_NAMES[mode]}; set adsorption_model={needed} or drop '{name}' "
                f"(adsorption_model allowed: {', '.join(_MODE_NAMES.values())})")


def _overrides_with_alias(overrides: dict) -> dict:
    o = dict(overrides)
    if "surface_charge" in o:
        if "remanent_polarization" in o or "compensated_fraction" in o:
            raise ParameterError("give either surface_charge or remanent_polarization/compensated_fraction, not both")
        o["remanent_polarization"] = ALIASES["surface_charge"].check(o.pop("surface_charge"))
        o["compensated_fraction"] = 0.0
    return o


def run(**overrides) -> DoubleLayerResult:
    """Solve the double layer. ``surface_charge=sigma`` (C/m^2) is accepted as an alias for
    ``remanent_polarization=sigma, compensated_fraction=0``."""
    p = resolve(PARAMETERS, _overrides_with_alias(overrides))
    _check_mode_specific(overrides, int(p["adsorption_model"]))
    c0, er, t = p["salt_concentration"], p["electrolyte_permittivity"], p["temperature"]
    ap, am = p["cation_diameter"], p["anion_diameter"]
    nu_p, nu_m = c0 * K.N_A * ap**3, c0 * K.N_A * am**3
    if nu_p + nu_m >= 1.0:
        raise ParameterError(
            f"salt_concentration = {c0:g} mol/m**3 with cation_diameter = {ap:g} m and anion_diameter = {am:g} m "
            f"fills {nu_p + nu_m:.3g} of the volume; allowed: c0 N_A (a+^3 + a-^3) in [0, 1)")
    vt = K.thermal_voltage(t)
    lam = K.debye_length(c0, er, t)
    scale = lam / (vt * er * K.EPS0)  # C/m^2 -> scaled slope
    sigma = p["remanent_polarization"] * (1.0 - p["compensated_fraction"])
    gmax = p["adsorption_site_density"]
    kf = p["ferroelectric_permittivity"] * lam / (er * p["ferroelectric_thickness"])
    mode = int(p["adsorption_model"])
    sig_est = max(abs(sigma), K.F * gmax if mode else 0.0)
    steric = sig_est / (K.F / (K.N_A * min(ap, am) ** 3))
    length = 40.0 * lam + 4.0 * steric + 4.0 * max(ap, am)
    n = int(p["n_nodes"])
    xi = capped_graded_grid(length / lam, n, min(2e-3, 0.05 * min(ap, am) / lam), 1.04)
    tol, maxit = p["newton_tolerance"], int(p["max_newton_iterations"])
    if mode == 2:
        log_kc = -p["adsorption_energy"] / (K.R * t) + math.log(c0 / C_STD)
        phi, theta, status, its = pb.solve_pb_langmuir(xi, nu_p, nu_m, sigma * scale, K.F * gmax * scale, kf, log_kc, tol, maxit)
    else:
        theta = p["adsorbed_coverage"] if mode == 1 else 0.0
        phi, status, its = pb.solve_pb(xi, nu_p, nu_m, (sigma - K.F * gmax * theta) * scale, kf, tol, maxit)
    if status != pb.OK:
        why = "did not converge" if status == pb.NOT_CONVERGED else "produced a non-finite Newton step"
        raise SolverError(f"double_layer: Newton {why} after {its} iterations (surface charge {sigma:g} C/m**2, "
                          f"coverage {theta:g}); raise max_newton_iterations or n_nodes")
    require_finite("double_layer potential", phi)
    s_ads = -K.F * gmax * theta
    net = sigma + s_ads
    s_net = net * scale
    dphi = pb.slope_profile(xi, phi, nu_p, nu_m, s_net, kf)
    cp, cm = pb.concentration_profiles(phi, nu_p, nu_m)
    x = xi * lam
    e_field = -dphi * vt / lam
    for name, arr in (("field", e_field), ("Li+ concentration", cp), ("anion concentration", cm)):
        require_finite(f"double_layer {name}", arr)
    psi0 = phi[0] * vt
    shunt = -K.EPS0 * p["ferroelectric_permittivity"] / p["ferroelectric_thickness"] * psi0
    e0 = (net + shunt) / (er * K.EPS0)
    tail = phi[-1]  # linear tail beyond L: c+- - c0 ~ -+ c0 phi, integral over (L, inf) = -+ c0 lam phi(L)
    gp = c0 * (np.trapezoid(cp - 1.0, x) - lam * tail)
    gm = c0 * (np.trapezoid(cm - 1.0, x) + lam * tail)
    reach, e_probe, log_probe = _field_reach(x, e_field, lam, p["probe_distance"])
    crit = sigma / (K.F * gmax) if sigma > 0 else 0.0
    cond = (f"Li+ enrichment at the surface needs net charge sigma + sigma_ads < 0, i.e. adsorbed anion charge "
            f"F Gamma_max theta > sigma = {sigma:.4g} C/m**2 (theta > {crit:.4g}); here net = {net:.4g} C/m**2")
    return DoubleLayerResult(
        x=x, potential=phi * vt, li_concentration=cp * c0, anion_concentration=cm * c0, field=e_field,
        surface_charge=sigma, adsorbed_coverage=float(theta), adsorbed_charge=s_ads, net_surface_charge=net,
        ferroelectric_shunt_charge=shunt, diffuse_charge=-(net + shunt), surface_potential=float(psi0),
        interfacial_field=float(e0), li_surface_concentration=float(cp[0] * c0),
        anion_surface_concentration=float(cm[0] * c0), li_surface_excess=float(gp), anion_surface_excess=float(gm),
        surface_packing_fraction=float(nu_p * cp[0] + nu_m * cm[0]), anion_saturation_concentration=1.0 / (K.N_A * am**3),
        debye_length=lam, field_decay_length=lam, field_reach_1pct=reach, probe_distance=p["probe_distance"],
        field_at_probe=e_probe, field_at_probe_log10=log_probe, li_enriched=bool(cp[0] > 1.0),
        critical_coverage=crit, enrichment_condition=cond, newton_iterations=int(its), parameters=p)


def _field_reach(x, e_field, lam, probe):
    """1 % reach of |E| and the field at ``probe``. Beyond the last node where |E| > 1e-8 |E(0)|
    (further out the profile is at round-off level) the tail exp(-x/lam) is extrapolated."""
    mag = np.abs(e_field)
    if mag[0] == 0.0:
        return 0.0, 0.0, None
    target = 0.01 * mag[0]
    below = np.nonzero(mag <= target)[0]
    if below.size and below[0] > 0:
        i = below[0]
        f = math.log(mag[i - 1] / target) / math.log(mag[i - 1] / max(mag[i], 1e-300))
        reach = float(x[i - 1] + f * (x[i] - x[i - 1]))
    else:
        reach = float(x[-1] + lam * math.log(mag[-1] / target))
    anchor = int(np.nonzero(mag > 1e-8 * mag[0])[0][-1])
    if probe <= x[anchor]:
        val = float(np.interp(probe, x, e_field))
        return reach, val, (math.log10(abs(val)) if val != 0.0 else None)
    log10 = math.log10(mag[anchor]) - (probe - x[anchor]) / (lam * math.log(10.0))
    return reach, float(math.copysign(10.0**log10, e_field[anchor])), float(log10)
