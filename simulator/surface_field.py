"""Height-field surface helpers of model 7: one field solve, slope/curvature, aspect ratio, the
linear-stability closed form and the tip loop gain (axisymmetric tip of revolution)."""
from __future__ import annotations

import math

import numpy as np
from numba import njit

from . import constants as C
from . import field2d as fd
from . import field2d_probe as fp
from . import sei_corrosion as sc
from .parameters import SolverError, require_finite


def linear_growth_rate(k, current_density, conductivity, surface_energy, robin_length=0.0):
    """Linear growth rate omega(k) (1/s) of h = delta cos(kx) on a field-controlled surface.

    Laplace field u = a + E0 z + A exp(-kz) cos(kx), E0 = J/sigma, with u - ell du/dz = Gamma k^2
    delta cos(kx) at z = h (Gibbs-Thomson, Gamma = gamma V_Li/F) gives A = delta (Gamma k^2 - E0)/(1 + k ell)
    and, with v = V_Li sigma du/dz / F::

        omega = (V_Li/F) sigma k (E0 - Gamma k^2) / (1 + k ell)

    Mullins & Sekerka, J. Appl. Phys. 35, 444 (1964) with the resistive (Wagner-number) factor
    1/(1 + k ell) (Sundstrom & Bark, Electrochim. Acta 40, 599 (1995)). For diffusion control put
    sigma = F^2 D c_i/(t_a R T) (see :func:`diffusion_conductivity`); with ell = 0 this is the
    engine law ``linear_stability``: omega = V_m k (J/F - D c_i gamma V_m k^2/(t_a R T))."""
    k = np.asarray(k, dtype=float)
    gam = surface_energy * sc.V_LI / C.F
    return sc.V_LI / C.F * conductivity * k * (current_density / conductivity - gam * k * k) / (1.0 + k * robin_length)


def diffusion_conductivity(diffusivity, interface_concentration, anion_transference, temperature):
    """Conductivity of the equivalent field problem for diffusion control: F^2 D c_i / (t_a R T)."""
    return C.F ** 2 * diffusivity * interface_concentration / (anion_transference * C.R * temperature)


def slope_curvature(h, dx):
    hp, hm = np.roll(h, -1), np.roll(h, 1)
    hx = (hp - hm) / (2 * dx)
    kappa = -(hp - 2 * h + hm) / dx ** 2 / (1 + hx ** 2) ** 1.5  # > 0 at peaks (convex)
    return hx, kappa


@njit(cache=True)
def shifted_guess(u, lsf, shift, nz_new):
    """Initial guess on a grid whose rows are ``shift`` rows (fractional) above those of ``u``:
    per column the electrolyte values, extended linearly into the metal below and above the top,
    interpolated linearly at the new rows."""
    nx, nz = u.shape
    out = np.zeros((nx, nz_new))
    col = np.empty(nz)
    for i in range(nx):
        j0 = 0
        while j0 < nz - 2 and lsf[i, j0] <= 0.0:
            j0 += 1
        for j in range(nz):
            col[j] = u[i, j] if j >= j0 else u[i, j0] + (j - j0) * (u[i, j0 + 1] - u[i, j0])
        top = col[nz - 1] - col[nz - 2]
        for k in range(nz_new):
            y = k + shift
            m = min(max(int(math.floor(y)), 0), nz - 2)
            if y >= nz - 1:
                out[i, k] = col[nz - 1] + (y - nz + 1) * top
            else:
                out[i, k] = col[m] + (y - m) * (col[m + 1] - col[m])
    return out


