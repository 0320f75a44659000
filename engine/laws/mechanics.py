"""Mechanical suppression of dendrites: Monroe-Newman shear-modulus criterion and the
effective modulus of a two-phase (inorganic/organic) SEI (Voigt and Reuss bounds).

Monroe & Newman, J. Electrochem. Soc. 152 (2005) A396: interfacial roughening is suppressed when
the separator's shear modulus exceeds about twice that of Li (G_Li = 4.25 GPa in their work, hence
~8.5 GPa). The factor K_MN ~ 2 is the output of their full linear-elastic model (Poisson ratio ~0.33,
equal partial molar volumes); it is an input here, not re-derived. Voigt (1889) and Reuss (1929)
bounds: Hill, Proc. Phys. Soc. A 65 (1952) 349. 003 §2.2.2 states an SEI modulus above 3 GPa
suppresses dendrites.
"""
from __future__ import annotations

import sympy as sp

from .base import Derivation, Law, Relation, SignCondition, Var

G_Li = Var("G_Li", r"G_{\mathrm{Li}}", "shear modulus of Li metal", "Pa", "positive")
G_s = Var("G_s", r"G_s", "shear modulus of the SEI / separator", "Pa", "positive", "ShearModulus")
K_MN = Var("K_MN", r"K_{\mathrm{MN}}", "Monroe-Newman ratio G_s/G_Li needed for stability (~2)",
           "dimensionless", "positive")
nu_s = Var("nu_s", r"\nu_s", "Poisson ratio of the SEI", "dimensionless", "(0,1)")
G_req = Var("G_req", r"G_{\mathrm{req}}", "shear modulus needed for suppression", "Pa", "positive")
E_req = Var("E_req", r"E_{\mathrm{req}}", "Young's modulus needed for suppression", "Pa", "positive")
chi = Var("chi_MN", r"\chi_{\mathrm{MN}}", "instability ratio K_MN G_Li / G_s (> 1: not suppressed)",
          "dimensionless", "positive", "DendriteGrowth")
f = Var("f_inorg", r"f", "volume fraction of inorganic phase in the SEI", "dimensionless", "(0,1)",
        "InorganicContentOfSEI")
E_i = Var("E_inorg", r"E_i", "Young's modulus of the inorganic phase", "Pa", "positive")
E_o = Var("E_org", r"E_o", "Young's modulus of the organic phase", "Pa", "positive")
E_V = Var("E_V", r"E_V", "Voigt (iso-strain, upper) bound of the SEI modulus", "Pa", "positive", "SEIModulus")
E_R = Var("E_R", r"E_R", "Reuss (iso-stress, lower) bound of the SEI modulus", "Pa", "positive", "SEIModulus")


def derive_mn() -> Derivation:
    d = Derivation("monroe_newman", "Monroe-Newman shear-modulus criterion")
    crit = sp.Ge(G_s.sym, K_MN.sym * G_Li.sym, evaluate=False)
    d.step("Criterion of Monroe & Newman (2005), K_MN ~ 2 from their linear-elastic model", crit)
    d.result(G_req, K_MN.sym * G_Li.sym, "Shear modulus needed")
    E, G, nu = sp.symbols("E G nu", positive=True)
    iso = sp.Eq(G, E / (2 * (1 + nu)))
    d.step("Isotropic linear elasticity", iso)
    d.result(E_req, sp.solve(iso, E)[0].subs({G: K_MN.sym * G_Li.sym, nu: nu_s.sym}),
             "Young's modulus needed (compare 003 §2.2.2: 3 GPa)")
    d.result(chi, K_MN.sym * G_Li.sym / G_s.sym, "Instability ratio: dendrites suppressed iff chi_MN < 1")
    return d


def derive_vr() -> Derivation:
    d = Derivation("voigt_reuss", "Voigt and Reuss bounds of a two-phase SEI modulus")
    eps, sig = sp.symbols("varepsilon sigma", positive=True)
    sV = f.sym * E_i.sym * eps + (1 - f.sym) * E_o.sym * eps
    d.step("Iso-strain (phases in parallel): stresses add by volume fraction", sp.Eq(sig, sV))
    d.result(E_V, sp.simplify(sV / eps), "Voigt bound E = sigma/epsilon")
    eR = f.sym * sig / E_i.sym + (1 - f.sym) * sig / E_o.sym
    d.step("Iso-stress (phases in series): strains add by volume fraction", sp.Eq(eps, eR))
    d.result(E_R, sp.simplify(sig / eR), "Reuss bound E = sigma/epsilon")
    return d


LAWS = (
    Law("monroe_newman", "Monroe-Newman criterion G_s >= K_MN G_Li", "mechanics",
        (G_req, E_req, chi, G_s, G_Li, K_MN, nu_s), ("G_req", "E_req", "chi_MN"), derive_mn,
        ("linear elasticity, small sinusoidal roughness", "K_MN ~ 2 taken from the paper's model"),
        ("solid electrolyte or SEI bonded to Li; not a liquid-wetted porous SEI",),
        "Monroe & Newman, J. Electrochem. Soc. 152 (2005) A396",
        (Relation("ShearModulus", "DendriteGrowth", "G_s", "chi_MN"),
         Relation("SEIModulus", "DendriteGrowth", "G_s", "chi_MN"))),
    Law("voigt_reuss", "Voigt/Reuss bounds of the SEI modulus", "mechanics",
        (E_V, E_R, f, E_i, E_o), ("E_V", "E_R"), derive_vr,
        ("two isotropic phases, perfect bonding",), ("bounds only: the true modulus lies between",),
        "Hill, Proc. Phys. Soc. A 65 (1952) 349; 003 §2.2.2 (3 GPa threshold)",
        (Relation("InorganicContentOfSEI", "SEIModulus", "f_inorg", "E_V"),
         Relation("InorganicContentOfSEI", "SEIModulus", "f_inorg", "E_R")), "003", "2.2.2",
        (SignCondition("E_inorg - E_org", "the inorganic phase is stiffer than the organic phase "
                                          "(003 §2.2.2: LiF stiff, ROCO2Li softest)"),)),
)
