"""Salt depletion at a plating electrode: Sand's time, limiting current and the regime boundary.

Sand's time is derived from 1D diffusion of the salt with a constant-flux boundary by Laplace
transform (Bard & Faulkner, Electrochemical Methods, 2nd ed., §8.2; 004 §3.2.1 eq. (1)). The
limiting current of a finite cell follows from the steady linear profile (Brissot, Rosso,
Chazalviel, Lascaud, J. Power Sources 81-82 (1999) 925, J* = 2 e c0 D /(t_a L)).
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, Var
from .quantities import D, J, c0, t_Li, t_a, z

t_sand = Var("t_sand", r"t_{\mathrm{sand}}", "Sand's time (surface salt concentration reaches zero)",
             "s", "positive", "SandsTime")
L_cell = Var("L_cell", r"L_{\mathrm{cell}}", "inter-electrode distance", "m", "positive",
             "InterElectrodeDistance")
J_lim = Var("J_lim", r"J_{\mathrm{lim}}", "limiting current density of the finite cell", "A/m^2",
            "positive", "LimitingCurrentDensity")
ratio = Var("tau_ratio", r"t_{\mathrm{sand}}/\tau_D", "Sand's time over the cell diffusion time L^2/D",
            "dimensionless", "positive")

x, t, s = sp.symbols("x t s", positive=True)
F = C["F"]


def derive_sand() -> Derivation:
    d = Derivation("sand_time", "Sand's time from semi-infinite 1D diffusion with constant flux")
    c = sp.Function("c")
    d.step("Governing equation (salt conservation, electroneutral binary electrolyte)",
           sp.Eq(sp.Derivative(c(x, t), t), D.sym * sp.Derivative(c(x, t), x, 2)))
    q = J.sym * t_a.sym / (z.sym * F)
    d.step("Boundary condition at the plating electrode x=0 (salt flux carried in by the anion "
           "share of the current)", sp.Eq(D.sym * sp.Derivative(c(x, t), x).subs(x, 0), q))
    d.step("Initial and far-field condition", sp.Eq(c(x, 0), c0.sym))
    cb = sp.Function("cbar")
    ode = sp.Eq(s * cb(x) - c0.sym, D.sym * cb(x).diff(x, 2))
    d.step("Laplace transform in t (c(x,t) -> cbar(x,s))", ode)
    A = sp.Symbol("A")
    k = sp.sqrt(s / D.sym)
    ansatz = c0.sym / s + A * sp.exp(-k * x)
    assert sp.simplify(ode.lhs.subs(cb(x), ansatz) - D.sym * sp.diff(ansatz, x, 2)) == 0
    d.step("Solution bounded as x -> oo (verified to satisfy the transformed equation)",
           sp.Eq(cb(x), ansatz))
    A_sol = sp.solve(sp.Eq(D.sym * sp.diff(ansatz, x).subs(x, 0), q / s), A)[0]
    d.step("Transformed flux condition D cbar'(0) = J t_a/(z F s) fixes A", sp.Eq(A, A_sol))
    surf = sp.simplify(ansatz.subs(A, A_sol).subs(x, 0))
    d.step("Surface concentration in Laplace space", sp.Eq(cb(0), surf))
    c_surf = sp.inverse_laplace_transform(surf, s, t)
    c_surf = c_surf.subs(sp.Heaviside(t), 1)
    d.step("Inverse Laplace transform (L^-1[s^(-3/2)] = 2 sqrt(t/pi))", sp.Eq(c(0, t), c_surf))
    sol = sp.solve(sp.Eq(c_surf, 0), t)
    d.result(t_sand, sp.simplify(sol[0]), "Sand's time: c(0, t_sand) = 0")
    return d


def derive_anion_transference() -> Derivation:
    d = Derivation("anion_transference", "Anion transference number of a binary electrolyte")
    d.step("Transference numbers of the two ions of a binary salt sum to one",
           sp.Eq(t_Li.sym + t_a.sym, 1))
    d.result(t_a, sp.solve(sp.Eq(t_Li.sym + t_a.sym, 1), t_a.sym)[0])
    return d


def derive_limiting_current() -> Derivation:
    d = Derivation("limiting_current", "Limiting current of a finite symmetric Li|Li cell")
    c = sp.Function("c")
    d.step("Steady state of the diffusion equation", sp.Eq(D.sym * c(x).diff(x, 2), 0))
    sol = sp.dsolve(sp.Eq(c(x).diff(x, 2), 0), c(x)).rhs
    C1, C2 = sorted(sol.free_symbols - {x}, key=str)
    d.step("General solution", sp.Eq(c(x), sol))
    q = J.sym * t_a.sym / (z.sym * F)
    eqs = [sp.Eq(D.sym * sp.diff(sol, x), q),
           sp.Eq(sp.integrate(sol, (x, 0, L_cell.sym)), c0.sym * L_cell.sym)]
    d.step("Flux condition D c' = J t_a/(zF) and salt conservation over the cell", eqs)
    consts = sp.solve(eqs, [C1, C2], dict=True)[0]
    prof = sp.simplify(sol.subs(consts))
    d.step("Steady linear profile", sp.Eq(c(x), prof))
    jl = sp.solve(sp.Eq(prof.subs(x, 0), 0), J.sym)[0]
    d.result(J_lim, sp.simplify(jl), "Limiting current: c(0) = 0 at steady state")
    return d


def derive_regime_boundary() -> Derivation:
    d = Derivation("sand_regime_boundary",
                   "Regime boundary: Sand's time vs the cell diffusion time")
    ts = derive_sand().results["t_sand"]
    jl = derive_limiting_current().results["J_lim"]
    d.step("Sand's time (law sand_time)", sp.Eq(t_sand.sym, ts))
    d.step("Limiting current (law limiting_current)", sp.Eq(J_lim.sym, jl))
    J_of_lim = sp.solve(sp.Eq(J_lim.sym, jl), c0.sym)[0]
    r = sp.simplify(ts.subs(c0.sym, J_of_lim) / (L_cell.sym ** 2 / D.sym))
    d.step("Eliminate c0 and divide by tau_D = L^2/D", sp.Eq(ratio.sym, r))
    d.step("Below J_lim the profile reaches a steady state with c(0) > 0 (no Sand's time); "
           "at J = J_lim depletion happens at t = (pi/16) L^2/D",
           sp.Eq(ratio.sym, r.subs(J.sym, J_lim.sym)))
    d.result(ratio, r)
    return d


def derive_sand_tli() -> Derivation:
    d = Derivation("sand_time_li_transference", "Sand's time with t_a = 1 - t_Li+")
    ts = derive_sand().results["t_sand"]
    ta = derive_anion_transference().results["t_a"]
    d.step("Sand's time (law sand_time)", sp.Eq(t_sand.sym, ts))
    d.step("Anion transference number (law anion_transference)", sp.Eq(t_a.sym, ta))
    d.result(t_sand, ts.subs(t_a.sym, ta), "Substitute")
    return d


_SRC = "Sand (1901); Bard & Faulkner, Electrochemical Methods, 2nd ed., §8.2"
LAWS = (
    Law("sand_time", "Sand's time of salt depletion", "sand",
        (t_sand, D, c0, J, t_a, z), ("t_sand",), derive_sand,
        ("binary salt, electroneutral, concentrated-solution effects lumped into an ambipolar D",
         "semi-infinite electrolyte (diffusion length sqrt(D t) << cell length)",
         "constant current from t = 0, convection neglected"),
        ("J above the limiting current of the cell (otherwise the surface never depletes)",),
        _SRC + "; 004 §3.2.1 eq. (1)",
        (Relation("CurrentDensity", "SandsTime", "J", "t_sand"),
         Relation("AnionTransferenceNumber", "SandsTime", "t_a", "t_sand"),
         Relation("SaltConcentration", "SandsTime", "c_0", "t_sand"),
         Relation("SaltDiffusionCoefficient", "SandsTime", "D", "t_sand")),
        "004", "3.2.1"),
    Law("anion_transference", "Anion transference number t_a = 1 - t_Li+", "sand",
        (t_a, t_Li), ("t_a",), derive_anion_transference,
        ("binary salt: one cation and one anion carry the current",), ("0 < t_Li+ < 1",),
        "004 §3.2.1 (below eq. (1))",
        (Relation("LiIonTransferenceNumber", "AnionTransferenceNumber", "t_Li", "t_a"),),
        "004", "3.2.1"),
    Law("limiting_current", "Limiting current density of a finite cell", "sand",
        (J_lim, D, c0, t_a, z, L_cell), ("J_lim",), derive_limiting_current,
        ("steady state, linear salt profile between two Li electrodes", "binary salt, ambipolar D"),
        ("dilute to moderate concentration; J < J_lim gives a steady, non-depleted profile",),
        "Brissot, Rosso, Chazalviel, Lascaud, J. Power Sources 81-82 (1999) 925",
        (Relation("SaltConcentration", "LimitingCurrentDensity", "c_0", "J_lim"),
         Relation("AnionTransferenceNumber", "LimitingCurrentDensity", "t_a", "J_lim"),
         Relation("InterElectrodeDistance", "LimitingCurrentDensity", "L_cell", "J_lim"))),
    Law("sand_regime_boundary", "Sand's time in units of the cell diffusion time", "sand",
        (ratio, J, J_lim), ("tau_ratio",), derive_regime_boundary,
        ("combines sand_time and limiting_current for the same cell",),
        ("meaningful for J >= J_lim (Sand regime); for J < J_lim there is no depletion",),
        "Chazalviel, Phys. Rev. A 42 (1990) 7355; Brissot et al. (1999)"),
    Law("sand_time_li_transference", "Sand's time in terms of the Li+ transference number", "sand",
        (t_sand, D, c0, J, t_Li, z), ("t_sand",), derive_sand_tli,
        ("as sand_time, with t_a = 1 - t_Li+ (binary salt)",), ("0 < t_Li+ < 1",),
        _SRC + "; 004 §3.2.1 eq. (1) and the definition below it",
        (Relation("LiIonTransferenceNumber", "SandsTime", "t_Li", "t_sand"),),
        "004", "3.2.1"),
)
