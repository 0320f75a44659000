"""Electrostatic field concentration at protrusions, from Laplace's equation.

Conducting sphere (E = V/r), hemispherical boss on a grounded plane in a uniform field
(enhancement 3) and a prolate hemi-ellipsoidal boss vs aspect ratio (Jackson, Classical
Electrodynamics, 3rd ed., §2.5 and §3.2; Forbes, Ultramicroscopy 95 (2003) 57 for the ellipsoid).
"""
from __future__ import annotations

import sympy as sp

from .base import C, Derivation, Law, Relation, Var
from .quantities import eps_r

V_tip = Var("V", "V", "potential of the protrusion relative to far away", "V", "positive")
r_tip = Var("r_tip", r"r_{\mathrm{tip}}", "radius of curvature of the tip", "m", "positive", "TipRadius")
E_tip = Var("E_tip", r"E_{\mathrm{tip}}", "electric field at the tip surface", "V/m", "positive",
            "TipElectricField")
sig_tip = Var("sigma_tip", r"\sigma_{\mathrm{tip}}", "surface charge density at the tip", "C/m^2",
              "positive", "LocalChargeDensity")
E_0 = Var("E_0", "E_0", "applied uniform field far from the boss", "V/m", "positive")
R_b = Var("R_b", "R", "radius of the hemispherical boss", "m", "positive")
beta = Var("beta", r"\beta", "field-enhancement factor at the apex", "dimensionless", "positive",
           "FieldEnhancementFactor")
lam = Var("lambda_D", r"\lambda_D", "Debye screening length of the electrolyte", "m", "positive", "DebyeLength")
beta_s = Var("beta_s", r"\beta_s", "tip field over the field at a flat electrode at the same potential",
             "dimensionless", "positive", "FieldEnhancementFactor")
nu = Var("nu", r"\nu", "aspect ratio h/b of the hemi-ellipsoid (height over base radius)",
         "dimensionless", "(1,oo)", "TipAspectRatio")

r, th = sp.symbols("r theta", positive=True)
eps0 = C["epsilon_0"]


def _laplacian_sph(phi):
    return (sp.diff(r ** 2 * sp.diff(phi, r), r) / r ** 2
            + sp.diff(sp.sin(th) * sp.diff(phi, th), th) / (r ** 2 * sp.sin(th)))


def derive_sphere() -> Derivation:
    d = Derivation("sphere_field", "Field at the surface of an isolated conducting sphere")
    phi = sp.Function("phi")
    ode = sp.Eq(sp.diff(r ** 2 * phi(r).diff(r), r) / r ** 2, 0)
    d.step("Laplace's equation, spherical symmetry", ode)
    gen = sp.dsolve(ode, phi(r)).rhs
    d.step("General solution", sp.Eq(phi(r), gen))
    c1, c2 = sorted(gen.free_symbols - {r}, key=str)
    k = sp.solve([sp.limit(gen, r, sp.oo), gen.subs(r, r_tip.sym) - V_tip.sym], [c1, c2], dict=True)[0]
    pot = gen.subs(k)
    d.step("phi(oo) = 0 and phi(r_tip) = V", sp.Eq(phi(r), pot))
    E = sp.simplify(-sp.diff(pot, r).subs(r, r_tip.sym))
    d.result(E_tip, E, "Field at the surface, E = -dphi/dr at r = r_tip")
    d.result(sig_tip, eps_r.sym * eps0 * E, "Gauss: surface charge density sigma = eps E")
    return d


