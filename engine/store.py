"""The embedded knowledge store: pyoxigraph on disk, rebuilt when the ontology changes.

Layout under the data directory (``$LIMECH_DATA_DIR``, default ``<project>/.limech``)::

    store-<fingerprint>/   a complete pyoxigraph store
    CURRENT                name of the store in use (replaced atomically)

A store is built in a temporary directory and renamed into place only when complete, so a
reader never sees a half-written store. The fingerprint hashes the ontology sources and the
rule files, so editing either triggers a rebuild. Simulation-check results (their own named
graph) are carried over from the previous store.

Named graphs: asserted knowledge, inferred facts, check results (see ``ontology``). Queries
run with the union of all graphs as default graph unless told otherwise.
"""
from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from ontology import (
    ASSERTED_GRAPH, CHECKS_GRAPH, INFERRED_GRAPH, PREFIXES, PROJECT_DIR, RULES_DIR,
    content_hash, knowledge_files,
)

# Steps run on a freshly loaded store, as "module:function" taking the pyoxigraph.Store.
BUILD_STEPS: tuple[str, ...] = ("engine.inference:materialise",)

GRAPHS = {"asserted": ASSERTED_GRAPH, "inferred": INFERRED_GRAPH, "checks": CHECKS_GRAPH}


def data_dir() -> Path:
    return Path(os.environ.get("LIMECH_DATA_DIR", PROJECT_DIR / ".limech"))


def _engine_sources(module: str) -> set[Path]:
    """The file of ``module`` and of every ``engine``/``ontology`` module it imports, transitively
    (read from the source with ast, so the answer does not depend on what is already imported)."""
    import ast
    import importlib.util

    seen: set[Path] = set()
    todo = [module]
    while todo:
        spec = importlib.util.find_spec(todo.pop())
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            continue
        path = Path(spec.origin)
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
            todo += [n for n in names if n.split(".")[0] in ("engine", "ontology")]
    return seen


def fingerprint() -> str:
    rules = sorted(RULES_DIR.rglob("*")) if RULES_DIR.is_dir() else []
    code = set().union(*(_engine_sources(s.split(":")[0]) for s in BUILD_STEPS)) if BUILD_STEPS else set()
    return content_hash([p for p in rules if p.is_file()] + sorted(code))


def _run_step(spec: str) -> Callable[[ox.Store], object]:
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)


def build(target: Path, carry_checks_from: ox.Store | None = None) -> None:
    """Build a complete store at ``target`` (which must not exist)."""
    store = ox.Store(str(target))
    graph = ox.NamedNode(ASSERTED_GRAPH)
    for path in knowledge_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    for spec in BUILD_STEPS:
        _run_step(spec)(store)
    if carry_checks_from is not None:
        checks = ox.NamedNode(CHECKS_GRAPH)
        store.extend(list(carry_checks_from.quads_for_pattern(None, None, None, checks)))
    store.flush()
    del store


class KnowledgeStore:
    """The embedded store, opened at its current fingerprint (built if needed)."""

    _lock = threading.Lock()

    def __init__(self, store: ox.Store, path: Path | None, fingerprint: str, read_only: bool = False):
        self.store = store
        self.path = path
        self.fingerprint = fingerprint
        self.read_only = read_only   # True when another process holds the on-disk store

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, directory: Path | None = None, rebuild: bool = False) -> "KnowledgeStore":
        directory = Path(directory or data_dir())
        directory.mkdir(parents=True, exist_ok=True)
        fp = fingerprint()
        name = f"store-{fp[:16]}"
        target = directory / name
        with cls._lock:
            if rebuild or not target.is_dir():
                previous = cls._current(directory)
                old = ox.Store.read_only(str(previous)) if previous is not None and previous != target else None
                tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=directory)) / "store"
                try:
                    build(tmp, carry_checks_from=old)
                    del old
                    if target.is_dir():
                        shutil.rmtree(target)
                    os.replace(tmp, target)
                finally:
                    shutil.rmtree(tmp.parent, ignore_errors=True)
                pointer = directory / "CURRENT"
                tmp_pointer = directory / f".CURRENT.{os.getpid()}"
                tmp_pointer.write_text(name)
                os.replace(tmp_pointer, pointer)
                for stale in directory.glob("store-*"):
                    if stale.name != name:
                        shutil.rmtree(stale, ignore_errors=True)
        try:
            return cls(ox.Store(str(target)), target, fp)
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise
            # another process (a running server) holds the store: read it, do not write it
            return cls(ox.Store.read_only(str(target)), target, fp, read_only=True)

    @classmethod
    def in_memory(cls) -> "KnowledgeStore":
        """A throw-away store with the same content (for tests and one-off runs)."""
        store = ox.Store()
        graph = ox.NamedNode(ASSERTED_GRAPH)
        for path in knowledge_files():
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
        for spec in BUILD_STEPS:
            _run_step(spec)(store)
        return cls(store, None, fingerprint())

    @staticmethod
    def _current(directory: Path) -> Path | None:
        pointer = directory / "CURRENT"
        if not pointer.is_file():
            return None
        path = directory / pointer.read_text().strip()
        return path if path.is_dir() else None

    # ------------------------------------------------------------------ access
    def query(self, sparql: str, union: bool = True, **kwargs):
        """Run a SPARQL query; by default over the union of all named graphs.

        The common prefixes (``ontology.PREFIXES``: lm, rdfs, skos, obo, qudt, ...) need no
        declaration; a query's own PREFIX lines take precedence.
        """
        if "default_graph" in kwargs:
            union = False
        kwargs.setdefault("prefixes", PREFIXES)
        return self.store.query(sparql, use_default_graph_as_union=union, **kwargs)

    def select(self, sparql: str, union: bool = True) -> list[dict[str, object]]:
        """SELECT results as a list of {variable: python value} rows (IRIs and literals as str)."""
        res = self.query(sparql, union=union)
        names = [v.value for v in res.variables]
        rows = []
        for sol in res:
            row = {}
            for n in names:
                term = sol[n]
                row[n] = None if term is None else term.value
            rows.append(row)
        return rows

    def graph_size(self, graph_iri: str) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def replace_graph(self, graph_iri: str, triples) -> None:
        if self.read_only:
            raise OSError(f"the store at {self.path} is in use by another process (a running server?) "
                          "and is open read-only here")
        g = ox.NamedNode(graph_iri)
        self.store.remove_graph(g) if self.store.contains_named_graph(g) else None
        self.store.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in triples])
        self.store.flush()
