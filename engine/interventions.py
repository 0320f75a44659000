"""Interventions: which failure routes each strategy cuts, and on what evidence.

Failure targets are the ``lm:FailureOutcome`` entities and everything a strategy is said
to counter (``lm:counters``). A strategy *cuts* a failure route when a signed path from it
to a failure target decreases the target; a path that increases a target is a route it
*aggravates* (a side effect). Strategies are ranked by the number of failure targets they
decrease on balance, then by the best evidence of a cutting path (its weakest step), then
by the number of routes cut, then by fewest aggravated routes.
"""
from __future__ import annotations

from pydantic import BaseModel, Field

from engine.graph import CausalGraph
from engine.paths import effect
from engine.statement import Evidence

_STRATEGIES = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?s WHERE { ?s a ?c . ?c rdfs:subClassOf* lm:Strategy . FILTER(isIRI(?s)) }"""
_TARGETS = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?f WHERE {
  { ?f a ?c . ?c rdfs:subClassOf* lm:FailureOutcome . } UNION { ?s lm:counters ?f . }
  FILTER(isIRI(?f)) }"""


class TargetEffect(BaseModel):
    target: str
    target_label: str
    net: str
    cut: int = Field(description="decreasing paths")
    aggravated: int = Field(description="increasing paths")
    best_cut_evidence: Evidence | None = None
    shortest_cut: str | None = Field(default=None, description="the shortest, best-evidenced cutting path as text")


class StrategyRank(BaseModel):
    rank: int
    strategy: str
    label: str
    targets_decreased: int
    targets_increased: int
    targets_ambiguous: int
    routes_cut: int
    routes_aggravated: int
    best_evidence: Evidence | None = Field(description="best weakest-step evidence among cutting paths")
    evidence_profile: dict[str, int] = Field(description="cutting paths per weakest-step evidence level")
    targets: list[TargetEffect]


def failure_targets(kstore) -> list[str]:
    return sorted(r["f"] for r in kstore.select(_TARGETS))


def strategies(kstore) -> list[str]:
    return sorted(r["s"] for r in kstore.select(_STRATEGIES))


def rank_strategies(kstore, graph: CausalGraph, max_length: int = 5,
                    targets: list[str] | None = None) -> list[StrategyRank]:
    targets = [t for t in (targets or failure_targets(kstore)) if t in graph.steps]
    rows = []
    for s in strategies(kstore):
        if s not in graph.steps:
            continue
        per_target, profile = [], {}
        best: Evidence | None = None
        for t in targets:
            if t == s:
                continue
            res = effect(graph, s, t, max_length)
            if res.net == "none":
                continue
            cuts = [p for p in res.paths if p.sign < 0]
            for p in cuts:
                profile[p.evidence.label] = profile.get(p.evidence.label, 0) + 1
                if best is None or p.evidence.rank > best.rank:
                    best = p.evidence
            top = min(cuts, key=lambda p: (p.length, -p.evidence.rank), default=None)
            per_target.append(TargetEffect(
                target=t, target_label=graph.label(t), net=res.net, cut=len(cuts),
                aggravated=res.increasing,
                best_cut_evidence=max((p.evidence for p in cuts), key=lambda e: e.rank, default=None),
                shortest_cut=top.text() if top else None))
        rows.append(dict(
            strategy=s, label=graph.label(s), targets=per_target, evidence_profile=profile, best_evidence=best,
            targets_decreased=sum(1 for x in per_target if x.net == "decreases"),
            targets_increased=sum(1 for x in per_target if x.net == "increases"),
            targets_ambiguous=sum(1 for x in per_target if x.net == "ambiguous"),
            routes_cut=sum(x.cut for x in per_target), routes_aggravated=sum(x.aggravated for x in per_target)))
    rows.sort(key=lambda r: (-r["targets_decreased"], -(r["best_evidence"].rank if r["best_evidence"] else 0),
                             -r["routes_cut"], r["routes_aggravated"], r["strategy"]))
    return [StrategyRank(rank=i + 1, **r) for i, r in enumerate(rows)]
