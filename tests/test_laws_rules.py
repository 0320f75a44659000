"""Design rules against hand-checked numbers (hand calculations in the comments, with units)."""

import pytest

from engine.laws import QuantityError, evaluate_rule, list_rules, solved

# Documented parameter set for liquid electrolyte: ~1 M LiPF6 in carbonate, D_app = 3e-10 m^2/s and
# t_Li+ = 0.38 (outside estimate from Valoen & Reimers, J. Electrochem. Soc. 152 (2005) A882, which
# report D of 2-4e-10 m^2/s and t+ ~ 0.38 near 1 M).
LIQ = dict(D="3e-10 m^2/s", c_0="1 mol/L", t_charge="1 h")

def test_max_current_for_one_hour_charge():
    # J_max = z c0 F/(2 t_a) sqrt(pi D / t_c)
    #       = 1 * 1000 mol/m^3 * 96485.33 C/mol / (2 * 0.62) * sqrt(pi * 3e-10 m^2/s / 3600 s)
    #       = 7.7811e7 C/m^3 * 5.1166e-7 m/s = 39.81 A/m^2 = 3.981 mA/cm^2
    r = evaluate_rule("max_current_for_charge_time", dict(LIQ, t_Li="0.38"))
    assert r.relation == "<=" and r.unit == "mA/cm^2"
    assert r.value == pytest.approx(3.981, rel=1e-3)
    assert r.value_si == pytest.approx(39.81, rel=1e-3) and r.feasible

def test_transference_needed_at_5_mA_cm2():
    # t_Li >= 1 - z c0 F/(2 J) sqrt(pi D/t_c) = 1 - 9.6485e7 C/m^3 / (2 * 50 A/m^2) * 5.1166e-7 m/s
    #       = 1 - 0.49368 = 0.5063
    r = evaluate_rule("transference_for_current", dict(LIQ, J="5 mA/cm^2"))
    assert r.relation == ">=" and r.value == pytest.approx(0.5063, abs=2e-4)

def test_transference_at_high_current_and_far_below_the_limit():
    # 100 mA/cm^2 for 1000 h: t_Li >= 1 - 9.6485e7 C/m^3 / (2 * 1000 A/m^2) * sqrt(pi * 3e-10 m^2/s / 3.6e6 s)
    #                                = 1 - 48242 * 1.6215e-8 = 0.99922 (only a near single-ion conductor)
    r = evaluate_rule("transference_for_current", dict(LIQ, J="100 mA/cm^2", t_charge="1000 h"))
    assert r.value == pytest.approx(0.99922, abs=1e-5) and r.feasible
    low = evaluate_rule("transference_for_current", dict(LIQ, J="0.1 mA/cm^2"))
    assert low.value < 0 and "any" in low.message  # far below the limit any t_Li+ works

def test_sei_thickness_for_tunneling():
    # kappa = sqrt(2 m_e Phi)/hbar = sqrt(2 * 9.109e-31 kg * 3 * 1.602e-19 J)/1.0546e-34 J s = 8.873e9 1/m
    # L >= ln(1/T)/(2 kappa) = ln(1e8)/(1.7746e10 1/m) = 18.42/1.7746e10 m = 1.038 nm (cf. 003 §2.2.1: ~10 A)
    r = evaluate_rule("sei_thickness_for_tunneling", dict(Phi_b="3 eV", T_target="1e-8"))
    assert r.relation == ">=" and r.unit == "nm" and r.value == pytest.approx(1.038, rel=2e-3)

def test_polarization_for_tenfold_anion_enrichment():
    # P_r >= sqrt(8 eps0 eps_r R T c0) sinh(ln(10)/2)
    #      = sqrt(8 * 8.854e-12 F/m * 20 * 8.314 J/(mol K) * 298.15 K * 1000 mol/m^3) * 1.42302
    #      = 0.059260 C/m^2 * 1.42302 = 0.08433 C/m^2 = 8.433 uC/cm^2
    r = evaluate_rule("polarization_for_anion_enrichment", dict(enrichment="10", c_0="1 M", epsilon_r="20"))
    assert r.relation == ">=" and r.value == pytest.approx(8.433, rel=1e-3)
    tilted = evaluate_rule("polarization_for_anion_enrichment",
                           dict(enrichment="10", c_0="1 M", epsilon_r="20", cos_theta="0.5"))
    assert tilted.value == pytest.approx(2 * r.value, rel=1e-9)

