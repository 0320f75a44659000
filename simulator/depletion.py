"""Model 1 — electrolyte depletion at a plating Li electrode (1D, binary salt, galvanostatic).

Equations (binary salt, ambipolar diffusivity D, constant transference number t+; the
binary-electrolyte diffusion equation of Newman & Thomas-Alyea, Electrochemical Systems, 3rd ed.
(2004); Bard & Faulkner, Electrochemical Methods, 2nd ed., §8.2 for the Sand problem)::

    dc/dt = D d2c/dx2,                     0 < x < L,  c(x, 0) = c0
    D dc/dx |x=0 = J (1 - t+) / F          plating electrode: Li+ consumed, anion blocked
    semi-infinite:  c(L, t) = c0           with L = 12 sqrt(D t_end) (far field untouched)
    finite Li|Li:   D dc/dx |x=L = J (1 - t+) / F   (stripping electrode releases the salt)

Semi-infinite analytic solution at the surface: c(0, t) = c0 - 2 J t_a / F sqrt(t / (pi D)),
which vanishes at Sand's time (004 §3.2.1 eq. (1); Bard & Faulkner §8.2.1)::

    t_s = pi D (c0 F)^2 / (4 (J t_a)^2),   t_a = 1 - t+

Finite symmetric cell: the steady profile is linear with mean c0, c(0) = c0 - J t_a L / (2 F D),
so the limiting current is J_lim = 2 F D c0 / (t_a L) (assumption: symmetric Li|Li cell, no
convection, constant D and t+). Below J_lim the surface never empties.

Numerics: finite volumes on a graded grid (finest at the electrode(s)), theta scheme in time
(default Crank–Nicolson with four backward-Euler start-up steps, Rannacher smoothing) on a
geometric time grid (fine early steps for the sqrt(t) start). Sand's time is the zero crossing
of c(0, t), linearly interpolated; the run stops there because a galvanostatic current can no
longer be carried once the surface is empty (the linear model would go negative).
The exact profile is monotone in x; a non-monotone or non-finite profile is reported as a
numerical instability (``SolverError``), never clamped.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from simulator import constants as K
from simulator.grids import control_volumes, graded_grid, thomas
from simulator.results import agg_figure, result_dict
from simulator.parameters import Parameter, SolverError, require_finite, resolve

NAME = "depletion"
SUMMARY = "1D binary-salt depletion under galvanostatic Li plating: surface concentration, Sand's time, limiting current"

PARAMETERS = (
    Parameter("salt_concentration", 1000.0, "mol/m**3", "bulk salt concentration c0",
              "outside estimate: 1 M LiPF6 in carbonates, the usual Li-metal test electrolyte", 0.0, 1.0e4, False),
    Parameter("diffusivity", 3.0e-10, "m**2/s", "ambipolar salt diffusivity D",
              "outside estimate: order of Valoen & Reimers, J. Electrochem. Soc. 152 (2005) A882 (LiPF6 in PC/EC/DMC, ~1 M, 25 C)",
              0.0, 1.0e-6, False),
    Parameter("transference_number", 0.38, "dimensionless", "Li+ transference number t+",
              "Valoen & Reimers, J. Electrochem. Soc. 152 (2005) A882 (t+ = 0.38); 004 §3.2.1 eq. (1) for its role", 0.0, 1.0),
    Parameter("current_density", 100.0, "A/m**2", "plating current density J (100 A/m^2 = 10 mA/cm^2)",
              "outside estimate: a fast-charging plating rate; 004 §3.2.2 discusses the current dependence", 0.0, 1.0e5),
    Parameter("cell_length", 25.0e-6, "m", "inter-electrode distance L of the finite Li|Li cell",
              "outside estimate: thickness of a common polyolefin separator (Celgard 2400 datasheet, 25 um)", 0.0, 1.0e-2, False),
    Parameter("finite_cell", 0.0, "dimensionless", "0: semi-infinite electrolyte (Sand problem); 1: finite symmetric Li|Li cell",
              "model switch", 0.0, 1.0, integer=True),
    Parameter("duration_over_sand", 1.5, "dimensionless", "simulated time as a multiple of the analytic Sand's time",
              "numerical setting", 0.0, 100.0, False),
    Parameter("n_nodes", 201.0, "dimensionless", "grid nodes", "numerical setting", 20.0, 20000.0, integer=True),
    Parameter("n_steps", 2000.0, "dimensionless", "time steps", "numerical setting", 10.0, 1.0e6, integer=True),
    Parameter("time_theta", 0.5, "dimensionless", "theta of the time scheme (0 explicit, 0.5 Crank-Nicolson, 1 backward Euler); below 0.5 only conditionally stable",
              "numerical setting", 0.0, 1.0),
)

STATUS_OK, STATUS_DEPLETED, STATUS_UNSTABLE = 0, 1, 2


@njit(cache=True)
def sand_time(c0, diffusivity, current_density, anion_transference):
    """t_s = pi D (c0 F)^2 / (4 (J t_a)^2); inf when J t_a = 0."""
    q = current_density * anion_transference
    if q <= 0.0:
        return np.inf
    return np.pi * diffusivity * (c0 * K.F) ** 2 / (4.0 * q * q)


@njit(cache=True)
def time_grid(t_end, n_steps):
    """Geometric time grid from ~1e-6 t_end: fine steps for the sqrt(t) start."""
    g = 8.0
    t = np.empty(n_steps + 1)
    den = np.expm1(g)
    for k in range(n_steps + 1):
        t[k] = t_end * np.expm1(g * k / n_steps) / den
    t[n_steps] = t_end
    return t


@njit(cache=True)
def solve_depletion(x, times, c0, diffusivity, salt_flux, finite, theta):
    """Theta-scheme finite volumes. Returns (c_surface[k], final profile, status, last step);
    on depletion the profile is interpolated to the c(0) = 0 crossing.

    ``salt_flux`` = J t_a / F (mol m^-2 s^-1) leaves at x = 0 (and enters at x = L if finite).
    status: 0 ran to the end, 1 surface emptied at step ``last``, 2 numerical instability.
    """
    n = x.shape[0]
    vol = control_volumes(x)
    g = np.empty(n - 1)
    for i in range(n - 1):
        g[i] = diffusivity / (x[i + 1] - x[i])
    c = np.full(n, c0)
    cs = np.full(times.shape[0], np.nan)
    cs[0] = c0
    lower = np.empty(n)
    diag = np.empty(n)
    upper = np.empty(n)
    rhs = np.empty(n)
    for k in range(1, times.shape[0]):
        dt = times[k] - times[k - 1]
        th = 1.0 if (k <= 4 and theta == 0.5) else theta
        for i in range(n):
            ac = 0.0  # (A c^n)_i
            gl = g[i - 1] if i > 0 else 0.0
            gr = g[i] if i < n - 1 else 0.0
            if i > 0:
                ac += gl * (c[i - 1] - c[i])
            if i < n - 1:
                ac += gr * (c[i + 1] - c[i])
            src = 0.0
            if i == 0:
                src = -salt_flux
            elif i == n - 1 and finite:
                src = salt_flux
            lower[i] = -th * gl
            upper[i] = -th * gr
            diag[i] = vol[i] / dt + th * (gl + gr)
            rhs[i] = vol[i] / dt * c[i] + (1.0 - th) * ac + src
        if not finite:  # Dirichlet far field
            lower[n - 1] = 0.0
            diag[n - 1] = 1.0
            rhs[n - 1] = c0
        c_prev = c
        c = thomas(lower, diag, upper, rhs)
        cs[k] = c[0]
        for i in range(n):
            if not np.isfinite(c[i]):
                return cs, c, STATUS_UNSTABLE, k
        tol = 1e-6 * c0
        for i in range(n - 1):
            if c[i + 1] < c[i] - tol:
                return cs, c, STATUS_UNSTABLE, k
        if c[0] <= 0.0:  # interpolate the profile to the crossing time
            w = c_prev[0] / (c_prev[0] - c[0])
            return cs, (1.0 - w) * c_prev + w * c, STATUS_DEPLETED, k
    return cs, c, STATUS_OK, times.shape[0] - 1


@dataclass(frozen=True)
class DepletionResult:
    times: np.ndarray                  # s
    surface_concentration: np.ndarray  # mol/m^3, c(0, t)
    x: np.ndarray                      # m
    final_profile: np.ndarray          # mol/m^3 at the last computed time
    sand_time_analytic: float | None   # s, semi-infinite formula (None: never, J t_a = 0)
    sand_time_numeric: float | None    # s, c(0) = 0 crossing (None: not depleted in the run)
    sand_time_relative_error: float | None
    limiting_current: float | None     # A/m^2, finite symmetric cell (None: t+ = 1, no limit)
    current_over_limiting: float
    steady_surface_concentration: float  # mol/m^3, finite cell analytic (may be < 0: J > J_lim)
    min_surface_concentration: float   # mol/m^3 reached in the run
    depleted: bool
    finite_cell: bool
    duration: float                    # s
    parameters: dict

    units = {"times": "s", "surface_concentration": "mol/m**3", "x": "m", "final_profile": "mol/m**3",
             "sand_time_analytic": "s", "sand_time_numeric": "s", "sand_time_relative_error": "dimensionless",
             "limiting_current": "A/m**2", "current_over_limiting": "dimensionless",
             "steady_surface_concentration": "mol/m**3", "min_surface_concentration": "mol/m**3", "duration": "s"}

    def to_dict(self) -> dict:
        return result_dict(self, NAME, self.units)

    def plot(self, path) -> None:
        fig, (a, b) = agg_figure((9, 3.6), 2)
        a.plot(self.times, self.surface_concentration, label="numerical c(0,t)")
        c0 = self.parameters["salt_concentration"]
        if self.sand_time_analytic is not None and not self.finite_cell:
            ts = self.sand_time_analytic
            t = self.times
            a.plot(t, c0 * (1.0 - np.sqrt(t / ts)), "--", label="analytic (semi-infinite)")
            a.axvline(ts, color="grey", lw=0.8)
        a.set(xlabel="t / s", ylabel="c(0, t) / mol m$^{-3}$", title="surface concentration")
        a.legend(fontsize=8)
        b.plot(self.x * 1e6, self.final_profile)
        if not self.finite_cell:  # show the diffusion layer, not the whole far field
            b.set_xlim(0, 6e6 * math.sqrt(self.parameters["diffusivity"] * self.duration))
        b.set(xlabel="x / µm", ylabel="c / mol m$^{-3}$", title=f"profile at t = {self.times[-1]:.3g} s")
        fig.tight_layout()
        fig.savefig(path, dpi=110)


def run(**overrides) -> DepletionResult:
    p = resolve(PARAMETERS, overrides)
    c0, dif, tp, cur = p["salt_concentration"], p["diffusivity"], p["transference_number"], p["current_density"]
    length, finite = p["cell_length"], bool(p["finite_cell"])
    ta = 1.0 - tp
    ts = float(sand_time(c0, dif, cur, ta))
    t_end = p["duration_over_sand"] * ts if math.isfinite(ts) else 3.0 * length**2 / dif
    if finite:
        t_end = max(t_end, 3.0 * length**2 / dif) if math.isfinite(ts) else t_end
        domain = length
    else:
        domain = 12.0 * math.sqrt(dif * t_end)
    n_nodes, n_steps = int(p["n_nodes"]), int(p["n_steps"])
    times = time_grid(t_end, n_steps)
    first_cell = min(0.2 * math.sqrt(dif * times[1]), domain / n_nodes)
    x = graded_grid(domain, n_nodes, first_cell, finite)
    flux = cur * ta / K.F
    cs, prof, status, last = solve_depletion(x, times, c0, dif, flux, finite, p["time_theta"])
    if status == STATUS_UNSTABLE:
        raise SolverError(
            f"depletion: numerical instability at step {last} (t = {times[last]:.3g} s): the profile became "
            f"non-finite or oscillating (time_theta = {p['time_theta']:g}); use time_theta >= 0.5 or more n_steps")
    t_out, c_out = times[: last + 1].copy(), cs[: last + 1].copy()
    require_finite("depletion surface concentration", c_out)
    require_finite("depletion profile", prof)
    t_num = None
    if status == STATUS_DEPLETED:
        c1, c2, t1, t2 = c_out[-2], c_out[-1], t_out[-2], t_out[-1]
        t_num = float(t1 + (t2 - t1) * c1 / (c1 - c2))
        t_out[-1], c_out[-1] = t_num, 0.0
    ts_out = ts if math.isfinite(ts) else None
    j_lim = 2.0 * K.F * dif * c0 / (ta * length) if ta > 0 else None
    return DepletionResult(
        times=t_out, surface_concentration=c_out, x=np.asarray(x), final_profile=np.asarray(prof),
        sand_time_analytic=ts_out, sand_time_numeric=t_num,
        sand_time_relative_error=(abs(t_num - ts) / ts if (t_num is not None and ts_out) else None),
        limiting_current=j_lim, current_over_limiting=(cur / j_lim if j_lim else 0.0),
        steady_surface_concentration=c0 - cur * ta * length / (2.0 * K.F * dif),
        min_surface_concentration=float(np.min(c_out)), depleted=status == STATUS_DEPLETED,
        finite_cell=finite, duration=float(t_out[-1]), parameters=p)
