"""Contradictions in the knowledge graph.

Kinds:

* ``opposite_signs``: the same cause and effect stated with opposite signs (flagged when
  the two sides come from different documents, and when every opposite pair is separated
  by mutually exclusive conditions, i.e. both can hold in different regimes).
* ``loop_polarity``: a named feedback loop whose declared polarity differs from the sign
  product of its links, or that the paper calls self-limiting (label, quote or comment)
  while its sign product makes it reinforcing.
* ``exclusive_conditions``: links that chain (one's effect is the other's cause), that a
  named chain or loop puts together, or that an unnamed cycle needs, whose conditions
  exclude each other (``ontology/rules/exclusive_conditions.json``).
* ``counter_claim``: a strategy said to counter (``lm:counters``) something that the net
  effect of the graph's paths (:func:`engine.paths.effect`) says it increases, or leaves
  ambiguous.
"""
from __future__ import annotations

import re
from itertools import combinations
from typing import Literal

from pydantic import BaseModel, Field

from engine.conditions import clashes, exclusive
from engine.graph import CausalGraph
from engine.loops import find_loops, named_loops
from engine.paths import effect

Kind = Literal["opposite_signs", "loop_polarity", "exclusive_conditions", "counter_claim"]
SELF_LIMITING = re.compile(r"self[- ]?(limit|terminat|regulat|restrict|quench)|passivat", re.IGNORECASE)

_CHAINS = """
PREFIX lm: <https://w3id.org/limech/>
SELECT ?chain ?c ?link WHERE { ?chain a ?c ; lm:hasStep/lm:stepLink ?link .
  VALUES ?c { lm:MechanismChain lm:FeedbackLoop } }"""
_COUNTERS = """
PREFIX lm: <https://w3id.org/limech/>
SELECT DISTINCT ?s ?f WHERE { ?s lm:counters ?f . FILTER(isIRI(?f)) }"""


class Conflict(BaseModel):
    kind: Kind
    summary: str
    links: list[str] = []
    entities: list[str] = []
    documents: list[str] = []
    details: dict = Field(default={})


def opposite_signs(graph: CausalGraph) -> list[Conflict]:
    out = []
    for c, e in sorted({(lk.cause, lk.effect) for lk in graph.link_list}):
        links = graph.direct_links(c, e)
        pos = [lk for lk in links if lk.polarity > 0]
        neg = [lk for lk in links if lk.polarity < 0]
        if not pos or not neg:
            continue
        pos_docs = set().union(*(lk.documents for lk in pos))
        neg_docs = set().union(*(lk.documents for lk in neg))
        separated = all(any(exclusive(a, b) for a in p.conditions for b in n.conditions) for p in pos for n in neg)
        out.append(Conflict(
            kind="opposite_signs",
            summary=f"{graph.label(c)} → {graph.label(e)}: increases in {len(pos)} link(s), decreases in {len(neg)}",
            links=[lk.iri for lk in pos + neg], entities=[c, e], documents=sorted(pos_docs | neg_docs),
            details={"increasing": [lk.iri for lk in pos], "decreasing": [lk.iri for lk in neg],
                     "different_sources": any(a != b for a in pos_docs for b in neg_docs),
                     "separated_by_conditions": separated}))
    return out


def loop_polarity(kstore, graph: CausalGraph) -> list[Conflict]:
    out = []
    for nl in named_loops(kstore, graph):
        docs = sorted({d for i in nl.links if i in graph.by_iri for d in graph.by_iri[i].documents})
        if nl.agrees is False:
            out.append(Conflict(
                kind="loop_polarity", links=nl.links, entities=nl.nodes, documents=docs,
                summary=f"{nl.label}: declared {nl.declared}, but its links' sign product makes it {nl.computed}",
                details={"loop": nl.iri, "declared": nl.declared, "computed": nl.computed}))
        words = [t for t in [nl.label, *nl.texts] if SELF_LIMITING.search(t)]
        if words and nl.computed == "reinforcing":
            out.append(Conflict(
                kind="loop_polarity", links=nl.links, entities=nl.nodes, documents=docs,
                summary=f"{nl.label}: called self-limiting, but its links' sign product makes it reinforcing",
                details={"loop": nl.iri, "declared": nl.declared, "computed": nl.computed, "text": words}))
        if not nl.closes:
            out.append(Conflict(
                kind="loop_polarity", links=nl.links, entities=nl.nodes, documents=docs,
                summary=f"{nl.label}: its steps do not close into a cycle (or a step link is not a valid causal link)",
                details={"loop": nl.iri}))
    return out


