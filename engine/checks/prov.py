"""Check runs as PROV activities in the checks named graph.

One ``lm:CheckRun`` (a ``prov:Activity``) per run: the chain checked, the parameters used
(``prov:used`` -> ``lm:ParameterSetting``), software version, start and end times, the
overall verdict and its condition, robustness figures, and one ``lm:LinkVerdict`` per checked
cause -> effect pair pointing (``lm:aboutLink``) at every lm:CausalLink it stands for, or, when
no link states the pair and the graph's path was checked, at the path's steps (``lm:viaLink``).
``ontology/queries/simulation_supported_links.rq`` asks which links simulation supports.
"""
from __future__ import annotations

import uuid
from functools import lru_cache

import pyoxigraph as ox

from ontology import CHECKS_GRAPH, PROJECT_DIR

LM = "https://w3id.org/limech/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
VERDICTS = {"supported": LM + "SimulationSupported", "not supported": LM + "SimulationNotSupported",
            "condition-dependent": LM + "ConditionDependent"}


@lru_cache(maxsize=1)
def software_version() -> str:
    """limech version from pyproject.toml, plus the git commit when the checkout has one."""
    import subprocess
    import tomllib

    version = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]["version"]
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True,
                                text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"limech {version}" + (f" (git {commit})" if commit else "")


