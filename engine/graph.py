"""The causal graph: networkx views of the store's causal links.

* ``links``: a MultiDiGraph with one edge per :class:`CausalLink` (key = link IRI).
* ``steps``: a MultiDiGraph with one edge per (cause, effect, polarity): a *step*. Links
  that state the same cause, effect and sign (several sources saying the same thing) are
  one step whose evidence is that of its best-supported link; opposite signs stay separate
  steps. Paths and loops are enumerated over steps, so agreeing sources do not multiply
  paths.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import pyoxigraph as ox

from engine.statement import CausalLink, Evidence, load_links
from engine.store import KnowledgeStore


@dataclass(frozen=True)
class Step:
    cause: str
    effect: str
    polarity: int
    links: tuple[CausalLink, ...]   # strongest evidence first

    @property
    def evidence(self) -> Evidence:
        return self.links[0].evidence

    @property
    def rank(self) -> int:
        return self.links[0].evidence.rank


def as_knowledge_store(store) -> KnowledgeStore:
    """Accept a :class:`KnowledgeStore` or a bare ``pyoxigraph.Store``."""
    if isinstance(store, KnowledgeStore):
        return store
    if isinstance(store, ox.Store):
        return KnowledgeStore(store, None, "")
    raise TypeError(f"expected a KnowledgeStore or pyoxigraph.Store, got {type(store).__name__}")


class CausalGraph:
    def __init__(self, links: list[CausalLink]):
        self.link_list = links
        self.by_iri = {link.iri: link for link in links}
        self.labels: dict[str, str] = {}
        self.links = nx.MultiDiGraph()
        grouped: dict[tuple[str, str, int], list[CausalLink]] = {}
        for link in links:
            self.labels[link.cause] = link.cause_label
            self.labels[link.effect] = link.effect_label
            self.links.add_edge(link.cause, link.effect, key=link.iri, link=link)
            grouped.setdefault((link.cause, link.effect, link.polarity), []).append(link)
        self._distances: dict[tuple[str, int], dict[str, int]] = {}
        self.cache: dict = {}   # per-graph memo for derived views (e.g. path-step models)
        self.steps = nx.MultiDiGraph()
        for (c, e, pol), group in sorted(grouped.items()):
            group.sort(key=lambda lk: (-lk.evidence.rank, lk.iri))
            self.steps.add_edge(c, e, key=pol, step=Step(c, e, pol, tuple(group)))

    @classmethod
    def from_store(cls, store) -> "CausalGraph":
        return cls(load_links(as_knowledge_store(store)))

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)

    def steps_between(self, cause: str, effect: str) -> list[Step]:
        data = self.steps.get_edge_data(cause, effect) or {}
        return [d["step"] for _, d in sorted(data.items())]

    @cached_property
    def successors(self) -> dict[str, list[Step]]:
        """Adjacency as lists of steps, for fast path enumeration."""
        adj: dict[str, list[Step]] = {n: [] for n in self.steps.nodes}
        for _, _, d in self.steps.edges(data=True):
            adj[d["step"].cause].append(d["step"])
        for lst in adj.values():
            lst.sort(key=lambda s: (s.effect, s.polarity))
        return adj

    @cached_property
    def _reverse(self) -> nx.DiGraph:
        return nx.DiGraph(self.steps).reverse(copy=True)

    def distances_to(self, target: str, cutoff: int) -> dict[str, int]:
        """Fewest steps from every node that can reach ``target`` within ``cutoff`` steps."""
        if target not in self.steps:
            return {}
        key = (target, cutoff)
        if key not in self._distances:
            self._distances[key] = nx.single_source_shortest_path_length(self._reverse, target, cutoff=cutoff)
        return self._distances[key]

    def direct_links(self, cause: str, effect: str) -> list[CausalLink]:
        data = self.links.get_edge_data(cause, effect) or {}
        return [d["link"] for _, d in sorted(data.items())]
