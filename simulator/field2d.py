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

The numba kernels (assembly, hierarchy, smoother, transfers, V-cycle, PCG) live in
:mod:`simulator.field2d_assembly` (operator) and :mod:`simulator.field2d_multigrid`
(solver); this module is the public wrapper :class:`Field2D` (their
names stay importable from here). A solve accepts an initial guess (``u0``): a time-stepping
caller passes the previous step's potential and PCG starts close to the answer.
"""
from __future__ import annotations

import numpy as np

from .field2d_assembly import (  # noqa: F401  (public names of the solver, importable from here)
    AXISYMMETRIC,
    CARTESIAN,
    THETA_MIN,
    _nb,
    _normal_share,
    build_hierarchy,
    build_level,
    dense,
)
from .field2d_multigrid import _sweep, apply, pcg, prolong_add, restrict, vcycle  # noqa: F401
from .parameters import SolverError

_DI = (-1, 1, 0, 0)
_DJ = (0, 0, -1, 1)


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
        self.acts, self.cs, self.diags, self.cut = build_hierarchy(lsf, ell, self.h, self.geometry, int(min_coarse))
        self.ell, self.lsf = ell, lsf
        last = self.acts[len(self.acts) - 1]
        if int(last.sum()) > max_coarse_cells:
            raise SolverError(f"field2d: coarsest grid {last.shape[0]}x{last.shape[1]} too large for the direct "
                              "coarse solve; use grid sides with more factors of 2")
        if not np.any(self.cut > 0.0):
            raise SolverError("field2d: no electrolyte cell touches the electrode; the problem is singular")
        self.active = self.acts[0].astype(bool)
        self.cinv = np.linalg.inv(self._dense(len(self.acts) - 1))

    def _dense(self, level):
        return dense(self.acts[level], self.cs[level], self.diags[level])

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
