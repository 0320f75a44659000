"""A researcher's FROM -> TO question answered by the bound chains that compute both quantities.

:func:`covering` finds every checkable chain whose bound quantities include FROM and, at a later
position, TO, with the judged links (``lm:checksLink``) that lie on a way from FROM to TO (a
link whose cause is reachable from FROM and from whose effect TO is reachable, following the
chain's judged links; a direct FROM -> TO link counts). :func:`summarise` cuts one full
:class:`CheckResult` down to those links, judges them with the engine's own chain verdict
(:func:`engine.checks.runner.overall`) and adds, per case (base case and each condition
scenario), the simulated net sign of TO against FROM and whether every link holds: a sub-chain
can be *condition-dependent* link by link and still hold in no single case. :func:`combine`
joins the chains' answers and says when they disagree. The facade is
:func:`engine.checks.api.run_subchain`.
"""
from __future__ import annotations

from engine.checks.bindings import ChainSpec
from engine.checks.pipelines import CheckError
from engine.checks.results import (
    ChainCoverage,
    CheckResult,
    CoveringChain,
    LinkResult,
    SubchainCase,
    SubchainResult,
)
from engine.checks.runner import overall
from engine.graph import CausalGraph
from engine.statement import short

BASE = "base case"


class NotCoveredError(CheckError):
    """No bound chain computes FROM and, later, TO; ``from_chains``/``to_chains`` bind each at all."""

    def __init__(self, message: str, from_chains: list[str], to_chains: list[str]):
        super().__init__(message)
        self.from_chains, self.to_chains = from_chains, to_chains


def _position(spec: ChainSpec, entity: str) -> int | None:
    return next((q.position for q in spec.quantities if q.entity == entity), None)


def _on_the_way(spec: ChainSpec, src: str, dst: str) -> list[tuple[str, str]]:
    succ: dict[str, set[str]] = {}
    pred: dict[str, set[str]] = {}
    for lk in spec.links:
        succ.setdefault(lk.cause, set()).add(lk.effect)
        pred.setdefault(lk.effect, set()).add(lk.cause)

    def reach(start: str, nxt: dict[str, set[str]]) -> set[str]:
        seen, todo = {start}, [start]
        while todo:
            for n in nxt.get(todo.pop(), ()):
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return seen

    after, before = reach(src, succ), reach(dst, pred)
    return [(lk.cause, lk.effect) for lk in spec.links if lk.cause in after and lk.effect in before
            and lk.cause != dst and lk.effect != src]


def covering(specs: dict[str, ChainSpec], graph: CausalGraph, src: str, dst: str) -> list[CoveringChain]:
    """The chains covering ``src`` -> ``dst`` (entity IRIs), by id; raises :class:`NotCoveredError`."""
    if src == dst:
        raise CheckError(f"FROM and TO are the same entity ({graph.label(src)}); name two entities of a chain")
    out = []
    for cid in sorted(specs):
        spec = specs[cid]
        p, q = _position(spec, src), _position(spec, dst)
        if p is not None and q is not None and p < q:
            out.append(CoveringChain(chain=cid, label=spec.label, from_position=p, to_position=q,
                                     links=_on_the_way(spec, src, dst)))
    if not out:
        raise _not_covered(specs, graph, src, dst)
    return out


def _not_covered(specs: dict[str, ChainSpec], graph: CausalGraph, src: str, dst: str) -> NotCoveredError:
    def binding(entity: str) -> list[str]:
        return [cid for cid in sorted(specs) if _position(specs[cid], entity) is not None]

    fc, tc = binding(src), binding(dst)

    def listed(chains: list[str], entity: str) -> str:
        if not chains:
            return "none: the simulator computes no quantity for it"
        return ", ".join(f"{c} (position {_position(specs[c], entity)})" for c in chains)

    msg = (f"no checkable chain computes {graph.label(src)} ({short(src)}) and, further along, "
           f"{graph.label(dst)} ({short(dst)}), so the simulator cannot judge this pair. "
           f"Chains binding {graph.label(src)}: {listed(fc, src)}. Chains binding {graph.label(dst)}: {listed(tc, dst)}.")
    reverse = sorted(set(fc) & set(tc))
    if reverse:
        msg += f" {', '.join(reverse)} compute{'s' if len(reverse) == 1 else ''} both, with TO before FROM: try the reverse."
    return NotCoveredError(msg, fc, tc)


