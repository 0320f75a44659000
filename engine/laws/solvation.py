"""Dielectric effects on ion energetics: Born solvation, Coulomb ion pairs, Fuoss pairing.

Born, Z. Phys. 1 (1920) 45; Israelachvili, Intermolecular and Surface Forces, 3rd ed., §3.3-3.5;
Fuoss, J. Am. Chem. Soc. 80 (1958) 5059. They test 000 §3.2, which argues that a high-permittivity
(ferroelectric) environment loosens the Li+ solvation sheath and pulls anions into it.
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, Var
from .quantities import T, eps_r

e, eps0, NA, kB = C["e"], C["epsilon_0"], C["N_A"], C["k_B"]
zi = Var("z_i", "z", "charge number of the ion", "dimensionless", "positive")
a = Var("a_B", "a", "Born radius of the ion", "m", "positive")
dG = Var("dG_solv", r"\Delta G_{\mathrm{solv}}", "Born solvation free energy (negative)", "J/mol", "real",
         "BornSolvationEnergy")
E_ds = Var("E_desolv", r"E_{\mathrm{desolv}}", "energy to remove the ion from the medium to vacuum (-dG_solv)",
           "J/mol", "positive", "DesolvationEnergy")
r = Var("r_p", "r", "cation-anion contact distance", "m", "positive")
U = Var("U_pair", r"U_{\mathrm{pair}}", "Coulomb energy of a contact ion pair (negative = bound)", "J", "real",
        "IonPairEnergy")
W = Var("W_pair", r"|U_{\mathrm{pair}}|", "binding energy of a contact ion pair", "J", "positive")
K_A = Var("K_A", "K_A", "ion-pair association constant (Fuoss)", "m^3/mol", "positive")
c_A = Var("c_A", "c_A", "free anion concentration near the Li+ ion", "mol/m^3", "positive",
          "InterfacialAnionConcentration")
theta = Var("theta_pair", r"\theta_{\mathrm{pair}}", "fraction of Li+ paired with an anion (anion in the sheath)",
            "dimensionless", "(0,1)", "AnionCoordinationNumber")

q = sp.Symbol("q", positive=True)


def derive_born() -> Derivation:
    d = Derivation("born_solvation", "Born solvation energy of a charged sphere")
    pot = q / (4 * sp.pi * eps0 * sp.Symbol("epsilon") * a.sym)
    d.step("Potential at the surface of a sphere carrying q in a medium of permittivity epsilon", pot)
    Q = zi.sym * e
    w_med = sp.integrate(pot.subs(sp.Symbol("epsilon"), eps_r.sym), (q, 0, Q))
    w_vac = sp.integrate(pot.subs(sp.Symbol("epsilon"), 1), (q, 0, Q))
    d.step("Charging work in the medium and in vacuum", [w_med, w_vac])
    g = sp.factor(NA * (w_med - w_vac))
    d.result(dG, g, "Solvation free energy per mole, N_A (W_medium - W_vacuum)")
    d.result(E_ds, -g, "Desolvation (transfer to vacuum) energy grows with epsilon_r")
    return d


def derive_pair() -> Derivation:
    d = Derivation("coulomb_ion_pair", "Coulomb energy of a contact ion pair in a dielectric")
    rr = sp.Symbol("rho", positive=True)
    Efield = e / (4 * sp.pi * eps0 * eps_r.sym * rr ** 2)
    d.step("Field of the cation (charge +e) at distance rho in the medium (Gauss)", Efield)
    u = sp.integrate(-(-e) * Efield, (rr, sp.oo, r.sym))
    d.step("Work to bring the anion (charge -e) from infinity to contact, U = -int F drho", u)
    d.result(U, sp.simplify(u))
    d.result(W, sp.simplify(-u), "Binding energy falls as 1/epsilon_r: a high-permittivity medium "
                                 "weakens ion pairing")
    return d


def derive_fuoss() -> Derivation:
    d = Derivation("fuoss_ion_pair_association", "Fuoss ion-pair association constant")
    b = e ** 2 / (4 * sp.pi * eps0 * eps_r.sym * r.sym * kB * T.sym)
    d.step("Bjerrum parameter b = |U_pair|/k_B T (law coulomb_ion_pair)", b)
    K = 4 * sp.pi * NA * r.sym ** 3 / 3 * sp.exp(b)
    d.step("Contact pairs: pairs within the contact sphere, Boltzmann-weighted by exp(b)", K)
    d.result(K_A, K)
    x, free = sp.symbols("x_p c_free", positive=True)
    mass = sp.Eq(x / (free * c_A.sym), K_A.sym)
    d.step("Mass action Li+ + A- = LiA: [LiA]/([Li+][A-]) = K_A, with x_p = [LiA]/[Li+]_total, "
           "[Li+] = (1 - x_p)[Li+]_total", mass)
    xp = sp.solve(mass.subs(free, 1 - x), x)[0]
    d.result(theta, sp.simplify(xp.subs(K_A.sym, K)), "Paired fraction of Li+")
    return d


LAWS = (
    Law("born_solvation", "Born solvation energy", "solvation", (dG, E_ds, zi, a, eps_r), ("dG_solv", "E_desolv"),
        derive_born, ("ion as a charged conducting sphere of radius a", "continuum dielectric"),
        ("qualitative for the first solvation shell (dielectric saturation)",),
        "Born, Z. Phys. 1 (1920) 45; tests 000 §3.2 (1)",
        (Relation("DielectricConstant", "BornSolvationEnergy", "epsilon_r", "dG_solv"),
         Relation("DielectricConstant", "DesolvationEnergy", "epsilon_r", "E_desolv",
                  "Born energy of removing the ion to vacuum; not the barrier to shed one solvent molecule"),
         Relation("DielectricConstant", "LiSolventInteraction", "epsilon_r", "E_desolv",
                  "continuum solvation strength of the ion by a medium of permittivity epsilon_r")),
        "000", "3.2"),
    Law("coulomb_ion_pair", "Coulomb ion-pair energy U = -e^2/(4 pi eps0 eps_r r)", "solvation",
        (U, W, r, eps_r), ("U_pair", "W_pair"), derive_pair,
        ("point charges at contact distance r in a continuum",), ("continuum picture, r above ~0.3 nm",),
        "Israelachvili, Intermolecular and Surface Forces, 3rd ed., §3.3; 000 §3.2 (ref. 63)",
        (Relation("DielectricConstant", "IonPairEnergy", "epsilon_r", "W_pair",
                  "binding strength |U|"),), "000", "3.2"),
    Law("fuoss_ion_pair_association", "Fuoss ion-pair association constant", "solvation",
        (K_A, theta, r, eps_r, T, c_A), ("K_A", "theta_pair"), derive_fuoss,
        ("contact pairs only, continuum dielectric", "ideal mass action (no activity coefficients)"),
        ("b = |U|/kT above ~2",), "Fuoss, J. Am. Chem. Soc. 80 (1958) 5059; tests 000 §3.2 (2)",
        (Relation("DielectricConstant", "AnionCoordinationNumber", "epsilon_r", "theta_pair",
                  "paired fraction as the measure of anion entry into the Li+ sheath"),
         Relation("InterfacialAnionConcentration", "AnionCoordinationNumber", "c_A", "theta_pair")), "000", "3.2"),
)
