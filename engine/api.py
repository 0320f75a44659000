"""The engine facade that the CLI and the HTTP API use.

    from engine.api import Engine
    eng = Engine(KnowledgeStore.open())          # or a bare pyoxigraph.Store
    eng.effect("ferroelectric coating", "dendrite growth", max_length=6)   # -> EffectResult
    eng.loops(max_length=8)                      # -> LoopReport
    eng.conflicts()                              # -> list[Conflict]
    eng.hypotheses(limit=50, max_length=3)       # -> list[Hypothesis]
    eng.explain("lm:L000_003", "lm:quantifiedBy", "lm:law_sand")            # -> Explanation
    eng.rank_strategies(max_length=5)            # -> list[StrategyRank]
    eng.inference_summary()                      # -> {"inferred_facts": n, "per_rule": {...}}
    eng.resolve("dendrites")                     # -> Entity (raises NameResolutionError)

Every result is a pydantic model (``.model_dump()``, ``.model_dump_json()``) or a list of
them. Names (labels, synonyms, IRIs, CURIEs) are resolved with :mod:`engine.names`; an
unknown or ambiguous name raises :class:`NameResolutionError` (a ValueError) listing the
closest matches. The causal graph and name index are built once per Engine (warm queries).
"""
from __future__ import annotations

from functools import cached_property

from engine.conflicts import Conflict, find_conflicts
from engine.explain import Explanation, explain
from engine.graph import CausalGraph, as_knowledge_store
from engine.hypotheses import Hypothesis, find_hypotheses
from engine.interventions import StrategyRank, rank_strategies
from engine.loops import LoopReport, find_loops
from engine.names import Entity, NameIndex, NameResolutionError
from engine.paths import EffectResult, StepVerdict, effect
from engine.verdicts import LinkVerdict, link_verdicts

__all__ = ["Engine", "NameResolutionError"]

_CHECKABLE = """
PREFIX lm: <https://w3id.org/limech/>
SELECT ?chain ?from ?to WHERE {
  ?chain a lm:CheckableChain ; lm:checksLink ?c . ?c lm:fromEntity ?from ; lm:toEntity ?to .
}"""

_RULE_COUNTS = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name (COUNT(?d) AS ?n) WHERE {
  ?r a lm:InferenceRule ; rdfs:label ?name . OPTIONAL { ?d lm:byRule ?r }
} GROUP BY ?name"""


def _positive(name: str, value: int, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value!r}")
    return value


class Engine:
    def __init__(self, store):
        self.kstore = as_knowledge_store(store)

    @cached_property
    def graph(self) -> CausalGraph:
        return CausalGraph.from_store(self.kstore)

    @cached_property
    def names(self) -> NameIndex:
        return NameIndex.from_store(self.kstore)

    @cached_property
    def any_names(self) -> NameIndex:
        return NameIndex.from_store(self.kstore, anything=True)

    @cached_property
    def verdicts(self) -> dict[str, list[LinkVerdict]]:
        """Simulation verdicts per link IRI, newest first (read once per Engine: a new check run
        needs a new Engine, as the API's per-generation state does)."""
        return link_verdicts(self.kstore)

    @cached_property
    def checkable(self) -> dict[tuple[str, str], list[str]]:
        """(cause IRI, effect IRI) -> ids of the checkable chains that simulate that step (bindings)."""
        out: dict[tuple[str, str], set[str]] = {}
        for r in self.kstore.select(_CHECKABLE):
            out.setdefault((r["from"], r["to"]), set()).add(r["chain"].rsplit("/", 1)[-1].removeprefix("check_"))
        return {k: sorted(v) for k, v in out.items()}

    def step_verdicts(self, links: list[str]) -> list[StepVerdict]:
        """The newest verdict of each check that simulated one of ``links``."""
        newest: dict[str, StepVerdict] = {}
        for link in links:
            for v in self.verdicts.get(link, ()):      # newest first
                if v.check not in newest:
                    newest[v.check] = StepVerdict(check=v.check, check_label=v.check_label, link=link,
                                                  verdict=v.verdict, condition=v.condition, run=v.run)
        return sorted(newest.values(), key=lambda v: v.check)

    def resolve(self, name: str) -> Entity:
        return self.names.resolve(name)

    def effect(self, frm: str, to: str, max_length: int = 6) -> EffectResult:
        """Every signed simple path FROM -> TO of at most ``max_length`` links, and the net effect."""
        _positive("max_length", max_length)
        source, target = self.resolve(frm), self.resolve(to)
        if source.iri == target.iri:
            raise ValueError(f"FROM and TO are the same entity ({source.label}); "
                             "an entity's effect on itself is a feedback loop: use loops()")
        res = effect(self.graph, source.iri, target.iri, max_length)
        if not self.verdicts and not self.checkable:
            return res
        paths = []
        for p in res.paths:       # path steps are shared by the graph's cache: annotate copies
            steps = []
            for s in p.steps:
                extra = {"simulation": self.step_verdicts(s.links),
                         "checkable": self.checkable.get((s.cause, s.effect), [])}
                steps.append(s.model_copy(update=extra) if any(extra.values()) else s)
            paths.append(p.model_copy(update={"steps": steps}))
        return res.model_copy(update={"paths": paths})

    def loops(self, max_length: int = 8, max_cycles: int | None = 50_000) -> LoopReport:
        """Every directed cycle up to ``max_length`` links (stops, flagged, after ``max_cycles``)."""
        return find_loops(self.kstore, self.graph, _positive("max_length", max_length), max_cycles)

    def conflicts(self) -> list[Conflict]:
        return find_conflicts(self.kstore, self.graph)

    def hypotheses(self, limit: int | None = 50, max_length: int = 3,
                   frm: str | None = None, to: str | None = None) -> list[Hypothesis]:
        sources = {self.resolve(frm).iri} if frm else None
        targets = {self.resolve(to).iri} if to else None
        if limit is not None:
            _positive("limit", limit)
        return find_hypotheses(self.graph, _positive("max_length", max_length, 2), limit, sources, targets)

    def explain(self, subject: str, predicate: str, obj: str, depth: int = 4) -> Explanation:
        """Asserted, inferred (rule + premises, recursively to ``depth``) or absent. Subject and
        object may be IRIs, CURIEs, quoted literals or the label of any labelled resource."""
        return explain(self.kstore.store, self.any_names, subject, predicate, obj, depth)

    def inference_summary(self) -> dict:
        """Inferred facts per rule, read back from the store's derivation records."""
        rows = self.kstore.select(_RULE_COUNTS)
        per_rule = {r["name"]: int(r["n"]) for r in rows}
        return {"inferred_facts": sum(per_rule.values()), "per_rule": dict(sorted(per_rule.items()))}

    def rank_strategies(self, max_length: int = 5, targets: list[str] | None = None) -> list[StrategyRank]:
        iris = [self.resolve(t).iri for t in targets] if targets else None
        return rank_strategies(self.kstore, self.graph, _positive("max_length", max_length), iris)
