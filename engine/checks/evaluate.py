"""States of a check and the picklable per-sample function.

A check evaluates its pipeline in two states of the root cause: ``off``/``on`` for an
intervention, ``low``/``high`` = x (1 -+ step) for a relative knob. Settings are layered:
pipeline defaults < binding base settings < user parameters (or a robustness sample) <
scenario settings < the off state's settings.
"""
from __future__ import annotations

import math

from engine.checks.bindings import ChainSpec, specs_from_file
from engine.checks.chains import PIPELINES
from engine.checks.pipelines import CheckError, Pipeline, default_of, parse_setting

STATES = {"onoff": ("off", "on"), "relative": ("low", "high")}


def pipeline_of(spec: ChainSpec) -> Pipeline:
    if spec.pipeline not in PIPELINES:
        raise CheckError(f"chain '{spec.id}' names pipeline '{spec.pipeline}'; available: {', '.join(sorted(PIPELINES))}")
    return PIPELINES[spec.pipeline]


def _apply(pipe: Pipeline, params: dict[str, float], settings) -> dict[str, float]:
    out = dict(params)
    for text in settings:
        k, v = (s.strip() for s in text.split("=", 1))
        if v.startswith("@"):
            ref = v[1:]
            value = out.get(ref, default_of(pipe, ref))
            out.update(parse_setting(pipe, f"{k}={value!r}"))
        else:
            out.update(parse_setting(pipe, text))
    return out


def state_params(spec: ChainSpec, params: dict[str, float], scenario: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    """Qualified parameters of both states (``params`` are the user's, already parsed)."""
    pipe = pipeline_of(spec)
    base = _apply(pipe, {}, spec.base_settings)
    base.update(params)
    base = _apply(pipe, base, scenario)
    lo_name, hi_name = STATES[spec.knob_mode]
    if spec.knob_mode == "onoff":
        return {lo_name: _apply(pipe, base, spec.off_settings), hi_name: base}
    k = spec.knob_parameter
    x0 = base.get(k, default_of(pipe, k))
    if x0 == 0.0:
        raise CheckError(f"chain '{spec.id}': relative knob '{k}' is 0; a ±{spec.relative_step:g} relative step needs x != 0")
    table = pipe.table()
    lo, hi = x0 * (1.0 - spec.relative_step), x0 * (1.0 + spec.relative_step)
    for v in (lo, hi):
        try:
            table[k].check(v)
        except ValueError as exc:
            raise CheckError(f"chain '{spec.id}': the ±{spec.relative_step:g} step of '{k}' = {x0:g} leaves its "
                             f"range: {exc}") from None
    return {lo_name: {**base, k: lo}, hi_name: {**base, k: hi}}


def _plain(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):   # non-finite numbers as "inf"/"-inf"/"nan": JSON-safe, and never a sign
        return float(v) if math.isfinite(v) else str(float(v))
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return str(v)


def evaluate_states(spec: ChainSpec, params: dict[str, float], scenario: tuple[str, ...] = ()) -> dict[str, dict]:
    """Pipeline outputs of both states: ``{state: {"model.output": value, "_errors": {...}}}``."""
    pipe = pipeline_of(spec)
    return {name: {k: _plain(v) for k, v in pipe.evaluate(p).items()}
            for name, p in state_params(spec, params, scenario).items()}


def sample_task(chain_id: str, params: dict[str, float]) -> dict:
    """One robustness sample (top-level and picklable for any executor's ``map``): the bound
    quantities' values in both states, or the error that stopped the pipeline. ``params``
    holds qualified SI floats (user parameters updated by the sample)."""
    spec = specs_from_file()[chain_id]
    try:
        states = evaluate_states(spec, params)
    except (CheckError, ValueError) as exc:
        msg = f"{type(exc).__name__}: {exc}"
        return {"ok": False, "error": msg, "errors": {"both": {"check": msg}}, "values": {}}
    errors = {s: st["_errors"] for s, st in states.items() if st["_errors"]}
    values = {q.key: [states[s].get(q.key) for s in STATES[spec.knob_mode]] for q in spec.quantities}
    return {"ok": not errors, "error": "; ".join(f"{s}: {e}" for s, e in errors.items()) or None,
            "errors": errors, "values": values}   # errors: {state: {stage: "ErrorType: message"}}


def change(lo, hi) -> tuple[int | None, float | None]:
    """(sign of hi - lo, symmetric relative change 2 (hi - lo)/(|hi| + |lo|)); sign 0 when the
    change is below 1e-9 of the magnitude; (None, None) when a value is missing."""
    if lo is None or hi is None or isinstance(lo, (str, dict)) or isinstance(hi, (str, dict)):
        return None, None
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None, None
    scale = abs(hi) + abs(lo)
    d = hi - lo
    if scale == 0.0 or abs(d) <= 1e-9 * scale:
        return 0, 0.0
    return (1 if d > 0 else -1), 2.0 * d / scale


def elasticity(x: tuple, y: tuple, mode: str) -> float | None:
    """d ln y / d ln x: log-difference for a relative knob with positive values, else the arc
    (midpoint) elasticity of the on/off change."""
    sx, rx = change(*x)
    sy, ry = change(*y)
    if not sx or sy is None:
        return None
    if mode == "relative" and min(x) > 0 and min(y) > 0:
        return (math.log(y[1]) - math.log(y[0])) / (math.log(x[1]) - math.log(x[0]))
    return ry / rx
