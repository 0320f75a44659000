"""HTTP load generator for bench_api.py, run in its own process so that its CPU time is never
counted as server latency (on loopback, client and server share the machine's cores).

One asyncio event loop (uvloop when installed) drives N keep-alive HTTP/1.1 connections written
and parsed by hand (request line + Host; response read by Content-Length): about 0.1 ms of client
CPU a request, against about 2 ms for an httpx client, so the client is not what saturates first.
Every response must be 200 and byte-identical to the reference body fetched before the run.

    closed:  CLIENTS connections, each sending its next request as soon as the last one is read
             (zero think time): latency = in-flight / throughput (Little's law).
    open:    requests arrive at a fixed rate (Poisson) and take any free connection; latency is
             measured from the scheduled arrival, so a slow server is not hidden by a client that
             waits before it sends (coordinated omission).

    python bench/_http_load.py closed URL PATHS_JSON CLIENTS PER_CLIENT
    python bench/_http_load.py open URL PATHS_JSON RATE SECONDS CONNECTIONS
prints one JSON object: every latency (s), the wall time and the client's CPU time; summarise()
pools runs into percentiles (ms), throughput and client CPU per request.
"""
from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import time
import urllib.request
from urllib.parse import urlsplit


class Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, url: str) -> "Conn":
        parts = urlsplit(url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        return cls(reader, writer, f"{parts.hostname}:{parts.port}")

    async def get(self, path: str) -> tuple[int, bytes]:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                raise RuntimeError(f"{path}: chunked responses are not supported by this client")
        if length is None:
            raise RuntimeError(f"{path}: response without Content-Length")
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


def references(url: str, paths: list[str]) -> dict[str, bytes]:
    out = {}
    for p in paths:
        with urllib.request.urlopen(url + p, timeout=600) as r:
            out[p] = r.read()
    return out


def _raw(lat: list[float], wall: float, cpu0, extra: dict) -> dict:
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
    return {**extra, "latencies_s": lat, "wall_s": wall, "client_cpu_s": cpu}


def summarise(runs: list[dict]) -> dict:
    """Percentiles of the pooled latencies of ``runs`` (ms), their throughput and the client's CPU."""
    lat = sorted(x for r in runs for x in r["latencies_s"])
    wall, cpu = sum(r["wall_s"] for r in runs), sum(r["client_cpu_s"] for r in runs)
    q = lambda p: 1e3 * lat[min(len(lat) - 1, int(p * len(lat)))]  # noqa: E731
    extra = {k: v for k, v in runs[0].items() if k not in ("latencies_s", "wall_s", "client_cpu_s")}
    return {**extra, "requests": len(lat), "p50_ms": q(0.50), "p95_ms": q(0.95), "p99_ms": q(0.99),
            "max_ms": 1e3 * lat[-1], "throughput_per_s": len(lat) / wall,
            "client_cpu_ms_per_request": 1e3 * cpu / len(lat)}


def _check(path: str, status: int, body: bytes, ref: dict[str, bytes]) -> None:
    if status != 200 or body != ref[path]:
        raise RuntimeError(f"{path}: status {status}, {len(body)} bytes differ from the reference answer")


async def closed(url: str, paths: list[str], clients: int, per_client: int) -> dict:
    ref = references(url, paths)
    conns = [await Conn.open(url) for _ in range(clients)]
    lat: list[float] = []

    async def client(i: int, conn: Conn) -> None:
        for j in range(per_client):
            path = paths[(i + j) % len(paths)]
            t0 = time.perf_counter()
            status, body = await conn.get(path)
            lat.append(time.perf_counter() - t0)
            _check(path, status, body, ref)

    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    await asyncio.gather(*(client(i, c) for i, c in enumerate(conns)))
    wall = time.perf_counter() - t0
    for c in conns:
        c.close()
    return _raw(lat, wall, cpu0, {"mode": "closed loop", "clients": clients})


async def open_loop(url: str, paths: list[str], rate: float, seconds: float, connections: int) -> dict:
    ref = references(url, paths)
    idle: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(connections):
        idle.put_nowait(await Conn.open(url))
    lat: list[float] = []
    rng = random.Random(1)
    n = int(rate * seconds)

    async def one(k: int, due: float) -> None:
        conn = await idle.get()
        path = paths[k % len(paths)]
        status, body = await conn.get(path)
        lat.append(time.perf_counter() - due)     # from the scheduled arrival, queueing included
        idle.put_nowait(conn)
        _check(path, status, body, ref)

    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = due = time.perf_counter()
    tasks = []
    for k in range(n):
        due += rng.expovariate(rate)
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.ensure_future(one(k, due)))
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - t0
    while not idle.empty():
        idle.get_nowait().close()
    return _raw(lat, wall, cpu0, {"mode": "open loop (Poisson arrivals)", "offered_per_s": rate,
                                      "connections": connections})


def event_loop_name() -> str:
    try:
        import uvloop  # noqa: F401
        return "uvloop"
    except ImportError:
        return "asyncio"


def description() -> str:
    return (f"bench/_http_load.py in its own process: one {event_loop_name()} event loop, "
            "hand-written HTTP/1.1 keep-alive connections")


def main(argv: list[str]) -> None:
    mode, url, paths = argv[0], argv[1], json.loads(argv[2])
    if mode == "closed":
        job = closed(url, paths, int(argv[3]), int(argv[4]))
    elif mode == "open":
        job = open_loop(url, paths, float(argv[3]), float(argv[4]), int(argv[5]))
    else:
        raise SystemExit(f"mode must be 'closed' or 'open', got {mode!r}")
    if event_loop_name() == "uvloop":
        import uvloop
        out = uvloop.run(job)
    else:
        out = asyncio.run(job)
    out["client"] = description()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
