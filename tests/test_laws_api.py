"""The public API returns JSON-ready objects and clear errors for unknown names."""
import json

import pytest

import engine.laws as L


def test_summaries_and_results_are_json():
    law = L.get_law("sand_time")
    fast = L.law_summary(law, with_forms=False)
    full = L.law_summary(law)
    assert fast["outputs"]["t_sand"]["unit"] == "s"
    assert "pi*D*F**2*c_0**2*z**2/(4*J**2*t_a**2)" in full["outputs"]["t_sand"]["text"]
    r = L.evaluate_rule("sei_thickness_for_tunneling", {"Phi_b": "3 eV", "T_target": "1e-8"})
    reps = L.sign_agreement({("https://w3id.org/limech/CurrentDensity", "https://w3id.org/limech/SandsTime"): [-1]})
    chain = L.compose_chain([("anion_transference", "t_Li", "t_a"), ("sand_time", "t_a", "t_sand")])
    payload = [fast, full, L.derive("sand_time").to_dict(), r.to_dict(), [x.to_dict() for x in reps],
               chain.to_dict(), [e.to_dict() for e in L.elasticities("sand_time")],
               [L.rule_summary(x) for x in L.list_rules()]]
    assert json.loads(json.dumps(payload))[3]["relation"] == ">="


def test_elasticities_of_sand_time():
    el = {(e.output, e.input): str(e.expr) for e in L.elasticities("sand_time")}
    assert el == {("t_sand", "D"): "1", ("t_sand", "c_0"): "2", ("t_sand", "J"): "-2",
                  ("t_sand", "t_a"): "-2", ("t_sand", "z"): "2"}


def test_unknown_names():
    with pytest.raises(L.UnknownLawError, match="unknown law 'sand'; known laws: .*sand_time"):
        L.get_law("sand")
    with pytest.raises(L.UnknownRuleError, match="unknown rule 'nope'"):
        L.evaluate_rule("nope", {})


def test_temperature_and_percent_inputs():
    a = L.evaluate_rule("polarization_for_anion_enrichment",
                        {"enrichment": "10", "c_0": "1 M", "epsilon_r": "20", "T": "25 degC"})
    b = L.evaluate_rule("polarization_for_anion_enrichment", {"enrichment": "10", "c_0": "1 M", "epsilon_r": "20"})
    assert a.value == pytest.approx(b.value, rel=1e-12)
