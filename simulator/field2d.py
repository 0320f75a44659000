"""2D potential solver above an embedded electrode boundary: numba multigrid-preconditioned CG.

Problem: Laplace's equation for the electrolyte potential u (V) in a rectangle of square cells
(spacing h), either Cartesian (x, z), periodic in x, or axisymmetric (r, z) with the axis at r = 0,
(1/r) d/dr(r du/dr) + d2u/dz2 = 0. The electrode (metal) is where the level set ``lsf`` <= 0; its
surface carries a Robin condition u - ell du/dn = g (ell = 0: Dirichlet u = g; ell = sigma R_s for
a resistive layer R_s on an electrolyte of conductivity sigma). The top boundary carries a uniform
far field du/dz = E0 (galvanostatic flux); r = r_max is a zero-flux wall.

Discretisation: cell-centred finite volumes (integrated flux balance per cell, faces weighted by
r in (r, z)); an arm P -> N that crosses the boundary at fraction theta of the spacing
(theta = lsf_P/(lsf_P - lsf_N), linear interpolation) contributes w (g - u_P)/(theta + ell/h):
the ghost value of Gibou, Fedkiw, Cheng & Kang, J. Comput. Phys. 176, 205 (2002) (symmetric,
second-order solution), with the Robin layer in series: w (g - u_P)/(theta + ell/(h |n.e|)),
n the level-set normal, e the arm direction. The |n.e| factor makes the arms of a staircase
count the true surface area in the resistive limit (ell >> h: sum over arms of h |n.e| = arc
length), and drops out in the Dirichlet limit. The matrix is symmetric
positive definite. Solver: conjugate gradients preconditioned by one multigrid V-cycle
(red-black Gauss-Seidel, forward before and reversed after the coarse correction, so the
preconditioner is symmetric; bilinear cell-centred prolongation, restriction its transpose;
coarse operators re-discretised from the averaged level set; the coarsest level solved directly; Trottenberg, Oosterlee & Schuller,
Multigrid, 2001, §2-4; Tatebe, Copper Mountain Conf. 1993 for MG-preconditioned CG).
Numerical floor: theta >= 1e-6 (a cell centre on the boundary), not a physical limit.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit
from numba.typed import List

from .parameters import SolverError

CARTESIAN, AXISYMMETRIC = 0, 1
THETA_MIN = 1e-6
_DI = (-1, 1, 0, 0)
_DJ = (0, 0, -1, 1)


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
def _nb(i, j, a, nx, nz, geom):
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
        for j in range(nz):
            if act[i, j] == 0:
                continue
            s = diag[i, j] * u[i, j]
            for a in range(4):
                if c[a, i, j] != 0.0:
                    ii, jj = _nb(i, j, a, nx, nz, geom)
                    s -= c[a, i, j] * u[ii, jj]
            out[i, j] = s
    return out


@njit(cache=True)
def _sweep(u, b, act, c, diag, geom, color):
    nx, nz = u.shape
    for i in range(nx):
        for j in range((i + color) % 2, nz, 2):
            if act[i, j] == 0:
                continue
            s = b[i, j]
            for a in range(4):
                if c[a, i, j] != 0.0:
                    ii, jj = _nb(i, j, a, nx, nz, geom)
                    s += c[a, i, j] * u[ii, jj]
            u[i, j] = s / diag[i, j]


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
    nxc, nzc = ec.shape
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
    for l in range(nl):
        if l == nl - 1:
            us.append(_coarse_solve(bs[l], acts[l], cinv))
            break
        us.append(np.zeros_like(bs[l]))
        for _ in range(nu):
            _sweep(us[l], bs[l], acts[l], cs[l], diags[l], geom, 0)
            _sweep(us[l], bs[l], acts[l], cs[l], diags[l], geom, 1)
        r = bs[l] - apply(us[l], acts[l], cs[l], diags[l], geom)
        bs.append(restrict(r, acts[l + 1], geom))
    for l in range(nl - 2, -1, -1):
        prolong_add(us[l], us[l + 1], acts[l], acts[l + 1], geom)
        for _ in range(nu):
            _sweep(us[l], bs[l], acts[l], cs[l], diags[l], geom, 1)
            _sweep(us[l], bs[l], acts[l], cs[l], diags[l], geom, 0)
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


def _coarsen(a: np.ndarray) -> np.ndarray:
    return 0.25 * (a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2])


class Field2D:
    """Assembled problem: ``lsf`` (level set at cell centres, > 0 electrolyte), spacing ``h`` (m),
    Robin length ``ell`` (m, scalar or per cell), ``geometry`` CARTESIAN or AXISYMMETRIC.
    Grid sides must be divisible by 2**(levels-1); levels are chosen down to ~8 cells."""

    def __init__(self, lsf, h, ell=0.0, geometry=CARTESIAN, min_coarse=4, max_coarse_cells=1500):
        lsf = np.ascontiguousarray(lsf, dtype=np.float64)
        self.h, self.geometry, self.shape = float(h), int(geometry), lsf.shape
        ell = np.broadcast_to(np.asarray(ell, dtype=np.float64), lsf.shape).copy()
        if np.any(ell < 0) or not np.all(np.isfinite(ell)) or not np.all(np.isfinite(lsf)):
            raise SolverError("field2d: Robin length must be finite and >= 0 and the level set finite")
        self.acts, self.cs, self.diags = List(), List(), List()
        scale = 1.0
        while True:
            act, c, diag, cut = build_level(lsf, ell / (self.h * scale), self.geometry, scale)
            self.acts.append(act)
            self.cs.append(c)
            self.diags.append(diag)
            if len(self.acts) == 1:
                self.cut = cut
                self.ell = ell
                self.lsf = lsf
            nx, nz = lsf.shape
            if nx % 2 or nz % 2 or min(nx, nz) // 2 < min_coarse:
                if act.sum() > max_coarse_cells:
                    raise SolverError(f"field2d: coarsest grid {nx}x{nz} too large for the direct coarse solve; "
                                      "use grid sides with more factors of 2")
                break
            lsf, ell, scale = _coarsen(lsf), _coarsen(ell), 2.0 * scale
        if not np.any(self.cut > 0.0):
            raise SolverError("field2d: no electrolyte cell touches the electrode; the problem is singular")
        self.active = self.acts[0].astype(bool)
        self.cinv = np.linalg.inv(self._dense(len(self.acts) - 1))

    def _dense(self, level):
        act, c, diag = self.acts[level], self.cs[level], self.diags[level]
        nx, nz = act.shape
        idx = -np.ones((nx, nz), dtype=np.int64)
        m = act.astype(bool)
        idx[m] = np.arange(int(m.sum()))
        a = np.diag(diag[m])
        for d in range(4):
            ii = (np.arange(nx)[:, None] + _DI[d]) % nx + 0 * np.arange(nz)[None, :]
            jj = np.clip(np.arange(nz)[None, :] + _DJ[d], 0, nz - 1) + 0 * np.arange(nx)[:, None]
            k = m & (c[d] != 0.0)
            a[idx[k], idx[ii[k], jj[k]]] -= c[d][k]
        return a

    @property
    def levels(self) -> int:
        return len(self.acts)

    def rhs(self, g, e0) -> np.ndarray:
        """Right-hand side for surface value g (V, scalar or per cell) and top field e0 (V/m)."""
        g = np.broadcast_to(np.asarray(g, dtype=np.float64), self.shape)
        b = self.cut * g
        nx, nz = self.shape
        wn = np.ones(nx) if self.geometry == CARTESIAN else np.arange(nx) + 0.5
        b[:, nz - 1] += np.where(self.active[:, nz - 1], wn * e0 * self.h, 0.0)
        return np.where(self.active, b, 0.0)

    def solve(self, b, u0=None, tol=1e-10, max_iter=200, nu=2):
        """u with A u = b (0 in the metal); raises SolverError if not converged or non-finite."""
        u0 = np.zeros(self.shape) if u0 is None else np.where(self.active, u0, 0.0)
        u, it, rel, status = pcg(np.ascontiguousarray(b), u0, self.acts, self.cs, self.diags, self.geometry,
                                 float(tol), int(max_iter), int(nu), self.cinv)
        if status == 2 or not np.all(np.isfinite(u)):
            raise SolverError(f"field2d: non-finite residual/solution after {it} PCG iterations")
        if status == 1:
            raise SolverError(f"field2d: PCG did not converge in max_iter = {max_iter} iterations "
                              f"(relative residual {rel:.3g} > tol {tol:g})")
        self.iterations, self.residual = int(it), float(rel)
        return u

    def csr(self):
        """The same fine-level system as a scipy CSR matrix over active cells, and the index map."""
        import scipy.sparse as sps
        act, c, diag = self.acts[0], self.cs[0], self.diags[0]
        nx, nz = self.shape
        idx = -np.ones(self.shape, dtype=np.int64)
        idx[self.active] = np.arange(int(self.active.sum()))
        rows, cols, vals = [idx[self.active]], [idx[self.active]], [diag[self.active]]
        for a in range(4):
            ii = (np.arange(nx)[:, None] + _DI[a]) % nx + 0 * np.arange(nz)[None, :]
            jj = np.clip(np.arange(nz)[None, :] + _DJ[a], 0, nz - 1) + 0 * np.arange(nx)[:, None]
            m = self.active & (c[a] != 0.0)
            rows.append(idx[m])
            cols.append(idx[ii[m], jj[m]])
            vals.append(-c[a][m])
        n = int(self.active.sum())
        return sps.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)), idx
