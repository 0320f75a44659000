"""Benchmark: SPARQL through the HTTP API vs raw pyoxigraph vs rdflib's in-memory graph, and
/effects latency under 50 concurrent clients — all in one run, on loopback.

* For each competency query in ontology/queries/*.rq: median time raw in pyoxigraph (same
  on-disk store, read-only), through `/sparql` (running server, keep-alive client), and in
  rdflib over the same triples. Ratios: api/raw (target ≤ 1.5) and rdflib/raw.
* /effects: 50 client threads, each with its own keep-alive connection, 20 requests each over
  entity pairs of the real graph; p50/p95/p99 latency (target p95 < 20 ms).
Writes bench/results/bench_api.json. Run: .venv/bin/python bench/bench_api.py
"""
from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from ontology import PREFIXES, QUERIES_DIR  # noqa: E402

REPEATS = 15
CLIENTS, PER_CLIENT = 50, 20


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _median(fn, repeats=REPEATS) -> float:
    fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def _serve(data_dir: str):
    port = _port()
    env = dict(os.environ, LIMECH_DATA_DIR=data_dir)
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/sparql", timeout=5)
            return proc, url
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}")
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("server did not start within 600 s")


RDFLIB_BUDGET_S = 60.0


def _rdflib_time(nt_path: str, query: str, conn) -> None:
    from rdflib import Graph

    g = Graph()
    g.parse(nt_path, format="nt")
    list(g.query(query))  # warm
    t0 = time.perf_counter()
    list(g.query(query))
    conn.send(time.perf_counter() - t0)


def rdflib_time(nt_path: str, query: str) -> float | None:
    """One warm run of ``query`` in rdflib over the union of all graphs, in a child process
    stopped after RDFLIB_BUDGET_S (None: over budget)."""
    import multiprocessing as mp

    parent, child = mp.Pipe()
    proc = mp.get_context("fork").Process(target=_rdflib_time, args=(nt_path, query, child))
    proc.start()
    ok = parent.poll(RDFLIB_BUDGET_S)
    result = parent.recv() if ok else None
    proc.kill()
    proc.join()
    return result


def sparql_ratios(url: str, store_path: Path) -> list[dict]:
    raw = ox.Store.read_only(str(store_path))
    nt_path = str(store_path.parent / "union.nt")
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in raw}
    Path(nt_path).write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    client = httpx.Client(timeout=60)
    rows = []
    for rq in sorted(QUERIES_DIR.glob("*.rq")):
        q = rq.read_text()
        t_raw = _median(lambda: list(raw.query(q, use_default_graph_as_union=True, prefixes=PREFIXES)))
        t_api = _median(lambda: client.post(url + "/sparql", data={"query": q},
                                            headers={"accept": "application/sparql-results+json"}).content)
        prefixed = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + q
        t_rdflib = rdflib_time(nt_path, prefixed)
        rows.append({"query": rq.stem, "raw_pyoxigraph_s": t_raw, "api_s": t_api, "rdflib_s": t_rdflib,
                     "api_over_raw_ratio": t_api / t_raw,
                     "rdflib_over_raw_ratio": t_rdflib / t_raw if t_rdflib is not None else None,
                     "rdflib_over_budget": t_rdflib is None, "rdflib_budget_s": RDFLIB_BUDGET_S})
    return rows


def effects_latency(url: str) -> dict:
    pairs = [("chemical corrosion", "dendrite growth"), ("ferroelectric coating", "dendrite growth"),
             ("Li+ transference number", "Sand's time"), ("SEI heterogeneity", "low Coulombic efficiency")]

    def client_run(i: int) -> list[float]:
        out = []
        with httpx.Client(timeout=60) as c:
            for j in range(PER_CLIENT):
                frm, to = pairs[(i + j) % len(pairs)]
                t0 = time.perf_counter()
                r = c.get(url + "/effects", params={"from": frm, "to": to, "max_length": 4})
                out.append(time.perf_counter() - t0)
                r.raise_for_status()
        return out

    with httpx.Client(timeout=60) as c:  # warm the engine's cached graph
        c.get(url + "/effects", params={"from": pairs[0][0], "to": pairs[0][1], "max_length": 4})
    t0 = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        lat = sorted(x for xs in pool.map(client_run, range(CLIENTS)) for x in xs)
    wall = time.perf_counter() - t0
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]  # noqa: E731
    return {"clients": CLIENTS, "requests": len(lat), "p50_ms": 1e3 * q(0.50), "p95_ms": 1e3 * q(0.95),
            "p99_ms": 1e3 * q(0.99), "throughput_per_s": len(lat) / wall, "target_p95_ms": 20.0}


def main() -> None:
    with tempfile.TemporaryDirectory(dir=RESULTS if RESULTS.exists() else None) as tmp:
        proc, url = _serve(tmp)
        try:
            store_path = next(Path(tmp).glob("store-*"))
            rows = sparql_ratios(url, store_path)
            effects = effects_latency(url)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    out = {
        "sparql": rows,
        "sparql_summary": {
            "median_api_over_raw_ratio": statistics.median(r["api_over_raw_ratio"] for r in rows),
            "max_api_over_raw_ratio": max(r["api_over_raw_ratio"] for r in rows),
            "median_rdflib_over_raw_ratio": statistics.median(
                r["rdflib_over_raw_ratio"] if r["rdflib_over_raw_ratio"] is not None else float("inf") for r in rows),
            "target_api_over_raw_ratio": 1.5,
        },
        "effects": effects,
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_api.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
