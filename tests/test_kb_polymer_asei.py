"""Knowledge base of 002 (Naren et al., 'Functional Polymers as Artificial Solid Electrolyte Interfaces
for Stabilizing Lithium Metal Anode', Concept): link coverage and provenance, named polymers and
coatings, quantity values, hedges, chains, errata and the polymer-function competency query."""
from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Namespace

from engine.quotes import verify_quotes
from ontology import LM, QUERIES_DIR, RO_NEGATIVE, RO_POSITIVE, load_graph

QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
DOC = LM.doc002
SECTIONS = {"Abstract", "1", "2", "3", "4", "5", "6"}

# Every coating (strategy) 002 names, and every polymer or material those coatings are made of.
NAMED_COATINGS = [
    "LithiophilicPolymerASEI", "NanosphereLiNafionASEI", "PETMPLiBAMBASEI", "DSNCoating", "UCLN",
    "PDDATFSICoating", "MAPLayer", "PStMalLayer", "PPNLayer", "SSASEI", "FlowableSelfHealingCoating",
    "PRPAAASEI", "SHCPE", "WaxPEOCoating", "PPELi",
]
NAMED_MATERIALS = [
    "PAN", "BetaPVDF", "PVA", "XPCMSgPEGMA", "LiNafion", "PETMP", "LiBAMB", "DSN", "UiO66ClO4",
    "PDDATFSI", "PStMal", "PDMS", "ConductiveSilicaNanoparticles", "HBondSelfHealingPolymer", "PRPAA",
    "AlphaCyclodextrin", "PAA", "TPU", "HydrophobicSiO2", "PEO", "Wax", "PPE", "Li3PO4",
]
FUNCTIONS = ["UniformLiIonTransportASEI", "SingleIonConductor", "SideReactionInhibitingASEI",
             "SelfHealingASEI", "AirStableASEI"]


@pytest.fixture(scope="module")
def g() -> Graph:
    return load_graph()


def _docs(g, s):
    return {d for loc in g.objects(s, LM.hasSource) for d in g.objects(loc, LM.document)}


def _links(g, doc=DOC):
    return [s for s in g.subjects(RDF.type, LM.CausalLink) if doc is None or doc in _docs(g, s)]


def _sign(g, link) -> int:
    return int(g.value(g.value(link, LM.sign), LM.signValue))


def _rows(g):
    text = (QUERIES_DIR / "polymer_functions.rq").read_text(encoding="utf-8")
    return {(str(f).rsplit("/", 1)[-1], str(r), str(i).rsplit("/", 1)[-1]) for f, r, i in g.query(text)}


# ------------------------------------------------------------------ links and provenance
def test_doc002_has_at_least_60_complete_links_with_direct_edges(g):
    links = _links(g)
    assert len(links) >= 60
    for s in links:
        c, e = g.value(s, LM.cause), g.value(s, LM.effect)
        assert c is not None and e is not None and c != e, s
        assert g.value(s, LM.mechanism) and g.value(s, LM.quote) and g.value(s, LM.evidenceLevel), s
        sections = {str(x) for loc in g.objects(s, LM.hasSource) for x in g.objects(loc, LM.section)}
        assert sections and sections <= SECTIONS, f"{s}: sections {sections}"
        edge = RO_POSITIVE if _sign(g, s) > 0 else RO_NEGATIVE
        assert (c, edge, e) in g, f"{s}: direct edge missing"


def test_doc002_quotes_are_verbatim_in_the_seed(g):
    verified, problems = verify_quotes(g)
    mine = [p for p in problems if "002_" in p.subject or "002" in p.subject.rsplit("/", 1)[-1]]
    assert verified > 0 and mine == []


def test_cited_reference_numbers_exist_in_002s_reference_list(g):
    # 002 has 43 references; a number outside 1..43 is a transcription error.
    refs = {int(r) for s in _links(g) for r in g.objects(s, LM.citedReference)}
    assert refs and min(refs) >= 1 and max(refs) <= 43
    assert {23, 37, 42} <= refs  # Brissot-Chazalviel theory, PR-PAA, PPE-Li


