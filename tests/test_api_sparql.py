"""SPARQL 1.1 Protocol at /sparql: operations, content negotiation, datasets and errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ontology import ASSERTED_GRAPH, INFERRED_GRAPH

Q = "SELECT ?x WHERE { ?x a lm:Ferroelectric } ORDER BY ?x"
FERRO = {"https://w3id.org/limech/BaTiO3", "https://w3id.org/limech/PZT",
         "https://w3id.org/limech/PVDFTrFE", "https://w3id.org/limech/In2Se3"}


@pytest.fixture(scope="module")
def client(kb):
    return TestClient(create_app(kb))


def _bindings(resp) -> set[str]:
    return {b["x"]["value"] for b in resp.json()["results"]["bindings"]}


def test_get_post_form_and_post_direct_give_the_same_answer(client):
    a = client.get("/sparql", params={"query": Q})
    b = client.post("/sparql", data={"query": Q})
    c = client.post("/sparql", content=Q.encode(), headers={"content-type": "application/sparql-query"})
    for r in (a, b, c):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert FERRO <= _bindings(r)


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv"),
])
def test_select_results_are_negotiated(client, accept, media):
    r = client.get("/sparql", params={"query": Q}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["x"] and FERRO <= {row[0] for row in rows[1:]}


def test_ask_and_construct(client):
    r = client.get("/sparql", params={"query": "ASK { lm:BaTiO3 a lm:Ferroelectric }"})
    assert r.json()["boolean"] is True
    cq = "CONSTRUCT { ?x a lm:Ferroelectric } WHERE { ?x a lm:Ferroelectric }"
    for accept, needle in [("text/turtle", "Ferroelectric"), ("application/n-triples", "<https://w3id.org/limech/PZT>"),
                           ("application/ld+json", '"@id"')]:
        r = client.get("/sparql", params={"query": cq}, headers={"accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept) and needle in r.text
    doc = client.get("/sparql", params={"query": cq}, headers={"accept": "application/ld+json"}).json()
    assert FERRO == {node["@id"] for node in doc}


def test_default_graph_uri_selects_the_dataset(client):
    asserted = client.get("/sparql", params={"query": Q, "default-graph-uri": ASSERTED_GRAPH})
    assert FERRO <= _bindings(asserted)
    inferred_only = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x a lm:CausalLink }",
                                                  "default-graph-uri": INFERRED_GRAPH})
    assert _bindings(inferred_only) == set(), "asserted links never appear in the inferred graph"


def test_named_graphs_are_addressable(client):
    r = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    graphs = {b["g"]["value"] for b in r.json()["results"]["bindings"]}
    assert ASSERTED_GRAPH in graphs


def test_service_description_without_query(client):
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert "sd:Service" in r.text and ASSERTED_GRAPH in r.text


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(params={"query": "SELEKT ?x WHERE {}"}), "syntax error"),
    (dict(params=[("query", Q), ("query", Q)]), "2 'query' parameters"),
    (dict(method="POST", content=b"format=json", headers={"content-type": "application/x-www-form-urlencoded"}),
     "no 'query' parameter"),
    (dict(method="POST", content=b"query=x", headers={"content-type": "text/plain"}), "unsupported content type"),
    (dict(method="POST", content=b"\xff\xfe", headers={"content-type": "application/sparql-query"}), "not valid UTF-8"),
    (dict(params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}), "syntax error"),
])
def test_malformed_requests_are_400_problems(client, kb, kwargs, fragment):
    method = kwargs.pop("method", "GET")
    before = kb.graph_size(ASSERTED_GRAPH)
    r = client.request(method, "/sparql", **kwargs)
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert fragment in r.json()["detail"]
    assert kb.graph_size(ASSERTED_GRAPH) == before, "nothing changes"


def test_unavailable_media_type_is_406(client):
    r = client.get("/sparql", params={"query": Q}, headers={"accept": "image/png"})
    assert r.status_code == 406 and "offered" in r.json()["detail"]


INSERT = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
ASK_INSERTED = "ASK { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"


@pytest.mark.parametrize("kwargs", [
    dict(data={"update": INSERT}),
    dict(content=INSERT.encode(), headers={"content-type": "application/sparql-update"}),
])
def test_updates_are_refused_when_not_enabled(client, kwargs):
    r = client.post("/sparql", **kwargs)
    assert r.status_code == 403 and "disabled" in r.json()["detail"]
    assert client.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is False


def test_updates_need_the_bearer_token_when_enabled():
    from api.config import Settings
    from engine.store import KnowledgeStore

    store = KnowledgeStore.in_memory()
    c = TestClient(create_app(store, Settings(update_enabled=True, token="s3cret")))
    for headers in ({}, {"authorization": "Bearer wrong"}):
        r = c.post("/sparql", data={"update": INSERT}, headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is False, "nothing changes"
    r = c.post("/sparql", data={"update": INSERT}, headers={"authorization": "Bearer s3cret"})
    assert r.status_code == 204
    assert c.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is True
