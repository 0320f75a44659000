"""Feedback loops: every directed cycle of the step graph, classified by sign product.

A cycle of entities can run through parallel steps of opposite sign (a contradiction in the
sources); each sign variant is reported as its own loop. Found loops are matched to the
``lm:FeedbackLoop`` individuals the papers name (same cyclic sequence of entities), and
each named loop's declared polarity is compared with the sign product of its own links.
"""
from __future__ import annotations

from itertools import product
from typing import Literal

import networkx as nx
from pydantic import BaseModel, Field

from engine.conditions import clashes
from engine.graph import CausalGraph, Step
from engine.paths import SignedPath, make_path
from engine.statement import LM

Polarity = Literal["reinforcing", "balancing"]

_NAMED_LOOPS = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?loop ?label ?polarity ?pos ?link ?text WHERE {
  ?loop a lm:FeedbackLoop ; lm:hasStep ?step .
  ?step lm:position ?pos ; lm:stepLink ?link .
  OPTIONAL { ?loop rdfs:label ?label }
  OPTIONAL { ?loop lm:polarity ?polarity }
  OPTIONAL { ?loop lm:quote|rdfs:comment|lm:note ?text }
}"""


class NamedLoop(BaseModel):
    iri: str
    label: str
    declared: Polarity | None = Field(description="polarity the paper gives (lm:polarity)")
    computed: Polarity | None = Field(description="sign product of the loop's own links; None if a link is missing")
    agrees: bool | None
    closes: bool = Field(description="each step's effect is the next step's cause and the last returns to the first")
    links: list[str]
    nodes: list[str]
    texts: list[str] = Field(default=[], description="the loop's quote, comment and notes")
    found: bool = Field(default=False, description="among the cycles found in the graph")


class FoundLoop(BaseModel):
    nodes: list[str] = Field(description="entities in cycle order, starting at the smallest IRI")
    labels: list[str]
    polarity: Polarity
    sign: int
    path: SignedPath
    named: list[str] = Field(default=[], description="named lm:FeedbackLoop individuals this cycle is")
    declared: list[Polarity] = []
    condition_clashes: list[str] = []


class LoopReport(BaseModel):
    max_length: int
    found: list[FoundLoop]
    named: list[NamedLoop]
    unnamed: int = Field(description="found loops that no paper names")
    truncated: bool = Field(default=False, description="enumeration stopped at max_cycles entity cycles")
    max_cycles: int | None = None


def _canonical(nodes: list[str]) -> tuple[str, ...]:
    i = nodes.index(min(nodes))
    return tuple(nodes[i:] + nodes[:i])


def polarity_of(sign: int) -> Polarity:
    return "reinforcing" if sign > 0 else "balancing"


def named_loops(kstore, graph: CausalGraph) -> list[NamedLoop]:
    rows: dict[str, dict] = {}
    for r in kstore.select(_NAMED_LOOPS):
        d = rows.setdefault(r["loop"], {"label": r["label"], "polarity": r["polarity"], "steps": {}, "texts": set()})
        d["steps"][int(r["pos"])] = r["link"]
        if r["text"]:
            d["texts"].add(r["text"])
    out = []
    for iri, d in sorted(rows.items()):
        link_iris = [d["steps"][k] for k in sorted(d["steps"])]
        links = [graph.by_iri.get(i) for i in link_iris]
        complete = all(lk is not None for lk in links)
        closes = complete and all(a.effect == b.cause for a, b in zip(links, links[1:] + links[:1]))
        computed = None
        if complete:
            sign = 1
            for lk in links:
                sign *= lk.polarity
            computed = polarity_of(sign)
        declared = {LM + "Reinforcing": "reinforcing", LM + "Balancing": "balancing"}.get(d["polarity"] or "")
        out.append(NamedLoop(
            iri=iri, label=d["label"] or iri, declared=declared, computed=computed,
            agrees=None if declared is None or computed is None else declared == computed,
            closes=closes, links=link_iris, nodes=[lk.cause for lk in links] if complete else [],
            texts=sorted(d["texts"])))
    return out


def find_loops(kstore, graph: CausalGraph, max_length: int = 8, max_cycles: int | None = 50_000) -> LoopReport:
    """Every cycle of at most ``max_length`` steps; enumeration stops (``truncated=True``) after
    ``max_cycles`` entity cycles, so a dense graph cannot hang a request."""
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    if max_cycles is not None and max_cycles < 1:
        raise ValueError(f"max_cycles must be a positive number or None, got {max_cycles}")
    named = named_loops(kstore, graph)
    by_cycle: dict[tuple[str, ...], list[NamedLoop]] = {}
    for nl in named:
        if nl.closes:
            by_cycle.setdefault(_canonical(nl.nodes), []).append(nl)
    simple = nx.DiGraph(graph.steps)
    found: list[FoundLoop] = []
    truncated = False
    for n_cycles, cycle in enumerate(nx.simple_cycles(simple, length_bound=max_length)):
        if max_cycles is not None and n_cycles >= max_cycles:
            truncated = True
            break
        nodes = list(_canonical(cycle))
        options: list[list[Step]] = [graph.steps_between(a, b) for a, b in zip(nodes, nodes[1:] + nodes[:1])]
        for steps in product(*options):
            used = {lk.iri for s in steps for lk in s.links}
            matches = [nl for nl in by_cycle.get(tuple(nodes), []) if set(nl.links) <= used]
            for nl in matches:
                nl.found = True
            path = make_path(graph, list(steps))
            found.append(FoundLoop(
                nodes=nodes, labels=[graph.label(n) for n in nodes], polarity=polarity_of(path.sign),
                sign=path.sign, path=path, named=[nl.iri for nl in matches],
                declared=[nl.declared for nl in matches if nl.declared],
                condition_clashes=clashes([s.links[0] for s in steps])))
    found.sort(key=lambda f: (not f.named, len(f.nodes), -f.path.evidence.rank, f.nodes, f.sign))
    return LoopReport(max_length=max_length, found=found, named=named,
                      unnamed=sum(1 for f in found if not f.named), truncated=truncated, max_cycles=max_cycles)
