"""Knowledge base of 000 (Xu et al., Chem. Sci. 2026, DOI 10.1039/d6sc02846b: interfacial chemical
corrosion and ferroelectric-dipole regulation): the four competency queries, the headline chains and
loops with their signs, link coverage, evidence levels, quantities and open questions."""
from __future__ import annotations

import math

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace

from engine.quotes import verify_quotes
from kb_hedges import assert_hedges_kept, hedged_links
from ontology import LM, ONTOLOGY_DIR, QUERIES_DIR, RO_NEGATIVE, RO_POSITIVE, load_graph

QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
DOC = LM.doc000
HEADLINE_CHAINS = ["chain_000_corrosionTipDendrite", "chain_000_fdAnionLiF",
                   "chain_000_dielectricSolvation", "chain_000_preadsorbedAnion"]
LOOPS = {"loop_000_tipField": LM.Reinforcing, "loop_000_seiHeterogeneity": LM.Reinforcing,
         "loop_000_viciousCycle": LM.Reinforcing, "loop_000_tipShielding": LM.Balancing}
LOW_EVIDENCE = {LM.PlausibleHypothesis, LM.WorkingHypothesis, LM.ProposedConcept}
HEDGES = (" may ", " could ", "hypothes", "plausible", "we propose", "potentially")


@pytest.fixture(scope="module")
def g() -> Graph:
    return load_graph()


def _docs(g, s):
    return {d for loc in g.objects(s, LM.hasSource) for d in g.objects(loc, LM.document)}


def _links(g):
    return [s for s in g.subjects(RDF.type, LM.CausalLink) if DOC in _docs(g, s)]


