"""Benchmark: SPARQL through the HTTP API vs raw pyoxigraph vs rdflib's in-memory graph, and
/effects latency under 50 concurrent clients against a trivial route of the same server — all in
one run, on loopback.

* For each competency query in ontology/queries/*.rq: median time raw in pyoxigraph (same
  on-disk store, read-only), through `/sparql` (running server, keep-alive client), and in
  rdflib over the same triples. Ratios: api/raw (target ≤ 1.5) and rdflib/raw.
* /effects (target p95 ≤ 20 ms with 50 clients): the server is `limech serve` as `make run` starts
  it (one uvicorn process; uvloop + httptools when installed). The load comes from
  bench/_http_load.py in a separate process (one event loop, 50 keep-alive connections, ~0.1 ms
  of client CPU a request), so the load generator's own cost is not counted as server latency:
  - closed loop, 50 clients with no think time, /effects over 4 entity pairs of the real graph
    and /health (a constant answer: the cost of the HTTP stack itself); effects/health ratios of
    p95 and of the server's CPU time per request (from /proc); the same against
    `limech serve --no-access-log` and against the same app on uvicorn's plain asyncio + h11
    stack (what uvicorn[standard] buys: uvloop_over_asyncio_* ratios); the three servers run
    side by side and are measured in interleaved ROUNDS, so they meet the same background load;
  - open loop at fixed arrival rates (latency from the scheduled arrival);
  - the previous load generator (50 httpx threads inside this process) for continuity with
    earlier results: there the client competes with the server for the 2 cores.
  With 50 closed-loop clients, mean latency = 50 / throughput (Little's law), so p95 ≤ 20 ms
  needs at least 2500 requests/s; the report compares that with what /health reaches.
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from _http_load import description, summarise  # noqa: E402
from ontology import PREFIXES, QUERIES_DIR  # noqa: E402

REPEATS = 15
CLIENTS, PER_CLIENT, ROUNDS = 50, 40, 5   # per round and server: 2000 requests to /effects, 2000 to /health
LEGACY_PER_CLIENT = 20                    # the earlier benchmark's 1000 requests
OPEN_RATES = (500.0, 1000.0)              # requests/s offered in the open-loop runs, 4 s each
TARGET_P95_MS = 20.0
LOAD = Path(__file__).resolve().parent / "_http_load.py"
PAIRS = [("chemical corrosion", "dendrite growth"), ("ferroelectric coating", "dendrite growth"),
         ("Li+ transference number", "Sand's time"), ("SEI heterogeneity", "low Coulombic efficiency")]


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


# the same app as `limech serve` on the stack uvicorn uses without uvicorn[standard]'s extras
PLAIN_STACK = ("import uvicorn; from api.app import create_app; "
               "uvicorn.run(create_app(), host='127.0.0.1', port={port}, loop='asyncio', http='h11', log_level='info')")


def _serve(data_dir: str, *flags: str, plain_stack: bool = False):
    port = _port()
    env = dict(os.environ, LIMECH_DATA_DIR=data_dir)
    cmd = ["-c", PLAIN_STACK.format(port=port)] if plain_stack else ["-m", "api.cli", "serve", "--port", str(port), *flags]
    proc = subprocess.Popen([sys.executable, *cmd], cwd=ROOT, env=env,
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


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load(pid: int, mode: str, url: str, paths: list[str], *args) -> dict:
    """One run of the load generator in its own process, with the server's CPU time it caused."""
    cpu0 = _cpu_s(pid)
    res = subprocess.run([sys.executable, str(LOAD), mode, url, json.dumps(paths), *map(str, args)],
                         capture_output=True, text=True, check=True)
    run = json.loads(res.stdout)
    run["server_cpu_s"] = _cpu_s(pid) - cpu0
    return run


def _summary(runs: list[dict]) -> dict:
    out = summarise(runs)
    out.pop("server_cpu_s", None)   # the first run's; the per-request figure below covers them all
    out["server_cpu_ms_per_request"] = 1e3 * sum(r["server_cpu_s"] for r in runs) / out["requests"]
    return out


def effects_paths() -> list[str]:
    return ["/effects?" + urlencode({"from": f, "to": t, "max_length": 4}) for f, t in PAIRS]


