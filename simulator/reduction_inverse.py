"""Inverse of model 4: the pre-adsorbed anion mix whose SEI best matches a target composition.

Forward model and data: :mod:`simulator.reduction` (which re-exports :func:`solve_adsorbed_mix`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import reduction as red
from .parameters import ParameterError, SolverError, resolve


@dataclass(frozen=True)
class AdsorbedMixResult:
    mix: dict          # pre-adsorbed anion shares (ads_x_*), sum 1
    fractions: dict    # SEI volume fractions this mix gives (forward model)
    target: dict
    residual: float    # Euclidean norm of fractions - target
    reduction: red.ReductionResult

    def to_dict(self) -> dict:
        return {"mix": dict(self.mix), "fractions": dict(self.fractions), "target": dict(self.target),
                "residual": self.residual, "reduction": self.reduction.to_dict(),
                "units": {"mix": "dimensionless", "fractions": "dimensionless (volume)", "target": "dimensionless (volume)", "residual": "dimensionless"}}


def _target_vector(target: dict) -> np.ndarray:
    unknown = sorted(set(target) - set(red.PHASES))
    if unknown:
        raise ParameterError(f"target phase(s) {', '.join(unknown)} unknown; allowed: {', '.join(red.PHASES)}")
    f = np.array([float(target.get(ph, 0.0)) for ph in red.PHASES])
    for ph, v in zip(red.PHASES, f):
        if not (math.isfinite(v) and 0.0 <= v <= 1.0):
            raise ParameterError(f"target fraction '{ph}' = {v:g} is outside the allowed range [0, 1]")
    if abs(f.sum() - 1.0) > 1e-6:
        raise ParameterError(f"target fractions must sum to 1, got {f.sum():g}")
    return f


def solve_adsorbed_mix(target_fractions: dict, anions: tuple[str, ...] = ("PF6", "FSI", "NO3"),
                       **overrides) -> AdsorbedMixResult:
    """Pre-adsorbed anion mix (shares of ``anions``) whose SEI best matches ``target_fractions``.

    With the reservoir fully reduced, the phase volumes are linear in the mix x:
    V/L = (Gamma/L) (A^T - q v^T) x + q, q = competitive volume fractions, A = reservoir yields
    times molar volumes, v = A summed; with the reservoir larger than the SEI, V/L = A^T x / v^T x.
    Both are solved as non-negative least squares (scipy.optimize.nnls) with sum(x) = 1 as a
    heavily weighted row; the forward model picks the better one and reports its residual.
    ``preadsorbed_anion_coverage`` defaults here to 1000 monolayer equivalents, enough to build the
    whole default SEI from the reservoir; a single monolayer on a flat electrode gives only ~0.1-0.3 nm.
    """
    from scipy.optimize import nnls
    bad = [a for a in anions if a not in red.ANIONS]
    if bad or not anions:
        raise ParameterError(f"anions {bad or list(anions)} not allowed; choose from {', '.join(red.ANIONS)}")
    f = _target_vector(target_fractions)
    overrides = {"preadsorbed_anion_coverage": 1000.0, **overrides}
    if any(k.startswith("ads_x_") for k in overrides):
        raise ParameterError("solve_adsorbed_mix chooses ads_x_*; do not pass them")
    base = resolve(red.PARAMETERS, {**overrides, **{f"ads_x_{a}": float(a == anions[0]) for a in red.ANIONS}})
    if base["preadsorbed_anion_coverage"] <= 0.0:
        raise ParameterError("parameter 'preadsorbed_anion_coverage' = 0 leaves no reservoir to choose; allowed (0, 1e4]")
    idx = [red.ANIONS.index(a) for a in anions]
    A = (red._ANION_YIELDS[idx] * red._VM).T                       # (phases, anions) m^3 per mol
    v = A.sum(axis=0)
    shares, *_ = red._compute(base)
    y, untr, li = red._yields(base["carbonate_Li2CO3_branch"])
    m_c, _, _ = red.product_moles(shares, y, untr, li)
    q = m_c * red._VM / float(m_c @ red._VM)
    L = base["sei_thickness"]
    gamma = base["preadsorbed_anion_coverage"] * base["adsorption_site_density"]
    w = 1e3
    systems = [((gamma / L) * (A - np.outer(q, v)), f - q), (A / v.mean() - np.outer(f, v) / v.mean(), np.zeros(5))]
    best = None
    for M, rhs in systems:
        Mw = np.vstack([M, w * np.ones(len(idx))])
        x, _ = nnls(Mw, np.concatenate([rhs, [w]]))
        if x.sum() <= 0.0:
            continue
        x = x / x.sum()
        mix = {f"ads_x_{a}": 0.0 for a in red.ANIONS}
        mix.update({f"ads_x_{a}": float(xi) for a, xi in zip(anions, x)})
        res = red.run(**{**overrides, **mix})
        r = float(np.linalg.norm(np.array([res.fractions[ph] for ph in red.PHASES]) - f))
        if best is None or r < best[2]:
            best = (mix, res, r)
    if best is None:
        raise SolverError("solve_adsorbed_mix: NNLS found no non-negative mix")
    mix, res, r = best
    return AdsorbedMixResult(mix={k[len("ads_x_"):]: v for k, v in mix.items()}, fractions=res.fractions,
                             target={ph: float(x) for ph, x in zip(red.PHASES, f)}, residual=r, reduction=res)