def _run(g, name):
    return list(g.query((QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")))


def _sign(g, link) -> int:
    return int(g.value(g.value(link, LM.sign), LM.signValue))


def _steps(g, chain):
    steps = sorted((int(g.value(st, LM.position)), g.value(st, LM.stepLink)) for st in g.objects(chain, LM.hasStep))
    assert [p for p, _ in steps] == list(range(1, len(steps) + 1)), f"{chain}: positions not 1..n"
    return [link for _, link in steps]


def _link(g, cause, effect):
    found = [s for s in _links(g) if g.value(s, LM.cause) == cause and g.value(s, LM.effect) == effect]
    assert found, f"no doc000 link {cause} -> {effect}"
    return found


# ------------------------------------------------------------------ coverage and provenance
def test_doc000_has_over_100_complete_links_with_direct_edges(g):
    links = _links(g)
    assert len(links) >= 100
    for s in links:
        c, e = g.value(s, LM.cause), g.value(s, LM.effect)
        assert c is not None and e is not None and c != e, s
        assert g.value(s, LM.mechanism) and g.value(s, LM.quote), s
        edge = RO_POSITIVE if _sign(g, s) > 0 else RO_NEGATIVE
        assert (c, edge, e) in g, f"{s}: direct edge missing"


def test_doc000_quotes_are_verbatim_and_short(g):
    _, problems = verify_quotes(g)
    mine = [p for p in problems if any(k in p.subject for k in ("L000_", "Q000_", "OQ000_", "chain_000", "loop_000"))]
    assert mine == []


def test_evidence_levels_are_the_schemas_own(g):
    schema = Graph().parse(ONTOLOGY_DIR / "schema.ttl")
    levels = set(schema.subjects(RDF.type, LM.EvidenceLevel))
    assert len(levels) == 8
    used = {g.value(s, LM.evidenceLevel) for s in _links(g)}
    assert used <= levels, used - levels
    assert {LM.EstablishedPhysics, LM.ExperimentalIndirect, LM.WorkingHypothesis, LM.ProposedConcept} <= used


def test_hedged_quotes_are_not_upgraded(g):
    """A link whose quote hedges ('may', 'could', 'hypothesis', ...) stays at hypothesis level or
    below, unless it reports a cited measurement (experimental evidence of an end state)."""
    for s in _links(g):
        text = " ".join(str(q).lower() for q in g.objects(s, LM.quote))
        lvl = g.value(s, LM.evidenceLevel)
        if any(h in f" {text} " for h in HEDGES) and lvl not in (LM.ExperimentalIndirect, LM.ExperimentalDirect):
            assert lvl in LOW_EVIDENCE, f"{s}: hedged quote at {lvl}"


# links whose seed sentence hedges but which rightly stay above rank 5, one reason each
HEDGED_SENTENCE_ALLOWED = {
    "L000_130": "ref. 57 measured the end state (more uniform deposition on BTO); 'hypothesis' is the tip-shielding mechanism, not the observation",
}


def test_hedged_seed_sentences_are_not_upgraded(g):
    """The whole seed sentence around each quote is read for hedge words (may, might, could,
    believed, hypothes*, propose*, speculat*, likely, possibly): such a link is at most a
    literature-cited assertion (rank <= 5) unless allow-listed with a reason."""
    hedged = hedged_links(g, _links(g), DOC)
    assert LM.L000_139 in hedged and LM.L000_034 in hedged      # 'hypothesized', 'may'
    assert LM.L000_039 not in hedged                             # textbook electrostatics
    assert LM.L000_056 in hedged     # 'may' only outside the quote, in the rest of its sentence
    assert_hedges_kept(g, hedged, HEDGED_SENTENCE_ALLOWED)


def test_li_enrichment_at_positive_surface_carries_the_physics_caveat(g):
    (link,) = _link(g, LM.InterfacialAnionConcentration, LM.InterfacialLiIonConcentration)
    assert "depletes Li+" in str(g.value(link, LM.note))


# ------------------------------------------------------------------ competency queries
def test_corrosion_to_dendrite_paths(g):
    rows = _run(g, "corrosion_to_dendrite_paths")
    on_path = {r.link for r in rows}
    for name in ("chain_000_corrosionTipDendrite", "chain_000_seiHeterogeneityTransport", "loop_000_tipField"):
        assert set(_steps(g, LM[name])) <= on_path, name
    # strategies are never downstream of corrosion, so no FD link is on a corrosion path
    assert not any((r.cause, RDF.type, LM.FerroelectricStrategy) in g for r in rows)
    G = nx.DiGraph()
    for r in rows:
        if r.doc == DOC:
            G.add_edge(r.cause, r.effect)
            G[r.cause][r.effect].setdefault("signs", set()).add(int(r.signValue))
    assert all(len(d["signs"]) == 1 for _, _, d in G.edges(data=True)), "a pair is stated with both signs"
    paths = list(nx.all_simple_paths(G, LM.ChemicalCorrosion, LM.DendriteGrowth))
    assert len(paths) >= 50
    # every route the paper states from corrosion to dendrites promotes them
    for p in paths:
        assert math.prod(next(iter(G[a][b]["signs"])) for a, b in zip(p, p[1:])) == 1, p
    tip = [LM.ChemicalCorrosion, LM.HotspotCorrosion, LM.MorphologyDeterioration, LM.LocalChargeDensity,
           LM.TipElectricField, LM.LiIonFlux, LM.LocalLiDeposition, LM.DendriteNucleus, LM.DendriteGrowth]
    assert tip in paths
    assert any(LM.SEIImpedanceNonUniformity in p and LM.LocalCurrentImbalance in p for p in paths)
    assert any(LM.OrganicRichSEI in p and LM.SEIModulus in p for p in paths)


def test_hypothesis_links(g):
    rows = _run(g, "hypothesis_links")
    assert all(int(r.rank) <= 3 and r.evidence in LOW_EVIDENCE for r in rows)
    mine = {r.link for r in rows if r.doc == DOC}
    expected = {s for s in _links(g) if g.value(s, LM.evidenceLevel) in LOW_EVIDENCE}
    assert mine == expected
    must = (_steps(g, LM.loop_000_tipShielding) + _steps(g, LM.chain_000_preadsorbedAnion)
            + _link(g, LM.BuiltInElectricField, LM.TipElectricField)
            + _link(g, LM.BuiltInElectricField, LM.AnionActivation)
            + _link(g, LM.DielectricConstant, LM.LiSolventInteraction))
    assert set(must) <= mine
    for cause, effect in ((LM.SEIHeterogeneity, LM.SEIImpedanceNonUniformity),   # Ohm's law
                          (LM.FerroelectricSeparator, LM.InorganicContentOfSEI),  # cited XPS data
                          (LM.LocalChargeDensity, LM.TipElectricField)):        # electrostatics
        assert not set(_link(g, cause, effect)) & mine
    kinds = {r.evidence for r in rows if r.doc == DOC}
    assert kinds == LOW_EVIDENCE


def test_fd_increases_inorganic_includes_anion_reduction_route(g):
    rows = _run(g, "fd_increases_inorganic")
    got = {(r.mechanism, r.link) for r in rows}
    (red_inorg,) = _link(g, LM.AnionReduction, LM.InorganicContentOfSEI)
    (red_lif,) = _link(g, LM.AnionReduction, LM.LiFRichSEI)
    assert (LM.chain_000_anionPolarizationInorganic, red_inorg) in got
    assert (LM.chain_000_fdAnionLiF, red_lif) in got
    assert (LM.chain_000_dielectricSolvation, red_lif) in got
    (xps,) = _link(g, LM.FerroelectricCoating, LM.InorganicContentOfSEI)
    assert (xps, xps) in got
    mechanisms = {m for m, _ in got}
    assert LM.chain_000_preadsorbedAnion not in mechanisms      # ends at SEI controllability
    assert LM.chain_000_fdTipShieldingRoute not in mechanisms
    assert all(int(g.value(g.value(r.link, LM.sign), LM.signValue)) == 1 for r in rows)


def test_fd_inorganic_query_respects_sign_parity():
    """On a toy graph: a chain FD -(-)-> A -(+)-> inorganic content lowers it and is excluded;
    FD -(-)-> A -(-)-> B -(+)-> inorganic content raises it and is included."""
    t = Graph().parse(ONTOLOGY_DIR / "schema.ttl")
    X = Namespace("https://example.org/toy/")
    t.add((X.fd, RDF.type, LM.FerroelectricStrategy))
    t.add((LM.LiF, RDF.type, LM.InorganicSEIComponent))

    def link(name, c, e, sign):
        t.add((X[name], RDF.type, LM.CausalLink))
        for p, o in ((LM.cause, c), (LM.effect, e), (LM.sign, sign), (LM.evidenceLevel, LM.ProposedConcept)):
            t.add((X[name], p, o))
        loc = X[name + "_src"]
        t.add((X[name], LM.hasSource, loc))
        t.add((loc, LM.document, X.doc))
        return X[name]

    def chain(name, links):
        t.add((X[name], RDF.type, LM.MechanismChain))
        for i, lk in enumerate(links, 1):
            st = X[f"{name}_s{i}"]
            t.add((X[name], LM.hasStep, st))
            t.add((st, LM.position, Literal(i)))
            t.add((st, LM.stepLink, lk))

    chain("odd", [link("a", X.fd, X.A, LM.Decreases), link("b", X.A, LM.InorganicContentOfSEI, LM.Increases)])
    chain("even", [link("c", X.fd, X.A, LM.Decreases), link("d", X.A, X.B, LM.Decreases),
                   link("e", X.B, LM.LiF, LM.Increases)])
    link("f", X.fd, LM.LiFRichSEI, LM.Decreases)
    rows = list(t.query((QUERIES_DIR / "fd_increases_inorganic.rq").read_text(encoding="utf-8")))
    assert {(r.mechanism, r.link) for r in rows} == {(X.even, X.e)}


def test_reinforcing_loops(g):
    rows = _run(g, "reinforcing_loops")
    loops = {r.loop: r for r in rows}
    for name, pol in LOOPS.items():
        assert (LM[name] in loops) == (pol == LM.Reinforcing), name
    for r in rows:
        if DOC in _docs(g, r.loop):
            assert int(r.negatives) % 2 == 0, r.loop
            assert int(r.steps) == len(_steps(g, r.loop))
    assert int(loops[LM.loop_000_tipField].steps) == 5


# ------------------------------------------------------------------ chains, loops and signed routes
def test_headline_chains_and_loops_connect_and_match_their_polarity(g):
    for name in HEADLINE_CHAINS + list(LOOPS):
        c = LM[name]
        assert (c, LM.isHeadline, Literal(True)) in g, name
        links = _steps(g, c)
        for a, b in zip(links, links[1:]):
            assert g.value(a, LM.effect) == g.value(b, LM.cause), f"{name}: {a} / {b}"
    for name, pol in LOOPS.items():
        links = _steps(g, LM[name])
        assert (LM[name], RDF.type, LM.FeedbackLoop) in g
        assert g.value(LM[name], LM.polarity) == pol
        assert g.value(links[-1], LM.effect) == g.value(links[0], LM.cause), f"{name} does not close"
        product = math.prod(_sign(g, s) for s in links)
        assert product == int(g.value(pol, LM.signValue)), name
    tip = [g.value(s, LM.cause) for s in _steps(g, LM.loop_000_tipField)]
    assert tip[:3] == [LM.TipElectricField, LM.LiIonFlux, LM.LocalLiDeposition]


def test_every_doc000_chain_connects(g):
    chains = [c for c in g.subjects(RDF.type, LM.MechanismChain) if DOC in _docs(g, c)]
    chains += [c for c in g.subjects(RDF.type, LM.FeedbackLoop) if DOC in _docs(g, c)]
    assert len(set(chains)) >= 20
    for c in set(chains):
        links = _steps(g, c)
        for a, b in zip(links, links[1:]):
            assert g.value(a, LM.effect) == g.value(b, LM.cause), c


@pytest.mark.parametrize("name,start,sign,via", [
    ("chain_000_corrosionTipDendrite", LM.ChemicalCorrosion, 1, LM.TipElectricField),
    ("chain_000_fdTipShieldingRoute", LM.FerroelectricCoating, -1, LM.BuiltInElectricField),
    ("chain_000_fdUniformNucleationRoute", LM.FerroelectricCoating, -1, LM.UniformNucleation),
    ("chain_000_fdLiFRichSEIRoute", LM.FerroelectricCoating, -1, LM.LiFRichSEI),
    ("chain_000_anionPolarizationInorganic", LM.FerroelectricCoating, -1, LM.InorganicContentOfSEI),
])
def test_signed_routes_to_dendrite_growth(g, name, start, sign, via):
    links = _steps(g, LM[name])
    assert g.value(links[0], LM.cause) == start
    assert g.value(links[-1], LM.effect) == LM.DendriteGrowth
    assert via in {g.value(s, LM.cause) for s in links}
    assert math.prod(_sign(g, s) for s in links) == sign


def test_headline_routes_reach_their_targets(g):
    ends = {name: g.value(_steps(g, LM[name])[-1], LM.effect) for name in HEADLINE_CHAINS}
    assert ends["chain_000_fdAnionLiF"] == LM.LiFRichSEI
    assert ends["chain_000_dielectricSolvation"] == LM.LiFRichSEI
    causes = {g.value(s, LM.cause) for s in _steps(g, LM.chain_000_fdAnionLiF)}
    assert {LM.InterfacialAnionConcentration, LM.AnionCoordinationNumber, LM.AnionRichSolvationStructure,
            LM.AnionReduction} <= causes
    pre = _steps(g, LM.chain_000_preadsorbedAnion)
    assert g.value(pre[0], LM.cause) == LM.PreAdsorbedAnionFerroelectric
    assert all(g.value(s, LM.evidenceLevel) == LM.ProposedConcept for s in pre)


def test_strategies_of_doc000_name_what_they_counter(g):
    assert {LM.DendriteGrowth, LM.TipElectricField, LM.LocalLiDeposition} <= set(g.objects(LM.FerroelectricCoating, LM.counters))
    strategy_classes = set(g.transitive_subjects(RDFS.subClassOf, LM.Strategy))
    causes = {g.value(s, LM.cause) for s in _links(g)}
    strategies = {c for c in causes if set(g.objects(c, RDF.type)) & strategy_classes}
    assert len(strategies) >= 8
    for c in strategies:
        assert list(g.objects(c, LM.counters)), f"{c} has no lm:counters"
    # a strategy counters what its own links say it lowers
    for s in _links(g):
        c = g.value(s, LM.cause)
        if c in strategies and _sign(g, s) < 0 and DOC in _docs(g, s):
            assert (c, LM.counters, g.value(s, LM.effect)) in g, s


# ------------------------------------------------------------------ numbers and open questions
def test_quantities_of_doc000(g):
    cap = LM.Q000_001
    assert g.value(cap, QUDT.unit) == UNIT["MilliA-HR-PER-GM"]
    value = float(g.value(cap, QUDT.numericValue))
    assert value == 3860.0
    faraday, m_li = 96485.33212, 6.941                     # C/mol (CODATA 2018), g/mol (IUPAC)
    assert abs(faraday / (3.6 * m_li) - value) / value < 1e-3   # F/(3.6 M) in mA h g-1
    assert float(g.value(LM.Q000_002, QUDT.numericValue)) == -3.04 and g.value(LM.Q000_002, QUDT.unit) == UNIT.V
    assert float(g.value(LM.Q000_003, QUDT.upperBound)) == 500.0
    assert g.value(LM.Q000_003, QUDT.unit) == UNIT["W-HR-PER-KiloGM"]
    assert float(g.value(LM.Q000_004, QUDT.lowerBound)) == 1000.0
    assert g.value(LM.Q000_004, LM.ofEntity) == LM.BaTiO3


def test_open_questions_and_predictions_of_doc000(g):
    oq = [s for s in g.subjects(RDF.type, LM.OpenQuestion) if DOC in _docs(g, s)]
    tp = [s for s in g.subjects(RDF.type, LM.TestablePrediction) if DOC in _docs(g, s)]
    assert len(oq) >= 8 and len(tp) >= 4
    for s in oq + tp:
        assert list(g.objects(s, LM.concerns)), s
    assert any(LM.PreAdsorbedAnionFerroelectric in set(g.objects(s, LM.concerns)) for s in oq)