def closed_loops(servers: dict[str, tuple[str, int]]) -> dict[str, dict]:
    """/effects and /health on every server (name -> (url, pid)), 50 closed-loop clients each,
    interleaved in ROUNDS so that every server meets the same background load on the machine."""
    runs = {name: {"effects": [], "health": []} for name in servers}
    for url, _ in servers.values():
        httpx.get(url + effects_paths()[0], timeout=600)   # build the engine's graph before timing
    for _ in range(ROUNDS):
        for name, (url, pid) in servers.items():
            runs[name]["health"].append(_load(pid, "closed", url, ["/health"], CLIENTS, PER_CLIENT))
            runs[name]["effects"].append(_load(pid, "closed", url, effects_paths(), CLIENTS, PER_CLIENT))
    out = {}
    for name, r in runs.items():
        effects, health = _summary(r["effects"]), _summary(r["health"])
        out[name] = {"effects": effects, "trivial_health": health,
                     "effects_over_health_p95_ratio": effects["p95_ms"] / health["p95_ms"],
                     "effects_over_health_server_cpu_ratio":
                         effects["server_cpu_ms_per_request"] / health["server_cpu_ms_per_request"]}
    return out


def legacy_thread_client(url: str) -> dict:
    """The earlier measurement: 50 httpx client threads in this process, 20 requests each."""
    def client_run(i: int) -> list[float]:
        out = []
        with httpx.Client(timeout=60) as c:
            for j in range(LEGACY_PER_CLIENT):
                frm, to = PAIRS[(i + j) % len(PAIRS)]
                t0 = time.perf_counter()
                r = c.get(url + "/effects", params={"from": frm, "to": to, "max_length": 4})
                out.append(time.perf_counter() - t0)
                r.raise_for_status()
        return out

    t0 = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        lat = sorted(x for xs in pool.map(client_run, range(CLIENTS)) for x in xs)
    wall = time.perf_counter() - t0
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]  # noqa: E731
    return {"client": "50 httpx.Client threads in the benchmark process (competing with the server for CPU)",
            "clients": CLIENTS, "requests": len(lat), "p50_ms": 1e3 * q(0.50), "p95_ms": 1e3 * q(0.95),
            "p99_ms": 1e3 * q(0.99), "throughput_per_s": len(lat) / wall}


def effects_latency(servers: dict[str, tuple[str, int]]) -> dict:
    """``servers``: "default" (`limech serve`), "no_access_log", "asyncio_h11" -> (url, pid)."""
    load_average = os.getloadavg()[0]      # other work on the machine shares its cores
    closed = closed_loops(servers)
    url, pid = servers["default"]
    needed = CLIENTS / (TARGET_P95_MS / 1e3)
    opened = [_summary([_load(pid, "open", url, effects_paths(), rate, 4, CLIENTS)]) for rate in OPEN_RATES]
    default, plain = closed["default"], closed["asyncio_h11"]
    return {
        "load_setup": {"server_processes": 1, "server_event_loop": _server_stack(), "clients": CLIENTS,
                       "load_generator_processes": 1, "closed_loop_rounds": ROUNDS,
                       "requests_per_client_per_round": PER_CLIENT, "load_generator": description(),
                       "cpus": os.cpu_count(), "load_average_1min_at_start": load_average},
        "target_p95_ms": TARGET_P95_MS,
        **default,
        "littles_law": {"min_throughput_for_target_per_s": needed,
                        "health_throughput_over_needed_ratio": default["trivial_health"]["throughput_per_s"] / needed,
                        "effects_throughput_over_needed_ratio": default["effects"]["throughput_per_s"] / needed},
        "open_loop": {f"at_{int(r['offered_per_s'])}_per_s": r for r in opened},
        "no_access_log": closed["no_access_log"],
        "asyncio_h11": plain,
        "uvloop_over_asyncio_effects_throughput_ratio":
            default["effects"]["throughput_per_s"] / plain["effects"]["throughput_per_s"],
        "uvloop_over_asyncio_effects_server_cpu_ratio":
            default["effects"]["server_cpu_ms_per_request"] / plain["effects"]["server_cpu_ms_per_request"],
        "legacy_thread_client": legacy_thread_client(url),
    }


def _server_stack() -> str:
    from importlib.util import find_spec

    fast = find_spec("uvloop") is not None and find_spec("httptools") is not None
    return "uvloop + httptools" if fast else "asyncio + h11"


def _stop(proc) -> None:
    proc.terminate()
    proc.wait(timeout=20)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=RESULTS if RESULTS.exists() else None) as tmp:
        proc, url = _serve(tmp)
        servers = {"default": (url, proc.pid)}
        procs = [proc]
        try:
            store_path = next(Path(tmp).glob("store-*"))
            rows = sparql_ratios(url, store_path)
            # the variants open the same (already built) store; idle while another is measured
            for name, flags, plain in (("no_access_log", ("--no-access-log",), False), ("asyncio_h11", (), True)):
                proc, url = _serve(tmp, *flags, plain_stack=plain)
                procs.append(proc)
                servers[name] = (url, proc.pid)
            effects = effects_latency(servers)
        finally:
            for proc in procs:
                _stop(proc)
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