def test_hedged_claims_are_not_upgraded(g):
    hedges = ("were believed", "could ", "have the potential to", "there are concerns")
    hedged = [s for s in _links(g) if any(h in str(q) for q in g.objects(s, LM.quote) for h in hedges)]
    assert len(hedged) >= 10
    for s in hedged:
        rank = int(g.value(g.value(s, LM.evidenceLevel), LM.evidenceRank))
        assert rank <= 3, f"{s} quotes a hedge but has evidence rank {rank}"


# ------------------------------------------------------------------ named polymers and coatings
def test_every_named_coating_has_a_link_and_source_backed_counters(g):
    doc_links = _links(g)
    for name in NAMED_COATINGS:
        s = LM[name]
        mine = [l for l in doc_links if g.value(l, LM.cause) == s]
        assert mine, f"{name} causes no 002 link"
        targets = set(g.objects(s, LM.counters))
        assert targets, f"{name} counters nothing"
        negative = {g.value(l, LM.effect) for l in mine if _sign(g, l) < 0}
        assert targets <= negative, f"{name}: counters without a Decreases/Prevents link: {targets - negative}"


def test_every_named_polymer_acts_through_a_link_and_a_countering_coating(g):
    causes = {g.value(l, LM.cause) for l in _links(g)}
    for name in NAMED_MATERIALS:
        m = LM[name]
        coatings = set(g.transitive_subjects(LM.hasComponent, m))  # includes m; PAA -> PR-PAA -> PR-PAA ASEI
        assert coatings & causes, f"{name}: neither it nor a coating made of it causes a 002 link"
        assert any(True for c in coatings for _ in g.objects(c, LM.counters)), f"{name}: no countering coating"
        assert (m, RDF.type, LM.Polymer) in g or (m, RDF.type, LM.Material) in g or \
               (m, RDF.type, LM.InorganicSEIComponent) in g, name


def test_functional_strategies_counter_their_failure_mechanisms(g):
    expected = {
        "SelfHealingASEI": LM.SEIFracture, "SingleIonConductor": LM.DendriteGrowth,
        "SideReactionInhibitingASEI": LM.ElectrolyteDecomposition, "AirStableASEI": LM.AmbientAirReaction,
        "UniformLiIonTransportASEI": LM.DendriteGrowth,
    }
    for name, target in expected.items():
        assert (LM[name], LM.counters, target) in g, name


# ------------------------------------------------------------------ quantities
def test_every_quantity_value_has_number_unit_and_source(g):
    qvs = list(g.subjects(RDF.type, LM.QuantityValue))
    assert len(qvs) >= 6
    for q in qvs:
        assert any(g.value(q, p) is not None for p in (QUDT.numericValue, QUDT.lowerBound, QUDT.upperBound)), q
        assert g.value(q, QUDT.unit) is not None, f"{q}: no unit"
        locs = list(g.objects(q, LM.hasSource))
        assert locs and all(g.value(loc, LM.document) and g.value(loc, LM.section) for loc in locs), q


def test_doc002_values_as_printed(g):
    ccd = LM.Q002_003
    assert g.value(ccd, LM.ofEntity) == LM.PRPAAASEI and g.value(ccd, LM.quantityKind) == LM.CriticalCurrentDensity
    assert float(g.value(ccd, QUDT.numericValue)) == 6.0 and g.value(ccd, QUDT.unit) == UNIT["MilliA-PER-CentiM2"]
    assert 37 in {int(r) for r in g.objects(ccd, LM.citedReference)}
    # Li's potential is printed with its minus sign (U+2212) in 002, so no erratum is needed.
    assert float(g.value(LM.Q002_002, QUDT.numericValue)) == -3.04 and g.value(LM.Q002_002, LM.erratum) is None
    cap = float(g.value(LM.Q002_001, QUDT.numericValue))
    assert abs(cap - 96485.332 / (3.6 * 6.941)) < 2  # F / (3.6 M_Li) in mAh/g: 002's 3860 is right


def test_capacity_erratum_across_sources_includes_002(g):
    ds = [d for d in g.subjects(LM.involves, LM.Q002_001)]
    assert ds, "002's capacity is in no disagreement"
    claims = {str(c) for d in ds for c in g.objects(d, LM.claimText)}
    assert any("3680" in c for c in claims) and any("3860" in c for c in claims)


