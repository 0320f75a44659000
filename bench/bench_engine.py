"""Benchmark: the rule engine on the full knowledge graph.

Reports, with the graph's size (asserted/inferred triples, links, entities, steps):
* full rule materialisation (CONSTRUCT rules + traced OWL 2 RL, records written), median of
  repeats on fresh in-memory stores; target < 5 s;
* all signed simple paths between two entities (``Engine.effect`` with its result models,
  max_length 6, warm: graph and name index built, one warm-up call): median / p90 / max over
  a fixed sample of random entity pairs (most have no path) and of pairs that are joined by
  at least one path; target median < 50 ms;
* baseline in the same run: networkx ``all_simple_edge_paths`` on the one-edge-per-link graph
  (no merging of agreeing links, no distance pruning, enumeration only), on connected pairs.
Prints one JSON document and writes it to bench/results/bench_engine.json.
Run: .venv/bin/python bench/bench_engine.py [--pairs 300] [--max-length 6]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from engine.api import Engine  # noqa: E402
from engine.inference import materialise  # noqa: E402
from engine.store import KnowledgeStore  # noqa: E402
from ontology import ASSERTED_GRAPH, INFERRED_GRAPH, knowledge_files  # noqa: E402


def asserted_store() -> ox.Store:
    store = ox.Store()
    for path in knowledge_files():
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ASSERTED_GRAPH))
    return store


def count(store: ox.Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def bench_materialise(repeats: int) -> tuple[dict, ox.Store]:
    times, stats, store = [], None, None
    for _ in range(repeats):
        store = asserted_store()
        t0 = time.perf_counter()
        stats = materialise(store)
        times.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(times), "all_s": times, "target_s": 5.0, "stats": stats}, store


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def summary(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"median_ms": statistics.median(ms), "p90_ms": ms[int(0.9 * (len(ms) - 1))], "max_ms": ms[-1]}


def _time_effects(eng: Engine, pairs, max_length: int) -> tuple[list[float], list[int], dict]:
    ms, n_paths, nets = [], [], {}
    for a, b in pairs:
        t0 = time.perf_counter()
        res = eng.effect(a, b, max_length=max_length)
        ms.append(1e3 * (time.perf_counter() - t0))
        n_paths.append(len(res.paths))
        nets[res.net] = nets.get(res.net, 0) + 1
    return ms, n_paths, nets


def bench_paths(store: ox.Store, n_pairs: int, max_length: int, n_baseline: int) -> dict:
    """Random entity pairs (most unconnected) and pairs joined by at least one path."""
    eng = Engine(KnowledgeStore(store, None, ""))
    g = eng.graph
    nodes = sorted(g.steps.nodes)
    rng = random.Random(20260101)
    random_pairs = [tuple(rng.sample(nodes, 2)) for _ in range(n_pairs)]
    reach = [(a, b) for a in nodes for b in nx.single_source_shortest_path_length(g.steps, a, cutoff=max_length)
             if a != b]
    connected = rng.sample(reach, min(n_pairs, len(reach)))
    eng.effect(*connected[0], max_length=max_length)           # warm-up
    out = {"max_length": max_length, "target_median_ms": 50.0, "reachable_ordered_pairs": len(reach)}
    for name, pairs in (("random_pairs", random_pairs), ("connected_pairs", connected)):
        ms, n_paths, nets = _time_effects(eng, pairs, max_length)
        out[name] = {"pairs": len(pairs), **summary(ms), "paths_per_pair_median": statistics.median(n_paths),
                     "paths_per_pair_max": max(n_paths), "net_effects": nets}
    base_pairs = connected[:n_baseline]
    eng_ms, _, _ = _time_effects(eng, base_pairs, max_length)
    base_ms = [1e3 * _timed(lambda a=a, b=b: sum(1 for _ in nx.all_simple_edge_paths(g.links, a, b, cutoff=max_length)))
               for a, b in base_pairs]
    out["baseline_networkx_all_simple_edge_paths"] = {
        "pairs": len(base_pairs), "what": "enumeration only, one edge per link, no pruning, no result models",
        **summary(base_ms)}
    out["engine_on_baseline_pairs"] = summary(eng_ms)
    out["speedup_total"] = sum(base_ms) / max(sum(eng_ms), 1e-9)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--baseline-pairs", type=int, default=30)
    ap.add_argument("--max-length", type=int, default=6)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    mat, store = bench_materialise(args.repeats)
    eng = Engine(KnowledgeStore(store, None, ""))
    size = {"asserted_triples": count(store, ASSERTED_GRAPH), "inferred_graph_quads": count(store, INFERRED_GRAPH),
            "inferred_facts": mat["stats"]["inferred_triples"], "causal_links": len(eng.graph.link_list),
            "entities_in_links": eng.graph.steps.number_of_nodes(), "steps": eng.graph.steps.number_of_edges()}
    out = {"machine": {"cpus": os.cpu_count(), "load_average_1_5_15min": os.getloadavg()},
           "graph": size, "materialise": mat,
           "all_paths": bench_paths(store, args.pairs, args.max_length, args.baseline_pairs)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_engine.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