def test_inorganic_fraction_for_3_GPa():
    # E_inorg = 65 GPa (LiF-like, outside estimate), E_org = 0.5 GPa (outside estimate), target 3 GPa (003 §2.2.2)
    # Reuss: 1/3 = f/65 + (1-f)/0.5 -> f = (2 - 1/3)/(2 - 1/65) = 1.66667/1.98462 = 0.8398
    # Voigt: 3 = 65 f + 0.5 (1-f)  -> f = 2.5/64.5 = 0.03876
    r = evaluate_rule("inorganic_fraction_for_modulus", dict(E_inorg="65 GPa", E_org="0.5 GPa"))
    assert r.relation == ">=" and r.value == pytest.approx(0.8398, abs=2e-4)
    assert r.extra["f_inorg from E_V"].startswith(">= 0.03876")

def test_inorganic_fraction_rejects_soft_inorganic_phase():
    with pytest.raises(QuantityError, match="stiffer"):
        evaluate_rule("inorganic_fraction_for_modulus", dict(E_inorg="0.4 GPa", E_org="0.5 GPa"))
    with pytest.raises(QuantityError, match="target modulus"):
        evaluate_rule("inorganic_fraction_for_modulus", dict(E_target="80 GPa", E_inorg="65 GPa", E_org="1 GPa"))

def test_monroe_newman_modulus_exceeds_003_threshold():
    # G_s >= 2 * 4.25 GPa = 8.5 GPa; E = 2 G (1 + nu) = 2 * 8.5 GPa * 1.33 = 22.61 GPa >> 3 GPa of 003 §2.2.2
    r = evaluate_rule("shear_modulus_for_suppression", {})
    assert r.value == pytest.approx(8.5, rel=1e-9) and r.unit == "GPa"
    assert r.extra["E_req"].startswith("2.261e+10 Pa")

def test_every_rule_solves_symbolically():
    for rule in list_rules():
        ineq, root, rel = solved(rule.name)
        assert rel in ("<=", ">=") and root.free_symbols

def test_warm_evaluation_is_cached():
    a = evaluate_rule("max_current_for_charge_time", dict(LIQ, t_Li="0.38"))
    b = evaluate_rule("max_current_for_charge_time", dict(LIQ, t_Li="0.38"))
    assert a is b


EXAMPLES = {
    "max_current_for_charge_time": dict(LIQ, t_Li="0.38"),
    "transference_for_current": dict(LIQ, J="5 mA/cm^2"),
    "sei_thickness_for_tunneling": dict(Phi_b="3 eV", T_target="1e-8"),
    "polarization_for_anion_enrichment": dict(enrichment="10", c_0="1 M", epsilon_r="20"),
    "inorganic_fraction_for_modulus": dict(E_inorg="65 GPa", E_org="0.5 GPa"),
    "shear_modulus_for_suppression": {},
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_rule_solution_makes_the_law_meet_its_bound(name):
    """Round trip: the law output at the solved value equals the bound (independent of the solver)."""
    import sympy as sp

    from engine.laws import expression, get_law, get_rule
    from engine.laws.base import CONSTANTS
    rule = get_rule(name)
    res = evaluate_rule(name, EXAMPLES[name])
    law = get_law(rule.law)
    loc = {v.name: v.sym for v in law.variables} | {p.var.name: p.var.sym for p in rule.params}
    if rule.solve_var is not None:
        loc[rule.solve_var.name] = rule.solve_var.sym
    y = expression(rule.law, rule.output).subs({law.var(k).sym: sp.sympify(v, locals=loc)
                                                for k, v in rule.substitutions})
    vals = {loc[k]: v for k, v in res.given.items()} | {loc[rule.solve_for]: res.value_si}
    vals |= {c.sym: c.value for c in CONSTANTS.values()}
    assert float(y.subs(vals)) == pytest.approx(float(sp.sympify(rule.bound, locals=loc).subs(vals)), rel=1e-9)


def test_descriptive_aliases_and_duplicates():
    a = evaluate_rule("max_current_for_charge_time", {"diffusion_coefficient": "3e-10 m^2/s", "salt_concentration": "1 M",
                                                      "li_transference_number": "0.38", "charge_time": "1 h"})
    assert a.value == pytest.approx(3.981, rel=1e-3)
    with pytest.raises(QuantityError, match="given twice"):
        evaluate_rule("max_current_for_charge_time", dict(LIQ, t_Li="0.38", diffusion_coefficient="3e-10 m^2/s"))
    with pytest.raises(QuantityError, match="the rule takes .*t_charge \\(alias charge_time\\): time in s"):
        evaluate_rule("max_current_for_charge_time", {})