def derive_screened_sphere() -> Derivation:
    d = Derivation("screened_sphere_field", "Field at a charged sphere in an electrolyte (Debye-Hueckel)")
    phi = sp.Function("phi")
    ode = sp.Eq(sp.diff(r ** 2 * phi(r).diff(r), r) / r ** 2, phi(r) / lam.sym ** 2)
    d.step("Linearised Poisson-Boltzmann (law debye_length), spherical symmetry", ode)
    A, B = sp.symbols("A B")
    gen = (A * sp.exp(-r / lam.sym) + B * sp.exp(r / lam.sym)) / r
    assert sp.simplify(ode.lhs.subs(phi(r), gen).doit() - ode.rhs.subs(phi(r), gen)) == 0
    d.step("General solution (verified by substitution)", sp.Eq(phi(r), gen))
    dec = gen.subs(B, 0)
    pot = dec.subs(A, sp.solve(dec.subs(r, r_tip.sym) - V_tip.sym, A)[0])
    d.step("Bounded as r -> oo (B = 0), phi(r_tip) = V", sp.Eq(phi(r), sp.simplify(pot)))
    E = sp.expand(sp.simplify(-sp.diff(pot, r).subs(r, r_tip.sym)))
    d.result(E_tip, E, "Surface field: the curvature term V/r_tip matters only when r_tip is not >> lambda_D")
    flat = sp.limit(E, r_tip.sym, sp.oo)
    d.step("Flat electrode (r_tip -> oo)", sp.Eq(sp.Symbol("E_flat"), flat))
    d.result(beta_s, sp.expand(E / flat), "Electrostatic enhancement over a flat electrode")
    return d


def derive_hemisphere() -> Derivation:
    d = Derivation("hemisphere_boss_enhancement", "Hemispherical boss on a grounded plane in a uniform field")
    A, B = sp.symbols("A B")
    phi = (A * r + B / r ** 2) * sp.cos(th)
    d.step("Axisymmetric l = 1 solution of Laplace's equation (verified)", phi)
    assert sp.simplify(_laplacian_sph(phi)) == 0
    k = sp.solve([sp.Eq(A, -E_0.sym), sp.Eq(phi.subs(r, R_b.sym), 0)], [A, B], dict=True)[0]
    pot = phi.subs(k)
    d.step("phi -> -E_0 z far away, phi = 0 on the boss (r = R); phi = 0 on the plane theta = pi/2 "
           "holds automatically", pot)
    assert sp.simplify(pot.subs(th, sp.pi / 2)) == 0
    Er = sp.simplify(-sp.diff(pot, r).subs(r, R_b.sym))
    d.step("Normal field on the boss", Er)
    d.result(E_tip, Er.subs(th, 0), "Field at the apex (theta = 0)")
    d.result(beta, sp.simplify(Er.subs(th, 0) / E_0.sym), "Enhancement factor")
    return d


def derive_hemiellipsoid() -> Derivation:
    d = Derivation("hemiellipsoid_enhancement", "Prolate hemi-ellipsoidal boss on a grounded plane")
    xi, eta, a = sp.symbols("xi eta a", positive=True)
    Q1 = xi * sp.acoth(xi) - 1
    leg = lambda f: sp.diff((xi ** 2 - 1) * sp.diff(f, xi), xi) - 2 * f  # noqa: E731
    assert sp.simplify(leg(Q1.rewrite(sp.log))) == 0 and sp.simplify(leg(xi)) == 0
    d.step("In prolate spheroidal coordinates (z = a xi eta) the l = 1 harmonics are eta P1(xi) and "
           "eta Q1(xi); Legendre's equation verified for", sp.Eq(sp.Symbol("Q_1"), Q1))
    xi0 = sp.Symbol("xi_0", positive=True)
    phi = -E_0.sym * a * eta * (xi - xi0 * Q1 / Q1.subs(xi, xi0))
    d.step("Potential: uniform field plus induced dipole, phi = 0 on the spheroid xi = xi_0 "
           "(and on the plane eta = 0)", phi)
    Ez = sp.simplify(-sp.diff(phi.subs(eta, 1), xi) / a).subs(xi, xi0)
    b0 = sp.simplify(Ez / E_0.sym)
    d.step("Apex field on the axis (eta = 1, dz = a dxi), divided by E_0", sp.Eq(beta.sym, b0))
    n = nu.sym
    sub = b0.subs(xi0, n / sp.sqrt(n ** 2 - 1))
    ident = sp.acoth(n / sp.sqrt(n ** 2 - 1))
    for v in (1.2, 3.0, 40.0):  # acoth(nu/sqrt(nu^2-1)) = acosh(nu) for nu > 1
        assert abs(float(ident.subs(n, v) - sp.acosh(v))) < 1e-12
    sub = sub.subs(ident, sp.acosh(n))
    d.step("Surface of aspect ratio nu = h/b: xi_0 = nu/sqrt(nu^2-1); acoth(xi_0) = acosh(nu)", sub)
    res = sp.simplify(sub)
    d.result(beta, res)
    d.result(E_tip, res * E_0.sym, "Apex field E_tip = beta E_0")
    d.result(sig_tip, eps_r.sym * eps0 * res * E_0.sym, "Gauss: apex surface charge density sigma = eps E_tip")
    d.step("Sphere limit nu -> 1", sp.Eq(beta.sym, sp.limit(res, n, 1, "+")))
    return d


