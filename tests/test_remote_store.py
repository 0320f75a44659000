"""An external triplestore: a real Oxigraph server on localhost, loaded through the Graph Store
Protocol, answers the engine's and the API's queries exactly as the embedded store does."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from engine.api import Engine
from engine.remote_store import RemoteStore, RemoteStoreError, gsp_url_for, open_store
from engine.statement import load_links

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


@pytest.fixture(scope="module")
def kb(remote):
    """The embedded store built from the same sources as the remote one, at the same moment."""
    from engine.store import KnowledgeStore

    return KnowledgeStore.in_memory()


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    from conftest import _free_port

    port = _free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("oxigraph server did not start: " + proc.stderr.read().decode())
    yield RemoteStore.open(url, reload=True)
    proc.terminate()
    proc.wait(timeout=10)


def test_loaded_graphs_match_the_embedded_store(remote, kb):
    for name in ("asserted", "inferred"):
        iri = f"https://w3id.org/limech/graph/{name}"
        assert remote.graph_size(iri) == kb.graph_size(iri)
    assert remote.remote_fingerprint() == kb.fingerprint


def test_reopening_a_current_store_does_not_reload(remote, monkeypatch):
    monkeypatch.setattr(RemoteStore, "load", lambda self: pytest.fail("reloaded although current"))
    assert RemoteStore.open(remote.url).remote_fingerprint() == remote.fingerprint


def test_engine_answers_are_the_same(remote, kb):
    assert load_links(remote) == load_links(kb)
    a, b = Engine(remote), Engine(kb)
    ea = a.effect("chemical corrosion", "dendrite growth", max_length=4)
    eb = b.effect("chemical corrosion", "dendrite growth", max_length=4)
    assert ea.model_dump() == eb.model_dump() and ea.net == "increases"
    assert a.loops(max_length=4).model_dump() == b.loops(max_length=4).model_dump()
    assert [c.model_dump() for c in a.conflicts()] == [c.model_dump() for c in b.conflicts()]


def test_api_answers_are_the_same(remote, kb):
    ra, rb = TestClient(create_app(remote)), TestClient(create_app(kb))
    for path, params in [("/links", {"source": "doc000"}), ("/entities", {"q": "SEI"}), ("/sources", {}),
                         ("/effects", {"from": "chemical corrosion", "to": "dendrite growth", "max_length": 3})]:
        assert ra.get(path, params=params).json() == rb.get(path, params=params).json(), path
    q = "SELECT ?l WHERE { ?x a lm:Ferroelectric ; rdfs:label ?l } ORDER BY ?l"
    assert ra.get("/sparql", params={"query": q}).json() == rb.get("/sparql", params={"query": q}).json()
    bad = ra.get("/sparql", params={"query": "SELEKT"})
    assert bad.status_code == 400 and "syntax" in bad.json()["detail"]


def test_store_urls_are_checked():
    with pytest.raises(ValueError, match="unknown store 'ftp://x'"):
        open_store("ftp://x")
    with pytest.raises(RemoteStoreError, match="LIMECH_STORE_GSP"):
        gsp_url_for("http://127.0.0.1:1/endpoint")
    with pytest.raises(RemoteStoreError, match="cannot reach"):
        RemoteStore.open("http://127.0.0.1:9/query")
