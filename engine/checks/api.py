"""Facade of the hypothesis checks.

    from engine.checks.api import list_checkable, run_check
    chains = list_checkable(store)                       # -> list[CheckableChainInfo]
    res = run_check(store, "fdAnionLiF", params={"salt_concentration": "1.2 mol/L"},
                    samples=64, plot_dir=Path("figs"), progress=lambda i, n: ..., executor=None)
    res.verdict, res.links[0].verdict, res.to_dict()
    hyps = check_hypotheses(store, limit=10)             # -> list[HypothesisCheck], top-ranked first
    find_covering(store, "bound surface charge", "LiF-rich SEI")   # -> list[CoveringChain]
    sub = run_subchain(store, "bound surface charge", "LiF-rich SEI", params=None, samples=0)
    sub.verdict, sub.chains[0].links, sub.chains[0].run   # -> SubchainResult (one ChainCoverage per chain)

``store`` is a :class:`engine.store.KnowledgeStore` (or a bare pyoxigraph.Store). Every run is
recorded as a PROV activity in the checks named graph (``record=False`` to skip). ``executor``
is anything with ``.map(fn, iterable)`` (default: serial); the per-sample function is
:func:`engine.checks.evaluate.sample_task` (top level, picklable, plain data in and out).
Malformed chains and parameters raise :class:`CheckError` (a ValueError) naming what is allowed.
FROM/TO names resolve like the engine's (labels, synonyms, ``lm:`` ids, IRIs; an unknown or
ambiguous name raises :class:`engine.names.NameResolutionError`); a pair no bound chain covers
raises :class:`NotCoveredError` (a CheckError) naming the chains that bind each entity.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Mapping

from engine.checks import runner, subchain
from engine.checks.bindings import ChainSpec, get_spec, load_specs
from engine.checks.evaluate import STATES, pipeline_of
from engine.checks.pipelines import CheckError, parse_params
from engine.checks.results import (
    CheckableChainInfo,
    CheckResult,
    CoveringChain,
    SubchainResult,
)
from engine.checks.subchain import NotCoveredError
from engine.graph import CausalGraph, as_knowledge_store

__all__ = ["CheckError", "CheckResult", "NotCoveredError", "check_hypotheses", "find_covering", "list_checkable",
           "run_check", "run_subchain"]

_CACHE: dict[int, tuple[object, CausalGraph, dict[str, ChainSpec]]] = {}


def _context(store) -> tuple[object, CausalGraph, dict[str, ChainSpec]]:
    """(KnowledgeStore, causal graph, specs), built once per store (warm checks)."""
    ks = as_knowledge_store(store)
    key = id(ks.store)
    hit = _CACHE.get(key)
    if hit is None or hit[0].store is not ks.store:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        hit = (ks, CausalGraph.from_store(ks), load_specs(ks))
        _CACHE[key] = hit
    return hit


def list_checkable(store) -> list[CheckableChainInfo]:
    _, graph, specs = _context(store)
    return [CheckableChainInfo(id=s.id, iri=s.iri, label=s.label, pipeline=s.pipeline,
                               knob=f"{s.knob_parameter} ({'on/off' if s.knob_mode == 'onoff' else f'±{s.relative_step:.0%}'})",
                               graph_chains=list(s.graph_chains), entities=[graph.label(q.entity) for q in s.quantities],
                               links=len(s.links), ranges=[r.parameter for r in s.ranges])
            for s in sorted(specs.values(), key=lambda s: s.id)]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def run_check(store, chain: str, params: Mapping[str, str] | None = None, samples: int = 0,
              plot_dir: Path | None = None, progress: Callable[[int, int], None] | None = None,
              executor=None, record: bool = True) -> CheckResult:
    from engine.checks import prov
    from engine.checks.robustness import sweep

    started = _now()
    ks, graph, specs = _context(store)
    spec = get_spec(specs, chain)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 0:
        raise CheckError(f"samples must be an integer >= 0 (0: no robustness sweep), got {samples!r}")
    if params is not None and not isinstance(params, Mapping):
        raise CheckError(f"params must be a mapping NAME -> VALUE, got {type(params).__name__}")
    pipe = pipeline_of(spec)
    user = parse_params(pipe, params)
    base, scen = runner.run_states(spec, user)
    names = STATES[spec.knob_mode]
    center = {}
    for q in spec.quantities:
        vals = [base[s].get(q.key) for s in names]
        if all(isinstance(v, float) for v in vals):
            center[q.key] = 0.5 * (vals[0] + vals[1]) if spec.knob_mode == "relative" else vals[1]
    links = runner.judge_links(graph, spec, base, scen, center)
    verdict, condition = runner.overall(links)
    reported = {k: {s: base[s].get(k) for s in names} for k in spec.report_outputs}
    scenario_reported = {label: {k: {s: st[s].get(k) for s in names} for k in spec.report_outputs}
                         for label, (st, _) in scen.items()}
    inverse = None
    if spec.pipeline == "preadsorbed":
        from engine.checks.chains import inverse_mix
        from engine.checks.evaluate import state_params
        inverse = inverse_mix(state_params(spec, user)[names[1]])
    result = CheckResult(
        chain=spec.id, iri=spec.iri, label=spec.label, pipeline=spec.pipeline, graph_chains=list(spec.graph_chains),
        knob={"parameter": spec.knob_parameter, "mode": spec.knob_mode, "relative_step": spec.relative_step,
              "off_settings": list(spec.off_settings), "base_settings": list(spec.base_settings)},
        params=user, states=list(names), quantities=runner.quantities(graph, spec, base), links=links,
        verdict=verdict, condition=condition, tensions=list(spec.tensions), reported=reported,
        scenario_reported=scenario_reported,
        errors={s: base[s]["_errors"] for s in names if base[s]["_errors"]}, inverse=inverse,
        software_version=prov.software_version(), started=started, ended=started)
    raw = None
    if samples:
        result.robustness, raw = sweep(spec, user, links, samples, progress=progress, executor=executor)
    if plot_dir is not None:
        from engine.checks.figures import write_figures
        result.figures = write_figures(result, Path(plot_dir), raw)
    result.ended = _now()
    if record:
        result.run = prov.new_run_iri()
        prov.record(ks, result)
    return result


_NAMES: dict[int, tuple[object, object]] = {}


def _entities(store, frm: str, to: str):
    """(KnowledgeStore, graph, specs, FROM entity, TO entity), names resolved like Engine.resolve."""
    from engine.names import NameIndex

    ks, graph, specs = _context(store)
    hit = _NAMES.get(id(ks.store))
    if hit is None or hit[0] is not ks.store:
        if len(_NAMES) >= 4:
            _NAMES.pop(next(iter(_NAMES)))
        hit = (ks.store, NameIndex.from_store(ks))
        _NAMES[id(ks.store)] = hit
    return ks, graph, specs, hit[1].resolve(frm), hit[1].resolve(to)


def find_covering(store, frm: str, to: str) -> list[CoveringChain]:
    """Every bound chain computing FROM and, at a later position, TO, with its judged links on the
    way; raises NotCoveredError (listing the chains that bind each entity) when none does."""
    _, graph, specs, src, dst = _entities(store, frm, to)
    return subchain.covering(specs, graph, src.iri, dst.iri)


def run_subchain(store, frm: str, to: str, params: Mapping[str, str] | None = None, samples: int = 0,
                 plot_dir: Path | None = None, progress: Callable[[int, int], None] | None = None,
                 executor=None, record: bool = True) -> SubchainResult:
    """Does FROM -> TO hold when simulated? Each covering chain is run in full by :func:`run_check`
    (recorded as its own PROV run) and cut down to the links on the way; chains that disagree
    are reported as such (verdict 'chains disagree'), never resolved silently."""
    _, graph, specs, src, dst = _entities(store, frm, to)
    covers = subchain.covering(specs, graph, src.iri, dst.iri)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 0:
        raise CheckError(f"samples must be an integer >= 0 (0: no robustness sweep), got {samples!r}")
    if params is not None and not isinstance(params, Mapping):
        raise CheckError(f"params must be a mapping NAME -> VALUE, got {type(params).__name__}")

    def step(k: int):             # one bar over every chain's sweep
        return None if progress is None else (lambda d, n: progress(k * samples + d, len(covers) * samples))

    done = []
    for i, cover in enumerate(covers):
        try:
            full = run_check(store, cover.chain, params=params, samples=samples, plot_dir=plot_dir, progress=step(i),
                             executor=executor, record=record)
        except CheckError as exc:
            raise CheckError(f"chain '{cover.chain}' (covers {src.label} → {dst.label}): {exc}") from None
        done.append(subchain.summarise(cover, full))
    return subchain.combine(src.iri, src.label, dst.iri, dst.label, dict(params or {}), samples, done)


def check_hypotheses(store, limit: int = 10, max_length: int = 3, record: bool = True):
    """The rule engine's top-ranked hypotheses whose cause and effect a checkable chain binds,
    each checked against that chain's simulation (see :mod:`engine.checks.hypotheses`)."""
    from engine.checks.hypotheses import check_hypotheses as _check

    ks, graph, specs = _context(store)
    try:
        return _check(ks, graph, specs, limit=limit, max_length=max_length, record=record)
    except ValueError as exc:
        raise CheckError(str(exc)) from None
