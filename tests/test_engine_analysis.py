"""Signed paths, names, loops, conflicts, hypotheses and strategy ranking on the toy graph."""
from __future__ import annotations

import pytest

from engine.api import Engine, NameResolutionError
from engine_toy import LINKS, toy_store

LM = "https://w3id.org/limech/"


@pytest.fixture(scope="module")
def eng():
    return Engine(toy_store())


def without(*iris, extra=()):
    return [lk for lk in LINKS if lk[0] not in iris] + list(extra)


def test_path_sign_is_product_and_evidence_is_weakest_link(eng):
    res = eng.effect("toy corrosion", "toy dendrite growth")
    by_nodes = {tuple(n[len(LM):] for n in p.nodes): p for p in res.paths}
    long = by_nodes[("Corr", "Rough", "Field", "Dend")]
    assert long.sign == 1 and long.effect == "increases"
    assert long.evidence.label == "experimental, indirect"      # ranks 7, 8, 6 -> 6
    neg = [p for p in res.paths if p.sign < 0]
    assert [tuple(n[len(LM):] for n in p.nodes) for p in neg] == [("Corr", "Rough", "Dend")]
    assert neg[0].steps[1].links == [LM + "T9"]


def test_mixed_signs_are_listed_and_the_better_evidenced_sign_wins(eng):
    res = eng.effect("rusting", "lm:Dend")                      # a synonym and a CURIE
    assert (res.increasing, res.decreasing, res.unanimous) == (2, 1, False)
    # best increasing path: Corr -> Rough -> Field -> Dend, weakest rank 6; best decreasing: rank 4
    assert (res.net, res.decided_by) == ("increases", "evidence")
    assert (res.best_increasing.evidence.rank, res.best_decreasing.evidence.rank) == (6, 4)
    assert [p.length for p in res.paths] == sorted(p.length for p in res.paths)


def test_equal_best_paths_of_both_signs_are_ambiguous():
    t9 = ("T9", "Rough", "Dend", "Decreases", "LiteratureCitedAssertion", "doc002", None)   # = T8's rank 5
    eng = Engine(toy_store(without("T9", "T6", extra=[t9]), loop=False))
    res = eng.effect("toy corrosion", "toy dendrite growth")
    assert (res.net, res.decided_by, res.increasing, res.decreasing) == ("ambiguous", "tie", 1, 1)


def test_equal_evidence_is_decided_by_length():
    direct = ("T12", "Corr", "Dend", "Decreases", "LiteratureCitedAssertion", "doc002", None)
    eng = Engine(toy_store(without("T9", "T6", extra=[direct]), loop=False))
    res = eng.effect("toy corrosion", "toy dendrite growth")
    assert (res.net, res.decided_by) == ("decreases", "length")
    assert res.direct_links == ["https://w3id.org/limech/T12"]


def test_net_effect_increases_decreases_none():
    eng = Engine(toy_store(without("T9"), loop=False))
    corr = eng.effect("toy corrosion", "toy dendrite growth")
    assert (corr.net, corr.decided_by, corr.unanimous) == ("increases", "unanimous", True)
    coat = eng.effect("toy coating", "toy dendrite growth")
    assert coat.net == "decreases" and coat.increasing == 0 and coat.decreasing == 3
    none = eng.effect("toy dendrite growth", "toy corrosion")
    assert (none.net, none.decided_by, none.paths) == ("none", "no paths", [])


def test_max_length_bounds_the_paths(eng):
    res = eng.effect("toy corrosion", "toy dendrite growth", max_length=2)
    assert {p.length for p in res.paths} == {2}
    assert eng.effect("toy corrosion", "toy dendrite growth", max_length=1).net == "none"
    with pytest.raises(ValueError, match="max_length"):
        eng.effect("toy corrosion", "toy dendrite growth", max_length=0)
    with pytest.raises(ValueError, match="same entity"):
        eng.effect("toy corrosion", "rusting")


def test_agreeing_links_merge_into_one_step():
    weak_copy = ("T2b", "Rough", "Field", "Increases", "ProposedConcept", "doc002", None)
    eng = Engine(toy_store(LINKS + [weak_copy]))
    res = eng.effect("toy corrosion", "toy tip field")
    assert len(res.paths) == 1
    step = res.paths[0].steps[1]
    assert step.links == [LM + "T2", LM + "T2b"] and step.evidence.label == "established physics"


def test_names_resolve_labels_synonyms_iris(eng):
    assert eng.resolve("Toy  Corrosion").iri == LM + "Corr"
    assert eng.resolve(LM + "Corr").iri == LM + "Corr"
    assert eng.resolve("Corr").iri == LM + "Corr"


def test_unknown_name_lists_closest_matches(eng):
    with pytest.raises(NameResolutionError) as err:
        eng.effect("toy dendrit growth", "toy corrosion")
    assert err.value.reason == "unknown"
    assert err.value.candidates[0].iri == LM + "Dend"
    assert "toy dendrite growth" in str(err.value)