class SurfaceField:
    """One quasi-static field solve on a height field h (m) with Robin length ell(x) and g(x).

    ``previous``: the field of the previous time step (same dx and columns); its potential,
    shifted to this grid, starts the iteration (the answer is the same to the solver tolerance)."""

    def __init__(self, h, dx, ell, g, e0, previous=None):
        nx = h.size
        z0 = h.min() - 2.0 * dx
        nz = _nz_for(h.max(), z0, dx, nx * dx, nx)
        z = z0 + (np.arange(nz) + 0.5) * dx
        self.lsf = z[None, :] - h[:, None]
        self.ell_h = np.repeat((ell / dx)[:, None], nz, axis=1)
        self.g = np.repeat(g[:, None], nz, axis=1)
        self.prob = fd.Field2D(self.lsf, dx, self.ell_h * dx)
        b = self.prob.rhs(self.g, e0)
        self.fallback, self.z0 = False, z0
        u0 = None
        if previous is not None and previous.u.shape[0] == nx and previous.dx == dx:
            u0 = shifted_guess(previous.u, previous.lsf, (z0 - previous.z0) / dx, nz)
        try:
            self.u = self.prob.solve(b, u0=u0, tol=1e-9)
        except SolverError:  # thin whiskers under a near-Neumann (ell >> dx) surface: direct solve, counted
            import scipy.sparse.linalg as spla
            a, _ = self.prob.csr()
            self.u = np.zeros(self.lsf.shape)
            self.u[self.prob.active] = spla.spsolve(a.tocsc(), b[self.prob.active])
            require_finite("morphology direct field solve", self.u)
            self.fallback = True
        self.dx, self.e0, self.h = dx, e0, h

    def column_current(self, sigma, total=None):
        """q_i: current per projected width (A/m^2) into each column.

        Blend by w = ell/(ell + dx) of the conservative cut-arm fluxes (accurate where the field
        controls, ell << dx: 0.3 % on the linear growth rate) and sigma E_n sqrt(1 + h_x^2) with E_n
        from the second-order vertical estimate of ``field2d.vertical_surface_field`` (where the
        resistive layer controls, ell >> dx, the arm fluxes would count staircase area), scaled to
        carry exactly ``total`` (A/m^2 times W; default the arm-flux total). Columns without a
        vertical estimate take their arm flux."""
        arm = sigma * fp.column_fluxes(self.u, self.lsf, self.g, self.ell_h) / self.dx
        e, jp = fp.vertical_surface_field(self.u, self.lsf, self.g, self.ell_h * self.dx, self.dx)
        hx = (np.roll(self.h, -1) - np.roll(self.h, 1)) / (2 * self.dx)
        w = self.ell_h[:, 0] / (self.ell_h[:, 0] + 1.0)
        q = np.where(jp >= 0, (1.0 - w) * arm + w * sigma * e * np.sqrt(1.0 + hx ** 2), arm)
        want = arm.sum() if total is None else total / self.dx
        if q.sum() <= 0.0:
            raise SolverError("surface_field: non-positive total surface current")
        return q * (want / q.sum())

    def normal_field(self, hx):
        e, _ = fp.vertical_surface_field(self.u, self.lsf, self.g, self.ell_h * self.dx, self.dx)
        return e * np.sqrt(1.0 + hx ** 2)


def aspect_ratio(h, dx):
    """Height of the tallest protrusion over its width at half height (periodic)."""
    i0, top, base = int(np.argmax(h)), h.max(), h.min()
    if top - base <= 0.0:
        return 0.0
    half, n = 0.5 * (top + base), h.size
    left = right = 0
    while left < n and h[(i0 - left - 1) % n] > half:
        left += 1
    while right < n and h[(i0 + right + 1) % n] > half:
        right += 1
    return (top - base) / (min(left + right + 1, n) * dx)


def _nz_for(top, bottom, dx, clearance, nx=16):
    """Rows to cover [bottom, top + clearance], a multiple of the power of two (<= 64) dividing nx,
    so that both sides coarsen together down to the direct coarse solve."""
    m = 1
    while nx % (2 * m) == 0 and m < 64:
        m *= 2
    m = max(m, 16)
    return int(math.ceil((top - bottom + clearance) / dx / m)) * m


