"""Simulation checks of the rule engine's top-ranked hypotheses.

The engine's hypotheses (:mod:`engine.hypotheses`) are cause -> effect pairs that the graph
implies by composition but no paper states. A hypothesis is checkable when both entities are
bound quantities of the same checkable chain; its chain's root perturbation then gives a
simulated sign sign(d effect) * sign(d cause), compared with the predicted one. Ranked as the
engine ranks (shorter, better evidence, agreeing, more paths), the top ``limit`` are checked.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from engine.checks.evaluate import STATES, change, evaluate_states
from engine.hypotheses import find_hypotheses


class HypothesisCheck(BaseModel):
    id: str
    cause: str
    cause_label: str
    effect: str
    effect_label: str
    predicted: Literal["increases", "decreases", "ambiguous"]
    length: int
    evidence: str
    n_paths: int
    chain: str
    simulated: Literal["increases", "decreases", "no effect", "not evaluated"]
    note: str | None = None
    verdict: Literal["supported", "not supported", "not evaluated"]
    run: str | None = None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")


def check_hypotheses(kstore, graph, specs, limit: int = 10, max_length: int = 3, record: bool = True) -> list[HypothesisCheck]:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be an integer >= 1, got {limit!r}")
    candidates = {}
    for spec in sorted(specs.values(), key=lambda s: s.id):
        ents = {q.entity for q in spec.quantities}
        for h in find_hypotheses(graph, max_length, None, ents, ents):
            candidates.setdefault(h.id, (h, spec))      # first chain (by id) that binds both entities
    ranked = sorted(candidates.values(), key=lambda hs: (hs[0].length, -hs[0].evidence.rank,
                                                         hs[0].predicted == "ambiguous", -hs[0].n_paths, hs[0].id))
    states_cache: dict[str, dict] = {}
    out = []
    for h, spec in ranked[:limit]:
        if spec.id not in states_cache:
            states_cache[spec.id] = evaluate_states(spec, {})
        st, names = states_cache[spec.id], STATES[spec.knob_mode]
        cq, eq = spec.quantity_for(h.cause), spec.quantity_for(h.effect)
        sx, _ = change(*(st[s].get(cq.key) for s in names))
        sy, _ = change(*(st[s].get(eq.key) for s in names))
        if eq.position < cq.position:
            sim, verdict, note = ("not evaluated", "not evaluated",
                                  f"'{spec.id}' computes the effect upstream of the cause: co-movement is not causation")
        elif not sx or sy is None:
            sim, verdict, note = "not evaluated", "not evaluated", f"the root of '{spec.id}' does not move {cq.key}"
        else:
            s = sx * sy
            sim = "no effect" if s == 0 else ("increases" if s > 0 else "decreases")
            verdict = "supported" if sim == h.predicted else "not supported"
            note = "the graph's paths disagree; the simulation picks a sign" if h.predicted == "ambiguous" and s else None
        out.append(HypothesisCheck(id=h.id, cause=h.cause, cause_label=h.cause_label, effect=h.effect,
                                   effect_label=h.effect_label, predicted=h.predicted, length=h.length,
                                   evidence=h.evidence.label, n_paths=h.n_paths, chain=spec.id, simulated=sim,
                                   note=note, verdict=verdict))
    if record:
        from engine.checks.prov import record_hypotheses
        record_hypotheses(kstore, out, specs)
    return out