def test_within_002_errata_state_two_claims(g):
    for d in (LM.D002_01, LM.D002_02, LM.D002_03, LM.D002_04):
        assert len(set(g.objects(d, LM.claimText))) >= 2 and DOC in _docs(g, d), d
    assert (LM.D002_01, RDF.type, LM.Erratum) in g


# ------------------------------------------------------------------ chains
def _chain(g, name):
    steps = sorted(((int(g.value(st, LM.position)), g.value(st, LM.stepLink))
                    for st in g.objects(LM[name], LM.hasStep)), key=lambda t: t[0])
    return [l for _, l in steps]


def test_single_ion_chain_connects_and_lowers_dendrite_growth(g):
    links = _chain(g, "chain_002_singleIonConduction")
    assert g.value(links[0], LM.cause) == LM.SingleIonConductor and g.value(links[-1], LM.effect) == LM.DendriteGrowth
    for a, b in zip(links, links[1:]):
        assert g.value(a, LM.effect) == g.value(b, LM.cause)
    product = 1
    for l in links:
        product *= _sign(g, l)
    assert product == -1  # + (tLi+) - (anion depletion) + (space charge) + (dendrites)


def test_native_sei_breakdown_chain_raises_low_ce(g):
    links = _chain(g, "chain_002_nativeSEIBreakdown")
    assert g.value(links[0], LM.cause) == LM.Cycling and g.value(links[-1], LM.effect) == LM.LowCoulombicEfficiency
    assert all(_sign(g, l) > 0 for l in links)


def test_crack_and_react_cycle_is_a_closed_reinforcing_loop(g):
    links = _chain(g, "loop_002_crackReactCycle")
    assert g.value(links[0], LM.cause) == g.value(links[-1], LM.effect) == LM.SEIFracture
    for a, b in zip(links, links[1:]):
        assert g.value(a, LM.effect) == g.value(b, LM.cause)
    product = 1
    for l in links:
        product *= _sign(g, l)
    declared = int(g.value(g.value(LM.loop_002_crackReactCycle, LM.polarity), LM.signValue))
    assert product == declared == 1


# ------------------------------------------------------------------ competency query
def test_polymer_functions_query(g):
    rows = _rows(g)
    must = {
        ("SelfHealingASEI", "decreases", "SEIFracture"), ("SelfHealingASEI", "providedBy", "PRPAAASEI"),
        ("SelfHealingASEI", "polymer", "PRPAA"), ("SelfHealingASEI", "polymer", "PDMS"),
        ("SingleIonConductor", "decreases", "DendriteGrowth"), ("SingleIonConductor", "providedBy", "DSNCoating"),
        ("SingleIonConductor", "providedBy", "PETMPLiBAMBASEI"), ("SingleIonConductor", "decreases", "ElectrolyteDepletion"),
        ("SideReactionInhibitingASEI", "decreases", "ElectrolyteDecomposition"),
        ("SideReactionInhibitingASEI", "providedBy", "PStMalLayer"), ("SideReactionInhibitingASEI", "providedBy", "PDDATFSICoating"),
        ("SideReactionInhibitingASEI", "polymer", "PStMal"),
        ("AirStableASEI", "decreases", "AmbientAirReaction"), ("AirStableASEI", "providedBy", "PPELi"),
        ("AirStableASEI", "providedBy", "SHCPE"), ("AirStableASEI", "polymer", "TPU"),
        ("UniformLiIonTransportASEI", "polymer", "PAN"), ("UniformLiIonTransportASEI", "polymer", "BetaPVDF"),
        ("UniformLiIonTransportASEI", "providedBy", "LithiophilicPolymerASEI"),
    }
    assert must <= rows, must - rows
    # a quantity is not a failure mechanism: the negative link to overpotential exists but is not listed
    assert any(g.value(l, LM.effect) == LM.Overpotential for l in _links(g)
               if g.value(l, LM.cause) == LM.UniformLiIonTransportASEI and _sign(g, l) < 0)
    assert ("UniformLiIonTransportASEI", "decreases", "Overpotential") not in rows
    assert ("AirStableASEI", "providedBy", "PRPAAASEI") not in rows
    assert ("SelfHealingASEI", "providedBy", "SHCPE") not in rows
    for f in FUNCTIONS:
        assert {r for fn, r, _ in rows if fn == f} >= {"decreases", "providedBy", "polymer"}, f
