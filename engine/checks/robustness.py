"""Robustness of a check over the documented parameter ranges.

A Latin hypercube (``scipy.stats.qmc.LatinHypercube``, log-uniform where the range says so)
samples the chain's ``lm:rangeParameter`` ranges; each sample re-runs both states of the root
cause (:func:`engine.checks.evaluate.sample_task`, through any executor with ``.map``). For each
link: the fraction of samples that computed its two quantities in which the simulated sign
equals the graph's (a sample whose later stage failed still judges the links before it).
Sensitivity: Spearman rank correlation between each parameter and "the sign holds", and the
fraction holding in the lower and upper half of its range; a parameter *flips* the sign when
the sign fails somewhere and |rho| >= 0.3. Samples whose pipeline fails (a model's range, a
solver) are counted and reported, never dropped silently: every failed sample with its swept
values and causes, and the causes with counts (``failures_by_cause``), each classified (a
model's domain limit, a numerical failure, a check error) with the Spearman correlation of
each swept parameter with failing for that cause.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial

import numpy as np

from engine.checks.bindings import ChainSpec
from engine.checks.evaluate import change, pipeline_of, sample_task
from engine.checks.pipelines import CheckError, parse_params, qualify
from engine.checks.results import (
    FailureCause,
    LinkResult,
    LinkRobustness,
    RobustnessResult,
    SensitivityEntry,
)

FLIP_RHO = 0.3


def lhs_samples(spec: ChainSpec, n: int, seed: int = 7) -> tuple[list[str], np.ndarray]:
    """(qualified parameter names, n x d matrix of values in SI units)."""
    from scipy.stats import qmc

    if not spec.ranges:
        raise CheckError(f"chain '{spec.id}' documents no parameter ranges (lm:rangeParameter); no robustness sweep")
    pipe = pipeline_of(spec)
    names, lo, hi, logs = [], [], [], []
    for r in spec.ranges:
        if not r.low < r.high:
            raise CheckError(f"chain '{spec.id}': range of '{r.parameter}' must have low < high, got [{r.low:g}, {r.high:g}]")
        parse_params(pipe, {r.parameter: r.low})      # checks the name and the model's allowed range
        parse_params(pipe, {r.parameter: r.high})
        names.append(r.parameter)
        lo.append(math.log(r.low) if r.log else r.low)
        hi.append(math.log(r.high) if r.log else r.high)
        logs.append(r.log)
    u = qmc.LatinHypercube(d=len(names), seed=seed).random(n)
    x = qmc.scale(u, lo, hi)
    table = pipe.table()
    for j, lg in enumerate(logs):
        if lg:
            x[:, j] = np.exp(x[:, j])
        if table[qualify(pipe, names[j])[0]].integer:   # whole numbers (switches): equal strata per value
            x[:, j] = np.minimum(np.floor(lo[j] + u[:, j] * (hi[j] - lo[j] + 1.0)), hi[j])
    return names, x


def _spearman(a: np.ndarray, b: np.ndarray) -> float | None:
    from scipy.stats import spearmanr

    if np.all(b == b[0]) or np.all(a == a[0]):
        return None
    rho = spearmanr(a, b).statistic
    return None if not np.isfinite(rho) else float(rho)


def _sensitivity(names, x, holds: np.ndarray, integer: list[bool]) -> list[SensitivityEntry]:
    out = []
    for j, name in enumerate(names):
        col = x[:, j]
        med = np.median(col)
        lo, hi = holds[col <= med], holds[col > med]
        rho = _spearman(col, holds.astype(float))
        flips = bool(not holds.all() and rho is not None and abs(rho) >= FLIP_RHO)
        by_value = None
        if integer[j]:
            by_value = {f"{v:g}": float(holds[col == v].mean()) for v in np.unique(col)}
            flips = bool(not holds.all() and max(by_value.values()) - min(by_value.values()) >= 0.5)
        out.append(SensitivityEntry(parameter=name, spearman=rho, by_value=by_value,
                                    holds_low_half=float(lo.mean()) if lo.size else None,
                                    holds_high_half=float(hi.mean()) if hi.size else None, flips=flips))
    return sorted(out, key=lambda s: (not s.flips, -abs(s.spearman or 0.0)))


_KINDS = {"ParameterError": "domain limit", "SolverError": "numerical failure"}
_OUT_OF_RANGE = re.compile(r"^(parameter '[^']+') = \S+ (.*?)is outside the allowed range (.*)$")
_NUMBER = re.compile(r"(?<![\w.])[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(?![\w.])")


def failure_cause(stage: str, message: str, computed: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(cause, kind) of one stage error 'ErrorType: message': the sample's own numbers are taken
    out (an out-of-range value keeps the parameter and its allowed range), so equal causes group.
    A stage input the pipeline computes from upstream models (``computed``) is named as such."""
    etype, _, text = message.partition(": ")
    m = _OUT_OF_RANGE.match(text)
    if m:
        name = m.group(1)[len("parameter '"):-1]
        via = " (computed by the pipeline from upstream outputs)" if f"{stage}.{name}" in computed else ""
        text = f"{m.group(1)}{via} outside the allowed range {m.group(3)}"
    else:
        text = _NUMBER.sub("#", text)
    return f"{stage}: {etype}: {text}", _KINDS.get(etype, "check error")