LAWS = (
    Law("sphere_field", "Field at a conducting sphere, E = V/r", "field_enhancement",
        (E_tip, sig_tip, V_tip, r_tip, eps_r), ("E_tip", "sigma_tip"), derive_sphere,
        ("isolated conductor, electrostatics (no screening by the electrolyte)",),
        ("no electrolyte screening: in an electrolyte only for r_tip << lambda_D (law screened_sphere_field)",),
        "Jackson, Classical Electrodynamics, 3rd ed., §1.13; invoked in 000 §2.1 (ref. 33)",
        (Relation("TipRadius", "TipElectricField", "r_tip", "E_tip"),
         Relation("TipRadius", "LocalChargeDensity", "r_tip", "sigma_tip")),
        "000", "2.1"),
    Law("screened_sphere_field", "Field at a charged sphere in an electrolyte, E = V (1/r + 1/lambda_D)",
        "field_enhancement", (E_tip, beta_s, V_tip, r_tip, lam), ("E_tip", "beta_s"), derive_screened_sphere,
        ("linearised Poisson-Boltzmann (|V| << RT/F)", "equilibrium double layer, no current"),
        ("|V| below ~25 mV for the linearisation",),
        "Debye-Hueckel theory; Bard & Faulkner, Electrochemical Methods, 2nd ed., §13.3; tests 000 §2.1",
        (Relation("TipRadius", "TipElectricField", "r_tip", "E_tip"),
         Relation("TipRadius", "FieldEnhancementFactor", "r_tip", "beta_s"),
         Relation("DebyeLength", "FieldEnhancementFactor", "lambda_D", "beta_s")),
        "000", "2.1"),
    Law("hemisphere_boss_enhancement", "Hemispherical boss on a plane: apex field 3 E_0", "field_enhancement",
        (E_tip, beta, E_0, R_b), ("E_tip", "beta"), derive_hemisphere,
        ("perfect conductor, uniform applied field, no screening",),
        ("electrostatics below the Debye length, or the ohmic/diffusion field outside the double layer",),
        "Jackson, Classical Electrodynamics, 3rd ed., §3.2 (sphere in a uniform field)"),
    Law("hemiellipsoid_enhancement", "Hemi-ellipsoidal boss: enhancement vs aspect ratio", "field_enhancement",
        (beta, E_tip, sig_tip, nu, E_0, eps_r), ("beta", "E_tip", "sigma_tip"), derive_hemiellipsoid,
        ("perfect conductor, uniform applied field, no screening", "prolate shape (nu > 1)"),
        ("electrostatics below the Debye length, or the ohmic/diffusion field outside the double layer",),
        "Forbes, Edgcombe, Valdre, Ultramicroscopy 95 (2003) 57; Jackson 3rd ed. §3.2",
        (Relation("TipAspectRatio", "FieldEnhancementFactor", "nu", "beta"),
         Relation("SurfaceTip", "TipElectricField", "nu", "E_tip",
                  "the aspect ratio measures how pronounced the tip is"),
         Relation("SurfaceTip", "LocalChargeDensity", "nu", "sigma_tip",
                  "the aspect ratio measures how pronounced the tip is"))),
)
