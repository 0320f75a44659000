"""SEI growth laws and their crossovers.

Reaction-limited (linear), solvent-diffusion-limited (parabolic) and electron-tunneling-limited
(logarithmic) growth of the SEI thickness L(t), each from its rate equation dL/dt = rate(L).
Pinson & Bazant, J. Electrochem. Soc. 160 (2013) A243 (diffusion); Li, Kolesnikov et al.
(tunneling-limited logarithmic growth: Tang, Lu, Newman, J. Electrochem. Soc. 159 (2012) A1775);
Deal & Grove, J. Appl. Phys. 36 (1965) 3770 (linear-parabolic crossover).
"""
from __future__ import annotations

import sympy as sp

from .base import Derivation, Law, Relation, Var

t = Var("t", "t", "time", "s", "positive")
L = Var("L_t", "L(t)", "SEI thickness at time t", "m", "positive", "SEIThickness")
L0 = Var("L_0", "L_0", "SEI thickness at t = 0", "m", "positive")
k_r = Var("k_r", "k_r", "reaction-limited growth velocity", "m/s", "positive")
D_s = Var("D_s", "D_s", "solvent diffusion coefficient in the SEI", "m^2/s", "positive")
c_s = Var("c_s", "c_s", "solvent concentration at the SEI/electrolyte interface", "mol/m^3", "positive")
Om = Var("Omega", r"\Omega", "SEI volume formed per mole of solvent reduced", "m^3/mol", "positive")
k_e = Var("k_e", "k_e", "tunneling-limited growth velocity extrapolated to zero thickness", "m/s",
          "positive", "ElectronTunnelingRate")
kap = Var("kappa", r"\kappa", "electron decay constant in the SEI (law tunneling_transmission)", "1/m",
          "positive")
L_rd = Var("L_rd", r"L^*_{\mathrm{r/d}}", "crossover thickness reaction -> diffusion limited", "m", "positive")
L_rt = Var("L_rt", r"L^*_{\mathrm{r/t}}", "crossover thickness reaction -> tunneling limited", "m", "positive")

Lf = sp.Function("L")
ts = t.sym


def _solve_growth(d: Derivation, rate: sp.Expr) -> sp.Expr:
    ode = sp.Eq(Lf(ts).diff(ts), rate.subs(L.sym, Lf(ts)))
    d.step("Growth law dL/dt = rate(L)", ode)
    sols = sp.dsolve(ode, Lf(ts), ics={Lf(0): L0.sym})
    sols = sols if isinstance(sols, list) else [sols]
    good = [s_.rhs for s_ in sols if s_.rhs.subs({ts: 1, L0.sym: 1, k_r.sym: 1, D_s.sym: 1, c_s.sym: 1,
                                                  Om.sym: 1, k_e.sym: 1, kap.sym: 1}).is_positive]
    d.step("Solution with L(0) = L_0 (positive branch)", sp.Eq(Lf(ts), good[0]))
    return sp.simplify(good[0])


def derive_reaction() -> Derivation:
    d = Derivation("sei_growth_reaction", "Reaction-limited SEI growth (linear)")
    d.result(L, _solve_growth(d, k_r.sym))
    return d


def derive_diffusion() -> Derivation:
    d = Derivation("sei_growth_diffusion", "Solvent-diffusion-limited SEI growth (parabolic)")
    d.step("Quasi-steady solvent flux through the film, consumed at the Li side", Om.sym * D_s.sym * c_s.sym / L.sym)
    d.result(L, _solve_growth(d, Om.sym * D_s.sym * c_s.sym / L.sym))
    return d


def derive_tunneling() -> Derivation:
    d = Derivation("sei_growth_tunneling", "Electron-tunneling-limited SEI growth (logarithmic)")
    d.step("Rate proportional to the tunneling transmission exp(-2 kappa L) (law tunneling_transmission)",
           k_e.sym * sp.exp(-2 * kap.sym * L.sym))
    res = _solve_growth(d, k_e.sym * sp.exp(-2 * kap.sym * L.sym))
    d.result(L, sp.expand_log(res, force=False))
    return d


def derive_crossover_rd() -> Derivation:
    d = Derivation("sei_growth_crossover_reaction_diffusion", "Crossover from linear to parabolic growth")
    eq = sp.Eq(k_r.sym, Om.sym * D_s.sym * c_s.sym / L.sym)
    d.step("Growth switches control where the two rates are equal (the slower step controls)", eq)
    d.result(L_rd, sp.solve(eq, L.sym)[0])
    return d


def derive_crossover_rt() -> Derivation:
    d = Derivation("sei_growth_crossover_reaction_tunneling", "Crossover from linear to logarithmic growth")
    eq = sp.Eq(k_r.sym, k_e.sym * sp.exp(-2 * kap.sym * L.sym))
    d.step("Equal reaction-limited and tunneling-limited rates", eq)
    sol = sp.solve(eq, L.sym)[0]
    num, den = sp.fraction(sp.together(sol))
    d.result(L_rt, sp.logcombine(num, force=True) / den)
    d.step("Exists (L_rt > 0) only if k_e > k_r: below L_rt electrons are plentiful and the reaction "
           "limits; above it tunneling limits", sp.Gt(k_e.sym, k_r.sym))
    return d


