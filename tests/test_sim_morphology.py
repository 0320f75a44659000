"""Model 7: corroded Li surface under plating -- signs, conservation, honest loop gain, bad input."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from simulator import morphology as m
from simulator import registry
from simulator.parameters import ParameterError, SolverError

FAST = {"n_cells": 64, "duration": 7200.0, "onset_aspect_ratio": 0.15}


@pytest.fixture(scope="module")
def runs():
    return {"corroded": m.run(**FAST), "pristine": m.run(**FAST, corrosion=0),
            "ferroelectric": m.run(**FAST, ferroelectric=1)}


def test_registered_and_declares_units_and_sources():
    assert registry.get_model("morphology") is m
    for p in m.PARAMETERS:
        assert p.unit and p.source and p.description


def test_corrosion_deepens_defects_and_thickens_their_sei(runs):
    r = runs["corroded"]
    defect = np.argmin(r.height_initial)
    assert r.height_start[defect] < r.height_initial[defect]  # the pit deepened
    assert r.sei[defect] == pytest.approx(r.sei.max())        # reactive defect: thickest SEI (000 §2.2)
    assert r.li_corroded > 0.0 and runs["pristine"].li_corroded == 0.0


def test_corrosion_raises_enhancement_focusing_roughness_and_brings_onset(runs):
    c, p = runs["corroded"], runs["pristine"]
    assert c.field_enhancement > p.field_enhancement > 1.0
    assert c.current_focusing > p.current_focusing
    assert c.roughness_amplification > 1.0 > p.roughness_amplification * 0.99
    assert c.dendrite_formed and c.dendrite_onset_time < p.dendrite_onset_time


def test_ferroelectric_lowers_enhancement_and_delays_onset(runs):
    c, f = runs["corroded"], runs["ferroelectric"]
    assert f.field_enhancement < c.field_enhancement
    assert f.current_focusing < c.current_focusing
    assert f.dendrite_onset_time > c.dendrite_onset_time


def test_plated_charge_is_conserved(runs):
    r = runs["corroded"]
    dz = np.mean(r.height_final - r.height_start)
    p = r.parameters
    expected = p["current_density"] * p["duration"] * 13.0e-6 / 96485.33212
    assert dz == pytest.approx(expected, rel=1e-6)


def test_loop_gain_is_open_when_the_wagner_length_dwarfs_the_tip(runs):
    """Honest finding: sigma (R_ct + R_SEI) ~ 0.7 m >> 10 um tips, so the tip-field loop is open
    (gain < 1) at default parameters; the SEI contrast, not the field, focuses the current."""
    r = runs["corroded"]
    assert r.wagner_length > 1e3 * r.parameters["width"]
    assert r.loop_gain < 1.0
    assert r.current_focusing > 1.1  # focusing from SEI thickness contrast


def test_field_controlled_regime_forms_dendrites_sooner(runs):
    low = m.run(**FAST, electrolyte_conductivity=1e-5, exchange_current=1e3)
    assert low.wagner_length < low.parameters["width"]
    assert low.dendrite_onset_time < runs["corroded"].dendrite_onset_time


def test_no_onset_reports_inf_not_nan(runs):
    p = runs["pristine"]
    assert p.dendrite_onset_time == math.inf and not p.dendrite_formed
    d = p.to_dict()
    assert d["dendrite_onset_time"] is None and d["units"]["dendrite_onset_time"] == "s"
    json.dumps(d)


def test_plot(runs, tmp_path):
    runs["corroded"].plot(tmp_path / "m7.png")
    assert (tmp_path / "m7.png").stat().st_size > 1000


@pytest.mark.parametrize("kw, word", [({"n_cells": 50}, "n_cells"), ({"width": -1.0}, "width"),
                                      ({"corrosion": 2}, "corrosion"), ({"bogus": 1}, "bogus")])
def test_bad_input_names_the_parameter(kw, word):
    with pytest.raises(ParameterError, match=word):
        m.run(**kw)


def test_step_limit_is_a_solver_error():
    with pytest.raises(SolverError, match="max_steps"):
        m.run(**FAST, max_steps=10)
