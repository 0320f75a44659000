"""The running server with real SPARQL clients: SPARQLWrapper, rdflib's SPARQLStore; a runaway
query is stopped while other requests are still answered; oversized results are refused."""
from __future__ import annotations

import threading
import time

import httpx
import pytest

FERRO = "SELECT ?x WHERE { ?x a <https://w3id.org/limech/Ferroelectric> }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_sparqlwrapper_client(live_server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    sw = SPARQLWrapper(live_server + "/sparql")
    sw.setQuery(FERRO)
    sw.setReturnFormat(JSON)
    values = {b["x"]["value"] for b in sw.query().convert()["results"]["bindings"]}
    assert "https://w3id.org/limech/BaTiO3" in values


def test_rdflib_sparqlstore_client(live_server):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(live_server + "/sparql", returnFormat="json"))
    rows = {str(r[0]) for r in g.query(FERRO)}
    assert "https://w3id.org/limech/PZT" in rows


def test_runaway_query_is_stopped_and_the_server_keeps_answering(live_server):
    result = {}

    def runaway():
        r = httpx.get(live_server + "/sparql", params={"query": RUNAWAY}, timeout=120)
        result.update(status=r.status_code, body=r.json(), done=time.monotonic())

    th = threading.Thread(target=runaway)
    th.start()
    time.sleep(0.3)
    quick = httpx.get(live_server + "/sparql", params={"query": FERRO}, timeout=30)
    quick_done = time.monotonic()
    assert quick.status_code == 200
    th.join(timeout=120)
    assert quick_done < result["done"], "another worker answered while the runaway query still ran"
    assert result["status"] == 503
    assert "did not finish within 2 s" in result["body"]["detail"]
    after = httpx.get(live_server + "/sparql", params={"query": FERRO}, timeout=10)
    assert after.status_code == 200, "the server still answers after stopping the query"


def test_result_limit(live_server):
    r = httpx.get(live_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 400 and "more than 2000 results" in r.json()["detail"]
    ok = httpx.get(live_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2000"},
                   headers={"accept": "text/csv"}, timeout=30)
    assert ok.status_code == 200 and len(ok.text.strip().splitlines()) == 2001


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "text/tab-separated-values"])
def test_pool_formats(live_server, accept):
    r = httpx.get(live_server + "/sparql", params={"query": FERRO}, headers={"accept": accept}, timeout=10)
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert "BaTiO3" in r.text
