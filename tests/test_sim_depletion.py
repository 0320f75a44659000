"""Model 1 (electrolyte depletion) against the analytic Sand solution and the finite-cell steady state."""
import json
import math

import pytest

from simulator import constants as K
from simulator import depletion
from simulator.parameters import ParameterError, SolverError


@pytest.mark.parametrize("overrides", [{}, {"transference_number": 0.2, "current_density": 50.0, "diffusivity": 1.0e-10}])
def test_sand_time_within_one_percent_of_analytic(overrides):
    r = depletion.run(**overrides)
    p = r.parameters
    ta = 1.0 - p["transference_number"]
    ts = math.pi * p["diffusivity"] * (p["salt_concentration"] * K.F) ** 2 / (4.0 * (p["current_density"] * ta) ** 2)
    assert r.depleted
    assert r.sand_time_analytic == pytest.approx(ts, rel=1e-12)
    assert r.sand_time_numeric == pytest.approx(ts, rel=0.01)
    assert r.surface_concentration[-1] == 0.0


def test_surface_concentration_follows_sqrt_t_law():
    r = depletion.run()
    c0, ts = r.parameters["salt_concentration"], r.sand_time_analytic
    for frac in (0.1, 0.5, 0.9):
        t = frac * ts
        c_num = float(r.surface_concentration[r.times <= t][-1])
        t_used = float(r.times[r.times <= t][-1])
        assert c_num == pytest.approx(c0 * (1.0 - math.sqrt(t_used / ts)), abs=0.01 * c0)


def test_no_depletion_below_limiting_current_in_finite_cell():
    j_lim = depletion.run(finite_cell=1).limiting_current
    p = depletion.run().parameters
    assert j_lim == pytest.approx(2 * K.F * p["diffusivity"] * p["salt_concentration"]
                                  / ((1 - p["transference_number"]) * p["cell_length"]), rel=1e-12)
    r = depletion.run(finite_cell=1, current_density=0.9 * j_lim, duration_over_sand=100)
    assert not r.depleted and r.sand_time_numeric is None
    # steady state c(0) = c0 (1 - J/J_lim) = 0.1 c0 is approached from above and never crossed
    assert r.min_surface_concentration > 0.0
    assert r.surface_concentration[-1] == pytest.approx(0.1 * p["salt_concentration"], rel=0.01)


def test_depletion_above_limiting_current_in_finite_cell_is_later_than_semi_infinite():
    j_lim = depletion.run(finite_cell=1).limiting_current
    r = depletion.run(finite_cell=1, current_density=1.2 * j_lim, duration_over_sand=20)
    assert r.depleted
    assert r.sand_time_numeric > r.sand_time_analytic  # the stripping electrode feeds salt back


def test_unit_li_transference_never_depletes():
    r = depletion.run(transference_number=1.0)
    assert not r.depleted and r.sand_time_analytic is None and r.limiting_current is None
    assert r.min_surface_concentration == pytest.approx(r.parameters["salt_concentration"], rel=1e-12)


@pytest.mark.parametrize("name,value,allowed", [
    ("transference_number", 1.2, "[0, 1]"),
    ("transference_number", -0.1, "[0, 1]"),
    ("salt_concentration", -5.0, "(0, 10000]"),
    ("diffusivity", 0.0, "(0, 1e-06]"),
])
def test_unphysical_input_names_parameter_value_and_range(name, value, allowed):
    with pytest.raises(ParameterError) as err:
        depletion.run(**{name: value})
    msg = str(err.value)
    assert name in msg and f"{value:g}" in msg and allowed in msg


def test_unknown_parameter_is_rejected():
    with pytest.raises(ParameterError, match="unknown parameter"):
        depletion.run(curent_density=10.0)


def test_explicit_scheme_instability_is_reported_not_returned():
    with pytest.raises(SolverError, match="instability"):
        depletion.run(time_theta=0.0)


def test_json_and_plot(tmp_path):
    r = depletion.run()
    d = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert d["units"]["sand_time_numeric"] == "s" and d["model"] == "depletion"
    path = tmp_path / "dep.png"
    r.plot(path)
    assert path.read_bytes()[:4] == b"\x89PNG"
