"""Benchmark: literature scale. Synthetic graphs shaped like the real one (engine.synthetic),
from ~10^4 to ~10^6 triples: load time into pyoxigraph, resident memory, a SPARQL query's
latency and the engine's path query latency, each with its log–log growth exponent.

Ratios: every size is reported against the real knowledge base measured in the same run.
Writes bench/results/bench_scaling.json. Run: .venv/bin/python bench/bench_scaling.py [max_triples]
"""
from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from engine import synthetic  # noqa: E402
from engine.api import Engine  # noqa: E402
from engine.store import KnowledgeStore  # noqa: E402
from ontology import ASSERTED_GRAPH  # noqa: E402

COUNT_LINKS = "SELECT (COUNT(?l) AS ?n) WHERE { ?l a lm:CausalLink ; lm:evidenceLevel/lm:evidenceRank ?r . FILTER(?r <= 3) }"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(store: KnowledgeStore, n_triples: int, load_s: float, mem_mb: float) -> dict:
    t_sparql = []
    for _ in range(5):
        t0 = time.perf_counter()
        store.select(COUNT_LINKS)
        t_sparql.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    eng = Engine(store)
    graph = eng.graph
    build_s = time.perf_counter() - t0
    rng = np.random.default_rng(0)
    nodes = sorted(graph.links.nodes)
    hubs = sorted(nodes, key=lambda n: -graph.links.out_degree(n))[:10]
    lat = []
    for _ in range(20):
        a = hubs[rng.integers(len(hubs))]
        b = nodes[rng.integers(len(nodes))]
        t0 = time.perf_counter()
        eng.effect(a, b, max_length=3)
        lat.append(time.perf_counter() - t0)
    return {"triples": n_triples, "load_s": load_s, "rss_mb": mem_mb,
            "sparql_median_s": statistics.median(t_sparql), "graph_build_s": build_s,
            "paths_median_s": statistics.median(lat), "paths_p95_s": sorted(lat)[int(0.95 * len(lat)) - 1]}


def slope(xs, ys) -> float:
    return float(np.polyfit(np.log(xs), np.log(ys), 1)[0])


def main(max_triples: int = 1_000_000) -> None:
    before = rss_mb()
    t0 = time.perf_counter()
    real = KnowledgeStore.in_memory()          # parse, load and materialise the real knowledge base
    load_s = time.perf_counter() - t0
    real_triples = sum(1 for _ in real.store)
    baseline = measure(real, real_triples, load_s, rss_mb() - before)
    profile = synthetic.profile_from_store(real)
    sizes = [s for s in (10_000, 30_000, 100_000, 300_000, 1_000_000) if s <= max_triples]
    rows = []
    for target in sizes:
        gc.collect()
        before = rss_mb()
        quads = synthetic.generate(profile, synthetic.entities_for(profile, target), seed=1)
        ks = synthetic.synthetic_store(profile, 2, seed=0)   # schema, sources, a token graph
        graph = ox.NamedNode(ASSERTED_GRAPH)
        t0 = time.perf_counter()
        ks.store.extend([ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads])
        load_s = time.perf_counter() - t0
        n = len(quads)
        del quads
        row = measure(ks, n, load_s, rss_mb() - before)
        row["paths_over_real_ratio"] = row["paths_median_s"] / baseline["paths_median_s"]
        row["sparql_over_real_ratio"] = row["sparql_median_s"] / baseline["sparql_median_s"]
        rows.append(row)
        print(json.dumps(row), flush=True)
        del ks
    out = {
        "real": baseline, "synthetic": rows,
        "loglog_exponents": {k: slope([r["triples"] for r in rows], [r[k] for r in rows])
                             for k in ("load_s", "rss_mb", "sparql_median_s", "graph_build_s", "paths_median_s")}
        if len(rows) >= 2 else {},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_scaling.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out["loglog_exponents"], indent=2))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
