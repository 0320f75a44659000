"""Graded 1D grids and a tridiagonal solver shared by the transport models (pure numba kernels).

``graded_grid`` puts the finest cells at x = 0 (one-sided) or at both ends (two-sided) with a
smooth exponential/tanh stretching; ``thomas`` solves a tridiagonal system in O(n)
(Press et al., Numerical Recipes, 3rd ed., §2.4). No physics lives here.
"""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def graded_grid(length, n_nodes, first_cell, two_sided):
    """Nodes 0..n_nodes-1 on [0, length]; the first cell is ``first_cell`` long (approximately
    for two-sided grids) and cells grow smoothly away from the refined end(s).

    One-sided: x_i = L (exp(b s_i) - 1)/(exp(b) - 1), s_i = i/(n-1), b chosen by bisection so
    that x_1 = first_cell. Two-sided: the one-sided grid on [0, L/2] mirrored at L/2.
    """
    if two_sided:
        half_nodes = (n_nodes + 1) // 2
        half = _one_sided(0.5 * length, half_nodes, first_cell)
        x = np.empty(2 * half_nodes - 1)
        for i in range(half_nodes):
            x[i] = half[i]
            x[2 * half_nodes - 2 - i] = length - half[i]
        return x
    return _one_sided(length, n_nodes, first_cell)


@njit(cache=True)
def _one_sided(length, n_nodes, first_cell):
    n = n_nodes - 1
    uniform = length / n
    x = np.empty(n_nodes)
    if first_cell >= uniform:
        for i in range(n_nodes):
            x[i] = length * i / n
        return x
    lo, hi = 1e-9, 700.0
    for _ in range(200):
        b = 0.5 * (lo + hi)
        h1 = length * np.expm1(b / n) / np.expm1(b)
        if h1 > first_cell:
            lo = b
        else:
            hi = b
    b = 0.5 * (lo + hi)
    den = np.expm1(b)
    for i in range(n_nodes):
        x[i] = length * np.expm1(b * i / n) / den
    x[n] = length
    return x


@njit(cache=True)
def thomas(lower, diag, upper, rhs):
    """Solve a tridiagonal system; ``lower[0]`` and ``upper[-1]`` are ignored.

    No pivoting: callers pass diagonally dominant (diffusion) or Newton-PB matrices, both
    M-matrices. A zero pivot gives inf/NaN, which the caller detects.
    """
    n = diag.shape[0]
    c = np.empty(n)
    d = np.empty(n)
    c[0] = upper[0] / diag[0]
    d[0] = rhs[0] / diag[0]
    for i in range(1, n):
        m = diag[i] - lower[i] * c[i - 1]
        c[i] = upper[i] / m if i < n - 1 else 0.0
        d[i] = (rhs[i] - lower[i] * d[i - 1]) / m
    x = np.empty(n)
    x[n - 1] = d[n - 1]
    for i in range(n - 2, -1, -1):
        x[i] = d[i] - c[i] * x[i + 1]
    return x


@njit(cache=True)
def control_volumes(x):
    """Finite-volume widths of the nodes: half cells at both ends."""
    n = x.shape[0]
    v = np.empty(n)
    v[0] = 0.5 * (x[1] - x[0])
    v[n - 1] = 0.5 * (x[n - 1] - x[n - 2])
    for i in range(1, n - 1):
        v[i] = 0.5 * (x[i + 1] - x[i - 1])
    return v


@njit(cache=True)
def trapezoid(y, x):
    s = 0.0
    for i in range(x.shape[0] - 1):
        s += 0.5 * (y[i] + y[i + 1]) * (x[i + 1] - x[i])
    return s


@njit(cache=True)
def capped_graded_grid(length, n_nodes, first_cell, growth):
    """Cells h_i = min(first_cell growth^i, h_max) (geometric, then uniform), h_max by bisection so
    that n_nodes - 1 cells span ``length``. Keeps the far cells as small as the node count allows
    (a purely geometric grid makes them coarse, which biases exponential tails)."""
    n = n_nodes - 1
    if first_cell * n >= length:
        x = np.empty(n_nodes)
        for i in range(n_nodes):
            x[i] = length * i / n
        return x
    lo, hi = first_cell, length
    for _ in range(200):
        hm = 0.5 * (lo + hi)
        total = 0.0
        h = first_cell
        for i in range(n):
            total += min(h, hm)
            h *= growth
        if total > length:
            hi = hm
        else:
            lo = hm
    hm = 0.5 * (lo + hi)
    x = np.empty(n_nodes)
    x[0] = 0.0
    h = first_cell
    for i in range(n):
        x[i + 1] = x[i] + min(h, hm)
        h *= growth
    scale = length / x[n]
    for i in range(n_nodes):
        x[i] *= scale
    return x