def test_ambiguous_name_lists_all_candidates(eng):
    with pytest.raises(NameResolutionError, match="several") as err:
        eng.resolve("shared name")
    assert {c.iri for c in err.value.candidates} == {LM + "Coat", LM + "Other"}


def test_loop_polarity_and_matching(eng):
    report = eng.loops()
    assert len(report.found) == 1
    loop = report.found[0]
    assert loop.polarity == "reinforcing" and loop.named == [LM + "loopToy"]
    named = report.named[0]
    assert (named.declared, named.computed, named.agrees, named.found) == ("balancing", "reinforcing", False, True)


def test_unnamed_balancing_loop_is_listed():
    back = ("T11", "Dend", "Corr", "Decreases", "PlausibleHypothesis", "doc000", None)
    eng = Engine(toy_store(without("T9", extra=[back]), loop=False))
    report = eng.loops()
    unnamed = {tuple(n[len(LM):] for n in f.nodes): f.polarity for f in report.found if not f.named}
    # Corr -> Rough -> Dend -> Corr: (+)(+)(-) ; Corr -> Rough -> Field -> Dend -> Corr: (+)(+)(+)(-)
    assert unnamed[("Corr", "Rough", "Dend")] == "balancing"
    assert unnamed[("Corr", "Rough", "Field", "Dend")] == "balancing"
    assert unnamed[("Field", "Tip")] == "reinforcing"
    assert report.unnamed == len(report.found) and not report.truncated
    assert eng.loops(max_length=2).found[0].nodes == [LM + "Field", LM + "Tip"]
    capped = eng.loops(max_cycles=1)
    assert capped.truncated and len({tuple(f.nodes) for f in capped.found}) == 1


def test_planted_contradictions_are_found(eng):
    kinds = {}
    for c in eng.conflicts():
        kinds.setdefault(c.kind, []).append(c)
    opp = kinds["opposite_signs"]
    assert len(opp) == 1 and set(opp[0].links) == {LM + "T8", LM + "T9"}
    assert opp[0].details["different_sources"] is True
    assert len(kinds["loop_polarity"]) == 2          # declared balancing; called self-limiting
    assert {tuple(c.links) for c in kinds["exclusive_conditions"]} == {(LM + "T4", LM + "T6")}
    assert kinds["counter_claim"][0].entities == [LM + "Coat", LM + "Dend"]


def test_clean_graph_has_no_contradictions():
    eng = Engine(toy_store(without("T9", "T4"), loop=False))
    assert eng.conflicts() == []


def test_hypotheses_are_indirect_ranked_and_supported(eng):
    hyps = eng.hypotheses(limit=None)
    ids = [h.id for h in hyps]
    assert "lm:Corr -> lm:Rough" not in ids                  # stated directly
    first = hyps[0]
    assert first.id == "lm:Corr -> lm:Field"                 # 2 steps, weakest 7 (ExperimentalDirect)
    assert first.predicted == "increases" and first.length == 2
    assert [n[len(LM):] for n in first.chain.nodes] == ["Corr", "Rough", "Field"]
    assert [h.length for h in hyps] == sorted(h.length for h in hyps)
    coat = next(h for h in hyps if h.id == "lm:Coat -> lm:Tip")
    assert coat.predicted == "decreases"
    assert len(eng.hypotheses(limit=2)) == 2
    with pytest.raises(ValueError, match="max_length"):
        eng.hypotheses(max_length=1)


def test_strategy_ranking_counts_cut_routes():
    eng = Engine(toy_store(without("T9"), loop=False))
    [coat] = eng.rank_strategies()
    assert coat.strategy == LM + "Coat"
    assert (coat.targets_decreased, coat.routes_cut, coat.routes_aggravated) == (1, 3, 0)
    assert coat.best_evidence.label == "working hypothesis"  # Coat -| Rough -> Dend: min(2, 5)


@pytest.mark.parametrize("a, b, group", [
    ("below the Curie temperature of the ferroelectric", "above the Curie temperature", "ferroelectric phase (Curie temperature)"),
    ("carbonate electrolytes", "ether solvents such as DME and DOL", "electrolyte solvent family"),
    ("carbonate-based electrolytes", "solid polymer electrolyte", "electrolyte phase"),
    ("untreated Li metal", "ferroelectric layer on the Li surface (coating, or composited in the separator/host)",
     "Li surface treatment"),
])
def test_exclusive_conditions(a, b, group):
    from engine.conditions import exclusive
    assert exclusive(a, b) == exclusive(b, a) == group


@pytest.mark.parametrize("a, b", [
    ("carbonate electrolytes", "carbonate-based electrolytes"),
    ("even at low current densities", "high current density"),      # "even at low" is not a regime
    ("during battery assembly, resting and storage (open-circuit potential)", "during subsequent electrochemical cycling"),
    ("carbonate electrolytes", "below the Curie temperature of the ferroelectric"),
])
def test_compatible_conditions(a, b):
    from engine.conditions import exclusive
    assert exclusive(a, b) is None
