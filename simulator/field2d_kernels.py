"""Numba kernels of :mod:`simulator.field2d`: operator assembly per level, the level hierarchy,
the smoother, transfers, the V-cycle and the MG-preconditioned CG (discretisation and method
in :mod:`simulator.field2d`'s docstring).

An operator is (act, c, diag): act[i, j] = 1 for an electrolyte cell, c[a, i, j] the coupling to
the neighbour in direction a (W, E, S, N) and diag the diagonal. A missing coupling (metal
neighbour, axis, wall, top, below the grid) is stored as c = 0, so the matrix-vector products
and sweeps read every neighbour with wrapped/clamped indices and no branches.
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


@njit(cache=True)
def apply(u, act, c, diag, geom):
    """A u."""
    nx, nz = u.shape
    out = np.zeros_like(u)
    for i in range(nx):
        im, ip = (i - 1) % nx, (i + 1) % nx
        for j in range(nz):
            if act[i, j] == 0:
                continue
            jm, jp = max(j - 1, 0), min(j + 1, nz - 1)
            out[i, j] = (diag[i, j] * u[i, j] - c[0, i, j] * u[im, j] - c[1, i, j] * u[ip, j]
                         - c[2, i, j] * u[i, jm] - c[3, i, j] * u[i, jp])
    return out


@njit(cache=True)
def _sweep(u, b, act, c, diag, geom, color):
    """One colour of red-black Gauss-Seidel."""
    nx, nz = u.shape
    for i in range(nx):
        im, ip = (i - 1) % nx, (i + 1) % nx
        for j in range((i + color) % 2, nz, 2):
            if act[i, j] == 0:
                continue
            jm, jp = max(j - 1, 0), min(j + 1, nz - 1)
            u[i, j] = (b[i, j] + c[0, i, j] * u[im, j] + c[1, i, j] * u[ip, j]
                       + c[2, i, j] * u[i, jm] + c[3, i, j] * u[i, jp]) / diag[i, j]


@njit(cache=True)
def _prolong_weights(i, j, act_c, geom):
    """Coarse cells for fine cell (i, j): parent, x-, z- and diagonal neighbour (weights 9, 3, 3, 1
    /16). A neighbour outside the grid or in the metal is replaced by the parent (constant
    extrapolation), so that smooth errors near a resistive (Robin) surface are represented."""
    nxc, nzc = act_c.shape
    I, J = i // 2, j // 2
    I2 = I + (-1 if i % 2 == 0 else 1)
    J2 = J + (-1 if j % 2 == 0 else 1)
    if I2 < 0 or I2 >= nxc:
        I2 = I2 % nxc if geom == CARTESIAN else I
    if J2 < 0 or J2 >= nzc:
        J2 = J
    Ix, Jz, Dx, Dz = I2, J2, I2, J2
    if act_c[I2, J] == 0:
        Ix = I
    if act_c[I, J2] == 0:
        Jz = J
    if act_c[I2, J2] == 0:
        Dx, Dz = I, J
    return I, J, Ix, Jz, Dx, Dz


@njit(cache=True)
def prolong_add(u, ec, act_f, act_c, geom):
    nx, nz = u.shape
    for i in range(nx):
        for j in range(nz):
            if act_f[i, j] == 0:
                continue
            I, J, Ix, Jz, Dx, Dz = _prolong_weights(i, j, act_c, geom)
            u[i, j] += 0.5625 * ec[I, J] + 0.1875 * (ec[Ix, J] + ec[I, Jz]) + 0.0625 * ec[Dx, Dz]


@njit(cache=True)
def restrict(r, act_c, geom):
    """Transpose of ``prolong_add`` (a coarse parent in the metal gets nothing)."""
    nx, nz = r.shape
    nxc, nzc = nx // 2, nz // 2
    rc = np.zeros((nxc, nzc))
    for i in range(nx):
        for j in range(nz):
            v = r[i, j]
            if v == 0.0:
                continue
            I, J, Ix, Jz, Dx, Dz = _prolong_weights(i, j, act_c, geom)
            rc[I, J] += 0.5625 * v
            rc[Ix, J] += 0.1875 * v
            rc[I, Jz] += 0.1875 * v
            rc[Dx, Dz] += 0.0625 * v
    for I in range(nxc):
        for J in range(nzc):
            if act_c[I, J] == 0:
                rc[I, J] = 0.0
    return rc


@njit(cache=True)
def _coarse_solve(b, act, cinv):
    """Direct solve on the coarsest level with the precomputed inverse (active cells in C order)."""
    nx, nz = b.shape
    v = np.empty(cinv.shape[0])
    k = 0
    for i in range(nx):
        for j in range(nz):
            if act[i, j] == 1:
                v[k] = b[i, j]
                k += 1
    x = cinv @ v
    u = np.zeros_like(b)
    k = 0
    for i in range(nx):
        for j in range(nz):
            if act[i, j] == 1:
                u[i, j] = x[k]
                k += 1
    return u


@njit(cache=True)
def vcycle(b0, acts, cs, diags, geom, nu, cinv):
    """One V-cycle from a zero guess: returns the approximate solution of A e = b0 (symmetric)."""
    nl = len(acts)
    us = List()
    bs = List()
    bs.append(b0)
    for lv in range(nl):
        if lv == nl - 1:
            us.append(_coarse_solve(bs[lv], acts[lv], cinv))
            break
        us.append(np.zeros_like(bs[lv]))
        for _ in range(nu):
            _sweep(us[lv], bs[lv], acts[lv], cs[lv], diags[lv], geom, 0)
            _sweep(us[lv], bs[lv], acts[lv], cs[lv], diags[lv], geom, 1)
        r = bs[lv] - apply(us[lv], acts[lv], cs[lv], diags[lv], geom)
        bs.append(restrict(r, acts[lv + 1], geom))
    for lv in range(nl - 2, -1, -1):
        prolong_add(us[lv], us[lv + 1], acts[lv], acts[lv + 1], geom)
        for _ in range(nu):
            _sweep(us[lv], bs[lv], acts[lv], cs[lv], diags[lv], geom, 1)
            _sweep(us[lv], bs[lv], acts[lv], cs[lv], diags[lv], geom, 0)
    return us[0]


@njit(cache=True)
def pcg(b, u0, acts, cs, diags, geom, tol, max_iter, nu, cinv):
    """MG-preconditioned CG. Returns (u, iterations, relative residual, status 0 ok/1 max_iter/2 NaN)."""
    act, c, diag = acts[0], cs[0], diags[0]
    u = u0.copy()
    r = b - apply(u, act, c, diag, geom)
    bn = np.sqrt(np.sum(b * b))
    if bn == 0.0:
        bn = 1.0
    rel = np.sqrt(np.sum(r * r)) / bn
    if rel <= tol:
        return u, 0, rel, 0
    z = vcycle(r, acts, cs, diags, geom, nu, cinv)
    p = z.copy()
    rz = np.sum(r * z)
    for it in range(1, max_iter + 1):
        ap = apply(p, act, c, diag, geom)
        alpha = rz / np.sum(p * ap)
        u += alpha * p
        r -= alpha * ap
        rel = np.sqrt(np.sum(r * r)) / bn
        if not np.isfinite(rel):
            return u, it, rel, 2
        if rel <= tol:
            return u, it, rel, 0
        z = vcycle(r, acts, cs, diags, geom, nu, cinv)
        rz_new = np.sum(r * z)
        p = z + (rz_new / rz) * p
        rz = rz_new
    return u, max_iter, rel, 1
