"""The issue's acceptance cases on the real knowledge graph (the session ``kb`` fixture)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from engine.api import Engine, NameResolutionError
from engine.interventions import strategies
from engine.paths import SignedPath
from ontology import ASSERTED_GRAPH

LM = "https://w3id.org/limech/"
INORGANIC_SEI = {LM + "InorganicContentOfSEI", LM + "InorganicRichSEI", LM + "LiFRichSEI", LM + "LiFContentOfSEI"}


@pytest.fixture(scope="module")
def eng(kb):
    return Engine(kb)


def sign_to(path: SignedPath, node: str) -> int:
    """Sign of the sub-path from the path's start to ``node``."""
    sign = 1
    for step in path.steps:
        sign *= step.polarity
        if step.effect == node:
            return sign
    raise ValueError(f"{node} not on path")


def test_corrosion_increases_dendrite_growth(eng):
    res = eng.effect("chemical corrosion", "dendrite growth")
    assert res.net == "increases"
    assert res.best_increasing.length <= 2              # corrosion acts within two links


def test_ferroelectric_coating_decreases_dendrite_growth_by_three_routes(eng):
    res = eng.effect("ferroelectric coating", "dendrite growth")
    assert res.net == "decreases"
    cutting = [p for p in res.paths if p.sign < 0]
    # tip shielding: the coating lowers the tip electric field
    tip = [p for p in cutting if LM + "TipElectricField" in p.nodes and sign_to(p, LM + "TipElectricField") < 0]
    # uniform nucleation: the coating promotes uniform Li nucleation
    nucl = [p for p in cutting if LM + "UniformNucleation" in p.nodes and sign_to(p, LM + "UniformNucleation") > 0]
    # inorganic SEI: the coating raises the inorganic (LiF-rich) part of the SEI
    inorg = [p for p in cutting if any(n in INORGANIC_SEI and sign_to(p, n) > 0 for n in p.nodes[1:])]
    assert tip, "no tip-shielding route"
    assert nucl, "no uniform-nucleation route"
    assert inorg, "no inorganic-SEI route"


def test_named_loop_polarities(eng):
    report = eng.loops()
    named = {nl.iri: nl for nl in report.named}
    tip_field, shielding = named[LM + "loop_000_tipField"], named[LM + "loop_000_tipShielding"]
    assert (tip_field.computed, tip_field.declared, tip_field.found) == ("reinforcing", "reinforcing", True)
    assert (shielding.computed, shielding.declared, shielding.found) == ("balancing", "balancing", True)
    found = {tuple(f.named): f.polarity for f in report.found if f.named}
    assert found[(LM + "loop_000_tipField",)] == "reinforcing"
    assert found[(LM + "loop_000_tipShielding",)] == "balancing"
    assert report.unnamed == sum(1 for f in report.found if not f.named) > 0


def test_every_strategy_can_be_asked_about(eng, kb):
    asked = 0
    for s in strategies(kb):
        if s not in eng.graph.steps:
            continue
        label = eng.graph.label(s) if s in eng.graph.labels else None
        try:
            iri = eng.resolve(label or s).iri
        except NameResolutionError as err:        # a shared label must list this strategy
            assert s in {c.iri for c in err.candidates}
            iri = eng.resolve(s).iri
        assert iri == s
        res = eng.effect(s, "dendrite growth", max_length=5)
        assert res.net in ("increases", "decreases", "ambiguous", "none")
        asked += 1
    assert asked >= 10


def test_strategy_ranking_puts_dendrite_cutters_first(eng):
    ranking = eng.rank_strategies()
    assert [r.rank for r in ranking] == list(range(1, len(ranking) + 1))
    fc = next(r for r in ranking if r.strategy == LM + "FerroelectricCoating")
    dg = next(t for t in fc.targets if t.target == LM + "DendriteGrowth")
    assert dg.net == "decreases" and dg.cut > 0
    keys = [(-r.targets_decreased, -(r.best_evidence.rank if r.best_evidence else 0)) for r in ranking]
    assert keys == sorted(keys)


def test_conflicts_and_hypotheses_on_real_graph(eng):
    conflicts = eng.conflicts()
    for c in conflicts:
        assert all(i in eng.graph.by_iri for i in c.links if i.startswith(LM + "L"))
    hyps = eng.hypotheses(limit=30)
    assert hyps and [h.length for h in hyps] == sorted(h.length for h in hyps)
    for h in hyps:
        assert not eng.graph.direct_links(h.cause, h.effect)
        assert h.chain.nodes[0] == h.cause and h.chain.nodes[-1] == h.effect


def test_class_hierarchy_questions_need_the_inferred_graph(kb):
    query = f"""PREFIX lm: <{LM}> SELECT ?p WHERE {{ ?p a lm:ActiveLithiumConsumingProcess ; a lm:Process }}"""
    union = {r["p"] for r in kb.select(query)}
    asserted = {r["p"].value for r in kb.store.query(query, default_graph=[ox.NamedNode(ASSERTED_GRAPH)])}
    assert LM + "ChemicalCorrosion" in union            # typed only as ChemicalProcess + consumer
    assert LM + "ChemicalCorrosion" not in asserted     # lm:Process follows by OWL 2 RL


def test_every_entity_name_resolves_or_lists_its_rivals(eng):
    names = eng.names
    for iri, entity in names.entities.items():
        try:
            assert names.resolve(entity.label).iri == iri
        except NameResolutionError as err:
            assert err.reason == "ambiguous" and iri in {c.iri for c in err.candidates}
    assert eng.resolve("Li dendrite growth").iri == LM + "DendriteGrowth"      # a synonym
    assert eng.resolve("lm:FerroelectricCoating").label == "ferroelectric coating"
    with pytest.raises(NameResolutionError, match="dendrite growth"):
        eng.effect("ferroelectric coating", "dendrit growht")
