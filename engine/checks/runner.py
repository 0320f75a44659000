"""Perturb a chain's root cause, compute every bound quantity, and judge each link.

Per link (cause -> effect of bound entities): the graph's sign (its direct lm:CausalLink
individuals, else the shortest signed path of the causal graph, else the sign the binding
claims), the simulated sign sign(d effect) * sign(d cause) between the two states of the root,
the elasticity, and the verdict: *supported* when the signs agree in the base case and in
every condition scenario, *condition-dependent* when they agree in some and not in others
(the condition is named from the scenario and the model output that states it), *not
supported* when they agree in none (opposite sign, or no effect).
"""
from __future__ import annotations

from collections import deque

from engine.checks.bindings import ChainSpec, LinkSpec
from engine.checks.evaluate import STATES, change, elasticity, evaluate_states
from engine.checks.pipelines import CheckError
from engine.checks.results import LinkResult, QuantityResult, ScenarioSign
from engine.graph import CausalGraph


def resolve_link(graph: CausalGraph, spec: ChainSpec, link: LinkSpec, max_steps: int = 4) -> tuple[list[str], bool, int]:
    """(causal link IRIs, via path?, graph sign) for a checked cause -> effect pair."""
    steps = graph.steps_between(link.cause, link.effect)
    if steps:
        best = max(steps, key=lambda s: s.rank)   # opposite-sign steps: the best-supported one is the claim
        return sorted(lk.iri for s in steps for lk in s.links), False, best.polarity
    chain_links = set()
    parent: dict[str, tuple] = {link.cause: None}
    queue = deque([(link.cause, 0)])
    while queue:
        node, depth = queue.popleft()
        if node == link.effect or depth >= max_steps:
            continue
        succ = sorted(graph.successors.get(node, ()), key=lambda s: (s.links[0].iri not in chain_links, -s.rank))
        for step in succ:
            if step.effect not in parent:
                parent[step.effect] = (node, step)
                queue.append((step.effect, depth + 1))
    if link.effect in parent:
        path, node = [], link.effect
        while parent[node] is not None:
            prev, step = parent[node]
            path.append(step)
            node = prev
        path.reverse()
        sign = 1
        for s in path:
            sign *= s.polarity
        return [s.links[0].iri for s in path], True, sign
    if link.claimed_sign in (1, -1):
        return [], False, link.claimed_sign
    raise CheckError(f"chain '{spec.id}': no causal link or path of <= {max_steps} steps from {link.cause} to "
                     f"{link.effect} in the graph, and the binding claims no sign (lm:claimedSign)")


def _agreement(sim: int | None, graph_sign: int) -> str:
    if sim is None:
        return "not evaluated"
    if sim == 0:
        return "no effect"
    return "agrees" if sim == graph_sign else "disagrees"


def link_sign(states: dict, spec: ChainSpec, link: LinkSpec) -> tuple[int | None, float | None, str | None]:
    """(simulated sign, elasticity, note) of one link between the two states."""
    names = STATES[spec.knob_mode]
    cq, eq = spec.quantity_for(link.cause), spec.quantity_for(link.effect)
    x = tuple(states[s].get(cq.key) for s in names)
    y = tuple(states[s].get(eq.key) for s in names)
    sx, _ = change(*x)
    sy, _ = change(*y)
    if sx is None or sy is None:
        errs = "; ".join(f"{s}: {e}" for s in names for e in states[s]["_errors"].values())
        return None, None, f"not computed ({errs or 'output missing'})"
    if sx == 0:
        return None, None, f"the root perturbation leaves the cause ({cq.key}) unchanged"
    return sx * sy, elasticity(x, y, spec.knob_mode), None


def _analytic(law_spec: str | None, value) -> tuple[float | None, str | None]:
    if not law_spec:
        return None, None
    try:
        from engine.laws.registry import elasticity as law_elasticity, get_law
    except ImportError:
        return None, "engine.laws is not available"
    law_id, out, inp = law_spec.split(":")
    expr = law_elasticity(law_id, out, inp)
    sym = get_law(law_id).var(inp).sym
    extra = expr.free_symbols - {sym}
    if extra:
        return None, f"analytic elasticity {expr} needs {', '.join(map(str, extra))}"
    return float(expr.subs(sym, value)), None


