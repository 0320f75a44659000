"""Model 7 speed-ups that must not change answers: the warm start of a time step's field solve
from the previous potential, and the SEI-conductivity input of model 7 (same physics as its
default SEI when given the same number)."""
from __future__ import annotations

import numpy as np
import pytest

from simulator import constants as C
from simulator import morphology as m
from simulator import sei_corrosion as sc
from simulator import surface_field as sf
from simulator.parameters import ParameterError


def test_shifted_guess_is_exact_for_a_linear_potential():
    """u = a + E0 z is reproduced on a grid shifted by a fractional number of rows, including the
    metal cells (linear extension) and rows above the old top (linear extrapolation)."""
    nx, nz, dx, e0 = 4, 16, 0.1, 3.0
    z_old = 0.05 + (np.arange(nz) + 0.5) * dx
    h = np.array([0.3, 0.32, 0.28, 0.31])
    lsf = z_old[None, :] - h[:, None]
    u = np.where(lsf > 0, 0.7 + e0 * z_old[None, :], 0.0)        # metal cells hold 0, as a solve leaves them
    shift = 2.37
    out = sf.shifted_guess(u, lsf, shift, nz + 4)
    z_new = 0.05 + (np.arange(nz + 4) + shift + 0.5) * dx
    assert np.allclose(out, 0.7 + e0 * z_new[None, :], rtol=0, atol=1e-12)


@pytest.mark.parametrize("ell", [0.0, 2e-9, 0.04])   # field control .. near-Neumann (model 7 at 1 S/m)
def test_warm_started_step_gives_the_cold_answer(ell):
    nx, dx = 32, 50e-6 / 32
    x = (np.arange(nx) + 0.5) * dx
    h0 = -0.3e-6 * np.exp(-0.5 * ((x - 25e-6) / 2e-6) ** 2)
    h1 = h0 + 0.4 * dx * (1.0 + 0.3 * np.cos(2 * np.pi * x / (nx * dx)))   # the next step's surface
    e0, g = 10.0, np.zeros(nx)
    prev = sf.SurfaceField(h0, dx, np.full(nx, ell), g, e0)
    warm = sf.SurfaceField(h1, dx, np.full(nx, ell), g, e0, previous=prev)
    cold = sf.SurfaceField(h1, dx, np.full(nx, ell), g, e0)
    assert warm.z0 != prev.z0                       # the grid moved with the surface
    assert warm.prob.iterations <= cold.prob.iterations
    q_w, q_c = warm.column_current(1.0), cold.column_current(1.0)
    assert np.allclose(q_w, q_c, rtol=1e-6, atol=0)


def test_model_7_sei_conductivity_given_equals_its_default_sei():
    sig = sc.sei_phase_properties(None)["conductivity"]
    kw = {"n_cells": 32, "duration": 600.0}
    a, b = m.run(**kw), m.run(**kw, sei_conductivity=sig)
    assert b.wagner_length == a.wagner_length and b.dendrite_onset_time == a.dendrite_onset_time
    assert np.array_equal(a.height_final, b.height_final)


def test_model_7_wagner_length_of_a_given_sei_conductivity():
    """Uniform SEI (no corrosion): ell = sigma_e (RT/(F i0) + L0/sigma_SEI)."""
    r = m.run(n_cells=32, duration=60.0, corrosion=0, sei_conductivity=1e-9, initial_sei_thickness=20e-9)
    r_ct = C.R * 298.15 / (C.F * 10.0)
    assert r.wagner_length == pytest.approx(1.0 * (r_ct + 20e-9 / 1e-9), rel=1e-12)


def test_model_7_sei_conductivity_out_of_range_is_named():
    with pytest.raises(ParameterError, match="sei_conductivity"):
        m.run(sei_conductivity=-1e-9)
