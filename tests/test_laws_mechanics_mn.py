"""Half-space under a sinusoidal surface displacement (elasticity step of Monroe-Newman), derived by sympy."""
import pytest
import sympy as sp

from engine.laws.mechanics_mn import A, G, derive_halfspace, k, nu


@pytest.fixture(scope="module")
def stresses():
    return {bc: derive_halfspace(bc).results for bc in ("bonded", "frictionless")}


def test_frictionless_matches_westergaard_full_contact_pressure(stresses):
    # Johnson, Contact Mechanics (CUP 1985) ch. 13 (Westergaard 1939): a wavy surface of amplitude Delta and
    # wavelength lambda pressed into full contact needs p* = pi E* Delta / lambda, E* = E/(1 - nu^2) = 2G/(1 - nu)
    # in plane strain; with k = 2 pi / lambda, p* = G k Delta / (1 - nu). Compressive under the crest.
    p_star = sp.pi * (2 * G.sym / (1 - nu.sym)) * A.sym / (2 * sp.pi / k.sym)
    assert sp.simplify(stresses["frictionless"]["sigma_n"] + p_star) == 0
    # without shear traction the surface is in equal biaxial compression under the crest
    assert sp.simplify(stresses["frictionless"]["sigma_t"] - stresses["frictionless"]["sigma_n"]) == 0


def test_bonded_surface_is_stiffer_except_when_incompressible(stresses):
    b, f = stresses["bonded"]["sigma_n"], stresses["frictionless"]["sigma_n"]
    # closed form of the derivation: sigma_n = -4 G k A (1 - nu)/(3 - 4 nu)
    assert sp.simplify(b + 4 * G.sym * k.sym * A.sym * (1 - nu.sym) / (3 - 4 * nu.sym)) == 0
    # ratio bonded/frictionless - 1 = (1 - 2 nu)^2 / (3 - 4 nu) >= 0: the no-slip constraint adds stiffness,
    # none for an incompressible solid (nu = 1/2), whose surface does not slide under normal load anyway
    assert sp.simplify(b / f - 1 - (1 - 2 * nu.sym) ** 2 / (3 - 4 * nu.sym)) == 0
    assert sp.simplify((b - f).subs(nu.sym, sp.Rational(1, 2))) == 0
    # bonded surface: in-plane stress / normal stress = nu / (1 - nu) (0.4925 at nu = 0.33)
    r = (stresses["bonded"]["sigma_t"] / b).subs(nu.sym, sp.Rational(33, 100))
    assert float(r) == pytest.approx(0.33 / 0.67, rel=1e-12)


def test_steps_are_recorded_and_printable():
    d = derive_halfspace("bonded")
    assert "Navier" in d.text() and "\\text{(1)" in d.latex() and len(d.steps) >= 6


def test_unknown_boundary_condition_is_named():
    with pytest.raises(ValueError, match="allowed: bonded, frictionless"):
        derive_halfspace("glued")