L_td = Var("L_td", r"L^*_{\mathrm{t/d}}", "crossover thickness diffusion -> tunneling limited (large root)",
           "m", "positive")


def derive_crossover_td() -> Derivation:
    d = Derivation("sei_growth_crossover_tunneling_diffusion",
                   "Crossover from diffusion-limited back to tunneling-limited growth")
    rate_d = Om.sym * D_s.sym * c_s.sym / L.sym
    eq = sp.Eq(k_e.sym * sp.exp(-2 * kap.sym * L.sym), rate_d)
    d.step("Equal tunneling-limited and diffusion-limited rates", eq)
    y = 2 * kap.sym * Om.sym * D_s.sym * c_s.sym / k_e.sym
    d.step("With u = 2 kappa L this reads u exp(-u) = y; real roots need y <= 1/e", sp.Le(y, sp.exp(-1)))
    root = -sp.LambertW(-y, -1) / (2 * kap.sym)
    resid = (eq.lhs - eq.rhs).subs(L.sym, root)
    vals = {kap.sym: 1.0, Om.sym: 1.0, D_s.sym: 1.0, c_s.sym: 1.0, k_e.sym: 20.0}
    assert abs(complex(resid.subs(vals).evalf())) < 1e-12
    d.step("Large root on the W_{-1} branch (verified to satisfy the equation): beyond it the "
           "exponentially decaying tunneling supply is slower than diffusion",
           sp.Eq(L_td.sym, root, evaluate=False))
    d.result(L_td, root)
    return d


_G = "SEI growth"
LAWS = (
    Law("sei_growth_reaction", "Reaction-limited SEI growth, L = L0 + k_r t", "sei_growth",
        (L, L0, k_r, t), ("L_t",), derive_reaction, ("constant reduction rate: electrons and solvent plentiful",),
        ("thin SEI (below both crossover thicknesses)",), "Deal & Grove, J. Appl. Phys. 36 (1965) 3770",
        (Relation("SEIGrowthRate", "SEIThickness", "k_r", "L_t"),
         Relation("SEIGrowth", "SEIThickness", "k_r", "L_t"))),
    Law("sei_growth_diffusion", "Solvent-diffusion-limited SEI growth, L^2 = L0^2 + 2 Omega D c t", "sei_growth",
        (L, L0, D_s, c_s, Om, t), ("L_t",), derive_diffusion,
        ("quasi-steady linear solvent profile in the film", "reaction at the Li/SEI interface is fast"),
        ("L above the reaction/diffusion crossover",),
        "Pinson & Bazant, J. Electrochem. Soc. 160 (2013) A243",
        (Relation("SolventDiffusivityInSEI", "SEIThickness", "D_s", "L_t"),)),
    Law("sei_growth_tunneling", "Tunneling-limited SEI growth, L = ln(exp(2 kappa L0) + 2 kappa k_e t)/(2 kappa)",
        "sei_growth", (L, L0, k_e, kap, t), ("L_t",), derive_tunneling,
        ("growth rate proportional to the electron tunneling probability",),
        ("L above the reaction/tunneling crossover",),
        "Tang, Lu, Newman, J. Electrochem. Soc. 159 (2012) A1775; 000 §2.2 (electron leakage)",
        (Relation("ElectronTunnelingRate", "SEIThickness", "k_e", "L_t"),
         Relation("ElectronTunneling", "SEIGrowth", "k_e", "L_t")),
        "000", "2.2"),
    Law("sei_growth_crossover_reaction_diffusion", "Crossover thickness L* = Omega D c / k_r", "sei_growth",
        (L_rd, D_s, c_s, Om, k_r), ("L_rd",), derive_crossover_rd, ("series steps; slower one controls",),
        ("sharp-crossover approximation of the Deal-Grove law",), "Deal & Grove (1965)"),
    Law("sei_growth_crossover_reaction_tunneling", "Crossover thickness L* = ln(k_e/k_r)/(2 kappa)", "sei_growth",
        (L_rt, k_e, k_r, kap), ("L_rt",), derive_crossover_rt, ("series steps; slower one controls",),
        ("k_e > k_r",), "follows from sei_growth_reaction and sei_growth_tunneling"),
    Law("sei_growth_crossover_tunneling_diffusion", "Crossover thickness tunneling vs diffusion (Lambert W)",
        "sei_growth", (L_td, k_e, kap, D_s, c_s, Om), ("L_td",), derive_crossover_td,
        ("series steps; slower one controls",), ("2 kappa Omega D_s c_s / k_e <= 1/e",),
        "follows from sei_growth_diffusion and sei_growth_tunneling"),
)