def _ways(links: list[LinkResult], src: str, dst: str) -> list[list[LinkResult]]:
    """Every path src -> dst through ``links`` (a bound chain is a small DAG)."""
    out, stack = [], [(src, [])]
    while stack:
        node, path = stack.pop()
        if node == dst:
            out.append(path)
            continue
        for lk in links:
            if lk.cause == node and lk not in path:
                stack.append((lk.effect, path + [lk]))
    return out


def _product(signs: list[int | None]) -> int | None:
    out = 1
    for s in signs:
        if s is None:
            return None
        out *= s
    return out


def summarise(cover: CoveringChain, full: CheckResult) -> ChainCoverage:
    """One covering chain's answer, cut from its full check result."""
    wanted = set(cover.links)
    by_pos = {q.position: q for q in full.quantities}
    pos = {q.entity: q.position for q in reversed(full.quantities)}      # along the chain, FROM first
    links = sorted((lk for lk in full.links if (lk.cause, lk.effect) in wanted),
                   key=lambda lk: (pos.get(lk.cause, 0), pos.get(lk.effect, 0)))
    fq, tq = by_pos[cover.from_position], by_pos[cover.to_position]
    notes = []
    if links:
        try:
            verdict, condition = overall(links)
        except CheckError as exc:
            verdict, condition = "not evaluated", None
            notes.append(str(exc))
    else:
        verdict, condition = "not evaluated", None
        notes.append(f"{full.chain} computes both quantities but judges no link between them (lm:checksLink)")
    ways = _ways(links, fq.entity, tq.entity)
    graph_signs = sorted({_product([lk.graph_sign for lk in w]) for w in ways})
    claimed = graph_signs[0] if len(graph_signs) == 1 else None
    if len(graph_signs) > 1:
        notes.append("the graph's ways from FROM to TO through these links carry opposite net signs")
    if fq.sign == 0:
        notes.append(f"the root perturbation leaves {fq.label} unchanged")
    base_sim = None if fq.sign in (None, 0) or tq.sign is None else fq.sign * tq.sign
    cases = [_case(BASE, base_sim, claimed, [lk.agreement == "agrees" if lk.verdict != "not evaluated" else None
                                             for lk in links])]
    for label in [s.scenario for s in links[0].scenarios] if links else []:
        per = [next((s for s in lk.scenarios if s.scenario == label), None) for lk in links]
        sims = [_product([next((s.simulated_sign for s in lk.scenarios if s.scenario == label), None) for lk in w])
                for w in ways]
        sim = next((s for s in sims if s is not None), None)
        cases.append(_case(label, sim, claimed, [None if s is None else s.agrees for s in per]))
    if links and not any(c.all_links_hold for c in cases):
        notes.append("no single case (base case or scenario) makes every link of the sub-chain hold")
    rob = None
    if full.robustness is not None:
        rob = [lr for lr in full.robustness.links if (lr.cause, lr.effect) in wanted]
    return ChainCoverage(chain=full.chain, label=full.label, run=full.run, from_quantity=fq, to_quantity=tq,
                         links=links, verdict=verdict, condition=condition, graph_signs=graph_signs,
                         simulated_sign=base_sim, cases=cases, robustness=rob, note="; ".join(notes) or None)


def _case(label: str, sim: int | None, claimed: int | None, holds: list[bool | None]) -> SubchainCase:
    all_hold = None if not holds or any(h is None for h in holds) else all(holds)
    if holds and any(h is False for h in holds):
        all_hold = False
    return SubchainCase(case=label, simulated_sign=sim,
                        agrees_with_graph=None if sim is None or claimed is None else sim == claimed,
                        all_links_hold=all_hold)


def combine(src: str, src_label: str, dst: str, dst_label: str, params: dict, samples: int,
            chains: list[ChainCoverage]) -> SubchainResult:
    judged = [c for c in chains if c.verdict != "not evaluated"]
    verdicts = {c.verdict for c in judged}
    signs = {c.simulated_sign for c in chains if c.simulated_sign is not None}
    disagreement = None
    if len(verdicts) > 1 or len(signs) > 1:
        verdict = "chains disagree"
        disagreement = "; ".join(
            f"{c.chain}: {c.verdict}, simulated net sign "
            f"{'not computed' if c.simulated_sign is None else f'{c.simulated_sign:+d}'}" for c in chains)
    elif verdicts:
        verdict = verdicts.pop()
    else:
        verdict = "not evaluated"
    return SubchainResult(from_entity=src, from_label=src_label, to_entity=dst, to_label=dst_label,
                          params=dict(params), samples=samples, chains=chains, verdict=verdict,
                          disagreement=disagreement)
