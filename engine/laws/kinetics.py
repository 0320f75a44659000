"""Field-lowered reduction barrier and the anion-versus-solvent reduction selectivity.

Transition-state theory with a barrier lowered linearly by the field acting on the change of
dipole moment between reactant and transition state (Bockris & Reddy, Modern Electrochemistry
2A, §7; Shaik et al., Nature Chem. 8 (2016) 1091 on electric-field catalysis). Tests the claim of
000 §3.3 that the ferroelectric field lowers the anion reduction barrier.
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, SignCondition, Var
from .quantities import T

kB = C["k_B"]
E = Var("E_f", r"E_f", "electric field at the interface", "V/m", "positive", "BuiltInElectricField")
G_A0 = Var("G_A0", r"\Delta G^\ddagger_{A,0}", "anion reduction barrier at zero field", "J", "positive")
G_S0 = Var("G_S0", r"\Delta G^\ddagger_{S,0}", "solvent reduction barrier at zero field", "J", "positive")
m_A = Var("dmu_A", r"\Delta\mu_A", "field coupling of the anion (dipole change to the transition state)",
          "C*m", "positive")
m_S = Var("dmu_S", r"\Delta\mu_S", "field coupling of the solvent (dipole change to the transition state)",
          "C*m", "positive")
x_A = Var("x_A", "x_A", "anion mole fraction at the reaction plane", "dimensionless", "(0,1)",
          "InterfacialAnionConcentration")
G_A = Var("G_A", r"\Delta G^\ddagger_A", "anion reduction barrier in the field", "J", "real",
          "AnionReductionBarrier")
r_AS = Var("r_AS", r"k_A/k_S", "rate ratio of anion to solvent reduction", "dimensionless", "positive",
           "AnionToSolventReductionRatio")


def derive_barrier() -> Derivation:
    d = Derivation("field_lowered_barrier", "Field-lowered reduction barriers and selectivity")
    Gsym = sp.Function("DeltaG")
    d.step("Barrier in a field: first-order (dipole) term", sp.Eq(Gsym(E.sym), G_A0.sym - m_A.sym * E.sym))
    gA = G_A0.sym - m_A.sym * E.sym
    gS = G_S0.sym - m_S.sym * E.sym
    d.result(G_A, gA)
    nu = sp.Symbol("nu_0", positive=True)
    kA = nu * x_A.sym * sp.exp(-gA / (kB * T.sym))
    kS = nu * (1 - x_A.sym) * sp.exp(-gS / (kB * T.sym))
    d.step("Transition-state rates with the same attempt frequency, weighted by occupancy", [kA, kS])
    ratio = sp.simplify(sp.powsimp(kA / kS))
    d.result(r_AS, ratio, "Rate ratio; it rises with the field only if dmu_A > dmu_S")
    return d


LAWS = (
    Law("field_lowered_barrier", "Field-lowered reduction barrier and anion/solvent rate ratio", "kinetics",
        (G_A, r_AS, E, G_A0, G_S0, m_A, m_S, x_A, T), ("G_A", "r_AS"), derive_barrier,
        ("barrier lowered linearly in the field (no polarizability term)", "same attempt frequency",
         "field oriented so that it lowers the anion barrier (dmu_A > 0)"),
        ("dmu_A E << G_A0 (barrier stays positive)",),
        "Shaik, Mandal, Ramanan, Nature Chem. 8 (2016) 1091; tests 000 §3.3 (1)",
        (Relation("BuiltInElectricField", "AnionReductionBarrier", "E_f", "G_A"),
         Relation("BuiltInElectricField", "AnionReduction", "E_f", "r_AS"),
         Relation("InterfacialAnionConcentration", "AnionReduction", "x_A", "r_AS"),
         Relation("AnionReductionBarrier", "AnionReduction", "G_A0", "r_AS")),
        "000", "3.3",
        (SignCondition("dmu_A - dmu_S", "the field lowers the anion's barrier more than the solvent's "
                                        "(dmu_A > dmu_S)"),)),
)
