"""Signed path composition and net effect.

A path's sign is the product of its steps' signs; its evidence is its weakest step (by
``lm:evidenceRank``; a step supported by several agreeing links counts with its best one).
The net effect of FROM on TO over all simple paths of at most N steps is ``none`` without a
path and ``increases``/``decreases`` when every path agrees (``decided_by="unanimous"``).
When paths of both signs exist (both are listed, ``unanimous=False``) — on the full graph
almost every well-connected pair has some long path of each sign — the verdict goes to the
sign whose best path is better supported: higher weakest-link evidence first
(``decided_by="evidence"``), then fewer links (``"length"``); if the best paths of the two
signs tie on both, the net effect is ``ambiguous`` (``"tie"``).
"""
from __future__ import annotations

from typing import Iterator, Literal

from pydantic import BaseModel, Field

from engine.conditions import clashes
from engine.graph import CausalGraph, Step
from engine.statement import Evidence

Net = Literal["increases", "decreases", "ambiguous", "none"]
Decision = Literal["unanimous", "evidence", "length", "tie", "no paths"]


class StepVerdict(BaseModel):
    check: str = Field(description="IRI of the checkable chain that simulated the link")
    check_label: str | None = None
    link: str
    verdict: str = Field(description="supported | not supported | condition-dependent")
    condition: str | None = None
    run: str = Field(description="IRI of the check run (PROV record)")


class PathStep(BaseModel):
    cause: str
    cause_label: str
    effect: str
    effect_label: str
    polarity: int
    sign: str = Field(description="the sign word of the best-supported link of the step")
    evidence: Evidence
    links: list[str] = Field(description="IRIs of the links stating this step, strongest first")
    documents: list[str]
    laws: list[str] = Field(default=[], description="ids of the laws that quantify a link of this step "
                                                    "(`limech derive ID`, /laws/ID)")
    simulation: list[StepVerdict] = Field(default=[], description="the newest simulation verdict on a link of "
                                                                  "this step from each check that ran it")
    checkable: list[str] = Field(default=[], description="ids of the checkable chains that simulate this cause -> "
                                                         "effect step (`limech check ID`, POST /checks)")


class SignedPath(BaseModel):
    nodes: list[str]
    labels: list[str]
    steps: list[PathStep]
    sign: int
    effect: Literal["increases", "decreases"]
    evidence: Evidence = Field(description="the weakest step's evidence")
    length: int
    condition_clashes: list[str] = Field(default=[], description="pairs of step conditions that exclude each other")

    def text(self) -> str:
        out = self.labels[0]
        for s, label in zip(self.steps, self.labels[1:]):
            out += f" -{'+' if s.polarity > 0 else '−'}-> {label}"
        return out


class BestPath(BaseModel):
    evidence: Evidence
    length: int
    text: str


class EffectResult(BaseModel):
    source: str
    source_label: str
    target: str
    target_label: str
    max_length: int
    net: Net
    decided_by: Decision
    unanimous: bool = Field(description="every path has the same sign (False also when there is no path)")
    increasing: int
    decreasing: int
    best_increasing: BestPath | None = Field(description="the strongest, then shortest, increasing path")
    best_decreasing: BestPath | None = None
    direct_links: list[str] = Field(description="links stating source -> target directly")
    paths: list[SignedPath] = Field(description="every simple path, shortest then strongest first")


def iter_step_paths(graph: CausalGraph, source: str, target: str, max_length: int) -> Iterator[list[Step]]:
    """Every simple path of at most ``max_length`` steps (pruned by distance to target)."""
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    dist = graph.distances_to(target, max_length)
    if source not in dist or source == target:
        return
    adj = graph.successors
    path: list[Step] = []
    on_path = {source}

    def walk(node: str) -> Iterator[list[Step]]:
        remaining = max_length - len(path)
        for step in adj.get(node, ()):
            nxt = step.effect
            if nxt == target:
                path.append(step)
                yield list(path)
                path.pop()
            elif nxt not in on_path and dist.get(nxt, max_length + 1) < remaining:
                path.append(step)
                on_path.add(nxt)
                yield from walk(nxt)
                on_path.discard(nxt)
                path.pop()

    yield from walk(source)


