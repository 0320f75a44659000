"""The lingua franca of limech: one causal link with its evidence and provenance.

Every part of the engine (paths, loops, conflicts, hypotheses, checks) and every API
response speaks in :class:`CausalLink`, the way INDRA's Statement is shared by its sources
and assemblers. :func:`load_links` reads them from the store.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

LM = "https://w3id.org/limech/"


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)
    level: str = Field(description="IRI of the evidence level, e.g. lm:PlausibleHypothesis")
    label: str = Field(description="human label of the evidence level")
    rank: int = Field(description="strength of support, higher is stronger (lm:evidenceRank)")


class Provenance(BaseModel):
    model_config = ConfigDict(frozen=True)
    document: str = Field(description="IRI of the source document")
    doi: str | None = None
    section: str | None = None
    figure: str | None = None


class CausalLink(BaseModel):
    """cause --sign--> effect, as one source states it."""

    model_config = ConfigDict(frozen=True)
    iri: str
    cause: str
    cause_label: str
    effect: str
    effect_label: str
    sign: str = Field(description="increases | decreases | enables | prevents | converts to")
    polarity: int = Field(description="+1 or -1, the sign used in path composition")
    mechanism: str
    conditions: tuple[str, ...] = ()
    evidence: Evidence
    provenance: tuple[Provenance, ...]
    quote: str = Field(description="the first of the link's verbatim quotes (in sorted order)")
    quotes: tuple[str, ...] = Field(default=(), description="every verbatim quote of the link, sorted")
    cited_references: tuple[int, ...] = ()
    laws: tuple[str, ...] = Field(default=(), description="IRIs of laws that quantify this link")

    @property
    def documents(self) -> set[str]:
        return {p.document for p in self.provenance}


def short(iri: str) -> str:
    """``lm:Name`` for limech IRIs, the IRI otherwise."""
    return "lm:" + iri[len(LM):] if iri.startswith(LM) else iri


_LINKS_QUERY = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX bibo: <http://purl.org/ontology/bibo/>
SELECT ?link ?cause ?cl ?effect ?el ?signLabel ?sv ?mech ?ev ?evl ?rank ?quote WHERE {
  ?link a lm:CausalLink ; lm:cause ?cause ; lm:effect ?effect ; lm:sign ?sign ;
        lm:mechanism ?mech ; lm:evidenceLevel ?ev ; lm:quote ?quote .
  ?sign rdfs:label ?signLabel ; lm:signValue ?sv .
  ?ev rdfs:label ?evl ; lm:evidenceRank ?rank .
  ?cause rdfs:label ?cl . ?effect rdfs:label ?el .
}"""

_EXTRAS_QUERY = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
SELECT ?link ?kind ?a ?b ?c ?d WHERE {
  ?link a lm:CausalLink .
  {
    BIND("source" AS ?kind)
    ?link lm:hasSource ?loc . ?loc lm:document ?a .
    OPTIONAL { ?a bibo:doi ?b } OPTIONAL { ?loc lm:section ?c } OPTIONAL { ?loc lm:figure ?d }
  } UNION {
    BIND("condition" AS ?kind) ?link lm:condition ?a .
  } UNION {
    BIND("ref" AS ?kind) ?link lm:citedReference ?a .
  } UNION {
    BIND("law" AS ?kind) ?link lm:quantifiedBy ?a .
  } UNION {
    BIND("quote" AS ?kind) ?link lm:quote ?a .
  }
}"""


def load_links(store) -> list[CausalLink]:
    """All causal links in ``store`` (an :class:`engine.store.KnowledgeStore`), sorted by IRI."""
    extras: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in store.select(_EXTRAS_QUERY):
        kind = row["kind"]
        if kind == "source":
            extras[row["link"]]["source"].append(
                Provenance(document=row["a"], doi=row["b"], section=row["c"], figure=row["d"]))
        else:
            extras[row["link"]][kind].append(row["a"])
    links: dict[str, CausalLink] = {}
    for r in store.select(_LINKS_QUERY):
        if r["link"] in links:  # one row per quote; the quotes are collected below
            continue
        x = extras[r["link"]]
        quotes = tuple(sorted(set(x["quote"])))
        links[r["link"]] = (CausalLink(
            iri=r["link"], cause=r["cause"], cause_label=r["cl"], effect=r["effect"], effect_label=r["el"],
            sign=r["signLabel"], polarity=int(r["sv"]), mechanism=r["mech"],
            conditions=tuple(sorted(set(x["condition"]))),
            evidence=Evidence(level=r["ev"], label=r["evl"], rank=int(r["rank"])),
            provenance=tuple(sorted(set(x["source"]), key=lambda p: (p.document, p.section or ""))),
            quote=quotes[0], quotes=quotes,
            cited_references=tuple(sorted({int(v) for v in x["ref"]})),
            laws=tuple(sorted(set(x["law"]))),
        ))
    return sorted(links.values(), key=lambda link: link.iri)


def by_iri(links: Iterable[CausalLink]) -> dict[str, CausalLink]:
    return {link.iri: link for link in links}
