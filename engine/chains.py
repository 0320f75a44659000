"""Mechanism chains and feedback loops as the papers state them: ordered causal links, the
chain's sign (product of its links' signs) and weakest evidence."""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, Field

from engine.statement import CausalLink, Evidence, load_links

_CHAINS = """
SELECT ?chain ?label ?loop ?polarity ?headline ?pos ?link ?doc ?section WHERE {
  ?chain a lm:MechanismChain ; rdfs:label ?label ; lm:hasStep ?step .
  ?step lm:position ?pos ; lm:stepLink ?link .
  BIND(EXISTS { ?chain a lm:FeedbackLoop } AS ?loop)
  OPTIONAL { ?chain lm:polarity/rdfs:label ?polarity }
  OPTIONAL { ?chain lm:isHeadline ?headline }
  OPTIONAL { ?chain lm:hasSource ?src . ?src lm:document ?doc . OPTIONAL { ?src lm:section ?section } }
}"""


class Chain(BaseModel):
    iri: str
    label: str
    loop: bool = Field(description="a feedback loop (its last effect is its first cause)")
    declared_polarity: str | None = Field(description="reinforcing/balancing as the paper names a loop")
    headline: bool
    sign: int = Field(description="product of the links' signs")
    evidence: Evidence = Field(description="the weakest link's evidence")
    documents: list[str]
    sections: list[str]
    entities: list[str] = Field(description="labels along the chain, cause of the first link first")
    links: list[CausalLink]


def chains(store, links: list[CausalLink] | None = None) -> list[Chain]:
    by_iri = {k.iri: k for k in (links if links is not None else load_links(store))}
    rows = store.select(_CHAINS)
    meta: dict[str, dict] = {}
    steps: dict[str, dict[int, str]] = defaultdict(dict)
    for r in rows:
        m = meta.setdefault(r["chain"], {"label": r["label"], "loop": r["loop"] == "true",
                                         "polarity": r["polarity"], "headline": r["headline"] == "true",
                                         "docs": set(), "sections": set()})
        if r["doc"]:
            m["docs"].add(r["doc"])
        if r["section"]:
            m["sections"].add(r["section"])
        steps[r["chain"]][int(r["pos"])] = r["link"]
    out = []
    for iri, m in meta.items():
        ordered = [by_iri[steps[iri][p]] for p in sorted(steps[iri]) if steps[iri][p] in by_iri]
        if not ordered:
            continue
        sign = 1
        for k in ordered:
            sign *= k.polarity
        out.append(Chain(
            iri=iri, label=m["label"], loop=m["loop"], declared_polarity=m["polarity"], headline=m["headline"],
            sign=sign, evidence=min((k.evidence for k in ordered), key=lambda e: e.rank),
            documents=sorted(m["docs"]), sections=sorted(m["sections"]),
            entities=[ordered[0].cause_label] + [k.effect_label for k in ordered], links=ordered))
    return sorted(out, key=lambda c: (not c.headline, c.iri))
