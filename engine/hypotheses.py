"""Hypotheses: effects the composition implies where no paper states a direct link.

For every ordered pair (A, B) joined by a path of 2..N steps but by no causal link A → B,
the paths' signs give a predicted effect by the same verdict as ``effect``
(unanimous sign, else the sign of the better-evidenced, then shorter, best path;
``ambiguous`` on a tie). Ranked shorter first, then by the evidence of the best path (its
weakest step), agreeing before ambiguous, then by the number of supporting paths. Each
hypothesis carries its supporting chains; these are what the simulator is asked to check.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from engine.graph import CausalGraph, Step
from engine.paths import SignedPath, make_path, path_sign, verdict, weakest
from engine.statement import Evidence, short


class Hypothesis(BaseModel):
    id: str = Field(description="stable key: <cause CURIE> -> <effect CURIE>")
    cause: str
    cause_label: str
    effect: str
    effect_label: str
    predicted: Literal["increases", "decreases", "ambiguous"]
    unanimous: bool = Field(description="all supporting paths have the same sign")
    length: int = Field(description="steps of the shortest supporting path")
    evidence: Evidence = Field(description="weakest step of the best (shortest, strongest) path")
    n_paths: int
    chain: SignedPath = Field(description="the best supporting path")
    chains: list[SignedPath] = Field(description="every supporting path, best first")


def _paths_from(graph: CausalGraph, source: str, max_length: int) -> dict[str, list[list[Step]]]:
    """Every simple path of 2..max_length steps from ``source``, grouped by end node."""
    out: dict[str, list[list[Step]]] = {}
    adj = graph.successors
    path: list[Step] = []
    on_path = {source}

    def walk(node: str) -> None:
        for step in adj.get(node, ()):
            nxt = step.effect
            if nxt in on_path:
                continue
            path.append(step)
            if len(path) >= 2:
                out.setdefault(nxt, []).append(list(path))
            if len(path) < max_length:
                on_path.add(nxt)
                walk(nxt)
                on_path.discard(nxt)
            path.pop()

    walk(source)
    return out


def find_hypotheses(graph: CausalGraph, max_length: int = 3, limit: int | None = 50,
                    sources: set[str] | None = None, targets: set[str] | None = None) -> list[Hypothesis]:
    """Ranked hypotheses; ``sources``/``targets`` restrict the pairs considered."""
    if max_length < 2:
        raise ValueError(f"max_length must be at least 2 (a hypothesis composes two or more links), got {max_length}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be a positive number or None, got {limit}")
    ranked = []
    for a in sorted(sources or graph.steps.nodes):
        if a not in graph.steps:
            continue
        for b, paths in _paths_from(graph, a, max_length).items():
            if (targets and b not in targets) or graph.steps.has_edge(a, b):
                continue
            paths.sort(key=lambda p: (len(p), -weakest(p).rank, [s.effect for s in p]))
            best = paths[0]
            predicted, _ = verdict([(path_sign(p), weakest(p).rank, len(p)) for p in paths])
            key = (len(best), -weakest(best).rank, predicted == "ambiguous", -len(paths), a, b)
            ranked.append((key, a, b, paths, predicted))
    ranked.sort(key=lambda r: r[0])
    out = []
    for _, a, b, paths, predicted in ranked[:limit] if limit else ranked:
        chains = [make_path(graph, p) for p in paths]
        out.append(Hypothesis(
            id=f"{short(a)} -> {short(b)}", cause=a, cause_label=graph.label(a), effect=b,
            effect_label=graph.label(b), predicted=predicted, length=len(paths[0]),
            unanimous=len({c.sign for c in chains}) == 1,
            evidence=chains[0].evidence, n_paths=len(paths), chain=chains[0], chains=chains))
    return out