def judge_links(graph: CausalGraph, spec: ChainSpec, base: dict, scenarios: dict[str, dict],
                center: dict[str, float]) -> list[LinkResult]:
    results = []
    for link in spec.links:
        iris, via, gsign = resolve_link(graph, spec, link)
        sim, el, note = link_sign(base, spec, link)
        agree = _agreement(sim, gsign)
        scen = []
        for label, (states, cond_out) in scenarios.items():
            s_sim, _, _ = link_sign(states, spec, link)
            cond = states[STATES[spec.knob_mode][1]].get(cond_out) if cond_out else None
            if isinstance(cond, float):
                cond = f"{cond_out} = {cond:.4g}"
            scen.append(ScenarioSign(scenario=label, simulated_sign=s_sim,
                                     agrees=None if s_sim is None else s_sim == gsign,
                                     condition=None if cond is None else str(cond)))
        oks = [agree == "agrees"] + [s.agrees for s in scen if s.agrees is not None]
        condition = None
        if agree == "not evaluated" and not any(s.agrees is not None for s in scen):
            verdict = "not evaluated"
        elif all(oks):
            verdict = "supported"
        elif any(oks):
            verdict = "condition-dependent"
            good = [s for s in scen if s.agrees]
            if agree == "agrees":
                bad = [s for s in scen if s.agrees is False]
                condition = "holds in the base case, not under: " + "; ".join(s.scenario for s in bad)
            else:
                condition = "holds only under: " + "; ".join(
                    s.scenario + (f" — {s.condition}" if s.condition else "") for s in good)
        else:
            verdict = "not supported"
        law_value, law_note = _analytic(link.analytic_law, center.get(spec.quantity_for(link.cause).key))
        notes = [n for n in (note, law_note, link.comment) if n]
        if via:
            notes.append("no direct link: checked against the graph's shortest signed path")
        if len({st.polarity for st in graph.steps_between(link.cause, link.effect)}) > 1:
            notes.append("the graph states both signs for this pair; the best-supported one is compared")
        if not iris:
            notes.append("the graph states no link or path; sign claimed by the binding")
        results.append(LinkResult(
            cause=link.cause, cause_label=graph.label(link.cause), effect=link.effect,
            effect_label=graph.label(link.effect), links=iris, via_path=via, graph_sign=gsign,
            simulated_sign=sim, elasticity=el, agreement=agree, verdict=verdict, condition=condition,
            scenarios=scen, analytic_law=link.analytic_law, analytic_elasticity=law_value,
            note="; ".join(notes) or None))
    return results


def overall(links: list[LinkResult]) -> tuple[str, str | None]:
    judged = [lk for lk in links if lk.verdict != "not evaluated"]
    if not judged:
        raise CheckError("no link of the chain could be evaluated: " + "; ".join(lk.note or "" for lk in links))
    bad = [lk for lk in judged if lk.verdict == "not supported"]
    if bad:
        return "not supported", "not supported: " + "; ".join(f"{lk.cause_label} → {lk.effect_label}" for lk in bad)
    cond = [lk for lk in judged if lk.verdict == "condition-dependent"]
    if cond:
        return "condition-dependent", " | ".join(f"{lk.cause_label} → {lk.effect_label}: {lk.condition}" for lk in cond)
    return "supported", None


def quantities(graph: CausalGraph, spec: ChainSpec, states: dict) -> list[QuantityResult]:
    names = STATES[spec.knob_mode]
    out = []
    for q in spec.quantities:
        vals = {s: states[s].get(q.key) for s in names}
        num = {s: (float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None) for s, v in vals.items()}
        sign, rel = change(*(num[s] for s in names))
        out.append(QuantityResult(position=q.position, entity=q.entity, label=graph.label(q.entity), key=q.key,
                                  unit=q.unit, values=num, sign=sign, relative_change=rel))
    return out


def run_states(spec: ChainSpec, params: dict[str, float]) -> tuple[dict, dict[str, tuple[dict, str | None]]]:
    base = evaluate_states(spec, params)
    scen = {s.label: (evaluate_states(spec, params, s.settings), s.condition_output) for s in spec.scenarios}
    return base, scen