def path_sign(steps: list[Step]) -> int:
    sign = 1
    for s in steps:
        sign *= s.polarity
    return sign


def weakest(steps: list[Step]) -> Evidence:
    return min((s.evidence for s in steps), key=lambda e: e.rank)


def path_step(graph: CausalGraph, s: Step) -> PathStep:
    key = ("path_step", s.cause, s.effect, s.polarity)
    if key not in graph.cache:
        graph.cache[key] = PathStep(
            cause=s.cause, cause_label=graph.label(s.cause), effect=s.effect, effect_label=graph.label(s.effect),
            polarity=s.polarity, sign=s.links[0].sign, evidence=s.evidence, links=[lk.iri for lk in s.links],
            documents=sorted({d for lk in s.links for d in lk.documents}),
            laws=sorted({law.rsplit("/", 1)[-1].removeprefix("law_") for lk in s.links for law in lk.laws}))
    return graph.cache[key]


def make_path(graph: CausalGraph, steps: list[Step]) -> SignedPath:
    nodes = [steps[0].cause] + [s.effect for s in steps]
    sign = path_sign(steps)
    return SignedPath(
        nodes=nodes, labels=[graph.label(n) for n in nodes],
        steps=[path_step(graph, s) for s in steps],
        sign=sign, effect="increases" if sign > 0 else "decreases", evidence=weakest(steps),
        length=len(steps), condition_clashes=clashes([lk for s in steps for lk in s.links[:1]]),
    )


def _best(paths: list[SignedPath]) -> SignedPath | None:
    return min(paths, key=lambda p: (-p.evidence.rank, p.length, p.nodes), default=None)


def verdict(paths: list[tuple[int, int, int]]) -> tuple[Net, Decision]:
    """Net effect of signed paths given as (sign, evidence rank, length), and what decided it."""
    pos = min(((-r, n) for s, r, n in paths if s > 0), default=None)
    neg = min(((-r, n) for s, r, n in paths if s < 0), default=None)
    if pos is None and neg is None:
        return "none", "no paths"
    if pos is None or neg is None:
        return ("increases" if neg is None else "decreases"), "unanimous"
    if pos[0] != neg[0]:
        return ("increases" if pos[0] < neg[0] else "decreases"), "evidence"
    if pos[1] != neg[1]:
        return ("increases" if pos[1] < neg[1] else "decreases"), "length"
    return "ambiguous", "tie"


def net_effect(signs: list[int]) -> Net:
    """Unanimity only: increases / decreases when all signs agree, ambiguous when not."""
    if not signs:
        return "none"
    if all(s > 0 for s in signs):
        return "increases"
    if all(s < 0 for s in signs):
        return "decreases"
    return "ambiguous"


def _summary(p: SignedPath | None) -> BestPath | None:
    return None if p is None else BestPath(evidence=p.evidence, length=p.length, text=p.text())


def effect(graph: CausalGraph, source: str, target: str, max_length: int = 6) -> EffectResult:
    """All signed simple paths source -> target of at most ``max_length`` steps, and the net effect."""
    raw = list(iter_step_paths(graph, source, target, max_length))
    paths = sorted((make_path(graph, p) for p in raw), key=lambda p: (p.length, -p.evidence.rank, p.nodes))
    signs = [p.sign for p in paths]
    net, decided_by = verdict([(p.sign, p.evidence.rank, p.length) for p in paths])
    best = {sign: _best([p for p in paths if p.sign == sign]) for sign in (1, -1)}
    return EffectResult(
        source=source, source_label=graph.label(source), target=target, target_label=graph.label(target),
        max_length=max_length, net=net, decided_by=decided_by,
        unanimous=bool(signs) and len(set(signs)) == 1,
        increasing=sum(1 for s in signs if s > 0), decreasing=sum(1 for s in signs if s < 0),
        best_increasing=_summary(best[1]), best_decreasing=_summary(best[-1]),
        direct_links=[lk.iri for lk in graph.direct_links(source, target)], paths=paths,
    )
