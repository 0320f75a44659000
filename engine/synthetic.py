"""A synthetic knowledge graph shaped like the real one, for measuring scale.

The generator reads the real graph's profile: entities per category, the out- and in-degree
distributions of the causal graph, and the shares of signs, evidence levels and source
documents. It then draws a graph of any size with the same schema (every link a full
lm:CausalLink with source location, quote, mechanism and its RO edge): degrees are sampled
from the empirical distributions and wired by a directed configuration model, so hubs stay
hubs as the graph grows. Seeded: the same seed and size give the same graph.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pyoxigraph as ox

from engine.statement import CausalLink

LM = "https://w3id.org/limech/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
RO = {1: ox.NamedNode("http://purl.obolibrary.org/obo/RO_0002304"),
      -1: ox.NamedNode("http://purl.obolibrary.org/obo/RO_0002305")}
SIGN_IRI = {"increases": "Increases", "decreases": "Decreases", "enables": "Enables",
            "prevents": "Prevents", "converts to": "ConvertsTo"}


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(LM + local)


@dataclass(frozen=True)
class Profile:
    """What the generator copies from the real graph."""

    categories: dict[str, float]      # entity class id -> share
    out_degree: np.ndarray            # per entity with links
    in_degree: np.ndarray
    signs: dict[str, float]           # sign label -> share
    evidence: dict[str, float]        # evidence level IRI -> share
    documents: dict[str, float]       # document IRI -> share
    links_per_entity: float

    @classmethod
    def from_links(cls, links: list[CausalLink], categories: dict[str, str]) -> "Profile":
        out_deg, in_deg = Counter(), Counter()
        for k in links:
            out_deg[k.cause] += 1
            in_deg[k.effect] += 1
        nodes = sorted(set(out_deg) | set(in_deg))
        if not nodes:
            raise ValueError("the real graph has no causal links to take a profile from")

        def shares(values) -> dict:
            c = Counter(values)
            total = sum(c.values())
            return {k: v / total for k, v in sorted(c.items())}

        return cls(
            categories=shares(categories.get(n, "Entity") for n in nodes),
            out_degree=np.array([out_deg[n] for n in nodes]), in_degree=np.array([in_deg[n] for n in nodes]),
            signs=shares(k.sign for k in links), evidence=shares(k.evidence.level for k in links),
            documents=shares(next(iter(sorted(k.documents))) for k in links),
            links_per_entity=len(links) / len(nodes),
        )


def _choice(rng, table: dict[str, float], size: int) -> np.ndarray:
    keys = list(table)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=np.array(list(table.values())))]


def generate(profile: Profile, n_entities: int, seed: int = 0) -> list[ox.Quad]:
    """Quads (default graph) of a synthetic graph with ``n_entities`` entities."""
    if n_entities < 2:
        raise ValueError(f"n_entities must be at least 2, got {n_entities}")
    rng = np.random.default_rng(seed)
    out_d = rng.choice(profile.out_degree, size=n_entities)
    in_d = rng.choice(profile.in_degree, size=n_entities)
    # equal stub counts: trim the larger side at random
    diff = int(out_d.sum() - in_d.sum())
    big = out_d if diff > 0 else in_d
    for _ in range(abs(diff)):
        idx = np.flatnonzero(big > 0)
        big[rng.choice(idx)] -= 1
    causes = rng.permutation(np.repeat(np.arange(n_entities), out_d))
    effects = rng.permutation(np.repeat(np.arange(n_entities), in_d))
    keep = causes != effects
    causes, effects = causes[keep], effects[keep]
    n_links = len(causes)
    cats = _choice(rng, profile.categories, n_entities)
    signs = _choice(rng, profile.signs, n_links)
    evid = _choice(rng, profile.evidence, n_links)
    docs = _choice(rng, profile.documents, n_links)

    quads: list[ox.Quad] = []
    add = quads.append
    for i in range(n_entities):
        e = _n(f"syn/E{i}")
        add(ox.Quad(e, RDF_TYPE, _n(cats[i])))
        add(ox.Quad(e, RDFS_LABEL, ox.Literal(f"synthetic entity {i}")))
    link_cls, cause, effect = _n("CausalLink"), _n("cause"), _n("effect")
    sign_p, ev_p, mech, quote = _n("sign"), _n("evidenceLevel"), _n("mechanism"), _n("quote")
    has_src, doc_p, sec_p, src_cls = _n("hasSource"), _n("document"), _n("section"), _n("SourceLocation")
    cited_p, cited_level = _n("citedReference"), LM + "LiteratureCitedAssertion"
    polarity = {"increases": 1, "enables": 1, "converts to": 1, "decreases": -1, "prevents": -1}
    for j in range(n_links):
        link, c, e = _n(f"syn/L{j}"), _n(f"syn/E{causes[j]}"), _n(f"syn/E{effects[j]}")
        loc = ox.BlankNode()
        add(ox.Quad(link, RDF_TYPE, link_cls))
        add(ox.Quad(link, cause, c))
        add(ox.Quad(link, effect, e))
        add(ox.Quad(link, sign_p, _n(SIGN_IRI[signs[j]])))
        add(ox.Quad(link, ev_p, ox.NamedNode(evid[j])))
        add(ox.Quad(link, mech, ox.Literal(f"synthetic mechanism {j}")))
        add(ox.Quad(link, quote, ox.Literal(f"synthetic quote {j}")))
        add(ox.Quad(link, has_src, loc))
        add(ox.Quad(loc, RDF_TYPE, src_cls))
        add(ox.Quad(loc, doc_p, ox.NamedNode(docs[j])))
        add(ox.Quad(loc, sec_p, ox.Literal(str(1 + j % 5))))
        add(ox.Quad(c, RO[polarity[signs[j]]], e))
        if evid[j] == cited_level:   # as the shapes require: a literature-cited claim names its reference
            add(ox.Quad(link, cited_p, ox.Literal(str(1 + j % 200), datatype=XSD_INTEGER)))
    return quads


def triples_per_entity(profile: Profile) -> float:
    """Triples the generator writes per entity (2 per entity + 12 per link, + 1 per cited link)."""
    cited = profile.evidence.get(LM + "LiteratureCitedAssertion", 0.0)
    return 2 + (12 + cited) * profile.links_per_entity


def entities_for(profile: Profile, n_triples: int) -> int:
    return max(2, int(round(n_triples / triples_per_entity(profile))))


def profile_from_store(store) -> Profile:
    """The profile of the knowledge base in ``store``."""
    from engine import catalog
    from engine.statement import load_links

    cats = {e.iri: (e.categories[0] if e.categories else "Entity") for e in catalog.entities(store)}
    return Profile.from_links(load_links(store), cats)


def synthetic_store(profile: Profile, n_entities: int, seed: int = 0, with_schema: bool = True):
    """An in-memory KnowledgeStore holding the schema and sources plus a synthetic graph in the
    asserted graph, ready for the engine."""
    from engine.store import KnowledgeStore
    from ontology import ASSERTED_GRAPH, ONTOLOGY_DIR

    store = ox.Store()
    g = ox.NamedNode(ASSERTED_GRAPH)
    if with_schema:
        for name in ("schema.ttl", "sources.ttl"):
            store.load(path=str(ONTOLOGY_DIR / name), format=ox.RdfFormat.TURTLE, to_graph=g)
    store.extend([ox.Quad(q.subject, q.predicate, q.object, g) for q in generate(profile, n_entities, seed)])
    return KnowledgeStore(store, None, f"synthetic-{n_entities}-{seed}")
