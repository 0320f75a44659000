"""Model 7: surface morphology and tip field of a corroded Li surface under plating (2D, x-z).

1. Initial surface: flat Li with ``n_defects`` Gaussian scratches (depth a0, width w) at seeded
   positions; reactivity rho(x) = 1 + (rho_d - 1) sum exp(-(x - x_d)^2 / 2w^2) (000 §2.1).
2. Corrosion at rest (switch ``corrosion``): parabolic SEI growth with local reactivity
   (:mod:`simulator.sei_corrosion`, model 6's law), L = sqrt(L0^2 + 2 rho k t); the surface
   recedes by the Li consumed, so defects deepen into pits and the terraces between them stand
   as peaks with a thinner SEI (000 §2.1 (1)-(2), §2.2). Gibbs-Thomson speeds dissolution at
   convex sites by exp(gamma V_Li kappa / RT), which at micrometre curvature is ~1e-3: curvature
   matters for corrosion only at nanometre radii.
3. Plating at current density J: the electrolyte potential u (V) obeys Laplace's equation above
   z = h(x) (periodic in x, :mod:`simulator.field2d`), far field du/dz = E0 = J/sigma, and at the
   surface the SEI + charge transfer act as a resistive layer (Robin condition)::

       u - ell(x) du/dn = g(x),  ell = sigma (R_ct + L(x)/sigma_SEI),  g = gamma V_Li kappa / F

   R_ct = RT/(F i0) (linearised Butler-Volmer), sigma_SEI from models 4-5 (or given as
   ``sei_conductivity``, e.g. by a pipeline that computed its own SEI). The local current
   j = sigma du/dn deposits Li: dh/dt = V_Li q/F (q per projected width, exactly conservative).
   The corrosion SEI is held fixed while plating (Li deposits beneath it); its fracture and
   re-growth over cycles is model 8 (:mod:`simulator.heterogeneity`). Explicit Euler steps move
   no column by more than half a cell and keep |omega| dt <= 1 for the stiff Gibbs-Thomson decay
   of the shortest grid wave (omega ~ k^3 / (1 + k ell)); a run needing more than ``max_steps``
   raises SolverError.
4. Ferroelectric (switch ``ferroelectric``): (a) the counter-field of 000 §3.2 (2) -- a
   hypothesis there, not a proven mechanism -- as a layer whose bound charge cancels a share of
   the local excess normal field, u - ell_fe (du/dn - E0) added to the surface condition
   (ell_fe = thickness x cancelled share; a uniform offset does not move current, so only ell_fe
   acts); (b) a more uniform inorganic SEI (000 §3.3): reactivity contrast scaled by
   ``fe_reactivity_factor`` and SEI properties of the FSI-derived SEI of models 4-5.
   A *linear* high-permittivity coating would give only ell = t eps_e/eps_f (~t/50 for BaTiO3):
   any shielding must come from polarization switching, not from the permittivity.

Honest finding: with sigma ~ 1 S/m and R_ct + R_SEI ~ 1e-2 to 1 ohm m^2 the Wagner length
ell is mm to m, far above micrometre roughness: the SEI thickness contrast, not the geometric tip
field, decides where Li plates (``field_enhancement`` is the bare-conductor field the morphology
would create; ``current_focusing`` is what the SEI lets through).

Outputs: field_enhancement (max normal field of the bare surface, with the counter-field layer
if on, / E0, at the start of plating); current_focusing (max local current per area of surface
/ mean, start of plating); roughness_amplification (rms final / rms at start of plating);
dendrite_onset_time (first time the tallest protrusion's height over its width at half height
reaches ``onset_aspect_ratio``; inf and dendrite_formed False if never); loop_gain = d ln j_apex /
d ln H of the tallest protrusion at the end, taken as a 3D tip of revolution
(:func:`simulator.surface_field.tip_loop_gain`): > 1 means the tip-field loop is self-amplifying
(a conducting hemi-ellipsoid passes 1 at aspect ratio ~1.7); a resistive surface (ell >> H)
opens the loop. In a 2D cross-section alone a ridge cannot exceed 1 (beta = 1 + a/b).
At default parameters the loop is open (gain ~0, even slightly negative: a taller protrusion
spreads the layer-limited current over more area). A gain > 1 needs ell below the tip height
(a depleted electrolyte near Sand's time, model 1, or very fast kinetics) *and* a tip taller than
~1.7 base radii -- i.e. a dendrite that already exists; corrosion pits alone do not close it.
Linear stability (the closed form the engine law ``linear_stability`` states, with the Robin
factor) is :func:`simulator.surface_field.linear_growth_rate`.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from .results import agg_figure
from . import constants as C
from . import sei_corrosion as sc
from . import surface_field as sf
from .parameters import Parameter, ParameterError, SolverError, require_finite, resolve

NAME = "morphology"
SUMMARY = "2D corroded Li surface under plating: tip field, SEI-resistive current focusing, roughness, dendrite onset"
_EST = "outside estimate: "
PARAMETERS = (
    Parameter("width", 50e-6, "m", "periodic surface width W", _EST + "a few defect spacings of a rolled Li foil", 1e-7, 1e-2, False),
    Parameter("n_cells", 128, "dimensionless", "cells across W (multiple of 16)", "numerical setting", 32, 1024, integer=True),
    Parameter("n_defects", 3, "dimensionless", "number of surface defects", _EST + "000 §2.1: scratches, grain boundaries", 1, 50, integer=True),
    Parameter("defect_width", 2e-6, "m", "defect width w (Gaussian sigma)", _EST + "000 §2.1: micron-scale scratches", 1e-8, 1e-3, False),
    Parameter("defect_depth", 0.3e-6, "m", "initial defect depth a0", _EST + "000 §2.1: micron/nano-scale depressions", 0.0, 1e-4, False),
    Parameter("defect_reactivity", 5.0, "dimensionless", "corrosion-rate multiplier rho_d at a defect centre",
              _EST + "000 §2.1: under-coordinated defect atoms react faster (no number given)", 1.0, 1e3),
    Parameter("seed", 0, "dimensionless", "random seed of the defect positions", "numerical setting", 0, 2**31 - 1, integer=True),
    Parameter("corrosion", 1, "dimensionless", "1: corrode the defects at rest before plating; 0: plate the pristine surface", "model switch", 0, 1, integer=True),
    Parameter("ferroelectric", 0, "dimensionless", "1: ferroelectric counter-field layer and uniform inorganic SEI", "model switch", 0, 1, integer=True),
    Parameter("rest_time", 86400.0, "s", "rest (corrosion) time before plating", _EST + "one day of calendar rest", 0.0, 3.2e7),
    Parameter("corrosion_current", 0.01, "A/m**2", "initial Li corrosion current density through L0",
              _EST + "order of 1 uA/cm^2 calendar corrosion of Li (cf. Boyle et al., Nat. Energy 6, 487 (2021))", 0.0, 10.0),
    Parameter("initial_sei_thickness", 5e-9, "m", "native/fresh SEI thickness L0", "model 6 default (PyBaMM Xu2019)", 1e-10, 1e-6),
    Parameter("sei_conductivity", 0.0, "S/m", "SEI ionic conductivity sigma_SEI; 0: that of the SEI of models 4 -> 5 "
              "(default 1 M LiPF6 carbonate SEI, FSI-derived with the ferroelectric switch)",
              "model 5 (Bruggeman over model 4 phases); upper bound outside estimate: a superionic solid, Li10GeP2S12 "
              "1.2 S/m (Kamaya et al., Nat. Mater. 10, 682 (2011))", 0.0, 10.0),
    Parameter("current_density", 10.0, "A/m**2", "plating current density J (10 A/m^2 = 1 mA/cm^2)", _EST + "usual Li|Li test rate", 0.0, 1e3, False),
    Parameter("duration", 3600.0, "s", "plating time (1 h at 1 mA/cm^2 = 1 mAh/cm^2)", _EST + "one areal-capacity step", 0.0, 1e6, False),
    Parameter("electrolyte_conductivity", 1.0, "S/m", "electrolyte conductivity sigma",
              "Valoen & Reimers, J. Electrochem. Soc. 152, A882 (2005): ~1 S/m for 1 M LiPF6 in carbonates, 25 C", 1e-8, 100.0),
    Parameter("exchange_current", 10.0, "A/m**2", "Li/Li+ exchange current density i0", "as model 6 (outside estimate: ~1 mA/cm^2)", 1e-3, 1e5),
    Parameter("surface_energy", 0.5, "J/m**2", "Li surface energy gamma", _EST + "DFT surface energies of Li facets ~0.45-0.5 J/m^2", 0.0, 5.0),
    Parameter("counterfield_length", 2e-6, "m", "ferroelectric counter-field length ell_fe (layer thickness x cancelled share)",
              _EST + "000 §3.2 (2) gives no number: 1 um layer cancelling the excess field twice over its thickness", 0.0, 1e-3),
    Parameter("fe_reactivity_factor", 0.2, "dimensionless", "defect reactivity contrast kept under the ferroelectric's uniform SEI",
              _EST + "000 §3.3 (2): uniform inorganic SEI, no number given", 0.0, 1.0),
    Parameter("temperature", 298.15, "K", "temperature", "IUPAC standard temperature", 200.0, 400.0),
    Parameter("onset_aspect_ratio", 1.0, "dimensionless", "dendrite criterion: protrusion height / width at half height",
              _EST + "a protrusion taller than wide is counted as a dendrite", 0.05, 100.0),
    Parameter("max_steps", 4000, "dimensionless", "maximum time steps (exceeding it raises SolverError)", "numerical setting", 10, 1e6, integer=True),
)


def defects(p: dict):
    """Cell centres x, initial height h0 and reactivity rho of the defect pattern."""
    n, w = int(p["n_cells"]), p["width"]
    x = (np.arange(n) + 0.5) * w / n
    rng = np.random.default_rng(int(p["seed"]))
    centres = rng.uniform(0.0, w, int(p["n_defects"]))
    shape = np.zeros(n)
    for xc in centres:
        d = (x - xc + 0.5 * w) % w - 0.5 * w
        shape += np.exp(-0.5 * (d / p["defect_width"]) ** 2)
    return x, -p["defect_depth"] * shape, 1.0 + (p["defect_reactivity"] - 1.0) * shape


@dataclass(frozen=True)
class MorphologyResult:
    field_enhancement: float         # max bare-surface normal field / E0 at the start of plating
    current_focusing: float          # max local current per surface area / mean, start of plating
    current_focusing_final: float
    roughness_amplification: float   # rms(h) end of plating / start of plating
    dendrite_onset_time: float       # s; math.inf when no onset within the run
    dendrite_formed: bool
    loop_gain: float                 # d ln j_apex / d ln H of the tallest final protrusion (3D tip)
    wagner_length: float             # m, mean ell = sigma (R_ct + L/sigma_SEI) (+ ell_fe)
    roughness_start: float           # m
    roughness_final: float           # m
    max_aspect_ratio: float
    li_corroded: float               # mol/m^2 consumed by corrosion at rest
    steps: int
    direct_fallbacks: int            # field solves where PCG failed and a sparse direct solve was used
    x: np.ndarray                    # m
    height_initial: np.ndarray       # m, before corrosion
    height_start: np.ndarray         # m, start of plating
    height_final: np.ndarray         # m
    sei: np.ndarray                  # m, SEI thickness from corrosion (static while plating)
    current_start: np.ndarray        # A/m^2 per surface area
    current_final: np.ndarray        # A/m^2
    times: np.ndarray                # s
    aspect_ratio: np.ndarray         # 1
    parameters: dict

    units = {"field_enhancement": "dimensionless", "current_focusing": "dimensionless", "current_focusing_final": "dimensionless",
             "roughness_amplification": "dimensionless", "dendrite_onset_time": "s", "loop_gain": "dimensionless", "wagner_length": "m",
             "roughness_start": "m", "roughness_final": "m", "max_aspect_ratio": "dimensionless", "li_corroded": "mol/m**2",
             "x": "m", "height_initial": "m", "height_start": "m", "height_final": "m", "sei": "m",
             "current_start": "A/m**2", "current_final": "A/m**2", "times": "s", "aspect_ratio": "dimensionless"}

    def to_dict(self) -> dict:
        d = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in asdict(self).items()}
        d["dendrite_onset_time"] = None if math.isinf(self.dendrite_onset_time) else self.dendrite_onset_time
        d["model"] = NAME
        d["units"] = dict(self.units)
        return d

    def plot(self, path) -> None:
        fig, (a, b, c) = agg_figure((10, 3.6), 3)
        um = 1e6
        for lab, hh in (("initial", self.height_initial), ("start of plating", self.height_start),
                        ("end of plating", self.height_final)):
            a.plot(self.x * um, (hh - hh.mean()) * um, label=lab)
        a.set(xlabel="x / µm", ylabel="h - <h> / µm", title="surface")
        a.legend(fontsize=7)
        b.plot(self.x * um, self.current_start, label="start")
        b.plot(self.x * um, self.current_final, label="end")
        b.set(xlabel="x / µm", ylabel="j / A m$^{-2}$", title="local current")
        b.legend(fontsize=7)
        c.plot(self.times, self.aspect_ratio)
        c.axhline(self.parameters["onset_aspect_ratio"], color="grey", lw=0.8)
        c.set(xlabel="t / s", ylabel="aspect ratio", title="tallest protrusion")
        fig.tight_layout()
        fig.savefig(path, dpi=110)


def _start_state(p):
    fe = bool(p["ferroelectric"])
    x, h0, rho = defects(p)
    if fe:
        rho = 1.0 + (rho - 1.0) * p["fe_reactivity_factor"]
    dx, l0, T = p["width"] / p["n_cells"], p["initial_sei_thickness"], p["temperature"]
    if p["corrosion"]:
        _, kappa = sf.slope_curvature(h0, dx)
        gt = np.exp(p["surface_energy"] * sc.V_LI * kappa / (C.R * T))
        L = sc.corroded_thickness(rho * gt, p["rest_time"], p["corrosion_current"], l0)
        n_li = sc.li_consumed(L, l0)
        h = h0 - n_li * sc.V_LI
    else:
        L, n_li, h = np.full_like(h0, l0), np.zeros_like(h0), h0.copy()
    return x, h0, h, L, float(n_li.mean())


def run(**overrides) -> MorphologyResult:
    p = resolve(PARAMETERS, overrides)
    if int(p["n_cells"]) % 16:
        raise ParameterError(f"parameter 'n_cells' = {int(p['n_cells'])} must be a multiple of 16 in [32, 1024]")
    fe = bool(p["ferroelectric"])
    n, W, J, sig = int(p["n_cells"]), p["width"], p["current_density"], p["electrolyte_conductivity"]
    dx, T, gam = W / n, p["temperature"], p["surface_energy"]
    x, h_init, h, L, li_corr = _start_state(p)
    sig_sei = p["sei_conductivity"] or sc.sei_phase_properties("FSI" if fe else None)["conductivity"]
    e0, r_ct, ell_fe = J / sig, C.R * T / (C.F * p["exchange_current"]), p["counterfield_length"] if fe else 0.0
    ell = sig * (r_ct + L / sig_sei) + ell_fe
    hx, _ = sf.slope_curvature(h, dx)
    bare = sf.SurfaceField(h, dx, np.full(n, ell_fe), np.zeros(n), e0)
    field_enh = float(np.max(bare.normal_field(hx)) / e0)
    h_start = h.copy()
    # explicit stability of the stiff Gibbs-Thomson term: |omega(k_max)| dt <= 1, k_max = pi/dx
    k_max = math.pi / dx
    w_gt = sc.V_LI / C.F * sig * gam * sc.V_LI / C.F * k_max ** 3 / (1.0 + k_max * float(np.min(ell)))
    dt_gt = 1.0 / w_gt if w_gt > 0 else math.inf
    t, step, onset, t_end, fallbacks = 0.0, 0, math.inf, p["duration"], int(bare.fallback)
    rec_t, rec_ar, field = [], [], None
    while True:
        hx, kappa = sf.slope_curvature(h, dx)
        field = sf.SurfaceField(h, dx, ell, gam * sc.V_LI * kappa / C.F, e0, previous=field)
        q = field.column_current(sig)
        fallbacks += int(field.fallback)
        require_finite("morphology local current", q, f"step {step}")
        s = np.sqrt(1.0 + hx ** 2)
        j, jbar = q / s, J * W / (np.sum(s) * dx)
        if step == 0:
            focus0, j0 = float(j.max() / jbar), j.copy()
        ar = sf.aspect_ratio(h, dx)
        if math.isinf(onset) and ar >= p["onset_aspect_ratio"]:
            onset = 0.0 if not rec_ar else rec_t[-1] + (t - rec_t[-1]) * (p["onset_aspect_ratio"] - rec_ar[-1]) / (ar - rec_ar[-1])
        rec_t.append(t)
        rec_ar.append(ar)
        if t >= t_end * (1 - 1e-12):
            break
        if step >= p["max_steps"]:
            raise SolverError(f"morphology: max_steps = {int(p['max_steps'])} exceeded at t = {t:.3g} s of {t_end:g} s")
        v = sc.V_LI * q / C.F
        dt = min(t_end - t, 0.5 * dx / max(np.max(np.abs(v)), 1e-300), t_end / 20.0, dt_gt)
        h = h + v * dt
        t += dt
        step += 1
    require_finite("morphology surface", h)
    rms0, rms1 = float(np.std(h_start)), float(np.std(h))
    gain = sf.tip_loop_gain(h, dx, ell, e0)
    return MorphologyResult(
        field_enhancement=field_enh, current_focusing=focus0, current_focusing_final=float(j.max() / jbar),
        roughness_amplification=rms1 / rms0, dendrite_onset_time=float(onset),
        dendrite_formed=not math.isinf(onset), loop_gain=float(gain), wagner_length=float(np.mean(ell)),
        roughness_start=rms0, roughness_final=rms1, max_aspect_ratio=float(max(rec_ar)), li_corroded=li_corr,
        steps=step, direct_fallbacks=fallbacks, x=x, height_initial=h_init, height_start=h_start,
        height_final=h, sei=L, current_start=j0, current_final=j, times=np.array(rec_t),
        aspect_ratio=np.array(rec_ar), parameters=p)
