"""Run SPARQL queries in worker processes so that a runaway query can be stopped.

pyoxigraph cannot cancel a query, so the endpoint sends each query to a worker process that
opens the on-disk store read-only. If the answer is not back within the timeout, the worker
is killed and replaced, and the caller gets :class:`QueryTimeout`; other requests are served
by the other workers meanwhile. Workers reopen the store when its generation changes (after
an update or a new check result), so they never answer from a stale snapshot.

An in-memory store (tests, one-off runs) cannot be shared with another process; it is queried
in-process, without a timeout.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from api.sparql_results import serialize_rows
from engine.store import PREFIXES


class QueryTimeout(Exception):
    pass


class WorkerFailed(Exception):
    pass


class ResultLimitExceeded(Exception):
    pass


@dataclass(frozen=True)
class Request:
    query: str
    result_media: str        # media type for SELECT/ASK results
    graph_media: str         # media type for CONSTRUCT/DESCRIBE results
    default_graph: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    limit: int
    generation: int


RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def execute(store: ox.Store, req: Request) -> tuple[str, str, bytes]:
    """Run ``req`` on ``store``: ("ok", media type, body) or ("error", kind, message)."""
    kwargs: dict = {"prefixes": PREFIXES}
    if req.default_graph:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req.default_graph]
    else:
        kwargs["use_default_graph_as_union"] = True
    if req.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        result = store.query(req.query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            return "ok", req.result_media, result.serialize(format=RESULT_FORMATS[req.result_media])
        if isinstance(result, ox.QueryTriples):
            triples = _take(result, req.limit)
            return "ok", req.graph_media, ox.serialize(triples, format=GRAPH_FORMATS[req.graph_media])
        variables = result.variables
        rows = _take(result, req.limit)
        return "ok", req.result_media, serialize_rows(variables, rows, req.result_media)
    except SyntaxError as exc:
        return "error", "syntax", str(exc).encode()
    except ResultLimitExceeded as exc:
        return "error", "limit", str(exc).encode()
    except (ValueError, OSError) as exc:
        return "error", "invalid", str(exc).encode()


def _take(iterator, limit: int) -> list:
    out = []
    for item in iterator:
        out.append(item)
        if len(out) > limit:
            raise ResultLimitExceeded(
                f"the query returns more than {limit} results; add a LIMIT or narrow the pattern")
    return out


def _worker(path: str, conn) -> None:
    store, generation = ox.Store.read_only(path), 0
    conn.send("ready")
    while True:
        req = conn.recv()
        if req is None:
            return
        if req.generation != generation:
            store = ox.Store.read_only(path)
            generation = req.generation
        conn.send(execute(store, req))


class QueryPool:
    """A fixed number of worker processes over the store at ``path``."""

    STARTUP_TIMEOUT = 300.0  # seconds a new worker may take to import and open the store

    def __init__(self, path: str, workers: int = 2):
        self.path = path
        self.ctx = mp.get_context("spawn")
        self.idle: queue.Queue = queue.Queue()
        starting = [self._spawn() for _ in range(workers)]
        for proc, conn in starting:
            self._await_ready(proc, conn)
            self.idle.put((proc, conn))

    def _spawn(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(self.path, child), daemon=True)
        proc.start()
        return proc, parent

    def _await_ready(self, proc, conn) -> None:
        """Block until the worker has imported everything and opened the store: a query's
        timeout counts only the query, never a worker's start-up."""
        if not conn.poll(self.STARTUP_TIMEOUT) or conn.recv() != "ready":
            proc.kill()
            raise WorkerFailed(f"a query worker did not start within {self.STARTUP_TIMEOUT:g} s")

    def _replace(self) -> None:
        """Start a worker in the background and add it to the pool once it is ready."""
        def start():
            proc, conn = self._spawn()
            try:
                self._await_ready(proc, conn)
            except WorkerFailed:
                return self._replace()
            self.idle.put((proc, conn))

        threading.Thread(target=start, daemon=True).start()

    def run(self, req: Request, timeout: float) -> tuple[str, str, bytes]:
        proc, conn = self.idle.get()
        try:
            conn.send(req)
            if conn.poll(timeout):
                out = conn.recv()
                self.idle.put((proc, conn))
                return out
            error: Exception = QueryTimeout(f"the query did not finish within {timeout:g} s and was stopped")
        except (EOFError, BrokenPipeError, OSError) as exc:
            error = WorkerFailed(f"the query worker failed ({type(exc).__name__}); it has been restarted")
        proc.kill()
        proc.join()
        self._replace()
        raise error

    def close(self) -> None:
        while not self.idle.empty():
            proc, conn = self.idle.get_nowait()
            try:
                conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            proc.join(timeout=2)
            if proc.is_alive():
                proc.kill()
