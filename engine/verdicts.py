"""Simulation verdicts on causal links, read from the check runs' PROV records (checks graph)."""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from ontology import CHECKS_GRAPH

_VERDICTS = f"""
SELECT ?link ?run ?chain ?chainLabel ?verdict ?condition ?elasticity ?ended WHERE {{
  GRAPH <{CHECKS_GRAPH}> {{
    ?run a lm:CheckRun ; lm:checkedChain ?chain ; lm:hasLinkVerdict ?v .
    ?v lm:aboutLink ?link ; lm:verdict ?verdict .
    OPTIONAL {{ ?v lm:verdictCondition ?condition }}
    OPTIONAL {{ ?v lm:elasticity ?elasticity }}
    OPTIONAL {{ ?run prov:endedAtTime ?ended }}
  }}
  OPTIONAL {{ ?chain rdfs:label ?chainLabel }}
}}"""
WORDS = {"SimulationSupported": "supported", "SimulationNotSupported": "not supported",
         "ConditionDependent": "condition-dependent"}


class LinkVerdict(BaseModel):
    link: str
    check: str
    check_label: str | None
    run: str
    verdict: str
    condition: str | None = None
    elasticity: float | None = None
    ended: str | None = None


def link_verdicts(store) -> dict[str, list[LinkVerdict]]:
    """Every link's verdicts from every check run, newest first."""
    out: dict[str, list[LinkVerdict]] = defaultdict(list)
    for r in store.select(_VERDICTS):
        out[r["link"]].append(LinkVerdict(
            link=r["link"], check=r["chain"], check_label=r["chainLabel"], run=r["run"],
            verdict=WORDS.get(r["verdict"].rsplit("/", 1)[-1], r["verdict"]), condition=r["condition"],
            elasticity=float(r["elasticity"]) if r["elasticity"] is not None else None, ended=r["ended"]))
    for vs in out.values():
        vs.sort(key=lambda v: v.ended or "", reverse=True)
    return dict(out)
