"""Multigrid-preconditioned conjugate gradients of :mod:`simulator.field2d` (numba): matrix-vector
product, red-black Gauss-Seidel, bilinear cell-centred transfers, V-cycle and PCG, on the
operators of :mod:`simulator.field2d_assembly` (Trottenberg, Oosterlee & Schuller, Multigrid,
2001, §2-4; Tatebe, Copper Mountain Conf. 1993 for MG-preconditioned CG).
"""
from __future__ import annotations

import numpy as np
from numba import njit
from numba.typed import List

from .field2d_assembly import CARTESIAN


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
