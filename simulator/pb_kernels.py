"""Numba kernels of the 1D Poisson–Boltzmann–Bikerman problem (model 2), in scaled units.

Scaling: xi = x / lambda_D, phi = e psi / (k_B T), concentrations over the bulk c0, with
lambda_D^2 = eps_e eps0 k_B T / (2 e F c0). With the lattice-gas (Bikerman) steric factor
(Borukhov, Andelman & Orland, PRL 79 (1997) 435; Kilic, Bazant & Ajdari, PRE 75 (2007) 021502),
nu_i = c0 N_A a_i^3 the bulk volume fraction of ion i::

    c+ = exp(-phi) / Dn,  c- = exp(phi) / Dn,  Dn = 1 - nu+ - nu- + nu+ exp(-phi) + nu- exp(phi)
    phi'' = q(phi) = (c- - c+) / 2
    -phi'(0) = s - kf phi(0)      (Gauss at the surface; s scaled fixed charge, kf scaled shunt capacitance)
    phi'(L) = -phi(L)             (linearised tail, exact for small phi)

Finite volumes on a graded node grid; Newton with a tridiagonal Jacobian and backtracking.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from simulator.grids import thomas

OK, NOT_CONVERGED, NON_FINITE = 0, 1, 2


@njit(cache=True)
def concentrations(phi, nu_p, nu_m):
    """(c+, c-) / c0 at potential phi, written without overflow for any |phi|."""
    free = 1.0 - nu_p - nu_m
    if phi >= 0.0:
        e = np.exp(-phi)
        den = free * e + nu_m + nu_p * e * e
        return e * e / den, 1.0 / den
    e = np.exp(phi)
    den = free * e + nu_p + nu_m * e * e
    return 1.0 / den, e * e / den


@njit(cache=True)
def charge_and_slope(phi, nu_p, nu_m):
    """q = (c- - c+)/2 and dq/dphi."""
    cp, cm = concentrations(phi, nu_p, nu_m)
    q = 0.5 * (cm - cp)
    dq = 0.5 * (cm + cp - (cm - cp) * (nu_m * cm - nu_p * cp))
    return q, dq


@njit(cache=True)
def residual(xi, phi, nu_p, nu_m, s, kf, f, lower, diag, upper):
    n = xi.shape[0]
    for i in range(n):
        q, dq = charge_and_slope(phi[i], nu_p, nu_m)
        hl = xi[i] - xi[i - 1] if i > 0 else 0.0
        hr = xi[i + 1] - xi[i] if i < n - 1 else 0.0
        vol = 0.5 * (hl + hr)
        r = -vol * q
        d = -vol * dq
        lower[i] = 0.0
        upper[i] = 0.0
        if i < n - 1:
            r += (phi[i + 1] - phi[i]) / hr
            d -= 1.0 / hr
            upper[i] = 1.0 / hr
        else:
            r += -phi[i]  # outward slope phi'(L) = -phi(L)
            d -= 1.0
        if i > 0:
            r -= (phi[i] - phi[i - 1]) / hl
            d -= 1.0 / hl
            lower[i] = 1.0 / hl
        else:
            r += s - kf * phi[0]  # inward slope -phi'(0) = s - kf phi(0)
            d -= kf
        f[i] = r
        diag[i] = d


@njit(cache=True)
def newton_pb(xi, phi, nu_p, nu_m, s, kf, tol, max_iter):
    """Solve in place from the initial guess ``phi``; returns (status, iterations)."""
    n = xi.shape[0]
    f = np.empty(n)
    lo = np.empty(n)
    di = np.empty(n)
    up = np.empty(n)
    f_try = np.empty(n)
    lo2 = np.empty(n)
    di2 = np.empty(n)
    up2 = np.empty(n)
    residual(xi, phi, nu_p, nu_m, s, kf, f, lo, di, up)
    norm = np.sqrt(np.sum(f * f))
    for it in range(1, max_iter + 1):
        step = thomas(lo, di, up, -f)
        if not np.all(np.isfinite(step)):
            return NON_FINITE, it
        lam = 1.0
        trial = phi + step
        accepted = False
        for _ in range(40):
            trial = phi + lam * step
            residual(xi, trial, nu_p, nu_m, s, kf, f_try, lo2, di2, up2)
            new_norm = np.sqrt(np.sum(f_try * f_try))
            if np.isfinite(new_norm) and new_norm <= (1.0 - 1e-4 * lam) * norm:
                accepted = True
                break
            lam *= 0.5
        if not accepted:
            if np.max(np.abs(step)) < tol:  # already at the solution to round-off
                return OK, it
            return NOT_CONVERGED, it
        phi[:] = trial
        residual(xi, phi, nu_p, nu_m, s, kf, f, lo, di, up)
        norm = np.sqrt(np.sum(f * f))
        if not np.isfinite(norm):
            return NON_FINITE, it
        if lam * np.max(np.abs(step)) < tol:
            return OK, it
    return NOT_CONVERGED, max_iter


@njit(cache=True)
def initial_guess(xi, s, nu_counter):
    """Gouy–Chapman shape with phi0 from the equal-size Bikerman contact relation
    sinh^2(phi0/2) = (exp(nu s^2) - 1) / (4 nu); for strong charge a saturated (steric)
    layer of scaled thickness l = 2 nu |s| with phi'' = 1/(2 nu), then Gouy–Chapman."""
    nu = max(nu_counter, 1e-12)
    a = abs(s)
    sgn = 1.0 if s >= 0 else -1.0
    phi = np.empty(xi.shape[0])
    arg = nu * a * a
    if arg < 40.0:
        phi0 = 2.0 * np.arcsinh(np.sqrt(np.expm1(arg) / (4.0 * nu)))
        g = np.tanh(min(phi0, 60.0) / 4.0)
        for i in range(xi.shape[0]):
            phi[i] = sgn * 4.0 * np.arctanh(g * np.exp(-xi[i])) if xi[i] > 0 or g < 1.0 else sgn * phi0
        return phi
    phi_l = max(np.log(1.0 / nu), 1.0)
    s_l = 2.0 * np.sinh(phi_l / 2.0)
    ell = 2.0 * nu * max(a - s_l, 0.0)
    g = np.tanh(phi_l / 4.0)
    for i in range(xi.shape[0]):
        d = ell - xi[i]
        if d > 0:
            phi[i] = sgn * (phi_l + s_l * d + d * d / (4.0 * nu))
        else:
            phi[i] = sgn * 4.0 * np.arctanh(g * np.exp(d))
    return phi


@njit(cache=True)
def solve_pb(xi, nu_p, nu_m, s, kf, tol, max_iter):
    """One PB solve for a fixed scaled surface charge s; returns (phi, status, iterations)."""
    phi = initial_guess(xi, s, nu_m if s > 0 else nu_p)
    status, it = newton_pb(xi, phi, nu_p, nu_m, s, kf, tol, max_iter)
    return phi, status, it


@njit(cache=True)
def solve_pb_langmuir(xi, nu_p, nu_m, s_fixed, s_site, kf, log_k_c0, tol, max_iter):
    """Self-consistent Langmuir coverage theta = K a/(1 + K a), a = c-(0) c0 / c_std.

    s_site is the scaled charge of a full monolayer (> 0); the fixed charge is
    s_fixed - theta s_site. g(theta) = theta - theta_L(theta) increases with theta
    (more adsorbed charge -> lower phi0 -> fewer anions), so bisection brackets the root.
    ``log_k_c0`` = ln(K c0 / c_std). Returns (phi, theta, status, newton iterations).
    """
    lo_t, hi_t = 0.0, 1.0
    phi = initial_guess(xi, s_fixed, nu_m if s_fixed > 0 else nu_p)
    total = 0
    theta = 0.5
    for _ in range(60):
        theta = 0.5 * (lo_t + hi_t)
        status, it = newton_pb(xi, phi, nu_p, nu_m, s_fixed - theta * s_site, kf, tol, max_iter)
        total += it
        if status != OK:
            return phi, theta, status, total
        cp, cm = concentrations(phi[0], nu_p, nu_m)
        z = log_k_c0 + np.log(cm)
        theta_l = 1.0 / (1.0 + np.exp(-z)) if z > -700.0 else 0.0
        if theta > theta_l:
            hi_t = theta
        else:
            lo_t = theta
        if hi_t - lo_t < 1e-12:
            break
    # final fixed-point step: theta from the isotherm at the converged surface (exact for tiny theta)
    cp, cm = concentrations(phi[0], nu_p, nu_m)
    z = log_k_c0 + np.log(cm)
    theta = 1.0 / (1.0 + np.exp(-z)) if z > -700.0 else 0.0
    status, it = newton_pb(xi, phi, nu_p, nu_m, s_fixed - theta * s_site, kf, tol, max_iter)
    return phi, theta, status, total + it


@njit(cache=True)
def slope_profile(xi, phi, nu_p, nu_m, s, kf):
    """phi'(xi) from Gauss's law integrated outward: phi'(0) = -(s - kf phi0), dphi'/dxi = q."""
    n = xi.shape[0]
    d = np.empty(n)
    d[0] = -(s - kf * phi[0])
    qa, _ = charge_and_slope(phi[0], nu_p, nu_m)
    for i in range(1, n):
        qb, _ = charge_and_slope(phi[i], nu_p, nu_m)
        d[i] = d[i - 1] + 0.5 * (qa + qb) * (xi[i] - xi[i - 1])
        qa = qb
    # Where |phi| is small the running sum has lost its relative precision (|phi'| << |phi'(0)|);
    # there the linear first integral phi' = -phi (relative error O(phi)) is used instead.
    for i in range(n):
        if abs(phi[i]) < 1e-3:
            d[i] = -phi[i]
    return d


@njit(cache=True)
def concentration_profiles(phi, nu_p, nu_m):
    n = phi.shape[0]
    cp = np.empty(n)
    cm = np.empty(n)
    for i in range(n):
        cp[i], cm[i] = concentrations(phi[i], nu_p, nu_m)
    return cp, cm
