"""Chazalviel's space-charge picture of dendrite onset (Phys. Rev. A 42 (1990) 7355).

After Sand's time the anions have left a zone next to the cathode; the current there is carried
by cations alone, which form a space charge. Poisson's equation plus the cation current give the
field in the zone; dendrites grow at the speed the anions retreat, v = mu_a E_0.
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, Var
from .quantities import J, c0, eps_r, t_Li, t_a, z

E_sc = Var("E_sc", r"E_{\mathrm{sc}}", "electric field in the anion-depleted zone", "V/m", "positive",
           "SpaceChargeField")
rho_sc = Var("rho_sc", r"\rho_{\mathrm{sc}}", "space-charge density in the depleted zone", "C/m^3",
             "positive", "SpaceCharge")
x_d = Var("x_d", "x", "distance into the depleted zone from its edge", "m", "positive")
mu_c = Var("mu_c", r"\mu_c", "electrical mobility of Li+", "m^2/(V*s)", "positive")
mu_a = Var("mu_a", r"\mu_a", "electrical mobility of the anion", "m^2/(V*s)", "positive", "AnionMobility")
E_0 = Var("E_0", "E_0", "electric field in the neutral bulk", "V/m", "positive")
v_d = Var("v_d", "v", "velocity of the dendrite front", "m/s", "positive", "DendriteTipGrowthRate")

F, eps0 = C["F"], C["epsilon_0"]
x = x_d.sym


def derive_space_charge() -> Derivation:
    d = Derivation("space_charge_field", "Field in Chazalviel's anion-depleted zone")
    E, cp = sp.Function("E"), sp.Symbol("c_+", positive=True)
    eps = eps_r.sym * eps0
    d.step("Poisson's equation with cations only (anions depleted)",
           sp.Eq(eps * E(x).diff(x), z.sym * F * cp))
    cur = sp.Eq(J.sym, z.sym * F * cp * mu_c.sym * E(x))
    d.step("The current is carried by cation migration", cur)
    cp_sol = sp.solve(cur, cp)[0]
    ode = sp.Eq(eps * E(x).diff(x), z.sym * F * cp_sol)
    d.step("Eliminate c_+", ode)
    sols = sp.dsolve(ode, E(x), ics={E(0): 0})
    sols = sols if isinstance(sols, list) else [sols]
    pos = [s_.rhs for s_ in sols if s_.rhs.subs(x, 1).subs({J.sym: 1, eps_r.sym: 1, mu_c.sym: 1,
                                                               eps0: 1}).is_positive]
    d.step("Solutions with E(0) = 0 at the edge of the zone", sols)
    E_sol = sp.simplify(pos[0])
    d.result(E_sc, E_sol, "Field in the zone (the positive branch: field points away from the cathode)")
    d.result(rho_sc, sp.simplify(eps * sp.diff(E_sol, x)), "Space-charge density rho = eps dE/dx")
    return d


def derive_front_velocity() -> Derivation:
    d = Derivation("dendrite_front_velocity", "Velocity of the dendrite front in Chazalviel's model")
    d.step("The front must keep pace with the retreating anions", sp.Eq(v_d.sym, mu_a.sym * E_0.sym))
    ohm = sp.Eq(J.sym, z.sym * F * c0.sym * (mu_a.sym + mu_c.sym) * E_0.sym)
    d.step("Ohmic bulk: both ions migrate in the field E_0", ohm)
    e0 = sp.solve(ohm, E_0.sym)[0]
    d.result(E_0, e0, "Bulk field")
    v = sp.simplify(mu_a.sym * e0)
    t_a = sp.Symbol("t_a", positive=True)
    d.step("With t_a = mu_a/(mu_a + mu_c): v = t_a J/(z F c_0)",
           sp.Eq(v_d.sym, sp.simplify(v.subs(mu_a.sym, t_a * mu_c.sym / (1 - t_a)))))
    d.result(v_d, v)
    return d


def derive_front_velocity_ta() -> Derivation:
    d = Derivation("dendrite_front_velocity_transference", "Dendrite front velocity in transference numbers")
    v = derive_front_velocity().results["v_d"]
    d.step("Front velocity (law dendrite_front_velocity)", sp.Eq(v_d.sym, v))
    ta_def = sp.Eq(t_a.sym, mu_a.sym / (mu_a.sym + mu_c.sym))
    d.step("Anion transference number of a binary electrolyte", ta_def)
    v_ta = sp.simplify(v.subs(mu_a.sym, sp.solve(ta_def, mu_a.sym)[0]))
    d.result(v_d, v_ta)
    return d


def derive_front_velocity_tli() -> Derivation:
    d = Derivation("dendrite_front_velocity_li_transference", "Dendrite front velocity in t_Li+")
    v = derive_front_velocity_ta().results["v_d"]
    d.step("Front velocity (law dendrite_front_velocity_transference)", sp.Eq(v_d.sym, v))
    d.step("Binary electrolyte (law anion_transference)", sp.Eq(t_a.sym, 1 - t_Li.sym))
    d.result(v_d, v.subs(t_a.sym, 1 - t_Li.sym))
    return d


_SRC = "Chazalviel, Phys. Rev. A 42 (1990) 7355; Fleury et al., Phys. Rev. A 44 (1991) 6693"
LAWS = (
    Law("space_charge_field", "Field and space charge in the anion-depleted zone", "space_charge",
        (E_sc, rho_sc, J, eps_r, mu_c, x_d), ("E_sc", "rho_sc"), derive_space_charge,
        ("anion concentration negligible in the zone; steady current", "no diffusion of cations in the zone"),
        ("after Sand's time (J above the limiting current)",), _SRC + "; cited in 004 §3.2.1 (ref. 96, 103)",
        (Relation("CurrentDensity", "SpaceChargeField", "J", "E_sc"),
         Relation("CurrentDensity", "SpaceCharge", "J", "rho_sc")),
        "004", "3.2.1"),
    Law("dendrite_front_velocity", "Dendrite front velocity v = mu_a E_0", "space_charge",
        (v_d, E_0, J, c0, mu_a, mu_c, z), ("E_0", "v_d"), derive_front_velocity,
        ("electroneutral bulk, binary salt", "front advances at the anion drift velocity"),
        ("after Sand's time",), _SRC + "; Brissot et al., J. Power Sources 81-82 (1999) 925",
        (Relation("CurrentDensity", "DendriteTipGrowthRate", "J", "v_d"),
         Relation("AnionMobility", "DendriteTipGrowthRate", "mu_a", "v_d"),
         Relation("CurrentDensity", "DendriteGrowth", "J", "v_d"))),
    Law("dendrite_front_velocity_transference", "Dendrite front velocity v = t_a J/(z F c_0)", "space_charge",
        (v_d, J, c0, t_a, z), ("v_d",), derive_front_velocity_ta,
        ("as dendrite_front_velocity; t_a = mu_a/(mu_a + mu_c)",), ("after Sand's time",), _SRC,
        (Relation("AnionTransferenceNumber", "DendriteTipGrowthRate", "t_a", "v_d"),
         Relation("AnionTransferenceNumber", "DendriteGrowth", "t_a", "v_d"),
         Relation("SaltConcentration", "DendriteTipGrowthRate", "c_0", "v_d"))),
    Law("dendrite_front_velocity_li_transference", "Dendrite front velocity v = (1 - t_Li+) J/(z F c_0)",
        "space_charge", (v_d, J, c0, t_Li, z), ("v_d",), derive_front_velocity_tli,
        ("as dendrite_front_velocity_transference; binary salt",), ("after Sand's time",), _SRC,
        (Relation("LiIonTransferenceNumber", "DendriteTipGrowthRate", "t_Li", "v_d"),
         Relation("LiIonTransferenceNumber", "DendriteGrowth", "t_Li", "v_d"))),
)