def _lit(v) -> ox.Literal:
    if isinstance(v, bool):
        return ox.Literal("true" if v else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(v, int):
        return ox.Literal(str(v), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(v, float):
        return ox.Literal(repr(v), datatype=ox.NamedNode(XSD + "double"))
    return ox.Literal(str(v))


def new_run_iri() -> str:
    return f"{LM}checkrun/{uuid.uuid4().hex}"


def record(kstore, result) -> str:
    """Write ``result`` (a :class:`CheckResult` with ``run`` set) into the checks graph."""
    g = ox.NamedNode(CHECKS_GRAPH)
    run = ox.NamedNode(result.run)
    quads = []

    def add(s, p, o):
        quads.append(ox.Quad(s, ox.NamedNode(p), o if isinstance(o, (ox.NamedNode, ox.Literal)) else _lit(o), g))

    add(run, RDF_TYPE.value, ox.NamedNode(PROV + "Activity"))
    add(run, RDF_TYPE.value, ox.NamedNode(LM + "CheckRun"))
    add(run, LM + "checkedChain", ox.NamedNode(result.iri))
    add(run, PROV + "used", ox.NamedNode(result.iri))
    for c in result.graph_chains:
        add(run, PROV + "used", ox.NamedNode(c))
    add(run, "http://www.w3.org/2000/01/rdf-schema#label", f"check of {result.label}")
    add(run, PROV + "startedAtTime", ox.Literal(result.started, datatype=ox.NamedNode(XSD + "dateTime")))
    add(run, PROV + "endedAtTime", ox.Literal(result.ended, datatype=ox.NamedNode(XSD + "dateTime")))
    add(run, LM + "softwareVersion", result.software_version)
    add(run, LM + "verdict", ox.NamedNode(VERDICTS[result.verdict]))
    if result.condition:
        add(run, LM + "verdictCondition", result.condition)
    for i, (name, value) in enumerate(sorted(result.params.items()), 1):
        p = ox.NamedNode(f"{result.run}/param/{i}")
        add(run, PROV + "used", p)
        add(p, RDF_TYPE.value, ox.NamedNode(LM + "ParameterSetting"))
        add(p, LM + "parameter", name)
        add(p, LM + "value", float(value))
    rob = result.robustness
    if rob is not None:
        add(run, LM + "sampleCount", int(rob.samples))
        if rob.fraction_all_hold is not None:
            add(run, LM + "robustFraction", float(rob.fraction_all_hold))
        for name in rob.flipping_parameters:
            add(run, LM + "flippingParameter", name)
    for i, lk in enumerate(result.links, 1):
        v = ox.NamedNode(f"{result.run}/link/{i}")
        add(run, LM + "hasLinkVerdict", v)
        add(v, RDF_TYPE.value, ox.NamedNode(LM + "LinkVerdict"))
        add(v, PROV + "wasGeneratedBy", run)
        add(v, LM + "fromEntity", ox.NamedNode(lk.cause))
        add(v, LM + "toEntity", ox.NamedNode(lk.effect))
        for iri in lk.links:   # a path's steps are not each judged by the composite verdict
            add(v, LM + ("viaLink" if lk.via_path else "aboutLink"), ox.NamedNode(iri))
        add(v, LM + "graphSign", int(lk.graph_sign))
        if lk.simulated_sign is not None:
            add(v, LM + "simulatedSign", int(lk.simulated_sign))
            add(v, LM + "agrees", lk.agreement == "agrees")
        if lk.elasticity is not None:
            add(v, LM + "elasticity", float(lk.elasticity))
        if lk.verdict in VERDICTS:
            add(v, LM + "verdict", ox.NamedNode(VERDICTS[lk.verdict]))
        if lk.condition:
            add(v, LM + "verdictCondition", lk.condition)
        if rob is not None and i <= len(rob.links) and rob.links[i - 1].fraction_holds is not None:
            add(v, LM + "robustFraction", float(rob.links[i - 1].fraction_holds))
    _write(kstore, quads)
    return result.run


def _write(kstore, quads) -> None:
    if not quads:
        return
    backend = kstore.store
    if hasattr(backend, "extend"):       # embedded pyoxigraph store
        backend.extend(quads)
    else:                                # a SPARQL endpoint (engine.remote_store)
        body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
        backend.update(f"INSERT DATA {{ GRAPH <{CHECKS_GRAPH}> {{\n{body} .\n}} }}")
    try:
        backend.flush()
    except OSError:   # in-memory stores have nothing to flush
        pass


def record_hypotheses(kstore, checks, specs) -> None:
    """One lm:CheckRun per checked hypothesis: the chain whose models evaluated it, and one
    lm:LinkVerdict for the cause -> effect pair (no lm:aboutLink: no paper states the link)."""
    from datetime import datetime, timezone

    g = ox.NamedNode(CHECKS_GRAPH)
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    quads = []

    def add(s, p, o):
        quads.append(ox.Quad(s, ox.NamedNode(p), o if isinstance(o, (ox.NamedNode, ox.Literal)) else _lit(o), g))

    for hc in checks:
        if hc.verdict == "not evaluated":
            continue
        hc.run = new_run_iri()
        run, v = ox.NamedNode(hc.run), ox.NamedNode(hc.run + "/link/1")
        verdict = ox.NamedNode(VERDICTS[hc.verdict])
        for t in (PROV + "Activity", LM + "CheckRun"):
            add(run, RDF_TYPE.value, ox.NamedNode(t))
        add(run, "http://www.w3.org/2000/01/rdf-schema#label", f"check of the hypothesis {hc.id}")
        add(run, LM + "checkedChain", ox.NamedNode(specs[hc.chain].iri))
        add(run, PROV + "used", ox.NamedNode(specs[hc.chain].iri))
        for p, o in ((PROV + "startedAtTime", now), (PROV + "endedAtTime", now)):
            add(run, p, ox.Literal(o, datatype=ox.NamedNode(XSD + "dateTime")))
        add(run, LM + "softwareVersion", software_version())
        add(run, LM + "verdict", verdict)
        add(run, LM + "hasLinkVerdict", v)
        add(v, RDF_TYPE.value, ox.NamedNode(LM + "LinkVerdict"))
        add(v, PROV + "wasGeneratedBy", run)
        add(v, LM + "fromEntity", ox.NamedNode(hc.cause))
        add(v, LM + "toEntity", ox.NamedNode(hc.effect))
        add(v, LM + "verdict", verdict)
        if hc.predicted != "ambiguous":
            add(v, LM + "graphSign", 1 if hc.predicted == "increases" else -1)
        if hc.simulated in ("increases", "decreases", "no effect"):
            add(v, LM + "simulatedSign", {"increases": 1, "decreases": -1, "no effect": 0}[hc.simulated])
    _write(kstore, quads)
