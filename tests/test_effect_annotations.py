"""Each step of a signed path carries the laws that quantify its links and the newest simulation
verdict of every check that ran them, so one /effects answer joins the graph's evidence, the
derivation engine and the simulator."""
from __future__ import annotations

from engine.api import Engine
from engine.checks.api import run_check
from engine.paths import effect

T_PLUS, SAND = "Li+ transference number", "Sand's time"


def _direct_step(res):
    (path,) = [p for p in res.paths if p.length == 1]
    return path.steps[0]


def test_steps_name_the_laws_that_quantify_their_links(kb):
    res = Engine(kb).effect(T_PLUS, SAND, max_length=2)
    direct = _direct_step(res)
    assert "sand_time" in direct.laws          # t_sand = pi D (z c0 F)^2 / (4 (J t_a)^2), t_a = 1 - t+
    two = [p for p in res.paths if p.length == 2][0]
    assert [s.laws for s in two.steps] == [["anion_transference"], ["sand_time"]]


def test_steps_name_the_checks_that_can_simulate_them(kb):
    direct = _direct_step(Engine(kb).effect(T_PLUS, SAND, max_length=1))
    assert direct.checkable == ["transferenceSand"]         # bindings.ttl: lm:checksLink t+ -> t_sand
    res = Engine(kb).effect("chemical corrosion", "dendrite growth", max_length=2)
    steps = {(s.cause_label, s.effect_label): s for p in res.paths for s in p.steps}
    assert steps[("chemical corrosion", "SEI heterogeneity")].checkable == ["corrosionHeterogeneityCE"]
    assert steps[("chemical corrosion", "dendrite growth")].checkable == []   # no model binds the direct claim


def test_steps_carry_the_newest_verdict_of_the_check_that_simulated_them(kb):
    result = run_check(kb, "transferenceSand", {"depletion.current_density": "3 mA/cm^2"})
    judged = {lk: r for r in result.links for lk in r.links}
    res = Engine(kb).effect(T_PLUS, SAND, max_length=2)      # a new Engine sees the new run
    direct = _direct_step(res)
    sims = [v for v in direct.simulation if v.check.endswith("check_transferenceSand")]
    assert len(sims) == 1, "one verdict per check: the newest"
    (sim,) = sims
    assert sim.run == result.run and sim.link in direct.links
    assert sim.verdict == judged[sim.link].verdict == "supported"
    # the graph's cached path steps are not annotated in place
    plain = _direct_step(effect(Engine(kb).graph, res.source, res.target, 2))
    assert plain.simulation == [] and plain.laws == direct.laws


def test_a_condition_dependent_verdict_keeps_its_condition(kb):
    result = run_check(kb, "fdAnionLiF")
    cond = {lk: r for r in result.links for lk in r.links if r.verdict == "condition-dependent"}
    assert cond, "the FD chain has condition-dependent links (adsorbed anions)"
    res = Engine(kb).effect("bound surface charge", "interfacial anion concentration", max_length=1)
    step = _direct_step(res)
    sims = {v.link: v for v in step.simulation if v.check.endswith("check_fdAnionLiF")}
    hit = [lk for lk in step.links if lk in cond and lk in sims]
    assert hit, "the direct link bound charge -> anion concentration was judged by fdAnionLiF"
    v = sims[hit[0]]
    assert v.verdict == "condition-dependent" and "adsorbed anions" in v.condition
