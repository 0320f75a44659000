"""Operator assembly of :mod:`simulator.field2d` (numba): the cut-cell finite-volume operator of
one level, the level hierarchy and the dense coarsest matrix (discretisation in
:mod:`simulator.field2d`'s docstring).

An operator is (act, c, diag): act[i, j] = 1 for an electrolyte cell, c[a, i, j] the coupling to
the neighbour in direction a (W, E, S, N) and diag the diagonal. A missing coupling (metal
neighbour, axis, wall, top, below the grid) is stored as c = 0, so that the matrix-vector
products and sweeps of :mod:`simulator.field2d_multigrid` read every neighbour with wrapped or
clamped indices and no branches.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit
from numba.typed import List

CARTESIAN, AXISYMMETRIC = 0, 1
THETA_MIN = 1e-6


@njit(cache=True)
def _weights(geom, i, scale):
    """Face weights (W, E, S, N) of cell (i, .) in units of the finest spacing."""
    if geom == CARTESIAN:
        return 1.0, 1.0, 1.0, 1.0
    return i * scale, (i + 1) * scale, (i + 0.5) * scale, (i + 0.5) * scale


@njit(cache=True)
def _normal_share(lsf, i, j, a, geom):
    """|n . e_arm| at cell (i, j) from central differences of the level set (one-sided at edges)."""
    nx, nz = lsf.shape
    if geom == CARTESIAN:
        gx = lsf[(i + 1) % nx, j] - lsf[(i - 1) % nx, j]
    else:
        gx = 2.0 * (lsf[min(i + 1, nx - 1), j] - lsf[max(i - 1, 0), j]) / (min(i + 1, nx - 1) - max(i - 1, 0))
    jp, jm = min(j + 1, nz - 1), max(j - 1, 0)
    gz = 2.0 * (lsf[i, jp] - lsf[i, jm]) / max(jp - jm, 1)
    norm = math.sqrt(gx * gx + gz * gz)
    if norm == 0.0:
        return 1.0
    share = abs(gx) / norm if a < 2 else abs(gz) / norm
    return max(share, 1e-3)


@njit(cache=True)
def build_level(lsf, ell_h, geom, scale):
    """Operator of one level: act (int8), coupling c[4] (W, E, S, N), diag, cut-coefficient sum.

    ``ell_h`` = Robin length / h of this level; ``scale`` = h_level / h_finest (r weights)."""
    nx, nz = lsf.shape
    act = np.zeros((nx, nz), np.int8)
    for i in range(nx):
        for j in range(nz):
            if lsf[i, j] > 0.0:
                act[i, j] = 1
    c = np.zeros((4, nx, nz))
    diag = np.zeros((nx, nz))
    cut = np.zeros((nx, nz))
    for i in range(nx):
        for j in range(nz):
            if act[i, j] == 0:
                continue
            w = _weights(geom, i, scale)
            for a in range(4):
                ii = i + (-1 if a == 0 else (1 if a == 1 else 0))
                jj = j + (-1 if a == 2 else (1 if a == 3 else 0))
                if ii < 0 or ii >= nx:
                    if geom == CARTESIAN:
                        ii = ii % nx
                    else:
                        continue  # axis (zero weight) or outer zero-flux wall
                if jj >= nz:
                    continue  # top: Neumann (its flux goes into the right-hand side)
                if jj < 0:  # below the grid: level set extrapolated linearly
                    ln = 2.0 * lsf[i, 0] - lsf[i, 1] if nz > 1 else lsf[i, 0]
                    if ln > 0.0:
                        continue  # electrolyte below the grid: zero-flux bottom
                elif act[ii, jj] == 1:
                    c[a, i, j] = w[a]
                    diag[i, j] += w[a]
                    continue
                else:
                    ln = lsf[ii, jj]
                th = max(lsf[i, j] / (lsf[i, j] - ln), THETA_MIN)
                k = w[a] / (th + ell_h[i, j] / _normal_share(lsf, i, j, a, geom))
                cut[i, j] += k
                diag[i, j] += k
    return act, c, diag, cut


@njit(cache=True)
def _coarsen(a):
    nx, nz = a.shape
    out = np.empty((nx // 2, nz // 2))
    for i in range(nx // 2):
        for j in range(nz // 2):
            out[i, j] = 0.25 * (a[2 * i, 2 * j] + a[2 * i + 1, 2 * j] + a[2 * i, 2 * j + 1] + a[2 * i + 1, 2 * j + 1])
    return out


@njit(cache=True)
def build_hierarchy(lsf, ell, h, geom, min_coarse):
    """Operators of every level, finest first, and the finest level's cut coefficients. A level
    is coarsened (level set and Robin length averaged over 2 x 2 cells, operator re-discretised)
    while both sides are even and the coarse side keeps >= ``min_coarse`` cells."""
    acts, cs, diags = List(), List(), List()
    cut0 = np.zeros(lsf.shape)
    scale = 1.0
    while True:
        act, c, diag, cut = build_level(lsf, ell / (h * scale), geom, scale)
        acts.append(act)
        cs.append(c)
        diags.append(diag)
        if len(acts) == 1:
            cut0 = cut
        nx, nz = lsf.shape
        if nx % 2 or nz % 2 or min(nx, nz) // 2 < min_coarse:
            break
        lsf, ell, scale = _coarsen(lsf), _coarsen(ell), 2.0 * scale
    return acts, cs, diags, cut0


@njit(cache=True)
def dense(act, c, diag):
    """The level's matrix over its active cells (C order), dense."""
    nx, nz = act.shape
    idx = -np.ones((nx, nz), np.int64)
    n = 0
    for i in range(nx):
        for j in range(nz):
            if act[i, j] == 1:
                idx[i, j] = n
                n += 1
    a = np.zeros((n, n))
    for i in range(nx):
        for j in range(nz):
            k = idx[i, j]
            if k < 0:
                continue
            a[k, k] = diag[i, j]
            for d in range(4):
                if c[d, i, j] != 0.0:   # a non-zero coupling always has a real neighbour
                    ii = (i + (-1 if d == 0 else (1 if d == 1 else 0))) % nx
                    jj = j + (-1 if d == 2 else (1 if d == 3 else 0))
                    a[k, idx[ii, jj]] -= c[d, i, j]
    return a


@njit(cache=True)
def _nb(i, j, a, nx, nz, geom):
    """Neighbour of (i, j) in direction a (W, E, S, N), periodic in x for CARTESIAN; j - 1 = -1
    below the grid (callers test it)."""
    ii = i + (-1 if a == 0 else (1 if a == 1 else 0))
    jj = j + (-1 if a == 2 else (1 if a == 3 else 0))
    if geom == CARTESIAN:
        ii = ii % nx
    return ii, jj
