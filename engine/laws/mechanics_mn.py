"""Elastic half-space under a sinusoidal surface displacement, derived from the Navier equations.

This is the elasticity building block of the Monroe-Newman analysis (Monroe & Newman,
J. Electrochem. Soc. 152 (2005) A396): an interface perturbation h(x) = A cos(k x) between Li and
a solid electrolyte/SEI displaces each solid, and the stresses it raises at the interface enter the
electrochemical potential of the deposition reaction. It is NOT yet a law: the law
``monroe_newman`` (mechanics.py) still takes the ratio K_MN ~ 2 as an input, because the step from
these stresses to Monroe-Newman's Delta mu_e- (which stress components, with which partial molar
volumes) could not be checked against the paper here. See docs/laws.md.

Plane strain, isotropic linear elasticity, small amplitude (k A << 1). The solid fills y > 0; its
surface y = 0 is displaced by u_y = A cos(k x), and either bonded (u_x = 0) or frictionless
(sigma_xy = 0). For the Li side (y < 0) mirror y -> -y: the normal stress keeps its form with the
sign of A reversed.
"""
from __future__ import annotations

import sympy as sp

from .base import Derivation, Var

BOUNDARY_CONDITIONS = ("bonded", "frictionless")

G = Var("G", "G", "shear modulus of the solid", "Pa", "positive")
nu = Var("nu", r"\nu", "Poisson ratio of the solid", "dimensionless", "(0,1)")
k = Var("k", "k", "wavenumber of the interface perturbation", "1/m", "positive")
A = Var("A", "A", "amplitude of the interface displacement", "m", "positive")
sig_n = Var("sigma_n", r"\sigma_{yy}^0", "normal stress at the surface under the crest (tension > 0)", "Pa", "real")
sig_t = Var("sigma_t", r"\sigma_{xx}^0", "in-plane normal stress at the surface under the crest", "Pa", "real")
VARIABLES = (G, nu, k, A, sig_n, sig_t)


def derive_halfspace(bc: str = "bonded") -> Derivation:
    """Surface stresses of the half-space y > 0 whose surface is displaced by u_y = A cos(k x)."""
    if bc not in BOUNDARY_CONDITIONS:
        raise ValueError(f"boundary condition {bc!r} unknown; allowed: {', '.join(BOUNDARY_CONDITIONS)}")
    x, y = sp.symbols("x y", real=True)
    Gs, n, ks, As = G.sym, nu.sym, k.sym, A.sym
    a1, b1, a2, b2 = sp.symbols("a_1 b_1 a_2 b_2")
    d = Derivation("halfspace_sinusoidal_" + bc, f"Elastic half-space, sinusoidal surface displacement ({bc})")
    lam = d.step("Lame constant of an isotropic solid", sp.Eq(sp.Symbol("lambda"), 2 * Gs * n / (1 - 2 * n)))
    lam = lam.rhs
    decay = sp.exp(-ks * y)
    ux = (a1 + b1 * ks * y) * decay * sp.sin(ks * x)
    uy = (a2 + b2 * ks * y) * decay * sp.cos(ks * x)
    d.step("Ansatz decaying into the solid (y > 0)", (sp.Eq(sp.Symbol("u_x"), ux), sp.Eq(sp.Symbol("u_y"), uy)))
    div = sp.diff(ux, x) + sp.diff(uy, y)
    navier = [(lam + Gs) * sp.diff(div, x) + Gs * (sp.diff(ux, x, 2) + sp.diff(ux, y, 2)),
              (lam + Gs) * sp.diff(div, y) + Gs * (sp.diff(uy, x, 2) + sp.diff(uy, y, 2))]
    d.step("Navier equations (lambda + G) grad div u + G lap u = 0", tuple(sp.Eq(sp.simplify(e), 0) for e in navier))
    eqs = []
    for e, trig in zip(navier, (sp.sin(ks * x), sp.cos(ks * x))):
        eqs += sp.Poly(sp.expand(sp.simplify(e / (decay * trig))), y).coeffs()
    rel = sp.solve(eqs, [a1, b1], dict=True)[0]
    d.step("Navier equations hold for every y iff", tuple(sp.Eq(s, v) for s, v in rel.items()))
    ux, uy = ux.subs(rel), uy.subs(rel)
    div = sp.diff(ux, x) + sp.diff(uy, y)
    sxx = lam * div + 2 * Gs * sp.diff(ux, x)
    syy = lam * div + 2 * Gs * sp.diff(uy, y)
    sxy = Gs * (sp.diff(ux, y) + sp.diff(uy, x))
    second = sp.Eq(ux.subs({y: 0, x: sp.pi / (2 * ks)}), 0) if bc == "bonded" else \
        sp.Eq(sxy.subs({y: 0, x: sp.pi / (2 * ks)}), 0)
    bcs = [sp.Eq(uy.subs({y: 0, x: 0}), As), second]
    d.step("Boundary conditions at y = 0: u_y = A cos(kx), " +
           ("u_x = 0 (bonded)" if bc == "bonded" else "sigma_xy = 0 (frictionless)"), tuple(bcs))
    coef = sp.solve(bcs, [a2, b2], dict=True)[0]
    d.step("Coefficients", tuple(sp.Eq(s, sp.simplify(v)) for s, v in coef.items()))
    crest = {y: 0, x: 0}
    d.result(sig_n, sp.factor(sp.simplify(syy.subs(coef).subs(crest))), "Normal stress under the crest")
    d.result(sig_t, sp.factor(sp.simplify(sxx.subs(coef).subs(crest))), "In-plane normal stress under the crest")
    d.latex_names = {v.sym: v.latex for v in VARIABLES}
    return d
