"""field2d: embedded-boundary Laplace solver (MG-preconditioned CG) against closed forms and scipy."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse.linalg as spla

from simulator import field2d as fd
from simulator import field2d_probe as fp
from simulator import surface_field as sf
from simulator.parameters import SolverError


def test_hemispherical_boss_enhancement_is_three():
    r = fp.boss_enhancement(16, fd.AXISYMMETRIC, 8)
    assert r["exact"] == 3.0
    assert abs(r["relative_error"]) < 0.05
    assert r["iterations"] < 30  # multigrid-preconditioned: grid-independent iteration counts


def test_half_cylinder_boss_enhancement_is_two():
    r = fp.boss_enhancement(12, fd.CARTESIAN, 8)
    assert r["exact"] == 2.0 and abs(r["relative_error"]) < 0.05


def test_flat_plane_gives_uniform_field_and_exact_linear_potential():
    n, h = 32, 0.1
    z = (np.arange(n) + 0.5) * h
    lsf = np.broadcast_to(z - 0.42, (n, n)).copy()  # plane at z = 0.42, not on a cell face
    prob = fd.Field2D(lsf, h, 0.0)
    u = prob.solve(prob.rhs(0.0, 2.0))
    exact = 2.0 * (z - 0.42)
    assert np.allclose(u[:, z > 0.42], exact[z > 0.42], atol=1e-8)


def test_robin_layer_adds_ell_times_field():
    n, h, ell = 32, 0.1, 0.37
    z = (np.arange(n) + 0.5) * h
    prob = fd.Field2D(np.broadcast_to(z - 0.25, (n, n)).copy(), h, ell)
    u = prob.solve(prob.rhs(0.1, 2.0))
    above = z > 0.25
    assert np.allclose(u[:, above], 0.1 + 2.0 * (z[above] - 0.25 + ell), atol=1e-8)


def test_same_system_as_scipy_direct_solve():
    n, h = 64, 1.0 / 8
    x = (np.arange(n) + 0.5) * h - n * h / 2
    z = (np.arange(n // 2) + 0.5) * h
    X, Z = np.meshgrid(x, z, indexing="ij")
    lsf = Z - (0.4 + 0.6 * np.exp(-X ** 2))
    prob = fd.Field2D(lsf, h, 0.05)
    b = prob.rhs(0.0, 1.0)
    u = prob.solve(b, tol=1e-12)
    a, _ = prob.csr()
    ref = spla.spsolve(a.tocsc(), b[prob.active])
    assert np.max(np.abs(u[prob.active] - ref)) < 1e-9 * np.max(np.abs(ref))
    assert np.allclose((a - a.T).data, 0.0)  # symmetric


def test_non_convergence_raises_solver_error_not_nan():
    n, h = 32, 0.1
    z = (np.arange(n) + 0.5) * h
    prob = fd.Field2D(np.broadcast_to(z - 0.3, (n, n)).copy() + 0.01 * np.random.default_rng(0).random((n, n)), h)
    with pytest.raises(SolverError, match="did not converge in max_iter = 1"):
        prob.solve(prob.rhs(0.0, 1.0), tol=1e-14, max_iter=1)


def test_no_electrode_is_a_solver_error():
    with pytest.raises(SolverError, match="singular"):
        fd.Field2D(np.ones((16, 16)), 0.1)


def test_sinusoid_growth_rate_matches_linear_stability():
    """omega(k) of a small sinusoid vs the closed form, with surface energy and a Robin layer."""
    lam = 20e-6
    k = 2 * np.pi / lam
    for sigma, ell in ((1.0, 0.0), (1.0, 5e-6), (1e-3, 0.0)):
        num = sf.measured_growth_rate(lam, 1e-8, 64, 10.0, sigma, 0.5, ell)
        ana = float(sf.linear_growth_rate(k, 10.0, sigma, 0.5, ell))
        assert num == pytest.approx(ana, rel=0.02)
    # surface energy stabilises short waves: omega < 0 above the marginal wavenumber
    k_c = np.sqrt(10.0 / 1.0 / (0.5 * 13.0e-6 / 96485.33212))
    lam_s = 2 * np.pi / (1.5 * k_c)
    assert sf.measured_growth_rate(lam_s, lam_s * 1e-4, 64, 10.0, 1.0, 0.5) < 0.0


def test_diffusion_form_is_the_engine_law():
    """With sigma = F^2 D c_i/(t_a R T) the field law equals omega = V_m k (J/F - D c_i gamma V_m k^2/(t_a R T))."""
    D, ci, ta, T, J, gam, k = 3e-10, 200.0, 0.62, 298.15, 10.0, 0.5, 2e5
    F, R, V = 96485.33212, 8.314462618, 13.0e-6
    engine = V * k * (J / F - D * ci * gam * V * k ** 2 / (ta * R * T))
    sig = sf.diffusion_conductivity(D, ci, ta, T)
    assert float(sf.linear_growth_rate(k, J, sig, gam)) == pytest.approx(engine, rel=1e-10)


def test_tip_loop_gain_of_slender_hemiellipsoid_matches_closed_form():
    nu, dx, n = 3.0, 0.03, 1024  # apex radius b/nu = 11 cells
    x = (np.arange(n) - n // 2) * dx
    h = np.where(np.abs(x) < 1.0, nu * np.sqrt(np.clip(1 - x ** 2, 0, None)), 0.0)
    g = sf.tip_loop_gain(h, dx, np.zeros(n), 1.0)
    assert sf.hemiellipsoid_gain(nu) > 1.0 > sf.hemiellipsoid_gain(1.5)
    assert g == pytest.approx(sf.hemiellipsoid_gain(nu), rel=0.05)
    # a resistive layer much longer than the tip opens the loop
    assert abs(sf.tip_loop_gain(h, dx, np.full(n, 1e3), 1.0)) < 0.1


def test_sinusoid_amplitude_grows_as_exp_omega_t():
    """Explicit deposition of a small sinusoid (field control) over omega t = 0.5. Surface energy is
    off here: its k^3 decay of grid-scale waves would need dt ~ 0.1 s (the model limits its steps)."""
    from simulator import constants as C
    from simulator import sei_corrosion as sc
    lam, n, amp, J, sigma, gam = 20e-6, 64, 1e-9, 10.0, 1.0, 0.0
    k = 2 * np.pi / lam
    omega = float(sf.linear_growth_rate(k, J, sigma, gam))
    dx = lam / n
    x = (np.arange(n) + 0.5) * dx
    mode = np.cos(k * x)
    h, steps = amp * mode, 20
    dt = 0.5 / omega / steps
    for _ in range(steps):
        _, kappa = sf.slope_curvature(h, dx)
        q = sf.SurfaceField(h, dx, np.zeros(n), gam * sc.V_LI * kappa / C.F, J / sigma).column_current(sigma)
        h = h + sc.V_LI * q / C.F * dt
    grown = 2.0 * np.mean((h - h.mean()) * mode)
    # forward Euler of dA/dt = omega A: (1 + omega dt)^steps
    assert grown / amp == pytest.approx((1 + 0.5 / steps) ** steps, rel=0.01)