def exclusive_conditions(kstore, graph: CausalGraph) -> list[Conflict]:
    out, seen = [], set()
    for a in graph.link_list:
        for b in (d["link"] for _, _, d in graph.links.out_edges(a.effect, data=True)):
            if a.iri == b.iri or (a.iri, b.iri) in seen:
                continue
            found = clashes([a, b])
            if found:
                seen.add((a.iri, b.iri))
                out.append(Conflict(
                    kind="exclusive_conditions", links=[a.iri, b.iri], entities=[a.cause, a.effect, b.effect],
                    documents=sorted(a.documents | b.documents),
                    summary=f"{a.cause_label} → {a.effect_label} → {b.effect_label} chains links under exclusive conditions",
                    details={"clashes": found}))
    chains: dict[str, list[str]] = {}
    loops: set[str] = set()
    for r in kstore.select(_CHAINS):
        chains.setdefault(r["chain"], []).append(r["link"])
        if r["c"].endswith("FeedbackLoop"):
            loops.add(r["chain"])
    for chain, iris in sorted(chains.items()):
        links = [graph.by_iri[i] for i in sorted(set(iris)) if i in graph.by_iri]
        is_loop = chain in loops
        found = [c for x, y in combinations(links, 2)
                 if is_loop or ((x.iri, y.iri) not in seen and (y.iri, x.iri) not in seen)
                 for c in clashes([x, y])]
        if found:
            out.append(Conflict(kind="exclusive_conditions", links=[lk.iri for lk in links],
                                summary=f"{'loop' if is_loop else 'chain'} {chain} combines links under exclusive conditions",
                                documents=sorted({d for lk in links for d in lk.documents}),
                                details={"chain": chain, "clashes": found}))
    for loop in find_loops(kstore, graph).found:
        if loop.condition_clashes and not loop.named:
            out.append(Conflict(
                kind="exclusive_conditions", links=[i for s in loop.path.steps for i in s.links[:1]],
                entities=loop.nodes, documents=sorted({d for s in loop.path.steps for d in s.documents}),
                summary=f"unnamed {loop.polarity} loop {' → '.join(loop.labels)} needs links under exclusive conditions",
                details={"clashes": loop.condition_clashes}))
    return out


def counter_claims(kstore, graph: CausalGraph, max_length: int = 5) -> list[Conflict]:
    out = []
    for r in kstore.select(_COUNTERS):
        s, f = r["s"], r["f"]
        if s not in graph.steps or f not in graph.steps:
            continue
        res = effect(graph, s, f, max_length)
        if res.net in ("increases", "ambiguous"):
            out.append(Conflict(
                kind="counter_claim", entities=[s, f],
                summary=f"{graph.label(s)} is said to counter {graph.label(f)}, but the paths give: {res.net} "
                        f"({res.decreasing} decreasing, {res.increasing} increasing, ≤ {max_length} steps)",
                links=sorted({i for p in res.paths if p.sign > 0 for st in p.steps for i in st.links}),
                details={"net": res.net, "increasing": res.increasing, "decreasing": res.decreasing}))
    return out


def find_conflicts(kstore, graph: CausalGraph) -> list[Conflict]:
    return (opposite_signs(graph) + loop_polarity(kstore, graph)
            + exclusive_conditions(kstore, graph) + counter_claims(kstore, graph))
