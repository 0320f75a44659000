"""Checkable chains read from the knowledge graph (``ontology/bindings.ttl``).

:func:`load_specs` reads them from a store by SPARQL; :func:`specs_from_file` reads the same
Turtle with rdflib (for worker processes that have no store). Both return
:class:`ChainSpec` objects: plain, picklable data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from engine.checks.pipelines import CheckError
from ontology import ONTOLOGY_DIR

LM = "https://w3id.org/limech/"
BINDINGS_FILE = ONTOLOGY_DIR / "bindings.ttl"


@dataclass(frozen=True)
class Quantity:
    position: int
    entity: str
    model: str
    output: str
    unit: str

    @property
    def key(self) -> str:
        return f"{self.model}.{self.output}"


@dataclass(frozen=True)
class LinkSpec:
    cause: str
    effect: str
    analytic_law: str | None = None
    claimed_sign: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Scenario:
    label: str
    settings: tuple[str, ...]
    condition_output: str | None


@dataclass(frozen=True)
class Range:
    parameter: str
    low: float
    high: float
    unit: str
    source: str
    log: bool = False


@dataclass(frozen=True)
class ChainSpec:
    iri: str
    label: str
    pipeline: str
    knob_parameter: str
    knob_mode: str
    relative_step: float
    off_settings: tuple[str, ...]
    base_settings: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    links: tuple[LinkSpec, ...]
    scenarios: tuple[Scenario, ...] = ()
    ranges: tuple[Range, ...] = ()
    tensions: tuple[str, ...] = ()
    report_outputs: tuple[str, ...] = ()
    graph_chains: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        local = self.iri[len(LM):] if self.iri.startswith(LM) else self.iri
        return local[len("check_"):] if local.startswith("check_") else local

    def quantity_for(self, entity: str) -> Quantity:
        for q in self.quantities:
            if q.entity == entity:
                return q
        raise CheckError(f"chain '{self.id}': link entity {entity} has no bound quantity; bound: "
                         f"{', '.join(q.entity[len(LM):] for q in self.quantities)}")


_P = "PREFIX lm: <https://w3id.org/limech/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = {
    "chain": _P + """SELECT ?c ?label ?pipe ?kp ?mode ?step WHERE {
        ?c a lm:CheckableChain ; rdfs:label ?label ; lm:pipeline ?pipe ; lm:knob ?k .
        ?k lm:parameter ?kp ; lm:knobMode ?mode . OPTIONAL { ?k lm:relativeStep ?step } }""",
    "multi": _P + """SELECT ?c ?kind ?v WHERE { ?c a lm:CheckableChain .
        { ?c lm:knob/lm:offSetting ?v . BIND("off" AS ?kind) } UNION { ?c lm:baseSetting ?v . BIND("base" AS ?kind) }
        UNION { ?c lm:tension ?v . BIND("tension" AS ?kind) } UNION { ?c lm:reportOutput ?v . BIND("report" AS ?kind) }
        UNION { ?c lm:checksChain ?v . BIND("chain" AS ?kind) } }""",
    "quantity": _P + """SELECT ?c ?pos ?ent ?model ?out ?unit WHERE { ?c a lm:CheckableChain ; lm:boundQuantity ?q .
        ?q lm:position ?pos ; lm:boundEntity ?ent ; lm:model ?model ; lm:output ?out . OPTIONAL { ?q lm:unitText ?unit } }""",
    "link": _P + """SELECT ?c ?from ?to ?law ?claimed ?comment WHERE { ?c a lm:CheckableChain ; lm:checksLink ?l .
        ?l lm:fromEntity ?from ; lm:toEntity ?to . OPTIONAL { ?l lm:analyticLaw ?law } OPTIONAL { ?l lm:claimedSign ?claimed }
        OPTIONAL { ?l rdfs:comment ?comment } }""",
    "scenario": _P + """SELECT ?c ?s ?label ?setting ?cond WHERE { ?c a lm:CheckableChain ; lm:conditionScenario ?s .
        ?s rdfs:label ?label ; lm:setting ?setting . OPTIONAL { ?s lm:conditionOutput ?cond } }""",
    "range": _P + """SELECT ?c ?p ?lo ?hi ?unit ?src ?log WHERE { ?c a lm:CheckableChain ; lm:rangeParameter ?r .
        ?r lm:parameter ?p ; lm:lowValue ?lo ; lm:highValue ?hi ; lm:unitText ?unit ; lm:rangeSource ?src .
        OPTIONAL { ?r lm:logScale ?log } }""",
}


def _specs(select) -> dict[str, ChainSpec]:
    heads = {r["c"]: r for r in select(QUERIES["chain"])}
    multi: dict[str, dict[str, list[str]]] = {c: {} for c in heads}
    for r in select(QUERIES["multi"]):
        multi.setdefault(r["c"], {}).setdefault(r["kind"], []).append(str(r["v"]))
    qs: dict[str, list[Quantity]] = {c: [] for c in heads}
    for r in select(QUERIES["quantity"]):
        qs.setdefault(r["c"], []).append(Quantity(int(r["pos"]), r["ent"], r["model"], r["out"], r["unit"] or ""))
    links: dict[str, list[LinkSpec]] = {c: [] for c in heads}
    for r in select(QUERIES["link"]):
        links.setdefault(r["c"], []).append(LinkSpec(r["from"], r["to"], r["law"],
                                                     int(r["claimed"]) if r["claimed"] is not None else None, r["comment"]))
    scen: dict[str, dict[str, list]] = {c: {} for c in heads}
    for r in select(QUERIES["scenario"]):
        s = scen.setdefault(r["c"], {}).setdefault(r["s"], [r["label"], [], r["cond"]])
        s[1].append(r["setting"])
    ranges: dict[str, list[Range]] = {c: [] for c in heads}
    for r in select(QUERIES["range"]):
        ranges.setdefault(r["c"], []).append(Range(r["p"], float(r["lo"]), float(r["hi"]), r["unit"], r["src"],
                                                   str(r["log"]).lower() == "true"))
    out = {}
    for c, h in heads.items():
        m = multi.get(c, {})
        spec = ChainSpec(
            iri=c, label=h["label"], pipeline=h["pipe"], knob_parameter=h["kp"], knob_mode=h["mode"],
            relative_step=float(h["step"]) if h["step"] is not None else 0.1,
            off_settings=tuple(sorted(m.get("off", []))), base_settings=tuple(sorted(m.get("base", []))),
            quantities=tuple(sorted(qs[c], key=lambda q: q.position)),
            links=tuple(sorted(links[c], key=lambda lk: (lk.cause, lk.effect))),
            scenarios=tuple(Scenario(v[0], tuple(sorted(v[1])), v[2]) for _, v in sorted(scen.get(c, {}).items(),
                                                                                       key=lambda kv: kv[1][0])),
            ranges=tuple(sorted(ranges[c], key=lambda r: r.parameter)),
            tensions=tuple(sorted(m.get("tension", []))), report_outputs=tuple(sorted(m.get("report", []))),
            graph_chains=tuple(sorted(m.get("chain", []))))
        if spec.knob_mode not in ("onoff", "relative"):
            raise CheckError(f"binding {c}: lm:knobMode must be 'onoff' or 'relative', got '{spec.knob_mode}'")
        out[spec.id] = spec
    return out


def load_specs(kstore) -> dict[str, ChainSpec]:
    """Every checkable chain in the store, by id (local name without ``check_``)."""
    return _specs(lambda q: kstore.select(q))


@lru_cache(maxsize=1)
def _file_specs() -> dict[str, ChainSpec]:
    from rdflib import Graph

    g = Graph().parse(BINDINGS_FILE, format="turtle")

    def select(q):
        res = g.query(q)
        names = [str(v) for v in res.vars]
        return [{n: (None if row[i] is None else (row[i].toPython() if hasattr(row[i], "datatype") and row[i].datatype
                                                     else str(row[i])))
                 for i, n in enumerate(names)} for row in res]
    return _specs(select)


def specs_from_file() -> dict[str, ChainSpec]:
    return _file_specs()


def get_spec(specs: dict[str, ChainSpec], chain: str) -> ChainSpec:
    """A spec by id, ``check_<id>``, CURIE ``lm:check_<id>`` or full IRI."""
    if not isinstance(chain, str) or not chain.strip():
        raise CheckError(f"chain must be a non-empty name; available: {', '.join(sorted(specs))}")
    key = chain.strip()
    for prefix in (LM, "lm:"):
        if key.startswith(prefix):
            key = key[len(prefix):]
    if key.startswith("check_"):
        key = key[len("check_"):]
    if key not in specs:
        raise CheckError(f"unknown checkable chain '{chain}'; available: {', '.join(sorted(specs))}")
    return specs[key]
