"""Check runs as PROV activities (SPARQL), robustness sweeps, executors and figures."""
from __future__ import annotations

from datetime import datetime

from concurrent.futures import ThreadPoolExecutor

import pytest

from ontology import CHECKS_GRAPH, QUERIES_DIR

LM = "https://w3id.org/limech/"


@pytest.fixture(scope="module")
def store():
    from engine.store import KnowledgeStore

    return KnowledgeStore.in_memory()


def test_prov_record_answers_which_links_are_simulation_supported(store):
    from engine.checks.api import run_check

    assert store.graph_size(CHECKS_GRAPH) == 0
    res = run_check(store, "transferenceSand", params={"transference_number": "0.3"})
    assert res.run and res.run.startswith(LM + "checkrun/")
    rows = store.select((QUERIES_DIR / "simulation_supported_links.rq").read_text())
    supported = {r["link"] for r in rows if r["run"] == res.run}
    # the three links of the chain as the graph states them (004 §3.2.1)
    assert supported == {LM + "L004_115", LM + "L004_116", LM + "L004_117"}
    row = store.select(f"""SELECT ?start ?end ?version ?verdict ?value WHERE {{
        GRAPH <{CHECKS_GRAPH}> {{ <{res.run}> a prov:Activity , lm:CheckRun ; prov:startedAtTime ?start ;
            prov:endedAtTime ?end ; lm:softwareVersion ?version ; lm:verdict ?verdict ; prov:used ?p .
            ?p lm:parameter "depletion.transference_number" ; lm:value ?value }} }}""")
    assert len(row) == 1
    assert row[0]["verdict"] == LM + "SimulationSupported"
    assert float(row[0]["value"]) == pytest.approx(0.3)
    # xsd:dateTime values come back canonical ("…23.2Z"), so compare them as times, not strings
    start, end = (datetime.fromisoformat(row[0][k]) for k in ("start", "end"))
    assert row[0]["version"].startswith("limech ") and start <= end


def test_prov_records_not_supported_and_condition_dependent_links(store):
    from engine.checks.api import run_check

    res = run_check(store, "fdAnionLiF")
    rows = store.select(f"""SELECT ?p ?link ?verdict ?cond WHERE {{ GRAPH <{CHECKS_GRAPH}> {{
        <{res.run}> lm:hasLinkVerdict ?v . ?v ?p ?link ; lm:verdict ?verdict .
        FILTER(?p IN (lm:aboutLink, lm:viaLink)) OPTIONAL {{ ?v lm:verdictCondition ?cond }} }} }}""")
    by_link = {(r["p"].rsplit("/", 1)[-1], r["link"], r["verdict"]) for r in rows}
    # bound charge -> Li+: no link states it; judged along the path L000_116, L000_117 as a whole
    assert ("viaLink", LM + "L000_117", LM + "ConditionDependent") in by_link
    assert ("aboutLink", LM + "L000_117", LM + "ConditionDependent") not in by_link
    assert ("aboutLink", LM + "L000_114", LM + "SimulationSupported") in by_link    # P_r -> bound charge
    cond = next(r["cond"] for r in rows if r["link"] == LM + "L000_117")
    assert "adsorbed" in cond
    # the links this run does not support are not answered as supported
    supported = {r["link"] for r in store.select((QUERIES_DIR / "simulation_supported_links.rq").read_text())
                 if r["run"] == res.run}
    assert LM + "L000_117" not in supported and LM + "L000_114" in supported


