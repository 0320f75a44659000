"""Transport across the SEI: ionic resistance (Ohm's law), current split between patches,
electron tunneling (WKB transmission through a rectangular barrier).

Ohm's law claim: 000 §2.2 ("According to Ohm's law ... thin SEI regions exhibit fast ion
transport"). Tunneling: Griffiths, Introduction to Quantum Mechanics, 2nd ed., §8.2; the
~10 Å tunneling threshold of the SEI is 003 §2.2.1.
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, SignCondition, Var
from .quantities import L_sei

sigma = Var("sigma_i", r"\sigma_{\mathrm{Li}}", "Li+ conductivity of the SEI", "S/m", "positive",
            "SEIIonicConductivity")
A = Var("A", "A", "area of the SEI patch", "m^2", "positive")
R = Var("R_sei", r"R_{\mathrm{SEI}}", "ionic resistance of the SEI", "ohm", "positive",
        "SEIIonTransportImpedance")
L1 = Var("L_1", "L_1", "thickness of SEI patch 1 (the thinner)", "m", "positive", "SEIThickness")
L2 = Var("L_2", "L_2", "thickness of SEI patch 2 (the thicker)", "m", "positive", "SEIHeterogeneity")
s1 = Var("sigma_1", r"\sigma_1", "Li+ conductivity of patch 1", "S/m", "positive", "SEIIonicConductivity")
s2 = Var("sigma_2", r"\sigma_2", "Li+ conductivity of patch 2", "S/m", "positive")
f1 = Var("f_1", "f_1", "area fraction of patch 1", "dimensionless", "(0,1)")
eta = Var("eta", r"\eta", "overpotential across the SEI (same for both patches)", "V", "positive")
ratio = Var("r_j", r"j_1/j_2", "ratio of local current densities, patch 1 over patch 2", "dimensionless",
            "positive", "LocalCurrentImbalance")
share = Var("phi_1", r"\phi_1", "share of the total current through patch 1", "dimensionless", "(0,1)",
            "LocalCurrentDensity")
j_app = Var("J", "J", "current density through the SEI", "A/m^2", "positive", "CurrentDensity")
eta_s = Var("eta_sei", r"\eta_{\mathrm{SEI}}", "ohmic overpotential across the SEI", "V", "positive", "Overpotential")
Phi = Var("Phi_b", r"\Phi_b", "tunneling barrier height (conduction-band offset of the SEI)", "J",
          "positive", "TunnelingBarrierHeight")
kappa = Var("kappa", r"\kappa", "decay constant of the electron wavefunction in the SEI", "1/m", "positive")
Tr = Var("T_e", "T_e", "electron transmission probability through the SEI", "dimensionless", "(0,1)",
         "ElectronTunnelingRate")

f_in = Var("f_inorg", "f", "volume fraction of inorganic phase in the SEI", "dimensionless", "(0,1)",
           "InorganicContentOfSEI")
s_in = Var("sigma_inorg", r"\sigma_i", "Li+ conductivity of the inorganic phase", "S/m", "positive")
s_or = Var("sigma_org", r"\sigma_o", "Li+ conductivity of the organic phase", "S/m", "positive")
s_par = Var("sigma_par", r"\sigma_\parallel", "SEI conductivity, phases side by side (upper Wiener bound)",
            "S/m", "positive", "SEIIonicConductivity")
s_ser = Var("sigma_ser", r"\sigma_\perp", "SEI conductivity, phases stacked (lower Wiener bound)", "S/m",
            "positive", "SEIIonicConductivity")

x = sp.Symbol("x", positive=True)


def derive_resistance() -> Derivation:
    d = Derivation("sei_ionic_resistance", "Ionic resistance of a uniform SEI slab")
    phi = sp.Function("phi")
    d.step("Steady current conservation in the slab, j = -sigma dphi/dx",
           sp.Eq(sp.diff(sigma.sym * phi(x).diff(x), x), 0))
    dV = sp.Symbol("Delta_V", positive=True)
    gen = sp.dsolve(sp.Eq(phi(x).diff(x, 2), 0), phi(x)).rhs
    c1, c2 = sorted(gen.free_symbols - {x}, key=str)
    k = sp.solve([gen.subs(x, 0) - dV, gen.subs(x, L_sei.sym)], [c1, c2], dict=True)[0]
    prof = gen.subs(k)
    d.step("Potential drop Delta_V across thickness L", sp.Eq(phi(x), prof))
    I = sp.simplify(-sigma.sym * sp.diff(prof, x) * A.sym)
    d.step("Current through area A", sp.Eq(sp.Symbol("I"), I))
    Rs = d.result(R, sp.simplify(dV / I), "R = Delta_V / I")
    d.result(eta_s, sp.simplify(j_app.sym * A.sym * Rs), "Ohmic overpotential at current density J: eta = J A R")
    return d


def derive_split() -> Derivation:
    d = Derivation("parallel_patch_current_split", "Current split between parallel SEI patches")
    j1 = eta.sym * s1.sym / L1.sym
    j2 = eta.sym * s2.sym / L2.sym
    d.step("Each patch is an ohmic slab (law sei_ionic_resistance) driven by the same overpotential",
           [sp.Eq(sp.Symbol("j_1"), j1), sp.Eq(sp.Symbol("j_2"), j2)])
    d.result(ratio, sp.simplify(j1 / j2), "Local current-density ratio")
    d.result(share, sp.simplify(f1.sym * j1 / (f1.sym * j1 + (1 - f1.sym) * j2)),
             "Share of the total current carried by patch 1")
    return d


def derive_tunneling() -> Derivation:
    d = Derivation("tunneling_transmission", "Electron transmission through an SEI barrier (WKB)")
    psi = sp.Function("psi")
    hbar, m = C["hbar"], C["m_e"]
    se = sp.Eq(-hbar ** 2 / (2 * m) * psi(x).diff(x, 2) + Phi.sym * psi(x), 0)
    d.step("Schroedinger equation inside the barrier (energy measured from the electron level)", se)
    k = sp.Symbol("k")
    roots = sp.solve(sp.Eq(-hbar ** 2 / (2 * m) * k ** 2 + Phi.sym, 0), k)
    kap = [r_ for r_ in roots if r_.is_positive][0]
    d.step("Characteristic roots psi ~ exp(+-kappa x)", roots)
    d.result(kappa, kap, "Decay constant")
    T = sp.Abs(sp.exp(-kap * L_sei.sym)) ** 2
    d.step("Transmission ~ |psi(L)/psi(0)|^2 for the decaying branch (WKB, kappa L >> 1)", T)
    d.result(Tr, sp.simplify(T))
    return d


def derive_wiener() -> Derivation:
    d = Derivation("sei_conductivity_bounds", "Wiener bounds of the Li+ conductivity of a two-phase SEI")
    E, j = sp.symbols("E j", positive=True)
    jp = f_in.sym * s_in.sym * E + (1 - f_in.sym) * s_or.sym * E
    d.step("Phases side by side along the current: same field, currents add by area fraction",
           sp.Eq(j, jp))
    d.result(s_par, sp.simplify(jp / E), "sigma = j/E")
    Es = f_in.sym * j / s_in.sym + (1 - f_in.sym) * j / s_or.sym
    d.step("Phases stacked across the current: same current, potential drops add by thickness fraction",
           sp.Eq(E, Es))
    d.result(s_ser, sp.simplify(j / Es), "sigma = j/E")
    return d


LAWS = (
    Law("sei_ionic_resistance", "SEI ionic resistance R = L/(sigma A)", "sei_transport",
        (R, eta_s, L_sei, sigma, A, j_app), ("R_sei", "eta_sei"), derive_resistance,
        ("uniform slab, ohmic Li+ conduction", "no concentration polarization inside the SEI"),
        ("small overpotential (linear response)",), "Ohm's law; the claim of 000 §2.2",
        (Relation("SEIThickness", "SEIIonTransportImpedance", "L", "R_sei"),
         Relation("SEIIonicConductivity", "SEIIonTransportImpedance", "sigma_i", "R_sei"),
         Relation("SEIThickness", "Overpotential", "L", "eta_sei"),
         Relation("SEIIonicConductivity", "Overpotential", "sigma_i", "eta_sei")),
        "000", "2.2"),
    Law("parallel_patch_current_split", "Current split between parallel SEI patches", "sei_transport",
        (ratio, share, L1, L2, s1, s2, f1, eta), ("r_j", "phi_1"), derive_split,
        ("patches in parallel under the same overpotential", "ohmic SEI, no lateral current"),
        ("patch size >> SEI thickness",), "Ohm's law for parallel conductors; the claim of 000 §2.2",
        (Relation("SEIThickness", "LocalCurrentDensity", "L_1", "phi_1"),
         Relation("SEIIonicConductivity", "LocalCurrentDensity", "sigma_1", "phi_1"),
         Relation("SEIHeterogeneity", "LocalCurrentImbalance", "L_2", "r_j",
                  "heterogeneity as the thickness of the thick patch at a fixed thin patch")),
        "000", "2.2"),
    Law("tunneling_transmission", "Electron tunneling through the SEI, T = exp(-2 kappa L)", "sei_transport",
        (kappa, Tr, Phi, L_sei), ("kappa", "T_e"), derive_tunneling,
        ("rectangular barrier of height Phi_b", "WKB: kappa L >> 1, prefactor of order one dropped"),
        ("SEI thickness above about one nanometre for the WKB form",),
        "Griffiths, Introduction to Quantum Mechanics, 2nd ed., §8.2; 003 §2.2.1 (10 Å threshold)",
        (Relation("SEIThickness", "ElectronTunnelingRate", "L", "T_e"),
         Relation("SEIThickness", "ElectronTunneling", "L", "T_e"),
         Relation("TunnelingBarrierHeight", "ElectronTunnelingRate", "Phi_b", "T_e")),
        "003", "2.2.1"),
    Law("sei_conductivity_bounds", "Wiener bounds of the SEI Li+ conductivity", "sei_transport",
        (s_par, s_ser, f_in, s_in, s_or), ("sigma_par", "sigma_ser"), derive_wiener,
        ("two homogeneous phases, no interfacial (grain-boundary) conduction",),
        ("bounds only; space-charge conduction along LiF/Li2CO3 interfaces is outside them",),
        "Wiener (1912); Hashin & Shtrikman, J. Appl. Phys. 33 (1962) 3125; 003 §2.2.1",
        (Relation("InorganicContentOfSEI", "SEIIonicConductivity", "f_inorg", "sigma_par"),
         Relation("InorganicContentOfSEI", "SEIIonicConductivity", "f_inorg", "sigma_ser")), "003", "2.2.1",
        (SignCondition("sigma_inorg - sigma_org", "the inorganic phase conducts Li+ better than the organic phase"),)),
)
