"""The diffuse layer at a charged (ferroelectric) surface, from the Poisson-Boltzmann equation.

Debye length, Grahame equation, Boltzmann surface concentrations and the steric (Bikerman)
limit for a symmetric z:z electrolyte. Bard & Faulkner, Electrochemical Methods, 2nd ed., §13.3;
Bikerman, Philos. Mag. 33 (1942) 384; Kilic, Bazant, Ajdari, Phys. Rev. E 75 (2007) 021502.

Honest consequence: at a positive surface (000 §3.1 claims anions are bound *and* Li+ is
enriched) plain Poisson-Boltzmann enriches anions but depletes Li+; Li+ is enriched only if
specifically adsorbed anions over-compensate the bound charge (law
boltzmann_surface_concentration_adsorbed).
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, SignCondition, Var
from .quantities import T, c0, eps_r, z

F, R, eps0, NA = C["F"], C["R"], C["epsilon_0"], C["N_A"]
lam = Var("lambda_D", r"\lambda_D", "Debye screening length", "m", "positive", "DebyeLength")
sig = Var("sigma_b", r"\sigma_b", "bound surface charge density facing the electrolyte, P.n", "C/m^2",
          "real", "BoundSurfaceCharge")
psi = Var("psi_0", r"\psi_0", "potential of the surface relative to the bulk electrolyte", "V", "real",
          "SurfacePotential")
cLi = Var("c_Li_s", r"c_{\mathrm{Li}^+}(0)", "Li+ concentration at the surface (diffuse layer)", "mol/m^3",
          "positive", "InterfacialLiIonConcentration")
cA = Var("c_A_s", r"c_{A^-}(0)", "anion concentration at the surface (diffuse layer)", "mol/m^3",
         "positive", "InterfacialAnionConcentration")
alpha = Var("alpha_ads", r"\alpha", "specifically adsorbed anion charge as a fraction of the bound charge",
            "dimensionless", "positive", "SpecificallyAdsorbedAnionCharge")
P_r = Var("P_r", "P_r", "remanent polarization of the ferroelectric", "C/m^2", "positive",
          "RemanentPolarization")
cos_t = Var("cos_theta", r"\cos\theta", "cosine of the angle between polarization and surface normal",
            "dimensionless", "(0,1]")
E_s = Var("E_s", "E_s", "electric field at the surface on the electrolyte side", "V/m", "positive",
          "BuiltInElectricField")
a_ion = Var("a_ion", "a", "effective ion size (lattice spacing of the steric model)", "m", "positive", "IonSize")
cmax = Var("c_max", r"c_{\max}", "steric (close-packing) limit of the counter-ion concentration", "mol/m^3",
           "positive")
cA_b = Var("c_A_bik", r"c_{A^-}^{\mathrm{Bik}}(0)", "anion surface concentration with steric exclusion",
           "mol/m^3", "positive", "InterfacialAnionConcentration")
psi_p = Var("psi_0", r"\psi_0", "surface potential (positive surface)", "V", "positive", "SurfacePotential")

x = sp.Symbol("x", positive=True)
VT = R * T.sym / F  # thermal voltage RT/F


def derive_debye() -> Derivation:
    d = Derivation("debye_length", "Debye length from the linearised Poisson-Boltzmann equation")
    phi = sp.Function("phi")
    u = sp.Symbol("u", real=True)
    rho = z.sym * F * c0.sym * (sp.exp(-z.sym * u / VT) - sp.exp(z.sym * u / VT))
    d.step("Poisson-Boltzmann, symmetric z:z salt", sp.Eq(eps_r.sym * eps0 * phi(x).diff(x, 2), -rho.subs(u, phi(x))))
    lin = sp.series(-rho / (eps_r.sym * eps0), u, 0, 2).removeO()
    d.step("Linearise for |z F phi| << RT", sp.Eq(phi(x).diff(x, 2), lin.subs(u, phi(x))))
    k2 = sp.simplify(lin / u)
    d.step("Screened solution phi ~ exp(-x/lambda_D) needs 1/lambda_D^2 =", k2)
    d.result(lam, sp.sqrt(1 / k2))
    return d


def _grahame_psi(d: Derivation) -> sp.Expr:
    p, s_ = sp.symbols("p s", positive=True)
    eps = eps_r.sym * eps0
    rhs = 2 * z.sym * F * c0.sym / eps * sp.sinh(z.sym * p / VT)
    d.step("Poisson-Boltzmann: phi'' = (2 z F c0/eps) sinh(z F phi/RT)", rhs)
    half = sp.simplify(sp.integrate(rhs.subs(p, s_), (s_, 0, p)))
    d.step("First integral from the bulk (phi = phi' = 0): (phi')^2/2 =", half)
    target = sp.sqrt(8 * c0.sym * R * T.sym / eps) * sp.sinh(z.sym * p / (2 * VT))
    assert sp.simplify((2 * half - target ** 2).rewrite(sp.exp)) == 0
    d.step("cosh(y) - 1 = 2 sinh(y/2)^2 gives the surface field |phi'(0)| =", target)
    s_b = sp.Symbol("sigma", positive=True)
    gauss = sp.Eq(s_b, eps * target)
    d.step("Gauss at the surface: sigma = eps |phi'(0)| (Grahame equation, odd in psi_0)", gauss)
    inv = 2 * VT / z.sym * sp.asinh(s_b / sp.sqrt(8 * eps * R * T.sym * c0.sym))
    assert sp.simplify(gauss.rhs.subs(p, inv) - s_b) == 0
    d.step("Inverse (verified by substitution); sinh is odd, so it holds for either sign of sigma",
           sp.Eq(p, inv))
    return inv.subs(s_b, sig.sym)


def derive_grahame() -> Derivation:
    d = Derivation("grahame", "Grahame equation: surface potential of a charged surface")
    d.result(psi, _grahame_psi(d), "Inverted for the potential (valid for either sign of sigma_b)")
    return d


def _boltzmann(d: Derivation, sigma_net: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    ci, zi, ph = sp.symbols("c_i z_i phi", real=True)
    mu = sp.Eq(R * T.sym * sp.log(ci) + zi * F * ph, R * T.sym * sp.log(c0.sym))
    d.step("Equal electrochemical potential at the surface and in the bulk", mu)
    ci_sol = sp.solve(mu, ci)[0]
    d.step("Boltzmann distribution", sp.Eq(ci, ci_sol))
    p0 = _grahame_psi(d).subs(sig.sym, sigma_net)
    d.step("Surface potential from the Grahame equation (law grahame), net diffuse-layer charge", p0)
    c_li = sp.powsimp(ci_sol.subs({zi: z.sym, ph: p0}))
    c_a = sp.powsimp(ci_sol.subs({zi: -z.sym, ph: p0}))
    return c_li, c_a


def derive_boltzmann() -> Derivation:
    d = Derivation("boltzmann_surface_concentration", "Surface concentrations of Li+ and anion (plain PB)")
    c_li, c_a = _boltzmann(d, sig.sym)
    d.result(cLi, c_li, "Li+ at the surface: falls monotonically as sigma_b rises (depleted at a positive surface)")
    d.result(cA, c_a, "Anion at the surface: rises with sigma_b (enriched at a positive surface)")
    return d


def derive_boltzmann_ads() -> Derivation:
    d = Derivation("boltzmann_surface_concentration_adsorbed",
                   "Surface concentrations with specifically adsorbed anions in the Stern layer")
    net = sig.sym * (1 - alpha.sym)
    d.step("Adsorbed anion charge -alpha sigma_b sits in the inner layer; the diffuse layer sees", net)
    c_li, c_a = _boltzmann(d, net)
    d.result(cLi, c_li, "Li+ at the outer Helmholtz plane: enriched at a positive surface only if alpha > 1")
    d.result(cA, c_a)
    return d


def derive_bound_charge() -> Derivation:
    d = Derivation("bound_surface_charge", "Bound surface charge of a polarised ferroelectric")
    d.step("Bound charges: rho_b = -div P in the bulk; the divergence theorem over a pill box at the "
           "surface with outward normal n gives sigma_b = P.n", sp.Eq(sig.sym, P_r.sym * cos_t.sym))
    sb = d.result(sig, P_r.sym * cos_t.sym)
    En = sp.Symbol("E_n")
    gauss = sp.Eq(eps_r.sym * eps0 * En, sb)
    d.step("Gauss's law on a pill box across the surface (field inside the screened ferroelectric ~ 0)", gauss)
    d.result(E_s, sp.solve(gauss, En)[0], "Field at the surface on the electrolyte side, before diffuse-layer "
                                          "screening (it decays over lambda_D)")
    return d


def derive_bikerman() -> Derivation:
    d = Derivation("bikerman_limit", "Steric (Bikerman) limit of counter-ion crowding")
    cp, cm, v = sp.Symbol("c_+", positive=True), sp.Symbol("c_-", positive=True), NA * a_ion.sym ** 3
    yt = z.sym * psi_p.sym / VT
    d.step("Lattice-gas electrochemical potentials (excluded volume a^3 per ion)",
           sp.Eq(sp.Symbol("mu_i"), R * T.sym * (sp.log(sp.Symbol("c_i") * v) - sp.log(1 - v * (cp + cm)))
                 + sp.Symbol("z_i") * F * sp.Symbol("phi")))
    K = {s_: c0.sym * sp.exp(-zz * yt) / (1 - 2 * v * c0.sym) for s_, zz in ((cp, 1), (cm, -1))}
    eqs = [sp.Eq(cp, K[cp] * (1 - v * (cp + cm))), sp.Eq(cm, K[cm] * (1 - v * (cp + cm)))]
    d.step("Equilibrium with the bulk, exponentiated: linear in c_+ and c_-", eqs)
    sol = sp.solve(eqs, [cp, cm], dict=True)[0]
    c_a = sp.simplify(sol[cm])
    d.result(cA_b, c_a, "Anion (counter-ion) concentration at a positive surface")
    lim = sp.limit(c_a, psi_p.sym, sp.oo)
    d.step("Plain PB grows without bound; with steric exclusion, as psi_0 -> oo", sp.Eq(cmax.sym, lim))
    d.result(cmax, lim)
    return d


_PB = "Bard & Faulkner, Electrochemical Methods, 2nd ed., §13.3.2"
_ASSUME = ("symmetric z:z electrolyte, point ions, mean-field Poisson-Boltzmann",
           "uniform permittivity, equilibrium (no current)")
_VALID = ("dilute electrolyte: lambda_D larger than the ion size (strained above ~0.1 M)",)
LAWS = (
    Law("debye_length", "Debye screening length", "diffuse_layer", (lam, eps_r, T, c0, z), ("lambda_D",),
        derive_debye, _ASSUME, _VALID + ("|z F psi| << RT for the linearisation",), _PB,
        (Relation("SaltConcentration", "DebyeLength", "c_0", "lambda_D"),
         Relation("DielectricConstant", "DebyeLength", "epsilon_r", "lambda_D"))),
    Law("grahame", "Grahame equation: sigma = sqrt(8 eps RT c0) sinh(z F psi0 / 2RT)", "diffuse_layer",
        (psi, sig, eps_r, T, c0, z), ("psi_0",), derive_grahame, _ASSUME, _VALID, _PB,
        (Relation("BoundSurfaceCharge", "SurfacePotential", "sigma_b", "psi_0"),)),
    Law("boltzmann_surface_concentration", "Boltzmann surface concentrations of Li+ and anion", "diffuse_layer",
        (cLi, cA, sig, eps_r, T, c0, z), ("c_Li_s", "c_A_s"), derive_boltzmann,
        _ASSUME + ("no specific adsorption: all compensating charge is in the diffuse layer",), _VALID,
        _PB + "; tests the claim of 000 §3.1 (1)",
        (Relation("BoundSurfaceCharge", "InterfacialAnionConcentration", "sigma_b", "c_A_s"),
         Relation("BoundSurfaceCharge", "InterfacialLiIonConcentration", "sigma_b", "c_Li_s")),
        "000", "3.1"),
    Law("boltzmann_surface_concentration_adsorbed", "Surface concentrations with specific anion adsorption",
        "diffuse_layer", (cLi, cA, sig, alpha, eps_r, T, c0, z), ("c_Li_s", "c_A_s"), derive_boltzmann_ads,
        _ASSUME + ("adsorbed anions form a sheet of charge -alpha sigma_b in the inner Helmholtz layer",),
        _VALID, _PB + "; Grahame, Chem. Rev. 41 (1947) 441 (specific adsorption); 000 §3.4 pre-adsorbed anions",
        (Relation("BoundSurfaceCharge", "InterfacialAnionConcentration", "sigma_b", "c_A_s"),
         Relation("BoundSurfaceCharge", "InterfacialLiIonConcentration", "sigma_b", "c_Li_s"),
         Relation("SpecificallyAdsorbedAnionCharge", "InterfacialLiIonConcentration", "alpha_ads", "c_Li_s")),
        "000", "3.1",
        (SignCondition("alpha_ads - 1", "the specifically adsorbed anion charge exceeds the bound charge "
                                        "(sigma_ads > sigma_b: charge over-compensation)"),
         SignCondition("sigma_b", "the bound charge facing the electrolyte is positive"))),
    Law("bound_surface_charge", "Bound surface charge sigma_b = P.n and its field", "diffuse_layer",
        (sig, E_s, P_r, cos_t, eps_r), ("sigma_b", "E_s"), derive_bound_charge,
        ("bound charge not screened inside the ferroelectric", "E_s: field right at the surface; the "
         "diffuse layer screens it over the Debye length"),
        ("below the Curie temperature (P_r > 0)",), "Jackson, Classical Electrodynamics, 3rd ed., §4.3; 000 §3.1",
        (Relation("RemanentPolarization", "BoundSurfaceCharge", "P_r", "sigma_b"),
         Relation("RemanentPolarization", "BuiltInElectricField", "P_r", "E_s")), "000", "3.1"),
    Law("bikerman_limit", "Steric (Bikerman) limit of counter-ion crowding", "diffuse_layer",
        (cA_b, cmax, psi_p, c0, a_ion, T, z), ("c_A_bik", "c_max"), derive_bikerman,
        ("lattice gas of equal-size ions of size a", "mean-field, equilibrium"),
        ("psi_0 up to a few volts; beyond, dielectric saturation also matters",),
        "Bikerman, Philos. Mag. 33 (1942) 384; Kilic, Bazant, Ajdari, Phys. Rev. E 75 (2007) 021502",
        (Relation("SurfacePotential", "InterfacialAnionConcentration", "psi_0", "c_A_bik"),
         Relation("IonSize", "InterfacialAnionConcentration", "a_ion", "c_max")),
        domain_constraints=(("c_0", "1/(2*N_A*a_ion**3*(1 + u_pack))",
                             "bulk packing fraction 2 N_A a^3 c_0 below one"),)),
)
