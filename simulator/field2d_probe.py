"""Surface quantities read off a :mod:`simulator.field2d` solution: the normal field along a
column (second order, Robin-aware), cut-arm currents per column of a height field, and the
conducting-boss validation (hemisphere 3, half-cylinder 2)."""
from __future__ import annotations

import numpy as np
from numba import njit

from .field2d import AXISYMMETRIC, CARTESIAN, THETA_MIN, Field2D, _nb, _normal_share


@njit(cache=True)
def vertical_surface_field(u, lsf, g, ell, h):
    """Per column: dn u at the surface crossed by the first downward cut arm, second order
    (quadratic through the boundary, P and the cell above P), with the Robin value u_b = g + ell E.
    Returns (field, j index of P); field 0 and index -1 where the column has no such crossing."""
    nx, nz = u.shape
    e = np.zeros(nx)
    jp = -np.ones(nx, np.int64)
    for i in range(nx):
        for j in range(0, nz - 1):
            below = lsf[i, j - 1] if j > 0 else 2.0 * lsf[i, 0] - lsf[i, 1]
            if lsf[i, j] > 0.0 and below <= 0.0 and lsf[i, j + 1] > 0.0:
                th = max(lsf[i, j] / (lsf[i, j] - below), THETA_MIN)
                d1 = th * h
                d2 = d1 + h
                a = d2 / (d1 * (d2 - d1))
                b = d1 / (d2 * (d2 - d1))
                e[i] = (a * (u[i, j] - g[i, j]) - b * (u[i, j + 1] - g[i, j])) / (1.0 + (a - b) * ell[i, j])
                jp[i] = j
                break
    return e, jp


@njit(cache=True)
def column_fluxes(u, lsf, g, ell_h):
    """Cartesian height-field surfaces: current (per unit depth, in units of sigma * V) entering
    the metal through every cut arm of the electrolyte cells of each column, summed per column.
    Side-arm current goes to the electrolyte cell's own column: Li plated on the wall of a taller
    neighbour fills the space beside it, i.e. that column (the upwind choice for an advancing
    front; giving it to the taller column instead grows one-cell spikes)."""
    nx, nz = u.shape
    q = np.zeros(nx)
    for i in range(nx):
        for j in range(nz):
            if lsf[i, j] <= 0.0:
                continue
            for a in range(3):  # W, E, S (the top of a cell never faces the metal of a height field)
                ii, jj = _nb(i, j, a, nx, nz, CARTESIAN)
                if jj < 0:
                    ln = 2.0 * lsf[i, 0] - lsf[i, 1]
                else:
                    ln = lsf[ii, jj]
                if ln > 0.0:
                    continue
                th = max(lsf[i, j] / (lsf[i, j] - ln), THETA_MIN)
                q[i] += (u[i, j] - g[i, j]) / (th + ell_h[i, j] / _normal_share(lsf, i, j, a, CARTESIAN))
    return q


def boss_enhancement(n_per_radius: int = 16, geometry: int = AXISYMMETRIC, box: int = 8) -> dict:
    """Apex field / far field of a conducting boss of radius R on a grounded plane (Dirichlet
    u = 0) under a uniform far field E0: a hemisphere in (r, z) (exact: 3) or a half-cylinder
    in (x, z) (exact: 2) (Jackson, Classical Electrodynamics, 3rd ed., §3.2 and §2.11 images).
    The box is ``box`` R high and wide (half-width in x; periodic images in x and the Neumann top
    make the 2D value ~ -(pi R / W)^2 / 3 low)."""
    n = int(n_per_radius)
    h, m = 1.0 / n, box * n
    z = (np.arange(m) + 0.5) * h
    x = (np.arange(m) + 0.5) * h if geometry == AXISYMMETRIC else (np.arange(2 * m) + 0.5) * h - m * h
    X, Z = np.meshgrid(x, z, indexing="ij")
    prob = Field2D(np.minimum(Z, np.hypot(X, Z) - 1.0), h, 0.0, geometry)
    u = prob.solve(prob.rhs(0.0, 1.0))
    e, _ = vertical_surface_field(u, prob.lsf, np.zeros_like(u), prob.ell, h)
    apex = float(e[0] if geometry == AXISYMMETRIC else e[m])
    exact = 3.0 if geometry == AXISYMMETRIC else 2.0
    return {"enhancement": apex, "exact": exact, "relative_error": apex / exact - 1.0,
            "iterations": prob.iterations, "cells": int(prob.active.sum()), "levels": prob.levels}
