"""Model 8: SEI heterogeneity over cycles -- current split, signs, bookkeeping, bad input."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from simulator import constants as C
from simulator import heterogeneity as m
from simulator import registry
from simulator import sei_corrosion as sc
from simulator.parameters import ParameterError, SolverError

FAST = {"cycles": 10, "n_patches": 32}


@pytest.fixture(scope="module")
def spread_runs():
    return {s: m.run(**FAST, reactivity_spread=s) for s in (0.0, 0.5, 1.5)}


def test_registered():
    assert registry.get_model("heterogeneity") is m
    for p in m.PARAMETERS:
        assert p.unit and p.source


def test_current_split_single_patch_is_butler_volmer():
    """One patch, no SEI resistance effect to speak of: V solves J = i0[(1-J/Jl) e^{a f V} - e^{-(1-a) f V}]."""
    f = C.F / (C.R * 298.15)
    i0, jl, J = 10.0, 1e9, 25.0
    jk, v, status = m.split_current(J, i0, np.array([1e-12]), 0.5 * f, 0.5 * f, jl)
    assert status == 0 and jk[0] == pytest.approx(J, rel=1e-9)
    assert v == pytest.approx(2.0 / f * math.asinh(J / (2 * i0)), rel=1e-6)


def test_current_split_ohmic_limit_divides_by_resistance():
    """Resistance-dominated patches share current in inverse proportion to R (Ohm, 000 §2.2 (1))."""
    r = np.array([1.0, 2.0, 4.0])
    jk, v, status = m.split_current(1.0, 1e6, r, 19.0, 19.0, 1e9)
    assert status == 0 and np.mean(jk) == pytest.approx(1.0, rel=1e-9)
    assert jk[0] / jk[1] == pytest.approx(2.0, rel=1e-3) and jk[0] / jk[2] == pytest.approx(4.0, rel=1e-3)


def test_limiting_current_is_a_solver_error():
    with pytest.raises(SolverError, match="limiting current"):
        m.run(cycles=1, n_patches=4, current_density=999.0, cell_length=1e-2)


def test_uniform_sei_has_no_current_variation(spread_runs):
    assert spread_runs[0.0].current_cv == pytest.approx(0.0, abs=1e-9)


def test_more_reactivity_spread_more_cv_lower_ce_more_li_loss(spread_runs):
    a, b, c = spread_runs[0.0], spread_runs[0.5], spread_runs[1.5]
    assert a.current_cv < b.current_cv < c.current_cv
    assert a.coulombic_efficiency_mean > b.coulombic_efficiency_mean > c.coulombic_efficiency_mean
    assert a.li_inventory_loss < b.li_inventory_loss < c.li_inventory_loss


def test_dead_li_follows_one_plus_cv_squared(spread_runs):
    """Uniform patches: dead Li per cycle is exactly f0 x plated Li."""
    r = spread_runs[0.0]
    plated = r.parameters["areal_capacity"] / C.F
    assert r.dead_li_per_cycle[0] == pytest.approx(r.parameters["dead_li_fraction"] * plated, rel=1e-9)


def test_corrosion_sets_initial_sei(spread_runs):
    r = spread_runs[0.5]
    p = r.parameters
    exp = sc.corroded_thickness(r.reactivity, p["rest_time"], p["corrosion_current"], p["initial_sei_thickness"])
    assert np.allclose(r.sei_start, exp)
    assert np.argmax(r.sei_start) == np.argmax(r.reactivity)


def test_bookkeeping_and_ranges(spread_runs):
    r = spread_runs[0.5]
    assert np.all((r.coulombic_efficiency > 0) & (r.coulombic_efficiency < 1))
    assert np.all(np.diff(r.li_loss_per_cycle) > 0)
    plated = r.parameters["areal_capacity"] / C.F
    assert r.li_inventory_loss == pytest.approx(np.sum(1 - r.coulombic_efficiency) * plated, rel=1e-9)
    assert r.impedance > 0 and r.fracture_events > 0 and r.electrolyte_consumed > 0


def test_inorganic_sei_consumes_less_electrolyte():
    org, ino = m.run(**FAST, inorganic_fraction=0.1), m.run(**FAST, inorganic_fraction=0.9)
    assert ino.electrolyte_consumed < org.electrolyte_consumed


def test_to_dict_and_plot(spread_runs, tmp_path):
    d = spread_runs[0.5].to_dict()
    json.dumps(d)
    assert d["units"]["impedance"] == "ohm*m**2" and len(d["coulombic_efficiency"]) == FAST["cycles"]
    spread_runs[0.5].plot(tmp_path / "m8.png")
    assert (tmp_path / "m8.png").stat().st_size > 1000


@pytest.mark.parametrize("kw, word", [({"reactivity_spread": -0.1}, "reactivity_spread"),
                                      ({"inorganic_fraction": 1.5}, "inorganic_fraction"),
                                      ({"cycles": 0}, "cycles"), ({"current_density": 0.0}, "current_density")])
def test_bad_input_names_the_parameter(kw, word):
    with pytest.raises(ParameterError, match=word):
        m.run(**kw)
