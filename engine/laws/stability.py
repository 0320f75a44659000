"""Linear stability of a plated Li surface (Mullins-Sekerka type) under diffusion or ohmic control.

A small sinusoidal perturbation h = delta cos(kx) of the electrode grows at rate omega(k):
the salt-concentration field focuses flux on peaks (destabilising, prop. to J) while the
Gibbs-Thomson effect of surface energy raises the equilibrium concentration at peaks
(stabilising, prop. to gamma k^2). Mullins & Sekerka, J. Appl. Phys. 35 (1964) 444;
Sundström & Bark, Electrochim. Acta 40 (1995) 599. This is the tip-amplification loop of 000 §2.1.
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, Var
from .quantities import D, J, T, V_m, gamma, t_a, z

F, R = C["F"], C["R"]
k = Var("k", "k", "wavenumber of the surface perturbation", "1/m", "positive")
c_i = Var("c_i", "c_i", "salt (Li+) concentration at the flat interface", "mol/m^3", "positive",
          "InterfacialLiIonConcentration")
om = Var("omega", r"\omega", "growth rate of the perturbation amplitude", "1/s", "real",
         "PerturbationGrowthRate")
kap_e = Var("kappa_e", r"\kappa_e", "ionic conductivity of the electrolyte", "S/m", "positive",
            "IonicConductivity")
x, zz, dl = sp.symbols("x y delta", real=True)  # y: height above the mean surface


def _perturbation(d: Derivation, what: str, u_i, shift, kv, gibbs: str, vel: str) -> tuple[sp.Expr, sp.Symbol]:
    """Growth rate of h = delta cos(kx) for a Laplacian field u with far-field gradient G.

    The surface value of u is raised by ``shift`` * curvature (Gibbs-Thomson); the surface moves
    at ``kv`` du/dz. Returns (omega in terms of G, G).
    """
    G, A = sp.symbols("G A", real=True)
    u = u_i + G * zz + A * sp.exp(-k.sym * zz) * sp.cos(k.sym * x)
    assert sp.simplify(sp.diff(u, x, 2) + sp.diff(u, zz, 2)) == 0
    d.step(f"Quasi-static {what} above the surface (satisfies Laplace's equation), far-field gradient G", u)
    h = dl * sp.cos(k.sym * x)
    gt = sp.Eq(u.subs(zz, h), u_i + shift * (-sp.diff(h, x, 2)))
    d.step(f"{gibbs} at the surface y = h, curvature kappa = -h''", gt)
    a1 = sp.Symbol("a_1", real=True)
    lin = sp.series((gt.lhs - gt.rhs).subs(A, a1 * dl), dl, 0, 2).removeO()
    A_sol = sp.solve(sp.expand(lin).coeff(dl, 1).subs(x, 0), a1)[0] * dl
    d.step("The response is first order in delta, A = a_1 delta; the O(delta) terms at a peak (x = 0) give",
           sp.Eq(A, A_sol))
    v = kv * sp.diff(u, zz)
    d.step(f"Normal velocity (y up into the electrolyte): {vel}", v)
    v_peak = sp.series(v.subs(A, A_sol).subs({zz: h, x: 0}), dl, 0, 2).removeO()
    om_G = sp.simplify(sp.diff(v_peak, dl))
    d.step("Peak moves faster than the flat front by omega delta",
           sp.Eq(sp.Symbol("v_peak") - v_peak.subs(dl, 0), om_G * dl))
    return om_G, G


def _finish(d: Derivation, om_G: sp.Expr, G: sp.Symbol, far: sp.Eq, text: str) -> None:
    d.step(text, far)
    res = sp.expand(om_G.subs(G, sp.solve(far, G)[0]))
    d.result(om, res, "Growth rate omega(k): the current destabilises, surface energy stabilises short waves")
    kc = [s_ for s_ in sp.solve(res, k.sym) if s_ != 0][0]
    d.step("Marginal wavenumber (omega = 0)", sp.Eq(sp.Symbol("k_c"), kc))


def derive_stability() -> Derivation:
    d = Derivation("linear_stability", "Growth rate of a sinusoidal perturbation of the Li surface")
    om_G, G = _perturbation(d, "salt field", c_i.sym, c_i.sym * gamma.sym * V_m.sym / (R * T.sym),
                            V_m.sym * D.sym / t_a.sym, "Gibbs-Thomson c = c_i (1 + gamma V_m kappa / RT)",
                            "Li flux D dc/dy / t_a times V_m")
    _finish(d, om_G, G, sp.Eq(D.sym * G, J.sym * t_a.sym / (z.sym * F)),
            "Far-field gradient set by the current (as in law sand_time)")
    return d


def derive_stability_ohmic() -> Derivation:
    d = Derivation("linear_stability_ohmic", "Perturbation growth under ohmic (field) control")
    phi_i = sp.Symbol("phi_i", real=True)
    om_G, G = _perturbation(d, "electrolyte potential", phi_i, gamma.sym * V_m.sym / (z.sym * F),
                            V_m.sym * kap_e.sym / (z.sym * F),
                            "Capillary shift of the equilibrium potential phi = phi_i + gamma V_m kappa/(z F)",
                            "Li flux kappa_e dphi/dy /(z F) times V_m")
    _finish(d, om_G, G, sp.Eq(kap_e.sym * G, J.sym), "Far-field field set by the current, J = kappa_e G")
    return d


LAWS = (
    Law("linear_stability", "Growth rate of a surface perturbation with surface-energy stabilisation",
        "stability", (om, k, J, D, c_i, gamma, V_m, t_a, T, z), ("omega",), derive_stability,
        ("quasi-static diffusion field, binary salt with migration lumped into 1/t_a",
         "small amplitude (k delta << 1)", "no elastic or SEI stress"),
        ("below Sand's time (c_i > 0)", "diffusion layer thicker than 1/k"),
        "Mullins & Sekerka, J. Appl. Phys. 35 (1964) 444; Sundstrom & Bark, Electrochim. Acta 40 (1995) 599",
        (Relation("CurrentDensity", "PerturbationGrowthRate", "J", "omega"),
         Relation("SurfaceEnergy", "PerturbationGrowthRate", "gamma", "omega"),
         Relation("SurfaceEnergy", "DendriteGrowth", "gamma", "omega"),
         Relation("CurrentDensity", "DendriteGrowth", "J", "omega"),
         Relation("InterfacialLiIonConcentration", "DendriteGrowth", "c_i", "omega",
                  "salt concentration at the interface scales the capillary (stabilising) term")),
        "000", "2.1"),
    Law("linear_stability_ohmic", "Perturbation growth rate under ohmic (field) control", "stability",
        (om, k, J, kap_e, gamma, V_m, z), ("omega",), derive_stability_ohmic,
        ("quasi-static potential field (no concentration gradients)", "fast interfacial kinetics",
         "small amplitude (k delta << 1)"),
        ("ohmic drop dominates over diffusion (well below the limiting current, or a single-ion conductor)",),
        "Mullins & Sekerka (1964) applied to the ohmic field; Sundstrom & Bark, Electrochim. Acta 40 (1995) 599",
        (Relation("CurrentDensity", "PerturbationGrowthRate", "J", "omega"),
         Relation("SurfaceEnergy", "PerturbationGrowthRate", "gamma", "omega"),
         Relation("IonicConductivity", "PerturbationGrowthRate", "kappa_e", "omega"),
         Relation("IonicConductivity", "DendriteGrowth", "kappa_e", "omega")),
        "000", "2.1"),
)
