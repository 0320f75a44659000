"""The embedded store: built from the sources, reused while they are unchanged, rebuilt
atomically when they change, with check results carried over."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

import engine.store as store_mod
from engine.store import KnowledgeStore
from ontology import ASSERTED_GRAPH, CHECKS_GRAPH, knowledge_files


def _count_files_triples() -> int:
    from rdflib import Graph

    g = Graph()
    for p in knowledge_files():
        g.parse(p)
    return len(g)


def test_store_holds_every_asserted_triple_in_the_asserted_graph(tmp_path):
    ks = KnowledgeStore.open(tmp_path)
    n_files = _count_files_triples()
    # blank nodes are relabelled but not merged, so counts match exactly
    assert ks.graph_size(ASSERTED_GRAPH) == n_files
    assert (tmp_path / "CURRENT").read_text() == ks.path.name


def test_unchanged_sources_reuse_the_store(tmp_path):
    first = KnowledgeStore.open(tmp_path)
    marker = first.path / "marker"
    marker.write_text("x")
    del first
    second = KnowledgeStore.open(tmp_path)
    assert (second.path / "marker").exists()


def test_changed_fingerprint_rebuilds_and_carries_checks(tmp_path, monkeypatch):
    first = KnowledgeStore.open(tmp_path)
    q = ox.Quad(ox.NamedNode("https://w3id.org/limech/check1"), ox.NamedNode("http://www.w3.org/ns/prov#value"),
                ox.Literal("supported"), ox.NamedNode(CHECKS_GRAPH))
    first.store.add(q)
    first.store.flush()
    old_path = first.path
    del first
    monkeypatch.setattr(store_mod, "fingerprint", lambda: "f" * 64)
    second = KnowledgeStore.open(tmp_path)
    assert second.path != old_path and second.path.name == "store-" + "f" * 16
    assert not old_path.exists(), "the superseded store is removed"
    assert q in set(second.store.quads_for_pattern(None, None, None, ox.NamedNode(CHECKS_GRAPH)))


def test_failed_build_leaves_the_current_store_untouched(tmp_path, monkeypatch):
    first = KnowledgeStore.open(tmp_path)
    name = first.path.name
    del first

    def broken_build(target, carry_checks_from=None):
        ox.Store(str(target)).add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_mod, "fingerprint", lambda: "e" * 64)
    monkeypatch.setattr(store_mod, "build", broken_build)
    with pytest.raises(RuntimeError, match="disk full"):
        KnowledgeStore.open(tmp_path)
    assert (tmp_path / "CURRENT").read_text() == name
    assert not (tmp_path / ("store-" + "e" * 16)).exists(), "no half-written store is put in place"
    assert (tmp_path / name).is_dir()
    assert not list(tmp_path.glob(".build-*")), "the partial build is cleaned up"


def test_union_default_graph_and_default_prefixes(kb):
    rows = kb.select("SELECT ?x WHERE { ?x a lm:Ferroelectric }")
    assert "https://w3id.org/limech/BaTiO3" in {r["x"] for r in rows}
    only_checks = kb.select("SELECT ?x WHERE { ?x a lm:Ferroelectric }", union=False)
    assert only_checks == [], "the store's own default graph is empty: knowledge lives in named graphs"


def test_a_store_held_by_another_process_is_opened_read_only(tmp_path):
    import subprocess
    import sys

    KnowledgeStore.open(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from engine.store import KnowledgeStore; "
        f"s = KnowledgeStore.open(r'{tmp_path}'); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        reader = KnowledgeStore.open(tmp_path)
        assert reader.read_only
        assert bool(reader.query("ASK { lm:BaTiO3 a lm:Ferroelectric }"))
        with pytest.raises(OSError, match="in use by another process"):
            reader.replace_graph(CHECKS_GRAPH, [])
    finally:
        holder.kill()
        holder.wait()