def apex_field_axisymmetric(profile, ell, dx, e0, clearance):
    """Normal field at the apex of the body of revolution z = profile(r) (profile[k] at r = k dx,
    k = 0..n), Robin length ell(r), far field e0, top ``clearance`` above the apex."""
    n = profile.size - 1
    pc = 0.5 * (profile[:-1] + profile[1:])  # at cell centres r = (i + 1/2) dx
    lc = 0.5 * (ell[:-1] + ell[1:])
    z0 = pc.min() - 2.0 * dx
    nz = _nz_for(pc.max(), z0, dx, clearance, pc.size)
    z = z0 + (np.arange(nz) + 0.5) * dx
    lsf = z[None, :] - pc[:, None]
    ell_c = np.repeat(lc[:, None], nz, axis=1)
    prob = fd.Field2D(lsf, dx, ell_c, fd.AXISYMMETRIC)
    u = prob.solve(prob.rhs(0.0, e0), tol=1e-10)
    e, jp = fp.vertical_surface_field(u, lsf, np.zeros_like(u), ell_c, dx)
    if jp[0] < 0:
        raise SolverError("surface_field: the apex is not resolved (no surface crossing on the axis column)")
    return float(e[0]), n


def tip_loop_gain(h, dx, ell, e0, rel_step=0.2):
    """Gain of the tip-field loop, d ln j_apex / d ln H, of the tallest protrusion of h.

    The protrusion is taken as a 3D tip: its profile, symmetrised about the apex and measured to
    half the period, is revolved about the apex axis and solved in (r, z) with the Robin layer ell.
    H = apex height above the lowest point; the profile's height above that base is scaled by
    1 +- rel_step (SEI held fixed; a wide step averages out cell-crossing noise) and j_apex =
    sigma E_apex compared. For a hemi-ellipsoid of
    fixed base on a conductor (ell = 0) this reproduces d ln beta / d ln nu of the Jackson/Forbes
    closed form, which exceeds 1 above an aspect ratio of ~1.7: a slender enough tip is
    self-amplifying; a resistive surface (ell >> H) opens the loop (gain -> 0)."""
    n = h.size
    i0, base = int(np.argmax(h)), float(h.min())
    half = n // 2
    k = np.arange(half + 1)
    prof = 0.5 * (h[(i0 + k) % n] + h[(i0 - k) % n]) - base
    ell_p = 0.5 * (ell[(i0 + k) % n] + ell[(i0 - k) % n])
    if prof[0] <= 0.0:
        return 0.0
    clearance = max(half * dx, 4.0 * prof[0])
    e_hi, _ = apex_field_axisymmetric(base + (1 + rel_step) * prof, ell_p, dx, e0, clearance)
    e_lo, _ = apex_field_axisymmetric(base + (1 - rel_step) * prof, ell_p, dx, e0, clearance)
    if e_hi <= 0.0 or e_lo <= 0.0:
        raise SolverError("surface_field: non-positive apex field; the loop gain is undefined")
    return math.log(e_hi / e_lo) / math.log((1 + rel_step) / (1 - rel_step))


def hemiellipsoid_gain(nu):
    """d ln beta / d ln nu at fixed base radius for beta(nu) = (nu^2-1)^1.5/(nu acosh(nu) - sqrt(nu^2-1))
    (Forbes, Edgcombe & Valdre, Ultramicroscopy 95, 57 (2003); engine law hemiellipsoid_enhancement)."""
    def beta(v):
        s = math.sqrt(v * v - 1.0)
        return s ** 3 / (v * math.acosh(v) - s)
    e = 1e-5
    return math.log(beta(nu * (1 + e)) / beta(nu * (1 - e))) / math.log((1 + e) / (1 - e))


def measured_growth_rate(wavelength, amplitude, n_cells, current_density, conductivity, surface_energy,
                         robin_length=0.0):
    """Numerical growth rate (1/s) of h = amplitude cos(2 pi x / wavelength) on one period:
    one field solve, deposition rate projected on the mode, omega = (V_Li/F) <q cos>/(amplitude/2)."""
    dx = wavelength / n_cells
    x = (np.arange(n_cells) + 0.5) * dx
    mode = np.cos(2 * np.pi * x / wavelength)
    h = amplitude * mode
    _, kappa = slope_curvature(h, dx)
    sf = SurfaceField(h, dx, np.full(n_cells, robin_length), surface_energy * sc.V_LI * kappa / C.F,
                      current_density / conductivity)
    q = sf.column_current(conductivity)
    require_finite("measured_growth_rate current", q)
    return float(sc.V_LI / C.F * 2.0 * np.mean(q * mode) / amplitude)
