"""Linear stability of a plated Li surface (Mullins-Sekerka type) under diffusion control.

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
x, zz, dl = sp.symbols("x z delta", real=True)


def derive_stability() -> Derivation:
    d = Derivation("linear_stability", "Growth rate of a sinusoidal perturbation of the Li surface")
    G, A = sp.symbols("G A", real=True)
    c = c_i.sym + G * zz + A * sp.exp(-k.sym * zz) * sp.cos(k.sym * x)
    assert sp.simplify(sp.diff(c, x, 2) + sp.diff(c, zz, 2)) == 0
    d.step("Quasi-static salt field above the surface (satisfies Laplace's equation), far-field gradient G", c)
    h = dl * sp.cos(k.sym * x)
    Gam = gamma.sym * V_m.sym / (R * T.sym)
    gt = sp.Eq(c.subs(zz, h), c_i.sym * (1 + Gam * (-sp.diff(h, x, 2))))
    d.step("Gibbs-Thomson at the surface z = h: c = c_i (1 + gamma V_m kappa / RT), kappa = -h''", gt)
    a1 = sp.Symbol("a_1", real=True)
    lin = sp.series((gt.lhs - gt.rhs).subs(A, a1 * dl), dl, 0, 2).removeO()
    A_sol = sp.solve(sp.expand(lin).coeff(dl, 1).subs(x, 0), a1)[0] * dl
    d.step("The response is first order in delta, A = a_1 delta; the O(delta) terms at a peak (x = 0) give",
           sp.Eq(A, A_sol))
    vel = V_m.sym * D.sym / t_a.sym * sp.diff(c, zz)
    d.step("Normal velocity: Li flux D dc/dz / t_a times V_m", vel)
    v_peak = sp.series(vel.subs(A, A_sol).subs({zz: h, x: 0}), dl, 0, 2).removeO()
    v0 = v_peak.subs(dl, 0)
    om_G = sp.simplify(sp.diff(v_peak, dl))
    d.step("Peak moves faster than the flat front by omega delta", sp.Eq(sp.Symbol("v_peak") - v0, om_G * dl))
    flux = sp.Eq(D.sym * G, J.sym * t_a.sym / (z.sym * F))
    d.step("Far-field gradient set by the current (as in law sand_time)", flux)
    res = sp.expand(om_G.subs(G, sp.solve(flux, G)[0]))
    d.result(om, res, "Growth rate omega(k): the current destabilises, surface energy stabilises short waves")
    kc = [s for s in sp.solve(res, k.sym) if s != 0][0]
    d.step("Marginal wavenumber (omega = 0)", sp.Eq(sp.Symbol("k_c"), kc))
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
)