def failure_report(names: list[str], x: np.ndarray, results: list[dict], computed: frozenset[str] = frozenset()
                   ) -> tuple[dict[str, int], list[FailureCause], list[dict]]:
    """(failed samples per cause, the causes in detail, every failed sample) of a sweep's results
    (``sample_task`` outputs, in the order of the rows of ``x``)."""
    per_sample, kinds, example = [], {}, {}
    for r in results:
        causes = set()
        for state, errs in (r.get("errors") or {}).items():
            for stage, msg in errs.items():
                cause, kind = failure_cause(stage, msg, computed)
                kinds[cause] = kind
                example.setdefault(cause, f"{state}: {stage}: {msg}")
                causes.add(cause)
        if not r["ok"] and not causes:   # a result without structured errors (another task function)
            cause = "unclassified: " + _NUMBER.sub("#", str(r["error"]))
            kinds[cause] = "check error"
            example.setdefault(cause, str(r["error"]))
            causes.add(cause)
        per_sample.append(sorted(causes))
    counts: dict[str, int] = {}
    for cs in per_sample:
        for c in cs:
            counts[c] = counts.get(c, 0) + 1
    ordered = sorted(counts, key=lambda c: (-counts[c], c))
    detail = []
    for c in ordered:
        hit = np.array([c in cs for cs in per_sample], float)
        corr = {name: rho for j, name in enumerate(names) if (rho := _spearman(x[:, j], hit)) is not None}
        detail.append(FailureCause(cause=c, kind=kinds[c], samples=counts[c], example=example[c],
                                   parameter_correlation=dict(sorted(corr.items(), key=lambda kv: -abs(kv[1])))))
    failed = [{"index": i, "parameters": {n: float(v) for n, v in zip(names, x[i])}, "causes": cs}
              for i, (r, cs) in enumerate(zip(results, per_sample)) if not r["ok"]]
    return {c: counts[c] for c in ordered}, detail, failed


def sweep(spec: ChainSpec, params: dict[str, float], links: list[LinkResult], n: int,
          progress: Callable[[int, int], None] | None = None, executor=None,
          seed: int = 7) -> tuple[RobustnessResult, dict]:
    """The robustness summary and the raw sweep (parameter names, samples, per-quantity relative
    changes of evaluated samples) for figures."""
    if n < 2:
        raise CheckError(f"samples must be 0 (no sweep) or at least 2, got {n}")
    names, x = lhs_samples(spec, n, seed)
    pipe = pipeline_of(spec)
    targets = [qualify(pipe, name) for name in names]
    integer = [pipe.table()[t[0]].integer for t in targets]   # an unqualified name sets every model's copy
    tasks = [{**params, **{q: float(v) for qs, v in zip(targets, row) for q in qs}} for row in x]
    fn = partial(sample_task, spec.id)
    mapper = executor.map if executor is not None else map
    if isinstance(executor, ProcessPoolExecutor):   # ship samples in chunks: pickling one by one costs more than a sample
        workers = getattr(executor, "_max_workers", 2)
        mapper = partial(executor.map, chunksize=max(1, n // (8 * workers)))
    results = []
    if progress:
        progress(0, n)
    for i, res in enumerate(mapper(fn, tasks), 1):
        results.append(res)
        if progress:
            progress(i, n)
    ok = np.array([r["ok"] for r in results])
    failures = [r["error"] for r in results if not r["ok"]][:5]
    xs = x[ok]
    per_link, all_hold = [], np.ones(int(ok.sum()), bool)
    for lk in links:
        cq, eq = spec.quantity_for(lk.cause), spec.quantity_for(lk.effect)
        # a link is judged on every sample that computed both its quantities in both states: a later
        # stage failing (e.g. model 4 refusing an interfacial anion concentration beyond its range) does not
        # discard the upstream links of that sample; the sample still counts as failed
        use = ok | np.array([all(v is not None for k in (cq.key, eq.key) for v in r["values"].get(k, (None, None)))
                             for r in results], bool)
        holds = []
        for r in (r for r, u in zip(results, use) if u):
            sx, _ = change(*r["values"][cq.key])
            sy, _ = change(*r["values"][eq.key])
            holds.append(bool(sx and sy is not None and sx * sy == lk.graph_sign))
        h = np.array(holds, bool)
        full = np.zeros(len(results), bool)
        full[use] = h
        all_hold &= full[ok]
        per_link.append(LinkRobustness(cause=lk.cause, effect=lk.effect,
                                       fraction_holds=float(h.mean()) if h.size else None,
                                       sensitivity=_sensitivity(names, x[use], h, integer) if h.size else []))
    flipping = sorted({s.parameter for lr in per_link for s in lr.sensitivity if s.flips})
    raw = {"names": names, "x": xs, "changes": {q.key: [change(*r["values"][q.key])[1] for r in results if r["ok"]]
                                                for q in spec.quantities}}
    by_cause, causes, failed = failure_report(names, x, results, pipe.computed)
    return RobustnessResult(
        samples=n, evaluated=int(ok.sum()), failed=int((~ok).sum()), failures=failures,
        failures_by_cause=by_cause, failure_causes=causes, failed_samples=failed,
        ranges=[{"parameter": r.parameter, "low": r.low, "high": r.high, "unit": r.unit, "log": r.log,
                 "source": r.source} for r in spec.ranges],
        fraction_all_hold=float(all_hold.mean()) if all_hold.size else None,
        links=per_link, flipping_parameters=flipping), raw
