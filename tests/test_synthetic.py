"""The synthetic knowledge graph: same schema as the real one, the real degree profile,
reproducible from its seed, and usable by the engine."""
from __future__ import annotations

import numpy as np
import pyoxigraph as ox
import pytest
from rdflib import Graph

from engine import synthetic
from engine.api import Engine
from engine.validate import check_shacl
from ontology import ONTOLOGY_DIR


@pytest.fixture(scope="module")
def profile(kb):
    return synthetic.profile_from_store(kb)


def test_profile_is_taken_from_the_real_graph(profile, kb):
    from engine.statement import load_links

    links = load_links(kb)
    assert profile.out_degree.sum() == len(links) == profile.in_degree.sum()
    assert abs(sum(profile.signs.values()) - 1) < 1e-12
    assert set(profile.documents) <= {f"https://w3id.org/limech/doc00{i}" for i in range(5)}


def test_same_seed_same_graph_other_seed_other_graph(profile):
    a = synthetic.generate(profile, 300, seed=7)
    b = synthetic.generate(profile, 300, seed=7)
    c = synthetic.generate(profile, 300, seed=8)
    def named(quads):  # blank nodes (source locations) are fresh in every run
        return [(q.subject.value, q.predicate.value, q.object.value) for q in quads
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)]

    assert named(a) == named(b) and named(a) != named(c)
    assert len(a) == len(b)


def test_size_and_degree_profile_scale(profile):
    n = 2000
    quads = synthetic.generate(profile, n, seed=1)
    target = synthetic.triples_per_entity(profile) * n
    assert len(quads) == pytest.approx(target, rel=0.1)
    links = [q for q in quads if q.predicate.value.endswith("/cause")]
    per_entity = len(links) / n
    assert per_entity == pytest.approx(profile.links_per_entity, rel=0.15)
    out = np.bincount([int(q.object.value.rsplit("E", 1)[1]) for q in links], minlength=n)
    # hubs survive: the largest out-degree is as large as the real graph's
    assert out.max() >= 0.8 * profile.out_degree.max()


def test_synthetic_graph_conforms_to_the_shapes(profile):
    g = Graph()
    for name in ("schema.ttl", "sources.ttl"):
        g.parse(ONTOLOGY_DIR / name)
    data = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in synthetic.generate(profile, 120, 3)],
                        format=ox.RdfFormat.N_TRIPLES)
    g.parse(data=data.decode(), format="nt")
    result = check_shacl(g)
    assert result.passed, result.details[:5]


def test_engine_runs_on_the_synthetic_graph(profile):
    store = synthetic.synthetic_store(profile, 400, seed=2)
    eng = Engine(store)
    hub = max(eng.graph.links.out_degree(), key=lambda kv: kv[1])[0]
    target = next(iter(eng.graph.links.successors(hub)))
    res = eng.effect(hub, target, max_length=3)
    assert res.paths and res.net in ("increases", "decreases", "ambiguous")