def test_robustness_names_adsorbed_coverage_as_flipping_li_enrichment(store, tmp_path):
    from engine.checks.api import run_check

    seen = []
    res = run_check(store, "fdAnionLiF", samples=24, plot_dir=tmp_path, progress=lambda i, n: seen.append((i, n)),
                    record=False)
    rob = res.robustness
    assert seen[0] == (0, 24) and seen[-1] == (24, 24)
    assert rob.evaluated + rob.failed == 24 and rob.evaluated >= 12
    i = next(k for k, lk in enumerate(res.links) if lk.effect == LM + "InterfacialLiIonConcentration")
    li = rob.links[i]
    # the coverage range [0, 0.3] straddles the critical coverage sigma/(F Gamma_max): the sign holds in part
    assert 0.0 < li.fraction_holds < 1.0
    # enrichment needs theta > P_r (1 - f)/(F Gamma_max): more adsorbed anions or a more compensated
    # bound charge make it hold; these two, and no other parameter, lead the sensitivity
    top = {s.parameter: s for s in li.sensitivity[:2]}
    assert set(top) == {"double_layer.adsorbed_coverage", "double_layer.compensated_fraction"}
    assert all(s.flips and s.spearman > 0.3 and s.holds_high_half > s.holds_low_half for s in top.values())
    assert not any(s.flips for s in li.sensitivity[2:])
    assert set(top) <= set(rob.flipping_parameters)
    assert {p.name for p in tmp_path.iterdir()} == {"fdAnionLiF_chain.png", "fdAnionLiF_states.png",
                                                    "fdAnionLiF_robustness.png"}


def test_executor_map_gives_the_serial_answer(store):
    from engine.checks.api import run_check

    serial = run_check(store, "currentSand", samples=8, record=False).robustness
    with ThreadPoolExecutor(2) as ex:
        pooled = run_check(store, "currentSand", samples=8, executor=ex, record=False).robustness
    assert serial.model_dump() == pooled.model_dump()
    assert serial.fraction_all_hold == 1.0   # t_s ~ J^-2 everywhere in the documented range


def test_sample_task_is_plain_and_picklable():
    import pickle

    from engine.checks.evaluate import sample_task

    out = pickle.loads(pickle.dumps(sample_task))("currentSand", {"depletion.current_density": 20.0})
    assert out["ok"] and out["error"] is None
    lo, hi = out["values"]["depletion.sand_time_numeric"]
    assert lo > hi > 0 and pickle.loads(pickle.dumps(out)) == out


def test_top_hypotheses_checked_and_recorded(store):
    from engine.checks.api import CheckError, check_hypotheses

    hs = check_hypotheses(store, limit=12)
    assert len(hs) == 12
    # ranked as the engine ranks: shortest supporting paths first
    assert [h.length for h in hs] == sorted(h.length for h in hs)
    by_id = {h.id: h for h in hs}
    # model 7: corroded morphology focuses the current where Li plates
    assert by_id["lm:MorphologyDeterioration -> lm:LocalLiDeposition"].verdict == "supported"
    # a pair the chain computes in reverse order is not judged by co-movement
    rev = [h for h in hs if h.note and "upstream" in h.note]
    assert all(h.verdict == "not evaluated" and h.run is None for h in rev)
    runs = {r["r"] for r in store.select(f"""SELECT ?r WHERE {{ GRAPH <{CHECKS_GRAPH}> {{
        ?r a lm:CheckRun ; lm:hasLinkVerdict/lm:fromEntity lm:MorphologyDeterioration ;
           lm:hasLinkVerdict/lm:toEntity lm:LocalLiDeposition ; lm:verdict lm:SimulationSupported }} }}""")}
    assert by_id["lm:MorphologyDeterioration -> lm:LocalLiDeposition"].run in runs
    with pytest.raises(CheckError, match="limit"):
        check_hypotheses(store, limit=0)


def test_prov_to_a_sparql_endpoint_is_a_valid_update(store):
    """Against a remote store (engine.remote_store) the run goes out as one SPARQL INSERT DATA;
    replayed into an empty store it answers the competency query."""
    import pyoxigraph as ox

    from engine.checks import prov
    from engine.checks.api import run_check

    res = run_check(store, "currentSand", record=False)
    res.run = prov.new_run_iri()
    sent = []

    class Endpoint:                       # the update/flush surface of remote_store.SparqlEndpoint
        def update(self, text):
            sent.append(text)

        def flush(self):
            pass

    class Remote:
        store = Endpoint()

    prov.record(Remote(), res)
    assert len(sent) == 1 and sent[0].startswith("INSERT DATA")
    replay = ox.Store()
    replay.update(sent[0])
    rows = list(replay.query((QUERIES_DIR / "simulation_supported_links.rq").read_text()))
    assert {r["link"].value for r in rows} == {LM + "L004_114", LM + "L004_120"}
