"""Robustness sweeps: failed samples are classified by cause, counted and reported per sample;
the fdAnionLiF samples that failed on the old model-7 SEI mapping now evaluate."""
from __future__ import annotations

import numpy as np
import pytest

from engine.checks.robustness import failure_cause, failure_report

OUT = "ParameterError: parameter 'salt_concentration' = 10481.7 mol/m**3 is outside the allowed range [0, 10000] mol/m**3"


def test_out_of_range_cause_drops_the_value_keeps_the_range_and_names_a_computed_input():
    cause, kind = failure_cause("reduction", OUT, frozenset({"reduction.salt_concentration"}))
    assert kind == "domain limit"
    assert "10481.7" not in cause
    assert cause == ("reduction: ParameterError: parameter 'salt_concentration' (computed by the pipeline from "
                     "upstream outputs) outside the allowed range [0, 10000] mol/m**3")
    # a user-set (swept) parameter is not called computed
    assert "computed" not in failure_cause("reduction", OUT)[0]


def test_solver_failures_group_across_samples_and_are_numerical():
    a = failure_cause("morphology", "SolverError: morphology: max_steps = 4000 exceeded at t = 12.5 s of 600 s")
    b = failure_cause("morphology", "SolverError: morphology: max_steps = 4000 exceeded at t = 3.1e2 s of 600 s")
    assert a == b and a[1] == "numerical failure"
    assert a[0] == "morphology: SolverError: morphology: max_steps = # exceeded at t = # s of # s"


def test_failure_report_counts_causes_per_sample_and_finds_the_driving_parameter():
    names = ["a", "b"]
    x = np.column_stack([np.arange(10.0), np.linspace(1.0, 0.0, 10)])
    ok = {"ok": True, "error": None, "errors": {}, "values": {}}
    high_a = {"ok": False, "error": "...", "values": {},
              "errors": {"off": {"reduction": OUT}, "on": {"reduction": OUT.replace("10481.7", "12000")}}}
    solver = {"ok": False, "error": "...", "values": {}, "errors": {"on": {"morphology": "SolverError: PCG 3 of 200"}}}
    results = [ok] * 6 + [solver] + [high_a] * 3     # the out-of-range failures sit at the top of a
    by_cause, detail, failed = failure_report(names, x, results)
    key = "reduction: ParameterError: parameter 'salt_concentration' outside the allowed range [0, 10000] mol/m**3"
    assert by_cause == {key: 3, "morphology: SolverError: PCG # of #": 1}   # both states of a sample count once
    assert [d.kind for d in detail] == ["domain limit", "numerical failure"]
    assert detail[0].example.startswith("off: reduction: ParameterError")
    rho = detail[0].parameter_correlation
    assert rho["a"] > 0.7 and rho["b"] < -0.7                     # high a (low b) drives it
    assert [f["index"] for f in failed] == [6, 7, 8, 9]
    assert failed[1]["parameters"] == {"a": 7.0, "b": pytest.approx(1.0 - 7 / 9)} and failed[1]["causes"] == [key]


def test_result_without_structured_errors_is_reported_not_dropped():
    by_cause, detail, failed = failure_report(["a"], np.array([[1.0], [2.0]]),
                                              [{"ok": True, "error": None, "values": {}},
                                               {"ok": False, "error": "off: boom 3", "values": {}}])
    assert by_cause == {"unclassified: off: boom #": 1} and detail[0].kind == "check error"
    assert failed[0]["index"] == 1


def test_formerly_failing_fd_sample_evaluates_through_model_7():
    """An LiF-rich sample (coordination shift 0.45 V, most anions paired): model 5 gives an SEI
    area resistance above 7 ohm m^2, whose old equivalent thickness R sigma_7 (sigma_7 = 1.4e-7 S/m)
    left model 7's 1 um range -- 30 % of the 1000-sample sweep failed so. It now reaches model 7,
    and the chain's SEI (20 nm) sets model 7's resistive length sigma_e (R_ct + R) exactly."""
    from engine.checks.evaluate import evaluate_states, sample_task
    from engine.checks.bindings import specs_from_file

    params = {"reduction.coordination_shift": 0.45, "solvation.bulk_anion_coordination": 0.9}
    out = sample_task("fdAnionLiF", params)
    assert out["ok"] and out["errors"] == {}
    onset = out["values"]["morphology.dendrite_onset_rate"]
    assert all(v is not None and v >= 0.0 for v in onset)
    st = evaluate_states(specs_from_file()["fdAnionLiF"], params)
    r_ct = 8.314462618 * 298.15 / (96485.33212 * 10.0)            # RT/(F i0), model 7 default i0
    for s in ("off", "on"):
        r_sei = st[s]["sei_properties.ionic_area_resistance"]
        assert r_sei * 1.40e-7 > 1e-6
        assert st[s]["morphology.initial_sei_thickness"] == pytest.approx(20e-9, rel=1e-12)
        # base setting: emptied surface electrolyte, 1e-8 S/m
        assert st[s]["morphology.wagner_length"] == pytest.approx(1e-8 * (r_ct + r_sei), rel=1e-12)


def test_interfacial_anions_beyond_model_4_range_are_a_reported_domain_limit():
    """Model 2 (Bikerman, 0.5 nm anion: saturation 13.3 M) can put more than model 4's 10 M of
    anions at a strongly charged surface; model 4 refuses it, and the sample says so."""
    from engine.checks.evaluate import sample_task
    from engine.checks.pipelines import qualify
    from engine.checks.evaluate import pipeline_of
    from engine.checks.bindings import specs_from_file

    spec = specs_from_file()["fdAnionLiF"]
    row = {"double_layer.adsorbed_coverage": 0.0407, "double_layer.compensated_fraction": 0.5204,
           "double_layer.electrolyte_permittivity": 15.68, "reduction.coordination_shift": 0.2263,
           "salt_concentration": 1685.4, "solvation.bulk_anion_coordination": 0.951}
    params = {q: v for k, v in row.items() for q in qualify(pipeline_of(spec), k)}
    out = sample_task("fdAnionLiF", params)
    assert not out["ok"] and list(out["errors"]) == ["on"]
    (msg,) = out["errors"]["on"].values()
    cause, kind = failure_cause("reduction", msg, pipeline_of(spec).computed)
    assert kind == "domain limit" and "computed by the pipeline" in cause and "[0, 10000] mol/m**3" in cause
    # the upstream quantities of the failed state are still there to judge the links before model 4
    assert out["values"]["double_layer.anion_surface_concentration"][1] > 1.0e4
