"""Classical nucleation of Li: critical nucleus radius and nucleation barrier.

Pei, Zheng, Shi, Li, Cui, Nano Lett. 17 (2017) 1132 (r_c = 2 gamma V_m /(F |eta|));
Kashchiev, Nucleation (2000), ch. 3.
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, Var
from .quantities import V_m, gamma

F = C["F"]
eta = Var("eta_n", r"|\eta|", "magnitude of the (nucleation) overpotential", "V", "positive",
          "NucleationOverpotential")
r_c = Var("r_c", "r_c", "critical nucleus radius", "m", "positive", "CriticalNucleusRadius")
G_c = Var("G_c", r"\Delta G_c", "nucleation barrier of a spherical nucleus", "J", "positive", "NucleationBarrier")
r_n = Var("r_n", "r_n", "radius of the smallest nucleus that is to grow", "m", "positive", "LiNucleusSize")
eta_req = Var("eta_nuc", r"|\eta_n|", "overpotential needed to make nuclei of radius r_n stable", "V", "positive",
              "NucleationOverpotential")
r = sp.Symbol("r", positive=True)


def derive_nucleus() -> Derivation:
    d = Derivation("critical_nucleus_radius", "Critical radius of a Li nucleus")
    dG = -sp.Rational(4, 3) * sp.pi * r ** 3 * F * eta.sym / V_m.sym + 4 * sp.pi * r ** 2 * gamma.sym
    d.step("Free energy of a spherical nucleus: bulk gain F|eta|/V_m per volume, surface cost gamma", dG)
    rc = [s for s in sp.solve(sp.diff(dG, r), r) if s != 0][0]
    d.step("Stationary point dDeltaG/dr = 0", sp.Eq(r, rc))
    d.result(r_c, rc)
    d.result(G_c, sp.simplify(dG.subs(r, rc)), "Barrier height at r_c")
    return d


def derive_overpotential() -> Derivation:
    d = Derivation("nucleation_overpotential", "Nucleation overpotential for a given nucleus size")
    rc = derive_nucleus().results["r_c"]
    eq = sp.Eq(r_n.sym, rc)
    d.step("A nucleus of radius r_n grows once it reaches the critical radius (law critical_nucleus_radius)", eq)
    d.result(eta_req, sp.solve(eq, eta.sym)[0])
    return d


LAWS = (
    Law("critical_nucleus_radius", "Critical nucleus radius r_c = 2 gamma V_m/(F |eta|)", "nucleation",
        (r_c, G_c, gamma, V_m, eta), ("r_c", "G_c"), derive_nucleus,
        ("spherical nucleus, isotropic surface energy", "homogeneous nucleation (no wetting angle)"),
        ("|eta| well above the thermal voltage",),
        "Pei et al., Nano Lett. 17 (2017) 1132",
        (Relation("NucleationOverpotential", "CriticalNucleusRadius", "eta_n", "r_c"),
         Relation("SurfaceEnergy", "CriticalNucleusRadius", "gamma", "r_c"),
         Relation("Overpotential", "CriticalNucleusRadius", "eta_n", "r_c"))),
    Law("nucleation_overpotential", "Nucleation overpotential |eta_n| = 2 gamma V_m/(F r_n)", "nucleation",
        (eta_req, gamma, V_m, r_n), ("eta_nuc",), derive_overpotential,
        ("as critical_nucleus_radius",), ("r_n well above atomic size",), "Pei et al., Nano Lett. 17 (2017) 1132",
        (Relation("SurfaceEnergy", "NucleationOverpotential", "gamma", "eta_nuc"),
         Relation("LiNucleusSize", "NucleationOverpotential", "r_n", "eta_nuc"))),
)
